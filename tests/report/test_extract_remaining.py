"""Remaining general causes of errors on the gold fixture (synthetic sentences).

Each block is one cause, with sentences made up for the test (not copied from a
fixture): number-less items of a targets list, titles that only name the
targets, 预计全年 in a reprint, 从A增长到B with a stated base year, 提高到 a share.
"""

from __future__ import annotations

from report_helpers import rows


def quals(text: str, **kw: object) -> dict[str, str]:
    return {s.indicator: s.comparator for s in rows(text, **kw) if s.measure == "qualitative"}


# --- (a) number-less items of a targets list --------------------------------


def test_effort_target_lead_opens_a_list() -> None:
    text = (
        "二、2025年工作安排\n"
        "建议全区发展的努力目标为：地区生产总值增长6%；进口额占全省份额保持稳定；"
        "农村居民人均可支配收入与经济增长同步；减排完成上级下达目标任务。\n"
    )
    q = quals(text)
    assert {"进口额占全省份额", "农村居民人均可支配收入", "减排"} <= set(q)


def test_verb_first_task_item_after_the_list() -> None:
    text = (
        "二、2025年工作安排\n"
        "主要预期目标是：地区生产总值增长6%，固定资产投资增长8%。"
        "完成用水总量控制和污染物削减任务。\n"
    )
    assert quals(text).get("用水总量控制和污染物削减") == "="


def test_items_of_a_numeric_target_sentence_without_lead() -> None:
    # no 主要预期目标 lead: a sentence (；-run) that lists numeric targets
    text = (
        "新华社消息，2024年工作回顾略。今年要统筹发展和安全，努力实现年度目标任务；"
        "城镇新增就业50万人以上，城镇调查失业率5.5%左右；物价涨幅3%左右；"
        "外贸促稳提质，财政收支基本平衡；重大风险有效防控；努力完成规划目标任务。\n"
    )
    q = quals(text, year=2025)
    assert {"外贸", "财政收支", "重大风险"} <= set(q)
    assert not any(k.startswith(("努力", "今年")) for k in q)


def test_trailing_constraint_item_of_a_numeric_sentence() -> None:
    text = (
        "某县召开人代会。\n二、2024年工作安排\n力争实现地区生产总值增长8%以上，"
        "一般公共预算收入增长9%以上，主要约束性指标控制在上级规定范围以内。\n"
    )
    assert quals(text).get("主要约束性指标") == "<="


def test_no_qualitative_rows_after_a_single_number() -> None:
    text = "二、2025年工作安排\n力争地区生产总值增长6%，推动经济持续健康发展。\n"
    assert quals(text) == {}


# --- (b) an outline title naming the targets is no list ---------------------


def test_outline_title_with_main_targets_is_no_item() -> None:
    text = (
        "报告共分三个部分：一、2024年工作回顾；二、今年主要目标和下一阶段工作总体部署；"
        "三、加强政府自身建设。\n"
        "今年主要预期目标是：地区生产总值增长5%左右。\n"
    )
    assert not [s for s in rows(text, year=2025) if s.measure == "qualitative"]


# --- (d) 预计全年 in a reprint is the closing estimate of the past year -----


def test_full_year_estimate_is_an_actual_of_the_past_year() -> None:
    text = (
        "好消息\n"
        "2025年，某区将启动老城改造\n"
        "打造成片改造样板\n"
        "今天上午\n"
        "区人民代表大会开幕\n"
        "区长作政府工作报告\n"
        "多项利好陆续兑现\n"
        "预计全年地区生产总值增长6.5%左右\n"
        "一般公共预算收入35亿元\n"
        "成绩单\n"
        "全面完成老旧小区改造任务，启动城市更新行动，打造宜居宜业宜游的现代化城区。\n"
        "持续推进背街小巷整治提升，完善社区养老托育等服务设施，让群众生活更舒心。\n"
        "深化放管服改革，优化营商环境，激发各类市场主体活力，推动经济高质量发展。\n"
    )
    got = {(s.indicator, s.kind, s.year) for s in rows(text, year=2025) if s.value is not None}
    assert ("地区生产总值", "actual", 2024) in got
    assert ("一般公共预算收入", "actual", 2024) in got


# --- (e) 占…份额提高到N% is a share level, not a growth rate ------------------


def test_share_raised_to_is_a_ratio_level() -> None:
    text = (
        "一、2024年工作回顾\n"
        "外贸出口812亿元，对全省出口增长贡献率达21.5%，占全国份额提高到1.2%，运行向好。\n"
    )
    got = [s for s in rows(text, year=2025) if s.value == 1.2]
    assert got and got[0].measure == "ratio_pct"


# --- (c) 从A增长到B in a five-year review: A is the level of the base year ------


def test_from_level_with_stated_base_year() -> None:
    text = (
        "一、2021年工作回顾\n"
        "综合实力稳步增强。地区生产总值从88.5亿元增长到160亿元，是2016年的1.8倍。\n"
    )
    got = {(s.value, s.kind, s.year) for s in rows(text, year=2022)}
    assert (88.5, "actual", 2016) in got and (160.0, "actual", 2021) in got


def test_from_level_in_a_five_year_review_paragraph() -> None:
    text = (
        "一、本届政府和2021年工作回顾\n"
        "这是动能加快转换的五年。规上企业从97家发展到150家，"
        "城镇居民人均可支配收入从28000元提高至41000元。\n"
    )
    got = {(s.value, s.kind, s.year) for s in rows(text, year=2022)}
    assert {(97.0, "actual", 2016), (28000.0, "actual", 2016)} <= got
    assert {(150.0, "actual", 2021), (41000.0, "actual", 2021)} <= got


def test_undated_from_level_of_a_one_year_review_is_no_row() -> None:
    text = "一、2021年工作回顾\n过去一年，规上企业从97家发展到150家。\n"
    assert [s.value for s in rows(text, year=2022)] == [150.0]


# --- speed rewrites keep the reference behaviour -----------------------------


def _iter_spans_reference(text: str, a: int, b: int, seps: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    s, depth = a, 0
    for i in range(a, b):
        c = text[i]
        if c in "“（(《":
            depth += 1
        elif c in "”）)》":
            depth = max(0, depth - 1)
        elif c in seps and depth == 0:
            spans.append((s, i + 1))
            s = i + 1
    if s < b:
        spans.append((s, b))
    return spans


def test_iter_spans_matches_the_reference() -> None:
    import random

    from gwr.report.spans import iter_spans as _iter_spans

    rng = random.Random(7)
    alphabet = "甲乙丙，。；：“”（）()《》12"
    for _ in range(2000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        a = rng.randint(0, len(t))
        b = rng.randint(a, len(t))
        for seps in ("。！？；", "，：", "，；。"):
            assert _iter_spans(t, a, b, seps) == _iter_spans_reference(t, a, b, seps)


def test_q_matches_equals_finditer() -> None:
    import random

    from gwr.report.mentions import QUANTITY_RE as _Q_RE
    from gwr.report.mentions import quantity_matches as _q_matches

    rng = random.Random(11)
    pieces = ["1", "2.5", "3,000", "万", "亿元", "%", "一", "二十", "百分之五", "个", "人", "a",
              ".", "，", "增长", "多", "以上", "-", "至", "第", "约"]  # fmt: skip
    for _ in range(3000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        a = rng.randint(0, len(t))
        b = rng.randint(a, len(t))
        want = [(m.span(), m.groups()) for m in _Q_RE.finditer(t, a, b)]
        assert [(m.span(), m.groups()) for m in _q_matches(t, a, b)] == want
