"""Lazy validation: collect every failure case rather than stopping at the first."""

from __future__ import annotations

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
