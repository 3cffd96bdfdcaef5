"""Small helpers shared by the adapters that read and write workbook files.

Besides two openpyxl helpers, this holds the one place where we write SpreadsheetML
ourselves: the rows of the master's big sheets. openpyxl spends about 7 µs a cell; a
master of 100,000 tasks has 1.6 million cells. openpyxl still writes the package, the
header, styles, the table and charts; ``fill_rows`` then streams the data rows into the
sheet part it left, using the style ids openpyxl gave a prototype row.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import zipfile
from html import unescape
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Sequence

from cchc_xl.core.model import EXCEL_CELL_LIMIT, Formula, column_index, column_letter
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


_SHEET = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"|<sheet\b[^>]*?r:id="([^"]*)"[^>]*?name="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"|<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the package ("xl/worksheets/sheet2.xml")."""
    workbook = zf.read("xl/workbook.xml")
    try:
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {(m.group(1) or m.group(4)): (m.group(2) or m.group(3)) for m in _REL.finditer(rels)}
    parts = {}
    for m in _SHEET.finditer(workbook):
        name = unescape((m.group(1) or m.group(4)).decode("utf-8"))
        target = targets.get(m.group(2) or m.group(3), b"").decode()
        parts[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


_EPOCH = dt.datetime(1899, 12, 30)


def escape(text: str) -> str:
    """Text as XML character data (xml.sax.saxutils would import urllib, and half the stdlib with it)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _serial(value: dt.date) -> str:
    """The spreadsheet serial of a day or a moment, exact: whole days as an integer, a time of day as the
    shortest float that reads back as the same second (``repr``, 17 digits where needed; ``:g`` kept six,
    which moved 17:08 to 16:48)."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    delta = moment.replace(tzinfo=None) - _EPOCH
    if not (delta.seconds or delta.microseconds):
        return str(delta.days)
    return repr(delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400)


def _cell_xml(ref: str, value: Any, style: int) -> str:
    s = f' s="{style}"' if style else ""
    kind = type(value)
    if kind is str and value:  # most cells: checked first (a 100,000-row master has 1.6 million)
        text = escape(cell_text(value))  # always text: "=..." copied from a submission is never a formula
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() or "\n" in text else ""
        return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if kind is int:
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>' if style else ""
    if kind is float and math.isfinite(value):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    if isinstance(value, (dt.datetime, dt.date)):
        return f'<c r="{ref}"{s}><v>{_serial(value)}</v></c>'
    if isinstance(value, Formula):
        return _formula_xml(ref, value, s)
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)) and math.isfinite(value):  # numpy and other number types
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    return _cell_xml(ref, str(value), style)  # "inf" is no number a spreadsheet can hold: kept as its text


def _formula_xml(ref: str, formula: Formula, s: str) -> str:
    """A user's formula, its relative references moved with its row, and its last result kept."""
    text = formula.text
    if formula.origin != ref:
        from openpyxl.formula.translate import Translator, TranslatorError

        try:
            text = Translator(text, origin=formula.origin).translate_formula(ref)
        except (TranslatorError, ValueError):
            pass  # a reference the translator does not know: the formula as the user wrote it
    body = f"<f>{escape(cell_text(text[1:]))}</f>"
    cached = formula.cached
    if cached is None:
        return f'<c r="{ref}"{s}>{body}</c>'
    if isinstance(cached, bool):
        return f'<c r="{ref}"{s} t="b">{body}<v>{int(cached)}</v></c>'
    if isinstance(cached, (int, float)) and math.isfinite(cached):
        return f'<c r="{ref}"{s}>{body}<v>{cached!r}</v></c>'
    if isinstance(cached, (dt.datetime, dt.date)):
        return f'<c r="{ref}"{s}>{body}<v>{_serial(cached)}</v></c>'
    kind = "e" if str(cached).startswith("#") else "str"
    return f'<c r="{ref}"{s} t="{kind}">{body}<v>{escape(cell_text(str(cached)))}</v></c>'


class Fill(NamedTuple):
    """The rows to stream into a sheet from row ``first``; ``widths`` of its wrapped columns (0: not wrapped)."""

    first: int
    rows: list[list[Any]]
    widths: Sequence[float] | None = None


def rows_xml(rows: Iterable[list[Any]], styles: list[int], first_row: int,
             widths: Sequence[float] | None = None) -> Iterable[str]:
    """The rows' XML; with the wrapped columns' ``widths`` (0: not wrapped), each row as high as its text."""
    letters = [column_letter(c) for c in range(1, len(styles) + 1)]
    for r, values in enumerate(rows, start=first_row):
        cells = "".join(_cell_xml(f"{letters[c]}{r}", v, styles[c]) for c, v in enumerate(values))
        height = row_height(values, widths) if widths else None
        high = f' ht="{height:g}" customHeight="1"' if height else ""
        yield f'<row r="{r}"{high}>{cells}</row>'


def fill_rows(path: Path, fills: dict[str, Fill]) -> None:
    """Replace the prototype row of each named sheet (``fills[name] = Fill(row, rows, widths)``) by ``rows``,
    each as high as its wrapped text in the columns ``widths`` gives (0: a column that does not wrap).

    openpyxl writes everything else (rows above, the header, styles, tables, charts); the
    prototype row carries each column's style. The big parts are streamed into the new
    package in chunks and compressed lightly: a 100,000-row sheet is never one string in
    memory. ZIP64 headers are written only for a part that may need them.
    """
    with zipfile.ZipFile(path) as src:
        parts = sheet_parts(src)
        targets = {parts[name]: fill for name, fill in fills.items()}
        tmp = path.with_name(path.name + ".rows")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:  # speed over size
            for info in src.infolist():
                data = src.read(info)
                if info.filename not in targets:
                    out.writestr(info, data)
                    continue
                first, rows, widths = targets[info.filename]
                width = max((len(r) for r in rows), default=0)
                big = len(rows) * width * 256 > zipfile.ZIP64_LIMIT  # a generous bound on a cell's XML
                with out.open(info.filename, "w", force_zip64=big) as part:
                    buffer: list[str] = []
                    for chunk in _with_rows(data.decode("utf-8"), first, rows, widths):
                        buffer.append(chunk)
                        if len(buffer) >= 2000:
                            part.write("".join(buffer).encode("utf-8"))
                            buffer.clear()
                    part.write("".join(buffer).encode("utf-8"))
    shutil.move(tmp, path)


def _with_rows(xml: str, first: int, rows: list[list[Any]], widths: Sequence[float] | None = None) -> Iterable[str]:
    row_re = re.compile(rf'<row r="{first}"[^>]*>(.*?)</row>|<row r="{first}"[^>]*/>', re.S)
    proto = row_re.search(xml)
    by_column = {}
    for m in re.finditer(rf'<c r="([A-Z]+){first}"(?: s="(\d+)")?', (proto.group(1) or "") if proto else ""):
        by_column[column_index(m.group(1))] = int(m.group(2) or 0)
    width = max(max(by_column, default=0), max((len(r) for r in rows), default=0))
    styles = [by_column.get(c, 0) for c in range(1, width + 1)]
    last = max(first - 1 + len(rows), first)
    xml = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:{column_letter(max(width, 1))}{last}"/>', xml)
    proto = row_re.search(xml)
    cut = (proto.start(), proto.end()) if proto else (xml.index("</sheetData>"),) * 2
    yield xml[: cut[0]]
    yield from rows_xml(rows, styles, first, widths)
    yield xml[cut[1]:]
