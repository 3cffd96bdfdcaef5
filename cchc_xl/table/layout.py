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

import itertools
import re
from dataclasses import dataclass
from typing import Any, Iterable

from cchc_xl.core.areas import AreaCatalog
from cchc_xl.core.model import Entry, Fragment, Grid, Heading, Table
from cchc_xl.core.money import Scale, is_unit_label, read_scale
from cchc_xl.core.numbering import ARABIC, BULLET, LOWER, ROMAN, UPPER, Number, parse_number, split_leading
from cchc_xl.core.sheets import ours
from cchc_xl.core.text import clean, fold, is_lower_start, is_upper_text
from cchc_xl.table.grid import Sheet, cleaned, empty
from cchc_xl.table.headers import HeaderMatch, find_header, is_column_number, match_header

DETAIL_KEYS = ("product", "lead_unit", "coord_units", "deadline", "budget")
TEXT_KEYS = ("task", "product", "lead_unit", "coord_units", "deadline", "budget", "budget_source", "note")
INHERITABLE = ("lead_unit", "coord_units", "deadline")
_FOOTER = re.compile(r"^(?:nơi nhận|người lập|người lập biểu|kt |tm |giám đốc|thủ trưởng|xác nhận|lưu vt)")
_TERMINAL = tuple(".;:!?)\u201d\"…")


# --------------------------------------------------------------------------- rows
@dataclass
class _Row:
    row: int
    own: dict[str, Any]
    inherited: dict[str, Any]
    cells: dict[str, str]
    number: Number | None
    title: str
    title_cell: str
    spans_table: bool
    kind: str = ""
    children: bool = False
    parent: int | None = None  # index of the task a continuation belongs to
    cut: bool = False          # a sentence cut by a page break just before a number ("… mức độ 3," / "4 năm …")

    def has(self, key: str) -> bool:
        return not empty(self.own.get(key)) or not empty(self.inherited.get(key))

    @property
    def has_details(self) -> bool:
        return any(self.has(k) for k in DETAIL_KEYS)

    @property
    def own_text(self) -> str:
        for key in TEXT_KEYS:
            v = self.own.get(key)
            if isinstance(v, str) and v:
                return v
        return ""


def _read_row(sheet: Sheet, row: int, columns: dict[str, int]) -> _Row | None:
    own: dict[str, Any] = {}
    inherited: dict[str, Any] = {}
    cells: dict[str, str] = {}
    anchors: dict[tuple[int, int], list[str]] = {}
    for key, col in columns.items():
        v = sheet.get(row, col)
        cells[key] = v.cell
        if empty(v.value):
            continue
        (inherited if v.inherited else own)[key] = v.value
        if v.anchor and not v.inherited:
            anchors.setdefault(v.anchor, []).append(key)
    if not own:
        return None
    stt_range = sheet.merges.range_at(row, columns["stt"]) if "stt" in columns else None
    if stt_range and stt_range[2] > stt_range[0] and "stt" in own:
        inherited["stt"] = own.pop("stt")  # one number merged down a group: the group's, not the row's
    spans = any(len(keys) >= 2 and ("task" in keys or "stt" in keys) for keys in anchors.values())
    if spans:  # one merged cell across the table: keep its text once
        for keys in anchors.values():
            for key in keys[1:]:
                own.pop(key, None)
    number, title, title_cell = _number_and_title(own, cells)
    return _Row(row, own, inherited, cells, number, title, title_cell, spans)


def _number_and_title(own: dict[str, Any], cells: dict[str, str]) -> tuple[Number | None, str, str]:
    stt = own.get("stt")
    number = parse_number(stt) if not empty(stt) else None
    task = own.get("task")
    if isinstance(task, str) and task:
        if number is None and empty(stt):
            lead, rest = split_leading(task)
            if lead is not None and lead.style != BULLET:
                return lead, rest, cells["task"]
        return number, task, cells["task"]
    if number is None and isinstance(stt, str) and stt:  # "I CẢI CÁCH THỂ CHẾ" in the STT cell
        lead, rest = split_leading(stt)
        return lead, rest, cells["stt"]
    for key in ("area", *TEXT_KEYS):
        v = own.get(key)
        if isinstance(v, str) and v and key != "task":
            lead, rest = split_leading(v)
            if key == "area" or lead is not None:
                return lead or number, rest, cells[key]
    return number, "", cells.get("task", "")


