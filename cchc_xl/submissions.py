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
from .consolidate import Submission, identify_unit, prepare
from .periods import Period
from .pool import map_files
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
    return prepare(Submission(str(path), result, file_hash(path), stat.st_mtime, unit, source,
                              made if isinstance(made, dt.datetime) else None,
                              str(book.properties.get("template_version") or ""), stated), config.registry)


def load_all(paths: Iterable[Path], config: Config, period: Period | None,
             progress: Callable[[Iterable[Path], int], Any] | None = None) -> list[Submission]:
    return map_files(load_submission, list(paths), config, period, progress=progress)


def common_period(submissions: list[Submission]) -> Period | None:
    """The period every submission that states one agrees on, if they agree."""
    stated = {s.period for s in submissions if s.period}
    return stated.pop() if len(stated) == 1 else None


class ConsolidationError(Exception):
    """The consolidation cannot run; the message is for the user."""


def run_consolidation(inputs: Iterable[str | os.PathLike], master: Path, config: Config,
                      period: Period | None = None, accept_warnings: bool | None = None,
                      progress: Callable[[Iterable[Path], int], Any] | None = None):
    """Check every input, judge, annotate the rejected, write the master.

    The CLI and the ribbon's "Tổng hợp" both call this. Returns
    (master path, new state, outcomes, backup path or None).
    """
    from . import TEMPLATE_VERSION
    from .consolidate import Options, judge, plan
    from .files import OutputError, expand_inputs
    from .master import MasterError, backup_path, read_master, write_master

    master = Path(master)
    try:
        previous = read_master(master)
    except MasterError as exc:
        raise ConsolidationError(str(exc)) from None
    skip = {master.resolve(), backup_path(master).resolve()}
    files = [f for f in expand_inputs(inputs) if f.resolve() not in skip]
    if not files:
        raise ConsolidationError("không có tệp .xlsx/.xlsm nào trong: " + ", ".join(map(str, inputs)))
    chosen = period or (previous.period if previous else None)
    submissions = load_all(files, config, chosen, progress)
    if chosen is None:
        chosen = common_period(submissions)
        if chosen is None:
            raise ConsolidationError("không xác định được kỳ tổng hợp (các tệp không ghi kỳ hoặc ghi khác nhau). "
                                     "Hãy chạy lại với --period, ví dụ --period 2020.")
        submissions = [load_submission(Path(s.path), config, chosen) if s.result.period is None else s
                       for s in submissions]
    accept = config.consolidation.get("accept-warnings", True) if accept_warnings is None else accept_warnings
    options = Options(bool(accept), str(config.consolidation.get("old-template", "warning")), TEMPLATE_VERSION)
    outcomes = judge(submissions, chosen, options)
    rejected = [o for o in outcomes
                if o.status == "rejected" and not o.submission.result.error and o.submission.result.findings]
    if rejected:
        folder = master.parent / "kiem-tra"
        folder.mkdir(exist_ok=True)
        jobs = [(o.submission.result, str(folder / f"{Path(o.submission.path).stem}.kiemtra{Path(o.submission.path).suffix}"))
                for o in rejected]
        for outcome, written in zip(rejected, map_files(_annotate, jobs, config)):
            if written.startswith("!"):
                outcome.reasons.append(f"không ghi được bản đánh dấu: {written[1:]}")
            else:
                outcome.submission.annotated = written
    state = plan(previous, outcomes, config.registry, chosen, dt.datetime.now().replace(microsecond=0))
    try:
        written = write_master(master, state, config.areas, config.registry)
    except OutputError as exc:
        raise ConsolidationError(str(exc)) from None
    return written, state, outcomes, backup_path(master) if previous else None


def _annotate(job: tuple[Any, str], config: Config) -> str:
    """Annotated copy of a rejected submission (in a worker); '!reason' when it cannot be written."""
    from .annotate import annotate_file
    from .files import OutputError

    result, output = job
    try:
        return str(annotate_file(result, config, output))
    except (OutputError, OSError) as exc:
        return f"!{exc}"
