"""A unit's progress report form (`cchc-xl template --report quy1`).

* ``Báo cáo``: title with the report period and its two dates, the unit, the report date
  to fill, then one row per task the unit leads: STT, area, task, product, deadline, budget
  (protected: read-only, no password) and the columns to fill (Tiến độ from a dropdown,
  Kết quả / sản phẩm, Ngày hoàn thành, Khó khăn, vướng mắc, Đề xuất), and the task's id in
  a hidden column, so a re-sorted form still maps back;
* ``Phối hợp``: the tasks it coordinates, for information;
* ``_cchc`` (very hidden): kind=report, the report period, year, cut-off, due date, plan
  period, unit, the master it came from and every task it owes (``task:<id>``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from cchc_xl import TEMPLATE_VERSION, __version__
from cchc_xl.core.model import column_letter
from cchc_xl.core.periods import Period
from cchc_xl.core.reporting import STATUSES, ReportPeriod
from cchc_xl.formats.xlsx.cells import print_setup, put, row_height, styles
from cchc_xl.table.report import FILL_KEYS, REPORT_COLUMNS, REPORT_HEADER_ROW
from cchc_xl.table.sheets import COORDINATED, PROPERTIES, REPORT

WIDTHS = {"stt": 5, "area": 16, "task": 36, "product": 16, "deadline": 13, "budget": 12, "status": 15,
          "result": 20, "done_date": 12, "difficulty": 18, "proposal": 18, "task_id": 12}   # A4 landscape at 61 %
KEYS = list(REPORT_COLUMNS)
META = {"unit": (3, "Đơn vị báo cáo:"), "period": (4, "Kỳ báo cáo:"), "date": (5, "Ngày báo cáo:")}


def build_report_form(led: list[dict], coordinated: list[dict], unit: str, report: ReportPeriod, year: int,
                      plan_period: Period, source: str, department: str = ""):
    """The workbook object (openpyxl), ready to save."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = REPORT
    _write_head(ws, unit, report, year, department)
    _write_rows(ws, led)
    _protect(ws, len(led))
    _write_coordinated(wb.create_sheet(COORDINATED), coordinated, unit)
    _write_properties(wb, led, unit, report, year, plan_period, source)
    wb.active = 0
    return wb


def write_report_form(path: str | os.PathLike, led: list[dict], coordinated: list[dict], unit: str,
                      report: ReportPeriod, year: int, plan_period: Period, source: str, department: str = "") -> Path:
    """Save the form atomically at ``path``."""
    from cchc_xl.formats.files import save_workbook

    wb = build_report_form(led, coordinated, unit, report, year, plan_period, source, department)
    return save_workbook(wb, path)


def _write_head(ws, unit: str, report: ReportPeriod, year: int, department: str) -> None:
    s = styles()
    last = column_letter(len(KEYS) - 1)
    ws["A1"] = f"BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {report.title(year).upper()}"
    ws["A1"].font, ws["A1"].alignment = s["title"], s["center"]
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = (f"(Số liệu tính đến ngày {report.cutoff(year):%d/%m/%Y}; gửi Văn phòng "
                f"{department or 'Sở'} chậm nhất ngày {report.due_date(year):%d/%m/%Y})")
    ws["A2"].alignment = s["center"]
    ws.merge_cells(f"A2:{last}2")
    values = {"unit": unit, "period": report.title(year), "date": None}
    for key, (row, label) in META.items():
        ws.cell(row, 2, label).font = s["bold"]
        cell = ws.cell(row, 3)
        put(cell, values[key])
        cell.font, cell.border = s["normal"], s["border"]
        if key == "date":
            cell.number_format = "dd/mm/yyyy"
    ws.cell(6, 2, "Chỉ điền các cột nền vàng (Tiến độ … Đề xuất); các cột khác lấy từ kế hoạch, đã khóa.")
    for col, key in enumerate(KEYS, start=1):
        cell = ws.cell(REPORT_HEADER_ROW, col, REPORT_COLUMNS[key])
        cell.font, cell.alignment, cell.border = s["bold"], s["center"], s["border"]
        cell.fill = s["fill"] if key in FILL_KEYS else s["header"]
        ws.column_dimensions[column_letter(col)].width = WIDTHS[key]
    ws.column_dimensions[column_letter(len(KEYS))].hidden = True
    ws.row_dimensions[REPORT_HEADER_ROW].height = 36
    ws.freeze_panes = ws.cell(REPORT_HEADER_ROW + 1, 1)
    print_setup(ws, REPORT_HEADER_ROW)


