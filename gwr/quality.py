"""Data quality: a Great Expectations suite that watches the *data* of a built warehouse.

The contract (keys, vocabularies, relationships, spans, base-unit scaling) is held by the
dbt tests next to the columns (`sql/models/marts/schema.yml`). This suite watches what a
contract cannot state, on the file being built, before it is published:

- value ranges per measure (a growth rate of 500 %, a negative count: WARN, mostly);
- attainment ratios and expected progress within their plausible ranges;
- the shares of `no_data` and `not_comparable` variance rows (WARN above a set share);
- row counts against the last published warehouse: a night that loses more than
  `max_actual_loss` of `fct_actual` rows while no input file was removed fails (ERROR):
  that is a parser or SQL regression, not news.

Severity: an expectation's `meta.severity` is `error` (blocks publication) or `warn`
(publishes, shows in the check metadata). Thresholds: `Thresholds`, each overridable by an
environment variable (`GWR_MAX_ACTUAL_LOSS` …), documented in the README.

Great Expectations runs inside DuckDB: a SQL data source (duckdb-engine) over the built
file, opened read-only, one query asset a table that selects only the columns the
expectations name (the per-measure `value [measure]` columns are computed in that SQL), so
no table is copied into pandas. That SQL is unordered; only the limited reads that list
unexpected values are given the table's key order (`_KeyOrder`), so the listed values are
the same on every run without sorting the table under every count. GX 1.24 fetches a
query's rows after closing the connection it ran on, which with duckdb-engine discards
them; the connections given to GX ignore transactions (`_Connections`,
docs/gx-duckdb.md). Data Docs are post-processed to render offline: the CDN stylesheets
and scripts GX links to are replaced by an inline stylesheet.

Great Expectations takes seconds to import, so it is imported inside the functions that
need it, never when this module is loaded.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from gwr.warehouse import replace_dir

SITE_NAME = "gwr_quality"
DATA_SOURCE = "gwr_warehouse"
# SUMMARY: GX lists the first 20 unexpected values with a LIMIT read, which `_KeyOrder`
# runs on the table in key order.
RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": 20}
ERROR, WARN = "error", "warn"


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return float(raw) if raw not in (None, "") else default


@dataclass(frozen=True)
class Thresholds:
    """What the suite tolerates. Each default can be overridden by the environment."""

    max_actual_loss: float = 0.2  # GWR_MAX_ACTUAL_LOSS: share of fct_actual rows a night may lose
    max_no_data_share: float = 0.9  # GWR_MAX_NO_DATA_SHARE (WARN)
    max_not_comparable_share: float = 0.6  # GWR_MAX_NOT_COMPARABLE_SHARE (WARN)
    mostly: float = 0.99  # GWR_RANGE_MOSTLY: share of rows a range must hold for

    @classmethod
    def from_env(cls) -> Thresholds:
        d = cls()
        return cls(
            max_actual_loss=_env_float("GWR_MAX_ACTUAL_LOSS", d.max_actual_loss),
            max_no_data_share=_env_float("GWR_MAX_NO_DATA_SHARE", d.max_no_data_share),
            max_not_comparable_share=_env_float(
                "GWR_MAX_NOT_COMPARABLE_SHARE", d.max_not_comparable_share
            ),
            mostly=_env_float("GWR_RANGE_MOSTLY", d.mostly),
        )


# Plausible ranges of `value` per measure, as written (CONTRACT §2 vocabularies).
VALUE_RANGES: dict[str, tuple[float | None, float | None]] = {
    "growth_pct": (-100.0, 1000.0),  # 增长N倍 is N*100 %: ten-fold growth is the ceiling
    "pp_change": (-100.0, 100.0),
    "ratio_pct": (0.0, 100.0),
    "count": (0.0, None),
    "amount": (0.0, None),
}


@dataclass(frozen=True)
class Check:
    """One expectation on one table (independent of Great Expectations)."""

    table: str
    name: str  # what the README and the check metadata call it
    expectation: str  # GX expectation class name
    kwargs: dict[str, Any]
    severity: str = WARN
    derive: tuple[str, str] | None = None  # (column, measure): value of that measure only
    notes: str | None = None

    @property
    def columns(self) -> list[str]:
        return [self.kwargs["column"]] if "column" in self.kwargs else []


def suite_checks(
    thresholds: Thresholds, previous_actuals: int | None, inputs_removed: bool
) -> dict[str, list[Check]]:
    """The expectations, by table. `previous_actuals` is the published warehouse's
    fct_actual row count (None: nothing published yet); `inputs_removed` whether an input
    file of that warehouse is missing now (then fewer rows are expected)."""
    checks: dict[str, list[Check]] = {"mart.fct_target": [], "mart.fct_actual": []}
    for table in checks:
        for measure, (lo, hi) in VALUE_RANGES.items():
            column = f"value [{measure}]"
            kwargs: dict[str, Any] = {"column": column, "mostly": thresholds.mostly}
            if lo is not None:
                kwargs["min_value"] = lo
            if hi is not None:
                kwargs["max_value"] = hi
            note = f"value of {measure} rows within [{lo}, {hi}]"
            checks[table].append(
                Check(
                    table,
                    f"value_range_{measure}",
                    "ExpectColumnValuesToBeBetween",
                    kwargs,
                    WARN,
                    derive=("value", measure),
                    notes=note,
                )
            )
    loss = (
        f"no more than {thresholds.max_actual_loss:.0%} of the published warehouse's "
        f"{previous_actuals} actual rows lost while no input was removed"
    )
    checks["mart.fct_actual"].append(
        Check(
            "mart.fct_actual",
            "rows_not_lost",
            "ExpectTableRowCountToBeBetween",
            {"min_value": _min_rows(previous_actuals, thresholds, inputs_removed)},
            ERROR,
            notes=loss,
        )
    )
    variance = [
        Check("mart.fct_variance", "attainment_ratio_plausible", "ExpectColumnValuesToBeBetween",
              {"column": "attainment_ratio", "min_value": -10, "max_value": 10,
               "mostly": thresholds.mostly}, WARN),
        Check("mart.fct_variance", "expected_progress_in_0_1", "ExpectColumnValuesToBeBetween",
              {"column": "expected_progress", "min_value": 0, "max_value": 1}, ERROR),
        Check("mart.fct_variance", "no_data_share", "ExpectColumnValuesToNotBeInSet",
              {"column": "status", "value_set": ["no_data"],
               "mostly": round(1 - thresholds.max_no_data_share, 6)}, WARN,
              notes=f"at most {thresholds.max_no_data_share:.0%} of variance rows no_data"),
        Check("mart.fct_variance", "not_comparable_share", "ExpectColumnValuesToNotBeInSet",
              {"column": "status", "value_set": ["not_comparable"],
               "mostly": round(1 - thresholds.max_not_comparable_share, 6)}, WARN,
              notes=f"at most {thresholds.max_not_comparable_share:.0%} not_comparable"),
    ]  # fmt: skip
    checks["mart.fct_variance"] = variance
    return checks


def _min_rows(previous: int | None, thresholds: Thresholds, inputs_removed: bool) -> int:
    if previous is None or inputs_removed:
        return 0
    return math.ceil(previous * (1 - thresholds.max_actual_loss))


# ---------------------------------------------------------------------------- report


@dataclass
class FailedExpectation:
    expectation: str  # GX expectation type, e.g. expect_column_values_to_be_between
    test: str  # the check's name, e.g. rows_not_lost
    columns: list[str]
    severity: str = ERROR
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    partial_unexpected_list: list[Any] = field(default_factory=list)
    observed_value: Any = None
    exception: str | None = None

    def describe(self) -> str:
        cols = ", ".join(self.columns)
        bits = [f"{self.test}({cols}) [{self.severity.upper()}]"]
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
    success: bool  # no ERROR-level failure
    rows: int
    evaluated: int
    failed: list[FailedExpectation] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return self.evaluated - len(self.failed)


@dataclass
class SuiteReport:
    success: bool  # no ERROR-level expectation failed (WARN ones may have)
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

    def failure_dicts(self) -> list[dict[str, Any]]:
        """Failures as plain dicts, shaped like `gwr.build.dbt_failures`."""
        return [
            {
                "kind": "expectation",
                "name": f.test,
                "on": table,
                "column": ", ".join(f.columns) or None,
                "status": "fail",
                "severity": f.severity,
                "failures": f.unexpected_count,
                "message": f.describe(),
                "rows": f.partial_unexpected_list[:20],
            }
            for table, f in self.failures
        ]

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
            mark = "ok  " if not t.failed else ("warn" if t.success else "FAIL")
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


# The order the suite lists each table's unexpected values in (its key: the dbt `unique`
# tests hold it), so that the first unexpected values GX lists are the same on every run.
ORDER_BY: dict[str, list[str]] = {
    "mart.fct_target": ["target_id"],
    "mart.fct_actual": ["actual_id"],
    "mart.fct_variance": ["target_id", "actual_id"],
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def suite_query(table: str, checks: list[Check], *, ordered: bool = False) -> str:
    """The SELECT a table's expectations run on, inside DuckDB: the table's key columns
    and only the columns the expectations name, the derived `value [measure]` columns
    (`value` where `measure` is that measure, else NULL) computed in SQL; `ordered`: in
    the table's key order. GX's counts and sums run on the unordered query (sorting a
    million rows under each of them cost about half the suite); its limited reads, the
    listed unexpected values, on the ordered one (`_KeyOrder`)."""
    keys = ORDER_BY.get(table, [])
    columns: dict[str, str] = {k: _quote(k) for k in keys}
    for check in checks:
        for column in check.columns:
            if check.derive is not None:
                source, measure = check.derive
                literal = "'" + measure.replace("'", "''") + "'"
                columns[column] = (
                    f"CASE WHEN measure = {literal} THEN {_quote(source)} END AS {_quote(column)}"
                )
            else:
                columns.setdefault(column, _quote(column))
    select = ", ".join(columns.values()) or "1 AS one"
    order = f" ORDER BY {', '.join(_quote(k) for k in keys)}" if ordered and keys else ""
    return f"SELECT {select} FROM {table}{order}"


def _row_counts(db_path: Path, tables: Iterable[str]) -> dict[str, int]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}  # type: ignore[index]
    finally:
        con.close()


class _Connections:
    """DB-API connections for Great Expectations' SQL data source over one DuckDB file,
    opened read-only.

    GX 1.24 runs each metric query in `with engine.connect(): result = execute(query)` and
    fetches the rows *after* that block has closed the SQLAlchemy connection, which rolls
    back the transaction duckdb-engine began. A DuckDB result lives on its connection, so
    the rollback discards it and every metric fails (`IndexError: list index out of range`
    in `resolve_metric_bundle`; docs/gx-duckdb.md). The suite only reads, so the
    connections here ignore begin, commit and rollback (each statement runs in DuckDB's
    own autocommit transaction) and the results survive until GX fetches them."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.opened: list[Any] = []

    def __call__(self) -> Any:
        from duckdb_engine import ConnectionWrapper

        class ReadOnlyConnection(ConnectionWrapper):
            def begin(self) -> None:
                pass

            def commit(self) -> None:
                pass

            def rollback(self) -> None:
                pass

        con = ReadOnlyConnection(duckdb.connect(str(self.db_path), read_only=True))
        self.opened.append(con)
        return con

    def close(self) -> None:
        for con in self.opened:
            with contextlib.suppress(duckdb.Error):
                con.close()
        self.opened.clear()


