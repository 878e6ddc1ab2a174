"""gwr.regions.resolve: full names, short forms, government words, chains, ambiguity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwr.regions import (
    Division,
    division_names,
    load_divisions,
    lookup_code,
    region_prefix,
    resolve,
    resolve_parts,
    strip_region_prefix,
)

TABLE = load_divisions()
DIVISIONS = sorted(TABLE.by_code.values(), key=lambda d: d.code)


def code(name: str, **kw: object) -> str | None:
    d = resolve(name, **kw)  # type: ignore[arg-type]
    return d.code if d else None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("巴中市", "511900"),
        ("巴中", "511900"),
        ("巴中市人民政府", "511900"),
        ("巴中市人民代表大会常务委员会", "511900"),
        ("甘孜藏族自治州", "513300"),
        ("甘孜州", "513300"),
        ("黔东南州", "522600"),
        ("黔东南", "522600"),
        ("内蒙古", "150000"),
        ("广西", "450000"),
        ("川", "510000"),
        ("蜀", "510000"),
        ("锡林郭勒盟行政公署", "152500"),
        ("天门市", "429006"),
        ("511900", "511900"),
        ("全国", "100000"),
        ("中华人民共和国", "100000"),
        ("国务院", "100000"),
        # chains: each name under the one before
        ("山东省菏泽市巨野县", "371724"),
        ("黄山市黄山区", "341003"),
        ("北京市朝阳区", "110105"),
        ("吉林省吉林市", "220200"),
        # tolerant input: full-width blanks, traditional characters
        ("巴\u3000中 市", "511900"),
        ("臺灣省", "710000"),
        ("廣東省", "440000"),
    ],
)
def test_resolves(name: str, expected: str) -> None:
    assert code(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "政府市",  # today's bugs: a word before 市 is no region
        "文明市",
        "乡镇市",
        "城乡市",
        "自治区",
        "市",
        "",
        "甲市",
        "Chengdu",
    ],
)
def test_words_that_are_no_division(name: str) -> None:
    assert resolve(name) is None


def test_ambiguous_names_resolve_only_with_a_context() -> None:
    # 吉林: 吉林省 and 吉林市
    assert resolve("吉林") is None
    assert code("吉林", level="province") == "220000"
    assert code("吉林", level="prefecture") == "220200"
    assert code("吉林", within="吉林省") == "220200"
    # 朝阳区 is an official full name twice (北京, 长春)
    assert resolve("朝阳区") is None
    assert code("朝阳区", within="北京市") == "110105"
    assert code("朝阳区", within="长春市") == "220104"
    assert code("朝阳区", within=lookup_code("220000")) == "220104"
    # 黄山: 黄山市 and its own 黄山区
    assert resolve("黄山") is None
    assert code("黄山", types=["市辖区"]) == "341003"
    # a context that rules everything out leaves nothing (never falls back to a guess)
    assert resolve("巴中", within="北京市") is None
    assert resolve("朝阳区", within="上海市") is None


def test_an_official_full_name_wins_over_a_short_form() -> None:
    # 河南 is the short form of 河南省 and of 河南蒙古族自治县: ambiguous ...
    assert resolve("河南") is None
    # ... but 河南县 is only the short form of the autonomous county
    assert code("河南县") == "632324"
    assert code("河南省") == "410000"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DIVISIONS))
def test_every_division_resolves_by_code_name_in_its_parent_and_chain(d: Division) -> None:
    assert resolve(d.code) == d
    parent = TABLE.by_code.get(d.parent_code or "")
    if parent is not None and not parent.is_national:
        assert resolve(d.name, within=parent) == d
        assert resolve(parent.name + d.name) in (d, None)  # None only if the parent's own
        # name is ambiguous (朝阳区's parents are not)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DIVISIONS))
def test_a_short_form_resolves_to_its_division_or_to_nothing(d: Division) -> None:
    for s in (*d.short_names, *d.abbreviations):
        named = {x.code for x in (*TABLE.full.get(s, ()), *TABLE.short.get(s, ()))}
        got = resolve(s)
        if named == {d.code}:
            assert got == d, s
        elif s not in TABLE.full:
            assert got is None, (s, got)  # several divisions: never a guess


def test_resolve_parts_reads_folders_top_down() -> None:
    assert code_of(resolve_parts(["spreadsheets", "四川省", "巴中"])) == "511900"
    assert code_of(resolve_parts(["北京市", "朝阳区", "2024"])) == "110105"
    assert resolve_parts(["2024", "上半年"]) is None
    assert code_of(resolve_parts(["巴中市", "sub"])) == "511900"


def code_of(d: Division | None) -> str | None:
    return d.code if d else None


def test_region_prefix_and_strip_region_prefix() -> None:
    hit = region_prefix("巴中市2024年目标任务完成情况表")
    assert hit is not None and (hit[0].code, hit[1]) == ("511900", 3)
    hit = region_prefix("四川省巴中市2024年")
    assert hit is not None and hit[0].code == "511900" and hit[1] == 6
    assert region_prefix("市经信局2024年") is None
    assert strip_region_prefix("巴中市地区生产总值") == "地区生产总值"
    assert strip_region_prefix("2024年四川省巴中市地区生产总值") == "地区生产总值"
    assert strip_region_prefix("全市地区生产总值") == "全市地区生产总值"
    assert strip_region_prefix("2024年地区生产总值") == "2024年地区生产总值"  # a year alone stays
    # only official names: a short form would eat words (城中村, 东方红)
    assert strip_region_prefix("城中村改造") == "城中村改造"
    assert strip_region_prefix("巴中市") == "巴中市"  # never emptied


def test_division_names_are_the_names_that_stand_for_it() -> None:
    assert division_names(lookup_code("513300")) == ("甘孜藏族自治州", "甘孜州", "甘孜")
    assert division_names(lookup_code("510000")) == ("四川省", "四川")  # 川 is no prefix
    assert division_names(None) == ()


def test_division_fields() -> None:
    d = lookup_code("513300")
    assert d is not None
    assert (d.name, d.level, d.type, d.parent_code, d.province_code, d.province) == (
        "甘孜藏族自治州", "prefecture", "自治州", "510000", "510000", "四川省"
    )  # fmt: skip
    nation = lookup_code("100000")
    assert nation is not None and nation.is_national and nation.province is None
