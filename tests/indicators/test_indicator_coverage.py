"""Coverage of the seed report (巴中市2024年政府工作报告): every target wording of part
二 (and the main review indicators of part 一), as the extractor words them, resolves to a
catalog indicator, and to the right one."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwr.indicators import Catalog, Resolver

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "reports" / "bazhong-2024-government-work-report.txt"

# (wording as it appears in part 二, expected indicator_id)
PART2_TARGETS: list[tuple[str, str]] = [
    # 主要预期目标
    ("地区生产总值", "gdp"),
    ("第一产业增加值", "primary_industry_value_added"),
    ("第二产业增加值", "secondary_industry_value_added"),
    ("第三产业增加值", "tertiary_industry_value_added"),
    ("规上工业增加值", "industrial_value_added_above_scale"),
    ("建筑业增加值", "construction_value_added"),
    ("固定资产投资", "fixed_asset_investment"),
    ("社会消费品零售总额", "retail_sales"),
    ("地方一般公共预算收入", "general_public_budget_revenue"),
    ("城镇居民人均可支配收入", "urban_per_capita_disposable_income"),
    ("农村居民人均可支配收入", "rural_per_capita_disposable_income"),
    ("居民消费价格涨幅", "cpi"),
    ("约束性指标", "binding_targets"),
    # （一）工业
    ("三大工业主导产业产值占比", "leading_industries_output_share"),
    ("新增酿酒专用粮种植面积", "liquor_grain_planting_area"),
    ("新增中药材种植面积", "herb_planting_area"),
    ("中药材鲜货产量", "herb_fresh_output"),
    ("工业投资", "industrial_investment"),
    ("技改投资", "tech_upgrade_investment"),
    ("新引进三大工业主导产业投资超5亿元项目", "large_industrial_projects_introduced"),
    ("各产业链培引“龙头”企业", "chain_leader_enterprises"),
    ("培育“专精特新”企业", "specialized_sme"),
    ("规上工业企业", "new_above_scale_industrial_enterprises"),
    ("产值10亿级工业企业", "enterprises_10bn_output"),
    ("5亿级企业", "enterprises_5bn_output"),
    ("竣工投产数字产线", "digital_production_lines"),
    ("规上企业生产管理研发数字化应用普及率", "digital_application_rate"),
    ("标准化厂房新建", "standard_factory_area"),
    ("入驻率", "standard_factory_occupancy"),
    ("“1+3”主导产业贷款余额", "leading_industry_loan_balance"),
    ("新增省上市后备企业", "listing_reserve_enterprises"),
    # （二）投资消费
    ("省市重点项目", "key_projects"),
    ("省市重点项目完成投资", "key_project_investment"),
    ("产业投资", "key_project_industry_investment"),
    ("新储备项目", "new_reserve_projects"),
    ("新储备项目总投资", "new_reserve_projects_investment"),
    ("10亿元以上产业项目", "industry_projects_1bn_reserve"),
    ("中省预算内、债券资金等", "central_provincial_funds"),
    ("民间投资", "private_investment"),
    ("省市级消费新场景", "consumption_scenes"),
    ("现代服务业项目", "modern_service_projects"),
    ("新增限上规上企业", "new_above_quota_enterprises"),
    ("接待游客人次", "tourist_arrivals"),
    ("旅游综合收入", "tourism_revenue"),
    ("“保交楼”任务", "guaranteed_housing_delivery"),
    # （三）城乡
    ("城市片区详规编制", "urban_area_detailed_plans"),
    ("村庄规划编制", "village_plans"),
    ("改造老旧小区", "old_residential_renovation"),
    ("加装电梯", "elevator_installation"),
    ("改造燃气管道", "gas_pipeline_renovation"),
    ("供水管道", "water_supply_pipeline_renovation"),
    ("排水管道", "drainage_pipeline_renovation"),
    ("打通断头路", "dead_end_roads"),
    ("改造提升城市道路", "urban_road_upgrade"),
    ("城乡连结道路", "urban_rural_link_roads"),
    ("新建公共消防设施", "public_fire_facilities"),
    ("升级改造公交停靠站", "bus_stops_upgrade"),
    ("新（改）建高标准农田", "high_standard_farmland"),
    ("粮食总产量", "grain_output"),
    ("出栏生猪", "hogs_slaughtered"),
    ("标准化种植商品蔬菜", "vegetables_standard_planting"),
    ("巴山肉牛饲养量", "beef_cattle_stock"),
    ("南江黄羊饲养量", "goat_stock"),
    ("改造低产低效茶园", "tea_garden_renovation"),
    ("创建（晋级）省市星级现代农业园区", "star_agri_parks"),
    ("国家级产业强镇", "agri_industry_towns"),
    ("脱贫人口人均纯收入", "poverty_alleviated_income"),
    ("全省农民人均可支配收入", "rural_per_capita_disposable_income"),
    ("省级百强中心镇", "central_towns"),
    ("新（改）建农村公路", "rural_roads"),
    ("乡镇第二生命救援通道", "rescue_routes"),
    ("宜居宜业和美乡村", "livable_villages"),
    ("常住人口城镇化率", "urbanization_rate"),
    # （四）改革开放创新
    ("市属国企资产总额", "soe_total_assets"),
    ("市属国企营业收入", "soe_revenue"),
    ("集采药械", "centralized_procurement_varieties"),
    ("进出口总额", "exports_imports"),
    ("实际利用外资", "actual_foreign_investment"),
    ("引进投资超10亿元重大产业项目", "major_industry_projects_introduced"),
    ("省外引进产业项目新增实际投资", "out_of_province_industry_investment"),
    ("全社会研发投入增速", "rd_expenditure"),
    ("GDP增速", "gdp"),
    ("新增省级工程技术研究和企业技术中心", "engineering_and_enterprise_tech_centers"),
    ("引进转化科技成果", "tech_achievements_transferred"),
    ("新增国家高新技术企业", "high_tech_enterprises_new"),
    ("备案入库科技型中小企业", "tech_smes"),
    ("高新技术产业主营业务收入", "high_tech_industry_revenue"),
    ("省级科技助力乡村振兴先行村", "sci_tech_villages"),
    ("星创天地", "star_innovation_spaces"),
    ("村级科技驿站", "village_sci_stations"),
    ("园区主营业务收入", "agri_sci_park_revenue"),
    # （五）民生
    ("职业技能培训", "vocational_training"),
    ("城镇新增就业", "urban_new_jobs"),
    ("零就业家庭", "zero_employment_households"),
    ("撤并调整中小学及幼儿园", "school_consolidation"),
    ("新（改扩）建学校项目", "school_projects"),
    ("新增义务教育、公办学前教育学位", "new_school_places"),
    ("省市级示范幼儿园", "model_kindergartens"),
    ("义务教育优质发展共同体领航学校", "pilot_schools"),
    ("省级示范普通高中", "model_high_schools"),
    ("新建县域医疗卫生次中心", "county_medical_subcenters"),
    ("新（改扩）建体育公园", "sports_parks"),
    ("建成乡镇全民健身中心", "fitness_centers"),
    ("基本养老保险参保率", "pension_insurance_coverage"),
    ("基本医疗保险参保率", "medical_insurance_coverage"),
    ("失业、工伤、生育保险法定人群全覆盖", "social_insurance_coverage"),
    ("筹集建设保障性住房", "affordable_housing"),
    ("改造棚户区（城市危旧房）", "shantytown_renovation"),
    ("农村危房", "rural_dilapidated_housing"),
    ("新增养老服务床位", "elderly_care_beds"),
    ("普惠性托位", "childcare_places"),
    # （六）底线
    ("综合治理水土流失", "soil_erosion_control"),
    ("中小河流治理项目", "river_management_projects"),
    ("完成营造林", "afforestation"),
    ("岸线生态廊道", "riverbank_eco_corridor"),
    ("道路生态廊道", "road_eco_corridor"),
    ("环境空气", "air_quality_good_days_ratio"),
    ("水环境质量", "surface_water_quality"),
    ("较大及以上安全事故", "major_safety_accidents"),
]

# Main indicators of the review (part 一), as worded there.
PART1_ACTUALS: list[tuple[str, str]] = [
    ("地区生产总值", "gdp"),
    ("地方一般公共预算收入", "general_public_budget_revenue"),
    ("规上工业增加值", "industrial_value_added_above_scale"),
    ("固定资产投资", "fixed_asset_investment"),
    ("社会消费品零售总额", "retail_sales"),
    ("税占比", "tax_revenue_share"),
    ("进出口总额", "exports_imports"),
    ("外商直接投资", "fdi"),
    ("新增市场主体", "new_market_entities"),
    ("实施产业项目", "industry_projects"),
    ("产业定位匹配度", "industry_positioning_match"),
    ("主导产业增加值占比", "leading_industries_value_added_share"),
    ("三大工业主导产业总产值占比", "leading_industries_output_share"),
    ("净增“四上企业”", "four_above_enterprises"),
    ("净增规上工业企业", "new_above_scale_industrial_enterprises"),
    ("一级建筑企业", "tier1_construction_enterprises"),
    ("企业合理合法诉求", "enterprise_demands_resolved"),
    ("民生诉求", "public_demands_resolved"),
    ("帮助农民工追回欠薪", "migrant_wage_arrears_recovered"),
    ("新增基础教育学位", "new_school_places"),
    ("普惠性托位", "childcare_places"),
    ("养老床位", "elderly_care_beds"),
    ("阳光驿站", "sunshine_stations"),
    ("12345热线群众满意率", "hotline_satisfaction"),
    ("减轻税费负担", "tax_fee_reduction"),
    ("兑现激励奖补", "incentive_subsidies_paid"),
    ("争取中省预算内投资和专项债券资金", "central_provincial_funds"),
    ("再融资债券资金", "refinancing_bonds"),
    ("特别国债总额", "special_treasury_bonds"),
    ("储备项目", "new_reserve_projects"),
    ("省市重点项目完成投资", "key_project_investment"),
    ("促进消费发展资金", "consumption_promotion_funds"),
    ("“巴中产巴中造”收寄业务总量", "local_products_parcels"),
    ("接待游客", "tourist_arrivals"),
    ("新建标准化厂房", "standard_factory_area"),
    ("引进10亿元以上工业项目", "industrial_projects_1bn_introduced"),
    ("电子信息产业营收", "electronics_revenue"),
    ("新增省级“专精特新”企业", "specialized_sme"),
    ("企业技术中心", "enterprise_tech_centers"),
    ("质量标杆企业", "quality_benchmark_enterprises"),
    ("净增限上规上企业", "new_above_quota_enterprises"),
    ("银行业金融机构贷款总额", "bank_loans_total"),
    ("建成高标准农田", "high_standard_farmland"),
    ("粮食产量", "grain_output"),
    ("新（改扩）建牛羊适度规模场", "cattle_sheep_farms"),
    ("新增枳壳", "fructus_aurantii_area"),
    ("省星级现代农（林）业园区", "star_agri_parks"),
    ("国家农业产业强镇", "agri_industry_towns"),
    ("国家农民合作社示范社", "model_cooperatives"),
    ("新建5G基站", "5g_base_stations"),
    ("镇村物流节点覆盖率", "logistics_node_coverage"),
    ("创文补短项目", "civilization_projects"),
    ("改造整治老旧小区", "old_residential_renovation"),
    ("背街小巷", "back_alleys"),
    ("供排水和燃气管道", "pipeline_renovation_total"),
    ("地下管廊", "utility_tunnels"),
    ("加装既有住宅电梯", "elevator_installation"),
    ("新建微景观和口袋公园", "pocket_parks"),
    ("市属国企营收", "soe_revenue"),
    ("“天府信用通”绿色融资", "green_financing"),
    ("招商引资签约超10亿元项目", "signed_projects_1bn"),
    ("到位国内市外资金", "domestic_external_funds"),
    ("全社会研发经费投入", "rd_expenditure"),
    ("国家高新技术企业总量", "high_tech_enterprises_total"),
    ("备案国家科技型中小企业", "tech_smes"),
    ("认定登记技术合同", "technology_contracts"),
    ("发明专利授权量", "invention_patents_granted"),
    ("民生投入占财政总支出", "livelihood_spending_share"),
    ("新（改扩）建学校", "school_projects"),
    ("市级医疗专业质控中心", "medical_qc_centers"),
    ("尘肺病康复站", "pneumoconiosis_rehab_stations"),
    ("城镇居民低保标准", "urban_minimum_living_standard"),
    ("农村居民低保标准", "rural_minimum_living_standard"),
    ("发放救助救济资金", "relief_funds"),
    ("环境空气质量优良率", "air_quality_good_days_ratio"),
    ("安全生产事故起数", "safety_accidents"),
    ("安全生产事故死亡人数", "safety_accident_deaths"),
    ("安全生产事故直接经济损失", "safety_accident_losses"),
    ("“保交楼”交付率", "guaranteed_housing_delivery_rate"),
    ("治安案件", "public_order_cases"),
    ("刑事案件", "criminal_cases"),
    ("建议提案法定时限办复率", "proposal_handling_rate"),
    ("三公经费支出", "three_public_expenses"),
]

STANDARD: list[tuple[str, str]] = [
    ("城镇调查失业率", "unemployment_rate"),
    ("粮食产量", "grain_output"),
    ("单位GDP能耗", "energy_intensity"),
    ("单位地区生产总值能耗降低", "energy_intensity"),
    ("实际使用外资", "actual_foreign_investment"),
    ("R&D投入强度", "rd_intensity"),
    ("城镇化率", "urbanization_rate"),
    ("居民人均可支配收入", "per_capita_disposable_income"),
    ("一般公共预算支出", "general_public_budget_expenditure"),
    ("森林覆盖率", "forest_coverage"),
    ("常住人口", "permanent_population"),
    ("PM2.5平均浓度", "pm25_concentration"),
    ("单位GDP二氧化碳排放", "carbon_intensity"),
    ("国内生产总值", "gdp"),
    # wordings the extractor gives for national / provincial / county reports
    ("城镇新增就业", "urban_new_jobs"),
    ("新增城镇就业", "urban_new_jobs"),
    ("城镇登记失业率", "unemployment_rate"),
    ("单位国内生产总值能耗", "energy_intensity"),
    ("居民收入", "per_capita_disposable_income"),
    ("国际收支", "balance_of_payments"),
    ("生态环境质量", "eco_env_quality"),
    ("赤字率拟按", "deficit_ratio"),
    ("赤字规模", "deficit_size"),
    ("拟安排地方政府专项债券", "special_bonds"),
    ("拟发行超长期特别国债", "special_treasury_bonds"),
    ("中央预算内投资拟安排", "central_budget_investment"),
    ("外贸进出口总额", "exports_imports"),
    ("研发经费投入强度", "rd_intensity"),
    ("空气质量优良天数比例", "air_quality_good_days_ratio"),
    ("新建改建农村公路", "rural_roads"),
    ("建成5G基站", "5g_base_stations"),
    ("造林", "afforestation"),
]

# Indicator wordings of the bundled departmental spreadsheets (data/spreadsheets/巴中市).
SHEET_WORDINGS: list[tuple[str, str]] = [
    ("完成“保交楼”任务", "guaranteed_housing_delivery"),
    ("巴山肉牛饲养量增长", "beef_cattle_stock"),
    ("新引进三大主导产业投资超5亿元项目", "large_industrial_projects_introduced"),
    ("新增规上工业企业", "new_above_scale_industrial_enterprises"),
    ("改造农村危房", "rural_dilapidated_housing"),
    ("新增普惠性托位", "childcare_places"),
    ("规模以上工业增加值", "industrial_value_added_above_scale"),
    ("培育宜居宜业和美乡村", "livable_villages"),
]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Catalog.load(REPO / "data" / "reference" / "indicators.csv"))


def _seed_parts() -> tuple[str, str]:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("二、2024年重点工作")
    end = text.index("三、加强政府自身建设")
    return text[:start], text[start:end]


@pytest.mark.parametrize(("wording", "expected"), PART2_TARGETS)
def test_part2_target_resolves(resolver: Resolver, wording: str, expected: str) -> None:
    res = resolver.resolve(wording)
    assert not res.provisional, res
    assert res.indicator_id == expected


@pytest.mark.parametrize(("wording", "expected"), PART1_ACTUALS)
def test_part1_actual_resolves(resolver: Resolver, wording: str, expected: str) -> None:
    res = resolver.resolve(wording)
    assert not res.provisional, res
    assert res.indicator_id == expected


@pytest.mark.parametrize(("wording", "expected"), STANDARD + SHEET_WORDINGS)
def test_standard_indicator_resolves(resolver: Resolver, wording: str, expected: str) -> None:
    assert resolver.resolve(wording).indicator_id == expected


@pytest.mark.skipif(not SEED.exists(), reason="seed report not bundled")
def test_fixture_wordings_are_copied_from_the_seed() -> None:
    """Guards the fixture lists against drifting away from the report: the wordings
    (after dropping the extractor's expansions) occur verbatim in their part."""
    part1, part2 = _seed_parts()
    expansions = {
        "第一产业增加值", "第二产业增加值", "第三产业增加值", "城镇居民低保标准",
        "农村居民低保标准", "市属国企营业收入", "GDP增速", "全社会研发投入增速",
        "省市重点项目完成投资", "新储备项目总投资", "“保交楼”任务", "“保交楼”交付率",
        "安全生产事故起数", "安全生产事故死亡人数", "安全生产事故直接经济损失",
        "建议提案法定时限办复率", "三公经费支出", "国家高新技术企业总量",
        "水环境质量", "农村危房", "集采药械", "全省农民人均可支配收入", "工业投资",
        "巴山肉牛饲养量", "基本养老保险参保率", "市属国企营收", "民生投入占财政总支出",
        "治安案件",
    }  # fmt: skip
    for wording, _ in PART2_TARGETS:
        if wording not in expansions:
            assert wording in part2, wording
    for wording, _ in PART1_ACTUALS:
        if wording not in expansions:
            assert wording in part1, wording


def test_catalog_coverage_figure(resolver: Resolver) -> None:
    resolved = [w for w, _ in PART2_TARGETS if not resolver.resolve(w).provisional]
    assert len(resolved) == len(PART2_TARGETS) >= 110
