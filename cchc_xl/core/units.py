"""Unit names: resolve a lead/coordinating cell to registry units.

A cell may hold one name or a list: names separated by ";", line breaks, leading
dashes or bullets ("- Văn phòng Sở - Trung tâm …"), ",", "và"; role words ("(chủ
trì)"), or both roles in one cell ("A chủ trì, phối hợp với B": A leads, B
coordinates); a collective phrase ("Các phòng, đơn vị thuộc Sở"), an outside body
("Sở Tư pháp" for a Sở), or a sentence. Every name is resolved on its own, so a
list is never read as one long name. Names compare case-, space- and punctuation-
insensitively with diacritics kept; the diacritic-free form is used only to
suggest the nearest registry name. What counts as outside depends on the plan's
level (``levels.py``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from cchc_xl.core.levels import SO, Level, level_of
from cchc_xl.core.memo import Memo
from cchc_xl.core.text import clean, fold, one_line, plain
from cchc_xl.errors import RegistryError

UNIT, COLLECTIVE, EXTERNAL, UNKNOWN = "unit", "collective", "external", "unknown"
LEAD, COORD = "lead", "coord"   # the role a name has in a lead cell ("… chủ trì, phối hợp với B")

# Separators no registered name contains: a cell holding one is a list.
_STRONG = re.compile(r"\n|;|(?:^|\s)[+•*]\s|(?:^|\n)\s*[-–]\s|\s[-–]\s*[-–]?\s*(?=[A-ZĐÀ-Ỹ])")
_SPLIT_LINES = re.compile(r"\n|;|(?:^|\s)[+•*]\s|(?:^|\n)\s*[-–]\s")
# "phối hợp với B", "(phối hợp)", "Phối hợp: B": what follows (or precedes, in brackets) coordinates.
_COORD_MARK = re.compile(r"[,.]?\s*\(?\bphối hợp(?:\s+(?:với|cùng))?\b\s*\)?\s*:?\s*", re.I)
_ROLE = re.compile(
    r"\(?\s*\b(?:chủ trì|phối hợp|theo dõi,? đôn đốc|tham mưu|thực hiện|đầu mối|phụ trách)\b\s*\)?\s*[:,]?",
    re.I,
)
_LEAD_BULLET = re.compile(r"^\s*(?:[-+•*–]|\d{1,2}[.)]|[a-zđ]\))\s*", re.I)
_SEPARATORS = re.compile(r"(,|\bvà\b|/|&|\s[-–]\s)")
_GENERIC_COLLECTIVE = re.compile(
    r"^(?:các|tất cả(?: các)?|toàn bộ|toàn thể|những)\s+.*\b(?:phòng|đơn vị|chi cục|cơ quan|bộ phận|"
    r"trung tâm|ban|sở|ngành|huyện|xã|phường|tổ chức|cá nhân|vụ|cục)\b"
)
_HEAD = re.compile(
    r"^(?:sở|ubnd|ủy ban|bộ|cục|tổng cục|các|tất cả|phòng|văn phòng|thanh tra|chi cục|trung tâm|ban|"
    r"công an|kho bạc|bưu điện|tỉnh ủy|hđnd|đài|báo|vụ|viện)\b"
)
_VERB_START = re.compile(r"^(?:giao|đề nghị|yêu cầu|chỉ đạo|tổ chức|triển khai|xây dựng|thực hiện|tham mưu)\b")
_TYPE_PREFIX = re.compile(r"^(?:phòng|p)\s+")
SENTENCE_WORDS = 9
MAX_LIST_ITEMS = 40
MAX_PIECES = 200


def unit_key(text: str) -> str:
    """The key a unit name is compared by (``text.fold``)."""
    return fold(text)


@dataclass(frozen=True)
class Unit:
    """An entry of the registry: a unit, a collective phrase or an outside body, with its aliases."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    budget_ceiling: int | None = None


@dataclass
class Resolved:
    """One entry of a cell: what was written, what it is, and its role in a lead cell."""

    text: str
    kind: str
    unit: Unit | None = None
    suggestion: Unit | None = None
    role: str = LEAD

    @property
    def name(self) -> str:
        """The registry name of what was written, or the text itself when unknown."""
        return self.unit.name if self.unit else self.text


