"""The CCHC ribbon buttons, run on the live workbook through xlwings.

Thin on purpose: each button calls the very function the command line calls
(``check_book``, ``run_consolidation``, ``write_template``) on the live book read
by ``live.py``, with the settings the command line would load for the same files:
the office's ``cau-hinh-cchc/`` found from the workbook's folder (or the chosen
folder, the master), then the user's folder, then the samples
(``settings.office_config``). The VBA callback (macros/CchcRibbon.bas) guards the
cases Python cannot see (no workbook, Protected View, read-only) and calls
``on_ribbon(button_id)``; an error a clerk can act on (a ``CchcError``) is shown in
an alert with its message, anything else as "lỗi không mong đợi" with a log file
for the administrator: a button never fails silently.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path, PureWindowsPath
from typing import Any, Callable, Mapping
from urllib.parse import unquote

from cchc_xl.check.config import Config
from cchc_xl.check.marks import marks_for, on_anchors, summary_line
from cchc_xl.errors import CchcError, log_traceback, unexpected
from cchc_xl.excel.live import clear_live, paint_live, read_live, write_results_live
from cchc_xl.table.sheets import GUIDE

TITLE = "CCHC"


def on_ribbon(control_id: str, argument: str | None = None, book: Any = None) -> dict:
    """Run one ribbon button; returns what it did (for logs and tests)."""
    import xlwings as xw

    book = book if book is not None else xw.Book.caller()
    action = ACTIONS.get(control_id)
    if action is None:
        raise ValueError(f"unknown ribbon button: {control_id}")
    try:
        return action(book, argument)
    except CchcError as exc:
        message = exc.message
    except Exception as exc:  # a bug of ours: the clerk gets a message and a log to send, never silence
        message = unexpected(exc)
    _alert(book, message)
    return {"error": message}


# --------------------------------------------------------------------------- buttons
def kiem_tra(book: Any, _argument: str | None = None, lang: str = "vi") -> dict:
    """Check the active workbook as it is on screen, mark it, summarise in an alert."""
    from cchc_xl.check.pipeline import check_book
    from cchc_xl.formats.config_files import registry_name, source_lines

    config = _config(book_file(book))
    clear_live(book)
    model, merged = read_live(book)
    result = check_book(model, config, None, lang)
    if result.error:
        raise CchcError(result.error)
    marks = marks_for(result.findings, lang)
    paint_live(book, marks, merged)
    write_results_live(book, result, registry_name(config), lang)
    message = "\n".join([summary_line(result.errors, result.warnings, lang), *source_lines(config)])
    _alert(book, message)
    return {"errors": result.errors, "warnings": result.warnings, "marks": on_anchors(marks, merged),
            "message": message, "registry": registry_name(config)}


def xoa_danh_dau(book: Any, _argument: str | None = None) -> dict:
    restored = clear_live(book)
    return {"restored": restored}


def tong_hop(book: Any, folder: str | None = None) -> dict:
    """Consolidate a folder of submissions into tong-hop.xlsx there, then open it."""
    from cchc_xl.formats.config_files import registry_name, source_lines
    from cchc_xl.consolidation.model import Verdict
    from cchc_xl.usecases.consolidate import ConsolidationRequest, run_consolidation

    if not folder:
        raise CchcError("Chưa chọn thư mục chứa bài nộp.")
    config = _config(folder)
    run = run_consolidation(ConsolidationRequest((folder,), Path(folder) / "tong-hop.xlsx", config))
    rejected = sum(1 for o in run.outcomes if o.status == Verdict.REJECTED)
    _open(book, run.master)
    done = "Đã tổng hợp" if run.written else "Không có gì thay đổi:"
    message = "\n".join([f"{done} {len(run.state.rows)} nhiệm vụ trong {run.master.name}; {rejected} bài bị trả lại.",
                         *source_lines(config)])
    _alert(book, message)
    return {"master": str(run.master), "rows": len(run.state.rows), "rejected": rejected,
            "registry": registry_name(config)}


def tao_mau(book: Any, _argument: str | None = None) -> dict:
    """A new standard workbook for this year, opened for filling in."""
    from cchc_xl.core.periods import Period
    from cchc_xl.formats.config_files import registry_name
    from cchc_xl.formats.xlsx.template import write_template

    year = dt.date.today().year
    folder = _documents()
    path = _free_name(folder / f"phu-luc-cchc-{year}.xlsx")
    config = _config(book_file(book), folder)
    write_template(path, config, Period(year, year))
    _open(book, path)
    return {"template": str(path), "registry": registry_name(config)}


def huong_dan(book: Any, _argument: str | None = None) -> dict:
    """The guide is the template's 'Hướng dẫn' sheet: opened from a fresh copy."""
    from cchc_xl.core.periods import Period
    from cchc_xl.formats.xlsx.template import write_template

    path = Path(tempfile.mkdtemp(prefix="cchc-")) / "huong-dan-cchc.xlsx"
    year = dt.date.today().year
    write_template(path, _config(book_file(book), _documents()), Period(year, year))
    opened = _open(book, path)
    if opened is not None:
        opened.sheets[GUIDE].activate()
    return {"guide": str(path)}


