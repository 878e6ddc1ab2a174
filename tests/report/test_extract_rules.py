"""Unit tests of the report extractor on small synthetic sentences (issue 3)."""

from __future__ import annotations

import dataclasses

import pytest
from report_helpers import rows

from gwr.report import Report, Statement, UndatableReportError, extract_report

PLAN = "二、2024年重点工作\n\n"
REVIEW = "一、2023年工作回顾\n\n"


def plan(body: str) -> list[Statement]:
    return rows(PLAN + body)


def one(body: str) -> Statement:
    got = plan(body)
    assert len(got) == 1, got
    return got[0]


def q(s: Statement) -> tuple[object, ...]:
    return (s.measure, s.value, s.value_max, s.unit, s.comparator, s.value_base, s.unit_base)


# --- statement shape ------------------------------------------------------------


def test_statement_fields_are_the_cli_keys() -> None:
    s = one("地区生产总值增长6%。")
    assert list(dataclasses.asdict(s)) == [
        "kind",
        "year",
        "indicator",
        "measure",
        "value",
        "value_max",
        "unit",
        "comparator",
        "value_base",
        "unit_base",
        "section",
        "quote",
        "char_start",
        "char_end",
        "benchmark",
        "period_start",
        "period_end",
        "aggregation",
    ]
    assert isinstance(extract_report(PLAN + "增长6%。"), Report)


# --- numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "value", "unit", "value_base", "unit_base"),
    [
        ("城镇新增就业1,234人。", 1234, "人", 1234, "人"),
        ("城镇新增就业１２３４人。", 1234, "人", 1234, "人"),
        ("完成投资12.5亿元。", 12.5, "亿元", 1_250_000_000, "元"),
        ("新增就业两万人。", 2, "万人", 20000, "人"),
        ("培训一千二百人次。", 1200, "人次", 1200, "人次"),
        ("完成投资1亿2千万元。", 1.2, "亿元", 120_000_000, "元"),
        ("社会融资规模3.5万亿元。", 3.5, "万亿元", 3.5e12, "元"),
        ("新增市场主体2.1万户。", 2.1, "万户", 21000, "户"),
        ("完成投资410亿元。", 410, "亿元", 41_000_000_000, "元"),
    ],
)
def test_numbers(body: str, value: float, unit: str, value_base: float, unit_base: str) -> None:
    s = one(body)
    assert (s.value, s.unit, s.value_base, s.unit_base) == (value, unit, value_base, unit_base)


def test_percent_in_words() -> None:
    s = one("覆盖率达到百分之十五。")
    assert q(s)[:4] == ("ratio_pct", 15, None, "%")


def test_duo_yu_jin() -> None:
    a = one("妥善解决民生诉求8万余个。")
    assert (a.value, a.unit, a.comparator, a.value_base) == (8, "万个", ">=", 80000)
    b = one("慈善助学3200多人次。")
    assert (b.value, b.unit, b.comparator) == (3200, "人次", ">=")
    c = one("发放救助救济资金近10亿元。")
    assert (c.value, c.unit, c.comparator) == (10, "亿元", "~")


# --- units ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "unit", "base", "factor", "measure"),
    [
        ("城镇新增就业2.8万人。", "万人", "人", 10_000, "count"),
        ("旅游综合收入461亿元。", "亿元", "元", 100_000_000, "amount"),
        ("实际利用外资550万美元。", "万美元", "美元", 10_000, "amount"),
        ("建成高标准农田27.7万亩。", "万亩", "亩", 10_000, "amount"),
        ("新建标准化厂房30万平方米。", "万平方米", "平方米", 10_000, "amount"),
        ("新增装机100万千瓦。", "万千瓦", "千瓦", 10_000, "amount"),
        ("粮食产量1.3万亿斤。", "万亿斤", "斤", 10**12, "amount"),
        ("粮食产量30亿斤。", "亿斤", "斤", 10**8, "amount"),
        ("改造燃气管道638公里。", "公里", "公里", 1, "amount"),
    ],
)
def test_units(body: str, unit: str, base: str, factor: int, measure: str) -> None:
    s = one(body)
    assert (s.unit, s.unit_base, s.measure) == (unit, base, measure)
    assert s.value is not None and s.value_base == pytest.approx(s.value * factor)


def test_percent_and_points_stay_distinct() -> None:
    a, b = plan("税占比提高3.5个百分点，城镇化率达到49%。")
    assert (a.measure, a.unit, a.unit_base) == ("pp_change", "个百分点", "个百分点")
    assert (b.measure, b.unit, b.unit_base) == ("ratio_pct", "%", "%")


def test_multiple_is_growth_in_percent() -> None:
    s = one("电子信息产业营收增长3倍。")
    assert (s.measure, s.value, s.unit) == ("growth_pct", 300, "%")


