"""Column headers: the many spellings of the appendix columns, and the header row that uses them.

Real appendices name the same column a dozen ways ("Đơn vị chủ trì", "Cơ quan
chủ trì", "Chủ trì" under "Phân công trách nhiệm"...). Each canonical column is
recognised from its folded header text, most specific patterns first, so that
"Nguồn kinh phí" is not read as the budget and "Nhiệm vụ chung" not as the task.
The header row is the row (or pair of rows) of a sheet naming the most columns.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cchc_xl.core.model import Grid
from cchc_xl.core.numbering import parse_number
from cchc_xl.core.text import fold
from cchc_xl.table.grid import HEADER_SCAN_ROWS, Sheet, empty

HEADER_LOOKAHEAD = 20  # rows after a usable header still searched for a better one

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
        ("task_id", r"^mã nhiệm vụ$"),   # the hidden id of a template made from the master (not a column to check)
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


# --------------------------------------------------------------------------- finding the header row
@dataclass
class HeaderMatch:
    rows: tuple[int, ...]
    columns: dict[str, int]
    headers: dict[str, str]

    @property
    def score(self) -> int:
        return len(self.columns)


def _row_keys(sheet: Sheet, row: int, width: int) -> dict[int, tuple[str | None, str]]:
    found: dict[int, tuple[str | None, str]] = {}
    for col in range(1, width + 1):
        v = sheet.get(row, col)
        if v.copy and not v.inherited:  # horizontal copy of a merged header: counted once
            continue
        if isinstance(v.value, str) and v.value:
            found[col] = (match_header(v.value), v.value)
    return found


def find_header(grid: Grid) -> HeaderMatch | None:
    """The best header row (or two-row header) in the first rows of ``grid``."""
    sheet = Sheet(grid)
    width = sheet.width()
    best: HeaderMatch | None = None
    last = min(grid.last_row, grid.first_row + HEADER_SCAN_ROWS)
    for row in range(grid.first_row, last + 1):
        if best is not None and row > best.rows[0] + HEADER_LOOKAHEAD:
            break  # data rows follow a header: stop scanning them
        top = _row_keys(sheet, row, width)
        keyed = {c: k for c, (k, _) in top.items() if k}
        if not keyed:
            continue
        rows: tuple[int, ...] = (row,)
        below = _row_keys(sheet, row + 1, width) if row < grid.last_row else {}
        sub = {c: k for c, (k, _) in below.items() if k}
        labels = dict(top)
        if sub and all(k or is_column_number(t) for k, t in below.values()):
            for col, key in sub.items():
                over = top.get(col)
                if over is None or is_group_label(over[1]) or col not in keyed or key in ("lead_unit", "coord_units"):
                    keyed[col] = key
                    labels[col] = below[col]
            rows = (row, row + 1)
        match = _assemble(rows, keyed, labels)
        if is_usable_header(set(match.columns)) and (best is None or match.score > best.score):
            best = match
    if best is not None:
        _guess_stt(sheet, best)
    return best


def _assemble(rows: tuple[int, ...], keyed: dict[int, str], labels: dict) -> HeaderMatch:
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for col in sorted(keyed):
        key = keyed[col]
        if key not in columns:
            columns[key] = col
            headers[key] = labels[col][1]
    return HeaderMatch(rows, columns, headers)


def _guess_stt(sheet: Sheet, match: HeaderMatch) -> None:
    """A nameless column just left of the task column holds the numbers."""
    if "stt" in match.columns:
        return
    left = match.columns["task"] - 1
    if left >= 1 and left not in match.columns.values():
        values = [sheet.get(r, left).value for r in range(match.rows[-1] + 1, match.rows[-1] + 30)]
        if sum(parse_number(v) is not None for v in values if not empty(v)) >= 2:
            match.columns["stt"] = left
            match.headers["stt"] = ""


def is_column_number(text: str) -> bool:
    return bool(re.fullmatch(r"\(?\d{1,2}\)?|\(?[A-Z]\)?", text.strip()))
