"""Tests for gwr.numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwr.numbers import (
    CN_NUMBER_RE,
    NUMBER_RE,
    find_chinese_numbers,
    find_numbers,
    halfwidth,
    parse_number,
    tidy_decimal,
)

# --- halfwidth ---------------------------------------------------------------


def test_halfwidth_maps_block_and_ideographic_space() -> None:
    assert halfwidth("１８．５％") == "18.5%"
    assert halfwidth("１，２３４") == "1,234"
    assert halfwidth("（亿元）") == "(亿元)"
    assert halfwidth("Ａｂｃ\u3000ｚ") == "Abc z"
    assert halfwidth("～！？：；") == "~!?:;"


def test_halfwidth_leaves_cjk_punctuation() -> None:
    s = "、。—「」《》【】增长"
    assert halfwidth(s) == s


@settings(deadline=None)
@given(st.text())
def test_halfwidth_preserves_length(s: str) -> None:
    assert len(halfwidth(s)) == len(s)


@settings(deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E)))
def test_halfwidth_inverts_fullwidth(s: str) -> None:
    full = "".join(chr(ord(c) + 0xFEE0) for c in s)
    assert halfwidth(full) == s


@settings(deadline=None)
@given(st.text())
def test_halfwidth_idempotent(s: str) -> None:
    assert halfwidth(halfwidth(s)) == halfwidth(s)


# --- parse_number: examples ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", "0"),
        ("18", "18"),
        ("1,234.5", "1234.5"),
        ("1，234", "1234"),
        ("12,345,678", "12345678"),
        ("１８", "18"),
        ("１，２３４．５", "1234.5"),
        ("7492. 4", "7492.4"),
        (" 410 ", "410"),
        (".5", "0.5"),
        ("-12.3", "-12.3"),
        ("−12.3", "-12.3"),
        ("+5", "5"),
        ("负5", "-5"),
        ("两万", "20000"),
        ("一千二百", "1200"),
        ("十五", "15"),
        ("十", "10"),
        ("二十", "20"),
        ("一百零五", "105"),
        ("一千零五十", "1050"),
        ("十二万三千四百五十六", "123456"),
        ("一亿零五百万", "105000000"),
        ("百分之十五", "15"),
        ("百分之8.5", "8.5"),
        ("1亿2千万", "120000000"),
        ("3.5万亿", "3500000000000"),
        ("2.1万", "21000"),
        ("1,234万", "12340000"),
        ("3万亿5000亿", "3500000000000"),
        ("五千万亿", "5000000000000000"),
        ("二〇二四", "2024"),
        ("三点五", "3.5"),
        ("一万五", "15000"),
        ("三千五", "3500"),
        ("两百五", "250"),
        ("壹仟贰佰", "1200"),
    ],
)
def test_parse_number_examples(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "abc",
        "1.2.3",
        "12,34",
        "1,2345",
        "十百",
        "百十",
        "三十二五",
        "8.5%",
        "亿元",
        "-",
        "一批",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_parse_number_exact_scaling() -> None:
    # exact Decimal arithmetic, never binary float noise
    assert parse_number("2.1万") == Decimal("21000")
    assert str(parse_number("2.1万")) == "21000"
    assert str(parse_number("0.3亿")) == "30000000"


# --- parse_number: properties ------------------------------------------------


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


_FW = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


@settings(deadline=None)
@given(
    st.integers(min_value=0, max_value=10**15),
    st.integers(min_value=0, max_value=9999),
    st.sampled_from([",", "，"]),
    st.booleans(),
    st.booleans(),
)
def test_arabic_round_trip(n: int, frac: int, sep: str, use_frac: bool, full: bool) -> None:
    text = _group(n, sep)
    expected = Decimal(n)
    if use_frac:
        text += f".{frac:04d}"
        expected = Decimal(f"{n}.{frac:04d}")
    if full:
        text = text.translate(_FW)
    assert parse_number(text) == expected


@settings(deadline=None)
@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9
    )
)
def test_plain_decimal_round_trip(d: Decimal) -> None:
    assert parse_number(format(d, "f")) == d


_DIGITS = "零一二三四五六七八九"


def _cn_section(n: int) -> str:
    """Render 0 < n < 10000 in standard Chinese numerals (with 零 for gaps)."""
    out = []
    zero = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit_value % 10
        if d == 0:
            if out:
                zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[d] + unit)
    return "".join(out)


def to_chinese(n: int) -> str:
    """Render 0 <= n < 10**16 in standard Chinese numerals."""
    if n == 0:
        return "零"
    parts = []
    groups = []
    m = n
    while m:
        groups.append(m % 10000)
        m //= 10000
    units = ["", "万", "亿", "万亿"]
    need_zero = False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            need_zero = True
            continue
        if need_zero or (parts and g < 1000):
            parts.append("零")
        need_zero = False
        parts.append(_cn_section(g) + units[i])
    return "".join(parts)


def test_to_chinese_helper_sanity() -> None:
    assert to_chinese(120000000) == "一亿二千万"
    assert to_chinese(105000000) == "一亿零五百万"
    assert to_chinese(10005) == "一万零五"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numeral_round_trip(n: int) -> None:
    assert parse_number(to_chinese(n)) == n


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿", "万亿"]))
def test_arabic_with_scale(n: int, scale: str) -> None:
    factor = {"万": 10**4, "亿": 10**8, "万亿": 10**12}[scale]
    assert parse_number(f"{n}{scale}") == n * factor
    assert parse_number(f"{n / 10}{scale}") == Decimal(str(n / 10)) * factor


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999))
def test_mixed_yi_wan(a: int, b: int) -> None:
    assert parse_number(f"{a}亿{b}万") == a * 10**8 + b * 10**4


@settings(deadline=None)
@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**6), max_value=10**6
    )
)
def test_tidy_keeps_value(d: Decimal) -> None:
    t = tidy_decimal(d * 1000)
    assert t == d * 1000
    assert "E" not in str(t)


# --- finding numbers in running text -----------------------------------------


def test_find_numbers_offsets_and_values() -> None:
    text = "2024年1-6月完成1,234.5亿元，增长-3.2%，７４９２. 4万"
    found = find_numbers(text)
    values = [v for _, _, v in found]
    assert values == [
        Decimal(2024),
        Decimal(1),
        Decimal(6),
        Decimal("1234.5"),
        Decimal("-3.2"),
        Decimal("7492.4"),
    ]
    for start, end, value in found:
        assert parse_number(text[start:end]) == value


def test_find_numbers_range_is_not_negative() -> None:
    assert [v for _, _, v in find_numbers("1-9月")] == [1, 9]


@settings(deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=5))
def test_find_numbers_recovers_embedded(values: list[int]) -> None:
    text = "增长" + "个，新增".join(f"{v:,}" for v in values) + "个"
    assert [v for _, _, v in find_numbers(text)] == values


def test_number_re_is_reusable() -> None:
    assert NUMBER_RE.search("约410亿元").group(0) == "410"
    assert CN_NUMBER_RE.search("新增就业两万人").group(0) == "两万"


def test_find_chinese_numbers() -> None:
    found = find_chinese_numbers("完成一批项目，新增两万人，十四五规划")
    assert [(v, s, e) for s, e, v in found] == [(1, 2, 3), (20000, 9, 11)]
    # 十四五 is not a number; the caller must still filter words like 一批.


@settings(deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=5))
def test_find_numbers_full_width(values: list[int]) -> None:
    text = "，新增".join(f"{v:,}".translate(_FW) + "家" for v in values)
    found = find_numbers(text)
    assert [v for _, _, v in found] == values
    assert len(halfwidth(text)) == len(text)
    for start, end, v in found:
        assert parse_number(text[start:end]) == v


def test_find_numbers_stray_space_is_bounded() -> None:
    assert [v for _, _, v in find_numbers("完成100. 2024年")] == [100, 2024]
    assert [v for _, _, v in find_numbers("达到7492. 4亿元")] == [Decimal("7492.4")]


_RELEVANT = st.text(
    alphabet=st.sampled_from(
        list("0123456789０１２３,，.．-−+ 零〇一二两三四五六七八九十百千万亿点负百分之%元人批")
    ),
    max_size=16,
)


@settings(deadline=None)
@given(st.one_of(st.text(max_size=20), _RELEVANT))
def test_parse_number_total(s: str) -> None:
    """Never raises; a result is a finite Decimal."""
    v = parse_number(s)
    assert v is None or (isinstance(v, Decimal) and v.is_finite())
    for start, end, value in find_numbers(s) + find_chinese_numbers(s):
        assert 0 <= start < end <= len(s)
        assert value.is_finite()
