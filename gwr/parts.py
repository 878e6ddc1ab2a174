"""Spreadsheets read by parts: a folder's files parsed and validated once, kept as Parquet.

Why. A refresh at 100,000 department files must cost what changed, not what exists. The
night's `sheet_records` is the concatenation of *parts*; a part is a pure function of its
files (each file's bytes and path, `sheet_cache_key`), the parser's code and the record
model's code, and is stored under a key made of exactly those. An unchanged part is read
back as Parquet (milliseconds) instead of being re-parsed and re-validated; a changed file
costs its part: its own parse plus its neighbours' cached parses and one validation.

What a part is. The files of one top-level folder under `spreadsheets/` (a region, by the
CONTRACT's layout; files at the top level form the folder "."). A folder of more than
`PART_FILES` files is cut into 2^k slices by a hash of each file's path, so a part stays
small and one added file moves no other file to another part. Folders are also the unit of
fan-out: a Dagster partition per folder (`assets/spreadsheets.py`) builds its folder's
parts in any process or on any machine sharing the cache; the refresh then finds them
built and only assembles.

What must stay global is done at assembly, in the input order: the same bytes meaning the
same, sent twice in two parts, load once (the later copy is quarantined "identical to …",
as within a part), and record ids are unique across parts. Row-level checks are the
model's own and involve one row each, so validating per part sets aside exactly the rows a
validation of the whole frame would.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from gwr.cache import ParseCache
from gwr.ingest import (
    FLOAT_COLUMNS,
    QUARANTINE_COLUMNS,
    RECORD_COLUMNS,
    _frame,
    _quarantine_row,
    read_spreadsheets,
    sheet_cache_key,
    sheet_parser_version,
)
from gwr.inputs import InputFile, is_ignored
from gwr.parallel import MIN_PARALLEL, map_ordered
from schemas import SheetRecordSchema, split_invalid
from schemas.validation import RowSplit, ValidationOutcome, max_rejected_share

#: A folder with more files than this is cut into slices (a power of two of them). At
#: about 8 values a file a part holds ~2,000 rows: one validation of ~0.1 s, one Parquet.
PART_FILES = 256
#: The folder name of files directly under `spreadsheets/`.
ROOT_FOLDER = "."
_SCHEMA_SOURCES = ("frames.py", "validation.py")


def folder_of(f: InputFile) -> str:
    """The top-level folder under `spreadsheets/` a file sits in (`.` for none)."""
    parts = f.rel_path.split("/")  # POSIX and normalized (gwr.inputs): as Path(...).parts
    return parts[1] if len(parts) > 2 else ROOT_FOLDER


def spreadsheet_folder_names(root: Path) -> list[str]:
    """The folders `folder_of` gives for the files under `root` (`spreadsheets/`), from
    one listing of its top level; entries `discover` ignores (hidden files, notes such as
    README.md, Excel lock files) make no folder."""
    if not root.is_dir():
        return []
    names = []
    has_files = False
    with os.scandir(root) as entries:
        for entry in entries:
            if entry.name.startswith(".") or is_ignored(Path(entry.path)):
                continue
            if entry.is_dir(follow_symlinks=False):
                names.append(entry.name)
            else:
                has_files = True
    return sorted(names) + ([ROOT_FOLDER] if has_files else [])


def _slice_of(rel_path: str, slices: int) -> int:
    if slices == 1:
        return 0
    return int(hashlib.sha256(rel_path.encode()).hexdigest()[:8], 16) % slices


def _slices(n_files: int) -> int:
    slices = 1
    while n_files > slices * PART_FILES:
        slices *= 2
    return slices


def part_version() -> str:
    """The code a part depends on: the spreadsheet parser and the record model."""
    schemas = Path(__file__).resolve().parents[1] / "schemas"
    digest = hashlib.sha256(sheet_parser_version().encode())
    for name in _SCHEMA_SOURCES:
        digest.update((schemas / name).read_bytes())
    return digest.hexdigest()[:16]


def _file_token(f: InputFile) -> str:
    """Everything about one file a part's content depends on."""
    if f.kind == "spreadsheet" and f.problem is None:
        return f"{f.rel_path}\0{sheet_cache_key(f)}"
    return f"{f.rel_path}\0{f.kind}\0{f.document_id}\0{f.problem or ''}"


