"""Vietnamese text helpers shared by every parser.

Two different needs, kept apart on purpose:

* ``clean`` produces what we *show*: NFC, trimmed, diacritics intact.
* ``fold`` produces what we *compare*: case-, space- and punctuation-insensitive,
  with the tone mark moved to the end of each word, so that the old and the new
  tone placement ("hoá"/"hóa", "thuỷ"/"thủy") compare equal while "cái" and
  "cải" stay different. ``plain`` additionally drops every diacritic and is used
  only to *suggest* a near name, never to accept one.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")


_TIDY_ALREADY = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\r\n\x0b\t\u00a0\u2000-\u200a\u202f\u3000]|  |^\s|\s$")


def clean(value: object) -> str:
    """Text as a user typed it, minus invisible noise: NFC, spaces collapsed, trimmed.

    Newlines are kept (a lead-unit cell with one unit per line means a list).
    """
    if value is None:
        return ""
    text = str(value)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not _TIDY_ALREADY.search(text):  # the common case: nothing to do (a hot path on big sheets)
        return text
    text = text.translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def as_text(value: object) -> str:
    """A value as text ('' for None): a number typed in a name cell still sorts and groups with names."""
    return "" if value is None else value if isinstance(value, str) else str(value)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")   # no XML 1.0 document holds these


def storable(text: str) -> str:
    """``text`` without the characters no Office document can hold (a vertical tab pasted from Word, "_x000B_" in a
    cell): every writer (workbooks, Word) passes text through here, so one odd cell never fails a whole output."""
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def one_line(text: str) -> str:
    """A cell's text on one line, for messages and comparisons of whole cells."""
    return " ".join(text.split())


_TONE_SHIFT = {
    f"{v}{t}": f"{tv}{v2}"
    for v, pairs in {
        "o": [("a", "áàảãạ", "óòỏõọ"), ("e", "éèẻẽẹ", "óòỏõọ")],
        "u": [("y", "ýỳỷỹỵ", "úùủũụ")],
    }.items()
    for v2, toned_second, toned_first in pairs
    for t, tv in zip(toned_second, toned_first)
}
# "hoá" -> "hóa", "thuỷ" -> "thủy": only where the syllable ends there and no "q" precedes.
_TONE_PLACE = re.compile(r"(?<!q)(?:" + "|".join(_TONE_SHIFT) + r")(?!\w)")
_NON_WORD = re.compile(r"[\W_]+")


def lowered(text: object) -> str:
    """One line, lower case, tone placement unified, punctuation kept (for parsers)."""
    low = one_line(clean(text)).lower()
    return _TONE_PLACE.sub(lambda m: _TONE_SHIFT[m.group(0)], low)


def fold(text: object) -> str:
    """Comparison key: NFC, lower case, punctuation as spaces, tone placement unified."""
    return _NON_WORD.sub(" ", lowered(text)).strip()


def plain(text: str) -> str:
    """``fold`` without any diacritic (đ→d): only for suggesting near matches."""
    decomposed = unicodedata.normalize("NFD", fold(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(token: str) -> int | None:
    """Value of a Roman numeral such as 'IV' (1..399), else None."""
    t = token.strip().lower()
    if not t or any(ch not in _ROMAN for ch in t) or len(t) > 8:
        return None
    total = 0
    for i, ch in enumerate(t):
        v = _ROMAN[ch]
        nxt = _ROMAN[t[i + 1]] if i + 1 < len(t) else 0
        total += -v if v < nxt else v
    if total <= 0 or to_roman(total) != t.upper():
        return None
    return total


def to_roman(n: int) -> str:
    """'IV' for 4 (1..399): the inverse of ``roman_value``."""
    out = []
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                           (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def is_lower_start(text: str) -> bool:
    """True when the first letter of ``text`` is lower case (a sentence cut in two)."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def is_upper_text(text: str) -> bool:
    """True when every letter is a capital: typical of area headings."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


# Document numbers and standards: "Thông tư 26/2019/TT-BTC ngày 10/5/2019", "1107/KH-UBND",
# "ISO 9001:2015". Their digits are neither deadlines nor money.
_REFERENCE = re.compile(
    r"(?:thông tư|nghị định|quyết định|kế hoạch|công văn|chỉ thị|nghị quyết|văn bản|luật|thông báo|"
    r"hướng dẫn|chương trình|đề án)(?:\s+liên tịch)?\s+(?:số\s*)?\d[\w./-]*"
    r"(?:\s*(?:ngày|ban hành ngày)\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})?"
    r"|\b\d+\s*/\s*(?:19|20)\d\d\s*/\s*[a-zđ][\w-]*|\b\d+\s*/\s*[a-zđ]+-[\w-]+|iso\s*\d+(?::\d+)?"
)


def strip_references(low: str) -> str:
    """``low`` (from ``lowered``) with legal references and standards blanked out."""
    return _REFERENCE.sub(" ", low)
