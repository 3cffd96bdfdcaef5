"""rules.yaml only overrides what rules declare; anything it cannot mean stops, naming file and key."""

from __future__ import annotations

import pytest

from cchc_xl.errors import ConfigError
from cchc_xl.check.rules import RULES
from cchc_xl.formats.config_files import load_config


def settings_file(tmp_path, text: str):
    path = tmp_path / "quy-tac.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_come_from_the_rules(config):
    for code, rule in RULES.items():
        assert config.severity(code) == rule.severity
        for p in rule.params:
            assert config.param(code, p.name) == p.default
    assert config.consolidation == {"old-template": "warning", "accept-warnings": True}


def test_an_override_changes_one_key(tmp_path):
    cfg = load_config(settings_file(tmp_path, "rules:\n  budget-implausible: {ceiling: 5000000000}\n"
                                              "  deadline-vague: {severity: off}\nconsolidation:\n  old-template: reject\n"))
    assert cfg.param("budget-implausible", "ceiling") == 5e9 and cfg.param("budget-implausible", "floor") == 1000
    assert cfg.severity("deadline-vague") == "off" and "deadline-vague" not in {r.code for r in cfg.active()}
    assert cfg.consolidation["old-template"] == "reject" and cfg.consolidation["accept-warnings"] is True


@pytest.mark.parametrize("text, words", [
    ("rules:\n  deadline-vage: {severity: off}\n", ["rules.deadline-vage", "deadline-vague"]),
    ("rules:\n  budget-implausible: {ceilling: 5}\n", ["rules.budget-implausible.ceilling", "ceiling, floor"]),
    ("rules:\n  budget-implausible: {ceiling: nhiều}\n", ["rules.budget-implausible.ceiling", "số"]),
    ("rules:\n  deadline-out-of-period: {grace_days: 2.5}\n", ["grace_days", "số nguyên"]),
    ("rules:\n  deadline-vague: {severity: hidden}\n", ["rules.deadline-vague.severity", "error, warning hoặc off"]),
    ("rule:\n  deadline-vague: {severity: off}\n", ["'rule'", "rules, consolidation"]),
    ("consolidation:\n  old-template: never\n", ["consolidation.old-template", "warning, reject"]),
    ("consolidation:\n  accept: true\n", ["consolidation.accept", "accept-warnings"]),
], ids=["code", "parameter", "type", "integer", "severity", "section", "choice", "setting"])
def test_what_it_cannot_mean_stops_naming_file_and_key(tmp_path, text, words):
    with pytest.raises(ConfigError) as caught:
        load_config(settings_file(tmp_path, text))
    assert "quy-tac.yaml" in caught.value.message
    for word in words:
        assert word in caught.value.message


def test_the_command_line_exits_2(cli, tmp_path, blank_template):
    result = cli("check", blank_template, "--config", settings_file(tmp_path, "rules:\n  x: {severity: off}\n"))
    assert result.exit_code == 2 and "quy-tac.yaml: rules.x" in result.output
