"""What consolidation reasons about: submissions, their outcomes, the master's state, its settings.

Plain data, shared by the planner (``plan.py``), the checks across submissions
(``checks.py``), the cross-tabs and the master's format (``formats/master``). Verdicts and
standings are enums used by name; the words the office reads are chosen at the edge.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from enum import Enum
from typing import Any

from cchc_xl.check.catalog import Kind, kind_of
from cchc_xl.check.pipeline import FileResult
from cchc_xl.consolidation import kinds  # noqa: F401  (declares the consolidation kinds)
from cchc_xl.core.periods import Period
from cchc_xl.core.units import Unit


class Verdict(str, Enum):
    """What was decided about one submission in a run (the JSON groups files under these codes)."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"     # a newer file of the same unit came in the same run
    UNCHANGED = "unchanged"       # accepted, and the same as what the master holds

    def __str__(self) -> str:
        return self.value


class Standing(str, Enum):
    """Where a unit stands for its appendix or for one report period, as the master records it; the office reads
    ``label`` (the one place the words are chosen)."""

    SUBMITTED = "submitted"
    SENT_BACK = "sent-back"
    MISSING = "missing"

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return STANDING_LABELS[self]

    @classmethod
    def read(cls, text: object) -> Standing | None:
        """The standing a record holds: its code, or the words masters written before 1.x kept."""
        for standing in cls:
            if text in (standing.value, standing.label):
                return standing
        return None


STANDING_LABELS = {Standing.SUBMITTED: "Đã nộp", Standing.SENT_BACK: "Bị trả lại", Standing.MISSING: "Chưa nộp"}
STAMP = "%d/%m/%Y %H:%M:%S"   # how a run's time is kept in the master's memory (shown as a date-time)
OLD_STAMP = "%d/%m/%Y %H:%M"  # masters written before 1.x kept the minute only

# The columns of the master's 'Tổng hợp' table, in order: (key, header).
MASTER_COLUMNS: list[tuple[str, str]] = [
    ("stt", "STT"), ("unit", "Đơn vị gửi"), ("area", "Lĩnh vực"), ("task", "Nhiệm vụ"),
    ("product", "Sản phẩm"), ("lead_unit", "Đơn vị chủ trì"), ("coord_units", "Đơn vị phối hợp"),
    ("deadline", "Thời gian hoàn thành"), ("due", "Hạn (ngày)"), ("budget", "Kinh phí (đồng)"),
    ("budget_source", "Nguồn kinh phí"), ("note", "Ghi chú"), ("task_id", "Mã nhiệm vụ"), ("source_file", "Tệp nguồn"),
    ("source_row", "Dòng nguồn"), ("file_id", "Mã tệp"), ("merged_at", "Thời điểm tổng hợp"),
]
MASTER_KEYS = [k for k, _ in MASTER_COLUMNS]


@dataclass(frozen=True)
class Note:
    """One coded remark about a submission: why it was sent back, or what else is worth knowing."""

    code: str
    message: str

    @property
    def kind(self) -> Kind:
        return kind_of(self.code)

    @classmethod
    def of(cls, kind: Kind | str, **params: Any) -> Note:
        """The note of ``kind`` (``kinds.SUPERSEDED``, or its code), its Vietnamese message filled with ``params``."""
        kind = kind_of(kind) if isinstance(kind, str) else kind
        return cls(kind.code, kind.message("vi", **params))


@dataclass
class CrossCheck:
    """A finding across submissions (listed on 'Đối chiếu'): the same model as a cell's finding, a coded kind."""

    code: str
    unit: str
    file: str
    row: int | None
    message: str
    other_unit: str = ""
    other_file: str = ""
    other_row: int | None = None

    @property
    def severity(self) -> str:
        return kind_of(self.code).severity

    def as_json(self) -> dict:
        return {**asdict(self), "severity": self.severity}


@dataclass
class UnitState:
    """A unit's appendix as the master records it: its standing, the file taken, what was found in it."""

    unit: str
    status: Standing = Standing.MISSING
    file: str = ""
    file_id: str = ""
    content_hash: str = ""
    tasks: int = 0
    errors: int = 0
    warnings: int = 0
    time: str = ""
    note: str = ""
    template_version: str = ""


def record(state: Any) -> list[Any]:
    """A unit's state as a row of the master's memory: its fields in order, a standing as its code."""
    return [getattr(state, f.name).value if isinstance(getattr(state, f.name), Enum) else getattr(state, f.name)
            for f in fields(state)]


@dataclass
class MasterState:
    """What the master holds: rows (dicts by MASTER_KEYS; a column the office added is under
    ``row["extra"][title]``), each unit's state, cross-checks. ``layout`` is how the office left
    the workbook (the adapter's business: the planner only passes it on)."""

    period: Period | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    units: dict[str, UnitState] = field(default_factory=dict)
    checks: list[CrossCheck] = field(default_factory=list)
    layout: Any = None
    changed: bool = True             # False: writing it would only rewrite the same master
    reports: dict[str, Any] = field(default_factory=dict)   # "quy1/2020" -> consolidation.reports.ReportState

    def task_ids(self) -> list[str]:
        """Each row's task id (``consolidation/identity.py``: given once, kept in the row's "Mã nhiệm vụ")."""
        return [str(row.get("task_id") or "") for row in self.rows]


@dataclass
class Submission:
    """One input file after checking, with what consolidation needs to know about it."""

    path: str
    result: FileResult
    file_hash: str = ""
    mtime: float = 0.0
    unit: Unit | None = None
    unit_from: str = ""              # "header" or "file name"
    made: dt.datetime | None = None  # Ngày lập
    template_version: str = ""
    period: Period | None = None     # the submission's own period, if it states one
    annotated: str = ""              # path of the annotated copy, for rejected ones
    rows: list[dict[str, Any]] = field(default_factory=list, repr=False)  # master rows (see prepare)
    visible_unit: str = ""           # a report form: the unit its visible cell names (the hidden one is ``unit``)
    digest: str = ""                 # content hash of its table
    overlong: list[tuple[int, str, int]] = field(default_factory=list)  # (row, column, length) over a cell's limit

    @property
    def file_id(self) -> str:
        return self.file_hash[:12]


@dataclass
class Outcome:
    """What was decided about one submission, and why (coded notes)."""

    submission: Submission
    status: Verdict
    notes: list[Note] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        return [n.message for n in self.notes]

    def note(self, kind: Kind | str, rejects: bool = True, **params: Any) -> None:
        """Add the note of ``kind``; one that ``rejects`` sends the submission back."""
        if rejects:
            self.status = Verdict.REJECTED
        self.notes.append(Note.of(kind, **params))

    def as_json(self) -> dict:
        r, s = self.submission.result, self.submission
        return {"path": s.path, "unit": s.unit.name if s.unit else None, "unit_from": s.unit_from, "tasks": r.tasks,
                "errors": r.errors, "warnings": r.warnings, "file_id": s.file_id, "reasons": self.reasons,
                "codes": [n.code for n in self.notes], "annotated": s.annotated or None,
                **({"report": r.report.key} if r.report else {})}
