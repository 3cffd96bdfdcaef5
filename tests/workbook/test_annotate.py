"""`cchc-xl check --annotate`: marks on a copy, reversible, visible in LibreOffice."""

import hashlib

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from cchc_xl.check.marks import COLORS
from cchc_xl.formats.xlsx.annotate import clear_marks
from cchc_xl.table.sheets import MARKS as MARKS_SHEET
from cchc_xl.table.sheets import RESULTS as RESULTS_SHEET
from tests.support.workbooks import fill_template, write_sheet

ROWS = [
    {"stt": 1, "area": "Cải cách thể chế", "task": "Rà soát văn bản", "product": "Báo cáo",
     "lead_unit": "Phòng Pháp chế", "deadline": "Quý II/2020", "budget": 1_000_000},
    {"stt": 2, "area": "Cải cách thể chế", "task": "Phổ biến pháp luật", "product": "Hội nghị",
     "lead_unit": None, "deadline": "Thường xuyên", "budget": "194.000.000 đồng"},
]


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def submission(tmp_path, blank_template):
    path = fill_template(blank_template, tmp_path / "nop.xlsx", ROWS)
    wb = openpyxl.load_workbook(path)  # a clerk's own colour and note on a cell we will mark
    ws = wb["Phụ lục"]
    ws["E10"].fill = PatternFill("solid", fgColor="FF92D050")
    ws["E10"].comment = Comment("Chờ phân công", "Chị Lan")
    wb.save(path)
    return path


def marked(path):
    wb = openpyxl.load_workbook(path)
    ws = wb["Phụ lục"]
    out = {}
    for row in ws.iter_rows():
        for c in row:
            if c.comment is not None or (c.fill.fill_type and c.fill.fgColor.rgb in ("FF" + COLORS["error"], "FF" + COLORS["warning"])):
                out[c.coordinate] = (c.fill.fgColor.rgb, c.comment.text if c.comment else None)
    return wb, out


def test_annotate_writes_a_marked_copy(cli, submission):
    before = digest(submission)
    result = cli("check", submission, "--annotate")
    assert result.exit_code == 1
    assert digest(submission) == before, "the input must never be modified"
    out = submission.with_name("nop.kiemtra.xlsx")
    wb, marks = marked(out)
    assert wb.sheetnames[0] == RESULTS_SHEET and wb.active.title == RESULTS_SHEET
    assert set(marks) == {"E10", "G10", "H10"}
    assert marks["E10"][0] == "FF" + COLORS["error"] and "lead-unit-missing" in marks["E10"][1]
    assert "Chờ phân công" in marks["E10"][1], "the clerk's note is kept in the comment"
    assert marks["G10"][0] == "FF" + COLORS["warning"] and "deadline-vague" in marks["G10"][1]
    assert "Gợi ý: 194.000.000" in marks["H10"][1]
    results = wb[RESULTS_SHEET]
    links = [c.hyperlink.location for c in results["B"] if c.hyperlink]
    assert links == ["'Phụ lục'!E10", "'Phụ lục'!G10", "'Phụ lục'!H10"]
    assert wb[MARKS_SHEET].sheet_state == "veryHidden"


def test_reannotating_does_not_stack_and_clearing_restores(cli, submission):
    cli("check", submission, "--annotate")
    first = submission.with_name("nop.kiemtra.xlsx")
    cli("check", first, "--annotate")
    second = submission.with_name("nop.kiemtra.kiemtra.xlsx")
    _, marks1 = marked(first)
    wb2, marks2 = marked(second)
    assert marks1 == marks2
    assert wb2.sheetnames.count(RESULTS_SHEET) == 1
    assert clear_marks(wb2) == 3
    ws = wb2["Phụ lục"]
    assert ws["E10"].fill.fgColor.rgb == "FF92D050" and ws["E10"].comment.text == "Chờ phân công"
    assert ws["G10"].fill.fill_type is None and ws["G10"].comment is None
    assert RESULTS_SHEET not in wb2.sheetnames and MARKS_SHEET not in wb2.sheetnames


def test_checking_an_annotated_copy_gives_the_same_findings(cli, submission):
    _, original = cli.json("check", submission)
    cli("check", submission, "--annotate")
    _, again = cli.json("check", submission.with_name("nop.kiemtra.xlsx"))
    strip = lambda d: [(f["code"], f["cell"]) for f in d["files"][0]["findings"]]
    assert strip(original) == strip(again)


def test_marks_on_merged_cells_land_on_the_anchor(cli, tmp_path):
    path = write_sheet(tmp_path / "m.xlsx", [
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"],
        [1, "Việc một", "Phòng Không Có", "Quý I/2020"],
        [2, "Việc hai", None, "Quý II/2020"],
    ], merges=["C4:C5"])
    cli("check", path, "--annotate")
    _, marks = marked_sheet(tmp_path / "m.kiemtra.xlsx", "Phụ lục")
    assert list(marks) == ["C4"]
    assert marks["C4"].count("lead-unit-unknown") == 2


def marked_sheet(path, sheet):
    wb = openpyxl.load_workbook(path)
    return wb, {c.coordinate: c.comment.text for row in wb[sheet].iter_rows() for c in row if c.comment}


def test_output_option_and_refusing_to_overwrite_the_input(cli, submission, tmp_path):
    out = tmp_path / "ket-qua.xlsx"
    assert cli("check", submission, "--annotate", "-o", out).exit_code == 1 and out.exists()
    result = cli("check", submission, "--annotate", "-o", submission)
    assert result.exit_code == 2 and "trùng tệp gốc" in result.output
