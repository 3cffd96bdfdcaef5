"""usecases/lock.py: the master's lock file beside it, taken atomically, naming its holder to the one who waits,
broken only when stale (its process gone, or older than STALE_AFTER elsewhere), released only by its own run."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cchc_xl.errors import LockError
from cchc_xl.usecases.lock import STALE_AFTER, exclusive, lock_path


def hold(master: Path, **holder) -> Path:
    lock = lock_path(master)
    lock.write_text(json.dumps(holder), encoding="utf-8")
    return lock


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_lock_is_beside_the_master_names_its_holder_and_goes_with_the_run(tmp_path):
    master = tmp_path / "tong-hop.xlsx"
    assert lock_path(master) == tmp_path / "tong-hop.xlsx.lock"
    with exclusive(master) as lock:
        holder = json.loads(lock.read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid() and holder["host"] == socket.gethostname()
        assert set(holder) == {"host", "pid", "user", "token", "started"}
    assert not lock.exists()


def test_a_live_holder_stops_the_second_run_naming_who_it_is(tmp_path):
    master = tmp_path / "tong-hop.xlsx"
    hold(master, host=socket.gethostname(), pid=os.getpid(), user="van-thu", started="2020-01-10 08:00:00", token="x")
    said: list[str] = []
    started = time.monotonic()
    with pytest.raises(LockError) as caught:
        with exclusive(master, wait=0.5, notify=said.append):
            pass
    assert time.monotonic() - started >= 0.5
    message = caught.value.message
    assert "đang được tổng hợp bởi van-thu, máy" in message and f"tiến trình {os.getpid()}" in message
    assert str(lock_path(master)) in message, "says which file to delete if no one is running"
    assert len(said) == 1 and "đang chờ (tối đa 0.5 giây)" in said[0]
    assert lock_path(master).exists(), "someone else's lock is never removed"


def test_a_lock_released_while_waiting_is_taken(tmp_path):
    master = tmp_path / "tong-hop.xlsx"
    lock = hold(master, host=socket.gethostname(), pid=os.getpid(), token="x")
    threading.Timer(0.4, lock.unlink).start()
    with exclusive(master, wait=10) as taken:
        assert json.loads(taken.read_text(encoding="utf-8"))["token"] != "x"


def test_a_lock_whose_process_is_gone_is_broken_and_said(tmp_path):
    master = tmp_path / "tong-hop.xlsx"
    hold(master, host=socket.gethostname(), pid=dead_pid(), user="ke-toan", token="x")
    said: list[str] = []
    with exclusive(master, wait=0, notify=said.append):
        pass
    assert len(said) == 1 and said[0].startswith("Đã gỡ khóa cũ tong-hop.xlsx.lock (ke-toan, máy")
    assert "không còn chạy" in said[0]


def test_a_lock_from_another_machine_is_stale_only_when_old(tmp_path):
    master = tmp_path / "tong-hop.xlsx"
    lock = hold(master, host="may-khac", pid=4242, token="x")
    with pytest.raises(LockError, match="máy may-khac, tiến trình 4242"):
        with exclusive(master, wait=0):
            pass
    old = time.time() - STALE_AFTER.total_seconds() - 60
    os.utime(lock, (old, old))
    with exclusive(master, wait=0):
        pass
    assert not lock.exists()


def test_an_unreadable_lock_is_waited_for_until_it_is_old(tmp_path):
    master = tmp_path / "tong-hop.xlsx"
    lock = lock_path(master)
    lock.write_text("{nửa chừng", encoding="utf-8")   # being written this instant, or garbage
    with pytest.raises(LockError, match="một lần chạy khác"):
        with exclusive(master, wait=0):
            pass
    os.utime(lock, (time.time() - 120,) * 2)
    with exclusive(master, wait=0):
        pass


def test_a_lock_taken_over_meanwhile_is_not_removed_by_the_first_run(tmp_path):
    master = tmp_path / "tong-hop.xlsx"
    with exclusive(master) as lock:
        lock.write_text(json.dumps({"host": "may-khac", "pid": 1, "token": "cua-nguoi-khac"}), encoding="utf-8")
    assert json.loads(lock.read_text(encoding="utf-8"))["token"] == "cua-nguoi-khac"


def test_a_folder_where_no_lock_can_be_made_says_why(tmp_path):
    with pytest.raises(LockError, match="thư mục chứa tệp không tồn tại"):
        with exclusive(tmp_path / "khong-co" / "tong-hop.xlsx", wait=0):
            pass
