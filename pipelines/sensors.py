"""React to the inputs: refresh when a file is added, changed or removed, exactly once per
distinct state of the input folders; and leave a readable summary when a run fails."""

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from gwr.inputs import discover
from gwr.warehouse import record_failure
from pipelines.jobs import refresh_warehouse
from pipelines.resources import InputFolders, WarehouseResource


def input_state(data_dir: Path) -> dict[str, str]:
    """rel_path -> content hash (sidecars included), for every input file."""
    state: dict[str, str] = {}
    for f in discover(data_dir):
        state[f.rel_path] = f.document_id
        if f.sidecar is not None and f.sidecar_sha256:
            state[f.sidecar.relative_to(data_dir).as_posix()] = f.sidecar_sha256
    return state


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
    state = input_state(inputs.data_path)
    key = state_key(state)
    previous = json.loads(context.cursor) if context.cursor else None
    if previous is not None and previous.get("key") == key:
        return dg.SkipReason(f"inputs unchanged ({len(state)} files)")
    changes = diff_states(previous.get("files", {}) if previous else {}, state)
    cursor = json.dumps({"key": key, "files": state}, ensure_ascii=False, sort_keys=True)
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
