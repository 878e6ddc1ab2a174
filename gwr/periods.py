"""Reporting periods (统计期) found in cells, info rows and file names.

``parse_period(text, default_year=None)`` finds the most specific period anywhere
in ``text`` and returns ``Period(start, end, label)`` or ``None``.

Forms understood (full-width digits and punctuation, spaces, and the range
separators ``- — —— – ~ ～ 至 到`` are all accepted; months and quarters may be
written in Chinese numerals, years as ``二〇二四``; years 1900-2099 only):

===============================  ==========================================
text                             period
===============================  ==========================================
2024年1-6月, 1月至6月, 1—6月份    Jan 1 .. Jun 30 (M1 .. end of M2)
2024年4-6月                      Apr 1 .. Jun 30
2023年12月-2024年2月             Dec 1 2023 .. Feb 29 2024
2024年1月1日-6月15日              Jan 1 .. Jun 15 (exact days)
2024.01-2024.06, 2024-01至2024-06 Jan 1 .. Jun 30
2024年6月, 2024年6月份           Jun 1 .. Jun 30
截至2024年6月(底), 2024年6月累计  Jan 1 .. Jun 30 (year to date)
截至2024年6月15日                Jan 1 .. Jun 15
2024年上半年 / 下半年            Jan 1 .. Jun 30 / Jul 1 .. Dec 31
2024年一季度, 第二季度, 3季度    the quarter
2024年前三季度                   Jan 1 .. Sep 30
2024年1-2季度, 一至三季度         Jan 1 .. Jun 30, Jan 1 .. Sep 30
2024H1, 2024年H2                 the half year
2024Q2, 2024q2, 2024-Q2, Q2 2024 Apr 1 .. Jun 30
2024-06, 2024.06, 2024/6, 202406 Jun 1 .. Jun 30
2024年全年, 2024年度, 2024年     Jan 1 .. Dec 31
===============================  ==========================================

Precedence: when several forms occur, the most specific wins, in the order of
the table (ranges, then 前N季度, quarters, halves, months, numeric months, full
year).  A bare ``2024年`` is a full year only when nothing more specific occurs
anywhere in the text (``2024年目标任务1-6月完成情况`` is Jan..Jun 2024).

Year of a form written without one (``1-9月累计``, ``上半年``, ``Q2``): the
nearest year written before it in the text (``2024年``, ``2024Q``, ``2024-``,
``20240715``), else the first year after it, else ``default_year``; with
none of these the form is ignored.  ``全年`` alone (no ``2024``) needs
``default_year``.

``Period.label`` is a function of ``(start, end)`` only, so equal periods get
equal labels: ``2024年全年``, ``2024年6月``, ``2024年1-6月`` (any period
starting Jan 1 and ending at a month end, so 上半年 -> 2024年1-6月 and 前三季度
-> 2024年1-9月), ``2024年二季度`` (Q2..Q4; Q1 is ``2024年1-3月``),
``2024年下半年``, ``2024年4-8月``, ``2023年12月-2024年2月``; otherwise
``2024年1月1日-6月15日`` style.

``share_of_year(d)`` is the elapsed share of ``d``'s calendar year at the end of
day ``d``: day-of-year / days-in-year, so Dec 31 -> 1.0 and Jun 30 2024 ->
182/366 (Jan 1 .. Jun 30 is 182 days in a leap year).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from gwr.numbers import halfwidth

__all__ = [
    "Period",
    "full_year",
    "month_end",
    "month_range",
    "parse_period",
    "period_label",
    "quarter",
    "share_of_year",
]

_QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}


def month_end(year: int, month: int) -> date:
    """Last day of ``month`` in ``year`` (leap years included)."""
    return date(year, month, calendar.monthrange(year, month)[1])


def period_label(start: date, end: date) -> str:
    """Canonical human label of the period ``start .. end`` (see module doc)."""
    month_aligned = start.day == 1 and end == month_end(end.year, end.month)
    if start.year == end.year:
        y = start.year
        if month_aligned:
            m1, m2 = start.month, end.month
            if m1 == 1 and m2 == 12:
                return f"{y}年全年"
            if m1 == m2:
                return f"{y}年{m1}月"
            if m1 == 1:
                return f"{y}年1-{m2}月"
            if m2 - m1 == 2 and m1 in (4, 7, 10):
                return f"{y}年{_QUARTER_NAMES[(m1 - 1) // 3 + 1]}季度"
            if m1 == 7 and m2 == 12:
                return f"{y}年下半年"
            return f"{y}年{m1}-{m2}月"
        return f"{y}年{start.month}月{start.day}日-{end.month}月{end.day}日"
    if month_aligned:
        return f"{start.year}年{start.month}月-{end.year}年{end.month}月"
    return f"{start.year}年{start.month}月{start.day}日-{end.year}年{end.month}月{end.day}日"


@dataclass(frozen=True)
class Period:
    """A closed date interval ``start .. end`` with a canonical label."""

    start: date
    end: date
    label: str

    @property
    def year(self) -> int:
        """The calendar year the period ends in."""
        return self.end.year

    @property
    def is_cumulative(self) -> bool:
        """True when the period runs from Jan 1 of its end year (year to date)."""
        return self.start == date(self.end.year, 1, 1)

    @property
    def is_full_year(self) -> bool:
        return self.is_cumulative and self.end == date(self.end.year, 12, 31)

    @classmethod
    def of(cls, start: date, end: date) -> Period:
        """Build a period with its canonical label."""
        if end < start:
            raise ValueError(f"period end {end} before start {start}")
        return cls(start, end, period_label(start, end))


def month_range(year: int, m1: int, m2: int, year2: int | None = None) -> Period:
    """Month ``m1`` of ``year`` .. end of month ``m2`` (of ``year2`` or ``year``)."""
    return Period.of(date(year, m1, 1), month_end(year2 or year, m2))


def quarter(year: int, q: int) -> Period:
    """Quarter ``q`` (1..4) of ``year``."""
    return month_range(year, 3 * q - 2, 3 * q)


def full_year(year: int) -> Period:
    """Jan 1 .. Dec 31 of ``year``."""
    return month_range(year, 1, 12)


def share_of_year(d: date) -> float:
    """Elapsed share of the calendar year at the end of day ``d`` (Dec 31 -> 1.0)."""
    days = 366 if calendar.isleap(d.year) else 365
    return d.timetuple().tm_yday / days


# --- normalization -----------------------------------------------------------

_CN_DIGIT = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4"}
_CN_DIGIT |= {"五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR_RE = re.compile(r"[〇○零一二三四五六七八九]{4}(?=\s*年)")
_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_CN_MONTH_VALUES = {"十": 10, "十一": 11, "十二": 12} | {
    k: int(v) for k, v in _CN_DIGIT.items() if v != "0"
}
_SEP_CHARS = "-—–―─－~～至到"
_CN_MONTH_RE = re.compile(
    rf"(?<![一二三四五六七八九十])({_CN_MONTH})"
    rf"(?=\s*(?:月|[{_SEP_CHARS}]+\s*(?:{_CN_MONTH}|\d{{1,2}})\s*月))"
)
# a month number written with a leading "第" is not a thing; quarters keep Chinese.


def _normalize(text: str) -> str:
    t = halfwidth(text)
    t = _CN_YEAR_RE.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(0)), t)
    t = _CN_MONTH_RE.sub(lambda m: str(_CN_MONTH_VALUES[m.group(1)]), t)
    return t


# --- patterns ----------------------------------------------------------------

_Y = r"(?<!\d)((?:19|20)\d{2})(?!\d)"
_YN = r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?:度\s*)?"  # "2024年" before a form
_M = r"(?<!\d)(1[0-2]|0?[1-9])(?!\d)"
_SEP = rf"\s*[{_SEP_CHARS}]+\s*"
_Q = r"([一二三四1-4])"
_QV = {"一": 1, "二": 2, "三": 3, "四": 4, "两": 2, "1": 1, "2": 2, "3": 3, "4": 4}

_CROSS_RE = re.compile(rf"{_Y}\s*年\s*{_M}\s*月(?:份)?{_SEP}{_Y}\s*年\s*{_M}\s*月(?:份)?")
_DAY_RANGE_RE = re.compile(
    rf"{_YN}{_M}\s*月\s*([0-3]?\d)\s*日{_SEP}"
    rf"(?:(?P<y2>(?:19|20)\d{{2}})\s*年\s*)?{_M}\s*月\s*([0-3]?\d)\s*日"
)
_CROSS_NUM_RE = re.compile(rf"{_Y}\s*[-./_年]\s*{_M}\s*月?{_SEP}{_Y}\s*[-./_年]\s*{_M}")
_Q_RANGE_RE = re.compile(rf"(?:{_YN})?(?:第\s*)?{_Q}\s*(?:季度)?{_SEP}(?:第\s*)?{_Q}\s*季度")
_H_RE = re.compile(rf"{_Y}\s*(?:年\s*)?[-_ ]?[Hh]([12])(?!\d)")
_RANGE_RE = re.compile(rf"(?:{_YN})?{_M}\s*月?(?:份)?{_SEP}{_M}\s*月(?:份)?")
_FIRST_Q_RE = re.compile(rf"(?:{_YN})?前\s*([一二两三四1-4])\s*(?:个)?\s*季度")
_QUARTER_RE = re.compile(rf"(?:{_YN})?(?<!前)(?:第\s*)?{_Q}\s*季度")
_Q_AFTER_RE = re.compile(rf"{_Y}\s*(?:年\s*)?[-_./ ]?\s*[Qq]\s*([1-4])(?!\d)")
_Q_BEFORE_RE = re.compile(rf"(?<![A-Za-z])[Qq]\s*([1-4])\s*[-_./ ]?\s*{_Y}")
_Q_ALONE_RE = re.compile(r"(?<![A-Za-z0-9])[Qq]([1-4])(?!\d)")
_HALF_RE = re.compile(rf"(?:{_YN})?(上|下|前)\s*半\s*年")
_MONTH_RE = re.compile(
    rf"(?P<pre>截\s*[至止](?:到)?\s*|至\s*)?(?:{_YN})?{_M}\s*月(?:份)?"
    r"(?:\s*(?P<d>[0-3]?\d)\s*日)?(?P<post>\s*(?:末|底|止)?\s*(?:累计|止累计)?)"
)
_NUMERIC_RE = re.compile(rf"{_Y}\s*[-./_]\s*{_M}(?!\s*[-./]?\s*\d{{3,}})")
_COMPACT_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(?!\d)")
_FULL_RE = re.compile(
    rf"{_Y}\s*(?:年\s*)?(?:全\s*年|年\s*度)|{_Y}\s*年(?!\s*(?:度|\d{{1,2}}\s*月))"
)
_FULL_ALONE_RE = re.compile(r"全\s*年")
_BARE_YEAR_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*$")
_YEAR_MENTION_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})"
    r"(?=\s*(?:年|[QqHh][1-4]|[-./_]\s*\d)|(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])?(?!\d))"
)


class _Ctx:
    """Year lookup for forms written without a year."""

    def __init__(self, text: str, default_year: int | None) -> None:
        self.mentions = [(m.start(), int(m.group(1))) for m in _YEAR_MENTION_RE.finditer(text)]
        self.default_year = default_year

    def year_for(self, pos: int) -> int | None:
        before = [y for p, y in self.mentions if p < pos]
        if before:
            return before[-1]
        after = [y for p, y in self.mentions if p >= pos]
        if after:
            return after[0]
        return self.default_year


def _safe(fn: object, *args: int) -> Period | None:
    try:
        return fn(*args)  # type: ignore[operator]
    except ValueError:
        return None


def _group_year(m: re.Match[str], ctx: _Ctx) -> int | None:
    y = m.groupdict().get("y")
    return int(y) if y else ctx.year_for(m.start())


def _try_day_range(t: str, ctx: _Ctx) -> Period | None:
    for m in _DAY_RANGE_RE.finditer(t):
        y1 = int(m.group("y"))
        y2 = int(m.group("y2")) if m.group("y2") else y1
        try:
            start = date(y1, int(m.group(2)), int(m.group(3)))
            end = date(y2, int(m.group(5)), int(m.group(6)))
        except ValueError:
            continue
        if start <= end:
            return Period.of(start, end)
    return None


def _try_cross(t: str, ctx: _Ctx) -> Period | None:
    for rx in (_CROSS_RE, _CROSS_NUM_RE):
        for m in rx.finditer(t):
            y1, m1, y2, m2 = (int(g) for g in m.groups())
            if (y1, m1) <= (y2, m2):
                p = _safe(month_range, y1, m1, m2, y2)
                if p:
                    return p
    return None


def _try_quarter_range(t: str, ctx: _Ctx) -> Period | None:
    for m in _Q_RANGE_RE.finditer(t):
        y = _group_year(m, ctx)
        q1, q2 = _QV[m.group(2)], _QV[m.group(3)]
        if y is not None and q1 <= q2:
            return month_range(y, 3 * q1 - 2, 3 * q2)
    return None


def _try_range(t: str, ctx: _Ctx) -> Period | None:
    for m in _RANGE_RE.finditer(t):
        m1, m2 = int(m.group(2)), int(m.group(3))
        y = _group_year(m, ctx)
        if y is not None and 1 <= m1 <= m2 <= 12:
            return month_range(y, m1, m2)
    return None


def _try_first_quarters(t: str, ctx: _Ctx) -> Period | None:
    for m in _FIRST_Q_RE.finditer(t):
        y = _group_year(m, ctx)
        if y is not None:
            return month_range(y, 1, 3 * _QV[m.group(2)])
    return None


def _try_quarter(t: str, ctx: _Ctx) -> Period | None:
    for m in _QUARTER_RE.finditer(t):
        y = _group_year(m, ctx)
        if y is not None:
            return quarter(y, _QV[m.group(2)])
    for m in _Q_AFTER_RE.finditer(t):
        return quarter(int(m.group(1)), int(m.group(2)))
    for m in _Q_BEFORE_RE.finditer(t):
        return quarter(int(m.group(2)), int(m.group(1)))
    for m in _Q_ALONE_RE.finditer(t):
        y = ctx.year_for(m.start())
        if y is not None:
            return quarter(y, int(m.group(1)))
    return None


def _try_half(t: str, ctx: _Ctx) -> Period | None:
    for m in _HALF_RE.finditer(t):
        y = _group_year(m, ctx)
        if y is not None:
            return month_range(y, 1, 6) if m.group(2) in ("上", "前") else month_range(y, 7, 12)
    for m in _H_RE.finditer(t):
        y, h = int(m.group(1)), int(m.group(2))
        return month_range(y, 1, 6) if h == 1 else month_range(y, 7, 12)
    return None


def _try_month(t: str, ctx: _Ctx) -> Period | None:
    for m in _MONTH_RE.finditer(t):
        y = _group_year(m, ctx)
        if y is None:
            continue
        mo = int(m.group(3))
        day = m.group("d")
        cumulative = bool(m.group("pre")) or "累计" in (m.group("post") or "")
        if day is not None:
            try:
                d = date(y, mo, int(day))
            except ValueError:
                continue
            if not cumulative:
                continue  # a single date (填报日期：2024年7月5日) is not a period
            return Period.of(date(y, 1, 1), d)
        if cumulative:
            return month_range(y, 1, mo)
        return month_range(y, mo, mo)
    return None


def _try_numeric(t: str, ctx: _Ctx) -> Period | None:
    for m in _NUMERIC_RE.finditer(t):
        return month_range(int(m.group(1)), int(m.group(2)), int(m.group(2)))
    for m in _COMPACT_RE.finditer(t):
        return month_range(int(m.group(1)), int(m.group(2)), int(m.group(2)))
    return None


def _try_full(t: str, ctx: _Ctx) -> Period | None:
    for m in _FULL_RE.finditer(t):
        y = m.group(1) or m.group(2)
        return full_year(int(y))
    m = _BARE_YEAR_RE.match(t)
    if m:
        return full_year(int(m.group(1)))
    for m in _FULL_ALONE_RE.finditer(t):
        y = ctx.year_for(m.start())
        if y is not None:
            return full_year(y)
    return None


_TRIES = (
    _try_day_range,
    _try_cross,
    _try_range,
    _try_quarter_range,
    _try_first_quarters,
    _try_quarter,
    _try_half,
    _try_month,
    _try_numeric,
    _try_full,
)


def parse_period(text: str, default_year: int | None = None) -> Period | None:
    """The most specific period written anywhere in ``text``; None when there is none.

    >>> parse_period("市经信局_2024年1-6月.xlsx").label
    '2024年1-6月'
    """
    if not isinstance(text, str) or not text.strip():
        return None
    t = _normalize(text)
    ctx = _Ctx(t, default_year)
    for attempt in _TRIES:
        p = attempt(t, ctx)
        if p is not None:
            return p
    return None
