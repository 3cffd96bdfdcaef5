"""Use case: consolidate (the command `consolidate` and the ribbon's Tổng hợp…).

Under the master's lock: read the master, check every input, judge the appendices and the
report forms (``consolidation/``), annotate the rejected ones, write the master only when
something changed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable

from cchc_xl.check.config import Config
from cchc_xl.check.pipeline import FileResult
from cchc_xl.consolidation import kinds
from cchc_xl.consolidation.checks import cross_checks
from cchc_xl.consolidation.model import MasterState, Outcome, Submission, Verdict
from cchc_xl.consolidation.plan import judge, plan
from cchc_xl.consolidation.policy import Policy
from cchc_xl.consolidation.reports import judge_reports, plan_reports
from cchc_xl.core.periods import Period
from cchc_xl.errors import ConsolidationError, MasterError, OutputError, unexpected
from cchc_xl.formats.files import (
    READ_ONLY,
    describe_os_error,
    expand_inputs,
    office_lock,
    read_only,
    stale_temporaries,
)
from cchc_xl.formats.master.read import read_master
from cchc_xl.formats.master.write import backup_path, write_master
from cchc_xl.usecases.pool import Failed, map_files
from cchc_xl.usecases.submissions import common_period, load_all, load_submission


@dataclass(frozen=True)
class ConsolidationRequest:
    """One consolidation, as the command line or the ribbon asks for it."""

    inputs: tuple[str | os.PathLike, ...]
    master: Path
    config: Config
    period: Period | None = None                # --period; else the master's, else the submissions' common one
    accept_warnings: bool | None = None         # --accept-warnings/--reject-warnings; else rules.yaml
    withdraw: frozenset[str] = frozenset()      # units whose empty submission withdraws their tasks
    wait: float = 10.0                          # seconds to wait for another run holding the master
    as_of: dt.date | None = None                # report forms: the day overdue is judged at


@dataclass(frozen=True)
class Listener:
    """Who hears what a run is doing: the files' ``progress`` (a bar), ``notify`` (a waiting lock, leftovers
    cleaned) and ``stage`` (reading or writing the master). Silent by default."""

    progress: Callable[[Iterable[Path], int], Any] | None = None
    notify: Callable[[str], None] = lambda _: None
    stage: Callable[[str], None] = lambda _: None


@dataclass
class Run:
    """What a consolidation did: the master (written, or left as it was), the state, each file's outcome."""

    master: Path
    state: MasterState
    outcomes: list[Outcome]
    backup: Path | None = None
    written: bool = True


def run_consolidation(request: ConsolidationRequest, listener: Listener = Listener()) -> Run:
    """Check every input, judge, annotate the rejected, write the master if anything changed.

    The CLI and the ribbon's "Tổng hợp" both call this. The whole run holds the master's
    lock (``lock.py``): a second run waits up to ``request.wait`` seconds, then stops.
    """
    from cchc_xl.errors import LockError
    from cchc_xl.usecases.lock import exclusive

    request = replace(request, master=_usable_master(Path(request.master)))
    try:
        with exclusive(request.master, request.wait, listener.notify):
            for leftover in stale_temporaries(request.master):  # a run killed mid-write left these
                leftover.unlink()
                listener.notify(f"Đã xóa tệp tạm còn lại của lần chạy bị ngắt: {leftover.name}")
            return _consolidate(request, listener)
    except (LockError, MasterError, OutputError) as exc:
        raise ConsolidationError(str(exc)) from None


def _usable_master(master: Path) -> Path:
    """The master's real path (a link is written through), refused when it cannot be ours to write."""
    try:
        if master.is_symlink():
            master = Path(os.path.realpath(master))
        problem = _master_problem(master)
    except OSError as exc:
        raise ConsolidationError(describe_os_error(master, exc)) from None
    if problem:
        raise ConsolidationError(f"{master}: {problem}")
    return master


def _master_problem(master: Path) -> str:
    if master.suffix.lower() != ".xlsx":
        return "tệp tổng hợp phải có đuôi .xlsx."
    if not master.parent.is_dir():
        return f"thư mục {master.parent} không tồn tại."
    if master.is_dir():
        return "là một thư mục; hãy ghi tên tệp tổng hợp, ví dụ -o tong-hop.xlsx."
    lock = office_lock(master)
    if lock is not None:
        return f"tệp tổng hợp đang mở trong Excel hoặc LibreOffice ({lock.name}). Hãy đóng tệp rồi chạy lại."
    return READ_ONLY if read_only(master) else ""


