"""Mistakes an office makes in its own YAML (cau-hinh-cchc/): each stops the command with exit 2 and a Vietnamese
message naming the file and the key, as rules.yaml always did; never an empty registry that calls every row
"không có trong danh mục", never a Python internal ("'int' object is not iterable") or an English-only YAML error.

Real folders and files in tmp_path, the real command in-process; the user's folder points into tmp_path.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_xl.core.areas import AreaCatalog
from cchc_xl.core.units import Registry
from cchc_xl.errors import ConfigError, RegistryError
from cchc_xl.formats.config_files import data_dir, load_config
from tests.app.test_cli import good

INTERNALS = ("object", "'int'", "NoneType", "KeyError", "TypeError", "AttributeError", "ValueError",
             "không mong đợi", "File exists", "Traceback")


@pytest.fixture(autouse=True)
def no_user_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def office_file(tmp_path, name: str, text: str):
    folder = tmp_path / "van-phong" / "cau-hinh-cchc"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def refused(cli, tmp_path, *args) -> str:
    """``config show`` of the office's folder (and the command given): exit 2, the message, no internals."""
    result = cli(*(args or ("config", "show", tmp_path / "van-phong")))
    assert result.exit_code == 2, result.output
    message = result.output
    assert message.startswith("Lỗi: ") and not [w for w in INTERNALS if w in message], message
    return message


UNIT_MISTAKES = {
    "": ("units.yaml: tệp trống", "units phải liệt kê"),
    "department: UBND xã A\nunit:\n  - Văn phòng\n": ("khóa 'unit' không dùng được (có phải 'units'?)",),
    "department: UBND xã A\nunits:\n  - name: Văn phòng\n    alias: [VP]\n":
        ("units, mục 1 (“Văn phòng”): khóa 'alias' không dùng được (có phải 'aliases'?)",),
    "department: UBND xã A\nunits:\n": ("chưa có đơn vị nào",),
    "units: 5\n": ("units: phải là danh sách", "đang là 5"),
    "units:\n  - Văn phòng\n  - 5\n": ("units, mục 2: phải là tên đơn vị (chữ)", "đang là 5"),
    "units:\n  - name: A\n    aliases: VP\n": ("units, mục 1 (“A”): aliases phải là danh sách tên",),
    "units:\n  - name: A\n    budget_ceiling: 500.000.000\n": ("budget_ceiling phải là số đồng viết liền",),
    "level: quận\nunits:\n  - A\n": ("level: 'quận' không phải sở, tỉnh, huyện, xã hay bộ",),
    "department: 12\nunits:\n  - A\n": ("department: phải là chữ",),
    "units:\n  - A\ncollectives: Các phòng\n": ("collectives: phải là danh sách",),
}


@pytest.mark.parametrize("text", list(UNIT_MISTAKES))
def test_a_mistake_in_units_yaml_stops_with_the_file_and_the_key(cli, tmp_path, text):
    path = office_file(tmp_path, "units.yaml", text)
    message = refused(cli, tmp_path)
    assert str(path) in message and all(part in message for part in UNIT_MISTAKES[text]), message


def test_check_exits_2_not_1_when_the_registry_is_unusable(cli, tmp_path, blank_template):
    """Before: an empty units.yaml gave an empty registry, every row 'không có trong danh mục' and exit 1."""
    office_file(tmp_path, "units.yaml", "")
    submission = good(tmp_path / "van-phong", blank_template)
    message = refused(cli, tmp_path, "check", submission)
    assert "units.yaml: tệp trống" in message and "lead-unit-unknown" not in message
    code, _ = cli.json("check", submission, "--units", data_dir("validation") / "units.yaml")
    assert code == 0, "the same file with a usable registry is clean"


AREA_MISTAKES = {
    "": ("areas phải là danh sách các lĩnh vực",),
    "area:\n  - name: Cải cách thể chế\n": ("khóa 'area' không dùng được; khóa hợp lệ: areas",),
    "areas:\n  - code: the-che\n": ("areas, mục 1: thiếu name (tên lĩnh vực)",),
    "areas:\n  - name: Cải cách thể chế\n    alias: [Thể chế]\n": ("khóa 'alias' không dùng được",),
    "areas:\n  - name: Cải cách thể chế\n    aliases: Thể chế\n": ("aliases phải là danh sách tên",),
    "areas: Cải cách thể chế\n": ("areas phải là danh sách",),
}


@pytest.mark.parametrize("text", list(AREA_MISTAKES))
def test_a_mistake_in_areas_yaml_stops_with_the_file_and_the_key(cli, tmp_path, text):
    path = office_file(tmp_path, "areas.yaml", text)
    message = refused(cli, tmp_path)
    assert str(path) in message and all(part in message for part in AREA_MISTAKES[text]), message


def test_broken_yaml_is_explained_in_vietnamese_with_its_line(cli, tmp_path):
    path = office_file(tmp_path, "units.yaml", "units: [Văn phòng, Thanh tra\nexternal: [Sở Tư pháp]\n")
    message = refused(cli, tmp_path)
    assert f"{path}: lỗi cú pháp YAML (dòng 2, cột 9): danh sách [a, b] thiếu dấu ] đóng" in message
    assert "thụt lề bằng dấu cách (không dùng Tab)" in message and "(PyYAML: did not find expected ',' or ']')" in message
    for text, meaning in (("units:\n\t- A\n", "ký tự Tab"), ("units:\n  - A\n - B\n", "thụt lề không đều"),
                          ("department: 'UBND\n", "dấu nháy"), ('units:\n  - "D:\\CCHC"\n', "nháy đơn")):
        office_file(tmp_path, "units.yaml", text)
        assert meaning in refused(cli, tmp_path), text


