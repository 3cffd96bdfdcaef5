"""The results appendix as a workbook: the rows of the Word appendix (``word/appendix.py``), one sheet."""

from __future__ import annotations

import os
from pathlib import Path

from cchc_xl.consolidation.results import HEAD, Appendix, numeral
from cchc_xl.formats.xlsx.cells import FONT


def write_xlsx(path: str | os.PathLike, a: Appendix) -> Path:
    """The appendix as a workbook: the same rows, one sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from cchc_xl.formats.files import save_workbook
    from cchc_xl.formats.xlsx.cells import print_setup, put_row, row_height

    wb = Workbook()
    ws = wb.active
    ws.title = "Kết quả"
    bold, wrap = Font(name=FONT, bold=True, size=12), Alignment(wrap_text=True, vertical="top")
    normal = Font(name=FONT, size=12)
    widths = (6, 60, 28, 18, 16, 36)
    for row, text in enumerate((a.title, a.subtitle, a.totals), start=1):
        put_row(ws, row, [text])
        ws.cell(row, 1).font = normal
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    put_row(ws, 5, HEAD)
    for col, width in enumerate(widths, start=1):
        ws.cell(5, col).font = bold
        ws.column_dimensions[chr(64 + col)].width = width
    r, n = 6, 0
    for i, (area, rows) in enumerate(a.groups):
        put_row(ws, r, [numeral(i), area])
        ws.cell(r, 2).font = bold
        r += 1
        for p in rows:
            n += 1
            values = [n, p.task, p.lead, p.deadline, p.status, p.result or None]
            put_row(ws, r, values)
            for col in range(1, 7):
                ws.cell(r, col).alignment, ws.cell(r, col).font = wrap, normal
            ws.row_dimensions[r].height = row_height(values, widths)
            r += 1
    print_setup(ws, 5)
    return save_workbook(wb, path)
