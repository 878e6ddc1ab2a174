"""Indicator naming: generic heads inherit their subject; region, time words and
connectives are dropped (synthetic sentences, see gwr/report/naming.py)."""

from __future__ import annotations

import pytest

from gwr.report import extract_report
from gwr.report.naming import (
    clean_indicator,
    cut_predicate,
    inherit_subject,
    region_names,
    reorder_count_noun,
    subject_noun,
)


def _inds(text: str, region: str | None = None) -> list[tuple[str, float | None, str | None]]:
    rep = extract_report(text, year=2024, region=region)
    return [(s.indicator, s.value, s.unit) for s in rep.statements]


def _ind_of(text: str, value: float, region: str | None = None) -> str:
    hits = [i for i, v, _ in _inds(text, region) if v == value]
    assert hits, _inds(text, region)
    return hits[0]


@pytest.mark.parametrize(
    ("text", "value", "indicator"),
    [
        ("过去一年，实施产业项目334个、总投资750亿元。", 750, "产业项目总投资"),
        ("过去一年，储备项目1961个、投资总额2486亿元。", 2486, "储备项目投资总额"),
        ("过去一年，新储备项目700个、总投资1500亿元。", 1500, "储备项目总投资"),
        ("今年，抓实181个省市重点项目建设，完成投资410亿元以上。", 410, "省市重点项目完成投资"),
        ("过去一年，实施省重点项目5个，完成投资24.06亿元。", 24.06, "省重点项目完成投资"),
        ("过去一年，新增国家高新技术企业32户、总量达到96户。", 96, "国家高新技术企业总量"),
        ("过去一年，新增市场主体2.1万户、增长15.2%，总数突破16万户。", 16, "市场主体总数"),
        ("过去一年，市属国企实体化市场化转型开始起步、营收增长38.5%。", 38.5, "市属国企营收"),
        ("过去一年，民生投入只增不减，占财政总支出71%。", 71, "民生投入占财政总支出比重"),
        ("今年，市属国企资产总额、营业收入分别增长6%、8%以上。", 8, "市属国企营业收入"),
        ("过去一年，省级集群实现营收3040亿元。", 3040, "省级集群营收"),
    ],
)
def test_generic_head_takes_the_subject(text: str, value: float, indicator: str) -> None:
    assert _ind_of(text, value) == indicator


def test_first_item_keeps_its_own_name() -> None:
    got = _inds("过去一年，实施产业项目334个、总投资750亿元。")
    assert got[0][0] == "实施产业项目" and got[0][1] == 334


def test_generic_head_without_a_list_subject_stays() -> None:
    # nothing counted before it: no subject to inherit
    assert _ind_of("过去一年，对口帮扶高效推进，到位资金2.2亿元。", 2.2) == "到位资金"


def test_rate_before_a_bare_investment_is_not_its_subject() -> None:
    # a growth of GDP is no list of things: 投资 does not become 地区生产总值投资
    got = _ind_of("过去一年，地区生产总值增长6%，投资增长10%。", 10)
    assert got == "投资"


@pytest.mark.parametrize(
    ("text", "region", "value", "indicator"),
    [
        ("2023年，广东地区生产总值达到13.57万亿元。", "广东省", 13.57, "地区生产总值"),
        ("2023年，浙江省地区生产总值达到8万亿元。", "浙江省", 8, "地区生产总值"),
        ("2023年，我国国内生产总值达到114万亿元。", "全国", 114, "国内生产总值"),
        ("2023年，年末城镇调查失业率降到5.2%。", None, 5.2, "城镇调查失业率"),
        ("今年，城镇调查失业率全年控制在5.5%以内。", None, 5.5, "城镇调查失业率"),
        ("2023年，连续6年粮食总产稳定在1300亿斤以上。", None, 1300, "粮食总产"),
        ("今年，经济增长6%左右。", None, 6, "经济增长"),
        ("今年，经济增长目标确定为5.5%。", None, 5.5, "经济增长目标"),
        ("政府工作报告丨2024年四川地区生产总值预期增长6%左右。", "四川省", 6, "地区生产总值"),
    ],
)
def test_region_time_and_connectives_dropped(
    text: str, region: str | None, value: float, indicator: str
) -> None:
    assert _ind_of(text, value, region) == indicator


