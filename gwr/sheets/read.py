"""``read_sheet(path) -> SheetResult``: one departmental progress spreadsheet, read.

Pure and deterministic: the result depends only on the file's bytes and its path
(the folder may name the region, the file name the department and period).

Rules (documented for departments in ``data/spreadsheets/README.md``):

* every sheet except 说明/填表说明 is read; in each, the header is the first row (or
  pair of rows) naming an indicator column and a value or growth column;
* rows above the header are the title (region ``巴中市2024年…``, year, period) and
  info rows (``填报单位：…``, ``统计期：…``, ``单位：亿元``);
* department: a department column, else an info row, else the title, else the file
  name; period: a period column, else the value column's header (``1-9月累计完成``,
  year from the title/info row/file name), else an info row, the title, the file name;
* blank rows, repeated header rows, section headings (``一、经济发展``), subtotal rows
  (合计/小计/总计), note rows (``注：…``) and signature rows (填表人/联系电话) are
  skipped;
* each value cell gives a record: a value column gives ``amount``/``count``/
  ``ratio_pct``/``growth_pct``/``pp_change`` from its unit; a growth column gives
  ``growth_pct`` (or ``pp_change`` for 个百分点).  A not-yet-available marker (待统计,
  暂无) gives ``value`` None, never 0;
* an empty marker (—, -, /, 空, 无) or blank value cell reports nothing and gives no
  record (counted in ``SheetResult.empty_cells``); a row in which *no* value cell
  reports anything is set aside with reason "no value reported";
* a row with any value cell that cannot be read (text that is not a number, a unit
  contradicting the unit column, an unknown unit, no unit at all, a formula without
  cached value) is set aside whole: none of its cells are loaded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from gwr import units
from gwr.files import describe_os_error
from gwr.numbers import halfwidth
from gwr.periods import Period
from gwr.periods import parse_period as _parse_period
from gwr.regions import Division, load_divisions, region_prefix, resolve_parts
from gwr.sheets.header import (
    DEPARTMENT,
    GROWTH,
    INDICATOR,
    PERIOD,
    TARGET,
    UNIT,
    VALUE,
    Column,
    Header,
    cell_text,
    classify,
    find_header,
    norm,
)
from gwr.sheets.loading import Cell, Grid, load_grids
from gwr.sheets.model import (
    FileAccessError,
    Reject,
    SheetRecord,
    SheetResult,
    UnreadableFileError,
)
from gwr.sheets.safety import DEFAULT_LIMITS, Limits, check_file
from gwr.units import Quantity, Unit

# The unit/marker functions are pure and a sheet repeats the same texts (units,
# markers, targets) row after row: memoise them (results are frozen dataclasses).
parse_unit: Callable[[str], Unit | None] = lru_cache(maxsize=4096)(units.parse_unit)
parse_quantity: Callable[[str, str | None], Quantity | None] = lru_cache(maxsize=16384)(
    units.parse_quantity
)
is_empty_marker: Callable[[str], bool] = lru_cache(maxsize=4096)(units.is_empty_marker)
is_not_available_marker: Callable[[str], bool] = lru_cache(maxsize=4096)(
    units.is_not_available_marker
)
# Periods too: every file of a department repeats its title, header and file-name texts.
parse_period: Callable[..., Period | None] = lru_cache(maxsize=16384)(_parse_period)

# A title names its region before the year: 巴中市2024年…, 巴中 2024 年… (the name is
# looked up in the division table by gwr.regions, never read off a suffix).
_TITLE_YEAR_RE = re.compile(r"\s*(?:19|20)\d{2}\s*年")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*(?:年|[Qq]|-|\.|/|_|$)")
_DEPT_SUFFIX = r"(?:委员会|办公室|服务中心|中心|局|委|办|厅|署|院|公司|管委会)"
_DEPT_RE = re.compile(rf"^([\u4e00-\u9fff（）()]{{2,20}}?{_DEPT_SUFFIX})")
_SEAL_RE = re.compile(r"[（(]\s*(?:盖章|公章|章|签章|印章)\s*[）)]|盖章$")
_LABEL_RE = re.compile(
    r"(填报单位|责任单位|牵头单位|报送单位|填报部门|统计期间|统计期|统计时段|报告期|统计时间|"
    r"报告时间|截止时间|截至时间|数据时间|填报日期|填报时间|报送日期|填表日期|计量单位|单位|时间)"
    r"\s*(?:[（(][^）)]{0,4}[）)])?\s*[:：]"
)
_DEPT_LABELS = {"填报单位", "责任单位", "牵头单位", "报送单位", "填报部门"}
_PERIOD_LABELS = {
    "统计期间",
    "统计期",
    "统计时段",
    "报告期",
    "统计时间",
    "报告时间",
    "截止时间",
    "截至时间",
    "数据时间",
    "时间",
}
_UNIT_LABELS = {"计量单位", "单位"}
_NOTE_RE = re.compile(
    r"^(?:注|备注|说明|附注|资料来源|数据来源)\s*[0-9一二三四五六七八九十]*\s*[:：.、]|^[*※]"
)
_FOOTER_RE = re.compile(
    r"填表人|审核人|联系人|联系电话|负责人|制表人|填报日期|报送日期|填表日期|审核："
)
_SUBTOTAL_RE = re.compile(r"^(?:合计|小计|总计|共计)")
_SECTION_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]"
    r"|第[一二三四五六七八九十]+[部类])"
)
#: a text names a period more specific than a bare year (a title "2024年度…表" does not)
_SPECIFIC_PERIOD_RE = re.compile(
    r"\d{1,2}\s*[-~—–至到]\s*\d{1,2}\s*月|\d{1,2}\s*月|季度|半年|[Qq][1-4]|全年"
    r"|(?:19|20)\d{2}\s*[-./]\s*\d{1,2}(?!\d)|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?!\d)"
)
_GROWTHY_RE = re.compile(r"增速|增长|增幅|涨幅|同比|下降|降低|降幅")
#: indicators that are shares/rates: a percentage under 完成值 is their level (ratio_pct)
_RATIO_RE = re.compile(r"率|比重|占比|比例|覆盖|普及|满意|优良|达标|指数|[占比]")
#: flow totals: a bare percentage under 完成值 for these can only be a growth rate
_FLOW_RE = re.compile(
    r"增加值|生产总值|GDP|总额|收入|投资|产值|零售|消费|进出口|出口|进口|营收|税收|产量|利润"
)


@dataclass
class _Context:
    """What the rows above the header, the title and the file name say."""

    department: str | None = None
    period: Period | None = None
    year: int | None = None
    unit: str | None = None  # sheet-level unit (info row 单位：亿元)
    region: Division | None = None


def read_sheet(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> SheetResult:
    """Read one spreadsheet; raise :class:`UnreadableFileError` when no part can be read
    (:class:`FileAccessError` when the file system refused it: permission, vanished …)."""
    path = Path(path)
    try:
        return _read_sheet(path, limits)
    except OSError as exc:
        raise FileAccessError(f"cannot read the file: {describe_os_error(exc)}") from exc


def _read_sheet(path: Path, limits: Limits) -> SheetResult:
    checked = check_file(path, limits)  # the bytes are read once, the zip directory too
    try:
        grids = load_grids(path, checked.fmt, limits, checked)
    finally:
        checked.close()
    if not grids:
        raise UnreadableFileError("no data sheet (only 说明/填表说明 sheets)")
    if all(not any(cell_text(c) for row in g.rows for c in row) for g in grids):
        raise UnreadableFileError("empty workbook: no sheet has any cell")
    file_ctx = _from_file_name(path)
    folder = _region_from_path(path)
    result = SheetResult(
        region=folder.name if folder else None, region_code=folder.code if folder else None
    )
    found_table = False
    for grid in grids:
        header = find_header(grid.rows)
        if header is None:
            continue
        found_table = True
        ctx = _context(grid, header, file_ctx)
        if result.region is None and ctx.region:
            result.region, result.region_code = ctx.region.name, ctx.region.code
        _read_rows(grid, header, ctx, result)
    if not found_table:
        raise UnreadableFileError(
            "not a table: no header row naming an indicator column (指标/指标名称/目标任务/"
            "主要指标/项目) and a value column (完成值/实际完成/累计完成/本期完成/完成情况/增速)"
        )
    if not result.records and not result.rejects:
        raise UnreadableFileError("empty table: a header but no data rows under it")
    return result


# --- context: file name, folder, title, info rows ---------------------------------


#: folder parts -> (the division table it was resolved with, the division)
_FOLDER_REGIONS: dict[tuple[str, ...], tuple[object, Division | None]] = {}


def _region_from_path(path: Path) -> Division | None:
    """The division the folders name (``spreadsheets/巴中市/…``, ``四川省/巴中/…``), each
    folder read within the one above it; below ``spreadsheets/`` when there is one."""
    parts = path.parent.parts
    if "spreadsheets" in parts:
        parts = parts[len(parts) - parts[::-1].index("spreadsheets") :]
    # one lookup per folder and division table (a folder holds many files)
    table = load_divisions()
    hit = _FOLDER_REGIONS.get(parts)
    if hit is not None and hit[0] is table:
        return hit[1]
    division = resolve_parts(parts)
    if len(_FOLDER_REGIONS) > 65536:
        _FOLDER_REGIONS.clear()
    _FOLDER_REGIONS[parts] = (table, division)
    return division


def _year_of(text: str) -> int | None:
    m = _YEAR_RE.search(halfwidth(text))
    return int(m.group(1)) if m else None


def _department_in(text: str) -> str | None:
    for run in re.findall(r"[\u4e00-\u9fff（）()]+", text):
        m = _DEPT_RE.match(run)
        if m and "完成情况" not in m.group(1) and "目标任务" not in m.group(1):
            return m.group(1)
    return None


def _from_file_name(path: Path) -> _Context:
    department, period, year = _file_name_facts(path.stem)
    return _Context(department=department, period=period, year=year)


@lru_cache(maxsize=16384)  # the same names recur in every region's folder
def _file_name_facts(name: str) -> tuple[str | None, Period | None, int | None]:
    stem = halfwidth(name)
    year = _year_of(stem)
    return _department_in(stem), _specific_period(stem, year), year


def _clean_department(text: str) -> str | None:
    t = _SEAL_RE.sub("", text).strip(" \u3000:：")
    return t or None


def _info_pairs(row: list[Cell]) -> list[tuple[str, str]]:
    """``填报单位：市统计局`` (one cell, or label and value in two cells) -> pairs."""
    texts = [cell_text(c) for c in row]
    pairs: list[tuple[str, str]] = []
    for i, t in enumerate(texts):
        matches = list(_LABEL_RE.finditer(t))
        for k, m in enumerate(matches):
            end = matches[k + 1].start() if k + 1 < len(matches) else len(t)
            value = t[m.end() : end].strip()
            if not value:
                value = next((x for x in texts[i + 1 :] if x), "")
                if _LABEL_RE.search(value):
                    value = ""
            pairs.append((m.group(1), value))
    return pairs


def _context(grid: Grid, header: Header, file_ctx: _Context) -> _Context:
    ctx = _Context()
    titles: list[str] = []
    info_period_text: str | None = None
    for r in range(header.first_row):
        row = grid.rows[r]
        pairs = _info_pairs(row)
        if pairs:
            for label, value in pairs:
                if label in _DEPT_LABELS and value and ctx.department is None:
                    ctx.department = _clean_department(value)
                elif label in _PERIOD_LABELS and value and info_period_text is None:
                    info_period_text = value
                elif label in _UNIT_LABELS and value and parse_unit(value) is not None:
                    ctx.unit = value
            continue
        text = " ".join(t for t in (cell_text(c) for c in row) if t)
        if text:
            titles.append(text)
    title = " ".join(titles)
    title_year = _year_of(title) if title else None
    info_year = _year_of(info_period_text) if info_period_text else None
    ctx.year = info_year or title_year or file_ctx.year
    if info_period_text:
        ctx.period = parse_period(halfwidth(info_period_text), default_year=ctx.year)
    if ctx.period is None and title:
        ctx.period = _specific_period(title, ctx.year)
    if ctx.period is None:
        ctx.period = file_ctx.period
    if ctx.year is None and ctx.period is not None:
        ctx.year = ctx.period.end.year
    if ctx.department is None and title:
        ctx.department = _department_in(title)
    if ctx.department is None:
        ctx.department = file_ctx.department
    if title:
        t = halfwidth(title).strip()
        hit = region_prefix(t)
        if hit and _TITLE_YEAR_RE.match(t, hit[1]):
            ctx.region = hit[0]
    return ctx


def _specific_period(text: str, year: int | None) -> Period | None:
    """A period from a title or file name, only when it says more than a bare year."""
    t = halfwidth(text)
    if not _SPECIFIC_PERIOD_RE.search(t):
        return None
    return parse_period(t, default_year=year)


# --- rows ---------------------------------------------------------------------------


class _RowError(Exception):
    pass


@dataclass
class _Cells:
    """What one row's cells say, before records are made."""

    indicator: str
    unit_hint: str | None
    department: str | None
    period: Period | None


