"""Turn input files into frames: report statements, sheet records and quarantine rows.

This is the plain-Python heart of the pipeline, shared by the Dagster assets and the
`gwr` command line. A file that cannot be read becomes quarantine rows and never stops the
other files.

Parse cache. A parse is a pure function of everything it reads, and its cache key is all
of it: the file's bytes (sha256), for a report its sidecar's bytes, for a spreadsheet its
path (the folder names the region; the file name the department and period, and a CSV's
name is its sheet name), and the parser's source code (the cache's version folder). So
renaming `市统计局_2024年1-6月.csv` to `…_2024年1-9月.csv` parses it again and the warehouse
says 2024-09-30 under the new name. A parse that failed because the file system refused
the file (permission, vanished) is never cached: fixing the permission is enough.

Identical bytes under two names. Two files are one document when they have the same
bytes *and* the same meaning; for a report the meaning is its text and sidecar, for a
spreadsheet the region, departments and periods its values are read for. The same bytes
under a second name that means the same (`…_2024年1-6月 (1).csv`) are loaded once and the
copy is quarantined as "identical to …". The same bytes under names that mean another
department, period or region are different documents: each loads under its own name.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from gwr import regions
from gwr.cache import ParseCache
from gwr.files import describe_os_error
from gwr.inputs import InputFile, code_fingerprint
from gwr.parallel import Prefetch
from gwr.text import strip_control_characters

STATEMENT_COLUMNS = [
    "statement_id", "document_id", "path", "region", "region_code", "report_year", "kind",
    "year", "indicator_text", "measure", "comparator", "value", "value_max", "unit",
    "value_base", "unit_base", "section", "quote", "char_start", "char_end", "benchmark",
    "period_start", "period_end", "aggregation",
]  # fmt: skip
RECORD_COLUMNS = [
    "record_id", "document_id", "path", "region", "region_code", "department", "period_start",
    "period_end",
    "indicator_text", "measure", "value", "unit", "value_base", "unit_base", "annual_target",
    "sheet", "row",
]  # fmt: skip
QUARANTINE_COLUMNS = ["document_id", "path", "source_location", "raw", "reason", "loaded_at"]

FLOAT_COLUMNS = ("value", "value_max", "value_base", "annual_target")
#: `raw.documents`: what was listed, plus when it was loaded (the last column)
DOCUMENT_COLUMNS = ["document_id", "path", "kind", "bytes", "loaded_at"]


def short_id(*parts: object) -> str:
    """A deterministic 16-hex id from the parts (same inputs, same ids, run after run)."""
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class IngestResult:
    rows: pd.DataFrame
    quarantine: pd.DataFrame
    parsed: int = 0  # files parsed in this run
    cached: int = 0  # files whose cached parse was reused
    regions: dict[str, str | None] = field(default_factory=dict)
    #: files whose region could not be determined -> why (region left NULL, never guessed)
    unresolved_regions: dict[str, str] = field(default_factory=dict)
    #: file loaded -> what it means (`sheet_meaning`): what identical copies are matched by
    meanings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: file loaded -> when it was parsed
    loaded_at: dict[str, str] = field(default_factory=dict)


def _quarantine_row(
    f: InputFile, location: str, raw: Any, reason: str, loaded_at: str
) -> dict[str, Any]:
    if not isinstance(raw, str):
        raw = json.dumps(raw, ensure_ascii=False)
    return {
        "document_id": f.document_id,
        "path": f.rel_path,
        "source_location": location,
        "raw": raw,
        "reason": reason,
        "loaded_at": loaded_at,
    }


def _problem_row(f: InputFile) -> dict[str, Any]:
    """A file that cannot be read at all (see `gwr.inputs.discover`), quarantined whole."""
    return _quarantine_row(f, f.rel_path, "", f"cannot be read: {f.problem}", now_utc())


def _parse_cached(
    cache: ParseCache | None,
    key: str,
    parse: Callable[[], dict[str, Any]],
    result: IngestResult,
) -> dict[str, Any]:
    """The cached parse under `key`, or a fresh one (cached unless the file system
    refused the file: that outcome says nothing about the bytes)."""
    parsed = cache.get(key) if cache else None
    if parsed is not None:
        result.cached += 1
        return parsed
    parsed = parse()
    parsed["loaded_at"] = now_utc()
    if cache and not parsed.get("io_error"):
        cache.put(key, parsed)
    result.parsed += 1
    return parsed


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for col in FLOAT_COLUMNS:
        if col in frame.columns:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    return frame


# --------------------------------------------------------------------------- reports


def read_sidecar(f: InputFile) -> dict[str, Any]:
    """`<name>.yaml` beside a report overrides region, region_code and report_year."""
    if f.sidecar is None:
        return {}
    data = yaml.safe_load(f.sidecar.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{f.sidecar.name}: expected a mapping with region/report_year")
    unknown = set(data) - {"region", "region_code", "report_year"}
    if unknown:
        raise ValueError(f"{f.sidecar.name}: unknown keys {sorted(unknown)}")
    return data


def sidecar_region(sidecar: dict[str, Any]) -> tuple[regions.Division | None, str | None]:
    """The division a sidecar names (``region`` and/or ``region_code``), or None and why.

    Both go through the division table, so ``region: 巴中`` and ``region: 巴中市`` give
    巴中市 (511900); a name naming no division or several, or a name and a code that
    disagree, give None and the reason.
    """
    name, code = sidecar.get("region"), sidecar.get("region_code")
    by_code = regions.lookup_code(code) if code is not None else None
    if code is not None and by_code is None:
        return None, f"sidecar region_code {code!r} is no division code"
    if name is None:
        return by_code, None
    if by_code is not None:
        # the code settles a name that names several divisions (朝阳区 + 110105)
        parent = regions.lookup_code(by_code.parent_code)
        if by_code in (regions.resolve(str(name)), regions.resolve(str(name), within=parent)):
            return by_code, None
        return None, f"sidecar region {name!r} is not the division of region_code {code!r}"
    by_name = regions.resolve(str(name))
    if by_name is None:
        return None, f"sidecar region {name!r} names no division (or several: add region_code)"
    return by_name, None


def parse_report_file(f: InputFile) -> dict[str, Any]:
    """Parse one report into a JSON-able dict: {"region", "region_code", "region_note",
    "report_year", "statements"} or {"error": reason}. Pure function of the file and
    sidecar bytes (and the division table, part of the parser version)."""
    from gwr.report import UndatableReportError, extract_report

    try:
        text = f.path.read_bytes().decode("utf-8-sig")
        sidecar = read_sidecar(f)
    except OSError as exc:
        return {"error": f"cannot read the file: {describe_os_error(exc)}", "io_error": True}
    except UnicodeDecodeError as exc:
        return {"error": f"not UTF-8 text (byte {exc.start}): reports must be UTF-8 .txt"}
    except (ValueError, yaml.YAMLError) as exc:
        return {"error": f"bad sidecar: {exc}"}
    cleaned = strip_control_characters(text)
    text = cleaned.text
    if not text.strip():
        return {"error": "empty report"}
    note: str | None = None
    if "region" in sidecar or "region_code" in sidecar:
        division, note = sidecar_region(sidecar)
    else:
        finding = regions.detect_report_region(text)
        division = finding.division
        if division is None:
            note = f"region not determined from the text: {finding.evidence}"
    try:
        # the region is settled here; the extractor only uses its names (prefixes of
        # indicator names): a sidecar's unknown name is still the word to strip
        report = extract_report(
            text,
            year=sidecar.get("report_year"),
            region=division.name if division else sidecar.get("region"),
        )
    except UndatableReportError as exc:
        return {"error": f"report year cannot be determined: {exc}"}
    return {
        "region": division.name if division else None,
        "region_code": division.code if division else None,
        "region_note": note,
        "report_year": report.year,
        # flat records (every field a scalar): a copy of the fields, as for sheets below
        "statements": [dict(vars(s)) for s in report.statements],
        "notes": [cleaned.note()] if cleaned.changed else [],
    }


def report_parser_version() -> str:
    # the division table decides regions: a new snapshot re-parses the reports
    return code_fingerprint("report", "numbers", "units", "ingest", "regions") + (
        regions.table_fingerprint()
    )


def extract_reports(files: Iterable[InputFile], cache: ParseCache | None) -> IngestResult:
    rows: list[dict[str, Any]] = []
    quarantine: list[dict[str, Any]] = []
    result = IngestResult(rows=pd.DataFrame(), quarantine=pd.DataFrame())
    seen: dict[str, str] = {}
    for f in files:
        if f.kind != "report":
            continue
        if f.problem is not None:
            quarantine.append(_problem_row(f))
            continue
        # A report is its text plus its sidecar: the same text with another region or year
        # is another report; the same text and sidecar twice is one report sent twice.
        key = f"{f.document_id}-{f.sidecar_sha256 or 'nosidecar'}"
        if key in seen:
            quarantine.append(
                _quarantine_row(
                    f, f.rel_path, "", f"identical to {seen[key]}; loaded once", now_utc()
                )
            )
            continue
        seen[key] = f.rel_path
        parsed = _parse_cached(cache, key, lambda f=f: parse_report_file(f), result)
        if "error" in parsed:
            quarantine.append(
                _quarantine_row(f, f.rel_path, "", parsed["error"], parsed["loaded_at"])
            )
            continue
        for note in parsed.get("notes", []):
            quarantine.append(_quarantine_row(f, f.rel_path, "", note, parsed["loaded_at"]))
        result.regions[f.rel_path] = parsed["region"]
        if parsed["region"] is None:
            result.unresolved_regions[f.rel_path] = parsed.get("region_note") or "region unknown"
        for s in parsed["statements"]:
            rows.append(
                {
                    "statement_id": short_id(
                        key,
                        s["kind"],
                        s["char_start"],
                        s["char_end"],
                        s["indicator"],
                        s["measure"],
                    ),
                    "document_id": f.document_id,
                    "path": f.rel_path,
                    "region": parsed["region"],
                    "region_code": parsed.get("region_code"),
                    "report_year": parsed["report_year"],
                    "indicator_text": s["indicator"],
                    **{k: s.get(k) for k in STATEMENT_COLUMNS if k in s},
                }
            )
    result.rows = _frame(rows, STATEMENT_COLUMNS).drop_duplicates("statement_id")
    result.quarantine = _frame(quarantine, QUARANTINE_COLUMNS)
    return result


# ---------------------------------------------------------------------- spreadsheets


def parse_sheet_file(f: InputFile) -> dict[str, Any]:
    """Read one spreadsheet into a JSON-able dict: records, rejects, region; or an error."""
    from gwr.sheets import FileAccessError, UnreadableFileError, read_sheet

    try:
        res = read_sheet(f.path)
    except FileAccessError as exc:
        return {"error": str(exc), "io_error": True}
    except UnreadableFileError as exc:
        return {"error": str(exc)}
    except Exception as exc:  # a reader bug must not stop the other files: quarantine it
        return {"error": f"unexpected {type(exc).__name__}: {exc}"}
    return {
        "region": res.region,
        "region_code": res.region_code,
        # flat records: a copy of the fields (10x faster than asdict's deep copy, measured)
        "records": [dict(vars(r)) for r in res.records],
        "rejects": [dataclasses.asdict(r) for r in res.rejects],
    }


def sheet_parser_version() -> str:
    return code_fingerprint("sheets", "numbers", "units", "periods", "ingest", "regions") + (
        regions.table_fingerprint()
    )


def sheet_cache_key(f: InputFile) -> str:
    """Everything a spreadsheet's parse reads: its bytes and its path (region folder,
    department and period in the name, a CSV's sheet name). The parser's code is the
    cache's version folder."""
    return hashlib.sha256(f"{f.document_id}\0{f.rel_path}".encode()).hexdigest()


