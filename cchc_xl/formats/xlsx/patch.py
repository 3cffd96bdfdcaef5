"""Adapter: apply planned cell edits to a copy of a workbook with openpyxl (`cchc-xl fix`)."""

from __future__ import annotations

from copy import copy
from pathlib import Path

from cchc_xl.check.fixes import CellEdit
from cchc_xl.core.text import clean
from cchc_xl.formats.files import derived_path, same_kind, save_workbook
from cchc_xl.formats.xlsx.cells import anchor, load_for_copy, put


def apply_fixes(source: str, edits: list[CellEdit], output: str | None = None) -> tuple[Path, list[CellEdit]]:
    """Write NAME.sua.xlsx with ``edits`` applied; return it and the edits actually made.

    An edit is skipped when the cell no longer holds what was planned from (a formula,
    say): nothing but the planned cells is ever touched.
    """
    from openpyxl.comments import Comment

    src = Path(source)
    target = same_kind(src, derived_path(src, "sua", output))
    wb = load_for_copy(src)
    done: list[CellEdit] = []
    for edit in edits:
        if edit.sheet not in wb.sheetnames:
            continue
        ws = wb[edit.sheet]
        cell = ws[anchor(ws, edit.cell)]
        if not _same(cell.value, edit.old):
            continue
        put(cell, edit.new)
        if isinstance(edit.new, (int, float)):
            cell.number_format = "#,##0"
        if edit.note_cell:
            note = ws[anchor(ws, edit.note_cell)]
            original = f"Kinh phí ghi ban đầu: {edit.old}"
            put(note, f"{note.value}\n{original}" if note.value else original)
        if edit.comment:
            cell.comment = Comment(edit.comment, "cchc-xl")
        if edit.font:
            font = copy(cell.font)
            font.name = edit.font
            cell.font = font
        done.append(edit)
    return save_workbook(wb, target), done


def _same(current, planned) -> bool:
    if isinstance(current, str) and isinstance(planned, str):
        return clean(current) == clean(planned)
    return current == planned
