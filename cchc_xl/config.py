"""Loading the YAML an office edits: rules, unit registry, reform areas.

Defaults ship in ``validation/`` (installed as ``cchc_xl/validation``). A user's
``--config`` file overrides the default rules key by key, so it only needs the
lines it changes. Errors in a YAML file are reported in Vietnamese with the file
name, never as a traceback.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .areas import AreaCatalog
from .findings import CATALOG, SEVERITIES
from .units import Registry

_HERE = Path(__file__).resolve().parent


class ConfigError(Exception):
    """A YAML file that cannot be used; the message is for the user."""


def data_dir(name: str) -> Path:
    """``validation`` or ``macros``: installed inside the package, or beside it in a checkout."""
    for candidate in (_HERE / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"Không tìm thấy thư mục dữ liệu {name!r} của cchc-xl (cài đặt bị thiếu tệp).")


def load_yaml(path: str | Path) -> dict:
    path = Path(path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: 10x faster
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=loader)
    except FileNotFoundError:
        raise ConfigError(f"{path}: không tìm thấy tệp cấu hình.") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: tệp cấu hình phải lưu dạng UTF-8.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark else ""
        raise ConfigError(f"{path}: lỗi cú pháp YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: tệp cấu hình phải là một bảng khóa: giá trị (mapping).")
    return data


def deep_merge(base: dict, override: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


@dataclass
class Config:
    rules: dict[str, dict[str, Any]]
    consolidation: dict[str, Any]
    registry: Registry
    areas: AreaCatalog
    units_path: str

    def severity(self, code: str) -> str:
        return str(self.rules.get(code, {}).get("severity", "error"))

    def param(self, code: str, name: str, default: Any = None) -> Any:
        return self.rules.get(code, {}).get(name, default)


def load_config(config: str | Path | None = None, units: str | Path | None = None,
                areas: str | Path | None = None) -> Config:
    """Defaults from ``validation/``, overridden by the user's files."""
    base = data_dir("validation")
    data = load_yaml(base / "rules.yaml")
    if config:
        data = deep_merge(data, load_yaml(config))
    rules = data.get("rules") or {}
    _check_rules(rules, config or base / "rules.yaml")
    for params in rules.values():  # YAML 1.1 reads a bare `off` as False
        if params.get("severity") is False:
            params["severity"] = "off"
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
    return Config(rules, data.get("consolidation") or {}, registry, catalog, str(units_path))


def _check_rules(rules: Any, path: str | Path) -> None:
    if not isinstance(rules, dict):
        raise ConfigError(f"{path}: khóa 'rules' phải là bảng mã quy tắc: tham số.")
    for code, params in rules.items():
        if code not in CATALOG:
            known = ", ".join(sorted(CATALOG))
            raise ConfigError(f"{path}: không có quy tắc mã {code!r}. Các mã hợp lệ: {known}.")
        if not isinstance(params, dict):
            raise ConfigError(f"{path}: quy tắc {code} phải có dạng {{severity: error}}.")
        severity = params.get("severity", "error")
        if severity is False:
            continue
        if severity not in (*SEVERITIES, "off"):
            raise ConfigError(f"{path}: quy tắc {code}: severity phải là error, warning hoặc off "
                              f"(đang là {severity!r}).")
