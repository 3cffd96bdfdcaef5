"""`cchc-xl fix`: only safe edits, on a copy, each one printed."""

import hashlib
import unicodedata

import openpyxl

from tests.support.workbooks import fill_template, write_sheet

ROWS = [
    {"stt": 1, "task": "Rà soát", "lead_unit": "Pháp chế", "coord_units": "Văn phòng, Thanh tra",
     "deadline": "Quý II/2020", "budget": "194.000.000 đồng (theo dự toán)", "note": "Đã duyệt"},
    {"stt": 2, "task": unicodedata.normalize("NFD", "Phổ biến pháp luật"), "lead_unit": "Phòng Pháp chế",
     "deadline": "Quý III/2020", "budget": "Báo cáo 12.800.000 đồng. Hỗ trợ 3.360.000 đồng."},
    {"stt": 3, "task": "Kiểm tra", "lead_unit": "Phong Phap che", "deadline": "Quý IV/2020",
     "budget": "=SUM(1,2)"},
]


def test_fix_makes_only_safe_edits(cli, tmp_path, blank_template):
    src = fill_template(blank_template, tmp_path / "nop.xlsx", ROWS)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    result = cli("fix", src)
    assert result.exit_code == 0, result.output
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    ws = openpyxl.load_workbook(tmp_path / "nop.sua.xlsx")["Phụ lục"]
    assert ws["H9"].value == 194_000_000 and ws["H9"].number_format == "#,##0"
    assert ws["J9"].value == "Đã duyệt\nKinh phí ghi ban đầu: 194.000.000 đồng (theo dự toán)"
    assert ws["E9"].value == "Phòng Pháp chế" and ws["F9"].value == "Văn phòng Sở; Thanh tra Sở"
    assert ws["C10"].value == "Phổ biến pháp luật" and unicodedata.is_normalized("NFC", ws["C10"].value)
    assert ws["H10"].value.startswith("Báo cáo 12.800.000"), "itemised amounts are for a person to decide"
    assert ws["E11"].value == "Phong Phap che", "typos are suggestions, not automatic fixes"
    assert ws["H11"].value == "=SUM(1,2)", "a formula is not touched"
    assert "Phụ lục!H9" in result.output and "Phụ lục!E9" in result.output and "4 ô được sửa" in result.output
    _, data = cli.json("check", tmp_path / "nop.sua.xlsx")
    codes = {(f["code"], f["cell"]) for f in data["files"][0]["findings"]}
    assert ("budget-not-numeric", "H9") not in codes and ("budget-not-numeric", "H10") in codes


def test_without_a_note_column_the_original_goes_to_a_comment(cli, tmp_path):
    path = write_sheet(tmp_path / "n.xlsx", [["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian", "Kinh phí"],
                                            [1, "Việc", "Thanh tra Sở", "Quý I/2020", "15 triệu đồng"]])
    assert cli("fix", path).exit_code == 0
    cell = openpyxl.load_workbook(tmp_path / "n.sua.xlsx")["Phụ lục"]["E4"]
    assert cell.value == 15_000_000 and "15 triệu đồng" in cell.comment.text


def test_fix_on_an_unreadable_file_exits_2(cli, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("không phải excel")
    result = cli("fix", bad)
    assert result.exit_code == 2 and "không phải tệp Excel" in result.output
