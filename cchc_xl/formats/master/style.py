"""How the master's sheets look, in one place both its writers use (``sheets.py``, ``progress.py``): our font,
fills, header rows, cells appended through the one text guard, column widths.
"""

from __future__ import annotations

from typing import Any

from cchc_xl.core.model import column_letter
from cchc_xl.formats.xlsx.cells import FONT, put, row_height


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
    """A header row of ``titles`` after ``skip`` empty cells, bordered, as high as its longest wrapped title in the
    sheet's columns (set their widths first): LibreOffice does not grow a row when it opens the file."""
    from openpyxl.styles import Alignment

    bold, fill, wrap = font(bold=True), solid_fill("DDEBF7"), Alignment(wrap_text=True, vertical="center")
    append_row(ws, [None] * skip + [styled(ws, t, font=bold, fill=fill, alignment=wrap, border=border())
                                    for t in titles])
    fit_row(ws, ws.max_row, [None] * skip + list(titles), bold=True)


def fit_row(ws, row: int, values: list[Any], bold: bool = False) -> None:
    """Row ``row`` as high as ``values`` need in the sheet's column widths (one line: left as it is)."""
    widths = [ws.column_dimensions[column_letter(c)].width or 8.43 for c in range(1, len(values) + 1)]
    height = row_height(values, widths, bold=bold)
    if height:
        ws.row_dimensions[row].height = height


def border():
    """The thin grey border of every table cell we write: LibreOffice draws no Excel table style, so a table without
    its own borders prints as loose text."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="808080")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def table_row(ws, values: list[Any], skip: int = 0, wrap: tuple[int, ...] = ()) -> None:
    """A bordered row of a table after ``skip`` empty cells, text at the top of each cell, the ``wrap`` columns
    (1-based) wrapped, as high as their text."""
    from openpyxl.cell import Cell
    from openpyxl.styles import Alignment

    cells = []
    for col, value in enumerate(values, start=skip + 1):
        cell = value if isinstance(value, Cell) else styled(ws, value)
        cell.border = border()
        cell.alignment = Alignment(wrap_text=col in wrap, vertical="top")
        cells.append(cell)
    append_row(ws, [None] * skip + cells)
    if wrap:
        fit_row(ws, ws.max_row, [None] * skip + [c.value if i in wrap else None
                                                 for i, c in enumerate(cells, start=skip + 1)])


def in_our_font(chart: Any) -> None:
    """Every text of ``chart`` (title, axes, labels) in our font: a chart left alone speaks Calibri."""
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
    from openpyxl.drawing.text import Font as TextFont

    def props(size: int, bold: bool = False) -> CharacterProperties:
        face = TextFont(typeface=FONT)
        return CharacterProperties(latin=face, cs=face, sz=size, b=bold)

    def title(text: str, size: int) -> Title:
        run = RegularTextRun(rPr=props(size, True), t=text)
        return Title(tx=Text(rich=RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props(size, True)),
                                                              r=[run])])), overlay=False)

    chart.txPr = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props(1000)), endParaRPr=props(1000))])
    if chart.title is not None:
        chart.title = title(_plain(chart.title), 1300)
    for axis in (chart.x_axis, chart.y_axis):
        if axis.title is not None:
            axis.title = title(_plain(axis.title), 1000)
        axis.txPr = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props(1000)), endParaRPr=props(1000))])


def _plain(title: Any) -> str:
    """The text of an openpyxl chart title."""
    return "".join(run.t for p in title.tx.rich.p for run in (p.r or []))


def set_widths(ws, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(col)].width = width


def unit_width(names: Any, floor: int = 20, cap: int = 40) -> int:
    """A column as wide as the longest unit name, between ``floor`` and ``cap`` (beyond: the text wraps)."""
    return max(floor, min(cap, max((len(n) for n in names), default=0) + 2))


def link_to(cell, target: str, text: str | None = None) -> None:
    """``cell`` links to ``target``, relative to the master: it still works when the folder is moved or shared. It
    shows ``text`` when given: a spreadsheet never wraps a link, so a long path would run off the page."""
    put(cell, text or target)
    cell.hyperlink, cell.font = target, font(color="0563C1")


def wrapped():
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=True, vertical="top")