@dataclass
class Resolution:
    """A whole cell: its entries, and whether it reads as a sentence rather than names."""

    text: str
    entries: list[Resolved] = field(default_factory=list)
    sentence: bool = False

    @property
    def empty(self) -> bool:
        """True for an empty cell."""
        return not self.entries

    def of_kind(self, kind: str, role: str | None = None) -> list[Resolved]:
        """The entries of one kind (unit, collective, external, unknown), of one role when given."""
        return [e for e in self.entries if e.kind == kind and (role is None or e.role == role)]

    @property
    def leads(self) -> list[str]:
        """The distinct registry units named to lead (a lead cell naming several is a finding)."""
        return list(dict.fromkeys(e.name for e in self.of_kind(UNIT, LEAD)))


def _distinct(units: list[Unit]) -> None:
    """Two entries whose names (or aliases) compare equal (case, spaces, Unicode form) would be one unit to every
    check and two to every output (two forms written to one file): the registry says which, once."""
    seen: dict[str, Unit] = {}
    for unit in units:
        for name in (unit.name, *unit.aliases):
            key = unit_key(name)
            other = seen.setdefault(key, unit) if key else unit
            if other is not unit:
                raise RegistryError(f"\u201c{other.name}\u201d và \u201c{name}\u201d là cùng một tên khi so sánh "
                                    "(không phân biệt chữ hoa, khoảng trắng, cách gõ dấu): mỗi đơn vị chỉ ghi một lần, "
                                    "cách viết khác của cùng đơn vị ghi ở aliases của nó.")


_SECTIONS = {"units": UNIT, "collectives": COLLECTIVE, "external": EXTERNAL}
_TOP_KEYS = ("department", "level", *_SECTIONS)
_ENTRY_KEYS = ("name", "aliases", "budget_ceiling")


def _only(data: dict, keys: tuple[str, ...], where: str) -> None:
    """A key of units.yaml that is not one of ``keys`` (a typo would silently drop a section): named, with the
    valid key it most resembles."""
    for key in data:
        if key not in keys:
            near = difflib.get_close_matches(str(key), keys, 1, 0.6)
            hint = f" (có phải {near[0]!r}?)" if near else ""
            raise RegistryError(f"{where}khóa {key!r} không dùng được{hint}; các khóa hợp lệ: {', '.join(keys)}.")


def _section(data: dict, section: str) -> list:
    """A section of units.yaml: a YAML list (``- …`` lines), or nothing."""
    items = data.get(section)
    if items is not None and not isinstance(items, list):
        raise RegistryError(f"{section}: phải là danh sách, mỗi mục một dòng bắt đầu bằng “- ” (đang là {items!r}).")
    return items or []


def _text(value: object, where: str) -> str:
    """A name written in the file: text (or nothing), NFC and single-spaced."""
    if value is not None and not isinstance(value, str):
        raise RegistryError(f"{where}: phải là chữ, đang là {value!r}.")
    return clean(value or "")


def _entry(item: object, kind: str, where: str) -> Unit:
    """One entry of a section: a name, or ``{name, aliases, budget_ceiling}``."""
    if isinstance(item, str) and item.strip():
        return Unit(clean(item), kind)
    name = item.get("name") if isinstance(item, dict) else None
    if not isinstance(item, dict) or not isinstance(name, str) or not name.strip():
        raise RegistryError(f"{where}: phải là tên đơn vị (chữ), hoặc “name: tên” kèm aliases; đang là {item!r}.")
    where = f"{where} (\u201c{clean(name)}\u201d)"
    _only(item, _ENTRY_KEYS, f"{where}: ")
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise RegistryError(f"{where}: aliases phải là danh sách tên, ví dụ “aliases: [Văn phòng, VP Sở]” "
                            f"(đang là {aliases!r}).")
    ceiling = item.get("budget_ceiling")
    if ceiling is not None and (type(ceiling) is not int or ceiling < 0):
        raise RegistryError(f"{where}: budget_ceiling phải là số đồng viết liền, ví dụ 500000000 "
                            f"(đang là {ceiling!r}).")
    return Unit(clean(name), kind, tuple(clean(a) for a in aliases), ceiling)


