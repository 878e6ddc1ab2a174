"""Offset-preserving normalization of report text.

:func:`normalize` returns a *compact* normalized copy of the text plus, for every
character of the copy, its index in the original.  The copy

* maps full-width ASCII to ASCII (digits, letters, ``%``) via
  :func:`gwr.numbers.halfwidth`;
* maps ASCII sentence punctuation to the CJK forms reports use
  (``,`` -> ``，`` unless it is a thousands separator, ``:`` -> ``：``,
  ``;`` -> ``；``, ``(`` -> ``（``, ``.`` -> ``。`` unless it is a decimal point,
  ``"`` -> ``“``/``”``);
* drops spaces (stray spaces inside numbers and terms disappear) and, in
  hard-wrapped texts (PDF/e-book copies: many long lines that do not end a
  sentence), soft line breaks (such a line is joined to the next one); in
  one-paragraph-a-line texts every line break is a paragraph break;
* never breaks a number from its unit: a line ending in a digit whose next line with
  text opens with a unit (``国内生产总值达到74.4`` / ``万亿元，增长6.7%`` in web copies
  where an inline link or footnote mark split the line) goes on on that line;
* keeps one ``\\n`` per paragraph break; separator lines (``-----``, ``====``,
  ``****``, ``————``) become paragraph breaks.

Everything found on the copy maps back with :meth:`Normalized.span`, so quotes
are verbatim substrings of the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from gwr.numbers import halfwidth

from ._trad import MARKERS, T2S
from .vocab import NOT_UNIT_BIGRAMS, UNIT_RE

__all__ = ["Normalized", "normalize"]

_SEPARATOR_LINE = re.compile(r"^[\s\-=*_#~—–·•.。…]{3,}$")
_HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第[一二三四五六七八九十]+[部章节])"
)
_BULLET_START = re.compile(r"^\s*(?:[-*+•●◆■▲▶➢□○◇※★☆√>#]|\d{1,2}[.、)）](?!\d))")
_HARD_END = set("。！？；：”」』）)!?;:…")
_SPACES = {" ", "\t", "\r", "\u3000", "\xa0", "\u2002", "\u2003", "\u2009", "\u200b", "\ufeff"}
_SPACE_CHARS = "".join(sorted(_SPACES))
#: a sentence going on into a number at the end of its line (…总值达到74.4); a label
#: (附件2) or a page number alone is not one
_LINE_END_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{4}\d+(?:\.\d+)?$")
_PUNCT_MAP = {
    ":": "：",
    ";": "；",
    "!": "！",
    "?": "？",
    "(": "（",
    ")": "）",
    "﹪": "%",
    "[": "【",
    "]": "】",
}


# Full-width forms that matter for numbers and units (digits, letters, % . + - ~ /
# and the ideographic space); full-width CJK-style punctuation (，：；（）！？) is
# kept as it is, which is what the extractor splits on anyway.
_FW_RE = re.compile("[\uff02-\uff07\uff0a-\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e\u3000]")
_PUNCT_RE = re.compile("[" + re.escape("".join(_PUNCT_MAP)) + "]")
#: any traditional-only marker character (a class: one fast C scan)
_MARKERS_RE = re.compile("[" + re.escape("".join(sorted(MARKERS))) + "]")


def _fast_halfwidth(text: str) -> str:
    """:func:`gwr.numbers.halfwidth` via a regex: only the (rare) matches cost Python time."""
    if not _FW_RE.search(text):
        return text
    return _FW_RE.sub(lambda m: halfwidth(m.group()), text)


_SPECIAL_RE = re.compile('[,."“”\n' + "".join(sorted(_SPACES)) + "]")


@dataclass
class Normalized:
    """A compact normalized copy of a text and its offset map.

    The map is stored as runs: compact position ``bk[k]`` is original position
    ``org[k]`` and the run continues one for one until the next breakpoint.
    """

    text: str
    bk: list[int]
    org: list[int]

    def offset(self, i: int) -> int:
        """Original position of the copy's character ``i``."""
        k = bisect_right(self.bk, i) - 1
        return self.org[k] + i - self.bk[k]

    @property
    def offs(self) -> list[int]:
        """Original position of every character of the copy (for tests and debugging)."""
        return [self.offset(i) for i in range(len(self.text))]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the copy's ``text[a:b]`` (``a < b``)."""
        return self.offset(a), self.offset(b - 1) + 1


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _line_is_hard_end(line: str) -> bool:
    s = line.rstrip()
    if not s:
        return True
    return s[-1] in _HARD_END


def _number_unit_breaks(hw: str, lines: list[tuple[int, int]]) -> set[int]:
    """Line breaks between a number and its unit on the next line with text."""
    out: set[int] = set()
    for i, (a, b) in enumerate(lines[:-1]):
        line = hw[a:b].rstrip(_SPACE_CHARS)
        if not line or not _is_digit(line[-1]) or _LINE_END_NUMBER_RE.search(line) is None:
            continue
        j = i + 1
        while j < len(lines) - 1 and not hw[lines[j][0] : lines[j][1]].strip(_SPACE_CHARS):
            j += 1  # blank lines and lines of zero-width spaces between
        nxt = hw[lines[j][0] : lines[j][1]].lstrip(_SPACE_CHARS)
        u = UNIT_RE.match(nxt)  # 万亿元, %, 个: the rest of the number
        if j - i <= 2 and u is not None and nxt[u.end() - 1 : u.end() + 1] not in NOT_UNIT_BIGRAMS:
            out.update(lines[k][1] for k in range(i, j))
    return out


