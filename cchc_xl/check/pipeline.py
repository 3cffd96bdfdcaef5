"""One workbook in, one ``FileResult`` out: the pipeline the CLI and the ribbon share.

``check_book`` is pure: a ``Book`` from any adapter (a file read by
``workbook/reader.py``, a live workbook read by the ribbon). It finds the table,
settles the plan period, runs the schema and adds what the book rules find outside
the frame (no header at all; text in a legacy encoding; a task a report form lacks),
each deciding in its own class. Nothing here knows about files,
cells' colours or comments. The kinds of a file that cannot be checked at all are
declared here, beside the result that carries them.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from cchc_xl.check.catalog import ERROR, WARNING, Finding, Kind, declare
from cchc_xl.check.config import Config
from cchc_xl.check.rules import BookFacts, Context
from cchc_xl.check.schema import book_findings, sort_findings, validate
from cchc_xl.core.encodings import LegacyCell, decode_grids
from cchc_xl.core.model import Book, Table
from cchc_xl.core.periods import Period, period_from_title
from cchc_xl.core.reporting import ReportInfo, report_period
from cchc_xl.errors import PeriodError, ReportPeriodError, unexpected
from cchc_xl.table.layout import locate_table
from cchc_xl.table.sheets import REPORT, ours

UNREADABLE, PERIOD_UNKNOWN, OUTPUT_FAILED, INTERNAL_ERROR = "unreadable", "period-unknown", "output-failed", "internal-error"
for _code, _title in ((UNREADABLE, ("Không đọc được tệp", "File cannot be read")),
                      (PERIOD_UNKNOWN, ("Không xác định được kỳ kế hoạch", "Plan period unknown")),
                      (OUTPUT_FAILED, ("Không ghi được tệp kết quả", "Output not written")),
                      (INTERNAL_ERROR, ("Lỗi không mong đợi khi xử lý tệp", "Unexpected error on the file"))):
    declare(Kind(_code, ERROR, None, *_title))


@dataclass
class FileResult:
    """Everything a check found in one file (or why it could not check it)."""

    path: str
    sheet: str | None = None
    period: Period | None = None
    tasks: int = 0
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None           # the file could not be checked at all (exit code 2)
    error_code: str | None = None      # why: unreadable, period-unknown, output-failed, internal-error
    period_from: str = ""              # option, header, template, title or fallback
    table: Table | None = field(default=None, repr=False)
    properties: dict[str, str] = field(default_factory=dict, repr=False)
    legacy: list[LegacyCell] = field(default_factory=list, repr=False)   # converted for checking, fixed by `fix`
    report: ReportInfo | None = None   # a progress report form: which report, as of when
    report_form: bool = False          # the file is a progress report form (even one whose period cannot be used)

    @property
    def budget_unit(self) -> str:
        """The budget column's unit as the table states it (đồng when it says nothing)."""
        return self.table.budget_scale.unit if self.table is not None else "đồng"

    def count(self, severity: str) -> int:
        """How many findings of ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        """The number of error-level findings."""
        return self.count(ERROR)

    @property
    def blocking_errors(self) -> int:
        """Error-level findings that keep the file out of a consolidation (an overdue task does not)."""
        from cchc_xl.check.rules import RULES

        return sum(1 for f in self.findings if f.severity == ERROR and (f.code not in RULES or RULES[f.code].blocks))

    @property
    def warnings(self) -> int:
        """The number of warnings."""
        return self.count(WARNING)

    def as_json(self) -> dict[str, object]:
        """The file's entry of the JSON contract."""
        data: dict[str, object] = {
            "path": self.path, "sheet": self.sheet, "period": str(self.period) if self.period else None,
            "tasks": self.tasks, "budget_unit": self.budget_unit, "errors": self.errors, "warnings": self.warnings,
            "findings": [f.as_json() for f in self.findings],
        }
        if self.report:
            info = self.report
            data["report"] = {"period": info.period.code, "title": info.period.title(info.year), "unit": info.unit,
                              "as_of": info.as_of.isoformat(), "cutoff": info.cutoff.isoformat(),
                              "due": info.due.isoformat()}
        if self.error:
            data["error"] = self.error
            data["error_code"] = self.error_code or UNREADABLE
        return data


def resolve_period(override: Period | None, book: Book, table: Table) -> tuple[Period | None, str]:
    """--period, else the header block's Kỳ kế hoạch, else the template's stored period, else the title."""
    if override:
        return override, "option"
    for raw, source in ((table.meta.get("period"), "header"), (book.properties.get("period"), "template")):
        if raw:
            try:
                return Period.parse(str(raw).replace(".0", "")), source
            except PeriodError:
                continue
    found = period_from_title(table.title_lines)
    return found, "title" if found else ""


