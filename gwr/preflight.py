"""Before a refresh starts: is the published warehouse already what it would build?

Business purpose: most nights nothing has changed, and a national collection holds 100k
files. The gate inside the run (`input_changes`, assets/changes.py) answers the question
exactly, from the content hash of every file, but only after a Dagster run has started:
its code location loaded (Dagster, dbt), its planned events written, the tree listed.
That fixed cost is most of a nothing-changed night.

`check` answers it before any of that, without hashing a byte. Every run's gate, having
hashed the tree, records which fingerprint it found and a digest of the size and mtime of
every input file it hashed (`record`: `preflight.json` in the warehouse's cache folder;
`frames_stat_snapshot`, taken only when every one of those stats is old
enough to vouch for the content). When the published file's stamp (`meta.build`) has that
fingerprint, the tree's stats now give the same digest (one `scandir` walk and one `stat`
per file: `gwr.inputs.quick_stats`), and the code, the reference files and the settings
hash as they did, the refresh has nothing to do. Anything less certain (no stamp, no
record, a symbolic link in the tree, one file touched) answers "run": the run's gate then
decides by content, as before, and records the stats it saw, so a night after a touch (a
sync that rewrites mtimes) is the only slow one. It never says "unchanged" where the gate
would rebuild, only sooner.

Used by `gwr refresh` (no run at all when unchanged) and the nightly schedule (the tick is
skipped with the reason, which the UI shows); both record an AssetObservation of
`input_changes` in the Dagster instance, as the gate does in a run.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gwr import fingerprint as fpr
from gwr import settings
from gwr.inputs import RACY_WINDOW_NS, quick_stats, watched_stats

#: AssetObservation metadata `decision` of a check that found nothing changed (the gate's)
UNCHANGED = "unchanged"
#: the gate's record, in the warehouse's cache folder (a cache: deleting it costs one run)
RECORD_FILE = "preflight.json"


def _stat_digest(data_dir: Path, lines: list[str]) -> str:
    # the folder is part of it: a copy of the tree elsewhere (same sizes and mtimes after
    # `rsync -a`) is checked by content, not trusted by stat
    return fpr.digest_lines([str(data_dir.resolve()), *sorted(lines)])


def frames_stat_snapshot(frames: Iterable[pd.DataFrame], data_dir: Path) -> str | None:
    """The (size, mtime) of every input file and report sidecar the documents frames were
    hashed from, as one digest. Recorded with the fingerprint those files gave
    (`record`), it lets a later refresh see from one `stat` per file that the
    tree is still that one (`tree_stat_snapshot`) without hashing anything.

    None when some file's stat cannot vouch for its content: a file that could not be read
    (its problem may go away without its stat changing, e.g. after `chmod`) or one modified
    less than RACY_WINDOW_NS before the listing began (`listed_at_ns`: a write within the
    same timestamp tick would leave size and mtime as they are). The full check by content
    hash then runs, as it always may."""
    lines: list[str] = []
    for frame in frames:
        if frame.empty:
            continue
        if "listed_at_ns" not in frame.columns:
            return None
        cols = ["path", "bytes", "mtime_ns", "sidecar", "sidecar_bytes", "sidecar_mtime_ns"]
        for path, size, mtime, sidecar, sc_size, sc_mtime, problem, listed in frame[
            [*cols, "problem", "listed_at_ns"]
        ].itertuples(index=False, name=None):
            if isinstance(problem, str) or not listed or listed - int(mtime) <= RACY_WINDOW_NS:
                return None
            lines.append(f"{path}\0{int(size)}\0{int(mtime)}")
            if isinstance(sidecar, str) and sidecar:
                if listed - int(sc_mtime) <= RACY_WINDOW_NS:
                    return None
                rel = os.path.splitext(path)[0] + os.path.splitext(sidecar)[1]
                lines.append(f"{rel}\0{int(sc_size)}\0{int(sc_mtime)}")
    return _stat_digest(data_dir, lines)


def tree_stat_snapshot(quick: Mapping[str, tuple[int, int]], data_dir: Path) -> str:
    """The same digest as `frames_stat_snapshot`, from `gwr.inputs.quick_stats` of the tree
    as it is now: every input (what `discover` would list) and every sidecar beside a file
    of `reports/`. Equal digests: the same files, none added or removed, each with the size
    and mtime it was hashed at, and the same sidecars."""
    lines = [f"{rel}\0{size}\0{mtime}" for rel, (size, mtime) in watched_stats(quick).items()]
    return _stat_digest(data_dir, lines)


def record(cache_dir: Path, fingerprint: str, input_stats: str | None) -> None:
    """What the gate found: the tree whose stats give `input_stats` has `fingerprint`
    (None: no stat could vouch; the record is then cleared). Written atomically."""
    path = cache_dir / RECORD_FILE
    if input_stats is None:
        path.unlink(missing_ok=True)
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"fingerprint": fingerprint, "input_stats": input_stats}, fh)
    os.replace(tmp, path)


def _recorded(cache_dir: Path) -> tuple[str, str] | None:
    try:
        raw = json.loads((cache_dir / RECORD_FILE).read_text(encoding="utf-8"))
        return str(raw["fingerprint"]), str(raw["input_stats"])
    except (OSError, ValueError, TypeError, KeyError):
        return None


@dataclass(frozen=True)
class Preflight:
    """The answer: `unchanged` only when certain; `reason` says why either way."""

    unchanged: bool
    reason: str
    stamp: fpr.Stamp | None
    files: int  # input files (and sidecars) looked at
    seconds: float

    def metadata(self) -> dict[str, object]:
        """What the AssetObservation of `input_changes` records."""
        fp = self.stamp.fingerprint if self.stamp else None
        return {
            "decision": UNCHANGED if self.unchanged else "run",
            "reason": self.reason,
            "checked_by": "stat (gwr.preflight), before any run",
            "fingerprint": fp.value if fp else "(none)",
            "published_built_at": self.stamp.built_at if self.stamp else "(none)",
            "files": self.files,
            "seconds": round(self.seconds, 3),
        }


def unchanged_reason(stamp: fpr.Stamp, files: int) -> str:
    return (
        f"nothing changed since the published warehouse (built {stamp.built_at}, "
        f"fingerprint {stamp.fingerprint.value[:12]}; {files} input files seen unchanged "
        "by size and mtime): nothing rebuilt"
    )


def check(
    warehouse: Path,
    data_dir: Path,
    reference_dir: Path,
    cache_dir: Path,
    *,
    env: Mapping[str, str] | None = None,
) -> Preflight:
    """Whether the published `warehouse` was built from exactly these inputs, reference
    files, code and settings, decided from file stats and small hashes only."""
    started = time.perf_counter()

    def answer(unchanged: bool, reason: str, stamp: fpr.Stamp | None, files: int = 0) -> Preflight:
        return Preflight(unchanged, reason, stamp, files, time.perf_counter() - started)

    stamp = fpr.read_stamp(warehouse)
    if stamp is None:
        return answer(False, f"no stamped warehouse at {warehouse}", None)
    published = stamp.fingerprint
    seen = _recorded(cache_dir)
    if seen is None or seen[0] != published.value:
        return answer(
            False,
            "no stat record of the published build's inputs (first run here, files modified "
            "just before the last listing, or unreadable files): checked by content in the run",
            stamp,
        )
    # cheap parts first: a deploy or a catalog edit answers before the tree is walked
    if fpr.settings_fingerprint(env) != published.settings:
        return answer(False, "settings changed", stamp)
    if fpr.project_code_fingerprint() != published.code:
        return answer(False, "code changed", stamp)
    if fpr.reference_fingerprint(reference_dir) != published.reference:
        return answer(False, "reference files changed", stamp)
    quick = quick_stats(data_dir)
    if quick is None:
        return answer(
            False, "the input tree holds links or special files: listed in the run", stamp
        )
    if tree_stat_snapshot(quick, data_dir) != seen[1]:
        return answer(
            False, "input files added, removed or modified (size or mtime)", stamp, len(quick)
        )
    return answer(True, unchanged_reason(stamp, len(quick)), stamp, len(quick))


def check_configured() -> Preflight:
    """`check` on the configured folders: the paths the run's resources resolve
    (gwr.settings, pipelines/resources.py: environment variables with repository
    defaults)."""
    return check(
        settings.warehouse_path(),
        settings.data_dir(),
        settings.reference_dir(),
        settings.cache_dir(),
    )
