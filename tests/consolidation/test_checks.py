"""consolidation/checks.py, pure: the checks across submissions listed on 'Đối chiếu' (a task two units sent, a task
led by another unit, a unit over its ceiling, rows edited by hand, text cut at a cell's limit, the run's notes, a
report of a task no longer in the master)."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_xl.check.pipeline import FileResult
from cchc_xl.consolidation.checks import cross_checks, is_amount
from cchc_xl.consolidation.model import Note, Outcome, Standing, Submission, Verdict
from cchc_xl.consolidation.reports import ReportState
from cchc_xl.core.model import EXCEL_CELL_LIMIT, Formula
from cchc_xl.core.units import UNIT, Registry, Unit
from tests.support.masters import master_row, master_state

REGISTRY = Registry([Unit("Phòng A", UNIT, ("PA",), budget_ceiling=2_500_000), Unit("Phòng B", UNIT),
                     Unit("Phòng C", UNIT)])


def outcome(unit: str, status: Verdict = Verdict.ACCEPTED, notes: tuple[str, ...] = (),
            overlong: list[tuple[int, str, int]] | None = None) -> Outcome:
    s = Submission(f"nop/{unit}.xlsx", FileResult(f"nop/{unit}.xlsx", tasks=1), "f" * 64, unit=REGISTRY.lookup(unit),
                   overlong=overlong or [])
    return Outcome(s, status, [Note(code, f"ghi chú {code}") for code in notes])


def codes(checks) -> list[str]:
    return [c.code for c in checks]


def test_a_clean_state_has_nothing_to_say():
    state = master_state([master_row(1, "Phòng A"), master_row(1, "Phòng B")], missing=())
    assert cross_checks(state, REGISTRY, [outcome("Phòng A"), outcome("Phòng B")]) == []


def test_the_same_task_from_two_units_names_both_files_and_rows():
    rows = [master_row(1, "Phòng A", task="Rà soát văn bản quy phạm pháp luật"),
            master_row(2, "Phòng B", task="Rà soát văn bản quy phạm  PHÁP LUẬT ", source_row=14)]
    (check,) = cross_checks(master_state(rows, missing=()), REGISTRY, [])
    assert (check.code, check.unit, check.row, check.other_unit, check.other_row) == \
        ("task-shared", "Phòng B", 14, "Phòng A", 9)
    assert check.severity == "warning" and "Phòng A" in check.message and "Rà soát" in check.message


def test_a_task_led_by_another_unit_asks_that_unit_to_confirm():
    rows = [master_row(1, "Phòng B", lead_unit="PA"), master_row(2, "Phòng B", lead_unit="Phòng B; Phòng C")]
    checks = cross_checks(master_state(rows, missing=()), REGISTRY, [])
    assert codes(checks) == ["lead-not-sender"]
    assert checks[0].other_unit == "Phòng A" and "Phòng A chủ trì nhưng Phòng B gửi" in checks[0].message


def test_a_unit_over_its_ceiling_counts_numbers_and_formula_results():
    rows = [master_row(1, "Phòng A", budget=2_000_000), master_row(2, "Phòng A", budget=Formula("=1", "J3", 600_000)),
            master_row(3, "Phòng A", budget="khoảng 5 triệu")]
    (check,) = cross_checks(master_state(rows, missing=()), REGISTRY, [])
    assert check.code == "budget-over-ceiling" and check.unit == "Phòng A" and check.file == "nop/Phòng A.xlsx"
    assert "2.600.000" in check.message and "2.500.000" in check.message
    rows[1]["budget"] = Formula("=1", "J3", 400_000)
    assert cross_checks(master_state(rows, missing=()), REGISTRY, []) == []


def test_rows_deleted_by_hand_are_noticed_unless_the_unit_was_merged_now():
    state = master_state([master_row(1, "Phòng A"), master_row(2, "Phòng A"), master_row(1, "Phòng B")], missing=())
    state.rows.pop(1)   # the office deleted one of Phòng A's rows
    (check,) = cross_checks(state, REGISTRY, [])
    assert (check.code, check.unit) == ("rows-edited", "Phòng A") and "1 dòng" in check.message and "2 nhiệm vụ" in \
        check.message
    assert cross_checks(state, REGISTRY, [outcome("Phòng A")]) == []
    state.units["Phòng A"].status = Standing.SENT_BACK
    assert cross_checks(state, REGISTRY, []) == []


def test_the_runs_notes_worth_a_line_and_cut_text_of_accepted_files():
    notes = ("template-old", "superseded", "withdrawn", "unchanged")
    outcomes = [outcome("Phòng A", notes=notes, overlong=[(12, "Nhiệm vụ", 40_000)]),
                outcome("Phòng B", Verdict.REJECTED, overlong=[(9, "Sản phẩm", 33_000)])]
    checks = cross_checks(master_state([master_row(1, "Phòng A")], missing=()), REGISTRY, outcomes)
    assert codes(checks) == ["template-old", "superseded", "text-truncated"]
    cut = checks[-1]
    assert (cut.unit, cut.file, cut.row) == ("Phòng A", "nop/Phòng A.xlsx", 12)
    assert "40000" in cut.message.replace(".", "") and str(EXCEL_CELL_LIMIT) in cut.message.replace(".", "")


def test_a_report_of_a_task_no_longer_in_the_master_is_never_hidden():
    state = master_state([master_row(1, "Phòng A")], missing=())
    rs = ReportState("quy1", 2020, dt.date(2020, 2, 22), dt.date(2020, 2, 22), "Quý I/2020", dt.date(2020, 2, 22))
    rs.entries[state.task_ids()[0]] = {"unit": "Phòng A", "status": "Đã hoàn thành", "task": "còn"}
    rs.entries["00000000ff"] = {"unit": "Phòng A", "status": "Đang thực hiện", "task": "Nhiệm vụ đã xóa",
                                "source_file": "bc/a.xlsx", "source_row": 11}
    state.reports = {"quy1/2020": rs}
    (check,) = cross_checks(state, REGISTRY, [])
    assert (check.code, check.unit, check.file, check.row) == ("report-task-gone", "Phòng A", "bc/a.xlsx", 11)
    assert "Nhiệm vụ đã xóa" in check.message and "00000000ff" in check.message and "Quý I/2020" in check.message


@pytest.mark.parametrize("value, summed", [(5, True), (2.5, True), (float("nan"), False), (float("inf"), False),
                                           ("5", False), (None, False), (True, False),
                                           (Formula("=A1", "J2", 7), True), (Formula("=A1", "J2", "#REF!"), False)])
def test_is_amount_is_a_finite_number_or_a_formulas_numeric_result(value, summed):
    assert is_amount(value) is summed