# --- comparators ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "cmp"),
    [
        ("新增就业2万人以上。", ">="),
        ("产业投资不低于150亿元。", ">="),
        ("10亿元以上产业项目不少于30个。", ">="),
        ("带动消费超30亿元。", ">="),
        ("绿色融资突破18亿元。", ">="),
        ("城镇调查失业率5.5%以内。", "<="),
        ("赤字率3%以下。", "<="),
        ("新增债务不超过50亿元。", "<="),
        ("城镇调查失业率控制在5.5%以内。", "<="),
        ("城镇调查失业率控制在5.5%。", "<="),
        ("城镇调查失业率控制在5.5%左右。", "~"),
        ("居民消费价格涨幅3%左右。", "~"),
        ("收入约5亿元。", "~"),
        ("实际使用外资约合420亿元人民币。", "~"),
        ("地区生产总值增长6%。", "="),
        ("力争三大工业主导产业产值占比62%以上。", ">="),
        ("力争常住人口城镇化率达到49%。", "="),
    ],
)
def test_comparators(body: str, cmp: str) -> None:
    assert one(body).comparator == cmp


def test_lizheng_marks_a_target_not_a_comparator() -> None:
    s = one("确保城镇新增就业2万人。")
    assert (s.kind, s.comparator, s.indicator) == ("target", "=", "城镇新增就业")


def test_stretch_value() -> None:
    s = one("引进投资超10亿元重大产业项目20个、力争30个。")
    assert (s.value, s.value_max, s.unit, s.measure) == (20, 30, "个", "count")
    assert s.indicator == "引进投资超10亿元重大产业项目"


@pytest.mark.parametrize("sep", ["-", "～", "至", "到"])
def test_range(sep: str) -> None:
    s = one(f"完成投资10{sep}20亿元。")
    assert (s.value, s.value_max, s.unit, s.comparator) == (10, 20, "亿元", "=")
    assert s.value_base == 1e9


def test_percent_range() -> None:
    s = one("地区生产总值增长6%-7%。")
    assert (s.value, s.value_max, s.measure) == (6, 7, "growth_pct")


# --- measures -------------------------------------------------------------------


def test_measures() -> None:
    got = plan(
        "地区生产总值增长6%，治安案件下降12.3%，能耗降低2.5%，税占比提高3.5个百分点，"
        "城镇化率达到49%，服务业占比60%，群众满意率99.7%，新增市场主体2万户，完成投资410亿元。"
    )
    assert [(s.measure, s.value) for s in got] == [
        ("growth_pct", 6),
        ("growth_pct", -12.3),
        ("growth_pct", -2.5),
        ("pp_change", 3.5),
        ("ratio_pct", 49),
        ("ratio_pct", 60),
        ("ratio_pct", 99.7),
        ("count", 2),
        ("amount", 410),
    ]


def test_pp_decline_is_negative() -> None:
    s = one("单位能耗比重下降1.5个百分点。")
    assert (s.measure, s.value) == ("pp_change", -1.5)


def test_qualitative_main_targets() -> None:
    got = plan(
        "主要预期目标是：地区生产总值增长6%，城镇居民人均可支配收入稳步增长，"
        "农村居民人均可支配收入增速不低于全省平均水平，居民收入增长和经济增长同步，"
        "约束性指标完成省下达的目标任务。这些目标的确定，是主动作为。"
    )
    qual = [s for s in got if s.measure == "qualitative"]
    assert [(s.indicator, s.comparator, s.benchmark) for s in qual] == [
        ("城镇居民人均可支配收入", "=", None),
        ("农村居民人均可支配收入", ">=", "全省平均水平"),
        ("居民收入", "=", "经济增长"),
        ("约束性指标", "=", "省下达的目标任务"),
    ]
    assert all(s.value is None and s.unit is None and s.kind == "target" for s in qual)


def test_qualitative_items_led_by_a_verb() -> None:
    # 力争实现/努力实现 lead an item; 完成…目标 is an item; a slogan 量质齐升 too
    got = plan(
        "主要预期目标是：地区生产总值增长6.5%，力争实现农民收入增长和经济增长同步，"
        "进出口量质齐升，完成主要污染物减排和空气质量改善目标。"
    )
    qual = [s for s in got if s.measure == "qualitative"]
    assert [(s.indicator, s.comparator, s.benchmark, s.quote) for s in qual] == [
        ("农民收入", "=", "经济增长", "农民收入增长和经济增长同步"),
        ("进出口", "=", None, "进出口量质齐升"),
        ("主要污染物减排和空气质量改善目标", "=", None, "完成主要污染物减排和空气质量改善目标"),
    ]


