"""Consolidation: checked unit submissions + the previous master -> the new master state.

Pure: it sees checked results and the previous state, never a workbook. The
rules it applies (stated in the README and tested one by one):

* a submission with errors (or, with --reject-warnings, warnings), with no task
  (unless the unit withdraws), from an unknown submitter, for another plan period,
  or (if configured) on an old template is rejected; the unit's merged rows are kept;
* upsert by submitting unit: an accepted submission replaces that unit's rows where
  they stood; units absent from the run keep theirs; identical content is "không thay
  đổi" and a run that changes nothing changes nothing (``MasterState.changed``);
* two files from one unit in one run: the newer (Ngày lập, then file time) wins,
  the other is "superseded".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict
from typing import Any, Callable

from cchc_xl.check.catalog import Kind
from cchc_xl.check.pipeline import INTERNAL_ERROR, UNREADABLE, FileResult
from cchc_xl.consolidation import kinds
from cchc_xl.consolidation.checks import cross_checks
from cchc_xl.consolidation.identity import continue_ids, ensure_ids
from cchc_xl.consolidation.model import (
    MASTER_COLUMNS,
    STAMP,
    CrossCheck,
    MasterState,
    Note,
    Outcome,
    Standing,
    Submission,
    UnitState,
    Verdict,
)
from cchc_xl.consolidation.policy import Policy
from cchc_xl.core.deadlines import parse_deadline
from cchc_xl.core.model import EXCEL_CELL_LIMIT
from cchc_xl.core.money import INVALID, parse_money
from cchc_xl.core.periods import Period
from cchc_xl.core.text import as_text, plain
from cchc_xl.core.units import LEAD, UNIT, Registry, Unit


# --------------------------------------------------------------------------- identifying submissions
def identify_unit(registry: Registry, header_unit: Any, file_name: str) -> tuple[Unit | None, str]:
    """The submitting unit: the template's 'Đơn vị gửi', else a unit named in the file name."""
    if header_unit:
        unit = registry.lookup(str(header_unit))
        if unit is not None and unit.kind == UNIT:
            return unit, "header"
    stem = " " + plain(file_name.rsplit(".", 1)[0].replace("-", " ").replace("_", " ")) + " "
    best: tuple[int, Unit] | None = None
    for unit in registry.by_kind(UNIT):
        for name in (unit.name, *unit.aliases):
            key = plain(name)
            if len(key) >= 4 and f" {key} " in stem and (best is None or len(key) > best[0]):
                best = (len(key), unit)
    return (best[1], "file name") if best else (None, "")


def prepare(s: Submission, registry: Registry) -> Submission:
    """Master rows and content hash, computed where the file was read; the table is dropped
    (a thousand tables would otherwise travel between processes and stay in memory)."""
    if s.result.table is not None:
        s.digest = content_hash(s.result)
        s.rows = _rows(s, registry)
        titles = dict(MASTER_COLUMNS)
        s.overlong = [(row["source_row"], titles[key], len(value)) for row in s.rows for key, value in row.items()
                      if type(value) is str and len(value) > EXCEL_CELL_LIMIT]
        s.result.table, s.result.legacy = None, []
    return s


def content_hash(result: FileResult) -> str:
    """SHA-256 of the table's content: the same tasks re-saved give the same hash."""
    rows = [[_jsonable(e.values.get(k)) for k in sorted(e.values)] for e in result.table.entries] if result.table else []
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _rows(s: Submission, registry: Registry) -> list[dict[str, Any]]:
    """Master rows of an accepted submission, with provenance."""
    table, period = s.result.table, s.result.period
    assert table is not None
    rows = []
    for e in table.tasks:
        v = e.values
        money = parse_money(v.get("budget"), table.budget_scale.factor)
        budget = money.text if money.kind == INVALID else money.dong   # the master is in đồng, whatever the file
        if budget is None:
            budget = v.get("budget") or None
        lead = registry.resolve(v.get("lead_unit"))
        named = lead.leads or [x.name for x in lead.entries if x.role == LEAD]
        lead_name = "; ".join(named) if named and not lead.sentence else v.get("lead_unit")
        rows.append({
            "stt": 0, "unit": s.unit.name if s.unit else "", "area": as_text(e.area or v.get("area")),
            "task": as_text(v.get("task")), "product": as_text(v.get("product")), "lead_unit": as_text(lead_name),
            "coord_units": as_text(v.get("coord_units")), "deadline": v.get("deadline") or "",
            "due": parse_deadline(v.get("deadline"), period).due, "budget": budget,
            "budget_source": as_text(v.get("budget_source")), "note": as_text(v.get("note")),
            "task_id": as_text(v.get("task_id")),   # carried by a template made from the master, else ""
            "source_file": s.path, "source_row": e.row, "file_id": s.file_id, "merged_at": "",
        })
    return rows


