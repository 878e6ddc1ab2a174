"""Document structure: paragraphs, headings, section paths, report year, region.

Works on the compact normalized text of :mod:`gwr.report.normalize`.

* Part headings ``一、2023年工作回顾`` / ``二、2024年重点工作`` (a short paragraph
  starting with a Chinese ordinal and ``、``), ``第三部分 …``, un-numbered
  ``2024年工作安排`` / ``过去五年工作回顾`` and headline-style titles
  (``2024年全市上下…交出了一份…优异成绩单``) open a *part*; markdown markers
  (``###``, ``**``) in reprints are ignored.  A part whose heading
  says 回顾/过去/成绩/工作总结 is a *review* part (actuals of the review year), one
  that says 重点工作/工作安排/主要任务/目标/今年 is a *plan* part (targets of the
  report year); other parts inherit the kind of the part before them.
* An outline of the parts in a news text (``报告分为三部分：`` then ``一、2019年工作
  回顾；`` ``二、…；`` ``三、…。``: ordinal lines ending in ``；``, or listed right after
  ``分为N部分/包括/共N部分：``, or the next ordinal after such an item) opens no part:
  the text after it is read by its sentence cues.
* Sub-headings ``（一）…`` / ``1.…`` (a paragraph of its own, or the lead sentence
  of a paragraph) and a paragraph's short lead sentence (``壮大工业产业集群。``)
  extend the section path, joined with ``" > "``.  A numbered item that holds a
  number or ends with ``；``/``。`` (``1.地区生产总值增长6%左右；``) is content, not
  a heading.
* ``2024年工作计划/工作打算/主要目标`` lines (numbered, un-numbered, or behind a
  ``（二）``/``2、`` marker, with or without punctuation) open a plan part; a news
  headline ``2020年要这么做`` names the year but leaves the kind to the sentences.
* The report year comes from headings (``二、2024年重点工作``, ``2024年工作安排``,
  ``2023年工作回顾`` + 1), from the dateline (``2024年1月20日在…人民代表大会…``), from
  prose (``安排2023年工作``, ``提出了2024年工作总体要求和目标任务``, ``报告回顾了2023年
  工作`` + 1, ``对2024年工作作出安排``), from ``今年是“十四五”…开局/收官之年``,
  ``今年是新中国成立75周年``, or from ``2024年是…`` sentences (``2022年是…一年`` that
  restates ``过去一年是…一年`` is the review year).  Nothing is guessed.
* The region is :mod:`gwr.regions`' (title, congress line, signature, the 全市 context,
  resolved through the division table); else ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwr.numbers import parse_number
from gwr.regions import find_report_region

__all__ = [
    "Paragraph",
    "detect_region",
    "detect_year",
    "split_paragraphs",
]

CN_ORD = "一二三四五六七八九十"
_MD = r"(?:[#*>]+|\*\*)?"  # markdown heading/bold markers in reprints
PART_RE = re.compile(
    rf"^{_MD}(?:([{CN_ORD}]+)[、。．.]|第[{CN_ORD}]+部分[、，。：\s]?)(.*)$"
    # an un-numbered part heading: 2024年工作安排, 过去五年工作回顾
    rf"|^{_MD}((?:(?:19|20)\d{{2}}年|过去一年|过去五年|今后五年|今年|本届政府)[^，。；！？]{{0,12}}"
    r"(?:工作回顾|工作安排|重点工作|主要工作|工作建议|工作要点|主要任务|工作任务|重点任务|目标任务"
    r"|总体要求|政策取向|主要目标"
    r"|预期目标|发展目标|工作计划|工作打算|工作思路|要这么做|这样干|怎么干)[^，。；！？]{0,8}[。！：:]?)$"
    # a headline-style part title: 2024年全市上下…交出了一份…优异成绩单
    rf"|^{_MD}((?:19|20)\d{{2}}年[^，。；！？\d]{{0,40}}(?:回顾|成绩单|主要成绩|工作安排|工作任务|重点工作))$"
)
SUB_RE = re.compile(rf"^{_MD}（([{CN_ORD}]+|\d+)）")
NUM_SUB_RE = re.compile(rf"^{_MD}(\d{{1,2}})[、．.。](?!\d)")
REVIEW_WORDS = ("回顾", "过去", "成绩", "工作总结")
PLAN_WORDS = (
    "重点工作",
    "工作安排",
    "主要任务",
    "目标",
    "总体要求",
    "今年",
    "部署",
    "工作任务",
    "重点任务",
    "计划",
    "打算",
)


_YEAR_IN_RE = re.compile(r"(20\d{2}|19\d{2})年")
_FIRST_SENT_RE = re.compile(r"^[^。！？]*[。！？]?")
_LEAD_SENT_RE = re.compile(r"^[^。！？，；：]{2,24}[。！？]")
_DIGIT_RE = re.compile(r"\d")


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the compact text with its structural context."""

    start: int  # offset in the compact text
    end: int
    text: str
    part_kind: str | None  # "review" | "plan" | None
    part_year: int | None  # year named in the part heading, if any
    section: str  # section path joined with " > "
    is_heading: bool
    body_start: int  # where the body starts after an inline heading/lead sentence


