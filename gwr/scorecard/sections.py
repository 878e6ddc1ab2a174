"""The views of a region's page, each an HTML <section>: the targets (main list, key tasks,
later years), attainment over the periods, the departments and the report card.

Every text taken from the warehouse goes through `esc`; every mark carries `data-status`
and the provenance attributes of `page.trace`.
"""

from __future__ import annotations

from collections.abc import Sequence

from gwr.scorecard import charts
from gwr.scorecard.charts import LABELS, esc
from gwr.scorecard.fmt import MEASURES, pct, period_label, quantity, target_text
from gwr.scorecard.page import count_status, pill, trace
from gwr.scorecard.query import STATUSES, CardEntry, DepartmentRow, PeriodPoint, Target

# --- the targets -------------------------------------------------------------------------


def _base_factor(t: Target) -> float:
    if t.value and t.value_base is not None:
        return t.value_base / t.value
    return 1.0


def _bullet(t: Target) -> str:
    label = ""  # the row's text says what the bar shows
    comparable = t.status not in ("no_data", "not_comparable")
    if t.accumulation == "flow":
        return charts.bullet_flow(
            t.attainment_ratio if comparable else None,
            t.expected_progress if comparable else None,
            t.status,
            label=label,
        )
    vmax = t.value_max * _base_factor(t) if t.value_max is not None else None
    return charts.bullet_rate(
        t.actual_value_base if comparable else None, t.value_base, vmax, t.status, label=label
    )


def target_title(t: Target) -> str:
    parts = [t.name_zh, "目标 " + target_text(t.comparator, t.value, t.unit, t.value_max)]
    if t.actual_value is not None:
        parts.append(
            f"实际 {quantity(t.actual_value, t.actual_unit)}"
            + (f"（{period_label(t.period_start, t.period_end)}）" if t.period_end else "")
        )
    if t.accumulation == "flow" and t.attainment_ratio is not None:
        parts.append(f"完成 {pct(t.attainment_ratio)}")
        if t.expected_progress is not None:
            parts.append(f"时间进度 {pct(t.expected_progress)}")
    parts.append(LABELS.get(t.status, (t.status,))[0])
    return " · ".join(parts)


def _actual_cell(t: Target) -> str:
    if t.actual_value is None:
        note = "待统计" if t.period_end else "尚无实际值"
        return f'<div class="av">—<small>{note}</small></div>'
    when = period_label(t.period_start, t.period_end)
    who = t.actual_department or ("报告 report" if t.actual_source_kind == "report" else "")
    sub = " · ".join(x for x in (when, who) if x)
    if t.accumulation == "flow" and t.attainment_ratio is not None:
        sub = f"完成 {pct(t.attainment_ratio)}" + (
            f" / 时间 {pct(t.expected_progress)}" if t.expected_progress is not None else ""
        ) + f" · {when}"  # fmt: skip
    warn = ' <span class="warn" title="sources disagree">⚑</span>' if t.conflicting else ""
    return (
        f'<div class="av">{esc(quantity(t.actual_value, t.actual_unit))}{warn}'
        f"<small>{esc(sub)}</small></div>"
    )


def target_row(t: Target) -> str:
    measure_zh, measure_en = MEASURES.get(t.measure, (t.measure, t.measure))
    en = f"<small>{esc(t.name_en)}</small>" if t.name_en else ""
    if t.name_en is None and t.indicator_text and t.indicator_text != t.name_zh:
        en = f"<small>{esc(t.indicator_text)}</small>"
    return (
        f'<div class="t" tabindex="0" data-status="{esc(t.status)}" '
        f'data-target="{esc(t.target_id)}" '
        f"{trace(target_title(t), t.quote, t.source, t.actual_quote, t.actual_source)}>"
        f'<div class="nm"><b>{esc(t.name_zh)}</b>{en}</div>'
        f'<div class="tv">{esc(target_text(t.comparator, t.value, t.unit, t.value_max))}'
        f"<small>{esc(measure_zh)} {esc(measure_en)}</small></div>"
        f"{_bullet(t)}{_actual_cell(t)}<div>{pill(t.status)}</div></div>"
    )


def _bullet_key() -> str:
    flow = charts.bullet_flow(0.6, 0.75, "behind", width=90, height=16, label="example",
                              mark="example")  # fmt: skip
    rate = charts.bullet_rate(5.6, 6.0, None, "behind", width=90, height=16, label="example",
                              mark="example")  # fmt: skip
    return (
        f'<div class="keys">数量目标 flows {flow} 条形 = 已完成占全年目标 share done, '
        "黑线 = 时间进度 share of the year elapsed (时间过半任务过半), 虚线 = 100%"
        f"<br>速度/比率目标 rates {rate} 条形 = 实际值 actual, 黑线 = 目标 target</div>"
    )


def _section_parts(section: str) -> list[str]:
    return [p.strip() for p in section.split(" > ")]


