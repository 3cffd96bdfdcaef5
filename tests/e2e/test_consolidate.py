"""`cchc-xl consolidate`: 20 unit submissions into one master, then again, then a resubmission."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from cchc_xl.core.periods import Period
from cchc_xl.table.sheets import BY_AREA, BY_LEAD, BY_QUARTER, CROSS, STATUS, SUMMARY
from tests.conftest import convert
from tests.support.submissions import (
    UNITS,
    sheet_rows,
    submit,
    summary_dicts,
    tasks_for,
)
from tests.support.workbooks import digest, digests


@pytest.fixture(scope="module")
def inbox(tmp_path_factory, cfg) -> Path:
    """20 files: units 1..19 (units 20, 21 never send); unit 7 sends twice; units 3, 8, 12 have errors."""
    folder = tmp_path_factory.mktemp("nop")
    for i in range(1, 20):
        rows = tasks_for(i)
        if i == 3:
            rows[1]["lead_unit"] = None                                    # lead-unit-missing
        if i == 8:
            rows[0]["budget"] = "Khoảng 5 triệu, chưa chốt"                 # budget-not-numeric
        if i == 12:
            rows[2]["deadline"] = "Tháng 01/19"                            # deadline-out-of-period
        if i == 4:
            rows[0]["task"] = "Nhiệm vụ 1 của phòng 2"                     # the same task as unit 2 sent
        if i == 6:
            rows[1]["lead_unit"] = UNITS[9]                                # led by another unit
        if i == 5:
            rows[2]["budget"] = 20_000_000                                 # over unit 5's ceiling
        path = submit(folder, cfg, i, rows)
        if i == 9:  # a text cell (typed with a leading apostrophe) that looks like a formula
            wb = openpyxl.load_workbook(path)
            cell = wb["Phụ lục"]["C9"]
            cell.value, cell.data_type = "=HYPERLINK(\"http://x\",\"bấm\")", "s"
            wb.save(path)
    submit(folder, cfg, 7, tasks_for(7, 2), name="phong-7-cu.xlsx", date=dt.date(2020, 1, 2))
    (folder / "~$phong-1.xlsx").write_bytes(b"lock file")
    return folder


@pytest.fixture(scope="module")
def inbox_before(inbox) -> dict[str, str]:
    """The inputs' bytes before any consolidation ran."""
    return digests(inbox)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory, inbox, inbox_before, registry_file, cli):
    out = tmp_path_factory.mktemp("out") / "tong-hop.xlsx"
    code, data = cli.json("consolidate", inbox, "-o", out, "--units", registry_file)
    return out, code, data


def test_outcomes(first_run):
    _, code, data = first_run
    assert code == 1  # some submissions were sent back
    assert {x["unit"] for x in data["rejected"]} == {UNITS[2], UNITS[7], UNITS[11]}
    assert all(x["errors"] >= 1 and Path(x["annotated"]).exists() for x in data["rejected"])
    assert all(Path(x["annotated"]).parent.name == "kiem-tra" for x in data["rejected"])
    assert len(data["accepted"]) == 16
    assert [Path(x["path"]).name for x in data["superseded"]] == ["phong-7-cu.xlsx"]
    assert data["missing"] == [UNITS[19], UNITS[20]]
    assert data["period"] == "2020" and data["summary"]["rows"] == 16 * 3


def test_summary_sheet_rows_and_provenance(first_run, inbox):
    out, _, _ = first_run
    rows = summary_dicts(out)
    assert len(rows) == 48 and [r["STT"] for r in rows] == list(range(1, 49))
    units = {r["Đơn vị gửi"] for r in rows}
    assert units == {UNITS[i - 1] for i in range(1, 20)} - {UNITS[2], UNITS[7], UNITS[11]}
    unit7 = [r for r in rows if r["Đơn vị gửi"] == UNITS[6]]
    assert len(unit7) == 3 and {Path(r["Tệp nguồn"]).name for r in unit7} == {"phong-7.xlsx"}
    first = rows[0]
    source = inbox / "phong-1.xlsx"
    assert first["Mã tệp"] == digest(source)[:12]
    assert first["Dòng nguồn"] == 9 and first["Kinh phí (đồng)"] == 1_000_000
    assert first["Hạn (ngày)"] == dt.datetime(2020, 9, 30)
    assert isinstance(first["Thời điểm tổng hợp"], dt.datetime), "a time a sheet can sort and filter (issue #15)"


def test_summary_is_an_excel_table_with_formats(first_run):
    out, _, _ = first_run
    ws = openpyxl.load_workbook(out)[SUMMARY]
    (table,) = ws.tables.values()
    assert table.displayName == "TongHop" and table.ref == "A1:Q49"
    assert ws["J2"].number_format == "#,##0" and ws["I2"].number_format == "dd/mm/yyyy"


def test_formula_text_stays_text(first_run):
    out, _, _ = first_run
    ws = openpyxl.load_workbook(out)[SUMMARY]
    cell = next(c for c in ws["D"] if isinstance(c.value, str) and c.value.startswith("=HYPERLINK"))
    assert cell.data_type == "s"
    with zipfile.ZipFile(out) as zf:
        sheet_xml = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in sheet_xml


