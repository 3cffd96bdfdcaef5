"""The task frame pandera validates: one row per entry of the table, one column per appendix column.

Each cell of the frame is a ``Cell``: the value as read plus what the pure parsers
made of it (a ``Deadline``, ``Money``, unit ``Resolution``, area, row number) and
the facts a rule of that column needs about its row. A column's checks therefore
need nothing but the column they are registered on: pandera hands them the Series,
they return a boolean per row. Parsers are cached by value (a plan repeats "Quý
II/2020" and "Văn phòng Sở" thousands of times), so a frame costs one parse per
distinct cell.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING, Any, Iterable

from cchc_xl.core.deadlines import parse_deadline
from cchc_xl.core.money import parse_money
from cchc_xl.core.numbering import ARABIC, BULLET, LOWER, parse_number, split_leading

if TYPE_CHECKING:
    import pandas as pd

    from cchc_xl.check.rules.base import Context
    from cchc_xl.core.model import Table

# The appendix columns, in the order of the standard template: the frame's columns.
FRAME_COLUMNS = ("stt", "area", "task", "product", "lead_unit", "coord_units", "deadline", "budget",
                 "budget_source", "note")
DETAILS = ("lead_unit", "deadline", "product", "budget")   # what a row without task text may still hold

EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!"})


def is_excel_error(value: Any) -> bool:
    """'#REF!', '#DIV/0!'...: a formula's error value as the readers hand it over."""
    return isinstance(value, str) and value in EXCEL_ERRORS


@dataclass(slots=True)
class Cell:
    """One cell of the frame (never changed once built; not frozen only because that costs 3x to build).

    ``parsed`` by column: stt a (Number, scope) pair, area the matched ``Area`` (or None),
    lead_unit and coord_units a ``Resolution``, deadline a ``Deadline``, budget ``Money``.
    ``context`` by column: task how many physical rows the task spans; area the cell the area
    was read from; coord_units the row's lead ``Resolution``.
    """

    value: Any
    task: bool            # the row is a task (it has task text); other rows hold details without one
    broken: bool          # a formula error: only formula-error reports it, other rules skip the cell
    parsed: Any = None
    context: Any = None

    @property
    def blank(self) -> bool:
        """True for an empty or whitespace-only cell."""
        value = self.value
        return value is None or (isinstance(value, str) and not value.strip())


def build_frame(table: Table, ctx: Context) -> pd.DataFrame:
    """One row per entry (index = position in ``table.entries``), one ``Cell`` per appendix column.

    Built column by column: a 100,000-row table makes a million cells, so every step per cell counts."""
    import pandas as pd

    entries = table.entries
    values = [e.values for e in entries]
    tasks = [e.is_task for e in entries]
    resolve, areas, period = ctx.config.registry.resolve, ctx.config.areas, ctx.period

    def column(key: str, parsed: Iterable[Any] | None = None, context: Iterable[Any] | None = None,
               shown: Iterable[Any] | None = None) -> list[Cell]:
        raws = [v.get(key, "") for v in values]
        return [Cell(r if s is _RAW else s, t, r.__class__ is str and r in EXCEL_ERRORS, p, c)
                for r, s, t, p, c in zip(raws, shown or repeat(_RAW), tasks, parsed or repeat(None),
                                         context or repeat(None))]

    leads = [resolve(v.get("lead_unit")) for v in values]
    return pd.DataFrame({
        "stt": column("stt", numbers(table)),
        "area": column("area", [areas.match(e.area) if e.area else None for e in entries],
                       [e.area_cell for e in entries], [e.area for e in entries]),
        "task": column("task", context=[len(e.rows) for e in entries]),
        "product": column("product"),
        "lead_unit": column("lead_unit", leads),
        "coord_units": column("coord_units", [resolve(v.get("coord_units")) for v in values], leads),
        "deadline": column("deadline", [parse_deadline(v.get("deadline"), period) for v in values]),
        "budget": column("budget", [parse_money(v.get("budget"), table.budget_scale.factor) for v in values]),
        "budget_source": column("budget_source"),
        "note": column("note"),
    }, dtype=object)


_RAW = object()  # "show the raw value" (only the area column shows another: the heading it inherits)


def filled(entry_values: dict[str, Any], keys: Iterable[str] = DETAILS) -> tuple[str, ...]:
    """Which of ``keys`` a row fills (for task-missing: what the row holds without a task)."""
    return tuple(k for k in keys if _filled(entry_values.get(k)))


def _filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def numbers(table: Table) -> list[tuple[Any, Any]]:
    """Per entry: (its row Number or None, the scope it is numbered in: section, style, parent path).

    A section is opened by a heading that is not an Arabic sub-number ("I. CẢI CÁCH THỂ CHẾ", an area), or,
    in a table whose areas are only a column, by a "1" where the area changes: "1.1" under a sub-heading
    "1. Rà soát…" is numbered in the section of "I", as a child of 1. A section is (heading row, restarts)."""
    sections = sorted(h.row for h in table.headings if not _sub_number(h.number))
    by_column = "area" in table.columns and not sections   # areas only down a column: each may number anew
    restarts, last_area = 0, None
    out = []
    for e in table.entries:
        task = e.values.get("task")
        number = parse_number(e.stt) if e.stt else split_leading("" if task is None else str(task).strip())[0]
        if number is not None and number.style == BULLET:
            number = None
        row = sections[bisect.bisect_left(sections, e.row) - 1] if sections and sections[0] < e.row else 0
        if by_column and number is not None and number.path == (1,) and last_area is not None and e.area != last_area:
            restarts += 1   # "1" where the area column changes: the new area numbers anew
        last_area = e.area if e.is_task else last_area
        section = (row, restarts)
        out.append((number, (section, number.style, number.path[:-1]) if number else None))
    return out


def _sub_number(text: str) -> bool:
    """A heading numbered 1, 1.2, a, b: a group inside a section, not a section of its own."""
    number = parse_number(text) if text else None
    return number is not None and number.style in (ARABIC, LOWER)
