"""Generalization tests: wording the gold fixtures do not contain.

Each block is one cause of the errors seen on unseen reports; the sentences
are synthetic (made up for the test, not copied from a report).
"""

from __future__ import annotations

import pytest
from report_helpers import PLAN, REVIEW, rows

from gwr.report import Statement, UndatableReportError, extract_report


def key(s: Statement) -> tuple[object, ...]:
    return (s.kind, s.year, s.measure, s.value, s.unit, s.comparator)


# --- 1. the report year stated only in prose ------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("本报记者讯 报告回顾了 2021 年工作,同时提出了 2022 年工作总体要求和目标任务。", 2022),
        ("市长王某代表市政府作政府工作报告，总结过去一年工作，安排2019年工作。", 2019),
        ("2018年要这么做\n全县生产总值增长7%。", 2018),
        ("会议听取了政府工作报告，报告回顾了2020年的工作。", 2021),
        ("今年是“十三五”规划收官之年，任务艰巨。", 2020),
        ("2022年工作计划\n新建学校3所。", 2022),
        ("2021年主要目标\n生产总值增长6%。", 2021),
        ("2020年工作回顾\n新建学校3所。", 2021),
    ],
)
def test_year_from_prose(text: str, year: int) -> None:
    assert extract_report(text).year == year


def test_prose_plan_year_beats_a_year_is_sentence() -> None:
    text = "报告回顾了2022年工作。2022年是极不平凡的一年。会议安排了2023年工作。"
    assert extract_report(text).year == 2023


def test_no_year_anywhere_still_raises() -> None:
    with pytest.raises(UndatableReportError):
        extract_report("今年是关键之年。地区生产总值增长6%左右。")


# --- 2. plan headings ------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    ["2022年工作计划", "三、2022年工作计划：", "2022年工作计划。", "**2022年工作打算**"],
)
def test_plan_heading_gives_targets(heading: str) -> None:
    got = rows(f"一、2021年工作回顾\n建成公园4个。\n{heading}\n建成公园6个。")
    assert [key(s) for s in got] == [
        ("actual", 2021, "count", 4.0, "个", "="),
        ("target", 2022, "count", 6.0, "个", "="),
    ]


def test_unnumbered_review_heading() -> None:
    got = rows("过去一年工作回顾\n建成公园4个。\n2022年重点工作安排\n建成公园6个。")
    assert [(s.kind, s.year) for s in got] == [("actual", 2021), ("target", 2022)]


# --- 3. kind from layout, not from 预计 -------------------------------------------


def test_past_year_line_in_plan_is_actual_of_that_year() -> None:
    got = rows("2022年工作计划\n新增托位300个。\n2020年，全市共有托位1200个。")
    assert [(s.kind, s.year, s.value) for s in got] == [
        ("target", 2022, 300.0),
        ("actual", 2020, 1200.0),
    ]


def test_yuji_under_plan_heading_is_target() -> None:
    (s,) = rows("2022年工作计划\n预计新增养老床位450张。")
    assert (s.kind, s.year) == ("target", 2022)


def test_yuji_after_target_cue_is_target() -> None:
    got = rows("今年主要目标是生产总值增长6%。预计新增养老床位450张。", year=2022)
    assert [(s.kind, s.year) for s in got] == [("target", 2022), ("target", 2022)]
    assert got[0].indicator == "生产总值"


def test_past_year_clause_ends_target_list() -> None:
    got = rows("记者获悉，2022年主要目标：新增床位450张，2020年全县共有床位3000张。")
    assert [(s.kind, s.year, s.indicator) for s in got] == [
        ("target", 2022, "新增床位"),
        ("actual", 2020, "床位"),
    ]


# --- 4. qualitative main targets ---------------------------------------------------


def test_qualitative_wordings() -> None:
    text = (
        "2024年主要预期目标：生产总值增长5%左右；服务业增加值扩量提质；"
        "民间投资保持正增长；登记失业率保持合理水平；水环境质量继续保持全省领先水平；"
        "安全生产、减排降碳均完成上级下达任务；物价涨幅与国家调控目标保持衔接；"
        "网络零售额实现正增长、外商投资稳中提质。"
    )
    got = [s for s in rows(text) if s.measure == "qualitative"]
    assert [(s.indicator, s.benchmark) for s in got] == [
        ("服务业增加值", None),
        ("民间投资", None),
        ("登记失业率", "合理水平"),
        ("水环境质量", "全省领先水平"),
        ("安全生产", "上级下达任务"),
        ("减排降碳", "上级下达任务"),
        ("物价", "国家调控目标"),
        ("网络零售额", None),
        ("外商投资", None),
    ]
    assert all(s.kind == "target" and s.year == 2024 for s in got)


def test_shared_predicate_stays_one_row() -> None:
    got = rows("2024年主要预期目标：财政收入、居民收入增长和经济增长基本同步。")
    assert len([s for s in got if s.measure == "qualitative"]) == 1