def normalize(text: str) -> Normalized:
    """Normalize ``text`` (see module docstring)."""
    hw = _fast_halfwidth(text)
    if _MARKERS_RE.search(hw, 0, 4000) is not None:
        hw = hw.translate(T2S)  # traditional characters, one for one
    n = len(hw)
    # Decide, for each newline, whether it is a paragraph break.
    lines: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"\n", hw):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, n))
    hard_nl: set[int] = set()
    glued = _number_unit_breaks(hw, lines)
    sep_lines: list[tuple[int, int]] = []
    # Is the text hard-wrapped (PDF/e-book copies)?  Then long lines that do not
    # end a sentence continue on the next line.  Otherwise (one paragraph a line,
    # as in web copies) every line break is a paragraph break, headline-style
    # headings without punctuation included.
    long_lines = [hw[a:b].strip() for a, b in lines if len(hw[a:b].strip()) >= 15]
    open_lines = [x for x in long_lines if x[-1] not in _HARD_END]
    wrapped = bool(long_lines) and len(open_lines) >= 0.4 * len(long_lines)
    if wrapped:
        # wrapped lines are nearly as long as the longest lines; a list of short
        # items one a line (news digests) has lines of every length
        widths = sorted(len(x) for x in long_lines)
        full = widths[int(0.9 * (len(widths) - 1))]
        near_full = sum(1 for x in open_lines if len(x) >= 0.8 * full)
        wrapped = near_full >= 0.6 * len(open_lines)
    prev_hard = True
    for i, (a, b) in enumerate(lines[:-1]):
        line = hw[a:b]
        nxt = hw[lines[i + 1][0] : lines[i + 1][1]]
        stripped = line.strip()
        if b in glued:
            prev_hard = False  # 74.4 / 万亿元: one number split over lines
            continue
        if _SEPARATOR_LINE.match(stripped) and len(stripped) >= 3:
            sep_lines.append((a, b))
            hard_nl.add(b)
            prev_hard = True
            continue
        if (
            not wrapped
            or _line_is_hard_end(line)
            or not nxt.strip()
            or _HEADING_START.match(nxt)
            or _BULLET_START.match(nxt)
            or _HEADING_START.match(line)
            or _SEPARATOR_LINE.match(nxt.strip())
            or (len(stripped) < 15 and prev_hard)
        ):
            hard_nl.add(b)
            prev_hard = True
        else:
            prev_hard = False
    if lines and _SEPARATOR_LINE.match(hw[lines[-1][0] : lines[-1][1]].strip() or "x"):
        sep_lines.append(lines[-1])

    hw2 = _PUNCT_RE.sub(lambda m: _PUNCT_MAP[m.group()], hw)  # 1:1 substitutions
    mods: dict[int, str] = {}  # position -> replacement ("" deletes)
    sep_pos: set[int] = set()
    for a, b in sep_lines:
        for k in range(a, b):
            mods[k] = ""
            sep_pos.add(k)
    quote_open = False
    last = ""  # last kept character
    prev_end = 0
    for m in _SPECIAL_RE.finditer(hw):
        i = m.start()
        ch = m.group()
        if i > prev_end:
            k = i - 1
            while k >= prev_end and k in sep_pos:
                k -= 1
            if k >= prev_end:
                last = hw2[k]
        prev_end = i + 1
        if i in sep_pos:
            continue
        if ch == "\n":
            if i in hard_nl and last not in ("\n", ""):
                quote_open = False
                last = "\n"
            else:
                mods[i] = ""
            continue
        if ch in _SPACES:
            mods[i] = ""
            continue
        c = ch
        if ch == ",":
            nxt = hw[i + 1 : i + 5]
            if not (
                _is_digit(last)
                and len(nxt) >= 3
                and all(_is_digit(x) for x in nxt[:3])
                and (len(nxt) == 3 or not _is_digit(nxt[3]))
            ):
                c = "，"
        elif ch == ".":
            j = i + 1
            while j < n and hw[j] in _SPACES:
                j += 1
            nxt = hw[j] if j < n else ""
            if not (_is_digit(last) and _is_digit(nxt)) and not (_is_digit(nxt) and last == ""):
                c = "。"
        elif ch == '"':
            c = "”" if quote_open else "“"
            quote_open = not quote_open
        elif ch in "“”":
            quote_open = ch == "“"
        if c != ch:
            mods[i] = c
        last = c
    # no trailing paragraph breaks
    k = n - 1
    while k >= 0 and (mods.get(k) == "" or (hw2[k] == "\n" and k not in mods)):
        mods[k] = ""
        k -= 1
    # assemble the text and the offset breakpoints from the sparse modifications
    pieces: list[str] = []
    bk: list[int] = [0]  # compact positions where a run of original characters starts
    org: list[int] = [0]  # original position of that run's first character
    pos = 0
    clen = 0
    for i in sorted(mods):
        if i > pos:
            pieces.append(hw2[pos:i])
            clen += i - pos
        r = mods[i]
        if r:
            pieces.append(r)
            clen += 1
            pos = i + 1
        else:
            pos = i + 1
            if bk[-1] == clen:
                org[-1] = pos
            else:
                bk.append(clen)
                org.append(pos)
    if pos < n:
        pieces.append(hw2[pos:])
    return Normalized("".join(pieces), bk, org)
