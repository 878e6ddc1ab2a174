"""gwr.fingerprint: one hash of a refresh's inputs, reference data, code and settings."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from gwr import fingerprint as fpr
from gwr.inputs import discover, discover_cached, files_frame

ROWS = [
    {"path": "spreadsheets/a.csv", "kind": "spreadsheet", "document_id": "aa",
     "sidecar_sha256": None, "problem": None, "mtime_ns": 1, "abs_path": "/x/a.csv"},
    {"path": "reports/r.txt", "kind": "report", "document_id": "rr",
     "sidecar_sha256": "ss", "problem": None, "mtime_ns": 2, "abs_path": "/x/r.txt"},
]  # fmt: skip


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def test_inputs_fingerprint_is_content_not_order_time_or_place() -> None:
    base = fpr.inputs_fingerprint([_frame(ROWS)])
    # split in two frames, reordered, other mtimes and absolute paths: the same
    moved = [{**r, "mtime_ns": 99, "abs_path": "/elsewhere"} for r in reversed(ROWS)]
    assert fpr.inputs_fingerprint([_frame(moved[:1]), _frame(moved[1:])]) == base
    assert fpr.inputs_fingerprint([_frame(ROWS), pd.DataFrame()]) == base


@pytest.mark.parametrize(
    "change",
    [
        {"document_id": "ab"},  # one byte of a file
        {"path": "spreadsheets/b.csv"},  # renamed (the name means the period)
        {"sidecar_sha256": "s2"},  # a report's sidecar
        {"problem": "file too large: 30.0 MB"},  # an unreadable file's reason
    ],
)
def test_inputs_fingerprint_changes_with_any_file(change: dict[str, object]) -> None:
    base = fpr.inputs_fingerprint([_frame(ROWS)])
    assert fpr.inputs_fingerprint([_frame([{**ROWS[0], **change}, ROWS[1]])]) != base


def test_inputs_fingerprint_changes_when_a_file_is_added_or_removed() -> None:
    base = fpr.inputs_fingerprint([_frame(ROWS)])
    assert fpr.inputs_fingerprint([_frame(ROWS[:1])]) != base
    extra = {**ROWS[0], "path": "spreadsheets/c.csv"}
    assert fpr.inputs_fingerprint([_frame([*ROWS, extra])]) != base


def test_reference_fingerprint_follows_every_reference_file(tmp_path: Path) -> None:
    (tmp_path / "indicators.csv").write_text("id\ngdp\n", encoding="utf-8")
    (tmp_path / "benchmarks.csv").write_text("x\n", encoding="utf-8")
    base = fpr.reference_fingerprint(tmp_path)
    (tmp_path / ".hidden").write_text("editor swap", encoding="utf-8")
    assert fpr.reference_fingerprint(tmp_path) == base
    (tmp_path / "benchmarks.csv").write_text("x\n\n", encoding="utf-8")
    assert fpr.reference_fingerprint(tmp_path) != base


def _project(root: Path) -> Path:
    for folder in ("gwr", "assets", "schemas"):
        (root / folder).mkdir(parents=True)
        (root / folder / "m.py").write_text("x = 1\n", encoding="utf-8")
    (root / "schemas" / "contract.yml").write_text("frames: {}\n", encoding="utf-8")
    sql = root / "sql"
    for folder in ("models", "macros", "tests"):
        (sql / folder).mkdir(parents=True)
        (sql / folder / "a.sql").write_text("select 1\n", encoding="utf-8")
    (sql / "dbt_project.yml").write_text("name: gwr\n", encoding="utf-8")
    return sql


@pytest.mark.parametrize(
    "edit",
    ["gwr/m.py", "assets/m.py", "schemas/m.py", "schemas/contract.yml",
     "sql/models/a.sql", "sql/macros/a.sql", "sql/tests/a.sql", "sql/dbt_project.yml"],
)  # fmt: skip
def test_code_fingerprint_covers_the_code_that_builds(tmp_path: Path, edit: str) -> None:
    sql = _project(tmp_path)
    base = fpr.project_code_fingerprint(tmp_path, sql)
    path = tmp_path / edit
    path.write_text(path.read_text(encoding="utf-8") + "-- changed\n", encoding="utf-8")
    assert fpr.project_code_fingerprint(tmp_path, sql) != base


def test_code_fingerprint_ignores_caches_and_dbt_artifacts(tmp_path: Path) -> None:
    sql = _project(tmp_path)
    base = fpr.project_code_fingerprint(tmp_path, sql)
    (tmp_path / "gwr" / "__pycache__").mkdir()
    (tmp_path / "gwr" / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"\0")
    (sql / "target").mkdir()
    (sql / "target" / "manifest.json").write_text("{}", encoding="utf-8")
    (sql / "logs").mkdir()
    (sql / "logs" / "dbt.log").write_text("…", encoding="utf-8")
    assert fpr.project_code_fingerprint(tmp_path, sql) == base


def test_the_real_code_fingerprint_is_stable() -> None:
    assert fpr.project_code_fingerprint() == fpr.project_code_fingerprint()


def test_settings_fingerprint_follows_output_settings_only() -> None:
    base = fpr.settings_fingerprint({})
    assert fpr.settings_fingerprint({"GWR_MAX_REJECTED_SHARE": ""}) == base
    assert fpr.settings_fingerprint({"GWR_WORKERS": "8", "GWR_CACHE": "/tmp/c"}) == base
    for name in fpr.OUTPUT_SETTINGS:
        assert fpr.settings_fingerprint({name: "0.3"}) != base, name


def test_changed_parts_and_value() -> None:
    a = fpr.Fingerprint("i", "r", "c", "s")
    assert a.value == fpr.Fingerprint("i", "r", "c", "s").value
    assert a.changed_parts(a) == []
    assert a.changed_parts(None) == ["inputs", "reference", "code", "settings"]
    b = fpr.Fingerprint("i", "r2", "c2", "s")
    assert b.changed_parts(a) == ["reference", "code"]
    assert b.value != a.value
    # the parts are separated: moving text between two parts changes the value
    assert fpr.Fingerprint("ab", "c", "d", "e").value != fpr.Fingerprint("a", "bc", "d", "e").value


def test_stamp_round_trip_and_untrusted_stamps(tmp_path: Path) -> None:
    db = tmp_path / "gwr.duckdb"
    assert fpr.read_stamp(db) is None  # no file
    duckdb.connect(str(db)).close()
    assert fpr.read_stamp(db) is None  # a file built without a stamp
    fp = fpr.Fingerprint("i", "r", "c", "s")
    fpr.stamp(db, fp, run_id="run-1", files=3)
    assert not db.with_name(db.name + ".wal").exists()
    read = fpr.read_stamp(db)
    assert read is not None
    assert (read.fingerprint, read.run_id, read.files) == (fp, "run-1", 3)
    assert read.built_at.endswith("Z")
    facts = fpr.describe(read, fp)
    assert facts["changed"] == [] and facts["published_built_at"] == read.built_at
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta.build SET code = 'other'")  # value no longer matches its parts
    con.close()
    assert fpr.read_stamp(db) is None


def test_refresh_fingerprint_of_a_real_tree(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "spreadsheets").mkdir(parents=True)
    (data / "reports").mkdir()
    sheet = data / "spreadsheets" / "s.csv"
    sheet.write_text("指标,完成值\nGDP,1\n", encoding="utf-8")
    ref = tmp_path / "ref"
    ref.mkdir()
    (ref / "indicators.csv").write_text("id\n", encoding="utf-8")

    def current() -> fpr.Fingerprint:
        frames = [files_frame(discover(data, k)) for k in ("report", "spreadsheet")]
        return fpr.refresh_fingerprint(frames, ref, code="c", env={})

    base = current()
    st = sheet.stat()
    os.utime(sheet, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # touched: same content
    assert current() == base
    sheet.write_text("指标,完成值\nGDP,2\n", encoding="utf-8")
    assert current().changed_parts(base) == ["inputs"]


def test_listing_hashes_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The listing assets' stat cache (gwr.inputs.discover_cached): a second listing of an
    unchanged tree reads no file; a changed one is hashed again, alone."""
    import gwr.inputs

    data = tmp_path / "data"
    folder = data / "spreadsheets"
    folder.mkdir(parents=True)
    old = 1_600_000_000 * 10**9
    for i in range(5):
        path = folder / f"s{i}.csv"
        path.write_text(f"指标,完成值\nGDP,{i}\n", encoding="utf-8")
        os.utime(path, ns=(old, old))
    hashed: list[str] = []
    real = gwr.inputs.sha256_file
    monkeypatch.setattr(gwr.inputs, "sha256_file", lambda p: hashed.append(p.name) or real(p))
    cache = tmp_path / "cache"
    first = discover_cached(data, "spreadsheet", cache)
    assert len(hashed) == 5
    hashed.clear()
    assert discover_cached(data, "spreadsheet", cache) == first and hashed == []
    changed = folder / "s2.csv"
    changed.write_text("指标,完成值\nGDP,22\n", encoding="utf-8")
    os.utime(changed, ns=(old + 10**9, old + 10**9))
    again = discover_cached(data, "spreadsheet", cache)
    assert hashed == ["s2.csv"]
    assert [f.document_id for f in again] != [f.document_id for f in first]
    # a corrupt cache is an empty one: everything is hashed, nothing fails
    next((cache / "stat").glob("*.json")).write_text("{not json", encoding="utf-8")
    hashed.clear()
    assert discover_cached(data, "spreadsheet", cache) == again and len(hashed) == 5


def test_a_file_written_just_now_is_not_trusted_by_its_stat(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "spreadsheets").mkdir(parents=True)
    (data / "spreadsheets" / "s.csv").write_text("指标,完成值\nGDP,1\n", encoding="utf-8")
    cache = tmp_path / "cache"
    discover_cached(data, "spreadsheet", cache)
    (stored,) = list((cache / "stat").glob("*.json"))
    assert stored.read_text(encoding="utf-8") == "{}"
