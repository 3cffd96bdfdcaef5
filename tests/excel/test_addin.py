"""The Excel add-in, tested up to the boundary of real Excel (not available on Linux).

Checked here: the built .xlam's structure, ribbon XML and VBA (read back by oletools and
imported by LibreOffice), and the Python side run on a real ``xw.Book`` of xlwings'
remote engine. Not run: Excel itself (see macros/KIEM-THU-EXCEL.md).
"""

from __future__ import annotations

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # xlwings' remote engine, for tests only

import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest

from cchc_xl.check.marks import marks_for, on_anchors
from cchc_xl.core.model import cell_ref
from cchc_xl.core.sheets import MARKS as MARKS_SHEET
from cchc_xl.core.sheets import RESULTS as RESULTS_SHEET
from cchc_xl.excel.build import CONF_SHEET, build_addin, settings
from cchc_xl.excel.ribbon import on_ribbon
from cchc_xl.excel.vba.project import read_project
from cchc_xl.settings import data_dir
from cchc_xl.workbook.annotate import annotate_file
from cchc_xl.workbook.reader import check_file
from tests.support.workbooks import fill_template

NS = "{http://schemas.microsoft.com/office/2006/01/customui}"


@pytest.fixture(scope="module")
def xlam(tmp_path_factory) -> Path:
    return build_addin(tmp_path_factory.mktemp("addin") / "cchc_xl.xlam")


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_package_is_an_addin_with_a_ribbon(xlam):
    p = parts(xlam)
    types = p["[Content_Types].xml"].decode()
    assert "application/vnd.ms-excel.addin.macroEnabled.main+xml" in types
    assert 'PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"' in types
    rels = p["_rels/.rels"].decode()
    assert re.search(r'Type="http://schemas.microsoft.com/office/2006/relationships/ui/extensibility" '
                     r'Target="customUI/customUI.xml"', rels), "the type Microsoft pairs with the 2006/01 namespace"
    assert b'xmlns="http://schemas.microsoft.com/office/2006/01/customui"' in p["customUI/customUI.xml"]
    assert "2007/relationships/ui" not in rels
    assert p["customUI/customUI.xml"] == (data_dir("macros") / "customUI.xml").read_bytes()


def test_ribbon_buttons(xlam):
    root = ET.fromstring(parts(xlam)["customUI/customUI.xml"])
    assert root.tag == NS + "customUI"
    buttons = {b.get("id"): b for b in root.iter(NS + "button")}
    assert set(buttons) == {"kiem_tra", "xoa_danh_dau", "tong_hop", "bao_cao", "tao_mau", "huong_dan"}
    assert [b.get("label") for b in buttons.values()] == ["Kiểm tra", "Xóa đánh dấu", "Tổng hợp…", "Báo cáo…",
                                                          "Tạo mẫu", "Hướng dẫn"]
    assert all(b.get("imageMso") and b.get("screentip") and b.get("supertip") for b in buttons.values())
    from cchc_xl.excel.ribbon import ACTIONS
    assert set(ACTIONS) == set(buttons), "every button has a Python action"


def test_every_on_action_names_a_sub_in_the_vba(xlam):
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(xlam))
    code = {Path(name).stem: text for _, _, name, text in parser.extract_all_macros()}
    root = ET.fromstring(parts(xlam)["customUI/customUI.xml"])
    for button in root.iter(NS + "button"):
        module, sub = button.get("onAction").split(".")
        assert re.search(rf"^\s*Public Sub {sub}\(control As IRibbonControl\)", code[module], re.M), button.get("id")


def test_modules_read_back_identical_to_the_sources(xlam):
    from oletools.olevba import VBA_Parser

    project = read_project(parts(xlam)["xl/vbaProject.bin"])
    ours = {m.name: m.source for m in project.modules}
    olevba = {Path(n).stem: t for _, _, n, t in VBA_Parser(str(xlam)).extract_all_macros()}
    for path in data_dir("macros").glob("*.bas"):
        source = path.read_bytes()
        name = re.match(rb'Attribute VB_Name = "([^"]+)"', source).group(1).decode()
        assert ours[name] == source, "our reader: byte-identical"
        assert olevba[name].replace("\r\n", "\n") == source.decode("cp1252").replace("\r\n", "\n"), "oletools"
        assert source.isascii()


