"""What a printed page shows, read back from the PDF LibreOffice made of it (``pdftotext -bbox-layout``): the text
lines of each page with their boxes on paper, so that a test can find overprinted lines, text a row cut off, a
page holding a fragment, a heading left at the foot of a page.

A row too short for its wrapped text shows in two ways: its lower lines run over the next row (two text lines whose
boxes cross), or LibreOffice drops the lines that fall wholly outside the cell (the end of the text is missing).
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD = re.compile(r'<word [^>]*>([^<]*)</word>')


@dataclass(frozen=True)
class Line:
    """A line of text on paper: its box (points, from the top left of the page) and its words."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in sorted(self.lines, key=lambda l: (round(l.y0), l.x0)))

    @property
    def words(self) -> list[str]:
        return self.text.split()


def read_pages(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` as its text lines."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for n, chunk in enumerate(out.split("<page ")[1:], start=1):
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', chunk)
        assert size, chunk[:100]
        lines = [Line(float(a), float(b), float(c), float(d), html.unescape(" ".join(_WORD.findall(body))))
                 for a, b, c, d, body in _LINE.findall(chunk)]
        pages.append(Page(n, float(size.group(1)), float(size.group(2)), [l for l in lines if l.text.strip()]))
    return pages


def overprinted(page: Page) -> list[tuple[str, str]]:
    """Pairs of text lines printed over each other: boxes crossing by more than a third of a line's height."""
    lines = sorted(page.lines, key=lambda l: l.y0)
    found = []
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            if b.y0 >= a.y1:
                break
            across = min(a.x1, b.x1) - max(a.x0, b.x0)
            down = min(a.y1, b.y1) - max(a.y0, b.y0)
            if across > 1 and down > 0.35 * min(a.y1 - a.y0, b.y1 - b.y0):
                found.append((a.text, b.text))
    return found


def outside(page: Page, margin: float = 2.0) -> list[str]:
    """Lines that run past the edge of the paper."""
    return [l.text for l in page.lines if l.x0 < -margin or l.y0 < -margin or l.x1 > page.width + margin
            or l.y1 > page.height + margin]


def fragments(pages: list[Page], least: int = 6) -> list[int]:
    """Pages holding only a fragment: fewer than ``least`` words besides the page number ("Trang 2/5", "2")."""
    def words(page: Page) -> list[str]:
        text = re.sub(r"Trang \d+/\d+", "", page.text)
        return [w for w in text.split() if not w.isdigit()]
    return [p.number for p in pages if len(words(p)) < least]


def squeezed(text: str) -> str:
    """Text without its white space: how a wrapped cell's text is compared with what was written."""
    return re.sub(r"\s+", "", text)


def missing(pages: list[Page], texts: list[str]) -> list[str]:
    """Those of ``texts`` whose last words are printed nowhere: cut off at the bottom of their row (LibreOffice
    drops a line of a cell that falls outside it)."""
    printed = squeezed(" ".join(p.text for p in pages))
    return [t for t in texts if squeezed(" ".join(t.split()[-2:])) not in printed]
