"""Rules about the table itself: the header, task text, formula errors, areas, repeats, split rows, encodings."""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from cchc_xl.check.catalog import WARNING
from cchc_xl.check.frame import FRAME_COLUMNS, PlanCell, PlanRow, filled
from cchc_xl.check.rules.base import (
    BookFacts,
    BookRule,
    Context,
    PlanRule,
    Problem,
    TableRule,
    passes,
    text,
)
from cchc_xl.core.areas import Area
from cchc_xl.core.model import Fragment, cell_ref
from cchc_xl.core.text import fold

_DETAIL_WORDS = {"lead_unit": ("đơn vị chủ trì", "a lead unit"), "deadline": ("thời gian", "a deadline"),
                 "product": ("sản phẩm", "a product"), "budget": ("kinh phí", "a budget")}


class HeaderMissing(BookRule):
    """No sheet has a header row naming the task, lead-unit and deadline columns: nothing can be checked."""

    code, column = "header-missing", None
    title = ("Không tìm thấy dòng tiêu đề bảng", "Table header not found")
    message = ("Không tìm thấy bảng nhiệm vụ: không có dòng tiêu đề nào chứa các cột Nhiệm vụ, "
               "Đơn vị chủ trì, Thời gian hoàn thành. Hãy dùng mẫu (cchc-xl template) hoặc đặt "
               "tên cột như trong hướng dẫn.",
               "No task table: no header row with the columns Nhiệm vụ, Đơn vị chủ trì, Thời gian "
               "hoàn thành. Use the template (cchc-xl template) or name the columns as documented.")

    def find(self, book: BookFacts) -> Iterable[Problem]:
        """Reported at A1 of the sheet shown, when no table was found."""
        return [] if book.table is not None else [Problem(value="", cell="A1", row=1)]


class TaskMissing(PlanRule[None]):
    """A row fills a lead unit, deadline, product or budget but has no task: the rest of it means nothing."""

    code, column = "task-missing", "task"
    title = ("Thiếu nội dung nhiệm vụ", "Task text missing")
    message = ("Dòng có {what} nhưng không có nội dung nhiệm vụ.", "The row has {what_en} but no task text.")

    def check(self, cells: Sequence[PlanCell[None]], ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: not c.row.is_task)

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        details = filled(row.entry.values)
        return Problem({"what": ", ".join(_DETAIL_WORDS[k][0] for k in details),
                        "what_en": ", ".join(_DETAIL_WORDS[k][1] for k in details)}, value="")


class FormulaError(TableRule[PlanRow]):
    """A cell shows #REF!, #DIV/0!...: its value is lost. Reported once here; the other rules skip the cell."""

    code, column = "formula-error", None
    title = ("Lỗi công thức", "Formula error")
    message = ("Ô có lỗi công thức {value}: giá trị không tính được. Sửa công thức (thường do xóa dòng/cột nó "
               "tham chiếu) hoặc nhập giá trị trực tiếp.",
               "The cell holds the formula error {value}. Fix the formula or type the value.")

    def check(self, rows: Sequence[PlanRow], ctx: Context) -> Iterable[bool]:
        columns: list[list[PlanCell[object]]] = [getattr(rows[0].frame, key) for key in FRAME_COLUMNS] if rows else []
        return [not any(column[row.index].broken for column in columns) for row in rows]

    def explain(self, row: PlanRow, ctx: Context) -> list[Problem]:
        cells = [(k, row.cell(k)) for k in FRAME_COLUMNS]
        return [Problem(value=c.value, column=k, cell=row.entry.cells.get(k)) for k, c in cells if c.broken]


class AreaUnknown(PlanRule[Area | None]):
    """An area (a heading or the area column) that is none of the reform areas in areas.yaml: often a typo."""

    code, column, severity = "area-unknown", "area", WARNING
    title = ("Lĩnh vực không có trong danh mục", "Unknown reform area")
    message = ("Lĩnh vực \u201c{value}\u201d không có trong danh mục lĩnh vực CCHC.{hint}",
               "The area \u201c{value}\u201d is not a known reform area.{hint_en}")

    def check(self, cells: Sequence[PlanCell[Area | None]], ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: bool(text(c.value)) and c.parsed is None and not c.broken)

    def explain(self, row: PlanRow, ctx: Context) -> Problem:
        shown = row.area.value   # the heading the row inherits, read from the cell ``entry.area_cell``
        near = ctx.config.areas.suggest(str(shown))
        return Problem({"hint": f" Có phải: \u201c{near.name}\u201d?" if near else "",
                        "hint_en": f" Did you mean \u201c{near.name}\u201d?" if near else ""},
                       suggestion=near.name if near else None, fix=near.name if near else None,
                       value=shown, cell=row.entry.area_cell or None)


