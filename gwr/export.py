"""Export the warehouse's BI tables as Parquet for tools that cannot open DuckDB.

`export_parquet(db, out_dir)` writes one file per table or view of schema `mart` (plus
`raw.documents` as `documents.parquet`, the provenance table of CONTRACT §2):
`out_dir/fct_target.parquet`, `out_dir/v_scorecard.parquet` … The warehouse is opened
read-only. The files are written into a fresh sibling directory that then replaces
`out_dir` by rename, so a reader sees either the previous export or the new one, never
a half-written file.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import duckdb

from gwr.warehouse import replace_dir

EXPORT_SCHEMA = "mart"
EXTRA_TABLES = {"raw.documents": "documents"}


def export_tables(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """`{qualified table or view: file stem}` for every relation exported, sorted."""
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() "
        "WHERE database_name = current_database() AND schema_name = ? "
        "UNION SELECT view_name FROM duckdb_views() "
        "WHERE database_name = current_database() AND schema_name = ? AND NOT internal "
        "ORDER BY 1",
        [EXPORT_SCHEMA, EXPORT_SCHEMA],
    ).fetchall()
    out = {f"{EXPORT_SCHEMA}.{name}": name for (name,) in rows}
    present = {
        f"{s}.{t}"
        for s, t in con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() "
            "WHERE database_name = current_database()"
        ).fetchall()
    }
    for table, stem in EXTRA_TABLES.items():
        if table in present and stem not in out.values():
            out[table] = stem
    return out


def _sql_literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_parquet(db_path: Path, out_dir: Path) -> dict[str, Path]:
    """Write every mart table and view of `db_path` as `out_dir/<name>.parquet` and
    return `{qualified table: final path}`. `out_dir` is replaced as a whole."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    try:
        written: dict[str, Path] = {}
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            for table, stem in export_tables(con).items():
                schema, _, name = table.partition(".")
                target = staging / f"{stem}.parquet"
                con.execute(
                    f'COPY (SELECT * FROM {schema}."{name}") TO {_sql_literal(target)} '
                    "(FORMAT parquet, COMPRESSION zstd)"
                )
                written[table] = out_dir / target.name
        finally:
            con.close()
        staging.chmod(0o755)  # mkdtemp makes it private; the export is for other tools
        replace_dir(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
