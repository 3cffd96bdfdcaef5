"""The sheets of the master workbook, written with openpyxl (the big sheets' rows are streamed afterwards by
``xlsx.stream.fill_rows``): status, the 'Tổng hợp' table as the office left it, the cross-tabs with native
charts, the cross-checks and the hidden state.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cchc_xl import TEMPLATE_VERSION
from cchc_xl.check.catalog import kind_of
from cchc_xl.consolidation.crosstabs import Crosstab, crosstabs
from cchc_xl.consolidation.model import (
    MASTER_COLUMNS,
    OLD_STAMP,
    STAMP,
    CrossCheck,
    MasterState,
    Standing,
    record,
)
from cchc_xl.core.areas import AreaCatalog
from cchc_xl.core.model import Formula, column_letter
from cchc_xl.core.units import Registry
from cchc_xl.formats.master.style import (
    append_row,
    border,
    font,
    header_row,
    in_our_font,
    link_to,
    new_sheet,
    set_widths,
    solid_fill,
    styled,
    table_row,
    unit_width,
)
from cchc_xl.formats.xlsx.cells import print_setup, put, row_height
from cchc_xl.table.sheets import (
    BY_AREA,
    BY_LEAD,
    BY_QUARTER,
    CROSS,
    MASTER_META,
    STATUS,
    SUMMARY,
)

TABLE_NAME = "TongHop"
STATUS_FILL = {Standing.SUBMITTED: "C6EFCE", Standing.SENT_BACK: "FFC7CE", Standing.MISSING: "EDEDED"}


@dataclass
class Column:
    key: str | None    # one of MASTER_KEYS, or None for a column the office added
    title: str


@dataclass
class SummaryLayout:
    """How the office left 'Tổng hợp': where the header is, what is above it, which columns in which order."""

    header_row: int = 1
    above: list[list[Any]] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)       # merged ranges among the rows above
    columns: list[Column] = field(default_factory=lambda: [Column(k, t) for k, t in MASTER_COLUMNS])
    user_sheets: list[str] = field(default_factory=list)  # the office's own sheets, carried over

    @property
    def extras(self) -> list[str]:
        return [c.title for c in self.columns if c.key is None]



def build_workbook(wb: Any, state: MasterState, areas: AreaCatalog, registry: Registry) -> Any:
    """Our sheets, in front of whatever ``wb`` holds (the office's own sheets)."""
    layout = state.layout or SummaryLayout()
    _status_sheet(new_sheet(wb, STATUS, 0), state)
    _summary_sheet(new_sheet(wb, SUMMARY, 1), state, layout)
    for i, (name, tab) in enumerate(zip((BY_AREA, BY_LEAD, BY_QUARTER), crosstabs(state, areas, registry)), start=2):
        _crosstab(new_sheet(wb, name, i), tab)
    _cross_sheet(new_sheet(wb, CROSS, 5), state.checks)
    _meta_sheet(wb.create_sheet(MASTER_META), state, layout)
    wb.active = 0
    for sheet in wb.worksheets[1:]:
        sheet.sheet_view.tabSelected = False
    return wb


_SUMMARY_WIDTHS = {"stt": 5, "unit": 16, "area": 14, "task": 36, "product": 16, "lead_unit": 16, "coord_units": 16,
                   "deadline": 12, "due": 11, "budget": 13, "budget_source": 12, "note": 14, "task_id": 12,
                   "source_file": 30, "source_row": 9, "file_id": 14, "merged_at": 17}
PROVENANCE = ("task_id", "source_file", "source_row", "file_id", "merged_at")   # on screen, not on paper
_NOT_WRAPPED = ("stt", "due", "budget", "task_id", "source_row", "file_id", "merged_at")


def summary_widths(layout: SummaryLayout) -> list[float]:
    """Per column of 'Tổng hợp': its width where its text wraps, 0 where it does not (for row heights)."""
    return [0 if c.key in _NOT_WRAPPED else _SUMMARY_WIDTHS.get(c.key or "", 18) for c in layout.columns]


def _summary_sheet(ws, state: MasterState, layout: SummaryLayout) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

    titles = [c.title for c in layout.columns]
    # each column at least as wide as the longest word of its title plus the filter arrow
    set_widths(ws, [max(_SUMMARY_WIDTHS.get(c.key or "", 18), max(map(len, c.title.split() or [""])) + 4)
                 for c in layout.columns])
    for row, values in enumerate(layout.above, start=1):  # what the office put above the table
        for col, value in enumerate(values, start=1):
            if isinstance(value, Formula):
                ws.cell(row, col).value = value.text  # the office's own formula in its own master: stays one
            elif value is not None:
                put(ws.cell(row, col), value)
    for ref in layout.merges:
        ws.merge_cells(ref)
    header = layout.header_row
    ws.freeze_panes = f"A{header + 1}"
    for col, title in enumerate(titles, start=1):
        put(ws.cell(header, col), title)
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    formats = {"budget": {"number_format": "#,##0", "alignment": top}, "due": {"number_format": "dd/mm/yyyy",
               "alignment": top}, "merged_at": {"number_format": "dd/mm/yyyy hh:mm", "alignment": top},
               "source_row": {"alignment": top}, "file_id": {"alignment": top}, "stt": {"alignment": top},
               "task_id": {"alignment": top},
               "task": {"alignment": wrap}, "product": {"alignment": wrap}, "coord_units": {"alignment": wrap}}
    # One prototype row carrying each column's style; write_master streams the real rows in its place.
    for col, column in enumerate(layout.columns, start=1):
        cell = ws.cell(header + 1, col)
        cell.font, cell.border = font(), border()   # borders of its own: LibreOffice draws no table style
        for name, value in formats.get(column.key or "", {"alignment": wrap}).items():
            setattr(cell, name, value)
        head = ws.cell(header, col)
        head.font, head.alignment = font(bold=True), wrap   # wrapped: a short title never hides behind the arrow
        head.fill, head.border = solid_fill("DDEBF7"), border()
    ws.row_dimensions[header].height = row_height(titles, [ws.column_dimensions[column_letter(c)].width
                                                           for c in range(1, len(titles) + 1)], 2, bold=True)
    last = header + max(len(state.rows), 1)
    ref = f"A{header}:{column_letter(len(titles))}{last}"
    table = Table(displayName=TABLE_NAME, ref=ref, autoFilter=AutoFilter(ref=ref),
                  tableColumns=[TableColumn(id=i, name=t) for i, t in enumerate(titles, start=1)])
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    keys = [c.key for c in layout.columns]
    printed = len(keys)
    while printed and keys[printed - 1] in PROVENANCE:   # the provenance columns at the end stay off the paper
        printed -= 1
    print_setup(ws, header, printed or None)
    if printed and printed < len(keys):
        ws.print_area = f"A1:{column_letter(printed)}{last}"


STATUS_WIDTHS = [30, 13, 24, 10, 7, 9, 16, 36, 20]


def _status_sheet(ws, state: MasterState) -> None:
    counts = Counter(u.status for u in state.units.values())
    widths = [unit_width(state.units), *STATUS_WIDTHS[1:]]
    set_widths(ws, widths)
    ws.freeze_panes = "A5"
    title = "TÌNH TRẠNG NỘP PHỤ LỤC CCHC" + (f" — KỲ {state.period}" if state.period else "")
    append_row(ws, [styled(ws, title, font=font(bold=True, size=14))])
    append_row(ws, [styled(ws, f"Đã nộp: {counts[Standing.SUBMITTED]}/{len(state.units)} · Bị trả lại: {counts[Standing.SENT_BACK]} · "
                           f"Chưa nộp: {counts[Standing.MISSING]}", font=font())])
    append_row(ws, [])
    header_row(ws, ["Đơn vị", "Tình trạng", "Tệp", "Số nhiệm vụ", "Lỗi", "Cảnh báo", "Thời điểm", "Ghi chú",
                 "Bản đánh dấu"])
    for r, u in enumerate(state.units.values(), start=5):
        marked = _annotated(u.note)
        values = [u.unit, styled(ws, u.status.label, fill=solid_fill(STATUS_FILL.get(u.status, "FFFFFF"))), u.file,
                  u.tasks or None, u.errors or None, u.warnings or None,
                  styled(ws, stamp_time(u.time), number_format="dd/mm/yyyy hh:mm"), u.note, None]
        table_row(ws, values, wrap=(1, 3, 8))   # every cell at the top: the status beside its unit
        if marked:   # the path itself is in the note, wrapped inside the page
            link_to(ws.cell(r, len(values)), marked, MARKED_LINK)
    print_setup(ws, 4)


MARKED_LINK = "Mở bản đánh dấu"   # what the link to a sent-back submission's annotated copy shows


def stamp_time(text: Any) -> Any:
    """'25/11/2026 22:48:05' (how a run stamps its time in the master's memory; older masters: to the minute) as
    a date-time a sheet can sort."""
    import datetime as dt

    if not isinstance(text, str) or not text:
        return text or None
    for layout in (STAMP, OLD_STAMP):
        try:
            return dt.datetime.strptime(text, layout)
        except ValueError:
            continue
    return text


def _annotated(note: str) -> str:
    """The annotated copy a rejection note names (always in kiem-tra/ beside the master)."""
    import re

    m = re.search(r"Bản đánh dấu: (.+?)\s*$", note or "")
    return f"kiem-tra/{m.group(1).replace(chr(92), '/').rsplit('/', 1)[-1]}" if m else ""


def _crosstab(ws, tab: Crosstab) -> None:
    """Rows = groups; columns = task count, budget total, [ceiling,] one count column per sending unit."""
    titles = [tab.label, "Số nhiệm vụ", "Kinh phí (đồng)"] + (["Trần kinh phí (đồng)"] if tab.with_ceiling else [])
    titles += tab.senders
    set_widths(ws, [44, 12, 18] + [unit_width([s], 12, 24) for s in titles[3:]])
    ws.freeze_panes = "B2"
    header_row(ws, titles)
    money = {"number_format": "#,##0"}
    for row in tab.rows:
        over = {"fill": solid_fill("FFC7CE")} if row.over_ceiling else {}
        values: list[Any] = [row.name, row.tasks, styled(ws, row.budget, **money, **over)]
        if tab.with_ceiling:
            values.append(styled(ws, row.ceiling, **money))
        values += [row.per_unit.get(s) or None for s in tab.senders]
        table_row(ws, values, wrap=(1,))
    bold = font(bold=True)
    totals: list[Any] = [styled(ws, "Tổng cộng", font=bold), styled(ws, tab.total_tasks, font=bold),
                         styled(ws, tab.total_budget, font=bold, **money)]
    if tab.with_ceiling:
        totals.append(None)
    totals += [styled(ws, sum(r.per_unit.get(s) or 0 for r in tab.rows), font=bold) for s in tab.senders]
    table_row(ws, totals)
    if tab.rows:
        most = max(r.tasks for r in tab.rows)
        ws.add_chart(_bar_chart(ws, len(tab.rows), tab.title, tab.label, tab.over_time, most),
                     f"A{ws.max_row + 3}")  # below the table: printed on the same width
    print_setup(ws, 1)


def _bar_chart(ws, n: int, title: str, label: str, columns: bool, most: int = 1):
    """Native bar chart of the 'Số nhiệm vụ' column; columns (time) or bars (categories). A count axis steps by
    whole numbers (never 0, 0.5, 1 …)."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type, chart.style, chart.title = ("col" if columns else "bar"), 10, title
    chart.y_axis.title, chart.x_axis.title = "Số nhiệm vụ", label
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=n + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n + 1))
    chart.x_axis.delete = chart.y_axis.delete = False  # Excel hides axes that do not say so
    if not columns:
        chart.x_axis.scaling.orientation = "maxMin"    # first row at the top, as in the table
    chart.y_axis.majorGridlines = None
    chart.y_axis.number_format, chart.y_axis.scaling.min = "0", 0
    chart.y_axis.majorUnit = max(1, -(-most // 8))
    chart.legend = None
    chart.width = 22 if columns else 18
    chart.height = 9 if columns else max(7.5, 0.9 * n + 3)
    in_our_font(chart)
    return chart


def _cross_sheet(ws, checks: list[CrossCheck]) -> None:
    from openpyxl.styles import Alignment

    set_widths(ws, [9, 22, 16, 18, 20, 6, 46, 18, 20, 8])
    ws.column_dimensions["C"].hidden = True   # the rule's code: on paper a clerk reads its kind ("Loại")
    ws.freeze_panes = "A2"
    if checks:
        ws.auto_filter.ref = f"A1:J{len(checks) + 1}"
    header_row(ws, ["Mức độ", "Loại", "Mã", "Đơn vị", "Tệp", "Dòng", "Nội dung", "Đơn vị liên quan",
                 "Tệp liên quan", "Dòng liên quan"])
    wrap = Alignment(wrap_text=True, vertical="top")
    append_row(ws, [styled(ws, None, alignment=wrap, font=font(), border=border())
                    for _ in range(10)])   # prototype row: see _summary_sheet
    print_setup(ws, 1)


CROSS_WRAPPED: list[float] = [0, 22, 0, 18, 20, 0, 46, 18, 20, 0]


_LEVELS = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}


def cross_values(c: CrossCheck) -> list[Any]:
    """A row of 'Đối chiếu' for one cross-check."""
    return [_LEVELS[c.severity], kind_of(c.code).title(), c.code, c.unit, c.file, c.row, c.message,
            c.other_unit, c.other_file, c.other_row]


def _meta_sheet(ws, state: MasterState, layout: SummaryLayout) -> None:
    append_row(ws, ["period", str(state.period) if state.period else ""])
    append_row(ws, ["template_version", TEMPLATE_VERSION])
    append_row(ws, ["columns", ",".join(c.key for c in layout.columns if c.key)])
    for u in state.units.values():
        append_row(ws, ["unit", *record(u)])
    ws.sheet_state = "veryHidden"
