"""A failed refresh leaves a readable summary of what failed and why."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg

from pipelines.resources import WarehouseResource
from pipelines.sensors import refresh_failure_summary


def test_failed_run_writes_summary_beside_the_warehouse(tmp_path: Path) -> None:
    @dg.asset
    def report_statements() -> None:
        raise ValueError("reports/x.txt: something broke")

    job = dg.define_asset_job("refresh_warehouse", selection=[report_statements])
    defs = dg.Definitions(assets=[report_statements], jobs=[job])
    with dg.instance_for_test() as instance:
        result = defs.resolve_job_def("refresh_warehouse").execute_in_process(
            instance=instance, raise_on_error=False
        )
        assert not result.success
        context = dg.build_run_status_sensor_context(
            sensor_name="refresh_failure_summary",
            dagster_event=result.get_run_failure_event(),
            dagster_instance=instance,
            dagster_run=result.dagster_run,
            resources={"warehouse": WarehouseResource(path=str(tmp_path / "gwr.duckdb"))},
        ).for_run_failure()
        refresh_failure_summary(context)
    summary = json.loads((tmp_path / "refresh_failure.json").read_text(encoding="utf-8"))
    assert summary["run_id"] == result.run_id
    assert summary["failed_steps"][0]["step"] == "report_statements"
    assert "something broke" in summary["failed_steps"][0]["error"]
    assert "not replaced" in summary["note"]
