"""Units of measure and quantities (``410亿元``, ``8.5%``, ``2.1万人``).

A unit text is an optional Chinese *scale prefix* followed by a *base unit*.
``parse_unit`` strips the prefix into ``factor`` and maps synonyms of a base
unit onto one canonical spelling; ``to_base`` multiplies (exactly, Decimal).

Scale prefixes: 十 (10), 百 (100), 千 (1e3), 万 (1e4), 十万 (1e5), 百万 (1e6),
千万 (1e7), 亿 (1e8), 十亿 (1e9), 百亿 (1e10), 千亿 (1e11), 万亿 (1e12).
A text that is itself a base unit wins over prefix splitting, so ``千瓦``,
``千克``, ``千米``, ``千瓦时`` are base units (or synonyms), and ``万千瓦`` is
1e4 x 千瓦.

Base units and choices (``text`` -> ``base`` x factor, kind):

======================  ==============  =======  =========  ===========
written                 base            factor   kind       dimension
======================  ==============  =======  =========  ===========
元 / 人民币元 / 块       元              1        amount     money_cny
美元 / 欧元 / 港元 …     same            1        amount     money_<ccy>
平方米 / 平米 / ㎡       平方米          1        amount     area
平方公里 / 平方千米 /    平方公里        1        amount     area
km²
亩                       亩              1        amount     area
公顷                     公顷            1        amount     area
吨                       吨              1        amount     mass
公斤 / 千克 / kg         公斤            1        amount     mass
斤                       斤              1        amount     mass
克                       克              1        amount     mass
公里 / 千米 / km         公里            1        amount     length
米 / m                   米              1        amount     length
千瓦 / kW                千瓦            1        amount     power
兆瓦 / MW                兆瓦            1        amount     power
瓦                       瓦              1        amount     power
千瓦时 / 度 / kWh        千瓦时          1        amount     energy
兆瓦时                   兆瓦时          1        amount     energy
吨标准煤 / 吨标煤        吨标准煤        1        amount     energy_coal
立方米 / 方 / m³         立方米          1        amount     volume
标箱 / 标准箱 / TEU      标箱            1        amount     container
千伏安 / 兆伏安          same            1        amount     capacity
天 / 小时 / 分钟 / 岁    same            1        amount     time / age
工作日 / 个工作日        工作日          1        amount     time
个 户 家 所 人 人次 …    same            1        count      count
%  ％                    %               1        percent    percent
‰                        %               0.1      percent    percent
成 (三成 = 30%)          %               10       percent    percent
个百分点 / 百分点        个百分点        1        pp         pp
个千分点                 个百分点        0.1      pp         pp
倍                       倍              1        multiple   multiple
======================  ==============  =======  =========  ===========

Units are never converted across spellings that are different units
(公里 is not turned into 米, 公顷 not into 亩): ``value_base`` removes the
Chinese scale words and synonyms only, so a target and an actual written
``公里`` and ``万公里`` meet on ``公里``.  When a caller really needs to
compare 公里 with 米, ``convert(value, from_base, to_base)`` knows the exact
factors within a dimension.

Compound units ``X/Y`` (``元/吨``, ``万元/亩``) are parsed when both sides
are units: base ``Xbase/Ybase``, factor ``fx/fy``, kind ``amount``.
Leading/trailing brackets and spaces (``（亿元）``, ``[%]``, ``单位：万人``)
are ignored.

Quantities
----------
``parse_quantity(s, unit_hint=None)`` reads a cell or a phrase:

* ``None``  -> the text is empty or an *empty marker* (``—``, ``-``, ``/``,
  ``空``, ``无`` …; see ``EMPTY_MARKERS``) or not a quantity at all;
* ``Quantity(value=None, …)`` -> a *not-available marker* (``待统计``,
  ``暂无`` …; see ``NOT_AVAILABLE_MARKERS``): "no data yet", never zero.  Its
  ``unit``/``unit_base``/``kind`` come from ``unit_hint`` when given;
* otherwise a Quantity with a Decimal value.

Use ``is_empty_marker(s)`` / ``is_not_available_marker(s)`` to ask directly.
A unit written in the cell wins over ``unit_hint``; the hint is used only
when the cell has no unit.  Approximation words around the number (约, 近,
超, 逾, 达, ≥, 左右, 以上, 余, 多 …) are ignored here (the comparator is the
extractor's business).  A cell whose remainder is not a known unit but is a
short Chinese word (``12个行政村``) gives ``kind=None`` with the remainder as
unit.  More accepted forms:

* direction words set the sign: ``同比增长5.8%`` -> 5.8, ``下降3.2%`` -> -3.2,
  ``比上年下降1.5个百分点`` -> -1.5 pp;
* a trailing bracketed note is dropped: ``410亿元(快报)``, ``8.5%（初步）``;
  a bracketed unit is used: ``410(亿元)``;
* Chinese and mixed numerals: ``两万人`` -> (2, 万人), ``一千二百万元`` ->
  (1200, 万元), ``1亿2千万元`` -> (120000000, 元), ``百分之十五`` -> (15, %);
* ``1.2E+5`` (spreadsheet exports), ints, floats and Decimals (non-str cells).

``unit_hint`` may be a unit (``亿元``) or a whole header (``完成投资（亿元）``,
``增长(%)``): when it does not parse as a unit, ``unit_from_header`` is tried;
an unparseable hint is kept verbatim as ``unit`` with ``kind=None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from gwr.numbers import CN_DIGITS, halfwidth, parse_number, tidy_decimal

__all__ = [
    "BASE_UNITS",
    "EMPTY_MARKERS",
    "NOT_AVAILABLE_MARKERS",
    "SCALE_PREFIXES",
    "Quantity",
    "Unit",
    "convert",
    "is_empty_marker",
    "is_not_available_marker",
    "normalize_unit_text",
    "parse_quantity",
    "parse_unit",
    "to_base",
    "unit_from_header",
]

KINDS = ("count", "amount", "percent", "pp", "multiple")


@dataclass(frozen=True)
class Unit:
    """A parsed unit: ``value * factor`` is the value in ``base``."""

    text: str
    base: str
    factor: Decimal
    kind: str
    dimension: str = ""


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as written and scaled to the base unit."""

    value: Decimal | None
    unit: str
    value_base: Decimal | None
    unit_base: str
    kind: str | None


