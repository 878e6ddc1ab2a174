"""Enumerations: several subjects, several values.

* ``分别`` pairs subjects and values (``三次产业`` -> 第一/第二/第三产业, ``城乡居民``
  -> 城镇居民/农村居民; a shared head noun is copied: ``工业、技改投资`` -> 工业投资,
  技改投资; with no subject before ``分别`` the subjects are the previous items of the
  sentence); ``均``/``各`` give one value to every subject; a ``、`` list of subjects
  sharing one number without ``分别/均/各`` stays one row.  A trailing ``以上``
  applies to every value.  ``城镇和农村居民收入达到A元和B元`` pairs in order (an
  implicit 分别).  With more values than subjects, ``存贷款``/``进出口`` split into
  their halves, in order.
* Each item's measure comes from its own head noun: ``A率、B涨幅分别控制在5%和3%以内``
  -> A ``ratio_pct``, B ``growth_pct``; a growth word after the list (…涨幅/增速/增幅)
  is the measure of the items with no ratio head of their own (…率/占比/比重/强度),
  and a copied shared head never goes onto an item that has its own.

Pinned by tests/report/test_extract_rules.py and test_extract_outline_and_lists.py.
"""

from __future__ import annotations

import re

from .candidates import SentenceContext
from .mentions import Mention
from .naming import inherit_subject, is_generic_head
from .subjects import strip_lead, strip_tail
from .vocab import GROWTH_SUBJECT_WORDS, RATE_WORDS, UnitInfo

#: Head nouns of a measure, copied to earlier items of an enumeration that lack
#: one (工业、技改投资 -> 工业投资).  Object nouns (中心, 企业) are not heads.
HEADS = (
    "增加值", "饲养量", "参保率", "覆盖率", "排放量", "占比", "比重", "比例", "收入", "投资",
    "产值", "案件", "标准", "总额", "产量", "面积", "人次", "人数", "规模", "指数", "价格", "率",
    "量", "额", "值",
)  # fmt: skip
LIST_JOIN_RE = re.compile(r"、|以及|和|及|与")


_AREA_WORDS = frozenset({"城镇", "农村", "城市", "乡村", "城镇常住", "农村常住", "城市常住"})


def split_subjects(s: str, n: int) -> list[str]:
    parts = [p for p in s.split("、") if p]
    if n == 0 and len(parts) == 1:
        parts = [p for p in LIST_JOIN_RE.split(s) if p]
    elif len(parts) != n:
        alt = [p for p in LIST_JOIN_RE.split(s) if p]
        if len(alt) == n or (len(parts) < n and len(alt) > len(parts)):
            parts = alt
    if len(parts) > 1 and "居民" in parts[-1]:
        # 城镇、农村居民人均可支配收入 -> 城镇居民…, 农村居民…
        rest = parts[-1][parts[-1].index("居民") :]
        parts = [p + rest if p in _AREA_WORDS else p for p in parts[:-1]] + [parts[-1]]
    if len(parts) > 1:
        last = parts[-1]
        head = next((h for h in HEADS if last.endswith(h) and len(last) > len(h)), None)
        if head is not None:
            # an item with a measure head of its own (…率, …涨幅) keeps it:
            # 研发投入强度、工业增加值增速 -> 研发投入强度, not 研发投入强度增加值
            own = (*HEADS, *RATE_WORDS, *GROWTH_SUBJECT_WORDS)
            parts = [p if p.endswith(own) else p + head for p in parts[:-1]] + [last]
    if len(parts) > 1 and not is_generic_head(parts[0]):
        # 市属国企资产总额、营业收入 -> 市属国企营业收入: a later bare head takes the
        # subject of the first item
        parts = [parts[0]] + [
            inherit_subject(p, parts[0]) if is_generic_head(p) else p for p in parts[1:]
        ]
    if 1 < len(parts) < n:
        parts = expand_pairs(parts, n)
    return parts


#: subjects that name two indicators; split only when the count of values needs it
_PAIR_WORDS = (
    ("存贷款", ("存款", "贷款")),
    ("进出口", ("进口", "出口")),
    ("城乡", ("城镇", "农村")),
    ("中外", ("中方", "外方")),
)


