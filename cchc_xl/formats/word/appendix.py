"""The results appendix of the department's CCHC report as a Word document (what it says:
``consolidation/results.py``; the same rows as a workbook: ``xlsx/appendix.py``).

Word (python-docx), as administrative documents are set (Nghị định 30/2020/NĐ-CP): A4
landscape, margins 20/20/30/15 mm, Times New Roman 13; a title with the report period,
a line of totals, a table grouped by reform area (STT, task, lead unit, deadline, Tiến độ,
result; its header repeated on every page), then the overdue tasks. Written to a
temporary file and renamed: never half a document.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cchc_xl.consolidation.results import HEAD, LATE_HEAD, Appendix, numeral
from cchc_xl.core.text import storable
from cchc_xl.formats.files import atomic_write
from cchc_xl.formats.xlsx.cells import FONT

SIZE = 13   # Word: Times New Roman 13, as Nghị định 30/2020/NĐ-CP sets it


def write_docx(path: str | os.PathLike, a: Appendix) -> Path:
    """The appendix as a Word document."""
    doc = _document()
    _paragraph(doc, "PHỤ LỤC", bold=True, center=True)
    _paragraph(doc, a.title, bold=True, center=True)
    _paragraph(doc, a.subtitle, italic=True, center=True)
    _paragraph(doc, a.totals)
    table = _table(doc, HEAD, (1.5, 7.5, 4.2, 3.4, 3.0, 5.6))   # 25.2 cm: the page less its margins
    n = 0
    for i, (area, rows) in enumerate(a.groups):
        _group_row(table, f"{numeral(i)}. {area}")
        for r in rows:
            n += 1
            _row(table, [str(n), r.task, r.lead, r.deadline, r.status, r.result])
    _paragraph(doc, "")
    heading = _paragraph(doc, f"NHIỆM VỤ QUÁ HẠN ({len(a.overdue)})", bold=True)
    heading.paragraph_format.keep_with_next = True   # never alone at the foot of a page
    if a.overdue:
        late = _table(doc, LATE_HEAD, (1.5, 7.5, 4.2, 3.4, 2.4, 6.2))
        for i, r in enumerate(a.overdue, start=1):
            _row(late, [str(i), r.task, r.lead, r.deadline, str(r.days_late),
                        "; ".join(x for x in (r.difficulty, r.proposal) if x)])
    else:
        _paragraph(doc, "Không có nhiệm vụ quá hạn.")
    return atomic_write(path, doc.save)


# --------------------------------------------------------------------------- python-docx helpers
def _document():
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(SIZE)
    style.element.rPr.rFonts.set(_qn("w:eastAsia"), FONT)   # Word picks this one for Vietnamese in some setups
    _page_numbers(section)
    return doc


def _page_numbers(section: Any) -> None:
    """Page numbers as Nghị định 30/2020/NĐ-CP sets them: Arabic numerals, centred at the top of the page, from the
    second page on (the first page's header stays empty)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()

    def element(tag: str, text: str = "", **attributes: str) -> None:
        node = OxmlElement(tag)
        for name, value in attributes.items():
            node.set(_qn(name.replace("_", ":", 1)), value)
        node.text = text or None
        run._r.append(node)

    element("w:fldChar", w_fldCharType="begin")                # the field PAGE: the page's own number
    element("w:instrText", " PAGE ", xml_space="preserve")
    element("w:fldChar", w_fldCharType="separate")
    element("w:t", "2")                                          # shown until the field is updated
    element("w:fldChar", w_fldCharType="end")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _paragraph(doc: Any, text: str, bold: bool = False, italic: bool = False, center: bool = False) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = doc.add_paragraph()
    run = p.add_run(storable(text))
    run.bold, run.italic = bold, italic
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _table(doc: Any, head: list[str], widths_cm: tuple[float, ...]) -> Any:
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):   # the grid LibreOffice and Word lay the table out by
        column.width = Cm(width)
    for cell, title, width in zip(table.rows[0].cells, head, widths_cm):   # centred, as a table's head is set
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        cell.width = Cm(width)
    repeat = OxmlElement("w:tblHeader")             # the header row on every page
    repeat.set(_qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    table._widths = widths_cm
    return table


def _row(table: Any, values: list[str]) -> None:
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))   # a task is never cut across two pages
    cells = row.cells
    for cell, value, width in zip(cells, values, table._widths):
        cell.text = storable(value or "")
        cell.width = Cm(width)
    cells[0].paragraphs[0].alignment = 1   # WD_ALIGN_PARAGRAPH.CENTER: the number under its head


def _group_row(table: Any, title: str) -> None:
    """An area's heading across the table, kept on the page of its first task: never alone at a page's foot."""
    from docx.oxml import OxmlElement

    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    merged = row.cells[0].merge(row.cells[-1])
    merged.text = ""
    merged.paragraphs[0].add_run(storable(title)).bold = True
    merged.paragraphs[0].paragraph_format.keep_with_next = True   # Word and LibreOffice: the row with the next
