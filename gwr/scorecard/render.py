"""The scorecard pages as self-contained HTML: styles and the few lines of script inline,
no network, fonts from the system.

Every text taken from the warehouse goes through `esc` (region names, quotes and file
names come from input files). Provenance travels in `data-*` attributes that the script
reads with `getAttribute` and writes with `textContent`, never as HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gwr.scorecard import charts
from gwr.scorecard.charts import COLORS, LABELS, esc
from gwr.scorecard.fmt import (
    LEVELS,
    MEASURES,
    pct,
    period_label,
    quantity,
    region_level,
    target_text,
)
from gwr.scorecard.query import (
    STATUSES,
    CardEntry,
    ComparisonRow,
    DepartmentRow,
    PeriodPoint,
    ScorecardData,
    Target,
)

FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", sans-serif'
)

CSS = (
    """
*{box-sizing:border-box}
body{margin:0;background:#f5f6f8;color:#2b2f36;font:14px/1.5 FONTS;
-webkit-font-smoothing:antialiased}
main{max-width:1120px;margin:0 auto;padding:24px 28px 80px}
header.top{display:flex;justify-content:space-between;align-items:flex-end;gap:16px;
flex-wrap:wrap;margin-bottom:18px}
h1{font-size:24px;font-weight:600;margin:0}
h1 small,h2 small,h3 small{font-weight:400;color:#6b7280;font-size:.62em;margin-left:8px}
h2{font-size:18px;font-weight:600;margin:0 0 4px}
h3{font-size:14px;font-weight:600;margin:18px 0 6px;color:#3d4450}
h4{font-size:12px;font-weight:500;margin:12px 0 2px;color:#6b7280}
nav a,a{color:#2456a6;text-decoration:none}
nav a:hover,a:hover{text-decoration:underline}
nav{font-size:13px;color:#6b7280}
nav a,nav b{margin-left:12px}
.meta{color:#6b7280;font-size:12px}
section{background:#fff;border:1px solid #e3e6ea;border-radius:8px;padding:18px 20px;
margin:16px 0}
.note{color:#6b7280;font-size:12px;margin:0 0 10px}
.kpis{display:flex;gap:10px;flex-wrap:wrap;margin:10px 0 12px}
.kpi{flex:1 1 110px;border:1px solid #e3e6ea;border-radius:6px;padding:8px 12px;
background:#fbfbfc}
.kpi b{display:block;font-size:22px;font-weight:600;line-height:1.2}
.kpi span{font-size:12px;color:#6b7280}
.kpi i{display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;color:#4b5260;margin:8px 0}
.lg i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;
vertical-align:-1px}
.lg small{color:#8a919c}
.keys{font-size:12px;color:#6b7280;margin:4px 0 8px}
.keys svg{vertical-align:middle;margin:0 4px}
.rows{border-top:1px solid #eef0f2}
.t{display:grid;grid-template-columns:minmax(180px,1fr) 118px 244px 178px 86px;gap:12px;
align-items:center;padding:6px 6px;border-bottom:1px solid #eef0f2;cursor:pointer;
border-radius:4px}
.t:hover,.t:focus,.t.sel{background:#f1f5fb;outline:none}
.nm{min-width:0}
.nm b{font-weight:500}
.nm small,.tv small,.av small{display:block;color:#8a919c;font-size:11px;line-height:1.3;
overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.tv,.av{font-variant-numeric:tabular-nums;white-space:nowrap}
.pill{display:inline-block;font-size:12px;line-height:18px;padding:0 8px;border-radius:9px;
color:#fff;white-space:nowrap}
.pill.no_data,.pill.behind,.pill.on_track{color:#1f2329}
.kpi.zero{opacity:.5}
.warn{color:#b06d00;font-size:11px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th{font-weight:500;font-size:12px;color:#6b7280;text-align:left;padding:6px 8px;
border-bottom:1px solid #e3e6ea;white-space:nowrap}
td{padding:6px 8px;border-bottom:1px solid #eef0f2;vertical-align:middle}
td.n,th.n{text-align:right}
tr.trace{cursor:pointer}
tr.trace:hover,tr.trace.sel{background:#f1f5fb}
.pc{white-space:nowrap;cursor:pointer}
.pc svg{vertical-align:middle}
.pc span{font-size:12px;margin-left:6px;color:#4b5260}
.card{display:inline-block;padding:1px 6px;border-radius:3px;font-size:11px;cursor:pointer;
white-space:nowrap;border-left:3px solid}
.scroll{overflow-x:auto}
.cardt td{padding:4px 6px}
.cardt td.ind{min-width:200px;max-width:280px}
.cardt td.ind small{display:block;color:#8a919c;font-size:11px;white-space:nowrap;
overflow:hidden;text-overflow:ellipsis}
th.yr{text-align:left}
details{margin-top:10px}
summary{cursor:pointer;color:#2456a6;font-size:13px;margin-bottom:6px}
.card.met{background:#eef6f0;border-color:#23794a}
.card.missed{background:#fbefee;border-color:#c9483e}
.dots text.rl{font-size:12px;fill:#2b2f36}
.dots text.rv{font-size:11px;fill:#6b7280}
.dots text.axis{font-size:11px;fill:#8a919c}
.dots .row{cursor:pointer;outline:none}
.dots .row:hover rect:first-child,.dots .row.sel rect:first-child{fill:#eaf0f8}
svg text{font-family:FONTS}
#tip{position:fixed;z-index:10;max-width:420px;background:#fff;border:1px solid #cfd4da;
border-radius:6px;box-shadow:0 4px 16px rgba(30,40,60,.14);padding:8px 10px;font-size:12px;
pointer-events:none}
#detail{position:fixed;z-index:11;right:20px;bottom:20px;width:440px;max-height:60vh;
overflow:auto;background:#fff;border:1px solid #cfd4da;border-radius:8px;
box-shadow:0 8px 28px rgba(30,40,60,.18);padding:12px 14px 14px;font-size:13px}
#detail button{float:right;border:0;background:none;font-size:18px;line-height:1;
cursor:pointer;color:#6b7280}
.tt{font-weight:600;margin-bottom:4px}
.tl{color:#8a919c;font-size:11px;margin-top:6px}
.tq{border-left:3px solid #cfd4da;padding:2px 8px;margin:2px 0;color:#2b2f36}
.ts{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11px;color:#4b5260;
word-break:break-all}
[hidden]{display:none!important}
footer{color:#8a919c;font-size:12px;margin-top:24px}
@media print{#tip,#detail{display:none}}
@media (max-width:900px){main{padding:16px 10px 60px}section{padding:12px}
.t{grid-template-columns:1fr auto;gap:4px 10px}.t .bullet{grid-column:1/-1;width:100%}
#detail{left:10px;right:10px;width:auto}}
""".replace("FONTS", FONTS)
    .strip()
    .replace("\n", "")
    + charts.CSS
)

# Hover shows where a number came from; click (or Enter) pins it in a panel so the quote
# can be read and copied. Only textContent is written: the data stays text.
JS = """
(function(){
var tip=document.getElementById('tip'),box=document.getElementById('detail'),sel=null;
var F=[['data-title','','tt'],['data-quote','报告原文 Report quote','tq'],
['data-src','出处 Source','ts'],['data-aquote','实际值原文 Actual quote','tq'],
['data-asrc','实际值来源 Actual source','ts'],['data-tip','','']];
function fill(el,into){while(into.firstChild)into.removeChild(into.firstChild);
F.forEach(function(f){var v=el.getAttribute(f[0]);if(!v)return;
if(f[1]){var l=document.createElement('div');l.className='tl';l.textContent=f[1];
into.appendChild(l);}var d=document.createElement('div');d.className=f[2];d.textContent=v;
into.appendChild(d);});}
function find(e){var t=e.target;return t&&t.closest?t.closest('[data-src],[data-tip]'):null;}
function place(e){var w=tip.offsetWidth,h=tip.offsetHeight,x=e.clientX+14,y=e.clientY+14;
if(x+w>innerWidth-8)x=e.clientX-w-14;if(y+h>innerHeight-8)y=e.clientY-h-14;
tip.style.left=Math.max(4,x)+'px';tip.style.top=Math.max(4,y)+'px';}
document.addEventListener('mouseover',function(e){var el=find(e);
if(!el){tip.hidden=true;return;}fill(el,tip);tip.hidden=false;place(e);});
document.addEventListener('mousemove',function(e){if(!tip.hidden)place(e);});
function pin(el){if(sel)sel.classList.remove('sel');sel=el;el.classList.add('sel');
fill(el,box.querySelector('.body'));box.hidden=false;}
document.addEventListener('click',function(e){if(e.target.closest('#detail'))return;
var el=find(e);if(el){pin(el);tip.hidden=true;}});
document.addEventListener('keydown',function(e){if(e.key==='Escape'){box.hidden=true;
tip.hidden=true;}else if(e.key==='Enter'){var el=find(e);if(el)pin(el);}});
box.querySelector('button').addEventListener('click',function(){box.hidden=true;
if(sel)sel.classList.remove('sel');});
})();
""".strip()


def trace(title: str = "", quote: str | None = None, src: str | None = None,
          aquote: str | None = None, asrc: str | None = None) -> str:  # fmt: skip
    """The data-* attributes the tooltip and the detail panel read."""
    pairs = (("data-title", title), ("data-quote", quote), ("data-src", src or "—"),
             ("data-aquote", aquote), ("data-asrc", asrc))  # fmt: skip
    return " ".join(f'{k}="{esc(v)}"' for k, v in pairs if v)


def document(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        # no network at all, whatever a quote contains: only inline styles and scripts
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>{body}</main>"
        '<div id="tip" hidden></div>'
        '<div id="detail" hidden><button type="button" aria-label="close">×</button>'
        '<div class="body"></div></div>'
        f"<script>{JS}</script></body></html>\n"
    )


def pill(status: str) -> str:
    zh, en = LABELS.get(status, (status, status))
    return (
        f'<span class="pill {esc(status)}" title="{esc(en)}" '
        f'style="background:{COLORS.get(status, "#999")}">{esc(zh)}</span>'
    )


def kpis(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    items = [f'<div class="kpi"><b>{total}</b><span>目标 targets</span></div>']
    for s in STATUSES:
        zh, en = LABELS[s]
        items.append(
            f'<div class="kpi{"" if counts.get(s) else " zero"}" data-status="{s}">'
            f"<b>{counts.get(s, 0)}</b>"
            f'<span><i style="background:{COLORS[s]}"></i>{zh} {en}</span></div>'
        )
    return f'<div class="kpis">{"".join(items)}</div>'


def count_status(statuses: Iterable[str]) -> dict[str, int]:
    out = dict.fromkeys(STATUSES, 0)
    for s in statuses:
        out[s] = out.get(s, 0) + 1
    return out


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


# --- pages ---------------------------------------------------------------------------------


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
