"""consolidation/crosstabs.py, pure: tasks and budgets by area (per sending unit too), by lead unit against its
ceiling, by quarter of the plan; totals are computed from the rows, a formula's last result counts."""

from __future__ import annotations

import datetime as dt

from cchc_xl.consolidation.crosstabs import OUTSIDE, UNDATED, budget_total, crosstabs
from cchc_xl.core.areas import Area, AreaCatalog
from cchc_xl.core.model import Formula
from cchc_xl.core.periods import Period
from cchc_xl.core.units import UNIT, Registry, Unit
from tests.support.masters import master_row, master_state

AREAS = AreaCatalog([Area("the-che", "Cải cách thể chế", ("Xây dựng thể chế",)),
                     Area("tthc", "Cải cách thủ tục hành chính"), Area("tai-chinh", "Cải cách tài chính công")])
REGISTRY = Registry([Unit("Phòng A", UNIT, budget_ceiling=2_500_000), Unit("Phòng B", UNIT), Unit("Văn phòng Sở", UNIT)])


def rows() -> list[dict]:
    return [master_row(1, "Phòng A", area="I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", due=dt.date(2020, 2, 10)),
            master_row(2, "Phòng A", area="Xây dựng thể chế", due=dt.date(2020, 5, 1)),
            master_row(3, "Phòng B", area="Cải cách thể chế", lead_unit="Phòng A", due=dt.date(2020, 11, 30)),
            master_row(4, "Phòng B", area="", budget="chưa rõ", due=None),
            master_row(5, "Phòng B", area="Lĩnh vực riêng", budget=Formula("=J2*2", "J6", 500_000),
                       due=dt.date(2021, 1, 15))]


def tabs(period: Period | None = Period(2020, 2020)):
    state = master_state(rows(), period=period)
    return {t.label: t for t in crosstabs(state, AREAS, REGISTRY)}


def test_budget_total_sums_numbers_and_formula_results_only():
    assert budget_total(rows()) == 1_000_000 + 2_000_000 + 3_000_000 + 500_000
    assert budget_total([master_row(1, budget=float("inf")), master_row(2, budget=True), master_row(3, budget=None)]) \
        == 0


def test_by_area_in_the_catalogs_order_aliases_joined_unknown_and_blank_last():
    tab = tabs()["Lĩnh vực"]
    assert [(r.name, r.tasks, r.budget) for r in tab.rows] == [
        ("Cải cách thể chế", 2, 5_000_000), ("Cải cách thủ tục hành chính", 1, 1_000_000),
        ("(không ghi lĩnh vực)", 1, 0), ("Lĩnh vực riêng", 1, 500_000)]
    assert tab.senders == ["Phòng A", "Phòng B"]
    assert tab.rows[0].per_unit == {"Phòng A": 1, "Phòng B": 1}
    assert (tab.total_tasks, tab.total_budget) == (5, 6_500_000)


def test_by_lead_most_tasks_first_against_the_ceiling():
    tab = tabs()["Đơn vị chủ trì"]
    assert [(r.name, r.tasks) for r in tab.rows] == [("Phòng A", 3), ("Phòng B", 2)]
    first = tab.rows[0]
    assert (first.budget, first.ceiling, first.over_ceiling) == (6_000_000, 2_500_000, True)
    assert tab.rows[1].ceiling is None and not tab.rows[1].over_ceiling
    assert tab.with_ceiling and tab.senders == []


def test_by_quarter_every_quarter_of_the_period_then_outside_then_undated():
    tab = tabs()["Thời hạn"]
    counts = {r.name: r.tasks for r in tab.rows}
    assert list(counts) == ["Quý I/2020", "Quý II/2020", "Quý III/2020", "Quý IV/2020", OUTSIDE, UNDATED]
    assert counts == {"Quý I/2020": 1, "Quý II/2020": 1, "Quý III/2020": 0, "Quý IV/2020": 1, OUTSIDE: 1, UNDATED: 1}
    assert tab.over_time


def test_without_a_period_the_quarters_run_over_the_years_of_the_due_dates():
    names = [r.name for r in tabs(period=None)["Thời hạn"].rows]
    assert names[0] == "Quý I/2020" and names[-3] == "Quý IV/2021" and names[-2:] == [OUTSIDE, UNDATED]
    assert len(names) == 8 + 2


def test_a_multi_year_plan_has_its_quarters():
    names = [r.name for r in tabs(period=Period(2020, 2022))["Thời hạn"].rows]
    assert len(names) == 12 + 2 and names[-3] == "Quý IV/2022"
    counts = {r.name: r.tasks for r in tabs(period=Period(2020, 2022))["Thời hạn"].rows}
    assert counts["Quý I/2021"] == 1 and counts[OUTSIDE] == 0
