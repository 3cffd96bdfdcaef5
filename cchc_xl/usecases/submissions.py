"""Use case, first half of consolidation: input files -> checked ``Submission``s.

Each file is read and checked exactly as `cchc-xl check` does (the same rules, the same
findings); what consolidation needs on top (who sent it, when, its hash, which template
and period it states, for a report form the unit it was made for) is gathered here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any, Callable, Iterable

from cchc_xl.check.config import Config
from cchc_xl.check.pipeline import UNREADABLE, FileResult, check_book, failed
from cchc_xl.consolidation.model import Submission
from cchc_xl.consolidation.plan import identify_unit, prepare
from cchc_xl.consolidation.reports import prepare_report
from cchc_xl.core.periods import Period
from cchc_xl.errors import ReadError
from cchc_xl.formats.xlsx.reader import read_book
from cchc_xl.usecases.pool import map_files


def file_hash(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_submission(path: Path, config: Config, period: Period | None, as_of: dt.date | None = None) -> Submission:
    """Check ``path`` against its own period (``period`` when it states none); a report form at ``as_of``.

    Whatever goes wrong with one file (even a bug of ours) rejects that file alone, with its reason."""
    try:
        return _load(path, config, period, as_of)
    except ReadError as exc:
        return Submission(str(path), FileResult(str(path), error=exc.reason, error_code=UNREADABLE))
    except Exception as exc:
        return Submission(str(path), failed(path, exc))


def _load(path: Path, config: Config, period: Period | None, as_of: dt.date | None = None) -> Submission:
    book = read_book(path)
    result = check_book(book, config, None, "vi", fallback=period, as_of=as_of)
    stat = path.stat()
    meta = result.table.meta if result.table else {}
    if result.report_form:   # a report form is the unit's it was made for (hidden), never guessed from its name
        unit, source = identify_unit(config.registry, book.properties.get("unit"), "")
    else:
        unit, source = identify_unit(config.registry, meta.get("unit") or book.properties.get("unit"), path.name)
    made = meta.get("date")
    if isinstance(made, dt.date) and not isinstance(made, dt.datetime):
        made = dt.datetime.combine(made, dt.time())
    stated = result.period if result.period_from in ("header", "template", "title") else None
    s = Submission(str(path), result, file_hash(path), stat.st_mtime, unit, source,
                   made if isinstance(made, dt.datetime) else None,
                   str(book.properties.get("template_version") or ""), stated,
                   visible_unit=str(meta.get("unit") or "") if result.report_form else "")
    return prepare_report(s) if result.report_form else prepare(s, config.registry)


def load_all(paths: Iterable[Path], config: Config, period: Period | None,
             progress: Callable[[Iterable[Path], int], Any] | None = None,
             as_of: dt.date | None = None) -> list[Submission]:
    return map_files(load_submission, list(paths), config, period, as_of, progress=progress)


def common_period(submissions: list[Submission]) -> Period | None:
    """The period every submission that states one agrees on, if they agree."""
    stated = {s.period for s in submissions if s.period}
    return stated.pop() if len(stated) == 1 else None
