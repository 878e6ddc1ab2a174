"""The warehouse is built aside and swapped in: readers never see half a warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from gwr import warehouse


def _sql_dir(tmp_path: Path, body: str) -> Path:
    sql = tmp_path / "sql"
    (sql / "staging").mkdir(parents=True)
    (sql / "marts").mkdir()
    (sql / "marts" / "10_t.sql").write_text(body)
    return sql


def test_build_publishes_complete_file_without_wal(tmp_path: Path) -> None:
    sql = _sql_dir(tmp_path, "CREATE TABLE mart.t AS SELECT sum(x) AS s FROM raw.numbers;")
    target = tmp_path / "wh" / "gwr.duckdb"
    result = warehouse.build(target, {"raw.numbers": pd.DataFrame({"x": [1, 2, 3]})}, sql)
    assert result.row_counts == {"mart.t": 1, "raw.numbers": 3}
    assert not target.with_name(target.name + ".wal").exists()
    assert sorted(p.name for p in target.parent.iterdir()) == ["gwr.duckdb"]
    with warehouse.read_only(target) as con:
        assert con.execute("SELECT s FROM mart.t").fetchone() == (6,)


def test_open_reader_keeps_its_snapshot_and_refresh_does_not_wait(tmp_path: Path) -> None:
    sql = _sql_dir(tmp_path, "CREATE TABLE mart.t AS SELECT count(*) AS n FROM raw.numbers;")
    target = tmp_path / "gwr.duckdb"
    warehouse.build(target, {"raw.numbers": pd.DataFrame({"x": [1]})}, sql)
    reader = duckdb.connect(str(target), read_only=True)  # a BI tool, open all day
    try:
        for n in (2, 3):  # two refreshes while the reader holds the file
            warehouse.build(target, {"raw.numbers": pd.DataFrame({"x": range(n)})}, sql)
        assert reader.execute("SELECT n FROM mart.t").fetchone() == (1,)
    finally:
        reader.close()
    with warehouse.read_only(target) as con:
        assert con.execute("SELECT n FROM mart.t").fetchone() == (3,)


def test_failed_build_leaves_published_file_untouched(tmp_path: Path) -> None:
    good = _sql_dir(tmp_path / "good", "CREATE TABLE mart.t AS SELECT 1 AS ok;")
    bad = _sql_dir(tmp_path / "bad", "CREATE TABLE mart.t AS SELECT * FROM raw.missing;")
    target = tmp_path / "gwr.duckdb"
    warehouse.build(target, {}, good)
    before = target.read_bytes()
    with pytest.raises(RuntimeError, match=r"10_t\.sql"):
        warehouse.build(target, {}, bad)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if ".building-" in p.name] == []


def test_stale_wal_beside_target_is_not_replayed(tmp_path: Path) -> None:
    sql = _sql_dir(tmp_path, "CREATE TABLE mart.t AS SELECT 42 AS v;")
    target = tmp_path / "gwr.duckdb"
    target.with_name(target.name + ".wal").write_bytes(b"garbage from a read-write client")
    warehouse.build(target, {}, sql)
    assert not target.with_name(target.name + ".wal").exists()
    with warehouse.read_only(target) as con:
        assert con.execute("SELECT v FROM mart.t").fetchone() == (42,)