def test_list_after_standalone_subheading() -> None:
    text = (
        "一、2023年工作回顾\n生产总值增长5%。\n今年预期目标\n"
        "生产总值增长6%左右，城乡居民收入稳步增长，税收收入稳中有升。\n"
        "抓好项目，项目投资稳步增长。"
    )
    got = rows(text)
    qual = [s.indicator for s in got if s.measure == "qualitative"]
    assert qual == ["城乡居民收入", "税收收入"]


# --- 5. comparators ---------------------------------------------------------------


def test_zhishao_is_at_least() -> None:
    got = rows(PLAN + "至少新建口袋公园8个，改造老旧小区不少于20个。")
    assert [(s.value, s.comparator, s.indicator) for s in got] == [
        (8.0, ">=", "新建口袋公园"),
        (20.0, ">=", "改造老旧小区"),
    ]


def test_milestones_each_at_least() -> None:
    got = rows(REVIEW + "文旅收入先后跨越50亿元、80亿元台阶。")
    assert [(s.value, s.unit, s.comparator, s.indicator) for s in got] == [
        (50.0, "亿元", ">=", "文旅收入"),
        (80.0, "亿元", ">=", "文旅收入"),
    ]


# --- 6. numbers inside names ----------------------------------------------------------


def test_n_ren_zhi_is_a_name() -> None:
    (s,) = rows(REVIEW + "新建7人制足球场15片。")
    assert s.value == 15.0


def test_count_threshold_inside_name() -> None:
    (s,) = rows(REVIEW + "认定100户以上特色产业村12个。")
    assert (s.value, s.unit) == (12.0, "个")


def test_share_above_threshold() -> None:
    (s,) = rows(REVIEW + "40%的村集体经营性收入超15万元。")
    assert (s.measure, s.value, s.unit) == ("ratio_pct", 40.0, "%")
    assert "15万元" in s.indicator


def test_rank_milestone_is_no_row() -> None:
    assert rows(REVIEW + "我县成为全省第五个迈上500亿元大关的县。") == []


def test_percent_of_confidence_is_no_row() -> None:
    assert rows(PLAN + "我们有100%的信心完成任务。") == []


# --- 7. enumerations ------------------------------------------------------------------


def test_jun_after_fenbie_list() -> None:
    got = rows(REVIEW + "城乡居民人均可支配收入分别达40100元、20300元，均增长6.5%。")
    assert [(s.indicator, s.measure, s.value) for s in got] == [
        ("城镇居民人均可支配收入", "amount", 40100.0),
        ("农村居民人均可支配收入", "amount", 20300.0),
        ("城镇居民人均可支配收入", "growth_pct", 6.5),
        ("农村居民人均可支配收入", "growth_pct", 6.5),
    ]


def test_trailing_pp_applies_back() -> None:
    got = rows(REVIEW + "森林覆盖率分别高于全省和全国1.4个、2.6个百分点。")
    assert [(s.measure, s.value, s.unit) for s in got] == [
        ("pp_change", 1.4, "个百分点"),
        ("pp_change", 2.6, "个百分点"),
    ]


# --- 8. restatements ---------------------------------------------------------------------


def test_lead_restatement_is_one_row() -> None:
    text = "过去一年，增长4.9%。\n一、2023年工作回顾\n全市生产总值3200亿元、增长4.9%。"
    got = rows(text)
    growth = [s for s in got if s.measure == "growth_pct"]
    assert len(growth) == 1
    assert growth[0].indicator == "生产总值"
    assert len(got) == 2


def test_generic_lead_clause_is_no_indicator() -> None:
    got = rows("2024年主要预期目标：综合考虑各方面因素，增长6%左右。")
    # the lead clause names no indicator; a value that names nothing is no row (issue 9)
    assert got == [] or all(s.indicator and "因素" not in s.indicator for s in got)
    got = rows("2024年主要预期目标：综合考虑各方面因素，地区生产总值增长6%左右。")
    assert [s.indicator for s in got] == ["地区生产总值"]


# --- 9. from A to B -----------------------------------------------------------------------


def test_from_to_keeps_only_end_level() -> None:
    got = rows(REVIEW + "规上企业从210家增长到315家，人均收入从2.1万元提高至2.6万元。")
    assert [(s.indicator, s.value, s.year) for s in got] == [
        ("规上企业", 315.0, 2023),
        ("人均收入", 2.6, 2023),
    ]


def test_from_dated_base_gives_base_year_actual() -> None:
    got = rows(REVIEW + "专精特新企业由2019年的9家发展到36家。")
    assert [(s.kind, s.year, s.indicator, s.value) for s in got] == [
        ("actual", 2019, "专精特新企业", 9.0),
        ("actual", 2023, "专精特新企业", 36.0),
    ]


# --- 10. a bare 万 of people ----------------------------------------------------------------


def test_bare_wan_of_passengers() -> None:
    (s,) = rows(REVIEW + "机场客流量突破150万大关。")
    assert (s.measure, s.value, s.unit, s.comparator, s.value_base, s.unit_base) == (
        "count",
        150.0,
        "万",
        ">=",
        1500000.0,
        "人",
    )


# --- headlines, sub-headings and ；-lists of a past year -------------------------------


