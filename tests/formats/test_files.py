"""formats/files.py: atomic writes, output names that never replace an input or a master, folder expansion.

Real files in a temporary folder; failures are real ones (a missing folder, a read-only file, a writer that
raises, a name too long for the system), never a patched ``os``.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import openpyxl
import pytest

from cchc_xl.errors import OutputError
from cchc_xl.formats.files import (
    atomic_write,
    derived_path,
    describe_os_error,
    expand_inputs,
    fresh_output,
    io_error,
    is_master,
    office_lock,
    read_only,
    same_kind,
    save_workbook,
    stale_temporaries,
)
from cchc_xl.table.sheets import MASTER_META


def write_text(text: str):
    def write(tmp: str) -> None:
        Path(tmp).write_text(text, encoding="utf-8")
    return write


def workbook(path: Path, *sheets: str) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = sheets[0] if sheets else "Phụ lục"
    for name in sheets[1:]:
        wb.create_sheet(name)
    wb.save(path)
    return path


# --------------------------------------------------------------------------- what a failed write says
@pytest.mark.parametrize("code, words", [
    (errno.EACCES, "không có quyền ghi"), (errno.EROFS, "không có quyền ghi"), (errno.ENOSPC, "ổ đĩa đã đầy"),
    (errno.EFBIG, "ổ đĩa đã đầy"), (errno.ENAMETOOLONG, "quá dài"), (errno.ENOENT, "không tồn tại"),
    (errno.EIO, "không ghi được tệp"),
])
def test_each_failure_is_told_in_vietnamese_naming_the_path(code, words):
    message = describe_os_error(Path("/o-chung/tong-hop.xlsx"), OSError(code, os.strerror(code)))
    assert message.startswith("/o-chung/tong-hop.xlsx: ") and words in message


def test_lxml_reports_a_full_disk_as_a_serialisation_error_and_it_is_one():
    from lxml import etree

    found = io_error(etree.SerialisationError("IO_EFBIG"))
    assert isinstance(found, OSError) and found.errno == errno.EFBIG
    assert io_error(etree.SerialisationError("something else")) is None
    assert io_error(ValueError("IO_EFBIG")) is None
    plain = PermissionError(errno.EACCES, "denied")
    assert io_error(plain) is plain


# --------------------------------------------------------------------------- atomic_write
def test_a_write_lands_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "ket-qua.xlsx"
    assert atomic_write(target, write_text("mới")) == target
    assert target.read_text(encoding="utf-8") == "mới"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ket-qua.xlsx"]
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode & 0o644 == 0o644, oct(mode)   # an ordinary file, not mkstemp's private one


def test_a_writer_that_fails_leaves_the_old_file_and_no_leftovers(tmp_path):
    target = tmp_path / "tong-hop.xlsx"
    target.write_text("bản cũ", encoding="utf-8")

    def broken(tmp: str) -> None:
        Path(tmp).write_text("nửa chừng", encoding="utf-8")
        Path(tmp + ".rows").write_text("dòng", encoding="utf-8")
        raise RuntimeError("hỏng giữa chừng")

    with pytest.raises(RuntimeError):
        atomic_write(target, broken)
    assert target.read_text(encoding="utf-8") == "bản cũ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tong-hop.xlsx"]


def test_an_os_failure_while_writing_becomes_an_output_error_naming_the_target(tmp_path):
    def full(tmp: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError) as caught:
        atomic_write(tmp_path / "a.xlsx", full)
    assert str(tmp_path / "a.xlsx") in caught.value.message and "ổ đĩa đã đầy" in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_or_a_folder_as_target_is_refused(tmp_path):
    with pytest.raises(OutputError, match="không tồn tại"):
        atomic_write(tmp_path / "khong-co" / "a.xlsx", write_text("x"))
    (tmp_path / "thu-muc").mkdir()
    with pytest.raises(OutputError, match="là một thư mục"):
        atomic_write(tmp_path / "thu-muc", write_text("x"))


def test_a_read_only_file_is_never_replaced_even_by_root(tmp_path):
    target = tmp_path / "khoa.xlsx"
    target.write_text("giữ nguyên", encoding="utf-8")
    target.chmod(0o444)
    assert read_only(target)
    with pytest.raises(OutputError, match="chỉ đọc"):
        atomic_write(target, write_text("đè"))
    assert target.read_text(encoding="utf-8") == "giữ nguyên" and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert not read_only(tmp_path / "chua-co.xlsx")


def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "o-chung" / "tong-hop.xlsx"
    real.parent.mkdir()
    real.write_text("cũ", encoding="utf-8")
    link = tmp_path / "tong-hop.xlsx"
    link.symlink_to(real)
    atomic_write(link, write_text("mới"))
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "mới"


def test_save_workbook_saves_an_openpyxl_workbook_that_reads_back(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Văn phòng Sở"
    path = save_workbook(wb, tmp_path / "so.xlsx")
    assert openpyxl.load_workbook(path).active["A1"].value == "Văn phòng Sở"


# --------------------------------------------------------------------------- output names
def test_derived_path_is_beside_the_source_and_never_the_source(tmp_path):
    source = workbook(tmp_path / "phong-1.xlsx")
    assert derived_path(source, "kiemtra") == tmp_path / "phong-1.kiemtra.xlsx"
    assert derived_path(source, "sua", tmp_path / "khac.xlsx") == tmp_path / "khac.xlsx"
    with pytest.raises(OutputError, match="trùng tệp gốc"):
        derived_path(source, "sua", tmp_path / "." / "phong-1.xlsx")


def test_an_output_never_replaces_an_input_under_another_name(tmp_path):
    source = workbook(tmp_path / "nop.xlsx")
    (tmp_path / "ten-khac.xlsx").symlink_to(source)
    os.link(source, tmp_path / "lien-ket-cung.xlsx")
    for other in ("ten-khac.xlsx", "lien-ket-cung.xlsx"):
        with pytest.raises(OutputError, match="trùng tệp đầu vào nop.xlsx"):
            fresh_output(tmp_path / other, source)
    assert fresh_output(tmp_path / "moi.xlsx", source) == tmp_path / "moi.xlsx"


def test_a_master_is_recognised_by_its_hidden_sheet_and_never_an_output(tmp_path):
    master = workbook(tmp_path / "tong-hop.xlsx", "Tổng hợp", MASTER_META)
    plain = workbook(tmp_path / "phu-luc.xlsx", "Tổng hợp")
    garbage = tmp_path / "hong.xlsx"
    garbage.write_bytes(b"PK not really a zip")
    assert is_master(master)
    assert not is_master(plain) and not is_master(garbage) and not is_master(tmp_path / "khong-co.xlsx")
    assert not is_master(tmp_path / ("t" * 300 + ".xlsx"))   # a name the system refuses: no master of ours
    with pytest.raises(OutputError, match="tệp tổng hợp của cchc-xl"):
        fresh_output(master)
    assert fresh_output(plain) == plain


def test_a_copy_keeps_its_kind_of_workbook(tmp_path):
    assert same_kind(Path("a.xlsm"), tmp_path / "b.xlsm") == tmp_path / "b.xlsm"
    with pytest.raises(OutputError, match="có macro"):
        same_kind(Path("a.xlsm"), tmp_path / "b.xlsx")
    with pytest.raises(OutputError, match="không có macro"):
        same_kind(Path("a.xlsx"), tmp_path / "b.xlsm")


# --------------------------------------------------------------------------- beside a file
def test_office_lock_finds_excels_and_libreoffices_lock_files(tmp_path):
    path = tmp_path / "tong-hop.xlsx"
    assert office_lock(path) is None
    (tmp_path / ".~lock.tong-hop.xlsx#").write_text("x", encoding="utf-8")
    assert office_lock(path) == tmp_path / ".~lock.tong-hop.xlsx#"
    (tmp_path / "~$tong-hop.xlsx").write_bytes(b"x")
    assert office_lock(path) == tmp_path / "~$tong-hop.xlsx"


def test_stale_temporaries_are_ours_for_that_file_only(tmp_path):
    path = tmp_path / "tong-hop.xlsx"
    ours = [tmp_path / ".~tong-hop.k3j2h1.xlsx", tmp_path / ".~tong-hop.a1b2c3.xlsx.rows"]
    others = [tmp_path / ".~tong-hop-cu.x1.xlsx", tmp_path / ".~tong-hop.k3j2h1.docx", tmp_path / "tong-hop.xlsx"]
    for p in ours + others:
        p.write_bytes(b"x")
    assert stale_temporaries(path) == sorted(ours)


# --------------------------------------------------------------------------- folders
def test_a_folder_expands_to_its_spreadsheets_skipping_locks_and_our_outputs(tmp_path):
    root = tmp_path / "nop"
    (root / "quy-1").mkdir(parents=True)
    (root / "kiem-tra").mkdir()
    for name in ("b.xlsx", "a.xlsm", "cu.xls", "calc.ods", "quy-1/c.xlsx", "ghi-chu.txt", "~$b.xlsx", ".~lock.b.xlsx#",
                 ".~b.x1.xlsx", "b.kiemtra.xlsx", "b.sua.xlsx", "tong-hop.bak.xlsx", "kiem-tra/b.kiemtra.xlsx",
                 "kiem-tra/d.xlsx"):
        (root / name).write_bytes(b"x")
    found = [p.relative_to(root).as_posix() for p in expand_inputs([root])]
    assert found == ["a.xlsm", "b.xlsx", "calc.ods", "cu.xls", "quy-1/c.xlsx"]


def test_a_file_named_on_the_command_line_is_taken_as_given(tmp_path):
    named = tmp_path / "b.kiemtra.xlsx"
    assert expand_inputs([named, str(tmp_path / "khong-co.xlsx")]) == [named, tmp_path / "khong-co.xlsx"]


def test_linked_folders_are_read_once_and_a_loop_ends(tmp_path):
    root = tmp_path / "nop"
    outside = tmp_path / "ben-ngoai"
    root.mkdir()
    outside.mkdir()
    (root / "a.xlsx").write_bytes(b"x")
    (outside / "b.xlsx").write_bytes(b"x")
    (root / "phong-khac").symlink_to(outside, target_is_directory=True)
    (root / "vong-lap").symlink_to(root, target_is_directory=True)
    found = [p.relative_to(root).as_posix() for p in expand_inputs([root])]
    assert found == ["a.xlsx", "phong-khac/b.xlsx"]
