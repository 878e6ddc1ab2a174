"""The frames the warehouse is built from (reference catalogs, resolutions, unit scales),
loading them as typed `raw.*` tables, and the summary `gwr refresh` prints."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from gwr import dbt, warehouse
from gwr.departments import DepartmentCatalog
from gwr.indicators import Catalog, Resolver
from gwr.resolution_cache import ResolutionCache
from schemas.contract import contract, frame_columns, frame_types

RESOLUTION_DTYPES = {
    "score": "float64",
    "best_score": "float64",
    "provisional": "bool",
    "n": "int64",
}
RESOLUTION_COLUMNS = frame_columns("indicator_resolution")


def load_catalog(reference_dir: Path) -> Catalog:
    return Catalog.load(reference_dir / "indicators.csv")


def indicator_frame(reference_dir: Path) -> pd.DataFrame:
    """`raw.indicators`: the reference catalog as a frame, validated by `Catalog.load`
    (which names the file, line and problem when the CSV is malformed)."""
    return pd.DataFrame(load_catalog(reference_dir).to_records())


BENCHMARK_COLUMNS = frame_columns("benchmark_values")


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


_GROUP = ["indicator_text", "measure"]


def _most_common(seen: pd.DataFrame, group: pd.Series, n_groups: int, column: str) -> list[Any]:
    """Per group (`group`: the group number of each row of `seen`): the most frequent
    non-null value of `column`, the smallest of equally frequent ones (what
    `Series.mode().iat[0]` gives), None when there is none; vectorized."""
    present = seen[column].notna()
    pairs = pd.DataFrame({"g": group[present], "v": seen.loc[present, column]})
    ranked = (
        pairs.groupby(["g", "v"], sort=False)
        .size()
        .reset_index(name="count")
        .sort_values(["count", "v"], ascending=[False, True], kind="stable")
        .drop_duplicates("g")
    )
    out: list[Any] = [None] * n_groups
    for g, v in zip(ranked["g"].tolist(), ranked["v"].tolist(), strict=True):
        out[g] = v
    return out


def group_wordings(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Distinct (indicator_text, measure) of the frames, sorted, with `n` and the most
    common `unit` and `unit_base` (None when the wording never has one); empty when the
    frames have no row."""
    parts = [f[["indicator_text", "measure", "unit", "unit_base"]] for f in frames if len(f)]
    if not parts:
        return pd.DataFrame(columns=[*_GROUP, "n", "unit", "unit_base"])
    seen = pd.concat(parts, ignore_index=True)
    seen["indicator_text"] = seen["indicator_text"].fillna("")
    groups = seen.groupby(_GROUP, dropna=False, sort=True)
    grouped = groups.size().reset_index(name="n")
    number = groups.ngroup()  # the row of `grouped` each row of `seen` belongs to
    for column in ("unit", "unit_base"):
        grouped[column] = pd.Series(
            _most_common(seen, number, len(grouped), column), index=grouped.index, dtype=object
        )
    return grouped


def resolve_indicators(
    frames: Iterable[pd.DataFrame],
    resolver: Resolver,
    cache: ResolutionCache | None = None,
) -> pd.DataFrame:
    """One row per distinct (indicator_text, measure) seen, with the indicator it maps to.
    With a `cache` (same catalog, same resolver code), a wording resolved by an earlier
    run is not resolved again; the frame is the same with or without it."""
    grouped = group_wordings(frames)
    if grouped.empty:  # typed even when empty: a boolean mask of an object column selects columns
        return pd.DataFrame(columns=RESOLUTION_COLUMNS).astype(RESOLUTION_DTYPES)
    rows: list[dict[str, Any]] = []
    for rec in grouped.to_dict("records"):
        text, measure = rec["indicator_text"], rec["measure"]
        res = cache.get(text, measure) if cache is not None else None
        if res is None:
            res = resolver.resolve(text, measure)
            if cache is not None:
                cache.put(text, measure, res)
        rows.append(
            {
                **rec,
                "indicator_id": res.indicator_id,
                "method": res.method,
                "score": float(res.score),
                "provisional": bool(res.provisional),
                "best_candidate": res.best_candidate,
                "best_score": float(res.best_score or 0.0),
            }
        )
    if cache is not None:
        cache.save()
    return pd.DataFrame(rows, columns=RESOLUTION_COLUMNS).astype(RESOLUTION_DTYPES)


