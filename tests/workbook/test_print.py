"""What an office sees and prints (issue #15): A4, readable scale, print titles, page numbers, row heights,
real dates and numbers, one font family, totals, integer chart axes, no needless ZIP64."""

from __future__ import annotations

import datetime as dt
import struct
import zipfile

import openpyxl
import pytest

from tests.support.submissions import UNITS, submit, tasks_for
from tests.support.workbooks import fill_template

LONG = "Rà soát, đánh giá, công bố và cập nhật thủ tục hành chính thuộc thẩm quyền giải quyết của Sở, " * 3


def printed(ws, titles: str | None = None) -> None:
    """The print settings every sheet we write carries."""
    ps = ws.page_setup
    assert ps.paperSize == 9 and ps.orientation in ("portrait", "landscape"), ws.title
    assert 60 <= int(ps.scale) <= 100 and not ws.sheet_properties.pageSetUpPr.fitToPage, (ws.title, ps.scale)
    assert ws.oddFooter.center.text == "Trang &P/&N", ws.title
    if titles:
        assert ws.print_title_rows == titles, ws.title


def test_the_template_prints_on_a4_at_a_readable_scale(blank_template):
    wb = openpyxl.load_workbook(blank_template)
    printed(wb["Phụ lục"], "$8:$8")
    printed(wb["Hướng dẫn"])


@pytest.fixture(scope="module")
def master(tmp_path_factory, cfg, registry_file, cli):
    folder = tmp_path_factory.mktemp("nop")
    for i in (1, 2):
        rows = tasks_for(i, 3)
        rows[0]["task"] = LONG.strip()
        submit(folder, cfg, i, rows)
    bad = tasks_for(3, 2)
    bad[0]["lead_unit"] = None
    submit(folder, cfg, 3, bad)
    out = folder.parent / "tong-hop.xlsx"
    cli("consolidate", folder, "-o", out, "--units", registry_file)
    return out


def test_master_sheets_print_readably(master):
    wb = openpyxl.load_workbook(master)
    summary = wb["Tổng hợp"]
    printed(summary, "$1:$1")
    assert summary.print_area == "'Tổng hợp'!$A$1:$L$7", "the provenance columns stay off the paper"
    for name in ("Tình trạng nộp", "Theo lĩnh vực", "Theo đơn vị chủ trì", "Theo thời hạn", "Đối chiếu"):
        printed(wb[name])


def test_master_rows_are_as_high_as_their_text_and_times_are_times(master):
    ws = openpyxl.load_workbook(master)["Tổng hợp"]
    heights = {r: ws.row_dimensions[r].height for r in range(2, 8)}
    long_rows = [r for r in range(2, 8) if ws.cell(r, 4).value == LONG.strip()]
    assert long_rows and all(heights[r] and heights[r] >= 6 * 15 for r in long_rows)
    others = [heights[r] or 15 for r in range(2, 8) if r not in long_rows]
    assert max(others) < min(heights[r] for r in long_rows) and min(others) >= 2 * 15, \
        "'Các phòng, đơn vị thuộc Sở' wraps to two lines in its column: two lines high"
    stamp = ws.cell(2, [c.value for c in ws[1]].index("Thời điểm tổng hợp") + 1)
    assert isinstance(stamp.value, dt.datetime) and stamp.number_format == "dd/mm/yyyy hh:mm"
    assert ws.cell(1, 4).font.name == "Times New Roman" and ws.cell(1, 4).alignment.wrap_text
    status = openpyxl.load_workbook(master)["Tình trạng nộp"]
    assert isinstance(status["G5"].value, dt.datetime)
    rejected = next(r for r in range(5, 30) if status.cell(r, 1).value == UNITS[2])
    link = status.cell(rejected, 9)
    target = link.hyperlink.target
    assert link.value == "Mở bản đánh dấu" and target.startswith("kiem-tra/"), "a link never wraps: a short text"
    assert (master.parent / target).exists(), "the link is relative to the master"
    assert target in status.cell(rejected, 8).value, "the path itself is printed, wrapped, in the note"
    assert all(status.cell(rejected, c).alignment.vertical == "top" for c in range(1, 10)), "status beside its unit"


def test_summaries_have_totals_and_whole_number_axes(master):
    wb = openpyxl.load_workbook(master)
    ws = wb["Theo lĩnh vực"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    total = next(r for r in rows if r[0] == "Tổng cộng")
    senders = rows[0][3:]
    assert senders and total[3:3 + len(senders)] == [sum(r[3 + i] or 0 for r in rows[1:-1] if r[0] != "Tổng cộng")
                                                     for i in range(len(senders))]
    with zipfile.ZipFile(master) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert charts and all("majorUnit" in c for c in charts)
    assert all('formatCode="0"' in c for c in charts)


def test_zip64_only_where_a_part_needs_it(master):
    raw = master.read_bytes()
    with zipfile.ZipFile(master) as z:
        for info in z.infolist():
            n, m = struct.unpack("<HH", raw[info.header_offset + 26:info.header_offset + 30])
            extra = raw[info.header_offset + 30 + n:info.header_offset + 30 + n + m]
            assert b"\x01\x00" != extra[:2], f"{info.filename} has a ZIP64 header ({info.file_size} bytes)"


def test_results_sheet_names_the_registry_file_and_each_code(cli, tmp_path, blank_template):
    path = fill_template(blank_template, tmp_path / "nop.xlsx",
                         [{"stt": 1, "task": LONG, "lead_unit": None, "deadline": "Quý II/2020"}])
    cli("check", path, "--annotate")
    wb = openpyxl.load_workbook(tmp_path / "nop.kiemtra.xlsx")
    ws = wb["Kết quả kiểm tra"]
    block = {ws.cell(r, 2).value: ws.cell(r, 4).value for r in range(3, 11)}
    assert block["Danh mục đơn vị"] == "Danh mục mẫu của chương trình (units.yaml)", "no program's jargon on paper"
    assert (block["Số nhiệm vụ"], block["Số lỗi"], block["Kỳ kế hoạch"]) == (1, 1, 2020)
    assert isinstance(block["Thời điểm kiểm tra"], dt.datetime)
    head = [c.value for c in ws[12]]
    assert head == ["STT", "Ô", "Mức độ", "Loại", "Nội dung", "Giá trị trong ô", "Gợi ý", "Mã"]
    assert (ws["D13"].value, ws["H13"].value) == ("Thiếu đơn vị chủ trì", "lead-unit-missing")
    printed(ws, "$12:$12")
    assert ws.print_area == "'Kết quả kiểm tra'!$A$1:$G$13", "the rule's code stays off the paper"
    sheet = wb["Phụ lục"]
    assert sheet.row_dimensions[9].height >= 3 * 15, "the long task shows whole in the marked copy"


def test_a_printable_master_is_still_read_fast(master, monkeypatch):
    """Page setup writes <firstHeader>/<firstFooter>: that is no formula, calamine still reads the master
    (openpyxl's read-only parse, the slow path kept for the office's formulas, is not reached)."""
    from cchc_xl.formats.master import read as adapter

    with zipfile.ZipFile(master) as z:
        assert b"<firstFooter" in z.read("xl/worksheets/sheet2.xml")
    slow = []
    real = adapter._open_read_only
    monkeypatch.setattr(adapter, "_open_read_only", lambda *a, **k: slow.append(a) or real(*a, **k))
    assert len(adapter.read_master(master).rows) == 6 and slow == []