class _KeyOrder:
    """A SQLAlchemy `before_execute` hook that gives Great Expectations' limited reads of
    a suite relation that relation in the table's key order.

    GX lists a column expectation's unexpected values with `SELECT col AS
    unexpected_values FROM (<suite query>) WHERE <unexpected> LIMIT 20`; without an order
    that LIMIT takes whichever failing rows DuckDB's threads reach first. The suite query
    used to end in `ORDER BY <key>`, which DuckDB also carried out under every count and
    sum GX takes of it, and in GX's column probe (which executes the query itself): a
    full sort of the table for each, about half the suite's time at a million rows. Now
    the asset's query is unordered, and a read with a LIMIT has that relation replaced by
    the ordered one, so it runs exactly the SQL it ran before: the same rows in the same
    order (the first failing rows in key order), which DuckDB plans as a top-N over the
    failing rows (the filter goes below the order).

    Only statements run on the suite's own connections are touched, and of those only a
    SELECT with a LIMIT reading a suite query. (A `COMPLETE` result format would read the
    full unexpected lists without a LIMIT, in no particular order: the suite uses
    `SUMMARY`.)"""

    def __init__(self, connections: _Connections, ordered: dict[str, str]) -> None:
        self.connections = connections
        # the asset's query -> the same query in key order
        self.ordered = {q.strip(): o for q, o in ordered.items() if o.strip() != q.strip()}

    def _in_key_order(self, statement: Any) -> Any | None:
        import sqlalchemy as sa
        from sqlalchemy.sql import visitors

        # `_limit_clause` is private in SQLAlchemy 2.x (no public getter; versions locked)
        if not isinstance(statement, sa.Select) or statement._limit_clause is None:
            return None
        replaced: list[str] = []

        def ordered(element: Any) -> Any | None:
            # a query asset's relation: Subquery(TextualSelect(TextClause(<suite query>)))
            if isinstance(element, sa.Subquery):
                text = getattr(getattr(element.element, "element", None), "text", None)
                query = self.ordered.get(text.strip()) if isinstance(text, str) else None
                if query is not None:
                    replaced.append(query)
                    return sa.text(query).columns().subquery()
            return None

        rewritten = visitors.replacement_traverse(statement, {}, ordered)
        return rewritten if replaced else None

    def __call__(
        self, conn: Any, statement: Any, multiparams: Any, params: Any, options: Any
    ) -> tuple[Any, Any, Any]:
        if conn.connection.dbapi_connection in self.connections.opened:
            rewritten = self._in_key_order(statement)
            if rewritten is not None:
                statement = rewritten
        return statement, multiparams, params


