"""Lazy validation: collect every failure case rather than stopping at the first."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd
import pandera.errors
import pandera.pandas as pa


@dataclass
class ValidationOutcome:
    passed: bool
    failure_cases: pd.DataFrame  # schema_context, column, check, check_number, failure_case, index
    rows: int

    @property
    def failures(self) -> int:
        return len(self.failure_cases)

    def summary(self, limit: int = 20) -> pd.DataFrame:
        """The first `limit` failures, as strings, for check metadata."""
        cols = [c for c in ("column", "check", "failure_case", "index") if c in self.failure_cases]
        return self.failure_cases[cols].head(limit).astype(str)


def validate_lazily(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> ValidationOutcome:
    try:
        model.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        return ValidationOutcome(False, exc.failure_cases.reset_index(drop=True), len(frame))
    return ValidationOutcome(True, pd.DataFrame(), len(frame))


# Share of a frame's rows that may fail row-level checks and be set aside; above it the
# frame is taken as broken (a parser bug) and the check blocks. GWR_MAX_REJECTED_SHARE
# overrides it (README "Quality checks").
DEFAULT_MAX_REJECTED_SHARE = 0.05


def max_rejected_share() -> float:
    raw = os.environ.get("GWR_MAX_REJECTED_SHARE")
    return float(raw) if raw not in (None, "") else DEFAULT_MAX_REJECTED_SHARE


@dataclass
class RowSplit:
    """A frame split by its pandera model: the rows that pass, and those that do not with
    the checks they failed. `frame_broken`: a failure no row can be blamed for (a missing
    or mistyped column, `strict`): then nothing is split and the frame blocks."""

    valid: pd.DataFrame
    rejected: pd.DataFrame  # the failing rows, plus `failed_checks` (one string per row)
    outcome: ValidationOutcome
    frame_broken: bool
    max_share: float

    @property
    def share(self) -> float:
        total = len(self.valid) + len(self.rejected)
        return len(self.rejected) / total if total else 0.0

    @property
    def blocking(self) -> bool:
        return self.frame_broken or self.share > self.max_share


def split_invalid(
    model: type[pa.DataFrameModel], frame: pd.DataFrame, max_share: float | None = None
) -> RowSplit:
    """Validate `frame` lazily; set aside every row a row-level check fails."""
    max_share = max_rejected_share() if max_share is None else max_share
    outcome = validate_lazily(model, frame)
    empty = frame.iloc[0:0].assign(failed_checks=pd.Series(dtype=str))
    if outcome.passed:
        return RowSplit(frame, empty, outcome, False, max_share)
    cases = outcome.failure_cases
    if cases["index"].isna().any():
        return RowSplit(frame, empty, outcome, True, max_share)
    # a dataframe-level check reports one case per column of a failing row: one per row
    reasons = (
        cases.assign(what=_what(cases))
        .drop_duplicates(["index", "what"])
        .groupby("index")["what"]
        .agg(lambda s: "; ".join(sorted(s)))
    )
    bad = frame.index.isin(reasons.index)
    rejected = frame[bad].assign(failed_checks=reasons.reindex(frame.index[bad]).to_numpy())
    return RowSplit(frame[~bad], rejected, outcome, False, max_share)


def _what(cases: pd.DataFrame) -> pd.Series:
    """`check (column)` for a column check, the check's message for a dataframe check."""
    column_level = cases["schema_context"] == "Column"
    return cases["check"].astype(str).where(
        ~column_level, cases["check"].astype(str) + " (" + cases["column"].astype(str) + ")"
    )
