"""Refresh at national scale: how each stage's cost grows with the number of input files.

    .venv/bin/python bench/bench_scale.py                      # about 3k, 30k and 100k files
    .venv/bin/python bench/bench_scale.py --sizes 300,3000     # a quick run
    .venv/bin/python bench/bench_scale.py --sizes 3000 --parse # + raw calamine vs pipeline files/s

For each size it generates (seeded, so the same flags give the same files) regions ×
departments × periods of departmental progress spreadsheets in the layouts of
`data/spreadsheets` (xlsx with a 说明 sheet, a two-row merged header, 合计 and 注 rows,
待统计 values, a multi-sheet workbook; xls; CSV in GBK, UTF-8 and UTF-8 with BOM), adds the
corpus reports (`../shared/corpus/reports`, skipped if absent), and runs the real
`gwr refresh` (`gwr.refresh.run_refresh`, the `refresh_warehouse` job in-process) in a
fresh process per scenario, with a temporary DAGSTER_HOME, GWR_WAREHOUSE and GWR_CACHE:

    cold       empty cache, no warehouse
    unchanged  nothing changed since the last run (the preflight: no Dagster run at all)
    touched    one spreadsheet's mtime changed, not its bytes (a run; its gate finds nothing
               changed by content)
    changed    one spreadsheet's values changed
    added      one spreadsheet added
    removed    one spreadsheet removed

`process` is the whole `gwr refresh` process (interpreter start and imports included: what
a cron job waits for); `wall` the refresh call inside it. Per-step durations come from the
Dagster run's own events (STEP_START / STEP_SUCCESS in
the instance's event log). It prints per-step seconds, spreadsheet files/s, peak RSS (the
refresh process: RUSAGE_SELF maxrss; its largest worker: RUSAGE_CHILDREN maxrss; and the
sum over the process tree sampled from /proc), the warehouse size, and each cost's growth
exponent with N (the log-log slope between consecutive sizes: 1.0 = linear).

Generated trees are kept under /tmp/gwr-bench-scale/ keyed by size, seed and generator
version (generation of 100k files takes minutes); each run works on a hard-linked copy.
Figures only, no assertions: speed is measured here, never in tests.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import functools
import importlib.util
import io
import itertools
import json
import math
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gwr.parallel import map_ordered  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "reports"
SEED_REPORT = REPO / "data" / "reports"
TREE_CACHE = Path(tempfile.gettempdir()) / "gwr-bench-scale"
GEN_VERSION = "2"  # bump when the generator changes: cached trees are keyed by it
DEFAULT_SIZES = (3_000, 30_000, 100_000)
SCENARIOS = ("cold", "unchanged", "touched", "changed", "added", "removed")
ALL_SCENARIOS = SCENARIOS
YEAR = 2024
MONTHS = range(1, 13)  # cumulative monthly reports: 2024年1月, 2024年1-2月 … 2024年1-12月
FIRST_REGION = "巴中市"  # the seed report's region, so some actuals meet its targets


def _load_samples() -> Any:
    """`data/spreadsheets/make_samples.py`: its writers, layouts' items and wording."""
    path = REPO / "data" / "spreadsheets" / "make_samples.py"
    spec = importlib.util.spec_from_file_location("gwr_make_samples", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


S = _load_samples()

# --------------------------------------------------------------------------- generation

Item = tuple[str, str, object, object, object]  # name, unit, target, value, growth


def _period(month: int) -> str:
    return f"{YEAR}年1月" if month == 1 else f"{YEAR}年1-{month}月"


def _vary(items: list[Any], month: int, rng: random.Random) -> list[Item]:
    """The sample's H1 figures scaled to the month (flows accumulate) with seeded noise."""
    out: list[Item] = []
    for name, unit, target, vals in items:
        value, growth = vals["H1"]
        if isinstance(value, int | float) and not isinstance(value, bool):
            scaled = value * month / 6 * rng.uniform(0.85, 1.15)
            value = round(scaled) if isinstance(value, int) else round(scaled, 2)
        elif isinstance(value, str) and value.replace(".", "", 1).isdigit():
            value = f"{float(value) * month / 6 * rng.uniform(0.85, 1.15):.2f}"
        if isinstance(growth, int | float) and not isinstance(growth, bool):
            growth = round(growth + rng.uniform(-1.5, 1.5), 1)
        elif isinstance(growth, str):
            growth = f"{float(growth) + rng.uniform(-1.5, 1.5):.1f}"
        out.append((name, unit, target, value, growth))
    return out


def _standard(region: str, dept: str, label: str, items: list[Item]) -> list[list[object]]:
    rows: list[list[object]] = [
        [f"{region}{YEAR}年目标任务完成情况表"],
        [f"填报单位：{dept}", "", "", "", "统计期：", label],
        ["序号", "指标名称", "计量单位", "年度目标", "完成值", "增速（%）", "备注"],
    ]
    for i, (name, unit, target, value, growth) in enumerate(items, start=1):
        rows.append([i, name, unit, target, S.blank(value), S.blank(growth), ""])
    return rows


def write_department_files(folder: Path, region: str, month: int, seed: str) -> list[Path]:
    """The ten files one region's departments send for one month (six layouts of xlsx,
    one xls, CSV in GBK, UTF-8 with BOM and plain UTF-8)."""
    label = _period(month)
    months = label[5:]
    rng = random.Random(f"{seed}:{region}:{month}")
    written: list[Path] = []

    def out(name: str) -> Path:
        written.append(folder / name)
        return folder / name

    # 统计局: a 说明 sheet before the data, a 注 row
    rows = _standard(region, "市统计局", label, _vary(S.STATS, month, rng))
    rows.append(["注：地区生产总值及各产业增加值为初步核算数，增速按可比价格计算。"])
    S.xlsx(out(f"市统计局_{label}.xlsx"), [("说明", S.EXPLAIN, []), ("主要经济指标", rows, [])])

    # 经信局: two-row header, the period merged over 完成值 | 增速（%）
    rows = [
        [f"{region}{YEAR}年目标任务完成情况表", "", "", "", "", ""],
        ["填报单位：市经济和信息化局", "", "", "统计期：", label, ""],
        ["序号", "指标名称", "计量单位", months, "", "全年目标"],
        ["", "", "", "完成值", "增速（%）", ""],
    ]
    for i, (name, unit, target, value, growth) in enumerate(
        _vary(S.ECON_INFO, month, rng), start=1
    ):
        rows.append([i, name, unit, S.blank(value), S.blank(growth), target])
    merges = [(0, 0, 0, 5), (2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 3, 2), (2, 3, 2, 4), (2, 5, 3, 5)]
    S.xlsx(out(f"市经信局_{label}.xlsx"), [("工业", rows, merges)])

    # 商务局: GBK CSV, the period only in the file name
    rows = [
        [f"{region}商务领域目标任务完成情况"],
        ["填报单位：市商务局"],
        ["指标", "单位", "目标值", "累计完成", "同比增长", "备注"],
    ]
    for name, unit, target, value, growth in _vary(S.COMMERCE, month, rng):
        rows.append([name, unit, target, S.blank(value), S.blank(growth), ""])
    S.csv_file(out(f"市商务局_{label}.csv"), rows, "gbk")

    # 人社局: UTF-8 CSV with BOM, a 注 row
    rows = [
        [f"市人力资源和社会保障局{label}目标任务完成情况"],
        ["填报单位：市人力资源和社会保障局", "", "统计期：", label],
        ["主要指标", "计量单位", "全年目标", "实际完成", "备注"],
    ]
    for name, unit, target, value, _growth in _vary(S.HRSS, month, rng):
        rows.append([name, unit, target, value, ""])
    rows.append(["注：城镇新增就业为实名制统计数。"])
    S.csv_file(out(f"市人社局_{label}.csv"), rows, "utf-8", bom=True)

    # 住建局: a 合计 row
    housing = _vary(S.HOUSING, month, rng)
    rows = _standard(region, "市住房和城乡建设局", label, housing)
    pipes = [float(v) for name, _u, _t, v, _g in housing if name.endswith("管道")]
    rows.insert(3 + 5, ["", "合计（管网改造）", "公里", 819, round(sum(pipes), 1), "", ""])
    S.xlsx(out(f"市住建局_{label}.xlsx"), [("城建", rows, [(0, 0, 0, 6)])])

    # 农业农村局: （盖章）, 待统计 in the first half
    rows = [
        [f"{region}{YEAR}年目标任务完成情况表"],
        ["填报单位：市农业农村局（盖章）", "", "", "统计期：", label],
        ["序号", "指标名称", "单位", "年度目标", f"{months}完成", "备注"],
    ]
    for i, (name, unit, target, value, _growth) in enumerate(_vary(S.AGRI, month, rng), 1):
        rows.append([i, name, unit, target, value, "待统计" if value == "待统计" else ""])
    S.xlsx(out(f"市农业农村局_{label}.xlsx"), [("农业农村", rows, [(0, 0, 0, 5)])])

    # 发改委: standard layout
    rows = _standard(region, "市发展和改革委员会", label, _vary(S.DRC, month, rng))
    S.xlsx(out(f"市发改委_{label}.xlsx"), [("投资", rows, [(0, 0, 0, 6)])])

    # 科技局: .xls
    rows = _standard(region, "市科学技术局", label, _vary(S.SCIENCE, month, rng))
    S.xls(out(f"市科技局_{label}.xls"), rows, "科技")

    # 财政局: UTF-8 CSV, department and period columns
    rows = [
        [f"{region}财政收入目标完成情况"],
        ["序号", "指标名称", "单位", "完成值", "增长(%)", "年度目标", "责任单位", "统计期"],
    ]
    for i, (name, unit, target, value, growth) in enumerate(_vary(S.FINANCE, month, rng), 1):
        rows.append([i, name, unit, value, growth, target, "市财政局", label])
    S.csv_file(out(f"{region}财政收入完成情况_{label}.csv"), rows, "utf-8")

    # 市直部门: one workbook, one sheet per department
    sheets: list[tuple[str, list[list[object]], list[Any]]] = [("填表说明", S.EXPLAIN, [])]
    for sheet, (dept, items) in S.OTHERS.items():
        sheets.append((sheet, _standard(region, dept, label, _vary(items, month, rng)), []))
    S.xlsx(out(f"市直部门目标任务完成情况_{label}.xlsx"), sheets)
    return written


FILES_PER_REGION = 10 * len(MONTHS)


def region_names(count: int) -> list[str]:
    """The seed report's region, then real county-level divisions in code order whose name
    alone resolves to them (data/reference/divisions.csv): every generated record has a
    region and reaches `fct_actual`, as a real province's collection does. (Generator
    version 1 used made-up names, which the pipeline rightly quarantined: its 100k runs
    loaded 99.6 % of the rows into `quarantine`, not `fct_actual`.)"""
    from gwr import regions

    names = [FIRST_REGION]
    for d in sorted(regions.load_divisions().by_code.values(), key=lambda d: d.code):
        if len(names) == count:
            break
        hit = regions.resolve(d.name) if d.level == "county" else None
        if hit is not None and hit.code == d.code and d.name not in names:
            names.append(d.name)
    if len(names) < count:
        raise SystemExit(f"only {len(names)} county names resolve alone; {count} asked")
    return names


def _generate_region(task: tuple[str, str, str]) -> int:
    root, region, seed = task
    folder = Path(root) / region
    folder.mkdir(parents=True, exist_ok=True)
    return sum(len(write_department_files(folder, region, m, seed)) for m in MONTHS)


def generated_tree(size: int, seed: int) -> tuple[Path, float]:
    """The spreadsheets folder for `size` files (cached under /tmp), and generation seconds
    (0 when it came from the cache)."""
    regions = max(1, round(size / FILES_PER_REGION))
    target = TREE_CACHE / f"spreadsheets-r{regions}-s{seed}-v{GEN_VERSION}"
    if (target / ".complete").is_file():
        return target, 0.0
    TREE_CACHE.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=TREE_CACHE))
    started = time.perf_counter()
    tasks = [(str(building), r, str(seed)) for r in region_names(regions)]
    map_ordered(_generate_region, tasks, min_parallel=4)
    (building / ".complete").write_text(f"{regions} regions\n")
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)
    return target, time.perf_counter() - started


