"""`cchc-xl import` after the maintainer's review of issue #24: what the printed Word document shows is what is
imported (a task typed across two columns, a row whose end mark is hidden, the branch of alternate content Word
can read, legal list numbers), and the files that are no plan say what they are and what to do.

Every document is a real-shaped .docx (python-docx, or WordprocessingML as Word writes it) imported through the
real command; LibreOffice's own reading is the reference where Word is not at hand (Linux).
"""

from __future__ import annotations

import subprocess

import openpyxl
import pytest
from docx import Document

from cchc_xl.formats.config_files import load_config
from tests.workbook.test_import import findings_by_task, rows_of

HEADER = ["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Kinh phí"]
SET_ASIDE = "Ngoài bảng nhiệm vụ"
NSW = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# --------------------------------------------------------------------------- A: a task typed across two columns
def _spanning_tasks(path):
    """Tasks 1 and 3 have no product: their text is merged over Nhiệm vụ and Sản phẩm, as clerks do."""
    rows = [HEADER, ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", "", ""],
            ["1", "Rà soát văn bản quy phạm pháp luật", "", "Phòng Pháp chế", "Văn phòng Sở", "Quý II/2020",
             "1.000.000"],
            ["2", "Kiểm tra công tác pháp chế", "Báo cáo", "Thanh tra Sở", "Văn phòng Sở", "Quý III/2020", ""],
            ["3", "Theo dõi thi hành pháp luật", "", "Phòng Pháp chế", "", "Quý IV/2020", ""]]
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020")
    table = doc.add_table(rows=len(rows), cols=len(HEADER))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 1).merge(table.cell(1, 6))
    for r in (2, 4):
        table.cell(r, 1).merge(table.cell(r, 2)).text = rows[r][1]
    doc.save(str(path))
    return path


def test_a_task_merged_over_the_product_column_is_a_task(tmp_path, cli):
    result = cli("import", _spanning_tasks(tmp_path / "gop.docx"), "-o", tmp_path / "g.xlsx")
    assert "3 nhiệm vụ, 1 đề mục" in result.output, result.output
    got = [(r["stt"], r["task"], r["product"], r["lead_unit"], r["coord_units"], r["deadline"], r["budget"])
           for r in rows_of(tmp_path / "g.xlsx")[1:]]
    assert got == [
        (1, "Rà soát văn bản quy phạm pháp luật", None, "Phòng Pháp chế", "Văn phòng Sở", "Quý II/2020", 1_000_000),
        (2, "Kiểm tra công tác pháp chế", "Báo cáo", "Thanh tra Sở", "Văn phòng Sở", "Quý III/2020", None),
        (3, "Theo dõi thi hành pháp luật", None, "Phòng Pháp chế", None, "Quý IV/2020", None),
    ]
    assert "lead-unit-missing" not in result.output and "deadline-missing" not in result.output


def test_check_counts_a_task_merged_over_the_product_column(tmp_path):
    """The same table typed in Excel, B4:C4 merged: `check` counts the task and checks it (its deadline is
    missing: reported), while a heading merged across the table stays a heading."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"])
    ws.append(HEADER)
    ws.append(["I", "CẢI CÁCH THỂ CHẾ"])
    ws.merge_cells("B3:G3")
    ws.append([1, "Rà soát văn bản quy phạm pháp luật", None, "Phòng Pháp chế", "Văn phòng Sở", None, 1_000_000])
    ws.merge_cells("B4:C4")
    ws.append([2, "Kiểm tra công tác pháp chế", "Báo cáo", "Thanh tra Sở", "Văn phòng Sở", "Quý III/2020"])
    wb.save(tmp_path / "gop.xlsx")
    found = findings_by_task(tmp_path / "gop.xlsx", load_config())
    assert ("deadline-missing", "Rà soát văn bản quy phạm pháp luật") in found, found
    from cchc_xl.usecases.check import check_file

    table = check_file(str(tmp_path / "gop.xlsx"), load_config()).table
    assert [e.values.get("task") for e in table.entries] == ["Rà soát văn bản quy phạm pháp luật",
                                                             "Kiểm tra công tác pháp chế"]
    assert [h.text for h in table.headings] == ["CẢI CÁCH THỂ CHẾ"]


# --------------------------------------------------------------------------- B, C: what the printed page shows
ZZ = "urn:example:not-a-word-namespace"
W16SE = "http://schemas.microsoft.com/office/word/2015/wordml/symex"


def _alternate(choice: str, fallback: str, requires: str) -> str:
    """A paragraph whose text is in mc:AlternateContent: a Choice requiring ``requires``, then a Fallback."""
    from tests.support.word import NSDECLS

    return (f'<w:p {NSDECLS} xmlns:zz="{ZZ}" xmlns:w16se="{W16SE}"><w:r><mc:AlternateContent>'
            f'<mc:Choice Requires="{requires}">{choice}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback>'
            f'</mc:AlternateContent></w:r></w:p>')


@pytest.fixture(scope="module")
def as_printed(tmp_path_factory):
    """A plan whose second task row has Word's "hidden" row mark (trPr/w:hidden: only the end-of-row glyph is
    hidden), whose tasks' lead units are alternate content (a Choice needing a namespace no reader knows, Word's
    symbol extension w16se whose text is only in the Fallback), and a text box (Choice "wps", read); with the
    text LibreOffice prints of it (the reference where Word is not at hand)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    from tests.conftest import convert

    folder = tmp_path_factory.mktemp("in")
    rows = [HEADER, ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", "", ""],
            ["1", "Rà soát văn bản quy phạm pháp luật", "Báo cáo", "", "Văn phòng Sở", "Quý II/2020", ""],
            ["2", "Kiểm tra công tác pháp chế", "Kết luận", "", "Văn phòng Sở", "Quý III/2020", ""],
            ["3", "Theo dõi thi hành pháp luật", "Báo cáo", "Phòng Pháp chế", "", "Quý IV/2020", ""]]
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020")
    table = doc.add_table(rows=len(rows), cols=len(HEADER))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.rows[3]._tr.get_or_add_trPr().append(parse_xml(f'<w:hidden {NSW}/>'))
    leads = {2: _alternate("<w:t>Thanh tra Sở</w:t>", "<w:t>Phòng Pháp chế</w:t>", "zz"),
             3: _alternate('<w16se:symEx w16se:font="Segoe UI Emoji" w16se:char="2714"/>', "<w:t>Thanh tra Sở</w:t>",
                           "w16se")}
    for r, xml in leads.items():
        tc = table.cell(r, 3)._tc
        tc.remove(tc.find(qn("w:p")))
        tc.append(parse_xml(xml))
    doc.save(str(folder / "in.docx"))
    pdf = convert(folder / "in.docx", "pdf", folder)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return folder / "in.docx", " ".join(text.split())


