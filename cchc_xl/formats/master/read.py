"""The master workbook on disk -> ``MasterState`` (calamine, openpyxl where formulas need it).

The master is the one file the office keeps, and it edits it by hand between runs.
What a run carries over, so that nothing typed there is lost:

* the 'Tổng hợp' table found by its header row wherever it now is (a title row
  inserted above it, columns dragged into another order), with the rows above it;
* columns the office added (their values follow their rows) and formulas it typed
  (kept as formulas, their relative references moved with their rows, their last
  results kept); each task's id ("Mã nhiệm vụ");
* sheets of its own, and columns it added on the progress sheets.

A column this program wrote that is no longer found (renamed or deleted) stops the
run: guessing could put one column's values under another's title. The very hidden
memory is read strictly (``memory.py``).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any, Callable

from cchc_xl.consolidation.identity import ensure_ids
from cchc_xl.consolidation.model import MASTER_COLUMNS, MASTER_KEYS, MasterState
from cchc_xl.core.model import Formula, column_letter, normal
from cchc_xl.core.periods import Period
from cchc_xl.core.text import clean
from cchc_xl.errors import MasterError, MemoryDamage, OfficeCell, PeriodError
from cchc_xl.formats.master.memory import formula_cells, read_master_meta, read_reports
from cchc_xl.formats.master.progress import office_columns
from cchc_xl.formats.master.sheets import Column, SummaryLayout
from cchc_xl.formats.package import sheet_parts
from cchc_xl.table.sheets import MASTER_META, REPORTS_META, SUMMARY, master_sheet

HEADER_SCAN = 50          # rows searched for the header of 'Tổng hợp'
TEXT_KEYS = ("unit", "area", "task", "product", "lead_unit", "coord_units", "deadline", "budget_source", "note",
             "task_id", "source_file", "file_id", "merged_at")
_TITLE_KEY = {title: key for key, title in MASTER_COLUMNS}


# --------------------------------------------------------------------------- reading
def read_master(path: str | Path) -> MasterState | None:
    """The state an earlier run (and the office's hand edits) left in ``path``; None when there is none."""
    path = Path(path)
    if not path.exists():
        return None
    summary_xml, names = _package(path)
    formulas = re.search(rb"<f[ >]", summary_xml) is not None   # a formula (not <firstFooter> and the like)
    wb = (None if formulas else _open_values(path, [MASTER_META, SUMMARY, REPORTS_META])) or \
        _open_read_only(path, data_only=False)
    try:
        info, units = _memory(path, lambda: read_master_meta(wb[MASTER_META].iter_rows(values_only=True)))
        layout, rows = _read_summary(wb[SUMMARY], formulas, _recorded_columns(info))
        reports = _memory(path, lambda: read_reports(wb[REPORTS_META].iter_rows(values_only=True))) \
            if REPORTS_META in wb.sheetnames else {}
    finally:
        wb.close()
    _office_columns(path, reports, names)
    if any(isinstance(v, Formula) for row in rows for v in _all_values(row)):
        _add_cached_results(path, layout, rows)
    ensure_ids(rows)   # a master written before ids were kept: the ids its reports were kept under
    last_above = layout.header_row - 1
    layout.merges = [m.group(1).decode() for m in re.finditer(rb'<mergeCell ref="([A-Z]+\d+:[A-Z]+(\d+))"', summary_xml)
                     if int(m.group(2)) <= last_above]
    progress = {rs.sheet for rs in reports.values()}
    layout.user_sheets = [n for n in names if not master_sheet(n, progress)]
    try:
        period = Period.parse(str(info["period"])) if info.get("period") else None
    except PeriodError:
        period = None
    return MasterState(period, rows, units, [], layout=layout, reports=reports)


def _office_columns(path: Path, reports: dict[str, Any], names: list[str]) -> None:
    """The columns the office added on the progress sheets, to carry to the rewritten sheets (``office_columns``)."""
    sheets = {rs.sheet: rs for rs in reports.values() if rs.sheet in names}
    if not sheets:
        return
    wb = _open_values(path, list(sheets)) or _open_read_only(path, data_only=True)
    try:
        for name, rs in sheets.items():
            ws = wb[name]
            ws.reset_dimensions()
            rs.extras = office_columns(name, [tuple(r) for r in ws.iter_rows(values_only=True)])
    except OfficeCell as exc:
        raise MasterError(f"{path}: {exc.message} Tệp không bị ghi đè.") from None
    finally:
        wb.close()


def _memory(path: Path, read: Callable[[], Any]) -> Any:
    """What ``read`` reads from the master's hidden memory; a record edited out of shape stops the run, naming the
    cell (rewriting the master from a memory read as something else would lose or falsify it)."""
    try:
        return read()
    except MemoryDamage as exc:
        raise MasterError(f"{path}: {exc.message} Bộ nhớ ẩn của tệp tổng hợp đã bị sửa tay nên không đọc lại được; "
                          "tệp không bị ghi đè. Hãy khôi phục từ bản .bak.xlsx (hoặc sửa lại ô đó).") from None


def _package(path: Path) -> tuple[bytes, list[str]]:
    """The 'Tổng hợp' part's XML and every sheet name, refusing a file that is not our master."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = sheet_parts(zf)
            if MASTER_META not in parts:
                raise MasterError(f"{path}: tệp này không phải tệp tổng hợp của cchc-xl; không ghi đè. "
                                  "Hãy chọn tên khác cho -o.")
            if SUMMARY not in parts:
                others = ", ".join(f"\u201c{n}\u201d" for n in parts if not master_sheet(n)) or "không có"
                raise MasterError(f"{path}: không thấy trang \u201c{SUMMARY}\u201d (đã đổi tên hoặc xóa? các trang khác: "
                                  f"{others}). Hãy đặt lại tên trang hoặc khôi phục từ bản .bak.xlsx; tệp không bị "
                                  "ghi đè.")
            for sheet in (MASTER_META, REPORTS_META):
                typed = formula_cells(zf.read(parts[sheet])) if sheet in parts else []
                if typed:
                    raise MasterError(f"{path}: trang ẩn {sheet}, ô {typed[0]}: có công thức, điều chương trình không "
                                      "bao giờ ghi (bộ nhớ bị sửa tay); tệp không bị ghi đè. Hãy khôi phục từ bản "
                                      ".bak.xlsx.")
            return zf.read(parts[SUMMARY]), list(parts)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise MasterError(f"{path}: không đọc được tệp tổng hợp cũ ({type(exc).__name__}). Hãy chọn tên khác cho -o "
                          "hoặc khôi phục từ bản .bak.xlsx.") from None


class _Values:
    """A sheet's values read by python-calamine, behind the slice of openpyxl's read-only API read here."""

    def __init__(self, rows: list[list[Any]]):
        self.rows = rows

    def reset_dimensions(self) -> None:
        """(openpyxl's: a lying dimension; calamine reads the cells themselves)"""

    def iter_rows(self, min_row: int = 1, values_only: bool = True) -> Any:
        return (tuple(r) for r in self.rows[min_row - 1:])


class _ValuesBook(dict):
    """Sheets by name, as ``_open_read_only``'s workbook is used."""

    @property
    def sheetnames(self) -> list[str]:
        return list(self)

    def close(self) -> None:
        self.clear()


def _open_values(path: Path, names: list[str]) -> _ValuesBook | None:
    """The master's own sheets read with python-calamine (a 100,000-row master: seconds, not a minute); None
    when calamine is not there or refuses the file (openpyxl then reads it)."""
    from cchc_xl.formats.xlsx.reader import engine

    if engine() != "calamine":
        return None
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        try:
            present = set(wb.sheet_names)
            return _ValuesBook({n: _Values([[normal(v) for v in row] for row in
                                            wb.get_sheet_by_name(n).to_python(skip_empty_area=False)])
                                for n in names if n in present})
        finally:
            wb.close()
    except Exception:  # noqa: BLE001  calamine refuses a few valid files: openpyxl reads them
        return None


def _open_read_only(path: Path, data_only: bool):
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=data_only)  # streamed: 100,000 rows
    except Exception as exc:
        raise MasterError(f"{path}: không đọc được tệp tổng hợp cũ ({type(exc).__name__}). Hãy chọn tên khác cho -o "
                          "hoặc khôi phục từ bản .bak.xlsx.") from None


def _recorded_columns(info: dict[str, Any]) -> list[str]:
    """The columns the last run wrote (masters of version 1.0 did not record them: all of today's)."""
    recorded = [k for k in str(info.get("columns") or "").split(",") if k in MASTER_KEYS]
    return recorded or [k for k in MASTER_KEYS if k != "task_id"]   # "Mã nhiệm vụ" came after 1.0


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
