"""Rules about money: a budget cell holds one number, in the column's unit, that can be summed.

The column's unit is đồng unless its header or a line above the table says otherwise
("Kinh phí (triệu đồng)", "ĐVT: triệu đồng"): amounts are compared in đồng, and what a
clerk is told to type is in the column's unit."""

from __future__ import annotations

from typing import Iterable, Sequence

from cchc_xl.check.catalog import WARNING
from cchc_xl.check.frame import PlanCell, PlanRow
from cchc_xl.check.rules.base import Context, Param, PlanRule, Problem, passes
from cchc_xl.core.money import (
    INVALID,
    Money,
    Scale,
    format_dong,
    format_number,
    in_unit,
)

Budgets = Sequence[PlanCell[Money]]   # the budget column's cells: each holds the amount read, in đồng


class BudgetNotNumeric(PlanRule[Money]):
    """"194.000.000 đồng (theo dự toán…)" typed as text cannot be summed; the amount read is the machine fix."""

    code, column = "budget-not-numeric", "budget"
    title = ("Kinh phí ghi dạng chữ", "Budget typed as text")
    message = ("Ô Kinh phí là văn bản, không cộng được. {found} Ghi số tiền ({unit}) dạng số, chuyển phần "
               "giải thích sang cột Ghi chú.",
               "The budget cell is text and cannot be summed. {found_en} Enter the amount in {unit} as a "
               "number; move the explanation to the note column.")

    def check(self, cells: Budgets, ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: c.parsed.is_text and not c.broken)

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        m = row.budget.parsed
        unit = ctx.table.budget_scale.unit
        if m.fix is None or m.total is None:
            found, found_en = "Không thấy số tiền nào trong ô.", "No amount found in the cell."
        elif len(m.amounts) == 1:
            found = f"Đọc được số tiền {format_dong(m.total)} đồng."
            found_en = f"Read the amount {format_dong(m.total)} đồng."
        else:
            items = " + ".join(format_dong(a) for a in m.amounts)
            found = f"Đọc được {len(m.amounts)} khoản ({items}), tổng {format_dong(m.total)} đồng."
            found_en = f"Read {len(m.amounts)} amounts ({items}), total {format_dong(m.total)} đồng."
        if m.fix is not None and m.factor != 1:
            found += f" Cột tính bằng {unit}: ghi {format_number(m.fix)}."
            found_en += f" The column is in {unit}: enter {format_number(m.fix)}."
        return Problem({"found": found, "found_en": found_en, "unit": unit},
                       suggestion=format_number(m.fix) if m.fix is not None else None, fix=m.fix)


def amount(m: Money) -> float | None:
    """The amount of a numeric cell or of a text cell holding one amount; None otherwise."""
    return m.total if m.total is not None and m.kind in ("number", "amount") else None


class BudgetNegative(PlanRule[Money]):
    """A budget below zero is a typing slip."""

    code, column = "budget-negative", "budget"
    title = ("Kinh phí âm", "Negative budget")
    message = ("Kinh phí {amount} đồng nhỏ hơn 0.", "The budget {amount} đồng is below zero.")

    def check(self, cells: Budgets, ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: (amount(c.parsed) or 0) < 0)

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        return Problem({"amount": format_dong(amount(row.budget.parsed) or 0)})


class BudgetImplausible(PlanRule[Money]):
    """An amount above ``ceiling``, below ``floor`` (written in millions?), with a fraction of a đồng, or no
    number at all (1e999)."""

    code, column, severity = "budget-implausible", "budget", WARNING
    title = ("Kinh phí bất thường", "Implausible budget")
    message = ("{why}", "{why_en}")
    params = (Param("ceiling", 20_000_000_000, "kinh phí một nhiệm vụ lớn hơn mức này (đồng) là bất thường", float),
              Param("floor", 1000, "kinh phí nhỏ hơn mức này (đồng) là bất thường: có lẽ ghi theo triệu", float))

    def check(self, cells: Budgets, ctx: Context) -> Iterable[bool]:
        ceiling, floor = _limits(ctx)
        return passes(cells, lambda c: _why(c.parsed, ceiling, floor) is not None
                      and not _in_wrong_unit(c.parsed, ceiling, floor))

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        why = _why(row.budget.parsed, *_limits(ctx))
        assert why is not None
        return Problem({"why": why[0], "why_en": why[1]})


