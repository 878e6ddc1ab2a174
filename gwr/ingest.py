"""Turn input files into frames: report statements, sheet records and quarantine rows.

This is the plain-Python heart of the pipeline, shared by the Dagster assets and the
`gwr` command line. Each file is parsed at most once per content hash (see `ParseCache`);
a file that cannot be read becomes quarantine rows and never stops the other files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from gwr.cache import ParseCache
from gwr.inputs import InputFile, code_fingerprint

STATEMENT_COLUMNS = [
    "statement_id", "document_id", "path", "region", "region_code", "report_year", "kind",
    "year", "indicator_text", "measure", "comparator", "value", "value_max", "unit",
    "value_base", "unit_base", "section", "quote", "char_start", "char_end", "benchmark",
]  # fmt: skip
RECORD_COLUMNS = [
    "record_id", "document_id", "path", "region", "department", "period_start", "period_end",
    "indicator_text", "measure", "value", "unit", "value_base", "unit_base", "annual_target",
    "sheet", "row",
]  # fmt: skip
QUARANTINE_COLUMNS = ["document_id", "path", "source_location", "raw", "reason", "loaded_at"]

FLOAT_COLUMNS = ("value", "value_max", "value_base", "annual_target")


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


def parse_report_file(f: InputFile) -> dict[str, Any]:
    """Parse one report into a JSON-able dict: {"region", "report_year", "statements"} or
    {"error": reason}. Pure function of the file and sidecar bytes."""
    from gwr.report import UndatableReportError, extract_report

    try:
        text = f.path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return {"error": f"not UTF-8 text (byte {exc.start}): reports must be UTF-8 .txt"}
    if not text.strip():
        return {"error": "empty report"}
    try:
        sidecar = read_sidecar(f)
    except (ValueError, yaml.YAMLError) as exc:
        return {"error": f"bad sidecar: {exc}"}
    try:
        report = extract_report(text, year=sidecar.get("report_year"), region=sidecar.get("region"))
    except UndatableReportError as exc:
        return {"error": f"report year cannot be determined: {exc}"}
    return {
        "region": sidecar.get("region") or report.region,
        "region_code": sidecar.get("region_code"),
        "report_year": report.year,
        "statements": [dataclasses.asdict(s) for s in report.statements],
    }


def report_parser_version() -> str:
    return code_fingerprint("report", "numbers", "units", "ingest")


def extract_reports(files: Iterable[InputFile], cache: ParseCache | None) -> IngestResult:
    rows: list[dict[str, Any]] = []
    quarantine: list[dict[str, Any]] = []
    result = IngestResult(rows=pd.DataFrame(), quarantine=pd.DataFrame())
    seen: dict[str, str] = {}
    for f in files:
        if f.kind != "report":
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
        parsed = cache.get(key) if cache else None
        if parsed is None:
            parsed = parse_report_file(f)
            parsed["loaded_at"] = now_utc()
            if cache:
                cache.put(key, parsed)
            result.parsed += 1
        else:
            result.cached += 1
        if "error" in parsed:
            quarantine.append(
                _quarantine_row(f, f.rel_path, "", parsed["error"], parsed["loaded_at"])
            )
            continue
        result.regions[f.rel_path] = parsed["region"]
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
    from gwr.sheets import UnreadableFileError, read_sheet

    try:
        res = read_sheet(f.path)
    except UnreadableFileError as exc:
        return {"error": str(exc)}
    except Exception as exc:  # a reader bug must not stop the other files: quarantine it
        return {"error": f"unexpected {type(exc).__name__}: {exc}"}
    return {
        "region": res.region,
        "records": [dataclasses.asdict(r) for r in res.records],
        "rejects": [dataclasses.asdict(r) for r in res.rejects],
    }


def sheet_parser_version() -> str:
    return code_fingerprint("sheets", "numbers", "units", "periods", "ingest")


def _folder_region(f: InputFile) -> str | None:
    """`spreadsheets/巴中市/…` names the region (CONTRACT §1.2)."""
    parts = Path(f.rel_path).parts
    return parts[1] if len(parts) > 2 else None


def read_spreadsheets(
    files: Iterable[InputFile],
    cache: ParseCache | None,
    known_regions: Iterable[str | None] = (),
) -> IngestResult:
    regions = sorted({r for r in known_regions if r})
    single_region = regions[0] if len(regions) == 1 else None
    rows: list[dict[str, Any]] = []
    quarantine: list[dict[str, Any]] = []
    result = IngestResult(rows=pd.DataFrame(), quarantine=pd.DataFrame())
    seen: dict[str, str] = {}
    for f in files:
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
        if f.document_id in seen:  # the same bytes sent twice must not count twice
            quarantine.append(
                _quarantine_row(
                    f,
                    f.rel_path,
                    "",
                    f"identical to {seen[f.document_id]}; loaded once",
                    now_utc(),
                )
            )
            continue
        seen[f.document_id] = f.rel_path
        parsed = cache.get(f.document_id) if cache else None
        if parsed is None:
            parsed = parse_sheet_file(f)
            parsed["loaded_at"] = now_utc()
            if cache:
                cache.put(f.document_id, parsed)
            result.parsed += 1
        else:
            result.cached += 1
        loaded_at = parsed["loaded_at"]
        if "error" in parsed:
            quarantine.append(_quarantine_row(f, f.rel_path, "", parsed["error"], loaded_at))
            continue
        for rej in parsed["rejects"]:
            location = f"{f.rel_path}!{rej['sheet']}" + (
                f"!row {rej['row']}" if rej.get("row") is not None else ""
            )
            quarantine.append(_quarantine_row(f, location, rej["raw"], rej["reason"], loaded_at))
        region = _folder_region(f) or parsed.get("region") or single_region
        result.regions[f.rel_path] = region
        for rec in parsed["records"]:
            # A record whose region neither the folder nor the title names keeps region
            # NULL: staging SQL gives it the warehouse's single region (CONTRACT §1.2), or
            # sets it aside in mart.quarantine. So reading sheets needs no report.
            rows.append(
                {
                    "record_id": short_id(
                        f.document_id,
                        rec["sheet"],
                        rec["row"],
                        rec["measure"],
                        rec["indicator"],
                    ),
                    "document_id": f.document_id,
                    "path": f.rel_path,
                    "region": region,
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
        columns=["document_id", "path", "kind", "bytes", "loaded_at"],
    )


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
