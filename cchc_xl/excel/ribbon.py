"""Adapter: the CCHC ribbon buttons, run on the live workbook through xlwings.

Thin on purpose: it reads the sheets' values (unsaved edits included) into the
same ``Book`` model the file reader produces, runs the same ``check_book``, and
paints the same list of cell marks (``marks.py``) that `cchc-xl check --annotate`
paints with openpyxl. No rule logic lives here.

The VBA callback (macros/CchcRibbon.bas) calls ``on_ribbon(button_id)``.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any, Callable

from cchc_xl.check.marks import (COMMENT_AUTHOR, RESULT_HEADER, CellMark, marks_for, on_anchors,
                    result_lines, result_rows, summary_line)
from cchc_xl.core.model import Book, Grid, normal
from cchc_xl.core.sheets import GUIDE, MARKS, PROPERTIES, RESULTS
from cchc_xl.workbook.xlsx import cell_text

TITLE = "CCHC"
MAX_MERGE_PROBES = 5000


def on_ribbon(control_id: str, argument: str | None = None, book: Any = None) -> dict:
    """Run one ribbon button; returns what it did (for logs and tests)."""
    import xlwings as xw

    book = book if book is not None else xw.Book.caller()
    action = ACTIONS.get(control_id)
    if action is None:
        raise ValueError(f"unknown ribbon button: {control_id}")
    try:
        return action(book, argument)
    except _UserError as exc:
        _alert(book, str(exc))
        return {"error": str(exc)}


class _UserError(Exception):
    pass


# --------------------------------------------------------------------------- reading the live book
def read_live(book: Any) -> tuple[Book, dict[str, list[tuple[int, int, int, int]]]]:
    """The live workbook as the core's ``Book``, and each sheet's merged ranges."""
    grids, merged, properties = [], {}, {}
    for sheet in book.sheets:
        rng = sheet.used_range
        values = rng.options(ndim=2).value or [[]]
        pad = [None] * (rng.column - 1)
        rows = [pad + [normal(v) for v in row] for row in values]
        if sheet.name == PROPERTIES:
            properties = {str(r[0]): "" if len(r) < 2 or r[1] is None else str(r[1]) for r in rows if r and r[0]}
            continue
        merged[sheet.name] = _merged(sheet, rng)
        grids.append(Grid(sheet.name, rows, merged[sheet.name], rng.row, _visible(sheet)))
    return Book(book.fullname, grids, properties), merged


def _visible(sheet: Any) -> bool:
    try:
        return bool(sheet.visible)
    except Exception:
        return True


def _merged(sheet: Any, rng: Any) -> list[tuple[int, int, int, int]]:
    """Merged ranges of the used range: Excel's Find-by-format on Windows, a bounded probe of
    empty cells elsewhere; engines that cannot tell (the remote one) report none."""
    try:
        return _merged_com(sheet, rng)
    except Exception:
        pass
    found: set[tuple[int, int, int, int]] = set()
    try:
        values = rng.options(ndim=2).value or []
        probes = 0
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                if value is not None or probes >= MAX_MERGE_PROBES:
                    continue
                probes += 1
                cell = sheet.range((rng.row + i, rng.column + j))
                if cell.merge_cells:
                    area = cell.merge_area
                    found.add((area.row, area.column, area.last_cell.row, area.last_cell.column))
    except Exception:
        return sorted(found)
    return sorted(found)


def _merged_com(sheet: Any, rng: Any) -> list[tuple[int, int, int, int]]:
    api = rng.api
    if api.MergeCells is False:
        return []
    app = sheet.book.app.api
    app.FindFormat.Clear()
    app.FindFormat.MergeCells = True
    out: list[tuple[int, int, int, int]] = []
    first = found = api.Find(What="", SearchFormat=True)
    while found is not None:
        area = found.MergeArea
        key = (area.Row, area.Column, area.Row + area.Rows.Count - 1, area.Column + area.Columns.Count - 1)
        if key in out:
            break
        out.append(key)
        found = api.Find(What="", After=area.Cells(area.Rows.Count, area.Columns.Count), SearchFormat=True)
        if found is not None and found.Address == first.Address:
            break
    app.FindFormat.Clear()
    return out


# --------------------------------------------------------------------------- painting
def _rgb(hex6: str) -> tuple[int, int, int]:
    return int(hex6[0:2], 16), int(hex6[2:4], 16), int(hex6[4:6], 16)


def _hex(color: Any) -> str:
    if isinstance(color, tuple):
        return "%02X%02X%02X" % color[:3]
    return str(color or "").lstrip("#").upper()


def _remembered_color(fill: str) -> str:
    """RRGGBB from a remembered fill: ours, or the JSON annotate.py writes (an annotated copy)."""
    if fill.startswith("{"):
        import json

        fg = json.loads(fill).get("fg") or {}
        return str(fg.get("value"))[-6:] if fg.get("type") == "rgb" else ""
    return fill


def _sheet(book: Any, name: str) -> Any | None:
    try:
        return book.sheets[name]
    except Exception:
        return None


def clear_live(book: Any) -> int:
    """Undo our marks: previous fills and notes back, our sheets removed."""
    memory = _sheet(book, MARKS)
    restored = 0
    if memory is not None:
        rows = memory.used_range.options(ndim=2).value or []
        for row in rows[1:]:
            sheet_name, cell, fill, note = (list(row) + [None] * 4)[:4]
            sheet = _sheet(book, sheet_name) if sheet_name else None
            if sheet is None or not cell:
                continue
            target = sheet[cell]
            color = _remembered_color(str(fill or ""))
            target.color = _rgb(color) if color else None
            if target.note is not None:
                target.note.delete()
            if note:
                target.add_note(str(note))
            restored += 1
        memory.delete()
    results = _sheet(book, RESULTS)
    if results is not None:
        results.delete()
    return restored


def paint_live(book: Any, marks: list[CellMark], merged: dict) -> None:
    memory_rows: list[list[Any]] = [["sheet", "cell", "fill", "comment", "author"]]  # as annotate.py
    for m in on_anchors([m for m in marks if _sheet(book, m.sheet) is not None], merged):
        target = book.sheets[m.sheet][m.cell]
        old_color, old_note = _read_quietly(lambda: target.color), None
        if target.note is not None:
            old_note = _read_quietly(lambda: target.note.text)
            target.note.delete()
        memory_rows.append([live_text(v) for v in (m.sheet, m.cell, _hex(old_color) if old_color else "",
                                                     old_note or "", "")])
        target.color = _rgb(m.color)
        text = m.comment if not old_note else m.comment + "\n\n— Ghi chú cũ —\n" + old_note
        target.add_note(cell_text(f"{COMMENT_AUTHOR}:\n{text}"))
    memory = book.sheets.add(MARKS, after=book.sheets[len(book.sheets) - 1])
    memory["A1"].value = memory_rows
    memory.visible = False


def live_text(value: Any) -> Any:
    """A value for a live cell, through the same guard as files (``xlsx.cell_text``). Excel parses a
    string set through its object model: one starting with = + - @ would become a formula, so it
    gets the apostrophe a clerk would type."""
    if not isinstance(value, str):
        return value
    value = cell_text(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _read_quietly(read: Callable[[], Any]) -> Any:
    """Engines that cannot read a colour or a note's text synchronously give None."""
    try:
        return read()
    except (NotImplementedError, AttributeError):
        return None


