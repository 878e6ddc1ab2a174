"""The one job: refresh the whole warehouse, as the nightly run and `gwr refresh` do."""

from __future__ import annotations

import dagster as dg

from pipelines.executor import one_refresh_at_a_time_executor

# Transient failures (a file being written while read, a busy disk) get two more tries,
# 10 s then 20 s later; a real bug fails the same way three times and the run stops.
RETRY_POLICY = dg.RetryPolicy(max_retries=2, delay=10, backoff=dg.Backoff.EXPONENTIAL)

refresh_warehouse = dg.define_asset_job(
    name="refresh_warehouse",
    selection=dg.AssetSelection.all(),
    description="Ingest reports and spreadsheets, rebuild and publish the warehouse, and run "
    "the quality checks.",
    op_retry_policy=RETRY_POLICY,
    tags={"gwr/job": "refresh"},
    # the multiprocess executor under the refresh lock: a queued run and `gwr refresh`
    # never build or publish at the same time (see pipelines/executor.py)
    executor_def=one_refresh_at_a_time_executor,
)
