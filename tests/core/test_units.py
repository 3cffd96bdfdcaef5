"""Resolving lead/coordinating cells against the sample registry (validation/units.yaml)."""

import unicodedata

import pytest

from cchc_xl.core.units import COLLECTIVE, EXTERNAL, UNIT, UNKNOWN


@pytest.fixture(scope="module")
def registry(config):
    return config.registry


@pytest.mark.parametrize("text,expected", [
    ("Văn phòng", [("Văn phòng Sở", UNIT)]),
    ("VĂN PHÒNG SỞ", [("Văn phòng Sở", UNIT)]),
    ("Kế hoạch – Tài chính", [("Phòng Kế hoạch - Tài chính", UNIT)]),
    ("Phòng Tài chính – Kế hoạch", [("Phòng Kế hoạch - Tài chính", UNIT)]),
    ("Văn phòng, Kế hoạch – Tài chính", [("Văn phòng Sở", UNIT), ("Phòng Kế hoạch - Tài chính", UNIT)]),
    ("Văn phòng Sở và Thanh tra Sở", [("Văn phòng Sở", UNIT), ("Thanh tra Sở", UNIT)]),
    ("Văn phòng Sở (chủ trì)", [("Văn phòng Sở", UNIT)]),
    ("- Văn phòng Sở;\n- Thanh tra Sở.", [("Văn phòng Sở", UNIT), ("Thanh tra Sở", UNIT)]),
    ("Pháp chế", [("Phòng Pháp chế", UNIT)]),
    ("Chi cục Biển và Hải đảo", [("Chi cục Biển và Hải đảo", UNIT)]),
    ("Các phòng, đơn vị thuộc Sở", [("Các phòng, đơn vị thuộc Sở", COLLECTIVE)]),
    ("Các phòng chuyên môn thuộc Sở", [("Các phòng chuyên môn", COLLECTIVE)]),
    ("Các phòng, đơn vị liên quan", [("Các phòng, đơn vị liên quan", COLLECTIVE)]),
    ("Sở Văn hóa, Thể thao và Du lịch", [("Sở Văn hóa, Thể thao và Du lịch", EXTERNAL)]),
    ("Sở Tài nguyên và Môi trường", [("Sở Tài nguyên và Môi trường", COLLECTIVE)]),
    ("Sở Tư pháp, Sở Nội vụ", [("Sở Tư pháp", EXTERNAL), ("Sở Nội vụ", EXTERNAL)]),
    ("Ủy ban nhân dân tỉnh", [("UBND tỉnh", EXTERNAL)]),
    ("Sở Y tế", [("Sở Y tế", EXTERNAL)]),
    ("Sở Kế hoạch và Đầu tư", [("Sở Kế hoạch và Đầu tư", EXTERNAL)]),
    (unicodedata.normalize("NFD", "Thanh tra Sở"), [("Thanh tra Sở", UNIT)]),
])
def test_resolve(registry, text, expected):
    r = registry.resolve(text)
    assert [(e.name, e.kind) for e in r.entries] == expected and not r.sentence


def test_vague_phrase_is_unknown(registry):
    r = registry.resolve("Một số phòng, đơn vị liên quan")
    assert {e.kind for e in r.entries} == {UNKNOWN}


def test_sentence_suggests_the_unit_it_names(registry):
    r = registry.resolve("Giao Văn phòng Sở chủ trì, phối hợp với các phòng tham mưu thực hiện")
    assert r.sentence
    unknown = r.of_kind(UNKNOWN)
    assert unknown and unknown[0].suggestion.name == "Văn phòng Sở"


def test_typo_without_diacritics_gets_nearest_name(registry):
    (entry,) = registry.resolve("Phong Phap che").entries
    assert entry.kind == UNKNOWN and entry.suggestion.name == "Phòng Pháp chế"
    (entry,) = registry.resolve("Thanh tra sơ").entries
    assert entry.kind == UNKNOWN and entry.suggestion.name == "Thanh tra Sở"


def test_collective_and_unit_are_not_confused(registry):
    assert registry.lookup("Chi cục Quản lý đất đai").name == "Chi cục Quản lý đất đai"
    assert registry.lookup("Quản lý đất đai").name == "Phòng Quản lý đất đai"
    assert registry.lookup("Văn phòng Đăng ký đất đai").name == "Văn phòng Đăng ký đất đai"


def test_empty_cell(registry):
    assert registry.resolve(None).empty and registry.resolve("  ").empty


def test_a_registry_name_written_whole_is_that_unit_whatever_words_it_holds():
    """Role words ("phụ trách"), dashes and "và" inside a registry's own name do not split or strip it."""
    from cchc_xl.core.units import Registry, Unit

    names = ["Phòng Quản lý tài chính công thuộc Sở phụ trách khu vực phía bắc", "Trung tâm Lưu trữ - Tài liệu",
             "Phòng Tổ chức và Cán bộ"]
    registry = Registry([Unit(n, UNIT) for n in names])
    for name in names:
        resolved = registry.resolve(name)
        assert [(e.name, e.kind) for e in resolved.entries] == [(name, UNIT)] and not resolved.sentence
