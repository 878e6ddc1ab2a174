"""The corpus as a test: refresh every real report of ../shared/corpus into a temporary
warehouse and print one line per report, checked against manifest.csv (issue 9 item 6).

    python bench/corpus.py [--corpus DIR] [--no-refresh] [--keep DIR]

Per report: file, region and region code, year, targets, actuals, quarantined rows,
whether a main-targets paragraph was found (main), the GDP growth target, and flags
where it disagrees with the manifest (``YEAR`` wrong or undatable, ``REGION`` not the
manifest's, ``0T``/``0A`` a complete report without targets/actuals).  Totals last.

The reports alone are copied into a temporary GWR_DATA (reports/ only) and the
``refresh_warehouse`` job runs in-process against a temporary warehouse, as
tests/e2e do.  When the refresh does not publish, its failure is printed and the
figures come from ``gwr.report.extract_report`` directly (no quarantine counts then).
Exit status 0 unless ``--strict`` and a report is flagged.
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gwr.report import Statement, UndatableReportError, extract_report  # noqa: E402
from gwr.report.normalize import normalize  # noqa: E402
from gwr.report.qualitative import MAIN_TARGET_RE  # noqa: E402
from gwr.report.structure import split_paragraphs  # noqa: E402

#: ../shared/corpus next to the repository (a user's clone has none)
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
#: wordings of the GDP growth target (national and regional reports)
GDP_RE = re.compile(r"^(?:国内生产总值|地区生产总值|生产总值|GDP|经济增长|经济增速|全省生产总值)")


@dataclass
class ManifestRow:
    file: str
    region: str
    level: str
    year: int
    complete: bool


@dataclass
class ReportFigures:
    """What one report gave (from the warehouse when the refresh published)."""

    file: str
    year: int | None  # the report year read from the text (None: undatable)
    region: str | None
    region_code: str | None = None
    targets: int = 0
    actuals: int = 0
    quarantined: int | None = None  # None: not known (no refresh)
    main_targets: bool = False
    gdp_target: str = "-"
    flags: list[str] = field(default_factory=list)


def read_manifest(corpus: Path) -> list[ManifestRow]:
    with open(corpus / "manifest.csv", encoding="utf-8", newline="") as f:
        return [
            ManifestRow(
                file=r["file"],
                region=r["region"],
                level=r["level"],
                year=int(r["year"]),
                complete=r["complete"].strip().lower() in ("yes", "complete"),
            )
            for r in csv.DictReader(f)
        ]


def _gdp_target(statements: list[Statement], year: int) -> str:
    for s in statements:
        if (
            s.kind == "target"
            and s.year == year
            and s.measure == "growth_pct"
            and GDP_RE.match(s.indicator)
        ):
            hi = f"-{s.value_max:g}" if s.value_max is not None else ""
            cmp_ = "" if s.comparator == "=" else s.comparator
            return f"{cmp_}{s.value:g}{hi}%"
    return "-"


def _main_targets_found(text: str, statements: list[Statement], year: int) -> bool:
    """A paragraph outside the review leads a main-targets list (主要预期目标…) and a
    target of the report year lies in it or in the paragraph after it."""
    norm = normalize(text)
    paras = split_paragraphs(norm.text, year)
    starts = sorted(s.char_start for s in statements if s.kind == "target")
    for i, p in enumerate(paras):
        if p.part_kind == "review" or MAIN_TARGET_RE.search(p.text) is None:
            continue
        end = paras[i + 1].end if i + 1 < len(paras) else p.end
        a, b = norm.span(p.start, max(end, p.start + 1))
        if any(a <= c < b for c in starts):
            return True
    return False


def extract_figures(corpus: Path, row: ManifestRow) -> tuple[ReportFigures, list[Statement]]:
    """Figures of one report from the extractor (the manifest year only to read an
    undatable report's figures; such a report is flagged)."""
    text = (corpus / "reports" / row.file).read_text(encoding="utf-8-sig")
    try:
        report = extract_report(text)
        year: int | None = report.year
    except UndatableReportError:
        report = extract_report(text, year=row.year)
        year = None
    st = report.statements
    fig = ReportFigures(
        file=row.file,
        year=year,
        region=report.region,
        targets=sum(s.kind == "target" for s in st),
        actuals=sum(s.kind == "actual" for s in st),
        main_targets=_main_targets_found(text, st, report.year),
        gdp_target=_gdp_target(st, report.year),
    )
    return fig, st


def _same_region(found: str | None, row: ManifestRow) -> bool:
    """The manifest names a region its own way (national, 黄山市黄山区): both sides are
    resolved through the division table and compared by code."""
    from gwr.regions import resolve

    if found is None:
        return False
    expected = resolve("全国" if row.region == "national" else row.region)
    got = resolve(found)
    return expected is not None and got is not None and expected.code == got.code


def flag(fig: ReportFigures, row: ManifestRow) -> None:
    if fig.year != row.year:
        fig.flags.append("YEAR" if fig.year is not None else "UNDATABLE")
    if not _same_region(fig.region, row):
        fig.flags.append("REGION")
    if row.complete and fig.targets == 0:
        fig.flags.append("0T")
    if row.complete and fig.actuals == 0:
        fig.flags.append("0A")


# --------------------------------------------------------------------------- refresh


@dataclass
class RefreshOutcome:
    published: bool
    seconds: float
    failure: list[str] = field(default_factory=list)
    #: per report file: region, region_code, targets, actuals, quarantined rows
    per_file: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: mart.v_report_card for GDP growth: one dict per region and year
    report_card: list[dict[str, Any]] = field(default_factory=list)


def refresh_corpus(corpus: Path, files: list[str], keep: Path | None = None) -> RefreshOutcome:
    """Copy the reports into a temporary GWR_DATA and run the refresh job in-process."""
    import dagster as dg
    import duckdb
    from dagster_duckdb import DuckDBResource

    from gwr import settings
    from pipelines.definitions import build_definitions
    from pipelines.resources import InputFolders, WarehouseResource
    from pipelines.sensors import root_cause

    tmp = Path(tempfile.mkdtemp(prefix="gwr-corpus-")) if keep is None else keep
    try:
        data = tmp / "data"
        (data / "reports").mkdir(parents=True, exist_ok=True)
        (data / "spreadsheets").mkdir(exist_ok=True)
        for name in files:
            shutil.copy2(corpus / "reports" / name, data / "reports" / name)
        warehouse = tmp / "warehouse" / "gwr.duckdb"
        warehouse.parent.mkdir(exist_ok=True)
        resources = {
            "inputs": InputFolders(data_dir=str(data), reference_dir=str(settings.reference_dir())),
            "warehouse": WarehouseResource(path=str(warehouse), cache_dir=str(tmp / "cache")),
            "duckdb": DuckDBResource(
                database=str(warehouse), connection_config={"access_mode": "READ_ONLY"}
            ),
        }
        job = build_definitions(resources).resolve_job_def("refresh_warehouse")
        started = time.perf_counter()
        result = job.execute_in_process(
            instance=dg.DagsterInstance.ephemeral(),
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
        )
        out = RefreshOutcome(published=False, seconds=time.perf_counter() - started)
        for event in result.all_events:
            if event.event_type_value == "STEP_FAILURE":
                out.failure.append(
                    f"step {event.step_key}: {root_cause(event.step_failure_data.error)}"
                )
            elif event.event_type_value == "ASSET_CHECK_EVALUATION":
                ev = event.asset_check_evaluation_data
                if not ev.passed:
                    out.failure.append(
                        f"check {ev.asset_key.to_user_string()}:{ev.check_name} failed "
                        f"({ev.severity.value})"
                    )
        out.published = result.success and warehouse.exists()
        if not out.published:
            return out
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            for path, kind, n in con.execute(
                "SELECT path, kind, count(*) FROM staging.stg_report_statements GROUP BY ALL"
            ).fetchall():
                rec = out.per_file.setdefault(Path(path).name, {})
                rec[kind] = n
            for path, region, code, year in con.execute(
                "SELECT DISTINCT path, region, region_code, report_year "
                "FROM staging.stg_report_statements"
            ).fetchall():
                rec = out.per_file.setdefault(Path(path).name, {})
                rec["region"], rec["region_code"], rec["report_year"] = region, code, year
            for path, n in con.execute(
                "SELECT d.path, count(*) FROM mart.quarantine AS q "
                "JOIN raw.documents AS d USING (document_id) GROUP BY ALL"
            ).fetchall():
                out.per_file.setdefault(Path(path).name, {})["quarantined"] = n
            out.report_card = con.execute(REPORT_CARD_SQL).df().to_dict("records")
        finally:
            con.close()
        return out
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------------- report card

#: The README's report card: GDP growth target against the actual of the same year that a
#: later report states, met or missed, with both quotes (mart.v_report_card).
REPORT_CARD_SQL = """
SELECT region, region_code, year, target_comparator, target_value, target_value_max,
       actual_value, status, target_quote, actual_quote
FROM mart.v_report_card
WHERE indicator_id = 'gdp' AND measure = 'growth_pct'
ORDER BY region_code = '100000' DESC, region_code, year
"""

GOLD_CARD = Path(__file__).resolve().parents[1] / "tests/fixtures/corpus-blind/report_card.csv"


def compare_report_card(card: list[dict[str, Any]], gold_csv: Path = GOLD_CARD) -> list[str]:
    """Differences between the warehouse's GDP report card and the hand-labelled one
    (tests/fixtures/corpus-blind/report_card.csv): a labelled pair the warehouse lacks,
    or one it judges with other values or another verdict."""
    from gwr.regions import resolve

    by_key = {(r["region_code"], int(r["year"])): r for r in card}
    problems = []
    with gold_csv.open(encoding="utf-8") as fh:
        for g in csv.DictReader(fh):
            if g["met"] not in ("yes", "no"):
                continue  # no numeric target that year (national 2020)
            division = resolve(g["region"])
            key = (division.code if division else g["region"], int(g["year"]))
            got = by_key.get(key)
            if got is None:
                problems.append(f"{g['region']} {g['year']}: missing (gold {g['target_quote']}"
                                f" / {g['actual_quote']})")  # fmt: skip
                continue
            want = ("met" if g["met"] == "yes" else "missed", float(g["target_value"]),
                    float(g["actual_value"]))  # fmt: skip
            have = (got["status"], float(got["target_value"]), float(got["actual_value"]))
            if want != have:
                problems.append(f"{g['region']} {g['year']}: gold {want}, warehouse {have}")
    return problems


def format_report_card(card: list[dict[str, Any]]) -> list[str]:
    lines = [f"{'region':<10} {'year':>4} {'target':<10} {'actual':>7} {'verdict':<7} quotes"]
    for r in card:
        cmp = {"~": "≈", ">=": "≥", "<=": "≤", "=": ""}.get(r["target_comparator"], "")
        target = f"{cmp}{r['target_value']:g}" + (
            f"-{r['target_value_max']:g}" if r["target_value_max"] == r["target_value_max"]
            and r["target_value_max"] is not None else ""
        )  # fmt: skip
        lines.append(
            f"{r['region']:<10} {r['year']:>4} {target + '%':<10} {r['actual_value']:>6g}% "
            f"{r['status']:<7} 「{r['target_quote']}」 /「{r['actual_quote']}」"
        )
    return lines


# --------------------------------------------------------------------------- report


def run(
    corpus: Path, *, refresh: bool = True, keep: Path | None = None
) -> tuple[list[tuple[ManifestRow, ReportFigures]], RefreshOutcome | None]:
    rows = read_manifest(corpus)
    figures = [(row, extract_figures(corpus, row)[0]) for row in rows]
    outcome = refresh_corpus(corpus, [r.file for r in rows], keep) if refresh else None
    if outcome is not None and outcome.published:
        for _row, fig in figures:
            rec = outcome.per_file.get(fig.file, {})
            fig.targets = rec.get("target", 0)
            fig.actuals = rec.get("actual", 0)
            fig.quarantined = rec.get("quarantined", 0)
            fig.region = rec.get("region", fig.region)
            fig.region_code = rec.get("region_code")
    for row, fig in figures:
        flag(fig, row)
    return figures, outcome


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--no-refresh", action="store_true", help="extractor figures only")
    ap.add_argument("--keep", type=Path, help="keep the temporary data and warehouse here")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a report is flagged")
    args = ap.parse_args(argv)
    if not (args.corpus / "manifest.csv").exists():
        print(f"no corpus at {args.corpus} (manifest.csv missing)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    figures, outcome = run(args.corpus, refresh=not args.no_refresh, keep=args.keep)
    if outcome is None:
        source = "extractor (no refresh asked)"
    elif outcome.published:
        source = f"warehouse (refresh published in {outcome.seconds:.0f}s)"
    else:
        source = "extractor (the refresh did NOT publish; figures from extract_report)"
        print(f"refresh FAILED after {outcome.seconds:.0f}s:", file=sys.stderr)
        for line in outcome.failure or ["(no step failure reported)"]:
            print(f"  {line}", file=sys.stderr)
    print(f"figures from: {source}")
    if outcome is not None and outcome.published and outcome.failure:
        print("published, with checks that did not pass:")
        for line in outcome.failure:
            print(f"  {line}")
    head = (
        f"{'file':<28} {'region':<14} {'code':<6} {'year':>4} {'T':>4} {'A':>4} "
        f"{'quar':>4} main {'GDP target':<12} flags"
    )
    print(head)
    for _row, fig in figures:
        q = "-" if fig.quarantined is None else str(fig.quarantined)
        print(
            f"{fig.file:<28} {fig.region or '-':<14} {fig.region_code or '-':<6} "
            f"{fig.year or '-':>4} {fig.targets:>4} {fig.actuals:>4} {q:>4} "
            f"{'yes' if fig.main_targets else 'no ':<4} {fig.gdp_target:<12} "
            f"{' '.join(fig.flags)}"
        )
    n = len(figures)
    complete = [(r, f) for r, f in figures if r.complete]
    dated = sum(f.year == r.year for r, f in figures)
    region_ok = sum("REGION" not in f.flags for _r, f in figures)
    print(
        f"\ntotals: {n} reports ({len(complete)} complete); year right {dated}/{n}; "
        f"region right {region_ok}/{n}; targets {sum(f.targets for _r, f in figures)}, "
        f"actuals {sum(f.actuals for _r, f in figures)}"
        + (
            f", quarantined {sum(f.quarantined or 0 for _r, f in figures)}"
            if outcome is not None and outcome.published
            else ""
        )
    )
    print(
        f"complete reports with 0 targets: {sum(f.targets == 0 for _r, f in complete)}, "
        f"with 0 actuals: {sum(f.actuals == 0 for _r, f in complete)}; "
        f"main-targets paragraph found {sum(f.main_targets for _r, f in figures)}/{n}; "
        f"GDP growth target {sum(f.gdp_target != '-' for _r, f in figures)}/{n}"
    )
    if outcome is not None and outcome.published:
        print(f"\nreport card (GDP growth, mart.v_report_card): {len(outcome.report_card)} rows")
        for line in format_report_card(outcome.report_card):
            print(line)
        problems = compare_report_card(outcome.report_card)
        print(f"against the hand-labelled report card ({GOLD_CARD.name}): "
              f"{len(problems)} differences")  # fmt: skip
        for line in problems:
            print(f"  {line}")
    print(f"done in {time.perf_counter() - started:.0f}s")
    flagged = [f for _r, f in figures if set(f.flags) - {"REGION"}]
    return 1 if args.strict and flagged else 0


if __name__ == "__main__":
    sys.exit(main())