def published_baseline(previous: Path | None) -> tuple[int | None, set[str]]:
    """fct_actual rows and input paths of the published warehouse (None, {}: none)."""
    if previous is None or not previous.exists():
        return None, set()
    con = duckdb.connect(str(previous), read_only=True)
    try:
        (rows,) = con.execute("SELECT count(*) FROM mart.fct_actual").fetchone()  # type: ignore[misc]
        paths = {p for (p,) in con.execute("SELECT path FROM raw.documents").fetchall()}
    except duckdb.Error:  # an older layout: no baseline rather than a false alarm
        return None, set()
    finally:
        con.close()
    return int(rows), paths


def _input_paths(db_path: Path) -> set[str]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return {p for (p,) in con.execute("SELECT path FROM raw.documents").fetchall()}
    finally:
        con.close()


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


def _exception_message(info: Any) -> str | None:
    """Why an expectation could not be evaluated. GX 1.x gives either one record
    ({"raised_exception": …, "exception_message": …}) or, per metric that failed to
    compute, {metric id: record}; the messages of all of them, in order, once each."""
    if not isinstance(info, dict):
        return None
    records = [info] if "raised_exception" in info else list(info.values())
    messages = [
        str(r.get("exception_message"))
        for r in records
        if isinstance(r, dict)
        and str(r.get("raised_exception")).lower() == "true"
        and r.get("exception_message")
    ]
    return "; ".join(dict.fromkeys(messages)) or None


