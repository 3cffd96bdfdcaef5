"""Our workbooks opened by a real spreadsheet program: LibreOffice, headless, as many offices run it."""

from __future__ import annotations

import subprocess
import zipfile

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from cchc_xl.check.marks import COLORS
from cchc_xl.excel.build import build_addin
from cchc_xl.table.sheets import RESULTS
from tests.conftest import convert, soffice
from tests.support.workbooks import fill_template


def test_marks_and_comments_of_an_annotated_copy_survive(cli, tmp_path, blank_template):
    path = fill_template(blank_template, tmp_path / "nop.xlsx",
                         [{"stt": 1, "task": "Kiểm tra công vụ", "lead_unit": None, "deadline": "Quý II/2020"}])
    wb = openpyxl.load_workbook(path)  # a clerk's own colour and note on a cell we will mark
    wb["Phụ lục"]["E9"].fill = PatternFill("solid", fgColor="FF92D050")
    wb["Phụ lục"]["E9"].comment = Comment("Chờ phân công", "Chị Lan")
    wb.save(path)
    cli("check", path, "--annotate")
    outdir = tmp_path / "lo"
    outdir.mkdir()
    roundtrip = openpyxl.load_workbook(convert(path.with_name("nop.kiemtra.xlsx"), "xlsx", outdir))
    cell = roundtrip["Phụ lục"]["E9"]
    assert cell.fill.fgColor.rgb.endswith(COLORS["error"]) and "lead-unit-missing" in cell.comment.text
    assert "Chờ phân công" in cell.comment.text and roundtrip.sheetnames[0] == RESULTS


def test_the_addin_vba_imports(tmp_path):
    xlam = build_addin(tmp_path / "cchc_xl.xlam")
    profile = tmp_path / "profile"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                    "--infilter=Calc MS Excel 2007 VBA XML", "--convert-to", "ods", "--outdir", str(tmp_path),
                    str(xlam)], capture_output=True, timeout=180)
    ods = tmp_path / "cchc_xl.ods"
    assert ods.exists(), "LibreOffice could not open the add-in"
    with zipfile.ZipFile(ods) as z:
        module = z.read("Basic/cchc_xl/CchcRibbon.xml").decode()
        assert "xlwings.xml" in " ".join(z.namelist())
    assert "Public Sub OnAction(control As IRibbonControl)" in module
    assert "a.on_ribbon(&apos;tong_hop&apos;" in module


def test_a_word_97_document_is_imported_through_libreoffice(tmp_path, cli):
    from tests.support.word import plan_docx
    from tests.workbook.test_import import expected_tasks, rows_of, tasks

    source = plan_docx(tmp_path / "cu.docx")
    subprocess.run([soffice(), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path / "doc"), str(source)], capture_output=True, timeout=180)
    result = cli("import", tmp_path / "doc" / "cu.doc", "-o", tmp_path / "cu.xlsx")
    assert "17 nhiệm vụ" in result.output, result.output
    assert tasks(rows_of(tmp_path / "cu.xlsx")) == expected_tasks()


# What every printed page shows (A4, readable, nothing overprinted or cut, headers repeated…): test_printed_pages.py,
# which prints every output once.
