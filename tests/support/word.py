"""Word plans built with python-docx, in the shapes real appendices have (issue #14).

``plan_docx`` writes the appendix of the real 2020 plan (tests/data, as in ``legacy.py``) as
a Word table: title paragraphs, a header row (one row, or two: "Phân công trách nhiệm" over
"Chủ trì | Phối hợp"), headings merged across the table or written down a merged area
column, page-split rows, a totals row, spacer rows, a nested table, further tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.support.legacy import EXAMPLE, appendix_lines


def header_repeat(row: Any) -> None:
    """Mark ``row`` as a header row Word repeats on each page."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def plan_docx(path: Path, two_row_header: bool = False, area_column: bool = False, split_row: int | None = None,
              totals: bool = False, spacer: bool = False, nested: bool = False, extra_tables: int = 0,
              italic_note: bool = False) -> Path:
    """The real plan's appendix as a .docx; options add the shapes real documents have."""
    titles, rows = appendix_lines(EXAMPLE)
    header, body = rows[0], rows[1:]
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020")
    for i in range(extra_tables):           # a signature block and a list before the appendix
        t = doc.add_table(rows=2, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "Nơi nhận", "Giám đốc"
        t.cell(1, 0).text, t.cell(1, 1).text = f"- Lưu VT {i}", "Trần Bá Luận"
    for line in titles:
        doc.add_paragraph(line)
    width = len(header) + (1 if area_column else 0)
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"

    def add(values: list[str]) -> Any:
        row = table.add_row()
        for cell, value in zip(row.cells, values):
            lines = value.split("\n")
            cell.text = lines[0]
            for more in lines[1:]:
                cell.add_paragraph(more)
        return row

    head = ([header[0], "Lĩnh vực", *header[1:]] if area_column else list(header))
    if two_row_header:   # "Phân công trách nhiệm" over "Chủ trì | Phối hợp"
        lead = head.index("Cơ quan chủ trì")
        first = add([h if i not in (lead, lead + 1) else "Phân công trách nhiệm" for i, h in enumerate(head)])
        second = add(["" if i not in (lead, lead + 1) else ("Chủ trì" if i == lead else "Phối hợp")
                      for i in range(len(head))])
        first.cells[lead].merge(first.cells[lead + 1]).text = "Phân công trách nhiệm"
        for i in range(width):
            if i not in (lead, lead + 1):
                first.cells[i].merge(second.cells[i])
        header_repeat(first), header_repeat(second)
    else:
        header_repeat(add(head))
    area, area_cell = "", None
    for n, values in enumerate(body):
        filled = [v.strip() for v in values if v.strip()]
        if values[0].strip() and not values[0].strip()[0].isdigit():   # "I CẢI CÁCH…" or "IV | XÂY DỰNG…"
            title = " ".join(filled)
            if area_column:   # the area written once, down the merged column
                area, area_cell = title, None
                continue
            row = add([title] + [""] * (width - 1))
            row.cells[0].merge(row.cells[-1])
            continue
        cells = [v.strip() for v in values] + [""] * (len(header) - len(values))
        if area_column:
            cells = [cells[0], "", *cells[1:]]
        if split_row is not None and n == split_row:
            task = cells[2 if area_column else 1]
            cut = task.rfind(" ", 0, len(task) // 2)
            first_part, rest = task[:cut], task[cut + 1:]
            cells[2 if area_column else 1] = first_part
            row = add(cells)
            add([""] * (2 if area_column else 1) + [rest] + [""] * (width - (3 if area_column else 2)))
        else:
            row = add(cells)
        if area_column:
            if area_cell is None:
                area_cell = row.cells[1]
                area_cell.text = area
            else:
                area_cell = area_cell.merge(row.cells[1])
                area_cell.text = area
        if spacer and n == 3:
            add([""] * width)
    if italic_note:
        cell = table.rows[-1].cells[-1]
        cell.add_paragraph().add_run("(theo Kế hoạch số 12/KH-SGTVT)").italic = True
    if nested:
        inner = table.rows[-1].cells[-1].add_table(rows=1, cols=2)
        inner.cell(0, 0).text, inner.cell(0, 1).text = "Đợt 1", "Đợt 2"
    if totals:
        add(["", "Tổng cộng"] + [""] * (width - 2))
    doc.add_paragraph("Nơi nhận:")
    doc.save(str(path))
    return path


# --------------------------------------------------------------------------- hostile documents
def _package(path: Path, document_xml: bytes, compression: int = 8, styles: bytes | None = None,
             numbering: bytes | None = None) -> Path:
    """A minimal .docx around ``document_xml`` (what Word needs to call it a document), with the styles and
    numbering parts when given."""
    import zipfile

    types = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
             b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
             b'+xml"/></Types>')
    rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document_xml)
        parts = {"styles": styles, "numbering": numbering}
        z.writestr("word/_rels/document.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http:'
                   '//schemas.openxmlformats.org/package/2006/relationships">' + "".join(
                       f'<Relationship Id="r{kind}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       f'relationships/{kind}" Target="{kind}.xml"/>' for kind, data in parts.items() if data) +
                   "</Relationships>")
        for kind, data in parts.items():
            if data:
                z.writestr(f"word/{kind}.xml", data)
    return path


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _row(cells: list[str]) -> str:
    return "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in cells) + "</w:tr>"


def huge_table(path: Path, rows: int) -> Path:
    """One table of ``rows`` task rows, written as XML directly (python-docx would take minutes)."""
    head = _row(["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"])
    body = "".join(_row([str(i), f"Nhiệm vụ số {i} {i * 7919 % 100003}", "Văn phòng Sở", "Quý II/2020"])
                   for i in range(1, rows + 1))
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W.decode()}><w:body><w:p><w:r><w:t>KẾ HOẠCH NĂM '
           f'2020</w:t></w:r></w:p><w:tbl>{head}{body}</w:tbl></w:body></w:document>')
    return _package(path, xml.encode("utf-8"))