def _is_repeated_header(row: _Row) -> bool:
    """The header again (tables pasted from Word repeat it on every page): short texts only."""
    values = list(row.own.values())
    if len(values) < 3 or not all(isinstance(v, str) and len(v) <= 80 for v in values):
        return False
    keys = {match_header(v) for v in values}
    keys.discard(None)
    return len(keys) >= 3


def _is_numbering_row(row: _Row) -> bool:
    values = [v for v in row.own.values() if not empty(v)]
    return len(values) >= 3 and all(is_column_number(str(v)) for v in values)


def _is_unit_row(row: _Row, header: HeaderMatch) -> bool:
    """A row under the header that only says the budget's unit ("(triệu đồng)"), maybe beside column numbers."""
    return (row.row == header.rows[-1] + 1 and is_unit_label(row.own.get("budget"))
            and all(k == "budget" or is_column_number(str(v)) for k, v in row.own.items()))


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


_TOTAL = re.compile(r"^(?:tổng cộng|tổng số|tổng kinh phí|tổng|cộng)\s*(?:[:(]|kinh phí|$)")


def _is_total(row: _Row) -> bool:
    """A totals row ("Tổng cộng", "Cộng: 150.000.000"): a sum of the rows above, not a task."""
    return row.number is None and bool(_TOTAL.match(fold(row.own_text or row.title)))


def _is_footer(row: _Row) -> bool:
    return row.number is None and bool(_FOOTER.match(fold(row.own_text or row.title)))


# --------------------------------------------------------------------------- classification
def _mark_cut_sentences(rows: list[_Row]) -> None:
    """A Word page break can cut a task so that the next row's text starts with a digit: "… dịch vụ công
    mức độ 3," then "4 năm 2021 tối thiểu đạt 40% …". The digit is no number of the row (the STT cell is
    empty, the words after it run on in lower case, the text above ends mid-sentence): it is a continuation."""
    above = ""
    for r in rows:
        task = r.own.get("task")
        if (r.number is not None and r.number.style == ARABIC and "stt" not in r.own and isinstance(task, str)
                and above and not above.endswith(_TERMINAL) and is_lower_start(split_leading(task)[1])):
            r.number, r.title, r.cut = None, task, True
        if isinstance(task, str) and task.strip():
            above = task.rstrip()


def _classify(rows: list[_Row], numbered: bool, areas: AreaCatalog | None) -> None:
    _mark_cut_sentences(rows)
    following: Number | None = None  # the next numbered row below, found in one backward pass
    for r in reversed(rows):
        me = r.number
        r.children = bool(me and me.style not in (LOWER, BULLET) and following and me.is_parent_of(following))
        if me is not None and me.style != BULLET:
            following = me
    for i, r in enumerate(rows):
        r.kind = _kind(rows, i, numbered, areas)
        if r.kind == "fragment":
            j = i - 1
            while j >= 0 and rows[j].kind == "fragment":
                j -= 1
            r.parent = j


def _kind(rows: list[_Row], i: int, numbered: bool, areas: AreaCatalog | None) -> str:
    r = rows[i]
    prev = _previous_kind(rows, i)
    has_task = "task" in r.own or ("task" in r.inherited and not r.spans_table)
    if r.spans_table or (not has_task and "stt" in r.own and r.title and not r.has_details):
        return "heading"
    if r.number is not None and r.number.style in (ROMAN, UPPER) and (r.children or not r.has_details):
        return "heading"
    if r.children:
        return "heading"
    if not has_task and set(r.own) <= {"area", "note", "budget_source"}:
        return "skip"
    continues = prev in ("task", "fragment") and r.number is None and _near(rows, i)
    if continues and (r.cut or is_lower_start(r.own_text)):
        return "fragment"
    if not has_task:
        quiet = not r.own.get("lead_unit") and not r.own.get("deadline")
        return "fragment" if continues and quiet else "orphan"
    if not r.has_details:
        if _titles_a_group(rows, i, numbered, areas):
            return "heading"
        if continues and (numbered or r.own_text[:1] in "-+•*"):
            return "fragment"
    return "task"


