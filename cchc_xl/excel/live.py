"""Adapter: a live workbook through xlwings <-> the core's ``Book`` and cell marks.

Reads the sheets' values (unsaved edits included) into the same ``Book`` the file
reader produces, and paints the same list of cell marks (``check/marks.py``) that
`cchc-xl check --annotate` paints with openpyxl, remembering what it covers so that
"Xóa đánh dấu" restores it. Engines differ (Excel on Windows through COM, on macOS
through AppleScript, xlwings' remote engine in tests): each capability is probed,
and a missing one degrades to the next best (documented where it happens).
"""

from __future__ import annotations

from typing import Any, Callable

from cchc_xl.check.marks import (
    COMMENT_AUTHOR,
    RESULT_HEADER,
    CellMark,
    on_anchors,
    result_lines,
    result_rows,
)
from cchc_xl.check.pipeline import FileResult
from cchc_xl.core.model import Book, Grid, normal
from cchc_xl.formats.xlsx.cells import cell_text
from cchc_xl.table.sheets import MARKS, PROPERTIES, RESULTS, properties

MAX_MERGE_PROBES = 5000


# --------------------------------------------------------------------------- reading the live book
def read_live(book: Any) -> tuple[Book, dict[str, list[tuple[int, int, int, int]]]]:
    """The live workbook as the core's ``Book``, and each sheet's merged ranges."""
    grids: list[Grid] = []
    merged: dict[str, list[tuple[int, int, int, int]]] = {}
    found: dict[str, str] = {}
    for sheet in book.sheets:
        rng = sheet.used_range
        values = rng.options(ndim=2).value or [[]]
        pad = [None] * (rng.column - 1)
        rows = [pad + [normal(v) for v in row] for row in values]
        if sheet.name == PROPERTIES:
            found = properties(rows)
            continue
        merged[sheet.name] = _merged(sheet, rng)
        grids.append(Grid(sheet.name, rows, merged[sheet.name], rng.row, _visible(sheet)))
    return Book(book.fullname, grids, found), merged


def _visible(sheet: Any) -> bool:
    try:
        return bool(sheet.visible)
    except Exception:
        return True


def _merged(sheet: Any, rng: Any) -> list[tuple[int, int, int, int]]:
    """Merged ranges of the used range: Excel's Find-by-format on Windows, a bounded probe of
    empty cells elsewhere; engines that cannot tell (the remote one) report none."""
    try:
        return _merged_com(sheet, rng)
    except Exception:
        pass
    found: set[tuple[int, int, int, int]] = set()
    try:
        values = rng.options(ndim=2).value or []
        probes = 0
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                if value is not None or probes >= MAX_MERGE_PROBES:
                    continue
                probes += 1
                cell = sheet.range((rng.row + i, rng.column + j))
                if cell.merge_cells:
                    area = cell.merge_area
                    found.add((area.row, area.column, area.last_cell.row, area.last_cell.column))
    except Exception:
        return sorted(found)
    return sorted(found)


def _merged_com(sheet: Any, rng: Any) -> list[tuple[int, int, int, int]]:
    api = rng.api
    if api.MergeCells is False:
        return []
    app = sheet.book.app.api
    app.FindFormat.Clear()
    app.FindFormat.MergeCells = True
    out: list[tuple[int, int, int, int]] = []
    first = found = api.Find(What="", SearchFormat=True)
    while found is not None:
        area = found.MergeArea
        key = (area.Row, area.Column, area.Row + area.Rows.Count - 1, area.Column + area.Columns.Count - 1)
        if key in out:
            break
        out.append(key)
        found = api.Find(What="", After=area.Cells(area.Rows.Count, area.Columns.Count), SearchFormat=True)
        if found is not None and found.Address == first.Address:
            break
    app.FindFormat.Clear()
    return out


# --------------------------------------------------------------------------- painting
def _rgb(hex6: str) -> tuple[int, int, int]:
    return int(hex6[0:2], 16), int(hex6[2:4], 16), int(hex6[4:6], 16)