def write_results_live(book: Any, result: Any, registry_path: str, lang: str = "vi") -> None:
    ws = book.sheets.add(RESULTS, before=book.sheets[0])
    lines = result_lines(result, registry_path, lang)
    ws["A1"].value = "KẾT QUẢ KIỂM TRA PHỤ LỤC CCHC" if lang != "en" else "CCHC APPENDIX CHECK RESULTS"
    ws["B3"].value = [[live_text(label), live_text(value)] for label, value in lines]
    header_row = 3 + len(lines) + 1
    rows = result_rows(result.findings, lang)
    ws[f"A{header_row}"].value = [RESULT_HEADER.get(lang, RESULT_HEADER["vi"])] + [
        [live_text(v) for v in r.values] for r in rows]
    for i, r in enumerate(rows, start=header_row + 1):
        if r.link:
            ws[f"B{i}"].add_hyperlink("#" + r.link, str(r.values[1]))


# --------------------------------------------------------------------------- buttons
def kiem_tra(book: Any, _argument: str | None = None, lang: str = "vi") -> dict:
    """Check the active workbook as it is on screen, mark it, summarise in an alert."""
    from cchc_xl.check.pipeline import check_book
    from cchc_xl.settings import load_config

    config = load_config()
    clear_live(book)
    model, merged = read_live(book)
    result = check_book(model, config, None, lang)
    if result.error:
        raise _UserError(result.error)
    marks = marks_for(result.findings, lang)
    paint_live(book, marks, merged)
    write_results_live(book, result, config.units_path, lang)
    message = summary_line(result.errors, result.warnings, lang)
    _alert(book, message)
    return {"errors": result.errors, "warnings": result.warnings, "marks": on_anchors(marks, merged),
            "message": message}


