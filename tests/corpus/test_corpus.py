"""The 217 real reports of ../shared/corpus as a test (issue 9 item 6).

Runs when ../shared/corpus exists beside the repository and skips otherwise (a user's
clone has no ../shared).  The same figures are printed by ``make corpus``
(bench/corpus.py), which this test reuses.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "corpus.py"

pytestmark = pytest.mark.skipif(
    not (CORPUS / "manifest.csv").exists(), reason=f"no corpus at {CORPUS}"
)


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gwr_bench_corpus", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus() -> Any:
    return _bench()


@pytest.fixture(scope="module")
def extracted(corpus: Any) -> list[tuple[Any, Any]]:
    """Per report (manifest row, extractor figures), flagged against the manifest."""
    out = []
    for row in corpus.read_manifest(CORPUS):
        fig, _ = corpus.extract_figures(CORPUS, row)
        corpus.flag(fig, row)
        out.append((row, fig))
    return out


def test_every_report_has_the_manifest_year(extracted: list[tuple[Any, Any]]) -> None:
    wrong = [(f.file, f.year, r.year) for r, f in extracted if f.year != r.year]
    assert wrong == []


def test_every_complete_report_gives_targets_and_actuals(
    extracted: list[tuple[Any, Any]],
) -> None:
    empty = [
        (f.file, f.targets, f.actuals)
        for r, f in extracted
        if r.complete and (f.targets == 0 or f.actuals == 0)
    ]
    assert empty == []


@pytest.mark.xfail(reason="regions module pending", strict=False)
def test_every_report_has_the_manifest_region(extracted: list[tuple[Any, Any]]) -> None:
    wrong = [(f.file, f.region, r.region) for r, f in extracted if "REGION" in f.flags]
    assert wrong == []


@pytest.mark.xfail(
    reason="row failures go to quarantine in a parallel change; until it lands, a few bad "
    "rows among ~43,000 may block the report_statements check",
    strict=False,
)
def test_the_corpus_refresh_publishes(corpus: Any, tmp_path: Path) -> None:
    outcome = corpus.refresh_corpus(CORPUS, [r.file for r in corpus.read_manifest(CORPUS)])
    assert outcome.published, outcome.failure
    complete = {r.file for r in corpus.read_manifest(CORPUS) if r.complete}
    no_targets = [f for f in complete if outcome.per_file.get(f, {}).get("target", 0) == 0]
    assert no_targets == []
