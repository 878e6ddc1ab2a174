"""Regions in the frames: sidecars, report texts and spreadsheet folders meet in one table."""

from __future__ import annotations

import sys
from pathlib import Path

from gwr.ingest import extract_reports, read_spreadsheets, sidecar_region
from gwr.inputs import discover

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sheets"))
from sheet_corpus import standard_rows, write_csv

REPORT = """{title}
各位代表：
一、2023年工作回顾
过去一年，地区生产总值增长6.2%。
二、2024年重点工作
全市经济社会发展的主要预期目标是：地区生产总值增长6%。
"""


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    (data / "spreadsheets").mkdir()
    return data


def test_sidecar_names_resolve_through_the_table() -> None:
    assert sidecar_region({"region": "巴中"})[0].code == "511900"  # type: ignore[union-attr]
    assert sidecar_region({"region_code": "511900"})[0].name == "巴中市"  # type: ignore[union-attr]
    # an ambiguous name is settled by its code, and only by a code that agrees
    d, note = sidecar_region({"region": "朝阳区", "region_code": "110105"})
    assert d is not None and d.code == "110105" and note is None
    d, note = sidecar_region({"region": "朝阳区"})
    assert d is None and note and "朝阳区" in note
    d, note = sidecar_region({"region": "巴中市", "region_code": "510000"})
    assert d is None and note and "510000" in note
    d, note = sidecar_region({"region": "甲市"})
    assert d is None and note


def test_report_rows_carry_the_official_region_and_code(tmp_path: Path) -> None:
    data = _data(tmp_path)
    reports = data / "reports"
    (reports / "a.txt").write_text(REPORT.format(title="巴中市人民政府工作报告"), "utf-8")
    (reports / "b.txt").write_text(REPORT.format(title="政府工作报告"), "utf-8")
    (reports / "b.yaml").write_text("region: 巴中\n", "utf-8")
    (reports / "c.txt").write_text(REPORT.format(title="政府工作报告"), "utf-8")
    result = extract_reports(discover(data, kind="report"), cache=None)
    by_path = result.rows.groupby("path")[["region", "region_code"]].first()
    assert by_path.loc["reports/a.txt"].tolist() == ["巴中市", "511900"]
    assert by_path.loc["reports/b.txt"].tolist() == ["巴中市", "511900"]
    # c names no region: NULL, never a word, and listed with the reason
    assert by_path.loc["reports/c.txt"].isna().all()
    assert list(result.unresolved_regions) == ["reports/c.txt"]
    assert "not determined" in result.unresolved_regions["reports/c.txt"]


def test_spreadsheet_folders_meet_the_report_region(tmp_path: Path) -> None:
    data = _data(tmp_path)
    rows = standard_rows(title="2024年目标任务完成情况表")
    write_csv(data / "spreadsheets" / "巴中" / "市统计局_2024年1-6月.csv", rows)
    other = standard_rows(title="2024年1-6月目标任务完成情况表")  # other bytes: not a duplicate
    write_csv(data / "spreadsheets" / "市发改委_2024年1-6月.csv", other)
    # the second file names no region: the reports' single region (given as a code) is it
    result = read_spreadsheets(discover(data, kind="spreadsheet"), None, ["511900"])
    assert set(map(tuple, result.rows[["region", "region_code"]].to_numpy())) == {
        ("巴中市", "511900")
    }
    assert result.quarantine.empty
    # reports of two regions: a file naming none keeps region NULL here; staging SQL gives
    # it no single region and mart.quarantine lists its rows (tests/e2e)
    result = read_spreadsheets(discover(data, kind="spreadsheet"), None, ["511900", "巴中市", "川"])
    by_path = result.rows.groupby("path")["region_code"].agg(lambda s: set(s.dropna()))
    assert by_path.to_dict() == {
        "spreadsheets/巴中/市统计局_2024年1-6月.csv": {"511900"},
        "spreadsheets/市发改委_2024年1-6月.csv": set(),
    }
    assert "spreadsheets/市发改委_2024年1-6月.csv" in result.unresolved_regions