def test_sentence_naming_the_targets_after_the_list_is_no_item() -> None:
    # …等主要目标的X names the targets as a noun: the list has ended
    got = plan(
        "今年的主要预期目标是：地区生产总值增长6%，外汇收支基本平衡。"
        "做好稳增长、保就业、控物价等主要目标的协同平衡。"
    )
    assert [s.indicator for s in got if s.measure == "qualitative"] == ["外汇收支"]


def test_work_task_in_the_targets_list_is_no_item() -> None:
    # an item whose object is a work task (…工作任务) is an activity, not an outcome
    got = plan(
        "主要预期目标是：地区生产总值增长6%，圆满完成第二次全国污染源普查工作任务，"
        "约束性指标完成省下达的目标任务。"
    )
    assert [s.indicator for s in got if s.measure == "qualitative"] == ["约束性指标"]


def test_no_qualitative_outside_main_targets() -> None:
    assert plan("城镇居民人均可支配收入稳步增长。全社会研发投入增速高于GDP增速。") == []


# --- enumerations ---------------------------------------------------------------


def test_fenbie_three_industries() -> None:
    got = plan("三次产业增加值分别增长3%、7%、7%。")
    assert [(s.indicator, s.value) for s in got] == [
        ("第一产业增加值", 3),
        ("第二产业增加值", 7),
        ("第三产业增加值", 7),
    ]
    assert all(s.measure == "growth_pct" for s in got)


def test_fenbie_urban_rural() -> None:
    got = rows(REVIEW + "城乡居民人均可支配收入分别增长4.2%、6%。")
    assert [(s.kind, s.year, s.indicator, s.value) for s in got] == [
        ("actual", 2023, "城镇居民人均可支配收入", 4.2),
        ("actual", 2023, "农村居民人均可支配收入", 6),
    ]


def test_fenbie_after_items_with_own_numbers() -> None:
    got = rows(REVIEW + "全年接待游客5250万人次、旅游综合收入461亿元，分别增长22.6%、21%。")
    assert {(s.indicator, s.measure, s.value) for s in got} == {
        ("接待游客", "count", 5250),
        ("旅游综合收入", "amount", 461),
        ("接待游客", "growth_pct", 22.6),
        ("旅游综合收入", "growth_pct", 21),
    }


def test_fenbie_shared_head_and_trailing_comparator() -> None:
    got = plan("工业、技改投资分别增长10%以上。")
    assert [(s.indicator, s.value, s.comparator) for s in got] == [
        ("工业投资", 10, ">="),
        ("技改投资", 10, ">="),
    ]
    got = plan("市属国企资产总额、营业收入分别增长6%、8%以上。")
    assert [(s.value, s.comparator) for s in got] == [(6, ">="), (8, ">=")]


def test_fenbie_each_item_takes_its_own_measure() -> None:
    # a growth noun after the list is not the measure of an item ending in 率
    got = plan("城镇登记失业率、商品零售价格涨幅分别控制在4%和2.5%以内。")
    assert [(s.measure, s.value, s.comparator) for s in got] == [
        ("ratio_pct", 4, "<="),
        ("growth_pct", 2.5, "<="),
    ]
    assert got[0].indicator == "城镇登记失业率"
    # nor does a ratio head copied from a later item change an earlier growth
    got = plan("商品零售价格涨幅、农村贫困发生率分别控制在2.5%和1%以内。")
    assert [(s.indicator, s.measure) for s in got] == [
        ("商品零售价格涨幅", "growth_pct"),
        ("农村贫困发生率", "ratio_pct"),
    ]
    # an item with its own ratio head keeps it; the shared growth noun is the others'
    got = plan("科技研发投入强度、县域工业增加值增速分别达到2.8%和9%。")
    assert [(s.indicator, s.measure) for s in got] == [
        ("科技研发投入强度", "ratio_pct"),
        ("县域工业增加值", "growth_pct"),
    ]


def test_growth_noun_before_a_level_verb_stays_growth() -> None:
    assert one("县域工业增加值增速达到9%。").measure == "growth_pct"
    assert one("森林覆盖率提高到63%。").measure == "ratio_pct"


def test_jun_gives_one_row_per_subject() -> None:
    got = plan("接待游客人次、旅游综合收入均增长25%以上。")
    assert [(s.indicator, s.value, s.comparator) for s in got] == [
        ("接待游客人次", 25, ">="),
        ("旅游综合收入", 25, ">="),
    ]
    got = plan("基本养老保险、基本医疗保险参保率均不低于98%。")
    assert [s.indicator for s in got] == ["基本养老保险参保率", "基本医疗保险参保率"]
    assert all(s.measure == "ratio_pct" and s.comparator == ">=" for s in got)


def test_ge_gives_one_row_per_subject() -> None:
    got = plan("新增省级工程技术研究和企业技术中心各2家。")
    assert len(got) == 2 and all(s.value == 2 and s.unit == "家" for s in got)


