"""Integrity of data/reference/indicators.csv and departments.csv."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from gwr.departments import DepartmentCatalog
from gwr.indicators import (
    ACCUMULATIONS,
    COLUMNS,
    MEASURES,
    Catalog,
    CatalogError,
    Resolver,
    normalize,
)

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
INDICATORS_CSV = REFERENCE / "indicators.csv"
DEPARTMENTS_CSV = REFERENCE / "departments.csv"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(INDICATORS_CSV)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with INDICATORS_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_columns_are_the_documented_ones(rows: list[dict[str, str]]) -> None:
    assert tuple(rows[0].keys()) == COLUMNS


def test_catalog_is_large_enough(catalog: Catalog) -> None:
    assert len(catalog) >= 200


def test_ids_unique_snake_case_ascii(rows: list[dict[str, str]]) -> None:
    ids = [r["indicator_id"] for r in rows]
    assert len(ids) == len(set(ids))
    for i in ids:
        assert re.fullmatch(r"[a-z0-9][a-z0-9_]*", i), i


def test_vocabularies(rows: list[dict[str, str]]) -> None:
    for r in rows:
        assert r["measure"] in MEASURES, r
        assert r["accumulation"] in ACCUMULATIONS, r
        assert r["higher_is_better"] in ("true", "false"), r
        assert r["name_zh"].strip() and r["name_en"].strip(), r
        if r["measure"] == "qualitative":
            assert r["unit"] == "" and r["unit_base"] == "", r
        else:
            assert r["unit"] and r["unit_base"], r
        if r["measure"] in ("growth_pct", "ratio_pct"):
            assert r["accumulation"] == "rate", r
        if r["measure"] == "growth_pct":
            assert r["unit_base"] == "%", r
        if r["measure"] == "pp_change":
            assert r["unit_base"] == "个百分点", r


def test_units_parse_to_the_stated_base(rows: list[dict[str, str]]) -> None:
    units = pytest.importorskip("gwr.units")
    for r in rows:
        if not r["unit"] or r["unit"] in ("‰", "1/10万", "岁", "微克/立方米"):
            continue
        parsed = units.parse_unit(r["unit"])
        if parsed is None:  # tolerated: the unit module may not know a rare unit
            continue
        assert parsed.base == r["unit_base"], (r["indicator_id"], parsed)


def test_aliases_unique_across_indicators(catalog: Catalog) -> None:
    owner: dict[str, str] = {}
    for ind in catalog:
        for name in ind.names:
            key = normalize(name)
            assert owner.setdefault(key, ind.indicator_id) == ind.indicator_id, (
                name,
                owner[key],
                ind.indicator_id,
            )


def test_every_name_and_alias_resolves_to_its_indicator(catalog: Catalog) -> None:
    resolver = Resolver(catalog)
    for ind in catalog:
        for name in ind.names:
            res = resolver.resolve(name)
            assert res.indicator_id == ind.indicator_id, (name, res)
            assert not res.provisional
            assert res.method in ("exact", "alias", "normalized")


def test_ceilings_are_not_higher_is_better(catalog: Catalog) -> None:
    for iid in (
        "cpi",
        "unemployment_rate",
        "energy_intensity",
        "safety_accidents",
        "safety_accident_deaths",
        "major_safety_accidents",
        "criminal_cases",
    ):
        assert catalog[iid].higher_is_better is False, iid
    for iid in ("gdp", "urban_new_jobs", "forest_coverage", "grain_output"):
        assert catalog[iid].higher_is_better is True, iid


def test_accumulation_examples(catalog: Catalog) -> None:
    assert catalog["urban_new_jobs"].accumulation == "flow"
    assert catalog["old_residential_renovation"].accumulation == "flow"
    assert catalog["key_project_investment"].accumulation == "flow"
    assert catalog["urbanization_rate"].accumulation == "rate"
    assert catalog["gdp"].accumulation == "rate"
    assert catalog["grain_output"].accumulation == "stock"
    assert catalog["permanent_population"].accumulation == "stock"


def test_every_lead_department_is_in_the_department_catalog(catalog: Catalog) -> None:
    deps = DepartmentCatalog.load(DEPARTMENTS_CSV)
    for ind in catalog:
        assert ind.departments, ind.indicator_id
        for name in ind.departments:
            assert deps.parse(name).department is not None, (ind.indicator_id, name)


def test_departments_csv_integrity() -> None:
    with DEPARTMENTS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0].keys()) == [
        "department_id", "name_zh", "name_en", "aliases", "precedence",
    ]  # fmt: skip
    ids = [r["department_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    ones = [r["department_id"] for r in rows if int(r["precedence"]) == 1]
    assert ones == ["stats"]
    assert all(int(r["precedence"]) >= 1 for r in rows)


def test_load_rejects_a_colliding_alias(tmp_path: Path) -> None:
    bad = tmp_path / "indicators.csv"
    header = ",".join(COLUMNS)
    bad.write_text(
        header + "\n"
        "a,甲指标,A,count,个,个,flow,true,共同别名,统计局\n"
        "b,乙指标,B,count,个,个,flow,true,共 同 别 名,统计局\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match="belongs to both"):
        Catalog.load(bad)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("measure", "percent", "measure"),
        ("accumulation", "level", "accumulation"),
        ("higher_is_better", "maybe", "higher_is_better"),
        ("indicator_id", "GDP Growth", "snake_case"),
    ],
)
def test_load_rejects_bad_vocabulary(tmp_path: Path, column: str, value: str, message: str) -> None:
    row = dict(
        zip(
            COLUMNS,
            ["a", "甲", "A", "count", "个", "个", "flow", "true", "", "统计局"],
            strict=True,
        )
    )
    row[column] = value
    path = tmp_path / "indicators.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerow(row)
    with pytest.raises(CatalogError, match=message):
        Catalog.load(path)


def test_default_path_and_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GWR_REFERENCE", raising=False)
    assert len(Catalog.load()) == len(Catalog.load(INDICATORS_CSV))
    (tmp_path / "indicators.csv").write_text(
        ",".join(COLUMNS) + "\nonly,唯一指标,Only,count,个,个,flow,true,,统计局\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GWR_REFERENCE", str(tmp_path))
    assert [i.indicator_id for i in Catalog.load()] == ["only"]
