"""Findings 3 and 5: a refresh killed with SIGKILL at any moment leaves the published
warehouse intact and openable, the next run succeeds, and the run queue frees itself.

On main a `gwr refresh` killed with kill -9 (or by the out-of-memory killer) stayed
STARTED in DAGSTER_HOME forever; with one refresh allowed at a time, every run submitted
afterwards (schedule, sensor, UI) stayed QUEUED until someone marked the dead run failed.
Its build leftovers were never removed; now the next refresh removes every build folder
whose owner is gone (`gwr.warehouse.clean_stale`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dagster as dg
import pytest
from helpers_reliability import REPO_ROOT, gwr_env, kill_tree, query
from helpers_reliability import descendants as helpers_descendants

from gwr.locks import RefreshLock

pytestmark = pytest.mark.e2e

BUNDLED = REPO_ROOT / "data"


def _refresh(env: dict[str, str]) -> subprocess.Popen[str]:
    # forced: with the inputs unchanged an unforced refresh would rebuild nothing at all
    # (assets/changes.py), and these tests kill it while building
    return subprocess.Popen(
        [sys.executable, "-m", "gwr.cli", "refresh", "--force"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: kill -9 takes all of it
    )


def _kill_when(
    proc: subprocess.Popen[str], moment: Callable[[], bool], timeout: float = 120
) -> None:
    """SIGKILL the refresh's whole process group as soon as `moment()` holds."""
    deadline = time.monotonic() + timeout
    while not moment():
        assert proc.poll() is None, f"the refresh ended before the moment: {proc.communicate()}"
        assert time.monotonic() < deadline, "the moment never came"
        time.sleep(0.01)
    assert proc.poll() is None, "the refresh finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _snapshot(warehouse: Path) -> list[tuple[Any, ...]]:
    """What a BI reader sees: every mart table's row count (all of them open and query)."""
    tables = query(
        warehouse,
        "SELECT table_schema || '.' || table_name FROM information_schema.tables "
        "WHERE table_schema IN ('raw', 'mart') ORDER BY 1",
    )
    return [(name, query(warehouse, f"SELECT count(*) FROM {name}")[0][0]) for (name,) in tables]


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A published warehouse, then a refresh killed at each moment, then one more run."""
    import shutil

    tmp = tmp_path_factory.mktemp("killed")
    data = tmp / "data"
    for folder in ("reports", "spreadsheets"):
        shutil.copytree(BUNDLED / folder, data / folder)
    env = gwr_env(tmp, data)
    warehouse = tmp / "warehouse" / "gwr.duckdb"
    lock = RefreshLock.for_warehouse(warehouse)

    first = subprocess.run(
        [sys.executable, "-m", "gwr.cli", "refresh"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr[-3000:]
    baseline = _snapshot(warehouse)

    def holding() -> bool:
        return lock.is_held()

    def building() -> bool:
        return any(warehouse.parent.glob(".build-*/gwr.duckdb"))

    def audited() -> bool:  # the build's Parquet export is written: the swap comes next
        return any(warehouse.parent.glob(".build-*/parquet/*.parquet"))

    moments: dict[str, Callable[[], bool]] = {
        "lock taken, nothing built": holding,
        "parsing (cold cache)": lambda: any((tmp / "cache").rglob("*.json")),
        "building the new file": building,
        "audited, before the swap": audited,
    }
    after: dict[str, list[tuple[Any, ...]]] = {}
    killed_runs: list[str] = []
    for name, moment in moments.items():
        if name.startswith("parsing"):
            shutil.rmtree(tmp / "cache", ignore_errors=True)
        proc = _refresh(env)
        _kill_when(proc, moment)
        holder = lock.holder() or {}
        assert holder.get("pid") == proc.pid
        killed_runs.append(str(holder["run_id"]))
        after[name] = _snapshot(warehouse)

    # the next run, not forced: nothing changed, nothing is rebuilt, and it still marks the
    # killed runs failed and removes their leftovers
    leftovers_before = sorted(
        p.name for p in warehouse.parent.iterdir() if p.name.startswith(".build-")
    )
    final = subprocess.run(
        [sys.executable, "-m", "gwr.cli", "refresh"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    instance = dg.DagsterInstance.from_config(env["DAGSTER_HOME"])
    try:
        statuses: dict[str, dg.DagsterRunStatus | None] = {}
        for run_id in killed_runs:
            run = instance.get_run_by_id(run_id)
            statuses[run_id] = run.status if run else None
    finally:
        instance.dispose()
    return {
        "warehouse": warehouse,
        "baseline": baseline,
        "after": after,
        "final": final,
        "statuses": statuses,
        "leftovers_before": leftovers_before,
    }


def test_the_published_warehouse_survives_a_kill_at_every_moment(killed: dict[str, Any]) -> None:
    """Held on main too (the publishing design is sound): pinned so it stays so."""
    assert set(killed["after"]) == {
        "lock taken, nothing built",
        "parsing (cold cache)",
        "building the new file",
        "audited, before the swap",
    }
    for moment, snapshot in killed["after"].items():
        assert snapshot == killed["baseline"], moment


def test_the_next_run_succeeds_and_the_killed_runs_are_marked_failed(
    killed: dict[str, Any],
) -> None:
    """Red on main: the killed runs stayed STARTED for ever (blocking the run queue)."""
    final = killed["final"]
    assert final.returncode == 0, final.stderr[-3000:]
    assert _snapshot(killed["warehouse"]) == killed["baseline"]
    statuses = killed["statuses"]
    # killed before its Dagster run existed (the first moment): nothing to mark
    assert statuses.pop(next(iter(statuses))) is None
    assert list(statuses.values()) == [dg.DagsterRunStatus.FAILURE] * 3, statuses
    assert "The process of this refresh died" in final.stderr  # said what it found


def test_leftovers_of_killed_runs_are_removed_by_the_next_run(killed: dict[str, Any]) -> None:
    """A kill while building leaves its `.build-*` folder (database, WAL, Parquet, Data
    Docs) behind; the next refresh removes it (no refresh can still own it: it holds the
    refresh lock, and the folder's owner process is gone)."""
    assert killed["leftovers_before"], "the kill while building left nothing to clean up"
    remaining = [
        p.name for p in killed["warehouse"].parent.iterdir() if p.name.startswith(".build-")
    ]
    assert remaining == []


# ------------------------------------------------------------------ with the daemon


def _status(home: Path, run_id: str) -> dg.DagsterRunStatus | None:
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        run = instance.get_run_by_id(run_id)
        return run.status if run else None
    finally:
        instance.dispose()


def _other_runs(home: Path, run_id: str) -> dict[str, dg.DagsterRunStatus]:
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        return {r.run_id: r.status for r in instance.get_runs() if r.run_id != run_id}
    finally:
        instance.dispose()


def test_the_queue_frees_itself_after_a_refresh_is_killed(tmp_path: Path, data_dir: Path) -> None:
    """Red on main: the killed `gwr refresh` stayed STARTED and the queued run (requested
    by the input sensor once the daemon ran) stayed QUEUED behind it."""
    env = gwr_env(tmp_path, data_dir)
    home = Path(env["DAGSTER_HOME"])
    lock = RefreshLock.for_warehouse(tmp_path / "warehouse" / "gwr.duckdb")
    proc = _refresh(env)

    def started() -> bool:
        run_id = (lock.holder() or {}).get("run_id") if lock.is_held() else None
        return bool(run_id) and _status(home, str(run_id)) == dg.DagsterRunStatus.STARTED

    _kill_when(proc, started)
    killed_run = str((lock.holder() or {})["run_id"])
    assert _status(home, killed_run) == dg.DagsterRunStatus.STARTED  # stale: nobody says

    daemon = subprocess.Popen(
        [str(Path(sys.executable).with_name("dagster-daemon")), "run", "-w", "workspace.yaml"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        deadline = time.monotonic() + 240
        others: dict[str, dg.DagsterRunStatus] = {}
        while time.monotonic() < deadline:
            others = _other_runs(home, killed_run)
            if _status(home, killed_run) == dg.DagsterRunStatus.FAILURE and any(
                s in (dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.SUCCESS)
                for s in others.values()
            ):
                break
            time.sleep(2)
        assert _status(home, killed_run) == dg.DagsterRunStatus.FAILURE
        assert any(
            s in (dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.SUCCESS) for s in others.values()
        ), others
    finally:
        kill_tree(daemon, signal.SIGTERM)


def test_a_queued_run_whose_worker_is_killed_is_failed_retried_and_the_queue_moves(
    tmp_path: Path, data_dir: Path
) -> None:
    """The daemon's own run (requested by the input sensor) loses its run worker to
    kill -9: the code server that launched it reports it failed, the run-retry policy of
    `pipelines/dagster.yaml` launches its retry, and that retry starts (the queue of one
    refresh at a time is free again). Pins the README's "retried once" claim."""
    env = gwr_env(tmp_path, data_dir)
    home = Path(env["DAGSTER_HOME"])
    lock = RefreshLock.for_warehouse(tmp_path / "warehouse" / "gwr.duckdb")
    daemon = subprocess.Popen(
        [str(Path(sys.executable).with_name("dagster-daemon")), "run", "-w", "workspace.yaml"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        deadline = time.monotonic() + 240
        holder: dict[str, Any] = {}
        while time.monotonic() < deadline:  # the sensor's run holds the refresh lock
            holder = (lock.holder() or {}) if lock.is_held() else {}
            if holder.get("how") == "queued run":
                break
            time.sleep(0.5)
        assert holder.get("how") == "queued run", "no queued run started"
        run_id, worker = str(holder["run_id"]), int(holder["pid"])
        for pid in [worker, *helpers_descendants(worker)]:
            os.kill(pid, signal.SIGKILL)

        retries: dict[str, dg.DagsterRunStatus] = {}
        while time.monotonic() < deadline:
            retries = _retries_of(home, run_id)
            if _status(home, run_id) == dg.DagsterRunStatus.FAILURE and any(
                s in (dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.SUCCESS)
                for s in retries.values()
            ):
                break
            time.sleep(2)
        assert _status(home, run_id) == dg.DagsterRunStatus.FAILURE
        assert any(
            s in (dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.SUCCESS)
            for s in retries.values()
        ), retries
    finally:
        kill_tree(daemon, signal.SIGTERM)


def _retries_of(home: Path, run_id: str) -> dict[str, dg.DagsterRunStatus]:
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        return {
            r.run_id: r.status
            for r in instance.get_runs()
            if r.tags.get("dagster/parent_run_id") == run_id
        }
    finally:
        instance.dispose()
