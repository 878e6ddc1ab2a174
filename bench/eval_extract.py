"""Evaluate the report extractor against the hand-labelled gold fixtures.

Usage:
    python bench/eval_extract.py [--fixtures DIR] [--only SLUG] [--show-errors]
                                 [--json] [--validate-only]

Fixtures live in ``tests/fixtures/reports/``: for each ``<slug>.gold.jsonl``
there is the exact text ``<slug>.txt`` and optionally ``<slug>.meta.json``
(``{"year": N, "region": "..."}``, passed to ``extract_report``). The rules
for what a gold row is are in ``tests/fixtures/reports/LABELLING.md``.

Matching (one-to-one, greedy): a predicted statement matches a gold row when
``kind``, ``year`` and ``measure`` are equal, the quantities are equal (value
and value_max within 1e-9 with the same normalised unit, or, when
``gwr.units.to_base`` is importable, the same value_base/unit_base), and the
predicted ``[char_start, char_end)`` overlaps the gold quote's span (or one
of its ``also`` spans). Indicator text is not required to match; it is
reported as "indicator agreement" (containment or fuzzy ratio >= 80).

``evaluate(fixture_dir)`` returns the figures as a dict so a test can assert
on them; the script prints them.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURES = ROOT / "tests" / "fixtures" / "reports"

KINDS = {"target", "actual"}
MEASURES = {"growth_pct", "pp_change", "ratio_pct", "count", "amount", "qualitative"}
COMPARATORS = {">=", "<=", "~", "="}
GOLD_KEYS = {
    "kind", "year", "indicator", "measure", "value", "value_max", "unit",
    "comparator", "quote", "occurrence", "also", "benchmark", "note",
}
TOL = 1e-9
INDICATOR_THRESHOLD = 80


class ExtractorUnavailable(RuntimeError):
    """gwr.report.extract_report cannot be imported."""


# --------------------------------------------------------------------------
# fixtures and validation
# --------------------------------------------------------------------------


@dataclass
class GoldRow:
    kind: str
    year: int
    indicator: str
    measure: str
    value: float | None
    value_max: float | None
    unit: str | None
    comparator: str
    quote: str
    spans: list[tuple[int, int]]  # first = the quote, then the `also` spans
    line: int
    benchmark: str | None = None


@dataclass
class Fixture:
    slug: str
    text: str
    meta: dict[str, Any]
    gold: list[GoldRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def find_occurrence(text: str, quote: str, occurrence: int) -> int:
    """Start offset of the ``occurrence``-th (0-based) match of quote, or -1."""
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return -1
    return pos


def _span(
    text: str, quote: Any, occurrence: Any, where: str, problems: list[str]
) -> tuple[int, int] | None:
    if not isinstance(quote, str) or not quote:
        problems.append(f"{where}: quote missing or empty")
        return None
    if occurrence is not None and (not isinstance(occurrence, int) or occurrence < 0):
        problems.append(f"{where}: occurrence must be a non-negative int")
        return None
    n = text.count(quote)
    if n == 0:
        problems.append(f"{where}: quote not found in text: {quote!r}")
        return None
    if n > 1 and occurrence is None:
        problems.append(
            f"{where}: quote occurs {n} times, add \"occurrence\": {quote!r}"
        )
        return None
    start = find_occurrence(text, quote, occurrence or 0)
    if start < 0:
        problems.append(
            f"{where}: occurrence {occurrence} of {quote!r} not found ({n} in text)"
        )
        return None
    return (start, start + len(quote))


def _num(x: Any) -> float | None:
    if x is None:
        return None
    if isinstance(x, bool):
        raise ValueError("boolean is not a number")
    return float(x)


def load_fixture(gold_path: Path) -> Fixture:
    slug = gold_path.name[: -len(".gold.jsonl")]
    txt = gold_path.with_name(slug + ".txt")
    meta_path = gold_path.with_name(slug + ".meta.json")
    text = txt.read_text(encoding="utf-8") if txt.exists() else ""
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    fx = Fixture(slug=slug, text=text, meta=meta)
    if not txt.exists():
        fx.problems.append(f"{slug}: missing {txt.name}")
        return fx
    for ln, raw in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        where = f"{gold_path.name}:{ln}"
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            fx.problems.append(f"{where}: bad JSON ({exc})")
            continue
        before = len(fx.problems)
        extra = set(obj) - GOLD_KEYS
        if extra:
            fx.problems.append(f"{where}: unknown keys {sorted(extra)}")
        if obj.get("kind") not in KINDS:
            fx.problems.append(f"{where}: kind must be one of {sorted(KINDS)}")
        if not isinstance(obj.get("year"), int):
            fx.problems.append(f"{where}: year must be an int")
        if obj.get("measure") not in MEASURES:
            fx.problems.append(f"{where}: measure {obj.get('measure')!r} not in vocabulary")
        if obj.get("comparator") not in COMPARATORS:
            fx.problems.append(f"{where}: comparator {obj.get('comparator')!r} not in vocabulary")
        try:
            value, vmax = _num(obj.get("value")), _num(obj.get("value_max"))
        except (TypeError, ValueError):
            fx.problems.append(f"{where}: value/value_max must be numbers or null")
            value = vmax = None
        qualitative = obj.get("measure") == "qualitative"
        if qualitative and (value is not None or obj.get("unit")):
            fx.problems.append(f"{where}: qualitative rows have value and unit null")
        if not qualitative and (value is None or not obj.get("unit")):
            fx.problems.append(f"{where}: quantitative rows need value and unit")
        spans = []
        span = _span(fx.text, obj.get("quote"), obj.get("occurrence"), where, fx.problems)
        if span:
            spans.append(span)
        for k, alt in enumerate(obj.get("also") or []):
            s = _span(fx.text, alt.get("quote"), alt.get("occurrence"),
                      f"{where} also[{k}]", fx.problems)
            if s:
                spans.append(s)
        if len(fx.problems) > before:
            continue
        fx.gold.append(GoldRow(
            kind=obj["kind"], year=obj["year"], indicator=obj.get("indicator") or "",
            measure=obj["measure"], value=value, value_max=vmax,
            unit=obj.get("unit"), comparator=obj["comparator"], quote=obj["quote"],
            spans=spans, line=ln, benchmark=obj.get("benchmark"),
        ))
    return fx


def load_fixtures(fixture_dir: Path | str = DEFAULT_FIXTURES,
                  only: str | None = None) -> list[Fixture]:
    fixture_dir = Path(fixture_dir)
    paths = sorted(fixture_dir.glob("*.gold.jsonl"))
    if only:
        paths = [p for p in paths if p.name.startswith(only)]
    return [load_fixture(p) for p in paths]


def validate(fixture_dir: Path | str = DEFAULT_FIXTURES) -> list[str]:
    """Every problem with the gold files (quotes not found, bad vocabulary …)."""
    problems: list[str] = []
    for fx in load_fixtures(fixture_dir):
        problems.extend(fx.problems)
    return problems


# --------------------------------------------------------------------------
# predictions
# --------------------------------------------------------------------------


@dataclass
class Pred:
    kind: str | None
    year: int | None
    indicator: str
    measure: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    comparator: str | None
    quote: str
    char_start: int | None
    char_end: int | None


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _fnum(x: Any) -> float | None:
    if x is None:
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _to_pred(st: Any) -> Pred:
    def _int(x: Any) -> int | None:
        try:
            return int(x) if x is not None else None
        except (TypeError, ValueError):
            return None

    return Pred(
        kind=_get(st, "kind"), year=_int(_get(st, "year")),
        indicator=_get(st, "indicator") or "", measure=_get(st, "measure"),
        value=_fnum(_get(st, "value")), value_max=_fnum(_get(st, "value_max")),
        unit=_get(st, "unit"), comparator=_get(st, "comparator"),
        quote=_get(st, "quote") or "",
        char_start=_int(_get(st, "char_start")), char_end=_int(_get(st, "char_end")),
    )


def load_extractor() -> Callable[..., Any]:
    try:
        from gwr.report import extract_report
    except Exception as exc:  # ImportError, or a half-written module failing
        raise ExtractorUnavailable(
            "cannot import gwr.report.extract_report "
            f"({type(exc).__name__}: {exc}); the extractor is not available yet"
        ) from exc
    return extract_report


def predict(extract_report: Callable[..., Any], fx: Fixture) -> tuple[list[Pred], str | None]:
    try:
        report = extract_report(fx.text, year=fx.meta.get("year"),
                                region=fx.meta.get("region"))
    except Exception as exc:  # an undatable report or an extractor crash
        return [], f"{type(exc).__name__}: {exc}"
    statements = _get(report, "statements", None)
    if statements is None:
        statements = report if isinstance(report, list) else []
    return [_to_pred(st) for st in statements], None


# --------------------------------------------------------------------------
# matching
# --------------------------------------------------------------------------


def _norm_unit(u: Any) -> str | None:
    if u is None:
        return None
    s = unicodedata.normalize("NFKC", str(u)).replace(" ", "").strip()
    return s or None


_TO_BASE = None


def _to_base_fn() -> Any:
    global _TO_BASE
    if _TO_BASE is None:
        try:
            from gwr.units import to_base

            _TO_BASE = to_base
        except Exception:  # not written yet, or broken: fall back to strings
            _TO_BASE = False
    return _TO_BASE


def _base(value: float | None, unit: str | None) -> tuple[float, str] | None:
    fn = _to_base_fn()
    if not fn or value is None or not unit:
        return None
    try:
        vb, ub = fn(Decimal(repr(value)), unit)
        return float(vb), ub
    except (InvalidOperation, ValueError, TypeError, KeyError, AttributeError):
        return None
    except Exception:  # an unknown unit may raise anything
        return None


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def _same_quantity(gv: Any, gu: Any, pv: Any, pu: Any) -> bool:
    if gv is None or pv is None:
        return gv is None and pv is None
    if _close(gv, pv) and _norm_unit(gu) == _norm_unit(pu):
        return True
    gb, pb = _base(gv, gu), _base(pv, pu)
    return bool(gb and pb and gb[1] == pb[1] and _close(gb[0], pb[0]))


def quantities_match(g: GoldRow, p: Pred) -> bool:
    if g.measure == "qualitative":
        return p.value is None and p.value_max is None
    if not _same_quantity(g.value, g.unit, p.value, p.unit):
        return False
    if g.value_max is None or p.value_max is None:
        return g.value_max is None and p.value_max is None
    return _same_quantity(g.value_max, g.unit, p.value_max, p.unit)


def overlap(g: GoldRow, p: Pred) -> int:
    """Largest overlap (in characters) of the prediction with a gold span."""
    if p.char_start is None or p.char_end is None:
        return 0
    best = 0
    for s, e in g.spans:
        best = max(best, min(e, p.char_end) - max(s, p.char_start))
    return best


def is_match(g: GoldRow, p: Pred) -> bool:
    return (
        g.kind == p.kind and g.year == p.year and g.measure == p.measure
        and quantities_match(g, p) and overlap(g, p) > 0
    )


def match(gold: list[GoldRow], preds: list[Pred]) -> list[tuple[int, int]]:
    """Greedy one-to-one: best overlap first, then nearest start."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            if is_match(g, p):
                dist = abs((p.char_start or 0) - g.spans[0][0])
                cands.append((-overlap(g, p), dist, gi, pi))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def indicator_agrees(a: str, b: str) -> bool:
    a = unicodedata.normalize("NFKC", a or "").replace(" ", "")
    b = unicodedata.normalize("NFKC", b or "").replace(" ", "")
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    try:
        from rapidfuzz import fuzz

        return fuzz.ratio(a, b) >= INDICATOR_THRESHOLD
    except ImportError:
        import difflib

        return difflib.SequenceMatcher(None, a, b).ratio() * 100 >= INDICATOR_THRESHOLD


