"""The planner, pure: judged submissions and the previous state in, the new state out."""

from __future__ import annotations

import datetime as dt

from cchc_xl.check.pipeline import FileResult
from cchc_xl.consolidation.model import MasterState, Standing, Submission, UnitState
from cchc_xl.consolidation.plan import judge, plan
from cchc_xl.consolidation.policy import Policy
from cchc_xl.core.periods import Period
from cchc_xl.core.units import UNIT, Registry, Unit

REGISTRY = Registry([Unit("Phòng A", UNIT), Unit("Phòng B", UNIT), Unit("Phòng C", UNIT)])
NOW = dt.datetime(2020, 2, 1, 9, 0)


def row(unit: str, task: str, **extra) -> dict:
    return {"stt": 0, "unit": unit, "task": task, "lead_unit": unit, "budget": 1, "source_file": f"{unit}.xlsx",
            "source_row": 9, "due": None, "area": "", **({"extra": extra} if extra else {})}


def submission(unit: str, tasks: list[str], digest: str, errors: int = 0) -> Submission:
    s = Submission(f"{unit}.xlsx", FileResult(f"{unit}.xlsx", tasks=len(tasks)), "f" * 64, unit=Unit(unit, UNIT),
                   period=Period(2020, 2020), template_version="1.0", digest=digest)
    s.rows = [row(unit, t) for t in tasks]
    if errors:
        s.result.findings = []  # counts come from findings; an unreadable file stands in for errors here
        s.result.error, s.result.error_code = "không đọc được", "unreadable"
    return s


def previous() -> MasterState:
    """C's rows first (the office sorted the table), then A's, one with a note of its own."""
    state = MasterState(Period(2020, 2020))
    state.rows = [row("Phòng C", "c1"), row("Phòng A", "a1", **{"Người theo dõi": "Lan"}), row("Phòng A", "a2")]
    state.units = {u: UnitState(u, Standing.SUBMITTED, f"{u}.xlsx", "f" * 12, f"hash-{u}", n) for u, n in
                   (("Phòng A", 2), ("Phòng C", 1))}
    state.units["Phòng B"] = UnitState("Phòng B")  # in the registry, never sent
    return state


def test_a_resubmission_takes_its_units_place_and_keeps_the_offices_notes():
    outcomes = judge([submission("Phòng A", ["a1", "a3"], "new")], Period(2020, 2020), Policy())
    state = plan(previous(), outcomes, REGISTRY, Period(2020, 2020), NOW)
    assert [(r["unit"], r["task"]) for r in state.rows] == [("Phòng C", "c1"), ("Phòng A", "a1"), ("Phòng A", "a3")]
    assert state.rows[1]["extra"] == {"Người theo dõi": "Lan"} and "extra" not in state.rows[2]
    assert [r["stt"] for r in state.rows] == [1, 2, 3] and state.changed


def test_a_unit_new_to_the_master_follows_in_registry_order():
    outcomes = judge([submission("Phòng B", ["b1"], "b")], Period(2020, 2020), Policy())
    state = plan(previous(), outcomes, REGISTRY, Period(2020, 2020), NOW)
    assert [r["unit"] for r in state.rows] == ["Phòng C", "Phòng A", "Phòng A", "Phòng B"]


def test_the_same_content_again_changes_nothing():
    """(A unit added to the registry since the last run would change the status sheet: covered by the units.)"""
    outcomes = judge([submission("Phòng A", ["a1", "a2"], "hash-Phòng A")], Period(2020, 2020), Policy())
    state = plan(previous(), outcomes, REGISTRY, Period(2020, 2020), NOW)
    assert outcomes[0].status == "unchanged" and not state.changed
    assert [c.code for c in state.checks].count("unchanged") == 1


def test_an_empty_or_broken_submission_keeps_the_units_rows():
    empty = submission("Phòng A", [], "empty")
    broken = submission("Phòng C", ["c9"], "x", errors=1)
    outcomes = judge([empty, broken], Period(2020, 2020), Policy())
    assert [o.status for o in outcomes] == ["rejected", "rejected"]
    assert [n.code for n in outcomes[0].notes] == ["submission-empty"]
    assert [n.code for n in outcomes[1].notes] == ["unreadable"]
    state = plan(previous(), outcomes, REGISTRY, Period(2020, 2020), NOW)
    assert [r["task"] for r in state.rows] == ["c1", "a1", "a2"]
    assert state.units["Phòng A"].note.startswith("Bản mới bị trả lại")


def test_a_withdrawal_is_explicit():
    outcomes = judge([submission("Phòng A", [], "empty")], Period(2020, 2020), Policy(withdraw=frozenset({"Phòng A"})))
    assert outcomes[0].status == "accepted" and [n.code for n in outcomes[0].notes] == ["withdrawn"]
    state = plan(previous(), outcomes, REGISTRY, Period(2020, 2020), NOW)
    assert [r["unit"] for r in state.rows] == ["Phòng C"] and state.units["Phòng A"].tasks == 0