def test_status_sheet(first_run):
    out, _, _ = first_run
    rows = sheet_rows(out, STATUS, min_row=5)
    assert len(rows) == 21
    status = {r[0]: r[1] for r in rows}
    assert status[UNITS[0]] == "Đã nộp" and status[UNITS[2]] == "Bị trả lại" and status[UNITS[20]] == "Chưa nộp"
    assert list(status.values()).count("Đã nộp") == 16
    rejected = next(r for r in rows if r[0] == UNITS[2])
    assert rejected[4] == 1 and "kiem-tra" in rejected[7]


def test_crosstabs_and_totals(first_run):
    out, _, _ = first_run
    rows = summary_dicts(out)
    budget = sum(r["Kinh phí (đồng)"] for r in rows)
    for name in (BY_AREA, BY_LEAD, BY_QUARTER):
        data = sheet_rows(out, name)
        total = data[-1]
        assert total[0] == "Tổng cộng" and total[1] == 48 and total[2] == budget
        assert sum(r[1] for r in data[1:-1]) == 48
    area = {r[0]: r[1] for r in sheet_rows(out, BY_AREA)[1:-1]}
    expected = {}
    for r in rows:
        expected[r["Lĩnh vực"]] = expected.get(r["Lĩnh vực"], 0) + 1
    assert area == expected
    quarters = {r[0]: r[1] for r in sheet_rows(out, BY_QUARTER)[1:-1]}
    assert list(quarters)[:4] == ["Quý I/2020", "Quý II/2020", "Quý III/2020", "Quý IV/2020"]
    assert sum(quarters[q] for q in list(quarters)[:4]) == 48


def test_cross_checks(first_run):
    out, _, data = first_run
    codes = {c["code"] for c in data["cross_checks"]}
    assert {"task-shared", "lead-not-sender", "budget-over-ceiling", "superseded"} <= codes
    shared = next(c for c in data["cross_checks"] if c["code"] == "task-shared")
    assert {shared["unit"], shared["other_unit"]} == {UNITS[1], UNITS[3]} and shared["row"] and shared["other_row"]
    lead = next(c for c in data["cross_checks"] if c["code"] == "lead-not-sender")
    assert lead["unit"] == UNITS[5] and lead["other_unit"] == UNITS[9]
    sheet = sheet_rows(out, CROSS)
    assert len(sheet) - 1 == len(data["cross_checks"])


def test_charts_present(first_run):
    out, _, _ = first_run
    with zipfile.ZipFile(out) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 3


def test_second_run_is_idempotent_and_writes_nothing(first_run, inbox, registry_file, cli, tmp_path):
    out, _, _ = first_run
    before = out.read_bytes()
    code, data = cli.json("consolidate", inbox, "-o", out, "--units", registry_file)
    assert code == 1 and len(data["unchanged"]) == 16 and not data["accepted"]
    assert data["written"] is False and data["backup"] is None
    assert out.read_bytes() == before, "an unchanged run rewrites nothing"
    assert not out.with_name("tong-hop.bak.xlsx").exists(), "and rotates no backup away"


def test_resubmission_replaces_not_duplicates(first_run, inbox, registry_file, cli, cfg, tmp_path):
    out, _, _ = first_run
    before = summary_dicts(out)
    resend = tmp_path / "lan-2"
    resend.mkdir()
    submit(resend, cfg, 2, tasks_for(2, 5), name="phong-2-sua.xlsx", date=dt.date(2020, 2, 1))
    code, data = cli.json("consolidate", resend, "-o", out, "--units", registry_file)
    assert code == 0 and [x["unit"] for x in data["accepted"]] == [UNITS[1]]
    after = summary_dicts(out)
    assert len(after) == len(before) - 3 + 5
    mine = [r for r in after if r["Đơn vị gửi"] == UNITS[1]]
    assert len(mine) == 5 and {Path(r["Tệp nguồn"]).name for r in mine} == {"phong-2-sua.xlsx"}
    strip = lambda rows: [{k: v for k, v in r.items() if k != "STT"} for r in rows if r["Đơn vị gửi"] != UNITS[1]]
    assert strip(after) == strip(before), "other units' rows are untouched"
    assert summary_dicts(out.with_name("tong-hop.bak.xlsx")) == before


