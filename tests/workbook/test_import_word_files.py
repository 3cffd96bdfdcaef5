"""`cchc-xl import` on files that are no plain .docx (review of #24): a Word 97-2003 document (also renamed .docx)
and RTF are converted by LibreOffice without fetching anything; a password, a web page, Strict Open XML, an
appendix embedded as an Excel object say what the file is and what to do; a table inside a content control that
still shows its prompt is read.

Every file is made as offices make it: by LibreOffice (Word 97-2003, RTF), msoffcrypto (Word's password
encryption), python-docx, or WordprocessingML as Word writes it.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading
import zipfile

import pytest

from tests.conftest import convert, soffice
from tests.support.word import OfficePlan, Row, office_docx, plan_docx
from tests.workbook.test_import import expected_tasks, rows_of, tasks

TITLE = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"
HEADER = ["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
TASK = ["1", "Rà soát văn bản quy phạm pháp luật", "Báo cáo", "Phòng Pháp chế", "Văn phòng Sở", "Quý II/2020"]


def refused(cli, tmp_path, doc, *needles):
    """Import ``doc``: exit 2, a message naming the file and saying each of ``needles``; the file unchanged."""
    before = doc.read_bytes()
    result = cli("import", doc, "-o", tmp_path / "kq.xlsx")
    assert result.exit_code == 2 and doc.name in result.output and "Traceback" not in result.output, result.output
    for needle in needles:
        assert needle in result.output, result.output
    assert doc.read_bytes() == before and not (tmp_path / "kq.xlsx").exists()
    return result.output


# --------------------------------------------------------------------------- D: LibreOffice fetches nothing
class _Recorder(http.server.BaseHTTPRequestHandler):
    """Logs every request (any method) and answers 404."""

    seen: list[str] = []

    def _any(self) -> None:
        type(self).seen.append(f"{self.command} {self.path}")
        self.send_error(404)

    do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = do_POST = _any

    def log_message(self, *args) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_converting_a_doc_fetches_nothing(tmp_path, cli):
    """A .doc whose picture is linked to a web address (INCLUDEPICTURE): LibreOffice as installed fetches it
    (OPTIONS, HEAD, GET), which a plan's import must never do (on Windows a \\\\server link sends the user's
    credentials). The conversion's own profile sends every protocol to a closed local port and blocks links."""
    port = _free_port()
    html = tmp_path / "lienket.html"
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in (HEADER, TASK))
    html.write_text(f'<html><body><p>{TITLE}</p><p><img src="http://127.0.0.1:{port}/anh.png" width="50" '
                    f'height="50"></p><table border="1">{rows}</table></body></html>', encoding="utf-8")
    doc = convert(html, "doc:MS Word 97", tmp_path)            # nothing listens yet: the link stays a link
    assert b"127.0.0.1" in doc.read_bytes()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _Recorder.seen = []
        plain = tmp_path / "plain"
        subprocess.run([soffice(), f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                        "--convert-to", "docx", "--outdir", str(plain), str(doc)], capture_output=True, timeout=180)
        assert _Recorder.seen, "LibreOffice as installed fetches the linked picture: the control of this test"
        _Recorder.seen = []
        result = cli("import", doc, "-o", tmp_path / "kq.xlsx")
        assert _Recorder.seen == [], _Recorder.seen
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code in (0, 1) and "1 nhiệm vụ" in result.output, result.output
    assert rows_of(tmp_path / "kq.xlsx")[0]["lead_unit"] == "Phòng Pháp chế"


# --------------------------------------------------------------------------- H: what the file is, what to do
@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory):
    """The real plan saved by LibreOffice as Word 97-2003 (.doc) and as RTF."""
    folder = tmp_path_factory.mktemp("cu")
    docx = plan_docx(folder / "ke-hoach.docx")
    return convert(docx, "doc:MS Word 97", folder / "doc"), convert(docx, "rtf", folder / "rtf")


@pytest.mark.parametrize("kind,name,note", [
    (0, "ke-hoach.docx", "Word 97-2003"),      # a .doc renamed .docx (was: "đặt mật khẩu")
    (1, "ke-hoach.doc", "RTF"),                # RTF saved as .doc (was: "hỏng hoặc không phải .docx")
    (1, "ke-hoach.rtf", ""),
])
def test_word_97_and_rtf_are_converted_whatever_their_name(legacy_files, tmp_path, cli, kind, name, note):
    source = shutil.copy(legacy_files[kind], tmp_path / name)
    result = cli("import", source, "-o", tmp_path / "kq.xlsx")
    assert result.exit_code == 1 and "17 nhiệm vụ, 8 đề mục" in result.output, result.output
    assert tasks(rows_of(tmp_path / "kq.xlsx")) == expected_tasks()
    if note:
        assert f"Lưu ý: {name}" in result.output and note in result.output, result.output


