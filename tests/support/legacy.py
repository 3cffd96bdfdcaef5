"""Build legacy-layout workbooks (as pasted from Word) from the appendix of a real plan.

tests/data/ke-hoach-cchc-sgtvt-2020.txt is the real plan of ../shared/examples (Sở GTVT
Bình Dương, 2020), kept here so CI has it. Its appendix is tab-separated, one table row
per line, heading rows either as one cell ("I CẢI CÁCH THỂ CHẾ") or as number + title.
"""

from __future__ import annotations

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "ke-hoach-cchc-sgtvt-2020.txt"


def appendix_lines(path: Path = EXAMPLE) -> tuple[list[str], list[list[str]]]:
    """(title lines above the table, table rows) of a plan's tab-separated appendix."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("STT\t"))
    titles = [line.strip() for line in lines[max(0, start - 6):start] if line.strip()]
    rows = [line.split("\t") for line in lines[start:] if line.strip()]
    return titles, rows


def write_legacy(target: Path, path: Path = EXAMPLE, merge_headings: bool = False):
    """The appendix as a plain workbook: titles on top, then the table, as a clerk pasted it."""
    import openpyxl

    titles, rows = appendix_lines(path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    r = 1
    for title in titles:
        ws.cell(r, 1, title)
        r += 1
    r += 1
    width = len(rows[0])
    for row in rows:
        for c, value in enumerate(row, start=1):
            if value.strip():
                ws.cell(r, c, value.strip())
        filled = [v for v in row if v.strip()]
        if merge_headings and len(filled) == 1 and row[0].strip():
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    wb.save(target)
    return target
