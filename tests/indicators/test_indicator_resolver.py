"""Resolving indicator wordings to catalog ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwr.indicators import (
    Catalog,
    Indicator,
    Resolver,
    contradicts,
    normalize,
    provisional_id,
)

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Catalog.load(REFERENCE / "indicators.csv"))


def rid(resolver: Resolver, text: str, measure: str | None = None) -> str:
    return resolver.resolve(text, measure).indicator_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # synonyms and abbreviations
        ("规上工业增加值", "industrial_value_added_above_scale"),
        ("规模以上工业增加值", "industrial_value_added_above_scale"),
        ("规上工业企业增加值", "industrial_value_added_above_scale"),
        ("社零", "retail_sales"),
        ("社零总额", "retail_sales"),
        ("社会消费品零售总额", "retail_sales"),
        ("固投", "fixed_asset_investment"),
        ("全社会固定资产投资", "fixed_asset_investment"),
        ("GDP", "gdp"),
        ("ＧＤＰ", "gdp"),
        ("地区生产总值", "gdp"),
        ("国内生产总值", "gdp"),
        ("经济总量", "gdp"),
        ("CPI", "cpi"),
        ("居民消费价格", "cpi"),
        ("R&D经费投入强度", "rd_intensity"),
        ("研究与试验发展经费投入强度", "rd_intensity"),
        ("限上规上企业", "new_above_quota_enterprises"),
        ("限额以上规模以上企业", "new_above_quota_enterprises"),
        ("新增就业", "urban_new_jobs"),
        ("城镇新增就业", "urban_new_jobs"),
        # expansions the extractor produces
        ("城镇居民人均可支配收入", "urban_per_capita_disposable_income"),
        ("农村居民人均可支配收入", "rural_per_capita_disposable_income"),
        ("第一产业增加值", "primary_industry_value_added"),
        ("第二产业增加值", "secondary_industry_value_added"),
        ("第三产业增加值", "tertiary_industry_value_added"),
        ("一产增加值", "primary_industry_value_added"),
        ("三产增加值", "tertiary_industry_value_added"),
        ("城镇居民低保标准", "urban_minimum_living_standard"),
        ("农村居民低保标准", "rural_minimum_living_standard"),
    ],
)
def test_synonyms(resolver: Resolver, text: str, expected: str) -> None:
    res = resolver.resolve(text)
    assert res.indicator_id == expected
    assert not res.provisional


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("规上工业增加值增速", "industrial_value_added_above_scale"),
        ("地区生产总值增长", "gdp"),
        ("全市地区生产总值增长率", "gdp"),
        ("固定资产投资完成额", "fixed_asset_investment"),
        ("社会消费品零售总额增幅", "retail_sales"),
        ("城镇居民人均可支配收入稳步增长", "urban_per_capita_disposable_income"),
        ("农村居民人均可支配收入增速", "rural_per_capita_disposable_income"),
        ("力争常住人口城镇化率", "urbanization_rate"),
        ("确保城镇新增就业", "urban_new_jobs"),
        ("2024年1-6月规上工业增加值", "industrial_value_added_above_scale"),
        ("进出口总额增长", "exports_imports"),
        ("全社会研发投入增速", "rd_expenditure"),
        ("完成营造林", "afforestation"),
        ("地区生产总值（亿元）", "gdp"),
    ],
)
def test_suffix_and_prefix_stripping(resolver: Resolver, text: str, expected: str) -> None:
    res = resolver.resolve(text)
    assert res.indicator_id == expected, res
    assert res.method in ("normalized", "alias", "exact")


def test_stripping_never_cuts_a_name(resolver: Resolver) -> None:
    # 进出口总额 is a name: stripping 总额 would give 进出口 (an alias of the same), but
    # 出口总额 must stay exports and not become imports/exports.
    assert rid(resolver, "进出口总额") == "exports_imports"
    assert rid(resolver, "出口总额") == "exports"
    assert rid(resolver, "进口总额") == "imports"
    assert rid(resolver, "实际利用外资") == "actual_foreign_investment"


def test_methods(resolver: Resolver) -> None:
    assert resolver.resolve("地区生产总值").method == "exact"
    assert resolver.resolve("gdp").method == "exact"  # the indicator_id itself
    assert resolver.resolve("GDP").method == "alias"
    assert resolver.resolve(" 地区 生产总值 ").method == "normalized"
    assert resolver.resolve("规上工业增加值增速").method == "normalized"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("城镇居民人均可支收入", "urban_per_capita_disposable_income"),  # dropped character
        ("基本养老保险参与率", "pension_insurance_coverage"),
        ("社会消费品零售总值", "retail_sales"),
        ("基本医疗保险参与率", "medical_insurance_coverage"),
    ],
)
def test_fuzzy_above_threshold(resolver: Resolver, text: str, expected: str) -> None:
    res = resolver.resolve(text)
    assert res.indicator_id == expected, res
    assert not res.provisional
    assert res.score >= resolver.threshold


NEVER_MERGED = [
    ("城镇居民人均可支配收入", "rural_per_capita_disposable_income"),
    ("农村居民人均可支配收入", "urban_per_capita_disposable_income"),
    ("第一产业增加值", "secondary_industry_value_added"),
    ("第二产业增加值", "primary_industry_value_added"),
    ("第三产业增加值", "secondary_industry_value_added"),
    ("新建5G基站", "school_projects"),
    ("新建学校", "5g_base_stations"),
    ("规上工业增加值", "industrial_value_added"),
    ("工业增加值", "industrial_value_added_above_scale"),
    ("改造供水管道", "drainage_pipeline_renovation"),
    ("改造排水管道", "water_supply_pipeline_renovation"),
    ("出口总额", "exports_imports"),
    ("基本医疗保险参保率", "pension_insurance_coverage"),
    ("岸线生态廊道", "road_eco_corridor"),
    ("产值10亿级工业企业", "enterprises_5bn_output"),
    ("5亿级企业", "enterprises_10bn_output"),
    ("城乡居民人均可支配收入", "urban_rural_income_ratio"),
    ("城乡居民人均可支配收入", "urban_per_capita_disposable_income"),
    ("城乡居民人均可支配收入", "rural_per_capita_disposable_income"),
    ("三次产业增加值", "primary_industry_value_added"),
    ("研发经费投入强度", "rd_expenditure"),
    ("新增市场主体", "market_entities_total"),
    ("治安案件", "criminal_cases"),
    ("单位国内生产总值能耗", "gdp"),
    ("单位地区生产总值能耗和二氧化碳排放", "energy_intensity"),
    ("人均地区生产总值", "gdp"),
    ("安全生产事故死亡人数", "safety_accidents"),
    # fuzzy near-misses that differ only in a contrast word
    ("城镇居民人均可支配收入增长情况", "rural_per_capita_disposable_income"),
    ("第二产业增加值增长情况", "primary_industry_value_added"),
    ("农村居民人均消费性支出", "urban_per_capita_consumption"),
    ("新建6G基站", "5g_base_stations"),
    ("改造供排水管道", "water_supply_pipeline_renovation"),
    ("改造供排水管道", "drainage_pipeline_renovation"),
]


@pytest.mark.parametrize(("text", "wrong"), NEVER_MERGED)
def test_never_wrongly_merged(resolver: Resolver, text: str, wrong: str) -> None:
    for measure in (None, "growth_pct", "count", "ratio_pct"):
        assert rid(resolver, text, measure) != wrong


def test_combined_wordings_stay_provisional(resolver: Resolver) -> None:
    for text in ("城乡居民人均可支配收入", "三次产业增加值", "改造供排水管道"):
        assert resolver.resolve(text).provisional, text


def test_margin_rule_refuses_a_close_runner_up() -> None:
    cat = Catalog((_ind("a", "甲乙丙丁戊己庚"), _ind("b", "甲乙丙丁戊辛庚")))
    r = Resolver(cat, threshold=80, margin=4)
    res = r.resolve("甲乙丙丁戊壬庚")  # equally close to both
    assert res.provisional
    assert res.best_candidate in ("a", "b")
    assert Resolver(cat, threshold=80, margin=0).resolve("甲乙丙丁戊壬庚").indicator_id == "a"


def test_measure_breaks_a_tie() -> None:
    cat = Catalog(
        (_ind("lvl", "甲乙丙丁戊己庚", "count"), _ind("rat", "甲乙丙丁戊辛庚", "ratio_pct"))
    )
    r = Resolver(cat, threshold=80, margin=4)
    assert r.resolve("甲乙丙丁戊壬庚", "count").indicator_id == "lvl"
    assert r.resolve("甲乙丙丁戊壬庚", "pp_change").indicator_id == "rat"
    assert r.resolve("甲乙丙丁戊壬庚").provisional


def test_below_threshold_is_provisional(resolver: Resolver) -> None:
    res = resolver.resolve("中小学生健康守护行动")
    assert res.provisional and res.method == "provisional"
    assert res.indicator_id.startswith("prov_")


def test_provisional_ids_are_deterministic(resolver: Resolver) -> None:
    a = resolver.resolve("中小学生健康守护行动").indicator_id
    b = Resolver(resolver.catalog).resolve("中小学生 健康守护行动").indicator_id
    c = resolver.resolve("户外劳动者服务站点").indicator_id
    assert a == b == provisional_id("中小学生健康守护行动")
    assert a != c
    assert (
        a
        == "prov_"
        + __import__("hashlib").sha1(normalize("中小学生健康守护行动").encode()).hexdigest()[:10]
    )
    assert len(a) == len("prov_") + 10


def test_resolve_many_and_cache(resolver: Resolver) -> None:
    texts = ["社零", "固投", "社零", "不存在的指标名称"]
    out = resolver.resolve_many(texts)
    assert [r.indicator_id for r in out[:3]] == [
        "retail_sales",
        "fixed_asset_investment",
        "retail_sales",
    ]
    assert out[3].provisional
    assert resolver.resolve("社零") is resolver.resolve("社零")
    with_m = resolver.resolve_many(["社零", "城镇化率"], ["growth_pct", "ratio_pct"])
    assert [r.indicator_id for r in with_m] == ["retail_sales", "urbanization_rate"]
    with pytest.raises(ValueError):
        resolver.resolve_many(["a", "b"], ["count"])


def test_empty_text_is_provisional(resolver: Resolver) -> None:
    assert resolver.resolve("").provisional
    assert resolver.resolve("——").provisional


def test_contradicts() -> None:
    assert contradicts(normalize("城镇居民收入"), normalize("农村居民收入"))
    assert contradicts(normalize("新建5G基站"), normalize("新建学校"))
    assert not contradicts(normalize("城镇居民收入"), normalize("城镇居民可支配收入"))


def _ind(iid: str, name: str, measure: str = "count") -> Indicator:
    return Indicator(iid, name, iid, measure, "个", "个", "flow", True, (), ("统计局",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("利用坡地林地新增中药材种植面积", "herb_planting_area"),
        ("有序推进村庄规划", "village_plans"),
        (
            "加快巴中农副产品交易中心二期、蜀道巴中现代物流园等现代服务业项目",
            "modern_service_projects",
        ),
        ("南江霞石新材料生产线等超亿元工业项目建成投运", "industrial_projects_100m_completed"),
        ("推动品种集采药械落地降价", "centralized_procurement_varieties"),
    ],
)
def test_contained_name(resolver: Resolver, text: str, expected: str) -> None:
    res = resolver.resolve(text)
    assert res.indicator_id == expected, res
    assert res.method in ("contained", "normalized"), res
    assert 0 < res.score <= 100


@pytest.mark.parametrize(
    ("text", "measure", "wrong"),
    [
        ("占财政总支出", "ratio_pct", "general_public_budget_expenditure"),
        ("市级示范幼儿园", None, "model_kindergartens"),
        ("农村公路养护里程", None, "rural_roads"),
        ("城乡居民人均可支配收入", None, "per_capita_disposable_income"),
        ("规上工业企业营业收入", "growth_pct", "new_above_scale_industrial_enterprises"),
        ("高新技术企业主营业务收入", None, "high_tech_enterprises_new"),
        ("市属国企实体化市场化转型开始起步、营收", "growth_pct", "soe_total_assets"),
        ("民间实际利用外商直接投资", None, "fdi"),
        ("外商投资企业地区生产总值", None, "gdp"),
        ("民间固定资产投资", None, "fixed_asset_investment"),
        ("制造业固定资产投资", None, "fixed_asset_investment"),
        ("民间税收收入占一般公共预算收入比重", None, "tax_revenue_share"),
        ("较大以上安全生产事故", None, "safety_accidents"),
    ],
)
def test_contained_refusals(resolver: Resolver, text: str, measure: str | None, wrong: str) -> None:
    assert resolver.resolve(text, measure).indicator_id != wrong