# --------------------------------------------------------------------------- judging
def judge(submissions: list[Submission], period: Period | None, policy: Policy,
          more: Callable[[Outcome], None] = lambda _: None) -> list[Outcome]:
    """Accept, reject or supersede each submission (before anything is merged); ``more`` adds the checks of a kind
    of submission (a report form's) before the newest of a unit's files is chosen among the accepted."""
    outcomes = [_judge(s, period, policy) for s in submissions]
    for outcome in outcomes:
        more(outcome)
    _supersede(outcomes)
    return outcomes


def _judge(s: Submission, period: Period | None, policy: Policy) -> Outcome:
    out = Outcome(s, Verdict.ACCEPTED)
    r = s.result

    def note(kind: Kind | str, rejects: bool = True, **params: Any) -> None:
        out.note(kind, rejects, **params)

    if r.error:
        note(INTERNAL_ERROR if r.error_code == INTERNAL_ERROR else UNREADABLE, message=r.error)
        return out
    if r.tasks == 0 and not r.blocking_errors:
        if s.unit is not None and s.unit.name in policy.withdraw:
            note(kinds.WITHDRAWN, rejects=False)
        else:
            note(kinds.SUBMISSION_EMPTY, unit=s.unit.name if s.unit else "tên đơn vị")
    if s.unit is None:
        note(kinds.SUBMITTER_UNKNOWN)
    if period and s.period and not _same_period(s.period, period):
        note(kinds.PERIOD_MISMATCH, period=s.period, expected=period)
    if r.blocking_errors:
        note(kinds.HAS_ERRORS, count=r.blocking_errors)
    elif r.warnings and not policy.accept_warnings:
        note(kinds.HAS_WARNINGS, count=r.warnings)
    if _older(s.template_version, policy.template_version):
        what = f"mẫu phiên bản {s.template_version}" if s.template_version else "không dùng mẫu chuẩn"
        note(kinds.TEMPLATE_OLD, rejects=policy.old_template == "reject", what=what, current=policy.template_version)
    return out


def _older(version: str, current: str) -> bool:
    """True for no template at all, or a template version below ``current``."""
    def parts(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in v.split(".") if p.isdigit())
    return not version or parts(version) < parts(current)


def _same_period(a: Period, b: Period) -> bool:
    return a.start == b.start and (a.end == b.end or a.end is None or b.end is None)


def _supersede(outcomes: list[Outcome]) -> None:
    """Among accepted files of one unit, only the newest stays accepted."""
    by_unit: dict[str, list[Outcome]] = {}
    for o in outcomes:
        if o.status == Verdict.ACCEPTED and o.submission.unit:
            by_unit.setdefault(o.submission.unit.name, []).append(o)
    for group in by_unit.values():
        group.sort(key=lambda o: (o.submission.made or dt.datetime.min, o.submission.mtime, o.submission.path))
        for older in group[:-1]:
            older.status = Verdict.SUPERSEDED
            older.notes.append(Note.of(kinds.SUPERSEDED, newer=group[-1].submission.path))


