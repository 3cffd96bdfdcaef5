"""`cchc-xl check` and `cchc-xl fix`: the checker on files and folders, and its safe fixes."""

from __future__ import annotations

import sys
from typing import Any

import click

from cchc_xl.app.flags import (
    CONTEXT,
    UserError,
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
    from cchc_xl.formats.files import expand_inputs
    from cchc_xl.usecases.check import check_file
    from cchc_xl.usecases.pool import map_files

    cfg = settings(config, units, paths, announce=fmt == "text")
    override = parse_period(period)
    files = expand_inputs(paths)
    if not files:
        raise UserError("không có tệp .xlsx/.xlsm nào trong: " + ", ".join(paths))
    if output and (len(files) > 1 or not annotate):
        raise UserError("--output chỉ dùng khi kiểm tra một tệp với --annotate.")
    results = map_files(check_file, [str(f) for f in files], cfg, override, lang, not annotate,
                        as_of.date() if as_of else None, progress=progress() if fmt == "text" else None)
    if annotate:
        _annotate(results, cfg, output, lang)
    if fmt == "json":
        click.echo(to_json(results))
    else:
        for line in text_lines(results, lang):
            click.echo(line)
    sys.exit(exit_code(results))


def _annotate(results: list[Any], cfg: Any, output: str | None, lang: str) -> None:
    from cchc_xl.check.pipeline import OUTPUT_FAILED, failed
    from cchc_xl.errors import OutputError
    from cchc_xl.formats.xlsx.annotate import annotate_file

    for i, result in enumerate(results):
        if result.error:
            continue
        try:
            written = annotate_file(result, cfg, output, lang)
        except OutputError as exc:
            result.error, result.error_code = str(exc), OUTPUT_FAILED
            continue
        except Exception as exc:  # one odd file must not stop the others
            results[i] = failed(result.path, exc)
            continue
        click.echo(f"Đã ghi bản đánh dấu: {written}", err=True)


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
    from cchc_xl.check.fixes import plan_fixes
    from cchc_xl.check.pipeline import check_book
    from cchc_xl.formats.xlsx.patch import apply_fixes
    from cchc_xl.formats.xlsx.reader import read_book

    cfg = settings(None, units, [path, output], announce=True)
    book = read_book(path)
    result = check_book(book, cfg, parse_period(period))
    written, done = apply_fixes(path, plan_fixes(book, result.table, cfg.registry, result.legacy), output)
    for edit in done:
        click.echo(f"{edit.sheet}!{edit.cell}: {_show(edit.old)} -> {_show(edit.new)} ({edit.reason})")
    click.echo(f"Đã ghi {written}: {len(done)} ô được sửa." if done else f"Đã ghi {written}: không có gì cần sửa.")


def _show(value: Any) -> str:
    text = " ".join(str(value).split())
    return f"\u201c{text[:70]}\u201d" if isinstance(value, str) else text
