"""Use cases: check files and folders (the command `check`, consolidation's reading of each submission, `import`),
mark them (`--annotate`), fix them (`fix`): a file in, a ``FileResult`` out, whatever the file is; one odd file
never stops a folder."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from cchc_xl.check.config import Config
from cchc_xl.check.fixes import CellEdit
from cchc_xl.check.pipeline import (
    OUTPUT_FAILED,
    UNREADABLE,
    FileResult,
    check_book,
    failed,
)
from cchc_xl.core.periods import Period
from cchc_xl.errors import CchcError, OutputError, ReadError
from cchc_xl.formats.files import expand_inputs
from cchc_xl.formats.xlsx.reader import read_book
from cchc_xl.usecases.pool import map_files


def check_file(path: str | os.PathLike, config: Config, period: Period | None = None, lang: str = "vi",
               light: bool = False, as_of: dt.date | None = None) -> FileResult:
    """Read and check one file; an unreadable file, or one that trips a bug of ours, becomes a
    result with ``error`` (a folder goes on with the next file).

    ``light`` drops the table and the legacy-cell list, which only annotate and fix use
    (less to send back from a worker process).
    """
    try:
        result = check_book(read_book(path), config, period, lang, as_of=as_of)
    except ReadError as exc:
        return FileResult(str(path), error=exc.reason, error_code=UNREADABLE)
    except Exception as exc:  # one odd file must not stop a folder: reported on its own, never a traceback
        return failed(path, exc)
    if light:
        result.table, result.legacy = None, []
    return result


@dataclass(frozen=True)
class CheckRequest:
    """Files and folders to check, as `cchc-xl check` asks: how, and whether to write marked copies."""

    paths: tuple[str, ...]
    config: Config
    period: Period | None = None
    lang: str = "vi"
    annotate: bool = False
    output: str | None = None          # the marked copy's name (one file only)
    as_of: dt.date | None = None       # report forms: the day overdue is judged at


@dataclass
class Checked:
    """What a check did: each file's result, and the marked copies written."""

    results: list[FileResult]
    marked: list[Path] = field(default_factory=list)


def check_files(request: CheckRequest, progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None) -> Checked:
    """Every spreadsheet of ``request.paths`` (folders expanded) checked on every core, each with the settings
    found from that file (``configs_for``), then marked when asked."""
    files = expand_inputs(request.paths)
    if not files:
        raise CchcError("không có tệp .xlsx/.xlsm nào trong: " + ", ".join(request.paths))
    if request.output and (len(files) > 1 or not request.annotate):
        raise CchcError("--output chỉ dùng khi kiểm tra một tệp với --annotate.")
    configs = configs_for(request.config, files)
    distinct = list({id(c): c for c in configs}.values())   # sent to each worker once, not once per file
    number = {id(c): n for n, c in enumerate(distinct)}
    results = map_files(_check_with, [(str(f), number[id(c)]) for f, c in zip(files, configs)], distinct,
                        request.period, request.lang, not request.annotate, request.as_of, progress=progress)
    checked = Checked(results)
    if request.annotate:
        for i, result in enumerate(results):
            marked = _mark(result, request, configs[i])
            if isinstance(marked, FileResult):
                results[i] = marked
            elif marked is not None:
                checked.marked.append(marked)
    return checked


def configs_for(config: Config, files: Sequence[str | os.PathLike]) -> list[Config]:
    """The settings each file is checked with. Settings found from the files (``office_config``): the office
    folder nearest each file, so that a folder holding several offices' submissions, or files of two offices
    named together, check each against its own office, with the command's --units/--config on top for all;
    each distinct set is loaded once. Settings given whole by a caller serve every file. Which files got which
    settings is kept in ``spread``, for the text output."""
    from cchc_xl.formats.config_files import FoundConfig, source_lines

    if not isinstance(config, FoundConfig):
        return [config] * len(files)
    loaded: dict[tuple, FoundConfig] = {}
    by_folder: dict[Path, FoundConfig] = {}   # files of one folder find the same folders above them
    out: list[FoundConfig] = []
    for path in files:
        folder = Path(path).absolute().parent
        if folder not in by_folder:
            by_folder[folder] = config.for_file(path, loaded)
        out.append(by_folder[folder])
    groups: dict[int, tuple[FoundConfig, list[str]]] = {}
    for path, used in zip(files, out):
        groups.setdefault(id(used), (used, []))[1].append(str(path))
    config.spread = [(source_lines(used), paths) for used, paths in groups.values()]
    return list(out)


def _check_with(item: tuple[str, int], configs: list[Config], *args: Any) -> FileResult:
    """``check_file`` of one file with its own settings (the n-th of the distinct sets a worker holds)."""
    path, n = item
    return check_file(path, configs[n], *args)


def _mark(result: FileResult, request: CheckRequest, config: Config) -> Path | FileResult | None:
    """The marked copy of a checked file; the file's result turned into an error when it cannot be written."""
    from cchc_xl.formats.xlsx.annotate import annotate_file

    if result.error:
        return None
    try:
        return annotate_file(result, config, request.output, request.lang)
    except OutputError as exc:
        result.error, result.error_code = str(exc), OUTPUT_FAILED
        return result
    except Exception as exc:  # one odd file must not stop the others
        return failed(result.path, exc)


def fix_file(path: str, config: Config, period: Period | None = None,
             output: str | None = None) -> tuple[Path, list[CellEdit]]:
    """The safe fixes of one file written to a copy (``TEN.sua.xlsx``): where, and each cell changed."""
    from cchc_xl.check.fixes import plan_fixes
    from cchc_xl.formats.xlsx.patch import apply_fixes

    config = configs_for(config, [path])[0]   # the file's own office, as `check` of the same file
    book = read_book(path)
    result = check_book(book, config, period)
    return apply_fixes(path, plan_fixes(book, result.table, config.registry, result.legacy), output)
