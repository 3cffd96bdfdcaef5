"""The names of the sheets cchc-xl writes, in one place: the writers create them, the readers skip them."""

from __future__ import annotations

from typing import Iterable

from cchc_xl.core.text import fold

APPENDIX = "Phụ lục"             # the template's task sheet
GUIDE = "Hướng dẫn"              # the template's guide
LISTS = "Danh mục"               # the template's hidden dropdown lists
PROPERTIES = "_cchc"             # the template's very hidden properties (version, period, unit)
RESULTS = "Kết quả kiểm tra"     # the findings sheet of an annotated copy (and of the ribbon)
MARKS = "_cchc_marks"            # the very hidden memory of cells we marked (restored before marking again)

STATUS, SUMMARY, BY_AREA, BY_LEAD, BY_QUARTER, CROSS = (
    "Tình trạng nộp", "Tổng hợp", "Theo lĩnh vực", "Theo đơn vị chủ trì", "Theo thời hạn", "Đối chiếu")
MASTER_META = "_cchc_master"     # the master's very hidden state (period, columns, units)
REPORTS_META = "_cchc_reports"   # the master's very hidden memory of progress reports (per period, unit, task)
PROGRESS = "Tiến độ "            # + a report period's title: the master's sheet of that report ("Tiến độ Quý I/2020")
MASTER_SHEETS = (STATUS, SUMMARY, BY_AREA, BY_LEAD, BY_QUARTER, CROSS, MASTER_META, REPORTS_META)

REPORT = "Báo cáo"               # a unit's progress report form: the tasks it leads
COORDINATED = "Phối hợp"         # the form's list of tasks the unit coordinates (for information)


def progress_sheet(title: str) -> str:
    """The master's sheet of a report period titled ``title``: 'Tiến độ Quý I-2020' (no '/' in a sheet name)."""
    return (PROGRESS + title).replace("/", "-")[:31]


def master_sheet(name: str, progress: Iterable[str] = ()) -> bool:
    """True for a sheet the master's writer owns (rewritten on every run), False for the office's own.
    ``progress``: the progress sheets of the reports the master records; a sheet the office named
    "Tiến độ …" itself is the office's."""
    return name in MASTER_SHEETS or name in progress

NOT_READ = (GUIDE, LISTS, RESULTS, MARKS)   # ours, holding nothing a check needs: the readers skip them
_FOLDED = {fold(name) for name in (*NOT_READ, PROPERTIES)}


def ours(name: str) -> bool:
    """True for a sheet cchc-xl wrote beside the task table (never a table to check)."""
    return fold(name) in _FOLDED or name.startswith(PROPERTIES)


def properties(rows: list[list[object]]) -> dict[str, str]:
    """The key/value rows of the template's hidden properties sheet (read from a file or a live book)."""
    return {str(r[0]): "" if len(r) < 2 or r[1] is None else str(r[1]) for r in rows if r and r[0] is not None}
