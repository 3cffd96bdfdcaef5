"""formats/master/memory.py: the master's very hidden memory reads back exactly what a run wrote, and the first
record edited out of shape stops the run naming the sheet and the cell.

Records are made by the writers' own functions (``record``, ``as_records``), typed into a real workbook's sheet
with openpyxl as the master's writer does, saved, and read back from the file.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cchc_xl.consolidation.model import Standing, UnitState, record
from cchc_xl.consolidation.reports import ReportState, ReportUnit, as_records
from cchc_xl.core.reporting import DONE, ONGOING, REPORT_PERIODS
from cchc_xl.errors import MemoryDamage
from cchc_xl.formats.master.memory import formula_cells, read_master_meta, read_reports
from cchc_xl.table.sheets import MASTER_META, REPORTS_META, progress_sheet

UNITS = [UnitState("Phòng Pháp chế", Standing.SUBMITTED, "nop/phong-phap-che.xlsx", "a1b2c3d4e5f6", "h" * 64, 12, 0, 3,
                   "10/01/2020 08:15:00", "Mẫu cũ 1.0", "1.0"),
         UnitState("Thanh tra Sở", Standing.SENT_BACK, "nop/thanh-tra.xlsx", "ffeeddccbbaa", "", 4, 2, 0,
                   "11/01/2020 09:00:00", "thiếu đơn vị chủ trì"),
         UnitState("Văn phòng Sở")]
INFO = [["period", "2020"], ["template_version", "1.1"], ["columns", "stt,unit,area,task,task_id"]]


def stored(tmp_path: Path, rows: list[list[Any]], sheet: str = MASTER_META) -> list[tuple]:
    """``rows`` typed into a sheet of a real workbook, saved, and read back from the file."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    path = tmp_path / "tong-hop.xlsx"
    wb.save(path)
    return list(openpyxl.load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))


def master_rows() -> list[list[Any]]:
    return [list(r) for r in INFO] + [["unit", *record(u)] for u in UNITS]


def report_state() -> ReportState:
    period = REPORT_PERIODS["quy1"]
    rs = ReportState("quy1", 2020, dt.date(2020, 3, 31), period.due_date(2020), period.title(2020),
                     period.cutoff(2020), sheet=progress_sheet(period.title(2020)))
    rs.units["Phòng Pháp chế"] = ReportUnit("Phòng Pháp chế", Standing.SUBMITTED, "bc/phap-che.xlsx", "0a0b0c0d0e0f",
                                            "c" * 64, 2, 0, 1, "20/02/2020 10:00:00", "", "1.1", received="20/02/2020")
    rs.units["Thanh tra Sở"] = ReportUnit("Thanh tra Sở", Standing.SUBMITTED, "bc/thanh-tra.xlsx", "111111111111",
                                          "d" * 64, 1, 0, 0, "25/02/2020 10:00:00", "", "1.1", received="25/02/2020",
                                          late=True)
    rs.entries["0123456789"] = {"unit": "Phòng Pháp chế", "status": DONE, "result": "Quyết định số 12/QĐ-STP",
                                "done_date": dt.date(2020, 2, 14), "difficulty": "", "proposal": "",
                                "source_file": "bc/phap-che.xlsx", "source_row": 9, "task": "Rà soát văn bản"}
    rs.entries["abcdef0123"] = {"unit": "Thanh tra Sở", "status": ONGOING, "result": "", "done_date": None,
                                "difficulty": "Thiếu người", "proposal": "Bổ sung biên chế",
                                "source_file": "bc/thanh-tra.xlsx", "source_row": 10, "task": "Thanh tra công vụ"}
    return rs


def report_rows() -> list[list[Any]]:
    return [["record", "key"], *as_records(report_state())]


# --------------------------------------------------------------------------- what a run wrote reads back as it was
def test_the_appendix_memory_reads_back_as_written(tmp_path):
    info, units = read_master_meta(stored(tmp_path, master_rows()))
    assert info == {"period": "2020", "template_version": "1.1", "columns": "stt,unit,area,task,task_id"}
    assert units == {u.unit: u for u in UNITS}
    assert units["Thanh tra Sở"].status is Standing.SENT_BACK and units["Văn phòng Sở"].tasks == 0


