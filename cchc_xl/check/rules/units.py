"""Rules about who does the task: the lead unit and the coordinating units, against the registry."""

from __future__ import annotations

from typing import Iterable, Sequence

from cchc_xl.check.catalog import WARNING
from cchc_xl.check.frame import PlanCell, PlanRow
from cchc_xl.check.rules.base import Context, PlanRule, Problem, passes, quote, short
from cchc_xl.core.units import COLLECTIVE, EXTERNAL, LEAD, UNIT, UNKNOWN, Resolution

Units = Sequence[PlanCell[Resolution]]   # a unit column's cells: each holds the registry's reading of the cell


class LeadUnitMissing(PlanRule[Resolution]):
    """Every task needs one unit answerable for it; without one nobody reports on it."""

    code, column = "lead-unit-missing", "lead_unit"
    title = ("Thiếu đơn vị chủ trì", "Lead unit missing")
    message = ("Thiếu đơn vị chủ trì cho nhiệm vụ \u201c{task}\u201d. Mỗi nhiệm vụ phải có một đơn vị chủ trì.",
               "No lead unit for the task \u201c{task}\u201d. Every task needs one lead unit.")

    def check(self, cells: Units, ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: c.row.is_task and c.blank)

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        return Problem({"task": short(row.task.value)}, value="")


class LeadUnitUnknown(PlanRule[Resolution]):
    """The lead cell names something not in the registry, or holds a sentence instead of a unit."""

    code, column = "lead-unit-unknown", "lead_unit"
    title = ("Đơn vị chủ trì không có trong danh mục", "Lead unit not in the registry")
    message = ("{why} Ô Đơn vị chủ trì chỉ ghi tên đơn vị trong danh mục.{hint}",
               "{why_en} The lead-unit cell must hold a registry unit name.{hint_en}")

    def check(self, cells: Units, ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: bool(c.parsed.of_kind(UNKNOWN)) and not c.broken)

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        res = row.lead_unit.parsed
        unknown = res.of_kind(UNKNOWN)
        near = next((e.suggestion for e in unknown if e.suggestion), None)
        if res.sentence:
            why = "Ô Đơn vị chủ trì ghi một câu/đoạn văn thay vì tên đơn vị."
            why_en = "The lead-unit cell holds a sentence instead of a unit name."
        else:
            why = f"{quote(e.text for e in unknown)} không có trong danh mục đơn vị."
            why_en = f"{quote(e.text for e in unknown)} is not in the unit registry."
        hint = f" Có phải: \u201c{near.name}\u201d?" if near else ""
        hint_en = f" Did you mean \u201c{near.name}\u201d?" if near else ""
        fix = near.name if near and not res.sentence and len(res.entries) == 1 else None
        return Problem({"why": why, "why_en": why_en, "hint": hint, "hint_en": hint_en},
                       suggestion=near.name if near else None, fix=fix)


class LeadUnitExternal(PlanRule[Resolution]):
    """A body outside the plan's own level (another department, a ministry…) may coordinate a task, never lead
    it: the plan cannot hold it to account. What is outside depends on the level (a Sở, a UBND tỉnh, a UBND xã)."""

    code, column = "lead-unit-external", "lead_unit"
    title = ("Cơ quan bên ngoài làm chủ trì", "Outside body as lead")
    message = ("{names} là cơ quan ngoài {level}: chỉ được phối hợp, không được chủ trì. "
               "Ghi một đơn vị của {level} làm chủ trì và chuyển {names} sang cột Đơn vị phối hợp.",
               "{names} {be} outside the {level_en}: it may coordinate, not lead. Name one of its own units as lead "
               "and move {names} to the coordinating column.")

    def check(self, cells: Units, ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: bool(c.parsed.of_kind(EXTERNAL, LEAD)))

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        names = [e.name for e in row.lead_unit.parsed.of_kind(EXTERNAL, LEAD)]
        return Problem({"names": quote(names), "be": "are" if len(names) > 1 else "is"})


