"""Row numbers of an appendix: 'I', 'II.', '1', '1.3.1', 'A.', 'a)', '-'.

The numbering is how a table says what is a heading and what is a task: a Roman
numeral heads an area, '1.3' over '1.3.1' is a group, a row numbered '2' after
'1' is a sibling. ``Number.style`` and ``Number.path`` make those relations
computable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_xl.core.text import roman_value

ROMAN, ARABIC, UPPER, LOWER, BULLET = "roman", "arabic", "upper", "lower", "bullet"

_ARABIC = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.)]?$")
_ROMAN = re.compile(r"^([IVXLC]{1,7})\.?$")
_LETTER = re.compile(r"^([A-Za-zĐđ])[.)]?$")
_BULLETS = {"-", "+", "*", "•", "–", "—", "·", "o"}

# A number at the start of a text: "I CẢI CÁCH", "1. Công tác", "1.2- Rà soát", "a) Tổ chức".
_LEADING = re.compile(
    r"^\s*(?:"
    r"(?P<roman>[IVXLC]{1,7})(?:\s*[.)\-–:]\s*|\s+)"
    r"|(?P<arabic>\d{1,3}(?:\.\d{1,3})*)(?:\s*[.)\-–:]\s*|\s+)"
    r"|(?P<letter>[A-Za-zĐđ])\s*[.)]\s*"
    r"|(?P<bullet>[-+*•–—·])\s*"
    r")(?P<rest>\S.*)$",
    re.S,
)


@dataclass(frozen=True)
class Number:
    """A row number: its style (Roman, Arabic, letter, bullet), its path (1.3.1 is (1, 3, 1)), its text."""

    style: str
    path: tuple[int, ...]
    text: str

    @property
    def depth(self) -> int:
        """How many levels the number has: 1 for '2', 3 for '1.3.1'."""
        return len(self.path)

    def is_successor(self, other: "Number") -> bool:
        """True when ``other`` is the next sibling: 2 after 1, 1.4 after 1.3."""
        return (self.style == other.style and self.depth == other.depth and self.depth > 0
                and other.path[:-1] == self.path[:-1] and other.path[-1] == self.path[-1] + 1)

    def is_parent_of(self, other: "Number") -> bool:
        """True when ``other`` is numbered as a child of this row."""
        if self.style == ARABIC and other.style == ARABIC:
            return other.path[: self.depth] == self.path and other.depth > self.depth
        rank = {UPPER: 0, ROMAN: 1, ARABIC: 2, LOWER: 3, BULLET: 4}
        return rank[other.style] > rank[self.style] and self.style in (UPPER, ROMAN)


def parse_number(value: object) -> Number | None:
    """The number in an STT cell, or None when the cell holds no number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return Number(ARABIC, (value,), str(value)) if value >= 0 else None
    if isinstance(value, float):  # Excel turned "1.1" into 1.1
        text = f"{value:g}"
        return parse_number(text) if value >= 0 else None
    text = str(value).strip()
    if not text:
        return None
    if m := _ARABIC.match(text):
        return Number(ARABIC, tuple(int(p) for p in m.group(1).split(".")), text)
    if (m := _ROMAN.match(text)) and (v := roman_value(m.group(1))):
        return Number(ROMAN, (v,), text)
    if m := _LETTER.match(text):
        letter = m.group(1)
        style = UPPER if letter.isupper() else LOWER
        return Number(style, (ord(letter.lower()) - 96,), text)
    if text in _BULLETS:
        return Number(BULLET, (), text)
    return None


def split_leading(text: str) -> tuple[Number | None, str]:
    """Split 'I CẢI CÁCH THỂ CHẾ' into (Number I, 'CẢI CÁCH THỂ CHẾ')."""
    m = _LEADING.match(text)
    if not m:
        return None, text
    token = next(m.group(k) for k in ("roman", "arabic", "letter", "bullet") if m.group(k))
    number = parse_number(token)
    if number is None:
        return None, text
    if m.group("letter") and len(m.group("rest")) < 2:
        return None, text
    return number, m.group("rest").strip()