#: Scale prefix -> factor, longest first when matching.
SCALE_PREFIXES: dict[str, Decimal] = {
    "十": Decimal(10),
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10_000),
    "十万": Decimal(100_000),
    "百万": Decimal(1_000_000),
    "千万": Decimal(10_000_000),
    "亿": Decimal(100_000_000),
    "十亿": Decimal(1_000_000_000),
    "百亿": Decimal(10_000_000_000),
    "千亿": Decimal(100_000_000_000),
    "万亿": Decimal(1_000_000_000_000),
}
_PREFIXES_LONGEST_FIRST = sorted(SCALE_PREFIXES, key=len, reverse=True)

_ONE = Decimal(1)

# written -> (base, factor, kind, dimension)
_COUNT_WORDS = (
    "个 户 家 所 人 人次 户次 家次 套 部 辆 台 座 条 "
    "处 项 名 只 头 间 张 床 宗 件 场 次 批 栋 幢 片 "
    "口 眼 根 盏 对 株 棵 位 支 架 艘 列 班 趟 期 届 "
    "篇 份 册 本 起 例 窝 羽 匹 尾 枚 组 类 种 款 村 "
    "镇 乡 校 园 床位 张床位 站 门 层 名额 岗位 个岗位 "
    "笔 单 标段 节 车次 班次 航班 架次 人日 工日 个村 "
    "场次 项次 批次 个次 台套 "
    "个镇 个乡 所学校 个项目 户企业 "
)
_COUNT_UNITS = _COUNT_WORDS.split()
_COUNT_EXCLUDE: set[str] = set()

