"""The plan period: a year ("2020"), a range ("2021-2025") or open-ended ("2021+").

A plan's period decides which deadlines are in time, and how a two-digit year
("Tháng 12/20") is read. It comes from ``--period``, the template's metadata, or
the title above the table ("KẾ HOẠCH ... NĂM 2020", "GIAI ĐOẠN 2021 - 2025",
"NĂM 2021 VÀ CÁC NĂM TIẾP THEO").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_xl.core.text import fold
from cchc_xl.errors import PeriodError

_SPEC = re.compile(r"^\s*(\d{4})\s*(?:(?:-|–|—|\.\.)\s*(\d{4})?|(\+))?\s*$")


@dataclass(frozen=True)
class Period:
    """A plan's period: one year, a range of years, or open-ended."""

    start: int
    end: int | None  # None: open-ended ("2021 và các năm tiếp theo")

    def __post_init__(self) -> None:
        if not 1900 <= self.start <= 2200 or (self.end is not None and self.end < self.start):
            raise PeriodError(f"Kỳ kế hoạch không hợp lệ: {self.start}-{self.end}")

    def __str__(self) -> str:
        if self.end is None:
            return f"{self.start}+"
        return str(self.start) if self.end == self.start else f"{self.start}-{self.end}"

    @property
    def single_year(self) -> int | None:
        """The year of a one-year plan: deadlines without a year belong to it."""
        return self.start if self.end == self.start else None

    @property
    def last(self) -> int:
        """The last year (the first for an open-ended plan)."""
        return self.end if self.end is not None else self.start

    def contains(self, year: int) -> bool:
        """True when ``year`` falls inside the period."""
        return year >= self.start and (self.end is None or year <= self.end)

    def years(self) -> list[int]:
        """The years from the first to the last."""
        return list(range(self.start, self.last + 1))

    @classmethod
    def parse(cls, text: str) -> "Period":
        """'2020', '2021-2025', '2021+' or '2021-' (open-ended)."""
        match = _SPEC.match(str(text))
        if not match:
            raise PeriodError(
                f"Kỳ kế hoạch \u201c{text}\u201d không hợp lệ: ghi một năm (2020), một giai đoạn "
                "(2021-2025) hoặc 2021+ (từ năm 2021 trở đi)."
            )
        start = int(match.group(1))
        if match.group(3) or (match.group(0).strip()[4:].strip() and not match.group(2)):
            return cls(start, None)
        return cls(start, int(match.group(2)) if match.group(2) else start)


_RANGE = re.compile(r"((?:19|20)\d\d) (?:đến )?(?:năm )?((?:19|20)\d\d)")
_OPEN = re.compile(r"((?:19|20)\d\d) (?:và|trở đi)(?: (?:các|những) năm tiếp theo)?")
_YEAR = re.compile(r"năm ((?:19|20)\d\d)")
_DATE_PHRASE = re.compile(r"ngày \d{1,2} tháng \d{1,2} năm (?:19|20)\d\d")


def period_from_title(lines: list[str]) -> Period | None:
    """Find the period in the text above the table; None when it names none.

    Dates of signature ("ngày 22 tháng 01 năm 2020") are ignored: a plan for 2021
    is often signed in December 2020. Lines are folded first, so "2021 - 2025",
    "2021–2025" and "2021 đến 2025" read alike.
    """
    for line in lines:
        folded = _DATE_PHRASE.sub(" ", fold(line))
        if m := _RANGE.search(folded):
            return Period(int(m.group(1)), int(m.group(2)))
        if m := _OPEN.search(folded):
            return Period(int(m.group(1)), None)
        if m := _YEAR.search(folded):
            return Period(int(m.group(1)), int(m.group(1)))
    return None