def zip_bomb(path: Path) -> Path:
    """A document.xml of 80 MB of spaces (a few hundred KB compressed)."""
    xml = b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + _W + b'><w:body>' + b" " * (80 * 1024 * 1024) + \
        b'</w:body></w:document>'
    return _package(path, xml)


def entities(path: Path) -> Path:
    """Billion laughs in document.xml."""
    xml = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
           b'<w:document ' + _W + b'><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
    return _package(path, xml)


def many_tables(path: Path, count: int) -> Path:
    """``count`` small tables, then the appendix."""
    small = "".join(f"<w:tbl>{_row(['Nơi nhận', f'Bản {i}'])}</w:tbl><w:p/>" for i in range(count))
    appendix = "<w:tbl>" + _row(["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]) + \
        _row(["1", "Rà soát thủ tục hành chính", "Văn phòng Sở", "Quý II/2020"]) + "</w:tbl>"
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W.decode()}><w:body><w:p><w:r><w:t>KẾ HOẠCH CẢI CÁCH '
           f'HÀNH CHÍNH NĂM 2020</w:t></w:r></w:p>{small}{appendix}</w:body></w:document>')
    return _package(path, xml.encode("utf-8"))


# --------------------------------------------------------------------------- plans as offices save them (issue #24)
# WordprocessingML as Word writes it (run properties, rsids, tcW, content controls, tracked changes,
# numbering.xml), so that the reader meets what real plans hold. A cell is a string (paragraphs split
# at "\n") or a list of paragraphs, each a string or a list of ``Piece``s; ``Cell`` adds what wraps it.
from dataclasses import dataclass, field  # noqa: E402
from xml.sax.saxutils import escape  # noqa: E402

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
}
NSDECLS = " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items())
_RPR = ('<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>{vanish}'
        '<w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/>')
