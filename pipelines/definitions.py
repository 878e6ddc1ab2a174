"""Definitions loaded by `dagster dev -w workspace.yaml` and by `gwr refresh`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dagster as dg

from assets import changes, quality, reference, reports, scorecard, spreadsheets, warehouse
from pipelines.jobs import parse_spreadsheet_folders, refresh_warehouse
from pipelines.resources import default_resources
from pipelines.schedules import nightly_refresh
from pipelines.sensors import (
    dead_refresh_runs,
    input_files_sensor,
    refresh_failure_summary,
    spreadsheet_folders_sensor,
)

ASSET_MODULES = [changes, reports, spreadsheets, reference, warehouse, quality, scorecard]


def all_assets() -> list[Any]:
    return list(dg.load_assets_from_modules(ASSET_MODULES))


def all_asset_checks() -> list[Any]:
    return list(dg.load_asset_checks_from_modules(ASSET_MODULES))


def build_definitions(resources: Mapping[str, Any] | None = None) -> dg.Definitions:
    """The code location; tests pass resources pointing at a temporary warehouse."""
    return dg.Definitions(
        assets=all_assets(),
        asset_checks=all_asset_checks(),
        jobs=[refresh_warehouse, parse_spreadsheet_folders],
        schedules=[nightly_refresh],
        sensors=[
            input_files_sensor,
            refresh_failure_summary,
            dead_refresh_runs,
            spreadsheet_folders_sensor,
        ],
        resources=dict(resources or default_resources()),
    )


defs = build_definitions()
