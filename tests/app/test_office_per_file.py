"""`check` and `fix` give each file the office configuration found from that very file (#22 review, finding 1).

The reviewer's tree: X/cau-hinh-cchc made with `config init --level xa`, P/cau-hinh-cchc with `--level so`, the same
commune submission in X/2025 bài nộp/ and in P/bài nộp/. Against the commune's registry it is clean; against the
Sở's it has 3 errors and 1 warning. Before, the first path's folder served every file (0 errors for both, or 4
findings for both when the arguments were swapped), and a folder holding both offices was checked against the
shipped sample. Real folders, templates and commands; the user's folder points into tmp_path.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from cchc_xl.core.periods import Period
from cchc_xl.formats.config_files import data_dir, load_config, office_config
from cchc_xl.formats.xlsx.template import write_template
from cchc_xl.usecases.check import CheckRequest, check_files, configs_for
from tests.app.test_cli import COMMUNE
from tests.support.workbooks import fill_template

SO_FINDINGS = {("lead-unit-external", "E9"), ("lead-unit-unknown", "E9"), ("lead-unit-unknown", "E10"),
               ("coord-unit-unknown", "F10")}


@pytest.fixture
def offices(tmp_path, monkeypatch, cli) -> tuple[Path, Path, Path]:
    """tmp_path/t22 with the commune's office X and the Sở's office P, one submission in each (the same file)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    top = tmp_path / "t22"
    for office, level in (("X", "xa"), ("P", "so")):
        assert cli("config", "init", "-d", top / office, "--level", level).exit_code == 0
    template = tmp_path / "mau-xa.xlsx"
    write_template(template, load_config(None, data_dir("validation") / "examples" / "ubnd-xa.yaml"),
                   Period(2025, 2025), "Phòng Kinh tế")
    files = []
    for folder in (top / "X" / "2025 bài nộp", top / "P" / "bài nộp"):
        folder.mkdir(parents=True)
        files.append(fill_template(template, folder / "phòng kinh tế.xlsx", COMMUNE))
    return top, files[0], files[1]


def findings(data: dict) -> dict[str, set[tuple[str, str]]]:
    return {Path(f["path"]).parts[-3]: {(x["code"], x["cell"]) for x in f["findings"]} for f in data["files"]}


def test_each_file_is_checked_against_its_own_office_whatever_the_order(cli, offices):
    top, x_file, p_file = offices
    for args in ((x_file, p_file), (p_file, x_file), (top,)):
        code, data = cli.json("check", *args)
        assert code == 1 and findings(data) == {"X": set(), "P": SO_FINDINGS}, args
        assert {Path(f["path"]).parts[-3]: f["errors"] for f in data["files"]} == {"X": 0, "P": 3}
        assert set(data) == {"files", "summary"}, "JSON as before"


def test_the_text_output_says_which_configuration_each_file_used(cli, offices):
    top, x_file, p_file = offices
    result = cli("check", x_file, p_file)
    assert result.exit_code == 1 and "Danh mục" not in result.stdout, "stdout as before"
    x_office, p_office = top / "X" / "cau-hinh-cchc", top / "P" / "cau-hinh-cchc"
    assert result.stderr.splitlines() == [
        "Các tệp được kiểm tra với 2 cấu hình khác nhau (mỗi tệp với thư mục cau-hinh-cchc gần nó nhất):",
        f"[1] Danh mục đơn vị: units.yaml (cau-hinh-cchc của văn phòng: {x_office})",
        f"    Danh mục lĩnh vực: areas.yaml (cau-hinh-cchc của văn phòng: {x_office})",
        f"    Quy tắc: rules.yaml (cau-hinh-cchc của văn phòng: {x_office})",
        f"    - {x_file}",
        f"[2] Danh mục đơn vị: units.yaml (cau-hinh-cchc của văn phòng: {p_office})",
        f"    Danh mục lĩnh vực: areas.yaml (cau-hinh-cchc của văn phòng: {p_office})",
        f"    Quy tắc: rules.yaml (cau-hinh-cchc của văn phòng: {p_office})",
        f"    - {p_file}",
    ]
    one = cli("check", x_file)
    assert one.stderr.splitlines()[0] == f"Danh mục đơn vị: units.yaml (cau-hinh-cchc của văn phòng: {x_office})", \
        "one configuration: said as before, without numbering"


def test_explicit_units_still_win_for_every_file(cli, offices):
    top, x_file, p_file = offices
    commune = data_dir("validation") / "examples" / "ubnd-xa.yaml"
    code, data = cli.json("check", top, "--units", commune)
    assert code == 0 and findings(data) == {"X": set(), "P": set()}
    sample = data_dir("validation") / "units.yaml"
    code, data = cli.json("check", x_file, p_file, "--units", sample)
    assert findings(data) == {"X": SO_FINDINGS, "P": SO_FINDINGS}
    override = top / "qt.yaml"
    override.write_text("rules:\n  lead-unit-unknown: {severity: off}\n", encoding="utf-8")
    code, data = cli.json("check", top, "--config", override)
    assert findings(data) == {"X": set(), "P": SO_FINDINGS - {("lead-unit-unknown", "E9"), ("lead-unit-unknown", "E10")}}


def test_annotated_copies_name_each_files_own_registry(cli, offices):
    top, x_file, p_file = offices
    assert cli("check", top, "--annotate").exit_code == 1
    for path, office in ((x_file, "X"), (p_file, "P")):
        ws = openpyxl.load_workbook(path.with_name("phòng kinh tế.kiemtra.xlsx"))["Kết quả kiểm tra"]
        block = {ws.cell(r, 2).value: ws.cell(r, 4).value for r in range(3, 11)}
        assert block["Danh mục đơn vị"] == f"units.yaml (cau-hinh-cchc của văn phòng: {top / office / 'cau-hinh-cchc'})"


def test_fix_uses_the_files_own_office_wherever_the_copy_goes(cli, offices):
    top, x_file, p_file = offices
    result = cli("fix", x_file, "-o", top / "P" / "bài nộp" / "sua-tu-x.xlsx")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == \
        f"Danh mục đơn vị: units.yaml (cau-hinh-cchc của văn phòng: {top / 'X' / 'cau-hinh-cchc'})"


def test_each_distinct_configuration_is_loaded_once_and_sent_to_workers(offices, monkeypatch):
    """Eighteen files in two offices, on two worker processes: two configurations, the right one per file."""
    top, x_file, p_file = offices
    for n in range(8):
        shutil.copy(x_file, x_file.with_name(f"x{n}.xlsx"))
        shutil.copy(p_file, p_file.with_name(f"p{n}.xlsx"))
    config = office_config([top])
    files = sorted(top.rglob("*.xlsx"))
    used = configs_for(config, files)
    assert len({id(c) for c in used}) == 2 and all(
        c.registry.department == ("UBND xã Tân Thành" if "X" in f.parts else "Sở Tài nguyên và Môi trường")
        for f, c in zip(files, used))
    assert [len(paths) for _, paths in config.spread] == [9, 9]
    monkeypatch.setenv("CCHC_XL_JOBS", "2")
    checked = check_files(CheckRequest((str(top),), config))
    assert len(checked.results) == 18
    assert {(Path(r.path).parts[-3], r.errors) for r in checked.results} == {("X", 0), ("P", 3)}
    again = office_config([x_file])
    assert configs_for(again, [x_file])[0] is again, "the settings already loaded for the file are reused"


def test_settings_given_whole_serve_every_file(offices):
    top, x_file, p_file = offices
    given = load_config()
    assert configs_for(given, [x_file, p_file]) == [given, given], "callers that load settings themselves: as before"
