"""Offset-preserving normalization and document structure."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gwr.report.normalize import normalize
from gwr.report.structure import detect_region, detect_year, split_paragraphs

SAME_OR_MAPPED = {
    ",": "，",
    ":": "：",
    ";": "；",
    "(": "（",
    ")": "）",
    "!": "！",
    "?": "？",
    ".": "。",
    '"': "“”",
}


def _check(text: str) -> None:
    norm = normalize(text)
    offs = norm.offs
    assert len(offs) == len(norm.text)
    assert offs == sorted(set(offs))  # strictly increasing
    for i, c in enumerate(norm.text):
        o = text[offs[i]]
        assert c == o or c in SAME_OR_MAPPED.get(o, "") or (ord(o) - 0xFEE0 == ord(c)), (c, o)
        assert c not in " \t\u3000"
    if norm.text:
        a, b = norm.span(0, len(norm.text))
        assert text[a:b].strip() == text[a:b]


def test_ascii_punctuation_spaces_and_fullwidth() -> None:
    text = "主要预期目标是: 地区生产总值增长 ６%,投资1,234.5亿元;游客7492. 4万人次."
    norm = normalize(text)
    assert norm.text == "主要预期目标是：地区生产总值增长6%，投资1,234.5亿元；游客7492.4万人次。"
    _check(text)
    i = norm.text.index("7492.4")
    a, b = norm.span(i, i + len("7492.4万人次"))
    assert text[a:b] == "7492. 4万人次"


def test_soft_and_hard_line_breaks_and_separators() -> None:
    text = (
        "二、2024年重点工作\n"
        "全市经济社会发展的主要预期目标是：地区生产总值增长6%左右，规上工业增\n"
        "加值增长8%。\n"
        "=========\n"
        "新增就业2万人。\n\n\n"
    )
    norm = normalize(text)
    assert norm.text.split("\n") == [
        "二、2024年重点工作",
        "全市经济社会发展的主要预期目标是：地区生产总值增长6%左右，规上工业增加值增长8%。",
        "新增就业2万人。",
    ]
    _check(text)


def test_a_number_is_never_broken_from_its_unit() -> None:
    # a web copy (one paragraph a line) where an inline mark split a figure: the number
    # goes on with its unit on the next line with text, zero-width lines between
    text = (
        "一、2016年工作回顾\n国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%。\n新增就业1314\n万人。"
    )
    norm = normalize(text)
    assert norm.text.split("\n") == [
        "一、2016年工作回顾",
        "国内生产总值达到74.4万亿元，增长6.7%。",
        "新增就业1314万人。",
    ]
    _check(text)
    # a label or a page number, a next line that opens on no unit or on a noun that
    # starts like one (名词, 人口), a paragraph that ends on a number: apart
    for text in (
        "一、回顾\n2016\n万众一心。",
        "二、重点工作\n目标是增长6\n加快发展。",
        "二、重点工作\n附件2\n名词解释",
        "二、重点工作\n见本报告附件2\n名词解释",
        "一、回顾\n全市常住人口达到1\n人口结构持续优化。",
    ):
        assert len(normalize(text).text.split("\n")) == 3, text


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list('0123456789,.:;()"“” \n\u3000０１％万亿元增长、，。-=')),
        max_size=120,
    )
)
def test_offsets_map_back(text: str) -> None:
    _check(text)


def test_paragraph_sections() -> None:
    text = normalize(
        "一、2023年工作回顾\n\n过去一年，增长6%。\n\n（一）全力稳定经济增长。争取资金74.8亿元。\n\n"
        "二、2024年重点工作\n\n（一）突出工业主导地位\n\n壮大工业产业集群。新增2万亩。\n"
    ).text
    paras = [p for p in split_paragraphs(text) if not p.is_heading]
    assert [(p.part_kind, p.part_year, p.section) for p in paras] == [
        ("review", 2023, "一、2023年工作回顾"),
        ("review", 2023, "一、2023年工作回顾 > （一）全力稳定经济增长"),
        ("plan", 2024, "二、2024年重点工作 > （一）突出工业主导地位 > 壮大工业产业集群"),
    ]


def test_detect_year_variants() -> None:
    assert detect_year("一、2023年工作回顾") == 2024
    assert detect_year("三、2024年政府工作任务") == 2024
    assert detect_year("2023年是开局之年。2024年是关键之年。") == 2024
    assert detect_year("2024年，四川省经济社会发展主要预期目标是：") == 2024
    assert detect_year("西安发布2023经济预期发展目标") == 2023
    assert detect_year("——2020年6月4日在县十七届人大五次会议上") == 2020
    # a report given in December is the next year's report
    assert detect_year("——2023年12月27日在宁化县第十八届人民代表大会第三次会议上") == 2024
    # headings win over the dateline
    assert detect_year("——2024年12月26日在柘荣县第十八届人民代表大会\n一、2024年工作回顾") == 2025
    assert detect_year("到2035年基本实现现代化的目标") is None
    assert detect_year("地区生产总值增长6%") is None


def test_detect_region_variants() -> None:
    assert detect_region("现在，我代表上杭县人民政府，向大会报告政府工作") == "上杭县"
    assert detect_region("四川省人民政府省长黄强代表省人民政府") == "四川省"
    assert detect_region("我代表市人民政府，向大会报告工作") is None
    assert detect_region("李强代表国务院，向十四届全国人大二次会议作政府工作报告") == "全国"