def test_a_row_with_a_hidden_row_mark_is_printed_and_imported(as_printed, tmp_path, cli):
    """ECMA-376 17.4.20: trPr/hidden hides the end-of-row glyph; the row shows when any part of it is visible."""
    doc, printed_text = as_printed
    assert "Kiểm tra công tác pháp chế" in printed_text            # LibreOffice prints the row
    result = cli("import", doc, "-o", tmp_path / "h.xlsx")
    assert "3 nhiệm vụ, 1 đề mục" in result.output, result.output
    assert [r["task"] for r in rows_of(tmp_path / "h.xlsx")][1:] == [
        "Rà soát văn bản quy phạm pháp luật", "Kiểm tra công tác pháp chế", "Theo dõi thi hành pháp luật"]


def test_alternate_content_reads_the_branch_a_reader_can_show(as_printed, tmp_path, cli):
    """The first Choice whose required namespaces this reader reads, else the Fallback (ECMA-376 Part 3, 10.2):
    "zz" is no namespace it reads (LibreOffice prints the Fallback too); w16se's symbol has no text."""
    doc, printed_text = as_printed
    assert (printed_text.count("Phòng Pháp chế"), printed_text.count("Thanh tra Sở")) == (2, 1), printed_text
    cli("import", doc, "-o", tmp_path / "a.xlsx")
    assert [r["lead_unit"] for r in rows_of(tmp_path / "a.xlsx")][1:] == ["Phòng Pháp chế", "Thanh tra Sở",
                                                                         "Phòng Pháp chế"]


def test_a_text_box_written_for_word_2010_is_still_read_from_its_choice(tmp_path):
    """Choice Requires="wps" (DrawingML text box) is what this reader reads: the VML Fallback is not read twice."""
    from cchc_xl.formats.word.reader import read_docx
    from tests.support.word import Cell, OfficePlan, Row, office_docx, textbox

    doc = office_docx(tmp_path / "hop.docx", OfficePlan([Row([Cell([["Đợt 1", textbox("Ưu tiên")]])])], [3000]))
    assert read_docx(doc).tables[0].grid.rows == [["Đợt 1\nƯu tiên"]]


def test_alternate_content_around_a_table_reads_the_readable_branch(tmp_path):
    """At the body's level too (streamed): a table in a Choice needing "zz" is not read, the Fallback's is."""
    from cchc_xl.formats.word.reader import read_docx
    from tests.support.word import _package, _row

    def table(lead: str) -> str:
        return "<w:tbl>" + _row(["STT", "Nhiệm vụ", "Cơ quan chủ trì"]) + _row(["1", "Rà soát", lead]) + "</w:tbl>"

    body = (f'<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            f'xmlns:zz="{ZZ}"><mc:Choice Requires="zz">{table("Thanh tra Sở")}</mc:Choice>'
            f'<mc:Fallback>{table("Phòng Pháp chế")}</mc:Fallback></mc:AlternateContent>')
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {NSW}><w:body>{body}</w:body></w:document>'
    tables = read_docx(_package(tmp_path / "alt.docx", xml.encode())).tables
    assert [t.grid.rows[1][2] for t in tables] == ["Phòng Pháp chế"]


# --------------------------------------------------------------------------- I: legal numbering
def test_a_legal_level_shows_every_level_in_digits_its_own_too(tmp_path):
    """ECMA-376 17.9.4 (isLgl): every level shown, the level's own included, is a decimal number whatever its
    format: "I" over a lowerLetter level marked legal reads "1.1", "1.2", not "1.a"."""
    from cchc_xl.formats.word.reader import read_docx
    from tests.support.word import Auto, OfficePlan, Row, office_docx

    legal = ('<w:abstractNum w:abstractNumId="95"><w:multiLevelType w:val="multilevel"/>'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1"/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="lowerLetter"/>'
             '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
             '<w:num w:numId="95"><w:abstractNumId w:val="95"/></w:num>')
    cells = [Auto("I", 0, 95), Auto("1.1", 1, 95), Auto("1.2", 1, 95), Auto("II", 0, 95), Auto("2.1", 1, 95)]
    plan = OfficePlan([Row([c, f"Nhiệm vụ {i}"]) for i, c in enumerate(cells)], [800, 3000], numbering=legal)
    assert [r[0] for r in read_docx(office_docx(tmp_path / "lgl.docx", plan)).tables[0].grid.rows] == \
        ["I", "1.1", "1.2", "II", "2.1"]
