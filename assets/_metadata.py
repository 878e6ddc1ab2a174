"""Materialization metadata shared by the assets: row count, preview, column schema."""

import re
from typing import Any

import dagster as dg
import pandas as pd

from schemas import RowSplit, ValidationOutcome

#: Markdown and HTML that a file name, sheet name or cell could smuggle into the UI:
#: links and images (`[x](javascript:…)`), emphasis, code, tables, raw HTML, autolinks.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def escape_markdown(text: str, limit: int = 80) -> str:
    """`text` as literal characters in a Markdown table cell: truncated to `limit`
    characters first (an escape is never cut in half), one line, every Markdown
    punctuation character backslash-escaped and HTML neutralised."""
    flat = " ".join(text[:limit].split())
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    return "".join(_HTML.get(ch, ch) for ch in escaped)


def markdown_table(frame: pd.DataFrame, limit: int = 10) -> str:
    """A small Markdown table (no tabulate dependency); every cell escaped, so a file
    named `[x](javascript:…)` or `<img onerror=…>` shows as text in the UI."""
    head = frame.head(limit).astype(str)
    cells = [[str(c) for c in head.columns], *head.to_numpy().tolist()]
    esc = [[escape_markdown(c) for c in row] for row in cells]
    lines = ["| " + " | ".join(esc[0]) + " |", "|" + "---|" * len(esc[0])]
    lines += ["| " + " | ".join(row) + " |" for row in esc[1:]]
    return "\n".join(lines)


def column_schema(frame: pd.DataFrame) -> dg.TableSchema:
    return dg.TableSchema(
        columns=[dg.TableColumn(name=str(c), type=str(t)) for c, t in frame.dtypes.items()]
    )


def frame_metadata(frame: pd.DataFrame, preview: int = 10) -> dict[str, Any]:
    return {
        "dagster/row_count": len(frame),
        "dagster/column_schema": column_schema(frame),
        "preview": dg.MetadataValue.md(markdown_table(frame, preview)),
    }


def counts_table(frame: pd.DataFrame, columns: list[str]) -> dg.MetadataValue:
    if frame.empty:
        return dg.MetadataValue.md("(none)")
    counts = frame.groupby(columns, dropna=False).size().reset_index(name="rows")
    return dg.MetadataValue.md(markdown_table(counts, limit=100))


def schema_check_result(
    outcome: ValidationOutcome, check_name: str, asset_key: dg.AssetKey | None = None
) -> dg.AssetCheckResult:
    """A pandera outcome as an asset check result, the failure cases as metadata."""
    metadata: dict[str, Any] = {"rows_validated": outcome.rows, "failures": outcome.failures}
    if not outcome.passed:
        metadata["failure_cases"] = dg.MetadataValue.md(markdown_table(outcome.summary(), 20))
        by_check = outcome.failure_cases.groupby(["column", "check"], dropna=False).size()
        metadata["failures_by_check"] = dg.MetadataValue.json(
            {f"{c} / {k}": int(n) for (c, k), n in by_check.items()}
        )
    return dg.AssetCheckResult(
        asset_key=asset_key,
        check_name=check_name,
        passed=outcome.passed,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata=metadata,
    )


def schema_check_spec(
    name: str, asset: str, model: str, *, quarantines_rows: bool = False
) -> dg.AssetCheckSpec:
    """A blocking pandera check: a frame that breaks its model is never published. With
    `quarantines_rows`, rows failing a row-level check are set aside instead (WARN)."""
    description = (
        f"Every row matches the pandera model schemas.{model}. Rows that do not are set "
        "aside in quarantine and listed here (WARN); a broken frame (missing or mistyped "
        "columns) or too many failing rows (GWR_MAX_REJECTED_SHARE) blocks (ERROR)."
        if quarantines_rows
        else f"Blocking: every row matches the pandera model schemas.{model} "
        "(validated lazily; the failure cases are shown as metadata)."
    )
    return dg.AssetCheckSpec(name, asset=asset, blocking=True, description=description)


def row_split_check_result(
    split: RowSplit, check_name: str, asset_key: dg.AssetKey | None = None
) -> dg.AssetCheckResult:
    """A pandera outcome whose failing rows were set aside (issue: no single row stops the
    night). Passes when every row passed; WARN when some rows went to mart.quarantine;
    ERROR (blocking) when the frame itself is broken or too many rows failed."""
    outcome = split.outcome
    metadata: dict[str, Any] = {
        "rows_validated": outcome.rows,
        "rows_quarantined": len(split.rejected),
        "share_quarantined": round(split.share, 4),
        "max_share": split.max_share,
        "frame_broken": split.frame_broken,
    }
    if not outcome.passed:
        metadata["failure_cases"] = dg.MetadataValue.md(markdown_table(outcome.summary(), 20))
    if len(split.rejected):
        shown = [c for c in ("path", "quote", "sheet", "row", "indicator_text", "failed_checks")
                 if c in split.rejected.columns]  # fmt: skip
        metadata["quarantined_rows"] = dg.MetadataValue.md(
            markdown_table(split.rejected[shown], 50)
        )
    severity = dg.AssetCheckSeverity.ERROR if split.blocking else dg.AssetCheckSeverity.WARN
    if split.frame_broken:
        reason = "the frame itself is broken (missing or mistyped columns): nothing loads"
    elif split.blocking:
        reason = (
            f"{split.share:.1%} of rows failed (more than {split.max_share:.0%}): a parser "
            "bug, not odd rows"
        )
    else:
        reason = f"{len(split.rejected)} row(s) set aside in mart.quarantine"
    metadata["verdict"] = reason
    return dg.AssetCheckResult(
        asset_key=asset_key,
        check_name=check_name,
        passed=outcome.passed,
        severity=severity,
        metadata=metadata,
    )
