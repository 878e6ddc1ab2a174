"""`gwr refresh`: run the `refresh_warehouse` job in-process and print a summary.

This module imports Dagster (lazily, from the CLI): it is the one bridge from the plain
package to the orchestrator, so that the command line and the nightly run do the same work.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from gwr.warehouse import FAILURE_FILE, last_published, record_failure


def _published_id(path: Path) -> str | None:
    record = last_published(path)
    return None if record is None else str(record.get("build_id") or record.get("path"))


def run_refresh(verbose: bool = False) -> int:
    import dagster as dg

    from gwr import settings
    from gwr.build import format_summary, summarize
    from pipelines.definitions import defs
    from pipelines.sensors import root_cause

    instance = (
        dg.DagsterInstance.get()
        if os.environ.get("DAGSTER_HOME")
        else dg.DagsterInstance.ephemeral()
    )
    job = defs.resolve_job_def("refresh_warehouse")
    path = settings.warehouse_path()  # what the resource resolves GWR_WAREHOUSE to
    before = _published_id(path)
    started = time.perf_counter()
    # The console shows warnings and errors only, unless asked; the full event log is in
    # the Dagster instance (DAGSTER_HOME) for the UI either way.
    level = "DEBUG" if verbose else "ERROR"
    result = job.execute_in_process(
        instance=instance,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": level}}}},
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
    print(format_summary(summarize(path), path))
    for check in failed_checks:
        print(f"  {check.severity.value.lower()}: check {_check_line(check)}")
    print(_outcome_line(path, published))
    print(f"refreshed in {elapsed:.1f}s (run {result.run_id})")
    return 0


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
