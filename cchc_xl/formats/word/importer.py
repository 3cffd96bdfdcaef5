"""`cchc-xl import`: a plan's appendix table in Word -> the standard workbook, filled.

The Word tables are read as grids (``docx_reader``) and the appendix is found by the very
table reader the checker uses (the same header spellings, two-row headers, areas merged
down a group, rows cut at page breaks joined, repeated headers and totals skipped); each
heading and task is then typed into the template (``cchc-xl template``) in order. Text is
kept as written (NFC, line breaks kept); a number or a date is typed as one only where
the cell holds exactly that ("15.000.000", "31/12/2020"); anything else (a budget in
words, a condition for a deadline) stays text for the checker to report. A plan counting
in millions ("Kinh phí (triệu đồng)") has its numbers typed in đồng, the template's unit.

The workbook records the source file and its SHA-256 (properties), and each row the
Word table and row it came from (the hidden column "Vị trí trong Word"). A Word 97-2003
document or RTF (whatever its name) is converted through LibreOffice offline when it is
installed (``source``); .docm, .pdf, scans, web pages and passwords are refused with the way out.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_xl.check.config import Config
from cchc_xl.core.deadlines import exact_day
from cchc_xl.core.model import Entry, Heading, Table, column_letter
from cchc_xl.core.periods import Period, period_from_title
from cchc_xl.errors import PlanImportError, ReadError
from cchc_xl.formats.files import atomic_write
from cchc_xl.formats.xlsx.stream import loosen_heights
from cchc_xl.formats.word.reader import WordDocument, WordTable, read_docx
from cchc_xl.formats.word.rows import SetAside, prepare, unused
from cchc_xl.formats.word.source import as_docx
from cchc_xl.formats.xlsx.cells import print_setup, put, row_height, styles
from cchc_xl.formats.xlsx.template import (
    FIRST_DATA_ROW,
    KEYS,
    META_ROWS,
    PREPARED_ROWS,
    SHEET,
    WIDTHS,
    build_template,
)
from cchc_xl.table.layout import locate_table
from cchc_xl.table.sheets import PROPERTIES

PROVENANCE = "Vị trí trong Word"
SET_ASIDE = "Ngoài bảng nhiệm vụ"   # the visible sheet of the Word table's rows that are no task (totals, notes…)
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")   # Vietnamese: 1.234,5


@dataclass
class Imported:
    """What an import wrote: the workbook, the table used, how many tasks and headings, the period."""

    path: Path
    table: int
    tasks: int
    headings: int
    period: Period
    period_from: str
    set_aside: int = 0                                  # rows of the Word table written beside the tasks
    notes: list[str] = field(default_factory=list)      # what the reader could not read (an altChunk)


def import_plan(source: Path, output: Path, config: Config, period: Period | None = None, unit: str | None = None,
                table_number: int | None = None) -> Imported:
    """Read ``source`` (.docx, or .doc through LibreOffice) and write the filled template at ``output``."""
    given = as_docx(source)
    with given as docx:
        try:
            document = read_docx(docx)
        except ReadError as exc:
            if docx == source:
                raise
            raise ReadError(source, exc.reason) from None     # a converted copy's error names the user's file
    word, table = _choose(source, document, table_number, config)
    grid, aside = prepare(word.grid, table)
    if grid is not word.grid:   # rows set aside, spans split: read the table again
        table = locate_table([grid], config.areas) or table
    aside = unused(word.grid, table, aside)
    chosen, where = (period, "option") if period else _period(word, document.first)
    if chosen is None:
        raise PlanImportError(f"{source}: tiêu đề văn bản không ghi năm của kế hoạch; hãy chạy lại với --period (ví dụ "
                           "--period 2020 hoặc --period 2021-2025).")
    wb = build_template(config, chosen, unit)
    ws = wb[SHEET]
    count = _fill(ws, table, word.number)
    ws.cell(META_ROWS["author"], 3).value = f"Nhập từ {source.name}"
    _set_aside(wb, aside, word.number)
    _provenance(wb, source, word.number)
    grown = {SHEET: range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(table.headings) + len(table.entries))}
    ws.print_area = f"A1:{column_letter(len(KEYS))}{max(grown[SHEET].stop - 1, FIRST_DATA_ROW)}"   # no empty grid

    def write(tmp: str) -> None:   # the rows' heights for LibreOffice, which Excel may still grow as text is added
        wb.save(tmp)
        loosen_heights(Path(tmp), grown)

    written = atomic_write(output, write)
    return Imported(written, word.number, count, len(table.headings), chosen, where, len(aside),
                    given.notes + document.notes)


def _choose(source: Path, document: WordDocument, number: int | None, config: Config) -> tuple[WordTable, Table]:
    """The appendix: table ``number``, else the table whose header names the most task columns."""
    tables = document.tables
    if not tables:
        raise PlanImportError(f"{source}: văn bản không có bảng nào (phụ lục phải là một bảng Word)."
                              + _embedded(document))
    if number is not None:
        if not 1 <= number <= len(tables):
            raise PlanImportError(f"{source}: không có bảng {number} (văn bản có {len(tables)} bảng).")
        candidates = [tables[number - 1]]
    else:
        candidates = tables
    best: tuple[int, WordTable, Table] | None = None
    for word in candidates:
        table = locate_table([word.grid], config.areas)
        if table is not None and (best is None or len(table.tasks) > best[0]):
            best = (len(table.tasks), word, table)
    if best is None:
        which = f"bảng {number}" if number else f"{len(tables)} bảng của văn bản"
        raise PlanImportError(f"{source}: không thấy dòng tiêu đề của bảng nhiệm vụ trong {which} (cần các cột Nhiệm vụ, "
                           "Cơ quan chủ trì, Thời gian hoàn thành). Chọn bảng khác với --table N."
                           + _embedded(document))
    return best[1], best[2]


def _embedded(document: WordDocument) -> str:
    """What to do when the appendix may be a workbook embedded in the document (Chèn → Đối tượng → Excel)."""
    if not document.sheets:
        return ""
    return (f" Văn bản có {len(document.sheets)} bảng tính Excel nhúng ({', '.join(document.sheets[:3])}): nếu phụ lục "
            "là bảng tính đó, hãy mở văn bản bằng Word, bấm chuột phải vào bảng → Worksheet Object → Open, lưu bảng "
            "tính thành tệp .xlsx rồi kiểm tra tệp đó bằng `cchc-xl check`.")


def _period(word: WordTable, first: list[str]) -> tuple[Period | None, str]:
    found = period_from_title(word.above) or period_from_title(first)
    return found, "title" if found else ""


def _fill(ws: Any, table: Table, number: int) -> int:
    """Headings and tasks in sheet order from the template's first row; returns the number of tasks."""
    items: list[Heading | Entry] = sorted([*table.headings, *table.entries], key=lambda x: x.row)
    col = {key: KEYS.index(key) + 1 for key in KEYS}
    where = len(KEYS) + 1
    ws.cell(FIRST_DATA_ROW - 1, where, PROVENANCE)
    ws.column_dimensions[ws.cell(1, where).column_letter].hidden = True
    tasks, look = 0, styles()
    for r, item in enumerate(items, start=FIRST_DATA_ROW):
        _styled_row(ws, r)
        if isinstance(item, Heading):
            put(ws.cell(r, col["stt"]), _typed(item.number, "stt"))
            heading = ws.cell(r, col["area" if _is_area(item, table) else "task"])
            put(heading, item.text)
            if heading.column == col["area"]:   # one bold line across the empty cells right of it, as in the plan
                heading.font, heading.alignment = look["bold"], look["line"]
            rows = [item.row]
        else:
            tasks += item.is_task
            values = {"stt": item.stt, **item.values, "area": item.area or item.values.get("area", "")}
            for key in KEYS:
                value = values.get(key)
                if value not in (None, ""):
                    typed = _typed(value, key)
                    if key == "budget":   # the template counts in đồng
                        typed = _dong(value, table.budget_scale.factor)
                    put(ws.cell(r, col[key]), typed)
            rows = item.rows
        span = f"{rows[0]}" if len(rows) == 1 else f"{rows[0]}–{rows[-1]}"
        put(ws.cell(r, where), f"Bảng {number}, dòng {span}")
        cells = [ws.cell(r, c) for c in range(1, len(KEYS) + 1)]   # LibreOffice does not grow a row on open
        ws.row_dimensions[r].height = row_height([c.value if c.alignment.wrap_text else None for c in cells],
                                                 [WIDTHS[k] for k in KEYS])
    return tasks


