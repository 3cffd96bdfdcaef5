"""Benchmarks against the floor and a peer, in one run: `python benchmarks/run.py [--quick] [--only 3,3b,4]`.

Generates synthetic submissions with the standard template (realistic Vietnamese text,
5 % of rows defective, concentrated in one submission in ten), then measures, as medians
of repeated runs:

1. cold `cchc-xl check` of a 200-row workbook vs the floor (import pandera + openpyxl,
   load the workbook);
2. `cchc-xl --help` and `cchc-xl template` (and that they import neither pandas nor pandera);
3. a warm, in-process check (the ribbon with xlwings' UDF server) vs a warm openpyxl load;
4. `cchc-xl check DIR` on 1,000 submissions x 100 rows vs frictionless on the same files
   with an equivalent Table Schema;
5. `cchc-xl consolidate` of those submissions: time and peak memory;
6. one 100,000-row workbook: time and peak memory;
7. the scaling curve 1k / 10k / 100k rows (time per row);
9. a small appendix with one space-only cell (and a formatted one) on row 1,048,576;
10. consolidating the progress reports of those units (one report form each, its 100 tasks
    filled in) into the master of step 5: time and peak memory;
11. `cchc-xl import` of a Word plan whose appendix has 500 tasks in 10 areas;
and checks that the fast reader (calamine) gives exactly the findings of the plain one
(openpyxl). Prints every measure with its target and PASS/FAIL and writes results.md.
Needs `pip install '.[bench]'` (frictionless). Linux: peak memory is read from /proc.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
sys.path.insert(0, str(ROOT))

EXE = shutil.which("cchc-xl") or str(Path(sys.executable).with_name("cchc-xl"))
PY = sys.executable
UNITS = [f"Phòng Nghiệp vụ {i}" for i in range(1, 1001)]
TASKS = ["Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết", "Xây dựng và triển khai Kế hoạch "
         "cải cách hành chính", "Tuyên truyền, phổ biến giáo dục pháp luật cho cán bộ, công chức",
         "Kiểm tra công tác cải cách hành chính tại các đơn vị trực thuộc", "Duy trì, cải tiến hệ thống quản lý "
         "chất lượng TCVN ISO 9001:2015", "Cập nhật cơ sở dữ liệu quốc gia về thủ tục hành chính",
         "Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính", "Tiếp nhận và xử lý phản ánh, kiến nghị của "
         "người dân, doanh nghiệp", "Triển khai dịch vụ công trực tuyến mức độ 3, 4",
         "Tự đánh giá, chấm điểm chỉ số cải cách hành chính năm trước"]
AREAS = ["Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy hành chính nhà nước",
         "Cải cách chế độ công vụ", "Cải cách tài chính công", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
         "Công tác chỉ đạo, điều hành cải cách hành chính"]
DEADLINES = ["Quý I/2020", "Quý II/2020", "Quý III/2020", "Quý IV/2020", "Tháng 06/2020", "Năm 2020",
             "Trước ngày 20/12/2020", "6 tháng đầu năm 2020"]
DEFECTS = [("lead_unit", None), ("lead_unit", "Giao các phòng chủ trì tham mưu thực hiện"), ("deadline", "Tháng 01/19"),
           ("deadline", "Thực hiện khi Bộ ban hành hướng dẫn"), ("budget", "194.000.000 đồng (theo dự toán)"),
           ("deadline", "Thường xuyên")]


# --------------------------------------------------------------------------- data
def submission_rows(n: int, rng: random.Random, lead: str, defect_rate: float = 0.05) -> list[dict]:
    rows = []
    for i in range(1, n + 1):
        row = {"stt": i, "area": rng.choice(AREAS), "task": f"{rng.choice(TASKS)} (đợt {i})", "product": "Báo cáo",
               "lead_unit": lead, "coord_units": "Các phòng, đơn vị thuộc Sở", "deadline": rng.choice(DEADLINES),
               "budget": rng.randint(1, 200) * 500_000, "budget_source": "Ngân sách nhà nước"}
        if rng.random() < defect_rate:
            key, value = rng.choice(DEFECTS)
            row[key] = value
        rows.append(row)
    return rows


def registry(path: Path) -> Path:
    lines = ["department: Sở Thử Nghiệm", "units:"] + [f"  - name: {u}" for u in UNITS]
    lines += ["collectives:", "  - Các phòng, đơn vị thuộc Sở", "external:", "  - Sở Tư pháp"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def generate(files: int, rows: int) -> dict[str, Path]:
    """Submissions from the template: a few filled with openpyxl, the rest copies with another unit."""
    from cchc_xl.core.periods import Period
    from cchc_xl.formats.config_files import load_config
    from cchc_xl.formats.xlsx.template import write_template
    from tests.support.workbooks import fill_template

    DATA.mkdir(exist_ok=True)
    units = registry(DATA / "units.yaml")
    config = load_config(None, units)
    template = DATA / "template.xlsx"
    write_template(template, config, Period(2020, 2020), "UNIT_PLACEHOLDER_00")
    # 5 % of all rows carry a defect, concentrated as in practice: one submission in ten has half its
    # rows wrong (and is sent back), the others are clean (and merged). 5 % in every file would reject
    # every file and leave nothing to consolidate.
    rng = random.Random(2020)
    bases = []
    for k in range(min(20, files)):
        path = DATA / f"base-{k}.xlsx"
        fill_template(template, path, submission_rows(rows, rng, f"UNIT_PLACEHOLDER_{k:02d}",
                                                      0.5 if k % 10 == 0 else 0.0))
        bases.append(path)
    folder = DATA / f"nop-{files}x{rows}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for i in range(files):
        base = bases[i % len(bases)]
        unit = UNITS[i]
        with zipfile.ZipFile(base) as src, zipfile.ZipFile(folder / f"nop-{i + 1:04d}.xlsx", "w",
                                                          zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                data = src.read(info)
                if info.filename.startswith("xl/worksheets/"):
                    data = re.sub(rb"UNIT_PLACEHOLDER_\d\d", unit.encode(), data)
                out.writestr(info, data)
    one = DATA / "one-200.xlsx"
    fill_template(template, one, submission_rows(200, random.Random(7), UNITS[0]))
    big = {}
    for n in (1_000, 10_000, 100_000):
        big[n] = DATA / f"rows-{n}.xlsx"
        if not big[n].exists():
            big_workbook(big[n], n)
    return {"units": units, "folder": folder, "one": one, **{f"rows-{n}": p for n, p in big.items()}}


def big_workbook(path: Path, n: int) -> None:
    import openpyxl

    rng = random.Random(n)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Phụ lục")
    ws.append(["PHỤ LỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2020"])
    ws.append([])
    ws.append(["STT", "Lĩnh vực", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành",
               "Kinh phí (đồng)", "Nguồn kinh phí", "Ghi chú"])
    for row in submission_rows(n, rng, "Văn phòng Sở"):
        ws.append([row["stt"], row["area"], row["task"], row["product"], row["lead_unit"], row["coord_units"],
                   row["deadline"], row["budget"], row["budget_source"], None])
    wb.save(path)


# --------------------------------------------------------------------------- measuring
def report_forms(master: Path, folder: Path, units: str) -> Path:
    """Each unit's quarter-I report form made from the master, every task given a status (some done)."""
    from cchc_xl.consolidation.reports import tasks_by_unit
    from cchc_xl.core.reporting import STATUSES, report_period
    from cchc_xl.core.text import fold
    from cchc_xl.formats.config_files import load_config
    from cchc_xl.formats.master.read import read_master
    from cchc_xl.formats.xlsx.report_form import build_report_form

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    config = load_config(None, units)
    state = read_master(master)
    by_unit = tasks_by_unit(state.rows, config.registry)
    rng = random.Random(13)
    for i, unit in enumerate(UNITS):
        led, coordinated = by_unit.get(fold(unit), ([], []))
        if not led:
            continue
        wb = build_report_form(led, coordinated, unit, report_period("quy1"), 2020, state.period, master.name)
        ws = wb["Báo cáo"]
        for r in range(9, 9 + len(led)):
            status = rng.choice(STATUSES[:3])
            ws.cell(r, 7).value = status
            if status == STATUSES[0]:
                ws.cell(r, 8).value, ws.cell(r, 9).value = "Báo cáo số 1", dt.datetime(2020, 3, 15)
            elif status == STATUSES[2]:
                ws.cell(r, 10).value = "Chờ hướng dẫn của Bộ"
        wb.save(folder / f"bao-cao-{i:04d}.xlsx")
    return folder


