"""Adapter: the master workbook on disk <-> ``MasterState`` (openpyxl).

Totals and cross-tabs are values computed from the rows (``consolidate.crosstabs``),
so a re-run can never leave a stale total; the hidden ``_cchc_master`` sheet keeps
what the next run needs (period, each unit's file and content hash). The file
is replaced atomically and the previous version kept as NAME.bak.xlsx.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import warnings
from collections import Counter
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from . import TEMPLATE_VERSION
from .consolidate import (ACCEPTED, CHECKS, MASTER_COLUMNS, MASTER_KEYS, MISSING, REJECTED, CrossCheck, Crosstab,
                          MasterState, UnitState, crosstabs)
from .files import OutputError, atomic_write
from .periods import Period, PeriodError
from .xlsx import fill_rows

SUMMARY, STATUS, BY_AREA, BY_LEAD, BY_QUARTER, CROSS = (
    "Tổng hợp", "Tình trạng nộp", "Theo lĩnh vực", "Theo đơn vị chủ trì", "Theo thời hạn", "Đối chiếu")
META = "_cchc_master"
TABLE_NAME = "TongHop"
STATUS_FILL = {ACCEPTED: "C6EFCE", REJECTED: "FFC7CE", MISSING: "EDEDED"}


class MasterError(Exception):
    """The master cannot be read or written; the message is for the user."""


def backup_path(master: Path) -> Path:
    return master.with_name(f"{master.stem}.bak{master.suffix}")


# --------------------------------------------------------------------------- reading
def read_master(path: str | os.PathLike) -> MasterState | None:
    """The state an earlier run left in ``path``; None when there is no master yet."""
    import openpyxl

    path = Path(path)
    if not path.exists():
        return None
    try:
        wb = openpyxl.load_workbook(path, read_only=True)  # streamed: a master may hold 100,000 rows
    except Exception as exc:
        raise MasterError(f"{path}: không đọc được tệp tổng hợp cũ ({type(exc).__name__}). Hãy chọn tên khác "
                          "cho -o hoặc khôi phục từ bản .bak.xlsx.") from None
    if META not in wb.sheetnames or SUMMARY not in wb.sheetnames:
        wb.close()
        raise MasterError(f"{path}: tệp này không phải tệp tổng hợp của cchc-xl; không ghi đè. Hãy chọn tên khác cho -o.")
    meta = wb[META]
    info: dict[str, Any] = {}
    units: dict[str, UnitState] = {}
    names = [f.name for f in fields(UnitState)]
    for row in meta.iter_rows(values_only=True):
        if row and row[0] == "unit":
            data = dict(zip(names, row[1:]))
            units[data["unit"]] = UnitState(**{k: ("" if v is None else v) for k, v in data.items()})
        elif row and row[0]:
            info[row[0]] = row[1]
    try:
        period = Period.parse(str(info["period"])) if info.get("period") else None
    except PeriodError:
        period = None
    ws = wb[SUMMARY]
    stream = ws.iter_rows(values_only=True)
    header = list(next(stream, ()))
    keys = {title: key for key, title in MASTER_COLUMNS}
    rows = []
    for values in stream:
        if not any(v is not None for v in values):
            continue
        row = {key: None for key, _ in MASTER_COLUMNS}
        row.update({keys[h]: v for h, v in zip(header, values) if h in keys})
        if isinstance(row.get("due"), dt.datetime):
            row["due"] = row["due"].date()
        for key in ("unit", "area", "task", "product", "lead_unit", "coord_units", "deadline", "budget_source",
                    "note", "source_file", "file_id", "merged_at"):
            row[key] = "" if row[key] is None else row[key]
        rows.append(row)
    wb.close()
    return MasterState(period, rows, units, [])


# --------------------------------------------------------------------------- writing
def write_master(path: str | os.PathLike, state: MasterState, areas: Any, registry: Any) -> Path:
    """Write the master atomically; the previous file becomes NAME.bak.xlsx."""
    path = Path(path)
    lock = path.with_name("~$" + path.name)
    if lock.exists():
        raise OutputError(f"{path}: tệp tổng hợp đang mở trong Excel ({lock.name}). Hãy đóng tệp rồi chạy lại.")
    wb = build_workbook(state, areas, registry)

    fills = {SUMMARY: [[row.get(key) for key in MASTER_KEYS] for row in state.rows],
             CROSS: [_cross_values(c) for c in state.checks]}

    def write(tmp: str) -> None:
        wb.save(tmp)
        fill_rows(Path(tmp), fills)  # the big sheets' rows, streamed (see xlsx.py)
        if path.exists():
            backup = backup_path(path)
            atomic_write(backup, lambda b: shutil.copyfile(path, b))

    return atomic_write(path, write)


def build_workbook(state: MasterState, areas: Any, registry: Any):
    """The master as a streaming (write-only) workbook: 100,000 rows stay cheap."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    _status_sheet(_printable(wb, STATUS), state)
    _summary_sheet(_printable(wb, SUMMARY), state)
    for name, tab in zip((BY_AREA, BY_LEAD, BY_QUARTER), crosstabs(state, areas, registry)):
        _crosstab(_printable(wb, name), tab)
    _cross_sheet(_printable(wb, CROSS), state.checks)
    _meta_sheet(wb.create_sheet(META), state)
    return wb


