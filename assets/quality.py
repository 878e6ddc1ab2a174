"""The second audit and the publication of write-audit-publish (gwr/warehouse.py).

`warehouse_quality` runs the Great Expectations suite (gwr.quality: value ranges per
measure, shares of no_data and not_comparable, rows lost against the published warehouse)
on this run's *built* file and writes its Data Docs into the build folder; each table's
result is that table's `great_expectations` check. An ERROR-level failure ends the step:
`warehouse_publish` does not run and nothing is published. `warehouse_publish` moves the
built file, its Parquet export and its Data Docs into place together.
"""

from collections.abc import Iterator
from typing import Any

import dagster as dg
import pandas as pd

from assets._errors import fail_fast_on_permanent_errors
from assets._metadata import markdown_table
from assets.warehouse import MART_KEYS, OWNERS, build_of, record_failure
from gwr import warehouse as wap  # the `warehouse` name is the resource's
from gwr.inputs import code_fingerprint
from pipelines.resources import WarehouseResource

# The tables the suite covers; its result on each is that table's check.
SUITE_TABLES = ["mart.fct_target", "mart.fct_actual", "mart.fct_variance"]


def _key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


@dg.multi_asset(
    name="warehouse_quality",
    specs=[
        dg.AssetSpec(
            "warehouse_quality",
            group_name="quality",
            kinds={"python", "great_expectations"},
            owners=OWNERS,
            deps=MART_KEYS,
            code_version=code_fingerprint("quality"),
            description="Great Expectations on the warehouse being built, before it is "
            "published: plausible values per measure, shares of no_data and not_comparable, "
            "no night losing actual rows while no input was removed. Offline HTML Data "
            "Docs are published with the warehouse (data/warehouse/quality/index.html).",
        )
    ],
    check_specs=[
        *[
            dg.AssetCheckSpec(
                "great_expectations",
                asset=_key(t),
                description="The Great Expectations suite's expectations on this table "
                "(gwr/quality.py); ERROR ones block publication, WARN ones show here.",
                additional_deps=["warehouse_quality"],
            )
            for t in SUITE_TABLES
        ],
        dg.AssetCheckSpec(
            "no_conflicting_actuals",
            asset=_key("mart.fct_variance"),
            description="WARN when departments report different values for one indicator "
            "and period (the documented precedence picked one).",
            additional_deps=["warehouse_quality"],
        ),
    ],
    allow_arbitrary_check_specs=True,
)
@fail_fast_on_permanent_errors
def warehouse_quality(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> Iterator[Any]:
    from gwr.quality import run_warehouse_suite  # imports Great Expectations: slow, so lazy

    build = build_of(context, warehouse)
    report = run_warehouse_suite(build.db, build.docs, previous=warehouse.file)
    context.log.info(report.format())
    by_table = {t.table: t for t in report.tables}
    for table in SUITE_TABLES:
        result = by_table[table]
        failed = [
            {
                "check": f.test,
                "severity": f.severity,
                "columns": f.columns,
                "unexpected": f.unexpected_count,
                "examples": f.partial_unexpected_list[:10],
                "observed": f.observed_value,
            }
            for f in result.failed
        ]
        yield dg.AssetCheckResult(
            asset_key=_key(table),
            check_name="great_expectations",
            passed=not result.failed,
            severity=dg.AssetCheckSeverity.ERROR
            if not result.success
            else dg.AssetCheckSeverity.WARN,
            metadata={
                "rows": result.rows,
                "expectations_evaluated": result.evaluated,
                "expectations_failed": len(failed),
                "failures": dg.MetadataValue.json(failed),
                "data_docs": dg.MetadataValue.path(
                    str(warehouse.file.parent / "quality" / "index.html")
                ),
            },
        )
    yield conflicting_actuals_check(build.db)
    if not report.success:
        failures = [f for f in report.failure_dicts() if f["severity"] == "error"]
        record_failure(warehouse.file, context.run.run_id, "quality suite", report.failure_dicts())
        wap.discard(build)
        raise dg.Failure(
            description="quality suite failed; nothing was published:\n" + report.format(),
            allow_retries=False,
            metadata={"failures": dg.MetadataValue.json(failures)},
        )
    summary = [
        {"table": t.table, "passed": t.passed, "evaluated": t.evaluated, "rows": t.rows}
        for t in report.tables
    ]
    yield dg.MaterializeResult(
        asset_key="warehouse_quality",
        metadata={
            "success": report.success,
            "expectations_evaluated": sum(t.evaluated for t in report.tables),
            "expectations_failed": len(report.failures),
            "data_docs": dg.MetadataValue.path(
                str(warehouse.file.parent / "quality" / "index.html")
            ),
            "by_table": dg.MetadataValue.md(markdown_table(pd.DataFrame(summary), limit=50)),
            "seconds": round(report.seconds, 2),
            "timings": dg.MetadataValue.json(report.timings),
        },
    )


def conflicting_actuals_check(db: Any) -> dg.AssetCheckResult:
    with wap.read_only(db) as con:
        conflicts: pd.DataFrame = con.execute(
            """
            SELECT a.region, a.indicator_id, a.period_start, a.period_end, a.source_kind,
                   coalesce(a.department, '') AS department, a.value, a.unit,
                   a.source_location
            FROM mart.fct_actual AS a
            JOIN (SELECT DISTINCT v.region, v.indicator_id, v.period_end
                  FROM mart.fct_variance AS v WHERE v.has_conflicting_actuals) AS c
              ON a.region = c.region AND a.indicator_id = c.indicator_id
             AND a.period_end = c.period_end
            ORDER BY a.indicator_id, a.period_end, a.source_location
            """
        ).df()
    return dg.AssetCheckResult(
        asset_key=_key("mart.fct_variance"),
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
    kinds={"duckdb"},
    owners=OWNERS,
    deps=["mart_parquet", "warehouse_quality"],
)
@fail_fast_on_permanent_errors
def warehouse_publish(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Publish the audited build: its Parquet export, its Data Docs, then the DuckDB file
    itself, each swapped in by an atomic rename (BI tools keep data/warehouse/gwr.duckdb;
    an open read-only connection keeps its snapshot until it reconnects)."""
    build = build_of(context, warehouse)
    counts = wap.row_counts(build.db)
    wap.publish(build, {"run_id": context.run.run_id, "row_counts": counts})
    context.log.info(f"published {warehouse.file}")
    return dg.MaterializeResult(
        metadata={
            "warehouse": dg.MetadataValue.path(str(warehouse.file)),
            "build_id": build.build_id,
            "row_counts": dg.MetadataValue.json(counts),
        }
    )
