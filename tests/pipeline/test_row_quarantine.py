"""No single row stops the night: rows failing a row-level pandera check are set aside in
quarantine and the rest is published; a broken frame or too many failing rows still block."""

from __future__ import annotations

import json
from typing import Any

import dagster as dg
import pandas as pd

from assets._metadata import row_split_check_result
from gwr.ingest import STATEMENT_COLUMNS, quarantine_rejected
from schemas import QuarantineSchema, ReportStatementSchema, split_invalid, validate_lazily

DOC = "a" * 64


def _statement(i: int, **changes: Any) -> dict[str, Any]:
    row = {
        "statement_id": f"{i:016x}", "document_id": DOC, "path": "reports/徐州市.txt",
        "region": "徐州市", "region_code": "320300", "report_year": 2024, "kind": "target",
        "year": 2024, "indicator_text": "市重大产业项目", "measure": "count", "comparator": "=",
        "value": 147.0, "value_max": None, "unit": "个", "value_base": 147.0, "unit_base": "个",
        "section": "二", "quote": f"实施市重大产业项目147个{i}", "char_start": 10 * i,
        "char_end": 10 * i + 8, "benchmark": None, "period_start": "2024-01-01",
        "period_end": "2024-12-31", "aggregation": "annual",
    }  # fmt: skip
    row.update(changes)
    return row


def _frame(n: int, *odd: dict[str, Any]) -> pd.DataFrame:
    rows = [_statement(i) for i in range(n)] + list(odd)
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)


ODD = (
    # 徐州市-2024: "实施…221个市重大产业项目，确保147个…" read as value 221, value_max 147
    _statement(100, value=221.0, value_max=147.0, quote="实施221个市重大产业项目，确保147个"),
    _statement(101, indicator_text="", quote="新增3家"),  # an empty indicator_text
)


def test_odd_rows_go_to_quarantine_and_the_rest_is_kept() -> None:
    split = split_invalid(ReportStatementSchema, _frame(98, *ODD), max_share=0.05)
    assert not split.blocking and not split.frame_broken
    assert len(split.valid) == 98 and validate_lazily(ReportStatementSchema, split.valid).passed
    assert sorted(split.rejected["statement_id"]) == [f"{100:016x}", f"{101:016x}"]
    reasons = dict(zip(split.rejected["statement_id"], split.rejected["failed_checks"],
                       strict=True))  # fmt: skip
    assert "value_max must not be below value" in reasons[f"{100:016x}"]
    assert "indicator_text" in reasons[f"{101:016x}"]

    quarantine = quarantine_rejected(split.rejected, loaded_at="2024-07-01T00:00:00+00:00")
    assert validate_lazily(QuarantineSchema, quarantine).passed
    first = quarantine.iloc[0]
    assert first["source_location"] == "reports/徐州市.txt#chars=1000-1008"
    assert "value_max must not be below value" in first["reason"]
    assert "实施221个市重大产业项目" in first["reason"]  # the quote names the sentence
    assert json.loads(first["raw"])["value_max"] == 147.0

    result = row_split_check_result(split, "statements_schema", dg.AssetKey("report_statements"))
    assert not result.passed and result.severity == dg.AssetCheckSeverity.WARN
    assert result.metadata["rows_quarantined"].value == 2


def test_too_many_failing_rows_block_as_a_parser_bug() -> None:
    split = split_invalid(ReportStatementSchema, _frame(10, *ODD), max_share=0.05)
    assert split.blocking and not split.frame_broken and round(split.share, 3) == 0.167
    result = row_split_check_result(split, "statements_schema")
    assert result.severity == dg.AssetCheckSeverity.ERROR
    assert "parser bug" in result.metadata["verdict"].value


def test_share_is_configurable(monkeypatch: Any) -> None:
    monkeypatch.setenv("GWR_MAX_REJECTED_SHARE", "0.5")
    assert not split_invalid(ReportStatementSchema, _frame(10, *ODD)).blocking


def test_a_broken_frame_blocks_and_sets_nothing_aside() -> None:
    frame = _frame(20, *ODD).drop(columns=["quote"])
    split = split_invalid(ReportStatementSchema, frame)
    assert split.frame_broken and split.blocking and split.rejected.empty
    result = row_split_check_result(split, "statements_schema")
    assert result.severity == dg.AssetCheckSeverity.ERROR
    assert "missing or mistyped columns" in result.metadata["verdict"].value
