"""The master's summaries: tasks and budgets by area, by lead unit, by quarter (values, never formulas).

Computed from the rows on every run, so a total can never be stale; the master
adapter writes them with a native chart each.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

from cchc_xl.consolidation.checks import is_amount
from cchc_xl.consolidation.model import MasterState
from cchc_xl.core.areas import AreaCatalog
from cchc_xl.core.model import plain_value
from cchc_xl.core.text import as_text, to_roman
from cchc_xl.core.units import Registry

OUTSIDE, UNDATED = "Ngoài kỳ", "Không xác định (thường xuyên, theo yêu cầu…)"


@dataclass
class CrossRow:
    name: str
    tasks: int
    budget: float
    per_unit: dict[str, int]
    ceiling: int | None = None

    @property
    def over_ceiling(self) -> bool:
        return bool(self.ceiling) and self.budget > (self.ceiling or 0)


@dataclass
class Crosstab:
    label: str                 # what the rows are ("Lĩnh vực")
    title: str                 # the chart's title
    rows: list[CrossRow]
    senders: list[str]         # one count column per sending unit ([] for none)
    total_tasks: int
    total_budget: float
    with_ceiling: bool = False
    over_time: bool = False    # rows are quarters: a column chart


def budget_total(rows: list[dict]) -> float:
    """The sum of the budgets that are numbers (a formula's last result counts)."""
    return sum(plain_value(r["budget"]) for r in rows if is_amount(r.get("budget")))


def crosstabs(state: MasterState, areas: AreaCatalog | None, registry: Registry) -> list[Crosstab]:
    """Tasks and budgets by area (per sending unit too), by lead unit (against its ceiling), by quarter."""
    sending = {r["unit"] for r in state.rows}
    senders = [u for u in state.units if u in sending]
    ceilings = {u.name: u.budget_ceiling for u in registry.units if u.budget_ceiling}
    total = len(state.rows), budget_total(state.rows)

    def rows(groups: list[tuple[str, list[dict]]], with_ceiling: bool = False) -> list[CrossRow]:
        return [CrossRow(name, len(g), budget_total(g), dict(Counter(r["unit"] for r in g)),
                         ceilings.get(name) if with_ceiling else None) for name, g in groups]

    return [
        Crosstab("Lĩnh vực", "Số nhiệm vụ theo lĩnh vực", rows(_by_area(state, areas)), senders, *total),
        Crosstab("Đơn vị chủ trì", "Số nhiệm vụ theo đơn vị chủ trì", rows(_by_lead(state), True), [], *total,
                 with_ceiling=True),
        Crosstab("Thời hạn", "Số nhiệm vụ theo thời hạn", rows(_by_quarter(state)), [], *total, over_time=True),
    ]


def _group(rows: list[dict], key: Callable[[dict], str]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def _by_area(state: MasterState, areas: AreaCatalog | None) -> list[tuple[str, list[dict]]]:
    def name(row: dict) -> str:
        area = as_text(plain_value(row["area"]))
        if not area:
            return "(không ghi lĩnh vực)"
        found = areas.match(area) if areas else None
        return found.name if found else area

    order = {a.name: i for i, a in enumerate(areas.areas)} if areas else {}
    return sorted(_group(state.rows, name).items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def _by_lead(state: MasterState) -> list[tuple[str, list[dict]]]:
    groups = _group(state.rows, lambda r: as_text(plain_value(r["lead_unit"])) or "(không ghi)")
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _by_quarter(state: MasterState) -> list[tuple[str, list[dict]]]:
    """Every quarter of the period, then due dates outside it, then tasks with no date."""
    period = state.period
    dues: list[Any] = [plain_value(r["due"]) for r in state.rows if isinstance(plain_value(r.get("due")), dt.date)]
    first = period.start if period else min((d.year for d in dues), default=dt.date.today().year)
    last = period.end if period and period.end else max([first, *(d.year for d in dues)])
    groups: dict[str, list[dict]] = {f"Quý {to_roman(q)}/{y}": [] for y in range(first, last + 1) for q in range(1, 5)}
    groups[OUTSIDE], groups[UNDATED] = [], []
    for row in state.rows:
        due = plain_value(row.get("due"))
        if not isinstance(due, dt.date):
            groups[UNDATED].append(row)
            continue
        label = f"Quý {to_roman((due.month - 1) // 3 + 1)}/{due.year}"
        groups[label if label in groups else OUTSIDE].append(row)
    return list(groups.items())