def _col_name(c: int) -> str:
    name = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        name = chr(65 + rem) + name
    return name


def _get(row: list[Cell], i: int) -> Cell:
    return row[i] if i < len(row) else ""


def _read_rows(grid: Grid, header: Header, ctx: _Context, result: SheetResult) -> None:
    ind_col = header.indicator.index
    value_cols = [c for c in header.columns if c.role in (VALUE, GROWTH)]
    unit_cols = header.of(UNIT)
    target_cols = header.of(TARGET)
    dept_cols = header.of(DEPARTMENT)
    period_cols = header.of(PERIOD)
    # a column without a period of its own (同比增长 after 1-9月累计完成) shares the period
    # of the nearest value column to its left that names one
    col_periods: dict[int, Period | None] = {}
    carried: Period | None = None
    for c in sorted(value_cols, key=lambda c: c.index):
        carried = _header_period(c, ctx) or carried
        col_periods[c.index] = carried
    first_value_col = min(c.index for c in value_cols)
    sheet = grid.name
    banner_rows = {r for (r, _c) in grid.merged_across}
    for r in range(header.last_row + 1, len(grid.rows)):
        row = grid.rows[r]
        if grid.percent:
            row = [_shown_percent(v) if (r, i) in grid.percent else v for i, v in enumerate(row)]
        texts = [cell_text(c) for c in row]
        while texts and not texts[-1]:
            texts.pop()
        if not texts or not any(texts):
            continue
        first = next(t for t in texts if t)
        if r in banner_rows and len({t for t in texts if t}) == 1:
            continue  # one text merged across the row: a banner/section heading, not data
        if _NOTE_RE.match(norm(first)) or _FOOTER_RE.search(first):
            continue
        if _LABEL_RE.match(norm(first)) and classify(first) != INDICATOR:
            continue  # an info row below the table (填报单位：… at the bottom)
        lead = [norm(t) for t in texts[: max(first_value_col, ind_col + 1)] if t]
        if any(_SUBTOTAL_RE.match(t) for t in lead):
            continue
        indicator = cell_text(_get(row, ind_col))
        if indicator and classify(indicator) == INDICATOR:
            continue  # header repeated (page break, pasted tables)
        data_cols = [c.index for c in (*value_cols, *target_cols)]
        data_empty = all(is_empty_marker(cell_text(_get(row, i))) for i in data_cols)
        heading = any(_SECTION_RE.match(t) for t in lead) or indicator.endswith(("：", ":"))
        if data_empty and heading:
            continue  # section heading (一、经济发展), in the indicator or the 序号 column
        try:
            if not indicator:
                raise _RowError("no indicator name in the indicator column")
            cells = _row_cells(row, r, indicator, unit_cols, dept_cols, period_cols, ctx)
            records, empties = _row_records(
                grid, row, r, cells, value_cols, target_cols, col_periods, header, ctx
            )
        except _RowError as exc:
            result.rejects.append(Reject(sheet=sheet, row=r + 1, raw=texts, reason=str(exc)))
            continue
        result.empty_cells += empties
        if not records:
            shown = ", ".join(repr(cell_text(_get(row, c.index)) or "") for c in value_cols)
            result.rejects.append(
                Reject(
                    sheet=sheet,
                    row=r + 1,
                    raw=texts,
                    reason=f"no value reported (value cells: {shown})",
                )
            )
            continue
        result.records.extend(records)


