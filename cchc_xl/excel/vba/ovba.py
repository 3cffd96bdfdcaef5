"""MS-OVBA §2.4.1 compression: how VBA source and the dir stream are stored.

Written from the public specification because no maintained Python package
gets it right (ms-ovba 0.0.1 corrupts modules of 1,000 bytes or more). The
format: a signature byte 0x01, then chunks of at most 4096 decompressed bytes;
each chunk is a 2-byte header (size - 3, signature 0b011, compressed flag) and
either 4096 raw bytes or token sequences: a flag byte, then 8 tokens, each a
literal byte or a 2-byte copy token (offset, length) whose bit split depends on
how far into the chunk the token is.
"""

from __future__ import annotations

import struct

from cchc_xl.errors import OvbaError

CHUNK = 4096


def _copy_token_help(difference: int) -> tuple[int, int, int]:
    """(length mask, offset bit shift, maximum length) for a position ``difference`` into a chunk."""
    bit_count = max((difference - 1).bit_length(), 4)
    length_mask = 0xFFFF >> bit_count
    return length_mask, 16 - bit_count, length_mask + 3


# --------------------------------------------------------------------------- decompression
def decompress(data: bytes) -> bytes:
    """Decompress a CompressedContainer (§2.4.1.3.1)."""
    if not data or data[0] != 0x01:
        raise OvbaError("missing signature byte 0x01")
    out = bytearray()
    pos = 1
    while pos < len(data):
        if pos + 2 > len(data):
            raise OvbaError("truncated chunk header")
        header = struct.unpack_from("<H", data, pos)[0]
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0b111 != 0b011:
            raise OvbaError(f"bad chunk signature at byte {pos}")
        compressed = header >> 15
        chunk_end = min(pos + size, len(data))
        pos += 2
        start = len(out)
        if not compressed:
            out += data[pos:pos + CHUNK]
            pos += CHUNK
            continue
        while pos < chunk_end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if not (flags >> bit) & 1:
                    out.append(data[pos])
                    pos += 1
                    continue
                token = struct.unpack_from("<H", data, pos)[0]
                pos += 2
                length_mask, shift, _ = _copy_token_help(len(out) - start)
                length = (token & length_mask) + 3
                offset = (token >> shift) + 1
                if offset > len(out) - start:
                    raise OvbaError("copy token points before the chunk")
                src = len(out) - offset
                for i in range(length):  # byte by byte: a copy may overlap what it writes
                    out.append(out[src + i])
    return bytes(out)


# --------------------------------------------------------------------------- compression
def compress(data: bytes) -> bytes:
    """Compress ``data`` into a CompressedContainer (§2.4.1.3.6)."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        out += _compress_chunk(data[start:start + CHUNK])
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    body = bytearray()
    pos = 0
    index: dict[bytes, list[int]] = {}  # 3-byte prefix -> positions, for the longest-match search
    while pos < len(chunk):
        flag_at = len(body)
        body.append(0)
        flags = 0
        for bit in range(8):
            if pos >= len(chunk):
                break
            offset, length = _longest_match(chunk, pos, index)
            if length >= 3:
                length_mask, shift, _ = _copy_token_help(pos)
                body += struct.pack("<H", ((offset - 1) << shift) | (length - 3))
                flags |= 1 << bit
                advance = length
            else:
                body.append(chunk[pos])
                advance = 1
            for p in range(pos, pos + advance):
                if p + 3 <= len(chunk):
                    index.setdefault(chunk[p:p + 3], []).append(p)
            pos += advance
        body[flag_at] = flags
    if len(body) > CHUNK:  # incompressible: store raw (exactly 4096 bytes, §2.4.1.3.10)
        return struct.pack("<H", (CHUNK - 1) | 0x3000) + chunk.ljust(CHUNK, b"\x00")
    return struct.pack("<H", (len(body) + 2 - 3) | 0x3000 | 0x8000) + bytes(body)


def _longest_match(chunk: bytes, pos: int, index: dict[bytes, list[int]]) -> tuple[int, int]:
    """Best (offset, length) of an earlier occurrence of the bytes at ``pos``."""
    if pos + 3 > len(chunk):
        return 0, 0
    candidates = index.get(chunk[pos:pos + 3])
    if not candidates:
        return 0, 0
    _, _, max_length = _copy_token_help(pos)
    limit = min(max_length, len(chunk) - pos)
    best_len, best_off = 0, 0
    for cand in reversed(candidates[-64:]):  # nearest first; bounded so pathological input stays linear
        length = 3
        while length < limit and chunk[cand + length] == chunk[pos + length]:
            length += 1
        if length > best_len:
            best_len, best_off = length, pos - cand
            if length == limit:
                break
    return best_off, best_len
