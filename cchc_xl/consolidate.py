"""Consolidation: checked unit submissions + the previous master -> the new master state.

Pure: it sees checked results and the previous state, never a workbook. The
rules it applies (stated in the README and tested one by one):

* a submission with errors (or, with --reject-warnings, warnings), from an
  unknown submitter, for another plan period, or (if configured) on an old
  template is rejected; the unit's previously merged rows are kept;
* upsert by submitting unit: an accepted submission replaces that unit's rows;
  units absent from the run keep theirs; identical content is "không thay đổi"
  and nothing of that unit is rewritten, so running twice changes nothing;
* two files from one unit in one run: the newer (Ngày lập, then file time) wins,
  the other is "superseded";
* cross-submission checks: a task sent by two units, a task led by a unit other
  than the sender, a unit over its budget ceiling, an old template.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .deadlines import parse_deadline
from .money import INVALID, format_dong, parse_money
from .model import EXCEL_CELL_LIMIT, Formula, plain_value
from .periods import Period
from .text import fold, plain, to_roman
from .units import UNIT, Registry, Unit

ACCEPTED, REJECTED, MISSING = "Đã nộp", "Bị trả lại", "Chưa nộp"

# The columns of the master's 'Tổng hợp' table, in order: (key, header).
MASTER_COLUMNS: list[tuple[str, str]] = [
    ("stt", "STT"), ("unit", "Đơn vị gửi"), ("area", "Lĩnh vực"), ("task", "Nhiệm vụ"),
    ("product", "Sản phẩm"), ("lead_unit", "Đơn vị chủ trì"), ("coord_units", "Đơn vị phối hợp"),
    ("deadline", "Thời gian hoàn thành"), ("due", "Hạn (ngày)"), ("budget", "Kinh phí (đồng)"),
    ("budget_source", "Nguồn kinh phí"), ("note", "Ghi chú"), ("source_file", "Tệp nguồn"),
    ("source_row", "Dòng nguồn"), ("file_id", "Mã tệp"), ("merged_at", "Thời điểm tổng hợp"),
]
MASTER_KEYS = [k for k, _ in MASTER_COLUMNS]

# Cross-submission checks: code -> (severity, Vietnamese title)
CHECKS = {
    "task-shared": ("warning", "Cùng một nhiệm vụ do hai đơn vị gửi"),
    "lead-not-sender": ("warning", "Nhiệm vụ do đơn vị khác chủ trì (đơn vị đó chưa xác nhận)"),
    "budget-over-ceiling": ("warning", "Tổng kinh phí vượt trần của đơn vị"),
    "template-old": ("warning", "Làm trên mẫu cũ hoặc không dùng mẫu chuẩn"),
    "period-mismatch": ("error", "Khác kỳ kế hoạch"),
    "submitter-unknown": ("error", "Không xác định được đơn vị gửi"),
    "has-errors": ("error", "Còn lỗi"),
    "has-warnings": ("warning", "Còn cảnh báo (--reject-warnings)"),
    "unreadable": ("error", "Không đọc được tệp"),
    "internal-error": ("error", "Lỗi không mong đợi khi xử lý tệp"),
    "submission-empty": ("error", "Bài nộp không có nhiệm vụ nào"),
    "text-truncated": ("warning", "Nội dung dài quá giới hạn một ô Excel (32.767 ký tự): đã cắt bớt"),
    "rows-edited": ("warning", "Số dòng trên trang Tổng hợp khác số nhiệm vụ đã nhận (sửa tay?)"),
    "unchanged": ("info", "Không thay đổi so với lần tổng hợp trước"),
    "superseded": ("info", "Có bản mới hơn của cùng đơn vị trong lần này"),
}


@dataclass
class CrossCheck:
    code: str
    unit: str
    file: str
    row: int | None
    message: str
    other_unit: str = ""
    other_file: str = ""
    other_row: int | None = None

    @property
    def severity(self) -> str:
        return CHECKS[self.code][0]

    def as_json(self) -> dict:
        return {**asdict(self), "severity": self.severity}


@dataclass
class UnitState:
    unit: str
    status: str = MISSING
    file: str = ""
    file_id: str = ""
    content_hash: str = ""
    tasks: int = 0
    errors: int = 0
    warnings: int = 0
    time: str = ""
    note: str = ""
    template_version: str = ""


@dataclass
class MasterState:
    """What the master holds: rows (dicts by MASTER_KEYS; a column the office added is under
    ``row["extra"][title]``), each unit's state, cross-checks. ``layout`` is how the office left
    the workbook (the adapter's business: the planner only passes it on)."""

    period: Period | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    units: dict[str, UnitState] = field(default_factory=dict)
    checks: list[CrossCheck] = field(default_factory=list)
    layout: Any = None
    changed: bool = True             # False: writing it would only rewrite the same master


@dataclass
class Submission:
    """One input file after checking, with what consolidation needs to know about it."""

    path: str
    result: Any                      # checker.FileResult
    file_hash: str = ""
    mtime: float = 0.0
    unit: Unit | None = None
    unit_from: str = ""              # "header" or "file name"
    made: dt.datetime | None = None  # Ngày lập
    template_version: str = ""
    period: Period | None = None     # the submission's own period, if it states one
    annotated: str = ""              # path of the annotated copy, for rejected ones
    rows: list[dict[str, Any]] = field(default_factory=list, repr=False)  # master rows (see prepare)
    digest: str = ""                 # content hash of its table
    overlong: list[tuple[int, str, int]] = field(default_factory=list)  # (row, column, length) over a cell's limit

    @property
    def file_id(self) -> str:
        return self.file_hash[:12]


@dataclass
class Outcome:
    submission: Submission
    status: str                      # accepted, rejected, superseded, unchanged
    reasons: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)   # CHECKS codes behind the reasons

    def as_json(self) -> dict:
        r = self.submission.result
        return {"path": self.submission.path, "unit": self.submission.unit.name if self.submission.unit else None,
                "unit_from": self.submission.unit_from, "tasks": r.tasks, "errors": r.errors,
                "warnings": r.warnings, "file_id": self.submission.file_id, "reasons": self.reasons,
                "annotated": self.submission.annotated or None}


