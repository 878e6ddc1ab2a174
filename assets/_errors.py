"""Fail fast on errors a retry cannot fix.

The job retries steps with backoff (pipelines/jobs.py) because a busy disk, a resource
temporarily unavailable or a full temp folder are transient. A malformed catalog, a
missing or unreadable reference file, a bug, a broken SQL file or a warehouse held open
read-write by another process (after a bounded wait) fail the same way every time:
retrying only delays the summary the data engineer needs, so those become
`dagster.Failure(allow_retries=False)` with the reason. Input files never get here: one
that cannot be read is quarantined by `gwr.inputs`/`gwr.ingest` and the refresh goes on.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import dagster as dg
import duckdb

from gwr.files import is_transient_os_error
from gwr.locks import RefreshBusyError, WarehouseLockedError, is_lock_conflict

F = TypeVar("F", bound=Callable[..., Any])


def _is_transient(exc: BaseException) -> bool:
    """Told by type (and errno), never by guessing: no permission, a missing file (a
    reference catalog), a folder where a file should be, or a warehouse held read-write
    by another process after a bounded wait are permanent; a busy disk, EAGAIN, an
    interrupted call or a DuckDB I/O error other than a lock conflict are transient."""
    if isinstance(exc, WarehouseLockedError | RefreshBusyError):
        return False
    if isinstance(exc, duckdb.IOException):
        return not is_lock_conflict(exc)
    return is_transient_os_error(exc)


def _permanent(exc: Exception) -> dg.Failure:
    return dg.Failure(
        description=f"{type(exc).__name__}: {exc}",
        allow_retries=False,
        metadata={"error_type": type(exc).__name__},
    )


def _translate(exc: Exception) -> Exception:
    """What to raise instead of `exc`: itself when a retry may help, else a Failure."""
    if isinstance(exc, dg.Failure) or _is_transient(exc):
        return exc
    return _permanent(exc)


def fail_fast_on_permanent_errors(fn: F) -> F:
    """Wrap an asset function (plain or generator) so that non-transient errors skip the
    retry policy. The wrapper keeps the signature Dagster reads parameters from."""
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def gen_wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                yield from fn(*args, **kwargs)
            except Exception as exc:
                translated = _translate(exc)
                if translated is exc:
                    raise
                raise translated from exc

        return gen_wrapper  # type: ignore[return-value]

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            translated = _translate(exc)
            if translated is exc:
                raise
            raise translated from exc

    return wrapper  # type: ignore[return-value]
