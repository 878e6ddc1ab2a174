"""Discover input files and fingerprint them.

A document is identified by the sha256 of its bytes (CONTRACT §2 `raw.documents`), so
editing one byte re-parses just that file.

Discovery never lets one file stop the others. Every entry under the input folders is
looked at with `lstat`/`stat` first, and an entry that cannot be used becomes an
`InputFile` with a `problem` (quarantined whole, with that reason) instead of an
exception:

* a file without read permission, or one that vanished between listing and reading;
* a folder named like an input file (`2024Q2.csv/`), a FIFO, socket or device;
* a symbolic link whose target lies outside the data folder (never followed: a link to
  `/etc/passwd` is not read), or a link to a folder (folders are not followed);
* a file over the size limit: refused from its `stat` size, *before* a byte is read, so
  an 8 GB (sparse) file costs one system call, not minutes of hashing.

Such an entry's `document_id` is the sha256 of `unreadable:<rel_path>` (its bytes were
not read), so it is stable from run to run and joins `raw.documents` like any other.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from gwr.files import describe_os_error, is_inside

REPORT_SUFFIXES = frozenset({".txt"})
SHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv"})
FILE_SUFFIXES = REPORT_SUFFIXES | SHEET_SUFFIXES
# Files that document or generate the inputs rather than being inputs themselves.
IGNORED_NAMES = frozenset({"readme.md", "readme.txt", "readme"})
IGNORED_SUFFIXES = frozenset({".py", ".yaml", ".yml", ".md"})
#: what a report's sidecar may be called, in the order looked for: `<name>.yaml`, `.yml`
SIDECAR_SUFFIXES = (".yaml", ".yml")
#: The largest input file read at all (a report is ~100 KB, a department's sheet < 1 MB);
#: the same limit as the spreadsheet reader's `Limits.max_file_bytes`.
MAX_INPUT_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class InputFile:
    """One file under the input folders."""

    path: Path
    rel_path: str  # relative to the data dir, POSIX separators: stable across machines
    kind: str  # "report" | "spreadsheet" | "unsupported"
    document_id: str  # sha256 of the bytes (of `unreadable:<rel_path>` when unreadable)
    bytes: int
    sidecar: Path | None = None  # <name>.yaml beside a report
    sidecar_sha256: str | None = None
    mtime_ns: int = 0
    sidecar_bytes: int = 0
    sidecar_mtime_ns: int = 0
    #: why the file cannot be read at all (it is then quarantined whole); None when it can
    problem: str | None = None


#: rel_path -> (size, mtime_ns, sha256) of a file hashed before (see `discover(known=…)`)
Known = Mapping[str, tuple[int, int, str]]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def unreadable_document_id(rel_path: str) -> str:
    return hashlib.sha256(f"unreadable:{rel_path}".encode()).hexdigest()


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def is_ignored(path: Path | str) -> bool:
    """Not an input at all: hidden files, Excel lock files, notes kept beside the data."""
    name = os.path.basename(path).lower()
    return (
        name.startswith(".")
        or name.startswith("~$")  # Excel lock files
        or name in IGNORED_NAMES
        or os.path.splitext(name)[1] in IGNORED_SUFFIXES
    )


def _path_order(item: tuple[str, str | None, os.stat_result | None]) -> list[str]:
    return item[0].split("/")  # the order of `Path` objects (by parts), without building them


def _walk(root: Path, data_dir: Path) -> list[tuple[str, str | None, os.stat_result | None]]:
    """(path, problem, stat) for every entry under `root` that may be an input, in path
    order; `stat` is the `lstat` of a regular file (one system call per file, reused by
    `_fingerprint`), None for anything else.

    Symbolic links are never followed into folders, and a link to a file is followed only
    when its target is inside `data_dir` (or inside `root` itself: `reports/` or
    `spreadsheets/` may be a link to a mounted folder, that is configuration); hidden
    entries (`.name`) are skipped.
    """
    if not root.is_dir():
        return []

    def inside(path: Path) -> bool:
        return is_inside(path, data_dir) or is_inside(path, root)

    found: list[tuple[str, str | None, os.stat_result | None]] = []
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            found.append((folder, f"folder cannot be listed: {describe_os_error(exc)}", None))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = entry.path
            try:
                if entry.is_symlink():
                    link = Path(path)
                    if not inside(link):
                        target = os.readlink(path)
                        found.append(
                            (path, f"symbolic link to {target}, outside the data folder: "
                                   "not followed (copy the file into the folder)", None)
                        )  # fmt: skip
                    elif not link.exists():
                        found.append((path, f"broken symbolic link (to {os.readlink(path)})", None))
                    elif link.is_dir():
                        found.append(
                            (path, "symbolic link to a folder: not followed (move or copy "
                                   "the files into the data folder)", None)
                        )  # fmt: skip
                    else:
                        found.append((path, None, None))
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                    if os.path.splitext(entry.name)[1].lower() in FILE_SUFFIXES:
                        found.append(
                            (path, "a folder named like a file: not read as one "
                                   "(the files inside it are read as usual)", None)
                        )  # fmt: skip
                elif entry.is_file(follow_symlinks=False):
                    found.append((path, None, entry.stat(follow_symlinks=False)))
                else:
                    found.append((path, "not a regular file (a pipe, socket or device)", None))
            except OSError as exc:
                found.append((path, describe_os_error(exc), None))
    return sorted(found, key=_path_order)


def _fingerprint(
    path: Path,
    rel_path: str,
    known: Known | None,
    max_bytes: int,
    st: os.stat_result | None = None,
) -> tuple[str, int, int, str | None]:
    """(document_id, size, mtime_ns, problem): `stat` first (`st` when the walk has it),
    hash only when needed."""
    if st is None:
        try:
            st = path.stat()
        except OSError as exc:
            return unreadable_document_id(rel_path), 0, 0, describe_os_error(exc)
    if not stat.S_ISREG(st.st_mode):
        return unreadable_document_id(rel_path), 0, 0, "not a regular file"
    if st.st_size > max_bytes:
        return (
            unreadable_document_id(rel_path),
            st.st_size,
            st.st_mtime_ns,
            f"file too large: {_mb(st.st_size)} is over the {_mb(max_bytes)} limit (not read)",
        )
    seen = known.get(rel_path) if known else None
    if seen is not None and (seen[0], seen[1]) == (st.st_size, st.st_mtime_ns):
        return seen[2], st.st_size, st.st_mtime_ns, None
    try:
        digest = sha256_file(path)
    except OSError as exc:
        return (
            unreadable_document_id(rel_path),
            st.st_size,
            st.st_mtime_ns,
            (f"cannot be read: {describe_os_error(exc)}"),
        )
    return digest, st.st_size, st.st_mtime_ns, None


@dataclass(frozen=True)
class _Sidecar:
    path: Path | None = None
    sha256: str | None = None
    bytes: int = 0
    mtime_ns: int = 0
    problem: str | None = None


def _sidecar(path: Path, data_dir: Path, known: Known | None, max_bytes: int) -> _Sidecar:
    """A report's `<name>.yaml`, fingerprinted like the report (stat first, then hash)."""
    for ext in SIDECAR_SUFFIXES:
        candidate = path.with_suffix(ext)
        if not (candidate.is_symlink() or candidate.exists()):
            continue
        rel = candidate.relative_to(data_dir).as_posix()
        if candidate.is_symlink() and not is_inside(candidate, data_dir):
            return _Sidecar(problem=f"its sidecar {candidate.name} links outside the data folder")
        sha, size, mtime_ns, problem = _fingerprint(candidate, rel, known, max_bytes)
        if problem:
            return _Sidecar(problem=f"its sidecar {candidate.name} cannot be used: {problem}")
        return _Sidecar(candidate, sha, size, mtime_ns)
    return _Sidecar()