def test_a_password_protected_docx_says_so(tmp_path, cli):
    """Word's "Encrypt with Password" (an OLE file holding EncryptedPackage), as msoffcrypto writes it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = plan_docx(tmp_path / "mo.docx")
    with plain.open("rb") as fin, (tmp_path / "khoa.docx").open("wb") as fout:
        OOXMLFile(fin).encrypt("matkhau", fout)
    refused(cli, tmp_path, tmp_path / "khoa.docx", "đặt mật khẩu", "gỡ mật khẩu")


def test_an_office_file_that_is_no_word_document_says_so(tmp_path, cli):
    """An Excel 97-2003 workbook renamed .doc: an OLE file without a WordDocument stream."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.save(tmp_path / "bang.xlsx")
    xls = convert(tmp_path / "bang.xlsx", "xls", tmp_path / "xls")
    doc = shutil.copy(xls, tmp_path / "bang.doc")
    refused(cli, tmp_path, doc, "không phải văn bản Word")


def test_a_web_page_saved_as_doc_says_so(tmp_path, cli):
    doc = tmp_path / "trang-web.doc"
    doc.write_text(f"<html><head><meta charset='utf-8'></head><body><p>{TITLE}</p><table><tr><td>STT</td></tr>"
                   "</table></body></html>", encoding="utf-8")
    refused(cli, tmp_path, doc, "trang web (HTML, MHT)", "lưu dạng .docx")


STRICT = {"http://schemas.openxmlformats.org/wordprocessingml/2006/main":
          "http://purl.oclc.org/ooxml/wordprocessingml/main",
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument":
          "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"}


def test_strict_open_xml_says_so(tmp_path, cli):
    """Word's "Strict Open XML Document" (ISO/IEC 29500 Strict): other namespaces, the same tables."""
    plain = plan_docx(tmp_path / "thuong.docx")
    strict = tmp_path / "strict.docx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(strict, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                for transitional, purl in STRICT.items():
                    data = data.replace(transitional.encode(), purl.encode())
            zout.writestr(info, data)
    refused(cli, tmp_path, strict, "Strict Open XML", "Word Document (*.docx)")


def test_an_appendix_embedded_as_an_excel_object_says_so(tmp_path, cli):
    """Insert > Object > Excel: the table is a workbook inside the .docx, shown as a picture; no Word table."""
    import io

    import openpyxl
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    from tests.support.word import NSDECLS

    wb = openpyxl.Workbook()
    for row in (HEADER, TASK):
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    doc = Document()
    doc.add_paragraph(TITLE)
    part = Part(PackURI("/word/embeddings/Microsoft_Excel_Worksheet.xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer.getvalue(),
                doc.part.package)
    rid = doc.part.relate_to(part, RT.PACKAGE)
    doc.element.body.insert(1, parse_xml(
        f'<w:p {NSDECLS}><w:r><w:object><v:shape id="_x0000_i1025" style="width:450pt;height:60pt"/>'
        f'<o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" Type="Embed" ProgID="Excel.Sheet.12" '
        f'ShapeID="_x0000_i1025" DrawAspect="Content" ObjectID="_1650000000" r:id="{rid}"/></w:object></w:r></w:p>'))
    doc.save(str(tmp_path / "nhung.docx"))
    refused(cli, tmp_path, tmp_path / "nhung.docx", "bảng tính Excel nhúng", "Microsoft_Excel_Worksheet.xlsx",
            "cchc-xl check")


def test_a_table_inside_a_control_still_showing_its_prompt_is_read(tmp_path, cli):
    """A block content control around the whole table that still says "showing its prompt" (Word leaves the
    flag when a table is pasted into an empty control): the table is what the page shows, not a prompt."""
    rows = [Row(HEADER), Row(TASK)]
    doc = office_docx(tmp_path / "ctl.docx", OfficePlan(rows, [700, 3600, 1500, 1700, 1700, 1400],
                                                        table_wrap="prompt"))
    assert b"showingPlcHdr" in zipfile.ZipFile(doc).read("word/document.xml")
    result = cli("import", doc, "-o", tmp_path / "kq.xlsx")
    assert result.exit_code in (0, 1) and "1 nhiệm vụ" in result.output, result.output
    assert rows_of(tmp_path / "kq.xlsx")[0]["task"] == TASK[1]


def test_a_nested_table_inside_a_prompting_control_in_a_cell_is_read(tmp_path):
    """The same inside a cell: a control flagged as showing its prompt around a nested table keeps the table's
    text, not its prompt paragraph."""
    from docx import Document
    from docx.oxml import parse_xml

    from cchc_xl.formats.word.reader import read_docx
    from tests.support.word import NSDECLS

    doc = Document()
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell._tc.append(parse_xml(
        f'<w:sdt {NSDECLS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Bấm để nhập</w:t></w:r>'
        '</w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Đợt 1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Đợt 2</w:t>'
        '</w:r></w:p></w:tc></w:tr></w:tbl></w:sdtContent></w:sdt>'))
    doc.save(str(tmp_path / "o.docx"))
    assert read_docx(tmp_path / "o.docx").tables[0].grid.rows == [["Đợt 1 | Đợt 2"]]
