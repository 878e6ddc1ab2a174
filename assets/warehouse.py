"""The warehouse layer: the dbt project in `sql/`, one Dagster asset per dbt model.

dagster-dbt turns the manifest into asset specs (one per model, keyed `<schema>/<model>`,
descriptions and column schemas from the dbt docs, the raw frames as dbt sources mapped to
the frame assets of the same name) and every dbt test into an asset check on its model.
The models are computed by one multi-asset, `warehouse_models`, which is the *write* and
first *audit* of write-audit-publish (gwr/warehouse.py):

1. a new build folder for this run (`.build-<run id>` beside the published warehouse);
2. the frames, received as inputs, loaded as typed `raw.*` tables into its `gwr.duckdb`;
3. `dbt build` in process: models and tests, in dependency order;
4. a materialization per model and a check result per test (failing rows as metadata);
   an ERROR-level failure ends the step with a message naming the tests: nothing later
   runs, nothing is published, the last good warehouse stays.

`mart_parquet` exports the built file into the build folder, `warehouse_quality` (assets/
quality.py) runs the Great Expectations suite on it, and `warehouse_publish` moves the
three into place together.
"""

import json
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import pandas as pd
from dagster_dbt import DagsterDbtTranslator
from dagster_dbt.asset_utils import build_dbt_specs, get_asset_check_key_for_test

from assets._errors import fail_fast_on_permanent_errors
from assets._metadata import markdown_table
from gwr import dbt, fingerprint
from gwr import warehouse as wap  # the `warehouse` name is the resource's
from gwr.build import AuditFailed, build_and_audit, describe_failures
from gwr.ingest import documents_of_listing
from pipelines.resources import WarehouseResource
from schemas.contract import contract

OWNERS = ["team:data-engineering"]
GROUP = "warehouse"

# Prepared at definition load time: parsed again only when a file of sql/ changed, so a
# fresh clone, `make test` and `dagster dev` need no separate `dbt parse`.
MANIFEST_PATH = dbt.ensure_manifest()
MANIFEST: dict[str, Any] = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))


class WarehouseTranslator(DagsterDbtTranslator):
    """Every dbt model in the `warehouse` group; keys `<schema>/<model>` (mart/fct_target,
    raw/documents …) and sources keyed by the frame asset they come from (meta.dagster)."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return GROUP if dbt_resource_props["resource_type"] == "model" else None

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> list[str] | None:
        return OWNERS


TRANSLATOR = WarehouseTranslator()
MODEL_SPECS, TEST_CHECK_SPECS = build_dbt_specs(
    translator=TRANSLATOR,
    manifest=MANIFEST,
    select="fqn:*",
    exclude="",
    selector="",
    io_manager_key=None,
    project=None,
)
# The frames the models read, by asset key: the dbt sources (schemas/contract.yml frames).
FRAMES = list(contract()["frames"])
# The gate (assets/changes.py): the build reads its fingerprint and stamps the new file with
# it; the models that read the frames also depend on it.
GATE = dg.AssetKey("input_changes")
_FRAME_KEYS = {dg.AssetKey(frame) for frame in FRAMES}
MODEL_SPECS = [
    spec.merge_attributes(deps=[GATE])
    if any(dep.asset_key in _FRAME_KEYS for dep in spec.deps)
    else spec
    for spec in MODEL_SPECS
]
KEY_BY_UNIQUE_ID = {
    uid: TRANSLATOR.get_asset_spec(MANIFEST, uid, None).key
    for uid, node in MANIFEST["nodes"].items()
    if node["resource_type"] == "model"
}


def model_key(name: str) -> dg.AssetKey:
    """The asset key of a dbt model by model name (`fct_target` -> mart/fct_target)."""
    for uid, key in KEY_BY_UNIQUE_ID.items():
        if MANIFEST["nodes"][uid]["name"] == name:
            return key
    raise KeyError(name)


def relation_key(relation: str) -> dg.AssetKey:
    """The asset key of a built relation (`mart.fct_target`)."""
    schema, _, name = relation.partition(".")
    return dg.AssetKey([schema, name])


MART_KEYS = [k for k in KEY_BY_UNIQUE_ID.values() if k.path[0] in ("mart", "raw")]


def build_of(context: dg.AssetExecutionContext, wh: WarehouseResource) -> wap.Build:
    """This run's build folder: every step of one run finds the same one."""
    return wap.build_for(wh.file, context.run.run_id)


def _check_result(node: dbt.NodeResult) -> dg.AssetCheckResult | None:
    key = get_asset_check_key_for_test(MANIFEST, TRANSLATOR, node.unique_id, None)
    if key is None or node.status == "skipped":
        return None
    metadata: dict[str, Any] = {
        "status": node.status,
        "failing_rows": node.failures or 0,
        "seconds": node.seconds,
        "dbt_unique_id": node.unique_id,
    }
    if node.failing_rows:
        metadata["failing_rows_sample"] = dg.MetadataValue.md(
            markdown_table(pd.DataFrame(node.failing_rows), 20)
        )
    if node.message and not node.ok:
        metadata["message"] = node.message
    if node.sql and not node.ok:  # only where it helps: every event is stored
        metadata["sql"] = dg.MetadataValue.md(f"```sql\n{node.sql.strip()}\n```")
    warn = node.severity == "warn"
    return dg.AssetCheckResult(
        asset_key=key.asset_key,
        check_name=key.name,
        passed=node.ok,
        severity=dg.AssetCheckSeverity.WARN if warn else dg.AssetCheckSeverity.ERROR,
        metadata=metadata,
    )


