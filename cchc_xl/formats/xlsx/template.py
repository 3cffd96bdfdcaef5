"""The standard workbook staff fill in (`cchc-xl template`).

Layout (the reader relies on it only loosely: any sheet with a recognisable
header works, but ours also carries metadata):

* ``Phụ lục``: title, a header block (Đơn vị gửi, Kỳ kế hoạch, Ngày lập, Người
  lập), the header row, then task rows; dropdowns for area and lead unit, a
  whole-number rule on the budget, input messages listing accepted deadlines;
* ``Hướng dẫn``: how to fill each column, with examples;
* ``Danh mục`` (hidden): the lists behind the dropdowns;
* ``_cchc`` (very hidden): template version, period, unit, for the checker.
"""

from __future__ import annotations

import datetime as dt
import os

from cchc_xl import TEMPLATE_VERSION, __version__
from cchc_xl.check.config import Config
from cchc_xl.core.levels import Level
from cchc_xl.core.model import column_letter, plain_value
from cchc_xl.core.periods import Period
from cchc_xl.core.units import COLLECTIVE, EXTERNAL, UNIT
from cchc_xl.formats.xlsx.cells import FONT, print_setup, put, styles
from cchc_xl.table.headers import COLUMNS
from cchc_xl.table.sheets import APPENDIX, LISTS, PROPERTIES
from cchc_xl.table.sheets import GUIDE as GUIDE_SHEET

SHEET = APPENDIX
HEADER_ROW = 8
FIRST_DATA_ROW = HEADER_ROW + 1
PREPARED_ROWS = 100      # rows with borders, ready to fill
VALIDATED_ROWS = 2000    # rows covered by dropdowns and number rules
META_ROWS = {"unit": 3, "period": 4, "date": 5, "author": 6}
META_LABELS = {"unit": "Đơn vị gửi:", "period": "Kỳ kế hoạch:", "date": "Ngày lập:", "author": "Người lập:"}
WIDTHS = {"stt": 5, "area": 16, "task": 38, "product": 18, "lead_unit": 18, "coord_units": 20,
          "deadline": 14, "budget": 14, "budget_source": 14, "note": 16}   # A4 landscape at 64 %
KEYS = list(COLUMNS)

def deadline_examples(period: Period) -> str:
    """The deadline forms a clerk may copy, in the template's own period (its first year): a 2021–2025 template
    never suggests "Quý II/2020", which its checker would call out of period."""
    y = period.start
    return f"Quý II/{y}; Tháng 06/{y}; Trước ngày 20/12/{y}; Năm {y}; 6 tháng đầu năm {y}"


def deadline_prompt(period: Period) -> str:
    """The input message of the deadline column."""
    return (f"Ghi một trong các dạng: {deadline_examples(period)}; hoặc nhập ngày (dd/mm/yyyy). Không ghi điều kiện "
            "(\"khi Bộ ban hành...\").")
BUDGET_PROMPT = "Chỉ gõ số tiền bằng đồng, không dấu chấm, không chữ (ví dụ 15000000). Giải thích ghi ở Ghi chú."