def bao_cao(book: Any, code: str | None = None) -> dict:
    """The results appendix (Word) of report period ``code`` from the open master, written beside it."""
    from cchc_xl.consolidation.results import appendix
    from cchc_xl.core.reporting import report_period
    from cchc_xl.formats.word.appendix import write_docx
    from cchc_xl.usecases.results import load_results

    if not code:
        raise CchcError("Chưa chọn kỳ báo cáo (quy1, 6thang, quy3 hoặc nam).")
    report_period(code)  # a period the clerk mistyped stops here, with the valid ones
    master = book_file(book)
    if master is None:
        raise CchcError("Tệp tổng hợp đang mở chưa được lưu trên máy (tệp mới, hoặc tệp OneDrive/SharePoint không có "
                        "bản đồng bộ trên máy này): lưu hoặc mở tong-hop.xlsx từ thư mục bài nộp trên máy rồi bấm "
                        "Báo cáo… lại.")
    config = _config(master)
    state, rs = load_results(master, code, None)
    # a Word file already there may hold the office's edits: a new name, never an overwrite without asking
    written = write_docx(_free_name(master.with_name(f"bao-cao-{rs.code}-{rs.year}.docx")),
                         appendix(state, rs, config.registry, config.registry.department))
    message = f"Đã ghi phụ lục kết quả {rs.title}: {written}"
    _alert(book, message)
    return {"appendix": str(written)}


ACTIONS: dict[str, Callable[..., dict]] = {
    "kiem_tra": kiem_tra, "xoa_danh_dau": xoa_danh_dau, "tong_hop": tong_hop, "tao_mau": tao_mau,
    "huong_dan": huong_dan, "bao_cao": bao_cao,
}


def book_file(book: Any) -> Path | None:
    """The live workbook's file on this computer, or None: an unsaved book ("Book1"), the scratch book the
    add-in opens for buttons that need none, a OneDrive/SharePoint URL with no synced copy on this computer."""
    name = _full_name(book)
    if "://" in name:
        return next((p for p in synced_paths(name, os.environ, _sync_roots()) if _exists(p)), None)
    if not (Path(name).is_absolute() or PureWindowsPath(name).is_absolute()):
        return None
    return Path(name)


def _full_name(book: Any) -> str:
    """Excel's own Workbook.FullName (a URL for a workbook in a OneDrive-synced folder), read through COM before
    xlwings maps it: for a SharePoint URL that mapping falls back to any file of the same name under the sync root,
    a guess that could check against, and write a report beside, another office's file. Other engines: fullname."""
    for read in (lambda: book.api.FullName, lambda: book.fullname):
        try:
            return str(read() or "")
        except Exception:  # noqa: BLE001  no COM object (Mac, the remote engine), or xlwings' mapping failing
            continue
    return ""


