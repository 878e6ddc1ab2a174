"""The Great Expectations suite watches the data: it passes on good data, warns on odd
values, and fails (ERROR) on a night that loses actual rows while no input was removed."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from gwr.quality import SuiteReport, Thresholds, run_warehouse_suite


def _copy(src: Path, dst: Path, *statements: str) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    with duckdb.connect(str(dst)) as con:
        for sql in statements:
            con.execute(sql)
        con.execute("CHECKPOINT")
    return dst


def test_suite_passes_on_good_data(good_report: SuiteReport) -> None:
    assert good_report.success, good_report.format()
    assert {t.table for t in good_report.tables} == {
        "mart.fct_target", "mart.fct_actual", "mart.fct_variance"
    }  # fmt: skip
    assert all(t.evaluated > 0 and not t.failed for t in good_report.tables)
    assert good_report.table("mart.fct_target").rows == 5


def test_data_docs_render_offline_beside_the_warehouse(
    good_report: SuiteReport, tiny_warehouse: Path
) -> None:
    index = good_report.docs_index
    assert index == tiny_warehouse.parent / "quality" / "index.html"
    pages = [index, *(index.parent / "validations").rglob("*.html")]
    assert len(pages) == 1 + len(good_report.tables)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<style>" in html
        for tag in ('<script src="http', '<link href="http', '<img src="http'):
            assert tag not in html, page
    assert "mart.fct_target" in index.read_text(encoding="utf-8")
    assert [p.name for p in tiny_warehouse.parent.iterdir() if ".building-" in p.name] == []


def test_losing_actual_rows_fails_and_says_how_many(tiny_warehouse: Path, tmp_path: Path) -> None:
    lost = _copy(tiny_warehouse, tmp_path / "lost" / "gwr.duckdb",
                 "DELETE FROM mart.fct_actual WHERE source_kind = 'spreadsheet'")  # fmt: skip
    report = run_warehouse_suite(lost, tmp_path / "docs", previous=tiny_warehouse)
    assert not report.success
    ((table, failure),) = report.failures
    assert (table, failure.test, failure.severity) == ("mart.fct_actual", "rows_not_lost", "error")
    assert failure.observed_value == 1
    assert "rows_not_lost" in report.format()
    # the same loss is expected when the inputs behind those rows were removed
    removed = _copy(lost, tmp_path / "removed" / "gwr.duckdb",
                    "DELETE FROM raw.documents WHERE kind = 'spreadsheet'")  # fmt: skip
    assert run_warehouse_suite(removed, tmp_path / "docs2", previous=tiny_warehouse).success


def test_odd_values_and_shares_warn_but_do_not_block(tiny_warehouse: Path, tmp_path: Path) -> None:
    odd = _copy(tiny_warehouse, tmp_path / "odd" / "gwr.duckdb",
                "UPDATE mart.fct_target SET value = -5 WHERE target_id = 't_jobs'")  # fmt: skip
    strict = Thresholds(mostly=1.0, max_no_data_share=0.0, max_not_comparable_share=0.0)
    report = run_warehouse_suite(odd, tmp_path / "docs", previous=tiny_warehouse,
                                 thresholds=strict)  # fmt: skip
    assert report.success, report.format()
    warned = {(t, f.test) for t, f in report.failures}
    assert ("mart.fct_target", "value_range_count") in warned
    assert ("mart.fct_variance", "no_data_share") in warned
    assert ("mart.fct_variance", "not_comparable_share") in warned
    assert {f.severity for _, f in report.failures} == {"warn"}


def test_suite_is_deterministic(
    good_report: SuiteReport, tiny_warehouse: Path, tmp_path: Path
) -> None:
    again = run_warehouse_suite(tiny_warehouse, tmp_path / "docs")
    outline = [(t.table, t.success, t.rows, t.evaluated) for t in again.tables]
    assert outline == [(t.table, t.success, t.rows, t.evaluated) for t in good_report.tables]


def test_listed_unexpected_values_come_in_key_order_whatever_the_storage_order(
    tiny_warehouse: Path, tmp_path: Path
) -> None:
    # 60 negative counts and 60 out-of-range expected progresses, stored in an order that is
    # neither the key order nor its reverse: the suite lists the first 20 in key order
    # (the suite relation is unordered; the key order is put on the limited read alone)
    def rows(table: str, replace: str) -> str:
        return (f"INSERT INTO mart.{table} SELECT * EXCLUDE (i) REPLACE ({replace}) "
                f"FROM (SELECT * FROM mart.{table} LIMIT 1), range(60) AS r(i) "
                "ORDER BY (i * 37) % 61")  # fmt: skip

    key = "'zz_' || lpad(i::VARCHAR, 3, '0')"
    scrambled = _copy(
        tiny_warehouse, tmp_path / "scrambled" / "gwr.duckdb",
        rows("fct_actual", f"{key} AS actual_id, 'count' AS measure, -1.0 - i AS value"),
        rows("fct_variance", f"{key} AS target_id, 2.0 + i AS expected_progress"),
    )  # fmt: skip
    report = run_warehouse_suite(scrambled, tmp_path / "docs")
    failed = {(t, f.test): f for t, f in report.failures}
    count = failed["mart.fct_actual", "value_range_count"]
    assert count.unexpected_count == 60
    assert count.partial_unexpected_list == [-1.0 - i for i in range(20)]
    progress = failed["mart.fct_variance", "expected_progress_in_0_1"]
    assert (progress.severity, progress.unexpected_count) == ("error", 60)
    assert progress.partial_unexpected_list == [2.0 + i for i in range(20)]
    again = run_warehouse_suite(scrambled, tmp_path / "docs-again")
    assert again.failure_dicts() == report.failure_dicts()


def test_why_an_expectation_could_not_be_evaluated_is_kept() -> None:
    """GX 1.x reports an evaluation error at the top level or nested per metric (a missing
    column: {MetricConfigurationID(…): {"raised_exception": True, …}}): both give the
    message, once; a result without an error gives none."""
    from gwr.quality import _exception_message

    missing = 'Error: The column "missing" in BatchData does not exist.'
    record = {"raised_exception": True, "exception_message": missing}
    assert _exception_message(record) == missing
    assert _exception_message({"metric-a": record, "metric-b": dict(record)}) == missing
    nested = {"m1": record, "m2": {"raised_exception": True, "exception_message": "boom"}}
    assert _exception_message(nested) == f"{missing}; boom"
    assert _exception_message({"raised_exception": False, "exception_message": None}) is None
    assert _exception_message({}) is None
    assert _exception_message(None) is None
