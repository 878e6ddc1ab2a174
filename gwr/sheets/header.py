"""Find the header of a sheet and what each column means.

Header names follow CONTRACT §1.2 (and a few common synonyms):

- indicator: 指标 / 指标名称 / 目标任务 / 主要指标 / 项目 (… 名称/内容)
- value: 完成值 / 实际完成 / 累计完成 / 本期完成 / ``1-6月完成`` / 完成情况 (anything
  with 完成/累计/实际/本期/本月, or a bare period such as ``1-6月``)
- unit: 单位 / 计量单位;  annual target: 年度目标 / 目标值 / 全年目标 (目标/计划)
- department: 责任单位 / 牵头单位 / 填报单位;  period: 统计期 / 报告期
- growth: 增速 / 同比增长 / 增长(%) (增幅, 同比)
- ignored: 序号, 备注, 完成率, 进度, 占…比例, 上年同期 …

A header may span two rows (a group cell such as ``1-6月`` merged over
``完成值 | 增速（%）``): the two texts are joined per column, so that column gets the
value role *and* the period ``1-6月``.  A unit in brackets in a header
(``完成投资（亿元）``, ``增长(%)``) becomes that column's unit hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gwr.numbers import halfwidth, parse_number
from gwr.units import parse_unit

SEQ, INDICATOR, VALUE, GROWTH, UNIT, TARGET, DEPARTMENT, PERIOD, IGNORE = (
    "seq",
    "indicator",
    "value",
    "growth",
    "unit",
    "target",
    "department",
    "period",
    "ignore",
)

_PAREN_RE = re.compile(r"[（(\[【]([^（）()\[\]【】]*)[）)\]】]")
_WS_RE = re.compile(r"\s+")
_INDICATOR_RE = re.compile(
    r"^(?:主要)?(?:指标|目标任务|项目|任务|工作任务|重点任务|指标项|名称)(?:名称|内容|名)?$"
)
_STRONG_IGNORE_RE = re.compile(
    r"序号|编号|完成率|进度|比例|比重|百分比|占|差距|排名|备注|说明|时序|完成.{0,4}目标"
)
_DEPARTMENT_RE = re.compile(
    r"责任单位|牵头单位|填报单位|报送单位|责任部门|牵头部门|主管部门|填报部门|^部门$|^单位名称$"
)
_UNIT_RE = re.compile(r"^(?:计量)?单位$")
_PERIOD_RE = re.compile(
    r"^(?:统计期|报告期|统计时间|报告时间|统计期间|报告期间|时间|月份|期间|统计月份)$"
)
_TARGET_RE = re.compile(r"目标|计划|任务数")
_GROWTH_RE = re.compile(r"增速|增长|增幅|同比|增减|涨幅")
_WEAK_IGNORE_RE = re.compile(r"上年|去年|同期|上月|基期")
_VALUE_RE = re.compile(r"完成|累计|实际|实绩|本期|本月|当月|数值|^值$|^数据$|^金额$|^数量$")
_PERIODISH_RE = re.compile(
    r"^(?:\d{4}年?)?(?:\d{1,2}\s*[-~—–至到]\s*\d{1,2}月份?|\d{1,2}月份?|[上下]半年|"
    r"前?[一二三四1-4]季度|Q[1-4]|全年|年度)"
)


# The functions of one text below are pure, and every file repeats the same header,
# label and unit texts: memoised (one reader made ~600k `norm` calls per 3,000 files).
@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Half-width, no whitespace: the form every header comparison uses."""
    return _WS_RE.sub("", halfwidth(text))


@lru_cache(maxsize=1 << 14)
def header_unit(text: str) -> str | None:
    """Unit named in brackets in a header (``完成投资（亿元）`` -> ``亿元``), if it is a unit."""
    for m in _PAREN_RE.finditer(norm(text)):
        inner = m.group(1).replace("单位:", "").replace("单位：", "")
        if inner and parse_unit(inner) is not None:
            return inner
    return None


@lru_cache(maxsize=1 << 16)
def classify(text: str) -> str | None:
    """Role of one header text, or None when it names nothing known."""
    t = norm(text)
    if not t:
        return None
    bare = _PAREN_RE.sub("", t) or t
    if bare in {"序号", "序", "编号", "No.", "NO.", "no."}:
        return SEQ
    if _STRONG_IGNORE_RE.search(bare) and not _GROWTH_RE.search(bare):
        return IGNORE
    if _DEPARTMENT_RE.search(bare):
        return DEPARTMENT
    if _UNIT_RE.match(bare):
        return UNIT
    if _PERIOD_RE.match(bare):
        return PERIOD
    if _INDICATOR_RE.match(bare):
        return INDICATOR
    if _TARGET_RE.search(bare):
        return TARGET
    if _GROWTH_RE.search(bare):
        return GROWTH
    if _WEAK_IGNORE_RE.search(bare):
        return IGNORE
    if _VALUE_RE.search(bare) or _PERIODISH_RE.match(bare):
        return VALUE
    return None


