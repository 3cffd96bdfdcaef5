"""Adapter: an .xlsx/.xlsm file on disk -> ``Book`` (grids of values + merges).

Everything that can go wrong with a file a clerk sends (not a workbook, an old
.xls, a password, a broken or bomb-like zip, XML with entity declarations)
becomes a ``ReadError`` with a Vietnamese message naming the file. The file is
opened read-only and never written; macros are never run.

Two engines give the very same ``Book``: python-calamine (Rust; about seven
times faster than openpyxl and streaming, which the 100,000-row and lying-
dimension cases need) and openpyxl (the fallback, and what `fix`/annotate use).
Values are normalised alike: '' is None, integral floats are ints, dates are
datetimes, and a formula's error value (#REF!) is kept as its text.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import Any

from cchc_xl.core.model import Book, Grid, column_index, normal
from cchc_xl.errors import ReadError
from cchc_xl.table.sheets import NOT_READ, PROPERTIES, properties

# The template's dropdown lists and guide, and our results/marks sheets: never a table to check.
MAX_UNCOMPRESSED = 512 * 1024 * 1024      # the whole package, as the zip directory declares it
MAX_RATIO = 100                           # a part above 64 MiB may not compress better than this
# Text the sheets decode to (UTF-8 bytes, shared strings counted once per cell that uses them): one
# 32,767-character string referenced by 20,000 cells is a 117 KB file that decodes to 1.3 GB.
MAX_SHEET_TEXT = MAX_BOOK_TEXT = 48 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")


# --------------------------------------------------------------------------- refusing what is not a workbook
def sniff(path: Path) -> None:
    """Refuse what is not an Office Open XML workbook, saying what it is instead."""
    if not path.exists():
        raise ReadError(path, "không tìm thấy tệp.")
    if path.is_dir():
        raise ReadError(path, "là thư mục, không phải tệp Excel.")
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        raise ReadError(path, "tệp rỗng (0 byte).")
    if head.startswith(_OLE_MAGIC):
        if _contains(path, _ENCRYPTED):
            raise ReadError(path, "tệp được đặt mật khẩu. Hãy mở bằng Excel, gỡ mật khẩu (File > Info > "
                                  "Protect Workbook > Encrypt with Password, xóa mật khẩu) rồi lưu lại.")
        raise ReadError(path, "là tệp Excel 97-2003 (.xls). Hãy mở bằng Excel và lưu lại dạng "
                              "Excel Workbook (.xlsx).")
    if not head.startswith(b"PK"):
        raise ReadError(path, "không phải tệp Excel (.xlsx/.xlsm).")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "word/document.xml" in names:
                raise ReadError(path, "là tài liệu Word đổi đuôi thành .xlsx. Hãy dán bảng vào Excel và lưu .xlsx.")
            if "xl/workbook.xml" not in names:
                raise ReadError(path, "không phải tệp Excel (.xlsx/.xlsm): thiếu xl/workbook.xml.")
            _refuse_bombs(path, zf, infos)
            if b"purl.oclc.org/ooxml" in zf.read("xl/workbook.xml")[:4096]:
                raise ReadError(path, "được lưu dạng Strict Open XML Spreadsheet, dạng ít chương trình đọc được. Hãy "
                                      "mở bằng Excel và lưu lại dạng Excel Workbook (.xlsx).")
            _refuse_text_bombs(path, zf)
    except (zipfile.BadZipFile, EOFError, OSError):
        raise ReadError(path, "tệp Excel bị hỏng hoặc chưa tải về đủ (không đọc được cấu trúc zip).") from None


def _contains(path: Path, needle: bytes, chunk: int = 1 << 20) -> bool:
    with path.open("rb") as fh:
        tail = b""
        while block := fh.read(chunk):
            if needle in tail + block:
                return True
            tail = block[-len(needle):]
    return False


def _refuse_bombs(path: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise ReadError(path, f"tệp giải nén ra {total // (1024 * 1024)} MB, quá giới hạn "
                              f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB: bị từ chối (có thể là tệp độc hại).")
    for info in infos:
        if info.file_size > 64 * 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ReadError(path, f"phần {info.filename} nén bất thường (tỷ lệ > {MAX_RATIO}:1): bị từ chối "
                                  "(có thể là zip bomb).")
        if info.filename.endswith((".xml", ".rels")):
            with zf.open(info) as part:
                start = part.read(2048)
            if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                raise ReadError(path, f"phần {info.filename} khai báo DTD/thực thể XML, điều tệp Excel thật không "
                                      "bao giờ có: bị từ chối (có thể là tệp độc hại kiểu billion laughs).")


_SHARED = re.compile(rb"<si>.*?</si>|<si/>", re.S)
_TEXT_CELL = re.compile(rb'<is>(.*?)</is>|\bt="s"[^>]*>\s*<v>(\d+)</v>', re.S)


def _refuse_text_bombs(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse a workbook whose cells decode to far more text than the file holds.

    One 32,767-character shared string referenced by 20,000 cells is a 117 KB file that
    decodes to 1.3 GB; a sheet of inline strings compressed 100:1 is a few MB for
    hundreds. A bound from the zip directory alone (a cell reference takes at least 20
    bytes, a shared string at most the table's size) clears ordinary files without
    decompressing anything; otherwise the text is counted (each shared-string reference
    costs its string's length).
    """
    from cchc_xl.formats.package import sheet_parts

    infos = {i.filename: i for i in zf.infolist()}
    table = infos.get("xl/sharedStrings.xml")
    parts = {sheet: infos[part] for sheet, part in sheet_parts(zf).items() if part in infos}
    bounds = {sheet: i.file_size + i.file_size // 20 * (table.file_size if table else 0) for sheet, i in parts.items()}
    if all(b <= MAX_SHEET_TEXT for b in bounds.values()) and sum(bounds.values()) <= MAX_BOOK_TEXT:
        return
    sizes = [m.end() - m.start() for m in _SHARED.finditer(zf.read(table))] if table else []
    total = 0
    for sheet, info in parts.items():
        text = bounds[sheet] if bounds[sheet] <= MAX_SHEET_TEXT // 8 else _text_size(zf.read(info), sizes)
        if text > MAX_SHEET_TEXT:
            raise ReadError(path, f"trang '{sheet}' chứa quá nhiều chữ sau khi giải nén ({text // 2**20} MB, giới "
                                  f"hạn {MAX_SHEET_TEXT // 2**20} MB; thường do một chuỗi rất dài lặp lại ở hàng "
                                  "nghìn ô): bị từ chối.")
        total += text
    if total > MAX_BOOK_TEXT:
        raise ReadError(path, f"tệp chứa quá nhiều chữ sau khi giải nén ({total // 2**20} MB, giới hạn "
                              f"{MAX_BOOK_TEXT // 2**20} MB): bị từ chối.")


def _text_size(data: bytes, sizes: list[int]) -> int:
    """Bytes of text a sheet part decodes to: inline strings, and each shared string per reference."""
    total = 0
    for m in _TEXT_CELL.finditer(data):
        if m.group(1) is not None:
            total += len(m.group(1))
        elif int(m.group(2)) < len(sizes):
            total += sizes[int(m.group(2))]
    return total


# --------------------------------------------------------------------------- reading
def engine() -> str:
    """calamine when installed (fast), else openpyxl; CCHC_XL_READER=openpyxl forces the fallback."""
    wanted = os.environ.get("CCHC_XL_READER", "")
    if wanted in ("openpyxl", "calamine"):
        return wanted
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return "openpyxl"
    return "calamine"


def read_book(path: str | os.PathLike, reader: str | None = None) -> Book:
    """Read every sheet's values (cached results for formulas) and merged ranges."""
    path = Path(path)
    resave = {".xls": "là tệp Excel 97-2003 (.xls)", ".xlsb": "là tệp Excel nhị phân (.xlsb)",
              ".ods": "là tệp LibreOffice/OpenOffice (.ods)"}.get(path.suffix.lower())
    if resave and path.exists():
        raise ReadError(path, f"{resave}. Hãy mở và lưu lại dạng Excel Workbook (.xlsx).")
    sniff(path)
    engines = [_read_calamine, _read_openpyxl] if (reader or engine()) == "calamine" else [_read_openpyxl]
    failure: BaseException | None = None
    for read in engines:  # calamine refuses a few valid files (an "_x0001_" escape): openpyxl then reads them
        try:
            grids = read(path)
            break
        except _Sparse:
            continue
        except ReadError:
            raise
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # both engines raise many types for broken parts; calamine may even panic
            failure = failure or exc
    else:
        raise ReadError(path, f"không đọc được nội dung workbook ({type(failure).__name__}: {failure}).")
    properties = _properties(grids)
    return Book(str(path), [g for g in grids if g.name != PROPERTIES], properties)


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty rows and cells: a lying dimension or styled empty cells add nothing."""
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    return rows


def _read_openpyxl(path: Path) -> list[Grid]:
    import openpyxl

    wb = openpyxl.load_workbook(path, data_only=True, keep_links=False, keep_vba=False)
    try:
        return [_grid_openpyxl(ws) for ws in wb.worksheets]
    finally:
        wb.close()


def _grid_openpyxl(ws: Any) -> Grid:
    if ws.title in NOT_READ:
        return Grid(ws.title, [], [], 1, False)
    cells = ws._cells  # sparse {(row, col): Cell}: never materialise a lying dimension
    used = {(r, c): _unescaped(normal(cell.value)) for (r, c), cell in cells.items() if cell.value is not None}
    used = {k: v for k, v in used.items() if v is not None}
    visible = ws.sheet_state == "visible"
    merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    if not used:
        return Grid(ws.title, [], merged, 1, visible)
    last_row = max(r for r, _ in used)
    rows: list[list[Any]] = [[] for _ in range(last_row)]
    for (r, c), value in sorted(used.items()):
        row = rows[r - 1]
        row.extend([None] * (c - len(row)))
        row[c - 1] = value
    return Grid(ws.title, _trim(rows), merged, 1, visible)


_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")


def _unescaped(value: Any) -> Any:
    """'_x0001_' is how OOXML stores a control character; calamine decodes it, openpyxl does not."""
    if isinstance(value, str) and "_x" in value and _ESCAPE.search(value):
        from openpyxl.utils.escape import unescape

        return unescape(value)
    return value


def _read_calamine(path: Path) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    errors, sparse = _scan_sheets(path)
    if sparse:
        raise _Sparse(path)
    wb = CalamineWorkbook.from_path(str(path))
    try:
        grids = []
        for meta in wb.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue
            if meta.name in NOT_READ:  # our own lists and guide: nothing to check there
                grids.append(Grid(meta.name, [], [], 1, False))
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            rows = [[normal(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            for (r, c), text in errors.get(meta.name, {}).items():
                while len(rows) < r:
                    rows.append([])
                row = rows[r - 1]
                row.extend([None] * (c - len(row)))
                row[c - 1] = text
            merged = [(a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in sheet.merged_cell_ranges or []]
            visible = str(meta.visible).rsplit(".", 1)[-1] == "Visible"
            grids.append(Grid(meta.name, _trim(rows), merged, 1, visible))
        return grids
    finally:
        wb.close()


_ERROR_CELL = re.compile(rb'<c\b([^>]*?\bt="e"[^>/]*)>(.*?)</c>', re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")


class _Sparse(Exception):
    """A sheet whose last row is far below its few rows (a stray formatted or space-only cell on row 1,048,576):
    calamine would hand over every row in between, openpyxl keeps only the cells that exist."""


_LAST_ROW = re.compile(rb'<row\b[^>]*?\br="(\d+)"')


def _is_sparse(data: bytes) -> bool:
    """Far more rows in the used range than row elements in the part (a cheap count, no parsing)."""
    last = data.rfind(b"<row ")
    m = _LAST_ROW.match(data, last) if last >= 0 else None
    return m is not None and int(m.group(1)) > 2 * data.count(b"<row ") + SPARSE_GAP


SPARSE_GAP = 10_000   # rows: a used range this much longer than twice its rows is read sparsely


def _scan_sheets(path: Path) -> tuple[dict[str, dict[tuple[int, int], str]], bool]:
    """Error values (#REF!, #DIV/0!) by sheet (calamine reads them as empty, openpyxl as text), and whether a
    sheet is sparse (``_Sparse``)."""
    from cchc_xl.formats.package import sheet_parts

    out: dict[str, dict[tuple[int, int], str]] = {}
    sparse = False
    with zipfile.ZipFile(path) as zf:
        for name, part in sheet_parts(zf).items():
            try:
                data = zf.read(part)
            except KeyError:
                continue
            sparse = sparse or _is_sparse(data)
            if b't="e"' not in data:
                continue
            for e in _ERROR_CELL.finditer(data):
                ref, value = _REF.search(e.group(1)), _VALUE.search(e.group(2))
                if not ref or not value:
                    continue
                col = column_index(ref.group(1).decode())
                out.setdefault(name, {})[(int(ref.group(2)), col)] = value.group(1).decode()
    return out, sparse


def _properties(grids: list[Grid]) -> dict[str, str]:
    return next((properties(g.rows) for g in grids if g.name == PROPERTIES), {})
