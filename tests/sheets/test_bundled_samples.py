"""The bundled synthetic spreadsheets: up to date, deterministic, and read as designed."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from gwr.sheets import SheetResult, read_sheet

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "spreadsheets"
FOLDER = SAMPLES / "巴中市"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_files_are_the_generator_output(tmp_path: Path) -> None:
    written = load_generator().write_all(tmp_path)
    assert len(written) >= 18
    for p in written:
        committed = FOLDER / p.name
        assert committed.exists(), f"{p.name} not committed: run make_samples.py"
        assert committed.read_bytes() == p.read_bytes(), f"{p.name} differs: run make_samples.py"


def read_all() -> dict[str, SheetResult]:
    return {p.name: read_sheet(p) for p in sorted(FOLDER.iterdir()) if p.suffix != ".py"}


def test_samples_read_as_designed() -> None:
    results = read_all()
    records = [r for res in results.values() for r in res.records]
    assert all(res.region == "巴中市" for res in results.values())
    assert len({r.department for r in records}) >= 5
    assert {(r.period_start, r.period_end) for r in records} == {
        ("2024-01-01", "2024-06-30"),
        ("2024-01-01", "2024-09-30"),
    }
    # the two deliberate bad rows, and nothing else, are set aside
    rejects = [(name, rej.row, rej.reason) for name, res in results.items() for rej in res.rejects]
    assert len(rejects) == 2, rejects
    assert any("contradicts" in reason for _, _, reason in rejects)
    assert any("is not a number" in reason for _, _, reason in rejects)
    # one not-yet-available value, null and never 0
    nulls = [r for r in records if r.value is None]
    assert [(r.indicator, r.department) for r in nulls] == [("粮食总产量", "市农业农村局")]
    # main expected targets of the report are covered
    growth = {r.indicator for r in records if r.measure == "growth_pct"}
    for name in (
        "地区生产总值",
        "规模以上工业增加值",
        "建筑业增加值",
        "固定资产投资",
        "社会消费品零售总额",
        "地方一般公共预算收入",
        "居民消费价格涨幅",
    ):
        assert name in growth, name
    tasks = {r.indicator for r in records if r.measure in ("count", "amount")}
    assert len(tasks) >= 15


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("市商务局_2024年1-6月.csv", "gbk"), ("市人社局_2024年1-6月.csv", "utf-8-sig")],
)
def test_csv_encodings_of_samples(name: str, encoding: str) -> None:
    data = (FOLDER / name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    data.decode(encoding)
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
