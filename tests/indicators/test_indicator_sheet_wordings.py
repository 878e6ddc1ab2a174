"""How departments word a report's targets in their progress spreadsheets: the action
after the object, another verb of the same kind, count/size words and units appended,
新增 moved, a qualifier in parentheses. These must meet the report's indicator, and
must never merge what the report keeps apart (新建 vs 改造, new vs total, 城镇 vs 农村)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwr.indicators import Catalog, Indicator, Resolver, core_of, normalize

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Catalog.load(REFERENCE / "indicators.csv"))


@pytest.mark.parametrize(
    ("text", "measure", "expected"),
    [
        # the action after the object
        ("背街小巷改造整治", "count", "back_alleys"),
        ("地下管廊建设", "amount", "utility_tunnels"),
        ("口袋公园新建", "count", "pocket_parks"),
        ("阳光驿站建成", "count", "sunshine_stations"),
        ("牛羊适度规模场新改扩建", "count", "cattle_sheep_farms"),
        # another verb of the same kind
        ("建设地下综合管廊", "amount", "utility_tunnels"),
        ("创建星创天地", "count", "star_innovation_spaces"),
        # a count or size word appended, with or without a unit
        ("实施创文补短项目数", "count", "civilization_projects"),
        ("新建5G基站个数", "count", "5g_base_stations"),
        ("阳光驿站建成数（个）", "count", "sunshine_stations"),
        ("背街小巷改造条数", "count", "back_alleys"),
        ("地下管廊建设长度(公里)", "amount", "utility_tunnels"),
        # 新增 moved to where the department puts it
        ("5G基站新增数", "count", "5g_base_stations"),
        ("阳光驿站新增", "count", "sunshine_stations"),
        ("规上工业企业新增数（家）", "count", "new_above_scale_industrial_enterprises"),
        # 新增 before the thing a flow counts
        ("新增院士专家工作站", "count", "academician_workstations"),
        # 超N亿元 is N亿元以上
        ("签约超10亿元项目个数", "count", "signed_projects_1bn"),
        # abbreviations
        ("高新技术产业主营收入", "amount", "high_tech_industry_revenue"),
    ],
)
def test_department_rewordings_meet_the_report_indicator(
    resolver: Resolver, text: str, measure: str, expected: str
) -> None:
    res = resolver.resolve(text, measure)
    assert (res.indicator_id, res.provisional) == (expected, False), res


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("工业企业利润总额(规上)", "above_scale_industrial_profit"),
        ("工业增加值（规模以上）", "industrial_value_added_above_scale"),
        ("工业增加值（规上）", "industrial_value_added_above_scale"),
        ("企业技术中心（新增）", "enterprise_tech_centers"),
    ],
)
def test_a_qualifier_in_parentheses_is_moved_to_the_front(
    resolver: Resolver, text: str, expected: str
) -> None:
    assert resolver.resolve(text, "growth_pct").indicator_id == expected


@pytest.mark.parametrize(
    ("text", "measure", "never"),
    [
        # a qualifier in parentheses is never dropped
        ("工业增加值（规上）", "growth_pct", "industrial_value_added"),
        ("技改投资（城镇）", "growth_pct", "tech_upgrade_investment"),
        # building is not renovating, and the reverse
        ("城市道路建设", "count", "urban_road_upgrade"),
        ("新建城市道路数", "count", "urban_road_upgrade"),
        ("背街小巷新建", "count", "back_alleys"),
        ("地下管廊改造", "amount", "utility_tunnels"),
        ("改造5G基站", "count", "5g_base_stations"),
        # a count word on a bare noun is a total, not the flow the report targets
        ("5G基站数", "count", "5g_base_stations"),
        ("农村公路里程", "amount", "rural_roads"),
        ("养老服务床位数", "count", "elderly_care_beds"),
        ("规上工业企业个数", "count", "new_above_scale_industrial_enterprises"),
        ("市场主体数", "count", "new_market_entities"),
        # contrast words survive the rewording
        ("城镇危房改造户数", "count", "rural_dilapidated_housing"),
        ("排水管网建设长度", "amount", "water_supply_pipeline_renovation"),
        ("农村老旧小区改造数", "count", "old_residential_renovation"),
        ("进口总额增速", "growth_pct", "exports"),
    ],
)
def test_rewordings_never_merge_what_the_report_keeps_apart(
    resolver: Resolver, text: str, measure: str, never: str
) -> None:
    assert resolver.resolve(text, measure).indicator_id != never


def test_count_words_keep_new_and_total_apart(resolver: Resolver) -> None:
    assert resolver.resolve("规上工业企业个数", "count").indicator_id == (
        "above_scale_industrial_enterprises_total"
    )
    assert resolver.resolve("新增规上工业企业个数", "count").indicator_id == (
        "new_above_scale_industrial_enterprises"
    )
    assert resolver.resolve("市场主体数", "count").indicator_id == "market_entities_total"
    assert resolver.resolve("新增市场主体数", "count").indicator_id == "new_market_entities"


def test_core_of_strips_verbs_and_count_words_and_moves_xinzeng() -> None:
    c = core_of(normalize("城镇老旧小区改造数"))
    assert (c.key, c.kinds, c.bare_count) == ("城镇老旧小区", frozenset({"renovate"}), False)
    assert core_of(normalize("养老床位新增")).key == "新增养老床位"
    assert core_of(normalize("新建5G基站")).kinds == frozenset({"build"})
    assert core_of(normalize("5G基站数")).bare_count
    assert not core_of(normalize("老旧小区加装电梯数")).bare_count
    assert core_of(normalize("投资超5亿元项目")).key == core_of(normalize("投资5亿元以上项目")).key
    # words that carry meaning stay
    assert core_of(normalize("高新技术企业总数")).key == normalize("高新技术企业总数")
    assert core_of(normalize("居民消费价格指数")).key == normalize("居民消费价格指数")


def _ind(iid: str, name: str, aliases: tuple[str, ...] = (), acc: str = "flow") -> Indicator:
    return Indicator(iid, name, iid, "count", "个", "个", acc, True, aliases)


def test_a_core_two_indicators_share_matches_neither() -> None:
    # 示范站 (new, flow) and 示范站数 (total, stock) share the core 示范站
    cat = Catalog(
        (
            _ind("stations_new", "新建示范站", ("示范站",)),
            _ind("stations_total", "示范站总数", ("示范站数",), acc="stock"),
        )
    )
    r = Resolver(cat)
    assert r.resolve("示范站个数", "count").indicator_id != "stations_new"
    assert r.resolve("示范站建设数", "count").indicator_id != "stations_total"
    assert r.resolve("示范站新增", "count").indicator_id == "stations_new"
    assert r.resolve("示范站新增数", "count").indicator_id == "stations_new"
