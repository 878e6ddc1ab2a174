"""Read what the scorecard shows from a warehouse file, read-only, into plain data.

Everything is read in a handful of bulk queries (not one query per page): at corpus scale
(about 220 reports) per-page queries would cost more than rendering. Every ORDER BY is
total, so the same warehouse always gives the same lists and therefore the same HTML.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

STATUSES = ("met", "on_track", "behind", "missed", "no_data", "not_comparable")

#: The indicator the cross-region comparison is about (GDP growth, measure growth_pct).
COMPARISON_INDICATOR = "gdp"
COMPARISON_MEASURE = "growth_pct"


@dataclass(frozen=True)
class Target:
    """A target with its latest variance row (mart.v_scorecard) and where both came from."""

    target_id: str
    region: str
    region_code: str | None
    year: int  # the year the target is for
    report_year: int  # the year of the report that states it (a page is one report year)
    indicator_id: str | None
    name_zh: str
    name_en: str | None
    indicator_text: str | None
    measure: str
    comparator: str
    value: float | None
    value_max: float | None
    unit: str | None
    value_base: float | None
    accumulation: str
    higher_is_better: bool
    section: str
    quote: str | None
    source: str  # reports/x.txt#chars=10-25
    period_start: dt.date | None
    period_end: dt.date | None
    actual_value: float | None
    actual_unit: str | None
    actual_value_base: float | None
    attainment_ratio: float | None
    expected_progress: float | None
    status: str
    actual_source_kind: str | None
    actual_department: str | None
    actual_source: str | None  # file!sheet!row N, or reports/y.txt#chars=…
    actual_quote: str | None
    conflicting: bool

    @property
    def is_main(self) -> bool:
        """A target of the report's main-targets list (主要预期目标), which the extractor
        files directly under the plan part's heading; key-work targets sit in a subsection
        (`二、2024年重点工作 > （一）…`)."""
        return " > " not in self.section


@dataclass(frozen=True)
class PeriodPoint:
    """One cumulative period of a flow target (1–3月, 1–6月 …) and how far it had got."""

    target_id: str
    period_start: dt.date
    period_end: dt.date
    actual_value: float | None
    actual_unit: str | None
    attainment_ratio: float | None
    expected_progress: float | None
    status: str
    source: str | None


@dataclass(frozen=True)
class DepartmentRow:
    """A department's reporting for one region and year (mart.v_department_progress,
    restricted to that region's targets of that year)."""

    department_id: str
    name_zh: str
    name_en: str | None
    values_reported: int
    latest_start: dt.date | None
    latest_end: dt.date | None
    counts: dict[str, int]
    names: dict[str, list[str]]  # status -> indicator names, for the hover text
    files: list[str]


@dataclass(frozen=True)
class CardEntry:
    """A target of year N judged at year end against the actual the next report states."""

    target_id: str
    year: int
    indicator_key: str
    name_zh: str
    name_en: str | None
    comparator: str
    value: float | None
    value_max: float | None
    unit: str | None
    actual_value: float | None
    actual_unit: str | None
    status: str
    quote: str | None
    source: str
    actual_source: str | None
    actual_quote: str | None


@dataclass(frozen=True)
class ComparisonRow:
    """One region's GDP growth target of a year and its latest actual."""

    region: str
    region_code: str | None
    year: int
    comparator: str
    value: float
    value_max: float | None
    quote: str | None
    source: str
    actual_value: float | None
    period_start: dt.date | None
    period_end: dt.date | None
    status: str
    actual_source: str | None
    actual_quote: str | None