_REV = 'w:author="Chuyên viên Văn phòng" w:date="2020-01-06T08:30:00Z"'
_ids = iter(range(100, 10**9))


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph: plain, hidden, tracked (deleted, inserted, moved), in a text box, in a control."""

    text: str
    how: str = ""   # "", hidden, del, ins, move-from, move-to, textbox, inline-sdt


def hidden(text: str) -> Piece:
    return Piece(text, "hidden")


def deleted(text: str) -> Piece:
    return Piece(text, "del")


def inserted(text: str) -> Piece:
    return Piece(text, "ins")


def moved_from(text: str) -> Piece:
    return Piece(text, "move-from")


def moved_to(text: str) -> Piece:
    return Piece(text, "move-to")


def textbox(text: str) -> Piece:
    return Piece(text, "textbox")


@dataclass(frozen=True)
class Auto:
    """An automatically numbered (w:numPr) paragraph: list ``num``, level ``level``; Word shows ``label``."""

    label: str
    level: int = 0
    num: int = 90
    text: str = ""
    style: str = ""     # numbered by its paragraph style ("ListNumber") instead of its own numPr


@dataclass
class Cell:
    """A cell's content and how Word wraps or spans it."""

    content: Any = ""
    span: int = 1
    wrap: str = ""          # "", date, dropdown, placeholder, customxml (a control or custom XML around the cell)
    vmerge: str = ""        # "", restart, continue (a cell merged down, as a two-row header's)
    placeholder: str = "Bấm hoặc gõ vào đây để nhập ngày."


@dataclass
class Row:
    cells: list[Any]
    header: bool = False    # repeated on each page (w:tblHeader)
    deleted: bool = False   # a tracked deletion of the whole row
    inserted: bool = False
    wrap: str = ""          # "", sdt (a repeating-section item), customxml
    visible: bool = True    # False: a row the printed document does not show (deleted)

    def __post_init__(self) -> None:
        self.visible = not self.deleted


@dataclass
class OfficePlan:
    """A plan's body: title paragraphs, the appendix's rows, what else Word put there."""

    rows: list[Row]
    widths: list[int]
    titles: list[str] = field(default_factory=lambda: ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"])
    table_wrap: str = ""      # "", sdt, prompt: the whole table inside a content control (prompt: flagged as such)
    altchunk: bool = False    # an imported HTML chunk (w:altChunk) after the table
    numbering: str = ""       # more list definitions (w:abstractNum) and lists (w:num) for numbering.xml
    tables: int = 1           # the appendix as several tables in a row (a list numbered across them)
    after: list[str] = field(default_factory=lambda: ["Nơi nhận:"])


def _run(text: str, vanish: bool = False, style: str = "") -> str:
    rstyle = f'<w:rStyle w:val="{style}"/>' if style else ""
    tag = "w:delText" if text.startswith("\0") else "w:t"
    body = escape(text.lstrip("\0"))
    return (f'<w:r w:rsidRPr="00C51A2F"><w:rPr>{rstyle}{_RPR.format(vanish="<w:vanish/>" if vanish else "")}</w:rPr>'
            f'<{tag} xml:space="preserve">{body}</{tag}></w:r>')


def _textbox(text: str) -> str:
    """A text box anchored in the paragraph as Word 2010+ writes it: DrawingML, with a VML fallback."""
    inner = f"<w:txbxContent><w:p>{_run(text)}</w:p></w:txbxContent>"
    n = next(_ids)
    choice = (f'<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
              f'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
              f'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
              f'</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
              f'<wp:extent cx="914400" cy="304800"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
              f'<wp:docPr id="{n}" name="Text Box {n}"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData '
              f'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr '
              f'txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="304800"/></a:xfrm>'
              f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>{inner}</wps:txbx><wps:bodyPr '
              f'rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" '
              f'anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
              f'</w:drawing>')
    fallback = (f'<w:pict><v:shape id="Text Box {n}" o:spid="_x0000_s10{n}" type="#_x0000_t202" '
                f'style="position:absolute;margin-left:0;margin-top:0;width:72pt;height:24pt;z-index:251659264" '
                f'xmlns:o="urn:schemas-microsoft-com:office:office"><v:textbox>{inner}</v:textbox></v:shape></w:pict>')
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{choice}</mc:Choice><mc:Fallback>{fallback}'
            f'</mc:Fallback></mc:AlternateContent></w:r>')


