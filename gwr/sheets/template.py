"""``write_template``: a fill-in 目标任务完成情况表 for one department.

Layout (read back losslessly by :func:`gwr.sheets.read_sheet`):

====  ==========================================================================
row   content
====  ==========================================================================
1     title ``<region><year>年目标任务完成情况表`` (merged)
2     ``填报单位：<department>`` … ``统计期：`` + a cell for the period (blank, or given)
3     header: 序号 | 指标名称 | 计量单位 | 年度目标 | 完成值 | 增速（%） | 备注
4…    one row per target: indicator, unit and annual target pre-filled and locked
====  ==========================================================================

Only the value cells (完成值, 增速), the period cell and 备注 are unlocked; the sheet
structure is protected.  Value cells accept numbers only (data validation:
a number, or 待统计 for "not yet available", which is never read as 0).  A growth
target (``measure == "growth_pct"``) is reported in the 增速
column (its 完成值 cell is locked and grey); any other target in 完成值, and for
amount/count targets the 增速 cell may carry the growth rate as well.  Qualitative
targets (no number) are left out: there is nothing to fill in.  A second sheet
``填表说明`` explains the rules; the reader skips it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

__all__ = ["TemplateTarget", "write_template"]

HEADER = ["序号", "指标名称", "计量单位", "年度目标", "完成值", "增速（%）", "备注"]
COL_SEQ, COL_IND, COL_UNIT, COL_TARGET, COL_VALUE, COL_GROWTH, COL_NOTE = range(7)
FIRST_DATA_ROW = 3  # 0-based: title, info row, header
NOT_AVAILABLE = "待统计"


@dataclass(frozen=True)
class TemplateTarget:
    """One pre-filled row: a target a department reports progress on."""

    indicator: str
    unit: str
    annual_target: float | None
    measure: str  # growth_pct | pp_change | ratio_pct | count | amount | qualitative
    comparator: str | None = None  # >=, <=, ~, =


def _as_target(t: TemplateTarget | Mapping[str, Any]) -> TemplateTarget:
    if isinstance(t, TemplateTarget):
        return t
    value = t.get("annual_target", t.get("value"))
    return TemplateTarget(
        indicator=str(t.get("indicator") or t.get("indicator_text") or ""),
        unit=str(t.get("unit") or ""),
        annual_target=None if value is None else float(value),
        measure=str(t.get("measure") or ""),
        comparator=t.get("comparator"),
    )


#: A text beginning with one of these is a formula to Excel, LibreOffice and WPS when typed
#: or imported (OWASP "CSV injection"); tab and CR start one in some importers.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


class _Formats:
    """xlsxwriter formats by their properties, made once each."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        self._wb = wb
        self._made: dict[tuple[tuple[str, Any], ...], Any] = {}

    def __call__(self, props: Mapping[str, Any]) -> Any:
        key = tuple(sorted(props.items()))
        if key not in self._made:
            self._made[key] = self._wb.add_format(dict(props))
        return self._made[key]


def write_text(
    ws: Any, row: int, col: int, text: str, fmt: _Formats, props: Mapping[str, Any]
) -> None:
    """Write `text` as a string cell. A text that would read as a formula (`=`, `+`, `-`,
    `@` …) also gets Excel's quote prefix (the `'` a person types): it is shown and read
    back verbatim, and stays text even when someone edits the cell and presses Enter."""
    if is_formula_like(text):
        props = {**props, "quote_prefix": True}
    ws.write_string(row, col, text, fmt(props))