@dataclass
class ScorecardData:
    """Everything the pages of one warehouse show, grouped for rendering: targets by
    (region, report year), periods by target, departments by (region, year), the report
    card by region, the comparison by year."""

    targets: dict[tuple[str, int], list[Target]] = field(default_factory=dict)
    periods: dict[str, list[PeriodPoint]] = field(default_factory=dict)
    departments: dict[tuple[str, int], list[DepartmentRow]] = field(default_factory=dict)
    report_card: dict[str, list[CardEntry]] = field(default_factory=dict)
    comparison: dict[int, list[ComparisonRow]] = field(default_factory=dict)
    region_codes: dict[str, str | None] = field(default_factory=dict)
    data_as_of: dt.date | None = None
    documents: int = 0

    def pages(self) -> list[tuple[str, int]]:
        """(region, report year) of every page, sorted."""
        return sorted(self.targets)


UNKNOWN_REGION = "未知地区"


def _filters(alias: str, region: str | None, year: int | None,
             year_column: str = "target_year") -> tuple[str, list[Any]]:  # fmt: skip
    """A WHERE fragment (starting with AND) restricting `alias` to one region and year."""
    sql, params = "", []
    if region is not None:
        sql += f" AND coalesce({alias}.region, '{UNKNOWN_REGION}') = ?"
        params.append(region)
    if year is not None:
        sql += f" AND {year_column} = ?"
        params.append(year)
    return sql, params


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


# A page is one report: its region and its year. The marts keep the year each target is
# for, not the report's; a report's year is the year most of its targets are for (the
# earlier on a tie), so 到2027年 targets stay on the page of the report that states them.
REPORT_YEARS_SQL = """
SELECT document_id, target_year AS report_year
FROM (SELECT document_id, target_year, count(*) AS n FROM mart.fct_target GROUP BY ALL)
QUALIFY row_number() OVER (PARTITION BY document_id ORDER BY n DESC, target_year) = 1
"""

TARGETS_SQL = f"""
WITH report_years AS ({REPORT_YEARS_SQL})
SELECT
    s.target_id,
    coalesce(s.region, '{UNKNOWN_REGION}')           AS region,
    t.region_code,
    s.target_year                                   AS year,
    coalesce(ry.report_year, s.target_year)         AS report_year,
    s.indicator_id,
    s.indicator_name_zh                             AS name_zh,
    s.indicator_name_en                             AS name_en,
    s.indicator_text,
    s.measure,
    s.comparator,
    s.target_value                                  AS value,
    s.target_value_max                              AS value_max,
    s.target_unit                                   AS unit,
    s.target_value_base                             AS value_base,
    -- as fct_variance judges the target (a growth of a flow indicator is a rate)
    CASE WHEN s.measure IN ('growth_pct', 'ratio_pct', 'pp_change', 'qualitative') THEN 'rate'
         WHEN i.accumulation = 'stock' THEN 'stock' ELSE 'flow' END AS accumulation,
    coalesce(i.higher_is_better, TRUE)              AS higher_is_better,
    coalesce(s.section, '')                         AS section,
    s.quote,
    coalesce(s.source_path, '') || '#chars=' || coalesce(CAST(t.char_start AS VARCHAR), '')
        || '-' || coalesce(CAST(t.char_end AS VARCHAR), '') AS source,
    s.period_start,
    s.period_end,
    s.actual_value,
    s.actual_unit,
    s.actual_value_base,
    s.attainment_ratio,
    s.expected_progress,
    s.status,
    s.actual_source_kind,
    s.actual_department,
    s.actual_source_location                        AS actual_source,
    a.quote                                         AS actual_quote,
    s.has_conflicting_actuals                       AS conflicting
FROM mart.v_scorecard AS s
JOIN mart.fct_target AS t USING (target_id)
LEFT JOIN report_years AS ry ON ry.document_id = t.document_id
LEFT JOIN mart.dim_indicator AS i ON i.indicator_id = s.indicator_id
LEFT JOIN mart.fct_actual AS a ON a.actual_id = s.actual_id
WHERE TRUE {{filters}}
ORDER BY region, report_year, t.source_path, t.char_start, s.target_id
"""

