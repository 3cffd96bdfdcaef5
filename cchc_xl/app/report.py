"""Rendering results for people (text) and for programs (JSON, a stable contract)."""

from __future__ import annotations

import json
from typing import Any, Iterable

from cchc_xl.check.catalog import json_value
from cchc_xl.check.config import Config
from cchc_xl.check.pipeline import FileResult
from cchc_xl.consolidation.model import Verdict

_WORDS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "tasks": "nhiệm vụ", "sheet": "trang", "period": "kỳ", "budget": "kinh phí tính bằng", "report": "báo cáo",
           "as_of": "xét đến ngày", "cutoff": "số liệu đến", "due": "hạn nộp",
           "files": "tệp", "total": "Tổng", "unreadable": "KHÔNG ĐỌC ĐƯỢC", "hint": "gợi ý",
           "ok": "không có lỗi"},
    "en": {"error": "errors", "warning": "warnings", "tasks": "tasks", "sheet": "sheet", "period": "period", "budget": "budget in", "report": "report",
           "as_of": "as of", "cutoff": "figures to", "due": "due",
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
        if result.report:
            info = result.report
            head += (f", {w['report']} {info.period.title(info.year)} ({w['cutoff']} {info.cutoff:%d/%m/%Y}, "
                     f"{w['due']} {info.due:%d/%m/%Y}), {w['as_of']} {info.as_of:%d/%m/%Y}")
        elif result.period:
            head += f", {w['period']} {result.period}"
        if result.budget_unit != "đồng":
            head += f", {w['budget']} {result.budget_unit}"
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


# --------------------------------------------------------------------------- consolidation
_OUTCOME = {Verdict.ACCEPTED: "Nhận", Verdict.UNCHANGED: "Không thay đổi", Verdict.REJECTED: "Trả lại",
            Verdict.SUPERSEDED: "Bản cũ (bỏ qua)"}


def consolidation_json(run, registry) -> str:
    from cchc_xl.consolidation.model import Standing

    state = run.state
    by = {k.value: [o.as_json() for o in run.outcomes if o.status == k] for k in _OUTCOME}
    data = {
        "master": str(run.master), "backup": str(run.backup) if run.backup else None, "written": run.written,
        "period": str(state.period) if state.period else None,
        **by,
        "missing": [u.unit for u in state.units.values() if u.status == Standing.MISSING],
        "cross_checks": [c.as_json() for c in state.checks],
        "summary": {"rows": len(state.rows), **{k: len(v) for k, v in by.items()},
                    "missing": sum(1 for u in state.units.values() if u.status == Standing.MISSING)},
        "reports": _report_summaries(run, registry),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def _report_summaries(run, registry) -> list[dict[str, Any]]:
    """Per report period the master holds: units received / missing / late, task counts."""
    from cchc_xl.consolidation.reports import summary

    return [summary(run.state, rs, registry) for rs in run.state.reports.values()]


def consolidation_lines(run, registry):
    from cchc_xl.consolidation.model import Standing

    state = run.state
    for o in run.outcomes:
        s = o.submission
        unit = s.unit.name if s.unit else "?"
        line = f"{_OUTCOME[o.status]:<16} {unit:<34} {s.path}"
        if o.reasons:
            line += "  (" + "; ".join(o.reasons) + ")"
        if s.annotated:
            line += f"  -> {s.annotated}"
        yield line
    missing = [u.unit for u in state.units.values() if u.status == Standing.MISSING]
    if missing:
        yield "Chưa nộp: " + ", ".join(missing)
    warnings = [c for c in state.checks if c.severity == "warning"]
    if warnings:
        yield f"Đối chiếu: {len(warnings)} cảnh báo (xem trang Đối chiếu)"
    for r in _report_summaries(run, registry):
        t, u = r["tasks"], r["units"]
        yield (f"Báo cáo {r['title']}: {len(u['received'])} đơn vị đã nộp ({len(u['late'])} muộn), "
               f"{len(u['missing'])} chưa nộp; {t['total']} nhiệm vụ: {t['done']} hoàn thành, "
               f"{t['in_progress']} đang thực hiện, {t['overdue']} quá hạn, {t['unreported']} chưa báo cáo.")
    if run.written:
        yield f"Đã ghi {run.master}: {len(state.rows)} nhiệm vụ" + (f"; bản trước: {run.backup}" if run.backup else "")
    else:
        yield f"Không có gì thay đổi: {run.master} giữ nguyên ({len(state.rows)} nhiệm vụ), không ghi lại."


# --------------------------------------------------------------------------- rules
_SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "off": "tắt"}


def rules_table(config: Config) -> list[dict[str, Any]]:
    """Every rule as `cchc-xl rules` lists it (and its JSON): declared values and those in force."""
    from cchc_xl.check.rules import RULES

    out = []
    for code, rule in RULES.items():
        out.append({
            "code": code, "column": rule.column, "severity": config.severity(code), "default_severity": rule.severity,
            "title": rule.title[0], "title_en": rule.title[1], "description": rule.doc,
            "params": {p.name: {"value": json_value(config.param(code, p.name)), "default": p.default,
                                "meaning": p.meaning} for p in rule.params},
            "source": config.sources.get(code),
        })
    return out


def rules_json(config: Config) -> str:
    return json.dumps(rules_table(config), ensure_ascii=False, indent=2)


def rules_lines(config: Config) -> Iterable[str]:
    from cchc_xl.table.headers import COLUMNS
    from cchc_xl.table.report import REPORT_COLUMNS

    yield f"{'MÃ QUY TẮC':<27} {'CỘT':<22} {'MỨC ĐỘ':<9} TÊN"
    for r in rules_table(config):
        column = COLUMNS.get(r["column"] or "") or REPORT_COLUMNS.get(r["column"] or "",
                                                                      "(cả bảng)" if r["column"] is None else r["column"])
        changed = "*" if r["severity"] != r["default_severity"] else " "
        yield f"{r['code']:<27} {column:<22} {_SEVERITY_VI[r['severity']]:<8}{changed} {r['title']}"
        for name, p in r["params"].items():
            mark = "" if p["value"] == p["default"] else f" (mặc định {p['default']})"
            yield f"{'':<27}   - {name} = {p['value']}{mark}: {p['meaning']}"
        if r["source"]:
            yield f"{'':<27}   (ghi đè bởi {r['source']})"
    yield "Mức độ có dấu * là đã đổi so với mặc định. Đổi trong rules.yaml hoặc tệp --config, ví dụ:"
    yield "  rules:"
    yield "    deadline-vague: {severity: off}"
