"""formats/xlsx/stream.py: the rows of our big sheets written as SpreadsheetML into a package openpyxl wrote, read
back by openpyxl and python-calamine: every kind of value exact, text never a formula, a user's formula moved with
its row, each column's style from the prototype row, rows as high as their text, the rest of the package untouched."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from cchc_xl.core.model import Formula
from cchc_xl.formats.xlsx.stream import Fill, fill_rows, loosen_heights

SHEET, OTHER = "Tổng hợp", "Ghi chú"


def package(path: Path) -> Path:
    """What openpyxl leaves for the rows: a title, a header, a styled prototype row; another sheet beside it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(["Tiêu đề"])
    ws.append(["Nhiệm vụ", "Hạn", "Kinh phí", "Ghi chú"])
    ws["A3"].font = Font(name="Times New Roman", bold=True)
    ws["B3"].number_format = "dd/mm/yyyy hh:mm:ss"
    ws["C3"].number_format = "#,##0"
    wb.create_sheet(OTHER)["A1"] = "của văn phòng"
    wb.save(path)
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def streamed(tmp_path: Path, rows: list[list], widths=None) -> Path:
    path = package(tmp_path / "tong-hop.xlsx")
    fill_rows(path, {SHEET: Fill(3, rows, widths)})
    return path


def values(path: Path, data_only: bool = False) -> list[tuple]:
    return list(openpyxl.load_workbook(path, data_only=data_only)[SHEET].iter_rows(min_row=3, values_only=True))


def test_every_kind_of_value_reads_back_exactly(tmp_path):
    moment = dt.datetime(2020, 3, 5, 17, 8, 5)
    rows = [["Rà soát văn bản", moment, 1_500_000, 2.5],
            ["Tuyên truyền", dt.date(2020, 12, 31), 0, True],
            [None, None, -7, float("inf")]]
    path = streamed(tmp_path, rows)
    got = values(path)
    assert got[0] == ("Rà soát văn bản", moment, 1_500_000, 2.5)
    assert got[1] == ("Tuyên truyền", dt.datetime(2020, 12, 31), 0, True)
    assert got[2] == (None, None, -7, "inf"), "no number a spreadsheet can hold: kept as its text"
    from python_calamine import CalamineWorkbook

    calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(SHEET).to_python()
    assert calamine[2][:3] == ["Rà soát văn bản", moment, 1_500_000]


def test_text_is_always_text_escaped_kept_whole_and_cut_at_excels_limit(tmp_path):
    hostile = ['=HYPERLINK("http://x","bấm")', "a < b & c > d", "  lề trái và xuống\ndòng ", "bell\x07char",
               "x" * 40_000]
    path = streamed(tmp_path, [[t] for t in hostile])
    got = [r[0] for r in values(path)]
    assert got[:4] == [hostile[0], hostile[1], hostile[2], "bellchar"]
    assert len(got[4]) == 32_767 and got[4].endswith("Excel chỉ chứa 32.767]")
    assert b"<f>" not in parts(path)["xl/worksheets/sheet1.xml"]


def test_a_users_formula_moves_with_its_row_and_keeps_its_last_result(tmp_path):
    rows = [["a", None, 10, Formula("=C5*2", "D5", 20)],
            ["b", None, 30, Formula("=SUM($C$3:C5)", "D5", "#REF!")],
            ["c", None, 40, Formula("=C5>1", "D5", True)]]
    path = streamed(tmp_path, rows)
    formulas = [r[3] for r in values(path)]
    assert formulas == ["=C3*2", "=SUM($C$3:C4)", "=C5>1"]
    assert [r[3] for r in values(path, data_only=True)] == [20, "#REF!", True]


def test_every_row_takes_the_style_of_its_columns_prototype(tmp_path):
    path = streamed(tmp_path, [["a", dt.datetime(2020, 1, 1, 8), 1], ["b", dt.datetime(2020, 1, 2, 9), 2]])
    ws = openpyxl.load_workbook(path)[SHEET]
    for r in (3, 4):
        assert ws[f"A{r}"].font.bold and ws[f"A{r}"].font.name == "Times New Roman"
        assert ws[f"B{r}"].number_format == "dd/mm/yyyy hh:mm:ss" and ws[f"C{r}"].number_format == "#,##0"
    assert ws["A1"].value == "Tiêu đề" and ws["A2"].value == "Nhiệm vụ"
    assert re.search(rb'<dimension ref="A1:[A-Z]+4"/>', parts(path)["xl/worksheets/sheet1.xml"]), "to the last row"


def test_no_rows_leave_the_prototype_gone_and_the_rest_as_it_was(tmp_path):
    path = streamed(tmp_path, [])
    assert values(path) == []
    assert openpyxl.load_workbook(path)[OTHER]["A1"].value == "của văn phòng"


def test_only_the_filled_sheet_changes_and_no_temporary_is_left(tmp_path):
    before = parts(package(tmp_path / "truoc.xlsx"))
    path = streamed(tmp_path, [["a", None, 1]])
    after = parts(path)
    assert set(after) == set(before)
    changed = {n for n in after if after[n] != before[n] and not n.startswith("docProps/")}
    assert changed == {"xl/worksheets/sheet1.xml"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tong-hop.xlsx", "truoc.xlsx"]


def test_rows_are_as_high_as_their_wrapped_text_and_left_free_to_grow(tmp_path):
    long = "Rà soát, đánh giá, công bố và cập nhật thủ tục hành chính thuộc thẩm quyền giải quyết của Sở " * 3
    path = streamed(tmp_path, [["ngắn"], [long]], widths=[30, 0, 0, 0])
    xml = parts(path)["xl/worksheets/sheet1.xml"].decode()
    heights = {int(r): float(h) for r, h in re.findall(r'<row r="(\d+)" ht="([\d.]+)"', xml)}
    assert heights[4] > heights.get(3, 0) and heights[4] >= 3 * 12
    assert 'customHeight' not in re.search(r'<row r="4"[^>]*>', xml).group(0)


def test_loosen_heights_drops_the_hand_set_flag_of_the_rows_given_only(tmp_path):
    path = tmp_path / "mau.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    for r in range(1, 5):
        ws.cell(r, 1, f"dòng {r}")
        ws.row_dimensions[r].height = 30 + r
    wb.save(path)
    loosen_heights(path, {SHEET: range(2, 4)})
    xml = parts(path)["xl/worksheets/sheet1.xml"].decode()
    flags = {int(m.group(1)): "customHeight" in m.group(0) for m in re.finditer(r'<row r="(\d+)"[^>]*>', xml)}
    assert flags == {1: True, 2: False, 3: False, 4: True}
    reread = openpyxl.load_workbook(path)[SHEET]
    assert [reread.row_dimensions[r].height for r in range(1, 5)] == [31, 32, 33, 34]


@pytest.mark.parametrize("count", [5000])
def test_many_rows_stream_in_order(tmp_path, count):
    rows = [[f"Nhiệm vụ {i}", dt.date(2020, 1 + i % 12, 1), i] for i in range(count)]
    path = streamed(tmp_path, rows)
    got = values(path)
    assert len(got) == count and got[-1][0] == f"Nhiệm vụ {count - 1}" and got[1234][2] == 1234
