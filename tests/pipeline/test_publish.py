"""Publishing: a build folder beside the warehouse, swapped in whole; leftovers cleaned."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from gwr import warehouse


def _built(target: Path, value: int) -> warehouse.Build:
    build = warehouse.build_for(target)
    with duckdb.connect(str(build.db)) as con:
        con.execute(f"CREATE SCHEMA mart; CREATE TABLE mart.t AS SELECT {value} AS v")
    for folder, name in ((build.parquet, "t.parquet"), (build.docs, "index.html")):
        folder.mkdir()
        (folder / name).write_text(str(value))
    return build


def test_publish_moves_database_export_and_docs_together(tmp_path: Path) -> None:
    target = tmp_path / "wh" / "gwr.duckdb"
    warehouse.publish(_built(target, 1), {"row_counts": {"mart.t": 1}})
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "gwr.duckdb", "parquet", "published.json", "quality"
    ]  # fmt: skip
    assert (target.parent / "parquet" / "t.parquet").read_text() == "1"
    assert json.loads((target.parent / "published.json").read_text())["row_counts"] == {
        "mart.t": 1
    }
    with warehouse.read_only(target) as con:
        assert con.execute("SELECT v FROM mart.t").fetchone() == (1,)


def test_open_reader_keeps_its_snapshot_and_publish_does_not_wait(tmp_path: Path) -> None:
    target = tmp_path / "gwr.duckdb"
    warehouse.publish(_built(target, 1))
    reader = duckdb.connect(str(target), read_only=True)  # a BI tool, open all day
    try:
        for n in (2, 3):
            warehouse.publish(_built(target, n))
        assert reader.execute("SELECT v FROM mart.t").fetchone() == (1,)
    finally:
        reader.close()
    with warehouse.read_only(target) as con:
        assert con.execute("SELECT v FROM mart.t").fetchone() == (3,)


def test_discarded_build_leaves_published_files_untouched(tmp_path: Path) -> None:
    target = tmp_path / "gwr.duckdb"
    warehouse.publish(_built(target, 1))
    before = target.read_bytes()
    build = _built(target, 2)
    warehouse.discard(build)  # what a failed audit does
    assert target.read_bytes() == before
    assert (tmp_path / "parquet" / "t.parquet").read_text() == "1"
    assert not build.folder.exists()


def test_stale_wal_beside_target_is_not_replayed(tmp_path: Path) -> None:
    target = tmp_path / "gwr.duckdb"
    target.with_name(target.name + ".wal").write_bytes(b"garbage from a read-write client")
    warehouse.publish(_built(target, 42))
    assert not target.with_name(target.name + ".wal").exists()
    with warehouse.read_only(target) as con:
        assert con.execute("SELECT v FROM mart.t").fetchone() == (42,)


def test_leftovers_of_killed_refreshes_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "gwr.duckdb"
    warehouse.publish(_built(target, 1))
    # a refresh killed mid-build: its process is gone, its build folder stays
    code = (
        "import sys; from pathlib import Path; from gwr import warehouse; "
        "b = warehouse.build_for(Path(sys.argv[1])); (b.db).write_bytes(b'half'); "
        "print(b.folder)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(target)], check=True,
                         capture_output=True, text=True)  # fmt: skip
    dead = Path(out.stdout.strip())
    assert dead.exists()
    # legacy leftovers: a building file and its WAL, half-written export and docs folders
    (tmp_path / ".gwr.duckdb.building-123-abcd").write_bytes(b"x")
    (tmp_path / ".gwr.duckdb.building-123-abcd.wal").write_bytes(b"x")
    (tmp_path / ".parquet.building-x1").mkdir()
    (tmp_path / ".quality.old-x2").mkdir()
    live = warehouse.build_for(target)  # this process's own build: alive, kept
    removed = warehouse.clean_stale(target)
    assert dead.name in removed and live.folder.exists() and not dead.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["gwr.duckdb", "parquet", "quality", "published.json", live.folder.name]
    )
    assert os.getpid() == json.loads((live.folder / "owner.json").read_text())["pid"]


def test_publish_refuses_a_build_with_a_wal(tmp_path: Path) -> None:
    target = tmp_path / "gwr.duckdb"
    build = _built(target, 1)
    build.db.with_name(build.db.name + ".wal").write_bytes(b"unflushed")
    with pytest.raises(RuntimeError, match="write-ahead log"):
        warehouse.publish(build)
    assert not target.exists()
