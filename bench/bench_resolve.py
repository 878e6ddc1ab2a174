"""Benchmark indicator resolution (issue 10): `gwr.build.resolve_indicators` over the
wordings of the corpus reports (and the bundled spreadsheets), cold and warm.

    .venv/bin/python bench/bench_resolve.py [--corpus DIR] [--repeat 3] [--no-sheets]
                                            [--baseline TREE]

The statements are extracted once with the pipeline's own parser (`gwr.ingest.
extract_reports`: the corpus reports copied into a temporary data folder) and kept as a
Parquet file under /tmp/gwr-bench-resolve/, keyed by the parser version, so later runs
start at once. Then, in this process:

    no cache   a fresh Resolver, no persistent cache (what every refresh paid before)
    cold       a fresh Resolver and an empty persistent resolution cache
    warm       a fresh Resolver, the cache the cold run wrote (an unchanged refresh)
    warm+1     as warm, with one report's wordings changed (a refresh after one edit)

and prints seconds (best of --repeat) and each as a ratio of the no-cache run. The frames
of every scenario are compared with the no-cache one (they must be identical).

`--baseline TREE` (a checkout of another commit, e.g. /work/main) first runs the same
scenarios with that tree's `gwr` in a subprocess (one after the other, never at once, so
both share the machine alike), prints its figures, and compares its frame with this
tree's: before/after in one run. Figures only, no assertions: speed is measured here,
never in tests.
"""

from __future__ import annotations

import argparse
import inspect
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
# --tree: the checkout whose gwr is measured (a baseline run in a subprocess)
TREE = Path(sys.argv[sys.argv.index("--tree") + 1]) if "--tree" in sys.argv else ROOT
sys.path.insert(0, str(TREE))

from gwr.build import load_catalog, resolve_indicators  # noqa: E402
from gwr.cache import ParseCache  # noqa: E402
from gwr.indicators import Resolver  # noqa: E402
from gwr.ingest import (  # noqa: E402
    extract_reports,
    read_spreadsheets,
    report_parser_version,
    sheet_parser_version,
)
from gwr.inputs import discover  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
WORK = Path(tempfile.gettempdir()) / "gwr-bench-resolve"
REFERENCE = ROOT / "data" / "reference"


def _statements(corpus: Path) -> pd.DataFrame:
    """The corpus reports' statements, extracted once per parser version."""
    version = report_parser_version()
    cached = WORK / f"statements-{version}.parquet"
    if cached.exists():
        return pd.read_parquet(cached)
    data = WORK / "data"
    shutil.rmtree(data, ignore_errors=True)
    (data / "reports").mkdir(parents=True)
    for src in sorted((corpus / "reports").glob("*.txt")):
        shutil.copy2(src, data / "reports" / src.name)
    t0 = time.perf_counter()
    result = extract_reports(discover(data, "report"), ParseCache(WORK, "reports", version))
    print(f"extracted {len(result.rows)} statements in {time.perf_counter() - t0:.1f} s")
    result.rows.to_parquet(cached)
    return result.rows


def _sheet_records() -> pd.DataFrame:
    version = sheet_parser_version()
    cache = ParseCache(WORK, "spreadsheets", version)
    return read_spreadsheets(discover(ROOT / "data", "spreadsheet"), cache).rows


def _best(fn: Callable[[], pd.DataFrame], repeat: int) -> tuple[float, float, pd.DataFrame]:
    """Best wall and best CPU seconds of `repeat` calls (CPU: this process only, less
    sensitive to other work on a shared machine), and the last frame."""
    wall, cpu, out = float("inf"), float("inf"), pd.DataFrame()
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return wall, cpu, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-sheets", action="store_true")
    ap.add_argument("--baseline", type=Path, help="another checkout to measure first")
    ap.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    baseline: pd.DataFrame | None = None
    if args.baseline is not None:
        out = WORK / "baseline.parquet"
        out.unlink(missing_ok=True)
        cmd = [sys.executable, __file__, "--tree", str(args.baseline), "--out", str(out)]
        cmd += ["--corpus", str(args.corpus), "--repeat", str(args.repeat)]
        cmd += ["--no-sheets"] if args.no_sheets else []
        print(f"== baseline {args.baseline}")
        subprocess.run(cmd, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        baseline = pd.read_parquet(out)
        print(f"== this tree {TREE}")

    WORK.mkdir(parents=True, exist_ok=True)
    statements = _statements(args.corpus)
    records = pd.DataFrame() if args.no_sheets else _sheet_records()
    frames = [statements, records]
    catalog = load_catalog(REFERENCE)
    pairs = pd.concat([f[["indicator_text", "measure"]] for f in frames if len(f)])
    print(
        f"{len(statements)} statements, {len(records)} sheet records, "
        f"{len(pairs.drop_duplicates())} distinct (wording, measure), "
        f"catalog of {len(catalog)} indicators"
    )

    supports_cache = "cache" in inspect.signature(resolve_indicators).parameters

    def run(cache_dir: Path | None, fs: list[pd.DataFrame] = frames) -> pd.DataFrame:
        resolver = Resolver(catalog)
        if cache_dir is None:
            return resolve_indicators(fs, resolver)
        from gwr.resolution_cache import ResolutionCache

        return resolve_indicators(fs, resolver, ResolutionCache(cache_dir, resolver))

    rows: list[tuple[str, float, float, pd.DataFrame]] = []
    wall, cpu, ref = _best(lambda: run(None), args.repeat)
    rows.append(("no cache", wall, cpu, ref))
    if supports_cache:
        cache_root = WORK / "resolution-cache"

        def cold() -> pd.DataFrame:
            shutil.rmtree(cache_root, ignore_errors=True)
            return run(cache_root)

        rows.append(("cold", *_best(cold, args.repeat)))
        rows.append(("warm", *_best(lambda: run(cache_root), args.repeat)))
        # one report edited: its wordings differ (a new cache entry per changed wording)
        first = statements["path"].iloc[0]
        edited = statements.copy()
        mask = edited["path"] == first
        edited.loc[mask, "indicator_text"] = edited.loc[mask, "indicator_text"] + "情况"
        w1, c1, _ = _best(lambda: run(cache_root, [edited, records]), 1)
        rows.append(("warm+1 report", w1, c1, ref))
    base_wall, base_cpu = rows[0][1], rows[0][2]
    print(f"{'scenario':<14} {'wall s':>8} {'ratio':>7} {'cpu s':>8} {'ratio':>7}  identical")
    for name, wall, cpu, frame in rows:
        same = "-" if name.startswith("warm+1") else str(_identical(frame, ref))
        print(
            f"{name:<14} {wall:8.3f} {wall / base_wall:7.3f} {cpu:8.3f} {cpu / base_cpu:7.3f}"
            f"  {same}"
        )
    if args.out is not None:
        ref.to_parquet(args.out)
    if baseline is not None:
        print(f"frame identical to the baseline's: {_identical(ref, baseline)}")
    return 0


def _identical(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Same columns, dtypes, rows and order (None and NaN told apart after a Parquet
    round trip: both read back as None in object columns, so compare as written)."""
    return list(a.columns) == list(b.columns) and list(a.dtypes) == list(b.dtypes) and a.equals(b)


if __name__ == "__main__":
    raise SystemExit(main())
