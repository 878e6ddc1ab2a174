"""Finding 1: permanent errors are told from transient ones by type.

On main `_is_transient` was `isinstance(exc, OSError | duckdb.IOException | TimeoutError)`:
no permission, a missing reference catalog, a folder where a file should be and a
warehouse held read-write by another process were all retried (10 s, 20 s) before the
same failure, and the engineer waited for nothing.
"""

from __future__ import annotations

import errno
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets._errors import _is_transient
from assets.reference import indicator_catalog
from gwr.locks import RefreshBusyError, WarehouseLockedError
from pipelines.jobs import RETRY_POLICY
from pipelines.resources import InputFolders

LOCK_MESSAGE = (
    'IO Error: Could not set lock on file "/w/gwr.duckdb": Conflicting lock is held in '
    "/usr/bin/python3 (PID 4242) by user bi. See also https://duckdb.org/docs/stable/"
    "connect/concurrency"
)

PERMANENT = [
    PermissionError(errno.EACCES, "Permission denied", "indicators.csv"),
    FileNotFoundError(errno.ENOENT, "No such file or directory", "indicators.csv"),
    IsADirectoryError(errno.EISDIR, "Is a directory", "indicators.csv"),
    NotADirectoryError(errno.ENOTDIR, "Not a directory", "reference/x"),
    OSError(errno.EROFS, "Read-only file system"),
    OSError(errno.ELOOP, "Too many levels of symbolic links"),
    duckdb.IOException(LOCK_MESSAGE),
    WarehouseLockedError("held read-write"),
    RefreshBusyError(Path("/w/.gwr.duckdb.refresh.lock"), {"pid": 1}, 3600),
]
TRANSIENT = [
    BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable"),
    OSError(errno.EBUSY, "Device or resource busy"),
    OSError(errno.EIO, "Input/output error"),
    OSError(errno.ENOSPC, "No space left on device"),
    InterruptedError(errno.EINTR, "Interrupted system call"),
    TimeoutError("timed out"),
    duckdb.IOException("IO Error: Could not read enough bytes from file"),
]


@pytest.mark.parametrize("exc", PERMANENT, ids=lambda e: type(e).__name__)
def test_permanent(exc: BaseException) -> None:
    """Red on main for every OSError and DuckDB lock error here: all were "transient"."""
    assert not _is_transient(exc)


@pytest.mark.parametrize("exc", TRANSIENT, ids=lambda e: type(e).__name__)
def test_transient(exc: BaseException) -> None:
    assert _is_transient(exc)


def test_a_missing_reference_catalog_fails_at_once_without_retries(tmp_path: Path) -> None:
    """Red on main: FileNotFoundError was retried twice (10 s + 20 s) before failing."""
    defs = dg.Definitions(
        assets=[indicator_catalog],
        jobs=[dg.define_asset_job("catalog_only", op_retry_policy=RETRY_POLICY)],
        resources={"inputs": InputFolders(data_dir=str(tmp_path), reference_dir=str(tmp_path))},
    )
    started = time.monotonic()
    result = defs.resolve_job_def("catalog_only").execute_in_process(raise_on_error=False)
    assert not result.success
    assert time.monotonic() - started < 8
    events = result.all_events
    assert not [e for e in events if e.event_type_value in ("STEP_UP_FOR_RETRY", "STEP_RESTARTED")]
    (failure,) = [e for e in events if e.event_type_value == "STEP_FAILURE"]
    assert "indicators.csv" in str(failure.step_failure_data.error)
