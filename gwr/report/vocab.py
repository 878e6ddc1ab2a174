"""Vocabularies of the report extractor: units in running text, comparators, verbs.

Units are matched in running text as ``[scale][余|多]base`` where ``base`` is one
of :data:`BASE_UNITS_TEXT` (longest first).  Conversion to base units is done by
:mod:`gwr.units`; a few count classifiers it does not know (``场次``) fall back to
themselves (see :func:`unit_info`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from gwr.units import SCALE_PREFIXES, parse_unit

__all__ = [
    "BASE_UNITS_TEXT",
    "COUNT_UNITS",
    "MONEY_BASES",
    "UnitInfo",
    "unit_info",
]

#: Count classifiers accepted after a number in running text.  Not here on
#: purpose: 年/月/日/岁 (dates, ages), 届/期 (ordinals), 级, 成.  位 is here for
#: people (6位科学家); ranks (上升54位, 前3位) are excluded by the extractor.
COUNT_UNITS = (
    "个",
    "户",
    "家",
    "所",
    "人次",
    "人",
    "名",
    "套",
    "部",
    "辆",
    "座",
    "条",
    "处",
    "项",
    "头",
    "张",
    "件",
    "场次",
    "场",
    "只",
    "台",
    "艘",
    "架次",
    "架",
    "间",
    "例",
    "宗",
    "栋",
    "幢",
    "株",
    "棵",
    "批",
    "次",
    "床",
    "趟",
    "列",
    "支",
    "家次",
    "户次",
    "人日",
    "篇",
    "本",
    "册",
    "对",
    "口",
    "眼",
    "盏",
    "根",
    "羽",
    "匹",
    "尾",
    "枚",
    "单",
    "笔",
    "起",
    "款",
    "种",
    "类",
    "班次",
    "车次",
    "航班",
    "标段",
    "门",
    "片",
    "位",
    "剂次",
    "剂",
    "人份",
    "个次",
    "批次",
    "吨次",
)
#: Physical and money units.
AMOUNT_UNITS = (
    "元",
    "美元",
    "欧元",
    "港元",
    "人民币",
    "平方米",
    "平方公里",
    "平方千米",
    "亩",
    "公顷",
    "吨标准煤",
    "吨标煤",
    "吨",
    "公斤",
    "千克",
    "斤",
    "公里",
    "千米",
    "延米",
    "米",
    "千瓦时",
    "千瓦",
    "兆瓦时",
    "兆瓦",
    "吉瓦",
    "千伏安",
    "兆伏安",
    "立方米",
    "标箱",
    "标准箱",
    "度",
    "小时",
    "天",
    "分钟",
    "工作日",
    "个工作日",
)
#: Latin spellings seen in reprints (parse_unit knows them, lower-cased).
LATIN_UNITS = ("m2", "m²", "㎡", "m3", "m³", "km2", "km²", "km", "kWh", "kW", "MW", "GW")
SPECIAL_UNITS = ("个百分点", "百分点", "%", "‰", "倍")
BASE_UNITS_TEXT: tuple[str, ...] = tuple(
    sorted(set(COUNT_UNITS + AMOUNT_UNITS + SPECIAL_UNITS + LATIN_UNITS), key=len, reverse=True)
)
MONEY_BASES = frozenset({"元", "美元", "欧元", "港元", "日元", "英镑"})

SCALE_PATTERN = r"(?:万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千|百)"
UNIT_PATTERN = "(?:" + "|".join(re.escape(u) for u in BASE_UNITS_TEXT) + ")"
#: A unit character that is really the first half of a noun.
NOT_UNIT_BIGRAMS = frozenset(
    {"人口", "人民", "人员", "人才", "人群", "人大", "家庭", "家园", "户籍", "名单", "名称", "名录",
     "台账", "条例", "条件", "处置", "处理", "场所", "部门", "部署", "个体", "件事", "所有", "所在",
     "批准", "批复", "次数", "头部", "只有", "张力", "套餐", "座谈", "间隔", "项目", "例如", "元素",
     "名词"}
)  # fmt: skip
#: a unit as written after a number (万亿元, 多人, %): never a subject on its own
UNIT_RE = re.compile(rf"{SCALE_PATTERN}?[多余]?{UNIT_PATTERN}")
# Scale words and their factors come from gwr.units (one table for the whole project).
_SCALE_FACTORS = {"": Decimal(1), **SCALE_PREFIXES}


@dataclass(frozen=True)
class UnitInfo:
    """Unit as written, its base, the factor to the base, and its kind."""

    text: str
    base: str
    factor: Decimal
    kind: str  # count | amount | percent | pp | multiple


@lru_cache(maxsize=4096)
def unit_info(scale: str, base: str) -> UnitInfo:
    """Info for the unit ``scale + base`` as written in running text."""
    text = scale + base
    u = parse_unit(text)
    if u is not None and u.kind in ("count", "amount", "percent", "pp", "multiple"):
        # keep the written spelling for `unit` (parse_unit normalizes case only)
        return UnitInfo(text, u.base, u.factor, u.kind)
    f = _SCALE_FACTORS.get(scale, Decimal(1))
    if base in SPECIAL_UNITS:
        kind = {"%": "percent", "‰": "percent", "倍": "multiple"}.get(base, "pp")
        return UnitInfo(text, "个百分点" if kind == "pp" else base, f, kind)
    kind = "count" if base in COUNT_UNITS else "amount"
    return UnitInfo(text, base, f, kind)


# --- comparators ---------------------------------------------------------------

#: Words right after the quantity.
POST_COMPARATORS: dict[str, str] = {
    "以上": ">=",
    "之上": ">=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "左右": "~",
    "上下": "~",
}
POST_RE = re.compile(r"(以上|之上|以下|以内|之内|左右|上下)")
#: Words right before the quantity (longest first).
PRE_COMPARATORS: dict[str, str] = {
    "不低于": ">=",
    "不少于": ">=",
    "不小于": ">=",
    "不超过": "<=",
    "不高于": "<=",
    "不多于": "<=",
    "不到": "<=",
    "控制在": "<=",
    "超过": ">=",
    "突破": ">=",
    "高于": ">=",
    "低于": "<=",
    "大约": "~",
    "约合": "~",
    "至少": ">=",
    "最少": ">=",
    "跨越": ">=",
    "跨上": ">=",
    "迈上": ">=",
    "逾": ">=",
    "超": ">=",
    "约": "~",
    "近": "~",
}
PRE_RE = re.compile(
    "(" + "|".join(sorted(PRE_COMPARATORS, key=len, reverse=True)) + r")(?:达到|达)?$"
)

# --- verbs ---------------------------------------------------------------------

GROWTH_VERBS = (
    "同比增长",
    "年均增长",
    "比上年增长",
    "增长",
    "提高",
    "上升",
    "增加",
    "上涨",
    "提升",
    "回升",
    "增",
    "涨幅",
    "增速",
    "增幅",
    "扩大",
)
#: 收窄/缩小 N个百分点 is a fall like 下降 (收窄/缩小到 N% is a level: see TAIL_VERBS)
DECLINE_VERBS = (
    "同比下降", "年均下降", "下降", "降低", "减少", "回落", "下滑", "压减", "降", "收窄", "缩小",
    "缩窄", "收缩",
)  # fmt: skip
LEVEL_VERBS = (
    "达到",
    "达",
    "为",
    "是",
    "占",
    "稳定在",
    "保持在",
    "控制在",
    "实现",
    "完成",
    "突破",
    "超过",
    "超",
)
#: A predicate about where a figure's subject stands, opening a clause that has no subject
#: of its own (稳居全国前十强, 名列世界前茅, 跃居全省第5位, 迈上新台阶, 高于全国平均).
#: ``居``/``列``/``排``/``创`` only before a place or rank: 居民, 排放, 创新 are subjects.
STANDING_PREDICATE_PATTERN = (
    r"(?:稳居|位居|跃居|跃升|跃上|名列|位列|排名|迈上|迈入|跨上|跨入|跻身|进入|保持|稳定在"
    r"|高于|快于|好于|领先|领跑|再创|连续|首次|继续|"
    r"(?:居|列|排)(?:在|于|全|前|首|第|世界|中部|西部|东部)|创(?:历史|新高))"
)
RATE_WORDS = ("率", "占比", "比重", "比例", "度", "指数", "水平", "系数", "份额")
GROWTH_SUBJECT_WORDS = ("涨幅", "增速", "增幅", "增长率", "增长")

#: Words stripped from the start of an indicator.
LEAD_FILLERS = (
    "预计全年",
    "预期",
    "预计",
    "全年",
    "其中",
    "同时",
    "并且",
    "并",
    "全市",
    "全省",
    "全县",
    "全区",
    "全州",
    "全国",
    "累计",
    "力争",
    "确保",
    "争取",
    "至少",
    "共有",
    "现有",
    "拥有",
    "实现",
    "完成了",
    "完成",
    "达到",
    "今年",
    "过去一年",
    "过去五年",
    "一年来",
    "五年来",
    "去年",
    "上年度",
    "年内",
    "力求",
    "努力",
    "持续",
    "再",
    "共",
    "已",
    "还",
    "可",
    "要",
    "将",
    "计划",
    "目标是",
    "主要目标是",
    "主要预期目标是",
    "预期目标是",
    "主要目标为",
    "预期目标为",
    "分别",
    "以上",
    "等",
    "和",
    "及",
    "与",
    "使",
    "让",
)
#: Words stripped from the end of an indicator (the verb before the number).
TAIL_VERBS = tuple(
    sorted(
        set(
            GROWTH_VERBS
            + DECLINE_VERBS
            + LEVEL_VERBS
            + tuple(PRE_COMPARATORS)
            + (
                "分别",
                "均",
                "各",
                "同比",
                "比上年",
                "较上年",
                "累计",
                "总计",
                "合计",
                "共",
                "预计",
                "先后",
                "持续",
                "不断",
                "进一步",
                "相继",
                "接连",
                "达到了",
                "实现了",
                "进入",
                "进入了",
                "迈入",
                "迈入了",
                "跨入",
                "跨入了",
                "步入",
                "步入了",
                "完成了",
                "增长了",
                "超额",
                "力争",
                "确保",
                "争取",
                "年均",
                "平均为",
                "平均",
                "全年平均",
                "将",
                "连年",
                "连续",
                "压缩至",
                "压缩到",
                "缩短至",
                "缩短到",
                "首次",
                "首度",
                "再次",
                "继续",
                "降至",
                "降到",
                "下降到",
                "下降至",
                "提高到",
                "提高至",
                "提升到",
                "提升至",
                "增加到",
                "增加至",
                "增至",
                "上升到",
                "上升至",
                "扩大到",
                "缩小到",
                "缩小至",
                "收窄到",
                "收窄至",
                "回落到",
                "回落至",
                "同口径",
                "拟按",
                "拟安排",
                "安排",
                "再",
                "按",
                "要",
                "有望",
                "可望",
                "就",
                "已",
                "的",
                "有",
                "达到",
                "稳定",
                "保持",
                "控制",
                "突破",
            )
        ),
        key=len,
        reverse=True,
    )
)
