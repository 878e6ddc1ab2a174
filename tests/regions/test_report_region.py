"""find_report_region on short, realistic report openings (written for these tests)."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwr.regions import (
    DivisionTable,
    _name_counts,
    detect_report_region,
    find_report_region,
    load_divisions,
)
from gwr.report.structure import detect_region


def code(text: str) -> str | None:
    d = find_report_region(text)
    return d.code if d else None


# Filler prose that names no place: what a report says between the lines that do.
PROSE = (
    "一年来，我们坚持稳中求进工作总基调，统筹发展和安全，推动城乡市场繁荣，"
    "乡镇市场主体持续增加，文明城市创建巩固提升，政府自身建设全面加强。\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the title
        ("巴中市人民政府工作报告\n各位代表：\n" + PROSE, "511900"),
        ("2025年甘肃省政府工作报告\n来源：甘肃日报\n" + PROSE, "620000"),
        # the congress line
        ("政府工作报告\n——2024年1月10日在巴中市第五届人民代表大会第四次会议上\n" + PROSE, "511900"),
        ("——在甘孜藏族自治州第十四届人民代表大会第四次会议上\n" + PROSE, "513300"),
        # the signature
        ("政府工作报告\n甘肃省省长 任某某\n各位代表：\n" + PROSE, "620000"),
        ("巴中市人民政府市长 某某\n各位代表：\n" + PROSE, "511900"),
        # 我代表…人民政府
        ("各位代表：\n现在，我代表上杭县人民政府，向大会报告政府工作。\n" + PROSE, "350823"),
        ("各位代表：\n我代表黄山市黄山区人民政府向大会报告工作。\n" + PROSE, "341003"),
        # a name written short in the title resolves to the official division
        ("甘孜州政府工作报告\n" + PROSE, "513300"),
        ("黔东南州2024年政府工作报告\n" + PROSE, "522600"),
        # the State Council
        ("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n" + PROSE, "100000"),
        (
            "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n",
            "100000",
        ),
    ],
)
def test_where_reports_state_their_region(text: str, expected: str) -> None:
    assert code(text) == expected


def test_a_province_that_names_the_state_council_is_not_national() -> None:
    text = (
        "2025年甘肃省政府工作报告\n我代表省人民政府，向大会报告工作。\n坚决贯彻党中央、国务院决策部署，"
        "认真落实十四届全国人大二次会议精神。全省经济稳中有进。\n"
    )
    assert code(text) == "620000"


def test_a_city_under_an_autonomous_region_is_the_city() -> None:
    # 自治区党委、自治区人民政府 are the superiors, not the report's region
    text = (
        "各位代表：\n现在，我代表钦州市人民政府向大会报告工作。\n在自治区党委、自治区人民政府和市委的"
        "正确领导下，全市上下团结奋斗。\n" + PROSE
    )
    assert code(text) == "450700"


def test_no_name_but_the_level_and_the_place_it_keeps_naming() -> None:
    # no title, no congress line, no signature: 我代表市人民政府 says a city; the text keeps
    # naming 聊城 (and its counties and province), which settles which one
    text = (
        "各位代表：\n现在，我代表市人民政府向大会报告工作。\n"
        "一年来，聊城经济运行稳中向好，临清、冠县、莘县项目建设提速，聊城开放水平提升。"
        "全市上下认真贯彻山东省委部署，推动区域合作、校地合作、产业合作取得新进展。"
        "聊城高新区、东阿县、阳谷县协同发展，聊城人民生活持续改善。\n" + PROSE
    )
    finding = detect_report_region(text)
    assert finding.division is not None and finding.division.code == "371500"
    assert "named" in finding.evidence


def test_a_county_level_city_report_is_not_its_parent() -> None:
    # 全市 of a county-level city that keeps naming its prefecture less than itself
    text = (
        "各位代表：\n我代表市人民政府向大会报告工作。\n大冶经济总量迈上新台阶，大冶工业提质增效，"
        "黄石市下达的目标全面完成，大冶城乡面貌焕然一新，大冶人民幸福感不断增强。\n" + PROSE
    )
    assert code(text) == "420281"


@pytest.mark.parametrize(
    "text",
    [
        PROSE,  # names nothing: 城乡市场, 乡镇市场, 文明城市, 政府自身 are words, not places
        "各位代表：\n现在，我代表市人民政府向大会报告工作。\n" + PROSE,  # a level, no place
        # ambiguous: 朝阳区 is in 北京 and in 长春, and the text says no more
        "各位代表：\n我代表朝阳区人民政府向大会报告工作。\n" + PROSE,
        # 合作 is a county-level city and a word: without support it is no region
        "各位代表：\n我代表市人民政府报告工作。区域合作、校地合作、对外合作全面推进。\n" + PROSE,
    ],
)
def test_undetermined_is_none_never_a_word(text: str) -> None:
    finding = detect_report_region(text)
    assert finding.division is None
    assert finding.evidence  # the reason is reported


def test_detect_region_is_the_official_name() -> None:
    assert detect_region("甘孜州政府工作报告\n" + PROSE) == "甘孜藏族自治州"
    assert detect_region("我代表市人民政府，向大会报告工作") is None
    assert detect_region("李强代表国务院，向十四届全国人大二次会议作政府工作报告") == "全国"
    assert detect_region("四川省人民政府省长黄强代表省人民政府") == "四川省"


def test_traditional_and_full_width_text() -> None:
    assert code("巴中市人民政府工作報告\n" + PROSE) == "511900"
    assert code("——２０２４年１月在廣東省第十四屆人民代表大會第二次會議上\n" + PROSE) == "440000"


def test_a_superior_government_is_not_the_report_region() -> None:
    # no level word: a bare 人民政府 after a name may be a superior's, so it is not taken
    text = "各位代表：\n在四川省委、四川省人民政府的坚强领导下，我们攻坚克难。\n" + PROSE
    assert code(text) is None
    # with the level said (我代表市人民政府), the province disagrees with it and is dropped
    assert code("我代表市人民政府报告工作。\n在四川省人民政府的领导下，" + PROSE) is None


def test_the_premier_visiting_a_city_is_not_the_state_council_report() -> None:
    text = (
        "巴中市人民政府工作报告\n各位代表：\n国务院总理李强亲临巴中调研，为我们加油鼓劲。\n" + PROSE
    )
    assert code(text) == "511900"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # news reprints: the congress named without 第, the premier named in a sentence
        (
            "1月23日上午，广东省十四届人大二次会议在广州开幕。省长某某向大会作政府工作报告。\n",
            "440000",
        ),
        ("国务院总理某某3月5日在政府工作报告中指出，今年我国发展仍面临不少风险挑战。\n", "100000"),
    ],
)
def test_news_reprints(text: str, expected: str) -> None:
    assert code(text + PROSE) == expected


def _name_counts_every_length(text: str, table: DivisionTable) -> Counter[str]:
    """The scan as first written: at each place, every length from the longest name down
    to 2 (what `_name_counts` must keep giving, faster)."""
    counts: Counter[str] = Counter()
    i, n = 0, len(text)
    while i < n:
        step = 1
        for j in range(min(n, i + table.max_name_len), i + 1, -1):
            key = text[i:j]
            if key in table.full or key in table.short:
                counts[key] += 1
                step = j - i
                break
        i += step
    return counts


_TABLE = load_divisions()
_NAMES = sorted({*_TABLE.full, *_TABLE.short})


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_NAMES),
            st.sampled_from(_NAMES).map(lambda k: k[:-1]),  # a name cut short
            st.text(
                alphabet="市县区省州山江河中城新南北东西人民政府工作报告0123456789，。", max_size=6
            ),
        ),
        max_size=40,
    )
)
def test_name_counts_equals_trying_every_length(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _name_counts(text, _TABLE) == _name_counts_every_length(text, _TABLE)