def discover(
    data_dir: Path,
    kind: str | None = None,
    *,
    known: Known | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    under: str | None = None,
) -> list[InputFile]:
    """Every input file under `data_dir/reports` and `data_dir/spreadsheets`, sorted by path.
    `under` narrows the walk to one sub-folder of them (a partition's folder).

    Files of an unknown type are returned with kind "unsupported", and entries that cannot
    be read with a `problem`, so that the pipeline can quarantine them with a reason
    instead of silently ignoring them or failing. `known` (rel_path -> size, mtime_ns,
    sha256 from an earlier look) skips hashing files whose size and mtime are unchanged.
    """
    found: list[InputFile] = []
    for folder, folder_kind, suffixes in (
        ("reports", "report", REPORT_SUFFIXES),
        ("spreadsheets", "spreadsheet", SHEET_SUFFIXES),
    ):
        if kind is not None and kind != folder_kind:
            continue
        prefix = len(str(data_dir).rstrip("/")) + 1  # paths under data_dir, as strings
        root = data_dir / folder / under if under else data_dir / folder
        for path_str, problem, st in _walk(root, data_dir):
            if is_ignored(path_str):
                continue
            path = Path(path_str)
            rel_path = path_str[prefix:].replace(os.sep, "/")
            suffix = os.path.splitext(path_str)[1].lower()
            file_kind = folder_kind if suffix in suffixes else "unsupported"
            if problem is not None:
                found.append(
                    InputFile(
                        path=path,
                        rel_path=rel_path,
                        kind=file_kind,
                        document_id=unreadable_document_id(rel_path),
                        bytes=0,
                        problem=problem,
                    )
                )
                continue
            document_id, size, mtime_ns, problem = _fingerprint(
                path, rel_path, known, max_bytes, st
            )
            sidecar = _Sidecar()
            if folder_kind == "report" and problem is None:
                sidecar = _sidecar(path, data_dir, known, max_bytes)
                if sidecar.problem is not None:
                    problem = sidecar.problem
                    document_id = unreadable_document_id(rel_path)
            found.append(
                InputFile(
                    path=path,
                    rel_path=rel_path,
                    kind=file_kind,
                    document_id=document_id,
                    bytes=size,
                    sidecar=sidecar.path,
                    sidecar_sha256=sidecar.sha256,
                    mtime_ns=mtime_ns,
                    sidecar_bytes=sidecar.bytes,
                    sidecar_mtime_ns=sidecar.mtime_ns,
                    problem=problem,
                )
            )
    return found


