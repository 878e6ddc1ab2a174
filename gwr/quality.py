"""Data quality: a Great Expectations suite over the warehouse, derived from schema.yml.

`sql/marts/schema.yml` documents every mart table and column and lists, dbt style, the
tests that must hold next to each column (`not_null`, `unique`, `accepted_values`,
`relationships`, `between`) and cross-column tests at table level
(`unique_combination_of_columns`, `column_a_ge_column_b`, `value_base_matches_unit`).
`compile_checks` turns that file into plain `Check`s (no Great Expectations needed);
`run_warehouse_suite` reads every table from the DuckDB file (read-only), runs one
expectation suite per table and writes HTML Data Docs beside the warehouse.

Cross-column tests that Great Expectations has no expectation for are computed here as
a derived column holding a message for every bad row and null otherwise (e.g.
``check:value_base_matches_unit`` = ``"target t1: 410 亿元 -> 41000000000 元, found
4100000000 元"``), and the suite expects that column to be null: the Data Docs then show
which rows are wrong and why.

Great Expectations takes seconds to import, so it is imported inside the functions that
need it, never when this module is loaded.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import yaml

from gwr.export import replace_dir

SITE_NAME = "gwr_quality"
DATA_SOURCE = "gwr_warehouse"
CHECK_PREFIX = "check:"
# A relationships test with more parent ids than this is checked through a derived column
# instead of `expect_column_values_to_be_in_set`, which would print every id in Data Docs.
MAX_VALUE_SET = 500
RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": 20}
REL_TOLERANCE = 1e-9


# ---------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Check:
    """One expectation to run on one table (independent of Great Expectations).

    `expectation` is the GX expectation class name (``ExpectColumnValuesToBeUnique``),
    `kwargs` its arguments, `test` the schema.yml test it comes from, and `derive`,
    when set, names the derived column the table frame must be given first.
    """

    table: str
    test: str
    expectation: str
    kwargs: dict[str, Any]
    derive: tuple[str, dict[str, Any]] | None = None
    notes: str | None = None  # the column's zh/en documentation, shown in Data Docs

    @property
    def columns(self) -> list[str]:
        kw = self.kwargs
        if "column" in kw:
            return [kw["column"]]
        if "column_list" in kw:
            return list(kw["column_list"])
        return [kw[k] for k in ("column_A", "column_B") if k in kw]


def load_schema(sql_dir: Path | None = None) -> dict[str, Any]:
    """`sql/marts/schema.yml` as a dict (`sql_dir` defaults to `gwr.settings.sql_dir()`)."""
    if sql_dir is None:
        from gwr.settings import sql_dir as default_sql_dir

        sql_dir = default_sql_dir()
    path = sql_dir / "marts" / "schema.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _one_key(test: Any) -> tuple[str, Any]:
    if isinstance(test, str):
        return test, None
    if isinstance(test, dict) and len(test) == 1:
        ((name, arg),) = test.items()
        return str(name), arg
    raise ValueError(f"a test is a name or a one-key mapping, not {test!r}")


def _column_check(table: str, column: str, test: Any) -> Check:
    name, arg = _one_key(test)
    if name == "not_null":
        return Check(table, name, "ExpectColumnValuesToNotBeNull", {"column": column})
    if name == "unique":
        return Check(table, name, "ExpectColumnValuesToBeUnique", {"column": column})
    if name == "accepted_values":
        values = arg["values"] if isinstance(arg, dict) else arg
        return Check(
            table,
            name,
            "ExpectColumnValuesToBeInSet",
            {"column": column, "value_set": list(values)},
        )
    if name == "relationships":
        # value_set is filled in from the other table when the suite runs
        return Check(
            table,
            name,
            "ExpectColumnValuesToBeInSet",
            {"column": column, "value_set": []},
            derive=("relationships", {"column": column, "to": arg["to"], "field": arg["field"]}),
        )
    if name == "between":
        kwargs: dict[str, Any] = {"column": column}
        if arg.get("min") is not None:
            kwargs["min_value"] = arg["min"]
        if arg.get("max") is not None:
            kwargs["max_value"] = arg["max"]
        if arg.get("mostly") is not None:
            kwargs["mostly"] = float(arg["mostly"])
        return Check(table, name, "ExpectColumnValuesToBeBetween", kwargs)
    raise ValueError(f"{table}.{column}: unknown test {name!r}")


def _table_check(table: str, test: Any) -> Check:
    name, arg = _one_key(test)
    if name == "unique_combination_of_columns":
        return Check(table, name, "ExpectCompoundColumnsToBeUnique", {"column_list": list(arg)})
    if name == "column_a_ge_column_b":
        return Check(
            table,
            name,
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {
                "column_A": arg["a"],
                "column_B": arg["b"],
                "or_equal": True,
                "ignore_row_if": "either_value_is_missing",
            },
        )
    if name == "value_base_matches_unit":
        column = f"{CHECK_PREFIX}value_base_matches_unit({arg['value']},{arg['unit']})"
        return Check(
            table,
            name,
            "ExpectColumnValuesToBeNull",
            {"column": column},
            derive=("value_base_matches_unit", dict(arg)),
        )
    raise ValueError(f"{table}: unknown table test {name!r}")


def compile_checks(schema: dict[str, Any]) -> dict[str, list[Check]]:
    """Every test in schema.yml as a `Check`, grouped by table, in file order."""
    out: dict[str, list[Check]] = {}
    for table, spec in (schema.get("tables") or {}).items():
        checks: list[Check] = []
        for column, cspec in (spec.get("columns") or {}).items():
            cspec = cspec or {}
            notes = " | ".join(str(cspec[k]) for k in ("zh", "en") if cspec.get(k)) or None
            for test in cspec.get("tests") or []:
                checks.append(replace(_column_check(table, column, test), notes=notes))
        for test in spec.get("tests") or []:
            checks.append(_table_check(table, test))
        out[table] = checks
    return out


# ------------------------------------------------------------------ derived columns


def _missing(x: Any) -> bool:
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):  # lists and other non-scalars
        return False


def _decimal(x: Any) -> Decimal | None:
    if _missing(x):
        return None
    try:
        return Decimal(repr(float(x))) if isinstance(x, float) else Decimal(str(x))
    except (InvalidOperation, ValueError):
        return None


def _text(x: Any) -> str | None:
    if _missing(x):
        return None
    s = str(x)
    return s or None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= REL_TOLERANCE * max(1.0, abs(a), abs(b))


def value_base_problem(value: Any, unit: Any, value_base: Any, unit_base: Any) -> str | None:
    """None when (value_base, unit_base) is what `gwr.units.to_base(value, unit)` gives;
    otherwise a short message saying what was expected and what was found."""
    from gwr.units import to_base

    v, vb = _decimal(value), _decimal(value_base)
    u, ub = _text(unit), _text(unit_base)
    if v is None:
        if vb is None:
            return None
        return f"value is null but value_base is {vb.normalize():f} {ub or ''}".rstrip()
    want_v, want_u = to_base(v, u or "")
    want_u = want_u or None
    found = "null" if vb is None else f"{vb.normalize():f} {ub or ''}".rstrip()
    expected = f"{want_v.normalize():f} {want_u or ''}".rstrip()
    if vb is None or not _close(float(want_v), float(vb)) or want_u != ub:
        return f"{v.normalize():f} {u or ''} -> {expected}, found {found}".replace("  ", " ")
    return None


def _derive_value_base(frame: pd.DataFrame, arg: dict[str, Any]) -> pd.Series:
    """The message of `value_base_problem` for every row (prefixed with the row's first
    column, its key), None where value_base is right."""
    cols = [arg["value"], arg["unit"], arg["value_base"], arg["unit_base"]]
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        return pd.Series([f"missing column(s) {missing}"] * max(len(frame), 1), dtype=object)
    key = frame.columns[0]
    out = []
    for row in frame[[key, *cols]].itertuples(index=False, name=None):
        problem = value_base_problem(*row[1:])
        out.append(None if problem is None else f"{row[0]}: {problem}")
    return pd.Series(out, index=frame.index, dtype=object)


# ---------------------------------------------------------------------------- report


@dataclass
class FailedExpectation:
    expectation: str  # GX expectation type, e.g. expect_column_values_to_be_unique
    test: str  # the schema.yml test, e.g. unique
    columns: list[str]
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    partial_unexpected_list: list[Any] = field(default_factory=list)
    observed_value: Any = None
    exception: str | None = None

    def describe(self) -> str:
        cols = ", ".join(self.columns)
        bits = [f"{self.test}({cols})"]
        if self.unexpected_count is not None:
            bits.append(f"{self.unexpected_count} unexpected")
        if self.partial_unexpected_list:
            bits.append(f"e.g. {self.partial_unexpected_list[:5]!r}")
        if self.observed_value is not None:
            bits.append(f"observed {self.observed_value!r}")
        if self.exception:
            bits.append(f"error: {self.exception}")
        return " ".join(bits)


@dataclass
class TableResult:
    table: str
    success: bool
    rows: int
    evaluated: int
    failed: list[FailedExpectation] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return self.evaluated - len(self.failed)


@dataclass
class SuiteReport:
    success: bool
    tables: list[TableResult]
    docs_index: Path
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # read, import, validate, docs

    def table(self, name: str) -> TableResult:
        for t in self.tables:
            if t.table == name:
                return t
        raise KeyError(name)

    @property
    def failures(self) -> list[tuple[str, FailedExpectation]]:
        return [(t.table, f) for t in self.tables for f in t.failed]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["docs_index"] = str(self.docs_index)
        return d

    def format(self) -> str:
        evaluated = sum(t.evaluated for t in self.tables)
        failed = len(self.failures)
        head = "PASSED" if self.success else "FAILED"
        lines = [
            f"quality suite {head}: {evaluated - failed}/{evaluated} expectations passed "
            f"on {len(self.tables)} tables in {self.seconds:.1f} s"
        ]
        for t in self.tables:
            mark = "ok  " if t.success else "FAIL"
            lines.append(f"  {mark} {t.table:<30} {t.passed}/{t.evaluated}  ({t.rows} rows)")
            for f in t.failed:
                lines.append(f"         - {f.describe()}")
        lines.append(f"  Data Docs: {self.docs_index}")
        return "\n".join(lines)


def _jsonable(x: Any) -> Any:
    if isinstance(x, float) and math.isnan(x):
        return None
    if isinstance(x, list | tuple):
        return [_jsonable(i) for i in x]
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if hasattr(x, "item") and callable(x.item):  # numpy scalars
        try:
            return x.item()
        except (ValueError, TypeError):
            return str(x)
    if isinstance(x, str | int | float | bool) or x is None:
        return x
    return str(x)


# ------------------------------------------------------------------------- reading


def _relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT schema_name || '.' || table_name FROM duckdb_tables() "
        "WHERE database_name = current_database() "
        "UNION ALL SELECT schema_name || '.' || view_name FROM duckdb_views() "
        "WHERE database_name = current_database() AND NOT internal"
    ).fetchall()
    return {r[0] for r in rows}


def _read_tables(
    db_path: Path, checks: dict[str, list[Check]]
) -> tuple[dict[str, pd.DataFrame], dict[tuple[str, str], list[Any]]]:
    """Every table named in schema.yml (sorted by all columns, so runs are identical) and
    the parent id sets the relationships tests need."""
    frames: dict[str, pd.DataFrame] = {}
    parents: dict[tuple[str, str], list[Any]] = {}
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        present = _relations(con)
        for table in checks:
            if table in present:
                frames[table] = con.execute(f"SELECT * FROM {table} ORDER BY ALL").df()
        for check in (c for cs in checks.values() for c in cs):
            if check.derive and check.derive[0] == "relationships":
                to, fld = check.derive[1]["to"], check.derive[1]["field"]
                if (to, fld) in parents or to not in present:
                    continue
                try:
                    rows = con.execute(
                        f'SELECT DISTINCT "{fld}" FROM {to} WHERE "{fld}" IS NOT NULL ORDER BY 1'
                    ).fetchall()
                except duckdb.Error:
                    continue
                parents[(to, fld)] = [r[0] for r in rows]
    finally:
        con.close()
    return frames, parents


def _prepare(
    table: str,
    frame: pd.DataFrame,
    checks: list[Check],
    parents: dict[tuple[str, str], list[Any]],
) -> tuple[pd.DataFrame, list[Check], list[FailedExpectation]]:
    """Add derived columns, fill in relationship value sets; report checks that cannot
    run at all (parent table missing) as failures without asking GX."""
    frame = frame.copy()
    ready: list[Check] = []
    broken: list[FailedExpectation] = []
    for check in checks:
        if check.derive is None:
            ready.append(check)
            continue
        kind, arg = check.derive
        if kind == "value_base_matches_unit":
            frame[check.kwargs["column"]] = _derive_value_base(frame, arg)
            ready.append(check)
        elif kind == "relationships":
            key = (arg["to"], arg["field"])
            if key not in parents:
                broken.append(
                    FailedExpectation(
                        expectation="expect_column_values_to_be_in_set",
                        test="relationships",
                        columns=[arg["column"]],
                        exception=f"{arg['to']}.{arg['field']} does not exist",
                    )
                )
                continue
            ids = parents[key]
            if len(ids) <= MAX_VALUE_SET:
                ready.append(replace(check, kwargs={**check.kwargs, "value_set": ids}))
            else:
                column = f"{CHECK_PREFIX}{arg['column']}_in_{arg['to']}.{arg['field']}"
                known = set(ids)
                src = arg["column"]
                if src in frame.columns:
                    frame[column] = [
                        None if _missing(v) or v in known else f"{v!s} not in {arg['to']}"
                        for v in frame[src]
                    ]
                else:
                    frame[column] = f"missing column {src}"
                ready.append(
                    replace(
                        check, expectation="ExpectColumnValuesToBeNull", kwargs={"column": column}
                    )
                )
    return frame, ready, broken


# ------------------------------------------------------------------------------ run


def _quiet_context(docs_root: Path) -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    for site in list(context.variables.data_docs_sites or {}):
        context.delete_data_docs_site(site)  # the ephemeral default writes to /tmp
    context.add_data_docs_site(
        SITE_NAME,
        {
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_root),
            },
        },
    )
    return context


def _failed(result: Any, test_of: Callable[[Any], str]) -> FailedExpectation:
    cfg = result.expectation_config
    kw = cfg.kwargs
    cols = (
        [kw["column"]]
        if "column" in kw
        else list(kw.get("column_list") or [])
        or [kw[k] for k in ("column_A", "column_B") if k in kw]
    )
    res = dict(result.result or {})
    exc = result.exception_info or {}
    message = None
    if isinstance(exc, dict) and exc.get("raised_exception"):
        message = exc.get("exception_message")
    return FailedExpectation(
        expectation=cfg.type,
        test=test_of(cfg),
        columns=cols,
        unexpected_count=res.get("unexpected_count"),
        unexpected_percent=_jsonable(res.get("unexpected_percent")),
        partial_unexpected_list=_jsonable(list(res.get("partial_unexpected_list") or [])),
        observed_value=_jsonable(res.get("observed_value")),
        exception=message,
    )


def run_warehouse_suite(
    db_path: Path, docs_dir: Path, *, sql_dir: Path | None = None
) -> SuiteReport:
    """Validate every table and view documented in `sql_dir/marts/schema.yml` in the
    DuckDB file `db_path` (opened read-only, closed before validation starts) and write
    HTML Data Docs to `docs_dir` (replaced as a whole; `docs_dir/index.html`)."""
    started = time.perf_counter()
    checks = compile_checks(load_schema(sql_dir))
    frames, parents = _read_tables(db_path, checks)
    timings = {"read": time.perf_counter() - started}

    mark = time.perf_counter()
    import great_expectations as gx  # after the read: the file is closed while GX works
    from great_expectations.core.run_identifier import RunIdentifier

    timings["import"] = time.perf_counter() - mark
    mark = time.perf_counter()

    docs_dir = Path(docs_dir)
    docs_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{docs_dir.name}.building-", dir=docs_dir.parent))
    try:
        context = _quiet_context(staging)
        source = context.data_sources.add_pandas(DATA_SOURCE)
        run_id = RunIdentifier(run_name="gwr-quality", run_time=datetime.now(UTC))
        results: list[TableResult] = []
        for table, table_checks in checks.items():
            if table not in frames:
                results.append(
                    TableResult(
                        table=table,
                        success=False,
                        rows=0,
                        evaluated=1,
                        failed=[
                            FailedExpectation(
                                expectation="table_exists",
                                test="table_exists",
                                columns=[],
                                exception=f"{table} is not in {db_path.name}",
                            )
                        ],
                    )
                )
                continue
            frame, ready, broken = _prepare(table, frames[table], table_checks, parents)
            tests: dict[Any, str] = {}  # expectation id -> schema.yml test name
            suite = gx.ExpectationSuite(name=table)
            for check in ready:
                expectation = getattr(gx.expectations, check.expectation)(
                    **check.kwargs, meta={"schema_yml_test": check.test}, notes=check.notes
                )
                suite.add_expectation(expectation)
            suite = context.suites.add(suite)
            for exp in suite.expectations:
                tests[exp.id] = (exp.meta or {}).get("schema_yml_test", exp.expectation_type)
            batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe("all")
            validation = context.validation_definitions.add(
                gx.ValidationDefinition(name=f"validate {table}", data=batch, suite=suite)
            )
            outcome = validation.run(
                batch_parameters={"dataframe": frame},
                result_format=RESULT_FORMAT,
                run_id=run_id,
            )
            failed = list(broken)
            evaluated = len(broken)
            for r in outcome.results:
                evaluated += 1
                if not r.success:
                    failed.append(_failed(r, lambda cfg, t=tests: t.get(cfg.id, cfg.type)))
            results.append(
                TableResult(
                    table=table,
                    success=not failed,
                    rows=len(frame),
                    evaluated=evaluated,
                    failed=failed,
                )
            )
        timings["validate"] = time.perf_counter() - mark
        mark = time.perf_counter()
        # One Data Docs build for all tables: what a Checkpoint's UpdateDataDocsAction does
        # after every run, done once instead of once a table (each build takes ~1 s).
        context.build_data_docs(site_names=[SITE_NAME])
        timings["docs"] = time.perf_counter() - mark
        staging.chmod(0o755)
        replace_dir(staging, docs_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return SuiteReport(
        success=all(t.success for t in results),
        tables=results,
        docs_index=docs_dir / "index.html",
        seconds=time.perf_counter() - started,
        timings={k: round(v, 3) for k, v in timings.items()},
    )


def main(argv: Iterable[str] | None = None) -> int:
    """`python -m gwr.quality [WAREHOUSE] [DOCS_DIR]`: run the suite, print the summary."""
    import argparse

    from gwr.settings import warehouse_path

    parser = argparse.ArgumentParser(prog="python -m gwr.quality")
    parser.add_argument("warehouse", nargs="?", type=Path)
    parser.add_argument("docs_dir", nargs="?", type=Path)
    args = parser.parse_args(list(argv) if argv is not None else None)
    db = args.warehouse or warehouse_path()
    docs = args.docs_dir or db.parent / "quality"
    report = run_warehouse_suite(db, docs)
    print(report.format())
    return 0 if report.success else 1


if __name__ == "__main__":
    raise SystemExit(main())