def _hex(color: Any) -> str:
    if isinstance(color, tuple):
        return "%02X%02X%02X" % color[:3]
    return str(color or "").lstrip("#").upper()


def _remembered_color(fill: str) -> str:
    """RRGGBB from a remembered fill: ours, or the JSON annotate.py writes (an annotated copy)."""
    if fill.startswith("{"):
        import json

        fg = json.loads(fill).get("fg") or {}
        return str(fg.get("value"))[-6:] if fg.get("type") == "rgb" else ""
    return fill


def _sheet(book: Any, name: str) -> Any | None:
    try:
        return book.sheets[name]
    except Exception:
        return None


def clear_live(book: Any) -> int:
    """Undo our marks: previous fills and notes back, our sheets removed."""
    memory = _sheet(book, MARKS)
    restored = 0
    if memory is not None:
        rows = memory.used_range.options(ndim=2).value or []
        for row in rows[1:]:
            sheet_name, cell, fill, note = (list(row) + [None] * 4)[:4]
            sheet = _sheet(book, sheet_name) if sheet_name else None
            if sheet is None or not cell:
                continue
            target = sheet[cell]
            color = _remembered_color(str(fill or ""))
            target.color = _rgb(color) if color else None
            if target.note is not None:
                target.note.delete()
            if note:
                target.add_note(str(note))
            restored += 1
        memory.delete()
    results = _sheet(book, RESULTS)
    if results is not None:
        results.delete()
    return restored


def paint_live(book: Any, marks: list[CellMark], merged: dict) -> None:
    memory_rows: list[list[Any]] = [["sheet", "cell", "fill", "comment", "author"]]  # as annotate.py
    for m in on_anchors([m for m in marks if _sheet(book, m.sheet) is not None], merged):
        target = book.sheets[m.sheet][m.cell]
        old_color, old_note = _read_quietly(lambda: target.color), None
        if target.note is not None:
            old_note = _read_quietly(lambda: target.note.text)
            target.note.delete()
        memory_rows.append([live_text(v) for v in (m.sheet, m.cell, _hex(old_color) if old_color else "",
                                                     old_note or "", "")])
        target.color = _rgb(m.color)
        text = m.comment if not old_note else m.comment + "\n\n— Ghi chú cũ —\n" + old_note
        target.add_note(cell_text(f"{COMMENT_AUTHOR}:\n{text}"))
    memory = book.sheets.add(MARKS, after=book.sheets[len(book.sheets) - 1])
    memory["A1"].value = memory_rows
    memory.visible = False


def live_text(value: Any) -> Any:
    """A value for a live cell, through the same guard as files (``xlsx.cell_text``). Excel parses a
    string set through its object model: one starting with = + - @ would become a formula, so it
    gets the apostrophe a clerk would type."""
    if not isinstance(value, str):
        return value
    value = cell_text(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _read_quietly(read: Callable[[], Any]) -> Any:
    """Engines that cannot read a colour or a note's text synchronously give None."""
    try:
        return read()
    except (NotImplementedError, AttributeError):
        return None


def write_results_live(book: Any, result: FileResult, registry_path: str, lang: str = "vi") -> None:
    ws = book.sheets.add(RESULTS, before=book.sheets[0])
    lines = result_lines(result, registry_path, lang)
    ws["A1"].value = "KẾT QUẢ KIỂM TRA PHỤ LỤC CCHC" if lang != "en" else "CCHC APPENDIX CHECK RESULTS"
    ws["B3"].value = [[live_text(label), None, live_text(value)] for label, value in lines]  # as annotate: B, D
    header_row = 3 + len(lines) + 1
    rows = result_rows(result.findings, lang)
    ws[f"A{header_row}"].value = [RESULT_HEADER.get(lang, RESULT_HEADER["vi"])] + [
        [live_text(v) for v in r.values] for r in rows]
    for i, r in enumerate(rows, start=header_row + 1):
        if r.link:
            ws[f"B{i}"].add_hyperlink("#" + r.link, str(r.values[1]))
