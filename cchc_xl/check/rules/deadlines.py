"""Rules about when: a deadline each task can be held to, inside the plan's period."""

from __future__ import annotations

import re

from cchc_xl.check.catalog import WARNING
from cchc_xl.check.rules.base import Param, Problem, Rule, passes, short, text
from cchc_xl.core.deadlines import CONDITIONAL, KIND_VI, UNPARSED, Deadline, in_period
from cchc_xl.core.periods import Period
from cchc_xl.core.text import lowered, strip_references


class DeadlineMissing(Rule):
    """A task without a deadline cannot be late, so it is never followed up."""

    code, column = "deadline-missing", "deadline"
    title = ("Thiếu thời gian hoàn thành", "Deadline missing")
    message = ("Nhiệm vụ chưa có thời gian hoàn thành. Ghi ví dụ \u201cQuý II/{year}\u201d, \u201cTháng 06/{year}\u201d, "
               "\u201cTrước ngày 20/12/{year}\u201d.",
               "The task has no deadline. Write e.g. \u201cQuý II/{year}\u201d, \u201cTháng 06/{year}\u201d.")

    def check(self, cells, ctx):
        return passes(cells, lambda c: c.task and c.blank)

    def explain(self, row, ctx):
        return Problem(value="")


class DeadlineUnparsed(Rule):
    """No time can be read in the cell, or it states a condition ("Thực hiện khi Bộ … thay thế …"), not a deadline."""

    code, column = "deadline-unparsed", "deadline"
    title = ("Không hiểu thời gian hoàn thành", "Deadline not understood")
    message = ("{why} Ghi một thời điểm cụ thể: năm, quý, tháng hoặc ngày (ví dụ \u201cQuý III/{year}\u201d).",
               "{why_en} Write a definite time: year, quarter, month or day (e.g. \u201cQuý III/{year}\u201d).")

    def check(self, cells, ctx):
        return passes(cells, lambda c: c.parsed.kind in (UNPARSED, CONDITIONAL) and not c.broken)

    def explain(self, row, ctx):
        d: Deadline = row["deadline"].parsed
        if d.kind == CONDITIONAL:
            why = f"\u201c{short(d.text)}\u201d là một điều kiện, không phải thời hạn: không biết khi nào phải xong."
            why_en = f"\u201c{short(d.text)}\u201d is a condition, not a deadline."
        else:
            why = f"Không nhận ra thời gian trong \u201c{short(d.text)}\u201d."
            why_en = f"No time recognised in \u201c{short(d.text)}\u201d."
        return Problem({"why": why, "why_en": why_en})


class DeadlineOutOfPeriod(Rule):
    """A year written in the cell falls outside the plan ("Tháng 01/19" in a 2020 plan), or a task builds last year's
    plan ("Xây dựng Kế hoạch … năm 2019"): copied from an earlier plan.

    A due date up to ``grace_days`` after the period is in time (the year's report is due in January); a year
    given only relatively ("năm sau") never is outside."""

    code, column = "deadline-out-of-period", "deadline"
    also = ("task",)
    title = ("Thời gian ngoài kỳ kế hoạch", "Deadline outside the plan period")
    message = ("{subject} \u201c{value}\u201d rơi vào {when}, ngoài kỳ kế hoạch {period}. Có thể chép từ kế hoạch năm trước.",
               "{subject_en} \u201c{value}\u201d falls in {when}, outside the plan period {period}. "
               "Perhaps copied from an earlier plan.")
    params = (Param("grace_days", 31, "hạn sau cuối kỳ trong số ngày này vẫn hợp lệ (báo cáo năm nộp đầu năm sau)"),)

    def check(self, cells, ctx):
        period, grace = ctx.period, int(ctx.param(self, "grace_days") or 0)
        return passes(cells, lambda c: period is not None and not in_period(c.parsed, period, grace))

    def check_task(self, cells, ctx):
        return passes(cells, lambda c: stale_plan_year(text(c.value), ctx.period) is not None)

    def explain(self, row, ctx):
        if row.column == "task":
            year = stale_plan_year(text(row["task"].value), ctx.period)
            return Problem({"value": f"… năm {year}", "when": f"năm {year}", "subject": "Nhiệm vụ ghi",
                            "subject_en": "The task names"}, column="task", value=row["task"].value)
        return Problem({"when": _when(row["deadline"].parsed), "subject": "Thời gian", "subject_en": "The deadline"})


def _when(d: Deadline) -> str:
    due = d.written_due
    assert due is not None  # only a written due date can fall outside the period
    if d.kind == "month":
        return f"tháng {due.month:02d}/{due.year}"
    if d.kind in ("year", "quarter", "half-year", "range"):
        return f"năm {due.year}"
    return f"ngày {due:%d/%m/%Y}"


_STALE_PLAN = re.compile(r"(?:xây dựng|ban hành|triển khai|thực hiện)[^.;:]*\bkế hoạch\b[^.;:]*?\bnăm ((?:19|20)\d\d)\b")
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_PHRASE = re.compile(r"ngày\s*\d{1,2}\s*(?:tháng\s*\d{1,2}\s*năm\s*\d{4}|[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})")


def stale_plan_year(task: str, period: Period | None) -> int | None:
    """'Xây dựng Kế hoạch CCHC năm 2019' in a 2020 plan: last year's plan copied, that year. Reports *on*
    an earlier year ('tự đánh giá ... năm 2019') are normal and not matched."""
    if period is None or not task or not _ANY_YEAR.search(task):
        return None
    found = _DATE_PHRASE.sub(" ", strip_references(lowered(task)))
    for m in _STALE_PLAN.finditer(found):
        year = int(m.group(1))
        if year < period.start:
            return year
    return None


class DeadlineVague(Rule):
    """"Thường xuyên", "Theo yêu cầu", "kể từ ngày…": no date anyone can be held to."""

    code, column, severity = "deadline-vague", "deadline", WARNING
    title = ("Thời gian không xác định", "Vague deadline")
    message = ("Thời gian \u201c{value}\u201d ({kind}) không cho biết hạn cụ thể. Nếu được, ghi thêm mốc "
               "(ví dụ \u201cHàng quý, trước ngày 20 tháng cuối quý\u201d).",
               "The deadline \u201c{value}\u201d ({kind_en}) gives no due date. Add one where possible.")

    def check(self, cells, ctx):
        return passes(cells, lambda c: c.task and c.parsed.vague)

    def explain(self, row, ctx):
        kind = row["deadline"].parsed.kind
        return Problem({"kind": KIND_VI[kind], "kind_en": kind})