def link_tree(src: Path, dst: Path) -> int:
    """Hard-link every file of `src` into `dst` (fast; edits must unlink first)."""
    n = 0
    for dirpath, _dirs, names in os.walk(src):
        rel = Path(dirpath).relative_to(src)
        (dst / rel).mkdir(parents=True, exist_ok=True)
        for name in names:
            if name.startswith("."):
                continue
            os.link(Path(dirpath) / name, dst / rel / name)
            n += 1
    return n


@functools.cache
def screened_reports() -> tuple[list[Path], list[tuple[str, str]]]:
    """The corpus reports whose statements pass the blocking schema check, and the others
    with the reason. One report failing `statements_schema` fails the whole refresh (by
    design: nothing is published), which would leave nothing to measure; such reports are
    left out and listed, for the extractor to fix."""
    from gwr.ingest import extract_reports
    from gwr.inputs import discover
    from schemas import ReportStatementSchema

    root = CORPUS.parent if CORPUS.is_dir() else SEED_REPORT.parent
    usable: list[Path] = []
    left_out: list[tuple[str, str]] = []
    for f in discover(root, kind="report"):
        rows = extract_reports([f], None).rows
        try:
            ReportStatementSchema.validate(rows, lazy=True)
        except Exception as exc:  # pandera's SchemaErrors: keep its first failing check
            checks = getattr(exc, "failure_cases", None)
            reason = (
                ", ".join(sorted(set(checks["check"].astype(str))))[:200]
                if checks is not None
                else str(exc)[:200]
            )
            left_out.append((f.rel_path, reason))
            continue
        usable.append(f.path)
    return usable, left_out


