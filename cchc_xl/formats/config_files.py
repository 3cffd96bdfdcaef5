"""Loading the YAML an office edits: rule overrides, consolidation policy, unit registry, reform areas.

Defaults ship in ``validation/`` (installed as ``cchc_xl/validation``); rules
declare their own defaults in code, so ``rules.yaml`` and a user's ``--config`` only
say what they change, key by key. What they say is checked against the
declarations (``check/config.py``, ``consolidation.policy.POLICY_KEYS``): a wrong key,
value or type stops with a Vietnamese message naming the file and the key, never
a traceback.

An office keeps its own files in a folder ``cau-hinh-cchc/`` beside its workbooks
(``find_office_files``): every command and every ribbon button finds it the same
way, from the files it works on (``office_config``).
"""

from __future__ import annotations

import copy
import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable

import yaml

from cchc_xl.check.config import Config, rule_overrides
from cchc_xl.consolidation.policy import POLICY_KEYS
from cchc_xl.core.areas import AreaCatalog
from cchc_xl.core.units import Registry
from cchc_xl.errors import ConfigError, RegistryError

_HERE = Path(__file__).resolve().parents[1]   # the package: validation/ and macros/ are installed inside it
SECTIONS = ("rules", "consolidation", "reporting")


def data_dir(name: str) -> Path:
    """``validation`` or ``macros``: installed inside the package, or beside it in a checkout."""
    for candidate in (_HERE / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"Không tìm thấy thư mục dữ liệu {name!r} của cchc-xl (cài đặt bị thiếu tệp).")


def load_yaml(path: str | Path) -> dict:
    """A YAML mapping from ``path``; any problem becomes a ConfigError naming the file (and line)."""
    path = Path(path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: 10x faster
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=loader)
    except FileNotFoundError:
        raise ConfigError(f"{path}: không tìm thấy tệp cấu hình.") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: tệp cấu hình phải lưu dạng UTF-8.") from None
    except OSError as exc:
        raise ConfigError(f"{path}: không đọc được tệp cấu hình ({exc.strerror or exc}).") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark else ""
        problem = str(getattr(exc, "problem", None) or exc)
        raise ConfigError(f"{path}: lỗi cú pháp YAML{where}: {yaml_explained(problem)} (PyYAML: {problem})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: tệp cấu hình phải là một bảng khóa: giá trị (mapping).")
    return data


# What PyYAML says (English, in its words) and what it usually means in a file an office edits by hand.
_YAML_PROBLEMS = (
    ("expected ',' or ']'", "danh sách [a, b] thiếu dấu ] đóng, hoặc thiếu dấu phẩy giữa hai mục"),
    ("expected ',' or '}'", "bảng {a: 1} thiếu dấu } đóng, hoặc thiếu dấu phẩy giữa hai mục"),
    ("could not find expected ':'", "thiếu dấu hai chấm sau tên khóa, hoặc một dòng bị xuống dòng giữa chừng"),
    ("mapping values are not allowed", "dấu hai chấm ở chỗ không được có: tên có dấu “:” phải đặt trong nháy kép, "
                                       "hoặc dòng này thụt lề sai"),
    ("cannot start any token", "có ký tự Tab hoặc ký tự đặc biệt (@, `, %) ở đầu giá trị: thụt lề bằng dấu cách, "
                               "giá trị bắt đầu bằng ký tự đặc biệt đặt trong nháy kép"),
    ("expected <block end>", "thụt lề không đều: các mục cùng cấp phải thẳng cột với nhau"),
    ("expected key", "thụt lề không đều: các mục cùng cấp phải thẳng cột với nhau"),
    ("expected '-' indicator", "thụt lề không đều trong danh sách: mỗi mục bắt đầu bằng “- ” thẳng cột"),
    ("end of stream", "dấu nháy (\" hoặc ') mở mà chưa đóng"),
    ("escape character", "dấu \\ trong nháy kép: đường dẫn có \\ hãy đặt trong nháy đơn, ví dụ 'D:\\CCHC'"),
    ("alias", "giá trị bắt đầu bằng * hoặc & phải đặt trong nháy kép"),
)


