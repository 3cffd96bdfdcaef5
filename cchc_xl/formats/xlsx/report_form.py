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

WIDTHS = {"stt": 5, "area": 16, "task": 30, "product": 14, "deadline": 12, "budget": 12, "status": 14,
          "result": 26, "done_date": 11, "difficulty": 22, "proposal": 20, "task_id": 12}   # A4 landscape at 60 %
# the columns a unit types into are the widest: a usual answer ("Kế hoạch số 12/KH-STNMT ngày 20/02/2020") fits
WRITING_LINES = 4   # a task row is at least this high: room for the answer, typed or written by hand on paper
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
    """Save the form atomically at ``path``, its task rows as high as their text but free to grow."""
    from cchc_xl.formats.files import atomic_write
    from cchc_xl.formats.xlsx.stream import loosen_heights

    wb = build_report_form(led, coordinated, unit, report, year, plan_period, source, department)
    first = REPORT_HEADER_ROW + 1

    def write(tmp: str) -> None:
        wb.save(tmp)
        loosen_heights(Path(tmp), {REPORT: range(first, first + len(led)), COORDINATED: range(4, 4 + len(coordinated))})

    return atomic_write(path, write)


def _write_head(ws, unit: str, report: ReportPeriod, year: int, department: str) -> None:
    s = styles()
    last = column_letter(len(KEYS) - 1)
    ws["A1"] = f"BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {report.title(year).upper()}"
    ws["A1"].font, ws["A1"].alignment = s["title"], s["center"]
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = (f"(Số liệu tính đến ngày {report.cutoff(year):%d/%m/%Y}; gửi Văn phòng "
                f"{department or 'Sở'} chậm nhất ngày {report.due_date(year):%d/%m/%Y})")
    ws["A2"].font, ws["A2"].alignment = s["italic"], s["center"]
    ws.merge_cells(f"A2:{last}2")
    values = {"unit": unit, "period": report.title(year), "date": None}
    for key, (row, label) in META.items():
        ws.cell(row, 2, label).font = s["bold"]
        cell = ws.cell(row, 3)
        put(cell, values[key])
        cell.font, cell.border = s["normal"], s["border"]
        if key == "date":
            cell.number_format = "dd/mm/yyyy"
    ws.cell(6, 2, "Chỉ điền các cột nền vàng (Tiến độ … Đề xuất); các cột khác lấy từ kế hoạch, đã khóa.").font = s["note"]
    for col, key in enumerate(KEYS, start=1):
        cell = ws.cell(REPORT_HEADER_ROW, col, REPORT_COLUMNS[key])
        cell.font, cell.alignment, cell.border = s["bold"], s["center"], s["border"]
        cell.fill = s["fill"] if key in FILL_KEYS else s["header"]
        ws.column_dimensions[column_letter(col)].width = WIDTHS[key]
    ws.column_dimensions[column_letter(len(KEYS))].hidden = True
    ws.row_dimensions[REPORT_HEADER_ROW].height = row_height([REPORT_COLUMNS[k] for k in KEYS], [WIDTHS[k] for k in KEYS],
                                                             2, bold=True)
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
            cell.font, cell.border = s["normal"], s["border"]
            # the hidden id never wraps: LibreOffice would print it a letter a line down the table's edge
            cell.alignment = s["number"] if key == "stt" else (s["line"] if key == "task_id" else s["wrap"])
            if key in FILL_KEYS:
                cell.fill, cell.protection = s["fill"], unlocked
            if key == "budget":
                cell.number_format = "#,##0"
            if key == "done_date":
                cell.number_format = "dd/mm/yyyy"
        # as high as its task and area, with room to answer: LibreOffice does not grow a row on open (Excel grows it
        # as the unit types: ``write_report_form`` leaves the height free)
        ws.row_dimensions[r].height = row_height([values.get(k) for k in KEYS], [WIDTHS[k] for k in KEYS],
                                                 WRITING_LINES)
    ws.cell(META["date"][0], 3).protection = unlocked
    _signatures(ws, REPORT_HEADER_ROW + len(led) + 2)


def _signatures(ws, row: int) -> None:
    """The signature block of a unit's report, as on the reports units send: the place and date, the preparer on the
    left, the head of the unit on the right (columns the form's reader never reads: no task, no id)."""
    s = styles()
    blocks = (("D", "E", ("NGƯỜI LẬP", "(Ký, ghi rõ họ tên)")),
              ("H", "K", ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)")))
    put(ws[f"H{row}"], "…………, ngày …… tháng …… năm ……")
    ws[f"H{row}"].font, ws[f"H{row}"].alignment = s["italic"], s["center"]
    ws.merge_cells(f"H{row}:K{row}")
    for first, last, (title, hint) in blocks:
        for offset, (text, look) in enumerate(((title, s["bold"]), (hint, s["italic"])), start=1):
            cell = ws[f"{first}{row + offset}"]
            put(cell, text)
            cell.font, cell.alignment = look, s["center"]
            ws.merge_cells(f"{first}{row + offset}:{last}{row + offset}")


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
    head, widths = ["STT", "Lĩnh vực", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"], (6, 20, 50, 26, 18)
    title = f"Nhiệm vụ {unit} phối hợp thực hiện (để theo dõi; không báo cáo ở đây)"
    put(ws["A1"], title)   # wrapped over the table's width: a title running past it prints a page of its own
    ws["A1"].font, ws["A1"].alignment = s["bold"], s["wrap"]
    ws.merge_cells("A1:E1")
    ws.row_dimensions[1].height = row_height([title], [sum(widths)], bold=True)
    if not rows:   # a line that says so, not a page holding an empty table's header
        put(ws["A3"], "Đơn vị không phối hợp thực hiện nhiệm vụ nào của kế hoạch.")
        ws["A3"].font = s["normal"]
        ws.protection.sheet = True
        print_setup(ws)
        return
    for col, (title, width) in enumerate(zip(head, widths), start=1):
        cell = ws.cell(3, col, title)
        cell.font, cell.fill, cell.border, cell.alignment = s["bold"], s["header"], s["border"], s["center"]
        ws.column_dimensions[column_letter(col)].width = width
    ws.row_dimensions[3].height = row_height(head, widths, bold=True)
    for i, row in enumerate(rows, start=1):
        values = (i, row.get("area"), row.get("task"), row.get("lead_unit"), row.get("deadline"))
        for col, value in enumerate(values, start=1):
            cell = ws.cell(3 + i, col)
            put(cell, value if value != "" else None)
            cell.font, cell.border = s["normal"], s["border"]
            cell.alignment = s["number"] if col == 1 else s["wrap"]
        ws.row_dimensions[3 + i].height = row_height(values, widths)   # LibreOffice does not grow a row on open
    ws.protection.sheet = True   # rows and columns may still be resized, as on "Báo cáo"
    ws.protection.formatRows = ws.protection.formatColumns = False
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
