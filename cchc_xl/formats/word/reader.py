"""Adapter: a Word plan (.docx) -> its tables as ``Grid``s, for the very table reader the checker uses.

Each Word table becomes one grid, one grid row per table row the printed document shows (a tracked row
deletion is gone): horizontally merged cells (``gridSpan``) and vertically merged ones (``vMerge``: an area
written once for its group) become merged ranges, as Excel's would; a cell's text is what the paper shows
(``docx_text``: content controls, hidden and tracked text, text boxes, automatic numbers); a nested table's
text is kept in its cell, one row per line; a header row Word repeats on each page is just a row (the reader
skips repeated headers). The paragraphs before a table are its title lines (the plan's period).

The document is streamed (lxml ``iterparse``): a top-level paragraph or table row is read when it ends and
then dropped, so memory follows the largest row, not the file. Nothing is fetched: no DTD, no entity, no
network, no external part. Refused with a message naming the limit: a .docx that is no zip or whose parts
inflate beyond ``MAX_PART`` or ``MAX_RATIO`` (a zip bomb), styles or numbering beyond ``MAX_SIDE_PART``, a part
declaring a DTD, more than ``MAX_TABLES`` tables, ``MAX_ROWS`` rows or ``MAX_BLOCKS`` paragraphs outside tables
(only the first 12 and the 8 above each table are kept: they title it), a span or a row wider than Word's
``MAX_COLUMNS``, tables nested deeper than ``MAX_NESTING``, a run of text longer than ``MAX_TEXT``, one row or
paragraph of more than ``MAX_UNIT`` XML elements, XML nested deeper than lxml's 256 levels.
"""

from __future__ import annotations

import io
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_xl.core.model import Grid
from cchc_xl.formats.word.numbering import SAFE, Numbering, Styles, WordLimit
from cchc_xl.formats.word.parts import MAX_PART, MAX_ROWS, MAX_TABLES, n, package, syntax
from cchc_xl.formats.word.text import (
    ALT,
    ALT_CHUNK,
    CHOICE,
    FALLBACK,
    MAX_NESTING,
    MAX_TEXT,
    SDT,
    SDT_CONTENT,
    TBL,
    TR,
    P,
    Printer,
    W,
    readable,
    shown_cells,
    shown_row,
)
from cchc_xl.errors import ReadError

MAX_COLUMNS = 63                 # Word's own limit for a table
MAX_UNIT = 200_000               # XML elements in one top-level paragraph or table row (a real row has hundreds)
MAX_BLOCKS = 100_000             # paragraphs and other elements of the body outside tables; a plan has hundreds
__all__ = ["MAX_BLOCKS", "MAX_COLUMNS", "MAX_NESTING", "MAX_PART", "MAX_ROWS", "MAX_TABLES", "MAX_TEXT", "MAX_UNIT",
           "WordDocument", "WordTable", "read_docx"]


@dataclass
class WordTable:
    """One table of the document: its grid, the paragraphs above it, its position (1-based)."""

    number: int
    grid: Grid
    above: list[str] = field(default_factory=list)


@dataclass
class WordDocument:
    """The tables of a plan, its first paragraphs (the title), and what the reader could not read (notes)."""

    tables: list[WordTable]
    first: list[str]
    notes: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)     # workbooks embedded in it (Insert > Object > Excel)


def read_docx(path: Path) -> WordDocument:
    """Every table of the document, its first paragraphs, and notes on what was left unread."""
    document, styles_xml, numbering_xml, sheets = package(path)
    from lxml import etree

    try:
        styles = Styles.read(styles_xml)
        body = _Body(Printer(styles, Numbering.read(numbering_xml, styles)))
        body.read(document)
    except WordLimit as exc:
        raise ReadError(path, f"tệp Word {exc}: bị từ chối.") from None
    except etree.XMLSyntaxError as exc:
        raise ReadError(path, syntax(exc)) from None
    notes = []
    if body.printer.chunks:
        notes.append(f"{path.name}: có {body.printer.chunks} phần nhúng (altChunk: nội dung dán từ trang web hay tệp "
                     "khác, Word chỉ ghép vào khi mở) không được đọc. Nếu phụ lục nằm trong đó, hãy mở bằng Word và lưu "
                     "lại dạng .docx rồi nhập lại.")
    return WordDocument(body.tables, body.first, notes, sheets)


