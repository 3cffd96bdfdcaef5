"""`cchc-xl addin build|install|bundle`: the Excel add-in with the CCHC ribbon tab, and the offline
installer folder that carries it to a clerk's Windows PC."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cchc_xl.app.flags import CONTEXT, UserError


@click.group(context_settings=CONTEXT)
def addin() -> None:
    """Add-in Excel (thẻ CCHC trên ribbon): tạo và cài đặt."""


@addin.command("build", context_settings=CONTEXT)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="cchc_xl.xlam", show_default=True,
              metavar="FILE", help="Tệp add-in cần tạo (.xlam).")
def addin_build(output: str) -> None:
    """Tạo cchc_xl.xlam từ mẫu add-in của xlwings đã cài và macros/."""
    from cchc_xl.excel.build import build_addin

    written = build_addin(output)
    click.echo(f"Đã tạo add-in {written} (Python: {sys.executable}).")


@addin.command("install", context_settings=CONTEXT)
def addin_install() -> None:
    """Tạo add-in và chép vào thư mục khởi động của Excel (Windows, macOS). Đóng Excel trước khi chạy."""
    from cchc_xl.errors import OutputError
    from cchc_xl.excel.build import build_addin, startup_folder
    from cchc_xl.formats.files import describe_os_error

    folder = startup_folder()
    if folder is None:
        written = build_addin("cchc_xl.xlam")
        click.echo(f"Đã tạo {written}. Máy này ({sys.platform}) không có Microsoft Excel nên không cài được: "
                   "chép tệp sang máy Windows/macOS có Excel và Python, rồi chạy "
                   "`cchc-xl addin install` ở đó (add-in cần Python của chính máy đó).")
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(describe_os_error(folder, exc)) from None
    try:
        written = build_addin(folder / "cchc_xl.xlam")
    except OutputError as exc:  # Windows locks the add-in Excel has loaded
        raise OutputError(f"{exc.message} Nếu Excel đang mở: lưu và đóng mọi cửa sổ Excel rồi chạy lại "
                          "cchc-xl addin install.") from None
    click.echo(f"Đã chép add-in vào {written}.")
    if sys.platform == "darwin":
        _install_applescript()
    click.echo("Khởi động lại Excel: thẻ CCHC xuất hiện trên ribbon. Nếu không thấy, xem mục Xử lý sự cố "
               "trong README.")


@addin.command("bundle", context_settings=CONTEXT)
@click.option("--output", "-o", type=click.Path(file_okay=False), required=True, metavar="DIR",
              help="Thư mục bộ cài cần tạo (mới hoặc trống).")
@click.option("--python", "python", default="3.11", show_default=True, metavar="X.Y",
              help="Phiên bản Python trên máy Windows (các gói được tải cho đúng phiên bản này).")
@click.option("--platform", default="win_amd64", show_default=True, metavar="TAG",
              help="Nền tảng của máy đích: win_amd64, hoặc local (chính máy này, để thử bộ cài).")
def addin_bundle(output: str, python: str, platform: str) -> None:
    """Tạo bộ cài không cần Internet cho máy Windows: gói cchc-xl, mọi gói phụ thuộc (kể cả xlwings) cho
    win_amd64, cai-dat.cmd và go-cai-dat.cmd.

    \b
    Ví dụ (trên máy có Internet, rồi chép thư mục sang máy văn phòng):
      cchc-xl addin bundle -o cchc-xl-windows --python 3.11
    Trên máy văn phòng: cài Python 3.11 (64-bit), đóng Excel, bấm đúp cai-dat.cmd.
    """
    import re

    from cchc_xl.excel.bundle import LOCAL, Target, build_bundle

    if platform == LOCAL:
        python = "%d.%d" % sys.version_info[:2]
    elif not re.fullmatch(r"3\.\d{1,2}", python):
        raise UserError(f"--python {python}: ghi phiên bản dạng 3.11.")
    done = build_bundle(output, Target(platform, python), lambda m: click.echo(m, err=True))
    click.echo(f"Đã tạo bộ cài {done.folder}: {len(done.wheels)} gói cho {platform} (Python {python}), "
               f"{', '.join(p.name for p in done.scripts)}.")
    for wheel in done.wheels:
        click.echo(f"  {wheel.name}")
    click.echo("Chép cả thư mục sang máy Windows; ở đó: cài Python "
               f"{python} (64-bit), đóng Excel, bấm đúp cai-dat.cmd (xem {done.folder.name}/DOC-TRUOC.txt).")


def _install_applescript() -> None:
    """macOS: xlwings' RunPython needs its AppleScript in Excel's script folder."""
    import shutil

    import xlwings

    source = Path(xlwings.__file__).parent / f"xlwings-{xlwings.__version__}.applescript"
    target = Path.home() / "Library" / "Application Scripts" / "com.microsoft.Excel"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    click.echo(f"Đã chép {source.name} vào {target} (cho phép Excel chạy Python).")
