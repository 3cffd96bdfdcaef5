"""Adapter: a Word plan (.docx) -> its tables as ``Grid``s, for the very table reader the checker uses.

Each Word table becomes one grid, one grid row per table row: horizontally merged cells
(``gridSpan``) and vertically merged ones (``vMerge``: an area written once for its group)
become merged ranges, as Excel's would; a nested table's text is kept in its cell, one
row per line; a header row Word repeats on each page is just a row (the reader skips
repeated headers). The paragraphs before a table are its title lines (the plan's period).

Refused before anything is parsed: a .docx that is no zip or whose parts inflate
beyond ``MAX_PART`` (a zip bomb), a part declaring a DTD (entities), more than
``MAX_TABLES`` tables or ``MAX_ROWS`` rows. python-docx parses with entities off.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_xl.core.model import Grid
from cchc_xl.workbook.reader import ReadError

MAX_PART = 64 * 1024 * 1024      # bytes of word/document.xml once inflated
MAX_RATIO = 200                  # inflated / compressed: beyond this, a bomb
MAX_TABLES = 500
MAX_ROWS = 100_000
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class WordTable:
    """One table of the document: its grid, the paragraphs above it, its position (1-based)."""

    number: int
    grid: Grid
    above: list[str] = field(default_factory=list)


def read_docx(path: Path) -> tuple[list[WordTable], list[str]]:
    """(every table of the document, the document's first paragraphs)."""
    _refuse(path)
    from docx import Document

    try:
        doc = Document(str(path))
    except Exception as exc:  # python-docx and lxml raise many kinds for a broken package
        raise ReadError(path, f"không đọc được tệp Word ({type(exc).__name__}). Hãy mở bằng Word và lưu lại "
                              "dạng .docx.") from None
    tables: list[WordTable] = []
    paragraphs: list[str] = []
    rows = 0
    for block in doc.element.body.iterchildren():
        if block.tag == W + "p":
            text = _text(block)
            if text:
                paragraphs.append(text)
        elif block.tag == W + "tbl":
            if len(tables) >= MAX_TABLES:
                raise ReadError(path, f"tệp Word có hơn {MAX_TABLES} bảng: bị từ chối.")
            grid = _grid(block, f"Bảng {len(tables) + 1}")
            rows += len(grid.rows)
            if rows > MAX_ROWS:
                raise ReadError(path, f"các bảng của tệp Word có hơn {MAX_ROWS:,} dòng: bị từ chối.".replace(",", "."))
            tables.append(WordTable(len(tables) + 1, grid, paragraphs[-8:]))
    return tables, paragraphs[:12]


def _refuse(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                raise ReadError(path, "không phải tệp Word .docx (thiếu word/document.xml).")
            for info in zf.infolist():
                if info.file_size > MAX_PART or (info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                                                 and info.file_size > 1024 * 1024):
                    raise ReadError(path, f"phần {info.filename} của tệp Word giải nén quá lớn (nghi là bom nén): "
                                          "bị từ chối.")
            body = zf.read("word/document.xml")
            tables, rows = body.count(b"<w:tbl>") + body.count(b"<w:tbl "), body.count(b"<w:tr>") + body.count(b"<w:tr ")
            if tables > MAX_TABLES or rows > MAX_ROWS:
                raise ReadError(path, f"tệp Word có {tables} bảng, {rows} dòng bảng (tối đa {MAX_TABLES} bảng, "
                                      f"{MAX_ROWS} dòng): bị từ chối.")
            for name in names:
                if name.endswith(".xml") or name.endswith(".rels"):
                    with zf.open(name) as fh:
                        if b"<!DOCTYPE" in fh.read(4096).upper():
                            raise ReadError(path, f"phần {name} của tệp Word khai báo DTD (có thể chứa thực thể XML "
                                                  "độc hại): bị từ chối.")
    except zipfile.BadZipFile:
        raise ReadError(path, "tệp Word hỏng hoặc không phải .docx (không mở được gói nén).") from None


def _text(element: Any) -> str:
    """A paragraph's (or a cell's) text: runs joined, line breaks and tabs kept as such."""
    parts = []
    for node in element.iter(W + "t", W + "br", W + "tab", W + "cr"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts).strip()


def _cell_text(tc: Any) -> str:
    """The cell's paragraphs, one per line; a nested table's rows, one per line (cells joined by ' | ')."""
    lines = []
    for child in tc.iterchildren():
        if child.tag == W + "p":
            lines.append(_text(child))
        elif child.tag == W + "tbl":
            for tr in child.iter(W + "tr"):
                cells = [_cell_text(c) for c in tr.iterchildren(W + "tc")]
                lines.append(" | ".join(c for c in cells if c))
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def _grid(tbl: Any, name: str) -> Grid:
    rows: list[list[Any]] = []
    merged: list[tuple[int, int, int, int]] = []
    open_down: dict[int, list[int]] = {}      # grid column -> [first row, last row, span] of a vertical merge
    for r, tr in enumerate(tbl.iterchildren(W + "tr"), start=1):
        values: list[Any] = []
        col = 1 + _int(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        values.extend([None] * (col - 1))
        for tc in tr.iterchildren(W + "tc"):
            span = _int(tc.find(f"{W}tcPr/{W}gridSpan"), 1)
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            continues = vmerge is not None and vmerge.get(W + "val") in (None, "continue")
            if continues and col in open_down:
                open_down[col][1] = r
                values.extend([None] * span)
            else:
                if col in open_down:
                    _close(open_down.pop(col), col, merged)
                text = _cell_text(tc)
                values.append(text or None)
                values.extend([None] * (span - 1))
                if vmerge is not None:
                    open_down[col] = [r, r, span]
                elif span > 1:
                    merged.append((r, col, r, col + span - 1))
            col += span
        rows.append(values)
    for col, run in open_down.items():
        _close(run, col, merged)
    return Grid(name, rows, merged, 1, True)


def _close(run: list[int], col: int, merged: list[tuple[int, int, int, int]]) -> None:
    first, last, span = run
    if last > first or span > 1:
        merged.append((first, col, last, col + span - 1))


def _int(element: Any, default: int) -> int:
    try:
        return int(element.get(W + "val")) if element is not None else default
    except (TypeError, ValueError):
        return default
