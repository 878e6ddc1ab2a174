"""The WARN check beside report_statements lists the reports whose region is unknown."""

from __future__ import annotations

import dagster as dg

from assets._metadata import escape_markdown
from assets.reports import regions_check_result


def test_unknown_regions_warn_with_path_and_reason() -> None:
    result = regions_check_result(
        {"reports/b.txt": "sidecar region '甲市' names no division", "reports/a.txt": "why"}, 5
    )
    assert result.check_name == "regions_determined"
    assert result.passed is False
    assert result.severity == dg.AssetCheckSeverity.WARN  # never blocks the night
    assert result.metadata["region_unknown"].value == 2
    table = result.metadata["reports_without_region"].value
    # sorted, so deterministic; file names are escaped in Markdown previews (a\\.txt)
    assert table.index(escape_markdown("reports/a.txt")) < table.index(
        escape_markdown("reports/b.txt")
    )
    assert "甲市" in table


def test_all_regions_known_passes() -> None:
    result = regions_check_result({}, 3)
    assert result.passed is True
    assert result.metadata["reports"].value == 3