def test_every_module_has_crlf_line_endings_as_excel_saves_them(xlam):
    project = read_project(parts(xlam)["xl/vbaProject.bin"])
    for m in project.modules:
        assert b"\n" in m.source and not re.search(rb"(?<!\r)\n", m.source), m.name


def test_xlwings_modules_kept_and_pointed_at_our_config(xlam):
    import xlwings

    project = read_project(parts(xlam)["xl/vbaProject.bin"])
    names = [m.name for m in project.modules]
    assert names == ["ThisWorkbook", "Dictionary", "Sheet2", "xlwings", "CchcRibbon"]
    xlwings_code = next(m.code for m in project.modules if m.name == "xlwings")
    assert 'Public Const PROJECT_NAME As String = "cchc_xl"' in xlwings_code
    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in xlwings_code
    assert 'Name="cchc_xl"' in project.project_text and "Module=CchcRibbon" in project.project_text


def test_config_sheet_names_the_building_interpreter(tmp_path):
    path = build_addin(tmp_path / "win.xlam", platform="win32")
    p = parts(path)
    assert f'name="{CONF_SHEET}"' in p["xl/workbook.xml"].decode()
    sheet = p["xl/worksheets/sheet1.xml"].decode()
    values = dict(re.findall(r'<c r="A\d+" t="inlineStr"><is><t>([^<]*)</t></is></c>'
                             r'(?:<c r="B\d+" t="inlineStr"><is><t>([^<]*)</t></is></c>)?', sheet))
    expected = dict((k, v) for k, v in settings("win32") if isinstance(v, str))
    assert values["Interpreter_Win"] == expected["Interpreter_Win"] and values["Interpreter_Win"]
    assert values["PYTHONPATH"] == str(Path(__file__).resolve().parents[2])  # the folder holding cchc_xl/
    assert "Interpreter_Mac" in values and not values["Interpreter_Mac"]
    assert settings("darwin")[1] == ("Interpreter_Mac", sys.executable)


