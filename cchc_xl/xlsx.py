"""Small helpers shared by the adapters that read and write workbook files.

Besides two openpyxl helpers, this holds the one place where we write SpreadsheetML
ourselves: the rows of the master's big sheets. openpyxl spends about 7 µs a cell; a
master of 100,000 tasks has 1.6 million cells. openpyxl still writes the package, the
header, styles, the table and charts; ``fill_rows`` then streams the data rows into the
sheet part it left, using the style ids openpyxl gave a prototype row.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any, Iterable
from xml.sax.saxutils import escape, unescape

from .model import column_index, column_letter


def put(cell, value: Any) -> None:
    """Write ``value`` as data: text copied from a submission that starts with '=' stays text.

    openpyxl turns any string beginning with '=' into a formula; a clerk's "=SUM(...)" or a
    hostile "=HYPERLINK(...)" must never become one in our outputs.
    """
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


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
        name = unescape((m.group(1) or m.group(4)).decode("utf-8"), {"&quot;": '"', "&apos;": "'"})
        target = targets.get(m.group(2) or m.group(3), b"").decode()
        parts[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = dt.datetime(1899, 12, 30)


def _cell_xml(ref: str, value: Any, style: int) -> str:
    s = f' s="{style}"' if style else ""
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>' if isinstance(value, float) else f'<c r="{ref}"{s}><v>{value}</v></c>'
    if isinstance(value, (dt.datetime, dt.date)):
        moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
        serial = (moment - _EPOCH).total_seconds() / 86400
        return f'<c r="{ref}"{s}><v>{serial:g}</v></c>'
    text = escape(_ILLEGAL.sub("", str(value)))  # always text: "=..." copied from a submission is never a formula
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() or "\n" in text else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def rows_xml(rows: Iterable[list[Any]], styles: list[int], first_row: int) -> Iterable[str]:
    letters = [column_letter(c) for c in range(1, len(styles) + 1)]
    for r, values in enumerate(rows, start=first_row):
        cells = "".join(_cell_xml(f"{letters[c]}{r}", v, styles[c]) for c, v in enumerate(values))
        yield f'<row r="{r}">{cells}</row>'


def fill_rows(path: Path, fills: dict[str, list[list[Any]]]) -> None:
    """Replace the prototype row 2 of each named sheet by ``rows`` (row 1, the header, stays).

    The big parts are streamed into the new package in chunks and compressed lightly:
    a 100,000-row sheet is never one string in memory.
    """
    with zipfile.ZipFile(path) as src:
        parts = sheet_parts(src)
        targets = {parts[name]: rows for name, rows in fills.items()}
        tmp = path.with_name(path.name + ".rows")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:  # speed over size
            for info in src.infolist():
                data = src.read(info)
                if info.filename not in targets:
                    out.writestr(info, data)
                    continue
                with out.open(info.filename, "w", force_zip64=True) as part:
                    buffer: list[str] = []
                    for chunk in _with_rows(data.decode("utf-8"), targets[info.filename]):
                        buffer.append(chunk)
                        if len(buffer) >= 2000:
                            part.write("".join(buffer).encode("utf-8"))
                            buffer.clear()
                    part.write("".join(buffer).encode("utf-8"))
    shutil.move(tmp, path)


def _with_rows(xml: str, rows: list[list[Any]]) -> Iterable[str]:
    proto = re.search(r'<row r="2"[^>]*>(.*?)</row>', xml, re.S)
    by_column = {}
    for m in re.finditer(r'<c r="([A-Z]+)2"(?: s="(\d+)")?', proto.group(1) if proto else ""):
        by_column[column_index(m.group(1))] = int(m.group(2) or 0)
    width = max(max(by_column, default=0), max((len(r) for r in rows), default=0))
    styles = [by_column.get(c, 0) for c in range(1, width + 1)]
    xml = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:{column_letter(max(width, 1))}{len(rows) + 1}"/>', xml)
    proto = re.search(r'<row r="2"[^>]*>(.*?)</row>', xml, re.S)
    cut = (proto.start(), proto.end()) if proto else (xml.index("</sheetData>"),) * 2
    yield xml[: cut[0]]
    yield from rows_xml(rows, styles, 2)
    yield xml[cut[1]:]
