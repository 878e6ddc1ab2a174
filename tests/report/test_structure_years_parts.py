"""Report year and parts of real reports (issue 9 items 3 and 4): each rule pinned by
a short sentence written for it.  Rules live in gwr/report/structure.py."""

from __future__ import annotations

from report_helpers import rows

from gwr.report.normalize import normalize
from gwr.report.structure import detect_year


def _year(text: str) -> int | None:
    return detect_year(normalize(text).text)


def test_a_part_heading_of_one_years_work_is_its_plan() -> None:
    # 三、2011年的工作: the year's work, announced in that year's report
    text = "一、“十一五”时期的回顾\n这五年，经济平稳较快发展。\n三、2011年的工作\n今年要稳增长。\n"
    assert _year(text) == 2011


def test_a_review_heading_of_a_year_and_this_year_so_far() -> None:
    # 2019年和今年以来工作回顾: the review of 2019, in the 2020 report
    text = "一、2019年和今年以来工作回顾\n去年经济增长6.1%。\n二、今年发展主要目标\n"
    assert _year(text) == 2020


def test_prose_years_with_a_comma_after_jinnian() -> None:
    # 今年，是新中国成立75周年 reads as 今年是…
    assert _year("各位代表：\n今年，是新中国成立75周年。经济回升向好。\n") == 2024


def test_years_in_chinese_numerals_in_prose() -> None:
    # 二〇二四年 / 二○二四年 written digit by digit: the same year as 2024年
    assert _year("各位代表：\n下面，我安排二〇二四年的工作。\n") == 2024
    assert _year("各位代表：\n报告回顾了二○二三年工作。\n") == 2024


def test_unnumbered_plan_headings_of_cities() -> None:
    # 2024年工作建议 / 2024年主要工作 open the plan like 二、2024年重点工作
    for head in ("2024年工作建议", "2024年主要工作"):
        text = f"2023年工作回顾\n全市地区生产总值增长6%。\n{head}\n全市地区生产总值增长6.5%左右。\n"
        got = {(s.kind, s.year, s.value) for s in rows(text)}
        assert got == {("actual", 2023, 6.0), ("target", 2024, 6.5)}, head


def test_a_plan_opening_paragraph_ends_a_review_without_its_heading() -> None:
    # a source that lost the plan heading: 今年…主要预期目标是： still opens the plan
    text = (
        "一、2023年工作回顾\n地区生产总值增长5.8%。\n"
        "综合考虑，今年全市经济社会发展主要预期目标是：地区生产总值增长6%左右。\n"
    )
    got = {(s.kind, s.year, s.value) for s in rows(text)}
    assert got == {("actual", 2023, 5.8), ("target", 2024, 6.0)}