def test_headline_gives_year_but_not_kind() -> None:
    text = (
        "2022年要这么做\n市长作政府工作报告。\n过去一年，全市生产总值增长6.1%。\n"
        "2022年主要预期目标\n生产总值增长6%左右。"
    )
    got = rows(text)
    assert [key(s) for s in got] == [
        ("actual", 2021, "growth_pct", 6.1, "%", "="),
        ("target", 2022, "growth_pct", 6.0, "%", "~"),
    ]


def test_past_year_shared_by_semicolon_items() -> None:
    text = "2022年工作计划\n2021年，全市生产总值1800亿元；财政收入96亿元。\n新建学校4所。"
    got = rows(text)
    assert [(s.kind, s.year) for s in got] == [
        ("actual", 2021),
        ("actual", 2021),
        ("target", 2022),
    ]


def test_numbered_subheading_with_plan_year_opens_plan() -> None:
    got = rows("一、2021年工作回顾\n建成公园4个。\n（二）2022年主要目标\n建成公园6个。")
    assert [(s.kind, s.year) for s in got] == [("actual", 2021), ("target", 2022)]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("会议对2021年政府工作作出安排。", 2021),
        ("今年是全面贯彻党的十九大精神的开局之年。", 2018),
        ("今年是新中国成立70周年。", 2019),
    ],
)
def test_more_prose_years(text: str, year: int) -> None:
    assert extract_report(text).year == year


def test_implicit_pairing_of_subjects_and_values() -> None:
    got = rows(REVIEW + "城镇和农村居民人均可支配收入达到40100元和20300元。")
    assert [(s.indicator, s.value) for s in got] == [
        ("城镇居民人均可支配收入", 40100.0),
        ("农村居民人均可支配收入", 20300.0),
    ]


def test_review_year_restated_as_past_year_is() -> None:
    text = "过去一年是极不平凡的一年。\n报告指出，2022年是极不平凡的一年。"
    assert extract_report(text).year == 2023


@pytest.mark.parametrize("lead", ["过去一年", "一年来", "去年"])
def test_time_words_are_not_indicators(lead: str) -> None:
    (s,) = rows(REVIEW + f"{lead}全市新增市场主体1.2万户。")
    assert s.indicator == "新增市场主体"


def test_economy_total_restated_in_body() -> None:
    text = "过去一年，全市经济总量2600亿元。\n一、2023年工作回顾\n全市地区生产总值2600亿元。"
    assert len(rows(text)) == 1


def test_bare_wan_of_people_at_clause_end() -> None:
    got = rows(REVIEW + "新增就业1.3万人，营业收入增加8万。全县常住人口突破60万。")
    assert [(s.indicator, s.value, s.unit, s.comparator) for s in got] == [
        ("新增就业", 1.3, "万人", "="),
        ("常住人口", 60.0, "万", ">="),
    ]


def test_headline_comparator_gives_way_to_body() -> None:
    got = rows("今年目标：增长5%。\n二、2024年重点工作\n地区生产总值增长5%左右。")
    assert [(s.indicator, s.comparator) for s in got] == [("地区生产总值", "~")]


def test_superior_quota_without_task_word() -> None:
    text = "2024年主要预期目标：用水总量、建设用地均完成市下达；森林蓄积量完成省下达计划。"
    got = rows(text)
    assert [(s.indicator, s.benchmark) for s in got] == [
        ("用水总量", "市下达"),
        ("建设用地", "市下达"),
        ("森林蓄积量", "省下达计划"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kind_year"),
    [
        ("2018年底，全县共有养老床位900张。", ("actual", 2018)),
        ("2018年以来，新增养老床位900张。", ("target", 2019)),
    ],
)
def test_past_year_start_needs_a_point_in_time(sentence: str, kind_year: tuple[str, int]) -> None:
    (s,) = rows("2019年工作计划\n" + sentence)
    assert (s.kind, s.year) == kind_year


@pytest.mark.parametrize(
    "text",
    [
        "圆满完成2021年目标任务。2022年是关键之年。",
        "2021年主要任务全面完成。会议安排了2022年工作。",
    ],
)
def test_a_plan_year_said_done_is_the_review(text: str) -> None:
    assert extract_report(text).year == 2022


def test_adverbs_before_slogans_are_not_indicators() -> None:
    got = rows("2024年主要预期目标：规上工业增加值持续提质提效；税收收入不断稳量提质。")
    assert [s.indicator for s in got] == ["规上工业增加值", "税收收入"]


def test_zhishao_covers_the_enumeration() -> None:
    got = rows(PLAN + "至少新建学校5所、医院3所，改造道路10公里。")
    assert [s.comparator for s in got] == [">=", ">=", "="]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("今年是实施“十四五”规划的第三年。", 2023),
        ("今年是“十三五”开局之年。", 2016),
    ],
)
def test_five_year_plan_years(text: str, year: int) -> None:
    assert extract_report(text).year == year


def test_count_size_class_alone_is_no_row() -> None:
    got = rows(PLAN + "对30户以上传统民居连片村落实施保护。新增80家以上规上企业。")
    assert [(s.indicator, s.value, s.comparator) for s in got] == [("新增规上企业", 80.0, ">=")]
