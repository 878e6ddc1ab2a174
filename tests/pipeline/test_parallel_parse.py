"""Spreadsheets parsed on a process pool give exactly what a sequential parse gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from gwr import parallel
from gwr.cache import ParseCache
from gwr.ingest import read_spreadsheets
from gwr.inputs import discover


def test_map_ordered_keeps_input_order_on_a_pool() -> None:
    items = [f"item-{i:03d}" for i in range(300)]
    # chunks of one: results come back from both workers interleaved, yet in input order
    assert parallel.map_ordered(str.upper, items, workers=2, chunksize=1, min_parallel=0) == [
        s.upper() for s in items
    ]


def test_prefetch_hands_out_results_by_key_in_any_order() -> None:
    items = [f"k{i:03d}" for i in range(300)]
    ahead = parallel.Prefetch(str.upper, items, key=lambda s: s, workers=2, min_parallel=0)
    assert ahead.pop("k000") == "K000"
    assert ahead.pop("k005") == "K005"  # k001..k004 are kept for later
    assert ahead.pop("k002") == "K002"
    assert ahead.pop("nope", "default") == "default"
    assert ahead.pop("k000") is None  # each result is handed out once
    rest = [ahead.pop(k) for k in items if k not in {"k000", "k002", "k005"}]
    assert rest == [k.upper() for k in items if k not in {"k000", "k002", "k005"}]


def test_small_batches_and_one_worker_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("no pool expected")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", boom)
    assert parallel.map_ordered(str.upper, ["a", "b"], workers=2) == ["A", "B"]
    monkeypatch.setenv("GWR_WORKERS", "1")
    assert parallel.worker_count() == 1
    assert parallel.map_ordered(str.upper, ["a"] * 500) == ["A"] * 500


def _read(data: Path, cache_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, int, int]:
    res = read_spreadsheets(discover(data, kind="spreadsheet"), ParseCache(cache_dir, "s", "v"))
    rows = res.rows.reset_index(drop=True)
    quarantine = res.quarantine.drop(columns="loaded_at").reset_index(drop=True)
    return rows, quarantine, res.parsed, res.cached


def test_pool_and_sequential_parse_give_the_same_frames(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    region = data_dir / "spreadsheets" / "巴中市"
    # the same bytes under a second name: loaded once, the copy quarantined, either way
    first = sorted(region.glob("*.xlsx"))[0]
    shutil.copy(first, region / f"zz_copy_{first.name}")

    monkeypatch.setenv("GWR_WORKERS", "1")
    seq_rows, seq_q, parsed, cached = _read(data_dir, tmp_path / "seq")
    assert parsed > 0 and cached == 0

    monkeypatch.setenv("GWR_WORKERS", "2")
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 0)  # force the pool on the small bundle
    par_rows, par_q, par_parsed, _ = _read(data_dir, tmp_path / "par")
    assert par_parsed == parsed
    pd.testing.assert_frame_equal(par_rows, seq_rows)
    pd.testing.assert_frame_equal(par_q, seq_q)

    # a second pass reads the cache only: nothing is parsed, the rows are the same
    again_rows, _, again_parsed, again_cached = _read(data_dir, tmp_path / "par")
    assert (again_parsed, again_cached) == (0, parsed)
    pd.testing.assert_frame_equal(again_rows, seq_rows)