def _failed(result: Any, meta_of: Callable[[Any], dict[str, Any]]) -> FailedExpectation:
    cfg = result.expectation_config
    kw = cfg.kwargs
    meta = meta_of(cfg)
    res = dict(result.result or {})
    message = _exception_message(result.exception_info)
    return FailedExpectation(
        expectation=cfg.type,
        test=meta.get("check", cfg.type),
        columns=[kw["column"]] if "column" in kw else [],
        severity=meta.get("severity", ERROR),
        unexpected_count=res.get("unexpected_count"),
        unexpected_percent=_jsonable(res.get("unexpected_percent")),
        partial_unexpected_list=_jsonable(list(res.get("partial_unexpected_list") or [])),
        observed_value=_jsonable(res.get("observed_value")),
        exception=message,
    )


# Data Docs link Bootstrap, jQuery, Font Awesome … from CDNs; offline (and inside a
# network-less CI) those never load. They are dropped and this stylesheet is inlined.
_EXTERNAL = re.compile(
    r"<link[^>]+href=\"(?:https?:)?//[^\"]+\"[^>]*>|<img[^>]+src=\"(?:https?:)?//[^\"]+\"[^>]*>"
    r"|<script[^>]+src=\"(?:https?:)?//[^\"]+\"[^>]*>\s*</script>",
    re.IGNORECASE,
)
OFFLINE_CSS = """<style>
body{font-family:system-ui,"Segoe UI","Noto Sans CJK SC",sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
.collapse:not(.show){display:block}.d-none{display:none}.text-danger,.fa-times{color:#b00}
.text-success,.fa-check-circle{color:#080}a{color:#0645ad}
.card{border:1px solid #ddd;margin:.75rem 0;padding:.5rem}.navbar,.sticky-top{position:static}
</style>"""


def make_offline(docs_root: Path) -> int:
    """Drop CDN links from every Data Docs page and inline `OFFLINE_CSS`; returns the
    number of pages rewritten."""
    pages = 0
    for page in docs_root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        offline = _EXTERNAL.sub("", html)
        if "</head>" in offline and OFFLINE_CSS not in offline:
            offline = offline.replace("</head>", OFFLINE_CSS + "</head>", 1)
        if offline != html:
            page.write_text(offline, encoding="utf-8")
            pages += 1
    return pages


