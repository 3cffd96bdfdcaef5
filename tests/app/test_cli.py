"""`cchc-xl check` and `cchc-xl template` as a user runs them: exit codes, text, JSON."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.workbooks import fill_template, write_sheet

GOOD = {"stt": 1, "area": "Cải cách thể chế", "task": "Rà soát văn bản", "product": "Báo cáo",
        "lead_unit": "Phòng Pháp chế", "deadline": "Quý II/2020", "budget": 1000000}


def good(tmp_path, blank_template, name="tot.xlsx"):
    return fill_template(blank_template, tmp_path / name, [GOOD])


def bad(tmp_path, blank_template, name="loi.xlsx"):
    return fill_template(blank_template, tmp_path / name,
                         [GOOD, {**GOOD, "stt": 2, "task": "Phổ biến pháp luật", "lead_unit": None}])


def test_exit_0_when_clean(cli, tmp_path, blank_template):
    result = cli("check", good(tmp_path, blank_template))
    assert result.exit_code == 0, result.output
    assert "không có lỗi" in result.output


def test_exit_1_and_text_lines(cli, tmp_path, blank_template):
    result = cli("check", bad(tmp_path, blank_template))
    assert result.exit_code == 1
    line = next(l for l in result.output.splitlines() if "lead-unit-missing" in l)
    assert line.split()[:2] == ["Phụ", "lục!E10"]
    assert "Thiếu đơn vị chủ trì" in line
    assert "1 lỗi, 0 cảnh báo" in result.output


def test_json_contract(cli, tmp_path, blank_template):
    code, data = cli.json("check", bad(tmp_path, blank_template))
    assert code == 1
    (f,) = data["files"]
    assert set(f) >= {"path", "sheet", "period", "tasks", "errors", "warnings", "findings"}
    assert (f["sheet"], f["period"], f["tasks"], f["errors"]) == ("Phụ lục", "2020", 2, 1)
    finding = next(x for x in f["findings"] if x["code"] == "lead-unit-missing")
    assert set(finding) == {"code", "severity", "sheet", "cell", "row", "column", "value", "message",
                            "suggestion", "fix"}
    assert (finding["cell"], finding["row"], finding["column"], finding["severity"]) == ("E10", 10, "lead_unit", "error")
    assert data["summary"]["files"] == 1 and data["summary"]["errors"] == 1


def test_folder_expands_and_skips_lock_files(cli, tmp_path, blank_template):
    folder = tmp_path / "nop"
    (folder / "sub").mkdir(parents=True)
    good(folder, blank_template, "a.xlsx")
    bad(folder / "sub", blank_template, "b.xlsx")
    (folder / "~$a.xlsx").write_bytes(b"lock")
    (folder / "ghi-chu.txt").write_text("x")
    code, data = cli.json("check", folder)
    assert code == 1
    assert sorted(Path(f["path"]).name for f in data["files"]) == ["a.xlsx", "b.xlsx"]


def test_unreadable_inputs_exit_2_with_vietnamese_message(cli, tmp_path, blank_template):
    (tmp_path / "text.xlsx").write_text("không phải excel")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    result = cli("check", tmp_path / "text.xlsx", tmp_path / "old.xls", good(tmp_path, blank_template))
    assert result.exit_code == 2
    assert "text.xlsx: KHÔNG ĐỌC ĐƯỢC: không phải tệp Excel" in result.output
    assert "lưu lại dạng Excel Workbook (.xlsx)" in result.output
    assert "Traceback" not in result.output


def test_missing_period_asks_for_it(cli, tmp_path):
    path = write_sheet(tmp_path / "np.xlsx", [["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian"],
                                             [1, "Việc", "Văn phòng Sở", "Quý I/2020"]], title=None)
    result = cli("check", path)
    assert result.exit_code == 2 and "--period" in result.output
    assert cli("check", path, "--period", "2020").exit_code == 0


def test_misuse_exits_2(cli, tmp_path, blank_template):
    path = good(tmp_path, blank_template)
    assert cli("check", path, "--period", "hai nghìn").exit_code == 2
    bad_yaml = tmp_path / "c.yaml"
    bad_yaml.write_text("rules:\n  khong-co: {severity: error}\n", encoding="utf-8")
    result = cli("check", path, "--config", bad_yaml)
    assert result.exit_code == 2 and "khong-co" in result.output
    bad_yaml.write_text("rules: [\n", encoding="utf-8")
    result = cli("check", path, "--config", bad_yaml)
    assert result.exit_code == 2 and "lỗi cú pháp YAML" in result.output
    assert cli("check", tmp_path / "khong-ton-tai").exit_code == 2


def test_config_turns_a_rule_off(cli, tmp_path, blank_template):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("rules:\n  lead-unit-missing: {severity: off}\n", encoding="utf-8")
    assert cli("check", bad(tmp_path, blank_template), "--config", cfg).exit_code == 0
    cfg.write_text("rules:\n  lead-unit-missing: {severity: warning}\n", encoding="utf-8")
    code, data = cli.json("check", bad(tmp_path, blank_template), "--config", cfg)
    assert code == 0 and data["summary"]["warnings"] == 1


def test_english_messages(cli, tmp_path, blank_template):
    result = cli("check", bad(tmp_path, blank_template), "--lang", "en")
    assert "No lead unit for the task" in result.output and "1 errors" in result.output


def test_template_command(cli, tmp_path):
    out = tmp_path / "m.xlsx"
    result = cli("template", "-o", out, "--period", "2021-2025", "--unit", "pháp chế")
    assert result.exit_code == 0, result.output
    import openpyxl
    ws = openpyxl.load_workbook(out)["Phụ lục"]
    assert ws["C3"].value == "Phòng Pháp chế" and "GIAI ĐOẠN 2021 - 2025" in ws["A1"].value
    assert cli("template", "-o", tmp_path / "x.xlsx", "--unit", "Phòng Không Có").exit_code == 2
    assert cli("template", "-o", tmp_path / "nope" / "x.xlsx").exit_code == 2


def test_console_script_runs(tmp_path, blank_template):
    exe = shutil.which("cchc-xl") or str(Path(sys.executable).with_name("cchc-xl"))
    proc = subprocess.run([exe, "check", str(bad(tmp_path, blank_template)), "--format", "json"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["summary"]["errors"] == 1


def test_rules_lists_every_rule_with_what_is_in_force(cli, tmp_path):
    from cchc_xl.check.rules import RULES

    code, data = cli.json("rules")
    assert code == 0 and [r["code"] for r in data] == list(RULES)
    assert all({"code", "column", "severity", "title", "params"} <= set(r) for r in data)
    budget = next(r for r in data if r["code"] == "budget-implausible")
    assert budget["column"] == "budget" and budget["params"]["ceiling"]["value"] == 20_000_000_000
    override = tmp_path / "qt.yaml"
    override.write_text("rules:\n  budget-implausible: {ceiling: 5000000000, severity: error}\n", encoding="utf-8")
    _, data = cli.json("rules", "--config", override)
    budget = next(r for r in data if r["code"] == "budget-implausible")
    assert budget["severity"] == "error" and budget["default_severity"] == "warning"
    assert budget["params"]["ceiling"] == {"value": 5_000_000_000, "default": 20_000_000_000,
                                           "meaning": budget["params"]["ceiling"]["meaning"]}
    text = cli("rules", "--config", override).output
    assert "budget-implausible" in text and "ceiling = 5000000000 (mặc định 20000000000)" in text
    assert all(code in text for code in RULES)
