"""What a Word file given to `cchc-xl import` really is, and the .docx to read from it.

Offices rename files and save them in whatever Word offers, so the name says little: a Word 97-2003 document
renamed .docx, RTF saved as .doc, a web page (HTML, MHT) or Word 2003 XML saved as .doc, an Excel workbook renamed
.doc, a .docx protected by a password (an OLE file too, like a .doc). The content decides (``sniff``; an OLE file
by the streams its directory names: ``ole_streams``): a .docx is read as it is; Word 97-2003 and RTF are converted
by LibreOffice when it is installed, in a temporary folder, with a note when the name hid what the file is;
anything else is refused saying what the file is and what to do.

LibreOffice converts offline: its own temporary profile sends every protocol through a proxy on a closed local
port (no exceptions), never updates links and blocks linked content from untrusted documents, so a picture
linked to a web address or, on Windows, to a \\\\server share (which would send the user's credentials) is not
fetched.
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
_SPECIAL = 0xFFFFFFFA            # sector numbers from here on end a chain or mark free and FAT sectors (MS-CFB)
_MAX_SECTORS = 10_000            # directory and DIFAT sectors followed; a real file has a handful
_AGAIN = "Hãy mở bằng Word và lưu dạng .docx (Lưu thành → Word Document) rồi nhập lại."
# Inet: 2 is a manual proxy (ucbhelper's ProxyType: none, automatic, manual); Writer's link update 0 is never.
_OFFLINE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
{items}
</oor:items>
"""
_ITEM = '<item oor:path="/{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'


def sniff(head: bytes) -> str:
    """What the first bytes of a file say it is: zip, ole, pdf, rtf, html, word-xml, or ""."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(OLE):
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"{\\rtf"):
        return "rtf"
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text or text.startswith(b"mime-version:"):
        return "html"
    if text.startswith(b"<?xml") and (b"worddocument" in text or b'progid="word.document"' in text):
        return "word-xml"
    return ""


def ole_streams(path: Path) -> set[str]:
    """The names in an OLE compound file's directory (MS-CFB 2.6): "WordDocument" in Word 97-2003,
    "EncryptedPackage" in a .docx protected by a password. Read sector by sector, at most ``_MAX_SECTORS``."""
    names: set[str] = set()
    with path.open("rb") as fh:
        header = fh.read(512)
        size = 1 << _u16(header, 30) if len(header) == 512 else 0
        if size not in (512, 4096):
            return names

        def sector(n: int) -> bytes:
            fh.seek((n + 1) * size)
            return fh.read(size)

        fat = _fat_sectors(header, sector, size)
        n = _u32(header, 48)
        for _ in range(_MAX_SECTORS):
            if n >= _SPECIAL:
                break
            block = sector(n)
            for k in range(0, len(block) - 127, 128):
                length = _u16(block, k + 64)
                if 2 <= length <= 64:
                    names.add(block[k:k + length - 2].decode("utf-16-le", "replace"))
            index, slot = divmod(n, size // 4)
            n = _u32(sector(fat[index]), 4 * slot) if index < len(fat) else _SPECIAL
    return names


def _fat_sectors(header: bytes, sector: Any, size: int) -> list[int]:
    """The sectors holding the file allocation table: 109 listed in the header, the rest in the DIFAT chain."""
    fat = [_u32(header, 76 + 4 * i) for i in range(109)]
    n, count = _u32(header, 68), _u32(header, 72)
    for _ in range(min(count, _MAX_SECTORS)):
        if n >= _SPECIAL:
            break
        block = sector(n)
        fat += [_u32(block, 4 * i) for i in range(size // 4 - 1)]
        n = _u32(block, size - 4)
    return [s for s in fat if s < _SPECIAL]


def _u16(data: bytes, at: int) -> int:
    return int.from_bytes(data[at:at + 2], "little")


def _u32(data: bytes, at: int) -> int:
    return int.from_bytes(data[at:at + 4], "little") if len(data) >= at + 4 else _SPECIAL


class as_docx:
    """The path of a .docx to read: the file itself, or a Word 97-2003 or RTF document converted by LibreOffice
    into a temporary folder (removed on exit); ``notes`` say when the file's name hid what it is."""

    def __init__(self, source: Path):
        self.source, self.tmp = source, ""
        self.notes: list[str] = []

    def __enter__(self) -> Path:
        source, suffix = self.source, self.source.suffix.lower()
        if not source.is_file():
            raise PlanImportError(f"{source}: không tìm thấy tệp.")
        with source.open("rb") as fh:
            kind = sniff(fh.read(1024))
        if kind == "pdf" or suffix == ".pdf":
            raise PlanImportError(f"{source}: tệp PDF (hay bản quét) không nhập được. Hãy mở văn bản gốc bằng Word "
                                  "và lưu dạng .docx.")
        if suffix == ".docm":
            raise PlanImportError(f"{source}: tệp Word có macro (.docm) không được nhập. Hãy lưu lại dạng .docx.")
        if kind == "zip" and suffix in (".docx", ".doc"):
            return source
        if kind == "ole":
            return self._ole()
        if kind == "rtf":
            if suffix != ".rtf":
                self.notes.append(f"{source.name} là văn bản RTF (Rich Text Format) dù mang đuôi {suffix or 'trống'}: "
                                  "đã chuyển bằng LibreOffice như một tệp .rtf.")
            return self._convert("văn bản RTF", ".rtf")
        if kind == "html":
            raise PlanImportError(f"{source}: tệp là trang web (HTML, MHT) mang đuôi {suffix}, không phải tệp Word. "
                                  + _AGAIN)
        if kind == "word-xml":
            raise PlanImportError(f"{source}: tệp là Word 2003 XML, không phải .docx. " + _AGAIN)
        if suffix not in (".docx", ".doc", ".rtf"):
            raise PlanImportError(f"{source}: chỉ nhập được tệp Word .docx (hoặc .doc, .rtf).")
        raise PlanImportError(f"{source}: tệp hỏng hoặc không phải tệp Word (không phải .docx, .doc hay RTF). "
                              + _AGAIN)

    def _ole(self) -> Path:
        """A Word 97-2003 document (converted), a .docx protected by a password, or another Office 97-2003 file."""
        source, suffix = self.source, self.source.suffix.lower()
        streams = ole_streams(source)
        if "EncryptedPackage" in streams:
            raise PlanImportError(f"{source}: tệp Word được đặt mật khẩu (mã hóa), chương trình không mở được. Hãy mở "
                                  "bằng Word, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, "
                                  "xóa mật khẩu) rồi lưu lại.")
        if "WordDocument" not in streams:
            raise PlanImportError(f"{source}: tệp Office 97-2003 nhưng không phải văn bản Word (không có phần "
                                  "WordDocument: có thể là bảng tính .xls, hoặc tệp hỏng). " + _AGAIN)
        if suffix != ".doc":
            self.notes.append(f"{source.name} là văn bản Word 97-2003 (.doc) dù mang đuôi {suffix or 'trống'}: đã "
                              "chuyển bằng LibreOffice như một tệp .doc.")
        return self._convert("văn bản Word 97-2003 (.doc)", ".doc")

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
