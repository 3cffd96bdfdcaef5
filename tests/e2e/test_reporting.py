"""A whole quarter (issue #13): master from three units -> report forms -> forms filled with every defect ->
check finds each at its cell -> forms corrected -> consolidate -> progress sheet, status and JSON -> the Word
results appendix; the form, the master and the appendix rendered by LibreOffice."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from cchc_xl.core.reporting import task_id
from tests.conftest import convert_all
from tests.support.submissions import UNITS, sheet_rows, submit, tasks_for

AS_OF = "15/07/2020"          # Quý I and Quý II deadlines have passed
STATUS, RESULT, DONE_DATE, REASON = "G", "H", "I", "J"


def form_of(folder: Path, i: int) -> Path:
    return next(folder.glob(f"bao-cao-quy1-2020-phong-nghiep-vu-{i}.xlsx"))


def fill(path: Path, report_date: dt.datetime, rows: dict[int, dict[str, object]]) -> openpyxl.Workbook:
    """Type into the form as a clerk would: the report date, then cells by row and column letter."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Báo cáo"]
    ws["C5"] = report_date
    for row, cells in rows.items():
        for col, value in cells.items():
            ws[f"{col}{row}"] = value
    return wb


@pytest.fixture(scope="module")
def quarter(tmp_path_factory, cfg, registry_file, cli):
    root = tmp_path_factory.mktemp("quy")
    (root / "nop").mkdir()
    for i in (1, 2, 3):
        submit(root / "nop", cfg, i, tasks_for(i, 4))
    settings = root / "quy-tac.yaml"
    settings.write_text('reporting:\n  quy1: "15/04"\n', encoding="utf-8")
    master = root / "tong-hop.xlsx"
    assert cli("consolidate", root / "nop", "-o", master, "--units", registry_file).exit_code == 0
    forms = root / "mau"
    made = cli("template", "--report", "quy1", "--master", master, "--all-units", "-d", forms, "--units", registry_file,
               "--config", settings)
    assert made.exit_code == 0, made.output
    return root, master, forms, settings


def test_forms_hold_the_led_tasks_protected_with_ids(quarter, registry_file):
    _, master, forms, _ = quarter
    assert sorted(p.name for p in forms.iterdir()) == [f"bao-cao-quy1-2020-phong-nghiep-vu-{i}.xlsx" for i in (1, 2, 3)]
    wb = openpyxl.load_workbook(form_of(forms, 2))
    ws = wb["Báo cáo"]
    assert ws["A1"].value == "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ I/2020"
    assert ws["A2"].value == ("(Số liệu tính đến ngày 31/03/2020; gửi Văn phòng Sở Thử Nghiệm chậm nhất ngày "
                              "15/04/2020)"), "the due date comes from --config; the figures run to the quarter's end"
    tasks = [(ws[f"C{r}"].value, ws[f"L{r}"].value) for r in range(9, 13)]
    assert tasks == [(f"Nhiệm vụ {k} của phòng 2", task_id(UNITS[1], f"Nhiệm vụ {k} của phòng 2")) for k in (1, 2, 3, 4)]
    assert ws.protection.sheet and ws.column_dimensions["L"].hidden
    assert ws.row_dimensions[9].height >= 3 * 15, "the area 'Công tác chỉ đạo, điều hành…' wraps to three lines"
    assert ws["C9"].protection.locked and not ws["G9"].protection.locked and not ws["J12"].protection.locked
    dropdown = next(dv for dv in ws.data_validations.dataValidation if "G9" in str(dv.sqref))
    assert "Đã hoàn thành" in dropdown.formula1
    props = {r[0]: r[1] for r in wb["_cchc"].iter_rows(values_only=True)}
    assert (props["kind"], props["report_period"], props["year"], props["unit"], props["source"]) == \
        ("report", "quy1", "2020", UNITS[1], "tong-hop.xlsx")


