"""A minimal MS-CFB (compound file) writer: what a vbaProject.bin needs, nothing more.

Version 3 (512-byte sectors), streams under 4096 bytes in the mini stream,
storages and streams in a red-black directory tree. Reading is left to
``olefile``; writing is ours because no maintained package writes vbaProject.bin.
"""

from __future__ import annotations

import struct

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1
HEADER_DIFAT = 109


class _Node:
    def __init__(self, name: str, kind: int, data: bytes = b""):
        self.name, self.kind, self.data = name, kind, data
        self.children: dict[str, _Node] = {}
        self.left = self.right = self.child = NOSTREAM
        self.color = BLACK
        self.start, self.index = END, 0


def _key(name: str) -> tuple[int, str]:
    """CFB sibling order: shorter names first, then case-insensitive comparison."""
    return len(name), name.upper()


def _tree(nodes: list[_Node], depth: int, deepest: int) -> int:
    """Balanced BST from sorted ``nodes``; the deepest level red, the rest black (a valid red-black tree)."""
    if not nodes:
        return NOSTREAM
    mid = len(nodes) // 2
    node = nodes[mid]
    node.color = RED if depth == deepest and depth > 0 else BLACK
    node.left = _tree(nodes[:mid], depth + 1, deepest)
    node.right = _tree(nodes[mid + 1:], depth + 1, deepest)
    return node.index


def _depth(n: int) -> int:
    return max(n.bit_length() - 1, 0)


def write_cfb(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``streams`` ({'VBA/dir': b'...'}); storages are implied by paths."""
    root = _Node("Root Entry", ROOT)
    for path, data in streams.items():
        node = root
        parts = path.split("/")
        for part in parts[:-1]:
            node = node.children.setdefault(part.upper(), _Node(part, STORAGE))
        node.children[parts[-1].upper()] = _Node(parts[-1], STREAM, data)
    entries: list[_Node] = []

    def number(node: _Node) -> None:
        node.index = len(entries)
        entries.append(node)
        for child in node.children.values():
            number(child)

    number(root)
    for node in entries:
        siblings = sorted(node.children.values(), key=lambda n: _key(n.name))
        node.child = _tree(siblings, 0, _depth(len(siblings)))
    return _layout(entries)


def _layout(entries: list[_Node]) -> bytes:
    small = [n for n in entries if n.kind == STREAM and len(n.data) < MINI_CUTOFF]
    big = [n for n in entries if n.kind == STREAM and len(n.data) >= MINI_CUTOFF]
    mini_stream = bytearray()
    mini_fat: list[int] = []
    for n in small:
        count = -(-len(n.data) // MINI_SECTOR)
        if count == 0:
            n.start = END
            continue
        n.start = len(mini_fat)
        mini_fat += [len(mini_fat) + i + 1 for i in range(count - 1)] + [END]
        mini_stream += n.data.ljust(count * MINI_SECTOR, b"\x00")
    root = entries[0]
    root.data = bytes(mini_stream)

    regular: list[bytes] = []  # sector payloads in file order
    fat: list[int] = []

    def place(payload: bytes, pad: bytes = b"\x00") -> int:
        count = -(-len(payload) // SECTOR)
        if count == 0:
            return END
        first = len(fat)
        fat.extend(first + i + 1 for i in range(count - 1))
        fat.append(END)
        regular.append(payload.ljust(count * SECTOR, pad))
        return first

    root.start = place(root.data)
    for n in big:
        n.start = place(n.data)
    mini_fat_bytes = b"".join(struct.pack("<I", v) for v in mini_fat)
    mini_fat_start = place(mini_fat_bytes, b"\xff") if mini_fat else END  # unused entries are FREE
    directory = b"".join(_dir_entry(n) for n in entries)
    unused = (-len(directory) // 128) % (SECTOR // 128)
    directory += _UNUSED_ENTRY * unused  # MS-CFB 2.6.3: free entries are zero but for NOSTREAM sibling/child ids
    dir_start = place(directory)
    # FAT sectors describe themselves too: grow until they fit.
    fat_sectors = 1
    while (len(fat) + fat_sectors) > fat_sectors * (SECTOR // 4):
        fat_sectors += 1
    if fat_sectors > HEADER_DIFAT:
        raise ValueError("compound file too large for a header-only DIFAT")
    fat_start = len(fat)
    fat.extend([FATSECT] * fat_sectors)
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat).ljust(fat_sectors * SECTOR, b"\xff")
    difat = [fat_start + i for i in range(fat_sectors)] + [FREE] * (HEADER_DIFAT - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x00" * 16, 0x003E, 0x0003, 0xFFFE, 9, 6, b"\x00" * 6,
        0, fat_sectors, dir_start, 0, MINI_CUTOFF, mini_fat_start, -(-len(mini_fat_bytes) // SECTOR) if mini_fat else 0,
        END, 0,
    ) + b"".join(struct.pack("<I", v) for v in difat)
    return header + b"".join(regular) + fat_bytes


_UNUSED_ENTRY = b"\x00" * 68 + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + b"\x00" * 48


def _dir_entry(n: _Node) -> bytes:
    name = n.name.encode("utf-16-le") + b"\x00\x00"
    if len(name) > 64:
        raise ValueError(f"name too long for a compound file: {n.name}")
    size = len(n.data) if n.kind in (STREAM, ROOT) else 0
    start = n.start if n.kind in (STREAM, ROOT) else 0
    if n.kind == STREAM and size == 0:
        start = END
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name.ljust(64, b"\x00"), len(name), n.kind, n.color, n.left, n.right, n.child,
        b"\x00" * 16, 0, 0, 0, start, size,
    )
