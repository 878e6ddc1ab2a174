"""Assemble the warehouse: resolve indicators and departments, load the raw frames,
run the SQL layers, and publish the file atomically (see `gwr.warehouse`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import yaml

from gwr import warehouse
from gwr.departments import DepartmentCatalog
from gwr.indicators import Catalog, Resolver

RESOLUTION_DTYPES = {
    "score": "float64",
    "best_score": "float64",
    "provisional": "bool",
    "n": "int64",
}
RESOLUTION_COLUMNS = [
    "indicator_text", "measure", "indicator_id", "method", "score", "provisional",
    "best_candidate", "best_score", "n", "unit", "unit_base",
]  # fmt: skip


def load_catalog(reference_dir: Path) -> Catalog:
    return Catalog.load(reference_dir / "indicators.csv")


def indicator_frame(reference_dir: Path) -> pd.DataFrame:
    """`raw.indicators`: the reference catalog as a frame, validated by `Catalog.load`
    (which names the file, line and problem when the CSV is malformed)."""
    return pd.DataFrame(load_catalog(reference_dir).to_records())


BENCHMARK_COLUMNS = [
    "region", "year", "indicator_id", "benchmark", "measure", "value", "unit", "source",
    "value_base", "unit_base",
]  # fmt: skip


BENCHMARK_DTYPES = {"year": "int64", "value": "float64", "value_base": "float64"}


def empty_benchmarks() -> pd.DataFrame:
    return pd.DataFrame(columns=BENCHMARK_COLUMNS).astype(BENCHMARK_DTYPES)


def benchmark_frame(reference_dir: Path) -> pd.DataFrame:
    """`raw.benchmarks`: published values of the benchmarks qualitative targets name
    (全省平均水平 …), with `value_base`/`unit_base`; empty when none is loaded."""
    from decimal import Decimal

    from gwr.units import to_base

    path = reference_dir / "benchmarks.csv"
    if not path.exists():
        rows: list[dict[str, Any]] = []
    else:
        rows = pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records")
    for row in rows:
        value = Decimal(str(row["value"]).strip())
        base, unit_base = to_base(value, row["unit"])
        row.update(year=int(row["year"]), value=float(value), value_base=float(base),
                   unit_base=unit_base)  # fmt: skip
    return pd.DataFrame(rows, columns=BENCHMARK_COLUMNS).astype(BENCHMARK_DTYPES)


def resolve_indicators(frames: Iterable[pd.DataFrame], resolver: Resolver) -> pd.DataFrame:
    """One row per distinct (indicator_text, measure) seen, with the indicator it maps to."""
    parts = [f[["indicator_text", "measure", "unit", "unit_base"]] for f in frames if len(f)]
    if not parts:  # typed even when empty: a boolean mask of an object column selects columns
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


def attach_indicator_ids(frame: pd.DataFrame, resolution: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame.assign(indicator_id=pd.Series(dtype="string"))
    keyed = resolution[["indicator_text", "measure", "indicator_id"]]
    out = frame.assign(indicator_text=frame["indicator_text"].fillna("")).merge(
        keyed, on=["indicator_text", "measure"], how="left", validate="many_to_one"
    )
    return out


def department_frame(records: pd.DataFrame, catalog: DepartmentCatalog) -> pd.DataFrame:
    """`raw.departments`: every department that reported, with a stable id."""
    names = sorted({n for n in records.get("department", pd.Series(dtype=str)).dropna() if n})
    rows = [catalog.describe(name) for name in names]
    return pd.DataFrame(
        rows, columns=["department_id", "name_zh", "name_en", "function_id", "precedence"]
    ).drop_duplicates("department_id")


def attach_department_ids(records: pd.DataFrame, catalog: DepartmentCatalog) -> pd.DataFrame:
    if records.empty:
        return records.assign(department_id=pd.Series(dtype="string"))
    return records.assign(
        department_id=[
            catalog.describe(n)["department_id"] if isinstance(n, str) and n else None
            for n in records["department"]
        ]
    )


# ------------------------------------------------------------------------ documentation


def load_column_docs(sql_dir: Path) -> dict[str, Any]:
    path = sql_dir / "marts" / "schema.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def comment_statements(docs: dict[str, Any]) -> list[str]:
    """COMMENT ON statements (Chinese / English) from sql/marts/schema.yml, so that BI
    tools show the same documentation the tests are written next to."""
    out: list[str] = []
    for table, spec in (docs.get("tables") or {}).items():
        kind = "VIEW" if spec.get("view") else "TABLE"
        desc = f"{spec.get('zh', '')} | {spec.get('en', '')}".strip(" |")
        if desc:
            out.append(f"COMMENT ON {kind} {table} IS {_quote(desc)}")
        for column, cspec in (spec.get("columns") or {}).items():
            cdesc = f"{cspec.get('zh', '')} | {cspec.get('en', '')}".strip(" |")
            if cdesc:
                out.append(f'COMMENT ON COLUMN {table}."{column}" IS {_quote(cdesc)}')
    return out


# ------------------------------------------------------------------------------ build


@dataclass
class WarehouseInputs:
    documents: pd.DataFrame
    statements: pd.DataFrame
    records: pd.DataFrame
    quarantine: pd.DataFrame
    resolution: pd.DataFrame
    indicators: pd.DataFrame
    departments: pd.DataFrame
    benchmarks: pd.DataFrame | None = None


def build_warehouse(target: Path, inputs: WarehouseInputs, sql_dir: Path) -> warehouse.BuildResult:
    frames = {
        "raw.documents": inputs.documents,
        "raw.report_statements": inputs.statements,
        "raw.sheet_records": inputs.records,
        "raw.quarantine": inputs.quarantine,
        "raw.indicator_resolution": inputs.resolution,
        "raw.indicators": inputs.indicators,
        "raw.departments": inputs.departments,
        "raw.benchmarks": (
            inputs.benchmarks if inputs.benchmarks is not None else empty_benchmarks()
        ),
    }
    return warehouse.build(
        target, frames, sql_dir, after_build=comment_statements(load_column_docs(sql_dir))
    )


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
