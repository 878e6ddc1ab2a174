"""Reference catalogs and the mapping of every wording onto a canonical indicator."""

from collections.abc import Iterator
from typing import Any

import dagster as dg
import pandas as pd

from assets._errors import fail_fast_on_permanent_errors
from assets._metadata import (
    counts_table,
    frame_metadata,
    markdown_table,
    schema_check_result,
    schema_check_spec,
)
from gwr.build import (
    benchmark_frame,
    department_catalog_frame,
    department_resolution_frame,
    indicator_frame,
    load_catalog,
    resolve_indicators,
    unit_scales_frame,
)
from gwr.departments import DepartmentCatalog
from gwr.indicators import Resolver
from gwr.inputs import code_fingerprint
from gwr.resolution_cache import ResolutionCache
from pipelines.resources import InputFolders, WarehouseResource
from schemas import (
    BenchmarkSchema,
    IndicatorCatalogSchema,
    IndicatorResolutionSchema,
    validate_lazily,
)

OWNERS = ["team:data-engineering"]
#: the gate (assets/changes.py): the catalogs are read only when something changed
GATE = "input_changes"


@dg.asset(
    deps=[GATE],
    group_name="reference",
    code_version=code_fingerprint("indicators", "build"),
    kinds={"python", "csv"},
    owners=OWNERS,
    check_specs=[
        schema_check_spec("catalog_schema", "indicator_catalog", "IndicatorCatalogSchema")
    ],
)
@fail_fast_on_permanent_errors
def indicator_catalog(inputs: InputFolders) -> Iterator[Any]:
    """The canonical indicators (data/reference/indicators.csv): names in Chinese and
    English, measure, unit, accumulation and direction. Targets and actuals meet only
    through this catalog, so it decides what can be compared at all."""
    frame = indicator_frame(inputs.reference_path)
    yield dg.Output(
        frame, metadata={**frame_metadata(frame), "by_measure": counts_table(frame, ["measure"])}
    )
    yield schema_check_result(validate_lazily(IndicatorCatalogSchema, frame), "catalog_schema")


@dg.asset(
    group_name="reference",
    code_version=code_fingerprint("indicators", "build", "resolution_cache"),
    kinds={"python", "pandas"},
    owners=OWNERS,
    check_specs=[
        schema_check_spec("resolution_schema", "indicator_resolution", "IndicatorResolutionSchema"),
        dg.AssetCheckSpec(
            "all_wordings_resolved",
            asset="indicator_resolution",
            description="WARN when a wording maps to no catalog indicator (kept as provisional).",
        ),
    ],
)
@fail_fast_on_permanent_errors
def indicator_resolution(
    context: dg.AssetExecutionContext,
    inputs: InputFolders,
    warehouse: WarehouseResource,
    indicator_catalog: pd.DataFrame,
    report_statements: pd.DataFrame,
    sheet_records: pd.DataFrame,
) -> Iterator[Any]:
    """Every indicator wording seen in reports and spreadsheets, mapped onto the catalog
    (synonyms, suffixes, fuzzy matches). What cannot be placed gets a provisional id:
    never dropped, never wrongly merged. Wordings resolved by an earlier run with the
    same catalog and resolver code come from the resolution cache."""
    resolver = Resolver(load_catalog(inputs.reference_path))
    cache = ResolutionCache(warehouse.cache_path, resolver)
    resolution = resolve_indicators([report_statements, sheet_records], resolver, cache)
    context.log.info(f"indicator wordings: {cache.misses} resolved, {cache.hits} from cache")
    yield dg.Output(
        resolution,
        metadata={
            **frame_metadata(resolution),
            "by_method": counts_table(resolution, ["method"]),
            "wordings_resolved": cache.misses,
            "wordings_from_cache": cache.hits,
            "resolution_cache": dg.MetadataValue.path(str(cache.path)),
        },
    )
    yield schema_check_result(
        validate_lazily(IndicatorResolutionSchema, resolution), "resolution_schema"
    )
    unresolved = resolution[resolution["provisional"]]
    yield dg.AssetCheckResult(
        check_name="all_wordings_resolved",
        passed=unresolved.empty,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "unresolved": len(unresolved),
            "resolved": int((~resolution["provisional"]).sum()),
            "unresolved_wordings": dg.MetadataValue.md(
                markdown_table(
                    unresolved[
                        ["indicator_text", "measure", "n", "best_candidate", "best_score"]
                    ].sort_values("n", ascending=False),
                    limit=50,
                )
            ),
        },
    )


@dg.asset(
    deps=[GATE],
    group_name="reference",
    kinds={"python", "csv"},
    owners=OWNERS,
    code_version=code_fingerprint("build", "units"),
    check_specs=[schema_check_spec("benchmarks_schema", "benchmark_values", "BenchmarkSchema")],
)
@fail_fast_on_permanent_errors
def benchmark_values(inputs: InputFolders) -> Iterator[Any]:
    """Published values of the benchmarks that qualitative targets name (全省平均水平 …),
    from data/reference/benchmarks.csv: with one loaded, a target such as 增速不低于全省平均水平
    is judged like a numeric one instead of staying not comparable."""
    frame = benchmark_frame(inputs.reference_path)
    yield dg.Output(frame, metadata=frame_metadata(frame))
    yield schema_check_result(validate_lazily(BenchmarkSchema, frame), "benchmarks_schema")


@dg.asset(
    deps=[GATE],
    group_name="reference",
    code_version=code_fingerprint("departments", "build"),
    kinds={"python", "csv"},
    owners=OWNERS,
)
@fail_fast_on_permanent_errors
def department_catalog(inputs: InputFolders) -> dg.Output[pd.DataFrame]:
    """The department catalog (data/reference/departments.csv): functions, names in Chinese
    and English, aliases, and the precedence that decides whose figure counts when several
    departments report one value (1 = the statistics bureau)."""
    frame = department_catalog_frame(inputs.reference_path)
    return dg.Output(frame, metadata=frame_metadata(frame))


@dg.asset(
    group_name="reference",
    code_version=code_fingerprint("departments", "build"),
    kinds={"python", "pandas"},
    owners=OWNERS,
)
@fail_fast_on_permanent_errors
def department_resolution(
    inputs: InputFolders, department_catalog: pd.DataFrame, sheet_records: pd.DataFrame
) -> dg.Output[pd.DataFrame]:
    """Every department name as written in the spreadsheets (市统计局, 巴中市统计局 …) with the
    department it is; staging SQL attaches the ids from this table."""
    catalog = DepartmentCatalog.load(inputs.reference_path / "departments.csv")
    frame = department_resolution_frame(sheet_records, catalog)
    return dg.Output(frame, metadata=frame_metadata(frame))


@dg.asset(
    group_name="reference",
    code_version=code_fingerprint("units", "build"),
    kinds={"python", "pandas"},
    owners=OWNERS,
)
@fail_fast_on_permanent_errors
def unit_scales(
    report_statements: pd.DataFrame, sheet_records: pd.DataFrame, benchmark_values: pd.DataFrame
) -> dg.Output[pd.DataFrame]:
    """Base unit and scale factor of every unit seen (亿元 -> 元 x 1e8): the dbt test
    value_base_scaled checks every value_base against it."""
    frame = unit_scales_frame([report_statements, sheet_records, benchmark_values])
    return dg.Output(frame, metadata=frame_metadata(frame))
