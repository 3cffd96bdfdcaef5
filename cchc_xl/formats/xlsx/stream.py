"""The one place where we write SpreadsheetML ourselves: the rows of the master's big sheets.

openpyxl spends about 7 µs a cell; a master of 100,000 tasks has 1.6 million cells. openpyxl still writes
the package, the header, styles, the table and charts; ``fill_rows`` then streams the data rows into the
sheet part it left, using the style ids openpyxl gave a prototype row. Dates and moments are stored exactly.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Sequence

from cchc_xl.core.model import Formula, column_index, column_letter
from cchc_xl.formats.package import sheet_parts
from cchc_xl.formats.xlsx.cells import cell_text, row_height

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
        high = f' ht="{height:g}"' if height else ""   # no customHeight: Excel still fits the row when it is edited
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


_CUSTOM = re.compile(r'(<row r="(\d+)"[^>]*?) customHeight="1"')


def loosen_heights(path: Path, sheets: dict[str, range]) -> None:
    """Keep the height openpyxl wrote for each of the rows ``sheets[name]`` gives, but not as a height set by hand
    (openpyxl always writes customHeight="1"): LibreOffice prints the row at that height, and Excel, which never
    grows a row set by hand, grows it again as soon as a unit types more into it."""
    with zipfile.ZipFile(path) as src:
        parts = {part: sheets[name] for name, part in sheet_parts(src).items() if name in sheets}
        tmp = path.with_name(path.name + ".rows")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                data = src.read(info)
                if info.filename in parts:
                    rows = parts[info.filename]
                    data = _CUSTOM.sub(lambda m: m.group(1) if int(m.group(2)) in rows else m.group(0),
                                       data.decode("utf-8")).encode("utf-8")
                out.writestr(info, data)
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