PERIODS_SQL = """
SELECT
    v.target_id, v.period_start, v.period_end, a.value AS actual_value, a.unit AS actual_unit,
    v.attainment_ratio, v.expected_progress, v.status, a.source_location AS source
FROM mart.fct_variance AS v
JOIN mart.fct_actual AS a USING (actual_id)
WHERE v.accumulation = 'flow'
  AND v.period_start = make_date(v.target_year, 1, 1)  -- cumulative from January only
  {filters}
ORDER BY v.target_id, v.period_end, v.actual_id
"""

DEPARTMENTS_SQL = f"""
WITH reported AS (
    SELECT
        coalesce(a.region, '{UNKNOWN_REGION}') AS region,
        year(a.period_end)                     AS target_year,
        a.department_id,
        count(*)                               AS values_reported,
        max(a.period_end)                      AS latest_end,
        arg_max(a.period_start, (a.period_end, a.period_start)) AS latest_start,
        list(DISTINCT regexp_replace(a.source_location, '!.*$', '')
             ORDER BY regexp_replace(a.source_location, '!.*$', '')) AS files
    FROM mart.fct_actual AS a
    WHERE a.department_id IS NOT NULL
    GROUP BY ALL
),
covered AS (
    SELECT DISTINCT a.department_id, t.target_id
    FROM mart.fct_actual AS a
    JOIN mart.fct_target AS t
      ON a.region IS NOT DISTINCT FROM t.region
     AND a.indicator_id = t.indicator_id
     AND year(a.period_end) = t.target_year
     AND year(a.period_start) = t.target_year
    WHERE a.department_id IS NOT NULL
)
SELECT
    r.region, r.target_year, r.department_id,
    coalesce(d.name_zh, r.department_id) AS name_zh, d.name_en,
    r.values_reported, r.latest_start, r.latest_end, r.files,
    s.status, s.indicator_name_zh
FROM reported AS r
LEFT JOIN mart.dim_department AS d USING (department_id)
LEFT JOIN covered AS c USING (department_id)
LEFT JOIN mart.v_scorecard AS s
  ON s.target_id = c.target_id
 AND coalesce(s.region, '{UNKNOWN_REGION}') = r.region
 AND s.target_year = r.target_year
WHERE TRUE {{filters}}
ORDER BY r.region, r.target_year, r.department_id, s.status, s.indicator_name_zh, s.target_id
"""

# The report card: a target of year N met by a whole-year actual of N (in practice the
# review of the report for N+1), judged met or missed at year end.
CARD_SQL = f"""
SELECT
    coalesce(t.region, '{UNKNOWN_REGION}')   AS region,
    t.target_id, t.target_year AS year,
    coalesce(t.indicator_id, t.indicator_text) || '|' || t.measure AS indicator_key,
    coalesce(i.name_zh, t.indicator_text) AS name_zh, i.name_en,
    t.comparator, t.value, t.value_max, t.unit,
    a.value AS actual_value, a.unit AS actual_unit, v.status, t.quote,
    t.source_path || '#chars=' || t.char_start || '-' || t.char_end AS source,
    a.source_location AS actual_source, a.quote AS actual_quote
FROM mart.fct_variance AS v
JOIN mart.fct_target AS t USING (target_id)
JOIN mart.fct_actual AS a USING (actual_id)
LEFT JOIN mart.dim_indicator AS i ON i.indicator_id = t.indicator_id
WHERE v.status IN ('met', 'missed')
  AND v.period_start = make_date(t.target_year, 1, 1)
  AND v.period_end = make_date(t.target_year, 12, 31)
  {{filters}}
ORDER BY region, indicator_key, year, t.char_start, t.target_id
"""