# --------------------------------------------------------------------------- planning
def plan(previous: MasterState | None, outcomes: list[Outcome], registry: Registry,
         period: Period | None, now: dt.datetime) -> MasterState:
    """The new master state from the previous one and the judged submissions.

    Rows keep the order the master had (the office may have sorted them): a unit's new rows
    take the place of its old ones, units new to the master follow in registry order.
    ``outcomes`` of accepted submissions whose content equals what is merged turn "unchanged";
    ``changed`` is False when the result is what the master already holds.
    """
    prev = previous or MasterState(period)
    ensure_ids(prev.rows)
    state = MasterState(period or prev.period, layout=prev.layout, reports=prev.reports)
    state.units = {u.name: UnitState(u.name) for u in registry.by_kind(UNIT)}
    for name, old in prev.units.items():  # what earlier runs recorded stays until replaced
        state.units[name] = UnitState(**asdict(old))
    stamp = now.strftime(STAMP)
    held = {row["unit"] for row in prev.rows}
    replaced: dict[str, list[dict[str, Any]]] = {}
    taken = set(prev.task_ids())
    for outcome in outcomes:
        s = outcome.submission
        unit = s.unit.name if s.unit else ""
        before = prev.units.get(unit)
        if outcome.status == Verdict.ACCEPTED:
            if before and before.status == Standing.SUBMITTED and before.content_hash == s.digest and (unit in held or not s.rows):
                outcome.status = Verdict.UNCHANGED
                state.checks.append(CrossCheck(kinds.UNCHANGED.code, unit, s.path, None, Note.of(kinds.UNCHANGED).message))
                continue
            replaced[unit] = [{**row, "merged_at": stamp} for row in s.rows]
            reworded = continue_ids([r for r in prev.rows if r["unit"] == unit], replaced[unit], taken)
            taken.update(row["task_id"] for row in replaced[unit])
            state.checks.extend(CrossCheck(kinds.TASK_REWORDED.code, unit, s.path, None, Note.of(
                kinds.TASK_REWORDED, before=r.before[:80], after=r.after[:80], similarity=f"{r.similarity:.0%}").message)
                for r in reworded)
            state.units[unit] = UnitState(unit, Standing.SUBMITTED, s.path, s.file_id, s.digest, s.result.tasks,
                                          s.result.errors, s.result.warnings, stamp,
                                          "; ".join(outcome.reasons), s.template_version)
        elif outcome.status == Verdict.REJECTED and unit:
            _record_rejection(state, outcome, unit, unit in held, stamp)
    state.rows = _merged_rows(prev.rows, replaced, registry)
    for i, row in enumerate(state.rows, start=1):
        row["stt"] = i
    state.changed = previous is None or bool(replaced) or state.units != prev.units or state.period != prev.period
    state.checks.extend(cross_checks(state, registry, outcomes))
    return state


def _record_rejection(state: MasterState, outcome: Outcome, unit: str, held: bool, stamp: str) -> None:
    """A rejected unit keeps its merged rows and says why they were not replaced; the same file
    rejected again changes nothing (its first rejection stays on record, with its time)."""
    s = outcome.submission
    note = "; ".join(outcome.reasons) + (" Giữ bản đã tổng hợp trước." if held else "") + \
        (f" Bản đánh dấu: {s.annotated}" if s.annotated else "")
    current = state.units[unit]
    if held:
        current.note = "Bản mới bị trả lại: " + note
    elif not (current.status == Standing.SENT_BACK and current.file_id == s.file_id and current.note == note):
        state.units[unit] = UnitState(unit, Standing.SENT_BACK, s.path, s.file_id, "", s.result.tasks,
                                      s.result.errors, s.result.warnings, stamp, note, s.template_version)


def _merged_rows(previous: list[dict[str, Any]], replaced: dict[str, list[dict[str, Any]]],
                 registry: Registry) -> list[dict[str, Any]]:
    """Previous rows in their order, each replaced unit's rows where its first old row was."""
    rows: list[dict[str, Any]] = []
    placed: set[str] = set()
    old_by_unit: dict[str, list[dict[str, Any]]] = {}
    for row in previous:
        old_by_unit.setdefault(row["unit"], []).append(row)
    for row in previous:
        unit = row["unit"]
        if unit not in replaced:
            rows.append(row)
        elif unit not in placed:
            rows.extend(_with_extras(replaced[unit], old_by_unit[unit]))
            placed.add(unit)
    order = {u.name: i for i, u in enumerate(registry.by_kind(UNIT))}
    for unit in sorted(set(replaced) - placed, key=lambda n: (order.get(n, len(order)), n)):
        rows.extend(replaced[unit])
    return rows


def _with_extras(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the office typed in its own columns follows a resubmitted task (by its id: reworded, it keeps them)."""
    typed = {r["task_id"]: r["extra"] for r in old if r.get("extra")}
    if not typed:
        return new
    return [{**row, "extra": typed[row["task_id"]]} if row["task_id"] in typed else row for row in new]
