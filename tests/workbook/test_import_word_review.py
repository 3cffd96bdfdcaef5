"""`cchc-xl import` after the maintainer's review of issue #24: what the printed Word document shows is what is
imported (a task typed across two columns, a row whose end mark is hidden, the branch of alternate content Word
can read, legal list numbers), and the files that are no plan say what they are and what to do.

Every document is a real-shaped .docx (python-docx, or WordprocessingML as Word writes it) imported through the
real command; LibreOffice's own reading is the reference where Word is not at hand (Linux).
"""

from __future__ import annotations

import openpyxl
from docx import Document

from cchc_xl.formats.config_files import load_config
from tests.workbook.test_import import findings_by_task, rows_of

HEADER = ["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Kinh phí"]
SET_ASIDE = "Ngoài bảng nhiệm vụ"


# --------------------------------------------------------------------------- A: a task typed across two columns
def _spanning_tasks(path):
    """Tasks 1 and 3 have no product: their text is merged over Nhiệm vụ and Sản phẩm, as clerks do."""
    rows = [HEADER, ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", "", ""],
            ["1", "Rà soát văn bản quy phạm pháp luật", "", "Phòng Pháp chế", "Văn phòng Sở", "Quý II/2020",
             "1.000.000"],
            ["2", "Kiểm tra công tác pháp chế", "Báo cáo", "Thanh tra Sở", "Văn phòng Sở", "Quý III/2020", ""],
            ["3", "Theo dõi thi hành pháp luật", "", "Phòng Pháp chế", "", "Quý IV/2020", ""]]
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020")
    table = doc.add_table(rows=len(rows), cols=len(HEADER))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 1).merge(table.cell(1, 6))
    for r in (2, 4):
        table.cell(r, 1).merge(table.cell(r, 2)).text = rows[r][1]
    doc.save(str(path))
    return path


def test_a_task_merged_over_the_product_column_is_a_task(tmp_path, cli):
    result = cli("import", _spanning_tasks(tmp_path / "gop.docx"), "-o", tmp_path / "g.xlsx")
    assert "3 nhiệm vụ, 1 đề mục" in result.output, result.output
    got = [(r["stt"], r["task"], r["product"], r["lead_unit"], r["coord_units"], r["deadline"], r["budget"])
           for r in rows_of(tmp_path / "g.xlsx")[1:]]
    assert got == [
        (1, "Rà soát văn bản quy phạm pháp luật", None, "Phòng Pháp chế", "Văn phòng Sở", "Quý II/2020", 1_000_000),
        (2, "Kiểm tra công tác pháp chế", "Báo cáo", "Thanh tra Sở", "Văn phòng Sở", "Quý III/2020", None),
        (3, "Theo dõi thi hành pháp luật", None, "Phòng Pháp chế", None, "Quý IV/2020", None),
    ]
    assert "lead-unit-missing" not in result.output and "deadline-missing" not in result.output


def test_check_counts_a_task_merged_over_the_product_column(tmp_path):
    """The same table typed in Excel, B4:C4 merged: `check` counts the task and checks it (its deadline is
    missing: reported), while a heading merged across the table stays a heading."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"])
    ws.append(HEADER)
    ws.append(["I", "CẢI CÁCH THỂ CHẾ"])
    ws.merge_cells("B3:G3")
    ws.append([1, "Rà soát văn bản quy phạm pháp luật", None, "Phòng Pháp chế", "Văn phòng Sở", None, 1_000_000])
    ws.merge_cells("B4:C4")
    ws.append([2, "Kiểm tra công tác pháp chế", "Báo cáo", "Thanh tra Sở", "Văn phòng Sở", "Quý III/2020"])
    wb.save(tmp_path / "gop.xlsx")
    found = findings_by_task(tmp_path / "gop.xlsx", load_config())
    assert ("deadline-missing", "Rà soát văn bản quy phạm pháp luật") in found, found
    from cchc_xl.usecases.check import check_file

    table = check_file(str(tmp_path / "gop.xlsx"), load_config()).table
    assert [e.values.get("task") for e in table.entries] == ["Rà soát văn bản quy phạm pháp luật",
                                                             "Kiểm tra công tác pháp chế"]
    assert [h.text for h in table.headings] == ["CẢI CÁCH THỂ CHẾ"]
