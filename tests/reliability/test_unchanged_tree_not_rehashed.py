"""Finding 8 (and issue 10): the input sensor stats first and hashes only what changed.

On main every tick of `input_files_sensor` hashed every input file in full (an 8 GB file
took 23 s, every 30 s). The cursor now keeps (size, mtime_ns) per file beside its hash.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dagster as dg
import pytest

import gwr.inputs
from pipelines.resources import InputFolders
from pipelines.sensors import input_files_sensor


def _tick(data: Path, cursor: str | None) -> dg.SensorResult:
    context = dg.build_sensor_context(
        cursor=cursor, resources={"inputs": InputFolders(data_dir=str(data), reference_dir="")}
    )
    result = input_files_sensor(context)
    assert isinstance(result, dg.SensorResult)
    return result


def _age(path: Path, seconds: int = 60) -> None:
    """Set the mtime in the past (files written within the last 2 s are re-hashed)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


def test_an_unchanged_tree_is_not_hashed_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red on main: the second tick hashed every file again."""
    for path in data_dir.rglob("*"):
        if path.is_file():
            _age(path)
    hashed: list[str] = []
    real = gwr.inputs.sha256_file
    monkeypatch.setattr(gwr.inputs, "sha256_file", lambda p: hashed.append(p.name) or real(p))

    first = _tick(data_dir, None)
    assert len(first.run_requests or []) == 1
    n_files = len(json.loads(first.cursor or "{}")["files"])
    assert len(hashed) == n_files > 10

    hashed.clear()
    second = _tick(data_dir, first.cursor)
    assert not second.run_requests and hashed == []

    # touched but unchanged: hashed once (stat changed), no run; then not again
    sheet = next((data_dir / "spreadsheets").rglob("*.csv"))
    os.utime(sheet)
    _age(sheet, 30)
    third = _tick(data_dir, second.cursor)
    assert not third.run_requests and hashed == [sheet.name]
    hashed.clear()
    assert not _tick(data_dir, third.cursor).run_requests and hashed == []

    # changed: only that file is hashed, and a run is requested
    sheet.write_bytes(sheet.read_bytes() + b"\n")
    _age(sheet, 10)
    changed = _tick(data_dir, third.cursor)
    assert hashed == [sheet.name]
    assert "changed: 1" in (changed.run_requests or [])[0].tags["gwr/changes"]


def test_a_file_written_just_now_is_hashed_again_next_tick(tmp_path: Path) -> None:
    """Within the file system's timestamp granularity a rewrite of the same size may keep
    its mtime: such a recent file is not trusted by its stat on the next tick."""
    data = tmp_path / "data"
    (data / "spreadsheets").mkdir(parents=True)
    (data / "spreadsheets" / "s.csv").write_text("指标,完成值\nGDP,1\n", encoding="utf-8")
    cursor = json.loads(_tick(data, None).cursor or "{}")
    assert cursor["files"] and cursor["stats"] == {}
