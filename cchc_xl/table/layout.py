"""From a sheet's grid to the task table: header, headings, tasks, continuations.

Pure: it sees only a ``Grid`` (values and merged ranges), whichever adapter
produced it. The decisions, in order:

1. the header row is the row (or pair of rows) naming the most known columns;
2. each later row is classified from what it holds *itself* (values merged down
   from a row above count as inherited, not own): a heading (merged across the
   table, a Roman numeral, or a numbered title that has children), a task, a
   continuation of the task above (no number and a lower-case start, or bare
   text under a numbered task: a table pasted from Word), or a row with data
   but no task text;
3. headings give tasks their area (at the numbering level whose headings best
   match the reform areas) and group; a parent row that names a lead unit or a
   deadline passes them to children that leave them empty.
"""

from __future__ import annotations

from typing import Any, Iterable

from cchc_xl.core.areas import AreaCatalog
from cchc_xl.core.model import Entry, Fragment, Grid, Heading, Table
from cchc_xl.core.money import Scale, is_unit_label, read_scale
from cchc_xl.core.numbering import ARABIC
from cchc_xl.core.text import clean, fold, is_lower_start
from cchc_xl.table.grid import Sheet, cleaned, empty
from cchc_xl.table.headers import HeaderMatch, find_header
from cchc_xl.table.rows import (
    INHERITABLE,
    TERMINAL,
    RowInfo,
    classify,
    heading_level,
    is_footer,
    is_numbering_row,
    is_repeated_header,
    is_total,
    is_unit_row,
    read_row,
)
from cchc_xl.table.sheets import ours


def budget_scale(grid: Grid, header: HeaderMatch, title_lines: list[str]) -> Scale:
    """The budget column's unit, from its header cells (and a units row under them), else the lines above."""
    col = header.columns.get("budget")
    if col is None:
        return read_scale(None, title_lines)
    sheet = Sheet(grid)
    texts = [sheet.get(r, col).value for r in header.rows]
    below = sheet.get(header.rows[-1] + 1, col).value
    if is_unit_label(below):
        texts.append(below)
    return read_scale(" ".join(t for t in texts if isinstance(t, str)), title_lines)


def _area_level(headings: list[Heading], areas: AreaCatalog | None) -> int | None:
    if not headings:
        return None
    levels = sorted({h.level for h in headings})
    if areas:
        hits = {lv: sum(1 for h in headings if h.level == lv and areas.match(h.text)) for lv in levels}
        best = max(levels, key=lambda lv: (hits[lv], -lv))
        if hits[best]:
            return best
    return levels[0]


def build_table(grid: Grid, header: HeaderMatch, areas: AreaCatalog | None = None) -> Table:
    sheet = Sheet(grid)
    table = Table(grid.name, header.rows, header.columns, header.headers)
    rows: list[RowInfo] = []
    for r in range(header.rows[-1] + 1, grid.last_row + 1):
        if grid.is_blank(r):  # nothing of its own (a merge from above only inherits): most rows of a sparse sheet
            continue
        row = read_row(sheet, r, header.columns)
        if (row is None or is_repeated_header(row) or is_numbering_row(row) or is_unit_row(row, header)
                or is_total(row)):
            continue
        if is_footer(row):
            break
        rows.append(row)
    numbered = "stt" in header.columns and sum(1 for r in rows if r.number and r.number.style == ARABIC) >= 2
    classify(rows, numbered, areas)
    _assemble_entries(table, rows, areas)
    return table


def _assemble_entries(table: Table, rows: list[RowInfo], areas: AreaCatalog | None) -> None:
    entry_of: dict[int, Entry] = {}
    headings_before: list[int] = []  # per entry: how many headings precede it
    for i, r in enumerate(rows):
        if r.kind == "heading":
            table.headings.append(Heading(
                r.row, r.title_cell, r.number.text if r.number else "", r.title,
                heading_level(r.number, r.title, areas),
                {k: r.own[k] for k in INHERITABLE if k in r.own},
                {k: r.cells[k] for k in INHERITABLE if k in r.own},
            ))
        elif r.kind in ("task", "orphan"):
            entry = Entry(r.row, [r.row], {}, dict(r.cells), stt=r.number.text if r.number else _stt_text(r))
            entry.values = {k: r.own.get(k, r.inherited.get(k, "")) for k in table.columns}
            entry.values["task"] = entry.values.get("task", "")
            headings_before.append(len(table.headings))
            table.entries.append(entry)
            entry_of[i] = entry
        elif r.kind == "fragment" and r.parent is not None and r.parent in entry_of:
            entry = entry_of[r.parent]
            _append_fragment(entry, r)
            entry_of[i] = entry
            table.fragments.append(Fragment(r.row, entry.row, r.title_cell or r.cells.get("task", "")))
    table.area_level = _area_level(table.headings, areas)
    _assign_headings(table, headings_before)


