"""A Word appendix's rows before the table reader sees them: what is no task row, what a span across both unit
columns means.

Word tables end with rows that are no tasks: a totals row ("Tổng cộng", often merged over STT and task), a
footnote spanning the table ("Ghi chú: (*) …"), and they repeat the column numbers "(1) (2) (3) …" under the
header. Read as rows, a footnote becomes a continuation of the last task (hiding a real duplicate) or a task
of its own. They are taken out of the grid here and kept, with every other row the table reader did not use
(a header repeated mid-table, a units row, rows above the header), for the sheet that shows them beside the
tasks: nothing of the document is dropped unseen.

A cell merged over "Chủ trì" and "Phối hợp" ("Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành") would give
its text to both columns, making the lead its own coordinator. It is split by its wording (lead → Chủ trì,
"phối hợp với …" → Phối hợp), or goes to Chủ trì alone: never to both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from cchc_xl.core.model import Grid, Table
from cchc_xl.core.money import is_unit_label
from cchc_xl.core.numbering import parse_number
from cchc_xl.core.text import lowered
from cchc_xl.table.headers import is_column_number, match_header

TOTAL, NOTE, COLUMN_NUMBERS = "dòng tổng", "ghi chú, chú thích", "dòng đánh số cột (1), (2)…"
_TOTAL = re.compile(r"^(?:tổng cộng|tổng số|tổng kinh phí|tổng|cộng)\s*(?:[:(]|kinh phí|$)")
_NOTE = re.compile(r"^(?:(?:ghi chú|chú thích|chú giải|lưu ý|nguồn)(?:\s+chung)?\s*[:.]|\(\s*\*+\s*\)|\*+\s)")
_ROLE = r"\(?\s*chủ\s+trì\s*\)?"
_SPLITS = (  # (lead, coordinators) as written in one cell: labelled, both marked, "A chủ trì, phối hợp với B"
    re.compile(r"^\s*chủ\s+trì\s*:\s*(?P<lead>.+?)\s*[;,.\n]\s*phối\s+hợp\s*:\s*(?P<coord>.+?)\s*$", re.I | re.S),
    re.compile(rf"^(?P<lead>.+?)\s*\(\s*chủ\s+trì\s*\)\s*[,;.\n]\s*(?P<coord>.+?)\s*\(\s*phối\s+hợp\s*\)[.;]?\s*$",
               re.I | re.S),
    re.compile(rf"^(?P<lead>.+?)\s*{_ROLE}\s*[,;.\n]?\s*(?:và\s+)?phối\s+hợp(?:\s+(?:với|cùng))?\s*[:,]?\s*"
               r"(?P<coord>.+?)\s*$", re.I | re.S),
)


@dataclass(frozen=True)
class SetAside:
    """A row of the Word table that is no heading or task: where, why, what it says."""

    row: int
    why: str
    text: str


def prepare(grid: Grid, table: Table) -> tuple[Grid, list[SetAside]]:
    """``grid`` without its totals, footnote and column-number rows (returned), spans over both unit columns split;
    ``grid`` itself when there is nothing to change."""
    rows = list(grid.rows)
    aside = []
    for r in range(table.header_rows[-1] + 1, grid.last_row + 1):
        why = _why(rows[r - grid.first_row], table.columns)
        if why:
            aside.append(SetAside(r, why, row_text(rows[r - grid.first_row])))
            rows[r - grid.first_row] = [None] * len(rows[r - grid.first_row])
    gone = {a.row for a in aside}
    merged = _split_units(rows, [m for m in grid.merged if m[0] not in gone], table, grid.first_row)
    if not aside and merged == grid.merged:
        return grid, aside
    return Grid(grid.name, rows, merged, grid.first_row, grid.visible), aside


def unused(grid: Grid, table: Table, aside: list[SetAside]) -> list[SetAside]:
    """Every other row of the Word table the task table did not use, with the likely reason, in row order."""
    used = set(table.header_rows) | {h.row for h in table.headings} | {r for e in table.entries for r in e.rows}
    used |= {a.row for a in aside}
    last = max(used | {table.header_rows[-1]})
    more = []
    for r in range(grid.first_row, grid.last_row + 1):
        values = grid.rows[r - grid.first_row]
        text = row_text(values)
        if r in used or not text:
            continue
        more.append(SetAside(r, _reason(values, r, table, last), text))
    return sorted([*aside, *more], key=lambda a: a.row)


def row_text(values: list[Any]) -> str:
    """A row as one line of text: its cells joined by " | " (a merged cell once)."""
    return " | ".join(str(v).strip() for v in values if v is not None and str(v).strip())


def _texts(values: list[Any]) -> list[str]:
    return [unicodedata.normalize("NFC", v.strip()) for v in values if isinstance(v, str) and v.strip()]


def _why(values: list[Any], columns: dict[str, int]) -> str:
    texts = _texts(values)
    if not texts:
        return ""
    if len(texts) >= 3 and all(is_column_number(t) for t in texts):
        return COLUMN_NUMBERS
    stt = values[columns["stt"] - 1] if "stt" in columns and columns["stt"] <= len(values) else None
    if isinstance(stt, str) and stt.strip() and parse_number(stt.strip()) is not None:
        return ""
    first = lowered(texts[0])
    named = {key: values[col - 1] for key, col in columns.items() if col <= len(values) and values[col - 1]}
    if _TOTAL.match(first) and not (named.get("lead_unit") or named.get("deadline")):
        return TOTAL
    if len(texts) == 1 and _NOTE.match(first):
        return NOTE
    return ""


def _reason(values: list[Any], row: int, table: Table, last: int) -> str:
    texts = _texts(values)
    if row < table.header_rows[0]:
        return "phía trên dòng tiêu đề"
    if len([t for t in texts if len(t) <= 80 and match_header(t)]) >= 3:
        return "dòng tiêu đề lặp lại"
    if len(texts) >= 3 and all(is_column_number(t) for t in texts):
        return COLUMN_NUMBERS
    if any(is_unit_label(t) for t in texts) and len(texts) <= 2:
        return "dòng đơn vị tính"
    if row > last:
        return "sau bảng nhiệm vụ"
    return "không phải dòng nhiệm vụ"


def split_roles(text: str) -> tuple[str, str | None]:
    """(lead, coordinators) of a cell naming both: "A chủ trì, phối hợp với B" -> ("A", "B"); ("A", None) when
    the cell does not say who coordinates."""
    text = unicodedata.normalize("NFC", text.strip())
    for pattern in _SPLITS:
        m = pattern.match(text)
        if m and m.group("lead").strip(" ,;.:") and m.group("coord").strip(" ,;.:"):
            return m.group("lead").strip(" ,;.:"), m.group("coord").strip(" ,;.:")
    return re.sub(rf"\s*{_ROLE}\s*$", "", text, flags=re.I) or text, None


def _split_units(rows: list[list[Any]], merged: list[tuple[int, int, int, int]], table: Table,
                 first_row: int) -> list[tuple[int, int, int, int]]:
    lead, coord = table.columns.get("lead_unit"), table.columns.get("coord_units")
    if lead is None or coord is None:
        return merged
    low, high = sorted((lead, coord))
    across = [table.columns[k] for k in ("stt", "task") if k in table.columns]
    kept = []
    for r1, c1, r2, c2 in merged:
        if r1 <= table.header_rows[-1] or not (c1 <= low and high <= c2) or any(c1 <= c <= c2 for c in across):
            kept.append((r1, c1, r2, c2))     # a header, a heading across the table, or no span over both
            continue
        values = rows[r1 - first_row] = list(rows[r1 - first_row])     # the caller's grid stays as read
        text = values[c1 - 1]
        values[c1 - 1] = None
        if isinstance(text, str) and text.strip():
            values[lead - 1], values[coord - 1] = split_roles(text)
        if r2 > r1:       # merged down too: each column keeps its part for the rows below
            kept += [(r1, lead, r2, lead), (r1, coord, r2, coord)]
    return kept
