"""Candidate rows and the context of the sentence they are found in."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .mentions import Mention
from .naming import clean_indicator
from .subjects import measure_of, tidy_indicator


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
        self.out.append(c)
        return c
