"""Peak memory and time of `cchc-xl import` on crafted Word files (issue #24): `python benchmarks/word_bombs.py`.

Each file is written to a temporary folder, then imported by the real command in its own process; the peak
resident memory is that process's own (``os.wait4``), so one case never inflates another. Target: no .docx
under a few MB takes more than ~300 MB, whatever its nesting, spans or size, and each is read or refused
with a message naming the limit. Prints one line per case; exit code 1 when a target is missed.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.word import (  # noqa: E402
    _W,
    _package,
    _plan_xml,
    _row,
    deep_xml,
    huge_table,
    long_paragraph,
    nested_tables,
    plan_docx,
    wide_row,
    wide_span,
)

EXE = shutil.which("cchc-xl") or str(Path(sys.executable).with_name("cchc-xl"))
LIMIT_MB = 300


def nested_tree(path: Path, depth: int, fanout: int) -> Path:
    """Tables nested ``depth`` deep with ``fanout`` tables in every cell: the old reader walked each level once
    per level above it."""
    inner = "<w:p><w:r><w:t>lõi</w:t></w:r></w:p>"
    for level in range(depth, 0, -1):
        table = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl><w:p/>"
        inner = f"<w:p><w:r><w:t>tầng {level}</w:t></w:r></w:p>" + table * fanout
    row = ("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{v}</w:t></w:r></w:p></w:tc>" for v in
                              ("2", "Kiểm tra", "Thanh tra Sở", "Quý III/2020")) + f"<w:tc>{inner}</w:tc></w:tr>")
    return _package(path, _plan_xml(row))


def compressible_paragraph(path: Path, size: int) -> Path:
    """One run of ``size`` identical letters (inflates more than 200:1)."""
    return _package(path, _plan_xml(_row(["2", "a" * size, "Văn phòng Sở", "Quý II/2020", ""])))


def dense_paragraphs(path: Path, megabytes: int) -> Path:
    """Empty paragraphs with random ids, ``megabytes`` of XML compressing about 4:1 (millions of elements)."""
    rng = random.Random(1)
    body = "".join('<w:p w:rsidR="%08X"/>' % rng.getrandbits(32) for _ in range(megabytes * 1024 * 1024 // 24))
    xml = f'<?xml version="1.0"?><w:document {_W.decode()}><w:body>{body}</w:body></w:document>'
    return _package(path, xml.encode())


def crowded_cell(path: Path, paragraphs: int) -> Path:
    """One cell of ``paragraphs`` empty paragraphs: every element of a row is held until the row ends."""
    rng = random.Random(2)
    cell = "".join('<w:p w:rsidR="%08X"/>' % rng.getrandbits(32) for _ in range(paragraphs))
    row = ("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{v}</w:t></w:r></w:p></w:tc>" for v in
                              ("2", "Kiểm tra", "Thanh tra Sở", "Quý III/2020")) + f"<w:tc>{cell}</w:tc></w:tr>")
    return _package(path, _plan_xml(row))


CASES = [
    ("the real 2020 plan (python-docx, legitimate)", lambda p: plan_docx(p, two_row_header=True, nested=True)),
    ("table of 500 tasks (legitimate)", lambda p: huge_table(p, 500)),
    ("table 20,000 rows (the row limit)", lambda p: huge_table(p, 19_998)),
    ("nested tables, depth 10 (accepted)", lambda p: nested_tables(p, 10)),
    ("nested tables, depth 24", lambda p: nested_tables(p, 24)),
    ("nested tables, depth 10, 2 per cell", lambda p: nested_tree(p, 10, 2)),
    ("nested tables, depth 60", lambda p: nested_tables(p, 60)),
    ("gridSpan 5,000,000", lambda p: wide_span(p, 5_000_000)),
    ("gridSpan 50,000,000", lambda p: wide_span(p, 50_000_000)),
    ("row of 5,000 cells", lambda p: wide_row(p, 5_000)),
    ("paragraph of 50 MB, varied words", lambda p: long_paragraph(p, 50_000_000)),
    ("paragraph of 50 MB, one letter", lambda p: compressible_paragraph(p, 50_000_000)),
    ("paragraph of 900,000 characters (accepted)", lambda p: long_paragraph(p, 900_000)),
    ("60 MB of empty paragraphs (2.5 M elements)", lambda p: dense_paragraphs(p, 60)),
    ("one cell of 190,000 paragraphs (accepted)", lambda p: crowded_cell(p, 190_000)),
    ("one cell of 300,000 paragraphs", lambda p: crowded_cell(p, 300_000)),
    ("XML 400 levels deep", lambda p: deep_xml(p, 400)),
]


def run(path: Path) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MB of the command's own process, its last message line)."""
    start = time.perf_counter()
    proc = subprocess.Popen([EXE, "import", str(path), "-o", str(path.with_suffix(".xlsx"))],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = [line for line in out.splitlines() if line.startswith(("Lỗi", "Đã nhập"))]
    return proc.returncode, time.perf_counter() - start, usage.ru_maxrss / 1024, (lines or [""])[0]


def make(folder: Path) -> None:
    """Write every case's file (in a process of its own: a forked child's peak would count its parent's pages)."""
    for i, (_, build) in enumerate(CASES):
        build(folder / f"case{i:02d}.docx")


def main() -> int:
    if sys.argv[1:2] == ["--make"]:
        make(Path(sys.argv[2]))
        return 0
    failed = 0
    with tempfile.TemporaryDirectory(prefix="cchc-bombs-") as tmp:
        subprocess.run([sys.executable, __file__, "--make", tmp], check=True)
        for i, (name, _) in enumerate(CASES):
            path = Path(tmp) / f"case{i:02d}.docx"
            code, seconds, peak, message = run(path)
            ok = peak <= LIMIT_MB and code in (0, 1, 2) and "Traceback" not in message
            failed += not ok
            size = path.stat().st_size / 1024
            print(f"{'PASS' if ok else 'FAIL'}  {name:<45} {size:>9,.0f} KB  exit {code}  {seconds:6.1f} s  "
                  f"{peak:6.0f} MB  {message.split(': ', 2)[-1][:110]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
