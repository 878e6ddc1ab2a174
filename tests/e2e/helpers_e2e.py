"""Run the refresh job against temporary folders and open the result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

from gwr import settings
from pipelines.definitions import build_definitions
from pipelines.resources import InputFolders, WarehouseResource


def resources_for(data_dir: Path, warehouse: Path, cache: Path) -> dict[str, Any]:
    from dagster_duckdb import DuckDBResource

    return {
        "inputs": InputFolders(data_dir=str(data_dir), reference_dir=str(settings.reference_dir())),
        "warehouse": WarehouseResource(path=str(warehouse), cache_dir=str(cache)),
        "duckdb": DuckDBResource(
            database=str(warehouse), connection_config={"access_mode": "READ_ONLY"}
        ),
    }


def run_refresh(
    data_dir: Path,
    warehouse: Path,
    cache: Path,
    *,
    tags: dict[str, str] | None = None,
    reference: Path | None = None,
    asset_selection: list[dg.AssetKey] | None = None,
) -> dg.ExecuteInProcessResult:
    resources = resources_for(data_dir, warehouse, cache)
    if reference is not None:
        resources["inputs"] = InputFolders(data_dir=str(data_dir), reference_dir=str(reference))
    defs = build_definitions(resources)
    job = defs.resolve_job_def("refresh_warehouse")
    return job.execute_in_process(
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
        tags=tags,
        asset_selection=asset_selection,
    )


def query(warehouse: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def output_metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict[str, Any]:
    for event in result.get_asset_materialization_events():
        mat = event.step_materialization_data.materialization
        if mat.asset_key.to_user_string() == asset:
            return {k: v.value for k, v in mat.metadata.items()}
    raise KeyError(asset)
