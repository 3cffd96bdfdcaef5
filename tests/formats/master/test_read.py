"""formats/master/read.py: the master on disk -> ``MasterState``, with what the office changed by hand carried
(rows above the table, its own columns and formulas, columns dragged into another order) and what cannot be
understood refused with a message naming it, the file untouched.

Each master is written by ``write_master`` and edited with openpyxl as a clerk edits it in Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cchc_xl.consolidation.model import Standing
from cchc_xl.core.model import Formula
from cchc_xl.errors import MasterError
from cchc_xl.formats.master.read import read_master
from cchc_xl.formats.master.write import write_master
from cchc_xl.table.sheets import MASTER_META, SUMMARY
from tests.support.masters import STAMP, master_state


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    """A master of three tasks, written once; each test edits its own copy."""
    from cchc_xl.formats.config_files import load_config

    config = load_config()
    return write_master(tmp_path_factory.mktemp("m") / "tong-hop.xlsx", master_state(), config.areas, config.registry)


@pytest.fixture
def master(written, tmp_path) -> Path:
    copy = tmp_path / "tong-hop.xlsx"
    copy.write_bytes(written.read_bytes())
    return copy


def edit(path: Path, change) -> bytes:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path.read_bytes()


@pytest.mark.parametrize("reader", ["calamine", "openpyxl"])
def test_what_was_written_reads_back(master, monkeypatch, reader):
    monkeypatch.setenv("CCHC_XL_READER", reader)
    state, written = read_master(master), master_state()
    assert state.period == written.period and state.units == written.units
    assert state.units["Văn phòng Sở"].status is Standing.MISSING
    for got, want in zip(state.rows, written.rows, strict=True):
        assert got == {**want, "merged_at": dt.datetime.strptime(STAMP, "%d/%m/%Y %H:%M:%S")}
    assert state.layout.header_row == 1 and state.layout.above == [] and state.layout.extras == []
    assert state.reports == {}


def test_no_file_is_no_master(tmp_path):
    assert read_master(tmp_path / "chua-co.xlsx") is None


def test_a_title_above_a_column_of_its_own_and_a_formula_are_carried(master):
    def clerk(wb):
        ws = wb[SUMMARY]
        ws.insert_rows(1, 2)
        ws["A1"] = "BẢNG TỔNG HỢP — VĂN PHÒNG SỞ"
        ws.merge_cells("A1:F1")
        ws["R3"] = "Người theo dõi"
        ws["R4"], ws["R5"] = "Chị Lan", "=J5*2"
    edit(master, clerk)
    state = read_master(master)
    layout = state.layout
    assert layout.header_row == 3 and layout.above[0] == ["BẢNG TỔNG HỢP — VĂN PHÒNG SỞ"] and layout.merges == ["A1:F1"]
    assert layout.extras == ["Người theo dõi"]
    assert state.rows[0]["extra"] == {"Người theo dõi": "Chị Lan"}
    formula = state.rows[1]["extra"]["Người theo dõi"]
    assert isinstance(formula, Formula) and formula.text == "=J5*2" and formula.origin == "R5"
    assert "extra" not in state.rows[2]


def test_columns_dragged_into_another_order_are_found_by_their_titles(master):
    def swap(wb):
        ws = wb[SUMMARY]
        for row in ws.iter_rows():
            row[3].value, row[4].value = row[4].value, row[3].value   # Nhiệm vụ <-> Sản phẩm
    edit(master, swap)
    state = read_master(master)
    assert [c.title for c in state.layout.columns][3:5] == ["Sản phẩm", "Nhiệm vụ"]
    assert [r["task"] for r in state.rows] == [r["task"] for r in master_state().rows]


@pytest.mark.parametrize("change, words", [
    (lambda wb: setattr(wb[SUMMARY]["E1"], "value", "Sản phẩm đầu ra"),
     ["không còn cột \u201cSản phẩm\u201d", "\u201cSản phẩm đầu ra\u201d (có phải đã đổi tên?)"]),
    (lambda wb: wb[SUMMARY].delete_cols(2), ["không còn cột \u201cĐơn vị gửi\u201d"]),
    (lambda wb: setattr(wb[SUMMARY], "title", "TH"), ["không thấy trang \u201cTổng hợp\u201d", "\u201cTH\u201d"]),
    (lambda wb: wb[SUMMARY].delete_rows(1), ["không tìm thấy dòng tiêu đề"]),
    (lambda wb: setattr(wb[MASTER_META]["B1"], "value", "=1+1"), [f"trang ẩn {MASTER_META}, ô B1: có công thức"]),
    (lambda wb: setattr(wb[MASTER_META]["B1"], "value", "năm ngoái"),
     [f"trang ẩn {MASTER_META}, ô B1: kỳ kế hoạch", "Bộ nhớ ẩn của tệp tổng hợp đã bị sửa tay"]),
], ids=["renamed-column", "deleted-column", "renamed-sheet", "deleted-header", "formula-in-memory", "damaged-memory"])
def test_what_cannot_be_understood_stops_naming_it(master, change, words):
    edit(master, change)
    with pytest.raises(MasterError) as caught:
        read_master(master)
    for w in words:
        assert w in caught.value.message, caught.value.message


def test_a_workbook_of_someone_else_or_no_workbook_is_refused(tmp_path):
    other = tmp_path / "ke-hoach.xlsx"
    openpyxl.Workbook().save(other)
    with pytest.raises(MasterError, match="không phải tệp tổng hợp của cchc-xl"):
        read_master(other)
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a zip at all")
    with pytest.raises(MasterError, match="không đọc được tệp tổng hợp cũ"):
        read_master(broken)
