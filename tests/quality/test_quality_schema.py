"""schema.yml: every mart column documented in Chinese and English (as DuckDB COMMENTs),
and the tests it declares compile to checks."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from helpers_quality import SQL_DIR

from gwr.quality import compile_checks, load_schema, value_base_problem

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


def test_schema_documents_only_columns_that_exist(tiny_warehouse: Path) -> None:
    schema = load_schema(SQL_DIR)
    with duckdb.connect(str(tiny_warehouse), read_only=True) as con:
        actual = {}
        for t, c in con.execute(
            "SELECT schema_name || '.' || table_name, column_name FROM duckdb_columns() "
            "WHERE database_name = current_database()"
        ).fetchall():
            actual.setdefault(t, set()).add(c)
    for table, spec in schema["tables"].items():
        assert table in actual, table
        assert set(spec["columns"]) <= actual[table], table
        if table.startswith("mart."):
            assert actual[table] <= set(spec["columns"]), f"{table}: undocumented columns"


def test_vocabularies_are_the_contracts() -> None:
    schema = load_schema(SQL_DIR)
    assert set(schema["vocabularies"]["status"]) == CONTRACT_STATUS
    assert set(schema["vocabularies"]["measure"]) == CONTRACT_MEASURE
    checks = compile_checks(schema)
    status = [
        c
        for c in checks["mart.fct_variance"]
        if c.test == "accepted_values" and c.columns == ["status"]
    ]
    assert len(status) == 1 and set(status[0].kwargs["value_set"]) == CONTRACT_STATUS


def test_compile_checks_covers_each_test_kind() -> None:
    checks = compile_checks(load_schema(SQL_DIR))
    target = {(c.test, tuple(c.columns)) for c in checks["mart.fct_target"]}
    assert ("not_null", ("target_id",)) in target
    assert ("unique", ("target_id",)) in target
    assert ("relationships", ("indicator_id",)) in target
    assert ("value_base_matches_unit", ("check:value_base_matches_unit(value,unit)",)) in target
    ratio = [c for c in checks["mart.fct_variance"] if c.columns == ["attainment_ratio"]]
    assert ratio[0].kwargs == {
        "column": "attainment_ratio", "min_value": -10, "max_value": 10, "mostly": 0.99
    }  # fmt: skip


def test_unknown_test_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown test"):
        compile_checks({"tables": {"mart.x": {"columns": {"a": {"tests": ["nonsense"]}}}}})


@pytest.mark.parametrize(
    ("value", "unit", "value_base", "unit_base"),
    [
        (2.1, "万人", 21000.0, "人"),
        (410.0, "亿元", 41_000_000_000.0, "元"),
        (6.0, "%", 6.0, "%"),
        (None, None, None, None),
        (12.0, None, 12.0, None),
    ],
)
def test_value_base_consistent(
    value: float | None, unit: str | None, value_base: float | None, unit_base: str | None
) -> None:
    assert value_base_problem(value, unit, value_base, unit_base) is None


@pytest.mark.parametrize(
    ("value", "unit", "value_base", "unit_base"),
    [
        (410.0, "亿元", 4_100_000_000.0, "元"),  # factor applied wrongly
        (2.1, "万人", 21000.0, "万人"),  # unit_base not the base unit
        (2.1, "万人", None, "人"),  # value_base missing
        (None, None, 5.0, "%"),  # value_base without a value
    ],
)
def test_value_base_inconsistent(
    value: float | None, unit: str | None, value_base: float | None, unit_base: str | None
) -> None:
    problem = value_base_problem(value, unit, value_base, unit_base)
    assert problem is not None


def test_large_relationship_sets_become_a_derived_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pandas as pd

    import gwr.quality as quality

    checks = compile_checks(
        {
            "tables": {
                "mart.fct_target": {
                    "columns": {
                        "indicator_id": {
                            "tests": [
                                {"relationships": {"to": "mart.dim_indicator", "field": "id"}}
                            ]
                        }
                    }
                }
            }
        }
    )["mart.fct_target"]
    frame = pd.DataFrame({"target_id": ["a", "b", "c"], "indicator_id": ["gdp", "nope", None]})
    parents = {("mart.dim_indicator", "id"): ["gdp", "cpi"]}

    _, small, _ = quality._prepare("mart.fct_target", frame, checks, parents)
    assert small[0].expectation == "ExpectColumnValuesToBeInSet"
    assert small[0].kwargs["value_set"] == ["gdp", "cpi"]

    monkeypatch.setattr(quality, "MAX_VALUE_SET", 1)
    derived, large, broken = quality._prepare("mart.fct_target", frame, checks, parents)
    assert broken == [] and large[0].expectation == "ExpectColumnValuesToBeNull"
    assert derived[large[0].kwargs["column"]].tolist() == [
        None, "nope not in mart.dim_indicator", None
    ]  # fmt: skip

    _, _, missing = quality._prepare("mart.fct_target", frame, checks, {})
    assert missing[0].test == "relationships" and "does not exist" in (missing[0].exception or "")
