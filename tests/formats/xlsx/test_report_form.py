"""The report form (formats/xlsx/report_form.py): what its sheets say, written and read back."""

from __future__ import annotations

import openpyxl

from cchc_xl.core.periods import Period
from cchc_xl.core.reporting import report_period
from cchc_xl.formats.xlsx.report_form import write_report_form

LED = [{"task_id": "0123456789", "area": "Cải cách thể chế", "task": "Rà soát văn bản", "deadline": "Quý II/2020"}]


def test_a_unit_coordinating_nothing_gets_a_line_saying_so_not_an_empty_table(tmp_path):
    path = write_report_form(tmp_path / "bc.xlsx", LED, [], "Phòng Pháp chế", report_period("quy1"), 2020,
                             Period(2020, 2020), "tong-hop.xlsx")
    ws = openpyxl.load_workbook(path)["Phối hợp"]
    assert ws["A3"].value == "Đơn vị không phối hợp thực hiện nhiệm vụ nào của kế hoạch."
    assert [c.value for c in ws[3]][1:] == [None] * (ws.max_column - 1), "no header of an empty table"


def test_coordinated_tasks_are_listed_under_their_header(tmp_path):
    coordinated = [{**LED[0], "lead_unit": "Văn phòng Sở"}]
    path = write_report_form(tmp_path / "bc.xlsx", LED, coordinated, "Phòng Pháp chế", report_period("quy1"), 2020,
                             Period(2020, 2020), "tong-hop.xlsx")
    ws = openpyxl.load_workbook(path)["Phối hợp"]
    assert [c.value for c in ws[3]] == ["STT", "Lĩnh vực", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"]
    assert [c.value for c in ws[4]] == [1, "Cải cách thể chế", "Rà soát văn bản", "Văn phòng Sở", "Quý II/2020"]