def sheet_meaning(f: InputFile, region: str | None, parsed: dict[str, Any]) -> tuple[str, ...]:
    """What a spreadsheet says, up to its name: the same bytes read for the same region,
    departments and periods are one document, whatever the files are called."""
    periods = sorted(
        {
            f"{r.get('department') or ''}|{r['period_start']}|{r['period_end']}"
            for r in parsed["records"]
        }
    )
    return (f.document_id, region or "", *periods)


def _folder_region(f: InputFile) -> regions.Division | None:
    """`spreadsheets/巴中市/…` (or `四川省/巴中/…`) names the region (CONTRACT §1.2),
    through the division table: a folder that names no division names no region."""
    parts = Path(f.rel_path).parts
    return regions.resolve_parts(parts[1:-1]) if len(parts) > 2 else None


def _known_region(name_or_code: str) -> regions.Division | None:
    return regions.lookup_code(name_or_code) or regions.resolve(name_or_code)


def _parse_sheets_ahead(
    files: list[InputFile], cache: ParseCache | None, workers: int | None = None
) -> Prefetch:
    """Parse, on every core, the spreadsheets the cache does not hold (one per cache key,
    in input order); the loop below takes them from here instead of parsing one by one."""
    todo: dict[str, InputFile] = {}
    for f in files:
        if f.kind != "spreadsheet" or f.problem is not None:
            continue
        key = sheet_cache_key(f)
        # a stat, not a read: the loop reads the cached entries once
        if key not in todo and (cache is None or not cache._path(key).is_file()):
            todo[key] = f
    return Prefetch(parse_sheet_file, list(todo.values()), key=sheet_cache_key, workers=workers)


