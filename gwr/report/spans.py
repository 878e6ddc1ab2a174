"""Sentences and clauses: where a text is cut (outside brackets and quotes).

Pinned by tests/report/test_extract_remaining.py (``iter_spans``).
"""

from __future__ import annotations

import re

SENTENCE_END = "。！？；"
CLAUSE_PUNCT = "，："  # an ASCII "," left by normalize is a thousands separator


_SPAN_RES: dict[str, re.Pattern[str]] = {}
_SEP_RES: dict[str, re.Pattern[str]] = {}
_BRACKET_RE = re.compile("[“”（）()《》]")


def iter_spans(text: str, a: int, b: int, seps: str) -> list[tuple[int, int]]:
    """Split ``text[a:b]`` after each char of ``seps`` outside brackets and quotes."""
    rx = _SPAN_RES.get(seps)
    if rx is None:
        rx = re.compile("[“”（）()《》" + re.escape(seps) + "]")
        _SPAN_RES[seps] = rx
        _SEP_RES[seps] = re.compile("[" + re.escape(seps) + "]")
    spans: list[tuple[int, int]]
    s = a
    if _BRACKET_RE.search(text, a, b) is None:
        # no brackets or quotes (the common case): split after every separator
        ends = [m.end() for m in _SEP_RES[seps].finditer(text, a, b)]
        if not ends:
            return [(a, b)] if a < b else []
        spans = list(zip([a, *ends[:-1]], ends, strict=True))
        if ends[-1] < b:
            spans.append((ends[-1], b))
        return spans
    spans = []
    depth = 0
    for i in [m.start() for m in rx.finditer(text, a, b)]:
        c = text[i]
        if c in "“（(《":
            depth += 1
        elif c in "”）)》":
            if depth > 0:
                depth -= 1
        elif depth == 0:
            if i + 1 > s:
                spans.append((s, i + 1))
            s = i + 1
    if s < b:
        spans.append((s, b))
    return spans
