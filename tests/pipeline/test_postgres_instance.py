"""The Dagster instance on PostgreSQL: run, event, schedule and sensor storage in Postgres.

A throwaway PostgreSQL server (Debian's `postgresql` package, which `make test` installs
where it can) is initialised in a temporary folder, listens on a free port of 127.0.0.1
only (its unix socket in the same folder) and is stopped in a `finally`. A `dagster.yaml`
with `storage: postgres:` points at it; `gwr refresh` runs the bundled data with that
DAGSTER_HOME, then the daemon evaluates the sensors once; the test reads Dagster's own
tables in Postgres. Skipped where `initdb`/`pg_ctl` are absent.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60  # seconds for pg_ctl to start or stop the server
REFRESH_TIMEOUT = 600  # seconds for `gwr refresh` on the bundled data
TICK_TIMEOUT = 240  # seconds for the daemon to load the code location and tick the sensor

pytestmark = pytest.mark.e2e


def _pg_bin() -> Path | None:
    """Debian keeps the server binaries under /usr/lib/postgresql/<major>/bin."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").is_file() and (Path(candidate) / "pg_ctl").is_file():
            return Path(candidate)
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(pg_ctl).parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    port: int
    root: Path
    as_user: list[str]  # prefix that runs a command as the server's (non-root) owner
    bin: Path

    @property
    def url(self) -> str:
        return f"postgresql://dagster@127.0.0.1:{self.port}/postgres"

    @property
    def sqlalchemy_url(self) -> str:
        # SQLAlchemy 2.1 defaults to psycopg 3; dagster-postgres ships psycopg2
        return self.url.replace("postgresql://", "postgresql+psycopg2://", 1)

    def pg(self, *args: str, timeout: float = START_TIMEOUT) -> None:
        subprocess.run(
            [*self.as_user, *args], check=True, timeout=timeout, capture_output=True, text=True
        )


@pytest.fixture
def postgres() -> Iterator[Server]:
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed")
    as_user: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="gwr-pg-"))
    if os.geteuid() == 0:  # initdb refuses to run as root: use Debian's postgres user
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root)
            pytest.skip("running as root and no 'postgres' user to own the server")
        if not shutil.which("runuser"):
            shutil.rmtree(root)
            pytest.skip("running as root without runuser")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    server = Server(port=_free_port(), root=root, as_user=as_user, bin=bin_dir)
    data, log = root / "data", root / "server.log"
    started = False
    try:
        server.pg(
            str(bin_dir / "initdb"), "-D", str(data), "-U", "dagster", "--auth=trust",
            "-E", "UTF8", "--no-sync", "--no-instructions",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {server.port} -k {root} "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        server.pg(
            str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log),
            "-w", "-t", str(START_TIMEOUT), "start",
        )  # fmt: skip
        started = True
        yield server
    finally:
        if started:
            server.pg(
                str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                "-t", str(START_TIMEOUT), "stop",
            )  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


def _query(server: Server, sql: str) -> list[tuple[object, ...]]:
    import psycopg2

    con = psycopg2.connect(server.url, connect_timeout=10)
    try:
        with con.cursor() as cur:
            cur.execute(sql)
            return list(cur.fetchall())
    finally:
        con.close()


def _wait_for_sensor_tick(server: Server, env: dict[str, str]) -> list[tuple[object, ...]]:
    """Run `dagster-daemon` until it has recorded a tick of the input sensor, then stop it."""
    daemon = subprocess.Popen(
        [str(Path(sys.executable).parent / "dagster-daemon"), "run", "-w", "workspace.yaml"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its code server too: stopped as one process group
    )
    ticks: list[tuple[object, ...]] = []
    try:
        deadline = time.monotonic() + TICK_TIMEOUT
        while time.monotonic() < deadline and daemon.poll() is None:
            ticks = _query(
                server,
                "SELECT j.job_type, t.status FROM job_ticks t "
                "JOIN jobs j ON j.job_origin_id = t.job_origin_id "
                "WHERE j.job_body LIKE '%input_files_sensor%'",
            )
            if any(status != "STARTED" for _, status in ticks):  # the tick has finished
                break
            time.sleep(2)
    finally:
        if daemon.poll() is None:
            os.killpg(daemon.pid, signal.SIGTERM)
            try:
                daemon.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(daemon.pid, signal.SIGKILL)
                daemon.wait(timeout=30)
    return ticks


def test_refresh_with_instance_storage_in_postgres(
    postgres: Server, gwr_env: dict[str, Path]
) -> None:
    home = Path(os.environ["DAGSTER_HOME"])
    (home / "dagster.yaml").write_text(
        "storage:\n"
        "  postgres:\n"
        f"    postgres_url: {postgres.sqlalchemy_url}\n"
        # a sensor-requested run stays queued: this test checks storage, not launching
        "run_queue:\n"
        "  max_concurrent_runs: 0\n"
        "telemetry:\n"
        "  enabled: false\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    refresh = subprocess.run(
        [str(Path(sys.executable).parent / "gwr"), "refresh"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=REFRESH_TIMEOUT,
        check=False,
    )
    assert refresh.returncode == 0, refresh.stderr[-3000:]
    assert gwr_env["warehouse"].is_file()
    assert not (home / "history").exists()  # nothing fell back to SQLite in DAGSTER_HOME

    # run storage
    runs = _query(postgres, "SELECT run_id, pipeline_name, status FROM runs")
    assert [(name, status) for _, name, status in runs] == [("refresh_warehouse", "SUCCESS")]
    run_id = runs[0][0]
    # event log storage: the run's step and materialization events
    events = dict(
        _query(
            postgres,
            "SELECT dagster_event_type, count(*) FROM event_logs "
            f"WHERE run_id = '{run_id}' GROUP BY dagster_event_type",
        )
    )
    # the run's end is stored under its legacy name (PIPELINE_SUCCESS) by Dagster 1.x
    assert (events.get("PIPELINE_SUCCESS") or events.get("RUN_SUCCESS")) == 1, events
    assert events.get("STEP_SUCCESS", 0) >= 5
    assert events.get("ASSET_MATERIALIZATION", 0) >= 5
    assert {"sheet_records", "report_statements"} <= {
        row[0].strip('"[]') for row in _query(postgres, "SELECT asset_key FROM asset_keys")
    }

    # schedule storage holds the schedule's and the sensors' state and ticks
    ticks = _wait_for_sensor_tick(postgres, env)
    assert ("SENSOR", "SUCCESS") in ticks, ticks
    instigators = {
        (kind, name)
        for kind, name in _query(
            postgres,
            "SELECT job_type, CASE WHEN job_body LIKE '%nightly_refresh%' THEN 'nightly_refresh'"
            " WHEN job_body LIKE '%input_files_sensor%' THEN 'input_files_sensor' END FROM jobs",
        )
    }
    assert ("SENSOR", "input_files_sensor") in instigators
    # the sensor's requested run was recorded in Postgres too (queued, not launched)
    queued = _query(postgres, "SELECT count(*) FROM runs WHERE status = 'QUEUED'")
    assert queued[0][0] >= 1
