"""The variance rules of README "How variance is judged", each at its boundary.

A tiny warehouse is built from hand-made raw frames with the real SQL in sql/, so these
tests pin the SQL itself, independently of extraction and sheet reading.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from helpers_frames import warehouse_frames

from gwr.build import build_warehouse
from gwr.ingest import RECORD_COLUMNS, STATEMENT_COLUMNS
from gwr.warehouse import read_only

DOC = "0" * 64
_ids = itertools.count(1)

CATALOG = pd.DataFrame(
    [
        # indicator_id, name_zh, name_en, measure, unit, unit_base, accumulation, hib
        ("gdp", "地区生产总值", "GDP", "growth_pct", "%", "%", "rate", True),
        ("cpi", "居民消费价格", "CPI", "growth_pct", "%", "%", "rate", False),
        ("jobs", "城镇新增就业", "New urban jobs", "count", "万人", "人", "flow", True),
        ("grain", "粮食总产量", "Grain output", "amount", "万吨", "吨", "stock", True),
    ],
    columns=[
        "indicator_id", "name_zh", "name_en", "measure", "unit", "unit_base",
        "accumulation", "higher_is_better",
    ],
).assign(aliases=None, departments=None)  # fmt: skip

UNIT_BASE = {"%": ("%", 1.0), "万人": ("人", 1e4), "人": ("人", 1.0), "万吨": ("吨", 1e4)}


def _id() -> str:
    return f"{next(_ids):016x}"


def target(indicator: str, value: float | None, unit: str = "%", *, measure: str = "growth_pct",
           comparator: str = "=", year: int = 2024) -> dict[str, Any]:  # fmt: skip
    base_unit, factor = UNIT_BASE.get(unit, (unit, 1.0))
    return {
        "statement_id": _id(), "document_id": DOC, "path": "reports/r.txt", "region": "甲市",
        "region_code": None, "report_year": year, "kind": "target", "year": year,
        "indicator_text": indicator, "indicator_id": indicator, "measure": measure,
        "comparator": comparator, "value": value, "value_max": None, "unit": unit,
        "value_base": None if value is None else value * factor, "unit_base": base_unit,
        "section": "二", "quote": "q", "char_start": 0, "char_end": 1, "benchmark": None,
        "period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "aggregation": "annual",
    }  # fmt: skip


def report_actual(indicator: str, value: float, unit: str = "%", *, year: int,
                  measure: str = "growth_pct") -> dict[str, Any]:  # fmt: skip
    row = target(indicator, value, unit, measure=measure, year=year + 1)
    return {
        **row, "kind": "actual", "year": year,
        "period_start": f"{year}-01-01", "period_end": f"{year}-12-31",
    }  # fmt: skip


def record(indicator: str, value: float | None, end: str, unit: str = "%", *,
           measure: str = "growth_pct", start: str | None = None,
           department: str = "市统计局") -> dict[str, Any]:  # fmt: skip
    base_unit, factor = UNIT_BASE.get(unit, (unit, 1.0))
    return {
        "record_id": _id(), "document_id": DOC, "path": "spreadsheets/s.xlsx", "region": "甲市",
        "department": department, "department_id": department,
        "period_start": start or end[:4] + "-01-01", "period_end": end,
        "indicator_text": indicator, "indicator_id": indicator,
        "measure": measure, "value": value, "unit": unit,
        "value_base": None if value is None else value * factor, "unit_base": base_unit,
        "annual_target": None, "sheet": "s", "row": 2,
    }  # fmt: skip


def build(tmp_path: Path, targets: list[dict[str, Any]], actuals: list[dict[str, Any]] = (),
          records: list[dict[str, Any]] = (),
          benchmarks: pd.DataFrame | None = None) -> list[dict[str, Any]]:  # fmt: skip
    statements = pd.DataFrame([*targets, *actuals], columns=[*STATEMENT_COLUMNS, "indicator_id"])
    recs = pd.DataFrame(list(records), columns=[*RECORD_COLUMNS, "indicator_id", "department_id"])
    recs = recs.astype({"value": "float64", "value_base": "float64", "annual_target": "float64"})
    departments = pd.DataFrame(
        [("市统计局", "市统计局", "Stats", "stats", 1), ("市发改委", "市发改委", "DRC", "drc", 3)],
        columns=["department_id", "name_zh", "name_en", "function_id", "precedence"],
    )
    path = tmp_path / "wh" / "gwr.duckdb"
    build_warehouse(
        path,
        warehouse_frames(
            documents=pd.DataFrame(
                [(DOC, "reports/r.txt", "report", 1, "2024-01-01T00:00:00")],
                columns=["document_id", "path", "kind", "bytes", "loaded_at"],
            ),
            statements=statements,
            records=recs,
            catalog=CATALOG,
            departments=departments,
            benchmarks=benchmarks,
        ),
        quality=False,
        tests=False,  # these tests pin the variance SQL; the dbt tests run elsewhere
    )
    with read_only(path) as con:
        # fct_variance chooses actuals and pairs them with aggregates, not the windows of
        # the intermediate views that state the same rules (macros/variance.sql): agree
        pairs = "SELECT target_id, actual_id FROM intermediate.int_target_actual_pairs"
        chosen = "SELECT target_id, actual_id FROM mart.fct_variance WHERE actual_id IS NOT NULL"
        assert con.execute(f"({pairs} EXCEPT ALL {chosen}) UNION ALL "
                           f"({chosen} EXCEPT ALL {pairs})").fetchall() == []  # fmt: skip
        disagree = con.execute(
            "SELECT v.actual_id FROM mart.fct_variance AS v "
            "JOIN intermediate.int_ranked_actuals AS r ON r.actual_id = v.actual_id "
            "WHERE r.pick <> 1 OR v.has_conflicting_actuals <> (r.distinct_values > 1)"
        ).fetchall()
        assert disagree == []
        return (
            con.execute(
                "SELECT * FROM mart.fct_variance ORDER BY target_id, period_end NULLS FIRST"
            )
            .df()
            .to_dict("records")
        )


def status_of(tmp_path: Path, t: dict[str, Any], *recs: dict[str, Any]) -> list[str]:
    return [r["status"] for r in build(tmp_path, [t], records=list(recs))]


@pytest.mark.parametrize(
    ("actual", "end", "expected"),
    [
        (6.0, "2024-06-30", "on_track"),   # exactly the target: on track
        (5.99, "2024-06-30", "behind"),
        (6.0, "2024-12-31", "met"),
        (5.99, "2024-12-31", "missed"),
    ],
)  # fmt: skip
def test_plain_growth_target_means_at_least(tmp_path: Path, actual: float, end: str,
                                            expected: str) -> None:  # fmt: skip
    assert status_of(tmp_path, target("gdp", 6.0), record("gdp", actual, end)) == [expected]


@pytest.mark.parametrize(("actual", "expected"), [(5.5, "met"), (5.49, "missed"), (9.0, "met")])
def test_about_target_has_half_point_tolerance(tmp_path: Path, actual: float,
                                               expected: str) -> None:  # fmt: skip
    t = target("gdp", 6.0, comparator="~")
    assert status_of(tmp_path, t, record("gdp", actual, "2024-12-31")) == [expected]


@pytest.mark.parametrize(("actual", "expected"), [(3.5, "met"), (3.51, "missed"), (0.2, "met")])
def test_ceiling_when_lower_is_better(tmp_path: Path, actual: float, expected: str) -> None:
    t = target("cpi", 3.0, comparator="~")  # 居民消费价格涨幅3%左右
    assert status_of(tmp_path, t, record("cpi", actual, "2024-12-31")) == [expected]


def test_explicit_ceiling_comparator(tmp_path: Path) -> None:
    t = target("gdp", 6.0, comparator="<=")
    assert status_of(tmp_path, t, record("gdp", 6.0, "2024-06-30")) == ["on_track"]
    assert status_of(tmp_path, t, record("gdp", 6.01, "2024-06-30")) == ["behind"]


@pytest.mark.parametrize(
    ("done", "end", "expected"),
    [
        (1.4, "2024-06-30", "on_track"),  # 14000/28000 = 0.5 >= 182/366 = 0.497
        (1.39, "2024-06-30", "behind"),   # 0.4964 < 0.4973
        (2.8, "2024-12-31", "met"),
        (2.79, "2024-12-31", "missed"),
    ],
)  # fmt: skip
def test_flow_target_against_elapsed_share_of_year(tmp_path: Path, done: float, end: str,
                                                   expected: str) -> None:  # fmt: skip
    t = target("jobs", 2.8, "万人", measure="count", comparator=">=")
    rows = build(tmp_path, [t], records=[record("jobs", done, end, "万人", measure="count")])
    assert [r["status"] for r in rows] == [expected]
    days = 182 if end.endswith("06-30") else 366
    assert rows[0]["expected_progress"] == pytest.approx(days / 366)
    assert rows[0]["gap"] == pytest.approx((done - 2.8) * 1e4)
    assert rows[0]["attainment_ratio"] == pytest.approx(done / 2.8)


def test_flow_actual_not_cumulative_is_not_comparable(tmp_path: Path) -> None:
    t = target("jobs", 2.8, "万人", measure="count")
    q2 = record("jobs", 1.0, "2024-06-30", "万人", measure="count", start="2024-04-01")
    assert status_of(tmp_path, t, q2) == ["not_comparable"]


def test_stock_is_judged_at_year_end_only(tmp_path: Path) -> None:
    t = target("grain", 195.0, "万吨", measure="amount", comparator=">=")
    sep = record("grain", 196.0, "2024-09-30", "万吨", measure="amount")
    dec = record("grain", 194.0, "2024-12-31", "万吨", measure="amount")
    assert status_of(tmp_path, t, sep, dec) == ["not_comparable", "missed"]


def test_no_actual_gives_one_no_data_row(tmp_path: Path) -> None:
    rows = build(tmp_path, [target("gdp", 6.0)])
    assert [(r["status"], r["actual_id"]) for r in rows] == [("no_data", None)]


def test_not_yet_available_is_no_data_not_zero(tmp_path: Path) -> None:
    assert status_of(tmp_path, target("gdp", 6.0), record("gdp", None, "2024-06-30")) == ["no_data"]


def test_qualitative_and_unit_mismatch_are_not_comparable(tmp_path: Path) -> None:
    q = target("gdp", None, None, measure="qualitative")  # type: ignore[arg-type]
    assert status_of(tmp_path, q, record("gdp", 6.1, "2024-06-30")) == ["not_comparable"]
    jobs = target("jobs", 2.8, "万人", measure="count")
    growth = record("jobs", 5.0, "2024-06-30", "%", measure="growth_pct")
    assert status_of(tmp_path, jobs, growth) == ["not_comparable"]


def test_statistics_bureau_wins_and_conflicts_are_flagged(tmp_path: Path) -> None:
    t = target("gdp", 6.0)
    drc = record("gdp", 5.0, "2024-06-30", department="市发改委")
    stats = record("gdp", 6.5, "2024-06-30", department="市统计局")
    rows = build(tmp_path, [t], records=[drc, stats])
    assert [(r["actual_id"], r["status"]) for r in rows] == [(stats["record_id"], "on_track")]
    assert rows[0]["has_conflicting_actuals"]


def test_report_card_next_years_review_is_the_year_end_actual(tmp_path: Path) -> None:
    t2023 = target("gdp", 6.5, year=2023)
    review = report_actual("gdp", 6.0, year=2023)  # stated in the 2024 report's review
    rows = build(tmp_path, [t2023], actuals=[review])
    assert [(r["status"], str(r["period_end"])[:10]) for r in rows] == [("missed", "2023-12-31")]


def test_target_measure_decides_rate_versus_flow(tmp_path: Path) -> None:
    # 城镇新增就业 is a flow indicator, but a growth target on it is judged as a rate
    t = target("jobs", 5.0, "%", measure="growth_pct")
    rows = build(tmp_path, [t], records=[record("jobs", 5.0, "2024-06-30", "%")])
    assert [r["status"] for r in rows] == ["on_track"]
    assert pd.isna(rows[0]["expected_progress"])


def test_qualitative_target_is_judged_once_its_benchmark_is_loaded(tmp_path: Path) -> None:
    q = {**target("gdp", None, None, measure="qualitative", comparator=">="),  # type: ignore[arg-type]
         "benchmark": "全省平均水平"}  # fmt: skip
    actual = record("gdp", 6.1, "2024-12-31")
    assert status_of(tmp_path, q, actual) == ["not_comparable"]  # no benchmark value yet
    bench = pd.DataFrame(
        [("甲市", 2024, "gdp", "全省平均水平", "growth_pct", 6.0, "%", "省统计公报", 6.0, "%")],
        columns=["region", "year", "indicator_id", "benchmark", "measure", "value", "unit",
                 "source", "value_base", "unit_base"],
    )  # fmt: skip
    rows = build(tmp_path, [q], records=[actual], benchmarks=bench)
    assert [(r["status"], r["judged_against"], r["target_value"]) for r in rows] == [
        ("met", "benchmark", 6.0)
    ]
    below = record("gdp", 5.9, "2024-12-31")
    assert [r["status"] for r in build(tmp_path, [q], records=[below], benchmarks=bench)] == [
        "missed"
    ]


def _multi_year(row: dict[str, Any], start: str, end: str, aggregation: str) -> dict[str, Any]:
    return {**row, "period_start": start, "period_end": end, "aggregation": aggregation}


def test_a_multi_year_figure_never_meets_an_annual_target(tmp_path: Path) -> None:
    # national-2011: 年均增长11.2% (2006-2010) is no 2010 actual; 增长10.3% (2010) is
    t = target("gdp", 8.0, year=2010)
    average = _multi_year(
        report_actual("gdp", 11.2, year=2010), "2006-01-01", "2010-12-31", "average_annual"
    )
    annual = _multi_year(
        report_actual("gdp", 10.3, year=2010), "2010-01-01", "2010-12-31", "annual"
    )
    got = build(tmp_path, [t], [average, annual])
    assert [(r["actual_value"], r["status"]) for r in got] == [(10.3, "met")]
    assert [r["actual_id"] for r in got] == [annual["statement_id"]]


def test_a_multi_year_target_never_meets_an_annual_figure(tmp_path: Path) -> None:
    # “十二五”时期 年均增长7% (2011-2015) is no 2011 target
    t = _multi_year(target("gdp", 7.0, year=2011), "2011-01-01", "2015-12-31", "average_annual")
    annual = _multi_year(report_actual("gdp", 9.2, year=2011), "2011-01-01", "2011-12-31", "annual")
    got = build(tmp_path, [t], [annual])
    assert [r["actual_id"] for r in got] in ([], [None])
