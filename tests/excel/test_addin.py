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
from cchc_xl.excel.build import CONF_SHEET, build_addin, settings
from cchc_xl.excel.ribbon import on_ribbon
from cchc_xl.excel.vba.project import read_project
from cchc_xl.formats.config_files import data_dir, load_config
from cchc_xl.formats.xlsx.annotate import annotate_file
from cchc_xl.table.sheets import MARKS as MARKS_SHEET
from cchc_xl.table.sheets import RESULTS as RESULTS_SHEET
from cchc_xl.usecases.check import check_file
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
def remote_book(path: Path, monkeypatch, fullname: str | None = None):
    """A real xw.Book of the remote engine, built from a workbook's values (as Excel sends them).

    ``fullname``: what the book's FullName is (Excel on Windows gives the whole path; the remote engine
    reports its name as its full name); by default the bare file name, as an unsaved book has."""
    import xlwings as xw  # XLWINGS_LICENSE_KEY=noncommercial (PolyForm Noncommercial) is set above

    wb = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in wb.worksheets:
        values = [[v.strftime("%Y-%m-%dT%H:%M:%S.000Z") if isinstance(v, dt.date) else v for v in row]
                  for row in ws.iter_rows(values_only=True)] or [[None]]
        sheets.append({"name": ws.title, "values": values, "pictures": [], "tables": [], "notes": [],
                       "charts": [], "shapes": []})
    payload = {"client": "Office.js", "version": xw.__version__,
               "book": {"name": fullname or path.name, "active_sheet_index": 0, "selection": "A1"},
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
    assert alert["args"][0] == f"{result.errors} lỗi, {result.warnings} cảnh báo — xem trang Kết quả kiểm tra\n" \
                               "Danh mục đơn vị: units.yaml (mặc định của cchc-xl)"
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


# --------------------------------------------------------------------------- the office's cau-hinh-cchc/ from the ribbon
def test_kiem_tra_uses_the_office_folder_beside_the_workbook(tmp_path, monkeypatch):
    """The commune's clerk: units.yaml of the commune in cau-hinh-cchc/ two folders up; no unit error."""
    import shutil

    from tests.app.test_cli import commune_office

    folder, path = commune_office(tmp_path, monkeypatch)
    done = on_ribbon("kiem_tra", book=remote_book(path, monkeypatch, fullname=str(path)))
    assert (done["errors"], done["warnings"]) == (0, 0), done
    assert done["registry"] == f"units.yaml (cau-hinh-cchc của văn phòng: {folder})"
    assert done["message"].splitlines()[1] == f"Danh mục đơn vị: {done['registry']}"
    book = remote_book(path, monkeypatch, fullname=str(path))
    on_ribbon("kiem_tra", book=book)
    written = [v for a in book.json()["actions"] if a["func"] == "setValues" for row in a["values"] for v in row]
    assert done["registry"] in written, "the results sheet names the registry and its folder"

    shutil.move(folder, tmp_path / "cat-di")  # the same book without the office folder: the Sở sample
    done = on_ribbon("kiem_tra", book=remote_book(path, monkeypatch, fullname=str(path)))
    assert done["errors"] >= 2 and done["registry"] == "units.yaml (mặc định của cchc-xl)"
    check = check_file(str(path), load_config(None, tmp_path / "cat-di" / "units.yaml"))
    assert check.errors == 0, "and the CLI with --units agrees with the ribbon with the folder"


def test_an_unsaved_book_finds_no_folder_and_bao_cao_asks_for_the_saved_master(tmp_path, monkeypatch):
    from tests.app.test_cli import commune_office

    _, path = commune_office(tmp_path, monkeypatch)
    monkeypatch.chdir(path.parent)  # Excel's Python runs anywhere: an unsaved book never means "here"
    unsaved = remote_book(path, monkeypatch, fullname="Book1")
    assert on_ribbon("kiem_tra", book=unsaved)["registry"] == "units.yaml (mặc định của cchc-xl)"
    assert "chưa được lưu trên máy" in on_ribbon("bao_cao", "quy1", book=unsaved)["error"]
    onedrive = remote_book(path, monkeypatch, fullname="https://d.docs.live.net/abc/tong-hop.xlsx")
    assert "chưa được lưu trên máy" in on_ribbon("bao_cao", "quy1", book=onedrive)["error"]


def test_tong_hop_and_tao_mau_use_the_chosen_folder_and_the_open_book(tmp_path, monkeypatch):
    from tests.app.test_cli import commune_office

    folder, path = commune_office(tmp_path, monkeypatch)
    scratch = remote_book(Path(__file__).parents[2] / "workbooks" / "mau-phu-luc-cchc.xlsx", monkeypatch)
    done = on_ribbon("tong_hop", str(path.parent), book=scratch)
    assert (done["rejected"], done["rows"]) == (0, 2), done
    assert done["registry"] == f"units.yaml (cau-hinh-cchc của văn phòng: {folder})"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "Documents").mkdir(parents=True)
    made = on_ribbon("tao_mau", book=remote_book(path, monkeypatch, fullname=str(path)))
    assert made["registry"] == done["registry"], "Tạo mẫu with the commune's book open: the commune's units"
    lists = openpyxl.load_workbook(made["template"])["Danh mục"]
    assert "Phòng Kinh tế" in {c.value for row in lists.iter_rows() for c in row}
    assert on_ribbon("tao_mau", book=scratch)["registry"] == "units.yaml (mặc định của cchc-xl)"


