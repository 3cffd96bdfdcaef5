"""Unit submissions as the consolidation tests need them: a 21-unit registry, tasks, filled templates.

Each submission is the real template (``write_template``) filled as a clerk fills it, so the
consolidation reads exactly what an office receives.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

import openpyxl

from cchc_xl.check.config import Config
from cchc_xl.core.periods import Period
from cchc_xl.formats.xlsx.template import write_template
from cchc_xl.table.sheets import PROPERTIES, SUMMARY
from tests.support.workbooks import fill_template

UNITS = [f"Phòng Nghiệp vụ {i}" for i in range(1, 22)]          # 21 units in the registry
AREAS = ["Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tài chính công",
         "Công tác chỉ đạo, điều hành cải cách hành chính"]


def write_registry(path: Path) -> Path:
    """units.yaml of 'Sở Thử Nghiệm': UNITS (alias PNVi; unit 5 with a 10,000,000 đồng ceiling)."""
    lines = ["department: Sở Thử Nghiệm", "units:"]
    for i, name in enumerate(UNITS, start=1):
        lines.append(f"  - name: {name}")
        lines.append(f"    aliases: [PNV{i}]")
        if i == 5:
            lines.append("    budget_ceiling: 10000000")
    lines += ["collectives:", "  - Các phòng, đơn vị thuộc Sở", "external:", "  - Sở Tư pháp"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tasks_for(i: int, n: int = 3, lead: str | None = None) -> list[dict]:
    """``n`` clean tasks of unit ``i`` (its own lead, quarters and areas varying, budgets k million)."""
    rows = []
    for k in range(1, n + 1):
        rows.append({"stt": k, "area": AREAS[(i + k) % len(AREAS)], "task": f"Nhiệm vụ {k} của phòng {i}",
                     "product": "Báo cáo", "lead_unit": lead or UNITS[i - 1], "coord_units": "Các phòng, đơn vị thuộc Sở",
                     "deadline": f"Quý {['I', 'II', 'III', 'IV'][(i + k) % 4]}/2020", "budget": 1_000_000 * k})
    return rows


_BLANKS: dict[tuple[int, str, str], tuple[Config, Path]] = {}


def blank_template(cfg: Config, period: Period, unit: str) -> Path:
    """The template ``write_template`` makes for ``unit`` and ``period``, written once per test process (it takes
    a fifth of a second and the suite submits hundreds); each submission is a filled copy, as before. The ``cfg``
    is kept with it, so that its id is never reused for another settings object."""
    key = (id(cfg), str(period), unit)
    if key not in _BLANKS:
        folder = Path(tempfile.mkdtemp(prefix="cchc-mau-"))
        atexit.register(shutil.rmtree, folder, True)
        _BLANKS[key] = (cfg, write_template(folder / "mau.xlsx", cfg, period, unit))
    return _BLANKS[key][1]


def submit(folder: Path, cfg: Config, i: int, rows: list[dict], name: str | None = None,
           date: dt.date = dt.date(2020, 1, 10), period: Period = Period(2020, 2020),
           version: str | None = None) -> Path:
    """Unit ``i``'s submission in ``folder``: the template of ``period`` filled with ``rows``."""
    template = blank_template(cfg, period, UNITS[i - 1])
    path = fill_template(template, folder / (name or f"phong-{i}.xlsx"), rows, meta={"date": date})
    if version:
        wb = openpyxl.load_workbook(path)
        wb[PROPERTIES]["B1"] = version
        wb.save(path)
    return path


def inbox(root: Path, cfg: Config, units: dict[int, int], name: str = "nop") -> Path:
    """A folder of clean submissions: unit number -> task count."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for i, n in units.items():
        submit(folder, cfg, i, tasks_for(i, n))
    return folder


def sheet_rows(path: Path, name: str, min_row: int = 1) -> list[tuple]:
    """The non-empty rows of sheet ``name``."""
    ws = openpyxl.load_workbook(path)[name]
    return [r for r in ws.iter_rows(min_row=min_row, values_only=True) if any(v is not None for v in r)]


def summary_dicts(path: Path) -> list[dict[str, Any]]:
    """The rows of a master's 'Tổng hợp' as dicts by header (a master written by us: header on row 1)."""
    rows = sheet_rows(path, SUMMARY)
    return [dict(zip(rows[0], r)) for r in rows[1:]]
