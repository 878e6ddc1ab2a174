"""Parquet export: every mart table and view, row counts round-trip, atomic replace."""

from __future__ import annotations

from pathlib import Path

import duckdb

from gwr.export import export_parquet


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]  # type: ignore[index]


def test_export_round_trips_row_counts(tiny_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    # a reader holding the warehouse open read-only: the export must open it read-only too
    with duckdb.connect(str(tiny_warehouse), read_only=True) as reader:
        written = export_parquet(tiny_warehouse, out)
        mart = {
            r[0]
            for r in reader.execute(
                "SELECT 'mart.' || table_name FROM duckdb_tables() WHERE schema_name = 'mart' "
                "UNION SELECT 'mart.' || view_name FROM duckdb_views() WHERE schema_name = 'mart'"
            ).fetchall()
        }
        assert mart | {"raw.documents"} == set(written)
        assert written["mart.fct_target"] == out / "fct_target.parquet"
        assert written["mart.v_scorecard"] == out / "v_scorecard.parquet"
        assert written["raw.documents"] == out / "documents.parquet"
        for table, path in written.items():
            assert path.exists(), path
            expected = _count(reader, f"SELECT count(*) FROM {table}")
            got = _count(reader, f"SELECT count(*) FROM read_parquet('{path}')")
            assert got == expected, table
        cols = reader.execute(
            f"DESCRIBE SELECT * FROM read_parquet('{out / 'fct_variance.parquet'}')"
        ).fetchall()
        assert "status" in {c[0] for c in cols}


def test_export_replaces_the_previous_export(tiny_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    out.mkdir()
    (out / "stale.parquet").write_bytes(b"old")
    export_parquet(tiny_warehouse, out)
    export_parquet(tiny_warehouse, out)
    assert not (out / "stale.parquet").exists()
    assert (out / "fct_variance.parquet").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parquet"]  # no temp dirs left
