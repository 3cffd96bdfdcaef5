"""The task frame pandera validates: one row per entry of the table, one column per appendix column.

Each cell of the frame is a typed ``PlanCell``: the value as read plus what the pure
parser of its column made of it (``PlanCell[Deadline]``, ``PlanCell[Money]``, a unit
``Resolution``, an ``Area``, a row number), and the row it belongs to. A rule needing
another fact of the row reads the row (``cell.row.is_task``, ``cell.row.lead_unit``)
instead of a copy in every cell; the row knows its frame, and the frame the check's
``Context`` (the file's table, period, report): per-file facts travel in the frame, so
the pandera schema is built once per configuration. Parsers are cached by value (a plan
repeats "Quý II/2020" and "Văn phòng Sở" thousands of times), so a frame costs one
parse per distinct cell.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Generic, Iterable, Sequence, TypeVar

from cchc_xl.core.areas import Area
from cchc_xl.core.deadlines import Deadline, parse_deadline
from cchc_xl.core.money import Money, parse_money
from cchc_xl.core.numbering import ARABIC, BULLET, LOWER, Number, parse_number, split_leading
from cchc_xl.core.units import Resolution

if TYPE_CHECKING:
    from cchc_xl.check.report_frame import ReportFrame
    from cchc_xl.check.rules.base import Context
    from cchc_xl.core.model import Entry, Table

T = TypeVar("T")

# The appendix columns, in the order of the standard template: the frame's columns.
FRAME_COLUMNS = ("stt", "area", "task", "product", "lead_unit", "coord_units", "deadline", "budget",
                 "budget_source", "note")
DETAILS = ("lead_unit", "deadline", "product", "budget")   # what a row without task text may still hold

EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!"})

Section = tuple[int, int]                           # (the heading row opening it, restarts of "1" down a column)
Scope = tuple[Section, str, tuple[int, ...]]        # where a number counts: section, style, parent path
Numbered = tuple[Number | None, Scope | None]       # an STT cell read: its number, and the scope it counts in


@dataclass(slots=True, eq=False)
class Cell(Generic[T]):
    """One cell of a frame (never changed once built; not frozen only because that costs 3x to build):
    the value as read, whether it is a formula error (only formula-error reports it, other rules skip
    the cell) and what its column's parser made of it."""

    value: object
    broken: bool
    parsed: T

    @property
    def blank(self) -> bool:
        """True for an empty or whitespace-only cell."""
        value = self.value
        return value is None or (isinstance(value, str) and not value.strip())


class Row:
    """One row of a frame: its position (the frame's index, and ``table.entries``'), its entry."""

    __slots__ = ("index", "entry")

    def __init__(self, index: int, entry: Entry):
        self.index, self.entry = index, entry


@dataclass(slots=True, eq=False)
class PlanCell(Cell[T]):
    """A cell of the task frame, and the row it belongs to."""

    row: PlanRow


class PlanRow(Row):
    """One row of the task frame; its cells by column, typed (``row.deadline.parsed`` is a ``Deadline``)."""

    __slots__ = ("is_task", "frame")

    def __init__(self, index: int, entry: Entry, frame: PlanFrame):
        super().__init__(index, entry)
        self.is_task = entry.is_task   # the row has task text; other rows hold details without one
        self.frame = frame

    def cell(self, key: str) -> Cell[object]:
        """The cell of column ``key`` (one of FRAME_COLUMNS)."""
        cells: list[Cell[object]] = getattr(self.frame, key)
        return cells[self.index]

    @property
    def stt(self) -> PlanCell[Numbered]:
        return self.frame.stt[self.index]

    @property
    def area(self) -> PlanCell[Area | None]:
        return self.frame.area[self.index]

    @property
    def task(self) -> PlanCell[None]:
        return self.frame.task[self.index]

    @property
    def lead_unit(self) -> PlanCell[Resolution]:
        return self.frame.lead_unit[self.index]

    @property
    def coord_units(self) -> PlanCell[Resolution]:
        return self.frame.coord_units[self.index]

    @property
    def deadline(self) -> PlanCell[Deadline]:
        return self.frame.deadline[self.index]

    @property
    def budget(self) -> PlanCell[Money]:
        return self.frame.budget[self.index]


