"""The .docx to read from the Word file given to `cchc-xl import`: the file itself, or a Word 97-2003 document
converted by LibreOffice when it is installed, in a temporary folder.

LibreOffice converts offline: its own temporary profile sends every protocol through a proxy on a closed local
port (no exceptions), never updates links and blocks linked content from untrusted documents, so a picture
linked to a web address is not fetched (LibreOffice as installed fetches it: OPTIONS, HEAD, GET).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from cchc_xl.errors import PlanImportError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Inet: 2 is a manual proxy (ucbhelper's ProxyType: none, automatic, manual); Writer's link update 0 is never.
_OFFLINE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
{items}
</oor:items>
"""
_ITEM = '<item oor:path="/{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'


class as_docx:
    """The path of a .docx to read: the file itself, or a Word 97-2003 document converted by LibreOffice into a
    temporary folder (removed on exit)."""

    def __init__(self, source: Path):
        self.source, self.tmp = source, ""
        self.notes: list[str] = []

    def __enter__(self) -> Path:
        source, suffix = self.source, self.source.suffix.lower()
        if not source.exists():
            raise PlanImportError(f"{source}: không tìm thấy tệp.")
        with source.open("rb") as fh:
            head = fh.read(8)
        if suffix == ".pdf" or head.startswith(b"%PDF"):
            raise PlanImportError(f"{source}: tệp PDF (hay bản quét) không nhập được. Hãy mở văn bản gốc bằng Word "
                                  "và lưu dạng .docx.")
        if suffix == ".docm":
            raise PlanImportError(f"{source}: tệp Word có macro (.docm) không được nhập. Hãy lưu lại dạng .docx.")
        if head.startswith(OLE):   # OLE: a Word 97-2003 .doc, or a password-protected .docx
            if suffix == ".docx":
                raise PlanImportError(f"{source}: tệp Word được đặt mật khẩu (mã hóa). Hãy gỡ mật khẩu rồi lưu lại.")
            return self._convert("tệp Word 97-2003 (.doc)", ".doc")
        if suffix not in (".docx", ".doc"):
            raise PlanImportError(f"{source}: chỉ nhập được tệp Word .docx (hoặc .doc).")
        return source

    def _convert(self, what: str, suffix: str) -> Path:
        """``source`` as a .docx, converted by LibreOffice offline, from a copy in a temporary folder (its lock file
        is written there, not beside the user's file)."""
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            raise PlanImportError(f"{self.source}: {what}. Máy này không có LibreOffice để chuyển đổi: hãy mở bằng "
                                  "Word và lưu dạng .docx.")
        self.tmp = tempfile.mkdtemp(prefix="cchc-import-")
        copy = Path(self.tmp, "nguon" + suffix)
        shutil.copyfile(self.source, copy)
        profile = Path(self.tmp, "profile")
        with socket.socket() as closed:       # bound, never listening: a proxy that refuses every connection
            closed.bind(("127.0.0.1", 0))
            _offline_profile(profile, closed.getsockname()[1])
            try:
                proc = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                                       "--norestore", "--convert-to", "docx", "--outdir", self.tmp, str(copy)],
                                      capture_output=True, text=True, timeout=300)
                why = proc.stderr.strip()[:200]
            except subprocess.TimeoutExpired:
                why = "quá 5 phút"
        converted = copy.with_suffix(".docx")
        if not converted.exists():
            raise PlanImportError(f"{self.source}: LibreOffice không chuyển được {what} ({why}; tệp hỏng hoặc có mật "
                                  "khẩu?). Hãy mở bằng Word và lưu dạng .docx.")
        return converted

    def __exit__(self, *exc: Any) -> None:
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _offline_profile(profile: Path, port: int) -> None:
    """A LibreOffice user profile that fetches nothing: every protocol through a proxy at ``port`` (closed), no
    host exempt, links never updated, linked content of documents from untrusted places blocked."""
    settings = [("org.openoffice.Inet/Settings", "ooInetProxyType", "2"),
                ("org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
                *[("org.openoffice.Inet/Settings", f"ooInet{kind}Proxy{key}", value)
                  for kind in ("HTTP", "HTTPS", "FTP") for key, value in (("Name", "127.0.0.1"), ("Port", str(port)))],
                ("org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
                ("org.openoffice.Office.Writer/Content/Update", "Link", "0")]
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    items = "\n".join(_ITEM.format(path=path, name=name, value=value) for path, name, value in settings)
    (user / "registrymodifications.xcu").write_text(_OFFLINE.format(items=items), encoding="utf-8")