def build_data(size: int, seed: int, work: Path) -> tuple[Path, dict[str, Any]]:
    tree, gen_s = generated_tree(size, seed)
    data = work / "data"
    sheets = link_tree(tree, data / "spreadsheets")
    (data / "reports").mkdir(parents=True)
    usable, _ = screened_reports()
    for src in usable:
        for part in (src, src.with_suffix(".yaml"), src.with_suffix(".yml")):
            if part.is_file():  # the report and its sidecar, if any
                os.link(part, data / "reports" / part.name)
    report_bytes = sum(p.stat().st_size for p in usable)
    return data, {
        "spreadsheets": sheets,
        "reports": len(usable),
        "report_mb": report_bytes / 1e6,
        "generated_s": gen_s,
        "tree": str(tree),
    }


def mutate(data: Path, scenario: str, seed: int) -> str:
    """Apply one scenario's change to the working copy; returns what was done."""
    sheets = data / "spreadsheets"
    region = sheets / FIRST_REGION
    if scenario == "changed":  # new values in one department's file
        victim = region / f"市人社局_{_period(6)}.csv"
        victim.unlink()  # hard-linked: never write through to the cached tree
        tmp = Path(tempfile.mkdtemp(dir=data.parent))
        new = write_department_files(tmp, FIRST_REGION, 6, f"{seed}-changed")
        shutil.move(str(next(p for p in new if p.name == victim.name)), victim)
        shutil.rmtree(tmp)
        return f"changed {victim.relative_to(data)}"
    if scenario == "added":  # a department that never reported before
        rows = [
            ["巴中市医疗保障局目标任务完成情况"],
            ["填报单位：市医疗保障局", "", "统计期：", _period(6)],
            ["主要指标", "计量单位", "全年目标", "实际完成", "备注"],
            ["基本医疗保险参保率", "%", "95", "95.8", ""],
            ["城乡居民医保参保人数", "万人", "300", "291.5", ""],
        ]
        added = region / f"市医保局_{_period(6)}.csv"
        S.csv_file(added, rows, "utf-8", bom=True)
        return f"added {added.relative_to(data)}"
    if scenario == "touched":  # same bytes, a new mtime (a sync that rewrites mtimes)
        victim = region / f"市人社局_{_period(3)}.csv"
        later = time.time() - 600
        os.utime(victim, (later, later))
        return f"touched {victim.relative_to(data)}"
    if scenario == "removed":
        victim = sorted(p for p in sheets.rglob("*.csv") if "商务局" in p.name)[-1]
        victim.unlink()
        return f"removed {victim.relative_to(data)}"
    return ""


