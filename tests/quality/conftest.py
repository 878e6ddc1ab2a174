"""Fixtures for the quality tests: a tiny warehouse, a broken copy, and suite runs on both
(session-scoped: Great Expectations is slow to import, so each suite runs once)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from helpers_quality import build_tiny_warehouse

from gwr.quality import SuiteReport, run_warehouse_suite

BREAKAGES = [
    # a duplicate target_id
    "INSERT INTO mart.fct_target SELECT * FROM mart.fct_target WHERE target_id = 't_gdp'",
    # a status outside the vocabulary
    "UPDATE mart.fct_variance SET status = 'unknown' WHERE target_id = 't_retail'",
    # value_base no longer value x factor (410 亿元 is 41000000000 元, not 4100000000)
    "UPDATE mart.fct_target SET value_base = 4100000000 WHERE target_id = 't_retail'",
    # a target whose indicator is not in dim_indicator
    "UPDATE mart.fct_target SET indicator_id = 'no_such_indicator' WHERE target_id = 't_jobs'",
    # a documented view that is missing
    "DROP VIEW mart.v_department_progress",
]


@pytest.fixture(scope="session")
def tiny_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("good") / "warehouse" / "gwr.duckdb"
    build_tiny_warehouse(target)
    return target


@pytest.fixture(scope="session")
def broken_warehouse(tiny_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("broken") / "gwr.duckdb"
    shutil.copyfile(tiny_warehouse, target)
    con = duckdb.connect(str(target))
    try:
        for statement in BREAKAGES:
            con.execute(statement)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return target


@pytest.fixture(scope="session")
def good_report(tiny_warehouse: Path) -> SuiteReport:
    return run_warehouse_suite(tiny_warehouse, tiny_warehouse.parent / "quality")


@pytest.fixture(scope="session")
def broken_report(broken_warehouse: Path) -> SuiteReport:
    return run_warehouse_suite(broken_warehouse, broken_warehouse.parent / "quality")
