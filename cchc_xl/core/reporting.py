"""The reporting cycle, pure: report periods, progress statuses, task ids.

Four times a year each unit reports on the tasks it leads: Quý I, 6 tháng đầu năm,
Quý III (9 tháng) and Năm. Each report period has two dates: the cut-off (the day its
figures run to, "thời gian chốt số liệu") and the due date of the units' reports, which
plans set themselves ("ngày 22/02 – BC quý I; ngày 24/5 – BC 6 tháng đầu năm; ngày
26/8 – BC quý III; ngày 15/11 – BC năm"): those are the default due dates, and the
figures run to the due date unless a cut-off is set; ``rules.yaml``'s ``reporting:``
section sets both. The two never contradict (``ReportPeriod.problem``).

A task is known across the master, the report forms and the reports by an id given
once, when it enters the master (``consolidation/identity.py`` keeps it through
corrections and rewordings); the id is made from the unit that sent it and its text
(and the first rank not yet taken), as earlier versions derived it for every row.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from cchc_xl.core.periods import Period
from cchc_xl.core.text import fold, lowered
from cchc_xl.errors import ReportPeriodError

DONE, ONGOING, NOT_STARTED, DROPPED = "Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Không thực hiện"
STATUSES = (DONE, ONGOING, NOT_STARTED, DROPPED)


@dataclass(frozen=True)
class DayMonth:
    """A day of the report's year ("22/02"), or of the year after ("15/01 năm sau")."""

    day: int
    month: int
    next_year: bool = False

    def date(self, year: int) -> dt.date:
        """This day in report year ``year`` (29/02 is the 28th in a common year)."""
        y = year + self.next_year
        return dt.date(y, self.month, min(self.day, calendar.monthrange(y, self.month)[1]))

    def __str__(self) -> str:
        return f"{self.day:02d}/{self.month:02d}" + (" năm sau" if self.next_year else "")


@dataclass(frozen=True)
class ReportPeriod:
    """One of the four report periods: its code (``quy1``), its name, the quarter it ends with, and its two dates.

    A report has a cut-off (``cut``: the day its figures run to, "thời gian chốt số liệu") and a due date
    (``due``: the day units' reports reach the office). Without a configured cut-off the figures run to the
    due date, or to the period's end when the report is due after it: never past the day it is sent."""

    code: str
    name: str              # "Quý I", "6 tháng đầu năm", "Quý III", "Năm"
    last_month: int        # 3, 6, 9, 12
    due: DayMonth
    cut: DayMonth | None = None

    def end(self, year: int) -> dt.date:
        """The last day the period covers (31/03 for Quý I)."""
        return dt.date(year, self.last_month, calendar.monthrange(year, self.last_month)[1])

    def start_of_last_quarter(self, year: int) -> dt.date:
        """The first day of the quarter the period ends with: a cut-off or due date before it contradicts the period."""
        return dt.date(year, self.last_month - 2, 1)

    def cutoff(self, year: int) -> dt.date:
        """The day the report's figures run to."""
        return self.cut.date(year) if self.cut else min(self.due_date(year), self.end(year))

    def due_date(self, year: int) -> dt.date:
        """The day units' reports are due."""
        return self.due.date(year)

    def title(self, year: int) -> str:
        """'Quý I/2020', '6 tháng đầu năm 2020', 'Năm 2020'."""
        return f"{self.name}/{year}" if self.name.startswith("Quý") else f"{self.name} {year}"

    def problem(self, year: int = 2024) -> tuple[str, str] | None:
        """(the key at fault, why) when the two dates contradict the period or each other; None when they agree."""
        cutoff, due, first = self.cutoff(year), self.due_date(year), self.start_of_last_quarter(year)
        name = self.title(year).replace(f"/{year}", "").replace(f" {year}", "")
        if due < first:
            return "due", (f"hạn nộp {self.due} trước ngày {first:%d/%m}, khi {name.lower()} còn chưa bắt đầu "
                           "quý cuối của kỳ báo cáo.")
        if self.cut is not None and (self.cut.next_year or cutoff > self.end(year) or cutoff < first):
            return "cutoff", (f"ngày chốt số liệu {self.cut} phải nằm trong quý cuối của kỳ báo cáo {name} "
                              f"({first:%d/%m} – {self.end(year):%d/%m}).")
        if cutoff > due:
            return "cutoff", f"ngày chốt số liệu {self.cut} sau hạn nộp báo cáo {self.due}: số liệu phải chốt trước khi gửi."
        return None


REPORT_PERIODS: dict[str, ReportPeriod] = {p.code: p for p in (
    ReportPeriod("quy1", "Quý I", 3, DayMonth(22, 2)),
    ReportPeriod("6thang", "6 tháng đầu năm", 6, DayMonth(24, 5)),
    ReportPeriod("quy3", "Quý III", 9, DayMonth(26, 8)),
    ReportPeriod("nam", "Năm", 12, DayMonth(15, 11)),
)}


