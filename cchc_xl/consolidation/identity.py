"""Task identity, pure: the id a task keeps from the day it enters the master.

A task's reports are kept under its id, so the id must survive what offices do to tasks:

* the office corrects a task's text on 'Tổng hợp', or sorts the sheet: the id sits in the
  row's own column ("Mã nhiệm vụ") and moves with it, whatever its text or place;
* a unit resubmits its appendix with a task reworded: the new row continues the old task
  when it carries the old id (forms and templates made from the master do), else when its
  text is the same, else when its text is the most similar of the unit's remaining tasks
  with a similarity of at least ``SIMILAR`` (difflib's ratio of the folded texts: 0.8 lets a
  corrected typo, an added word or a new year through, not a different task);
* two tasks of one unit with the same wording (a periodic report under two areas) are told
  apart by their deadline and area, then by their order.

A master written before ids were kept gets the ids earlier versions derived from the unit,
the text and its rank among identical texts (``core.reporting.task_ids``), so the reports
it holds keep their tasks.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Iterable

from cchc_xl.core.reporting import new_task_id, task_ids
from cchc_xl.core.text import fold

SIMILAR = 0.8                 # the least similarity of a reworded task's text to the one it continues
MAX_COMPARISONS = 250_000     # pairs of texts compared per unit (a unit replacing 500 tasks by 500 others)


@dataclass(frozen=True)
class Reworded:
    """A resubmitted task recognised by its similar text: the office is told which task it continues."""

    task_id: str
    before: str
    after: str
    similarity: float


def ensure_ids(rows: list[dict[str, Any]]) -> None:
    """Give every master row an id: the one it carries; missing ones (a master written before ids were kept, or a
    cell emptied by hand) the id earlier versions derived; a repeated one (a row copied by hand) a new id."""
    if all(_id(row) for row in rows) and len({_id(row) for row in rows}) == len(rows):
        return
    legacy = task_ids(rows)
    taken: set[str] = set()
    for row, derived in zip(rows, legacy):
        tid = _id(row) or derived
        if tid in taken:
            tid = new_task_id(str(row.get("unit") or ""), str(row.get("task") or ""), taken)
        row["task_id"] = tid
        taken.add(tid)


def continue_ids(old: list[dict[str, Any]], new: list[dict[str, Any]], taken: Iterable[str]) -> list[Reworded]:
    """Give each of a unit's ``new`` rows the id of the ``old`` row (its rows in the master) it continues, or a new
    id not in ``taken``; returns the tasks recognised by similar text. A carried id that is not one of the unit's
    own tasks is ignored (a form cannot take over another unit's task)."""
    ids = [""] * len(new)
    free = {str(row["task_id"]): row for row in old if row.get("task_id")}
    for i, row in enumerate(new):   # 1. the id the row carries
        carried = str(row.get("task_id") or "")
        if carried in free:
            ids[i] = carried
            del free[carried]
    _same_text(new, ids, free)                              # 2. the same text
    reworded = _similar_text(new, ids, free)                # 3. the most similar text
    used = set(taken) | {tid for tid in ids if tid}
    for i, row in enumerate(new):                           # 4. a task new to the master
        if not ids[i]:
            ids[i] = new_task_id(str(row.get("unit") or ""), str(row.get("task") or ""), used)
            used.add(ids[i])
    for row, tid in zip(new, ids):
        row["task_id"] = tid
    return reworded


def _same_text(new: list[dict[str, Any]], ids: list[str], free: dict[str, dict[str, Any]]) -> None:
    """Rows whose text equals an old task's take its id; among identical texts the one with the same deadline and
    area first, then in order."""
    by_text: dict[str, list[str]] = {}
    for tid, row in free.items():
        by_text.setdefault(_text(row), []).append(tid)
    for i, row in enumerate(new):
        candidates = by_text.get(_text(row)) if not ids[i] else None
        if not candidates:
            continue
        best = max(candidates, key=lambda tid: (_same(free[tid], row, "deadline"), _same(free[tid], row, "area"),
                                                -candidates.index(tid)))
        candidates.remove(best)
        ids[i] = best
        del free[best]


def _similar_text(new: list[dict[str, Any]], ids: list[str], free: dict[str, dict[str, Any]]) -> list[Reworded]:
    """The remaining rows matched to the remaining old tasks by similar text, the most similar pairs first."""
    left = [i for i, tid in enumerate(ids) if not tid]
    if not left or not free or len(left) * len(free) > MAX_COMPARISONS:
        return []
    pairs = []
    for i in left:
        matcher = difflib.SequenceMatcher(None, "", _text(new[i]), autojunk=False)   # b: analysed once
        for tid, row in free.items():
            matcher.set_seq1(_text(row))
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                score = matcher.ratio()
                if score >= SIMILAR:
                    pairs.append((score, i, tid))
    reworded = []
    for score, i, tid in sorted(pairs, key=lambda p: (-p[0], p[1])):
        if ids[i] or tid not in free:
            continue
        ids[i] = tid
        reworded.append(Reworded(tid, str(free.pop(tid).get("task") or ""), str(new[i].get("task") or ""), score))
    return reworded


def _id(row: dict[str, Any]) -> str:
    value = row.get("task_id")
    return value.strip() if isinstance(value, str) else ""


def _text(row: dict[str, Any]) -> str:
    return fold(" ".join(str(row.get("task") or "").split()))


def _same(a: dict[str, Any], b: dict[str, Any], key: str) -> bool:
    return fold(str(a.get(key) or "")) == fold(str(b.get(key) or ""))
