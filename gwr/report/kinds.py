"""Sections and kinds: is a sentence a target or an actual, and of which year.

* Review parts give actuals of the review year (report year - 1), plan parts
  targets of the report year; a part heading that names an earlier year is a
  review, the report year a plan (:mod:`gwr.report.structure`); a plan-part
  sentence starting with ``去年``/``过去一年`` (or its own past year ``2019年，…``) gives
  actuals of that year.
* Without headings, sentence cues decide (:func:`cue_kind`: a year N-1 or N named
  in the clause, 今年/力争/预期目标 vs 过去一年/去年/同比/累计/首次/获评 …), a clause
  that starts with its own year (``…，2024年预期增长6.5%``) is judged on its own,
  and a sentence without cues keeps the kind of the one before it; under a target
  cue ``预计新增…`` is still a target, but ``预计全年…`` is the closing estimate of the
  year under review.

Pinned by tests/report/test_extract_rules.py, test_extract_generalization.py and
test_extract_remaining.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .state import DocState
from .structure import Paragraph

#: Sentence cues for texts without part headings (excerpts, news reprints).
#: 争取 is not one: in reviews it means "obtained" (争取资金74.8亿元).
TARGET_CUES = (
    "主要预期目标", "预期目标", "目标是", "目标任务", "今年", "力争", "确保", "计划", "预期",
    "新的一年", "今后",
)  # fmt: skip
ACTUAL_CUES = (
    "过去一年", "去年", "上年", "一年来", "过去五年", "五年来", "完成了", "实现了", "达到了",
    "同比", "比上年", "较上年", "预计", "累计", "增长了", "取得", "建成了", "推出", "获批", "获评",
    "荣获", "首次", "成功", "已有", "已经", "新设", "初步统计", "初步核算",
)  # fmt: skip
WILL_RE = re.compile(r"(?:^|，)(?:将|要)")
TARGET_LEAD_IN_REVIEW_RE = re.compile(r"^(?:今年|\d{4}年(?:全市|，)?(?:主要)?(?:预期)?目标)")
LAST_YEAR_START_RE = re.compile(r"^(?:去年|过去一年|上一年)")


@lru_cache(maxsize=64)
def year_patterns(year: int) -> tuple[str, str, re.Pattern[str], re.Pattern[str]]:
    """``(f"{year - 1}年", f"{year}年", target-year pattern, 上年，pattern)`` of a report year."""
    return (
        f"{year - 1}年",
        f"{year}年",
        re.compile(
            rf"(?:到|至){year}年|{year}年(?:全市|全省|全县|全区|的)?(?:主要)?(?:预期)?目标|{year}年[，,]"
        ),
        re.compile(rf"^{year - 1}年[，,]"),
    )


def cue_kind(sentence: str, year: int) -> str | None:
    last_y, this_y, target_re, _ = year_patterns(year)
    if last_y in sentence and this_y not in sentence:
        return "actual"
    if this_y in sentence and target_re.search(sentence):
        return "target"
    fy = FUTURE_YEAR_RE.search(sentence)
    if fy and int(fy.group(1)) >= year:
        return "target"  # 到2027年…
    t = sum(sentence.count(c) for c in TARGET_CUES)
    a = sum(sentence.count(c) for c in ACTUAL_CUES)
    if t > a:
        return "target"
    if a > t:
        return "actual"
    if WILL_RE.search(sentence):
        return "target"
    return None


#: a sentence or clause that opens with its own (past) year: 2019年，…  2019年全市共…
PAST_YEAR_START_RE = re.compile(
    r"^[，、：；。]?(?:截至|截止|截止到)?((?:19|20)\d{2})年(?:底|末|全年|度)?+(?![以之前后来初至到起开])"
)
TARGET_START_RE = re.compile(r"^(?:今年|明年|力争|确保|计划|预计到|到20\d{2}年|新的一年)")
FUTURE_YEAR_RE = re.compile(r"(?:到|至)(20\d{2})年")


def sentence_kind(
    para: Paragraph, sentence: str, report_year: int, state: DocState, shift: int = 0
) -> tuple[str, int]:
    """(kind, year) of a sentence of ``para``; without part headings the cue of the
    sentence before (``state.cue_kind``) decides when the sentence has none."""
    if para.part_kind == "review":
        y = para.part_year + shift if para.part_year is not None else report_year - 1
        if TARGET_LEAD_IN_REVIEW_RE.match(sentence) and "目标" in sentence[:30]:
            return "target", report_year
        return "actual", y
    if para.part_kind == "plan":
        if LAST_YEAR_START_RE.match(sentence) or year_patterns(report_year)[3].match(sentence):
            return "actual", report_year - 1
        py = PAST_YEAR_START_RE.match(sentence)
        if py and int(py.group(1)) < report_year:
            return "actual", int(py.group(1))  # 2019年共建成…: the past, stated in the plan
        return "target", report_year
    py = PAST_YEAR_START_RE.match(sentence)
    if py and int(py.group(1)) < report_year - 1:
        return "actual", int(py.group(1))  # 2017年，全市共有…: the past, of its own year
    cue = cue_kind(sentence, report_year)
    if (
        cue == "actual"
        and state.cue_kind == "target"
        and "预计" in sentence
        and "预计全年" not in sentence  # 预计全年…: the closing estimate of the year under review
        and f"{report_year - 1}年" not in sentence
        and not any(c in sentence for c in ACTUAL_CUES if c != "预计")
    ):
        cue = "target"  # under a target cue, 预计新增学位990个 is still a target
    if cue is None:
        cue = state.cue_kind or "target"
    state.cue_kind = cue
    return cue, (report_year if cue == "target" else report_year - 1)


_TIME_WORD_RE = re.compile(r"，(?=(?:19|20)\d{2}年|今年|去年|过去一年|明年|新的一年)")


def split_at_time_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Without headings, a clause that starts with its own year (，2024年预期…) is
    judged on its own: ``2023年增长6%，2024年预期增长6.5%`` has an actual and a target."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        s = a
        for m in _TIME_WORD_RE.finditer(text, a, b):
            out.append((s, m.end()))
            s = m.end()
        out.append((s, b))
    return out