def test_list_with_own_numbers() -> None:
    got = plan("改造燃气管道638公里、供水管道43公里、排水管道138公里。")
    assert [(s.indicator, s.value, s.unit) for s in got] == [
        ("改造燃气管道", 638, "公里"),
        ("供水管道", 43, "公里"),
        ("排水管道", 138, "公里"),
    ]


def test_list_sharing_one_total_is_one_row() -> None:
    s = one("新增义务教育、公办学前教育学位3000个以上。")
    assert (s.indicator, s.value, s.comparator) == ("新增义务教育、公办学前教育学位", 3000, ">=")


def test_implicit_enumeration_without_fenbie() -> None:
    got = rows(REVIEW + "城乡居民人均可支配收入分别达到35246元、11514元，同比增长5.9%、7.4%。")
    assert [(s.indicator, s.measure, s.value) for s in got if s.measure == "growth_pct"] == [
        ("城镇居民人均可支配收入", "growth_pct", 5.9),
        ("农村居民人均可支配收入", "growth_pct", 7.4),
    ]


# --- a change after a level: the level's subject -----------------------------------


def _changes(body: str) -> list[tuple[str, str, float | None]]:
    return [
        (s.indicator, s.measure, s.value)
        for s in rows(REVIEW + body)
        if s.measure in ("growth_pct", "pp_change")
    ]


@pytest.mark.parametrize(
    ("body", "subject", "measure", "value"),
    [
        # the real sentences (national 2017 report on 2016, 湖南 2026 report on 2025)
        ("国内生产总值达到74.4万亿元，增长6.7%，名列世界前茅。", "国内生产总值", "growth_pct", 6.7),
        (
            "全省地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%。",
            "地区生产总值",
            "growth_pct",
            4.8,
        ),
        # a generic head before the predicate of standing names nothing new
        ("地区生产总值突破3000亿元、总量跃居全省第5位、增长6%。", "地区生产总值", "growth_pct", 6),
        ("进出口总额达到800亿元、位居中部第一、增长12.5%。", "进出口总额", "growth_pct", 12.5),
        # two predicates of standing, one after 、 and one after ，
        (
            "粮食产量达到600亿斤，稳居全省首位、连续8年保持增长、增长2%。",
            "粮食产量",
            "growth_pct",
            2,
        ),
        # a rate level and a change in points
        ("城镇化率达到62%、高于全国平均、提高1.2个百分点。", "城镇化率", "pp_change", 1.2),
        # a qualitative clause of its own between, after ，
        ("地区生产总值达到2100亿元，名列全省第三，增长5.6%。", "地区生产总值", "growth_pct", 5.6),
    ],
)
def test_a_change_without_subject_after_a_level_takes_its_subject(
    body: str, subject: str, measure: str, value: float
) -> None:
    assert _changes(body) == [(subject, measure, value)]


@pytest.mark.parametrize(
    ("body", "subject"),
    [
        # a change with a subject of its own
        ("地区生产总值达到5万亿元、工业增加值增长6%。", "工业增加值"),
        ("全省地区生产总值达到5.53万亿元，其中规模工业增加值增长6.2%。", "规模工业增加值"),
        # a clause between that names another subject (not a predicate of standing)
        ("地区生产总值达到5万亿元、消费市场加快回暖、增长4%。", "消费市场"),
        # 居民 is a subject, not 居 (stands at)
        ("地区生产总值达到5万亿元、居民消费稳步回升、增长4%。", "居民消费"),
    ],
)
def test_a_new_subject_between_keeps_the_change_its_own(body: str, subject: str) -> None:
    (got,) = _changes(body)
    assert got[0].startswith(subject), got  # never the level's 地区生产总值


def test_a_change_after_a_change_inherits_nothing() -> None:
    # the rule is for a change after a level; a second growth rate is not of the first
    got = _changes("进出口总额增长5%、稳居中部第一、增长12.5%。")
    assert [s for s, _, _ in got] == ["进出口总额", "稳居中部第一"]


def test_a_noun_that_starts_like_a_unit_is_no_unit() -> None:
    # 附件2 名词解释: 名词 is a noun, not 2 名 + 词
    assert rows(PLAN + "附件2 名词解释") == []


def test_a_unit_is_never_a_subject() -> None:
    # a figure cut from its unit by a sentence end: the unit names nothing
    got = rows(REVIEW + "国内生产总值达到74.4。\n万亿元，增长6.7%。")
    assert all(s.indicator != "万亿元" for s in got)
    # split over lines only (a web copy): one figure, and the growth is of its subject
    got = rows(REVIEW + "国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%，名列世界前茅。")
    assert [(s.indicator, s.measure, s.value) for s in got] == [
        ("国内生产总值", "amount", 74.4),
        ("国内生产总值", "growth_pct", 6.7),
    ]


