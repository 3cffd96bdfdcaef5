"""The master's progress-report sheets (openpyxl): one "Tiến độ Quý I/2020" sheet per report period,
the report block of "Tình trạng nộp", and the very hidden memory of merged reports.

A progress sheet: the totals line, completion per lead unit and per area (values, with a
native chart of the completion rate), then every task with its status and days late.
The task rows are streamed in afterwards like the summary's (``xlsx.fill_rows``).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from cchc_xl.consolidation.model import MasterState, Standing
from cchc_xl.consolidation.reports import (
    COLUMNS,
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
from cchc_xl.core.model import cell_ref, column_letter
from cchc_xl.core.reporting import DONE
from cchc_xl.core.units import Registry
from cchc_xl.errors import OfficeCell
from cchc_xl.formats.master.style import (
    append_row,
    border,
    font,
    header_row,
    in_our_font,
    new_sheet,
    set_widths,
    solid_fill,
    styled,
    table_row,
)
from cchc_xl.formats.xlsx.cells import print_setup
from cchc_xl.formats.xlsx.stream import Fill
from cchc_xl.table.sheets import REPORTS_META, STATUS, progress_sheet

TASK_TITLES = ["STT", "Đơn vị chủ trì", "Lĩnh vực", "Nhiệm vụ", "Thời gian hoàn thành", "Hạn (ngày)", "Tiến độ",
               "Kết quả / sản phẩm", "Ngày hoàn thành", "Số ngày trễ", "Khó khăn, vướng mắc", "Đề xuất", "Mã nhiệm vụ"]
SUBMITTED, SENT_BACK, MISSING = (s.label for s in (Standing.SUBMITTED, Standing.SENT_BACK, Standing.MISSING))
STATUS_FILL = {SUBMITTED: "C6EFCE", LATE: "FFEB9C", SENT_BACK: "FFC7CE", MISSING: "EDEDED"}   # by what is shown
# column B is wide: it holds the unit and area names of the tables above the task table too
TASK_WIDTHS = [5, 24, 13, 30, 12, 11, 14, 18, 11, 8, 16, 14, 11]
TASK_WRAPPED: list[float] = [0, 24, 13, 30, 12, 0, 0, 18, 0, 0, 16, 14, 0]
_ROW_PT = 12.75   # the least height LibreOffice gives a row left at the default: a chart below counts in these


def write_report_sheets(wb: Any, state: MasterState, registry: Registry) -> dict[str, Fill]:
    """The progress sheets (after our others), the status block and the hidden memory; the rows to stream."""
    fills = {}
    ordered = sorted(state.reports.values(), key=lambda r: (r.year, r.due))
    for i, rs in enumerate(ordered):
        rows = progress_rows(state, rs, registry)
        rs.sheet = _free_name(wb, rs.sheet or progress_sheet(rs.title))
        ws = new_sheet(wb, rs.sheet, 6 + i)
        first = _progress_sheet(ws, rs, rows)
        extras = list(rs.extras)
        fills[ws.title] = Fill(first, [task_values(n, r) + [rs.extras[t].get(r.task_id) for t in extras]
                                       for n, r in enumerate(rows, start=1)], TASK_WRAPPED + [18.0] * len(extras))
        _status_block(wb[STATUS], rs, unit_statuses(state, rs, rows))
    if state.reports:  # tens of thousands of records: streamed like the task rows
        meta = wb.create_sheet(REPORTS_META)
        append_row(meta, ["record", "key"])
        meta.sheet_state = "veryHidden"
        fills[REPORTS_META] = Fill(2, [record for rs in ordered for record in as_records(rs)])
    return fills


def _free_name(wb: Any, name: str) -> str:
    """``name``, or "name (2)"… when a sheet of the office's (or one written before) already has it (Excel compares
    sheet names without case): the office's own sheet is never taken over, and the name chosen is recorded."""
    taken = {n.casefold() for n in wb.sheetnames}
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{name[:31 - len(f' ({n})')]} ({n})"
    return candidate


