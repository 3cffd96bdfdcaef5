"""The reporting cycle, pure: report periods, progress statuses, task ids.

Four times a year each unit reports on the tasks it leads: Quý I, 6 tháng đầu năm,
Quý III (9 tháng) and Năm. Each report period has a cut-off (what the report covers:
the end of the quarter, half or year) and a due date for the units' reports, which
plans set themselves ("ngày 22/02 – BC quý I; ngày 24/5 – BC 6 tháng đầu năm; ngày
26/8 – BC quý III; ngày 15/11 – BC năm"): those are the defaults, ``rules.yaml``'s
``reporting:`` section overrides them.

A task is known across the master, the report forms and the reports by an id made
from the unit that sent it and its text (and its rank among identical texts of that
unit), so a unit may re-sort its form's rows and the report still maps back.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from cchc_xl.core.periods import Period
from cchc_xl.core.text import fold, lowered
from cchc_xl.errors import CchcError

DONE, ONGOING, NOT_STARTED, DROPPED = "Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Không thực hiện"
STATUSES = (DONE, ONGOING, NOT_STARTED, DROPPED)


@dataclass(frozen=True)
class ReportPeriod:
    """One of the four report periods: its code (``quy1``), its name, the last month it covers, its due date."""

    code: str
    name: str              # "Quý I", "6 tháng đầu năm", "Quý III", "Năm"
    last_month: int        # 3, 6, 9, 12
    due: tuple[int, int]   # (day, month) of the units' reports, in the plan's year

    def cutoff(self, year: int) -> dt.date:
        """The last day the report covers."""
        return dt.date(year, self.last_month, calendar.monthrange(year, self.last_month)[1])

    def due_date(self, year: int) -> dt.date:
        """The day units' reports are due."""
        return dt.date(year, self.due[1], self.due[0])

    def title(self, year: int) -> str:
        """'Quý I/2020', '6 tháng đầu năm 2020', 'Năm 2020'."""
        return f"{self.name}/{year}" if self.name.startswith("Quý") else f"{self.name} {year}"


REPORT_PERIODS: dict[str, ReportPeriod] = {p.code: p for p in (
    ReportPeriod("quy1", "Quý I", 3, (22, 2)),
    ReportPeriod("6thang", "6 tháng đầu năm", 6, (24, 5)),
    ReportPeriod("quy3", "Quý III", 9, (26, 8)),
    ReportPeriod("nam", "Năm", 12, (15, 11)),
)}


class ReportPeriodError(CchcError, ValueError):
    """A report period or due date that cannot be used; the message is for the user."""


def report_period(code: str, due: dict[str, str] | None = None) -> ReportPeriod:
    """The period of ``code`` (quy1, 6thang, quy3, nam), with its due date from ``due`` when given ("22/02")."""
    base = REPORT_PERIODS.get(str(code).strip().lower())
    if base is None:
        raise ReportPeriodError(f"kỳ báo cáo \u201c{code}\u201d không có; chọn một trong: {', '.join(REPORT_PERIODS)}.")
    text = (due or {}).get(base.code)
    return base if not text else ReportPeriod(base.code, base.name, base.last_month, parse_day_month(text))


def parse_day_month(text: object) -> tuple[int, int]:
    """'22/02' -> (22, 2); a due date is a day and month of the plan's year."""
    m = re.fullmatch(r"\s*(\d{1,2})\s*/\s*(\d{1,2})\s*", str(text))
    if not m or not 1 <= int(m.group(2)) <= 12 or not 1 <= int(m.group(1)) <= calendar.monthrange(2024, int(m.group(2)))[1]:
        raise ReportPeriodError(f"hạn nộp báo cáo \u201c{text}\u201d phải có dạng ngày/tháng, ví dụ \u201c22/02\u201d.")
    return int(m.group(1)), int(m.group(2))


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
    """A task's stable id: the sending unit and the task's text (folded), and its rank among identical ones."""
    return _hashed(fold(unit), fold(" ".join(str(task).split())), rank)


def _hashed(unit: str, task: str, rank: int) -> str:
    return hashlib.sha1(f"{unit}\x1f{task}\x1f{rank}".encode("utf-8")).hexdigest()[:10]


def task_ids(rows: Iterable[dict[str, Any]]) -> list[str]:
    """The ids of master rows (``unit`` and ``task`` keys), in order (each text folded once)."""
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


def report_key(code: str, year: int) -> str:
    """How the master knows one report period of one year: 'quy1/2020'."""
    return f"{code}/{year}"


@dataclass
class ReportInfo:
    """What a check of a report form needs besides its rows: which report, as of when, which tasks it owes."""

    period: ReportPeriod
    year: int
    as_of: dt.date
    unit: str = ""
    expected: dict[str, str] = field(default_factory=dict)   # task id -> task text, the led tasks the form was made for

    @property
    def key(self) -> str:
        return report_key(self.period.code, self.year)
