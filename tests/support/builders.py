"""Legacy appendices as offices really lay them out, written as real .xlsx files.

Each builder returns the path and what a careful reader of the table would count,
so tests compare the product's reading with the truth of the layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from tests.support.workbooks import put_rows


@dataclass
class Truth:
    tasks: int
    headings: int
    missing_leads: list[int] = field(default_factory=list)   # worksheet rows
    fragments: list[int] = field(default_factory=list)


def two_row_header_merged_areas(path: Path) -> Truth:
    """TNMT style: 'Nhiệm vụ chung' merged down its tasks, 'Phân công trách nhiệm' over
    'Chủ trì | Phối hợp', a column-number row, a budget column, a continuation row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PL"
    ws["A1"] = "PHỤ LỤC"
    ws["A2"] = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021 VÀ CÁC NĂM TIẾP THEO"
    ws["A3"] = "(Kèm theo Kế hoạch số 15/KH-STNMT ngày 30 tháng 12 năm 2020)"
    put_rows(ws, 5, [
        ["STT", "Nhiệm vụ chung", "Nhiệm vụ cụ thể", "Sản phẩm", "Phân công trách nhiệm", None,
         "Thời gian thực hiện", "Dự trù kinh phí", "Ghi chú"],
        [None, None, None, None, "Chủ trì", "Phối hợp", None, None, None],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
    ])
    for col in "ABCDGHI":
        ws.merge_cells(f"{col}5:{col}6")
    ws.merge_cells("E5:F5")
    data = [
        # row 8..
        [1, "Công tác chỉ đạo, điều hành CCHC", "Xây dựng, ban hành Kế hoạch CCHC năm 2021", "Kế hoạch",
         "Văn phòng Sở", "Các phòng, đơn vị thuộc Sở", "Tháng 01/2021", None, None],
        [2, None, "Kiểm tra công tác CCHC tại các đơn vị trực thuộc", "Báo cáo kết quả kiểm tra",
         "Văn phòng Sở", "Thanh tra Sở", "Quý III/2021", "15.000.000 đồng", None],
        [3, None, "Tự đánh giá, chấm điểm Chỉ số CCHC", "Báo cáo tự chấm điểm", None,
         "Các phòng, đơn vị", "Theo hướng dẫn của Sở Nội vụ", None, None],
        [4, "Cải cách thể chế", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật thuộc lĩnh vực tài nguyên",
         "Báo cáo kết quả rà soát", "Phòng Pháp chế", "Các phòng, đơn vị", "Quý IV/2021", None, None],
        [None, None, "và môi trường do Hội đồng nhân dân, Ủy ban nhân dân tỉnh ban hành", None, None, None,
         None, None, None],
        [5, None, "Theo dõi tình hình thi hành pháp luật", "Báo cáo", "Phòng Pháp chế", None, "Năm 2021",
         "194.000.000 đồng (theo dự toán kinh phí pháp chế)", None],
        [6, "Cải cách thủ tục hành chính", "Rà soát, đánh giá thủ tục hành chính", "Báo cáo",
         "Văn phòng Sở", "Các phòng, đơn vị", "Trước ngày 20/12 hàng năm", None, None],
    ]
    put_rows(ws, 8, data)
    ws.merge_cells("B8:B10")
    ws.merge_cells("B11:B13")
    wb.save(path)
    return Truth(tasks=6, headings=0, missing_leads=[10], fragments=[12])


def hierarchical(path: Path) -> Truth:
    """Roman areas merged across, Arabic groups with children (1 over 1.1), a numbered
    title with a restart below it, bullets under a title, and real missing leads."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phu luc"
    ws["A1"] = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"
    put_rows(ws, 3, [["TT", "Nội dung", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành",
                    "Kinh phí", "Ghi chú"]])
    rows = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"],                                           # 4 heading (merged)
        ["1", "Xây dựng và ban hành kế hoạch"],                                         # 5 heading (children)
        ["1.1", "Kế hoạch CCHC năm 2020", "Kế hoạch", "Văn phòng Sở", None, "Tháng 01/2020"],   # 6
        ["1.2", "Kế hoạch tuyên truyền CCHC", "Kế hoạch", None, None, "Quý I/2020"],     # 7 missing lead
        ["2", "Kiểm tra công tác cải cách hành chính", "Báo cáo", "Văn phòng Sở", "Thanh tra Sở", "Quý III/2020"],  # 8
        ["II", "CẢI CÁCH THỂ CHẾ"],                                                     # 9 heading (merged)
        ["1", "Rà soát văn bản quy phạm pháp luật"],                                    # 10 heading (bullets)
        ["-", "Rà soát văn bản về đất đai", "Báo cáo", "Phòng Pháp chế", None, "Quý II/2020"],  # 11
        ["-", "Rà soát văn bản về môi trường", "Báo cáo", "Phòng Pháp chế", None, "Quý II/2020"],  # 12
        ["2", "Theo dõi thi hành pháp luật", "Báo cáo", None, "Các phòng", "Năm 2020"],  # 13 missing lead
        ["III", "Cải cách thủ tục hành chính"],                                         # 14 heading
        ["1", "Công bố, công khai thủ tục hành chính", "Quyết định", "Văn phòng Sở", None, "Thường xuyên"],  # 15
        ["1.1", "Cập nhật cơ sở dữ liệu quốc gia về TTHC"],                             # 16 -> makes 1 a heading? no: 1 has details
    ]
    put_rows(ws, 4, rows)
    ws.merge_cells("B4:H4")
    ws.merge_cells("B9:H9")
    wb.save(path)
    # row 15 has details but children (1.1): a parent task -> heading whose lead passes to 1.1
    return Truth(tasks=7, headings=6, missing_leads=[7, 13])


def no_stt_second_sheet(path: Path) -> Truth:
    """The plan text on sheet 1, the table on sheet 2 with its header on row 15, no STT
    column, headings as merged rows, notes above the header."""
    wb = openpyxl.Workbook()
    ws0 = wb.active
    ws0.title = "Ke hoach"
    ws0["A1"] = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"
    ws0["A3"] = "Nội dung kế hoạch xem trang Phụ lục."
    ws = wb.create_sheet("Phụ lục")
    ws["A1"] = "PHỤ LỤC KẾ HOẠCH CCHC NĂM 2020"
    for r in range(2, 14):
        ws.cell(r, 1, f"Ghi chú dòng {r}" if r % 4 == 0 else None)
    put_rows(ws, 15, [["Nội dung/ Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian ban hành/ thực hiện",
                     "Sản phẩm"]])
    put_rows(ws, 16, [
        ["A. NHIỆM VỤ TRỌNG TÂM"],
        ["1. Cải cách tổ chức bộ máy"],
        ["Tiếp tục sắp xếp tổ chức bộ máy", "Văn phòng Sở", "Sở Nội vụ", "Năm 2020", "Quyết định"],
        ["Rà soát chức năng nhiệm vụ của các phòng", None, "Các phòng, đơn vị", "Quý II/2020", "Báo cáo"],
        ["2. Hiện đại hóa hành chính"],
        ["Duy trì ISO 9001:2015", "Văn phòng Sở", None, "Thường xuyên", "Hệ thống ISO"],
    ])
    ws.merge_cells("A16:E16")
    ws.merge_cells("A17:E17")
    ws.merge_cells("A20:E20")
    wb.save(path)
    return Truth(tasks=3, headings=3, missing_leads=[19])
