"""The Dagster UI, as `make dev` serves it: the code location loads, the assets, checks,
schedule and sensors are there, and headless Chromium renders the lineage and the checks.

One test on purpose: it starts one `dagster dev` (tens of seconds), and with pytest-xdist a
fixture shared by several tests would still start one server per worker.
Screenshots go to test-output/browser/ at the repository root.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from helpers_browser import (
    CHROMIUM_ARGS,
    DagsterServer,
    chromium_path,
    free_port,
    group_members,
    make_dagster_home,
    start_dagster_dev,
    stop_process_group,
    wait_until_ready,
)

CHROMIUM = chromium_path()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="chromium is not installed (Debian: `make browser-deps`, or "
        "`apt-get install chromium`); playwright's own browsers are not used",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing")

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-output" / "browser"
STARTUP_TIMEOUT = float(os.environ.get("GWR_UI_STARTUP_TIMEOUT", "150"))
UI_TIMEOUT_MS = 30_000

# What must be on screen and in the API. Kept to the pipeline's landmarks so that adding
# an asset or a check elsewhere does not break this test.
GROUPS = {"reports", "spreadsheets", "reference", "warehouse"}
# every dbt model is its own asset in the warehouse group (dagster-dbt)
ASSETS = {
    ("report_statements",): "reports",
    ("sheet_records",): "spreadsheets",
    ("indicator_catalog",): "reference",
    ("staging", "stg_report_statements"): "warehouse",
    ("intermediate", "int_target_actual_pairs"): "warehouse",
    ("mart", "fct_target"): "warehouse",
    ("mart", "fct_actual"): "warehouse",
    ("mart", "fct_variance"): "warehouse",
    ("mart", "v_scorecard"): "warehouse",
    ("raw", "documents"): "warehouse",
}
# pandera checks on the frames; dbt tests and the GX suite as checks on the models
CHECKS = {
    ("report_statements",): "statements_schema",
    ("sheet_records",): "records_schema",
    ("mart", "fct_target"): "unique_fct_target_target_id",
    ("mart", "fct_variance"): "great_expectations",
}

ASSETS_QUERY = """
{
  assetNodes {
    assetKey { path }
    groupName
    hasAssetChecks
    assetChecksOrError { __typename ... on AssetChecks { checks { name } } }
  }
}
"""

AUTOMATION_QUERY = """
{
  workspaceOrError {
    ... on Workspace {
      locationEntries {
        name
        locationOrLoadError {
          ... on RepositoryLocation {
            repositories {
              name
              jobs { name }
              schedules { name cronSchedule executionTimezone scheduleState { status } }
              sensors { name sensorState { status } }
            }
          }
        }
      }
    }
  }
}
"""


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """A CI job cancelled with SIGTERM would kill pytest before the finalizer runs and
    orphan the server; while it runs, treat SIGTERM like Ctrl-C so the finalizer runs."""

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    if previous not in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, previous)  # someone else handles it; keep theirs
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pytest.fixture
def dagster_dev(tmp_path: Path, data_dir: Path, warehouse_file: Path) -> Iterator[DagsterServer]:
    """`dagster dev` on a free loopback port with private inputs, warehouse and instance."""
    home = make_dagster_home(tmp_path / "dagster_home")
    env = {
        **os.environ,
        "GWR_DATA": str(data_dir),
        "GWR_WAREHOUSE": str(warehouse_file),
        "GWR_CACHE": str(tmp_path / "cache"),
        "DAGSTER_HOME": str(home),
        "PYTHONUNBUFFERED": "1",
        "NO_COLOR": "1",
    }
    server = start_dagster_dev(REPO_ROOT, free_port(), env, tmp_path / "dagster-dev.log")
    try:
        with _sigterm_interrupts():
            yield server
    finally:
        pgid = server.process.pid
        how = stop_process_group(server.process)
        left = group_members(pgid)
        print(f"dagster dev stopped ({how}); processes left in its group: {left or 'none'}")
        assert not left, f"orphan processes after shutdown: {left}"


def _by_key(nodes: list[dict[str, Any]]) -> dict[tuple[str, ...], dict[str, Any]]:
    return {tuple(n["assetKey"]["path"]): n for n in nodes}


def _check_api(server: DagsterServer) -> None:
    nodes = _by_key(server.graphql(ASSETS_QUERY)["assetNodes"])
    groups = {n["groupName"] for n in nodes.values()}
    assert groups >= GROUPS, f"asset groups {sorted(groups)}"
    for key, group in ASSETS.items():
        assert key in nodes, f"asset {'/'.join(key)} missing; loaded: {sorted(nodes)}"
        assert nodes[key]["groupName"] == group, (key, nodes[key]["groupName"])
    for key, check in CHECKS.items():
        node = nodes[key]
        assert node["hasAssetChecks"], f"{'/'.join(key)} has no asset checks"
        checks = node["assetChecksOrError"]
        assert checks["__typename"] == "AssetChecks", checks
        assert check in {c["name"] for c in checks["checks"]}, checks

    [location] = server.graphql(AUTOMATION_QUERY)["workspaceOrError"]["locationEntries"]
    [repo] = location["locationOrLoadError"]["repositories"]
    assert "refresh_warehouse" in {j["name"] for j in repo["jobs"]}
    schedules = {s["name"]: s for s in repo["schedules"]}
    assert "nightly_refresh" in schedules, sorted(schedules)
    nightly = schedules["nightly_refresh"]
    assert nightly["scheduleState"]["status"] == "RUNNING", nightly
    assert nightly["executionTimezone"] == "Asia/Shanghai", nightly
    sensors = {s["name"]: s["sensorState"]["status"] for s in repo["sensors"]}
    assert sensors.get("input_files_sensor") == "RUNNING", sensors
    assert "refresh_failure_summary" in sensors, sensors


def _graph(page: Any) -> Any:
    """The asset graph: nodes are HTML inside the SVG's foreignObjects."""
    return page.locator("svg foreignObject")


