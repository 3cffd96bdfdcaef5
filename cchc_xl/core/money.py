"""Budget cells: Vietnamese amount text -> integer đồng.

Vietnamese writes thousands with dots and decimals with commas ("194.000.000",
"2,5 tỷ"); an English-locale Excel keeps such input as text. Scale words
("triệu", "tỷ", "nghìn") and units ("đồng", "đ", "VNĐ") are understood; a cell
may itemise several amounts ("Báo cáo 12.800.000 đồng. Hỗ trợ 3.360.000 đồng.")
or explain instead of giving one. Legal references, counts and standards are
not money: "Thông tư 26/2019/TT-BTC ngày 10/5/2019", "(3 kỳ)", "ISO 9001:2015",
"01 Quyết định".

Older and provincial appendices keep amounts in thousands or millions: the header says
"Kinh phí (triệu đồng)", or a line above the table "ĐVT: triệu đồng" (``read_scale``).
Amounts are always returned in đồng: a bare number of such a column is multiplied by
its scale, while text that names its own unit ("120 triệu", "1,5 tỷ", "15.000.000
đồng") keeps it. ``Money.fix`` is the value to type back, in the column's own unit.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Iterable

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
class Scale:
    """The unit of a budget column: how many đồng one unit is, and where the table said so."""

    factor: int = 1
    unit: str = "đồng"        # as a message names it: đồng, nghìn đồng, triệu đồng, tỷ đồng
    stated: str = ""          # header, above (a line above the table) or "" (nothing said: đồng)


DONG = Scale()
_UNIT_NAMES = {10**3: "nghìn đồng", 10**6: "triệu đồng", 10**9: "tỷ đồng"}
_SCALE_WORD = r"(?P<scale>tỷ|tỉ|triệu|tr\.?|nghìn|ngàn|1\.000(?:\.000)?|1000(?:000)?)"
_CURRENCY = r"(?:đồng|đ|vnđ|vnd)(?!\w)"
_IN_HEADER = (re.compile(rf"(?<!\w){_SCALE_WORD}\s*{_CURRENCY}"), re.compile(rf"\(\s*{_SCALE_WORD}\s*\)"),
              re.compile(rf"\(\s*(?P<scale>){_CURRENCY}\s*\)"))
_ABOVE = re.compile(rf"^(?:đvt|đv tính|đơn vị tính|đơn vị)\s*[:.]?\s*(?:{_SCALE_WORD}\s*)?{_CURRENCY}")


def read_scale(header: object, above: Iterable[object] = ()) -> Scale:
    """The budget column's unit: from its header ("Kinh phí (triệu đồng)"), else from a line above the
    table ("ĐVT: triệu đồng", "Đơn vị tính: nghìn đồng"); đồng when neither says."""
    low = lowered(header) if header else ""
    for pattern in _IN_HEADER:
        m = pattern.search(low)
        if m:
            return _scale(m, "header")
    for line in above:
        for part in re.split(r"[;,]|\s{2,}", lowered(line)):
            m = _ABOVE.search(part.strip())
            if m:
                return _scale(m, "above")
    return DONG


def is_unit_label(text: object) -> bool:
    """A cell that only names a budget unit ("(triệu đồng)", "ĐVT: nghìn đồng"), never an amount."""
    return (isinstance(text, str) and len(text) <= 30 and not re.search(r"\d", re.sub(r"1[.,]?000", "", text))
            and read_scale(text, [text]).stated != "")


def _scale(m: re.Match[str], stated: str) -> Scale:
    word = (m.group("scale") or "").rstrip(".")
    factor = 10**6 if word in ("tr", "1000000", "1.000.000") else _SCALES.get(word, 10**3 if word[:1] == "1" else 1)
    return Scale(factor, _UNIT_NAMES.get(factor, "đồng"), stated)


@dataclass(frozen=True)
class Money:
    """What a budget cell says: a number, one amount or several in text, an explanation, nothing."""

    text: str
    kind: str                        # number, amount, several, none (text without amount), nil, empty
    amounts: tuple[float, ...] = ()  # in đồng
    total: float | None = None       # in đồng
    factor: int = 1                  # đồng per unit of the column the cell is in
    scaled: bool = False             # a bare number was multiplied by the column's scale

    @property
    def is_text(self) -> bool:
        """Text where a number belongs (an amount typed as text, several, or none at all)."""
        return self.kind in (AMOUNT, SEVERAL, NONE)

    @property
    def fix(self) -> float | None:
        """The number to put in the cell, in the column's unit: one amount, or the sum of itemised ones."""
        if self.total is None or self.kind not in (AMOUNT, SEVERAL):
            return None
        return in_unit(self.total, self.factor)

    @property
    def dong(self) -> float | None:
        """The cell's amount in đồng (one number, one amount or the sum of several), for totals."""
        if self.total is None or self.kind not in (NUMBER, AMOUNT, SEVERAL):
            return None
        if self.kind == NUMBER and not self.scaled:
            return self.total   # a number in đồng is kept as typed, fraction and all
        return in_unit(self.total, 1)


