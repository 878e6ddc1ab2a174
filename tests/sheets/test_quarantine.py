"""Rows and whole files set aside: rejects with reasons, unreadable files, safety limits."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineError, CalamineWorkbook
from sheet_corpus import (
    billion_laughs_xlsx,
    corrupt_xlsx,
    empty_file,
    encrypted_ole,
    random_bytes_xlsx,
    standard_rows,
    write_csv,
    write_xlsx,
    zip_bomb_declared,
    zip_bomb_ratio,
)

from gwr.sheets import Limits, SheetResult, UnreadableFileError, read_sheet

HEADER = ["指标名称", "单位", "完成值", "增速", "年度目标"]


def read_rows(tmp_path: Path, data: list[list[object]]) -> SheetResult:
    return read_sheet(write_csv(tmp_path / "r.csv", standard_rows(header=HEADER, data=data)))


def test_bad_rows_are_rejected_with_row_number_raw_and_reason(tmp_path: Path) -> None:
    data: list[list[object]] = [
        ["地区生产总值", "亿元", "401.37", "5.8", ""],
        ["新建5G基站", "个", "abc", "", ""],
        ["改造老旧小区", "个", "21万平方米", "", ""],
        ["营造林", "公顷亩", "3", "", ""],
        ["", "个", "3", "", ""],
        ["招商引资", "亿元", "12", "亿元", ""],
        ["保交楼", "", "3000", "", ""],
        ["倍增计划", "倍", "2", "", ""],
    ]
    res = read_rows(tmp_path, data)
    assert [(r.indicator, r.measure) for r in res.records] == [
        ("地区生产总值", "amount"),
        ("地区生产总值", "growth_pct"),
    ]
    reasons = {r.row: r.reason for r in res.rejects}
    assert set(reasons) == {5, 6, 7, 8, 9, 10, 11}
    assert "'abc' is not a number" in reasons[5]
    assert "contradicts" in reasons[6]
    assert "unknown unit '公顷亩'" in reasons[7]
    assert "no indicator" in reasons[8]
    assert "is not a number" in reasons[9]  # "亿元" alone in the growth column
    assert "no unit" in reasons[10]
    assert "倍" in reasons[11]
    bad = next(r for r in res.rejects if r.row == 5)
    assert bad.raw == ["新建5G基站", "个", "abc"] and bad.sheet == "r"


def test_a_bad_cell_sets_the_whole_row_aside(tmp_path: Path) -> None:
    res = read_rows(tmp_path, [["社会消费品零售总额", "亿元", "230.5", "abc", "8%"]])
    assert res.records == []
    (rej,) = res.rejects
    assert "cell D4" in rej.reason


def test_empty_markers_report_nothing_and_are_never_silent(tmp_path: Path) -> None:
    data: list[list[object]] = [
        ["新建5G基站", "个", "650", "—", ""],  # growth empty marker: only the level
        ["改造老旧小区", "个", "—", "-", "113"],  # nothing at all: set aside
        ["新增养老床位", "张", "/", "", ""],
        ["营造林", "万亩", "空", "无", ""],
        ["建成乡镇全民健身中心", "个", "", "", ""],
    ]
    res = read_rows(tmp_path, data)
    assert [(r.indicator, r.value) for r in res.records] == [("新建5G基站", 650.0)]
    assert {r.row: r.reason.startswith("no value reported") for r in res.rejects} == {
        5: True,
        6: True,
        7: True,
        8: True,
    }
    assert res.empty_cells == 6  # —; —, -; /; 空, 无 (blank cells are not counted)


@pytest.mark.parametrize("marker", ["待统计", "暂无", "暂无数据"])
def test_not_available_is_null_never_zero(tmp_path: Path, marker: str) -> None:
    res = read_rows(tmp_path, [["粮食产量", "万吨", marker, "", "195"]])
    (rec,) = res.records
    assert rec.value is None and rec.value_base is None
    assert (rec.measure, rec.unit, rec.unit_base, rec.annual_target) == (
        "amount",
        "万吨",
        "吨",
        195.0,
    )


def test_growth_na_and_pp_in_growth_column(tmp_path: Path) -> None:
    res = read_rows(
        tmp_path,
        [
            ["规上工业增加值", "亿元", "", "待统计", "8%"],
            ["城镇化率", "%", "48.9", "0.6个百分点", "49"],
        ],
    )
    got = {(r.indicator, r.measure): (r.value, r.unit, r.annual_target) for r in res.records}
    assert got == {
        ("规上工业增加值", "growth_pct"): (None, "%", 8.0),
        ("城镇化率", "ratio_pct"): (48.9, "%", 49.0),
        ("城镇化率", "pp_change"): (0.6, "个百分点", None),
    }


def test_missing_period_or_department_is_a_reason(tmp_path: Path) -> None:
    rows = standard_rows(
        department=None, period=None, title=None, header=HEADER, data=[["x", "个", "1", "", ""]]
    )
    res = read_sheet(write_csv(tmp_path / "nothing.csv", rows))
    assert res.records == []
    assert "no reporting period" in res.rejects[0].reason
    res = read_sheet(write_csv(tmp_path / "2024年1-6月.csv", rows))
    assert "no reporting department" in res.rejects[0].reason


def test_formula_cached_value_is_read_uncached_is_rejected(tmp_path: Path) -> None:
    rows = standard_rows(header=HEADER, data=[["新建5G基站", "个", ("=300+350", 650), "", ""]])
    (rec,) = read_sheet(write_xlsx(tmp_path / "f.xlsx", [("Sheet1", rows, [])])).records
    assert rec.value == 650.0
    # openpyxl writes formulas without a cached value
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for r in standard_rows(
        header=HEADER,
        data=[["新建5G基站", "个", "=300+350", "", ""], ["老旧小区", "个", 60, "", ""]],
    ):
        ws.append(r)
    p = tmp_path / "g.xlsx"
    wb.save(p)
    res = read_sheet(p)
    assert [r.indicator for r in res.records] == ["老旧小区"]
    (rej,) = res.rejects
    assert rej.row == 4 and "formula without a cached value" in rej.reason


# --- whole files ----------------------------------------------------------------------


def unreadable(path: Path, **kw: object) -> str:
    with pytest.raises(UnreadableFileError) as exc:
        read_sheet(path, **kw)  # type: ignore[arg-type]
    return str(exc.value)


def test_corrupt_files(tmp_path: Path) -> None:
    assert "corrupt" in unreadable(corrupt_xlsx(tmp_path / "c.xlsx"))
    assert "not a zip container" in unreadable(random_bytes_xlsx(tmp_path / "r.xlsx"))
    (tmp_path / "r.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600)
    assert "corrupt" in unreadable(tmp_path / "r.xls")
    (tmp_path / "bin.csv").write_bytes(b"\x00\x01\x02binary")
    assert "binary" in unreadable(tmp_path / "bin.csv")


def test_encrypted_workbook(tmp_path: Path) -> None:
    assert "encrypted" in unreadable(encrypted_ole(tmp_path / "secret.xlsx"))


def test_empty_files_and_sheets(tmp_path: Path) -> None:
    assert "empty file" in unreadable(empty_file(tmp_path / "e.xlsx"))
    assert "empty file" in unreadable(empty_file(tmp_path / "e.csv"))
    (tmp_path / "blank.csv").write_text("\n\n  \n", encoding="utf-8")
    assert "empty" in unreadable(tmp_path / "blank.csv")
    p = write_xlsx(tmp_path / "zero.xlsx", [("Sheet1", [], [])])
    assert "empty workbook" in unreadable(p)
    header_only = standard_rows(data=[["合计", "", "", "", "", "", ""]])
    assert "no data rows" in unreadable(write_csv(tmp_path / "h.csv", header_only))
    only_notes = write_xlsx(tmp_path / "notes.xlsx", [("说明", [["填表说明"]], [])])
    assert "说明" in unreadable(only_notes)


def test_not_a_table(tmp_path: Path) -> None:
    rows = [["会议纪要"], ["时间：2024年6月", "地点：市政府"], ["内容", "略"]]
    reason = unreadable(write_xlsx(tmp_path / "memo.xlsx", [("Sheet1", rows, [])]))
    assert reason.startswith("not a table")
    assert "not a table" in unreadable(write_csv(tmp_path / "x.csv", [["a", "b"], [1, 2]]))


def test_oversize(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "a.csv", standard_rows())
    assert "over the" in unreadable(p, limits=Limits(max_file_bytes=100))
    big = tmp_path / "big.xlsx"
    with big.open("wb") as fh:  # sparse: 26 MB on paper, nothing on disk
        fh.truncate(26 * 1024 * 1024)
    assert "too large" in unreadable(big)
    far = write_xlsx(tmp_path / "far.xlsx", [("Sheet1", standard_rows(), [])])
    assert "cells" in unreadable(far, limits=Limits(max_cells=20))
    import xlsxwriter

    sparse = tmp_path / "sparse.xlsx"  # one cell at the far corner: a huge used range
    wb = xlsxwriter.Workbook(str(sparse))
    wb.add_worksheet("Sheet1").write(1_048_575, 16_383, "x")
    wb.close()
    assert "rows" in unreadable(sparse)
    many = write_csv(tmp_path / "many.csv", standard_rows())
    assert "rows" in unreadable(many, limits=Limits(max_rows=3))


def test_zip_bombs_refused_before_decompressing(tmp_path: Path) -> None:
    assert "zip bomb" in unreadable(zip_bomb_ratio(tmp_path / "ratio.xlsx"))
    assert "zip bomb" in unreadable(zip_bomb_declared(tmp_path / "declared.xlsx"))
    p = write_xlsx(tmp_path / "ok.xlsx", [("Sheet1", standard_rows(), [])])
    total = sum(i.file_size for i in zipfile.ZipFile(p).infolist())
    assert "zip bomb" in unreadable(p, limits=Limits(max_uncompressed_bytes=total - 1))


def test_billion_laughs_is_refused_and_calamine_does_not_expand(tmp_path: Path) -> None:
    p = billion_laughs_xlsx(tmp_path / "lol.xlsx")
    assert "DTD" in unreadable(p)
    # Even without our pre-check, calamine does not expand entities: it errors out or
    # yields the text unexpanded (never 10^9 "lol").
    try:
        rows = CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0).to_python()
    except CalamineError:
        return
    assert sum(len(str(c)) for row in rows for c in row) < 10_000
