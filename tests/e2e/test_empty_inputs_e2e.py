"""A data folder with nothing in it yet (a new deployment) still refreshes cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_e2e import query, run_refresh

pytestmark = pytest.mark.e2e


def test_empty_inputs_give_an_empty_but_complete_warehouse(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()  # not even reports/ or spreadsheets/
    wh = tmp_path / "wh" / "gwr.duckdb"
    result = run_refresh(data, wh, tmp_path / "cache")
    assert result.success
    for table in ("mart.fct_target", "mart.fct_actual", "mart.fct_variance", "mart.quarantine"):
        assert query(wh, f"SELECT count(*) FROM {table}") == [(0,)]
    ((indicators,),) = query(wh, "SELECT count(*) FROM mart.dim_indicator")
    assert indicators > 100  # the catalog is there for BI tools from day one
