"""Shared helpers for the extraction tests."""

from __future__ import annotations

from gwr.report import Statement, extract_report

REVIEW = "一、2023年工作回顾\n"
PLAN = "二、2024年重点工作\n"


def rows(text: str, **kw: object) -> list[Statement]:
    """Extract, checking the provenance invariant on every row on the way."""
    report = extract_report(text, **kw)  # type: ignore[arg-type]
    for s in report.statements:
        assert text[s.char_start : s.char_end] == s.quote
    return report.statements
