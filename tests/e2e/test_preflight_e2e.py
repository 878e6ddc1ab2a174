"""Issue 10: a night where nothing changed starts no run at all.

`gwr refresh` (and the nightly schedule) first ask gwr.preflight whether the published
warehouse is what a run would build, from one `stat` per input file. Here the bundled data
is refreshed once, then again: the second refresh starts no Dagster run, says so, leaves
the published file as it is and records an observation of `input_changes` in the instance
(DAGSTER_HOME). The nightly schedule's tick is skipped with the same reason. A touched
file starts a run, whose gate finds nothing changed by content and records the new stats,
so the night after is fast again.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

pytestmark = pytest.mark.e2e

OLD_NS = 1_600_000_000 * 10**9


def _refresh() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gwr.cli", "refresh"], env=dict(os.environ),
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip


def _file_id(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def _runs(home: Path) -> int:
    with dg.DagsterInstance.from_config(str(home)) as instance:
        return len(instance.get_runs())


def _observations(home: Path) -> list[dict[str, object]]:
    with dg.DagsterInstance.from_config(str(home)) as instance:
        records = instance.fetch_observations(dg.AssetKey("input_changes"), limit=100).records
        return [
            {k: v.value for k, v in r.asset_observation.metadata.items()}  # type: ignore[union-attr]
            for r in records
        ]


def test_nothing_changed_starts_no_run(gwr_env: dict[str, Path]) -> None:
    data, wh = gwr_env["data"], gwr_env["warehouse"]
    home = Path(os.environ["DAGSTER_HOME"])
    for path in data.rglob("*"):  # files sent yesterday: their stats vouch for them
        if path.is_file():
            os.utime(path, ns=(OLD_NS, OLD_NS))

    first = _refresh()
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Published" in first.stdout
    before = _file_id(wh)
    assert _runs(home) == 1

    again = _refresh()
    assert again.returncode == 0, again.stdout + again.stderr
    assert "nothing changed since the published warehouse (built " in again.stdout
    assert "unchanged by size and mtime): nothing rebuilt" in again.stdout
    assert "checked before any run" in again.stdout
    assert "targets" in again.stdout  # the published summary, read-only
    assert _file_id(wh) == before
    assert _runs(home) == 1  # no run started
    (seen,) = [o for o in _observations(home) if str(o.get("checked_by", "")).startswith("stat")]
    assert seen["decision"] == "unchanged"

    # the nightly schedule: its tick is skipped with the reason, and starts nothing; what
    # a killed refresh left goes all the same (its process is gone)
    from pipelines.schedules import nightly_refresh

    leftover = wh.parent / ".build-killed"
    leftover.mkdir()
    (leftover / "owner.json").write_text(
        json.dumps({"pid": 2**22 + 1, "host": socket.gethostname(), "started": 0})
    )

    # the context as a context manager: the instance it opens from the reference is
    # closed with it (left open, it would stay Dagster's current one after this test)
    with (
        dg.DagsterInstance.from_config(str(home)) as instance,
        dg.build_schedule_context(instance=instance) as context,
    ):
        tick = nightly_refresh.evaluate_tick(context)
    assert not tick.run_requests
    assert "nothing changed since the published warehouse" in str(tick.skip_message)
    assert _file_id(wh) == before
    assert not leftover.exists()

    # a touch (a sync rewriting mtimes): a run starts; its gate finds nothing changed by
    # content, publishes nothing and records the new stats …
    sheet = next((data / "spreadsheets").rglob("*.csv"))
    os.utime(sheet, ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    touched = _refresh()
    assert touched.returncode == 0, touched.stdout + touched.stderr
    assert "nothing changed since the published warehouse (built " in touched.stdout
    assert "checked before any run" not in touched.stdout
    assert _runs(home) == 2 and _file_id(wh) == before
    # … so the next night is a stat check again
    assert "checked before any run" in _refresh().stdout
    assert _runs(home) == 2

    # one byte changed: the schedule starts the run (whose rebuild test_unchanged_e2e shows)
    sheet.write_bytes(sheet.read_bytes() + b"\n")
    os.utime(sheet, ns=(OLD_NS + 2 * 10**9, OLD_NS + 2 * 10**9))
    with (
        dg.DagsterInstance.from_config(str(home)) as instance,
        dg.build_schedule_context(instance=instance) as context,
    ):
        tick = nightly_refresh.evaluate_tick(context)
    assert len(tick.run_requests or []) == 1
    assert "input files added, removed or modified" in str(tick.run_requests[0].tags)
