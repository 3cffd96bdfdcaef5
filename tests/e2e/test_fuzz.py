"""Random tables through openpyxl: nothing escapes, every finding is on a real cell, inputs stay intact."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cchc_xl.check.fixes import plan_fixes
from cchc_xl.core.encodings import TCVN3, VNI, encode
from cchc_xl.core.model import parse_ref
from cchc_xl.formats.xlsx.annotate import annotate_file
from cchc_xl.formats.xlsx.patch import apply_fixes
from cchc_xl.formats.xlsx.reader import read_book
from cchc_xl.usecases.check import check_file
from cchc_xl.usecases.consolidate import ConsolidationRequest, run_consolidation
from cchc_xl.errors import ConsolidationError
from tests.support.workbooks import digest

HEADERS = ["STT", "TT", "Lĩnh vực", "Nhiệm vụ chung", "Nhiệm vụ", "Nội dung/ Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì",
           "Chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Thời gian thực hiện", "Kinh phí", "Ghi chú", "Cột lạ"]
VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = VIET + VIET.upper() + "0123456789 .,;:-–/()%'\"\n§¨ß"
PHRASES = ["Quý II/2020", "Tháng 01/19", "Thường xuyên", "Thực hiện khi Bộ ban hành", "Trước ngày 20/12",
           "194.000.000 đồng", "Không", "Văn phòng Sở", "Các phòng, đơn vị thuộc Sở", "Sở Tư pháp", "I",
           "CẢI CÁCH THỂ CHẾ", "1.2", "-", "=SUM(A1:A2)", "#REF!", "Năm 2021 và các năm tiếp theo", "12.800.000 đ"]

cells = st.one_of(
    st.none(),
    st.text(ALPHABET, max_size=60),
    st.sampled_from(PHRASES),
    st.sampled_from(PHRASES).map(lambda p: encode(p, TCVN3)),
    st.sampled_from(PHRASES).map(lambda p: encode(p, VNI)),
    st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)).map(lambda d: dt.datetime(d.year, d.month, d.day)),
)


@st.composite
def tables(draw):
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=9, unique=True))
    rows = draw(st.lists(st.lists(cells, min_size=len(header), max_size=len(header)), max_size=25))
    title = draw(st.sampled_from(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020", "GIAI ĐOẠN 2021 - 2025", None]))
    top = draw(st.integers(1, 6))
    merges = draw(st.lists(st.tuples(st.integers(0, 25), st.integers(0, 8), st.integers(0, 2), st.integers(0, 2)),
                           max_size=4))
    return header, rows, title, top, merges


def write(path: Path, header, rows, title, top, merges) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    if title:
        ws.cell(1, 1, title)
    for j, h in enumerate(header, start=1):
        ws.cell(top + 1, j, h)
    for i, row in enumerate(rows, start=top + 2):
        for j, value in enumerate(row, start=1):
            cell = ws.cell(i, j)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text as a clerk typed it, "=" included
    taken: set[tuple[int, int]] = set()
    for r, c, h, w in merges:
        r1, c1 = top + 2 + r, 1 + c
        area = {(r1 + i, c1 + j) for i in range(h + 1) for j in range(w + 1)}
        if (h or w) and not area & taken:
            taken |= area
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r1 + h, end_column=c1 + w)
    wb.save(path)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(tables())
def test_random_tables(config, table):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "nop"
        folder.mkdir()
        path = folder / "phong-phap-che.xlsx"
        write(path, *table)
        before = digest(path)
        sheets = {ws.title: ws for ws in openpyxl.load_workbook(path).worksheets}

        result = check_file(str(path), config)
        assert result.error is None or "--period" in result.error
        event(f"{result.tasks and 'tasks' or 'no tasks'}, {len(result.findings) and 'findings' or 'clean'}")
        for f in result.findings:
            assert f.sheet in sheets
            row, col = parse_ref(f.cell)
            assert 1 <= row <= 1_048_576 and 1 <= col <= 16_384 and f.row >= 1
        if not result.error:
            annotate_file(result, config, str(Path(tmp) / "marked.xlsx"))
            book = read_book(path)
            apply_fixes(str(path), plan_fixes(book, result.table, config.registry, result.legacy),
                        str(Path(tmp) / "fixed.xlsx"))
        try:
            run_consolidation(ConsolidationRequest((folder,), Path(tmp) / "master.xlsx", config))
        except ConsolidationError:
            pass  # e.g. no period anywhere: said in Vietnamese, not raised further
        assert digest(path) == before
