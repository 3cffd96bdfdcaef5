"""openpyxl helpers every workbook we write shares: the one guard for text put in a cell (never a formula, never
a character Office cannot hold, never past a cell's limit), the styles and font, how a sheet prints (A4, scale,
page numbers) and how high a wrapped row must be.
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path
from typing import Any, Iterable

from cchc_xl.core.model import EXCEL_CELL_LIMIT, column_index, column_letter
from cchc_xl.core.text import storable


def cell_text(text: str, limit: int = EXCEL_CELL_LIMIT) -> str:
    """``text`` as a cell can hold it: characters XML forbids dropped, cut to Excel's limit.

    A cut cell says so at its end: a task joined from Word page-break rows can run past the
    limit, and Excel "repairs" (empties) a file with a longer cell instead of opening it.
    """
    text = storable(text)
    if len(text) > limit:
        marker = f" … [đã cắt bớt: nội dung gốc dài {_grouped(len(text))} ký tự, Excel chỉ chứa {_grouped(limit)}]"
        text = text[: limit - len(marker)] + marker
    return text


def _grouped(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def put(cell, value: Any) -> None:
    """Write ``value`` as data, through the one guard every string we write passes.

    openpyxl turns any string beginning with '=' into a formula; text from a submission,
    a file name or a hidden property ("=WEBSERVICE(...)", a file named "=1+1.xlsx") must
    never become one in our outputs. Text is also made storable (``cell_text``).
    """
    if isinstance(value, str):
        value = cell_text(value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


FONT = "Times New Roman"   # one family across our workbooks, as administrative documents use


def styles() -> dict[str, Any]:
    """The styles of the sheets we lay out cell by cell (template, report form): borders, header and fill-in
    fills, Times New Roman 12 (bold, italic), 14 for titles, a grey note, wrapped top-aligned text, centred headers
    and numbers."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {"border": Border(left=thin, right=thin, top=thin, bottom=thin),
            "header": PatternFill("solid", fgColor="DDEBF7"), "fill": PatternFill("solid", fgColor="FFF2CC"),
            "bold": Font(name=FONT, bold=True, size=12), "normal": Font(name=FONT, size=12),
            "title": Font(name=FONT, bold=True, size=14), "italic": Font(name=FONT, italic=True, size=12),
            "note": Font(name=FONT, italic=True, size=11, color="595959"),
            "wrap": Alignment(wrap_text=True, vertical="top"),
            "line": Alignment(vertical="top"),   # one line, running on over the empty cells to its right
            "number": Alignment(horizontal="center", vertical="top"),   # STT: 1 and 1.1 alike, a number or not
            "center": Alignment(horizontal="center", vertical="center", wrap_text=True)}


MIN_SCALE = 60          # %: below this, Times 12 prints under 7 pt
A4_MM = (210, 297)
MARGIN_MM = 12          # left and right; 15 above and below, the footer in the bottom margin
_MM_PER_UNIT = 2.47     # one unit of column width on paper at 100 %, as LibreOffice lays it out (Excel: ~1.9)


def print_setup(ws: Any, title_rows: int | None = None, columns: int | None = None) -> None:
    """How every sheet we write prints: A4, portrait when its columns fit, else landscape; the header row
    ``title_rows`` repeated on each page; "Trang 1/3" in the footer; the widest scale that fits the first
    ``columns`` columns (all by default) on the page width, never below ``MIN_SCALE`` (wider columns then run
    onto a further page rather than shrink the text to nothing)."""
    width = sum(_width(ws, c) for c in range(1, (columns or _used_columns(ws)) + 1)) * _MM_PER_UNIT
    width = max([width] + [10 * chart.width for chart in getattr(ws, "_charts", [])])   # a chart below the table
    portrait = width <= A4_MM[0] - 2 * MARGIN_MM
    usable = (A4_MM[0] if portrait else A4_MM[1]) - 2 * MARGIN_MM
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.scale = max(MIN_SCALE, min(100, int(100 * usable / width))) if width else 100
    ws.page_setup.fitToWidth = ws.page_setup.fitToHeight = None
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_margins.left = ws.page_margins.right = MARGIN_MM / 25.4
    ws.page_margins.top = ws.page_margins.bottom = 15 / 25.4
    ws.page_margins.footer = 6 / 25.4
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font, ws.oddFooter.center.size = FONT, 10
    if title_rows:
        ws.print_title_rows = f"{title_rows}:{title_rows}"


