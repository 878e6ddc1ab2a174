"""The scorecard pages of a hand-made warehouse: what each view shows, traceability,
escaping, offline-ness and byte-for-byte determinism."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from helpers_scorecard import EVIL, EVIL_REGION, build_multi

from gwr.cli import main
from gwr.scorecard import render_all, write_scorecard
from gwr.scorecard.fmt import num, page_name, period_label, quantity, region_level, target_text
from gwr.scorecard.query import load_file


@pytest.fixture(scope="module")
def multi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_multi(tmp_path_factory.mktemp("wh") / "gwr.duckdb")


@pytest.fixture(scope="module")
def pages(multi: Path) -> dict[str, str]:
    return render_all(load_file(multi))


class Marks(HTMLParser):
    """Every element with a data-status, with the id of the <section> it sits in and the
    provenance attributes it carries."""

    def __init__(self) -> None:
        super().__init__()
        self.section: str | None = None
        self.items: list[tuple[str | None, str, dict[str, str | None]]] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section":
            self.section = a.get("id")
        if a.get("data-status") is not None:
            self.items.append((self.section, tag, a))
        for key in ("src", "href"):
            value = a.get(key) or ""
            if re.match(r"(?i)^(https?:)?//", value):
                self.external.append(value)
        if tag == "link" or (tag == "script" and a.get("src")):
            self.external.append(f"<{tag}>")


def marks(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    return parser


def by_status(html: str, sections: tuple[str, ...], cls: str = "mark") -> Counter[str]:
    return Counter(
        a["data-status"]
        for sec, _, a in marks(html).items
        if sec in sections and cls in (a.get("class") or "").split()
    )


def warehouse_counts(wh: Path, region: str, year: int) -> Counter[str]:
    """The statuses of every target the report of `region` for `year` states."""
    con = duckdb.connect(str(wh), read_only=True)
    try:
        rows = con.execute(
            "SELECT status, count(*) FROM mart.v_scorecard WHERE source_path = ? GROUP BY 1",
            [f"reports/{region}-{year}.txt"],
        ).fetchall()
    finally:
        con.close()
    return Counter(dict(rows))


# --- formatting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [(6.0, "6"), (5.9, "5.9"), (31890.0, "31,890"), (0.0123456, "0.01235"), (None, "—"),
     (-12.3, "-12.3"), (27.7, "27.7"), (4670.0, "4,670")],
)  # fmt: skip
def test_numbers(value: float | None, text: str) -> None:
    assert num(value) == text


def test_targets_and_quantities() -> None:
    assert target_text(">=", 2.8, "万人") == "≥ 2.8 万人"
    assert target_text("~", 6.0, "%") == "≈ 6%"
    assert target_text("=", 7.0, "%", 7.5) == "7–7.5%"
    assert target_text("=", None, None) == "定性目标"
    assert quantity(410.0, "亿元") == "410 亿元"


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [("2024-01-01", "2024-09-30", "1–9月"), ("2024-01-01", "2024-12-31", "全年"),
     ("2024-06-01", "2024-06-30", "6月"), ("2024-04-01", "2024-06-30", "4–6月"),
     ("2021-01-01", "2025-12-31", "2021–2025年")],
)  # fmt: skip
def test_period_labels(start: str, end: str, label: str) -> None:
    assert period_label(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == label


def test_page_names_are_safe_and_distinct() -> None:
    assert page_name("巴中市", None, 2024) == "巴中市-2024.html"
    assert page_name("巴中市", "511900", 2024) == "511900-2024.html"
    evil = page_name("../etc/passwd", None, 2024)
    assert "/" not in evil and ".." not in evil
    assert page_name("甲/乙", None, 2024) != page_name("甲_乙", None, 2024)


@pytest.mark.parametrize(
    ("region", "code", "level"),
    [("全国", None, "national"), ("四川省", None, "province"), ("重庆市", None, "province"),
     ("巴中市", None, "prefecture"), ("南江县", None, "county"), ("某地", "511900", "prefecture"),
     ("某地", "510000", "province"), ("某地", "511921", "county")],
)  # fmt: skip
def test_region_levels(region: str, code: str | None, level: str) -> None:
    assert region_level(region, code) == level


# --- what the pages show -------------------------------------------------------------------


def test_one_page_per_region_and_year_plus_comparison_and_index(pages: dict[str, str]) -> None:
    assert sorted(pages) == sorted([
        "index.html", "comparison-2024.html", "甲省-2023.html", "甲省-2024.html", "乙省-2024.html",
        page_name(EVIL_REGION, None, 2024),
    ])  # fmt: skip
    index = pages["index.html"]
    for name in pages:
        if name != "index.html":
            assert f'href="{name}"' in index


@pytest.mark.parametrize(("region", "year"), [("甲省", 2024), ("甲省", 2023), ("乙省", 2024)])
def test_one_mark_per_target_coloured_by_its_status(multi: Path, pages: dict[str, str],
                                                    region: str, year: int) -> None:  # fmt: skip
    html = pages[page_name(region, None, year)]
    assert by_status(html, ("main", "tasks", "later")) == warehouse_counts(multi, region, year)
    # the summary counts agree
    for status, count in warehouse_counts(multi, region, year).items():
        assert re.search(rf'data-status="{status}"><b>{count}</b>', html)


def test_main_targets_come_first_and_key_tasks_are_grouped(pages: dict[str, str]) -> None:
    html = pages["甲省-2024.html"]
    main = html[html.index('id="main"') : html.index('id="tasks"')]
    assert "地区生产总值" in main and "城镇新增就业" not in main
    tasks = html[html.index('id="tasks"') :]
    assert "（一）扩大有效投资" in tasks and "抓项目 › 交通" in tasks


def test_targets_for_later_years_stay_on_their_reports_page(pages: dict[str, str]) -> None:
    assert not [name for name in pages if "2027" in name]
    html = pages["甲省-2024.html"]
    later = html[html.index('id="later"') : html.index('id="periods"')]
    assert "2027年 by 2027" in later and "到2027年粮食总产量200万吨以上" in later
    assert by_status(html, ("later",)) == Counter({"no_data": 1})


def test_every_mark_is_traceable_to_a_quote_and_a_source(pages: dict[str, str]) -> None:
    html = pages["甲省-2024.html"]
    rows = [a for sec, tag, a in marks(html).items
            if sec in ("main", "tasks", "later") and tag == "div"]  # fmt: skip
    assert len(rows) == 8
    for a in rows:
        assert a["data-quote"], a
        assert re.fullmatch(r"reports/甲省-2024\.txt#chars=\d+-\d+", a["data-src"] or "")
    gdp = next(a for a in rows if a["data-quote"] == "地区生产总值增长6%")
    assert gdp["data-asrc"] == "spreadsheets/甲省/stats_2024-09.xlsx!进度!row 4"
    assert "5.8%（1–9月）" in (gdp["data-title"] or "")


def test_attainment_over_the_periods_for_flow_targets(pages: dict[str, str]) -> None:
    html = pages["甲省-2024.html"]
    section = html[html.index('id="periods"') : html.index('id="departments"')]
    assert [h for h in re.findall(r"<th>([^<]*)</th>", section)] == [
        "指标 indicator", "1–3月", "1–6月", "1–9月"]  # fmt: skip
    cells = [a for sec, tag, a in marks(html).items if sec == "periods" and tag == "td"]
    # jobs and roads, three periods each; GDP is a rate and the grain stock is not a flow
    assert len(cells) == 6
    assert {a["data-asrc"] for a in cells} >= {"spreadsheets/甲省/hrss_2024-06.xlsx!进度!row 5"}
    roads = [a for a in cells if "新改建农村公路" in (a["data-title"] or "")]
    assert [a["data-status"] for a in roads] == ["on_track", "on_track", "behind"]
    # the furthest behind comes first
    assert section.index("新改建农村公路") < section.index("城镇新增就业")


def test_department_view(pages: dict[str, str]) -> None:
    html = pages["甲省-2024.html"]
    section = html[html.index('id="departments"') : html.index("<footer")]
    rows = re.findall(r"<tr class=\"trace\".*?</tr>", section)
    assert len(rows) == 3
    stats = next(r for r in rows if "省统计局" in r)
    # values reported 5 (gdp x3, cpi, grain); targets: gdp behind, cpi on track, grain n/c
    assert re.search(r'<td class="n">5</td><td class="n">3</td><td>1–9月</td>', stats)
    assert 'data-status="behind" data-count="1"' in stats


def test_report_card_judges_last_years_targets(pages: dict[str, str]) -> None:
    for name in ("甲省-2023.html", "甲省-2024.html"):
        html = pages[name]
        assert by_status(html, ("card",)) == Counter({"met": 2, "missed": 1})
        assert "✗ ≥ 2.5 万人 → 2.4 万人" in html
    assert 'id="card"' not in pages["乙省-2024.html"]  # one year: no report card


def test_comparison_of_gdp_targets_sorted(multi: Path, pages: dict[str, str]) -> None:
    html = pages["comparison-2024.html"]
    labels = re.findall(r'<text x="[\d.]+" y="[\d.]+" text-anchor="end" class="rl">([^<]*)',
                        html)  # fmt: skip
    # by target, highest first, within each level: the provinces, then the name that is
    # no division (丙市<b> does not end in 市)
    assert labels == ["甲省", "乙省", "丙市&lt;b&gt;"]
    assert html.index('id="level-province"') < html.index('id="level-other"')
    dots = by_status(html, ("level-province", "level-other"))
    assert dots == Counter({"behind": 1, "on_track": 1, "no_data": 1})
    assert "≥ 7–7.5%" in html


def test_everything_from_the_data_is_escaped(pages: dict[str, str]) -> None:
    for name, html in pages.items():
        assert "<script>alert" not in html, name
        assert EVIL_REGION not in html, name
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in pages["甲省-2024.html"]
    assert "丙市&lt;b&gt;" in pages["index.html"]
    assert EVIL not in "".join(pages.values())


def test_pages_are_offline_and_self_contained(pages: dict[str, str]) -> None:
    for name, html in pages.items():
        parsed = marks(html)
        assert parsed.external == [], name
        assert "http://" not in html and "https://" not in html, name
        assert html.count("<script>") == 1 and html.count("<style>") == 1
        assert "default-src 'none'" in html  # and the browser is told to fetch nothing
        assert '"Noto Sans CJK SC"' in html and "sans-serif" in html


def test_same_warehouse_same_bytes(multi: Path, tmp_path: Path) -> None:
    a = write_scorecard(multi, tmp_path / "a", replace=True)
    copy = tmp_path / "copy.duckdb"
    shutil.copy(multi, copy)
    b = write_scorecard(copy, tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert a.bytes_written == b.bytes_written


def test_replace_removes_pages_of_regions_gone(multi: Path, tmp_path: Path) -> None:
    out = tmp_path / "scorecard"
    out.mkdir()
    (out / "旧地区-2020.html").write_text("old")
    write_scorecard(multi, out, replace=True)
    assert not (out / "旧地区-2020.html").exists()
    assert (out / "index.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".scorecard")]


# --- the command line ----------------------------------------------------------------------


def test_cli_writes_one_region_and_year_read_only(
    multi: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    # a BI tool holding the file read-only does not stop it
    holder = duckdb.connect(str(multi), read_only=True)
    try:
        code = main(["scorecard", "--warehouse", str(multi), "--region", "甲省", "--year",
                     "2024", "--out", str(out)])  # fmt: skip
    finally:
        holder.close()
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "comparison-2024.html", "index.html", "甲省-2024.html"]  # fmt: skip
    printed = capsys.readouterr().out
    assert "1 pages" in printed and str(out / "index.html") in printed


def test_cli_default_folder_is_beside_the_warehouse(multi: Path, tmp_path: Path) -> None:
    wh = tmp_path / "copy" / "gwr.duckdb"
    wh.parent.mkdir()
    shutil.copy(multi, wh)
    assert main(["scorecard", "--warehouse", str(wh)]) == 0
    assert (tmp_path / "copy" / "scorecard" / "index.html").exists()
    assert len(list((tmp_path / "copy" / "scorecard").glob("*.html"))) == 6


def test_cli_selection_matching_nothing_writes_nothing(
    multi: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["scorecard", "--warehouse", str(multi), "--region", "无此地", "--out",
                 str(out)]) == 2  # fmt: skip
    assert not out.exists()
    assert "no targets for 无此地" in capsys.readouterr().err


def test_cli_missing_warehouse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scorecard", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
    assert "no warehouse there" in capsys.readouterr().err


@pytest.mark.parametrize(("lo", "hi"), [(0, 0.1), (0, 6.5), (-3, 12), (0, 13230.5), (0, 4e12)])
def test_axis_ticks_stay_few_at_any_magnitude(lo: float, hi: float) -> None:
    """A misread figure (地区生产总值增长132.3倍 = 13230%) widens the axis; it never breaks the
    comparison page (it once ran out of tick steps above 1e9 and raised StopIteration)."""
    from gwr.scorecard.charts import _ticks

    ticks = list(_ticks(lo, hi))
    assert 1 <= len(ticks) <= 12
    assert ticks[0] <= max(lo, 0) and ticks[-1] <= hi


def test_comparison_shows_no_level_on_the_growth_axis(tmp_path: Path) -> None:
    """A region whose report states GDP only as a level (5.53万亿元) against a growth target
    is not_comparable: the comparison shows no actual for it, and its axis stays in
    percent (on the corpus that level once drew as 5,530,000,000,000%)."""
    from helpers_scorecard import Builder

    b = Builder()
    b.statement("丁省", 2025, "target", "gdp", 5.5, comparator="~")
    b.statement("丁省", 2026, "actual", "gdp", 5.53, "亿元", measure="amount")
    b.statement("戊省", 2025, "target", "gdp", 5.0, comparator="~")
    b.statement("戊省", 2026, "actual", "gdp", 5.2)
    data = load_file(b.build(tmp_path / "gwr.duckdb"))
    rows = {r.region: r for r in data.comparison[2025]}
    assert rows["丁省"].status == "not_comparable" and rows["丁省"].actual_value is None
    assert rows["戊省"].actual_value == 5.2
