"""`cchc-xl import`: Word plans in the shapes real appendices have -> the standard workbook (issue #14)."""

from __future__ import annotations

import hashlib
import shutil

import openpyxl
import pytest

from cchc_xl.formats.config_files import load_config
from cchc_xl.formats.xlsx.template import FIRST_DATA_ROW, KEYS
from cchc_xl.usecases.check import check_file
from tests.support.legacy import appendix_lines, write_legacy
from tests.support.word import entities, huge_table, many_tables, plan_docx, zip_bomb

COL = {key: i for i, key in enumerate(KEYS)}


def rows_of(path):
    """The filled rows of an imported workbook: dicts by template key, plus the Word position."""
    ws = openpyxl.load_workbook(path)["Phụ lục"]
    out = []
    for values in ws.iter_rows(min_row=FIRST_DATA_ROW, values_only=True):
        if any(v is not None for v in values):
            out.append({**{k: values[i] for k, i in COL.items()}, "where": values[len(KEYS)]})
    return out


def tasks(rows):
    return [r["task"] for r in rows if r["task"] and r["lead_unit"]]


def expected_tasks():
    """The task texts of the real appendix, in order."""
    _, rows = appendix_lines()
    return [r[1].strip() for r in rows[1:] if r[0].strip().isdigit()]


def test_the_real_appendix_cell_by_cell(tmp_path, cli):
    doc = plan_docx(tmp_path / "ke-hoach.docx")
    result = cli("import", doc, "-o", tmp_path / "pl.xlsx")
    assert result.exit_code == 1, result.output          # the plan's own defects, as `check` reports them
    assert result.output.startswith("Đã nhập bảng 1 của") and "17 nhiệm vụ, 8 đề mục, kỳ 2020" in result.output
    rows = rows_of(tmp_path / "pl.xlsx")
    assert tasks(rows) == expected_tasks()
    assert (rows[0]["stt"], rows[0]["area"], rows[0]["task"]) == ("I", "CẢI CÁCH THỂ CHẾ", None)
    first = rows[1]
    assert (first["stt"], first["area"], first["lead_unit"], first["deadline"], first["where"]) == \
        (1, "CẢI CÁCH THỂ CHẾ", "Văn phòng", "Quý I/2020", "Bảng 1, dòng 3")
    wb = openpyxl.load_workbook(tmp_path / "pl.xlsx")
    props = {r[0]: r[1] for r in wb["_cchc"].iter_rows(values_only=True)}
    assert props["source"] == "ke-hoach.docx" and props["period"] == "2020"
    assert props["source_sha256"] == hashlib.sha256(doc.read_bytes()).hexdigest()
    assert wb["Phụ lục"].column_dimensions["K"].hidden


def findings_by_task(path, cfg):
    """(code, task text) of every finding: cells differ between layouts, the tasks do not."""
    result = check_file(str(path), cfg)
    by_row = {row: e.values.get("task") for e in result.table.entries for row in e.rows}
    return sorted((f.code, by_row.get(f.row, "")) for f in result.findings)


def test_the_imported_example_gets_the_findings_of_the_hand_made_workbook(tmp_path, cli):
    cfg = load_config()
    cli("import", plan_docx(tmp_path / "ke-hoach.docx"), "-o", tmp_path / "pl.xlsx")
    hand = write_legacy(tmp_path / "tay.xlsx", merge_headings=True)
    assert findings_by_task(tmp_path / "pl.xlsx", cfg) == findings_by_task(hand, cfg)


