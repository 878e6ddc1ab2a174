"""One fingerprint of everything a refresh's output depends on.

A refresh is a function of four things, and of nothing else:

* **inputs**: every report and spreadsheet, by path and the sha256 of its bytes (and a
  report's sidecar), plus the problem of a file that cannot be read (its quarantine reason
  is output too);
* **reference**: every file under the reference folder (indicator, department, division
  and benchmark catalogs), by path and sha256;
* **code**: the source that turns them into the warehouse (`gwr/`, `assets/`,
  `schemas/` with `contract.yml`, the dbt project's models, macros, tests and
  `dbt_project.yml`) and the versions of the libraries that compute it (duckdb, dbt,
  pandas, pandera, Great Expectations);
* **settings**: the environment variables that change what is built or whether it is
  published (`GWR_MAX_REJECTED_SHARE`, the Great Expectations thresholds).

Each part is a sha256; the fingerprint is the sha256 of the four. The same fingerprint
means the same warehouse would be built again, so when it equals the one stored in the
published warehouse (`meta.build`, written into every build by `stamp`), a refresh has
nothing to do. No timestamp, host, absolute path or mtime enters it: two machines with the
same files agree.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from gwr import settings
from gwr.inputs import sha256_file

#: the columns of a documents frame (gwr.inputs.files_frame) that decide the output
INPUT_COLUMNS = ("path", "kind", "document_id", "sidecar_sha256", "problem")

#: environment variables that change what a refresh builds or whether it publishes
OUTPUT_SETTINGS = (
    "GWR_MAX_REJECTED_SHARE",  # schemas/validation.py: rows set aside vs a blocked frame
    "GWR_MAX_ACTUAL_LOSS",  # gwr/quality.py thresholds
    "GWR_MAX_NO_DATA_SHARE",
    "GWR_MAX_NOT_COMPARABLE_SHARE",
    "GWR_RANGE_MOSTLY",
)

#: libraries whose version may change the built file
LIBRARIES = ("duckdb", "dbt-core", "dbt-duckdb", "pandas", "pandera", "great-expectations")

#: the project's source that computes the warehouse, relative to the repository
CODE_FOLDERS = ("gwr", "assets", "schemas")
#: … and in the dbt project (settings.sql_dir(): GWR_DBT_PROJECT may point elsewhere)
DBT_PARTS = ("models", "macros", "tests", "dbt_project.yml")
_SKIP_DIRS = frozenset({"__pycache__", "target", "logs", "dbt_packages"})

META_SCHEMA = "meta"
META_TABLE = "meta.build"


@dataclass(frozen=True)
class Fingerprint:
    """The four parts; `value` is the one hash compared."""

    inputs: str
    reference: str
    code: str
    settings: str

    @property
    def value(self) -> str:
        digest = hashlib.sha256()
        for part in (self.inputs, self.reference, self.code, self.settings):
            digest.update(part.encode() + b"\n")
        return digest.hexdigest()

    def changed_parts(self, other: Fingerprint | None) -> list[str]:
        """Which parts differ from `other` ("inputs", "reference", "code", "settings");
        every part when there is no other."""
        mine = asdict(self)
        if other is None:
            return list(mine)
        theirs = asdict(other)
        return [k for k in mine if mine[k] != theirs[k]]

    def as_dict(self) -> dict[str, str]:
        return {"fingerprint": self.value, **asdict(self)}


def digest_lines(lines: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def inputs_fingerprint(frames: Iterable[pd.DataFrame]) -> str:
    """Hash of the documents frames (report_documents, spreadsheet_documents): one line per
    file, sorted by path, of its path, kind, content hash, sidecar hash and problem. A file
    added, removed, renamed or changed by one byte changes it; a `touch` does not."""
    rows: list[str] = []
    for frame in frames:
        if frame.empty:
            continue
        cols = frame.reindex(columns=list(INPUT_COLUMNS))
        for values in cols.itertuples(index=False, name=None):
            rows.append("\0".join("" if pd.isna(v) else str(v) for v in values))
    return digest_lines(sorted(rows))


def tree_lines(root: Path, parts: Iterable[str] | None = None) -> list[str]:
    """`<relative path>\\0<sha256>` for every regular file under `root` (or under the
    given parts of it: sub-folders or files), hidden names and caches left out, sorted."""
    targets = [root / p for p in parts] if parts is not None else [root]
    lines: list[str] = []
    for target in targets:
        if target.is_file():
            files = [target]
        elif target.is_dir():
            files = []
            for folder, dirs, names in os.walk(target):
                dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS]
                files.extend(Path(folder, n) for n in names if not n.startswith("."))
        else:
            continue
        for f in files:
            if f.suffix in (".pyc", ".pyo") or not f.is_file():
                continue
            lines.append(f"{f.relative_to(root).as_posix()}\0{sha256_file(f)}")
    return sorted(lines)


def reference_fingerprint(reference_dir: Path) -> str:
    """Hash of every file of the reference folder (catalogs, divisions, benchmarks)."""
    return digest_lines(tree_lines(reference_dir))


def _library_versions() -> list[str]:
    out = [f"python\0{sys.version_info.major}.{sys.version_info.minor}"]
    for name in LIBRARIES:
        try:
            out.append(f"{name}\0{metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}\0-")
    return out


def project_code_fingerprint(repo_root: Path | None = None, sql_dir: Path | None = None) -> str:
    """Hash of the source that computes the warehouse and of the library versions."""
    root = repo_root or settings.REPO_ROOT
    sql = sql_dir or settings.sql_dir()
    lines = tree_lines(root, CODE_FOLDERS)
    lines += [f"sql/{line}" for line in tree_lines(sql, DBT_PARTS)]
    return digest_lines(lines + _library_versions())


def settings_fingerprint(env: Mapping[str, str] | None = None) -> str:
    """Hash of the output-changing settings as set (unset and empty are the same)."""
    env = os.environ if env is None else env
    return digest_lines(f"{name}={(env.get(name) or '').strip()}" for name in OUTPUT_SETTINGS)


def refresh_fingerprint(
    documents: Iterable[pd.DataFrame],
    reference_dir: Path,
    *,
    code: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Fingerprint:
    """The fingerprint of one refresh (`code` may be passed when computed already)."""
    return Fingerprint(
        inputs=inputs_fingerprint(documents),
        reference=reference_fingerprint(reference_dir),
        code=code if code is not None else project_code_fingerprint(),
        settings=settings_fingerprint(env),
    )


# ------------------------------------------------------------------ stored in the build


@dataclass(frozen=True)
class Stamp:
    """What a built warehouse says about itself: its fingerprint and when it was built."""

    fingerprint: Fingerprint
    run_id: str
    built_at: str  # ISO 8601, UTC
    files: int


def stamp(db: Path, fp: Fingerprint, *, run_id: str, files: int) -> None:
    """Write `meta.build` (one row) into the built DuckDB file `db`, which is closed
    again, checkpointed: the published file carries the fingerprint it was built from."""
    con = duckdb.connect(str(db))
    try:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {META_SCHEMA}")
        con.execute(
            f"""CREATE OR REPLACE TABLE {META_TABLE} (
                fingerprint VARCHAR, inputs VARCHAR, reference VARCHAR, code VARCHAR,
                settings VARCHAR, run_id VARCHAR, built_at TIMESTAMPTZ, files BIGINT)"""
        )
        con.execute(
            f"COMMENT ON TABLE {META_TABLE} IS '构建指纹 | The fingerprint of the inputs, "
            "reference data, code and settings this file was built from (gwr/fingerprint.py): "
            "a refresh with the same fingerprint rebuilds nothing.'"
        )
        row = [fp.value, fp.inputs, fp.reference, fp.code, fp.settings, run_id]
        con.execute(
            f"INSERT INTO {META_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [*row, datetime.now(UTC), files],
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def read_stamp(db: Path) -> Stamp | None:
    """The stamp of a built or published file, read-only; None when the file is missing,
    cannot be opened (held read-write by another process) or was built without one."""
    if not db.is_file():
        return None
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute(
            f"SELECT fingerprint, inputs, reference, code, settings, run_id, "
            f"strftime(built_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ'), files "
            f"FROM {META_TABLE} LIMIT 1"
        ).fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    if row is None:
        return None
    fp = Fingerprint(inputs=row[1], reference=row[2], code=row[3], settings=row[4])
    if fp.value != row[0]:  # written by another version of this module: do not trust it
        return None
    return Stamp(fingerprint=fp, run_id=row[5], built_at=row[6], files=int(row[7]))


def describe(stamp_: Stamp | None, current: Fingerprint) -> dict[str, Any]:
    """Both fingerprints and what differs, for logs and metadata."""
    published = stamp_.fingerprint if stamp_ else None
    return {
        "fingerprint": current.value,
        "published_fingerprint": published.value if published else None,
        "published_built_at": stamp_.built_at if stamp_ else None,
        "changed": current.changed_parts(published),
    }
