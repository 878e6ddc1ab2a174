"""End to end: materialize every asset into a temporary warehouse and query it."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from helpers_e2e import output_metadata, query, run_refresh

pytestmark = pytest.mark.e2e


@pytest.fixture
def refreshed(gwr_env: dict[str, Path]) -> dict[str, object]:
    result = run_refresh(gwr_env["data"], gwr_env["warehouse"], gwr_env["cache"])
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return {**gwr_env, "result": result}


def test_seed_report_gives_targets_and_gdp_growth(refreshed: dict[str, object]) -> None:
    wh = refreshed["warehouse"]
    ((n_targets,),) = query(wh, "SELECT count(*) FROM mart.fct_target WHERE target_year = 2024")
    assert n_targets >= 80
    gdp = query(
        wh,
        "SELECT t.value, t.comparator, t.region, t.quote FROM mart.fct_target t "
        "WHERE t.indicator_id = 'gdp' AND t.measure = 'growth_pct' AND t.target_year = 2024",
    )
    assert [(v, c) for v, c, _, _ in gdp] == [(6.0, "=")]
    assert gdp[0][2] == "巴中市"
    assert "地区生产总值增长6%" in gdp[0][3]


def test_model_materializations_count_tables_not_internal_views(
    refreshed: dict[str, object],
) -> None:
    """Row counts are in the UI for every table and mart view; a staging or intermediate
    view's count would rerun its whole query, and the tables built from it carry them."""
    result = refreshed["result"]
    ((n_actuals,),) = query(refreshed["warehouse"], "SELECT count(*) FROM mart.fct_actual")
    assert output_metadata(result, "mart/fct_actual")["dagster/row_count"] == n_actuals > 0
    assert "dagster/row_count" in output_metadata(result, "mart/v_report_card")
    internal = output_metadata(result, "intermediate/int_ranked_actuals")
    assert "preview" in internal and "dagster/row_count" not in internal


def test_actuals_from_report_and_spreadsheets(refreshed: dict[str, object]) -> None:
    wh = refreshed["warehouse"]
    kinds = dict(query(wh, "SELECT source_kind, count(*) FROM mart.fct_actual GROUP BY 1"))
    assert kinds.get("report", 0) > 50
    assert kinds.get("spreadsheet", 0) > 20
    # every actual carries its provenance
    ((orphans,),) = query(
        wh,
        "SELECT count(*) FROM mart.fct_actual a LEFT JOIN raw.documents d USING (document_id) "
        "WHERE d.document_id IS NULL OR a.source_location IS NULL",
    )
    assert orphans == 0


def test_variance_has_several_statuses(refreshed: dict[str, object]) -> None:
    wh = refreshed["warehouse"]
    statuses = {s for (s,) in query(wh, "SELECT DISTINCT status FROM mart.fct_variance")}
    assert len(statuses) >= 3, statuses
    assert statuses <= {"met", "on_track", "behind", "missed", "no_data", "not_comparable"}
    # every target appears in the variance at least once
    ((missing,),) = query(
        wh,
        "SELECT count(*) FROM mart.fct_target t WHERE NOT EXISTS "
        "(SELECT 1 FROM mart.fct_variance v WHERE v.target_id = t.target_id)",
    )
    assert missing == 0


def test_refresh_is_deterministic_and_incremental(refreshed: dict[str, object]) -> None:
    wh = refreshed["warehouse"]
    sql = (
        "SELECT target_id, actual_id, status, gap FROM mart.fct_variance "
        "ORDER BY target_id, actual_id NULLS FIRST"
    )
    first = query(wh, sql)
    first_actuals = query(wh, "SELECT actual_id FROM mart.fct_actual ORDER BY 1")
    # forced: with nothing changed an unforced refresh rebuilds nothing at all
    # (tests/e2e/test_unchanged_e2e.py)
    again = run_refresh(refreshed["data"], wh, refreshed["cache"], tags={"gwr/force": "true"})
    assert again.success
    assert query(wh, sql) == first
    assert query(wh, "SELECT actual_id FROM mart.fct_actual ORDER BY 1") == first_actuals
    # nothing changed: nothing parsed again
    assert output_metadata(again, "report_statements")["reports_parsed"] == 0
    assert output_metadata(again, "sheet_records")["files_parsed"] == 0


def test_one_bad_file_is_quarantined_and_others_load(refreshed: dict[str, object]) -> None:
    data: Path = refreshed["data"]  # type: ignore[assignment]
    wh = refreshed["warehouse"]
    before = dict(query(wh, "SELECT source_kind, count(*) FROM mart.fct_actual GROUP BY 1"))
    region_dir = next(p for p in (data / "spreadsheets").iterdir() if p.is_dir())
    (region_dir / "市某局_2024年1-6月.xlsx").write_bytes(b"PK\x03\x04 this is not a workbook")
    (data / "reports" / "undated.txt").write_text("各位代表：今年我们要实现地区生产总值增长5%。")
    result = run_refresh(data, wh, refreshed["cache"])
    assert result.success
    after = dict(query(wh, "SELECT source_kind, count(*) FROM mart.fct_actual GROUP BY 1"))
    assert after == before
    reasons = dict(query(wh, "SELECT source_location, reason FROM mart.quarantine"))
    bad = [loc for loc in reasons if "市某局_2024年1-6月.xlsx" in loc]
    assert bad, reasons
    undated = [r for loc, r in reasons.items() if loc.endswith("undated.txt")]
    assert undated and "year" in undated[0]
    assert output_metadata(result, "sheet_records")["files_parsed"] == 1