# --------------------------------------------------------------------------- the body, streamed
# What an open element is, from its parent: its children are streamed (body, a wrapper at top level), it is a
# table, a unit read whole when it ends (a top-level paragraph or row) or inside one, or skipped.
(ROOT, STREAM, SDT_BLOCK, ALT_BLOCK, TABLE, TWRAP, SDT_TABLE, ALT_TABLE, GRID, GRID_COL, SDT_PR, NOTE, PARA, ROW,
 SKIP, PROMPT) = range(16)   # PROMPT: inside a control still showing its prompt: its tables are read, not its text
_WRAP_BLOCK = {W + "customXml", W + "ins", W + "moveTo"}
_GRID_BEFORE, _TC_PR, _GRID_SPAN, _V_MERGE = f"{W}trPr/{W}gridBefore", W + "tcPr", W + "gridSpan", W + "vMerge"


class _Body:
    """The document's body read element by element: tables as grids, top-level paragraphs as lines."""

    def __init__(self, printer: Printer):
        self.printer = printer
        self.tables: list[WordTable] = []
        self.first: list[str] = []                          # the document's first paragraphs: its title
        self.recent: deque[str] = deque(maxlen=8)           # the last ones read: the title of the table below
        self.table: _Table | None = None
        self.nodes = 0      # elements of the unit being held
        self.rows = 0       # top-level rows read
        self.blocks = 0     # elements of the body outside tables read (each costs some 30 µs)

    def read(self, data: bytes) -> None:
        from lxml import etree

        stack: list[list[Any]] = []      # per open element: [mode, flag] (flag: a prompt showing / a branch taken)
        held = 0                          # depth inside the paragraph or row being held whole (0: none)
        for event, element in etree.iterparse(io.BytesIO(data), events=("start", "end"), **SAFE):
            if held:                      # the hot path: the elements of a paragraph or row, read when it ends
                if event == "start":
                    held += 1
                    self.nodes += 1
                    if self.nodes > MAX_UNIT:
                        raise WordLimit(f"có một đoạn văn hoặc một dòng bảng hơn {MAX_UNIT:,} phần tử XML"
                                        .replace(",", "."))
                    continue
                held -= 1
                if held:
                    continue
            elif event == "start":
                mode = self._open(element, stack)
                stack.append([mode, False])
                if mode in (PARA, ROW):
                    held, self.nodes = 1, 0
                continue
            self._close(element, stack.pop()[0])
            if stack:                     # done with it: free it (a paragraph or row is read by now)
                _free(element)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]

    def _open(self, element: Any, stack: list[list[Any]]) -> int:
        if not stack:
            return ROOT
        parent, tag = stack[-1], element.tag
        mode = parent[0]
        if mode == ROOT:
            return STREAM if tag == W + "body" else SKIP
        if mode in (STREAM, PROMPT):
            self.blocks += 1
            if self.blocks > MAX_BLOCKS:
                raise WordLimit(f"có hơn {n(MAX_BLOCKS)} đoạn văn (và phần tử khác) ngoài bảng; một kế hoạch chỉ "
                                "có vài trăm")
            inner = self._in_stream(tag)
            if mode == PROMPT:       # a table in a control flagged as showing its prompt is no prompt: it is read
                return {PARA: SKIP, NOTE: SKIP, STREAM: PROMPT}.get(inner, inner)
            return inner
        if mode in (TABLE, TWRAP):
            return self._in_table(tag, mode)
        if mode in (SDT_BLOCK, SDT_TABLE):
            if tag == W + "sdtPr":
                return SDT_PR
            if tag == SDT_CONTENT and mode == SDT_BLOCK:
                return PROMPT if parent[1] else STREAM
            return TWRAP if tag == SDT_CONTENT and not parent[1] else SKIP
        if mode in (ALT_BLOCK, ALT_TABLE):
            if not parent[1] and (tag == FALLBACK or tag == CHOICE and readable(element)):   # as ``chosen``
                parent[1] = True
                return STREAM if mode == ALT_BLOCK else TWRAP
            return SKIP
        if mode == SDT_PR and tag == W + "showingPlcHdr":
            stack[-2][1] = True
        if mode == GRID and tag == W + "gridCol":
            return GRID_COL
        return SKIP

    def _in_stream(self, tag: str) -> int:
        if tag == P:
            return PARA
        if tag == TBL:
            if len(self.tables) >= MAX_TABLES:
                raise WordLimit(f"có hơn {MAX_TABLES} bảng")
            self.table = _Table(len(self.tables) + 1, list(self.recent))
            return TABLE
        return {SDT: SDT_BLOCK, ALT: ALT_BLOCK, ALT_CHUNK: NOTE}.get(tag, STREAM if tag in _WRAP_BLOCK else SKIP)

    def _in_table(self, tag: str, mode: int) -> int:
        if tag == TR:
            return ROW
        if tag == W + "tblGrid" and mode == TABLE:
            return GRID
        return {SDT: SDT_TABLE, ALT: ALT_TABLE, W + "customXml": TWRAP}.get(tag, SKIP)

    def _close(self, element: Any, mode: int) -> None:
        if mode == PARA and len(element):     # an empty <w:p/> says nothing and numbers nothing
            text, _ = self.printer.paragraph(element)
            if text.strip():
                if len(self.first) < 12:
                    self.first.append(text.strip())
                self.recent.append(text.strip())
        elif mode == ROW and self.table is not None:
            self.rows += 1
            self.table.add(element, self.printer)
            if self.rows + self.printer.rows > MAX_ROWS:
                raise WordLimit(f"có hơn {MAX_ROWS:,} dòng bảng".replace(",", "."))
        elif mode == TABLE and self.table is not None:
            self.tables.append(WordTable(self.table.number, self.table.grid(), self.table.above))
            self.table = None
        elif mode == GRID_COL and self.table is not None:
            self.table.columns += 1
        elif mode == NOTE:
            self.printer.chunks += 1


