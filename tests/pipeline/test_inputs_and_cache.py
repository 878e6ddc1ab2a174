"""Input discovery, content fingerprints and the parse cache."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from gwr.cache import ParseCache
from gwr.ingest import documents_frame, documents_of_listing
from gwr.inputs import discover, files_frame, files_from_frame, fingerprint


def _tree(root: Path) -> None:
    (root / "reports").mkdir(parents=True)
    (root / "spreadsheets" / "巴中市").mkdir(parents=True)
    (root / "reports" / "a.txt").write_text("一、2023年工作回顾", encoding="utf-8")
    (root / "reports" / "a.yaml").write_text("report_year: 2024\n", encoding="utf-8")
    (root / "spreadsheets" / "巴中市" / "x.csv").write_text("指标,完成值\n", encoding="utf-8")
    (root / "spreadsheets" / "巴中市" / "notes.pdf").write_bytes(b"%PDF")
    (root / "spreadsheets" / "README.md").write_text("docs", encoding="utf-8")
    (root / "spreadsheets" / "~$x.xlsx").write_bytes(b"lock")


def test_discover_kinds_sidecars_and_ignored_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    files = {f.rel_path: f for f in discover(tmp_path)}
    assert set(files) == {
        "reports/a.txt",
        "spreadsheets/巴中市/x.csv",
        "spreadsheets/巴中市/notes.pdf",
    }
    assert files["reports/a.txt"].sidecar == tmp_path / "reports" / "a.yaml"
    assert files["spreadsheets/巴中市/notes.pdf"].kind == "unsupported"
    assert len(files["reports/a.txt"].document_id) == 64


def test_fingerprint_changes_on_add_change_remove_only(tmp_path: Path) -> None:
    _tree(tmp_path)
    base = fingerprint(discover(tmp_path))
    assert fingerprint(discover(tmp_path)) == base
    (tmp_path / "reports" / "a.txt").touch()  # mtime only: same content, same state
    assert fingerprint(discover(tmp_path)) == base
    (tmp_path / "reports" / "a.yaml").write_text("report_year: 2025\n", encoding="utf-8")
    changed = fingerprint(discover(tmp_path))
    assert changed != base
    (tmp_path / "spreadsheets" / "巴中市" / "x.csv").unlink()
    assert fingerprint(discover(tmp_path)) not in {base, changed}


def test_files_frame_round_trip(tmp_path: Path) -> None:
    _tree(tmp_path)
    files = discover(tmp_path)
    assert files_from_frame(files_frame(files)) == files


def test_documents_of_a_listing_are_those_of_its_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "spreadsheets" / "说明.pdf").write_bytes(b"%PDF-1.4")  # a file with a problem
    files = discover(tmp_path)
    for listed in (files, []):
        want = documents_frame(listed, loaded_at="2025-01-01T00:00:00+00:00")
        got = documents_of_listing(files_frame(listed), loaded_at="2025-01-01T00:00:00+00:00")
        pd.testing.assert_frame_equal(got, want, check_dtype=bool(listed))


def test_parse_cache_hits_and_versions(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path, "reports", "v1")
    assert cache.get("k") is None
    cache.put("k", {"statements": [1, 2]})
    assert cache.get("k") == {"statements": [1, 2]}
    assert (cache.hits, cache.misses) == (1, 1)
    assert ParseCache(tmp_path, "reports", "v2").get("k") is None  # a parser change re-parses
