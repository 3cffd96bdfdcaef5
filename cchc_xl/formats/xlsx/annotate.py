"""Adapter: paint cell marks into a *copy* of a workbook with openpyxl.

The input is never written. Marks are reversible: before a cell is filled, its
previous fill and comment are remembered in the very hidden sheet
``_cchc_marks``, so annotating an already annotated copy (or the ribbon's
"Xóa đánh dấu") restores the cells first and never stacks marks.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

from cchc_xl.check.config import Config
from cchc_xl.check.marks import (
    COMMENT_AUTHOR,
    FONT_COLORS,
    RESULT_HEADER,
    RESULT_PRINTED,
    RESULT_WIDTHS,
    CellMark,
    marks_for,
    on_anchors,
    result_lines,
    result_rows,
)
from cchc_xl.check.pipeline import FileResult
from cchc_xl.core.model import EXCEL_CELL_LIMIT, column_index, column_letter
from cchc_xl.formats.config_files import registry_name
from cchc_xl.formats.files import derived_path, same_kind, save_workbook
from cchc_xl.formats.xlsx.cells import (
    FONT,
    cell_text,
    load_for_copy,
    print_setup,
    put,
    put_row,
    row_height,
)
from cchc_xl.table.sheets import MARKS, RESULTS

INFO_VALUE_COLUMN = 4     # the file/period/counts block: label in B, value in D (wide enough for a date-time)


def annotate_file(result: FileResult, config: Config, output: str | os.PathLike | None = None,
                  lang: str = "vi") -> Path:
    """Write NAME.kiemtra.xlsx (or ``output``) with the findings of ``result`` marked."""
    source = Path(result.path)
    target = same_kind(source, derived_path(source, "kiemtra", output))
    wb = load_for_copy(source)
    clear_marks(wb)
    paint_marks(wb, marks_for(result.findings, lang))
    if result.table is not None and result.table.sheet in wb.sheetnames:   # tasks and the headings between them
        fit_rows(wb[result.table.sheet], sorted({r for e in result.table.entries for r in e.rows}
                                                | {h.row for h in result.table.headings}))
    write_results_sheet(wb, result, registry_name(config), lang)
    return save_workbook(wb, target)


def fit_rows(ws: Any, rows: list[int]) -> None:
    """Grow each of ``rows`` to the height its wrapped text needs (never shrink one the clerk set): LibreOffice
    shows a row at its stored height, so a long task would be cut in the copy a clerk prints."""
    widths = [float(ws.column_dimensions[column_letter(c)].width or 8.43) for c in range(1, ws.max_column + 1)]
    spans = {}   # a merged cell of one row wraps over the width of every column it covers
    for rng in ws.merged_cells.ranges:
        if rng.min_row == rng.max_row:
            spans[(rng.min_row, rng.min_col)] = sum(widths[rng.min_col - 1:rng.max_col])
    for r in rows:
        cells = [ws.cell(r, c) for c in range(1, len(widths) + 1)]
        height = row_height([c.value if c.alignment.wrap_text else None for c in cells],
                            [spans.get((r, c), w) for c, w in enumerate(widths, start=1)])
        current = ws.row_dimensions[r].height or 15.0
        if height and height > current:
            ws.row_dimensions[r].height = height


# --------------------------------------------------------------------------- fills
def _color_json(color) -> dict | None:
    if color is None:
        return None
    return {"type": color.type, "value": color.value, "tint": color.tint}


def _color_from(data: dict | None):
    from openpyxl.styles.colors import Color

    if not data:
        return Color()
    return Color(**{data["type"]: data["value"]}, tint=data.get("tint") or 0.0)


def _fill_json(fill) -> str:
    """A cell's pattern fill as JSON ('' for none). Cells hand out a style proxy, hence the tagname."""
    if getattr(fill, "tagname", "") != "patternFill" or fill.fill_type is None:
        return ""
    return json.dumps({"type": fill.fill_type, "fg": _color_json(fill.fgColor), "bg": _color_json(fill.bgColor)})


def _fill_from(text: str):
    """A remembered fill: JSON written here, or RRGGBB written by the ribbon (addin.py)."""
    from openpyxl.styles import PatternFill

    if not text:
        return PatternFill(fill_type=None)
    try:
        if not text.startswith("{"):
            return PatternFill("solid", fgColor="FF" + text)
        data = json.loads(text)
        return PatternFill(fill_type=data["type"], fgColor=_color_from(data["fg"]), bgColor=_color_from(data["bg"]))
    except (ValueError, TypeError, KeyError, AttributeError):  # a memory row edited by hand: restore no fill
        return PatternFill(fill_type=None)