def test_addin_cli_on_linux_builds_and_explains(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("addin", "build", "-o", tmp_path / "x.xlam")
    assert result.exit_code == 0 and (tmp_path / "x.xlam").exists()
    result = cli("addin", "install")
    assert result.exit_code == 0 and "không có Microsoft Excel" in result.output
    assert (tmp_path / "cchc_xl.xlam").exists()
    assert cli("addin", "build", "-o", tmp_path / "x.xlsm").exit_code == 2


# --------------------------------------------------------------------------- the Python side, on xlwings' remote engine
def remote_book(path: Path, monkeypatch):
    """A real xw.Book of the remote engine, built from a workbook's values (as Excel sends them)."""
    import xlwings as xw  # XLWINGS_LICENSE_KEY=noncommercial (PolyForm Noncommercial) is set above

    wb = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in wb.worksheets:
        values = [[v.strftime("%Y-%m-%dT%H:%M:%S.000Z") if isinstance(v, dt.date) else v for v in row]
                  for row in ws.iter_rows(values_only=True)] or [[None]]
        sheets.append({"name": ws.title, "values": values, "pictures": [], "tables": [], "notes": [],
                       "charts": [], "shapes": []})
    payload = {"client": "Office.js", "version": xw.__version__,
               "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
               "names": [], "sheets": sheets}
    return xw.Book(json=payload)


ROWS = [
    {"stt": 1, "area": "Cải cách thể chế", "task": "Rà soát văn bản", "product": "Báo cáo",
     "lead_unit": "Phòng Pháp chế", "deadline": "Quý II/2020", "budget": 1_000_000},
    {"stt": 2, "area": "Cải cách thể chế", "task": "Phổ biến pháp luật", "product": "Hội nghị",
     "deadline": "Tháng 01/19", "budget": "194.000.000 đồng"},
    {"stt": 3, "area": "CÁI CÁCH THỂ CHẾ", "task": "Kiểm tra", "lead_unit": "Sở Nội vụ", "deadline": "Thường xuyên"},
]


def colored_cells(actions, sheet_names):
    out = {}
    for a in actions:
        if a["func"] == "setRangeColor":
            out[(sheet_names[a["sheet_position"]], cell_ref(a["start_row"] + 1, a["start_column"] + 1))] = \
                a["args"][0].lstrip("#").upper()
    return out


def test_kiem_tra_marks_exactly_what_annotate_marks(tmp_path, blank_template, config, monkeypatch):
    path = fill_template(blank_template, tmp_path / "nop.xlsx", ROWS)
    book = remote_book(path, monkeypatch)
    names = [s.name for s in book.sheets]
    done = on_ribbon("kiem_tra", book=book)

    result = check_file(str(path), config)
    annotated = annotate_file(result, config)
    expected = on_anchors(marks_for(result.findings), {})
    assert done["marks"] == expected, "the same cell marks list as --annotate"
    actions = book.json()["actions"]
    colors = colored_cells(actions, names)
    assert colors == {(m.sheet, m.cell): m.color for m in expected}
    notes = {a["args"][0].replace("$", ""): a["args"][1] for a in actions if a["func"] == "addNote"}
    assert set(notes) == {m.cell for m in expected}
    assert all(n.startswith("cchc-xl:\n") and m.comment in n for m in expected for c, n in notes.items() if c == m.cell)
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    assert added == [MARKS_SHEET, RESULTS_SHEET]
    alert = next(a for a in actions if a["func"] == "alert")
    assert alert["args"][0] == f"{result.errors} lỗi, {result.warnings} cảnh báo — xem trang Kết quả kiểm tra"
    links = [a["args"][0] for a in actions if a["func"] == "addHyperlink"]
    assert links == [f"#'Phụ lục'!{f.cell}" for f in result.findings]
    # the annotated copy painted by openpyxl has the same cells filled
    ws = openpyxl.load_workbook(annotated)["Phụ lục"]
    assert {c for (_, c) in colors} == {c.coordinate for row in ws.iter_rows() for c in row if c.comment}


def test_kiem_tra_on_an_annotated_copy_clears_before_marking(tmp_path, blank_template, config, monkeypatch):
    """Pressing Kiểm tra again (or on a .kiemtra copy) removes our sheets first: marks never stack."""
    path = fill_template(blank_template, tmp_path / "nop.xlsx", ROWS)
    annotated = annotate_file(check_file(str(path), config), config)
    book = remote_book(annotated, monkeypatch)
    done = on_ribbon("kiem_tra", book=book)
    actions = book.json()["actions"]
    funcs = [a["func"] for a in actions]
    assert funcs.count("sheetDelete") == 2 and funcs.count("addSheet") == 2
    last_delete = max(i for i, f in enumerate(funcs) if f == "sheetDelete")
    painted = [(a["sheet_position"], a["start_row"], a["start_column"]) for a in actions[last_delete:]
               if a["func"] == "setRangeColor"]
    assert len(painted) == len(set(painted)) == len(done["marks"]), "one colour per marked cell, not two"
    assert sum(1 for a in actions[last_delete:] if a["func"] == "addNote") == len(done["marks"])


def test_xoa_danh_dau_restores_and_removes(tmp_path, blank_template, config, monkeypatch):
    path = fill_template(blank_template, tmp_path / "nop.xlsx", ROWS)
    annotated = annotate_file(check_file(str(path), config), config)
    book = remote_book(annotated, monkeypatch)
    done = on_ribbon("xoa_danh_dau", book=book)
    assert done["restored"] == 6
    funcs = [a["func"] for a in book.json()["actions"]]
    assert funcs.count("sheetDelete") == 2 and "addSheet" not in funcs


def test_tao_mau_writes_a_template(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    book = remote_book(Path(__file__).parents[2] / "workbooks" / "mau-phu-luc-cchc.xlsx", monkeypatch)
    first = Path(on_ribbon("tao_mau", book=book)["template"])
    second = Path(on_ribbon("tao_mau", book=book)["template"])
    assert first.parent == tmp_path / "Documents" and first != second
    assert openpyxl.load_workbook(second).sheetnames[0] == "Phụ lục"


def test_tong_hop_without_a_folder_says_so(tmp_path, monkeypatch):
    book = remote_book(Path(__file__).parents[2] / "workbooks" / "mau-phu-luc-cchc.xlsx", monkeypatch)
    assert "Chưa chọn thư mục" in on_ribbon("tong_hop", None, book=book)["error"]
    folder = tmp_path / "nop"
    folder.mkdir()
    assert "không có tệp" in on_ribbon("tong_hop", str(folder), book=book)["error"]
