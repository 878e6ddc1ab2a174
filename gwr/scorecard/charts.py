"""Small inline SVG charts, written as strings: bullet bars, period bars, status stacks and
the cross-region dot plot.

Hand-written SVG instead of a charting library: the page must open offline and stay small
(plotly's bundle alone is over 3 MB), and these few shapes need no layout engine. Every
mark carries `data-status` so the browser test can count marks per status; every text
from the warehouse goes through `esc`. Coordinates are rounded to 0.1 px so that output
is byte-for-byte stable.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from gwr.scorecard.query import STATUSES

COLORS: dict[str, str] = {
    "met": "#23794a",
    "on_track": "#6cae75",
    "behind": "#e3a23b",
    "missed": "#c9483e",
    "no_data": "#c3c8cf",
    "not_comparable": "#8d98ab",
}

LABELS: dict[str, tuple[str, str]] = {
    "met": ("已完成", "met"),
    "on_track": ("进度正常", "on track"),
    "behind": ("进度滞后", "behind"),
    "missed": ("未完成", "missed"),
    "no_data": ("暂无数据", "no data"),
    "not_comparable": ("不可比", "not comparable"),
}

TRACK = "#eceef1"
TARGET_BAND = "#dde1e6"
INK = "#2b2f36"

# The bullets' colours live in the page's stylesheet, not on each shape: a page draws a few
# hundred of them, and one rule per status keeps every mark's markup short. A mark is
# filled by its data-status; an "open" mark (no value to draw) is a dashed outline.
CSS = (
    "".join(f'rect[data-status="{s}"]{{fill:{c};stroke:{c}}}' for s, c in COLORS.items())
    + "rect[data-status]{stroke-width:0}"
    + "rect.open{fill:none;stroke-width:1;stroke-dasharray:3 3}"
    + f".tk{{fill:{TRACK}}}.tb{{fill:{TARGET_BAND}}}"
    + f"line.target,line.expected{{stroke:{INK};stroke-width:2}}"
    + f"line.full{{stroke:{INK};stroke-width:1;stroke-dasharray:2 2}}"
)


def esc(text: object) -> str:
    """HTML-escape anything from the data (region names and quotes come from input files)."""
    if isinstance(text, str):
        return _esc(text)
    return escape("" if text is None else str(text), quote=True)


@lru_cache(maxsize=16384)
def _esc(text: str) -> str:
    # names, units, sources and statuses repeat on every row: escape each once
    return escape(text, quote=True)


@lru_cache(maxsize=16384)
def n(x: float) -> str:
    """A coordinate: one decimal, no trailing zero, no '-0'."""
    s = f"{x:.1f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _svg(width: float, height: float, body: str, cls: str, label: str,
         fluid: bool = False) -> str:  # fmt: skip
    # fluid: stretch to the container's width (a summary bar); shapes scale, text does not
    size = (
        f'width="100%" height="{n(height)}" preserveAspectRatio="none"'
        if fluid
        else f'width="{n(width)}" height="{n(height)}"'
    )
    # without a label the chart repeats what the text beside it says: hide it from readers
    aria = f'role="img" aria-label="{esc(label)}"' if label else 'aria-hidden="true"'
    return f'<svg class="{cls}" {size} viewBox="0 0 {n(width)} {n(height)}" {aria}>{body}</svg>'


@dataclass(frozen=True)
class Scale:
    """A linear scale from [lo, hi] to [0, width]."""

    lo: float
    hi: float
    width: float

    def __call__(self, v: float) -> float:
        if self.hi == self.lo:
            return 0.0
        return max(0.0, min(self.width, (v - self.lo) / (self.hi - self.lo) * self.width))


def bullet_flow(
    ratio: float | None, expected: float | None, status: str, *, width: float = 240,
    height: float = 20, label: str = "", mark: str = "mark",
) -> str:  # fmt: skip
    """A flow target: the bar is the share of the year's target done (attainment), the
    band is the target (100 %), the dark tick the share of the year elapsed (时间过半任务过半)."""
    top = max(1.0, (ratio or 0) * 1.05, 1.15)
    sc = Scale(0.0, min(top, 1.6), width)
    y, h = 4.0, height - 8
    parts = [
        f'<rect class="tk" x="0" y="{n(y)}" width="{n(width)}" height="{n(h)}" rx="2"/>',
        f'<rect class="tb" x="0" y="{n(y)}" width="{n(sc(1.0))}" height="{n(h)}" rx="2"/>',
    ]
    inset = max(1.5, h * 0.25)
    parts.append(_status_bar(sc(0.0), sc(ratio) if ratio is not None else None, y + inset,
                             h - 2 * inset, status, width, mark))  # fmt: skip
    if expected is not None:
        x = sc(expected)
        parts.append(
            f'<line class="expected" x1="{n(x)}" x2="{n(x)}" y1="1" y2="{n(height - 1)}"/>'
        )
    x = sc(1.0)
    parts.append(
        f'<line class="full" x1="{n(x)}" x2="{n(x)}" y1="{n(y - 2)}" y2="{n(y + h + 2)}"/>'
    )
    if ratio is not None and ratio > sc.hi:  # off the scale: an arrow says so
        parts.append(
            f'<path d="M{n(width - 6)} {n(height / 2 - 4)}l5 4-5 4z" fill="{INK}"/>'
        )
    return _svg(width, height, "".join(parts), "bullet", label)


def bullet_rate(
    actual: float | None, target: float | None, target_max: float | None, status: str, *,
    width: float = 240, height: float = 20, label: str = "", mark: str = "mark",
) -> str:  # fmt: skip
    """A rate target (growth, ratio, point change) or a stock: the bar is the actual level,
    the tick the target (a band when the target is a range), on a scale from zero."""
    values = [v for v in (actual, target, target_max, 0.0) if v is not None]
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.15 or 1.0
    sc = Scale(lo - (pad if lo < 0 else 0), hi + pad, width)
    y, h = 4.0, height - 8
    parts = [f'<rect class="tk" x="0" y="{n(y)}" width="{n(width)}" height="{n(h)}" rx="2"/>']
    if target is not None:
        x0 = sc(min(0.0, target))
        x1 = sc(max(target_max or target, 0.0))
        parts.append(
            f'<rect class="tb" x="{n(x0)}" y="{n(y)}" width="{n(x1 - x0)}" height="{n(h)}" '
            'rx="2"/>'
        )
    inset = max(1.5, h * 0.25)
    parts.append(_status_bar(sc(0.0), sc(actual) if actual is not None else None, y + inset,
                             h - 2 * inset, status, width, mark))  # fmt: skip
    if lo < 0:
        x = sc(0.0)
        parts.append(
            f'<line x1="{n(x)}" x2="{n(x)}" y1="0" y2="{n(height)}" stroke="#9aa1ab" '
            'stroke-width="1"/>'
        )
    if target is not None:
        x = sc(target)
        parts.append(
            f'<line class="target" x1="{n(x)}" x2="{n(x)}" y1="1" y2="{n(height - 1)}"/>'
        )
    return _svg(width, height, "".join(parts), "bullet", label)


def _status_bar(x0: float, x1: float | None, y: float, h: float, status: str,
                width: float, mark: str = "mark") -> str:  # fmt: skip
    """The mark of a target: a bar coloured by status; without a value (no data, or a value
    that cannot be compared) a dashed outline across the track, so every target has one.
    `mark` is the class: the legend's examples use another so they are not counted."""
    if status not in COLORS:  # not a status of CONTRACT §2: drawn like not_comparable
        status = "not_comparable"
    if x1 is None:
        return (
            f'<rect class="{mark} open" data-status="{status}" x="0.5" y="{n(y)}" '
            f'width="{n(width - 1)}" height="{n(h)}" rx="2"/>'
        )
    left, right = min(x0, x1), max(x0, x1)
    return (
        f'<rect class="{mark}" data-status="{status}" x="{n(left)}" y="{n(y)}" '
        f'width="{n(max(right - left, 1.5))}" height="{n(h)}" rx="1"/>'
    )