def _piece(p: Piece | str) -> str:
    if isinstance(p, str):
        return _run(p)
    n = next(_ids)
    if p.how == "hidden":
        return _run(p.text, vanish=True)
    if p.how == "del":
        return f'<w:del w:id="{n}" {_REV}>{_run(chr(0) + p.text)}</w:del>'
    if p.how == "ins":
        return f'<w:ins w:id="{n}" {_REV}>{_run(p.text)}</w:ins>'
    if p.how in ("move-from", "move-to"):
        kind = "moveFrom" if p.how == "move-from" else "moveTo"
        return (f'<w:{kind}RangeStart w:id="{n}" {_REV} w:name="move1"/><w:{kind} w:id="{n + 1}" {_REV}>'
                f'{_run(p.text)}</w:{kind}><w:{kind}RangeEnd w:id="{n}"/>')
    if p.how == "textbox":
        return _textbox(p.text)
    if p.how == "inline-sdt":
        return f'<w:sdt><w:sdtPr><w:id w:val="-{n}"/></w:sdtPr><w:sdtContent>{_run(p.text)}</w:sdtContent></w:sdt>'
    raise ValueError(p.how)


def _paragraph(par: Any, mark_deleted: bool = False) -> str:
    ppr, pieces = "", par
    if isinstance(par, Auto):
        ppr = (f'<w:pStyle w:val="{par.style}"/>' if par.style else
               f'<w:numPr><w:ilvl w:val="{par.level}"/><w:numId w:val="{par.num}"/></w:numPr>')
        pieces = [par.text] if par.text else []
    elif isinstance(par, (str, Piece)):
        pieces = [par]
    mark = f'<w:rPr><w:del w:id="{next(_ids)}" {_REV}/></w:rPr>' if mark_deleted else ""
    body = "".join(_piece(deleted(p) if mark_deleted and isinstance(p, str) else p) for p in pieces)
    return (f'<w:p w:rsidR="00A81F3B" w:rsidRDefault="00A81F3B" w:rsidP="00D6147C"><w:pPr>{ppr}'
            f'<w:spacing w:before="60" w:after="60"/><w:jc w:val="both"/>{mark}</w:pPr>{body}</w:p>')


def _paragraphs(content: Any, mark_deleted: bool = False) -> list[Any]:
    if isinstance(content, str):
        return content.split("\n")
    if isinstance(content, (Piece, Auto)):
        return [content]
    return list(content)


