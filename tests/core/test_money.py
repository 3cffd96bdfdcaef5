"""Every budget form of domain.md, and what is not money."""

import pytest

from cchc_xl.core.money import (
    AMOUNT,
    EMPTY,
    NIL,
    NONE,
    NUMBER,
    SEVERAL,
    format_dong,
    format_number,
    is_unit_label,
    parse_money,
    read_scale,
)

CASES = [
    ("194.000.000 đồng (theo dự toán kinh phí pháp chế)", AMOUNT, (194_000_000,), 194_000_000),
    ("15.000.000 đồng", AMOUNT, (15_000_000,), 15_000_000),
    ("300.000", AMOUNT, (300_000,), 300_000),
    ("204.000.000 đồng/6 đối tượng thanh tra", AMOUNT, (204_000_000,), 204_000_000),
    ("Báo cáo kết quả 12.800.000 đồng. Hỗ trợ cán bộ đầu mối 3.360.000 đồng.", SEVERAL,
     (12_800_000, 3_360_000), 16_160_000),
    ("Thực hiện theo chức năng, nhiệm vụ nên không bố trí kinh phí riêng", NONE, (), None),
    ("Sử dụng trong dự toán đã dự kiến tại mục 1", NONE, (), None),
    ("1.500.000", AMOUNT, (1_500_000,), 1_500_000),
    ("2,5 tỷ", AMOUNT, (2_500_000_000,), 2_500_000_000),
    ("2,5 tỷ đồng", AMOUNT, (2_500_000_000,), 2_500_000_000),
    ("15 triệu đồng", AMOUNT, (15_000_000,), 15_000_000),
    ("1 tỷ 200 triệu", AMOUNT, (1_200_000_000,), 1_200_000_000),
    ("500 nghìn đồng", AMOUNT, (500_000,), 500_000),
    ("50.000.000 VNĐ", AMOUNT, (50_000_000,), 50_000_000),
    ("15.000.000đ", AMOUNT, (15_000_000,), 15_000_000),
    ("194,000,000", AMOUNT, (194_000_000,), 194_000_000),
    ("3360000", AMOUNT, (3_360_000,), 3_360_000),
    ("-5.000.000", AMOUNT, (-5_000_000,), -5_000_000),
    ("Tổng 50 triệu, trong đó: hội nghị 20 triệu, tài liệu 30 triệu", SEVERAL,
     (50_000_000, 20_000_000, 30_000_000), 50_000_000),
    ("-", NIL, (), None),
    ("Không", NIL, (), None),
    ("", EMPTY, (), None),
    (None, EMPTY, (), None),
]


@pytest.mark.parametrize("text,kind,amounts,total", CASES, ids=[str(c[0])[:40] for c in CASES])
def test_form(text, kind, amounts, total):
    m = parse_money(text)
    assert (m.kind, m.amounts, m.total) == (kind, amounts, total)


@pytest.mark.parametrize("text", [
    "Thông tư 26/2019/TT-BTC ngày 10/5/2019", "Tổ chức hội nghị (3 kỳ)", "Áp dụng ISO 9001:2015",
    "01 Quyết định", "Kế hoạch số 1107/KH-UBND", "Năm 2020", "Quý II/2020", "Điều 5 Nghị định 130/2005/NĐ-CP",
])
def test_not_money(text):
    assert parse_money(text).kind == NONE


def test_reference_beside_an_amount():
    m = parse_money("30.000.000 đồng theo Thông tư 26/2019/TT-BTC ngày 10/5/2019")
    assert m.amounts == (30_000_000,)


def test_numbers_and_fix():
    assert parse_money(15000000).kind == NUMBER and parse_money(2.5).total == 2.5
    assert parse_money("194.000.000 đồng").fix == 194_000_000
    assert parse_money("Báo cáo 12.800.000 đồng. Hỗ trợ 3.360.000 đồng.").fix == 16_160_000
    assert parse_money("không bố trí kinh phí riêng").fix is None


def test_format_dong():
    assert format_dong(194000000) == "194.000.000" and format_dong(-1500) == "-1.500"


@pytest.mark.parametrize("header,above,factor,stated", [
    ("Kinh phí (triệu đồng)", [], 10**6, "header"),
    ("Kinh phí thực hiện (Tr.đ)", [], 10**6, "header"),
    ("Dự toán (1.000 đ)", [], 10**3, "header"),
    ("Kinh phí\n(nghìn đồng)", [], 10**3, "header"),
    ("Kinh phí (triệu)", [], 10**6, "header"),
    ("Kinh phí (đồng)", ["ĐVT: triệu đồng"], 1, "header"),          # the column's own word wins
    ("Kinh phí", ["KẾ HOẠCH CCHC NĂM 2020", "ĐVT: triệu đồng"], 10**6, "above"),
    ("Kinh phí", ["Đơn vị tính: nghìn đồng"], 10**3, "above"),
    ("Kinh phí", ["Kèm theo Kế hoạch số 12/KH-STNMT"], 1, ""),
    ("Nguồn kinh phí", [], 1, ""),
])
def test_read_scale(header, above, factor, stated):
    s = read_scale(header, above)
    assert (s.factor, s.stated) == (factor, stated)


def test_a_scaled_column():
    m = parse_money(150, 10**6)
    assert (m.total, m.scaled, m.dong, m.fix) == (150_000_000, True, 150_000_000, None)
    m = parse_money("1,5 tỷ đồng", 10**6)              # text that names its unit keeps it
    assert (m.total, m.scaled, m.fix) == (1_500_000_000, False, 1500)
    m = parse_money("120 triệu", 10**6)
    assert m.fix == 120 and m.dong == 120_000_000
    m = parse_money("150.000.000 (theo dự toán)", 10**6)   # a bare amount is in the column's unit
    assert m.scaled and m.total == 150_000_000 * 10**6
    assert parse_money("2,5 triệu", 10**6).fix == 2.5
    assert parse_money(12.5).dong == 12.5                   # a number in đồng is kept as typed


def test_unit_labels_and_numbers():
    assert is_unit_label("(triệu đồng)") and is_unit_label("ĐVT: 1.000 đồng")
    assert not is_unit_label("150 triệu đồng") and not is_unit_label("Kinh phí")
    assert format_number(1.5) == "1,5" and format_number(194000000.0) == "194.000.000"
