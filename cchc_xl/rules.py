"""The rules, run as one pandera schema over the task frame.

A rule is a small plugin: a ``mask`` (vectorised over the frame: True where the
rule finds a problem) and an ``explain`` (for one failing row: the message
parameters, the suggestion and the machine fix). The schema has one pandera
``Check`` per active rule, built from rules.yaml (severity ``off`` removes it);
pandera collects every failure lazily and its failure cases are mapped back to
the entry and so to the worksheet cell. Parsing lives in the pure modules
(deadlines, money, units, areas): the frame holds their results.

Adding a rule: write ``mask`` and ``explain`` with ``@rule("code")`` below, add
the code to ``findings.CATALOG`` (messages) and to ``validation/rules.yaml``.
"""

from __future__ import annotations

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


def where(mask, frame, explain: Callable[[Any], "Problem | list[Problem]"]):
    """Series of problems: ``explain(row)`` where ``mask`` holds, None elsewhere."""
    import pandas as pd

    mask = mask.astype(bool)
    out = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    for index in frame.index[mask.to_numpy()]:
        out.at[index] = explain(frame.loc[index])
    return out


# --------------------------------------------------------------------------- frame
def build_frame(table: Table, ctx: Context):
    """One row per entry: the raw values plus what the pure parsers make of them."""
    import pandas as pd

    records = {key: [e.values.get(key, "") for e in table.entries] for key in FRAME_COLUMNS}
    records["row"] = [e.row for e in table.entries]
    records["is_task"] = [e.is_task for e in table.entries]
    records["area_text"] = [e.area for e in table.entries]
    records["n_rows"] = [len(e.rows) for e in table.entries]
    for name, derive in DERIVED.items():
        records[name] = derive(table, ctx)
    frame = pd.DataFrame(records, dtype=object)
    frame["row"] = frame["row"].astype("int64")
    return frame


DERIVED: dict[str, Callable[[Table, Context], list]] = {}


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


@rule("lead-unit-missing")
def lead_unit_missing(frame, ctx):
    mask = frame["is_task"].astype(bool) & _blank(frame["lead_unit"])
    return where(mask, frame, lambda row: Problem({"task": _short(row["task"])}, value=""))


def _short(value: Any, limit: int = 60) -> str:
    text = " ".join(_text(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------- schema
def active_rules(config: Any) -> list[Rule]:
    return [r for code, r in RULES.items() if config.severity(code) != "off"]


def build_schema(rules: list[Rule], ctx: Context, results: dict[str, Any]):
    """One DataFrameSchema: structural columns plus one Check per active rule.

    Each check keeps its rule's problems in ``results`` so that the failing rows
    pandera reports can be explained without running the rule twice.
    """
    import pandera.pandas as pa

    def run(r: Rule, df):
        results[r.code] = r.fn(df, ctx)
        return results[r.code].isna()

    columns = {key: pa.Column(nullable=True, required=True) for key in FRAME_COLUMNS}
    columns["row"] = pa.Column("int64", pa.Check.ge(1))
    checks = [pa.Check(lambda df, r=r: run(r, df), name=r.code, error=finding_type(r.code).title(ctx.lang))
              for r in rules]
    return pa.DataFrameSchema(columns, checks=checks, strict=False, coerce=False)


def validate(table: Table, ctx: Context) -> list[Finding]:
    """Every finding of the active rules on ``table``, sorted by row then column."""
    import pandera.pandas as pa

    frame = build_frame(table, ctx)
    rules = active_rules(ctx.config)
    results: dict[str, Any] = {}
    try:
        build_schema(rules, ctx, results).validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases
    structural = failures[failures["schema_context"] != "DataFrameSchema"]
    if len(structural):  # the frame itself is malformed: a bug of ours, not the user's
        raise RuntimeError(f"task frame failed its structural schema:\n{structural}")
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for check_number, index in zip(failures["check_number"], failures["index"]):
        r = rules[int(check_number)]
        entry = table.entries[int(index)]
        explained = results[r.code].at[int(index)]
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
