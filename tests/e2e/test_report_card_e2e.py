"""The report card: targets of the report for year N meet the actuals stated in the review
of the report for year N+1 (issue 5), through extraction, resolution and the SQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_e2e import query, run_refresh

pytestmark = pytest.mark.e2e

REPORT_2023 = """各位代表：
一、2022年工作回顾
过去一年，地区生产总值增长4.5%，城镇新增就业2.1万人。
二、2023年重点工作
全市经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，城镇新增就业2.5万人以上，居民消费价格涨幅3%左右。
"""

REPORT_2024 = """各位代表：
一、2023年工作回顾
过去一年，地区生产总值增长6.2%，城镇新增就业2.4万人，居民消费价格上涨0.4%。
二、2024年重点工作
全市经济社会发展的主要预期目标是：地区生产总值增长6%，城镇新增就业2.8万人以上。
"""


def test_next_years_review_judges_last_years_targets(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    (data / "spreadsheets").mkdir()
    for name, text in (("甲市-2023.txt", REPORT_2023), ("甲市-2024.txt", REPORT_2024)):
        (data / "reports" / name).write_text(text, encoding="utf-8")
        (data / "reports" / name).with_suffix(".yaml").write_text("region: 甲市\n")
    wh = tmp_path / "wh" / "gwr.duckdb"
    result = run_refresh(data, wh, tmp_path / "cache")
    assert result.success
    rows = query(
        wh,
        "SELECT t.indicator_id, t.value, v.actual_value, v.status, v.period_end "
        "FROM mart.fct_variance v JOIN mart.fct_target t USING (target_id) "
        "WHERE t.target_year = 2023 ORDER BY t.char_start",
    )
    by_indicator = {r[0]: r[1:] for r in rows}
    # 6.5%左右 against 6.2%: within the 0.5-point tolerance -> met, at year end
    assert by_indicator["gdp"][2] == "met"
    assert str(by_indicator["gdp"][3]) == "2023-12-31"
    # 2.5万人以上 against 2.4万人 -> missed (a flow judged at year end)
    jobs = next(v for k, v in by_indicator.items() if "job" in k)
    assert (jobs[1], jobs[2]) == (24000.0, "missed")
    # the 2024 targets have no actual yet
    ((no_data,),) = query(
        wh,
        "SELECT count(*) FROM mart.fct_variance v JOIN mart.fct_target t USING (target_id) "
        "WHERE t.target_year = 2024 AND v.status = 'no_data'",
    )
    assert no_data == 2
