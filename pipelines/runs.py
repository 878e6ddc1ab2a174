"""Runs whose process died: tell Dagster, so that the queue frees itself.

A refresh holds the refresh lock (`gwr.locks.RefreshLock`) for as long as its process
lives, and writes its run id into the lock file. So when the lock is free while Dagster
still records that run as started, the run's process is dead (kill -9, out-of-memory
kill, a reboot): nobody else would ever mark it failed, and with one refresh allowed at
a time every later run would stay queued behind it. `fail_dead_run` marks it failed;
the run-retry policy of `pipelines/dagster.yaml` then retries it like any run whose
process died.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dagster as dg

from gwr.locks import RefreshLock, describe_holder

IN_PROGRESS = frozenset(
    {dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING}
)


def fail_dead_run(
    instance: dg.DagsterInstance,
    holder: dict[str, Any] | None,
    log: Callable[[str], Any] | None = None,
) -> str | None:
    """Mark the run named by a *stale* lock holder record failed, if Dagster still has it
    in progress. Call only while holding the lock (the record is then stale by
    definition). Returns the run id marked failed, or None."""
    run_id = (holder or {}).get("run_id")
    if not run_id:
        return None
    run = instance.get_run_by_id(run_id)
    if run is None or run.status not in IN_PROGRESS:
        return None
    message = (
        f"The process of this refresh died ({describe_holder(holder)}): it no longer holds "
        "the refresh lock. Marked failed so that the next refresh can run."
    )
    instance.report_engine_event(message, run)
    instance.report_run_failed(run, message)
    if log is not None:
        log(f"run {run_id}: {message}")
    return run_id


def fail_dead_refresh(instance: dg.DagsterInstance, lock: RefreshLock) -> str | None:
    """If no refresh holds `lock`, fail the run its last holder left in progress."""
    try:
        previous = lock.try_acquire(record=False)
    except BlockingIOError:
        return None  # a refresh is running: its process is alive
    try:
        return fail_dead_run(instance, previous)
    finally:
        lock.release()
