"""Numbers, periods, targets and file names as the pages write them."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re

COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "~": "≈", "=": ""}

MEASURES: dict[str, tuple[str, str]] = {
    "growth_pct": ("增速", "growth"),
    "ratio_pct": ("比率", "ratio"),
    "pp_change": ("变动", "change in points"),
    "count": ("数量", "count"),
    "amount": ("总量", "amount"),
    "qualitative": ("定性", "qualitative"),
}


def num(v: float | None) -> str:
    """6 -> '6', 5.90 -> '5.9', 31890 -> '31,890', 0.012345 -> '0.0123'."""
    if v is None:
        return "—"
    # thousands separated; small fractions keep four significant digits
    s = f"{v:,.2f}" if abs(v) >= 1000 else f"{v:.4g}" if abs(v) < 1 else f"{v:.2f}"
    if "." in s and "e" not in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def pct(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio * 100:.0f}%"


def quantity(value: float | None, unit: str | None, value_max: float | None = None) -> str:
    if value is None:
        return "—"
    text = num(value) + (f"–{num(value_max)}" if value_max is not None else "")
    if not unit:
        return text
    # '%' sits on the number; words (万人, 个百分点) get a thin space
    return text + unit if unit in ("%", "‰") else f"{text} {unit}"


def target_text(comparator: str, value: float | None, unit: str | None,
                value_max: float | None = None) -> str:  # fmt: skip
    if value is None:
        return "定性目标"
    sign = COMPARATOR_SIGNS.get(comparator, "")
    return (sign + " " if sign else "") + quantity(value, unit, value_max)


def _month_end(d: dt.date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def period_label(start: dt.date | None, end: dt.date | None) -> str:
    """2024-01-01..2024-09-30 -> '1–9月'; a whole year -> '全年'; 6 月 -> '6月'."""
    if start is None or end is None:
        return ""
    if start.year == end.year and start.day == 1 and _month_end(end):
        if start.month == 1 and end.month == 12:
            return "全年"
        if start.month == end.month:
            return f"{end.month}月"
        return f"{start.month}–{end.month}月"
    if start.year != end.year:
        return f"{start.year}–{end.year}年"
    return f"{start.isoformat()}–{end.isoformat()}"


_UNSAFE = re.compile(r"[^\w]+")


def page_name(region: str, region_code: str | None, year: int) -> str:
    """The file of a region's page: the division code when known, else the region's name
    made safe for any file system (with a hash when characters had to be replaced, so two
    names never collide)."""
    if region_code and re.fullmatch(r"\d{6,12}", region_code):
        return f"{region_code}-{year}.html"
    safe = _UNSAFE.sub("_", region).strip("_")[:40] or "region"
    if safe != region:
        safe += "_" + hashlib.sha1(region.encode()).hexdigest()[:6]
    return f"{safe}-{year}.html"


def comparison_name(year: int) -> str:
    return f"comparison-{year}.html"


MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def region_level(region: str, region_code: str | None) -> str:
    """national / province / prefecture / county: from the 6-digit division code when the
    warehouse has one, else from the name's suffix (a county-level 市 then counts as a
    prefecture: the name alone cannot tell them apart)."""
    if region in ("全国", "中国", "中华人民共和国") or region_code in ("000000", "100000"):
        return "national"
    if region_code and re.fullmatch(r"\d{6}", region_code):
        if region_code.endswith("0000"):
            return "province"
        return "prefecture" if region_code.endswith("00") else "county"
    if region in MUNICIPALITIES or region.endswith(("省", "自治区", "特别行政区")):
        return "province"
    if region.endswith(("市", "州", "盟", "地区")):
        return "prefecture"
    if region.endswith(("县", "区", "旗")):
        return "county"
    return "other"


LEVELS: dict[str, tuple[str, str]] = {
    "national": ("全国", "national"),
    "province": ("省级", "provinces"),
    "prefecture": ("地市级", "prefectures"),
    "county": ("区县级", "counties and districts"),
    "other": ("其他地区", "other regions"),
}