# --- not quantities -------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "2023年以来成效明显。",
        "综合指数全省第4。",
        "较一季度分别上升54、52、39位。",
        "深入实施“十四五”规划。",
        "锚定全市“1+3”产业布局。",
        "出台“38条”。",
        "扎实开展第二批主题教育。",
        "0-6岁儿童和65岁以上老人健康服务。",
        "坚定100%的信心。",
        "开工建设南江年产40万吨霞石新材料项目。",
        "开工建设通江27万千瓦风电场、平昌抽水蓄能等项目。",
        "建成投运南江50万吨、通江40万吨超微细粉体新型材料项目。",
        "工业投资连续36个月保持两位数增长。",
        "重点抓好六个方面工作，实施三大行动。",
        "“森牛家”泡菜成为全市外寄首超100万件企业。",
        "1-6月累计。",
        "我国14亿多人口。",
        "提供24小时自助服务，打造15分钟生活圈。",
        "是全国首个突破13万亿元的省份。",
    ],
)
def test_not_quantities(body: str) -> None:
    assert plan(body) == []


def test_threshold_inside_name() -> None:
    s = one("引进10亿元以上工业项目14个。")
    assert (s.value, s.unit, s.indicator) == (14, "个", "引进10亿元以上工业项目")


def test_5g_is_a_label() -> None:
    s = one("新建5G基站1195个。")
    assert (s.value, s.indicator) == (1195, "新建5G基站")


def test_amount_object_of_verb_is_a_row() -> None:
    s = one("组建10亿元工业发展投资基金。")
    assert (s.value, s.unit, s.measure) == (10, "亿元", "amount")


# --- structure ------------------------------------------------------------------

FULL = (
    "各位代表：\n\n现在，我代表市人民政府，向大会报告工作。\n\n"
    "一、2023年工作回顾\n\n"
    "过去一年，预计地区生产总值增长6%左右。\n\n"
    "（一）全力稳定经济增长。争取资金74.8亿元。\n\n"
    "二、2024年重点工作\n\n"
    "全市经济社会发展的主要预期目标是：地区生产总值增长6%。\n\n"
    "（一）突出工业主导地位\n\n"
    "壮大工业产业集群。新增酿酒专用粮种植面积2万亩。\n\n"
    "三、加强政府自身建设\n\n今年我们将新建站点10个。\n"
)


def test_sections_kind_and_year() -> None:
    report = extract_report(FULL)
    assert report.year == 2024
    got = [(s.kind, s.year, s.section, s.value) for s in report.statements]
    assert got == [
        ("actual", 2023, "一、2023年工作回顾", 6),
        ("actual", 2023, "一、2023年工作回顾 > （一）全力稳定经济增长", 74.8),
        ("target", 2024, "二、2024年重点工作", 6),
        ("target", 2024, "二、2024年重点工作 > （一）突出工业主导地位 > 壮大工业产业集群", 2),
        ("target", 2024, "三、加强政府自身建设", 10),
    ]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("二、2024年重点工作\n\n地区生产总值增长6%。", 2024),
        ("一、2023年工作回顾\n\n地区生产总值增长6%。", 2024),
        ("2024年工作安排\n\n地区生产总值增长6%。", 2024),
        ("今年是全面贯彻落实二十大精神的关键之年，也是2024年。地区生产总值增长6%。", 2024),
        ("政府工作报告\n——2025年1月20日在某市第十八届人民代表大会第三次会议上\n\n增长6%。", 2025),
    ],
)
def test_report_year_from_text(text: str, year: int) -> None:
    assert extract_report(text).year == year


def test_year_argument_wins_and_undatable_raises() -> None:
    text = "地区生产总值增长6%左右。"
    with pytest.raises(UndatableReportError):
        extract_report(text)
    assert issubclass(UndatableReportError, ValueError)
    r = extract_report(text, year=2022)
    assert r.year == 2022 and r.statements[0].year == 2022


def test_news_reprint_ascii_punctuation_and_year() -> None:
    text = (
        "市政府工作报告提出,今年主要预期目标是:地区生产总值增长6%左右,"
        "城镇新增就业2.8万人以上,城镇居民人均可支配收入稳步增长。"
        "过去一年,全市地区生产总值增长 5.5%,完成固定资产投资410亿元,接待游客7492. 4万人次。"
    )
    got = rows(text, year=2024)
    assert [(s.kind, s.year, s.measure, s.value) for s in got] == [
        ("target", 2024, "growth_pct", 6),
        ("target", 2024, "count", 2.8),
        ("target", 2024, "qualitative", None),
        ("actual", 2023, "growth_pct", 5.5),
        ("actual", 2023, "amount", 410),
        ("actual", 2023, "count", 7492.4),
    ]
    assert got[0].comparator == "~" and got[1].comparator == ">="
    assert got[3].quote == "地区生产总值增长 5.5%"
    assert got[5].quote == "接待游客7492. 4万人次"


