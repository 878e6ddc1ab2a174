"""Periods: which span of time a figure covers.

* ``到2027年``/``2025年底前`` move the targets of that clause and the following ones
  (up to ``今年``) to that year (:data:`TO_YEAR_RE`).
* Values without a subject after a part of the year form a series
  (``GDP增速逐季攀升，上半年3.2%、前三季度4.4%、全年5%`` -> ``GDP增速(上半年)`` …).
* A review paragraph about a five-year term (``过去五年``, ``…的五年``) dates an
  undated start level ``从A…到B`` to review year - 5.

Pinned by tests/report/test_extract_rules.py and test_extract_remaining.py.
"""

from __future__ import annotations

import re

#: a review paragraph about the five years of a term: 过去五年, …的五年, 五年来
FIVE_YEARS_RE = re.compile(r"过去五年|五年来|的五年|这五年|近五年")
#: a part of the year named before a value without a subject (上半年3.2%)
SUBYEAR_RE = re.compile(r"上半年|下半年|前三季度|[一二三四]季度|1-\d{1,2}月")
PERIOD_TAIL_RE = re.compile(r"\((?:上半年|下半年|前三季度|[一二三四]季度|1-\d{1,2}月|全年)\)$")
#: 到2027年…, 2025年底前…: a target clause dated to a later year
TO_YEAR_RE = re.compile(r"(?=[到至2])(?:(?:到|至)(20\d{2})年|(20\d{2})年(?:底|末)前?)")

# ---------------------------------------------------------------------------
# the period a figure covers and what it is (issue 9 item 3)

#: what a figure is: the figure of one year (or of a part of it, year to date), the
#: average annual growth over a multi-year period (年均), or the total over it (累计)
ANNUAL, YEAR_TO_DATE, AVERAGE_ANNUAL, CUMULATIVE = (
    "annual",
    "year_to_date",
    "average_annual",
    "cumulative",
)

