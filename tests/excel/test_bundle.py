"""The offline Windows bundle (`cchc-xl addin bundle`), tested up to Windows itself (not available here).

Offline: the installer scripts' content (CRLF, UTF-8, each check, in order, every goto has its label),
and the marker walk that makes up for pip evaluating markers against this machine (pypa/pip#4304),
on small wheels written here. With the package registry that `pip install '.[test]'` already needs:
a real win_amd64 bundle (a wheel for every runtime dependency, pywin32 included), and a bundle for
this machine installed into a fresh venv with pip's indexes off, as cai-dat.cmd installs it.
Not run: the .cmd scripts themselves (no cmd.exe here), Excel.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from cchc_xl import __version__
from cchc_xl.errors import AddinError
from cchc_xl.excel.bundle import Target, closure, complete, write_scripts

RUNTIME = {"openpyxl", "pandas", "pandera", "click", "pyyaml", "defusedxml", "python-calamine", "python-docx",
           "xlwings", "olefile", "packaging"}


# --------------------------------------------------------------------------- the scripts
@pytest.fixture(scope="module")
def scripts(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("scripts")
    return {p.name: p.read_bytes() for p in write_scripts(folder, "9.8.7", "3.11")}


def lines(raw: bytes) -> list[str]:
    return raw.decode("utf-8").split("\r\n")


def test_scripts_are_crlf_utf8_without_bom(scripts):
    assert set(scripts) == {"cai-dat.cmd", "go-cai-dat.cmd", "DOC-TRUOC.txt"}
    for name, raw in scripts.items():
        assert b"\n" in raw and not re.search(rb"(?<!\r)\n", raw), f"{name}: bare LF"
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}: a BOM breaks cmd's first line"
        text = raw.decode("utf-8")
        assert "@VERSION@" not in text and "@PYTHON@" not in text and "9.8.7" in text
    for name in ("cai-dat.cmd", "go-cai-dat.cmd"):
        text = scripts[name].decode("utf-8")
        head = lines(scripts[name])
        assert head[0] == "@echo off" and all(line.isascii() for line in head[:head.index("chcp 65001 >nul") + 1])
        commands = [line for line in head if not line.lower().startswith("rem ")]
        assert not [line for line in commands if "powershell" in line.lower()], "no execution policy to meet"
        assert "Excel đang mở" in text, "messages in Vietnamese, with their diacritics"


def test_every_goto_has_its_label_and_echo_lines_are_cmd_safe(scripts):
    for name in ("cai-dat.cmd", "go-cai-dat.cmd"):
        text = lines(scripts[name])
        labels = {line[1:].strip() for line in text if line.startswith(":")}
        gotos = {m for line in text for m in re.findall(r"\bgoto (\w+)", line)}
        assert gotos <= labels and gotos, name
        for line in text:
            if line.lstrip().lower().startswith(("echo ", "rem ")):  # & | < > in an echo would run or redirect
                assert not re.search(r"[&|<>]", line[5:]), f"{name}: {line}"


PATHS = ("HERE", "VENV", "WHEELS", "XLAM", "APPDATA", "USERPROFILE", "LOCALAPPDATA", "TEMP")


def test_every_path_a_script_expands_is_quoted(scripts):
    """%HERE% is wherever the clerk copied the bundle, e.g. D:\\Tài liệu & Biểu mẫu\\cchc-xl: unquoted, cmd reads the
    & as the end of the command and runs "Biểu" (an echo as much as a del). A rem line is never expanded safely."""
    for name in ("cai-dat.cmd", "go-cai-dat.cmd"):
        for line in lines(scripts[name]):
            if line.lower().startswith("rem "):
                assert not re.search(r"%\w+%", line), f"{name}: {line}"
                continue
            bare = re.sub(r'"[^"]*"', "", line)  # what is left outside double quotes
            assert not [v for v in re.findall(r"%(\w+)%", bare) if v in PATHS or line.lower().startswith("echo ")], \
                f"{name}: {line}"
    unquoted = "echo Thư mục cài đặt: %HERE%"  # the line the review found; the rule above catches it
    assert re.findall(r"%(\w+)%", re.sub(r'"[^"]*"', "", unquoted)) == ["HERE"]


def test_cai_dat_checks_python_and_excel_before_installing_from_the_wheels_only(scripts):
    text = scripts["cai-dat.cmd"].decode("utf-8")
    steps = ["chcp 65001", 'set "VENV=%HERE%venv"', "where py", '%PY% -c "import sys"',
             'tasklist /FI "IMAGENAME eq EXCEL.EXE"', 'find /I "EXCEL.EXE"', "if not errorlevel 1 goto excel_open",
             '%PY% -m venv "%VENV%"',
             '-m pip install --no-index --find-links "%WHEELS%" --only-binary=:all:',
             '--force-reinstall --no-deps "cchc-xl==9.8.7"',
             '--upgrade "cchc-xl[addin]==9.8.7"', '-m cchc_xl addin install']
    positions = [text.index(step) for step in steps]
    assert positions == sorted(positions), "checks first, then the venv, then pip (own wheel, then the rest), the add-in"
    installs = [line for line in lines(scripts["cai-dat.cmd"]) if " -m pip install " in line]
    assert len(installs) == 2 and all(line.startswith('"%VENV%\\Scripts\\python.exe" -m pip install --no-index')
                                      for line in installs)
    assert 'set "PY=py -3.11-64"' in text, "the py launcher, Python 3.11, 64-bit: the wheels' own tags"
    assert 'set "WHEELS=%HERE%wheels"' in text and "endlocal & exit /b %CCHC_RC%" in text
    for label in ("no_launcher", "no_python", "excel_open", "venv_failed", "pip_failed", "addin_failed"):
        block = text.split(f"\r\n:{label}\r\n", 1)[1].split("goto end", 1)[0]
        assert "echo LỖI:" in block and "set \"CCHC_RC=" in block, label


def test_go_cai_dat_removes_the_addin_and_the_venv_only(scripts):
    text = scripts["go-cai-dat.cmd"].decode("utf-8")
    assert text.index('tasklist /FI "IMAGENAME eq EXCEL.EXE"') < text.index('del /f /q "%XLAM%"') < \
        text.index('rmdir /s /q "%VENV%"')
    assert 'set "XLAM=%APPDATA%\\Microsoft\\Excel\\XLSTART\\cchc_xl.xlam"' in text
    assert [line for line in lines(scripts["go-cai-dat.cmd"]) if re.match(r"\s*(del|rmdir|rd|erase)\b", line)] == \
        ['del /f /q "%XLAM%"', 'rmdir /s /q "%VENV%"']


def test_the_addin_path_in_the_scripts_is_where_install_puts_it(monkeypatch):
    from cchc_xl.excel.build import startup_folder

    monkeypatch.setenv("APPDATA", r"C:\Users\vt\AppData\Roaming")
    assert str(startup_folder("win32") / "cchc_xl.xlam").replace("/", "\\") == \
        r"C:\Users\vt\AppData\Roaming\Microsoft\Excel\XLSTART\cchc_xl.xlam"


# --------------------------------------------------------------------------- the target's markers, offline
def wheel(folder: Path, name: str, version: str, requires: list[str], tag: str = "py3-none-any") -> Path:
    """A minimal real wheel: METADATA with Requires-Dist lines."""
    path = folder / f"{name.replace('-', '_')}-{version}-{tag}.whl"
    meta = [f"Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"] + [f"Requires-Dist: {r}" for r in requires]
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(f"{name.replace('-', '_')}-{version}.dist-info/METADATA", "\n".join(meta) + "\n")
    return path


def test_the_walk_uses_the_targets_markers_not_this_machines(tmp_path):
    project = wheel(tmp_path, "cchc-xl", "1.0", ['xlwings>=0.37; extra == "addin"', "click>=8"])
    wheel(tmp_path, "click", "8.1", ['colorama; platform_system == "Windows"'])
    wheel(tmp_path, "xlwings", "0.37.8", ['pywin32>=224; platform_system == "Windows"',
                                          'appscript>=1; platform_system == "Darwin"'], "cp311-cp311-win_amd64")
    wheel(tmp_path, "uvloop", "0.19", [])  # pulled in by a Linux-only marker of this machine
    needed, missing = closure(tmp_path, project, Target("win_amd64", "3.11"))
    assert missing == ["colorama", "pywin32>=224"] and "appscript" not in needed
    wheel(tmp_path, "colorama", "0.4.6", [])
    wheel(tmp_path, "pywin32", "200", [], "cp311-cp311-win_amd64")
    assert closure(tmp_path, project, Target("win_amd64", "3.11"))[1] == ["pywin32>=224"], "a version too old"
    (tmp_path / "pywin32-200-cp311-cp311-win_amd64.whl").unlink()
    wheel(tmp_path, "pywin32", "311", [], "cp311-cp311-win_amd64")
    complete(tmp_path, project, Target("win_amd64", "3.11"))
    assert sorted(p.name.split("-")[0] for p in tmp_path.glob("*.whl")) == \
        ["cchc_xl", "click", "colorama", "pywin32", "xlwings"], "uvloop, needed by no one on Windows, dropped"
    wheel(tmp_path, "pandas", "3.0", [], "cp311-cp311-manylinux_2_28_x86_64")
    (tmp_path / "click-8.1-py3-none-any.whl").unlink()
    wheel(tmp_path, "click", "8.1", ["pandas"])
    with pytest.raises(AddinError, match="pandas-3.0-cp311-cp311-manylinux_2_28_x86_64.whl: không dùng được"):
        complete(tmp_path, project, Target("win_amd64", "3.11"))


def test_bundle_refuses_a_folder_that_holds_files(tmp_path, cli):
    (tmp_path / "cu").mkdir()
    (tmp_path / "cu" / "ghi-chu.txt").write_text("x")
    result = cli("addin", "bundle", "-o", tmp_path / "cu")
    assert result.exit_code == 2 and "không trống" in result.output
    assert (tmp_path / "cu" / "ghi-chu.txt").read_text() == "x"
    assert cli("addin", "bundle", "-o", tmp_path / "b", "--python", "ba").exit_code == 2
    with pytest.raises(AddinError, match="chỉ tạo được bộ cài cho Windows"):
        Target("macosx_11_0_arm64").markers()


# --------------------------------------------------------------------------- real bundles (the package registry)
def requires(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(z.read(name).decode()).get_all("Requires-Dist") or []


@pytest.mark.slow
def test_windows_bundle_has_a_win_amd64_wheel_for_every_runtime_dependency(tmp_path, cli):
    from packaging.utils import parse_wheel_filename

    result = cli("addin", "bundle", "-o", tmp_path / "win", "--python", "3.11")
    assert result.exit_code == 0, result.output
    wheels = sorted((tmp_path / "win" / "wheels").glob("*.whl"))
    parsed = {str(parse_wheel_filename(w.name)[0]): parse_wheel_filename(w.name) for w in wheels}
    assert RUNTIME | {"cchc-xl", "pywin32", "numpy", "tzdata"} <= set(parsed), sorted(parsed)
    for name, (_, _, _, tags) in parsed.items():
        platforms = {t.platform for t in tags}
        assert platforms <= {"any", "win_amd64"} and ({t.interpreter for t in tags} & {"py3", "py2", "cp311"}), name
    assert any(t.platform == "win_amd64" for t in parsed["pandas"][3]), "compiled packages: the Windows build"
    assert str(parsed["cchc-xl"][1]) == __version__
    project = tmp_path / "win" / "wheels" / f"cchc_xl-{__version__}-py3-none-any.whl"
    assert set(requires(project)) >= {'xlwings>=0.37; extra == "addin"'}
    assert closure(project.parent, project, Target("win_amd64", "3.11"))[1] == [], "nothing missing for Windows"
    assert sorted(p.name for p in (tmp_path / "win").iterdir()) == \
        ["DOC-TRUOC.txt", "cai-dat.cmd", "go-cai-dat.cmd", "kiem-thu", "wheels"]
    assert sorted(p.name for p in (tmp_path / "win" / "kiem-thu").iterdir()) == \
        ["KIEM-THU-EXCEL.md", "phong-phap-che-2020.xlsx"], "the first office's test script and its sample"
    assert not list(tmp_path.glob(".cchc-bundle-*")), "no half-written folder left"


@pytest.mark.slow
def test_a_bundle_for_this_machine_installs_with_no_index_as_cai_dat_does(tmp_path, cli, blank_template, monkeypatch):
    """What cai-dat.cmd does, on Linux: a new venv, pip with no index and only the bundle's wheels, then the
    installed (not editable) cchc-xl checks a workbook and builds the add-in from its packaged files."""
    from tests.support.workbooks import fill_template

    result = cli("addin", "bundle", "-o", tmp_path / "b", "--platform", "local")
    assert result.exit_code == 0, result.output
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull  # this machine's find-links and indexes off: the bundle alone
    cai_dat(python, tmp_path / "b", env)
    sample = fill_template(blank_template, tmp_path / "nop.xlsx",
                           [{"stt": 1, "area": "Cải cách thể chế", "task": "Rà soát", "product": "Báo cáo",
                             "lead_unit": "Phòng Pháp chế", "deadline": "Quý II/2020", "budget": 1_000_000}])
    run = subprocess.run([str(venv / "bin" / "cchc-xl"), "check", str(sample)], capture_output=True, text=True,
                         env=env, cwd=tmp_path)
    assert run.returncode == 0 and "Danh mục đơn vị: units.yaml (mặc định của cchc-xl)" in run.stderr, run.stderr
    where = subprocess.run([str(python), "-c", "import cchc_xl; print(cchc_xl.__file__)"], capture_output=True,
                           text=True, env=env, cwd=tmp_path).stdout
    assert where.startswith(str(venv)), "the bundle's copy, not this checkout"
    build = subprocess.run([str(venv / "bin" / "cchc-xl"), "addin", "build", "-o", str(tmp_path / "x.xlam")],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert build.returncode == 0 and (tmp_path / "x.xlam").stat().st_size > 10_000, build.stderr

    # a newer bundle of the same version (0.1.0): cai-dat.cmd run again over the same venv installs its code
    newer = tmp_path / "b2"
    shutil.copytree(tmp_path / "b", newer, copy_function=os.link)
    mine = next((newer / "wheels").glob("cchc_xl-*.whl"))
    mine.unlink()
    changed = changed_wheel(tmp_path / "src2", tmp_path / "w2", monkeypatch)
    assert changed.name == mine.name, "same name and version: only the content differs"
    shutil.copy(changed, mine)
    cai_dat(python, newer, env)
    mark = subprocess.run([str(python), "-c", "import cchc_xl; print(cchc_xl.BUNDLE_MARK)"], capture_output=True,
                          text=True, env=env, cwd=tmp_path)
    assert mark.stdout.strip() == "bundle 2", "the new code, not the old one kept as 'already satisfied'"


def cai_dat(python: Path, bundle: Path, env: dict[str, str]) -> None:
    """Every `pip install` line of the bundle's cai-dat.cmd, in order, with this venv's python."""
    text = scripts_text(bundle / "cai-dat.cmd")
    found = re.findall(r'^"%VENV%\\Scripts\\python.exe" -m pip install ([^\r\n]*)\r?$', text, re.M)
    assert len(found) == 2, found
    for args in found:
        argv = [a.replace("%WHEELS%", str(bundle / "wheels")).strip('"') for a in re.findall(r'"[^"]*"|\S+', args)]
        proc = subprocess.run([str(python), "-m", "pip", "install", *argv], capture_output=True, text=True, env=env)
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def changed_wheel(src: Path, dest: Path, monkeypatch) -> Path:
    """cchc-xl's wheel, built as the bundle builds it, from a copy of the sources with one change."""
    from cchc_xl.excel import bundle

    root = bundle.project_root()
    src.mkdir()
    for part in bundle.SOURCE_PARTS:
        (shutil.copytree if (root / part).is_dir() else shutil.copy2)(root / part, src / part)
    init = src / "cchc_xl" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + '\nBUNDLE_MARK = "bundle 2"\n', encoding="utf-8")
    monkeypatch.setattr(bundle, "project_root", lambda: src)
    dest.mkdir()
    return bundle.build_project_wheel(dest)


def scripts_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_the_bundle_folder_is_made_as_mkdir_makes_a_folder(tmp_path, monkeypatch):
    """tempfile.mkdtemp makes 0700: the bundle, copied to a share for the IT administrator, was readable by its maker
    only. The package registry's steps are replaced by a small wheel here; the folder, scripts and kit are real."""
    import stat

    from cchc_xl.excel import bundle

    monkeypatch.setattr(bundle, "build_project_wheel", lambda dest: wheel(dest, "cchc-xl", "9.8.7", []))
    monkeypatch.setattr(bundle, "download", lambda *args, **kwargs: None)
    monkeypatch.setattr(bundle, "complete", lambda *args, **kwargs: None)
    old = os.umask(0o022)
    try:
        made = bundle.build_bundle(tmp_path / "win")
    finally:
        os.umask(old)
    assert stat.S_IMODE(made.folder.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in made.folder.iterdir() if p.is_dir()} == {0o755}
    assert sorted(p.name for p in made.folder.iterdir()) == \
        ["DOC-TRUOC.txt", "cai-dat.cmd", "go-cai-dat.cmd", "kiem-thu", "wheels"]
