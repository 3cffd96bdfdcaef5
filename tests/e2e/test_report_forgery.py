"""Reports no one can forge or lose (issue #20): a form reports only on its own unit's tasks, a form's period and
year must be the plan's, a hand-broken report memory stops the run naming its cell, the office's own sheets and
columns are never lost, an owed-task bomb is bounded. Real forms, edited the way a hostile or clumsy unit could.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from cchc_xl.table.sheets import MASTER_META, PROPERTIES, REPORTS_META
from tests.support.submissions import UNITS, sheet_rows, submit, tasks_for
from tests.support.word import plan_docx

VP, PC = UNITS[0], UNITS[1]   # unit 1 plays Văn phòng Sở, unit 2 Phòng Pháp chế


def fill(form: Path, target: Path, statuses: dict[int, tuple], edit=None) -> Path:
    """Fill a form's rows 9.. as a clerk does (status, result, done date); ``edit(wb)`` then tampers with it."""
    wb = openpyxl.load_workbook(form)
    ws = wb["Báo cáo"]
    ws["C5"] = dt.datetime(2020, 2, 20)
    for r in range(9, 12):
        status, *rest = statuses.get(r, ("Đang thực hiện",))
        ws[f"G{r}"] = status
        if rest:
            ws[f"H{r}"], ws[f"I{r}"] = rest[0], rest[1] if len(rest) > 1 else None
            ws[f"J{r}"] = rest[2] if len(rest) > 2 else None
    if edit:
        edit(wb)
    wb.save(target)
    return target


def task_ids(form: Path) -> list[str]:
    return [openpyxl.load_workbook(form)["Báo cáo"][f"L{r}"].value for r in range(9, 12)]


@pytest.fixture(scope="module")
def base(tmp_path_factory, cfg, registry_file, cli):
    """A master of two units with VP's Quý I report merged (its task 2 done, "QĐ số 10"), and both units' forms."""
    root = tmp_path_factory.mktemp("forge")
    (root / "nop").mkdir()
    for i in (1, 2):
        submit(root / "nop", cfg, i, tasks_for(i, 3))
    master = root / "tong-hop.xlsx"
    assert cli("consolidate", root / "nop", "-o", master, "--units", registry_file).exit_code == 0
    forms = root / "mau"
    assert cli("template", "--report", "quy1", "--master", master, "--all-units", "-d", forms,
               "--units", registry_file).exit_code == 0
    vp_form, pc_form = (next(forms.glob(f"*phong-nghiep-vu-{i}.xlsx")) for i in (1, 2))
    sent = root / "vp"
    sent.mkdir()
    fill(vp_form, sent / "vp.xlsx", {10: ("Đã hoàn thành", "QĐ số 10", dt.datetime(2020, 2, 1))})
    assert cli("consolidate", sent, "-o", master, "--units", registry_file).exit_code == 0
    return root, master, vp_form, pc_form


@pytest.fixture
def office(base, tmp_path):
    """A fresh copy of the office's folder for one test."""
    root, master, vp_form, pc_form = base
    shutil.copy(master, tmp_path / master.name)
    return tmp_path / master.name, vp_form, pc_form


def entry(master: Path, task: str) -> tuple:
    rows = sheet_rows(master, "Tiến độ Quý I-2020")
    return next((r[6], r[7]) for r in rows if isinstance(r[0], int) and r[3] == task)


def consolidate(cli, folder: Path, master: Path, registry_file: Path) -> tuple[int, dict]:
    return cli.json("consolidate", folder, "-o", master, "--units", registry_file)


