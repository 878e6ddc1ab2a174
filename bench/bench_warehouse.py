"""Warehouse build and quality suite at a million actual rows, stage by stage.

    .venv/bin/python bench/bench_warehouse.py                     # 100k and 1M actual rows
    .venv/bin/python bench/bench_warehouse.py --rows 200000 --repeat 2
    .venv/bin/python bench/bench_warehouse.py --rows 1000000 --keep /tmp/wh1m.duckdb
    .venv/bin/python bench/bench_warehouse.py --stages quality --warehouse /tmp/wh1m.duckdb

Synthesizes (seeded, vectorised) the frames `gwr.build.load_raw` takes, in the shapes the
assets produce them: regions x 10 departments x 12 cumulative monthly periods x 8 values a
spreadsheet (`sheet_records`, one `spreadsheet_documents` row per file), a report a region
with a target for each of those indicators and last year's actuals (`report_statements`),
the real indicator and department catalogs, the resolutions and unit scales derived from
the rows. Then, on a fresh build folder, it times separately:

    load_raw     the frames into typed raw.* tables
    dbt          `dbt build` (models + tests; the slowest nodes from dbt's results)
    quality      the Great Expectations suite (`gwr.quality.run_warehouse_suite`)

and prints seconds and seconds per million actual rows (sheet_records rows). Figures only.
`--keep FILE` copies the last built warehouse to FILE; `--stages quality --warehouse FILE`
then times the quality suite alone on that file (no synthesis, no build), with the CPU
seconds of the process beside the wall time.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gwr import dbt  # noqa: E402
from gwr.build import (  # noqa: E402
    RESOLUTION_COLUMNS,
    department_catalog_frame,
    department_resolution_frame,
    empty_benchmarks,
    indicator_frame,
    load_raw,
    unit_scales_frame,
)
from gwr.departments import DepartmentCatalog  # noqa: E402
from gwr.units import to_base  # noqa: E402
from schemas.contract import frame_columns  # noqa: E402

REFERENCE = REPO / "data" / "reference"
DEPTS_PER_REGION = 10
PERIODS = 12
VALUES_PER_FILE = 8
LOADED = "2025-01-15T08:00:00+00:00"
MONTH_END = ["01-31", "02-29", "03-31", "04-30", "05-31", "06-30",
             "07-31", "08-31", "09-30", "10-31", "11-30", "12-31"]  # fmt: skip
TYPICAL = {"growth_pct": 6.0, "pp_change": 1.0, "ratio_pct": 50.0, "count": 3.0, "amount": 200.0}


def _ids(prefix: str, n: int) -> np.ndarray:
    return np.char.add(prefix, np.arange(n).astype(str))


def _sha(values: np.ndarray) -> list[str]:
    return [hashlib.sha256(v.encode()).hexdigest() for v in values]


def synth_frames(actual_rows: int, seed: int = 7) -> dict[str, pd.DataFrame]:
    """The frames of a warehouse with about `actual_rows` spreadsheet values."""
    rng = np.random.default_rng(seed)
    catalog = indicator_frame(REFERENCE)
    numeric = catalog[catalog["measure"] != "qualitative"].reset_index(drop=True)
    factor = {}
    for unit in numeric["unit"].dropna().unique():
        base, _ = to_base(__import__("decimal").Decimal(1), unit)
        factor[unit] = float(base)
    depts = department_catalog_frame(REFERENCE)
    dept_names = depts["name_zh"].to_numpy()[:DEPTS_PER_REGION]

    per_region = DEPTS_PER_REGION * PERIODS * VALUES_PER_FILE
    regions = max(1, round(actual_rows / per_region))
    region = np.char.add("测试市", np.arange(regions).astype(str))
    code = np.char.zfill((510000 + np.arange(regions)).astype(str), 6)

    # each department reports 8 indicators (fixed per department), every month cumulative
    ind_of = np.arange(DEPTS_PER_REGION * VALUES_PER_FILE) % len(numeric)
    files = regions * DEPTS_PER_REGION * PERIODS
    f_region = np.repeat(np.arange(regions), DEPTS_PER_REGION * PERIODS)
    f_dept = np.tile(np.repeat(np.arange(DEPTS_PER_REGION), PERIODS), regions)
    f_month = np.tile(np.arange(PERIODS), regions * DEPTS_PER_REGION)
    f_path = np.char.add(
        np.char.add(np.char.add("spreadsheets/", region[f_region]), "/"),
        np.char.add(np.char.add(dept_names[f_dept].astype(str), "_2024年1-"),
                    np.char.add((f_month + 1).astype(str), "月.xlsx")),
    )  # fmt: skip
    f_doc = np.array(_sha(f_path))
    documents = pd.DataFrame({"document_id": f_doc, "path": f_path, "kind": "spreadsheet",
                              "bytes": rng.integers(5000, 20000, files),
                              "loaded_at": LOADED})  # fmt: skip

    n = files * VALUES_PER_FILE
    r_file = np.repeat(np.arange(files), VALUES_PER_FILE)
    r_ind = ind_of[f_dept[r_file] * VALUES_PER_FILE + np.tile(np.arange(VALUES_PER_FILE), files)]
    ind = numeric.iloc[r_ind]
    measure = ind["measure"].to_numpy()
    unit = ind["unit"].to_numpy()
    typical = np.array([TYPICAL[m] for m in numeric["measure"]])[r_ind]
    month = f_month[r_file]
    flow = (ind["accumulation"].to_numpy() == "flow")
    value = np.round(typical * rng.uniform(0.5, 1.5, n) * np.where(flow, (month + 1) / 12, 1), 2)
    value[rng.random(n) < 0.01] = np.nan  # 待统计
    fac = np.array([factor.get(u, 1.0) for u in numeric["unit"]])[r_ind]
    records = pd.DataFrame({
        "record_id": _ids("r", n), "document_id": f_doc[r_file], "path": f_path[r_file],
        "region": region[f_region[r_file]], "region_code": code[f_region[r_file]],
        "department": dept_names[f_dept[r_file]],
        "period_start": "2024-01-01",
        "period_end": np.char.add("2024-", np.array(MONTH_END)[month]),
        "indicator_text": ind["name_zh"].to_numpy(), "measure": measure, "value": value,
        "unit": unit, "value_base": value * fac, "unit_base": ind["unit_base"].to_numpy(),
        "annual_target": np.nan, "sheet": "Sheet1",
        "row": np.tile(np.arange(VALUES_PER_FILE), files) + 3,
    })  # fmt: skip
    records = records[frame_columns("sheet_records")]

    # one report a region: a 2024 target for each department indicator, 2023 actuals
    k = len(ind_of)
    s_region = np.repeat(np.arange(regions), 2 * k)
    s_kind = np.tile(np.repeat(np.array(["target", "actual"]), k), regions)
    s_ind = numeric.iloc[np.tile(np.tile(ind_of, 2), regions)]
    ns = len(s_region)
    s_typ = np.array([TYPICAL[m] for m in s_ind["measure"]])
    s_val = np.round(s_typ * rng.uniform(0.8, 1.2, ns), 2)
    s_fac = np.array([factor.get(u, 1.0) for u in s_ind["unit"]])
    year = np.where(s_kind == "target", 2024, 2023)
    report_path = np.char.add(np.char.add("reports/", region), "/2024.txt")
    report_doc = np.array(_sha(report_path))
    start = np.tile(np.arange(2 * k) * 40, regions)
    quote = np.char.add(s_ind["name_zh"].to_numpy().astype(str), "增长")
    statements = pd.DataFrame({
        "statement_id": _ids("s", ns), "document_id": report_doc[s_region],
        "path": report_path[s_region], "region": region[s_region], "region_code": code[s_region],
        "report_year": 2024, "kind": s_kind, "year": year,
        "indicator_text": s_ind["name_zh"].to_numpy(), "measure": s_ind["measure"].to_numpy(),
        "comparator": np.where(rng.random(ns) < 0.5, ">=", "~"), "value": s_val,
        "value_max": np.nan, "unit": s_ind["unit"].to_numpy(), "value_base": s_val * s_fac,
        "unit_base": s_ind["unit_base"].to_numpy(), "section": "主要预期目标", "quote": quote,
        "char_start": start, "char_end": start + np.char.str_len(quote),
        "benchmark": None, "period_start": np.char.add(year.astype(str), "-01-01"),
        "period_end": np.char.add(year.astype(str), "-12-31"), "aggregation": "annual",
    })  # fmt: skip
    statements = statements[frame_columns("report_statements")]
    report_docs = pd.DataFrame({"document_id": report_doc, "path": report_path, "kind": "report",
                                "bytes": 60000, "loaded_at": LOADED})  # fmt: skip

    seen = pd.concat([statements[["indicator_text", "measure", "unit", "unit_base"]],
                      records[["indicator_text", "measure", "unit", "unit_base"]]])  # fmt: skip
    counts = seen.groupby(["indicator_text", "measure"]).size().rename("n").reset_index()
    firsts = seen.drop_duplicates(["indicator_text", "measure"])
    res = counts.merge(firsts, on=["indicator_text", "measure"]).merge(
        catalog[["indicator_id", "name_zh", "measure"]].rename(
            columns={"name_zh": "indicator_text"}
        ),
        on=["indicator_text", "measure"],
    )
    resolution = res.assign(method="exact", score=100.0, provisional=False, best_candidate=None,
                            best_score=100.0)[RESOLUTION_COLUMNS]  # fmt: skip
    benchmarks = empty_benchmarks()
    return {
        "report_documents": report_docs,
        "spreadsheet_documents": documents,
        "report_statements": statements,
        "sheet_records": records,
        "report_quarantine": pd.DataFrame(columns=frame_columns("report_quarantine")),
        "sheet_quarantine": pd.DataFrame(columns=frame_columns("sheet_quarantine")),
        "indicator_catalog": catalog,
        "indicator_resolution": resolution,
        "department_catalog": depts,
        "department_resolution": department_resolution_frame(
            records.drop_duplicates("department"),
            DepartmentCatalog.load(REFERENCE / "departments.csv"),
        ),
        "benchmark_values": benchmarks,
        "unit_scales": unit_scales_frame([statements.drop_duplicates("unit"),
                                          records.drop_duplicates("unit"), benchmarks]),
    }  # fmt: skip


def run_quality(db: Path, docs: Path) -> dict[str, Any]:
    """The quality suite alone on a built warehouse file: wall and process CPU seconds."""
    from gwr.quality import run_warehouse_suite

    out: dict[str, Any] = {}
    mark, cpu = time.perf_counter(), time.process_time()
    report = run_warehouse_suite(db, docs)
    out["quality"] = time.perf_counter() - mark
    out["quality_cpu"] = time.process_time() - cpu
    out["quality_timings"] = report.timings
    out["quality_ok"] = report.success
    out["quality_failed"] = [f.describe() for _, f in report.failures]
    return out


def quality_only(db: Path, repeat: int) -> None:
    import duckdb
    import great_expectations  # noqa: F401  # the import, paid once a process, apart

    with duckdb.connect(str(db), read_only=True) as con:
        (actual,) = con.execute("SELECT count(*) FROM mart.fct_actual").fetchone()  # type: ignore[misc]
    print(f"\n== quality on {db} ({actual:,} fct_actual rows)")
    per = 1e6 / max(actual, 1)
    docs_root = Path(tempfile.mkdtemp(prefix="gwr-bench-docs-"))
    try:
        for i in range(repeat):
            r = run_quality(db, docs_root / f"quality-{i}")
            print(f"  run {i + 1}: quality {r['quality']:.2f} s wall ({r['quality'] * per:.2f} "
                  f"s/M), {r['quality_cpu']:.2f} s CPU {r['quality_timings']}")  # fmt: skip
            if r.get("quality_failed"):
                print("    quality failures: " + "; ".join(r["quality_failed"][:5]))
    finally:
        shutil.rmtree(docs_root, ignore_errors=True)


def run_once(
    frames: dict[str, pd.DataFrame], root: Path, quality: bool, keep: Path | None = None
) -> dict[str, Any]:
    folder = root / f"build-{time.monotonic_ns()}"
    folder.mkdir(parents=True)
    db = folder / dbt.DB_NAME
    out: dict[str, Any] = {}
    mark = time.perf_counter()
    load_raw(db, frames)
    out["load_raw"] = time.perf_counter() - mark
    mark = time.perf_counter()
    outcome = dbt.build(db, folder / "dbt")
    out["dbt"] = time.perf_counter() - mark
    out["dbt_ok"] = outcome.success
    out["dbt_failed"] = [n.describe() for n in outcome.nodes if not n.ok]
    models = sum(n.seconds for n in outcome.models)
    tests = sum(n.seconds for n in outcome.tests)
    out["dbt_models"], out["dbt_tests"] = models, tests
    out["slowest"] = sorted(outcome.nodes, key=lambda n: -n.seconds)[:15]
    if keep is not None:
        keep.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(db, keep)
    if quality:
        out.update(run_quality(db, folder / "quality"))
    shutil.rmtree(folder, ignore_errors=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="100000,1000000", help="actual rows, comma-separated")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument(
        "--stages",
        choices=["all", "quality"],
        default="all",
        help="quality: time the suite alone on --warehouse (no build)",
    )
    parser.add_argument("--warehouse", type=Path, help="a built warehouse, for --stages quality")
    parser.add_argument("--keep", type=Path, help="copy the last built warehouse to this file")
    args = parser.parse_args()
    if args.stages == "quality":
        if args.warehouse is None:
            parser.error("--stages quality needs --warehouse FILE")
        quality_only(args.warehouse, args.repeat)
        return 0
    dbt._manifest()  # parse / import dbt once, outside the timings
    root = Path(tempfile.mkdtemp(prefix="gwr-bench-wh-"))
    try:
        for size in (int(s) for s in args.rows.split(",")):
            mark = time.perf_counter()
            frames = synth_frames(size)
            actual = len(frames["sheet_records"])
            print(f"\n== {actual:,} actual rows, {len(frames['report_statements']):,} statements, "
                  f"{len(frames['spreadsheet_documents']):,} files "
                  f"(synthesized in {time.perf_counter() - mark:.1f} s)")  # fmt: skip
            per = 1e6 / actual
            for i in range(args.repeat):
                r = run_once(frames, root, quality=not args.no_quality, keep=args.keep)
                line = (f"  run {i + 1}: load_raw {r['load_raw']:.2f} s "
                        f"({r['load_raw'] * per:.2f} s/M)"
                        f"  dbt build {r['dbt']:.2f} s ({r['dbt'] * per:.2f} s/M; models "
                        f"{r['dbt_models']:.2f}, tests {r['dbt_tests']:.2f})"
                        f"  warehouse {r['load_raw'] + r['dbt']:.2f} s "
                        f"({(r['load_raw'] + r['dbt']) * per:.2f} s/M)")  # fmt: skip
                if "quality" in r:
                    line += (f"  quality {r['quality']:.2f} s ({r['quality'] * per:.2f} s/M, "
                             f"CPU {r['quality_cpu']:.2f} s) {r['quality_timings']}")  # fmt: skip
                print(line)
                print("    slowest dbt nodes: " + ", ".join(
                    f"{n.name} {n.seconds:.2f}" for n in r["slowest"]))  # fmt: skip
                if not r["dbt_ok"] or r["dbt_failed"]:
                    print("    dbt not ok: " + "; ".join(r["dbt_failed"][:5]))
                if r.get("quality_failed"):
                    print("    quality failures: " + "; ".join(r["quality_failed"][:5]))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
