"""Use case: check files (the command `check`, consolidation's reading of each submission, `import`): a file in,
a ``FileResult`` out, whatever the file is; one odd file never stops a folder."""

from __future__ import annotations

import datetime as dt
import os

from cchc_xl.check.config import Config
from cchc_xl.check.pipeline import UNREADABLE, FileResult, check_book, failed
from cchc_xl.core.periods import Period
from cchc_xl.formats.xlsx.reader import read_book
from cchc_xl.errors import ReadError


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
