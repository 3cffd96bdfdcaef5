"""Column headers: the many spellings of the appendix columns, mapped to keys.

Real appendices name the same column a dozen ways ("Đơn vị chủ trì", "Cơ quan
chủ trì", "Chủ trì" under "Phân công trách nhiệm"...). Each canonical column is
recognised from its folded header text, most specific patterns first, so that
"Nguồn kinh phí" is not read as the budget and "Nhiệm vụ chung" not as the task.
"""

from __future__ import annotations

import functools
import re

from cchc_xl.core.text import fold

# Canonical column keys, in the order of the standard template.
COLUMNS: dict[str, str] = {
    "stt": "STT",
    "area": "Lĩnh vực",
    "task": "Nhiệm vụ",
    "product": "Sản phẩm",
    "lead_unit": "Đơn vị chủ trì",
    "coord_units": "Đơn vị phối hợp",
    "deadline": "Thời gian hoàn thành",
    "budget": "Kinh phí (đồng)",
    "budget_source": "Nguồn kinh phí",
    "note": "Ghi chú",
}

# (key, pattern on folded text). Order matters: the first match wins.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (key, re.compile(pattern))
    for key, pattern in (
        ("note", r"^ghi chú"),
        ("budget_source", r"nguồn (?:kinh phí|vốn|ngân sách)"),
        ("budget", r"kinh phí|dự toán|dự trù|ngân sách|^số tiền"),
        ("lead_unit", r"chủ trì|^(?:đơn vị|cơ quan|bộ phận|phòng)(?: đơn vị)? (?:thực hiện|phụ trách|được giao)$"),
        ("coord_units", r"phối hợp"),
        ("deadline", r"^(?:thời gian|thời hạn|tiến độ|thời điểm|mốc thời gian)"),
        ("stt", r"^(?:stt|tt|số tt|số thứ tự)$"),
        ("area", r"^(?:nhiệm vụ chung|lĩnh vực|nhóm nhiệm vụ|lĩnh vực nhiệm vụ)"),
        ("product", r"sản phẩm|kết quả đầu ra|hình thức (?:văn bản|sản phẩm)"),
        ("task", r"^(?:nội dung|nhiệm vụ|tên nhiệm vụ|công việc|các nhiệm vụ|nhiệm vụ cụ thể|hoạt động)"),
    )
]

# Labels that group two sub-columns in a two-row header.
_GROUP = re.compile(r"^(?:phân công|trách nhiệm|đơn vị thực hiện|cơ quan thực hiện|tổ chức thực hiện)")

MAX_HEADER_LENGTH = 80


def match_header(text: object) -> str | None:
    """The canonical key a header cell names, or None."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_HEADER_LENGTH:
        return None
    return _match(text)


@functools.lru_cache(maxsize=4096)
def _match(text: str) -> str | None:
    folded = fold(text)
    for key, pattern in _PATTERNS:
        if pattern.search(folded):
            return key
    return None


def is_group_label(text: object) -> bool:
    """'Phân công trách nhiệm' and the like, over 'Chủ trì | Phối hợp'."""
    return isinstance(text, str) and bool(_GROUP.match(fold(text)))


def is_usable_header(keys: set[str]) -> bool:
    """A header row must at least name the task and two of lead, deadline, product, coord."""
    return "task" in keys and len(keys & {"lead_unit", "deadline", "product", "coord_units", "stt"}) >= 2