def task_values(n: int, r: ProgressRow) -> list[Any]:
    """A row of a progress sheet's task table."""
    return [n, r.lead, r.area, r.task, r.deadline, r.due, r.status, r.result or None, r.done_date,
            r.days_late or None, r.difficulty or None, r.proposal or None, r.task_id]


def _progress_sheet(ws, rs: ReportState, rows: list[ProgressRow]) -> int:
    """Totals, per-unit and per-area tables, a chart; returns the row of the task table's prototype row."""
    from openpyxl.styles import Alignment

    set_widths(ws, TASK_WIDTHS)
    whole = Rate("Tổng cộng")
    for r in rows:
        whole.counts[r.status] += 1
        whole.overdue += r.overdue
    judged = f"; quá hạn xét đến ngày {rs.as_of:%d/%m/%Y}" if rs.as_of != rs.cutoff else ""
    append_row(ws, [styled(ws, f"TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH CCHC — {rs.title.upper()} (số liệu tính đến ngày "
                           f"{rs.cutoff:%d/%m/%Y}{judged})", font=font(bold=True, size=14))])
    append_row(ws, [f"{whole.total} nhiệm vụ: {whole.counts[DONE]} đã hoàn thành ({whole.rate:.0%}), "
                 f"{whole.counts[COLUMNS[1]]} đang thực hiện, {whole.counts[COLUMNS[2]]} chưa thực hiện, "
                 f"{whole.counts[COLUMNS[3]]} không thực hiện, {whole.counts[COLUMNS[4]]} chưa báo cáo; "
                 f"{whole.overdue} quá hạn."])
    row = 2                                   # the last row written
    by_unit = rates(rows, "lead")
    top = row + 2                             # the per-unit table's header
    row = _rate_table(ws, row, "Đơn vị chủ trì", by_unit, whole)
    row = _rate_table(ws, row, "Lĩnh vực", rates(rows, "area"), whole)
    append_row(ws, [])
    titles = TASK_TITLES + list(rs.extras)   # the office's own columns follow ours
    header_row(ws, titles)
    for col in range(len(TASK_TITLES) + 1, len(titles) + 1):
        ws.column_dimensions[column_letter(col)].width = 18
    header = row + 2
    wrap = Alignment(wrap_text=True, vertical="top")
    for col in range(1, len(titles) + 1):
        cell = ws.cell(header + 1, col)
        cell.alignment, cell.font, cell.border = wrap, font(), border()
        if col in (6, 9):
            cell.number_format = "dd/mm/yyyy"
    ws.freeze_panes = f"A{header + 1}"
    ws.auto_filter.ref = f"A{header}:{column_letter(len(titles))}{header + max(len(rows), 1)}"
    below = header + max(len(rows), 1) + 3
    chart_rows = 0
    if by_unit:  # below the task table: the page stays as wide as the table
        chart = _rate_chart(ws, top, len(by_unit))
        ws.add_chart(chart, f"B{below}")
        chart_rows = math.ceil(chart.height / 2.54 * 72 / _ROW_PT) + 1   # the whole chart inside the printed area
    print_setup(ws, header, 12)
    ws.print_area = f"A1:L{below + chart_rows}"   # the task id stays on screen only
    return header + 1


def _rate_table(ws, row: int, label: str, groups: list[Rate], whole: Rate) -> int:
    """After row ``row``: a blank row, a table of counts per group and its totals row; returns the last row."""
    append_row(ws, [])
    header_row(ws, [label, "Số nhiệm vụ", *COLUMNS, "Quá hạn", "Tỷ lệ hoàn thành"], skip=1)   # column B: wide
    pct = {"number_format": "0%"}
    bold = font(bold=True)
    for g in groups:   # a long unit name wraps in its column, its row as high as it needs
        table_row(ws, [g.name, g.total, *(g.counts[c] for c in COLUMNS), g.overdue, styled(ws, g.rate, **pct)],
                  skip=1, wrap=(2,))
    table_row(ws, [styled(ws, "Tổng cộng", font=bold), whole.total, *(whole.counts[c] for c in COLUMNS),
                   whole.overdue, styled(ws, whole.rate, font=bold, **pct)], skip=1)
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
    in_our_font(chart)
    return chart


