"""Number parsing for Chinese government texts and spreadsheet cells.

Public API
----------
``halfwidth(s)``
    Full-width ASCII (U+FF01..U+FF5E) -> ASCII and the ideographic space U+3000 ->
    ``" "``, exactly one character for one character, so character offsets computed
    on the result are valid on the original.  This maps ``０-９ Ａ-Ｚ ａ-ｚ``,
    ``％ ， ． ： ； （ ） ［ ］ ／ ＋ － ～ ！ ？`` and the rest of that block.  CJK
    punctuation outside the block (``、 。 — 「」 《》 【】``) is left alone.

``parse_number(s) -> Decimal | None``
    The *whole* string is one number (surrounding spaces allowed).  Accepts
    arabic numbers with decimals and thousands separators (``1,234.5``,
    ``1，234``), full-width digits (``１８``), stray spaces (``7492. 4``), a sign
    (``-`` ``−`` ``+`` ``负``), Chinese numerals (``两万``, ``一千二百``, ``十五``,
    ``二〇二四``, ``三点五``, colloquial ``一万五`` = 15000), ``百分之十五`` (-> 15),
    and mixed forms where the scale words multiply (``1亿2千万`` = 120000000,
    ``3.5万亿`` = 3.5e12, ``2.1万`` = 21000).  Returns ``None`` otherwise (units,
    ``%`` and words are not part of a number here; see ``gwr.units``).

``find_numbers(text) -> list[tuple[int, int, Decimal]]``
    Arabic number tokens (``NUMBER_RE``) in running text with their offsets.
    A leading ``-``/``−`` is taken as a sign only when not preceded by a digit
    (so ``1-6月`` gives 1 and 6).  Scale words after the number (``万``, ``亿``)
    are *not* included: they belong to the unit (``2.1万人``).

``find_chinese_numbers(text) -> list[tuple[int, int, Decimal]]``
    Maximal runs of Chinese numeral characters (``CN_NUMBER_RE``) that parse as
    a number.  This is deliberately dumb: ordinary words contain numerals
    (``一批``, ``一体化``, ``三大``, ``十四五``, ``第二批``, ``万众``), so the caller
    must decide from context (e.g. a following unit) whether a run is a
    quantity.  Runs that are only scale words (``万``, ``亿``) are skipped.

All values are ``decimal.Decimal`` so scaling stays exact.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = [
    "CN_DIGITS",
    "CN_NUMBER_PATTERN",
    "CN_NUMBER_RE",
    "CN_SCALES",
    "NUMBER_PATTERN",
    "NUMBER_RE",
    "find_chinese_numbers",
    "find_numbers",
    "halfwidth",
    "parse_number",
    "tidy_decimal",
]

_FW_START = 0xFF01
_FW_END = 0xFF5E
_FW_OFFSET = 0xFEE0

_HALFWIDTH_TABLE: dict[int, int] = {c: c - _FW_OFFSET for c in range(_FW_START, _FW_END + 1)}
_HALFWIDTH_TABLE[0x3000] = 0x20


def halfwidth(s: str) -> str:
    """Map full-width ASCII (U+FF01..U+FF5E) to ASCII and U+3000 to a space.

    Length preserving: ``len(halfwidth(s)) == len(s)`` for every ``s``.
    """
    return s.translate(_HALFWIDTH_TABLE)


#: Chinese digit characters and their values (including financial forms).
CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "壹": 1,
    "幺": 1,
    "二": 2,
    "两": 2,
    "貳": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}

#: Small scale words (multiply the digit before them, inside a section).
_SMALL_SCALES: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: Big scale words (close a section and multiply everything of lower order).
_BIG_SCALES: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

#: All scale words with their factor.
CN_SCALES: dict[str, int] = {**_SMALL_SCALES, **_BIG_SCALES}

_ZEROS = "零〇○"
_DIGIT_CLASS = "".join(CN_DIGITS)
_SCALE_CLASS = "".join(CN_SCALES)

#: Regex source for an arabic number token: thousands groups or plain digits,
#: optional decimals; full-width digits, comma and dot accepted; one stray space
#: allowed after the decimal point before at most two digits ("7492. 4", but not
#: "完成100. 2024年").
NUMBER_PATTERN = (
    r"(?<![0-9０-９.．])"
    r"(?:(?<![0-9０-９])[-−－](?=[0-9０-９]))?"
    r"(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?![0-9０-９])|[0-9０-９]+)"
    r"(?:[.．](?:[0-9０-９]+|[ \u3000][0-9０-９]{1,2}(?![0-9０-９年月日])))?"
)
NUMBER_RE = re.compile(NUMBER_PATTERN)

#: Regex source for a run of Chinese numeral characters (digits, scales, 点).
_CN_CLASS = _DIGIT_CLASS + _SCALE_CLASS
CN_NUMBER_PATTERN = f"[{_CN_CLASS}](?:[{_CN_CLASS}点]*[{_CN_CLASS}])?"
CN_NUMBER_RE = re.compile(CN_NUMBER_PATTERN)

_ARABIC_FULL = re.compile(r"^\d+(?:\.\d+)?$|^\.\d+$|^\d+(?:\.\d+)?[eE][-+]?\d{1,3}$")
_ARABIC_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_TOKEN_RE = re.compile(rf"\d+(?:\.\d+)?|[{_DIGIT_CLASS}]|[{_SCALE_CLASS}]")
_SPACE_RE = re.compile(r"\s+")
_THOUSANDS_HEAD_RE = re.compile(rf"^(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?)([{_SCALE_CLASS}].*)$")


def _parse_arabic(s: str) -> Decimal | None:
    if _ARABIC_FULL.match(s):
        return Decimal(s)
    if _ARABIC_THOUSANDS.match(s):
        return Decimal(s.replace(",", ""))
    return None


def _parse_cn_decimal(s: str) -> Decimal | None:
    """``三点五`` -> 3.5; the integer part may use scales, the fraction only digits."""
    whole, _, frac = s.partition("点")
    if not frac or any(ch not in CN_DIGITS for ch in frac):
        return None
    int_part = _parse_mixed(whole) if whole else Decimal(0)
    if int_part is None:
        return None
    digits = "".join(str(CN_DIGITS[ch]) for ch in frac)
    return int_part + Decimal("0." + digits)


def _parse_mixed(s: str) -> Decimal | None:
    """Parse arabic/Chinese digits combined with Chinese scale words."""
    if not s:
        return None
    tokens = _TOKEN_RE.findall(s)
    if "".join(tokens) != s:
        return None
    # Pure Chinese digit sequence without scales: positional (二〇二四 -> 2024).
    if all(t in CN_DIGITS for t in tokens):
        if len(tokens) == 1:
            return Decimal(CN_DIGITS[tokens[0]])
        return Decimal("".join(str(CN_DIGITS[t]) for t in tokens))

    total = Decimal(0)
    section = Decimal(0)
    cur: Decimal | None = None
    last_small: int | None = None  # last small scale in the current section
    last_big: int | None = None  # last big scale seen
    last_scale: int | None = None  # scale of the token just before a trailing digit
    after_zero = False
    prev_kind = ""  # "num", "small", "big", "zero"

    for tok in tokens:
        if tok in CN_DIGITS or tok[0].isdigit():
            is_zero = tok in CN_DIGITS and CN_DIGITS[tok] == 0
            if prev_kind == "num":
                return None  # two numbers in a row (三十二五, 1 2)
            if is_zero:
                after_zero = True
                prev_kind = "zero"
                continue
            cur = Decimal(CN_DIGITS[tok]) if tok in CN_DIGITS else Decimal(tok)
            prev_kind = "num"
            continue
        if tok in _SMALL_SCALES:
            scale = _SMALL_SCALES[tok]
            if last_small is not None and scale >= last_small:
                return None  # 十百, 百百
            if cur is None:
                # bare scale: 十五, 一千零十, leading 百/千 (= 一百/一千)
                if prev_kind == "small" or (prev_kind in ("big", "zero") and scale != 10):
                    return None
                cur = Decimal(1)
            section += cur * scale
            cur = None
            last_small = scale
            last_scale = scale
            after_zero = False
            prev_kind = "small"
            continue
        # big scale
        scale = _BIG_SCALES[tok]
        x = section + (cur if cur is not None else Decimal(0))
        if prev_kind == "" and x == 0:
            x = Decimal(1)  # leading 万 = 一万
        if last_big is None or scale >= last_big:
            # multiply everything so far (3.5万亿: total already holds the 万 part)
            total = (total + x) * scale
            last_big = scale if last_big is None else last_big * scale
        else:
            if x == 0:
                return None  # 亿万 without digits in between
            total += x * scale
            last_big = scale
        section = Decimal(0)
        cur = None
        last_small = None
        last_scale = scale
        after_zero = False
        prev_kind = "big"

    if cur is not None:
        if (
            prev_kind == "num"
            and not after_zero
            and last_scale is not None
            and last_scale >= 100
            and tokens[-1] in CN_DIGITS
        ):
            # colloquial elision: 一万五 = 15000, 三千五 = 3500, 两百五 = 250
            cur = cur * (last_scale // 10)
        section += cur
    return total + section


def parse_number(s: str) -> Decimal | None:
    """Parse a string that is exactly one number; ``None`` when it is not.

    >>> parse_number("1,234.5")
    Decimal('1234.5')
    >>> parse_number("1亿2千万")
    Decimal('120000000')
    """
    if not isinstance(s, str):
        return None
    t = _SPACE_RE.sub("", halfwidth(s))
    if not t:
        return None
    sign = 1
    if t[0] in "-−负":
        sign, t = -1, t[1:]
    elif t[0] == "+":
        t = t[1:]
    if t.startswith("百分之"):
        t = t[3:]
    if not t:
        return None
    if "，" in t:
        t = t.replace("，", ",")
    try:
        value = _parse_arabic(t)
        if value is None and "," in t:
            # thousands separators before a scale word: 1,234万
            m = _THOUSANDS_HEAD_RE.match(t)
            if m and m.group(2):
                t = m.group(1).replace(",", "") + m.group(2)
        if value is None:
            value = _parse_cn_decimal(t) if "点" in t else _parse_mixed(t)
    except InvalidOperation:
        return None
    if value is None:
        return None
    value = tidy_decimal(value)
    return -value if sign < 0 else value


def tidy_decimal(d: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (21000.0 -> 21000).

    The value is unchanged (``tidy_decimal(d) == d``); only its representation.
    """
    if not d.is_finite():
        return d
    if d == 0:
        return Decimal(0)
    n = d.normalize()
    if n.as_tuple().exponent > 0:  # type: ignore[operator]
        try:
            n = n.quantize(Decimal(1))
        except InvalidOperation:
            return d
    return n


def _norm_arabic_token(tok: str) -> Decimal:
    t = halfwidth(tok).replace(",", "").replace(" ", "").replace("−", "-")
    return Decimal(t)


def find_numbers(text: str) -> list[tuple[int, int, Decimal]]:
    """All arabic number tokens in ``text`` as ``(start, end, value)``.

    ``text[start:end]`` is the token as written (possibly full-width, with
    separators or a stray space after the decimal point).
    """
    out: list[tuple[int, int, Decimal]] = []
    for m in NUMBER_RE.finditer(text):
        try:
            out.append((m.start(), m.end(), _norm_arabic_token(m.group(0))))
        except InvalidOperation:  # pragma: no cover - regex guarantees digits
            continue
    return out


def find_chinese_numbers(text: str) -> list[tuple[int, int, Decimal]]:
    """Runs of Chinese numerals that parse as numbers, as ``(start, end, value)``.

    Includes every run, also those inside ordinary words (一批, 十四五); the
    caller filters by context.  Runs made only of scale words are skipped.
    """
    out: list[tuple[int, int, Decimal]] = []
    for m in CN_NUMBER_RE.finditer(text):
        run = m.group(0)
        if all(ch in CN_SCALES for ch in run):
            continue
        value = parse_number(run)
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out
