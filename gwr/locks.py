"""Locks the refresh takes: one refresh at a time, and a bounded wait on DuckDB's lock.

**One refresh at a time.** Every refresh (a queued run from the daemon, `gwr refresh`
in a terminal, a test) holds an exclusive `flock` on `.<warehouse>.refresh.lock` beside
the published warehouse for its whole duration. The kernel releases the lock when the
holding process exits, however it exits (kill -9, out-of-memory kill, power loss), so a
dead refresh can never block the next one, and no lock file ever needs cleaning. The
holder writes who it is (pid, host, run id, since when) into the file so that the next
comer can say whom it waits for, and so that a run whose lock is free while Dagster still
records it as started is known to be dead.

**DuckDB's lock.** A process holding the published file open read-write (a BI tool
misconfigured, an analyst's notebook) stops every other process from opening it, even
read-only. That is neither a bug nor a transient hiccup a step retry fixes 10 s later:
it is waited for, with a bound, and then reported as `WarehouseLockedError` naming the
holder, which the pipeline treats as permanent.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

#: How long a refresh waits for another one to finish (`GWR_REFRESH_LOCK_WAIT` overrides).
DEFAULT_REFRESH_WAIT_SECONDS = 3600.0
#: How long a reader waits for another process's read-write hold on the warehouse.
DEFAULT_DUCKDB_LOCK_WAIT_SECONDS = 30.0


class RefreshBusyError(RuntimeError):
    """Another refresh holds the refresh lock (and did not finish within the wait)."""

    def __init__(self, lock_path: Path, holder: dict[str, Any] | None, waited: float) -> None:
        self.lock_path = lock_path
        self.holder = holder
        super().__init__(
            f"another refresh is running ({describe_holder(holder)}); "
            + (f"waited {waited:.0f}s for it; " if waited > 0 else "")
            + "try again when it has finished (lock: "
            + f"{lock_path})"
        )


class WarehouseLockedError(RuntimeError):
    """Another process holds the warehouse file open read-write (DuckDB's file lock)."""


def describe_holder(holder: dict[str, Any] | None) -> str:
    if not holder:
        return "holder unknown"
    parts = [f"pid {holder.get('pid')}"]
    if holder.get("host"):
        parts.append(f"on {holder['host']}")
    if holder.get("run_id"):
        parts.append(f"run {holder['run_id']}")
    if holder.get("how"):
        parts.append(str(holder["how"]))
    if holder.get("since"):
        parts.append(f"since {holder['since']}")
    return ", ".join(parts)


def refresh_lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(f".{warehouse.name}.refresh.lock")


class RefreshLock:
    """The exclusive, process-lifetime lock a refresh holds (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @classmethod
    def for_warehouse(cls, warehouse: Path) -> RefreshLock:
        return cls(refresh_lock_path(warehouse))

    def _open(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)

    def holder(self) -> dict[str, Any] | None:
        """Who holds (or last held) the lock, as the holder wrote it."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8") or "null")
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def is_held(self) -> bool:
        """Whether some process holds the lock now (this object's own hold included)."""
        if self._fd is not None:
            return True
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # closing releases a lock taken just now
        return False

    def try_acquire(self, *, record: bool = True, **owner: Any) -> dict[str, Any] | None:
        """Take the lock if it is free. Returns the previous holder's record (which is
        stale by definition: its process no longer holds the lock) or None; raises
        `BlockingIOError` when another process holds it. `record=False` takes the lock
        without writing this process in as the holder (a check, not a refresh)."""
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BaseException:
            os.close(fd)
            raise
        previous = self.holder()
        self._fd = fd
        if not record:
            return previous
        holder = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
            **owner,
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder, ensure_ascii=False).encode("utf-8"), 0)
        return previous

    def acquire(
        self,
        wait: float,
        *,
        poll: float = 0.5,
        on_wait: Callable[[dict[str, Any] | None], None] | None = None,
        **owner: Any,
    ) -> dict[str, Any] | None:
        """Take the lock, waiting at most `wait` seconds for the holder to finish; raise
        `RefreshBusyError` naming the holder when it does not. Returns the stale previous
        holder's record (see `try_acquire`)."""
        started = time.monotonic()
        told = False
        while True:
            try:
                return self.try_acquire(**owner)
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= wait:
                    raise RefreshBusyError(self.path, self.holder(), waited) from None
                if on_wait is not None and not told:
                    on_wait(self.holder())
                    told = True
                time.sleep(min(poll, max(wait - waited, 0.01)))

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def __enter__(self) -> RefreshLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def refresh_wait_seconds() -> float:
    value = os.environ.get("GWR_REFRESH_LOCK_WAIT")
    return float(value) if value else DEFAULT_REFRESH_WAIT_SECONDS


# ----------------------------------------------------------------------------- DuckDB


def is_lock_conflict(exc: BaseException) -> bool:
    """DuckDB's "Could not set lock on file … Conflicting lock is held in … (PID n)".

    DuckDB raises a plain IOException for it; its message is the only discriminator."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


@contextmanager
def read_only_waiting(
    path: Path, wait: float = DEFAULT_DUCKDB_LOCK_WAIT_SECONDS, poll: float = 0.5
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to `path`, waiting at most `wait` seconds while another
    process holds the file open read-write; then `WarehouseLockedError` naming it."""
    started = time.monotonic()
    while True:
        try:
            con = duckdb.connect(str(path), read_only=True)
            break
        except duckdb.IOException as exc:
            if not is_lock_conflict(exc):
                raise
            waited = time.monotonic() - started
            if waited >= wait:
                raise WarehouseLockedError(
                    f"{path}: another process holds the warehouse open read-write "
                    f"(waited {waited:.0f}s): {exc}. Connect BI tools read-only "
                    "(README: Connect a BI tool) and close that connection."
                ) from exc
            time.sleep(poll)
    try:
        yield con
    finally:
        con.close()
