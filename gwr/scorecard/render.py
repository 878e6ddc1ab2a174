"""The scorecard's pages: a region's report year, the comparison of a year's GDP targets
across regions, and the index. The views are in `sections`, the shell in `page`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gwr.scorecard import charts
from gwr.scorecard.charts import LABELS, esc
from gwr.scorecard.fmt import LEVELS, period_label, quantity, region_level, target_text
from gwr.scorecard.page import count_status, document, kpis, trace
from gwr.scorecard.query import STATUSES, ComparisonRow, PeriodPoint, ScorecardData, Target
from gwr.scorecard.sections import (
    departments_section,
    periods_section,
    report_card_section,
    targets_sections,
)


@dataclass(frozen=True)
class Links:
    """Where a page links to: the index, the region's other years, the comparison."""

    index: str
    years: list[tuple[int, str]]
    comparison: str | None


def _as_of(targets: Sequence[Target], periods: dict[str, list[PeriodPoint]]) -> dt.date | None:
    ends = [t.period_end for t in targets if t.period_end]
    ends += [p.period_end for t in targets for p in periods.get(t.target_id, [])]
    return max(ends) if ends else None


def region_page(region: str, year: int, data: ScorecardData, links: Links) -> str:
    targets = data.targets.get((region, year), [])
    counts = count_status(t.status for t in targets)
    as_of = _as_of(targets, data.periods)
    other = "".join(
        f'<a href="{esc(href)}">{y}</a>' if y != year else f"<b>{y}</b>"
        for y, href in links.years
    )
    nav = [f'<a href="{esc(links.index)}">← 全部地区 all regions</a>']
    if len(links.years) > 1:
        nav.append(f"<span> · 年份 {other}</span>")
    if links.comparison:
        nav.append(f'<a href="{esc(links.comparison)}">{year}年地区比较 comparison</a>')
    sources = sorted({t.source.split("#", 1)[0] for t in targets})
    body = [
        f'<header class="top"><div><h1>{esc(region)} {year}年目标完成情况'
        "<small>Government work report scorecard</small></h1>"
        f'<div class="meta">{len(targets)} 项目标 targets · 数据截至 data as of '
        f"{esc(as_of.isoformat() if as_of else '— (尚无实际值 no actuals yet)')} · 报告 report: "
        f"{esc('; '.join(sources))}</div></div><nav>{''.join(nav)}</nav></header>",
        f'<section id="summary">{kpis(counts)}'
        f"{charts.stack(counts, width=1000, height=10, cls='stack wide', fluid=True)}"
        f"{charts.legend()}"
        '<p class="note" style="margin:6px 0 0">悬停查看出处，点击固定显示报告原文与数据来源。'
        " Hover a row for its source; click to pin the report's quote and the file, sheet and"
        " row the actual came from.</p></section>",
        targets_sections(targets, year),
        periods_section(targets, data.periods),
        departments_section(data.departments.get((region, year), [])),
        report_card_section(data.report_card.get(region, []), year),
        _footer(data),
    ]
    return document(f"{region} {year} scorecard", "".join(body))


def _footer(data: ScorecardData) -> str:
    return (
        "<footer>gwr-warehouse scorecard · 由数据仓库 mart.v_scorecard、mart.fct_variance 生成 · "
        f"{data.documents} 份输入文件 input files · 状态判定规则见 README "
        "(How variance is judged)</footer>"
    )


