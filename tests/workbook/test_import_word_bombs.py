"""Crafted Word files (issue #24): nesting, spans, wide rows, long text, deep XML are read in linear time and
memory or refused with a Vietnamese message naming the file and the limit; the user's file is left as it was.

Figures (peak memory of the whole command on each bomb) are measured by ``benchmarks/word_bombs.py`` in a
subprocess; the tests here assert behaviour only, with sizes that would take minutes and gigabytes if the
reader walked nested tables once per level or allocated a span before checking it.
"""

from __future__ import annotations

import pytest

from cchc_xl.formats.word.reader import MAX_BLOCKS, MAX_COLUMNS, MAX_NESTING, read_docx
from tests.support.word import (
    deep_xml,
    long_paragraph,
    long_preamble,
    nested_tables,
    numbering_bomb,
    plan_docx,
    styles_bomb,
    wide_row,
    wide_span,
)
from tests.workbook.test_import import rows_of


def test_each_nested_table_is_read_once(tmp_path, cli):
    doc = nested_tables(tmp_path / "long.docx", MAX_NESTING)
    result = cli("import", doc, "-o", tmp_path / "l.xlsx")
    assert result.exit_code == 0, result.output
    note = rows_of(tmp_path / "l.xlsx")[1]["note"]
    assert note.split("\n") == [f"tầng {i}" for i in range(1, MAX_NESTING + 1)] + ["lõi"]


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 24, 60])
def test_tables_nested_too_deep_are_refused(tmp_path, cli, depth):
    doc = nested_tables(tmp_path / "sau.docx", depth)
    before = doc.read_bytes()
    result = cli("import", doc, "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 2 and f"quá {MAX_NESTING} tầng" in result.output and "sau.docx" in result.output
    assert doc.read_bytes() == before and not (tmp_path / "s.xlsx").exists()


@pytest.mark.parametrize("span", [64, 5_000_000, 2**31 - 1, 10**30])
def test_absurd_spans_are_refused_before_anything_is_allocated(tmp_path, cli, span):
    result = cli("import", wide_span(tmp_path / "gop.docx", span), "-o", tmp_path / "g.xlsx")
    assert result.exit_code == 2 and "gop.docx" in result.output, result.output
    assert f"gộp {span:,} cột".replace(",", ".") in result.output and f"tối đa {MAX_COLUMNS} cột" in result.output


def test_a_span_beyond_the_tables_grid_is_cut_to_it(tmp_path):
    """gridSpan 40 in a table of five grid columns: the row is five columns wide, as Word draws it."""
    table = read_docx(wide_span(tmp_path / "g.docx", 40)).tables[0]
    assert [len(r) for r in table.grid.rows] == [5, 5, 5] and table.grid.merged == [(3, 1, 3, 5)]


def test_a_row_wider_than_word_allows_is_refused(tmp_path, cli):
    result = cli("import", wide_row(tmp_path / "rong.docx", 5000), "-o", tmp_path / "r.xlsx")
    assert result.exit_code == 2 and f"hơn {MAX_COLUMNS} ô" in result.output, result.output


@pytest.mark.parametrize("size", [1_200_000, 4_000_000])
def test_a_huge_paragraph_is_refused_naming_the_limit(tmp_path, cli, size):
    """One run of text longer than a plan ever holds: refused by our limit, not by lxml's "huge text node"."""
    result = cli("import", long_paragraph(tmp_path / "dai.docx", size), "-o", tmp_path / "d.xlsx")
    assert result.exit_code == 2 and "1.000.000 ký tự" in result.output and "dai.docx" in result.output, \
        result.output
    assert "XMLSyntaxError" not in result.output and "lưu lại" not in result.output


def test_a_long_cell_below_the_limit_is_read(tmp_path):
    table = read_docx(long_paragraph(tmp_path / "vua.docx", 200_000)).tables[0]
    assert len(table.grid.rows[2][1]) >= 200_000


def test_xml_nested_beyond_the_parsers_limit_is_named(tmp_path, cli):
    result = cli("import", deep_xml(tmp_path / "long-xml.docx", 400), "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "256 tầng" in result.output, result.output
    ok = cli("import", deep_xml(tmp_path / "vua-xml.docx", 200), "-o", tmp_path / "y.xlsx")
    assert ok.exit_code in (0, 1), ok.output


# --------------------------------------------------------------------------- styles.xml, numbering.xml (review of #24)
DEFINITION = "chứa một định nghĩa (kiểu, danh sách) hơn 5.000 phần tử XML"


@pytest.mark.parametrize("make,needle", [
    (lambda p: numbering_bomb(p, "levels", 6_000), "numbering.xml " + DEFINITION),
    (lambda p: styles_bomb(p, "children", 6_000), "styles.xml " + DEFINITION),
    (lambda p: numbering_bomb(p, "pictures", 500_000), "numbering.xml của tệp Word giải nén quá 16 MB"),
    (lambda p: numbering_bomb(p, "lists", 300_000), "numbering.xml của tệp Word giải nén quá 16 MB"),
    (lambda p: styles_bomb(p, "styles", 200_000), "styles.xml của tệp Word giải nén quá 16 MB"),
])
def test_styles_and_numbering_beyond_any_plans_are_refused_before_they_are_parsed(tmp_path, cli, make, needle):
    """A list definition or a style is a few dozen elements and both parts well under 2 MB in real plans: a
    definition of thousands of elements, or a part of more than 16 MB, is refused naming the limit (one list of
    1.6 M levels took 1.1 GB and 34 s; 1.3 M picture bullets 547 MB, one style of 1.5 M elements 600 MB)."""
    doc = make(tmp_path / "ds.docx")
    before = doc.read_bytes()
    result = cli("import", doc, "-o", tmp_path / "ds.xlsx")
    assert result.exit_code == 2 and needle in result.output and "ds.docx" in result.output, result.output
    assert doc.read_bytes() == before and not (tmp_path / "ds.xlsx").exists()


def test_styles_and_numbering_under_the_limits_are_read(tmp_path, cli):
    """Thousands of picture bullets, lists and styles (a long document's bloat) stay readable, each element
    dropped once read."""
    for i, doc in enumerate((numbering_bomb(tmp_path / "a.docx", "pictures", 50_000),
                             numbering_bomb(tmp_path / "b.docx", "lists", 20_000),
                             styles_bomb(tmp_path / "c.docx", "styles", 20_000),
                             numbering_bomb(tmp_path / "d.docx", "levels", 4_000))):
        result = cli("import", doc, "-o", tmp_path / f"{i}.xlsx")
        assert result.exit_code in (0, 1) and "1 nhiệm vụ" in result.output, result.output


def test_a_number_format_longer_than_any_lists_is_refused(tmp_path, cli):
    """A list level's format is repeated before every item it numbers: 900,000 characters of it on each of
    20,000 rows would be gigabytes. A real one is "%1.%2." or "Điều %1."."""
    from tests.support.word import _package, _plan_xml, _side

    numbering = _side("numbering", '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:lvlText w:val="'
                      + "%1" * 20_000 + '"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/>'
                      "</w:num>")
    numbered = ('<w:tr><w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>'
                "</w:tc></w:tr>")
    doc = _package(tmp_path / "so.docx", _plan_xml(numbered), numbering=numbering)
    result = cli("import", doc, "-o", tmp_path / "so.xlsx")
    assert result.exit_code == 2 and "lvlText" in result.output and "100 ký tự" in result.output, result.output


# --------------------------------------------------------------------------- the document's preamble, the file itself
def test_only_the_paragraphs_that_can_title_a_table_are_kept(tmp_path):
    """90,000 paragraphs before the table: the first 12 (the document's title) and the 8 above the table are
    kept, not every paragraph (1.4 M of them took 54 s and 209 MB): Python's own allocations peak when the
    document part is inflated (it is read whole, at most 64 MB), not later with 90,000 lines of text."""
    import tracemalloc
    import zipfile

    doc = long_preamble(tmp_path / "dai.docx", 90_000)
    tracemalloc.start()
    try:
        zipfile.ZipFile(doc).read("word/document.xml")
        inflating = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        document = read_docx(doc)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < inflating + 2 * 1024 * 1024, f"{peak / 2**20:.1f} MB, the part alone {inflating / 2**20:.1f} MB"
    assert len(document.first) == 12 and len(document.tables[0].above) == 8
    assert document.tables[0].above[-1] == "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"


def test_the_file_is_streamed_not_read_whole(tmp_path):
    """A plan carrying a 30 MB photo: its head and SHA-256 are read in pieces (the whole file was read twice)."""
    import random
    import tracemalloc
    import zipfile

    from cchc_xl.formats.config_files import load_config
    from cchc_xl.formats.word.importer import import_plan

    doc = plan_docx(tmp_path / "anh.docx")
    with zipfile.ZipFile(doc, "a", zipfile.ZIP_STORED) as z:
        z.writestr("word/media/image1.jpeg", random.Random(6).randbytes(30 * 1024 * 1024))
    config = load_config()
    tracemalloc.start()
    try:
        import_plan(doc, tmp_path / "anh.xlsx", config)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 15 * 1024 * 1024, f"{peak / 2**20:.0f} MB"


def test_a_body_of_more_paragraphs_than_any_plan_is_refused_early(tmp_path, cli):
    """More than 100,000 paragraphs outside tables (a plan has hundreds; 1.4 M short ones took 54 s): refused when
    the limit is reached, naming it."""
    result = cli("import", long_preamble(tmp_path / "dai.docx", MAX_BLOCKS + 1), "-o", tmp_path / "d.xlsx")
    assert result.exit_code == 2 and "hơn 100.000 đoạn văn" in result.output and "dai.docx" in result.output, \
        result.output
