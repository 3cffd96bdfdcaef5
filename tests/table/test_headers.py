import pytest

from cchc_xl.table.headers import is_usable_header, match_header


@pytest.mark.parametrize("text,key", [
    ("STT", "stt"), ("TT", "stt"), ("Số TT", "stt"),
    ("Nhiệm vụ chung", "area"), ("Lĩnh vực", "area"),
    ("Nhiệm vụ cụ thể", "task"), ("Nội dung", "task"), ("Nội dung/ Nhiệm vụ", "task"), ("NHIỆM VỤ", "task"),
    ("Nội dung công việc", "task"),
    ("Sản phẩm", "product"), ("Kết quả/ Sản phẩm", "product"), ("SẢN PHẨM", "product"),
    ("Đơn vị chủ trì", "lead_unit"), ("Cơ quan chủ trì", "lead_unit"), ("Chủ trì", "lead_unit"),
    ("Đơn vị\nchủ trì", "lead_unit"), ("ĐƠN VỊ CHỦ TRÌ", "lead_unit"), ("Đơn vị chủ trì, phối hợp", "lead_unit"),
    ("Đơn vị phối hợp", "coord_units"), ("Cơ quan phối hợp", "coord_units"), ("Phối hợp", "coord_units"),
    ("Thời gian thực hiện", "deadline"), ("Thời gian hoàn thành", "deadline"),
    ("Thời gian ban hành/ thực hiện", "deadline"), ("Thời hạn", "deadline"), ("Tiến độ hoàn thành", "deadline"),
    ("Dự trù kinh phí", "budget"), ("Kinh phí", "budget"), ("Kinh phí (đồng)", "budget"),
    ("Kinh phí thực hiện", "budget"), ("Nguồn kinh phí", "budget_source"), ("Ghi chú", "note"),
])
def test_every_spelling(text, key):
    assert match_header(text) == key


@pytest.mark.parametrize("text", ["Phân công trách nhiệm", "Văn phòng Sở", "", None, 12,
                                  "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020 CỦA SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH"])
def test_not_a_header(text):
    assert match_header(text) is None


def test_usable_header_needs_task_and_two_more():
    assert is_usable_header({"task", "lead_unit", "deadline"})
    assert not is_usable_header({"task", "note"})
    assert not is_usable_header({"lead_unit", "deadline", "product"})
