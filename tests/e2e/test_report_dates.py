"""A report is judged as of its own cut-off and is late after its due date (issue #19): the plan's default dates
(Quý I due 22/02: the figures run to 22/02, not 31/03), and an office's {cutoff, due}, stated on the form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tests.support.submissions import UNITS, sheet_rows, submit, tasks_for


def tasks(i: int) -> list[dict]:
    """Unit i's three tasks: due in January, in February (the 29th), and with the quarter (31/03)."""
    rows = tasks_for(i, 3)
    for row, deadline in zip(rows, ("Tháng 01/2020", "Tháng 02/2020", "Quý I/2020")):
        row["deadline"] = deadline
    return rows


def fill(form: Path, target: Path, made: dt.datetime) -> Path:
    """Everything in progress, reported on ``made``."""
    wb = openpyxl.load_workbook(form)
    ws = wb["Báo cáo"]
    ws["C5"] = made
    for r in range(9, 12):
        ws[f"G{r}"], ws[f"J{r}"] = "Đang thực hiện", "Chờ ý kiến"
    wb.save(target)
    return target


@pytest.fixture(scope="module")
def master(tmp_path_factory, cfg, registry_file, cli) -> Path:
    root = tmp_path_factory.mktemp("dates")
    (root / "nop").mkdir()
    for i in (1, 2):
        submit(root / "nop", cfg, i, tasks(i))
    path = root / "tong-hop.xlsx"
    assert cli("consolidate", root / "nop", "-o", path, "--units", registry_file).exit_code == 0
    return path


def forms(master: Path, cli, registry_file, *config: Path) -> Path:
    folder = master.parent / f"mau{len(config)}"
    extra = ["--config", config[0]] if config else []
    made = cli("template", "--report", "quy1", "--master", master, "--all-units", "-d", folder,
               "--units", registry_file, *extra)
    assert made.exit_code == 0, made.output
    return folder


def test_a_quarter_due_on_22_february_is_judged_as_of_22_february(master, cli, registry_file):
    folder = forms(master, cli, registry_file)
    form = next(folder.glob("*phong-nghiep-vu-1.xlsx"))
    assert openpyxl.load_workbook(form)["Báo cáo"]["A2"].value == \
        "(Số liệu tính đến ngày 22/02/2020; gửi Văn phòng Sở Thử Nghiệm chậm nhất ngày 22/02/2020)"
    sent = master.parent / "bc"
    sent.mkdir()
    fill(form, sent / "pnv1.xlsx", dt.datetime(2020, 2, 21))
    fill(next(folder.glob("*phong-nghiep-vu-2.xlsx")), sent / "pnv2.xlsx", dt.datetime(2020, 4, 3))
    code, data = cli.json("check", sent / "pnv1.xlsx", "--units", registry_file)
    (checked,) = data["files"]
    assert checked["report"]["as_of"] == checked["report"]["cutoff"] == checked["report"]["due"] == "2020-02-22"
    overdue = [(f["cell"], f["message"]) for f in checked["findings"] if f["code"] == "task-overdue"]
    assert overdue == [("G9", overdue[0][1])] and "quá hạn 22 ngày" in overdue[0][1], \
        "only January's task is overdue on 22/02; February's and the quarter's are not yet due"
    code, data = cli.json("consolidate", sent, "-o", master, "--units", registry_file)
    assert code == 0, data
    (report,) = data["reports"]
    assert (report["cutoff"], report["due"], report["as_of"]) == ("2020-02-22", "2020-02-22", "2020-02-22")
    assert report["units"]["received"] == UNITS[:2] and report["units"]["late"] == [UNITS[1]], \
        "sent on 03/04 against a due date of 22/02: late; sent on 21/02: on time"
    assert report["tasks"]["overdue"] == 2, "one January task per unit, as of the cut-off"
    title = sheet_rows(master, "Tiến độ Quý I-2020")[0][0]
    assert title == "TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH CCHC — QUÝ I/2020 (số liệu tính đến ngày 22/02/2020)"


def test_an_offices_cut_off_and_due_date_are_stated_on_the_form_and_honoured(master, cli, registry_file, tmp_path):
    settings = tmp_path / "quy-tac.yaml"
    settings.write_text('reporting:\n  quy1: {cutoff: "14/03", due: "20/03"}\n', encoding="utf-8")
    folder = forms(master, cli, registry_file, settings)
    form = next(folder.glob("*phong-nghiep-vu-1.xlsx"))
    assert openpyxl.load_workbook(form)["Báo cáo"]["A2"].value == \
        "(Số liệu tính đến ngày 14/03/2020; gửi Văn phòng Sở Thử Nghiệm chậm nhất ngày 20/03/2020)"
    filled = fill(form, tmp_path / "pnv1.xlsx", dt.datetime(2020, 3, 19))
    # a unit checks its form at home with the shipped settings: the form's own dates apply
    code, data = cli.json("check", filled, "--units", registry_file)
    report = data["files"][0]["report"]
    assert (report["cutoff"], report["due"], report["as_of"]) == ("2020-03-14", "2020-03-20", "2020-03-14")
    assert {f["cell"] for f in data["files"][0]["findings"] if f["code"] == "task-overdue"} == {"G9", "G10"}
    text = cli("check", filled, "--units", registry_file).output
    assert "(số liệu đến 14/03/2020, hạn nộp 20/03/2020), xét đến ngày 14/03/2020" in text
