"""Clauses: mentions attached to their subjects, one candidate row each.

* A count before a noun and a figure after it (``引进10亿元以上工业项目14个``) -> the
  first is a threshold inside the name (one row, 14 个); a count before its noun
  (``33个重点项目完成投资89.9亿元``) stays a row; ``50户以上X连片村寨`` is a size class.
* Stretch targets ``项目20个、力争30个`` -> value 20, value_max 30.
* ``至少``/``最少`` before the subject or number -> ``>=``.
* ``比上年/比年初预算/同口径 增加N`` is a change of the item before it; a value
  without a subject takes the item before it in the sentence, a number-less clause
  just before (``X：N``), else the last subject of the paragraph.
* A change with no subject of its own after a level of the same sentence
  (``地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%``) is a change of the
  level's subject: the ``、``/``，``-clauses between that hold no figure and open on
  a predicate of standing (稳居, 名列, 总量跃居 …) say nothing of another subject; a
  clause naming one (``消费市场加快回暖、增长4%``) keeps its own.
* Indicator names: a generic head (``总投资``, ``总量``, ``营收``, ``占…``) takes the
  subject of its list or clause (``实施产业项目334个、总投资750亿元`` ->
  ``产业项目总投资``); a push verb and ``建设`` around a project count are no part
  of its name; ``20%的村集体年收入超30万元`` -> one ratio_pct row.

Pinned by tests/report/test_extract_rules.py, test_indicator_naming.py and
test_extract_outline_and_lists.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .candidates import SentenceContext, order_range
from .enumerations import enumerate_clause, split_subjects
from .mentions import FROM_TO_RE, Mention
from .naming import (
    GENERIC_HEADS,
    cut_predicate,
    inherit_subject,
    is_generic_head,
    reorder_count_noun,
    subject_noun,
)
from .periods import PERIOD_TAIL_RE, SUBYEAR_RE
from .spans import CLAUSE_PUNCT, iter_spans
from .subjects import GENERIC_INDICATOR_RE, measure_of, strip_lead, strip_tail
from .vocab import STANDING_PREDICATE_PATTERN, UNIT_RE

COMPARE_SUBJ_RE = re.compile(r"^(?:(?:比|较|同比|与)[^，。；]{0,8}|同口径|可比价)$")
FROM_TO_SUBJ_RE = re.compile(
    r"[由从][^由从，。；]*?(?:增加|提高|上升|下降|降低|减少|扩大|增长|发展|调整|提升)?(?:到|至)$"
)
VERB_IN_TAIL_RE = re.compile(
    r"完成|实现|达到|建成|投产|开工|新增|累计|带动|拉动|吸纳|获得|争取|营收"
)
SHARE_TAIL_RE = re.compile(
    r"的([^，。；、：！？\n\d]{2,20}?(?:超过|超|达到|达|高于|不低于|突破|在)\d+(?:\.\d+)?"
    r"(?:万亿|亿|万|千)?(?:元|户|人|个|%|亩|吨)?(?:以上)?)"
)
#: verbs whose object can be a count with 以上 before its noun (新增100家以上企业)
CREATE_VERBS = (
    "新增",
    "培育",
    "引进",
    "新建",
    "建成",
    "认定",
    "打造",
    "发展",
    "招引",
    "签约",
    "达到",
)
ITEM_JOIN_RE = re.compile(r"[和及与、，]")
#: a clause without a subject of its own: a predicate of standing, maybe after a generic
#: head that names nothing (总量跃居全省第5位, 稳居全国前十强)
STANDING_CLAUSE_RE = re.compile(
    "^(?:"
    + "|".join(sorted(GENERIC_HEADS, key=len, reverse=True))
    + ")?"
    + STANDING_PREDICATE_PATTERN
)
CLAUSE_SEP_RE = re.compile("[、，]")
#: measures of a change (a rate of growth, points), as against a level
CHANGE_MEASURES = ("growth_pct", "pp_change")
STRETCH_RE = re.compile(r"[，、]?(?:力争|争取|确保|最高|最多)(?:达到|达|突破|超过)?")
NAME_TAIL_RE = re.compile(r"[^，。；、：！？\n\d]{0,24}")
TRAILING_CONJ_RE = re.compile(r"(和|及|与|或)$")
#: verbs that push work forward, no part of what a count before a project counts
PUSH_VERBS = frozenset(
    {"", "加快", "抓实", "抓好", "推进", "加快推进", "扎实推进", "全力推进", "有序推进", "推动"}
)
#: nouns of things counted in a list whose later items have a generic head
ENTITY_END_RE = re.compile(r"(?:项目|企业|国企|集群|主体|园区|基地|平台|工程)$")


def extract_sentence(
    ctx: SentenceContext,
    sa: int,
    sb: int,
    mentions: list[Mention],
    to_year: int | None,
    to_year_pos: int = -1,
) -> None:
    later_year, to_year = to_year, (to_year if to_year_pos <= sa else None)
    text = ctx.text
    used: set[int] = set()
    sent_cands_start = len(ctx.out)
    clauses = iter_spans(text, sa, sb, CLAUSE_PUNCT)
    starts = [m.start for m in mentions]
    lead_in: tuple[int, int] | None = None
    prev_clause: tuple[int, int] | None = None
    for ca, cb in clauses:
        cms = list(range(bisect_left(starts, ca), bisect_left(starts, cb)))
        lead_in, prev_clause = prev_clause, None
        if later_year is not None and to_year is None and ca <= to_year_pos < cb:
            to_year = later_year  # …28个重点产业链，力争到2025年产业规模突破7万亿元
        if to_year is not None and (
            text.find("今年", ca, cb) >= 0 or text.find(f"{ctx.year}年", ca, cb) >= 0
        ):
            to_year = None  # 2025年底前建成…，今年新建…
        if not cms:
            if cb - ca <= 30:
                prev_clause = (
                    ca,
                    cb,
                )  # a subject for a bare value next (X：N, GDP增速…，上半年3.2%)
            continue
        # --- 分别 enumerations (and implicit ones: 同比增长5.9%、7.4% after a list)
        used.update(enumerate_clause(ctx, ca, cb, cms, mentions, sent_cands_start, to_year))
        # --- segments: split at 、 after a mention
        seg_bounds: list[tuple[int, int]] = []
        s = ca
        for i in cms:
            m = mentions[i]
            if m.end < cb and text[m.end] == "、":
                seg_bounds.append((s, m.end))
                s = m.end + 1
        seg_bounds.append((s, cb))
        for sa2, sb2 in seg_bounds:
            seg_ms = [
                sm
                for i in cms
                if sa2 <= (sm := mentions[i]).start < sb2
                and sm.unit is not None
                and not sm.skip
                and id(sm) not in used
            ]
            if not seg_ms:
                continue
            # thresholds inside names: a prenominal mention followed by another one
            real = []
            for j, m in enumerate(seg_ms):
                if (
                    m.prenominal
                    and j + 1 < len(seg_ms)
                    and m.unit is not None
                    and (m.unit.kind != "count" or m.post_cmp in ("以上", "以下"))
                    and not seg_ms[j + 1].skip
                    and m.unit.kind != "percent"
                ):
                    # 10亿元以上工业项目14个: a threshold inside the name; a count
                    # before its noun (33个重点项目完成投资89.9亿元) stays a row
                    between = text[m.end : seg_ms[j + 1].start]
                    if not ITEM_JOIN_RE.search(between):
                        m.modifier = True
                        continue
                if (
                    m.prenominal
                    and j + 1 == len(seg_ms)
                    and m.unit is not None
                    and m.unit.kind == "count"
                    and m.post_cmp in ("以上", "以下")
                    and not text[max(sa2, m.start - 3) : m.start].endswith(CREATE_VERBS)
                ):
                    # 对50户以上木质房屋连片村寨实施改造: a size class in a name
                    m.modifier = True
                    continue
                real.append(m)
            pos = sa2
            for m in real:
                pos = emit_segment_mention(ctx, text, pos, sa2, sb2, m, to_year, lead_in)


def emit_segment_mention(
    ctx: SentenceContext,
    text: str,
    pos: int,
    sa: int,
    sb: int,
    m: Mention,
    to_year: int | None,
    lead_in: tuple[int, int] | None = None,
) -> int:
    raw = text[pos : m.start]
    # stretch target: 、力争30个
    stretch = STRETCH_RE.fullmatch(raw) if 0 < len(raw) <= 7 else None
    if stretch and ctx.out and ctx.out[-1].value_max is None and m.unit is not None:
        prev = ctx.out[-1]
        # a stretch goal goes further than the base figure (增长7%、力争8%); a smaller
        # figure after 确保 is another quantity (实施221个项目，确保147个开工)
        further = prev.value is not None and m.value is not None and m.value > abs(prev.value)
        if prev.unit == m.unit.text and prev.qb <= m.start and further:
            vmax = m.value
            if prev.value is not None and prev.value < 0 and vmax is not None:
                vmax = -vmax
            prev.value_max = vmax
            order_range(prev)
            prev.qb = m.end
            return m.end
    if m.base_year is not None:
        bsubj, boff = strip_lead(raw[: raw.rfind("由") if "由" in raw else raw.rfind("从")], pos)
        bsubj, _ = strip_tail(bsubj)
        if not bsubj and ctx.out:
            bsubj = ctx.out[-1].indicator
        ctx.add(bsubj, m, [], boff, m.end, year=m.base_year, kind="actual")
        return m.end
    if ctx.out and ctx.out[-1].year != ctx.year and FROM_TO_RE.fullmatch(raw):
        # 由2018年的12家发展到40家: the end level has the subject of the base
        ctx.add(ctx.out[-1].indicator, m, [], m.start, m.end, year=to_year)
        return m.end
    subj, off = strip_lead(raw, pos)
    cmp_over = None
    near = text.find("少", max(0, m.start - 40), m.start)
    if near > 0 and m.comparator == "=" and text[near - 1] in "至最":
        lo = max(0, m.start - 40)
        lo = max(lo, *(text.rfind(c, lo, m.start) for c in "，。；：\n"))
        if near - 1 >= lo:
            cmp_over = ">="  # 至少新建学校5所、医院3所
    ft = FROM_TO_SUBJ_RE.search(subj) if "由" in subj or "从" in subj else None
    subj2, verbs = strip_tail(subj[: ft.start()] if ft else subj)
    cut = max(subj.rfind("、"), subj.rfind("，"))
    if cut > 0 and not m.prenominal and not ft:
        own, own_verbs = strip_tail(subj[cut + 1 :])
        level = None if own else level_subject(ctx, subj[:cut], m, own_verbs, sa)
        if level:
            # …5.53万亿元、稳居全国前十强、增长4.8%: the change has no subject of its own
            subj2, verbs = level, own_verbs
    if COMPARE_SUBJ_RE.match(subj2):
        subj2 = ""  # 比年初预算增加1800亿元: a change of the previous item
    if m.pre_cmp and m.pre_cmp not in verbs:
        verbs.append(m.pre_cmp)
    if subj2.endswith("双双"):
        subj2 = subj2[:-2]  # A和B双双突破千亿: each of the two, like 均
        verbs.append("均")
    # 均/各: several subjects, one value
    each = any(v in ("均", "各", "都") for v in verbs)
    new_pos = m.end
    share = (
        SHARE_TAIL_RE.match(text, m.end, sb)
        if m.prenominal and m.unit is not None and m.unit.kind == "percent"
        else None
    )
    if share is not None:
        # 30%的行政村集体经济年收入超20万元: the share of a group above a threshold
        ctx.add(share.group(1), m, verbs, m.start, share.end(), year=to_year)
        return share.end()
    if m.prenominal:
        tail_m = NAME_TAIL_RE.match(text[m.end : sb])
        tail = tail_m.group(0) if tail_m else ""
        new_pos = m.end + len(tail)
        if m.end + len(tail) < sb and text[m.end + len(tail)].isdigit():
            tail = TRAILING_CONJ_RE.sub("", tail)
            vm = VERB_IN_TAIL_RE.search(tail)
            if vm and vm.start() >= 2:
                # 33个重点项目完成投资89.9亿元: the count is of 重点项目; the
                # amount that follows keeps 重点项目完成投资 as its subject
                tail = tail[: vm.start()]
                new_pos = m.end
        if "等" in subj2:
            subj2 = subj2[subj2.rindex("等") + 1 :]  # A、B等28个项目 -> 项目
        qtail = len(tail)  # the quote keeps the words dropped from the name
        if subj2 in PUSH_VERBS and tail.endswith("建设") and tail[:-2].endswith(("项目", "工程")):
            # 加快…等28个现代服务业项目建设, 抓实181个省市重点项目建设: what is
            # counted is the projects, not the push
            subj2, tail = "", tail[:-2]
        indicator = subj2 + (tail if subj2 else reorder_count_noun(tail))
        qb = m.end + qtail
    else:
        indicator = subj2
        qb = m.end
    qa = off
    if not indicator and each and len(ctx.last_enum) > 1:
        # 分别达38517元、22857元，均增长9%: every subject of the enumeration
        for sj in ctx.last_enum:
            ctx.add(sj, m, verbs, min(off, m.start), qb, year=to_year, comparator=cmp_over)
        return new_pos
    if not indicator:
        # an empty subject: the item before in this sentence (新增市场主体2.1万户、
        # 增长15.2%), else a number-less clause just before (X：N, GDP增速逐季攀升，
        # 上半年3.2%), else the last subject of the paragraph
        prev = [c for c in ctx.out if c.qb <= m.start and c.qa >= sa - 80]
        qa = off if off < m.start else m.start
        if prev:
            indicator = prev[-1].indicator
        elif lead_in is not None:
            la, lb = lead_in
            lsubj, loff = strip_lead(text[la:lb], la)
            lsubj, lverbs = strip_tail(lsubj.rstrip("：*"))
            lsubj, lverbs2 = strip_tail(lsubj.rstrip("*"))
            if GENERIC_INDICATOR_RE.match(lsubj):
                lsubj = ""  # 过去一年，增长5.8%: a time word, not a subject
            lsubj = cut_predicate(lsubj)  # GDP增速逐季攀升，上半年3.2%
            if UNIT_RE.fullmatch(lsubj):
                lsubj = ""  # 万亿元，增长6.7%: the unit of a figure cut off, no subject
            if lsubj:
                indicator, qa = lsubj, loff
                verbs = lverbs + lverbs2 + verbs
        if not indicator:
            indicator = ctx.prev_indicator
        if indicator:
            # GDP增速…，上半年3.2%、前三季度4.4%、全年5%: one series, by period
            series = PERIOD_TAIL_RE.search(indicator)
            if series is not None:
                indicator = indicator[: series.start()]
            per = SUBYEAR_RE.search(raw)
            if per is not None and "(" not in indicator:
                indicator = f"{indicator}({per.group(0)})"
            elif series is not None and "全年" in raw:
                indicator = f"{indicator}(全年)"
    elif not each:
        indicator = name_generic(ctx, indicator, m, qa, lead_in)
    if each and ("、" in indicator or "和" in indicator or "及" in indicator):
        subjects = split_subjects(indicator, 0)
        for sj in subjects:
            ctx.add(sj, m, verbs, qa, qb, year=to_year, comparator=cmp_over)
        return new_pos
    ctx.add(indicator, m, verbs, qa, qb, year=to_year, comparator=cmp_over)
    return new_pos


def level_subject(
    ctx: SentenceContext, between: str, m: Mention, verbs: list[str], sa: int
) -> str | None:
    """The subject of the level a subject-less change follows, when the words
    ``between`` them (``、``/``，``-clauses without a figure) are all predicates of
    standing about it (稳居全国前十强, 名列世界前茅); None otherwise (a new subject)."""
    if m.unit is None or measure_of(m.unit, verbs, "")[0] not in CHANGE_MEASURES:
        return None
    parts = [p for p in CLAUSE_SEP_RE.split(between) if p]
    if not parts or not all(STANDING_CLAUSE_RE.match(p) for p in parts):
        return None
    prev = [c for c in ctx.out if c.qb <= m.start and c.qa >= sa - 80]
    if not prev or prev[-1].measure in CHANGE_MEASURES:
        return None
    gap = ctx.text[prev[-1].qb : sa]
    if any(p and not STANDING_CLAUSE_RE.match(p) for p in CLAUSE_SEP_RE.split(gap)):
        return None  # other words between the level and this clause
    return prev[-1].indicator


def name_generic(
    ctx: SentenceContext, indicator: str, m: Mention, qa: int, lead_in: tuple[int, int] | None
) -> str:
    """A generic head (总投资, 总量, 营收, 占…) named by the subject of its list or clause."""
    if not (
        "、" in indicator or is_generic_head(indicator) or indicator.startswith(("占", "实现"))
    ):
        return indicator
    text = ctx.text
    if "、" in indicator:
        # 市属国企实体化市场化转型开始起步、营收增长38.5%
        first, _, last = indicator.rpartition("、")
        if is_generic_head(last) and "、" not in first:
            noun = subject_noun(first)
            if noun != first and len(noun) >= 2:
                return noun + last
        return indicator
    head = indicator
    if head.startswith("实现") and is_generic_head(head[2:]):
        head = head[2:]
    occupy = head.startswith("占") and not head.startswith("占比") and len(head) >= 3
    if not (is_generic_head(head) or occupy):
        return indicator
    if head == "投资" and text[max(0, qa - 2) : qa] == "完成":
        head = "完成投资"  # 完成投资24.06亿元: 完成 was read as a lead filler
    prev = [c for c in ctx.out if c.qb <= m.start]
    src = ""
    if prev:
        p = prev[-1]
        if occupy or p.measure == "count" or ENTITY_END_RE.search(subject_noun(p.indicator)):
            src = p.indicator
    if not src and lead_in is not None:
        la, lb = lead_in
        lsubj = strip_lead(text[la:lb], la)[0].strip("，、：；,")
        noun = subject_noun(lsubj)
        if noun != lsubj and len(noun) >= 2:
            src = noun  # 民生投入只增不减，占财政总支出71%
    if not src:
        return indicator
    named = inherit_subject(head, src)
    return named if named != head else indicator