def test_paragraph_cues_without_headings() -> None:
    got = rows("今年全市将新建5G基站1000个。去年，全市新增城镇就业3万人。", year=2024)
    assert [(s.kind, s.year) for s in got] == [("target", 2024), ("actual", 2023)]


def test_targets_dated_to_another_year() -> None:
    got = rows(
        "二、今后五年目标任务\n\n到2027年，地区生产总值突破3000亿元。\n\n三、2024年工作安排\n\n投资增长6%。"
    )
    assert [(s.kind, s.year, s.comparator) for s in got] == [
        ("target", 2027, ">="),
        ("target", 2024, "="),
    ]


def test_region() -> None:
    assert (
        extract_report("2024年巴中市政府工作报告\n\n二、2024年重点工作\n\n增长6%。").region
        == "巴中市"
    )
    assert (
        extract_report(
            "政府工作报告\n——2024年1月20日在成都市第十八届人民代表大会第三次会议上\n\n增长6%。"
        ).region
        == "成都市"
    )
    assert extract_report(PLAN + "增长6%。").region is None
    assert extract_report(PLAN + "增长6%。", region="巴中市").region == "巴中市"


# --- noise ----------------------------------------------------------------------


def test_ascii_punctuation_and_stray_spaces() -> None:
    got = plan("主要预期目标是:地区生产总值增长 6%,规上工业增加值增长8 %,游客7492. 4万人次;")
    assert [(s.indicator, s.value) for s in got] == [
        ("地区生产总值", 6),
        ("规上工业增加值", 8),
        ("游客", 7492.4),
    ]


def test_line_break_inside_term_and_separator_lines() -> None:
    text = (
        PLAN
        + "全市经济社会发展的主要预期目标是：地区生产总值增长6%左右，规上工业增\n"
        + "加值增长8%，固定资产投资增长5%。\n"
        + "--------------------\n"
        + "新增就业2万人。\n"
    )
    got = rows(text)
    assert [(s.indicator, s.value) for s in got] == [
        ("地区生产总值", 6),
        ("规上工业增加值", 8),
        ("固定资产投资", 5),
        ("新增就业", 2),
    ]


def test_restated_target_gives_one_row() -> None:
    got = plan("地区生产总值增长6%左右。经过努力，地区生产总值增长6%左右。")
    assert len(got) == 1 and got[0].char_start == len(PLAN)


# --- provenance -----------------------------------------------------------------


def test_quote_is_short_clause_and_order_is_by_offset() -> None:
    text = (
        PLAN
        + "坚定实施工业兴市战略，规模化培育，"
        + "力争三大工业主导产业产值占比62%以上，新增酿酒专用粮种植面积2万亩。"
    )
    got = rows(text)
    assert [s.quote for s in got] == [
        "三大工业主导产业产值占比62%以上",
        "新增酿酒专用粮种植面积2万亩",
    ]
    assert [s.char_start for s in got] == sorted(s.char_start for s in got)


@pytest.mark.parametrize(
    ("body", "indicator"),
    [
        ("地区生产总值增长6%。", "地区生产总值"),
        ("规上工业增加值增长8%。", "规上工业增加值"),
        ("城镇新增就业2.8万人以上。", "城镇新增就业"),
        ("改造老旧小区113个。", "改造老旧小区"),
        ("新建5G基站1195个。", "新建5G基站"),
        ("确保完成投资410亿元。", "投资"),
        ("力争实现地区生产总值增长6%。", "地区生产总值"),
    ],
)
def test_indicator_naming(body: str, indicator: str) -> None:
    assert one(body).indicator == indicator


def test_unnumbered_and_part_headings() -> None:
    text = (
        "2023年工作回顾\n\n地区生产总值增长6%。\n\n2024年工作安排\n\n地区生产总值增长7%。\n\n"
        "第三部分 今后五年目标任务\n\n到2027年，地区生产总值突破3000亿元。"
    )
    report = extract_report(text)
    assert report.year == 2024
    assert [(s.kind, s.year, s.value) for s in report.statements] == [
        ("actual", 2023, 6),
        ("target", 2024, 7),
        ("target", 2027, 3000),
    ]


def test_from_to_keeps_the_end_level() -> None:
    got = rows(
        REVIEW
        + "民营工业增加值占规模以上工业比重由55%提高到70.4%，私营企业由22.9万户增加到57.4万户。"
    )
    assert [(s.indicator, s.measure, s.value) for s in got] == [
        ("民营工业增加值占规模以上工业比重", "ratio_pct", 70.4),
        ("私营企业", "count", 57.4),
    ]


def test_region_from_news_reprint() -> None:
    text = (
        "山东省省长姜大明代表省人民政府向大会作政府工作报告。"
        "今年主要预期目标是:生产总值增长9.5%左右。"
    )
    assert extract_report(text, year=2013).region == "山东省"
    text = "上海市第十六届人大二次会议开幕。上海市市长龚正作《政府工作报告》。"
    assert extract_report(text, year=2024).region == "上海市"


