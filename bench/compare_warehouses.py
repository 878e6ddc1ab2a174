"""Build the synthetic warehouse of `bench_warehouse.py` with a given checkout's code, and
compare two built warehouses table by table.

    # a warehouse built by this checkout and one built by another (e.g. main's code)
    .venv/bin/python bench/compare_warehouses.py build --rows 200000 --out /tmp/mine.duckdb
    .venv/bin/python bench/compare_warehouses.py build --repo /tmp/main --rows 200000 \\
        --out /tmp/main.duckdb
    .venv/bin/python bench/compare_warehouses.py compare /tmp/main.duckdb /tmp/mine.duckdb

`--stress` adds competing actuals (several per period, equal, different or missing
values; report reviews against the spreadsheets) so the ranking and pairing rules are
exercised. `build` runs in a subprocess with the checkout's `gwr` and `sql/` (its own frames
synthesizer, `load_raw` and dbt project), prints its stage times and copies the built file
to `--out`. `compare` checks that both files hold the same tables and views in every
schema, each with the same columns (names, types, order) and the same rows (`EXCEPT ALL`
both ways, so duplicates count), and that the tables a model sorts (`ORDER BY`) keep
their order (the others have none: two builds by the same code differ). Exit status 0
when identical. Figures and differences only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
# tables whose model sorts its rows (ORDER BY): their stored order must match too; the
# others have no defined order (two builds with the same code differ at a million rows)
ORDERED = {"mart.fct_variance", "mart.v_department_progress", "mart.dim_department"}

_BUILD = r"""
import shutil, sys, time
from pathlib import Path
repo = Path(sys.argv[1])
sys.path.insert(0, str(repo))
sys.path.insert(0, str(repo / "bench"))
from bench_warehouse import synth_frames
from gwr import dbt
from gwr.build import load_raw
rows, out, work = int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
dbt._manifest()
frames = synth_frames(rows)
if sys.argv[5] == "stress":
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(11)
    rec = frames["sheet_records"]
    depts = rec["department"].unique()
    # competing spreadsheet values: another department's copy of 5 % of the values (the
    # same value, another value or none)
    extra = rec.sample(frac=0.05, random_state=3).copy()
    extra["record_id"] = "x" + extra["record_id"]
    extra["department"] = depts[rng.integers(0, len(depts), len(extra))]
    ratio = np.where(rng.random(len(extra)) < 0.5, 1.0, 1.1)
    extra["value"] = extra["value"] * ratio
    extra["value_base"] = extra["value_base"] * ratio
    gone = rng.random(len(extra)) < 0.1
    extra.loc[gone, ["value", "value_base"]] = np.nan
    frames["sheet_records"] = pd.concat([rec, extra], ignore_index=True)
    # a report's review of the current year against the December spreadsheets
    st = frames["report_statements"]
    act = st[st["kind"] == "actual"].sample(frac=0.3, random_state=4).copy()
    act["statement_id"] = "y" + act["statement_id"]
    act["year"] = 2024
    act["period_start"], act["period_end"] = "2024-01-01", "2024-12-31"
    frames["report_statements"] = pd.concat([st, act], ignore_index=True)
db = work / dbt.DB_NAME
t0 = time.perf_counter(); c0 = time.process_time()
load_raw(db, frames)
t1 = time.perf_counter(); c1 = time.process_time()
outcome = dbt.build(db, work / "dbt")
t2 = time.perf_counter(); c2 = time.process_time()
bad = [n.describe() for n in outcome.nodes if not n.ok]
print(f"{repo}: {len(frames['sheet_records']):,} actual rows: load_raw {t1 - t0:.2f} s "
      f"(cpu {c1 - c0:.2f}), dbt build {t2 - t1:.2f} s (cpu {c2 - c1:.2f}; models "
      f"{sum(n.seconds for n in outcome.models):.2f}, tests "
      f"{sum(n.seconds for n in outcome.tests):.2f}), ok={outcome.success} {bad[:5]}")
