"""Shared fixtures: a private copy of the bundled inputs and a temporary warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_DATA = REPO_ROOT / "data"


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the bundled reports and spreadsheets that a test may change freely."""
    target = tmp_path / "data"
    for folder in ("reports", "spreadsheets"):
        src = BUNDLED_DATA / folder
        if src.exists():
            shutil.copytree(src, target / folder)
        else:
            (target / folder).mkdir(parents=True)
    return target


@pytest.fixture
def warehouse_file(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "gwr.duckdb"


@pytest.fixture
def gwr_env(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, warehouse_file: Path, tmp_path: Path
) -> dict[str, Path]:
    """Point every GWR_* setting at temporary folders (and Dagster at a temp home)."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("")
    monkeypatch.setenv("GWR_DATA", str(data_dir))
    monkeypatch.setenv("GWR_WAREHOUSE", str(warehouse_file))
    monkeypatch.setenv("GWR_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return {"data": data_dir, "warehouse": warehouse_file, "cache": tmp_path / "cache"}
