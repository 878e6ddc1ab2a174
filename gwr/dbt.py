"""Run the dbt project in `sql/` in process (dbtRunner), against the file being built.

dbt-core takes about two seconds to import and one to parse the project; a subprocess per
refresh (the `dbt` command line) would pay both every night. Here dbt is imported once,
the project is parsed once per process (partial parsing from `sql/target`), and the parsed
`Manifest` is handed to every later `dbt build`, which then does not parse at all.

The profile (`sql/profiles.yml`) reads the DuckDB path from `GWR_DBT_PATH`; every build
file is called `gwr.duckdb` (in its own build folder), so the catalog name dbt compiles
into the manifest, `gwr`, is the same for all of them and the manifest can be reused.

`ensure_manifest()` writes `sql/target/manifest.json` when it is missing or older than the
project's files: dagster-dbt builds the asset definitions from it at definition load time,
so a fresh clone, `make test` and `dagster dev` all work without a separate `dbt parse`.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from gwr import settings

DB_NAME = "gwr.duckdb"  # the catalog dbt sees is `gwr`, whatever folder the file is in
PARTIAL_PARSE = "partial_parse.msgpack"
FAILING_ROWS = 20
# dbt keeps global state (flags, adapters, event manager): one invocation at a time.
_LOCK = threading.RLock()
_manifest_cache: dict[str, Any] = {}


def project_dir() -> Path:
    return settings.sql_dir()


def manifest_path() -> Path:
    return project_dir() / "target" / "manifest.json"


def _quiet_env() -> dict[str, str]:
    # No version check and no anonymous usage events: there is no network, and waiting
    # for one costs seconds.
    return {
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_VERSION_CHECK": "false",
        "DBT_USE_COLORS": "false",
        "DBT_PRINTER_WIDTH": "100",
    }


@contextmanager
def _environment(db_path: Path | None) -> Iterator[None]:
    """dbt reads its settings and the profile's GWR_DBT_PATH from the environment; only
    those keys are set, and put back afterwards (other threads keep their environment)."""
    changes = {
        **_quiet_env(),
        # a placeholder keeps `dbt parse` independent of any real file
        "GWR_DBT_PATH": str(db_path or Path(tempfile.gettempdir()) / DB_NAME),
    }
    saved = {key: os.environ.get(key) for key in changes}
    os.environ.update(changes)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _project_files() -> list[Path]:
    root = project_dir()
    files = [root / "dbt_project.yml", root / "profiles.yml"]
    for sub in ("models", "macros", "tests"):
        files.extend(p for p in (root / sub).rglob("*") if p.is_file())
    return files


def manifest_is_stale() -> bool:
    path = manifest_path()
    if not path.exists():
        return True
    built = path.stat().st_mtime
    return any(p.stat().st_mtime > built for p in _project_files())


def _common_args(target_path: Path) -> list[str]:
    root = str(project_dir())
    return [
        "--project-dir", root, "--profiles-dir", root, "--target-path", str(target_path),
        "--log-path", str(target_path), "--quiet", "--no-use-colors",
    ]  # fmt: skip


def parse() -> Any:
    """Parse the project (partially, when `sql/target/partial_parse.msgpack` allows) and
    write `sql/target/manifest.json`. Returns dbt's `Manifest`.

    Parsing happens in a private target folder whose files are then moved into place, so
    two processes parsing at once (pytest workers) never see a half-written manifest."""
    from dbt.cli.main import dbtRunner

    target = project_dir() / "target"
    target.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".parse-", dir=target))
    try:
        if (target / PARTIAL_PARSE).exists():
            shutil.copy2(target / PARTIAL_PARSE, work / PARTIAL_PARSE)
        with _LOCK, _environment(None):
            res = dbtRunner().invoke(["parse", *_common_args(work)])
        if not res.success:
            raise DbtProjectError(f"dbt parse failed: {res.exception}")
        for name in ("manifest.json", PARTIAL_PARSE):
            if (work / name).exists():
                os.replace(work / name, target / name)
        return res.result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def ensure_manifest() -> Path:
    """`sql/target/manifest.json`, parsed again first when the project changed."""
    if manifest_is_stale():
        _manifest_cache[str(project_dir())] = parse()
    return manifest_path()


def _manifest() -> Any:
    key = str(project_dir())
    if manifest_is_stale() or key not in _manifest_cache:
        _manifest_cache[key] = parse()
    return _manifest_cache[key]


class DbtProjectError(RuntimeError):
    """The project itself is broken (a parse or compile error): a retry cannot help."""


@dataclass
class NodeResult:
    """One model or test of a `dbt build`."""

    unique_id: str
    name: str
    resource_type: str  # model | test
    status: str  # success | error | skipped (models); pass | fail | warn | error (tests)
    message: str | None = None
    failures: int | None = None  # failing rows of a test
    seconds: float = 0.0
    relation: str | None = None  # schema.name of a model
    attached_to: str | None = None  # the model a test is attached to
    column: str | None = None
    severity: str | None = None  # error | warn (tests)
    sql: str | None = None  # a test's compiled SQL (returns the failing rows)
    failing_rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in ("success", "pass")

    @property
    def blocking(self) -> bool:
        """Stops publication: a model that errored, or an error-level test that failed."""
        return self.status == "error" or (self.status == "fail" and self.severity != "warn")

    def describe(self) -> str:
        what = f"{self.resource_type} {self.name}"
        if self.resource_type == "test":
            where = f" on {self.attached_to}" + (f".{self.column}" if self.column else "")
            rows = f": {self.failures} failing row(s)" if self.failures else ""
            return f"{what}{where} {self.status.upper()}{rows}"
        return f"{what} {self.status.upper()}" + (f": {self.message}" if self.message else "")


@dataclass
class BuildOutcome:
    success: bool  # no blocking failure (WARN-level tests may have failed)
    nodes: list[NodeResult]  # in dbt's execution order (upstream first)
    seconds: float
    error: str | None = None  # dbt could not run at all

    @property
    def models(self) -> list[NodeResult]:
        return [n for n in self.nodes if n.resource_type == "model"]

    @property
    def tests(self) -> list[NodeResult]:
        return [n for n in self.nodes if n.resource_type == "test"]

    @property
    def blocking(self) -> list[NodeResult]:
        return [n for n in self.nodes if n.blocking]

    @property
    def warnings(self) -> list[NodeResult]:
        return [n for n in self.nodes if n.status in ("warn",)]


def _failing_rows(db_path: Path, sql: str, limit: int = FAILING_ROWS) -> list[dict[str, Any]]:
    """The first rows a failing test returns, as JSON-friendly dicts."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        cur = con.execute(f"SELECT * FROM ({sql}) AS failing LIMIT {int(limit)}")
        names = [d[0] for d in cur.description]
        return [
            {n: (v if isinstance(v, int | float | str | bool) or v is None else str(v))
             for n, v in zip(names, row, strict=True)}
            for row in cur.fetchall()
        ]  # fmt: skip
    except duckdb.Error as exc:
        return [{"error": str(exc)}]
    finally:
        con.close()


