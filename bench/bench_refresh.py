"""Refresh timings: cold (empty cache, no warehouse), nothing changed, one spreadsheet changed.

    .venv/bin/python bench/bench_refresh.py [--repeat 3]

Runs the `refresh_warehouse` job in-process on a private copy of the bundled data and
prints wall-clock seconds per scenario (best and median of --repeat runs) plus the number
of files each run parsed, so the incremental path is visible, not assumed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import dagster as dg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))

from helpers_e2e import output_metadata, run_refresh  # noqa: E402


def _timed(data: Path, wh: Path, cache: Path) -> tuple[float, int, int]:
    start = time.perf_counter()
    result: dg.ExecuteInProcessResult = run_refresh(data, wh, cache)
    elapsed = time.perf_counter() - start
    if not result.success:
        raise SystemExit("refresh failed")
    reports = output_metadata(result, "report_statements")["reports_parsed"]
    sheets = output_metadata(result, "sheet_records")["files_parsed"]
    return elapsed, reports, sheets


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, int, int]]] = {
        "cold": [],
        "unchanged": [],
        "one_sheet": [],
    }
    for i in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            data = root / "data"
            for folder in ("reports", "spreadsheets"):
                shutil.copytree(REPO / "data" / folder, data / folder)
            wh, cache = root / "wh" / "gwr.duckdb", root / "cache"
            results["cold"].append(_timed(data, wh, cache))
            results["unchanged"].append(_timed(data, wh, cache))
            sheet = sorted((data / "spreadsheets").rglob("*.csv"))[0]
            # a trailing blank line: new bytes (new hash) in any encoding, same content
            sheet.write_bytes(sheet.read_bytes() + b"\r\n" * (i + 1))
            results["one_sheet"].append(_timed(data, wh, cache))
    n_files = sum(1 for p in (REPO / "data").rglob("*") if p.is_file())
    print(f"refresh_warehouse on the bundled data ({n_files} files), {args.repeat} runs each")
    header = ("scenario", "best s", "median s", "reports parsed", "sheets parsed")
    print(f"{header[0]:<12} {header[1]:>8} {header[2]:>9} {header[3]:>15} {header[4]:>14}")
    for name, rows in results.items():
        times = [r[0] for r in rows]
        print(
            f"{name:<12} {min(times):>8.2f} {statistics.median(times):>9.2f} "
            f"{rows[-1][1]:>15} {rows[-1][2]:>14}"
        )


if __name__ == "__main__":
    main()
