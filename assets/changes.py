"""The gate of every refresh: has anything changed since the published warehouse?

Business purpose: the warehouse is refreshed every night and on every change of the
inputs, but most nights nothing has changed. Rebuilding then costs minutes (parsing,
dbt, Great Expectations, Parquet, the scorecard) and replaces a file that BI tools hold
open with an identical one. `input_changes` compares the fingerprint of this refresh's
inputs (content hashes of every report and spreadsheet, the reference catalogs, the code
and the output-changing settings: gwr/fingerprint.py) with the one stored in the published
warehouse (`meta.build`). When they are equal, and the run is not forced (run tag
`gwr/force`, `gwr refresh --force`), it yields no output: every step downstream of it
(parsing, reference resolution, the warehouse build, the audits, publication, the
scorecard) is skipped, and the published file stays as it is (same inode, same mtime).
It records why, with both fingerprints and when the published file was built, as an
AssetObservation and the run tag `gwr/outcome=unchanged`. When something changed, its
output is the fingerprint (also its DataVersion), which the build stores in the new file.
"""

import warnings
from collections.abc import Iterator
from typing import Any

import dagster as dg
import pandas as pd

from assets._errors import fail_fast_on_permanent_errors
from gwr import fingerprint as fpr
from gwr import preflight
from gwr import warehouse as wap  # the `warehouse` name is the resource's
from gwr.inputs import code_fingerprint
from pipelines.resources import InputFolders, WarehouseResource

OWNERS = ["team:data-engineering"]
ASSET = "input_changes"
#: run tag that rebuilds even when nothing changed (`gwr refresh --force`)
FORCE_TAG = "gwr/force"
#: run tag set on a run that found nothing changed
OUTCOME_TAG = "gwr/outcome"
UNCHANGED = "unchanged"


def is_forced(tags: dict[str, str]) -> bool:
    return str(tags.get(FORCE_TAG, "")).strip().lower() in {"1", "true", "yes"}


@dg.asset(
    name=ASSET,
    group_name="inputs",
    kinds={"python"},
    owners=OWNERS,
    output_required=False,
    code_version=code_fingerprint("fingerprint", "inputs", "preflight"),
)
@fail_fast_on_permanent_errors
def input_changes(
    context: dg.AssetExecutionContext,
    inputs: InputFolders,
    warehouse: WarehouseResource,
    report_documents: pd.DataFrame,
    spreadsheet_documents: pd.DataFrame,
) -> Iterator[Any]:
    """The fingerprint of this refresh's inputs, reference data, code and settings; no
    output (everything downstream skipped) when it equals the published warehouse's."""
    # leftovers of killed refreshes go whether or not anything is rebuilt (under the
    # refresh lock, so no live refresh owns them)
    removed = wap.clean_stale(warehouse.file)
    if removed:
        context.log.info(f"removed leftovers of killed refreshes: {removed}")
    current = fpr.refresh_fingerprint(
        [report_documents, spreadsheet_documents], inputs.reference_path
    )
    published = fpr.read_stamp(warehouse.file)
    facts = fpr.describe(published, current)
    # what this tree's stats stand for: lets the next refresh see that it is unchanged
    # from one `stat` per file, before any run starts (gwr/preflight.py)
    input_stats = preflight.frames_stat_snapshot(
        [report_documents, spreadsheet_documents], inputs.data_path
    )
    preflight.record(warehouse.cache_path, current.value, input_stats)
    files = len(report_documents) + len(spreadsheet_documents)
    forced = is_forced(dict(context.run.tags))
    metadata = {
        "fingerprint": current.value,
        "published_fingerprint": facts["published_fingerprint"] or "(none)",
        "published_built_at": facts["published_built_at"] or "(none)",
        "published_warehouse": dg.MetadataValue.path(str(warehouse.file)),
        "changed": dg.MetadataValue.json(facts["changed"]),
        "parts": dg.MetadataValue.json(current.as_dict()),
        "files": files,
        "forced": forced,
        "stat_record": "written" if input_stats else "cleared (a file's stat cannot vouch)",
    }
    if published is not None and not facts["changed"] and not forced:
        reason = (
            f"nothing changed since the published warehouse (built {published.built_at}, "
            f"fingerprint {current.value[:12]}): nothing rebuilt"
        )
        context.log.info(reason)
        context.log_event(
            dg.AssetObservation(
                asset_key=ASSET, metadata={**metadata, "decision": UNCHANGED, "reason": reason}
            )
        )
        context.instance.add_run_tags(context.run.run_id, {OUTCOME_TAG: UNCHANGED})
        return
    decision = "forced" if forced and not facts["changed"] else "changed"
    context.log.info(
        f"rebuilding ({decision}: {', '.join(facts['changed']) or 'forced'}); "
        f"fingerprint {current.value[:12]}"
    )
    with warnings.catch_warnings():
        # `data_version` is marked beta; it is what the UI shows as the inputs' version
        warnings.simplefilter("ignore", dg.BetaWarning)
        output = dg.Output(
            {**current.as_dict(), "files": files},
            data_version=dg.DataVersion(current.value),
            metadata={**metadata, "decision": decision},
        )
    yield output
