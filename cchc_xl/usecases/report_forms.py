"""Use case: make progress report forms (`template --report`): where the tasks come from (the master, or a unit's
own accepted appendix) and the file each unit's form is written to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc_xl.consolidation.identity import ensure_ids
from cchc_xl.core.periods import Period


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
def plan_rows(source: Path, config: Any, period: Period | None) -> tuple[list[dict], Period, str]:
    """(master rows, plan period, source name) from the master, or from a unit's own appendix (checked: an
    appendix with errors makes no report form, as it would not be accepted into a master)."""
    from cchc_xl.errors import CchcError
    from cchc_xl.formats.master.read import read_master
    from cchc_xl.errors import ReadError
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
