"""Outlines of parts, number-less items of a targets list, 收窄/缩小, scale words.

Synthetic sentences (made up for the tests, not copied from a report), one block
per general cause of errors seen on texts the extractor was never tuned on.
"""

from __future__ import annotations

import pytest
from report_helpers import PLAN, REVIEW, rows

from gwr.report import Statement
from gwr.report.structure import split_paragraphs


def key(s: Statement) -> tuple[object, ...]:
    return (s.kind, s.year, s.indicator, s.measure, s.value, s.unit, s.comparator)


# --- 1. an outline of the report's parts is not a set of headings ---------------

OUTLINE_NEWS = (
    "某市政府工作报告解读\n"
    "1月10日，市人民代表大会开幕，市长代表市人民政府作政府工作报告。报告分为三部分：\n"
    "一、2019年工作回顾；\n"
    "二、奋力做好2020年工作；\n"
    "三、以人民满意为目标，提升政府治理能力和水平。\n"
    "《报告》指出，2019年是新中国成立70周年，全市上下攻坚克难。\n"
    "初步统计，全市地区生产总值预计完成4725亿元，增长7.5%；一般公共预算收入增长5%。\n"
    "《报告》提出，2020年全市经济社会发展主要预期目标是：地区生产总值增长7%左右。\n"
)


def test_outline_lines_open_no_part() -> None:
    paras = split_paragraphs(OUTLINE_NEWS, 2020)
    body = [p for p in paras if p.text.startswith(("《报告》", "初步统计"))]
    assert body and all(p.part_kind is None for p in body)
    assert all(not p.section.startswith("三、") for p in body)
    outline = [p for p in paras if p.text.startswith(("一、", "二、", "三、"))]
    assert len(outline) == 3 and all(p.is_heading for p in outline)


def test_text_after_outline_is_read_by_its_cues() -> None:
    got = {key(s) for s in rows(OUTLINE_NEWS)}
    assert ("actual", 2019, "地区生产总值", "amount", 4725.0, "亿元", "=") in got
    assert ("actual", 2019, "地区生产总值", "growth_pct", 7.5, "%", "=") in got
    assert ("actual", 2019, "一般公共预算收入", "growth_pct", 5.0, "%", "=") in got
    assert ("target", 2020, "地区生产总值", "growth_pct", 7.0, "%", "~") in got
    assert not any(s.kind == "target" and s.value in (4725.0, 7.5) for s in rows(OUTLINE_NEWS))


@pytest.mark.parametrize(
    "outline",
    [
        # items ending in ；/; without an intro
        "一、2019年工作回顾；\n二、奋力做好2020年工作；\n三、提升政府治理能力和水平。\n",
        "一、2019年工作回顾;\n二、奋力做好2020年工作;\n三、提升政府治理能力和水平\n",
        # listed right after 包括：/ 共三部分：, without ；
        "报告包括：\n一、2019年工作回顾\n二、2020年工作安排\n三、加强政府自身建设\n",
        "报告共三部分：\n一、2019年工作回顾\n二、2020年工作安排\n三、加强政府自身建设\n",
        "报告由三个部分组成：\n一、2019年工作回顾\n二、2020年工作安排\n三、加强政府自身建设\n",
    ],
)
def test_outline_forms(outline: str) -> None:
    text = "市长作政府工作报告。\n" + outline + "初步统计，全市地区生产总值完成4725亿元。\n"
    (s,) = rows(text, year=2020)
    assert (s.kind, s.year, s.value) == ("actual", 2019, 4725.0)


def test_real_headings_still_open_parts() -> None:
    text = (
        "一、2023年工作回顾\n全市地区生产总值增长6%。\n"
        "二、2024年重点工作\n全市地区生产总值增长6.5%左右。\n"
        "三、加强政府自身建设\n新增就业1万人。\n"
    )
    got = [(s.kind, s.year, s.value) for s in rows(text)]
    assert got == [("actual", 2023, 6.0), ("target", 2024, 6.5), ("target", 2024, 1.0)]


# --- 2. number-less items of a main-targets list ----------------------------------


def qual(items: str) -> list[Statement]:
    text = PLAN + "今年主要预期目标是：地区生产总值增长6%左右；" + items + "\n"
    return [s for s in rows(text) if s.measure == "qualitative"]


@pytest.mark.parametrize(
    ("item", "indicator", "benchmark"),
    [
        ("外贸出口额占全市份额保持稳定", "外贸出口额占全市份额", None),
        ("城乡居民人均可支配收入与经济增长同步", "城乡居民人均可支配收入", "经济增长"),
        ("居民收入增长与经济增长基本同步", "居民收入", "经济增长"),
        ("进出口促稳提质", "进出口", None),
        ("国际收支基本平衡", "国际收支", None),
        ("重大金融风险有效防控", "重大金融风险", None),
        ("就业稳定", "就业", None),
        ("粮食安全有保障", "粮食安全", None),
        ("财政收支平衡", "财政收支", None),
    ],
)
def test_qualitative_item(item: str, indicator: str, benchmark: str | None) -> None:
    (s,) = qual(item + "。")
    assert (s.kind, s.year, s.indicator, s.value, s.unit, s.comparator, s.benchmark) == (
        "target",
        2024,
        indicator,
        None,
        None,
        "=",
        benchmark,
    )
    assert s.quote == item


