"""Hand-made warehouses for the scorecard tests, built with the real SQL in sql/.

`build_multi` is a small corpus: three regions report GDP growth targets for 2024 (the
comparison view), 甲省 has reports for 2023 and 2024 (the report card: the 2024 report's
review judges the 2023 targets; the 2024 report also sets one for 2027), its departments
report three cumulative periods (the attainment by period and the department view), and
one quote and one region name carry markup that must come out escaped.

`build_synthetic` makes a warehouse of corpus scale (hundreds of reports, tens of thousands
of statements) for the bench.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import pandas as pd
from helpers_frames import warehouse_frames

from gwr.build import build_warehouse
from gwr.ingest import RECORD_COLUMNS, STATEMENT_COLUMNS

CATALOG = pd.DataFrame(
    [
        ("gdp", "地区生产总值", "GDP", "growth_pct", "%", "%", "rate", True),
        ("cpi", "居民消费价格涨幅", "CPI increase", "growth_pct", "%", "%", "rate", False),
        ("jobs", "城镇新增就业", "New urban jobs", "count", "万人", "人", "flow", True),
        ("invest", "省重点项目完成投资", "Key project investment", "amount", "亿元", "元", "flow",
         True),
        ("roads", "新改建农村公路", "Rural roads", "amount", "公里", "公里", "flow", True),
        ("grain", "粮食总产量", "Grain output", "amount", "万吨", "吨", "stock", True),
        ("income", "城镇居民人均可支配收入", "Urban income", "amount", "元", "元", "stock", True),
    ],
    columns=["indicator_id", "name_zh", "name_en", "measure", "unit", "unit_base",
             "accumulation", "higher_is_better"],
).assign(aliases=None, departments=None)  # fmt: skip

DEPARTMENTS = pd.DataFrame(
    [
        ("stats", "省统计局", "Provincial Bureau of Statistics", "stats", 1),
        ("hrss", "省人社厅", "Provincial Department of Human Resources", "hrss", 2),
        ("transport", "省交通厅", "Provincial Department of Transport", "transport", 2),
    ],
    columns=["department_id", "name_zh", "name_en", "function_id", "precedence"],
)

SCALE = {"%": ("%", 1.0), "万人": ("人", 1e4), "亿元": ("元", 1e8), "万吨": ("吨", 1e4),
         "公里": ("公里", 1.0), "元": ("元", 1.0)}  # fmt: skip

EVIL = '<script>alert("x")</script>&'
EVIL_REGION = "丙市<b>"


class Builder:
    """Collects raw statements and records, then builds a warehouse from them."""

    def __init__(self) -> None:
        self.ids = itertools.count(1)
        self.statements: list[dict[str, Any]] = []
        self.records: list[dict[str, Any]] = []
        self.documents: dict[str, str] = {}

    def _id(self) -> str:
        return f"{next(self.ids):016x}"

    def _doc(self, path: str) -> str:
        return self.documents.setdefault(path, f"{len(self.documents) + 1:064x}")

    def statement(self, region: str, report_year: int, kind: str, indicator: str,
                  value: float | None, unit: str | None = "%", *, measure: str = "growth_pct",
                  comparator: str = "=", year: int | None = None, section: str | None = None,
                  quote: str | None = None, value_max: float | None = None,
                  text: str | None = None) -> None:  # fmt: skip
        path = f"reports/{region}-{report_year}.txt"
        base_unit, factor = SCALE.get(unit or "", (unit, 1.0))
        start = 10 * len(self.statements)
        verb = "增长" if measure == "growth_pct" else ""
        quote = quote or f"{text or indicator}{verb}{value}{unit or ''}"
        self.statements.append({
            "statement_id": self._id(), "document_id": self._doc(path), "path": path,
            "region": region, "region_code": None, "report_year": report_year, "kind": kind,
            "year": year or (report_year if kind == "target" else report_year - 1),
            "indicator_text": text or indicator, "indicator_id": indicator, "measure": measure,
            "comparator": comparator, "value": value, "value_max": value_max, "unit": unit,
            "value_base": None if value is None else value * factor, "unit_base": base_unit,
            "section": section or f"二、{report_year}年主要预期目标", "quote": quote,
            "char_start": start, "char_end": start + len(quote), "benchmark": None,
        })  # fmt: skip

    def record(self, region: str, department: str, indicator: str, value: float | None,
               end: str, unit: str = "%", *, measure: str = "growth_pct",
               row: int = 2) -> None:  # fmt: skip
        path = f"spreadsheets/{region}/{department}_{end[:7]}.xlsx"
        base_unit, factor = SCALE.get(unit, (unit, 1.0))
        self.records.append({
            "record_id": self._id(), "document_id": self._doc(path), "path": path,
            "region": region, "department": department, "department_id": department,
            "period_start": end[:4] + "-01-01", "period_end": end, "indicator_text": indicator,
            "indicator_id": indicator, "measure": measure, "value": value, "unit": unit,
            "value_base": None if value is None else value * factor, "unit_base": base_unit,
            "annual_target": None, "sheet": "进度", "row": row,
        })  # fmt: skip

    def build(self, path: Path) -> Path:
        statements = pd.DataFrame(self.statements, columns=[*STATEMENT_COLUMNS, "indicator_id"])
        records = pd.DataFrame(
            self.records, columns=[*RECORD_COLUMNS, "indicator_id", "department_id"]
        ).astype({"value": "float64", "value_base": "float64", "annual_target": "float64"})
        documents = pd.DataFrame(
            [(doc, p, p.split("/")[0].rstrip("s"), 1, "2025-01-01T00:00:00+00:00")
             for p, doc in sorted(self.documents.items())],
            columns=["document_id", "path", "kind", "bytes", "loaded_at"],
        )  # fmt: skip
        build_warehouse(
            path,
            warehouse_frames(
                documents=documents,
                statements=statements,
                records=records,
                catalog=CATALOG,
                departments=DEPARTMENTS,
            ),
            quality=False,
            tests=False,  # these tests pin the pages; the dbt tests run elsewhere
        )
        return path


TASKS = "三、{y}年重点工作 > （一）扩大有效投资 > 抓项目"


def build_multi(path: Path) -> Path:
    b = Builder()
    # 甲省, report for 2023: targets, and its review of 2022
    b.statement("甲省", 2023, "target", "gdp", 6.5, comparator="~")
    b.statement("甲省", 2023, "target", "jobs", 2.5, "万人", measure="count", comparator=">=")
    b.statement("甲省", 2023, "target", "cpi", 3.0, comparator="~")
    b.statement("甲省", 2023, "actual", "gdp", 4.5)
    # 甲省, report for 2024: the review of 2023 judges the 2023 targets
    b.statement("甲省", 2024, "actual", "gdp", 6.2)  # 6.5左右 -> met
    b.statement("甲省", 2024, "actual", "jobs", 2.4, "万人", measure="count")  # missed
    b.statement("甲省", 2024, "actual", "cpi", 0.4)  # at most about 3 -> met
    b.statement("甲省", 2024, "target", "gdp", 6.0, quote="地区生产总值增长6%")
    b.statement("甲省", 2024, "target", "cpi", 3.0, comparator="~")
    b.statement("甲省", 2024, "target", "income", None, None, measure="qualitative",
                quote="城镇居民人均可支配收入稳步增长")  # fmt: skip
    tasks = TASKS.format(y=2024)
    b.statement("甲省", 2024, "target", "jobs", 2.8, "万人", measure="count", comparator=">=",
                section=tasks, quote=EVIL)  # fmt: skip
    b.statement("甲省", 2024, "target", "roads", 800.0, "公里", measure="amount",
                section=tasks + " > 交通")  # fmt: skip
    b.statement("甲省", 2024, "target", "invest", 410.0, "亿元", measure="amount",
                section=tasks)  # fmt: skip
    b.statement("甲省", 2024, "target", "grain", 195.0, "万吨", measure="amount",
                comparator=">=", section=tasks)  # fmt: skip
    b.statement("甲省", 2024, "target", "grain", 200.0, "万吨", measure="amount",
                comparator=">=", section=tasks, year=2027,
                quote="到2027年粮食总产量200万吨以上")  # fmt: skip
    # 甲省 2024 progress: three cumulative periods
    for end, gdp, jobs, roads in (("2024-03-31", 5.1, 0.8, 210.0),
                                  ("2024-06-30", 5.6, 1.5, 400.0),
                                  ("2024-09-30", 5.8, 2.2, 571.0)):  # fmt: skip
        b.record("甲省", "stats", "gdp", gdp, end, row=4)
        b.record("甲省", "hrss", "jobs", jobs, end, "万人", measure="count", row=5)
        b.record("甲省", "transport", "roads", roads, end, "公里", measure="amount", row=6)
    b.record("甲省", "stats", "cpi", 0.6, "2024-09-30", row=7)
    b.record("甲省", "stats", "grain", 196.3, "2024-09-30", "万吨", measure="amount", row=8)
    # two more regions with a 2024 GDP target: one with an actual, one without
    b.statement("乙省", 2024, "target", "gdp", 5.0, comparator="~")
    b.record("乙省", "stats", "gdp", 5.2, "2024-09-30")
    b.statement(EVIL_REGION, 2024, "target", "gdp", 7.0, comparator=">=", value_max=7.5)
    return b.build(path)


def build_synthetic(path: Path, reports: int = 220, statements: int = 40_000,
                    seed: int = 7) -> Path:  # fmt: skip
    """A corpus-scale warehouse: `reports` region-years, `statements` report statements in
    all, and three spreadsheet periods for a third of the targets."""
    rng = random.Random(seed)
    b = Builder()
    per_report = max(1, statements // reports)
    regions = [f"地区{i:03d}市" for i in range(reports // 2)]
    flows = [("jobs", "万人", "count"), ("invest", "亿元", "amount"), ("roads", "公里", "amount")]
    for i in range(reports):
        region, year = regions[i % len(regions)], 2023 + i // len(regions)
        b.statement(region, year, "target", "gdp", round(rng.uniform(4, 8), 1), comparator="~")
        b.statement(region, year, "actual", "gdp", round(rng.uniform(3, 8), 1))
        for j in range(per_report - 2):
            ind, unit, measure = flows[j % 3]
            kind = "target" if j % 2 == 0 else "actual"
            # a target and the next statement (an actual of the year before) share an
            # indicator, so the next year's review judges the target: the report card
            b.statement(region, year, kind, f"{ind}{j // 2}", round(rng.uniform(1, 900), 1),
                        unit, measure=measure,
                        section=TASKS.format(y=year) + f" > 第{j // 20}项")  # fmt: skip
        if year == 2024:
            for end in ("2024-03-31", "2024-06-30", "2024-09-30"):
                b.record(region, "stats", "gdp", round(rng.uniform(3, 8), 1), end)
    return b.build(path)
