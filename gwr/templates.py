"""Which targets a department's progress template lists (`gwr template`).

Targets come from the published warehouse when there is one, else straight from the
reports under the data folder. A department gets the targets whose catalog indicator names
it as a lead department; when none is assigned to it, it gets every target (CONTRACT/issue 4:
"all targets when no assignment is known").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from gwr import settings
from gwr.departments import DepartmentCatalog
from gwr.indicators import Catalog, Resolver


def _targets_from_warehouse(path: Path) -> pd.DataFrame:
    from gwr.warehouse import read_only

    with read_only(path) as con:
        return con.execute(
            "SELECT region, target_year AS year, indicator_id, indicator_text, measure, "
            "unit, value, comparator, char_start FROM mart.fct_target "
            "WHERE measure <> 'qualitative' ORDER BY region, target_year, char_start"
        ).df()


def _targets_from_reports(data_dir: Path, reference_dir: Path) -> pd.DataFrame:
    from gwr.ingest import extract_reports
    from gwr.inputs import discover

    rows = extract_reports(discover(data_dir, kind="report"), cache=None).rows
    rows = rows[(rows["kind"] == "target") & (rows["measure"] != "qualitative")]
    resolver = Resolver(Catalog.load(reference_dir / "indicators.csv"))
    ids = [
        resolver.resolve(t, m).indicator_id
        for t, m in zip(rows["indicator_text"], rows["measure"], strict=True)
    ]
    return rows.assign(indicator_id=ids)[
        ["region", "year", "indicator_id", "indicator_text", "measure", "unit", "value",
         "comparator", "char_start"]
    ]  # fmt: skip


def department_targets(
    department: str,
    year: int | None = None,
    *,
    warehouse: Path | None = None,
    data_dir: Path | None = None,
    reference_dir: Path | None = None,
) -> tuple[list[dict[str, Any]], str | None, int | None]:
    """(targets, region, year) for `department`'s template; year defaults to the latest."""
    warehouse = warehouse or settings.warehouse_path()
    reference_dir = reference_dir or settings.reference_dir()
    if warehouse.exists():
        targets = _targets_from_warehouse(warehouse)
    else:
        targets = _targets_from_reports(data_dir or settings.data_dir(), reference_dir)
    if targets.empty:
        return [], None, year
    year = year or int(targets["year"].max())
    targets = targets[targets["year"] == year]
    regions = targets["region"].dropna().unique().tolist()
    region = regions[0] if len(regions) == 1 else None

    departments = DepartmentCatalog.load(reference_dir / "departments.csv")
    catalog = Catalog.load(reference_dir / "indicators.csv")
    function = departments.key(department)
    assigned = {
        ind.indicator_id
        for ind in catalog
        if any(departments.key(lead) == function for lead in ind.departments)
    }
    mine = targets[targets["indicator_id"].isin(assigned)]
    chosen = mine if not mine.empty else targets
    records = [
        {
            "indicator": r["indicator_text"],
            "unit": r["unit"] or "",
            "annual_target": None if pd.isna(r["value"]) else float(r["value"]),
            "measure": r["measure"],
            "comparator": r["comparator"],
        }
        for r in chosen.to_dict("records")
    ]
    return records, region, year