def yaml_explained(problem: str) -> str:
    """A YAML syntax error in Vietnamese: what it usually means, and what to look at."""
    meaning = next((vi for en, vi in _YAML_PROBLEMS if en in problem), "tệp không đúng cú pháp YAML")
    return (f"{meaning}. Mở tệp bằng Notepad, xem dòng đó và dòng ngay trên: thụt lề bằng dấu cách (không dùng Tab), "
            "“khóa: giá trị” có dấu cách sau dấu hai chấm, ngoặc và nháy đóng đủ")


def load_config(config: str | Path | None = None, units: str | Path | None = None,
                areas: str | Path | None = None, found: dict[str, Source] | None = None) -> Config:
    """The shipped defaults, overridden by the office's files; every key checked where it was written.

    ``found`` (``find_office_files``) supplies the office's units/areas/rules files and where each came
    from; ``units``/``areas`` given explicitly win, and ``config`` overrides the office's rules.yaml."""
    base = data_dir("validation")
    found = _explicit(found, units=units, areas=areas)
    units, areas = found["units"].path, found["areas"].path
    rules: dict[str, dict[str, Any]] = {}
    consolidation = {s.name: s.default for s in POLICY_KEYS}
    sources: dict[str, str] = {}
    reporting: dict[str, dict[str, str]] = {}
    set_by: dict[tuple[str, str], str] = {}   # (period, date) -> the file that set it
    for path in [base / "rules.yaml", *_office_rules(found), *([Path(config)] if config else [])]:
        data = load_yaml(path)
        for section in data:
            if section not in SECTIONS:
                raise ConfigError(f"{path}: khóa {section!r} không dùng được; các khóa hợp lệ: {', '.join(SECTIONS)}.")
        for code, values in rule_overrides(data.get("rules"), str(path)).items():
            rules[code] = {**rules.get(code, {}), **values}
            sources[code] = str(path)
        consolidation.update(_consolidation(data.get("consolidation"), str(path)))
        for code, dates in _reporting(data.get("reporting"), str(path)).items():
            reporting[code] = {**reporting.get(code, {}), **dates}
            set_by.update({(code, key): str(path) for key in dates})
    _checked_reporting(reporting, set_by)
    units_path = Path(units) if units else base / "units.yaml"
    try:  # both check every key and type themselves: their messages name the key, the file is added here
        registry = Registry.from_dict(load_yaml(units_path))
    except RegistryError as exc:
        raise ConfigError(f"{units_path}: {exc.message}") from None
    areas_path = Path(areas) if areas else base / "areas.yaml"
    data = load_yaml(areas_path)
    try:
        catalog = AreaCatalog.from_dict(data)
    except ConfigError as exc:
        raise ConfigError(f"{areas_path}: {exc.message}") from None
    loaded = Config(rules, consolidation, registry, catalog, str(units_path), sources, reporting)
    loaded.origins = _origins(found)
    return loaded


def _reporting(section: Any, source: str) -> dict[str, dict[str, str]]:
    """The ``reporting:`` section: per report period its due date and cut-off, ``quy1: {cutoff: "14/03", due:
    "20/03"}``; a bare date (``quy1: "22/02"``, the older form) is the due date."""
    from cchc_xl.core.reporting import REPORT_PERIODS, parse_day_month
    from cchc_xl.errors import ReportPeriodError

    if section is None:
        return {}
    if not isinstance(section, dict):
        raise ConfigError(f"{source}: khóa 'reporting' phải là bảng kỳ báo cáo: ngày, ví dụ "
                          "\"reporting: {quy1: {cutoff: '14/03', due: '20/03'}}\".")
    out: dict[str, dict[str, str]] = {}
    for code, value in section.items():
        if str(code) not in REPORT_PERIODS:
            raise ConfigError(f"{source}: reporting.{code}: không có kỳ báo cáo này. Các kỳ: {', '.join(REPORT_PERIODS)}.")
        dates = value if isinstance(value, dict) else {"due": value}
        for key, text in dates.items():
            if key not in REPORT_DATES:
                raise ConfigError(f"{source}: reporting.{code}.{key}: không có khóa này; dùng cutoff (ngày chốt số "
                                  "liệu) và due (hạn nộp báo cáo).")
            try:
                parse_day_month(text)
            except ReportPeriodError as exc:
                raise ConfigError(f"{source}: reporting.{code}.{key}: {exc}") from None
        out[str(code)] = {str(k): str(v) for k, v in dates.items()}
    return out


REPORT_DATES = ("cutoff", "due")


