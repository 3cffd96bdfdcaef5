"""Each rule of the catalog on a real submission: the code, the cell, the fix."""

import pytest

from cchc_xl.check.catalog import CATALOG
from cchc_xl.check.rules import RULES
from cchc_xl.formats.config_files import load_config
from cchc_xl.usecases.check import check_file
from tests.support import builders
from tests.support.workbooks import fill_template

OK = {"area": "Cải cách thể chế", "product": "Báo cáo", "lead_unit": "Phòng Pháp chế",
      "deadline": "Quý II/2020", "budget": 1_000_000}

ROWS = [  # one defect per row, row 9 onwards
    {**OK, "stt": 1, "task": "Nhiệm vụ chuẩn"},                                                     # 9
    {**OK, "stt": 2, "task": "Chủ trì là câu", "lead_unit": "Giao Văn phòng Sở chủ trì tham mưu thực hiện"},  # 10
    {**OK, "stt": 3, "task": "Chủ trì ngoài Sở", "lead_unit": "Sở Tư pháp"},                           # 11
    {**OK, "stt": 4, "task": "Chủ trì chung", "lead_unit": "Các phòng, đơn vị thuộc Sở"},              # 12
    {**OK, "stt": 5, "task": "Phối hợp lạ", "coord_units": "Phòng Không Tồn Tại"},                     # 13
    {**OK, "stt": 6, "task": "Vừa chủ trì vừa phối hợp", "coord_units": "Pháp chế; Văn phòng Sở"},     # 14
    {**OK, "stt": 7, "task": "Không có thời gian", "deadline": None},                                  # 15
    {**OK, "stt": 8, "task": "Thời gian điều kiện", "deadline": "Thực hiện khi Bộ ban hành hướng dẫn"},  # 16
    {**OK, "stt": 9, "task": "Thời gian cũ", "deadline": "Tháng 12/2019"},                             # 17
    {**OK, "stt": 10, "task": "Thời gian mơ hồ", "deadline": "Theo yêu cầu"},                          # 18
    {**OK, "stt": 11, "task": "Kinh phí chữ", "budget": "194.000.000 đồng (theo dự toán)"},            # 19
    {**OK, "stt": 12, "task": "Kinh phí âm", "budget": -5_000_000},                                    # 20
    {**OK, "stt": 13, "task": "Kinh phí quá lớn", "budget": 90_000_000_000},                           # 21
    {**OK, "stt": 14, "task": "Lĩnh vực gõ sai", "area": "CÁI CÁCH THỂ CHẾ"},                          # 22
    {**OK, "stt": 14, "task": "Số thứ tự trùng"},                                                      # 23
    {**OK, "stt": 17, "task": "Số thứ tự nhảy"},                                                       # 24
    {**OK, "stt": 18, "task": "Nhiệm vụ chuẩn"},                                                       # 25
    {**OK, "stt": 19, "task": "Chủ trì gõ không dấu", "lead_unit": "Phong Phap che"},                  # 26
    {**OK, "stt": 20, "task": "Kinh phí nhiều khoản",
     "budget": "Báo cáo kết quả 12.800.000 đồng. Hỗ trợ cán bộ đầu mối 3.360.000 đồng."},             # 27
    {**OK, "stt": 21, "task": "Kinh phí giải thích", "budget": "Không bố trí kinh phí riêng vì thuộc nhiệm vụ"},  # 28
    {**OK, "stt": 22, "task": "Xây dựng Kế hoạch tuyên truyền CCHC năm 2019"},                        # 29
]

EXPECTED = [
    ("lead-unit-unknown", "E10", "Văn phòng Sở", None),
    ("lead-unit-external", "E11", None, None),
    ("lead-unit-collective", "E12", None, None),
    ("coord-unit-unknown", "F13", None, None),
    ("lead-is-coordinator", "F14", None, None),
    ("deadline-missing", "G15", None, None),
    ("deadline-unparsed", "G16", None, None),
    ("deadline-out-of-period", "G17", None, None),
    ("deadline-vague", "G18", None, None),
    ("budget-not-numeric", "H19", "194.000.000", 194_000_000),
    ("budget-negative", "H20", None, None),
    ("budget-implausible", "H21", None, None),
    ("area-unknown", "B22", "Cải cách thể chế", "Cải cách thể chế"),
    ("stt-duplicate", "A23", None, None),
    ("stt-sequence", "A24", None, None),
    ("task-duplicate", "C25", None, None),
    ("lead-unit-unknown", "E26", "Phòng Pháp chế", "Phòng Pháp chế"),
    ("budget-not-numeric", "H27", "16.160.000", 16_160_000),
    ("budget-not-numeric", "H28", None, None),
    ("deadline-out-of-period", "C29", None, None),
]


