"""Restatements: a figure stated twice in a report is one row.

* A statement restated later (same kind, year, indicator, measure, value, unit)
  is reported once, at its first occurrence; a figure first stated under a
  placeholder (``过去一年，增长5.8%``, ``今年目标：增长6%``) and restated with its
  indicator is one row, named (and compared) as in the restatement.
  ``经济总量``/``GDP``/``经济增长`` restate ``地区生产总值``.

Pinned by tests/report/test_extract_rules.py and test_extract_generalization.py.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter

from .candidates import Candidate
from .model import Statement
from .naming import strip_region_prefix
from .normalize import Normalized
from .periods import ANNUAL
from .subjects import GENERIC_INDICATOR_RE

RESTATE_NOISE_RE = re.compile(r"预期|预计|目标|全市|全省|全县|全区|全国|今年|全年")


_IND_SYNONYMS = (
    ("规模以上", "规上"),
    ("国内生产总值", "地区生产总值"),
    ("GDP", "地区生产总值"),
    ("经济增长", "地区生产总值"),
    ("经济增速", "地区生产总值"),
    ("经济总量", "地区生产总值"),
    ("国民经济", "地区生产总值"),
)


@lru_cache(maxsize=8192)
def indicator_key(s: str) -> str:
    """An indicator reduced for restatement matching (region, 预期/目标 removed)."""
    for a, b in _IND_SYNONYMS:
        s = s.replace(a, b)
    s = RESTATE_NOISE_RE.sub("", s)
    s = strip_region_prefix(s)
    return s


def merge_restatements(cands: list[Candidate], norm: Normalized, text: str) -> list[Statement]:
    """The statements of ``cands`` (compact offsets), restatements merged, quoted from
    the original ``text`` and ordered by position."""
    seen: set[tuple[object, ...]] = set()
    by_qty: dict[tuple[object, ...], list[str]] = {}
    #: rows whose indicator is a placeholder, by (kind, year, measure, value, unit)
    generic_rows: dict[tuple[object, ...], Statement] = {}
    cands.sort(key=attrgetter("qa", "qb"))
    stmts: list[Statement] = []
    for c in cands:
        if c.qb <= c.qa:
            continue
        # the same figure over another period is another statement: “十五五”时期年均增长5%
        # (2026-2030) is no restatement of the year's 增长5% (2026)
        if c.aggregation is None:  # not read (the common case): the calendar year
            c.period_start, c.period_end = f"{c.year}-01-01", f"{c.year}-12-31"
            c.aggregation = ANNUAL
        per = (c.period_start, c.period_end, c.aggregation)
        key = (c.kind, c.year, c.indicator, c.measure, c.value, c.unit, c.value_max, per)
        key2 = (c.kind, c.year, c.measure, c.value, c.unit, c.value_max, c.comparator, per)
        key3 = ("pct", c.kind, c.year, c.value, c.unit, c.value_max, c.comparator, per)
        if key in seen:
            continue
        if c.unit == "%" and "目标" in c.indicator and key3 in seen:
            continue  # 今年预期目标设定为6%以上: a restatement of 增长6%以上
        gkey = (c.kind, c.year, c.measure, c.value, c.unit, c.value_max, per)
        if c.value is not None and gkey in generic_rows:
            # 过去一年…增长5.8% (lead) and 地区生产总值…增长5.8% (body): one row,
            # at the first span, named by the specific indicator
            g = generic_rows.pop(gkey)
            if not GENERIC_INDICATOR_RE.match(c.indicator):
                g.indicator = c.indicator
                g.comparator = c.comparator  # the body's wording decides
            continue
        if c.value is not None:
            ik = indicator_key(c.indicator)
            prev_keys = by_qty.get(key2)
            if prev_keys is None:
                by_qty[key2] = [ik]
            else:
                # a restatement of an earlier row with the same quantity
                if "目标" in c.indicator:
                    continue
                lik = len(ik)
                if any(lik >= 4 and len(pk) >= 4 and (ik in pk or pk in ik) for pk in prev_keys):
                    continue
                prev_keys.append(ik)
        seen.add(key)
        seen.add(key3)
        a, b = norm.span(c.qa, c.qb)
        stmts.append(
            Statement(
                kind=c.kind,
                year=c.year,
                indicator=c.indicator,
                measure=c.measure,
                value=None if c.value is None else float(c.value),
                value_max=None if c.value_max is None else float(c.value_max),
                unit=c.unit,
                comparator=c.comparator,
                value_base=None if c.value_base is None else float(c.value_base),
                unit_base=c.unit_base,
                section=c.section,
                quote=text[a:b],
                char_start=a,
                char_end=b,
                benchmark=c.benchmark,
                period_start=c.period_start,
                period_end=c.period_end,
                aggregation=c.aggregation,
            )
        )
        if c.value is not None and GENERIC_INDICATOR_RE.match(c.indicator):
            generic_rows[gkey] = stmts[-1]
    # a value that names nothing (no subject, never restated with one) is no row: it
    # could never be resolved to an indicator nor paired with a target
    stmts = [s for s in stmts if s.indicator]
    stmts.sort(key=attrgetter("char_start", "char_end"))
    return stmts
