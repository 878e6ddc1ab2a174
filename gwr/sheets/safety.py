"""Checks made on a file's bytes *before* a parser sees it.

- size limit in bytes (``Limits.max_file_bytes``);
- format from the content, not the name: zip (xlsx/ods), OLE2 (xls, or an encrypted
  OOXML package), else text (csv);
- OLE2 containers holding an ``EncryptedPackage`` stream are password-protected
  workbooks: refused with that reason;
- zip bombs: the sum of the members' uncompressed sizes, their number and the
  compression ratio of large members are checked from the central directory
  (``zipfile.infolist``) before anything is decompressed;
- XML entity tricks: an OOXML/ODF member never legitimately has a DTD, so a
  ``<!DOCTYPE``/``<!ENTITY`` in the prolog of any XML member refuses the file
  (calamine does not expand entities anyway; this makes the refusal explicit);
- formulas: calamine returns cached values and never evaluates anything; for xlsx
  :func:`scan_xlsx` lists formula cells that have *no* cached value so the reader
  can reject those cells instead of reading them as blank, and numeric cells
  formatted as a percentage (calamine gives 0.058 for a cell showing 5.8%).

Nothing here follows external links or evaluates formulas.
"""

from __future__ import annotations

import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from gwr.files import describe_os_error
from gwr.sheets.model import FileAccessError, UnreadableFileError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_DTD_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """Resource limits for one file; every one is checked before parsing."""

    max_file_bytes: int = 25 * 1024 * 1024
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_zip_members: int = 2_000
    #: ratio (uncompressed / compressed) allowed for members larger than ``ratio_floor_bytes``
    max_compression_ratio: float = 150.0
    ratio_floor_bytes: int = 1024 * 1024
    max_rows: int = 100_000  # per sheet
    max_cols: int = 500
    max_cells: int = 2_000_000  # per sheet: rows x columns of the used range


DEFAULT_LIMITS = Limits()


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


@dataclass
class CheckedFile:
    """A file that passed the checks: its format, its bytes (read once) and, for a zip
    container, the open archive (central directory read), so that loading and
    :func:`scan_xlsx` read neither the file nor the directory again. Close it."""

    fmt: str
    data: bytes
    zf: zipfile.ZipFile | None = None
    _fh: BinaryIO | None = None

    def close(self) -> None:
        if self.zf is not None:
            self.zf.close()
        if self._fh is not None:
            self._fh.close()