# (first column or paragraph, second column); second None = paragraph, "#" = section title
GUIDE_TEXT = [
    ("Hướng dẫn điền Phụ lục nhiệm vụ cải cách hành chính", "#"),
    ("Điền mỗi nhiệm vụ trên một dòng của trang \u201cPhụ lục\u201d, bắt đầu từ dòng 9. Không chèn thêm cột, "
     "không gộp ô giữa các nhiệm vụ. Dòng tiêu đề nhóm (ví dụ \u201cI. Cải cách thể chế\u201d) chỉ ghi STT "
     "và tên nhóm.", None),
    ("Cột", "Cách điền và ví dụ"),
    ("STT", "Số thứ tự: I, II cho nhóm; 1, 2, 3 hoặc 1.1, 1.2 cho nhiệm vụ."),
    ("Lĩnh vực", "Chọn trong danh sách (Cải cách thể chế, Cải cách thủ tục hành chính, ...)."),
    ("Nhiệm vụ", "Việc cần làm, viết gọn một câu. Ví dụ: Rà soát, đánh giá thủ tục hành chính năm {year}."),
    ("Sản phẩm", "Kết quả cụ thể. Ví dụ: Báo cáo kết quả rà soát; Quyết định phê duyệt."),
    ("Đơn vị chủ trì", "Chọn MỘT đơn vị trong danh sách. Không ghi câu, không ghi \u201cCác phòng, đơn vị\u201d; "
                       "cơ quan ngoài {level} ({examples}...) không được chủ trì."),
    ("Đơn vị phối hợp", "Một hoặc nhiều đơn vị, mỗi đơn vị một dòng hoặc cách nhau dấu chấm phẩy (;). "
                        "Được ghi cơ quan ngoài {level} và cụm từ chung."),
    ("Thời gian hoàn thành", "Một thời điểm trong kỳ kế hoạch: {deadlines}; hoặc nhập ngày. \u201cThường xuyên\u201d, "
                             "\u201cTheo yêu cầu\u201d sẽ bị cảnh báo; điều kiện (\u201cKhi Bộ ban hành...\u201d) là lỗi."),
    ("Kinh phí (đồng)", "Chỉ gõ số tiền bằng đồng (ví dụ 15000000, Excel hiện 15,000,000). Không gõ "
                        "\u201c15.000.000 đồng\u201d hay \u201c15 triệu\u201d. Không có kinh phí riêng: để trống."),
    ("Nguồn kinh phí", "Ví dụ: Ngân sách nhà nước; Nguồn thu sự nghiệp; Lồng ghép."),
    ("Ghi chú", "Giải thích thêm, căn cứ dự toán, số văn bản."),
    ("Kiểm tra trước khi gửi", "#"),
    ("Trong Excel: thẻ CCHC > Kiểm tra. Các ô có lỗi tô đỏ, cảnh báo tô vàng, có ghi chú giải thích; "
     "trang \u201cKết quả kiểm tra\u201d liệt kê tất cả. Máy chưa có thẻ CCHC: gửi tệp để Văn phòng kiểm tra giúp.", None),
]


def _import_openpyxl():
    """openpyxl, imported without numpy when numpy is not loaded yet: openpyxl only uses it to
    recognise numpy numbers, which a template has none of, and it is most of the import time
    of `cchc-xl template` (targets: under 0.35 s)."""
    import sys

    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        import openpyxl
        return openpyxl
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail quickly
    try:
        import openpyxl
    finally:
        del sys.modules["numpy"]
    return openpyxl


def build_template(config: Config, period: Period, unit: str | None = None, tasks: list[dict] | None = None):
    """The workbook object (openpyxl), ready to save; with ``tasks`` (a unit's rows of the master), filled with them
    and their ids, so that a resubmission made from it continues the very tasks the master holds."""
    Workbook = _import_openpyxl().Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    lists = _write_lists(wb, config)
    _write_title(ws, config, period)
    _write_meta(ws, period, unit)
    _write_header(ws)
    _write_body(ws)
    if tasks:
        _write_tasks(ws, tasks)
    _add_validations(ws, lists, config.registry.level, period)
    _write_guide(wb.create_sheet(GUIDE_SHEET), config.registry.level, period)
    _write_properties(wb, config, period, unit)
    wb.active = 0
    return wb


def write_template(path: str | os.PathLike, config: Config, period: Period, unit: str | None = None,
                   tasks: list[dict] | None = None):
    from cchc_xl.formats.files import save_workbook

    return save_workbook(build_template(config, period, unit, tasks), path)


ID_COLUMN = len(KEYS) + 1   # "Mã nhiệm vụ", hidden: the id of each task of a template made from the master
ID_TITLE = "Mã nhiệm vụ"


def _write_tasks(ws, tasks: list[dict]) -> None:
    """The unit's tasks as the master holds them (its budget in đồng), one per row, their ids in a hidden column."""
    from copy import copy

    ws.cell(HEADER_ROW, ID_COLUMN, ID_TITLE)._style = copy(ws.cell(HEADER_ROW, 1)._style)
    ws.column_dimensions[column_letter(ID_COLUMN)].hidden = True
    for i, task in enumerate(tasks):
        row = FIRST_DATA_ROW + i
        for col, key in enumerate(KEYS, start=1):
            value = i + 1 if key == "stt" else plain_value(task.get(key))
            if value not in (None, ""):
                put(ws.cell(row, col), value)
        put(ws.cell(row, ID_COLUMN), str(task.get("task_id") or ""))


