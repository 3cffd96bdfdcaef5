"""The level of government whose plan is checked: what is "outside" it, and how its messages name it.

Plans come from a department of a province (Sở), a province or centrally run city (UBND tỉnh /
thành phố), a district (UBND huyện, before July 2025), a commune or ward (UBND xã / phường /
đặc khu, since July 2025) and a ministry (Bộ). "An outside body may coordinate, not lead" holds
at every level, but what is outside differs: the Sở Nội vụ is outside a Sở TNMT and one of the
units of a UBND tỉnh. A name the registry does not list is read as an outside body only when
its head word says so *at this level*; otherwise it is an unknown name (and a suggestion).

The level comes from units.yaml's ``level:`` when given, else from its ``department:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_xl.core.text import fold

_ALWAYS_OUTSIDE = (r"chính phủ|văn phòng chính phủ|thủ tướng|quốc hội|tỉnh ủy|thành ủy|huyện ủy|đảng ủy|hđnd|"
                   r"hội đồng nhân dân|mặt trận|ủy ban mặt trận|kho bạc|bưu điện|ngân hàng|cục thuế|chi cục thuế")


@dataclass(frozen=True)
class Level:
    """One level of government: its code, how a message names it, what is outside it."""

    code: str                 # so, tinh, huyen, xa, bo
    name: str                 # "Sở", "UBND tỉnh", "UBND phường"… as in "cơ quan ngoài {name}"
    outside: re.Pattern[str]  # the head of an unlisted name that denotes an outside body (folded text)
    suffix: re.Pattern[str]   # a trailing "thuộc Sở", "tỉnh Bình Dương"… dropped when comparing names
    examples: str = ""        # outside bodies a clerk of this level knows, for the template's guide
    selves: tuple[str, ...] = ()  # how a plan names its own body ("UBND tỉnh"): everyone, so a collective


def _place_suffix(kinds: str) -> re.Pattern[str]:
    """ "… thuộc UBND tỉnh", "… tỉnh Lạng Sơn": the level word and a place name of a few words (never a
    unit's name: "Văn phòng HĐND và UBND xã - Phòng Kinh tế" is two units, not one with a suffix)."""
    place = r"(?!(?:phòng|văn phòng|trung tâm|ban|chi cục|sở|công an|thanh tra|ubnd|ủy ban)\b)[^\s,;.\-–]+"
    return re.compile(rf"\s+(?:(?:thuộc|của|trực thuộc)\s+)?(?:ubnd |ủy ban nhân dân )?(?:{kinds})(?:\s+{place}){{0,4}}$")


def _outside(heads: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{heads}|{_ALWAYS_OUTSIDE})\b")


SO = Level("so", "Sở", _outside(r"sở|ubnd|ủy ban nhân dân|bộ|cục|tổng cục|công an|văn phòng ubnd|văn phòng ủy ban|"
                                r"thanh tra tỉnh|đài|báo"),
           re.compile(r"\s+(?:thuộc sở|của sở|trực thuộc sở|sở)$"), "Sở Tư pháp, Sở Nội vụ")
TINH = Level("tinh", "UBND tỉnh", _outside(r"bộ|cục|tổng cục"),
             _place_suffix("tỉnh|thành phố"),
             "các Bộ, Cục Thống kê, Kho bạc Nhà nước",
             ("UBND tỉnh", "Ủy ban nhân dân tỉnh", "UBND thành phố", "Ủy ban nhân dân thành phố"))
HUYEN = Level("huyen", "UBND huyện", _outside(r"sở|ubnd tỉnh|ủy ban nhân dân tỉnh|bộ|cục|tổng cục|công an tỉnh|"
                                              r"thanh tra tỉnh|đài|báo"),
              _place_suffix("huyện|quận|thị xã"),
              "UBND tỉnh, các Sở", ("UBND huyện", "Ủy ban nhân dân huyện"))
XA = Level("xa", "UBND xã", _outside(r"sở|ubnd tỉnh|ủy ban nhân dân tỉnh|ubnd thành phố|ủy ban nhân dân thành phố|"
                                     r"văn phòng (?:ubnd|ủy ban nhân dân) (?:tỉnh|thành phố)|bộ|cục|tổng cục|công an tỉnh|công an thành phố|thanh tra tỉnh|đài|báo"),
           _place_suffix("xã|phường|đặc khu|thị trấn"),
           "UBND tỉnh, các Sở, Công an tỉnh",
           ("UBND xã", "Ủy ban nhân dân xã", "UBND phường", "Ủy ban nhân dân phường", "UBND đặc khu"))
BO = Level("bo", "Bộ", _outside(r"bộ|sở|ubnd|ủy ban nhân dân|công an tỉnh"),
           re.compile(r"\s+(?:thuộc bộ|của bộ|trực thuộc bộ|bộ)$"), "các Bộ khác, UBND các tỉnh")
LEVELS = {level.code: level for level in (SO, TINH, HUYEN, XA, BO)}

_NAMES = {"sở": "so", "so": "so", "tỉnh": "tinh", "tinh": "tinh", "thành phố": "tinh", "huyện": "huyen",
          "huyen": "huyen", "xã": "xa", "xa": "xa", "phường": "xa", "bộ": "bo", "bo": "bo"}
_DEPARTMENT = [
    (re.compile(r"^sở\b"), SO),
    (re.compile(r"^bộ\b"), BO),
    (re.compile(r"^(?:ubnd|ủy ban nhân dân) (?:tỉnh|thành phố)\b"), TINH),
    (re.compile(r"^(?:ubnd|ủy ban nhân dân) (?:huyện|quận|thị xã)\b"), HUYEN),
    (re.compile(r"^(?:ubnd|ủy ban nhân dân) (xã|phường|đặc khu|thị trấn)\b"), XA),
]


def level_of(department: str, stated: str | None = None) -> Level:
    """The level ``stated`` in units.yaml (sở, tỉnh, huyện, xã, bộ), else the one the department's name says."""
    if stated:
        code = _NAMES.get(fold(stated))
        if code is None:
            raise ValueError(f"level: {stated!r} không phải sở, tỉnh, huyện, xã hay bộ")
        return LEVELS[code]
    key = fold(department)
    for pattern, level in _DEPARTMENT:
        m = pattern.match(key)
        if m:
            if level is XA and m.groups() and m.group(1) != "xã":  # a ward or a special zone names itself
                return Level(XA.code, f"UBND {m.group(1)}", XA.outside, XA.suffix, XA.examples, XA.selves)
            return level
    return SO