#: A file modified this recently may change again within the file system's timestamp
#: granularity without its (size, mtime) changing: its stat is not trusted next time.
RACY_WINDOW_NS = 2_000_000_000


def stat_entries(
    files: list[InputFile], data_dir: Path, now_ns: int | None = None
) -> dict[str, tuple[int, int, str]]:
    """rel_path -> (size, mtime_ns, sha256) of every readable file and sidecar whose stat
    can be trusted next time (modified more than RACY_WINDOW_NS ago): what `discover(known=
    …)` needs to skip hashing them. Unreadable files are left out (looked at again)."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    out: dict[str, tuple[int, int, str]] = {}

    def keep(rel: str, size: int, mtime_ns: int, digest: str) -> None:
        if now_ns - mtime_ns > RACY_WINDOW_NS:
            out[rel] = (size, mtime_ns, digest)

    for f in files:
        if f.problem is not None:
            continue
        keep(f.rel_path, f.bytes, f.mtime_ns, f.document_id)
        if f.sidecar is not None and f.sidecar_sha256:
            rel = f.sidecar.relative_to(data_dir).as_posix()
            keep(rel, f.sidecar_bytes, f.sidecar_mtime_ns, f.sidecar_sha256)
    return out


class StatCache:
    """A persisted `known` for `discover`: rel_path -> (size, mtime_ns, sha256), one JSON
    file per input folder and kind. Listing 100k unchanged files then costs a `stat` each,
    not a read. A missing or corrupt file is an empty cache (everything is hashed)."""

    def __init__(self, root: Path, data_dir: Path, kind: str | None) -> None:
        where = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
        self.path = root / "stat" / f"{kind or 'all'}-{where}.json"

    def load(self) -> dict[str, tuple[int, int, str]]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return {rel: (int(v[0]), int(v[1]), str(v[2])) for rel, v in raw.items()}
        except (OSError, ValueError, TypeError, IndexError, AttributeError):
            return {}

    def save(self, entries: Mapping[str, tuple[int, int, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entries, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, self.path)


def discover_cached(
    data_dir: Path,
    kind: str | None,
    cache_root: Path,
    *,
    max_bytes: int = MAX_INPUT_BYTES,
    listed_at_ns: int | None = None,
) -> list[InputFile]:
    """`discover`, hashing only files whose (path, size, mtime_ns) differ from the last
    listing's (kept in a `StatCache` under `cache_root`)."""
    cache = StatCache(cache_root, data_dir, kind)
    known = cache.load()
    # racy against the moment the listing began (`listed_at_ns`, the caller's when it
    # keeps it), not its end: listing 100k files takes seconds, and a file written just
    # before its `stat` cannot vouch for its content
    if listed_at_ns is None:
        listed_at_ns = time.time_ns()
    files = discover(data_dir, kind, known=known, max_bytes=max_bytes)
    entries = stat_entries(files, data_dir, now_ns=listed_at_ns)
    if entries != known or not cache.path.exists():
        cache.save(entries)
    return files


