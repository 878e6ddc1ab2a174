"""A report's statements become rows as flat copies of their fields (gwr.ingest)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from gwr.ingest import parse_report_file
from gwr.inputs import discover
from gwr.report import extract_report
from gwr.settings import REPO_ROOT


def test_rows_are_exactly_asdict_of_the_statements() -> None:
    """`dict(vars(s))` (a shallow copy) is what `dataclasses.asdict` gave: the same keys in
    the same order and equal values, because every field of a Statement is a scalar."""
    (report,) = discover(REPO_ROOT / "data", "report")
    text = Path(report.path).read_text(encoding="utf-8-sig")
    statements = extract_report(text).statements
    assert statements
    for field in dataclasses.fields(statements[0]):
        assert field.type in {"str", "int", "float | None", "str | None", "int | None"}, field
    parsed = parse_report_file(report)
    expected = [dataclasses.asdict(s) for s in statements]
    assert [list(r.items()) for r in parsed["statements"]] == [list(e.items()) for e in expected]
