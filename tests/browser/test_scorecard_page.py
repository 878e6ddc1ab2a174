"""The scorecard opened from disk (file://) in headless Chromium with the network blocked:
it renders without console errors, shows one mark per target coloured by the warehouse's
status, and hovering or clicking a target shows the report's quote and the actual's source.

Two warehouses: the bundled data refreshed by the real job (the 巴中 2024 page, whose
screenshot the README shows) and the hand-made multi-region, multi-year one (the report
card and the comparison). Screenshots go to test-output/scorecard/.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from helpers_browser import CHROMIUM_ARGS, chromium_path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "tests" / "e2e"))
sys.path.insert(0, str(REPO_ROOT / "tests" / "scorecard"))

from helpers_e2e import run_refresh  # noqa: E402
from helpers_scorecard import EVIL, build_multi  # noqa: E402

from gwr.scorecard import write_scorecard  # noqa: E402

CHROMIUM = chromium_path()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="chromium is not installed (Debian: `make browser-deps`); playwright's own "
        "browsers are not used",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing")

SCREENSHOTS = REPO_ROOT / "test-output" / "scorecard"
# The flags of the Dagster UI test, plus: nothing in the background may reach out either.
ARGS = [*CHROMIUM_ARGS, "--disable-component-update", "--no-first-run"]


def counts(wh: Path, sql: str, params: list[Any]) -> Counter[str]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return Counter(dict(con.execute(sql, params).fetchall()))
    finally:
        con.close()


class Browser:
    """One page of an offline Chromium, recording console errors and every request."""

    def __init__(self, pw: Any, profile: Path) -> None:
        self.context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            viewport={"width": 1200, "height": 900},
            device_scale_factor=1,
        )
        self.requests: list[str] = []
        self.errors: list[str] = []

        def block(route: Any) -> None:  # any http(s) request at all is a failure
            self.requests.append(route.request.url)
            route.abort()

        self.context.route("http://**/*", block)
        self.context.route("https://**/*", block)
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
        self.page.on("request", lambda r: None if r.url.startswith("file:") else
                     self.requests.append(r.url))  # fmt: skip
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     else None)  # fmt: skip
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.set_default_timeout(15_000)

    def open(self, path: Path) -> Any:
        self.page.goto(path.resolve().as_uri(), wait_until="load")
        return self.page

    def marks(self, selector: str) -> Counter[str]:
        return Counter(
            self.page.eval_on_selector_all(
                selector, "els => els.map(e => e.getAttribute('data-status'))"
            )
        )

    def shot(self, name: str, **kw: Any) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), **kw)
        return path


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    with sync_api.sync_playwright() as pw:
        b = Browser(pw, tmp_path / "chromium-profile")
        try:
            yield b
        finally:
            b.context.close()


def test_bundled_page_offline_marks_and_quotes(browser: Browser, data_dir: Path,
                                               tmp_path: Path) -> None:  # fmt: skip
    wh = tmp_path / "warehouse" / "gwr.duckdb"
    assert run_refresh(data_dir, wh, tmp_path / "cache").success
    page_file = wh.parent / "scorecard" / "511900-2024.html"
    assert page_file.exists()

    page = browser.open(page_file)
    # one bullet mark per target, per status, as the warehouse says
    # (the bundled data has one report: every target of 巴中市 is on its page)
    by_status = "SELECT status, count(*) FROM mart.v_scorecard WHERE region = ? GROUP BY 1"
    expected = counts(wh, by_status, ["巴中市"])
    assert browser.marks("#main .mark, #tasks .mark, #later .mark") == expected
    assert sum(expected.values()) >= 80
    # the marks are drawn: a coloured bar has a size on screen
    box = page.locator("#main .mark").first.bounding_box()
    assert box and box["width"] > 10 and box["height"] > 3
    # one period mark per cumulative flow actual
    periods = counts(wh, "SELECT status, count(*) FROM mart.fct_variance WHERE accumulation = "
                     "'flow' AND period_start = make_date(target_year, 1, 1) AND actual_id IS "
                     "NOT NULL GROUP BY 1", [])  # fmt: skip
    assert browser.marks("#periods td.pc") == periods
    browser.shot("bazhong-2024")

    # hover the GDP target: the tooltip shows its quote and the spreadsheet row
    gdp = page.locator('#main .t[data-quote="地区生产总值增长6%"]')
    gdp.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "地区生产总值增长6%" in tip.inner_text()
    assert "市统计局_2024年1-9月.xlsx" in tip.inner_text()
    browser.shot("bazhong-2024-hover")
    # click pins it in the detail panel
    gdp.click()
    detail = page.locator("#detail")
    detail.wait_for(state="visible")
    text = detail.inner_text()
    assert "报告原文 Report quote" in text and "地区生产总值增长6%" in text
    assert "bazhong-2024-government-work-report.txt#chars=" in text
    browser.shot("bazhong-2024-detail")
    page.keyboard.press("Escape")
    assert detail.is_hidden()

    # the department view and the index
    page.locator("#departments").scroll_into_view_if_needed()
    browser.shot("bazhong-2024-departments")
    browser.open(wh.parent / "scorecard" / "index.html")
    assert page.locator('a[href="511900-2024.html"]').count() == 1
    browser.shot("index")

    assert browser.errors == []
    assert browser.requests == [], f"network requests attempted: {browser.requests}"


def test_comparison_and_report_card(browser: Browser, tmp_path: Path) -> None:
    wh = build_multi(tmp_path / "gwr.duckdb")
    out = write_scorecard(wh, tmp_path / "scorecard").index.parent

    page = browser.open(out / "comparison-2024.html")
    gdp_2024 = "WHERE indicator_id = 'gdp' AND target_year = 2024 GROUP BY 1"
    expected = counts(wh, "SELECT status, count(*) FROM mart.v_scorecard " + gdp_2024, [])
    assert browser.marks(".dots .mark") == expected
    row = page.locator(".dots .row").first
    row.click()
    assert "地区生产总值增长6%" in page.locator("#detail").inner_text()
    browser.shot("comparison-2024")

    page = browser.open(out / "甲省-2024.html")
    assert browser.marks("#card .mark") == Counter({"met": 2, "missed": 1})
    page.locator("#card .mark.missed").hover()
    assert "2.4万人" in page.locator("#tip").inner_text()  # the review's quote
    # markup in a quote stays text: shown, never run
    page.locator('.t[data-quote^="<script>"]').click()
    assert EVIL in page.locator("#detail").inner_text()
    page.locator("#card").scroll_into_view_if_needed()
    browser.shot("report-card")

    assert browser.errors == []
    assert browser.requests == []
