"""`cchc-xl import` on Word plans as offices save them and as attackers craft them (issue #24).

Every document here is written as Word writes it (``tests/support/word.py``: run properties, content
controls, tracked changes, numbering.xml, text boxes with their VML fallback), imported through the real
command, and its cells are compared with what the printed document shows (``printed``); the findings of
the imported workbook are compared with those of the same table typed by hand into Excel.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cchc_xl.formats.config_files import load_config
from tests.support.word import (
    Auto,
    Cell,
    OfficePlan,
    Row,
    deleted,
    hidden,
    inserted,
    moved_from,
    moved_to,
    office_docx,
    printed,
    textbox,
)
from tests.workbook.test_import import findings_by_task, rows_of

WIDTHS = [700, 3600, 1500, 1700, 1700, 1400, 1100, 1000]
KEYS = ["stt", "task", "product", "lead_unit", "coord_units", "deadline", "budget", "note"]
SET_ASIDE = "Ngoài bảng nhiệm vụ"


def header() -> list[Row]:
    """A two-row header ("Phân công trách nhiệm" over "Chủ trì | Phối hợp"), then the column numbers
    "(1) … (8)", all three repeated on every page."""
    top = Row([Cell("STT", vmerge="restart"), Cell("Nội dung nhiệm vụ", vmerge="restart"),
               Cell("Sản phẩm", vmerge="restart"), Cell("Phân công trách nhiệm", span=2),
               Cell("Thời gian hoàn thành", vmerge="restart"), Cell("Kinh phí (triệu đồng)", vmerge="restart"),
               Cell("Ghi chú", vmerge="restart")], header=True)
    under = Row([Cell(vmerge="continue")] * 3 + ["Chủ trì", "Phối hợp"] + [Cell(vmerge="continue")] * 3, header=True)
    return [top, under, Row([f"({i})" for i in range(1, 9)], header=True)]


def heading(number: str, title: str, auto: bool = True) -> Row:
    return Row([Auto(number, 0) if auto else number, Cell(title, span=7)])


def task(number: str, *cells, auto: bool = True, **flags) -> Row:
    return Row([Auto(number, 1) if auto else number, *cells], **flags)


def department_plan(auto: bool = True) -> list[Row]:
    """A department's plan with what offices leave in it: a date picker and a drop-down around cells,
    hidden text, decimals in triệu, a lead spanning both unit columns, tracked changes (a deleted row
    too), a text box, automatic numbering, the header and column numbers again where a page was pasted,
    a totals row and a footnote; the last task repeats an earlier one."""
    return [
        *header(),
        heading("I", "CẢI CÁCH THỂ CHẾ", auto),
        task("1", "Rà soát các văn bản quy phạm pháp luật do Sở tham mưu ban hành", "Báo cáo", "Phòng Pháp chế",
             "Các phòng, đơn vị thuộc Sở", "Quý II/2020", "15", "", auto=auto),
        task("2", "Kiểm tra việc thực hiện pháp luật về tài nguyên và môi trường", "Kết luận kiểm tra",
             "Thanh tra Sở", "Phòng Pháp chế", Cell("30/06/2020", wrap="date"), "75,5", "", auto=auto),
        Row(["STT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian hoàn thành",   # pasted page
             "Kinh phí (triệu đồng)", "Ghi chú"]),
        Row([f"({i})" for i in range(1, 9)]),
        heading("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", auto),
        task("1", "Công bố, công khai thủ tục hành chính thuộc thẩm quyền của Sở", "Quyết định",
             Cell([["Văn phòng Sở", hidden("; Phòng Kế hoạch - Tài chính")]], wrap="dropdown"),
             "Các phòng, đơn vị thuộc Sở", "Quý III/2020", "", "", auto=auto),
        task("2", "Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính", "Báo cáo",
             Cell("Văn phòng Sở chủ trì, phối hợp với các phòng, đơn vị thuộc Sở", span=2), "Tháng 12/2020",
             "1.500", "", auto=auto),
        task("3", [["Số hóa kết quả giải quyết thủ tục hành chính", inserted(" còn hiệu lực"),
                    deleted(" đã hết hiệu lực")]], "Dữ liệu số", "Văn phòng Đăng ký đất đai",
             [[moved_to("Trung tâm Công nghệ thông tin")]],
             [["Tháng 10/2020", moved_from(" (Trung tâm Công nghệ thông tin)")]], "", [[textbox("Mới")]], auto=auto),
        task("4", "Rà soát quy trình nội bộ (đã bỏ)", "Quy trình", "Văn phòng Sở", "", "Quý IV/2020", "", "",
             auto=auto, deleted=True),
        task("4", "Công bố, công khai thủ tục hành chính thuộc thẩm quyền của Sở", "Quyết định", "Văn phòng Sở",
             "Các phòng, đơn vị thuộc Sở", "Quý IV/2020", "", "", auto=auto),
        Row([Cell("Tổng cộng", span=2), "", "", "", "", "1.590,5", ""]),
        Row([Cell("Ghi chú: (*) Kinh phí từ nguồn ngân sách tỉnh giao năm 2020.", span=8)]),
    ]


def expected_rows() -> list[dict]:
    """The rows of the appendix as the printed document shows them, as the template holds them (each task
    with the area of its heading)."""
    rows = [
        {"stt": "I", "area": "CẢI CÁCH THỂ CHẾ"},
        {"stt": 1, "task": "Rà soát các văn bản quy phạm pháp luật do Sở tham mưu ban hành", "product": "Báo cáo",
         "lead_unit": "Phòng Pháp chế", "coord_units": "Các phòng, đơn vị thuộc Sở", "deadline": "Quý II/2020",
         "budget": 15_000_000},
        {"stt": 2, "task": "Kiểm tra việc thực hiện pháp luật về tài nguyên và môi trường",
         "product": "Kết luận kiểm tra", "lead_unit": "Thanh tra Sở", "coord_units": "Phòng Pháp chế",
         "deadline": dt.datetime(2020, 6, 30), "budget": 75_500_000},
        {"stt": "II", "area": "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"},
        {"stt": 1, "task": "Công bố, công khai thủ tục hành chính thuộc thẩm quyền của Sở", "product": "Quyết định",
         "lead_unit": "Văn phòng Sở", "coord_units": "Các phòng, đơn vị thuộc Sở", "deadline": "Quý III/2020"},
        {"stt": 2, "task": "Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính", "product": "Báo cáo",
         "lead_unit": "Văn phòng Sở", "coord_units": "các phòng, đơn vị thuộc Sở", "deadline": "Tháng 12/2020",
         "budget": 1_500_000_000},
        {"stt": 3, "task": "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực", "product": "Dữ liệu số",
         "lead_unit": "Văn phòng Đăng ký đất đai", "coord_units": "Trung tâm Công nghệ thông tin",
         "deadline": "Tháng 10/2020", "note": "Mới"},
        {"stt": 4, "task": "Công bố, công khai thủ tục hành chính thuộc thẩm quyền của Sở", "product": "Quyết định",
         "lead_unit": "Văn phòng Sở", "coord_units": "Các phòng, đơn vị thuộc Sở", "deadline": "Quý IV/2020"},
    ]
    area = ""
    for row in rows:
        area = row.get("area", area)
        row["area"] = area
    return rows


def shown(row: dict) -> dict:
    """An imported row without its empty cells and provenance, for comparing with ``expected_rows``."""
    return {k: v for k, v in row.items() if v not in (None, "") and k != "where"}


def typed_by_hand(path, rows: list[dict], budget_header: str = "Kinh phí (triệu đồng)"):
    """The same table typed into Excel by a clerk (Vietnamese locale: 75,5 becomes the number 75.5, a date a
    date), headings merged across the table, budgets in the column's unit."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"])
    ws.append([])
    ws.append(["STT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian hoàn thành", budget_header,
               "Ghi chú"])
    for row in rows:
        if "task" not in row:
            ws.append([row["stt"], row["area"]])
            ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=8)
            continue
        budget = row.get("budget")
        ws.append([row.get(k) if k != "budget" else (budget / 1_000_000 if budget else None) for k in KEYS])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def department(tmp_path_factory):
    """The department's plan imported once: (the .docx, the workbook, the command's output)."""
    from click.testing import CliRunner

    from cchc_xl.app.cli import main

    folder = tmp_path_factory.mktemp("so")
    doc = office_docx(folder / "ke-hoach-so.docx", OfficePlan(department_plan(), WIDTHS))
    result = CliRunner().invoke(main, ["import", str(doc), "-o", str(folder / "so.xlsx")], catch_exceptions=False)
    return doc, folder / "so.xlsx", result.output


