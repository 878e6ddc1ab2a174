"""Department names: canonical form, function key, stable id, English name, precedence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwr import departments
from gwr.departments import DepartmentCatalog, canonical_department

DEPS = DepartmentCatalog.load(
    Path(__file__).resolve().parents[2] / "data" / "reference" / "departments.csv"
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("填报单位：市统计局", "市统计局"),
        ("填报单位:市统计局（盖章）", "市统计局"),
        ("  市农业农村局 (盖章) ", "市农业农村局"),
        ("市\u3000经信局", "市经信局"),
        ("牵头单位：巴中市住房和城乡建设局", "巴中市住房和城乡建设局"),
        ("责任单位：市商务局。", "市商务局"),
        ("ＡＢＣ局", "ABC局"),
        ("市农业农村局", "市农业农村局"),
    ],
)
def test_canonical_department(raw: str, expected: str) -> None:
    assert canonical_department(raw) == expected


@pytest.mark.parametrize(
    ("raw", "key", "dept_id"),
    [
        ("市统计局", "stats", "city_stats"),
        ("县统计局", "stats", "county_stats"),
        ("统计局", "stats", "stats"),
        ("巴中市统计局", "stats", "city_stats"),
        ("南江县统计局", "stats", "county_stats"),
        ("巴州区统计局", "stats", "county_stats"),
        ("四川省统计局", "stats", "prov_stats"),
        ("国家统计局", "stats", "nat_stats"),
        ("填报单位：市经信局（盖章）", "econ_info", "city_econ_info"),
        ("巴中市经济和信息化局", "econ_info", "city_econ_info"),
        ("市市场监管局", "market_reg", "city_market_reg"),
        ("市场监管局", "market_reg", "market_reg"),
        ("市市场监督管理局", "market_reg", "city_market_reg"),
        ("市农业农村局", "agri", "city_agri"),
        ("市人社局", "hrss", "city_hrss"),
        ("市住建局", "housing", "city_housing"),
        ("市发改委", "drc", "city_drc"),
        ("市文广旅局", "culture_tourism", "city_culture_tourism"),
        ("市卫健委", "health", "city_health"),
    ],
)
def test_key_and_id(raw: str, key: str, dept_id: str) -> None:
    assert DEPS.key(raw) == key
    assert DEPS.department_id(raw) == dept_id


def test_unknown_department_gets_a_deterministic_hash_id() -> None:
    a = DEPS.department_id("市某某不存在办公室")
    assert re.fullmatch(r"dept_[0-9a-f]{10}", a)
    assert a == DEPS.department_id("填报单位：市某某不存在办公室（盖章）")
    assert a != DEPS.department_id("县某某不存在办公室")
    assert DEPS.name_en("市某某不存在办公室") is None
    assert DEPS.precedence("市某某不存在办公室") == 9


def test_precedence() -> None:
    assert DEPS.precedence("市统计局") == 1
    assert DEPS.precedence("县统计局") == 1
    assert DEPS.precedence("市经信局") == 3
    assert DEPS.precedence("市经信局", lead_for=["经信局", "统计局"]) == 2
    assert DEPS.precedence("市统计局", lead_for=["经信局"]) == 1
    assert DEPS.precedence("市商务局", lead_for=["经信局"]) == 3
    assert DEPS.precedence("市税务局") == 4
    ranked = sorted(["市商务局", "市统计局", "市税务局"], key=DEPS.precedence)
    assert ranked == ["市统计局", "市商务局", "市税务局"]


def test_name_en() -> None:
    assert DEPS.name_en("市统计局") == "Municipal Bureau of Statistics"
    assert DEPS.name_en("统计局") == "Bureau of Statistics"
    assert DEPS.name_en("南江县农业农村局") == "County Bureau of Agriculture and Rural Affairs"


def test_describe_row_for_the_warehouse() -> None:
    row = DEPS.describe("填报单位：巴中市统计局（盖章）")
    assert row == {
        "department_id": "city_stats",
        "name_zh": "巴中市统计局",
        "name_en": "Municipal Bureau of Statistics",
        "function_id": "stats",
        "precedence": 1,
    }


def test_module_level_helpers_use_the_default_catalog() -> None:
    assert departments.department_key("市统计局") == "stats"
    assert departments.department_id("县统计局") == "county_stats"
    assert departments.precedence("统计局") == 1
    assert departments.name_en("市商务局") == "Municipal Bureau of Commerce"


def test_every_alias_maps_back_to_its_department() -> None:
    for dep in DEPS:
        for alias in (dep.name_zh, *dep.aliases):
            assert DEPS.key(alias) == dep.department_id, alias
            assert DEPS.key("市" + alias) == dep.department_id, alias


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([a for d in DEPS for a in (d.name_zh, *d.aliases)]),
    st.sampled_from(["", "市", "县", "巴中市", "南江县", "填报单位：市"]),
    st.sampled_from(["", "（盖章）", "(盖章)", " "]),
)
def test_id_stable_under_decoration(alias: str, prefix: str, suffix: str) -> None:
    plain = DEPS.department_id(prefix.replace("填报单位：", "") + alias)
    assert DEPS.department_id(prefix + alias + suffix) == plain
    assert DEPS.key(prefix + alias + suffix) == DEPS.key(alias)


# Departments as written in the bundled spreadsheets and common respellings.
@pytest.mark.parametrize(
    ("raw", "dept_id"),
    [
        ("市交通运输局", "city_transport"),
        ("市人力资源和社会保障局", "city_hrss"),
        ("市住房和城乡建设局", "city_housing"),
        ("市卫生健康委", "city_health"),
        ("市卫生和健康委员会", "city_health"),
        ("市发展和改革委员会", "city_drc"),
        ("市发展改革委", "city_drc"),
        ("市文化广播电视和旅游局", "city_culture_tourism"),
        ("市科学技术局", "city_science_tech"),
        ("市金融工作局", "city_financial_reg"),
        ("市生态环境管理局", "city_ecology_env"),
        ("市经济信息化委员会", "city_econ_info"),
    ],
)
def test_real_department_names(raw: str, dept_id: str) -> None:
    assert DEPS.department_id(raw) == dept_id