def report_period(code: str, dates: dict[str, dict[str, str]] | None = None) -> ReportPeriod:
    """The period of ``code`` (quy1, 6thang, quy3, nam), with its dates from ``dates`` when given
    (``{"quy1": {"due": "20/03", "cutoff": "14/03"}}``, as ``settings.py`` reads ``reporting:``)."""
    base = REPORT_PERIODS.get(str(code).strip().lower())
    if base is None:
        raise ReportPeriodError(f"kỳ báo cáo \u201c{code}\u201d không có; chọn một trong: {', '.join(REPORT_PERIODS)}.")
    given = (dates or {}).get(base.code) or {}
    due = parse_day_month(given["due"]) if given.get("due") else base.due
    cut = parse_day_month(given["cutoff"]) if given.get("cutoff") else base.cut
    return replace(base, due=due, cut=cut)


_DAY_MONTH = re.compile(r"\s*(\d{1,2})\s*/\s*(\d{1,2})\s*(năm sau)?\s*", re.IGNORECASE)


def parse_day_month(text: object) -> DayMonth:
    """'22/02' -> 22 February of the report's year; '15/01 năm sau' -> of the year after."""
    m = _DAY_MONTH.fullmatch(unicodedata.normalize("NFC", str(text)))
    if not m or not 1 <= int(m.group(2)) <= 12 or not 1 <= int(m.group(1)) <= calendar.monthrange(2024, int(m.group(2)))[1]:
        raise ReportPeriodError(f"ngày \u201c{text}\u201d phải có dạng ngày/tháng, ví dụ \u201c22/02\u201d "
                                "(hoặc \u201c15/01 năm sau\u201d).")
    return DayMonth(int(m.group(1)), int(m.group(2)), bool(m.group(3)))


def report_year(plan: Period, year: int | None) -> int:
    """The year reported on: ``year``, else the plan's only year, else this year when inside the plan."""
    if year is None:
        year = plan.single_year or min(max(dt.date.today().year, plan.start), plan.last)
    if not plan.contains(year):
        raise ReportPeriodError(f"năm báo cáo {year} ngoài kỳ kế hoạch {plan}.")
    return year


# --------------------------------------------------------------------------- statuses
_STATUS_WORDS = (
    (DROPPED, r"^(?:không thực hiện|không triển khai|hủy|huỷ|dừng|tạm dừng|không làm|bỏ)\b"),
    (NOT_STARTED, r"^(?:chưa thực hiện|chưa triển khai|chưa làm|chưa bắt đầu|chưa)\b"),
    (ONGOING, r"^(?:đang thực hiện|đang triển khai|đang làm|đang|đang tiến hành|tiếp tục)\b"),
    (DONE, r"^(?:đã hoàn thành|hoàn thành|đã xong|xong|đã thực hiện|đã làm|hoàn tất|đã hoàn tất)\b"),
)


def parse_status(value: object) -> tuple[str | None, str | None]:
    """(the status when the cell holds one of the four exactly, the status a free wording means).

    "Đã hoàn thành" -> (DONE, DONE); "xong" -> (None, DONE); "50%" -> (None, None)."""
    if value is None or not str(value).strip():
        return None, None
    text = " ".join(str(value).split())
    exact = next((s for s in STATUSES if fold(s) == fold(text)), None)
    if exact:
        return exact, exact
    low = lowered(text)
    return None, next((status for status, pattern in _STATUS_WORDS if re.search(pattern, low)), None)


# --------------------------------------------------------------------------- task ids
def task_id(unit: str, task: str, rank: int = 0) -> str:
    """The id derived from the sending unit, the task's text (folded) and its rank among identical ones (how every id
    is made, and how earlier versions derived a task's id from its row each time)."""
    return _hashed(fold(unit), fold(" ".join(str(task).split())), rank)


def _hashed(unit: str, task: str, rank: int) -> str:
    return hashlib.sha1(f"{unit}\x1f{task}\x1f{rank}".encode("utf-8")).hexdigest()[:10]


def task_ids(rows: Iterable[dict[str, Any]]) -> list[str]:
    """The ids earlier versions derived for master rows (``unit`` and ``task`` keys), in order: what the rows of a
    master written before ids were kept are given, so that its reports keep their tasks."""
    seen: dict[tuple[str, str], int] = {}
    units: dict[str, str] = {}
    out = []
    for row in rows:
        unit = str(row.get("unit") or "")
        folded = units.get(unit)
        if folded is None:
            folded = units[unit] = fold(unit)
        key = (folded, fold(" ".join(str(row.get("task") or "").split())))
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        out.append(_hashed(*key, rank))
    return out


def new_task_id(unit: str, task: str, taken: set[str]) -> str:
    """An id for a task entering the master: from its unit and text, the first rank not already ``taken``."""
    base, rank = (fold(unit), fold(" ".join(str(task).split()))), 0
    while (tid := _hashed(*base, rank)) in taken:
        rank += 1
    return tid


def report_key(code: str, year: int) -> str:
    """How the master knows one report period of one year: 'quy1/2020'."""
    return f"{code}/{year}"


@dataclass
class ReportInfo:
    """What a check of a report form needs besides its rows: which report, its two dates as the form states them,
    as of when it is judged (``--as-of``, else the cut-off), which tasks it owes."""

    period: ReportPeriod
    year: int
    cutoff: dt.date
    due: dt.date
    as_of: dt.date
    unit: str = ""
    expected: dict[str, str] = field(default_factory=dict)   # task id -> task text, the led tasks the form was made for

    @property
    def key(self) -> str:
        return report_key(self.period.code, self.year)