def _checked_reporting(reporting: dict[str, dict[str, str]], set_by: dict[tuple[str, str], str]) -> None:
    """The dates of each report period, once every file has spoken, must agree with the period and each other:
    a cut-off after the due date stops with the file and key that set it."""
    from cchc_xl.core.reporting import REPORT_PERIODS, report_period

    for code in REPORT_PERIODS:
        problem = report_period(code, reporting).problem()
        if problem:
            key, why = problem
            source = set_by.get((code, key)) or set_by.get((code, "due"), "validation/rules.yaml")
            raise ConfigError(f"{source}: reporting.{code}.{key}: {why}")


def _consolidation(section: Any, source: str) -> dict[str, Any]:
    """The ``consolidation:`` section, checked against the declared settings."""
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise ConfigError(f"{source}: khóa 'consolidation' phải là bảng tên: giá trị.")
    declared = {s.name: s for s in POLICY_KEYS}
    out = {}
    for name, value in section.items():
        setting = declared.get(str(name))
        if setting is None:
            raise ConfigError(f"{source}: consolidation.{name}: không có thiết lập này. Các thiết lập hợp lệ: "
                              f"{', '.join(declared)}.")
        if setting.choices and value not in setting.choices:
            choices = ", ".join(str(c).lower() for c in setting.choices)
            raise ConfigError(f"{source}: consolidation.{name}: phải là một trong {choices} (đang là {value!r}).")
        out[setting.name] = copy.deepcopy(value)
    return out


def registry_name(config: Config) -> str:
    """The unit registry in force as the results sheet names it: its file name and where it was found (the
    office's folder by its path; the shipped sample never by its installation path)."""
    return source_label(config, "units")


def source_label(config: Config, kind: str) -> str:
    """``units``/``areas``/``rules`` of ``config``: "units.yaml (cau-hinh-cchc của văn phòng: D:\\…)"."""
    from cchc_xl.check.marks import registry_label

    origin, path = config.origins.get(kind) or (_guess_origin(config.units_path), config.units_path)
    folder = str(Path(path).parent) if origin in (OFFICE, USER) else ""
    return registry_label(path, origin, folder)


def _guess_origin(units_path: str) -> str:
    """A Config built without ``found`` (an older caller): shipped if it is the sample, else an explicit file."""
    shipped = Path(units_path).resolve().parent == data_dir("validation").resolve()
    return SHIPPED if shipped else OPTION


def source_lines(config: Config) -> list[str]:
    """What the text output and the ribbon's alerts say about the settings: the unit registry in force and
    where it was found, then the office's areas and rules files when they are not the shipped ones."""
    lines = [f"Danh mục đơn vị: {source_label(config, 'units')}"]
    for kind, label in (("areas", "Danh mục lĩnh vực"), ("rules", "Quy tắc")):
        if config.origins.get(kind, (SHIPPED, ""))[0] in (OFFICE, USER):
            lines.append(f"{label}: {source_label(config, kind)}")
    return lines


# --------------------------------------------------------------------------- the office's folder
OFFICE_DIR = "cau-hinh-cchc"
OFFICE_FILES = {"units": "units.yaml", "areas": "areas.yaml", "rules": "rules.yaml"}
OFFICE, USER, OPTION, SHIPPED = "office", "user", "option", "shipped"
USER_DIR = "cchc-xl"


@dataclass(frozen=True)
class Source:
    """One of the office's files and how it was found: ``office`` (a cau-hinh-cchc/ folder beside or above
    the files worked on), ``user`` (the user's configuration folder), ``option`` (--units, --config) or
    ``shipped`` (the sample that comes with cchc-xl)."""

    path: Path
    origin: str


def user_config_dir(platform: str | None = None) -> Path:
    """The user's own configuration folder: %APPDATA%\\cchc-xl on Windows, ~/Library/Application Support/cchc-xl
    on macOS, $XDG_CONFIG_HOME/cchc-xl (~/.config/cchc-xl) elsewhere."""
    platform = platform or sys.platform
    home = Path.home()
    if platform.startswith("win"):
        return Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming") / USER_DIR
    if platform == "darwin":
        return home / "Library" / "Application Support" / USER_DIR
    return Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / USER_DIR


