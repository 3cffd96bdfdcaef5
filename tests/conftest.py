"""Shared fixtures: the settings, the template, the CLI in-process, LibreOffice, a unit registry.

Tests write real workbooks (``tests/support/workbooks.py``) and read them back with the
product; nothing of openpyxl or pandas is mocked. ``tests/e2e/`` holds the end-to-end
tests (real processes, the corpus, fuzzing, LibreOffice), marked ``slow``:
``python -m pytest -m "not slow"`` runs the rest in a minute.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl.app.cli import main
from cchc_xl.core.periods import Period
from cchc_xl.formats.config_files import load_config
from cchc_xl.formats.xlsx.template import write_template
from tests.support.submissions import write_registry


# The files that take longest (``--durations``), longest first. setup.cfg runs the suite with pytest-xdist,
# ``--dist loadfile --no-loadscope-reorder``: each file on one worker (its module and session fixtures built once),
# files handed out in collection order; starting with these lets the short files fill the gaps, so that the
# workers finish together instead of one running a long file alone at the end.
LONGEST_FIRST = ("e2e/test_reliability.py", "e2e/test_corpus.py", "excel/test_bundle.py", "e2e/test_printed_pages.py",
                 "e2e/test_fuzz.py", "e2e/test_consolidate.py", "e2e/test_report_forgery.py",
                 "e2e/test_libreoffice.py", "e2e/test_reporting.py")


def _rank(item: pytest.Item) -> int:
    path = Path(str(item.fspath)).as_posix()
    return next((i for i, name in enumerate(LONGEST_FIRST) if path.endswith("tests/" + name)), len(LONGEST_FIRST))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in Path(str(item.fspath)).parts:
            item.add_marker(pytest.mark.slow)
    items.sort(key=_rank)   # stable: a file's tests keep their order


@pytest.fixture(scope="session")
def config():
    return load_config()


@pytest.fixture(scope="session")
def blank_template(tmp_path_factory, config) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "mau.xlsx"
    write_template(path, config, Period(2020, 2020), "Phòng Pháp chế")
    return path


@pytest.fixture(scope="session")
def registry_file(tmp_path_factory) -> Path:
    """The 21-unit registry of the consolidation tests (tests/support/submissions.py)."""
    return write_registry(tmp_path_factory.mktemp("reg") / "units.yaml")


@pytest.fixture(scope="session")
def cfg(registry_file):
    return load_config(None, registry_file)


class Cli:
    """Runs the real click command in-process and parses JSON output; never a traceback."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args):
        result = self.runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        assert "Traceback" not in result.output, result.output
        return result

    def json(self, *args):
        result = self(*args, "--format", "json")
        return result.exit_code, json.loads(result.stdout)


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli()


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        pytest.fail("LibreOffice (soffice) is required: .ci/run installs it")
    return path


_PROFILE: list[Path] = []


def _profile() -> Path:
    """One LibreOffice user profile per test process (each xdist worker has its own; conversions in a process run
    one at a time): made on the first conversion, reused by the others, which then skip LibreOffice's first start."""
    if not _PROFILE:
        import atexit
        import tempfile

        _PROFILE.append(Path(tempfile.mkdtemp(prefix="cchc-lo-profile-")))
        atexit.register(shutil.rmtree, _PROFILE[0], True)
    return _PROFILE[0]


def convert(path: Path, fmt: str, outdir: Path) -> Path:
    """Convert with headless LibreOffice; the converted file must exist."""
    return convert_all([path], fmt, outdir)[0]


def convert_all(paths: list[Path], fmt: str, outdir: Path) -> list[Path]:
    """Convert several files (their names distinct) with one start of headless LibreOffice; each must exist."""
    assert len({p.stem for p in paths}) == len(paths), "one output per input: names must differ"
    proc = subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{_profile()}", "--headless", "--convert-to", fmt,
         "--outdir", str(outdir), *map(str, paths)],
        capture_output=True, text=True, timeout=180 * len(paths),
    )
    produced = [outdir / (p.stem + "." + fmt.split(":")[0]) for p in paths]
    assert all(p.exists() for p in produced), f"LibreOffice failed: {proc.stdout}\n{proc.stderr}"
    return produced
