"""``MasterState`` -> the master workbook on disk: the office's own sheets kept, ours rebuilt (``sheets.py``,
``progress.py``), the big tables streamed (``xlsx.stream``); written atomically, the previous file kept as
NAME.bak.xlsx. Totals and cross-tabs are values computed from the rows, so a re-run never leaves a stale total.
"""

from __future__ import annotations

import io
import re
import shutil
import warnings
import zipfile
from pathlib import Path
from typing import Any

from cchc_xl.consolidation.model import MasterState
from cchc_xl.core.areas import AreaCatalog
from cchc_xl.core.units import Registry
from cchc_xl.formats.files import atomic_write, office_lock
from cchc_xl.errors import OutputError
from cchc_xl.formats.master.progress import write_report_sheets
from cchc_xl.formats.master.sheets import (
    CROSS_WRAPPED,
    Column,
    SummaryLayout,
    build_workbook,
    cross_values,
    stamp_time,
    summary_widths,
)
from cchc_xl.formats.package import sheet_parts
from cchc_xl.formats.xlsx.stream import Fill, fill_rows
from cchc_xl.table.sheets import CROSS, SUMMARY

_EMPTY_SHEET = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>')


def backup_path(master: Path) -> Path:
    return master.with_name(f"{master.stem}.bak{master.suffix}")


def _copy(source: Path, target: str) -> None:
    shutil.copyfile(source, target)


# --------------------------------------------------------------------------- writing
def write_master(path: str | Path, state: MasterState, areas: AreaCatalog, registry: Registry) -> Path:
    """Write the master atomically; the previous file becomes NAME.bak.xlsx."""
    path = Path(path)
    lock = office_lock(path)
    if lock is not None:
        raise OutputError(f"{path}: tệp tổng hợp đang mở trong Excel hoặc LibreOffice ({lock.name}). Hãy đóng tệp "
                          "rồi chạy lại.")
    layout = state.layout or SummaryLayout()
    wb = _base_workbook(path, layout)
    build_workbook(wb, state, areas, registry)
    fills = {SUMMARY: Fill(layout.header_row + 1, [_summary_values(row, layout.columns) for row in state.rows],
                           summary_widths(layout)),
             CROSS: Fill(2, [cross_values(c) for c in state.checks], CROSS_WRAPPED),
             **write_report_sheets(wb, state, registry)}

    def write(tmp: str) -> None:
        wb.save(tmp)
        fill_rows(Path(tmp), fills)  # the big sheets' rows, streamed (see xlsx.py)
        if path.exists():
            backup = backup_path(path)
            atomic_write(backup, lambda b: _copy(path, b))

    return atomic_write(path, write)


def _summary_values(row: dict[str, Any], columns: list[Column]) -> list[Any]:
    extra = row.get("extra", {})
    return [(stamp_time(row.get(c.key)) if c.key == "merged_at" else row.get(c.key)) if c.key else extra.get(c.title)
            for c in columns]


def _base_workbook(path: Path, layout: SummaryLayout):
    """A new workbook, or the previous master holding only the office's own sheets."""
    from openpyxl import Workbook

    if not layout.user_sheets or not path.exists():
        wb = Workbook()
        wb.remove(wb.active)
        return wb
    return _user_sheets_only(path, set(layout.user_sheets))


def _user_sheets_only(path: Path, keep: set[str]):
    """The previous master loaded without our sheets' contents (cheap even for 100,000 rows), ours removed:
    every sheet but the office's own (``keep``)."""
    import openpyxl

    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        parts = sheet_parts(src)
        ours = {part for n, part in parts.items() if n not in keep}
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
    for name in [n for n in wb.sheetnames if n not in keep]:
        wb.remove(wb[name])
    return wb
