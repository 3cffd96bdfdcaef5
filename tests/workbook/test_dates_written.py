"""Every date and date-time we write reads back exactly, to the second (issue #19): the fast sheet writer, the
openpyxl writer (master status, annotated copy), the live add-in, and the Word appendix's dates."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from cchc_xl.core.model import normal
from cchc_xl.formats.xlsx.stream import Fill, fill_rows

MOMENTS = [dt.datetime(2026, 12, 3, 17, 8, 41), dt.datetime(2020, 2, 22, 23, 59, 59), dt.datetime(2020, 2, 22, 0, 0, 1),
           dt.datetime(1999, 12, 31, 12, 0), dt.datetime(2020, 2, 22)]


def seconds(moment: dt.datetime) -> dt.datetime:
    return moment.replace(microsecond=0)


def calamine_rows(path: Path, sheet: str) -> list[list]:
    wb = CalamineWorkbook.from_path(str(path))
    try:
        return [[normal(v) for v in row] for row in wb.get_sheet_by_name(sheet).to_python()]
    finally:
        wb.close()


def test_the_fast_writer_stores_each_moment_to_the_second(tmp_path):
    path = tmp_path / "fast.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"], ws["B1"] = "Thời điểm", "Ngày"
    ws["A2"].number_format, ws["B2"].number_format = "dd/mm/yyyy hh:mm:ss", "dd/mm/yyyy"
    wb.save(path)
    fill_rows(path, {"S": Fill(2, [[m, m.date()] for m in MOMENTS])})
    back = openpyxl.load_workbook(path)["S"]
    assert [back.cell(r, 1).value for r in range(2, 2 + len(MOMENTS))] == MOMENTS
    assert [back.cell(r, 2).value for r in range(2, 2 + len(MOMENTS))] == [dt.datetime.combine(m.date(), dt.time())
                                                                           for m in MOMENTS]
    assert [seconds(r[0]) for r in calamine_rows(path, "S")[1:]] == MOMENTS, "calamine reads the same seconds"


@pytest.fixture(scope="module")
def consolidated(tmp_path_factory, cfg):
    from cchc_xl.usecases.consolidate import ConsolidationRequest, run_consolidation
    from tests.support.submissions import inbox

    root = tmp_path_factory.mktemp("dates")
    folder = inbox(root, cfg, {1: 2, 2: 1})
    before = dt.datetime.now().replace(microsecond=0)
    run = run_consolidation(ConsolidationRequest((folder,), root / "tong-hop.xlsx", cfg))
    after = dt.datetime.now()
    return run.master, before, after


def test_the_master_stamps_its_run_to_the_second(consolidated):
    master, before, after = consolidated
    wb = openpyxl.load_workbook(master)
    summary = wb["Tổng hợp"]
    column = [c.value for c in summary[1]].index("Thời điểm tổng hợp") + 1
    stamps = {summary.cell(r, column).value for r in range(2, summary.max_row + 1)}
    assert len(stamps) == 1
    (stamp,) = stamps
    assert before <= stamp <= after, (before, stamp, after)
    status = wb["Tình trạng nộp"]
    moments = [status.cell(r, 7).value for r in range(5, status.max_row + 1) if status.cell(r, 2).value == "Đã nộp"]
    assert moments == [stamp, stamp], "the status sheet (openpyxl) says the same second"
    calamine_stamp = calamine_rows(master, "Tổng hợp")[1][column - 1]
    assert seconds(calamine_stamp) == stamp


def test_the_annotated_copy_and_the_live_results_sheet_say_when_to_the_second(tmp_path, config, blank_template):
    from cchc_xl.check.marks import result_lines
    from cchc_xl.formats.xlsx.annotate import annotate_file
    from cchc_xl.usecases.check import check_file
    from tests.support.workbooks import fill_template

    path = fill_template(blank_template, tmp_path / "pl.xlsx", [{"stt": 1, "task": "Rà soát", "lead_unit": None}])
    result = check_file(path, config)
    before = dt.datetime.now().replace(microsecond=0)
    copy = annotate_file(result, config, str(tmp_path / "pl.kiemtra.xlsx"))
    after = dt.datetime.now()
    ws = openpyxl.load_workbook(copy)["Kết quả kiểm tra"]
    when = next(ws.cell(r, 4).value for r in range(1, 20) if ws.cell(r, 2).value == "Thời điểm kiểm tra")
    assert isinstance(when, dt.datetime) and before <= when <= after
    moment = dt.datetime(2026, 12, 3, 17, 8, 41)
    assert dict(result_lines(result, "units.yaml", when=moment))["Thời điểm kiểm tra"] == moment


def test_the_live_add_in_sends_the_moment_to_the_second(tmp_path, config, blank_template, monkeypatch):
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # xlwings' remote engine, for tests only
    from cchc_xl.excel.live import write_results_live
    from cchc_xl.usecases.check import check_file
    from tests.excel.test_addin import remote_book
    from tests.support.workbooks import fill_template

    path = fill_template(blank_template, tmp_path / "pl.xlsx", [{"stt": 1, "task": "Rà soát", "lead_unit": None}])
    book = remote_book(path, monkeypatch)
    before = dt.datetime.now().replace(microsecond=0)
    write_results_live(book, check_file(path, config), "units.yaml")
    after = dt.datetime.now()
    sent = [v for a in book.json()["actions"] if a["func"] == "setValues" for row in a["values"] for v in row]
    label = sent.index("Thời điểm kiểm tra")
    when = dt.datetime.strptime(sent[label + 2], "%Y-%m-%d %H:%M:%S")
    assert before <= when <= after


def test_the_word_appendix_states_its_dates_as_the_master_holds_them(tmp_path):
    from docx import Document

    from cchc_xl.consolidation.model import MasterState
    from cchc_xl.consolidation.reports import ReportState
    from cchc_xl.consolidation.results import appendix
    from cchc_xl.core.periods import Period
    from cchc_xl.core.units import Registry
    from cchc_xl.formats.word.appendix import write_docx

    rs = ReportState("quy1", 2020, dt.date(2020, 4, 2), dt.date(2020, 3, 20), "Quý I/2020", dt.date(2020, 3, 14))
    state = MasterState(Period(2020, 2020), rows=[])
    written = write_docx(tmp_path / "bc.docx", appendix(state, rs, Registry([]), "Sở Thử Nghiệm"))
    text = "\n".join(p.text for p in Document(str(written)).paragraphs)
    assert "số liệu tính đến ngày 14/03/2020, quá hạn xét đến ngày 02/04/2020" in text