def stack(counts: dict[str, int], *, width: float = 200, height: float = 14,
          titles: dict[str, str] | None = None, cls: str = "stack",
          fluid: bool = False) -> str:  # fmt: skip
    """Counts by status as one horizontal stacked bar, in the order of STATUSES."""
    total = sum(counts.get(s, 0) for s in STATUSES)
    parts: list[str] = []
    x = 0.0
    for s in STATUSES:
        c = counts.get(s, 0)
        if not c:
            continue
        w = width * c / total
        tip = (titles or {}).get(s, "")
        attr = f' data-tip="{esc(tip)}"' if tip else ""
        parts.append(
            f'<rect class="seg" data-status="{s}" data-count="{c}"{attr} x="{n(x)}" y="0" '
            f'width="{n(w)}" height="{n(height)}" fill="{COLORS[s]}"/>'
        )
        x += w
    if not parts:
        parts.append(f'<rect x="0" y="0" width="{n(width)}" height="{n(height)}" fill="{TRACK}"/>')
    label = ", ".join(f"{LABELS[s][1]} {counts.get(s, 0)}" for s in STATUSES if counts.get(s))
    return _svg(width, height, "".join(parts), cls, label or "no targets", fluid)


@dataclass(frozen=True)
class DotRow:
    """One row of the comparison chart, with the attributes that make it traceable."""

    label: str
    sublabel: str
    target: float
    target_max: float | None
    actual: float | None
    status: str
    attrs: str  # pre-escaped data-* attributes for the tooltip


def dot_domain(rows: Iterable[DotRow]) -> tuple[float, float]:
    """The axis of a dot plot: zero to a little past the largest value (or below zero)."""
    values: list[float] = [0.0]
    for r in rows:
        values += [v for v in (r.target, r.target_max, r.actual) if v is not None]
    lo, hi = min(values), max(values)
    lo = min(0.0, lo - 0.5) if lo < 0 else 0.0
    return lo, hi + max(0.5, (hi - lo) * 0.05)


