"""Budget cells: Vietnamese amount text -> integer đồng.

Vietnamese writes thousands with dots and decimals with commas ("194.000.000",
"2,5 tỷ"); an English-locale Excel keeps such input as text. Scale words
("triệu", "tỷ", "nghìn") and units ("đồng", "đ", "VNĐ") are understood; a cell
may itemise several amounts ("Báo cáo 12.800.000 đồng. Hỗ trợ 3.360.000 đồng.")
or explain instead of giving one. Legal references, counts and standards are
not money: "Thông tư 26/2019/TT-BTC ngày 10/5/2019", "(3 kỳ)", "ISO 9001:2015",
"01 Quyết định".
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from cchc_xl.core.text import clean, lowered, one_line, strip_references

NUMBER, AMOUNT, SEVERAL, NONE, NIL, EMPTY = "number", "amount", "several", "none", "nil", "empty"
INVALID = "invalid"  # a numeric cell that is no number (1e999 reads as infinity, NaN)
MAX_TEXT = 5000  # amounts are read from the start of a cell; a pasted essay is not scanned whole
MAX_AMOUNT = 1e15  # đồng; a longer run of digits in a text cell is not money (a phone or document number, "999…9")

_SCALES = {"tỷ": 10**9, "tỉ": 10**9, "triệu": 10**6, "tr": 10**6, "trđ": 10**6, "nghìn": 10**3, "ngàn": 10**3}
_TOKEN = re.compile(
    r"(?<![\w/.,:-])(?P<neg>-\s*)?"
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:(?=\s*(?:tỷ|tỉ|triệu|trđ|tr|nghìn|ngàn|đồng|đ|vnđ|vnd)(?!\w))|(?![\w/:]|[.,]\d))"
    r"(?:\s*(?P<scale>tỷ|tỉ|triệu|trđ|tr|nghìn|ngàn)(?!\w))?"
    r"(?:\s*(?P<unit>đồng|đ|vnđ|vnd)(?!\w))?"
)
_NOT_AMOUNT_BEFORE = re.compile(r"(?:số|mã|iso|khoản|điều|mục|năm|tháng|quý|ngày|kỳ)\s*$")
_NIL = re.compile(r"^(?:-+|—|x|0|không|không có|chưa có|không bố trí|không phát sinh)\.?$")


@dataclass(frozen=True)
class Money:
    """What a budget cell says: a number, one amount or several in text, an explanation, nothing."""

    text: str
    kind: str                        # number, amount, several, none (text without amount), nil, empty
    amounts: tuple[float, ...] = ()
    total: float | None = None

    @property
    def is_text(self) -> bool:
        """Text where a number belongs (an amount typed as text, several, or none at all)."""
        return self.kind in (AMOUNT, SEVERAL, NONE)

    @property
    def fix(self) -> int | None:
        """The number to put in the cell: one amount, or the sum of itemised ones."""
        if self.total is None or self.kind not in (AMOUNT, SEVERAL):
            return None
        return int(round(self.total))


@functools.lru_cache(maxsize=8192)
def parse_money(value: object) -> Money:
    """Read one budget cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Money("", EMPTY)
    if isinstance(value, bool):
        return Money(str(value), NONE)
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return Money(str(value), INVALID)
        return Money(str(value), NUMBER, (value,), value)
    text = one_line(clean(value))
    low = lowered(text[:MAX_TEXT])
    if _NIL.match(low):
        return Money(text, NIL)
    amounts = _amounts(low)
    if not amounts:
        return Money(text, NONE)
    total = _total(amounts)
    kind = AMOUNT if len(amounts) == 1 else SEVERAL
    return Money(text, kind, tuple(amounts), total)


def _amounts(low: str) -> list[float]:
    whole = low.strip()
    cleaned = strip_references(low)
    tokens = []
    for m in _TOKEN.finditer(cleaned):
        value = _value(m.group("num"), m.group("scale"))
        if value is None or not value < MAX_AMOUNT:
            continue
        sign = -1 if m.group("neg") else 1
        marked = bool(m.group("scale") or m.group("unit"))
        grouped = bool(re.search(r"\d[.,]\d{3}(?!\d)", m.group("num"))) and value >= 1000
        alone = m.group(0).strip() == whole
        large = value >= 10_000 and not (1900 <= value <= 2100)
        if _NOT_AMOUNT_BEFORE.search(cleaned[: m.start()]) and not marked:
            continue
        if marked or grouped or alone or large:
            tokens.append((m.start(), m.end(), sign * value, m.group("scale"), bool(m.group("unit"))))
    return _join_compound(tokens, cleaned)


def _value(num: str, scale: str | None) -> float | None:
    """'194.000.000' -> 194000000; '2,5' (with tỷ) -> 2.5e9; '1,500' -> 1500."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", num):        # Vietnamese grouping
        number = float(num.replace(".", "").replace(",", "."))
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", num):      # English grouping
        number = float(num.replace(",", "")) if not scale else float(num.replace(",", "."))
    else:                                                          # one separator: a decimal
        number = float(num.replace(",", "."))
    return number * _SCALES.get(scale or "", 1)


def _join_compound(tokens: list[tuple], text: str) -> list[float]:
    """'1 tỷ 200 triệu' is one amount, not two."""
    out: list[float] = []
    prev_end, prev_scale = -10, None
    for start, end, value, scale, _unit in tokens:
        between = text[prev_end:start].strip()
        smaller = prev_scale and _SCALES.get(prev_scale, 1) > _SCALES.get(scale or "", 1)
        if out and not between and smaller:
            out[-1] += value
        else:
            out.append(value)
        prev_end, prev_scale = end, scale
    return out


def _total(amounts: list[float]) -> float:
    """The sum of itemised amounts, unless one of them already is that sum."""
    biggest = max(amounts)
    rest = sum(amounts) - biggest
    if len(amounts) > 2 and abs(rest - biggest) < 0.5:
        return biggest
    return sum(amounts)


def format_dong(amount: float | int) -> str:
    """194000000 -> '194.000.000' (Vietnamese grouping)."""
    if not math.isfinite(amount):
        return str(amount)
    whole = int(round(amount))
    text = f"{abs(whole):,}".replace(",", ".")
    return ("-" if whole < 0 else "") + text
