"""`gwr refresh`: run the `refresh_warehouse` job in-process and print a summary.

This module imports Dagster (lazily, from the CLI): it is the one bridge from the plain
package to the orchestrator, so that the command line and the nightly run do the same work.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from gwr import preflight
from gwr.warehouse import FAILURE_FILE, clean_stale, last_published, record_failure

#: `gwr refresh` exit code when another refresh holds the lock past `--wait`
EXIT_BUSY = 3
LOCK_GRACE_SECONDS = 2.0


def _published_id(path: Path) -> str | None:
    record = last_published(path)
    return None if record is None else str(record.get("build_id") or record.get("path"))


#: run tag of a refresh that rebuilds even when nothing changed (assets/changes.py)
FORCE_TAG = "gwr/force"
#: the gate asset (assets/changes.py) whose observations say why nothing was rebuilt
GATE = "input_changes"


def run_refresh(verbose: bool = False, wait: float = 0.0, force: bool = False) -> int:
    """Run the refresh in-process under the refresh lock (the lock queued runs take too,
    `gwr.locks`): with another refresh running, wait up to `wait` seconds, then refuse.
    Nothing is rebuilt when nothing changed since the published warehouse, unless `force`."""
    from gwr import settings
    from gwr.locks import RefreshBusyError, RefreshLock, describe_holder

    lock = RefreshLock.for_warehouse(settings.warehouse_path())
    run_id = str(uuid.uuid4())
    try:
        # LOCK_GRACE_SECONDS: the dead_refresh_runs sensor takes the lock for a moment to
        # look; that must not make a refresh refuse.
        previous = lock.acquire(
            max(wait, LOCK_GRACE_SECONDS),
            on_wait=lambda holder: (
                print(
                    f"waiting up to {wait:.0f}s for another refresh ({describe_holder(holder)})",
                    file=sys.stderr,
                )
                if wait > LOCK_GRACE_SECONDS
                else None
            ),
            run_id=run_id,
            how="gwr refresh",
        )
    except RefreshBusyError as exc:
        print(f"refresh REFUSED: {exc}", file=sys.stderr)
        return EXIT_BUSY
    try:
        if not force:
            started = time.perf_counter()
            pre = preflight.check_configured()
            if pre.unchanged:
                return _report_unchanged(pre, previous, started)
            if verbose:
                print(f"preflight ({pre.seconds:.2f}s): {pre.reason}; starting the run")
        return _run_locked(run_id, previous, verbose, force)
    finally:
        lock.release()


def _report_unchanged(pre: preflight.Preflight, previous: dict[str, Any] | None,
                      started: float) -> int:  # fmt: skip
    """Nothing changed (gwr.preflight): no run is started, the published file is not
    touched; the published summary is printed (read-only) and, with a persistent Dagster
    instance (DAGSTER_HOME), the check is recorded there as an observation of
    `input_changes`, so the UI's asset page shows when and why nothing was rebuilt."""
    from gwr import settings
    from gwr.summary import format_summary, summarize

    path = settings.warehouse_path()
    print(f"{pre.reason} (use --force to rebuild anyway)")
    # what killed refreshes left goes whether or not anything is rebuilt, as in the gate
    # (we hold the refresh lock: no live refresh owns it)
    removed = clean_stale(path)
    if removed:
        print(f"removed leftovers of killed refreshes: {removed}")
    if os.environ.get("DAGSTER_HOME"):
        import dagster as dg

        from pipelines.runs import fail_dead_run

        try:
            instance = dg.DagsterInstance.get()
            fail_dead_run(instance, previous, lambda m: print(m, file=sys.stderr))
            instance.report_runless_asset_event(
                dg.AssetObservation(asset_key=GATE, metadata=pre.metadata())
            )
        except Exception as exc:  # the warehouse is current either way: say, do not fail
            home = os.environ["DAGSTER_HOME"]
            print(
                f"warning: the check was not recorded in the Dagster instance "
                f"(DAGSTER_HOME={home}): {exc}",
                file=sys.stderr,
            )
    print(format_summary(summarize(path), path))
    elapsed = time.perf_counter() - started
    print(f"refreshed in {elapsed:.1f}s (checked before any run: {pre.seconds:.2f}s)")
    return 0


