"""The standard workbook: structure, dropdowns, metadata, and LibreOffice opening it."""

import openpyxl

from cchc_xl.formats.xlsx.reader import read_book
from cchc_xl.formats.xlsx.template import FIRST_DATA_ROW, HEADER_ROW, SHEET
from cchc_xl.usecases.check import check_file
from tests.support.workbooks import fill_template


def test_structure(blank_template):
    wb = openpyxl.load_workbook(blank_template)
    assert wb.sheetnames == ["Phụ lục", "Danh mục", "Hướng dẫn", "_cchc"]
    assert wb["Danh mục"].sheet_state == "hidden" and wb["_cchc"].sheet_state == "veryHidden"
    ws = wb[SHEET]
    assert [c.value for c in ws[HEADER_ROW]] == [
        "STT", "Lĩnh vực", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp",
        "Thời gian hoàn thành", "Kinh phí (đồng)", "Nguồn kinh phí", "Ghi chú"]
    assert ws.freeze_panes == f"A{FIRST_DATA_ROW}"
    assert ws.cell(FIRST_DATA_ROW, 8).number_format == "#,##0"
    assert ws["C3"].value == "Phòng Pháp chế" and ws["C4"].value == "2020"
    assert "NĂM 2020" in ws["A1"].value


def test_dropdowns_and_rules(blank_template, config):
    wb = openpyxl.load_workbook(blank_template)
    ws = wb[SHEET]
    by_col = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_col[rng.coord.split(":")[0]] = dv
    assert by_col["B9"].type == "list" and by_col["B9"].formula1 == "ds_linh_vuc"
    assert by_col["E9"].type == "list" and by_col["E9"].formula1 == "ds_don_vi"
    assert by_col["H9"].type == "whole" and by_col["H9"].operator == "greaterThanOrEqual"
    assert "Quý II" in by_col["G9"].prompt and by_col["G9"].showInputMessage
    lists = wb["Danh mục"]
    units = [c.value for c in lists["B"][1:] if c.value]
    assert units == [u.name for u in config.registry.by_kind("unit")]
    assert wb.defined_names["ds_don_vi"].attr_text == f"'Danh mục'!$B$2:$B${len(units) + 1}"


def test_properties_read_back(blank_template):
    book = read_book(blank_template)
    assert book.properties["template_version"] == "1.0"
    assert book.properties["period"] == "2020" and book.properties["unit"] == "Phòng Pháp chế"
    assert [g.name for g in book.grids] == ["Phụ lục", "Danh mục", "Hướng dẫn"]


def test_round_trip_as_a_clerk_fills_it(tmp_path, blank_template, config):
    path = fill_template(blank_template, tmp_path / "nop.xlsx", [
        {"stt": "I", "area": "Cải cách thể chế"},
        {"stt": 1, "area": "Cải cách thể chế", "task": "Rà soát văn bản QPPL", "product": "Báo cáo",
         "lead_unit": "Phòng Pháp chế", "deadline": "Quý II/2020", "budget": 15000000},
        {"stt": 2, "area": "Cải cách thể chế", "task": "Phổ biến pháp luật", "product": "Hội nghị",
         "deadline": "Quý III/2020"},
        {"stt": 3, "lead_unit": "Văn phòng Sở", "deadline": "Năm 2020"},
    ])
    result = check_file(str(path), config)
    assert result.sheet == SHEET and str(result.period) == "2020" and result.tasks == 2
    got = [(f.code, f.cell, f.row) for f in result.findings if f.code in ("lead-unit-missing", "task-missing")]
    assert got == [("lead-unit-missing", "E11", 11), ("task-missing", "C12", 12)]


def test_the_period_cell_wins_over_the_stored_period(tmp_path, blank_template, config):
    path = fill_template(blank_template, tmp_path / "p.xlsx",
                         [{"stt": 1, "task": "Việc", "lead_unit": "Văn phòng Sở", "deadline": "Quý I/2021"}],
                         meta={"period": "2021"})
    assert str(check_file(str(path), config).period) == "2021"


def test_a_province_template_speaks_of_the_province(tmp_path):
    from pathlib import Path

    from cchc_xl.core.periods import Period
    from cchc_xl.formats.config_files import load_config
    from cchc_xl.formats.xlsx.template import GUIDE_SHEET, write_template

    units = Path(__file__).resolve().parents[2] / "validation" / "examples" / "ubnd-tinh.yaml"
    path = tmp_path / "tinh.xlsx"
    write_template(path, load_config(None, units), Period(2026, 2026))
    wb = openpyxl.load_workbook(path)
    guide = " ".join(str(c.value) for row in wb[GUIDE_SHEET].iter_rows() for c in row if c.value)
    assert "cơ quan ngoài UBND tỉnh (các Bộ" in guide and "ngoài Sở" not in guide
    prompts = [dv.prompt for dv in wb[SHEET].data_validations.dataValidation]
    assert "Chọn MỘT đơn vị của UBND tỉnh chủ trì nhiệm vụ." in prompts
    assert "Sở Nội vụ" in [c.value for col in wb["Danh mục"].iter_cols() for c in col]


def test_a_multi_year_template_gives_examples_of_its_own_period(tmp_path, config):
    """A clerk copies the guide's and the prompt's examples: in a 2021–2025 template none may be out of period."""
    from cchc_xl.core.periods import Period
    from cchc_xl.formats.xlsx.template import write_template

    for period in (Period(2021, 2025), Period(2021, None)):
        path = write_template(tmp_path / f"mau-{period}.xlsx", config, period, "Phòng Pháp chế")
        wb = openpyxl.load_workbook(path)
        texts = [str(c.value) for ws in (wb[SHEET], wb["Hướng dẫn"]) for row in ws.iter_rows() for c in row if c.value]
        texts += [dv.prompt or "" for dv in wb[SHEET].data_validations.dataValidation]
        assert not [t for t in texts if "2020" in t], period
        examples = [t for t in texts if "Quý II/2021" in t]
        assert len(examples) == 2, "the guide and the deadline prompt"
        copied = [{"stt": 1, "task": "Rà soát thủ tục", "lead_unit": "Phòng Pháp chế", "deadline": example}
                  for example in ("Quý II/2021", "Tháng 06/2021", "Trước ngày 20/12/2021", "Năm 2021",
                                  "6 tháng đầu năm 2021")]
        filled = fill_template(path, tmp_path / f"pl-{period}.xlsx", copied)
        assert not [f for f in check_file(filled, config).findings if f.code.startswith("deadline")]