# --------------------------------------------------------------------------
# scoring
# --------------------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


class _Counter:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def figures(self) -> dict[str, float | int]:
        return prf(self.tp, self.fp, self.fn)


def evaluate(fixture_dir: Path | str = DEFAULT_FIXTURES, only: str | None = None,
             extract_report: Callable[..., Any] | None = None) -> dict[str, Any]:
    """Run the extractor on every fixture and score it against the gold rows.

    Raises ExtractorUnavailable when gwr.report cannot be imported, and
    ValueError when a gold file is invalid (see ``validate``).
    """
    fixtures = load_fixtures(fixture_dir, only)
    problems = [p for fx in fixtures for p in fx.problems]
    if problems:
        raise ValueError("invalid gold files:\n  " + "\n  ".join(problems))
    if extract_report is None:
        extract_report = load_extractor()

    overall, by_kind = _Counter(), {"target": _Counter(), "actual": _Counter()}
    by_measure: dict[str, _Counter] = {m: _Counter() for m in sorted(MEASURES)}
    cmp_ok = cmp_n = ind_ok = 0
    per_fixture: dict[str, Any] = {}
    errors: dict[str, Any] = {}

    for fx in fixtures:
        preds, err = predict(extract_report, fx)
        pairs = match(fx.gold, preds)
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        c = _Counter()
        c.tp = len(pairs)
        c.fn = len(fx.gold) - len(mg)
        c.fp = len(preds) - len(mp)
        for counter_set in (overall,):
            counter_set.tp += c.tp
            counter_set.fn += c.fn
            counter_set.fp += c.fp
        for gi, g in enumerate(fx.gold):
            k = by_kind.get(g.kind)
            m = by_measure.get(g.measure)
            hit = gi in mg
            for ctr in (k, m):
                if ctr is not None:
                    if hit:
                        ctr.tp += 1
                    else:
                        ctr.fn += 1
        for pi, p in enumerate(preds):
            if pi in mp:
                continue
            for ctr in (by_kind.get(p.kind or ""), by_measure.get(p.measure or "")):
                if ctr is not None:
                    ctr.fp += 1
        wrong_cmp = []
        for gi, pi in pairs:
            g, p = fx.gold[gi], preds[pi]
            cmp_n += 1
            if g.comparator == p.comparator:
                cmp_ok += 1
            else:
                wrong_cmp.append((g, p))
            if indicator_agrees(g.indicator, p.indicator):
                ind_ok += 1
        bad_spans = sum(
            1 for p in preds
            if p.char_start is None or p.char_end is None
            or fx.text[p.char_start:p.char_end] != p.quote
        )
        per_fixture[fx.slug] = {
            **c.figures(),
            "bad_spans": bad_spans,
            "gold_rows": len(fx.gold),
            "predicted_rows": len(preds),
            "gold_targets": sum(g.kind == "target" for g in fx.gold),
            "gold_actuals": sum(g.kind == "actual" for g in fx.gold),
            "error": err,
        }
        errors[fx.slug] = {
            "false_negatives": [fx.gold[i] for i in range(len(fx.gold)) if i not in mg],
            "false_positives": [preds[i] for i in range(len(preds)) if i not in mp],
            "wrong_comparator": wrong_cmp,
            "preds": preds,
            "text": fx.text,
        }

    return {
        "overall": overall.figures(),
        "target": by_kind["target"].figures(),
        "actual": by_kind["actual"].figures(),
        "by_measure": {m: c.figures() for m, c in by_measure.items()},
        "comparator_accuracy": cmp_ok / cmp_n if cmp_n else None,
        "indicator_agreement": ind_ok / cmp_n if cmp_n else None,
        "matched": cmp_n,
        "fixtures": per_fixture,
        "bad_spans": sum(f["bad_spans"] for f in per_fixture.values()),
        "rows": {
            "gold": sum(f["gold_rows"] for f in per_fixture.values()),
            "predicted": sum(f["predicted_rows"] for f in per_fixture.values()),
        },
        "_errors": errors,
    }


