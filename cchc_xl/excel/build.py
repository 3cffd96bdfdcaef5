"""Build the Excel add-in (cchc_xl.xlam) from the xlwings template and macros/.

Nothing binary is committed: the template comes from the *installed* xlwings
package (so its RunPython VBA matches the Python side), our VBA is source in
macros/, and the ribbon is macros/customUI.xml. The template's demo module is
replaced by ours, its config sheet is enabled as ``cchc_xl.conf`` and filled
with the interpreter that builds the add-in.
"""

from __future__ import annotations

import os
import re
import sys
import zipfile
from pathlib import Path

from cchc_xl.errors import AddinError
from cchc_xl.excel.vba.project import Module, read_project, write_project
from cchc_xl.formats.config_files import data_dir
from cchc_xl.formats.files import atomic_write
from cchc_xl.formats.xlsx.stream import escape

PROJECT = "cchc_xl"
CONF_SHEET = f"{PROJECT}.conf"
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
UI_2006 = b"http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
UI_2007 = b"http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
_DEMO_MODULE = "RibbonMyAddin"


def xlwings_template() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.origin:
        raise AddinError('chưa cài xlwings. Hãy chạy: pip install "cchc-xl[addin]"')
    path = Path(spec.origin).parent / TEMPLATE_NAME
    if not path.exists():
        raise AddinError(f"gói xlwings đã cài không có {TEMPLATE_NAME}; cần xlwings 0.37 trở lên.")
    return path


def our_modules() -> list[Module]:
    """Every .bas in macros/, as VBA stores it (the file's bytes, CRLF, cp1252)."""
    modules = []
    for path in sorted(data_dir("macros").glob("*.bas")):
        source = path.read_bytes()
        match = re.match(rb'Attribute VB_Name = "([^"]+)"', source)
        if not match:
            raise AddinError(f"{path.name}: dòng đầu phải là Attribute VB_Name = \"...\"")
        source.decode("ascii")  # VBA reads cp1252: keep our sources ASCII
        modules.append(Module(match.group(1).decode(), source))
    return modules


def settings(platform: str | None = None) -> list[tuple[str, str | bool]]:
    """The conf sheet: the Python that builds the add-in is the one Excel will start."""
    platform = platform or sys.platform
    interpreter = sys.executable
    if platform.startswith("win") and interpreter.lower().endswith("python.exe"):
        interpreter = interpreter[: -len("python.exe")] + "pythonw.exe"  # no console window
    package_parent = str(Path(__file__).resolve().parents[2])  # the folder holding cchc_xl/
    return [
        ("Interpreter_Win", interpreter if platform.startswith("win") else ""),
        ("Interpreter_Mac", interpreter if platform == "darwin" else ""),
        ("PYTHONPATH", package_parent),
        ("Conda Path", ""),
        ("Conda Env", ""),
        ("UDF Modules", ""),
        ("Debug UDFs", False),
        ("Use UDF Server", False),
        ("Show Console", False),
    ]


def _conf_sheet_xml(original: str, values: list[tuple[str, str | bool]]) -> str:
    rows = []
    for r, (key, value) in enumerate(values, start=1):
        cells = f'<c r="A{r}" t="inlineStr"><is><t>{escape(key)}</t></is></c>'
        if isinstance(value, bool):
            cells += f'<c r="B{r}" t="b"><v>{int(value)}</v></c>'
        elif value:
            cells += f'<c r="B{r}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
        rows.append(f'<row r="{r}">{cells}</row>')
    xml = re.sub(r"<sheetData>.*</sheetData>|<sheetData\s*/>", "<sheetData>" + "".join(rows) + "</sheetData>",
                 original, flags=re.S)
    return re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:B{len(values)}"/>', xml)


def _vba(template_bin: bytes) -> bytes:
    project = read_project(template_bin)
    kept = [m for m in project.modules if m.name != _DEMO_MODULE]
    for m in kept:
        if m.name == "xlwings":  # the template's config sheet and files are named after the project
            m.source = re.sub(rb'(Public Const PROJECT_NAME As String = ")[^"]*(")',
                              rb"\g<1>" + PROJECT.encode() + rb"\g<2>", m.source)
    project.modules = kept + our_modules()
    for m in project.modules:  # the template stores some modules with bare LF; Excel's own modules are CRLF
        m.source = re.sub(rb"\r?\n", b"\r\n", m.source)
    return write_project(project, PROJECT)


def build_addin(output: str | os.PathLike, platform: str | None = None) -> Path:
    """Write the add-in to ``output`` (atomically) and return its path."""
    output = Path(output)
    if output.suffix.lower() != ".xlam":
        raise AddinError("tệp add-in phải có đuôi .xlam.")
    template = xlwings_template()
    custom_ui = (data_dir("macros") / "customUI.xml").read_bytes()
    with zipfile.ZipFile(template) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    sheet_part = _conf_sheet_part(parts)
    parts["xl/vbaProject.bin"] = _vba(parts["xl/vbaProject.bin"])
    parts["customUI/customUI.xml"] = custom_ui
    # Our ribbon is written in the 2006/01 customUI namespace: Microsoft pairs it with the 2006 relationship
    # type (the template's 2007 type belongs to the 2009/07 namespace of a customUI14.xml part).
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(UI_2007, UI_2006)
    workbook = parts["xl/workbook.xml"].decode("utf-8")
    workbook = re.sub(r'name="_?[^"]*\.conf"', f'name="{CONF_SHEET}"', workbook)
    workbook = re.sub(r"<mc:AlternateContent.*?</mc:AlternateContent>", "", workbook, flags=re.S)  # builder's path
    parts["xl/workbook.xml"] = workbook.encode("utf-8")
    parts[sheet_part] = _conf_sheet_xml(parts[sheet_part].decode("utf-8"), settings(platform)).encode("utf-8")

    def write(tmp: str) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts.items():
                out.writestr(name, data)

    return atomic_write(output, write)


def _conf_sheet_part(parts: dict[str, bytes]) -> str:
    """The worksheet part of the template's config sheet (its only sheet)."""
    sheets = [n for n in parts if re.match(r"xl/worksheets/sheet\d+\.xml$", n)]
    if len(sheets) != 1:
        raise AddinError("mẫu add-in của xlwings có cấu trúc lạ (cần đúng một trang cấu hình).")
    return sheets[0]


def startup_folder(platform: str | None = None) -> Path | None:
    """Excel's start-up folder (XLSTART) for this user, or None where there is no Excel."""
    platform = platform or sys.platform
    home = Path.home()
    if platform.startswith("win"):
        return Path(os.environ.get("APPDATA", home / "AppData" / "Roaming")) / "Microsoft" / "Excel" / "XLSTART"
    if platform == "darwin":
        return (home / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content.localized"
                / "Startup.localized" / "Excel")
    return None
