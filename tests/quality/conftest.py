"""Fixtures for the quality tests: a tiny warehouse built with the real dbt project, and
the Great Expectations suite run on it (session-scoped: GX is slow to import)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_quality import build_tiny_warehouse

from gwr.quality import SuiteReport, run_warehouse_suite


@pytest.fixture(scope="session")
def tiny_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("good") / "warehouse" / "gwr.duckdb"
    build_tiny_warehouse(target)
    return target


@pytest.fixture(scope="session")
def good_report(tiny_warehouse: Path) -> SuiteReport:
    return run_warehouse_suite(tiny_warehouse, tiny_warehouse.parent / "quality")
