"""The `gwr` command line of CONTRACT §3, called in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gwr.cli import main

SEED = Path(__file__).resolve().parents[2] / "data" / "reports"
EXTRACT_KEYS = {
    "kind", "year", "indicator", "measure", "value", "value_max", "unit", "comparator",
    "value_base", "unit_base", "section", "quote", "char_start", "char_end",
}  # fmt: skip
SHEET_KEYS = {
    "department", "period_start", "period_end", "indicator", "measure", "value", "unit",
    "value_base", "unit_base", "annual_target", "sheet", "row",
}  # fmt: skip


def _lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_extract_seed(capsys: pytest.CaptureFixture[str]) -> None:
    report = next(SEED.glob("*.txt"))
    assert main(["extract", str(report)]) == 0
    rows = _lines(capsys.readouterr().out)
    text = report.read_text(encoding="utf-8")
    assert all(set(r) >= EXTRACT_KEYS for r in rows)
    assert all(text[r["char_start"] : r["char_end"]] == r["quote"] for r in rows)  # type: ignore[misc]
    targets = [r for r in rows if r["kind"] == "target"]
    assert len(targets) >= 80 and all(r["year"] == 2024 for r in targets)
    actuals = [r for r in rows if r["kind"] == "actual"]
    assert actuals and all(r["year"] == 2023 for r in actuals)
    gdp = [r for r in targets if r["indicator"] == "地区生产总值" and r["measure"] == "growth_pct"]
    assert [(r["value"], r["comparator"], r["unit"]) for r in gdp] == [(6, "=", "%")]


def test_extract_undated_needs_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    excerpt = tmp_path / "news.txt"
    excerpt.write_text("今年主要预期目标是:地区生产总值增长5.5%左右,城镇新增就业1.2万人以上。")
    assert main(["extract", str(excerpt)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "year" in err[0]
    assert main(["extract", str(excerpt), "--year", "2025"]) == 0
    rows = _lines(capsys.readouterr().out)
    assert {(r["kind"], r["year"], r["value"]) for r in rows} >= {
        ("target", 2025, 5.5),
        ("target", 2025, 1.2),
    }


def test_extract_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("二、2024年重点工作".encode("gbk"))
    assert main(["extract", str(gbk)]) == 2
    assert "UTF-8" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "missing.txt")]) == 2


def test_read_sheet_bundled_and_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = next((SEED.parent / "spreadsheets").rglob("*统计局*.xlsx"))
    assert main(["read-sheet", str(sheet)]) == 0
    rows = _lines(capsys.readouterr().out)
    assert rows and all(set(r) >= SHEET_KEYS for r in rows)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04garbage")
    assert main(["read-sheet", str(broken)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "broken.xlsx" in err[0]


def test_template_round_trip_through_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GWR_WAREHOUSE", str(tmp_path / "absent.duckdb"))  # read the reports
    out = tmp_path / "t.xlsx"
    assert main(["template", "--department", "市住建局", "--out", str(out)]) == 0
    assert "targets for 市住建局" in capsys.readouterr().out
    assert main(["read-sheet", str(out)]) == 0
    captured = capsys.readouterr()
    rejects = _lines(captured.err)
    # an unfilled template reports nothing yet: every row is set aside, none is lost or zero
    assert rejects and all(r["reason"] for r in rejects)
    assert all(r["value"] is not None for r in _lines(captured.out))