# --------------------------------------------------------------------------- marks
def clear_marks(wb) -> int:
    """Restore every cell we marked to its previous fill and comment; drop our sheets."""
    from openpyxl.comments import Comment

    restored = 0
    if MARKS in wb.sheetnames:
        memory = wb[MARKS]
        for values in memory.iter_rows(min_row=2, max_col=5, values_only=True):
            sheet, cell, fill, comment, author = (list(values) + [None] * 5)[:5]
            target = _marked_cell(wb, sheet, cell)
            if target is None:  # a memory row we did not write (or that was edited): nothing to restore
                continue
            target.fill = _fill_from(str(fill or ""))
            target.comment = Comment(str(comment), str(author or "")) if comment else None
            restored += 1
        del wb[MARKS]
    if RESULTS in wb.sheetnames:
        del wb[RESULTS]
    return restored


_CELL = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


def _marked_cell(wb, sheet: Any, cell: Any):
    """The cell a memory row names, or None when the row is not one we could have written."""
    if not isinstance(sheet, str) or sheet not in wb.sheetnames or not isinstance(cell, str):
        return None
    match = _CELL.fullmatch(cell)
    if not match or not 1 <= int(match.group(2)) <= 1_048_576 or column_index(match.group(1)) > 16_384:
        return None
    ws = wb[sheet]
    return ws[cell] if hasattr(ws, "cell") else None  # not on a chartsheet


def paint_marks(wb, marks: list[CellMark]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    memory = wb.create_sheet(MARKS)
    put_row(memory, 1, ["sheet", "cell", "fill", "comment", "author"])
    memory.sheet_state = "veryHidden"
    merged = {ws.title: [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
              for ws in wb.worksheets}
    for row, m in enumerate(on_anchors([m for m in marks if m.sheet in wb.sheetnames], merged), start=2):
        cell = wb[m.sheet][m.cell]
        old = cell.comment
        put_row(memory, row,
                [m.sheet, m.cell, _fill_json(cell.fill), old.text if old else None, old.author if old else None])
        cell.fill = PatternFill("solid", fgColor="FF" + m.color)
        text = m.comment if old is None else m.comment + "\n\n— Ghi chú cũ —\n" + old.text
        comment = Comment(cell_text(text, EXCEL_CELL_LIMIT), COMMENT_AUTHOR)
        comment.width, comment.height = 420, min(60 + 15 * text.count("\n") + len(text) // 3, 600)
        cell.comment = comment


# --------------------------------------------------------------------------- results sheet
def write_results_sheet(wb: Any, result: FileResult, registry: str, lang: str = "vi") -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = wb.create_sheet(RESULTS, 0)
    bold, normal = Font(name=FONT, bold=True, size=12), Font(name=FONT, size=12)
    ws["A1"] = "KẾT QUẢ KIỂM TRA PHỤ LỤC CCHC" if lang != "en" else "CCHC APPENDIX CHECK RESULTS"
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    row = 3
    for label, value in result_lines(result, registry, lang):
        put(ws.cell(row, 2), label)
        ws.cell(row, 2).font = bold
        cell = ws.cell(row, INFO_VALUE_COLUMN)   # the label runs over the empty column C
        put(cell, value)
        cell.font, cell.alignment = normal, Alignment(horizontal="left")
        if isinstance(value, dt.datetime):
            cell.number_format = "dd/mm/yyyy hh:mm"
        row += 1
    row += 1
    for col, title in enumerate(RESULT_HEADER.get(lang, RESULT_HEADER["vi"]), start=1):
        cell = ws.cell(row, col, title)
        cell.font, cell.fill = bold, PatternFill("solid", fgColor="FFDDEBF7")
    header_row = row
    for item in result_rows(result.findings, lang):
        row += 1
        for col, value in enumerate(item.values, start=1):
            cell = ws.cell(row, col)
            put(cell, value)
            cell.alignment, cell.font = Alignment(wrap_text=True, vertical="top"), normal
        height = row_height([str(v) if v is not None else "" for v in item.values], RESULT_WIDTHS)
        if height:  # spreadsheet programs do not grow wrapped rows of a new file
            ws.row_dimensions[row].height = height
        if item.link:
            link = ws.cell(row, 2)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=item.link, display=str(item.values[1]))
            link.font = Font(name=FONT, color="FF0563C1", underline="single")
        if item.severity:
            ws.cell(row, 3).font = Font(name=FONT, bold=True, color="FF" + FONT_COLORS[item.severity])
    for col, width in enumerate(RESULT_WIDTHS, start=1):
        ws.column_dimensions[column_letter(col)].width = width
        ws.cell(header_row, col).font = bold
    print_setup(ws, header_row, RESULT_PRINTED)
    ws.print_area = f"A1:{column_letter(RESULT_PRINTED)}{row}"   # the rule's code stays on screen
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.sheet_properties.tabColor = "FFC00000" if result.errors else ("FFFFC000" if result.warnings else "FF00B050")
    wb.active = 0
    for sheet in wb.worksheets[1:]:
        sheet.sheet_view.tabSelected = False