class BudgetUnitMismatch(PlanRule[Money]):
    """The column is in millions (or thousands) but the cell holds a full amount of đồng: "150.000.000"
    under "Kinh phí (triệu đồng)" would be 150 thousand billion. Totals would be off by the scale."""

    code, column, severity = "budget-unit-mismatch", "budget", WARNING
    title = ("Kinh phí ghi sai đơn vị tính", "Budget in the wrong unit")
    message = ("Cột Kinh phí tính bằng {unit} ({where}) nhưng ô ghi {raw}, tức {dong} đồng. Nếu đây là số đồng, "
               "ghi {suggestion} ({unit}).",
               "The budget column is in {unit} ({where_en}) but the cell says {raw}, i.e. {dong} đồng. If this is "
               "an amount in đồng, enter {suggestion} ({unit}).")

    def check(self, cells: Budgets, ctx: Context) -> Iterable[bool]:
        ceiling, floor = _limits(ctx)
        return passes(cells, lambda c: _in_wrong_unit(c.parsed, ceiling, floor))

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        m = row.budget.parsed
        scale: Scale = ctx.table.budget_scale
        assert m.total is not None
        suggestion = format_number(in_unit(m.total / m.factor, m.factor))
        where = ("theo tiêu đề cột", "says its header") if scale.stated == "header" else \
            ("theo dòng đơn vị tính trên bảng", "says the line above the table")
        return Problem({"unit": scale.unit, "where": where[0], "where_en": where[1], "raw": format_number(m.total / m.factor),
                        "dong": format_dong(m.total), "suggestion": suggestion}, suggestion=suggestion)


def _limits(ctx: Context) -> tuple[float, float]:
    """budget-implausible's ceiling and floor, which also tell a full amount of đồng from one in millions."""
    return ctx.param(BudgetImplausible, "ceiling"), ctx.param(BudgetImplausible, "floor")


def _in_wrong_unit(m: Money, ceiling: float, floor: float) -> bool:
    """A bare number of a scaled column that is implausible once scaled and plausible as đồng."""
    a = amount(m)
    return m.scaled and a is not None and a > ceiling and floor <= a / m.factor <= ceiling


def _why(m: Money, ceiling: float, floor: float) -> tuple[str, str] | None:
    if m.kind == INVALID:
        return (f"Kinh phí \u201c{m.text}\u201d không phải một số hợp lệ (vô cực hoặc không xác định). Nhập lại số tiền.",
                f"The budget \u201c{m.text}\u201d is not a valid number (infinite or undefined). Type the amount again.")
    a = amount(m)
    if a is None or a < 0:
        return None
    if a > ceiling:
        return (f"Kinh phí {format_dong(a)} đồng vượt mức {format_dong(ceiling)} đồng; kiểm tra lại số chữ số.",
                f"The budget {format_dong(a)} đồng exceeds {format_dong(ceiling)} đồng; check the digits.")
    if m.kind == "number" and float(a) != int(a):
        return (f"Kinh phí {a} không phải số đồng nguyên (có lẻ thập phân); có phải ghi theo triệu đồng?",
                f"The budget {a} is not a whole number of đồng; was it written in millions?")
    if 0 < a < floor:
        return (f"Kinh phí {format_dong(a)} đồng quá nhỏ; có phải ghi theo triệu đồng? Ghi đủ số đồng.",
                f"The budget {format_dong(a)} đồng is too small; was it written in millions?")
    return None
