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
def _package(path: Path, document_xml: bytes, compression: int = 8) -> Path:
    """A minimal .docx around ``document_xml`` (what Word needs to call it a document)."""
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