def test_markdown_bullets_in_reprints() -> None:
    text = (
        "### 二、2024年经济社会发展总体要求和政策取向\n"
        "主要预期目标包括:\n"
        "- **生产总值增长**:5.5%左右\n"
        "- **规上工业增加值增长**:6%左右\n"
        "- **研发投入强度**:达到3.2%\n"
    )
    got = rows(text)
    assert [(s.indicator, s.measure, s.value, s.comparator) for s in got] == [
        ("生产总值", "growth_pct", 5.5, "~"),
        ("规上工业增加值", "growth_pct", 6, "~"),
        ("研发投入强度", "ratio_pct", 3.2, "="),
    ]


def test_enumeration_with_shared_pre_comparator() -> None:
    got = plan("标准化乡镇卫生院、社区卫生服务中心分别超过55%和60%。")
    assert [(s.indicator, s.value, s.comparator) for s in got] == [
        ("标准化乡镇卫生院", 55, ">="),
        ("社区卫生服务中心", 60, ">="),
    ]


def test_headline_style_review_heading_in_a_web_copy() -> None:
    text = (
        "各位代表:\n"
        "现在,我代表市人民政府向大会报告工作,请予审议,并请市政协各位委员提出意见。\n"
        "2024年全市上下解放思想 奋发进取 交出了一份经济社会高质量发展的优异成绩单\n"
        "过去的一年,奋斗充满艰辛,成绩殊为不易。\n"
        "(一)经济实力实现新跃升。地区生产总值完成4704.3亿元、增长6.1%。"
        "争取增发国债项目69个,获得国债资金97.4亿元。\n"
    )
    report = extract_report(text)
    assert report.year == 2025
    assert {(s.kind, s.year) for s in report.statements} == {("actual", 2024)}
    assert [s.value for s in report.statements] == [4704.3, 6.1, 69, 97.4]


def test_no_heading_review_excerpt_uses_accomplishment_cues() -> None:
    got = rows("推出104项改革创新举措,全市新设台资企业98家。今年将新增台资企业100家。", year=2024)
    assert [(s.kind, s.year, s.value) for s in got] == [
        ("actual", 2023, 104),
        ("actual", 2023, 98),
        ("target", 2024, 100),
    ]


def test_numbered_target_list_and_numbered_headings() -> None:
    text = (
        "二、2024年工作安排\n\n全市经济社会发展的主要预期目标是：\n1.地区生产总值增长6%左右；\n"
        "2.城镇新增就业1.5万人；\n3.城镇居民人均可支配收入稳步增长；\n4.单位GDP能耗完成省下达任务。\n\n"
        "1.扎实推进乡村振兴\n\n新建农田1万亩。"
    )
    got = rows(text)
    assert [(s.measure, s.value, s.section) for s in got] == [
        ("growth_pct", 6, "二、2024年工作安排"),
        ("count", 1.5, "二、2024年工作安排"),
        ("qualitative", None, "二、2024年工作安排"),
        ("qualitative", None, "二、2024年工作安排"),
        ("amount", 1, "二、2024年工作安排 > 1.扎实推进乡村振兴"),
    ]


def test_no_heading_clause_with_its_own_year() -> None:
    got = rows("报告显示,2023年全市地区生产总值增长6%,2024年预期增长6.5%左右。", year=2024)
    assert [(s.kind, s.year, s.indicator, s.value, s.comparator) for s in got] == [
        ("actual", 2023, "地区生产总值", 6, "="),
        ("target", 2024, "地区生产总值", 6.5, "~"),
    ]


def test_traditional_characters_are_read() -> None:
    text = (
        "一、2023年工作回顧\n\n預計全年地區生產總值增長6%左右,實現一般公共預算收入27.3億元,"
        "城鎮、農村居民人均可支配收入分別為4.24萬元、2.09萬元。"
    )
    report = extract_report(text)
    assert report.year == 2024
    got = [
        (s.kind, s.indicator, s.measure, s.value, s.unit, s.value_base) for s in report.statements
    ]
    assert got == [
        ("actual", "地区生产总值", "growth_pct", 6, "%", 6),
        ("actual", "一般公共预算收入", "amount", 27.3, "亿元", 2_730_000_000),
        ("actual", "城镇居民人均可支配收入", "amount", 4.24, "万元", 42_400),
        ("actual", "农村居民人均可支配收入", "amount", 2.09, "万元", 20_900),
    ]
    for s in report.statements:
        assert text[s.char_start : s.char_end] == s.quote  # quotes stay traditional


