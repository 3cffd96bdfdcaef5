"""Reform areas (lĩnh vực CCHC): recognise a heading or an area cell.

A heading is accepted when, stripped of its numbering and with the usual
abbreviations spelled out, it *starts with* an area's name or alias, comparing
case- and tone-placement-insensitively but keeping diacritics: "CÁI CÁCH THỂ
CHẾ" is a typo to report, not "Cải cách thể chế". The diacritic-free comparison
is only used to suggest the intended area.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from cchc_xl.core.memo import Memo
from cchc_xl.core.numbering import split_leading
from cchc_xl.core.text import fold, plain
from cchc_xl.errors import ConfigError

_ABBREVIATIONS = [
    (re.compile(r"\bcchc\b"), "cải cách hành chính"),
    (re.compile(r"\btthc\b"), "thủ tục hành chính"),
    (re.compile(r"\bhcnn\b"), "hành chính nhà nước"),
    (re.compile(r"\bcbccvc\b"), "cán bộ công chức viên chức"),
    (re.compile(r"\bcntt\b"), "công nghệ thông tin"),
]
_LEADING_WORDS = re.compile(r"^(?:công tác|nhiệm vụ|về|lĩnh vực)\s+")


def area_key(text: str) -> str:
    """Folded heading text without numbering, abbreviations expanded."""
    _, rest = split_leading(str(text))
    key = fold(rest)
    for pattern, full in _ABBREVIATIONS:
        key = pattern.sub(full, key)
    while (stripped := _LEADING_WORDS.sub("", key)) != key:
        key = stripped
    return key


@dataclass(frozen=True)
class Area:
    """A reform area of areas.yaml: its code, its name as shown, the older names it went by."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()


_AREA_KEYS = ("code", "name", "aliases")


def _area(item: object, where: str) -> Area:
    """One entry of areas.yaml: ``{code, name, aliases}``, name required."""
    name = item.get("name") if isinstance(item, dict) else None
    if not isinstance(item, dict) or not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: thiếu name (tên lĩnh vực), ví dụ “- name: Cải cách thể chế”; đang là {item!r}.")
    where = f"{where} (\u201c{name}\u201d)"
    for key in item:
        if key not in _AREA_KEYS:
            raise ConfigError(f"{where}: khóa {key!r} không dùng được; các khóa hợp lệ: {', '.join(_AREA_KEYS)}.")
    code, aliases = item.get("code"), item.get("aliases") or []
    if code is not None and not isinstance(code, (str, int)):
        raise ConfigError(f"{where}: code phải là chữ, đang là {code!r}.")
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ConfigError(f"{where}: aliases phải là danh sách tên, ví dụ “aliases: [Cải cách TTHC]” "
                          f"(đang là {aliases!r}).")
    return Area(str(code or name), name, tuple(aliases))


class AreaCatalog:
    """The reform areas an office recognises, matched against headings and area cells."""

    def __init__(self, areas: list[Area]):
        self.areas = areas
        self.match = Memo(self._match, 10_000)  # area cells repeat on every row of a group
        self._keys: list[tuple[str, Area]] = sorted(
            ((area_key(n), a) for a in areas for n in (a.name, *a.aliases)),
            key=lambda pair: -len(pair[0]),
        )

    @classmethod
    def from_dict(cls, data: dict) -> "AreaCatalog":
        """The catalog from areas.yaml's ``areas:`` list, checked as strictly as rules.yaml: an unknown key, a value
        of the wrong type or no area at all is a ConfigError naming the key (the caller adds the file), never an
        empty catalog that warns on every heading."""
        if set(data) - {"areas"}:
            raise ConfigError(f"khóa {next(k for k in data if k != 'areas')!r} không dùng được; khóa hợp lệ: areas.")
        items = data.get("areas")
        if not isinstance(items, list) or not items:
            raise ConfigError("areas phải là danh sách các lĩnh vực, mỗi lĩnh vực một mục “- name: …” "
                              f"(đang là {items!r}; xem mẫu validation/areas.yaml).")
        return cls([_area(item, f"areas, mục {n}") for n, item in enumerate(items, 1)])

    def _match(self, text: str) -> Area | None:
        """The area a heading names, or None (exact diacritics, prefix allowed); ``match`` caches it."""
        key = area_key(text)
        if not key:
            return None
        for alias, area in self._keys:
            if key == alias or key.startswith(alias + " "):
                return area
        return None

    def suggest(self, text: str) -> Area | None:
        """The nearest area ignoring diacritics, for a message's suggestion."""
        key = plain(area_key(text))
        best, best_score = None, 0.0
        for alias, area in self._keys:
            target = plain(alias)
            head = key[: len(target)]
            score = difflib.SequenceMatcher(None, head, target).ratio()
            if key.startswith(target):
                score = max(score, 0.95)
            if score > best_score:
                best, best_score = area, score
        return best if best_score >= 0.8 else None
