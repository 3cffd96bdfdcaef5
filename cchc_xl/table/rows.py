"""The rows of a task table, one at a time: what a row holds itself (values merged down from a row above are
inherited, not its own), its number and title, and what kind of row it is — a heading, a task, a continuation
of the task above (a table pasted from Word), a repeated header, a totals or footer row. ``layout.py``
assembles the table from them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from cchc_xl.core.areas import AreaCatalog
from cchc_xl.core.money import is_unit_label
from cchc_xl.core.numbering import (
    ARABIC,
    BULLET,
    LOWER,
    ROMAN,
    UPPER,
    Number,
    parse_number,
    split_leading,
)
from cchc_xl.core.text import fold, is_lower_start, is_upper_text
from cchc_xl.table.grid import Sheet, empty
from cchc_xl.table.headers import HeaderMatch, is_column_number, match_header

DETAIL_KEYS = ("product", "lead_unit", "coord_units", "deadline", "budget")
TEXT_KEYS = ("task", "product", "lead_unit", "coord_units", "deadline", "budget", "budget_source", "note")
INHERITABLE = ("lead_unit", "coord_units", "deadline")
_BESIDE = ("product", "lead_unit", "coord_units", "deadline")   # a task's own, never a heading's (a subtotal may be)
_FOOTER = re.compile(r"^(?:nơi nhận|người lập|người lập biểu|kt |tm |giám đốc|thủ trưởng|xác nhận|lưu vt)")
TERMINAL = tuple(".;:!?)\u201d\"…")


# --------------------------------------------------------------------------- rows
@dataclass
class RowInfo:
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


def read_row(sheet: Sheet, row: int, columns: dict[str, int]) -> RowInfo | None:
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
    wide = [keys for keys in anchors.values() if len(keys) >= 2 and ("task" in keys or "stt" in keys)]
    covered = {key for keys in wide for key in keys}
    beside = any(key in own and key not in covered for key in _BESIDE)
    # a task typed over Nhiệm vụ and Sản phẩm with its own unit or deadline beside the merge is a task, not a heading
    spans = bool(wide) and (not beside or any("stt" in keys for keys in wide))
    for keys in anchors.values() if spans else wide:  # a merged cell's text once
        for key in keys[1:]:
            own.pop(key, None)
    number, title, title_cell = _number_and_title(own, cells)
    return RowInfo(row, own, inherited, cells, number, title, title_cell, spans)


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


def is_repeated_header(row: RowInfo) -> bool:
    """The header again (tables pasted from Word repeat it on every page): short texts only."""
    values = list(row.own.values())
    if len(values) < 3 or not all(isinstance(v, str) and len(v) <= 80 for v in values):
        return False
    keys = {match_header(v) for v in values}
    keys.discard(None)
    return len(keys) >= 3


def is_numbering_row(row: RowInfo) -> bool:
    values = [v for v in row.own.values() if not empty(v)]
    return len(values) >= 3 and all(is_column_number(str(v)) for v in values)


def is_unit_row(row: RowInfo, header: HeaderMatch) -> bool:
    """A row under the header that only says the budget's unit ("(triệu đồng)"), maybe beside column numbers."""
    return (row.row == header.rows[-1] + 1 and is_unit_label(row.own.get("budget"))
            and all(k == "budget" or is_column_number(str(v)) for k, v in row.own.items()))


_TOTAL = re.compile(r"^(?:tổng cộng|tổng số|tổng kinh phí|tổng|cộng)\s*(?:[:(]|kinh phí|$)")


def is_total(row: RowInfo) -> bool:
    """A totals row ("Tổng cộng", "Cộng: 150.000.000"): a sum of the rows above, not a task."""
    return row.number is None and bool(_TOTAL.match(fold(row.own_text or row.title)))


def is_footer(row: RowInfo) -> bool:
    return row.number is None and bool(_FOOTER.match(fold(row.own_text or row.title)))


# --------------------------------------------------------------------------- classification
def _mark_cut_sentences(rows: list[RowInfo]) -> None:
    """A Word page break can cut a task so that the next row's text starts with a digit: "… dịch vụ công
    mức độ 3," then "4 năm 2021 tối thiểu đạt 40% …". The digit is no number of the row (the STT cell is
    empty, the words after it run on in lower case, the text above ends mid-sentence): it is a continuation."""
    above = ""
    for r in rows:
        task = r.own.get("task")
        if (r.number is not None and r.number.style == ARABIC and "stt" not in r.own and isinstance(task, str)
                and above and not above.endswith(TERMINAL) and is_lower_start(split_leading(task)[1])):
            r.number, r.title, r.cut = None, task, True
        if isinstance(task, str) and task.strip():
            above = task.rstrip()


def classify(rows: list[RowInfo], numbered: bool, areas: AreaCatalog | None) -> None:
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


def _kind(rows: list[RowInfo], i: int, numbered: bool, areas: AreaCatalog | None) -> str:
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


def _titles_a_group(rows: list[RowInfo], i: int, numbered: bool, areas: AreaCatalog | None) -> bool:
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


def _near(rows: list[RowInfo], i: int) -> bool:
    """The row sits right under the row before it (a page break leaves no gap, at most a few empty rows)."""
    return i == 0 or rows[i].row - rows[i - 1].row <= MAX_FRAGMENT_GAP + 1


def _previous_kind(rows: list[RowInfo], i: int) -> str:
    for j in range(i - 1, -1, -1):
        if rows[j].kind != "skip":
            return rows[j].kind
    return ""


# --------------------------------------------------------------------------- assembly
def heading_level(number: Number | None, title: str, areas: AreaCatalog | None) -> int:
    if number is None:
        return 1 if is_upper_text(title) or (areas and areas.match(title)) else 8
    return {UPPER: 0, ROMAN: 1, LOWER: 9, BULLET: 9}.get(number.style, 1 + number.depth)
