"""Great Expectations over the published warehouse, reported as asset checks on the tables.

The suite (gwr.quality, built from the tests in sql/marts/schema.yml) runs once, in the
`warehouse_quality` asset, which also writes the HTML Data Docs beside the warehouse; the
per-table asset checks then report its results on the tables they concern, so an analyst
sees a table's quality on the table's own page in the Dagster UI.
"""

from typing import Any

import dagster as dg
import pandas as pd

from assets._errors import fail_fast_on_permanent_errors
from assets._metadata import markdown_table
from assets.warehouse import TABLES, table_key
from gwr.inputs import code_fingerprint
from pipelines.resources import WarehouseResource

OWNERS = ["team:data-engineering"]
# Tables and views the suite covers that are Dagster assets (the views live inside them).
CHECKED_TABLES = list(TABLES)


@dg.asset(
    group_name="quality",
    kinds={"python", "great_expectations"},
    owners=OWNERS,
    deps=[table_key(t) for t in TABLES],
    code_version=code_fingerprint("quality"),
)
@fail_fast_on_permanent_errors
def warehouse_quality(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.Output[dict[str, Any]]:
    """Validate every mart table against its documented expectations (keys unique and not
    null, vocabularies, every target resolved to a known indicator, value_base consistent
    with value and unit, plausible attainment) and publish HTML Data Docs beside the
    warehouse, so that analysts can trust, and see why to trust, what BI tools show."""
    from gwr.quality import run_warehouse_suite  # imports Great Expectations: slow, so lazy

    docs_dir = warehouse.file.parent / "quality"
    report = run_warehouse_suite(warehouse.file, docs_dir)
    context.log.info(report.format())
    evaluated = sum(t.evaluated for t in report.tables)
    summary = [
        {"table": t.table, "passed": t.passed, "evaluated": t.evaluated, "rows": t.rows}
        for t in report.tables
    ]
    return dg.Output(
        report.to_dict(),
        metadata={
            "success": report.success,
            "expectations_evaluated": evaluated,
            "expectations_failed": len(report.failures),
            "data_docs": dg.MetadataValue.path(str(report.docs_index)),
            "data_docs_url": dg.MetadataValue.url(report.docs_index.resolve().as_uri()),
            "by_table": dg.MetadataValue.md(markdown_table(pd.DataFrame(summary), limit=50)),
            "seconds": round(report.seconds, 2),
        },
    )


@dg.multi_asset_check(
    specs=[
        dg.AssetCheckSpec(
            "great_expectations",
            asset=table_key(t),
            description="The table's Great Expectations suite (sql/marts/schema.yml).",
            additional_deps=["warehouse_quality"],
        )
        for t in CHECKED_TABLES
    ],
    ins={"warehouse_quality": dg.AssetIn("warehouse_quality")},
)
def warehouse_expectations(warehouse_quality: dict[str, Any]) -> Any:
    """Report each table's expectation results as that table's asset check."""
    by_table = {t["table"]: t for t in warehouse_quality["tables"]}
    for name in CHECKED_TABLES:
        result = by_table.get(name)
        if result is None:
            yield dg.AssetCheckResult(
                asset_key=table_key(name),
                check_name="great_expectations",
                passed=False,
                metadata={"reason": "no expectations documented in sql/marts/schema.yml"},
            )
            continue
        failed = result["failed"]
        yield dg.AssetCheckResult(
            asset_key=table_key(name),
            check_name="great_expectations",
            passed=bool(result["success"]),
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "rows": result["rows"],
                "expectations_evaluated": result["evaluated"],
                "expectations_failed": len(failed),
                "failures": dg.MetadataValue.json(failed[:20]),
                "data_docs": dg.MetadataValue.path(warehouse_quality["docs_index"]),
            },
        )
