"""How the master's sheets look, in one place both its writers use (``sheets.py``, ``progress.py``): our font,
fills, header rows, cells appended through the one text guard, column widths.
"""

from __future__ import annotations

from typing import Any

from cchc_xl.core.model import column_letter
from cchc_xl.formats.xlsx.cells import FONT, put


def new_sheet(wb, title: str, index: int):
    """A new sheet at ``index``; its writer sets how it prints (``xlsx.print_setup``) once its columns are known."""
    return wb.create_sheet(title, index)




def font(bold=False, color=None, size=12):
    from openpyxl.styles import Font

    return Font(name=FONT, bold=bold, color=color, size=size)


def solid_fill(rgb: str):
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor="FF" + rgb)


def styled(ws, value: Any, **style: Any):
    """A cell for ``ws.append``: its text through the one guard (``xlsx.put``: never a formula), in our font."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws)
    put(cell, value)
    style.setdefault("font", font())
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


def append_row(ws, values: list[Any]) -> None:
    from openpyxl.cell import Cell

    ws.append([v if isinstance(v, Cell) else styled(ws, v) for v in values])


def header_row(ws, titles: list[str], skip: int = 0) -> None:
    """A header row of ``titles`` after ``skip`` empty cells."""
    from openpyxl.styles import Alignment

    bold, fill, wrap = font(bold=True), solid_fill("DDEBF7"), Alignment(wrap_text=True, vertical="center")
    append_row(ws, [None] * skip + [styled(ws, t, font=bold, fill=fill, alignment=wrap) for t in titles])


def set_widths(ws, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(col)].width = width


def unit_width(names: Any, floor: int = 20, cap: int = 40) -> int:
    """A column as wide as the longest unit name, between ``floor`` and ``cap`` (beyond: the text wraps)."""
    return max(floor, min(cap, max((len(n) for n in names), default=0) + 2))


def link_to(cell, target: str) -> None:
    """``cell`` links to ``target``, relative to the master: it still works when the folder is moved or shared."""
    put(cell, target)
    cell.hyperlink, cell.font = target, font(color="0563C1")


def wrapped():
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=True, vertical="top")