def read_spreadsheets(
    files: Iterable[InputFile],
    cache: ParseCache | None,
    known_regions: Iterable[str | None] = (),
    workers: int | None = None,
) -> IngestResult:
    # the regions of the reports (codes or official names): when there is one, a sheet
    # that names none is about it
    known = {d.code: d for d in (_known_region(r) for r in known_regions if r) if d}
    single_region = next(iter(known.values())) if len(known) == 1 else None
    rows: list[dict[str, Any]] = []
    quarantine: list[dict[str, Any]] = []
    result = IngestResult(rows=pd.DataFrame(), quarantine=pd.DataFrame())
    seen: dict[tuple[str, ...], str] = {}
    files = list(files)
    ahead = _parse_sheets_ahead(files, cache, workers)
    for f in files:
        if f.problem is not None and f.kind in ("spreadsheet", "unsupported"):
            quarantine.append(_problem_row(f))
            continue
        if f.kind == "unsupported":
            quarantine.append(
                _quarantine_row(
                    f,
                    f.rel_path,
                    "",
                    f"unsupported file type {f.path.suffix or '(none)'}: "
                    "send .xlsx, .xls, .ods or .csv",
                    now_utc(),
                )
            )
            continue
        if f.kind != "spreadsheet":
            continue
        key = sheet_cache_key(f)
        parsed = _parse_cached(
            cache, key, lambda f=f, key=key: ahead.pop(key, None) or parse_sheet_file(f), result
        )
        loaded_at = parsed["loaded_at"]
        if "error" in parsed:
            quarantine.append(_quarantine_row(f, f.rel_path, "", parsed["error"], loaded_at))
            continue
        region = (
            _folder_region(f) or regions.lookup_code(parsed.get("region_code")) or single_region
        )
        meaning = sheet_meaning(f, region.code if region else None, parsed)
        if meaning in seen:  # the same bytes meaning the same sent twice must not count twice
            quarantine.append(
                _quarantine_row(
                    f,
                    f.rel_path,
                    "",
                    f"identical to {seen[meaning]} (same bytes, same region, departments "
                    "and periods); loaded once",
                    loaded_at,
                )
            )
            continue
        seen[meaning] = f.rel_path
        result.meanings[f.rel_path] = meaning
        result.loaded_at[f.rel_path] = loaded_at
        for rej in parsed["rejects"]:
            location = f"{f.rel_path}!{rej['sheet']}" + (
                f"!row {rej['row']}" if rej.get("row") is not None else ""
            )
            quarantine.append(_quarantine_row(f, location, rej["raw"], rej["reason"], loaded_at))
        result.regions[f.rel_path] = region.name if region else None
        if region is None and parsed["records"]:
            result.unresolved_regions[f.rel_path] = (
                "no folder or title names a division (the warehouse's single region, if "
                "there is one, is given in staging)"
            )
        for rec in parsed["records"]:
            # A record whose region neither the folder nor the title names keeps region
            # NULL: staging SQL gives it the warehouse's single region (CONTRACT §1.2), or
            # sets it aside in mart.quarantine. So reading sheets needs no report.
            rows.append(
                {
                    "record_id": short_id(
                        f.document_id,
                        region.code if region else "",
                        rec["department"],
                        rec["period_start"],
                        rec["period_end"],
                        rec["sheet"],
                        rec["row"],
                        rec["measure"],
                        rec["indicator"],
                    ),
                    "document_id": f.document_id,
                    "path": f.rel_path,
                    "region": region.name if region else None,
                    "region_code": region.code if region else None,
                    "indicator_text": rec["indicator"],
                    **{k: rec.get(k) for k in RECORD_COLUMNS if k in rec},
                }
            )
    result.rows = _frame(rows, RECORD_COLUMNS).drop_duplicates("record_id")
    result.quarantine = _frame(quarantine, QUARANTINE_COLUMNS)
    return result


