"""Tests for gwr.periods."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwr.periods import (
    Period,
    full_year,
    month_end,
    month_range,
    parse_period,
    period_label,
    quarter,
    share_of_year,
)

_FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


@pytest.mark.parametrize(
    ("text", "default_year", "start", "end"),
    [
        ("2024年1-6月", None, "2024-01-01", "2024-06-30"),
        ("2024年1—6月", None, "2024-01-01", "2024-06-30"),
        ("2024年1——6月", None, "2024-01-01", "2024-06-30"),
        ("2024年1–6月", None, "2024-01-01", "2024-06-30"),
        ("2024年1至6月", None, "2024-01-01", "2024-06-30"),
        ("2024年1~6月", None, "2024-01-01", "2024-06-30"),
        ("2024年1～6月", None, "2024-01-01", "2024-06-30"),
        ("2024年1月-6月", None, "2024-01-01", "2024-06-30"),
        ("2024年1-6月份", None, "2024-01-01", "2024-06-30"),
        ("2024 年 1-6 月", None, "2024-01-01", "2024-06-30"),
        ("２０２４年１－６月", None, "2024-01-01", "2024-06-30"),
        ("二〇二四年一至六月", None, "2024-01-01", "2024-06-30"),
        ("2024年4-6月", None, "2024-04-01", "2024-06-30"),
        ("2024年6月", None, "2024-06-01", "2024-06-30"),
        ("2024年6月份", None, "2024-06-01", "2024-06-30"),
        ("2024年十二月", None, "2024-12-01", "2024-12-31"),
        ("2024年2月", None, "2024-02-01", "2024-02-29"),
        ("2023年2月", None, "2023-02-01", "2023-02-28"),
        ("2024年上半年", None, "2024-01-01", "2024-06-30"),
        ("2024年下半年", None, "2024-07-01", "2024-12-31"),
        ("2024年一季度", None, "2024-01-01", "2024-03-31"),
        ("2024年第一季度", None, "2024-01-01", "2024-03-31"),
        ("2024年1季度", None, "2024-01-01", "2024-03-31"),
        ("2024年二季度", None, "2024-04-01", "2024-06-30"),
        ("2024年第3季度", None, "2024-07-01", "2024-09-30"),
        ("2024年四季度", None, "2024-10-01", "2024-12-31"),
        ("2024年前三季度", None, "2024-01-01", "2024-09-30"),
        ("2024年前两季度", None, "2024-01-01", "2024-06-30"),
        ("2024Q2", None, "2024-04-01", "2024-06-30"),
        ("2024q2", None, "2024-04-01", "2024-06-30"),
        ("2024-Q2", None, "2024-04-01", "2024-06-30"),
        ("Q2 2024", None, "2024-04-01", "2024-06-30"),
        ("2024-06", None, "2024-06-01", "2024-06-30"),
        ("2024.06", None, "2024-06-01", "2024-06-30"),
        ("2024/6", None, "2024-06-01", "2024-06-30"),
        ("202406", None, "2024-06-01", "2024-06-30"),
        ("2024年全年", None, "2024-01-01", "2024-12-31"),
        ("2024年度", None, "2024-01-01", "2024-12-31"),
        ("2024年", None, "2024-01-01", "2024-12-31"),
        ("2024", None, "2024-01-01", "2024-12-31"),
        ("2023年12月-2024年2月", None, "2023-12-01", "2024-02-29"),
        ("截至2024年6月底", None, "2024-01-01", "2024-06-30"),
        ("截至2024年6月15日", None, "2024-01-01", "2024-06-15"),
        ("2024年6月累计", None, "2024-01-01", "2024-06-30"),
        ("1-9月", 2024, "2024-01-01", "2024-09-30"),
        ("1-9月累计", 2024, "2024-01-01", "2024-09-30"),
        ("上半年", 2023, "2023-01-01", "2023-06-30"),
        ("Q3", 2024, "2024-07-01", "2024-09-30"),
        ("全年", 2024, "2024-01-01", "2024-12-31"),
        ("2024年1-2季度", None, "2024-01-01", "2024-06-30"),
        ("2024年一至三季度", None, "2024-01-01", "2024-09-30"),
        ("2024H1", None, "2024-01-01", "2024-06-30"),
        ("2024年H2", None, "2024-07-01", "2024-12-31"),
        ("2024.01-2024.06", None, "2024-01-01", "2024-06-30"),
        ("2024-01至2024-06", None, "2024-01-01", "2024-06-30"),
        ("2024年1月1日至2024年6月30日", None, "2024-01-01", "2024-06-30"),
        ("2023年12月15日-2024年1月15日", None, "2023-12-15", "2024-01-15"),
        ("20240715_市统计局_1-6月.xlsx", None, "2024-01-01", "2024-06-30"),
        # inside file names and info rows
        ("市经信局_2024年1-6月.xlsx", None, "2024-01-01", "2024-06-30"),
        ("2024Q2-市商务局.csv", None, "2024-04-01", "2024-06-30"),
        ("统计期：2024年1-6月", None, "2024-01-01", "2024-06-30"),
        ("报告期:2024年二季度", None, "2024-04-01", "2024-06-30"),
        # a bare year is a full year only when nothing more specific follows
        ("2024年目标任务1-6月完成情况", None, "2024-01-01", "2024-06-30"),
        ("巴中市2024年重点目标任务完成情况（上半年）", None, "2024-01-01", "2024-06-30"),
        ("某县2025年重点目标任务完成情况表", None, "2025-01-01", "2025-12-31"),
        # the text's year wins over default_year
        ("2022年1-3月", 2024, "2022-01-01", "2022-03-31"),
    ],
)
def test_parse_period_forms(text: str, default_year: int | None, start: str, end: str) -> None:
    p = parse_period(text, default_year=default_year)
    assert p is not None, text
    assert (p.start.isoformat(), p.end.isoformat()) == (start, end)
    assert p.label == period_label(p.start, p.end)


@pytest.mark.parametrize(
    "text", ["", "hello", "1-9月", "上半年", "填报日期：2024年7月5日", "指标名称"]
)
def test_parse_period_none(text: str) -> None:
    assert parse_period(text) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2024年1-6月", "2024年1-6月"),
        ("2024年上半年", "2024年1-6月"),
        ("2024年前三季度", "2024年1-9月"),
        ("2024年6月", "2024年6月"),
        ("2024Q2", "2024年二季度"),
        ("2024年4-6月", "2024年二季度"),
        ("2024年下半年", "2024年下半年"),
        ("2024年度", "2024年全年"),
        ("2024年4-8月", "2024年4-8月"),
        ("2023年12月-2024年2月", "2023年12月-2024年2月"),
        ("截至2024年6月15日", "2024年1月1日-6月15日"),
    ],
)
def test_labels(text: str, label: str) -> None:
    p = parse_period(text)
    assert p is not None and p.label == label


def test_period_helpers() -> None:
    assert quarter(2024, 2) == month_range(2024, 4, 6)
    assert full_year(2023).end == date(2023, 12, 31)
    assert full_year(2023).is_full_year
    assert month_range(2024, 1, 6).is_cumulative
    assert not quarter(2024, 2).is_cumulative
    assert quarter(2024, 4).year == 2024
    with pytest.raises(ValueError):
        Period.of(date(2024, 2, 1), date(2024, 1, 1))


def test_share_of_year() -> None:
    assert share_of_year(date(2024, 6, 30)) == 182 / 366
    assert share_of_year(date(2023, 6, 30)) == 181 / 365
    assert share_of_year(date(2024, 12, 31)) == 1.0
    assert share_of_year(date(2023, 1, 1)) == 1 / 365


@settings(deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_share_of_year_monotone_in_0_1(d: date) -> None:
    s = share_of_year(d)
    assert 0 < s <= 1
    if d.month != 12 or d.day != 31:
        assert share_of_year(d + timedelta(days=1)) > s


_YEARS = st.integers(min_value=1990, max_value=2099)
_MONTHS = st.integers(min_value=1, max_value=12)


@settings(deadline=None)
@given(
    _YEARS,
    _MONTHS,
    _MONTHS,
    st.sampled_from(["-", "—", "–", "~", "～", "至", "到", "——"]),
    st.booleans(),
    st.sampled_from(["", "统计期：", "市经信局_", "报告期 "]),
    st.sampled_from(["", "累计", "份", ".xlsx", "完成情况"]),
)
def test_month_range_property(
    year: int, a: int, b: int, sep: str, full: bool, prefix: str, suffix: str
) -> None:
    m1, m2 = min(a, b), max(a, b)
    text = f"{prefix}{year}年{m1}{sep}{m2}月{suffix}"
    if full:
        text = text.translate(_FW)
    p = parse_period(text)
    assert p is not None, text
    assert p.start <= p.end
    assert p.start == date(year, m1, 1)
    assert p.end == date(year, m2, calendar.monthrange(year, m2)[1])
    assert (p.end + timedelta(days=1)).day == 1  # month end


@settings(deadline=None)
@given(_YEARS, _MONTHS, st.sampled_from(["{y}年{m}月", "{y}-{m:02d}", "{y}.{m:02d}", "{y}{m:02d}"]))
def test_single_month_property(year: int, month: int, fmt: str) -> None:
    p = parse_period(fmt.format(y=year, m=month))
    assert p is not None
    assert p.start == date(year, month, 1)
    assert p.end == month_end(year, month)
    assert p.label == f"{year}年{month}月"


@settings(deadline=None)
@given(
    _YEARS,
    st.integers(min_value=1, max_value=4),
    st.sampled_from(["{y}Q{q}", "{y}-Q{q}", "{y}年{cq}季度", "{y}年第{q}季度"]),
)
def test_quarter_property(year: int, q: int, fmt: str) -> None:
    cq = "一二三四"[q - 1]
    p = parse_period(fmt.format(y=year, q=q, cq=cq))
    assert p is not None
    assert p.start == date(year, 3 * q - 2, 1)
    assert p.end == month_end(year, 3 * q)


@settings(deadline=None)
@given(_YEARS, _MONTHS)
def test_yearless_uses_default(year: int, m: int) -> None:
    p = parse_period(f"1-{m}月累计", default_year=year)
    assert p is not None
    assert p == month_range(year, 1, m)
    assert p.is_cumulative


@settings(deadline=None)
@given(_YEARS)
def test_leap_february(year: int) -> None:
    p = parse_period(f"{year}年2月")
    assert p is not None
    assert p.end.day == (29 if calendar.isleap(year) else 28)


_DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))


@st.composite
def _periods(draw: st.DrawFn) -> Period:
    kind = draw(st.sampled_from(["months", "quarter", "year", "days", "cross"]))
    year = draw(_YEARS)
    if kind == "months":
        a, b = draw(_MONTHS), draw(_MONTHS)
        return month_range(year, min(a, b), max(a, b))
    if kind == "quarter":
        return quarter(year, draw(st.integers(min_value=1, max_value=4)))
    if kind == "year":
        return full_year(year)
    if kind == "cross":
        m1, m2 = draw(_MONTHS), draw(_MONTHS)
        return month_range(min(year, 2098), m1, m2, min(year, 2098) + 1)
    a, b = draw(_DATES), draw(_DATES)
    return Period.of(min(a, b), max(a, b))


@settings(deadline=None)
@given(_periods())
def test_label_round_trip(p: Period) -> None:
    """A canonical label parses back to the same period."""
    assert parse_period(p.label) == p


@settings(deadline=None)
@given(_periods(), st.sampled_from(["统计期：{}", "市经信局_{}.xlsx", "{}完成情况", "报告期:{}"]))
def test_label_found_in_context(p: Period, fmt: str) -> None:
    assert parse_period(fmt.format(p.label)) == p


_PERIODISH = st.text(
    alphabet=st.sampled_from(
        list("0123456789２０-—~至年月日季度第前上下半全QqH一二三四五六十_.累计截底")
    ),
    max_size=16,
)


@settings(deadline=None)
@given(st.one_of(st.text(max_size=20), _PERIODISH), st.one_of(st.none(), _YEARS))
def test_parse_period_total(s: str, default_year: int | None) -> None:
    """Never raises; any result is a well-formed period with its canonical label."""
    p = parse_period(s, default_year=default_year)
    if p is not None:
        assert p.start <= p.end
        assert p.label == period_label(p.start, p.end)