def _shown_percent(cell: Cell) -> Cell:
    """A numeric cell formatted as a percentage, as shown: 0.058 -> ``"5.8%"``."""
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        return cell
    value = (Decimal(cell_text(cell)) * 100).normalize()
    return f"{value:f}%"


def _header_period(col: Column, ctx: _Context) -> Period | None:
    t = halfwidth(norm(col.text))
    if not re.search(r"\d{1,2}\s*[-~—至到]\s*\d{1,2}月|\d{1,2}月|季度|半年|Q[1-4]", t):
        return None
    year = _year_of(t) or ctx.year
    if year is None:
        return None
    return parse_period(t, default_year=year)


def _row_cells(
    row: list[Cell],
    r: int,
    indicator: str,
    unit_cols: list[Column],
    dept_cols: list[Column],
    period_cols: list[Column],
    ctx: _Context,
) -> _Cells:
    unit_hint: str | None = None
    for uc in unit_cols:
        u = cell_text(_get(row, uc.index))
        if u and not is_empty_marker(u):
            if parse_unit(u) is None:
                raise _RowError(f"unknown unit {u!r} in the unit column")
            unit_hint = u
            break
    department = None
    for dc in dept_cols:
        d = cell_text(_get(row, dc.index))
        if d and not is_empty_marker(d):
            department = _clean_department(d)
            break
    period = None
    for pc in period_cols:
        cell = _get(row, pc.index)
        if isinstance(cell, dt.date | dt.datetime):
            period = parse_period(f"{cell.year}年{cell.month}月")
            break
        p = cell_text(cell)
        if p and not is_empty_marker(p):
            period = parse_period(halfwidth(p), default_year=ctx.year)
            if period is None:
                raise _RowError(f"period {p!r} not understood")
            break
    return _Cells(indicator=indicator, unit_hint=unit_hint, department=department, period=period)