def documents_frame(files: Iterable[InputFile], loaded_at: str | None = None) -> pd.DataFrame:
    """`raw.documents`: one row per input file seen."""
    stamp = loaded_at or now_utc()
    return pd.DataFrame(
        [
            {
                "document_id": f.document_id,
                "path": f.rel_path,
                "kind": f.kind,
                "bytes": f.bytes,
                "loaded_at": stamp,
            }
            for f in files
        ],
        columns=DOCUMENT_COLUMNS,
    )


def documents_of_listing(listing: pd.DataFrame, loaded_at: str | None = None) -> pd.DataFrame:
    """`raw.documents` from a listing frame (`gwr.inputs.files_frame`): what
    `documents_frame` gives for the listed files, taken column-wise rather than through an
    `InputFile` per file (2 s at 100k files)."""
    out = listing[DOCUMENT_COLUMNS[:-1]].reset_index(drop=True)
    out = out.astype({"bytes": "int64"})
    out["loaded_at"] = loaded_at or now_utc()
    return out


def _location(row: dict[str, Any]) -> str:
    """Where a frame row came from: `path#chars=a-b` (a report statement) or
    `path!sheet!row N` (a spreadsheet record)."""
    if "sheet" in row and "row" in row:
        return f"{row['path']}!{row['sheet']}!row {row['row']}"
    return f"{row['path']}#chars={row.get('char_start')}-{row.get('char_end')}"


def quarantine_rejected(rejected: pd.DataFrame, loaded_at: str | None = None) -> pd.DataFrame:
    """Rows a row-level pandera check failed (`schemas.split_invalid`), as quarantine rows:
    the document, where in it (quote offsets or file!sheet!row), the failed checks and the
    row itself as JSON, so the rest of the frame can be published."""
    stamp = loaded_at or now_utc()
    rows = []
    for rec in rejected.to_dict("records"):
        checks = rec.pop("failed_checks", "")
        quote = rec.get("quote")
        rows.append(
            {
                "document_id": rec["document_id"],
                "path": rec["path"],
                "source_location": _location(rec),
                "raw": json.dumps(rec, ensure_ascii=False, default=str),
                "reason": f"failed row check: {checks}" + (f" (quote: {quote})" if quote else ""),
                "loaded_at": stamp,
            }
        )
    return _frame(rows, QUARANTINE_COLUMNS)