def _cell(cell: Any, width: int, row_deleted: bool) -> str:
    c = cell if isinstance(cell, Cell) else Cell(cell)
    span = f'<w:gridSpan w:val="{c.span}"/>' if c.span > 1 else ""
    span += {"": "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}[c.vmerge]
    if c.wrap == "placeholder":
        paras = (f'<w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>{escape(c.placeholder)}</w:t>'
                 f'</w:r></w:p>')
    else:
        paras = "".join(_paragraph(p, row_deleted) for p in _paragraphs(c.content)) or "<w:p/>"
    tc = (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}<w:vAlign w:val="center"/></w:tcPr>'
          f'{paras}</w:tc>')
    n = next(_ids)
    if c.wrap == "date":
        return (f'<w:sdt><w:sdtPr><w:alias w:val="Thời hạn"/><w:tag w:val="thoi-han"/><w:id w:val="-{n}"/>'
                f'<w:date w:fullDate="2020-06-30T00:00:00Z"><w:dateFormat w:val="dd/MM/yyyy"/><w:lid '
                f'w:val="vi-VN"/><w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>'
                f'</w:sdtPr><w:sdtEndPr/><w:sdtContent>{tc}</w:sdtContent></w:sdt>')
    if c.wrap == "dropdown":
        items = "".join(f'<w:listItem w:displayText="{u}" w:value="{u}"/>' for u in
                        ("Văn phòng Sở", "Thanh tra Sở", "Phòng Pháp chế", "Phòng Kế hoạch - Tài chính"))
        return (f'<w:sdt><w:sdtPr><w:alias w:val="Đơn vị"/><w:id w:val="-{n}"/><w:dropDownList>{items}'
                f'</w:dropDownList></w:sdtPr><w:sdtContent>{tc}</w:sdtContent></w:sdt>')
    if c.wrap == "placeholder":
        return (f'<w:sdt><w:sdtPr><w:id w:val="-{n}"/><w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013437"/>'
                f'</w:placeholder><w:showingPlcHdr/><w:date><w:dateFormat w:val="dd/MM/yyyy"/><w:lid w:val="vi-VN"/>'
                f'<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date></w:sdtPr>'
                f'<w:sdtContent>{tc}</w:sdtContent></w:sdt>')
    if c.wrap == "customxml":
        return f'<w:customXml w:uri="urn:cchc:ke-hoach" w:element="donVi">{tc}</w:customXml>'
    return tc


def _row_xml(row: Row, widths: list[int]) -> str:
    props = "".join(flag for flag, on in (("<w:cantSplit/>", True), ('<w:tblHeader/>', row.header),
                                          (f'<w:ins w:id="{next(_ids)}" {_REV}/>', row.inserted),
                                          (f'<w:del w:id="{next(_ids)}" {_REV}/>', row.deleted)) if on)
    cells, col = [], 0
    for cell in row.cells:
        span = cell.span if isinstance(cell, Cell) else 1
        cells.append(_cell(cell, sum(widths[col:col + span]), row.deleted))
        col += span
    tr = f'<w:tr w:rsidR="00A81F3B" w:rsidTr="00D6147C"><w:trPr>{props}</w:trPr>{"".join(cells)}</w:tr>'
    if row.wrap == "sdt":
        return (f'<w:sdt><w:sdtPr><w:id w:val="-{next(_ids)}"/><w15:repeatingSectionItem/></w:sdtPr>'
                f'<w:sdtContent>{tr}</w:sdtContent></w:sdt>')
    if row.wrap == "customxml":
        return f'<w:customXml w:uri="urn:cchc:ke-hoach" w:element="nhiemVu">{tr}</w:customXml>'
    return tr


# Two lists as offices number an appendix: "I" over "1, 2, 3" restarting under each heading (90),
# and "1." / "1.1." / "1.1.1." (91).
NUMBERING = (
    '<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1"/>'
    '<w:lvlJc w:val="center"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2"/>'
    '<w:lvlJc w:val="center"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="91"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3."/><w:lvlJc w:val="left"/>'
    '</w:lvl></w:abstractNum>'
)
NUMS = '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num><w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>'


def _table_xml(grid: str, rows: str) -> str:
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout '
            f'w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>')


