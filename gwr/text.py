"""Control characters in input text.

A work report is prose; a NUL byte or another C0/C1 control character in it is damage
(a bad copy, a binary fragment), never content. Such characters are removed before
anything is extracted, so they can neither split a number (``2\\x004万``) nor reach the
warehouse or its Parquet export. Tab and the line breaks (``\\n``, ``\\r``) are text; a
vertical tab or form feed (page breaks in some conversions) becomes ``\\n``.

The text is cleaned, not rejected: one stray byte must not lose a year's targets. What
was removed is reported (a quarantine note naming the file, the characters and where
they were), and offsets (``char_start``/``char_end``) refer to the cleaned text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_KEPT = {"\t", "\n", "\r"}
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n"}
#: every C0 and C1 control character, DEL included, except tab and line breaks
_CONTROL = {
    cp
    for cp in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
    if chr(cp) not in _KEPT
}
_TABLE = {cp: _LINE_BREAKS.get(chr(cp)) for cp in _CONTROL}
_CONTROL_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_CONTROL)) + "]")


@dataclass(frozen=True)
class Cleaned:
    """Text with control characters removed, and what was removed where."""

    text: str
    #: (offset in the original text, character) of every character removed or replaced
    removed: list[tuple[int, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.removed)

    def note(self, limit: int = 5) -> str:
        """`3 control characters removed (NUL x2 at 17, 40; BEL at 95)`."""
        counts = Counter(ch for _, ch in self.removed)
        parts = []
        for ch, n in sorted(counts.items()):
            offsets = [str(i) for i, c in self.removed if c == ch][:limit]
            more = "…" if n > limit else ""
            as_break = " (made a line break)" if ch in _LINE_BREAKS else ""
            parts.append(f"{control_name(ch)} x{n} at {', '.join(offsets)}{more}{as_break}")
        return (
            f"{len(self.removed)} control character{'s' if len(self.removed) != 1 else ''} "
            f"removed ({'; '.join(parts)}); quotes and offsets refer to the cleaned text"
        )


def control_name(ch: str) -> str:
    names = {"\x00": "NUL", "\x07": "BEL", "\x08": "BS", "\x0b": "VT", "\x0c": "FF",
             "\x1b": "ESC", "\x7f": "DEL"}  # fmt: skip
    return names.get(ch, f"U+{ord(ch):04X}")


def has_control_characters(text: str) -> bool:
    return _CONTROL_RE.search(text) is not None


def strip_control_characters(text: str) -> Cleaned:
    """Remove C0/C1 control characters but tab, CR and LF; VT and FF become LF."""
    if not has_control_characters(text):
        return Cleaned(text)
    removed = [(m.start(), m.group()) for m in _CONTROL_RE.finditer(text)]
    return Cleaned(text.translate(_TABLE), removed)


def clean_cell(value: str) -> str:
    """A spreadsheet cell's text without control characters (line breaks kept)."""
    if not has_control_characters(value):
        return value
    return value.translate(_TABLE)
