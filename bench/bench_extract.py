"""Benchmark the report extractor: MB/s on one core over >= 1,000 report-sized texts.

Texts are the seed report plus texts synthesized from it by shuffling and
recombining its paragraphs (headings kept in place so every text stays
datable), some with ASCII punctuation and stray spaces.  Prints figures; no
assertion (speed is not a test).

    python bench/bench_extract.py [--texts 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gwr.report import extract_report  # noqa: E402

SEED = ROOT / "data" / "reports" / "bazhong-2024-government-work-report.txt"


def synthesize(seed_text: str, n: int, rng: random.Random) -> list[str]:
    """``n`` report-sized texts recombined from the seed's paragraphs."""
    paras = [p for p in seed_text.split("\n") if p.strip()]
    review_head = next(i for i, p in enumerate(paras) if p.startswith("一、"))
    plan_head = next(i for i, p in enumerate(paras) if p.startswith("二、"))
    review = paras[review_head + 1 : plan_head]
    plan = paras[plan_head + 1 :]
    texts = [seed_text]
    while len(texts) < n:
        r = rng.sample(review, k=len(review))
        p = rng.sample(plan, k=len(plan))
        # recombine: drop or duplicate a few paragraphs
        r = [x for x in r if rng.random() > 0.1] + rng.sample(review, k=2)
        p = [x for x in p if rng.random() > 0.1] + rng.sample(plan, k=2)
        body = "\n\n".join([paras[review_head], *r, paras[plan_head], *p])
        if rng.random() < 0.3:  # news-reprint style noise
            body = body.replace("，", ",").replace("：", ":").replace("%", " %")
        texts.append(body)
    return texts


def _calibrate() -> float:
    """CPU seconds of a fixed pure-Python loop (about 0.2 s on a current desktop core)."""
    t0 = time.process_time()
    s = 0
    for i in range(5_000_000):
        s += i
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    seed_text = SEED.read_text(encoding="utf-8")
    calib = _calibrate()
    extract_report(seed_text)  # warm caches
    cpu_runs, wall_runs = [], []
    n_seed = 0
    for _ in range(30):
        c0, w0 = time.process_time(), time.perf_counter()
        n_seed = len(extract_report(seed_text).statements)
        cpu_runs.append(time.process_time() - c0)
        wall_runs.append(time.perf_counter() - w0)

    texts = synthesize(seed_text, args.texts, random.Random(args.seed))
    total_bytes = sum(len(t.encode("utf-8")) for t in texts)
    total_chars = sum(len(t) for t in texts)
    n_rows = 0
    c0, w0 = time.process_time(), time.perf_counter()
    for t in texts:
        n_rows += len(extract_report(t).statements)
    cpu = time.process_time() - c0
    wall = time.perf_counter() - w0

    mb = total_bytes / 1e6
    print(
        f"machine calibration: 5M-iteration Python loop {calib:.2f} s CPU "
        f"(~0.2 s on a current desktop core; load average {_load()})"
    )
    print(
        f"seed report: {len(seed_text):,} chars, {len(seed_text.encode('utf-8')):,} bytes, "
        f"{n_seed} statements; CPU median {statistics.median(cpu_runs) * 1000:.1f} ms, "
        f"min {min(cpu_runs) * 1000:.1f} ms; "
        f"wall median {statistics.median(wall_runs) * 1000:.1f} ms "
        f"({len(cpu_runs)} runs)"
    )
    print(f"corpus: {len(texts):,} texts, {total_chars:,} chars, {mb:.1f} MB (UTF-8)")
    print(f"extracted {n_rows:,} statements; CPU {cpu:.2f} s, wall {wall:.2f} s, one process")
    print(
        f"throughput: {mb / cpu:.2f} MB/s CPU ({mb / wall:.2f} MB/s wall), "
        f"{total_chars / 1e6 / cpu:.2f} M chars/s CPU, {len(texts) / cpu:.0f} texts/s CPU"
    )
    return 0


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


if __name__ == "__main__":
    raise SystemExit(main())
