"""Nightly refresh at 02:00 Beijing time, running as soon as the daemon starts.

Business purpose: BI dashboards open on fresh data every morning. Most nights nothing has
changed; then the tick starts no run at all: `gwr.preflight.check` sees from one `stat`
per input file (and the code, reference and settings hashes) that the published warehouse
is what a run would build, the tick is skipped with that reason (the schedule's tick
history in the UI shows it) and an observation of `input_changes` records it on the
asset's page. Anything less certain starts the run, whose gate decides by content.
"""

from __future__ import annotations

import dagster as dg

from gwr import preflight, settings
from gwr.locks import RefreshLock
from gwr.warehouse import clean_stale
from pipelines.jobs import refresh_warehouse

GATE = dg.AssetKey("input_changes")


def _clean_leftovers(context: dg.ScheduleEvaluationContext) -> None:
    """What killed refreshes left beside the warehouse goes even on a night that starts no
    run (the gate does it in a run): under the refresh lock, taken only if it is free."""
    lock = RefreshLock.for_warehouse(settings.warehouse_path())
    try:
        lock.try_acquire(record=False)
    except BlockingIOError:  # a refresh is running: it cleans up itself
        return
    try:
        removed = clean_stale(settings.warehouse_path())
    finally:
        lock.release()
    if removed:
        context.log.info(f"removed leftovers of killed refreshes: {removed}")


@dg.schedule(
    name="nightly_refresh",
    job=refresh_warehouse,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild the warehouse every night so BI dashboards open on fresh data; "
    "skipped, with the reason, when nothing changed since the published warehouse.",
)
def nightly_refresh(context: dg.ScheduleEvaluationContext) -> dg.RunRequest | dg.SkipReason:
    pre = preflight.check_configured()
    if pre.unchanged:
        _clean_leftovers(context)
        context.instance.report_runless_asset_event(
            dg.AssetObservation(asset_key=GATE, metadata=pre.metadata())
        )
        return dg.SkipReason(pre.reason)
    context.log.info(f"preflight: {pre.reason}: starting the refresh")
    return dg.RunRequest(tags={"gwr/preflight": pre.reason[:200]})
