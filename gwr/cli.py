"""`gwr`: the command line of CONTRACT §3.

    gwr extract REPORT.txt [--year N] [--region NAME]
    gwr read-sheet FILE
    gwr template --department NAME [--out FILE] [--year N]
    gwr refresh [--force]
    gwr scorecard [--region R] [--year Y] [--out DIR] [--warehouse FILE]

`extract`, `read-sheet`, `template` and `scorecard` never import Dagster; `refresh` runs the
same job the nightly schedule runs, in-process.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

EXIT_UNREADABLE = 2


def _json_line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def _fail(message: str) -> int:
    print(message.replace("\n", " "), file=sys.stderr)
    return EXIT_UNREADABLE


def cmd_extract(args: argparse.Namespace) -> int:
    from gwr.files import describe_os_error
    from gwr.report import UndatableReportError, extract_report
    from gwr.text import strip_control_characters

    path = Path(args.report)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return _fail(f"{path}: no such file")
    except OSError as exc:
        return _fail(f"{path}: cannot read: {describe_os_error(exc)}")
    except UnicodeDecodeError as exc:
        return _fail(f"{path}: not UTF-8 text (byte {exc.start}); save the report as UTF-8 .txt")
    cleaned = strip_control_characters(text)
    if cleaned.changed:  # a warning, not a failure: the report is still read
        print(f"{path}: warning: {cleaned.note()}", file=sys.stderr)
    text = cleaned.text
    if not text.strip():
        return _fail(f"{path}: empty report")
    try:
        report = extract_report(text, year=args.year, region=args.region)
    except UndatableReportError as exc:
        return _fail(f"{path}: report year cannot be determined ({exc}); pass --year N")
    out = sys.stdout
    for statement in report.statements:
        out.write(_json_line(dataclasses.asdict(statement)) + "\n")
    return 0


def cmd_read_sheet(args: argparse.Namespace) -> int:
    from gwr.sheets import UnreadableFileError, read_sheet

    path = Path(args.file)
    if not (path.exists() or path.is_symlink()):
        return _fail(f"{path}: no such file")
    try:
        result = read_sheet(path)
    except UnreadableFileError as exc:
        return _fail(f"{path}: {exc}")
    for record in result.records:
        sys.stdout.write(_json_line(dataclasses.asdict(record)) + "\n")
    for reject in result.rejects:
        sys.stderr.write(_json_line(dataclasses.asdict(reject)) + "\n")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from gwr.sheets import write_template
    from gwr.templates import department_targets

    targets, region, year = department_targets(args.department, year=args.year)
    out = Path(args.out or f"{args.department}_{year or ''}目标任务完成情况表.xlsx")
    write_template(out, args.department, targets, region=region, year=year)
    print(f"{out}: {len(targets)} targets for {args.department}")
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    from gwr.refresh import run_refresh

    return run_refresh(verbose=args.verbose, wait=args.wait, force=args.force)


def cmd_scorecard(args: argparse.Namespace) -> int:
    import duckdb

    from gwr import settings
    from gwr.scorecard import default_out_dir, write_scorecard

    wh = Path(args.warehouse) if args.warehouse else settings.warehouse_path()
    if not wh.is_file():
        return _fail(f"{wh}: no warehouse there; run `gwr refresh` or pass --warehouse FILE")
    # The default folder is the refresh's own: replace it whole, as the refresh does. A
    # folder of the user's choosing, or a selection, only adds or overwrites pages.
    whole = args.out is None and args.region is None and args.year is None
    out = Path(args.out) if args.out else default_out_dir(wh)
    try:
        result = write_scorecard(wh, out, region=args.region, year=args.year, replace=whole)
    except duckdb.Error as exc:
        return _fail(f"{wh}: cannot read the warehouse read-only: {exc}")
    if not result.pages:
        what = " ".join(x for x in (args.region, str(args.year or "")) if x) or "any region"
        return _fail(f"{wh}: no targets for {what}; nothing written")
    kib = result.bytes_written / 1024
    print(
        f"scorecard: {len(result.pages)} pages, {len(result.comparisons)} comparisons, "
        f"{kib:,.0f} KiB in {result.seconds:.2f}s"
    )
    print(f"  index: {result.index}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gwr", description="Government work report targets versus delivered actuals."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print every target and actual a report states")
    p.add_argument("report", help="a government work report as UTF-8 .txt")
    p.add_argument("--year", type=int, help="the report's year when the text does not say it")
    p.add_argument("--region", help="the region the report belongs to")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("read-sheet", help="print every value a progress spreadsheet reports")
    p.add_argument("file", help=".xlsx, .xls, .ods or .csv")
    p.set_defaults(func=cmd_read_sheet)

    p = sub.add_parser("template", help="write a progress template for one department")
    p.add_argument("--department", required=True, help="e.g. 市统计局")
    p.add_argument(
        "--out", help="output .xlsx (default: <department>_<year>目标任务完成情况表.xlsx)"
    )
    p.add_argument("--year", type=int, help="target year (default: the latest in the warehouse)")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("refresh", help="materialize every asset into the warehouse")
    p.add_argument("-v", "--verbose", action="store_true", help="show Dagster's event log")
    p.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="when another refresh is running, wait this long for it (default: refuse at "
        "once, exit code 3)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="rebuild and publish even when nothing changed since the published warehouse",
    )
    p.set_defaults(func=cmd_refresh)

    p = sub.add_parser(
        "scorecard", help="write the scorecard pages from a warehouse file, read-only"
    )
    p.add_argument("--region", help="only this region (as in mart.fct_target.region)")
    p.add_argument("--year", type=int, help="only the reports for this year")
    p.add_argument("--out", help="output folder (default: scorecard/ beside the warehouse)")
    p.add_argument("--warehouse", help="a warehouse file (default: GWR_WAREHOUSE or "
                   "data/warehouse/gwr.duckdb); opened read-only")  # fmt: skip
    p.set_defaults(func=cmd_scorecard)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `gwr extract … | head`: the reader left, that is fine
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
