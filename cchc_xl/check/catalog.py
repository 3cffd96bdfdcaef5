"""The one catalog of outcomes: every finding, consolidation note and refusal has a stable code.

Modelled on frictionless' error classes: a kind is data (code, default severity,
the column it concerns, title and message templates in Vietnamese and English), so
the CLI, the JSON contract, the annotated workbook, the master and the ribbon all
say the same thing. Kinds are declared where they arise — each rule in its own
class (``check/rules``), consolidation's in ``consolidation/kinds.py``, refusals of
files in ``workbook/reader.py`` — and registered here; a code declared twice stops
the import. Codes are a contract with other tools: never rename one, add a new one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)   # INFO: notes of a consolidation ("không thay đổi"), never a rule's
OFF = "off"                           # a rule switched off in rules.yaml


@dataclass(frozen=True)
class Kind:
    """A kind of outcome: what the catalog knows about one code."""

    code: str
    severity: str
    column: str | None
    title_vi: str
    title_en: str
    message_vi: str = "{message}"
    message_en: str = "{message}"

    def title(self, lang: str = "vi") -> str:
        """The kind's title in ``lang`` (vi or en)."""
        return self.title_en if lang == "en" else self.title_vi

    def message(self, lang: str = "vi", **params: object) -> str:
        """The message with ``params`` filled in; a missing field renders as nothing, never raises."""
        template = self.message_en if lang == "en" else self.message_vi
        return template.format_map(_Defaults(params))


class _Defaults(dict):
    """Missing template fields render as empty text instead of raising."""

    def __missing__(self, key: str) -> str:
        return ""


CATALOG: dict[str, Kind] = {}


def declare(kind: Kind) -> Kind:
    """Register ``kind``; a code can be declared once only (checked at import time)."""
    if kind.code in CATALOG:
        raise ValueError(f"outcome code declared twice: {kind.code}")
    if kind.severity not in SEVERITIES:
        raise ValueError(f"{kind.code}: severity must be one of {SEVERITIES}")
    CATALOG[kind.code] = kind
    return kind


def kind_of(code: str) -> Kind:
    """The declared kind of ``code`` (a KeyError for a code nobody declared: a bug of ours)."""
    return CATALOG[code]


@dataclass
class Finding:
    """One problem on one cell; the dict form is the JSON contract."""

    code: str
    severity: str
    sheet: str
    cell: str
    row: int
    column: str | None
    value: object
    message: str
    suggestion: str | None = None
    fix: object = None

    def as_json(self) -> dict[str, object]:
        """The finding as the JSON contract spells it (dates as ISO text)."""
        data = asdict(self)
        data["value"] = json_value(self.value)
        data["fix"] = json_value(self.fix)
        return data

    @property
    def where(self) -> str:
        """'Phụ lục!E12', or the sheet alone for a finding about a whole sheet."""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet


def json_value(value: object) -> object:
    """Dates become ISO text; integral floats ints; everything else JSON can hold stays as it is."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
