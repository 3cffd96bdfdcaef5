"""consolidation/reports.py, pure: who reports on which task, each task's status and days late for a report
period, completion rates, who sent, who is late, and how judged report forms are merged into the master's memory."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_xl.check.pipeline import FileResult
from cchc_xl.consolidation.model import MasterState, Standing, Submission, Verdict
from cchc_xl.consolidation.policy import Policy
from cchc_xl.consolidation.reports import (
    UNREPORTED,
    ReportState,
    judge_reports,
    lead_of,
    plan_reports,
    progress_rows,
    rates,
    summary,
    tasks_by_unit,
    unit_statuses,
)
from cchc_xl.core.periods import Period
from cchc_xl.core.reporting import DONE, NOT_STARTED, ONGOING, REPORT_PERIODS, ReportInfo
from cchc_xl.core.units import COLLECTIVE, UNIT, Registry, Unit
from tests.support.masters import master_row

REGISTRY = Registry([Unit("Phòng A", UNIT, ("PA",)), Unit("Phòng B", UNIT), Unit("Phòng C", UNIT),
                     Unit("Các phòng, đơn vị thuộc Sở", COLLECTIVE)])
QUY1 = REPORT_PERIODS["quy1"]        # figures to 22/02, due 22/02
NOW = dt.datetime(2020, 2, 20, 9, 0)


def state() -> MasterState:
    """Four tasks: A leads two (one due in Quý I, one in Quý II), B leads one A coordinates, C leads one."""
    rows = [master_row(1, "Phòng A", deadline="Tháng 01/2020", coord_units="Phòng B"),
            master_row(2, "Phòng A", lead_unit="PA", deadline="Quý II/2020", area="Cải cách tài chính công"),
            master_row(3, "Phòng B", coord_units="Phòng A; Phòng B", deadline="Tháng 02/2020"),
            master_row(4, "Phòng C", lead_unit="", deadline="Thường xuyên")]
    return MasterState(Period(2020, 2020), rows)


def report(as_of: dt.date | None = None) -> ReportState:
    cutoff = QUY1.cutoff(2020)
    return ReportState("quy1", 2020, as_of or cutoff, QUY1.due_date(2020), QUY1.title(2020), cutoff)


def entry(unit: str, status: str, done: dt.date | None = None, **more) -> dict:
    return {"unit": unit, "status": status, "result": "", "done_date": done, "difficulty": "", "proposal": "",
            "source_file": f"bc-{unit}.xlsx", "source_row": 9, "task": "", **more}


# --------------------------------------------------------------------------- who reports on what
def test_each_unit_leads_and_coordinates_its_tasks():
    rows = state().rows
    by_unit = tasks_by_unit(rows, REGISTRY)
    leads = {u: [r["stt"] for r in led] for u, (led, _) in by_unit.items()}
    coordinates = {u: [r["stt"] for r in co] for u, (_, co) in by_unit.items()}
    assert leads["phòng a"] == [1, 2] and leads["phòng b"] == [3]
    assert coordinates["phòng b"] == [1] and coordinates["phòng a"] == [3], "a lead never coordinates its own task"
    assert "phòng c" not in by_unit, "a task with no lead is nobody's to report"


def test_the_lead_is_the_registry_name_else_the_sender():
    rows = state().rows
    assert [lead_of(r, REGISTRY) for r in rows] == ["Phòng A", "Phòng A", "Phòng B", "Phòng C"]


# --------------------------------------------------------------------------- the progress of each task
def test_a_task_without_a_report_is_unreported_and_late_counts_from_its_deadline():
    s, rs = state(), report(as_of=dt.date(2020, 3, 10))
    rows = progress_rows(s, rs, REGISTRY)
    assert [r.status for r in rows] == [UNREPORTED] * 4
    assert [r.days_late for r in rows] == [(dt.date(2020, 3, 10) - dt.date(2020, 1, 31)).days, 0,
                                           (dt.date(2020, 3, 10) - dt.date(2020, 2, 29)).days, 0]
    assert rows[0].overdue and not rows[1].overdue and rows[0].due == dt.date(2020, 1, 31)
    assert rows[3].due is None, "'Thường xuyên' has no date: never late"


def test_a_task_done_late_counts_the_days_to_its_completion_and_is_not_overdue():
    s, rs = state(), report(as_of=dt.date(2020, 3, 10))
    ids = s.task_ids()
    rs.entries = {ids[0]: entry("Phòng A", DONE, dt.date(2020, 2, 5), result="Quyết định 12"),
                  ids[2]: entry("Phòng B", ONGOING, difficulty="Thiếu người")}
    rows = progress_rows(s, rs, REGISTRY)
    assert (rows[0].status, rows[0].days_late, rows[0].overdue, rows[0].result) == (DONE, 5, False, "Quyết định 12")
    assert (rows[2].status, rows[2].overdue, rows[2].difficulty) == (ONGOING, True, "Thiếu người")


def test_rows_are_recomputed_when_the_entries_change():
    s, rs = state(), report()
    assert progress_rows(s, rs, REGISTRY)[1].status == UNREPORTED
    rs.entries[s.task_ids()[1]] = entry("Phòng A", NOT_STARTED)
    assert progress_rows(s, rs, REGISTRY)[1].status == NOT_STARTED


def test_rates_per_lead_and_per_area_in_first_seen_order():
    s, rs = state(), report(as_of=dt.date(2020, 3, 10))
    ids = s.task_ids()
    rs.entries = {ids[0]: entry("Phòng A", DONE, dt.date(2020, 1, 20)), ids[1]: entry("Phòng A", ONGOING)}
    by_lead = rates(progress_rows(s, rs, REGISTRY), "lead")
    assert [(g.name, g.total, g.counts[DONE], g.rate, g.overdue) for g in by_lead] == [
        ("Phòng A", 2, 1, 0.5, 0), ("Phòng B", 1, 0, 0.0, 1), ("Phòng C", 1, 0, 0.0, 0)]
    assert [g.name for g in rates(progress_rows(s, rs, REGISTRY), "area")] == [
        "Cải cách thể chế", "Cải cách tài chính công"]


# --------------------------------------------------------------------------- who sent
def test_units_that_lead_and_did_not_send_are_missing_past_due():
    s = state()
    early, late = report(as_of=dt.date(2020, 2, 10)), report(as_of=dt.date(2020, 3, 1))
    assert [(u.unit, u.status, u.note) for u in unit_statuses(s, early, progress_rows(s, early, REGISTRY))] == [
        ("Phòng A", Standing.MISSING, ""), ("Phòng B", Standing.MISSING, ""), ("Phòng C", Standing.MISSING, "")]
    assert {u.note for u in unit_statuses(s, late, progress_rows(s, late, REGISTRY))} == {"Quá hạn nộp"}


# --------------------------------------------------------------------------- report forms judged and merged
def form(unit: str, task_ids: list[str], digest: str, visible: str | None = None, year: int = 2020,
         made: dt.datetime = dt.datetime(2020, 2, 18), errors: bool = False) -> Submission:
    info = ReportInfo(QUY1, year, QUY1.cutoff(year), QUY1.due_date(year), QUY1.cutoff(year), unit)
    result = FileResult(f"bc-{unit}.xlsx", tasks=len(task_ids), report=info)
    if errors:
        result.error, result.error_code = "không đọc được", "unreadable"
    s = Submission(f"bc-{unit}-{digest}.xlsx", result, digest * 8, unit=REGISTRY.lookup(unit), made=made,
                   visible_unit=unit if visible is None else visible, digest=digest, template_version="1.0")
    s.rows = [{"task_id": tid, **entry(unit, DONE, dt.date(2020, 2, 1)), "source_file": s.path, "source_row": 9 + i}
              for i, tid in enumerate(task_ids)]
    return s


def merge(s: MasterState, *forms: Submission):
    outcomes = judge_reports(list(forms), s, REGISTRY, Policy())
    return outcomes, plan_reports(s, outcomes, NOW)


def test_an_accepted_form_becomes_its_units_report_and_the_same_again_changes_nothing():
    s = state()
    ids = s.task_ids()
    outcomes, changed = merge(s, form("Phòng A", ids[:2], "a1"))
    assert [o.status for o in outcomes] == [Verdict.ACCEPTED] and changed
    rs = s.reports["quy1/2020"]
    assert set(rs.entries) == set(ids[:2]) and rs.entries[ids[0]]["status"] == DONE
    assert (rs.units["Phòng A"].status, rs.units["Phòng A"].received, rs.units["Phòng A"].late) == \
        (Standing.SUBMITTED, "18/02/2020", False)
    outcomes, changed = merge(s, form("Phòng A", ids[:2], "a1"))
    assert [o.status for o in outcomes] == [Verdict.UNCHANGED] and not changed


def test_a_form_received_after_the_due_date_is_late():
    s = state()
    merge(s, form("Phòng B", s.task_ids()[2:3], "b1", made=dt.datetime(2020, 2, 25)))
    unit = s.reports["quy1/2020"].units["Phòng B"]
    assert unit.late and unit.received == "25/02/2020"
    assert summary(s, s.reports["quy1/2020"], REGISTRY)["units"]["late"] == ["Phòng B"]


def test_a_resent_form_replaces_only_its_units_entries():
    s = state()
    ids = s.task_ids()
    merge(s, form("Phòng A", ids[:2], "a1"), form("Phòng B", ids[2:3], "b1"))
    newer = form("Phòng A", ids[:1], "a2", made=dt.datetime(2020, 2, 21))
    merge(s, newer)
    assert set(s.reports["quy1/2020"].entries) == {ids[0], ids[2]}


@pytest.mark.parametrize("make, code", [
    (lambda ids: form("Phòng A", ids[:1], "x", visible="Phòng B"), "report-unit-mismatch"),
    (lambda ids: form("Phòng A", ids[:1], "x", year=2021), "report-period-outside"),
    (lambda ids: form("Phòng A", [ids[0], ids[2]], "x"), "report-task-not-led"),
    (lambda ids: form("Phòng A", ids[:1], "x", errors=True), "unreadable"),
], ids=["another-units-name", "year-outside-the-plan", "a-task-it-does-not-lead", "unreadable"])
def test_a_form_that_is_not_wholly_its_units_is_rejected(make, code):
    s = state()
    outcomes, _ = merge(s, make(s.task_ids()))
    assert outcomes[0].status == Verdict.REJECTED and code in [n.code for n in outcomes[0].notes]
    entries = s.reports["quy1/2020"].entries if "quy1/2020" in s.reports else {}
    assert entries == {}, "nothing of a rejected form is merged"


def test_a_rejected_resubmission_keeps_the_accepted_report_and_says_so():
    s = state()
    ids = s.task_ids()
    merge(s, form("Phòng A", ids[:2], "a1"))
    outcomes, changed = merge(s, form("Phòng A", [ids[0], ids[3]], "a2"))
    unit = s.reports["quy1/2020"].units["Phòng A"]
    assert outcomes[0].status == Verdict.REJECTED and changed
    assert unit.status == Standing.SUBMITTED and unit.content_hash == "a1" and unit.note.startswith("Bản mới bị trả lại")
    assert set(s.reports["quy1/2020"].entries) == set(ids[:2])


def test_the_summary_counts_units_and_tasks():
    s = state()
    ids = s.task_ids()
    merge(s, form("Phòng A", ids[:2], "a1"))
    data = summary(s, s.reports["quy1/2020"], REGISTRY)
    assert (data["period"], data["year"], data["title"], data["due"]) == ("quy1", 2020, "Quý I/2020", "2020-02-22")
    assert data["units"] == {"received": ["Phòng A"], "late": [], "rejected": [], "missing": ["Phòng B", "Phòng C"]}
    assert data["tasks"] == {"total": 4, "done": 2, "in_progress": 0, "not_started": 0, "dropped": 0, "unreported": 2,
                             "overdue": 0}