def test_the_department_plan_reads_as_printed(department):
    _, book, output = department
    assert "Traceback" not in output and "6 nhiệm vụ, 2 đề mục" in output, output
    assert [shown(r) for r in rows_of(book)] == expected_rows()


def test_the_department_plan_finds_what_the_hand_typed_table_finds(department, tmp_path):
    _, book, _ = department
    cfg = load_config()
    hand = typed_by_hand(tmp_path / "tay.xlsx", expected_rows())
    found = findings_by_task(book, cfg)
    assert found == findings_by_task(hand, cfg)
    assert ("task-duplicate", expected_rows()[-1]["task"]) in found      # the footnote no longer hides it
    codes = {code for code, _ in found}
    assert not codes & {"deadline-missing", "lead-unit-multiple", "budget-not-numeric", "budget-implausible",
                        "row-fragment", "lead-is-coordinator", "stt-sequence"}, found


def test_rows_that_are_no_tasks_stay_visible_beside_the_table(department):
    _, book, _ = department
    wb = openpyxl.load_workbook(book)
    aside = [r for r in wb[SET_ASIDE].iter_rows(values_only=True)]
    texts = [" ".join(str(v) for v in r if v) for r in aside]
    assert any("(1)" in t and "(8)" in t and "dòng 3" in t for t in texts), texts
    assert any("(1)" in t and "(8)" in t and "dòng 8" in t for t in texts), texts
    assert any("dòng 7" in t and "tiêu đề lặp lại" in t for t in texts), texts
    assert any("Tổng cộng" in t and "1.590,5" in t and "dòng 14" in t for t in texts), texts
    assert any(t.endswith("Ghi chú: (*) Kinh phí từ nguồn ngân sách tỉnh giao năm 2020.") for t in texts), texts
    sheet = wb[SET_ASIDE]
    assert sheet.sheet_state == "visible" and wb.sheetnames.index(SET_ASIDE) == wb.sheetnames.index("Phụ lục") + 1
    assert (sheet.page_setup.paperSize, sheet.print_title_rows) == (9, "$2:$2")     # A4, header on every page
    tasks = [r["task"] for r in rows_of(book)]
    assert not any(t and ("Tổng cộng" in t or "Ghi chú" in t) for t in tasks)


