"""Fill the standard template as a clerk would (openpyxl only: usable without pytest).

Used by the tests, by workbooks/build_samples.py and by benchmarks/run.py.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from cchc_xl.workbook.template import FIRST_DATA_ROW, KEYS, META_ROWS, SHEET


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