def _to_float(d: Decimal | None) -> float | None:
    return None if d is None else float(d)


def _cell_quantity(
    cell: Cell, hint: str | None, where: str, growth: bool = False
) -> tuple[str, Quantity | None]:
    """``("empty"|"na"|"value", quantity)``; raise _RowError when unreadable."""
    if isinstance(cell, bool):
        raise _RowError(f"{where}: TRUE/FALSE where a number was expected")
    if isinstance(cell, dt.date | dt.datetime | dt.time | dt.timedelta):
        raise _RowError(f"{where}: a date/time where a number was expected ({cell})")
    if isinstance(cell, int | float):
        if isinstance(cell, float) and (cell != cell or cell in (float("inf"), float("-inf"))):
            raise _RowError(f"{where}: not a finite number")
        # fast path: a numeric cell has no unit of its own, only the hint's
        value = Decimal(cell_text(cell))
        unit = parse_unit(hint) if hint else None
        if unit is None:
            text_unit = units.normalize_unit_text(hint) if hint else ""
            return "value", Quantity(value, text_unit, value, text_unit, None)
        return "value", Quantity(value, unit.text, value * unit.factor, unit.base, unit.kind)
    text = cell_text(cell)
    if is_empty_marker(text):
        return "empty", None
    if is_not_available_marker(text):
        return "na", parse_quantity(text, hint)
    q = parse_quantity(text, hint)
    if q is None or q.value is None:
        raise _RowError(f"{where}: {text!r} is not a number")
    if hint and q.unit and q.unit != hint:
        own = parse_unit(q.unit)
        hinted = parse_unit(hint)
        if own is None:
            raise _RowError(f"{where}: unknown unit {q.unit!r} in {text!r}")
        pp_in_growth = growth and own.kind == "pp"  # 0.6个百分点 in an 增速 column
        if (
            hinted is not None
            and (own.base != hinted.base or own.kind != hinted.kind)
            and not pp_in_growth
        ):
            raise _RowError(f"{where}: unit {q.unit!r} in {text!r} contradicts the unit {hint!r}")
    return "value", q