def _free(element: Any) -> None:
    """Empty ``element``, last child first: lxml's clear() takes quadratic time on a wide element once iterparse
    has handed out its children (24 s for one cell of 190,000 paragraphs), this takes linear time."""
    for child in reversed(element):
        if len(child):
            _free(child)
        element.remove(child)


class _Table:
    """One top-level table's grid, built row by row."""

    def __init__(self, number: int, above: list[str]):
        self.number, self.above = number, above
        self.columns = 0                                   # gridCol elements of its tblGrid
        self.rows: list[list[Any]] = []
        self.merged: list[tuple[int, int, int, int]] = []
        self.open_down: dict[int, list[int]] = {}          # grid column -> [first row, last row, span]

    def add(self, tr: Any, printer: Printer) -> None:
        if not shown_row(tr):
            return
        if self.columns > MAX_COLUMNS:
            raise WordLimit(f"có bảng hơn {MAX_COLUMNS} cột (giới hạn của Word)")
        width = self.columns or MAX_COLUMNS
        r = len(self.rows) + 1
        col = 1 + min(_span(tr.find(_GRID_BEFORE), 0), width - 1)
        values: list[Any] = [None] * (col - 1)
        for tc, prompt in shown_cells(tr):
            if col > MAX_COLUMNS:
                raise WordLimit(f"có dòng bảng hơn {MAX_COLUMNS} ô (giới hạn của Word)")
            props = tc.find(_TC_PR)
            span = max(1, min(_span(props.find(_GRID_SPAN) if props is not None else None, 1), width - col + 1))
            vmerge = props.find(_V_MERGE) if props is not None else None
            continues = vmerge is not None and vmerge.get(W + "val") in (None, "continue")
            if continues and col in self.open_down:
                self.open_down[col][1] = r
                values.extend([None] * span)
            else:
                if col in self.open_down:
                    _close(self.open_down.pop(col), col, self.merged)
                values.append(None if prompt else printer.cell(tc) or None)
                values.extend([None] * (span - 1))
                if vmerge is not None:
                    self.open_down[col] = [r, r, span]
                elif span > 1:
                    self.merged.append((r, col, r, col + span - 1))
            col += span
        self.rows.append(values)

    def grid(self) -> Grid:
        for col, run in self.open_down.items():
            _close(run, col, self.merged)
        return Grid(f"Bảng {self.number}", self.rows, self.merged, 1, True)


def _close(run: list[int], col: int, merged: list[tuple[int, int, int, int]]) -> None:
    first, last, span = run
    if last > first or span > 1:
        merged.append((first, col, last, col + span - 1))


def _span(element: Any, default: int) -> int:
    """A gridSpan or gridBefore: a count of grid columns, refused beyond what Word can make (before any allocation)."""
    try:
        value = int(element.get(W + "val")) if element is not None else default
    except (TypeError, ValueError):
        return default
    if value > MAX_COLUMNS:
        raise WordLimit(f"có ô gộp {value:,} cột (gridSpan; Word cho tối đa {MAX_COLUMNS} cột)".replace(",", "."))
    return max(value, 0)
