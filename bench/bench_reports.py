"""Benchmark the `report_statements` step's work on the corpus: every report parsed, no cache.

    .venv/bin/python bench/bench_reports.py [--corpus DIR] [--repeat 3] [--baseline TREE]

`gwr.ingest.extract_reports` over the corpus reports (hard-linked into a temporary data
folder, sidecars included), in a fresh process per repetition: reading, the region of each
report (`gwr.regions.detect_report_region`, when no sidecar names it), the extraction
(`gwr.report.extract_report`) and the rows. It prints, per tree, the best CPU seconds and
wall seconds, MB of report text per CPU-second, and the CPU seconds spent in region
detection and in the extractor alone (measured in the same process by wrapping them).

`--baseline TREE` (a checkout of another commit) runs the same in that tree's `gwr`,
alternating with this tree's runs, so both share the machine alike, and checks that both
give the same rows. Figures only, no assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

CHILD = r"""
import hashlib, json, os, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import gwr.regions, gwr.report, gwr.ingest
from gwr.inputs import discover
spent = {"region": 0.0, "extract": 0.0}
def timed(name, fn):
    def wrapper(*a, **k):
        t = time.process_time()
        try:
            return fn(*a, **k)
        finally:
            spent[name] += time.process_time() - t
    return wrapper
gwr.regions.detect_report_region = timed("region", gwr.regions.detect_report_region)
gwr.report.extract_report = timed("extract", gwr.report.extract_report)
files = discover(Path(sys.argv[2]), "report")
c0, w0 = time.process_time(), time.perf_counter()
result = gwr.ingest.extract_reports(files, None)
cpu, wall = time.process_time() - c0, time.perf_counter() - w0
rows = result.rows.drop(columns=["loaded_at"], errors="ignore")
digest = hashlib.sha256(rows.to_csv(index=False).encode()).hexdigest()
print(json.dumps({"cpu": cpu, "wall": wall, "mb": sum(f.bytes for f in files) / 1e6,
                  "files": len(files), "rows": len(rows), "digest": digest, **spent}))
"""


def data_folder(corpus: Path) -> Path:
    data = Path(tempfile.mkdtemp(prefix="gwr-bench-reports-"))
    (data / "reports").mkdir()
    for path in sorted((corpus / "reports").iterdir()):
        if path.is_file():
            os.link(path, data / "reports" / path.name)
    return data


def run(tree: Path, data: Path) -> dict[str, float]:
    python = tree / ".venv" / "bin" / "python"
    out = subprocess.run(
        [str(python if python.exists() else sys.executable), "-c", CHILD, str(tree), str(data)],
        capture_output=True, text=True, check=True, cwd=tree,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", type=Path, help="another checkout, measured alternately")
    args = ap.parse_args()
    if not (args.corpus / "reports").is_dir():
        print(f"no corpus at {args.corpus}")
        return 1
    data = data_folder(args.corpus)
    trees = {"this tree": ROOT}
    if args.baseline:
        trees = {"baseline": args.baseline.resolve(), **trees}
    best: dict[str, dict[str, float]] = {}
    print(f"load {os.getloadavg()[0]:.1f}; {args.repeat} runs per tree, alternating")
    for _ in range(args.repeat):
        for name, tree in trees.items():
            res = run(tree, data)
            if name not in best or res["cpu"] < best[name]["cpu"]:
                best[name] = res
    print("| tree | reports | MB | rows | CPU s | wall s | MB per CPU-s | region CPU s | "
          "extractor CPU s | extractor MB per CPU-s |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in best.items():
        print(f"| {name} | {r['files']} | {r['mb']:.1f} | {r['rows']:,} | {r['cpu']:.1f} | "
              f"{r['wall']:.1f} | {r['mb'] / r['cpu']:.2f} | {r['region']:.1f} | "
              f"{r['extract']:.1f} | {r['mb'] / r['extract']:.2f} |")  # fmt: skip
    if len(best) == 2:
        same = best["baseline"]["digest"] == best["this tree"]["digest"]
        print(f"rows identical to the baseline's: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