def _measure(kind: str | None, role: str, indicator: str, unit: str) -> str:
    if role == GROWTH:
        if kind == "pp":
            return "pp_change"
        if kind in (None, "percent"):
            return "growth_pct"
        raise _RowError(f"growth column holds {unit!r}, not a percentage")
    if kind == "percent":
        if _GROWTHY_RE.search(indicator):
            return "growth_pct"
        if _RATIO_RE.search(indicator) or not _FLOW_RE.search(indicator):
            return "ratio_pct"
        return "growth_pct"
    if kind == "pp":
        return "pp_change"
    if kind in ("count", "amount"):
        return kind
    if kind == "multiple":
        raise _RowError("a multiple (倍) is not a supported measure")
    raise _RowError(f"unknown unit {unit!r}")


def _target_for(
    row: list[Cell], target_cols: list[Column], hint: str | None, measure: str, unit: str
) -> float | None:
    """The annual target expressed in ``unit``, when a target cell matches the measure."""
    wants = {"pp_change": "pp", "growth_pct": "percent", "ratio_pct": "percent"}
    want = wants.get(measure, "level")
    for tc in target_cols:
        text = cell_text(_get(row, tc.index))
        if is_empty_marker(text) or is_not_available_marker(text):
            continue
        try:
            q = parse_quantity(text, hint if want == "level" else (tc.unit or hint))
        except (InvalidOperation, ValueError):
            q = None
        if q is None or q.value is None:
            continue
        if q.kind == "pp":
            got = "pp"
        elif q.kind == "percent" or (q.unit == "" and want == "percent"):
            got = "percent"
        else:
            got = "level"
        if got != want:
            continue
        if want != "level":
            return float(q.value)
        own = parse_unit(q.unit) if q.unit else None
        target_unit = parse_unit(unit) if unit else None
        if own is not None and target_unit is not None:
            if own.base != target_unit.base:
                continue
            return float(q.value * own.factor / target_unit.factor)
        return float(q.value)
    return None