# --------------------------------------------------------------------------- 1. forged reports
def test_a_form_cannot_report_on_another_units_task(office, tmp_path, cli, registry_file):
    master, vp_form, pc_form = office
    vp_task = task_ids(vp_form)[1]

    def forge(wb):   # the hidden id column and the hidden list of owed tasks, both plain cells a unit can edit
        own = wb["Báo cáo"]["L9"].value
        wb["Báo cáo"]["L9"] = vp_task
        props = wb[PROPERTIES]
        for row in props.iter_rows():
            if row[0].value == f"task:{own}":
                row[0].value = f"task:{vp_task}"

    sent = tmp_path / "pc"
    sent.mkdir()
    fill(pc_form, sent / "pc.xlsx", {9: ("Không thực hiện", "PC ghi đè", None, "lý do")}, forge)
    code, data = cli.json("check", sent / "pc.xlsx", "--units", registry_file)
    assert data["files"][0]["errors"] == 0, "a check without the master cannot know whose task that is"
    code, data = consolidate(cli, sent, master, registry_file)
    assert code == 1 and [o["unit"] for o in data["rejected"]] == [PC]
    assert data["rejected"][0]["codes"] == ["report-task-not-led"] and "dòng 9" in data["rejected"][0]["reasons"][0]
    assert entry(master, "Nhiệm vụ 2 của phòng 1") == ("Đã hoàn thành", "QĐ số 10")
    clean = tmp_path / "pc-2"
    clean.mkdir()
    fill(pc_form, clean / "pc.xlsx", {})
    code, data = consolidate(cli, clean, master, registry_file)
    assert code == 0 and [o["unit"] for o in data["accepted"]] == [PC]
    assert entry(master, "Nhiệm vụ 2 của phòng 1") == ("Đã hoàn thành", "QĐ số 10"), "PC's report never erases VP's"


def test_a_form_whose_hidden_unit_was_changed_is_refused_not_reinterpreted(office, tmp_path, cli, registry_file):
    master, _, pc_form = office

    def disguise(wb):
        for row in wb[PROPERTIES].iter_rows():
            if row[0].value == "unit":
                row[1].value = VP

    sent = tmp_path / "pc"
    sent.mkdir()
    fill(pc_form, sent / "pc.xlsx", {}, disguise)
    code, data = consolidate(cli, sent, master, registry_file)
    assert code == 1 and data["accepted"] == [] and len(data["rejected"]) == 1
    assert {"report-unit-mismatch", "report-task-not-led"} <= set(data["rejected"][0]["codes"])
    (report,) = data["reports"]
    assert report["units"]["received"] == [VP] and PC in report["units"]["missing"]
    status = sheet_rows(master, "Tình trạng nộp")
    assert not any("Bản mới bị trả lại" in str(r[7]) for r in status if r[0] == VP), "VP's report is not blamed"


def test_a_task_row_copied_inside_a_form_is_an_error(office, tmp_path, cli, registry_file):
    _, _, pc_form = office

    def copy_row(wb):
        ws = wb["Báo cáo"]
        for col in "ABCDEFGHIJKL":
            ws[f"{col}12"] = ws[f"{col}9"].value
        ws["G12"] = "Đã hoàn thành"

    fill(pc_form, tmp_path / "pc.xlsx", {}, copy_row)
    code, data = cli.json("check", tmp_path / "pc.xlsx", "--units", registry_file)
    found = [(f["code"], f["cell"]) for f in data["files"][0]["findings"]]
    assert ("progress-task-duplicate", "C12") in found and code == 1
    assert "dòng 9" in next(f["message"] for f in data["files"][0]["findings"] if f["code"] == "progress-task-duplicate")


# --------------------------------------------------------------------------- 3. periods
@pytest.mark.parametrize("key,value", [("year", "2099"), ("year", "1"), ("year", "99999"), ("report_period", "quy5"),
                                       ("period", "2099")])
def test_a_form_outside_the_plan_is_refused_as_a_report(office, tmp_path, cli, registry_file, key, value):
    master, _, pc_form = office
    before = sheet_rows(master, "Tình trạng nộp")

    def tamper(wb):
        for row in wb[PROPERTIES].iter_rows():
            if row[0].value == key:
                row[1].value = value

    sent = tmp_path / "pc"
    sent.mkdir()
    fill(pc_form, sent / "pc.xlsx", {}, tamper)
    result = cli("check", sent / "pc.xlsx", "--units", registry_file)
    assert result.exit_code in (1, 2) and "lỗi không mong đợi" not in result.output
    code, data = consolidate(cli, sent, master, registry_file)
    assert code == 1 and len(data["rejected"]) == 1 and data["accepted"] == []
    assert "lỗi không mong đợi" not in " ".join(data["rejected"][0]["reasons"])
    wb = openpyxl.load_workbook(master)
    assert [n for n in wb.sheetnames if n.startswith("Tiến độ")] == ["Tiến độ Quý I-2020"]
    after = sheet_rows(master, "Tình trạng nộp")
    appendix = lambda rows: [r[:2] for r in rows if r[0] == PC][0]   # noqa: E731  the unit's appendix line
    assert appendix(after) == appendix(before) == (PC, "Đã nộp"), "never recorded as the unit's appendix"