@pytest.fixture(scope="module")
def result(tmp_path_factory, blank_template, config):
    path = fill_template(blank_template, tmp_path_factory.mktemp("r") / "defects.xlsx", ROWS)
    return check_file(str(path), config)


def test_every_defect_found_where_it_is(result):
    got = [(f.code, f.cell, f.suggestion, f.fix) for f in result.findings]
    for expected in EXPECTED:
        assert expected in got, expected
    assert len(got) == len(EXPECTED), sorted(set(got) - set(EXPECTED))


def test_the_clean_row_has_no_finding(result):
    assert not [f for f in result.findings if f.row == 9]


def test_severities_come_from_the_config(result):
    sev = {f.code: f.severity for f in result.findings}
    assert sev["lead-unit-unknown"] == "error" and sev["deadline-vague"] == "warning"
    assert result.errors == sum(1 for c, *_ in EXPECTED if CATALOG and sev[c] == "error")


def test_messages_are_vietnamese_and_name_the_value(result):
    f = next(f for f in result.findings if f.code == "deadline-out-of-period" and f.cell == "G17")
    assert f.message.startswith("Thời gian \u201cTháng 12/2019\u201d rơi vào tháng 12/2019, ngoài kỳ kế hoạch 2020")
    f = next(f for f in result.findings if f.code == "lead-unit-external")
    assert "\u201cSở Tư pháp\u201d là cơ quan ngoài Sở" in f.message


def test_every_rule_is_in_the_catalog_with_its_declared_severity():
    import cchc_xl.consolidation.model  # noqa: F401  (declares the consolidation kinds)

    assert all(CATALOG[code].severity == rule.severity for code, rule in RULES.items())
    others = {c for c in CATALOG if c not in RULES}
    assert {"unreadable", "internal-error", "task-shared", "unchanged", "submission-empty"} <= others
    assert all(c.islower() and " " not in c for c in CATALOG)


def test_rule_parameters_from_config(tmp_path, blank_template):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("rules:\n  budget-implausible: {ceiling: 500000}\n  deadline-vague: {severity: off}\n",
                   encoding="utf-8")
    config = load_config(cfg)
    path = fill_template(blank_template, tmp_path / "p.xlsx", [
        {**OK, "stt": 1, "task": "A", "budget": 1_000_000, "deadline": "Thường xuyên"}])
    codes = [f.code for f in check_file(str(path), config).findings]
    assert codes == ["budget-implausible"]


def test_grace_after_the_period(tmp_path, blank_template, config):
    path = fill_template(blank_template, tmp_path / "g.xlsx", [
        {**OK, "stt": 1, "task": "Báo cáo năm", "deadline": "Trước ngày 15/01/2021"},
        {**OK, "stt": 2, "task": "Báo cáo quý", "deadline": "Tháng 03/2021"}])
    found = [(f.code, f.row) for f in check_file(str(path), config).findings]
    assert found == [("deadline-out-of-period", 10)]


def test_row_fragment_points_at_the_continuation(tmp_path, config):
    builders.two_row_header_merged_areas(tmp_path / "t.xlsx")
    result = check_file(str(tmp_path / "t.xlsx"), config)
    (frag,) = [f for f in result.findings if f.code == "row-fragment"]
    assert (frag.cell, frag.row) == ("C12", 12) and "dòng 11" in frag.message


def test_legacy_plan_findings(tmp_path, config):
    """The real 2020 plan: 'năm 2019' plans copied into a 2020 plan, 'Thường xuyên' deadlines,
    and "Văn phòng, Kế hoạch – Tài chính" — two units sharing the lead (issue #12)."""
    from tests.support.legacy import write_legacy

    result = check_file(str(write_legacy(tmp_path / "l.xlsx")), config)
    got = sorted((f.code, f.cell) for f in result.findings)
    assert got == [("deadline-out-of-period", "B22"), ("deadline-out-of-period", "B25"),
                   ("deadline-out-of-period", "B28"), ("deadline-vague", "F18"), ("deadline-vague", "F19"),
                   ("deadline-vague", "F26"), ("lead-unit-multiple", "D20")]


def test_a_plan_signed_last_year_is_not_a_stale_plan(tmp_path, blank_template, config):
    path = fill_template(blank_template, tmp_path / "s.xlsx", [
        {**OK, "stt": 1, "task": "Triển khai Kế hoạch số 6793/KH-UBND ngày 30 tháng 12 năm 2019 của UBND tỉnh"},
        {**OK, "stt": 2, "task": "Tự đánh giá, chấm điểm cải cách hành chính năm 2019"}])
    assert check_file(str(path), config).findings == []
