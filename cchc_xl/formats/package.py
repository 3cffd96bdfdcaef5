"""The parts of an Office Open XML package (.xlsx, .xlsm), read without parsing the workbook: which part holds which
sheet. The readers, the master's format and the output guard all need it, none of them all of openpyxl."""

from __future__ import annotations

import re
import zipfile
from html import unescape

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