def test_other_region_is_kept() -> None:
    # 广州 is not the report's own region (广东省): it names a different figure
    assert _ind_of("2023年，广州经济总量突破3万亿元。", 3, "广东省") == "广州经济总量"


def test_count_noun_after_its_predicate() -> None:
    assert _ind_of("过去一年，圆通智创园等10个项目建成投运。", 10) == "建成投运项目"
    assert _ind_of("过去一年，6位科学家当选院士。", 6) == "当选院士科学家"


def test_lead_clause_predicate_cut_and_period_series() -> None:
    got = _inds("2023年，GDP增速逐季攀升，上半年3.2%、前三季度4.4%、全年5%左右。")
    assert [i for i, _, _ in got] == ["GDP增速(上半年)", "GDP增速(前三季度)", "GDP增速(全年)"]


def test_no_period_qualifier_with_an_own_subject() -> None:
    assert _ind_of("2023年，上半年地区生产总值增长3.2%。", 3.2) == "地区生产总值"


# --- helpers


def test_subject_noun() -> None:
    assert subject_noun("实施产业项目") == "产业项目"
    assert subject_noun("抓实省市重点项目建设") == "省市重点项目"
    assert subject_noun("新储备项目") == "储备项目"
    assert subject_noun("市属国企实体化市场化转型开始起步") == "市属国企"
    assert subject_noun("A、B等现代服务业项目") == "现代服务业项目"
    assert subject_noun("产业项目") == "产业项目"


def test_cut_predicate() -> None:
    assert cut_predicate("GDP增速逐季攀升") == "GDP增速"
    assert cut_predicate("民生投入只增不减") == "民生投入"
    assert cut_predicate("地区生产总值") == "地区生产总值"
    assert cut_predicate("新增就业") == "新增就业"


def test_inherit_subject() -> None:
    assert inherit_subject("总投资", "实施产业项目") == "产业项目总投资"
    assert inherit_subject("营业收入", "市属国企资产总额") == "市属国企营业收入"
    assert inherit_subject("占年度计划", "重点项目完成投资") == "重点项目占年度计划比重"
    assert inherit_subject("总投资", "总投资") == "总投资"


def test_clean_indicator() -> None:
    regions = region_names("山东省菏泽市巨野县")
    assert regions == ("巨野县", "巨野")
    assert clean_indicator("巨野县固定资产投资", regions) == "固定资产投资"
    assert clean_indicator("菏泽市固定资产投资", regions) == "菏泽市固定资产投资"
    assert clean_indicator("全年", regions) == "全年"  # never emptied
    assert clean_indicator("中省预算内、债券资金等") == "中省预算内、债券资金"
    assert clean_indicator("我国国内生产总值", region_names("全国")) == "国内生产总值"


def test_reorder_count_noun() -> None:
    assert reorder_count_noun("项目一年内投产达效") == "一年内投产达效项目"
    assert reorder_count_noun("文化馆入列国家一级馆") == "入列国家一级馆文化馆"
    assert reorder_count_noun("重点项目") == "重点项目"


def test_push_verb_and_construction_dropped_from_a_project_count() -> None:
    rep = extract_report("今年，加快A中心、B物流园等28个现代服务业项目建设。", year=2024)
    (s,) = rep.statements
    assert s.indicator == "现代服务业项目" and s.value == 28
    assert s.quote.endswith("项目建设")  # the quote keeps the whole phrase
    assert _ind_of("今年，抓实181个省市重点项目建设，完成投资410亿元以上。", 181) == "省市重点项目"


def test_action_verb_that_defines_the_count_is_kept() -> None:
    assert _ind_of("今年，培育省级以上绿色工厂100个。", 100) == "培育省级以上绿色工厂"
