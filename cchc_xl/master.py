"""Adapter: the master workbook on disk <-> ``MasterState`` (openpyxl).

Totals and cross-tabs are written as values computed here from the rows, so a
re-run can never leave a stale total; the hidden ``_cchc_master`` sheet keeps
what the next run needs (period, each unit's file and content hash). The file
is replaced atomically and the previous version kept as NAME.bak.xlsx.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import Counter, defaultdict
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from . import TEMPLATE_VERSION
from .consolidate import ACCEPTED, CHECKS, MASTER_COLUMNS, MISSING, REJECTED, CrossCheck, MasterState, UnitState
from .files import OutputError, atomic_write
from .periods import Period, PeriodError
from .text import to_roman
from .xlsx import put

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
        wb = openpyxl.load_workbook(path)
    except Exception as exc:
        raise MasterError(f"{path}: không đọc được tệp tổng hợp cũ ({type(exc).__name__}). Hãy chọn tên khác "
                          "cho -o hoặc khôi phục từ bản .bak.xlsx.") from None
    if META not in wb.sheetnames or SUMMARY not in wb.sheetnames:
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
    header = [c.value for c in ws[1]]
    keys = {title: key for key, title in MASTER_COLUMNS}
    rows = []
    for values in ws.iter_rows(min_row=2, values_only=True):
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
    return MasterState(period, rows, units, [])


# --------------------------------------------------------------------------- writing
def write_master(path: str | os.PathLike, state: MasterState, areas: Any, registry: Any) -> Path:
    """Write the master atomically; the previous file becomes NAME.bak.xlsx."""
    path = Path(path)
    lock = path.with_name("~$" + path.name)
    if lock.exists():
        raise OutputError(f"{path}: tệp tổng hợp đang mở trong Excel ({lock.name}). Hãy đóng tệp rồi chạy lại.")
    wb = build_workbook(state, areas, registry)

    def write(tmp: str) -> None:
        wb.save(tmp)
        if path.exists():
            backup = backup_path(path)
            atomic_write(backup, lambda b: shutil.copyfile(path, b))

    return atomic_write(path, write)


def build_workbook(state: MasterState, areas: Any, registry: Any):
    from openpyxl import Workbook

    wb = Workbook()
    status = wb.active
    status.title = STATUS
    _status_sheet(status, state)
    _summary_sheet(wb.create_sheet(SUMMARY), state)
    _crosstab(wb.create_sheet(BY_AREA), "Lĩnh vực", _by_area(state, areas), state, "Số nhiệm vụ theo lĩnh vực")
    _crosstab(wb.create_sheet(BY_LEAD), "Đơn vị chủ trì", _by_lead(state), state,
              "Số nhiệm vụ theo đơn vị chủ trì", by_unit=False, ceilings=_ceilings(registry))
    _crosstab(wb.create_sheet(BY_QUARTER), "Thời hạn", _by_quarter(state), state, "Số nhiệm vụ theo thời hạn",
              by_unit=False)
    _cross_sheet(wb.create_sheet(CROSS), state.checks)
    for ws in wb.worksheets:
        _print_setup(ws)
    _meta_sheet(wb.create_sheet(META), state)
    return wb


def _print_setup(ws) -> None:
    """Landscape, one page wide: what the office prints and sends on."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _font(bold=False, color=None, size=11):
    from openpyxl.styles import Font

    return Font(bold=bold, color=color, size=size)


def _fill(rgb: str):
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor="FF" + rgb)