class TaskDuplicate(PlanRule[None]):
    """The same task twice in one table (case, spacing and punctuation aside): usually a copy-paste slip."""

    code, column, severity = "task-duplicate", "task", WARNING
    title = ("Nhiệm vụ bị trùng", "Duplicate task")
    message = ("Nhiệm vụ này trùng với nhiệm vụ ở dòng {other}.", "This task repeats the task on row {other}.")

    def check(self, cells: Sequence[PlanCell[None]], ctx: Context) -> Iterable[bool]:
        seen: set[str] = set()
        ok = []
        for c in cells:   # a task seen before (a formula error is no task text)
            key = "" if c.broken else fold(c.value)
            ok.append(not key or key not in seen)
            seen.add(key)
        return ok

    def problems(self, rows: Sequence[PlanRow], ctx: Context, column: str | None) -> Iterator[tuple[PlanRow, Problem]]:
        first: dict[str, int] = {}
        for entry in ctx.table.entries:  # the first row of each task, in table order
            key = fold(entry.values.get("task"))
            first.setdefault(key, entry.row)
        for row in rows:
            yield row, Problem({"other": first[fold(row.task.value)]})


class RowFragment(PlanRule[None]):
    """A row continues the task above (a Word table cut by a page break): checked as one task, worth merging."""

    code, column, severity = "row-fragment", "task", WARNING
    title = ("Dòng bị tách", "Row split in two")
    message = ("Dòng này là phần tiếp của nhiệm vụ ở dòng {other} (thường do dán bảng từ Word bị ngắt trang). "
               "Đã kiểm tra hai dòng như một nhiệm vụ; nên gộp lại thành một dòng.",
               "This row continues the task on row {other} (typical of tables pasted from Word). "
               "Both rows were checked as one task; merge them into one row.")

    def check(self, cells: Sequence[PlanCell[None]], ctx: Context) -> Iterable[bool]:
        return passes(cells, lambda c: len(c.row.entry.rows) > 1)   # the task spans several physical rows

    def problems(self, rows: Sequence[PlanRow], ctx: Context, column: str | None) -> Iterator[tuple[PlanRow, Problem]]:
        by_parent: dict[int, list[Fragment]] = {}
        for fragment in ctx.table.fragments:
            by_parent.setdefault(fragment.parent_row, []).append(fragment)
        for row in rows:
            for f in by_parent.get(row.entry.row, []):
                yield row, Problem({"other": row.entry.row}, cell=f.cell, row=f.row, value="")


class EncodingLegacy(BookRule):
    """Text typed with a legacy font encoding (TCVN3, VNI): read as Unicode for the other rules, fixed by `fix`."""

    code, column, severity = "encoding-legacy", None, WARNING
    title = ("Chữ mã cũ (TCVN3/VNI)", "Legacy Vietnamese encoding")
    message = ("Ô chứa chữ gõ bằng bảng mã {encoding} (phông chữ cũ; độ tin cậy {confidence}), hiển thị sai trên máy "
               "khác. Đã đọc thành \u201c{converted}\u201d để kiểm tra; dùng cchc-xl fix để chuyển sang Unicode.",
               "The cell is typed in the legacy {encoding} encoding (confidence {confidence}). Read as "
               "\u201c{converted}\u201d for checking; run cchc-xl fix to convert it to Unicode.")

    def find(self, book: BookFacts) -> Iterable[Problem]:
        """Each converted cell of the table's sheet (its column when it lies in the table's), the Unicode text the fix."""
        if book.table is None:
            return
        table = book.table
        columns = {col: key for key, col in table.columns.items()}
        for c in book.legacy:
            if c.sheet == table.sheet:
                detected = c.detection
                yield Problem({"encoding": detected.encoding, "converted": detected.text[:120],
                               "confidence": f"{detected.confidence:.0%}"}, detected.text, detected.text,
                              value=c.original, column=columns.get(c.col), cell=cell_ref(c.row, c.col), row=c.row)
