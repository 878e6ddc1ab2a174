"""Where things live. Every path can be overridden from the environment so the same
code runs on a laptop, in CI, or against object storage mounted elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """Input root with `reports/` and `spreadsheets/` (CONTRACT §1); `GWR_DATA` overrides."""
    return Path(os.environ.get("GWR_DATA") or REPO_ROOT / "data")


def reference_dir() -> Path:
    """Reference catalogs (indicators, departments); `GWR_REFERENCE` overrides."""
    return Path(os.environ.get("GWR_REFERENCE") or REPO_ROOT / "data" / "reference")


def warehouse_path() -> Path:
    """The published DuckDB file BI tools open; `GWR_WAREHOUSE` overrides."""
    return Path(os.environ.get("GWR_WAREHOUSE") or REPO_ROOT / "data" / "warehouse" / "gwr.duckdb")


def cache_dir(warehouse: Path | None = None) -> Path:
    """Parse cache keyed by content hash; lives beside the warehouse unless `GWR_CACHE` says."""
    if os.environ.get("GWR_CACHE"):
        return Path(os.environ["GWR_CACHE"])
    return (warehouse or warehouse_path()).parent / "cache"


def sql_dir() -> Path:
    """The dbt project of the warehouse layer; `GWR_DBT_PROJECT` points at another copy
    (tests break one on purpose to show that a failed audit publishes nothing)."""
    return Path(os.environ.get("GWR_DBT_PROJECT") or REPO_ROOT / "sql")