def _visible(scope: Any, text: str) -> None:
    """Wait until an element (under `scope`) whose whole text is `text` is visible."""
    scope.get_by_text(text, exact=True).filter(visible=True).first.wait_for(
        state="visible", timeout=UI_TIMEOUT_MS
    )


def _settle(page: Any) -> None:
    """Give the live data (statuses, toggles) a moment so screenshots show it; the UI
    polls every 2 s, so "network idle" normally comes quickly. Never fails the test."""
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=5_000)


def _check_ui(server: DagsterServer, profile_dir: Path) -> tuple[list[Path], list[str]]:
    """Drive headless Chromium through the UI; returns (screenshots, blocked requests)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "failure.png").unlink(missing_ok=True)  # from an earlier failed run
    shots: list[Path] = []
    blocked: list[str] = []
    base = server.base_url

    def only_loopback(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname in {"127.0.0.1", "localhost"} or url.startswith("data:"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile_dir),  # a fresh profile for every run
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1600, "height": 1000},
        )
        step = "open a page"
        try:
            context.set_default_timeout(UI_TIMEOUT_MS)
            context.route("**/*", only_loopback)
            page = context.pages[0] if context.pages else context.new_page()

            def shot(name: str) -> None:
                path = SCREENSHOTS / f"{name}.png"
                _settle(page)
                page.screenshot(path=str(path))
                shots.append(path)

            try:
                step = "global lineage shows the asset groups"
                page.goto(f"{base}/asset-groups", wait_until="domcontentloaded")
                for group in sorted(GROUPS):
                    _visible(_graph(page), group)
                shot("01-global-lineage")

                # Upstream of the variance table, model by model, back to the frames:
                # intermediate models, fct_target and fct_actual, staging, the frames.
                step = "fct_variance upstream lineage reaches report_statements and sheet_records"
                page.goto(
                    f"{base}/assets/mart/fct_variance?view=lineage"
                    "&lineageScope=upstream&lineageDepth=5"
                )
                # (long names are abbreviated in the graph: only short ones are looked for)
                for name in ("fct_variance", "int_judged_targets", "int_ranked_actuals",
                             "fct_target", "fct_actual", "report_statements",
                             "sheet_records"):  # fmt: skip
                    _visible(_graph(page), name)
                shot("02-fct-variance-lineage")

                step = "fct_target checks tab lists its dbt tests"
                page.goto(f"{base}/assets/mart/fct_target?view=checks")
                _visible(page, "unique_fct_target_target_id")
                _visible(page, "not_null_fct_target_target_id")
                shot("05-fct-target-dbt-checks")

                step = "report_statements checks tab lists statements_schema"
                page.goto(f"{base}/assets/report_statements?view=checks")
                _visible(page, "statements_schema")
                shot("03-report-statements-checks")

                step = "automation page lists the schedule and the sensors"
                page.goto(f"{base}/automation", wait_until="domcontentloaded")
                _visible(page, "nightly_refresh")
                _visible(page, "input_files_sensor")
                shot("04-automation")
            except Exception as exc:
                failure = SCREENSHOTS / "failure.png"
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(failure))
                raise AssertionError(
                    server.describe(
                        f"UI step failed: {step} (at {page.url}).\n{exc}\n"
                        f"Screenshot of the page: {failure}"
                    )
                ) from exc
        finally:
            context.close()
    return shots, blocked


def test_dagster_ui_shows_assets_checks_and_schedule(
    dagster_dev: DagsterServer, tmp_path: Path, record_property: Any
) -> None:
    t0 = time.monotonic()
    locations = wait_until_ready(dagster_dev, STARTUP_TIMEOUT)
    t_ready = time.monotonic() - t0
    _check_api(dagster_dev)
    shots, blocked = _check_ui(dagster_dev, tmp_path / "chromium-profile")

    record_property("screenshots", ", ".join(str(p) for p in shots))
    print(
        f"dagster dev served {locations} after {t_ready:.1f} s; "
        f"API and UI checks done after {time.monotonic() - t0:.1f} s"
    )
    print("screenshots:", *shots, sep="\n  ")
    if blocked:
        print(f"blocked {len(blocked)} non-loopback requests, e.g. {blocked[:3]}")
