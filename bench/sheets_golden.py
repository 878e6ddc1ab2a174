"""Dump the spreadsheet reader's output for every file under some folders, one JSON line
per file, so that a change to the reader can be shown to change no output.

    .venv/bin/python bench/sheets_golden.py OUT.jsonl DIR [DIR …]
    cmp before.jsonl after.jsonl

Each line is ``{"path": …, "out": parse_sheet_file(…)}`` with the keys in the order the
reader produces them (not sorted: a change of order is a change). Files are taken in
sorted path order; the path is kept as given (the folders name the region).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gwr.ingest import parse_sheet_file
from gwr.inputs import InputFile

SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ""}


def files_under(roots: list[Path]) -> list[Path]:
    out: list[Path] = []
    for root in roots:
        for p in root.rglob("*"):
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUFFIXES:
                out.append(p)
    return sorted(out, key=str)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("roots", type=Path, nargs="+")
    args = ap.parse_args(argv)
    paths = files_under(args.roots)
    with args.out.open("w", encoding="utf-8") as fh:
        for p in paths:
            f = InputFile(path=p, rel_path=p.name, kind="spreadsheet", document_id="", bytes=0)
            out = parse_sheet_file(f)
            fh.write(json.dumps({"path": str(p), "out": out}, ensure_ascii=False) + "\n")
    print(f"{len(paths)} files -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
