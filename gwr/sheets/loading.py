"""Load a file into plain grids of cells: python-calamine for workbooks, csv for text.

A :class:`Grid` keeps the cells as calamine returns them (str, float, int, bool,
date/time) with merged ranges already filled, so the header and row logic never
needs to know the format.  Row and column indexes are 0-based; the spreadsheet row
number shown to people is ``index + 1``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from gwr.sheets.model import UnreadableFileError
from gwr.sheets.safety import (
    DEFAULT_LIMITS,
    CheckedFile,
    Limits,
    XlsxCells,
    scan_checked_xlsx,
    scan_xlsx,
)
from gwr.text import clean_cell

Cell = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

#: Sheets that explain how to fill the workbook; never data.
SKIPPED_SHEET_NAMES = frozenset({"说明", "填表说明", "填报说明", "使用说明", "指标解释"})

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "hz_gb_2312", "cp936"}


@dataclass
class Grid:
    """One sheet: rows of cells (merged ranges filled), plus what could not be read."""

    name: str
    rows: list[list[Cell]]
    #: 0-based (row, col) of formula cells without a cached value
    uncached: set[tuple[int, int]] = field(default_factory=set)
    #: 0-based (row, col) of numeric cells formatted as a percentage (xlsx only)
    percent: set[tuple[int, int]] = field(default_factory=set)
    #: 0-based (row, col) of cells that are the top-left of a merge spanning columns
    merged_across: set[tuple[int, int]] = field(default_factory=set)
    encoding: str | None = None


def load_grids(
    path: Path, fmt: str, limits: Limits = DEFAULT_LIMITS, checked: CheckedFile | None = None
) -> list[Grid]:
    """Every data sheet of the file (说明/填表说明 sheets skipped). ``checked``: what the
    safety checks read (`check_file`), so the file is not read a second time."""
    if fmt == "csv":
        return [_load_csv(path, limits, checked)]
    return _load_workbook(path, fmt, limits, checked)


def _load_workbook(
    path: Path, fmt: str, limits: Limits, checked: CheckedFile | None = None
) -> list[Grid]:
    # The format comes from the content (`sniff_format`), never from the name: calamine's
    # `from_path` picks its parser by extension, so a real .xls named .xlsx would be
    # refused; `from_filelike` reads the (size-checked) bytes and detects the format.
    try:
        if checked is not None:
            wb = CalamineWorkbook.from_filelike(io.BytesIO(checked.data))
        else:
            with path.open("rb") as fh:
                wb = CalamineWorkbook.from_filelike(fh)
    except OSError:
        raise
    except PasswordError as exc:
        raise UnreadableFileError(f"encrypted workbook (password-protected): {exc}") from exc
    except CalamineError as exc:
        raise UnreadableFileError(f"corrupt {fmt} workbook: {exc}") from exc
    except Exception as exc:  # calamine raises plain errors for some garbage input
        raise UnreadableFileError(f"corrupt {fmt} workbook: {exc}") from exc
    if fmt != "xlsx":
        scan = XlsxCells(uncached={}, percent={})
    elif checked is not None and checked.zf is not None:
        scan = scan_checked_xlsx(checked.zf, checked.data)
    else:
        scan = scan_xlsx(path)
    grids: list[Grid] = []
    with wb:
        for name in wb.sheet_names:
            if name.strip() in SKIPPED_SHEET_NAMES:
                continue
            try:
                sheet = wb.get_sheet_by_name(name)
            except Exception as exc:
                raise UnreadableFileError(f"corrupt {fmt} workbook, sheet {name!r}: {exc}") from exc
            if sheet.total_height > limits.max_rows:
                raise UnreadableFileError(
                    f"sheet {name!r} has {sheet.total_height} rows (limit {limits.max_rows})"
                )
            if sheet.total_width > limits.max_cols:
                raise UnreadableFileError(
                    f"sheet {name!r} has {sheet.total_width} columns (limit {limits.max_cols})"
                )
            cells = sheet.total_height * sheet.total_width
            if cells > limits.max_cells:
                raise UnreadableFileError(
                    f"sheet {name!r} spans {cells} cells (limit {limits.max_cells})"
                )
            try:
                rows: list[list[Cell]] = sheet.to_python(skip_empty_area=False)
            except Exception as exc:
                raise UnreadableFileError(f"corrupt {fmt} workbook, sheet {name!r}: {exc}") from exc
            # Control characters (NUL, ESC …) are damage, never data: they must not split a
            # number or reach the warehouse (line breaks and tabs are kept).
            rows = [[clean_cell(c) if isinstance(c, str) else c for c in row] for row in rows]
            grid = Grid(
                name=name,
                rows=rows,
                uncached=scan.uncached.get(name, set()),
                percent=scan.percent.get(name, set()),
            )
            _fill_merged(grid, sheet.merged_cell_ranges or [])
            grids.append(grid)
    return grids


def _fill_merged(grid: Grid, ranges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    rows = grid.rows
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows):
            continue
        if c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        if c1 > c0:
            grid.merged_across.add((r0, c0))
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0) and (row[c] == "" or row[c] is None):
                    row[c] = value
                    if c1 > c0 and c == c0:
                        grid.merged_across.add((r, c))


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: BOM, then strict UTF-8, then charset-normalizer / GB18030.

    Returns ``(text, encoding)``; raises :class:`UnreadableFileError` for binary data
    or when no encoding decodes the bytes.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UnreadableFileError(f"corrupt UTF-16 text: {exc}") from exc
    if b"\x00" in data[:65536]:
        raise UnreadableFileError("not a spreadsheet: binary content (NUL bytes), not CSV text")
    try:
        return data.decode("utf-8", errors="strict"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[: 1 << 20]).best()
    guess = (best.encoding if best is not None else "") or ""
    candidates: list[str] = []
    if guess.lower().replace("-", "_") in _GB_FAMILY:
        candidates.append("gb18030")  # superset of GB2312 and GBK
    candidates.append("gb18030")  # Chinese government data: GB18030 is the usual legacy
    if guess:
        candidates.append(guess)
    for enc in candidates:
        try:
            return data.decode(enc, errors="strict"), enc
        except (UnicodeDecodeError, LookupError):
            continue
    raise UnreadableFileError("cannot determine the text encoding (not UTF-8, not GBK/GB18030)")


def _load_csv(path: Path, limits: Limits, checked: CheckedFile | None = None) -> Grid:
    text, encoding = decode_text(checked.data if checked is not None else path.read_bytes())
    text = clean_cell(text)  # control characters are damage, never data (NUL is refused)
    if not text.strip():
        raise UnreadableFileError("empty file (no text)")
    sample = "\n".join(text.splitlines()[:20])
    delimiter = ","
    # The sniffer costs milliseconds a file; with no other candidate in the sample it could
    # only answer "," (or fail, and "," is the fallback), so it is skipped.
    if any(d in sample for d in "\t;|"):
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
        except csv.Error:
            if "\t" in sample and "," not in sample:
                delimiter = "\t"
    rows: list[list[Cell]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for row in reader:
            if len(rows) >= limits.max_rows:
                raise UnreadableFileError(f"CSV has more than {limits.max_rows} rows")
            if len(row) > limits.max_cols:
                raise UnreadableFileError(
                    f"CSV row {len(rows) + 1} has {len(row)} columns (limit {limits.max_cols})"
                )
            rows.append(list(row))
    except csv.Error as exc:
        raise UnreadableFileError(f"malformed CSV: {exc}") from exc
    return Grid(name=path.stem, rows=rows, encoding=encoding)
