"""Build the DuckDB warehouse in a new file and publish it atomically.

DuckDB allows one read-write process *or* many readers of a file. BI tools keep a
read-only connection open all day, so the refresh never opens the published file for
writing: it builds `.<name>.building-*`, checkpoints and closes it (no WAL left behind),
then `os.replace`s it over the published path. A reader that already has the old file
open keeps reading the old inode until it reconnects; a new reader sees the new file.
Nobody ever sees a half-built warehouse, and nobody blocks anybody.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import pandas as pd

LAYERS = ("staging", "marts")
SCHEMAS = ("raw", "staging", "mart")


@dataclass
class BuildResult:
    path: Path
    row_counts: dict[str, int] = field(default_factory=dict)


def sql_files(sql_dir: Path) -> list[Path]:
    """SQL in layer order (staging before marts), then file-name order within a layer."""
    files: list[Path] = []
    for layer in LAYERS:
        files.extend(sorted((sql_dir / layer).glob("*.sql")))
    return files


def _load_frames(con: duckdb.DuckDBPyConnection, frames: Mapping[str, pd.DataFrame]) -> None:
    for name, frame in frames.items():
        schema, _, table = name.rpartition(".")
        view = f"_frame_{table}"
        con.register(view, frame)
        con.execute(
            f'CREATE OR REPLACE TABLE {schema or "raw"}."{table}" AS SELECT * FROM "{view}"'
        )
        con.unregister(view)


def build(
    target: Path,
    frames: Mapping[str, pd.DataFrame],
    sql_dir: Path,
    *,
    after_build: list[str] | None = None,
) -> BuildResult:
    """Build the whole warehouse from `frames` (loaded as `raw.*`) and the SQL in `sql_dir`,
    then atomically publish it at `target`. Returns row counts of every table built."""
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(f".{target.name}.building-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        con = duckdb.connect(str(building))
        try:
            for schema in SCHEMAS:
                con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            _load_frames(con, frames)
            for path in sql_files(sql_dir):
                try:
                    con.execute(path.read_text(encoding="utf-8"))
                except duckdb.Error as exc:  # name the file: SQL errors are otherwise anonymous
                    raise RuntimeError(f"{path.relative_to(sql_dir)}: {exc}") from exc
            for statement in after_build or []:
                con.execute(statement)
            counts = {
                f"{schema}.{table}": con.execute(
                    f'SELECT count(*) FROM {schema}."{table}"'
                ).fetchone()[0]  # type: ignore[index]
                for schema, table in con.execute(
                    "SELECT table_schema, table_name FROM information_schema.tables "
                    "WHERE table_catalog = current_database() ORDER BY 1, 2"
                ).fetchall()
            }
            con.execute("CHECKPOINT")
        finally:
            con.close()
        publish(building, target)
    finally:
        for leftover in (building, building.with_name(building.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return BuildResult(path=target, row_counts=counts)


def publish(built: Path, target: Path) -> None:
    """Swap a closed, checkpointed database file into place."""
    wal = built.with_name(built.name + ".wal")
    if wal.exists():  # a WAL would hold writes the main file lacks: refuse to publish that
        raise RuntimeError(f"{built} still has a write-ahead log; it was not closed cleanly")
    # A stale WAL beside the *target* would be replayed onto the new file by the next
    # reader: it can only come from someone opening the published file read-write.
    target.with_name(target.name + ".wal").unlink(missing_ok=True)
    with built.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(built, target)
    dir_fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


@contextmanager
def read_only(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection, as BI tools should open the warehouse."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        yield con
    finally:
        con.close()