def sniff_format(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """Return ``"xlsx"``, ``"ods"``, ``"xls"`` or ``"csv"``; raise for anything unreadable."""
    checked = check_file(path, limits)
    checked.close()
    return checked.fmt


def check_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> CheckedFile:
    """:func:`sniff_format`, keeping what it read (see :class:`CheckedFile`)."""
    suffix = path.suffix.lower()
    try:
        st = path.stat()
    except OSError as exc:
        raise FileAccessError(f"cannot open file: {describe_os_error(exc)}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise FileAccessError("cannot open file: it is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise FileAccessError("cannot open file: not a regular file (a pipe, socket or device)")
    size = st.st_size
    if size == 0:
        raise UnreadableFileError("empty file (0 bytes)")
    if size > limits.max_file_bytes:
        raise UnreadableFileError(
            f"file too large: {_mb(size)} is over the {_mb(limits.max_file_bytes)} limit"
        )
    fh = path.open("rb")
    try:
        data = fh.read()
        head = data[:8]
        if head.startswith(ZIP_MAGIC):
            # the archive reads the open file (not the bytes): its errors stay the file's
            zf = _open_zip(fh)
            try:
                fmt = _check_zip(zf, data, limits)
            except BaseException:
                zf.close()
                raise
            return CheckedFile(fmt, data, zf, fh)
    except BaseException:
        fh.close()
        raise
    fh.close()
    if head == OLE_MAGIC:
        if _ENCRYPTED_STREAM in data:
            raise UnreadableFileError(
                "encrypted workbook (password-protected OLE container with EncryptedPackage):"
                " save it without a password"
            )
        return CheckedFile("xls", data)
    if suffix in {".xlsx", ".xlsm", ".ods"}:
        raise UnreadableFileError(f"corrupt {suffix} file: not a zip container")
    if suffix == ".xls":
        # Some systems export HTML or CSV with an .xls name; read it as text if it is text.
        return CheckedFile("csv", data)
    if suffix in {".csv", ".txt", ""}:
        return CheckedFile("csv", data)
    raise UnreadableFileError(f"unsupported file type {suffix!r}")


_ZIP_ERRORS = (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError)


def _open_zip(fh: BinaryIO) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(fh)
    except _ZIP_ERRORS as exc:
        raise _zip_error(exc) from exc


def _zip_error(exc: Exception) -> UnreadableFileError:
    """What reading a zip container raised, as the reason the file is refused."""
    if isinstance(exc, zipfile.BadZipFile):
        return UnreadableFileError(f"corrupt zip container: {exc}")
    # RuntimeError: encrypted zip members; NotImplementedError: odd compression
    return UnreadableFileError(f"corrupt or unsupported zip container: {exc}")


def _check_zip(zf: zipfile.ZipFile, data: bytes, limits: Limits) -> str:
    try:
        infos = zf.infolist()
        if len(infos) > limits.max_zip_members:
            raise UnreadableFileError(
                f"refused: zip container has {len(infos)} members (limit {limits.max_zip_members})"
            )
        total = sum(i.file_size for i in infos)
        if total > limits.max_uncompressed_bytes:
            raise UnreadableFileError(
                f"refused (zip bomb?): uncompressed size {_mb(total)} is over the"
                f" {_mb(limits.max_uncompressed_bytes)} limit"
            )
        for info in infos:
            if info.file_size > limits.ratio_floor_bytes:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > limits.max_compression_ratio:
                    raise UnreadableFileError(
                        f"refused (zip bomb?): member {info.filename} expands {ratio:.0f}x"
                        f" (limit {limits.max_compression_ratio:.0f}x)"
                    )
        names = {i.filename for i in infos}
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                prolog = member_bytes(zf, data, info, 4096)
                if _DTD_RE.search(prolog):
                    raise UnreadableFileError(
                        f"refused: XML member {info.filename} declares a DTD/entities"
                        " (not allowed in a workbook)"
                    )
        if "[Content_Types].xml" in names:
            if any(n.lower() == "xl/workbook.bin" for n in names):
                raise UnreadableFileError("unsupported: binary workbook (.xlsb)")
            return "xlsx"
        if "mimetype" in names or "content.xml" in names:
            return "ods"
    except _ZIP_ERRORS as exc:
        raise _zip_error(exc) from exc
    raise UnreadableFileError("not a spreadsheet: zip file without a workbook inside")


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_LOCAL_MAGIC = b"PK\x03\x04"
# central-directory flag bits the fast path leaves to zipfile: encrypted (0), compressed
# patched data (5), strong encryption (6)
_SLOW_FLAGS = 0x01 | 0x20 | 0x40


def member_bytes(
    zf: zipfile.ZipFile, data: bytes, info: zipfile.ZipInfo, limit: int | None = None
) -> bytes:
    """``zf.open(info).read(limit)`` (all of it when ``limit`` is None), the same bytes and
    the same errors, taken from ``data`` (the archive's bytes) when the member is plain
    (stored or deflated, not encrypted, local header as the directory says, CRC right
    when read to the end); anything else goes through zipfile, which raises as before.
    zipfile's per-member reader costs about 10x the decompression for small members."""
    fast = _plain_member(data, info, limit)
    if fast is not None:
        return fast
    with zf.open(info) as member:
        return member.read(limit) if limit is not None else member.read()


def _plain_member(data: bytes, info: zipfile.ZipInfo, limit: int | None) -> bytes | None:
    if info.flag_bits & _SLOW_FLAGS or info.compress_type not in (
        zipfile.ZIP_STORED,
        zipfile.ZIP_DEFLATED,
    ):
        return None
    want = info.file_size if limit is None else min(limit, info.file_size)
    off = info.header_offset
    if want <= 0 or off < 0 or off + _LOCAL_HEADER.size > len(data):
        return None
    header = _LOCAL_HEADER.unpack_from(data, off)
    if header[0] != _LOCAL_MAGIC:
        return None
    name_len, extra_len = header[10], header[11]
    start = off + _LOCAL_HEADER.size
    try:
        name = data[start : start + name_len].decode("utf-8" if header[3] & 0x800 else "cp437")
    except UnicodeDecodeError:
        return None
    if name != info.orig_filename:
        return None
    start += name_len + extra_len
    raw = data[start : start + info.compress_size]
    if len(raw) != info.compress_size:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            return None
        out = raw[:want]
    else:
        try:
            out = zlib.decompressobj(-15).decompress(raw, want)
        except zlib.error:
            return None
    if len(out) != want:
        return None
    if want == info.file_size and zlib.crc32(out) != info.CRC:
        return None  # zipfile says "Bad CRC-32"
    return out


_SHEET_RE = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?>")
_ATTR_RE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_REL_RE = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*?>")
_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_F_RE = re.compile(rb"<(?:\w+:)?f\b")
_V_RE = re.compile(rb"<(?:\w+:)?v\b[^>]*>[^<]+</(?:\w+:)?v>|<(?:\w+:)?is\b")
_REF_RE = re.compile(r"^([A-Z]+)(\d+)$")


def _xml_unescape(s: str) -> str:
    return (
        s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def cell_ref(ref: str) -> tuple[int, int] | None:
    """``"B5"`` -> ``(4, 1)`` (0-based row, column)."""
    m = _REF_RE.match(ref)
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + (ord(ch) - 64)
    return int(m.group(2)) - 1, col - 1


_CELLXFS_RE = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.DOTALL)
_XF_RE = re.compile(rb"<(?:\w+:)?xf\b[^>]*>")
_NUMFMT_RE = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*>")
_BUILTIN_PERCENT_FORMATS = {9, 10}


@dataclass
class XlsxCells:
    """What calamine does not tell: cells by sheet name, as 0-based (row, col)."""

    #: formula cells without a cached value (calamine would give "")
    uncached: dict[str, set[tuple[int, int]]]
    #: numeric cells shown as a percentage (0.058 displayed as 5.8%)
    percent: dict[str, set[tuple[int, int]]]


def _percent_styles(styles: bytes) -> set[bytes]:
    percent_fmts = set(_BUILTIN_PERCENT_FORMATS)
    for m in _NUMFMT_RE.finditer(styles):
        attrs = {k.split(b":")[-1]: v for k, v in _ATTR_RE.findall(m.group(0))}
        code = _xml_unescape(attrs.get(b"formatCode", b"").decode("utf-8", "replace"))
        unquoted = re.sub(r'"[^"]*"|\\.', "", code)
        if "%" in unquoted and attrs.get(b"numFmtId", b"").isdigit():
            percent_fmts.add(int(attrs[b"numFmtId"]))
    block = _CELLXFS_RE.search(styles)
    if not block:
        return set()
    out: set[bytes] = set()
    for i, m in enumerate(_XF_RE.finditer(block.group(0))):
        attrs = {k.split(b":")[-1]: v for k, v in _ATTR_RE.findall(m.group(0))}
        fmt = attrs.get(b"numFmtId", b"0")
        if fmt.isdigit() and int(fmt) in percent_fmts:
            out.add(str(i).encode())
    return out


def scan_xlsx(path: Path) -> XlsxCells:
    """Formula cells without cached value and percent-formatted cells of an xlsx.

    Plain byte-level scanning of the (already size-checked) workbook XML: no XML
    parser, no entity expansion, no evaluation.
    """
    try:
        with path.open("rb") as fh:
            data = fh.read()
            with zipfile.ZipFile(fh) as zf:
                return scan_checked_xlsx(zf, data)
    except (zipfile.BadZipFile, KeyError, OSError):
        return XlsxCells(uncached={}, percent={})


def scan_checked_xlsx(zf: zipfile.ZipFile, data: bytes) -> XlsxCells:
    """:func:`scan_xlsx` of an archive already open (``data``: its bytes)."""
    result = XlsxCells(uncached={}, percent={})

    def read(name: str) -> bytes:
        return member_bytes(zf, data, zf.getinfo(name))

    try:
        names = set(zf.namelist())
        if "xl/workbook.xml" not in names:
            return result
        wb = read("xl/workbook.xml")
        rels = (
            read("xl/_rels/workbook.xml.rels") if ("xl/_rels/workbook.xml.rels" in names) else b""
        )
        styles = read("xl/styles.xml") if "xl/styles.xml" in names else b""
        percent_styles = _percent_styles(styles)
        targets: dict[str, str] = {}
        for m in _REL_RE.finditer(rels):
            attrs = dict(_ATTR_RE.findall(m.group(0)))
            rid = attrs.get(b"Id", b"").decode("utf-8", "replace")
            tgt = attrs.get(b"Target", b"").decode("utf-8", "replace")
            targets[rid] = tgt
        for m in _SHEET_RE.finditer(wb):
            attrs = {k.split(b":")[-1]: v for k, v in _ATTR_RE.findall(m.group(0))}
            name = _xml_unescape(attrs.get(b"name", b"").decode("utf-8", "replace"))
            rid = attrs.get(b"id", b"").decode("utf-8", "replace")
            tgt = targets.get(rid)
            if not tgt:
                continue
            member = tgt.lstrip("/") if tgt.startswith("/") else str(PurePosixPath("xl") / tgt)
            if member not in names:
                continue
            xml = read(member)
            if not _F_RE.search(xml) and not percent_styles:
                continue
            uncached: set[tuple[int, int]] = set()
            percent: set[tuple[int, int]] = set()
            for cm in _CELL_RE.finditer(xml):
                body = cm.group(2) or b""
                attrs_c = dict(_ATTR_RE.findall(cm.group(1)))
                is_uncached = bool(_F_RE.search(body)) and not _V_RE.search(body)
                is_percent = (
                    attrs_c.get(b"s") in percent_styles
                    and attrs_c.get(b"t", b"n") == b"n"
                    and b"<v" in body
                )
                if not (is_uncached or is_percent):
                    continue
                ref = cell_ref(attrs_c.get(b"r", b"").decode("ascii", "replace"))
                if ref is None:
                    continue
                if is_uncached:
                    uncached.add(ref)
                if is_percent:
                    percent.add(ref)
            if uncached:
                result.uncached[name] = uncached
            if percent:
                result.percent[name] = percent
    except (zipfile.BadZipFile, KeyError, OSError):
        return result
    return result
