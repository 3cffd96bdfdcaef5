"""Read a vbaProject.bin's modules and write a new one (MS-OVBA §2.3).

The add-in's VBA starts from the template shipped inside the installed xlwings
package, so its RunPython code always matches the Python side. We keep the
template's project information and references, swap modules, and write the
streams a VBA host needs: PROJECT, PROJECTwm, VBA/_VBA_PROJECT (no cached
p-code: Excel compiles the source on load), VBA/dir and one stream per module.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass

from cchc_xl.errors import VbaError
from cchc_xl.excel.vba.cfb import write_cfb
from cchc_xl.excel.vba.ovba import compress, decompress

PROCEDURAL, DOCUMENT_OR_CLASS = 0x0021, 0x0022
_VBA_PROJECT = b"\xcc\x61\xff\xff\x00\x00\x00"  # version 0xFFFF: no performance cache


@dataclass
class Module:
    name: str
    source: bytes                 # the text VBA stores, Attribute lines included, cp1252, CRLF
    kind: int = PROCEDURAL        # PROCEDURAL or DOCUMENT_OR_CLASS
    project_line: str = ""        # its line in the PROJECT stream ("Module=…", "Class=…", "Document=…")

    @property
    def code(self) -> str:
        return self.source.decode("cp1252")


@dataclass
class Project:
    records: list[tuple[int, bytes]]     # dir-stream records before the module list
    project_text: str                    # the PROJECT stream
    modules: list[Module]
    codepage: str = "cp1252"


# --------------------------------------------------------------------------- reading
def _records(data: bytes) -> list[tuple[int, bytes]]:
    out, pos = [], 0
    while pos + 6 <= len(data):
        rid, size = struct.unpack_from("<HI", data, pos)
        pos += 6
        if rid == 0x0009:  # PROJECTVERSION: its size field says 4 but 6 bytes follow
            size = 6
        out.append((rid, data[pos:pos + size]))
        pos += size
    return out


def read_project(vba_bin: bytes) -> Project:
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(vba_bin))
    except OSError as exc:
        raise VbaError(f"not a compound file: {exc}") from None
    records = _records(decompress(ole.openstream("VBA/dir").read()))
    codepage = "cp1252"
    head: list[tuple[int, bytes]] = []
    modules: list[dict] = []
    current: dict | None = None
    in_modules = False
    for rid, data in records:
        if rid == 0x0003:
            codepage = f"cp{struct.unpack('<H', data)[0]}"
        if rid == 0x000F:
            in_modules = True
        if not in_modules:
            head.append((rid, data))
            continue
        if rid == 0x0019:
            current = {"name": data.decode(codepage), "kind": PROCEDURAL, "offset": 0, "stream": ""}
        elif current is not None:
            if rid == 0x001A:
                current["stream"] = data.decode(codepage)
            elif rid == 0x0031:
                current["offset"] = struct.unpack("<I", data)[0]
            elif rid in (PROCEDURAL, DOCUMENT_OR_CLASS):
                current["kind"] = rid
            elif rid == 0x002B:
                modules.append(current)
                current = None
    text = ole.openstream("PROJECT").read().decode(codepage)
    lines = {m.group(2): m.group(0) for m in re.finditer(r"^(Module|Class|Document|BaseClass)=([^/\r\n]+)[^\r\n]*",
                                                           text, re.M)}
    result = []
    for m in modules:
        raw = ole.openstream(f"VBA/{m['stream']}").read()
        result.append(Module(m["name"], decompress(raw[m["offset"]:]), m["kind"], lines.get(m["name"], "")))
    return Project(head, text, result, codepage)


# --------------------------------------------------------------------------- writing
def _record(rid: int, data: bytes) -> bytes:
    if rid == 0x0009:
        return struct.pack("<HI", rid, 4) + data
    return struct.pack("<HI", rid, len(data)) + data


def _dir_stream(project: Project, name: str) -> bytes:
    cp = project.codepage
    out = bytearray()
    for rid, data in project.records:
        out += _record(rid, name.encode(cp) if rid == 0x0004 else data)
    out += _record(0x000F, struct.pack("<H", len(project.modules)))
    out += _record(0x0013, struct.pack("<H", 0xFFFF))
    for m in project.modules:
        out += _record(0x0019, m.name.encode(cp))
        out += _record(0x0047, m.name.encode("utf-16-le"))
        out += _record(0x001A, m.name.encode(cp))
        out += _record(0x0032, m.name.encode("utf-16-le"))
        out += _record(0x001C, b"") + _record(0x0048, b"")
        out += _record(0x0031, struct.pack("<I", 0))          # source from byte 0: no p-code
        out += _record(0x001E, struct.pack("<I", 0))
        out += _record(0x002C, struct.pack("<H", 0xFFFF))
        out += _record(m.kind, b"")
        out += _record(0x002B, b"")
    out += _record(0x0010, b"")
    return bytes(out)


def _project_stream(project: Project, name: str) -> bytes:
    """The template's PROJECT text with our module list and project name."""
    text = project.project_text.replace("\r\n", "\n")
    head, _, rest = text.partition("\nName=")
    keep = [line for line in head.split("\n") if not re.match(r"^(Module|Class|Document|BaseClass)=", line)]
    id_line, other = keep[0], keep[1:]
    module_lines = [m.project_line or f"Module={m.name}" for m in project.modules]
    rest = re.sub(r'^"[^"\n]*"', f'"{name}"', rest)
    workspace = "\n".join(f"{m.name}=0, 0, 0, 0, C" for m in project.modules)
    rest = re.sub(r"\[Workspace\]\n(?:[^\n]*\n?)*", f"[Workspace]\n{workspace}\n", rest)
    body = "\n".join([id_line, *module_lines, *other]) + "\nName=" + rest
    return body.replace("\n", "\r\n").encode(project.codepage)


def _projectwm(project: Project) -> bytes:
    out = bytearray()
    for m in project.modules:
        out += m.name.encode(project.codepage) + b"\x00" + m.name.encode("utf-16-le") + b"\x00\x00"
    return bytes(out + b"\x00\x00")


def write_project(project: Project, name: str) -> bytes:
    """A complete vbaProject.bin for ``project`` under the VBA project name ``name``."""
    streams = {
        "PROJECT": _project_stream(project, name),
        "PROJECTwm": _projectwm(project),
        "VBA/_VBA_PROJECT": _VBA_PROJECT,
        "VBA/dir": compress(_dir_stream(project, name)),
    }
    for m in project.modules:
        streams[f"VBA/{m.name}"] = compress(m.source)
    return write_cfb(streams)