def _grouped_rows(targets: Sequence[Target]) -> str:
    """Rows under the report's headings: the second level of the section path as a heading,
    deeper levels as a small label, in the report's order."""
    body: list[str] = []
    group: str | None = None
    sub: str | None = None
    for t in targets:
        parts = _section_parts(t.section)
        g = (parts[1] if len(parts) > 1 else parts[0]) or "其他 other"
        s = " › ".join(parts[2:])
        if g != group:
            if group is not None:
                body.append("</div>")
            body.append(f'<h3>{esc(g)}</h3><div class="rows">')
            group, sub = g, None
        if s and s != sub:
            body.append(f"<h4>{esc(s)}</h4>")
            sub = s
        body.append(target_row(t))
    body.append("</div>")
    return "".join(body)


def targets_sections(targets: Sequence[Target], year: int) -> str:
    """The report's targets for its own year (main list, then key tasks) and, apart, those
    it sets for later years (到2027年 …)."""
    this_year = [t for t in targets if t.year == year]
    main = [t for t in this_year if t.is_main]
    tasks = [t for t in this_year if not t.is_main]
    later = sorted((t for t in targets if t.year != year), key=lambda t: t.year)
    out = []
    key = _bullet_key()
    if main:
        out.append(
            '<section id="main"><h2>主要预期目标<small>Main targets of the year</small></h2>'
            f'<p class="note">出自 from: {esc(main[0].section)}</p>{key}'
            f'<div class="rows">{"".join(target_row(t) for t in main)}</div></section>'
        )
        key = ""
    if tasks:
        out.append(
            '<section id="tasks"><h2>重点工作目标<small>Targets of the key tasks</small></h2>'
            f'<p class="note">出自 from: {esc(_section_parts(tasks[0].section)[0])}</p>{key}'
            f"{_grouped_rows(tasks)}</section>"
        )
        key = ""
    if later:
        years = sorted({t.year for t in later})
        out.append(
            '<section id="later"><h2>远期目标<small>Targets for later years: '
            f"{', '.join(str(y) for y in years)}</small></h2>"
            '<p class="note">本报告提出的以后年度目标（如“到2027年”），按目标年度判定。'
            " Targets this report sets for later years, judged against the actuals of"
            f" their own year.</p>{key}"
            + "".join(
                f'<h3>{y}年 by {y}</h3><div class="rows">'
                + "".join(target_row(t) for t in later if t.year == y)
                + "</div>"
                for y in years
            )
            + "</section>"
        )
    return "".join(out)


# --- attainment over the periods -----------------------------------------------------------