def fingerprint(files: list[InputFile]) -> str:
    """One hash for the whole input set: changes when any file is added, changed or removed."""
    digest = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.rel_path):
        digest.update(f"{f.rel_path}\0{f.document_id}\0{f.sidecar_sha256 or ''}\n".encode())
    return digest.hexdigest()


def code_fingerprint(*modules: str) -> str:
    """Hash of the source of the given gwr sub-modules/packages.

    Used as the parse-cache version and as the Dagster code_version, so a parser change
    invalidates cached results without anyone remembering to bump a number.
    """
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in sorted(modules):
        target = root / name
        paths = sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]
        for p in paths:
            if p.is_file():
                digest.update(p.relative_to(root).as_posix().encode())
                digest.update(p.read_bytes())
    return digest.hexdigest()[:16]


FILE_COLUMNS = [
    "document_id", "path", "kind", "bytes", "abs_path", "sidecar", "sidecar_sha256",
    "mtime_ns", "sidecar_bytes", "sidecar_mtime_ns", "problem", "listed_at_ns",
]  # fmt: skip


def files_frame(files: list[InputFile], listed_at_ns: int = 0) -> pd.DataFrame:
    """The discovered files as a frame (what an asset hands to the next one).
    `listed_at_ns`, when the listing began (0: unknown), says which stats were taken
    long enough after the last write to vouch for the content
    (`gwr.preflight.frames_stat_snapshot`)."""
    frame = pd.DataFrame(
        [
            {
                "document_id": f.document_id,
                "path": f.rel_path,
                "kind": f.kind,
                "bytes": f.bytes,
                "abs_path": str(f.path),
                "sidecar": str(f.sidecar) if f.sidecar else None,
                "sidecar_sha256": f.sidecar_sha256,
                "mtime_ns": f.mtime_ns,
                "sidecar_bytes": f.sidecar_bytes,
                "sidecar_mtime_ns": f.sidecar_mtime_ns,
                "problem": f.problem,
            }
            for f in files
        ],
        columns=FILE_COLUMNS[:-1],
    )
    frame["listed_at_ns"] = pd.Series(listed_at_ns, index=frame.index, dtype="int64")
    return frame