def anchor_folders(anchors: Iterable[str | os.PathLike | None]) -> list[Path]:
    """The folders to search from: each anchor's folder (a file's parent; for a file or folder still to be
    written, the nearest folder above it that exists), in order, each once. A path that is no local path (a
    OneDrive URL) gives none."""
    out: list[Path] = []
    for anchor in anchors:
        text = os.fspath(anchor) if anchor is not None else ""
        if not text or "://" in text:
            continue
        path = Path(text).expanduser().absolute()
        folder = next((f for f in (path, *path.parents) if _is_dir(f)), None)
        if folder is not None and folder not in out:
            out.append(folder)
    return out


def office_folders(anchors: Iterable[str | os.PathLike | None]) -> list[Path]:
    """Every ``cau-hinh-cchc/`` folder in the anchors' folders and their parents, nearest first, each once."""
    out: list[Path] = []
    for folder in anchor_folders(anchors):
        for parent in (folder, *folder.parents):
            candidate = parent / OFFICE_DIR
            if candidate not in out and _is_dir(candidate):
                out.append(candidate)
    return out


def find_office_files(anchors: Iterable[str | os.PathLike | None] = ()) -> dict[str, Source]:
    """For each of units.yaml, areas.yaml, rules.yaml: the nearest ``cau-hinh-cchc/`` holding it, walking up
    from each anchor in turn (the workbook, the submissions folder, the master); then the user's
    configuration folder; then the shipped sample. Each file is looked for on its own, so an office may
    keep only its units.yaml. No anchor (an unsaved workbook): the user's folder, then the sample."""
    folders = office_folders(anchors)
    user, base = user_config_dir(), data_dir("validation")
    found: dict[str, Source] = {}
    for kind, name in OFFICE_FILES.items():
        hit = next((Source(f / name, OFFICE) for f in folders if _is_file(f / name)), None)
        if hit is None and _is_file(user / name):
            hit = Source(user / name, USER)
        found[kind] = hit or Source(base / name, SHIPPED)
    return found


def office_config(anchors: Iterable[str | os.PathLike | None] = (), config: str | Path | None = None,
                  units: str | Path | None = None) -> FoundConfig:
    """The settings in force for work on ``anchors``: what the CLI and every ribbon button load."""
    loaded = load_config(config, units, None, find_office_files(anchors))
    return FoundConfig(**{f.name: getattr(loaded, f.name) for f in fields(Config)},
                       asked=(str(config) if config else None, str(units) if units else None))


@dataclass
class FoundConfig(Config):
    """Settings found from the files a command works on, which remember what the command said (``asked``:
    --config, --units), so that a check can give each of its files the settings found from that very file
    (``for_file``); ``spread`` is which files a check gave which settings (their ``source_lines``), for the
    text output to say so when they differ."""

    asked: tuple[str | None, str | None] = (None, None)
    spread: list[tuple[list[str], list[str]]] = field(default_factory=list)

    def for_file(self, path: str | os.PathLike, loaded: dict[tuple, FoundConfig]) -> FoundConfig:
        """The settings found from ``path`` with the same --config/--units: these when they are the same files,
        else the set kept in ``loaded`` (each distinct set is loaded once per command)."""
        rules, units = self.asked
        key = _key(_origins(_explicit(find_office_files([path]), units=units)))
        if key == _key(self.origins):
            return self
        if key not in loaded:
            loaded[key] = office_config([path], rules, units)
        return loaded[key]


def _origins(found: dict[str, Source]) -> dict[str, tuple[str, str]]:
    """How each file of a configuration was found and where: what ``Config.origins`` holds."""
    return {kind: (src.origin, str(src.path)) for kind, src in found.items()}


def _key(origins: dict[str, tuple[str, str]]) -> tuple:
    return tuple(sorted(origins.items()))


def _explicit(found: dict[str, Source] | None, **given: str | Path | None) -> dict[str, Source]:
    """``found`` completed with the shipped files, with the files given explicitly put in front."""
    base = data_dir("validation")
    out = {kind: Source(base / name, SHIPPED) for kind, name in OFFICE_FILES.items()}
    out.update(found or {})
    out.update({kind: Source(Path(path), OPTION) for kind, path in given.items() if path})
    return out


def _office_rules(found: dict[str, Source]) -> list[Path]:
    """The office's rules.yaml, a layer between the shipped defaults and --config."""
    rules = found.get("rules")
    return [rules.path] if rules is not None and rules.origin in (OFFICE, USER) else []


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a folder the clerk may not list (a network share): not ours
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False
