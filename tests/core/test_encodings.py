"""TCVN3 and VNI: round trips of every Vietnamese letter with every tone, and detection."""

import unicodedata

import pytest

from cchc_xl.core.encodings import TCVN3, VNI, decode, detect, encode, is_syllable

TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
VOWELS = "a ă â e ê i o ô ơ u ư y".split()
LOWER = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
UPPER = [c.upper() for c in LOWER]


def test_every_letter_every_tone_vni():
    assert len(LOWER) == 73
    for letter in LOWER + UPPER:
        assert decode(encode(letter, VNI), VNI) == letter, letter


def test_every_letter_every_tone_tcvn3():
    for letter in LOWER:
        legacy = encode(letter, TCVN3)
        assert decode(legacy, TCVN3) == letter, letter
        assert legacy.isascii() or len(legacy) == 1
    for letter in "ĂÂÊÔƠƯĐ":  # TCVN3 has capitals only for the plain modified letters
        assert decode(encode(letter, TCVN3), TCVN3) == letter


def test_tcvn3_capital_words_use_the_capital_font():
    """.VnTimeH shows the lowercase codes as capitals: a cell typed in capitals converts to capitals."""
    legacy = "C\u00b6I C\u00b8CH H\u00b5NH CH\u00ddNH"
    assert decode(legacy, TCVN3) == "CẢI CÁCH HÀNH CHÍNH"
    assert detect(legacy).text == "CẢI CÁCH HÀNH CHÍNH"


@pytest.mark.parametrize("text,encoding,unicode", [
    ("V\u00a8n ph\u00dfng S\u00eb", TCVN3, "Văn phòng Sở"),
    ("C\u00e9ng ho\u00b5 x\u00b7 h\u00e9i ch\u00f1 ngh\u00dca Vi\u00d6t Nam", TCVN3, "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("\u00a7\u00e9c l\u00cbp - T\u00f9 do - H\u00b9nh ph\u00f3c", TCVN3, "Độc lập - Tự do - Hạnh phúc"),
    ("Vaên phoøng Sôû", VNI, "Văn phòng Sở"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", VNI, "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", VNI, "Độc lập - Tự do - Hạnh phúc"),
    ("Phoøng Keá hoaïch - Taøi chính", VNI, "Phòng Kế hoạch - Tài chính"),
])
def test_detects_and_converts(text, encoding, unicode):
    found = detect(text)
    assert found is not None and found.encoding == encoding and found.text == unicode
    assert 0.6 <= found.confidence <= 1


@pytest.mark.parametrize("text", [
    "Báo cáo kết quả", "Tháng 01/2020", "Nâng cao chất lượng", "Văn phòng Sở", "Quý II/2020", "ISO 9001:2015",
    "Điều 5 § 3", "Nghị định 130/2005/NĐ-CP", "Café", "Thường xuyên", "Hồ sơ, kết quả giải quyết", "",
])
def test_unicode_text_is_not_legacy(text):
    assert detect(text) is None


def test_no_line_of_a_real_plan_is_detected():
    from tests.support.legacy import EXAMPLE

    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        for cell in line.split("\t"):
            assert detect(cell) is None, cell


def test_syllables():
    assert all(is_syllable(w) for w in ["nghiêng", "khuyến", "Văn", "PHÒNG", "người", "quý", "gì", "ươn"])
    assert not any(is_syllable(w) for w in ["V¨n", "phoøng", "UBND", "xyz", "hóà"])