def _last_col() -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(len(KEYS))


def _write_title(ws, config: Config, period: Period) -> None:
    s = styles()
    when = f"NĂM {period.start}" if period.single_year else (
        f"GIAI ĐOẠN {period.start} - {period.end}" if period.end else f"NĂM {period.start} VÀ CÁC NĂM TIẾP THEO")
    ws["A1"] = f"PHỤ LỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {when}"
    ws["A1"].font, ws["A1"].alignment = s["title"], s["center"]
    ws.merge_cells(f"A1:{_last_col()}1")
    ws.row_dimensions[1].height = 24
    ws["A2"] = f"(Kèm theo Kế hoạch cải cách hành chính của {config.registry.department or 'Sở'})"
    ws["A2"].font, ws["A2"].alignment = s["italic"], s["center"]
    ws.merge_cells(f"A2:{_last_col()}2")


def _write_meta(ws, period: Period, unit: str | None) -> None:
    s = styles()
    values = {"unit": unit or "", "period": str(period), "date": dt.date.today(), "author": ""}
    for key, row in META_ROWS.items():
        ws.cell(row, 2, META_LABELS[key]).font = s["bold"]
        cell = ws.cell(row, 3)
        put(cell, values[key])
        cell.font, cell.border = s["normal"], s["border"]
        if key == "date":
            cell.number_format = "dd/mm/yyyy"
            cell.alignment = _left()
        if key == "period":
            cell.number_format = "@"
    ws.cell(7, 2, "Điền nhiệm vụ từ dòng 9; xem trang \u201cHướng dẫn\u201d.").font = _italic()


def _left():
    from openpyxl.styles import Alignment

    return Alignment(horizontal="left")


def _italic():
    from openpyxl.styles import Font

    return Font(name=FONT, italic=True, size=11, color="595959")


def _write_header(ws) -> None:
    from openpyxl.utils import get_column_letter

    s = styles()
    for col, key in enumerate(KEYS, start=1):
        cell = ws.cell(HEADER_ROW, col, COLUMNS[key])
        cell.font, cell.fill, cell.alignment, cell.border = s["bold"], s["header"], s["center"], s["border"]
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[key]
    ws.row_dimensions[HEADER_ROW].height = 36
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{_last_col()}{HEADER_ROW}"
    print_setup(ws, HEADER_ROW)


def _write_body(ws) -> None:
    """Bordered rows ready to fill. Styles are set on one row and copied: setting a style object
    on each of a thousand cells makes openpyxl look it up a thousand times."""
    from copy import copy

    s = styles()
    budget_col = KEYS.index("budget") + 1
    first = []
    for col in range(1, len(KEYS) + 1):
        cell = ws.cell(FIRST_DATA_ROW, col)
        cell.border, cell.font = s["border"], s["normal"]
        cell.alignment = s["number"] if KEYS[col - 1] == "stt" else s["wrap"]   # 1 and 1.1 in one line
        if col == budget_col:
            cell.number_format = "#,##0"
        first.append(cell._style)
    for row in range(FIRST_DATA_ROW + 1, FIRST_DATA_ROW + PREPARED_ROWS):
        for col, style in enumerate(first, start=1):
            ws.cell(row, col)._style = copy(style)


def _write_lists(wb, config: Config) -> dict[str, str]:
    """Hidden ``Danh mục`` sheet and defined names the dropdowns point to."""
    from openpyxl.workbook.defined_name import DefinedName

    ws = wb.create_sheet(LISTS)
    columns = {
        "ds_linh_vuc": ("Lĩnh vực", [a.name for a in config.areas.areas]),
        "ds_don_vi": ("Đơn vị chủ trì", [u.name for u in config.registry.by_kind(UNIT)]),
        "ds_phoi_hop": ("Đơn vị phối hợp", [u.name for u in config.registry.units
                                             if u.kind in (UNIT, COLLECTIVE, EXTERNAL)]),
    }
    names = {}
    for col, (name, (title, items)) in enumerate(columns.items(), start=1):
        letter = column_letter(col)
        ws.cell(1, col, title)
        for row, item in enumerate(items, start=2):
            put(ws.cell(row, col), item)
        ref = f"'Danh mục'!${letter}$2:${letter}${max(2, len(items) + 1)}"
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
        names[name] = name
        ws.column_dimensions[letter].width = 50
    ws.sheet_state = "hidden"
    return names


