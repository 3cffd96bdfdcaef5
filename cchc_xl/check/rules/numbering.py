"""Rules about the STT column: numbers repeated or skipped within their group."""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from cchc_xl.check.catalog import WARNING
from cchc_xl.check.frame import Cell
from cchc_xl.check.rules.base import Context, Problem, Row, Rule
from cchc_xl.core.numbering import ARABIC


def duplicates(cells: Iterable[tuple[Any, Cell]], ctx: Context) -> dict[Any, int]:
    """Frame index -> worksheet row of the first entry numbered the same in the same group."""
    seen: dict[tuple, int] = {}
    other: dict[Any, int] = {}
    for index, cell in cells:
        number, scope = cell.parsed
        if number is None:
            continue
        key = (scope, number.path)
        if key in seen:
            other[index] = seen[key]
        else:
            seen[key] = ctx.table.entries[index].row
    return other


def jumps(cells: Iterable[tuple[Any, Cell]]) -> dict[Any, tuple[str, str]]:
    """Frame index -> (the number before it in its group, the number expected) where the sequence jumps."""
    last: dict[tuple, tuple[int, str]] = {}
    issues: dict[Any, tuple[str, str]] = {}
    for index, cell in cells:
        number, scope = cell.parsed
        if number is None or number.style != ARABIC:
            continue
        previous = last.get(scope)
        if previous is None and number.depth == 1:  # a group may restart at 1 or continue
            continuing = [v for (g, st, parent), v in last.items() if st == ARABIC and parent == ()]
            allowed = {1} | ({continuing[-1][0] + 1} if continuing else set())
            if number.path[-1] not in allowed:
                issues[index] = (continuing[-1][1] if continuing else "", "1")
        elif previous is not None and number.path[-1] not in (previous[0], previous[0] + 1):  # equal: stt-duplicate
            expected = ".".join(str(p) for p in (*number.path[:-1], previous[0] + 1))
            issues[index] = (previous[1], expected)
        last[scope] = (number.path[-1], number.text)
    return issues


class SttDuplicate(Rule):
    """Two rows numbered alike in one group: one was copied or mistyped, and reports cannot name it."""

    code, column, severity = "stt-duplicate", "stt", WARNING
    title = ("Số thứ tự bị trùng", "Duplicate number")
    message = ("Số thứ tự \u201c{value}\u201d đã dùng ở dòng {other}.",
               "The number \u201c{value}\u201d is already used on row {other}.")

    def check(self, cells, ctx):
        found = duplicates(cells.items(), ctx)
        return cells.index.map(lambda i: i not in found).to_series(index=cells.index)

    def problems(self, rows: list[Row], ctx: Context) -> Iterator[tuple[Row, Problem]]:
        found = duplicates(enumerate(rows[0].cells["stt"]), ctx) if rows else {}
        for row in rows:
            yield row, Problem({"other": found[row.index]}, value=row["stt"].value, column="stt")


class SttSequence(Rule):
    """A number skips or goes back within its group (1, 2, 4): a task was lost or the rows were reordered."""

    code, column, severity = "stt-sequence", "stt", WARNING
    title = ("Số thứ tự không liên tục", "Numbering out of sequence")
    message = ("Số thứ tự \u201c{value}\u201d không tiếp nối \u201c{previous}\u201d (mong đợi \u201c{expected}\u201d).",
               "The number \u201c{value}\u201d does not follow \u201c{previous}\u201d (expected \u201c{expected}\u201d).")

    def check(self, cells, ctx):
        found = jumps(cells.items())
        return cells.index.map(lambda i: i not in found).to_series(index=cells.index)

    def problems(self, rows: list[Row], ctx: Context) -> Iterator[tuple[Row, Problem]]:
        found = jumps(enumerate(rows[0].cells["stt"])) if rows else {}
        for row in rows:
            previous, expected = found[row.index]
            yield row, Problem({"previous": previous or "—", "expected": expected}, value=row["stt"].value,
                               column="stt")