def _write_rows(ws, led: list[dict]) -> None:
    from openpyxl.styles import Protection

    s = styles()
    unlocked = Protection(locked=False)
    for i, task in enumerate(led):
        r = REPORT_HEADER_ROW + 1 + i
        values = {"stt": i + 1, **{k: task.get(k) for k in KEYS if k != "stt"}}
        for col, key in enumerate(KEYS, start=1):
            cell = ws.cell(r, col)
            if key not in FILL_KEYS:
                put(cell, values.get(key) if values.get(key) != "" else None)
            cell.font, cell.alignment, cell.border = s["normal"], s["wrap"], s["border"]
            if key in FILL_KEYS:
                cell.fill, cell.protection = s["fill"], unlocked
            if key == "budget":
                cell.number_format = "#,##0"
            if key == "done_date":
                cell.number_format = "dd/mm/yyyy"
        height = row_height([values.get(k) for k in KEYS], [WIDTHS[k] for k in KEYS])
        if height:  # as high as its task and area: LibreOffice does not grow a row on open
            ws.row_dimensions[r].height = height
    ws.cell(META["date"][0], 3).protection = unlocked


def _protect(ws, n: int) -> None:
    """Read-only plan columns, fill-in columns open; no password (a unit may still unprotect to fix a slip)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    first, last = REPORT_HEADER_ROW + 1, REPORT_HEADER_ROW + max(n, 1)
    status = column_letter(KEYS.index("status") + 1)
    dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True, errorStyle="stop",
                        promptTitle="Tiến độ", prompt="Chọn một trong bốn mức tiến độ.", errorTitle="Tiến độ",
                        error="Chọn: " + "; ".join(STATUSES) + ".")
    done = column_letter(KEYS.index("done_date") + 1)
    date = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                          promptTitle="Ngày hoàn thành", prompt="Ngày nhiệm vụ hoàn thành (dd/mm/yyyy).",
                          errorTitle="Ngày hoàn thành", error="Nhập một ngày hợp lệ (dd/mm/yyyy).")
    for rule, ref in ((dv, f"{status}{first}:{status}{last}"), (date, f"{done}{first}:{done}{last}")):
        rule.showInputMessage = rule.showErrorMessage = True
        rule.add(ref)
        ws.add_data_validation(rule)
    ws.protection.sheet = True
    ws.protection.formatRows = ws.protection.formatColumns = ws.protection.autoFilter = False
    ws.protection.sort = False


def _write_coordinated(ws, rows: list[dict], unit: str) -> None:
    s = styles()
    ws["A1"] = f"Nhiệm vụ {unit} phối hợp thực hiện (để theo dõi; không báo cáo ở đây)"
    ws["A1"].font = s["bold"]
    head = ["STT", "Lĩnh vực", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"]
    for col, (title, width) in enumerate(zip(head, (6, 20, 50, 26, 18)), start=1):
        cell = ws.cell(3, col, title)
        cell.font, cell.fill, cell.border, cell.alignment = s["bold"], s["header"], s["border"], s["center"]
        ws.column_dimensions[column_letter(col)].width = width
    for i, row in enumerate(rows, start=1):
        for col, value in enumerate((i, row.get("area"), row.get("task"), row.get("lead_unit"), row.get("deadline")),
                                    start=1):
            cell = ws.cell(3 + i, col)
            put(cell, value if value != "" else None)
            cell.font, cell.alignment, cell.border = s["normal"], s["wrap"], s["border"]
    ws.protection.sheet = True
    print_setup(ws, 3)


def _write_properties(wb, led: list[dict], unit: str, report: ReportPeriod, year: int, plan_period: Period,
                      source: str) -> None:
    ws = wb.create_sheet(PROPERTIES)
    rows: list[tuple[str, Any]] = [
        ("kind", "report"), ("template_version", TEMPLATE_VERSION), ("report_period", report.code),
        ("year", str(year)), ("cutoff", report.cutoff(year).isoformat()), ("due", report.due_date(year).isoformat()),
        ("period", str(plan_period)), ("unit", unit), ("source", source),
        ("generator", f"cchc-xl {__version__}"), ("created", dt.datetime.now().replace(microsecond=0).isoformat(" ")),
    ]
    rows += [(f"task:{t['task_id']}", str(t.get("task") or "")) for t in led]
    for r, (key, value) in enumerate(rows, start=1):
        put(ws.cell(r, 1), key)
        put(ws.cell(r, 2), value)
        ws.cell(r, 2).number_format = "@"
    ws.sheet_state = "veryHidden"
