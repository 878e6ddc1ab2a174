"""The figures `make run` and `gwr refresh` print about a warehouse, read-only.

Kept apart from gwr.build (which imports the frame schemas, pandera and dbt) so that a
refresh that finds nothing changed prints the published summary without importing them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from gwr import warehouse


def summarize(path: Path) -> dict[str, Any]:
    """The figures `make run` prints: targets, actuals, variance by status, quarantine."""
    with warehouse.read_only(path) as con:
        return summarize_connection(con)


def summarize_connection(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    def scalar(sql: str) -> Any:
        return con.execute(sql).fetchone()[0]  # type: ignore[index]

    return {
        "documents": scalar("SELECT count(*) FROM raw.documents"),
        "targets": scalar("SELECT count(*) FROM mart.fct_target"),
        "targets_by_year": dict(
            con.execute(
                "SELECT target_year, count(*) FROM mart.fct_target GROUP BY 1 ORDER BY 1"
            ).fetchall()
        ),
        "actuals": dict(
            con.execute(
                "SELECT source_kind, count(*) FROM mart.fct_actual GROUP BY 1 ORDER BY 1"
            ).fetchall()
        ),
        "variance_by_status": dict(
            con.execute(
                "SELECT status, count(*) FROM mart.fct_variance GROUP BY 1 ORDER BY 2 DESC, 1"
            ).fetchall()
        ),
        "quarantined": scalar("SELECT count(*) FROM mart.quarantine"),
        "indicators": scalar("SELECT count(*) FROM mart.dim_indicator WHERE NOT is_provisional"),
        "unresolved_indicators": scalar("SELECT count(*) FROM mart.unresolved_indicators"),
        "departments": scalar("SELECT count(*) FROM mart.dim_department"),
    }


def format_summary(summary: dict[str, Any], path: Path) -> str:
    lines = [f"warehouse: {path}"]
    lines.append(f"  documents            {summary['documents']}")
    years = ", ".join(f"{y}: {n}" for y, n in summary["targets_by_year"].items())
    lines.append(f"  targets              {summary['targets']}" + (f"  ({years})" if years else ""))
    acts = ", ".join(f"{k}: {n}" for k, n in summary["actuals"].items())
    lines.append(f"  actuals              {sum(summary['actuals'].values())}  ({acts})")
    lines.append(f"  variance rows        {sum(summary['variance_by_status'].values())}")
    for status, n in summary["variance_by_status"].items():
        lines.append(f"    {status:<18} {n}")
    lines.append(f"  quarantined          {summary['quarantined']}")
    lines.append(
        f"  indicators           {summary['indicators']} in catalog, "
        f"{summary['unresolved_indicators']} unresolved wordings"
    )
    lines.append(f"  departments          {summary['departments']}")
    return "\n".join(lines)
