"""The catalog of findings: every problem we report has a stable code.

Modelled on frictionless' error classes: a finding type is data (code, column,
title and message templates in Vietnamese and English), so the CLI, the JSON
contract, the annotated workbook and the ribbon all say the same thing. Codes
are a contract with other tools: never rename one, add a new one instead.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class FindingType:
    code: str
    column: str | None
    title_vi: str
    title_en: str
    message_vi: str
    message_en: str

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_vi

    def message(self, lang: str, **params: Any) -> str:
        template = self.message_en if lang == "en" else self.message_vi
        return template.format_map(_Defaults(params))


class _Defaults(dict):
    """Missing template fields render as empty text instead of raising."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass
class Finding:
    """One problem on one cell; the dict form is the JSON contract."""

    code: str
    severity: str
    sheet: str
    cell: str
    row: int
    column: str | None
    value: Any
    message: str
    suggestion: str | None = None
    fix: Any = None

    def as_json(self) -> dict:
        data = asdict(self)
        data["value"] = json_value(self.value)
        data["fix"] = json_value(self.fix)
        return data

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet


def json_value(value: Any) -> Any:
    """Dates become ISO text; everything else JSON can hold stays as it is."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _t(code, column, title_vi, title_en, message_vi, message_en) -> FindingType:
    return FindingType(code, column, title_vi, title_en, message_vi, message_en)


CATALOG: dict[str, FindingType] = {t.code: t for t in (
    _t("header-missing", None, "Không tìm thấy dòng tiêu đề bảng", "Table header not found",
       "Không tìm thấy bảng nhiệm vụ: không có dòng tiêu đề nào chứa các cột Nhiệm vụ, "
       "Đơn vị chủ trì, Thời gian hoàn thành. Hãy dùng mẫu (cchc-xl template) hoặc đặt "
       "tên cột như trong hướng dẫn.",
       "No task table: no header row with the columns Nhiệm vụ, Đơn vị chủ trì, Thời gian "
       "hoàn thành. Use the template (cchc-xl template) or name the columns as documented."),
    _t("task-missing", "task", "Thiếu nội dung nhiệm vụ", "Task text missing",
       "Dòng có {what} nhưng không có nội dung nhiệm vụ.",
       "The row has {what_en} but no task text."),
    _t("lead-unit-missing", "lead_unit", "Thiếu đơn vị chủ trì", "Lead unit missing",
       "Thiếu đơn vị chủ trì cho nhiệm vụ \u201c{task}\u201d. Mỗi nhiệm vụ phải có một đơn vị chủ trì.",
       "No lead unit for the task \u201c{task}\u201d. Every task needs one lead unit."),
    _t("lead-unit-unknown", "lead_unit", "Đơn vị chủ trì không có trong danh mục",
       "Lead unit not in the registry",
       "{why} Ô Đơn vị chủ trì chỉ ghi tên đơn vị trong danh mục.{hint}",
       "{why_en} The lead-unit cell must hold a registry unit name.{hint_en}"),
    _t("lead-unit-external", "lead_unit", "Cơ quan ngoài Sở làm chủ trì", "Outside body as lead",
       "\u201c{name}\u201d là cơ quan ngoài Sở: chỉ được phối hợp, không được chủ trì. "
       "Ghi đơn vị của Sở chủ trì và chuyển \u201c{name}\u201d sang cột Đơn vị phối hợp.",
       "\u201c{name}\u201d is outside the department: it may coordinate, not lead. Name a "
       "department unit as lead and move \u201c{name}\u201d to the coordinating column."),
    _t("lead-unit-collective", "lead_unit", "Chủ trì là cụm từ chung", "Collective phrase as lead",
       "\u201c{name}\u201d không chỉ rõ đơn vị nào chịu trách nhiệm chính. Nên ghi một đơn vị chủ trì cụ thể.",
       "\u201c{name}\u201d does not say which unit is responsible. Name one lead unit."),
    _t("coord-unit-unknown", "coord_units", "Đơn vị phối hợp không rõ", "Unknown coordinating unit",
       "\u201c{name}\u201d không phải đơn vị, cụm từ chung hay cơ quan ngoài Sở trong danh mục.{hint}",
       "\u201c{name}\u201d is not a registry unit, collective or outside body.{hint_en}"),
    _t("lead-is-coordinator", "coord_units", "Đơn vị vừa chủ trì vừa phối hợp",
       "Unit both leads and coordinates",
       "\u201c{name}\u201d vừa là đơn vị chủ trì vừa có trong cột phối hợp. Bỏ tên này khỏi cột Đơn vị phối hợp.",
       "\u201c{name}\u201d both leads and coordinates. Remove it from the coordinating column."),
    _t("deadline-missing", "deadline", "Thiếu thời gian hoàn thành", "Deadline missing",
       "Nhiệm vụ chưa có thời gian hoàn thành. Ghi ví dụ \u201cQuý II/{year}\u201d, \u201cTháng 06/{year}\u201d, "
       "\u201cTrước ngày 20/12/{year}\u201d.",
       "The task has no deadline. Write e.g. \u201cQuý II/{year}\u201d, \u201cTháng 06/{year}\u201d."),
    _t("deadline-unparsed", "deadline", "Không hiểu thời gian hoàn thành", "Deadline not understood",
       "{why} Ghi một thời điểm cụ thể: năm, quý, tháng hoặc ngày (ví dụ \u201cQuý III/{year}\u201d).",
       "{why_en} Write a definite time: year, quarter, month or day (e.g. \u201cQuý III/{year}\u201d)."),
    _t("deadline-out-of-period", "deadline", "Thời gian ngoài kỳ kế hoạch", "Deadline outside the plan period",
       "{subject} \u201c{value}\u201d rơi vào {when}, ngoài kỳ kế hoạch {period}. Có thể chép từ kế hoạch năm trước.",
       "{subject_en} \u201c{value}\u201d falls in {when}, outside the plan period {period}. "
       "Perhaps copied from an earlier plan."),
    _t("deadline-vague", "deadline", "Thời gian không xác định", "Vague deadline",
       "Thời gian \u201c{value}\u201d ({kind}) không cho biết hạn cụ thể. Nếu được, ghi thêm mốc "
       "(ví dụ \u201cHàng quý, trước ngày 20 tháng cuối quý\u201d).",
       "The deadline \u201c{value}\u201d ({kind_en}) gives no due date. Add one where possible."),
    _t("budget-not-numeric", "budget", "Kinh phí ghi dạng chữ", "Budget typed as text",
       "Ô Kinh phí là văn bản, không cộng được. {found} Ghi số tiền (đồng) dạng số, chuyển phần "
       "giải thích sang cột Ghi chú.",
       "The budget cell is text and cannot be summed. {found_en} Enter the amount in đồng as a "
       "number; move the explanation to the note column."),
    _t("budget-negative", "budget", "Kinh phí âm", "Negative budget",
       "Kinh phí {amount} đồng nhỏ hơn 0.", "The budget {amount} đồng is below zero."),
    _t("budget-implausible", "budget", "Kinh phí bất thường", "Implausible budget",
       "{why}", "{why_en}"),
    _t("area-unknown", "area", "Lĩnh vực không có trong danh mục", "Unknown reform area",
       "Lĩnh vực \u201c{value}\u201d không có trong danh mục lĩnh vực CCHC.{hint}",
       "The area \u201c{value}\u201d is not a known reform area.{hint_en}"),
    _t("stt-duplicate", "stt", "Số thứ tự bị trùng", "Duplicate number",
       "Số thứ tự \u201c{value}\u201d đã dùng ở dòng {other}.",
       "The number \u201c{value}\u201d is already used on row {other}."),
    _t("stt-sequence", "stt", "Số thứ tự không liên tục", "Numbering out of sequence",
       "Số thứ tự \u201c{value}\u201d không tiếp nối \u201c{previous}\u201d (mong đợi \u201c{expected}\u201d).",
       "The number \u201c{value}\u201d does not follow \u201c{previous}\u201d (expected \u201c{expected}\u201d)."),
    _t("task-duplicate", "task", "Nhiệm vụ bị trùng", "Duplicate task",
       "Nhiệm vụ này trùng với nhiệm vụ ở dòng {other}.",
       "This task repeats the task on row {other}."),
    _t("row-fragment", "task", "Dòng bị tách", "Row split in two",
       "Dòng này là phần tiếp của nhiệm vụ ở dòng {other} (thường do dán bảng từ Word bị ngắt trang). "
       "Đã kiểm tra hai dòng như một nhiệm vụ; nên gộp lại thành một dòng.",
       "This row continues the task on row {other} (typical of tables pasted from Word). "
       "Both rows were checked as one task; merge them into one row."),
    _t("formula-error", None, "Lỗi công thức", "Formula error",
       "Ô có lỗi công thức {value}: giá trị không tính được. Sửa công thức (thường do xóa dòng/cột nó "
       "tham chiếu) hoặc nhập giá trị trực tiếp.",
       "The cell holds the formula error {value}. Fix the formula or type the value."),
    _t("encoding-legacy", None, "Chữ mã cũ (TCVN3/VNI)", "Legacy Vietnamese encoding",
       "Ô chứa chữ gõ bằng bảng mã {encoding} (phông chữ cũ; độ tin cậy {confidence}), hiển thị sai trên máy khác. "
       "Đã đọc thành \u201c{converted}\u201d để kiểm tra; dùng cchc-xl fix để chuyển sang Unicode.",
       "The cell is typed in the legacy {encoding} encoding (confidence {confidence}). Read as \u201c{converted}\u201d for "
       "checking; run cchc-xl fix to convert it to Unicode."),
)}


def finding_type(code: str) -> FindingType:
    return CATALOG[code]
