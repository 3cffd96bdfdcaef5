"""An exclusive lock on the master workbook, so two consolidations never overwrite each other.

Two clerks on a shared drive, or a double click on the ribbon, would otherwise both
read the same master, both merge their units and the last writer would silently win.
The lock is a small text file beside the master (``NAME.xlsx.lock``), created
atomically (O_CREAT|O_EXCL, honoured by local disks and SMB shares) and holding who
took it: host, process, user and time, so the message to the one who waits names
them. A lock whose process is gone (same host, process not running) or that is
older than ``STALE_AFTER`` is stale: it is broken under a second, short-lived lock
so that two runs never break it at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import sys
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator

from cchc_xl.errors import LockError
from cchc_xl.formats.files import describe_os_error

STALE_AFTER = dt.timedelta(hours=6)   # no consolidation runs this long: its process died with the machine
POLL = 0.2


def lock_path(master: Path) -> Path:
    return master.with_name(master.name + ".lock")


@contextlib.contextmanager
def exclusive(master: Path, wait: float = 10.0, notify: Callable[[str], None] = lambda _: None) -> Iterator[Path]:
    """Hold the master's lock for the block; wait up to ``wait`` seconds for another run to finish."""
    lock = lock_path(master)
    token = uuid.uuid4().hex
    deadline = time.monotonic() + max(wait, 0)
    waiting = False
    while not _create(lock, token):
        holder = _holder(lock)
        if _stale(holder, lock):
            if _break(lock, holder):
                notify(f"Đã gỡ khóa cũ {lock.name} ({_who(holder)}): tiến trình đó không còn chạy.")
            continue
        if time.monotonic() >= deadline:
            raise LockError(f"{master}: đang được tổng hợp bởi {_who(holder)}. Hãy chờ lần đó xong rồi chạy lại. "
                            f"Nếu chắc chắn không còn ai đang tổng hợp, xóa tệp khóa {lock}.")
        if not waiting:
            notify(f"Tệp tổng hợp đang được cập nhật bởi {_who(holder)}; đang chờ (tối đa {wait:g} giây)...")
            waiting = True
        time.sleep(POLL)
    try:
        yield lock
    finally:
        if _holder(lock).get("token") == token:
            with contextlib.suppress(OSError):
                lock.unlink()


def _create(lock: Path, token: str) -> bool:
    """Create the lock file if it does not exist; False when another run holds it."""
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    except OSError as exc:
        raise LockError(describe_os_error(lock, exc)) from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"host": socket.gethostname(), "pid": os.getpid(), "user": _user(), "token": token,
                   "started": dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")}, fh, ensure_ascii=False)
    return True


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account, a container)
        return ""


def _holder(lock: Path) -> dict:
    try:
        data = json.loads(lock.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _who(holder: dict) -> str:
    if not holder:
        return "một lần chạy khác"
    user = f"{holder.get('user')}, " if holder.get("user") else ""
    return f"{user}máy {holder.get('host', '?')}, tiến trình {holder.get('pid', '?')}, từ {holder.get('started', '?')}"


def _stale(holder: dict, lock: Path) -> bool:
    """The lock outlived the run that took it: its process is gone, or it is too old to be live."""
    try:
        age = dt.datetime.now() - dt.datetime.fromtimestamp(lock.stat().st_mtime)
    except OSError:
        return False  # already gone: the next attempt to create it will tell
    if not holder:  # being written this instant, or garbage: stale only once it is old
        return age > dt.timedelta(seconds=30)
    if holder.get("host") == socket.gethostname() and isinstance(holder.get("pid"), int):
        return not _alive(holder["pid"])
    return age > STALE_AFTER


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform.startswith("win"):  # os.kill(pid, 0) would *send* CTRL_C_EVENT on Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def _break(lock: Path, seen: dict) -> bool:
    """Remove a stale lock, unless someone replaced it meanwhile; True when this run removed it."""
    breaker = lock.with_name(lock.name + ".break")
    try:
        fd = os.open(breaker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        with contextlib.suppress(OSError):  # a breaker that died mid-break is itself stale after a minute
            if time.time() - breaker.stat().st_mtime > 60:
                breaker.unlink()
        time.sleep(POLL)
        return False
    except OSError as exc:
        raise LockError(describe_os_error(breaker, exc)) from None
    os.close(fd)
    try:
        if _holder(lock) == seen:
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
            return True
        return False
    finally:
        with contextlib.suppress(OSError):
            breaker.unlink()
