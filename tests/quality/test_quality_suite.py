"""The Great Expectations suite passes on good data and names what is wrong in bad data."""

from __future__ import annotations

from pathlib import Path

from gwr.quality import SuiteReport, run_warehouse_suite


def _failures(report: SuiteReport) -> dict[tuple[str, str, str], object]:
    return {(t, f.test, ",".join(f.columns)): f for t, f in report.failures}


def _outline(report: SuiteReport) -> list[tuple[object, ...]]:
    return [
        (t.table, t.success, t.rows, t.evaluated, [f.describe() for f in t.failed])
        for t in report.tables
    ]


def test_suite_passes_on_good_data(good_report: SuiteReport) -> None:
    assert good_report.success, good_report.format()
    tables = {t.table for t in good_report.tables}
    assert {
        "raw.documents", "mart.dim_indicator", "mart.dim_department", "mart.fct_target",
        "mart.fct_actual", "mart.fct_variance", "mart.quarantine",
        "mart.unresolved_indicators", "mart.v_scorecard", "mart.v_department_progress",
    } <= tables  # fmt: skip
    assert all(t.evaluated > 0 and not t.failed for t in good_report.tables)
    assert good_report.table("mart.fct_target").rows == 5
    assert sum(t.evaluated for t in good_report.tables) > 80


def test_data_docs_are_written_beside_the_warehouse(
    good_report: SuiteReport, tiny_warehouse: Path
) -> None:
    index = good_report.docs_index
    assert index == tiny_warehouse.parent / "quality" / "index.html"
    html = index.read_text(encoding="utf-8")
    assert "mart.fct_target" in html
    pages = list((index.parent / "validations").rglob("*.html"))
    assert len(pages) == len(good_report.tables)
    # nothing left behind by the directory swap
    assert [p.name for p in tiny_warehouse.parent.iterdir() if p.name.startswith(".")] == []


def test_suite_fails_on_broken_data_and_says_why(broken_report: SuiteReport) -> None:
    assert not broken_report.success
    failures = _failures(broken_report)

    dup = failures[("mart.fct_target", "unique", "target_id")]
    assert dup.unexpected_count == 2 and "t_gdp" in dup.partial_unexpected_list

    status = failures[("mart.fct_variance", "accepted_values", "status")]
    assert status.partial_unexpected_list == ["unknown"]

    base = failures[
        ("mart.fct_target", "value_base_matches_unit", "check:value_base_matches_unit(value,unit)")
    ]
    assert base.unexpected_count == 1
    assert "t_retail" in base.partial_unexpected_list[0]
    assert "41000000000" in base.partial_unexpected_list[0]

    orphan = failures[("mart.fct_target", "relationships", "indicator_id")]
    assert orphan.partial_unexpected_list == ["no_such_indicator"]

    missing = failures[("mart.v_department_progress", "table_exists", "")]
    assert "not in" in (missing.exception or "")

    # tables that were not touched still pass
    for table in ("mart.dim_indicator", "mart.dim_department", "mart.fct_actual"):
        assert broken_report.table(table).success, broken_report.format()
    text = broken_report.format()
    assert "FAILED" in text and "no_such_indicator" in text


def test_suite_is_deterministic(
    good_report: SuiteReport, tiny_warehouse: Path, tmp_path: Path
) -> None:
    again = run_warehouse_suite(tiny_warehouse, tmp_path / "docs")
    assert _outline(again) == _outline(good_report)
    assert (tmp_path / "docs" / "index.html").exists()
