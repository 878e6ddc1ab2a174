"""Spreadsheets read by parts give exactly what one pass over every file gives, and a
night where one file changed re-parses that file only."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sheet_corpus import corrupt_xlsx, standard_rows, write_csv

from gwr import parts as parts_mod
from gwr.cache import ParseCache
from gwr.ingest import read_spreadsheets
from gwr.inputs import InputFile, discover
from gwr.parts import PartStore, folder_of, plan_parts, read_spreadsheets_by_parts
from schemas import SheetRecordSchema, split_invalid

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "spreadsheets" / "巴中市"
HEADER = ["指标名称", "单位", "完成值", "增速", "年度目标"]


def _tree(tmp_path: Path) -> Path:
    """The bundled files, plus what must stay global across parts: the same bytes with
    the same meaning in another folder, a file at the top level, an unsupported file, a
    corrupt one and rows that are set aside."""
    data = tmp_path / "data"
    sheets = data / "spreadsheets"
    shutil.copytree(BUNDLED, sheets / "巴中市")
    copy = sheets / "四川省" / "巴中市"
    copy.mkdir(parents=True)
    shutil.copy(BUNDLED / "市统计局_2024年1-6月.xlsx", copy / "市统计局_2024年1-6月.xlsx")
    shutil.copy(BUNDLED / "市人社局_2024年1-6月.csv", sheets / "巴中市人社局_2024年1-6月.csv")
    (sheets / "巴中市" / "说明.pdf").write_bytes(b"%PDF-1.4 not a table")
    (sheets / "通江县").mkdir()
    corrupt_xlsx(sheets / "通江县" / "县统计局_2024年1-6月.xlsx")
    write_csv(
        sheets / "通江县" / "县住建局_2024年1-6月.csv",
        standard_rows(
            header=HEADER,
            data=[["改造老旧小区", "个", "21", "", "113"], ["新建5G基站", "个", "abc", "", ""]],
        ),
    )
    return data


def _one_pass(files: list[InputFile]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    res = read_spreadsheets(files, None)
    split = split_invalid(SheetRecordSchema, res.rows)
    return split.valid, split.rejected, res.quarantine


def _same(a: pd.DataFrame, b: pd.DataFrame, drop: tuple[str, ...] = ()) -> None:
    a = a.drop(columns=list(drop)).reset_index(drop=True)
    b = b.drop(columns=list(drop)).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


@pytest.mark.parametrize("part_files", [256, 2])  # whole folders; folders cut into slices
def test_parts_give_what_one_pass_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part_files: int
) -> None:
    monkeypatch.setattr(parts_mod, "PART_FILES", part_files)
    files = discover(_tree(tmp_path), kind="spreadsheet")
    valid, rejected, quarantine = _one_pass(files)
    store = PartStore(tmp_path / "cache")
    got = read_spreadsheets_by_parts(files, None, store)
    assert got.parts_built == got.parts >= 3
    _same(got.split.valid, valid)
    _same(got.split.rejected, rejected)
    _same(got.quarantine, quarantine, drop=("loaded_at",))
    # what the tree holds is really exercised: a copy across parts, rejects, bad files
    reasons = " | ".join(got.quarantine["reason"])
    assert "identical to spreadsheets/四川省/巴中市/市统计局_2024年1-6月.xlsx" in reasons
    assert "unsupported file type .pdf" in reasons and len(got.split.rejected) == 0
    assert "'abc' is not a number" in reasons

    again = read_spreadsheets_by_parts(files, None, store)
    assert (again.parts_built, again.parsed) == (0, 0)
    _same(again.split.valid, valid)
    _same(again.quarantine, quarantine, drop=("loaded_at",))


def test_one_changed_file_reparses_that_file_only(tmp_path: Path) -> None:
    data = _tree(tmp_path)
    cache_root = tmp_path / "cache"
    cache = ParseCache(cache_root, "spreadsheets", "v")
    store = PartStore(cache_root)
    cold = read_spreadsheets_by_parts(discover(data, kind="spreadsheet"), cache, store)
    assert cold.parsed == len(cold.split.valid["path"].unique()) + 2  # + corrupt, + copy

    changed = data / "spreadsheets" / "通江县" / "县住建局_2024年1-6月.csv"
    write_csv(changed, standard_rows(header=HEADER, data=[["改造老旧小区", "个", "37", "", ""]]))
    files = discover(data, kind="spreadsheet")
    warm = read_spreadsheets_by_parts(files, cache, store)
    assert (warm.parsed, warm.parts_built) == (1, 1)
    row = warm.split.valid[warm.split.valid["path"].str.endswith("县住建局_2024年1-6月.csv")]
    assert row["value"].tolist() == [37.0]
    _same(warm.split.valid, _one_pass(files)[0])


def test_a_part_is_rebuilt_when_the_record_model_changes(tmp_path: Path) -> None:
    files = discover(_tree(tmp_path), kind="spreadsheet")
    read_spreadsheets_by_parts(files, None, PartStore(tmp_path / "c", version="a"))
    other = read_spreadsheets_by_parts(files, None, PartStore(tmp_path / "c", version="b"))
    assert other.parts_built == other.parts


def _file(rel_path: str) -> InputFile:
    return InputFile(Path("/x") / rel_path, rel_path, "spreadsheet", "0" * 64, 1)


paths = st.lists(
    st.tuples(st.sampled_from(["", "巴中市/", "通江县/", "四川省/巴中市/"]), st.integers(0, 999)),
    unique=True,
    max_size=60,
).map(lambda items: sorted(f"spreadsheets/{d}f{n}.csv" for d, n in items))


@settings(max_examples=60, deadline=None)
@given(paths, st.integers(0, 999))
def test_parts_cover_every_file_once_and_one_new_file_moves_no_other(
    rel_paths: list[str], new: int
) -> None:
    parts_mod.PART_FILES, saved = 4, parts_mod.PART_FILES
    try:
        files = [_file(p) for p in rel_paths]
        plan = plan_parts(files, "v")
        members = [f.rel_path for p in plan for f in p.files]
        assert sorted(members) == rel_paths
        for p in plan:
            assert [f.rel_path for f in p.files] == sorted(f.rel_path for f in p.files)
            assert {folder_of(f) for f in p.files} == {p.folder}
        added = _file(f"spreadsheets/巴中市/new{new}.csv")
        after = plan_parts(sorted([*files, added], key=lambda f: f.rel_path), "v")
        same_slicing = {p.folder: p.slices for p in plan} == {
            p.folder: p.slices for p in after if p.folder in {q.folder for q in plan}
        }
        if same_slicing:  # only the part that received the file has a new key
            changed = {p.key for p in after} - {p.key for p in plan}
            assert len(changed) == 1
            assert any(added in p.files for p in after if p.key in changed)
    finally:
        parts_mod.PART_FILES = saved


def test_no_spreadsheets_at_all_give_empty_frames_with_their_columns(tmp_path: Path) -> None:
    got = read_spreadsheets_by_parts([], None, PartStore(tmp_path / "cache"))
    assert got.parts == 0 and got.split.valid.empty and got.quarantine.empty
    assert list(got.split.valid.columns) == list(_one_pass([])[0].columns)
    assert not got.split.blocking


def _pandas_assembly(
    frames: list[pd.DataFrame], position: dict[str, int], dropped: set[str]
) -> pd.DataFrame:
    """What assembly did before it went through Arrow: concatenate the parts' frames, keep
    what is not dropped, stable-sort by file position, keep each record id's first row."""
    frame = pd.concat(frames, ignore_index=True)
    frame = frame[~frame["path"].isin(dropped)]
    order = frame["path"].map(position).fillna(len(position)).astype("int64")
    frame = frame.iloc[order.argsort(kind="stable")]
    return frame.drop_duplicates("record_id").reset_index(drop=True)


