"""`cchc-xl config init|show`: the office's own configuration folder, cau-hinh-cchc/.

Every command and every ribbon button looks for ``cau-hinh-cchc/`` beside the files
it works on and in each parent folder (``settings.find_office_files``). ``init``
writes one an office can edit, from the shipped samples, never over a file that is
already there; ``show`` says which files are in force for a folder, and loads them
so that a mistake in them is found now rather than at the next consolidation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cchc_xl.app.flags import CONTEXT

LEVEL_SAMPLES = {"so": "units.yaml", "tinh": "examples/ubnd-tinh.yaml", "xa": "examples/ubnd-xa.yaml"}
LEVEL_NAMES = {"so": "một Sở", "tinh": "UBND tỉnh/thành phố", "xa": "UBND xã/phường"}


@click.group(context_settings=CONTEXT)
def config() -> None:
    """Thư mục cấu hình của văn phòng (cau-hinh-cchc): tạo và xem.

    \b
    cchc-xl tìm thư mục cau-hinh-cchc chứa units.yaml, areas.yaml, rules.yaml cạnh
    tệp đang làm (bài nộp, thư mục bài nộp, tệp tổng hợp) và ở từng thư mục cha, rồi
    thư mục cấu hình của người dùng (Windows: %APPDATA%\\cchc-xl), rồi mẫu có sẵn.
    --units và --config ghi trong lệnh vẫn được ưu tiên.
    """


@config.command("init", context_settings=CONTEXT)
@click.option("--dir", "-d", "folder", type=click.Path(file_okay=False), default=".", show_default=True,
              metavar="DIR", help="Thư mục của văn phòng: tạo DIR/cau-hinh-cchc.")
@click.option("--level", type=click.Choice(list(LEVEL_SAMPLES)), default="so", show_default=True,
              help="Danh mục đơn vị mẫu: so (một Sở), tinh (UBND tỉnh), xa (UBND xã/phường).")
@click.option("--user", "for_user", is_flag=True,
              help="Ghi vào thư mục cấu hình của người dùng (dùng cho mọi tệp trên máy này) thay cho DIR.")
def config_init(folder: str, level: str, for_user: bool) -> None:
    """Tạo thư mục cau-hinh-cchc (units.yaml, areas.yaml, rules.yaml) để văn phòng sửa.

    \b
    Tệp đã có được giữ nguyên (không ghi đè). Ví dụ:
      cchc-xl config init -d "D:\\CCHC" --level xa
    rồi sửa D:\\CCHC\\cau-hinh-cchc\\units.yaml: tên xã và các phòng, đơn vị của mình.
    """
    from cchc_xl.errors import OutputError
    from cchc_xl.formats.config_files import (
        OFFICE_DIR,
        OFFICE_FILES,
        data_dir,
        user_config_dir,
    )
    from cchc_xl.formats.files import describe_os_error

    target = user_config_dir() if for_user else Path(folder) / OFFICE_DIR
    if not for_user:
        _not_in_a_venv(target)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: đã có một tệp (không phải thư mục) mang tên này, nên không tạo được thư mục cấu "
                          "hình ở đây. Đổi tên hoặc xóa tệp đó (hoặc chọn thư mục khác bằng -d) rồi chạy lại.")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(describe_os_error(target, exc)) from None
    samples = data_dir("validation")
    sources = {"units": samples / LEVEL_SAMPLES[level], "areas": samples / "areas.yaml",
               "rules": samples / "rules.yaml"}
    for kind, name in OFFICE_FILES.items():
        path = target / name
        if path.exists():
            click.echo(f"Giữ nguyên {path} (đã có).")
            continue
        _write(path, _header(kind, level, target, for_user) + sources[kind].read_text(encoding="utf-8"))
        click.echo(f"Đã ghi {path}.")
    scope = "mọi tệp trên máy này (khi không có cau-hinh-cchc gần tệp hơn)" if for_user else \
        f"mọi tệp trong {target.parent.absolute()} và các thư mục con"
    click.echo(f"Từ nay cchc-xl và các nút trên thẻ CCHC dùng {target} cho {scope}. "
               "Sửa units.yaml cho đúng cơ quan mình, rồi xem lại bằng: cchc-xl config show")


@config.command("show", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path())
def config_show(paths: tuple[str, ...]) -> None:
    """Cho biết tệp cấu hình nào đang dùng cho PATH (mặc định: thư mục hiện tại) và đọc thử.

    Lỗi trong các tệp (sai cú pháp, khóa lạ) được báo ngay, với tên tệp và khóa.
    """
    from cchc_xl.core.units import UNIT
    from cchc_xl.errors import CchcError
    from cchc_xl.formats.config_files import office_config, source_label

    anchors = list(paths) or [str(Path.cwd())]
    missing = [a for a in anchors if not Path(a).exists()]
    if missing:  # a mistyped path would otherwise show the settings of the nearest folder that exists, silently
        raise CchcError(f"{missing[0]}: không có tệp hay thư mục này. config show cho biết cấu hình đang dùng cho một "
                        "tệp hay thư mục có trên máy: kiểm tra lại đường dẫn (đặt trong nháy kép nếu có dấu cách).")
    cfg = office_config(anchors)
    registry = cfg.registry
    click.echo(f"Cấu hình cho: {', '.join(str(Path(a).absolute()) for a in anchors)}")
    for kind, label in (("units", "Danh mục đơn vị"), ("areas", "Danh mục lĩnh vực"), ("rules", "Quy tắc")):
        click.echo(f"{label}: {source_label(cfg, kind)}")
    click.echo(f"Cơ quan: {registry.department or '(chưa ghi department)'} — cấp {registry.level.name}; "
               f"{len(registry.by_kind(UNIT))} đơn vị, phòng, ban.")


def _not_in_a_venv(target: Path) -> None:
    """The office's folder never goes inside a Python environment: the clerk who runs cchc-xl.exe from
    C:\\cchc-xl\\venv\\Scripts would write it there by default (-d .), and go-cai-dat.cmd deletes the venv with the
    office's registry in it."""
    from cchc_xl.errors import OutputError

    def is_venv(folder: Path) -> bool:
        try:
            return (folder / "pyvenv.cfg").is_file()
        except OSError:  # a parent this user may not read: not a venv of ours
            return False

    folder = target.parent.resolve()
    venv = next((p for p in (folder, *folder.parents) if is_venv(p)), None)
    if venv is not None:
        raise OutputError(f"{folder}: nằm trong môi trường Python của cchc-xl ({venv}), bị xóa khi gỡ cchc-xl "
                          "(go-cai-dat.cmd). Ghi rõ thư mục của văn phòng, nơi để các tệp Excel, ví dụ: "
                          "cchc-xl config init -d \"D:\\CCHC\" --level xa")


def _header(kind: str, level: str, target: Path, for_user: bool) -> str:
    """What the copied file says first: whose it is now, and that cchc-xl finds it without --units."""
    sample = f"mẫu {LEVEL_NAMES[level]}" if kind == "units" else "mẫu của cchc-xl"
    where = "thư mục cấu hình của người dùng" if for_user else f"thư mục {target.name} của văn phòng"
    return (f"# Tệp của văn phòng ({where}), chép từ {sample} ngày {dt.date.today():%d/%m/%Y}: sửa tự do.\n"
            "# cchc-xl tự tìm thư mục này (không cần --units/--config); xem tệp nào đang dùng: cchc-xl config show\n"
            "#\n")


def _write(path: Path, text: str) -> None:
    from cchc_xl.formats.files import atomic_write

    def write(tmp: str) -> None:
        Path(tmp).write_text(text, encoding="utf-8", newline="\n")

    atomic_write(path, write)