# ----------------------------------------------------------------------- measuring a run


class TreeRss:
    """Peak resident memory of this process and all its descendants, sampled from /proc."""

    def __init__(self, interval: float = 0.2) -> None:
        self.peak_kb = 0
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    @staticmethod
    def _rss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    @staticmethod
    def _children(pid: int) -> list[int]:
        kids: list[int] = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    kids += [int(x) for x in fh.read().split()]
        except OSError:
            pass
        return kids

    def sample(self) -> int:
        total, todo = 0, [os.getpid()]
        while todo:
            pid = todo.pop()
            total += self._rss_kb(pid)
            todo += self._children(pid)
        self.peak_kb = max(self.peak_kb, total)
        return total

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            self.sample()

    def __enter__(self) -> TreeRss:
        if Path("/proc/self/status").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def run_once() -> dict[str, Any]:
    """In the child process: one `gwr refresh`, measured. Prints one JSON line."""
    t0 = time.perf_counter()
    import dagster as dg

    from gwr.refresh import run_refresh

    import_s = time.perf_counter() - t0
    runs_before = dg.DagsterInstance.get().get_runs_count()
    with TreeRss() as tree, contextlib.redirect_stdout(io.StringIO()) as summary:
        started = time.perf_counter()
        rc = run_refresh()
        wall = time.perf_counter() - started
    # Reap the fork server (and through it the pool's workers) so that RUSAGE_CHILDREN
    # counts them.
    from multiprocessing import forkserver

    with contextlib.suppress(Exception):
        forkserver._forkserver._stop()  # type: ignore[attr-defined]
    instance = dg.DagsterInstance.get()
    wh = Path(os.environ["GWR_WAREHOUSE"])
    common = {
        "rc": rc,
        "import_s": import_s,
        "wall_s": wall,
        "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "rss_tree_mb": tree.peak_kb / 1024,
        "warehouse_mb": wh.stat().st_size / 1e6 if wh.exists() else 0.0,
        "warehouse_dir_mb": _dir_bytes(wh.parent) / 1e6,
        "summary": summary.getvalue().strip().splitlines()[:1] if summary.getvalue() else [],
    }
    if instance.get_runs_count() == runs_before:  # the preflight: nothing changed, no run
        return {**common, "status": "NO_RUN", "run_s": 0.0, "steps": {}, "metadata": {}}
    run = instance.get_runs(limit=1)[0]
    steps: dict[str, dict[str, float]] = {}
    for record in instance.get_records_for_run(
        run.run_id,
        of_type={dg.DagsterEventType.STEP_START, dg.DagsterEventType.STEP_SUCCESS},
    ).records:
        entry = record.event_log_entry
        step = steps.setdefault(entry.step_key or "?", {})
        kind = entry.dagster_event.event_type_value if entry.dagster_event else ""
        if kind == "STEP_START":
            step.setdefault("start", entry.timestamp)
        else:
            step["end"] = entry.timestamp
    durations = {k: v["end"] - v["start"] for k, v in steps.items() if "end" in v and "start" in v}
    metadata: dict[str, dict[str, Any]] = {}
    for record in instance.get_records_for_run(
        run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION
    ).records:
        mat = record.event_log_entry.asset_materialization
        if mat is None:
            continue
        metadata[mat.asset_key.to_user_string()] = {
            k: v.value
            for k, v in mat.metadata.items()
            if isinstance(v.value, int | float) and not isinstance(v.value, bool)
        }
    stats = instance.get_run_stats(run.run_id)
    return {
        **common,
        "status": run.status.value,
        "run_s": (stats.end_time or 0) - (stats.start_time or 0),
        "steps": durations,
        "metadata": metadata,
    }