def _counted(unique_id: str) -> bool:
    """Whether a model's row count goes into its materialization. Counting a table is free
    (DuckDB keeps it); counting a view runs the view's whole query. The staging and
    intermediate views are read by the mart tables, which carry the counts: counting them
    again cost 3.2 of 4.1 s of metadata at 800k actual rows. The mart views BI tools query
    keep theirs."""
    node = MANIFEST["nodes"][unique_id]
    return node["config"].get("materialized") != "view" or node["schema"] == "mart"


def _model_metadata(con: Any, relation: str, counted: bool = True) -> dict[str, Any]:
    preview = con.execute(f"SELECT * FROM {relation} LIMIT 5").df()
    metadata: dict[str, Any] = {"preview": dg.MetadataValue.md(markdown_table(preview))}
    if counted:
        count = con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
        metadata["dagster/row_count"] = int(count)
    return metadata


@dg.multi_asset(
    name="warehouse_models",
    specs=MODEL_SPECS,
    check_specs=TEST_CHECK_SPECS,
    # the frames, and the gate's fingerprint (assets/changes.py), stamped into the build
    ins={
        **{frame: dg.AssetIn(dg.AssetKey(frame)) for frame in FRAMES},
        "input_changes": dg.AssetIn(GATE),
    },
    can_subset=False,  # the models are built together into one new file, never a part
    allow_arbitrary_check_specs=True,
    op_tags={"kind": "dbt"},
)
@fail_fast_on_permanent_errors
def warehouse_models(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    input_changes: dict[str, Any],
    **frames: pd.DataFrame,
) -> Iterator[Any]:
    """Load the frames into a new DuckDB file and `dbt build` there (write + audit); the
    file is stamped with the fingerprint it was built from (`meta.build`)."""
    build = build_of(context, warehouse)
    removed = wap.clean_stale(warehouse.file, keep=build)
    if removed:
        context.log.info(f"removed leftovers of killed refreshes: {removed}")
    loaded = dict(frames)
    # raw.*_documents are the documents frames as CONTRACT §2's raw.documents lists them
    for name in ("report_documents", "spreadsheet_documents"):
        loaded[name] = documents_of_listing(frames[name])
    started = time.perf_counter()
    try:
        outcome = build_and_audit(build, loaded)
    except AuditFailed as exc:
        # the events of the failed build still reach the UI: which test, which rows
        if exc.outcome is not None:
            yield from _events(build, exc.outcome)
        record_failure(warehouse.file, context.run.run_id, "dbt build", exc.failures)
        wap.discard(build)
        raise dg.Failure(
            description=str(exc),
            allow_retries=False,
            metadata={"failures": dg.MetadataValue.json(exc.failures)},
        ) from exc
    stamp_build(build, input_changes, context.run.run_id)
    context.log.info(f"dbt build: {len(outcome.models)} models, {len(outcome.tests)} tests "
                     f"in {outcome.seconds:.1f}s into {build.folder}")  # fmt: skip
    mark = time.perf_counter()
    yield from _events(build, outcome)
    context.log.info(f"load + dbt {mark - started:.1f}s, events {time.perf_counter() - mark:.1f}s")


def stamp_build(build: wap.Build, gate: dict[str, Any], run_id: str) -> None:
    """Store the gate's fingerprint in the built file (gwr.fingerprint.stamp)."""
    fp = fingerprint.Fingerprint(
        inputs=gate["inputs"], reference=gate["reference"], code=gate["code"],
        settings=gate["settings"],
    )  # fmt: skip
    fingerprint.stamp(build.db, fp, run_id=run_id, files=int(gate.get("files", 0)))


def _events(build: wap.Build, outcome: dbt.BuildOutcome) -> Iterator[Any]:
    """A materialization per model built (upstream first), a check result per test."""
    with wap.read_only(build.db) as con:
        models = [
            (node, _model_metadata(con, node.relation, _counted(node.unique_id)))
            for node in outcome.models
            if node.status == "success" and node.relation is not None
        ]
    for node, metadata in models:
        yield dg.MaterializeResult(
            asset_key=KEY_BY_UNIQUE_ID[node.unique_id],
            metadata={**metadata, "built_in": str(build.folder), "dbt_seconds": node.seconds},
        )
    for node in outcome.tests:
        result = _check_result(node)
        if result is not None:
            yield result


def record_failure(target: Path, run_id: str, stage: str, failures: list[dict[str, Any]]) -> None:
    """refresh_failure.json beside the warehouse: the failing checks with their rows."""
    wap.record_failure(
        target,
        {
            "run_id": run_id,
            "stage": stage,
            "failed_checks": failures,
            "summary": describe_failures(failures),
            "note": "Nothing was published: BI tools still see the last good warehouse.",
        },
    )


@dg.asset(
    group_name=GROUP,
    kinds={"parquet"},
    owners=OWNERS,
    deps=MART_KEYS,
)
@fail_fast_on_permanent_errors
def mart_parquet(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Every mart table and view (and raw.documents) as Parquet, for BI tools and notebooks
    that cannot open DuckDB: written into this run's build folder, published with it."""
    from gwr.export import export_parquet

    build = build_of(context, warehouse)
    files = export_parquet(build.db, build.parquet)
    return dg.MaterializeResult(
        metadata={
            "files": len(files),
            "folder": dg.MetadataValue.path(str(warehouse.file.parent / "parquet")),
            "tables": dg.MetadataValue.json(sorted(files)),
        }
    )