def _row_records(
    grid: Grid,
    row: list[Cell],
    r: int,
    cells: _Cells,
    value_cols: list[Column],
    target_cols: list[Column],
    col_periods: dict[int, Period | None],
    header: Header,
    ctx: _Context,
) -> tuple[list[SheetRecord], int]:
    department = cells.department or ctx.department
    records: list[SheetRecord] = []
    empties = 0
    for col in value_cols:
        where = f"cell {_col_name(col.index)}{r + 1}"
        if (r, col.index) in grid.uncached:
            raise _RowError(f"{where}: formula without a cached value (formulas are not evaluated)")
        # a growth column is a percentage whatever the row's unit column says
        hint = (
            (col.unit or "%") if col.role == GROWTH else (cells.unit_hint or col.unit or ctx.unit)
        )
        status, q = _cell_quantity(_get(row, col.index), hint, where, col.role == GROWTH)
        if status == "empty":
            if cell_text(_get(row, col.index)):
                empties += 1  # an explicit marker (—, /, 无 …), not a blank cell
            continue
        period = cells.period or col_periods.get(col.index) or ctx.period
        if period is None:
            raise _RowError(
                "no reporting period (none in a period column, the header, an info row such as"
                " 统计期：2024年1-6月, the title or the file name)"
            )
        if department is None:
            raise _RowError(
                "no reporting department (none in a department column, an info row such as"
                " 填报单位：…, the title or the file name)"
            )
        assert q is not None or status == "na"
        kind = q.kind if q is not None else None
        unit = q.unit if q is not None else (hint or "")
        if kind is None and not unit:
            if col.role == GROWTH or _GROWTHY_RE.search(cells.indicator):
                kind, unit = "percent", "%"
            else:
                raise _RowError(
                    f"{where}: no unit (none in the cell, a unit column, the header or an"
                    " info row such as 单位：亿元)"
                )
        measure = _measure(kind, col.role, cells.indicator, unit)
        value = q.value if q is not None else None
        value_base = q.value_base if q is not None else None
        unit_base = q.unit_base if q is not None and q.unit_base else unit
        if kind == "percent" and q is not None and q.unit == "":
            value_base, unit_base = value, "%"
        if status == "na":
            value, value_base = None, None
            pu = parse_unit(unit) if unit else None
            unit_base = pu.base if pu is not None else unit
        records.append(
            SheetRecord(
                department=department,
                period_start=period.start.isoformat(),
                period_end=period.end.isoformat(),
                indicator=cells.indicator,
                measure=measure,
                value=_to_float(value),
                unit=unit,
                value_base=_to_float(value_base),
                unit_base=unit_base,
                annual_target=_target_for(
                    row, target_cols, cells.unit_hint or ctx.unit, measure, unit
                ),
                sheet=grid.name,
                row=r + 1,
            )
        )
    return records, empties
