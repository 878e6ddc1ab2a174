"""`resolve_indicators` and its persistent cache (issue 10): the frame is the same, row
for row and type for type, as the former implementation's, without a cache, with a cold
one and with a warm one; a changed catalog or resolver starts a new cache."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwr.build import RESOLUTION_COLUMNS, RESOLUTION_DTYPES, group_wordings, resolve_indicators
from gwr.indicators import MEASURES, Catalog, Resolver
from gwr.resolution_cache import NAMESPACE, ResolutionCache

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
CATALOG = Catalog.load(REFERENCE / "indicators.csv")
NAMES = sorted({n for i in CATALOG for n in i.names})
RESOLVER = Resolver(CATALOG)  # results do not depend on the instance (test_indicator_properties)


def former_resolve_indicators(frames: Iterable[pd.DataFrame], resolver: Resolver) -> pd.DataFrame:
    """The implementation before issue 10 (a groupby with `Series.mode` per group): the
    oracle the faster one must equal."""
    parts = [f[["indicator_text", "measure", "unit", "unit_base"]] for f in frames if len(f)]
    if not parts:
        return pd.DataFrame(columns=RESOLUTION_COLUMNS).astype(RESOLUTION_DTYPES)
    seen = pd.concat(parts, ignore_index=True)
    seen["indicator_text"] = seen["indicator_text"].fillna("")
    grouped = (
        seen.groupby(["indicator_text", "measure"], dropna=False, sort=True)
        .agg(
            n=("indicator_text", "size"),
            unit=("unit", lambda s: s.mode().iat[0] if s.notna().any() else None),
            unit_base=("unit_base", lambda s: s.mode().iat[0] if s.notna().any() else None),
        )
        .reset_index()
    )
    rows: list[dict[str, Any]] = []
    for rec in grouped.to_dict("records"):
        res = resolver.resolve(rec["indicator_text"], rec["measure"])
        rows.append(
            {
                **rec,
                "indicator_id": res.indicator_id,
                "method": res.method,
                "score": float(res.score),
                "provisional": bool(res.provisional),
                "best_candidate": getattr(res, "best_candidate", None),
                "best_score": float(getattr(res, "best_score", res.score) or 0.0),
            }
        )
    return pd.DataFrame(rows, columns=RESOLUTION_COLUMNS).astype(RESOLUTION_DTYPES)


def strict(frame: pd.DataFrame) -> tuple[list[str], list[str], list[tuple[str, ...]]]:
    """Columns, dtypes and every cell by repr: None and NaN, 1 and 1.0 told apart."""
    cells = [tuple(map(repr, row)) for row in frame.astype(object).itertuples(index=False)]
    return list(frame.columns), [str(d) for d in frame.dtypes], cells


def assert_identical(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert strict(a) == strict(b)
    assert a.equals(b)
    assert list(a.index) == list(b.index)


def frame(rows: list[tuple[Any, Any, Any, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator_text", "measure", "unit", "unit_base"])


STATEMENTS = frame(
    [
        ("地区生产总值", "growth_pct", "%", "%"),
        ("地区生产总值", "growth_pct", "%", "%"),
        ("地区生产总值", "amount", "亿元", "元"),
        ("全市GDP增速", "growth_pct", "%", "%"),
        ("规上工业增加值增速", "growth_pct", None, None),
        ("社零", "amount", "万元", "元"),
        ("社零", "amount", "亿元", "元"),  # a tie: the smaller unit wins
        ("利用坡地林地新增中药材种植面积", "amount", "万亩", "亩"),
        ("民间固定资产投资", "growth_pct", "%", "%"),
        ("甲乙丙丁戊不在目录里的说法", "count", "个", "个"),
        (None, "qualitative", None, None),
        ("城镇新增就业", "count", "万人", "人"),
    ]
)
RECORDS = frame(
    [
        ("城镇新增就业", "count", "人", "人"),
        ("城镇新增就业", "count", "人", "人"),
        ("老旧小区改造数", "count", "个", "个"),
        ("5G基站数", None, "个", "个"),  # no measure: NaN after the groupby
        ("粮食总产量", "amount", None, None),
    ]
)


@pytest.fixture(scope="module")
def former() -> pd.DataFrame:
    return former_resolve_indicators([STATEMENTS, RECORDS], Resolver(CATALOG))


def test_same_frame_as_before_without_cache(former: pd.DataFrame) -> None:
    assert_identical(resolve_indicators([STATEMENTS, RECORDS], Resolver(CATALOG)), former)


def test_same_frame_cold_and_warm(tmp_path: Path, former: pd.DataFrame) -> None:
    cold = ResolutionCache(tmp_path, Resolver(CATALOG))
    assert_identical(resolve_indicators([STATEMENTS, RECORDS], Resolver(CATALOG), cold), former)
    assert (cold.hits, cold.misses) == (0, len(former))
    assert cold.path.exists() and cold.path.parent == tmp_path / NAMESPACE

    warm = ResolutionCache(tmp_path, Resolver(CATALOG))
    assert_identical(resolve_indicators([STATEMENTS, RECORDS], Resolver(CATALOG), warm), former)
    assert (warm.hits, warm.misses) == (len(former), 0)
    assert warm.save() is False  # nothing new: the file is not rewritten


def test_a_new_wording_is_one_miss(tmp_path: Path) -> None:
    resolve_indicators(
        [STATEMENTS], Resolver(CATALOG), ResolutionCache(tmp_path, Resolver(CATALOG))
    )
    more = pd.concat([STATEMENTS, frame([("常住人口城镇化率", "ratio_pct", "%", "%")])])
    cache = ResolutionCache(tmp_path, Resolver(CATALOG))
    got = resolve_indicators([more], Resolver(CATALOG), cache)
    assert cache.misses == 1 and cache.hits == len(got) - 1
    assert_identical(got, former_resolve_indicators([more], Resolver(CATALOG)))
    assert len(ResolutionCache(tmp_path, Resolver(CATALOG))) == len(got)


def test_empty_frames(tmp_path: Path) -> None:
    empty = frame([])
    cache = ResolutionCache(tmp_path, Resolver(CATALOG))
    got = resolve_indicators([empty, empty], Resolver(CATALOG), cache)
    assert_identical(got, former_resolve_indicators([empty, empty], Resolver(CATALOG)))
    assert not cache.path.exists()


def _catalog_with_alias(tmp_path: Path, alias: str) -> Catalog:
    """The bundled catalog with one more alias on 地区生产总值 (gdp)."""
    source = pd.read_csv(REFERENCE / "indicators.csv", dtype=str, keep_default_na=False)
    row = source["name_zh"] == "地区生产总值"
    assert row.sum() == 1
    source.loc[row, "aliases"] = source.loc[row, "aliases"].map(
        lambda a: f"{a}|{alias}" if a else alias
    )
    path = tmp_path / "indicators.csv"
    source.to_csv(path, index=False)
    return Catalog.load(path)


def test_a_changed_catalog_starts_a_new_cache(tmp_path: Path) -> None:
    wording = frame([("甲乙丙丁戊不在目录里的说法", "growth_pct", "%", "%")])
    before = resolve_indicators(
        [wording], Resolver(CATALOG), ResolutionCache(tmp_path / "cache", Resolver(CATALOG))
    )
    assert bool(before["provisional"].iat[0])

    changed = _catalog_with_alias(tmp_path, "甲乙丙丁戊不在目录里的说法")
    assert changed.fingerprint() != CATALOG.fingerprint()
    cache = ResolutionCache(tmp_path / "cache", Resolver(changed))
    assert cache.path != ResolutionCache(tmp_path / "cache", Resolver(CATALOG)).path
    after = resolve_indicators([wording], Resolver(changed), cache)
    assert (cache.hits, cache.misses) == (0, 1)
    assert after["method"].iat[0] == "alias" and not after["provisional"].iat[0]
    assert after["indicator_id"].iat[0] == CATALOG.lookup_key("地区生产总值")


def test_same_content_same_cache(tmp_path: Path) -> None:
    copy = tmp_path / "indicators.csv"
    copy.write_bytes((REFERENCE / "indicators.csv").read_bytes())
    assert Catalog.load(copy).fingerprint() == CATALOG.fingerprint()


def test_resolver_settings_are_part_of_the_version(tmp_path: Path) -> None:
    default = ResolutionCache(tmp_path, Resolver(CATALOG))
    looser = ResolutionCache(tmp_path, Resolver(CATALOG, threshold=80.0))
    assert default.path != looser.path


def test_a_damaged_cache_file_is_ignored_and_rewritten(
    tmp_path: Path, former: pd.DataFrame
) -> None:
    cache = ResolutionCache(tmp_path, Resolver(CATALOG))
    cache.path.parent.mkdir(parents=True)
    cache.path.write_bytes(b"PAR1 truncated")
    assert_identical(resolve_indicators([STATEMENTS, RECORDS], Resolver(CATALOG), cache), former)
    assert cache.misses == len(former)
    assert len(ResolutionCache(tmp_path, Resolver(CATALOG))) == len(former)


def test_the_most_common_unit_ties_go_to_the_smallest() -> None:
    grouped = group_wordings([STATEMENTS])
    by_text = grouped.set_index(["indicator_text", "measure"])
    assert by_text.loc[("社零", "amount"), "unit"] == "万元"
    assert by_text.loc[("规上工业增加值增速", "growth_pct"), "unit"] is None


# ------------------------------------------------------------------------- properties

WORDS = st.one_of(
    st.sampled_from(NAMES),
    st.builds(
        lambda a, b: a + b, st.sampled_from(["全市", "力争", "新增", ""]), st.sampled_from(NAMES)
    ),
    st.builds(
        lambda a, b: a + b, st.sampled_from(NAMES), st.sampled_from(["增速", "完成额", "数", ""])
    ),
    st.text(alphabet="城镇农村工业投资增加值收入规上新增个数率（）% ", min_size=0, max_size=10),
    st.none(),
)
ROWS = st.lists(
    st.tuples(
        WORDS,
        st.sampled_from([*MEASURES, None]),
        st.sampled_from(["%", "亿元", "万元", "个", None]),
        st.sampled_from(["%", "元", "个", None]),
    ),
    min_size=0,
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports=ROWS, sheets=ROWS)
def test_property_same_frame_with_and_without_cache(
    reports: list[tuple[Any, Any, Any, Any]], sheets: list[tuple[Any, Any, Any, Any]]
) -> None:
    frames = [frame(reports), frame(sheets)]
    expected = former_resolve_indicators(frames, RESOLVER)
    assert_identical(resolve_indicators(frames, RESOLVER), expected)
    with tempfile.TemporaryDirectory() as tmp:
        for _run in ("cold", "warm"):
            cache = ResolutionCache(Path(tmp), RESOLVER)
            assert_identical(resolve_indicators(frames, RESOLVER, cache), expected)
        assert cache.misses == 0 and cache.hits == len(expected)


def test_nan_measure_is_one_key() -> None:
    a = frame([("5G基站数", None, "个", "个"), ("5G基站数", np.nan, "个", "个")])
    assert len(group_wordings([a])) == 1
