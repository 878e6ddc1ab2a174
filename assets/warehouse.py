"""The DuckDB warehouse BI tools read: every table built together, published atomically."""

import hashlib
from collections.abc import Iterator
from typing import Any

import dagster as dg
import pandas as pd

from assets._errors import fail_fast_on_permanent_errors
from assets._metadata import markdown_table
from gwr import settings
from gwr.build import (
    WarehouseInputs,
    attach_department_ids,
    attach_indicator_ids,
    department_frame,
)
from gwr.departments import DepartmentCatalog
from gwr.ingest import documents_frame
from gwr.inputs import code_fingerprint, files_from_frame
from pipelines.resources import InputFolders, WarehouseResource

OWNERS = ["team:data-engineering"]

TABLES: dict[str, str] = {
    "raw.documents": "Every input file seen, by content hash (sha256): the provenance root.",
    "mart.dim_indicator": "Canonical indicators (catalog plus provisional wordings).",
    "mart.dim_department": "Departments that reported progress.",
    "mart.fct_target": "Every target stated in a work report, with its verbatim quote.",
    "mart.fct_actual": "Every reported actual for a period, from report reviews and "
    "departmental spreadsheets.",
    "mart.fct_variance": "Target x actual period: gap, attainment, expected progress, status.",
    "mart.quarantine": "Input rows and files set aside, with the reason.",
}


# Every frame the warehouse is built from (the function's parameters of the same names).
UPSTREAM = [
    "report_documents",
    "spreadsheet_documents",
    "report_statements",
    "report_quarantine",
    "sheet_records",
    "sheet_quarantine",
    "indicator_catalog",
    "indicator_resolution",
    "benchmark_values",
]


def warehouse_code_version() -> str:
    """Changes when the SQL, the build or the publishing code changes."""
    digest = hashlib.sha256(code_fingerprint("build", "warehouse", "departments").encode())
    for path in sorted(settings.sql_dir().rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(settings.sql_dir()).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def table_key(name: str) -> dg.AssetKey:
    return dg.AssetKey(name.split("."))


def _spec(name: str, description: str) -> dg.AssetSpec:
    return dg.AssetSpec(
        table_key(name),
        description=description,
        group_name="warehouse",
        kinds={"duckdb", "sql"},
        owners=OWNERS,
        metadata={"dagster/table_name": name},
        code_version=warehouse_code_version(),
        deps=UPSTREAM,
    )


def _table_metadata(con: Any, name: str) -> dict[str, Any]:
    schema = dg.TableSchema(
        columns=[
            dg.TableColumn(name=row[0], type=row[1], description=row[2] or None)
            for row in con.execute(
                "SELECT column_name, data_type, comment FROM duckdb_columns() "
                "WHERE schema_name = ? AND table_name = ? ORDER BY column_index",
                name.split("."),
            ).fetchall()
        ]
    )
    preview: pd.DataFrame = con.execute(f"SELECT * FROM {name} LIMIT 10").df()
    count = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    return {
        "dagster/row_count": count,
        "dagster/column_schema": schema,
        "preview": dg.MetadataValue.md(markdown_table(preview)),
    }


@dg.multi_asset(
    specs=[_spec(name, desc) for name, desc in TABLES.items()],
    ins={name: dg.AssetIn(name) for name in UPSTREAM},
    can_subset=False,
    check_specs=[
        dg.AssetCheckSpec(
            "no_conflicting_actuals",
            asset=table_key("mart.fct_variance"),
            description="WARN when departments report different values for one indicator "
            "and period (the documented precedence picked one).",
        )
    ],
)
@fail_fast_on_permanent_errors
def warehouse_tables(
    context: dg.AssetExecutionContext,
    inputs: InputFolders,
    warehouse: WarehouseResource,
    report_documents: pd.DataFrame,
    spreadsheet_documents: pd.DataFrame,
    report_statements: pd.DataFrame,
    report_quarantine: pd.DataFrame,
    sheet_records: pd.DataFrame,
    sheet_quarantine: pd.DataFrame,
    indicator_catalog: pd.DataFrame,
    indicator_resolution: pd.DataFrame,
    benchmark_values: pd.DataFrame,
) -> Iterator[dg.MaterializeResult]:
    """Build every warehouse table into a new DuckDB file with the SQL in `sql/` (staging,
    then marts) and swap it over the published file atomically: BI readers holding the old
    file keep working, new readers see the complete new warehouse, nobody waits."""
    from gwr.build import build_warehouse

    departments_catalog = DepartmentCatalog.load(inputs.reference_path / "departments.csv")
    records = attach_department_ids(
        attach_indicator_ids(sheet_records, indicator_resolution), departments_catalog
    )
    files = files_from_frame(pd.concat([report_documents, spreadsheet_documents]))
    result = build_warehouse(
        warehouse.file,
        WarehouseInputs(
            documents=documents_frame(files),
            statements=attach_indicator_ids(report_statements, indicator_resolution),
            records=records,
            quarantine=pd.concat([report_quarantine, sheet_quarantine], ignore_index=True),
            resolution=indicator_resolution,
            indicators=indicator_catalog,
            departments=department_frame(records, departments_catalog),
            benchmarks=benchmark_values,
        ),
        settings.sql_dir(),
    )
    context.log.info(f"published {result.path}")
    with warehouse.read_only() as con:
        for name in TABLES:
            yield dg.MaterializeResult(
                asset_key=table_key(name),
                metadata={**_table_metadata(con, name), "warehouse": str(result.path)},
            )
        yield conflicting_actuals_check(con)


def conflicting_actuals_check(con: Any) -> dg.AssetCheckResult:
    conflicts: pd.DataFrame = con.execute(
        """
        SELECT a.region, a.indicator_id, a.period_start, a.period_end, a.source_kind,
               coalesce(a.department, '') AS department, a.value, a.unit, a.source_location
        FROM mart.fct_actual AS a
        JOIN (SELECT DISTINCT v.region, v.indicator_id, v.period_end
              FROM mart.fct_variance AS v WHERE v.has_conflicting_actuals) AS c
          ON a.region = c.region AND a.indicator_id = c.indicator_id
         AND a.period_end = c.period_end
        ORDER BY a.indicator_id, a.period_end, a.source_location
        """
    ).df()
    return dg.AssetCheckResult(
        asset_key=table_key("mart.fct_variance"),
        check_name="no_conflicting_actuals",
        passed=conflicts.empty,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "conflicting_values": len(conflicts),
            "conflicts": dg.MetadataValue.md(markdown_table(conflicts, limit=50)),
        },
    )


@dg.asset(
    group_name="warehouse",
    kinds={"parquet"},
    owners=OWNERS,
    deps=[table_key(t) for t in TABLES],
    code_version=code_fingerprint("export"),
)
@fail_fast_on_permanent_errors
def mart_parquet(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Every mart table and view as Parquet beside the warehouse, for BI tools and notebooks
    that cannot open DuckDB; written to a new folder and renamed into place."""
    from gwr.export import export_parquet

    out_dir = warehouse.file.parent / "parquet"
    files = export_parquet(warehouse.file, out_dir)
    return dg.MaterializeResult(
        metadata={
            "files": len(files),
            "folder": dg.MetadataValue.path(str(out_dir)),
            "tables": dg.MetadataValue.json(sorted(files)),
        }
    )