def write_template(
    path: Path | str,
    department: str,
    targets: Iterable[TemplateTarget | Mapping[str, Any]],
    *,
    region: str | None = None,
    year: int | None = None,
    period: str | None = None,
) -> Path:
    """Write the template for ``department`` to ``path`` (.xlsx) and return the path.

    ``targets``: :class:`TemplateTarget` objects or dicts with the same keys
    (``indicator``/``indicator_text``, ``unit``, ``annual_target``/``value``,
    ``measure``, ``comparator``).  ``year`` defaults to the year in ``period``, else
    the current year; ``period`` (e.g. ``2024年1-6月``) pre-fills 统计期.
    """
    path = Path(path)
    rows = [
        t for t in (_as_target(x) for x in targets) if t.indicator and t.measure != "qualitative"
    ]
    if year is None and period:
        digits = "".join(ch for ch in period[:4] if ch.isdigit())
        year = int(digits) if len(digits) == 4 else None
    if year is None:
        year = dt.date.today().year
    title = f"{region or ''}{year}年目标任务完成情况表"

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("完成情况")
    fmt = _Formats(wb)
    f_title = {"bold": True, "font_size": 16, "align": "center"}
    f_info = {"font_size": 11}
    f_head = {
        "bold": True, "border": 1, "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7"
    }  # fmt: skip
    f_locked = {"border": 1}
    f_grey = fmt({"border": 1, "bg_color": "#D9D9D9"})
    f_open = fmt({"border": 1, "locked": False, "bg_color": "#FFF2CC"})
    f_open_info = {"locked": False, "bottom": 1, "bg_color": "#FFF2CC"}

    # Every text is written as a string cell, never through write()/merge_range(data),
    # which would turn a region or department beginning with "=" into a live formula.
    ws.merge_range(0, 0, 0, len(HEADER) - 1, "", fmt(f_title))
    write_text(ws, 0, 0, title, fmt, f_title)
    ws.merge_range(1, 0, 1, 2, "", fmt(f_info))
    write_text(ws, 1, 0, f"填报单位：{department}", fmt, f_info)
    write_text(ws, 1, 4, "统计期：", fmt, f_info)
    write_text(ws, 1, 5, period or "", fmt, f_open_info)
    for c, name in enumerate(HEADER):
        write_text(ws, 2, c, name, fmt, f_head)

    last = FIRST_DATA_ROW + max(len(rows), 1) - 1
    for i, t in enumerate(rows):
        r = FIRST_DATA_ROW + i
        ws.write_number(r, COL_SEQ, i + 1, fmt(f_locked))
        write_text(ws, r, COL_IND, t.indicator, fmt, f_locked)
        unit = "%" if t.measure == "growth_pct" and not t.unit else t.unit
        write_text(ws, r, COL_UNIT, unit, fmt, f_locked)
        if t.annual_target is None:
            ws.write_blank(r, COL_TARGET, None, fmt(f_locked))
        else:
            ws.write_number(r, COL_TARGET, t.annual_target, fmt(f_locked))
        if t.measure == "growth_pct":
            ws.write_blank(r, COL_VALUE, None, f_grey)
            ws.write_blank(r, COL_GROWTH, None, f_open)
        elif t.measure in ("ratio_pct", "pp_change"):
            ws.write_blank(r, COL_VALUE, None, f_open)
            ws.write_blank(r, COL_GROWTH, None, f_grey)
        else:
            ws.write_blank(r, COL_VALUE, None, f_open)
            ws.write_blank(r, COL_GROWTH, None, f_open)
        ws.write_blank(r, COL_NOTE, None, f_open)
    # numbers only, plus the not-yet-available marker 待统计 (so "no data" is never 0)
    anchor = xl_rowcol_to_cell(FIRST_DATA_ROW, COL_VALUE, row_abs=False, col_abs=False)
    validation = {
        "validate": "custom",
        "value": f'=OR(ISNUMBER({anchor}),{anchor}="{NOT_AVAILABLE}")',
        "ignore_blank": True,
        "input_title": "只填数字",
        "input_message": f"单位见“计量单位”列，不写单位；暂无数据填“{NOT_AVAILABLE}”",
        "error_title": "只能填数字",
        "error_message": f"完成值、增速只能填数字（不带单位），或“{NOT_AVAILABLE}”。",
    }
    ws.data_validation(FIRST_DATA_ROW, COL_VALUE, last, COL_GROWTH, validation)
    ws.set_column(COL_SEQ, COL_SEQ, 6)
    ws.set_column(COL_IND, COL_IND, 36)
    ws.set_column(COL_UNIT, COL_TARGET, 12)
    ws.set_column(COL_VALUE, COL_GROWTH, 14)
    ws.set_column(COL_NOTE, COL_NOTE, 24)
    ws.freeze_panes(FIRST_DATA_ROW, 0)
    ws.protect("", {"format_columns": True, "format_rows": True})

    notes = wb.add_worksheet("填表说明")
    for i, line in enumerate(
        [
            "填表说明",
            "1. 只填黄色单元格：完成值、增速（%）、备注，以及第2行的统计期（如 2024年1-6月）。",
            "2. 完成值按“计量单位”列的单位填写数字，不要写单位；",
            "   增速填百分数的数字（5.8 表示 5.8%）。",
            "3. 暂无数据的指标，在对应单元格填“待统计”（不要填 0）。",
            "4. 不要增删行列、不要修改指标名称、计量单位和年度目标。",
        ]
    ):
        notes.write_string(i, 0, line)
    notes.set_column(0, 0, 90)
    wb.close()
    return path