def _printable(wb, title: str):
    """A new sheet printed landscape, one page wide: what the office prints and sends on.
    (Write-only sheets take their properties before the first row is written.)"""
    ws = wb.create_sheet(title)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def _font(bold=False, color=None, size=11):
    from openpyxl.styles import Font

    return Font(bold=bold, color=color, size=size)


def _fill(rgb: str):
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor="FF" + rgb)


def _cell(ws, value: Any, **style: Any):
    """A streamed cell: copied text that starts with '=' stays text, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


def _header(ws, titles: list[str]) -> None:
    from openpyxl.styles import Alignment

    bold, fill, wrap = _font(bold=True), _fill("DDEBF7"), Alignment(wrap_text=True, vertical="center")
    ws.append([_cell(ws, t, font=bold, fill=fill, alignment=wrap) for t in titles])


def _widths(ws, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _summary_sheet(ws, state: MasterState) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

    titles = [title for _, title in MASTER_COLUMNS]
    _widths(ws, [6, 24, 24, 48, 26, 24, 26, 18, 12, 16, 18, 22, 36, 8, 14, 17])
    ws.freeze_panes = "A2"
    ws.append(titles)
    wrap = Alignment(wrap_text=True, vertical="top")
    formats = {"budget": {"number_format": "#,##0"}, "due": {"number_format": "dd/mm/yyyy"},
               "task": {"alignment": wrap}, "product": {"alignment": wrap}, "coord_units": {"alignment": wrap}}
    # One prototype row carrying each column's style; write_master streams the real rows in its place.
    ws.append([_cell(ws, None, **formats.get(key, {})) for key, _ in MASTER_COLUMNS])
    ref = f"A1:{_col(len(titles))}{max(len(state.rows) + 1, 2)}"
    table = Table(displayName=TABLE_NAME, ref=ref, autoFilter=AutoFilter(ref=ref),
                  tableColumns=[TableColumn(id=i, name=t) for i, t in enumerate(titles, start=1)])
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    with warnings.catch_warnings():  # openpyxl warns in write-only mode; the columns are given above
        warnings.simplefilter("ignore")
        ws.add_table(table)


def _col(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def _status_sheet(ws, state: MasterState) -> None:
    counts = Counter(u.status for u in state.units.values())
    _widths(ws, [36, 14, 40, 12, 8, 10, 17, 60])
    ws.freeze_panes = "A5"
    title = "TÌNH TRẠNG NỘP PHỤ LỤC CCHC" + (f" — KỲ {state.period}" if state.period else "")
    ws.append([_cell(ws, title, font=_font(bold=True, size=14))])
    ws.append([f"Đã nộp: {counts[ACCEPTED]}/{len(state.units)} · Bị trả lại: {counts[REJECTED]} · "
               f"Chưa nộp: {counts[MISSING]}"])
    ws.append([])
    _header(ws, ["Đơn vị", "Tình trạng", "Tệp", "Số nhiệm vụ", "Lỗi", "Cảnh báo", "Thời điểm", "Ghi chú"])
    for u in state.units.values():
        ws.append([_cell(ws, u.unit), _cell(ws, u.status, fill=_fill(STATUS_FILL.get(u.status, "FFFFFF"))),
                   _cell(ws, u.file), u.tasks or None, u.errors or None, u.warnings or None, _cell(ws, u.time),
                   _cell(ws, u.note)])


def _crosstab(ws, tab: Crosstab) -> None:
    """Rows = groups; columns = task count, budget total, [ceiling,] one count column per sending unit."""
    titles = [tab.label, "Số nhiệm vụ", "Kinh phí (đồng)"] + (["Trần kinh phí (đồng)"] if tab.with_ceiling else [])
    titles += tab.senders
    _widths(ws, [44, 12, 18] + [18] * (len(titles) - 3))
    ws.freeze_panes = "B2"
    _header(ws, titles)
    money = {"number_format": "#,##0"}
    for row in tab.rows:
        over = {"fill": _fill("FFC7CE")} if row.over_ceiling else {}
        values: list[Any] = [_cell(ws, row.name), row.tasks, _cell(ws, row.budget, **money, **over)]
        if tab.with_ceiling:
            values.append(_cell(ws, row.ceiling, **money))
        values += [row.per_unit.get(s) or None for s in tab.senders]
        ws.append(values)
    bold = _font(bold=True)
    ws.append([_cell(ws, "Tổng cộng", font=bold), _cell(ws, tab.total_tasks, font=bold),
               _cell(ws, tab.total_budget, font=bold, **money)])
    if tab.rows:
        ws.add_chart(_bar_chart(ws, len(tab.rows), tab.title, tab.label, tab.over_time),
                     f"A{len(tab.rows) + 5}")  # below the table: printed on the same width


def _bar_chart(ws, n: int, title: str, label: str, columns: bool):
    """Native bar chart of the 'Số nhiệm vụ' column; columns (time) or bars (categories)."""
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
    chart.legend = None
    chart.width = 22 if columns else 18
    chart.height = 9 if columns else max(7.5, 0.9 * n + 3)
    return chart


def _cross_sheet(ws, checks: list[CrossCheck]) -> None:
    from openpyxl.styles import Alignment

    _widths(ws, [10, 34, 20, 28, 36, 7, 70, 28, 36, 7])
    ws.freeze_panes = "A2"
    if checks:
        ws.auto_filter.ref = f"A1:J{len(checks) + 1}"
    _header(ws, ["Mức độ", "Loại", "Mã", "Đơn vị", "Tệp", "Dòng", "Nội dung", "Đơn vị liên quan",
                 "Tệp liên quan", "Dòng liên quan"])
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append([_cell(ws, None, alignment=wrap) for _ in range(10)])  # prototype row: see _summary_sheet


_LEVELS = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}


def _cross_values(c: CrossCheck) -> list[Any]:
    return [_LEVELS[c.severity], CHECKS[c.code][1], c.code, c.unit, c.file, c.row, c.message,
            c.other_unit, c.other_file, c.other_row]


def _meta_sheet(ws, state: MasterState) -> None:
    ws.append(["period", str(state.period) if state.period else ""])
    ws.append(["template_version", TEMPLATE_VERSION])
    for u in state.units.values():
        ws.append(["unit", *asdict(u).values()])
    ws.sheet_state = "veryHidden"
