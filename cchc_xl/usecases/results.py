"""Use case: the results appendix of one report period (`report`, the ribbon's Báo cáo…): the master's state and
its merged report, for ``consolidation/results.py`` to say and ``formats`` to write."""

from __future__ import annotations

from pathlib import Path

from cchc_xl.consolidation.model import MasterState
from cchc_xl.consolidation.reports import ReportState
from cchc_xl.consolidation.results import Appendix, appendix
from cchc_xl.core.units import Registry
from cchc_xl.errors import CchcError
from cchc_xl.formats.files import fresh_output
from cchc_xl.formats.word.appendix import write_docx
from cchc_xl.formats.xlsx.appendix import write_xlsx


def load_results(master: Path, code: str, year: int | None) -> tuple[MasterState, ReportState]:
    """The master's state and its merged report ``code`` (of ``year``, else the latest one)."""
    from cchc_xl.formats.master.read import read_master

    if not master.exists():
        raise CchcError(f"{master}: không tìm thấy tệp tổng hợp.")
    state = read_master(master)
    if state is None:
        raise CchcError(f"{master}: không đọc được tệp tổng hợp.")
    found = sorted((rs for rs in state.reports.values() if rs.code == code and (year is None or rs.year == year)),
                   key=lambda rs: rs.year)
    if not found:
        have = ", ".join(rs.title for rs in state.reports.values()) or "chưa có báo cáo nào"
        raise CchcError(f"{master}: chưa tổng hợp báo cáo kỳ {code}{f'/{year}' if year else ''} (có: {have}). Hãy "
                        "tổng hợp các mẫu báo cáo của đơn vị trước (cchc-xl consolidate hoặc nút Tổng hợp).")
    return state, found[-1]


def write_results(master: Path, code: str, year: int | None, output: Path, registry: Registry) -> tuple[Path, Appendix]:
    """The results appendix of report ``code`` written to ``output`` (Word for .docx, a workbook for .xlsx; never
    over the master or an input): where, and what it says."""
    if output.suffix.lower() not in (".docx", ".xlsx"):
        raise CchcError("tệp kết quả phải có đuôi .docx hoặc .xlsx.")
    state, rs = load_results(master, code, year)
    said = appendix(state, rs, registry, registry.department)
    write = write_docx if output.suffix.lower() == ".docx" else write_xlsx
    return write(fresh_output(output, master), said), said
