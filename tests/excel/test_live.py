"""excel/live.py on its own: a workbook open in Excel, as a real ``xw.Book`` of xlwings' remote engine (the calls
Excel would receive are recorded as its actions), read into the same ``Book`` the file reader gives, painted with
the same marks ``--annotate`` paints, the marks cleared back to the clerk's own colours and notes.

Not run here: Excel itself (COM on Windows); ``test_addin.py`` says what was run up to that boundary."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from cchc_xl.check.marks import COLORS, marks_for, on_anchors
from cchc_xl.excel.live import clear_live, live_text, paint_live, read_live, write_results_live
from cchc_xl.formats.xlsx.annotate import annotate_file
from cchc_xl.formats.xlsx.reader import read_book
from cchc_xl.table.sheets import MARKS, PROPERTIES, RESULTS, ours
from cchc_xl.usecases.check import check_file
from tests.excel.test_addin import ROWS, remote_book
from tests.support.workbooks import fill_template


@pytest.fixture
def submission(tmp_path, blank_template) -> Path:
    return fill_template(blank_template, tmp_path / "nop.xlsx", ROWS)


def trimmed(rows: list[list]) -> list[list]:
    """Rows without their empty tail cells, and without the empty rows at the end (a live used range is wider)."""
    out = []
    for row in rows:
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def actions(book, func: str) -> list[dict]:
    return [a for a in book.json()["actions"] if a["func"] == func]


def test_the_live_book_reads_as_the_file_does(submission, monkeypatch):
    live, merged = read_live(remote_book(submission, monkeypatch))
    saved = read_book(submission)
    assert [g.name for g in live.grids] == [g.name for g in saved.grids] and PROPERTIES not in merged
    for got, want in zip(live.grids, saved.grids):
        if not ours(got.name):   # the file reader skips the contents of our lists and guide; the checker does too
            assert trimmed(got.rows) == trimmed(want.rows), got.name
    assert live.properties == saved.properties and live.properties["unit"] == "Phòng Pháp chế"
    assert merged == {g.name: [] for g in live.grids}, "the remote engine cannot tell merges: none reported"


def test_painting_colours_and_notes_each_marked_cell_and_remembers_it(submission, config, monkeypatch):
    book = remote_book(submission, monkeypatch)
    marks = on_anchors(marks_for(check_file(str(submission), config).findings), {})
    assert marks, "the sample rows have findings"
    paint_live(book, marks, {})
    colours = {a["args"][0].lstrip("#").upper() for a in actions(book, "setRangeColor")}
    assert colours == {m.color for m in marks} <= set(COLORS.values())
    notes = {a["args"][0].replace("$", ""): a["args"][1] for a in actions(book, "addNote")}
    assert notes == {m.cell: f"cchc-xl:\n{m.comment}" for m in marks}
    (added,) = actions(book, "addSheet")
    assert added["args"][1] == MARKS
    memory = next(a for a in actions(book, "setValues") if a["values"] and a["values"][0][0] == "sheet")
    assert [r[:2] for r in memory["values"][1:]] == [[m.sheet, m.cell] for m in marks]


def test_a_mark_on_a_sheet_that_is_gone_is_skipped(submission, config, monkeypatch):
    book = remote_book(submission, monkeypatch)
    marks = marks_for(check_file(str(submission), config).findings)
    stray = [type(m)(**{**m.__dict__, "sheet": "Trang đã xóa"}) for m in marks[:1]]
    paint_live(book, stray, {})
    assert actions(book, "setRangeColor") == [] and actions(book, "addNote") == []


def test_clearing_puts_back_the_clerks_colour_and_note_and_removes_our_sheets(submission, config, monkeypatch):
    wb = openpyxl.load_workbook(submission)
    wb["Phụ lục"]["E10"].fill = PatternFill("solid", fgColor="FF92D050")
    wb["Phụ lục"]["E10"].comment = Comment("Chờ phân công", "Chị Lan")
    wb.save(submission)
    marked = annotate_file(check_file(str(submission), config), config)
    book = remote_book(Path(marked), monkeypatch)
    restored = clear_live(book)
    cells = [a for a in actions(book, "setRangeColor")]
    assert restored == len(cells) >= 2
    e10 = next(a for a in cells if (a["start_row"], a["start_column"]) == (9, 4))
    assert e10["args"] == ["#92d050"], "the clerk's green, from the memory annotate.py wrote"
    assert [a["args"][1] for a in actions(book, "addNote")] == ["Chờ phân công"]
    assert all(a["args"] == [None] for a in cells if a is not e10), "cells that had no fill get none"
    assert len(actions(book, "sheetDelete")) == 2


def test_clearing_a_book_never_marked_changes_nothing(submission, monkeypatch):
    book = remote_book(submission, monkeypatch)
    assert clear_live(book) == 0
    assert book.json()["actions"] == []


@pytest.mark.parametrize("lang, title", [("vi", "KẾT QUẢ KIỂM TRA PHỤ LỤC CCHC"), ("en", "CCHC APPENDIX CHECK RESULTS")])
def test_the_results_sheet_comes_first_with_a_link_per_finding(submission, config, monkeypatch, lang, title):
    book = remote_book(submission, monkeypatch)
    result = check_file(str(submission), config)
    write_results_live(book, result, "units.yaml", lang)
    (added,) = actions(book, "addSheet")
    assert added["args"][1] == RESULTS
    values = [v for a in actions(book, "setValues") for v in (a["values"] or [])]
    assert [title] in values
    links = [a["args"][0] for a in actions(book, "addHyperlink")]
    assert links == [f"#'Phụ lục'!{f.cell}" for f in result.findings]


@pytest.mark.parametrize("value, shown", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+84 912", "'+84 912"), ("-", "'-"), ("@me", "'@me"),
    ("Văn phòng Sở", "Văn phòng Sở"), ("chuông\x07", "chuông"), (12, 12), (None, None),
])
def test_text_set_through_excels_object_model_never_becomes_a_formula(value, shown):
    assert live_text(value) == shown