@dataclass(frozen=True)
class Part:
    folder: str
    slice: int
    slices: int
    files: tuple[InputFile, ...]
    key: str

    @property
    def name(self) -> str:
        return f"{self.folder}[{self.slice + 1}/{self.slices}]"


def plan_parts(files: Iterable[InputFile], version: str) -> list[Part]:
    """The parts the files fall into, in the order of their folders' first file; each
    part's files keep the input order."""
    by_folder: dict[str, list[InputFile]] = {}
    for f in files:
        by_folder.setdefault(folder_of(f), []).append(f)
    parts = []
    for folder, members in by_folder.items():
        slices = _slices(len(members))
        groups: dict[int, list[InputFile]] = {}
        for f in members:
            groups.setdefault(_slice_of(f.rel_path, slices), []).append(f)
        for index in sorted(groups):
            group = tuple(groups[index])
            digest = hashlib.sha256(f"{version}\0{folder}\0{index}/{slices}\n".encode())
            for f in group:
                digest.update(_file_token(f).encode() + b"\n")
            parts.append(Part(folder, index, slices, group, digest.hexdigest()[:32]))
    return parts


# ----------------------------------------------------------------------------- storage


@dataclass
class PartData:
    """One part as stored: the records that passed the model's row checks, those that did
    not, the quarantine rows, and what each loaded file means."""

    valid: pd.DataFrame
    rejected: pd.DataFrame
    quarantine: pd.DataFrame
    info: dict[str, Any] = field(default_factory=dict)


class PartStore:
    """Parts under `<cache>/sheet_parts/<version>/<key>/`, written to a temporary folder
    and renamed into place, so a reader sees a whole part or none (two builders of the
    same part write the same content; the first rename wins)."""

    def __init__(self, cache_root: Path, version: str | None = None) -> None:
        self.version = version or part_version()
        self.dir = cache_root / "sheet_parts" / self.version

    def path(self, part: Part) -> Path:
        return self.dir / part.key

    def has(self, part: Part) -> bool:
        return (self.path(part) / "info.json").is_file()

    def write(self, part: Part, data: PartData) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".part-", dir=self.dir))
        try:
            for name in ("valid", "rejected", "quarantine"):
                frame: pd.DataFrame = getattr(data, name)
                if len(frame):  # most parts have nothing set aside: no file for it
                    frame.reset_index(drop=True).to_parquet(tmp / f"{name}.parquet", index=False)
            (tmp / "info.json").write_text(
                json.dumps(data.info, ensure_ascii=False, sort_keys=True), encoding="utf-8"
            )
            try:
                os.rename(tmp, self.path(part))
            except OSError:  # already built by another process: same key, same content
                if not self.has(part):
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def read_info(self, part: Part) -> dict[str, Any]:
        """What a stored part says of its files (meanings, regions, failures …)."""
        info: dict[str, Any] = json.loads(
            (self.path(part) / "info.json").read_text(encoding="utf-8")
        )
        return info

    def frame_path(self, part: Part, name: str) -> Path:
        """Where a part's frame (`valid`, `rejected`, `quarantine`) is stored, if it has one."""
        return self.path(part) / f"{name}.parquet"

    def read_frame(self, part: Part, name: str) -> pd.DataFrame | None:
        """One of a part's frames (`valid`, `rejected`, `quarantine`) with the columns and
        dtypes it was written with, or None when the part set nothing aside there."""
        path = self.frame_path(part, name)
        if not path.is_file():
            return None
        return _typed(pd.read_parquet(path), _COLUMNS[name])


_COLUMNS = {
    "valid": RECORD_COLUMNS,
    "rejected": [*RECORD_COLUMNS, "failed_checks"],
    "quarantine": QUARANTINE_COLUMNS,
}


