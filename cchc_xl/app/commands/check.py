"""`cchc-xl check` and `cchc-xl fix`: the checker on files and folders, and its safe fixes."""

from __future__ import annotations

import sys
from typing import Any

import click

from cchc_xl.app.flags import (
    CONTEXT,
    as_of_option,
    config_option,
    format_option,
    parse_period,
    period_option,
    progress,
    settings,
    units_option,
)


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@period_option
@units_option
@config_option
@format_option
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Ngôn ngữ thông báo.")
@click.option("--annotate", is_flag=True,
              help="Ghi bản sao TEN.kiemtra.xlsx có tô màu và ghi chú tại từng ô lỗi.")
@click.option("--output", "-o", type=click.Path(), metavar="FILE",
              help="Tên tệp đánh dấu (chỉ khi kiểm tra một tệp với --annotate).")
@as_of_option
def check(paths: tuple[str, ...], period: str | None, units: str | None, config: str | None, fmt: str, lang: str,
          annotate: bool, output: str | None, as_of: Any) -> None:
    """Kiểm tra các tệp hoặc thư mục phụ lục (và mẫu báo cáo tiến độ).

    Mã thoát: 0 không có lỗi, 1 có lỗi, 2 có tệp không đọc được hoặc dùng sai lệnh.
    """
    from cchc_xl.app.report import exit_code, text_lines, to_json
    from cchc_xl.usecases.check import CheckRequest, check_files

    cfg = settings(config, units, paths, announce=fmt == "text")
    request = CheckRequest(paths, cfg, parse_period(period), lang, annotate, output, as_of.date() if as_of else None)
    checked = check_files(request, progress() if fmt == "text" else None)
    for written in checked.marked:
        click.echo(f"Đã ghi bản đánh dấu: {written}", err=True)
    if fmt == "json":
        click.echo(to_json(checked.results))
    else:
        for line in text_lines(checked.results, lang):
            click.echo(line)
    sys.exit(exit_code(checked.results))


@click.command(context_settings=CONTEXT)
@click.argument("path", type=click.Path())
@period_option
@units_option
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="FILE",
              help="Tệp kết quả (mặc định TEN.sua.xlsx cạnh tệp gốc).")
def fix(path: str, period: str | None, units: str | None, output: str | None) -> None:
    """Sửa tự động những lỗi an toàn, ghi ra bản sao TEN.sua.xlsx.

    \b
    Sửa: kinh phí ghi chữ có đúng một số tiền -> số (chữ gốc chuyển sang Ghi chú);
    tên đơn vị viết tắt/khác -> tên chuẩn trong danh mục; chữ Unicode -> dạng NFC.
    Không đụng đến ô nào khác. Tệp gốc giữ nguyên.
    """
    from cchc_xl.usecases.check import fix_file

    cfg = settings(None, units, [path, output], announce=True)
    written, done = fix_file(path, cfg, parse_period(period), output)
    for edit in done:
        click.echo(f"{edit.sheet}!{edit.cell}: {_show(edit.old)} -> {_show(edit.new)} ({edit.reason})")
    click.echo(f"Đã ghi {written}: {len(done)} ô được sửa." if done else f"Đã ghi {written}: không có gì cần sửa.")


def _show(value: Any) -> str:
    text = " ".join(str(value).split())
    return f"\u201c{text[:70]}\u201d" if isinstance(value, str) else text