@pytest.fixture(scope="module")
def filled(quarter):
    root, _, forms, _ = quarter
    out = root / "bao-cao"
    out.mkdir()
    # unit 1: rows 9..12 are Quý III, IV, I, II
    fill(form_of(forms, 1), dt.datetime(2020, 4, 10), {
        10: {STATUS: "xong", RESULT: "Báo cáo số 5", DONE_DATE: dt.datetime(2020, 7, 1)},      # status-unknown
        11: {STATUS: "Đã hoàn thành"},                                                          # no date, no result
        12: {STATUS: "Đã hoàn thành", RESULT: "QĐ 12", DONE_DATE: "ngày mai"},                  # date-invalid
    }).save(out / "pnv1.xlsx")                                                                 # row 9: no status
    # unit 2: rows 9..12 are Quý IV, I, II, III
    fill(form_of(forms, 2), dt.datetime(2020, 4, 20), {
        9: {STATUS: "Đang thực hiện"}, 10: {STATUS: "Đang thực hiện"},                          # 10: overdue
        11: {STATUS: "Đã hoàn thành", RESULT: "KH 3", DONE_DATE: dt.datetime(2020, 7, 10)},     # done late
        12: {STATUS: "Đang thực hiện"},
    }).save(out / "pnv2.xlsx")
    # unit 3: rows 9..12 are Quý I, II, III, IV; row 10 deleted, a row of its own added
    wb = fill(form_of(forms, 3), dt.datetime(2020, 4, 12), {
        9: {STATUS: "Chưa thực hiện"}, 11: {STATUS: "Đang thực hiện"}, 12: {STATUS: "Đang thực hiện"}})
    ws = wb["Báo cáo"]
    ws.delete_rows(10)
    ws["C12"], ws["G12"], ws["L12"] = "Nhiệm vụ tự thêm", "Đang thực hiện", "zzzz"
    wb.save(out / "pnv3.xlsx")
    return out


def test_check_finds_every_defect_at_its_cell(filled, quarter, registry_file, cli):
    settings = quarter[3]
    code, data = cli.json("check", filled, "--units", registry_file, "--config", settings, "--as-of", AS_OF)
    found = {Path(f["path"]).stem: {(x["code"], x["cell"]) for x in f["findings"]} for f in data["files"]}
    assert found["pnv1"] == {("progress-status-missing", "G9"), ("progress-status-unknown", "G10"),
                             ("progress-done-no-date", "I11"), ("progress-done-no-result", "H11"),
                             ("progress-date-invalid", "I12")}
    assert found["pnv2"] == {("task-overdue", "G10"), ("progress-late", "I11")}
    assert found["pnv3"] == {("task-overdue", "G9"), ("progress-reason-missing", "J9"), ("progress-task-missing", "C8"),
                             ("progress-task-unknown", "C12")}
    assert code == 1
    messages = {(x["code"], x["cell"]): x for f in data["files"] for x in f["findings"]}
    assert (messages["progress-status-unknown", "G10"]["fix"], messages["progress-status-unknown", "G10"]["suggestion"]) \
        == ("Đã hoàn thành", "Đã hoàn thành")
    assert messages["task-overdue", "G10"]["message"].startswith("Nhiệm vụ quá hạn 106 ngày: thời hạn \u201cQuý I/2020\u201d")
    assert "chậm 10 ngày" in messages["progress-late", "I11"]["message"]
    assert "Nhiệm vụ 2 của phòng 3" in messages["progress-task-missing", "C8"]["message"]
    report = data["files"][0]["report"]
    assert report == {"period": "quy1", "title": "Quý I/2020", "unit": UNITS[0], "as_of": "2020-07-15",
                      "cutoff": "2020-03-31", "due": "2020-04-15"}


@pytest.fixture(scope="module")
def consolidated(quarter, filled, registry_file, cli):
    root, master, _, settings = quarter
    wb = fill(filled / "pnv1.xlsx", dt.datetime(2020, 4, 10), {       # unit 1 corrects its form
        9: {STATUS: "Đang thực hiện"}, 10: {STATUS: "Đã hoàn thành"},
        11: {RESULT: "Báo cáo 7", DONE_DATE: dt.datetime(2020, 3, 20)}, 12: {DONE_DATE: dt.datetime(2020, 6, 1)}})
    wb.save(filled / "pnv1.xlsx")
    code, data = cli.json("consolidate", filled, "-o", master, "--units", registry_file, "--config", settings,
                          "--as-of", AS_OF)
    return master, code, data


def test_consolidation_merges_reports_into_the_same_master(consolidated):
    master, code, data = consolidated
    assert code == 1 and data["written"]
    assert {o["unit"] for o in data["accepted"]} == {UNITS[0], UNITS[1]}
    assert [o["unit"] for o in data["rejected"]] == [UNITS[2]] and "has-errors" in data["rejected"][0]["codes"]
    (report,) = data["reports"]
    assert report["units"] == {"received": [UNITS[0], UNITS[1]], "late": [UNITS[1]], "rejected": [UNITS[2]],
                               "missing": []}
    assert report["tasks"] == {"total": 12, "done": 4, "in_progress": 4, "not_started": 0, "dropped": 0,
                               "unreported": 4, "overdue": 3}
    assert len(data["summary"]) and data["summary"]["rows"] == 12, "the appendix rows are untouched"


