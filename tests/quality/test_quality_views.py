"""mart.v_scorecard and mart.v_department_progress on the tiny warehouse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb


def _rows(path: Path, sql: str) -> list[dict]:
    with duckdb.connect(str(path), read_only=True) as con:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def test_scorecard_has_one_row_per_target_with_its_latest_status(tiny_warehouse: Path) -> None:
    rows = {r["target_id"]: r for r in _rows(tiny_warehouse, "SELECT * FROM mart.v_scorecard")}
    assert set(rows) == {"t_gdp", "t_retail", "t_jobs", "t_urban", "t_qual"}
    assert {k: r["status"] for k, r in rows.items()} == {
        "t_gdp": "on_track",
        "t_retail": "behind",
        "t_jobs": "on_track",
        "t_urban": "no_data",
        "t_qual": "not_comparable",
    }
    jobs = rows["t_jobs"]
    # latest period end wins (June, not March); of the two June rows the cumulative
    # Jan-Jun value wins over June alone (not comparable for a flow)
    assert jobs["actual_id"] == "r_jobs_h1"
    assert jobs["period_start"] == dt.date(2024, 1, 1)
    assert jobs["period_end"] == dt.date(2024, 6, 30)
    assert (jobs["actual_value"], jobs["actual_unit"], jobs["actual_value_base"]) == (
        1.6, "万人", 16000.0
    )  # fmt: skip
    assert (jobs["target_value"], jobs["target_unit"], jobs["target_value_base"]) == (
        2.8, "万人", 28000.0
    )  # fmt: skip
    assert jobs["indicator_name_zh"] == "城镇新增就业"
    assert jobs["indicator_name_en"] == "New urban jobs"
    assert jobs["quote"] == "城镇新增就业2.8万人以上"
    assert jobs["actual_department"] == "市人力资源和社会保障局"
    assert jobs["target_year"] == 2024 and jobs["region"] == "巴中市"
    urban = rows["t_urban"]  # no actual at all: kept, with no_data
    assert urban["actual_id"] is None and urban["period_end"] is None
    assert urban["indicator_name_en"] == "Urbanization rate"


def test_department_progress_counts_targets_by_status(tiny_warehouse: Path) -> None:
    rows = {
        r["department_id"]: r
        for r in _rows(tiny_warehouse, "SELECT * FROM mart.v_department_progress")
    }
    assert set(rows) == {"city_stats", "city_hrss", "city_finance"}
    stats, hrss, finance = rows["city_stats"], rows["city_hrss"], rows["city_finance"]
    assert (stats["values_reported"], stats["targets_reported"]) == (2, 2)
    assert (stats["on_track"], stats["behind"], stats["met"], stats["missed"]) == (1, 1, 0, 0)
    assert stats["latest_period_end"] == dt.date(2024, 6, 30)
    assert stats["name_zh"] == "市统计局"
    assert (hrss["values_reported"], hrss["targets_reported"], hrss["on_track"]) == (3, 1, 1)
    assert finance["values_reported"] == 0 and finance["targets_reported"] == 0
    assert finance["latest_period_end"] is None
    statuses = ("met", "on_track", "behind", "missed", "no_data", "not_comparable")
    for r in rows.values():
        assert sum(r[s] for s in statuses) == r["targets_reported"]
