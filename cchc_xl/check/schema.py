"""The pandera schema of the task frame, built once per configuration from the rules in force, and the findings.

Each column of the frame carries the checks of the rules declared on it (the
lead-unit column its unit rules, the deadline column its deadline rules, the
budget column its budget rules…); formula-error and the report rules reading
several columns are dataframe-level checks. A check is a ``pa.Check`` made once, as
pandera documents custom checks (``pa.Check(fn, name=code, title=…, statistics=…)``:
the parameters in force are its statistics), and returns a boolean per row. Nothing
about one file is closed over: the file's facts travel in the frame (each cell knows
its row, each row its frame, the frame the ``Context``), so ``schema_for`` builds one
schema per configuration and family, and every file, folder and ribbon click checked
with that configuration reuses it. pandera runs the checks lazily and reports the
failing rows in its failure cases; only those rows are then explained by their rule
(message, cell, suggestion, fix). Book rules, which need no frame, are decided in
their own classes too (``book_findings``).

Cost, warm, on a 200-row appendix: about 7 ms when every row passes (one check per
active rule, ``ignore_na=False`` so pandera does not compute null masks we never
need), plus about 8 ms per failing column: pandera assembles failure cases at the
column, component and schema level. See benchmarks/results.md.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Callable

from cchc_xl.check.catalog import OFF, Finding, kind_of
from cchc_xl.check.frame import FRAME_COLUMNS, PlanFrame, build_frame, release
from cchc_xl.check.report_frame import REPORT_FRAME_COLUMNS, ReportFrame, build_report_frame
from cchc_xl.check.rules import RULES, Context, Problem, Rule
from cchc_xl.check.rules.base import BOOK, COLUMN, PLAN, REPORT, BookFacts, BookRule, CheckFn, RowRule, short
from cchc_xl.core.model import Entry, Table, parse_ref

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

    from cchc_xl.check.config import Config

SCHEMA_NAME = "Phụ lục nhiệm vụ CCHC"
Frame = PlanFrame | ReportFrame
# per family of rules: the frame's columns, how it is built, the schema's name
FAMILIES: dict[str, tuple[tuple[str, ...], Callable[[Table, Context], Frame], str]] = {
    PLAN: (FRAME_COLUMNS, build_frame, SCHEMA_NAME),
    REPORT: (REPORT_FRAME_COLUMNS, build_report_frame, "Báo cáo tiến độ nhiệm vụ CCHC"),
}
LEVEL_EN = {"so": "department", "tinh": "province", "huyen": "district", "xa": "commune", "bo": "ministry"}


def build_schema(config: Config, family: str = PLAN) -> pa.DataFrameSchema:
    """One ``Column`` per appendix (or report) column holding the checks of its rules in force under ``config``;
    dataframe-level checks for the rest. Use ``schema_for``, which builds it once per configuration."""
    import pandera.pandas as pa

    keys, _, name = FAMILIES[family]
    checks: dict[str | None, list[pa.Check]] = {key: [] for key in keys}
    checks[None] = []
    for rule in config.active(family):
        statistics = {p.name: config.param(rule.code, p.name) for p in rule.params}
        for column, fn in rule.checks():
            feed = _column_check(fn) if column is not None else _table_check(fn)
            checks[column].append(pa.Check(feed, name=rule.code, title=rule.title[0], description=rule.doc,
                                           statistics=statistics, ignore_na=False))
    columns = {key: pa.Column(checks=checks[key], nullable=True, required=True, title=key) for key in keys}
    return pa.DataFrameSchema(columns, checks=checks[None], strict=True, coerce=False, name=name)


_SCHEMAS: dict[tuple[int, str], tuple[weakref.ref[Config], pa.DataFrameSchema]] = {}


def schema_for(config: Config, family: str = PLAN) -> pa.DataFrameSchema:
    """The schema of ``config``'s rules, built on first use and kept as long as ``config`` lives: a folder of files
    and every ribbon click with the same settings share one; new settings (a new ``Config``) get a new one."""
    key = (id(config), family)
    held = _SCHEMAS.get(key)
    if held is not None and held[0]() is config:
        return held[1]
    schema = build_schema(config, family)
    _SCHEMAS[key] = (weakref.ref(config, lambda _: _SCHEMAS.pop(key, None)), schema)
    return schema


def _column_check(check: CheckFn) -> Callable[[pd.Series], pd.Series]:
    """A rule's column check as pandera calls it: the Series of the column's cells in, a boolean Series out. The
    file's context comes with the cells (cell -> row -> frame -> context), not with the check."""
    import pandas as pd

    def run(series: pd.Series) -> pd.Series:
        cells = series.tolist()
        ok = list(check(cells, cells[0].row.frame.ctx)) if cells else []
        return pd.Series(ok, index=series.index, dtype=bool)

    return run


