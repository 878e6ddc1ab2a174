"""The nightly schedule and the input-file sensor."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import pytest

from pipelines.resources import InputFolders
from pipelines.schedules import nightly_refresh
from pipelines.sensors import input_files_sensor


def test_nightly_schedule_runs_at_two_beijing_time_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # no published warehouse there: the preflight cannot say "unchanged", the tick runs
    monkeypatch.setenv("GWR_WAREHOUSE", str(tmp_path / "gwr.duckdb"))
    assert nightly_refresh.cron_schedule == "0 2 * * *"
    assert nightly_refresh.execution_timezone == "Asia/Shanghai"
    assert nightly_refresh.default_status == dg.DefaultScheduleStatus.RUNNING
    assert nightly_refresh.job_name == "refresh_warehouse"
    context = dg.build_schedule_context(
        scheduled_execution_time=__import__("datetime").datetime(2024, 7, 1, 2, 0)
    )
    requests = list(nightly_refresh.evaluate_tick(context).run_requests or [])
    assert len(requests) == 1


def _tick(data: Path, cursor: str | None) -> dg.SensorResult | dg.SkipReason:
    context = dg.build_sensor_context(
        cursor=cursor, resources={"inputs": InputFolders(data_dir=str(data), reference_dir="")}
    )
    return input_files_sensor(context)


def _key(result: object) -> str:
    assert isinstance(result, dg.SensorResult), result
    (request,) = result.run_requests or []
    return str(request.run_key)


def test_sensor_requests_once_per_input_state(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    (data / "spreadsheets").mkdir()
    report = data / "reports" / "r.txt"
    report.write_text("二、2024年重点工作", encoding="utf-8")

    first = _tick(data, None)
    first_key = _key(first)
    cursor = first.cursor  # type: ignore[union-attr]
    unchanged = _tick(data, cursor)  # nothing changed: no run
    assert isinstance(unchanged, dg.SensorResult) and not unchanged.run_requests
    assert unchanged.skip_reason is not None

    sheet = data / "spreadsheets" / "s.csv"
    sheet.write_text("指标,完成值\nGDP,1\n", encoding="utf-8")  # added
    added = _tick(data, cursor)
    assert "added: 1" in added.run_requests[0].tags["gwr/changes"]  # type: ignore[union-attr]
    added_key, cursor = _key(added), added.cursor  # type: ignore[union-attr]

    sheet.write_text("指标,完成值\nGDP,2\n", encoding="utf-8")  # changed
    changed = _tick(data, cursor)
    assert "changed: 1" in changed.run_requests[0].tags["gwr/changes"]  # type: ignore[union-attr]
    changed_key, cursor = _key(changed), changed.cursor  # type: ignore[union-attr]

    sheet.unlink()  # removed: back to the first state, which still needs a refresh
    removed = _tick(data, cursor)
    assert "removed: 1" in removed.run_requests[0].tags["gwr/changes"]  # type: ignore[union-attr]
    assert len({first_key, added_key, changed_key, _key(removed)}) == 4
    assert json.loads(removed.cursor)["files"] == json.loads(first.cursor)["files"]  # type: ignore[union-attr]

    # the same transition evaluated twice (e.g. a tick retried before its cursor was saved)
    # gives the same run key, which Dagster runs only once
    assert _key(_tick(data, changed.cursor)) == _key(removed)  # type: ignore[union-attr]


def test_sensor_and_schedule_are_in_the_code_location() -> None:
    from pipelines.definitions import defs

    assert defs.resolve_sensor_def("input_files_sensor").job_name == "refresh_warehouse"
    assert defs.resolve_schedule_def("nightly_refresh").job_name == "refresh_warehouse"


def test_instance_config_queues_refreshes_one_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from gwr.settings import REPO_ROOT

    shutil.copy(REPO_ROOT / "pipelines" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    instance = dg.DagsterInstance.get()
    try:
        assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
        limits = instance.get_concurrency_config().run_queue_config.tag_concurrency_limits
        assert {"key": "gwr/job", "value": "refresh", "limit": 1} in limits
        assert instance.run_retries_enabled
        # a run whose worker died is failed, not resumed (the default launcher cannot)
        assert instance.run_monitoring_enabled
        assert instance.run_monitoring_max_resume_run_attempts == 0
        assert instance.run_monitoring_start_timeout_seconds > 0
    finally:
        instance.dispose()


def _age(*paths: Path, seconds: int = 3600) -> None:
    """Back-date files past the racy window, as files sent yesterday are."""
    import os
    import time

    for p in paths:
        old = time.time() - seconds
        os.utime(p, (old, old))


def test_an_unchanged_tree_is_seen_by_stat_alone(tmp_path: Path) -> None:
    """The common tick at scale: nothing changed, seen from one stat per file, no hashing
    and the cursor kept; any added, changed or removed file (or a new sidecar beside a
    report) still goes through the full look and requests a run."""
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    (data / "spreadsheets" / "巴中市").mkdir(parents=True)
    report = data / "reports" / "r.txt"
    report.write_text("二、2024年重点工作", encoding="utf-8")
    sheet = data / "spreadsheets" / "巴中市" / "s.csv"
    sheet.write_text("指标,完成值\nGDP,1\n", encoding="utf-8")
    (data / "spreadsheets" / "README.md").write_text("notes", encoding="utf-8")
    _age(report, sheet)
    first = _tick(data, None)
    cursor = first.cursor  # type: ignore[union-attr]

    unchanged = _tick(data, cursor)
    assert isinstance(unchanged, dg.SensorResult) and not unchanged.run_requests
    assert "stat only" in str(unchanged.skip_reason) and unchanged.cursor == cursor

    sheet.write_text("指标,完成值\nGDP,2\n", encoding="utf-8")  # same size, new mtime
    _age(sheet, seconds=60)
    changed = _tick(data, cursor)
    assert "changed: 1" in changed.run_requests[0].tags["gwr/changes"]  # type: ignore[union-attr]
    cursor = changed.cursor  # type: ignore[union-attr]
    assert "stat only" in str(_tick(data, cursor).skip_reason)  # type: ignore[union-attr]

    sidecar = data / "reports" / "r.yaml"
    sidecar.write_text("region: 巴中市\nyear: 2024\n", encoding="utf-8")
    _age(sidecar)
    with_sidecar = _tick(data, cursor)
    assert with_sidecar.run_requests  # type: ignore[union-attr]
    cursor = with_sidecar.cursor  # type: ignore[union-attr]

    sheet.unlink()
    assert "removed: 1" in _tick(data, cursor).run_requests[0].tags["gwr/changes"]  # type: ignore[union-attr]
