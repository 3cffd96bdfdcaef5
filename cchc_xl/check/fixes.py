"""Safe automatic fixes, planned as cell edits (pure; ``patch.py`` applies them).

Only what cannot change a plan's meaning is fixed:

* a text budget holding exactly one amount becomes that number; the original
  text goes to Ghi chú (or, without that column, to a comment on the cell);
* a unit cell whose every entry is a known alias is rewritten with canonical
  registry names;
* text typed in a legacy encoding (TCVN3, VNI) is converted to Unicode, in a Unicode font;
* text in any cell is put in Unicode NFC.

Typos, sentences and itemised budgets are left for a person: they are findings.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Sequence

from cchc_xl.core.encodings import LegacyCell
from cchc_xl.core.model import Book, Table, cell_ref
from cchc_xl.core.money import AMOUNT, parse_money
from cchc_xl.core.units import COORD, UNKNOWN, Registry


@dataclass(frozen=True)
class CellEdit:
    """One planned change of one cell, with the reason shown to the user."""

    sheet: str
    cell: str
    old: object
    new: object
    reason: str
    note_cell: str | None = None      # where the original text goes (Ghi chú), if anywhere
    comment: str | None = None        # a comment to add when there is no note column
    font: str | None = None           # a font to switch to (legacy .VnTime/VNI fonts cannot show Unicode)


UNICODE_FONT = "Times New Roman"


def plan_fixes(book: Book, table: Table | None, registry: Registry,
               legacy: Sequence[LegacyCell] = ()) -> list[CellEdit]:
    """Every safe edit for ``book``: legacy text first, then budgets and unit names, then NFC."""
    edits: dict[tuple[str, str], CellEdit] = {}
    for c in legacy:  # first: the other fixes were planned from the converted text
        ref = cell_ref(c.row, c.col)
        edits[(c.sheet, ref)] = CellEdit(c.sheet, ref, c.original, c.detection.text,
                                         f"chữ mã {c.detection.encoding} chuyển sang Unicode", font=UNICODE_FONT)
    if table is not None:
        for edit in [*_budget_edits(table), *_unit_edits(table, registry)]:
            edits.setdefault((edit.sheet, edit.cell), edit)
    for edit in _nfc_edits(book):
        edits.setdefault((edit.sheet, edit.cell), edit)
    return list(edits.values())


def _budget_edits(table: Table) -> list[CellEdit]:
    out = []
    for entry in table.entries:
        raw = entry.values.get("budget")
        money = parse_money(raw, table.budget_scale.factor)
        if money.kind != AMOUNT or money.fix is None:
            continue
        note_col = table.columns.get("note")
        note_cell = cell_ref(entry.row, note_col) if note_col else None
        reason = "kinh phí ghi dạng chữ đổi thành số"
        out.append(CellEdit(table.sheet, entry.cells["budget"], raw, money.fix,
                            reason + ("; chữ gốc chuyển sang Ghi chú" if note_cell else "; chữ gốc ghi vào chú thích ô"),
                            note_cell, None if note_cell else f"Kinh phí ghi ban đầu: {raw}"))
    return out


def _unit_edits(table: Table, registry: Registry) -> list[CellEdit]:
    out = []
    for key in ("lead_unit", "coord_units"):
        for entry in table.entries:
            raw = entry.values.get(key)
            if not isinstance(raw, str) or not raw.strip():
                continue
            res = registry.resolve(raw)
            if not res.entries or res.of_kind(UNKNOWN) or any(e.role == COORD for e in res.entries):
                continue  # unknown names are a person's call; "A chủ trì, phối hợp với B" keeps its wording
            if all(e.text == e.name for e in res.entries):
                continue  # already canonical: separators are the writer's choice
            names = list(dict.fromkeys(e.name for e in res.entries))
            new = ("\n" if "\n" in raw else "; ").join(names)
            if new != raw:
                out.append(CellEdit(table.sheet, entry.cells[key], raw, new, "tên đơn vị theo danh mục"))
    return out


def _nfc_edits(book: Book) -> list[CellEdit]:
    out = []
    for grid in book.grids:
        for i, row in enumerate(grid.rows):
            for j, value in enumerate(row):
                if isinstance(value, str):
                    nfc = unicodedata.normalize("NFC", value)
                    if nfc != value:
                        out.append(CellEdit(grid.name, cell_ref(grid.first_row + i, j + 1), value, nfc,
                                            "chuẩn hóa Unicode NFC"))
    return out
