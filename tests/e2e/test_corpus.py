"""Hostile and messy inputs: every corpus case gives its expected outcome, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl.app.cli import main
from tests.support.corpus import CASES, build
from tests.support.workbooks import digest

READABLE = [c for c in CASES if c.exit != 2]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    build(folder)
    return folder


def run(*args: str, env: dict | None = None):
    runner = CliRunner(env=env)
    result = runner.invoke(main, [str(a) for a in args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"exception escaped: {result.exception!r}") from result.exception
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_outcome(corpus, case):
    result = run("check", corpus / case.name, "--format", "json")
    assert result.exit_code == case.exit, result.output[-800:]
    (data,) = json.loads(result.stdout)["files"]
    codes = {f["code"] for f in data["findings"]}
    assert case.codes <= codes, codes
    assert not (case.absent & codes), codes
    if case.tasks is not None:
        assert data["tasks"] == case.tasks
    if case.message:
        assert case.message in data["error"], data["error"]
        assert str(corpus / case.name) == data["path"]


def test_the_real_command_on_the_whole_corpus(corpus):
    exe = shutil.which("cchc-xl") or str(Path(sys.executable).with_name("cchc-xl"))
    proc = subprocess.run([exe, "check", str(corpus), "--format", "json"], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 2  # some inputs are unreadable
    assert "Traceback" not in proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    assert data["summary"]["files"] == len(CASES) and data["summary"]["unreadable"] == len(CASES) - len(READABLE)


@pytest.mark.parametrize("case", [c for c in READABLE if not c.slow], ids=lambda c: c.name)
def test_annotate_and_fix_never_touch_the_input(corpus, case, tmp_path):
    source = tmp_path / case.name
    shutil.copy(corpus / case.name, source)
    before = digest(source)
    run("check", source, "--annotate")
    fixed = run("fix", source)
    assert fixed.exit_code in (0, 2), fixed.output
    assert digest(source) == before
    marked = source.with_name(source.stem + ".kiemtra" + source.suffix)
    if case.codes:
        assert marked.exists()


@pytest.mark.parametrize("case", [c for c in READABLE if not c.slow], ids=lambda c: c.name)
def test_both_readers_give_the_same_findings(corpus, case):
    fast = run("check", corpus / case.name, "--format", "json", env={"CCHC_XL_READER": "calamine"})
    plain = run("check", corpus / case.name, "--format", "json", env={"CCHC_XL_READER": "openpyxl"})
    assert json.loads(fast.stdout)["files"] == json.loads(plain.stdout)["files"]


def test_macros_are_kept_in_copies_and_never_run(corpus, tmp_path):
    source = tmp_path / "macro.xlsm"
    shutil.copy(corpus / "macro.xlsm", source)
    run("check", source, "--annotate")
    copy = tmp_path / "macro.kiemtra.xlsm"
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(copy) as b:
        assert a.read("xl/vbaProject.bin") == b.read("xl/vbaProject.bin")
    assert not list(tmp_path.glob("*pwned*"))


def test_lying_dimension_is_cheap(corpus):
    """1,048,576 rows declared, three filled: seconds and well under 300 MB."""
    # VmHWM, not ru_maxrss: the latter keeps the peak of the forked pytest process before exec.
    code = ("import re, time; t=time.time();"
            "from cchc_xl.usecases.check import check_file; from cchc_xl.formats.config_files import load_config;"
            f"r=check_file({str(corpus / 'dimension-lies.xlsx')!r}, load_config());"
            "hwm=re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1);"
            "print(r.tasks, time.time()-t, hwm)")
    for reader in ("calamine", "openpyxl"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                             env={**os.environ, "CCHC_XL_READER": reader}).stdout.split()
        tasks, seconds, rss_kb = int(out[0]), float(out[1]), int(out[2])
        assert tasks == 3 and seconds < 10 and rss_kb < 300 * 1024, (reader, seconds, rss_kb)


def test_total_uncompressed_size_is_capped(corpus, monkeypatch):
    from cchc_xl.formats.xlsx import reader

    monkeypatch.setattr(reader, "MAX_UNCOMPRESSED", 10_000)
    result = run("check", corpus / "second-sheet.xlsx")
    assert result.exit_code == 2 and "quá giới hạn" in result.output


def test_legacy_text_is_fixed_in_a_unicode_font(corpus, tmp_path):
    import openpyxl

    source = tmp_path / "tcvn3.xlsx"
    shutil.copy(corpus / "tcvn3.xlsx", source)
    result = run("fix", source)
    assert "chữ mã TCVN3 chuyển sang Unicode" in result.output
    ws = openpyxl.load_workbook(tmp_path / "tcvn3.sua.xlsx")["Phụ lục"]
    assert ws["D4"].value == "Văn phòng Sở" and ws["D4"].font.name == "Times New Roman"
    again = run("check", tmp_path / "tcvn3.sua.xlsx", "--format", "json")
    codes = {f["code"] for f in json.loads(again.stdout)["files"][0]["findings"]}
    assert "encoding-legacy" not in codes and "lead-unit-missing" in codes
