"""File-system safety: atomic writes, output names, folder expansion, lock files of office programs.

A user's workbook is never written: every output is a new file, written to a
temporary name in the same folder and moved into place in one step, so a crash,
a kill or a full disk never leaves half a file where a good one was. Every way a
write can fail (no permission, disk full, name too long, missing folder) becomes
an ``OutputError`` naming the path, in Vietnamese.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from cchc_xl.errors import OutputError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Found in folders too, so that a clerk who sent one is told to resave it instead of being skipped.
SPREADSHEET_SUFFIXES = WORKBOOK_SUFFIXES + (".xls", ".xlsb", ".ods")
OUTPUT_MARKS = (".kiemtra", ".sua", ".bak")
TEMP_PREFIX = ".~"   # our temporary files: ".~NAME.k3j2h1.xlsx" (and ".rows" beside one)


def describe_os_error(path: Path, exc: OSError) -> str:
    """Why ``path`` could not be written, in words a clerk can act on."""
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"{path}: không có quyền ghi (thư mục chỉ đọc, tệp đang mở trong Excel hoặc bị khóa). "
                "Hãy chọn thư mục khác hoặc đóng tệp rồi chạy lại.")
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return f"{path}: ổ đĩa đã đầy (hoặc vượt hạn mức dung lượng). Hãy giải phóng chỗ trống rồi chạy lại."
    if code == errno.ENAMETOOLONG:
        return f"{path}: tên tệp hoặc đường dẫn quá dài. Hãy chọn tên ngắn hơn."
    if code in (errno.ENOENT, errno.ENOTDIR):
        return f"{path}: thư mục chứa tệp không tồn tại."
    return f"{path}: không ghi được tệp ({exc.strerror or exc})."


def io_error(exc: BaseException) -> OSError | None:
    """The operating system's error behind ``exc``: itself, or what lxml (which openpyxl and python-docx write
    with when it is installed) reports as a SerialisationError "IO_EFBIG" for a full disk."""
    if isinstance(exc, OSError):
        return exc
    text = str(exc)
    if type(exc).__name__ == "SerialisationError" and text.startswith("IO_"):
        code = getattr(errno, text[3:], errno.EIO)
        return OSError(code, os.strerror(code))
    return None


def atomic_write(path: str | os.PathLike, write: Callable[[str], None]) -> Path:
    """Call ``write(tmp_path)`` then move the result onto ``path`` atomically.

    A symbolic link is written through (its target is replaced, the link stays); a file
    marked read-only is refused rather than silently replaced by a writable one.
    """
    target = Path(path)
    tmp = ""
    try:
        if target.is_symlink():
            target = Path(os.path.realpath(target))
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise OutputError(f"{target}: thư mục {folder} không tồn tại.")
        if target.is_dir():
            raise OutputError(f"{target}: là một thư mục; hãy ghi tên tệp.")
        if read_only(target):
            raise OutputError(f"{target}: {READ_ONLY}")
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.stem}.", suffix=target.suffix, dir=folder)
        os.close(fd)
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are ordinary files
        os.replace(tmp, target)
    except Exception as exc:
        failure = io_error(exc)
        if failure is None:
            raise
        raise OutputError(describe_os_error(target, failure)) from None
    finally:
        for leftover in (tmp, tmp + ".rows") if tmp else ():
            if os.path.exists(leftover):
                os.unlink(leftover)
    return target


READ_ONLY = ("tệp đang ở chế độ chỉ đọc; không ghi đè. Bỏ thuộc tính chỉ đọc (chuột phải > Properties) hoặc "
             "chọn tên khác.")


def read_only(path: Path) -> bool:
    """A file its owner may not write was made read-only on purpose (even root must not replace it)."""
    return path.exists() and not (path.stat().st_mode & 0o200 and os.access(path, os.W_OK))


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
    return fresh_output(target, src)


def fresh_output(output: str | os.PathLike, *inputs: str | os.PathLike) -> Path:
    """``output``, refused when writing it would replace one of the command's ``inputs`` or a master workbook: an
    output is always a new file, and the master is written only by consolidation (which keeps a .bak)."""
    target = Path(output)
    for source in inputs:
        if _same_file(target, Path(source)):
            raise OutputError(f"{target}: tệp kết quả trùng tệp đầu vào {Path(source).name}; không ghi đè. Hãy chọn "
                              "tên khác cho -o.")
    if is_master(target):
        raise OutputError(f"{target}: là tệp tổng hợp của cchc-xl; không ghi đè (chỉ lệnh consolidate ghi tệp tổng hợp, "
                          "có giữ bản .bak). Hãy chọn tên khác cho -o.")
    return target


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:   # a name the system refuses is no file of ours: writing it will say why
        return False


def is_master(path: Path) -> bool:
    """True for a master workbook of ours (it has the very hidden ``_cchc_master`` sheet)."""
    import zipfile

    from cchc_xl.formats.package import sheet_parts
    from cchc_xl.table.sheets import MASTER_META

    try:
        if not path.is_file():   # (a name too long for the system raises here)
            return False
        with zipfile.ZipFile(path) as zf:
            return MASTER_META in sheet_parts(zf)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def same_kind(source: Path, target: Path) -> Path:
    """``target`` when its extension matches what a copy of ``source`` is: a workbook with
    macros must stay .xlsm (Excel refuses an .xlsx holding a VBA project), one without must
    not be named .xlsm."""
    want, got = source.suffix.lower(), target.suffix.lower()
    if got != want:
        kind = "có macro (.xlsm)" if want == ".xlsm" else "không có macro (.xlsx)"
        raise OutputError(f"{target}: tệp gốc {source.name} {kind} nên tệp kết quả phải có đuôi {want}.")
    return target


def office_lock(path: Path) -> Path | None:
    """The lock file Excel (``~$NAME``) or LibreOffice (``.~lock.NAME#``) keeps beside an open file."""
    for lock in (path.with_name("~$" + path.name), path.with_name(f".~lock.{path.name}#")):
        if lock.exists():
            return lock
    return None


def stale_temporaries(path: Path) -> list[Path]:
    """Our temporary files for ``path`` (and its backup) left by a run that was killed mid-write."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return sorted(p for p in path.parent.glob(f"{TEMP_PREFIX}{stem}.*")
                  if p.name.endswith((path.suffix, path.suffix + ".rows")) and p.is_file())


def _is_candidate(path: Path, root: Path) -> bool:
    return (path.suffix.lower() in SPREADSHEET_SUFFIXES and path.is_file()
            and not path.name.startswith(("~$", ".~"))
            and not any(path.stem.endswith(m) for m in OUTPUT_MARKS)
            and "kiem-tra" not in path.relative_to(root).parts[:-1])


def _walk(root: Path) -> list[Path]:
    """Every file under ``root``, following linked folders once each (a link loop is not endless)."""
    seen: set[str] = set()
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        found.extend(Path(folder) / f for f in files)
    return found


def expand_inputs(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given; folders expand (recursively, linked folders included) to their spreadsheets
    (.xls, .ods... included: the reader then says to resave them).

    Inside folders, lock files of Excel (``~$…``) and LibreOffice (``.~lock…#``), our own
    outputs (``.kiemtra``, ``.sua``, ``.bak``, the ``kiem-tra`` folder) are skipped.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in _walk(path) if _is_candidate(p, path)))
        else:
            out.append(path)
    return out
