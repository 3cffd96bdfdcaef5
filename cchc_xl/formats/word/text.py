"""What a printed Word document shows of a paragraph, a cell, a nested table: the text a reader of the paper sees.

A .docx holds more than it prints, and offices leave all of it in their plans: hidden text (``w:vanish``,
directly or through a style), tracked deletions and text moved elsewhere (``w:del``, ``w:moveFrom``),
content controls (``w:sdt``: a date picker or a drop-down around a cell, a row or the whole table; one
still showing its prompt holds no value), custom XML around rows and cells, text boxes written twice
(DrawingML and its VML fallback, in ``mc:AlternateContent``), automatic numbering that is no text at all
(``w:numPr``: the label "1.1." comes from numbering.xml). Read here: runs, tabs and breaks, inserted and
moved-to text (a tracked change reads as accepted), controls' content (never their list of choices),
one branch of each alternate content, text boxes (once, on their own line), fields' results, hyperlinks,
numbering labels. Left out: hidden, deleted and moved-from text, field codes, footnote marks, bullet glyphs
and a control's prompt.

Each table is walked by its own rows only (a nested table is read once, as lines of the cell that holds it,
cells joined by " | "), to ``MAX_NESTING`` levels; nothing here allocates by a number read from the file.
"""

from __future__ import annotations

from typing import Any, Iterator

from cchc_xl.formats.word.numbering import Numbering, Styles, WordLimit, on

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
P, TBL, TR, TC, R, SDT, SDT_CONTENT = W + "p", W + "tbl", W + "tr", W + "tc", W + "r", W + "sdt", W + "sdtContent"
ALT, CHOICE, FALLBACK = MC + "AlternateContent", MC + "Choice", MC + "Fallback"
ALT_CHUNK, BOX = W + "altChunk", W + "txbxContent"
MAX_NESTING = 10            # tables inside tables; real plans nest two or three
MAX_TEXT = 1_000_000        # characters of one paragraph or cell; Excel keeps 32,767 of them

_WRAPPERS = {W + "customXml", SDT_CONTENT, W + "ins", W + "moveTo", W + "smartTag", W + "hyperlink", W + "fldSimple",
             W + "dir", W + "bdo", W + "rubyBase"}
_BLOCK_WRAPPERS = {W + "customXml", SDT_CONTENT, W + "ins", W + "moveTo"}
_RUN_TEXT = {W + "t": None, W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n",
             W + "noBreakHyphen": "-"}
_DRAWN = {W + "drawing", W + "pict", W + "object"}
_PROMPT, _CELL_DEL = f"{W}sdtPr/{W}showingPlcHdr", f"{W}tcPr/{W}cellDel"
_READ = frozenset({   # what a Choice may require and still be read here: Word's text, text boxes, drawings, math
    W[1:-1], "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/main", "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "urn:schemas-microsoft-com:vml", "urn:schemas-microsoft-com:office:office", "urn:schemas-microsoft-com:office:word",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships", MATH[1:-1]})


def placeholder(sdt: Any) -> bool:
    """A content control still showing its prompt ("Bấm để nhập ngày"): it holds no value."""
    return sdt.find(_PROMPT) is not None


def readable(choice: Any) -> bool:
    """An mc:Choice this reader can show: every namespace its ``Requires`` names (by prefix) is one it reads."""
    prefixes = (choice.get("Requires") or "").split()
    return bool(prefixes) and all(choice.nsmap.get(prefix) in _READ for prefix in prefixes)


def chosen(alt: Any) -> Any:
    """The branch of an mc:AlternateContent to read (ECMA-376 Part 3, 10.2): its first Choice whose required
    namespaces this reader reads, else its Fallback (Word's symbol extension "w16se", a crafted "zz": the text is
    in the Fallback, which is what a reader that does not know them shows)."""
    for branch in alt:
        if branch.tag == FALLBACK or (branch.tag == CHOICE and readable(branch)):
            return branch
    return None


def wrapped(parent: Any, tag: str, prompt: bool = False) -> Iterator[tuple[Any, bool]]:
    """The ``tag`` children of ``parent`` (rows of a table, cells of a row), also those a content control,
    custom XML or alternate content wraps (a row in a repeating section is still a row of the table), each
    with whether a control around it still shows its prompt (then it holds no value)."""
    for child in parent:
        if child.tag == tag:
            yield child, prompt
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from wrapped(content, tag, prompt or placeholder(child))
        elif child.tag in (W + "customXml", SDT_CONTENT):
            yield from wrapped(child, tag, prompt)
        elif child.tag == ALT and chosen(child) is not None:
            yield from wrapped(chosen(child), tag, prompt)


def shown_row(tr: Any) -> bool:
    """False for a row the printed document does not show: a tracked deletion. A row's ``w:hidden`` hides only its
    end-of-row mark (ECMA-376 17.4.20: the row shows if any part of it is visible; LibreOffice prints it): its
    cells are read, their hidden text left out as everywhere."""
    props = tr.find(W + "trPr")
    return props is None or props.find(W + "del") is None


def shown_cells(tr: Any) -> Iterator[tuple[Any, bool]]:
    """The row's cells as printed (a tracked cell deletion is gone), each with whether it shows a prompt."""
    for tc, prompt in wrapped(tr, TC):
        if tc.find(_CELL_DEL) is None:
            yield tc, prompt


