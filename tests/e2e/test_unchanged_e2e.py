"""Issue 10: nothing changed publishes nothing new.

A refresh whose inputs' content hashes, reference files, code and settings are those the
published warehouse was built from rebuilds nothing: the gate `input_changes` yields no
output, every step downstream of it is skipped (through `ins` and through `deps=`), and
the published file keeps its inode and mtime. Changing one spreadsheet, one reference file
or the code, or forcing the run, rebuilds.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest
from helpers_e2e import query, run_refresh

import gwr.fingerprint
from gwr import settings

pytestmark = pytest.mark.e2e

GATE = [dg.AssetKey("report_documents"), dg.AssetKey("spreadsheet_documents"),
        dg.AssetKey("input_changes")]  # fmt: skip

#: steps downstream of the gate: through an input (warehouse_models: the fingerprint and
#: the frames), through `deps=` only (report_statements, sheet_records, the catalogs,
#: mart_parquet, warehouse_quality, warehouse_publish, scorecard), and transitively
SKIPPED = {
    "report_statements", "sheet_records", "indicator_catalog", "benchmark_values",
    "department_catalog", "indicator_resolution", "department_resolution", "unit_scales",
    "warehouse_models", "mart_parquet", "warehouse_quality", "warehouse_publish", "scorecard",
}  # fmt: skip


def _steps(result: dg.ExecuteInProcessResult, kind: str) -> set[str]:
    return {e.step_key for e in result.all_events if e.event_type_value == kind and e.step_key}


def _gate_output(result: dg.ExecuteInProcessResult) -> bool:
    """Whether the gate let the refresh through (it materialized input_changes)."""
    return any(
        e.step_materialization_data.materialization.asset_key == dg.AssetKey("input_changes")
        for e in result.get_asset_materialization_events()
    )


def _observation(result: dg.ExecuteInProcessResult) -> dict[str, object]:
    for e in result.all_events:
        if e.event_type_value == "ASSET_OBSERVATION":
            obs = e.event_specific_data.asset_observation
            return {k: v.value for k, v in obs.metadata.items()}
    raise AssertionError("no observation of input_changes")


def _file_id(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def test_nothing_changed_publishes_nothing_new(
    gwr_env: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, wh, cache = gwr_env["data"], gwr_env["warehouse"], gwr_env["cache"]
    reference = tmp_path / "reference"
    shutil.copytree(settings.reference_dir(), reference)
    monkeypatch.setenv("GWR_REFERENCE", str(reference))

    first = run_refresh(data, wh, cache, reference=reference)
    assert first.success, [e.message for e in first.all_events if e.is_failure]
    assert _gate_output(first)
    ((stored, files),) = query(wh, "SELECT fingerprint, files FROM meta.build")
    assert files > 0
    before = _file_id(wh)
    published_json = (wh.parent / "published.json").read_bytes()

    # a killed refresh's leftover (its process is gone): removed even when nothing is rebuilt
    leftover = wh.parent / ".build-killed"
    leftover.mkdir()
    (leftover / "owner.json").write_text(
        json.dumps({"pid": 2**22 + 1, "host": socket.gethostname(), "started": 0})
    )

    # 1. nothing changed: nothing downstream of the gate runs, the file stays
    again = run_refresh(data, wh, cache, reference=reference)
    assert again.success
    assert not _gate_output(again)
    skipped = _steps(again, "STEP_SKIPPED")
    assert not SKIPPED - skipped, SKIPPED - skipped
    assert _steps(again, "STEP_SUCCESS") == {"report_documents", "spreadsheet_documents",
                                               "input_changes"}  # fmt: skip
    assert _file_id(wh) == before
    assert (wh.parent / "published.json").read_bytes() == published_json
    assert not list(wh.parent.glob(".build-*"))  # no build folder made, the leftover gone
    seen = _observation(again)
    assert seen["decision"] == "unchanged"
    assert seen["fingerprint"] == seen["published_fingerprint"] == stored
    assert "nothing changed since the published warehouse (built" in str(seen["reason"])
    assert seen["published_built_at"] != "(none)"

    # … and `gwr refresh` as an operator runs it says so and exits 0
    done = subprocess.run(
        [sys.executable, "-m", "gwr.cli", "refresh"], env=dict(os.environ),
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "nothing changed since the published warehouse (built " in done.stdout
    assert "nothing rebuilt" in done.stdout
    assert "targets" in done.stdout  # the published warehouse's summary, read-only
    assert _file_id(wh) == before

    # 2. one spreadsheet changed: rebuilt and published
    sheet = next((data / "spreadsheets").rglob("*.csv"))
    sheet.write_bytes(sheet.read_bytes() + b"\n")
    changed = run_refresh(data, wh, cache, reference=reference)
    assert changed.success and _gate_output(changed)
    assert "warehouse_publish" in _steps(changed, "STEP_SUCCESS")
    assert _file_id(wh) != before
    ((restamped,),) = query(wh, "SELECT fingerprint FROM meta.build")
    assert restamped != stored
    after = _file_id(wh)

    # the rest only needs the gate's decision: the gate alone is run
    def gate_lets_through(**kwargs: object) -> bool:
        result = run_refresh(data, wh, cache, reference=reference, asset_selection=GATE,
                             **kwargs)  # type: ignore[arg-type]  # fmt: skip
        assert result.success
        return _gate_output(result)

    assert not gate_lets_through()
    # 3. a forced run rebuilds anyway
    assert gate_lets_through(tags={"gwr/force": "true"})
    # 4. one reference file changed
    bench = reference / "benchmarks.csv"
    original = bench.read_bytes()
    bench.write_bytes(original + b"\n")
    assert gate_lets_through()
    bench.write_bytes(original)
    assert not gate_lets_through()
    # 5. the code version changed
    real = gwr.fingerprint.project_code_fingerprint
    monkeypatch.setattr(gwr.fingerprint, "project_code_fingerprint", lambda: real() + "x")
    assert gate_lets_through()
    monkeypatch.setattr(gwr.fingerprint, "project_code_fingerprint", real)
    # 6. an output-changing setting changed
    monkeypatch.setenv("GWR_MAX_REJECTED_SHARE", "0.2")
    assert gate_lets_through()
    monkeypatch.delenv("GWR_MAX_REJECTED_SHARE")
    assert not gate_lets_through()
    # a touch changes no content: still nothing to do, and the published file never moved
    os.utime(sheet)
    assert not gate_lets_through()
    assert _file_id(wh) == after