def in_unit(dong: float, factor: int) -> float:
    """``dong`` expressed in a unit of ``factor`` đồng: a whole number when it is one (1.5 triệu stays 1.5)."""
    value = dong / factor
    return int(round(value)) if factor == 1 or abs(value - round(value)) < 1e-9 else round(value, 6)


@functools.lru_cache(maxsize=8192)
def parse_money(value: object, factor: int = 1) -> Money:
    """Read one budget cell of a column whose unit is ``factor`` đồng (``read_scale``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Money("", EMPTY, factor=factor)
    if isinstance(value, bool):
        return Money(str(value), NONE, factor=factor)
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return Money(str(value), INVALID, factor=factor)
        dong = value * factor if factor != 1 else value
        return Money(str(value), NUMBER, (dong,), dong, factor, factor != 1)
    text = one_line(clean(value))
    low = lowered(text[:MAX_TEXT])
    if _NIL.match(low):
        return Money(text, NIL, factor=factor)
    found = _amounts(low, factor)
    if not found:
        return Money(text, NONE, factor=factor)
    amounts = [a for a, _ in found]
    kind = AMOUNT if len(amounts) == 1 else SEVERAL
    return Money(text, kind, tuple(amounts), _total(amounts), factor, any(bare for _, bare in found) and factor != 1)


def _amounts(low: str, factor: int = 1) -> list[tuple[float, bool]]:
    """The amounts in đồng, each with whether it was a bare number (multiplied by ``factor``)."""
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
            if not marked:
                value *= factor
            tokens.append((m.start(), m.end(), sign * value, m.group("scale"), not marked))
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


def _join_compound(tokens: list[tuple], text: str) -> list[tuple[float, bool]]:
    """'1 tỷ 200 triệu' is one amount, not two."""
    out: list[tuple[float, bool]] = []
    prev_end, prev_scale = -10, None
    for start, end, value, scale, bare in tokens:
        between = text[prev_end:start].strip()
        smaller = prev_scale and _SCALES.get(prev_scale, 1) > _SCALES.get(scale or "", 1)
        if out and not between and smaller:
            out[-1] = (out[-1][0] + value, out[-1][1])
        else:
            out.append((value, bare))
        prev_end, prev_scale = end, scale
    return out


def _total(amounts: list[float]) -> float:
    """The sum of itemised amounts, unless one of them already is that sum."""
    biggest = max(amounts)
    rest = sum(amounts) - biggest
    if len(amounts) > 2 and abs(rest - biggest) < 0.5:
        return biggest
    return sum(amounts)


def format_number(value: float | int) -> str:
    """A number as a Vietnamese clerk writes it: 194000000 -> '194.000.000', 1.5 -> '1,5'."""
    if not math.isfinite(value) or value == int(value):
        return format_dong(value)
    whole, frac = f"{abs(value):.6f}".rstrip("0").split(".")
    return ("-" if value < 0 else "") + format_dong(int(whole)) + "," + frac


def format_dong(amount: float | int) -> str:
    """194000000 -> '194.000.000' (Vietnamese grouping)."""
    if not math.isfinite(amount):
        return str(amount)
    whole = int(round(amount))
    text = f"{abs(whole):,}".replace(",", ".")
    return ("-" if whole < 0 else "") + text
