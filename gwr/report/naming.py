"""Indicator naming: short, self-contained names for what a statement measures.

The extractor finds a subject phrase before each number; this module turns it
into a name that stands on its own:

* :func:`inherit_subject` -- a generic head (``总投资``, ``投资总额``, ``总量``,
  ``营收``, ``占比`` …) names nothing by itself; it takes the subject of the list
  or clause it belongs to (``实施产业项目334个、总投资750亿元`` ->
  ``产业项目总投资``; ``新增国家高新技术企业32户、总量达到96户`` ->
  ``国家高新技术企业总量``);
* :func:`subject_noun` -- the noun phrase at the start of a subject or clause,
  without an action verb before it (``实施``, ``抓实``, ``新储备``) or a
  predicate after it (``市属国企实体化市场化转型开始起步`` -> ``市属国企``,
  ``民生投入只增不减`` -> ``民生投入``);
* :func:`clean_indicator` -- the report's own region (``广东地区生产总值``,
  ``我国国内生产总值``), time words (``年末``, ``连续6年``, a trailing ``全年``),
  a headline before ``丨`` and connectives (``实现营收`` -> ``营收``, a trailing
  ``预期``/``确定``) are dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gwr.regions import division_names, resolve, strip_region_prefix

__all__ = [
    "GENERIC_HEADS",
    "clean_indicator",
    "cut_predicate",
    "inherit_subject",
    "is_generic_head",
    "region_names",
    "reorder_count_noun",
    "strip_region_prefix",
    "subject_noun",
]

#: Heads that name a measure but not its subject.
GENERIC_HEADS = (
    "投资", "总投资", "投资总额", "完成投资", "计划总投资", "投资额", "总量", "总数", "数量",
    "营收", "营业收入", "主营业务收入", "利润", "利润总额", "税收", "产值", "总产值", "增加值",
    "占比", "比重", "增速", "增幅", "规模", "到位资金", "投资完成率", "资产总额",
)  # fmt: skip
_GENERIC_SET = frozenset(GENERIC_HEADS)
_GENERIC_BY_LEN = tuple(sorted(GENERIC_HEADS, key=len, reverse=True))

#: Action verbs before the noun of a count (实施产业项目334个 -> 产业项目).
_ACTION_VERBS = (
    "开工建设", "新(?=储备)", "新实施", "实施", "抓实", "抓好", "推进", "谋划", "新建",
    "建设", "新增", "引进", "培育", "争取", "开工", "储备了", "完成", "累计",
)  # fmt: skip
_ACTION_RE = re.compile("^(?:" + "|".join(_ACTION_VERBS) + ")(?=..)")
_TRAIL_ACTION_RE = re.compile("(?<=..)(?:建设|工作|任务)$")

#: Noun endings after which a subject may go on with a predicate.
_NOUN_ENDS = (
    "国企", "企业", "项目", "集群", "主体", "投入", "支出", "收入", "增速", "增幅", "产业",
    "经济", "总量", "规模", "资金", "人口", "园区", "行业", "外贸", "消费", "财政", "税收",
)  # fmt: skip
_NOUN_END_RE = re.compile("|".join(sorted(_NOUN_ENDS, key=len, reverse=True)))
#: What follows a noun in a predicate (逐季攀升, 只增不减, 实体化…转型开始起步).
_PRED_START_RE = re.compile(
    r"(?:逐[季月年]|持续|稳步|只增不减|不断|实现|保持|稳中|明显|大幅|加快|开始|全面|"
    r"[^，。；、]{1,10}(?:起步|攀升|向好|回升|好转|提升|增长|改善|扩大|加速|推进))"
)

_TIME_LEAD_RE = re.compile(
    r"^(?:年末|年底|年初|全年|今年|去年|上半年|下半年|前三季度|连续\d{1,2}年|"
    r"(?:19|20)\d{2}年(?:底|末|前)?)+"
)
_TIME_TAIL_RE = re.compile(r"(?<=..)(?:全年|今年|上半年|预期|预计|确定)$")
_CONNECTIVE_RE = re.compile(
    r"(?<=..)(?:实现|完成了|达到了)(?=营收|营业收入|主营业务收入|收入|产值|总产值|增加值|利润|税收|交易额|销售额)"
)
def region_names(region: str | None) -> tuple[str, ...]:
    """Prefixes naming the report's own region, from the division table (``广东省`` ->
    广东省, 广东; ``甘孜州`` -> 甘孜藏族自治州, 甘孜州, 甘孜); the State Council's report
    says 我国. A name that resolves to no division is only itself (never cut by a guess)."""
    if not region:
        return ()
    division = resolve(region)
    if (division is not None and division.is_national) or region in ("全国", "中国"):
        return ("我国",)
    if division is None:
        return (region,)
    return division_names(division)


def is_generic_head(s: str) -> bool:
    """True for a head that names a measure but no subject (总投资, 占比, 营收)."""
    return s in _GENERIC_SET


def subject_noun(s: str) -> str:
    """The noun phrase that a subject or clause is about (see module doc)."""
    s = s.strip("，、：；,“”")
    if "等" in s[2:]:
        s = s[s.rindex("等") + 1 :] or s
    while True:
        m = _ACTION_RE.match(s)
        if not m:
            break
        s = s[m.end() :]
    s = _TRAIL_ACTION_RE.sub("", s)
    return cut_predicate(s)


def cut_predicate(s: str) -> str:
    """``s`` without a predicate after its first noun (``GDP增速逐季攀升`` -> ``GDP增速``)."""
    for m in _NOUN_END_RE.finditer(s):
        rest = s[m.end() :]
        if rest and _PRED_START_RE.match(rest) and not _NOUN_END_RE.match(rest):
            return s[: m.end()]
    return s


_NOUN_PRED_RE = re.compile(
    r"^(项目|企业|科学家|[^，、“”]{2,6}?(?:作品|馆))"
    r"((?:一年内|当年)?(?:建成|投产|投用|开工|竣工|落地|签约|达产|完工|当选|入选|入列|获评|获得)"
    r"[^，、]{0,10})$"
)


def reorder_count_noun(tail: str) -> str:
    """``项目建成投运`` -> ``建成投运项目``: the noun of a count after its predicate."""
    m = _NOUN_PRED_RE.match(tail)
    if m is None:
        return tail
    return m.group(2) + m.group(1)


def _generic_tail(s: str) -> str | None:
    return next((h for h in _GENERIC_BY_LEN if s.endswith(h)), None)


def inherit_subject(head: str, subject: str) -> str:
    """``head`` (a generic head, maybe with a connective) named by ``subject``'s noun."""
    noun = subject_noun(subject)
    if not noun or noun == head:
        return head
    g = _generic_tail(noun)
    if g is not None and len(noun) > len(g):
        noun = noun[: -len(g)]  # 市属国企资产总额、营业收入 -> 市属国企营业收入
        if not noun or noun.endswith(("完成", "实现")):
            return head
    elif g is not None:
        return head
    if head.startswith("占") and not head.startswith("占比"):
        name = noun + head
        return name if name.endswith(("比重", "比例", "份额", "比")) else name + "比重"
    return noun + head


_TIME_LEAD_CHARS = frozenset("年全今去上下前连12")
_TIME_TAILS = ("全年", "今年", "上半年", "预期", "预计", "确定")
_CONNECTIVES = ("实现", "完成了", "达到了")


@lru_cache(maxsize=8192)
def clean_indicator(s: str, regions: tuple[str, ...] = ()) -> str:
    """Drop a headline, the report's region, time words and connectives (module doc)."""
    if "丨" in s:
        s = s[s.rindex("丨") + 1 :]
    for _ in range(2):
        before = s
        if s and s[0] in _TIME_LEAD_CHARS:
            m = _TIME_LEAD_RE.match(s)
            if m and len(s) - m.end() >= 2:
                s = s[m.end() :]
        for r in regions:
            if s.startswith(r) and len(s) - len(r) >= 2 and s[len(r)] != "的":
                s = s[len(r) :]
                break
        if s == before:
            break
    if s.endswith(_TIME_TAILS):
        s = _TIME_TAIL_RE.sub("", s)
    if s.endswith("等") and len(s) > 3:
        s = s[:-1]  # 中省预算内、债券资金等
    if any(c in s for c in _CONNECTIVES):
        s = _CONNECTIVE_RE.sub("", s)
    return s