def test_other_period_old_template_and_unknown_sender(tmp_path, cfg, registry_file, cli):
    folder = tmp_path / "nop"
    folder.mkdir()
    submit(folder, cfg, 1, tasks_for(1), period=Period(2020, 2020))
    submit(folder, cfg, 2, [{**t, "deadline": "Quý I/2021"} for t in tasks_for(2)], period=Period(2021, 2021))
    submit(folder, cfg, 3, tasks_for(3), version="0.9")
    stray = submit(folder, cfg, 4, tasks_for(4), name="khong-ro.xlsx")
    wb = openpyxl.load_workbook(stray)
    wb["Phụ lục"]["C3"] = None
    wb["_cchc"]["B3"] = None
    wb.save(stray)
    out = tmp_path / "th.xlsx"
    code, data = cli.json("consolidate", folder, "-o", out, "--units", registry_file, "--period", "2020")
    assert code == 1
    reasons = {x["unit"]: x["reasons"] for x in data["rejected"]}
    assert "khác kỳ tổng hợp 2020" in reasons[UNITS[1]][0]
    assert "không xác định được đơn vị gửi" in reasons[None][0]
    old = next(x for x in data["accepted"] if x["unit"] == UNITS[2])
    assert "mẫu phiên bản 0.9" in old["reasons"][0]
    assert any(c["code"] == "template-old" for c in data["cross_checks"])
    strict = tmp_path / "strict.yaml"
    strict.write_text("consolidation:\n  old-template: reject\n", encoding="utf-8")
    code, data = cli.json("consolidate", folder, "-o", tmp_path / "th2.xlsx", "--units", registry_file,
                     "--period", "2020", "--config", strict)
    assert UNITS[2] in {x["unit"] for x in data["rejected"]}


def test_unit_from_the_file_name(tmp_path, cfg, registry_file, cli):
    folder = tmp_path / "nop"
    folder.mkdir()
    path = submit(folder, cfg, 3, tasks_for(3), name="bao-cao-pnv3-2020.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Phụ lục"]["C3"] = None
    wb["_cchc"]["B3"] = None
    wb.save(path)
    code, data = cli.json("consolidate", folder, "-o", tmp_path / "th.xlsx", "--units", registry_file)
    assert code == 0 and data["accepted"][0]["unit"] == UNITS[2] and data["accepted"][0]["unit_from"] == "file name"


def test_warnings_can_be_rejected(tmp_path, cfg, registry_file, cli):
    folder = tmp_path / "nop"
    folder.mkdir()
    submit(folder, cfg, 1, [{**t, "deadline": "Thường xuyên"} for t in tasks_for(1)])
    code, data = cli.json("consolidate", folder, "-o", tmp_path / "a.xlsx", "--units", registry_file)
    assert code == 0 and len(data["accepted"]) == 1
    code, data = cli.json("consolidate", folder, "-o", tmp_path / "b.xlsx", "--units", registry_file,
                     "--reject-warnings")
    assert code == 1 and data["rejected"][0]["warnings"] == 3


def test_refuses_foreign_or_open_masters(tmp_path, inbox, registry_file, cli):
    foreign = tmp_path / "so-lieu.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "dữ liệu quan trọng"
    wb.save(foreign)
    before = foreign.read_bytes()
    result = cli("consolidate", inbox, "-o", foreign, "--units", registry_file)
    assert result.exit_code == 2 and "không phải tệp tổng hợp" in result.output
    assert foreign.read_bytes() == before
    target = tmp_path / "th.xlsx"
    (tmp_path / "~$th.xlsx").write_bytes(b"lock")
    result = cli("consolidate", inbox, "-o", target, "--units", registry_file)
    assert result.exit_code == 2 and "đang mở trong Excel" in result.output and not target.exists()


def test_inputs_are_never_modified(inbox, inbox_before, first_run):
    """After the runs above: the same files, byte for byte, and nothing written among them."""
    for path in inbox.glob("*.xlsx"):
        assert not path.name.endswith((".kiemtra.xlsx", ".bak.xlsx"))
    assert digests(inbox) == inbox_before


def test_libreoffice_recalculates_to_the_same_totals_and_draws_charts(first_run, tmp_path):
    out, _, _ = first_run
    recalculated = convert(out, "xlsx", tmp_path)
    for name in (BY_AREA, BY_LEAD, BY_QUARTER):
        assert sheet_rows(recalculated, name) == sheet_rows(out, name)
    with zipfile.ZipFile(recalculated) as zf:
        assert len([n for n in zf.namelist() if n.startswith("xl/charts/chart")]) == 3
    pdf = convert(out, "pdf", tmp_path)
    assert pdf.stat().st_size > 5000


def test_a_file_in_millions_adds_up_in_dong(tmp_path, cfg, registry_file, cli):
    """One unit counts in millions ("Kinh phí (triệu đồng)"), another in đồng: the master is in đồng."""
    folder = tmp_path / "nop"
    folder.mkdir()
    submit(folder, cfg, 1, tasks_for(1, 2))                                   # 1.000.000 + 2.000.000 đồng
    path = submit(folder, cfg, 2, [{**t, "budget": k} for k, t in enumerate(tasks_for(2, 2), start=1)])
    wb = openpyxl.load_workbook(path)
    wb["Phụ lục"]["H8"] = "Kinh phí (triệu đồng)"
    wb.save(path)
    out = tmp_path / "th.xlsx"
    code, data = cli.json("consolidate", folder, "-o", out, "--units", registry_file)
    assert code == 0 and len(data["accepted"]) == 2
    budgets = {(r["Đơn vị gửi"], r["Kinh phí (đồng)"]) for r in summary_dicts(out)}
    assert budgets == {(UNITS[0], 1_000_000), (UNITS[0], 2_000_000), (UNITS[1], 1_000_000), (UNITS[1], 2_000_000)}
