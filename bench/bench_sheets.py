"""Benchmark: rows per second reading departmental spreadsheets.

    python bench/bench_sheets.py [--files 1000] [--rows 50]

Generates ``--files`` .xlsx files of ``--rows`` data rows each (title, info row,
header, data) into a temporary directory, then times

1. python-calamine loading the cell grids (what ``gwr.sheets`` uses),
2. openpyxl (read_only, data_only) loading the same grids,
3. the full ``gwr.sheets.read_sheet`` (safety checks + calamine + header detection +
   value parsing),

and prints rows/second for each and the calamine/openpyxl ratio.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import openpyxl
import xlsxwriter
from python_calamine import CalamineWorkbook

from gwr.sheets import read_sheet

UNITS = ["亿元", "万人", "个", "万平方米", "%", "家", "公里"]


def make_files(folder: Path, files: int, rows: int) -> list[Path]:
    paths = []
    for f in range(files):
        p = folder / f"市部门{f:04d}_2024年1-6月.xlsx"
        wb = xlsxwriter.Workbook(str(p))
        ws = wb.add_worksheet("Sheet1")
        ws.write(0, 0, "巴中市2024年目标任务完成情况表")
        ws.write(1, 0, f"填报单位：市部门{f:04d}")
        ws.write(1, 4, "统计期：")
        ws.write(1, 5, "2024年1-6月")
        for c, h in enumerate(["序号", "指标名称", "计量单位", "年度目标", "完成值", "增速（%）"]):
            ws.write(2, c, h)
        for r in range(rows):
            unit = UNITS[(f + r) % len(UNITS)]
            ws.write_number(3 + r, 0, r + 1)
            ws.write_string(3 + r, 1, f"指标{r:03d}")
            ws.write_string(3 + r, 2, unit)
            ws.write_number(3 + r, 3, 100 + r)
            ws.write_number(3 + r, 4, round(50 + r * 1.37 + f * 0.01, 2))
            ws.write_number(3 + r, 5, round((r % 17) * 0.7, 1))
        wb.close()
        paths.append(p)
    return paths


def time_calamine(paths: list[Path]) -> tuple[float, int]:
    t0 = time.perf_counter()
    n = 0
    for p in paths:
        wb = CalamineWorkbook.from_path(str(p))
        for name in wb.sheet_names:
            n += len(wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return time.perf_counter() - t0, n


def time_openpyxl(paths: list[Path]) -> tuple[float, int]:
    t0 = time.perf_counter()
    n = 0
    for p in paths:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
        for ws in wb.worksheets:
            n += sum(1 for _ in ws.iter_rows(values_only=True))
        wb.close()
    return time.perf_counter() - t0, n


def time_read_sheet(paths: list[Path]) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    records = rejects = 0
    for p in paths:
        res = read_sheet(p)
        records += len(res.records)
        rejects += len(res.rejects)
    return time.perf_counter() - t0, records, rejects


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--rows", type=int, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        paths = make_files(Path(d), args.files, args.rows)
        gen_s = time.perf_counter() - t0
        print(f"generated {len(paths)} files x {args.rows} data rows in {gen_s:.1f} s")
        data_rows = len(paths) * args.rows
        cal_s, cal_rows = time_calamine(paths)
        opx_s, opx_rows = time_openpyxl(paths)
        rs_s, records, rejects = time_read_sheet(paths)
        cal_rate = cal_rows / cal_s
        opx_rate = opx_rows / opx_s
        print(
            f"python-calamine grid load : {cal_rate:12,.0f} rows/s ({cal_rows} rows, {cal_s:.2f} s)"
        )
        print(
            f"openpyxl (read_only) load : {opx_rate:12,.0f} rows/s ({opx_rows} rows, {opx_s:.2f} s)"
        )
        print(f"ratio calamine / openpyxl : {cal_rate / opx_rate:12.1f}x")
        print(
            f"gwr.sheets.read_sheet     : {data_rows / rs_s:12,.0f} data rows/s"
            f" ({records} records, {rejects} rejects, {rs_s:.2f} s,"
            f" {rs_s / len(paths) * 1000:.1f} ms/file)"
        )


if __name__ == "__main__":
    main()
