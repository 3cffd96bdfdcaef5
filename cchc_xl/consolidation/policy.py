"""The consolidation policy: what an office may set under rules.yaml's ``consolidation:`` (``POLICY_KEYS``), and the
``Policy`` one run applies (those, the command's --accept-warnings and --withdraw, the current template version).

Three kinds of setting, one name each: the office's *configuration* (``formats/config_files.py``, ``check.config``),
the consolidation *policy* (here) and the command line's *flags* (``app/flags.py``). Kept apart from the model so
that loading the configuration costs no import of the checker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PolicyKey:
    """A key of the policy an office may set under ``consolidation:`` in rules.yaml."""

    name: str
    default: Any
    meaning: str
    choices: tuple[Any, ...] = ()


POLICY_KEYS = (
    PolicyKey("old-template", "warning", "bài nộp làm từ mẫu cũ hơn mẫu hiện hành: warning (nhận, có cảnh báo) "
                                       "hoặc reject (trả lại)", ("warning", "reject")),
    PolicyKey("accept-warnings", True, "nhận cả bài nộp chỉ có cảnh báo (true) hay trả lại (false); "
                                     "--accept-warnings/--reject-warnings ghi đè", (True, False)),
)


@dataclass
class Policy:
    """What one consolidation run applies."""

    accept_warnings: bool = True
    old_template: str = "warning"    # or "reject"
    template_version: str = "1.0"
    withdraw: frozenset[str] = frozenset()  # units whose empty submission withdraws all their tasks