# --------------------------------------------------------------------------- the VBA guards (Excel itself not run)
BAS = data_dir("macros") / "CchcRibbon.bas"
MESSAGES = {
    "no_book": "Chưa có workbook nào đang mở. Mở phụ lục (.xlsx) cần kiểm tra rồi bấm lại.",
    "no_master": "Chưa mở tệp tổng hợp. Mở tong-hop.xlsx (trong thư mục bài nộp) rồi bấm Báo cáo… lại.",
    "protected": "Tệp đang mở ở Chế độ xem được bảo vệ (Protected View): Excel chưa cho đọc hay tô màu tệp này. "
                 "Bấm “Enable Editing” (Cho phép chỉnh sửa) trên thanh vàng phía trên bảng tính rồi bấm lại.",
    "read_only": "Tệp đang mở ở chế độ chỉ đọc (Read-Only): màu và ghi chú sẽ không lưu được vào tệp. Lưu một bản "
                 "vào thư mục của bạn (File > Save As), mở bản đó rồi bấm lại; nếu tệp đang được người khác mở trên "
                 "mạng, chờ họ đóng tệp.",
    "not_saved": "Tệp tổng hợp chưa được lưu trên máy. Báo cáo… đọc tệp đã lưu: mở tong-hop.xlsx trong thư mục bài "
                 "nộp rồi bấm lại.",
    "mac_folder": "Mở một tệp trong thư mục bài nộp rồi bấm Tổng hợp… (thư mục của tệp đó được tổng hợp).",
    "unsaved": "Tệp tổng hợp có thay đổi chưa lưu. Báo cáo… đọc tệp đã lưu trên đĩa, nên những thay đổi đó sẽ không có "
               "trong báo cáo. Lưu tệp bây giờ rồi lập báo cáo? (Yes: lưu rồi lập báo cáo; No: không lập báo cáo)",
    "save_failed": "Không lưu được tệp tổng hợp (tệp chỉ đọc hoặc đang bị khóa). Lưu tệp (File > Save As nếu cần), mở "
                   "bản đã lưu rồi bấm Báo cáo… lại.",
}


def vba_u(text: str) -> str:
    """The .bas's U(): \\uXXXX -> the character, as VBA's ChrW does (same loop, in Python)."""
    out, i = [], 0
    while i < len(text):
        if text[i:i + 2] == "\\u" and i + 6 <= len(text):
            out.append(chr(int(text[i + 2:i + 4], 16) * 256 + int(text[i + 4:i + 6], 16)))
            i += 6
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def vba_messages(source: str) -> dict[str, str]:
    block = source.split("Private Function Message(", 1)[1].split("End Select", 1)[0]
    out = {}
    for key, body in re.findall(r'Case "(\w+)": Message = (.*?)(?=\r\n\s*Case |\r\n\s*$)', block, re.S):
        out[key] = vba_u("".join(re.findall(r'"((?:[^"]|"")*)"', body)))
    return out


def test_the_clerks_messages_decode_to_vietnamese():
    import unicodedata

    source = BAS.read_bytes().decode("ascii")
    messages = vba_messages(source)
    assert messages == MESSAGES
    assert all(unicodedata.is_normalized("NFC", m) for m in messages.values())
    said = set(re.findall(r'Say "(\w+)"', source)) | set(re.findall(r'BookReady\(\w+, "(\w+)"\)', source)) | \
        set(re.findall(r'Ask\("(\w+)"\)', source))
    assert said == set(messages), "every message shown exists, every message is shown"
    assert "MessageBoxW" in source and "StrPtr(text)" in source, "VBA's MsgBox cannot show Vietnamese on Windows"
    assert 'U = out' in source and 'Mid$(text, i + 2, 2)) * 256 + CLng("&H" & Mid$(text, i + 4, 2))' in source