def files_from_frame(frame: pd.DataFrame) -> list[InputFile]:
    """The files of a listing frame (`files_frame`), as discovered. Read column by column:
    `to_dict("records")` and a dict per row cost a second more at 100k files."""
    n = len(frame)

    def column(name: str) -> list[Any]:  # a column older frames may lack reads as empty
        return frame[name].tolist() if name in frame.columns else [None] * n

    return [
        InputFile(
            path=Path(abs_path),
            rel_path=rel_path,
            kind=kind,
            document_id=document_id,
            bytes=int(size),
            sidecar=Path(sidecar) if sidecar else None,
            sidecar_sha256=sidecar_sha256 or None,
            mtime_ns=int(mtime_ns or 0),
            sidecar_bytes=int(sidecar_bytes or 0),
            sidecar_mtime_ns=int(sidecar_mtime_ns or 0),
            problem=problem if isinstance(problem, str) else None,
        )
        for (abs_path, rel_path, kind, document_id, size, sidecar, sidecar_sha256, mtime_ns,
             sidecar_bytes, sidecar_mtime_ns, problem) in zip(
            column("abs_path"), column("path"), column("kind"), column("document_id"),
            column("bytes"), column("sidecar"), column("sidecar_sha256"), column("mtime_ns"),
            column("sidecar_bytes"), column("sidecar_mtime_ns"), column("problem"),
            strict=True,
        )
    ]  # fmt: skip


def quick_stats(data_dir: Path) -> dict[str, tuple[int, int]] | None:
    """rel_path -> (size, mtime_ns) of every regular file under `reports/` and
    `spreadsheets/` (ignored ones included), from one `scandir` walk and one `stat` per
    file, building nothing else: what a sensor tick needs to see that nothing changed.
    None when the tree holds anything only the full listing can judge (a symbolic link, a
    folder that cannot be listed, something not a regular file)."""
    out: dict[str, tuple[int, int]] = {}
    prefix = len(str(data_dir).rstrip("/")) + 1
    stack = [str(data_dir / "reports"), str(data_dir / "spreadsheets")]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except FileNotFoundError:
            continue
        except OSError:
            return None
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                return None
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif entry.is_file(follow_symlinks=False):
                st = entry.stat(follow_symlinks=False)
                out[entry.path[prefix:].replace(os.sep, "/")] = (st.st_size, st.st_mtime_ns)
            else:
                return None
    return out


def watched_stats(quick: Mapping[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Of a tree's `quick_stats`, the entries a listing depends on: every input (what
    `discover` lists: ignored names left out) and every sidecar beside a file of
    `reports/`."""
    inputs = {rel: st for rel, st in quick.items() if not is_ignored(rel)}
    stems = {os.path.splitext(rel)[0] for rel in inputs if rel.startswith("reports/")}
    sidecars = {
        rel: st
        for rel, st in quick.items()
        if rel.startswith("reports/")
        and rel.endswith(SIDECAR_SUFFIXES)
        and os.path.splitext(rel)[0] in stems
    }
    return {**inputs, **sidecars}


def unchanged_since(
    quick: Mapping[str, tuple[int, int]],
    hashes: Mapping[str, str],
    stats: Mapping[str, Any],
) -> bool:
    """Whether a tree whose `quick_stats` are `quick` is certainly the one hashed into
    `hashes` (rel_path -> content hash, sidecars included) with trusted `stats` (rel_path
    -> [size, mtime_ns]; racy and unreadable files have none): the same inputs, none
    added or removed, every one (and every sidecar) with the size and mtime it was hashed
    at, and no sidecar newly beside a report. Anything less certain is False: the caller
    then lists and hashes as usual."""
    watched = watched_stats(quick)
    if set(watched) != set(hashes):
        return False
    return all(
        stats.get(rel) is not None and tuple(stats[rel]) == st for rel, st in watched.items()
    )
