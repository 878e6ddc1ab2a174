"""Write-audit-publish: build the warehouse in a new folder, audit it, publish it whole.

DuckDB allows one read-write process *or* many readers of a file. BI tools keep a
read-only connection open all day, so a refresh never opens the published file for
writing. Each refresh gets a build folder beside the published warehouse:

    data/warehouse/.build-<id>/gwr.duckdb     raw frames loaded, then `dbt build`
    data/warehouse/.build-<id>/parquet/       the Parquet export of that file
    data/warehouse/.build-<id>/quality/       the Great Expectations Data Docs on it
    data/warehouse/.build-<id>/owner.json     which process builds it (for the cleanup)

Only when no ERROR-level dbt test or expectation failed does `publish` move the three into
place: the Parquet folder and the Data Docs first, the database file last, each by an
atomic rename on the same file system. Readers of `data/warehouse/gwr.duckdb` keep their
path; a reader that has the old file open keeps reading the old inode until it reconnects.
When the audit fails, nothing is moved: the last good warehouse, its export and its docs
stay, and the build folder is removed. Folders and files left by a killed refresh are
removed by the next one (`clean_stale`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

DB_NAME = "gwr.duckdb"
BUILD_PREFIX = ".build-"
FAILURE_FILE = "refresh_failure.json"
PUBLISHED_FILE = "published.json"
# Leftovers of the publishing code before the build folders (and of killed exports).
_LEGACY = re.compile(r"^\.(?:.+\.duckdb|parquet|quality)\.(?:building|old)-.*$")


@dataclass(frozen=True)
class Build:
    """The build folder of one refresh, beside the published warehouse `target`."""

    target: Path
    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / DB_NAME

    @property
    def parquet(self) -> Path:
        return self.folder / "parquet"

    @property
    def docs(self) -> Path:
        return self.folder / "quality"

    @property
    def work(self) -> Path:
        """dbt's artifacts (run_results.json, logs): never published."""
        return self.folder / "dbt"

    @property
    def build_id(self) -> str:
        return self.folder.name.removeprefix(BUILD_PREFIX)


def build_for(target: Path, build_id: str | None = None) -> Build:
    """The build folder `build_id` names (a Dagster run id: every step of one run finds
    the same folder), created if needed; a new one when `build_id` is None."""
    build_id = build_id or f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", build_id):
        raise ValueError(f"not a build id: {build_id!r}")
    folder = target.parent / f"{BUILD_PREFIX}{build_id}"
    folder.mkdir(parents=True, exist_ok=True)
    owner = folder / "owner.json"
    if not owner.exists():
        owner.write_text(
            json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()})
        )
    return Build(target=target, folder=folder)


def _owner_alive(folder: Path) -> bool:
    try:
        owner = json.loads((folder / "owner.json").read_text())
    except (OSError, ValueError):
        return False
    if owner.get("host") != socket.gethostname():
        return True  # another machine's build on a shared disk: not ours to judge
    try:
        os.kill(int(owner["pid"]), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, KeyError, ValueError, TypeError):
        return True
    return True


def clean_stale(target: Path, keep: Build | None = None) -> list[str]:
    """Remove what killed refreshes left beside `target`: build folders whose process is
    gone (a live one belongs to a refresh still running), and legacy `.building-`/`.old-`
    files, WALs and folders. Returns the names removed."""
    removed: list[str] = []
    if not target.parent.exists():
        return removed
    for path in sorted(target.parent.iterdir()):
        if keep is not None and path == keep.folder:
            continue
        if path.name.startswith(BUILD_PREFIX) and path.is_dir():
            # the current process's other build folders are its own to finish (tests)
            if _owner_alive(path):
                continue
        elif not _LEGACY.match(path.name):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed


def discard(build: Build) -> None:
    """Remove a build folder (its audit failed, or it was published)."""
    shutil.rmtree(build.folder, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_dir(built: Path, target: Path) -> None:
    """Put the directory `built` at `target`, replacing what was there.

    Two renames on one file system: the old directory is moved aside, the new one moved
    in, then the old one deleted. If the second rename fails the old one is put back.
    (Between the two renames `target` is briefly absent; nothing is ever half-written.)
    """
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    had_old = target.exists()
    if had_old:
        os.replace(target, old)
    try:
        os.replace(built, target)
    except OSError:
        if had_old:
            os.replace(old, target)
        raise
    if had_old:
        shutil.rmtree(old, ignore_errors=True)


def publish(build: Build, summary: dict[str, Any] | None = None) -> Path:
    """Move the audited build into place: Parquet export, Data Docs, then the database.

    Everything was built and audited before the first rename; the three renames are the
    whole publication. The database goes last, so a reader who sees the new file also
    finds the new export and docs beside it."""
    target = build.target
    if not build.db.exists():
        raise FileNotFoundError(f"{build.db}: nothing was built")
    wal = build.db.with_name(build.db.name + ".wal")
    if wal.exists():  # a WAL would hold writes the main file lacks: refuse to publish that
        raise RuntimeError(f"{build.db} still has a write-ahead log; it was not closed cleanly")
    for built, name in ((build.parquet, "parquet"), (build.docs, "quality")):
        if built.exists():
            built.chmod(0o755)  # the export and docs are for other tools and people
            replace_dir(built, target.parent / name)
    # A stale WAL beside the *target* would be replayed onto the new file by the next
    # reader: it can only come from someone opening the published file read-write.
    target.with_name(target.name + ".wal").unlink(missing_ok=True)
    with build.db.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(build.db, target)
    _fsync_dir(target.parent)
    record = {
        "build_id": build.build_id,
        "published_at": datetime.now(UTC).isoformat(timespec="seconds"),
        **(summary or {}),
    }
    _write_json(target.parent / PUBLISHED_FILE, record)
    (target.parent / FAILURE_FILE).unlink(missing_ok=True)
    discard(build)
    return target


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)


def record_failure(target: Path, failure: dict[str, Any]) -> Path:
    """Write `refresh_failure.json` beside the warehouse: what failed, on which rows, and
    which warehouse is still published. Merged with what the run already recorded."""
    path = target.parent / FAILURE_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = {}
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
        if existing.get("run_id") == failure.get("run_id"):
            data = existing
    except (OSError, ValueError):
        pass
    data.update(failure)
    data["published"] = last_published(target)
    _write_json(path, data)
    return path


def last_published(target: Path) -> dict[str, Any] | None:
    """What `published.json` says about the warehouse in place, None when there is none."""
    if not target.exists():
        return None
    try:
        record = json.loads((target.parent / PUBLISHED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    return {"path": str(target), **record}


def row_counts(db: Path) -> dict[str, int]:
    """Rows of every table and view of schemas raw and mart."""
    with read_only(db) as con:
        names = [
            f"{s}.{t}"
            for s, t in con.execute(
                "SELECT table_schema, table_name FROM information_schema.tables "
                "WHERE table_catalog = current_database() AND table_schema IN ('raw', 'mart') "
                "ORDER BY 1, 2"
            ).fetchall()
        ]
        return {
            n: int(con.execute(f"SELECT count(*) FROM {n}").fetchone()[0])  # type: ignore[index]
            for n in names
        }


@contextmanager
def read_only(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection, as BI tools should open the warehouse."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        yield con
    finally:
        con.close()