# --------------------------------------------------------------------------- one shape at a time
def imported(tmp_path, cli, rows: list[Row], **plan) -> tuple[list[dict], str]:
    doc = office_docx(tmp_path / "k.docx", OfficePlan([*header(), *rows], WIDTHS, **plan))
    result = cli("import", doc, "-o", tmp_path / "k.xlsx")
    assert result.exit_code in (0, 1), result.output
    return [shown(r) for r in rows_of(tmp_path / "k.xlsx")], result.output


PLAIN = ["Rà soát thủ tục hành chính", "Báo cáo", "Văn phòng Sở", "Phòng Pháp chế", "Quý II/2020", "", ""]


def test_content_controls_around_cells_rows_and_the_table(tmp_path, cli):
    rows = [
        task("1", "Rà soát thủ tục hành chính", "Báo cáo", Cell("Phòng Pháp chế", wrap="customxml"),
             "Văn phòng Sở", Cell("30/06/2020", wrap="date"), "", "", auto=False),
        task("2", "Kiểm tra công tác cải cách hành chính", "Kết luận", Cell("Thanh tra Sở", wrap="dropdown"),
             "Phòng Pháp chế", "Quý III/2020", "", "", auto=False, wrap="sdt"),
        task("3", "Tự đánh giá chỉ số cải cách hành chính", "Báo cáo", "Văn phòng Sở", "", "Quý IV/2020", "", "",
             auto=False, wrap="customxml"),
        task("4", "Tập huấn nghiệp vụ", "Lớp tập huấn", "Văn phòng Sở", "", Cell(wrap="placeholder"), "", "",
             auto=False),
    ]
    got, output = imported(tmp_path, cli, rows, table_wrap="sdt")
    assert [(r["stt"], r["task"], r["lead_unit"], r.get("deadline")) for r in got] == [
        (1, "Rà soát thủ tục hành chính", "Phòng Pháp chế", dt.datetime(2020, 6, 30)),
        (2, "Kiểm tra công tác cải cách hành chính", "Thanh tra Sở", "Quý III/2020"),
        (3, "Tự đánh giá chỉ số cải cách hành chính", "Văn phòng Sở", "Quý IV/2020"),
        (4, "Tập huấn nghiệp vụ", "Văn phòng Sở", None),     # a date picker still showing its prompt: no date
    ], output
    assert "deadline-missing" in output and output.count("deadline-missing") == 1


