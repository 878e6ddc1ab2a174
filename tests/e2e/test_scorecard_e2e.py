"""End to end: the refresh job writes the scorecard beside the warehouse, links it from the
asset's metadata, and the 巴中 2024 page shows every target with its status and quote."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest
from helpers_e2e import output_metadata, query, run_refresh

from gwr.refresh import scorecard_index
from gwr.scorecard import write_scorecard

pytestmark = pytest.mark.e2e


def test_refresh_writes_the_scorecard(gwr_env: dict[str, Path]) -> None:
    wh = gwr_env["warehouse"]
    result = run_refresh(gwr_env["data"], wh, gwr_env["cache"])
    assert result.success, [e.message for e in result.all_events if e.is_failure]

    meta = output_metadata(result, "scorecard")
    index = wh.parent / "scorecard" / "index.html"
    assert meta["index"] == str(index)
    assert meta["url"] == index.resolve().as_uri()
    assert meta["pages"] == 1
    assert scorecard_index(result) == str(index)  # what `gwr refresh` prints

    # pages are named by the official division code (巴中市 = 511900)
    page = wh.parent / "scorecard" / "511900-2024.html"
    html = page.read_text(encoding="utf-8")
    assert 'href="511900-2024.html"' in index.read_text(encoding="utf-8")

    # one mark per target, by status, as the warehouse says
    expected = Counter(
        dict(query(wh, "SELECT status, count(*) FROM mart.v_scorecard GROUP BY 1"))
    )
    found = Counter(re.findall(r'<rect class="mark(?: open)?" data-status="(\w+)"', html.split(
        'id="periods"')[0]))  # fmt: skip
    assert found == expected
    # the GDP target with its quote and the spreadsheet row of its latest actual
    gdp = re.search(r'<div class="t"[^>]*data-quote="地区生产总值增长6%"[^>]*>', html)
    assert gdp, "the GDP target's row with its quote"
    sheet = r'data-asrc="spreadsheets/巴中市/市统计局_2024年1-9月\.xlsx![^"]+!row \d+"'
    assert re.search(sheet, gdp.group(0))

    # quick: the bundled warehouse's pages are written in well under a second
    started = time.perf_counter()
    again = write_scorecard(wh, gwr_env["warehouse"].parent / "again")
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"scorecard took {elapsed:.2f}s"
    # and the same warehouse gives the same bytes
    assert (again.index.parent / page.name).read_bytes() == page.read_bytes()
    print(f"scorecard: {len(html.encode()) / 1024:.0f} KiB page, written in {elapsed:.3f}s")