def test_config_init_onto_a_file_of_the_same_name_says_so(cli, tmp_path):
    (tmp_path / "o2").mkdir()
    (tmp_path / "o2" / "cau-hinh-cchc").write_text("ghi chú", encoding="utf-8")
    message = refused(cli, tmp_path, "config", "init", "-d", tmp_path / "o2")
    assert "o2/cau-hinh-cchc: đã có một tệp (không phải thư mục)" in message and "Đổi tên hoặc xóa tệp đó" in message
    assert (tmp_path / "o2" / "cau-hinh-cchc").read_text(encoding="utf-8") == "ghi chú", "the file is untouched"


def test_every_shipped_sample_still_loads():
    base = data_dir("validation")
    for units in (base / "units.yaml", *sorted((base / "examples").glob("*.yaml"))):
        assert load_config(None, units).registry.units, units
    assert len(load_config().areas.areas) >= 6


def test_config_init_copies_load_for_every_level(cli, tmp_path):
    for level in ("so", "tinh", "xa"):
        assert cli("config", "init", "-d", tmp_path / level, "--level", level).exit_code == 0
        assert cli("config", "show", tmp_path / level).exit_code == 0, level


# --------------------------------------------------------------------------- any shape at all: an error of ours or a catalog
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**10), st.floats(allow_nan=False),
                    st.sampled_from(["", " ", "Văn phòng", "Sở Tư pháp", "sở", "xã", "huyen", "VP"]))
KEYS = st.sampled_from(["department", "level", "units", "collectives", "external", "name", "aliases",
                        "budget_ceiling", "unit", "alias", "areas", "code"])
SHAPES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS, inner, max_size=4)), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, SHAPES, max_size=5))
def test_any_yaml_shape_gives_a_registry_or_our_message(data):
    try:
        registry = Registry.from_dict(data)
    except RegistryError as exc:
        assert not [w for w in INTERNALS if w in exc.message], exc.message
    else:
        assert registry.units
    try:
        catalog = AreaCatalog.from_dict(data)
    except ConfigError as exc:
        assert not [w for w in INTERNALS if w in exc.message], exc.message
    else:
        assert catalog.areas


def test_the_office_folder_helper_copies_real_samples(tmp_path):
    """The shipped samples pass the strict checks byte for byte as config init copies them."""
    target = tmp_path / "cau-hinh-cchc"
    target.mkdir()
    shutil.copy(data_dir("validation") / "examples" / "ubnd-xa.yaml", target / "units.yaml")
    shutil.copy(data_dir("validation") / "areas.yaml", target / "areas.yaml")
    cfg = load_config(None, target / "units.yaml", target / "areas.yaml")
    assert cfg.registry.department == "UBND xã Tân Thành" and cfg.areas.areas


# --------------------------------------------------------------------------- paths that do not exist, the venv (finding 8)
def test_config_show_of_a_path_that_does_not_exist_says_so(cli, tmp_path):
    message = refused(cli, tmp_path, "config", "show", tmp_path / "khong-co" / "x.xlsx")
    assert f"{tmp_path / 'khong-co' / 'x.xlsx'}: không có tệp hay thư mục này" in message
    assert "Danh mục đơn vị" not in message, "no settings shown for a path that is not there"
    (tmp_path / "co-that").mkdir()
    assert cli("config", "show", tmp_path / "co-that").exit_code == 0


def test_config_init_refuses_a_folder_inside_the_venv(cli, tmp_path, monkeypatch):
    """KIEM-THU-EXCEL.md once said to open cmd in C:\\cchc-xl\\venv\\Scripts: `config init` (-d . by default) wrote the
    office's registry into the venv, which go-cai-dat.cmd deletes."""
    import venv

    env = tmp_path / "cchc-xl" / "venv"
    venv.create(env, with_pip=False)
    scripts = env / ("Scripts" if (env / "Scripts").is_dir() else "bin")
    monkeypatch.chdir(scripts)
    message = refused(cli, tmp_path, "config", "init", "--level", "xa")
    assert f"{scripts}: nằm trong môi trường Python của cchc-xl ({env})" in message
    assert 'config init -d "D:\\CCHC" --level xa' in message
    assert not (scripts / "cau-hinh-cchc").exists(), "nothing written"
    assert "nằm trong môi trường Python" in refused(cli, tmp_path, "config", "init", "-d", env / "Lib")
    assert cli("config", "init", "-d", tmp_path / "cchc-xl" / "van-phong").exit_code == 0, "beside the venv is fine"
    assert cli("config", "init", "--user").exit_code == 0, "the user's folder is never in the venv"


def test_no_instruction_runs_config_init_without_a_folder_or_from_the_venv():
    """What a clerk reads: every `config init` names its folder (-d) or the user's (--user), and no guide says to
    run commands from inside the venv."""
    import re

    from cchc_xl.formats.config_files import data_dir

    macros = data_dir("macros")
    for path in (macros / "KIEM-THU-EXCEL.md", macros / "DOC-TRUOC.txt", macros / "cai-dat.cmd",
                 Path(__file__).parents[2] / "README.md"):
        text = path.read_text(encoding="utf-8")
        for line in re.findall(r"[^\n]*cchc-xl(?:\.exe\"?)? config init[^\n]*", text):
            assert " -d " in line or "--user" in line or "[-d DIR]" in line, f"{path.name}: {line}"
        assert not re.search(r"(cmd|cửa sổ)[^\n]{0,20}tại `?C:\\cchc-xl\\venv", text), path.name