def test_bao_cao_offers_to_save_unsaved_edits_before_reading_the_file():
    """Báo cáo… reads the master on disk: edits only on screen would be missing from the report without a word. The
    guard asks (Yes: save, then report; No: no report) and stops when the save did not happen (read-only)."""
    source = BAS.read_bytes().decode("ascii")
    guard = source.split("Private Function SavedOrSave()", 1)[1].split("End Function", 1)[0]
    steps = ["If ActiveWorkbook.Saved Then", "SavedOrSave = True", "Exit Function",
             'If Not Ask("unsaved") Then Exit Function', "ActiveWorkbook.Save\r\n", "If ActiveWorkbook.Saved Then",
             'Say "save_failed"']
    at = 0
    for step in steps:  # each in its turn, after the one before
        at = guard.index(step, at) + len(step)
    ask = source.split("Private Function Ask(", 1)[1].split("End Function", 1)[0]
    assert "MessageBoxW(Application.Hwnd, StrPtr(text), StrPtr(title), &H24&) = 6" in ask, "MB_YESNO|MB_ICONQUESTION, IDYES"
    assert "MsgBox(text, vbYesNo + vbQuestion, title) = vbYes" in ask and ask.index("#If Mac") < ask.index("MsgBox")


def test_on_action_guards_each_button_before_run_python():
    source = BAS.read_bytes().decode("ascii")
    body = source.split("Public Sub OnAction(", 1)[1].split("End Sub", 1)[0]
    cases = dict(re.findall(r'\r\n    Case ([^\r]+)\r\n(.*?)(?=\r\n    Case |\r\n    End Select)', body, re.S))
    assert set(cases) == {'"kiem_tra", "xoa_danh_dau"', '"bao_cao"', '"tong_hop"', "Else"}
    edit = cases['"kiem_tra", "xoa_danh_dau"']
    assert edit.index('If Not BookReady(True, "no_book") Then Exit Sub') < edit.index("RunPython")
    report = cases['"bao_cao"']
    assert report.index('BookReady(False, "no_master")') < report.index('ActiveWorkbook.Path = ""') < \
        report.index('Say "not_saved"') < report.index("If Not SavedOrSave() Then Exit Sub") < \
        report.index("InputBox") < report.index("RunPython")
    for free in (cases['"tong_hop"'], cases["Else"]):
        assert "RunWithABook" in free and "BookReady" not in free and "RunPython " not in free
    ready = source.split("Private Function BookReady(", 1)[1].split("End Function", 1)[0]
    assert ready.index("InProtectedView()") < ready.index("ActiveWorkbook Is Nothing") < \
        ready.index("mustEdit And ActiveWorkbook.ReadOnly"), "Protected View first: it also has no ActiveWorkbook"
    scratch = source.split("Private Sub RunWithABook(", 1)[1].split("End Sub", 1)[0]
    assert "If ActiveWorkbook Is Nothing Then Set scratch = Workbooks.Add" in scratch
    assert scratch.index("RunPython pyCommand") < scratch.index("scratch.Close SaveChanges:=False")
    assert "app.ActiveProtectedViewWindow" in source and "Set app = Application" in source, "late-bound (Mac)"
    from cchc_xl.excel.ribbon import ACTIONS
    assert set(ACTIONS) == {"kiem_tra", "xoa_danh_dau", "bao_cao", "tong_hop", "tao_mau", "huong_dan"}


def test_clicks_reuse_the_schema_until_the_office_edits_its_files(tmp_path, monkeypatch):
    """The add-in's Python lives as long as Excel: clicking Kiểm tra again builds no new schema; an edited
    units.yaml is read at the next click (and gets its own schema)."""
    import cchc_xl.check.schema as schema_module
    from tests.app.test_cli import commune_office

    built: list[str] = []
    real = schema_module.build_schema
    monkeypatch.setattr(schema_module, "build_schema", lambda config, family="plan": built.append(family) or
                        real(config, family))
    folder, path = commune_office(tmp_path, monkeypatch)
    clicks = [on_ribbon("kiem_tra", book=remote_book(path, monkeypatch, fullname=str(path))) for _ in range(3)]
    assert [(c["errors"], c["warnings"]) for c in clicks] == [(0, 0)] * 3 and built == ["plan"], built
    units = folder / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("units:", "units:\n  - Phòng Mới Thêm", 1),
                     encoding="utf-8")
    on_ribbon("kiem_tra", book=remote_book(path, monkeypatch, fullname=str(path)))
    assert built == ["plan", "plan"], "the edited registry is read"