def _part_match(line: str) -> re.Match[str] | None:
    """PART_RE on a line; a numbered sub-heading that is an un-numbered part heading
    (``（二）2024年主要目标``, ``1.2024年工作计划``) opens a part too."""
    m = PART_RE.match(line)
    if m is not None:
        return m
    om = SUB_RE.match(line) or NUM_SUB_RE.match(line)
    if om is None:
        return None
    m2 = PART_RE.match(line[om.end() :])
    if m2 is not None and m2.group(3) and len(line) - om.end() <= 30:
        return m2
    return None


#: a paragraph that opens the year's plan without a heading (a source that lost it):
#: 做好今年政府工作的总体要求是：…, 今年全市经济社会发展主要预期目标是：…
_PLAN_OPENING_RE = re.compile(
    r"^(?:综合考虑[^。]{0,8}?[，,])?(?:做好)?今年[^。；，！？]{0,20}?"
    r"(?:总体要求|主要预期目标|主要目标|预期目标)[是为][：:]"
)

#: a news headline (2020年要这么做) names the plan year but heads a whole article:
#: the kind of what follows is read from its sentences
_HEADLINE_WORDS = ("这么做", "这样干", "怎么干")


def _part_kind(heading: str) -> str | None:
    if heading.endswith(_HEADLINE_WORDS):
        return None
    if any(w in heading for w in REVIEW_WORDS) and "今年" not in heading:
        return "review"
    if any(w in heading for w in PLAN_WORDS):
        return "plan"
    return None


#: a paragraph that announces an outline of the report's parts: 报告分为三部分：
_OUTLINE_INTRO_RE = re.compile(
    r"(?:分为|分成|共分|分|共有?|包括|包含|由)[了]?"
    rf"(?:[{CN_ORD}\d]+个?(?:部分|方面|板块|章节?)|以下[{CN_ORD}\d]*个?(?:部分|方面))(?:组成|构成)?[：:]?$"
    r"|(?:包括|包含|内容(?:如下|是|为))[：:]$"
)


def _is_outline_item(raw: str, ordinal: str, prev: str | None, last_ordinal: str) -> bool:
    """A part-heading-like line that is an item of an outline in a news text:
    ``一、2019年工作回顾；`` (ends with ；), the ordinal line right after
    ``报告分为三部分：``, or the next ordinal after another outline item."""
    if raw.endswith(("；", ";")):
        return True
    if last_ordinal and CN_ORD.find(ordinal) == CN_ORD.find(last_ordinal) + 1:
        return True
    return prev is not None and bool(_OUTLINE_INTRO_RE.search(prev))


_HEAD_NUM_STOP_RE = re.compile(r"^(\d{1,2})。")


def _clean_heading(s: str) -> str:
    m = _HEAD_NUM_STOP_RE.match(s)
    if m is not None:
        s = m.group(1) + "." + s[m.end() :]  # "1." was read as a full stop
    return s.rstrip("。：；，").strip()


