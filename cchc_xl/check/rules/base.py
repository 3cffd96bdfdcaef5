"""How a rule is declared: once, in its own class, as frictionless declares a check plugin.

A rule states its code, the column of the task frame its check hangs on, its default
severity, its parameters (defaults and meaning), its title and message templates, and
a docstring saying why it exists. It decides in its own class, in one of three ways:

* a column rule (``PlanRule[T]``, ``ReportRule[T]``): ``check`` is a pure function of its
  column's typed cells (``PlanCell[Deadline]``…) and the check's ``Context``: a boolean per
  row, True where the row passes. A fact of another column is read from the cell's row
  (``cell.row.is_task``, ``cell.row.lead_unit.parsed``), never copied into the cell.
  ``schema.py`` registers it on its column of a pandera schema built once per configuration,
  and pandera reports the rows that fail;
* a table rule (``TableRule``): ``check`` gets the frame's rows (a dataframe-level check);
* a book rule (``BookRule``): ``find`` decides from what lies outside the frame: no table at
  all, text in a legacy encoding, a task the report form owes and lacks.

Only then does ``explain`` turn each failing row into message parameters, a cell, a
suggestion and a machine fix. ``rules.yaml`` only overrides what a rule declares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, ClassVar, Generic, Iterable, Iterator, Sequence, TypeVar

from cchc_xl.check.catalog import ERROR, Kind, declare
from cchc_xl.check.frame import PlanCell, PlanRow, Row
from cchc_xl.check.report_frame import ReportCell, ReportRow

if TYPE_CHECKING:
    from cchc_xl.check.config import Config
    from cchc_xl.core.encodings import LegacyCell
    from cchc_xl.core.model import Table
    from cchc_xl.core.periods import Period
    from cchc_xl.core.reporting import ReportInfo

COLUMN, TABLE, BOOK = "column", "table", "book"   # where a rule looks: one column, the whole frame, the workbook
PLAN, REPORT = "plan", "report"                    # what a rule checks: a plan's appendix, or a progress report form

T = TypeVar("T")
C = TypeVar("C")
R = TypeVar("R", bound=Row)
CheckFn = Callable[..., Iterable[bool]]   # (the cells of a column, or the rows of a frame; the context) -> passes


@dataclass(frozen=True)
class Param:
    """A rule's parameter: its default, its type and what it means (shown by `cchc-xl rules`)."""

    name: str
    default: int | float
    meaning: str
    kind: type = int


@dataclass
class Problem:
    """What ``explain`` (or a book rule's ``find``) returns: message parameters, and where when not the rule's column."""

    params: dict[str, object] = field(default_factory=dict)
    suggestion: str | None = None
    fix: object = None
    value: object = None
    column: str | None = None
    cell: str | None = None
    row: int | None = None


@dataclass
class Context:
    """What a check may depend on besides its cells: the table, the plan period, the settings in force.

    One per file checked; the frame carries it (each row knows its frame, the frame its context),
    so the schema holding the checks is the same for every file."""

    table: Table
    period: Period | None
    config: Config
    lang: str = "vi"
    report: ReportInfo | None = None    # a progress report form: its period, as-of date, the tasks it owes

    def param(self, rule: Rule | type[Rule], name: str) -> float:
        """A parameter's value in force: rules.yaml (or --config) when it says so, else the declared default.
        A rule reads another's (budget-unit-mismatch the limits of budget-implausible) by naming its class."""
        return float(self.config.param(rule.code, name))


@dataclass(frozen=True)
class BookFacts:
    """What a book rule decides from: the sheet checked (the first visible one when no table was found), the
    table found there (None: no header row anywhere), the cells read from a legacy encoding, the report's tasks."""

    sheet: str
    table: Table | None = None
    legacy: Sequence[LegacyCell] = ()
    report: ReportInfo | None = None


RULES: dict[str, Rule] = {}


