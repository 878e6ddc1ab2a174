"""Write the scorecard pages of a warehouse: one per region and year, a comparison per year
with several regions, and an index."""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from gwr.export import replace_dir
from gwr.scorecard import render
from gwr.scorecard.fmt import comparison_name, page_name
from gwr.scorecard.query import ScorecardData, load_file

INDEX = "index.html"

#: A comparison needs at least this many regions with a GDP growth target in one year.
MIN_COMPARISON_REGIONS = 2


@dataclass
class ScorecardResult:
    index: Path
    pages: dict[tuple[str, int], Path] = field(default_factory=dict)
    comparisons: dict[int, Path] = field(default_factory=dict)
    bytes_written: int = 0
    seconds: float = 0.0

    @property
    def largest_page(self) -> int:
        return max((p.stat().st_size for p in self.pages.values()), default=0)


def default_out_dir(warehouse: Path) -> Path:
    """`scorecard/` beside the warehouse file (data/warehouse/scorecard/ by default)."""
    return Path(warehouse).parent / "scorecard"


def render_all(data: ScorecardData) -> dict[str, str]:
    """{file name: HTML} for every page of `data`: pure, no I/O, byte-for-byte stable."""
    pages = {(r, y): page_name(r, data.region_codes.get(r), y) for r, y in data.pages()}
    years = sorted({y for _, y in pages})
    comparisons = {
        y: comparison_name(y)
        for y in years
        if len({row.region for row in data.comparison.get(y, [])}) >= MIN_COMPARISON_REGIONS
    }
    by_region: dict[str, list[tuple[int, str]]] = {}
    for (region, year), name in sorted(pages.items()):
        by_region.setdefault(region, []).append((year, name))
    files: dict[str, str] = {}
    for (region, year), name in pages.items():
        links = render.Links(INDEX, by_region[region], comparisons.get(year))
        files[name] = render.region_page(region, year, data, links)
    for year, name in comparisons.items():
        region_pages = {r: p for (r, y), p in pages.items() if y == year}
        files[name] = render.comparison_page(year, data.comparison[year], INDEX, region_pages)
    files[INDEX] = render.index_page(data, pages, comparisons)
    return files


def write_scorecard(
    warehouse: Path,
    out_dir: Path | None = None,
    *,
    region: str | None = None,
    year: int | None = None,
    replace: bool = False,
) -> ScorecardResult:
    """Read `warehouse` read-only and write the pages into `out_dir`.

    With `replace` (what the refresh does) the folder is built beside `out_dir` and renamed
    over it, so pages of regions no longer in the warehouse disappear and a reader never
    sees half a page. Without it (`gwr scorecard --out DIR`) files are written into the
    folder and nothing else in it is touched.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir) if out_dir is not None else default_out_dir(warehouse)
    data = load_file(Path(warehouse), region, year)
    if not data.targets and (region is not None or year is not None):
        # a selection that matches nothing writes nothing (not an empty index over a good one)
        return ScorecardResult(index=out_dir / INDEX, seconds=time.perf_counter() - started)
    files = render_all(data)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    if replace:
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
        try:
            _write(staging, files)
            staging.chmod(0o755)  # mkdtemp makes it private; the pages are for people
            replace_dir(staging, out_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    else:
        out_dir.mkdir(parents=True, exist_ok=True)
        _write(out_dir, files)
    pages = {key: out_dir / page_name(key[0], data.region_codes.get(key[0]), key[1])
             for key in data.pages()}  # fmt: skip
    comparisons = {
        int(name.removeprefix("comparison-").removesuffix(".html")): out_dir / name
        for name in files
        if name.startswith("comparison-")
    }
    return ScorecardResult(
        index=out_dir / INDEX,
        pages=pages,
        comparisons=comparisons,
        bytes_written=sum(len(html.encode()) for html in files.values()),
        seconds=time.perf_counter() - started,
    )


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, html in files.items():
        (folder / name).write_text(html, encoding="utf-8")
