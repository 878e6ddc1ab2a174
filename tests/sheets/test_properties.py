"""Property tests: values and periods as the reader sees them read back exactly."""

from __future__ import annotations

import calendar
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_corpus import standard_rows, write_csv

from gwr.sheets import SheetResult, read_sheet
from gwr.units import EMPTY_MARKERS, NOT_AVAILABLE_MARKERS

FULLWIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
UNITS = {"亿元": 10**8, "万人": 10**4, "个": 1, "万平方米": 10**4, "吨": 1, "家": 1}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def render(value: Decimal, separators: bool, fullwidth: bool) -> str:
    text = f"{value:,f}" if separators else f"{value:f}"
    return text.translate(FULLWIDTH) if fullwidth else text


def read_one(rows: list[list[object]], name: str = "a.csv") -> SheetResult:
    with tempfile.TemporaryDirectory() as d:
        return read_sheet(write_csv(Path(d) / name, rows))


values = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(
    value=values,
    unit=st.sampled_from(sorted(UNITS)),
    separators=st.booleans(),
    fullwidth=st.booleans(),
    unit_in_cell=st.booleans(),
    encoding=st.sampled_from(["utf-8", "gbk"]),
)
def test_any_rendered_number_reads_back_equal(
    value: Decimal, unit: str, separators: bool, fullwidth: bool, unit_in_cell: bool, encoding: str
) -> None:
    cell = render(value, separators, fullwidth) + (unit if unit_in_cell else "")
    header = ["指标名称", "计量单位", "完成值"]
    rows = standard_rows(header=header, data=[["某项指标", "" if unit_in_cell else unit, cell]])
    with tempfile.TemporaryDirectory() as d:
        res = read_sheet(write_csv(Path(d) / "a.csv", rows, encoding=encoding))
    assert res.rejects == []
    (rec,) = res.records
    assert rec.value == float(value)
    assert rec.unit == unit
    assert rec.value_base == float(value * UNITS[unit])
    assert rec.measure == ("amount" if unit in ("亿元", "万平方米", "吨") else "count")


@SETTINGS
@given(
    value=st.decimals(
        min_value=-50, max_value=200, places=1, allow_nan=False, allow_infinity=False
    ),
    fullwidth=st.booleans(),
    suffix=st.sampled_from(["", "%"]),
)
def test_growth_cells_read_back_equal(value: Decimal, fullwidth: bool, suffix: str) -> None:
    cell = render(value, False, fullwidth) + suffix
    if fullwidth:
        cell = cell.translate(FULLWIDTH)
    rows = standard_rows(
        header=["指标名称", "单位", "完成值", "同比增长"],
        data=[["社会消费品零售总额", "亿元", "", cell]],
    )
    (rec,) = read_one(rows).records
    assert (rec.measure, rec.value, rec.unit) == ("growth_pct", float(value), "%")


def expected_period(form: str, year: int, month: int) -> tuple[str, str, str]:
    last = calendar.monthrange(year, month)[1]
    q = (month - 1) // 3 + 1
    if form == "range":
        return f"{year}年1-{month}月", f"{year}-01-01", f"{year}-{month:02d}-{last:02d}"
    if form == "month":
        return f"{year}年{month}月", f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}"
    if form == "iso":
        return f"{year}-{month:02d}", f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}"
    qend = 3 * q
    qlast = calendar.monthrange(year, qend)[1]
    start = f"{year}-{qend - 2:02d}-01"
    if form == "quarter":
        cn = "一二三四"[q - 1]
        return f"{year}年{cn}季度", start, f"{year}-{qend:02d}-{qlast:02d}"
    if form == "q":
        return f"{year}Q{q}", start, f"{year}-{qend:02d}-{qlast:02d}"
    if form == "half":
        h = "上半年" if month <= 6 else "下半年"
        return (
            f"{year}年{h}",
            f"{year}-01-01" if month <= 6 else f"{year}-07-01",
            f"{year}-06-30" if month <= 6 else f"{year}-12-31",
        )
    return f"{year}年全年", f"{year}-01-01", f"{year}-12-31"


@SETTINGS
@given(
    year=st.integers(min_value=2000, max_value=2099),
    month=st.integers(min_value=1, max_value=12),
    form=st.sampled_from(["range", "month", "iso", "quarter", "q", "half", "full"]),
    where=st.sampled_from(["info", "file", "column"]),
)
def test_every_period_form_anywhere_reads_back(
    year: int, month: int, form: str, where: str
) -> None:
    text, start, end = expected_period(form, year, month)
    header = ["指标名称", "单位", "完成值"]
    data: list[list[object]] = [["新增就业", "万人", "1.5"]]
    name = "a.csv"
    period = None
    if where == "info":
        period = text
    elif where == "file":
        name = f"市人社局_{text}.csv"
    else:
        header = [*header, "统计期"]
        data = [[*data[0], text]]
    rows = standard_rows(period=period, title="目标任务完成情况表", header=header, data=data)
    (rec,) = read_one(rows, name).records
    assert (rec.period_start, rec.period_end) == (start, end)


@SETTINGS
@given(marker=st.sampled_from(sorted(m for m in EMPTY_MARKERS if m)))
def test_every_empty_marker_reports_nothing_but_is_set_aside(marker: str) -> None:
    rows = standard_rows(header=["指标名称", "单位", "完成值"], data=[["新建5G基站", "个", marker]])
    res = read_one(rows)
    assert res.records == []
    (rej,) = res.rejects
    assert rej.reason.startswith("no value reported")


@SETTINGS
@given(marker=st.sampled_from(sorted(NOT_AVAILABLE_MARKERS)))
def test_every_not_available_marker_is_null_never_zero(marker: str) -> None:
    rows = standard_rows(header=["指标名称", "单位", "完成值"], data=[["粮食产量", "万吨", marker]])
    (rec,) = read_one(rows).records
    assert rec.value is None and rec.value_base is None and rec.unit == "万吨"


cell_texts = st.one_of(
    st.sampled_from(
        [
            "指标名称",
            "完成值",
            "增速",
            "单位",
            "年度目标",
            "统计期：2024年1-6月",
            "填报单位：市统计局",
            "合计",
            "注：",
            "—",
            "待统计",
            "亿元",
            "%",
            "1-6月",
            "abc",
            "",
            "12.5",
            "３万人",
            "1,234",
        ]
    ),
    st.text(max_size=8),
)


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.lists(cell_texts, min_size=1, max_size=6), min_size=1, max_size=8))
def test_arbitrary_tables_never_crash(rows: list[list[str]]) -> None:
    """Whatever a department sends, the reader returns a result or a file-level reason."""
    from gwr.sheets import UnreadableFileError

    try:
        res = read_one([list(r) for r in rows])
    except UnreadableFileError as exc:
        assert str(exc)
        return
    for rec in res.records:
        assert rec.measure in {"growth_pct", "pp_change", "ratio_pct", "count", "amount"}
        assert rec.value is None or rec.value == rec.value  # never NaN
    for rej in res.rejects:
        assert rej.reason


@settings(max_examples=40, deadline=None)
@given(
    data=st.binary(min_size=1, max_size=2048),
    suffix=st.sampled_from([".xlsx", ".xls", ".csv", ".ods"]),
)
def test_arbitrary_bytes_never_crash(data: bytes, suffix: str) -> None:
    from gwr.sheets import UnreadableFileError

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"x{suffix}"
        p.write_bytes(data)
        try:
            read_sheet(p)
        except UnreadableFileError as exc:
            assert str(exc)
