"""Finding 1/4: a DuckDB lock held by another process is waited for, with a bound, then
reported (naming the holder) as a permanent error: not retried blindly.

On main `WarehouseResource.read_only()` raised DuckDB's IOException at once, and the job
retried the step (10 s, 20 s) as if the disk were busy: with a BI tool connected
read-write, `mart_parquet` and `warehouse_quality` failed after 59-101 s.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from assets._errors import _is_transient
from gwr.locks import WarehouseLockedError
from pipelines.resources import WarehouseResource

HOLD = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1])  # read-write, as a misconfigured BI tool does
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "gwr.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t AS SELECT 42 AS answer")
    con.close()
    return path


def _hold(path: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def test_a_held_warehouse_is_waited_for_then_reported_naming_the_holder(
    tmp_path: Path,
) -> None:
    """Red on main: duckdb.IOException at once, classified transient (retried)."""
    path = _warehouse(tmp_path)
    holder = _hold(path, 60)
    try:
        started = time.monotonic()
        with (
            pytest.raises(WarehouseLockedError) as info,
            WarehouseResource(path=str(path), lock_wait_seconds=2).read_only(),
        ):
            pass
        elapsed = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert 2 <= elapsed < 10
    message = str(info.value)
    assert str(path) in message and "read-write" in message
    assert f"PID {holder.pid}" in message
    assert not _is_transient(info.value)


def test_a_lock_released_within_the_bound_is_waited_out(tmp_path: Path) -> None:
    """Red on main: the first attempt failed; only a step retry 10 s later could succeed."""
    path = _warehouse(tmp_path)
    holder = _hold(path, 1.5)
    try:
        with WarehouseResource(path=str(path), lock_wait_seconds=30).read_only() as con:
            assert con.execute("SELECT answer FROM t").fetchone() == (42,)
    finally:
        holder.wait(timeout=30)
