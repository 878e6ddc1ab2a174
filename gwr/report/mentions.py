"""Stage 1, mentions: the quantities a sentence states, before any subject is known.

Rules (pinned by tests/report/test_extract_rules.py, test_extract_remaining.py and
test_extract_generalization.py):

* A mention is an Arabic number (ASCII or full-width, with ``,`` and ``.``; stray
  spaces ignored) followed by a unit (``[scale][余|多]unit``: ``2.1万户``,
  ``410亿元``, ``8万余个``, ``3.5个百分点``, ``25%``, ``3倍``), or a Chinese
  number that contains a scale word and is followed by a unit (``两万人``,
  ``一千二百个``), or ``百分之十五``.  Single Chinese numerals (``三大``,
  ``六个方面``) are never quantities.  Compound units are read whole
  (``70亿元/平方公里``).
* Not quantities: years and dates (``2023年``, ``1-6月``: no unit), ranks
  (``第4``, ``前10``, ``上升54位``, ``居全省前3位``, ``7项指标增速居全省前3位``),
  ordinals (``第二批``), anything inside quotes or book-title marks (``“1+3”``,
  ``《…》``), numbers glued to latin letters (``5G``), ages (``岁`` is no unit),
  percentages before ``的`` (``100%的信心``), ``5人制`` (a name), durations
  (``连续36个月``), ``第四个突破2000亿元大关的城市`` (a rank milestone).
* A quantity followed by a noun is *prenominal* (inside a name): a capacity
  (power, mass, volume, time: ``27万千瓦风电场``, ``南江年产40万吨…项目``) is no
  row; ``首超``/``年产`` before a number mark a name too; ``718.6万建档立卡贫困人口``
  (a scale word before a noun of people) is a count in ``万``; ``突破200万大关``
  after a subject of people too.  An amount inside ``进入/迈入/跨入…新阶段/时代/行列``
  (``进入了5万亿元以上的新阶段``, ``迈入3万亿元时代``) is a milestone reached: a quantity,
  ``>=`` (its own ``以上`` or none).
* Comparators: ``以上/不低于/不少于/超/超过/突破/高于/多/余`` -> ``>=``;
  ``以内/以下/不超过/控制在/低于/不到`` -> ``<=``; ``左右/约/约合/近/上下`` -> ``~``;
  else ``=``.  A word after the number wins over one before it.  ``跨越/迈上 N、M台阶``
  -> ``>=`` each.
* Ranges ``10-20亿元``, ``6%-7%`` -> value, value_max; ``0.8个、1.3个百分点`` (the trailing
  ``个百分点`` applies back); ``5万亿、4万亿和3万亿元`` (the last unit applies back).
* ``由X增加到Y``: X is a start level, dated when its year is stated (``由2018年的12家``,
  ``…，是2016年的2.5倍``) or when the paragraph reviews a five-year term (``from_year``);
  an undated start level is no row.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gwr.numbers import parse_number, tidy_decimal

from .vocab import (
    NOT_UNIT_BIGRAMS,
    POST_COMPARATORS,
    PRE_COMPARATORS,
    PRE_RE,
    SCALE_PATTERN,
    UNIT_PATTERN,
    UnitInfo,
    unit_info,
)

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = "零〇一二两三四五六七八九十百千万亿"
QUANTITY_RE = re.compile(
    # the lookahead is a fast prefilter (4x faster scanning); it changes no match
    rf"(?=[\d{_CN}])(?<![\d.A-Za-z])(?:"
    rf"(?P<n1>{_NUM}(?:[亿万千]\d+(?:\.\d+)?)*)(?P<apx0>[余多])?(?P<s1>{SCALE_PATTERN})?"
    rf"(?:(?P<rng>[-~～—–至到])(?P<n2>{_NUM})(?P<s2>{SCALE_PATTERN})?)?"
    rf"|百分之(?P<pc>[{_CN}点]+|{_NUM})"
    rf"|(?P<cn>[{_CN}]{{2,}})"
    rf")(?P<apx>[余多])?(?P<unit>{UNIT_PATTERN}(?:/{UNIT_PATTERN})?)?(?![A-Za-z])"
    rf"(?P<post>以上|之上|以下|以内|之内|左右|上下)?"
)
#: where a QUANTITY_RE match can start: a digit, 百分之 or two numeral characters (it opens
#: with a plain class, so it is scanned fast in C)
QUANTITY_START_RE = re.compile(rf"[\d{_CN}](?:(?<=\d)|(?<=百)分之|[{_CN}])")


def quantity_matches(text: str, a: int, b: int) -> Iterator[re.Match[str]]:
    """``QUANTITY_RE.finditer(text, a, b)``, faster: only where a match can start is it tried."""
    find, match = QUANTITY_START_RE.search, QUANTITY_RE.match
    pos = a
    while True:
        c = find(text, pos, b)
        if c is None:
            return
        m = match(text, c.start(), b)
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()


QUOTED_RE = re.compile(
    r"“[^“”\n]{0,40}”|《[^《》\n]{0,60}》|「[^「」\n]{0,40}」|『[^『』\n]{0,40}』|【[^【】\n]{0,30}】"
)
_STOP_AFTER = set("，。；、：！？）)…—”」』】/\n")
_CONT_AFTER = (
    "和",
    "及",
    "与",
    "并",
    "增长",
    "下降",
    "其中",
    "同比",
    "分别",
    "比上年",
    "较上年",
    "或",
    "台阶",
    "大关",
    "关口",
)
#: 跨越20亿元、30亿元台阶 / 突破200万大关: milestones (>=), not nouns after a quantity
_MILESTONE_AFTER = ("台阶", "大关", "关口")
_NAME_PREFIXES = ("首超", "首破", "年产", "日产", "年处理", "年吞吐", "年加工")
#: Units that, written before a noun, give the size of a facility, not a quantity
#: of work: 27万千瓦风电场, 50万吨…项目.  Area and length before a noun are work
#: (1.2亿亩高标准农田建设任务).
_CAPACITY_BASES = frozenset(
    {"千瓦", "兆瓦", "吉瓦", "瓦", "千瓦时", "兆瓦时", "吨", "公斤", "斤", "立方米", "标箱",
     "千伏安", "兆伏安", "吨标准煤", "升", "小时", "天", "分钟", "工作日"}
)  # fmt: skip
#: 增长6%以上的目标: a number before 的 that is still the target
_TARGET_AFTER_DE = re.compile(r"(?:预期)?(?:目标|增长|增速|水平)")
FROM_TO_RE = re.compile(r"[^，。；由从]{0,6}?(?:到|至)")
#: 由2018年的12家发展到40家: a base level dated to its year
_FROM_LAST = frozenset("由从的年底末")
_FROM_YEAR_RE = re.compile(r"[由从]((?:19|20)\d{2})年(?:底|末)?的?$")
_FROM_STATED_RE = re.compile(
    r"[^，。；由从]{0,6}?(?:到|至)[^。；，]{0,16}，?是((?:19|20)\d{2})年(?:底|末)?的"
)
_PRE_LAST = frozenset(w[-1] for w in PRE_COMPARATORS) | {"达", "到"}
_RANK_CLAUSE_RE = re.compile(
    r"[^，。；！？]{0,16}?(?:居|位居|位列|排名|排)(?:全国|全省|全市|全区|全州|全县)"
)
_RANK_WORDS_RE = re.compile(
    r"上升|下降|提升|前移|后移|前进|后退|进位|晋位|跃升|跃居|位居|居|排名|排|列|第|前"
)
#: 718.6万建档立卡贫困人口: a number with only a scale word before a noun of people
_PEOPLE_NOUN_RE = re.compile(
    r"[^，。；、：！？\n\d]{0,12}?(人口|群众|农户|农民|居民|职工|劳动力|家庭|户|人)"
)
#: 20%的行政村集体经济收入超20万元: a share of a group above a threshold
_SHARE_OF_RE = re.compile(r"[^，。；、：！？\n\d]{2,20}?(?:超过|超|达到|达|高于|不低于|突破|在)\d")
_PEOPLE_SUBJ_RE = re.compile(r"旅客|游客|客流|客运|人口|人数|人次|观众|用户|学生|就业|群众")
_NAME_PREFIXES_ALL = _NAME_PREFIXES + tuple(p + "达" for p in _NAME_PREFIXES)
_RANK_PREFIXES = ("第", "前", "排名", "位列", "位居", "居", "列")
CN_TRAILING_SCALE_RE = re.compile(r"(万亿|千亿|百亿|亿|万)$")
SHORT_PAREN_RE = re.compile(r"（[^（）]{1,4}）")
PAREN_POST_CMP_RE = re.compile(r"以上|以下|以内|左右")


@dataclass(slots=True)
class Mention:
    start: int  # compact offsets (absolute)
    end: int
    value: Decimal | None
    value_max: Decimal | None
    unit: UnitInfo | None
    pre_cmp: str | None
    post_cmp: str | None
    apx: bool
    skip: bool = False
    modifier: bool = False
    prenominal: bool = False
    base_year: int | None = None  # 由2018年的12家…: a base level of that year

    @property
    def comparator(self) -> str:
        if self.post_cmp:
            return POST_COMPARATORS[self.post_cmp]
        if self.pre_cmp:
            return PRE_COMPARATORS[self.pre_cmp]
        if self.apx:
            return ">="
        return "="


_PLAIN_NUM = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=8192)
def _dec(s: str) -> Decimal | None:
    if _PLAIN_NUM.fullmatch(s):
        return Decimal(s)
    if "," in s and _PLAIN_NUM.fullmatch(s.replace(",", "")):
        return Decimal(s.replace(",", ""))
    v = parse_number(s)
    if v is None:
        try:
            return Decimal(s.replace(",", ""))
        except InvalidOperation:
            return None
    return v


def _scale_of(s: str | None) -> str:
    return s or ""


#: the rest of 5万亿、4万亿和3万亿元 after a scaled number without a unit
_SCALE_CHAIN_RE = re.compile(
    rf"(?:[、和及与]{_NUM}{SCALE_PATTERN})*[、和及与]{_NUM}{SCALE_PATTERN}(?P<unit>{UNIT_PATTERN})"
)


#: a bare scale word read as a quantity after a milestone verb: 突破千亿元 (1000 亿元),
#: 迈上万亿元台阶 (1 万亿元), 双双突破千亿 (1000 亿元: money when no unit is written)
_SCALE_WORD_VALUES = {
    "百亿": (Decimal(100), "亿"),
    "千亿": (Decimal(1000), "亿"),
    "万亿": (Decimal(1), "万亿"),
}
_MILESTONE_VERBS = (
    "突破",
    "迈上",
    "迈入",
    "跨越",
    "跨过",
    "跨上",
    "站上",
    "跃上",
    "超过",
    "超",
    "过",
)


#: 进入了5万亿元以上的新阶段 / 迈入3万亿元时代 / 跨入千亿元城市行列: an amount inside
#: 进入/迈入/跨入…新阶段/时代/行列 is a milestone reached (>=), not a modifier
_ERA_VERBS = ("进入", "迈入", "跨入", "步入", "迈进", "跨进")
_ERA_AFTER_RE = re.compile(r"的?新?(?:阶段|时代)|的?[\u4e00-\u9fff]{0,3}?行列")


def _is_era_milestone(text: str, a: int, ms: int, end: int) -> bool:
    before = text[max(a, ms - 3) : ms].removesuffix("了")
    return before.endswith(_ERA_VERBS) and _ERA_AFTER_RE.match(text, end) is not None


def _scale_word_mention(
    text: str, a: int, b: int, ms: int, me: int, cn: str, unit: str | None
) -> Mention | None:
    """A milestone written with a scale word alone (突破千亿元), or None.

    Only after a milestone verb (a name like 千亿级产业集群 or 打造千亿元产业 is no
    quantity) and before punctuation, the end of the span or 台阶/大关/关口."""
    sv = _SCALE_WORD_VALUES.get(cn)
    if sv is None or unit not in (None, "元"):
        return None
    before = text[max(a, ms - 3) : ms].removesuffix("了")
    era = _is_era_milestone(text, a, ms, me)
    if not before.endswith(_MILESTONE_VERBS) and not era:
        return None
    if (
        me < b
        and text[me] not in _STOP_AFTER
        and not text.startswith(_MILESTONE_AFTER, me)
        and not era
    ):
        return None
    value, scale = sv
    return Mention(ms, me, value, None, unit_info(scale, "元"), "突破", None, False)


def find_mentions(
    text: str, a: int, b: int, quoted: list[tuple[int, int]], from_year: int | None = None
) -> list[Mention]:
    """Number mentions in ``text[a:b]``; ``from_year`` dates an undated start level
    of ``从A增长到B`` (the start of a five-year review period)."""
    out: list[Mention] = []
    share_thresholds: list[int] = []
    for m in quantity_matches(text, a, b):
        ms, me = m.span()
        n1, apx0, s1, rng, n2, s2, pc, cn, apx_s, unit_base_txt, post = m.groups()
        if cn in _SCALE_WORD_VALUES:
            sw = _scale_word_mention(text, a, b, ms, me, cn, unit_base_txt)
            qi = bisect_right(quoted, (ms, 1 << 60)) - 1
            if sw is not None and not (qi >= 0 and quoted[qi][0] <= ms < quoted[qi][1]):
                out.append(sw)
            continue
        if apx0 and (rng or not s1):
            apx_s = apx_s or apx0  # 20多个 (no scale): as before
        elif apx0:
            apx_s = apx0  # 1270多万人, 960多万贫困人口
        if unit_base_txt is None and s1 and n1 is not None and not rng and pc is None:
            im = _SCALE_CHAIN_RE.match(text, me, b)
            if im is not None:
                unit_base_txt = im.group("unit")  # 5万亿、4万亿和3万亿元: the unit applies back
        if unit_base_txt is None and pc is None and n1 is not None and s1 in ("万", "亿"):
            if rng or cn is not None:
                continue
            pn = _PEOPLE_NOUN_RE.match(text, me)
            milestone = (
                pn is None
                and (text.startswith(_MILESTONE_AFTER, me) or (me >= b or text[me] in "，。；、！"))
                and _PEOPLE_SUBJ_RE.search(
                    text,
                    max(
                        a,
                        ms - 16,
                        *(text.rfind(c, max(a, ms - 16), ms) for c in "，；："),
                    ),
                    ms,
                )
                is not None
            )  # 旅客吞吐量突破200万大关: people counted in 万
            if not milestone and (
                not pn or text[me : me + 1] < "\u4e00" or text[me : me + 1] > "\u9fff"
            ):
                continue
            v = _dec(n1)
            if v is None:
                continue
            base = "户" if pn is not None and pn.group(1) in ("户", "农户", "家庭") else "人"
            f = Decimal(10_000) if s1 == "万" else Decimal(100_000_000)
            pre0 = None
            if ms > a and text[ms - 1] in _PRE_LAST:
                pm0 = PRE_RE.search(text[max(a, ms - 6) : ms])
                pre0 = pm0.group(1) if pm0 else None
            mention = Mention(
                ms,
                me,
                v,
                None,
                UnitInfo(s1, base, f, "count"),
                pre0,
                None,
                bool(apx_s),
            )
            mention.prenominal = not milestone
            if milestone and pre0 is None and text.startswith(_MILESTONE_AFTER, me):
                mention.pre_cmp = "突破"
            out.append(mention)
            continue
        if unit_base_txt is None and (pc is None and (n1 is None or rng or s1 or apx_s)):
            continue
        apx = bool(apx_s)
        value: Decimal | None
        value_max: Decimal | None = None
        info: UnitInfo | None
        if pc is not None:
            if unit_base_txt is not None:
                continue
            value = _dec(pc.replace("点", ".")) if pc[0].isdigit() else parse_number("百分之" + pc)
            info = unit_info("", "%")
        elif cn is not None:
            if (
                unit_base_txt is None
                or not any(c in "十百千万亿" for c in cn)
                or not any(c in "一二两三四五六七八九" for c in cn)
                or text[max(a, ms - 1) : ms] == "第"
            ):
                continue
            # the trailing scale words belong to the unit: 两万人 -> 2 万人
            scale = ""
            mm = CN_TRAILING_SCALE_RE.search(cn)
            body = cn
            if mm and len(cn) > len(mm.group(1)):
                scale = mm.group(1)
                body = cn[: -len(scale)]
            value = parse_number(body)
            if value is None or (value < 10 and not scale):
                continue
            info = unit_info(scale, unit_base_txt)
        else:
            if unit_base_txt is None:
                # bare number: kept for enumerations (分别增长3%、7%)
                v = _dec(n1)
                out.append(Mention(ms, ms + len(n1), v, None, None, None, None, False))
                continue
            if not n1.isascii():
                full = parse_number(n1 + _scale_of(s1))
                big = "亿" if "亿" in n1 else "万"
                info = unit_info(big, unit_base_txt)
                value = None if full is None else tidy_decimal(full / info.factor)
            elif n2 is not None:
                scale = _scale_of(s2) or _scale_of(s1)
                info = unit_info(scale, unit_base_txt)
                v1, v2 = _dec(n1), _dec(n2)
                if s1 and s2 and s1 != s2 and v1 is not None:
                    f1 = unit_info(s1, unit_base_txt).factor
                    v1 = tidy_decimal(v1 * f1 / info.factor)
                value, value_max = v1, v2
                if value is not None and value_max is not None and value_max <= value:
                    continue  # not a range (e.g. a date-like 12-3)
            else:
                info = unit_info(_scale_of(s1), unit_base_txt)
                value = _dec(n1)
        if value is None:
            continue
        end = me
        pm2 = SHORT_PAREN_RE.match(text[end : end + 6]) if text.startswith("（", end) else None
        if pm2 and end + pm2.end() <= b:
            end += pm2.end()
            if post is None:
                pm3 = PAREN_POST_CMP_RE.match(text[end : end + 2])
                if pm3:
                    post = pm3.group(0)
                    end += 2
        # pre comparator
        pre = None
        if ms > a and text[ms - 1] in _PRE_LAST:
            pm = PRE_RE.search(text[max(a, ms - 6) : ms])
            pre = pm.group(1) if pm else None
        nxt = text[end : end + 2]
        if pre is None and post is None and nxt in _MILESTONE_AFTER:
            pre = "突破"  # 跨越20亿元、30亿元台阶: each figure is a threshold passed
        mention = Mention(ms, end, value, value_max, info, pre, post, apx)
        # exclusions
        qi = bisect_right(quoted, (ms, 1 << 60)) - 1
        if qi >= 0 and quoted[qi][0] <= ms < quoted[qi][1]:
            mention.skip = True
        prev2 = text[max(a, ms - 4) : ms]
        if prev2.endswith(_RANK_PREFIXES) and not prev2.endswith(("前列",)):
            mention.skip = True
        if prev2.endswith(_NAME_PREFIXES_ALL):
            mention.skip = True
        c0 = text[ms - 1] if ms > a else ""
        if c0 in _FROM_LAST and FROM_TO_RE.match(text, end):
            fy = _FROM_YEAR_RE.search(text, max(a, ms - 12), ms) if c0 not in ("由", "从") else None
            if fy is None and c0 in ("由", "从"):
                # 从129.8亿元增长到325亿元，是2016年的2.5倍: the base year stated after
                fy = _FROM_STATED_RE.match(text, end, b)
            if fy is not None:
                mention.base_year = int(fy.group(1))  # a dated base level: an actual
            elif c0 in ("由", "从") and from_year is not None:
                mention.base_year = from_year  # 过去五年…从153家发展到268家
            elif c0 in ("由", "从"):
                mention.skip = True  # 由166万户增加到276万户: an undated start level
        nxt = text[end : end + 2]
        if nxt.startswith("制"):
            continue  # 5人制足球场, 3年制: part of a name
        if text[end - 1 : end + 1] in NOT_UNIT_BIGRAMS:
            continue  # 14亿多人口: 人口 is a noun, not 人 + 口
        if info.base == "位" and (
            _RANK_WORDS_RE.search(text, max(a, ms - 8), ms)
            or not (end < b and "\u4e00" <= text[end] <= "\u9fff")
        ):
            continue  # 上升54位, 居全省前3位: a rank, not 6位科学家
        if (
            info.kind == "count"
            and nxt
            and nxt[0] not in _STOP_AFTER
            and _RANK_CLAUSE_RE.match(text, end)
        ):
            continue  # 7项主要经济指标增速居全省前3位: a ranking, not a quantity
        if nxt.startswith("的") and not _TARGET_AFTER_DE.match(text, end + 1):
            mention.skip = True  # 首个突破13万亿元的省份, 100%的信心
            sh = _SHARE_OF_RE.match(text, end + 1) if info.kind == "percent" else None
            if sh is not None:
                # 20%的村集体年收入超30万元: the row is the share; the amount is
                # a threshold inside its subject
                mention.skip = False
                mention.prenominal = True
                share_thresholds.append(sh.end() - 1)
        elif nxt in _MILESTONE_AFTER and text.startswith("的", end + 2):
            mention.skip = True  # 第四个突破2000亿元大关的地区: a rank milestone
        if nxt.startswith(("月", "年", "季度", "周", "天")) or prev2.endswith("连续"):
            mention.skip = True  # durations: 连续36个月
        if info.text.endswith("%") and prev2.endswith("连续"):
            mention.skip = True
        if (
            nxt
            and nxt[0] not in _STOP_AFTER
            and not nxt.startswith(_CONT_AFTER)
            and info.kind in ("count", "amount")
        ):
            mention.prenominal = True
            if info.kind == "amount" and info.base in _CAPACITY_BASES:
                mention.skip = True  # capacity inside a name: 27万千瓦风电场
            elif mention.base_year is not None:
                mention.prenominal = False  # 从32340元提高至…: a start level, not a modifier
        if info.kind == "amount" and _is_era_milestone(text, a, ms, end):
            mention.skip = mention.prenominal = False  # 进入了5万亿元以上的新阶段
            if mention.pre_cmp is None and mention.post_cmp is None:
                mention.pre_cmp = "突破"  # 迈入3万亿元时代: a threshold passed
        out.append(mention)
    for mn in out:
        if mn.start in share_thresholds:
            mn.skip = True
    # 0.8个、1.3个百分点: a trailing 个百分点 applies back to the earlier items
    for i in range(len(out) - 2, -1, -1):
        cur, nx = out[i], out[i + 1]
        if (
            cur.unit is not None
            and nx.unit is not None
            and cur.unit.text == "个"
            and nx.unit.kind == "pp"
            and text[cur.end : nx.start] in ("、", "和", "及")
        ):
            cur.unit = nx.unit
    # 南江50万吨、通江40万吨…项目: items of a list of names share the skip
    for i in range(len(out) - 1, 0, -1):
        cur, prev = out[i], out[i - 1]
        if not (cur.skip and cur.prenominal) or prev.unit is None or cur.unit is None:
            continue
        gap = text[prev.end : cur.start]
        if gap.startswith("、") and len(gap) <= 6 and prev.unit.base == cur.unit.base:
            prev.skip = True
            prev.prenominal = True
    # merge 6%-7% style ranges written with the unit twice
    merged: list[Mention] = []
    for mn in out:
        if (
            merged
            and merged[-1].unit is not None
            and mn.unit is not None
            and merged[-1].value_max is None
            and mn.start == merged[-1].end + 1
            and text[merged[-1].end] in "-~～—–至到"
            and merged[-1].unit.text == mn.unit.text
            and not merged[-1].post_cmp
        ):
            prev = merged[-1]
            prev.value_max = mn.value
            prev.end = mn.end
            prev.post_cmp = mn.post_cmp
            continue
        merged.append(mn)
    return merged
