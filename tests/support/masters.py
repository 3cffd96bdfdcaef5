"""A master's state built as consolidation leaves it (rows by MASTER_KEYS, each unit's standing), for the tests of
the master's format and of the pure consolidation modules, which need no submissions to be checked first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cchc_xl.consolidation.model import MASTER_KEYS, MasterState, Standing, UnitState
from cchc_xl.core.periods import Period
from cchc_xl.core.reporting import task_id

STAMP = "10/01/2020 08:15:00"


def master_row(i: int, unit: str = "Phòng Pháp chế", **values: Any) -> dict[str, Any]:
    """Task ``i`` sent by ``unit`` (its own lead, due 30/06/2020, i million đồng), as the planner keeps it."""
    row: dict[str, Any] = {k: None for k in MASTER_KEYS}
    task = f"Nhiệm vụ {i} của {unit}"
    row.update(stt=i, unit=unit, area="Cải cách thể chế", task=task, product="Báo cáo", lead_unit=unit,
               coord_units="Văn phòng Sở", deadline="Quý II/2020", due=dt.date(2020, 6, 30), budget=1_000_000 * i,
               budget_source="Ngân sách nhà nước", note="", task_id=task_id(unit, task),
               source_file=f"nop/{unit}.xlsx", source_row=8 + i, file_id="a1b2c3d4e5f6", merged_at=STAMP)
    row.update(values)
    return row


def master_state(rows: list[dict[str, Any]] | None = None, period: Period | None = Period(2020, 2020),
                 missing: tuple[str, ...] = ("Văn phòng Sở",)) -> MasterState:
    """A state holding ``rows`` (by default two tasks of Phòng Pháp chế and one of Thanh tra Sở), each sending unit
    submitted with its row count, the ``missing`` units not yet."""
    rows = rows if rows is not None else [master_row(1), master_row(2), master_row(1, "Thanh tra Sở")]
    units: dict[str, UnitState] = {}
    for row in rows:
        state = units.setdefault(row["unit"], UnitState(row["unit"], Standing.SUBMITTED, row["source_file"],
                                                        row["file_id"], "h" * 64, 0, 0, 0, STAMP))
        state.tasks += 1
    units.update({name: UnitState(name) for name in missing})
    return MasterState(period, rows, units)
