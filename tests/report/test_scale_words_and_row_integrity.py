"""Scale-word milestones (issue 9 item 4) and rows that must never be produced
(item 1: a value_max below value, an empty indicator).  Rules in
gwr/report/mentions.py (scale words), clauses.py (stretch), candidates.py (ranges,
subjects) and enumerations.py (subjects listed before 分别)."""

from __future__ import annotations

import pytest
from report_helpers import rows

REVIEW = "一、2023年工作回顾\n"
PLAN = "二、2024年重点工作\n"


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("全市地区生产总值突破千亿元。", 1000.0, "亿元"),
        ("经济总量迈上万亿元台阶。", 1.0, "万亿元"),
        ("地区生产总值跨越万亿元，增长6%。", 1.0, "万亿元"),
        ("固定资产投资首次突破百亿元。", 100.0, "亿元"),
    ],
)
def test_a_bare_scale_word_after_a_milestone_verb_is_a_quantity(
    sentence: str, value: float, unit: str
) -> None:
    got = [s for s in rows(REVIEW + sentence) if s.measure == "amount"]
    assert [(s.value, s.unit, s.comparator) for s in got] == [(value, unit, ">=")]


def test_shuangshuang_gives_each_subject_the_milestone() -> None:
    got = rows(REVIEW + "工业产值和进出口总额双双突破千亿。")
    assert [(s.indicator, s.value, s.unit, s.value_base) for s in got] == [
        ("工业产值", 1000.0, "亿元", 1e11),
        ("进出口总额", 1000.0, "亿元", 1e11),
    ]


def test_a_scale_word_inside_a_name_is_no_quantity() -> None:
    got = rows(PLAN + "打造千亿元产业集群3个，培育千亿级企业。")
    assert [(s.value, s.unit) for s in got] == [(3.0, "个")]


def test_a_smaller_figure_after_queli_is_no_stretch() -> None:
    # 确保147个 after 221个 is another quantity (the projects sure to start), not a range
    got = rows(PLAN + "实施221个市重大产业项目，确保147个项目开工。")
    assert [(s.value, s.value_max) for s in got] == [(221.0, None), (147.0, None)]


def test_a_stretch_goal_further_than_the_base_is_value_max() -> None:
    got = rows(PLAN + "地区生产总值增长7%、力争8%。")
    assert [(s.value, s.value_max) for s in got] == [(7.0, 8.0)]


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [("主要污染物排放总量减少8%至10%。", -10.0, -8.0), ("能耗下降5%、力争6%。", -6.0, -5.0)],
)
def test_declining_ranges_are_stored_low_to_high(sentence: str, low: float, high: float) -> None:
    got = rows(PLAN + sentence)
    assert [(s.value, s.value_max, s.value_base) for s in got] == [(low, high, low)]


def test_fenbie_after_a_listed_clause_takes_those_subjects() -> None:
    got = rows(REVIEW + "机械制造、轻工纺织等传统产业加快转型，分别实现产值75亿元、266亿元。")
    assert [(s.indicator, s.value) for s in got] == [
        ("机械制造产值", 75.0),
        ("轻工纺织产值", 266.0),
    ]


def test_no_row_without_a_subject() -> None:
    # nothing names what 9家 counts: no row rather than a row with an empty indicator
    text = REVIEW + "全面精简会议、文件，分别减少7.7%、20.7%。新增9家。"
    got = rows(text)
    assert all(s.indicator for s in got)
    assert all(s.value_max is None or s.value_max >= s.value for s in got)