def test_word_structures(tmp_path, cli):
    """Two-row header, areas merged down a column, a row cut at a page break, a spacer, a totals row, a nested
    table, an italic note, two tables before the appendix: the same tasks and findings."""
    cfg = load_config()
    doc = plan_docx(tmp_path / "kho.docx", two_row_header=True, area_column=True, split_row=5, totals=True,
                    spacer=True, nested=True, extra_tables=2, italic_note=True)
    result = cli("import", doc, "-o", tmp_path / "kho.xlsx")
    assert "Đã nhập bảng 3 của" in result.output, result.output
    rows = rows_of(tmp_path / "kho.xlsx")
    assert tasks(rows) == expected_tasks() and not any(r["task"] == "Tổng cộng" for r in rows)
    joined = next(r for r in rows if r["where"].endswith("dòng 7–8"))
    assert joined["task"] == expected_tasks()[3] and joined["area"].startswith("II CẢI CÁCH THỦ TỤC HÀNH CHÍNH VÀ")
    assert rows[-1]["note"].endswith("(theo Kế hoạch số 12/KH-SGTVT)\nĐợt 1 | Đợt 2")
    hand = write_legacy(tmp_path / "tay.xlsx", merge_headings=True)
    assert findings_by_task(tmp_path / "kho.xlsx", cfg) == findings_by_task(hand, cfg)
    chosen = cli("import", doc, "-o", tmp_path / "b1.xlsx", "--table", "1")
    assert chosen.exit_code == 2 and "không thấy dòng tiêu đề của bảng nhiệm vụ trong bảng 1" in chosen.output


def test_period_from_the_title_or_the_option(tmp_path, cli):
    doc = many_tables(tmp_path / "k.docx", 3)
    assert "kỳ 2020" in cli("import", doc, "-o", tmp_path / "a.xlsx").output
    assert "kỳ 2021-2025" in cli("import", doc, "-o", tmp_path / "b.xlsx", "--period", "2021-2025").output


@pytest.mark.parametrize("make,needle", [
    (lambda p: zip_bomb(p), "bom nén"),
    (lambda p: entities(p), "DTD"),
    (lambda p: huge_table(p, 100_001), "bị từ chối"),
    (lambda p: p.write_bytes(b"PK\x03\x04 cut short") and p, "hỏng"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512) and p, "tệp hỏng"),   # an empty OLE
])
def test_hostile_documents_are_refused_and_left_as_they_were(tmp_path, cli, make, needle):
    doc = make(tmp_path / "x.docx")
    before = doc.read_bytes()
    result = cli("import", doc, "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and needle in result.output and "Traceback" not in result.output, result.output
    assert doc.read_bytes() == before and not (tmp_path / "x.xlsx").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "nothing half-written left behind"


def test_other_formats_say_what_to_do(tmp_path, cli):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4 scan")
    shutil.copy(plan_docx(tmp_path / "b.docx"), tmp_path / "b.docm")
    for name, needle in (("a.pdf", "PDF"), ("b.docm", "macro")):
        result = cli("import", tmp_path / name, "-o", tmp_path / "o.xlsx")
        assert result.exit_code == 2 and needle in result.output
    empty = tmp_path / "trong.docx"
    from docx import Document

    d = Document()
    d.add_paragraph("Không có bảng")
    d.save(str(empty))
    result = cli("import", empty, "-o", tmp_path / "o.xlsx")
    assert result.exit_code == 2 and "không có bảng nào" in result.output


def test_a_hundred_tables(tmp_path, cli):
    result = cli("import", many_tables(tmp_path / "nhieu.docx", 100), "-o", tmp_path / "n.xlsx")
    assert result.exit_code == 0 and "Đã nhập bảng 101 của" in result.output, result.output


def test_annotate_writes_the_marked_copy(tmp_path, cli):
    cli("import", plan_docx(tmp_path / "k.docx"), "-o", tmp_path / "k.xlsx", "--annotate")
    assert (tmp_path / "k.kiemtra.xlsx").exists()


def test_a_plan_in_millions_is_typed_in_dong(tmp_path, cli):
    from docx import Document

    doc = Document()
    doc.add_paragraph("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020")
    table = doc.add_table(rows=3, cols=5)
    for r, values in enumerate((["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành", "Kinh phí (triệu đồng)"],
                                ["1", "Rà soát thủ tục", "Văn phòng Sở", "Quý II/2020", "150"],
                                ["2", "Tập huấn", "Văn phòng Sở", "Quý III/2020", "120 triệu (dự toán)"])):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    doc.save(str(tmp_path / "trieu.docx"))
    cli("import", tmp_path / "trieu.docx", "-o", tmp_path / "t.xlsx")
    rows = rows_of(tmp_path / "t.xlsx")
    assert [r["budget"] for r in rows] == [150_000_000, "120 triệu (dự toán)"]
