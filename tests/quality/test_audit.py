"""Write-audit-publish: a broken mart is never published, and the message names the test.

The real dbt project is copied and broken on purpose (GWR_DBT_PROJECT points at the copy):
fct_target repeats a key, or fct_variance writes a status outside the vocabulary. The build
fails its dbt tests; the last good warehouse and its Parquet export stay as they were."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers_quality import raw_frames

from gwr import settings
from gwr.build import AuditFailed, build_warehouse
from gwr.warehouse import read_only


def _wrap(sql: str, outer: str) -> str:
    """The model's own SQL as a CTE `m`, and `outer` selecting from it."""
    return f"with m as (\n{sql}\n)\n{outer}\n"


BREAKAGES = {
    "duplicated_key": (
        "fct_target.sql",
        "select * from m union all select * from m where target_id = 't_gdp'",
        "unique_fct_target_target_id",
        "t_gdp",
    ),
    "status_outside_vocabulary": (
        "fct_variance.sql",
        "select * replace (case when target_id = 't_retail' then 'unknown' else status end"
        " as status) from m",
        "accepted_values_fct_variance_status",
        "unknown",
    ),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("wap") / "wh" / "gwr.duckdb"
    build_warehouse(target, raw_frames(), quality=False)
    return target


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_broken_mart_blocks_publication_and_names_the_test(
    breakage: str, published: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model, outer, test_name, bad_value = BREAKAGES[breakage]
    project = tmp_path / "sql"
    shutil.copytree(settings.sql_dir(), project, ignore=shutil.ignore_patterns("target", "logs"))
    path = project / "models" / "marts" / model
    path.write_text(_wrap(path.read_text(encoding="utf-8"), outer), encoding="utf-8")
    monkeypatch.setenv("GWR_DBT_PROJECT", str(project))

    before = published.read_bytes()
    record = json.loads((published.parent / "published.json").read_text())
    parquet = sorted(p.stat().st_mtime_ns for p in (published.parent / "parquet").iterdir())

    with pytest.raises(AuditFailed) as info:
        build_warehouse(published, raw_frames(), quality=False)

    message = str(info.value)
    assert "nothing was published" in message
    assert test_name in message and bad_value in message, message
    failure = next(f for f in info.value.failures if f["name"].startswith(test_name))
    assert failure["severity"] == "error" and failure["rows"], failure
    # the last good warehouse, its export and its record stay; no build folder is left
    assert published.read_bytes() == before
    assert json.loads((published.parent / "published.json").read_text()) == record
    after = sorted(p.stat().st_mtime_ns for p in (published.parent / "parquet").iterdir())
    assert after == parquet
    assert [p.name for p in published.parent.iterdir() if p.name.startswith(".")] == []
    with read_only(published) as con:
        assert con.execute("SELECT count(*) FROM mart.fct_target").fetchone() == (5,)
