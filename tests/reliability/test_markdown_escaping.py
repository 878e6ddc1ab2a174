"""Finding 7: file names (and every other cell) are escaped in the UI's Markdown previews.

On main `markdown_table` escaped only `|` and line breaks: a spreadsheet named
`[点此](javascript:alert(1)).csv` or `<img src=x onerror=…>.csv` became a live link or HTML
in the Dagster UI's metadata previews (quarantine, documents, warehouse tables).
"""

from __future__ import annotations

import pandas as pd

from assets._metadata import counts_table, markdown_table

HOSTILE = [
    "spreadsheets/巴中市/[点此](javascript:alert(1)).csv",
    "spreadsheets/巴中市/<img src=x onerror=alert(1)>.csv",
    "spreadsheets/巴中市/**粗体** `code` ![i](http://t/x.png) | 列.csv",
    "spreadsheets/巴中市/http://evil.example/a.csv",
]


def _unescaped(cell: str) -> list[str]:
    """Markdown-active characters in `cell` that are not backslash-escaped."""
    found, i = [], 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "[]()*`!|<>":
            found.append(ch)
        i += 1
    return found


def test_file_names_are_inert_in_markdown_previews() -> None:
    """Red on main: `[`, `(`, `<`, `*` and backticks went through unescaped."""
    table = markdown_table(pd.DataFrame({"path": HOSTILE, "reason": ["x"] * len(HOSTILE)}))
    rows = table.splitlines()[2:]
    assert len(rows) == len(HOSTILE)
    for row in rows:
        cells = row.split(" | ")
        assert _unescaped(cells[0].removeprefix("| ")) == []
    assert "<img" not in table and "&lt;img" in table
    assert "javascript\\:" in table  # no autolink either


def test_counts_table_escapes_too() -> None:
    frame = pd.DataFrame({"reason": ["<script>alert(1)</script>", "ok"]})
    text = counts_table(frame, ["reason"]).value
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_escaping_keeps_the_text_readable() -> None:
    from assets._metadata import escape_markdown

    assert escape_markdown("市统计局_2024年1-6月.csv") == "市统计局\\_2024年1\\-6月\\.csv"
    assert escape_markdown("a\nb") == "a b"
    long = escape_markdown("[" * 200)
    assert long == "\\[" * 80  # truncated before escaping: an escape is never cut in half
