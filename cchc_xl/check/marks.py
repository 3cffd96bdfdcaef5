"""What to mark in a workbook, independent of how it is painted.

The CLI paints these marks with openpyxl into a copy (``annotate.py``); the
ribbon paints the very same list with xlwings into the live book (``addin.py``).
Both therefore show identical colours, comments and result rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cchc_xl.check.catalog import ERROR, Finding, kind_of
from cchc_xl.core.model import sheet_ref
from cchc_xl.table.sheets import RESULTS

if TYPE_CHECKING:
    from cchc_xl.check.pipeline import FileResult

COMMENT_AUTHOR = "cchc-xl"
COLORS = {ERROR: "FFC7CE", "warning": "FFEB9C"}        # Excel's "Bad" red and "Neutral" yellow
FONT_COLORS = {ERROR: "9C0006", "warning": "9C5700"}
LABELS = {"vi": {ERROR: "Lỗi", "warning": "Cảnh báo", "hint": "Gợi ý"},
          "en": {ERROR: "Error", "warning": "Warning", "hint": "Suggestion"}}


@dataclass(frozen=True)
class CellMark:
    """How one cell is marked: the worst severity, its colour, the comment listing its findings."""

    sheet: str
    cell: str
    severity: str        # the worst severity on the cell
    color: str           # RRGGBB fill
    comment: str


def marks_for(findings: list[Finding], lang: str = "vi") -> list[CellMark]:
    """One mark per cell: the worst severity, every finding of the cell in its comment."""
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.cell:
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    labels = LABELS.get(lang, LABELS["vi"])
    marks = []
    for (sheet, cell), group in by_cell.items():
        severity = ERROR if any(f.severity == ERROR for f in group) else "warning"
        lines = []
        for f in group:
            lines.append(f"[{labels[f.severity]}] {kind_of(f.code).title(lang)} ({f.code})")
            lines.append(f.message)
            if f.suggestion:
                lines.append(f"{labels['hint']}: {f.suggestion}")
        marks.append(CellMark(sheet, cell, severity, COLORS[severity], "\n".join(lines)))
    return marks


def on_anchors(marks: list[CellMark], merged: dict[str, list[tuple[int, int, int, int]]]) -> list[CellMark]:
    """Marks moved to the top-left cell of the merged range they fall in, combined per cell.

    A fill or note on a covered cell of a merge is invisible (openpyxl cannot even write it);
    ``merged`` maps a sheet to its merged ranges as (row1, col1, row2, col2).
    """
    from cchc_xl.core.model import cell_ref, parse_ref

    out: dict[tuple[str, str], CellMark] = {}
    for m in marks:
        row, col = parse_ref(m.cell)
        cell = m.cell
        for r1, c1, r2, c2 in merged.get(m.sheet, ()):
            if r1 <= row <= r2 and c1 <= col <= c2:
                cell = cell_ref(r1, c1)
                break
        old = out.get((m.sheet, cell))
        if old is None:
            out[(m.sheet, cell)] = CellMark(m.sheet, cell, m.severity, m.color, m.comment)
        else:
            worst = old if old.severity == ERROR else m
            out[(m.sheet, cell)] = CellMark(m.sheet, cell, worst.severity, worst.color, old.comment + "\n\n" + m.comment)
    return list(out.values())


@dataclass(frozen=True)
class ResultRow:
    """One line of the results sheet, and where its cell reference jumps to."""

    values: list[object]
    link: str | None     # "'Phụ lục'!E12": where the Ô column jumps to
    severity: str | None


# The rule's code comes last, beside the printed columns: on paper a clerk reads the kind ("Loại"), on screen the
# code is still there to filter by or to look up.
RESULT_HEADER = {"vi": ["STT", "Ô", "Mức độ", "Loại", "Nội dung", "Giá trị trong ô", "Gợi ý", "Mã"],
                 "en": ["No.", "Cell", "Severity", "Kind", "Message", "Cell value", "Suggestion", "Code"]}
RESULT_WIDTHS = (5, 12, 9, 22, 56, 28, 22, 18)
RESULT_PRINTED = 7     # columns on paper


def registry_label(units_path: str, origin: str, folder: str = "") -> str:
    """A settings file as the results sheet and the text output name it: its file name, where it came from
    and, for the office's own folder, that folder (never the installation path of the shipped sample)."""
    labels = {"shipped": "mặc định của cchc-xl", "option": "tệp --units của văn phòng",
              "office": "cau-hinh-cchc của văn phòng", "user": "thư mục cấu hình của người dùng"}
    name = units_path.replace("\\", "/").rsplit("/", 1)[-1]
    where = labels.get(origin, origin)
    return f"{name} ({where}: {folder})" if folder else f"{name} ({where})"


_SHIPPED = " (mặc định của cchc-xl)"


def paper_registry(label: str, lang: str = "vi") -> str:
    """The registry as the results sheet prints it: the shipped sample said in words a clerk reads ("danh mục mẫu
    của chương trình (units.yaml)": the office has no list of its own yet); the office's own files as named."""
    if lang == "en":
        return label
    if label.endswith(_SHIPPED):
        return f"Danh mục mẫu của chương trình ({label[:-len(_SHIPPED)]})"
    return label.replace("(tệp --units của văn phòng)", "(danh mục riêng của văn phòng)")


def result_lines(result: FileResult, registry: str, lang: str = "vi",
                 when: dt.datetime | None = None) -> list[tuple[str, object]]:
    """The label/value block at the top of the results sheet: counts as numbers, the time as a date-time, a
    one-year period as its year (a number), a range as text."""
    when = when or dt.datetime.now().replace(microsecond=0)
    period: int | str = result.period.single_year or str(result.period) if result.period else ""
    values = [result.path, result.sheet or "", period, result.tasks, result.errors, result.warnings,
              paper_registry(registry, lang), when]
    labels = (["File", "Sheet", "Plan period", "Tasks", "Errors", "Warnings", "Unit registry", "Checked at"]
              if lang == "en" else ["Tệp", "Trang", "Kỳ kế hoạch", "Số nhiệm vụ", "Số lỗi", "Số cảnh báo",
                                    "Danh mục đơn vị", "Thời điểm kiểm tra"])
    return list(zip(labels, values))


def result_rows(findings: list[Finding], lang: str = "vi") -> list[ResultRow]:
    """The results sheet's lines, one per finding."""
    labels = LABELS.get(lang, LABELS["vi"])
    rows = []
    for i, f in enumerate(findings, start=1):
        link = sheet_ref(f.sheet, f.cell) if f.cell else None
        value = f.value if isinstance(f.value, (int, float, str)) or f.value is None else str(f.value)
        rows.append(ResultRow([i, f.where, labels[f.severity], kind_of(f.code).title(lang), f.message, value,
                               f.suggestion or "", f.code], link, f.severity))
    return rows


def summary_line(errors: int, warnings: int, lang: str = "vi") -> str:
    """The one-line summary the ribbon shows in an alert."""
    if lang == "en":
        return f"{errors} errors, {warnings} warnings — see the sheet {RESULTS}"
    return f"{errors} lỗi, {warnings} cảnh báo \u2014 xem trang {RESULTS}"
