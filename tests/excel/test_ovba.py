"""MS-OVBA compression and the compound-file writer, checked against independent readers."""

import io
import random
import struct

import olefile
import pytest
from oletools.olevba import decompress_stream

from cchc_xl.excel.vba.cfb import write_cfb
from cchc_xl.excel.vba.ovba import compress, decompress
from cchc_xl.errors import OvbaError

# MS-OVBA §3.2.1 ("No Compression") and §3.2.3 ("Maximum Compression") examples.
SPEC = [
    (b"abcdefghijklmnopqrstuv.", "01 19 b0 00 61 62 63 64 65 66 67 68 00 69 6a 6b 6c 6d 6e 6f 70 00 71 72 73 74 75 "
                                  "76 2e"),
    (b"a" * 73, "01 03 b0 02 61 45 00"),
]


@pytest.mark.parametrize("plain,packed", SPEC)
def test_specification_examples(plain, packed):
    assert compress(plain).hex(" ") == packed
    assert decompress(bytes.fromhex(packed)) == plain


def vba_like(n: int, seed: int) -> bytes:
    rng = random.Random(seed)
    words = [b"Dim ", b"As String", b"\r\n", b"    ", b"End Sub", b"RunPython ", b"' comment ", b"x = 1",
             b"If ", b"Then", b"\"cchc_xl\"", b"(", b")", b"&"]
    out = bytearray()
    while len(out) < n:
        out += rng.choice(words)
    return bytes(out[:n])


@pytest.mark.parametrize("size", [0, 1, 2, 3, 999, 1000, 1001, 4095, 4096, 4097, 8191, 8192, 20000, 50000])
def test_round_trip_through_an_independent_decompressor(size):
    data = vba_like(size, size)
    packed = compress(data)
    assert decompress(packed) == data
    assert decompress_stream(bytearray(packed)) == data


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 3000, 4096, 4097, 8192, 12288])
def test_incompressible_data_round_trips(size):
    """Random bytes take raw 4096-byte chunks. (The format cannot hold a final raw chunk shorter
    than 4096 bytes without padding, so sizes whose last chunk is 3641-4095 random bytes are
    not round-trippable by any implementation; VBA text always compresses.)"""
    data = random.Random(size).randbytes(size)
    packed = compress(data)
    assert decompress(packed) == data == decompress_stream(bytearray(packed))


def test_repetitive_input_compresses():
    data = b"Attribute VB_Name = \"x\"\r\n" * 400
    assert len(compress(data)) < len(data) // 8


def test_bad_containers_are_refused():
    with pytest.raises(OvbaError):
        decompress(b"\x00abc")
    with pytest.raises(OvbaError):
        decompress(b"\x01\x19\x00")


def test_compound_file_read_by_olefile():
    rng = random.Random(7)
    streams = {"PROJECT": b"ID=\"{1}\"\r\n", "PROJECTwm": b"\x00\x00", "VBA/_VBA_PROJECT": b"\xcc\x61\xff\xff\x00\x00\x00",
               "VBA/dir": rng.randbytes(1500), "VBA/Big": rng.randbytes(70000), "VBA/Empty": b"",
               "VBA/Edge": rng.randbytes(4096)}
    streams.update({f"VBA/Module{i}": rng.randbytes(50 + 97 * i) for i in range(40)})
    ole = olefile.OleFileIO(io.BytesIO(write_cfb(streams)))
    for name, data in streams.items():
        assert ole.openstream(name).read() == data
    assert sorted("/".join(p) for p in ole.listdir()) == sorted(streams)


def test_unused_directory_entries_are_marked_free():
    """MS-CFB 2.6.3: a free entry is zeros except its sibling and child ids, which are NOSTREAM."""
    data = write_cfb({"PROJECT": b"x", "VBA/dir": b"y"})  # root, PROJECT, VBA, dir: 4 of a sector's 4 entries
    data5 = write_cfb({"PROJECT": b"x", "VBA/dir": b"y", "VBA/Module1": b"z"})  # 5 entries: 3 free in sector 2
    for blob, used in ((data, 4), (data5, 5)):
        first_dir = struct.unpack_from("<I", blob, 48)[0]
        chain = _chain(blob, first_dir)
        directory = b"".join(blob[512 * (s + 1): 512 * (s + 2)] for s in chain)
        free = [directory[i:i + 128] for i in range(128 * used, len(directory), 128)]
        assert len(directory) % 512 == 0 and len(free) == (4 - used % 4) % 4
        for entry in free:
            assert entry[66] == 0 and struct.unpack_from("<III", entry, 68) == (0xFFFFFFFF,) * 3
            assert entry[:68] == b"\x00" * 68 and entry[80:] == b"\x00" * 48


def _chain(blob: bytes, start: int) -> list[int]:
    fat_sector = struct.unpack_from("<I", blob, 76)[0]  # first DIFAT entry: one FAT sector is enough here
    fat = struct.unpack_from("<128I", blob, 512 * (fat_sector + 1))
    out = [start]
    while fat[out[-1]] < 0xFFFFFFFA:
        out.append(fat[out[-1]])
    return out