def expand_pairs(parts: list[str], n: int) -> list[str]:
    """``存贷款余额、B`` with 3 values -> 存款余额, 贷款余额, B (in order)."""
    out = list(parts)
    i = 0
    while len(out) < n and i < len(out):
        p = out[i]
        hit = next(((w, xy) for w, xy in _PAIR_WORDS if w in p), None)
        if hit is not None:
            w, (x, y) = hit
            out[i : i + 1] = [p.replace(w, x, 1), p.replace(w, y, 1)]
            i += 1
        i += 1
    return out if len(out) == n else parts


def expand_single(subject: str, n: int) -> list[str]:
    if n == 2 and any(w in subject for w in ("存贷款", "进出口")):
        return expand_pairs([subject], n)
    if n == 2 and "城乡" in subject:
        return [subject.replace("城乡", "城镇", 1), subject.replace("城乡", "农村", 1)]
    for word in ("三次产业", "一二三产业", "一、二、三产业", "三大产业"):
        if n == 3 and word in subject:
            return [subject.replace(word, x, 1) for x in ("第一产业", "第二产业", "第三产业")]
    if n == 2 and "中外" in subject:
        return [subject.replace("中外", "中方", 1), subject.replace("中外", "外方", 1)]
    return [subject] * n


def chain_after(mentions: list[Mention], idx: int, text: str) -> list[Mention]:
    """Mentions idx, idx+1, ... separated by one 、/和 (an enumeration of values of one kind)."""
    chain = [mentions[idx]]
    kind = mentions[idx].unit.kind if mentions[idx].unit is not None else None
    j = idx + 1
    while j < len(mentions):
        prev, cur = chain[-1], mentions[j]
        gap = text[prev.end : cur.start]
        if gap not in ("、", "和", "及") or cur.skip:
            break
        if cur.unit is not None:
            if kind is not None and cur.unit.kind != kind:
                break
            kind = cur.unit.kind
        chain.append(cur)
        j += 1
    while len(chain) > 1 and chain[-1].unit is None:
        chain.pop()
    # bare numbers take the unit of the next value that has one
    nxt: UnitInfo | None = None
    out: list[Mention] = []
    for mn in reversed(chain):
        if mn.unit is not None:
            nxt = mn.unit
            out.append(mn)
        else:
            out.append(
                Mention(
                    mn.start, mn.end, mn.value, mn.value_max, nxt, mn.pre_cmp, mn.post_cmp, mn.apx
                )
            )
    out.reverse()
    return out


#: verbs before the object noun of an enumeration: 分别实现产值A、B -> 产值
_OBJECT_VERB_RE = re.compile(r"^(?:同比)?(?:实现|完成|达到|达|为|有)")


def _listed_subjects(text: str, sa: int, ca: int, n: int, verb_txt: str) -> list[str]:
    """The subjects of ``分别`` listed in the clause before it, when it lists ``n``:
    ``机械制造、轻工纺织等产业加快转型，分别实现产值75亿元、266亿元`` -> 机械制造产值,
    轻工纺织产值.  ``[""]`` (no subject) otherwise."""
    cs = max(sa, *(text.rfind(c, sa, ca - 1) + 1 for c in "，；：。"))
    listed = text[cs : ca - 1] if ca - 1 > cs else ""
    if "等" in listed:
        listed = listed[: listed.index("等")]
    listed = strip_lead(listed, cs)[0]
    parts = [p for p in LIST_JOIN_RE.split(listed) if p]
    if len(parts) != n or any(len(p) > 12 for p in parts):
        return [""]
    obj = _OBJECT_VERB_RE.sub("", strip_tail(verb_txt)[0])
    return [p + obj for p in parts]


