"""The outcomes of a consolidation, declared in the one catalog (``check/catalog.py``).

Each is a ``Kind`` like a rule's: a stable code, a severity (``info`` for notes such
as "không thay đổi"), a title and message templates in Vietnamese and English. The
reasons a submission is sent back and the cross-submission checks on 'Đối chiếu'
are both made from these, so the JSON, the text output and the master agree.
"""

from __future__ import annotations

from cchc_xl.check.catalog import ERROR, INFO, WARNING, Kind, declare


def _kind(code: str, severity: str, title: tuple[str, str], message: tuple[str, str]) -> Kind:
    return declare(Kind(code, severity, None, *title, *message))


SUBMITTER_UNKNOWN = _kind(
    "submitter-unknown", ERROR, ("Không xác định được đơn vị gửi", "Submitting unit unknown"),
    ("không xác định được đơn vị gửi: ghi ô Đơn vị gửi theo danh mục hoặc đặt tên tệp có tên đơn vị",
     "the submitting unit is unknown: fill Đơn vị gửi from the registry or name the file after the unit"))
PERIOD_MISMATCH = _kind(
    "period-mismatch", ERROR, ("Khác kỳ kế hoạch", "Another plan period"),
    ("kỳ kế hoạch của tệp là {period}, khác kỳ tổng hợp {expected}",
     "the file's plan period is {period}, not the consolidation's {expected}"))
HAS_ERRORS = _kind("has-errors", ERROR, ("Còn lỗi", "Errors left"), ("còn {count} lỗi", "{count} errors left"))
HAS_WARNINGS = _kind("has-warnings", WARNING, ("Còn cảnh báo (--reject-warnings)", "Warnings left (--reject-warnings)"),
                     ("còn {count} cảnh báo", "{count} warnings left"))
SUBMISSION_EMPTY = _kind(
    "submission-empty", ERROR, ("Bài nộp không có nhiệm vụ nào", "Submission without tasks"),
    ("không có nhiệm vụ nào (gửi nhầm mẫu trống?); các dòng đã tổng hợp của đơn vị được giữ. Nếu đơn vị rút toàn bộ "
     "nhiệm vụ, chạy lại với --withdraw \u201c{unit}\u201d",
     "no task at all (a blank template sent by mistake?); the unit's merged rows are kept. If the unit withdraws "
     "all its tasks, run again with --withdraw \u201c{unit}\u201d"))
WITHDRAWN = _kind("withdrawn", INFO, ("Đơn vị rút toàn bộ nhiệm vụ", "Unit withdraws all its tasks"),
                  ("đơn vị rút toàn bộ nhiệm vụ (--withdraw)", "the unit withdraws all its tasks (--withdraw)"))
TEMPLATE_OLD = _kind(
    "template-old", WARNING, ("Làm trên mẫu cũ hoặc không dùng mẫu chuẩn", "Old or no standard template"),
    ("{what} (mẫu hiện hành {current})", "{what_en} (current template {current})"))
SUPERSEDED = _kind("superseded", INFO, ("Có bản mới hơn của cùng đơn vị trong lần này", "A newer file of the same unit"),
                   ("có bản mới hơn: {newer}", "a newer file: {newer}"))
UNCHANGED = _kind("unchanged", INFO, ("Không thay đổi so với lần tổng hợp trước", "Unchanged since the last run"),
                  ("Không thay đổi so với lần tổng hợp trước", "Unchanged since the last run"))
ANNOTATION_FAILED = _kind("annotation-failed", WARNING, ("Không ghi được bản đánh dấu", "Annotated copy not written"),
                          ("không ghi được bản đánh dấu: {why}", "the annotated copy could not be written: {why}"))
TASK_SHARED = _kind(
    "task-shared", WARNING, ("Cùng một nhiệm vụ do hai đơn vị gửi", "The same task sent by two units"),
    ("\u201c{task}\u201d cũng có trong bài nộp của {other}.", "\u201c{task}\u201d is also in the submission of {other}."))
LEAD_NOT_SENDER = _kind(
    "lead-not-sender", WARNING,
    ("Nhiệm vụ do đơn vị khác chủ trì (đơn vị đó chưa xác nhận)", "Task led by another unit (not confirmed by it)"),
    ("Nhiệm vụ do {leads} chủ trì nhưng {unit} gửi; cần {first} xác nhận.",
     "The task is led by {leads} but sent by {unit}; {first} should confirm it."))
BUDGET_OVER_CEILING = _kind(
    "budget-over-ceiling", WARNING, ("Tổng kinh phí vượt trần của đơn vị", "Unit over its budget ceiling"),
    ("Tổng kinh phí {total} đồng vượt trần {ceiling} đồng.", "The budgets total {total} đồng, over the ceiling {ceiling}."))
