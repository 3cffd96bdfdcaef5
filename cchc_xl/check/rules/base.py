"""How a rule is declared: once, in its own class, as frictionless declares a check plugin.

A rule states its code, the column of the task frame its check hangs on, its default
severity, its parameters (defaults and meaning), its title and message templates, and
a docstring saying why it exists. ``check`` is a pure function of that column's cells
(``frame.Cell``): a boolean per row, True where the row passes; ``schema.py`` registers
it on the column of a pandera schema, the way pandera documents custom checks, and
pandera reports the rows that fail. Only then does ``explain`` turn each failing row
into message parameters, a cell, a suggestion and a machine fix. ``rules.yaml`` only
overrides what a rule declares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Iterator

from cchc_xl.check.catalog import ERROR, Kind, declare

if TYPE_CHECKING:
    import pandas as pd

    from cchc_xl.check.config import Config
    from cchc_xl.core.model import Entry, Table
    from cchc_xl.core.periods import Period
    from cchc_xl.core.reporting import ReportInfo

COLUMN, TABLE, BOOK = "column", "table", "book"   # where a rule looks: one column, the whole frame, the workbook
PLAN, REPORT = "plan", "report"                    # what a rule checks: a plan's appendix, or a progress report form


@dataclass(frozen=True)
class Param:
    """A rule's parameter: its default, its type and what it means (shown by `cchc-xl rules`)."""

    name: str
    default: int | float
    meaning: str
    kind: type = int


@dataclass
class Problem:
    """What ``explain`` returns for a failing row: message parameters, and where when not the rule's column."""

    params: dict[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    fix: Any = None
    value: Any = None
    column: str | None = None
    cell: str | None = None
    row: int | None = None


@dataclass
class Context:
    """What a check may depend on besides its column: the table, the plan period, the settings in force."""

    table: Table
    period: Period | None
    config: Config
    lang: str = "vi"
    report: ReportInfo | None = None    # a progress report form: its period, as-of date, the tasks it owes

    def param(self, rule: "Rule", name: str) -> Any:
        """A parameter's value in force: rules.yaml (or --config) when it says so, else the declared default."""
        return self.config.param(rule.code, name)


class Row:
    """One failing row, for ``explain``: its cells by column (``row["deadline"]``), its entry, and the
    column whose check it failed. ``cells`` holds the frame's columns as lists (pandas' own indexing
    costs ~50 µs a cell: too much for a file where 100,000 rows fail)."""

    __slots__ = ("cells", "index", "entry", "column")

    def __init__(self, cells: dict[str, list[Any]], index: int, entry: Entry, column: str | None):
        self.cells, self.index, self.entry, self.column = cells, index, entry, column

    def __getitem__(self, column: str) -> Any:
        return self.cells[column][self.index]


RULES: dict[str, "Rule"] = {}


class Rule:
    """A rule of the task table. Subclasses set the class attributes and ``check``/``explain``."""

    code: ClassVar[str]
    column: ClassVar[str | None]               # the frame column checked, and the findings' column
    scope: ClassVar[str] = COLUMN              # COLUMN, TABLE (a dataframe-level check) or BOOK (found elsewhere)
    family: ClassVar[str] = PLAN               # PLAN (an appendix) or REPORT (a progress report form)
    blocks: ClassVar[bool] = True              # an error rejects the file from consolidation (False: a fact to report)
    severity: ClassVar[str] = ERROR            # default; rules.yaml overrides
    title: ClassVar[tuple[str, str]]           # Vietnamese, English
    message: ClassVar[tuple[str, str]]         # templates; {value}, {period}, {year} are always filled
    params: ClassVar[tuple[Param, ...]] = ()
    also: ClassVar[tuple[str, ...]] = ()       # further columns, checked by ``check_<column>``

    def __init_subclass__(cls, **kwargs: Any):
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

    def checks(self) -> list[tuple[str | None, Callable[..., Any]]]:
        """(column, check) pairs to register: the rule's column, then each of ``also``; None: dataframe-level."""
        if self.scope == BOOK:
            return []
        first = (self.column if self.scope == COLUMN else None, self.check)
        return [first] + [(column, getattr(self, f"check_{column}")) for column in self.also]

    def check(self, cells: Any, ctx: Context) -> Any:
        """A boolean per row (True: passes) for ``cells``: the rule's column, or the frame for a TABLE rule."""
        raise NotImplementedError

    def explain(self, row: Row, ctx: Context) -> Problem | list[Problem]:
        """Message parameters (and cell, suggestion, fix) for one failing row."""
        return Problem()

    def problems(self, rows: list[Row], ctx: Context) -> Iterator[tuple[Row, Problem]]:
        """Every problem of the failing ``rows``; a rule comparing rows overrides this to look once."""
        for row in rows:
            explained = self.explain(row, ctx)
            for problem in explained if isinstance(explained, list) else [explained]:
                yield row, problem


# --------------------------------------------------------------------------- helpers the rules share
def text(value: Any) -> str:
    """A cell value as stripped text ('' for None)."""
    return "" if value is None else str(value).strip()


def short(value: Any, limit: int = 60) -> str:
    """One line, cut to ``limit`` characters with an ellipsis: a cell quoted inside a message."""
    flat = " ".join(text(value).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def quote(names: Iterable[str]) -> str:
    """“A”, “B”: names quoted as Vietnamese typography does."""
    return ", ".join(f"\u201c{n}\u201d" for n in names)


def passes(cells: "pd.Series", failing: Callable[[Any], bool]) -> "pd.Series":
    """The boolean result of a check: True where ``failing(cell)`` is false (a list comprehension:
    a third cheaper than ``Series.map`` on 100,000 cells)."""
    import pandas as pd

    return pd.Series([not failing(c) for c in cells.tolist()], index=cells.index, dtype=bool)