def _consolidate(request: ConsolidationRequest, listener: Listener) -> Run:
    from cchc_xl import TEMPLATE_VERSION

    master, config = request.master, request.config
    if master.exists():
        listener.stage(f"Đang đọc tệp tổng hợp {master.name}…")
    previous = read_master(master)
    skip = {master.resolve(), backup_path(master).resolve()}
    files = [f for f in expand_inputs(request.inputs) if f.resolve() not in skip]
    if not files:
        raise ConsolidationError("không có tệp .xlsx/.xlsm nào trong: " + ", ".join(map(str, request.inputs)))
    chosen = request.period or (previous.period if previous else None)
    loaded = load_all(files, config, chosen, listener.progress, request.as_of)
    reports = [s for s in loaded if s.result.report_form]   # a broken report form is still a report form
    submissions = [s for s in loaded if not s.result.report_form]
    accept = config.consolidation.get("accept-warnings", True) if request.accept_warnings is None \
        else request.accept_warnings
    policy = Policy(bool(accept), str(config.consolidation.get("old-template", "warning")), TEMPLATE_VERSION,
                    request.withdraw)
    now = dt.datetime.now().replace(microsecond=0)
    if submissions or previous is None:
        if reports and not submissions:
            raise ConsolidationError(f"{master}: chưa có tệp tổng hợp phụ lục; báo cáo tiến độ được tổng hợp vào tệp "
                                     "tổng hợp đã có nhiệm vụ (tổng hợp phụ lục trước).")
        run = _plans(submissions, previous, master, config, chosen, policy, now, listener.stage)
    else:
        run = Run(master, replace(previous, checks=[], changed=False), [], None, written=False)
    if reports:
        run = _reports(run, reports, previous, config, policy, now, listener.stage, request.as_of)
    return run


def _reports(run: Run, reports: list[Submission], previous: MasterState | None, config: Config, policy: Policy,
             now: dt.datetime, stage: Callable[[str], None], as_of: dt.date | None) -> Run:
    """Progress report forms into the master the appendix run left (or the one on disk)."""
    outcomes = judge_reports(reports, run.state, config.registry, policy)
    _annotate_rejected(outcomes, run.master.parent / "kiem-tra", config)
    changed = plan_reports(run.state, outcomes, now, as_of)
    run.outcomes += outcomes
    if not (changed or run.written):
        return run
    if not run.written:  # the appendix checks are recomputed from the rows, as an appendix run would
        run.state.checks = cross_checks(run.state, config.registry, [])
    stage(f"Đang ghi tệp tổng hợp ({len(run.state.rows)} nhiệm vụ, báo cáo tiến độ)…")
    written = write_master(run.master, run.state, config.areas, config.registry)
    return Run(written, run.state, run.outcomes, backup_path(run.master) if previous else None)


def _plans(submissions: list[Submission], previous: MasterState | None, master: Path, config: Config,
           chosen: Period | None, policy: Policy, now: dt.datetime, stage: Callable[[str], None]) -> Run:
    """Appendix submissions into the master."""
    if chosen is None:
        chosen = common_period(submissions)
        if chosen is None:
            raise ConsolidationError("không xác định được kỳ tổng hợp (các tệp không ghi kỳ hoặc ghi khác nhau). "
                                     "Hãy chạy lại với --period, ví dụ --period 2020.")
        submissions = [load_submission(Path(s.path), config, chosen) if s.result.period is None else s
                       for s in submissions]
    outcomes = judge(submissions, chosen, policy)
    _annotate_rejected(outcomes, master.parent / "kiem-tra", config)
    state = plan(previous, outcomes, config.registry, chosen, now)
    _nothing_lost(previous, state, outcomes)
    if not state.changed:
        return Run(master, state, outcomes, None, written=False)
    stage(f"Đang ghi tệp tổng hợp ({len(state.rows)} nhiệm vụ)…")
    written = write_master(master, state, config.areas, config.registry)
    return Run(written, state, outcomes, backup_path(master) if previous else None)


def _annotate_rejected(outcomes: list[Outcome], folder: Path, config: Config) -> None:
    """Annotated copies of the rejected submissions, in ``kiem-tra/`` beside the master."""
    rejected = [o for o in outcomes
                if o.status == Verdict.REJECTED and not o.submission.result.error and o.submission.result.findings]
    if not rejected:
        return
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        for outcome in rejected:
            outcome.note(kinds.ANNOTATION_FAILED, rejects=False, why=describe_os_error(folder, exc))
        return
    jobs = [(o.submission.result, str(folder / f"{Path(o.submission.path).stem}.kiemtra{Path(o.submission.path).suffix}"))
            for o in rejected]
    for outcome, done in zip(rejected, map_files(_annotate, jobs, config)):
        if isinstance(done, Failed):
            outcome.note(kinds.ANNOTATION_FAILED, rejects=False, why=done.reason)
        else:
            outcome.submission.annotated = str(done)


def _nothing_lost(previous: MasterState | None, state: MasterState, outcomes: list[Outcome]) -> None:
    """The last guard before writing: a unit that sent nothing accepted keeps every row it had."""
    if previous is None:
        return
    merged = {o.submission.unit.name for o in outcomes if o.status == Verdict.ACCEPTED and o.submission.unit}

    def counts(rows: list[dict]) -> Counter:
        return Counter(row["unit"] for row in rows if row["unit"] not in merged)

    if counts(previous.rows) != counts(state.rows):
        raise ConsolidationError("tệp tổng hợp mới sẽ thiếu dòng của đơn vị không gửi bài (lỗi của chương trình): "
                                 "không ghi gì. Hãy gửi tệp tổng hợp cho người quản trị cchc-xl.")


def _annotate(job: tuple[FileResult, str], config: Config) -> Path | Failed:
    """Annotated copy of a rejected submission (in a worker), or why it could not be written."""
    from cchc_xl.formats.xlsx.annotate import annotate_file

    result, output = job
    try:
        return annotate_file(result, config, output)
    except OutputError as exc:
        return Failed(exc.message)
    except Exception as exc:  # an odd file must not stop the others: logged like every bug of ours
        return Failed(unexpected(exc))
