"""formats/word/reader.py on its own: a Word document (written by python-docx, or as Word writes the shapes python-docx
cannot) -> its tables as the grids the table reader takes, merged ranges as Excel's, the paragraphs above each
table; and what is no .docx refused with a message naming why."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document

from cchc_xl.errors import ReadError
from cchc_xl.formats.word.reader import MAX_TABLES, read_docx
from tests.support.word import Cell, OfficePlan, Row, _package, entities, many_tables, office_docx


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


def document(path: Path, build) -> Path:
    doc = Document()
    build(doc)
    doc.save(path)
    return path


def appendix(doc) -> None:
    """A title, a note, then a table: a heading merged across, a unit merged down over two tasks."""
    doc.add_paragraph("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020")
    doc.add_paragraph("")
    doc.add_paragraph("(Kèm theo Kế hoạch số 12/KH-STP)")
    table = doc.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ("STT", "Nhiệm vụ", "Cơ quan chủ trì")):
        cell.text = text
    table.cell(1, 0).merge(table.cell(1, 2)).text = "I. CẢI CÁCH THỂ CHẾ"
    for r, (n, task) in enumerate((("1", "Rà soát văn bản"), ("2", "Kiểm tra thi hành")), start=2):
        table.cell(r, 0).text, table.cell(r, 1).text = n, task
    table.cell(2, 2).merge(table.cell(3, 2)).text = "Phòng Pháp chế"
    doc.add_paragraph("Nơi nhận:")


def test_a_table_becomes_a_grid_with_merged_ranges_as_excels(tmp_path):
    read = read_docx(document(tmp_path / "ke-hoach.docx", appendix))
    (table,) = read.tables
    grid = table.grid
    assert (table.number, grid.name) == (1, "Bảng 1")
    assert grid.rows == [["STT", "Nhiệm vụ", "Cơ quan chủ trì"],
                         ["I. CẢI CÁCH THỂ CHẾ", None, None],
                         ["1", "Rà soát văn bản", "Phòng Pháp chế"],
                         ["2", "Kiểm tra thi hành", None]]
    assert sorted(grid.merged) == [(2, 1, 2, 3), (3, 3, 4, 3)], "written once, over the cells it covers"
    assert table.above == ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020", "(Kèm theo Kế hoạch số 12/KH-STP)"]
    assert read.first[:2] == table.above and read.first[-1] == "Nơi nhận:" and read.notes == []


def test_tables_are_numbered_in_order_each_with_the_paragraphs_before_it(tmp_path):
    def two(doc):
        doc.add_paragraph("Nơi nhận")
        doc.add_table(rows=1, cols=2).rows[0].cells[0].text = "Giám đốc"
        doc.add_paragraph("PHỤ LỤC")
        t = doc.add_table(rows=1, cols=2)
        t.rows[0].cells[0].text, t.rows[0].cells[1].text = "STT", "Nhiệm vụ"
    tables = read_docx(document(tmp_path / "hai.docx", two)).tables
    assert [(t.number, t.grid.rows[0][0]) for t in tables] == [(1, "Giám đốc"), (2, "STT")]
    assert tables[1].above[-1] == "PHỤ LỤC"


def test_a_cells_paragraphs_and_a_nested_table_are_its_lines(tmp_path):
    def nested(doc):
        outer = doc.add_table(rows=1, cols=2)
        cell = outer.cell(0, 1)
        cell.text = "Rà soát"
        cell.add_paragraph("văn bản năm 2020")
        inner = cell.add_table(rows=2, cols=1)
        inner.cell(0, 0).text, inner.cell(1, 0).text = "Bước 1", "Bước 2"
        outer.cell(0, 0).text = "1"
    (table,) = read_docx(document(tmp_path / "long.docx", nested)).tables
    assert table.grid.rows[0][0] == "1"
    assert table.grid.rows[0][1].split("\n") == ["Rà soát", "văn bản năm 2020", "Bước 1", "Bước 2"]


def test_a_row_deleted_with_tracked_changes_is_gone_as_on_paper(tmp_path):
    plan = OfficePlan(rows=[Row(["STT", "Nhiệm vụ"], header=True), Row(["1", "Giữ lại"]),
                            Row(["2", "Đã xóa"], deleted=True), Row(["3", Cell("Hai cột", span=1)])], widths=[800, 4000])
    (table,) = read_docx(office_docx(tmp_path / "sua.docx", plan)).tables
    assert [r[1] for r in table.grid.rows] == ["Nhiệm vụ", "Giữ lại", "Hai cột"]


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_bytes(b"not a zip"), "không phải .docx (không mở được gói nén)"),
    (lambda p: _zip(p, {"word/other.xml": "<x/>"}), "thiếu word/document.xml"),
    (entities, "khai báo DTD"),
    (lambda p: _package(p, b"<w:document><w:body><w:p>"), "XML hỏng"),
], ids=["not-a-zip", "no-document", "dtd", "broken-xml"])
def test_what_is_no_word_plan_is_refused_naming_the_file(tmp_path, make, words):
    path = tmp_path / "ke-hoach.docx"
    make(path)
    with pytest.raises(ReadError) as caught:
        read_docx(path)
    assert caught.value.path == str(path) and words in caught.value.reason, caught.value.reason


def test_too_many_tables_are_refused_before_parsing(tmp_path):
    with pytest.raises(ReadError, match=f"tối đa {MAX_TABLES} bảng"):
        read_docx(many_tables(tmp_path / "nhieu.docx", MAX_TABLES + 1))
    assert len(read_docx(many_tables(tmp_path / "du.docx", 3)).tables) == 4


def test_a_utf16_document_part_reads_as_utf8_would(tmp_path):
    xml = ('<?xml version="1.0" encoding="UTF-16"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>NĂM 2020</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r>'
           '<w:t>Văn phòng Sở</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>')
    read = read_docx(_package(tmp_path / "u16.docx", xml.encode("utf-16")))
    assert read.tables[0].grid.rows == [["Văn phòng Sở"]] and read.tables[0].above == ["NĂM 2020"]
