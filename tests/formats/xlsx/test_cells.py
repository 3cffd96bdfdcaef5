"""formats/xlsx/cells.py: the one guard for text put in a cell, how a sheet prints, how high a wrapped row must be,
a user's file loaded for copying; each written with openpyxl and read back from the file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from cchc_xl.core.model import EXCEL_CELL_LIMIT
from cchc_xl.formats.xlsx.cells import (
    FONT,
    MIN_SCALE,
    anchor,
    cell_text,
    lines_height,
    print_setup,
    put,
    put_row,
    row_height,
    styles,
    text_lines,
)


def saved(wb, tmp_path: Path, name: str = "a.xlsx"):
    wb.save(tmp_path / name)
    return openpyxl.load_workbook(tmp_path / name)


def test_cell_text_drops_what_xml_forbids_and_says_where_it_cut():
    assert cell_text("Văn phòng\x00 Sở\x0b") == "Văn phòng Sở"
    long = cell_text("á" * 40_000)
    assert len(long) == EXCEL_CELL_LIMIT
    assert long.endswith("[đã cắt bớt: nội dung gốc dài 40.000 ký tự, Excel chỉ chứa 32.767]")
    assert cell_text("ngắn", limit=3) != "ngắn" and len(cell_text("ngắn gọn hơn nữa", limit=60)) <= 60


def test_put_never_makes_a_formula_of_text_but_keeps_numbers(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    put(ws["A1"], '=WEBSERVICE("http://example.invalid")')
    put(ws["A2"], 1_500_000)
    put_row(ws, 3, ["=1+1", None, "Sở Tư pháp\x07"])
    back = saved(wb, tmp_path).active
    assert back["A1"].value == '=WEBSERVICE("http://example.invalid")' and back["A1"].data_type == "s"
    assert back["A2"].value == 1_500_000 and back["A3"].data_type == "s" and back["B3"].value is None
    assert back["C3"].value == "Sở Tư pháp"


def test_styles_are_times_new_roman_with_borders_and_fills():
    s = styles()
    assert {s[k].name for k in ("bold", "normal", "title", "italic", "note")} == {FONT}
    assert s["bold"].b and s["title"].sz == 14 and s["wrap"].wrap_text and s["border"].left.style == "thin"


# a unit of column width is 2.47 mm on paper; A4 less 12 mm margins: 186 mm across, 273 mm in landscape
@pytest.mark.parametrize("widths, orientation, scale", [([10, 20, 30], "portrait", 100),      # 148 mm
                                                         ([25] * 4, "landscape", 100),         # 247 mm
                                                         ([40] * 3, "landscape", 92),          # 296 mm
                                                         ([100] * 10, "landscape", MIN_SCALE)])
def test_a_sheet_prints_on_a4_at_the_widest_scale_that_fits_never_below_the_minimum(tmp_path, widths, orientation,
                                                                                     scale):
    wb = openpyxl.Workbook()
    ws = wb.active
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = w
        ws.cell(1, i, "Tiêu đề")
    print_setup(ws, title_rows=1)
    back = saved(wb, tmp_path).active
    assert back.page_setup.paperSize == 9 and back.page_setup.orientation == orientation
    assert back.page_setup.scale == scale
    assert back.print_title_rows == "$1:$1" and back.oddFooter.center.text == "Trang &P/&N"


def test_hidden_columns_and_columns_beyond_those_printed_do_not_shrink_the_page(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(1, 5):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = 30
        ws.cell(1, i, "x")
    print_setup(ws)
    assert ws.page_setup.orientation == "landscape", "120 units: 296 mm"
    print_setup(ws, columns=2)
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.scale == 100
    ws.column_dimensions["C"].hidden = ws.column_dimensions["D"].hidden = True
    print_setup(ws)
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.scale == 100


def test_wrapped_text_takes_the_lines_a_spreadsheet_gives_it():
    assert text_lines("Văn phòng Sở", 30) == 1
    task = "Rà soát văn bản quy phạm pháp luật " * 4
    assert text_lines(task, 20) > text_lines(task, 40) > 1
    assert text_lines("một\nhai\nba", 30) == 3
    assert text_lines("CẢI CÁCH THỂ CHẾ VÀ THỦ TỤC", 14) > text_lines("cải cách thể chế và thủ tục", 14), "capitals wider"
    assert text_lines("kiem-tra/phong-phap-che-2020-ban-cuoi.kiemtra.xlsx", 12) >= 3, "a path breaks after dashes"


def test_row_height_is_none_for_one_line_and_capped_at_excels_409():
    assert row_height(["ngắn", 5, None], [20, 20, 20]) is None
    tall = row_height(["chữ " * 50, "x"], [10, 0])
    assert tall == lines_height(text_lines("chữ " * 50, 10.0)) and tall > 100
    assert row_height(["x"], [20], minimum=2) == lines_height(2)
    assert lines_height(10_000) == 409.0
    assert row_height(["chữ " * 50], [0]) is None, "a column that does not wrap never grows the row"


def test_anchor_is_the_top_left_cell_of_a_merge(tmp_path):
    ws = openpyxl.Workbook().active
    ws.merge_cells("B2:D4")
    assert anchor(ws, "C3") == "B2" and anchor(ws, "B2") == "B2" and anchor(ws, "E5") == "E5"