def run_child(env: dict[str, str]) -> dict[str, Any]:
    """One `gwr refresh` in a new process; `process_s` is its whole life (interpreter
    start, imports, the refresh, reading the figures back: what a cron job waits for)."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--_run"],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"refresh process failed (exit {proc.returncode})")
    return {**json.loads(lines[-1]), "process_s": time.perf_counter() - started}


# ------------------------------------------------------------------------------ the bench

# The steps shown as columns, in pipeline order (the rest are summed in "other").
STEPS = (
    "input_changes",
    "report_documents",
    "report_statements",
    "spreadsheet_documents",
    "sheet_records",
    "indicator_resolution",
    "warehouse_models",
    "mart_parquet",
    "warehouse_quality",
)
SHORT = {
    "input_changes": "gate",
    "report_documents": "rep_docs",
    "report_statements": "rep_extr",
    "spreadsheet_documents": "sh_docs",
    "sheet_records": "sh_parse",
    "indicator_resolution": "resolve",
    "warehouse_models": "wh_build",
    "mart_parquet": "parquet",
    "warehouse_quality": "quality",
}


def sensor_ticks(data: Path) -> dict[str, float]:
    """The real input sensor, ticked in this process: its first look (every file hashed),
    a tick where nothing changed, and one after a file changed (back-dated past the racy
    window, as a file sent yesterday is; the change is undone after)."""
    import dagster as dg

    from pipelines.resources import InputFolders
    from pipelines.sensors import input_files_sensor

    inputs = InputFolders(data_dir=str(data), reference_dir=str(REPO / "data" / "reference"))

    def tick(cursor: str | None) -> tuple[float, Any]:
        context = dg.build_sensor_context(cursor=cursor, resources={"inputs": inputs})
        t0 = time.perf_counter()
        result = input_files_sensor(context)
        return time.perf_counter() - t0, result

    old = time.time() - 3600
    for path in data.rglob("*"):
        if path.is_file():
            os.utime(path, (old, old))
    first_s, first = tick(None)
    unchanged_s, _ = tick(first.cursor)
    victim = sorted((data / "spreadsheets").rglob("*.csv"))[0]
    original = victim.read_bytes()
    victim.unlink()  # a hard-linked tree: never write through the link
    victim.write_bytes(original + b"\n")
    os.utime(victim, (old + 60, old + 60))
    changed_s, _ = tick(first.cursor)
    victim.unlink()
    victim.write_bytes(original)
    os.utime(victim, (old, old))
    return {"sensor_first_s": first_s, "sensor_unchanged_s": unchanged_s,
            "sensor_changed_s": changed_s}  # fmt: skip


def measure_size(size: int, seed: int, keep: bool) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"gwr-scale-{size}-"))
    try:
        t0 = time.perf_counter()
        data, info = build_data(size, seed, work)
        info["prepare_s"] = time.perf_counter() - t0
        home = work / "dagster_home"
        home.mkdir()
        shutil.copy(REPO / "pipelines" / "dagster.yaml", home / "dagster.yaml")
        env = {
            **os.environ,
            "GWR_DATA": str(data),
            "GWR_WAREHOUSE": str(work / "warehouse" / "gwr.duckdb"),
            "GWR_CACHE": str(work / "cache"),
            "DAGSTER_HOME": str(home),
            "PYTHONPATH": str(REPO),
        }
        results: dict[str, Any] = {"info": info, "runs": {}}
        info.update(sensor_ticks(data))
        print(f"  input sensor: first tick {info['sensor_first_s']:.1f}s (every file hashed), "
              f"unchanged tick {info['sensor_unchanged_s']:.2f}s, "
              f"one file changed {info['sensor_changed_s']:.1f}s", flush=True)  # fmt: skip
        for scenario in SCENARIOS:
            change = mutate(data, scenario, seed)
            res = run_child(env)
            res["change"] = change
            results["runs"][scenario] = res
            _print_run(size, info, scenario, res)
        results["cache_mb"] = _dir_bytes(work / "cache") / 1e6
        return results
    finally:
        if keep:
            print(f"  (kept {work})")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _files_per_s(res: dict[str, Any]) -> float | None:
    parsed = res["metadata"].get("sheet_records", {}).get("files_parsed")
    secs = res["steps"].get("sheet_records")
    return parsed / secs if parsed and secs else None


def _print_run(size: int, info: dict[str, Any], scenario: str, res: dict[str, Any]) -> None:
    steps = res["steps"]
    shown = " ".join(f"{SHORT[s]}={steps.get(s, float('nan')):.1f}" for s in STEPS)
    other = sum(v for k, v in steps.items() if k not in STEPS)
    sheets = res["metadata"].get("sheet_records", {})
    rate = _files_per_s(res)
    print(
        f"  {scenario:<9} process {res.get('process_s', 0):6.1f}s, wall {res['wall_s']:6.1f}s"
        f" (run {res['run_s']:.1f}s, imports "
        f"{res['import_s']:.1f}s) | {shown} other={other:.1f} | parsed "
        f"{sheets.get('files_parsed', '?')}"
        + (f" at {rate:.0f} files/s" if rate else "")
        + f" | RSS self {res['rss_self_mb']:.0f} MB, worker {res['rss_children_mb']:.0f} MB,"
        f" tree {res['rss_tree_mb']:.0f} MB | warehouse {res['warehouse_mb']:.1f} MB"
        + (f" | {res['change']}" if res.get("change") else ""),
        flush=True,
    )


def _slope(x0: float, y0: float, x1: float, y1: float) -> float | None:
    if min(x0, y0, x1, y1) <= 0 or x0 == x1:
        return None
    return math.log(y1 / y0) / math.log(x1 / x0)


def _step_getter(step: str) -> Callable[[dict[str, Any]], float]:
    return lambda res: res["steps"].get(step, 0.0)


def _step_cell(res: dict[str, Any], step: str) -> str:
    if res.get("status") == "NO_RUN":
        return "–"  # no run started: the preflight saw nothing changed
    return f"{res['steps'][step]:.1f}" if step in res["steps"] else "skip"


def print_tables(all_results: dict[int, dict[str, Any]]) -> None:
    sizes = sorted(all_results)
    print("\n## per-stage seconds (from the Dagster run's step events)\n")
    cols = ["files", "scenario", "process", "wall", *[SHORT[s] for s in STEPS], "files/s",
            "RSS tree MB", "DuckDB MB"]  # fmt: skip
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for size in sizes:
        r = all_results[size]
        n = r["info"]["spreadsheets"] + r["info"]["reports"]
        for scenario in SCENARIOS:
            res = r["runs"][scenario]
            rate = _files_per_s(res)
            cells = [
                f"{n:,}",
                scenario,
                f"{res['process_s']:.1f}" if "process_s" in res else "",
                f"{res['wall_s']:.1f}",
                *[_step_cell(res, s) for s in STEPS],
                f"{rate:.0f}" if rate else "",
                f"{res['rss_tree_mb']:.0f}",
                f"{res['warehouse_mb']:.1f}",
            ]
            print("| " + " | ".join(cells) + " |")
    if len(sizes) < 2:
        return
    print("\n## growth exponent with N spreadsheets (log-log slope; 1 = linear, 0 = constant)\n")
    metrics: list[tuple[str, Callable[[dict[str, Any]], float]]] = [
        ("process", lambda res: res.get("process_s", 0.0)),
        ("wall", lambda res: res["wall_s"]),
        *[(SHORT[s], _step_getter(s)) for s in STEPS],
        ("RSS tree", lambda res: res["rss_tree_mb"]),
        ("DuckDB size", lambda res: res["warehouse_mb"]),
    ]
    header = ["between", "scenario", *[m for m, _ in metrics]]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for a, b in itertools.pairwise(sizes):
        ra, rb = all_results[a], all_results[b]
        # N = spreadsheets: the reports are the same corpus at every size
        na, nb = ra["info"]["spreadsheets"], rb["info"]["spreadsheets"]
        for scenario in SCENARIOS:
            cells = [f"{na:,} → {nb:,} sheets", scenario]
            for _name, get in metrics:
                k = _slope(na, get(ra["runs"][scenario]), nb, get(rb["runs"][scenario]))
                cells.append("" if k is None else f"{k:.2f}")
            print("| " + " | ".join(cells) + " |")


# ------------------------------------------------------------- parse throughput (--parse)


def _calamine_read(path: str) -> int:
    """What python-calamine alone does for one file: open it, load every sheet's cells.
    CSV has no calamine reader; it is decoded and split by the csv module."""
    from python_calamine import CalamineWorkbook

    if path.endswith(".csv"):
        raw = Path(path).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        return sum(1 for _ in csv.reader(io.StringIO(text)))
    wb = CalamineWorkbook.from_path(path)
    return sum(len(wb.get_sheet_by_name(n).to_python()) for n in wb.sheet_names)


def _parse_file(path: str) -> int:
    from gwr.ingest import parse_sheet_file
    from gwr.inputs import InputFile

    p = Path(path)
    f = InputFile(path=p, rel_path=p.name, kind="spreadsheet", document_id="", bytes=0)
    return len(parse_sheet_file(f).get("records", []))


def _parse_file_cpu(path: str) -> tuple[int, int, float]:
    """`_parse_file`, with the worker's pid and CPU seconds so far (for the pool's CPU)."""
    return _parse_file(path), os.getpid(), time.process_time()


def parse_throughput(size: int, seed: int) -> None:
    tree, _ = generated_tree(size, seed)
    paths = sorted(str(p) for p in tree.rglob("*") if p.is_file() and not p.name.startswith("."))
    n = len(paths)
    workers = os.environ.get("GWR_WORKERS", "all")
    print(f"\n## spreadsheet parsing throughput on {n:,} generated files "
          f"({os.cpu_count()} cores, GWR_WORKERS={workers})\n")  # fmt: skip
    for p in paths[:50]:  # warm the page cache and the imports
        _calamine_read(p)
        _parse_file(p)

    # On a shared machine the wall clock says how much CPU the other sessions left; the
    # CPU seconds (this process's, or the pool workers' summed) say what parsing costs.
    def timed(label: str, fn: Callable[[], object]) -> None:
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        workers = ""
        if isinstance(out, list) and out and isinstance(out[0], tuple):
            last: dict[int, float] = {}
            for _n, pid, used in out:
                last[pid] = max(last.get(pid, 0.0), used)
            workers = f" (main {cpu:.1f} s + {len(last)} workers {sum(last.values()):.1f} s)"
            cpu += sum(last.values())
        print(f"| {label} | {secs:.1f} s | {n / secs:,.0f} files/s | {cpu:.1f} s{workers} | "
              f"{n / cpu:,.0f} |", flush=True)  # fmt: skip

    print("| reader | time | throughput | CPU | files per CPU-second |\n|---|---|---|---|---|")
    timed("python-calamine alone, 1 process", lambda: [_calamine_read(p) for p in paths])
    timed("gwr parse_sheet_file, 1 process", lambda: [_parse_file(p) for p in paths])
    for chunk in (1, 4, 16, 64):
        timed(
            f"gwr parse_sheet_file, pool, chunksize {chunk}",
            lambda chunk=chunk: map_ordered(_parse_file_cpu, paths, chunksize=chunk),
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES),
                    help="comma-separated approximate spreadsheet counts")  # fmt: skip
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--parse", action="store_true",
                    help="also measure raw calamine vs pipeline parse files/s on the "
                    "smallest size")  # fmt: skip
    ap.add_argument("--parse-only", action="store_true", help="only the parse throughput")
    ap.add_argument("--keep", action="store_true", help="keep the working folders")
    ap.add_argument("--scenarios", default=",".join(ALL_SCENARIOS),
                    help="comma-separated subset of the scenarios, in this order "
                    "(cold first)")  # fmt: skip
    ap.add_argument("--json", type=Path, help="also write every figure to this file")
    ap.add_argument("--tables", type=Path, nargs="+", metavar="JSON",
                    help="print the tables and growth of earlier --json outputs")  # fmt: skip
    ap.add_argument("--_run", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    global SCENARIOS
    SCENARIOS = tuple(s for s in ALL_SCENARIOS if s in args.scenarios.split(","))
    if args._run:
        print(json.dumps(run_once(), ensure_ascii=False))
        return 0
    if args.tables:
        merged: dict[int, dict[str, Any]] = {}
        for path in args.tables:
            merged.update({int(k): v for k, v in json.loads(path.read_text()).items()})
        print_tables(merged)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(
        f"bench_scale: sizes {sizes}, seed {args.seed}, {os.cpu_count()} cores, reports from "
        f"{CORPUS if CORPUS.is_dir() else SEED_REPORT}; load {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    usable, left_out = screened_reports()
    print(f"{len(usable)} reports used", flush=True)
    for path, reason in left_out:
        print(f"  left out {path}: fails the blocking statements_schema check ({reason})")
    if args.parse or args.parse_only:
        parse_throughput(min(sizes), args.seed)
        if args.parse_only:
            return 0
    all_results: dict[int, dict[str, Any]] = {}
    for size in sizes:
        t0 = time.perf_counter()
        tree, gen_s = generated_tree(size, args.seed)
        print(
            f"\n# size {size:,}: tree {tree} "
            + (f"generated in {gen_s:.0f}s" if gen_s else "(cached)"),
            flush=True,
        )
        all_results[size] = measure_size(size, args.seed, args.keep)
        info = all_results[size]["info"]
        info["generated_s"] = gen_s
        print(
            f"  {info['spreadsheets']:,} spreadsheets + {info['reports']} reports "
            f"({info['report_mb']:.1f} MB); parse cache {all_results[size]['cache_mb']:.0f} MB;"
            f" size done in {time.perf_counter() - t0:.0f}s",
            flush=True,
        )
    print_tables(all_results)
    if args.json:
        args.json.write_text(json.dumps(all_results, ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
