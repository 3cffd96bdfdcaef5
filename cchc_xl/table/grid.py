"""Reading a grid's cells as the table sees them: merged ranges spread over the cells they cover.

A value merged down from a row above is *inherited* (a group's area written once);
a covered cell of a horizontal merge is a *copy* (a heading across the table). The
header finder and the row reader both look at cells this way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cchc_xl.core.model import Grid, column_letter
from cchc_xl.core.text import clean

HEADER_SCAN_ROWS = 1000
MAX_MERGED_CELLS = 2_000_000


class Merges:
    """Which merged range covers a cell, clipped to the rows the grid holds."""

    def __init__(self, grid: Grid):
        self.by_row: dict[int, list[tuple[int, int, int, int]]] = {}
        budget = MAX_MERGED_CELLS
        for r1, c1, r2, c2 in grid.merged:
            r2 = min(r2, grid.last_row)
            if r2 < r1 or (r1 == r2 and c1 == c2):
                continue
            budget -= r2 - r1 + 1
            if budget < 0:  # absurd merge counts: keep what we have, ignore the rest
                break
            for r in range(r1, r2 + 1):
                self.by_row.setdefault(r, []).append((r1, c1, r2, c2))

    def range_at(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        for rng in self.by_row.get(row, ()):
            if rng[1] <= col <= rng[3]:
                return rng
        return None


@dataclass(slots=True)
class Value:
    value: Any
    cell: str
    inherited: bool    # merged down from a row above
    copy: bool         # a covered cell of a merge (not its anchor)
    anchor: tuple[int, int] | None = None


class Sheet:
    def __init__(self, grid: Grid):
        self.grid = grid
        self.merges = Merges(grid)
        self._letters: dict[int, str] = {}

    def ref(self, row: int, col: int) -> str:
        letters = self._letters.get(col)
        if letters is None:
            letters = self._letters[col] = column_letter(col)
        return f"{letters}{row}"

    def get(self, row: int, col: int) -> Value:
        value = cleaned(self.grid.value(row, col))
        if row not in self.merges.by_row:  # most rows of a big sheet: no merge to look at
            return Value(value, self.ref(row, col), False, False, None)
        rng = self.merges.range_at(row, col)
        if rng is None or (rng[0], rng[1]) == (row, col):
            return Value(value, self.ref(row, col), False, False, (rng[0], rng[1]) if rng else None)
        anchor = cleaned(self.grid.value(rng[0], rng[1]))
        return Value(anchor, self.ref(row, col), rng[0] < row, True, (rng[0], rng[1]))

    def width(self) -> int:
        return max((len(r) for r in self.grid.rows[:HEADER_SCAN_ROWS]), default=0)


def cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    return value


def empty(value: Any) -> bool:
    return value is None or value == ""
