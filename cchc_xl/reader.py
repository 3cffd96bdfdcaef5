"""Adapter: an .xlsx/.xlsm file on disk -> ``Book`` (grids of values + merges).

Everything that can go wrong with a file a clerk sends (not a workbook, an old
.xls, a password, a broken zip) becomes a ``ReadError`` with a Vietnamese
message naming the file. The file is opened read-only and never written.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

from .model import Book, Grid

SUFFIXES = (".xlsx", ".xlsm")
PROPERTIES_SHEET = "_cchc"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ReadError(Exception):
    """A file that cannot be read as an appendix workbook; the message is for the user."""

    def __init__(self, path: str | os.PathLike, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message


def sniff(path: Path) -> None:
    """Refuse what is not an Office Open XML workbook, saying what it is instead."""
    if not path.exists():
        raise ReadError(path, "không tìm thấy tệp.")
    if path.is_dir():
        raise ReadError(path, "là thư mục, không phải tệp Excel.")
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith(_OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in head or b"E\x00n\x00c\x00r\x00y\x00p\x00t" in head:
            raise ReadError(path, "tệp được đặt mật khẩu. Hãy gỡ mật khẩu (File > Info > Protect "
                                  "Workbook > Encrypt with Password, xóa mật khẩu) rồi lưu lại.")
        raise ReadError(path, "là tệp Excel 97-2003 (.xls). Hãy mở bằng Excel và lưu lại dạng "
                              "Excel Workbook (.xlsx).")
    if not head:
        raise ReadError(path, "tệp rỗng (0 byte).")
    if not head.startswith(b"PK"):
        raise ReadError(path, "không phải tệp Excel (.xlsx/.xlsm).")
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        raise ReadError(path, "tệp Excel bị hỏng hoặc chưa tải về đủ (không đọc được cấu trúc zip).") from None
    if "word/document.xml" in names:
        raise ReadError(path, "là tài liệu Word đổi đuôi thành .xlsx. Hãy dán bảng vào Excel và lưu .xlsx.")
    if "xl/workbook.xml" not in names:
        raise ReadError(path, "không phải tệp Excel (.xlsx/.xlsm): thiếu xl/workbook.xml.")


def read_book(path: str | os.PathLike) -> Book:
    """Read every sheet's values (cached results for formulas) and merged ranges."""
    path = Path(path)
    if path.suffix.lower() == ".xls":
        raise ReadError(path, "là tệp Excel 97-2003 (.xls). Hãy mở bằng Excel và lưu lại dạng .xlsx.")
    sniff(path)
    import openpyxl  # deferred: `cchc-xl --help` must not pay for it

    try:
        wb = openpyxl.load_workbook(path, data_only=True, keep_links=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many types for broken parts
        raise ReadError(path, f"không đọc được nội dung workbook ({type(exc).__name__}: {exc}).") from None
    try:
        grids = [_grid(ws) for ws in wb.worksheets]
    finally:
        wb.close()
    properties = _properties(grids)
    return Book(str(path), [g for g in grids if g.name != PROPERTIES_SHEET], properties)


def _grid(ws: Any) -> Grid:
    cells = ws._cells  # sparse {(row, col): Cell}: avoids materialising a lying dimension
    used = [(r, c) for (r, c), cell in cells.items() if cell.value is not None]
    if not used:
        return Grid(ws.title, [], [], 1, ws.sheet_state == "visible")
    last_row = max(r for r, _ in used)
    last_col = max(c for _, c in used)
    rows: list[list[Any]] = [[None] * last_col for _ in range(last_row)]
    for r, c in used:
        rows[r - 1][c - 1] = cells[(r, c)].value
    merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    return Grid(ws.title, rows, merged, 1, ws.sheet_state == "visible")


def _properties(grids: list[Grid]) -> dict[str, str]:
    """Key/value rows of the template's hidden ``_cchc`` sheet."""
    for grid in grids:
        if grid.name == PROPERTIES_SHEET:
            return {str(r[0]): "" if len(r) < 2 or r[1] is None else str(r[1])
                    for r in grid.rows if r and r[0] is not None}
    return {}
