"""Adapter: input files -> checked ``Submission``s for consolidation.

Each file is read and checked exactly as `cchc-xl check` does (the same rules,
the same findings); what consolidation needs on top (who sent it, when, its
hash, which template and period it states) is gathered here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any, Callable, Iterable

from .checker import FileResult, check_book
from .config import Config
from .consolidate import Submission, identify_unit
from .periods import Period
from .reader import ReadError, read_book


def file_hash(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_submission(path: Path, config: Config, period: Period | None) -> Submission:
    """Check ``path`` against its own period (``period`` when it states none)."""
    try:
        book = read_book(path)
    except ReadError as exc:
        return Submission(str(path), FileResult(str(path), error=exc.message))
    result = check_book(book, config, None, "vi", fallback=period)
    stat = path.stat()
    meta = result.table.meta if result.table else {}
    unit, source = identify_unit(config.registry, meta.get("unit") or book.properties.get("unit"), path.name)
    made = meta.get("date")
    if isinstance(made, dt.date) and not isinstance(made, dt.datetime):
        made = dt.datetime.combine(made, dt.time())
    stated = result.period if result.period_from in ("header", "template", "title") else None
    return Submission(str(path), result, file_hash(path), stat.st_mtime, unit, source,
                      made if isinstance(made, dt.datetime) else None,
                      str(book.properties.get("template_version") or ""), stated)


def load_all(paths: Iterable[Path], config: Config, period: Period | None,
             progress: Callable[[Iterable[Path]], Any] | None = None) -> list[Submission]:
    items = list(paths)
    iterator = progress(items) if progress else items
    return [load_submission(p, config, period) for p in iterator]


def common_period(submissions: list[Submission]) -> Period | None:
    """The period every submission that states one agrees on, if they agree."""
    stated = {s.period for s in submissions if s.period}
    return stated.pop() if len(stated) == 1 else None
