"""openpyxl helpers every workbook we write shares: the one guard for text put in a cell (never a formula, never
a character Office cannot hold, never past a cell's limit), the styles and font, how a sheet prints (A4, scale,
page numbers) and how high a wrapped row must be.
"""

from __future__ import annotations

import math
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
    fills, Times New Roman 12 (bold), 14 for titles, wrapped top-aligned text, centred headers."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {"border": Border(left=thin, right=thin, top=thin, bottom=thin),
            "header": PatternFill("solid", fgColor="DDEBF7"), "fill": PatternFill("solid", fgColor="FFF2CC"),
            "bold": Font(name=FONT, bold=True, size=12), "normal": Font(name=FONT, size=12),
            "title": Font(name=FONT, bold=True, size=14),
            "wrap": Alignment(wrap_text=True, vertical="top"),
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


LINE_PT = 15.6            # one line of Times New Roman 12 with its leading
_CHARS_PER_UNIT = 1.0     # characters of Vietnamese text per unit of column width (Times 12, in LibreOffice: ~1.1)


def row_height(values: Iterable[Any], widths: Iterable[float]) -> float | None:
    """The height (points) a row of wrapped text needs, from its texts and its columns' widths; None when one line
    does: LibreOffice, unlike Excel, does not grow a row to fit its text when it opens the file."""
    lines = 1
    for value, width in zip(values, widths):
        if isinstance(value, str) and value and width:
            per_line = max(1, int(width * _CHARS_PER_UNIT))
            lines = max(lines, sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n")))
    return None if lines == 1 else min(409.0, lines * LINE_PT)


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
