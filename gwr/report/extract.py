"""Extract targets and actuals from the text of a government work report.

Entry point: :func:`extract_report`.  The pipeline is

1. :func:`gwr.report.normalize.normalize` -- a compact, half-width copy of the
   text (no spaces, ASCII punctuation mapped to CJK, soft line breaks joined)
   with an offset map back to the original;
2. :mod:`gwr.report.structure` -- paragraphs, part/section headings, report year
   and region;
3. per sentence (split at 。！？；), quantity *mentions* are found (number, scale,
   unit, comparator words) and attached to a subject phrase (the indicator).

Rules (what is a row and what is not)
-------------------------------------
* A row is an Arabic number (ASCII or full-width, with ``,`` and ``.``; stray
  spaces ignored) followed by a unit (``[scale][余|多]unit``: ``2.1万户``,
  ``410亿元``, ``8万余个``, ``3.5个百分点``, ``25%``, ``3倍``), or a Chinese
  number that contains a scale word and is followed by a unit (``两万人``,
  ``一千二百个``), or ``百分之十五``.  Single Chinese numerals (``三大``,
  ``六个方面``) are never quantities.
* Not quantities: years and dates (``2023年``, ``1-6月``: no unit), ranks
  (``第4``, ``前10``, ``上升54位``: ``位`` is not a unit), ordinals and batches
  (``第二批``), anything inside quotes or book-title marks (``“1+3”``,
  ``“38条”``, ``《…》``), numbers glued to latin letters (``5G``, ``3A``), ages
  (``岁`` is not a unit), percentages followed by ``的`` (``100%的信心``).
* A quantity followed by a noun (not by punctuation) is *inside a name*:
  an amount is a threshold when another quantity follows in the same item
  (``引进10亿元以上工业项目14个`` -> one row, 14 个, indicator
  ``引进10亿元以上工业项目``); a capacity when its unit is power, mass, volume
  or time (``南江年产40万吨霞石新材料项目``, ``通江27万千瓦风电场``,
  ``15分钟生活圈``: no row); a row when it is a count, money, area or length
  (``11个超亿元工业项目``, ``33个重点项目完成投资89.9亿元`` -> 2 rows,
  ``组建10亿元工业发展投资基金``, ``1.2亿亩高标准农田``).  ``首超``/``年产`` before
  a number also mark a name-internal quantity.  ``718.6万建档立卡贫困人口`` (a
  scale word before a noun of people) is a count in ``万``.
* Ranks: ``位`` counts people (``6位科学家``) but not ranks (``上升54位``,
  ``居全省前3位``); a count in a ranking clause (``7项指标增速居全省前3位``) is
  no row.  Compound units are read whole (``70亿元/平方公里``).
* Comparators: ``以上/不低于/不少于/超/超过/突破/高于/多/余`` -> ``>=``;
  ``以内/以下/不超过/控制在/低于/不到`` -> ``<=``; ``左右/约/近/上下`` -> ``~``;
  else ``=``.  A word after the number wins over one before it
  (``控制在5.5%左右`` -> ``~``).  ``力争/确保/争取`` mark targets only.
* Measures: ``个百分点`` -> ``pp_change``; ``%`` after a growth verb
  (增长/提高/上升/增加, or a subject ending in 增速/涨幅) -> ``growth_pct``,
  after a decline verb (下降/降低/减少) negative; other ``%`` -> ``ratio_pct``;
  ``增长N倍`` -> ``growth_pct`` N*100 %; count/amount from the unit.
* Enumerations: ``分别`` pairs subjects and values (``三次产业`` -> 第一/第二/
  第三产业, ``城乡居民`` -> 城镇居民/农村居民; a shared head noun is copied:
  ``工业、技改投资`` -> 工业投资, 技改投资; with no subject before ``分别`` the
  subjects are the previous items of the sentence); ``均``/``各`` give the same
  value to every subject; a ``、`` list of subjects sharing one number without
  ``分别/均/各`` stays one row.  A trailing ``以上`` applies to every value.
* Stretch targets ``项目20个、力争30个`` -> value 20, value_max 30; ranges
  ``10-20亿元`` -> value 10, value_max 20.
* Qualitative rows only for number-less items of a main-targets list
  (主要预期目标): ``…稳步增长`` (``=``), ``…增速不低于全省平均水平`` (``>=``,
  benchmark 全省平均水平), ``…和经济增长同步`` (``=``, benchmark 经济增长),
  ``…完成省下达的目标任务`` (``=``, benchmark 省下达的目标任务).
* ``由X增加到Y`` / ``由X%提高到Y%``: only the end level Y is a row (X is a
  baseline); ``降至/提高到/增加到 N%`` is a level (``ratio_pct``), not a change.
  ``比上年/比年初预算/同口径 增加N`` is a change of the item before it.
* Bullets and markdown in reprints (``●``, ``◆``, ``- **生产总值增长**:5.5%左右``)
  are stripped; a ``X：N`` pair takes X as the subject.
* Kind/year: review parts give actuals of the review year (report year - 1),
  plan parts targets of the report year; ``到2027年``/``2025年底前`` move the
  targets of that clause and the following ones (up to ``今年``) to that year;
  a part heading that names an earlier year is a review, the report year a plan;
  a ``year`` given by the caller that differs from the text's shifts all years;
  a plan-part sentence starting with ``去年``/``过去一年`` gives actuals.  Without
  headings, sentence cues decide (see :func:`_cue_kind`: a year N-1 or N named
  in the clause, 今年/力争/预期目标 vs 过去一年/去年/同比/累计/首次/获评 …), a clause
  that starts with its own year (``…，2024年预期增长6.5%``) is judged on its own,
  and a sentence without cues keeps the kind of the one before it.
* A statement restated later (same kind, year, indicator, measure, value,
  unit) is reported once, at its first occurrence; a figure first stated
  under a placeholder (``过去一年，增长5.8%``, ``今年目标：增长6%``) and restated
  with its indicator is one row, named (and compared) as in the restatement.
  ``经济总量``/``GDP``/``经济增长`` restate ``地区生产总值``.
* In a plan part a sentence that opens with a past year (``2019年，全市共有…``,
  ``2019年底…``) and its ``；``-items are actuals of that year; under a target cue
  ``预计新增…`` is still a target.
* ``至少``/``最少`` before the subject or number -> ``>=``; ``跨越/迈上 N、M台阶``,
  ``突破N大关`` -> one ``>=`` row each; ``突破200万大关`` / ``常住人口突破100万``
  (a bare ``万`` after a subject of people) -> count in ``万``.
* Not rows: ``5人制`` (a name), ``50户以上X连片村寨8个`` (a count threshold
  inside a name), ``第四个突破2000亿元大关的城市`` (a rank milestone).
  ``20%的村集体年收入超30万元`` -> one ratio_pct row (30万元 is in its subject).
* ``分别达A、B，均增长N%`` -> N% for every subject of the enumeration;
  ``0.8个、1.3个百分点`` -> the trailing 个百分点 applies back; ``城镇和农村居民
  收入达到A元和B元`` pairs subjects and values in order.
* ``从A增长到B`` like ``由A…到B``; ``由2019年的A家发展到B家`` -> A is an actual of
  2019, B of the review year.
* Qualitative items also: ``提质提效``/``稳量提质`` style slogans, ``保持正增长``,
  ``保持合理水平`` (benchmark 合理水平), ``与国家价格调控目标保持衔接``, ``X、Y均完成
  省下达`` (one row per subject), ``A实现正增长、B稳中提质`` (one row per predicate);
  a list under a standalone ``今年预期目标`` heading or after a paragraph ending in
  ``主要预期目标是：`` is read on the next paragraph.
* Any item of a main-targets list that is a subject + a predicate without a
  number is a qualitative row (``重大金融风险有效防控``, ``就业稳定``, ``X全部脱贫、
  Y全部摘帽`` -> 2 rows); general tasks (``高质量完成“十四五”规划目标任务``,
  ``科学开展…规划编制``) and prose (``有利于实现…``) are not.
* ``收窄/缩小/回落 N个百分点`` -> negative pp_change; ``收窄/缩小到 N%`` a level.
  ``分别突破5万亿、4万亿和3万亿元``: a scaled number without a unit takes the unit
  of the last item; with more values than subjects, ``存贷款``/``进出口`` split into
  their two halves (``存款余额``, ``贷款余额``), in order.
* Indicator names (:mod:`gwr.report.naming`): a generic head (``总投资``, ``投资总额``,
  ``总量``, ``营收``, ``占…``) takes the subject of its list or clause
  (``实施产业项目334个、总投资750亿元`` -> ``产业项目总投资``, ``抓实181个省市重点项目建设，
  完成投资410亿元`` -> ``省市重点项目完成投资``, ``民生投入只增不减，占财政总支出71%`` ->
  ``民生投入占财政总支出比重``), but not of a rate before it (``地区生产总值增长6%，投资
  增长10%`` keeps ``投资``); the report's own region (``广东地区生产总值``, ``我国…``),
  time words (``年末``, ``连续6年``, a trailing ``全年``), a headline before ``丨`` and
  connectives (``实现营收``, a trailing ``预期``/``确定``/``等``) are dropped; a count
  before a noun and its predicate is named predicate first (``10个项目建成投运`` ->
  ``建成投运项目``); a push verb and ``建设`` around a project count are no part of its
  name (``加快…等28个现代服务业项目建设`` -> ``现代服务业项目``); values without a
  subject after a part of the year form a series (``GDP增速逐季攀升，上半年3.2%、
  前三季度4.4%、全年5%`` -> ``GDP增速(上半年)``, ``GDP增速(前三季度)``,
  ``GDP增速(全年)``).
* Also number-less targets: a lead ``努力目标/奋斗目标为：`` opens a list like
  ``主要预期目标``; ``完成X任务`` after the list -> qualitative X; without a lead, a
  sentence (or ``；``-run) that lists >= 2 numeric targets reads its later
  number-less items as qualitative targets until one is no target phrase
  (``…增长15%以上，主要约束性指标控制在省市规定范围以内`` -> ``<=``); an outline
  title ``今年发展主要目标和下一阶段工作总体部署`` is no list.
* ``从A增长到B，是2016年的N倍`` -> A is an actual of 2016; in a review paragraph
  about a five-year term (``过去五年``, ``…的五年``) an undated ``从A…到B`` start
  level A is an actual of review year - 5.
* Without headings, ``预计全年…`` (no report year named) is the closing estimate
  of the past year: actual, whatever the cue before; ``占…份额提高到3%`` is a share
  level (``ratio_pct``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from operator import attrgetter

from gwr.numbers import parse_number, tidy_decimal

from .model import Report, Statement, UndatableReportError
from .naming import (
    clean_indicator,
    cut_predicate,
    inherit_subject,
    is_generic_head,
    region_names,
    reorder_count_noun,
    subject_noun,
)
from .normalize import normalize
from .structure import Paragraph, detect_region, detect_year, split_paragraphs
from .vocab import (
    DECLINE_VERBS,
    GROWTH_SUBJECT_WORDS,
    GROWTH_VERBS,
    LEAD_FILLERS,
    POST_COMPARATORS,
    PRE_COMPARATORS,
    PRE_RE,
    RATE_WORDS,
    SCALE_PATTERN,
    TAIL_VERBS,
    UNIT_PATTERN,
    UnitInfo,
    unit_info,
)

__all__ = ["extract_report"]

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = "零〇一二两三四五六七八九十百千万亿"
_Q_RE = re.compile(
    # the lookahead is a fast prefilter (4x faster scanning); it changes no match
    rf"(?=[\d{_CN}])(?<![\d.A-Za-z])(?:"
    rf"(?P<n1>{_NUM}(?:[亿万千]\d+(?:\.\d+)?)*)(?P<apx0>[余多])?(?P<s1>{SCALE_PATTERN})?"
    rf"(?:(?P<rng>[-~～—–至到])(?P<n2>{_NUM})(?P<s2>{SCALE_PATTERN})?)?"
    rf"|百分之(?P<pc>[{_CN}点]+|{_NUM})"
    rf"|(?P<cn>[{_CN}]{{2,}})"
    rf")(?P<apx>[余多])?(?P<unit>{UNIT_PATTERN}(?:/{UNIT_PATTERN})?)?(?![A-Za-z])"
    rf"(?P<post>以上|之上|以下|以内|之内|左右|上下)?"
)
#: where a _Q_RE match can start: a digit, 百分之 or two numeral characters (it opens
#: with a plain class, so it is scanned fast in C)
_Q_START_RE = re.compile(rf"[\d{_CN}](?:(?<=\d)|(?<=百)分之|[{_CN}])")


def _q_matches(text: str, a: int, b: int) -> Iterator[re.Match[str]]:
    """``_Q_RE.finditer(text, a, b)``, faster: only where a match can start is it tried."""
    find, match = _Q_START_RE.search, _Q_RE.match
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


_QUOTED_RE = re.compile(
    r"“[^“”\n]{0,40}”|《[^《》\n]{0,60}》|「[^「」\n]{0,40}」|『[^『』\n]{0,40}』|【[^【】\n]{0,30}】"
)
_SENT_END = "。！？；"
_CLAUSE_PUNCT = "，："  # an ASCII "," left by normalize is a thousands separator
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
#: A unit character that is really the first half of a noun.
_NOT_UNIT_BIGRAMS = frozenset(
    {"人口", "人民", "人员", "人才", "人群", "人大", "家庭", "家园", "户籍", "名单", "名称", "名录",
     "台账", "条例", "条件", "处置", "处理", "场所", "部门", "部署", "个体", "件事", "所有", "所在",
     "批准", "批复", "次数", "头部", "只有", "张力", "套餐", "座谈", "间隔", "项目", "例如", "元素"}
)  # fmt: skip
#: 增长6%以上的目标: a number before 的 that is still the target
_TARGET_AFTER_DE = re.compile(r"(?:预期)?(?:目标|增长|增速|水平)")
_COMPARE_SUBJ_RE = re.compile(r"^(?:(?:比|较|同比|与)[^，。；]{0,8}|同口径|可比价)$")
_FROM_TO_RE = re.compile(r"[^，。；由从]{0,6}?(?:到|至)")
#: 由2018年的12家发展到40家: a base level dated to its year
_FROM_LAST = frozenset("由从的年底末")
_FROM_YEAR_RE = re.compile(r"[由从]((?:19|20)\d{2})年(?:底|末)?的?$")
_FROM_STATED_RE = re.compile(
    r"[^，。；由从]{0,6}?(?:到|至)[^。；，]{0,16}，?是((?:19|20)\d{2})年(?:底|末)?的"
)
#: a review paragraph about the five years of a term: 过去五年, …的五年, 五年来
_FIVE_YEARS_RE = re.compile(r"过去五年|五年来|的五年|这五年|近五年")
_FROM_TO_SUBJ_RE = re.compile(
    r"[由从][^由从，。；]*?(?:增加|提高|上升|下降|降低|减少|扩大|增长|发展|调整|提升)?(?:到|至)$"
)
_PRE_LAST = frozenset(w[-1] for w in PRE_COMPARATORS) | {"达", "到"}
_VERB_IN_TAIL_RE = re.compile(
    r"完成|实现|达到|建成|投产|开工|新增|累计|带动|拉动|吸纳|获得|争取|营收"
)
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
_SHARE_TAIL_RE = re.compile(
    r"的([^，。；、：！？\n\d]{2,20}?(?:超过|超|达到|达|高于|不低于|突破|在)\d+(?:\.\d+)?"
    r"(?:万亿|亿|万|千)?(?:元|户|人|个|%|亩|吨)?(?:以上)?)"
)
#: placeholders that are no indicator (a lead clause, a time word)
_GENERIC_IND_RE = re.compile(
    r"^(?:过去一年|过去五年|五年来|一年来|今年|去年|全年|目标|预期目标|今年目标|全年目标|新的一年"
    r"|综合[^，。；]{0,16}因素|[^，。；]{0,6}(?:看|来看|而言))?$"
)
#: verbs whose object can be a count with 以上 before its noun (新增100家以上企业)
_CREATE_VERBS = (
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
_PEOPLE_SUBJ_RE = re.compile(r"旅客|游客|客流|客运|人口|人数|人次|观众|用户|学生|就业|群众")
_NAME_PREFIXES_ALL = _NAME_PREFIXES + tuple(p + "达" for p in _NAME_PREFIXES)
_RANK_PREFIXES = ("第", "前", "排名", "位列", "位居", "居", "列")
#: Head nouns of a measure, copied to earlier items of an enumeration that lack
#: one (工业、技改投资 -> 工业投资).  Object nouns (中心, 企业) are not heads.
_HEADS = (
    "增加值", "饲养量", "参保率", "覆盖率", "排放量", "占比", "比重", "比例", "收入", "投资",
    "产值", "案件", "标准", "总额", "产量", "面积", "人次", "人数", "规模", "指数", "价格", "率",
    "量", "额", "值",
)  # fmt: skip
#: Sentence cues for texts without part headings (excerpts, news reprints).
#: 争取 is not one: in reviews it means "obtained" (争取资金74.8亿元).
_TARGET_CUES = (
    "主要预期目标", "预期目标", "目标是", "目标任务", "今年", "力争", "确保", "计划", "预期",
    "新的一年", "今后",
)  # fmt: skip
_ACTUAL_CUES = (
    "过去一年", "去年", "上年", "一年来", "过去五年", "五年来", "完成了", "实现了", "达到了",
    "同比", "比上年", "较上年", "预计", "累计", "增长了", "取得", "建成了", "推出", "获批", "获评",
    "荣获", "首次", "成功", "已有", "已经", "新设", "初步统计", "初步核算",
)  # fmt: skip
_HAS_NUM_RE = re.compile(r"\d|百分之|[一二两三四五六七八九][十百千万亿]")
#: runs of _HAS_NUM_RE matches, scanned once per text (it opens with a class: fast)
_NUM_RUN_RE = re.compile(
    r"[\d百一二两三四五六七八九](?:(?<=百)分之|(?<=[一二两三四五六七八九])[十百千万亿]|(?<=\d))"
    r"(?:\d|百分之|[一二两三四五六七八九][十百千万亿])*"
)
#: a heading that is only the targets list's title: 今年预期目标, 2024年主要目标：
_TARGET_HEADING_RE = re.compile(r"(?:主要|预期|发展)目标[是为]?[：:。*]*$|主要指标[：:。*]*$")
_MAIN_TARGET_RE = re.compile(r"主要(?:预期)?目标|预期目标|主要指标|发展目标|(?:努力|奋斗)目标")

# precompiled patterns used in the hot path (named by use below)
_RX0 = re.compile(r"(万亿|千亿|百亿|亿|万)$")
_RX1 = re.compile(r"（[^（）]{1,4}）")
_RX2 = re.compile(r"以上|以下|以内|左右")
_RX3 = re.compile(r"增长|增速|涨幅|增幅")
_RX4 = re.compile(r"、|以及|和|及|与")
_RX5 = re.compile(r"(?:^|，)(?:将|要)")
_RX6 = re.compile(r"^(?:今年|\d{4}年(?:全市|，)?(?:主要)?(?:预期)?目标)")
_RX7 = re.compile(r"^(?:去年|过去一年|上一年)")
_RX8 = re.compile(r"[和及与、，]")
_RX9 = re.compile(r"[，、]?(?:力争|争取|确保|最高|最多)(?:达到|达|突破|超过)?")
_RX10 = re.compile(r"[^，。；、：！？\n\d]{0,24}")
_RX11 = re.compile(r"(和|及|与|或)$")
_RX13 = re.compile(r"\d")
_RX14 = re.compile(r"^[，、：；。,（）()“”—…·\-●◆■▲•▶➢□○◇※★☆√]*(?:同时|全市|全省|全县|全区|全国)?")
_RX15 = re.compile(r"(增速|增幅|增长|水平)$")
_RX16 = re.compile(r"预期|预计|目标|全市|全省|全县|全区|全国|今年|全年")
_RX17 = re.compile(r"^(?:20\d{2}年)?[\u4e00-\u9fff]{2,4}?(?:省|市|县|区)(?=[\u4e00-\u9fffA-Z])")
_RX18 = re.compile(r"^[●◆■▲•▶➢□○◇※★☆√\-—]")
_RX19 = re.compile(r"^(?:是|为|如下|有|方面|包括)?$")


@dataclass(slots=True)
class _Mention:
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


@dataclass(slots=True)
class _Cand:
    kind: str
    year: int
    indicator: str
    measure: str
    value: Decimal | None
    value_max: Decimal | None
    unit: str | None
    comparator: str
    value_base: Decimal | None
    unit_base: str | None
    section: str
    qa: int
    qb: int
    benchmark: str | None = None


# ---------------------------------------------------------------------------
# mentions


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


def _find_mentions(
    text: str, a: int, b: int, quoted: list[tuple[int, int]], from_year: int | None = None
) -> list[_Mention]:
    """Number mentions in ``text[a:b]``; ``from_year`` dates an undated start level
    of ``从A增长到B`` (the start of a five-year review period)."""
    out: list[_Mention] = []
    share_thresholds: list[int] = []
    for m in _q_matches(text, a, b):
        ms, me = m.span()
        n1, apx0, s1, rng, n2, s2, pc, cn, apx_s, unit_base_txt, post = m.groups()
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
            mention = _Mention(
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
            mm = _RX0.search(cn)
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
                out.append(_Mention(ms, ms + len(n1), v, None, None, None, None, False))
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
        pm2 = _RX1.match(text[end : end + 6]) if text.startswith("（", end) else None
        if pm2 and end + pm2.end() <= b:
            end += pm2.end()
            if post is None:
                pm3 = _RX2.match(text[end : end + 2])
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
        mention = _Mention(ms, end, value, value_max, info, pre, post, apx)
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
        if c0 in _FROM_LAST and _FROM_TO_RE.match(text, end):
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
        if text[end - 1 : end + 1] in _NOT_UNIT_BIGRAMS:
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
    merged: list[_Mention] = []
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


# ---------------------------------------------------------------------------
# subjects


_LEAD_RE = re.compile(
    "^(?:[（(][一二三四五六七八九十\\d]{1,3}[）)]|[一二三四五六七八九十]是|"
    "[，、：；。,（）()”—…·\\-●◆■▲•▶➢□○◇※★☆√*#>]|"
    + "|".join(sorted(LEAD_FILLERS, key=len, reverse=True))
    + r"|(?:到|至|截至|截止|截至到)?(?:19|20)\d{2}年(?:底|末|前|全年)?"
    + r"|前?[一二三四]季度|上半年|下半年|1-\d{1,2}月|[二三四五六七八九十]年(?:来|间)?"
    + ")+"
)


def _strip_lead(s: str, pos: int) -> tuple[str, int]:
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


def _strip_tail(s: str) -> tuple[str, list[str]]:
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


_DECLINE_RE = re.compile("|".join(DECLINE_VERBS))
_UP_RE = re.compile("增长|提高|增加|上升")
_GROWTH_RE = re.compile("|".join(GROWTH_VERBS))


def _measure(info: UnitInfo, verbs: list[str], subject: str) -> tuple[str, int]:
    """(measure, sign) from the unit, the verbs before the number and the subject."""
    if info.kind == "count":
        return "count", 1  # 减少N户 stays a positive count (the verb is in the quote)
    if info.kind == "amount":
        return "amount", 1
    if any(v.endswith(("到", "至")) for v in verbs):
        verbs = []  # 降至0.47%, 提高到70.4%: a level, not a change
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
            _RX3.search(subject) and not subject.endswith(RATE_WORDS)
        ):
            return "growth_pct", 1
        return "ratio_pct", 1
    return "amount", 1


_AREA_WORDS = frozenset({"城镇", "农村", "城市", "乡村", "城镇常住", "农村常住", "城市常住"})


def _split_subjects(s: str, n: int) -> list[str]:
    parts = [p for p in s.split("、") if p]
    if n == 0 and len(parts) == 1:
        parts = [p for p in _RX4.split(s) if p]
    elif len(parts) != n:
        alt = [p for p in _RX4.split(s) if p]
        if len(alt) == n or (len(parts) < n and len(alt) > len(parts)):
            parts = alt
    if len(parts) > 1 and "居民" in parts[-1]:
        # 城镇、农村居民人均可支配收入 -> 城镇居民…, 农村居民…
        rest = parts[-1][parts[-1].index("居民") :]
        parts = [p + rest if p in _AREA_WORDS else p for p in parts[:-1]] + [parts[-1]]
    if len(parts) > 1:
        last = parts[-1]
        head = next((h for h in _HEADS if last.endswith(h) and len(last) > len(h)), None)
        if head is not None:
            parts = [p if p.endswith(_HEADS) else p + head for p in parts[:-1]] + [last]
    if len(parts) > 1 and not is_generic_head(parts[0]):
        # 市属国企资产总额、营业收入 -> 市属国企营业收入: a later bare head takes the
        # subject of the first item
        parts = [parts[0]] + [
            inherit_subject(p, parts[0]) if is_generic_head(p) else p for p in parts[1:]
        ]
    if 1 < len(parts) < n:
        parts = _expand_pairs(parts, n)
    return parts


#: subjects that name two indicators; split only when the count of values needs it
_PAIR_WORDS = (
    ("存贷款", ("存款", "贷款")),
    ("进出口", ("进口", "出口")),
    ("城乡", ("城镇", "农村")),
    ("中外", ("中方", "外方")),
)


def _expand_pairs(parts: list[str], n: int) -> list[str]:
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


def _expand_single(subject: str, n: int) -> list[str]:
    if n == 2 and any(w in subject for w in ("存贷款", "进出口")):
        return _expand_pairs([subject], n)
    if n == 2 and "城乡" in subject:
        return [subject.replace("城乡", "城镇", 1), subject.replace("城乡", "农村", 1)]
    for word in ("三次产业", "一二三产业", "一、二、三产业", "三大产业"):
        if n == 3 and word in subject:
            return [subject.replace(word, x, 1) for x in ("第一产业", "第二产业", "第三产业")]
    if n == 2 and "中外" in subject:
        return [subject.replace("中外", "中方", 1), subject.replace("中外", "外方", 1)]
    return [subject] * n


# ---------------------------------------------------------------------------
# kind / year


@lru_cache(maxsize=64)
def _year_res(year: int) -> tuple[str, str, re.Pattern[str], re.Pattern[str]]:
    """``(f"{year - 1}年", f"{year}年", target-year pattern, 上年，pattern)`` of a report year."""
    return (
        f"{year - 1}年",
        f"{year}年",
        re.compile(
            rf"(?:到|至){year}年|{year}年(?:全市|全省|全县|全区|的)?(?:主要)?(?:预期)?目标|{year}年[，,]"
        ),
        re.compile(rf"^{year - 1}年[，,]"),
    )


def _cue_kind(sentence: str, year: int) -> str | None:
    last_y, this_y, target_re, _ = _year_res(year)
    if last_y in sentence and this_y not in sentence:
        return "actual"
    if this_y in sentence and target_re.search(sentence):
        return "target"
    fy = _FUTURE_YEAR_RE.search(sentence)
    if fy and int(fy.group(1)) >= year:
        return "target"  # 到2027年…
    t = sum(sentence.count(c) for c in _TARGET_CUES)
    a = sum(sentence.count(c) for c in _ACTUAL_CUES)
    if t > a:
        return "target"
    if a > t:
        return "actual"
    if _RX5.search(sentence):
        return "target"
    return None


#: a sentence or clause that opens with its own (past) year: 2019年，…  2019年全市共…
_PAST_YEAR_START_RE = re.compile(
    r"^[，、：；。]?(?:截至|截止|截止到)?((?:19|20)\d{2})年(?:底|末|全年|度)?+(?![以之前后来初至到起开])"
)
_TARGET_START_RE = re.compile(r"^(?:今年|明年|力争|确保|计划|预计到|到20\d{2}年|新的一年)")
_FUTURE_YEAR_RE = re.compile(r"(?:到|至)(20\d{2})年")
_TO_YEAR_RE = re.compile(r"(?=[到至2])(?:(?:到|至)(20\d{2})年|(20\d{2})年(?:底|末)前?)")


def _sentence_kind(
    para: Paragraph, sentence: str, report_year: int, state: dict[str, object], shift: int = 0
) -> tuple[str, int]:
    if para.part_kind == "review":
        y = para.part_year + shift if para.part_year is not None else report_year - 1
        if _RX6.match(sentence) and "目标" in sentence[:30]:
            return "target", report_year
        return "actual", y
    if para.part_kind == "plan":
        if _RX7.match(sentence) or _year_res(report_year)[3].match(sentence):
            return "actual", report_year - 1
        py = _PAST_YEAR_START_RE.match(sentence)
        if py and int(py.group(1)) < report_year:
            return "actual", int(py.group(1))  # 2019年共建成…: the past, stated in the plan
        return "target", report_year
    py = _PAST_YEAR_START_RE.match(sentence)
    if py and int(py.group(1)) < report_year - 1:
        return "actual", int(py.group(1))  # 2017年，全市共有…: the past, of its own year
    cue = _cue_kind(sentence, report_year)
    if (
        cue == "actual"
        and state.get("kind") == "target"
        and "预计" in sentence
        and "预计全年" not in sentence  # 预计全年…: the closing estimate of the year under review
        and f"{report_year - 1}年" not in sentence
        and not any(c in sentence for c in _ACTUAL_CUES if c != "预计")
    ):
        cue = "target"  # under a target cue, 预计新增学位990个 is still a target
    if cue is None:
        cue = str(state.get("kind") or "target")
    state["kind"] = cue
    return cue, (report_year if cue == "target" else report_year - 1)


# ---------------------------------------------------------------------------
# sentences


_SPAN_RES: dict[str, re.Pattern[str]] = {}
_SEP_RES: dict[str, re.Pattern[str]] = {}
_BRACKET_RE = re.compile("[“”（）()《》]")


def _iter_spans(text: str, a: int, b: int, seps: str) -> list[tuple[int, int]]:
    """Split ``text[a:b]`` after each char of ``seps`` outside brackets and quotes."""
    rx = _SPAN_RES.get(seps)
    if rx is None:
        rx = re.compile("[“”（）()《》" + re.escape(seps) + "]")
        _SPAN_RES[seps] = rx
        _SEP_RES[seps] = re.compile("[" + re.escape(seps) + "]")
    spans: list[tuple[int, int]]
    s = a
    if _BRACKET_RE.search(text, a, b) is None:
        # no brackets or quotes (the common case): split after every separator
        ends = [m.end() for m in _SEP_RES[seps].finditer(text, a, b)]
        if not ends:
            return [(a, b)] if a < b else []
        spans = list(zip([a, *ends[:-1]], ends, strict=True))
        if ends[-1] < b:
            spans.append((ends[-1], b))
        return spans
    spans = []
    depth = 0
    for i in [m.start() for m in rx.finditer(text, a, b)]:
        c = text[i]
        if c in "“（(《":
            depth += 1
        elif c in "”）)》":
            if depth > 0:
                depth -= 1
        elif depth == 0:
            if i + 1 > s:
                spans.append((s, i + 1))
            s = i + 1
    if s < b:
        spans.append((s, b))
    return spans


@lru_cache(maxsize=8192)
def _tidy_indicator(s: str) -> str:
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


class _Ctx:
    def __init__(
        self, text: str, kind: str, year: int, section: str, prev_indicator: str = ""
    ) -> None:
        self.text = text
        self.kind = kind
        self.year = year
        self.section = section
        self.prev_indicator = prev_indicator  # last subject of the paragraph so far
        self.out: list[_Cand] = []
        self.last_enum: list[str] = []  # subjects of the last 分别 enumeration
        self.regions: tuple[str, ...] = ()  # names of the report's own region

    def add(
        self,
        indicator: str,
        mention: _Mention,
        verbs: list[str],
        qa: int,
        qb: int,
        *,
        comparator: str | None = None,
        year: int | None = None,
        kind: str | None = None,
    ) -> _Cand | None:
        info = mention.unit
        if info is None or mention.value is None:
            return None
        measure, sign = _measure(info, verbs, indicator)
        value = mention.value
        vmax = mention.value_max
        unit = info.text
        if info.kind == "multiple":
            value = value * 100
            vmax = vmax * 100 if vmax is not None else None
            unit = "%"
            value_base: Decimal | None = value
            unit_base = "%"
        else:
            value_base = value * info.factor  # exact Decimal; float() at the end
            unit_base = info.base
        if sign < 0:
            value = -value
            value_base = -value_base if value_base is not None else None
            vmax = -vmax if vmax is not None else None
        indicator = clean_indicator(_tidy_indicator(indicator), self.regions)
        if indicator == "经济" and measure == "growth_pct":
            indicator = "经济增长"  # 经济增长6%左右
        c = _Cand(
            kind=kind or self.kind,
            year=year if year is not None else self.year,
            indicator=indicator,
            measure=measure,
            value=value,
            value_max=vmax,
            unit=unit,
            comparator=comparator or mention.comparator,
            value_base=value_base,
            unit_base=unit_base,
            section=self.section,
            qa=qa,
            qb=qb,
        )
        self.out.append(c)
        return c


def _chain_after(mentions: list[_Mention], idx: int, text: str) -> list[_Mention]:
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
    out: list[_Mention] = []
    for mn in reversed(chain):
        if mn.unit is not None:
            nxt = mn.unit
            out.append(mn)
        else:
            out.append(
                _Mention(
                    mn.start, mn.end, mn.value, mn.value_max, nxt, mn.pre_cmp, mn.post_cmp, mn.apx
                )
            )
    out.reverse()
    return out


def _extract_sentence(
    ctx: _Ctx,
    sa: int,
    sb: int,
    mentions: list[_Mention],
    to_year: int | None,
    to_year_pos: int = -1,
) -> None:
    later_year, to_year = to_year, (to_year if to_year_pos <= sa else None)
    text = ctx.text
    used: set[int] = set()
    sent_cands_start = len(ctx.out)
    clauses = _iter_spans(text, sa, sb, _CLAUSE_PUNCT)
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
        clause = text[ca:cb]
        # --- 分别 enumerations
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
                subj0, p0 = _strip_lead(text[ca : mentions[first].start], ca)
                subj0, _ = _strip_tail(subj0)
                if not subj0 and mentions[first].start - ca <= 10:
                    if len(_chain_after(mentions, first, text)) > 1:
                        k, klen = 0, 0
                elif ("和" in subj0 or "、" in subj0) and "等" not in subj0:
                    # 城镇和农村居民收入达到A元和B元: as many subjects as values,
                    # paired in order (an implicit 分别)
                    n0 = len(_chain_after(mentions, first, text))
                    if n0 > 1 and len(_split_subjects(subj0, n0)) == n0:
                        k, klen = p0 - ca + len(subj0), 0
        if k >= 0:
            first = next(
                (i for i in cms if mentions[i].start > ca + k and not mentions[i].skip), None
            )
            if first is not None:
                chain = _chain_after(mentions, first, text)
                chain_ids = {id(mentions[first + j]) for j in range(len(chain))}
                last = chain[-1]
                if last.unit is not None and (len(chain) > 1 or k > 0):
                    verb_txt = text[ca + k + klen : chain[0].start]
                    _, vverbs = _strip_tail(verb_txt)
                    vverbs = [*vverbs, verb_txt]
                    subj_txt = clause[:k]
                    subj_txt, off = _strip_lead(subj_txt, ca)
                    subj_txt, _ = _strip_tail(subj_txt)
                    n = len(chain)
                    qa = off
                    if subj_txt:
                        subjects = _split_subjects(subj_txt, n)
                        if len(subjects) == 1 and n > 1:
                            subjects = _expand_single(subjects[0], n)
                    else:
                        prev = ctx.out[sent_cands_start:]
                        if len(prev) >= n:
                            subjects = [p.indicator for p in prev[-n:]]
                            qa = min(p.qa for p in prev[-n:])
                        else:
                            subjects = [p.indicator for p in prev] or [""]
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
                            else _Mention(
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
                            mn = _Mention(
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
                            mn = _Mention(
                                mn.start,
                                mn.end,
                                mn.value,
                                mn.value_max,
                                mn.unit,
                                mn.pre_cmp,
                                post,
                                mn.apx,
                            )
                        ctx.add(
                            subj or "",
                            mn,
                            vverbs,
                            qa,
                            last.end + (len(post) if False else 0),
                            year=to_year,
                        )
                    used.update(chain_ids)
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
                    if not _RX8.search(between):
                        m.modifier = True
                        continue
                if (
                    m.prenominal
                    and j + 1 == len(seg_ms)
                    and m.unit is not None
                    and m.unit.kind == "count"
                    and m.post_cmp in ("以上", "以下")
                    and not text[max(sa2, m.start - 3) : m.start].endswith(_CREATE_VERBS)
                ):
                    # 对50户以上木质房屋连片村寨实施改造: a size class in a name
                    m.modifier = True
                    continue
                real.append(m)
            pos = sa2
            for m in real:
                pos = _emit_segment_mention(ctx, text, pos, sa2, sb2, m, to_year, lead_in)


def _emit_segment_mention(
    ctx: _Ctx,
    text: str,
    pos: int,
    sa: int,
    sb: int,
    m: _Mention,
    to_year: int | None,
    lead_in: tuple[int, int] | None = None,
) -> int:
    raw = text[pos : m.start]
    # stretch target: 、力争30个
    stretch = _RX9.fullmatch(raw) if 0 < len(raw) <= 7 else None
    if stretch and ctx.out and ctx.out[-1].value_max is None and m.unit is not None:
        prev = ctx.out[-1]
        if prev.unit == m.unit.text and prev.qb <= m.start:
            vmax = m.value
            if prev.value is not None and prev.value < 0 and vmax is not None:
                vmax = -vmax
            prev.value_max = vmax
            prev.qb = m.end
            return m.end
    if m.base_year is not None:
        bsubj, boff = _strip_lead(raw[: raw.rfind("由") if "由" in raw else raw.rfind("从")], pos)
        bsubj, _ = _strip_tail(bsubj)
        if not bsubj and ctx.out:
            bsubj = ctx.out[-1].indicator
        ctx.add(bsubj, m, [], boff, m.end, year=m.base_year, kind="actual")
        return m.end
    if ctx.out and ctx.out[-1].year != ctx.year and _FROM_TO_RE.fullmatch(raw):
        # 由2018年的12家发展到40家: the end level has the subject of the base
        ctx.add(ctx.out[-1].indicator, m, [], m.start, m.end, year=to_year)
        return m.end
    subj, off = _strip_lead(raw, pos)
    cmp_over = None
    near = text.find("少", max(0, m.start - 40), m.start)
    if near > 0 and m.comparator == "=" and text[near - 1] in "至最":
        lo = max(0, m.start - 40)
        lo = max(lo, *(text.rfind(c, lo, m.start) for c in "，。；：\n"))
        if near - 1 >= lo:
            cmp_over = ">="  # 至少新建学校5所、医院3所
    ft = _FROM_TO_SUBJ_RE.search(subj) if "由" in subj or "从" in subj else None
    subj2, verbs = _strip_tail(subj[: ft.start()] if ft else subj)
    if _COMPARE_SUBJ_RE.match(subj2):
        subj2 = ""  # 比年初预算增加1800亿元: a change of the previous item
    if m.pre_cmp and m.pre_cmp not in verbs:
        verbs.append(m.pre_cmp)
    # 均/各: several subjects, one value
    each = any(v in ("均", "各", "都") for v in verbs)
    new_pos = m.end
    share = (
        _SHARE_TAIL_RE.match(text, m.end, sb)
        if m.prenominal and m.unit is not None and m.unit.kind == "percent"
        else None
    )
    if share is not None:
        # 30%的行政村集体经济年收入超20万元: the share of a group above a threshold
        ctx.add(share.group(1), m, verbs, m.start, share.end(), year=to_year)
        return share.end()
    if m.prenominal:
        tail_m = _RX10.match(text[m.end : sb])
        tail = tail_m.group(0) if tail_m else ""
        new_pos = m.end + len(tail)
        if m.end + len(tail) < sb and text[m.end + len(tail)].isdigit():
            tail = _RX11.sub("", tail)
            vm = _VERB_IN_TAIL_RE.search(tail)
            if vm and vm.start() >= 2:
                # 33个重点项目完成投资89.9亿元: the count is of 重点项目; the
                # amount that follows keeps 重点项目完成投资 as its subject
                tail = tail[: vm.start()]
                new_pos = m.end
        if "等" in subj2:
            subj2 = subj2[subj2.rindex("等") + 1 :]  # A、B等28个项目 -> 项目
        qtail = len(tail)  # the quote keeps the words dropped from the name
        if subj2 in _PUSH_VERBS and tail.endswith("建设") and tail[:-2].endswith(("项目", "工程")):
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
            lsubj, loff = _strip_lead(text[la:lb], la)
            lsubj, lverbs = _strip_tail(lsubj.rstrip("：*"))
            lsubj, lverbs2 = _strip_tail(lsubj.rstrip("*"))
            if _GENERIC_IND_RE.match(lsubj):
                lsubj = ""  # 过去一年，增长5.8%: a time word, not a subject
            lsubj = cut_predicate(lsubj)  # GDP增速逐季攀升，上半年3.2%
            if lsubj:
                indicator, qa = lsubj, loff
                verbs = lverbs + lverbs2 + verbs
        if not indicator:
            indicator = ctx.prev_indicator
        if indicator:
            # GDP增速…，上半年3.2%、前三季度4.4%、全年5%: one series, by period
            series = _PERIOD_TAIL_RE.search(indicator)
            if series is not None:
                indicator = indicator[: series.start()]
            per = _SUBYEAR_RE.search(raw)
            if per is not None and "(" not in indicator:
                indicator = f"{indicator}({per.group(0)})"
            elif series is not None and "全年" in raw:
                indicator = f"{indicator}(全年)"
    elif not each:
        indicator = _name_generic(ctx, indicator, m, qa, lead_in)
    if each and ("、" in indicator or "和" in indicator or "及" in indicator):
        subjects = _split_subjects(indicator, 0)
        for sj in subjects:
            ctx.add(sj, m, verbs, qa, qb, year=to_year, comparator=cmp_over)
        return new_pos
    ctx.add(indicator, m, verbs, qa, qb, year=to_year, comparator=cmp_over)
    return new_pos


#: a part of the year named before a value without a subject (上半年3.2%)
_SUBYEAR_RE = re.compile(r"上半年|下半年|前三季度|[一二三四]季度|1-\d{1,2}月")
_PERIOD_TAIL_RE = re.compile(r"\((?:上半年|下半年|前三季度|[一二三四]季度|1-\d{1,2}月|全年)\)$")
#: verbs that push work forward, no part of what a count before a project counts
_PUSH_VERBS = frozenset(
    {"", "加快", "抓实", "抓好", "推进", "加快推进", "扎实推进", "全力推进", "有序推进", "推动"}
)
#: nouns of things counted in a list whose later items have a generic head
_ENTITY_END_RE = re.compile(r"(?:项目|企业|国企|集群|主体|园区|基地|平台|工程)$")


def _name_generic(
    ctx: _Ctx, indicator: str, m: _Mention, qa: int, lead_in: tuple[int, int] | None
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
        if occupy or p.measure == "count" or _ENTITY_END_RE.search(subject_noun(p.indicator)):
            src = p.indicator
    if not src and lead_in is not None:
        la, lb = lead_in
        lsubj = _strip_lead(text[la:lb], la)[0].strip("，、：；,")
        noun = subject_noun(lsubj)
        if noun != lsubj and len(noun) >= 2:
            src = noun  # 民生投入只增不减，占财政总支出71%
    if not src:
        return indicator
    named = inherit_subject(head, src)
    return named if named != head else indicator


# ---------------------------------------------------------------------------
# qualitative main targets

_QUAL_PATTERNS: list[tuple[re.Pattern[str], str]] = [
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
    r"规划(?:的)?(?:目标任务|主要目标|编制|纲要|实施)|^(?:高质量|努力|科学|扎实|认真|全力|积极|加快"
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


def _qualitative(ctx: _Ctx, ca: int, cb: int) -> bool:
    """Add a qualitative row for a main-target item without a number; False at the list end."""
    text = ctx.text
    clause = text[ca:cb].rstrip("，。；：,")
    if not clause or _RX13.search(clause):
        return True
    lead = _RX14.match(clause)
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
            hit = _qual_match(part)
            if hit is None:
                items = []
                break
            items.append((off + pos, off + pos + len(part), hit))
            pos += len(part) + 1
    if not items:
        hit = _qual_match(subj)
        if hit is None:
            return True
        items = [(off, off + len(subj), hit)]
    for qa, qb, (ind, comparator, bm) in items:
        if len(ind) < 2 or ind.startswith(("这些", "这", "我们", "各项")):
            continue
        inds = [ind]
        if ind.endswith(("均", "各", "都")):
            # 节能减排、耕地保护均完成省下达任务: every subject a row
            inds = [p for p in _RX4.split(ind[:-1]) if len(p) >= 2] or [ind[:-1]]
        for one in inds:
            ctx.out.append(
                _Cand(
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


def _qual_match(subj: str) -> tuple[str, str, str | None] | None:
    """(indicator, comparator, benchmark) of a number-less target phrase, or None."""
    for rx, cmp_ in _QUAL_PATTERNS:
        m = rx.match(subj)
        if not m:
            continue
        ind = m.group("ind")
        each = ind.endswith(("均", "各", "都"))
        ind, _ = _strip_tail(ind)
        ind = _RX15.sub("", ind) if len(ind) > 4 else ind
        if each and not ind.endswith(("均", "各", "都")):
            ind += "均"
        bm = m.groupdict().get("bm")
        comparator = cmp_ or _QUAL_CMP.get(m.group("cmp"), "=")
        return ind, comparator, bm
    return None


# ---------------------------------------------------------------------------
# entry point


_IND_SYNONYMS = (
    ("规模以上", "规上"),
    ("国内生产总值", "地区生产总值"),
    ("GDP", "地区生产总值"),
    ("经济增长", "地区生产总值"),
    ("经济增速", "地区生产总值"),
    ("经济总量", "地区生产总值"),
    ("国民经济", "地区生产总值"),
)


@lru_cache(maxsize=8192)
def _ind_key(s: str) -> str:
    """An indicator reduced for restatement matching (region, 预期/目标 removed)."""
    for a, b in _IND_SYNONYMS:
        s = s.replace(a, b)
    s = _RX16.sub("", s)
    s = _RX17.sub("", s)
    return s


_TIME_WORD_RE = re.compile(r"，(?=(?:19|20)\d{2}年|今年|去年|过去一年|明年|新的一年)")


def _split_at_time_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
    regions = region_names(region)
    # Headings are read against the text's own year; a different year given by
    # the caller (sidecar override) moves every year by the same amount.
    paras = split_paragraphs(ct, text_year if text_year is not None else report_year)
    shift = report_year - text_year if text_year is not None else 0
    quoted = [(m.start(), m.end()) for m in _QUOTED_RE.finditer(ct)]
    # runs of number cues of the whole text, found once (a search per span rescans it)
    num_starts: list[int] = []
    num_ends: list[int] = []
    for m in _NUM_RUN_RE.finditer(ct):
        num_starts.append(m.start())
        num_ends.append(m.end())
    cands: list[_Cand] = []
    state: dict[str, object] = {}
    in_list = False  # inside a main-targets list that spans bullet paragraphs
    prev_indicator = ""  # the last subject, for a value without one (增长6.2%)
    last_section = ""
    list_fresh = False  # the list's lead-in ended the paragraph before (今年预期目标：)
    for para in paras:
        if para.is_heading:
            # a standalone heading 今年预期目标 opens the list on the next lines
            in_list = list_fresh = (
                para.part_kind != "review" and _TARGET_HEADING_RE.search(para.text) is not None
            )
            continue
        bullet = (bool(_RX18.match(para.text)) or len(para.text) <= 30) and not para.text.endswith(
            "："
        )
        if in_list and not bullet and not list_fresh:
            in_list = False
        close_list = in_list and not bullet  # a whole paragraph of items: the list ends with it
        list_fresh = False
        if para.section != last_section:
            prev_indicator = ""  # a new section: no subject to inherit
        last_section = para.section
        para_to_year: int | None = None
        carry_past: int | None = None  # a past year that the ；-items of a line share
        spans = _iter_spans(ct, para.body_start, para.end, _SENT_END)
        if para.part_kind != "review":
            spans = _split_at_time_words(ct, spans)
        five_years = (
            ct.find("五年", para.start, para.end) >= 0
            and _FIVE_YEARS_RE.search(ct, para.start, para.end) is not None
        )
        num_list = False  # inside a sentence listing numeric targets (…6%左右；进出口促稳提质；…)
        for sa, sb in spans:
            # == _HAS_NUM_RE.search(ct, sa, sb) is not None, from the text's runs: the
            # first run that ends after sa decides (inside: yes; astride an edge: search)
            ni = bisect_right(num_ends, sa)
            if ni == len(num_starts) or num_starts[ni] >= sb:
                has_num = False
            elif num_starts[ni] >= sa and num_ends[ni] <= sb:
                has_num = True
            else:
                has_num = _HAS_NUM_RE.search(ct, sa, sb) is not None
            if (
                not has_num
                and not in_list
                and not num_list
                and para.part_kind is not None
                and ct.find("目标", sa, sb) < 0
                and ct.find("指标", sa, sb) < 0
            ):
                continue  # nothing to extract, no state to update
            sentence = ct[sa:sb]
            kind, yr = _sentence_kind(para, sentence, report_year, state, shift)
            if (
                para.part_kind == "plan"
                and carry_past is not None
                and sa > 0
                and ct[sa - 1] == "；"
                and kind == "target"
                and not _TARGET_START_RE.match(sentence)
            ):
                kind, yr = "actual", carry_past  # 2021年，A…；B…: B is of 2021 too
            carry_past = yr if kind == "actual" and para.part_kind == "plan" else None
            if in_list:
                past = _PAST_YEAR_START_RE.match(sentence)
                if past and int(past.group(1)) < report_year:
                    in_list = False  # 2017年全市共有…: the list has ended
            if in_list and para.part_kind != "review":
                if para.part_kind is None and _cue_kind(sentence, report_year) == "actual":
                    in_list = False
                else:
                    kind, yr = "target", report_year
                    state["kind"] = kind
            to_year = None
            to_year_pos = sa
            if kind == "target":
                tm = _TO_YEAR_RE.search(sentence) if "年" in sentence else None
                ty = int(tm.group(1) or tm.group(2)) if tm else 0
                if ty > report_year:
                    # 到2027年…, 2025年底前… in a 2024 report, from that clause on
                    to_year = para_to_year = ty
                    to_year_pos = sa + tm.start()
                elif "今年" in sentence or f"{report_year}年" in sentence:
                    para_to_year = None
                else:
                    to_year = para_to_year  # 到2027年，…；人均生产总值达到17万元
            ctx = _Ctx(ct, kind, yr, para.section, prev_indicator)
            ctx.regions = regions
            from_year = None
            if kind == "actual" and five_years:
                from_year = yr - 5  # 2021 closes the term 2017-2021: start levels are of 2016
            mentions = _find_mentions(ct, sa, sb, quoted, from_year) if has_num else []
            if mentions:
                _extract_sentence(ctx, sa, sb, mentions, to_year, to_year_pos)
            # (every lead of the targets list names 目标 or 指标: a cheap pre-check)
            mt = (
                _MAIN_TARGET_RE.search(sentence)
                if "目标" in sentence or "指标" in sentence
                else None
            )
            start = -1
            if mt and kind == "target":
                colon = ct.find("：", sa + mt.end(), sb)
                if colon >= 0:
                    start = colon + 1
                    in_list = True
                    list_fresh = colon + 1 >= para.end
                elif _RX19.match(ct[sa + mt.end() : sb].strip("。：，")):
                    start = sb
                    in_list = True
                    list_fresh = sb >= para.end
                elif ct[sa + mt.end() : sa + mt.end() + 1] not in ("和", "与", "及"):
                    start = sa + mt.end()
                # else: 今年发展主要目标和下一阶段工作总体部署 — a title, no list
            elif in_list:
                start = sa
            if start >= 0 and kind == "target":
                for ca, cb in _iter_spans(ct, start, sb, "，；。"):
                    if not _qualitative(ctx, ca, cb):
                        in_list = False
                        break
            elif kind == "target" and para.part_kind != "review":
                # No list lead, but a sentence that lists numeric targets (增长10%以上，
                # …增长15%以上，主要约束性指标控制在省市规定范围以内): its number-less items
                # after the first numeric one are qualitative targets too, until one
                # is no target phrase.
                if not num_list:
                    first = -1
                    if len(ctx.out) >= 2:
                        nums = [c.qa for c in ctx.out if c.value is not None and c.kind == "target"]
                        first = min(nums) if len(nums) >= 2 else -1
                    num_list = first >= 0
                else:
                    first = sa
                if num_list:
                    for ca, cb in _iter_spans(ct, sa, sb, "，；。"):
                        if cb <= first or _RX13.search(ct, ca, cb):
                            continue
                        n_out = len(ctx.out)
                        if not _qualitative(ctx, ca, cb) or len(ctx.out) == n_out:
                            num_list = False
                            break
            if sb > sa and ct[sb - 1] != "；":
                num_list = False  # the sentence ends (a ，-clause or 。)
            cands.extend(ctx.out)
            if ctx.out:
                prev_indicator = ctx.out[-1].indicator
        if close_list and not list_fresh:
            in_list = False
    # dedupe and order
    seen: set[tuple[object, ...]] = set()
    by_qty: dict[tuple[object, ...], list[str]] = {}
    #: rows whose indicator is a placeholder, by (kind, year, measure, value, unit)
    generic_rows: dict[tuple[object, ...], Statement] = {}
    cands.sort(key=attrgetter("qa", "qb"))
    stmts: list[Statement] = []
    for c in cands:
        if c.qb <= c.qa:
            continue
        key = (c.kind, c.year, c.indicator, c.measure, c.value, c.unit, c.value_max)
        key2 = (c.kind, c.year, c.measure, c.value, c.unit, c.value_max, c.comparator)
        key3 = ("pct", c.kind, c.year, c.value, c.unit, c.value_max, c.comparator)
        if key in seen:
            continue
        if c.unit == "%" and "目标" in c.indicator and key3 in seen:
            continue  # 今年预期目标设定为6%以上: a restatement of 增长6%以上
        gkey = (c.kind, c.year, c.measure, c.value, c.unit, c.value_max)
        if c.value is not None and gkey in generic_rows:
            # 过去一年…增长5.8% (lead) and 地区生产总值…增长5.8% (body): one row,
            # at the first span, named by the specific indicator
            g = generic_rows.pop(gkey)
            if not _GENERIC_IND_RE.match(c.indicator):
                g.indicator = c.indicator
                g.comparator = c.comparator  # the body's wording decides
            continue
        if c.value is not None:
            ik = _ind_key(c.indicator)
            prev_keys = by_qty.get(key2)
            if prev_keys is None:
                by_qty[key2] = [ik]
            else:
                # a restatement of an earlier row with the same quantity
                if "目标" in c.indicator:
                    continue
                lik = len(ik)
                if any(lik >= 4 and len(pk) >= 4 and (ik in pk or pk in ik) for pk in prev_keys):
                    continue
                prev_keys.append(ik)
        seen.add(key)
        seen.add(key3)
        a, b = norm.span(c.qa, c.qb)
        stmts.append(
            Statement(
                kind=c.kind,
                year=c.year,
                indicator=c.indicator,
                measure=c.measure,
                value=None if c.value is None else float(c.value),
                value_max=None if c.value_max is None else float(c.value_max),
                unit=c.unit,
                comparator=c.comparator,
                value_base=None if c.value_base is None else float(c.value_base),
                unit_base=c.unit_base,
                section=c.section,
                quote=text[a:b],
                char_start=a,
                char_end=b,
                benchmark=c.benchmark,
            )
        )
        if c.value is not None and _GENERIC_IND_RE.match(c.indicator):
            generic_rows[gkey] = stmts[-1]
    stmts.sort(key=attrgetter("char_start", "char_end"))
    return Report(region=region, year=report_year, statements=stmts)