def _typed(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A frame read back from Parquet, with the columns and dtypes it was written with
    (all-null text columns come back as object, integers as int64)."""
    # reindexing and casting copy: at a million rows that is seconds, so only when needed
    out = frame if list(frame.columns) == columns else frame.reindex(columns=columns)
    for col in FLOAT_COLUMNS:
        if col in out.columns and out[col].dtype != "float64":
            out[col] = out[col].astype("float64")
    return out


# ---------------------------------------------------------------------------- building

#: Failure cases kept per part for the check's metadata (the rows themselves are all kept).
_CASES_KEPT = 50


def build_part(
    part: Part, cache: ParseCache | None, store: PartStore, workers: int | None = None
) -> dict[str, int]:
    """Parse (or take from the parse cache) a part's files, validate its records, store
    it. Returns how many files were parsed and how many came from the parse cache."""
    res = read_spreadsheets(part.files, cache, workers=workers)
    # the share of failing rows is judged over the whole night at assembly, not per part
    split = split_invalid(SheetRecordSchema, res.rows, max_share=1.0)
    cases = split.outcome.failure_cases
    info = {
        "folder": part.folder,
        "files": [f.rel_path for f in part.files],
        "parsed": res.parsed,
        "cached": res.cached,
        "meanings": {path: list(m) for path, m in res.meanings.items()},
        "loaded_at": res.loaded_at,
        "regions": res.regions,
        "unresolved_regions": res.unresolved_regions,
        "frame_broken": split.frame_broken,
        "failures": len(cases),
        "failure_cases": cases.head(_CASES_KEPT).astype(str).to_dict("records"),
    }
    store.write(part, PartData(split.valid, split.rejected, res.quarantine, info))
    return {"parsed": res.parsed, "cached": res.cached}


def _build_in_worker(task: tuple[Part, Path | None, str, Path, str]) -> dict[str, int]:
    part, cache_root, cache_version, store_root, version = task
    cache = ParseCache(cache_root, "spreadsheets", cache_version) if cache_root else None
    # one process per part already: a part's files are parsed in this worker
    return build_part(part, cache, PartStore(store_root, version), workers=1)


def build_parts(
    parts: list[Part], cache: ParseCache | None, store: PartStore, cache_root: Path | None
) -> dict[str, int]:
    """Build the given parts, on every core when there are enough files to pay for a
    pool: parts go to workers whole (each parses and validates its own files), so the
    main process neither parses nor receives frames."""
    totals = {"parsed": 0, "cached": 0}
    if len(parts) >= 2 and sum(len(p.files) for p in parts) >= MIN_PARALLEL:
        version = cache.dir.name if cache else ""
        tasks = [(p, cache_root, version, store.dir.parent.parent, store.version) for p in parts]
        outcomes = map_ordered(_build_in_worker, tasks, chunksize=1, min_parallel=2)
    else:
        outcomes = [build_part(p, cache, store) for p in parts]
    for outcome in outcomes:
        totals["parsed"] += outcome["parsed"]
        totals["cached"] += outcome["cached"]
    return totals


def build_missing_parts(
    files: list[InputFile], cache: ParseCache | None, store: PartStore, cache_root: Path | None
) -> tuple[list[Part], list[Part], dict[str, int]]:
    """The parts `files` fall into, those that were not stored yet (now built), and how
    many files were parsed and taken from the parse cache while building them."""
    parts = plan_parts(files, store.version)
    stale = [p for p in parts if not store.has(p)]
    return parts, stale, build_parts(stale, cache, store, cache_root)


# ---------------------------------------------------------------------------- assembly


@dataclass
class Assembled:
    """The night's spreadsheets: records split by the model, quarantine, and counts."""

    split: RowSplit
    quarantine: pd.DataFrame  # files and rows that could not be read (not the rejected rows)
    parsed: int
    cached: int
    parts: int
    parts_built: int
    regions: dict[str, str | None] = field(default_factory=dict)
    unresolved_regions: dict[str, str] = field(default_factory=dict)

    @property
    def parts_reused(self) -> int:
        return self.parts - self.parts_built


def _in_input_order(
    frames: list[pd.DataFrame], position: dict[str, int], columns: list[str]
) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:  # nothing there: empty, with the columns
        return _frame([], columns)
    frame = pd.concat(frames, ignore_index=True)
    order = frame["path"].map(position).fillna(len(position)).astype("int64")
    return frame.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def _valid_in_input_order(
    tables: list[pa.Table], position: dict[str, int], dropped: set[str]
) -> pd.DataFrame:
    """The parts' valid records as one frame in input order, each record id once.

    Joined, ordered and deduplicated in Arrow, then converted to pandas once: converting
    each part on its own and concatenating 800 small frames cost 9 s of the 12 s assembly
    at 100k files. The order is the stable sort by each row's file position that
    `_in_input_order` makes (`sort_indices` is stable: a file's rows keep their order),
    skipped when the parts already come in that order (folders not cut into slices)."""
    tables = [t for t in tables if t.num_rows]
    if not tables:
        return _frame([], RECORD_COLUMNS)
    # a column that is all null in one part is typed null there: promoted to the others'
    table = pa.concat_tables(tables, promote_options="permissive")
    if dropped:
        table = table.filter(pc.invert(pc.is_in(table["path"], pa.array(sorted(dropped)))))
    in_order = pa.array(sorted(position, key=position.__getitem__), pa.string())
    where = pc.fill_null(pc.index_in(table["path"], value_set=in_order), len(position))
    if len(where) > 1 and not pc.all(pc.less_equal(where[:-1], where[1:])).as_py():
        table = table.take(pc.sort_indices(where))
    ids = table["record_id"]
    if pc.count_distinct(ids, mode="all").as_py() < table.num_rows:  # keep each id's first
        first = ~pd.Series(ids.to_numpy(zero_copy_only=False)).duplicated().to_numpy()
        table = table.filter(pa.array(first))
    return _typed(table.to_pandas(), RECORD_COLUMNS)


def _read_tables(paths: list[Path]) -> list[pa.Table]:
    """Parquet files read on threads (Arrow decodes without the GIL), in the given order."""
    if len(paths) < 8:
        return [pq.read_table(p) for p in paths]
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        return list(pool.map(pq.read_table, paths))


def read_spreadsheets_by_parts(
    files: Iterable[InputFile],
    cache: ParseCache | None,
    store: PartStore,
    cache_root: Path | None = None,
    max_share: float | None = None,
) -> Assembled:
    """Every spreadsheet's records and quarantine rows, as `read_spreadsheets` and a
    row split over all of them would give, building only the parts not stored yet."""
    files = list(files)
    parts, stale, counts = build_missing_parts(files, cache, store, cache_root)
    stale_keys = {p.key for p in stale}
    infos = [store.read_info(p) for p in parts]
    position = {f.rel_path: i for i, f in enumerate(files)}
    by_path = {f.rel_path: f for f in files}

    # the same bytes meaning the same in two parts load once: the first in input order
    meanings: dict[str, tuple[str, ...]] = {}
    loaded_at: dict[str, str] = {}
    regions: dict[str, str | None] = {}
    unresolved: dict[str, str] = {}
    for info in infos:
        meanings.update({p: tuple(m) for p, m in info["meanings"].items()})
        loaded_at.update(info["loaded_at"])
        regions.update(info["regions"])
        unresolved.update(info["unresolved_regions"])
    seen: dict[tuple[str, ...], str] = {}
    copies: list[dict[str, Any]] = []
    dropped: set[str] = set()
    for path in sorted(meanings, key=position.__getitem__):
        meaning = meanings[path]
        if meaning in seen:
            dropped.add(path)
            copies.append(
                _quarantine_row(
                    by_path[path],
                    path,
                    "",
                    f"identical to {seen[meaning]} (same bytes, same region, departments "
                    "and periods); loaded once",
                    loaded_at[path],
                )
            )
        else:
            seen[meaning] = path

    def kept(name: str) -> list[pd.DataFrame]:
        frames = (store.read_frame(p, name) for p in parts)
        return [f[~f["path"].isin(dropped)] if dropped else f for f in frames if f is not None]

    valid_paths = [store.frame_path(p, "valid") for p in parts]
    valid = _valid_in_input_order(
        _read_tables([path for path in valid_paths if path.is_file()]), position, dropped
    )
    rejected = _in_input_order(kept("rejected"), position, _COLUMNS["rejected"])
    quarantine = _in_input_order(
        [*kept("quarantine"), _frame(copies, QUARANTINE_COLUMNS)], position, QUARANTINE_COLUMNS
    )
    cases = [pd.DataFrame(i["failure_cases"]) for i in infos if i["failures"]]
    broken = any(i["frame_broken"] for i in infos)
    outcome = ValidationOutcome(
        passed=not broken and rejected.empty,
        failure_cases=pd.concat(cases, ignore_index=True) if cases else pd.DataFrame(),
        rows=len(valid) + len(rejected),
    )
    share = max_rejected_share() if max_share is None else max_share
    for path in dropped:
        regions.pop(path, None)
        unresolved.pop(path, None)
    return Assembled(
        split=RowSplit(valid, rejected, outcome, broken, share),
        quarantine=quarantine,
        parsed=counts["parsed"],
        cached=counts["cached"]
        + sum(
            f.kind == "spreadsheet" and f.problem is None
            for p in parts
            if p.key not in stale_keys
            for f in p.files
        ),
        parts=len(parts),
        parts_built=len(stale),
        regions=regions,
        unresolved_regions=unresolved,
    )