_AMOUNT_UNITS: dict[str, tuple[str, Decimal, str]] = {
    # money
    "元": ("元", _ONE, "money_cny"),
    "人民币": ("元", _ONE, "money_cny"),
    "元人民币": ("元", _ONE, "money_cny"),
    "人民币元": ("元", _ONE, "money_cny"),
    "美元": ("美元", _ONE, "money_usd"),
    "美金": ("美元", _ONE, "money_usd"),
    "欧元": ("欧元", _ONE, "money_eur"),
    "港元": ("港元", _ONE, "money_hkd"),
    "港币": ("港元", _ONE, "money_hkd"),
    "日元": ("日元", _ONE, "money_jpy"),
    "英镑": ("英镑", _ONE, "money_gbp"),
    # area
    "平方米": ("平方米", _ONE, "area"),
    "平米": ("平方米", _ONE, "area"),
    "㎡": ("平方米", _ONE, "area"),
    "m2": ("平方米", _ONE, "area"),
    "m²": ("平方米", _ONE, "area"),
    "平方公里": ("平方公里", _ONE, "area"),
    "平方千米": ("平方公里", _ONE, "area"),
    "km2": ("平方公里", _ONE, "area"),
    "km²": ("平方公里", _ONE, "area"),
    "亩": ("亩", _ONE, "area"),
    "公顷": ("公顷", _ONE, "area"),
    # mass
    "吨": ("吨", _ONE, "mass"),
    "t": ("吨", _ONE, "mass"),
    "公斤": ("公斤", _ONE, "mass"),
    "千克": ("公斤", _ONE, "mass"),
    "kg": ("公斤", _ONE, "mass"),
    "斤": ("斤", _ONE, "mass"),
    "克": ("克", _ONE, "mass"),
    # length
    "公里": ("公里", _ONE, "length"),
    "千米": ("公里", _ONE, "length"),
    "km": ("公里", _ONE, "length"),
    "米": ("米", _ONE, "length"),
    "延米": ("米", _ONE, "length"),
    "m": ("米", _ONE, "length"),
    # power / energy
    "瓦": ("瓦", _ONE, "power"),
    "千瓦": ("千瓦", _ONE, "power"),
    "kw": ("千瓦", _ONE, "power"),
    "兆瓦": ("兆瓦", _ONE, "power"),
    "mw": ("兆瓦", _ONE, "power"),
    "吉瓦": ("吉瓦", _ONE, "power"),
    "gw": ("吉瓦", _ONE, "power"),
    "千瓦时": ("千瓦时", _ONE, "energy"),
    "度": ("千瓦时", _ONE, "energy"),
    "kwh": ("千瓦时", _ONE, "energy"),
    "兆瓦时": ("兆瓦时", _ONE, "energy"),
    "mwh": ("兆瓦时", _ONE, "energy"),
    "吨标准煤": ("吨标准煤", _ONE, "energy_coal"),
    "吨标煤": ("吨标准煤", _ONE, "energy_coal"),
    "tce": ("吨标准煤", _ONE, "energy_coal"),
    "千伏安": ("千伏安", _ONE, "capacity"),
    "kva": ("千伏安", _ONE, "capacity"),
    "兆伏安": ("兆伏安", _ONE, "capacity"),
    "mva": ("兆伏安", _ONE, "capacity"),
    # volume
    "立方米": ("立方米", _ONE, "volume"),
    "方": ("立方米", _ONE, "volume"),
    "m3": ("立方米", _ONE, "volume"),
    "m³": ("立方米", _ONE, "volume"),
    "升": ("升", _ONE, "volume_l"),
    # containers / freight
    "标箱": ("标箱", _ONE, "container"),
    "标准箱": ("标箱", _ONE, "container"),
    "teu": ("标箱", _ONE, "container"),
    "吨公里": ("吨公里", _ONE, "freight"),
    # time / age
    "天": ("天", _ONE, "time_day"),
    "日": ("天", _ONE, "time_day"),
    "个工作日": ("工作日", _ONE, "time_workday"),
    "工作日": ("工作日", _ONE, "time_workday"),
    "小时": ("小时", _ONE, "time_hour"),
    "分钟": ("分钟", _ONE, "time_minute"),
    "岁": ("岁", _ONE, "age"),
}

_SPECIAL_UNITS: dict[str, tuple[str, Decimal, str]] = {
    "%": ("%", _ONE, "percent"),
    "百分比": ("%", _ONE, "percent"),
    "‰": ("%", Decimal("0.1"), "percent"),
    "个百分点": ("个百分点", _ONE, "pp"),
    "百分点": ("个百分点", _ONE, "pp"),
    "pp": ("个百分点", _ONE, "pp"),
    "个千分点": ("个百分点", Decimal("0.1"), "pp"),
    "千分点": ("个百分点", Decimal("0.1"), "pp"),
    "倍": ("倍", _ONE, "multiple"),
    "成": ("%", Decimal(10), "percent"),
}

