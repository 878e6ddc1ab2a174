"""Subjects and measures: the words before a number, cut to an indicator.

* Lead words (list markers, bullets, ``同时``, dates, ``上半年``) and tail verbs
  (``增长``, ``达到`` …) are stripped from the subject; the tail verbs decide the
  measure: ``个百分点`` -> ``pp_change``; ``%`` after a growth verb (增长/提高/上升/
  增加, or a subject ending in 增速/涨幅) -> ``growth_pct``, after a decline verb
  (下降/降低/减少) negative; ``降至/提高到 N%`` is a level, but a growth noun
  stays a growth (``增速达到7%``, ``涨幅控制在3%``); other ``%`` ->
  ``ratio_pct``; ``增长N倍`` -> ``growth_pct`` N*100 %; count/amount from the unit.
* Placeholders (``过去一年``, ``今年目标``, ``综合…因素``) are no indicator.

Pinned by tests/report/test_extract_rules.py and test_indicator_naming.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .vocab import (
    DECLINE_VERBS,
    GROWTH_SUBJECT_WORDS,
    GROWTH_VERBS,
    LEAD_FILLERS,
    RATE_WORDS,
    TAIL_VERBS,
    UnitInfo,
)

#: placeholders that are no indicator (a lead clause, a time word)
GENERIC_INDICATOR_RE = re.compile(
    r"^(?:过去一年|过去五年|五年来|一年来|今年|去年|全年|目标|预期目标|今年目标|全年目标|新的一年"
    r"|综合[^，。；]{0,16}因素|[^，。；]{0,6}(?:看|来看|而言))?$"
)
GROWTH_WORD_RE = re.compile(r"增长|增速|涨幅|增幅")


_LEAD_RE = re.compile(
    "^(?:[（(][一二三四五六七八九十\\d]{1,3}[）)]|[一二三四五六七八九十]是|"
    "[，、：；。,（）()”—…·\\-●◆■▲•▶➢□○◇※★☆√*#>]|"
    + "|".join(sorted(LEAD_FILLERS, key=len, reverse=True))
    + r"|(?:到|至|截至|截止|截至到)?(?:19|20)\d{2}年(?:底|末|前|全年)?"
    + r"|前?[一二三四]季度|上半年|下半年|1-\d{1,2}月|[二三四五六七八九十]年(?:来|间)?"
    + ")+"
)


def strip_lead(s: str, pos: int) -> tuple[str, int]:
    rest, n = _strip_lead_n(s)
    return rest, pos + n


@lru_cache(maxsize=8192)
def _strip_lead_n(s: str) -> tuple[str, int]:
    """``s`` without its lead words, and how many characters were dropped."""
    n = 0
    while s:
        m = _LEAD_RE.match(s)
        if m and m.end() > 0:
            s, n = s[m.end() :], n + m.end()
            continue
        if s[0] == "“" and "”" not in s:
            s, n = s[1:], n + 1
            continue
        break
    return s, n


_TAIL_BY_LAST: dict[str, tuple[str, ...]] = {}
for _w in TAIL_VERBS:
    _TAIL_BY_LAST[_w[-1]] = (*_TAIL_BY_LAST.get(_w[-1], ()), _w)


def strip_tail(s: str) -> tuple[str, list[str]]:
    rest, verbs = _strip_tail_t(s)
    return rest, list(verbs)


@lru_cache(maxsize=8192)
def _strip_tail_t(s: str) -> tuple[str, tuple[str, ...]]:
    verbs: list[str] = []
    changed = True
    while changed and s:
        changed = False
        for w in _TAIL_BY_LAST.get(s[-1], ()):
            if s.endswith(w) and not (w == "增" and s.endswith("新增")):
                verbs.append(w)
                s = s[: -len(w)]
                changed = True
                break
        while s and s[-1] in "，、：；,（“":
            s = s[:-1]
            changed = True
    return s, tuple(verbs)


_GROWTH_NOUNS = ("涨幅", "增速", "增幅", "增长率")
_DECLINE_RE = re.compile("|".join(DECLINE_VERBS))
_UP_RE = re.compile("增长|提高|增加|上升")
_GROWTH_RE = re.compile("|".join(GROWTH_VERBS))


def measure_of(info: UnitInfo, verbs: list[str], subject: str) -> tuple[str, int]:
    """(measure, sign) from the unit, the verbs before the number and the subject."""
    if info.kind == "count":
        return "count", 1  # 减少N户 stays a positive count (the verb is in the quote)
    if info.kind == "amount":
        return "amount", 1
    if any(v.endswith(("到", "至")) for v in verbs):
        # 降至0.47%, 提高到70.4%: a level, not a change; but a growth noun stays a
        # growth (增速达到7%, 涨幅控制在3%)
        verbs = [v for v in verbs if v in _GROWTH_NOUNS]
    joined = "".join(verbs)
    declining = bool(_DECLINE_RE.search(joined)) and not _UP_RE.search(joined)
    growing = bool(_GROWTH_RE.search(joined))
    if info.kind == "pp":
        return "pp_change", -1 if declining else 1
    if info.kind == "multiple":
        return ("growth_pct" if growing or declining else "ratio_pct"), -1 if declining else 1
    if info.kind == "percent":
        if declining:
            return "growth_pct", -1
        if growing:
            return "growth_pct", 1
        if subject.endswith(GROWTH_SUBJECT_WORDS) or (
            GROWTH_WORD_RE.search(subject) and not subject.endswith(RATE_WORDS)
        ):
            return "growth_pct", 1
        return "ratio_pct", 1
    return "amount", 1


@lru_cache(maxsize=8192)
def tidy_indicator(s: str) -> str:
    s = s.strip("，、：；,( *#")
    if "“" not in s and "”" not in s and "（" not in s:
        return s
    if s.count("“") < s.count("”") and not s.startswith("“"):
        s = "“" + s
    if s.count("“") > s.count("”"):
        s = s + "”" if s.startswith("“") or "“" in s else s
    if s.startswith("（") and "）" not in s:
        s = s[1:]
    return s
