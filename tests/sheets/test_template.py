"""write_template -> filled by a department (openpyxl) -> read_sheet: lossless."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from gwr.sheets import TemplateTarget, read_sheet, write_template

TARGETS = [
    TemplateTarget("地区生产总值增长", "%", 6.0, "growth_pct", ">="),
    TemplateTarget("城镇新增就业", "万人", 2.8, "count", ">="),
    TemplateTarget("改造老旧小区", "个", 113.0, "count", "="),
    TemplateTarget("常住人口城镇化率", "%", 49.0, "ratio_pct", ">="),
    TemplateTarget("省市重点项目完成投资", "亿元", 410.0, "amount", ">="),
    TemplateTarget("规上企业数字化应用普及率提高", "个百分点", 2.0, "pp_change", "="),
    TemplateTarget("粮食总产量", "万吨", 195.0, "amount", ">="),
    TemplateTarget("城镇居民人均可支配收入稳步增长", "", None, "qualitative", None),
]


def test_template_layout(tmp_path: Path) -> None:
    p = write_template(tmp_path / "t.xlsx", "市发改委", TARGETS, region="巴中市", year=2024)
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames == ["完成情况", "填表说明"]
    ws = wb["完成情况"]
    assert ws["A1"].value == "巴中市2024年目标任务完成情况表"
    assert ws["A2"].value == "填报单位：市发改委"
    assert ws["E2"].value == "统计期："
    assert [c.value for c in ws[3]] == [
        "序号",
        "指标名称",
        "计量单位",
        "年度目标",
        "完成值",
        "增速（%）",
        "备注",
    ]
    assert ws.max_row == 3 + 7  # the qualitative target has nothing to fill in
    assert ws.protection.sheet is True
    assert ws["B4"].protection.locked is True
    assert ws["F4"].protection.locked is False  # growth target: 增速 cell open
    assert ws["E5"].protection.locked is False
    assert ws["F2"].protection.locked is False  # the period cell
    dv = ws.data_validations.dataValidation
    assert len(dv) == 1 and dv[0].type == "custom" and "ISNUMBER" in dv[0].formula1
    sheet_xml = zipfile.ZipFile(p).read("xl/worksheets/sheet1.xml").decode()
    assert "<sheetProtection" in sheet_xml


def test_round_trip_is_lossless(tmp_path: Path) -> None:
    p = write_template(tmp_path / "t.xlsx", "市发改委", TARGETS, region="巴中市", year=2024)
    wb = openpyxl.load_workbook(p)
    ws = wb["完成情况"]
    ws["F2"] = "2024年1-6月"
    fills = {
        4: (None, 5.9),
        5: (1.62, None),
        6: (58, None),
        7: (48.6, None),
        8: (230.55, 3.2),
        9: (1.1, None),
        10: ("待统计", None),
    }
    for r, (value, growth) in fills.items():
        if value is not None:
            ws.cell(r, 5, value)
        if growth is not None:
            ws.cell(r, 6, growth)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    res = read_sheet(filled)
    assert res.rejects == []
    got = [
        (
            r.indicator,
            r.measure,
            r.value,
            r.unit,
            r.annual_target,
            r.department,
            r.period_end,
            r.row,
        )
        for r in res.records
    ]
    assert got == [
        ("地区生产总值增长", "growth_pct", 5.9, "%", 6.0, "市发改委", "2024-06-30", 4),
        ("城镇新增就业", "count", 1.62, "万人", 2.8, "市发改委", "2024-06-30", 5),
        ("改造老旧小区", "count", 58.0, "个", 113.0, "市发改委", "2024-06-30", 6),
        ("常住人口城镇化率", "ratio_pct", 48.6, "%", 49.0, "市发改委", "2024-06-30", 7),
        ("省市重点项目完成投资", "amount", 230.55, "亿元", 410.0, "市发改委", "2024-06-30", 8),
        ("省市重点项目完成投资", "growth_pct", 3.2, "%", None, "市发改委", "2024-06-30", 8),
        (
            "规上企业数字化应用普及率提高",
            "pp_change",
            1.1,
            "个百分点",
            2.0,
            "市发改委",
            "2024-06-30",
            9,
        ),
        ("粮食总产量", "amount", None, "万吨", 195.0, "市发改委", "2024-06-30", 10),
    ]
    assert res.region == "巴中市"


def test_unfilled_template_sets_every_row_aside_with_a_reason(tmp_path: Path) -> None:
    p = write_template(
        tmp_path / "t.xlsx",
        "市人社局",
        [{"indicator_text": "城镇新增就业", "unit": "万人", "value": 2.8, "measure": "count"}],
        region="巴中市",
        period="2024年1-9月",
    )
    res = read_sheet(p)
    assert res.records == []
    (rej,) = res.rejects
    assert rej.row == 4 and rej.reason.startswith("no value reported")
