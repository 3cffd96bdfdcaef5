"""The one base of every error a user can act on.

Each error carries a Vietnamese message naming the file, sheet or key at fault
(``ReadError``, ``ConfigError``, ``OutputError``, ``MasterError``, ``LockError``…
derive from it where they are raised). The command line catches ``CchcError`` once
and prints the message with exit code 2; the ribbon shows it in an alert. Any other
exception is a bug of ours: logged to a file for the administrator, never printed
as a traceback.
"""

from __future__ import annotations


class CchcError(Exception):
    """An error whose ``message`` tells the user what is wrong and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