@dataclass(eq=False)
class PlanFrame:
    """The task frame's columns as typed lists of cells, its rows, and the check's context (the file's facts)."""

    ctx: Context
    rows: list[PlanRow] = field(default_factory=list)
    stt: list[PlanCell[Numbered]] = field(default_factory=list)
    area: list[PlanCell[Area | None]] = field(default_factory=list)
    task: list[PlanCell[None]] = field(default_factory=list)
    product: list[PlanCell[None]] = field(default_factory=list)
    lead_unit: list[PlanCell[Resolution]] = field(default_factory=list)
    coord_units: list[PlanCell[Resolution]] = field(default_factory=list)
    deadline: list[PlanCell[Deadline]] = field(default_factory=list)
    budget: list[PlanCell[Money]] = field(default_factory=list)
    budget_source: list[PlanCell[None]] = field(default_factory=list)
    note: list[PlanCell[None]] = field(default_factory=list)


def build_frame(table: Table, ctx: Context) -> PlanFrame:
    """One row per entry (index = position in ``table.entries``), one ``PlanCell`` per appendix column.

    Built column by column: a 100,000-row table makes a million cells, so every step per cell counts."""
    entries = table.entries
    values = [e.values for e in entries]
    resolve, areas, period = ctx.config.registry.resolve, ctx.config.areas, ctx.period
    frame = PlanFrame(ctx)
    rows = frame.rows = [PlanRow(i, e, frame) for i, e in enumerate(entries)]

    def column(key: str, parsed: Sequence[T], shown: Iterable[object] | None = None) -> list[PlanCell[T]]:
        raws = [v.get(key, "") for v in values]
        return [PlanCell(r if shown is None else s, r.__class__ is str and r in EXCEL_ERRORS, p, row)
                for r, s, p, row in zip(raws, shown or raws, parsed, rows)]

    nothing = [None] * len(entries)
    leads = [resolve(v.get("lead_unit")) for v in values]
    frame.stt = column("stt", numbers(table))
    # the area column shows the heading a row inherits, not only what its own cell says
    frame.area = column("area", [areas.match(e.area) if e.area else None for e in entries], [e.area for e in entries])
    frame.task, frame.product = column("task", nothing), column("product", nothing)
    frame.lead_unit = column("lead_unit", leads)
    frame.coord_units = column("coord_units", [resolve(v.get("coord_units")) for v in values])
    frame.deadline = column("deadline", [parse_deadline(v.get("deadline"), period) for v in values])
    frame.budget = column("budget", [parse_money(v.get("budget"), table.budget_scale.factor) for v in values])
    frame.budget_source, frame.note = column("budget_source", nothing), column("note", nothing)
    return frame


def release(frame: PlanFrame | ReportFrame) -> None:
    """Empty ``frame``'s columns and rows once checked: a cell points at its row and the row at its frame, so the
    cells are freed at once instead of waiting for the garbage collector."""
    for f in fields(frame):
        if f.name != "ctx":
            setattr(frame, f.name, [])


def filled(entry_values: dict[str, object], keys: Iterable[str] = DETAILS) -> tuple[str, ...]:
    """Which of ``keys`` a row fills (for task-missing: what the row holds without a task)."""
    return tuple(k for k in keys if _filled(entry_values.get(k)))


def _filled(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def numbers(table: Table) -> list[Numbered]:
    """Per entry: (its row Number or None, the scope it is numbered in: section, style, parent path).

    A section is opened by a heading that is not an Arabic sub-number ("I. CẢI CÁCH THỂ CHẾ", an area), or,
    in a table whose areas are only a column, by a "1" where the area changes: "1.1" under a sub-heading
    "1. Rà soát…" is numbered in the section of "I", as a child of 1. A section is (heading row, restarts)."""
    sections = sorted(h.row for h in table.headings if not _sub_number(h.number))
    by_column = "area" in table.columns and not sections   # areas only down a column: each may number anew
    restarts, last_area = 0, None
    out: list[Numbered] = []
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
