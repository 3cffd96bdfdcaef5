"""Deadline cells: free Vietnamese text (or a date) -> a structured ``Deadline``.

The forms are those of real plans (see domain.md): a year, a quarter, a month,
a day, a range, a recurring phrase, a reference to another plan, a time
relative to an event, a condition, and cells holding several of these. The
result says what kind of time it is, the latest due date where one can be
known, the years it touches and which of those were *written* (only a written
year can put a deadline outside the plan period: "Trước ngày 31/01 năm sau" is
by design in next year, "Tháng 01/19" in a 2020 plan is a copy-paste slip).

Legal references are removed before reading ("Thông tư 26/2019/TT-BTC ngày
10/5/2019" is not a deadline).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace

from cchc_xl.core.periods import Period
from cchc_xl.core.text import lowered, roman_value, strip_references

DATE, MONTH, QUARTER, HALF, YEAR, RANGE = "date", "month", "quarter", "half-year", "year", "range"
RECURRING, REFERENCE, RELATIVE, CONDITIONAL = "recurring", "by-reference", "relative", "conditional"
UNPARSED, EMPTY = "unparsed", "empty"
DATED = (DATE, MONTH, QUARTER, HALF, YEAR, RANGE)
MAX_TEXT = 2000  # a deadline is a phrase; only the start of a pasted paragraph is read
VAGUE_KINDS = (RECURRING, REFERENCE, RELATIVE)

KIND_VI = {DATE: "ngày", MONTH: "tháng", QUARTER: "quý", HALF: "nửa năm", YEAR: "năm", RANGE: "khoảng thời gian",
           RECURRING: "định kỳ/thường xuyên", REFERENCE: "theo văn bản/yêu cầu khác",
           RELATIVE: "tính theo sự kiện", CONDITIONAL: "có điều kiện", UNPARSED: "không rõ", EMPTY: "trống"}


@dataclass(frozen=True)
class Deadline:
    """What a deadline cell says: its kind, the latest due date where one can be known, the years it touches."""

    text: str
    kind: str
    due: dt.date | None = None               # latest due date, where one can be known
    start: dt.date | None = None
    years: tuple[int, ...] = ()              # years the deadline touches
    written_years: tuple[int, ...] = ()      # years written in the cell (two-digit resolved)
    written_due: dt.date | None = None       # latest due date among parts with a written year
    annual: bool = False                     # repeats every year ("hàng năm", no year given)
    open_ended: bool = False                 # "... và các năm tiếp theo"
    anchored: bool = False                   # a day or month is named, even if recurring
    parts: tuple["Deadline", ...] = field(default=(), repr=False)

    @property
    def vague(self) -> bool:
        """Recurring, by-reference or relative with no date to hold anyone to."""
        return self.kind in VAGUE_KINDS and self.due is None and not self.anchored

    @property
    def dated(self) -> bool:
        """A year, quarter, month, half-year, day or range: a time one can be held to."""
        return self.kind in DATED


# --------------------------------------------------------------------------- vocabulary
_CONDITIONAL = re.compile(r"(?:^|\s)(?:thực hiện\s+)?(?:khi|nếu|trường hợp|tùy theo|tuỳ theo|sau khi)\s")
_ON_DEMAND = re.compile(r"khi (?:có |được )?(?:yêu cầu|cần|phát sinh)")   # "theo yêu cầu" said otherwise
_DURATION = re.compile(r"kể từ|\d+\s*(?:ngày|tuần|tháng)\b")           # "trong 30 ngày sau khi …": relative
_RELATIVE = re.compile(
    r"kể từ|trong (?:thời hạn |vòng )?\d+\s*(?:ngày|tuần|tháng)(?!\s*(?:đầu|cuối))|sau\s+\d+\s*(?:ngày|tuần|tháng)|"
    r"năm trước liền kề|trước liền kề|ngay sau|chậm nhất\s+\d+\s*ngày|^(?:thực hiện\s+)?ngay\b"
)
_RECURRING = re.compile(
    r"thường xuyên|hàng (?:quý|tháng|tuần|năm|ngày)|hằng (?:quý|tháng|tuần|năm|ngày)|định kỳ|liên tục|"
    r"thường niên|mỗi (?:quý|tháng|năm)|suốt năm|quanh năm|(?:đầu|giữa|cuối) (?:quý|tháng)\b|"
    r"\d+\s*(?:tháng|tuần|ngày)\s*/\s*lần|\d+\s*lần\s*/\s*(?:năm|quý|tháng)|theo (?:quý|tháng|tuần)\b"
)
_REFERENCE = re.compile(
    r"^theo\b|thời gian theo|\btheo (?:yêu cầu|kế hoạch|tiến độ|chỉ đạo|quy định|hướng dẫn|lộ trình|văn bản|"
    r"thông báo|đề nghị|chương trình|đề án)|khi có yêu cầu|đột xuất|khi cần|phát sinh|được giao"
)
_ANNUAL = re.compile(r"hàng năm|hằng năm|thường niên|mỗi năm")
_NEXT_YEAR = re.compile(r"năm sau|năm tiếp theo(?! các)")
_OPEN = re.compile(r"(?:và|đến) (?:các|những) năm (?:tiếp theo|sau)|trở đi")
_RANGE_WORD = re.compile(r"\btừ\b.*\bđến\b|\bđến\b|\s[-–]\s|(?<=\d|[ivx])\s*[-–]\s*(?=\d|quý|tháng|[ivx]+\b)")

_Y = r"(\d{4}|\d{2})"
_SEP = r"\s*[/.-]\s*"
_P_FULL = re.compile(rf"(?<![\d/])(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}{_Y}(?![\d/])")
_P_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})(?:\s*năm\s*(\d{4}))?")
_P_MONTH_Y = re.compile(rf"tháng\s*(\d{{1,2}})(?:\s*/\s*|\s*-\s*|\s+năm\s+){_Y}(?![\d/])")
_P_MONTH = re.compile(r"tháng\s*(\d{1,2})(?![\d/])(?!\s*(?:ngày|tháng|năm)\b)")
_P_MONTH_RANGE = re.compile(rf"tháng\s*(\d{{1,2}})\s*(?:-|–|đến)\s*(?:tháng\s*)?(\d{{1,2}})(?:\s*/\s*|\s+năm\s+){_Y}")
_P_QUARTER = re.compile(rf"quý\s*(iv|iii|ii|i|[1-4])\b(?:(?:\s*/\s*|\s*-\s*|\s+năm\s+){_Y}(?![\d/]))?")
_P_QUARTER_RANGE = re.compile(rf"quý\s*(iv|iii|ii|i|[1-4])\s*(?:-|–|,|và)\s*(iv|iii|ii|i|[1-4])\b(?:(?:\s*/\s*|\s+năm\s+){_Y})?")
_P_HALF = re.compile(r"(?:6|sáu) tháng (đầu|cuối)(?: năm)?(?:\s*(\d{4}))?")
_P_MONTH_Y_BARE = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*((?:19|20)\d\d)(?![\d/])")
_P_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
_P_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|đến(?: năm)?)\s*((?:19|20)\d\d)(?!\d)")
_P_YEAR = re.compile(r"(?<![\d/])((?:19|20)\d\d)(?![\d/])")
_P_THIS_YEAR = re.compile(
    r"\b(?:trong|cả|cuối|đầu|giữa|hết|trước khi hết) năm(?: nay| kế hoạch)?\b(?!\s*(?:\d|sau|trước|tiếp))"
    r"|^năm sau$")


@dataclass
class _Anchor:
    start: dt.date
    due: dt.date
    kind: str
    written: bool       # the year was written in the cell
    pos: int


# --------------------------------------------------------------------------- helpers
def _year(raw: str | None, period: Period | None) -> int | None:
    if not raw:
        return None
    year = int(raw)
    if year < 100:  # two-digit year: the century closest to the plan
        base = (period.start if period else dt.date.today().year) // 100 * 100
        year = min((base - 100 + year, base + year, base + 100 + year),
                   key=lambda y: abs(y - (period.start if period else base)))
    return year if 1990 <= year <= 2100 else None


def _quarter(token: str) -> int:
    return int(token) if token.isdigit() else roman_value(token) or 0


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int | None, first: int, last: int) -> tuple[dt.date | None, dt.date | None]:
    """The first day of month ``first`` and the last of month ``last`` of ``year``; (None, None) when
    the year is unknown or the months are not 1 <= first <= last <= 12."""
    if year is None or not 1 <= first <= last <= 12:
        return None, None
    return dt.date(year, first, 1), _month_end(year, last)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------- parsing
@functools.lru_cache(maxsize=8192)  # plans repeat "Quý II/2020", "Thường xuyên"... thousands of times
def parse_deadline(value: object, period: Period | None = None) -> Deadline:
    """Read one deadline cell (text, date or number) against the plan period."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Deadline("", EMPTY)
    if isinstance(value, (dt.datetime, dt.date)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return Deadline(day.isoformat(), DATE, day, day, (day.year,), (day.year,), day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1990 <= value <= 2100 and float(value).is_integer():
            return parse_deadline(str(int(value)), period)
        if 20000 <= value <= 80000:  # an Excel date serial shown as a number
            return parse_deadline(dt.date(1899, 12, 30) + dt.timedelta(days=int(value)), period)
        return Deadline(str(value), UNPARSED)
    text = str(value).strip()
    parts = [p for p in _split_parts(text[:MAX_TEXT]) if p.strip()]
    if len(parts) == 1:
        return _parse_part(parts[0], period)
    return _combine(text, [_parse_part(p, period) for p in parts])


def _split_parts(text: str) -> list[str]:
    """'Tháng 01/2020 (ban hành KH). Thực hiện theo tiến độ KH đề ra' -> two parts."""
    return re.split(r"\n|;\s*|(?<=[^\d\s])\.\s+(?=\S)|(?<=\))\.?\s+(?=[A-ZĐ])", text)


def _combine(text: str, parts: list[Deadline]) -> Deadline:
    dated = [p for p in parts if p.dated]
    written = [p.written_due for p in parts if p.written_due]
    years = tuple(sorted({y for p in parts for y in p.years}))
    base = max(dated, key=lambda p: p.due or dt.date.min) if dated else next(
        (p for p in parts if p.kind in VAGUE_KINDS),
        next((p for p in parts if p.kind == CONDITIONAL), parts[0]))
    return replace(
        base, text=text, years=years,
        written_years=tuple(sorted({y for p in parts for y in p.written_years})),
        written_due=max(written) if written else None,
        anchored=any(p.anchored for p in parts), parts=tuple(parts),
        start=min((p.start for p in dated if p.start), default=None),
    )


def is_conditional(low: str) -> bool:
    """A timing that waits on an event ("Sau khi …", "Ngay sau khi …", "Kịp thời khi …", "Khi có văn bản …",
    "Nếu …"): one kind whatever the wording. On request ("Khi có yêu cầu") is by-reference, and a time
    counted from an event ("Trong 30 ngày sau khi …", "kể từ khi …") is relative."""
    return bool(_CONDITIONAL.search(" " + low + " ")) and not _ON_DEMAND.search(low) and not _DURATION.search(low)


def _parse_part(text: str, period: Period | None) -> Deadline:
    low = strip_references(lowered(text))
    anchors = _anchors(low, period)
    annual = bool(_ANNUAL.search(low))
    open_ended = bool(_OPEN.search(low))
    conditional = is_conditional(low)
    if _RELATIVE.search(low) and not conditional:
        return Deadline(text, RELATIVE, anchored=bool(anchors))
    if anchors:
        return _dated(text, low, anchors, period, annual, open_ended)
    if _RECURRING.search(low):
        return Deadline(text, RECURRING, annual=annual, anchored=bool(re.search(r"ngày\s*\d", low)))
    if conditional:
        return Deadline(text, CONDITIONAL)
    if _REFERENCE.search(low):
        return Deadline(text, REFERENCE)
    return Deadline(text, UNPARSED)


def _dated(text: str, low: str, anchors: list[_Anchor], period: Period | None,
           annual: bool, open_ended: bool) -> Deadline:
    if is_conditional(low) and not any(a.written for a in anchors):
        return Deadline(text, CONDITIONAL)
    anchors.sort(key=lambda a: a.pos)
    due = max(a.due for a in anchors)
    start = min(a.start for a in anchors)
    kind = anchors[-1].kind
    if len(anchors) > 1 and _RANGE_WORD.search(low):
        kind = RANGE
    if anchors[-1].kind == RANGE:
        kind = RANGE
    written = [a for a in anchors if a.written]
    years = set(range(start.year, due.year + 1))
    if open_ended and period and period.end:
        years |= set(range(due.year, period.end + 1))
    return Deadline(
        text, kind, due, start, tuple(sorted(years)),
        tuple(sorted({y for a in written for y in range(a.start.year, a.due.year + 1)})),
        max((a.due for a in written), default=None),
        annual=annual and not written, open_ended=open_ended, anchored=True,
    )


def _anchors(low: str, period: Period | None) -> list[_Anchor]:
    """Every date-like piece of ``low``, each consumed once (most specific first)."""
    found: list[_Anchor] = []
    taken: list[tuple[int, int]] = []
    implicit = _implicit_year(low, period)

    def free(m: re.Match) -> bool:
        """The match overlaps no piece already read."""
        return all(m.end() <= a or m.start() >= b for a, b in taken)

    def add(m: re.Match, start: dt.date | None, due: dt.date | None, kind: str, written: bool) -> None:
        """Record a piece as read, and as an anchor when its dates are known."""
        taken.append(m.span())
        if start and due:
            found.append(_Anchor(start, due, kind, written, m.start()))

    for m in _P_MONTH_RANGE.finditer(low):
        if free(m):
            y = _year(m.group(3), period)
            a, b = int(m.group(1)), int(m.group(2))
            add(m, *_months(y, a, b), RANGE, True)
    for m in _P_FULL.finditer(low):
        if not free(m):
            continue
        y = _year(m.group(3), period)
        d = _safe_date(y, int(m.group(2)), int(m.group(1))) if y else None
        add(m, d, d, DATE, True)
    for m in _P_WORDS.finditer(low):
        if free(m):
            y = _year(m.group(3), period) if m.group(3) else implicit
            d = _safe_date(y, int(m.group(2)), int(m.group(1))) if y else None
            add(m, d, d, DATE, bool(m.group(3)))
    for m in _P_MONTH_Y.finditer(low):
        if free(m):
            y, month = _year(m.group(2), period), int(m.group(1))
            add(m, *_months(y, month, month), MONTH, True)
    for m in _P_QUARTER_RANGE.finditer(low):
        if free(m):
            y = _year(m.group(3), period) if m.group(3) else _following_year(low, m.end(), period) or implicit
            a, b = _quarter(m.group(1)), _quarter(m.group(2))
            add(m, *_months(y, 3 * a - 2, 3 * b), RANGE, bool(m.group(3)))
    for m in _P_QUARTER.finditer(low):
        if free(m):
            y = _year(m.group(2), period) if m.group(2) else None
            written = y is not None
            y = y or _following_year(low, m.end(), period) or implicit
            q = _quarter(m.group(1))
            add(m, *_months(y, 3 * q - 2, 3 * q), QUARTER, written or bool(_following_year(low, m.end(), period)))
    for m in _P_HALF.finditer(low):
        if free(m):
            y = _year(m.group(2), period) if m.group(2) else implicit
            first = m.group(1) == "đầu"
            add(m, *(_months(y, 1, 6) if first else _months(y, 7, 12)), HALF, bool(m.group(2)))
    for m in _P_MONTH.finditer(low):
        if free(m):
            month = int(m.group(1))
            y = _following_year(low, m.end(), period) or implicit
            add(m, *_months(y, month, month), MONTH, bool(_following_year(low, m.end(), period)))
    for m in _P_MONTH_Y_BARE.finditer(low):
        if free(m) and 1 <= int(m.group(1)) <= 12:
            y, month = int(m.group(2)), int(m.group(1))
            add(m, dt.date(y, month, 1), _month_end(y, month), MONTH, True)
    for m in _P_DAY_MONTH.finditer(low):
        if free(m):
            a, b = int(m.group(1)), int(m.group(2))
            if b > 12 and a <= 12:  # "01/19": month and two-digit year
                add(m, *_months(_year(str(b), period), a, a), MONTH, True)
                continue
            y = _following_year(low, m.end(), period) or implicit
            d = _safe_date(y, b, a) if y else None
            add(m, d, d, DATE, bool(_following_year(low, m.end(), period)))
    for m in _P_YEAR_RANGE.finditer(low):
        if free(m):
            a, b = int(m.group(1)), int(m.group(2))
            ok = a <= b
            add(m, dt.date(a, 1, 1) if ok else None, dt.date(b, 12, 31) if ok else None, RANGE, True)
    for m in _P_YEAR.finditer(low):
        if free(m):
            y = int(m.group(1))
            add(m, dt.date(y, 1, 1), dt.date(y, 12, 31), YEAR, True)
    if not found and implicit and not _RECURRING.search(low):
        for m in _P_THIS_YEAR.finditer(low):  # "Trong năm", "Cuối năm": the plan's year
            add(m, dt.date(implicit, 1, 1), dt.date(implicit, 12, 31), YEAR, False)
            break
    return found


def _following_year(low: str, pos: int, period: Period | None) -> int | None:
    """A year written just after a piece without one: 'quý I đến quý III/2020', 'tháng 3 năm 2020'."""
    m = re.match(r"\s*(?:đến|-|–|,|và)?\s*(?:(?:quý|tháng)\s*[\divx]+\s*)?(?:/|năm)\s*(\d{4}|\d{2})(?![\d/])",
                 low[pos:])
    return _year(m.group(1), period) if m else None


def _implicit_year(low: str, period: Period | None) -> int | None:
    """The year a date without one belongs to: the plan's (or the next, for 'năm sau')."""
    if period is None:
        return None
    base = period.single_year or period.last
    return base + 1 if _NEXT_YEAR.search(low) else base


def exact_day(value: object, period: Period | None = None) -> dt.date | None:
    """The day a cell holds when it is exactly one date: a date, or text that is nothing else ("15/03/2020",
    "15-3-20", "ngày 15 tháng 3 năm 2020"). "Trước ngày 15/03/2020" is a deadline, not a day."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    low = lowered(value).strip().rstrip(".")
    m = _P_FULL.fullmatch(low) or _P_WORDS.fullmatch(low)
    if m is None or m.group(3) is None:
        return None
    year = _year(m.group(3), period)
    return _safe_date(year, int(m.group(2)), int(m.group(1))) if year else None


def in_period(deadline: Deadline, period: Period, grace_days: int = 0) -> bool:
    """False when a written year puts the due date outside the period. A due date up to
    ``grace_days`` after its end is in time (the year's report is due in January)."""
    due = deadline.written_due
    if due is None:
        return True
    if due.year < period.start:
        return False
    return period.end is None or due <= dt.date(period.end, 12, 31) + dt.timedelta(days=grace_days)