def _table_check(check: CheckFn) -> Callable[[pd.DataFrame], pd.Series]:
    """A table rule's check as pandera calls a dataframe-level check: the frame in, a boolean per row out."""
    import pandas as pd

    def run(frame: pd.DataFrame) -> pd.Series:
        rows = [cell.row for cell in frame.iloc[:, 0].tolist()]
        ok = list(check(rows, rows[0].frame.ctx)) if rows else []
        return pd.Series(ok, index=frame.index, dtype=bool)

    return run


def validate(table: Table, ctx: Context, family: str = PLAN) -> list[Finding]:
    """Every finding of the active rules of ``family`` on ``table``, sorted by row then column."""
    keys, build, _ = FAMILIES[family]
    built = build(table, ctx)
    try:
        return _findings(built, keys, table, ctx, family)
    finally:   # the cells point back at their rows: freed now, not left to the garbage collector (100,000 rows
        release(built)   # make a million cells)


def _findings(built: Frame, keys: tuple[str, ...], table: Table, ctx: Context, family: str) -> list[Finding]:
    """pandera's verdict on ``built``, the failing rows explained by their rules."""
    import pandas as pd
    import pandera.pandas as pa

    frame = pd.DataFrame({key: getattr(built, key) for key in keys}, dtype=object)
    try:
        schema_for(ctx.config, family).validate(frame, lazy=True, inplace=True)
        return []
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases
    by_code = {rule.code: rule for rule in ctx.config.active(family)}
    unknown = ~failures["check"].isin(list(by_code))
    if unknown.any():  # the frame itself broke the schema's structure: a bug of ours, not the user's
        raise RuntimeError(f"task frame failed its structural schema:\n{failures[unknown]}")
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for code, column, indexes in _failing(failures, by_code):
        rule = by_code[code]
        assert isinstance(rule, RowRule)
        for row, problem in rule.problems([built.rows[i] for i in indexes], ctx, column):
            finding = _finding(rule, problem, row.entry, table, ctx)
            if (finding.code, finding.cell) not in seen:
                seen.add((finding.code, finding.cell))
                findings.append(finding)
    return sort_findings(findings)


def _failing(failures: pd.DataFrame, rules: dict[str, Rule]) -> list[tuple[str, str | None, list[int]]]:
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


def book_findings(book: BookFacts, config: Config, lang: str = "vi") -> list[Finding]:
    """What the book rules in force find, each deciding in its own class from ``book`` (no table: header-missing;
    legacy text: encoding-legacy; a task the form owes and lacks: progress-task-missing), in declaration order."""
    out: list[Finding] = []
    for code, rule in RULES.items():
        if rule.scope != BOOK or config.severity(code) == OFF:
            continue
        assert isinstance(rule, BookRule)
        kind = kind_of(code)
        out += [Finding(code, config.severity(code), book.sheet, p.cell or "", p.row or 0, p.column,
                        "" if p.value is None else p.value, kind.message(lang, **p.params), p.suggestion, p.fix)
                for p in rule.find(book)]
    return out


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """By sheet, then row and column of the cell, then code: the order a reader scans a sheet in."""
    def key(f: Finding) -> tuple[str, int, int, str]:
        """Sort key: sheet, row, column, code."""
        try:
            row, col = parse_ref(f.cell)
        except ValueError:
            row, col = f.row, 0
        return (f.sheet, row, col, f.code)

    return sorted(findings, key=key)