def _titles_a_group(rows: list[_Row], i: int, numbered: bool, areas: AreaCatalog | None) -> bool:
    """A row with only a title heads what follows: capitals, an area name, a run of
    unnumbered tasks, or a numbering that restarts below it."""
    r = rows[i]
    nxt = rows[i + 1] if i + 1 < len(rows) else None
    if is_upper_text(r.title) or (areas and areas.match(r.title)):
        return True
    if nxt is None:
        return False
    bulleted = nxt.number is not None and nxt.number.style in (LOWER, BULLET)
    loose = bulleted or (nxt.number is None and (numbered or nxt.own_text[:1] in "-+•*"))
    if loose and nxt.has_details and not is_lower_start(nxt.own_text):
        return True
    if r.number is None:
        return numbered and nxt.number is not None and nxt.has_details
    following = next((o.number for o in itertools.islice(rows, i + 1, None) if o.number and o.number.style != BULLET),
                     None)
    if r.number.style == ARABIC and following is not None and following.style == ARABIC:
        return not r.number.is_successor(following)
    return False


MAX_FRAGMENT_GAP = 3   # empty rows a continuation may sit below its task; a cell far below is no continuation


def _near(rows: list[_Row], i: int) -> bool:
    """The row sits right under the row before it (a page break leaves no gap, at most a few empty rows)."""
    return i == 0 or rows[i].row - rows[i - 1].row <= MAX_FRAGMENT_GAP + 1


def _previous_kind(rows: list[_Row], i: int) -> str:
    for j in range(i - 1, -1, -1):
        if rows[j].kind != "skip":
            return rows[j].kind
    return ""


# --------------------------------------------------------------------------- assembly
def _level(number: Number | None, title: str, areas: AreaCatalog | None) -> int:
    if number is None:
        return 1 if is_upper_text(title) or (areas and areas.match(title)) else 8
    return {UPPER: 0, ROMAN: 1, LOWER: 9, BULLET: 9}.get(number.style, 1 + number.depth)


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
    rows: list[_Row] = []
    for r in range(header.rows[-1] + 1, grid.last_row + 1):
        if grid.is_blank(r):  # nothing of its own (a merge from above only inherits): most rows of a sparse sheet
            continue
        row = _read_row(sheet, r, header.columns)
        if (row is None or _is_repeated_header(row) or _is_numbering_row(row) or _is_unit_row(row, header)
                or _is_total(row)):
            continue
        if _is_footer(row):
            break
        rows.append(row)
    numbered = "stt" in header.columns and sum(1 for r in rows if r.number and r.number.style == ARABIC) >= 2
    _classify(rows, numbered, areas)
    _assemble_entries(table, rows, areas)
    return table


def _assemble_entries(table: Table, rows: list[_Row], areas: AreaCatalog | None) -> None:
    entry_of: dict[int, Entry] = {}
    headings_before: list[int] = []  # per entry: how many headings precede it
    for i, r in enumerate(rows):
        if r.kind == "heading":
            table.headings.append(Heading(
                r.row, r.title_cell, r.number.text if r.number else "", r.title,
                _level(r.number, r.title, areas),
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


def _stt_text(r: _Row) -> str:
    v = r.own.get("stt")
    return "" if empty(v) else str(v)


def _append_fragment(entry: Entry, r: _Row) -> None:
    entry.rows.append(r.row)
    for key, value in r.own.items():
        if key == "stt" or empty(value):
            continue
        old = entry.values.get(key, "")
        if empty(old):
            entry.values[key] = value
            entry.cells[key] = r.cells[key]
        elif isinstance(old, str) and isinstance(value, str):
            listed = key in ("lead_unit", "coord_units") or value[:1] in "-+•*" or old.endswith(_TERMINAL)
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
