"""The pandera schema of the task frame, built from the rules in force, and the findings it yields.

Each column of the frame carries the checks of the rules declared on it (the
lead-unit column its unit rules, the deadline column its deadline rules, the
budget column its budget rules…); formula-error, which looks at every column, is
a dataframe-level check. A check is registered as pandera documents custom checks
(``pa.Check(fn, name=code, title=…)``) and returns a boolean per row. pandera runs
them lazily and reports the failing rows in its failure cases; only those rows are
then explained by their rule (message, cell, suggestion, fix).

Cost, warm, on a 200-row appendix: about 7 ms when every row passes (one check per
active rule, ``ignore_na=False`` so pandera does not compute null masks we never
need), plus about 8 ms per failing column: pandera assembles failure cases at the
column, component and schema level. See benchmarks/results.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from cchc_xl.check.catalog import Finding, kind_of
from cchc_xl.check.frame import FRAME_COLUMNS, build_frame
from cchc_xl.check.report_frame import REPORT_FRAME_COLUMNS, build_report_frame
from cchc_xl.check.rules import Context, Problem, Row, Rule
from cchc_xl.check.rules.base import COLUMN, PLAN, REPORT, short
from cchc_xl.core.model import Entry, Table, parse_ref

if TYPE_CHECKING:
    import pandera.pandas as pa

SCHEMA_NAME = "Phụ lục nhiệm vụ CCHC"
# per family of rules: the frame's columns, how it is built, the schema's name
FAMILIES: dict[str, tuple[tuple[str, ...], Callable[[Table, Context], Any], str]] = {
    PLAN: (FRAME_COLUMNS, build_frame, SCHEMA_NAME),
    REPORT: (REPORT_FRAME_COLUMNS, build_report_frame, "Báo cáo tiến độ nhiệm vụ CCHC"),
}
LEVEL_EN = {"so": "department", "tinh": "province", "huyen": "district", "xa": "commune", "bo": "ministry"}


def build_schema(rules: list[Rule], ctx: Context, family: str = PLAN) -> pa.DataFrameSchema:
    """One ``Column`` per appendix (or report) column holding the checks of its rules; dataframe-level
    checks for the rest."""
    import pandera.pandas as pa

    keys, _, name = FAMILIES[family]
    checks: dict[str | None, list[pa.Check]] = {key: [] for key in keys}
    checks[None] = []
    for rule in rules:
        for column, fn in rule.checks():
            checks[column].append(pa.Check(_bound(fn, ctx), name=rule.code, title=rule.title[0], description=rule.doc,
                                           ignore_na=False))
    columns = {key: pa.Column(checks=checks[key], nullable=True, required=True, title=key) for key in keys}
    return pa.DataFrameSchema(columns, checks=checks[None], strict=True, coerce=False, name=name)


def _bound(fn: Callable[[Any, Context], Any], ctx: Context) -> Callable[[Any], Any]:
    """The check as pandera calls it (one argument), with the table's context it reads."""
    return lambda data: fn(data, ctx)


def validate(table: Table, ctx: Context, family: str = PLAN) -> list[Finding]:
    """Every finding of the active rules of ``family`` on ``table``, sorted by row then column."""
    import pandera.pandas as pa

    keys, build, _ = FAMILIES[family]
    rules = ctx.config.active(family)
    frame = build(table, ctx)
    try:
        build_schema(rules, ctx, family).validate(frame, lazy=True, inplace=True)
        return []
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases
    by_code = {rule.code: rule for rule in rules}
    unknown = ~failures["check"].isin(list(by_code))
    if unknown.any():  # the frame itself broke the schema's structure: a bug of ours, not the user's
        raise RuntimeError(f"task frame failed its structural schema:\n{failures[unknown]}")
    cells = {key: frame[key].tolist() for key in keys}
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for code, column, indexes in _failing(failures, by_code):
        rule = by_code[code]
        rows = [Row(cells, i, table.entries[i], column) for i in indexes]
        for row, problem in rule.problems(rows, ctx):
            finding = _finding(rule, problem, row.entry, table, ctx)
            if (finding.code, finding.cell) not in seen:
                seen.add((finding.code, finding.cell))
                findings.append(finding)
    return sort_findings(findings)


def _failing(failures: Any, rules: dict[str, Rule]) -> list[tuple[str, str | None, list[int]]]:
    """(rule code, column checked, failing row indexes) from pandera's failure cases, in rule order.

    A dataframe-level check is reported by pandera once per column of a failing row: its rows
    are gathered once, with no column."""
    groups: dict[tuple[str, str | None], set[int]] = {}
    for code, column, index in zip(failures["check"].tolist(), failures["column"].tolist(),
                                   failures["index"].tolist()):
        if index == index and index is not None:  # NaN for a failure about the whole frame
            key = (code, str(column) if rules[code].scope == COLUMN else None)
            groups.setdefault(key, set()).add(int(index))
    order = {code: i for i, code in enumerate(rules)}
    return [(code, column, sorted(rows)) for (code, column), rows in
            sorted(groups.items(), key=lambda kv: order[kv[0][0]])]


def _finding(rule: Rule, p: Problem, entry: Entry, table: Table, ctx: Context) -> Finding:
    kind = kind_of(rule.code)
    column = p.column or kind.column
    cell = p.cell or entry.cells.get(column or "") or table.cell(column or "task", entry.row)
    value = p.value if p.value is not None else entry.values.get(column or "", "")
    level = ctx.config.registry.level
    params = {"value": short(value, 120), "period": str(ctx.period or ""), "level": level.name,
              "level_en": LEVEL_EN.get(level.code, "department"), "year": (ctx.period.start if ctx.period else ""),
              **p.params}
    return Finding(rule.code, ctx.config.severity(rule.code), table.sheet, cell,
                   p.row or entry.row, column, value, kind.message(ctx.lang, **params), p.suggestion, p.fix)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """By sheet, then row and column of the cell, then code: the order a reader scans a sheet in."""
    def key(f: Finding) -> tuple:
        """Sort key: sheet, row, column, code."""
        try:
            row, col = parse_ref(f.cell)
        except ValueError:
            row, col = f.row, 0
        return (f.sheet, row, col, f.code)

    return sorted(findings, key=key)