class Registry:
    """The units of units.yaml: who may lead, who may coordinate, and how their names are written."""

    def __init__(self, units: list[Unit], department: str = "", level: Level | None = None):
        self.units = units
        self.department = department
        self.level = level or level_of(department)
        self._cached = Memo(self._resolve, 20_000)  # unit cells repeat a lot
        self._index: dict[str, Unit] = {}
        variants: dict[str, set[str]] = {}
        for unit in units:
            for name in (unit.name, *unit.aliases):
                key = unit_key(name)
                if key:
                    self._index.setdefault(key, unit)
                    for variant in self._variants(key):
                        variants.setdefault(variant, set()).add(unit.name)
        by_name = {u.name: u for u in units}
        for variant, names in variants.items():
            if len(names) == 1 and variant not in self._index:
                self._index[variant] = by_name[next(iter(names))]
        for own in (department, *self.level.selves):  # the plan's own body as lead: everyone, so no one
            if own:
                self._index.setdefault(unit_key(own), Unit(clean(own), COLLECTIVE))
        self._lead_names = [(plain(k), u) for k, u in self._index.items() if u.kind == UNIT]

    @classmethod
    def from_dict(cls, data: dict) -> "Registry":
        """The registry from units.yaml's sections (``level:`` optional: sở, tỉnh, huyện, xã, bộ), checked as strictly
        as rules.yaml: a misspelt key (``unit:``, ``alias:``), a value of the wrong type or no unit at all is a
        RegistryError naming the key, never an empty registry that calls every row "không có trong danh mục"."""
        _only(data, _TOP_KEYS, "")
        units = [_entry(item, kind, f"{section}, mục {n}")
                 for section, kind in _SECTIONS.items() for n, item in enumerate(_section(data, section), 1)]
        if not any(u.kind == UNIT for u in units):
            empty = "tệp trống" if not data else "chưa có đơn vị nào trong khóa units"
            raise RegistryError(f"{empty}: units phải liệt kê các phòng, đơn vị của cơ quan, mỗi đơn vị một dòng "
                                "“- name: …” (xem mẫu validation/units.yaml).")
        department, level = (_text(data.get(key), key) for key in ("department", "level"))
        _distinct(units)
        try:
            stated = level_of(department, level or None)
        except ValueError as exc:  # an unknown level: the message names the key and the valid ones
            raise RegistryError(f"{exc}.") from None
        return cls(units, department, stated)

    def by_kind(self, kind: str) -> list[Unit]:
        """The registry's entries of one kind, in file order."""
        return [u for u in self.units if u.kind == kind]

    def lookup(self, text: str) -> Unit | None:
        """The registry entry a single name denotes, or None."""
        key = unit_key(_strip_roles(text))
        if not key:
            return None
        unit = self._index.get(key)
        if unit is None:
            for variant in self._variants(key):
                unit = self._index.get(variant)
                if unit:
                    break
        if unit is None and self._one_body(text):
            if _GENERIC_COLLECTIVE.match(key):
                return Unit(clean(text), COLLECTIVE)
            if self.level.outside.match(key) and len(key.split()) <= 10:
                return Unit(clean(text), EXTERNAL)
        return unit

    def _variants(self, key: str) -> list[str]:
        """The key without a type word ("Phòng") or a level suffix ("thuộc Sở", "tỉnh Bình Dương")."""
        out = []
        no_prefix = _TYPE_PREFIX.sub("", key)
        suffix = self.level.suffix if self.level is not SO else SO.suffix
        for v in (no_prefix, suffix.sub("", key), suffix.sub("", no_prefix)):
            if v and v != key and v not in out:
                out.append(v)
        return out

    def _one_body(self, text: str) -> bool:
        """False when a later part of a list names a body of its own ('Sở A, Sở B')."""
        parts = _SEPARATORS.split(_strip_roles(text))[2::2]
        for part in parts:
            key = unit_key(part)
            if not key:
                continue
            if _HEAD.match(key) or key in self._index:
                return False
        return True

    def suggest(self, text: str) -> Unit | None:
        """The nearest unit (diacritics ignored), or one named inside a sentence."""
        text = text[:300]  # a name is short; a 32,767-character cell must not cost seconds
        key = unit_key(text)
        inside = [u for k, u in self._index.items()
                  if u.kind == UNIT and len(k) > 4 and re.search(rf"\b{re.escape(k)}\b", key)]
        if inside:
            return max(inside, key=lambda u: len(u.name))
        target = _distinctive(plain(text))
        best, score = None, 0.0
        for name, unit in self._lead_names:
            ratio = difflib.SequenceMatcher(None, target, _distinctive(name)).ratio()
            if ratio > score:
                best, score = unit, ratio
        return best if score >= 0.75 else None

    def resolve(self, value: object) -> Resolution:
        """Split a cell into entries and resolve each one (cached by the cell's text)."""
        return self._cached(value if isinstance(value, str) else "" if value is None else str(value))

    def _resolve(self, text: str) -> Resolution:
        text = clean(text)
        resolution = Resolution(text)
        if not text:
            return resolution
        exact = self._index.get(unit_key(one_line(text)))   # a registry name written whole is that unit, whatever
        if exact is not None:                                # words it holds ("- Tài chính", "phụ trách", "và")
            resolution.entries.append(Resolved(one_line(text), exact.kind, exact))
            return resolution
        if not _STRONG.search(text) and not _COORD_MARK.search(text):
            whole = self.lookup(one_line(text))
            if whole is not None:
                resolution.entries.append(Resolved(one_line(text), whole.kind, whole))
                return resolution
        pieces = _pieces(text)
        for piece, role in pieces[:MAX_PIECES]:
            resolution.entries.extend(self._segment(piece, role))
        if len(pieces) > MAX_PIECES:
            rest = " ".join(p for p, _ in pieces[MAX_PIECES:])
            resolution.entries.append(Resolved(rest[:200], UNKNOWN))
        resolution.sentence = bool(resolution.of_kind(UNKNOWN)) and (
            len(text.split()) >= SENTENCE_WORDS and not _listed(text) and not _COORD_MARK.search(text)
            or bool(_VERB_START.match(unit_key(text))))
        return resolution

    def _segment(self, piece: str, role: str = LEAD) -> list[Resolved]:
        """The names in one piece of a cell: the longest runs of words the registry knows."""
        unit = self.lookup(piece)
        if unit is not None:
            return [Resolved(piece, unit.kind, unit, role=role)]
        tokens = _SEPARATORS.split(piece)
        words = tokens[0::2]
        if len(words) > MAX_LIST_ITEMS:  # a paragraph, not a list of units: do not segment it
            return [Resolved(piece, UNKNOWN, None, self.suggest(piece[:200]), role)]
        out: list[Resolved] = []
        i = 0
        while i < len(words):
            found = None
            for j in range(len(words), i, -1):
                candidate = "".join(tokens[2 * i: 2 * j - 1]).strip(" ,.-–")
                unit = self.lookup(candidate)
                if unit is not None:
                    found = (j, candidate, unit)
                    break
            if found:
                j, candidate, unit = found
                out.append(Resolved(candidate, unit.kind, unit, role=role))
                i = j
            else:
                j = i + 1
                while j < len(words) and not any(
                    self.lookup("".join(tokens[2 * j: 2 * k - 1]).strip(" ,.-–")) for k in range(len(words), j, -1)
                ):
                    j += 1
                candidate = "".join(tokens[2 * i: 2 * j - 1]).strip(" ,.-–")
                if candidate:
                    out.append(Resolved(candidate, UNKNOWN, None, self.suggest(candidate), role))
                i = j
        return out


