"""Use case: a plan's appendix from Word into the standard workbook, then checked (`cchc-xl import`).

The conversion is the Word format's (``formats/word/importer.py``); what is decided here is what a user asks
for: where the workbook goes (never over the document, a master or a spreadsheet given by mistake), which unit
sends it, and that the workbook is checked by the very checker of `check` (and marked when asked).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cchc_xl.check.config import Config
from cchc_xl.check.pipeline import FileResult
from cchc_xl.core.periods import Period
from cchc_xl.errors import CchcError
from cchc_xl.formats.files import fresh_output
from cchc_xl.formats.word.importer import Imported, import_plan
from cchc_xl.usecases.check import check_file

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


@dataclass(frozen=True)
class ImportRequest:
    """A Word plan to import: from where, to where (default: beside it, .xlsx), how."""

    source: Path
    config: Config
    output: Path | None = None
    period: Period | None = None    # else the document's title says it
    unit: str | None = None         # Đơn vị gửi, filled in
    table: int | None = None        # the Nth table (else the one whose header names task columns)
    annotate: bool = False


@dataclass
class ImportDone:
    """What an import did: the workbook written, its check, the marked copy when asked."""

    imported: Imported
    result: FileResult
    marked: Path | None = None


def import_and_check(request: ImportRequest) -> ImportDone:
    """Import ``request.source`` into a new workbook, then check it (and mark it when asked)."""
    source, cfg = request.source, request.config
    if source.suffix.lower() in SPREADSHEETS:
        raise CchcError(f"{source}: là bảng tính, không phải văn bản Word; lệnh import nhập bảng phụ lục từ tệp .docx "
                        "(hoặc .doc). Kiểm tra bảng tính bằng: cchc-xl check.")
    target = request.output or source.with_suffix(".xlsx")
    if target.suffix.lower() != ".xlsx":
        raise CchcError("tệp kết quả phải có đuôi .xlsx.")
    if target.resolve() == source.resolve():
        raise CchcError("tệp kết quả trùng tệp Word; hãy chọn tên khác (-o).")
    fresh_output(target, source)   # never over a master
    found = cfg.registry.lookup(request.unit) if request.unit else None
    if request.unit and found is None:
        raise CchcError(f"đơn vị \u201c{request.unit}\u201d không có trong danh mục {cfg.units_path}.")
    done = import_plan(source, target, cfg, request.period, found.name if found else None, request.table)
    result = check_file(str(done.path), cfg, None, "vi", light=not request.annotate)
    marked = None
    if request.annotate and not result.error:
        from cchc_xl.formats.xlsx.annotate import annotate_file

        marked = annotate_file(result, cfg, None, "vi")
    return ImportDone(done, result, marked)
