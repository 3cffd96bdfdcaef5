"""The reader and the layout engine on real workbooks of every layout we know."""


import pytest

from cchc_xl.formats.xlsx.reader import read_book
from cchc_xl.table.layout import locate_table
from cchc_xl.usecases.check import check_file
from tests.support import builders
from tests.support.legacy import write_legacy
from tests.support.workbooks import write_sheet


def table_of(path, config):
    return locate_table(read_book(path).grids, config.areas)


def codes_at(result, code):
    return sorted(f.row for f in result.findings if f.code == code)


@pytest.mark.parametrize("merge", [False, True])
def test_real_plan_appendix(tmp_path, config, merge):
    """The appendix of the real 2020 plan (../shared/examples): 8 areas, 17 tasks."""
    path = write_legacy(tmp_path / "sgtvt.xlsx", merge_headings=merge)
    table = table_of(path, config)
    assert len(table.tasks) == 17
    assert [h.number for h in table.headings] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert all(config.areas.match(h.text) for h in table.headings)
    assert table.tasks[0].area == "CẢI CÁCH THỂ CHẾ"
    assert table.tasks[-1].area == "TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH"
    assert table.tasks[10].values["lead_unit"] == "Văn phòng, Kế hoạch – Tài chính"
    result = check_file(str(path), config)
    assert str(result.period) == "2020" and result.tasks == 17
    assert codes_at(result, "lead-unit-missing") == []


def test_two_row_header_and_merged_area_column(tmp_path, config):
    truth = builders.two_row_header_merged_areas(tmp_path / "tnmt.xlsx")
    table = table_of(tmp_path / "tnmt.xlsx", config)
    assert table.header_rows == (5, 6)
    assert {"lead_unit", "coord_units", "area", "budget"} <= set(table.columns)
    assert table.columns["lead_unit"] == 5 and table.columns["coord_units"] == 6
    assert len(table.tasks) == truth.tasks
    areas = [t.area for t in table.tasks]
    assert areas[:3] == ["Công tác chỉ đạo, điều hành CCHC"] * 3
    assert areas[3:5] == ["Cải cách thể chế"] * 2
    assert [f.row for f in table.fragments] == truth.fragments
    merged = table.tasks[3].values["task"]
    assert merged.endswith("do Hội đồng nhân dân, Ủy ban nhân dân tỉnh ban hành") and "tài nguyên và môi" in merged
    result = check_file(str(tmp_path / "tnmt.xlsx"), config)
    assert str(result.period) == "2021+"
    assert codes_at(result, "lead-unit-missing") == truth.missing_leads


def test_hierarchical_numbering(tmp_path, config):
    truth = builders.hierarchical(tmp_path / "h.xlsx")
    table = table_of(tmp_path / "h.xlsx", config)
    assert [h.row for h in table.headings] == [4, 5, 9, 10, 14, 15]
    assert [t.row for t in table.tasks] == [6, 7, 8, 11, 12, 13, 16]
    assert len(table.headings) == truth.headings
    by_row = {t.row: t for t in table.tasks}
    assert by_row[6].area == "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" and by_row[6].group == "Xây dựng và ban hành kế hoạch"
    assert by_row[11].group == "Rà soát văn bản quy phạm pháp luật" and by_row[11].area == "CẢI CÁCH THỂ CHẾ"
    # a parent task passes its lead and deadline to a child that names none
    assert by_row[16].values["lead_unit"] == "Văn phòng Sở" and by_row[16].cells["lead_unit"] == "D15"
    result = check_file(str(tmp_path / "h.xlsx"), config)
    assert codes_at(result, "lead-unit-missing") == truth.missing_leads


def test_no_stt_column_on_second_sheet(tmp_path, config):
    truth = builders.no_stt_second_sheet(tmp_path / "s2.xlsx")
    table = table_of(tmp_path / "s2.xlsx", config)
    assert table.sheet == "Phụ lục" and table.header_rows == (15,)
    assert "stt" not in table.columns
    assert len(table.tasks) == truth.tasks and len(table.headings) == truth.headings
    assert table.tasks[0].area == "Cải cách tổ chức bộ máy"
    result = check_file(str(tmp_path / "s2.xlsx"), config)
    assert codes_at(result, "lead-unit-missing") == truth.missing_leads
    assert [f.cell for f in result.findings if f.code == "lead-unit-missing"] == ["B19"]