@dataclass
class Options:
    accept_warnings: bool = True
    old_template: str = "warning"    # or "reject"
    template_version: str = "1.0"
    withdraw: frozenset[str] = frozenset()  # units whose empty submission withdraws all their tasks


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


def content_hash(result: Any) -> str:
    """SHA-256 of the table's content: the same tasks re-saved give the same hash."""
    rows = [[_jsonable(e.values.get(k)) for k in sorted(e.values)] for e in result.table.entries] if result.table else []
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


# --------------------------------------------------------------------------- planning
def judge(submissions: list[Submission], period: Period | None, options: Options) -> list[Outcome]:
    """Accept, reject or supersede each submission (before anything is merged)."""
    outcomes = [_judge(s, period, options) for s in submissions]
    _supersede(outcomes)
    return outcomes


def plan(previous: MasterState | None, outcomes: list[Outcome], registry: Registry,
         period: Period | None, now: dt.datetime) -> MasterState:
    """The new master state from the previous one and the judged submissions.

    Rows keep the order the master had (the office may have sorted them): a unit's new rows
    take the place of its old ones, units new to the master follow in registry order.
    ``outcomes`` of accepted submissions whose content equals what is merged turn "unchanged";
    ``changed`` is False when the result is what the master already holds.
    """
    prev = previous or MasterState(period)
    state = MasterState(period or prev.period, layout=prev.layout)
    state.units = {u.name: UnitState(u.name) for u in registry.by_kind(UNIT)}
    for name, old in prev.units.items():  # what earlier runs recorded stays until replaced
        state.units[name] = UnitState(**asdict(old))
    stamp = now.strftime("%d/%m/%Y %H:%M")
    held = {row["unit"] for row in prev.rows}
    replaced: dict[str, list[dict[str, Any]]] = {}
    for outcome in outcomes:
        s = outcome.submission
        unit = s.unit.name if s.unit else ""
        old = prev.units.get(unit)
        if outcome.status == "accepted":
            if old and old.status == ACCEPTED and old.content_hash == s.digest and (unit in held or not s.rows):
                outcome.status = "unchanged"
                state.checks.append(CrossCheck("unchanged", unit, s.path, None, CHECKS["unchanged"][1]))
                continue
            replaced[unit] = [{**row, "merged_at": stamp} for row in s.rows]
            state.units[unit] = UnitState(unit, ACCEPTED, s.path, s.file_id, s.digest, s.result.tasks,
                                          s.result.errors, s.result.warnings, stamp,
                                          "; ".join(outcome.reasons), s.template_version)
        elif outcome.status == "rejected" and unit:
            _record_rejection(state, outcome, unit, unit in held, stamp)
    state.rows = _merged_rows(prev.rows, replaced, registry)
    for i, row in enumerate(state.rows, start=1):
        row["stt"] = i
    state.changed = previous is None or bool(replaced) or state.units != prev.units or state.period != prev.period
    state.checks.extend(_cross_checks(state, registry, outcomes))
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
    elif not (current.status == REJECTED and current.file_id == s.file_id and current.note == note):
        state.units[unit] = UnitState(unit, REJECTED, s.path, s.file_id, "", s.result.tasks,
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
    """What the office typed in its own columns follows a resubmitted task whose text is unchanged."""
    typed = {fold(plain_value(r["task"])): r["extra"] for r in old if r.get("extra")}
    if not typed:
        return new
    return [{**row, "extra": typed[fold(row["task"])]} if fold(row["task"]) in typed else row for row in new]


def _judge(s: Submission, period: Period | None, options: Options) -> Outcome:
    out = Outcome(s, "accepted")
    r = s.result

    def note(code: str, text: str, rejects: bool = True) -> None:
        if rejects:
            out.status = "rejected"
        out.reasons.append(text)
        out.codes.append(code)

    if r.error:
        note("internal-error" if r.error_code == "internal-error" else "unreadable", r.error)
        return out
    if r.tasks == 0 and not r.errors:
        if s.unit is not None and s.unit.name in options.withdraw:
            out.reasons.append("đơn vị rút toàn bộ nhiệm vụ (--withdraw)")
        else:
            note("submission-empty", "không có nhiệm vụ nào (gửi nhầm mẫu trống?); các dòng đã tổng hợp của đơn vị "
                                     "được giữ. Nếu đơn vị rút toàn bộ nhiệm vụ, chạy lại với --withdraw "
                                     f"“{s.unit.name if s.unit else 'tên đơn vị'}”")
    if s.unit is None:
        note("submitter-unknown", "không xác định được đơn vị gửi: ghi ô Đơn vị gửi theo danh mục "
                                    "hoặc đặt tên tệp có tên đơn vị")
    if period and s.period and not _same_period(s.period, period):
        note("period-mismatch", f"kỳ kế hoạch của tệp là {s.period}, khác kỳ tổng hợp {period}")
    if r.errors:
        note("has-errors", f"còn {r.errors} lỗi")
    elif r.warnings and not options.accept_warnings:
        note("has-warnings", f"còn {r.warnings} cảnh báo")
    if _older(s.template_version, options.template_version):
        what = f"mẫu phiên bản {s.template_version}" if s.template_version else "không dùng mẫu chuẩn"
        note("template-old", f"{what} (mẫu hiện hành {options.template_version})",
             rejects=options.old_template == "reject")
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
        if o.status == "accepted" and o.submission.unit:
            by_unit.setdefault(o.submission.unit.name, []).append(o)
    for group in by_unit.values():
        group.sort(key=lambda o: (o.submission.made or dt.datetime.min, o.submission.mtime, o.submission.path))
        for older in group[:-1]:
            older.status = "superseded"
            older.reasons.append(f"có bản mới hơn: {group[-1].submission.path}")


def _rows(s: Submission, registry: Registry) -> list[dict[str, Any]]:
    """Master rows of an accepted submission, with provenance."""
    table, period = s.result.table, s.result.period
    rows = []
    for e in table.tasks:
        v = e.values
        money = parse_money(v.get("budget"))
        budget = money.fix if money.fix is not None else (money.total if money.kind == "number" else (v.get("budget") or None))
        if money.kind == INVALID:
            budget = money.text
        lead = registry.resolve(v.get("lead_unit"))
        lead_name = "; ".join(x.name for x in lead.entries) if lead.entries and not lead.sentence else v.get("lead_unit")
        rows.append({
            "stt": 0, "unit": s.unit.name if s.unit else "", "area": _str(e.area or v.get("area")),
            "task": _str(v.get("task")), "product": _str(v.get("product")), "lead_unit": _str(lead_name),
            "coord_units": _str(v.get("coord_units")), "deadline": v.get("deadline") or "",
            "due": parse_deadline(v.get("deadline"), period).due, "budget": budget,
            "budget_source": _str(v.get("budget_source")), "note": _str(v.get("note")),
            "source_file": s.path, "source_row": e.row, "file_id": s.file_id, "merged_at": "",
        })
    return rows


def _str(value: Any) -> str:
    """A text column's value as text: a number typed in a name cell must still sort and group with names."""
    return "" if value is None else value if isinstance(value, str) else str(value)


def _cross_checks(state: MasterState, registry: Registry, outcomes: list[Outcome]) -> list[CrossCheck]:
    checks: list[CrossCheck] = []
    seen: dict[str, dict] = {}
    for row in state.rows:
        unit, task = row["unit"], row["task"]
        if type(unit) is not str or type(task) is not str:  # edited by hand in the master
            unit, task = _str(plain_value(unit)), _str(plain_value(task))
        key = fold(task)
        first = seen.get(key)
        if first is not None and first["unit"] != row["unit"]:
            checks.append(CrossCheck("task-shared", unit, _str(row["source_file"]), _number(row["source_row"]),
                                     f"\u201c{task[:80]}\u201d cũng có trong bài nộp của {first['unit']}.",
                                     _str(first["unit"]), _str(first["source_file"]), _number(first["source_row"])))
        seen.setdefault(key, row)
        lead = row["lead_unit"]
        leads = [u.name for u in registry.resolve(lead if type(lead) is str else _str(plain_value(lead))).of_kind(UNIT)]
        if leads and unit not in leads:
            checks.append(CrossCheck("lead-not-sender", unit, _str(row["source_file"]), _number(row["source_row"]),
                                     f"Nhiệm vụ do {', '.join(leads)} chủ trì nhưng {unit} gửi; "
                                     f"cần {leads[0]} xác nhận.", leads[0]))
    totals: dict[str, float] = {}
    for row in state.rows:
        if _is_amount(row["budget"]):
            totals[row["unit"]] = totals.get(row["unit"], 0) + plain_value(row["budget"])
    for unit in registry.by_kind(UNIT):
        if unit.budget_ceiling and totals.get(unit.name, 0) > unit.budget_ceiling:
            checks.append(CrossCheck("budget-over-ceiling", unit.name, state.units[unit.name].file, None,
                                     f"Tổng kinh phí {format_dong(totals[unit.name])} đồng vượt trần "
                                     f"{format_dong(unit.budget_ceiling)} đồng."))
    checks.extend(_edited_units(state, outcomes))
    for o in outcomes:
        unit = o.submission.unit.name if o.submission.unit else ""
        for code, reason in zip(o.codes, o.reasons):
            if code in ("template-old", "period-mismatch", "submitter-unknown"):
                checks.append(CrossCheck(code, unit, o.submission.path, None, reason))
        if o.status == "superseded":
            checks.append(CrossCheck("superseded", unit, o.submission.path, None, o.reasons[-1]))
        if o.status == "accepted":
            checks.extend(CrossCheck("text-truncated", unit, o.submission.path, row,
                                     f"Cột \u201c{title}\u201d dài {length} ký tự: trên trang Tổng hợp chỉ giữ "
                                     f"{EXCEL_CELL_LIMIT} ký tự đầu; xem bản gốc trong tệp nguồn.")
                          for row, title, length in o.submission.overlong)
    return checks


def _edited_units(state: MasterState, outcomes: list[Outcome]) -> list[CrossCheck]:
    """Units whose rows on 'Tổng hợp' no longer number the tasks last accepted (deleted or added by hand)."""
    merged_now = {o.submission.unit.name for o in outcomes if o.status == "accepted" and o.submission.unit}
    counts: dict[str, int] = {}
    for row in state.rows:
        counts[row["unit"]] = counts.get(row["unit"], 0) + 1
    return [CrossCheck("rows-edited", u.unit, u.file, None,
                       f"Trang Tổng hợp có {counts.get(u.unit, 0)} dòng của đơn vị, lần nhận gần nhất có {u.tasks} "
                       "nhiệm vụ: dòng đã bị xóa hoặc thêm bằng tay? Kiểm tra lại hoặc khôi phục từ bản .bak.xlsx.")
            for u in state.units.values()
            if u.status == ACCEPTED and u.unit not in merged_now and counts.get(u.unit, 0) != u.tasks]


def _is_amount(value: Any) -> bool:
    kind = type(value)
    if kind is int:  # the common case first: called for every row of every cross-tab
        return True
    if kind is Formula:
        return _is_amount(value.cached)
    return kind is float and math.isfinite(value)


def _number(value: Any) -> int | None:
    value = plain_value(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# --------------------------------------------------------------------------- cross-tabs of the master
@dataclass
class CrossRow:
    name: str
    tasks: int
    budget: float
    per_unit: dict[str, int]
    ceiling: int | None = None

    @property
    def over_ceiling(self) -> bool:
        return bool(self.ceiling) and self.budget > self.ceiling


@dataclass
class Crosstab:
    label: str                 # what the rows are ("Lĩnh vực")
    title: str                 # the chart's title
    rows: list[CrossRow]
    senders: list[str]         # one count column per sending unit ([] for none)
    total_tasks: int
    total_budget: float
    with_ceiling: bool = False
    over_time: bool = False    # rows are quarters: a column chart


def _budget(rows: list[dict]) -> float:
    return sum(plain_value(r["budget"]) for r in rows if _is_amount(r.get("budget")))


def crosstabs(state: MasterState, areas: Any, registry: Registry) -> list[Crosstab]:
    """Tasks and budgets by area (per sending unit too), by lead unit (against its ceiling), by quarter."""
    sending = {r["unit"] for r in state.rows}
    senders = [u for u in state.units if u in sending]
    ceilings = {u.name: u.budget_ceiling for u in registry.units if u.budget_ceiling}
    total = len(state.rows), _budget(state.rows)

    def rows(groups: list[tuple[str, list[dict]]], with_ceiling: bool = False) -> list[CrossRow]:
        return [CrossRow(name, len(g), _budget(g), dict(Counter(r["unit"] for r in g)),
                         ceilings.get(name) if with_ceiling else None) for name, g in groups]

    return [
        Crosstab("Lĩnh vực", "Số nhiệm vụ theo lĩnh vực", rows(_by_area(state, areas)), senders, *total),
        Crosstab("Đơn vị chủ trì", "Số nhiệm vụ theo đơn vị chủ trì", rows(_by_lead(state), True), [], *total,
                 with_ceiling=True),
        Crosstab("Thời hạn", "Số nhiệm vụ theo thời hạn", rows(_by_quarter(state)), [], *total, over_time=True),
    ]


def _group(rows: list[dict], key) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def _by_area(state: MasterState, areas: Any) -> list[tuple[str, list[dict]]]:
    def name(row: dict) -> str:
        area = _str(plain_value(row["area"]))
        if not area:
            return "(không ghi lĩnh vực)"
        found = areas.match(area) if areas else None
        return found.name if found else area

    order = {a.name: i for i, a in enumerate(areas.areas)} if areas else {}
    return sorted(_group(state.rows, name).items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def _by_lead(state: MasterState) -> list[tuple[str, list[dict]]]:
    groups = _group(state.rows, lambda r: _str(plain_value(r["lead_unit"])) or "(không ghi)")
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


OUTSIDE, UNDATED = "Ngoài kỳ", "Không xác định (thường xuyên, theo yêu cầu…)"


def _by_quarter(state: MasterState) -> list[tuple[str, list[dict]]]:
    """Every quarter of the period, then due dates outside it, then tasks with no date."""
    period = state.period
    dues = [plain_value(r["due"]) for r in state.rows if isinstance(plain_value(r.get("due")), dt.date)]
    first = period.start if period else min((d.year for d in dues), default=dt.date.today().year)
    last = period.end if period and period.end else max([first, *(d.year for d in dues)])
    groups: dict[str, list[dict]] = {f"Quý {to_roman(q)}/{y}": [] for y in range(first, last + 1) for q in range(1, 5)}
    groups[OUTSIDE], groups[UNDATED] = [], []
    for row in state.rows:
        due = plain_value(row.get("due"))
        if not isinstance(due, dt.date):
            groups[UNDATED].append(row)
            continue
        label = f"Quý {to_roman((due.month - 1) // 3 + 1)}/{due.year}"
        groups[label if label in groups else OUTSIDE].append(row)
    return list(groups.items())
