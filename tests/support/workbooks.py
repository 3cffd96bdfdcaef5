"""The one way tests write workbooks, and the one way they fingerprint files (openpyxl only: no pytest).

* ``sheet_workbook``/``write_sheet``: a free-form appendix (a title, then rows as given);
* ``put_rows``: rows into an existing sheet at a given row (layouts built cell by cell);
* ``fill_template``: a clerk's submission, the standard template with tasks typed in;
* ``digest``/``digests``: SHA-256 of a file or of every file of a folder (inputs never change).

Also used by workbooks/build_samples.py and benchmarks/run.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable

import openpyxl

from cchc_xl.formats.xlsx.template import FIRST_DATA_ROW, KEYS, META_ROWS, SHEET

TITLE = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"


def put_rows(ws: Any, top: int, rows: Iterable[list[Any]]) -> None:
    """``rows`` into ``ws`` from row ``top``, column A; None leaves a cell empty."""
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                ws.cell(top + i, j + 1, value)


def sheet_workbook(rows: list[list[Any]], title: str | None = TITLE, sheet: str = "Phụ lục", start: int = 3,
                   merges: Iterable[str] = ()) -> Any:
    """A workbook of one sheet: ``title`` in A1 (unless None, then rows start at row 1), ``rows`` from ``start``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws["A1"] = title
    put_rows(ws, start if title else 1, rows)
    for ref in merges:
        ws.merge_cells(ref)
    return wb


def write_sheet(target: Path, rows: list[list[Any]], **kwargs: Any) -> Path:
    """``sheet_workbook(rows, **kwargs)`` saved to ``target``."""
    sheet_workbook(rows, **kwargs).save(target)
    return target


def fill_template(template: Path, target: Path, rows: list[dict], meta: dict | None = None) -> Path:
    """A clerk's submission: the template with ``rows`` typed in from the first data row."""
    wb = openpyxl.load_workbook(template)
    ws = wb[SHEET]
    for i, row in enumerate(rows):
        for key, value in row.items():
            ws.cell(FIRST_DATA_ROW + i, KEYS.index(key) + 1, value)
    for key, value in (meta or {}).items():
        ws.cell(META_ROWS[key], 3, value)
    wb.save(target)
    return target


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every file directly in ``folder``, by name."""
    return {p.name: digest(p) for p in sorted(Path(folder).iterdir()) if p.is_file()}
