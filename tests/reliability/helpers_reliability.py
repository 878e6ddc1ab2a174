"""Shared by the fault tests: subprocess environments, privilege dropping, small inputs."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
GWR = [sys.executable, "-m", "gwr.cli"]

#: Running as root, reading a mode-000 file still succeeds (CAP_DAC_OVERRIDE); the fault
#: needs a process without it. setpriv drops the capabilities and keeps uid 0, so the
#: interpreter under /root stays readable while other people's files are not.
_DROP_DAC = [
    "setpriv",
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
    "--",
]


def unprivileged(cmd: list[str]) -> list[str]:
    """`cmd` run without the power to read files it has no permission for."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot drop CAP_DAC_OVERRIDE")
    return [*_DROP_DAC, *cmd]


def gwr_env(tmp: Path, data: Path, **extra: str) -> dict[str, str]:
    """Environment for a `gwr` subprocess writing only below `tmp`."""
    home = tmp / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text(
        (REPO_ROOT / "pipelines" / "dagster.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    env = {
        **os.environ,
        "GWR_DATA": str(data),
        "GWR_WAREHOUSE": str(tmp / "warehouse" / "gwr.duckdb"),
        "GWR_CACHE": str(tmp / "cache"),
        "DAGSTER_HOME": str(home),
        "PYTHONDONTWRITEBYTECODE": "1",
        **extra,
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


def run_gwr(
    args: list[str], env: dict[str, str] | None = None, *, drop: bool = False, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    cmd = [*GWR, *args]
    return subprocess.run(
        unprivileged(cmd) if drop else cmd,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def query(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def descendants(pid: int) -> list[int]:
    """Every live descendant of `pid` (from /proc), children before grandchildren."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out: list[int] = []
    todo = list(children.get(pid, []))
    while todo:
        child = todo.pop(0)
        out.append(child)
        todo.extend(children.get(child, []))
    return out


def kill_tree(proc: subprocess.Popen[str], sig: int, grace: float = 15.0) -> None:
    """Send `sig` to `proc`, wait up to `grace`, then SIGKILL it and every process it
    started (by pid: only processes of this test's own tree)."""
    import signal
    import time

    tree = descendants(proc.pid)
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
    deadline = time.monotonic() + 5
    for pid in tree + descendants(proc.pid):
        while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
            time.sleep(0.1)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
