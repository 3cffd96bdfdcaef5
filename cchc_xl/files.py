"""File-system safety: atomic writes, output names, folder expansion.

A user's workbook is never written: every output is a new file, written to a
temporary name in the same folder and moved into place in one step, so a crash
or a full disk never leaves half a file where a good one was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Found in folders too, so that a clerk who sent one is told to resave it instead of being skipped.
SPREADSHEET_SUFFIXES = WORKBOOK_SUFFIXES + (".xls", ".xlsb", ".ods")
OUTPUT_MARKS = (".kiemtra", ".sua", ".bak")


class OutputError(Exception):
    """An output that cannot be written; the message is for the user."""


def atomic_write(path: str | os.PathLike, write: Callable[[str], None]) -> Path:
    """Call ``write(tmp_path)`` then move the result onto ``path`` atomically."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{target}: thư mục {folder} không tồn tại.")
    fd, tmp = tempfile.mkstemp(prefix=f".~{target.stem}.", suffix=target.suffix, dir=folder)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are ordinary files
        os.replace(tmp, target)
    except PermissionError:
        raise OutputError(f"{target}: không ghi được (tệp đang mở trong Excel hoặc không có quyền ghi). "
                          "Hãy đóng tệp rồi chạy lại.") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_workbook(wb, path: str | os.PathLike) -> Path:
    """openpyxl ``wb.save`` through ``atomic_write``."""
    return atomic_write(path, wb.save)


def derived_path(source: str | os.PathLike, mark: str, output: str | os.PathLike | None = None) -> Path:
    """``NAME.kiemtra.xlsx`` beside ``source`` (or ``output``); never the source itself."""
    src = Path(source)
    target = Path(output) if output else src.with_name(f"{src.stem}.{mark}{src.suffix}")
    if target.resolve() == src.resolve():
        raise OutputError(f"{target}: tệp kết quả trùng tệp gốc; hãy chọn tên khác (--output).")
    return target


def expand_inputs(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given; folders expand (recursively) to their spreadsheets (.xls, .ods... included:
    the reader then says to resave them).

    Inside folders, Excel lock files (``~$…``) and our own outputs (``.kiemtra``,
    ``.sua``, ``.bak``, the ``kiem-tra`` folder) are skipped.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in SPREADSHEET_SUFFIXES and p.is_file()
                and not p.name.startswith(("~$", ".~"))
                and not any(p.stem.endswith(m) for m in OUTPUT_MARKS)
                and "kiem-tra" not in p.relative_to(path).parts[:-1]
            )
            out.extend(found)
        else:
            out.append(path)
    return out
