"""Data model of report extraction: :class:`Statement` and :class:`Report`.

The fields of :class:`Statement` are exactly the keys of the ``gwr extract`` JSON
lines (plus ``benchmark``), so ``dataclasses.asdict(statement)`` is the output row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Report", "Statement", "UndatableReportError"]


class UndatableReportError(ValueError):
    """The report's year cannot be read from the text and none was given."""


@dataclass
class Statement:
    """One target or actual stated in a report.

    ``text[char_start:char_end] == quote`` on the original text, always.
    """

    kind: str  # "target" | "actual"
    year: int
    indicator: str
    measure: str  # growth_pct | pp_change | ratio_pct | count | amount | qualitative
    value: float | None
    value_max: float | None
    unit: str | None
    comparator: str  # ">=" | "<=" | "~" | "="
    value_base: float | None
    unit_base: str | None
    section: str
    quote: str
    char_start: int
    char_end: int
    benchmark: str | None = None
    #: the period the figure covers (ISO dates): the calendar year of ``year``, a part
    #: of it (上半年), or a multi-year period (年均/累计 figures, “十三五”时期)
    period_start: str | None = None
    period_end: str | None = None
    #: what the figure is over that period: annual, year_to_date, average_annual (年均
    #: growth), cumulative (累计 totals, growth over a five-year review)
    aggregation: str | None = None


@dataclass
class Report:
    """The statements of one report, ordered by ``char_start``."""

    region: str | None
    year: int
    statements: list[Statement] = field(default_factory=list)
