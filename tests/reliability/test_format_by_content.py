"""Finding 7: the format is read from the content (magic bytes), the extension is a hint.

xlsx and ods are zip containers, xls is an OLE2 compound file (d0cf11e0…), csv is text.
On main the reader sniffed the content but then let calamine choose its parser by the
file's extension, so a real .xls named .xlsx (or the reverse) was refused as "corrupt".
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from gwr.sheets import UnreadableFileError, read_sheet
from gwr.sheets.safety import OLE_MAGIC, ZIP_MAGIC, sniff_format

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sheets"))
from sheet_corpus import standard_rows, write_ods, write_xls, write_xlsx


def _values(path: Path) -> list[tuple[str, float | None]]:
    return [(r.indicator, r.value) for r in read_sheet(path).records]


@pytest.mark.parametrize(
    ("writer", "true_name", "false_name", "fmt"),
    [
        ("xls", "t.xls", "市统计局_2024年1-6月.xlsx", "xls"),
        ("xlsx", "t.xlsx", "市统计局_2024年1-6月.xls", "xlsx"),
        ("ods", "t.ods", "市统计局_2024年1-6月.xlsx", "ods"),
        ("xlsx", "t.xlsx", "市统计局_2024年1-6月.ods", "xlsx"),
    ],
)
def test_a_workbook_is_read_whatever_its_extension_says(
    tmp_path: Path, writer: str, true_name: str, false_name: str, fmt: str
) -> None:
    """Red on main: "corrupt xls workbook: invalid Zip archive" and the like."""
    rows = standard_rows()
    original = tmp_path / true_name
    if writer == "xls":
        write_xls(original, rows)
    elif writer == "ods":
        write_ods(original, rows)
    else:
        write_xlsx(original, [("Sheet1", rows, [])])
    misnamed = tmp_path / "misnamed" / false_name
    misnamed.parent.mkdir()
    shutil.copy(original, misnamed)
    assert sniff_format(misnamed) == fmt
    expected = _values(original)
    assert expected and _values(misnamed) == expected


def test_magic_bytes_decide() -> None:
    assert ZIP_MAGIC == b"PK\x03\x04"
    assert bytes.fromhex("d0cf11e0a1b11ae1") == OLE_MAGIC


def test_text_named_xls_is_read_as_csv_and_garbage_named_xlsx_is_refused(
    tmp_path: Path,
) -> None:
    text = tmp_path / "市统计局_2024年1-6月.xls"
    text.write_text("指标,单位,完成值\n地区生产总值,亿元,401.37\n", encoding="utf-8")
    assert _values(text) == [("地区生产总值", 401.37)]
    garbage = tmp_path / "g.xlsx"
    garbage.write_bytes(b"\x13\x37" * 100)
    with pytest.raises(UnreadableFileError, match="not a zip container"):
        read_sheet(garbage)
