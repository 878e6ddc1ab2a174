"""Periods and aggregations of figures (issue 9 item 3); rules in gwr/report/periods.py
and the paragraph walk (gwr/report/extract.py)."""

from __future__ import annotations

import pytest
from report_helpers import rows

from gwr.report.periods import plan_in, plan_period


@pytest.mark.parametrize(
    ("number", "years"),
    [(10, (2001, 2005)), (11, (2006, 2010)), (14, (2021, 2025)), (15, (2026, 2030))],
)
def test_plan_periods_follow_from_the_plan_number(number: int, years: tuple[int, int]) -> None:
    assert plan_period(number) == years


def test_a_plan_named_as_a_period_not_as_a_document() -> None:
    assert plan_in("“十三五”时期经济年均增长") == (2016, 2020)
    assert plan_in("“十四五”规划纲要") is None  # a plan document, not a span of time


def _periods(
    text: str, year: int | None = None
) -> list[tuple[str, int, float | None, str | None, str | None, str | None]]:
    return [
        (s.kind, s.year, s.value, s.period_start, s.period_end, s.aggregation)
        for s in rows(text, year=year)
    ]


def test_a_years_figure_is_that_year() -> None:
    got = _periods(
        "一、2023年工作回顾\n地区生产总值增长5.8%。\n二、2024年重点工作\n增长6%左右的目标。"
    )
    assert got[0] == ("actual", 2023, 5.8, "2023-01-01", "2023-12-31", "annual")


def test_average_annual_growth_covers_the_reviewed_plan() -> None:
    text = (
        "一、“十一五”时期的回顾\n这五年，国内生产总值年均增长11.2%，单位国内生产总值能耗下降19.1%。"
        "2010年比上年减少6.4%。\n"
    )
    got = _periods(text, 2011)
    assert got[0] == ("actual", 2010, 11.2, "2006-01-01", "2010-12-31", "average_annual")
    assert got[1] == ("actual", 2010, -19.1, "2006-01-01", "2010-12-31", "cumulative")
    assert got[2] == ("actual", 2010, -6.4, "2010-01-01", "2010-12-31", "annual")


def test_five_years_in_prose_cover_the_five_years_before_the_report() -> None:
    text = "一、过去五年工作回顾\n五年来，地区生产总值年均增长7.2%，累计新增就业50万人。\n"
    got = _periods(text, 2023)
    assert got[0][3:] == ("2018-01-01", "2022-12-31", "average_annual")
    assert got[1][3:] == ("2018-01-01", "2022-12-31", "cumulative")


def test_a_level_at_the_end_of_a_five_year_review_is_of_its_last_year() -> None:
    text = "一、过去五年工作回顾\n五年来，城镇化率达到65%。\n"
    assert _periods(text, 2023)[0][3:] == ("2022-01-01", "2022-12-31", "annual")


def test_past_year_figures_in_a_plan_part_follow_the_opening_sentence() -> None:
    # 过去一年，… then figures without a target cue: the past year's actuals
    text = (
        "三、2011年的工作\n过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%。"
        "这为做好今年的工作打下了良好基础。今年国内生产总值增长8%左右。\n"
    )
    got = _periods(text)
    assert got[0] == ("actual", 2010, 10.3, "2010-01-01", "2010-12-31", "annual")
    assert got[1][:3] == ("target", 2011, 8.0)


def test_targets_over_a_plan_period() -> None:
    text = "二、“十二五”时期的主要目标\n国内生产总值年均增长7%。\n"
    assert _periods(text, 2011)[0][3:] == ("2011-01-01", "2015-12-31", "average_annual")


def test_a_part_of_the_year_is_year_to_date() -> None:
    text = "一、2023年工作回顾\nGDP增速逐季攀升，上半年3.2%、前三季度4.4%、全年5%。\n"
    got = _periods(text)
    assert [g[4:] for g in got] == [
        ("2023-06-30", "year_to_date"),
        ("2023-09-30", "year_to_date"),
        ("2023-12-31", "annual"),
    ]


def test_a_plan_average_is_no_restatement_of_the_years_target() -> None:
    # the same 5% as a “十五五” average (2026-2030) and as the 2026 target: two rows
    text = (
        "二、2026年重点工作\n“十五五”时期地区生产总值年均增长5%左右。"
        "主要预期目标是：地区生产总值增长5%左右。\n"
    )
    got = _periods(text)
    assert [g[3:] for g in got] == [
        ("2026-01-01", "2030-12-31", "average_annual"),
        ("2026-01-01", "2026-12-31", "annual"),
    ]


def test_a_later_plan_named_in_a_review_gives_no_term() -> None:
    # a 2024 review sentence naming the “十五五” period: the figure is still 2024's
    got = _periods("一、2024年工作回顾\n为“十五五”时期打基础，项目建设资金增长61%。\n")
    assert got[0][3:] == ("2024-01-01", "2024-12-31", "annual")


def test_a_paragraph_opening_on_one_year_is_that_years_figures() -> None:
    """Inside a five-year review part, a paragraph that opens on one past year (刚刚过去的
    2025年，… / 过去一年，…) states that year's figures: they meet the year's targets."""
    from gwr.report import extract_report

    text = (
        "2026年政府工作报告\n一、“十四五”时期工作回顾\n"
        "过去五年，全市生产总值年均增长5.5%，累计新增就业30万人。\n"
        "刚刚过去的2025年，我们顶住压力。全市生产总值增长5.6%，财政收入增长2%。\n"
    )
    statements = extract_report(text, year=2026).statements
    got = {(s.indicator, s.value): s.aggregation for s in statements}
    assert got[("生产总值", 5.5)] == "average_annual"
    assert got[("新增就业", 30.0)] == "cumulative"
    assert got[("生产总值", 5.6)] == "annual"
    assert got[("财政收入", 2.0)] == "annual"
