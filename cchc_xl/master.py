"""Adapter: the master workbook on disk <-> ``MasterState`` (openpyxl).

The master is the one file the office keeps, and it edits it by hand between runs.
What a run carries over, so that nothing typed there is lost:

* the 'Tổng hợp' table found by its header row wherever it now is (a title row
  inserted above it, columns dragged into another order), with the rows above it;
* columns the office added (their values follow their rows; a resubmitted task
  keeps them when its text is unchanged) and formulas it typed (kept as formulas,
  their relative references moved with their rows, their last results kept);
* sheets of its own (copied with openpyxl, so shapes and form controls on them are
  not kept; values, styles, formulas, charts and images are).

A column this program wrote that is no longer found (renamed or deleted) stops the
run: guessing could put one column's values under another's title. Totals and
cross-tabs are values computed from the rows (``consolidate.crosstabs``), so a re-run
can never leave a stale total; the very hidden ``_cchc_master`` sheet keeps what the
next run needs (period, columns, each unit's file and content hash). The file is
replaced atomically and the previous version kept as NAME.bak.xlsx.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import warnings
import zipfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from . import TEMPLATE_VERSION
from .consolidate import (ACCEPTED, CHECKS, MASTER_COLUMNS, MASTER_KEYS, MISSING, REJECTED, CrossCheck, Crosstab,
                          MasterState, UnitState, crosstabs)
from .files import OutputError, atomic_write, office_lock
from .model import Formula, column_letter
from .periods import Period, PeriodError
from .text import clean
from .xlsx import fill_rows, put, sheet_parts

SUMMARY, STATUS, BY_AREA, BY_LEAD, BY_QUARTER, CROSS = (
    "Tổng hợp", "Tình trạng nộp", "Theo lĩnh vực", "Theo đơn vị chủ trì", "Theo thời hạn", "Đối chiếu")
META = "_cchc_master"
OUR_SHEETS = (STATUS, SUMMARY, BY_AREA, BY_LEAD, BY_QUARTER, CROSS, META)
TABLE_NAME = "TongHop"
STATUS_FILL = {ACCEPTED: "C6EFCE", REJECTED: "FFC7CE", MISSING: "EDEDED"}
HEADER_SCAN = 50          # rows searched for the header of 'Tổng hợp'
TEXT_KEYS = ("unit", "area", "task", "product", "lead_unit", "coord_units", "deadline", "budget_source", "note",
             "source_file", "file_id", "merged_at")
_TITLE_KEY = {title: key for key, title in MASTER_COLUMNS}
_EMPTY_SHEET = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>')


class MasterError(Exception):
    """The master cannot be read or written; the message is for the user."""


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


def backup_path(master: Path) -> Path:
    return master.with_name(f"{master.stem}.bak{master.suffix}")


# --------------------------------------------------------------------------- reading
def read_master(path: str | Path) -> MasterState | None:
    """The state an earlier run (and the office's hand edits) left in ``path``; None when there is none."""
    path = Path(path)
    if not path.exists():
        return None
    summary_xml, names = _package(path)
    wb = _open_read_only(path, data_only=False)
    try:
        info, units = _read_meta(wb[META])
        layout, rows = _read_summary(wb[SUMMARY], b"<f" in summary_xml, _recorded_columns(info))
    finally:
        wb.close()
    if any(isinstance(v, Formula) for row in rows for v in _all_values(row)):
        _add_cached_results(path, layout, rows)
    last_above = layout.header_row - 1
    layout.merges = [m.group(1).decode() for m in re.finditer(rb'<mergeCell ref="([A-Z]+\d+:[A-Z]+(\d+))"', summary_xml)
                     if int(m.group(2)) <= last_above]
    layout.user_sheets = [n for n in names if n not in OUR_SHEETS]
    try:
        period = Period.parse(str(info["period"])) if info.get("period") else None
    except PeriodError:
        period = None
    return MasterState(period, rows, units, [], layout=layout)


def _package(path: Path) -> tuple[bytes, list[str]]:
    """The 'Tổng hợp' part's XML and every sheet name, refusing a file that is not our master."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = sheet_parts(zf)
            if META not in parts:
                raise MasterError(f"{path}: tệp này không phải tệp tổng hợp của cchc-xl; không ghi đè. "
                                  "Hãy chọn tên khác cho -o.")
            if SUMMARY not in parts:
                others = ", ".join(f"\u201c{n}\u201d" for n in parts if n not in OUR_SHEETS) or "không có"
                raise MasterError(f"{path}: không thấy trang \u201c{SUMMARY}\u201d (đã đổi tên hoặc xóa? các trang khác: "
                                  f"{others}). Hãy đặt lại tên trang hoặc khôi phục từ bản .bak.xlsx; tệp không bị "
                                  "ghi đè.")
            return zf.read(parts[SUMMARY]), list(parts)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise MasterError(f"{path}: không đọc được tệp tổng hợp cũ ({type(exc).__name__}). Hãy chọn tên khác cho -o "
                          "hoặc khôi phục từ bản .bak.xlsx.") from None


def _open_read_only(path: Path, data_only: bool):
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=data_only)  # streamed: 100,000 rows
    except Exception as exc:
        raise MasterError(f"{path}: không đọc được tệp tổng hợp cũ ({type(exc).__name__}). Hãy chọn tên khác cho -o "
                          "hoặc khôi phục từ bản .bak.xlsx.") from None


def _read_meta(ws) -> tuple[dict[str, Any], dict[str, UnitState]]:
    info: dict[str, Any] = {}
    units: dict[str, UnitState] = {}
    names = [f.name for f in fields(UnitState)]
    for row in ws.iter_rows(values_only=True):
        if row and row[0] == "unit" and len(row) > 1 and row[1]:
            data = dict(zip(names, row[1:]))
            units[str(data["unit"])] = UnitState(**{k: ("" if v is None else v) for k, v in data.items()})
        elif row and row[0]:
            info[str(row[0])] = row[1] if len(row) > 1 else None
    return info, units


def _recorded_columns(info: dict[str, Any]) -> list[str]:
    """The columns the last run wrote (masters of version 1.0 did not record them: all of today's)."""
    recorded = [k for k in str(info.get("columns") or "").split(",") if k in MASTER_KEYS]
    return recorded or list(MASTER_KEYS)


def _read_summary(ws, formulas: bool, recorded: list[str]) -> tuple[SummaryLayout, list[dict[str, Any]]]:
    ws.reset_dimensions()  # a dimension that lies (too small) must not hide rows
    grid = ws.iter_rows(min_row=1, values_only=not formulas)
    head: list[list[Any]] = []
    for cells in grid:
        head.append([_cell_value(c, formulas) for c in cells])
        if len(head) >= HEADER_SCAN:
            break
    index = _header_index(head)
    if index is None:
        raise MasterError(f"không tìm thấy dòng tiêu đề của bảng trên trang \u201c{SUMMARY}\u201d (các cột "
                          f"\u201cĐơn vị gửi\u201d, \u201cNhiệm vụ\u201d, \u201cTệp nguồn\u201d…). Hãy khôi phục dòng "
                          "tiêu đề hoặc dùng bản .bak.xlsx; tệp không bị ghi đè.")
    layout = SummaryLayout(header_row=index + 1, above=[_trimmed(r) for r in head[:index]])
    body = (r for r in head[index + 1:])
    rest = ([_cell_value(c, formulas) for c in cells] for cells in grid)
    raw = [r for r in (*body, *rest) if any(v is not None for v in r)]
    layout.columns = _columns(head[index], raw, recorded)
    return layout, [_row(values, layout.columns) for values in raw]


def _cell_value(cell: Any, formulas: bool) -> Any:
    if not formulas:
        return cell
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f" and isinstance(value, str):
        return Formula(value, cell.coordinate)
    return value


def _header_index(rows: list[list[Any]]) -> int | None:
    """The row naming the most of our column titles (at least four)."""
    best, score = None, 3
    for i, values in enumerate(rows):
        hits = sum(1 for v in values if isinstance(v, str) and clean(v) in _TITLE_KEY)
        if hits > score:
            best, score = i, hits
    return best


def _trimmed(values: list[Any]) -> list[Any]:
    values = list(values)
    while values and values[-1] is None:
        values.pop()
    return values


def _columns(header: list[Any], rows: list[list[Any]], recorded: list[str]) -> list[Column]:
    """Our columns by title, the office's own as extras; a recorded column not found stops the run."""
    width = max([len(_trimmed(header))] + [len(_trimmed(r)) for r in rows])
    columns: list[Column] = []
    titles: set[str] = set()
    for c in range(width):
        raw = header[c] if c < len(header) else None
        title = clean(str(raw.cached if isinstance(raw, Formula) else raw)) if raw is not None else ""
        key = _TITLE_KEY.get(title)
        if key is None or any(col.key == key for col in columns):
            key, title = None, _unique(title or f"Cột {column_letter(c + 1)}", titles)
        titles.add(title.casefold())
        columns.append(Column(key, title))
    found = {c.key for c in columns}
    missing = [k for k in recorded if k not in found]
    if missing:
        names = ", ".join(f"\u201c{t}\u201d" for k, t in MASTER_COLUMNS if k in missing)
        strange = ", ".join(f"\u201c{c.title}\u201d" for c in columns if c.key is None)
        hint = f" Có cột lạ: {strange} (có phải đã đổi tên?)." if strange else ""
        raise MasterError(f"trang \u201c{SUMMARY}\u201d không còn cột {names}.{hint} Hãy đặt lại đúng tên cột (hoặc "
                          "khôi phục từ bản .bak.xlsx) rồi chạy lại; tệp không bị ghi đè.")
    columns += [Column(k, t) for k, t in MASTER_COLUMNS if k not in found]  # columns new in this version
    return columns


def _unique(title: str, taken: set[str]) -> str:
    """A column title not yet used (Excel tables need unique names, compared without case)."""
    candidate, n = title, 1
    while candidate.casefold() in taken or candidate in _TITLE_KEY:
        n += 1
        candidate = f"{title} ({n})"
    return candidate


def _row(values: list[Any], columns: list[Column]) -> dict[str, Any]:
    row: dict[str, Any] = {key: None for key in MASTER_KEYS}
    extra: dict[str, Any] = {}
    for column, value in zip(columns, values):
        if column.key is None:
            if value is not None:
                extra[column.title] = value
        else:
            row[column.key] = value
    if isinstance(row.get("due"), dt.datetime):
        row["due"] = row["due"].date()
    for key in TEXT_KEYS:
        row[key] = "" if row[key] is None else row[key]
    if extra:
        row["extra"] = extra
    return row


def _all_values(row: dict[str, Any]) -> list[Any]:
    return [*row.values(), *row.get("extra", {}).values()]


def _add_cached_results(path: Path, layout: SummaryLayout, rows: list[dict[str, Any]]) -> None:
    """Each formula's last computed value (what Excel or LibreOffice saved with it)."""
    wb = _open_read_only(path, data_only=True)
    try:
        ws = wb[SUMMARY]
        ws.reset_dimensions()
        results = {}
        for r, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
            for c, value in enumerate(values, start=1):
                if value is not None:
                    results[f"{column_letter(c)}{r}"] = value
    finally:
        wb.close()

    def cached(value: Any) -> Any:
        return Formula(value.text, value.origin, results.get(value.origin)) if isinstance(value, Formula) else value

    layout.above = [[cached(v) for v in r] for r in layout.above]
    for row in rows:
        for key in MASTER_KEYS:
            row[key] = cached(row[key])
        if "extra" in row:
            row["extra"] = {k: cached(v) for k, v in row["extra"].items()}


# --------------------------------------------------------------------------- writing
def write_master(path: str | Path, state: MasterState, areas: Any, registry: Any) -> Path:
    """Write the master atomically; the previous file becomes NAME.bak.xlsx."""
    path = Path(path)
    lock = office_lock(path)
    if lock is not None:
        raise OutputError(f"{path}: tệp tổng hợp đang mở trong Excel hoặc LibreOffice ({lock.name}). Hãy đóng tệp "
                          "rồi chạy lại.")
    layout = state.layout or SummaryLayout()
    wb = _base_workbook(path, layout)
    build_workbook(wb, state, areas, registry)
    fills = {SUMMARY: (layout.header_row + 1, [_summary_values(row, layout.columns) for row in state.rows]),
             CROSS: (2, [_cross_values(c) for c in state.checks])}

    def write(tmp: str) -> None:
        wb.save(tmp)
        fill_rows(Path(tmp), fills)  # the big sheets' rows, streamed (see xlsx.py)
        if path.exists():
            backup = backup_path(path)
            atomic_write(backup, lambda b: shutil.copyfile(path, b))

    return atomic_write(path, write)


def _summary_values(row: dict[str, Any], columns: list[Column]) -> list[Any]:
    extra = row.get("extra", {})
    return [row.get(c.key) if c.key else extra.get(c.title) for c in columns]


def _base_workbook(path: Path, layout: SummaryLayout):
    """A new workbook, or the previous master holding only the office's own sheets."""
    from openpyxl import Workbook

    if not layout.user_sheets or not path.exists():
        wb = Workbook()
        wb.remove(wb.active)
        return wb
    return _user_sheets_only(path)


def _user_sheets_only(path: Path):
    """The previous master loaded without our sheets' contents (cheap even for 100,000 rows), ours removed."""
    import openpyxl

    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        parts = sheet_parts(src)
        ours = {parts[n] for n in OUR_SHEETS if n in parts}
        ours_rels = {re.sub(r"([^/]+)$", r"_rels/\1.rels", p) for p in ours}
        for info in src.infolist():
            if info.filename in ours:
                out.writestr(info.filename, _EMPTY_SHEET)
            elif info.filename not in ours_rels:
                out.writestr(info, src.read(info))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            wb = openpyxl.load_workbook(buffer, keep_links=True)
        except KeyError:  # a DDE link openpyxl cannot keep (see xlsx.load_for_copy)
            wb = openpyxl.load_workbook(buffer, keep_links=False)
    for name in OUR_SHEETS:
        if name in wb.sheetnames:
            wb.remove(wb[name])
    return wb


def build_workbook(wb, state: MasterState, areas: Any, registry: Any):
    """Our sheets, in front of whatever ``wb`` holds (the office's own sheets)."""
    layout = state.layout or SummaryLayout()
    _status_sheet(_printable(wb, STATUS, 0), state)
    _summary_sheet(_printable(wb, SUMMARY, 1), state, layout)
    for i, (name, tab) in enumerate(zip((BY_AREA, BY_LEAD, BY_QUARTER), crosstabs(state, areas, registry)), start=2):
        _crosstab(_printable(wb, name, i), tab)
    _cross_sheet(_printable(wb, CROSS, 5), state.checks)
    _meta_sheet(wb.create_sheet(META), state, layout)
    wb.active = 0
    for sheet in wb.worksheets[1:]:
        sheet.sheet_view.tabSelected = False
    return wb


def _printable(wb, title: str, index: int):
    """A new sheet printed landscape, one page wide: what the office prints and sends on."""
    ws = wb.create_sheet(title, index)
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
    """A cell for ``ws.append``: its text through the one guard (``xlsx.put``: never a formula)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws)
    put(cell, value)
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


def _append(ws, values: list[Any]) -> None:
    from openpyxl.cell import Cell

    ws.append([v if isinstance(v, Cell) else _cell(ws, v) for v in values])


def _header(ws, titles: list[str]) -> None:
    from openpyxl.styles import Alignment

    bold, fill, wrap = _font(bold=True), _fill("DDEBF7"), Alignment(wrap_text=True, vertical="center")
    _append(ws, [_cell(ws, t, font=bold, fill=fill, alignment=wrap) for t in titles])


def _widths(ws, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(col)].width = width


_SUMMARY_WIDTHS = dict(zip(MASTER_KEYS, [6, 24, 24, 48, 26, 24, 26, 18, 12, 16, 18, 22, 36, 8, 14, 17]))


def _summary_sheet(ws, state: MasterState, layout: SummaryLayout) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

    titles = [c.title for c in layout.columns]
    _widths(ws, [_SUMMARY_WIDTHS.get(c.key or "", 18) for c in layout.columns])
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
    wrap = Alignment(wrap_text=True, vertical="top")
    formats = {"budget": {"number_format": "#,##0"}, "due": {"number_format": "dd/mm/yyyy"},
               "task": {"alignment": wrap}, "product": {"alignment": wrap}, "coord_units": {"alignment": wrap}}
    # One prototype row carrying each column's style; write_master streams the real rows in its place.
    for col, column in enumerate(layout.columns, start=1):
        cell = ws.cell(header + 1, col)
        for name, value in formats.get(column.key or "", {"alignment": wrap}).items():
            setattr(cell, name, value)
    ref = f"A{header}:{column_letter(len(titles))}{header + max(len(state.rows), 1)}"
    table = Table(displayName=TABLE_NAME, ref=ref, autoFilter=AutoFilter(ref=ref),
                  tableColumns=[TableColumn(id=i, name=t) for i, t in enumerate(titles, start=1)])
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)


def _status_sheet(ws, state: MasterState) -> None:
    from collections import Counter

    counts = Counter(u.status for u in state.units.values())
    _widths(ws, [36, 14, 40, 12, 8, 10, 17, 60])
    ws.freeze_panes = "A5"
    title = "TÌNH TRẠNG NỘP PHỤ LỤC CCHC" + (f" — KỲ {state.period}" if state.period else "")
    _append(ws, [_cell(ws, title, font=_font(bold=True, size=14))])
    _append(ws, [f"Đã nộp: {counts[ACCEPTED]}/{len(state.units)} · Bị trả lại: {counts[REJECTED]} · "
                 f"Chưa nộp: {counts[MISSING]}"])
    _append(ws, [])
    _header(ws, ["Đơn vị", "Tình trạng", "Tệp", "Số nhiệm vụ", "Lỗi", "Cảnh báo", "Thời điểm", "Ghi chú"])
    for u in state.units.values():
        _append(ws, [u.unit, _cell(ws, u.status, fill=_fill(STATUS_FILL.get(u.status, "FFFFFF"))), u.file,
                     u.tasks or None, u.errors or None, u.warnings or None, u.time, u.note])


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
        values: list[Any] = [row.name, row.tasks, _cell(ws, row.budget, **money, **over)]
        if tab.with_ceiling:
            values.append(_cell(ws, row.ceiling, **money))
        values += [row.per_unit.get(s) or None for s in tab.senders]
        _append(ws, values)
    bold = _font(bold=True)
    _append(ws, [_cell(ws, "Tổng cộng", font=bold), _cell(ws, tab.total_tasks, font=bold),
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
    _append(ws, [_cell(ws, None, alignment=wrap) for _ in range(10)])  # prototype row: see _summary_sheet


_LEVELS = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}


def _cross_values(c: CrossCheck) -> list[Any]:
    return [_LEVELS[c.severity], CHECKS[c.code][1], c.code, c.unit, c.file, c.row, c.message,
            c.other_unit, c.other_file, c.other_row]


def _meta_sheet(ws, state: MasterState, layout: SummaryLayout) -> None:
    _append(ws, ["period", str(state.period) if state.period else ""])
    _append(ws, ["template_version", TEMPLATE_VERSION])
    _append(ws, ["columns", ",".join(c.key for c in layout.columns if c.key)])
    for u in state.units.values():
        _append(ws, ["unit", *asdict(u).values()])
    ws.sheet_state = "veryHidden"