def _stt_text(r: RowInfo) -> str:
    v = r.own.get("stt")
    return "" if empty(v) else str(v)


def _append_fragment(entry: Entry, r: RowInfo) -> None:
    entry.rows.append(r.row)
    for key, value in r.own.items():
        if key == "stt" or empty(value):
            continue
        old = entry.values.get(key, "")
        if empty(old):
            entry.values[key] = value
            entry.cells[key] = r.cells[key]
        elif isinstance(old, str) and isinstance(value, str):
            listed = key in ("lead_unit", "coord_units") or value[:1] in "-+•*" or old.endswith(TERMINAL)
            joiner = "\n" if listed and not is_lower_start(value) else " "
            entry.values[key] = old + joiner + value


def _assign_headings(table: Table, headings_before: list[int]) -> None:
    """Give each entry its area and group, and inherit what a parent row names."""
    stack: list[Heading] = []
    pos = 0
    column_area: tuple[str, str, int] | None = None
    for entry, upto in zip(table.entries, headings_before):
        while pos < upto:
            h = table.headings[pos]
            while stack and stack[-1].level >= h.level:
                stack.pop()
            stack.append(h)
            pos += 1
        area = next((h for h in reversed(stack) if h.level == table.area_level), None)
        if not empty(entry.values.get("area")):
            entry.area, entry.area_cell = str(entry.values["area"]), entry.cells.get("area", "")
            column_area = (entry.area, entry.area_cell, pos)
        elif column_area and column_area[2] == pos:  # area column filled on a group's first row only
            entry.area, entry.area_cell = column_area[0], column_area[1]
        elif area:
            entry.area, entry.area_cell = area.text, area.cell
        if stack:
            entry.group, entry.group_row = stack[-1].text, stack[-1].row
        for h in reversed(stack):
            for key, value in h.values.items():
                if empty(entry.values.get(key)):
                    entry.values[key] = value
                    entry.cells[key] = h.cells[key]


# --------------------------------------------------------------------------- metadata
_META_LABELS = {
    "đơn vị gửi": "unit",
    "đơn vị": "unit",
    "kỳ kế hoạch": "period",
    "ngày lập": "date",
    "người lập": "author",
}


def read_meta(grid: Grid, before_row: int) -> tuple[dict[str, Any], list[str]]:
    """Header-block values (Đơn vị gửi: …) and title lines above the table."""
    meta: dict[str, Any] = {}
    titles: list[str] = []
    consumed: set[tuple[int, int]] = set()
    for r in range(grid.first_row, min(before_row, grid.last_row + 1)):
        values = grid.rows[r - grid.first_row]
        for c, raw in enumerate(values):
            if isinstance(raw, str) and raw.strip():
                label = fold(raw)
                key = _META_LABELS.get(label)
                if key and key not in meta:
                    following = [(i, v) for i, v in enumerate(values[c + 1:], start=c + 1)
                                 if not empty(cleaned(v))]
                    if following:
                        meta[key] = cleaned(following[0][1])
                        consumed.add((r, following[0][0]))
                    continue
                if (r, c) not in consumed:
                    titles.append(clean(raw))
    return meta, titles


def locate_table(grids: Iterable[Grid], areas: AreaCatalog | None = None) -> Table | None:
    """The task table of a workbook: the sheet whose header names the most columns."""
    best: tuple[tuple, Grid, HeaderMatch] | None = None
    for index, grid in enumerate(grids):
        if ours(grid.name):
            continue
        header = find_header(grid)
        if header is None:
            continue
        rank = (header.score, grid.visible, fold(grid.name) == "phụ lục", -index)
        if best is None or rank > best[0]:
            best = (rank, grid, header)
    if best is None:
        return None
    _, grid, header = best
    table = build_table(grid, header, areas)
    table.meta, table.title_lines = read_meta(grid, header.rows[0])
    table.budget_scale = budget_scale(grid, header, table.title_lines)
    return table


__all__ = ["build_table", "locate_table", "read_meta"]
