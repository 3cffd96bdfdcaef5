import unicodedata

import pytest

from cchc_xl.core.numbering import (
    ARABIC,
    BULLET,
    LOWER,
    ROMAN,
    UPPER,
    parse_number,
    split_leading,
)
from cchc_xl.core.periods import Period, period_from_title
from cchc_xl.errors import PeriodError
from cchc_xl.core.text import clean, fold, plain, roman_value


def test_clean_keeps_diacritics_and_lines():
    assert clean("  Văn\u00a0 phòng   Sở \r\n Thanh tra\u200b ") == "Văn phòng Sở\nThanh tra"
    nfd = unicodedata.normalize("NFD", "Văn phòng Sở")
    assert clean(nfd) == "Văn phòng Sở"


@pytest.mark.parametrize("a,b", [
    ("hoá", "hóa"), ("THUỶ LỢI", "thủy lợi"), ("Kế hoạch – Tài chính", "kế hoạch-tài chính"),
    ("  Văn phòng   Sở.", "văn phòng sở"), (unicodedata.normalize("NFD", "Phòng Pháp chế"), "phòng pháp chế"),
])
def test_fold_equal(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a,b", [("CÁI CÁCH", "cải cách"), ("Quý", "Quy"), ("hoàn", "hoan")])
def test_fold_keeps_diacritics(a, b):
    assert fold(a) != fold(b)
    assert plain(a) == plain(b)


def test_roman():
    assert [roman_value(t) for t in ("I", "iv", "VIII", "IIII", "X", "ABC")] == [1, 4, 8, None, 10, None]


@pytest.mark.parametrize("value,style,path", [
    ("I", ROMAN, (1,)), ("IV.", ROMAN, (4,)), (3, ARABIC, (3,)), ("1.3.1", ARABIC, (1, 3, 1)),
    (1.2, ARABIC, (1, 2)), ("2.", ARABIC, (2,)), ("A", UPPER, (1,)), ("b)", LOWER, (2,)), ("-", BULLET, ()),
])
def test_parse_number(value, style, path):
    n = parse_number(value)
    assert (n.style, n.path) == (style, path)


def test_parse_number_rejects_words():
    assert parse_number("Văn phòng") is None and parse_number("") is None and parse_number(None) is None


@pytest.mark.parametrize("text,num,rest", [
    ("I CẢI CÁCH THỂ CHẾ", "I", "CẢI CÁCH THỂ CHẾ"), ("1. Công tác chỉ đạo", "1", "Công tác chỉ đạo"),
    ("1.2- Rà soát", "1.2", "Rà soát"), ("a) Tổ chức hội nghị", "a", "Tổ chức hội nghị"),
    ("Xây dựng kế hoạch", None, "Xây dựng kế hoạch"), ("CCHC năm 2020", None, "CCHC năm 2020"),
])
def test_split_leading(text, num, rest):
    n, r = split_leading(text)
    assert (n.text if n else None, r) == (num, rest)


@pytest.mark.parametrize("text,expected", [
    ("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020", "2020"),
    ("Kế hoạch CCHC giai đoạn 2021 - 2025", "2021-2025"),
    ("NĂM 2021 VÀ CÁC NĂM TIẾP THEO", "2021+"),
    ("(Kèm theo Kế hoạch số 286/KH-SGTVT ngày 22 tháng 01 năm 2020)", None),
])
def test_period_from_title(text, expected):
    found = period_from_title([text])
    assert (str(found) if found else None) == expected


def test_period_parse():
    assert str(Period.parse("2021-2025")) == "2021-2025"
    assert Period.parse("2020").single_year == 2020
    assert Period.parse("2021+").end is None
    with pytest.raises(PeriodError):
        Period.parse("năm ngoái")
    with pytest.raises(PeriodError):
        Period.parse("2025-2021")