def test_hidden_text_is_not_imported(tmp_path, cli):
    rows = [task("1", ["Rà soát thủ tục hành chính", hidden("(bản nháp: xem lại)")], "Báo cáo",
                 [["Văn phòng Sở", hidden("; Phòng Kế hoạch - Tài chính")]], "", "Quý II/2020", "", "", auto=False)]
    got, output = imported(tmp_path, cli, rows)
    assert (got[0]["task"], got[0]["lead_unit"]) == ("Rà soát thủ tục hành chính", "Văn phòng Sở")
    assert "lead-unit-multiple" not in output


def test_decimals_in_trieu_are_typed_in_dong(tmp_path, cli):
    amounts = ["75,5", "1.500", "1.234,5", "0,25", "2.5", "75,5 triệu đồng"]
    rows = [task(str(i), f"Nhiệm vụ {i}", "Báo cáo", "Văn phòng Sở", "", "Quý II/2020", a, "", auto=False)
            for i, a in enumerate(amounts, start=1)]
    got, output = imported(tmp_path, cli, rows)
    assert [r.get("budget") for r in got] == [75_500_000, 1_500_000_000, 1_234_500_000, 250_000, "2.5",
                                             "75,5 triệu đồng"]
    assert output.count("budget-not-numeric") == 2 and "76 đồng" not in output, output


def test_a_decimal_in_a_dong_column_stays_text_for_the_checker(tmp_path, cli):
    from tests.support.word import OfficePlan as Plan

    rows = [*header(), task("1", "Nhiệm vụ", "Báo cáo", "Văn phòng Sở", "", "Quý II/2020", "75,5", "", auto=False)]
    rows[0].cells[5] = Cell("Kinh phí (đồng)", vmerge="restart")
    doc = office_docx(tmp_path / "d.docx", Plan(rows, WIDTHS))
    cli("import", doc, "-o", tmp_path / "d.xlsx")
    assert rows_of(tmp_path / "d.xlsx")[0]["budget"] == "75,5"


@pytest.mark.parametrize("text,lead,coord", [
    ("Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành", "Sở Nội vụ", "các sở, ban, ngành"),
    ("Văn phòng Sở chủ trì; phối hợp: Phòng Pháp chế", "Văn phòng Sở", "Phòng Pháp chế"),
    ("Chủ trì: Thanh tra Sở; Phối hợp: Văn phòng Sở", "Thanh tra Sở", "Văn phòng Sở"),
    ("Văn phòng Sở", "Văn phòng Sở", None),
])
def test_a_cell_spanning_both_unit_columns_is_never_duplicated(tmp_path, cli, text, lead, coord):
    rows = [task("1", "Rà soát thủ tục hành chính", "Báo cáo", Cell(text, span=2), "Quý II/2020", "", "",
                 auto=False)]
    got, output = imported(tmp_path, cli, rows)
    assert (got[0]["lead_unit"], got[0].get("coord_units")) == (lead, coord)
    assert "lead-is-coordinator" not in output


