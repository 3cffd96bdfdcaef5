"""The report frame pandera validates: one row per task of a progress report form.

Typed cells as in the task frame (``check.frame``); ``parsed`` by column: deadline a
``Deadline`` (against the plan's period), status the pair of ``parse_status`` (the exact
value, the value a free wording means), done_date a ``Completion`` (the date, or why it is
none), task_id whether the form owes that task.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, TypeVar

from cchc_xl.check.frame import EXCEL_ERRORS, Cell, Row
from cchc_xl.core.deadlines import Deadline, exact_day, parse_deadline
from cchc_xl.core.reporting import parse_status

if TYPE_CHECKING:
    from cchc_xl.check.rules.base import Context
    from cchc_xl.core.model import Entry, Table

T = TypeVar("T")

REPORT_FRAME_COLUMNS = ("task_id", "task", "deadline", "status", "result", "done_date", "difficulty", "proposal")
Status = tuple[str | None, str | None]   # (the exact status, the status a free wording means)


@dataclass(frozen=True)
class Completion:
    """A completion date cell: the date, or None with the cell's text (not a date)."""

    day: dt.date | None
    text: str = ""


def completion(value: object) -> Completion:
    """A date, a datetime, or a text that is exactly one day ("15/03/2020")."""
    if value is None or value == "":
        return Completion(None)
    day = exact_day(value)
    return Completion(day) if day else Completion(None, str(value))


@dataclass(slots=True, eq=False)
class ReportCell(Cell[T]):
    """A cell of the report frame, and the row it belongs to."""

    row: ReportRow


class ReportRow(Row):
    """One task of the form; its cells by column, typed."""

    __slots__ = ("frame",)

    def __init__(self, index: int, entry: Entry, frame: ReportFrame):
        super().__init__(index, entry)
        self.frame = frame

    @property
    def task_id(self) -> ReportCell[bool]:
        return self.frame.task_id[self.index]

    @property
    def task(self) -> ReportCell[None]:
        return self.frame.task[self.index]

    @property
    def deadline(self) -> ReportCell[Deadline]:
        return self.frame.deadline[self.index]

    @property
    def status(self) -> ReportCell[Status]:
        return self.frame.status[self.index]

    @property
    def result(self) -> ReportCell[None]:
        return self.frame.result[self.index]

    @property
    def done_date(self) -> ReportCell[Completion]:
        return self.frame.done_date[self.index]

    @property
    def difficulty(self) -> ReportCell[None]:
        return self.frame.difficulty[self.index]

    @property
    def proposal(self) -> ReportCell[None]:
        return self.frame.proposal[self.index]


@dataclass(eq=False)
class ReportFrame:
    """The report frame's columns as typed lists of cells, its rows, and the check's context."""

    ctx: Context
    rows: list[ReportRow] = field(default_factory=list)
    task_id: list[ReportCell[bool]] = field(default_factory=list)
    task: list[ReportCell[None]] = field(default_factory=list)
    deadline: list[ReportCell[Deadline]] = field(default_factory=list)
    status: list[ReportCell[Status]] = field(default_factory=list)
    result: list[ReportCell[None]] = field(default_factory=list)
    done_date: list[ReportCell[Completion]] = field(default_factory=list)
    difficulty: list[ReportCell[None]] = field(default_factory=list)
    proposal: list[ReportCell[None]] = field(default_factory=list)


def build_report_frame(table: Table, ctx: Context) -> ReportFrame:
    """One row per task of the form, one ``ReportCell`` per report column."""
    values = [e.values for e in table.entries]
    expected = ctx.report.expected if ctx.report else {}
    frame = ReportFrame(ctx)
    rows = frame.rows = [ReportRow(i, e, frame) for i, e in enumerate(table.entries)]

    def column(key: str, parse: Callable[[object], T]) -> list[ReportCell[T]]:
        return [ReportCell(v.get(key, ""), isinstance(v.get(key), str) and v.get(key) in EXCEL_ERRORS,
                           parse(v.get(key, "")), row) for v, row in zip(values, rows)]

    def nothing(value: object) -> None:
        return None

    frame.task_id = column("task_id", lambda v: v in expected if expected else True)
    frame.task, frame.result = column("task", nothing), column("result", nothing)
    frame.deadline = column("deadline", lambda v: parse_deadline(v, ctx.period))
    frame.status = column("status", parse_status)
    frame.done_date = column("done_date", completion)
    frame.difficulty, frame.proposal = column("difficulty", nothing), column("proposal", nothing)
    return frame