TEXT_TRUNCATED = _kind(
    "text-truncated", WARNING,
    ("Nội dung dài quá giới hạn một ô Excel (32.767 ký tự): đã cắt bớt", "Text over Excel's 32,767 characters: cut"),
    ("Cột \u201c{column}\u201d dài {length} ký tự: trên trang Tổng hợp chỉ giữ {limit} ký tự đầu; xem bản gốc trong "
     "tệp nguồn.", "The column \u201c{column}\u201d holds {length} characters: 'Tổng hợp' keeps the first {limit}; see "
     "the source file."))
ROWS_EDITED = _kind(
    "rows-edited", WARNING,
    ("Số dòng trên trang Tổng hợp khác số nhiệm vụ đã nhận (sửa tay?)", "Rows on 'Tổng hợp' differ from the tasks taken"),
    ("Trang Tổng hợp có {rows} dòng của đơn vị, lần nhận gần nhất có {tasks} nhiệm vụ: dòng đã bị xóa hoặc thêm bằng "
     "tay? Kiểm tra lại hoặc khôi phục từ bản .bak.xlsx.",
     "'Tổng hợp' holds {rows} rows of the unit, its last accepted file {tasks} tasks: deleted or added by hand? Check, "
     "or restore from the .bak.xlsx copy."))
TASK_REWORDED = _kind(
    "task-reworded", INFO, ("Nhiệm vụ nộp lại được sửa lời: giữ mã và báo cáo", "A resubmitted task reworded: id kept"),
    ("Nhiệm vụ \u201c{after}\u201d được nhận là nhiệm vụ đã có \u201c{before}\u201d (giống {similarity}): giữ mã nhiệm "
     "vụ và các báo cáo tiến độ của nhiệm vụ đó. Nếu đây là nhiệm vụ khác, báo người quản trị.",
     "The task \u201c{after}\u201d is taken as the existing \u201c{before}\u201d ({similarity} alike): it keeps that "
     "task's id and progress reports."))
REPORT_TASK_GONE = _kind(
    "report-task-gone", WARNING,
    ("Báo cáo tiến độ của nhiệm vụ không còn trên Tổng hợp", "A progress report of a task no longer on 'Tổng hợp'"),
    ("Báo cáo {report} của {unit} ghi \u201c{status}\u201d cho nhiệm vụ \u201c{task}\u201d (mã {id}), nhiệm vụ này "
     "không còn trên trang Tổng hợp nên không được tính. Nếu dòng bị xóa nhầm, khôi phục dòng đó (cả cột Mã nhiệm vụ) "
     "từ bản .bak.xlsx.",
     "The {report} report of {unit} says \u201c{status}\u201d for the task \u201c{task}\u201d (id {id}), which is no "
     "longer on 'Tổng hợp' and is not counted. If the row was deleted by mistake, restore it (with its id)."))
REPORT_UNIT_MISMATCH = _kind(
    "report-unit-mismatch", ERROR, ("Mẫu báo cáo ghi đơn vị khác với đơn vị được lập", "Report form of another unit"),
    ("mẫu báo cáo được lập cho {unit} nhưng ô Đơn vị báo cáo ghi \u201c{visible}\u201d (tệp bị sửa?): không nhận. "
     "Mỗi đơn vị dùng đúng mẫu lập cho mình (cchc-xl template --report … --unit)",
     "the form was made for {unit} but its reporting unit reads \u201c{visible}\u201d: not taken"))
REPORT_TASK_NOT_LED = _kind(
    "report-task-not-led", ERROR, ("Báo cáo nhiệm vụ đơn vị không chủ trì", "Report on a task the unit does not lead"),
    ("mẫu báo cáo của {unit} có {count} nhiệm vụ đơn vị không chủ trì trong tệp tổng hợp hiện tại ({tasks}): không "
     "nhận cả mẫu, báo cáo đã có của các đơn vị giữ nguyên. Đơn vị chỉ báo cáo nhiệm vụ mình chủ trì; nếu văn phòng "
     "vừa sửa Tổng hợp, lập lại mẫu báo cáo",
     "the form of {unit} holds {count} tasks it does not lead in the current master ({tasks}): the whole form is "
     "refused; every unit's reports stay as they were"))
REPORT_PERIOD_OUTSIDE = _kind(
    "report-period-outside", ERROR, ("Năm báo cáo ngoài kỳ kế hoạch", "Report year outside the plan"),
    ("mẫu báo cáo {title} nằm ngoài kỳ kế hoạch {period} của tệp tổng hợp: không nhận",
     "the {title} report lies outside the master's plan period {period}: not taken"))
