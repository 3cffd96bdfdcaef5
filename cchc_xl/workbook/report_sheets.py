"""The master's progress-report sheets (openpyxl): one "Tiến độ Quý I/2020" sheet per report period,
the report block of "Tình trạng nộp", and the very hidden memory of merged reports.

A progress sheet: the totals line, completion per lead unit and per area (values, with a
native chart of the completion rate), then every task with its status and days late.
The task rows are streamed in afterwards like the summary's (``xlsx.fill_rows``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

from cchc_xl.consolidation.model import ACCEPTED, MISSING, REJECTED, MasterState
from cchc_xl.consolidation.reports import (
    COLUMNS,
    ENTRY_KEYS,
    LATE,
    ProgressRow,
    Rate,
    ReportState,
    ReportUnit,
    as_records,
    progress_rows,
    rates,
    unit_statuses,
)
from cchc_xl.core.reporting import DONE
from cchc_xl.core.sheets import REPORTS_META, STATUS, progress_sheet
from cchc_xl.core.units import Registry
from cchc_xl.workbook.master_sheets import _append, _cell, _fill, _font, _header, _printable, _widths
from cchc_xl.workbook.xlsx import Fill, print_setup

TASK_TITLES = ["STT", "Đơn vị chủ trì", "Lĩnh vực", "Nhiệm vụ", "Thời gian hoàn thành", "Hạn (ngày)", "Tiến độ",
               "Kết quả / sản phẩm", "Ngày hoàn thành", "Số ngày trễ", "Khó khăn, vướng mắc", "Đề xuất", "Mã nhiệm vụ"]
STATUS_FILL = {ACCEPTED: "C6EFCE", LATE: "FFEB9C", REJECTED: "FFC7CE", MISSING: "EDEDED"}
TASK_WIDTHS = [5, 18, 14, 32, 14, 11, 14, 18, 11, 8, 16, 14, 11]
TASK_WRAPPED: list[float] = [0, 18, 14, 32, 14, 0, 0, 18, 0, 0, 16, 14, 0]


def write_report_sheets(wb: Any, state: MasterState, registry: Registry) -> dict[str, Fill]:
    """The progress sheets (after our others), the status block and the hidden memory; the rows to stream."""
    fills = {}
    ordered = sorted(state.reports.values(), key=lambda r: (r.year, r.due))
    for i, rs in enumerate(ordered):
        rows = progress_rows(state, rs, registry)
        ws = _printable(wb, progress_sheet(rs.title), 6 + i)
        first = _progress_sheet(ws, rs, rows)
        fills[ws.title] = Fill(first, [task_values(n, r) for n, r in enumerate(rows, start=1)], TASK_WRAPPED)
        _status_block(wb[STATUS], rs, unit_statuses(state, rs, rows))
    if state.reports:  # tens of thousands of records: streamed like the task rows
        meta = wb.create_sheet(REPORTS_META)
        _append(meta, ["record", "key"])
        meta.sheet_state = "veryHidden"
        fills[REPORTS_META] = Fill(2, [record for rs in ordered for record in as_records(rs)])
    return fills


def task_values(n: int, r: ProgressRow) -> list[Any]:
    """A row of a progress sheet's task table."""
    return [n, r.lead, r.area, r.task, r.deadline, r.due, r.status, r.result or None, r.done_date,
            r.days_late or None, r.difficulty or None, r.proposal or None, r.task_id]


def _progress_sheet(ws, rs: ReportState, rows: list[ProgressRow]) -> int:
    """Totals, per-unit and per-area tables, a chart; returns the row of the task table's prototype row."""
    from openpyxl.styles import Alignment

    _widths(ws, TASK_WIDTHS)
    whole = Rate("Tổng cộng")
    for r in rows:
        whole.counts[r.status] += 1
        whole.overdue += r.overdue
    judged = f"; quá hạn xét đến ngày {rs.as_of:%d/%m/%Y}" if rs.as_of != rs.cutoff else ""
    _append(ws, [_cell(ws, f"TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH CCHC — {rs.title.upper()} (số liệu tính đến ngày "
                           f"{rs.cutoff:%d/%m/%Y}{judged})", font=_font(bold=True, size=14))])
    _append(ws, [f"{whole.total} nhiệm vụ: {whole.counts[DONE]} đã hoàn thành ({whole.rate:.0%}), "
                 f"{whole.counts[COLUMNS[1]]} đang thực hiện, {whole.counts[COLUMNS[2]]} chưa thực hiện, "
                 f"{whole.counts[COLUMNS[3]]} không thực hiện, {whole.counts[COLUMNS[4]]} chưa báo cáo; "
                 f"{whole.overdue} quá hạn."])
    row = 2                                   # the last row written
    by_unit = rates(rows, "lead")
    top = row + 2                             # the per-unit table's header
    row = _rate_table(ws, row, "Đơn vị chủ trì", by_unit, whole)
    row = _rate_table(ws, row, "Lĩnh vực", rates(rows, "area"), whole)
    _append(ws, [])
    _header(ws, TASK_TITLES)
    header = row + 2
    wrap = Alignment(wrap_text=True, vertical="top")
    for col in range(1, len(TASK_TITLES) + 1):
        cell = ws.cell(header + 1, col)
        cell.alignment, cell.font = wrap, _font()
        if col in (6, 9):
            cell.number_format = "dd/mm/yyyy"
    ws.freeze_panes = f"A{header + 1}"
    ws.auto_filter.ref = f"A{header}:M{header + max(len(rows), 1)}"
    if by_unit:  # below the task table: the page stays as wide as the table
        ws.add_chart(_rate_chart(ws, top, len(by_unit)), f"B{header + len(rows) + 3}")
    print_setup(ws, header, 12)
    ws.print_area = f"A1:L{header + len(rows) + 3 + max(8, len(by_unit) + 6)}"   # the task id stays on screen only
    return header + 1


