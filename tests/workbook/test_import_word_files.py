"""`cchc-xl import` on files that are no plain .docx (review of #24): a Word 97-2003 document is converted by
LibreOffice without fetching anything. Every file is made as offices make it (LibreOffice, python-docx).
"""

from __future__ import annotations

import http.server
import socket
import subprocess
import threading

from tests.conftest import convert, soffice
from tests.workbook.test_import import rows_of

TITLE = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"
HEADER = ["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
TASK = ["1", "Rà soát văn bản quy phạm pháp luật", "Báo cáo", "Phòng Pháp chế", "Văn phòng Sở", "Quý II/2020"]


def refused(cli, tmp_path, doc, *needles):
    """Import ``doc``: exit 2, a message naming the file and saying each of ``needles``; the file unchanged."""
    before = doc.read_bytes()
    result = cli("import", doc, "-o", tmp_path / "kq.xlsx")
    assert result.exit_code == 2 and doc.name in result.output and "Traceback" not in result.output, result.output
    for needle in needles:
        assert needle in result.output, result.output
    assert doc.read_bytes() == before and not (tmp_path / "kq.xlsx").exists()
    return result.output


# --------------------------------------------------------------------------- D: LibreOffice fetches nothing
class _Recorder(http.server.BaseHTTPRequestHandler):
    """Logs every request (any method) and answers 404."""

    seen: list[str] = []

    def _any(self) -> None:
        type(self).seen.append(f"{self.command} {self.path}")
        self.send_error(404)

    do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = do_POST = _any

    def log_message(self, *args) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_converting_a_doc_fetches_nothing(tmp_path, cli):
    """A .doc whose picture is linked to a web address (INCLUDEPICTURE): LibreOffice as installed fetches it
    (OPTIONS, HEAD, GET), which a plan's import must never do (on Windows a \\\\server link sends the user's
    credentials). The conversion's own profile sends every protocol to a closed local port and blocks links."""
    port = _free_port()
    html = tmp_path / "lienket.html"
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in (HEADER, TASK))
    html.write_text(f'<html><body><p>{TITLE}</p><p><img src="http://127.0.0.1:{port}/anh.png" width="50" '
                    f'height="50"></p><table border="1">{rows}</table></body></html>', encoding="utf-8")
    doc = convert(html, "doc:MS Word 97", tmp_path)            # nothing listens yet: the link stays a link
    assert b"127.0.0.1" in doc.read_bytes()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _Recorder.seen = []
        plain = tmp_path / "plain"
        subprocess.run([soffice(), f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                        "--convert-to", "docx", "--outdir", str(plain), str(doc)], capture_output=True, timeout=180)
        assert _Recorder.seen, "LibreOffice as installed fetches the linked picture: the control of this test"
        _Recorder.seen = []
        result = cli("import", doc, "-o", tmp_path / "kq.xlsx")
        assert _Recorder.seen == [], _Recorder.seen
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code in (0, 1) and "1 nhiệm vụ" in result.output, result.output
    assert rows_of(tmp_path / "kq.xlsx")[0]["lead_unit"] == "Phòng Pháp chế"
