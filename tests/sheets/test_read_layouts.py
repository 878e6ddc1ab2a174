"""read_sheet over the messy layouts of CONTRACT §1.2 (files built into tmp_path)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sheet_corpus import (
    DATA,
    HEADER,
    TITLE,
    standard_rows,
    two_row_header_rows,
    write_csv,
    write_ods,
    write_xls,
    write_xlsx,
)

from gwr.sheets import SheetRecord, SheetResult, read_sheet


def by_indicator(res: SheetResult) -> dict[tuple[str, str], SheetRecord]:
    return {(r.indicator, r.measure): r for r in res.records}


def check_standard(res: SheetResult, department: str = "市统计局") -> None:
    recs = by_indicator(res)
    gdp = recs[("地区生产总值", "amount")]
    assert (gdp.value, gdp.unit, gdp.value_base, gdp.unit_base) == (
        401.37,
        "亿元",
        40137000000.0,
        "元",
    )
    assert (gdp.period_start, gdp.period_end) == ("2024-01-01", "2024-06-30")
    assert gdp.department == department
    growth = recs[("地区生产总值", "growth_pct")]
    assert (growth.value, growth.unit, growth.row) == (5.8, "%", gdp.row)
    ind = recs[("规模以上工业增加值增速", "growth_pct")]
    assert (ind.value, ind.annual_target) == (8.9, 8.0)
    jobs = recs[("城镇新增就业", "count")]
    assert (jobs.value, jobs.unit, jobs.value_base, jobs.unit_base) == (1.62, "万人", 16200.0, "人")
    assert jobs.annual_target == 2.8
    g5 = recs[("新建5G基站", "count")]
    assert (g5.value, g5.annual_target) == (650.0, 1000.0)
    urban = recs[("常住人口城镇化率", "ratio_pct")]
    assert (urban.value, urban.annual_target) == (48.6, 49.0)
    grain = recs[("粮食总产量", "amount")]
    assert grain.value is None and grain.value_base is None
    assert (grain.unit, grain.unit_base, grain.annual_target) == ("万吨", "吨", 195.0)
    assert len(res.records) == 7, res.records
    assert res.rejects == []
    assert res.empty_cells == 1  # the "—" in the 5G row


def test_xlsx_title_info_rows_and_header(tmp_path: Path) -> None:
    p = write_xlsx(tmp_path / "a.xlsx", [("Sheet1", standard_rows(), [(0, 0, 0, 6)])])
    res = read_sheet(p)
    check_standard(res)
    assert res.region == "巴中市"  # from the title
    first = res.records[0]
    assert (first.sheet, first.row) == ("Sheet1", 4)  # title, info, header, then row 4


def test_xls_and_ods(tmp_path: Path) -> None:
    check_standard(read_sheet(write_xls(tmp_path / "a.xls", standard_rows(), [(0, 0, 0, 6)])))
    check_standard(read_sheet(write_ods(tmp_path / "a.ods", standard_rows())))


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", False), ("utf-8", True), ("gbk", False), ("gb18030", False)],
)
def test_csv_encodings(tmp_path: Path, encoding: str, bom: bool) -> None:
    p = write_csv(tmp_path / "a.csv", standard_rows(), encoding=encoding, bom=bom)
    check_standard(read_sheet(p))


def test_gbk_detection_is_not_a_blind_guess(tmp_path: Path) -> None:
    from gwr.sheets.loading import decode_text

    text = "指标名称,完成值\n地区生产总值,401.37亿元\n"
    assert decode_text(text.encode("gbk")) == (text, "gb18030")
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_two_row_merged_header(tmp_path: Path, fmt: str) -> None:
    rows, merges = two_row_header_rows()
    rows.insert(4, ["一、投资", "", "", "", ""])  # a section banner merged across the row
    rows = [r + [""] * (5 - len(r)) for r in rows]
    merges = [*merges, (4, 0, 4, 4)]
    if fmt == "xlsx":
        p = write_xlsx(tmp_path / "b.xlsx", [("Sheet1", rows, merges)])
    else:
        p = write_xls(tmp_path / "b.xls", rows, merges)
    res = read_sheet(p)
    recs = by_indicator(res)
    fai = recs[("固定资产投资", "growth_pct")]
    assert (fai.value, fai.annual_target, fai.department) == (4.6, 5.0, "市发改委")
    assert recs[("固定资产投资", "amount")].value == 210.5
    key = recs[("省市重点项目完成投资", "amount")]
    assert (key.value, key.annual_target, key.row) == (230.6, 410.0, 7)
    assert len(res.records) == 3  # 合计 and 注： rows skipped
    assert res.rejects == []


def test_two_row_header_without_merge_info_csv(tmp_path: Path) -> None:
    rows, _ = two_row_header_rows()
    res = read_sheet(write_csv(tmp_path / "b.csv", rows))
    assert {(r.indicator, r.measure, r.value) for r in res.records} == {
        ("固定资产投资", "amount", 210.5),
        ("固定资产投资", "growth_pct", 4.6),
        ("省市重点项目完成投资", "amount", 230.6),
    }


@pytest.mark.parametrize(
    ("indicator_h", "value_h", "unit_h", "target_h"),
    [
        ("指标", "完成值", "单位", "年度目标"),
        ("指标名称", "实际完成", "计量单位", "目标值"),
        ("目标任务", "累计完成", "单位", "全年目标"),
        ("主要指标", "本期完成", "计量单位", "年度目标"),
        ("项目", "1-6月完成", "单位", "目标值"),
        ("指标名称", "完成情况", "单位", "全年目标"),
    ],
)
def test_header_name_variants(
    tmp_path: Path, indicator_h: str, value_h: str, unit_h: str, target_h: str
) -> None:
    header = ["序号", indicator_h, unit_h, target_h, value_h, "增速（%）", "备注"]
    p = write_csv(tmp_path / "v.csv", standard_rows(header=header))
    check_standard(read_sheet(p))


@pytest.mark.parametrize(
    "growth_h", ["增速", "同比增长", "增长(%)", "增长（%）", "比上年同期增长%"]
)
def test_growth_header_variants(tmp_path: Path, growth_h: str) -> None:
    header = ["指标名称", "单位", "完成值", growth_h]
    data = [["社会消费品零售总额", "亿元", "230.5", "6.1"]]
    res = read_sheet(write_csv(tmp_path / "g.csv", standard_rows(header=header, data=data)))
    assert {(r.measure, r.value) for r in res.records} == {("amount", 230.5), ("growth_pct", 6.1)}


def test_department_and_period_columns(tmp_path: Path) -> None:
    header = ["指标名称", "单位", "完成值", "责任单位", "统计期"]
    data = [
        ["新增就业", "万人", 1.5, "市人社局", "2024年6月"],
        ["改造老旧小区", "个", 60, "市住建局", "2024年二季度"],
        ["新建5G基站", "个", 500, "市经信局", "2024Q3"],
        ["粮食产量", "万吨", 100, "市农业农村局", "2024年上半年"],
        ["外贸", "亿元", 10, "市商务局", "2024-06"],
        ["财政收入", "亿元", 30, "市财政局", "2024年全年"],
        ["财政收入2", "亿元", 30, "牵头：市财政局", "2024年度"],
    ]
    res = read_sheet(
        write_csv(
            tmp_path / "c.csv",
            standard_rows(department=None, period=None, title=None, header=header, data=data),
        )
    )
    got = {r.indicator: (r.department, r.period_start, r.period_end) for r in res.records}
    assert got["新增就业"] == ("市人社局", "2024-06-01", "2024-06-30")
    assert got["改造老旧小区"] == ("市住建局", "2024-04-01", "2024-06-30")
    assert got["新建5G基站"] == ("市经信局", "2024-07-01", "2024-09-30")
    assert got["粮食产量"] == ("市农业农村局", "2024-01-01", "2024-06-30")
    assert got["外贸"] == ("市商务局", "2024-06-01", "2024-06-30")
    assert got["财政收入"] == ("市财政局", "2024-01-01", "2024-12-31")
    assert got["财政收入2"][1:] == ("2024-01-01", "2024-12-31")


@pytest.mark.parametrize(
    ("name", "department", "start", "end"),
    [
        ("市经信局_2024年1-6月.xlsx", "市经信局", "2024-01-01", "2024-06-30"),
        ("2024Q2-市商务局.xlsx", "市商务局", "2024-04-01", "2024-06-30"),
        ("市发改委2024年1-9月目标任务完成情况.xlsx", "市发改委", "2024-01-01", "2024-09-30"),
        ("市农业农村局-2024年上半年.xlsx", "市农业农村局", "2024-01-01", "2024-06-30"),
    ],
)
def test_department_and_period_from_file_name(
    tmp_path: Path, name: str, department: str, start: str, end: str
) -> None:
    header = [h if h != "1-6月完成" else "完成值" for h in HEADER]
    rows = standard_rows(department=None, period=None, title="目标任务完成情况表", header=header)
    res = read_sheet(write_xlsx(tmp_path / name, [("Sheet1", rows, [])]))
    assert {(r.department, r.period_start, r.period_end) for r in res.records} == {
        (department, start, end)
    }
    assert res.region is None


def test_header_period_with_year_from_title(tmp_path: Path) -> None:
    header = ["指标名称", "单位", "1-9月累计完成", "年度目标"]
    data = [["新增就业", "万人", "2.3", "2.8"]]
    rows = standard_rows(
        department="市人社局",
        period=None,
        title="巴中市2024年目标任务完成情况",
        header=header,
        data=data,
    )
    (rec,) = read_sheet(write_csv(tmp_path / "x.csv", rows)).records
    assert (rec.period_start, rec.period_end, rec.value, rec.annual_target) == (
        "2024-01-01",
        "2024-09-30",
        2.3,
        2.8,
    )


def test_info_row_variants(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["市农业农村局2024年目标任务完成情况表"],
        [
            "填报单位：",
            "市农业农村局（盖章）",
            "",
            "报告期：",
            "2024年1-6月",
            "填报日期：2024年7月10日",
        ],
        ["单位：万亩"],
        ["指标", "完成值", "年度目标"],
        ["新（改）建高标准农田", "15.2", "27.7"],
    ]
    (rec,) = read_sheet(write_csv(tmp_path / "x.csv", rows)).records
    assert rec.department == "市农业农村局"
    assert (rec.period_start, rec.period_end) == ("2024-01-01", "2024-06-30")
    assert (rec.unit, rec.value_base, rec.unit_base, rec.annual_target) == (
        "万亩",
        152000.0,
        "亩",
        27.7,
    )


def test_region_from_folder_wins_and_none_without(tmp_path: Path) -> None:
    rows = standard_rows(title="2024年目标任务完成情况表")
    assert read_sheet(write_csv(tmp_path / "巴中市" / "sub" / "a.csv", rows)).region == "巴中市"
    assert read_sheet(write_csv(tmp_path / "plain" / "a.csv", rows)).region is None
    titled = standard_rows(title="通江县2024年1-6月目标任务完成情况表")
    assert read_sheet(write_csv(tmp_path / "t.csv", titled)).region == "通江县"


def test_unit_in_header(tmp_path: Path) -> None:
    header = ["项目", "完成投资（亿元）", "增长(%)", "全年目标"]
    data = [
        ["省市重点项目", "230.6", "3.1", "410"],
        ["市属国企营业收入", "１，２３４．５", "８．５％", ""],
        ["产业投资", "21.5万平方米", "", ""],  # contradicts the header's 亿元
    ]
    res = read_sheet(write_csv(tmp_path / "u.csv", standard_rows(header=header, data=data)))
    recs = by_indicator(res)
    key = recs[("省市重点项目", "amount")]
    assert (key.unit, key.value_base, key.annual_target) == ("亿元", 23060000000.0, 410.0)
    assert recs[("省市重点项目", "growth_pct")].value == 3.1
    soe = recs[("市属国企营业收入", "amount")]
    assert (soe.value, soe.unit) == (1234.5, "亿元")
    assert recs[("市属国企营业收入", "growth_pct")].value == 8.5
    (bad,) = res.rejects
    assert bad.row == 6 and "contradicts" in bad.reason and bad.raw[0] == "产业投资"


def test_units_inside_values(tmp_path: Path) -> None:
    header = ["指标名称", "完成值", "年度目标"]
    data = [
        ["标准化厂房", "21.5万平方米", "30万平方米以上"],
        ["规上工业企业", "１８家", "30家"],
        ["中药材种植面积", "1,234.5亩", "2万亩"],
        ["城镇新增就业", "2.1万人", "2.8万人以上"],
        ["省市重点项目投资", "230.6亿元", "410亿元"],
        ["进出口总额", "8.5%", "10%以上"],
    ]
    res = read_sheet(write_csv(tmp_path / "u.csv", standard_rows(header=header, data=data)))
    got = {
        r.indicator: (r.measure, r.value, r.unit, r.value_base, r.unit_base, r.annual_target)
        for r in res.records
    }
    assert got == {
        "标准化厂房": ("amount", 21.5, "万平方米", 215000.0, "平方米", 30.0),
        "规上工业企业": ("count", 18.0, "家", 18.0, "家", 30.0),
        "中药材种植面积": ("amount", 1234.5, "亩", 1234.5, "亩", 20000.0),
        "城镇新增就业": ("count", 2.1, "万人", 21000.0, "人", 2.8),
        "省市重点项目投资": ("amount", 230.6, "亿元", 23060000000.0, "元", 410.0),
        "进出口总额": ("growth_pct", 8.5, "%", 8.5, "%", 10.0),
    }
    assert res.rejects == []


def test_percent_value_measures(tmp_path: Path) -> None:
    header = ["指标名称", "单位", "完成值"]
    data = [
        ["常住人口城镇化率", "%", "48.9"],
        ["地区生产总值增速", "%", "5.9"],
        ["社会消费品零售总额", "%", "7.2"],  # a % for a flow total can only be growth
        ["数字化应用普及率提高", "个百分点", "1.2"],
        ["居民消费价格涨幅", "", "0.8%"],
        ["环境空气质量优良率", "", "92.1%"],
    ]
    res = read_sheet(write_csv(tmp_path / "m.csv", standard_rows(header=header, data=data)))
    got = {r.indicator: (r.measure, r.value, r.unit) for r in res.records}
    assert got == {
        "常住人口城镇化率": ("ratio_pct", 48.9, "%"),
        "地区生产总值增速": ("growth_pct", 5.9, "%"),
        "社会消费品零售总额": ("growth_pct", 7.2, "%"),
        "数字化应用普及率提高": ("pp_change", 1.2, "个百分点"),
        "居民消费价格涨幅": ("growth_pct", 0.8, "%"),
        "环境空气质量优良率": ("ratio_pct", 92.1, "%"),
    }


def test_several_sheets_and_explanation_sheets_skipped(tmp_path: Path) -> None:
    explain = [["填表说明"], ["指标名称", "完成值"], ["这不是数据", "1"]]
    one = standard_rows(department="市统计局")
    two = standard_rows(department="市经信局", data=[[1, "新建5G基站", "个", 1000, 650, "", ""]])
    p = write_xlsx(
        tmp_path / "multi.xlsx",
        [
            ("说明", explain, []),
            ("统计局", one, []),
            ("填表说明", explain, []),
            ("经信局", two, []),
        ],
    )
    res = read_sheet(p)
    assert {r.sheet for r in res.records} == {"统计局", "经信局"}
    assert {r.department for r in res.records if r.sheet == "经信局"} == {"市经信局"}
    assert all(r.indicator != "这不是数据" for r in res.records)


def test_skipped_rows(tmp_path: Path) -> None:
    data = [
        ["一、经济发展", "", "", "", "", "", ""],
        [1, "地区生产总值", "亿元", "", 401.37, 5.8, ""],
        ["", "", "", "", "", "", ""],
        ["序号", "指标名称", "计量单位", "年度目标", "1-6月完成", "增速（%）", "备注"],
        ["", "合计", "", "", 999, "", ""],
        ["小 计", "", "", "", 999, "", ""],
        ["注：1.GDP为初步核算数。", "", "", "", "", "", ""],
        ["填表人：张三", "", "联系电话：123", "", "", "", ""],
    ]
    res = read_sheet(write_csv(tmp_path / "s.csv", standard_rows(data=data)))
    assert {(r.indicator, r.measure) for r in res.records} == {
        ("地区生产总值", "amount"),
        ("地区生产总值", "growth_pct"),
    }
    assert res.rejects == []


def test_deterministic_and_pure(tmp_path: Path) -> None:
    p = write_xlsx(tmp_path / "a.xlsx", [("Sheet1", standard_rows(), [])])
    before = p.read_bytes()
    a = dataclasses.asdict(read_sheet(p))
    b = dataclasses.asdict(read_sheet(p))
    assert a == b
    assert p.read_bytes() == before


def test_header_constants_cover_all_data_columns() -> None:
    assert len(HEADER) == len(DATA[0]) and TITLE.startswith("巴中市")


def test_percent_formatted_xlsx_cells_read_as_shown(tmp_path: Path) -> None:
    import xlsxwriter

    p = tmp_path / "市统计局_2024年1-6月.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    ws = wb.add_worksheet("Sheet1")
    pct = wb.add_format({"num_format": "0.0%"})
    builtin = wb.add_format({"num_format": 10})  # 0.00%
    for c, h in enumerate(["指标名称", "单位", "完成值", "增速", "年度目标"]):
        ws.write(0, c, h)
    ws.write_row(1, 0, ["社会消费品零售总额", "亿元", 236.83])
    ws.write_number(1, 3, 0.071, pct)
    ws.write_number(1, 4, 0.08, pct)
    ws.write_row(2, 0, ["常住人口城镇化率", "%"])
    ws.write_number(2, 2, 0.4862, builtin)
    ws.write_number(2, 4, 0.49, builtin)
    wb.close()
    res = read_sheet(p)
    got = {(r.indicator, r.measure): (r.value, r.unit, r.annual_target) for r in res.records}
    assert got == {
        ("社会消费品零售总额", "amount"): (236.83, "亿元", None),
        ("社会消费品零售总额", "growth_pct"): (7.1, "%", 8.0),
        ("常住人口城镇化率", "ratio_pct"): (48.62, "%", 49.0),
    }
    assert res.rejects == []


@pytest.mark.parametrize(("dept_h", "period_h"), [("填报单位", "报告期"), ("牵头单位", "统计期")])
def test_department_and_period_column_name_variants(
    tmp_path: Path, dept_h: str, period_h: str
) -> None:
    header = ["指标名称", "单位", "完成值", "完成全年目标%", "上年同期", dept_h, period_h]
    data = [["新增就业", "万人", "1.5", "53.6", "1.4", "市人社局", "2024年1-6月"]]
    rows = standard_rows(department=None, period=None, title=None, header=header, data=data)
    (rec,) = read_sheet(write_csv(tmp_path / "c.csv", rows)).records
    assert (rec.department, rec.period_end, rec.value, rec.annual_target) == (
        "市人社局",
        "2024-06-30",
        1.5,
        None,
    )


@pytest.mark.parametrize(
    ("info", "department", "end"),
    [
        (["填报单位（盖章）：市林业局", "截止时间：2024年6月底"], "市林业局", "2024-06-30"),
        (["填报单位：市林业局    统计期：2024年前三季度"], "市林业局", "2024-09-30"),
        (["报送单位：", "市林业局（章）", "报告期：", "2024年上半年"], "市林业局", "2024-06-30"),
        (
            ["填报部门：市林业局", "填报日期：2024年10月8日", "统计时段：2024年1-9月"],
            "市林业局",
            "2024-09-30",
        ),
    ],
)
def test_more_info_row_forms(tmp_path: Path, info: list[str], department: str, end: str) -> None:
    rows: list[list[object]] = [
        ["目标任务完成情况表"],
        list(info),
        ["指标名称", "单位", "完成值"],
        ["完成营造林", "万亩", "9.8"],
        ["填报单位：市林业局", "", ""],  # an info row repeated below the table is not data
    ]
    res = read_sheet(write_csv(tmp_path / "x.csv", rows))
    (rec,) = res.records
    assert (rec.department, rec.period_end) == (department, end)
    assert res.rejects == []


def test_region_folders_and_titles_resolve_through_the_division_table(tmp_path: Path) -> None:
    rows = standard_rows(title="2024年目标任务完成情况表")
    # 巴中 and 巴中市 meet: both are the official 巴中市 with its code
    for folder in ("巴中", "巴中市", "四川省/巴中"):
        res = read_sheet(write_csv(tmp_path / folder / "a.csv", rows))
        assert (res.region, res.region_code) == ("巴中市", "511900"), folder
    # a folder that names no division names no region (the old suffix rule took 统计科)
    assert read_sheet(write_csv(tmp_path / "统计科" / "a.csv", rows)).region is None
    titled = standard_rows(title="巴中2024年1-6月目标任务完成情况表")
    assert read_sheet(write_csv(tmp_path / "t2.csv", titled)).region_code == "511900"
    # an ambiguous title names nothing: 朝阳区 is in 北京 and in 长春
    titled = standard_rows(title="朝阳区2024年1-6月目标任务完成情况表")
    assert read_sheet(write_csv(tmp_path / "t3.csv", titled)).region is None
