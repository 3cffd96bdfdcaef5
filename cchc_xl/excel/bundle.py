"""An offline installer for a clerk's Windows PC, built on any machine with the package registry.

Government PCs often have no internet and no right to run PowerShell scripts, so
``cchc-xl addin bundle -o DIR`` writes a folder to carry over on a USB stick:
``wheels/`` (the project's own wheel and a wheel of every runtime dependency, xlwings
included, for the target: win_amd64, CPython 3.11 by default; the versions installed
here, which are the ones tested, wherever the target has them), ``kiem-thu/`` (the
manual Excel test script and its sample submission), and two cmd scripts (CRLF, UTF-8
under ``chcp 65001``): ``cai-dat.cmd`` checks Python (the ``py`` launcher) and that
Excel is closed, makes a venv beside itself, installs from ``wheels/`` only and runs
``addin install``; ``go-cai-dat.cmd`` undoes that.

pip evaluates environment markers against the machine it runs on even with
``--platform`` (pypa/pip#4304, #11664): from Linux it would skip xlwings'
``pywin32; platform_system == "Windows"``. So after pip has
downloaded, the requirement graph is walked again here with the *target's* markers
(``packaging``): what is missing is downloaded, what the target does not need is
dropped, and every wheel's tags are checked against the target's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from email.parser import Parser
from pathlib import Path
from typing import Any, Callable

from cchc_xl.errors import AddinError
from cchc_xl.formats.config_files import data_dir

SCRIPTS = ("cai-dat.cmd", "go-cai-dat.cmd")
README = "DOC-TRUOC.txt"
TEST_KIT = "kiem-thu"
SAMPLE = "workbooks/mau/phong-phap-che-2020.xlsx"   # the submission with known defects KIEM-THU-EXCEL.md checks
LOCAL = "local"
ROOT_EXTRAS = ("addin",)
# what a source checkout holds that the wheel is built from (setup.cfg lists the packages and their data)
SOURCE_PARTS = ("setup.cfg", "pyproject.toml", "README.md", "cchc_xl", "validation", "macros")


@dataclass(frozen=True)
class Target:
    """The machine the bundle is for: a wheel platform tag and a CPython version, or this very machine."""

    platform: str = "win_amd64"
    python: str = "3.11"

    @property
    def local(self) -> bool:
        return self.platform == LOCAL

    def markers(self) -> dict[str, str]:
        """The PEP 508 environment of the target, for the markers pip evaluates against this machine."""
        from packaging.markers import default_environment

        env = {key: str(value) for key, value in default_environment().items()}
        if self.local:
            return env
        if not self.platform.startswith("win"):
            raise AddinError(f"nền tảng {self.platform!r}: chỉ tạo được bộ cài cho Windows (win_amd64) hoặc 'local'.")
        env.update(os_name="nt", sys_platform="win32", platform_system="Windows",
                   platform_machine="AMD64" if self.platform.endswith("amd64") else "x86",
                   platform_release="10", platform_version="10.0", implementation_name="cpython",
                   platform_python_implementation="CPython", python_version=self.python,
                   python_full_version=f"{self.python}.0", implementation_version=f"{self.python}.0")
        return env

    def tags(self) -> set[Any]:
        """Every wheel tag the target's pip accepts."""
        from packaging import tags

        if self.local:
            return set(tags.sys_tags())
        version = tuple(int(p) for p in self.python.split("."))
        interpreter = f"cp{version[0]}{version[1]}"
        return set(tags.cpython_tags(version, platforms=[self.platform])) | \
            set(tags.compatible_tags(version, interpreter, [self.platform]))

    def pip_args(self) -> list[str]:
        if self.local:
            return []
        return ["--platform", self.platform, "--python-version", self.python, "--implementation", "cp"]


@dataclass
class Bundle:
    """What was written: the folder, the wheels (the project's first) and the installer scripts."""

    folder: Path
    project: Path
    wheels: list[Path] = field(default_factory=list)
    scripts: list[Path] = field(default_factory=list)


