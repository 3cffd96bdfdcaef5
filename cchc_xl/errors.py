"""The one base of every error a user can act on.

Each error carries a Vietnamese message naming the file, sheet or key at fault
(``ReadError``, ``ConfigError``, ``OutputError``, ``MasterError``, ``LockError``…
derive from it where they are raised). The command line catches ``CchcError`` once
and prints the message with exit code 2; the ribbon shows it in an alert. Any other
exception is a bug of ours: logged to a file for the administrator, never printed
as a traceback.
"""

from __future__ import annotations

import sys


class CchcError(Exception):
    """An error whose ``message`` tells the user what is wrong and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def log_traceback(text: str | None = None) -> str:
    """Write the current (or given) traceback to a log file in the temporary folder; its path, for the message."""
    import tempfile
    import traceback

    try:
        with tempfile.NamedTemporaryFile("w", prefix="cchc-xl-loi-", suffix=".txt", delete=False,
                                         encoding="utf-8") as fh:
            fh.write(" ".join(sys.argv) + "\n\n" + (text or traceback.format_exc()))
            return fh.name
    except OSError:
        return "(không ghi được tệp nhật ký)"


def unexpected(exc: BaseException) -> str:
    """The message for an error that is a bug of ours: what happened, where the details went."""
    return (f"lỗi không mong đợi ({type(exc).__name__}: {exc}). Chi tiết đã ghi vào {log_traceback()}; hãy gửi tệp đó "
            "cho người quản trị cchc-xl.")
