"""The office's own configuration folder, cau-hinh-cchc/, found from the files worked on (settings.py).

Real folders and YAML files in tmp_path; the user's folder is pointed into tmp_path too, so what
this machine's user keeps in ~/.config/cchc-xl cannot change the outcome.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cchc_xl.errors import ConfigError
from cchc_xl.formats.config_files import (
    OFFICE,
    OPTION,
    SHIPPED,
    USER,
    data_dir,
    find_office_files,
    load_config,
    office_config,
    registry_name,
    source_lines,
    user_config_dir,
)

XA = data_dir("validation") / "examples" / "ubnd-xa.yaml"
TINH = data_dir("validation") / "examples" / "ubnd-tinh.yaml"


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch) -> Path:
    """The user's configuration folder, inside tmp_path (empty unless a test writes to it)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    return user_config_dir()


def office(folder: Path, **files: Path | str) -> Path:
    """``folder/cau-hinh-cchc`` holding ``files`` (kind -> a sample to copy, or YAML text)."""
    target = folder / "cau-hinh-cchc"
    target.mkdir(parents=True, exist_ok=True)
    for kind, source in files.items():
        if isinstance(source, Path):
            shutil.copy(source, target / f"{kind}.yaml")
        else:
            (target / f"{kind}.yaml").write_text(source, encoding="utf-8")
    return target


def test_the_nearest_folder_above_the_file_wins_file_by_file(tmp_path):
    top = office(tmp_path / "so", units=TINH, rules="rules:\n  deadline-vague: {severity: off}\n")
    near = office(tmp_path / "so" / "2025", units=XA)
    work = tmp_path / "so" / "2025" / "bai-nop" / "dot-1"
    work.mkdir(parents=True)
    found = find_office_files([work / "phong-kinh-te.xlsx"])
    assert found["units"].path == near / "units.yaml" and found["units"].origin == OFFICE
    assert found["rules"].path == top / "rules.yaml", "a folder holding only units.yaml leaves rules to the next"
    assert found["areas"].origin == SHIPPED and found["areas"].path == data_dir("validation") / "areas.yaml"
    cfg = office_config([work / "phong-kinh-te.xlsx"])
    assert cfg.registry.department == "UBND xã Tân Thành"
    assert cfg.severity("deadline-vague") == "off", "the office's rules.yaml is a layer over the shipped one"


def test_user_folder_then_the_samples(tmp_path, user_home):
    alone = tmp_path / "khong-co-cau-hinh"
    alone.mkdir()
    assert {k: s.origin for k, s in find_office_files([alone]).items()} == \
        {"units": SHIPPED, "areas": SHIPPED, "rules": SHIPPED}
    user_home.mkdir(parents=True)
    shutil.copy(TINH, user_home / "units.yaml")
    found = find_office_files([alone])
    assert (found["units"].origin, found["units"].path) == (USER, user_home / "units.yaml")
    office(tmp_path, units=XA)
    assert find_office_files([alone])["units"].origin == OFFICE, "the office's folder before the user's"


def test_explicit_files_win_and_config_overrides_the_office_rules(tmp_path):
    office(tmp_path, units=XA, rules="rules:\n  deadline-vague: {severity: off}\n")
    anchor = tmp_path / "a.xlsx"
    override = tmp_path / "qt.yaml"
    override.write_text("rules:\n  deadline-vague: {severity: error}\n", encoding="utf-8")
    cfg = office_config([anchor], override, TINH)
    assert cfg.registry.department.startswith("UBND tỉnh") and cfg.origins["units"] == (OPTION, str(TINH))
    assert cfg.severity("deadline-vague") == "error"
    assert cfg.sources["deadline-vague"] == str(override)


def test_anchors_that_are_no_local_path_find_nothing(tmp_path, monkeypatch):
    office(tmp_path, units=XA)
    monkeypatch.chdir(tmp_path)
    for anchor in ("https://d.docs.live.net/abc/tong-hop.xlsx", None, ""):
        assert find_office_files([anchor])["units"].origin == SHIPPED, anchor
    assert find_office_files(["tong-hop.xlsx"])["units"].origin == OFFICE, "a relative path: from the current folder"
    assert find_office_files([])["units"].origin == SHIPPED, "no anchor: never the current folder"
    assert find_office_files([tmp_path / "chua-co" / "tong-hop.xlsx"])["units"].origin == OFFICE, \
        "a master to be written in a folder to be made: from the nearest folder that exists"


def test_a_broken_office_file_names_itself(tmp_path):
    folder = office(tmp_path, units="units: [\n")
    with pytest.raises(ConfigError, match="units.yaml: lỗi cú pháp YAML"):
        office_config([tmp_path / "a.xlsx"])
    (folder / "units.yaml").unlink()
    office(tmp_path, rules="rules:\n  khong-co: {severity: off}\n")
    with pytest.raises(ConfigError) as exc:
        office_config([tmp_path / "a.xlsx"])
    assert str(folder / "rules.yaml") in exc.value.message and "khong-co" in exc.value.message


def test_labels_name_the_registry_and_where_it_was_found(tmp_path):
    folder = office(tmp_path, units=XA)
    cfg = office_config([tmp_path / "a.xlsx"])
    assert registry_name(cfg) == f"units.yaml (cau-hinh-cchc của văn phòng: {folder})"
    assert source_lines(cfg) == [f"Danh mục đơn vị: units.yaml (cau-hinh-cchc của văn phòng: {folder})"]
    assert registry_name(load_config()) == "units.yaml (mặc định của cchc-xl)"
    assert registry_name(load_config(None, XA)) == "ubnd-xa.yaml (tệp --units của văn phòng)"
    office(tmp_path, areas=data_dir("validation") / "areas.yaml")
    assert source_lines(office_config([tmp_path]))[1] == \
        f"Danh mục lĩnh vực: areas.yaml (cau-hinh-cchc của văn phòng: {folder})"


def test_user_config_dir_per_platform(monkeypatch, tmp_path):
    monkeypatch.setenv("APPDATA", r"C:\Users\van-thu\AppData\Roaming")
    assert str(user_config_dir("win32")).replace("/", "\\").endswith(r"AppData\Roaming\cchc-xl")
    assert user_config_dir("darwin").parts[-3:] == ("Library", "Application Support", "cchc-xl")
    assert user_config_dir("linux") == tmp_path / "xdg" / "cchc-xl"