_PERSONAL = re.compile(r"https://d\.docs\.live\.net/[^/]+/(?P<rest>.*)", re.I)
_BUSINESS = re.compile(r"https://[^/]+-my\.sharepoint\.[^/]+/personal/[^/]+/Documents/(?P<rest>.*)", re.I)


def synced_paths(url: str, env: Mapping[str, str], roots: Mapping[str, str]) -> list[Path]:
    """Where the OneDrive client may keep the file Excel names by ``url``, most likely first: personal OneDrive
    (d.docs.live.net/<id>/…) under %OneDriveConsumer% (else %OneDrive%); OneDrive for work
    (<tenant>-my.sharepoint.com/personal/<user>/Documents/…) under %OneDriveCommercial%; a synced SharePoint
    library (or OneDrive) under the mount point the sync client registered for the longest matching URL (``roots``).
    Pure: the caller supplies the environment and the mount points, and takes the first that exists."""
    url = unquote(url.split("?", 1)[0].split("#", 1)[0])
    places: list[tuple[str, str]] = []
    for pattern, names in ((_PERSONAL, ("OneDriveConsumer", "OneDrive")), (_BUSINESS, ("OneDriveCommercial",))):
        match = pattern.match(url)
        root = next((env[n] for n in names if env.get(n)), "") if match else ""
        if match and root:
            places.append((root, match["rest"]))
    for prefix in sorted(roots, key=len, reverse=True):
        base = unquote(prefix).rstrip("/")
        if url.lower().startswith(base.lower() + "/"):
            places.append((roots[prefix], url[len(base) + 1:]))
    out = []
    for root, rest in places:
        parts = [p for p in rest.split("/") if p]
        if parts and not any(p in (".", "..") or "\\" in p for p in parts):  # a URL never climbs out of its root
            out.append(Path(root, *parts))
    return out


def _sync_roots() -> dict[str, str]:
    """The OneDrive sync client's SharePoint libraries on this computer (URL namespace -> local folder), from the
    registry through xlwings (HKCU\\Software\\SyncEngines\\Providers\\OneDrive); empty off Windows."""
    try:
        from xlwings.utils import get_url_to_mount

        return {str(k): str(v) for k, v in get_url_to_mount().items()}
    except Exception:  # noqa: BLE001  no xlwings, or a registry the user may not read: no library, no guess
        return {}


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder this user may not read
        return False


_LOADED: dict[tuple, Config] = {}   # the configuration of the last click, while its files are unchanged


def _config(*anchors: Path | str | None) -> Config:
    """The settings the command line would use for the same files (the office's cau-hinh-cchc/ first).

    The add-in's Python process lives as long as Excel: while the files found are the same and unchanged (path,
    size, time), the next click gets the very same configuration, and so its checks' schema built once
    (``check.schema.schema_for``); an edited units.yaml gives a new one."""
    from cchc_xl.formats.config_files import find_office_files, office_config

    key = tuple(sorted((kind, str(src.path), *_stamp(src.path)) for kind, src in find_office_files(anchors).items()))
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = office_config(anchors)
    return _LOADED[key]


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)


def _documents() -> Path:
    folder = Path.home() / "Documents"
    return folder if folder.is_dir() else Path.home()


def _free_name(path: Path) -> Path:
    """``path``, or "NAME-2", "NAME-3"… when it exists: a button never replaces a file the office may have edited."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _open(book: Any, path: Path) -> Any:
    """Open ``path`` in the user's Excel; None on engines without files (the remote one)."""
    try:
        return book.app.books.open(str(path))
    except Exception:  # noqa: BLE001  COM, AppleScript and the remote engine fail each their own way
        return None


def _alert(book: Any, message: str) -> None:
    """Show ``message`` to the clerk; where the engine has no dialog, it goes to the log instead."""
    try:
        book.app.alert(message, title=TITLE)
    except Exception:  # noqa: BLE001  no dialog on this engine: the message must still be found somewhere
        log_traceback(f"{message}\n(không hiện được hộp thoại)")
