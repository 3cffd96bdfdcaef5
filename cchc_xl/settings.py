"""Loading the YAML an office edits: rule overrides, consolidation options, unit registry, reform areas.

Defaults ship in ``validation/`` (installed as ``cchc_xl/validation``); rules
declare their own defaults in code, so ``rules.yaml`` and a user's ``--config`` only
say what they change, key by key. What they say is checked against the
declarations (``check/config.py``, ``consolidation.model.SETTINGS``): a wrong key,
value or type stops with a Vietnamese message naming the file and the key, never
a traceback.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from cchc_xl.check.config import Config, ConfigError, rule_overrides
from cchc_xl.consolidation.options import SETTINGS
from cchc_xl.core.areas import AreaCatalog
from cchc_xl.core.units import Registry

_HERE = Path(__file__).resolve().parent
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
        raise ConfigError(f"{path}: lỗi cú pháp YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: tệp cấu hình phải là một bảng khóa: giá trị (mapping).")
    return data


def load_config(config: str | Path | None = None, units: str | Path | None = None,
                areas: str | Path | None = None) -> Config:
    """The shipped defaults, overridden by the office's files; every key checked where it was written."""
    base = data_dir("validation")
    rules: dict[str, dict[str, Any]] = {}
    consolidation = {s.name: s.default for s in SETTINGS}
    sources: dict[str, str] = {}
    reporting: dict[str, dict[str, str]] = {}
    set_by: dict[tuple[str, str], str] = {}   # (period, date) -> the file that set it
    for path in [base / "rules.yaml", *([Path(config)] if config else [])]:
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
    try:
        registry = Registry.from_dict(load_yaml(units_path))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{units_path}: danh mục đơn vị sai cấu trúc ({exc}); xem mẫu validation/units.yaml.") from None
    areas_path = Path(areas) if areas else base / "areas.yaml"
    try:
        catalog = AreaCatalog.from_dict(load_yaml(areas_path))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{areas_path}: danh mục lĩnh vực sai cấu trúc ({exc}).") from None
    return Config(rules, consolidation, registry, catalog, str(units_path), sources, reporting)


def _reporting(section: Any, source: str) -> dict[str, dict[str, str]]:
    """The ``reporting:`` section: per report period its due date and cut-off, ``quy1: {cutoff: "14/03", due:
    "20/03"}``; a bare date (``quy1: "22/02"``, the older form) is the due date."""
    from cchc_xl.core.reporting import REPORT_PERIODS, ReportPeriodError, parse_day_month

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
    declared = {s.name: s for s in SETTINGS}
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
    """The unit registry in force as the results sheet names it: file name and source, never a path."""
    from cchc_xl.check.marks import registry_label

    shipped = Path(config.units_path).resolve().parent == data_dir("validation").resolve()
    return registry_label(config.units_path, shipped)
