"""Progress reports into the master, pure: checked report forms + the master's state -> its reports.

The same rules as for appendices (``plan.py``): a report with errors (or, with
--reject-warnings, warnings) is rejected and the unit's previous report for that
period stays; an accepted one replaces that unit's report for that period, keyed by
task id; the same content again is "không thay đổi"; of two forms of one unit for
one period in a run, the newer wins. What is derived (each task's status and days
late, completion rates, who is late) is computed from the rows, never stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from cchc_xl.consolidation import kinds
from cchc_xl.consolidation.model import (
    STAMP,
    MasterState,
    Outcome,
    Standing,
    Submission,
    UnitState,
    Verdict,
    record,
)
from cchc_xl.consolidation.plan import judge
from cchc_xl.consolidation.policy import Policy
from cchc_xl.core.deadlines import parse_deadline
from cchc_xl.core.reporting import (
    DONE,
    ONGOING,
    STATUSES,
    ReportPeriod,
    parse_status,
    report_key,
)
from cchc_xl.core.text import fold
from cchc_xl.core.units import Registry

UNREPORTED = "Chưa báo cáo"
LATE = "Nộp muộn"
ENTRY_KEYS = ("unit", "status", "result", "done_date", "difficulty", "proposal", "source_file", "source_row", "task")


@dataclass
class ReportUnit(UnitState):
    """One unit's report for one period, as merged: what an appendix's state says, and when it came."""

    received: str = ""         # dd/mm/yyyy: Ngày báo cáo on the form, else the file's date
    late: bool = False


@dataclass
class ReportState:
    """Everything merged for one report period of one year."""

    code: str
    year: int
    as_of: dt.date             # the day overdue tasks are judged at: the cut-off unless the run says (--as-of)
    due: dt.date               # the units' reports are late after this day
    title: str
    cutoff: dt.date            # the day the figures run to
    sheet: str = ""            # the master's progress sheet of this report (a name the office's sheets leave free)
    extras: dict[str, dict[str, Any]] = field(default_factory=dict)   # the office's columns there: title -> id -> value
    units: dict[str, ReportUnit] = field(default_factory=dict)
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)   # task id -> ENTRY_KEYS
    _rows: tuple[tuple, list["ProgressRow"]] | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> str:
        return report_key(self.code, self.year)


def prepare_report(s: Submission) -> Submission:
    """The form's entries (by task id) and content hash, computed where the file was read; the table dropped."""
    table = s.result.table
    if table is not None:
        rows = []
        for e in table.entries:
            v = e.values
            exact, meant = parse_status(v.get("status"))
            done = v.get("done_date")
            rows.append({"task_id": str(v.get("task_id") or ""), "unit": s.unit.name if s.unit else "",
                         "status": exact or meant or "", "result": _text(v.get("result")),
                         "done_date": done.date() if isinstance(done, dt.datetime) else (done or None),
                         "difficulty": _text(v.get("difficulty")), "proposal": _text(v.get("proposal")),
                         "source_file": s.path, "source_row": e.row, "task": _text(v.get("task"))})
        s.rows = rows
        s.digest = hashlib.sha256(json.dumps([{k: str(r[k]) for k in r if k not in ("source_file", "source_row")}
                                              for r in rows], ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        s.result.table, s.result.legacy = None, []
    return s


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def judge_reports(submissions: list[Submission], state: MasterState, registry: Registry,
                  policy: Policy) -> list[Outcome]:
    """Accept, reject or supersede each report form against the master as it now is, one report period at a time.

    A form is the report of the unit it was made for (its hidden properties) and of nothing else: its visible unit
    must be that unit, every task it lists or reports on must be one that unit leads in the master, and its year
    must lie in the master's plan. Anything else rejects the whole form, and no unit's reports change."""
    led = {unit: {t["task_id"] for t in tasks[0]} for unit, tasks in tasks_by_unit(state.rows, registry).items()}

    def check(outcome: Outcome) -> None:
        s, info = outcome.submission, outcome.submission.result.report
        if info is None or s.unit is None or s.result.error:
            return
        shown = registry.lookup(s.visible_unit) if s.visible_unit else None
        if shown is None or shown.name != s.unit.name:
            outcome.note(kinds.REPORT_UNIT_MISMATCH, unit=s.unit.name, visible=s.visible_unit or "(trống)")
        if state.period is not None and not state.period.contains(info.year):
            outcome.note(kinds.REPORT_PERIOD_OUTSIDE, title=info.period.title(info.year), period=state.period)
        own = led.get(fold(s.unit.name), set())
        foreign = [r for r in s.rows if r["task_id"] not in own]
        owed = [tid for tid in info.expected if tid not in own]
        if foreign or owed:
            named = [f"dòng {r['source_row']}: \u201c{r['task'][:40]}\u201d" for r in foreign[:3]]
            named += [f"mã {tid}" for tid in owed[:3 - len(named)]] if len(named) < 3 else []
            outcome.note(kinds.REPORT_TASK_NOT_LED, unit=s.unit.name, count=len({r["task_id"] for r in foreign} | set(owed)),
                         tasks="; ".join(named) + ("…" if len(foreign) + len(owed) > 3 else ""))

    groups: dict[str, list[Submission]] = {}
    for s in submissions:
        groups.setdefault(s.result.report.key if s.result.report else "", []).append(s)
    return [o for group in groups.values() for o in judge(group, state.period, policy, check)]


def plan_reports(state: MasterState, outcomes: list[Outcome], now: dt.datetime, as_of: dt.date | None = None) -> bool:
    """Merge the judged report forms into ``state.reports``; True when anything changed. Each report period's dates
    are those in force (the office's ``reporting:``); overdue is judged at ``as_of``, else at the cut-off."""
    known = set(state.task_ids())
    stamp = now.strftime(STAMP)
    changed = False
    replaced: dict[str, dict[str, list[dict[str, Any]]]] = {}   # report key -> unit -> its new rows
    for outcome in outcomes:
        s, info = outcome.submission, outcome.submission.result.report
        if info is None or s.unit is None or any(n.code == kinds.REPORT_UNIT_MISMATCH.code for n in outcome.notes):
            continue   # whose report it is cannot be trusted: no unit's record changes
        fresh = _new_state(info.period, info.year, as_of)
        rs = state.reports.setdefault(info.key, fresh)
        dates = (fresh.cutoff, fresh.due, fresh.as_of)
        if (rs.cutoff, rs.due, rs.as_of) != dates:  # other dates in force, or judged on another day
            (rs.cutoff, rs.due, rs.as_of), changed = dates, True
        unit, before = s.unit.name, rs.units.get(s.unit.name)
        if outcome.status == Verdict.ACCEPTED:
            if before and before.status == Standing.SUBMITTED and before.content_hash == s.digest:
                outcome.status = Verdict.UNCHANGED
                continue
            received = (s.made.date() if s.made else dt.date.fromtimestamp(s.mtime)) if (s.made or s.mtime) else now.date()
            replaced.setdefault(rs.key, {})[unit] = s.rows
            rs.units[unit] = ReportUnit(unit, Standing.SUBMITTED, s.path, s.file_id, s.digest, s.result.tasks, s.result.errors,
                                        s.result.warnings, stamp, "; ".join(outcome.reasons), s.template_version,
                                        received=f"{received:%d/%m/%Y}", late=received > rs.due)
            changed = True
        elif outcome.status == Verdict.REJECTED:
            note = "; ".join(outcome.reasons) + (f" Bản đánh dấu: {s.annotated}" if s.annotated else "")
            if before and before.status == Standing.SUBMITTED:
                if before.note != "Bản mới bị trả lại: " + note:
                    before.note, changed = "Bản mới bị trả lại: " + note, True
            elif not (before and before.file_id == s.file_id and before.note == note):
                rs.units[unit] = ReportUnit(unit, Standing.SENT_BACK, s.path, s.file_id, "", s.result.tasks, s.result.errors,
                                            s.result.warnings, stamp, note, s.template_version)
                changed = True
    for key, units in replaced.items():  # each unit's old report out, its new one in: one pass, whatever the units
        rs = state.reports[key]
        rs.entries = {k: v for k, v in rs.entries.items() if v["unit"] not in units}
        for rows in units.values():
            rs.entries.update({r["task_id"]: {k: r[k] for k in ENTRY_KEYS} for r in rows if r["task_id"] in known})
    return changed


def _new_state(period: ReportPeriod, year: int, as_of: dt.date | None) -> ReportState:
    cutoff = period.cutoff(year)
    return ReportState(period.code, year, as_of or cutoff, period.due_date(year), period.title(year), cutoff)


# --------------------------------------------------------------------------- who reports on what
def tasks_by_unit(rows: list[dict[str, Any]], registry: Registry) -> dict[str, tuple[list[dict], list[dict]]]:
    """Per unit (folded name): (the tasks it leads, the tasks it coordinates) among master rows (each with its
    ``task_id``); one pass over the rows, whatever the number of units."""
    out: dict[str, tuple[list[dict], list[dict]]] = {}
    for row in rows:
        task = row
        leads = {fold(e.name) for e in registry.resolve(row.get("lead_unit")).entries}
        leads.add(fold(str(row.get("lead_unit") or "")))
        for unit in leads:
            out.setdefault(unit, ([], []))[0].append(task)
        for unit in {fold(e.name) for e in registry.resolve(row.get("coord_units")).entries} - leads:
            out.setdefault(unit, ([], []))[1].append(task)
    return out


# --------------------------------------------------------------------------- what the office reads
@dataclass
class ProgressRow:
    """One task of the master as a report period sees it."""

    task_id: str
    lead: str
    area: str
    task: str
    deadline: str
    due: dt.date | None
    status: str
    result: str
    done_date: Any
    days_late: int
    difficulty: str
    proposal: str

    @property
    def overdue(self) -> bool:
        return self.days_late > 0 and self.status != DONE


def progress_rows(state: MasterState, rs: ReportState, registry: Registry) -> list[ProgressRow]:
    """Every task of the master with its status for ``rs`` ("Chưa báo cáo" when its lead has not reported);
    computed once for what the state holds (the sheet, the JSON and the appendix all read them)."""
    key = (id(state.rows), len(state.rows), id(rs.entries), len(rs.entries), rs.as_of, id(registry))
    if rs._rows is None or rs._rows[0] != key:
        rs._rows = (key, _progress_rows(state, rs, registry))
    return rs._rows[1]


def _progress_rows(state: MasterState, rs: ReportState, registry: Registry) -> list[ProgressRow]:
    out = []
    for row, tid in zip(state.rows, state.task_ids()):
        entry = rs.entries.get(tid, {})
        deadline = parse_deadline(row.get("deadline"), state.period)
        status = entry.get("status") or UNREPORTED
        done = entry.get("done_date")
        until = done if status == DONE and isinstance(done, dt.date) else rs.as_of
        late = (until - deadline.due).days if deadline.due and until > deadline.due else 0
        out.append(ProgressRow(tid, lead_of(row, registry), str(row.get("area") or ""), str(row.get("task") or ""),
                               str(row.get("deadline") or ""), deadline.due, status, entry.get("result", ""), done,
                               late, entry.get("difficulty", ""), entry.get("proposal", "")))
    return out


def lead_of(row: dict[str, Any], registry: Registry) -> str:
    """The task's (first) lead unit by its registry name, else the unit that sent it."""
    res = registry.resolve(row.get("lead_unit"))
    named = [e.name for e in res.entries if e.name and registry.lookup(e.name)]
    return named[0] if named else str(row.get("unit") or "")


@dataclass
class Rate:
    """Counts of one group (a unit, an area, the whole plan)."""

    name: str
    counts: Counter = field(default_factory=Counter)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rate(self) -> float:
        return self.counts[DONE] / self.total if self.total else 0.0


def rates(rows: list[ProgressRow], key: str) -> list[Rate]:
    """Completion counts per ``key`` (lead or area), in first-seen order, then the whole."""
    groups: dict[str, Rate] = {}
    for r in rows:
        g = groups.setdefault(getattr(r, key) or "(không ghi)", Rate(getattr(r, key) or "(không ghi)"))
        g.counts[r.status] += 1
        g.overdue += r.overdue
    return list(groups.values())


COLUMNS = (*STATUSES, UNREPORTED)


def unit_statuses(state: MasterState, rs: ReportState, rows: list[ProgressRow]) -> list[ReportUnit]:
    """Every unit that leads a task: its report's state, "Chưa nộp" (past due: still missing) when none came."""
    leads = list(dict.fromkeys(r.lead for r in rows))
    out = []
    for name in leads:
        u = rs.units.get(name) or ReportUnit(name, Standing.MISSING, note="Quá hạn nộp" if rs.as_of > rs.due else "")
        out.append(u)
    return out


def summary(state: MasterState, rs: ReportState, registry: Registry) -> dict[str, Any]:
    """The JSON of one report period: units received / missing / late, tasks done / in progress / overdue."""
    rows = progress_rows(state, rs, registry)
    units = unit_statuses(state, rs, rows)
    counts = Counter(r.status for r in rows)
    return {"period": rs.code, "year": rs.year, "title": rs.title, "as_of": rs.as_of.isoformat(),
            "cutoff": rs.cutoff.isoformat(), "due": rs.due.isoformat(),
            "units": {"received": [u.unit for u in units if u.status == Standing.SUBMITTED],
                      "late": [u.unit for u in units if u.status == Standing.SUBMITTED and u.late],
                      "rejected": [u.unit for u in units if u.status == Standing.SENT_BACK],
                      "missing": [u.unit for u in units if u.status == Standing.MISSING]},
            "tasks": {"total": len(rows), "done": counts[DONE], "in_progress": counts[ONGOING],
                      "not_started": counts[STATUSES[2]], "dropped": counts[STATUSES[3]],
                      "unreported": counts[UNREPORTED], "overdue": sum(r.overdue for r in rows)}}


def as_records(rs: ReportState) -> list[list[Any]]:
    """The rows of the master's hidden memory of one report period (``workbook/report_sheets.py`` reads them
    back); days as ISO text, so that they read back as days whatever the cell's format."""
    out: list[list[Any]] = [["report", rs.code, rs.year, rs.as_of.isoformat(), rs.due.isoformat(), rs.title,
                             rs.cutoff.isoformat(), rs.sheet]]
    out += [["unit", rs.key, *record(u)] for u in rs.units.values()]
    out += [["task", rs.key, tid, *(_iso(e.get(k)) for k in ENTRY_KEYS)] for tid, e in rs.entries.items()]
    return out


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
