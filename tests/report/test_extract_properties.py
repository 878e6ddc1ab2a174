"""Property tests: quotes are verbatim and extraction never crashes on perturbed text."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwr.report import UndatableReportError, extract_report

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "reports" / "bazhong-2024-government-work-report.txt"
PARAGRAPHS = [p for p in SEED.read_text(encoding="utf-8").split("\n") if len(p) > 20]

ASCII_OF = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "。": ".", "！": "!", "％": "%"}
FULLWIDTH_DIGITS = {str(i): chr(0xFF10 + i) for i in range(10)}


@st.composite
def perturbed(draw: st.DrawFn) -> str:
    paras = draw(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=4))
    rate = draw(st.floats(0.0, 0.5))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    out: list[str] = []
    for ch in "\n".join(paras):
        if rng.random() >= rate:
            out.append(ch)
            continue
        op = rng.randrange(4)
        if op == 0:
            out.append(ch + rng.choice([" ", "\u3000", "  "]))  # stray space
        elif op == 1 and ch in ASCII_OF:
            out.append(ASCII_OF[ch])  # ASCII punctuation
        elif op == 2 and ch in FULLWIDTH_DIGITS:
            out.append(FULLWIDTH_DIGITS[ch])  # full-width digit
        elif op == 3 and ch == "，":
            out.append("，\n")  # line break
        else:
            out.append(ch)
    return "".join(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(perturbed(), st.sampled_from([None, 2024]))
def test_quote_is_verbatim_and_no_crash(text: str, year: int | None) -> None:
    try:
        report = extract_report(text, year=year)
    except UndatableReportError:
        assert year is None
        return
    starts = [s.char_start for s in report.statements]
    assert starts == sorted(starts)
    for s in report.statements:
        assert 0 <= s.char_start < s.char_end <= len(text)
        assert text[s.char_start : s.char_end] == s.quote
        assert s.kind in ("target", "actual")
        assert s.measure in (
            "growth_pct",
            "pp_change",
            "ratio_pct",
            "count",
            "amount",
            "qualitative",
        )
        assert s.comparator in (">=", "<=", "~", "=")
        if s.measure != "qualitative":
            assert s.value is not None and s.unit and s.unit_base
            assert any(c.isdigit() or "\u4e00" <= c <= "\u9fff" for c in s.quote)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list(
                "0123456789.,-%万亿元个人增长下降以上左右约近"
                "、，。：；\n 分别均各力争“”（）第年位二〇一两十百千"
            )
        ),
        max_size=80,
    )
)
def test_arbitrary_text_never_crashes(text: str) -> None:
    report = extract_report(text, year=2024)
    for s in report.statements:
        assert text[s.char_start : s.char_end] == s.quote


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(PARAGRAPHS), st.integers(0, 3))
def test_perturbation_keeps_values(paragraph: str, seed: int) -> None:
    """Spaces after every comma and ASCII punctuation do not change what is found."""
    base = extract_report("二、2024年重点工作\n" + paragraph)
    noisy_par = paragraph.replace("，", ", " if seed % 2 else ",").replace("：", ":")
    noisy = extract_report("二、2024年重点工作\n" + noisy_par)
    key = [(s.measure, s.value, s.value_max, s.unit, s.comparator) for s in base.statements]
    key2 = [(s.measure, s.value, s.value_max, s.unit, s.comparator) for s in noisy.statements]
    assert key == key2