def test_thousands_separator_does_not_split_the_clause() -> None:
    s = one("并将创造 200,000 个新工作岗位。")
    assert (s.value, s.unit, s.indicator) == (200000, "个", "创造新工作岗位")


def test_region_after_a_verb_phrase() -> None:
    text = "会议听取和审议了中山市人民政府工作报告。主要预期目标是:地区生产总值增长5.5%。"
    assert extract_report(text, year=2025).region == "中山市"


def test_part_heading_years_decide_the_kind() -> None:
    text = (
        "一、2023年主要工作\n\n地区生产总值增长6%。\n\n二、2024年主要工作\n\n地区生产总值增长7%。"
    )
    report = extract_report(text)
    assert report.year == 2024
    assert [(s.kind, s.year, s.value) for s in report.statements] == [
        ("actual", 2023, 6),
        ("target", 2024, 7),
    ]


def test_year_override_moves_every_year() -> None:
    text = (
        "一、2023年工作回顾\n\n地区生产总值增长6%。\n\n二、2024年重点工作\n\n地区生产总值增长7%。"
    )
    assert [(s.kind, s.year) for s in extract_report(text).statements] == [
        ("actual", 2023),
        ("target", 2024),
    ]
    # a sidecar says the text is the 2025 report: targets 2025, review actuals 2024
    assert [(s.kind, s.year) for s in extract_report(text, year=2025).statements] == [
        ("actual", 2024),
        ("target", 2025),
    ]


def test_people_counts_and_ranks() -> None:
    got = rows(
        REVIEW + "718.6万建档立卡贫困人口全部脱贫，常俊标、康相涛等6位科学家当选“两院”院士。"
        "较一季度分别上升54、52、39位，7项主要经济指标增速居全省前3位。"
    )
    assert [(s.value, s.unit, s.value_base, s.unit_base) for s in got] == [
        (718.6, "万", 7_186_000, "人"),
        (6, "位", 6, "位"),
    ]


def test_later_year_applies_from_its_clause_on() -> None:
    got = plan("壮大7个先进制造业集群，力争到2025年产业规模突破7万亿元。")
    assert [(s.year, s.value) for s in got] == [(2024, 7), (2025, 7)]
    got = plan("到2027年，地区生产总值达到12万亿元；人均生产总值达到17万元。今年新建学校5所。")
    assert [(s.year, s.value) for s in got] == [(2027, 12), (2027, 17), (2024, 5)]


def test_count_before_noun_with_an_amount_is_two_rows() -> None:
    got = rows(REVIEW + "33个重点项目完成投资89.9亿元。")
    assert [(s.measure, s.value) for s in got] == [("count", 33), ("amount", 89.9)]


def test_compound_unit_and_period_subjects() -> None:
    got = rows(
        REVIEW
        + "GDP增速逐季攀升，上半年3.2%、前三季度4.4%、预计全年5%左右。地均GDP超70亿元/平方公里。"
    )
    assert [(s.measure, s.value, s.unit) for s in got] == [
        ("growth_pct", 3.2, "%"),
        ("growth_pct", 4.4, "%"),
        ("growth_pct", 5, "%"),
        ("amount", 70, "亿元/平方公里"),
    ]
    assert got[-1].unit_base == "元/平方公里" and got[-1].comparator == ">="


def test_duo_before_the_scale_word() -> None:
    got = rows(
        REVIEW
        + "城镇新增就业年均1270多万人，960多万贫困人口实现易地搬迁，近1亿农村贫困人口实现脱贫。"
    )
    assert [(s.value, s.unit, s.comparator, s.value_base) for s in got] == [
        (1270, "万人", ">=", 12_700_000),
        (960, "万", ">=", 9_600_000),
        (1, "亿", "~", 100_000_000),
    ]


# --- milestones: an amount inside 进入/迈入/跨入…新阶段/时代/行列 ----------------------


@pytest.mark.parametrize(
    ("body", "indicator", "value", "unit", "cmp"),
    [
        ("全县工业总产值进入了300亿元以上的新阶段。", "工业总产值", 300, "亿元", ">="),
        ("全市外贸进出口总额迈入2000亿元时代。", "外贸进出口总额", 2000, "亿元", ">="),
        ("地区生产总值跨入千亿元城市行列。", "地区生产总值", 1000, "亿元", ">="),
    ],
)
def test_era_milestone_is_a_quantity(
    body: str, indicator: str, value: float, unit: str, cmp: str
) -> None:
    got = rows(REVIEW + body)
    assert [(s.kind, s.indicator, s.measure, s.value, s.unit, s.comparator) for s in got] == [
        ("actual", indicator, "amount", value, unit, cmp)
    ]


def test_amount_before_a_noun_without_era_word_is_no_milestone() -> None:
    # 进入 + an amount naming a group (not 阶段/时代/行列) stays a modifier
    assert rows(REVIEW + "一批企业进入百亿元企业培育库。") == []
