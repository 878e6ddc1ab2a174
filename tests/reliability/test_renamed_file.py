"""Finding 2: a renamed file takes its new meaning; identical bytes are one document only
when they mean the same.

Department, period and region of a spreadsheet may come from its path, but on main the
parse cache was keyed by content only: after renaming `市统计局_2024年1-6月.csv` to
`…_2024年1-9月.csv` the warehouse kept 2024-06-30 and the old name, and identical bytes
under two names loaded under whichever name sorted first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gwr.cache import ParseCache
from gwr.ingest import read_spreadsheets, sheet_parser_version
from gwr.inputs import discover

CSV = "指标,单位,完成值\n地区生产总值,亿元,401.37\n规模以上工业增加值,亿元,120.5\n"


def _tree(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    (data / "spreadsheets" / "巴中市").mkdir(parents=True)
    return data


def _read(data: Path, cache: ParseCache) -> tuple[set[tuple[str, str]], dict[str, str]]:
    result = read_spreadsheets(discover(data), cache)
    assert result.rows["record_id"].is_unique
    loaded = set(zip(result.rows["path"], result.rows["period_end"], strict=True))
    return loaded, dict(zip(result.quarantine["path"], result.quarantine["reason"], strict=True))


def test_renaming_a_spreadsheet_changes_its_period_and_path(tmp_path: Path) -> None:
    """Red on main: the cached parse of the old name said 2024-06-30 after the rename."""
    data = _tree(tmp_path)
    folder = data / "spreadsheets" / "巴中市"
    (folder / "市统计局_2024年1-6月.csv").write_text(CSV, encoding="utf-8")
    cache = ParseCache(tmp_path / "cache", "spreadsheets", sheet_parser_version())
    loaded, _ = _read(data, cache)
    assert loaded == {("spreadsheets/巴中市/市统计局_2024年1-6月.csv", "2024-06-30")}

    (folder / "市统计局_2024年1-6月.csv").rename(folder / "市统计局_2024年1-9月.csv")
    loaded, _ = _read(data, cache)
    assert loaded == {("spreadsheets/巴中市/市统计局_2024年1-9月.csv", "2024-09-30")}


def test_moving_a_spreadsheet_to_another_region_folder_changes_its_region(
    tmp_path: Path,
) -> None:
    """Pin (held on main too: the region is taken from the folder after the parse); the
    new cache key must keep it so."""
    data = _tree(tmp_path)
    (data / "spreadsheets" / "巴中市" / "市统计局_2024年1-6月.csv").write_text(CSV, "utf-8")
    cache = ParseCache(tmp_path / "cache", "spreadsheets", sheet_parser_version())
    read_spreadsheets(discover(data), cache)
    (data / "spreadsheets" / "达州市").mkdir()
    (data / "spreadsheets" / "巴中市" / "市统计局_2024年1-6月.csv").rename(
        data / "spreadsheets" / "达州市" / "市统计局_2024年1-6月.csv"
    )
    result = read_spreadsheets(discover(data), cache)
    assert set(result.rows["region"]) == {"达州市"}


def test_identical_bytes_meaning_different_periods_load_under_their_own_names(
    tmp_path: Path,
) -> None:
    """Red on main: the second file was quarantined as "identical to" the first, so the
    1-9月 values were lost and the 1-6月 file stood for both."""
    data = _tree(tmp_path)
    folder = data / "spreadsheets" / "巴中市"
    for name in ("市统计局_2024年1-6月.csv", "市统计局_2024年1-9月.csv"):
        (folder / name).write_text(CSV, encoding="utf-8")
    loaded, quarantined = _read(data, ParseCache(tmp_path / "c", "s", "v"))
    assert loaded == {
        ("spreadsheets/巴中市/市统计局_2024年1-6月.csv", "2024-06-30"),
        ("spreadsheets/巴中市/市统计局_2024年1-9月.csv", "2024-09-30"),
    }
    assert quarantined == {}


def test_identical_bytes_meaning_the_same_load_once(tmp_path: Path) -> None:
    """The same bytes under a second name that says the same department and period (a
    copy sent twice) must not count twice: the copy is quarantined, naming the first."""
    data = _tree(tmp_path)
    folder = data / "spreadsheets" / "巴中市"
    for name in ("市统计局_2024年1-6月.csv", "市统计局_2024年1-6月（重报）.csv"):
        (folder / name).write_text(CSV, encoding="utf-8")
    loaded, quarantined = _read(data, ParseCache(tmp_path / "c", "s", "v"))
    assert {path for path, _ in loaded} == {"spreadsheets/巴中市/市统计局_2024年1-6月.csv"}
    reason = quarantined["spreadsheets/巴中市/市统计局_2024年1-6月（重报）.csv"]
    assert reason.startswith("identical to spreadsheets/巴中市/市统计局_2024年1-6月.csv")


@pytest.mark.e2e
def test_the_warehouse_follows_a_rename(gwr_env: dict[str, Path]) -> None:
    """Red on main: after the rename the warehouse still said 2024-06-30 and the old path."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
    from helpers_e2e import query, run_refresh

    folder = gwr_env["data"] / "spreadsheets" / "巴中市"
    old, new = folder / "市商务局_2024年1-6月.csv", folder / "市商务局_2024年1-8月.csv"
    (folder / "市商务局_2024年1-9月.csv").unlink()
    assert run_refresh(gwr_env["data"], gwr_env["warehouse"], gwr_env["cache"]).success
    sql = (
        "SELECT DISTINCT source_location LIKE '%1-8月%', period_end FROM mart.fct_actual "
        "WHERE source_location LIKE '%市商务局%'"
    )
    assert {str(end) for _, end in query(gwr_env["warehouse"], sql)} == {"2024-06-30"}
    old.rename(new)
    assert run_refresh(gwr_env["data"], gwr_env["warehouse"], gwr_env["cache"]).success
    assert {(named, str(end)) for named, end in query(gwr_env["warehouse"], sql)} == {
        (True, "2024-08-31")
    }


@pytest.mark.e2e
def test_identical_bytes_under_two_meanings_pass_the_quality_suite(
    gwr_env: dict[str, Path],
) -> None:
    """Two files, same bytes, two periods: both load (above), and raw.documents has a row
    for each file, so its document_id (sha256 of bytes, CONTRACT §2) repeats."""
    import shutil
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))

    from helpers_e2e import run_refresh

    folder = gwr_env["data"] / "spreadsheets" / "巴中市"
    shutil.copy(folder / "市商务局_2024年1-6月.csv", folder / "市商务局_2024年1-8月.csv")
    result = run_refresh(gwr_env["data"], gwr_env["warehouse"], gwr_env["cache"])
    assert result.success
    failed = [
        e.asset_check_evaluation_data.asset_key.to_user_string()
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
        and not e.asset_check_evaluation_data.passed
        and e.asset_check_evaluation_data.check_name == "great_expectations"
    ]
    assert failed == []