def office_docx(path: Path, plan: OfficePlan) -> Path:
    """The plan as Word saves it: title paragraphs, the table (and whatever wraps it), numbering.xml."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    doc = Document()
    for line in plan.titles:
        doc.add_paragraph(line)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in plan.widths)
    body = doc.element.body
    sect = body[-1]
    for _ in range(plan.tables):
        tbl = _table_xml(grid, "".join(_row_xml(r, plan.widths) for r in plan.rows))
        if plan.table_wrap in ("sdt", "prompt"):     # prompt: the control still flags its prompt as shown
            prompt = "<w:showingPlcHdr/>" if plan.table_wrap == "prompt" else ""
            tbl = (f'<w:sdt><w:sdtPr><w:alias w:val="Phụ lục"/><w:id w:val="-{next(_ids)}"/>{prompt}</w:sdtPr>'
                   f'<w:sdtContent>{tbl}</w:sdtContent></w:sdt>')
        sect.addprevious(parse_xml(f"<w:body {NSDECLS}>{tbl}</w:body>")[0])
        sect.addprevious(doc.add_paragraph()._p)
    if plan.altchunk:
        part = Part(PackURI("/word/afchunk1.htm"), "text/html",
                    "<html><body><p>Phụ lục II (dán từ trang web)</p></body></html>".encode(), doc.part.package)
        rid = doc.part.relate_to(part, RT.A_F_CHUNK)
        sect.addprevious(parse_xml(f'<w:altChunk {NSDECLS} r:id="{rid}"/>'))
    for line in plan.after:
        sect.addprevious(doc.add_paragraph(line)._p)
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for el in parse_xml(f"<w:numbering {NSDECLS}>{NUMBERING}{plan.numbering}</w:numbering>"):
        (first_num.addprevious if el.tag == qn("w:abstractNum") else numbering.append)(el)
    for el in parse_xml(f"<w:numbering {NSDECLS}>{NUMS}</w:numbering>"):
        numbering.append(el)
    doc.save(str(path))
    return path


def printed(content: Any) -> str:
    """What the printed document shows of a cell: hidden, deleted and moved-away text gone, numbers shown."""
    if isinstance(content, Cell):
        return "" if content.wrap == "placeholder" else printed(content.content)
    lines = []
    for par in _paragraphs(content):
        if isinstance(par, Auto):
            lines.append((par.label + " " + par.text).strip())
            continue
        pieces = [par] if isinstance(par, (str, Piece)) else par
        text = ""
        for p in pieces:
            if isinstance(p, str):
                text += p
            elif p.how == "textbox":
                text += "\n" + p.text + "\n"
            elif p.how not in ("hidden", "del", "move-from"):
                text += p.text
        lines.append(text)
    return "\n".join(line.strip() for line in "\n".join(lines).split("\n") if line.strip())


# --------------------------------------------------------------------------- crafted documents (issue #24)
_TITLE = "<w:p><w:r><w:t>KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020</w:t></w:r></w:p>"
_HEAD5 = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành", "Ghi chú"]


def _plan_xml(rows: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W.decode()}><w:body>{_TITLE}<w:tbl><w:tblGrid>'
            + '<w:gridCol w:w="2000"/>' * 5 + f'</w:tblGrid>{_row(_HEAD5)}'
            + _row(["1", "Rà soát thủ tục hành chính", "Văn phòng Sở", "Quý II/2020", ""])
            + f'{rows}</w:tbl></w:body></w:document>').encode("utf-8")


def nested_tables(path: Path, depth: int) -> Path:
    """A task whose note cell holds a table in a table … ``depth`` deep, each level's cell saying "tầng N"."""
    inner = "<w:p><w:r><w:t>lõi</w:t></w:r></w:p>"
    for level in range(depth, 0, -1):
        inner = (f"<w:p><w:r><w:t>tầng {level}</w:t></w:r></w:p><w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"
                 "<w:p/>")
    row = ("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{v}</w:t></w:r></w:p></w:tc>" for v in
                              ("2", "Kiểm tra cải cách hành chính", "Thanh tra Sở", "Quý III/2020"))
           + f"<w:tc>{inner}</w:tc></w:tr>")
    return _package(path, _plan_xml(row))


def wide_span(path: Path, span: int) -> Path:
    """A row whose one cell claims to span ``span`` grid columns of a five-column table (a 1 KB file)."""
    row = f'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>'
    return _package(path, _plan_xml(row))


def wide_row(path: Path, cells: int) -> Path:
    """A row of ``cells`` cells (Word makes at most 63)."""
    return _package(path, _plan_xml(_row([str(i) for i in range(cells)])))


