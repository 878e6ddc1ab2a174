"""Result types of the spreadsheet reader (ARCHITECTURE.md, ``gwr/sheets/``).

The fields of :class:`SheetRecord` are exactly the JSON keys that ``gwr read-sheet``
prints (CONTRACT §3); the fields of :class:`Reject` are the keys printed on stderr.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class UnreadableFileError(ValueError):
    """The whole file cannot be read; ``str(err)`` is the human reason (quarantined whole)."""


class FileAccessError(UnreadableFileError):
    """The file system refused the file (no permission, vanished, a folder …): the bytes
    were never judged, so the outcome must not be cached against them."""


@dataclass(frozen=True)
class SheetRecord:
    """One value read from a departmental progress spreadsheet."""

    department: str | None
    period_start: str  # ISO date
    period_end: str  # ISO date
    indicator: str  # as written in the file (surrounding whitespace stripped)
    measure: str  # growth_pct | pp_change | ratio_pct | count | amount
    value: float | None  # None: marked not yet available (待统计, 暂无), never 0
    unit: str
    value_base: float | None
    unit_base: str
    annual_target: float | None  # in ``unit`` (converted when the target used another scale)
    sheet: str
    row: int  # 1-based spreadsheet row number


@dataclass(frozen=True)
class Reject:
    """A row (or, with ``row=None``, a whole sheet) set aside with the reason."""

    sheet: str
    row: int | None
    raw: list[str]
    reason: str


@dataclass
class SheetResult:
    """Everything read from one file."""

    records: list[SheetRecord] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    region: str | None = None  # official name (gwr.regions), from a folder or the title
    region_code: str | None = None
    #: cells that held an explicit empty marker (—, -, /, 空, 无) and so reported nothing;
    #: counted, not silently lost (a row with *only* such cells is also a Reject).
    empty_cells: int = 0
