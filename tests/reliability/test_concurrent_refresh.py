"""Finding 4: `gwr refresh` takes the same one-at-a-time lock as queued runs.

On main the one-refresh-at-a-time limit was a tag limit of the run queue, which a
`gwr refresh` in a terminal never goes through: two `gwr refresh` started at once both
ran and both published, and a queued run from the daemon could publish beside a CLI run.
Now every refresh holds an exclusive lock beside the warehouse for its whole run
(`gwr/locks.py`): the CLI before it starts, a queued run in its executor.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers_reliability import REPO_ROOT, gwr_env

from gwr.locks import RefreshLock

pytestmark = pytest.mark.e2e


def _start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "gwr.cli", "refresh", *args],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_until_held(lock: RefreshLock, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not lock.is_held() or (lock.holder() or {}).get("pid") != proc.pid:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the first refresh never took the lock"
        time.sleep(0.05)


def test_a_second_gwr_refresh_refuses_while_one_runs(tmp_path: Path, data_dir: Path) -> None:
    """Red on main: the second refresh ran too and both published."""
    env = gwr_env(tmp_path, data_dir)
    lock = RefreshLock.for_warehouse(tmp_path / "warehouse" / "gwr.duckdb")
    first = _start(env)
    try:
        _wait_until_held(lock, first)
        second = subprocess.run(
            [sys.executable, "-m", "gwr.cli", "refresh"],
            cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        _, err = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, err[-2000:]
    assert second.returncode == 3, second.stderr[-2000:]
    (line,) = second.stderr.strip().splitlines()
    assert line.startswith("refresh REFUSED: another refresh is running")
    assert f"pid {first.pid}" in line and "gwr refresh" in line


def test_with_wait_the_second_refresh_runs_after_the_first(
    tmp_path: Path, data_dir: Path
) -> None:
    """Red on main: both ran at the same time (no `--wait`: nothing to wait for)."""
    env = gwr_env(tmp_path, data_dir)
    lock = RefreshLock.for_warehouse(tmp_path / "warehouse" / "gwr.duckdb")
    first = _start(env)
    try:
        _wait_until_held(lock, first)
        second = _start(env, "--wait", "600")
        first_out, _ = first.communicate(timeout=300)
        second_out, second_err = second.communicate(timeout=300)
    finally:
        for proc in (first,):
            if proc.poll() is None:
                proc.kill()
    assert first.returncode == 0 and second.returncode == 0, second_err[-2000:]
    assert "waiting up to 600s for another refresh" in second_err
    # one after the other: the second started its run after the first had finished
    first_run = first_out.strip().splitlines()[-1]
    assert "refreshed in" in first_run and "refreshed in" in second_out


def test_a_queued_run_does_not_build_beside_a_running_refresh(
    tmp_path: Path, data_dir: Path
) -> None:
    """Red on main: the run (the job's own executor, as the daemon launches it) built and
    published while another refresh held the warehouse."""
    env = gwr_env(tmp_path, data_dir, GWR_REFRESH_LOCK_WAIT="3")
    warehouse = tmp_path / "warehouse" / "gwr.duckdb"
    with RefreshLock.for_warehouse(warehouse) as lock:
        lock.acquire(0, run_id="cli-run", how="gwr refresh")
        result = subprocess.run(
            [sys.executable, "-m", "dagster", "job", "execute", "-m", "pipelines.definitions",
             "-j", "refresh_warehouse"],
            cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "another refresh is running" in output and "run cli-run" in output
    assert not warehouse.exists()
