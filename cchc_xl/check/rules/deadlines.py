"""Rules about when: a deadline each task can be held to, inside the plan's period."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from cchc_xl.check.catalog import WARNING
from cchc_xl.check.frame import PlanCell, PlanRow
from cchc_xl.check.rules.base import Context, Param, PlanRule, Problem, passes, short, text
from cchc_xl.core.deadlines import (
    CONDITIONAL,
    KIND_VI,
    RECURRING,
    UNPARSED,
    Deadline,
    in_period,
)
from cchc_xl.core.periods import Period
from cchc_xl.core.text import lowered, strip_references

Deadlines = Sequence[PlanCell[Deadline]]   # the deadline column's cells: each holds the parser's reading


class DeadlineMissing(PlanRule[Deadline]):
    """A task without a deadline cannot be late, so it is never followed up."""

    code, column = "deadline-missing", "deadline"
    title = ("Thiếu thời gian hoàn thành", "Deadline missing")
    message = ("Nhiệm vụ chưa có thời gian hoàn thành. Ghi ví dụ {example}.",
               "The task has no deadline. Write e.g. {example}.")

    def check(self, cells: Deadlines, ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: c.row.is_task and c.blank)

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        return Problem({"example": examples(text(row.task.value), ctx.period)}, value="")


class DeadlineUnparsed(PlanRule[Deadline]):
    """No time can be read in the cell, or it states a condition ("Thực hiện khi Bộ … thay thế …"), not a deadline."""

    code, column = "deadline-unparsed", "deadline"
    title = ("Không hiểu thời gian hoàn thành", "Deadline not understood")
    message = ("{why} Ghi một thời điểm cụ thể: năm, quý, tháng hoặc ngày, ví dụ {example}.",
               "{why_en} Write a definite time: year, quarter, month or day, e.g. {example}.")

    def check(self, cells: Deadlines, ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: c.parsed.kind in (UNPARSED, CONDITIONAL) and not c.broken)

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        d = row.deadline.parsed
        if d.kind == CONDITIONAL:
            why = f"\u201c{short(d.text)}\u201d là một điều kiện, không phải thời hạn: không biết khi nào phải xong."
            why_en = f"\u201c{short(d.text)}\u201d is a condition, not a deadline."
            condition = short(d.text, 60)
            example = _quote(f"{one_off(ctx.period)} ({condition[:1].lower() + condition[1:]})")
        else:
            why = f"Không nhận ra thời gian trong \u201c{short(d.text)}\u201d."
            why_en = f"No time recognised in \u201c{short(d.text)}\u201d."
            example = examples(text(row.task.value), ctx.period)
        return Problem({"why": why, "why_en": why_en, "example": example})


class DeadlineOutOfPeriod(PlanRule[Deadline]):
    """A year written in the cell falls outside the plan ("Tháng 01/19" in a 2020 plan), or a task builds last year's
    plan ("Xây dựng Kế hoạch … năm 2019"): copied from an earlier plan.

    A due date up to ``grace_days`` after the period is in time (the year's report is due in January); a year
    given only relatively ("năm sau") never is outside."""

    code, column = "deadline-out-of-period", "deadline"
    also = ("task",)
    title = ("Thời gian ngoài kỳ kế hoạch", "Deadline outside the plan period")
    message = ("{subject} \u201c{value}\u201d rơi vào {when}, ngoài kỳ kế hoạch {period}. {why}",
               "{subject_en} \u201c{value}\u201d falls in {when}, outside the plan period {period}. {why_en}")
    params = (Param("grace_days", 31, "hạn sau cuối kỳ trong số ngày này vẫn hợp lệ (báo cáo năm nộp đầu năm sau)"),)

    def check(self, cells: Deadlines, ctx: Context) -> Iterable[bool]:
        period, grace = ctx.period, int(ctx.param(self, "grace_days") or 0)
        return passes(cells, lambda c: period is not None and not in_period(c.parsed, period, grace))

    def check_task(self, cells: Sequence[PlanCell[None]], ctx: Context) -> Iterable[bool]:
        """The task column: a task building last year's plan."""
        return passes(cells, lambda c: stale_plan_year(text(c.value), ctx.period) is not None)

    def explain_task(self, row: PlanRow, ctx: Context) -> Problem:
        """A row failing ``check_task``."""
        year = stale_plan_year(text(row.task.value), ctx.period)
        return Problem({"value": f"… năm {year}", "when": f"năm {year}", "subject": "Nhiệm vụ ghi",
                        "subject_en": "The task names", **_BEFORE}, column="task", value=row.task.value)

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        d = row.deadline.parsed
        assert d.written_due is not None and ctx.period is not None
        why = _BEFORE if d.written_due.year < ctx.period.start else _AFTER
        return Problem({"when": _when(d), "subject": "Thời gian", "subject_en": "The deadline", **why})


_BEFORE = {"why": "Có thể chép từ kế hoạch năm trước.", "why_en": "Perhaps copied from an earlier plan."}
_AFTER = {"why": "Hạn này sau khi kỳ kế hoạch đã kết thúc: gõ nhầm năm, hay nhiệm vụ thuộc kế hoạch sau?",
          "why_en": "This is after the plan period has ended: a typo in the year, or a task of a later plan?"}


class DeadlinePartOutOfPeriod(PlanRule[Deadline]):
    """A cell of several parts where one falls before the period starts ("Tháng 12/2019 (KH). Tháng 12/2020
    (BC)." in a 2020 plan): the cell as a whole is in time, but that part had passed when the plan was issued."""

    code, column, severity = "deadline-part-out-of-period", "deadline", WARNING
    title = ("Một phần thời gian trước kỳ kế hoạch", "Part of the deadline before the plan period")
    message = ("Phần \u201c{part}\u201d rơi vào {when}, trước kỳ kế hoạch {period}: hạn này đã qua khi kế hoạch ban "
               "hành. Sửa năm hoặc bỏ phần đó.",
               "The part \u201c{part}\u201d falls in {when}, before the plan period {period}: it had passed when the "
               "plan was issued. Correct the year or drop that part.")

    def check(self, cells: Deadlines, ctx: Context) -> Iterable[bool]:
        period, grace = ctx.period, int(ctx.param(DeadlineOutOfPeriod, "grace_days"))  # in time as a whole
        return passes(cells, lambda c: period is not None and bool(_early_parts(c.parsed, period))
                      and in_period(c.parsed, period, grace))

    def explain(self, row: PlanRow, ctx: Context) -> list[Problem]:
        assert ctx.period is not None
        return [Problem({"part": short(p.text, 80), "when": _when(p)}) for p in _early_parts(row.deadline.parsed,
                                                                                                ctx.period)]


def _early_parts(d: Deadline, period: Period) -> list[Deadline]:
    """The parts of a multi-part cell whose written year is before the period."""
    return [p for p in d.parts if p.written_due is not None and p.written_due.year < period.start]


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


class DeadlineVague(PlanRule[Deadline]):
    """"Thường xuyên", "Theo yêu cầu", "kể từ ngày…": no date anyone can be held to."""

    code, column, severity = "deadline-vague", "deadline", WARNING
    title = ("Thời gian không xác định", "Vague deadline")
    message = ("Thời gian \u201c{value}\u201d ({kind}) không cho biết hạn cụ thể. Nếu được, ghi thêm mốc, "
               "ví dụ {example}.",
               "The deadline \u201c{value}\u201d ({kind_en}) gives no due date. Add one where possible, e.g. {example}.")

    def check(self, cells: Deadlines, ctx: Context) -> Iterable[bool]:
        years = ctx.period is not None and ctx.period.single_year is None
        return passes(cells, lambda c: c.row.is_task and c.parsed.vague and not (years and c.parsed.annual))

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        d = row.deadline.parsed
        return Problem({"kind": KIND_VI[d.kind], "kind_en": d.kind,
                        "example": _quote(anchored(d, text(row.task.value), ctx.period))})


# --------------------------------------------------------------------------- examples that fit the task
_EVERY = (("quý", "Hằng quý", "trước ngày 20 tháng cuối quý"), ("6 tháng", "6 tháng một lần", "trước ngày 15/6 và 15/12"),
          ("tháng", "Hằng tháng", "trước ngày 25"), ("tuần", "Hằng tuần", "thứ Sáu"),
          ("năm", "Hằng năm", "trước ngày 15/12"))
_RECURRING_TASK = re.compile(r"thường xuyên|định kỳ|hàng (?:quý|tháng|tuần|năm)|hằng (?:quý|tháng|tuần|năm)|"
                             r"mỗi (?:quý|tháng|năm)|liên tục|thường niên")


def _year(period: Period | None) -> str:
    return str(period.single_year or period.start) if period else "{năm}"


def one_off(period: Period | None) -> str:
    """A one-off deadline in the plan's (first) year."""
    return f"Quý III/{_year(period)}"


def recurring(low: str, period: Period | None) -> tuple[str, str]:
    """(frequency, due point) of the frequency ``low`` names ("hằng quý" …), else a yearly report date."""
    for word, every, when in _EVERY:
        if re.search(rf"(?:hàng|hằng|mỗi|định kỳ|theo|\d\s*lần\s*/)\s*{word}\b|báo cáo {word}\b", low):
            return every, when
    return "Thường xuyên", f"báo cáo kết quả trước ngày 15/12/{_year(period)}"


def examples(task: str, period: Period | None) -> str:
    """Examples for a task without a usable deadline: recurring ones for a recurring task, else one-off ones."""
    low = lowered(task)
    if _RECURRING_TASK.search(low):
        return _quote(", ".join(recurring(low, period)))
    y = _year(period)
    return ", ".join(_quote(e) for e in (f"Quý II/{y}", f"Tháng 06/{y}", f"Trước ngày 20/12/{y}"))


def anchored(d: Deadline, task: str, period: Period | None) -> str:
    """The writer's own vague words with a date added: recurring words get a due point of the frequency the cell
    (or the task) names, others a last date."""
    own = short(d.text, 60).rstrip(" .;,")
    if d.kind == RECURRING:
        return f"{own}, {recurring(lowered(d.text + ' ' + task), period)[1]}"
    return f"{own}, chậm nhất Quý IV/{_year(period)}"


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"