#: written unit -> (base, factor, kind, dimension) for every unit known without a prefix.
BASE_UNITS: dict[str, tuple[str, Decimal, str, str]] = {}
for _u in _COUNT_UNITS:
    if _u not in _COUNT_EXCLUDE:
        BASE_UNITS[_u] = (_u, _ONE, "count", "count")
for _u, (_b, _f, _d) in _AMOUNT_UNITS.items():
    BASE_UNITS[_u] = (_b, _f, "amount", _d)
for _u, (_b, _f, _k) in _SPECIAL_UNITS.items():
    BASE_UNITS[_u] = (_b, _f, _k, _k)

# Units that take no scale prefix (万% is not a unit; 千米 is handled as a base).
_NO_PREFIX_KINDS = {"percent", "pp", "multiple"}

_STRIP_RE = re.compile(r"^[\s（(\[【［〔<《{]+|[\s）)\]】］〕>》}]+$")
_LABEL_RE = re.compile(r"^(?:计量)?单位\s*[:：]\s*")
_SPACE_RE = re.compile(r"\s+")


def normalize_unit_text(text: str) -> str:
    """Half-width, strip brackets, spaces and a ``单位：`` label; lower-case latin."""
    t = halfwidth(text).strip()
    t = _LABEL_RE.sub("", t)
    prev = None
    while prev != t:
        prev = t
        t = _STRIP_RE.sub("", t)
    t = _SPACE_RE.sub("", t)
    return t.lower() if t.isascii() else t


def _lookup_simple(t: str) -> tuple[str, Decimal, str, str] | None:
    hit = BASE_UNITS.get(t)
    if hit is not None:
        return hit
    for prefix in _PREFIXES_LONGEST_FIRST:
        if t.startswith(prefix) and len(t) > len(prefix):
            rest = BASE_UNITS.get(t[len(prefix) :])
            if rest is not None and rest[2] not in _NO_PREFIX_KINDS:
                base, factor, kind, dim = rest
                return base, factor * SCALE_PREFIXES[prefix], kind, dim
    return None


def parse_unit(text: str) -> Unit | None:
    """``万人`` -> Unit(text='万人', base='人', factor=10000, kind='count'); unknown -> None.

    ``text`` of the result is the normalized spelling (half-width, no brackets).
    """
    if not isinstance(text, str):
        return None
    return _parse_unit_cached(text)


@lru_cache(maxsize=8192)
def _parse_unit_cached(text: str) -> Unit | None:
    t = normalize_unit_text(text)
    if not t:
        return None
    hit = _lookup_simple(t)
    if hit is None and "/" in t and t.count("/") == 1:
        num, den = t.split("/")
        a, b = _lookup_simple(num), _lookup_simple(den)
        if a is not None and b is not None and a[2] not in _NO_PREFIX_KINDS:
            base = f"{a[0]}/{b[0]}"
            hit = (base, a[1] / b[1], "amount", f"{a[3]}/{b[3]}")
    if hit is None:
        return None
    base, factor, kind, dim = hit
    return Unit(text=t, base=base, factor=factor, kind=kind, dimension=dim)