def enumerate_clause(
    ctx: SentenceContext,
    ca: int,
    cb: int,
    cms: list[int],
    mentions: list[Mention],
    sent_cands_start: int,
    to_year: int | None,
) -> set[int]:
    """Rows of an enumeration in the clause ``text[ca:cb]`` (``cms``: indexes of its
    mentions); the ids of the mentions used, so no later stage reads them again."""
    text = ctx.text
    clause = text[ca:cb]
    used: set[int] = set()
    k = clause.find("分别")
    klen = 2
    if k < 0:
        # implicit enumeration: 同比增长5.9%、7.4% after a list of subjects
        first = next(
            (i for i in cms if not mentions[i].skip and mentions[i].unit is not None), None
        )
        if (
            first is not None
            and not mentions[first].prenominal
            and mentions[first].start - ca <= 40
            and text[mentions[first].end : mentions[first].end + 1] in ("、", "和")
        ):
            subj0, p0 = strip_lead(text[ca : mentions[first].start], ca)
            subj0, _ = strip_tail(subj0)
            if not subj0 and mentions[first].start - ca <= 10:
                if len(chain_after(mentions, first, text)) > 1:
                    k, klen = 0, 0
            elif ("和" in subj0 or "、" in subj0) and "等" not in subj0:
                # 城镇和农村居民收入达到A元和B元: as many subjects as values,
                # paired in order (an implicit 分别)
                n0 = len(chain_after(mentions, first, text))
                if n0 > 1 and len(split_subjects(subj0, n0)) == n0:
                    k, klen = p0 - ca + len(subj0), 0
    if k >= 0:
        first = next((i for i in cms if mentions[i].start > ca + k and not mentions[i].skip), None)
        if first is not None:
            chain = chain_after(mentions, first, text)
            chain_ids = {id(mentions[first + j]) for j in range(len(chain))}
            last = chain[-1]
            if last.unit is not None and (len(chain) > 1 or k > 0):
                verb_txt = text[ca + k + klen : chain[0].start]
                _, vverbs = strip_tail(verb_txt)
                vverbs = [*vverbs, verb_txt]
                subj_txt = clause[:k]
                subj_txt, off = strip_lead(subj_txt, ca)
                subj_txt, tail = strip_tail(subj_txt)
                # a growth word after the list (…价格涨幅分别…) is the measure of the
                # items without a ratio head of their own (失业率 stays a ratio)
                tail_growth = [v for v in tail if v in GROWTH_SUBJECT_WORDS]
                n = len(chain)
                qa = off
                if subj_txt:
                    subjects = split_subjects(subj_txt, n)
                    if len(subjects) == 1 and n > 1:
                        subjects = expand_single(subjects[0], n)
                else:
                    prev = ctx.out[sent_cands_start:]
                    if len(prev) >= n:
                        subjects = [p.indicator for p in prev[-n:]]
                        qa = min(p.qa for p in prev[-n:])
                    else:
                        subjects = [p.indicator for p in prev] or _listed_subjects(
                            text, ctx.sentence_start, ca, n, verb_txt
                        )
                if len(subjects) == 1 and n > 1:
                    subjects = subjects * n
                if n == 1 and len(subjects) > 1:
                    chain = chain * len(subjects)
                post = last.post_cmp
                pre0 = chain[0].pre_cmp
                if pre0 is not None:
                    chain = [
                        mn
                        if mn.pre_cmp is not None or mn.unit is None
                        else Mention(
                            mn.start,
                            mn.end,
                            mn.value,
                            mn.value_max,
                            mn.unit,
                            pre0,
                            mn.post_cmp,
                            mn.apx,
                        )
                        for mn in chain
                    ]
                ctx.last_enum = list(subjects)
                for subj, mn in zip(subjects, chain, strict=False):
                    if mn.unit is None:
                        mn = Mention(
                            mn.start,
                            mn.end,
                            mn.value,
                            mn.value_max,
                            last.unit,
                            mn.pre_cmp,
                            post,
                            mn.apx,
                        )
                    elif mn.post_cmp is None and post is not None:
                        mn = Mention(
                            mn.start,
                            mn.end,
                            mn.value,
                            mn.value_max,
                            mn.unit,
                            mn.pre_cmp,
                            post,
                            mn.apx,
                        )
                    own_ratio = (subj or "").endswith(RATE_WORDS)
                    ctx.add(
                        subj or "",
                        mn,
                        vverbs if own_ratio else [*tail_growth, *vverbs],
                        qa,
                        last.end,
                        year=to_year,
                    )
                used.update(chain_ids)
    return used