def comparison_page(year: int, rows: Sequence[ComparisonRow], index: str,
                    pages: dict[str, str]) -> str:  # fmt: skip
    """GDP growth target and actual of every region with one, by level, sorted."""
    by_level: dict[str, list[ComparisonRow]] = {}
    for r in rows:
        by_level.setdefault(region_level(r.region, r.region_code), []).append(r)
    blocks = []
    # one axis for every level, so that a province and a county can be compared by eye
    domain = charts.dot_domain(
        charts.DotRow("", "", r.value, r.value_max, r.actual_value, r.status, "") for r in rows
    )
    for level in LEVELS:
        group = by_level.get(level)
        if not group:
            continue
        group = sorted(group, key=_comparison_order)
        dots = []
        for r in group:
            tgt = target_text(r.comparator, r.value, "%", r.value_max)
            act = quantity(r.actual_value, "%") if r.actual_value is not None else "—"
            when = period_label(r.period_start, r.period_end)
            title = (
                f"{r.region} {year}年地区生产总值增速 · 目标 {tgt} · 实际 {act}"
                + (f"（{when}）" if when else "") + f" · {LABELS[r.status][0]}"
            )  # fmt: skip
            dots.append(
                charts.DotRow(
                    label=r.region,
                    sublabel=f"{tgt} → {act}" + (f" {when}" if when else ""),
                    target=r.value,
                    target_max=r.value_max,
                    actual=r.actual_value if r.status not in ("not_comparable",) else None,
                    status=r.status,
                    attrs=trace(title, r.quote, r.source, r.actual_quote, r.actual_source),
                )
            )
        zh, en = LEVELS[level]
        links = " ".join(
            f'<a href="{esc(pages[r.region])}">{esc(r.region)}</a>'
            for r in sorted(group, key=lambda r: r.region)
            if r.region in pages
        )
        blocks.append(
            f'<section id="level-{level}"><h2>{zh}<small>{en} ({len(group)})</small></h2>'
            f"{charts.dot_plot(dots, domain=domain)}"
            + (f'<p class="note" style="margin-top:8px">各地 pages: {links}</p>' if links else "")
            + "</section>"
        )
    counts = count_status(r.status for r in rows)
    body = (
        f'<header class="top"><div><h1>{year}年地区生产总值增长目标与实际'
        "<small>GDP growth: target and actual by region</small></h1>"
        f'<div class="meta">{len(rows)} 个地区 regions · 按目标从高到低排序 sorted by target</div>'
        f'</div><nav><a href="{esc(index)}">← 全部地区 all regions</a></nav></header>'
        f'<section id="summary">{kpis(counts)}'
        '<div class="keys">灰线与竖线 = 目标 target (区间目标为灰块 a band for 6–6.5%), '
        "圆点 = 最新实际值 latest actual，颜色为状态 coloured by status；"
        "空心圆 = 暂无实际值 no actual yet."
        f"</div>{charts.legend()}</section>"
        f"{''.join(blocks)}{_footer_plain()}"
    )
    return document(f"{year} GDP growth comparison", body)


def _comparison_order(r: ComparisonRow) -> tuple[float, float, str]:
    """Highest target first; among equal targets the higher actual, then the name."""
    return (-r.value, -(r.actual_value if r.actual_value is not None else -1e9), r.region)


def _footer_plain() -> str:
    return (
        "<footer>gwr-warehouse scorecard · 实际值为各地最新值："
        "次年报告回顾的全年数，或最新报表期数。"
        " Actual = the latest: the whole-year figure of the next report's review, or the"
        " latest spreadsheet period.</footer>"
    )


def index_page(data: ScorecardData, pages: dict[tuple[str, int], str],
               comparisons: dict[int, str]) -> str:  # fmt: skip
    rows = []
    totals: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for (region, year), href in sorted(pages.items()):
        targets = data.targets.get((region, year), [])
        c = count_status(t.status for t in targets)
        for s in STATUSES:
            totals[s] += c[s]
        cells = "".join(f'<td class="n">{c[s] or ""}</td>' for s in STATUSES)
        rows.append(
            f'<tr><td><a href="{esc(href)}">{esc(region)}</a></td><td>{year}</td>'
            f'<td class="n">{len(targets)}</td><td>{charts.stack(c, width=200)}</td>'
            f"{cells}</tr>"
        )
    comp = "".join(
        f'<li><a href="{esc(href)}">{y}年地区生产总值增长：目标与实际 GDP growth by region</a>'
        f" ({len(data.comparison.get(y, []))})</li>"
        for y, href in sorted(comparisons.items())
    )
    heads = "".join(
        f'<th class="n" title="{LABELS[s][1]}">{LABELS[s][0]}</th>' for s in STATUSES
    )
    as_of = data.data_as_of.isoformat() if data.data_as_of else "—"
    body = (
        '<header class="top"><div><h1>政府工作报告目标完成情况'
        "<small>Scorecard: promises kept, by region and year</small></h1>"
        f'<div class="meta">{len(pages)} 页 pages · {data.documents} 份输入文件 input files · '
        f"数据截至 data as of {esc(as_of)}</div></div></header>"
        f'<section id="summary">{kpis(totals)}{charts.legend()}</section>'
        + (
            f'<section id="comparisons"><h2>地区比较<small>Comparisons</small></h2><ul>{comp}'
            "</ul></section>"
            if comp
            else ""
        )
        + '<section id="pages"><h2>各地区各年度<small>Regions and years</small></h2>'
        '<table><thead><tr><th>地区 region</th><th>年度 year</th><th class="n">目标<br>targets'
        f"</th><th>状态 status</th>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "</section>" + _footer(data)
    )
    return document("gwr scorecard", body)


__all__ = ["Links", "comparison_page", "index_page", "region_page"]
