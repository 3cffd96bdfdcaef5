"""Rules of a progress report form: a status for every task, a date and a result for what is done,
a reason for what is late, and every task owed reported once.

What is late is decided at the check's as-of date (``--as-of``, by default the report period's
cut-off): a task whose deadline has passed then and is not done is overdue. A deadline with no
date (recurring, on request) is never overdue.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from cchc_xl.check.catalog import WARNING
from cchc_xl.check.report_frame import Completion, ReportCell, ReportRow, Status
from cchc_xl.check.rules.base import (
    REPORT,
    BookFacts,
    BookRule,
    Context,
    Problem,
    ReportRule,
    TableRule,
    passes,
    short,
)
from cchc_xl.core.deadlines import Deadline
from cchc_xl.core.model import cell_ref
from cchc_xl.core.reporting import DONE, DROPPED, NOT_STARTED, STATUSES

Rows = Sequence[ReportRow]


def status_of(cell: ReportCell[Status]) -> str | None:
    """The status a Tiến độ cell means: exact, or what its free wording maps to."""
    exact, meant = cell.parsed
    return exact or meant


def as_of(ctx: Context) -> dt.date:
    """The day lateness is judged on."""
    return ctx.report.as_of if ctx.report else dt.date.today()


def days_late(deadline: Deadline, day: dt.date) -> int:
    """Days from the deadline's due date to ``day`` (0 when not past, or when it has no date)."""
    return (day - deadline.due).days if deadline.due and day > deadline.due else 0


class ProgressStatusMissing(ReportRule[Status]):
    """A task without Tiến độ tells the office nothing: it cannot be counted done or late."""

    code, column = "progress-status-missing", "status"
    title = ("Thiếu tiến độ", "Progress status missing")
    message = ("Nhiệm vụ chưa ghi Tiến độ. Chọn một trong: " + "; ".join(STATUSES) + ".",
               "The task has no status. Choose one of: " + "; ".join(STATUSES) + ".")

    def check(self, cells: Sequence[ReportCell[Status]], ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: c.blank)


class ProgressStatusUnknown(ReportRule[Status]):
    """Free text ("xong", "50%") cannot be counted: one of the four values is; a wording that means one is the fix."""

    code, column = "progress-status-unknown", "status"
    title = ("Tiến độ không đúng danh mục", "Unknown progress status")
    message = ("Tiến độ \u201c{value}\u201d không phải một trong bốn mức ({choices}).{hint}",
               "The status \u201c{value}\u201d is not one of the four ({choices}).{hint_en}")

    def check(self, cells: Sequence[ReportCell[Status]], ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: not c.blank and not c.broken and c.parsed[0] is None)

    def explain(self, row: ReportRow, ctx: Context) -> Problem:
        meant = row.status.parsed[1]
        hint = f" Có phải \u201c{meant}\u201d?" if meant else " Chọn trong danh sách."
        return Problem({"choices": "; ".join(STATUSES), "hint": hint,
                        "hint_en": f" Did you mean \u201c{meant}\u201d?" if meant else ""},
                       suggestion=meant, fix=meant)


class ProgressDoneNoDate(TableRule[ReportRow]):
    """A task reported done without the day it was done cannot be judged on time or late."""

    code, column, family = "progress-done-no-date", "done_date", REPORT
    title = ("Hoàn thành nhưng thiếu ngày", "Done without a date")
    message = ("Nhiệm vụ ghi \u201cĐã hoàn thành\u201d nhưng chưa có Ngày hoàn thành.",
               "The task is reported done but has no completion date.")

    def check(self, rows: Rows, ctx: Context) -> Iterable[bool]:
        return passes(rows, lambda r: status_of(r.status) == DONE and r.done_date.blank)

    def explain(self, row: ReportRow, ctx: Context) -> Problem:
        return Problem(column="done_date", value="")


class ProgressDoneNoResult(TableRule[ReportRow]):
    """Done, but with no result or product named (the document issued, its number): nothing to verify."""

    code, column, severity, family = "progress-done-no-result", "result", WARNING, REPORT
    title = ("Hoàn thành nhưng thiếu kết quả", "Done without a result")
    message = ("Nhiệm vụ ghi \u201cĐã hoàn thành\u201d nhưng chưa ghi Kết quả / sản phẩm (ví dụ số, ngày văn bản đã "
               "ban hành).", "The task is reported done but names no result or product.")

    def check(self, rows: Rows, ctx: Context) -> Iterable[bool]:
        return passes(rows, lambda r: status_of(r.status) == DONE and r.result.blank)

    def explain(self, row: ReportRow, ctx: Context) -> Problem:
        return Problem(column="result", value="")