def test_words_automatic_numbering_is_the_stt(tmp_path, cli):
    rows = [
        Row([Auto("1.", 0, 91), Cell("Công tác chỉ đạo, điều hành", span=7)]),
        Row([Auto("1.1.", 1, 91), "Xây dựng kế hoạch cải cách hành chính", "Kế hoạch", "Văn phòng Sở", "",
             "Quý I/2020", "", ""]),
        Row([Auto("1.2.", 1, 91), Cell("Kiểm tra cải cách hành chính", span=7)]),
        Row([Auto("1.2.1.", 2, 91), "Kiểm tra tại các phòng", "Kết luận", "Thanh tra Sở", "", "Quý II/2020", "", ""]),
        Row([Auto("1.2.2.", 2, 91), "Kiểm tra tại các chi cục", "Kết luận", "Thanh tra Sở", "", "Quý III/2020", "",
             ""]),
        Row([Auto("2.", 0, 91), "Tuyên truyền cải cách hành chính", "Tin bài", "Văn phòng Sở", "", "Quý IV/2020", "",
             ""]),
    ]
    got, output = imported(tmp_path, cli, rows)
    assert [r["stt"] for r in got] == ["1.", "1.1.", "1.2.", "1.2.1.", "1.2.2.", "2."], got
    assert "stt-" not in output


def test_tracked_changes_moves_and_text_boxes_as_printed(tmp_path, cli):
    rows = [
        task("1", [["Rà soát", inserted(" thủ tục"), deleted(" quy trình"), " hành chính"]], "Báo cáo",
             [[moved_to("Văn phòng Sở")]], "", [["Quý II/2020", moved_from(" Văn phòng Sở")]], "",
             [["Đợt 1", textbox("Ưu tiên")]], auto=False),
        task("2", "Nhiệm vụ đã xóa", "Báo cáo", "Thanh tra Sở", "", "Quý II/2020", "", "", auto=False, deleted=True),
        task("2", "Nhiệm vụ được thêm", "Báo cáo", "Thanh tra Sở", "", "Quý III/2020", "", "", auto=False,
             inserted=True),
    ]
    got, _ = imported(tmp_path, cli, rows)
    assert got == [
        {"stt": 1, "task": "Rà soát thủ tục hành chính", "product": "Báo cáo", "lead_unit": "Văn phòng Sở",
         "deadline": "Quý II/2020", "note": printed([["Đợt 1", textbox("Ưu tiên")]])},
        {"stt": 2, "task": "Nhiệm vụ được thêm", "product": "Báo cáo", "lead_unit": "Thanh tra Sở",
         "deadline": "Quý III/2020"},
    ]
    assert got[0]["note"] == "Đợt 1\nƯu tiên"


def test_an_altchunk_is_named_not_silently_ignored(tmp_path, cli):
    rows = [task("1", *PLAIN, auto=False)]
    _, output = imported(tmp_path, cli, rows, altchunk=True)
    assert "altChunk" in output and "không được đọc" in output, output


# Lists as offices define them: starting at 3 with "a)" under it never restarting (92), Roman over a legal
# "1.1" (93), list 91 restarted at 5 (94: Word's "Set numbering value").
MORE_LISTS = (
    '<w:abstractNum w:abstractNumId="92"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="93"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
    '</w:abstractNum>'
    '<w:num w:numId="92"><w:abstractNumId w:val="92"/></w:num><w:num w:numId="93"><w:abstractNumId w:val="93"/></w:num>'
    '<w:num w:numId="94"><w:abstractNumId w:val="91"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/>'
    '</w:lvlOverride></w:num>'
)


