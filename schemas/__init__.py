"""Pandera models for every frame the assets produce, and the lazy validation helper
the blocking asset checks use (PUDL style: collect every failure, show them all)."""

from schemas.frames import (
    BenchmarkSchema,
    DocumentSchema,
    IndicatorCatalogSchema,
    IndicatorResolutionSchema,
    QuarantineSchema,
    ReportStatementSchema,
    SheetRecordSchema,
)
from schemas.validation import RowSplit, ValidationOutcome, split_invalid, validate_lazily

__all__ = [
    "BenchmarkSchema",
    "DocumentSchema",
    "IndicatorCatalogSchema",
    "IndicatorResolutionSchema",
    "QuarantineSchema",
    "ReportStatementSchema",
    "RowSplit",
    "SheetRecordSchema",
    "ValidationOutcome",
    "split_invalid",
    "validate_lazily",
]
