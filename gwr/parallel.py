"""Parse many files on every core, with results in input order.

`map_ordered(fn, items)` is `[fn(x) for x in items]` computed by a process pool: the
results come back in the order of `items` whatever the workers' timing, so everything
downstream (ids, frames, the warehouse) is the same as a sequential run. Small batches
(the bundled data, tests, a night where one file changed) run in-process: starting
workers costs more than it saves below a few dozen files.

Workers come from a fork server that has imported the parsers once (`forkserver`, not
`fork`: the caller may be a Dagster step with threads of its own, and forking a threaded
process can deadlock). `fn` must be a module-level function and its items picklable.
A pool that breaks (a worker killed by the OOM killer, a crash in a native reader) is not
fatal: the batch is redone in-process, where the error surfaces as it would have anyway.

`GWR_WORKERS` sets the number of processes (1 = always in-process); the default is the
number of cores this process may run on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
K = TypeVar("K")

# Below this many items a pool is not worth starting. Measured on the 2-core machine under
# load (bench/bench_scale.py --parse): the first pool of a process takes 1-5 s (the fork
# server imports pandas and the readers once), later ones ~0.2 s, and each pool's workers
# spend about 1 CPU-second starting (re-importing the caller's main module, cold memo
# caches); a generated department file takes about 3 ms of CPU to parse (2026-12-02,
# after the reader's memoising; 12-25 ms wall before, under load); two workers save half.
MIN_PARALLEL = 256
# Items a worker takes at a time. Measured on 3,000 generated files, 2 workers
# (bench/bench_scale.py --parse): at load 6, chunks of 1 / 4 / 16 / 64 gave 138 / 134 /
# 108 / 100 files/s; at load 0-4, 271 / 278 / 282 / 219. The pool itself costs little:
# the workers' CPU sums to the one-process CPU plus their start, the main process spends
# 0.6 CPU-s per 3,000 files at chunks of 4 (2 s at chunks of 1), results are ~1.2 kB
# pickled. At load 8-10 on 2 cores (other sessions) the pool gets no second core: wall
# files/s then measure the machine, CPU-seconds the parser. With large chunks the last
# ones leave a core idle.
DEFAULT_CHUNK = 4
# Modules the fork server imports once, so each worker starts with the parsers loaded.
PRELOAD = ["gwr.ingest", "gwr.sheets"]


def worker_count() -> int:
    """`GWR_WORKERS` if set, else the cores this process may run on."""
    configured = os.environ.get("GWR_WORKERS", "").strip()
    if configured:
        return max(1, int(configured))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def imap_ordered(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int | None = None,
    chunksize: int | None = None,
    min_parallel: int | None = None,
) -> Iterator[R]:
    """`fn(x) for x in items`, lazily, on `workers` processes when the batch is large
    enough. The pool starts at the first `next()` and stops when the iterator is exhausted
    or closed; results wait only until the consumer takes them, in input order."""
    n_workers = worker_count() if workers is None else max(1, workers)
    threshold = MIN_PARALLEL if min_parallel is None else min_parallel
    if n_workers == 1 or len(items) < max(threshold, 2):
        yield from (fn(x) for x in items)
        return
    chunk = chunksize or min(DEFAULT_CHUNK, max(1, len(items) // (4 * n_workers)))
    done = 0
    pool = ProcessPoolExecutor(max_workers=min(n_workers, len(items)), mp_context=_context())
    try:
        # Executor.map yields in submission order: deterministic whatever the timing.
        for result in pool.map(fn, items, chunksize=chunk):
            yield result
            done += 1
    except BrokenProcessPool:  # a worker died: finish in-process, where errors surface
        yield from (fn(x) for x in items[done:])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def map_ordered(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int | None = None,
    chunksize: int | None = None,
    min_parallel: int | None = None,
) -> list[R]:
    """`[fn(x) for x in items]`, on `workers` processes when the batch is large enough."""
    return list(
        imap_ordered(fn, items, workers=workers, chunksize=chunksize, min_parallel=min_parallel)
    )


class Prefetch(Generic[K, R]):
    """`fn` over `items` computed ahead on a pool, taken by key in (about) input order.

    A sequential loop asks `pop(key)` for each item it needs, in the items' order; results
    it has not asked for yet wait in the pool's queue, so memory holds what the workers are
    ahead by, not the whole batch. A key that is not among the items gives `default`.
    """

    def __init__(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        key: Callable[[T], K],
        **options: Any,
    ) -> None:
        self._keys = [key(x) for x in items]
        self._pending = set(self._keys)
        self._results = imap_ordered(fn, items, **options)
        self._skipped: dict[K, R] = {}
        self._taken = 0

    def __len__(self) -> int:
        return len(self._keys)

    def pop(self, k: K, default: R | None = None) -> R | None:
        if k in self._skipped:
            return self._skipped.pop(k)
        if k not in self._pending:
            return default
        while self._taken < len(self._keys):
            current = self._keys[self._taken]
            value = next(self._results)
            self._taken += 1
            self._pending.discard(current)
            if self._taken == len(self._keys):
                self._results.close()  # all taken: stop the workers now
            if current == k:
                return value
            self._skipped[current] = value
        return default

    def close(self) -> None:
        self._results.close()