def _header(ws, row: int, titles: list[str]) -> None:
    from openpyxl.styles import Alignment

    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row, col, title)
        cell.font, cell.fill = _font(bold=True), _fill("DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _widths(ws, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _summary_sheet(ws, state: MasterState) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.table import Table, TableStyleInfo

    titles = [title for _, title in MASTER_COLUMNS]
    ws.append(titles)
    for row in state.rows:
        ws.append([None] * len(titles))
        r = ws.max_row
        for col, (key, _) in enumerate(MASTER_COLUMNS, start=1):
            cell = ws.cell(r, col)
            put(cell, row.get(key))
            if key == "budget":
                cell.number_format = "#,##0"
            elif key == "due":
                cell.number_format = "dd/mm/yyyy"
            elif key in ("task", "product", "coord_units"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = max(ws.max_row, 2)
    table = Table(displayName=TABLE_NAME, ref=f"A1:{_col(len(titles))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = "A2"
    _widths(ws, [6, 24, 24, 48, 26, 24, 26, 18, 12, 16, 18, 22, 36, 8, 14, 17])


def _col(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def _status_sheet(ws, state: MasterState) -> None:
    counts = Counter(u.status for u in state.units.values())
    ws["A1"] = "TÌNH TRẠNG NỘP PHỤ LỤC CCHC" + (f" — KỲ {state.period}" if state.period else "")
    ws["A1"].font = _font(bold=True, size=14)
    ws["A2"] = (f"Đã nộp: {counts[ACCEPTED]}/{len(state.units)} · Bị trả lại: {counts[REJECTED]} · "
                f"Chưa nộp: {counts[MISSING]}")
    _header(ws, 4, ["Đơn vị", "Tình trạng", "Tệp", "Số nhiệm vụ", "Lỗi", "Cảnh báo", "Thời điểm", "Ghi chú"])
    for i, u in enumerate(state.units.values(), start=5):
        for col, value in enumerate([u.unit, u.status, u.file, u.tasks or None, u.errors or None,
                                     u.warnings or None, u.time, u.note], start=1):
            put(ws.cell(i, col), value)
        ws.cell(i, 2).fill = _fill(STATUS_FILL.get(u.status, "FFFFFF"))
    ws.freeze_panes = "A5"
    _widths(ws, [36, 14, 40, 12, 8, 10, 17, 60])


def _area_name(text: str, areas: Any) -> str:
    if not text:
        return "(không ghi lĩnh vực)"
    found = areas.match(text) if areas else None
    return found.name if found else text


def _by_area(state: MasterState, areas: Any) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in state.rows:
        groups[_area_name(row["area"], areas)].append(row)
    order = {a.name: i for i, a in enumerate(areas.areas)} if areas else {}
    return sorted(groups.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def _by_lead(state: MasterState) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in state.rows:
        groups[row["lead_unit"] or "(không ghi)"].append(row)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _quarter_label(year: int, quarter: int) -> str:
    return f"Quý {to_roman(quarter)}/{year}"


def _by_quarter(state: MasterState) -> list[tuple[str, list[dict]]]:
    period = state.period
    dues = [r["due"] for r in state.rows if isinstance(r.get("due"), dt.date)]
    first = period.start if period else min((d.year for d in dues), default=dt.date.today().year)
    last = period.end if period and period.end else max([first, *(d.year for d in dues)])
    labels = [_quarter_label(y, q) for y in range(first, last + 1) for q in range(1, 5)]
    groups: dict[str, list[dict]] = {label: [] for label in labels}
    groups["Ngoài kỳ"], groups["Không xác định (thường xuyên, theo yêu cầu…)"] = [], []
    for row in state.rows:
        due = row.get("due")
        if not isinstance(due, dt.date):
            groups["Không xác định (thường xuyên, theo yêu cầu…)"].append(row)
            continue
        label = _quarter_label(due.year, (due.month - 1) // 3 + 1)
        groups[label if label in groups else "Ngoài kỳ"].append(row)
    return list(groups.items())


def _ceilings(registry: Any) -> dict[str, int]:
    return {u.name: u.budget_ceiling for u in registry.units if u.budget_ceiling} if registry else {}


def _crosstab(ws, label: str, groups: list[tuple[str, list[dict]]], state: MasterState, title: str,
              by_unit: bool = True, ceilings: dict[str, int] | None = None) -> None:
    """Rows = ``groups``; columns = task count, budget total, then one count column per sending unit."""
    senders = [u for u in state.units if any(r["unit"] == u for r in state.rows)] if by_unit else []
    titles = [label, "Số nhiệm vụ", "Kinh phí (đồng)"] + (["Trần kinh phí (đồng)"] if ceilings is not None else [])
    titles += senders
    _header(ws, 1, titles)
    for i, (name, rows) in enumerate(groups, start=2):
        total = sum(r["budget"] for r in rows if isinstance(r.get("budget"), (int, float)))
        values: list[Any] = [name, len(rows), total]
        if ceilings is not None:
            values.append(ceilings.get(name))
        values += [sum(1 for r in rows if r["unit"] == s) or None for s in senders]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(i, col)
            put(cell, value)
            if titles[col - 1].startswith(("Kinh phí", "Trần")):
                cell.number_format = "#,##0"
        if ceilings is not None and ceilings.get(name) and total > ceilings[name]:
            ws.cell(i, 3).fill = _fill("FFC7CE")
    n = len(groups)
    total_row = n + 2
    ws.cell(total_row, 1, "Tổng cộng").font = _font(bold=True)
    ws.cell(total_row, 2, len(state.rows)).font = _font(bold=True)
    budget = ws.cell(total_row, 3, sum(r["budget"] for r in state.rows if isinstance(r.get("budget"), (int, float))))
    budget.font, budget.number_format = _font(bold=True), "#,##0"
    _widths(ws, [44, 12, 18] + [18] * (len(titles) - 3))
    ws.freeze_panes = "B2"
    if n:
        ws.add_chart(_bar_chart(ws, n, title, label, columns=not by_unit and ceilings is None),
                     f"A{total_row + 3}")  # below the table: printed on the same width


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

    _header(ws, 1, ["Mức độ", "Loại", "Mã", "Đơn vị", "Tệp", "Dòng", "Nội dung", "Đơn vị liên quan",
                    "Tệp liên quan", "Dòng liên quan"])
    labels = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}
    for i, c in enumerate(checks, start=2):
        values = [labels[c.severity], CHECKS[c.code][1], c.code, c.unit, c.file, c.row, c.message,
                  c.other_unit, c.other_file, c.other_row]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(i, col)
            put(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if checks:
        ws.auto_filter.ref = f"A1:J{len(checks) + 1}"
    _widths(ws, [10, 34, 20, 28, 36, 7, 70, 28, 36, 7])


def _meta_sheet(ws, state: MasterState) -> None:
    ws.append(["period", str(state.period) if state.period else ""])
    ws.append(["template_version", TEMPLATE_VERSION])
    for u in state.units.values():
        ws.append(["unit", *asdict(u).values()])
    ws.sheet_state = "veryHidden"