def build_bundle(output: str | os.PathLike, target: Target = Target(),
                 say: Callable[[str], None] = lambda _: None) -> Bundle:
    """Write the offline installer folder ``output`` (which must not exist or be empty) for ``target``.

    Built in a temporary folder beside ``output`` and moved in place at the end: a failure (no
    network, a dependency without a wheel for the target) leaves nothing half-written."""
    output = Path(output)
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise AddinError(f"{output}: đã có và không trống; hãy chọn một thư mục mới cho bộ cài.")
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise AddinError(f"{output}: thư mục {parent} không tồn tại.")
    work = Path(tempfile.mkdtemp(prefix=".cchc-bundle-", dir=parent))
    try:
        os.chmod(work, 0o777 & ~_umask())  # mkdtemp makes it 0700: the bundle is a folder to share, as mkdir makes it
        wheels = work / "wheels"
        wheels.mkdir()
        say("Đang tạo gói cchc-xl…")
        project = build_project_wheel(wheels)
        say(f"Đang tải các gói cho {target.platform} (Python {target.python})…")
        pins = tested_versions(work / "pins.txt")
        download([f"{project}[{','.join(ROOT_EXTRAS)}]"], wheels, target, pins)
        complete(wheels, project, target, say, pins)
        pins.unlink()
        version = _wheel_meta(project)["Version"]
        scripts = write_scripts(work, version, target.python)
        write_test_kit(work)
        if output.exists():
            output.rmdir()
        os.replace(work, output)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    found = sorted((output / "wheels").glob("*.whl"))
    mine = output / "wheels" / project.name
    return Bundle(output, mine, [mine] + [w for w in found if w != mine], [output / s.name for s in scripts])


