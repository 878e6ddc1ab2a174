"""The `scorecard` asset's place in the graph: after the marts it reads, in the warehouse
group. Its dependencies are declared once (`SCORECARD_DEPS`); when the warehouse layer's
asset keys change, this test names the keys that no longer exist."""

from __future__ import annotations

import dagster as dg

from assets.scorecard import SCORECARD_DEPS
from pipelines.definitions import defs


def test_scorecard_depends_on_existing_mart_assets() -> None:
    graph = defs.resolve_asset_graph()
    keys = set(graph.get_all_asset_keys())
    missing = [k.to_user_string() for k in SCORECARD_DEPS if k not in keys]
    assert not missing, f"SCORECARD_DEPS names assets that do not exist: {missing}"
    node = graph.get(dg.AssetKey("scorecard"))
    assert set(node.parent_keys) == set(SCORECARD_DEPS)
    assert node.group_name == "warehouse"


def test_refresh_job_writes_the_scorecard() -> None:
    job = defs.resolve_job_def("refresh_warehouse")
    assert dg.AssetKey("scorecard") in job.asset_layer.executable_asset_keys