def test_progress_sheet_and_status(consolidated):
    master, _, _ = consolidated
    wb = openpyxl.load_workbook(master)
    assert "Tiến độ Quý I-2020" in wb.sheetnames and wb["_cchc_reports"].sheet_state == "veryHidden"
    rows = sheet_rows(master, "Tiến độ Quý I-2020")
    assert rows[1][0].startswith("12 nhiệm vụ: 4 đã hoàn thành (33%)")
    units = {r[1]: r[2:10] for r in rows if r[0] is None and r[1] in UNITS[:3]}
    assert units[UNITS[0]] == (4, 3, 1, 0, 0, 0, 0, 0.75) and units[UNITS[2]] == (4, 0, 0, 0, 0, 4, 2, 0)
    tasks = {r[3]: r for r in rows if isinstance(r[0], int) and isinstance(r[3], str) and r[3].startswith("Nhiệm vụ")}
    assert tasks["Nhiệm vụ 2 của phòng 2"][6:10] == ("Đang thực hiện", None, None, 106)
    assert tasks["Nhiệm vụ 3 của phòng 2"][6:10] == ("Đã hoàn thành", "KH 3", dt.datetime(2020, 7, 10), 10)
    assert tasks["Nhiệm vụ 1 của phòng 3"][6] == "Chưa báo cáo"
    status = sheet_rows(master, "Tình trạng nộp")
    block = [r for r in status if r[0] in UNITS[:3] and r[1] in ("Đã nộp", "Nộp muộn", "Bị trả lại", "Chưa nộp")]
    assert [r[:2] for r in block][-3:] == [(UNITS[0], "Đã nộp"), (UNITS[1], "Nộp muộn"), (UNITS[2], "Bị trả lại")]
    assert any(r[0] == "BÁO CÁO QUÝ I/2020 — số liệu đến ngày 31/03/2020, hạn nộp 15/04/2020" for r in status)
    assert len(wb["Tiến độ Quý I-2020"]._charts) == 1


def test_rerun_changes_nothing_and_a_resubmission_replaces(consolidated, quarter, filled, registry_file, cli):
    master, _, _ = consolidated
    settings = quarter[3]
    code, data = cli.json("consolidate", filled, "-o", master, "--units", registry_file, "--config", settings,
                          "--as-of", AS_OF)
    assert not data["written"] and len(data["unchanged"]) == 2


