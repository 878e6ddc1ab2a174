"""Resources: where the inputs are and where the warehouse is published.

Every path comes from configuration (environment variables with repository defaults),
so the same definitions run on a laptop, in CI, or on a cluster with mounted storage.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dagster as dg
from dagster_duckdb import DuckDBResource

from gwr import locks, settings

if TYPE_CHECKING:
    from collections.abc import Iterator

    import duckdb


class InputFolders(dg.ConfigurableResource):
    """The input root (`reports/`, `spreadsheets/`) and the reference catalogs."""

    data_dir: str
    reference_dir: str

    @property
    def data_path(self) -> Path:
        return Path(self.data_dir)

    @property
    def reference_path(self) -> Path:
        return Path(self.reference_dir)


class WarehouseResource(dg.ConfigurableResource):
    """The published DuckDB file. Writers build a new file and swap it in atomically;
    readers (checks, BI tools) open it read-only and never block the refresh."""

    path: str
    cache_dir: str = ""
    lock_wait_seconds: float = locks.DEFAULT_DUCKDB_LOCK_WAIT_SECONDS

    @property
    def file(self) -> Path:
        return Path(self.path)

    @property
    def cache_path(self) -> Path:
        return Path(self.cache_dir) if self.cache_dir else settings.cache_dir(self.file)

    @contextmanager
    def read_only(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection; waits (bounded) while another process holds the file
        read-write, then raises `WarehouseLockedError` (permanent: not retried)."""
        with locks.read_only_waiting(self.file, wait=self.lock_wait_seconds) as con:
            yield con


def _env_or_default(name: str, default: Path) -> Any:
    # EnvVar shows in the UI as configured from the environment; without the variable the
    # repository default keeps `make run` working out of the box.
    return dg.EnvVar(name) if os.environ.get(name) else str(default)


def default_resources() -> dict[str, Any]:
    wh = _env_or_default("GWR_WAREHOUSE", settings.warehouse_path())
    return {
        "inputs": InputFolders(
            data_dir=_env_or_default("GWR_DATA", settings.data_dir()),
            reference_dir=_env_or_default("GWR_REFERENCE", settings.reference_dir()),
        ),
        "warehouse": WarehouseResource(
            path=wh, cache_dir=_env_or_default("GWR_CACHE", settings.cache_dir())
        ),
        # Read-only access for ad-hoc queries from ops and checks.
        "duckdb": DuckDBResource(database=wh, connection_config={"access_mode": "READ_ONLY"}),
    }
