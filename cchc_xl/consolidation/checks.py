"""Checks across submissions, listed on the master's 'Đối chiếu' sheet.

A task sent by two units, a task led by a unit other than its sender, a unit over
its budget ceiling, text cut at a cell's limit, rows edited by hand, and the notes
of the run (old templates, superseded files, unchanged units). Each is a coded
``CrossCheck`` of the catalog's kinds.
"""

from __future__ import annotations

import math
from typing import Any

from cchc_xl.check.catalog import Kind
from cchc_xl.consolidation import kinds
from cchc_xl.consolidation.model import (
    CrossCheck,
    MasterState,
    Note,
    Outcome,
    Standing,
    Verdict,
)
from cchc_xl.core.model import EXCEL_CELL_LIMIT, Formula, plain_value
from cchc_xl.core.money import format_dong
from cchc_xl.core.text import as_text, fold
from cchc_xl.core.units import UNIT, Registry

_NOTED = (kinds.TEMPLATE_OLD.code, kinds.PERIOD_MISMATCH.code, kinds.SUBMITTER_UNKNOWN.code, kinds.SUPERSEDED.code)


def cross_checks(state: MasterState, registry: Registry, outcomes: list[Outcome]) -> list[CrossCheck]:
    """Every check across the new state's rows and the run's outcomes."""
    return [*_shared_and_led(state, registry), *_over_ceiling(state, registry), *_edited_units(state, outcomes),
            *_noted(outcomes), *_reports_without_task(state)]


def _reports_without_task(state: MasterState) -> list[CrossCheck]:
    """Report entries kept for a task no longer in the master (deleted, or reworded beyond recognition): never
    hidden without a word."""
    ids = set(state.task_ids())
    return [_check(kinds.REPORT_TASK_GONE, str(e.get("unit") or ""), str(e.get("source_file") or ""),
                   _number(e.get("source_row")), report=rs.title, unit=e.get("unit") or "", status=e.get("status") or "",
                   task=str(e.get("task") or "")[:80] or "(không rõ)", id=tid)
            for rs in state.reports.values() for tid, e in rs.entries.items() if tid not in ids]


def _check(kind: Kind, unit: str, file: str, row: int | None, related: tuple[str, str, int | None] = ("", "", None), /,
           **params: Any) -> CrossCheck:
    """A cross-check of ``kind``; ``related`` is the other unit, file and row it concerns."""
    return CrossCheck(kind.code, unit, file, row, Note.of(kind, **params).message, *related)


def _shared_and_led(state: MasterState, registry: Registry) -> list[CrossCheck]:
    checks: list[CrossCheck] = []
    seen: dict[str, dict] = {}
    for row in state.rows:
        unit, task = row["unit"], row["task"]
        if type(unit) is not str or type(task) is not str:  # edited by hand in the master
            unit, task = as_text(plain_value(unit)), as_text(plain_value(task))
        first = seen.setdefault(fold(task), row)
        if first["unit"] != row["unit"]:
            checks.append(_check(kinds.TASK_SHARED, unit, as_text(row["source_file"]), _number(row["source_row"]),
                                 (as_text(first["unit"]), as_text(first["source_file"]), _number(first["source_row"])),
                                 task=task[:80], other=first["unit"]))
        lead = row["lead_unit"]
        leads = [u.name for u in registry.resolve(lead if type(lead) is str else as_text(plain_value(lead))).of_kind(UNIT)]
        if leads and unit not in leads:
            checks.append(_check(kinds.LEAD_NOT_SENDER, unit, as_text(row["source_file"]), _number(row["source_row"]),
                                 (leads[0], "", None), leads=", ".join(leads), unit=unit, first=leads[0]))
    return checks


def _over_ceiling(state: MasterState, registry: Registry) -> list[CrossCheck]:
    totals: dict[str, float] = {}
    for row in state.rows:
        if is_amount(row["budget"]):
            totals[row["unit"]] = totals.get(row["unit"], 0) + plain_value(row["budget"])
    return [_check(kinds.BUDGET_OVER_CEILING, u.name, state.units[u.name].file, None,
                   total=format_dong(totals[u.name]), ceiling=format_dong(u.budget_ceiling))
            for u in registry.by_kind(UNIT) if u.budget_ceiling and totals.get(u.name, 0) > u.budget_ceiling]


def _edited_units(state: MasterState, outcomes: list[Outcome]) -> list[CrossCheck]:
    """Units whose rows on 'Tổng hợp' no longer number the tasks last accepted (deleted or added by hand)."""
    merged_now = {o.submission.unit.name for o in outcomes if o.status == Verdict.ACCEPTED and o.submission.unit}
    counts: dict[str, int] = {}
    for row in state.rows:
        counts[row["unit"]] = counts.get(row["unit"], 0) + 1
    return [_check(kinds.ROWS_EDITED, u.unit, u.file, None, rows=counts.get(u.unit, 0), tasks=u.tasks)
            for u in state.units.values()
            if u.status == Standing.SUBMITTED and u.unit not in merged_now and counts.get(u.unit, 0) != u.tasks]


def _noted(outcomes: list[Outcome]) -> list[CrossCheck]:
    """The run's notes worth a line on 'Đối chiếu', and text cut at a cell's limit in accepted files."""
    checks: list[CrossCheck] = []
    for o in outcomes:
        unit = o.submission.unit.name if o.submission.unit else ""
        checks.extend(CrossCheck(n.code, unit, o.submission.path, None, n.message) for n in o.notes if n.code in _NOTED)
        if o.status == Verdict.ACCEPTED:
            checks.extend(_check(kinds.TEXT_TRUNCATED, unit, o.submission.path, row, column=title, length=length,
                                 limit=EXCEL_CELL_LIMIT) for row, title, length in o.submission.overlong)
    return checks


def is_amount(value: Any) -> bool:
    """A budget that can be summed: a finite number (a formula's last result counts)."""
    kind = type(value)
    if kind is int:  # the common case first: called for every row of every cross-tab
        return True
    if kind is Formula:
        return is_amount(value.cached)
    return kind is float and math.isfinite(value)


def _number(value: Any) -> int | None:
    value = plain_value(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None