class Printer:
    """Reads paragraphs and cells in document order, so that automatic numbers count as Word counts them."""

    def __init__(self, styles: Styles | None = None, numbering: Numbering | None = None):
        self.styles = styles or Styles()
        self.numbering = numbering or Numbering(self.styles)
        self.rows = 0               # rows of nested tables read (the caller counts its own)
        self.chunks = 0             # altChunk parts met (imported content Word shows, we cannot read)

    # ------------------------------------------------------------------ blocks
    def cell(self, tc: Any, depth: int = 0) -> str:
        """A cell's text: its paragraphs one per line, a nested table's rows one per line."""
        lines: list[str] = []
        carry = ""
        for block in self._blocks(tc):
            if block.tag == P:
                text, joins = self.paragraph(block)
                if joins:           # a deleted or hidden paragraph mark: its text runs on into the next paragraph
                    carry += text
                    continue
                lines.append((carry + text).strip())
                carry = ""
            elif block.tag == TBL:
                lines.extend(self._table_lines(block, depth + 1))
            else:
                self.chunks += 1
        if carry.strip():
            lines.append(carry.strip())
        filled = [i for i, line in enumerate(lines) if line]
        return _limited("\n".join(lines[filled[0]:filled[-1] + 1]) if filled else "")

    def _table_lines(self, tbl: Any, depth: int) -> list[str]:
        if depth > MAX_NESTING:
            raise WordLimit(f"có bảng lồng trong bảng quá {MAX_NESTING} tầng (kế hoạch thật chỉ lồng hai, ba tầng)")
        lines = []
        for tr, prompt in wrapped(tbl, TR):
            if shown_row(tr) and not prompt:
                self.rows += 1
                cells = [self.cell(tc, depth) for tc, empty in shown_cells(tr) if not empty]
                lines.append(" | ".join(c for c in cells if c))
        return lines

    def _blocks(self, container: Any) -> Iterator[Any]:
        for child in container:
            tag = child.tag
            if tag in (P, TBL, ALT_CHUNK):
                yield child
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:    # a control still showing its prompt: a table in it is no prompt
                    blocks = self._blocks(content)
                    yield from (b for b in blocks if b.tag == TBL) if placeholder(child) else blocks
            elif tag in _BLOCK_WRAPPERS:
                yield from self._blocks(child)
            elif tag == ALT and chosen(child) is not None:
                yield from self._blocks(chosen(child))

    # ------------------------------------------------------------------ paragraphs
    def paragraph(self, p: Any) -> tuple[str, bool]:
        """(the paragraph's printed text with its number, whether it runs on into the next paragraph)."""
        props = p.find(W + "pPr")
        style = _val(props.find(W + "pStyle")) if props is not None else None
        style = style or self.styles.default_paragraph
        mark = props.find(W + "rPr") if props is not None else None
        gone = mark is not None and (mark.find(W + "del") is not None or mark.find(W + "moveFrom") is not None)
        joins = gone or self._hidden(mark, style)
        out: list[str] = []
        self._inline(p, out, style)
        text = _limited("".join(out))
        if not joins and props is not None:
            label = self.numbering.label(props.find(W + "numPr"), style)
            if label:
                text = label + (" " + text if text.strip() else "")
        return text, joins

    def _inline(self, parent: Any, out: list[str], style: str | None) -> None:
        for child in parent:
            tag = child.tag
            if tag == R:
                if not self._hidden(child.find(W + "rPr"), style):
                    self._run(child, out, style)
            elif tag in _WRAPPERS:
                self._inline(child, out, style)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None and not placeholder(child):
                    self._inline(content, out, style)
            elif tag == ALT and chosen(child) is not None:
                self._inline(chosen(child), out, style)
            elif tag in (MATH + "oMath", MATH + "oMathPara"):
                out.append("".join(t.text or "" for t in child.iter(MATH + "t")))
            elif tag == W + "ruby":
                base = child.find(W + "rubyBase")
                if base is not None:
                    self._inline(base, out, style)

    def _run(self, run: Any, out: list[str], style: str | None) -> None:
        for child in run:
            tag = child.tag
            if tag in _RUN_TEXT:
                out.append(_RUN_TEXT[tag] or child.text or "")
            elif tag in _DRAWN:
                for box in _boxes(child):
                    out.append("\n" + self.cell(box) + "\n")
            elif tag == ALT and chosen(child) is not None:
                self._run(chosen(child), out, style)

    def _hidden(self, props: Any, style: str | None) -> bool:
        """Hidden text: ``w:vanish`` on the run (or paragraph mark), else in its character style, else in the
        paragraph's style."""
        if props is not None:
            vanish = props.find(W + "vanish")
            if vanish is not None:
                return on(vanish)
            char_style = props.find(W + "rStyle")
            if char_style is not None:
                hidden = self.styles.vanish(_val(char_style))
                if hidden is not None:
                    return hidden
        return bool(self.styles.vanish(style))


def _boxes(element: Any) -> Iterator[Any]:
    """The text boxes drawn in a run, each once: nested alternate content is read on one branch."""
    for child in element:
        if child.tag == BOX:
            yield child
        elif child.tag == ALT:
            branch = chosen(child)
            if branch is not None:
                yield from _boxes(branch)
        else:
            yield from _boxes(child)


def _val(element: Any) -> str | None:
    return element.get(W + "val") if element is not None else None


def _limited(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise WordLimit(f"có một đoạn văn hoặc ô dài hơn {MAX_TEXT:,} ký tự".replace(",", ".") +
                        " (giới hạn của chương trình; Excel chỉ giữ 32.767 ký tự một ô)")
    return text