# --------------------------------------------------------------------------- 4. the report memory edited by hand
def edit_memory(master: Path, sheet: str, change) -> None:
    wb = openpyxl.load_workbook(master)
    change(wb[sheet])
    wb.save(master)


def duplicate_first(kind: str):
    def change(ws):
        row = next(r for r in ws.iter_rows(values_only=True) if r[0] == kind)
        ws.append(list(row))
    return change


def set_first(kind: str, col: int, value):
    def change(ws):
        r = next(i for i, row in enumerate(ws.iter_rows(values_only=True), start=1) if row[0] == kind)
        ws.cell(r, col).value = value
    return change


@pytest.mark.parametrize("sheet,change,needle", [
    (REPORTS_META, duplicate_first("report"), "kỳ báo cáo quy1/2020 ghi hai lần"),
    (REPORTS_META, set_first("unit", 15, "FALSE"), "cờ nộp muộn"),
    (REPORTS_META, duplicate_first("task"), "ghi hai lần trong kỳ quy1/2020"),
    (REPORTS_META, set_first("task", 5, "=\"Đã hoàn thành\""), "có công thức"),
    (REPORTS_META, set_first("report", 6, "Quý I]2020"), "tên kỳ"),
    (MASTER_META, duplicate_first("unit"), "ghi hai lần"),
    (MASTER_META, set_first("unit", 7, "ba"), "số nguyên"),
    (MASTER_META, set_first("period", 2, "năm nay"), "kỳ kế hoạch"),
])
def test_a_hand_broken_memory_stops_the_run_naming_the_cell(office, tmp_path, cli, registry_file, sheet, change, needle):
    master, vp_form, _ = office
    edit_memory(master, sheet, change)
    damaged = master.read_bytes()
    sent = tmp_path / "vp"
    sent.mkdir()
    fill(vp_form, sent / "vp.xlsx", {})
    result = cli("consolidate", sent, "-o", master, "--units", registry_file)
    assert result.exit_code == 2 and needle in result.output and "lỗi không mong đợi" not in result.output
    assert re.search(rf"trang ẩn {sheet}, ô [A-Z]+\d+", result.output), result.output
    assert master.read_bytes() == damaged, "the master is left as it was"


# --------------------------------------------------------------------------- 5. the office's sheets and columns
def test_the_offices_own_progress_sheet_is_never_taken_over(base, tmp_path, cfg, cli, registry_file):
    root, _, vp_form, _ = base
    (tmp_path / "nop").mkdir()
    for i in (1, 2):
        submit(tmp_path / "nop", cfg, i, tasks_for(i, 3))
    master = tmp_path / "tong-hop.xlsx"
    assert cli("consolidate", tmp_path / "nop", "-o", master, "--units", registry_file).exit_code == 0
    wb = openpyxl.load_workbook(master)
    wb.create_sheet("Tiến độ Quý I-2020")["A1"] = "Sổ theo dõi riêng của văn phòng"
    wb.save(master)
    for run in (1, 2):
        sent = tmp_path / f"vp{run}"
        sent.mkdir()
        fill(vp_form, sent / "vp.xlsx", {10: ("Đã hoàn thành", f"QĐ số {run}", dt.datetime(2020, 2, 1))})
        assert cli("consolidate", sent, "-o", master, "--units", registry_file).exit_code == 0
        wb = openpyxl.load_workbook(master)
        assert wb["Tiến độ Quý I-2020"]["A1"].value == "Sổ theo dõi riêng của văn phòng", run
        assert "Tiến độ Quý I-2020 (2)" in wb.sheetnames, run
    assert entry_on(master, "Tiến độ Quý I-2020 (2)", "Nhiệm vụ 2 của phòng 1") == ("Đã hoàn thành", "QĐ số 2")


def entry_on(master: Path, sheet: str, task: str) -> tuple:
    rows = sheet_rows(master, sheet)
    return next((r[6], r[7]) for r in rows if isinstance(r[0], int) and r[3] == task)


