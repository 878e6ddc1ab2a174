"""Qualitative items: number-less items of a main-targets list.

* ``…稳步增长`` (``=``), ``…增速不低于全省平均水平`` (``>=``, benchmark 全省平均水平),
  ``…和经济增长同步`` (``=``, benchmark 经济增长), ``…完成省下达的目标任务`` (``=``,
  benchmark 省下达的目标任务), slogans (``提质提效``), ``保持正增长``, ``保持合理水平``,
  ``X、Y均完成省下达`` (one row per subject), ``A实现正增长、B稳中提质`` (one row per
  predicate), any subject + predicate (``重大金融风险有效防控``, ``就业稳定``);
  ``努力实现/力争实现 X`` (the item is X), ``完成…目标`` (``完成节能减排…改善目标``),
  slogans ``量质齐升``; general tasks (``高质量完成“十四五”规划目标任务``), an item
  whose object is a work task (``…工作任务``: an activity, not an outcome) and prose
  are not.
* A list opens after ``主要预期目标``/``努力目标为：`` (also under a standalone
  heading ``今年预期目标``, read on the next paragraph); without a lead, a sentence
  that lists >= 2 numeric targets reads its later number-less items as
  qualitative targets until one is no target phrase.  A sentence naming the targets
  as a noun (``…等主要目标的统筹平衡``) is no lead: the list has ended.

Pinned by tests/report/test_extract_rules.py and test_extract_outline_and_lists.py.
"""

from __future__ import annotations

import re

from .candidates import Candidate, SentenceContext
from .enumerations import LIST_JOIN_RE
from .subjects import strip_tail

#: a heading that is only the targets list's title: 今年预期目标, 2024年主要目标：
TARGET_HEADING_RE = re.compile(r"(?:主要|预期|发展)目标[是为]?[：:。*]*$|主要指标[：:。*]*$")
MAIN_TARGET_RE = re.compile(r"主要(?:预期)?目标|预期目标|主要指标|发展目标|(?:努力|奋斗)目标")
#: a clause with a number is no qualitative item
DIGIT_RE = re.compile(r"\d")
#: punctuation, bullets and a scope word before a qualitative item
QUAL_LEAD_RE = re.compile(
    r"^[，、：；。,（）()“”—…·\-●◆■▲•▶➢□○◇※★☆√]*(?:同时|全市|全省|全县|全区|全国)?"
    r"(?:努力实现|力争实现)?"  # 努力实现居民收入增长和经济发展同步: the item follows
)
#: a growth word after the indicator of a qualitative item (…增速不低于…)
QUAL_GROWTH_TAIL_RE = re.compile(r"(增速|增幅|增长|水平)$")
#: what may follow 主要预期目标 for the list to start after the sentence
LIST_LEAD_REST_RE = re.compile(r"^(?:是|为|如下|有|方面|包括)?$")


