"""Finding 1: a file that cannot be read is quarantined with the reason; the refresh goes on.

On main, `discover()` hashed every file and let the OSError escape: one spreadsheet without
read permission failed the whole refresh (after two "transient" retries), and `gwr
read-sheet` on it ended in a traceback with exit code 1 instead of CONTRACT §3's exit 2 and
one line on stderr.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from helpers_reliability import gwr_env, one_line, query, run_gwr

from gwr.cache import ParseCache
from gwr.ingest import read_spreadsheets, sheet_parser_version
from gwr.inputs import discover

SHEET = "spreadsheets/巴中市/市商务局_2024年1-6月.csv"


@pytest.mark.e2e
def test_refresh_quarantines_unreadable_files_and_loads_the_rest(
    tmp_path: Path, data_dir: Path
) -> None:
    """Red on main: the refresh failed after ~55 s of retries and published nothing."""
    locked = data_dir / SHEET
    locked.chmod(0)
    folder = data_dir / "spreadsheets" / "巴中市" / "归档"
    folder.mkdir()
    shutil.copy(data_dir / "spreadsheets/巴中市/市商务局_2024年1-9月.csv", folder / "x.csv")
    folder.chmod(0)
    try:
        started = time.monotonic()
        result = run_gwr(["refresh"], gwr_env(tmp_path, data_dir), drop=True)
        elapsed = time.monotonic() - started
    finally:
        folder.chmod(0o755)
        locked.chmod(0o644)
    assert result.returncode == 0, result.stderr[-3000:]
    # not retried as "transient" (on main: 10 s + 20 s of backoff, then a failed run);
    # generous, for a loaded machine: a refresh alone takes ~15 s
    assert elapsed < 120, f"{elapsed:.0f}s: the unreadable file was retried"
    warehouse = tmp_path / "warehouse" / "gwr.duckdb"
    reasons = dict(query(warehouse, "SELECT source_path, reason FROM mart.quarantine"))
    assert "permission denied" in reasons[SHEET]
    assert "folder cannot be listed: permission denied" in reasons[
        "spreadsheets/巴中市/归档"
    ]
    ((loaded,),) = query(
        warehouse, "SELECT count(*) FROM mart.fct_actual WHERE source_kind = 'spreadsheet'"
    )
    assert loaded > 20  # every other spreadsheet still loads
    # the unreadable file is a document of the warehouse (quarantine rows join it)
    assert query(warehouse, f"SELECT kind FROM raw.documents WHERE path = '{SHEET}'") == [
        ("spreadsheet",)
    ]


def test_read_sheet_and_extract_on_an_unreadable_file_exit_2_with_one_line(
    tmp_path: Path,
) -> None:
    """Red on main: `gwr read-sheet` printed a PermissionError traceback and exited 1."""
    sheet = tmp_path / "市商务局_2024年1-6月.csv"
    sheet.write_text("指标,完成值\n地区生产总值,1\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("二、2024年重点工作\n新增就业2万人。\n", encoding="utf-8")
    for path in (sheet, report):
        path.chmod(0)
    try:
        for args in (["read-sheet", str(sheet)], ["extract", str(report)]):
            result = run_gwr(args, drop=True, timeout=60)
            assert result.returncode == 2, result.stderr
            assert "permission denied" in one_line(result.stderr)
    finally:
        sheet.chmod(0o644)
        report.chmod(0o644)


def test_a_folder_named_like_a_file_is_quarantined_and_refused_by_the_cli(
    tmp_path: Path,
) -> None:
    """Red on main: `gwr read-sheet` said "no such file" for an existing folder, and the
    pipeline dropped such an entry without a word."""
    data = tmp_path / "data"
    odd = data / "spreadsheets" / "巴中市" / "市统计局_2024年1-6月.csv"
    odd.mkdir(parents=True)
    (data / "reports").mkdir()
    files = {f.rel_path: f for f in discover(data)}
    rel = "spreadsheets/巴中市/市统计局_2024年1-6月.csv"
    assert files[rel].problem is not None and "folder named like a file" in files[rel].problem
    result = read_spreadsheets(files.values(), None)
    assert "folder named like a file" in result.quarantine.set_index("path").loc[rel, "reason"]

    for args in (["read-sheet", str(odd)], ["extract", str(odd)]):
        cli = run_gwr(args, timeout=60)
        assert cli.returncode == 2
        assert "folder" in one_line(cli.stderr)


def test_a_file_vanished_before_parsing_is_quarantined_and_not_cached(
    tmp_path: Path, data_dir: Path
) -> None:
    """Red on main: the vanished file's error was cached against its hash; a report that
    vanished raised FileNotFoundError and failed the step."""
    files = discover(data_dir)
    sheet = data_dir / SHEET
    content = sheet.read_bytes()
    sheet.unlink()  # moved away between discovery and parsing
    report = next(f for f in files if f.kind == "report")
    report_bytes = report.path.read_bytes()
    report.path.unlink()
    cache = ParseCache(tmp_path / "cache", "spreadsheets", sheet_parser_version())
    result = read_spreadsheets(files, cache)
    reasons = result.quarantine.set_index("path")["reason"]
    assert "disappeared" in reasons[SHEET]

    from gwr.ingest import extract_reports

    reports = extract_reports(files, None)
    assert "disappeared" in reports.quarantine.set_index("path")["reason"][report.rel_path]

    sheet.write_bytes(content)  # back: read at once, no stale cached error
    report.path.write_bytes(report_bytes)
    again = read_spreadsheets(discover(data_dir), cache)
    assert SHEET not in set(again.quarantine["path"])
    assert SHEET in set(again.rows["path"])


def test_a_file_vanishing_while_being_hashed_is_quarantined(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red on main: FileNotFoundError escaped `discover()` and failed the step."""
    import gwr.inputs

    real = gwr.inputs.sha256_file

    def vanishing(path: Path) -> str:
        if path.name == Path(SHEET).name:
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real(path)

    monkeypatch.setattr(gwr.inputs, "sha256_file", vanishing)
    files = {f.rel_path: f for f in discover(data_dir)}
    assert "disappeared" in (files[SHEET].problem or "")
    assert sum(f.problem is None for f in files.values()) == len(files) - 1


def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    """Red on main: a named pipe among the inputs was dropped without a word; now it is
    reported, and (like a device) never opened, which would block without a writer."""
    data = tmp_path / "data"
    (data / "spreadsheets").mkdir(parents=True)
    os.mkfifo(data / "spreadsheets" / "pipe.csv")
    started = time.monotonic()
    (found,) = discover(data)
    assert time.monotonic() - started < 5
    assert "not a regular file" in (found.problem or "")