def _status_block(ws, rs: ReportState, units: list[ReportUnit]) -> None:
    """Below the appendix's status: who sent the report, who sent it late, who has not."""
    counts = {s: sum(1 for u in units if _shown(u) == s) for s in (SUBMITTED, LATE, SENT_BACK, MISSING)}
    append_row(ws, [])
    append_row(ws, [styled(ws, f"BÁO CÁO {rs.title.upper()} — số liệu đến ngày {rs.cutoff:%d/%m/%Y}, hạn nộp "
                           f"{rs.due:%d/%m/%Y}", font=font(bold=True, size=13))])
    append_row(ws, [f"Đã nộp đúng hạn: {counts[SUBMITTED]} · Nộp muộn: {counts[LATE]} · Bị trả lại: {counts[SENT_BACK]} · "
                 f"Chưa nộp: {counts[MISSING]} (trên {len(units)} đơn vị có chủ trì nhiệm vụ)"])
    header_row(ws, ["Đơn vị", "Tình trạng", "Tệp", "Số nhiệm vụ", "Lỗi", "Cảnh báo", "Ngày nộp", "Ghi chú"])
    for u in units:   # every cell at the top of its row, long names and file names wrapped inside the page
        shown = _shown(u)
        table_row(ws, [u.unit, styled(ws, shown, fill=solid_fill(STATUS_FILL[shown])), u.file, u.tasks or None,
                       u.errors or None, u.warnings or None, styled(ws, _date(u.received), number_format="dd/mm/yyyy"),
                       u.note], wrap=(1, 3, 8))


def _shown(u: ReportUnit) -> str:
    return LATE if u.status == Standing.SUBMITTED and u.late else u.status.label


def _date(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


# --------------------------------------------------------------------------- reading back what the office added


def office_columns(sheet: str, rows: list[tuple]) -> dict[str, dict[str, Any]]:
    """The columns the office added right of a progress sheet's task table: title -> task id -> value.

    The sheet is rewritten from the master on every run; what the office typed there is carried only where it
    can follow its task: a column with a title in the table's header row, on a task's row. A value anywhere else
    beyond our columns stops the run (naming the cell) rather than being dropped without a word."""
    ours = len(TASK_TITLES)
    header = next((i for i, row in enumerate(rows) if list(row[:ours]) == TASK_TITLES), None)
    titles: dict[int, str] = {}
    if header is not None:
        taken = {t.casefold() for t in TASK_TITLES}
        for j, title in enumerate(rows[header][ours:], start=ours):
            if title is not None and str(title).strip():
                name, n = str(title).strip(), 1
                while name.casefold() in taken:
                    n += 1
                    name = f"{str(title).strip()} ({n})"
                titles[j] = name
                taken.add(name.casefold())
    out: dict[str, dict[str, Any]] = {title: {} for title in titles.values()}
    for i, row in enumerate(rows):
        for j in range(ours, len(row)):
            if row[j] is None or i == header:
                continue
            where = cell_ref(i + 1, j + 1)
            if header is None or j not in titles:
                raise OfficeCell(sheet, where, "ô bên phải bảng nhiệm vụ có nội dung nhưng cột không có tiêu đề ở dòng "
                                 "tiêu đề bảng: đặt tiêu đề cho cột để được giữ lại, hoặc chuyển sang trang riêng.")
            tid = row[ours - 1] if i > header else None
            if not isinstance(tid, str) or not tid:
                raise OfficeCell(sheet, where, "ô không nằm trên dòng của một nhiệm vụ (cột Mã nhiệm vụ trống) nên không "
                                 "giữ được khi trang được viết lại: chuyển sang trang riêng.")
            out[titles[j]][tid] = row[j]
    return out
