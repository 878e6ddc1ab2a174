"""Listing and the nothing-changed gate at scale (issue 10).

    .venv/bin/python bench/bench_listing.py [--files 100000] [--source TREE]

Builds (once) a tree of `--files` spreadsheets under /tmp/gwr-bench-listing/ by
hard-linking the files of a generated tree of `make bench-scale`
(/tmp/gwr-bench-scale/spreadsheets-r250-s0-v1, 30k files, read-only: hard links only),
then times, each in this process:

* listing cold: `discover_cached` with an empty stat cache (every file hashed);
* listing warm: the same with the cache the cold listing wrote (every file `stat`ed);
* the gate's fingerprint over the warm listing (documents frame, reference files, code);
* a sensor tick: `input_state` with the previous tick's cursor, and the cursor's JSON.

Wall and CPU seconds are printed: on a shared, loaded machine the CPU seconds (user +
system of this process) are the better estimate of an idle machine's wall time.

Hard-linked copies share their inode, so the cold figure reads bytes from the page cache:
it is the hashing cost, not a cold disk's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gwr import settings
from gwr.fingerprint import refresh_fingerprint
from gwr.inputs import discover_cached, files_frame
from pipelines.sensors import input_state, state_key

SOURCE = Path("/tmp/gwr-bench-scale/spreadsheets-r250-s0-v1")
ROOT = Path("/tmp/gwr-bench-listing")


def build_tree(files: int, source: Path) -> Path:
    data = ROOT / f"data-{files}"
    marker = data / ".complete"
    if marker.exists():
        return data
    shutil.rmtree(data, ignore_errors=True)
    sources = sorted(p for p in source.rglob("*") if p.is_file())
    target = data / "spreadsheets"
    (data / "reports").mkdir(parents=True)
    made = 0
    copy = 0
    while made < files:
        for src in sources:
            if made >= files:
                break
            dest = target / f"copy{copy}" / src.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.link(src, dest)
            made += 1
        copy += 1
    marker.write_text(str(made))
    return data


T = TypeVar("T")


def timed(label: str, fn: Callable[[], T]) -> T:
    started, cpu = time.perf_counter(), time.process_time()
    value = fn()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{label:<44} {wall:6.2f} s wall {cpu:6.2f} s cpu")
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args()
    data = timed("tree (hard links, once)", lambda: build_tree(args.files, args.source))
    with tempfile.TemporaryDirectory() as cache_dir:
        cache = Path(cache_dir)
        files = timed("listing cold (every file hashed)",
                      lambda: discover_cached(data, "spreadsheet", cache))  # fmt: skip
        print(f"  {len(files):,} files")
        files = timed("listing warm (stat only)",
                      lambda: discover_cached(data, "spreadsheet", cache))  # fmt: skip
        frame = timed("documents frame", lambda: files_frame(files))
        timed("gate fingerprint (frame, reference, code)",
              lambda: refresh_fingerprint([frame], settings.reference_dir()))  # fmt: skip
    state, stats = timed("sensor first tick (every file hashed)", lambda: input_state(data))
    cursor = {"key": state_key(state), "files": state, "stats": stats}
    text = timed("  cursor JSON", lambda: json.dumps(cursor, ensure_ascii=False, sort_keys=True))
    print(f"  cursor {len(text) / 1e6:.1f} MB")
    previous = timed("  cursor parse", lambda: json.loads(text))

    def tick() -> str:
        st, sts = input_state(data, previous)
        return json.dumps({"key": state_key(st), "files": st, "stats": sts},
                          ensure_ascii=False, sort_keys=True)  # fmt: skip

    timed("sensor tick, nothing changed (stat only)", tick)


if __name__ == "__main__":
    main()