def _umask() -> int:
    """This process's umask (read by setting it, then setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# --------------------------------------------------------------------------- the wheels
def project_root() -> Path:
    """The source checkout this cchc-xl runs from: a wheel is built from sources, not from an install."""
    root = Path(__file__).resolve().parents[2]
    if not all((root / part).exists() for part in SOURCE_PARTS):
        raise AddinError("cần mã nguồn cchc-xl (thư mục có setup.cfg) để tạo bộ cài: chạy lệnh từ bản mã nguồn "
                         "đã cài bằng pip install -e .")
    return root


def build_project_wheel(dest: Path) -> Path:
    """The project's wheel, built from a clean copy of the sources (never in the shared working tree)."""
    root = project_root()
    with tempfile.TemporaryDirectory(prefix="cchc-src-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
        for part in SOURCE_PARTS:
            path = root / part
            if path.is_dir():
                shutil.copytree(path, src / part, ignore=ignore)
            else:
                shutil.copy2(path, src / part)
        _pip(["wheel", "--no-deps", "-w", str(dest), str(src)], "tạo gói cchc-xl")
    built = sorted(dest.glob("cchc_xl-*.whl"))
    if len(built) != 1:
        raise AddinError("không tạo được gói wheel của cchc-xl.")
    return built[0]


def tested_versions(path: Path) -> Path:
    """A pip constraints file pinning every distribution installed here (but pip's own tools) to its version:
    the bundle carries what the tests ran with; one missing here (pywin32) is left to pip."""
    from importlib.metadata import distributions

    skip = {"pip", "setuptools", "wheel", "cchc-xl"}
    pins = sorted({f"{d.metadata['Name']}=={d.version}" for d in distributions()
                   if d.metadata["Name"] and d.metadata["Name"].lower().replace("_", "-") not in skip})
    path.write_text("\n".join(pins) + "\n", encoding="utf-8")
    return path


def download(requirements: list[str], dest: Path, target: Target, pins: Path | None = None) -> None:
    """``pip download`` of binary wheels for ``target`` into ``dest`` (through this machine's pip settings)."""
    constraint = ["-c", str(pins)] if pins else []
    _pip(["download", "--only-binary=:all:", "-d", str(dest), *target.pip_args(), *constraint, *requirements],
         f"tải gói cho {target.platform}")


def complete(dest: Path, project: Path, target: Target, say: Callable[[str], None] = lambda _: None,
             pins: Path | None = None) -> None:
    """Walk the requirements from the project with the target's markers: download what pip skipped, drop
    what the target does not need, and check every wheel's tags; a failure names the package."""
    for _ in range(10):
        needed, missing = closure(dest, project, target)
        if not missing:
            break
        say(f"Thêm các gói Windows mà pip bỏ qua: {', '.join(missing)}")
        download(missing, dest, target, pins)
    else:
        raise AddinError(f"không đủ gói cho {target.platform}: {', '.join(missing)}")
    accepted = target.tags()
    for wheel in sorted(dest.glob("*.whl")):
        if _name(wheel) not in needed:
            wheel.unlink()  # downloaded for a marker of this machine, not of the target
        elif not _tags(wheel) & accepted:
            raise AddinError(f"{wheel.name}: không dùng được trên {target.platform}, Python {target.python}.")


def closure(dest: Path, project: Path, target: Target) -> tuple[set[str], list[str]]:
    """The names the project (with its add-in extra) needs on the target, and the requirements among them
    that have no satisfying wheel in ``dest`` yet."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    wheels = {_name(w): w for w in dest.glob("*.whl")}
    env = target.markers()
    needed: set[str] = set()
    missing: list[str] = []
    todo: list[tuple[str, tuple[str, ...]]] = [(_name(project), ROOT_EXTRAS)]
    seen: set[tuple[str, tuple[str, ...]]] = set()
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        needed.add(name)
        for line in _wheel_meta(wheels[name]).get_all("Requires-Dist") or []:
            req = Requirement(line)
            if req.marker and not any(req.marker.evaluate({**env, "extra": e}) for e in extras or ("",)):
                continue
            dep = canonicalize_name(req.name)
            wheel = wheels.get(dep)
            if wheel is None or not req.specifier.contains(_wheel_meta(wheel)["Version"], prereleases=True):
                missing.append(f"{req.name}{req.specifier}")
                continue
            todo.append((dep, tuple(sorted(req.extras))))
    return needed, sorted(set(missing))


def _wheel_meta(wheel: Path) -> Any:
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n))
        return Parser().parsestr(z.read(name).decode("utf-8"))


def _name(wheel: Path) -> str:
    from packaging.utils import parse_wheel_filename

    return str(parse_wheel_filename(wheel.name)[0])


def _tags(wheel: Path) -> set[Any]:
    from packaging.utils import parse_wheel_filename

    return set(parse_wheel_filename(wheel.name)[3])


def _pip(args: list[str], doing: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", *args, "--disable-pip-version-check"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-6:])
        raise AddinError(f"không {doing} được (pip, mã {proc.returncode}). Máy tạo bộ cài cần truy cập kho gói "
                         f"(PyPI hoặc kho nội bộ trong cấu hình pip).\n{tail}")


# --------------------------------------------------------------------------- the scripts
def write_scripts(folder: Path, version: str, python: str) -> list[Path]:
    """The installer and uninstaller (and a note for the clerk) from macros/, with CRLF line endings."""
    written = []
    for name in (*SCRIPTS, README):
        text = (data_dir("macros") / name).read_text(encoding="utf-8")
        text = text.replace("@VERSION@", version).replace("@PYTHON@", python)
        path = folder / name
        path.write_bytes(crlf(text).encode("utf-8"))
        written.append(path)
    return written


def write_test_kit(folder: Path) -> Path:
    """``kiem-thu/``: the manual Excel test script and the sample submission it checks, for the first office."""
    kit = folder / TEST_KIT
    kit.mkdir()
    shutil.copy2(data_dir("macros") / "KIEM-THU-EXCEL.md", kit / "KIEM-THU-EXCEL.md")
    shutil.copy2(project_root() / SAMPLE, kit / Path(SAMPLE).name)
    return kit


def crlf(text: str) -> str:
    """cmd.exe reads a batch file line by line and misreads labels and blocks on bare LF."""
    return re.sub(r"\r?\n", "\r\n", text)