class Rule:
    """A rule of the task table (or of a report form). Subclass ``PlanRule``, ``ReportRule``, ``TableRule`` or
    ``BookRule``, set the class attributes and write ``check``/``explain`` (or ``find``)."""

    code: ClassVar[str]
    column: ClassVar[str | None]               # the frame column checked, and the findings' column
    scope: ClassVar[str] = COLUMN              # COLUMN, TABLE (a dataframe-level check) or BOOK (found elsewhere)
    family: ClassVar[str] = PLAN               # PLAN (an appendix) or REPORT (a progress report form)
    blocks: ClassVar[bool] = True              # an error rejects the file from consolidation (False: a fact to report)
    severity: ClassVar[str] = ERROR            # default; rules.yaml overrides
    title: ClassVar[tuple[str, str]]           # Vietnamese, English
    message: ClassVar[tuple[str, str]]         # templates; {value}, {period}, {year} are always filled
    params: ClassVar[tuple[Param, ...]] = ()
    also: ClassVar[tuple[str, ...]] = ()       # further columns, checked by ``check_<column>``, explained by
                                               # ``explain_<column>``

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "code" in cls.__dict__:  # a concrete rule: declared in the catalog, registered for the schema
            column = cls.column if cls.scope == COLUMN else None
            declare(Kind(cls.code, cls.severity, column, *cls.title, *cls.message))
            RULES[cls.code] = cls()

    @property
    def doc(self) -> str:
        """The first paragraph of the rule's docstring: why it exists."""
        return " ".join((self.__doc__ or "").strip().split("\n\n")[0].split())

    def param(self, name: str) -> Param:
        """The declaration of parameter ``name``."""
        return next(p for p in self.params if p.name == name)

    def checks(self) -> list[tuple[str | None, CheckFn]]:
        """(column, check) pairs to register on the schema; None: dataframe-level. A book rule has none."""
        return []


class RowRule(Rule, Generic[R]):
    """A rule decided on the rows of a frame (of type ``R``): the rows pandera reports failing are explained."""

    def explain(self, row: R, ctx: Context) -> Problem | list[Problem]:
        """Message parameters (and cell, suggestion, fix) for one failing row."""
        return Problem()

    def problems(self, rows: Sequence[R], ctx: Context, column: str | None) -> Iterator[tuple[R, Problem]]:
        """Every problem of ``rows``, which failed the check on ``column``; a rule comparing rows overrides this to
        look once."""
        explain = self.explain if column in (None, self.column) else getattr(self, f"explain_{column}")
        for row in rows:
            explained = explain(row, ctx)
            for problem in explained if isinstance(explained, list) else [explained]:
                yield row, problem


class ColumnRule(RowRule[R]):
    """A rule hung on one column (and maybe ``also`` others) of a frame."""

    check: CheckFn   # typed by PlanRule and ReportRule: the cells of their frames

    def checks(self) -> list[tuple[str | None, CheckFn]]:
        """The rule's column, then each of ``also``."""
        first: list[tuple[str | None, CheckFn]] = [(self.column, self.check)]
        return first + [(column, getattr(self, f"check_{column}")) for column in self.also]


class PlanRule(ColumnRule[PlanRow], Generic[T]):
    """A rule of one column of the task frame, whose cells hold ``T`` (``PlanRule[Deadline]``)."""

    def check(self, cells: Sequence[PlanCell[T]], ctx: Context) -> Iterable[bool]:
        """True per cell whose row passes."""
        raise NotImplementedError


class ReportRule(ColumnRule[ReportRow], Generic[T]):
    """A rule of one column of a progress report form, whose cells hold ``T``."""

    family = REPORT

    def check(self, cells: Sequence[ReportCell[T]], ctx: Context) -> Iterable[bool]:
        """True per cell whose row passes."""
        raise NotImplementedError


class TableRule(RowRule[R]):
    """A rule reading several columns of each row (``TableRule[PlanRow]``): a dataframe-level check."""

    scope = TABLE

    def check(self, rows: Sequence[R], ctx: Context) -> Iterable[bool]:
        """True per row that passes."""
        raise NotImplementedError

    def checks(self) -> list[tuple[str | None, CheckFn]]:
        return [(None, self.check)]


class BookRule(Rule):
    """A rule decided outside the frame, on what the whole workbook shows (``BookFacts``)."""

    scope = BOOK

    def find(self, book: BookFacts) -> Iterable[Problem]:
        """Each problem, with its cell and row (and column, value) set."""
        raise NotImplementedError


# --------------------------------------------------------------------------- helpers the rules share
def text(value: object) -> str:
    """A cell value as stripped text ('' for None)."""
    return "" if value is None else str(value).strip()


def short(value: object, limit: int = 60) -> str:
    """One line, cut to ``limit`` characters with an ellipsis: a cell quoted inside a message."""
    flat = " ".join(text(value).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def quote(names: Iterable[str]) -> str:
    """“A”, “B”: names quoted as Vietnamese typography does."""
    return ", ".join(f"\u201c{n}\u201d" for n in names)


def passes(items: Iterable[C], failing: Callable[[C], object]) -> list[bool]:
    """The result of a check: True where ``failing(item)`` is false (a list comprehension: a third cheaper than
    ``Series.map`` on 100,000 cells)."""
    return [not failing(c) for c in items]