def _styled_row(ws: Any, r: int) -> None:
    """Row ``r`` styled as the template's prepared rows (borders, font, wrapping), also past the last of them."""
    from copy import copy

    if r >= FIRST_DATA_ROW + PREPARED_ROWS:
        for c in range(1, len(KEYS) + 1):
            ws.cell(r, c)._style = copy(ws.cell(FIRST_DATA_ROW, c)._style)


def _is_area(h: Heading, table: Table) -> bool:
    return table.area_level is None or h.level <= table.area_level


def _typed(value: Any, key: str) -> Any:
    """A number or a date where the cell holds exactly that; everything else as written."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if key in ("stt", "budget") and _NUMBER.fullmatch(text):
        return int(text.replace(".", ""))
    day = exact_day(text) if key == "deadline" else None
    return dt.datetime(day.year, day.month, day.day) if day else value


def _dong(value: Any, factor: int) -> Any:
    """A budget cell in đồng, the template's unit: "75,5" in a column of triệu đồng is 75.500.000, "1.500" is
    1.500.000.000; text, and an amount that is no whole number of đồng ("75,5" đồng), stays as written."""
    text = value.strip() if isinstance(value, str) else ""
    if not _AMOUNT.fullmatch(text):
        return value
    amount = decimal.Decimal(text.replace(".", "").replace(",", ".")) * factor
    return int(amount) if amount == amount.to_integral_value() else value


def _set_aside(wb: Any, rows: list[SetAside], number: int) -> None:
    """The Word table's rows that are no task (totals, notes, column numbers, repeated headers…), visible on
    their own sheet beside the tasks, so that nothing of the document is dropped unseen; laid out and printed
    as every sheet we write."""
    if not rows:
        return
    look = styles()
    ws = wb.create_sheet(SET_ASIDE, 1)
    put(ws.cell(1, 1), "Các dòng của bảng Word không phải nhiệm vụ (không được kiểm tra; giữ để đối chiếu với văn bản)")
    ws.cell(1, 1).font = look["title"]
    widths = (20, 28, 90)
    for c, (title, width) in enumerate(zip((PROVENANCE, "Vì sao", "Chữ trong văn bản"), widths), start=1):
        cell = ws.cell(2, c)
        put(cell, title)
        cell.font, cell.fill, cell.border, cell.alignment = look["bold"], look["header"], look["border"], look["center"]
        ws.column_dimensions[cell.column_letter].width = width
    for r, aside in enumerate(rows, start=3):
        values = (f"Bảng {number}, dòng {aside.row}", aside.why, aside.text)
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c)
            put(cell, value)
            cell.font, cell.alignment, cell.border = look["normal"], look["wrap"], look["border"]
        ws.row_dimensions[r].height = row_height(values, widths)
    print_setup(ws, 2)


def _provenance(wb: Any, source: Path, number: int) -> None:
    ws = wb[PROPERTIES]
    digest = _sha256(source)
    for key, value in (("source", source.name), ("source_sha256", digest), ("source_table", str(number))):
        row = ws.max_row + 1
        ws.cell(row, 1, key)
        put(ws.cell(row, 2), value)


def _sha256(path: Path) -> str:
    """The file's SHA-256, read a megabyte at a time (a plan with photos is tens of MB: never held whole)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()