def run_warehouse_suite(
    db_path: Path,
    docs_dir: Path,
    *,
    previous: Path | None = None,
    thresholds: Thresholds | None = None,
) -> SuiteReport:
    """Run the suite inside DuckDB on the file `db_path` (opened read-only, closed before
    the Data Docs are built), comparing row counts with the published warehouse
    `previous`, and write offline HTML Data Docs to `docs_dir` (replaced as a whole;
    `docs_dir/index.html`)."""
    started = time.perf_counter()
    thresholds = thresholds or Thresholds.from_env()
    prev_rows, prev_paths = published_baseline(previous)
    removed = bool(prev_paths - _input_paths(db_path)) if prev_paths else False
    checks = suite_checks(thresholds, prev_rows, removed)
    rows = _row_counts(db_path, checks)
    timings = {"read": time.perf_counter() - started}

    mark = time.perf_counter()
    import great_expectations as gx
    import sqlalchemy as sa
    from great_expectations.core.run_identifier import RunIdentifier

    timings["import"] = time.perf_counter() - mark
    mark = time.perf_counter()

    docs_dir = Path(docs_dir)
    docs_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{docs_dir.name}.building-", dir=docs_dir.parent))
    connections = _Connections(db_path)
    queries = {table: suite_query(table, table_checks) for table, table_checks in checks.items()}
    key_order = _KeyOrder(
        connections, {queries[t]: suite_query(t, c, ordered=True) for t, c in checks.items()}
    )
    sa.event.listen(sa.engine.Engine, "before_execute", key_order, retval=True)
    try:
        context = _quiet_context(staging)
        # One read-only connection (StaticPool) for every query, never reset on return;
        # no temp tables (the file is read-only): GX queries the tables in place.
        source = context.data_sources.add_sql(
            DATA_SOURCE,
            connection_string="duckdb:///" + str(db_path),
            create_temp_table=False,
            kwargs={
                "creator": connections,
                "poolclass": sa.pool.StaticPool,
                "pool_reset_on_return": None,
            },
        )
        run_id = RunIdentifier(run_name="gwr-quality", run_time=datetime.now(UTC))
        results: list[TableResult] = []
        for table, table_checks in checks.items():
            suite = gx.ExpectationSuite(name=table)
            for check in table_checks:
                suite.add_expectation(
                    getattr(gx.expectations, check.expectation)(
                        **check.kwargs,
                        meta={"check": check.name, "severity": check.severity},
                        notes=check.notes,
                    )
                )
            suite = context.suites.add(suite)
            metas = {exp.id: dict(exp.meta or {}) for exp in suite.expectations}
            asset = source.add_query_asset(table, query=queries[table])
            batch = asset.add_batch_definition_whole_table("all")
            validation = context.validation_definitions.add(
                gx.ValidationDefinition(name=f"validate {table}", data=batch, suite=suite)
            )
            outcome = validation.run(result_format=RESULT_FORMAT, run_id=run_id)
            failed = [
                _failed(r, lambda cfg, m=metas: m.get(cfg.id, {}))
                for r in outcome.results
                if not r.success
            ]
            results.append(
                TableResult(
                    table=table,
                    success=not any(f.severity == ERROR for f in failed),
                    rows=rows[table],
                    evaluated=len(outcome.results),
                    failed=failed,
                )
            )
        connections.close()  # the file is closed before the docs are built and published
        timings["validate"] = time.perf_counter() - mark
        mark = time.perf_counter()
        # One Data Docs build for all tables: what a Checkpoint's UpdateDataDocsAction does
        # after every run, done once instead of once a table (each build takes ~1 s).
        context.build_data_docs(site_names=[SITE_NAME])
        make_offline(staging)
        timings["docs"] = time.perf_counter() - mark
        staging.chmod(0o755)
        replace_dir(staging, docs_dir)
    finally:
        sa.event.remove(sa.engine.Engine, "before_execute", key_order)
        connections.close()
        shutil.rmtree(staging, ignore_errors=True)
    return SuiteReport(
        success=all(t.success for t in results),
        tables=results,
        docs_index=docs_dir / "index.html",
        seconds=time.perf_counter() - started,
        timings={k: round(v, 3) for k, v in timings.items()},
    )


def main(argv: Iterable[str] | None = None) -> int:
    """`python -m gwr.quality [WAREHOUSE] [DOCS_DIR]`: run the suite on a warehouse file
    (by hand, no comparison with a previous one), print the summary."""
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