def _distinctive(plain_key: str) -> str:
    """Drop the type word ('phong', 'chi cuc'...) that every name shares: it inflates similarity."""
    return re.sub(r"^(?:phong|p|chi cuc|trung tam|van phong|ban)\s+", "", plain_key) or plain_key


def _strip_roles(text: str) -> str:
    stripped = _ROLE.sub(" ", _LEAD_BULLET.sub("", text))
    return stripped.strip(" .,;:-–")


def _listed(text: str) -> bool:
    """A cell laid out as a list (several lines, ";", bullets): many words, yet no sentence."""
    return bool(_STRONG.search(text))


def _pieces(text: str) -> list[tuple[str, str]]:
    """The cell's pieces with their roles: lines, ";"-parts and bullets; in each, what follows
    "phối hợp (với)" coordinates, and a piece marked "(phối hợp)" coordinates as a whole."""
    pieces = []
    for part in _SPLIT_LINES.split(text):
        for chunk, role in _roles(part):
            chunk = _strip_roles(chunk)
            if chunk:
                pieces.append((one_line(chunk), role))
    return pieces


def _roles(part: str) -> list[tuple[str, str]]:
    m = _COORD_MARK.search(part)
    if m is None:
        return [(part, LEAD)]
    before, after = part[: m.start()], part[m.end():]
    if m.group(0).strip().startswith("(") and not after.strip():  # "B, C (phối hợp)": the piece coordinates
        return [(before, COORD)]
    return [(before, LEAD), (after, COORD)]
