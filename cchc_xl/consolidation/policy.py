"""What an office may set for consolidation (rules.yaml's ``consolidation:``), and the options of one run.

Kept apart from the model so that loading the settings costs no import of the checker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    """An option of consolidation an office may set under ``consolidation:`` in rules.yaml."""

    name: str
    default: Any
    meaning: str
    choices: tuple[Any, ...] = ()


SETTINGS = (
    Setting("old-template", "warning", "bài nộp làm từ mẫu cũ hơn mẫu hiện hành: warning (nhận, có cảnh báo) "
                                       "hoặc reject (trả lại)", ("warning", "reject")),
    Setting("accept-warnings", True, "nhận cả bài nộp chỉ có cảnh báo (true) hay trả lại (false); "
                                     "--accept-warnings/--reject-warnings ghi đè", (True, False)),
)


@dataclass
class Options:
    accept_warnings: bool = True
    old_template: str = "warning"    # or "reject"
    template_version: str = "1.0"
    withdraw: frozenset[str] = frozenset()  # units whose empty submission withdraws all their tasks