def periods_section(targets: Sequence[Target], periods: dict[str, list[PeriodPoint]]) -> str:
    flows = [t for t in targets if t.accumulation == "flow" and periods.get(t.target_id)]
    if not flows:
        return ""
    # the furthest behind first: attainment minus the share of the year elapsed, latest period
    flows.sort(key=lambda t: _lag(periods[t.target_id][-1]))
    spans = sorted({(p.period_start, p.period_end) for t in flows for p in periods[t.target_id]},
                   key=lambda s: (s[1], s[0]))  # fmt: skip
    head = "".join(f'<th>{esc(period_label(a, b))}</th>' for a, b in spans)
    rows = []
    for t in flows:
        by_span = {(p.period_start, p.period_end): p for p in periods[t.target_id]}
        cells = []
        for span in spans:
            p = by_span.get(span)
            if p is None:
                cells.append("<td></td>")
                continue
            comparable = p.status not in ("no_data", "not_comparable")
            svg = charts.bullet_flow(
                p.attainment_ratio if comparable else None,
                p.expected_progress if comparable else None,
                p.status, width=120, height=18, label=f"{t.name_zh} {period_label(*span)}",
            )  # fmt: skip
            title = (
                f"{t.name_zh} · {period_label(*span)} · 实际 "
                f"{quantity(p.actual_value, p.actual_unit)} · 完成 {pct(p.attainment_ratio)}"
                f" / 时间进度 {pct(p.expected_progress)} · {LABELS[p.status][0]}"
            )
            cells.append(
                f'<td class="pc" data-status="{esc(p.status)}" '
                f'{trace(title, t.quote, t.source, None, p.source)}>{svg}'
                f"<span>{pct(p.attainment_ratio)}</span></td>"
            )
        rows.append(
            f"<tr><td>{esc(t.name_zh)}<br><small class=\"meta\">"
            f"{esc(target_text(t.comparator, t.value, t.unit, t.value_max))}</small></td>"
            f"{''.join(cells)}</tr>"
        )
    return (
        '<section id="periods"><h2>分期完成进度<small>Attainment over the periods reported'
        "</small></h2>"
        '<p class="note">数量目标（新增、新建、完成投资…）按报告期累计完成占全年目标的比例；'
        "黑线为时间进度。"
        " Flow targets: cumulative share of the annual target done at each reported period;"
        " the dark tick is the share of the year elapsed.</p>"
        f"<table><thead><tr><th>指标 indicator</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _lag(p: PeriodPoint) -> float:
    if p.attainment_ratio is None or p.expected_progress is None:
        return float("inf")
    return p.attainment_ratio - p.expected_progress


# --- departments ---------------------------------------------------------------------------


def departments_section(departments: Sequence[DepartmentRow]) -> str:
    if not departments:
        return ""
    rows = []
    for d in departments:
        tips = {
            s: f"{LABELS[s][0]} {LABELS[s][1]}: " + "、".join(d.names.get(s, []))
            for s in STATUSES
        }
        total = sum(d.counts.values())
        counts = "".join(
            f'<td class="n" data-status="{s}">{d.counts[s] or ""}</td>' for s in STATUSES
        )
        rows.append(
            f'<tr class="trace" {trace(d.name_zh, None, None, None, "; ".join(d.files))}>'
            f"<td>{esc(d.name_zh)}<br><small class=\"meta\">{esc(d.name_en or '')}</small></td>"
            f'<td class="n">{d.values_reported}</td><td class="n">{total}</td>'
            f"<td>{esc(period_label(d.latest_start, d.latest_end))}</td>"
            f"<td>{charts.stack(d.counts, width=180, titles=tips)}</td>{counts}</tr>"
        )
    heads = "".join(
        f'<th class="n" title="{LABELS[s][1]}">{LABELS[s][0]}</th>' for s in STATUSES
    )
    return (
        '<section id="departments"><h2>部门报送情况<small>Departments</small></h2>'
        '<p class="note">每个部门报送的数值、涉及的目标（同一地区、指标和年度）及其最新状态。'
        " Per department: values reported, the targets they are about, the latest period,"
        " and those targets by their latest status.</p>"
        '<table><thead><tr><th>部门 department</th><th class="n">报送数值<br>values</th>'
        '<th class="n">涉及目标<br>targets</th><th>最新报告期<br>latest period</th>'
        f"<th>状态 status</th>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "</section>"
    )


# --- the report card -----------------------------------------------------------------------


def report_card_section(entries: Sequence[CardEntry], this_year: int) -> str:
    """Each year's targets against the whole-year actuals the next report states."""
    if not entries:
        return ""
    years = sorted({e.year for e in entries})
    by_key: dict[str, dict[int, CardEntry]] = {}
    names: dict[str, CardEntry] = {}
    for e in entries:
        by_key.setdefault(e.indicator_key, {}).setdefault(e.year, e)
        names.setdefault(e.indicator_key, e)
    # the indicators judged in most years first, then by name: the long-running promises
    keys = sorted(by_key, key=lambda k: (-len(by_key[k]), names[k].name_zh, k))
    summary = []
    for y in years:
        c = count_status(e.status for e in entries if e.year == y)
        summary.append(
            f"<tr><td>{y}年目标{' (本页)' if y == this_year else ''}</td>"
            f'<td class="n">{c["met"]}</td><td class="n">{c["missed"]}</td>'
            f"<td>{charts.stack(c, width=220, cls='stack')}</td></tr>"
        )
    def table(keys: list[str]) -> str:
        head = "".join(f'<th class="yr">{y}</th>' for y in years)
        rows = []
        for k in keys:
            cells = []
            for y in years:
                e = by_key[k].get(y)
                if e is None:
                    cells.append("<td></td>")
                    continue
                tgt = target_text(e.comparator, e.value, e.unit, e.value_max)
                act = quantity(e.actual_value, e.actual_unit)
                mark = "✓" if e.status == "met" else "✗"
                title = f"{e.name_zh} {y}年 · 目标 {tgt} · 实际 {act} · {LABELS[e.status][0]}"
                cells.append(
                    f'<td><span class="card mark {esc(e.status)}" data-status="{esc(e.status)}" '
                    f"{trace(title, e.quote, e.source, e.actual_quote, e.actual_source)}>"
                    f"{mark} {esc(tgt)} → {esc(act)}</span></td>"
                )
            n = names[k]
            en = f"<small>{esc(n.name_en)}</small>" if n.name_en else ""
            rows.append(
                f'<tr><td class="ind"><b>{esc(n.name_zh)}</b>{en}</td>{"".join(cells)}</tr>'
            )
        return (
            f'<div class="scroll"><table class="cardt"><thead><tr><th>指标 indicator</th>{head}'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )

    # Indicators promised in several years are the story; the ones judged once follow,
    # folded, so that a long run of national reports stays readable.
    repeated = [k for k in keys if len(by_key[k]) > 1]
    once = [k for k in keys if len(by_key[k]) == 1]
    parts = [table(repeated)] if repeated else []
    if once:
        inner = table(once)
        parts.append(
            inner
            if not repeated
            else f"<details><summary>其余 {len(once)} 项指标只有一年可对照 "
            f"indicators judged in one year only</summary>{inner}</details>"
        )
    return (
        '<section id="card"><h2>历年目标兑现<small>Report card: each year\'s targets against '
        "the next report's figures</small></h2>"
        '<p class="note">第N年报告提出的目标，对照第N+1年报告回顾中的全年实际值（或全年统计数），'
        "判定完成或未完成。"
        " Targets of the report for year N against the whole-year actuals stated in the"
        " review of the report for year N+1.</p>"
        '<table style="width:auto;margin-bottom:12px"><thead><tr><th>年度 year</th>'
        '<th class="n">完成 met</th><th class="n">未完成 missed</th><th></th></tr></thead>'
        f"<tbody>{''.join(summary)}</tbody></table>{''.join(parts)}</section>"
    )