def test_reader_holding_the_warehouse_never_blocks_refresh(refreshed: dict[str, object]) -> None:
    wh: Path = refreshed["warehouse"]  # type: ignore[assignment]
    reader = duckdb.connect(str(wh), read_only=True)
    try:
        (before,) = reader.execute("SELECT count(*) FROM mart.fct_target").fetchone()
        data: Path = refreshed["data"]  # type: ignore[assignment]
        extra = data / "reports" / "bazhong-copy-2025.txt"
        shutil.copy(next((data / "reports").glob("*.txt")), extra)
        extra.with_suffix(".yaml").write_text("region: 测试市\nreport_year: 2025\n")
        result = run_refresh(data, wh, refreshed["cache"])
        assert result.success
        # the open reader keeps its consistent snapshot of the old file
        (still,) = reader.execute("SELECT count(*) FROM mart.fct_target").fetchone()
        assert still == before
    finally:
        reader.close()
    # a new reader sees the new warehouse, and no write-ahead log was left behind
    ((now,),) = query(wh, "SELECT count(*) FROM mart.fct_target")
    assert now > before
    assert not wh.with_name(wh.name + ".wal").exists()
    assert [p.name for p in wh.parent.iterdir() if ".building-" in p.name] == []


CONTRACT_COLUMNS = {
    "mart.dim_indicator": "indicator_id name_zh name_en measure unit accumulation higher_is_better",
    "mart.dim_department": "department_id name_zh name_en",
    "mart.fct_target": "target_id region region_code target_year indicator_id indicator_text "
    "measure comparator value value_max unit value_base unit_base section quote document_id "
    "char_start char_end",
    "mart.fct_actual": "actual_id region region_code indicator_id indicator_text measure "
    "period_start period_end value unit value_base unit_base source_kind department_id document_id "
    "source_location",
    "mart.fct_variance": "target_id actual_id indicator_id region period_end target_value "
    "actual_value unit_base gap attainment_ratio expected_progress status",
    "mart.quarantine": "document_id source_location raw reason loaded_at",
    "raw.documents": "document_id path kind bytes loaded_at",
}


def test_every_contract_column_exists(refreshed: dict[str, object]) -> None:
    wh = refreshed["warehouse"]
    for table, columns in CONTRACT_COLUMNS.items():
        schema, name = table.split(".")
        have = {
            c
            for (c,) in query(
                wh,
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = ? AND table_name = ?",
                [schema, name],
            )
        }
        assert set(columns.split()) <= have, (table, set(columns.split()) - have)


def test_quality_checks_data_docs_and_parquet(refreshed: dict[str, object]) -> None:
    result = refreshed["result"]
    evaluations = {
        (
            e.asset_check_evaluation_data.asset_key.to_user_string(),
            e.asset_check_evaluation_data.check_name,
        ): e.asset_check_evaluation_data.passed
        for e in result.all_events  # type: ignore[attr-defined]
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
    }
    # the suite watches the data of the three fact tables; dbt tests hold the contract
    gx = {k: v for k, v in evaluations.items() if k[1] == "great_expectations"}
    assert set(gx) == {(f"mart/{t}", "great_expectations")
                       for t in ("fct_target", "fct_actual", "fct_variance")}  # fmt: skip
    assert all(gx.values()), gx
    dbt_checks = {k: v for k, v in evaluations.items() if k[0].startswith("mart/")
                  and k[1] != "great_expectations"}  # fmt: skip
    assert len(dbt_checks) > 80 and all(dbt_checks.values()), dbt_checks
    assert evaluations[("mart/fct_target", "unique_fct_target_target_id")]
    status_test = "accepted_values_fct_variance_status__" + "__".join(
        ["met", "on_track", "behind", "missed", "no_data", "not_comparable"]
    )
    assert evaluations[("mart/fct_variance", status_test)]
    assert evaluations[("report_statements", "statements_schema")]
    assert evaluations[("sheet_records", "records_schema")]
    wh: Path = refreshed["warehouse"]  # type: ignore[assignment]
    assert (wh.parent / "quality" / "index.html").exists()
    parquet = {p.stem for p in (wh.parent / "parquet").glob("*.parquet")}
    assert {"fct_target", "fct_actual", "fct_variance", "v_scorecard"} <= parquet
    # published together, offline docs, no build folder left
    html = (wh.parent / "quality" / "index.html").read_text(encoding="utf-8")
    assert "cdn" not in html.lower() and "<script src=\"http" not in html
    assert [p.name for p in wh.parent.iterdir() if p.name.startswith(".build-")] == []


def test_targets_and_actuals_carry_the_official_region_code(refreshed: dict[str, object]) -> None:
    # the report names 巴中市 in its text, the spreadsheets sit in spreadsheets/巴中市/:
    # both resolve through data/reference/divisions.csv to one division
    wh = refreshed["warehouse"]
    got = query(
        wh,
        "SELECT 'target', region, region_code, typeof(region_code) FROM mart.fct_target "
        "UNION SELECT source_kind, region, region_code, typeof(region_code) FROM mart.fct_actual "
        "ORDER BY 1",
    )
    assert got == [
        ("report", "巴中市", "511900", "VARCHAR"),
        ("spreadsheet", "巴中市", "511900", "VARCHAR"),
        ("target", "巴中市", "511900", "VARCHAR"),
    ]