def xoa_danh_dau(book: Any, _argument: str | None = None) -> dict:
    restored = clear_live(book)
    return {"restored": restored}


def tong_hop(book: Any, folder: str | None = None) -> dict:
    """Consolidate a folder of submissions into tong-hop.xlsx there, then open it."""
    from cchc_xl.settings import load_config
    from cchc_xl.workbook.submissions import ConsolidationError, run_consolidation

    if not folder:
        raise _UserError("Chưa chọn thư mục chứa bài nộp.")
    master = Path(folder) / "tong-hop.xlsx"
    try:
        run = run_consolidation([folder], master, load_config())
    except ConsolidationError as exc:
        raise _UserError(str(exc)) from None
    rejected = sum(1 for o in run.outcomes if o.status == "rejected")
    _open(book, run.master)
    done = "Đã tổng hợp" if run.written else "Không có gì thay đổi:"
    message = f"{done} {len(run.state.rows)} nhiệm vụ trong {run.master.name}; {rejected} bài bị trả lại."
    _alert(book, message)
    return {"master": str(run.master), "rows": len(run.state.rows), "rejected": rejected}


def tao_mau(book: Any, _argument: str | None = None) -> dict:
    """A new standard workbook for this year, opened for filling in."""
    from cchc_xl.settings import load_config
    from cchc_xl.core.periods import Period
    from cchc_xl.workbook.template import write_template

    year = dt.date.today().year
    folder = Path.home() / "Documents"
    folder = folder if folder.is_dir() else Path.home()
    path = _free_name(folder / f"phu-luc-cchc-{year}.xlsx")
    write_template(path, load_config(), Period(year, year))
    _open(book, path)
    return {"template": str(path)}


def huong_dan(book: Any, _argument: str | None = None) -> dict:
    """The guide is the template's 'Hướng dẫn' sheet: opened from a fresh copy."""
    from cchc_xl.settings import load_config
    from cchc_xl.core.periods import Period
    from cchc_xl.workbook.template import write_template

    path = Path(tempfile.mkdtemp(prefix="cchc-")) / "huong-dan-cchc.xlsx"
    year = dt.date.today().year
    write_template(path, load_config(), Period(year, year))
    opened = _open(book, path)
    if opened is not None:
        opened.sheets[GUIDE].activate()
    return {"guide": str(path)}


ACTIONS: dict[str, Callable[..., dict]] = {
    "kiem_tra": kiem_tra, "xoa_danh_dau": xoa_danh_dau, "tong_hop": tong_hop, "tao_mau": tao_mau,
    "huong_dan": huong_dan,
}


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _open(book: Any, path: Path) -> Any:
    try:
        return book.app.books.open(str(path))
    except Exception:  # engines without files (remote) cannot open one
        return None


def _alert(book: Any, message: str) -> None:
    try:
        book.app.alert(message, title=TITLE)
    except Exception:
        pass
