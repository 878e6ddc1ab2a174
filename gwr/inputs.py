"""Discover input files and fingerprint them.

A document is identified by the sha256 of its bytes (CONTRACT §2 `raw.documents`), so
renaming a file changes nothing downstream and editing one byte re-parses just that file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

REPORT_SUFFIXES = frozenset({".txt"})
SHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv"})
# Files that document or generate the inputs rather than being inputs themselves.
IGNORED_NAMES = frozenset({"readme.md", "readme.txt", "readme"})
IGNORED_SUFFIXES = frozenset({".py", ".yaml", ".yml", ".md"})


@dataclass(frozen=True)
class InputFile:
    """One file under the input folders."""

    path: Path
    rel_path: str  # relative to the data dir, POSIX separators: stable across machines
    kind: str  # "report" | "spreadsheet" | "unsupported"
    document_id: str  # sha256 of the bytes
    bytes: int
    sidecar: Path | None = None  # <name>.yaml beside a report
    sidecar_sha256: str | None = None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _is_ignored(path: Path) -> bool:
    name = path.name.lower()
    return (
        name.startswith(".")
        or name.startswith("~$")  # Excel lock files
        or name in IGNORED_NAMES
        or path.suffix.lower() in IGNORED_SUFFIXES
    )


def _walk(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def discover(data_dir: Path, kind: str | None = None) -> list[InputFile]:
    """Every input file under `data_dir/reports` and `data_dir/spreadsheets`, sorted by path.

    Files of an unknown type are returned with kind "unsupported" so that the pipeline can
    quarantine them with a reason instead of silently ignoring them.
    """
    found: list[InputFile] = []
    for folder, folder_kind, suffixes in (
        ("reports", "report", REPORT_SUFFIXES),
        ("spreadsheets", "spreadsheet", SHEET_SUFFIXES),
    ):
        if kind is not None and kind != folder_kind:
            continue
        for path in _walk(data_dir / folder):
            if _is_ignored(path):
                continue
            file_kind = folder_kind if path.suffix.lower() in suffixes else "unsupported"
            sidecar = None
            sidecar_sha = None
            if folder_kind == "report":
                for ext in (".yaml", ".yml"):
                    candidate = path.with_suffix(ext)
                    if candidate.is_file():
                        sidecar, sidecar_sha = candidate, sha256_file(candidate)
                        break
            found.append(
                InputFile(
                    path=path,
                    rel_path=path.relative_to(data_dir).as_posix(),
                    kind=file_kind,
                    document_id=sha256_file(path),
                    bytes=path.stat().st_size,
                    sidecar=sidecar,
                    sidecar_sha256=sidecar_sha,
                )
            )
    return found


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
]  # fmt: skip


def files_frame(files: list[InputFile]) -> pd.DataFrame:
    """The discovered files as a frame (what an asset hands to the next one)."""
    return pd.DataFrame(
        [
            {
                "document_id": f.document_id,
                "path": f.rel_path,
                "kind": f.kind,
                "bytes": f.bytes,
                "abs_path": str(f.path),
                "sidecar": str(f.sidecar) if f.sidecar else None,
                "sidecar_sha256": f.sidecar_sha256,
            }
            for f in files
        ],
        columns=FILE_COLUMNS,
    )


def files_from_frame(frame: pd.DataFrame) -> list[InputFile]:
    return [
        InputFile(
            path=Path(r["abs_path"]),
            rel_path=r["path"],
            kind=r["kind"],
            document_id=r["document_id"],
            bytes=int(r["bytes"]),
            sidecar=Path(r["sidecar"]) if r.get("sidecar") else None,
            sidecar_sha256=r.get("sidecar_sha256") or None,
        )
        for r in frame.to_dict("records")
    ]