def test_completion_item_has_benchmark() -> None:
    (s,) = qual("节能减排完成上级下达目标任务。")
    assert s.indicator == "节能减排"
    assert s.benchmark and "下达" in s.benchmark


def test_two_predicates_two_rows() -> None:
    got = qual("现行标准下农村贫困人口全部脱贫、贫困县全部摘帽。")
    assert [s.quote for s in got] == ["现行标准下农村贫困人口全部脱贫", "贫困县全部摘帽"]
    assert got[1].indicator == "贫困县"


def test_shared_predicate_one_row() -> None:
    (s,) = qual("单位国内生产总值能耗和主要污染物排放量继续下降。")
    assert s.quote == "单位国内生产总值能耗和主要污染物排放量继续下降"


def test_items_separated_by_ascii_semicolons_and_commas() -> None:
    got = qual("国际收支基本平衡;重大金融风险有效防控,物价平稳。")
    assert [s.indicator for s in got] == ["国际收支", "重大金融风险", "物价"]


@pytest.mark.parametrize(
    "task",
    [
        "高质量完成“十四五”规划目标任务",
        "努力完成“十三五”规划目标任务",
        "科学开展“十五五”规划编制",
    ],
)
def test_general_tasks_are_not_rows(task: str) -> None:
    assert qual("国际收支基本平衡；" + task + "。") == qual("国际收支基本平衡。")


def test_prose_after_the_list_is_not_a_row() -> None:
    got = qual("国际收支基本平衡，有利于实现可持续健康发展。")
    assert [s.indicator for s in got] == ["国际收支"]


def test_no_qualitative_rows_outside_a_targets_list() -> None:
    text = REVIEW + "重大金融风险有效防控，贫困县全部摘帽，国际收支基本平衡。\n"
    assert rows(text) == []


# --- 3. 收窄/缩小/回落 N个百分点 are falls ------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "indicator", "measure", "value"),
    [
        ("城乡居民收入差距收窄0.3个百分点", "城乡居民收入差距", "pp_change", -0.3),
        ("城乡收入比缩小0.1个百分点", "城乡收入比", "pp_change", -0.1),
        ("赤字率回落1.2个百分点", "赤字率", "pp_change", -1.2),
        ("降幅收窄2.5个百分点", "降幅", "pp_change", -2.5),
        ("财政缺口缩小到3%", "财政缺口", "ratio_pct", 3.0),
        ("贸易逆差收窄至2%", "贸易逆差", "ratio_pct", 2.0),
    ],
)
def test_narrowing(phrase: str, indicator: str, measure: str, value: float) -> None:
    (s,) = rows(REVIEW + phrase + "。\n")
    assert (s.indicator, s.measure, s.value) == (indicator, measure, value)


# --- 4. scale words without a unit; more values than subjects --------------------


def test_scale_inherits_unit_and_pair_subject_expands() -> None:
    got = rows(REVIEW + "本外币存贷款余额、社会融资规模分别突破5万亿、4万亿和3万亿元。\n")
    assert [(s.indicator, s.value, s.unit, s.comparator) for s in got] == [
        ("本外币存款余额", 5.0, "万亿元", ">="),
        ("本外币贷款余额", 4.0, "万亿元", ">="),
        ("社会融资规模", 3.0, "万亿元", ">="),
    ]


def test_scale_inherits_unit_with_as_many_subjects() -> None:
    got = rows(REVIEW + "工业、服务业增加值分别突破300亿和200亿元。\n")
    assert [(s.value, s.unit, s.comparator) for s in got] == [
        (300.0, "亿元", ">="),
        (200.0, "亿元", ">="),
    ]


def test_pair_subject_expands_only_when_needed() -> None:
    got = rows(REVIEW + "存贷款余额分别达到3000亿元和2000亿元。\n")
    assert [(s.indicator, s.value) for s in got] == [("存款余额", 3000.0), ("贷款余额", 2000.0)]
    got = rows(REVIEW + "进出口总额、出口总额分别增长5%和6%。\n")
    assert [s.indicator for s in got] == ["进出口总额", "出口总额"]
    got = rows(REVIEW + "外贸进出口总额突破300亿元。\n")
    assert [(s.indicator, s.value, s.unit) for s in got] == [("外贸进出口总额", 300.0, "亿元")]


def test_scale_without_following_unit_is_no_row() -> None:
    assert rows(REVIEW + "全年实现5万、4万两个目标。\n") == []
