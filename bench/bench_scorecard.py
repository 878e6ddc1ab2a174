"""Scorecard timings: the bundled warehouse and a synthetic one of corpus scale.

    .venv/bin/python bench/bench_scorecard.py [--repeat 5] [--warehouse FILE]
        [--reports 220] [--statements 40000]

Prints wall-clock seconds (best and median of --repeat runs) to read the warehouse and
write every page, with the page count and sizes. The bundled warehouse is the one
`make run` published (data/warehouse/gwr.duckdb, or --warehouse); without it that row is
skipped. The synthetic warehouse is built with the real SQL from hand-made rows: one
region-year a report, GDP targets and actuals, the rest flow targets and actuals, and
three spreadsheet periods for the 2024 GDP targets.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "scorecard"))
sys.path.insert(0, str(REPO))

from helpers_scorecard import build_synthetic  # noqa: E402

from gwr import settings  # noqa: E402
from gwr.scorecard import write_scorecard  # noqa: E402


def _time(wh: Path, out: Path, repeat: int) -> tuple[list[float], int, int, int, int]:
    times = []
    for _ in range(repeat):
        result = write_scorecard(wh, out, replace=True)
        times.append(result.seconds)
    pages = len(result.pages)
    return times, pages, len(result.comparisons), result.bytes_written, result.largest_page


def _row(name: str, wh: Path, out: Path, repeat: int) -> None:
    times, pages, comparisons, total, largest = _time(wh, out, repeat)
    print(
        f"{name:<28} {min(times):>7.3f} {statistics.median(times):>9.3f} {pages:>6} "
        f"{comparisons:>6} {total / 1024:>10,.0f} {largest / 1024:>11,.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warehouse", type=Path, default=settings.warehouse_path())
    parser.add_argument("--reports", type=int, default=220)
    parser.add_argument("--statements", type=int, default=40_000)
    args = parser.parse_args()
    print(f"write_scorecard (read the warehouse, render, write), {args.repeat} runs each")
    print(
        f"{'warehouse':<28} {'best s':>7} {'median s':>9} {'pages':>6} {'comps':>6} "
        f"{'total KiB':>10} {'largest KiB':>11}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.warehouse.is_file():
            _row("bundled (make run)", args.warehouse, root / "bundled", args.repeat)
        else:
            print(f"{'bundled (make run)':<28} skipped: no {args.warehouse}")
        started = time.perf_counter()
        wh = build_synthetic(root / "synthetic.duckdb", args.reports, args.statements)
        built = time.perf_counter() - started
        _row(
            f"synthetic {args.reports} reports", wh, root / "synthetic", max(1, args.repeat // 2)
        )
        print(f"(synthetic warehouse: {args.statements:,} statements, built in {built:.1f}s)")


if __name__ == "__main__":
    main()
