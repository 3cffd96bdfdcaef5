"""Shared fixtures: real workbooks written with openpyxl and read back by the product."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_xl.app.cli import main
from cchc_xl.settings import load_config
from cchc_xl.core.periods import Period
from cchc_xl.workbook.template import write_template

@pytest.fixture(scope="session")
def config():
    return load_config()


@pytest.fixture(scope="session")
def blank_template(tmp_path_factory, config) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "mau.xlsx"
    write_template(path, config, Period(2020, 2020), "Phòng Pháp chế")
    return path


def write_rows(target: Path, rows: list[list], title: str | None = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020",
               sheet: str = "Sheet1", merges: list[str] = ()) -> Path:
    """A free-form workbook: optional title row, then ``rows`` as given (None = empty cell)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    start = 1
    if title:
        ws.cell(1, 1, title)
        start = 3
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                ws.cell(start + i, j + 1, value)
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(target)
    return target


class Cli:
    """Runs the real click command in-process and parses JSON output."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args: str):
        result = self.runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        assert "Traceback" not in result.output, result.output
        return result

    def json(self, *args: str):
        result = self(*args, "--format", "json")
        return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def cli() -> Cli:
    return Cli()


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        pytest.fail("LibreOffice (soffice) is required: .ci/run installs it")
    return path


def convert(path: Path, fmt: str, outdir: Path) -> Path:
    """Convert with headless LibreOffice; the converted file must exist."""
    profile = outdir / "lo-profile"
    proc = subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
         "--outdir", str(outdir), str(path)],
        capture_output=True, text=True, timeout=180,
    )
    produced = outdir / (path.stem + "." + fmt.split(":")[0])
    assert produced.exists(), f"LibreOffice failed: {proc.stdout}\n{proc.stderr}"
    return produced