class ProgressDateInvalid(ReportRule[Completion]):
    """A completion date that is no date, lies after the as-of date or before the plan period began."""

    code, column = "progress-date-invalid", "done_date"
    title = ("Ngày hoàn thành không hợp lệ", "Invalid completion date")
    message = ("{why}", "{why_en}")

    def check(self, cells: Sequence[ReportCell[Completion]], ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: not c.blank and not c.broken and _date_problem(c.parsed, ctx) is not None)

    def explain(self, row: ReportRow, ctx: Context) -> Problem:
        why = _date_problem(row.done_date.parsed, ctx)
        assert why is not None
        return Problem({"why": why[0], "why_en": why[1]})


def _date_problem(done: Completion, ctx: Context) -> tuple[str, str] | None:
    day = as_of(ctx)
    if done.day is None:
        return (f"\u201c{short(done.text)}\u201d không phải một ngày. Nhập ngày dạng dd/mm/yyyy.",
                f"\u201c{short(done.text)}\u201d is not a date. Enter a day as dd/mm/yyyy.")
    if done.day > day:
        return (f"Ngày hoàn thành {done.day:%d/%m/%Y} sau ngày báo cáo {day:%d/%m/%Y}: chưa thể đã hoàn thành.",
                f"The completion date {done.day:%d/%m/%Y} is after the report date {day:%d/%m/%Y}.")
    if ctx.period and done.day.year < ctx.period.start:
        return (f"Ngày hoàn thành {done.day:%d/%m/%Y} trước kỳ kế hoạch {ctx.period}.",
                f"The completion date {done.day:%d/%m/%Y} is before the plan period {ctx.period}.")
    return None


class TaskOverdue(TableRule[ReportRow]):
    """The deadline has passed at the report's as-of date and the task is not done: the office follows it up."""

    code, column, family = "task-overdue", "status", REPORT
    blocks = False   # an overdue task is what the report is for, not a defect of the form: it is consolidated
    title = ("Nhiệm vụ quá hạn", "Task overdue")
    message = ("Nhiệm vụ quá hạn {days} ngày: thời hạn \u201c{deadline}\u201d (đến {due}) đã qua tại ngày "
               "{as_of} mà chưa hoàn thành.",
               "The task is {days} days overdue: its deadline \u201c{deadline}\u201d ({due}) has passed at {as_of} "
               "and it is not done.")

    def check(self, rows: Rows, ctx: Context) -> Iterable[bool]:
        day = as_of(ctx)
        return passes(rows, lambda r: days_late(r.deadline.parsed, day) > 0 and status_of(r.status) != DONE)

    def explain(self, row: ReportRow, ctx: Context) -> Problem:
        d = row.deadline.parsed
        assert d.due is not None
        return Problem({"days": days_late(d, as_of(ctx)), "deadline": short(d.text), "due": f"{d.due:%d/%m/%Y}",
                        "as_of": f"{as_of(ctx):%d/%m/%Y}"}, column="status", value=row.status.value)


class ProgressLate(TableRule[ReportRow]):
    """Done, but after the deadline: worth knowing for the year's assessment."""

    code, column, severity, family = "progress-late", "done_date", WARNING, REPORT
    title = ("Hoàn thành chậm", "Completed late")
    message = ("Hoàn thành ngày {done}, chậm {days} ngày so với thời hạn \u201c{deadline}\u201d (đến {due}).",
               "Completed on {done}, {days} days after the deadline \u201c{deadline}\u201d ({due}).")

    def check(self, rows: Rows, ctx: Context) -> Iterable[bool]:
        return passes(rows, lambda r: _late(r) > 0)

    def explain(self, row: ReportRow, ctx: Context) -> Problem:
        d = row.deadline.parsed
        done = row.done_date.parsed.day
        assert d.due is not None and done is not None
        return Problem({"done": f"{done:%d/%m/%Y}", "days": days_late(d, done), "deadline": short(d.text),
                        "due": f"{d.due:%d/%m/%Y}"}, column="done_date")


def _late(row: ReportRow) -> int:
    """Days a task reported done was done after its deadline (0: not done, no date, or in time)."""
    done = row.done_date.parsed.day
    return days_late(row.deadline.parsed, done) if status_of(row.status) == DONE and done else 0


