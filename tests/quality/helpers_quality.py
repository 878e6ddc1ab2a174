"""A tiny warehouse (巴中市 2024) built from hand-made raw frames with the repo's SQL.

Targets (2024):
  t_gdp     GDP growth ~6 %               actual 6.2 % for Jan-Jun (stats)    -> on_track
  t_retail  retail sales >= 410 亿元        actual 200 亿元 for Jan-Jun (stats)  -> behind
  t_jobs    new jobs >= 2.8 万人            actuals Jan-Mar, Jan-Jun (hrss) and
                                            June alone (hrss)                  -> on_track (Jan-Jun)
  t_urban   urbanisation rate 49 %          no actual                           -> no_data
  t_qual    qualitative, provisional id     no number                           -> not_comparable
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from helpers_frames import warehouse_frames

from gwr.build import build_warehouse
from gwr.ingest import QUARANTINE_COLUMNS, RECORD_COLUMNS, STATEMENT_COLUMNS

REPO_ROOT = Path(__file__).resolve().parents[2]
SQL_DIR = REPO_ROOT / "sql"
REGION = "巴中市"
LOADED = "2024-07-15T08:00:00+00:00"
PROV_ID = "prov_0123456789"

DOCS = [
    ("doc_report", "reports/巴中市/2024.txt", "report", 12000),
    ("doc_stats", "spreadsheets/巴中市/市统计局_2024年1-6月.xlsx", "spreadsheet", 9000),
    ("doc_hrss", "spreadsheets/巴中市/市人社局_2024年.csv", "spreadsheet", 800),
    ("doc_broken", "spreadsheets/巴中市/损坏.xlsx", "spreadsheet", 10),
]

INDICATORS = [
    # indicator_id, name_zh, name_en, measure, unit, unit_base, accumulation, hib
    ("gdp", "地区生产总值", "Gross regional product (GDP)", "growth_pct", "%", "%", "rate", True),
    ("retail_sales", "社会消费品零售总额", "Retail sales of consumer goods", "amount", "亿元", "元",
     "flow", True),
    ("new_urban_jobs", "城镇新增就业", "New urban jobs", "count", "万人", "人", "flow", True),
    ("urbanization_rate", "常住人口城镇化率", "Urbanization rate", "ratio_pct", "%", "%", "stock",
     True),
]  # fmt: skip

DEPARTMENTS = [
    ("city_stats", "市统计局", "Bureau of Statistics", "stats", 1),
    ("city_hrss", "市人力资源和社会保障局", "Bureau of Human Resources and Social Security",
     "hrss", 3),
    ("city_finance", "市财政局", "Bureau of Finance", "finance", 3),
]  # fmt: skip


def _statement(sid: str, kind: str, year: int, text: str, iid: str, measure: str, comparator: str,
               value: float | None, unit: str | None, value_base: float | None,
               unit_base: str | None, quote: str, start: int) -> dict[str, Any]:  # fmt: skip
    return {
        "statement_id": sid, "document_id": "doc_report", "path": DOCS[0][1], "region": REGION,
        "region_code": "511900", "report_year": 2024, "kind": kind, "year": year,
        "indicator_text": text, "indicator_id": iid, "measure": measure,
        "comparator": comparator, "value": value, "value_max": None, "unit": unit,
        "value_base": value_base, "unit_base": unit_base, "section": "主要预期目标",
        "quote": quote, "char_start": start, "char_end": start + len(quote), "benchmark": None,
        "period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "aggregation": "annual",
    }  # fmt: skip


def statements() -> pd.DataFrame:
    rows = [
        _statement("t_gdp", "target", 2024, "地区生产总值", "gdp", "growth_pct", "~", 6.0, "%",
                   6.0, "%", "地区生产总值增长6%左右", 100),
        _statement("t_retail", "target", 2024, "社会消费品零售总额", "retail_sales", "amount",
                   ">=", 410.0, "亿元", 41_000_000_000.0, "元", "社会消费品零售总额410亿元以上",
                   200),
        _statement("t_jobs", "target", 2024, "城镇新增就业", "new_urban_jobs", "count", ">=",
                   2.8, "万人", 28_000.0, "人", "城镇新增就业2.8万人以上", 300),
        _statement("t_urban", "target", 2024, "常住人口城镇化率", "urbanization_rate",
                   "ratio_pct", "=", 49.0, "%", 49.0, "%", "常住人口城镇化率达到49%", 400),
        _statement("t_qual", "target", 2024, "城乡居民收入", PROV_ID, "qualitative", "=", None,
                   None, None, None, "城乡居民收入稳步增长", 500),
        _statement("a_gdp_2023", "actual", 2023, "地区生产总值", "gdp", "growth_pct", "~", 6.1,
                   "%", 6.1, "%", "地区生产总值增长6.1%", 50),
    ]  # fmt: skip
    frame = pd.DataFrame(rows)
    return frame[[*STATEMENT_COLUMNS, "indicator_id"]]


def _record(rid: str, doc: int, dept: str, dept_id: str, start: str, end: str, text: str,
            iid: str, measure: str, value: float | None, unit: str, value_base: float | None,
            unit_base: str, row: int) -> dict[str, Any]:  # fmt: skip
    return {
        "record_id": rid, "document_id": DOCS[doc][0], "path": DOCS[doc][1], "region": REGION,
        "region_code": "511900", "department": dept, "department_id": dept_id,
        "period_start": start,
        "period_end": end, "indicator_text": text, "indicator_id": iid, "measure": measure,
        "value": value, "unit": unit, "value_base": value_base, "unit_base": unit_base,
        "annual_target": None, "sheet": "Sheet1", "row": row,
    }  # fmt: skip


def records() -> pd.DataFrame:
    rows = [
        _record("r_gdp_h1", 1, "市统计局", "city_stats", "2024-01-01", "2024-06-30",
                "地区生产总值增速", "gdp", "growth_pct", 6.2, "%", 6.2, "%", 5),
        _record("r_retail_h1", 1, "市统计局", "city_stats", "2024-01-01", "2024-06-30",
                "社会消费品零售总额", "retail_sales", "amount", 200.0, "亿元", 20_000_000_000.0,
                "元", 6),
        _record("r_jobs_q1", 2, "市人社局", "city_hrss", "2024-01-01", "2024-03-31",
                "城镇新增就业", "new_urban_jobs", "count", 0.7, "万人", 7_000.0, "人", 3),
        _record("r_jobs_h1", 2, "市人社局", "city_hrss", "2024-01-01", "2024-06-30",
                "城镇新增就业", "new_urban_jobs", "count", 1.6, "万人", 16_000.0, "人", 4),
        _record("r_jobs_jun", 2, "市人社局", "city_hrss", "2024-06-01", "2024-06-30",
                "城镇新增就业", "new_urban_jobs", "count", 0.3, "万人", 3_000.0, "人", 5),
    ]  # fmt: skip
    frame = pd.DataFrame(rows)
    return frame[[*RECORD_COLUMNS, "indicator_id", "department_id"]]


def raw_frames() -> dict[str, pd.DataFrame]:
    docs = pd.DataFrame(DOCS, columns=["document_id", "path", "kind", "bytes"]).assign(
        loaded_at=LOADED
    )
    quarantine = pd.DataFrame(
        [
            {
                "document_id": "doc_broken",
                "path": DOCS[3][1],
                "source_location": DOCS[3][1],
                "raw": "",
                "reason": "文件无法读取：不是有效的 xlsx 文件",
                "loaded_at": LOADED,
            }
        ],
        columns=QUARANTINE_COLUMNS,
    )
    # the provisional wording's closest catalog candidate, as the resolver reports it
    provisional = {
        "indicator_text": "城乡居民收入", "measure": "qualitative", "indicator_id": PROV_ID,
        "method": "provisional", "score": 0.0, "provisional": True,
        "best_candidate": "per_capita_disposable_income", "best_score": 61.0, "n": 1,
        "unit": None, "unit_base": None,
    }  # fmt: skip
    indicators = pd.DataFrame(
        [(*row, None, None) for row in INDICATORS],
        columns=["indicator_id", "name_zh", "name_en", "measure", "unit", "unit_base",
                 "accumulation", "higher_is_better", "aliases", "departments"],
    )  # fmt: skip
    departments = pd.DataFrame(
        DEPARTMENTS, columns=["department_id", "name_zh", "name_en", "function_id", "precedence"]
    )
    return warehouse_frames(
        documents=docs,
        statements=statements(),
        records=records(),
        catalog=indicators,
        departments=departments,
        quarantine=quarantine,
        resolution_extra=[provisional],
    )


def build_tiny_warehouse(target: Path) -> dict[str, int]:
    """Build and publish the tiny warehouse with the real dbt project (dbt tests included;
    the Great Expectations suite is run by the tests that need it)."""
    return build_warehouse(target, raw_frames(), quality=False)