def word_plan(path: Path, n: int) -> Path:
    """A Word plan: title, then an appendix of ``n`` tasks in 10 areas (headings merged across the table)."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020")
    table = doc.add_table(rows=1, cols=6)
    for cell, title in zip(table.rows[0].cells, ["STT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì",
                                                  "Cơ quan phối hợp", "Thời gian hoàn thành"]):
        cell.text = title
    rng = random.Random(11)
    for a in range(10):
        row = table.add_row()
        row.cells[0].merge(row.cells[-1]).text = f"{'I II III IV V VI VII VIII IX X'.split()[a]} {AREAS[a % len(AREAS)]}"
        for k in range(1, n // 10 + 1):
            values = [str(k), rng.choice(TASKS), "Báo cáo", "Văn phòng Sở", "Các phòng, đơn vị thuộc Sở",
                      rng.choice(DEADLINES)]
            for cell, value in zip(table.add_row().cells, values):
                cell.text = value
    doc.save(str(path))
    return path


def stray_workbook(path: Path) -> None:
    """30 tasks, then a space typed on the sheet's last row and a cell formatted there (issue #12)."""
    import openpyxl
    from openpyxl.styles import PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws.append(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"])
    ws.append(["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Kinh phí"])
    for i in range(1, 31):
        ws.append([i, TASKS[i % len(TASKS)], "Văn phòng Sở", DEADLINES[i % len(DEADLINES)], 1_000_000 * i])
    ws.cell(1_048_576, 2).value = "  "
    ws.cell(1_048_576, 4).fill = PatternFill("solid", fgColor="FFFF00")
    wb.save(path)


def run(cmd: list[str], env: dict | None = None) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall time and peak resident memory (the whole process tree, sampled) of ``cmd``."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:  # a full pipe would block the child
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env={**os.environ, **(env or {})})
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return elapsed, peak, subprocess.CompletedProcess(cmd, proc.returncode, out.read(), err.read())


