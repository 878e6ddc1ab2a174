"""The jobs: refresh the whole warehouse (the nightly run, `gwr refresh`), and parse the
spreadsheet folders as partitions (a backfill's fan-out)."""

from __future__ import annotations

import dagster as dg

from pipelines.executor import one_refresh_at_a_time_executor

# Transient failures (a file being written while read, a busy disk) get two more tries,
# 10 s then 20 s later; a real bug fails the same way three times and the run stops.
RETRY_POLICY = dg.RetryPolicy(max_retries=2, delay=10, backoff=dg.Backoff.EXPONENTIAL)

refresh_warehouse = dg.define_asset_job(
    name="refresh_warehouse",
    # everything but the per-folder partitions: the refresh builds what they have not
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets("sheet_folder_parts"),
    description="Ingest reports and spreadsheets, rebuild and publish the warehouse, and run "
    "the quality checks.",
    op_retry_policy=RETRY_POLICY,
    tags={"gwr/job": "refresh"},
    # the multiprocess executor under the refresh lock: a queued run and `gwr refresh`
    # never build or publish at the same time (see pipelines/executor.py)
    executor_def=one_refresh_at_a_time_executor,
)

parse_spreadsheet_folders = dg.define_asset_job(
    name="parse_spreadsheet_folders",
    selection=dg.AssetSelection.assets("sheet_folder_parts"),
    description="Parse and validate the spreadsheets of the chosen folders into the parse "
    "cache's parts, one partition per folder: backfill it to fan the parsing of a large "
    "input out over processes (or pods, with dagster-k8s); the next refresh then only "
    "assembles.",
    op_retry_policy=RETRY_POLICY,
    tags={"gwr/job": "parse_folders"},
)
