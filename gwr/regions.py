"""China's administrative divisions: resolve what people write to an official division.

The one region module of the project: report regions, sidecars, spreadsheet folders
and titles, and the region prefixes of indicator names all go through it, so that
``巴中``, ``巴中市`` and ``四川省巴中市`` meet as one division (``511900``).

The table is ``data/reference/divisions.csv`` (built by ``make_divisions.py`` beside
it from a maintained snapshot; see the README there): 全国, every province-,
prefecture- and county-level division with its official name, 6-digit code, level,
type, parent and short forms.

Resolution rules (:func:`resolve`):

* A name is normalized first: full-width to half-width, the common traditional
  characters to simplified, blanks removed, and a trailing government word dropped
  (``巴中市人民政府`` -> 巴中市, 人民代表大会, 行政公署 …). 全国, 中国, 国务院 name the
  country.
* An official full name wins over short forms. Otherwise a short form (``巴中``,
  ``甘孜州``, ``甘孜``) or an official abbreviation of a province (``川``) is used.
* **Ambiguity**: a name that names more than one division (``吉林``: 吉林省 and 吉林市;
  ``朝阳区``: in 北京 and in 长春) resolves only when a context leaves one: ``within``
  (an ancestor: ``resolve("朝阳区", within="北京市")``), ``level``/``types``, or the
  name's own chain (``北京市朝阳区``). Otherwise it resolves to nothing: never a guess.

:func:`find_report_region` reads a report's region where reports state it: the title
(``巴中市人民政府工作报告``), the ``在…第X届人民代表大会第X次会议上`` line, the signature
(``巴中市人民政府市长 XXX``), ``我代表XX市人民政府``; the State Council's report is 全国.
Every name is looked up in the table (a word that is not a division is never a region)
and must agree with the level the report speaks at (``我代表市人民政府``, ``全市`` …).
When no such line names it, the place the text keeps naming at that level
(``聊城`` throughout a 全市 report) is the region, if it clearly dominates; else None.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = [
    "NATIONAL_CODE",
    "Division",
    "DivisionTable",
    "RegionFinding",
    "detect_report_region",
    "division_names",
    "find_report_region",
    "load_divisions",
    "lookup_code",
    "normalize_name",
    "region_prefix",
    "resolve",
    "resolve_parts",
    "strip_region_prefix",
    "table_fingerprint",
]

DIVISIONS_CSV = Path(__file__).resolve().parents[1] / "data" / "reference" / "divisions.csv"
NATIONAL_CODE = "100000"
LEVELS = ("national", "province", "prefecture", "county")


@dataclass(frozen=True)
class Division:
    """One administrative division (a row of divisions.csv)."""

    code: str
    name: str
    level: str  # national | province | prefecture | county
    type: str  # 省, 自治区, 直辖市, 地级市, 自治州, 地区, 盟, 市辖区, 县级市, 县, 自治县, 旗 …
    parent_code: str | None
    province_code: str | None
    province: str | None  # the province-level division's name (None for 全国)
    short_names: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()

    @property
    def is_national(self) -> bool:
        return self.code == NATIONAL_CODE


@dataclass
class DivisionTable:
    """The divisions, indexed by code and by every name they go by."""

    by_code: dict[str, Division]
    full: dict[str, tuple[Division, ...]] = field(default_factory=dict)
    short: dict[str, tuple[Division, ...]] = field(default_factory=dict)
    max_name_len: int = 0
    #: first two characters of a name -> the lengths of the names starting so, longest
    #: first: a scan tries only lengths that can match at a place (`_name_counts`)
    lengths_by_start: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        full: dict[str, list[Division]] = {}
        short: dict[str, list[Division]] = {}
        for d in self.by_code.values():
            full.setdefault(d.name, []).append(d)
            for s in (*d.short_names, *d.abbreviations):
                short.setdefault(s, []).append(d)
        self.full = {k: tuple(v) for k, v in full.items()}
        self.short = {k: tuple(v) for k, v in short.items()}
        self.max_name_len = max(len(k) for k in (*self.full, *self.short))
        starts: dict[str, set[int]] = {}
        for k in (*self.full, *self.short):
            if len(k) >= 2:
                starts.setdefault(k[:2], set()).add(len(k))
        self.lengths_by_start = {k: tuple(sorted(v, reverse=True)) for k, v in starts.items()}

    def is_within(self, d: Division, ancestor: Division) -> bool:
        """True when ``ancestor`` is above ``d`` (any number of levels; not ``d`` itself)."""
        code = d.parent_code
        while code:
            if code == ancestor.code:
                return True
            parent = self.by_code.get(code)
            code = parent.parent_code if parent else None
        return False

    def names(self, key: str) -> tuple[tuple[Division, ...], tuple[Division, ...]]:
        """(divisions with this official name, divisions with this short form)."""
        return self.full.get(key, ()), self.short.get(key, ())


@lru_cache(maxsize=4)
def load_divisions(path: Path | None = None) -> DivisionTable:
    """The division table, read once per path (cached)."""
    path = path or DIVISIONS_CSV
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = {r["code"]: r["name"] for r in rows}
    by_code: dict[str, Division] = {}
    for r in rows:
        by_code[r["code"]] = Division(
            code=r["code"],
            name=r["name"],
            level=r["level"],
            type=r["type"],
            parent_code=r["parent_code"] or None,
            province_code=r["province_code"] or None,
            province=names.get(r["province_code"]) if r["province_code"] else None,
            short_names=tuple(s for s in r["short_names"].split("|") if s),
            abbreviations=tuple(s for s in r["abbreviations"].split("|") if s),
        )
    return DivisionTable(by_code=by_code)


def table_fingerprint(path: Path | None = None) -> str:
    """A short hash of the table file: parse caches that used regions key on it."""
    return hashlib.sha256((path or DIVISIONS_CSV).read_bytes()).hexdigest()[:8]


def lookup_code(code: str | int | None) -> Division | None:
    """The division with this 6-digit code (``511900``), or None."""
    if code is None:
        return None
    return load_divisions().by_code.get(str(code).strip())


# --- names ------------------------------------------------------------------------

# A government or congress word after a region's name: 巴中市人民政府, 巴中市人民代表大会
# 常务委员会, 锡林郭勒盟行政公署 name the region.
_GOV_SUFFIX_RE = re.compile(
    r"(?:人民政府办公室|人民政府|人民代表大会常务委员会|人民代表大会|人大常委会|人大|行政公署|行署|政府)$"
)
_NATIONAL_WORDS = frozenset({"全国", "中国", "中华人民共和国", "国务院", "中央人民政府", "我国"})
_DROP_RE = re.compile(r"[\s\u200b-\u200f\ufeff·•]+")


@lru_cache(maxsize=1)
def _t2s() -> dict[int, int]:
    # Imported lazily: gwr.report imports this module (structure.detect_region).
    from gwr.report._trad import T2S

    return T2S


def normalize_name(s: str) -> str:
    """Full-width -> half-width, traditional -> simplified (common characters), no blanks."""
    s = unicodedata.normalize("NFKC", s).translate(_t2s())
    return _DROP_RE.sub("", s)


_BLANKS_RE = re.compile(r"[ \t\r\u3000\u00a0\u200b-\u200f\ufeff]+")


def _normalize_text(text: str) -> str:
    """:func:`normalize_name` for a whole text: line breaks kept (a signature is a line)."""
    return _BLANKS_RE.sub("", unicodedata.normalize("NFKC", text).translate(_t2s()))


# Type sets by the word a report uses for its own level (我代表市人民政府, 全市 …).
_WORD_TYPES: dict[str, frozenset[str]] = {
    "国": frozenset({"国家"}),
    "省": frozenset({"省"}),
    "自治区": frozenset({"自治区"}),
    "市": frozenset({"直辖市", "地级市", "县级市"}),
    "区": frozenset({"自治区", "市辖区", "林区", "特区", "特别行政区"}),
    "州": frozenset({"自治州"}),
    "自治州": frozenset({"自治州"}),
    "地区": frozenset({"地区"}),
    "盟": frozenset({"盟"}),
    "行署": frozenset({"地区", "盟"}),
    "县": frozenset({"县", "自治县"}),
    "自治县": frozenset({"自治县"}),
    "旗": frozenset({"旗", "自治旗"}),
    "自治旗": frozenset({"自治旗"}),
}


def _filter(
    cands: Iterable[Division],
    table: DivisionTable,
    within: Division | None,
    level: str | None,
    types: frozenset[str] | None,
) -> list[Division]:
    out = []
    for d in cands:
        if within is not None and not table.is_within(d, within):
            continue
        if level is not None and d.level != level:
            continue
        if types is not None and d.type not in types:
            continue
        out.append(d)
    return out


def _resolve_key(
    key: str,
    table: DivisionTable,
    within: Division | None = None,
    level: str | None = None,
    types: frozenset[str] | None = None,
) -> tuple[Division | None, int]:
    """(the one division ``key`` names in this context, how many it names: 0, 1 or more)."""
    full, short = table.names(key)
    for tier in (full, short):
        # an official full name wins over short forms; a tier left empty by the context
        # falls through (吉林 in a prefecture context is no province)
        hits = _filter(tier, table, within, level, types)
        if len(hits) == 1:
            return hits[0], 1
        if hits:
            return None, len(hits)
    return None, 0


def _split_chain(key: str, table: DivisionTable) -> list[str] | None:
    """``山东省菏泽市巨野县`` -> [山东省, 菏泽市, 巨野县] when the whole key is names."""
    parts: list[str] = []
    i = 0
    while i < len(key):
        for j in range(min(len(key), i + table.max_name_len), i + 1, -1):
            if key[i:j] in table.full or key[i:j] in table.short:
                parts.append(key[i:j])
                i = j
                break
        else:
            return None
    return parts


def _as_division(x: Division | str | None) -> Division | None:
    if x is None or isinstance(x, Division):
        return x
    return resolve(x)


def resolve(
    name: str | None,
    *,
    within: Division | str | None = None,
    level: str | None = None,
    types: Iterable[str] | None = None,
) -> Division | None:
    """The one division ``name`` names (see the module doc), or None.

    ``within``: a division (or its name) the result must lie under; ``level``: one of
    national/province/prefecture/county; ``types``: official types (地级市, 自治州 …).
    A name naming several divisions in that context resolves to None.
    """
    if not name:
        return None
    table = load_divisions()
    key = normalize_name(name)
    if key.isdigit() and len(key) == 6:
        return table.by_code.get(key)
    key = _GOV_SUFFIX_RE.sub("", key) or key
    if key in _NATIONAL_WORDS:
        nat = table.by_code[NATIONAL_CODE]
        return nat if level in (None, "national") and within is None else None
    ctx = _as_division(within)
    if within is not None and ctx is None:
        return None  # a context that names nothing cannot narrow anything
    tset = frozenset(types) if types is not None else None
    hit, n = _resolve_key(key, table, ctx, level, tset)
    if hit is not None or n > 1:
        return hit
    parts = _split_chain(key, table)
    if parts is None or len(parts) < 2:
        return None
    return resolve_parts(parts, within=ctx, level=level, types=tset)


def resolve_parts(
    parts: Sequence[str],
    *,
    within: Division | None = None,
    level: str | None = None,
    types: Iterable[str] | None = None,
) -> Division | None:
    """The division named by a path of names, each under the one before
    (``[山东省, 菏泽市, 巨野县]``, spreadsheet folders ``四川省/巴中市``). Parts that name no
    division (``2024``, ``上半年``) are skipped; the deepest that resolves is the result,
    the filters applying to it only."""
    ctx = within
    last: Division | None = None
    names = [p for p in parts if p]
    for i, part in enumerate(names):
        final = i == len(names) - 1
        d = resolve(
            part,
            within=ctx,
            level=level if final else None,
            types=types if final else None,
        )
        if d is not None:
            ctx = last = d
    if last is None:
        return None
    if level is not None and last.level != level:
        return None
    if types is not None and last.type not in frozenset(types):
        return None
    return last


def division_names(d: Division | None) -> tuple[str, ...]:
    """The names of ``d`` that can stand for it in a text, longest first: its official
    name and short forms (not the one-character abbreviations: 川 is no prefix)."""
    if d is None:
        return ()
    return tuple(sorted({d.name, *d.short_names}, key=lambda s: (-len(s), s)))


# --- prefixes ---------------------------------------------------------------------

_YEAR_PREFIX_RE = re.compile(r"^(?:19|20)\d{2}年?")


def region_prefix(text: str, *, full_only: bool = False) -> tuple[Division, int] | None:
    """The division named at the start of ``text`` and where its name ends.

    The longest run of names (``四川省巴中市…``) that resolves; a short form only when it
    names one division (``巴中2024年…``). ``full_only``: official names only (for
    indicator names, where ``城中``-style short forms would eat words).
    """
    table = load_divisions()
    i = 0
    ctx: Division | None = None
    best: tuple[Division, int] | None = None
    while i < len(text):
        found = None
        for j in range(min(len(text), i + table.max_name_len), i + 1, -1):
            key = text[i:j]
            if key in table.full or (not full_only and key in table.short):
                d, _ = _resolve_key(key, table, ctx) if not full_only else _full_only(key, ctx)
                if d is not None:
                    found = (d, j)
                    break
        if found is None:
            break
        ctx, i = found
        best = found
    return best


def _full_only(key: str, ctx: Division | None) -> tuple[Division | None, int]:
    table = load_divisions()
    hits = _filter(table.full.get(key, ()), table, ctx, None, None)
    return (hits[0], 1) if len(hits) == 1 else (None, len(hits))


def strip_region_prefix(s: str) -> str:
    """``2024年巴中市地区生产总值`` -> ``地区生产总值``: drop leading official division names
    (the table's, never a guessed ``X市``), with a year before them, when a name follows
    them; anything else is returned as is (``2024年地区生产总值``, ``全市地区生产总值``)."""
    m = _YEAR_PREFIX_RE.match(s)
    rest = s[m.end() :] if m else s
    hit = region_prefix(rest, full_only=True)
    if hit is not None and hit[1] < len(rest) and rest[hit[1]].isalpha():
        return rest[hit[1] :]
    return s


# --- the region of a report ----------------------------------------------------------


@dataclass(frozen=True)
class RegionFinding:
    """What :func:`detect_report_region` found: the division, or why there is none."""

    division: Division | None
    evidence: str  # the line or rule that gave it, or the reason for None


_CN_NUM = "一二三四五六七八九十"
# The State Council speaks: 我代表国务院, the premier's signature, or the dateline (在第
# 十四届全国人民代表大会第二次会议上) at the very top; a province's report may quote a
# national congress in its prose, so the dateline counts only there.
_NATIONAL_RE = re.compile(
    r"代表国务院|中华人民共和国国务院政府工作报告"
    r"|(?m:^)国务院总理[\u4e00-\u9fff]{2,4}$"  # the premier signs on a line of his own
    # a news reprint: 国务院总理李克强3月5日在政府工作报告中指出 (not 国务院总理…亲临调研)
    r"|国务院总理[^。！？\n]{0,24}政府工作报告"
)
_NATIONAL_DATELINE_RE = re.compile(
    rf"在第?[{_CN_NUM}]+届全国(?:人民代表大会|人大)第?[{_CN_NUM}]+次会议上"
)
# Where a report names itself: the title, the congress line, the signature, 我代表….
# The name is the text right before the anchor, looked up in the table.
_ANCHOR_RE = re.compile(
    r"(?P<title>(?:人民)?政府工作报告)"
    # 在巴中市第五届人民代表大会…; news: 广东省十四届人大二次会议开幕
    rf"|(?P<congress>第?[{_CN_NUM}]+届(?:人民代表大会|人大))"
    r"|(?P<sign>(?:人民政府|行政公署)?(?:代理|代)?(?<!副)(?:省长|市长|县长|区长|州长|盟长|旗长|专员|主席)(?!助理))"
    r"|(?P<gov>人民政府|行政公署)"
)
# 我代表(威海)市人民政府: the level word is the last word before 人民政府.
_SELF_WORD_RE = re.compile(
    r"代表[\u4e00-\u9fff]{0,12}?(?P<w>自治区|自治州|自治县|自治旗|省|市|县|区|州|盟|旗|地区)?"
    r"(?:人民)?(?:政府|行署|行政公署)"
)
_OUR_RE = re.compile(r"我(省|市|县|区|州|盟|旗)(?!委|政府)")  # 我州经济…, not 我市委
_WHOLE_RE = re.compile(r"全(省|市|县|区|州|盟|旗|地区)")
_TRAILING_YEAR_RE = re.compile(r"(?:(?:19|20)\d{2}年度?|[(（](?:19|20)\d{2}[)）])$")
_HEAD = 2500  # titles, datelines, signatures and 我代表… sit at the top
_TAIL = 400  # a few reprints put the dateline last


def _dominant(counts: Counter[str], at_least: int, factor: float) -> tuple[str, int] | None:
    """The most common key when it is at least ``at_least`` and ``factor`` × the next."""
    if not counts:
        return None
    (key, n), *rest = [*counts.most_common(2), ("", 0)]
    if n >= at_least and n >= factor * rest[0][1] and n > rest[0][1]:
        return key, n
    return None


def _level_word(text: str) -> tuple[str | None, str]:
    """The word the report uses for its own level, and where it came from: 我代表X市人民
    政府 first, then how it calls itself (我州, 我市), then its 全X (全省 also ranks a city
    within its province, 居全省第2: so it must clearly dominate)."""
    head = text[:_HEAD]
    for m in _SELF_WORD_RE.finditer(head):
        w = m.group("w")
        if w is None:
            if "行署" in m.group(0) or "行政公署" in m.group(0):
                return "行署", m.group(0)
            continue  # 代表政府: no level
        return w, m.group(0)
    our = _dominant(Counter(m.group(1) for m in _OUR_RE.finditer(text)), 1, 2)
    if our:
        return our[0], f"我{our[0]} ×{our[1]}"
    whole = _dominant(Counter(m.group(1) for m in _WHOLE_RE.finditer(text)), 3, 2)
    if whole:
        return whole[0], f"全{whole[0]} ×{whole[1]}"
    return None, ""


def _suffix_name(pre: str, table: DivisionTable) -> tuple[str, str] | None:
    """The longest table name ending ``pre``, and the text before it."""
    for k in range(min(len(pre), table.max_name_len), 1, -1):
        key = pre[-k:]
        if key in table.full or key in table.short:
            return key, pre[:-k]
    return None


def _anchored(
    text: str, table: DivisionTable, types: frozenset[str] | None
) -> tuple[list[tuple[Division, str]], list[str]]:
    """Divisions named before an anchor (title, congress line, signature, 人民政府)."""
    found: list[tuple[Division, str]] = []
    ambiguous: list[str] = []
    windows = [text[:_HEAD]]
    if len(text) > _HEAD:
        windows.append(text[-_TAIL:])
    for w in windows:
        for m in _ANCHOR_RE.finditer(w):
            # 巴中市2024年政府工作报告: the year between name and anchor is skipped
            pre = _TRAILING_YEAR_RE.sub("", w[max(0, m.start() - 30) : m.start()])
            hit = _suffix_name(pre, table)
            if hit is None:
                continue
            if m.lastgroup == "gov" and types is None:
                # a bare 人民政府 may be a superior's (四川省人民政府的坚强领导下): only a
                # report whose level is known may take it (level agreement filters it)
                continue
            key, before = hit
            # a parent named right before (黄山市黄山区, 四川省巴中市) is the context
            parent = None
            up = _suffix_name(before, table)
            if up is not None:
                parent, _ = _resolve_key(up[0], table)
            d, n = _resolve_key(key, table, parent, None, types)
            if d is None and parent is not None:
                d, n = _resolve_key(key, table, None, None, types)
            if d is not None:
                found.append((d, f"{key}…{m.group(0)}"))
            elif n > 1:
                ambiguous.append(key)
    return found, ambiguous


def _name_counts(text: str, table: DivisionTable) -> Counter[str]:
    """How often each table name occurs, the longest name at a place being the word
    (黄山区 is not also 黄山)."""
    counts: Counter[str] = Counter()
    full, short, starts = table.full, table.short, table.lengths_by_start
    i, n = 0, len(text)
    while i < n - 1:
        step = 1
        # only the lengths of names beginning with these two characters can match here
        # (the same longest-first choice as trying every length, without the slices)
        for length in starts.get(text[i : i + 2], ()):
            if i + length > n:
                continue
            key = text[i : i + length]
            if key in full or key in short:
                counts[key] += 1
                step = length
                break
        i += step
    return counts


_PROVINCE_TYPES = frozenset({"省", "自治区", "直辖市", "特别行政区"})


def _tally(
    names: Counter[str],
    table: DivisionTable,
    types: frozenset[str],
    province: Division | None = None,
) -> Counter[str]:
    """Mentions per division of the given types (in ``province``, when given); a name
    naming several such divisions counts for none."""
    out: Counter[str] = Counter()
    for key, n in names.items():
        d, _ = _resolve_key(key, table, None, None, types)
        if d is None:
            continue
        if province is not None and d.province_code != province.code:
            continue
        out[d.code] += n
    return out


def detect_report_region(text: str) -> RegionFinding:
    """The region of a report and the evidence, or None and the reason (module doc)."""
    table = load_divisions()
    t = _normalize_text(text)
    if (
        _NATIONAL_RE.search(t[:_HEAD])
        or _NATIONAL_DATELINE_RE.search(t[:400])
        or (len(t) > _HEAD and _NATIONAL_RE.search(t[-_TAIL:]))
    ):
        return RegionFinding(table.by_code[NATIONAL_CODE], "the State Council's report")
    word, word_evidence = _level_word(t)
    types = _WORD_TYPES.get(word) if word else None
    found, ambiguous = _anchored(t, table, types)
    if found:
        votes = Counter(d.code for d, _ in found)
        (code, n), *rest = [*votes.most_common(2), ("", 0)]
        if n > rest[0][1]:
            ev = next(e for d, e in found if d.code == code)
            return RegionFinding(table.by_code[code], ev)
        names = "、".join(table.by_code[c].name for c in votes)
        return RegionFinding(None, f"the title, congress line or signature name several: {names}")
    if types is None:
        why = "no title, congress line or signature names a division"
        if ambiguous:
            why += f" ({'、'.join(dict.fromkeys(ambiguous))} names several)"
        return RegionFinding(None, why + ", and the text does not say its level (全市, 全县 …)")
    return _by_mentions(t, table, types, word_evidence)


def _by_mentions(
    t: str, table: DivisionTable, types: frozenset[str], word_evidence: str
) -> RegionFinding:
    """No line names the region: the place the text keeps naming at its level.

    Short forms are also words (合作, 振兴, 太平), so a place needs *support*: its own
    mentions plus those of the places under it and above it (a city report names its
    counties and its province; a county-level city its prefecture or province; a word
    has none of these, and a place named without any of them is not taken). The best-
    supported place must clearly (1.5×) lead every place unrelated to it; within its
    family (a city and its county-level cities) the one named most is the report's
    (黄石 over 大冶 in 黄石's report, 大冶 over 黄石 in 大冶's).
    """
    names = _name_counts(t, table)
    everything: Counter[str] = Counter()  # mentions per division, any level
    for key, n in names.items():
        d, _ = _resolve_key(key, table)
        if d is not None:
            everything[d.code] += n
    raw = _tally(names, table, types)
    if not raw:
        return RegionFinding(None, f"no division of its level ({word_evidence}) is named")
    under: Counter[str] = Counter()
    for code, n in everything.items():
        d = table.by_code[code]
        up = d.parent_code
        while up and up != NATIONAL_CODE:
            under[up] += n
            up = table.by_code[up].parent_code
    support: Counter[str] = Counter()
    around: Counter[str] = Counter()  # mentions of the places under, above and around it
    for code, n in raw.items():
        d = table.by_code[code]
        above = {d.parent_code, d.province_code} - {code, NATIONAL_CODE, None}
        around[code] = under[code] + sum(everything[c] for c in above if c)
        support[code] = n + around[code]

    def related(a: Division, b: Division) -> bool:
        return a.code == b.code or table.is_within(a, b) or table.is_within(b, a)

    lead = table.by_code[support.most_common(1)[0][0]]
    rivals = [support[c] for c in support if not related(table.by_code[c], lead)]
    best = "、".join(f"{table.by_code[c].name}×{k}" for c, k in raw.most_common(3))
    if not around[lead.code]:
        # named, but nothing under, above or around it is: a word (合作), not a place
        return RegionFinding(None, f"no place at its level is named with its surroundings: {best}")
    if rivals and support[lead.code] < 1.5 * max(rivals):
        return RegionFinding(None, f"no place dominates at its level ({word_evidence}): {best}")
    family = Counter({c: n for c, n in raw.items() if related(table.by_code[c], lead)})
    top = _dominant(family, 3, 1.5)
    if top is None:
        return RegionFinding(None, f"no place dominates at its level ({word_evidence}): {best}")
    return RegionFinding(
        table.by_code[top[0]], f"named {top[1]}× at the report's level ({word_evidence})"
    )


def find_report_region(text: str) -> Division | None:
    """The division a report belongs to, or None when the text does not determine it."""
    return detect_report_region(text).division