@dataclass
class Column:
    index: int
    role: str
    text: str  # the (joined) header text as written
    unit: str | None = None  # unit from the header brackets


@dataclass
class Header:
    first_row: int  # 0-based index of the first header row
    last_row: int  # 0-based index of the last header row
    columns: list[Column] = field(default_factory=list)

    def of(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]

    @property
    def indicator(self) -> Column:
        return self.of(INDICATOR)[0]


_INDICATOR_PRIORITY = ("指标名称", "指标", "主要指标", "目标任务", "项目名称", "项目")


def cell_text(cell: object) -> str:
    """A cell as the text a person sees (floats without a spurious ``.0``)."""
    if cell.__class__ is str:  # most cells: the fast path, same result as below
        return cell.strip()  # type: ignore[attr-defined]
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        if cell != cell:
            return ""
        if cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        return repr(cell)
    return str(cell).strip()


def _is_numberlike(cell: object) -> bool:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return True
    return _is_number_text(cell_text(cell))


@lru_cache(maxsize=1 << 16)
def _is_number_text(text: str) -> bool:
    t = norm(text).rstrip("%")
    return bool(t) and parse_number(t) is not None


def _build(texts: list[str]) -> list[Column]:
    cols: list[Column] = []
    for i, t in enumerate(texts):
        role = classify(t)
        if role is None:
            continue
        cols.append(Column(index=i, role=role, text=t.strip(), unit=header_unit(t)))
    indicators = [c for c in cols if c.role == INDICATOR]
    if len(indicators) > 1:

        def rank(c: Column) -> int:
            bare = _PAREN_RE.sub("", norm(c.text))
            return next(
                (k for k, p in enumerate(_INDICATOR_PRIORITY) if bare == p),
                len(_INDICATOR_PRIORITY),
            )

        keep = min(indicators, key=lambda c: (rank(c), c.index))
        for c in indicators:
            if c is not keep:
                c.role = IGNORE
    return cols


def _usable(cols: list[Column]) -> bool:
    roles = {c.role for c in cols}
    return INDICATOR in roles and bool(roles & {VALUE, GROWTH})


def _join(upper: list[str], lower: list[str]) -> list[str]:
    width = max(len(upper), len(lower))
    up = upper + [""] * (width - len(upper))
    lo = lower + [""] * (width - len(lower))
    # Without merge information (csv, ods) a group cell is followed by blanks in the
    # upper row over non-blank lower cells: carry it to the right.
    filled = list(up)
    for i in range(1, width):
        if not filled[i] and lo[i] and filled[i - 1] and lo[i - 1]:
            filled[i] = filled[i - 1]
    out = []
    for u, lw in zip(filled, lo, strict=True):
        if u and lw and norm(u) != norm(lw):
            out.append(f"{u} {lw}")
        else:
            out.append(u or lw)
    return out


def find_header(rows: list[list[object]], max_scan: int = 40) -> Header | None:
    """The first row (or pair of rows) that names an indicator column and a value column."""
    for r in range(min(len(rows), max_scan)):
        texts = [cell_text(c) for c in rows[r]]
        if sum(1 for t in texts if t) < 2:
            continue
        if sum(1 for c in rows[r] if _is_numberlike(c)) > 1:
            continue
        single = _build(texts)
        if r + 1 < len(rows):
            nxt = rows[r + 1]
            nxt_texts = [cell_text(c) for c in nxt]
            joined = _build(_join(texts, nxt_texts))
            if _usable(joined) and _is_continuation(texts, nxt, joined):
                return Header(first_row=r, last_row=r + 1, columns=joined)
        if _usable(single):
            return Header(first_row=r, last_row=r, columns=single)
    return None


def _is_continuation(upper: list[str], lower: list[object], joined: list[Column]) -> bool:
    """Is ``lower`` the second line of a header whose first line is ``upper``?"""
    lower_texts = [cell_text(c) for c in lower]
    if not any(lower_texts):
        return False
    if any(_is_numberlike(c) for c in lower):
        return False
    ind = [c for c in joined if c.role == INDICATOR]
    if ind:
        i = ind[0].index
        lo = lower_texts[i] if i < len(lower_texts) else ""
        up = upper[i] if i < len(upper) else ""
        if lo and norm(lo) != norm(up) and classify(lo) != INDICATOR:
            return False  # the indicator column holds data: this is a data row
    return any(classify(t) in {VALUE, GROWTH, TARGET, UNIT} for t in lower_texts if t)