def split_paragraphs(text: str, report_year: int | None = None) -> list[Paragraph]:
    """Split the compact text into paragraphs and attach section paths.

    With ``report_year`` a part heading that names an earlier year is a review
    and one that names the report year a plan, whatever its wording.
    """
    paras: list[Paragraph] = []
    part = ""
    part_kind: str | None = None
    part_year: int | None = None
    sub = ""
    pos = 0
    prev: str | None = None
    outline_ord = ""  # the ordinal of the outline item just read, if any
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if not raw:
            continue
        m = _part_match(raw)
        is_heading = False
        body_start = start
        lead = ""
        outline = (
            m is not None
            and m.group(1) is not None
            and _is_outline_item(raw, m.group(1), prev, outline_ord)
        )
        outline_ord = m.group(1) if outline and m is not None else ""
        prev = raw
        if outline:
            # an outline of the parts (报告分为三部分：一、…；二、…；): no part opens
            is_heading = True
        elif m and len(raw) <= 60 and "。" not in raw[:-1]:
            part = _clean_heading(raw)
            k = _part_kind(raw)
            ym = _YEAR_IN_RE.search(raw)
            part_year = int(ym.group(1)) if ym else None
            if (
                report_year is not None
                and part_year is not None
                and "到" not in raw
                and not raw.endswith(_HEADLINE_WORDS)
            ):
                # the year decides (二、2024年主要工作 is a plan, 2023年主要工作 a review)
                if part_year < report_year and "今后" not in raw:
                    k = "review"
                elif part_year >= report_year:
                    k = "plan"
            part_kind = k if k is not None else part_kind
            sub = ""
            is_heading = True
        elif SUB_RE.match(raw) or NUM_SUB_RE.match(raw):
            om = SUB_RE.match(raw) or NUM_SUB_RE.match(raw)
            n_ord = om.end() if om else 0
            first = _FIRST_SENT_RE.match(raw[n_ord:])
            head = raw[: n_ord + (first.end() if first else 0)]
            numbered_item = bool(NUM_SUB_RE.match(raw)) and raw[-1] in "；。;，"
            if (
                _DIGIT_RE.search(head[n_ord:])
                or len(head) - n_ord <= 1
                or numbered_item
                or raw[-1] in "；;"
            ):
                # a numbered content item (1.地区生产总值增长6%；), not a heading
                body_start = start + n_ord if NUM_SUB_RE.match(raw) else start
            elif len(head) <= 50:
                sub = _clean_heading(head)
                if head == raw:
                    is_heading = True
                else:
                    body_start = start + len(head)
            else:
                mm = SUB_RE.match(raw) or NUM_SUB_RE.match(raw)
                sub = raw[: mm.end()] if mm else ""
        else:
            if part_kind == "review" and _PLAN_OPENING_RE.match(raw):
                # the review is over: the plan of the report year starts here
                part_kind, part_year = "plan", None
            first = _LEAD_SENT_RE.match(raw)
            if first and not _DIGIT_RE.search(first.group(0)) and len(raw) > len(first.group(0)):
                lead = _clean_heading(first.group(0))
                body_start = start + len(first.group(0))
        path = [p for p in (part, sub, lead) if p]
        paras.append(
            Paragraph(
                start=start,
                end=end,
                text=raw,
                part_kind=part_kind,
                part_year=part_year,
                section=" > ".join(path),
                is_heading=is_heading,
                body_start=body_start,
            )
        )
    return paras


_YEAR = r"((?:19|20)\d{2})年"
_PLAN_YEAR_RES = [
    re.compile(
        _YEAR
        + r"(?:的)?(?:政府)?(?:重点工作|工作安排|主要任务|工作任务|重点任务|工作部署|总体要求)"
    ),
    re.compile(
        _YEAR + r"(?:全市|全省|全县|全区|全州|全国)?(?:经济社会发展)?(?:的)?主要(?:预期)?目标"
    ),
    re.compile(_YEAR + r"[\u4e00-\u9fff]{0,8}经济社会发展\n?[\u4e00-\u9fff]{0,6}(?:目标|任务)"),
    re.compile(
        r"(?<![到至])" + _YEAR + r"[，,]?[\u4e00-\u9fff]{0,8}?(?:经济社会发展)?的?主要(?:预期)?目标"
    ),
    re.compile(
        r"(?<![到至\d])((?:19|20)\d{2})(?![\d年])[\u4e00-\u9fff]{0,8}?(?:预期|发展|主要)目标"
    ),
    re.compile(r"(?<![到至])" + _YEAR + r"(?:全年)?(?:主要)?(?:预期)?目标"),
    re.compile(_YEAR + r"是"),
    re.compile(r"今年[，,]?是[^。]{0,40}?" + _YEAR),
]
_REVIEW_YEAR_RE = re.compile(_YEAR + r"(?:工作)?(?:回顾|总结)")
_DATELINE_RE = re.compile(_YEAR + r"(\d{1,2})月\d{1,2}日在[^。\n]{0,40}?(?:人民代表大会|人大)")
_CN_YEAR_DATELINE_RE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月[一二三四五六七八九十]{1,3}日"
)
_CN_DIG = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
#: a year written in Chinese numerals, digit by digit: 二〇二四年, 二○二四年
_CN_YEAR_RE = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
#: a part heading that reviews a named year up to now: 2019年和今年以来工作回顾
_REVIEW_HEADING_YEAR_RE = re.compile(_YEAR + r"(?:和今年(?:以来)?)?(?:的)?(?:工作)?(?:回顾|总结)")
#: a part heading that is only a year's work: 三、2011年的工作 (the plan of that year)
_YEAR_WORK_HEADING_RE = re.compile(r"^[^\d]{0,12}?" + _YEAR + r"(?:的)?(?:政府)?工作$")


