"""Fail fast on errors a retry cannot fix.

The job retries steps with backoff (pipelines/jobs.py) because files being written while
read, a busy disk or a full temp folder are transient. A malformed catalog, a bug or a
broken SQL file fails the same way every time: retrying only delays the summary the data
engineer needs, so those become `dagster.Failure(allow_retries=False)` with the reason.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import dagster as dg
import duckdb

F = TypeVar("F", bound=Callable[..., Any])


# OSErrors a retry ten seconds later cannot fix: a reference file that is not there, a
# folder where a file should be, no permission. Everything else from the OS (a busy disk,
# a file being written while read, a full temp folder) may pass.
PERMANENT_OS_ERRORS = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, PERMANENT_OS_ERRORS):
        return False
    return isinstance(exc, OSError | duckdb.IOException | TimeoutError)


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