def test_flat_numbering_under_arabic_titles(tmp_path, config):
    """'1 | Title' followed by tasks numbered from 1 again: the title is a heading."""
    path = write_sheet(tmp_path / "flat.xlsx", [
        ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian thực hiện"],
        [1, "Công tác chỉ đạo điều hành"],
        [1, "Ban hành kế hoạch CCHC", "Văn phòng Sở", "Tháng 01/2020"],
        [2, "Kiểm tra CCHC", "Văn phòng Sở", "Quý III/2020"],
        [2, "Cải cách thể chế"],
        [1, "Rà soát văn bản", "Phòng Pháp chế", "Quý II/2020"],
        [2, "Tập huấn pháp luật"],
        [3, "Theo dõi thi hành pháp luật", None, "Năm 2020"],
    ])
    table = table_of(path, config)
    assert [h.row for h in table.headings] == [4, 7]
    assert [t.row for t in table.tasks] == [5, 6, 8, 9, 10]
    result = check_file(str(path), config)
    # row 9 carries only a number and a title between siblings: a task with no lead
    assert codes_at(result, "lead-unit-missing") == [9, 10]


def test_repeated_header_and_footer_are_not_tasks(tmp_path, config):
    path = write_sheet(tmp_path / "rep.xlsx", [
        ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        [1, "Nhiệm vụ một", "Văn phòng Sở", "Quý I/2020"],
        ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        [2, "Nhiệm vụ hai", "Thanh tra Sở", "Quý II/2020"],
        [None, None, None, None],
        ["Nơi nhận:"],
        ["- Sở Nội vụ;"],
    ])
    table = table_of(path, config)
    assert [t.values["task"] for t in table.tasks] == ["Nhiệm vụ một", "Nhiệm vụ hai"]


def test_dates_and_numbers_keep_their_type(tmp_path, config):
    """(Formulas with cached values and error values are corpus cases: tests/test_corpus.py.)"""
    import datetime as dt

    path = tmp_path / "f.xlsx"
    write_sheet(path, [["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Kinh phí"],
                      [1, "Nhiệm vụ một", "Văn phòng Sở", dt.datetime(2020, 6, 30), 1000]])
    table = table_of(path, config)
    assert table.tasks[0].values["deadline"] == dt.datetime(2020, 6, 30)
    assert table.tasks[0].values["budget"] == 1000


def test_nfd_text_is_normalised(tmp_path, config):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Văn phòng Sở")
    path = write_sheet(tmp_path / "nfd.xlsx", [["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"],
                                              [1, "Việc", nfd, "Quý I/2020"]])
    assert table_of(path, config).tasks[0].values["lead_unit"] == "Văn phòng Sở"


def test_no_header_reports_header_missing(tmp_path, config):
    path = write_sheet(tmp_path / "x.xlsx", [["a", "b"], [1, 2]])
    result = check_file(str(path), config)
    assert [f.code for f in result.findings] == ["header-missing"]
    assert result.errors == 1 and result.tasks == 0


def test_group_number_merged_down_and_area_on_first_row_only(tmp_path, config):
    """STT 'I' merged down a group is the group's number; an area written once covers its group;
    a row continuing only the coordinating list joins the task above."""
    path = write_sheet(tmp_path / "g.xlsx", [
        ["STT", "Nhiệm vụ chung", "Nhiệm vụ cụ thể", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"],
        ["I", "Cải cách thể chế", "1. Rà soát văn bản", "Phòng Pháp chế", "Văn phòng Sở,", "Quý II/2020"],
        [None, None, "2. Kiểm tra văn bản", "Phòng Pháp chế", "Thanh tra Sở", "Quý III/2020"],
        [None, None, None, None, "Sở Tư pháp", None],
        ["II", "Cải cách tài chính công", "1. Giao tự chủ", None, "Các đơn vị trực thuộc", "Năm 2020"],
    ], merges=["A4:A6"])
    table = table_of(path, config)
    assert [t.row for t in table.tasks] == [4, 5, 7]
    assert [t.area for t in table.tasks] == ["Cải cách thể chế", "Cải cách thể chế", "Cải cách tài chính công"]
    assert table.tasks[1].values["coord_units"] == "Thanh tra Sở\nSở Tư pháp"
    assert [f.row for f in table.fragments] == [6]
    result = check_file(str(path), config)
    assert codes_at(result, "lead-unit-missing") == [7]