def check_book(book: Book, config: Config, period: Period | None = None, lang: str = "vi",
               fallback: Period | None = None, as_of: dt.date | None = None) -> FileResult:
    """Check one workbook; ``fallback`` is the period for a file that states none. A progress report form
    gets the report rules, judged at ``as_of`` (default: its report period's cut-off)."""
    if is_report(book):
        return check_report(book, config, lang, as_of)
    result = FileResult(book.path, properties=book.properties)
    result.legacy = decode_grids([g for g in book.grids if not ours(g.name)])
    table = locate_table(book.grids, config.areas)
    if table is None:
        sheet = next((g.name for g in book.grids if g.visible), book.grids[0].name if book.grids else "")
        result.sheet = sheet
        result.findings = book_findings(BookFacts(sheet), config, lang)   # header-missing
        return result
    result.table, result.sheet, result.tasks = table, table.sheet, len(table.tasks)
    result.period, result.period_from = resolve_period(period, book, table)
    if result.period is None and fallback is not None:
        result.period, result.period_from = fallback, "fallback"
    if result.period is None:
        result.error_code = PERIOD_UNKNOWN
        result.error = (f"không xác định được kỳ kế hoạch của bảng ở trang '{table.sheet}': tiêu đề không ghi "
                        "năm. Hãy chạy lại với --period (ví dụ --period 2020 hoặc --period 2021-2025).")
        return result
    found = validate(table, Context(table, result.period, config, lang))
    result.findings = sort_findings(found + book_findings(BookFacts(table.sheet, table, result.legacy), config, lang))
    return result


MAX_REPORT_TASKS = 5_000   # tasks one unit may lead in a year: a form listing more was not made by cchc-xl


def is_report(book: Book) -> bool:
    """A progress report form (ours: its properties say so)."""
    return book.properties.get("kind") == "report"


def check_report(book: Book, config: Config, lang: str = "vi", as_of: dt.date | None = None) -> FileResult:
    """Check a progress report form with the report rules."""
    from cchc_xl.table.report import locate_report

    result = FileResult(book.path, sheet=REPORT, properties=book.properties, period_from="template",
                        report_form=True)
    props = book.properties
    try:
        report = report_period(props.get("report_period", ""), config.reporting)
        year, plan = int(props.get("year", "")), Period.parse(props.get("period", ""))
    except (ReportPeriodError, PeriodError, ValueError):
        result.error_code = PERIOD_UNKNOWN
        result.error = "mẫu báo cáo không ghi kỳ báo cáo hoặc năm (tệp bị sửa?): hãy tạo lại mẫu báo cáo."
        return result
    if not plan.contains(year):
        result.error_code = PERIOD_UNKNOWN
        result.error = (f"mẫu báo cáo ghi năm báo cáo {year}, ngoài kỳ kế hoạch {plan} của chính nó (tệp bị sửa?): "
                        "hãy tạo lại mẫu báo cáo từ tệp tổng hợp.")
        return result
    expected = {k[5:]: v for k, v in props.items() if k.startswith("task:")}
    if len(expected) > MAX_REPORT_TASKS:
        result.error_code = UNREADABLE
        result.error = (f"mẫu báo cáo liệt kê {len(expected)} nhiệm vụ phải báo cáo, quá giới hạn {MAX_REPORT_TASKS} "
                        "nhiệm vụ của một đơn vị: bị từ chối (tệp bị sửa?). Hãy tạo lại mẫu báo cáo.")
        return result
    # the dates the form states (what the unit was told), else those in force; judged as of the cut-off
    cutoff = _stated_day(props.get("cutoff")) or report.cutoff(year)
    due = _stated_day(props.get("due")) or report.due_date(year)
    result.report = ReportInfo(report, year, cutoff, due, as_of or cutoff, props.get("unit", ""), expected)
    result.period = plan
    table = locate_report(book.grids)
    if table is None:
        result.findings = book_findings(BookFacts(REPORT), config, lang)   # header-missing
        return result
    if len(table.entries) > MAX_REPORT_TASKS:
        result.error_code = UNREADABLE
        result.error = (f"trang {REPORT} có {len(table.entries)} dòng nhiệm vụ, quá giới hạn {MAX_REPORT_TASKS} "
                        "nhiệm vụ của một đơn vị: bị từ chối. Hãy tạo lại mẫu báo cáo.")
        return result
    result.table, result.tasks = table, len(table.entries)
    result.findings = validate(table, Context(table, plan, config, lang, result.report), "report")
    result.findings += book_findings(BookFacts(table.sheet, table, report=result.report), config, lang)
    return result


def _stated_day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def failed(path: str | os.PathLike, exc: BaseException) -> FileResult:
    """The result of a file whose processing raised something unexpected (a bug of ours): logged like any other
    (``errors.unexpected``), so a bug met in a folder run leaves its traceback for the administrator."""
    return FileResult(str(path), error=unexpected(exc, " khi xử lý tệp") + " Gửi kèm cả tệp này.",
                      error_code=INTERNAL_ERROR)
