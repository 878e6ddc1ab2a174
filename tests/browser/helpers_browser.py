"""Run `dagster dev` on a private port and instance for the browser test, and talk to it.

Everything here is loopback-only: the server binds 127.0.0.1, the browser may only fetch
from that origin, and every process is started in its own process group so the test can
always take the whole tree (webserver, daemon, code server, gRPC server) down again.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Chromium flags: headless, no sandbox (root in a container), and no background traffic
# (without these Debian's chromium keeps trying to reach Google services).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The instance of the test server. The input sensor is RUNNING by default and requests a
# full refresh on its first tick; with no run slots that run stays queued, so the test
# never materializes anything (the e2e tests do that) and leaves no run processes behind.
DAGSTER_YAML = """\
telemetry:
  enabled: false
concurrency:
  runs:
    max_concurrent_runs: 0
"""


ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")  # dagster's log lines are coloured


def chromium_path() -> str | None:
    """Debian's chromium (the browser tests never download playwright's own)."""
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def free_port() -> int:
    """A port the kernel just handed out on 127.0.0.1 (unique per xdist worker in practice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_dagster_home(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text(DAGSTER_YAML, encoding="utf-8")
    # Mark the "Join the Dagster community" dialog as seen: it would cover the screenshots.
    (home / ".nux").mkdir(exist_ok=True)
    (home / ".nux" / "nux.yaml").write_text("seen: 1\n", encoding="utf-8")
    return home


def dagster_executable() -> str:
    candidate = Path(sys.executable).with_name("dagster")
    return str(candidate) if candidate.exists() else "dagster"


@dataclass
class DagsterServer:
    """A running `dagster dev` process group and where its output goes."""

    process: subprocess.Popen[bytes]
    port: int
    log_file: Path
    started_at: float = field(default_factory=time.monotonic)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 60) -> str:
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            return f"<no server log: {exc}>"
        return "\n".join(ANSI_ESCAPE.sub("", text).splitlines()[-lines:])

    def describe(self, what: str) -> str:
        code = self.process.poll()
        state = "still running" if code is None else f"exited with code {code}"
        return (
            f"{what}\n`dagster dev` on port {self.port} is {state} after "
            f"{time.monotonic() - self.started_at:.0f} s. Last lines of {self.log_file}:\n"
            f"{self.log_tail()}"
        )

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        req = urllib.request.Request(
            f"{self.base_url}/graphql",
            data=body,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            payload = json.loads(resp.read().decode())
        if payload.get("errors"):
            raise AssertionError(self.describe(f"GraphQL errors: {payload['errors']}"))
        return payload["data"]


def start_dagster_dev(
    repo_root: Path, port: int, env: dict[str, str], log_file: Path
) -> DagsterServer:
    """Start `dagster dev` in a new session (its own process group) from the repo root."""
    cmd = [
        dagster_executable(),
        "dev",
        "-w",
        str(repo_root / "workspace.yaml"),
        "-h",
        "127.0.0.1",
        "-p",
        str(port),
    ]
    # A parent that ignores SIGINT/SIGTERM (a shell's background job, some CI runners)
    # passes that on, and `dagster dev` would then ignore our shutdown signal.
    cmd = ["env", "--default-signal=INT,TERM", *cmd]
    log = log_file.open("wb")
    try:
        process = subprocess.Popen(
            cmd,
            cwd=repo_root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        log.close()  # the child has its own descriptor
    return DagsterServer(process=process, port=port, log_file=log_file)


def _get(url: str, timeout: float = 5.0) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


WORKSPACE_QUERY = """
{
  workspaceOrError {
    __typename
    ... on Workspace {
      locationEntries {
        name
        loadStatus
        locationOrLoadError {
          __typename
          ... on PythonError { message stack }
        }
      }
    }
    ... on PythonError { message }
  }
}
"""


def wait_until_ready(server: DagsterServer, timeout: float) -> list[str]:
    """Wait for /server_info, then for every code location to be LOADED.

    Returns the location names; fails with the server log tail on timeout, on exit, or
    when a location loads with an error (an import error in the definitions).
    """
    deadline = server.started_at + timeout
    info = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(server.describe("`dagster dev` exited before serving."))
        raw = _get(f"{server.base_url}/server_info")
        if raw:
            try:
                info = json.loads(raw)
            except ValueError:
                info = None
            if info and "dagster_webserver_version" in info:
                break
        time.sleep(0.5)
    else:
        raise AssertionError(
            server.describe(f"/server_info did not answer within {timeout:.0f} s.")
        )

    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(server.describe("`dagster dev` exited while loading code."))
        data = server.graphql(WORKSPACE_QUERY)["workspaceOrError"]
        if data["__typename"] != "Workspace":
            raise AssertionError(server.describe(f"workspace failed to load: {data}"))
        entries = data["locationEntries"]
        for entry in entries:
            error = entry["locationOrLoadError"]
            if error and error["__typename"] == "PythonError":
                raise AssertionError(
                    server.describe(
                        f"code location {entry['name']} failed to load:\n"
                        f"{error['message']}{''.join(error.get('stack') or [])}"
                    )
                )
        if entries and all(e["loadStatus"] == "LOADED" for e in entries):
            return [e["name"] for e in entries]
        time.sleep(0.5)
    raise AssertionError(server.describe(f"the code location did not load within {timeout:.0f} s."))


def stop_process_group(
    process: subprocess.Popen[bytes], grace: float = 30.0, term_grace: float = 10.0
) -> str:
    """SIGINT the whole group (what Ctrl-C does), then SIGTERM, then SIGKILL.

    Returns how it ended, for the test log. Waits until no process of the group is left.
    """
    pgid = process.pid  # start_new_session=True: the leader's pid is the group id
    how = "already exited"
    for sig, wait in ((signal.SIGINT, grace), (signal.SIGTERM, term_grace), (signal.SIGKILL, 5)):
        if not _group_alive(pgid):
            break
        how = sig.name
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if process.poll() is not None and not _group_alive(pgid):
                break
            time.sleep(0.2)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
    return how


def group_members(pgid: int) -> list[str]:
    """Live (non-zombie) processes of the group, as "pid command line" strings."""
    members = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        # fields after the parenthesised command: state ppid pgrp ...
        state, _ppid, pgrp = stat[stat.rindex(")") + 2 :].split()[:3]
        if int(pgrp) == pgid and state != "Z":
            args = cmdline.replace(b"\0", b" ").decode(errors="replace").strip()
            members.append(f"{proc.name} {args[:160]}")
    return members


def _group_alive(pgid: int) -> bool:
    return bool(group_members(pgid))
