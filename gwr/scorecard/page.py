"""The HTML shell every scorecard page shares: styles and the few lines of script inline, no
network, fonts from the system; plus the small pieces every view uses (status pills, the
summary counts, the provenance attributes).

Provenance travels in `data-*` attributes that the script reads with `getAttribute` and
writes with `textContent`, never as HTML: a quote is always shown as text.
"""

from __future__ import annotations

from collections.abc import Iterable

from gwr.scorecard import charts
from gwr.scorecard.charts import COLORS, LABELS, esc
from gwr.scorecard.query import STATUSES

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