def test_list_numbers_count_as_word_counts_them(tmp_path):
    """Start values, levels that never restart, legal numbering, a restarted list, a style that numbers,
    bullets (no glyph), a list continued in the next table, a deleted numbered row not counted."""
    from cchc_xl.formats.word.reader import read_docx

    cells = [Auto("3)", 0, 92), Auto("a)", 1, 92), Auto("4)", 0, 92), Auto("b)", 1, 92), Auto("I.", 0, 93),
             Auto("1.1", 1, 93), Auto("1.2", 1, 93), Auto("5.", 0, 94), Auto("6.", 0, 94), Auto("1.", 0, 91),
             Auto("1.", style="ListNumber"), Auto("2.", style="ListNumber"), Auto("", style="ListBullet", text="Ý")]
    rows = [Row([cell, f"Nhiệm vụ {i}"]) for i, cell in enumerate(cells)]
    rows.insert(3, Row([Auto("", 0, 92), "Dòng đã xóa"], deleted=True))
    plan = OfficePlan(rows, [800, 3000], numbering=MORE_LISTS, tables=2)
    first, second = read_docx(office_docx(tmp_path / "so.docx", plan)).tables
    assert [r[0] for r in first.grid.rows] == [printed(c) or None for c in cells]
    assert [r[0] for r in first.grid.rows][-1] == "Ý"
    assert [r[0] for r in second.grid.rows][:4] == ["5)", "c)", "6)", "d)"]     # the lists go on in table 2
    assert [r[0] for r in second.grid.rows][7:12] == ["7.", "8.", "2.", "3.", "4."]


def test_text_hidden_by_a_style_and_paragraphs_merged_by_a_deletion(tmp_path):
    """A character style and a paragraph style that hide text (Word's "Hidden" font effect on a style); a
    tracked deletion of a paragraph mark joins two paragraphs as Word shows them."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    from cchc_xl.formats.word.reader import read_docx
    from tests.support.word import NSDECLS

    doc = Document()
    doc.add_paragraph("KẾ HOẠCH NĂM 2020")
    doc.styles.add_style("GhiChuAn", WD_STYLE_TYPE.CHARACTER).font.hidden = True
    doc.styles.add_style("DoanAn", WD_STYLE_TYPE.PARAGRAPH).font.hidden = True
    table = doc.add_table(rows=1, cols=3)
    first, second, third = table.rows[0].cells
    first.paragraphs[0].add_run("Văn phòng Sở")
    first.paragraphs[0].add_run(" (nháp)").style = "GhiChuAn"
    second.paragraphs[0].text = "Quý II/2020"
    second.add_paragraph("Ý kiến của lãnh đạo: để sau", style="DoanAn")
    mark = parse_xml(f'<w:rPr {NSDECLS}><w:del w:id="1" w:author="A" w:date="2020-01-01T00:00:00Z"/></w:rPr>')
    third.paragraphs[0].text = "Rà soát thủ tục "
    third.paragraphs[0]._p.get_or_add_pPr().append(mark)
    third.add_paragraph("hành chính")
    doc.save(str(tmp_path / "an.docx"))
    assert read_docx(tmp_path / "an.docx").tables[0].grid.rows == [["Văn phòng Sở", "Quý II/2020",
                                                                   "Rà soát thủ tục hành chính"]]


def test_fields_links_and_marks_read_as_printed(tmp_path):
    """A hyperlink's text, a field's result (not its code), a footnote mark (not its number), a symbol-font
    bullet typed as a glyph, a non-breaking hyphen, a soft hyphen: as the paper shows them."""
    from docx import Document
    from docx.oxml import parse_xml

    from cchc_xl.formats.word.reader import read_docx
    from tests.support.word import NSDECLS

    paragraph = (
        f'<w:p {NSDECLS}><w:hyperlink r:id="rId99"><w:r><w:t>Kế hoạch số 12</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve"> ngày </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \\@ "dd/MM/yyyy" '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>20/02/2020</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t xml:space="preserve"> (trang 3)</w:t></w:r></w:fldSimple>'
        '<w:r><w:t xml:space="preserve"> Quý II</w:t><w:noBreakHyphen/><w:t>III, cải</w:t><w:softHyphen/>'
        '<w:t>cách</w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>'
    )
    doc = Document()
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell._tc.append(parse_xml(paragraph))
    doc.save(str(tmp_path / "truong.docx"))
    assert read_docx(tmp_path / "truong.docx").tables[0].grid.rows == [
        ["Kế hoạch số 12 ngày 20/02/2020 (trang 3) Quý II-III, cảicách"]]
