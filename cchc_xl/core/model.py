"""Plain data passed between the adapters (readers) and the pure core.

A ``Grid`` is what any reader (openpyxl file, live xlwings book) hands over: the
sheet's values and merged ranges, nothing else. The core never sees a workbook
object, so the CLI and the ribbon feed the very same code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from cchc_xl.core.money import DONG, Scale

EXCEL_CELL_LIMIT = 32_767   # characters a cell (or a comment) can hold


def column_letter(col: int) -> str:
    """'A' for 1, 'AA' for 27 (spreadsheet column names)."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """'E12' for row 12, column 5."""
    return f"{column_letter(col)}{row}"


def sheet_ref(sheet: str, cell: str) -> str:
    """"'Phụ lục'!E12": a jump target; a quote in the sheet name is doubled, as Excel writes it."""
    return "'" + sheet.replace("'", "''") + "'!" + cell


def column_index(letters: str) -> int:
    """1 for 'A', 27 for 'AA'."""
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col


def parse_ref(ref: str) -> tuple[int, int]:
    """(row, column) of 'E12'."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    return int(ref[len(letters):]), column_index(letters)


def normal(value: Any) -> Any:
    """A cell value as every adapter hands it to the core (calamine, openpyxl, a live book):
    '' and whitespace-only text are None (a stray space on row 1,048,576 is no content), integral floats
    are ints (xlwings and calamine give 1.0 for 1), dates are datetimes."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value




@dataclass(frozen=True)
class Formula:
    """A formula a user typed in the master workbook: written back as a formula, moved with its row."""

    text: str            # "=J5*2", as written at ``origin``
    origin: str          # the cell it was read from ("K5")
    cached: Any = None   # its last computed value: what totals and comparisons use


def plain_value(value: Any) -> Any:
    """A cell's value for computing: a formula's last result, anything else as it is."""
    return value.cached if isinstance(value, Formula) else value


@dataclass
class Grid:
    """One sheet's values: ``rows[i][j]`` is the cell at row first_row+i, column j+1."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    first_row: int = 1
    visible: bool = True

    @property
    def last_row(self) -> int:
        """The worksheet row of the grid's last row."""
        return self.first_row + len(self.rows) - 1

    def is_blank(self, row: int) -> bool:
        """True when worksheet row ``row`` holds no value (outside the grid too)."""
        i = row - self.first_row
        return not 0 <= i < len(self.rows) or all(v is None for v in self.rows[i])

    def value(self, row: int, col: int) -> Any:
        """The value at worksheet row ``row``, column ``col`` (None outside the grid)."""
        i = row - self.first_row
        if 0 <= i < len(self.rows) and 0 < col <= len(self.rows[i]):
            return self.rows[i][col - 1]
        return None


@dataclass
class Book:
    """A workbook as the core sees it: its sheets and our stored properties."""

    path: str
    grids: list[Grid]
    properties: dict[str, str] = field(default_factory=dict)


@dataclass
class Heading:
    """A heading row of the table: a reform area or a group, with what it passes to the tasks below."""

    row: int
    cell: str
    number: str
    text: str
    level: int
    values: dict[str, Any] = field(default_factory=dict)  # lead/deadline a parent row passes down
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class Entry:
    """One task of the table (or a row holding task data without task text)."""

    row: int                        # worksheet row of its first physical row
    rows: list[int]                 # every physical row it spans
    values: dict[str, Any]          # canonical key -> cleaned value ('' when empty)
    cells: dict[str, str]           # canonical key -> cell the value came from
    stt: str = ""
    area: str = ""
    area_cell: str = ""
    group: str = ""                 # nearest heading text
    group_row: int = 0              # worksheet row of that heading (0: none)

    @property
    def is_task(self) -> bool:
        """True when the entry has task text (other entries hold details without one)."""
        return bool(self.values.get("task"))


@dataclass
class Fragment:
    """A continuation row (a Word page break) joined to the task it belongs to."""

    row: int          # the continuation row
    parent_row: int   # the task's first row
    cell: str


@dataclass
class Table:
    """The task table found on a sheet: where its columns are, its entries, headings and fragments."""

    sheet: str
    header_rows: tuple[int, ...]
    columns: dict[str, int]          # canonical key -> column index (1-based)
    headers: dict[str, str]          # canonical key -> header text as written
    entries: list[Entry] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)
    area_level: int | None = None
    title_lines: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    budget_scale: Scale = DONG       # the unit of the budget column ("Kinh phí (triệu đồng)", "ĐVT: …")

    def cell(self, key: str, row: int) -> str:
        """The cell of column ``key`` on ``row`` (the row's first column when the table lacks it)."""
        col = self.columns.get(key)
        if col is None:  # the column does not exist: point at the row's first column
            col = min(self.columns.values())
        return cell_ref(row, col)

    @property
    def tasks(self) -> list[Entry]:
        """The entries that are tasks."""
        return [e for e in self.entries if e.is_task]