def _rate_table(ws, row: int, label: str, groups: list[Rate], whole: Rate) -> int:
    """After row ``row``: a blank row, a table of counts per group and its totals row; returns the last row."""
    _append(ws, [])
    _header(ws, [label, "Số nhiệm vụ", *COLUMNS, "Quá hạn", "Tỷ lệ hoàn thành"], skip=1)   # column B: wide
    pct = {"number_format": "0%"}
    bold = _font(bold=True)
    for g in groups:
        _append(ws, [None, g.name, g.total, *(g.counts[c] for c in COLUMNS), g.overdue, _cell(ws, g.rate, **pct)])
    _append(ws, [None, _cell(ws, "Tổng cộng", font=bold), whole.total, *(whole.counts[c] for c in COLUMNS),
                 whole.overdue, _cell(ws, whole.rate, font=bold, **pct)])
    return row + len(groups) + 3


def _rate_chart(ws, header: int, n: int):
    """Native bar chart of the completion rate per lead unit."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type, chart.style, chart.title = "bar", 10, "Tỷ lệ hoàn thành theo đơn vị chủ trì"
    chart.add_data(Reference(ws, min_col=10, min_row=header, max_row=header + n), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=header + 1, max_row=header + n))
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.y_axis.number_format = "0%"
    chart.legend = None
    chart.width, chart.height = 18, max(7.5, 0.9 * n + 3)
    return chart


def _status_block(ws, rs: ReportState, units: list[ReportUnit]) -> None:
    """Below the appendix's status: who sent the report, who sent it late, who has not."""
    counts = {s: sum(1 for u in units if _shown(u) == s) for s in (ACCEPTED, LATE, REJECTED, MISSING)}
    _append(ws, [])
    _append(ws, [_cell(ws, f"BÁO CÁO {rs.title.upper()} — số liệu đến ngày {rs.cutoff:%d/%m/%Y}, hạn nộp "
                           f"{rs.due:%d/%m/%Y}", font=_font(bold=True, size=13))])
    _append(ws, [f"Đã nộp đúng hạn: {counts[ACCEPTED]} · Nộp muộn: {counts[LATE]} · Bị trả lại: {counts[REJECTED]} · "
                 f"Chưa nộp: {counts[MISSING]} (trên {len(units)} đơn vị có chủ trì nhiệm vụ)"])
    _header(ws, ["Đơn vị", "Tình trạng", "Tệp", "Số nhiệm vụ", "Lỗi", "Cảnh báo", "Ngày nộp", "Ghi chú"])
    for u in units:
        shown = _shown(u)
        _append(ws, [u.unit, _cell(ws, shown, fill=_fill(STATUS_FILL[shown])), u.file, u.tasks or None,
                     u.errors or None, u.warnings or None, _date(u.received), u.note])


def _shown(u: ReportUnit) -> str:
    return LATE if u.status == ACCEPTED and u.late else u.status


def _date(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


# --------------------------------------------------------------------------- reading back
def read_reports(ws) -> dict[str, ReportState]:
    """The merged reports an earlier run left in the hidden sheet. A record that does not read back (the sheet
    edited by hand) raises ValueError: rewriting the master without it would lose a report."""
    out: dict[str, ReportState] = {}
    unit_fields = [f.name for f in fields(ReportUnit)]
    for row in ws.iter_rows(values_only=True):
        if not row or not row[0]:
            continue
        if row[0] == "report":
            code, year, as_of, due, title = row[1:6]
            first, last = _day(as_of), _day(due)
            if first is None or last is None:
                raise ValueError(f"report record {code}/{year} without its dates")
            cutoff = _day(row[6]) if len(row) > 6 and row[6] is not None else first   # before 1.x: as of = cut-off
            if cutoff is None:
                raise ValueError(f"report record {code}/{year} without its cut-off")
            rs = ReportState(str(code), int(year), first, last, str(title), cutoff)
            out[rs.key] = rs
        elif row[0] == "unit" and row[1] in out:
            data = dict(zip(unit_fields, row[2:]))
            out[row[1]].units[str(data["unit"])] = ReportUnit(**{k: _unit_field(k, v) for k, v in data.items()})
        elif row[0] == "task" and row[1] in out:
            entry = dict(zip(ENTRY_KEYS, row[3:]))
            entry = {k: ("" if v is None and k not in ("done_date", "source_row") else v) for k, v in entry.items()}
            entry["done_date"] = _day(entry.get("done_date"))
            out[row[1]].entries[str(row[2])] = entry
    return out


def _day(value: Any) -> dt.date | None:
    """A day as recorded (ISO text), or as a spreadsheet program may have turned it into a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return value if isinstance(value, dt.date) else None


def _unit_field(name: str, value: Any) -> Any:
    if name in ("tasks", "errors", "warnings"):
        return int(value) if isinstance(value, (int, float)) else 0
    if name == "late":
        return bool(value)
    return "" if value is None else str(value)
