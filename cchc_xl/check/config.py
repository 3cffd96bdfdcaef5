"""The settings in force for a check: each rule's severity and parameters, the unit registry, the areas.

A rule declares its defaults (``check/rules``); ``rules.yaml`` and a ``--config`` file
only override them. What they may say is checked here, before anything runs: an
unknown rule code, an unknown parameter, a wrong type or severity stops with a
Vietnamese message naming the file, the key and the valid choices (exit code 2).
Loading the files themselves is ``settings.py``'s business: this module is pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cchc_xl.check.catalog import ERROR, OFF, WARNING
from cchc_xl.core.areas import AreaCatalog
from cchc_xl.core.units import Registry
from cchc_xl.errors import ConfigError

if TYPE_CHECKING:
    from cchc_xl.check.rules import Rule

RULE_SEVERITIES = (ERROR, WARNING, OFF)


@dataclass
class Config:
    """What a check runs with. ``rules`` holds only the overrides the files made (validated)."""

    rules: dict[str, dict[str, object]]
    consolidation: dict[str, object]
    registry: Registry
    areas: AreaCatalog
    units_path: str
    sources: dict[str, str] = field(default_factory=dict)   # code -> the file that set it (for `cchc-xl rules`)
    reporting: dict[str, dict[str, str]] = field(default_factory=dict)  # report period -> {"due": "22/02", "cutoff": …}
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)  # units/areas/rules -> (how found, path)

    def severity(self, code: str) -> str:
        """The severity in force for rule ``code``: error, warning or off."""
        return str(self.rules.get(code, {}).get("severity") or _rules()[code].severity)

    def param(self, code: str, name: str) -> int | float:
        """The value in force of parameter ``name`` of rule ``code`` (``rule_overrides`` let only numbers in)."""
        value = self.rules.get(code, {}).get(name)
        return value if isinstance(value, (int, float)) else _rules()[code].param(name).default

    def active(self, family: str = "plan") -> list[Rule]:
        """The rules of ``family`` (plan or report) not switched off, in declaration order."""
        return [rule for code, rule in _rules().items() if rule.family == family and self.severity(code) != OFF]


def _rules() -> dict[str, Rule]:
    """The declared rules; imported on first use, so that `cchc-xl template` loads no checker."""
    from cchc_xl.check.rules import RULES

    return RULES


def rule_overrides(section: object, source: str) -> dict[str, dict[str, object]]:
    """The ``rules:`` section of a settings file, checked against the declarations."""
    if not section:
        return {}
    RULES = _rules()
    if not isinstance(section, dict):
        raise ConfigError(f"{source}: khóa 'rules' phải là bảng mã quy tắc: tham số, ví dụ "
                          "\"rules: {deadline-vague: {severity: off}}\".")
    out: dict[str, dict[str, object]] = {}
    for code, params in section.items():
        rule = RULES.get(str(code))
        if rule is None:
            raise ConfigError(f"{source}: rules.{code}: không có quy tắc mã này. Các mã hợp lệ: "
                              f"{', '.join(RULES)} (xem: cchc-xl rules).")
        if params is None:
            continue
        if not isinstance(params, dict):
            raise ConfigError(f"{source}: rules.{code}: phải có dạng {{severity: error}} hoặc {{tên tham số: giá trị}}.")
        out[rule.code] = {name: _checked(rule, str(name), value, source) for name, value in params.items()}
    return out


def _checked(rule: Rule, name: str, value: object, source: str) -> object:
    key = f"{source}: rules.{rule.code}.{name}"
    if name == "severity":
        value = OFF if value is False else value  # YAML 1.1 reads a bare `off` as False
        if value not in RULE_SEVERITIES:
            raise ConfigError(f"{key}: phải là error, warning hoặc off (đang là {value!r}).")
        return value
    declared = {p.name: p for p in rule.params}
    if name not in declared:
        valid = ", ".join(["severity", *declared])
        raise ConfigError(f"{key}: quy tắc này không có tham số {name!r}. Các khóa hợp lệ: {valid}.")
    param = declared[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or \
            (param.kind is int and not float(value).is_integer()):
        kind = "số nguyên" if param.kind is int else "số"
        raise ConfigError(f"{key}: phải là một {kind} không âm (đang là {value!r}); mặc định {param.default}.")
    return param.kind(value)
