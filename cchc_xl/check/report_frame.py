"""The report frame pandera validates: one row per task of a progress report form.

The same ``Cell`` as the task frame; ``parsed`` by column: deadline a ``Deadline``
(against the plan's period), status the pair of ``parse_status`` (the exact value, the
value a free wording means), done_date a ``Completion`` (the date, or why it is none),
task_id whether the form owes that task.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cchc_xl.check.frame import EXCEL_ERRORS, Cell
from cchc_xl.core.deadlines import exact_day, parse_deadline
from cchc_xl.core.reporting import parse_status

if TYPE_CHECKING:
    import pandas as pd

    from cchc_xl.check.rules.base import Context
    from cchc_xl.core.model import Table

REPORT_FRAME_COLUMNS = ("task_id", "task", "deadline", "status", "result", "done_date", "difficulty", "proposal")


@dataclass(frozen=True)
class Completion:
    """A completion date cell: the date, or None with the cell's text (not a date)."""

    day: dt.date | None
    text: str = ""


def completion(value: Any) -> Completion:
    """A date, a datetime, or a text that is exactly one day ("15/03/2020")."""
    if value is None or value == "":
        return Completion(None)
    day = exact_day(value)
    return Completion(day) if day else Completion(None, str(value))


def build_report_frame(table: Table, ctx: Context) -> pd.DataFrame:
    """One row per task of the form, one ``Cell`` per report column."""
    import pandas as pd

    values = [e.values for e in table.entries]
    expected = ctx.report.expected if ctx.report else {}
    parsers = {
        "task_id": lambda v: v in expected if expected else True,
        "deadline": lambda v: parse_deadline(v, ctx.period),
        "status": parse_status,
        "done_date": completion,
    }

    def column(key: str) -> list[Cell]:
        parse = parsers.get(key)
        return [Cell(v.get(key, ""), True, isinstance(v.get(key), str) and v.get(key) in EXCEL_ERRORS,
                     parse(v.get(key, "")) if parse else None) for v in values]

    return pd.DataFrame({key: column(key) for key in REPORT_FRAME_COLUMNS}, dtype=object)