def test_a_column_the_office_typed_on_a_progress_sheet_is_carried_or_named(office, tmp_path, cli, registry_file):
    master, vp_form, pc_form = office
    wb = openpyxl.load_workbook(master)
    ws = wb["Tiến độ Quý I-2020"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "STT" and ws.cell(r, 13).value)
    ws.cell(header, 14).value = "Ghi chú VP"
    target = next(r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, 4).value == "Nhiệm vụ 2 của phòng 1")
    ws.cell(target, 14).value = "Đã kiểm tra hồ sơ"
    wb.save(master)
    sent = tmp_path / "pc"
    sent.mkdir()
    fill(pc_form, sent / "pc.xlsx", {})
    assert cli("consolidate", sent, "-o", master, "--units", registry_file).exit_code == 0
    rows = sheet_rows(master, "Tiến độ Quý I-2020")
    head = next(r for r in rows if r[0] == "STT" and len(r) > 13 and r[12] == "Mã nhiệm vụ")
    assert head[13] == "Ghi chú VP"
    assert next(r[13] for r in rows if isinstance(r[0], int) and r[3] == "Nhiệm vụ 2 của phòng 1") == "Đã kiểm tra hồ sơ"
    wb = openpyxl.load_workbook(master)
    wb["Tiến độ Quý I-2020"]["P3"] = "ghi tạm"
    wb.save(master)
    kept = master.read_bytes()
    fill(pc_form, sent / "pc.xlsx", {9: ("Đã hoàn thành", "KH 1", dt.datetime(2020, 2, 2))})
    result = cli("consolidate", sent, "-o", master, "--units", registry_file)
    assert result.exit_code == 2 and "ô P3" in result.output and master.read_bytes() == kept


# --------------------------------------------------------------------------- 9. an owed-task bomb
def bloat(form: Path, target: Path, n: int) -> Path:
    """The form with ``n`` made-up owed tasks in its hidden properties (a few MB)."""
    from cchc_xl.formats.package import sheet_parts

    with zipfile.ZipFile(form) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        part = sheet_parts(src)[PROPERTIES]
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                rows = "".join(f'<row r="{100 + i}"><c r="A{100 + i}" t="inlineStr"><is><t>task:{i:010x}</t></is></c>'
                               f'<c r="B{100 + i}" t="inlineStr"><is><t>Nhiệm vụ bịa {i}</t></is></c></row>'
                               for i in range(n))
                data = data.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
                data = re.sub(rb'<dimension ref="[^"]*"/>', b"", data)
            out.writestr(info, data)
    return target