def test_the_report_memory_reads_back_as_written(tmp_path):
    rs = report_state()
    back = read_reports(stored(tmp_path, report_rows(), REPORTS_META))
    assert back == {"quy1/2020": rs}
    assert back["quy1/2020"].units["Thanh tra Sở"].late is True
    assert back["quy1/2020"].entries["0123456789"]["done_date"] == dt.date(2020, 2, 14)


def test_blank_rows_are_skipped_and_an_empty_memory_is_empty(tmp_path):
    rows = master_rows()
    rows.insert(2, [None, None])
    assert read_master_meta(stored(tmp_path, rows))[1].keys() == {u.unit for u in UNITS}
    assert read_master_meta([]) == ({}, {}) and read_reports([]) == {}


def test_masters_written_before_standings_had_codes_still_read(tmp_path):
    rows = master_rows()
    rows[3][2] = "Đã nộp"   # the words earlier versions kept
    rows[4][2] = "Bị trả lại"
    units = read_master_meta(stored(tmp_path, rows))[1]
    assert units["Phòng Pháp chế"].status is Standing.SUBMITTED and units["Thanh tra Sở"].status is Standing.SENT_BACK


def test_days_a_spreadsheet_turned_into_dates_and_records_older_than_the_cut_off_read(tmp_path):
    rows = report_rows()
    rows[1][3] = dt.datetime(2020, 3, 31)          # as of: LibreOffice made the ISO text a date
    rows[1][6:8] = [None, None]                     # written before cut-offs and sheet names were kept
    rs = read_reports(stored(tmp_path, rows, REPORTS_META))["quy1/2020"]
    assert rs.as_of == dt.date(2020, 3, 31) and rs.cutoff == rs.as_of
    assert rs.sheet == progress_sheet("Quý I/2020") == "Tiến độ Quý I-2020"


# --------------------------------------------------------------------------- a record edited by hand stops the run
MASTER_DAMAGE = [
    ("tasks as text", 4, 6, "12", "G4", "số nguyên không âm"),
    ("negative count", 4, 7, -1, "H4", "số nguyên không âm"),
    ("count with a fraction", 4, 8, 2.5, "I4", "số nguyên không âm"),
    ("count as a flag", 5, 6, True, "G5", "số nguyên không âm"),
    ("unknown standing", 4, 2, "Xong", "C4", "tình trạng \u201cXong\u201d không có"),
    ("blank unit", 6, 1, "  ", "B6", "thiếu tên đơn vị"),
    ("a number for a name", 6, 1, 42, "B6", "phải là chữ"),
    ("unknown record", 5, 0, "ghi chú", "A5", "loại bản ghi \u201cghi chú\u201d không có"),
    ("period unreadable", 1, 1, "năm ngoái", "B1", "kỳ kế hoạch"),
    ("version as a number with a fraction", 2, 1, 1.1, "B2", "không phải chữ"),
]


@pytest.mark.parametrize("case, row, col, value, cell, words", MASTER_DAMAGE, ids=[c[0] for c in MASTER_DAMAGE])
def test_a_damaged_appendix_record_names_its_cell(tmp_path, case, row, col, value, cell, words):
    rows = master_rows()
    rows[row - 1][col] = value
    with pytest.raises(MemoryDamage) as caught:
        read_master_meta(stored(tmp_path, rows))
    assert (caught.value.sheet, caught.value.cell) == (MASTER_META, cell), caught.value.message
    assert words in caught.value.why and caught.value.message.startswith(f"trang ẩn {MASTER_META}, ô {cell}: ")


def test_a_record_twice_or_a_row_without_its_kind_is_refused(tmp_path):
    twice = master_rows() + [["unit", *record(UNITS[0])]]
    with pytest.raises(MemoryDamage, match="Phòng Pháp chế\u201d ghi hai lần") as caught:
        read_master_meta(stored(tmp_path, twice))
    assert caught.value.cell == "B7"
    with pytest.raises(MemoryDamage, match="khóa period ghi hai lần"):
        read_master_meta(stored(tmp_path, master_rows() + [["period", "2021"]]))
    with pytest.raises(MemoryDamage, match="thiếu loại bản ghi") as caught:
        read_master_meta(stored(tmp_path, master_rows() + [[None, "Văn phòng Sở"]]))
    assert caught.value.cell == "A7"


