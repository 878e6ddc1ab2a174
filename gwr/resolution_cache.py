"""A persistent cache of indicator resolutions (issue 10).

Resolving a wording is a pure function of (wording, measure), the catalog's content and
the resolver's code (`gwr.indicators`, `gwr.numbers`, the rapidfuzz version, threshold
and margin). The corpus reports alone give some 27,000 distinct wordings, about 25 s of
fuzzy matching, and nearly all of them are the same from one refresh to the next. So
resolutions are kept in one Parquet file per (resolver code, catalog) version:

    <cache root>/indicator_resolution/<code version>-<catalog fingerprint>.parquet

A new catalog or resolver code starts a new file (nothing to invalidate by hand); the
file of a version is read once per run and rewritten (write then rename) only when the
run resolved wordings it did not hold. Only the newest `KEEP_VERSIONS` files are kept.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from gwr.indicators import Resolution, Resolver
from gwr.inputs import code_fingerprint

NAMESPACE = "indicator_resolution"
KEEP_VERSIONS = 4
_COLUMNS = [
    "indicator_text", "measure", "indicator_id", "method", "score", "provisional",
    "best_candidate", "best_score",
]  # fmt: skip


def resolver_code_version(resolver: Resolver) -> str:
    """The resolver's code and settings: its modules' source, rapidfuzz's version (the
    fuzzy scores), threshold and margin."""
    import hashlib

    import rapidfuzz

    parts = (
        code_fingerprint("indicators", "numbers"),
        rapidfuzz.__version__,
        repr(resolver.threshold),
        repr(resolver.margin),
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _measure_key(measure: Any) -> str | None:
    # a missing measure arrives as NaN from a groupby; NaN never equals itself as a key
    return None if measure is None or pd.isna(measure) else str(measure)


class ResolutionCache:
    """Resolutions of one resolver (catalog + code) version, read from and written to
    `root/indicator_resolution/`. `hits` and `misses` count the lookups of this run."""

    def __init__(self, root: Path, resolver: Resolver) -> None:
        self.dir = root / NAMESPACE
        self.version = f"{resolver_code_version(resolver)}-{resolver.catalog.fingerprint()}"
        self.path = self.dir / f"{self.version}.parquet"
        self.hits = 0
        self.misses = 0
        self._entries: dict[tuple[str, str | None], Resolution] | None = None
        self._new: dict[tuple[str, str | None], Resolution] = {}

    def _load(self) -> dict[tuple[str, str | None], Resolution]:
        if self._entries is not None:
            return self._entries
        entries: dict[tuple[str, str | None], Resolution] = {}
        try:
            frame = pd.read_parquet(self.path, columns=_COLUMNS)
        except Exception:  # absent, truncated or foreign: start empty
            frame = None
        if frame is not None:
            cols = [frame[c].tolist() for c in _COLUMNS]
            for text, measure, iid, method, score, prov, best, best_score in zip(
                *cols, strict=True
            ):
                entries[(text, _measure_key(measure))] = Resolution(
                    iid,
                    method,
                    float(score),
                    bool(prov),
                    None if best is None or pd.isna(best) else best,
                    float(best_score),
                )
        self._entries = entries
        return entries

    def __len__(self) -> int:
        return len(self._load())

    def get(self, text: str, measure: Any) -> Resolution | None:
        hit = self._load().get((text, _measure_key(measure)))
        if hit is None:
            self.misses += 1
        else:
            self.hits += 1
        return hit

    def put(self, text: str, measure: Any, resolution: Resolution) -> None:
        key = (text, _measure_key(measure))
        self._load()[key] = resolution
        self._new[key] = resolution

    def save(self) -> bool:
        """Write the file when this run added entries (write then rename: a crash never
        leaves a truncated file); prune old versions. True when written."""
        if not self._new:
            return False
        entries = self._load()
        frame = pd.DataFrame(
            [
                (text, measure, r.indicator_id, r.method, r.score, r.provisional,
                 r.best_candidate, r.best_score)
                for (text, measure), r in entries.items()
            ],
            columns=_COLUMNS,
        )  # fmt: skip
        self.dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.dir, suffix=".tmp")
        os.close(fd)
        try:
            frame.to_parquet(tmp, index=False)
            os.replace(tmp, self.path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        self._new.clear()
        self._prune()
        return True

    def _prune(self) -> None:
        def mtime(path: Path) -> float:
            try:
                return path.stat().st_mtime
            except FileNotFoundError:  # pruned by a concurrent run
                return 0.0

        files = sorted(self.dir.glob("*.parquet"), key=mtime, reverse=True)
        for old in files[KEEP_VERSIONS:]:
            if old != self.path:
                old.unlink(missing_ok=True)