shutil.copy2(db, out)
"""


def build(repo: Path, rows: int, out: Path, stress: bool = False) -> int:
    with tempfile.TemporaryDirectory(prefix="gwr-compare-") as work:
        env = {**os.environ, "GWR_DBT_PROJECT": str(repo / "sql")}
        mode = "stress" if stress else "plain"
        return subprocess.call(
            [sys.executable, "-c", _BUILD, str(repo), str(rows), str(out), work, mode],
            cwd=repo,
            env=env,
        )


def _relations(con: duckdb.DuckDBPyConnection, alias: str) -> dict[str, tuple[str, str]]:
    rows = con.execute(
        f"SELECT schema_name, table_name, 'table', coalesce(comment, '') FROM duckdb_tables() "
        f"WHERE database_name = '{alias}' UNION ALL "
        f"SELECT schema_name, view_name, 'view', coalesce(comment, '') FROM duckdb_views() "
        f"WHERE database_name = '{alias}' AND NOT internal"
    ).fetchall()
    return {f"{s}.{n}": (kind, comment) for s, n, kind, comment in rows}


def _columns(con: duckdb.DuckDBPyConnection, alias: str, rel: str) -> list[tuple]:
    schema, name = rel.split(".", 1)
    return con.execute(
        "SELECT column_name, data_type, is_nullable, coalesce(comment, '') FROM duckdb_columns() "
        "WHERE database_name = ? AND schema_name = ? AND table_name = ? ORDER BY column_index",
        [alias, schema, name],
    ).fetchall()


def compare(a: Path, b: Path, schemas: set[str] | None = None) -> list[str]:
    """Differences between the warehouses `a` and `b` (empty when identical)."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{a}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{b}' AS b (READ_ONLY)")
    ra, rb = _relations(con, "a"), _relations(con, "b")
    problems: list[str] = []
    wanted = lambda rel: schemas is None or rel.split(".")[0] in schemas  # noqa: E731
    for rel in sorted(set(ra) | set(rb)):
        if not wanted(rel):
            continue
        if rel not in rb or rel not in ra:
            problems.append(f"{rel}: only in {'a' if rel in ra else 'b'} ({(ra | rb)[rel][0]})")
            continue
        if ra[rel] != rb[rel]:
            problems.append(f"{rel}: kind/comment differ: {ra[rel]} != {rb[rel]}")
        ca, cb = _columns(con, "a", rel), _columns(con, "b", rel)
        if ca != cb:
            problems.append(f"{rel}: columns differ:\n  a {ca}\n  b {cb}")
            continue
        q = f'"{rel.split(".")[0]}"."{rel.split(".", 1)[1]}"'
        na = con.execute(f"SELECT count(*) FROM a.{q}").fetchone()[0]
        nb = con.execute(f"SELECT count(*) FROM b.{q}").fetchone()[0]
        only_a = con.execute(
            f"SELECT count(*) FROM (SELECT * FROM a.{q} EXCEPT ALL SELECT * FROM b.{q})"
        ).fetchone()[0]
        only_b = con.execute(
            f"SELECT count(*) FROM (SELECT * FROM b.{q} EXCEPT ALL SELECT * FROM a.{q})"
        ).fetchone()[0]
        status = "same" if na == nb and only_a == 0 and only_b == 0 else "DIFFERENT"
        if status != "same":
            problems.append(f"{rel}: {na} vs {nb} rows, {only_a} only in a, {only_b} only in b")
        elif ra[rel][0] == "table":
            # row order as stored (tables a model sorts keep that order)
            differ = con.execute(
                f"SELECT count(*) FROM (SELECT row_number() OVER () AS i, * FROM a.{q}) x "
                f"FULL JOIN (SELECT row_number() OVER () AS i, * FROM b.{q}) y USING (i) "
                f"WHERE x::VARCHAR IS DISTINCT FROM y::VARCHAR"
            ).fetchone()[0]
            if differ:
                status = f"same rows, {differ} in another order"
                if rel in ORDERED:
                    problems.append(f"{rel}: {status}")
                else:
                    status += " (no defined order)"
        print(f"  {rel:<45} {ra[rel][0]:<5} {na:>10,} rows  {status}")
    con.close()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the synthetic warehouse with a checkout's code")
    b.add_argument("--repo", type=Path, default=REPO, help="the checkout (default: this one)")
    b.add_argument("--rows", type=int, default=200000)
    b.add_argument("--out", type=Path, required=True)
    b.add_argument(
        "--stress",
        action="store_true",
        help="add competing actuals (other departments' copies of 5 %% of the values, "
        "some different or missing; reports reviewing the current year)",
    )
    c = sub.add_parser("compare", help="compare two built warehouses")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--schemas", help="comma-separated schemas to compare (default: all)")
    args = parser.parse_args()
    if args.command == "build":
        return build(args.repo.resolve(), args.rows, args.out.resolve(), args.stress)
    problems = compare(args.a, args.b, set(args.schemas.split(",")) if args.schemas else None)
    for p in problems:
        print("DIFF " + p)
    print("identical" if not problems else f"{len(problems)} difference(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
