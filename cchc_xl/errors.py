"""Every error a user can act on, in one module, and what happens to the others.

Each ``CchcError`` carries a Vietnamese message naming the file, sheet, cell or key at
fault; the command line catches ``CchcError`` once and prints the message with exit
code 2, the ribbon shows it in an alert, and a folder run reports it on its file. Any
other exception is a bug of ours: its traceback is written to a log file for the
administrator (``log_traceback``), by ``unexpected`` for a whole command and by
``check.pipeline.failed`` for one file of many, and never printed.
"""

from __future__ import annotations

import os
import sys


class CchcError(Exception):
    """An error whose ``message`` tells the user what is wrong and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(CchcError):
    """A settings file that cannot be used; the message names the file and the key."""


class PeriodError(CchcError, ValueError):
    """A period written in a form we do not accept."""


class ReportPeriodError(CchcError, ValueError):
    """A report period or one of its dates that cannot be used; the message is for the user."""


class RegistryError(CchcError, ValueError):
    """A unit registry that cannot be used as written; the message names the entries."""


class ReadError(CchcError):
    """A file that cannot be read as an appendix workbook: ``reason`` says why, ``message`` adds the file."""

    def __init__(self, path: str | os.PathLike, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class OutputError(CchcError):
    """An output that cannot be written; the message is for the user."""


class MasterError(CchcError):
    """The master cannot be read or written; the message is for the user."""


class MemoryDamage(CchcError):
    """A record of the master's memory that does not read back as a run wrote it."""

    def __init__(self, sheet: str, cell: str, why: str):
        super().__init__(f"trang ẩn {sheet}, ô {cell}: {why}")
        self.sheet, self.cell, self.why = sheet, cell, why


class OfficeCell(CchcError):
    """A value the office typed on a progress sheet where it cannot be carried to the rewritten sheet."""

    def __init__(self, sheet: str, cell: str, why: str):
        super().__init__(f"trang \u201c{sheet}\u201d, ô {cell}: {why}")


class PlanImportError(CchcError):
    """The document cannot be imported; the message says why and what to do."""


class ConsolidationError(CchcError):
    """The consolidation cannot run; the message is for the user."""


class LockError(CchcError):
    """The master is locked by another run; the message is for the user."""


class AddinError(CchcError):
    """The add-in cannot be built here; the message is for the user."""


class VbaError(CchcError, ValueError):
    """A vbaProject.bin we cannot read."""


class OvbaError(CchcError, ValueError):
    """Data that is not a valid MS-OVBA compressed container."""


def log_traceback(text: str | BaseException | None = None) -> str:
    """Write a traceback (of ``text`` when it is an exception, else the one being handled) to a log file in the
    temporary folder; its path, for the message."""
    import tempfile
    import traceback

    if isinstance(text, BaseException):
        text = "".join(traceback.format_exception(type(text), text, text.__traceback__))
    try:
        with tempfile.NamedTemporaryFile("w", prefix="cchc-xl-loi-", suffix=".txt", delete=False,
                                         encoding="utf-8") as fh:
            fh.write(" ".join(sys.argv) + "\n\n" + (text or traceback.format_exc()))
            return fh.name
    except OSError:
        return "(không ghi được tệp nhật ký)"


def unexpected(exc: BaseException, what: str = "") -> str:
    """The message for an error that is a bug of ours: what happened (``what``: on which file), where the details
    went."""
    return (f"lỗi không mong đợi{what} ({type(exc).__name__}: {exc}). Chi tiết đã ghi vào {log_traceback(exc)}; hãy "
            "gửi tệp đó cho người quản trị cchc-xl.")