# --------------------------------------------------------------------------
# printing
# --------------------------------------------------------------------------


def _fmt(fig: dict[str, Any]) -> str:
    return (f"P {fig['precision']:.3f}  R {fig['recall']:.3f}  F1 {fig['f1']:.3f}"
            f"   (tp {fig['tp']}, fp {fig['fp']}, fn {fig['fn']})")


def _qty(value: Any, value_max: Any, unit: Any) -> str:
    def n(x: Any) -> str:
        return "null" if x is None else (f"{x:g}")
    s = n(value) if value_max is None else f"{n(value)}..{n(value_max)}"
    return f"{s} {unit or ''}".strip()


def _context(text: str, start: int | None, end: int | None, width: int = 12) -> str:
    if start is None or end is None:
        return "(no span)"
    a, b = max(0, start - width), min(len(text), end + width)
    return (text[a:start] + "[" + text[start:end] + "]" + text[end:b]).replace("\n", " ")


def print_report(res: dict[str, Any], show_errors: bool = False) -> None:
    print("== report extraction vs gold ==")
    print(f"rows: gold {res['rows']['gold']}, predicted {res['rows']['predicted']}, "
          f"matched {res['matched']}; predictions whose quote != "
          f"text[char_start:char_end]: {res['bad_spans']}")
    print(f"overall  {_fmt(res['overall'])}")
    print(f"target   {_fmt(res['target'])}")
    print(f"actual   {_fmt(res['actual'])}")
    ca, ia = res["comparator_accuracy"], res["indicator_agreement"]
    print(f"comparator accuracy on matched pairs: "
          f"{'n/a' if ca is None else f'{ca:.3f}'}")
    print(f"indicator agreement on matched pairs (containment or ratio >= "
          f"{INDICATOR_THRESHOLD}): {'n/a' if ia is None else f'{ia:.3f}'}")
    print("-- by measure (gold measure for fn, predicted measure for fp)")
    for m, fig in res["by_measure"].items():
        if fig["tp"] + fig["fp"] + fig["fn"]:
            print(f"  {m:12s} {_fmt(fig)}")
    print("-- per fixture")
    for slug, fig in res["fixtures"].items():
        print(f"  {slug:28s} gold {fig['gold_rows']:4d} "
              f"(T {fig['gold_targets']}, A {fig['gold_actuals']})  "
              f"pred {fig['predicted_rows']:4d}  {_fmt(fig)}")
        if fig["error"]:
            print(f"      extractor error: {fig['error']}")
        if fig["bad_spans"]:
            print(f"      {fig['bad_spans']} predictions where "
                  "text[char_start:char_end] != quote")
    if not show_errors:
        return
    for slug, err in res["_errors"].items():
        text = err["text"]
        if not (err["false_negatives"] or err["false_positives"] or err["wrong_comparator"]):
            continue
        print(f"\n=== {slug}")
        for g in err["false_negatives"]:
            s, e = g.spans[0]
            print(f"  FN {g.kind:6s} {g.year} {g.measure:11s} "
                  f"{_qty(g.value, g.value_max, g.unit):14s} {g.comparator:2s} "
                  f"{g.indicator}  | {_context(text, s, e)}")
            near = [p for p in err["preds"] if p.char_start is not None
                    and p.char_end is not None
                    and any(min(e2, p.char_end) > max(s2, p.char_start)
                            for s2, e2 in g.spans)]
            for p in near:
                print(f"       ~ pred {p.kind} {p.year} {p.measure} "
                      f"{_qty(p.value, p.value_max, p.unit)} {p.comparator} "
                      f"{p.indicator!r}")
        for p in err["false_positives"]:
            print(f"  FP {p.kind!s:6s} {p.year} {p.measure!s:11s} "
                  f"{_qty(p.value, p.value_max, p.unit):14s} {p.comparator!s:2s} "
                  f"{p.indicator}  | {_context(text, p.char_start, p.char_end)}")
        for g, p in err["wrong_comparator"]:
            s, e = g.spans[0]
            print(f"  CMP gold {g.comparator} pred {p.comparator}  "
                  f"{g.indicator} {_qty(g.value, g.value_max, g.unit)}  | "
                  f"{_context(text, s, e)}")


