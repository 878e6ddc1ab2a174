"""The scorecard: offline HTML pages of targets against actuals, written after the marts."""

import dagster as dg

from assets._errors import fail_fast_on_permanent_errors
from gwr.inputs import code_fingerprint
from pipelines.resources import WarehouseResource

# The one place that says what the scorecard is built from: the mart tables it reads (the
# views v_scorecard and v_department_progress are built with them) and the Parquet export,
# so that it runs last, over the published warehouse. When the warehouse layer becomes one
# asset per dbt model, point these keys at the new ones.
SCORECARD_DEPS: list[dg.AssetKey] = [
    dg.AssetKey(["mart", "fct_target"]),
    dg.AssetKey(["mart", "fct_actual"]),
    dg.AssetKey(["mart", "fct_variance"]),
    dg.AssetKey(["mart", "dim_indicator"]),
    dg.AssetKey(["mart", "dim_department"]),
    dg.AssetKey(["raw", "documents"]),
    dg.AssetKey(["mart", "v_scorecard"]),
    dg.AssetKey("mart_parquet"),
    # the pages are drawn from the published warehouse, after write-audit-publish
    dg.AssetKey("warehouse_publish"),
]


@dg.asset(
    group_name="warehouse",
    kinds={"html"},
    owners=["team:data-engineering"],
    deps=SCORECARD_DEPS,
    code_version=code_fingerprint("scorecard"),
)
@fail_fast_on_permanent_errors
def scorecard(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """A self-contained HTML page per region and year (targets with their latest actual and
    status, attainment by period, departments, the report card), a GDP comparison per year
    with several regions, and an index; beside the warehouse in `scorecard/`, opened from
    disk with no network."""
    from gwr.scorecard import default_out_dir, write_scorecard

    out_dir = default_out_dir(warehouse.file)
    result = write_scorecard(warehouse.file, out_dir, replace=True)
    context.log.info(
        f"scorecard: {len(result.pages)} pages in {result.seconds:.2f}s, index {result.index}"
    )
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.path(str(result.index)),
            "url": dg.MetadataValue.url(result.index.resolve().as_uri()),
            "pages": len(result.pages),
            "comparisons": dg.MetadataValue.json(sorted(result.comparisons)),
            "bytes": result.bytes_written,
            "largest_page_bytes": result.largest_page,
            "seconds": round(result.seconds, 3),
        }
    )