record_rows = st.lists(
    st.tuples(
        st.integers(0, 5),  # file
        st.integers(0, 7),  # record id: repeats across files and parts happen
        st.one_of(st.none(), st.floats(-1e6, 1e6)),  # value, sometimes missing
        st.one_of(st.none(), st.sampled_from(["450100", "511900"])),  # region code
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=80, deadline=None)
@given(record_rows, st.lists(st.integers(1, 5), max_size=6), st.permutations(range(6)),
       st.sets(st.integers(0, 5), max_size=2))  # fmt: skip
def test_arrow_assembly_equals_the_pandas_one(
    rows: list[tuple[int, int, float | None, str | None]],
    cuts: list[int],
    file_order: list[int],
    dropped_files: set[int],
) -> None:
    """Parts cut anywhere (so one part may hold a column all null, typed null in Parquet),
    files in any input order, copies dropped, record ids repeated: the frame assembled in
    Arrow is the pandas assembly's, dtypes included."""
    import pyarrow as pa

    frame = parts_mod._frame(
        [
            {
                **dict.fromkeys(parts_mod.RECORD_COLUMNS),
                **{"record_id": f"r{rid}", "path": f"spreadsheets/f{file}.csv"},
                **{"value": value, "region_code": code, "row": i},
            }
            for i, (file, rid, value, code) in enumerate(rows)
        ],
        parts_mod.RECORD_COLUMNS,
    )
    frame["row"] = frame["row"].astype("int64")
    bounds = sorted({0, len(frame), *(min(c, len(frame)) for c in cuts)})
    frames = [frame.iloc[a:b].reset_index(drop=True) for a, b in itertools.pairwise(bounds)]
    position = {f"spreadsheets/f{file}.csv": i for i, file in enumerate(file_order)}
    dropped = {f"spreadsheets/f{file}.csv" for file in dropped_files}
    tables = [pa.Table.from_pandas(f, preserve_index=False) for f in frames]
    got = parts_mod._valid_in_input_order(tables, position, dropped)
    want = _pandas_assembly(frames, position, dropped)
    if want.empty:
        assert got.empty and list(got.columns) == parts_mod.RECORD_COLUMNS
    else:
        pd.testing.assert_frame_equal(got, want, check_dtype=True)
