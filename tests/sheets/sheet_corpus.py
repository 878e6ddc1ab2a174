"""Builders for messy departmental spreadsheets, written into a test's tmp_path.

Every variation the reader must accept (CONTRACT §1.2) and every broken file it must
quarantine has a builder here; the tests in this folder call them.
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
import xlwt

Row = Sequence[object]
Merge = tuple[int, int, int, int]  # first_row, first_col, last_row, last_col (0-based)

TITLE = "巴中市2024年目标任务完成情况表"


def write_xlsx(
    path: Path,
    sheets: Sequence[tuple[str, Sequence[Row], Sequence[Merge]]],
) -> Path:
    """One .xlsx; a cell may be ``("=FORMULA", cached)`` for a formula with cached value."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    for name, rows, merges in sheets:
        ws = wb.add_worksheet(name)
        merged_cells: set[tuple[int, int]] = set()
        for r0, c0, r1, c1 in merges:
            ws.merge_range(r0, c0, r1, c1, rows[r0][c0] if c0 < len(rows[r0]) else "")
            merged_cells |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == "" or (r, c) in merged_cells:
                    continue
                if isinstance(v, tuple):
                    ws.write_formula(r, c, v[0], None, v[1])
                elif isinstance(v, int | float):
                    ws.write_number(r, c, v)
                else:
                    ws.write_string(r, c, str(v))
    wb.close()
    return path


def write_xls(
    path: Path, rows: Sequence[Row], merges: Sequence[Merge] = (), name: str = "Sheet1"
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(name)
    merged: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in merges:
        ws.write_merge(r0, r1, c0, c1, rows[r0][c0])
        merged |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None or v == "" or (r, c) in merged:
                continue
            ws.write(r, c, v)
    wb.save(str(path))
    return path


def write_ods(path: Path, rows: Sequence[Row], name: str = "Sheet1") -> Path:
    """A minimal OpenDocument spreadsheet, written by hand (fast; no pandas/odfpy)."""
    from xml.sax.saxutils import escape, quoteattr

    path.parent.mkdir(parents=True, exist_ok=True)
    body = []
    for row in rows:
        cells = []
        for v in row:
            if v is None or v == "":
                cells.append("<table:table-cell/>")
            elif isinstance(v, int | float):
                cells.append(
                    f'<table:table-cell office:value-type="float" office:value="{v}">'
                    f"<text:p>{v}</text:p></table:table-cell>"
                )
            else:
                cells.append(
                    f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}'
                    "</text:p></table:table-cell>"
                )
        body.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet><table:table table:name={quoteattr(name)}>"
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def write_csv(path: Path, rows: Sequence[Row], encoding: str = "utf-8", bom: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in rows]
    )
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


# --- typical layouts ----------------------------------------------------------------

HEADER = ["序号", "指标名称", "计量单位", "年度目标", "1-6月完成", "增速（%）", "备注"]
DATA = [
    [1, "地区生产总值", "亿元", "", 401.37, 5.8, ""],
    [2, "规模以上工业增加值增速", "%", 8, "", 8.9, ""],
    [3, "城镇新增就业", "万人", 2.8, "1.62", "", ""],
    [4, "新建5G基站", "个", 1000, "６５０", "—", ""],
    [5, "常住人口城镇化率", "%", 49, "48.6%", "", ""],
    [6, "粮食总产量", "万吨", 195, "待统计", "", "夏粮数据待统计"],
]


def standard_rows(
    department: str | None = "市统计局",
    period: str | None = "2024年1-6月",
    title: str | None = TITLE,
    header: Sequence[str] = HEADER,
    data: Sequence[Row] = DATA,
) -> list[list[object]]:
    rows: list[list[object]] = []
    if title:
        rows.append([title])
    info: list[object] = []
    if department:
        info += [f"填报单位：{department}（盖章）", "", ""]
    if period:
        info += ["统计期：", period]
    if info:
        rows.append(info)
    rows.append(list(header))
    rows += [list(r) for r in data]
    return rows


def two_row_header_rows() -> tuple[list[list[object]], list[Merge]]:
    """``1-6月`` merged over ``完成值 | 增速（%）``; 指标名称/计量单位/全年目标 span two rows."""
    rows: list[list[object]] = [
        [TITLE, "", "", "", ""],
        ["填报单位：市发改委", "", "", "统计期：2024年1-6月", ""],
        ["指标名称", "计量单位", "1-6月", "", "全年目标"],
        ["", "", "完成值", "增速（%）", ""],
        ["固定资产投资", "亿元", 210.5, 4.6, "5%"],
        ["省市重点项目完成投资", "亿元", "230.6", "", "410亿元以上"],
        ["合计", "", 441.1, "", ""],
        ["注：增速按可比价计算。", "", "", "", ""],
    ]
    merges: list[Merge] = [(0, 0, 0, 4), (2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 2, 3), (2, 4, 3, 4)]
    return rows, merges


# --- broken files -----------------------------------------------------------------


def corrupt_xlsx(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    return path


def random_bytes_xlsx(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 8)
    return path


def encrypted_ole(path: Path) -> Path:
    """The shape of a password-protected .xlsx: an OLE2 file with an EncryptedPackage stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50
    directory += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 50
    path.write_bytes(header + directory + b"\x00" * 1024)
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def zip_bomb_ratio(path: Path, megabytes: int = 20) -> Path:
    """A valid zip whose one member is ``megabytes`` MB of zeros (ratio ~1000x)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (megabytes * 1024 * 1024))
    return path


def zip_bomb_declared(path: Path, declared: int = 4 * 1024**3 - 1) -> Path:
    """A small zip whose central directory declares a huge uncompressed member."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<worksheet/>")
    data = bytearray(path.read_bytes())
    sig = b"PK\x01\x02"
    pos = 0
    while True:
        pos = data.find(sig, pos)
        if pos < 0:
            break
        struct.pack_into("<I", data, pos + 24, declared)  # uncompressed size
        pos += 4
    path.write_bytes(bytes(data))
    return path


BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>\n"
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"'
    ' uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)


def billion_laughs_xlsx(path: Path) -> Path:
    """A real xlsx whose sharedStrings.xml carries the billion-laughs DTD."""
    tmp = path.with_suffix(".src.xlsx")
    write_xlsx(tmp, [("Sheet1", [["指标名称", "完成值"], ["x", 1]], [])])
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = BILLION_LAUGHS.encode()
            dst.writestr(info, data)
    tmp.unlink()
    return path
