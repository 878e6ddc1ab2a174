"""Candidate rows and the context of the sentence they are found in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .mentions import Mention
from .naming import clean_indicator
from .periods import period_of
from .subjects import measure_of, strip_lead, strip_tail, tidy_indicator

DIGIT_RE = re.compile(r"\d")


@dataclass(slots=True)
class Candidate:
    kind: str
    year: int
    indicator: str
    measure: str
    value: Decimal | None
    value_max: Decimal | None
    unit: str | None
    comparator: str
    value_base: Decimal | None
    unit_base: str | None
    section: str
    qa: int
    qb: int
    benchmark: str | None = None
    period_start: str | None = None  # ISO dates; None: the calendar year of ``year``
    period_end: str | None = None
    aggregation: str | None = None  # periods.ANNUAL, AVERAGE_ANNUAL, CUMULATIVE …


_SUBJECT_NOISE_RE = re.compile(r"分别|同比|再|均|各|共|为")
_CLAUSE_SEPS = "，；：。"


def order_range(c: Candidate) -> None:
    """``value <= value_max`` always: a declining range or stretch (下降8%至10%,
    下降5%、力争6%) is stored low to high (-10 .. -8), base values scaled alike."""
    if c.value is None or c.value_max is None or c.value_max >= c.value:
        return
    lo, hi = c.value_max, c.value
    if c.value_base is not None and c.value != 0:
        c.value_base = c.value_base * lo / c.value
    c.value, c.value_max = lo, hi


# ---------------------------------------------------------------------------


class SentenceContext:
    def __init__(
        self, text: str, kind: str, year: int, section: str, prev_indicator: str = ""
    ) -> None:
        self.text = text
        self.kind = kind
        self.year = year
        self.section = section
        self.prev_indicator = prev_indicator  # last subject of the paragraph so far
        self.out: list[Candidate] = []
        self.last_enum: list[str] = []  # subjects of the last 分别 enumeration
        self.regions: tuple[str, ...] = ()  # names of the report's own region
        self.sentence_start = 0  # where the sentence starts (for a subject to fall back on)
        self.term: tuple[int, int] | None = None  # the years an actual's sentence reviews
        self.plan: tuple[int, int] | None = None  # a plan period named around a target
        self.avg = False  # the sentence says 年均

    def add(
        self,
        indicator: str,
        mention: Mention,
        verbs: list[str],
        qa: int,
        qb: int,
        *,
        comparator: str | None = None,
        year: int | None = None,
        kind: str | None = None,
    ) -> Candidate | None:
        info = mention.unit
        if info is None or mention.value is None:
            return None
        measure, sign = measure_of(info, verbs, indicator)
        value = mention.value
        vmax = mention.value_max
        unit = info.text
        if info.kind == "multiple":
            value = value * 100
            vmax = vmax * 100 if vmax is not None else None
            unit = "%"
            value_base: Decimal | None = value
            unit_base = "%"
        else:
            value_base = value * info.factor  # exact Decimal; float() at the end
            unit_base = info.base
        if sign < 0:
            value = -value
            value_base = -value_base if value_base is not None else None
            vmax = -vmax if vmax is not None else None
        indicator = clean_indicator(tidy_indicator(indicator), self.regions)
        if indicator == "经济" and measure == "growth_pct":
            indicator = "经济增长"  # 经济增长6%左右
        if not indicator:
            # no subject was found: the words before the number in its clause; still none,
            # the row is a placeholder that a restatement may name (过去一年，增长5.8%),
            # else it is dropped (restatements.merge_restatements)
            indicator = self._nearby_subject(mention.start)
        c = Candidate(
            kind=kind or self.kind,
            year=year if year is not None else self.year,
            indicator=indicator,
            measure=measure,
            value=value,
            value_max=vmax,
            unit=unit,
            comparator=comparator or mention.comparator,
            value_base=value_base,
            unit_base=unit_base,
            section=self.section,
            qa=qa,
            qb=qb,
        )
        if vmax is not None and vmax < value:
            order_range(c)
        if self.term is not None or self.plan is not None or self.avg or ")" in indicator:
            # a multi-year review, a plan, 年均 or a part of the year: the period is read
            # (otherwise it is the calendar year of ``year``, filled in at the end)
            self._date(c, mention.start)
        self.out.append(c)
        return c

    def _date(self, c: Candidate, ms: int) -> None:
        """Set the period and aggregation of ``c`` from the clause before its number."""
        text, sa = self.text, self.sentence_start
        # the clause of the number: after the last separator before it
        cs = max(
            sa,
            text.rfind("，", sa, ms) + 1,
            text.rfind("；", sa, ms) + 1,
            text.rfind("：", sa, ms) + 1,
            text.rfind("。", sa, ms) + 1,
        )
        c.period_start, c.period_end, c.aggregation = period_of(
            text[cs:ms],
            kind=c.kind,
            year=c.year,
            measure=c.measure,
            indicator=c.indicator,
            # a start level dated to its own year (由2018年的12家) is of that year
            term=self.term if c.year == self.year else None,
            plan=self.plan,
        )

    def _nearby_subject(self, pos: int) -> str:
        """A subject for a value none was found for: the words before the first number
        of its clause (分别实现产值75亿元、266亿元 -> 产值), or nothing."""
        text, sa = self.text, self.sentence_start
        cs = max(sa, *(text.rfind(c, sa, pos) + 1 for c in _CLAUSE_SEPS))
        words = text[cs:pos]
        dm = DIGIT_RE.search(words)
        if dm is not None:
            words = words[: dm.start()]
        words = _SUBJECT_NOISE_RE.sub("", strip_tail(strip_lead(words, cs)[0])[0])
        name = clean_indicator(tidy_indicator(strip_tail(words)[0]), self.regions)
        return name if len(name) >= 2 else ""
