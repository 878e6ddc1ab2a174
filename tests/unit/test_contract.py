"""One contract (schemas/contract.yml): everything that repeats it is generated from it or
checked here, so a vocabulary or a column cannot drift in one place only."""

from __future__ import annotations

import pandera.pandas as pa
import pytest

from gwr.build import BENCHMARK_COLUMNS, RESOLUTION_COLUMNS
from gwr.ingest import QUARANTINE_COLUMNS, RECORD_COLUMNS, STATEMENT_COLUMNS
from schemas import (
    BenchmarkSchema,
    DocumentSchema,
    IndicatorCatalogSchema,
    IndicatorResolutionSchema,
    QuarantineSchema,
    ReportStatementSchema,
    SheetRecordSchema,
)
from schemas.contract import contract, frame_columns, frame_types, generated_files, vocabulary

MODELS: dict[str, type[pa.DataFrameModel]] = {
    "report_documents": DocumentSchema,
    "report_statements": ReportStatementSchema,
    "sheet_records": SheetRecordSchema,
    "report_quarantine": QuarantineSchema,
    "indicator_catalog": IndicatorCatalogSchema,
    "indicator_resolution": IndicatorResolutionSchema,
    "benchmark_values": BenchmarkSchema,
}


def test_generated_dbt_yaml_is_current() -> None:
    stale = [
        str(path) for path, text in generated_files().items()
        if path.read_text(encoding="utf-8") != text
    ]  # fmt: skip
    assert stale == [], "run `make contract` and commit the result"


def test_ingest_column_orders_are_the_contracts() -> None:
    """Columns the parsers produce today, in contract order (`anticipated` ones are
    declared for parallel work and load as typed NULLs until a parser fills them)."""
    assert frame_columns("report_statements", anticipated=False) == STATEMENT_COLUMNS
    assert frame_columns("sheet_records", anticipated=False) == RECORD_COLUMNS
    assert frame_columns("report_quarantine") == QUARANTINE_COLUMNS
    assert frame_columns("sheet_quarantine") == QUARANTINE_COLUMNS
    assert frame_columns("indicator_resolution") == RESOLUTION_COLUMNS
    assert frame_columns("benchmark_values") == BENCHMARK_COLUMNS


@pytest.mark.parametrize("frame", sorted(MODELS))
def test_pandera_models_match_the_contract(frame: str) -> None:
    schema = MODELS[frame].to_schema()
    declared = frame_columns(frame)
    assert set(schema.columns) <= set(declared), set(schema.columns) - set(declared)
    specs = contract()["frames"][frame]["columns"]
    for name, column in schema.columns.items():
        allowed = [c.statistics["allowed_values"] for c in column.checks if c.name == "isin"]
        vocab = specs[name].get("vocabulary")
        if vocab is None:
            assert allowed == [], f"{frame}.{name}: a vocabulary the contract does not name"
        elif vocab == "measure" and frame == "benchmark_values":
            assert set(allowed[0]) == set(vocabulary("measure")) - {"qualitative"}
        else:
            assert [list(a) for a in allowed] == [vocabulary(vocab)], f"{frame}.{name}"


def test_dagster_column_schemas_are_the_contracts() -> None:
    """The column schema every model asset shows in the UI (from the dbt docs) has the
    contract's names, types and bilingual descriptions."""
    from assets.warehouse import MODEL_SPECS

    by_key = {spec.key.to_user_string(): spec for spec in MODEL_SPECS}
    for name, spec in contract()["tables"].items():
        asset = by_key[f"{spec.get('schema', 'mart')}/{name}"]
        columns = asset.metadata["dagster/column_schema"].columns
        assert [c.name for c in columns] == list(spec["columns"]), name
        assert [c.type for c in columns] == [s["type"] for s in spec["columns"].values()]
        zh_en = [f"{s['zh']} | {s['en']}" for s in spec["columns"].values()]
        assert [c.description for c in columns] == zh_en, name
    for frame in contract()["frames"]:
        assert frame_types(frame), frame


def test_dbt_accepted_values_are_the_vocabularies() -> None:
    import yaml

    from schemas.contract import MARTS_SCHEMA

    vocabularies = {tuple(v) for v in contract()["vocabularies"].values()}
    models = yaml.safe_load(MARTS_SCHEMA.read_text(encoding="utf-8"))["models"]
    seen = 0
    for model in models:
        for column in model["columns"]:
            for test in column.get("data_tests", []):
                if isinstance(test, dict) and "accepted_values" in test:
                    assert tuple(test["accepted_values"]["arguments"]["values"]) in vocabularies
                    seen += 1
    assert seen > 15


def test_a_bare_scale_word_scales_but_names_no_base() -> None:
    """6000万农村人口 is written 6000 万 and counts 人: the unit table gives 万 its factor
    and leaves the base open (the dbt test value_base_scaled then accepts 人)."""
    import pandas as pd

    from gwr.build import unit_scales_frame

    units = pd.DataFrame({"unit": ["万", "万人", "亿元", "万剂"]})
    table = unit_scales_frame([units]).set_index("unit")
    assert table.loc["万", "factor"] == 10_000 and pd.isna(table.loc["万", "unit_base"])
    assert (table.loc["万人", "factor"], table.loc["万人", "unit_base"]) == (10_000, "人")
    assert (table.loc["亿元", "factor"], table.loc["亿元", "unit_base"]) == (1e8, "元")
    # a noun the unit table does not know, counted in 万 (推广冻精20万剂)
    assert (table.loc["万剂", "factor"], table.loc["万剂", "unit_base"]) == (10_000, "剂")
