"""Rules about the STT column: numbers repeated or skipped within their group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from cchc_xl.check.catalog import WARNING
from cchc_xl.check.frame import Numbered, PlanCell, PlanRow, Scope, Section
from cchc_xl.check.rules.base import Context, PlanRule, Problem, short
from cchc_xl.core.model import Table
from cchc_xl.core.numbering import ARABIC, LOWER, Number, parse_number

Numbers = Sequence[PlanCell[Numbered]]   # the STT column's cells: each holds its number and the scope it counts in


def duplicates(cells: Numbers) -> dict[int, int]:
    """Frame index -> worksheet row of the first entry numbered the same in the same group."""
    seen: dict[tuple[Scope | None, tuple[int, ...]], int] = {}
    other: dict[int, int] = {}
    for cell in cells:
        number, scope = cell.parsed
        if number is None:
            continue
        key = (scope, number.path)
        if key in seen:
            other[cell.row.index] = seen[key]
        else:
            seen[key] = cell.row.entry.row
    return other


@dataclass
class _Numbered:
    """A numbered row of the outline: an entry (``index`` into the frame) or a numbered sub-heading."""

    row: int
    number: Number
    scope: Scope
    label: str
    index: int | None = None


def _outline(cells: Numbers, table: Table) -> list[_Numbered]:
    """Entries and Arabic-numbered sub-headings ("1. Rà soát…" above 1.1, 1.2) in sheet order."""
    items = []
    for cell in cells:
        number, scope = cell.parsed
        if number is not None and scope is not None and number.style == ARABIC:
            entry = cell.row.entry
            items.append(_Numbered(entry.row, number, scope, _label(number.text, entry.values.get("task", "")),
                                   cell.row.index))
    entries = sorted(items, key=lambda it: it.row)
    section = 0
    for h in table.headings:
        number = parse_number(h.number) if h.number else None
        if number is None or number.style not in (ARABIC, LOWER):
            section = h.row
        elif number.style == ARABIC:  # in the section of the rows it heads
            below: Section = next((it.scope[0] for it in entries if it.row > h.row), (section, 0))
            items.append(_Numbered(h.row, number, (below, ARABIC, number.path[:-1]), _label(h.number, h.text)))
    return sorted(items, key=lambda it: it.row)


def _label(number: str, text: object) -> str:
    """'3' and 'Theo dõi…' -> '3. Theo dõi…', as the row reads."""
    text = str(text or "").strip()
    if not number or text.startswith(number):
        return text or number
    return f"{number}{'' if number[-1] in '.)' else '.'} {text}"


def jumps(cells: Numbers, table: Table) -> dict[int, tuple[str, str, str]]:
    """Frame index -> (the number before it in its scope, the number expected, the scope named) where the
    sequence jumps. The scope follows the outline: the children of "3" after "3", the top numbers of a section
    ("I. …") after each other, whatever sub-numbers came between."""
    labels = {h.row: _label(h.number, h.text) for h in table.headings}
    last: dict[Scope, _Numbered] = {}
    parents: dict[tuple[Section, tuple[int, ...]], _Numbered] = {}
    top: _Numbered | None = None          # the last top-level number: a new section may continue from it
    issues: dict[int, tuple[str, str, str]] = {}
    for it in _outline(cells, table):
        section, _, parent = it.scope
        previous, n = last.get(it.scope), it.number.path[-1]
        if parent:
            owner = parents.get((section, parent))
            scope = f"mục \u201c{short(owner.label, 60)}\u201d" if owner else f"nhóm {'.'.join(map(str, parent))}"
        else:
            scope = f"phần \u201c{short(labels[section[0]], 60)}\u201d" if section[0] in labels else "bảng"
        if previous is None:
            allowed = {1} | ({top.number.path[0] + 1} if top and not parent else set())
            if n not in allowed and it.index is not None:
                issues[it.index] = ("", ".".join(map(str, (*parent, 1))), scope)
        elif n not in (previous.number.path[-1], previous.number.path[-1] + 1) and it.index is not None:
            issues[it.index] = (previous.number.text, ".".join(map(str, (*parent, previous.number.path[-1] + 1))), scope)
        last[it.scope] = it
        parents[(section, it.number.path)] = it
        if not parent:
            top = it
    return issues


class SttDuplicate(PlanRule[Numbered]):
    """Two rows numbered alike in one group: one was copied or mistyped, and reports cannot name it."""

    code, column, severity = "stt-duplicate", "stt", WARNING
    title = ("Số thứ tự bị trùng", "Duplicate number")
    message = ("Số thứ tự \u201c{value}\u201d đã dùng ở dòng {other}.",
               "The number \u201c{value}\u201d is already used on row {other}.")

    def check(self, cells: Numbers, ctx: Context) -> Iterable[bool]:
        found = duplicates(cells)
        return [c.row.index not in found for c in cells]

    def problems(self, rows: Sequence[PlanRow], ctx: Context, column: str | None) -> Iterator[tuple[PlanRow, Problem]]:
        found = duplicates(rows[0].frame.stt) if rows else {}
        for row in rows:
            yield row, Problem({"other": found[row.index]}, value=row.stt.value, column="stt")


class SttSequence(PlanRule[Numbered]):
    """A number skips or goes back within its group (1, 2, 4): a task was lost or the rows were reordered."""

    code, column, severity = "stt-sequence", "stt", WARNING
    title = ("Số thứ tự không liên tục", "Numbering out of sequence")
    message = ("Số thứ tự \u201c{value}\u201d {what} (mong đợi \u201c{expected}\u201d).",
               "The number \u201c{value}\u201d {what_en} (expected \u201c{expected}\u201d).")

    def check(self, cells: Numbers, ctx: Context) -> Iterable[bool]:
        found = jumps(cells, ctx.table)
        return [c.row.index not in found for c in cells]

    def problems(self, rows: Sequence[PlanRow], ctx: Context, column: str | None) -> Iterator[tuple[PlanRow, Problem]]:
        found = jumps(rows[0].frame.stt, ctx.table) if rows else {}
        for row in rows:
            previous, expected, scope = found[row.index]
            what = (f"không tiếp nối \u201c{previous}\u201d trong {scope}", f"does not follow \u201c{previous}\u201d in "
                    f"{scope}") if previous else (f"mở đầu {scope}", f"opens {scope}")
            yield row, Problem({"what": what[0], "what_en": what[1], "expected": expected}, value=row.stt.value,
                               column="stt")
