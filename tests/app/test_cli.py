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


# --------------------------------------------------------------------------- the office's cau-hinh-cchc/ folder
COMMUNE = [
    {"stt": 1, "area": "Cải cách thể chế", "task": "Rà soát văn bản của xã", "product": "Báo cáo",
     "lead_unit": "Văn phòng HĐND và UBND xã", "deadline": "Quý II/2025", "budget": 1_000_000},
    {"stt": 2, "area": "Cải cách thủ tục hành chính", "task": "Niêm yết thủ tục", "product": "Bảng niêm yết",
     "lead_unit": "Trung tâm PVHCC", "coord_units": "Phòng Kinh tế", "deadline": "Quý III/2025"},
]


def commune_office(tmp_path, monkeypatch):
    """A commune's folder: cau-hinh-cchc/units.yaml (the commune sample), a submission two folders below."""
    from cchc_xl.core.periods import Period
    from cchc_xl.formats.config_files import data_dir, load_config
    from cchc_xl.formats.xlsx.template import write_template

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))  # nothing from this machine's user
    registry = data_dir("validation") / "examples" / "ubnd-xa.yaml"
    folder = tmp_path / "UBND xã Tân Thành" / "cau-hinh-cchc"
    folder.mkdir(parents=True)
    shutil.copy(registry, folder / "units.yaml")
    inbox = folder.parent / "2025" / "bai-nop"
    inbox.mkdir(parents=True)
    template = tmp_path / "mau-xa.xlsx"
    write_template(template, load_config(None, registry), Period(2025, 2025), "Phòng Kinh tế")
    return folder, fill_template(template, inbox / "phong-kinh-te.xlsx", COMMUNE)


def test_check_finds_the_commune_registry_beside_the_submission(cli, tmp_path, monkeypatch):
    folder, path = commune_office(tmp_path, monkeypatch)
    result = cli("check", path)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"Danh mục đơn vị: units.yaml (cau-hinh-cchc của văn phòng: {folder})"]
    assert "Danh mục" not in result.stdout, "stdout says what it said before; the registry goes to stderr, last"
    code, data = cli.json("check", path)
    assert code == 0 and data["files"][0]["errors"] == 0 and set(data) == {"files", "summary"}, "JSON as before"
    shutil.move(folder, tmp_path / "cat-di")  # without the folder, the shipped Sở registry: every unit unknown
    code, data = cli.json("check", path)
    assert code == 1 and {f["code"] for f in data["files"][0]["findings"]} >= {"lead-unit-unknown"}
    assert cli("check", path, "--units", tmp_path / "cat-di" / "units.yaml").exit_code == 0, "--units still works"


def test_annotate_and_consolidate_use_the_same_folder(cli, tmp_path, monkeypatch):
    import openpyxl

    folder, path = commune_office(tmp_path, monkeypatch)
    cli("check", path, "--annotate")
    ws = openpyxl.load_workbook(path.with_name("phong-kinh-te.kiemtra.xlsx"))["Kết quả kiểm tra"]
    block = {ws.cell(r, 2).value: ws.cell(r, 4).value for r in range(3, 11)}
    assert block["Danh mục đơn vị"] == f"units.yaml (cau-hinh-cchc của văn phòng: {folder})"
    path.with_name("phong-kinh-te.kiemtra.xlsx").unlink()
    master = folder.parent / "2025" / "tong-hop.xlsx"
    result = cli("consolidate", path.parent, "-o", master)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("Danh mục đơn vị: units.yaml (cau-hinh-cchc của văn phòng:")
    assert {r[0] for r in openpyxl.load_workbook(master)["Tổng hợp"].iter_rows(min_row=2, max_col=1, values_only=True)}
    code, data = cli.json("consolidate", path.parent, "-o", master)
    assert code == 0 and data["written"] is False


def test_template_and_rules_find_the_folder_of_their_files(cli, tmp_path, monkeypatch):
    folder, _ = commune_office(tmp_path, monkeypatch)
    out = folder.parent / "2025" / "mau-moi.xlsx"
    assert cli("template", "-o", out, "--unit", "Phòng Kinh tế").exit_code == 0, "a commune unit, no --units"
    assert cli("template", "-o", tmp_path / "ngoai.xlsx", "--unit", "Phòng Kinh tế").exit_code == 2
    (folder / "rules.yaml").write_text("rules:\n  deadline-vague: {severity: off}\n", encoding="utf-8")
    monkeypatch.chdir(folder.parent / "2025")
    code, data = cli.json("rules")
    assert code == 0 and next(r for r in data if r["code"] == "deadline-vague")["severity"] == "off"
    assert f"Quy tắc: rules.yaml (cau-hinh-cchc của văn phòng: {folder})" in cli("rules").output


def test_config_init_writes_an_editable_folder_and_never_overwrites(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    office = tmp_path / "van-phong"
    result = cli("config", "init", "-d", office, "--level", "xa")
    assert result.exit_code == 0, result.output
    folder = office / "cau-hinh-cchc"
    assert sorted(p.name for p in folder.iterdir()) == ["areas.yaml", "rules.yaml", "units.yaml"]
    units = (folder / "units.yaml").read_text(encoding="utf-8")
    assert units.startswith("# Tệp của văn phòng") and "department: UBND xã Tân Thành" in units
    edited = units.replace("UBND xã Tân Thành", "UBND phường Hòa Bình")
    (folder / "units.yaml").write_text(edited, encoding="utf-8")
    again = cli("config", "init", "-d", office, "--level", "tinh")
    assert again.exit_code == 0 and "Giữ nguyên" in again.output
    assert (folder / "units.yaml").read_text(encoding="utf-8") == edited, "an office's edits are never lost"
    (office / "2025" / "bai-nop").mkdir(parents=True)
    shown = cli("config", "show", office / "2025" / "bai-nop")
    assert shown.exit_code == 0, shown.output
    assert f"Danh mục đơn vị: units.yaml (cau-hinh-cchc của văn phòng: {folder})" in shown.output
    assert "Cơ quan: UBND phường Hòa Bình — cấp UBND xã" in shown.output
    (folder / "rules.yaml").write_text("rules:\n  khong-co-ma: {severity: off}\n", encoding="utf-8")
    broken = cli("config", "show", office)
    assert broken.exit_code == 2 and "rules.yaml" in broken.output and "khong-co-ma" in broken.output
    for level, department in (("so", "Sở Tài nguyên và Môi trường"), ("tinh", "UBND tỉnh")):
        cli("config", "init", "-d", tmp_path / level, "--level", level)
        assert department in (tmp_path / level / "cau-hinh-cchc" / "units.yaml").read_text(encoding="utf-8")
    assert cli("config", "init", "--user").exit_code == 0
    assert (tmp_path / "xdg" / "cchc-xl" / "units.yaml").exists()
