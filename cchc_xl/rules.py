"""The rules, run as one pandera schema over the task frame.

A rule is one small function registered with ``@rule("code")``: given the task
frame (one row per entry, raw values plus what the pure parsers made of them),
it returns, aligned with the frame, a ``Problem`` (message parameters, cell,
suggestion, machine fix) or None per row; ``where(mask, frame, explain)`` builds
that from a vectorised mask. The schema has one pandera ``Check`` per active
rule, built from rules.yaml (severity ``off`` removes it), with the rule's
Vietnamese title as its error; pandera runs them lazily and reports the failing
ones, whose rows are mapped back through the entries to worksheet cells.
Parsing lives in the pure modules (deadlines, money, units, areas).

Adding a rule: a function here with ``@rule("code")``, the code in
``findings.CATALOG`` (messages) and in ``validation/rules.yaml`` (severity).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .findings import Finding, finding_type
from .model import Entry, Table
from .periods import Period

FRAME_COLUMNS = ("stt", "area", "task", "product", "lead_unit", "coord_units", "deadline",
                 "budget", "budget_source", "note")


@dataclass
class Problem:
    """What ``explain`` returns: message parameters and where, when not the rule's column."""

    params: dict[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    fix: Any = None
    value: Any = None
    column: str | None = None
    cell: str | None = None
    row: int | None = None


@dataclass
class Context:
    table: Table
    period: Period | None
    config: Any  # config.Config (kept loose: the core does not import YAML loading)
    lang: str = "vi"

    def param(self, code: str, name: str, default: Any = None) -> Any:
        return self.config.param(code, name, default)


RuleFn = Callable[[Any, Context], Any]


@dataclass(frozen=True)
class Rule:
    code: str
    fn: RuleFn  # frame, ctx -> Series of Problem | list[Problem] | None, aligned with the frame


RULES: dict[str, Rule] = {}


def rule(code: str) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function under its catalog code."""
    finding_type(code)  # the code must exist in the catalog

    def register(fn: RuleFn) -> RuleFn:
        RULES[code] = Rule(code, fn)
        return fn

    return register


class _Row:
    """One frame row for ``explain``: ``row["task"]`` and ``row.name`` like a pandas row,
    without building a Series per failing row (the hot path on files with many findings)."""

    __slots__ = ("_frame", "name", "_pos")

    def __init__(self, frame, pos: int):
        self._frame, self._pos, self.name = frame, pos, frame.index[pos]

    def __getitem__(self, column: str) -> Any:
        return self._frame[column].iat[self._pos]


def where(mask, frame, explain: Callable[[Any], "Problem | list[Problem]"]):
    """Series of problems: ``explain(row)`` where ``mask`` holds, None elsewhere."""
    import numpy as np
    import pandas as pd

    flags = mask.astype(bool).to_numpy()
    values = np.full(len(frame), None, dtype=object)
    for pos in np.flatnonzero(flags):
        values[pos] = explain(_Row(frame, int(pos)))
    return pd.Series(values, index=frame.index, dtype=object)


# --------------------------------------------------------------------------- frame
def build_frame(table: Table, ctx: Context):
    """One row per entry: the raw values plus what the pure parsers make of them."""
    import pandas as pd

    records = {key: [e.values.get(key, "") for e in table.entries] for key in FRAME_COLUMNS}
    records["row"] = [e.row for e in table.entries]
    records["is_task"] = [e.is_task for e in table.entries]
    records["area_text"] = [e.area for e in table.entries]
    records["n_rows"] = [len(e.rows) for e in table.entries]
    records["_errors"] = [frozenset(k for k in FRAME_COLUMNS if is_excel_error(e.values.get(k)))
                          for e in table.entries]
    for name, derive in DERIVED.items():
        records[name] = derive(table, ctx)
    frame = pd.DataFrame(records, dtype=object)
    frame["row"] = frame["row"].astype("int64")
    return frame


DERIVED: dict[str, Callable[[Table, Context], list]] = {}


EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!"})


def is_excel_error(value: Any) -> bool:
    return isinstance(value, str) and value in EXCEL_ERRORS


def _fine(frame, key: str):
    """Rows whose ``key`` cell is not a formula error (that one is reported as formula-error)."""
    return ~frame["_errors"].map(lambda errors: key in errors)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _blank(series):
    return series.map(lambda v: v is None or (isinstance(v, str) and not v.strip()))


# --------------------------------------------------------------------------- structural rules
_PRESENT = {"lead_unit": ("đơn vị chủ trì", "a lead unit"), "deadline": ("thời gian", "a deadline"),
            "product": ("sản phẩm", "a product"), "budget": ("kinh phí", "a budget")}


@rule("task-missing")
def task_missing(frame, ctx):
    def explain(row):
        present = [k for k in _PRESENT if _text(row[k])]
        return Problem({"what": ", ".join(_PRESENT[k][0] for k in present),
                        "what_en": ", ".join(_PRESENT[k][1] for k in present)}, value="")
    return where(~frame["is_task"].astype(bool), frame, explain)


@rule("formula-error")
def formula_error(frame, ctx):
    def explain(row):
        entry = ctx.table.entries[row.name]
        return [Problem(value=row[k], column=k, cell=entry.cells.get(k)) for k in FRAME_COLUMNS if k in row["_errors"]]

    return where(frame["_errors"].map(bool), frame, explain)


@rule("lead-unit-missing")
def lead_unit_missing(frame, ctx):
    mask = frame["is_task"].astype(bool) & _blank(frame["lead_unit"])
    return where(mask, frame, lambda row: Problem({"task": _short(row["task"])}, value=""))


def _short(value: Any, limit: int = 60) -> str:
    text = " ".join(_text(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quote(names: list[str]) -> str:
    return ", ".join(f"\u201c{n}\u201d" for n in names)


# --------------------------------------------------------------------------- derived columns
def _derive(name: str):
    def register(fn):
        DERIVED[name] = fn
        return fn
    return register


@_derive("_deadline")
def _deadlines(table: Table, ctx: Context) -> list:
    from .deadlines import parse_deadline

    return [parse_deadline(e.values.get("deadline"), ctx.period) for e in table.entries]


@_derive("_budget")
def _budgets(table: Table, ctx: Context) -> list:
    from .money import parse_money

    return [parse_money(e.values.get("budget")) for e in table.entries]


@_derive("_lead")
def _leads(table: Table, ctx: Context) -> list:
    return [ctx.config.registry.resolve(e.values.get("lead_unit")) for e in table.entries]


@_derive("_coord")
def _coords(table: Table, ctx: Context) -> list:
    return [ctx.config.registry.resolve(e.values.get("coord_units")) for e in table.entries]


# --------------------------------------------------------------------------- units
@rule("lead-unit-unknown")
def lead_unit_unknown(frame, ctx):
    from .units import UNKNOWN

    def explain(row):
        res = row["_lead"]
        unknown = res.of_kind(UNKNOWN)
        near = next((e.suggestion for e in unknown if e.suggestion), None)
        if res.sentence:
            why = "Ô Đơn vị chủ trì ghi một câu/đoạn văn thay vì tên đơn vị."
            why_en = "The lead-unit cell holds a sentence instead of a unit name."
        else:
            why = f"{_quote([e.text for e in unknown])} không có trong danh mục đơn vị."
            why_en = f"{_quote([e.text for e in unknown])} is not in the unit registry."
        hint = f" Có phải: \u201c{near.name}\u201d?" if near else ""
        hint_en = f" Did you mean \u201c{near.name}\u201d?" if near else ""
        fix = near.name if near and not res.sentence and len(res.entries) == 1 else None
        return Problem({"why": why, "why_en": why_en, "hint": hint, "hint_en": hint_en},
                       suggestion=near.name if near else None, fix=fix)

    mask = frame["_lead"].map(lambda r: bool(r.of_kind(UNKNOWN))) & _fine(frame, "lead_unit")
    return where(mask, frame, explain)


@rule("lead-unit-external")
def lead_unit_external(frame, ctx):
    from .units import EXTERNAL

    mask = frame["_lead"].map(lambda r: bool(r.of_kind(EXTERNAL)))
    return where(mask, frame, lambda row: Problem({"name": row["_lead"].of_kind(EXTERNAL)[0].name}))


@rule("lead-unit-collective")
def lead_unit_collective(frame, ctx):
    from .units import COLLECTIVE

    mask = frame["_lead"].map(lambda r: bool(r.of_kind(COLLECTIVE)))
    return where(mask, frame, lambda row: Problem({"name": row["_lead"].of_kind(COLLECTIVE)[0].name}))


@rule("coord-unit-unknown")
def coord_unit_unknown(frame, ctx):
    from .units import UNKNOWN

    def explain(row):
        unknown = row["_coord"].of_kind(UNKNOWN)
        near = [e.suggestion.name for e in unknown if e.suggestion]
        hint = f" Có phải: {_quote(near)}?" if near else ""
        hint_en = f" Did you mean {_quote(near)}?" if near else ""
        name = "\u201d, \u201c".join(e.text for e in unknown)
        return Problem({"name": name, "hint": hint, "hint_en": hint_en},
                       suggestion="; ".join(near) if near else None)

    mask = frame["_coord"].map(lambda r: bool(r.of_kind(UNKNOWN))) & _fine(frame, "coord_units")
    return where(mask, frame, explain)


@rule("lead-is-coordinator")
def lead_is_coordinator(frame, ctx):
    from .units import UNIT

    def both(lead, coord) -> list[str]:
        leads = {e.name for e in lead.of_kind(UNIT)}
        return [e.name for e in coord.of_kind(UNIT) if e.name in leads]

    shared = [both(lead, coord) for lead, coord in zip(frame["_lead"], frame["_coord"])]
    import pandas as pd

    mask = pd.Series([bool(x) for x in shared], index=frame.index)
    return where(mask, frame, lambda row: Problem({"name": both(row["_lead"], row["_coord"])[0]}))


# --------------------------------------------------------------------------- deadlines
@rule("deadline-missing")
def deadline_missing(frame, ctx):
    mask = frame["is_task"].astype(bool) & _blank(frame["deadline"])
    return where(mask, frame, lambda row: Problem(value=""))


@rule("deadline-unparsed")
def deadline_unparsed(frame, ctx):
    from .deadlines import CONDITIONAL, UNPARSED

    def explain(row):
        d = row["_deadline"]
        if d.kind == CONDITIONAL:
            why = f"\u201c{_short(d.text)}\u201d là một điều kiện, không phải thời hạn: không biết khi nào phải xong."
            why_en = f"\u201c{_short(d.text)}\u201d is a condition, not a deadline."
        else:
            why = f"Không nhận ra thời gian trong \u201c{_short(d.text)}\u201d."
            why_en = f"No time recognised in \u201c{_short(d.text)}\u201d."
        return Problem({"why": why, "why_en": why_en})

    mask = frame["_deadline"].map(lambda d: d.kind in (UNPARSED, CONDITIONAL)) & _fine(frame, "deadline")
    return where(mask, frame, explain)


def _when(d) -> str:
    due = d.written_due
    if d.kind in ("month",):
        return f"tháng {due.month:02d}/{due.year}"
    if d.kind in ("year", "quarter", "half-year", "range"):
        return f"năm {due.year}"
    return f"ngày {due:%d/%m/%Y}"


@rule("deadline-out-of-period")
def deadline_out_of_period(frame, ctx):
    from .deadlines import in_period

    period = ctx.period
    grace = int(ctx.param("deadline-out-of-period", "grace_days", 31) or 0)

    def outside(d) -> bool:
        return period is not None and not in_period(d, period, grace)

    def stale(task) -> int | None:
        return _stale_plan_year(_text(task), period)

    def explain(row):
        problems = []
        if outside(row["_deadline"]):
            problems.append(Problem({"when": _when(row["_deadline"]), "subject": "Thời gian",
                                     "subject_en": "The deadline"}))
        if (year := stale(row["task"])) is not None:
            problems.append(Problem({"value": f"… năm {year}", "when": f"năm {year}", "subject": "Nhiệm vụ ghi",
                                     "subject_en": "The task names"}, column="task", value=row["task"]))
        return problems

    mask = frame["_deadline"].map(outside) | frame["task"].map(lambda t: stale(t) is not None)
    return where(mask, frame, explain)


_STALE_PLAN = re.compile(r"(?:xây dựng|ban hành|triển khai|thực hiện)[^.;:]*\bkế hoạch\b[^.;:]*?\bnăm ((?:19|20)\d\d)\b")


_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_PHRASE = re.compile(r"ngày\s*\d{1,2}\s*(?:tháng\s*\d{1,2}\s*năm\s*\d{4}|[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})")


def _stale_plan_year(task: str, period) -> int | None:
    """'Xây dựng Kế hoạch CCHC năm 2019' in a 2020 plan: last year's plan copied. Reports *on*
    an earlier year ('tự đánh giá ... năm 2019') are normal and not matched."""
    if period is None or not task or not _ANY_YEAR.search(task):
        return None
    from .text import lowered, strip_references

    text = _DATE_PHRASE.sub(" ", strip_references(lowered(task)))
    for m in _STALE_PLAN.finditer(text):
        year = int(m.group(1))
        if year < period.start:
            return year
    return None


@rule("deadline-vague")
def deadline_vague(frame, ctx):
    from .deadlines import KIND_VI

    mask = frame["is_task"].astype(bool) & frame["_deadline"].map(lambda d: d.vague)
    return where(mask, frame, lambda row: Problem({"kind": KIND_VI[row["_deadline"].kind],
                                                   "kind_en": row["_deadline"].kind}))


# --------------------------------------------------------------------------- budgets
@rule("budget-not-numeric")
def budget_not_numeric(frame, ctx):
    from .money import format_dong

    def explain(row):
        m = row["_budget"]
        if m.fix is None:
            found, found_en = "Không thấy số tiền nào trong ô.", "No amount found in the cell."
        elif len(m.amounts) == 1:
            found = f"Đọc được số tiền {format_dong(m.fix)} đồng."
            found_en = f"Read the amount {format_dong(m.fix)} đồng."
        else:
            items = " + ".join(format_dong(a) for a in m.amounts)
            found = f"Đọc được {len(m.amounts)} khoản ({items}), tổng {format_dong(m.fix)} đồng."
            found_en = f"Read {len(m.amounts)} amounts ({items}), total {format_dong(m.fix)} đồng."
        return Problem({"found": found, "found_en": found_en},
                       suggestion=format_dong(m.fix) if m.fix is not None else None, fix=m.fix)

    return where(frame["_budget"].map(lambda m: m.is_text) & _fine(frame, "budget"), frame, explain)


def _amount(m) -> float | None:
    return m.total if m.total is not None and m.kind in ("number", "amount") else None


@rule("budget-negative")
def budget_negative(frame, ctx):
    from .money import format_dong

    mask = frame["_budget"].map(lambda m: (_amount(m) or 0) < 0)
    return where(mask, frame, lambda row: Problem({"amount": format_dong(_amount(row["_budget"]))}))


@rule("budget-implausible")
def budget_implausible(frame, ctx):
    from .money import INVALID, format_dong

    ceiling = float(ctx.param("budget-implausible", "ceiling", 20_000_000_000))
    floor = float(ctx.param("budget-implausible", "floor", 1000))

    def problem(m) -> tuple[str, str] | None:
        if m.kind == INVALID:
            return (f"Kinh phí “{m.text}” không phải một số hợp lệ (vô cực hoặc không xác định). Nhập lại số tiền.",
                    f"The budget “{m.text}” is not a valid number (infinite or undefined). Type the amount again.")
        a = _amount(m)
        if a is None or a < 0:
            return None
        if a > ceiling:
            return (f"Kinh phí {format_dong(a)} đồng vượt mức {format_dong(ceiling)} đồng; kiểm tra lại số chữ số.",
                    f"The budget {format_dong(a)} đồng exceeds {format_dong(ceiling)} đồng; check the digits.")
        if m.kind == "number" and float(a) != int(a):
            return (f"Kinh phí {a} không phải số đồng nguyên (có lẻ thập phân); có phải ghi theo triệu đồng?",
                    f"The budget {a} is not a whole number of đồng; was it written in millions?")
        if 0 < a < floor:
            return (f"Kinh phí {format_dong(a)} đồng quá nhỏ; có phải ghi theo triệu đồng? Ghi đủ số đồng.",
                    f"The budget {format_dong(a)} đồng is too small; was it written in millions?")
        return None

    def explain(row):
        why, why_en = problem(row["_budget"])
        return Problem({"why": why, "why_en": why_en})

    return where(frame["_budget"].map(lambda m: problem(m) is not None), frame, explain)


# --------------------------------------------------------------------------- areas, numbering, duplicates
@rule("area-unknown")
def area_unknown(frame, ctx):
    areas = ctx.config.areas

    def explain(row):
        near = areas.suggest(row["area_text"])
        hint = f" Có phải: \u201c{near.name}\u201d?" if near else ""
        hint_en = f" Did you mean \u201c{near.name}\u201d?" if near else ""
        entry = ctx.table.entries[row.name]
        return Problem({"hint": hint, "hint_en": hint_en}, suggestion=near.name if near else None,
                       fix=near.name if near else None, value=row["area_text"], cell=entry.area_cell or None)

    mask = frame["area_text"].map(lambda a: bool(_text(a)) and areas.match(a) is None) & _fine(frame, "area")
    return where(mask, frame, explain)


def _number_scopes(table: Table) -> list[tuple[Any, Any]]:
    """Per entry: (its Number or None, the scope it is numbered in)."""
    from .numbering import parse_number, split_leading

    out = []
    for e in table.entries:
        number = parse_number(e.stt) if e.stt else split_leading(_text(e.values.get("task")))[0]
        if number is not None and number.style == "bullet":
            number = None
        scope = (e.group_row, number.style, number.path[:-1]) if number else None
        out.append((number, scope))
    return out


@rule("stt-duplicate")
def stt_duplicate(frame, ctx):
    seen: dict[tuple, int] = {}
    other: dict[int, int] = {}
    for index, (number, scope) in zip(frame.index, _number_scopes(ctx.table)):
        if number is None:
            continue
        key = (scope, number.path)
        if key in seen:
            other[index] = seen[key]
        else:
            seen[key] = ctx.table.entries[index].row
    import pandas as pd

    mask = pd.Series([i in other for i in frame.index], index=frame.index)
    return where(mask, frame, lambda row: Problem({"other": other[row.name]}, value=row["stt"], column="stt"))


@rule("stt-sequence")
def stt_sequence(frame, ctx):
    from .numbering import ARABIC

    last: dict[tuple, tuple[int, str]] = {}
    issues: dict[int, tuple[str, str]] = {}
    for index, (number, scope) in zip(frame.index, _number_scopes(ctx.table)):
        if number is None or number.style != ARABIC:
            continue
        previous = last.get(scope)
        if previous is None and number.depth == 1:  # a group may restart at 1 or continue
            continuing = [v for (g, st, parent), v in last.items() if st == ARABIC and parent == ()]
            allowed = {1} | ({continuing[-1][0] + 1} if continuing else set())
            if number.path[-1] not in allowed:
                issues[index] = (continuing[-1][1] if continuing else "", "1")
        elif previous is not None and number.path[-1] not in (previous[0], previous[0] + 1):  # equal: stt-duplicate
            expected = ".".join(str(p) for p in (*number.path[:-1], previous[0] + 1))
            issues[index] = (previous[1], expected)
        last[scope] = (number.path[-1], number.text)
    import pandas as pd

    mask = pd.Series([i in issues for i in frame.index], index=frame.index)
    return where(mask, frame, lambda row: Problem(
        {"previous": issues[row.name][0] or "—", "expected": issues[row.name][1]}, value=row["stt"], column="stt"))


@rule("task-duplicate")
def task_duplicate(frame, ctx):
    from .text import fold

    first: dict[str, int] = {}
    other: dict[int, int] = {}
    for index, task in zip(frame.index, frame["task"]):
        key = fold(task)
        if not key or is_excel_error(task):
            continue
        if key in first:
            other[index] = first[key]
        else:
            first[key] = ctx.table.entries[index].row
    import pandas as pd

    mask = pd.Series([i in other for i in frame.index], index=frame.index)
    return where(mask, frame, lambda row: Problem({"other": other[row.name]}))


@rule("row-fragment")
def row_fragment(frame, ctx):
    by_parent: dict[int, list] = {}
    for fragment in ctx.table.fragments:
        by_parent.setdefault(fragment.parent_row, []).append(fragment)

    def explain(row):
        entry = ctx.table.entries[row.name]
        return [Problem({"other": entry.row}, cell=f.cell, row=f.row, value="")
                for f in by_parent.get(entry.row, [])]

    return where(frame["n_rows"].map(lambda n: n > 1), frame, explain)


# --------------------------------------------------------------------------- schema
def active_rules(config: Any) -> list[Rule]:
    return [r for code, r in RULES.items() if config.severity(code) != "off"]


def build_schema(rules: list[Rule], ctx: Context, frame, results: dict[str, Any]):
    """One DataFrameSchema: the structural ``row`` column and one Check per active rule.

    A rule needs the whole frame, so its check reads ``frame`` (it is attached to the
    ``row`` column to have one place to live). It keeps the rule's per-row problems in
    ``results`` and tells pandera whether the frame passes: pandera runs every check
    lazily and reports the failing rules, whose rows come from ``results``. (Letting
    pandera build per-row failure cases cost about 2 ms per failing rule and file,
    twice the rule itself: too much for a folder of a thousand submissions.)
    """
    import pandera.pandas as pa

    def run(r: Rule) -> bool:
        results[r.code] = r.fn(frame, ctx)
        return bool(results[r.code].isna().all())

    checks = [pa.Check.ge(1)] + [pa.Check(lambda s, r=r: run(r), name=r.code,
                                          error=finding_type(r.code).title(ctx.lang)) for r in rules]
    columns = {key: pa.Column(nullable=True, required=True) for key in FRAME_COLUMNS}
    columns["row"] = pa.Column("int64", checks=checks)
    return pa.DataFrameSchema(columns, strict=False, coerce=False)


def validate(table: Table, ctx: Context) -> list[Finding]:
    """Every finding of the active rules on ``table``, sorted by row then column."""
    import pandera.pandas as pa

    frame = build_frame(table, ctx)
    rules = active_rules(ctx.config)
    results: dict[str, Any] = {}
    try:
        build_schema(rules, ctx, frame, results).validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases
    ours = (failures["column"] == "row") & (failures["check_number"].fillna(0) >= 1)
    if not ours.all():  # the frame itself is malformed: a bug of ours, not the user's
        raise RuntimeError(f"task frame failed its structural schema:\n{failures[~ours]}")
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for check_number in sorted({int(n) for n in failures["check_number"]}):
        r = rules[check_number - 1]
        problems = results[r.code]
        for index, explained in zip(problems.index, problems):
            if explained is None:
                continue
            entry = table.entries[int(index)]
            for problem in explained if isinstance(explained, list) else [explained]:
                finding = _finding(r.code, problem, entry, table, ctx)
                if (finding.code, finding.cell) not in seen:
                    seen.add((finding.code, finding.cell))
                    findings.append(finding)
    return sort_findings(findings)


def _finding(code: str, p: Problem, entry: Entry, table: Table, ctx: Context) -> Finding:
    kind = finding_type(code)
    column = p.column or kind.column
    cell = p.cell or entry.cells.get(column or "") or table.cell(column or "task", entry.row)
    value = p.value if p.value is not None else entry.values.get(column or "", "")
    params = {"value": _short(value, 120), "period": str(ctx.period or ""),
              "year": (ctx.period.start if ctx.period else ""), **p.params}
    return Finding(code, ctx.config.severity(code), table.sheet, cell,
                   p.row or entry.row, column, value, kind.message(ctx.lang, **params),
                   p.suggestion, p.fix)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    from .model import parse_ref

    def key(f: Finding):
        try:
            row, col = parse_ref(f.cell)
        except ValueError:
            row, col = f.row, 0
        return (f.sheet, row, col, f.code)

    return sorted(findings, key=key)
