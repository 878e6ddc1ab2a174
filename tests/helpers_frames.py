"""Hand-made frames for warehouse tests, in the shape the assets produce them.

The tests write statements and records with the indicator and department they mean
(`indicator_id`, `department_id` columns). The pipeline attaches those ids in staging SQL
from `indicator_resolution` and `department_resolution`, so this helper derives the two
resolution frames from the rows themselves: the SQL then attaches exactly those ids.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from gwr.build import RESOLUTION_COLUMNS, empty_benchmarks, unit_scales_frame
from schemas.contract import frame_columns

DEPARTMENT_COLUMNS = ["department_id", "name_zh", "name_en", "function_id", "precedence"]


def indicator_resolution(
    frames: Iterable[pd.DataFrame], extra: Iterable[dict] = ()
) -> pd.DataFrame:
    rows: dict[tuple[str, str], dict] = {}
    for frame in frames:
        for rec in frame.to_dict("records"):
            key = (rec["indicator_text"] or "", rec["measure"])
            provisional = str(rec["indicator_id"]).startswith("prov_")
            rows.setdefault(
                key,
                {"indicator_text": key[0], "measure": key[1], "indicator_id": rec["indicator_id"],
                 "method": "provisional" if provisional else "exact",
                 "score": 0.0 if provisional else 100.0, "provisional": provisional,
                 "best_candidate": None, "best_score": 0.0, "n": 0, "unit": rec.get("unit"),
                 "unit_base": rec.get("unit_base")},
            )  # fmt: skip
            rows[key]["n"] += 1
    for rec in extra:  # explicit rows win (best candidates of provisional wordings)
        rows[(rec["indicator_text"], rec["measure"])] = dict(rec)
    return pd.DataFrame(list(rows.values()), columns=RESOLUTION_COLUMNS).astype(
        {"provisional": bool, "n": "int64", "score": "float64", "best_score": "float64"}
    )


def department_resolution(records: pd.DataFrame, departments: pd.DataFrame) -> pd.DataFrame:
    """Every department as written in `records` and every catalog name, with its row of
    `departments` (department_id, name_zh, name_en, function_id, precedence)."""
    by_id = departments.set_index("department_id")
    pairs = {(n, n_id) for n, n_id in zip(departments["name_zh"], departments["department_id"],
                                          strict=True)}  # fmt: skip
    if not records.empty:
        pairs |= set(zip(records["department"], records["department_id"], strict=True))
    rows = [
        {"department": name, "department_id": dept_id, **by_id.loc[dept_id].to_dict()}
        for name, dept_id in sorted(pairs)
        if isinstance(name, str) and dept_id in by_id.index
    ]
    return pd.DataFrame(rows, columns=frame_columns("department_resolution"))


def warehouse_frames(
    *,
    documents: pd.DataFrame,
    statements: pd.DataFrame,
    records: pd.DataFrame,
    catalog: pd.DataFrame,
    departments: pd.DataFrame,
    quarantine: pd.DataFrame | None = None,
    benchmarks: pd.DataFrame | None = None,
    resolution_extra: Iterable[dict] = (),
) -> dict[str, pd.DataFrame]:
    """The frames `gwr.build.load_raw` loads, from rows that carry their ids."""
    docs = documents.assign(kind=documents["kind"].astype(str))
    quarantine = quarantine if quarantine is not None else pd.DataFrame(
        columns=frame_columns("sheet_quarantine")
    )
    benchmarks = benchmarks if benchmarks is not None else empty_benchmarks()
    return {
        "report_documents": docs[docs["kind"] == "report"],
        "spreadsheet_documents": docs[docs["kind"] != "report"],
        "report_statements": statements,
        "sheet_records": records,
        "report_quarantine": pd.DataFrame(columns=frame_columns("report_quarantine")),
        "sheet_quarantine": quarantine,
        "indicator_catalog": catalog,
        "indicator_resolution": indicator_resolution([statements, records], resolution_extra),
        "department_catalog": pd.DataFrame(columns=frame_columns("department_catalog")),
        "department_resolution": department_resolution(records, departments),
        "benchmark_values": benchmarks,
        "unit_scales": unit_scales_frame([statements, records, benchmarks]),
    }