def peak(*args: str) -> tuple[int, str, int]:
    """(exit code, output, peak memory in MB) of the real command in its own process."""
    code = ("import resource, subprocess, sys; p = subprocess.run([sys.executable, '-m', 'cchc_xl', *sys.argv[1:]], "
            "capture_output=True, text=True); print(p.returncode); print(repr(p.stdout + p.stderr)); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300).stdout
    lines = out.strip().split("\n")
    return int(lines[0]), eval(lines[1]), int(lines[-1]) // 1024   # noqa: S307  our own repr


def test_an_owed_task_bomb_is_refused_within_memory(office, tmp_path, registry_file):
    master, _, pc_form = office
    sent = tmp_path / "bom"
    sent.mkdir()
    bomb = bloat(pc_form, sent / "pc.xlsx", 200_000)
    assert bomb.stat().st_size < 6_000_000
    code, output, mb = peak("check", str(bomb), "--units", str(registry_file))
    assert code == 2 and "quá giới hạn 5000" in output and mb < 500, (code, output, mb)
    code, output, mb = peak("consolidate", str(sent), "-o", str(master), "--units", str(registry_file))
    assert code == 1 and "quá giới hạn 5000" in output and mb < 500, (code, output, mb)
    assert not (master.parent / "kiem-tra" / "pc.kiemtra.xlsx").exists() or \
        (master.parent / "kiem-tra" / "pc.kiemtra.xlsx").stat().st_size < 1_000_000


# --------------------------------------------------------------------------- 8. one text guard for every writer
def test_a_control_character_pasted_from_word_reaches_no_writer(office, tmp_path, cli, registry_file):
    from docx import Document

    master, _, _ = office
    wb = openpyxl.load_workbook(master)
    ws = wb["Tổng hợp"]
    cell = next(c for c in ws["D"] if c.value == "Nhiệm vụ 2 của phòng 1")
    cell.value = "Nhiệm vụ 2_x000B_của phòng 1"   # how Excel keeps a vertical tab pasted from Word
    wb.save(master)
    for suffix in (".docx", ".xlsx"):
        result = cli("report", master, "--report", "quy1", "-o", tmp_path / f"bc{suffix}", "--units", registry_file)
        assert result.exit_code == 0, result.output
    text = [c.text for row in Document(str(tmp_path / "bc.docx")).tables[0].rows for c in row.cells]
    assert "Nhiệm vụ 2của phòng 1" in text


# --------------------------------------------------------------------------- 6. no output replaces a master or an input
def test_no_output_replaces_the_master_or_an_input(office, tmp_path, cli, registry_file, blank_template):
    master, vp_form, _ = office
    kept = master.read_bytes()
    for args in (("report", master, "--report", "quy1", "-o", master),
                 ("template", "--report", "quy1", "--master", master, "--unit", VP, "-o", master),
                 ("template", "-o", master, "--period", "2020"),
                 ("check", vp_form, "--annotate", "-o", master),
                 ("import", plan_docx(tmp_path / "ke-hoach.docx"), "-o", master)):
        result = cli(*args, "--units", registry_file)
        assert result.exit_code == 2 and "không ghi đè" in result.output, (args, result.output)
        assert master.read_bytes() == kept, args
    copy = tmp_path / "bc.xlsx"
    shutil.copy(vp_form, copy)
    result = cli("template", "--report", "quy1", "--master", copy, "--unit", VP, "-o", copy, "--units", registry_file)
    assert result.exit_code == 2 and "trùng tệp đầu vào" in result.output


# --------------------------------------------------------------------------- 7. every unit gets its own form
NAMES = ["Phòng Quản lý tài chính công thuộc Sở Thử Nghiệm phụ trách khu vực phía bắc", "Phòng Kê hoạch",
         "Phòng Kế hoạch", "办公室", "总务处", "Phòng Quản lý tài chính công thuộc Sở Thử Nghiệm phụ trách khu vực phía nam",
         "Văn phòng Sở", "Thanh tra Sở", "Phòng Pháp chế", "Trung tâm Công nghệ thông tin", "PHÒNG KÊ HOẠCH (2)"]


def test_all_units_write_one_form_each_whatever_their_names(tmp_path, cli):
    registry = tmp_path / "units.yaml"
    registry.write_text("department: Sở Thử Nghiệm\nunits:\n" + "".join(f"  - name: \"{n}\"\n" for n in NAMES),
                        encoding="utf-8")
    folder = tmp_path / "nop"
    folder.mkdir()
    from cchc_xl.formats.config_files import load_config
    cfg = load_config(None, registry)
    rows = [{"stt": i, "task": f"Nhiệm vụ của {n}", "lead_unit": n, "deadline": "Quý II/2020"}
            for i, n in enumerate(NAMES, start=1)]
    submit_as = folder / "tat-ca.xlsx"
    from cchc_xl.formats.xlsx.template import write_template
    from tests.support.workbooks import fill_template
    write_template(tmp_path / "mau.xlsx", cfg, __import__("cchc_xl.core.periods").core.periods.Period(2020, 2020),
                   NAMES[6])
    fill_template(tmp_path / "mau.xlsx", submit_as, rows)
    master = tmp_path / "tong-hop.xlsx"
    result = cli("consolidate", folder, "-o", master, "--units", registry, "--accept-warnings")
    assert result.exit_code == 0, result.output
    forms = tmp_path / "mau-bc"
    result = cli("template", "--report", "quy1", "--master", master, "--all-units", "-d", forms, "--units", registry)
    assert result.exit_code == 0, result.output
    files = sorted(forms.iterdir())
    assert len(files) == len(NAMES) == result.output.count("Đã tạo mẫu báo cáo"), [f.name for f in files]
    units = {openpyxl.load_workbook(f)["Báo cáo"]["C3"].value for f in files}
    assert units == set(NAMES)


def test_a_registry_naming_one_unit_twice_is_refused(tmp_path, cli, blank_template):
    registry = tmp_path / "units.yaml"
    registry.write_text("units:\n  - Phòng Kế hoạch\n  - \"PHÒNG  KẾ HOẠCH\"\n", encoding="utf-8")
    result = cli("check", blank_template, "--units", registry)
    assert result.exit_code == 2 and str(registry) in result.output and "cùng một tên" in result.output
