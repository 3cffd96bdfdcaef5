"""A task keeps its reports (issue #19): the office corrects its text on 'Tổng hợp' and sorts the sheet, a unit
rewords it in a resubmission, two tasks share a wording; the next report lands on the right task and the earlier
ones stay; a report whose task was really removed is listed on 'Đối chiếu'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cchc_xl.table.sheets import CROSS, SUMMARY
from tests.support.submissions import (
    UNITS,
    sheet_rows,
    submit,
    summary_dicts,
    tasks_for,
)

STATUS, RESULT, DONE_DATE = "G", "H", "I"


def fill_form(form: Path, target: Path, statuses: dict[str, tuple]) -> Path:
    """Fill a report form as a clerk does, finding each task by its text (column C)."""
    wb = openpyxl.load_workbook(form)
    ws = wb["Báo cáo"]
    ws["C5"] = dt.datetime(2020, 2, 20)
    for r in range(9, ws.max_row + 1):
        task = ws[f"C{r}"].value
        if task in statuses:
            status, *rest = statuses[task]
            ws[f"{STATUS}{r}"] = status
            if rest:
                ws[f"{RESULT}{r}"], ws[f"{DONE_DATE}{r}"] = rest
    wb.save(target)
    return target


def edit_summary(master: Path, change) -> None:
    """Edit 'Tổng hợp' as an office does in Excel: ``change`` gets the data rows as dicts by title and returns
    them (corrected, sorted); they are written back in place."""
    wb = openpyxl.load_workbook(master)
    ws = wb[SUMMARY]
    titles = [c.value for c in ws[1]]
    rows = change([dict(zip(titles, (c.value for c in row))) for row in ws.iter_rows(min_row=2)])
    for r, values in enumerate(rows, start=2):
        for c, title in enumerate(titles, start=1):
            ws.cell(r, c).value = values[title]
    wb.save(master)


def progress(master: Path, sheet: str) -> dict[str, tuple]:
    """Task text -> (status, result) on a progress sheet."""
    rows = sheet_rows(master, sheet)
    return {r[3]: (r[6], r[7]) for r in rows if isinstance(r[0], int) and isinstance(r[3], str)}


TWIN = "Báo cáo định kỳ công tác cải cách hành chính"


@pytest.fixture(scope="module")
def year(tmp_path_factory, cfg, registry_file, cli):
    """Quý I consolidated from three units; unit 3 sends two tasks of the same wording (two areas, two deadlines)."""
    root = tmp_path_factory.mktemp("id")
    inbox = root / "nop"
    inbox.mkdir()
    submit(inbox, cfg, 1, tasks_for(1, 3))
    submit(inbox, cfg, 2, tasks_for(2, 3))
    twins = [{**tasks_for(3, 1)[0], "task": TWIN, "area": "Cải cách thể chế", "deadline": "Quý I/2020"},
             {**tasks_for(3, 1)[0], "task": TWIN, "area": "Cải cách tài chính công", "deadline": "Quý IV/2020"},
             *tasks_for(3, 2)]
    submit(inbox, cfg, 3, twins)
    master = root / "tong-hop.xlsx"
    assert cli("consolidate", inbox, "-o", master, "--units", registry_file).exit_code == 0
    forms = root / "mau-quy1"
    assert cli("template", "--report", "quy1", "--master", master, "--all-units", "-d", forms,
               "--units", registry_file).exit_code == 0
    reports = root / "bc-quy1"
    reports.mkdir()
    for i in (1, 2, 3):
        form = next(forms.glob(f"*phong-nghiep-vu-{i}.xlsx"))
        twin_rows = openpyxl.load_workbook(form)["Báo cáo"]
        statuses = {f"Nhiệm vụ {k} của phòng {i}": ("Đang thực hiện",) for k in (1, 2, 3)}
        statuses[f"Nhiệm vụ 2 của phòng {i}"] = ("Đã hoàn thành", f"QĐ số {i}", dt.datetime(2020, 2, 1))
        fill_form(form, reports / f"pnv{i}.xlsx", statuses)
        if i == 3:   # the twins: the first (Quý I) done, the second (Quý IV) in progress, told apart by row
            wb = openpyxl.load_workbook(reports / "pnv3.xlsx")
            ws = wb["Báo cáo"]
            twin = [r for r in range(9, ws.max_row + 1) if twin_rows[f"C{r}"].value == TWIN]
            quarter = {r: twin_rows[f"E{r}"].value for r in twin}
            for r in twin:
                done = quarter[r] == "Quý I/2020"
                ws[f"{STATUS}{r}"] = "Đã hoàn thành" if done else "Đang thực hiện"
                if done:
                    ws[f"{RESULT}{r}"], ws[f"{DONE_DATE}{r}"] = "BC số 1", dt.datetime(2020, 2, 10)
            wb.save(reports / "pnv3.xlsx")
    result = cli("consolidate", reports, "-o", master, "--units", registry_file)
    assert result.exit_code == 0, result.output
    return root, master


def twin_statuses(master: Path, sheet: str) -> dict[str, str]:
    """Deadline -> status of the two same-worded tasks on a progress sheet."""
    rows = sheet_rows(master, sheet)
    return {r[4]: r[6] for r in rows if isinstance(r[0], int) and r[3] == TWIN}


def test_a_corrected_and_sorted_task_keeps_its_reports(year, registry_file, cli):
    root, master = year
    before = progress(master, "Tiến độ Quý I-2020")
    assert before["Nhiệm vụ 2 của phòng 1"] == ("Đã hoàn thành", "QĐ số 1")
    assert twin_statuses(master, "Tiến độ Quý I-2020") == {"Quý I/2020": "Đã hoàn thành",
                                                           "Quý IV/2020": "Đang thực hiện"}
    ids = {r["Nhiệm vụ"]: r["Mã nhiệm vụ"] for r in summary_dicts(master) if r["Nhiệm vụ"] != TWIN}

    def correct_and_sort(rows):
        for r in rows:
            if r["Nhiệm vụ"] == "Nhiệm vụ 2 của phòng 1":
                r["Nhiệm vụ"] = "Nhiệm vụ thứ hai của Phòng Nghiệp vụ 1 (văn phòng sửa lỗi chính tả)"
        return list(reversed(rows))

    edit_summary(master, correct_and_sort)
    fixed = "Nhiệm vụ thứ hai của Phòng Nghiệp vụ 1 (văn phòng sửa lỗi chính tả)"
    # the next report, from a form made of the corrected and sorted master, lands on the corrected task
    forms = root / "mau-6thang"
    assert cli("template", "--report", "6thang", "--master", master, "--all-units", "-d", forms,
               "--units", registry_file).exit_code == 0
    form = next(forms.glob("*phong-nghiep-vu-1.xlsx"))
    assert fixed in [c.value for c in openpyxl.load_workbook(form)["Báo cáo"]["C"]]
    half = root / "bc-6thang"
    half.mkdir()
    fill_form(form, half / "pnv1.xlsx", {fixed: ("Đã hoàn thành", "QĐ số 1 (bổ sung)", dt.datetime(2020, 5, 2)),
                                         "Nhiệm vụ 1 của phòng 1": ("Đang thực hiện",),
                                         "Nhiệm vụ 3 của phòng 1": ("Đang thực hiện",)})
    assert cli("consolidate", half, "-o", master, "--units", registry_file).exit_code == 0
    assert progress(master, "Tiến độ 6 tháng đầu năm 2020")[fixed] == ("Đã hoàn thành", "QĐ số 1 (bổ sung)")
    assert progress(master, "Tiến độ Quý I-2020")[fixed] == ("Đã hoàn thành", "QĐ số 1"), "history kept"
    assert twin_statuses(master, "Tiến độ Quý I-2020") == {"Quý I/2020": "Đã hoàn thành",
                                                           "Quý IV/2020": "Đang thực hiện"}, "sorting moved nothing"
    now = {r["Nhiệm vụ"]: r["Mã nhiệm vụ"] for r in summary_dicts(master) if r["Nhiệm vụ"] != TWIN}
    assert now[fixed] == ids["Nhiệm vụ 2 của phòng 1"]


def test_a_reworded_resubmission_keeps_its_reports_and_says_so(year, cfg, registry_file, cli):
    root, master = year
    again = root / "nop-lai"
    again.mkdir()
    rows = tasks_for(2, 3)
    rows[1] = {**rows[1], "task": "Nhiệm vụ 2 của phòng 2 (cập nhật)"}
    rows[2] = {**rows[2], "task": "Tổ chức hội nghị tập huấn về dịch vụ công trực tuyến"}   # a different task
    submit(again, cfg, 2, rows, date=dt.date(2020, 3, 1))
    result = cli("consolidate", again, "-o", master, "--units", registry_file)
    assert result.exit_code == 0, result.output
    assert progress(master, "Tiến độ Quý I-2020")["Nhiệm vụ 2 của phòng 2 (cập nhật)"] == ("Đã hoàn thành", "QĐ số 2")
    assert progress(master, "Tiến độ Quý I-2020")["Tổ chức hội nghị tập huấn về dịch vụ công trực tuyến"] == \
        ("Chưa báo cáo", None)
    cross = sheet_rows(master, CROSS)
    reworded = [r for r in cross if r[2] == "task-reworded"]
    assert len(reworded) == 1 and "Nhiệm vụ 2 của phòng 2 (cập nhật)" in reworded[0][6]
    gone = [r for r in cross if r[2] == "report-task-gone"]
    assert len(gone) == 1 and gone[0][3] == UNITS[1] and "Nhiệm vụ 3 của phòng 2" in gone[0][6] \
        and "Quý I/2020" in gone[0][6], "the report of the task that was really replaced is listed, not hidden"


def test_two_tasks_of_the_same_wording_keep_their_own_reports_through_a_resubmission(year, cfg, registry_file, cli):
    root, master = year
    edit_summary(master, lambda rows: sorted(rows, key=lambda r: (str(r["Thời gian hoàn thành"]), r["STT"])))
    again = root / "nop-lai-3"
    again.mkdir()
    twins = [{**tasks_for(3, 1)[0], "task": TWIN, "area": "Cải cách tài chính công", "deadline": "Quý IV/2020"},
             {**tasks_for(3, 1)[0], "task": TWIN, "area": "Cải cách thể chế", "deadline": "Quý I/2020"},
             *tasks_for(3, 2), tasks_for(3, 3)[2]]   # the twins in the other order, and a task added
    submit(again, cfg, 3, twins, date=dt.date(2020, 3, 2))
    assert cli("consolidate", again, "-o", master, "--units", registry_file).exit_code == 0
    assert twin_statuses(master, "Tiến độ Quý I-2020") == {"Quý I/2020": "Đã hoàn thành",
                                                           "Quý IV/2020": "Đang thực hiện"}


def test_an_appendix_made_from_the_master_carries_the_ids_a_resubmission_continues(year, cfg, registry_file, cli):
    """The unit corrects its appendix from the master's copy: even a task rewritten beyond recognition keeps its
    id (and reports) because the template carries it."""
    root, master = year
    mine = root / "pl-phong-1.xlsx"
    made = cli("template", "--master", master, "--unit", UNITS[0], "-o", mine, "--units", registry_file)
    assert made.exit_code == 0 and "3 nhiệm vụ của đơn vị" in made.output, made.output
    wb = openpyxl.load_workbook(mine)
    ws = wb["Phụ lục"]
    assert ws["K8"].value == "Mã nhiệm vụ" and ws.column_dimensions["K"].hidden
    ids = {r["Nhiệm vụ"]: r["Mã nhiệm vụ"] for r in summary_dicts(master) if r["Đơn vị gửi"] == UNITS[0]}
    assert {ws[f"C{r}"].value: ws[f"K{r}"].value for r in range(9, 12)} == ids
    row = next(r for r in range(9, 12) if ws[f"K{r}"].value == ids["Nhiệm vụ 3 của phòng 1"])
    ws[f"C{row}"] = "Một cách viết hoàn toàn khác cho cùng nhiệm vụ đó"
    again = root / "nop-lai-1"
    again.mkdir()
    wb.save(again / "phong-1.xlsx")
    result = cli("consolidate", again, "-o", master, "--units", registry_file)
    assert result.exit_code == 0, result.output
    after = {r["Nhiệm vụ"]: r["Mã nhiệm vụ"] for r in summary_dicts(master) if r["Đơn vị gửi"] == UNITS[0]}
    assert after["Một cách viết hoàn toàn khác cho cùng nhiệm vụ đó"] == ids["Nhiệm vụ 3 của phòng 1"]
    assert cli("template", "--master", master, "--unit", UNITS[0], "-o", master,
               "--units", registry_file).exit_code == 2, "never over the master"