def dot_plot(rows: Sequence[DotRow], *, width: float = 1020, row_h: float = 22,
             label_w: float = 150, unit: str = "%",
             domain: tuple[float, float] | None = None) -> str:  # fmt: skip
    """Targets (a thin grey bar from zero ending in a tick, a band for a range) and actuals
    (dots coloured by status) of many regions, one row each, on one axis; pass `domain` to
    share the axis between several plots."""
    lo, hi = domain or dot_domain(rows)
    plot_w = width - label_w - 170  # room on the right for "≈ 6.5% → 5.9% 1–9月"
    sc = Scale(lo, hi, plot_w)
    top = 24.0
    height = top + row_h * len(rows) + 8
    parts = [f'<g transform="translate({n(label_w)},0)">']
    for tick in _ticks(lo, hi):
        x = sc(tick)
        parts.append(
            f'<line x1="{n(x)}" x2="{n(x)}" y1="{n(top - 4)}" y2="{n(height - 8)}" '
            f'stroke="{"#9aa1ab" if tick == 0 else "#e4e7eb"}" stroke-width="1"/>'
            f'<text x="{n(x)}" y="{n(top - 9)}" class="axis" text-anchor="middle">'
            f"{esc(_tick_label(tick))}{esc(unit)}</text>"
        )
    parts.append("</g>")
    for i, r in enumerate(rows):
        y = top + i * row_h
        mid = y + row_h / 2
        x0 = sc(min(0.0, r.target))
        x1 = sc(max(r.target, 0.0))
        band = ""
        if r.target_max is not None and r.target_max > r.target:  # 6–6.5%: the range
            band = (
                f'<rect class="range" x="{n(sc(r.target))}" y="{n(mid - 5)}" '
                f'width="{n(sc(r.target_max) - sc(r.target))}" height="10" fill="#c9ced6" '
                'rx="2"/>'
            )
        row = [
            f'<g class="row" {r.attrs} tabindex="0">',
            f'<rect x="0" y="{n(y)}" width="{n(width)}" height="{n(row_h)}" '
            f'fill="{"#f7f8fa" if i % 2 else "#fff"}"/>',
            f'<text x="{n(label_w - 8)}" y="{n(mid + 4)}" text-anchor="end" class="rl">'
            f"{esc(r.label)}</text>",
            f'<g transform="translate({n(label_w)},0)">',
            f'<rect class="tbar" x="{n(x0)}" y="{n(mid - 2)}" width="{n(max(x1 - x0, 1))}" '
            f'height="4" fill="{TARGET_BAND}" rx="1"/>{band}',
            f'<line x1="{n(sc(r.target))}" x2="{n(sc(r.target))}" y1="{n(mid - 7)}" '
            f'y2="{n(mid + 7)}" stroke="{INK}" stroke-width="2"/>',
        ]
        if r.actual is not None:
            row.append(
                f'<circle class="mark" data-status="{esc(r.status)}" cx="{n(sc(r.actual))}" '
                f'cy="{n(mid)}" r="5.5" fill="{COLORS.get(r.status, INK)}" stroke="#fff" '
                'stroke-width="1.5"/>'
            )
        else:
            row.append(
                f'<circle class="mark" data-status="{esc(r.status)}" cx="{n(sc(r.target))}" '
                f'cy="{n(mid)}" r="4.5" fill="#fff" stroke="{COLORS["no_data"]}" '
                'stroke-width="1.5"/>'
            )
        row.append(
            f'<text x="{n(plot_w + 8)}" y="{n(mid + 4)}" class="rv">{esc(r.sublabel)}</text>'
        )
        row.append("</g></g>")
        parts.append("".join(row))
    return _svg(width, height, "".join(parts), "dots", "comparison")


def _ticks(lo: float, hi: float) -> Iterable[float]:
    # at most about ten ticks on a 1-2-2.5-5 ladder at any magnitude (never below 0.5):
    # a misread figure of 13230% must widen the axis, not break the page
    raw = max((hi - lo) / 10, 1e-9)
    mag = 10 ** math.floor(math.log10(raw))
    step = max(0.5, next(m * mag for m in (1, 2, 2.5, 5, 10) if raw <= m * mag * (1 + 1e-12)))
    k = int(lo // step)
    while k * step <= hi:
        yield round(k * step, 6)
        k += 1


def _tick_label(v: float) -> str:
    return f"{v:g}"


def legend(statuses: Iterable[str] = STATUSES) -> str:
    items = "".join(
        f'<span class="lg"><i style="background:{COLORS[s]}"></i>{LABELS[s][0]} '
        f'<small>{LABELS[s][1]}</small></span>'
        for s in statuses
    )
    return f'<div class="legend">{items}</div>'