#: a five-year plan named by its number: “十一五”, 十三五, “十五” (the tenth)
_PLAN_RE = re.compile(r"十([一二三四五六七八九])五|“十五”")
#: a plan named as a period of time (not a label: “十四五”规划 is a plan document)
_PLAN_PERIOD_RE = re.compile(
    r"(?:十[一二三四五六七八九]五|“十五”)”?(?:时期|期间|以来|这五年|的五年|五年)"
)
_CN_ONE = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
#: 近三年, 三年来, 过去三年: a period of N years ending with the figure's year
_N_YEARS_RE = re.compile(
    r"(?:近|过去|这)([二两三四五六七八九十])年|([二两三四五六七八九十])年(?:来|间)"
)
_CN_N = {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
#: a figure of one named year inside a multi-year review: 2010年比上年减少6.4%
_OWN_YEAR_RE = re.compile(r"((?:19|20)\d{2})年(?!以来|来|底前|前|起|至|到)")
#: words of a single year that take a sentence out of a multi-year review
_ONE_YEAR_RE = re.compile(r"过去一年|去年|上年|一年来|今年")
#: totals over a period: 累计, 新增/新建/引进 in a review of several years
_TOTAL_WORDS_RE = re.compile(r"累计|新增|新建|引进|共计|总计")
#: sub-year periods of a series (GDP增速(上半年)): the month the period ends
_SUBYEAR_END = {"上半年": 6, "前三季度": 9, "一季度": 3}
_MONTH_END = {3: 31, 6: 30, 9: 30, 12: 31}


def plan_period(number: int) -> tuple[int, int]:
    """The years of the ``number``-th five-year plan (from the 3rd on, back to back
    from 1966): 11 -> 2006-2010, 14 -> 2021-2025, 15 -> 2026-2030."""
    start = 1966 + 5 * (number - 3)
    return start, start + 4


def plan_in(text: str, *, as_period: bool = True) -> tuple[int, int] | None:
    """The plan period named in ``text`` (“十三五”期间 -> 2016-2020), or None.

    With ``as_period`` only a plan named as a span of time counts (时期/期间/以来/五年),
    not a plan document (“十四五”规划)."""
    if "五" not in text:
        return None  # every plan number and 五年 has it: a cheap pre-check
    if as_period and _PLAN_PERIOD_RE.search(text) is None:
        return None
    m = _PLAN_RE.search(text)
    if m is None:
        return None
    return plan_period(10 + _CN_ONE[m.group(1)] if m.group(1) else 10)


def review_term(
    sentence: str, paragraph_term: tuple[int, int] | None, year: int
) -> tuple[int, int] | None:
    """The multi-year period an actual's sentence reviews, or None (a single year).

    A plan named as a period in the sentence (“十一五”时期), five years named
    (过去五年, 五年来: the five years ending with ``year``), else the paragraph's or
    section's term; a sentence that names a single year (去年, 过去一年) has none."""
    own = plan_in(sentence)
    if own is not None and own[0] <= year:
        return own[0], min(own[1], year)  # “十四五”以来: the plan so far
    if own is not None:
        return None  # a later plan named in a review (谋划“十五五”期间…): no term
    if "五" in sentence and FIVE_YEARS_RE.search(sentence) is not None:
        return year - 4, year
    if paragraph_term is not None and _ONE_YEAR_RE.search(sentence) is None:
        return paragraph_term
    return None


def period_of(
    before: str,
    *,
    kind: str,
    year: int,
    measure: str,
    indicator: str,
    term: tuple[int, int] | None,
    plan: tuple[int, int] | None,
) -> tuple[str, str, str]:
    """``(period_start, period_end, aggregation)`` of a figure of ``year``.

    ``before`` is its clause up to the number, ``term`` the multi-year period the
    sentence reviews (actuals), ``plan`` a plan period named around a target.

    * ``年均`` -> average annual growth over the term (or plan, or 近N年/N年来; a
      review figure without one covers the five years ending with ``year``);
    * in a multi-year review, a growth, a change in points, or a total (累计/新增) ->
      cumulative over the term; a level (达到…, a rate) and a figure of a named year
      (2010年比上年…) are of that year;
    * ``累计`` in a target around a named plan -> cumulative over the plan;
    * a part of the year (GDP增速(上半年)) -> year to date;
    * otherwise the figure of the year.
    """
    if term is None and plan is None and "年均" not in before and ")" not in indicator:
        return f"{year}-01-01", f"{year}-12-31", ANNUAL  # the common case, decided fast
    sub = PERIOD_TAIL_RE.search(indicator) if ")" in indicator else None
    if sub is not None:
        month = _SUBYEAR_END.get(sub.group(0)[1:-1])
        if month is not None:
            return f"{year}-01-01", f"{year}-{month:02d}-{_MONTH_END[month]}", YEAR_TO_DATE
    own_year = _OWN_YEAR_RE.search(before)
    if term is not None and own_year is not None and int(own_year.group(1)) == year:
        term = None  # 2010年比上年减少6.4%: the figure of the named year
    if "年均" in before:
        span = term or plan or _n_years(before, year)
        if span is None and kind == "actual":
            span = (year - 4, year)
        if span is not None:
            return f"{span[0]}-01-01", f"{span[1]}-12-31", AVERAGE_ANNUAL
    total = measure in ("growth_pct", "pp_change") or _TOTAL_WORDS_RE.search(before)
    if kind == "actual" and term is not None and total:
        return f"{term[0]}-01-01", f"{term[1]}-12-31", CUMULATIVE
    if kind == "target" and plan is not None and "累计" in before:
        return f"{plan[0]}-01-01", f"{plan[1]}-12-31", CUMULATIVE
    return f"{year}-01-01", f"{year}-12-31", ANNUAL


def _n_years(before: str, year: int) -> tuple[int, int] | None:
    m = _N_YEARS_RE.search(before)
    if m is None:
        return None
    n = _CN_N[m.group(1) or m.group(2)]
    return year - n + 1, year
