"""Pandera models of the frames that become `raw.*` tables.

The vocabularies are CONTRACT §2's, read from the one contract (schemas/contract.yml). A
row outside them is set aside in quarantine (schemas.validation.split_invalid); a frame
whose columns are wrong, or with too many such rows, blocks publication.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.contract import vocabulary

MEASURES = vocabulary("measure")
COMPARATORS = vocabulary("comparator")
KINDS = vocabulary("kind")
#: what a report figure is over its period (gwr.report.periods)
AGGREGATIONS = vocabulary("aggregation")
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
SHA256 = r"^[0-9a-f]{64}$"
ID16 = r"^[0-9a-f]{16}$"
# a 6-digit administrative division code of data/reference/divisions.csv (100000 = 全国)
DIVISION_CODE = r"^\d{6}$"


class DocumentSchema(pa.DataFrameModel):
    """`raw.documents`: one row per input file seen."""

    document_id: Series[str] = pa.Field(str_matches=SHA256)
    path: Series[str] = pa.Field(unique=True)
    kind: Series[str] = pa.Field(isin=vocabulary("document_kind"))
    bytes: Series[int] = pa.Field(ge=0)
    loaded_at: Series[str]

    class Config:
        strict = True
        coerce = True  # an empty folder gives an empty object-typed frame


class ReportStatementSchema(pa.DataFrameModel):
    """A target or actual stated in a report, with its verbatim quote and offsets."""

    statement_id: Series[str] = pa.Field(str_matches=ID16, unique=True)
    document_id: Series[str] = pa.Field(str_matches=SHA256)
    path: Series[str]
    # official division name and code (gwr.regions); both NULL when the report does not
    # determine its region (listed by the regions_determined check), never a guess
    region: Series[str] = pa.Field(nullable=True)
    region_code: Series[str] = pa.Field(nullable=True, coerce=True, str_matches=DIVISION_CODE)
    report_year: Series[int] = pa.Field(ge=1949, le=2100, coerce=True)
    kind: Series[str] = pa.Field(isin=KINDS)
    year: Series[int] = pa.Field(ge=1949, le=2100, coerce=True)
    indicator_text: Series[str] = pa.Field(str_length={"min_value": 1})
    measure: Series[str] = pa.Field(isin=MEASURES)
    comparator: Series[str] = pa.Field(isin=COMPARATORS)
    value: Series[float] = pa.Field(nullable=True)
    value_max: Series[float] = pa.Field(nullable=True)
    unit: Series[str] = pa.Field(nullable=True)
    value_base: Series[float] = pa.Field(nullable=True)
    unit_base: Series[str] = pa.Field(nullable=True)
    section: Series[str] = pa.Field(nullable=True)
    quote: Series[str] = pa.Field(str_length={"min_value": 1})
    char_start: Series[int] = pa.Field(ge=0, coerce=True)
    char_end: Series[int] = pa.Field(ge=0, coerce=True)
    benchmark: Series[str] = pa.Field(nullable=True)
    period_start: Series[str] = pa.Field(str_matches=ISO_DATE)
    period_end: Series[str] = pa.Field(str_matches=ISO_DATE)
    aggregation: Series[str] = pa.Field(isin=AGGREGATIONS)

    @pa.dataframe_check(error="period_start must not be after period_end")
    def period_is_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return df["period_start"] <= df["period_end"]

    @pa.dataframe_check(error="char_end must exceed char_start")
    def span_is_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return df["char_end"] > df["char_start"]

    @pa.dataframe_check(error="a number-bearing measure needs a value; qualitative has none")
    def value_matches_measure(cls, df: pd.DataFrame) -> pd.Series:
        qualitative = df["measure"] == "qualitative"
        return (qualitative & df["value"].isna()) | (~qualitative & df["value"].notna())

    @pa.dataframe_check(error="value_max must not be below value")
    def stretch_not_below(cls, df: pd.DataFrame) -> pd.Series:
        return df["value_max"].isna() | df["value"].isna() | (df["value_max"] >= df["value"])


class SheetRecordSchema(pa.DataFrameModel):
    """A value a department reported in a progress spreadsheet."""

    record_id: Series[str] = pa.Field(str_matches=ID16, unique=True)
    document_id: Series[str] = pa.Field(str_matches=SHA256)
    path: Series[str]
    # null when neither folder nor title names it: staging SQL fills the single region
    region: Series[str] = pa.Field(nullable=True)
    region_code: Series[str] = pa.Field(nullable=True, str_matches=DIVISION_CODE)
    department: Series[str] = pa.Field(nullable=True)
    period_start: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    period_end: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    indicator_text: Series[str] = pa.Field(str_length={"min_value": 1})
    measure: Series[str] = pa.Field(isin=MEASURES)
    value: Series[float] = pa.Field(nullable=True)  # null = not yet available (待统计)
    unit: Series[str] = pa.Field(nullable=True)
    value_base: Series[float] = pa.Field(nullable=True)
    unit_base: Series[str] = pa.Field(nullable=True)
    annual_target: Series[float] = pa.Field(nullable=True)
    sheet: Series[str]
    row: Series[int] = pa.Field(ge=1, coerce=True)

    @pa.dataframe_check(error="period_start must not be after period_end")
    def period_is_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return df["period_start"] <= df["period_end"]

    @pa.dataframe_check(error="value_base must be null exactly when value is")
    def base_follows_value(cls, df: pd.DataFrame) -> pd.Series:
        return df["value"].isna() == df["value_base"].isna()


class QuarantineSchema(pa.DataFrameModel):
    """An input row or file set aside, with where and why."""

    document_id: Series[str] = pa.Field(str_matches=SHA256)
    path: Series[str]
    source_location: Series[str] = pa.Field(str_length={"min_value": 1})
    raw: Series[str] = pa.Field(nullable=True)
    reason: Series[str] = pa.Field(str_length={"min_value": 3})
    loaded_at: Series[str]


class IndicatorCatalogSchema(pa.DataFrameModel):
    """The reference catalog of canonical indicators (data/reference/indicators.csv)."""

    indicator_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9_]+$")
    name_zh: Series[str] = pa.Field(unique=True)
    name_en: Series[str]
    measure: Series[str] = pa.Field(isin=MEASURES)
    unit: Series[str] = pa.Field(nullable=True)
    accumulation: Series[str] = pa.Field(isin=vocabulary("accumulation"))
    higher_is_better: Series[bool]


class IndicatorResolutionSchema(pa.DataFrameModel):
    """Every wording seen, mapped onto a catalog indicator or a provisional one."""

    indicator_text: Series[str]
    measure: Series[str] = pa.Field(isin=MEASURES)
    indicator_id: Series[str] = pa.Field(str_length={"min_value": 1})
    method: Series[str]
    provisional: Series[bool]
    n: Series[int] = pa.Field(ge=1)


class BenchmarkSchema(pa.DataFrameModel):
    """Published values of the benchmarks qualitative targets name (benchmarks.csv)."""

    region: Series[str]
    year: Series[int] = pa.Field(ge=1949, le=2100)
    indicator_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9_]+$")
    benchmark: Series[str] = pa.Field(str_length={"min_value": 1})
    measure: Series[str] = pa.Field(isin=[m for m in MEASURES if m != "qualitative"])
    value: Series[float]
    unit: Series[str]
    source: Series[str] = pa.Field(str_length={"min_value": 1})
    value_base: Series[float]
    unit_base: Series[str]

    @pa.dataframe_check(error="one value per region, year, indicator and benchmark")
    def one_value_each(cls, df: pd.DataFrame) -> pd.Series:
        keys = ["region", "year", "indicator_id", "benchmark"]
        return ~df.duplicated(keys, keep=False)