COMPARISON_SQL = f"""
SELECT
    coalesce(s.region, '{UNKNOWN_REGION}') AS region, t.region_code, s.target_year AS year,
    s.comparator, s.target_value_base AS value, t.value_max_base AS value_max, s.quote,
    s.source_path || '#chars=' || t.char_start || '-' || t.char_end AS source,
    -- a level reported where the target is a growth (5.53万亿元 against 增长5.5%) is no
    -- value on a growth axis: not_comparable rows show no actual
    CASE WHEN s.status <> 'not_comparable' THEN s.actual_value_base END AS actual_value,
    s.period_start, s.period_end, s.status,
    s.actual_source_location AS actual_source, a.quote AS actual_quote
FROM mart.v_scorecard AS s
JOIN mart.fct_target AS t USING (target_id)
LEFT JOIN mart.fct_actual AS a ON a.actual_id = s.actual_id
WHERE s.indicator_id = '{COMPARISON_INDICATOR}' AND s.measure = '{COMPARISON_MEASURE}'
  AND s.target_value_base IS NOT NULL {{filters}}
-- one target per region and year: the first the report states
QUALIFY row_number() OVER (
    PARTITION BY s.region, s.target_year ORDER BY t.source_path, t.char_start, s.target_id) = 1
ORDER BY year, region
"""


def load(con: duckdb.DuckDBPyConnection, region: str | None = None,
         year: int | None = None) -> ScorecardData:  # fmt: skip
    """Everything the pages show, for one region and/or year or for the whole warehouse."""
    data = ScorecardData()
    where, params = _filters("s", region, year, "coalesce(ry.report_year, s.target_year)")
    for row in _rows(con, TARGETS_SQL.format(filters=where), params):
        target = Target(**row)
        data.targets.setdefault((target.region, target.report_year), []).append(target)
        data.region_codes.setdefault(target.region, target.region_code)

    # periods of every year of the region: a page's later-year targets may have some too
    where, params = _filters("v", region, None)
    for row in _rows(con, PERIODS_SQL.format(filters=where), params):
        data.periods.setdefault(row["target_id"], []).append(PeriodPoint(**row))

    where, params = _filters("r", region, year, "r.target_year")
    departments: dict[tuple[str, int, str], dict[str, Any]] = {}
    for row in _rows(con, DEPARTMENTS_SQL.format(filters=where), params):
        key = (row["region"], row["target_year"], row["department_id"])
        dept = departments.setdefault(key, {**row, "counts": defaultdict(int), "names": {}})
        if row["status"] is not None:
            dept["counts"][row["status"]] += 1
            dept["names"].setdefault(row["status"], []).append(row["indicator_name_zh"])
    for (reg, yr, _), d in departments.items():
        data.departments.setdefault((reg, yr), []).append(
            DepartmentRow(
                department_id=d["department_id"],
                name_zh=d["name_zh"],
                name_en=d["name_en"],
                values_reported=d["values_reported"],
                latest_start=d["latest_start"],
                latest_end=d["latest_end"],
                counts={s: d["counts"].get(s, 0) for s in STATUSES},
                names=d["names"],
                files=list(d["files"] or []),
            )
        )

    # The report card spans the years of a region, so it ignores the year filter.
    where, params = _filters("t", region, None)
    for row in _rows(con, CARD_SQL.format(filters=where), params):
        reg = row.pop("region")
        data.report_card.setdefault(reg, []).append(CardEntry(**row))

    # The comparison spans the regions of a year, so it ignores the region filter.
    where, params = _filters("s", None, year, "s.target_year")
    for row in _rows(con, COMPARISON_SQL.format(filters=where), params):
        data.comparison.setdefault(row["year"], []).append(ComparisonRow(**row))

    ((as_of, documents),) = con.execute(
        "SELECT (SELECT max(period_end) FROM mart.fct_actual), "
        "(SELECT count(*) FROM raw.documents)"
    ).fetchall()
    data.data_as_of, data.documents = as_of, int(documents)
    return data


def load_file(warehouse: Path, region: str | None = None, year: int | None = None) -> ScorecardData:
    """Open `warehouse` read-only (a BI tool may hold it; it may be a copy) and load."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return load(con, region, year)
    finally:
        con.close()
