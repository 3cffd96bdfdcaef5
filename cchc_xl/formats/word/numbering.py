"""Word's automatic numbering and the styles a paragraph's look comes from (styles.xml, numbering.xml).

An appendix numbered with Word's list feature has no number in its text: the STT cell holds an empty
paragraph whose ``w:numPr`` names a list (``numId``) and a level (``ilvl``), and Word draws "II", "1"
or "1.2.1." from the list's definition: each level's start value, format (decimal, Roman, letter) and
text ("%1.%2."), counted in document order; a level restarts after a higher one is used. ``Numbering``
counts the same way: lists sharing one definition share counters unless a list restarts them
(``startOverride``, Word's "Restart at 1"), a legal level (``isLgl``) shows every level in digits, a
paragraph style may carry the list (Heading 1 numbered "I."). Bullets are no numbers: their glyph is left out.

``Styles`` keeps, per style, only what the reader needs: whether its text is hidden and the list it carries.
Both files are read with lxml's parser as hardened as the document's (no DTD, no network, no entities), one
top-level element (a style, a list, a list definition, a picture bullet…) at a time, each freed once read: a
part beyond ``MAX_SIDE_PART`` is refused before it is parsed (``reader``), one element of more than
``MAX_DEFINITION`` elements or a number format longer than ``MAX_LEVEL_TEXT`` while it is.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9                  # Word's list levels, ilvl 0..8
MAX_DEFINITIONS = 20_000    # styles, lists or list definitions read from one file; real files hold hundreds
MAX_SIDE_PART = 16 * 1024 * 1024   # bytes of styles.xml or numbering.xml once inflated; real plans' are under 2 MB
MAX_DEFINITION = 5_000      # XML elements in one style or list definition; a real one has dozens (latent styles 400)
MAX_LEVEL_TEXT = 100        # characters of a list level's number format ("%1.%2."); it is repeated on every item
SAFE = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True,
            remove_pis=True)


class WordLimit(Exception):
    """A document beyond what a plan can hold; the message (Vietnamese) names the limit."""


def on(element: Any) -> bool:
    """A Word on/off property: present and not "0"/"false"/"off"."""
    return element is not None and element.get(W + "val") not in ("0", "false", "off")


def iterparse(data: bytes, tag: str | None = None) -> Iterator[Any]:
    """The elements of an XML part as they end (each cleared by the caller when done): hardened lxml."""
    from lxml import etree

    for _, element in etree.iterparse(io.BytesIO(data), events=("end",), tag=tag, **SAFE):
        yield element


def each_definition(data: bytes, part: str) -> Iterator[Any]:
    """The top-level elements of a styles or numbering part, each whole when it ends, then emptied and dropped:
    memory follows the largest one, refused beyond ``MAX_DEFINITION`` elements (one list of 1.6 M levels held
    1.1 GB; 1.3 M picture bullets, never read, stayed in the tree: 547 MB)."""
    from lxml import etree

    depth = inside = 0
    for event, element in etree.iterparse(io.BytesIO(data), events=("start", "end"), **SAFE):
        if event == "start":
            depth += 1
            inside += depth > 2
            if inside > MAX_DEFINITION:
                count = f"{MAX_DEFINITION:,}".replace(",", ".")
                raise WordLimit(f"có phần {part} chứa một định nghĩa (kiểu, danh sách) hơn {count} phần tử XML (một "
                                "định nghĩa thật chỉ vài chục)")
            continue
        depth -= 1
        if depth == 1:
            yield element
            element.clear()
            parent = element.getparent()
            while element.getprevious() is not None:
                del parent[0]
            inside = 0


def _val(element: Any, default: Any = None) -> Any:
    return element.get(W + "val", default) if element is not None else default


def _int(element: Any, default: int | None) -> int | None:
    try:
        return int(element.get(W + "val")) if element is not None else default
    except (TypeError, ValueError):
        return default


class Styles:
    """Per style id: hidden text or not (None: the style does not say), its list (numId, ilvl), its parent."""

    def __init__(self) -> None:
        self.hidden: dict[str, bool] = {}
        self.lists: dict[str, tuple[str | None, int | None]] = {}
        self.parent: dict[str, str] = {}
        self.default_paragraph: str | None = None
        self._vanish: dict[str, bool | None] = {}

    @classmethod
    def read(cls, data: bytes | None) -> "Styles":
        styles = cls()
        count = 0
        for element in each_definition(data, "word/styles.xml") if data else ():
            if element.tag == W + "style" and count < MAX_DEFINITIONS:
                styles._add(element)
                count += 1
        return styles

    def _add(self, style: Any) -> None:
        sid = style.get(W + "styleId")
        if not sid:
            return
        if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
            self.default_paragraph = sid
        based = _val(style.find(W + "basedOn"))
        if based:
            self.parent[sid] = based
        vanish = style.find(f"{W}rPr/{W}vanish")
        if vanish is not None:
            self.hidden[sid] = on(vanish)
        num = style.find(f"{W}pPr/{W}numPr")
        if num is not None:
            self.lists[sid] = (_val(num.find(W + "numId")), _int(num.find(W + "ilvl"), None))

    def _chain(self, sid: str | None) -> Iterator[str]:
        seen: set[str] = set()
        while sid and sid not in seen and len(seen) < 50:
            seen.add(sid)
            yield sid
            sid = self.parent.get(sid)

    def vanish(self, sid: str | None) -> bool | None:
        """Whether the style (or one it is based on) hides its text; None when none of them says."""
        if not self.hidden or sid is None:
            return None
        if sid not in self._vanish:
            self._vanish[sid] = next((self.hidden[s] for s in self._chain(sid) if s in self.hidden), None)
        return self._vanish[sid]

    def list_of(self, sid: str | None) -> tuple[str | None, int | None]:
        """The list a paragraph style numbers its paragraphs with (numId, ilvl), or (None, None)."""
        return next((self.lists[s] for s in self._chain(sid) if s in self.lists), (None, None))


@dataclass
class Level:
    """One level of a list definition: where it starts, how its number is written, when it restarts."""

    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False
    restart: int | None = None      # lvlRestart: restart after level n (1-based) is used; 0: never
    style: str | None = None        # the paragraph style this level belongs to


@dataclass
class Definition:
    levels: dict[int, Level] = field(default_factory=dict)
    link: str | None = None         # numStyleLink: the definition is the one of this numbering style's list


@dataclass
class NumberedList:
    definition: str
    starts: dict[int, int] = field(default_factory=dict)        # startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)      # a level redefined for this list only


class Numbering:
    """The lists of numbering.xml and their counters, advanced paragraph by paragraph in document order."""

    def __init__(self, styles: Styles, definitions: dict[str, Definition] | None = None,
                 lists: dict[str, NumberedList] | None = None):
        self.styles = styles
        self.definitions = definitions or {}
        self.lists = lists or {}
        self.counters: dict[str, list[int | None]] = {}

    @classmethod
    def read(cls, data: bytes | None, styles: Styles) -> "Numbering":
        definitions: dict[str, Definition] = {}
        lists: dict[str, NumberedList] = {}
        for element in each_definition(data, "word/numbering.xml") if data else ():
            if element.tag == W + "abstractNum" and len(definitions) < MAX_DEFINITIONS:
                definitions[element.get(W + "abstractNumId", "")] = _definition(element)
            elif element.tag == W + "num" and len(lists) < MAX_DEFINITIONS:
                lists[element.get(W + "numId", "")] = _list(element)
        return cls(styles, definitions, lists)

    def label(self, num_pr: Any, style: str | None) -> str:
        """The number Word shows before a paragraph ("II", "1.2.1."), advancing its list; "" for none or a bullet."""
        num_id = _val(num_pr.find(W + "numId")) if num_pr is not None else None
        level = _int(num_pr.find(W + "ilvl"), None) if num_pr is not None else None
        if num_id is None:
            num_id, from_style = self.styles.list_of(style)
            level = level if level is not None else from_style
        found = self._levels(num_id)
        if found is None:
            return ""
        key, levels = found
        if level is None:   # a paragraph style carried the list: the level that names the style
            level = next((i for i, lv in levels.items() if lv.style and lv.style == style), 0)
        if not 0 <= level < LEVELS:
            return ""
        return self._advance(key, levels, level)

    def _levels(self, num_id: str | None) -> tuple[str, dict[int, Level]] | None:
        listed = self.lists.get(num_id or "")
        if num_id in (None, "0") or listed is None:
            return None
        definition = self.definitions.get(listed.definition)
        if definition is not None and definition.link:    # a numbering style: its list's definition
            linked = self.lists.get(self.styles.list_of(definition.link)[0] or "")
            definition = self.definitions.get(linked.definition) if linked else None
        if definition is None:
            return None
        levels = dict(definition.levels)
        for i, start in listed.starts.items():
            base = listed.levels.get(i) or levels.get(i) or Level()
            levels[i] = Level(start, base.fmt, base.text, base.legal, base.restart, base.style)
        levels.update({i: lv for i, lv in listed.levels.items() if i not in listed.starts})
        restarted = listed.starts or listed.levels
        return ("list " + str(num_id) if restarted else "definition " + listed.definition), levels

    def _advance(self, key: str, levels: dict[int, Level], level: int) -> str:
        counters = self.counters.setdefault(key, [None] * LEVELS)
        me = levels.get(level, Level())
        counters[level] = me.start if counters[level] is None else counters[level] + 1   # type: ignore[operator]
        for deeper in range(level + 1, LEVELS):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and level < restart):
                counters[deeper] = None
        if me.fmt in ("bullet", "none"):
            return ""

        def number(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            lv = levels.get(i, Level())
            value = counters[i] if counters[i] is not None else lv.start
            return format_number(value or 0, "decimal" if me.legal else lv.fmt)     # isLgl: its own level too

        return re.sub(r"%([1-9])", number, me.text).strip()


def _definition(element: Any) -> Definition:
    levels = {}
    for lvl in element.findall(W + "lvl"):
        i = _int_attr(lvl, "ilvl")
        if i is not None and 0 <= i < LEVELS:
            levels[i] = _level(lvl)
    return Definition(levels, _val(element.find(W + "numStyleLink")))


def _level(lvl: Any) -> Level:
    if len(_val(lvl.find(W + "lvlText"), "")) > MAX_LEVEL_TEXT:
        raise WordLimit(f"có mẫu số tự động (lvlText) dài hơn {MAX_LEVEL_TEXT} ký tự (mẫu thật như “%1.%2.”)")
    return Level(_int(lvl.find(W + "start"), 0) or 0, _val(lvl.find(W + "numFmt"), "decimal"),
                 _val(lvl.find(W + "lvlText"), ""), on(lvl.find(W + "isLgl")), _int(lvl.find(W + "lvlRestart"), None),
                 _val(lvl.find(W + "pStyle")))


def _list(element: Any) -> NumberedList:
    listed = NumberedList(_val(element.find(W + "abstractNumId"), ""))
    for override in element.findall(W + "lvlOverride"):
        i = _int_attr(override, "ilvl")
        if i is None or not 0 <= i < LEVELS:
            continue
        start = _int(override.find(W + "startOverride"), None)
        if start is not None:
            listed.starts[i] = start
        lvl = override.find(W + "lvl")
        if lvl is not None:
            listed.levels[i] = _level(lvl)
    return listed


def _int_attr(element: Any, name: str) -> int | None:
    try:
        return int(element.get(W + name))
    except (TypeError, ValueError):
        return None


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def format_number(n: int, fmt: str) -> str:
    """A list number as Word writes it in ``fmt``: 4 -> "IV" (upperRoman), "d" (lowerLetter), "04" (decimalZero)."""
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        roman = ""
        for value, letters in _ROMAN:
            while n >= value:
                roman, n = roman + letters, n - value
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)     # Word: z, then aa, bb
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)
