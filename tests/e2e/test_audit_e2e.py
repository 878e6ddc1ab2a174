"""End to end: a broken mart blocks publication through Dagster and `gwr refresh`.

The first refresh publishes. Then the dbt project is broken (fct_target repeats a key,
GWR_DBT_PROJECT points at the broken copy) and `gwr refresh` runs as an operator runs it:
it exits 1, names the failing dbt test and its rows, says that nothing was published, and
refresh_failure.json holds the same; the published warehouse is the first one, intact."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_e2e import query, run_refresh

from gwr import settings

pytestmark = pytest.mark.e2e


def test_broken_mart_is_not_published_and_the_cli_names_the_test(
    gwr_env: dict[str, Path], tmp_path: Path
) -> None:
    wh = gwr_env["warehouse"]
    first = run_refresh(gwr_env["data"], wh, gwr_env["cache"])
    assert first.success
    before = wh.read_bytes()
    ((targets,),) = query(wh, "SELECT count(*) FROM mart.fct_target")

    project = tmp_path / "sql"
    shutil.copytree(settings.sql_dir(), project, ignore=shutil.ignore_patterns("target", "logs"))
    model = project / "models" / "marts" / "fct_target.sql"
    sql = model.read_text(encoding="utf-8")
    model.write_text(
        f"with m as (\n{sql}\n)\nselect * from m union all "
        "select * from m where target_id = (select min(target_id) from m)\n",
        encoding="utf-8",
    )
    env = {**os.environ, "GWR_DBT_PROJECT": str(project)}
    done = subprocess.run(
        [sys.executable, "-m", "gwr.cli", "refresh"], env=env, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    err = done.stderr
    assert "unique_fct_target_target_id" in err and "failing row" in err, err
    assert "Nothing was published" in err and "is still the warehouse published at" in err
    assert "mart/fct_target:unique_fct_target_target_id did not pass (ERROR)" in err

    failure = json.loads((wh.parent / "refresh_failure.json").read_text(encoding="utf-8"))
    (check,) = [c for c in failure["failed_checks"] if c["name"] == "unique_fct_target_target_id"]
    assert check["rows"] and check["rows"][0]["n_records"] == 2
    assert failure["published"]["path"] == str(wh)

    assert wh.read_bytes() == before
    assert query(wh, "SELECT count(*) FROM mart.fct_target") == [(targets,)]
    assert [p.name for p in wh.parent.iterdir() if p.name.startswith(".build-")] == []