def _width(ws: Any, col: int) -> float:
    dim = ws.column_dimensions.get(column_letter(col))
    if dim is not None and dim.hidden:
        return 0.0
    return float(dim.width) if dim is not None and dim.width else 8.43


def _used_columns(ws: Any) -> int:
    widest = max((column_index(k) for k, d in ws.column_dimensions.items() if d.width), default=1)
    return max(widest, ws.max_column)


LINE_PT = 14.4            # one line of 12 pt text as LibreOffice sets it (13.8), with a little room
_CELL_PAD_PT = 3.0        # the cell's own margins above and below its text
_UPPER = 1.35             # a capital is about this much wider than a small letter ("CẢI CÁCH THỂ CHẾ")
_BOLD = 1.1               # and bold text this much wider


@functools.lru_cache(maxsize=65_536)   # unit, area and status texts repeat on thousands of rows
def text_lines(text: str, width: float, bold: bool = False) -> int:
    """How many lines ``text`` takes in a wrapped column ``width`` units wide, words wrapped as a spreadsheet wraps
    them. Measured on LibreOffice's rendering of Times New Roman 12 where that font is missing (its stand-in, DejaVu
    Serif, is the widest the text meets): one unit of width holds 1.1 small letters, less a letter for the margins."""
    room = (width * 1.1 - 1) / (_BOLD if bold else 1.0)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word, gap in _pieces(paragraph, room):
            size = len(word) + (_UPPER - 1) * sum(map(str.isupper, word))
            if used and used + gap + size <= room:
                used += gap + size
                continue
            if used:
                lines += 1
            extra = max(0, math.ceil(size / room) - 1)     # a word longer than the line is broken
            lines += extra
            used = size - extra * room
    return max(1, lines)


_BREAKS = re.compile(r"[^/\\\-_.]*[/\\\-_.]*")


def _pieces(paragraph: str, room: float) -> Iterable[tuple[str, int]]:
    """The words of ``paragraph`` with the space before each; a word longer than a line (a path, a file name) in
    the pieces a spreadsheet breaks it into, after its slashes, dashes and dots, with no space between them."""
    for word in paragraph.split():
        if len(word) <= room:
            yield word, 1
            continue
        for i, piece in enumerate(p for p in _BREAKS.findall(word) if p):
            yield piece, 0 if i else 1


def lines_height(lines: int) -> float:
    """The height (points) of ``lines`` lines of 12 pt text in a cell, at most Excel's 409."""
    return min(409.0, lines * LINE_PT + _CELL_PAD_PT)


def row_height(values: Iterable[Any], widths: Iterable[float], minimum: int = 1, bold: bool = False) -> float | None:
    """The height (points) a row of wrapped text needs, from its texts and its columns' widths (0: a column that
    does not wrap); None when one line does (and ``minimum`` is 1): LibreOffice, unlike Excel, does not grow a row to
    fit its text when it opens the file."""
    lines = minimum
    for value, width in zip(values, widths):
        if isinstance(value, str) and value and width:
            lines = max(lines, text_lines(value, float(width), bold))
    return None if lines == 1 else lines_height(lines)


def put_row(ws, row: int, values: list[Any]) -> None:
    """``values`` into ``row`` from column A, each through ``put``."""
    for col, value in enumerate(values, start=1):
        if value is not None:
            put(ws.cell(row, col), value)


def load_for_copy(source: Path):
    """The openpyxl workbook of a user's file, to write a marked or fixed copy of it (macros kept
    in an .xlsm). A DDE link without a relationships part (valid, but openpyxl cannot keep it)
    is dropped from the copy rather than failing the whole file."""
    import openpyxl

    keep_vba = source.suffix.lower() == ".xlsm"
    try:
        return openpyxl.load_workbook(source, keep_vba=keep_vba, keep_links=True)
    except KeyError:
        return openpyxl.load_workbook(source, keep_vba=keep_vba, keep_links=False)


def anchor(ws, ref: str) -> str:
    """The top-left cell of the merged range holding ``ref``: covered cells cannot be written."""
    for rng in ws.merged_cells.ranges:
        if ref in rng:
            return rng.start_cell.coordinate
    return ref
