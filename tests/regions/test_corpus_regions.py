"""Every report of the shared corpus gets the manifest's region from its text alone.

Runs when ``../shared/corpus`` (beside the clone) exists, skips otherwise: a user's clone
has no ``../shared``. ``bench/regions_corpus.py`` prints the same figure and each miss.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus"
BENCH = Path(__file__).parents[2] / "bench" / "regions_corpus.py"

pytestmark = pytest.mark.skipif(
    not (CORPUS / "manifest.csv").is_file(), reason="no ../shared/corpus beside the clone"
)


def test_all_corpus_reports_have_the_manifest_region() -> None:
    spec = importlib.util.spec_from_file_location("regions_corpus", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    right, total, misses = bench.evaluate(CORPUS)
    assert total == 217
    assert misses == [], "\n".join(misses)
    assert right == total
