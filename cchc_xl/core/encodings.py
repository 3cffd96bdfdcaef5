"""Legacy Vietnamese encodings: TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times fonts).

Old offices still type with those fonts: Excel stores the bytes as Windows-1252
characters, so "Văn phòng Sở" arrives as "V¨n phßng Së" (TCVN3) or "Vaên phoøng
Sôû" (VNI). The tables are built from the published code charts (TCVN 5712:1993
and the VNI Windows chart), not copied from a converter.

Detection is per cell and conservative: a cell is legacy only when it holds no
Unicode-only Vietnamese letter, its words that the conversion changes are
mostly *not* Vietnamese syllables as written and mostly *are* once converted.
"Báo cáo" (Unicode, Latin-1 letters only) is therefore left alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from cchc_xl.core.model import Grid

TCVN3, VNI = "TCVN3", "VNI"

# Tone order in both charts: huyền (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng (dot).
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_BASES = "a ă â e ê i o ô ơ u ư y".split()


def _toned(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONES[tone])


# --------------------------------------------------------------------------- TCVN3 (TCVN 5712:1993, ABC)
# Code points of each base vowel's five toned forms (grave, hook, tilde, acute, dot).
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB), "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE), "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_PLAIN = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
                "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE}


def _tcvn3_table() -> dict[str, str]:
    """Unicode letter -> the Windows-1252 character its TCVN3 byte shows as in Excel."""
    table = {u: bytes([b]).decode("latin-1") for u, b in _TCVN3_PLAIN.items()}
    for base, codes in _TCVN3_TONED.items():
        for tone, code in enumerate(codes):
            table[_toned(base, tone)] = bytes([code]).decode("latin-1")
    return table


# --------------------------------------------------------------------------- VNI (VNI Windows)
# A letter is its ASCII base followed by mark bytes; lower and upper case use different marks.
_VNI_TONE = {False: "øûõùï", True: "ØÛÕÙÏ"}                       # grave hook tilde acute dot
_VNI_CIRCUMFLEX = {False: ("â", "àåãáä"), True: ("Â", "ÀÅÃÁÄ")}   # â ê ô: mark, then mark+tone
_VNI_BREVE = {False: ("ê", "èúüéë"), True: ("Ê", "ÈÚÜÉË")}        # ă
_VNI_I = {False: "ìæóíò", True: "ÌÆÓÍÒ"}                           # i: one byte per tone
_VNI_SINGLE = {"ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö", "đ": "ñ", "Đ": "Ñ"}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for upper in (False, True):
        case = str.upper if upper else str.lower
        for base in _BASES:
            ubase = case(base)
            if base in ("â", "ê", "ô"):
                mark, toned = _VNI_CIRCUMFLEX[upper]
                ascii_base = case({"â": "a", "ê": "e", "ô": "o"}[base])
                table[ubase] = ascii_base + mark
                for t in range(5):
                    table[case(_toned(base, t))] = ascii_base + toned[t]
            elif base == "ă":
                mark, toned = _VNI_BREVE[upper]
                table[ubase] = case("a") + mark
                for t in range(5):
                    table[case(_toned(base, t))] = case("a") + toned[t]
            elif base == "i":
                for t in range(5):
                    table[case(_toned(base, t))] = _VNI_I[upper][t]
            else:
                stem = _VNI_SINGLE.get(ubase, ubase)
                for t in range(5):
                    table[case(_toned(base, t))] = stem + _VNI_TONE[upper][t]
        table[case("ỵ")] = "Î" if upper else "î"   # VNI gives ỵ a byte of its own
    table.update(_VNI_SINGLE)
    return table


_ENCODE = {TCVN3: _tcvn3_table(), VNI: _vni_table()}
_DECODE = {name: {v: k for k, v in table.items()} for name, table in _ENCODE.items()}
_DECODE_RE = {name: re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
              for name, table in _DECODE.items()}


def encode(text: str, encoding: str) -> str:
    """Unicode -> how the legacy bytes show in Excel (for tests and round trips)."""
    table = _ENCODE[encoding]
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def decode(text: str, encoding: str) -> str:
    """Legacy characters -> Unicode. TCVN3 has no capital toned letters (the .VnTimeH fonts
    show the lowercase codes as capitals), so a cell whose plain letters are all capitals
    is converted to capitals."""
    converted = _DECODE_RE[encoding].sub(lambda m: _DECODE[encoding][m.group(0)], text)
    if encoding == TCVN3:
        letters = [c for c in text if "A" <= c <= "Z" or "a" <= c <= "z"]
        if letters and all(c.isupper() for c in letters):
            converted = converted.upper()
    return converted


# --------------------------------------------------------------------------- detection
_UNICODE_ONLY = re.compile("[\u0100-\u024f\u1ea0-\u1ef9]")   # ă đ ơ ư and the precomposed toned letters
_SUSPECT = re.compile("[\u00a1-\u00ff]")
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_STRONG = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0xA1, 0x100)
                                   if chr(c) not in _VIETNAMESE_LATIN1) + "]")  # Latin-1, in no Vietnamese word
_WORD = re.compile(r"[A-Za-z\u00a1-\u00ff]+")
_ONSET = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx]"
_CODA = "ch|ng|nh|c|m|n|p|t"
# Vowel groups by whether a final consonant may follow (ăn but not ă, ai but not ain).
_CLOSED_ONLY = "ă â iê yê uâ uô ươ oă uyê".split()
_EITHER = "a e ê i o ô ơ u ư y oa oe uê uy oo".split()
_OPEN_ONLY = ("ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu oai oay oao oeo uây uôi ươi ươu uya "
              "uyu yêu").split()


def _alt(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_SYLLABLE = re.compile(rf"^(?:{_ONSET})?(?:(?:{_alt(_CLOSED_ONLY)})(?:{_CODA})|(?:{_alt(_EITHER)})(?:{_CODA})?"
                       rf"|(?:{_alt(_OPEN_ONLY)}))$")


_LETTERS = set("abcdefghijklmnopqrstuvwxyzđ") | {_toned(b, t) for b in _BASES for t in range(5)} | set(_BASES)


def is_syllable(word: str) -> bool:
    """A Vietnamese syllable (lower or upper case), at most one tone mark."""
    lower = unicodedata.normalize("NFC", word.lower())
    if any(ch not in _LETTERS for ch in lower):  # ñ, ø, ¨... are in no Vietnamese word
        return False
    decomposed = unicodedata.normalize("NFD", lower)
    tones = sum(1 for ch in decomposed if ch in _TONES)
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return tones <= 1 and bool(_SYLLABLE.match(bare))


@dataclass(frozen=True)
class Detection:
    """A cell found typed in a legacy encoding: which one, how sure, and its Unicode text."""

    encoding: str
    confidence: float
    text: str            # the Unicode text


def detect(text: str) -> Detection | None:
    """The legacy encoding ``text`` is in, with a confidence, or None for Unicode text."""
    if not isinstance(text, str) or text.isascii() or _UNICODE_ONLY.search(text) or not _SUSPECT.search(text):
        return None
    return _detect(text)


@functools.lru_cache(maxsize=4096)
def _detect(text: str) -> Detection | None:
    best: Detection | None = None
    for encoding in (TCVN3, VNI):
        changed = before = after = 0
        for word in _WORD.findall(text):
            converted = decode(word, encoding)
            if converted == word:
                continue
            changed += 1
            before += is_syllable(word)
            after += is_syllable(converted)
        if not changed:
            continue
        confidence = (after - before) / changed
        # A character no Vietnamese word has (¨ ß § µ ø û...) is strong evidence; without one,
        # the words as written must mostly fail to be Vietnamese ("Báo cáo" is not TCVN3).
        tolerated = 0.5 if _STRONG.search(text) else 0.3
        if after / changed >= 0.6 and before / changed <= tolerated and after > before \
                and (best is None or confidence > best.confidence):
            best = Detection(encoding, round(confidence, 2), decode(text, encoding))
    return best


@dataclass(frozen=True)
class LegacyCell:
    """Where a legacy-encoded cell is, what it held, and what it reads as."""

    sheet: str
    row: int
    col: int
    original: str
    detection: Detection


def decode_grids(grids: Iterable[Grid]) -> list[LegacyCell]:
    """Convert legacy-encoded text cells of ``grids`` in place; report each one."""
    found = []
    for grid in grids:
        for i, row in enumerate(grid.rows):
            for j, value in enumerate(row):
                if isinstance(value, str) and not value.isascii():
                    hit = detect(value)
                    if hit is not None:
                        row[j] = hit.text
                        found.append(LegacyCell(grid.name, grid.first_row + i, j + 1, value, hit))
    return found