class ProgressReasonMissing(TableRule[ReportRow]):
    """Not started or dropped past its deadline, and neither Khó khăn nor Đề xuất says why."""

    code, column, family = "progress-reason-missing", "difficulty", REPORT
    title = ("Thiếu lý do chưa thực hiện", "No reason given")
    message = ("Nhiệm vụ \u201c{status}\u201d đã quá thời hạn mà chưa ghi lý do: ghi Khó khăn, vướng mắc hoặc Đề xuất.",
               "The task is \u201c{status}\u201d past its deadline with no reason: fill in the difficulty or proposal.")

    def check(self, rows: Rows, ctx: Context) -> Iterable[bool]:
        day = as_of(ctx)
        return passes(rows, lambda r: status_of(r.status) in (NOT_STARTED, DROPPED)
                      and days_late(r.deadline.parsed, day) > 0 and r.difficulty.blank and r.proposal.blank)

    def explain(self, row: ReportRow, ctx: Context) -> Problem:
        return Problem({"status": status_of(row.status)}, column="difficulty", value="")


class ProgressTaskUnknown(ReportRule[bool]):
    """A row whose task id is not one the form was made for (added by hand, or copied from another form)."""

    code, column = "progress-task-unknown", "task_id"
    title = ("Nhiệm vụ không có trong kế hoạch", "Task not in the plan")
    message = ("Dòng này không ứng với nhiệm vụ nào đơn vị được giao chủ trì (mã \u201c{value}\u201d): không được "
               "tổng hợp. Nhiệm vụ mới phải được bổ sung vào kế hoạch trước.",
               "This row matches no task the unit leads (id \u201c{value}\u201d): it will not be consolidated.")

    def check(self, cells: Sequence[ReportCell[bool]], ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: not c.parsed or c.blank)   # parsed: the form owes the task

    def explain(self, row: ReportRow, ctx: Context) -> Problem:
        return Problem(column="task", cell=row.entry.cells.get("task"), value=row.task_id.value)


class ProgressTaskDuplicate(TableRule[ReportRow]):
    """A task's row copied inside the form (the same hidden id twice): which of the two the unit meant cannot be
    told, so neither is taken silently."""

    code, column, family = "progress-task-duplicate", "task_id", REPORT
    title = ("Một nhiệm vụ báo cáo hai lần", "A task reported twice")
    message = ("Nhiệm vụ \u201c{task}\u201d (mã {value}) đã có ở dòng {first}: mỗi nhiệm vụ chỉ báo cáo trên một dòng. "
               "Xóa dòng chép thừa.",
               "The task \u201c{task}\u201d (id {value}) is already on row {first}: report each task on one row.")

    def check(self, rows: Rows, ctx: Context) -> Iterable[bool]:
        seen: set[object] = set()
        ok = []
        for row in rows:
            cell = row.task_id
            repeated = not cell.blank and cell.value in seen
            seen.add(cell.value)
            ok.append(not repeated)
        return ok

    def explain(self, row: ReportRow, ctx: Context) -> Problem:
        first = next(e.row for e in ctx.table.entries if e.values.get("task_id") == row.task_id.value)
        return Problem({"task": short(row.task.value), "first": first}, column="task", cell=row.entry.cells.get("task"),
                       value=row.task_id.value)


class ProgressTaskMissing(BookRule):
    """A task the unit leads is missing from its report (a row deleted): it would count as not reported."""

    code, column, family = "progress-task-missing", None, REPORT
    title = ("Thiếu nhiệm vụ trong báo cáo", "Task missing from the report")
    message = ("Báo cáo thiếu nhiệm vụ \u201c{task}\u201d (mã {id}) mà đơn vị chủ trì. Khôi phục dòng đó (tạo lại "
               "mẫu báo cáo nếu cần).",
               "The report leaves out the task \u201c{task}\u201d (id {id}) the unit leads. Restore its row.")

    def find(self, book: BookFacts) -> Iterable[Problem]:
        """Each task the form owes whose row is gone, reported at the task column's header."""
        table, report = book.table, book.report
        if table is None or report is None:
            return
        present = {str(e.values.get("task_id") or "") for e in table.entries}
        row = table.header_rows[0]
        cell = cell_ref(row, table.columns["task"])
        for tid, text in report.expected.items():
            if tid not in present:
                yield Problem({"task": text[:120], "id": tid}, value=text, column="task", cell=cell, row=row)
