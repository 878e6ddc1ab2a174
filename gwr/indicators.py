"""Indicator catalog and resolver: map an indicator as worded in a report or a
spreadsheet (规上工业增加值增速, 社零, 全市GDP …) to a canonical `indicator_id` from
`data/reference/indicators.csv`.

Resolution runs in stages, the first that answers wins:

1. ``exact``       the text is a catalog ``name_zh`` (or an ``indicator_id``);
2. ``alias``       the text is one of the catalog ``aliases``;
3. ``normalized``  after `normalize` (full-width -> half-width, lower case, no blanks
                   or punctuation, 规上 -> 规模以上 and similar abbreviations; a trailing
                   unit in parentheses dropped, a qualifier in parentheses moved to the
                   front: 工业增加值(规上) -> 规上工业增加值, never dropped) the text,
                   or a variant with leading scope/verb words (全市, 力争, 完成 …) or
                   trailing measure words (增速, 增长率, 完成额 …) stripped, equals the
                   normalized name or alias of exactly one indicator. Stripping is only
                   ever accepted when the stripped form is in the catalog, so 进出口总额
                   stays a name and is never cut to 进出口;
4. ``contained``   the longest catalog name (4+ characters) that ends the wording, when
                   the words before it are a clause starting with a verb or a list
                   closed by 等, with the same contrast words (below) and a fitting
                   measure: 利用坡地林地新增中药材种植面积 -> herb_planting_area, but
                   never 民间固定资产投资 -> fixed_asset_investment; score = share of
                   the wording the name covers;
5. ``reworded``    how departments re-word a task in a progress sheet: the action
                   after the object (老旧小区改造数, 断头路打通), another verb of the same
                   kind (新建/建设/建成, 创建/争创), a count or size word appended (…数,
                   …个数, …面积, …长度), 新增 moved (养老床位新增). `core_of` strips these
                   from the catalog names and the wording alike; the cores must be equal
                   and owned by one indicator only, a building verb never meets a
                   renovating one (城市道路建设 is not 改造提升城市道路), and a count word
                   on a bare noun (5G基站数, 农村公路里程) is a total, never a flow;
6. ``fuzzy``       rapidfuzz ``ratio`` on normalized strings, at least ``threshold``
                   and ahead of the best *other* indicator by ``margin`` (a compatible
                   `measure` adds 1 point, an incompatible one takes 8); a candidate is
                   refused outright when it differs from the text in a contrast word
                   (城镇/农村, 第一/第二/第三产业, 进口/出口, 供水/排水, 规模以上 …), in
                   its digits and Latin letters (5G, 10亿级), in its first two
                   characters or its ending, or when it is the text minus some words
                   (a modifier: only ``contained`` may accept that);
7. ``provisional`` anything else: ``prov_<sha1(normalize(text))[:10]>``, deterministic.

Design decisions (documented in data/reference/README.md): 规模以上工业增加值 and
工业增加值 are different indicators; so are 城镇/农村/全体居民人均可支配收入 and the three
产业增加值. The combined wordings the extractor expands (城乡居民…分别…, 三次产业…分别…)
are not in the catalog; the extractor's expansions are.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from gwr.numbers import halfwidth

REPO_ROOT = Path(__file__).resolve().parents[1]

MEASURES = ("growth_pct", "pp_change", "ratio_pct", "count", "amount", "qualitative")
ACCUMULATIONS = ("flow", "rate", "stock")
COLUMNS = (
    "indicator_id", "name_zh", "name_en", "measure", "unit", "unit_base",
    "accumulation", "higher_is_better", "aliases", "departments",
)  # fmt: skip

DEFAULT_THRESHOLD = 86.0
DEFAULT_MARGIN = 4.0
CONTAINED_MIN_LEN = 4
# Verbs that mark the words before a catalog name as a clause (context), not a modifier.
_CONTEXT_VERBS = re.compile(
    "利用|推进|推动|加快|帮助|解决|实施|建设|启动|争创|创成|举办|完成|组建|培育|打造|引进"
    "|争取|开展|组织|落实|实现|达到|确保|力争|加强|提升|深化|支持|鼓励|促进|试点|化债"
    "|上门|主动|办理|发放|兑现|抓好|做好|抓实|新建|建成|开工|竣工|投产|扩大|稳定在|保持"
    "|有序|积极|全力|大力|着力|稳步|持续|继续|加大|财政部"
)

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")


def default_catalog_path() -> Path:
    """`$GWR_REFERENCE/indicators.csv`, else `<repo>/data/reference/indicators.csv`."""
    base = os.environ.get("GWR_REFERENCE")
    return (Path(base) if base else REPO_ROOT / "data" / "reference") / "indicators.csv"


# --------------------------------------------------------------------------- normalize

# Abbreviations expanded on both sides (catalog keys and queries). A long form maps to
# itself so that it is matched first and never re-expanded (第一产业 is not 第+一产+业).
ABBREVIATIONS: dict[str, str] = {
    "社零总额": "社会消费品零售总额",
    "社零额": "社会消费品零售总额",
    "社零": "社会消费品零售总额",
    "社会消费品零售总额": "社会消费品零售总额",
    "规模以上": "规模以上",
    "规上": "规模以上",
    "限额以上": "限额以上",
    "限上": "限额以上",
    "固定资产投资": "固定资产投资",
    "固投": "固定资产投资",
    "第一产业": "第一产业",
    "第二产业": "第二产业",
    "第三产业": "第三产业",
    "一产": "第一产业",
    "二产": "第二产业",
    "三产": "第三产业",
    "地区生产总值": "地区生产总值",
    "国内生产总值": "地区生产总值",
    "gdp": "地区生产总值",
    "主营业务收入": "主营业务收入",
    "主营收入": "主营业务收入",
    "r&d": "研发",
    "研究与试验发展": "研发",
}
_ABBR_RE = re.compile("|".join(map(re.escape, sorted(ABBREVIATIONS, key=len, reverse=True))))

# Leading scope words, verbs and modal words that never change what is measured.
PREFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            "全市",
            "全县",
            "全区",
            "全省",
            "全州",
            "全国",
            "我市",
            "我县",
            "我区",
            "本市",
            "今年",
            "全年",
            "年内",
            "年度",
            "预计",
            "力争",
            "确保",
            "争取",
            "实现",
            "完成",
            "达到",
            "保持",
            "累计",
            "其中",
            "培育",
            "打造",
            "建成",
            "实施",
            "推进",
            "开展",
            "组织",
            "拟安排",
            "拟发行",
            "启动",
            "举办",
            "创成",
            "争创",
            "有序推进",
            "主动",
            "帮助",
            "妥善",
            "加快建设",
            "拟按",
            "拟",
            "安排",
            "发行",
            "加快",
            "推动",
            "促进",
            "抓实",
            "当年",
            "本年",
            "本期",
            "1月",
            "当月",
        },
        key=len,
        reverse=True,
    )
)
_YEAR_PREFIX = re.compile(r"^(?:19|20)\d\d年(?:度)?(?:1-\d{1,2}月|\d{1,2}月|上半年|前三季度)?")

# Trailing measure words; only accepted when what is left is in the catalog.
SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            "增速",
            "增长率",
            "增长",
            "增幅",
            "同比增长",
            "比上年增长",
            "年均增长",
            "稳步增长",
            "稳定增长",
            "持续增长",
            "较快增长",
            "同比",
            "增减",
            "增长百分比",
            "完成额",
            "完成值",
            "完成情况",
            "完成数",
            "累计完成",
            "累计",
            "完成",
            "目标",
            "目标值",
            "任务",
            "等",
            "实际完成",
            "本期",
            "年度目标",
            "全年目标",
            "提高",
            "下降",
            "降低",
            "人数",
            "绝对额",
            "总额增长",
            "总量",
            "情况",
            "增长情况",
            "增长速度",
            "增速情况",
            "进度",
            "完成进度",
            "指标",
            "拟按",
            "拟安排",
            "安排",
            "建设质效",
            "质效",
            "落地降价",
            "降价",
            "工作",
        },
        key=len,
        reverse=True,
    )
)
_UNIT_TAIL = re.compile(r"[(（][^()（）]{0,12}[)）]$")
# A trailing parenthesised qualifier (not a unit): 规上, 规模以上, 限上, 新增, 城镇 …
_QUALIFIER_TAIL = re.compile(
    r"[(（](规上|规模以上|限上|限额以上|新增|净增|累计|城镇|农村|城乡|全市|全县|市级|省级)[)）]$"
)
_PAREN = re.compile(r"[(（][^()（）]*[)）]")


def _strip_marks(text: str) -> str:
    """Drop whitespace, punctuation and symbols; keep letters, digits, '&' and a '.'
    between two digits (PM2.5)."""
    kept = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        decimal_point = (
            ch == "." and 0 < i < last and text[i - 1].isdigit() and text[i + 1].isdigit()
        )
        if unicodedata.category(ch)[0] in "LN" or ch == "&" or decimal_point:
            kept.append(ch)
    return "".join(kept)


def _expand(text: str) -> str:
    return _ABBR_RE.sub(lambda m: ABBREVIATIONS[m.group(0)], text)


def normalize(text: str) -> str:
    """The comparison key: half-width, lower case, no whitespace or punctuation,
    abbreviations expanded. Idempotent."""
    if not isinstance(text, str):  # None (and anything unhashable) bypasses the memo
        return _normalize(text)
    return _normalize_memo(text)


def _normalize(text: str) -> str:
    s = unicodedata.normalize("NFKC", halfwidth(text or "")).lower()
    s = _strip_marks("".join(s.split()))
    return _expand(s)


# A pure function of its text, called several times per wording (the variants, the
# provisional id) and for the same wordings in report after report.
_normalize_memo = functools.lru_cache(maxsize=1 << 16)(_normalize)


def _variants(raw: str) -> list[str]:
    """Normalized variants of `raw`, fewest edits first: as written, without
    parenthesised parts or a trailing unit, then with prefixes/suffixes stripped."""
    text = unicodedata.normalize("NFKC", halfwidth(raw or "")).strip()
    firsts: list[str] = []
    full_sig = _signature(normalize(text))[:-1]  # contrast words; digits may be a period
    for candidate in (text, _UNIT_TAIL.sub("", text), _PAREN.sub("", text)):
        key = normalize(candidate)
        # A parenthesis that says 规上, 城镇, 新增 … is part of the name, not a unit:
        # 工业增加值(规上) must not become 工业增加值.
        if key and key not in firsts and (not firsts or _signature(key)[:-1] == full_sig):
            firsts.append(key)
    # A trailing qualifier in parentheses, moved to the front: 工业增加值(规上) ->
    # 规上工业增加值, 省级企业技术中心（新增） -> 新增省级企业技术中心.
    m = _QUALIFIER_TAIL.search(text)
    if m:
        key = normalize(m.group(1) + text[: m.start()])
        if key and key not in firsts:
            firsts.append(key)
    seen = set(firsts)
    out = list(firsts)
    frontier = list(firsts)
    for _depth in range(4):
        nxt: list[str] = []
        for key in frontier:
            for stripped in _strip_once(key):
                if len(stripped) >= 2 and stripped not in seen:
                    seen.add(stripped)
                    nxt.append(stripped)
        out.extend(nxt)
        frontier = nxt
        if not frontier:
            break
    return out


def _strip_once(key: str) -> list[str]:
    out: list[str] = []
    m = _YEAR_PREFIX.match(key)
    if m and m.end() < len(key):
        out.append(key[m.end() :])
    if key.startswith(PREFIXES):  # one C-level test first: most keys have none
        for p in PREFIXES:
            if key.startswith(p) and len(key) > len(p):
                out.append(key[len(p) :])
    if key.endswith(SUFFIXES):
        for s in SUFFIXES:
            if key.endswith(s) and len(key) > len(s):
                out.append(key[: -len(s)])
    return out


# ------------------------------------------------------------------ reworded cores

# How departments re-word a report's task: the action moved after the object
# (改造老旧小区 -> 老旧小区改造, 打通断头路 -> 断头路打通), another action verb for the
# same task (新建/建设/建成, 争创/创建, 升级改造/改造提升), a count or size word appended
# (…数, …个数, …面积, …长度), 新增 moved (养老床位新增, 规上工业企业新增数). `core` strips
# these from both the catalog names and the wording; a core that two indicators share
# is dropped, so 规上工业企业 (new) and 规上工业企业数 (total) never meet through it.
# None of these words is a contrast word, and 新增 is kept (moved to the front).
_CORE_LEAD: tuple[str, ...] = tuple(
    sorted(
        {
            "新建", "建设", "建成", "新改建", "新改扩建", "改扩建", "新建改建", "新建改造",
            "改造", "升级改造", "改造提升", "提升改造", "更新改造", "改造整治", "整治",
            "提升", "打通", "创建", "争创", "创成", "打造", "新打造", "实施", "推进",
            "有序推进", "开工", "启动", "完成", "培育", "新培育", "培引", "筹集", "筹建",
            "筹集建设", "治理", "综合治理", "竣工投产", "建成投运", "投产", "开展",
            "组织", "加快", "推动", "抓实", "创建晋级", "晋级", "备案", "评价",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
_CORE_TAIL: tuple[str, ...] = tuple(
    sorted(
        {
            "建设", "新建", "建成", "改造", "升级改造", "改造提升", "提升改造", "更新改造",
            "改造整治", "整治", "提升", "打通", "创建", "创建晋级", "晋级", "开工",
            "启动", "编制", "培育", "筹建", "治理", "综合治理", "竣工投产", "投产",
            "完成", "入库", "评价入库", "备案入库", "备案", "新改建", "新改扩建",
            "打造", "筹集", "筹集建设", "加装", "争创",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
_CORE_COUNT_TAIL: tuple[str, ...] = (
    "个数", "数量", "人数", "户数", "家数", "条数", "处数", "所数", "座数", "部数",
    "张数", "面积", "长度", "里程", "数",
)  # fmt: skip
_CORE_KEEP_TAIL = ("总数", "指数", "系数", "倍数", "总面积", "总里程", "总长度")
_NEW = "新增"


# Building something and renovating something are different tasks: 城市道路建设 is not
# 改造提升城市道路. Verbs of neither kind (打通, 创建, 培育 …) go with either.
_BUILD_VERBS = frozenset({"新建", "建设", "建成", "筹建", "筹集建设"})
_RENOVATE_VERBS = frozenset(
    {"改造", "升级改造", "改造提升", "提升改造", "更新改造", "改造整治", "整治", "提升"}
)


# An action word inside the wording: 老旧小区加装电梯数 counts what was done, not a total.
_ACTION_WORDS = {
    *_CORE_LEAD,
    *_CORE_TAIL,
    "加装",
    "引进",
    "转化",
    "培训",
    "撤并",
    "落地",
    "出栏",
    "接待",
    "签约",
    "种植",
}
_ACTION_ANYWHERE = re.compile(
    "|".join(sorted(map(re.escape, _ACTION_WORDS), key=len, reverse=True))
)
# 投资超5亿元 and 投资5亿元以上 say the same.
_OVER_AMOUNT = re.compile(r"超(\d+(?:\.\d+)?(?:万|亿)?元)")


@dataclass(frozen=True)
class Core:
    key: str  # the wording without action verbs and count/size words, 新增 in front
    kinds: frozenset[str]  # "build" / "renovate": the kinds of action verb stripped
    bare_count: bool  # a count/size word was stripped from a bare noun (no verb, no 新增)


@functools.lru_cache(maxsize=1 << 15)
def core_of(key: str) -> Core:
    """`Core` of a normalized key: 城镇老旧小区改造数 -> 城镇老旧小区 (renovate),
    养老床位新增 -> 新增养老床位, 5G基站数 -> 5G基站 (bare count)."""
    k = _OVER_AMOUNT.sub(r"\1以上", key)
    verbs: list[str] = []
    counted = False
    for _round in range(6):
        before = k
        # each loop behind one C-level test: most keys have none of the words
        if k.endswith(_CORE_COUNT_TAIL) and not k.endswith(_CORE_KEEP_TAIL):
            for t in _CORE_COUNT_TAIL:
                if k.endswith(t) and len(k) - len(t) >= 2:
                    k = k[: -len(t)]
                    counted = True
                    break
        for t in _CORE_TAIL if k.endswith(_CORE_TAIL) else ():
            if k.endswith(t) and len(k) - len(t) >= 2:
                k = k[: -len(t)]
                verbs.append(t)
                break
        for h in _CORE_LEAD if k.startswith(_CORE_LEAD) else ():
            if k.startswith(h) and len(k) - len(h) >= 2:
                k = k[len(h) :]
                verbs.append(h)
                break
        if k == before:
            break
    i = k.find(_NEW)
    if i > 0:
        k = _NEW + k[:i] + k[i + len(_NEW) :]
    kinds = frozenset(
        kind
        for v in verbs
        for kind, vs in (("build", _BUILD_VERBS), ("renovate", _RENOVATE_VERBS))
        if v in vs
    )
    acted = bool(verbs) or k.startswith(_NEW) or _ACTION_ANYWHERE.search(key) is not None
    return Core(k, kinds, counted and not acted)


def core(key: str) -> str:
    """`core_of(key).key`."""
    return core_of(key).key


# ------------------------------------------------------------------- contrast guards

# Words that distinguish otherwise similar indicators. Each group maps a word to a class;
# a fuzzy candidate is refused when the classes found in it and in the text differ.
_CONTRAST_GROUPS: tuple[dict[str, str], ...] = (
    {
        "城镇": "urban",
        "城市": "urban",
        "城区": "urban",
        "农村": "rural",
        "农民": "rural",
        "乡村": "rural",
        "城乡": "both",
        "全体居民": "all",
    },
    {
        "第一产业": "1",
        "第二产业": "2",
        "第三产业": "3",
        "服务业": "3",
        "工业": "2i",
        "产业": "ind",
        "建筑业": "2c",
        "农业": "1a",
        "农林牧渔": "1",
    },
    {"进出口": "both", "出口": "ex", "进口": "im"},
    {"收入": "in", "营收": "in", "支出": "out", "投入": "out"},
    {"供排水": "ws_d", "供水": "ws", "排水": "d", "燃气": "gas", "污水": "sew"},
    {
        "养老": "pension",
        "医疗": "medical",
        "医保": "medical",
        "失业": "unemp",
        "工伤": "injury",
        "生育": "maternity",
    },
    {"存款": "dep", "贷款": "loan"},
    {"规模以上": "above", "限额以上": "quota"},
    {
        "增加值": "va",
        "总产值": "output",
        "产值": "output",
        "营业收入": "rev",
        "主营业务收入": "rev",
        "税收": "tax",
    },
    {"岸线": "shore", "道路": "road", "公路": "road"},
    {"生猪": "hog", "肉牛": "cattle", "黄羊": "goat", "牛羊": "cattle_goat", "家禽": "poultry"},
    {"出栏": "out", "饲养量": "stock", "存栏": "stock"},
    {"死亡": "death", "起数": "events", "损失": "loss"},
    {"较大": "major", "重大": "major", "特大": "major", "重特大": "major", "一般": "minor"},
    {"治安": "order", "刑事": "criminal"},
    {
        "小学": "primary",
        "初中": "junior",
        "高中": "senior",
        "幼儿园": "kinder",
        "学前": "kinder",
        "义务教育": "compulsory",
        "高校": "college",
    },
    {
        "率": "rate",
        "占比": "share",
        "占": "share",
        "比重": "share",
        "强度": "intensity",
        "收入比": "ratio",
        "指数": "index",
    },
    {"总数": "total", "总量": "total", "新增": "new", "净增": "new"},
    {
        "国家": "nat",
        "国家级": "nat",
        "省级": "prov",
        "省市级": "prov_city",
        "市级": "city",
        "县级": "county",
    },
    {"空气": "air", "水质": "water", "水环境": "water", "地表水": "water", "土壤": "soil"},
    {"营造林": "forest", "森林": "forest", "草原": "grass", "湿地": "wetland"},
    {"人均": "per_capita", "单位": "per_unit", "每万人": "per_10k", "每千人": "per_1k"},
    {"能耗": "energy", "能源": "energy", "二氧化碳": "co2", "碳排放": "co2", "用水": "water"},
    {"专项债": "bond", "预算内": "budget", "再融资": "refi", "特别国债": "special"},
)
_CONTRAST_RES = tuple(
    re.compile("|".join(sorted(map(re.escape, g), key=len, reverse=True))) for g in _CONTRAST_GROUPS
)
_DIGITS_LATIN = re.compile(r"[0-9a-z.]+")


_NO_CLASS: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1 << 15)
def _signature(key: str) -> tuple[frozenset[str], ...]:
    sig = []
    for group, rx in zip(_CONTRAST_GROUPS, _CONTRAST_RES, strict=True):
        found = rx.findall(key)  # the patterns have no groups: the words matched
        sig.append(frozenset(map(group.__getitem__, found)) if found else _NO_CLASS)
    sig.append(frozenset(_DIGITS_LATIN.findall(key)))
    return tuple(sig)


def contradicts(a: str, b: str) -> bool:
    """True when two normalized keys differ in a contrast word or in digits/Latin."""
    return _signature(a) != _signature(b)


# ----------------------------------------------------------------------- the catalog


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    name_zh: str
    name_en: str
    measure: str
    unit: str
    unit_base: str
    accumulation: str
    higher_is_better: bool
    aliases: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name_zh, *self.aliases)


@dataclass(frozen=True)
class Resolution:
    indicator_id: str
    method: str  # exact | alias | normalized | contained | reworded | fuzzy | provisional
    score: float
    provisional: bool = False
    best_candidate: str | None = None  # closest catalog indicator, also when provisional
    best_score: float = 0.0


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split("|") if p.strip())


def _bool(cell: str) -> bool:
    v = (cell or "").strip().lower()
    if v in ("true", "1", "yes", "t", "y"):
        return True
    if v in ("false", "0", "no", "f", "n"):
        return False
    raise ValueError(f"higher_is_better must be true/false, got {cell!r}")


class CatalogError(ValueError):
    """The catalog CSV is malformed or ambiguous."""


@dataclass
class Catalog:
    indicators: tuple[Indicator, ...]
    path: Path | None = None
    _by_id: dict[str, Indicator] = field(default_factory=dict, repr=False)
    _by_key: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Indicator] = {}
        by_key: dict[str, str] = {}
        for ind in self.indicators:
            if ind.indicator_id in by_id:
                raise CatalogError(f"duplicate indicator_id {ind.indicator_id}")
            by_id[ind.indicator_id] = ind
        for ind in self.indicators:
            for name in ind.names:
                key = normalize(name)
                if not key:
                    raise CatalogError(f"{ind.indicator_id}: empty name or alias {name!r}")
                owner = by_key.setdefault(key, ind.indicator_id)
                if owner != ind.indicator_id:
                    raise CatalogError(
                        f"name/alias {name!r} (key {key!r}) belongs to both "
                        f"{owner} and {ind.indicator_id}"
                    )
        self._by_id = by_id
        self._by_key = by_key

    # construction -----------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | str | None = None) -> Catalog:
        p = Path(path) if path is not None else default_catalog_path()
        with p.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = set(COLUMNS) - set(reader.fieldnames or ())
            if missing:
                raise CatalogError(f"{p}: missing columns {sorted(missing)}")
            rows = list(reader)
        indicators = []
        for n, row in enumerate(rows, start=2):
            try:
                indicators.append(cls._row(row))
            except ValueError as exc:
                raise CatalogError(f"{p}:{n}: {exc}") from exc
        return cls(tuple(indicators), path=p)

    @staticmethod
    def _row(row: dict[str, str]) -> Indicator:
        iid = (row["indicator_id"] or "").strip()
        if not _ID_RE.match(iid):
            raise ValueError(f"indicator_id {iid!r} is not snake_case ASCII")
        measure = row["measure"].strip()
        if measure not in MEASURES:
            raise ValueError(f"{iid}: measure {measure!r} not in {MEASURES}")
        acc = row["accumulation"].strip()
        if acc not in ACCUMULATIONS:
            raise ValueError(f"{iid}: accumulation {acc!r} not in {ACCUMULATIONS}")
        return Indicator(
            indicator_id=iid,
            name_zh=row["name_zh"].strip(),
            name_en=row["name_en"].strip(),
            measure=measure,
            unit=(row["unit"] or "").strip(),
            unit_base=(row["unit_base"] or "").strip(),
            accumulation=acc,
            higher_is_better=_bool(row["higher_is_better"]),
            aliases=_split(row["aliases"]),
            departments=_split(row["departments"]),
        )

    # access ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.indicators)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id

    def get(self, indicator_id: str) -> Indicator | None:
        return self._by_id.get(indicator_id)

    def __getitem__(self, indicator_id: str) -> Indicator:
        return self._by_id[indicator_id]

    @property
    def keys(self) -> dict[str, str]:
        """normalized name or alias -> indicator_id."""
        return dict(self._by_key)

    def lookup_key(self, key: str) -> str | None:
        return self._by_key.get(key)

    def fingerprint(self) -> str:
        """Hash of the catalog's content (every field of every indicator, in order): two
        catalogs with the same fingerprint resolve every wording alike."""
        digest = hashlib.sha256()
        for ind in self.indicators:
            digest.update(repr(ind).encode("utf-8"))
            digest.update(b"\n")
        return digest.hexdigest()[:16]

    def to_records(self) -> list[dict[str, object]]:
        return [
            {
                "indicator_id": i.indicator_id,
                "name_zh": i.name_zh,
                "name_en": i.name_en,
                "measure": i.measure,
                "unit": i.unit or None,
                "unit_base": i.unit_base or None,
                "accumulation": i.accumulation,
                "higher_is_better": i.higher_is_better,
                "aliases": "|".join(i.aliases) or None,
                "departments": "|".join(i.departments) or None,
            }
            for i in self.indicators
        ]


# ---------------------------------------------------------------------- the resolver

_LEVEL = frozenset({"amount", "count", "growth_pct"})
_RATIO = frozenset({"ratio_pct", "pp_change"})


def measure_compatible(stated: str | None, catalog_measure: str) -> bool:
    """Can an indicator normally stated as `catalog_measure` be stated as `stated`?
    Levels (amount, count) and their growth go together; ratios and their
    percentage-point changes go together; qualitative goes with anything."""
    if not stated or stated == "qualitative" or catalog_measure == "qualitative":
        return True
    if stated in _LEVEL:
        return catalog_measure in _LEVEL
    if stated in _RATIO:
        return catalog_measure in _RATIO
    return True


def provisional_id(text: str) -> str:
    key = normalize(text) or (text or "").strip()
    return "prov_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


class Resolver:
    def __init__(
        self,
        catalog: Catalog | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
    ) -> None:
        self.catalog = catalog if catalog is not None else Catalog.load()
        self.threshold = threshold
        self.margin = margin
        self._exact = {i.name_zh.strip(): i.indicator_id for i in self.catalog}
        self._exact.update({i.indicator_id: i.indicator_id for i in self.catalog})
        self._alias = {a.strip(): i.indicator_id for i in self.catalog for a in i.aliases}
        self._keys = self.catalog.keys
        self._choices = list(self._keys)
        self._cores = self._core_map()
        self._sigs: dict[str, tuple[frozenset[str], ...]] = {}  # filled lazily
        self._cache: dict[tuple[str, str | None], Resolution] = {}

    def resolve(self, text: str, measure: str | None = None) -> Resolution:
        ck = (text, measure)
        hit = self._cache.get(ck)
        if hit is None:
            hit = self._resolve(text or "", measure)
            self._cache[ck] = hit
        return hit

    def resolve_many(
        self, texts: Iterable[str], measures: Sequence[str | None] | None = None
    ) -> list[Resolution]:
        items = list(texts)
        ms: Sequence[str | None] = measures if measures is not None else [None] * len(items)
        if len(ms) != len(items):
            raise ValueError("texts and measures differ in length")
        return [self.resolve(t, m) for t, m in zip(items, ms, strict=True)]

    # ------------------------------------------------------------------------------

    def _resolve(self, text: str, measure: str | None) -> Resolution:
        raw = text.strip()
        if raw in self._exact:
            iid = self._exact[raw]
            return Resolution(iid, "exact", 100.0, False, iid, 100.0)
        if raw in self._alias:
            iid = self._alias[raw]
            return Resolution(iid, "alias", 100.0, False, iid, 100.0)
        variants = _variants(raw)
        for key in variants:
            iid = self._keys.get(key)
            if iid is not None:
                return Resolution(iid, "normalized", 100.0, False, iid, 100.0)
        if not variants:
            return Resolution(provisional_id(raw), "provisional", 0.0, True, None, 0.0)
        contained = self._contained(variants, measure)
        if contained is not None:
            iid, score = contained
            return Resolution(iid, "contained", score, False, iid, score)
        reworded = self._reworded(variants, measure)
        if reworded is not None:
            return Resolution(reworded, "reworded", 95.0, False, reworded, 95.0)
        best_id, best, ok = self._fuzzy(variants, measure)
        if ok and best_id is not None:
            return Resolution(best_id, "fuzzy", round(best, 2), False, best_id, round(best, 2))
        return Resolution(provisional_id(raw), "provisional", 0.0, True, best_id, round(best, 2))

    def _core_map(self) -> dict[str, str]:
        """core of every catalog name and alias -> indicator, for cores only one
        indicator has. An indicator with a 新增 name, or a flow of things counted,
        also owns 新增 + its other cores (新增省级上市后备企业 for 省级上市后备企业)."""
        owners: dict[str, set[str]] = {}
        kinds: dict[str, set[str]] = {}
        for ind in self.catalog:
            cores = [core_of(normalize(n)) for n in ind.names]
            keys = {c.key for c in cores}
            # 新增 + the thing: for an indicator already worded with 新增, or one that
            # counts things made in the period (打造消费新场景 -> 新增消费新场景).
            made = ind.accumulation == "flow" and ind.measure == "count"
            if made or any(k.startswith(_NEW) for k in keys):
                keys |= {_NEW + k for k in keys if not k.startswith(_NEW)}
            for k in keys:
                owners.setdefault(k, set()).add(ind.indicator_id)
            kinds[ind.indicator_id] = {kind for c in cores for kind in c.kinds}
        self._core_kinds = {iid: frozenset(k) for iid, k in kinds.items()}
        return {c: next(iter(ids)) for c, ids in owners.items() if len(ids) == 1 and len(c) >= 2}

    def _reworded(self, variants: list[str], measure: str | None) -> str | None:
        """The one indicator whose core equals the core of a variant of the wording,
        unless the wording builds what the indicator renovates (or the reverse), or
        counts a bare noun (5G基站数, 农村公路里程: a total) that the indicator adds
        to (a flow)."""
        found = set()
        for v in variants:
            c = core_of(v)
            iid = self._cores.get(c.key)
            if iid is None:
                continue
            ind = self.catalog[iid]
            if not measure_compatible(measure, ind.measure):
                continue
            own = self._core_kinds[iid]
            if own and not c.kinds <= own:
                continue
            if c.bare_count and ind.accumulation == "flow":
                continue
            found.add(iid)
        return next(iter(found)) if len(found) == 1 else None

    def _sig(self, key: str) -> tuple[frozenset[str], ...]:
        sig = self._sigs.get(key)
        if sig is None:
            sig = self._sigs[key] = _signature(key)
        return sig

    def _contained(self, variants: list[str], measure: str | None) -> tuple[str, float] | None:
        """The longest catalog name (`CONTAINED_MIN_LEN`+ characters) that ends a
        longer wording, when the words before it are a clause starting with a verb
        (利用坡地林地|新增中药材种植面积) or a list closed by 等 (…等|现代服务业项目).
        Refused when the wording says something the name contradicts (contrast words,
        digits), the stated measure does not fit, the name follows 和/及/与/或, or
        another indicator fits equally well. Score: the share of the wording the name
        covers, in percent."""
        found: dict[str, tuple[int, float]] = {}
        for v in variants:
            # Only the longest name that ends the wording counts: when it is refused,
            # a shorter one would cut through it (民间|实际利用|外商直接投资).
            tail = next(
                (v[i:] for i in range(1, len(v) - CONTAINED_MIN_LEN + 1) if v[i:] in self._keys),
                None,
            )
            if tail is None:
                continue
            head = v[: len(v) - len(tail)]
            # The head must read as context, not as a modifier that changes what is
            # measured (外商投资企业|地区生产总值, 民间|固定资产投资): a clause that starts
            # with a verb (利用坡地林地|…) or a list closed by 等. A head ending in
            # 和/及/与/或 makes the name the second half of a combined wording.
            if head[-1] in "和及与或":
                continue
            if not (head.endswith("等") or _CONTEXT_VERBS.match(head)):
                continue
            if self._sig(tail) != self._sig(v):
                continue
            iid = self._keys[tail]
            if not measure_compatible(measure, self.catalog[iid].measure):
                continue
            cand = (len(tail), round(100.0 * len(tail) / len(v), 2))
            if iid not in found or cand > found[iid]:
                found[iid] = cand
        if not found:
            return None
        ranked = sorted(found.items(), key=lambda kv: kv[1], reverse=True)
        (iid, (length, share)), rest = ranked[0], ranked[1:]
        if rest and rest[0][1][0] == length:
            return None  # two indicators fit equally well: do not guess
        return iid, share

    def _fuzzy(self, variants: list[str], measure: str | None) -> tuple[str | None, float, bool]:
        """Best indicator by fuzzy score over the variants; ok when it clears the
        threshold, no contrast word contradicts it, and the runner-up is far enough."""
        per_ind: dict[str, float] = {}
        raw_best: dict[str, float] = {}
        for v in variants[:6]:
            vsig = self._sig(v)
            for key, score, _ in process.extract(
                v, self._choices, scorer=fuzz.ratio, limit=12, score_cutoff=50
            ):
                iid = self._keys[key]
                raw_best[iid] = max(raw_best.get(iid, 0.0), score)
                if self._sig(key) != vsig:
                    continue
                if v[:2] not in key or key[:2] not in v or not set(v[-2:]) & set(key[-2:]):
                    # a different first word or ending: the wording adds a modifier or a
                    # head noun (民间|税收收入占…, …|营业收入), it is not a variant
                    continue
                if key in v:
                    # the wording is a catalog name plus more words: a modifier, not a
                    # typo (民间|固定资产投资); only the stricter `contained` may accept it
                    continue
                adj = score
                if measure is not None:
                    ind = self.catalog[iid]
                    adj += 1.0 if measure_compatible(measure, ind.measure) else -8.0
                per_ind[iid] = max(per_ind.get(iid, 0.0), adj)
        if not per_ind:
            if raw_best:
                iid = max(sorted(raw_best), key=lambda k: raw_best[k])
                return iid, raw_best[iid], False
            return None, 0.0, False
        ranked = sorted(per_ind.items(), key=lambda kv: (-kv[1], kv[0]))
        best_id, best = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        ok = best >= self.threshold and best - second >= self.margin
        return best_id, min(best, 100.0), ok
