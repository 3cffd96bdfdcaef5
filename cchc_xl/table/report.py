"""The task table of a progress report form, found in its grid.

Our own form (``workbook/report_form.py``): the header row is found by its titles
(anywhere in the first rows, columns in any order, a unit may have moved them), each
row below with a task or a task id is an entry. Only the form's own titles are read:
a report is ours or it is not a report.
"""

from __future__ import annotations

from typing import Any, Iterable

from cchc_xl.core.model import Entry, Grid, Table, cell_ref
from cchc_xl.core.text import clean, fold
from cchc_xl.table.sheets import REPORT

REPORT_HEADER_ROW = 8
REPORT_COLUMNS = {
    "stt": "STT", "area": "Lĩnh vực", "task": "Nhiệm vụ", "product": "Sản phẩm",
    "deadline": "Thời gian hoàn thành", "budget": "Kinh phí (đồng)", "status": "Tiến độ",
    "result": "Kết quả / sản phẩm", "done_date": "Ngày hoàn thành", "difficulty": "Khó khăn, vướng mắc",
    "proposal": "Đề xuất", "task_id": "Mã nhiệm vụ",
}
FILL_KEYS = ("status", "result", "done_date", "difficulty", "proposal")
REQUIRED = ("task", "status", "task_id")
_BY_TITLE = {fold(title): key for key, title in REPORT_COLUMNS.items()}
_META = {fold("Đơn vị báo cáo:"): "unit", fold("Kỳ báo cáo:"): "report", fold("Ngày báo cáo:"): "date"}


def locate_report(grids: Iterable[Grid]) -> Table | None:
    """The report table of the form's ``Báo cáo`` sheet; None when there is none."""
    grid = next((g for g in grids if g.name == REPORT), None)
    if grid is None:
        return None
    for r in range(grid.first_row, min(grid.last_row, grid.first_row + 50) + 1):
        columns = {_BY_TITLE[fold(v)]: c for c, v in enumerate(grid.rows[r - grid.first_row], start=1)
                   if isinstance(v, str) and fold(v) in _BY_TITLE}
        if all(k in columns for k in REQUIRED):
            return _table(grid, r, columns)
    return None


def _table(grid: Grid, header: int, columns: dict[str, int]) -> Table:
    table = Table(grid.name, (header,), columns, {k: REPORT_COLUMNS[k] for k in columns})
    for r in range(header + 1, grid.last_row + 1):
        values = {k: _value(grid.value(r, c)) for k, c in columns.items()}
        if values["task"] == "" and values["task_id"] == "":
            continue
        cells = {k: cell_ref(r, c) for k, c in columns.items()}
        table.entries.append(Entry(r, [r], values, cells, stt=str(values.get("stt") or "")))
    table.meta = _meta(grid, header)
    return table


def _value(value: Any) -> Any:
    return clean(value) if isinstance(value, str) else ("" if value is None else value)


def _meta(grid: Grid, header: int) -> dict[str, Any]:
    """Đơn vị báo cáo, Kỳ báo cáo, Ngày báo cáo: the value right of each label above the table."""
    meta: dict[str, Any] = {}
    for r in range(grid.first_row, header):
        row = grid.rows[r - grid.first_row]
        for c, v in enumerate(row[:-1]):
            key = _META.get(fold(v)) if isinstance(v, str) else None
            if key and row[c + 1] is not None:
                meta[key] = row[c + 1]
    return meta
