"""Nightly refresh at 02:00 Beijing time, running as soon as the daemon starts."""

from __future__ import annotations

import dagster as dg

from pipelines.jobs import refresh_warehouse

nightly_refresh = dg.ScheduleDefinition(
    name="nightly_refresh",
    job=refresh_warehouse,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild the warehouse every night so BI dashboards open on fresh data.",
)
