"""The scale-out path: spreadsheet folders parsed as partitions, two at once in separate
processes (`dagster asset materialize`, the multiprocess executor), then the nightly
refresh: it reads their parts instead of parsing, and the warehouse is the one an
unpartitioned refresh makes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import pytest

from assets.spreadsheets import spreadsheet_folders
from gwr.parts import spreadsheet_folder_names
from pipelines.definitions import build_definitions
from pipelines.resources import InputFolders
from pipelines.sensors import spreadsheet_folders_sensor

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "e2e"))

from helpers_e2e import output_metadata, run_refresh  # noqa: E402

pytestmark = pytest.mark.e2e
#: columns that say when or by which run a row was loaded, not what it says
VOLATILE = {"loaded_at", "built_at", "published_at", "run_id", "refreshed_at"}


def _tables(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema IN ('mart', 'raw') ORDER BY 1, 2"
        ).fetchall()
        out = {}
        for schema, table in tables:
            cols = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = ? "
                    "AND table_name = ? ORDER BY ordinal_position",
                    [schema, table],
                ).fetchall()
                if c not in VOLATILE
            ]
            select = ", ".join(f'"{c}"' for c in cols)
            rows = con.execute(f'SELECT {select} FROM "{schema}"."{table}" ORDER BY ALL')
            out[f"{schema}.{table}"] = rows.fetchall()
        return out
    finally:
        con.close()


@pytest.fixture
def two_folders(data_dir: Path) -> Path:
    """The bundled spreadsheets, and a second region's folder."""
    src = data_dir / "spreadsheets" / "巴中市"
    other = data_dir / "spreadsheets" / "通江县"
    other.mkdir()
    for name in sorted(p.name for p in src.iterdir())[:6]:
        shutil.copy(src / name, other / name)
    return data_dir


def test_the_folder_sensor_keeps_partitions_in_step(two_folders: Path, tmp_path: Path) -> None:
    instance = dg.DagsterInstance.ephemeral()
    defs = build_definitions()
    inputs = InputFolders(data_dir=str(two_folders), reference_dir=str(REPO / "data/reference"))
    context = dg.build_sensor_context(instance=instance, resources={"inputs": inputs})
    result = spreadsheet_folders_sensor(context)
    assert isinstance(result, dg.SensorResult)
    instance.add_dynamic_partitions(
        spreadsheet_folders.name, list(result.dynamic_partitions_requests[0].partition_keys)
    )
    assert sorted(instance.get_dynamic_partitions(spreadsheet_folders.name)) == ["巴中市", "通江县"]
    shutil.rmtree(two_folders / "spreadsheets" / "通江县")
    again = spreadsheet_folders_sensor(context)
    assert isinstance(again, dg.SensorResult)
    assert [list(r.partition_keys) for r in again.dynamic_partitions_requests] == [["通江县"]]
    assert defs.resolve_job_def("parse_spreadsheet_folders") is not None


def test_partitions_in_parallel_then_refresh_equal_an_unpartitioned_refresh(
    two_folders: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = two_folders
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("")
    fanned = {"warehouse": tmp_path / "fanned" / "gwr.duckdb", "cache": tmp_path / "fanned-cache"}
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "GWR_DATA": str(data),
        "GWR_WAREHOUSE": str(fanned["warehouse"]),
        "GWR_CACHE": str(fanned["cache"]),
    }
    folders = spreadsheet_folder_names(data / "spreadsheets")
    assert folders == ["巴中市", "通江县"]
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    instance = dg.DagsterInstance.get()
    instance.add_dynamic_partitions(spreadsheet_folders.name, folders)

    dagster = Path(sys.executable).with_name("dagster")
    materialize = [str(dagster), "asset", "materialize", "-m", "pipelines.definitions"]
    materialize += ["--select", "sheet_folder_parts"]
    procs = [
        subprocess.Popen(
            [*materialize, "--partition", folder],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for folder in folders
    ]  # both at once: two processes, each its own run
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, out[-3000:]
    runs = instance.get_run_records()
    assert sorted(r.dagster_run.tags.get("dagster/partition") for r in runs) == folders

    after_backfill = run_refresh(data, fanned["warehouse"], fanned["cache"])
    assert after_backfill.success
    meta = output_metadata(after_backfill, "sheet_records")
    assert (meta["files_parsed"], meta["parts_built"], meta["parts_reused"]) == (0, 0, 2)

    plain = {"warehouse": tmp_path / "plain" / "gwr.duckdb", "cache": tmp_path / "plain-cache"}
    unpartitioned = run_refresh(data, plain["warehouse"], plain["cache"])
    assert unpartitioned.success
    assert output_metadata(unpartitioned, "sheet_records")["parts_built"] == 2
    fanned_tables = _tables(fanned["warehouse"])
    plain_tables = _tables(plain["warehouse"])
    assert fanned_tables.keys() == plain_tables.keys()
    assert sum(len(rows) for rows in plain_tables.values()) > 100
    for name in plain_tables:
        assert fanned_tables[name] == plain_tables[name], name
