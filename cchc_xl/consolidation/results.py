"""The results appendix of the department's CCHC report, pure: what it says, whatever it is written as
(Word or a workbook: ``workbook/results_appendix.py``).

Every task of the master grouped by reform area with its status for one report period, a line of totals,
and the overdue tasks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cchc_xl.consolidation.model import MasterState
from cchc_xl.consolidation.reports import (
    UNREPORTED,
    ProgressRow,
    ReportState,
    progress_rows,
)
from cchc_xl.core.reporting import DONE, DROPPED, NOT_STARTED, ONGOING
from cchc_xl.core.units import Registry

HEAD = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ", "Kết quả / sản phẩm"]
LATE_HEAD = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Số ngày trễ", "Khó khăn, vướng mắc / đề xuất"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def numeral(i: int) -> str:
    """The heading number of the ``i``-th area (0-based): I, II, … then 16, 17 (plans never have that many)."""
    return ROMAN[i] if i < len(ROMAN) else str(i + 1)


@dataclass
class Appendix:
    """What the appendix says, whatever it is written as."""

    title: str
    subtitle: str
    totals: str
    groups: list[tuple[str, list[ProgressRow]]]     # (area, its tasks), in the master's order
    overdue: list[ProgressRow]


def appendix(state: MasterState, rs: ReportState, registry: Registry, department: str = "") -> Appendix:
    """The appendix of report period ``rs``: every task of the master grouped by area, and the overdue ones."""
    rows = progress_rows(state, rs, registry)
    groups: dict[str, list[ProgressRow]] = {}
    for r in rows:
        groups.setdefault(r.area or "Nhiệm vụ khác", []).append(r)
    c = Counter(r.status for r in rows)
    overdue = [r for r in rows if r.overdue]
    done = c[DONE] / len(rows) if rows else 0.0
    totals = (f"Tổng số {len(rows)} nhiệm vụ: {c[DONE]} đã hoàn thành ({done:.0%}), {c[ONGOING]} đang thực hiện, "
              f"{c[NOT_STARTED]} chưa thực hiện, {c[DROPPED]} không thực hiện, {c[UNREPORTED]} chưa báo cáo; "
              f"{len(overdue)} nhiệm vụ quá hạn.")
    return Appendix(f"KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {rs.title.upper()}",
                    # the report's number and date are left for the clerk to fill in, as on every appendix
                    f"(Kèm theo Báo cáo số ……/BC-…… ngày …… tháng …… năm {rs.year} của {department or 'cơ quan'}; "
                    f"số liệu tính đến ngày {rs.cutoff:%d/%m/%Y}"
                    + (f", quá hạn xét đến ngày {rs.as_of:%d/%m/%Y})" if rs.as_of != rs.cutoff else ")"), totals, list(groups.items()), overdue)