def _arabic_years(text: str) -> str:
    """``text`` with years in Chinese numerals (二〇二四年) written in digits (2024年).

    Four characters for four, so every offset stays; numerals that are no year of
    the 20th or 21st century (一二三四年) are left alone."""
    if "年" not in text or _CN_YEAR_RE.search(text) is None:
        return text

    def digits(m: re.Match[str]) -> str:
        y = "".join(_CN_DIG[c] for c in m.group(0))
        return y if y.startswith(("19", "20")) else m.group(0)

    return _CN_YEAR_RE.sub(digits, text)


#: prose that names the plan year: 安排2023年工作, 提出了2024年工作总体要求和目标任务,
#: 2020年要这么做, 2019年工作计划
_PROSE_PLAN_RE = re.compile(
    r"(?:安排|部署|谋划|做好|提出了?|明确了?)(?:了|好)?"
    + _YEAR
    + r"(?:的)?(?:全年)?(?:政府)?(?:工作|任务|目标)|对"
    + _YEAR
    + r"(?:的)?(?:政府)?工作(?:作出|进行|做出)了?(?:安排|部署)|(?<![到至\d])"
    + _YEAR
    + r"(?:的)?(?:政府)?(?:工作)?(?:的)?(?:总体要求|目标任务|主要预期目标|预期目标"
    r"|工作计划|工作打算|工作思路|重点工作|要这么做|这样干|怎么干|重点任务|主要任务)"
)
#: prose that names the review year: 报告回顾了2023年工作, 过去的2023年
_PROSE_REVIEW_RE = re.compile(
    r"回顾(?:了)?(?:过去的)?"
    + _YEAR
    + r"(?:的)?(?:政府)?工作|"
    + _YEAR
    + r"(?:的)?(?:政府)?工作(?:回顾|总结)|过去的"
    + _YEAR
)
_DONE_WORDS = ("完成", "实现", "达成", "落实", "超额")
#: 今年是“十四五”规划开局之年 / 收官之年; 今年是新中国成立75周年
_FIVE_YEAR_PLAN_RE = re.compile(
    r"今年[，,]?是[^。\n]{0,30}?十([一二三四五])五[^。\n]{0,16}?"
    r"(开局|起步|开篇|首|收官|决胜|冲刺|最后|中期|第[一二三四五])"
)
_ANNIV_RE = re.compile(
    r"今年[，,]?是[^。\n]{0,20}?(新中国|中华人民共和国|中国共产党|建党|改革开放)[^。\n]{0,4}?"
    r"(\d{1,3}|[一二三四五六七八九十百]{1,5})周年"
)
_ANNIV_BASE = {
    "新中国": 1949,
    "中华人民共和国": 1949,
    "中国共产党": 1921,
    "建党": 1921,
    "改革开放": 1978,
}
_FIVE_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
#: 今年是全面贯彻党的二十大精神的开局之年 (the 18th congress sat in 2012, then every 5 years)
_CONGRESS_RE = re.compile(
    r"今年[，,]?是[^。\n]{0,20}?党的(十八|十九|二十|二十一)大[^。\n]{0,10}?开局之年"
)
_CONGRESS_YEAR = {"十八": 2013, "十九": 2018, "二十": 2023, "二十一": 2028}


def _is_done(text: str, a: int, b: int) -> bool:
    """A plan-year phrase said to be done (完成2023年目标任务, 2023年主要任务全面完成)."""
    before = text[max(0, a - 4) : a]
    after = text[b : b + 8]
    return before.endswith(_DONE_WORDS) or any(w in after for w in _DONE_WORDS)


def _prose_year(text: str, *, five_year: bool = True) -> int | None:
    """The report year from prose cues (no heading or dateline states it)."""
    for m in _PROSE_PLAN_RE.finditer(text):
        if _is_done(text, m.start(), m.end()):
            continue  # 圆满完成2023年目标任务: the review, not the plan
        return int(next(g for g in m.groups() if g))
    m = _PROSE_REVIEW_RE.search(text)
    if m:
        return int(m.group(1) or m.group(2) or m.group(3)) + 1
    m = _FIVE_YEAR_PLAN_RE.search(text) if five_year else None
    if m:
        start = 2006 + 5 * (_FIVE_NUM[m.group(1)] - 1)
        w = m.group(2)
        if w.startswith("第"):
            return start + _FIVE_NUM[w[1]] - 1  # 实施“十四五”规划的第三年
        return start + (4 if w in ("收官", "决胜", "冲刺", "最后") else 2 if w == "中期" else 0)
    m = _CONGRESS_RE.search(text) if five_year else None
    if m:
        return _CONGRESS_YEAR[m.group(1)]
    m = _ANNIV_RE.search(text) if five_year else None
    if m:
        n = int(m.group(2)) if m.group(2).isdigit() else parse_number(m.group(2))
        if n is not None:
            return _ANNIV_BASE[m.group(1)] + int(n)
    return None