def _close_duckdb() -> None:
    """dbt-duckdb keeps its DuckDB connection open for the life of the process (for the
    next invocation); the file must be closed before it is audited, exported, published."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        env = DuckDBConnectionManager._ENV
        if env is not None:
            env.close()
            DuckDBConnectionManager._ENV = None


def _node_result(result: Any, manifest: Any) -> NodeResult:
    node = result.node
    status = str(getattr(result.status, "value", result.status))
    out = NodeResult(
        unique_id=node.unique_id,
        name=node.name,
        resource_type=str(getattr(node.resource_type, "value", node.resource_type)),
        status=status,
        message=result.message,
        failures=result.failures,
        seconds=round(float(result.execution_time or 0.0), 3),
    )
    if out.resource_type == "model":
        out.relation = f"{node.schema}.{node.alias}"
    elif out.resource_type == "test":
        attached = getattr(node, "attached_node", None)
        parent = manifest.nodes.get(attached) if attached else None
        out.attached_to = f"{parent.schema}.{parent.alias}" if parent is not None else attached
        out.column = getattr(node, "column_name", None)
        out.severity = str(node.config.severity).lower()
        out.sql = getattr(node, "compiled_code", None)
    return out


def build(db_path: Path, work_dir: Path, *, tests: bool = True) -> BuildOutcome:
    """`dbt build` (every model and test) against the DuckDB file `db_path`, whose raw
    tables are already loaded. dbt's artifacts go to `work_dir`. A failing test's first
    rows are read back so that the audit can name them. `tests=False` runs `dbt run`
    (models only): for test harnesses that pin the SQL's results, never for publishing."""
    import time

    from dbt.cli.main import dbtRunner

    if db_path.name != DB_NAME:
        raise ValueError(f"the file dbt builds must be called {DB_NAME}, not {db_path.name}")
    started = time.perf_counter()
    work_dir.mkdir(parents=True, exist_ok=True)
    # dbt runs nodes in a worker thread; a SQLite connection left for the garbage collector
    # by an earlier run (a Dagster instance's) must not be finalized there (sqlite3 refuses
    # cross-thread use and prints tracebacks), so collect in this thread first.
    gc.collect()
    with _LOCK:
        manifest = _manifest()
        with _environment(db_path):
            # No artifacts (the results come back as objects) and no debug log file: both
            # cost more than the models themselves on a small warehouse.
            res = dbtRunner(manifest=manifest).invoke(
                [
                    "build" if tests else "run",
                    *_common_args(work_dir),
                    "--no-write-json",
                    "--log-level-file",
                    "none",
                ]
            )
        _close_duckdb()
    if res.result is None:  # dbt could not start: a project or profile error
        raise DbtProjectError(f"dbt build could not run: {res.exception}")
    nodes = [_node_result(r, manifest) for r in res.result.results]
    for n in nodes:
        if n.resource_type == "test" and n.status in ("fail", "warn") and n.sql:
            n.failing_rows = _failing_rows(db_path, n.sql)
    return BuildOutcome(
        success=not any(n.blocking for n in nodes),
        nodes=nodes,
        seconds=round(time.perf_counter() - started, 3),
    )
