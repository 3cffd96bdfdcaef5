"""formats/master/write.py: a ``MasterState`` written as the master workbook, atomically, the previous file kept
as NAME.bak.xlsx, the office's own sheets carried over, the big tables streamed; read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from cchc_xl.errors import OutputError
from cchc_xl.formats.master.read import read_master
from cchc_xl.formats.master.write import backup_path, write_master
from cchc_xl.table.sheets import BY_AREA, BY_LEAD, BY_QUARTER, CROSS, MASTER_META, STATUS, SUMMARY
from tests.support.masters import master_row, master_state


@pytest.fixture(scope="module")
def settings():
    from cchc_xl.formats.config_files import load_config

    config = load_config()
    return config.areas, config.registry


def write(path: Path, state, settings) -> Path:
    return write_master(path, state, *settings)


def summary(path: Path) -> list[dict]:
    rows = list(openpyxl.load_workbook(path)[SUMMARY].iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_our_sheets_in_order_the_memory_very_hidden(tmp_path, settings):
    path = write(tmp_path / "tong-hop.xlsx", master_state(), settings)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [STATUS, SUMMARY, BY_AREA, BY_LEAD, BY_QUARTER, CROSS, MASTER_META]
    assert wb[MASTER_META].sheet_state == "veryHidden"
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == wb.sheetnames[:-1]


def test_every_row_is_written_with_real_numbers_dates_and_moments(tmp_path, settings):
    state = master_state()
    path = write(tmp_path / "tong-hop.xlsx", state, settings)
    rows = summary(path)
    assert [r["Nhiệm vụ"] for r in rows] == [r["task"] for r in state.rows]
    first = rows[0]
    assert first["Kinh phí (đồng)"] == 1_000_000 and first["Dòng nguồn"] == 9
    assert first["Hạn (ngày)"] == dt.datetime(2020, 6, 30)
    assert first["Thời điểm tổng hợp"] == dt.datetime(2020, 1, 10, 8, 15)
    assert first["Mã nhiệm vụ"] == state.rows[0]["task_id"]
    table = openpyxl.load_workbook(path)[SUMMARY].tables["TongHop"]
    assert table.ref == "A1:Q4"


def test_a_formula_looking_text_is_written_as_text(tmp_path, settings):
    hostile = '=HYPERLINK("http://example.invalid","bấm")'
    path = write(tmp_path / "tong-hop.xlsx", master_state([master_row(1, task=hostile)]), settings)
    with zipfile.ZipFile(path) as zf:
        xml = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml
    assert summary(path)[0]["Nhiệm vụ"] == hostile


def test_the_totals_are_values_of_the_rows(tmp_path, settings):
    rows = [master_row(1), master_row(2), master_row(3, "Thanh tra Sở", area="Cải cách thủ tục hành chính")]
    path = write(tmp_path / "tong-hop.xlsx", master_state(rows), settings)
    ws = openpyxl.load_workbook(path)[BY_AREA]
    table = {r[0]: r[1:3] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    assert table["Tổng cộng"] == (3, 6_000_000)
    with zipfile.ZipFile(path) as zf:
        assert not any(b"<f>" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))


def test_a_second_write_keeps_the_first_as_the_backup(tmp_path, settings):
    path = write(tmp_path / "tong-hop.xlsx", master_state(), settings)
    first = path.read_bytes()
    assert not backup_path(path).exists()
    write(path, master_state([master_row(1)]), settings)
    assert backup_path(path) == tmp_path / "tong-hop.bak.xlsx" and backup_path(path).read_bytes() == first
    assert len(summary(path)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tong-hop.bak.xlsx", "tong-hop.xlsx"], "no temporaries"


@pytest.mark.parametrize("lock", ["~$tong-hop.xlsx", ".~lock.tong-hop.xlsx#"])
def test_a_master_open_in_a_spreadsheet_program_is_left_alone(tmp_path, settings, lock):
    path = write(tmp_path / "tong-hop.xlsx", master_state(), settings)
    before = path.read_bytes()
    (tmp_path / lock).write_text("van-thu", encoding="utf-8")
    with pytest.raises(OutputError, match="đang mở trong Excel hoặc LibreOffice") as caught:
        write(path, master_state([master_row(1)]), settings)
    assert lock in caught.value.message
    assert path.read_bytes() == before and not backup_path(path).exists()


def test_the_offices_own_sheets_are_carried_and_ours_rebuilt(tmp_path, settings):
    path = write(tmp_path / "tong-hop.xlsx", master_state(), settings)
    wb = openpyxl.load_workbook(path)
    own = wb.create_sheet("Theo dõi riêng")
    own["A1"], own["B1"] = "Người theo dõi", "Chị Lan"
    wb[BY_AREA]["A30"] = "gõ tay trên trang của chương trình"
    wb.save(path)
    state = read_master(path)
    assert state.layout.user_sheets == ["Theo dõi riêng"]
    state.rows = state.rows[:1]
    write(path, state, settings)
    wb = openpyxl.load_workbook(path)
    assert wb["Theo dõi riêng"]["B1"].value == "Chị Lan"
    assert wb.sheetnames.index("Theo dõi riêng") > wb.sheetnames.index(CROSS)
    assert wb[BY_AREA]["A30"].value is None, "our sheets are rewritten from the rows"
    assert len(summary(path)) == 1


def test_many_rows_are_streamed_whole(tmp_path, settings):
    rows = [master_row(i, f"Phòng {i % 7}") for i in range(1, 2001)]
    path = write(tmp_path / "tong-hop.xlsx", master_state(rows), settings)
    back = read_master(path)
    assert len(back.rows) == 2000 and back.rows[-1]["task"] == rows[-1]["task"]
    assert back.rows[-1]["budget"] == 2_000_000_000
