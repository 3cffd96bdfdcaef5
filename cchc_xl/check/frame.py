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

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cchc_xl.core.deadlines import parse_deadline
from cchc_xl.core.money import parse_money
from cchc_xl.core.numbering import BULLET, parse_number, split_leading

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


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of the frame.

    ``parsed`` by column: stt a (Number, scope) pair, area the matched ``Area`` (or None),
    lead_unit and coord_units a ``Resolution``, deadline a ``Deadline``, budget ``Money``.
    ``context`` by column: task the detail columns its row fills and how many physical rows
    it spans; area the cell the area was read from; coord_units the row's lead ``Resolution``.
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
    """One row per entry (index = position in ``table.entries``), one ``Cell`` per appendix column."""
    import pandas as pd

    columns: dict[str, list[Cell]] = {key: [] for key in FRAME_COLUMNS}
    resolve, areas, period = ctx.config.registry.resolve, ctx.config.areas, ctx.period
    for entry, number in zip(table.entries, numbers(table)):
        values, task = entry.values, entry.is_task

        def cell(key: str, parsed: Any = None, context: Any = None, value: Any = None) -> Cell:
            """The frame cell of column ``key`` for this entry."""
            raw = values.get(key, "")
            return Cell(raw if value is None else value, task, is_excel_error(raw), parsed, context)

        lead = resolve(values.get("lead_unit"))
        details = tuple(k for k in DETAILS if _filled(values.get(k)))
        columns["stt"].append(cell("stt", number))
        columns["area"].append(cell("area", areas.match(entry.area) if entry.area else None, entry.area_cell,
                                    value=entry.area))
        columns["task"].append(cell("task", None, (details, len(entry.rows))))
        columns["product"].append(cell("product"))
        columns["lead_unit"].append(cell("lead_unit", lead))
        columns["coord_units"].append(cell("coord_units", resolve(values.get("coord_units")), lead))
        columns["deadline"].append(cell("deadline", parse_deadline(values.get("deadline"), period)))
        columns["budget"].append(cell("budget", parse_money(values.get("budget"))))
        columns["budget_source"].append(cell("budget_source"))
        columns["note"].append(cell("note"))
    return pd.DataFrame(columns, dtype=object)


def _filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def numbers(table: Table) -> list[tuple[Any, Any]]:
    """Per entry: (its row Number or None, the scope it is numbered in: heading, style, parent path)."""
    out = []
    for e in table.entries:
        task = e.values.get("task")
        number = parse_number(e.stt) if e.stt else split_leading("" if task is None else str(task).strip())[0]
        if number is not None and number.style == BULLET:
            number = None
        out.append((number, (e.group_row, number.style, number.path[:-1]) if number else None))
    return out