def detect_year(text: str) -> int | None:
    """The report year stated in the compact text, or ``None``.

    Part headings win (``一、2023年工作回顾`` -> 2024, ``二、2024年重点工作`` ->
    2024), then a title ``2024年…政府工作报告``, then the dateline (``2024年1月20日
    在…人民代表大会``; a report given in November/December is the next year's),
    then sentences that announce the year's targets.
    """
    cn_head = text[:400]  # the dateline in Chinese numerals is read as written
    text = _arabic_years(text)
    heading_years: set[int] = set()
    for line in text.split("\n"):
        pm = _part_match(line)
        if pm and len(line) <= 60:
            ym = re.search(_YEAR, line)
            if ym and "到" not in line:
                y = int(ym.group(1))
                if any(w in line for w in REVIEW_WORDS) and "今年" not in line:
                    return y + 1
                rm = _REVIEW_HEADING_YEAR_RE.search(line)
                if rm:
                    return int(rm.group(1)) + 1  # 2019年和今年以来工作回顾: the review
                if _YEAR_WORK_HEADING_RE.match(line):
                    return y  # 三、2011年的工作: the year's work is the plan
                if any(w in line for w in PLAN_WORDS):
                    return y
                heading_years.add(y)
    if len(heading_years) >= 2 and max(heading_years) - 1 in heading_years:
        return max(heading_years)  # 一、2023年主要工作 / 二、2024年主要工作
    head = text[:3000]
    m = re.search(r"((?:19|20)\d{2})年[^\n。，]{0,16}政府工作报告", text[:300])
    if m:
        return int(m.group(1))
    m = _DATELINE_RE.search(head)
    if m:
        return int(m.group(1)) + (1 if int(m.group(2)) >= 11 else 0)
    m2 = _CN_YEAR_DATELINE_RE.search(cn_head)
    if m2:
        y = "".join(_CN_DIG.get(c, "") for c in m2.group(1))
        if len(y) == 4:
            return int(y) + (1 if m2.group(2) in ("十一", "十二") else 0)
    for i, rx in enumerate(_PLAN_YEAR_RES):
        if i == len(_PLAN_YEAR_RES) - 2:
            # prose naming the plan or review year (安排2023年工作, 回顾了2023年工作)
            # is stronger than a "2023年是…" sentence
            y = _prose_year(text, five_year=False)
            if y is not None:
                return y
        if rx.pattern.endswith("是"):
            for m in rx.finditer(text):
                tail = text[m.end() : m.end() + 6]
                if len(tail) >= 4 and ("过去一年是" + tail[:4]) in text:
                    return int(m.group(1)) + 1  # 过去一年是…一年 / 2022年是…一年: the review
        years = [
            int(m.group(1))
            for m in rx.finditer(text)
            if not _is_done(text, m.start(), m.end()) or rx.pattern.endswith("是")
        ]
        if years:
            # "2023年是…开局之年" in a review and "2024年是…" in the plan: the latest
            return (
                max(years)
                if rx.pattern.endswith("是") or rx.pattern.startswith("今年")
                else years[0]
            )
    # a sentence that announces targets and names a year: 目标方面，2023年…
    for sent in re.split(r"[。！？\n]", text):
        if re.search(r"预期目标|发展目标|目标方面|主要目标|目标任务是", sent):
            ym = re.search(r"(?<![到至\d])((?:19|20)\d{2})年(?!以来|以前|之前|底|末)", sent)
            if ym:
                return int(ym.group(1))
    y = _prose_year(text)
    if y is not None:
        return y
    m = _REVIEW_YEAR_RE.search(text)
    if m:
        return int(m.group(1)) + 1
    m = re.search(r"((?:19|20)\d{2})年(?:政府工作报告|[^\n。]{0,12}政府工作报告)", text[:300])
    if m:
        return int(m.group(1))
    return None


def detect_region(text: str) -> str | None:
    """The official name of the report's region, or ``None`` when the text does not
    determine it: a thin call into :func:`gwr.regions.find_report_region` (the one region
    module; it reads the title, the congress line, the signature and the 全市 context
    through the division table)."""
    division = find_report_region(text)
    return division.name if division else None
