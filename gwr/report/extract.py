"""Extract targets and actuals from the text of a government work report.

Entry point: :func:`extract_report`.  The stages, each a module of this package:

1. :mod:`~gwr.report.normalize` -- a compact, half-width copy of the text (no
   spaces, ASCII punctuation mapped to CJK, soft line breaks joined) with an
   offset map back to the original;
2. :mod:`~gwr.report.structure` -- paragraphs, part/section headings, report
   year and region;
3. this module walks the paragraphs in order with a typed :class:`DocState`:
   per sentence (split at 。！？； by :mod:`~gwr.report.spans`),
   :mod:`~gwr.report.kinds` decides target or actual and the year,
   :mod:`~gwr.report.periods` the period, :mod:`~gwr.report.mentions` finds the
   quantities, :mod:`~gwr.report.clauses` (with :mod:`~gwr.report.subjects` and
   :mod:`~gwr.report.enumerations`) attaches them to their subjects,
   :mod:`~gwr.report.qualitative` reads number-less items of a main-targets list;
4. :mod:`~gwr.report.restatements` merges figures stated twice and quotes each
   row from the original text.

Each module's docstring states its rules; the tests that pin them are named there.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .candidates import SentenceContext
from .clauses import extract_sentence
from .kinds import PAST_YEAR_START_RE, TARGET_START_RE, cue_kind, sentence_kind, split_at_time_words
from .mentions import QUOTED_RE, find_mentions
from .model import Report, UndatableReportError
from .naming import region_names
from .normalize import normalize
from .periods import FIVE_YEARS_RE, TO_YEAR_RE, plan_in, review_term
from .qualitative import (
    DIGIT_RE,
    LIST_LEAD_REST_RE,
    MAIN_TARGET_RE,
    TARGET_HEADING_RE,
    add_qualitative,
)
from .restatements import merge_restatements
from .spans import SENTENCE_END, iter_spans
from .state import DocState, ParagraphState
from .structure import Paragraph, detect_region, detect_year, split_paragraphs

__all__ = ["extract_report"]

#: a number cue: a digit, 百分之, a Chinese number with a scale, a bare 百亿/千亿/万亿
HAS_NUM_RE = re.compile(r"\d|百分之|[百千万]亿|[一二两三四五六七八九][十百千万亿]")
#: runs of HAS_NUM_RE matches, scanned once per text (it opens with a class: fast)
NUM_RUN_RE = re.compile(
    r"[\d百千万一二两三四五六七八九]"
    r"(?:(?<=百)分之|(?<=[百千万])亿|(?<=[一二两三四五六七八九])[十百千万亿]|(?<=\d))"
    r"(?:\d|百分之|[百千万]亿|[一二两三四五六七八九][十百千万亿])*"
)
#: a part heading that names a single year
_A_YEAR_RE = re.compile(r"(?:19|20)\d{2}年")
#: a paragraph opening on one past year: 刚刚过去的2025年，… / 过去一年，… / 2025年，…
_ONE_YEAR_OPENING_RE = re.compile(
    r"(?:刚刚|刚)?过去的(?:一年|(?:19|20)\d{2}年)|过去一年|一年来|去年|(?:19|20)\d{2}年[，,是]"
)
#: a plan-part sentence about the past: 过去一年，… / 去年，…
_PAST_OPENERS = ("过去一年", "去年", "上一年")
#: a bullet paragraph: an item of a list that spans paragraphs
BULLET_RE = re.compile(r"^[●◆■▲•▶➢□○◇※★☆√\-—]")


def extract_report(text: str, *, year: int | None = None, region: str | None = None) -> Report:
    """Extract every target and actual stated in ``text``.

    ``year`` is the report year when given (targets for ``year``, review actuals
    for ``year - 1``); otherwise it is read from the text, and
    :class:`UndatableReportError` is raised when it cannot be.
    """
    norm = normalize(text)
    ct = norm.text
    text_year = detect_year(ct)
    report_year = year if year is not None else text_year
    if report_year is None:
        raise UndatableReportError(
            "no report year in the text (no heading like "
            "'二、2024年重点工作' or '2023年工作回顾'); pass --year or a sidecar report_year"
        )
    if region is None:
        region = detect_region(ct)
    # Headings are read against the text's own year; a different year given by
    # the caller (sidecar override) moves every year by the same amount.
    paras = split_paragraphs(ct, text_year if text_year is not None else report_year)
    num_starts: list[int] = []
    num_ends: list[int] = []
    for m in NUM_RUN_RE.finditer(ct):
        num_starts.append(m.start())
        num_ends.append(m.end())
    doc = DocState(
        text=ct,
        report_year=report_year,
        shift=report_year - text_year if text_year is not None else 0,
        regions=region_names(region),
        quoted=[(m.start(), m.end()) for m in QUOTED_RE.finditer(ct)],
        num_starts=num_starts,
        num_ends=num_ends,
    )
    for para in paras:
        _read_paragraph(doc, para)
    stmts = merge_restatements(doc.cands, norm, text)
    return Report(region=region, year=report_year, statements=stmts)


def _read_paragraph(doc: DocState, para: Paragraph) -> None:
    ct = doc.text
    if para.is_heading:
        # a standalone heading 今年预期目标 opens the list on the next lines
        doc.in_list = doc.list_fresh = (
            para.part_kind != "review" and TARGET_HEADING_RE.search(para.text) is not None
        )
        return
    bullet = (bool(BULLET_RE.match(para.text)) or len(para.text) <= 30) and not para.text.endswith(
        "："
    )
    if doc.in_list and not bullet and not doc.list_fresh:
        doc.in_list = False
    close_list = doc.in_list and not bullet  # a whole paragraph of items: the list ends with it
    doc.list_fresh = False
    if para.section != doc.last_section:
        doc.prev_indicator = ""  # a new section: no subject to inherit
    doc.last_section = para.section
    spans = iter_spans(ct, para.body_start, para.end, SENTENCE_END)
    if para.part_kind != "review":
        spans = split_at_time_words(ct, spans)
    ps = ParagraphState(
        five_years=ct.find("五年", para.start, para.end) >= 0
        and FIVE_YEARS_RE.search(ct, para.start, para.end) is not None
    )
    # only the opening words count: a year named later in the paragraph is one figure's
    ps.one_year = _ONE_YEAR_OPENING_RE.match(ct, para.body_start) is not None
    heading = para.section.split(" > ", 1)[0]
    if ("五" in heading or "年" in heading) and not _A_YEAR_RE.search(heading):
        # 一、“十一五”时期…的回顾 / 一、过去五年工作回顾 (a heading naming one year, like
        # 一、“十三五”时期和2020年工作回顾, leaves the term to each paragraph)
        ps.heading_plan = plan_in(heading)
        ps.heading_five_years = FIVE_YEARS_RE.search(heading) is not None
        if ps.heading_plan is None and "今后五年" in heading:
            ps.heading_future = (doc.report_year, doc.report_year + 4)  # 二、今后五年目标任务
    for sa, sb in spans:
        _read_sentence(doc, ps, para, sa, sb)
    if close_list and not doc.list_fresh:
        doc.in_list = False


def _has_number(doc: DocState, sa: int, sb: int) -> bool:
    """``HAS_NUM_RE.search(text, sa, sb) is not None``, from the text's runs: the first
    run that ends after ``sa`` decides (inside: yes; astride an edge: search)."""
    ni = bisect_right(doc.num_ends, sa)
    if ni == len(doc.num_starts) or doc.num_starts[ni] >= sb:
        return False
    if doc.num_starts[ni] >= sa and doc.num_ends[ni] <= sb:
        return True
    return HAS_NUM_RE.search(doc.text, sa, sb) is not None


def _read_sentence(doc: DocState, ps: ParagraphState, para: Paragraph, sa: int, sb: int) -> None:
    ct = doc.text
    report_year = doc.report_year
    if para.part_kind == "plan" and ct.startswith(_PAST_OPENERS, sa):
        ps.past_run = report_year - 1  # 过去一年，我们…: the past, in the plan part
    has_num = _has_number(doc, sa, sb)
    if (
        not has_num
        and not doc.in_list
        and not ps.num_list
        and para.part_kind is not None
        and ct.find("目标", sa, sb) < 0
        and ct.find("指标", sa, sb) < 0
    ):
        return  # nothing to extract, no state to update
    sentence = ct[sa:sb]
    kind, yr = sentence_kind(para, sentence, report_year, doc, doc.shift)
    if para.part_kind == "plan" and kind == "target" and ps.past_run is not None:
        if cue_kind(sentence, report_year) == "target" or TARGET_START_RE.match(sentence):
            ps.past_run = None
        else:
            kind, yr = "actual", ps.past_run  # 过去一年，…。国内生产总值增长10.3%，…
    if (
        para.part_kind == "plan"
        and ps.carry_past is not None
        and sa > 0
        and ct[sa - 1] == "；"
        and kind == "target"
        and not TARGET_START_RE.match(sentence)
    ):
        kind, yr = "actual", ps.carry_past  # 2021年，A…；B…: B is of 2021 too
    ps.carry_past = yr if kind == "actual" and para.part_kind == "plan" else None
    if doc.in_list:
        past = PAST_YEAR_START_RE.match(sentence)
        if past and int(past.group(1)) < report_year:
            doc.in_list = False  # 2017年全市共有…: the list has ended
    if doc.in_list and para.part_kind != "review":
        if para.part_kind is None and cue_kind(sentence, report_year) == "actual":
            doc.in_list = False
        else:
            kind, yr = "target", report_year
            doc.cue_kind = kind
    to_year = None
    to_year_pos = sa
    if kind == "target":
        tm = TO_YEAR_RE.search(sentence) if "年" in sentence else None
        ty = int(tm.group(1) or tm.group(2)) if tm else 0
        if ty > report_year:
            # 到2027年…, 2025年底前… in a 2024 report, from that clause on
            to_year = ps.to_year = ty
            to_year_pos = sa + tm.start()
        elif "今年" in sentence or f"{report_year}年" in sentence:
            ps.to_year = None
        else:
            to_year = ps.to_year  # 到2027年，…；人均生产总值达到17万元
    ctx = SentenceContext(ct, kind, yr, para.section, doc.prev_indicator)
    ctx.regions = doc.regions
    ctx.sentence_start = sa
    ctx.avg = "年均" in sentence
    if not has_num:
        pass  # no figure to date (a number-less list item is of the year)
    elif kind == "actual":
        para_term = None if ps.one_year else ps.heading_plan or (
            (yr - 4, yr) if ps.five_years or ps.heading_five_years else None
        )
        ctx.term = review_term(sentence, para_term, yr)
    else:
        ctx.plan = (
            plan_in(sentence)
            or ps.heading_plan
            or ((report_year, to_year) if to_year is not None and to_year > report_year else None)
        )
    from_year = None
    if kind == "actual" and ps.five_years:
        from_year = yr - 5  # 2021 closes the term 2017-2021: start levels are of 2016
    mentions = find_mentions(ct, sa, sb, doc.quoted, from_year) if has_num else []
    if mentions:
        extract_sentence(ctx, sa, sb, mentions, to_year, to_year_pos)
    _read_targets_list(doc, ps, para, ctx, sentence, sa, sb)
    if sb > sa and ct[sb - 1] != "；":
        ps.num_list = False  # the sentence ends (a ，-clause or 。)
    doc.cands.extend(ctx.out)
    if ctx.out:
        doc.prev_indicator = ctx.out[-1].indicator


def _read_targets_list(
    doc: DocState,
    ps: ParagraphState,
    para: Paragraph,
    ctx: SentenceContext,
    sentence: str,
    sa: int,
    sb: int,
) -> None:
    """Number-less items of a main-targets list (qualitative rows), and whether the
    list goes on (``doc.in_list``, ``doc.list_fresh``, ``ps.num_list``)."""
    ct = doc.text
    kind = ctx.kind
    # (every lead of the targets list names 目标 or 指标: a cheap pre-check)
    mt = MAIN_TARGET_RE.search(sentence) if "目标" in sentence or "指标" in sentence else None
    start = -1
    if mt and kind == "target":
        colon = ct.find("：", sa + mt.end(), sb)
        if colon >= 0:
            start = colon + 1
            doc.in_list = True
            doc.list_fresh = colon + 1 >= para.end
        elif LIST_LEAD_REST_RE.match(ct[sa + mt.end() : sb].strip("。：，")):
            start = sb
            doc.in_list = True
            doc.list_fresh = sb >= para.end
        elif ct[sa + mt.end() : sa + mt.end() + 1] == "的":
            # 加强对增长、就业等主要目标的统筹平衡: the targets named as a noun
            # (…目标的X), after the list, not a lead: the list has ended
            doc.in_list = False
        elif ct[sa + mt.end() : sa + mt.end() + 1] not in ("和", "与", "及"):
            start = sa + mt.end()
        # else: 今年发展主要目标和下一阶段工作总体部署 — a title, no list
    elif doc.in_list:
        start = sa
    if start >= 0 and kind == "target":
        for ca, cb in iter_spans(ct, start, sb, "，；。"):
            if not add_qualitative(ctx, ca, cb):
                doc.in_list = False
                break
    elif kind == "target" and para.part_kind != "review":
        # No list lead, but a sentence that lists numeric targets (增长10%以上，
        # …增长15%以上，主要约束性指标控制在省市规定范围以内): its number-less items
        # after the first numeric one are qualitative targets too, until one
        # is no target phrase.
        if not ps.num_list:
            first = -1
            if len(ctx.out) >= 2:
                nums = [c.qa for c in ctx.out if c.value is not None and c.kind == "target"]
                first = min(nums) if len(nums) >= 2 else -1
            ps.num_list = first >= 0
        else:
            first = sa
        if ps.num_list:
            for ca, cb in iter_spans(ct, sa, sb, "，；。"):
                if cb <= first or DIGIT_RE.search(ct, ca, cb):
                    continue
                n_out = len(ctx.out)
                if not add_qualitative(ctx, ca, cb) or len(ctx.out) == n_out:
                    ps.num_list = False
                    break
