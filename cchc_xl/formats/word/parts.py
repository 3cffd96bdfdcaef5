"""The .docx package before any XML is parsed: which parts make the document (its relationships), and the checks
that need no parsing: a zip bomb (a part inflating beyond ``MAX_PART`` or ``MAX_RATIO``), a DTD, a run of text
longer than lxml takes, more tables or rows than ``MAX_TABLES`` and ``MAX_ROWS`` written out, styles or numbering
beyond ``MAX_SIDE_PART``, Strict Open XML (other namespaces: read as a .docx it showed no table). What it returns
is read by ``reader``.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from cchc_xl.errors import ReadError
from cchc_xl.formats.word.numbering import MAX_SIDE_PART, iterparse
from cchc_xl.formats.word.text import MAX_TEXT

MAX_PART = 64 * 1024 * 1024      # bytes of a part once inflated
MAX_RATIO = 200                  # inflated / compressed: beyond this, a bomb
MAX_TABLES = 500
MAX_ROWS = 20_000                # rows of all tables; real appendices have hundreds (a row costs ~5 KB downstream)
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_STRICT_RELS = "http://purl.oclc.org/ooxml/officeDocument/relationships/"   # ISO/IEC 29500 Strict
_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_LONG_RUN = re.compile(rb"(?<![^<>])[^<>]{%d}" % (3 * MAX_TEXT))   # bytes: more than MAX_TEXT characters


def syntax(exc: Exception) -> str:
    text = str(exc)
    if "depth" in text.lower():
        return "tệp Word có các phần tử XML lồng nhau quá 256 tầng (giới hạn của bộ đọc XML): bị từ chối."
    return (f"không đọc được tệp Word (XML hỏng: {text[:160]}). Hãy mở bằng Word và lưu lại dạng .docx.")


# --------------------------------------------------------------------------- the package
def package(path: Path) -> tuple[bytes, bytes | None, bytes | None, list[str]]:
    """(document.xml, styles.xml, numbering.xml) as bytes, after the checks that need no XML parsing, and the names
    of the workbooks embedded in the document."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = {info.filename: info for info in zf.infolist()}
            for info in infos.values():
                if info.file_size > MAX_PART or (info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                                                 and info.file_size > 1024 * 1024):
                    raise ReadError(path, f"phần {info.filename} của tệp Word giải nén quá lớn (nghi là bom nén): "
                                          "bị từ chối.")
            for name in infos:
                if name.endswith(".xml") or name.endswith(".rels"):
                    with zf.open(name) as fh:
                        if b"<!DOCTYPE" in fh.read(4096).upper():
                            raise ReadError(path, f"phần {name} của tệp Word khai báo DTD (có thể chứa thực thể XML "
                                                  "độc hại): bị từ chối.")
            main = _target(zf, path, "", "_rels/.rels", "officeDocument") or "word/document.xml"
            _refuse_strict(zf, path, main if main in infos else "")
            if main not in infos:
                raise ReadError(path, "không phải tệp Word .docx (thiếu word/document.xml).")
            folder, _, name = main.rpartition("/")
            rels = posixpath.join(folder, "_rels", name + ".rels")
            parts = [_target(zf, path, folder, rels, kind) for kind in ("styles", "numbering")]
            document = _read(zf, path, main)
            _count(path, document)
            for part in parts:
                if part in infos and infos[part].file_size > MAX_SIDE_PART:
                    raise ReadError(path, f"phần {part} của tệp Word giải nén quá {MAX_SIDE_PART // 2**20} MB "
                                          "(styles.xml, numbering.xml của một kế hoạch thật dưới 2 MB): bị từ chối.")
            styles, numbering = (_read(zf, path, p) if p in infos else None for p in parts)
            sheets = sorted(posixpath.basename(n) for n in infos if "/embeddings/" in n
                            and n.lower().endswith((".xlsx", ".xlsm", ".xlsb", ".xls")))
            return document, styles, numbering, sheets
    except zipfile.BadZipFile:
        raise ReadError(path, "tệp Word hỏng hoặc không phải .docx (không mở được gói nén).") from None


def _refuse_strict(zf: zipfile.ZipFile, path: Path, main: str) -> None:
    """Word's "Strict Open XML Document" names everything in other namespaces: read as a .docx it showed no table."""
    strict = bool(_target(zf, path, "", "_rels/.rels", "officeDocument", _STRICT_RELS))
    if main and not strict:
        with zf.open(main) as fh:
            strict = _STRICT_W in fh.read(8192)
    if strict:
        raise ReadError(path, "tệp Word lưu dạng Strict Open XML (ISO/IEC 29500 Strict), chương trình chỉ đọc .docx "
                              "thường. Hãy mở bằng Word, chọn Lưu thành (Save As) → Word Document (*.docx) rồi nhập lại.")


def _target(zf: zipfile.ZipFile, path: Path, folder: str, rels: str, kind: str, base: str = "") -> str | None:
    """The part a relationship of type ``kind`` (of ``base``, the transitional types by default) points to, from
    the package's own rels."""
    try:
        data = _read(zf, path, rels)
    except KeyError:
        return None
    from lxml import etree

    try:
        for rel in iterparse(data, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"):
            if rel.get("Type") == (base or _RELS) + kind and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                return posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")
    except etree.XMLSyntaxError as exc:
        raise ReadError(path, syntax(exc)) from None
    return None


def _read(zf: zipfile.ZipFile, path: Path, name: str) -> bytes:
    data = _utf8(zf.read(name))
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ReadError(path, f"phần {name} của tệp Word khai báo DTD (có thể chứa thực thể XML độc hại): bị từ chối.")
    if len(data) > 3 * MAX_TEXT and _LONG_RUN.search(data):   # lxml would stop at 10 MB with "huge text node"
        raise ReadError(path, f"phần {name} của tệp Word có một đoạn chữ liền dài quá {MAX_TEXT:,} ký tự ".replace(",", ".")
                              + "(giới hạn của chương trình; một kế hoạch thật không có đoạn nào dài như vậy): bị từ chối.")
    return data


def _utf8(data: bytes) -> bytes:
    """A part as UTF-8 (Word writes UTF-8; the standard allows UTF-16), so that the byte checks see what lxml parses."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return data
    try:
        text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else
                           "utf-16-le" if data[:1] == b"<" else "utf-16-be")
    except UnicodeDecodeError:
        return data
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", text).encode("utf-8")


def _count(path: Path, body: bytes) -> None:
    """Refuse before parsing what certainly exceeds the table limits (written with Word's prefix)."""
    tables, rows = body.count(b"<w:tbl>") + body.count(b"<w:tbl "), body.count(b"<w:tr>") + body.count(b"<w:tr ")
    if tables > MAX_TABLES or rows > MAX_ROWS:
        raise ReadError(path, f"tệp Word có {n(tables)} bảng, {n(rows)} dòng bảng (tối đa {n(MAX_TABLES)} bảng, "
                              f"{n(MAX_ROWS)} dòng): bị từ chối.")


def n(count: int) -> str:
    """12345 -> "12.345", as a Vietnamese reader writes it."""
    return f"{count:,}".replace(",", ".")
