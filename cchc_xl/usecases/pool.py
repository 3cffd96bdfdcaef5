"""Per-file work on every core: a folder of a thousand submissions is checked in parallel.

Files are independent, so a process pool (one process per core) gives a near-linear
speed-up. Small batches stay in-process: starting workers costs more than it saves.
Results come back in input order, so output never depends on scheduling.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

PARALLEL_FROM = 16   # files; below this a pool costs more than it saves
CHUNK = 8

_work: Callable[..., Any] | None = None
_args: tuple = ()


@dataclass(frozen=True)
class Failed:
    """What a worker hands back for an item whose work could not be done: why, in words for the user (a bug of
    ours already logged). Work that can fail returns its result or this, never a coded string."""

    reason: str


def _init(work: Callable[..., Any], args: tuple, parent: int) -> None:
    global _work, _args
    _work, _args = work, args
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker when its parent is gone (killed, even with -9): no orphan keeps running."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _run(item: Any) -> Any:
    assert _work is not None
    return _work(item, *_args)


def jobs() -> int:
    """Worker count: CCHC_XL_JOBS, else the cores this process may use."""
    wanted = os.environ.get("CCHC_XL_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def map_files(work: Callable[..., Any], items: Sequence[Any], *args: Any,
              progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None) -> list[Any]:
    """``[work(item, *args) for item in items]``, on all cores when it pays."""
    count = jobs()
    if count < 2 or len(items) < PARALLEL_FROM:
        iterator = progress(items, len(items)) if progress else items
        return [work(item, *args) for item in iterator]
    import concurrent.futures as cf

    import pandera.pandas  # noqa: F401  imported once here, shared by forked workers

    with cf.ProcessPoolExecutor(max_workers=count, initializer=_init, initargs=(work, args, os.getpid())) as pool:
        results: Iterable[Any] = pool.map(_run, items, chunksize=CHUNK)
        if progress:
            results = progress(results, len(items))
        return list(results)
