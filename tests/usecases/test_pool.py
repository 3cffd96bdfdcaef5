"""usecases/pool.py: per-file work on every core, results in input order, small batches in-process, and
workers that end with their parent."""

from __future__ import annotations

import os
import time

import pytest

from cchc_xl.usecases import pool
from cchc_xl.usecases.pool import PARALLEL_FROM, Failed, jobs, map_files


def where(item: int, offset: int) -> tuple[int, int]:
    """The item plus ``offset``, and the process that computed it."""
    return item + offset, os.getpid()


def slow_first(item: int) -> int:
    """The first items take longest: a pool that returned in completion order would reorder them."""
    time.sleep(0.05 if item < 4 else 0)
    return item * item


@pytest.mark.parametrize("wanted, expected", [("3", 3), ("1", 1), ("0", None), ("-2", None), ("hai", None), ("", None)])
def test_jobs_follows_cchc_xl_jobs_else_the_cores_this_process_may_use(monkeypatch, wanted, expected):
    monkeypatch.setenv("CCHC_XL_JOBS", wanted)
    assert jobs() == (expected if expected is not None else len(os.sched_getaffinity(0)))


def test_a_small_batch_runs_in_this_process_in_order(monkeypatch):
    monkeypatch.setenv("CCHC_XL_JOBS", "4")
    results = map_files(where, list(range(PARALLEL_FROM - 1)), 100)
    assert [r for r, _ in results] == [100 + i for i in range(PARALLEL_FROM - 1)]
    assert {pid for _, pid in results} == {os.getpid()}


def test_one_job_means_no_pool_whatever_the_batch(monkeypatch):
    monkeypatch.setenv("CCHC_XL_JOBS", "1")
    results = map_files(where, list(range(3 * PARALLEL_FROM)), 0)
    assert {pid for _, pid in results} == {os.getpid()}


def test_a_big_batch_runs_in_worker_processes_and_comes_back_in_input_order(monkeypatch):
    monkeypatch.setenv("CCHC_XL_JOBS", "2")
    items = list(range(2 * PARALLEL_FROM))
    results = map_files(where, items, 7)
    assert [r for r, _ in results] == [i + 7 for i in items]
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert map_files(slow_first, items) == [i * i for i in items]


def test_progress_ticks_once_per_item_and_knows_the_total(monkeypatch):
    """A progress bar wraps the items in-process, the results from a pool: one tick per file either way."""
    seen: list[int] = []

    def progress(ticks, total):
        for tick in ticks:
            seen.append(total)
            yield tick

    for jobs_wanted in ("1", "2"):
        seen.clear()
        monkeypatch.setenv("CCHC_XL_JOBS", jobs_wanted)
        items = list(range(PARALLEL_FROM + 2))
        assert map_files(slow_first, items, progress=progress) == [i * i for i in items]
        assert seen == [len(items)] * len(items), jobs_wanted


def test_a_failure_is_a_value_with_its_reason():
    failed = Failed("phong-1.xlsx: không đọc được")
    assert failed == Failed("phong-1.xlsx: không đọc được") and failed.reason.startswith("phong-1.xlsx")
    with pytest.raises(AttributeError):
        failed.reason = "khác"  # type: ignore[misc]


def _watch_in_a_child(parent: int) -> int:
    """Fork a child that runs the workers' watch over ``parent`` (or over its real parent when ``parent`` is 0) for
    1.5 s; its exit status."""
    pid = os.fork()
    if pid == 0:   # the child: exit 0 unless the watch ended it first
        import threading

        threading.Thread(target=pool._exit_with, args=(parent or os.getppid(),), daemon=True).start()
        time.sleep(1.2)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_a_worker_whose_parent_is_gone_ends_itself():
    assert _watch_in_a_child(parent=1) == 1, "its parent is not the process it was started by: it ends"
    assert _watch_in_a_child(parent=0) == 0, "its parent is alive: it keeps working"
