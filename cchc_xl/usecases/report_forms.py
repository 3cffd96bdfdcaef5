"""Use case: make progress report forms (`template --report`, and a unit's appendix made from the master): where
the tasks come from (the master, or a unit's own accepted appendix), which unit gets which tasks, the file each
unit's form is written to (never an input, never a master)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from cchc_xl.check.config import Config
from cchc_xl.consolidation.identity import ensure_ids
from cchc_xl.consolidation.reports import tasks_by_unit
from cchc_xl.core.periods import Period
from cchc_xl.core.reporting import report_period, report_year
from cchc_xl.core.text import fold
from cchc_xl.core.units import UNIT
from cchc_xl.errors import CchcError, ReadError
from cchc_xl.formats.files import fresh_output
from cchc_xl.formats.master.read import read_master
from cchc_xl.formats.xlsx.report_form import write_report_form


@dataclass(frozen=True)
class FormsRequest:
    """Report forms of one period: for one unit (``unit`` and ``output``) or for every unit leading a task
    (``folder``), from ``source`` (the master, or the unit's own accepted appendix)."""

    config: Config
    code: str                       # quy1, 6thang, quy3, nam
    source: Path
    unit: str | None = None
    output: Path | None = None
    folder: Path | None = None
    period: Period | None = None    # the appendix's, when it states none
    year: int | None = None         # a multi-year plan's report year


@dataclass(frozen=True)
class Form:
    """One form written: whose, where, how many tasks it leads and coordinates."""

    unit: str
    path: Path
    led: int
    coordinated: int
    title: str


def make_forms(request: FormsRequest) -> Iterator[Form]:
    """Write the forms the request asks for, one by one (the caller says each as it comes)."""
    cfg = request.config
    if request.output is not None:
        fresh_output(request.output, request.source)
    rows, plan, name = plan_rows(request.source, cfg, request.period)
    period, year = report_period(request.code, cfg.reporting), report_year(plan, request.year)
    by_unit = tasks_by_unit(rows, cfg.registry)
    for unit, path in _targets(request, year):
        led, coordinated = by_unit.get(fold(unit), ([], []))
        if not led and request.folder is not None:
            continue
        written = write_report_form(fresh_output(path, request.source), led, coordinated, unit, period, year, plan,
                                    name, cfg.registry.department)
        yield Form(unit, written, len(led), len(coordinated), period.title(year))


def _targets(request: FormsRequest, year: int) -> list[tuple[str, Path]]:
    """(unit, file) of each form: the one asked for, or every unit's in the folder under its own name."""
    registry = request.config.registry
    if request.unit is not None:
        found = registry.lookup(request.unit)
        if found is None:
            raise CchcError(f"đơn vị \u201c{request.unit}\u201d không có trong danh mục {request.config.units_path}.")
        assert request.output is not None
        return [(found.name, request.output)]
    assert request.folder is not None
    request.folder.mkdir(parents=True, exist_ok=True)
    names = form_names([u.name for u in registry.by_kind(UNIT)], request.code, year)
    return [(unit, request.folder / file) for unit, file in names.items()]


def unit_appendix(master: Path, unit: str) -> tuple[Period, list[dict]]:
    """(the master's plan period, the rows ``unit`` sent, with their ids): the unit's appendix to correct and send
    again (``template --master --unit``)."""
    state = read_master(master)
    if state is None:
        raise CchcError(f"{master}: không tìm thấy tệp tổng hợp.")
    if state.period is None:
        raise CchcError(f"{master}: tệp tổng hợp không ghi kỳ kế hoạch.")
    return state.period, [row for row in state.rows if row["unit"] == unit]


def form_names(units: list[str], code: str, year: int) -> dict[str, str]:
    """A file name for each unit's form ("bao-cao-quy1-2020-phong-phap-che.xlsx"), never one for two units: names
    that read alike without diacritics ("Kế hoạch" / "Kê hoạch"), written in another script, or long and alike
    past the first words get a number ("-2") rather than overwrite each other (names compared without case, as
    Windows compares them)."""
    import re

    from cchc_xl.core.text import plain

    out: dict[str, str] = {}
    taken: set[str] = set()
    for unit in units:
        slug = re.sub(r"[^a-z0-9]+", "-", plain(unit)).strip("-")[:60].strip("-") or "don-vi"
        name, n = f"bao-cao-{code}-{year}-{slug}.xlsx", 1
        while name.casefold() in taken:
            n += 1
            name = f"bao-cao-{code}-{year}-{slug}-{n}.xlsx"
        taken.add(name.casefold())
        out[unit] = name
    return out


# --------------------------------------------------------------------------- where the tasks come from
def plan_rows(source: Path, config: Config, period: Period | None) -> tuple[list[dict], Period, str]:
    """(master rows, plan period, source name) from the master, or from a unit's own appendix (checked: an
    appendix with errors makes no report form, as it would not be accepted into a master)."""
    from cchc_xl.usecases.submissions import load_submission

    if not source.exists():
        raise CchcError(f"{source}: không tìm thấy tệp.")
    try:
        state = read_master(source)
    except CchcError:
        state = None
    if state is not None:
        if state.period is None:
            raise CchcError(f"{source}: tệp tổng hợp không ghi kỳ kế hoạch.")
        return state.rows, state.period, source.name
    sub = load_submission(source, config, period)
    if sub.result.error:
        raise ReadError(source, sub.result.error)
    if sub.result.errors:
        raise CchcError(f"{source}: phụ lục còn {sub.result.errors} lỗi (cchc-xl check {source.name}); sửa trước khi "
                        "lập mẫu báo cáo.")
    assert sub.result.period is not None
    ensure_ids(sub.rows)   # the ids its tasks will be given when they enter the master
    return sub.rows, sub.result.period, source.name
