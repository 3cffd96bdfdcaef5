"""Appendices in the shapes real plans have, at every level of government (issue #12).

Each table is written as a clerk's file would be (a title naming the year, a header row in
the plan's own words, cells as typed in real plans) and checked with the registry of its
level: a Sở (validation/units.yaml), a province and a commune (validation/examples/).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from cchc_xl.formats.config_files import load_config
from cchc_xl.usecases.check import check_file
from tests.support.workbooks import sheet_workbook, write_sheet

EXAMPLES = Path(__file__).resolve().parents[2] / "validation" / "examples"
HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"]


def findings(path: Path, units: Path | None = None, **kw):
    """(code, cell) → message of every finding of the checked file."""
    result = check_file(str(path), load_config(None, units), **kw)
    return {(f.code, f.cell): f.message for f in result.findings}


def table(tmp_path: Path, rows: list[list], title: str, header: list[str] = HEADER, name: str = "pl.xlsx") -> Path:
    return write_sheet(tmp_path / name, [header, *rows], title=title)


class TestUnitLists:
    """Several units in one cell: split, resolve each, report per name."""

    def test_department_plan(self, tmp_path):
        path = table(tmp_path, [
            [1, "Rà soát văn bản", "Sở Tư pháp, Sở Nội vụ", "Văn phòng Sở", "Quý II/2020", "Báo cáo"],           # 4
            [2, "Cập nhật TTHC", "- Văn phòng Sở - Trung tâm Công nghệ thông tin", "", "Quý III/2020", "Quyết định"],  # 5
            [3, "Tuyên truyền CCHC", "Văn phòng Sở chủ trì, phối hợp với Sở Tư pháp", "", "Năm 2020", "Tin bài"],  # 6
            [4, "Kiểm tra CCHC", "Phòng Pháp chế", "Văn phòng Sở; Sở Tư pháp; Phòng Phap chê", "Quý IV/2020", "KL"],  # 7
            [5, "Đăng tin", "Báo Tài nguyên và Môi trường", "Văn phòng Sở", "Quý IV/2020", "Tin bài"],            # 8
            [6, "Số hóa hồ sơ", "Văn phòng Đăng ký đất đai", "Trung tâm Công nghệ thông tin;\nPháp chế;\nVăn phòng "
             "Đăng ký đất đai", "Quý IV/2020", "Dữ liệu"],                                                      # 9
        ], "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020 CỦA SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")
        got = findings(path)
        assert set(got) == {("lead-unit-external", "C4"), ("lead-unit-multiple", "C5"),
                            ("coord-unit-unknown", "D7"), ("lead-unit-external", "C8"),
                            ("lead-is-coordinator", "D9")}
        assert got["lead-unit-external", "C4"].startswith("\u201cSở Tư pháp\u201d, \u201cSở Nội vụ\u201d là cơ quan "
                                                          "ngoài Sở")
        assert "(\u201cVăn phòng Sở\u201d, \u201cTrung tâm Công nghệ thông tin tài nguyên và môi trường\u201d)" in \
            got["lead-unit-multiple", "C5"]
        assert got["coord-unit-unknown", "D7"].startswith("\u201cPhòng Phap chê\u201d không phải") and \
            "Phòng Pháp chế" in got["coord-unit-unknown", "D7"]
        assert "\u201cVăn phòng Đăng ký đất đai\u201d vừa là đơn vị chủ trì" in got["lead-is-coordinator", "D9"]

    def test_several_leads_get_the_first_as_suggestion(self, tmp_path):
        path = table(tmp_path, [[1, "Rà soát", "Thanh tra Sở; Văn phòng Sở", "", "Quý II/2020", "Báo cáo"]],
                     "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020")
        (f,) = check_file(str(path), load_config()).findings
        assert (f.code, f.severity, f.suggestion, f.fix) == ("lead-unit-multiple", "warning", "Thanh tra Sở", None)

    def test_a_sentence_in_the_lead_cell_stays_unknown(self, tmp_path):
        path = table(tmp_path, [[1, "Rà soát", "Giao Văn phòng Sở và Thanh tra Sở tham mưu Giám đốc thực hiện", "",
                                 "Quý II/2020", "Báo cáo"]], "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020")
        assert set(findings(path)) == {("lead-unit-unknown", "C4")}


class TestPlanLevel:
    """What is outside, and how messages name it, follow the plan's own level."""

    def test_province_plan(self, tmp_path):
        path = table(tmp_path, [
            [1, "Rà soát quy định", "Sở Tư pháp", "Các sở, ban, ngành; UBND các xã, phường", "Quý II/2026", "BC"],  # 4
            [2, "Chuẩn hóa TTHC", "Sở Tư pháp; Sở Nội vụ", "", "Quý III/2026", "Quyết định"],                   # 5
            [3, "Đánh giá chỉ số", "Bộ Nội vụ", "Sở Nội vụ", "Năm 2026", "Báo cáo"],                             # 6
            [4, "Chỉ đạo CCHC", "UBND tỉnh", "Sở Nội vụ", "Quý I/2026", "Kế hoạch"],                             # 7
            [5, "Tuyên truyền", "Báo và Phát thanh, Truyền hình Lạng Sơn", "Sở Văn hóa, Thể thao và Du lịch",
             "Năm 2026", "Chuyên mục"],                                                                         # 8
            [6, "Đề án 06", "Công an tỉnh chủ trì, phối hợp với Sở Khoa học và Công nghệ", "", "Năm 2026", "BC"],  # 9
            [7, "Số hóa", "Sở Khoa học và Công nghệ", "Sở Nội vụ; Sở Tư pph", "Năm 2026", "Dữ liệu"],             # 10
        ], "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC NĂM 2026 CỦA TỈNH LẠNG SƠN")
        got = findings(path, EXAMPLES / "ubnd-tinh.yaml")
        assert set(got) == {("lead-unit-multiple", "C5"), ("lead-unit-external", "C6"),
                            ("lead-unit-collective", "C7"), ("coord-unit-unknown", "D10")}
        assert got["lead-unit-external", "C6"].startswith("\u201cBộ Nội vụ\u201d là cơ quan ngoài UBND tỉnh")
        assert "Sở Tư pháp" in got["coord-unit-unknown", "D10"] and "ngoài UBND tỉnh" in got["coord-unit-unknown", "D10"]

    def test_commune_plan(self, tmp_path):
        path = table(tmp_path, [
            [1, "Niêm yết TTHC", "Văn phòng HĐND và UBND xã", "Trung tâm Phục vụ hành chính công xã", "Quý I/2026", ""],
            [2, "Cấp căn cước", "Công an xã", "UBND tỉnh", "Năm 2026", ""],                                       # 5
            [3, "Chuyển đổi số", "UBND tỉnh", "", "Năm 2026", ""],                                               # 6
            [4, "Kiểm tra", "Văn phòng HĐND và UBND xã - Phòng Kinh tế", "", "Quý IV/2026", ""],                  # 7
        ], "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026 CỦA UBND XÃ TÂN THÀNH")
        got = findings(path, EXAMPLES / "ubnd-xa.yaml")
        assert set(got) == {("lead-unit-external", "C6"), ("lead-unit-multiple", "C7")}
        assert "là cơ quan ngoài UBND xã" in got["lead-unit-external", "C6"]

    def test_a_ward_names_itself(self, tmp_path):
        units = tmp_path / "phuong.yaml"
        units.write_text("department: UBND phường Hòa Bình\nunits: [Văn phòng HĐND và UBND phường]\n", "utf-8")
        path = table(tmp_path, [[1, "Niêm yết", "Sở Tư pháp", "", "Năm 2026", ""]],
                     "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026")
        (message,) = findings(path, units).values()
        assert "là cơ quan ngoài UBND phường" in message

    @pytest.mark.parametrize("registry", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
    def test_example_registries_load(self, registry):
        config = load_config(None, registry)
        assert config.registry.units and config.registry.level.code in {"tinh", "xa"}


BUDGET_HEADER = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Kinh phí (triệu đồng)"]


class TestBudgetUnits:
    """Older and provincial appendices count in millions: the header or a line above says so."""

    def test_a_column_in_millions(self, tmp_path):
        path = table(tmp_path, [
            [1, "Rà soát", "Văn phòng Sở", "Quý II/2020", 150],                        # 4: 150 triệu, fine
            [2, "Tập huấn", "Văn phòng Sở", "Quý III/2020", 150_000_000],              # 5: đồng in a triệu column
            [3, "Khảo sát", "Văn phòng Sở", "Quý IV/2020", "120 triệu (theo dự toán)"],  # 6: text
            [4, "Số hóa", "Văn phòng Sở", "Quý IV/2020", 2.5],                          # 7: 2,5 triệu, fine
        ], "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020", BUDGET_HEADER)
        result = check_file(str(path), load_config())
        got = {(f.code, f.cell): f for f in result.findings}
        assert set(got) == {("budget-unit-mismatch", "E5"), ("budget-not-numeric", "E6")}
        assert result.budget_unit == "triệu đồng" and result.as_json()["budget_unit"] == "triệu đồng"
        mismatch = got["budget-unit-mismatch", "E5"]
        assert mismatch.suggestion == "150" and "tính bằng triệu đồng (theo tiêu đề cột)" in mismatch.message
        text = got["budget-not-numeric", "E6"]
        assert (text.fix, text.suggestion) == (120, "120")
        assert "120.000.000 đồng" in text.message and "Ghi số tiền (triệu đồng)" in text.message

    def test_the_unit_above_the_table_or_under_its_header(self, tmp_path):
        header = [*BUDGET_HEADER[:4], "Kinh phí"]
        above = sheet_workbook([["ĐVT: triệu đồng"], header, [1, "Rà soát", "Văn phòng Sở", "Quý II/2020", 0.5]],
                               title="KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020", start=2)
        above.save(tmp_path / "tren.xlsx")
        under = sheet_workbook([header, [None, None, None, None, "(triệu đồng)"],
                                [1, "Rà soát", "Văn phòng Sở", "Quý II/2020", 0.5]],
                               title="KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020")
        under.save(tmp_path / "duoi.xlsx")
        plain = write_sheet(tmp_path / "dong.xlsx", [header, [1, "Rà soát", "Văn phòng Sở", "Quý II/2020", 0.5]])
        for name, unit in (("tren.xlsx", "triệu đồng"), ("duoi.xlsx", "triệu đồng")):
            result = check_file(str(tmp_path / name), load_config())
            assert (result.budget_unit, result.tasks, result.findings) == (unit, 1, []), name
        (f,) = check_file(str(plain), load_config()).findings     # 0,5 đồng: written in millions?
        assert f.code == "budget-implausible"

    def test_fix_types_the_amount_in_the_columns_unit(self, tmp_path, cli):
        path = table(tmp_path, [[1, "Khảo sát", "Văn phòng Sở", "Quý IV/2020", "120 triệu đồng"]],
                     "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020", BUDGET_HEADER + ["Ghi chú"])
        cli("fix", path)
        ws = openpyxl.load_workbook(tmp_path / "pl.sua.xlsx")["Phụ lục"]
        assert (ws["E4"].value, ws["F4"].value) == (120, "Kinh phí ghi ban đầu: 120 triệu đồng")


PLAN_2020 = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"
DEADLINE_HEADER = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"]


class TestDeadlines:
    """Readings of the deadline column that agree with each other."""

    def test_every_conditional_wording_is_one_code(self, tmp_path):
        wordings = ["Sau khi Bộ ban hành hướng dẫn", "Ngay sau khi có Quyết định của UBND tỉnh",
                    "Kịp thời khi có thay đổi", "Khi có văn bản hướng dẫn của Bộ", "Nếu được bổ sung kinh phí"]
        rows = [[i, f"Nhiệm vụ {i}", "Văn phòng Sở", w] for i, w in enumerate(wordings, start=1)]
        rows += [[6, "Cung cấp thông tin", "Văn phòng Sở", "Khi có yêu cầu"],             # on request: vague
                 [7, "Góp ý dự thảo", "Văn phòng Sở", "Trong 30 ngày sau khi nhận dự thảo"]]  # relative: vague
        got = findings(table(tmp_path, rows, PLAN_2020, DEADLINE_HEADER))
        assert set(got) == {*(("deadline-unparsed", f"D{r}") for r in range(4, 9)),
                            ("deadline-vague", "D9"), ("deadline-vague", "D10")}
        assert got["deadline-unparsed", "D4"].endswith("ví dụ \u201cQuý III/2020 (sau khi Bộ ban hành hướng dẫn)\u201d.")

    def test_examples_fit_one_off_and_recurring_tasks(self, tmp_path):
        got = findings(table(tmp_path, [
            [1, "Xây dựng Quy chế một cửa", "Văn phòng Sở", None],                          # 4: one-off
            [2, "Báo cáo định kỳ hằng quý về CCHC", "Văn phòng Sở", None],                   # 5: recurring (quarter)
            [3, "Tuyên truyền CCHC", "Văn phòng Sở", "Thường xuyên"],                        # 6
            [4, "Báo cáo CCHC hằng quý", "Văn phòng Sở", "Định kỳ"],                          # 7
            [5, "Cung cấp số liệu", "Văn phòng Sở", "Theo yêu cầu"],                          # 8
        ], PLAN_2020, DEADLINE_HEADER))
        assert "\u201cQuý II/2020\u201d, \u201cTháng 06/2020\u201d" in got["deadline-missing", "D4"]
        assert got["deadline-missing", "D5"].endswith("\u201cHằng quý, trước ngày 20 tháng cuối quý\u201d.")
        assert got["deadline-vague", "D6"].endswith("\u201cThường xuyên, báo cáo kết quả trước ngày 15/12/2020\u201d.")
        assert got["deadline-vague", "D7"].endswith("\u201cĐịnh kỳ, trước ngày 20 tháng cuối quý\u201d.")
        assert got["deadline-vague", "D8"].endswith("\u201cTheo yêu cầu, chậm nhất Quý IV/2020\u201d.")

    def test_before_and_after_the_period_are_told_apart(self, tmp_path):
        got = findings(table(tmp_path, [
            [1, "Rà soát", "Văn phòng Sở", "Tháng 01/19"],
            [2, "Đánh giá", "Văn phòng Sở", "Quý II/2022"],
            [3, "Kiểm tra", "Văn phòng Sở", "Tháng 12/2019 (KH). Tháng 12/2020 (BC)."],
        ], PLAN_2020, DEADLINE_HEADER))
        assert set(got) == {("deadline-out-of-period", "D4"), ("deadline-out-of-period", "D5"),
                            ("deadline-part-out-of-period", "D6")}
        assert "chép từ kế hoạch năm trước" in got["deadline-out-of-period", "D4"]
        assert "sau khi kỳ kế hoạch đã kết thúc" in got["deadline-out-of-period", "D5"]
        assert "năm trước" not in got["deadline-out-of-period", "D5"]
        assert got["deadline-part-out-of-period", "D6"].startswith(
            "Phần \u201cTháng 12/2019 (KH)\u201d rơi vào tháng 12/2019, trước kỳ kế hoạch 2020")

    def test_yearly_is_a_deadline_in_a_multi_year_plan(self, tmp_path):
        rows = [[1, "Tự đánh giá, chấm điểm chỉ số CCHC", "Văn phòng Sở", "Hằng năm"],
                [2, "Khảo sát sự hài lòng", "Văn phòng Sở", "Hàng năm"]]
        five = table(tmp_path, rows, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2021 - 2025", DEADLINE_HEADER, "5n.xlsx")
        one = table(tmp_path, rows, PLAN_2020, DEADLINE_HEADER, "1n.xlsx")
        assert findings(five) == {}
        assert set(findings(one)) == {("deadline-vague", "D4"), ("deadline-vague", "D5")}


class TestNumbering:
    """Sequences follow the outline; a number cut off by a page break is no heading."""

    def test_sequence_follows_the_hierarchy(self, tmp_path):
        lead, y = "Văn phòng Sở", "Năm 2026"
        path = table(tmp_path, [
            ["I", "CẢI CÁCH THỂ CHẾ", None, None],                     # 4
            ["1", "Rà soát văn bản quy phạm pháp luật", None, None],   # 5: a parent row
            ["1.1", "Rà soát văn bản năm 2026", lead, y],              # 6
            ["1.2", "Rà soát văn bản năm 2027", lead, "Năm 2027"],     # 7
            ["2", "Kiểm tra văn bản", lead, y],                        # 8: follows 1, not 1.2
            ["3", "Theo dõi thi hành pháp luật", None, None],          # 9
            ["3.1", "Theo dõi A", lead, y],                            # 10
            ["3.3", "Theo dõi B", lead, y],                            # 11: skips 3.2
            ["5", "Phổ biến", lead, y],                                # 12: skips 4
            ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", None, None],        # 13
            ["1", "Công bố TTHC", None, None],                         # 14: restarts at 1
            ["1.1", "Công bố A", lead, y],                             # 15
            ["2", "Rà soát TTHC", lead, y],                            # 16
            ["4", "Số hóa", lead, y],                                  # 17: skips 3
        ], "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2026 - 2030", DEADLINE_HEADER)
        got = findings(path)
        assert set(got) == {("stt-sequence", "A11"), ("stt-sequence", "A12"), ("stt-sequence", "A17")}
        assert got["stt-sequence", "A11"] == ("Số thứ tự \u201c3.3\u201d không tiếp nối \u201c3.1\u201d trong mục "
                                              "\u201c3. Theo dõi thi hành pháp luật\u201d (mong đợi \u201c3.2\u201d).")
        assert "không tiếp nối \u201c3\u201d trong phần \u201cI. CẢI CÁCH THỂ CHẾ\u201d (mong đợi \u201c4\u201d)" in \
            got["stt-sequence", "A12"]
        assert "không tiếp nối \u201c2\u201d trong phần \u201cII. CẢI CÁCH THỦ TỤC HÀNH CHÍNH\u201d" in \
            got["stt-sequence", "A17"]

    def test_a_number_cut_off_by_a_page_break_is_joined(self, tmp_path):
        path = table(tmp_path, [
            ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", None, None],                             # 4
            [1, "Rà soát thủ tục hành chính", "Văn phòng Sở", "Quý II/2021"],             # 5
            [2, "Nâng cao tỷ lệ hồ sơ trực tuyến mức độ 3,", "Văn phòng Sở", "Năm 2021"],  # 6
            [None, "4 năm 2021 tối thiểu đạt 40% tổng số hồ sơ", None, None],             # 7: the rest of 6
            [3, "Công khai thủ tục hành chính", "Văn phòng Sở", "Quý III/2021"],          # 8
        ], "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021", DEADLINE_HEADER)
        result = check_file(str(path), load_config())
        assert [(f.code, f.cell) for f in result.findings] == [("row-fragment", "B7")]
        tasks = {e.row: e for e in result.table.entries}
        assert tasks[6].values["task"] == "Nâng cao tỷ lệ hồ sơ trực tuyến mức độ 3, 4 năm 2021 tối thiểu đạt 40% " \
                                          "tổng số hồ sơ"
        assert {e.area for e in result.table.entries} == {"CẢI CÁCH THỦ TỤC HÀNH CHÍNH"}
        assert [h.row for h in result.table.headings] == [4]
