"""The built warehouse is what the contract (schemas/contract.yml) says: every column there,
with its declared type and a Chinese and English COMMENT (dbt persist_docs)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import yaml

from schemas.contract import MARTS_SCHEMA, contract, vocabulary

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{3,}")
CONTRACT_STATUS = {"met", "on_track", "behind", "missed", "no_data", "not_comparable"}
CONTRACT_MEASURE = {"growth_pct", "pp_change", "ratio_pct", "count", "amount", "qualitative"}


def _bilingual(comment: str | None) -> bool:
    if not comment or " | " not in comment:
        return False
    zh, _, en = comment.partition(" | ")
    return bool(CJK.search(zh)) and bool(LATIN.search(en))


def test_every_mart_column_has_a_chinese_and_english_comment(tiny_warehouse: Path) -> None:
    with duckdb.connect(str(tiny_warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT schema_name || '.' || table_name, column_name, comment FROM duckdb_columns() "
            "WHERE database_name = current_database() AND (schema_name = 'mart' "
            "OR (schema_name = 'raw' AND table_name = 'documents'))"
        ).fetchall()
    assert len(rows) > 100
    missing = [f"{t}.{c}: {comment!r}" for t, c, comment in rows if not _bilingual(comment)]
    assert missing == []


def test_every_mart_table_and_view_has_a_comment(tiny_warehouse: Path) -> None:
    with duckdb.connect(str(tiny_warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT schema_name || '.' || table_name, comment FROM duckdb_tables() "
            "WHERE database_name = current_database() AND schema_name = 'mart' "
            "UNION ALL SELECT schema_name || '.' || view_name, comment FROM duckdb_views() "
            "WHERE database_name = current_database() AND schema_name = 'mart'"
        ).fetchall()
    names = {t for t, _ in rows}
    assert {"mart.fct_target", "mart.v_scorecard", "mart.v_department_progress"} <= names
    assert [t for t, comment in rows if not _bilingual(comment)] == []


def test_tables_have_exactly_the_contract_columns_and_types(tiny_warehouse: Path) -> None:
    """Types never change with the data: fct_target.region_code and the benchmark_*
    columns are NULL on every tiny row and still VARCHAR/DOUBLE, not DuckDB's NULL type."""
    with duckdb.connect(str(tiny_warehouse), read_only=True) as con:
        actual: dict[str, dict[str, str]] = {}
        for t, c, ty in con.execute(
            "SELECT schema_name || '.' || table_name, column_name, data_type "
            "FROM duckdb_columns() WHERE database_name = current_database()"
        ).fetchall():
            actual.setdefault(t, {})[c] = ty
    for name, spec in contract()["tables"].items():
        table = f"{spec.get('schema', 'mart')}.{name}"
        declared = {c: s["type"] for c, s in spec["columns"].items()}
        assert actual[table] == declared, table
    assert actual["mart.fct_target"]["region_code"] == "VARCHAR"
    assert actual["mart.fct_target"]["benchmark_value"] == "DOUBLE"
    assert "NULL" not in {ty for cols in actual.values() for ty in cols.values()}


def test_vocabularies_are_the_contracts() -> None:
    assert set(vocabulary("status")) == CONTRACT_STATUS
    assert set(vocabulary("measure")) == CONTRACT_MEASURE
    models = {m["name"]: m for m in yaml.safe_load(MARTS_SCHEMA.read_text())["models"]}
    status = next(c for c in models["fct_variance"]["columns"] if c["name"] == "status")
    accepted = [t["accepted_values"] for t in status["data_tests"] if "accepted_values" in t]
    assert [set(a["arguments"]["values"]) for a in accepted] == [CONTRACT_STATUS]