def _run_locked(
    run_id: str, previous: dict[str, Any] | None, verbose: bool, force: bool = False
) -> int:
    import dagster as dg

    from gwr import settings
    from gwr.summary import format_summary, summarize
    from pipelines.definitions import defs
    from pipelines.runs import fail_dead_run
    from pipelines.sensors import root_cause

    instance = (
        dg.DagsterInstance.get()
        if os.environ.get("DAGSTER_HOME")
        else dg.DagsterInstance.ephemeral()
    )
    # A refresh killed earlier left its run "started" in DAGSTER_HOME: it is dead (we hold
    # its lock now); say so, or the run queue would wait for it forever.
    fail_dead_run(instance, previous, lambda m: print(m, file=sys.stderr))
    job = defs.resolve_job_def("refresh_warehouse")
    path = settings.warehouse_path()  # what the resource resolves GWR_WAREHOUSE to
    before = _published_id(path)
    started = time.perf_counter()
    # The console shows warnings and errors only, unless asked; the full event log is in
    # the Dagster instance (DAGSTER_HOME) for the UI either way.
    level = "DEBUG" if verbose else "ERROR"
    if not verbose:
        _quiet_skipped_check_warnings()
    result = job.execute_in_process(
        instance=instance,
        raise_on_error=False,
        run_id=run_id,
        run_config={"loggers": {"console": {"config": {"log_level": level}}}},
        tags={FORCE_TAG: "true"} if force else None,
    )
    elapsed = time.perf_counter() - started
    published = _published_id(path) != before and path.exists()
    failed_checks = [
        e.asset_check_evaluation_data
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
        and not e.asset_check_evaluation_data.passed
    ]
    if not result.success:
        print(f"refresh FAILED after {elapsed:.1f}s (run {result.run_id})", file=sys.stderr)
        steps = []
        for event in result.all_events:
            if event.event_type_value == "STEP_FAILURE":
                message = root_cause(event.step_failure_data.error)
                steps.append({"step": event.step_key, "error": message})
                print(f"  step {event.step_key}: {message}", file=sys.stderr)
        for check in failed_checks:
            print(f"  check {_check_line(check)}", file=sys.stderr)
        record_failure(
            path,
            {
                "run_id": result.run_id,
                "failed_steps": steps,
                "failed_asset_checks": [_check_line(c) for c in failed_checks],
            },
        )
        print(_outcome_line(path, published), file=sys.stderr)
        print(f"Details: {path.parent / FAILURE_FILE}", file=sys.stderr)
        return 1
    unchanged = unchanged_reason(result)
    if unchanged is not None:
        # the published file was not opened for writing, not replaced, not touched
        print(f"{unchanged} (use --force to rebuild anyway)")
        if path.exists():  # what readers see, read-only: the file is not modified
            print(format_summary(summarize(path), path))
        print(f"refreshed in {elapsed:.1f}s (run {result.run_id})")
        return 0
    print(format_summary(summarize(path), path))
    index = scorecard_index(result)
    if index:
        print(f"  scorecard            {index}")
    for check in failed_checks:
        print(f"  {check.severity.value.lower()}: check {_check_line(check)}")
    print(_outcome_line(path, published))
    print(f"refreshed in {elapsed:.1f}s (run {result.run_id})")
    return 0


class _SkippedCheckFilter(logging.Filter):
    """Drops Dagster's "Blocking asset check … emitted no result in step …; downstream step
    … will proceed" warnings: when the gate finds nothing changed, every dbt test of the
    skipped build says so (about 140 lines) while the steps it names are skipped anyway."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Blocking asset check") and "emitted no result" in message)


def _quiet_skipped_check_warnings() -> None:
    log = logging.getLogger("dagster._core.execution.plan.active")
    if not any(isinstance(f, _SkippedCheckFilter) for f in log.filters):
        log.addFilter(_SkippedCheckFilter())


def unchanged_reason(result: object) -> str | None:
    """The gate's reason when it found nothing changed (its AssetObservation), else None."""
    for event in result.all_events:  # type: ignore[attr-defined]
        if event.event_type_value != "ASSET_OBSERVATION":
            continue
        obs = event.event_specific_data.asset_observation
        if obs.asset_key.to_user_string() == "input_changes" and "reason" in obs.metadata:
            return str(obs.metadata["reason"].value)
    return None


def scorecard_index(result: object) -> str | None:
    """The scorecard index the run wrote (the `scorecard` asset's metadata), if it ran."""
    for event in result.get_asset_materialization_events():  # type: ignore[attr-defined]
        mat = event.step_materialization_data.materialization
        if mat.asset_key.to_user_string() == "scorecard" and "index" in mat.metadata:
            return str(mat.metadata["index"].value)
    return None


def _check_line(check: object) -> str:
    data = check  # AssetCheckEvaluation
    meta = getattr(data, "metadata", {}) or {}
    bits = [
        f"{data.asset_key.to_user_string()}:{data.check_name} did not pass "  # type: ignore[attr-defined]
        f"({data.severity.value})"  # type: ignore[attr-defined]
    ]
    for key in ("failing_rows", "rows_quarantined", "expectations_failed", "verdict"):
        if key in meta:
            bits.append(f"{key}={getattr(meta[key], 'value', meta[key])}")
    return " ".join(bits)


def _outcome_line(path: Path, published: bool) -> str:
    """What actually happened to the published warehouse, in one sentence."""
    if published:
        return f"Published {path} with its Parquet export and Data Docs."
    record = last_published(path)
    if record is None:
        return "Nothing was published, and no warehouse has been published yet."
    when = record.get("published_at", "an earlier run")
    return f"Nothing was published: {path} is still the warehouse published at {when}."