QUAL_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"^(?P<ind>[^，。；]{2,30}?)(?:增速|增幅|涨幅)?(?P<cmp>不低于|高于|快于|略高于|不高于|低于|不超过|控制在)"
            r"(?P<bm>[^，。；\d]{2,24}?)(?:以内|以下|以上|范围内)?$"
        ),
        "",
    ),
    (
        re.compile(
            r"^(?P<ind>[^，。；]{2,30}?)(?:增长)?(?:和|与|同)(?P<bm>[^，。；\d]{2,20}?)"
            r"(?:基本)?(?:保持)?(?:同步|相适应|相协调|相匹配|相衔接|衔接|相一致|一致)(?:增长)?$"
        ),
        "=",
    ),
    (
        re.compile(
            r"^(?:全面|圆满|确保)?(?:完成|达到|实现)(?P<bm>(?:国家|中央|省|市|州|县|区|上级)[^，。；\d]{0,4}?下达的?)"
            r"(?P<ind>[^，。；\d]{2,30})$"
        ),
        "=",
    ),
    (
        re.compile(
            r"^(?P<ind>[^，。；]{2,30}?)(?:全面|确保|圆满)?(?:完成|达到|实现)"
            r"(?P<bm>[^，。；\d]{0,20}(?:目标|任务|要求)[^，。；\d]{0,6})$"
        ),
        "=",
    ),
    (
        # 能耗、减排均完成省下达; 粮食产量完成省下达计划
        re.compile(
            r"^(?P<ind>[^，。；]{2,30}?)(?:全面|确保|圆满)?(?:完成|达到|实现|控制在)"
            r"(?P<bm>(?:国家|中央|省|市|州|县|区|上级)[^，。；\d]{0,6}?(?:下达|确定|规定|核定|要求|定)"
            r"[^，。；\d]{0,8})$"
        ),
        "=",
    ),
    (
        # 完成能耗强度降低和煤炭消费压减任务: the verb first, the task named after it
        re.compile(r"^(?:全面|圆满|确保|坚决)?完成(?P<ind>[^，。；\d]{2,30}?)(?:目标)?任务$"),
        "=",
    ),
    (
        # 完成节能减排约束性指标和环境质量改善目标: the verb first, the target after it
        re.compile(r"^(?:全面|圆满|确保|坚决)?完成(?P<ind>[^，。；\d]{2,30}?目标)$"),
        "=",
    ),
    (
        re.compile(r"^(?P<ind>[^，。；]{2,20}?)目标(?:在|按)[^，。；\d]{0,24}(?:考核|完成|实现)$"),
        "=",
    ),
    (
        re.compile(
            r"^(?P<ind>[^，。；]{2,30}?)(?:保持|实现|继续|持续|进一步|稳步|稳定|基本|总体|明显|较快|平稳|合理|"
            r"稳中有|不断|逐步|快速|大幅|显著|正)+(?:增长|提高|提升|上升|改善|稳定|下降|降低|减少|平衡|优化|扩大|"
            r"增加|好转|向好|回升|进|升)$"
        ),
        "=",
    ),
    (
        # 城镇调查失业率保持合理水平, 空气质量继续保持全国一流水平
        re.compile(
            r"^(?P<ind>[^，。；]{2,30}?)(?:继续|持续|总体|始终|稳定)?(?:保持|处于|保持在|稳定在|维持在?)"
            r"(?P<bm>[^，。；\d]{0,12}?水平)(?:以上|以内|以下)?$"
        ),
        "=",
    ),
    (
        re.compile(
            r"^(?P<ind>[^，。；]{2,20}?)(?:保稳提质|促稳提质|稳中提质|稳中向好|量稳质升|稳规模优结构|提质增效|"
            r"稳中有升|稳中有增|稳中有降|基本平衡|总体稳定|保持稳定|持续向好"
            # 量质齐升, 质效双升
            r"|(?:量质|质量|质效|量效)(?:齐升|双升|同升|并进|并举|齐增)"
            # two-verb slogans: 提质提效, 稳量提质, 扩量提质, 增量提效
            r"|(?:[稳提保促增扩优控降强][量质效速稳规总中升好优]){2})$"
        ),
        "=",
    ),
    (
        # any other item of the list: a subject + a predicate that opens with an
        # adverb of degree/manner (重大金融风险有效防控, 贫困县全部摘帽)
        re.compile(
            r"^(?P<ind>(?:(?!有利|利于|实现|推动|促进|是|把|使|让|将|要|为了|以|对)[^，。；、]){2,20}?)"
            r"(?:有效|全部|全面|基本|总体|持续|继续|稳步|稳定|明显|进一步"
            r"|切实|显著|不断|逐步|按期|如期|大幅|更加|更趋|日益|初步|彻底|得到|实现|保持)"
            r"[\u4e00-\u9fff]{1,6}$"
        ),
        "=",
    ),
    (
        # a subject + a bare state predicate: 就业稳定, 物价平稳, 粮食安全有保障
        re.compile(
            r"^(?P<ind>(?:(?!有利|利于|实现|推动|促进|是|把|使|让|将|要|为了|以|对)[^，。；、]){2,16}?)"
            r"(?:稳定|平稳|平衡|稳健|合理|可控|改善|优化|向好|达标|到位|脱贫|摘帽|有保障|有提升|有改善)$"
        ),
        "=",
    ),
]
#: general tasks in a targets list that are no indicator: 高质量完成“十四五”规划目标任务,
#: 科学开展“十五五”规划编制
_QUAL_TASK_RE = re.compile(
    r"规划(?:的)?(?:目标任务|主要目标|编制|纲要|实施)|工作(?:目标)?任务$|^(?:高质量|努力|科学|扎实|认真|全力|积极|加快"
    r"|着力|切实|深入|大力|坚决|统筹|推动|推进|开展|做好|抓好|编制|谋划)"
)
_QUAL_CMP = {
    "不低于": ">=",
    "高于": ">=",
    "快于": ">=",
    "略高于": ">=",
    "不高于": "<=",
    "低于": "<=",
    "不超过": "<=",
    "控制在": "<=",
}
_QUAL_STOP = (
    "这些",
    "这是",
    "上述",
    "以上",
    "提出",
    "考虑",
    "兼顾",
    "其中",
    "我们",
    "各项",
    "实现今年",
    "并",
    "围绕",
    "为了",
    "重点",
    "着力",
)


