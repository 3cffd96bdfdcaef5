"""`cchc-xl addin build|install`: the Excel add-in with the CCHC ribbon tab."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cchc_xl.app.options import CONTEXT


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
    """Tạo add-in và chép vào thư mục khởi động của Excel (Windows, macOS)."""
    from cchc_xl.excel.build import build_addin, startup_folder
    from cchc_xl.workbook.files import OutputError, describe_os_error

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
    written = build_addin(folder / "cchc_xl.xlam")
    click.echo(f"Đã chép add-in vào {written}.")
    if sys.platform == "darwin":
        _install_applescript()
    click.echo("Khởi động lại Excel: thẻ CCHC xuất hiện trên ribbon. Nếu không thấy, xem mục Xử lý sự cố "
               "trong README.")


def _install_applescript() -> None:
    """macOS: xlwings' RunPython needs its AppleScript in Excel's script folder."""
    import shutil

    import xlwings

    source = Path(xlwings.__file__).parent / f"xlwings-{xlwings.__version__}.applescript"
    target = Path.home() / "Library" / "Application Scripts" / "com.microsoft.Excel"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    click.echo(f"Đã chép {source.name} vào {target} (cho phép Excel chạy Python).")
