"""React to the inputs: refresh when a file is added, changed or removed, exactly once per
distinct state of the input folders; and leave a readable summary when a run fails."""

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dagster as dg

from assets.spreadsheets import spreadsheet_folders
from gwr.inputs import discover, quick_stats, stat_entries, unchanged_since
from gwr.locks import RefreshLock
from gwr.parts import spreadsheet_folder_names
from gwr.warehouse import record_failure
from pipelines.jobs import refresh_warehouse
from pipelines.resources import InputFolders, WarehouseResource
from pipelines.runs import fail_dead_refresh


def input_state(
    data_dir: Path, previous: dict[str, Any] | None = None
) -> tuple[dict[str, str], dict[str, list[int]]]:
    """(rel_path -> content hash, rel_path -> [size, mtime_ns]) for every input file,
    sidecars included. Every file is `stat`ed; only those whose size or mtime differ from
    the previous tick's cursor (`previous`) are hashed again (the same rule as the listing
    assets' stat cache: `gwr.inputs.stat_entries`, `RACY_WINDOW_NS`)."""
    known: dict[str, tuple[int, int, str]] = {}
    if previous:
        hashes, stats = previous.get("files", {}), previous.get("stats", {})
        known = {
            rel: (int(st[0]), int(st[1]), hashes[rel])
            for rel, st in stats.items()
            if rel in hashes and st is not None
        }
    files = discover(data_dir, known=known)
    state: dict[str, str] = {}
    for f in files:
        # an unreadable file's id names the problem; it is looked at again next tick
        state[f.rel_path] = f.document_id
        if f.problem is None and f.sidecar is not None and f.sidecar_sha256:
            state[f.sidecar.relative_to(data_dir).as_posix()] = f.sidecar_sha256
    stats = stat_entries(files, data_dir)
    return state, {rel: [size, mtime_ns] for rel, (size, mtime_ns, _) in stats.items()}


def state_key(state: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for path in sorted(state):
        digest.update(f"{path}\0{state[path]}\n".encode())
    return digest.hexdigest()[:20]


def diff_states(old: dict[str, str], new: dict[str, str]) -> dict[str, list[str]]:
    return {
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
        "changed": sorted(p for p in set(old) & set(new) if old[p] != new[p]),
    }


@dg.sensor(
    job=refresh_warehouse,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests a refresh when input files are added, changed or removed. The run "
    "key is made from the content hashes of every file before and after the change, so the "
    "same change never runs twice.",
)
def input_files_sensor(
    context: dg.SensorEvaluationContext, inputs: InputFolders
) -> dg.SensorResult | dg.SkipReason:
    previous = json.loads(context.cursor) if context.cursor else None
    if previous is not None:
        # the common tick: one stat per file, nothing built, nothing hashed, cursor kept
        quick = quick_stats(inputs.data_path)
        if quick is not None and unchanged_since(
            quick, previous.get("files", {}), previous.get("stats", {})
        ):
            return dg.SensorResult(
                skip_reason=dg.SkipReason(f"inputs unchanged ({len(quick)} files, stat only)"),
                cursor=context.cursor,
            )
    state, stats = input_state(inputs.data_path, previous)
    key = state_key(state)
    cursor = json.dumps(
        {"key": key, "files": state, "stats": stats}, ensure_ascii=False, sort_keys=True
    )
    if previous is not None and previous.get("key") == key:
        # keep the fresh stats (a touched but unchanged file is not hashed again next time)
        return dg.SensorResult(
            skip_reason=dg.SkipReason(f"inputs unchanged ({len(state)} files)"), cursor=cursor
        )
    changes = diff_states(previous.get("files", {}) if previous else {}, state)
    summary = ", ".join(f"{k}: {len(v)}" for k, v in changes.items() if v) or "first look"
    # The key names the transition (old state -> new state), not just the new state: a file
    # removed again returns to an earlier state, and that must still trigger a refresh; a
    # tick evaluated twice for the same transition yields the same key and runs once.
    previous_key = previous.get("key", "none") if previous else "none"
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=f"inputs-{previous_key}-{key}",
                tags={"gwr/trigger": "input_files_sensor", "gwr/changes": summary[:200]},
            )
        ],
        cursor=cursor,
    )


@dg.sensor(
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Marks failed a refresh run whose process died (kill -9, out-of-memory, "
    "reboot): its refresh lock is free while the run is still recorded as started. "
    "Without this, one refresh at a time means every later run stays queued behind it.",
)
def dead_refresh_runs(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource
) -> dg.SkipReason:
    run_id = fail_dead_refresh(context.instance, RefreshLock.for_warehouse(warehouse.file))
    if run_id:
        context.log.warning(f"run {run_id} was marked failed: its process had died")
        return dg.SkipReason(f"run {run_id} marked failed: its process had died")
    return dg.SkipReason("no refresh run with a dead process")


@dg.run_failure_sensor(
    monitored_jobs=[refresh_warehouse],
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Writes refresh_failure.json beside the warehouse: which steps failed, why, "
    "and (for a failed audit) which dbt tests or expectations failed on which rows.",
)
def refresh_failure_summary(
    context: dg.RunFailureSensorContext, warehouse: WarehouseResource
) -> None:
    summary = failure_summary(context)
    # merged with what the failing audit step already wrote for this run (the failing
    # tests and their rows), so the file says both which step failed and why
    record_failure(warehouse.file, summary)
    context.log.error(json.dumps(summary, ensure_ascii=False))


def root_cause(error: object | None) -> str:
    """The innermost error message: Dagster wraps user errors ("Error occurred while
    executing op …"), and the engineer wants the reason underneath."""
    if error is None:
        return "unknown error"
    while getattr(error, "cause", None) is not None:
        error = error.cause  # type: ignore[attr-defined]
    return str(getattr(error, "message", error)).strip()


def failure_summary(context: dg.RunFailureSensorContext) -> dict[str, object]:
    steps = [
        {"step": event.step_key, "error": root_cause(event.step_failure_data.error)}
        for event in context.get_step_failure_events()
    ]
    return {
        "run_id": context.dagster_run.run_id,
        "job": context.dagster_run.job_name,
        "failed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "message": context.failure_event.message,
        "failed_steps": steps,
        "note": "The published warehouse was not replaced: BI tools still see the last good "
        "refresh.",
    }


@dg.sensor(
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Keeps the spreadsheet_folders partitions (one per top-level folder under "
    "spreadsheets/) in step with the folders on disk, so a backfill can choose them.",
)
def spreadsheet_folders_sensor(
    context: dg.SensorEvaluationContext, inputs: InputFolders
) -> dg.SensorResult:
    on_disk = set(spreadsheet_folder_names(inputs.data_path / "spreadsheets"))
    known = set(context.instance.get_dynamic_partitions(spreadsheet_folders.name))
    requests = []
    if on_disk - known:
        requests.append(spreadsheet_folders.build_add_request(sorted(on_disk - known)))
    if known - on_disk:
        requests.append(spreadsheet_folders.build_delete_request(sorted(known - on_disk)))
    return dg.SensorResult(
        dynamic_partitions_requests=requests,
        skip_reason=None if requests else dg.SkipReason(f"{len(on_disk)} folders, unchanged"),
    )