# rows of report_rows(): 1 header, 2 report, 3-4 units, 5-6 tasks
REPORT_DAMAGE = [
    ("unknown period", 2, 1, "quy5", "B2", "kỳ báo cáo \u201cquy5\u201d không có"),
    ("year out of range", 2, 2, 1800, "C2", "năm \u201c1800\u201d không hợp lệ"),
    ("year as text", 2, 2, "2020", "C2", "không hợp lệ"),
    ("as-of not a day", 2, 3, "31/03/2020", "D2", "không phải một ngày"),
    ("title changed", 2, 5, "Quý 1/2020", "F2", "khác \u201cQuý I/2020\u201d"),
    ("sheet name Excel refuses", 2, 7, "Tiến độ Q1/2020", "H2", "không dùng được"),
    ("late typed as text", 4, 14, "FALSE", "O4", "TRUE/FALSE kiểu logic"),
    ("received not dd/mm/yyyy", 3, 13, "2020-02-20", "N3", "không phải ngày dd/mm/yyyy"),
    ("task id not ours", 5, 2, "XYZ", "C5", "mã nhiệm vụ \u201cXYZ\u201d không hợp lệ"),
    ("status unknown", 5, 4, "Xong rồi", "E5", "tiến độ \u201cXong rồi\u201d không có"),
    ("no reporting unit", 6, 3, None, "D6", "thiếu đơn vị báo cáo"),
    ("source row as text", 6, 10, "mười", "K6", "không phải số"),
    ("done date garbage", 5, 6, "hôm qua", "G5", "không phải một ngày"),
    ("result as a number", 5, 5, 12, "F5", "phải là chữ"),
    ("record of an undeclared period", 5, 1, "nam/2020", "B5", "chưa được khai báo"),
]


@pytest.mark.parametrize("case, row, col, value, cell, words", REPORT_DAMAGE, ids=[c[0] for c in REPORT_DAMAGE])
def test_a_damaged_report_record_names_its_cell(tmp_path, case, row, col, value, cell, words):
    rows = report_rows()
    rows[row - 1][col] = value
    with pytest.raises(MemoryDamage) as caught:
        read_reports(stored(tmp_path, rows, REPORTS_META))
    assert (caught.value.sheet, caught.value.cell) == (REPORTS_META, cell), caught.value.message
    assert words in caught.value.why


def test_a_report_unit_or_task_twice_is_refused(tmp_path):
    rows = report_rows()
    for duplicate, cell, words in ((rows[2], "C7", "ghi hai lần trong kỳ quy1/2020"),
                                   (rows[4], "C7", "nhiệm vụ mã 0123456789 ghi hai lần"),
                                   (rows[1], "B7", "kỳ báo cáo quy1/2020 ghi hai lần")):
        with pytest.raises(MemoryDamage, match=words) as caught:
            read_reports(stored(tmp_path, rows + [list(duplicate)], REPORTS_META))
        assert caught.value.cell == cell


# --------------------------------------------------------------------------- formulas are never part of the memory
def test_formula_cells_lists_the_cells_of_a_part_that_hold_one(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = MASTER_META
    ws.append(["period", "2020"])
    ws["B2"] = "=1+1"
    ws["C7"] = "=SUM(A1:A3)"
    ws["D1"] = "chữ có dấu = nhưng không phải công thức"
    wb.save(tmp_path / "m.xlsx")
    with zipfile.ZipFile(tmp_path / "m.xlsx") as zf:
        assert formula_cells(zf.read("xl/worksheets/sheet1.xml")) == ["B2", "C7"]
    ws["B2"] = ws["C7"] = None
    wb.save(tmp_path / "m.xlsx")
    with zipfile.ZipFile(tmp_path / "m.xlsx") as zf:
        assert formula_cells(zf.read("xl/worksheets/sheet1.xml")) == []