def _tree_rss(pid: int) -> int:
    """Resident kB of ``pid`` and its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").exists() else []:
        if entry.name.isdigit():
            try:
                ppid = int(re.search(r"PPid:\s+(\d+)", (entry / "status").read_text()).group(1))
            except (OSError, AttributeError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    while todo:
        p = todo.pop()
        try:
            total += int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{p}/status").read_text()).group(1))
        except (OSError, AttributeError):
            pass
        todo.extend(children.get(p, []))
    return total


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def timed(cmd: list[str], reps: int, env: dict | None = None, expect: tuple[int, ...] = (0, 1)) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(reps):
        elapsed, peak, proc = run(cmd, env)
        if proc.returncode not in expect:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode()[-2000:]}")
        times.append(elapsed)
        peaks.append(peak)
    return median(times), max(peaks)


def warm(fn, reps: int) -> float:
    fn()
    samples = []
    for _ in range(max(reps, 5)):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return median(samples)


FRICTIONLESS = """
import sys, time
from pathlib import Path
from frictionless import Dialect, Resource, Schema, formats
schema = Schema.from_descriptor({"fields": [
  {"name": "STT", "type": "any"}, {"name": "Lĩnh vực", "type": "string"},
  {"name": "Nhiệm vụ", "type": "string", "constraints": {"required": True}}, {"name": "Sản phẩm", "type": "string"},
  {"name": "Đơn vị chủ trì", "type": "string", "constraints": {"required": True}},
  {"name": "Đơn vị phối hợp", "type": "string"},
  {"name": "Thời gian hoàn thành", "type": "string",
   "constraints": {"required": True, "pattern": "(Quý|Tháng|Năm|Trước ngày|6 tháng).*"}},
  {"name": "Kinh phí (đồng)", "type": "number"}, {"name": "Nguồn kinh phí", "type": "string"},
  {"name": "Ghi chú", "type": "string"}]})