def _jsonable(res: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in res.items() if not k.startswith("_")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fixtures", default=str(DEFAULT_FIXTURES))
    ap.add_argument("--only", help="only fixtures whose slug starts with this")
    ap.add_argument("--show-errors", action="store_true",
                    help="print false negatives, false positives, wrong comparators")
    ap.add_argument("--json", action="store_true", help="print figures as JSON")
    ap.add_argument("--validate-only", action="store_true",
                    help="only check the gold files (quotes occur in the texts)")
    args = ap.parse_args(argv)

    fixtures = load_fixtures(args.fixtures, args.only)
    problems = [p for fx in fixtures for p in fx.problems]
    print(f"gold: {len(fixtures)} fixtures, "
          f"{sum(len(fx.gold) for fx in fixtures)} valid rows", file=sys.stderr)
    for fx in fixtures:
        t = sum(g.kind == "target" for g in fx.gold)
        print(f"  {fx.slug:28s} {len(fx.gold):4d} rows (T {t}, A {len(fx.gold) - t}), "
              f"{len(fx.text)} chars", file=sys.stderr)
    if problems:
        print("invalid gold files:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    if args.validate_only:
        print("gold files valid: every quote occurs in its text", file=sys.stderr)
        return 0
    try:
        res = evaluate(args.fixtures, args.only)
    except ExtractorUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(_jsonable(res), ensure_ascii=False, indent=2))
    else:
        print_report(res, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