def add_qualitative(ctx: SentenceContext, ca: int, cb: int) -> bool:
    """Add a qualitative row for a main-target item without a number; False at the list end."""
    text = ctx.text
    clause = text[ca:cb].rstrip("，。；：,")
    if not clause or DIGIT_RE.search(clause):
        return True
    lead = QUAL_LEAD_RE.match(clause)
    n_lead = lead.end() if lead else 0
    subj, off = clause[n_lead:], ca + n_lead
    if subj.startswith(_QUAL_STOP):
        return not subj.startswith(
            (
                "这些",
                "这是",
                "上述",
                "以上",
                "提出",
                "考虑",
                "兼顾",
                "实现今年",
                "围绕",
                "为了",
                "重点",
            )
        )
    if len(subj) > 40 or _QUAL_TASK_RE.search(subj):
        return True
    items: list[tuple[int, int, tuple[str, str, str | None]]] = []
    if "、" in subj:
        # 外贸进出口实现正增长、实际使用外资稳中提质: one row per predicate,
        # when every item has its own (a shared predicate stays one row)
        pos = 0
        for part in subj.split("、"):
            hit = qual_match(part)
            if hit is None:
                items = []
                break
            items.append((off + pos, off + pos + len(part), hit))
            pos += len(part) + 1
    if not items:
        hit = qual_match(subj)
        if hit is None:
            return True
        items = [(off, off + len(subj), hit)]
    for qa, qb, (ind, comparator, bm) in items:
        if len(ind) < 2 or ind.startswith(("这些", "这", "我们", "各项")):
            continue
        inds = [ind]
        if ind.endswith(("均", "各", "都")):
            # 节能减排、耕地保护均完成省下达任务: every subject a row
            inds = [p for p in LIST_JOIN_RE.split(ind[:-1]) if len(p) >= 2] or [ind[:-1]]
        for one in inds:
            ctx.out.append(
                Candidate(
                    kind=ctx.kind,
                    year=ctx.year,
                    indicator=one,
                    measure="qualitative",
                    value=None,
                    value_max=None,
                    unit=None,
                    comparator=comparator,
                    value_base=None,
                    unit_base=None,
                    section=ctx.section,
                    qa=qa,
                    qb=qb,
                    benchmark=bm or None,
                )
            )
    return True


def qual_match(subj: str) -> tuple[str, str, str | None] | None:
    """(indicator, comparator, benchmark) of a number-less target phrase, or None."""
    for rx, cmp_ in QUAL_PATTERNS:
        m = rx.match(subj)
        if not m:
            continue
        ind = m.group("ind")
        each = ind.endswith(("均", "各", "都"))
        ind, _ = strip_tail(ind)
        ind = QUAL_GROWTH_TAIL_RE.sub("", ind) if len(ind) > 4 else ind
        if each and not ind.endswith(("均", "各", "都")):
            ind += "均"
        bm = m.groupdict().get("bm")
        comparator = cmp_ or _QUAL_CMP.get(m.group("cmp"), "=")
        return ind, comparator, bm
    return None