def test_the_word_appendix(consolidated, registry_file, cli, tmp_path):
    master, _, _ = consolidated
    out = tmp_path / "bao-cao-quy1.docx"
    result = cli("report", master, "--report", "quy1", "-o", out, "--units", registry_file)
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == ["PHỤ LỤC", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ I/2020"]
    assert any(t.startswith("Tổng số 12 nhiệm vụ: 4 đã hoàn thành (33%)") and t.endswith("3 nhiệm vụ quá hạn.")
               for t in texts)
    table, late = doc.tables
    body = [[c.text for c in row.cells] for row in table.rows]
    assert body[0] == ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ", "Kết quả / sản phẩm"]
    assert sum(1 for r in body if r[0].isdigit()) == 12 and sum(1 for r in body if r[0].startswith("I")) >= 1
    groups = [r[0] for r in body if len(set(r)) == 1]          # an area row spans the table
    assert groups == ["I. Cải cách tài chính công", "II. Công tác chỉ đạo, điều hành cải cách hành chính",
                      "III. Cải cách thể chế", "IV. Cải cách thủ tục hành chính"]
    assert ["Nhiệm vụ 3 của phòng 2", UNITS[1], "Quý II/2020", "Đã hoàn thành", "KH 3"] in [r[1:] for r in body]
    assert len(late.rows) == 4 and late.rows[1].cells[4].text == "106"
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    xlsx = tmp_path / "bao-cao-quy1.xlsx"
    assert cli("report", master, "--report", "quy1", "-o", xlsx, "--units", registry_file).exit_code == 0
    assert openpyxl.load_workbook(xlsx)["Kết quả"]["A1"].value.endswith("QUÝ I/2020")
    missing = cli("report", master, "--report", "nam", "-o", tmp_path / "x.docx", "--units", registry_file)
    assert missing.exit_code == 2 and "chưa tổng hợp báo cáo kỳ nam" in missing.output
    assert not (tmp_path / "x.docx").exists()


def test_libreoffice_renders_the_form_the_progress_sheet_and_the_appendix(consolidated, quarter, registry_file, cli,
                                                                         tmp_path):
    master, _, _ = consolidated
    docx = tmp_path / "bao-cao.docx"
    cli("report", master, "--report", "quy1", "-o", docx, "--units", registry_file)
    sources = ((form_of(quarter[2], 1), "BÁO CÁO KẾT QUẢ THỰC HIỆN"), (master, "TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH CCHC"),
               (docx, "NHIỆM VỤ QUÁ HẠN"))
    pdfs = convert_all([source for source, _ in sources], "pdf", tmp_path)   # one start of LibreOffice for the three
    for (source, expected), pdf in zip(sources, pdfs):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "(A4)" in info and expected in text, (source.name, info)


def test_the_ribbon_writes_the_appendix_the_command_writes(consolidated, registry_file, cli, monkeypatch, tmp_path):
    """The ribbon runs the very functions of the command line (remote xlwings engine: no Excel here)."""
    from cchc_xl.excel.ribbon import on_ribbon
    from tests.excel.test_addin import remote_book

    master, _, _ = consolidated
    monkeypatch.chdir(master.parent)
    book = remote_book(master, monkeypatch, fullname=str(master))  # Excel's FullName: the whole path
    assert "Chưa chọn kỳ báo cáo" in on_ribbon("bao_cao", None, book=book)["error"]
    assert "quy1, 6thang, quy3, nam" in on_ribbon("bao_cao", "quy5", book=book)["error"]
    written = Path(on_ribbon("bao_cao", "quy1", book=book)["appendix"])
    assert written.resolve() == master.parent / "bao-cao-quy1-2020.docx"
    cli("report", master, "--report", "quy1", "-o", tmp_path / "cli.docx", "--units", registry_file)
    ours, theirs = Document(str(written)), Document(str(tmp_path / "cli.docx"))
    assert [[c.text for c in r.cells] for r in ours.tables[0].rows] == \
        [[c.text for c in r.cells] for r in theirs.tables[0].rows]
    edited = written.read_bytes()   # the office edits the Word file, then presses Báo cáo… again
    again = Path(on_ribbon("bao_cao", "quy1", book=book)["appendix"])
    assert again.name == "bao-cao-quy1-2020-2.docx" and written.read_bytes() == edited, "never overwritten"


def test_a_form_from_a_units_own_appendix(tmp_path, cfg, registry_file, cli):
    """Before any master exists, a unit's accepted appendix makes its form; an appendix with errors does not."""
    good = submit(tmp_path, cfg, 4, tasks_for(4, 3), name="pl-4.xlsx")
    made = cli("template", "--report", "6thang", "--master", good, "--unit", UNITS[3], "-o", tmp_path / "bc.xlsx",
               "--units", registry_file)
    assert made.exit_code == 0 and "3 nhiệm vụ chủ trì" in made.output, made.output
    ws = openpyxl.load_workbook(tmp_path / "bc.xlsx")["Báo cáo"]
    assert ws["A1"].value.endswith("6 THÁNG ĐẦU NĂM 2020") and ws["C9"].value == "Nhiệm vụ 1 của phòng 4"
    bad_rows = tasks_for(5, 2)
    bad_rows[0]["lead_unit"] = None
    bad = submit(tmp_path, cfg, 5, bad_rows, name="pl-5.xlsx")
    refused = cli("template", "--report", "6thang", "--master", bad, "--unit", UNITS[4], "-o", tmp_path / "x.xlsx",
                  "--units", registry_file)
    assert refused.exit_code == 2 and "còn 1 lỗi" in refused.output and not (tmp_path / "x.xlsx").exists()


def test_an_office_sheet_named_like_ours_is_kept(consolidated, quarter, filled, registry_file, cli, tmp_path):
    """The office's own "Tiến độ …" sheet is not a progress sheet of ours: a rewrite keeps it, value and all."""
    import shutil

    master = tmp_path / "tong-hop.xlsx"
    shutil.copy(consolidated[0], master)
    wb = openpyxl.load_workbook(master)
    wb.create_sheet("Tiến độ riêng của Văn phòng")["A1"] = "ghi chú của văn phòng"
    wb.save(master)
    code, data = cli.json("consolidate", filled, "-o", master, "--units", registry_file, "--config", quarter[3],
                          "--as-of", "20/07/2020")
    assert data["written"], "another as-of date: the progress sheet is rewritten"
    wb = openpyxl.load_workbook(master)
    assert wb["Tiến độ riêng của Văn phòng"]["A1"].value == "ghi chú của văn phòng"
    assert [n for n in wb.sheetnames if n.startswith("Tiến độ")] == ["Tiến độ Quý I-2020", "Tiến độ riêng của Văn phòng"]


def test_a_hand_broken_report_memory_stops_the_run_and_keeps_the_master(consolidated, quarter, filled, registry_file,
                                                                       cli, tmp_path):
    import shutil

    from tests.support.workbooks import digest

    master = tmp_path / "tong-hop.xlsx"
    shutil.copy(consolidated[0], master)
    wb = openpyxl.load_workbook(master)
    wb["_cchc_reports"]["C2"] = "hai nghìn"          # the year of the report record
    wb.save(master)
    before = digest(master)
    result = cli("consolidate", filled, "-o", master, "--units", registry_file, "--config", quarter[3])
    assert result.exit_code == 2 and "_cchc_reports" in result.output and "Traceback" not in result.output
    assert digest(master) == before