def _add_validations(ws, lists: dict[str, str], level: Level, period: Period) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    last = FIRST_DATA_ROW + VALIDATED_ROWS - 1

    def col(key: str) -> str:
        return column_letter(KEYS.index(key) + 1)

    rules = [
        (DataValidation(type="list", formula1="ds_linh_vuc", allow_blank=True, errorStyle="warning",
                        promptTitle="Lĩnh vực", prompt="Chọn lĩnh vực cải cách hành chính trong danh sách.",
                        errorTitle="Lĩnh vực", error="Lĩnh vực không có trong danh mục. Vẫn giữ?"),
         f"{col('area')}{FIRST_DATA_ROW}:{col('area')}{last}"),
        (DataValidation(type="list", formula1="ds_don_vi", allow_blank=True, errorStyle="warning",
                        promptTitle="Đơn vị chủ trì", prompt=f"Chọn MỘT đơn vị của {level.name} chủ trì nhiệm vụ.",
                        errorTitle="Đơn vị chủ trì",
                        error="Tên không có trong danh mục đơn vị. Chỉ ghi một đơn vị chủ trì. Vẫn giữ?"),
         f"{col('lead_unit')}{FIRST_DATA_ROW}:{col('lead_unit')}{last}"),
        (DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                        errorStyle="stop", promptTitle="Kinh phí (đồng)", prompt=BUDGET_PROMPT,
                        errorTitle="Kinh phí", error="Chỉ nhập số nguyên không âm (đồng), ví dụ 15000000."),
         f"{col('budget')}{FIRST_DATA_ROW}:{col('budget')}{last}"),
        (DataValidation(type=None, allow_blank=True, promptTitle="Thời gian hoàn thành", prompt=deadline_prompt(period)),
         f"{col('deadline')}{FIRST_DATA_ROW}:{col('deadline')}{last}"),
        (DataValidation(type="list", formula1="ds_don_vi", allow_blank=True, errorStyle="warning",
                        promptTitle="Đơn vị gửi", prompt="Đơn vị lập và gửi phụ lục này.",
                        errorTitle="Đơn vị gửi", error="Tên không có trong danh mục đơn vị. Vẫn giữ?"),
         f"C{META_ROWS['unit']}"),
        (DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                        promptTitle="Ngày lập", prompt="Nhập ngày dạng dd/mm/yyyy.",
                        errorTitle="Ngày lập", error="Nhập một ngày hợp lệ (dd/mm/yyyy)."),
         f"C{META_ROWS['date']}"),
    ]
    for dv, ref in rules:
        dv.showInputMessage = True
        dv.showErrorMessage = dv.type is not None
        dv.add(ref)
        ws.add_data_validation(dv)


def _write_guide(ws, level: Level, period: Period) -> None:
    s = styles()
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90
    print_setup(ws)
    for row, (first, second) in enumerate(GUIDE_TEXT, start=1):
        a = ws.cell(row, 1, first)
        a.alignment = s["wrap"]
        if second in (None, "#"):
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
            a.font = (s["title"] if row == 1 else s["bold"]) if second == "#" else s["normal"]
            ws.row_dimensions[row].height = 22 if second == "#" else 48
        else:
            b = ws.cell(row, 2, second.format(level=level.name, examples=level.examples, year=period.start,
                                              deadlines=deadline_examples(period)))
            a.font, b.alignment, b.font = s["bold"], s["wrap"], s["normal"]
            a.border = b.border = s["border"]
            ws.row_dimensions[row].height = 48 if len(second) > 95 else 20


def _write_properties(wb, config: Config, period: Period, unit: str | None) -> None:
    ws = wb.create_sheet(PROPERTIES)
    rows = [("template_version", TEMPLATE_VERSION), ("period", str(period)), ("unit", unit or ""),
            ("department", config.registry.department), ("generator", f"cchc-xl {__version__}"),
            ("created", dt.datetime.now().replace(microsecond=0).isoformat(" "))]
    for r, (key, value) in enumerate(rows, start=1):
        ws.cell(r, 1, key)
        put(ws.cell(r, 2), value)
        ws.cell(r, 2).number_format = "@"
    ws.sheet_state = "veryHidden"
