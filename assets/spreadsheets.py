"""Departmental progress spreadsheets (目标任务完成情况表): find them, read every value."""

import time
from collections.abc import Iterator
from typing import Any

import dagster as dg
import pandas as pd

from assets._errors import fail_fast_on_permanent_errors
from assets._metadata import (
    counts_table,
    frame_metadata,
    row_split_check_result,
    schema_check_result,
    schema_check_spec,
)
from gwr.cache import ParseCache
from gwr.ingest import documents_frame, quarantine_rejected, sheet_parser_version
from gwr.inputs import code_fingerprint, discover, discover_cached, files_frame, files_from_frame
from gwr.parts import (
    PartStore,
    build_missing_parts,
    folder_of,
    part_version,
    read_spreadsheets_by_parts,
)
from pipelines.resources import InputFolders, WarehouseResource
from schemas import (
    DocumentSchema,
    QuarantineSchema,
    validate_lazily,
)

OWNERS = ["team:data-engineering"]


@dg.asset(
    group_name="spreadsheets",
    code_version=code_fingerprint("inputs"),
    kinds={"python", "excel"},
    owners=OWNERS,
    check_specs=[schema_check_spec("documents_schema", "spreadsheet_documents", "DocumentSchema")],
)
@fail_fast_on_permanent_errors
def spreadsheet_documents(inputs: InputFolders, warehouse: WarehouseResource) -> Iterator[Any]:
    """Every file departments sent under `spreadsheets/` (.xlsx/.xls/.ods/.csv), fingerprinted
    by content; files of other types are listed too, so they can be quarantined, not lost."""
    listed_at_ns = time.time_ns()  # stats older than this vouch for content (racy rule)
    files = discover_cached(
        inputs.data_path, "spreadsheet", warehouse.cache_path, listed_at_ns=listed_at_ns
    )
    frame = files_frame(files, listed_at_ns)
    yield dg.Output(
        frame, metadata={**frame_metadata(frame), "by_kind": counts_table(frame, ["kind"])}
    )
    yield schema_check_result(
        validate_lazily(DocumentSchema, documents_frame(files)), "documents_schema"
    )


@dg.multi_asset(
    deps=[
        "input_changes",  # the gate: skipped when nothing changed (assets/changes.py)
        # lineage only: parts a backfill built are read, not rebuilt; the rest built here
        dg.AssetDep("sheet_folder_parts", partition_mapping=dg.AllPartitionMapping()),
    ],
    outs={
        "sheet_records": dg.AssetOut(
            group_name="spreadsheets",
            kinds={"python", "pandas"},
            owners=OWNERS,
            description="Every value departments reported: indicator as written, period, "
            "department, value in its unit and in base units: the delivered side of "
            "promised-versus-delivered.",
            code_version=part_version(),
        ),
        "sheet_quarantine": dg.AssetOut(
            group_name="spreadsheets",
            kinds={"python", "pandas"},
            owners=OWNERS,
            description="Rows and whole files that could not be read, with file, sheet, row, "
            "raw cells and the reason, so the department can be asked to fix them.",
            code_version=part_version(),
        ),
    },
    check_specs=[
        schema_check_spec(
            "records_schema", "sheet_records", "SheetRecordSchema", quarantines_rows=True
        ),
        schema_check_spec("quarantine_schema", "sheet_quarantine", "QuarantineSchema"),
    ],
)
@fail_fast_on_permanent_errors
def sheet_records(
    context: dg.AssetExecutionContext,
    spreadsheet_documents: pd.DataFrame,
    warehouse: WarehouseResource,
) -> Iterator[Any]:
    """Read each spreadsheet; unchanged files come from the parse cache. Reading needs no
    report: a file naming no region keeps region NULL and staging SQL gives it the
    warehouse's single region (CONTRACT §1.2). A record failing a row-level check of its
    model goes to sheet_quarantine and the rest is published."""
    cache = ParseCache(warehouse.cache_path, "spreadsheets", sheet_parser_version())
    result = read_spreadsheets_by_parts(
        files_from_frame(spreadsheet_documents),
        cache,
        PartStore(warehouse.cache_path),
        cache_root=warehouse.cache_path,
    )
    context.log.info(
        f"spreadsheets: {result.parsed} parsed, {result.cached} from cache; "
        f"{result.parts_built} of {result.parts} folder parts built, the rest reused"
    )
    split = result.split
    records = split.valid
    quarantine = pd.concat(
        [result.quarantine, quarantine_rejected(split.rejected)], ignore_index=True
    )
    yield dg.Output(
        records,
        output_name="sheet_records",
        metadata={
            **frame_metadata(records),
            "files_parsed": result.parsed,
            "files_from_cache": result.cached,
            "parts_built": result.parts_built,
            "parts_reused": result.parts_reused,
            "rows_quarantined": len(split.rejected),
            "records_by_department_and_measure": counts_table(records, ["department", "measure"]),
        },
    )
    yield dg.Output(
        quarantine,
        output_name="sheet_quarantine",
        metadata={**frame_metadata(quarantine), "by_reason": counts_table(quarantine, ["reason"])},
    )
    yield row_split_check_result(split, "records_schema", dg.AssetKey("sheet_records"))
    yield schema_check_result(
        validate_lazily(QuarantineSchema, quarantine),
        "quarantine_schema",
        dg.AssetKey("sheet_quarantine"),
    )


#: One partition per top-level folder under `spreadsheets/` (a region, by the CONTRACT's
#: layout; "." for files at the top level). The `spreadsheet_folders` sensor keeps them in
#: step with the folders on disk.
spreadsheet_folders = dg.DynamicPartitionsDefinition(name="spreadsheet_folders")


@dg.asset(
    partitions_def=spreadsheet_folders,
    group_name="spreadsheets",
    code_version=part_version(),
    kinds={"python", "parquet"},
    owners=OWNERS,
)
@fail_fast_on_permanent_errors
def sheet_folder_parts(
    context: dg.AssetExecutionContext, inputs: InputFolders, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """One folder of department files parsed and validated into Parquet parts in the parse
    cache: the unit a backfill fans out over processes here, or over pods with dagster-k8s
    (same Definitions, the cache on a shared volume). The nightly `sheet_records` then
    reads the parts built here instead of parsing, and builds only what is missing; so a
    refresh after a backfill of every folder gives the tables an unpartitioned one gives."""
    folder = context.partition_key
    files = [
        f
        for f in discover(inputs.data_path, kind="spreadsheet", under=folder)
        if folder_of(f) == folder
    ]
    store = PartStore(warehouse.cache_path)
    cache = ParseCache(warehouse.cache_path, "spreadsheets", sheet_parser_version())
    plan, stale, counts = build_missing_parts(files, cache, store, warehouse.cache_path)
    context.log.info(f"{folder}: {len(files)} files, {len(stale)} of {len(plan)} parts built")
    return dg.MaterializeResult(
        metadata={
            "folder": folder,
            "files": len(files),
            "parts": len(plan),
            "parts_built": len(stale),
            "files_parsed": counts["parsed"],
            "parts_path": dg.MetadataValue.path(str(store.dir)),
        }
    )