dialect = Dialect(header_rows=[8], controls=[formats.ExcelControl(sheet="Phụ lục")])
folder = Path(sys.argv[1])
errors = 0
for path in sorted(folder.glob("*.xlsx")):
    report = Resource(path.name, basepath=str(folder), schema=schema, dialect=dialect).validate()
    errors += len(report.tasks[0].errors)
print(errors)
"""


def findings_equal(paths: list[Path]) -> bool:
    """The fast reader (calamine) and the plain one (openpyxl) give identical findings."""
    out = {}
    for reader in ("calamine", "openpyxl"):
        proc = subprocess.run([EXE, "check", *map(str, paths), "--format", "json", "--units", str(DATA / "units.yaml")],
                              capture_output=True, text=True, env={**os.environ, "CCHC_XL_READER": reader})
        out[reader] = json.loads(proc.stdout)["files"]
    return out["calamine"] == out["openpyxl"]


# --------------------------------------------------------------------------- the run
def _validate_only(path: Path, config) -> int:
    """The schema's share of a check: the frame, pandera's validation and the explanations."""
    from cchc_xl.check.rules import Context
    from cchc_xl.check.schema import validate
    from cchc_xl.core.periods import Period
    from cchc_xl.formats.xlsx.reader import read_book
    from cchc_xl.table.layout import locate_table

    table = _TABLES.get(path)
    if table is None:
        table = _TABLES[path] = locate_table(read_book(path).grids, config.areas)
    return len(validate(table, Context(table, Period(2020, 2020), config)))


_TABLES: dict = {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer files and repetitions (not for results.md)")
    parser.add_argument("--only", metavar="ITEMS", default="",
                        help="measure only these items, e.g. 3,3b,4 (prints them; results.md is not written)")
    args = parser.parse_args()
    only = {item.strip() for item in args.only.split(",") if item.strip()}

    def want(*items: str) -> bool:
        """Whether to run a step: every step without --only, else the steps it names (or that others need)."""
        return not only or bool(only & set(items))

    files, reps = (200, 3) if args.quick else (1000, 5)
    print(f"Tạo dữ liệu: {files} bài nộp x 100 dòng, 1 tệp 200 dòng, 1k/10k/100k dòng ...", flush=True)
    data = generate(files, 100)
    units = str(data["units"])
    one = str(data["one"])
    rows: list[tuple[str, str, str, bool]] = []

    def record(name: str, value: str, target: str, ok: bool) -> None:
        rows.append((name, value, target, ok))
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value} (mục tiêu {target})", flush=True)

    # 1. cold check vs the floor
    if want("1"):
        floor, _ = timed([PY, "-c", f"import pandera.pandas, openpyxl; openpyxl.load_workbook({one!r})"], reps)
        cold, _ = timed([EXE, "check", one, "--units", units], reps)
        record("1. check nguội 200 dòng / nền", f"{cold:.2f} s / {floor:.2f} s = {cold / floor:.2f}", "≤ 1.3",
               cold / floor <= 1.3)

    # 2. --help, template, and no pandas for them
    if want("2", "2a", "2b", "2c"):
        helptime, _ = timed([EXE, "--help"], reps)
        record("2a. cchc-xl --help", f"{helptime:.3f} s", "≤ 0.35 s", helptime <= 0.35)
        tpl = str(DATA / "tpl-bench.xlsx")
        tpltime, _ = timed([EXE, "template", "-o", tpl, "--period", "2020"], reps)
        record("2b. cchc-xl template", f"{tpltime:.3f} s", "≤ 0.35 s", tpltime <= 0.35)
        probe = ("import sys; from cchc_xl.app.cli import main\n"
                 "for args in (['--help'], ['template', '-o', sys.argv[1], '--period', '2020']):\n"
                 "    try: main(args)\n    except SystemExit: pass\n"
                 "print('pandas' in sys.modules or 'pandera' in sys.modules)")
        heavy = subprocess.run([PY, "-c", probe, tpl], capture_output=True, text=True).stdout.strip().splitlines()[-1]
        record("2c. --help/template không nạp pandas, pandera", "có nạp" if heavy == "True" else "không nạp",
               "không nạp", heavy == "False")

    # 3. warm in-process check vs warm openpyxl load (3b is a share of 3: it needs 3)
    if want("3", "3b"):
        import openpyxl

        from cchc_xl.formats.config_files import load_config
        from cchc_xl.usecases.check import check_file

        config = load_config(None, units)
        warm_check = warm(lambda: check_file(one, config), reps)
        warm_load = warm(lambda: openpyxl.load_workbook(one), reps)
        record("3. check ấm 200 dòng (ribbon)", f"{warm_check * 1000:.0f} ms; {warm_check / warm_load:.2f}× openpyxl "
               f"({warm_load * 1000:.0f} ms)", "≤ 100 ms, ≤ 3×", warm_check <= 0.1 and warm_check <= 3 * warm_load)
        schema_share = warm(lambda: _validate_only(one, config), reps)
        record("3b. lược đồ pandera trong check ấm (khung + kiểm tra + giải thích)",
               f"{schema_share * 1000:.0f} ms = {schema_share / warm_check:.0%} của check ấm", "≤ 75 % của check ấm",
               schema_share <= 0.75 * warm_check)

    # 4. a folder of submissions vs frictionless
    folder = str(data["folder"])
    if want("4"):
        ours, _ = timed([EXE, "check", folder, "--units", units, "--format", "json"], max(3, reps // 2))
        peer, _ = timed([PY, "-c", FRICTIONLESS, folder], max(3, reps // 2))
        record(f"4. check {files} tệp x 100 dòng", f"{ours:.1f} s; frictionless {peer:.1f} s = {ours / peer:.2f}×",
               "≤ 15 s, ≤ 0.5×", ours <= 15 and ours <= 0.5 * peer)

    # 5. consolidation (10 consolidates into its master: it needs 5)
    master = DATA / "tong-hop.xlsx"
    if want("5", "10"):
        for stale in (master, DATA / "tong-hop.bak.xlsx"):
            stale.unlink(missing_ok=True)
        shutil.rmtree(DATA / "kiem-tra", ignore_errors=True)
        cons, peak = timed([EXE, "consolidate", folder, "-o", str(master), "--units", units, "--period", "2020"], 1)
        record(f"5. consolidate {files} bài nộp", f"{cons:.1f} s, {peak / 1024:.0f} MB", "≤ 30 s, ≤ 1024 MB",
               cons <= 30 and peak <= 1024 * 1024)

    # 6 and 7. big workbooks and the scaling curve
    if want("6", "7"):
        per_row = {}
        for n in (1_000, 10_000, 100_000):
            seconds, peak = timed([EXE, "check", str(data[f"rows-{n}"]), "--format", "json"],
                                  1 if n == 100_000 else 3)
            per_row[n] = seconds / n
            if n == 100_000:
                record("6. workbook 100.000 dòng", f"{seconds:.1f} s, {peak / 1024:.0f} MB", "≤ 20 s, ≤ 1024 MB",
                       seconds <= 20 and peak <= 1024 * 1024)
        # process start-up is a fixed cost: compare the marginal cost per row between sizes
        marginal_small = (per_row[10_000] * 10_000 - per_row[1_000] * 1_000) / 9_000
        marginal_big = (per_row[100_000] * 100_000 - per_row[10_000] * 10_000) / 90_000
        record("7. tỷ lệ: thời gian mỗi dòng 1k→10k / 10k→100k",
               " / ".join(f"{per_row[n] * 1e6:.0f} µs" for n in per_row)
               + f"; biên {marginal_small * 1e6:.0f} → {marginal_big * 1e6:.0f} µs/dòng",
               "tuyến tính (biên tăng ≤ 1.5×)", marginal_big <= 1.5 * marginal_small)

    # the fast path equals the plain path
    if want("8"):
        sample = sorted(Path(folder).glob("*.xlsx"))[:40] + [Path(one)]
        same = findings_equal(sample)
        record("8. calamine = openpyxl (41 tệp)", "giống hệt" if same else "KHÁC", "giống hệt", same)

    # 10. progress reports of every unit into the master of step 5
    if want("10"):
        forms = report_forms(master, DATA / "bao-cao", units)
        seconds, peak = timed([EXE, "consolidate", str(forms), "-o", str(master), "--units", units], 1)
        record(f"10. consolidate {files} báo cáo tiến độ x 100 nhiệm vụ", f"{seconds:.1f} s, {peak / 1024:.0f} MB",
               "≤ 30 s, ≤ 1024 MB", seconds <= 30 and peak <= 1024 * 1024)

    # 11. a Word plan of 500 tasks
    if want("11"):
        plan = word_plan(DATA / "ke-hoach-500.docx", 500)
        seconds, _ = timed([EXE, "import", str(plan), "-o", str(DATA / "ke-hoach-500.xlsx")], reps)
        record("11. import Word 500 nhiệm vụ", f"{seconds:.2f} s", "≤ 3 s", seconds <= 3)

    # 9. a stray cell at the bottom of the sheet
    if want("9"):
        stray = DATA / "stray-last-row.xlsx"
        stray_workbook(stray)
        seconds, peak = timed([EXE, "check", str(stray), "--format", "json"], reps)
        record("9. ô lạc ở dòng 1.048.576 (30 dòng)", f"{seconds:.2f} s, {peak / 1024:.0f} MB", "≤ 2 s, ≤ 300 MB",
               seconds <= 2 and peak <= 300 * 1024)

    if not only:  # a partial run is for measuring a change, not the record
        write_results(rows, files, args.quick)
    return 0 if all(ok for *_, ok in rows) else 1


def machine() -> str:
    mem = ""
    if Path("/proc/meminfo").exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.0f} GiB RAM"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} lõi, {mem}, Python {platform.python_version()}, {platform.system()} {platform.machine()}"


def write_results(rows, files: int, quick: bool) -> None:
    import importlib.metadata as md

    versions = ", ".join(f"{p} {md.version(p)}" for p in ("pandas", "pandera", "openpyxl", "python-calamine",
                                                         "frictionless"))
    lines = [f"# Kết quả benchmark ({'--quick, không dùng làm kết quả' if quick else 'đầy đủ'})", "",
             f"Ngày chạy: {dt.datetime.now():%Y-%m-%d %H:%M}. Máy: {machine()}.", f"Gói: {versions}.", "",
             "Trung vị của nhiều lần chạy (số lần ghi trong benchmarks/run.py); bộ nhớ là RSS đỉnh của cả cây tiến "
             "trình. Chạy lại: `python benchmarks/run.py`.", "",
             "| phép đo | kết quả | mục tiêu | |", "|---|---|---|---|"]
    lines += [f"| {name} | {value} | {target} | {'PASS' if ok else 'FAIL'} |" for name, value, target, ok in rows]
    out = HERE / ("results-quick.md" if quick else "results.md")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"Đã ghi {out}")


if __name__ == "__main__":
    sys.exit(main())