def long_paragraph(path: Path, size: int) -> Path:
    """A cell holding one run of ``size`` characters of varied text (compressing like real text, no bomb)."""
    import random

    rng = random.Random(7)
    words = "rà soát thủ tục hành chính kế hoạch báo cáo đơn vị phòng sở kiểm tra quý năm".split()
    text = []
    length = 0
    while length < size:
        word = rng.choice(words) + str(rng.randrange(1000))
        text.append(word)
        length += len(word) + 1
    return _package(path, _plan_xml(_row(["2", " ".join(text), "Văn phòng Sở", "Quý II/2020"])))


def deep_xml(path: Path, depth: int) -> Path:
    """A paragraph nested ``depth`` levels deep in smart tags (XML beyond lxml's 256 levels)."""
    inner = "<w:r><w:t>x</w:t></w:r>"
    body = "<w:smartTag>" * depth + inner + "</w:smartTag>" * depth
    return _package(path, _plan_xml(f"<w:tr><w:tc><w:p>{body}</w:p></w:tc></w:tr>"))


# --------------------------------------------------------------------------- side parts and preambles (review of #24)
def _random_ids(count: int, seed: int) -> list[str]:
    """``count`` random ids of eight letters and digits: XML that compresses as real files do (no zip bomb)."""
    import random
    import string

    rng = random.Random(seed)
    return ["".join(rng.choices(string.ascii_letters + string.digits, k=8)) for _ in range(count)]


def _side(root: str, inner: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{root} {_W.decode()}>{inner}</w:{root}>'.encode()


def _small_plan() -> bytes:
    return _plan_xml("")


def numbering_bomb(path: Path, shape: str, count: int) -> Path:
    """A plan whose numbering.xml holds ``count`` of: "levels" (w:lvl of one list definition), "pictures"
    (w:numPicBullet, which the reader never needs), "lists" (w:num)."""
    ids = _random_ids(count, 3)
    inner = {
        "levels": lambda: '<w:abstractNum w:abstractNumId="1">' + "".join(
            f'<w:lvl w:ilvl="{i % 9}" w:tplc="{x}"/>' for i, x in enumerate(ids)) + "</w:abstractNum>",
        "pictures": lambda: "".join(f'<w:numPicBullet w:numPicBulletId="{x}"/>' for x in ids),
        "lists": lambda: "".join(f'<w:num w:numId="{x}"><w:abstractNumId w:val="{x[:4]}"/></w:num>' for x in ids),
    }[shape]()
    return _package(path, _small_plan(), numbering=_side("numbering", inner))


def styles_bomb(path: Path, shape: str, count: int) -> Path:
    """A plan whose styles.xml holds ``count`` of: "children" (elements of one style), "styles" (styles based
    one on the next)."""
    ids = _random_ids(count, 4)
    inner = {
        "children": lambda: '<w:style w:type="paragraph" w:styleId="Normal" w:default="1">' + "".join(
            f'<w:x{i % 10} w:v="{x}"/>' for i, x in enumerate(ids)) + "</w:style>",
        "styles": lambda: "".join(f'<w:style w:type="paragraph" w:styleId="s{i}"><w:basedOn w:val="s{i + 1}"/>'
                                  f'<w:rPr><w:vanish w:val="{x[:3]}"/></w:rPr></w:style>' for i, x in enumerate(ids)),
    }[shape]()
    return _package(path, _small_plan(), styles=_side("styles", inner))


def long_preamble(path: Path, paragraphs: int) -> Path:
    """``paragraphs`` short distinct paragraphs before the plan's table (only the first and last few are titles)."""
    body = "".join(f"<w:p><w:r><w:t>{x}</w:t></w:r></w:p>" for x in _random_ids(paragraphs, 5))
    return _package(path, _plan_xml("").replace(b"<w:body>", b"<w:body>" + body.encode(), 1))