def department_catalog_frame(reference_dir: Path) -> pd.DataFrame:
    """`raw.department_catalog`: data/reference/departments.csv, validated by
    `DepartmentCatalog.load` (a missing file raises FileNotFoundError: permanent)."""
    path = reference_dir / "departments.csv"
    DepartmentCatalog.load(path)  # names the file and line when the CSV is malformed
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.reindex(columns=frame_columns("department_catalog")).astype(
        {"precedence": "int64"}
    )


def department_resolution_frame(records: pd.DataFrame, catalog: DepartmentCatalog) -> pd.DataFrame:
    """`raw.department_resolution`: every department name as written in the spreadsheets,
    with the department it is (`DepartmentCatalog.describe`). Staging SQL attaches the ids
    from it, so the frame pandera validated is loaded as it is."""
    names = sorted({n for n in records.get("department", pd.Series(dtype=str)).dropna() if n})
    rows = [{"department": name, **catalog.describe(name)} for name in names]
    return pd.DataFrame(rows, columns=frame_columns("department_resolution")).astype(
        {"precedence": "int64"}
    )


def unit_scales_frame(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """`raw.unit_scales`: base unit and factor (gwr.units.to_base) of every unit seen, ''
    standing for no unit; the dbt test `value_base_scaled` checks value_base against it."""
    from decimal import Decimal

    from gwr.units import SCALE_PREFIXES, to_base

    units: set[str] = {""}
    for frame in frames:
        if "unit" in frame.columns:
            units.update(str(u) for u in frame["unit"].dropna())
    rows = []
    for unit in sorted(units):
        if unit in SCALE_PREFIXES:
            # a bare scale word as written (6000万农村人口, 13亿人): it scales, but what it
            # counts is named by the noun after it, so any base unit goes (unit_base NULL)
            rows.append({"unit": unit, "unit_base": None, "factor": float(SCALE_PREFIXES[unit])})
            continue
        base, unit_base = to_base(Decimal(1), unit)
        if base == 1 and unit_base == unit:
            # not in the unit table: a scale word before a counted noun (20万剂) scales
            # as the extractor reads it, 剂 counted in 万
            for prefix in sorted(SCALE_PREFIXES, key=len, reverse=True):
                if unit.startswith(prefix) and len(unit) > len(prefix):
                    base, unit_base = SCALE_PREFIXES[prefix], unit[len(prefix) :]
                    break
        rows.append({"unit": unit, "unit_base": unit_base or None, "factor": float(base)})
    return pd.DataFrame(rows, columns=frame_columns("unit_scales"))


# ------------------------------------------------------------------------------ load


def load_raw(db: Path, frames: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Create `raw.<frame>` for every frame of the contract in the DuckDB file `db`, typed
    as the contract says (an all-null column keeps its type), and insert the frame's
    columns by name. A frame the contract names but `frames` lacks loads empty; a contract
    column the frame lacks (an anticipated one) loads as typed NULLs. Returns row counts."""
    unknown = set(frames) - set(contract()["frames"])
    if unknown:
        raise ValueError(f"frames not in schemas/contract.yml: {sorted(unknown)}")
    counts: dict[str, int] = {}
    con = duckdb.connect(str(db))
    try:
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        con.execute("BEGIN")  # one transaction for every table
        for name in contract()["frames"]:
            types = frame_types(name)
            cols = ", ".join(f'"{c}" {t}' for c, t in types.items())
            con.execute(f'CREATE OR REPLACE TABLE raw."{name}" ({cols})')
            frame = frames.get(name)
            if frame is None or frame.empty:
                counts[name] = 0
                continue
            present = [c for c in types if c in frame.columns]
            view = f"_frame_{name}"
            # the whole frame, not frame[present]: selecting columns in pandas copies them
            # all (about 1.3 s a million rows); the INSERT names the columns it reads
            con.register(view, frame)
            quoted = ", ".join(f'"{c}"' for c in present)
            con.execute(f'INSERT INTO raw."{name}" ({quoted}) SELECT {quoted} FROM "{view}"')
            con.unregister(view)
            counts[name] = len(frame)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return counts


class AuditFailed(RuntimeError):
    """The build did not pass its audit: nothing was published. `failures` names each
    failing dbt test or expectation with its failing rows."""

    def __init__(
        self,
        message: str,
        failures: list[dict[str, Any]],
        outcome: dbt.BuildOutcome | None = None,
    ) -> None:
        super().__init__(message)
        self.failures = failures
        self.outcome = outcome  # the dbt build, when that is what failed


def dbt_failures(outcome: dbt.BuildOutcome) -> list[dict[str, Any]]:
    """The blocking (and warning) nodes of a dbt build as plain dicts, for messages,
    check metadata and refresh_failure.json."""
    return [
        {
            "kind": "dbt " + n.resource_type,
            "name": n.name,
            "on": n.attached_to or n.relation,
            "column": n.column,
            "status": n.status,
            "severity": n.severity or "error",
            "failures": n.failures,
            "message": n.message,
            "rows": n.failing_rows,
        }
        for n in outcome.nodes
        if n.blocking or n.status == "warn"
    ]


def describe_failures(failures: list[dict[str, Any]], limit: int = 3) -> str:
    """One line per failure: `dbt test unique_fct_target_target_id on mart.fct_target
    (target_id): 1 failing row(s), e.g. {...}`."""
    lines = []
    for f in failures:
        where = f" on {f['on']}" + (f" ({f['column']})" if f.get("column") else "")
        count = f": {f['failures']} failing row(s)" if f.get("failures") else ""
        rows = f.get("rows") or []
        sample = f", e.g. {rows[:limit]}" if rows else ""
        message = f" ({f['message']})" if not rows and f.get("message") else ""
        lines.append(
            f"{f['kind']} {f['name']}{where} {f['status'].upper()}{count}{sample}{message}"
        )
    return "\n".join(lines)


def build_and_audit(
    build: warehouse.Build, frames: Mapping[str, pd.DataFrame], *, tests: bool = True
) -> dbt.BuildOutcome:
    """Write and audit (dbt): load the frames into the build's new file and `dbt build`
    there. Raises AuditFailed when a model errored or an ERROR-level test failed."""
    load_raw(build.db, frames)
    outcome = dbt.build(build.db, build.work, tests=tests)
    if not outcome.success:
        failures = dbt_failures(outcome)
        blocking = [f for f in failures if f["severity"] != "warn" or f["status"] == "error"]
        raise AuditFailed(
            "dbt build failed its audit; nothing was published:\n" + describe_failures(blocking),
            failures,
            outcome,
        )
    return outcome


def build_warehouse(
    target: Path,
    frames: Mapping[str, pd.DataFrame],
    *,
    quality: bool = True,
    tests: bool = True,
    build_id: str | None = None,
) -> dict[str, int]:
    """The whole write-audit-publish in one call (what the Dagster assets do step by step):
    a new build folder, the frames loaded, `dbt build`, the Great Expectations suite (when
    `quality`; `tests=False` skips the dbt tests too: test harnesses only), the Parquet
    export, then `warehouse.publish`. On a failed audit the build
    is discarded, the published warehouse stays, and AuditFailed says why. Returns the
    published row counts."""
    from gwr.export import export_parquet

    build = warehouse.build_for(target, build_id)
    warehouse.clean_stale(target, keep=build)
    try:
        build_and_audit(build, frames, tests=tests)
        if quality:
            from gwr.quality import run_warehouse_suite

            report = run_warehouse_suite(build.db, build.docs, previous=target)
            if not report.success:
                raise AuditFailed(
                    "quality suite failed; nothing was published:\n" + report.format(),
                    report.failure_dicts(),
                )
        export_parquet(build.db, build.parquet)
        counts = warehouse.row_counts(build.db)
        warehouse.publish(build, {"row_counts": counts})
        return counts
    finally:
        warehouse.discard(build)
