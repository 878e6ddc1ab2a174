"""How many corpus reports get their region right from the text alone.

    .venv/bin/python bench/regions_corpus.py [CORPUS_DIR]

Reads ``manifest.csv`` of the shared corpus (``../shared/corpus`` beside the clone by
default), runs :func:`gwr.regions.detect_report_region` on every report, prints each
mismatch (file, expected, found, evidence) and the total right.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from gwr.regions import NATIONAL_CODE, Division, detect_report_region, lookup_code, resolve

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def expected_division(region: str) -> Division | None:
    """The manifest's region (``national``, ``巴中市``, ``黄山市黄山区``) as a division."""
    if region == "national":
        return lookup_code(NATIONAL_CODE)
    return resolve(region)


def evaluate(corpus: Path) -> tuple[int, int, list[str]]:
    """(right, total, one line per mismatch)."""
    with (corpus / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    right, lines = 0, []
    for row in rows:
        want = expected_division(row["region"])
        text = (corpus / "reports" / row["file"]).read_text(encoding="utf-8-sig")
        got = detect_report_region(text)
        if want is not None and got.division is not None and got.division.code == want.code:
            right += 1
            continue
        found = f"{got.division.name} {got.division.code}" if got.division else "None"
        wanted = f"{want.name} {want.code}" if want else f"{row['region']} (not in the table)"
        lines.append(f"{row['file']}: want {wanted}, got {found} ({got.evidence})")
    return right, len(rows), lines


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not (corpus / "manifest.csv").is_file():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    right, total, lines = evaluate(corpus)
    for line in lines:
        print(line)
    print(f"regions right: {right}/{total}")
    return 0 if right == total else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
