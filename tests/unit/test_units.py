"""Tests for gwr.units."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwr.units import (
    BASE_UNITS,
    EMPTY_MARKERS,
    NOT_AVAILABLE_MARKERS,
    SCALE_PREFIXES,
    Quantity,
    convert,
    is_empty_marker,
    is_not_available_marker,
    parse_quantity,
    parse_unit,
    to_base,
    unit_from_header,
)

D = Decimal

# --- parse_unit ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "base", "factor", "kind"),
    [
        ("万人", "人", 10**4, "count"),
        ("亿元", "元", 10**8, "amount"),
        ("万元", "元", 10**4, "amount"),
        ("元", "元", 1, "amount"),
        ("万美元", "美元", 10**4, "amount"),
        ("亿美元", "美元", 10**8, "amount"),
        ("万亩", "亩", 10**4, "amount"),
        ("万平方米", "平方米", 10**4, "amount"),
        ("平方公里", "平方公里", 1, "amount"),
        ("平方千米", "平方公里", 1, "amount"),
        ("公顷", "公顷", 1, "amount"),
        ("万千瓦", "千瓦", 10**4, "amount"),
        ("百万千瓦", "千瓦", 10**6, "amount"),
        ("千瓦", "千瓦", 1, "amount"),
        ("千瓦时", "千瓦时", 1, "amount"),
        ("亿千瓦时", "千瓦时", 10**8, "amount"),
        ("度", "千瓦时", 1, "amount"),
        ("万吨标准煤", "吨标准煤", 10**4, "amount"),
        ("亿斤", "斤", 10**8, "amount"),
        ("万吨", "吨", 10**4, "amount"),
        ("千克", "公斤", 1, "amount"),
        ("公里", "公里", 1, "amount"),
        ("千米", "公里", 1, "amount"),
        ("万立方米", "立方米", 10**4, "amount"),
        ("万标箱", "标箱", 10**4, "amount"),
        ("TEU", "标箱", 1, "amount"),
        ("户", "户", 1, "count"),
        ("家", "家", 1, "count"),
        ("个", "个", 1, "count"),
        ("所", "所", 1, "count"),
        ("人次", "人次", 1, "count"),
        ("万人次", "人次", 10**4, "count"),
        ("亿人次", "人次", 10**8, "count"),
        ("十万人", "人", 10**5, "count"),
        ("千万元", "元", 10**7, "amount"),
        ("万亿元", "元", 10**12, "amount"),
        ("%", "%", 1, "percent"),
        ("％", "%", 1, "percent"),
        ("个百分点", "个百分点", 1, "pp"),
        ("百分点", "个百分点", 1, "pp"),
        ("倍", "倍", 1, "multiple"),
        ("（亿元）", "元", 10**8, "amount"),
        ("(万人)", "人", 10**4, "count"),
        ("单位：万元", "元", 10**4, "amount"),
        (" 亿元 ", "元", 10**8, "amount"),
    ],
)
def test_parse_unit_examples(text: str, base: str, factor: int, kind: str) -> None:
    u = parse_unit(text)
    assert u is not None
    assert (u.base, u.factor, u.kind) == (base, D(factor), kind)


def test_parse_unit_permille_and_cheng() -> None:
    u = parse_unit("‰")
    assert u is not None and u.kind == "percent" and u.factor == D("0.1")
    u = parse_unit("成")
    assert u is not None and u.kind == "percent" and u.factor == 10


def test_parse_unit_compound() -> None:
    u = parse_unit("万元/亩")
    assert u is not None
    assert (u.base, u.factor, u.kind) == ("元/亩", D(10**4), "amount")


@pytest.mark.parametrize("text", ["", "foo", "万%", "万倍", "亿个百分点", "万万", "年度目标"])
def test_parse_unit_unknown(text: str) -> None:
    assert parse_unit(text) is None


def test_every_base_unit_parses_to_itself_and_kind_is_valid() -> None:
    kinds = {"count", "amount", "percent", "pp", "multiple"}
    for written, (base, factor, kind, _dim) in BASE_UNITS.items():
        u = parse_unit(written)
        assert u is not None, written
        assert (u.base, u.factor, u.kind) == (base, factor, kind)
        assert kind in kinds
        # the base spelling is itself a unit with factor 1 (canonical)
        b = parse_unit(base)
        assert b is not None and b.base == base and b.factor == 1, base


_SCALABLE = sorted(u for u, v in BASE_UNITS.items() if v[2] in ("count", "amount"))


@settings(deadline=None)
@given(
    st.sampled_from(sorted(SCALE_PREFIXES)),
    st.sampled_from(_SCALABLE),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**6), max_value=10**6
    ),
)
def test_to_base_is_exact_product(prefix: str, unit: str, value: Decimal) -> None:
    written = prefix + unit
    u = parse_unit(written)
    assert u is not None, written
    if u.base == BASE_UNITS[unit][0]:
        # the prefix was recognised as a scale (not part of another base like 千瓦)
        base_value, base = to_base(value, written)
        assert base == u.base
        assert base_value == value * u.factor


@settings(deadline=None)
@given(
    st.sampled_from(sorted(SCALE_PREFIXES)),
    st.sampled_from(["人", "元", "亩", "吨", "户", "平方米", "美元", "人次", "标箱"]),
    st.integers(min_value=-(10**9), max_value=10**9),
)
def test_to_base_factor_matches_prefix(prefix: str, unit: str, value: int) -> None:
    base_value, base = to_base(D(value), prefix + unit)
    assert base == unit
    assert base_value == D(value) * SCALE_PREFIXES[prefix]


def test_to_base_unknown_and_empty_unchanged() -> None:
    assert to_base(D("3"), "个行政村") == (D("3"), "个行政村")
    assert to_base(D("3"), "") == (D("3"), "")
    assert str(to_base(D("2.1"), "万人")[0]) == "21000"


def test_convert_within_dimension() -> None:
    assert convert(D(3), "公里", "米") == 3000
    assert convert(D(3000), "米", "公里") == 3
    assert convert(D(1), "万公顷", "亩") == 150000
    assert convert(D(15), "亩", "平方米") == 10000
    assert convert(D(2), "吨", "斤") == 4000
    assert convert(D(5), "亿元", "万元") == 50000
    assert convert(D(1), "平方公里", "亩") == 1500
    assert convert(D(3), "万千瓦", "兆瓦") == 30
    assert convert(D(1), "公里", "吨") is None
    assert convert(D(1), "foo", "米") is None


# --- markers -------------------------------------------------------------------


@pytest.mark.parametrize(
    "s", ["", " ", "—", "——", "-", "－", "/", "／", "空", "无", "…", "nan", None]
)
def test_empty_markers(s: str | None) -> None:
    assert is_empty_marker(s)
    assert parse_quantity(s) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "s", ["待统计", "暂无", "暂无数据", " 待统计 ", "（待统计）", "N/A", "暂无数据（未发布）"]
)
def test_not_available_markers(s: str) -> None:
    assert is_not_available_marker(s)
    assert not is_empty_marker(s)
    q = parse_quantity(s, "亿元")
    assert q is not None
    assert q.value is None and q.value_base is None
    assert (q.unit, q.unit_base, q.kind) == ("亿元", "元", "amount")


def test_marker_sets_disjoint_and_parse() -> None:
    assert not (EMPTY_MARKERS & NOT_AVAILABLE_MARKERS)
    for m in NOT_AVAILABLE_MARKERS:
        q = parse_quantity(m)
        assert q is not None and q.value is None, m
    for m in EMPTY_MARKERS:
        assert parse_quantity(m) is None, m


def test_zero_is_not_a_marker() -> None:
    q = parse_quantity("0")
    assert q is not None and q.value == 0


# --- parse_quantity --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint", "value", "unit", "value_base", "unit_base", "kind"),
    [
        ("410亿元", None, "410", "亿元", "41000000000", "元", "amount"),
        ("8.5%", None, "8.5", "%", "8.5", "%", "percent"),
        ("８．５％", None, "8.5", "%", "8.5", "%", "percent"),
        ("-12.3%", None, "-12.3", "%", "-12.3", "%", "percent"),
        ("2.1万人", None, "2.1", "万人", "21000", "人", "count"),
        ("１８家", None, "18", "家", "18", "家", "count"),
        ("1,234", None, "1234", "", "1234", "", None),
        ("1,234", "万元", "1234", "万元", "12340000", "元", "amount"),
        ("410", "亿元", "410", "亿元", "41000000000", "元", "amount"),
        ("410", "（亿元）", "410", "亿元", "41000000000", "元", "amount"),
        ("5.8", "%", "5.8", "%", "5.8", "%", "percent"),
        ("410亿元", "万元", "410", "亿元", "41000000000", "元", "amount"),
        ("3.5万亿元", None, "3.5", "万亿元", "3500000000000", "元", "amount"),
        ("1亿2千万元", None, "120000000", "元", "120000000", "元", "amount"),
        ("两万人", None, "2", "万人", "20000", "人", "count"),
        ("十五万人", None, "15", "万人", "150000", "人", "count"),
        ("一千二百户", None, "1200", "户", "1200", "户", "count"),
        ("一千二百万元", None, "1200", "万元", "12000000", "元", "amount"),
        ("百分之十五", None, "15", "%", "15", "%", "percent"),
        ("约410亿元", None, "410", "亿元", "41000000000", "元", "amount"),
        ("410亿元左右", None, "410", "亿元", "41000000000", "元", "amount"),
        ("410余亿元", None, "410", "亿元", "41000000000", "元", "amount"),
        ("1.5倍", None, "1.5", "倍", "1.5", "倍", "multiple"),
        ("3个百分点", None, "3", "个百分点", "3", "个百分点", "pp"),
        ("１，２３４．５万元", None, "1234.5", "万元", "12345000", "元", "amount"),
        ("12 万 人", None, "12", "万人", "120000", "人", "count"),
        ("12个行政村", None, "12", "个行政村", "12", "个行政村", None),
    ],
)
def test_parse_quantity_examples(
    text: str,
    hint: str | None,
    value: str,
    unit: str,
    value_base: str,
    unit_base: str,
    kind: str | None,
) -> None:
    q = parse_quantity(text, hint)
    assert q == Quantity(D(value), unit, D(value_base), unit_base, kind)


@pytest.mark.parametrize(
    "text", ["abc", "410亿元，增长5%", "增长", "增长率", "1-6月", "亿元", "12e", "(12)"]
)
def test_parse_quantity_rejects(text: str) -> None:
    assert parse_quantity(text) is None


def test_parse_quantity_numeric_cells() -> None:
    q = parse_quantity(8.5, "%")  # type: ignore[arg-type]
    assert q is not None and q.value == D("8.5") and q.kind == "percent"
    q = parse_quantity(12)  # type: ignore[arg-type]
    assert q is not None and q.value == 12
    assert parse_quantity(float("nan")) is None  # type: ignore[arg-type]


@settings(deadline=None)
@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=0, max_value=10**9),
    st.sampled_from(sorted(SCALE_PREFIXES)),
    st.sampled_from(["人", "元", "亩", "吨", "户", "平方米", "美元"]),
    st.booleans(),
)
def test_parse_quantity_round_trip(value: Decimal, prefix: str, unit: str, grouped: bool) -> None:
    text = f"{value:,f}" if grouped else f"{value:f}"
    q = parse_quantity(text + prefix + unit)
    assert q is not None
    assert q.value == value
    assert q.unit == prefix + unit
    assert q.unit_base == unit
    assert q.value_base == value * SCALE_PREFIXES[prefix]


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("增长5.8%", "5.8", "%", "percent"),
        ("同比增长5.8%", "5.8", "%", "percent"),
        ("下降3.2%", "-3.2", "%", "percent"),
        ("下降约2%", "-2", "%", "percent"),
        ("提高3个百分点", "3", "个百分点", "pp"),
        ("比上年下降1.5个百分点", "-1.5", "个百分点", "pp"),
        ("增长百分之五", "5", "%", "percent"),
        ("410亿元(快报)", "410", "亿元", "amount"),
        ("8.5%（初步）", "8.5", "%", "percent"),
        ("410(亿元)", "410", "亿元", "amount"),
        ("2万多人", "2", "万人", "count"),
        ("1000多人", "1000", "人", "count"),
        ("3万余个", "3", "万个", "count"),
        ("3成", "3", "成", "percent"),
        ("1.2E+5", "120000", "", None),
    ],
)
def test_parse_quantity_words_and_notes(text: str, value: str, unit: str, kind: str | None) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.unit, q.kind) == (D(value), unit, kind)


@settings(deadline=None)
@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=1, min_value=0, max_value=1000),
    st.sampled_from(["下降", "减少", "回落", "增长", "提高", "上升"]),
    st.sampled_from(["%", "个百分点"]),
)
def test_direction_words_set_sign(value: Decimal, word: str, unit: str) -> None:
    q = parse_quantity(f"{word}{value:f}{unit}")
    assert q is not None
    expected = -value if word in ("下降", "减少", "回落") else value
    assert q.value == expected


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("完成投资（亿元）", "亿元"),
        ("增长(%)", "%"),
        ("同比增长（%）", "%"),
        ("目标值[万人]", "万人"),
        ("完成值万元", "万元"),
        ("增速%", "%"),
        ("单位：万元", "万元"),
        ("计量单位:万吨", "万吨"),
        ("完成额(万元)", "万元"),
    ],
)
def test_unit_from_header(header: str, unit: str) -> None:
    u = unit_from_header(header)
    assert u is not None and u.text == unit


@pytest.mark.parametrize(
    "header", ["责任人", "年度目标", "1-6月完成", "计量单位", "备注（说明）", ""]
)
def test_unit_from_header_none(header: str) -> None:
    assert unit_from_header(header) is None


def test_parse_quantity_uses_header_as_hint() -> None:
    q = parse_quantity("5.8", "增长(%)")
    assert q is not None and (q.unit, q.kind) == ("%", "percent")


def _cn_under_10000(n: int) -> str:
    digits = "零一二三四五六七八九"
    out, zero = [], False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit_value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(digits[d] + unit)
    return "".join(out)


@settings(deadline=None)
@given(
    st.integers(min_value=1, max_value=9999),
    st.sampled_from(["万", "亿", ""]),
    st.sampled_from(["人", "元", "户", "吨"]),
)
def test_chinese_numeral_quantities(n: int, scale: str, unit: str) -> None:
    q = parse_quantity(_cn_under_10000(n) + scale + unit)
    assert q is not None
    assert q.unit_base == unit
    factor = {"万": 10**4, "亿": 10**8, "": 1}[scale]
    assert q.value_base == n * factor
    assert q.value * parse_unit(q.unit).factor == q.value_base  # type: ignore[union-attr]


_CELLISH = st.text(
    alphabet=st.sampled_from(
        list("0123456789,.-% 万亿千百十一二两约余多人元户亩吨待统计暂无—/（）()增长下降个百分点")
    ),
    max_size=14,
)


@settings(deadline=None)
@given(st.one_of(st.text(max_size=16), _CELLISH), st.one_of(st.none(), st.text(max_size=8)))
def test_parse_quantity_total(s: str, hint: str | None) -> None:
    """Never raises; a value, when present, scales to value_base by the unit's factor."""
    q = parse_quantity(s, hint)
    if q is None or q.value is None:
        return
    u = parse_unit(q.unit) if q.unit else None
    if u is not None:
        assert q.value_base == q.value * u.factor
        assert q.unit_base == u.base
    else:
        assert q.value_base == q.value


_EXACT_PAIRS = [
    ("公里", "米"),
    ("吨", "公斤"),
    ("吨", "斤"),
    ("平方公里", "公顷"),
    ("兆瓦", "千瓦"),
]


@settings(deadline=None)
@given(
    st.sampled_from(_EXACT_PAIRS),
    st.sampled_from(["", "万", "亿"]),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**6), max_value=10**6
    ),
)
def test_convert_round_trip(pair: tuple[str, str], prefix: str, v: Decimal) -> None:
    a, b = pair
    there = convert(v, prefix + a, b)
    assert there is not None
    assert convert(there, b, prefix + a) == v
