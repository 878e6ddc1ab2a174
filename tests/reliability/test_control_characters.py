"""Finding 7: NUL and other control characters in inputs are stripped, with a quarantine
note, and never land in DuckDB or Parquet.

Decision (README "When something fails"): a control character in a work report is damage,
not content, so it is removed rather than the report rejected (one stray byte must not
lose a year's targets); the removal is reported in `mart.quarantine` with the characters
and their offsets, and offsets then refer to the cleaned text. On main a NUL inside
`增长6%` changed what was extracted and the NUL itself reached the warehouse.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gwr.ingest import extract_reports, read_spreadsheets
from gwr.inputs import discover

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
REPORT = Path(__file__).resolve().parents[2] / "data" / "reports"


def _dirty(text: str) -> str:
    """The report with a NUL inside the GDP target, an ESC and a BEL elsewhere."""
    assert "地区生产总值增长6%" in text
    return text.replace("地区生产总值增长6%", "地区生产总值增长6\x00%", 1).replace(
        "。", "。\x1b", 3
    ).replace("，", "\x07，", 2)


def _statements(data: Path) -> tuple[list[tuple[object, ...]], dict[str, str]]:
    result = extract_reports(discover(data), None)
    rows = sorted(
        result.rows[["kind", "indicator_text", "measure", "value", "comparator"]]
        .astype(str)
        .itertuples(index=False, name=None)
    )
    return rows, dict(zip(result.quarantine["path"], result.quarantine["reason"], strict=True))


def test_control_characters_in_a_report_are_stripped_with_a_note(tmp_path: Path) -> None:
    """Red on main: with the NUL the extraction differed and the NUL reached the rows."""
    (source,) = sorted(REPORT.glob("*.txt"))
    clean_dir, dirty_dir = tmp_path / "clean", tmp_path / "dirty"
    for d in (clean_dir, dirty_dir):
        (d / "reports").mkdir(parents=True)
    text = source.read_text(encoding="utf-8")
    (clean_dir / "reports" / "r.txt").write_text(text, encoding="utf-8")
    (dirty_dir / "reports" / "r.txt").write_text(_dirty(text), encoding="utf-8")

    clean, _ = _statements(clean_dir)
    dirty, notes = _statements(dirty_dir)
    assert dirty == clean
    note = notes["reports/r.txt"]
    assert note.startswith("6 control characters removed")
    assert "NUL x1" in note and "ESC x3" in note and "BEL x2" in note

    result = extract_reports(discover(dirty_dir), None)
    for column in result.rows.select_dtypes("object"):
        assert not result.rows[column].astype(str).str.contains(CONTROL).any(), column


def test_control_characters_in_spreadsheet_cells_are_stripped(tmp_path: Path) -> None:
    """Red on main: the ESC stayed in the indicator text loaded into the warehouse."""
    folder = tmp_path / "spreadsheets" / "巴中市"
    folder.mkdir(parents=True)
    (folder / "市统计局_2024年1-6月.csv").write_text(
        "指标,单位,完成值\n地区生产总值\x1b,亿元,401.37\n", encoding="utf-8"
    )
    result = read_spreadsheets(discover(tmp_path), None)
    assert list(result.rows["indicator_text"]) == ["地区生产总值"]


def test_gwr_extract_strips_them_and_warns_on_one_line(tmp_path: Path) -> None:
    """Red on main: `gwr extract` printed quotes containing the control characters."""
    (source,) = sorted(REPORT.glob("*.txt"))
    report = tmp_path / "r.txt"
    report.write_text(_dirty(source.read_text(encoding="utf-8")), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "gwr.cli", "extract", str(report)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0
    assert "control characters removed" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and not any(CONTROL.search(json.dumps(r, ensure_ascii=False)) for r in rows)
    assert any(r["indicator"] == "地区生产总值" and r["value"] == 6 for r in rows)


def test_form_feeds_become_line_breaks_and_offsets_are_those_of_the_clean_text() -> None:
    from gwr.text import strip_control_characters

    cleaned = strip_control_characters("一、2023年工作回顾\x0c二、2024年\x00重点工作")
    assert cleaned.text == "一、2023年工作回顾\n二、2024年重点工作"
    assert cleaned.removed == [(11, "\x0c"), (19, "\x00")]


@pytest.mark.e2e
def test_nothing_with_a_control_character_reaches_duckdb_or_parquet(
    gwr_env: dict[str, Path],
) -> None:
    """Red on main: the NUL was loaded into mart.fct_target.quote and its Parquet file."""
    import duckdb

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
    from helpers_e2e import run_refresh

    (report,) = sorted((gwr_env["data"] / "reports").glob("*.txt"))
    report.write_text(_dirty(report.read_text(encoding="utf-8")), encoding="utf-8")
    assert run_refresh(gwr_env["data"], gwr_env["warehouse"], gwr_env["cache"]).success
    con = duckdb.connect(str(gwr_env["warehouse"]), read_only=True)
    try:
        tables = con.execute(
            "SELECT table_schema, table_name, column_name FROM information_schema.columns "
            "WHERE data_type = 'VARCHAR' AND table_schema IN ('raw', 'mart')"
        ).fetchall()
        for schema, table, column in tables:
            ((n,),) = con.execute(
                f'SELECT count(*) FROM {schema}."{table}" WHERE '
                f"regexp_matches(\"{column}\", '[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]')"
            ).fetchall()
            assert n == 0, f"{schema}.{table}.{column}"
        parquet = gwr_env["warehouse"].parent / "parquet" / "fct_target.parquet"
        quotes = con.execute(f"SELECT quote FROM read_parquet('{parquet}')").fetchall()
        assert quotes and not any(CONTROL.search(q or "") for (q,) in quotes)
        notes = con.execute(
            "SELECT reason FROM mart.quarantine WHERE reason LIKE '%control characters%'"
        ).fetchall()
        assert len(notes) == 1
    finally:
        con.close()
