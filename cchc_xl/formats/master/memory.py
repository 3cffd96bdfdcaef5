"""The master's very hidden memory, read back strictly: ``_cchc_master`` (period, columns, each unit's appendix)
and ``_cchc_reports`` (each report period, each unit's report, each task's entry).

What the next run writes is rebuilt from this memory, so a record that reads back as something else would
lose or falsify what the office signs: a duplicated report line would drop every merged report, "FALSE"
typed in a flag would read as true, a formula would be read as its last value (or as nothing). Nothing is
guessed: the first record that is not exactly what a run writes stops the run with ``MemoryDamage``, naming
the sheet, the cell and what is wrong there, and the master is left as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import fields
from typing import Any, Iterable

from cchc_xl.consolidation.model import Standing, UnitState
from cchc_xl.consolidation.reports import ENTRY_KEYS, ReportState, ReportUnit
from cchc_xl.core.model import cell_ref
from cchc_xl.core.periods import Period
from cchc_xl.errors import MemoryDamage, PeriodError
from cchc_xl.core.reporting import REPORT_PERIODS, STATUSES
from cchc_xl.table.sheets import MASTER_META, REPORTS_META, progress_sheet

_TASK_ID = re.compile(r"[0-9a-f]{10}")
_COUNTS = ("tasks", "errors", "warnings")
_SHEET_NAME = re.compile(r"[^\[\]:*?/\\]{1,31}")
_FORMULA = re.compile(rb'<c\b[^>]*?\br="([A-Z]+\d+)"[^>]*>(?:(?!</c>).)*?<f[ >/]', re.S)


def formula_cells(xml: bytes) -> list[str]:
    """The cells of a sheet part that hold a formula (our memory never does)."""
    return [m.group(1).decode() for m in _FORMULA.finditer(xml)]


# --------------------------------------------------------------------------- _cchc_master
_INFO_KEYS = ("period", "template_version", "columns")


def read_master_meta(rows: Iterable[tuple]) -> tuple[dict[str, Any], dict[str, UnitState]]:
    """(period, template version, columns; each unit's appendix state) from ``_cchc_master``'s rows."""
    info: dict[str, Any] = {}
    units: dict[str, UnitState] = {}
    names = [f.name for f in fields(UnitState)]
    for r, row in enumerate(rows, start=1):
        if not row or row[0] is None:
            if any(v is not None for v in row or ()):
                raise MemoryDamage(MASTER_META, cell_ref(r, 1), "thiếu loại bản ghi ở cột A.")
            continue
        kind = row[0]
        if kind == "unit":
            state = UnitState(**{name: _unit_value(MASTER_META, r, c, name, value)
                                 for c, (name, value) in enumerate(zip(names, _padded(row[1:], names)), start=2)})
            if state.unit in units:
                raise MemoryDamage(MASTER_META, cell_ref(r, 2), f"đơn vị \u201c{state.unit}\u201d ghi hai lần.")
            units[state.unit] = state
        elif kind in _INFO_KEYS:
            if kind in info:
                raise MemoryDamage(MASTER_META, cell_ref(r, 1), f"khóa {kind} ghi hai lần.")
            info[str(kind)] = _info_value(r, str(kind), row[1] if len(row) > 1 else None)
        else:
            raise MemoryDamage(MASTER_META, cell_ref(r, 1), f"loại bản ghi \u201c{kind}\u201d không có.")
    return info, units


def _info_value(r: int, key: str, value: Any) -> Any:
    if value is None:
        return None
    if key == "period":
        try:
            Period.parse(str(value))
        except PeriodError:
            raise MemoryDamage(MASTER_META, cell_ref(r, 2), f"kỳ kế hoạch \u201c{value}\u201d không đọc được.") from None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise MemoryDamage(MASTER_META, cell_ref(r, 2), f"giá trị {value!r} không phải chữ.")
    return value


def _padded(values: tuple, names: list[str]) -> list[Any]:
    return list(values[: len(names)]) + [None] * (len(names) - len(values))


def _unit_value(sheet: str, r: int, c: int, name: str, value: Any) -> Any:
    """One field of a unit's state: counts are whole numbers, the status one of ours, the rest text."""
    where = cell_ref(r, c)
    if name in _COUNTS:
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or float(value) != int(value):
            raise MemoryDamage(sheet, where, f"{name} phải là số nguyên không âm (đang là {value!r}).")
        return int(value)
    if name == "late":
        if isinstance(value, bool) or (isinstance(value, int) and value in (0, 1)):
            return bool(value)
        raise MemoryDamage(sheet, where, f"cờ nộp muộn phải là TRUE/FALSE kiểu logic, không phải chữ {value!r}.")
    text = "" if value is None else value
    if not isinstance(text, str):
        raise MemoryDamage(sheet, where, f"{name} phải là chữ (đang là {value!r}).")
    if name == "unit" and not text.strip():
        raise MemoryDamage(sheet, where, "thiếu tên đơn vị.")
    if name == "status":
        standing = Standing.read(text)
        if standing is None:
            shown = ", ".join(s.value for s in Standing)
            raise MemoryDamage(sheet, where, f"tình trạng \u201c{text}\u201d không có ({shown}).")
        return standing
    if name == "received" and text and _day_text(text) is None:
        raise MemoryDamage(sheet, where, f"ngày nộp \u201c{text}\u201d không phải ngày dd/mm/yyyy.")
    return text


def _day_text(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


# --------------------------------------------------------------------------- _cchc_reports
def read_reports(rows: Iterable[tuple]) -> dict[str, ReportState]:
    """The merged reports an earlier run left in ``_cchc_reports``'s rows (the first is its header)."""
    out: dict[str, ReportState] = {}
    seen_units: set[tuple[str, str]] = set()
    for r, row in enumerate(rows, start=1):
        if not row or row[0] is None:
            if any(v is not None for v in row or ()):
                raise MemoryDamage(REPORTS_META, cell_ref(r, 1), "thiếu loại bản ghi ở cột A.")
            continue
        kind = row[0]
        if kind == "record" and r == 1:
            continue
        if kind == "report":
            rs = _report(r, row)
            if rs.key in out:
                raise MemoryDamage(REPORTS_META, cell_ref(r, 2), f"kỳ báo cáo {rs.key} ghi hai lần.")
            out[rs.key] = rs
        elif kind in ("unit", "task"):
            key = row[1] if len(row) > 1 else None
            if key not in out:
                raise MemoryDamage(REPORTS_META, cell_ref(r, 2), f"bản ghi thuộc kỳ \u201c{key}\u201d chưa được khai báo.")
            if kind == "unit":
                unit = _report_unit(r, row)
                if (key, unit.unit) in seen_units:
                    raise MemoryDamage(REPORTS_META, cell_ref(r, 3), f"đơn vị \u201c{unit.unit}\u201d ghi hai lần trong kỳ {key}.")
                seen_units.add((key, unit.unit))
                out[key].units[unit.unit] = unit
            else:
                tid, entry = _task(r, row)
                if tid in out[key].entries:
                    raise MemoryDamage(REPORTS_META, cell_ref(r, 3), f"nhiệm vụ mã {tid} ghi hai lần trong kỳ {key}.")
                out[key].entries[tid] = entry
        else:
            raise MemoryDamage(REPORTS_META, cell_ref(r, 1), f"loại bản ghi \u201c{kind}\u201d không có.")
    return out


def _report(r: int, row: tuple) -> ReportState:
    code, year, as_of, due, title, cutoff, sheet = _padded(row[1:8], ["x"] * 7)
    if code not in REPORT_PERIODS:
        raise MemoryDamage(REPORTS_META, cell_ref(r, 2), f"kỳ báo cáo \u201c{code}\u201d không có.")
    if isinstance(year, bool) or not isinstance(year, (int, float)) or float(year) != int(year) \
            or not 1900 <= int(year) <= 2200:
        raise MemoryDamage(REPORTS_META, cell_ref(r, 3), f"năm \u201c{year}\u201d không hợp lệ.")
    year = int(year)
    first, last = _day(r, 4, as_of), _day(r, 5, due)
    expected = REPORT_PERIODS[code].title(year)
    if title != expected:
        raise MemoryDamage(REPORTS_META, cell_ref(r, 6), f"tên kỳ \u201c{title}\u201d khác \u201c{expected}\u201d.")
    chosen = progress_sheet(expected) if sheet is None else sheet
    if not isinstance(chosen, str) or not _SHEET_NAME.fullmatch(chosen):
        raise MemoryDamage(REPORTS_META, cell_ref(r, 8), f"tên trang \u201c{sheet}\u201d không dùng được.")
    cut = first if cutoff is None else _day(r, 7, cutoff)   # records before the cut-off was kept: as of = cut-off
    return ReportState(str(code), year, first, last, expected, cut, sheet=chosen)


def _day(r: int, c: int, value: Any) -> dt.date:
    """A day as recorded (ISO text), or as a spreadsheet program may have turned it into a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else _no_day(r, c, value)
    except ValueError:
        return _no_day(r, c, value)


def _no_day(r: int, c: int, value: Any) -> dt.date:
    raise MemoryDamage(REPORTS_META, cell_ref(r, c), f"\u201c{value}\u201d không phải một ngày (yyyy-mm-dd).")


def _report_unit(r: int, row: tuple) -> ReportUnit:
    names = [f.name for f in fields(ReportUnit)]
    return ReportUnit(**{name: _unit_value(REPORTS_META, r, c, name, value)
                         for c, (name, value) in enumerate(zip(names, _padded(row[2:], names)), start=3)})


def _task(r: int, row: tuple) -> tuple[str, dict[str, Any]]:
    tid = row[2] if len(row) > 2 else None
    if not isinstance(tid, str) or not _TASK_ID.fullmatch(tid):
        raise MemoryDamage(REPORTS_META, cell_ref(r, 3), f"mã nhiệm vụ \u201c{tid}\u201d không hợp lệ.")
    entry: dict[str, Any] = {}
    for c, (key, value) in enumerate(zip(ENTRY_KEYS, _padded(row[3:], list(ENTRY_KEYS))), start=4):
        if key == "done_date":
            entry[key] = None if value is None else _day(r, c, value)
        elif key == "source_row":
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise MemoryDamage(REPORTS_META, cell_ref(r, c), f"dòng nguồn \u201c{value}\u201d không phải số.")
            entry[key] = value
        elif value is not None and not isinstance(value, str):
            raise MemoryDamage(REPORTS_META, cell_ref(r, c), f"{key} phải là chữ (đang là {value!r}).")
        else:
            entry[key] = value or ""
    if entry["status"] and entry["status"] not in STATUSES:
        raise MemoryDamage(REPORTS_META, cell_ref(r, 5), f"tiến độ \u201c{entry['status']}\u201d không có.")
    if not entry["unit"]:
        raise MemoryDamage(REPORTS_META, cell_ref(r, 4), "thiếu đơn vị báo cáo.")
    return tid, entry
