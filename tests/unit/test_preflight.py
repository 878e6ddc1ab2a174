"""gwr.preflight: a refresh sees from file stats alone that nothing changed.

The gate records the fingerprint it found and a digest of its inputs' (size, mtime)
(gwr.preflight.frames_stat_snapshot); the preflight compares it with the published
stamp and the tree's stats now (tree_stat_snapshot of gwr.inputs.quick_stats). It may
only say "unchanged" where the gate, hashing every byte, would say so too; everything
uncertain answers "run".
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwr import fingerprint as fpr
from gwr import preflight
from gwr.inputs import discover, files_frame, quick_stats

OLD_NS = 1_600_000_000 * 10**9  # files sent long ago: their stats vouch for their content


def _write(path: Path, text: str, mtime_ns: int = OLD_NS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


def _tree(root: Path) -> tuple[Path, Path]:
    data, ref = root / "data", root / "ref"
    _write(data / "reports" / "r2024.txt", "2024年政府工作报告\n地区生产总值增长6%左右。\n")
    _write(data / "reports" / "r2024.yaml", "region: 巴中市\nyear: 2024\n")
    _write(data / "spreadsheets" / "甲县" / "s1.csv", "指标,完成值\nGDP,1\n")
    _write(data / "spreadsheets" / "甲县" / "s2.csv", "指标,完成值\nGDP,2\n")
    _write(data / "spreadsheets" / "乙县" / "s3.csv", "指标,完成值\nGDP,3\n")
    _write(data / "spreadsheets" / "README.md", "notes, not an input\n")
    _write(ref / "indicators.csv", "id\ngdp\n")
    return data, ref


def _frames(data: Path, listed_at_ns: int | None = None) -> list:  # type: ignore[type-arg]
    listed = time.time_ns() if listed_at_ns is None else listed_at_ns
    return [files_frame(discover(data, k), listed) for k in ("report", "spreadsheet")]


def _gate(data: Path, ref: Path, db: Path, listed_at_ns: int | None = None) -> fpr.Fingerprint:
    """What the gate records (assets/changes.py) after listing and hashing the tree."""
    frames = _frames(data, listed_at_ns)
    fp = fpr.refresh_fingerprint(frames, ref, env={})
    preflight.record(db.parent / "cache", fp.value, preflight.frames_stat_snapshot(frames, data))
    return fp


def _publish(data: Path, ref: Path, db: Path, listed_at_ns: int | None = None) -> fpr.Fingerprint:
    """A refresh: the gate's record, then the build stamped with its fingerprint."""
    fp = _gate(data, ref, db, listed_at_ns)
    db.unlink(missing_ok=True)
    fpr.stamp(db, fp, run_id="r", files=5)
    return fp


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A tree of old files, refreshed once: (data folder, reference folder, warehouse)."""
    data, ref = _tree(tmp_path)
    db = tmp_path / "gwr.duckdb"
    _publish(data, ref, db)
    return data, ref, db


def _check(data: Path, ref: Path, db: Path) -> preflight.Preflight:
    return preflight.check(db, data, ref, db.parent / "cache", env={})


def test_an_untouched_tree_is_unchanged_without_reading_a_byte(
    published: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, ref, db = published
    import gwr.inputs

    def no_reads(path: Path) -> str:
        raise AssertionError(f"hashed {path}")

    monkeypatch.setattr(gwr.inputs, "sha256_file", no_reads)
    answer = _check(data, ref, db)
    assert answer.unchanged, answer.reason
    assert answer.reason.startswith("nothing changed since the published warehouse (built ")
    assert "nothing rebuilt" in answer.reason
    assert answer.files == 6  # 4 inputs, the sidecar and the README, one stat each
    assert answer.metadata()["decision"] == "unchanged"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: os.utime(d / "spreadsheets/甲县/s1.csv", ns=(OLD_NS + 1, OLD_NS + 1)),
         "modified"),  # a touch: the run's gate decides by content
        (lambda d: _write(d / "spreadsheets/甲县/s1.csv", "指标,完成值\nGDP,9\n", OLD_NS + 5),
         "modified"),
        (lambda d: _write(d / "spreadsheets/丙县/s4.csv", "指标,完成值\nGDP,4\n"), "added"),
        (lambda d: (d / "spreadsheets/乙县/s3.csv").unlink(), "removed"),
        (lambda d: (d / "reports/r2024.yaml").unlink(), "removed"),  # a sidecar gone
        (lambda d: _write(d / "reports/r2024.yml", "year: 2023\n"), "added"),  # a 2nd sidecar
        (lambda d: _write(d / "spreadsheets/甲县/notes.docx", "x"), "added"),  # unsupported
        (lambda d: (d / "spreadsheets/甲县/s2.csv").rename(d / "spreadsheets/甲县/s9.csv"),
         "added"),  # renamed: the name is the period
    ],
)  # fmt: skip
def test_any_change_to_the_inputs_starts_the_run(
    published: tuple[Path, Path, Path], change: object, reason: str
) -> None:
    data, ref, db = published
    change(data)  # type: ignore[operator]
    answer = _check(data, ref, db)
    assert not answer.unchanged
    assert reason in answer.reason


def test_files_that_are_not_inputs_change_nothing(published: tuple[Path, Path, Path]) -> None:
    data, ref, db = published
    _write(data / "spreadsheets" / "甲县" / "~$s1.xlsx", "excel lock file")
    _write(data / "spreadsheets" / ".DS_Store", "finder")
    _write(data / "spreadsheets" / "make_samples.py", "print()")
    _write(data / "elsewhere.csv", "not under reports/ or spreadsheets/")
    assert _check(data, ref, db).unchanged


def test_code_reference_and_settings_start_the_run(
    published: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, ref, db = published
    answer = preflight.check(
        db, data, ref, tmp_path / "cache", env={"GWR_MAX_REJECTED_SHARE": "0.2"}
    )
    assert not answer.unchanged and answer.reason == "settings changed"
    real = fpr.project_code_fingerprint
    monkeypatch.setattr(fpr, "project_code_fingerprint", lambda: real() + "x")
    assert _check(data, ref, db).reason == "code changed"
    monkeypatch.setattr(fpr, "project_code_fingerprint", real)
    _write(ref / "benchmarks.csv", "x\n")
    assert _check(data, ref, db).reason == "reference files changed"


def test_no_stamp_or_no_snapshot_means_run(tmp_path: Path) -> None:
    data, ref = _tree(tmp_path)
    db = tmp_path / "gwr.duckdb"
    assert not _check(data, ref, db).unchanged  # nothing published yet
    # a file written just before the listing began: its stat cannot vouch for its content
    # (a second write in the same timestamp tick keeps size and mtime), so no snapshot
    recent = time.time_ns()
    _write(data / "spreadsheets" / "甲县" / "s1.csv", "指标,完成值\nGDP,1\n", recent)
    _publish(data, ref, db, listed_at_ns=recent + 10**9)
    answer = _check(data, ref, db)
    assert not answer.unchanged and "no stat record" in answer.reason
    # an unreadable file (its problem may go away without its stat changing)
    _write(data / "spreadsheets" / "甲县" / "s1.csv", "指标,完成值\nGDP,1\n")
    (data / "spreadsheets" / "甲县" / "big.xlsx").mkdir()  # a folder named like a file
    _publish(data, ref, db)
    assert "no stat record" in _check(data, ref, db).reason


def test_after_a_touch_the_gate_records_the_new_stats(published: tuple[Path, Path, Path]) -> None:
    """A sync that rewrites every mtime costs one run (whose gate finds nothing changed by
    content and publishes nothing), not every night after it."""
    data, ref, db = published
    for path in (data / "spreadsheets").rglob("*.csv"):
        os.utime(path, ns=(OLD_NS + 7, OLD_NS + 7))
    assert not _check(data, ref, db).unchanged
    _gate(data, ref, db)  # the run: same content, nothing rebuilt, the stats recorded
    assert _check(data, ref, db).unchanged


def test_a_record_of_an_unpublished_build_is_not_trusted(
    published: tuple[Path, Path, Path],
) -> None:
    """The gate records before the build: when that build is not published (a failed
    audit), the published file has another fingerprint and the next refresh runs."""
    data, ref, db = published
    _write(data / "spreadsheets" / "甲县" / "s1.csv", "指标,完成值\nGDP,7\n", OLD_NS + 9)
    _gate(data, ref, db)  # …and the build fails: the old file stays published
    answer = _check(data, ref, db)
    assert not answer.unchanged and "no stat record" in answer.reason


def test_a_symbolic_link_in_the_tree_is_left_to_the_full_listing(
    published: tuple[Path, Path, Path],
) -> None:
    data, ref, db = published
    (data / "spreadsheets" / "link.csv").symlink_to(data / "spreadsheets" / "乙县" / "s3.csv")
    assert not _check(data, ref, db).unchanged


def test_a_copy_of_the_tree_elsewhere_is_checked_by_content(
    published: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    import shutil

    data, ref, db = published
    copy = tmp_path / "copy"
    shutil.copytree(data, copy)  # copy2: sizes and mtimes kept
    assert not _check(copy, ref, db).unchanged


NAMES = st.sampled_from(["a.csv", "b.xlsx", "c.xls", "d.ods", "e.txt", "f.docx", "g.yaml",
                         "h.yml", "README.md", ".h.csv", "~$i.xlsx", "j.py", "r.md"])  # fmt: skip
FOLDERS = st.sampled_from(["reports", "reports/2024", "spreadsheets", "spreadsheets/甲县",
                           "spreadsheets/甲县/sub", "spreadsheets/乙县"])  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=st.lists(st.tuples(FOLDERS, NAMES, st.binary(max_size=20)), max_size=12))
def test_the_tree_and_the_frames_agree_on_any_tree(
    tmp_path_factory: pytest.TempPathFactory, files: list[tuple[str, str, bytes]]
) -> None:
    """For every tree without problem files, the digest of its stats now equals the one
    the refresh computed from its documents frames: an untouched tree is recognised, with
    sidecars, ignored names, unsupported types and nested folders."""
    data = tmp_path_factory.mktemp("tree") / "data"
    (data / "reports").mkdir(parents=True)
    (data / "spreadsheets").mkdir()
    for folder, name, content in files:
        path = data / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        os.utime(path, ns=(OLD_NS, OLD_NS))
    frames = _frames(data)
    stats = quick_stats(data)
    assert stats is not None
    assert preflight.frames_stat_snapshot(frames, data) == preflight.tree_stat_snapshot(stats, data)
