"""Government work reports: find them, extract every target and actual they state."""

import time
from collections.abc import Iterator
from typing import Any

import dagster as dg
import pandas as pd

from assets._errors import fail_fast_on_permanent_errors
from assets._metadata import (
    counts_table,
    frame_metadata,
    markdown_table,
    row_split_check_result,
    schema_check_result,
    schema_check_spec,
)
from gwr.cache import ParseCache
from gwr.ingest import (
    documents_frame,
    extract_reports,
    quarantine_rejected,
    report_parser_version,
)
from gwr.inputs import code_fingerprint, discover_cached, files_frame, files_from_frame
from pipelines.resources import InputFolders, WarehouseResource
from schemas import (
    DocumentSchema,
    QuarantineSchema,
    ReportStatementSchema,
    split_invalid,
    validate_lazily,
)

OWNERS = ["team:data-engineering"]


@dg.asset(
    group_name="reports",
    code_version=code_fingerprint("inputs"),
    kinds={"python", "text"},
    owners=OWNERS,
    check_specs=[schema_check_spec("documents_schema", "report_documents", "DocumentSchema")],
)
@fail_fast_on_permanent_errors
def report_documents(inputs: InputFolders, warehouse: WarehouseResource) -> Iterator[Any]:
    """Every government work report (政府工作报告, UTF-8 .txt) under `reports/`, fingerprinted
    by the sha256 of its bytes, so that later steps re-parse only what changed."""
    listed_at_ns = time.time_ns()  # stats older than this vouch for content (racy rule)
    files = discover_cached(
        inputs.data_path, "report", warehouse.cache_path, listed_at_ns=listed_at_ns
    )
    frame = files_frame(files, listed_at_ns)
    yield dg.Output(frame, metadata=frame_metadata(frame))
    yield schema_check_result(
        validate_lazily(DocumentSchema, documents_frame(files)), "documents_schema"
    )


@dg.multi_asset(
    deps=["input_changes"],  # the gate: skipped when nothing changed (assets/changes.py)
    outs={
        "report_statements": dg.AssetOut(
            group_name="reports",
            kinds={"python", "pandas"},
            owners=OWNERS,
            description="Every quantitative target and actual each report states (and the "
            "qualitative main targets), with its verbatim quote and character offsets: "
            "the promise side of promised-versus-delivered.",
            code_version=report_parser_version(),
        ),
        "report_quarantine": dg.AssetOut(
            group_name="reports",
            kinds={"python", "pandas"},
            owners=OWNERS,
            description="Reports that could not be used (not UTF-8, empty, year not stated "
            "and not given by a sidecar), each with the reason.",
            code_version=report_parser_version(),
        ),
    },
    check_specs=[
        schema_check_spec(
            "statements_schema",
            "report_statements",
            "ReportStatementSchema",
            quarantines_rows=True,
        ),
        schema_check_spec("quarantine_schema", "report_quarantine", "QuarantineSchema"),
        dg.AssetCheckSpec(
            "regions_determined",
            asset="report_statements",
            description="WARN when a report's region cannot be determined (from its text or "
            "its sidecar, through data/reference/divisions.csv): its rows keep region NULL, "
            "never a guessed word; lists each report with the reason.",
        ),
    ],
)
@fail_fast_on_permanent_errors
def report_statements(
    context: dg.AssetExecutionContext,
    report_documents: pd.DataFrame,
    warehouse: WarehouseResource,
) -> Iterator[Any]:
    """Extract statements from each report; unchanged reports come from the parse cache.
    A statement failing a row-level check of its model goes to report_quarantine (named in
    the check's metadata) and the rest is published."""
    files = files_from_frame(report_documents)
    cache = ParseCache(warehouse.cache_path, "reports", report_parser_version())
    result = extract_reports(files, cache)
    context.log.info(f"reports: {result.parsed} parsed, {result.cached} from cache")
    split = split_invalid(ReportStatementSchema, result.rows)
    stmts = split.valid
    yield dg.Output(
        stmts,
        output_name="report_statements",
        metadata={
            **frame_metadata(stmts),
            "reports_parsed": result.parsed,
            "reports_from_cache": result.cached,
            "rows_quarantined": len(split.rejected),
            "statements_by_kind_and_measure": counts_table(stmts, ["kind", "measure"]),
            "regions": dg.MetadataValue.json(result.regions),
        },
    )
    quarantine = pd.concat(
        [result.quarantine, quarantine_rejected(split.rejected)], ignore_index=True
    )
    yield dg.Output(
        quarantine, output_name="report_quarantine", metadata=frame_metadata(quarantine)
    )
    yield row_split_check_result(split, "statements_schema", dg.AssetKey("report_statements"))
    yield schema_check_result(
        validate_lazily(QuarantineSchema, quarantine),
        "quarantine_schema",
        dg.AssetKey("report_quarantine"),
    )
    yield regions_check_result(result.unresolved_regions, len(result.regions))


def regions_check_result(unresolved: dict[str, str], reports: int) -> dg.AssetCheckResult:
    """WARN listing the reports whose region is unknown (path and reason)."""
    listing = pd.DataFrame(
        sorted(unresolved.items()), columns=["path", "reason"]
    )  # sorted: deterministic metadata
    return dg.AssetCheckResult(
        asset_key=dg.AssetKey("report_statements"),
        check_name="regions_determined",
        passed=not unresolved,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "reports": reports,
            "region_unknown": len(unresolved),
            "reports_without_region": dg.MetadataValue.md(
                markdown_table(listing, limit=200) if unresolved else "(none)"
            ),
        },
    )