def to_base(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Scale ``value`` written in ``unit`` to the base unit: ``(2.1, '万人') -> (21000, '人')``.

    An unknown unit (or ``""``) is returned unchanged: ``(value, unit)``.
    """
    u = parse_unit(unit) if unit else None
    if u is None:
        return value, unit
    return tidy_decimal(value * u.factor), u.base


# Exact conversions between base units of one dimension (value in key unit x factor).
_CONVERSIONS: dict[tuple[str, str], Decimal] = {
    ("公里", "米"): Decimal(1000),
    ("平方公里", "平方米"): Decimal(1_000_000),
    ("平方公里", "公顷"): Decimal(100),
    ("公顷", "平方米"): Decimal(10_000),
    ("公顷", "亩"): Decimal(15),
    ("吨", "公斤"): Decimal(1000),
    ("吨", "斤"): Decimal(2000),
    ("公斤", "斤"): Decimal(2),
    ("公斤", "克"): Decimal(1000),
    ("吨", "克"): Decimal(1_000_000),
    ("斤", "克"): Decimal(500),
    ("吉瓦", "兆瓦"): Decimal(1000),
    ("吉瓦", "千瓦"): Decimal(1_000_000),
    ("兆瓦", "千瓦"): Decimal(1000),
    ("千瓦", "瓦"): Decimal(1000),
    ("兆瓦时", "千瓦时"): Decimal(1000),
    ("兆伏安", "千伏安"): Decimal(1000),
    ("立方米", "升"): Decimal(1000),
}


def _ratio(src: str, dst: str) -> tuple[Decimal, Decimal] | None:
    """(num, den) with 1 src = num/den dst, directly or through one shared unit."""
    if src == dst:
        return _ONE, _ONE
    edges: dict[str, list[tuple[str, Decimal, Decimal]]] = {}
    for (x, y), f in _CONVERSIONS.items():
        edges.setdefault(x, []).append((y, f, _ONE))
        edges.setdefault(y, []).append((x, _ONE, f))
    for mid, n1, d1 in edges.get(src, []):
        if mid == dst:
            return n1, d1
    for mid, n1, d1 in edges.get(src, []):
        for end, n2, d2 in edges.get(mid, []):
            if end == dst:
                return n1 * n2, d1 * d2
    return None


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    """Convert between units of one dimension (``公里`` -> ``米``, ``万亩`` -> ``公顷``).

    Both sides may carry scale prefixes.  Returns ``None`` when not convertible.
    Exact whenever the result is representable (the single division is done
    last); 亩 <-> 平方米 goes through 公顷 (1 公顷 = 15 亩 = 10000 平方米).
    """
    a, b = parse_unit(from_unit), parse_unit(to_unit)
    if a is None or b is None:
        return None
    r = _ratio(a.base, b.base)
    if r is None:
        return None
    num, den = r
    return tidy_decimal(value * a.factor * num / (den * b.factor))


_BRACKET_RE = re.compile(r"[（(\[【［〔]\s*([^（()）\]】］〕]{1,20}?)\s*[）)\]】］〕]")
_HEADER_LABEL_RE = re.compile(r"(?:计量)?单位\s*[:：]\s*([^\s,，;；)）]+)")


def unit_from_header(header: str) -> Unit | None:
    """The unit named in a column header or title: ``完成投资（亿元）`` -> 亿元.

    Looks, in order, at a ``单位：万元`` label, at bracketed parts (the last one
    that is a unit wins: ``增长(%)``, ``目标值[万人]``), then at a unit ending
    the header (``完成值万元``, ``增速%``).  A one-character count unit at the end
    is ignored there (``责任人``, ``联系人`` are not units).  None when no unit.
    """
    if not isinstance(header, str) or not header.strip():
        return None
    h = halfwidth(header).strip()
    m = _HEADER_LABEL_RE.search(h)
    if m:
        u = parse_unit(m.group(1))
        if u is not None:
            return u
    for inner in reversed(_BRACKET_RE.findall(h)):
        u = parse_unit(inner)
        if u is not None:
            return u
    compact = _SPACE_RE.sub("", h)
    for k in range(min(len(compact) - 1, 8), 0, -1):
        tail = compact[-k:]
        u = parse_unit(tail)
        if u is None:
            continue
        if k == 1 and not tail.isascii():
            return None  # 人/元/米/成/倍 … ending a word (责任人, 完成) are rarely the unit
        return u
    return None


# --- markers -----------------------------------------------------------------

#: Cell contents meaning "nothing here" (compared after half-width, stripping
#: spaces, lower-casing latin).  A cell of only dashes/dots also counts.
EMPTY_MARKERS: frozenset[str] = frozenset(
    {
        "",
        "-",
        "--",
        "---",
        "—",
        "——",
        "–",
        "―",
        "─",
        "－",
        "/",
        "//",
        "\\",
        "、",
        "空",
        "无",
        "空白",
        "null",
        "none",
        "nan",
        "…",
        "……",
        "...",
        "·",
        "x",
        "×",
    }
)

#: Cell contents meaning "not yet available": no data, never zero.  A cell that
#: *contains* one of these phrases (``暂无数据（待发布）``) also counts.
NOT_AVAILABLE_MARKERS: frozenset[str] = frozenset(
    {
        "待统计",
        "暂无",
        "暂无数据",
        "暂未统计",
        "尚未统计",
        "未统计",
        "统计中",
        "待定",
        "待核实",
        "待核定",
        "待公布",
        "待发布",
        "未公布",
        "尚未公布",
        "待更新",
        "待报",
        "待填报",
        "未填报",
        "未上报",
        "数据未出",
        "未出",
        "待出",
        "暂缺",
        "缺数",
        "待反馈",
        "待确认",
        "n/a",
        "na",
        "#n/a",
        "不详",
        "未知",
    }
)
_NA_CONTAINS = tuple(m for m in NOT_AVAILABLE_MARKERS if not m.isascii() and len(m) >= 2)
_DASHES_ONLY_RE = re.compile(r"^[-—–―─－_.·…/\\]+$")


def _marker_key(s: str) -> str:
    t = _SPACE_RE.sub("", halfwidth(s)).strip()
    t = _STRIP_RE.sub("", t)
    return t.lower() if t.isascii() else t


def is_empty_marker(s: object) -> bool:
    """True for ``None``, NaN, blank text and the ``EMPTY_MARKERS`` (—, -, /, 空, 无 …)."""
    if s is None:
        return True
    if isinstance(s, float) and s != s:
        return True
    if not isinstance(s, str):
        return False
    key = _marker_key(s)
    return key in EMPTY_MARKERS or bool(_DASHES_ONLY_RE.match(key))


def is_not_available_marker(s: object) -> bool:
    """True when the text says the figure is not yet available (待统计, 暂无 …)."""
    if not isinstance(s, str):
        return False
    key = _marker_key(s)
    if not key:
        return False
    if key in NOT_AVAILABLE_MARKERS:
        return True
    return any(m in key for m in _NA_CONTAINS) and _number_prefix(key) is None


# --- quantities --------------------------------------------------------------

_ARABIC_PREFIX_RE = re.compile(
    r"^[-−+]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][-+]?\d{1,3}(?![\d.]))?"
    r"|^[-−+]?\.\d+"
)
_CN_NUM_CHARS = "".join(CN_DIGITS) + "十拾百佰千仟万萬亿億点"
_CN_PREFIX_RE = re.compile(rf"^[-−+负]?(?:百分之)?[{_CN_NUM_CHARS}0-9.,]+")
_HAS_DIGIT_RE = re.compile(rf"[0-9{''.join(CN_DIGITS)}]|^[-−+负]?十")
_BIG_SCALE_TAIL_RE = re.compile(r"[万萬亿億]+$")
_LEAD_QUALIFIERS = (
    "约为",
    "大约",
    "约",
    "近",
    "超过",
    "超",
    "逾",
    "达到",
    "达",
    "完成",
    "共计",
    "累计",
    "合计",
    "计",
    "≈",
    "~",
    "～",
    ">=",
    "<=",
    "≥",
    "≤",
    ">",
    "<",
    "=",
    "＞",
    "＜",
)
_TAIL_QUALIFIERS = ("左右", "以上", "以下", "以内", "之内", "上下", "前后", "余", "多")
_INCREASE_WORDS = ("增长", "增加", "提高", "提升", "上升", "上涨", "增")
_DECREASE_WORDS = ("下降", "减少", "降低", "回落", "下滑", "下跌", "降")
_NUMBER_STARTS = r"-−+\d.一二三四五六七八九十两百约近超逾达"
_DIRECTION_RE = re.compile(
    r"^(?:同比|比上年|较上年|比去年|较去年|环比|比|较)?"
    rf"({'|'.join(_INCREASE_WORDS + _DECREASE_WORDS)})(?=[{_NUMBER_STARTS}])"
)
_TRAILING_NOTE_RE = re.compile(r"[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]$")
_MAX_UNKNOWN_UNIT = 6
_UNKNOWN_UNIT_RE = re.compile(r"^(?=.*[\u4e00-\u9fff])[^\d\s,，;；。:：!?！？()（）]+$")


def _number_prefix(s: str) -> str | None:
    """The leading arabic number of ``s`` (after half-width), or None."""
    m = _ARABIC_PREFIX_RE.match(halfwidth(s))
    return m.group(0) if m else None


def _strip_qualifiers(t: str) -> str:
    changed = True
    while changed and t:
        changed = False
        for q in _LEAD_QUALIFIERS:
            if t.startswith(q) and len(t) > len(q):
                t = t[len(q) :]
                changed = True
        for q in _TAIL_QUALIFIERS:
            if t.endswith(q) and len(t) > len(q):
                t = t[: -len(q)]
                changed = True
    return t


def _make(value: Decimal, unit_text: str, unit: Unit | None) -> Quantity:
    if unit is None:
        return Quantity(value, unit_text, value, unit_text, None)
    return Quantity(value, unit.text, tidy_decimal(value * unit.factor), unit.base, unit.kind)


def _split_number_unit(t: str) -> tuple[Decimal, str] | None:
    """Split ``t`` into (number as written, unit text)."""
    # 1. arabic number, the rest is a unit (with scale prefix): 2.1万人, 3.5万亿元
    m = _ARABIC_PREFIX_RE.match(t)
    if m:
        num = parse_number(m.group(0))
        rest = t[m.end() :]
        rest = _strip_middle(rest)
        if num is not None and (not rest or parse_unit(rest) is not None):
            return num, rest
    # 2. Chinese / mixed numeral: peel trailing big scales into the unit unless the
    #    number itself contains a big scale (1亿2千万元 -> 120000000 元).
    m = _CN_PREFIX_RE.match(t)
    if not m:
        return None
    run = m.group(0)
    # shrink the run until it parses (一千二百户 -> run is exact; 三成 -> no)
    for end in range(len(run), 0, -1):
        numtext = run[:end]
        rest = _strip_middle(t[end:])
        if parse_number(numtext) is None or not _HAS_DIGIT_RE.search(numtext):
            continue
        if rest and parse_unit(rest) is None and not _acceptable_unknown(rest):
            continue
        if numtext.lstrip("-−+负").startswith("百分之"):
            if rest:
                continue
            return parse_number(numtext), "%"  # type: ignore[return-value]
        tail = _BIG_SCALE_TAIL_RE.search(numtext)
        if tail and tail.start() > 0:
            head = numtext[: tail.start()]
            head_val = parse_number(head)
            if head_val is not None and not re.search(r"[万萬亿億]", head):
                cand = tail.group(0) + rest
                if parse_unit(cand) is not None:
                    return head_val, cand
        return parse_number(numtext), rest  # type: ignore[return-value]
    return None


_INNER_ABOUT_RE = re.compile(r"^([十百千万亿]+)[余多](.+)$")


def _strip_middle(rest: str) -> str:
    """``410余亿元`` / ``2万多人``: drop 余/多 between number and unit."""
    if rest[:1] in ("余", "多") and len(rest) > 1:
        return rest[1:]
    m = _INNER_ABOUT_RE.match(rest)
    if m:
        return m.group(1) + m.group(2)
    return rest


def _acceptable_unknown(rest: str) -> bool:
    return len(rest) <= _MAX_UNKNOWN_UNIT and bool(_UNKNOWN_UNIT_RE.match(rest))


def parse_quantity(s: str, unit_hint: str | None = None) -> Quantity | None:
    """Read a quantity from a cell or phrase; see the module docstring for the rules.

    >>> parse_quantity("2.1万人").value_base
    Decimal('21000')
    """
    if s is None:
        return None
    if not isinstance(s, str):
        if isinstance(s, bool):
            return None
        if isinstance(s, int | Decimal) or (isinstance(s, float) and s == s):
            s = str(Decimal(str(s)))
        else:
            return None
    hint = None
    hint_text = ""
    if unit_hint:
        hint = parse_unit(unit_hint) or unit_from_header(unit_hint)
        hint_text = hint.text if hint else normalize_unit_text(unit_hint)
    if is_empty_marker(s):
        return None
    if is_not_available_marker(s):
        if hint is not None:
            return Quantity(None, hint.text, None, hint.base, hint.kind)
        return Quantity(None, hint_text, None, hint_text, None)
    t = _SPACE_RE.sub("", halfwidth(s))
    t = t.replace("，", ",")
    t = _strip_qualifiers(t)
    negate = False
    d = _DIRECTION_RE.match(t)
    if d and len(t) > d.end():
        negate = d.group(1) in _DECREASE_WORDS
        t = _strip_qualifiers(t[d.end() :])
    if t.startswith("+") and len(t) > 1:
        t = t[1:]
    split = _split_number_unit(t)
    if split is None:
        note = _TRAILING_NOTE_RE.search(t)
        if note is None or note.start() == 0:
            return None
        split = _split_number_unit(_strip_qualifiers(t[: note.start()]))
        if split is None:
            return None
    value, rest = split
    if negate:
        value = -value
    if not rest:
        if unit_hint:
            return _make(value, hint_text, hint)
        return Quantity(value, "", value, "", None)
    return _make(value, rest, parse_unit(rest))
