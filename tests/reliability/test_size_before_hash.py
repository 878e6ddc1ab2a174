"""Finding 7: size limits apply before hashing.

On main every file was hashed in full before any limit applied: an 8 GB sparse file took
23 s just to be discovered (and the input sensor paid that on every tick).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import gwr.inputs
from gwr.ingest import documents_frame, read_spreadsheets
from gwr.inputs import discover

EIGHT_GB = 8 * 1024**3


def test_an_8gb_sparse_file_is_refused_from_its_size_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red on main: the file was hashed (8 GB read) before the reader refused it."""
    data = tmp_path / "data"
    (data / "spreadsheets" / "巴中市").mkdir(parents=True)
    huge = data / "spreadsheets" / "巴中市" / "市统计局_2024年1-6月.csv"
    with huge.open("wb") as fh:
        fh.truncate(EIGHT_GB)  # sparse: no disk used
    small = data / "spreadsheets" / "巴中市" / "市商务局_2024年1-6月.csv"
    small.write_text("指标,单位,完成值\n地区生产总值,亿元,401.37\n", encoding="utf-8")

    hashed: list[str] = []
    real = gwr.inputs.sha256_file
    monkeypatch.setattr(gwr.inputs, "sha256_file", lambda p: hashed.append(p.name) or real(p))
    started = time.monotonic()
    files = {f.path.name: f for f in discover(data)}
    assert time.monotonic() - started < 2
    assert hashed == [small.name]
    problem = files[huge.name].problem or ""
    assert "file too large: 8192.0 MB" in problem and "(not read)" in problem
    assert files[huge.name].bytes == EIGHT_GB

    result = read_spreadsheets(files.values(), None)
    assert "file too large" in result.quarantine.set_index("path")["reason"][
        "spreadsheets/巴中市/市统计局_2024年1-6月.csv"
    ]
    assert len(result.rows) == 1
    assert documents_frame(files.values())["bytes"].max() == EIGHT_GB


def test_the_limit_is_the_readers_limit() -> None:
    from gwr.inputs import MAX_INPUT_BYTES
    from gwr.sheets import DEFAULT_LIMITS

    assert DEFAULT_LIMITS.max_file_bytes == MAX_INPUT_BYTES