class LeadUnitCollective(PlanRule[Resolution]):
    """"Các phòng, đơn vị thuộc Sở" as lead says everyone, so no one, is responsible."""

    code, column, severity = "lead-unit-collective", "lead_unit", WARNING
    title = ("Chủ trì là cụm từ chung", "Collective phrase as lead")
    message = ("{names} không chỉ rõ đơn vị nào chịu trách nhiệm chính. Nên ghi một đơn vị chủ trì cụ thể.",
               "{names} does not say which unit is responsible. Name one lead unit.")

    def check(self, cells: Units, ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: bool(c.parsed.of_kind(COLLECTIVE, LEAD)))

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        return Problem({"names": quote(e.name for e in row.lead_unit.parsed.of_kind(COLLECTIVE, LEAD))})


class LeadUnitMultiple(PlanRule[Resolution]):
    """Two or more units named to lead one task ("Văn phòng Sở; Thanh tra Sở"): when all lead, none answers for it.
    The first stays the lead (the suggestion), the others belong in the coordinating column. A sentence in the
    lead cell is lead-unit-unknown instead; "A chủ trì, phối hợp với B" names one lead."""

    code, column, severity = "lead-unit-multiple", "lead_unit", WARNING
    title = ("Nhiều đơn vị chủ trì", "Several lead units")
    message = ("Ô ghi {count} đơn vị chủ trì ({names}): mỗi nhiệm vụ chỉ nên có một đơn vị chủ trì; các đơn vị khác "
               "chuyển sang cột phối hợp.",
               "The cell names {count} lead units ({names}): a task should have one lead unit; move the others to "
               "the coordinating column.")

    def check(self, cells: Units, ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: len(c.parsed.leads) > 1 and not c.parsed.sentence)

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        leads = row.lead_unit.parsed.leads
        # No machine fix: writing the first name alone would drop the others instead of moving them.
        return Problem({"count": len(leads), "names": quote(leads)}, suggestion=leads[0])


class CoordUnitUnknown(PlanRule[Resolution]):
    """A coordinating entry that is no registry unit, collective phrase or outside body: a typo or a sentence."""

    code, column, severity = "coord-unit-unknown", "coord_units", WARNING
    title = ("Đơn vị phối hợp không rõ", "Unknown coordinating unit")
    message = ("\u201c{name}\u201d không phải đơn vị, cụm từ chung hay cơ quan ngoài {level} trong danh mục.{hint}",
               "\u201c{name}\u201d is not a registry unit, collective or outside body.{hint_en}")

    def check(self, cells: Units, ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: bool(c.parsed.of_kind(UNKNOWN)) and not c.broken)

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        unknown = row.coord_units.parsed.of_kind(UNKNOWN)
        near = [e.suggestion.name for e in unknown if e.suggestion]
        return Problem({"name": "\u201d, \u201c".join(e.text for e in unknown),
                        "hint": f" Có phải: {quote(near)}?" if near else "",
                        "hint_en": f" Did you mean {quote(near)}?" if near else ""},
                       suggestion="; ".join(near) if near else None)


def _both(coord: Resolution, lead: Resolution) -> list[str]:
    leads = set(lead.leads)
    return list(dict.fromkeys(e.name for e in coord.of_kind(UNIT) if e.name in leads))


class LeadIsCoordinator(PlanRule[Resolution]):
    """A unit cannot coordinate the task it leads: one of the two columns is wrong."""

    code, column, severity = "lead-is-coordinator", "coord_units", WARNING
    title = ("Đơn vị vừa chủ trì vừa phối hợp", "Unit both leads and coordinates")
    message = ("{names} vừa là đơn vị chủ trì vừa có trong cột phối hợp. Bỏ tên này khỏi cột Đơn vị phối hợp.",
               "{names} both leads and coordinates. Remove it from the coordinating column.")

    def check(self, cells: Units, ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: bool(_both(c.parsed, c.row.lead_unit.parsed)))

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        return Problem({"names": quote(_both(row.coord_units.parsed, row.lead_unit.parsed))})
