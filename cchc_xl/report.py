"""Rendering results for people (text) and for programs (JSON, a stable contract)."""

from __future__ import annotations

import json
from typing import Iterable

from .checker import FileResult

_WORDS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "tasks": "nhiệm vụ", "sheet": "trang", "period": "kỳ",
           "files": "tệp", "total": "Tổng", "unreadable": "KHÔNG ĐỌC ĐƯỢC", "hint": "gợi ý",
           "ok": "không có lỗi"},
    "en": {"error": "errors", "warning": "warnings", "tasks": "tasks", "sheet": "sheet", "period": "period",
           "files": "files", "total": "Total", "unreadable": "CANNOT READ", "hint": "suggestion",
           "ok": "no problems"},
}


def summary(results: list[FileResult]) -> dict:
    return {"files": len(results), "errors": sum(r.errors for r in results),
            "warnings": sum(r.warnings for r in results),
            "unreadable": sum(1 for r in results if r.error)}


def to_json(results: list[FileResult]) -> str:
    return json.dumps({"files": [r.as_json() for r in results], "summary": summary(results)},
                      ensure_ascii=False, indent=2)


def text_lines(results: list[FileResult], lang: str = "vi") -> Iterable[str]:
    w = _WORDS.get(lang, _WORDS["vi"])
    for result in results:
        if result.error:
            yield f"{result.path}: {w['unreadable']}: {result.error}"
            continue
        head = f"{result.path} ({w['sheet']} {result.sheet}"
        if result.period:
            head += f", {w['period']} {result.period}"
        yield head + f", {result.tasks} {w['tasks']})"
        for f in result.findings:
            line = f"  {f.where:<16} {f.code:<24} {f.message}"
            if f.suggestion:
                line += f" [{w['hint']}: {f.suggestion}]"
            yield line
        yield (f"  {result.errors} {w['error']}, {result.warnings} {w['warning']}"
               if result.findings else f"  {w['ok']}")
    if len(results) > 1:
        s = summary(results)
        line = f"{w['total']}: {s['files']} {w['files']}, {s['errors']} {w['error']}, {s['warnings']} {w['warning']}"
        if s["unreadable"]:
            line += f", {s['unreadable']} {w['unreadable'].lower()}"
        yield line


def exit_code(results: list[FileResult]) -> int:
    """0: no error-level finding; 1: some; 2: a file could not be read or checked."""
    if any(r.error for r in results):
        return 2
    return 1 if any(r.errors for r in results) else 0
