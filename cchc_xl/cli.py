"""The `cchc-xl` command line.

Imports are deferred into each command: `cchc-xl --help` and `cchc-xl template`
must not pay for pandas and pandera. Every expected failure (unreadable file,
bad YAML, bad period, file open in Excel) ends with a Vietnamese message and
exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UserError(click.ClickException):
    exit_code = 2

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"Lỗi: {self.format_message()}", err=True)


def _load_config(config: str | None, units: str | None):
    from .config import ConfigError, load_config

    try:
        return load_config(config, units)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def _period(text: str | None):
    if not text:
        return None
    from .periods import Period, PeriodError

    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise UserError(str(exc)) from None


period_option = click.option("--period", "-p", metavar="P",
                             help="Kỳ kế hoạch: 2020, 2021-2025 hoặc 2021+ (mặc định: đọc từ tệp).")
units_option = click.option("--units", "-u", type=click.Path(dir_okay=False), metavar="YAML",
                            help="Danh mục đơn vị (mặc định: validation/units.yaml).")
config_option = click.option("--config", "-c", type=click.Path(dir_okay=False), metavar="YAML",
                             help="Ghi đè quy tắc (mức độ, tham số) của validation/rules.yaml.")


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="cchc-xl")
def main() -> None:
    """Kiểm tra và tổng hợp phụ lục kế hoạch cải cách hành chính (Excel).

    \b
    Ví dụ:
      cchc-xl template -o phu-luc-2020.xlsx --period 2020
      cchc-xl check phu-luc-2020.xlsx
      cchc-xl check thu-muc-bai-nop/ --format json
    """


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@period_option
@units_option
@config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Định dạng kết quả.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Ngôn ngữ thông báo.")
@click.option("--annotate", is_flag=True,
              help="Ghi bản sao TEN.kiemtra.xlsx có tô màu và ghi chú tại từng ô lỗi.")
@click.option("--output", "-o", type=click.Path(), metavar="FILE",
              help="Tên tệp đánh dấu (chỉ khi kiểm tra một tệp với --annotate).")
def check(paths, period, units, config, fmt, lang, annotate, output) -> None:
    """Kiểm tra các tệp hoặc thư mục phụ lục.

    Mã thoát: 0 không có lỗi, 1 có lỗi, 2 có tệp không đọc được hoặc dùng sai lệnh.
    """
    from .checker import check_path
    from .files import expand_inputs
    from .report import exit_code, text_lines, to_json

    cfg = _load_config(config, units)
    override = _period(period)
    files = expand_inputs(paths)
    if not files:
        raise UserError("không có tệp .xlsx/.xlsm nào trong: " + ", ".join(paths))
    if output and (len(files) > 1 or not annotate):
        raise UserError("--output chỉ dùng khi kiểm tra một tệp với --annotate.")
    results = [check_path(str(f), cfg, override, lang) for f in files]
    if annotate:
        _annotate(results, cfg, output, lang)
    if fmt == "json":
        click.echo(to_json(results))
    else:
        for line in text_lines(results, lang):
            click.echo(line)
    sys.exit(exit_code(results))


def _annotate(results, cfg, output, lang) -> None:
    from .annotate import annotate_file
    from .files import OutputError

    for result in results:
        if result.error:
            continue
        try:
            written = annotate_file(result, cfg, output, lang)
        except OutputError as exc:
            result.error = str(exc)
            continue
        click.echo(f"Đã ghi bản đánh dấu: {written}", err=True)


@main.command(context_settings=CONTEXT)
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True, metavar="FILE",
              help="Tệp mẫu cần tạo (.xlsx).")
@period_option
@units_option
@click.option("--unit", metavar="NAME", help="Điền sẵn Đơn vị gửi.")
def template(output, period, units, unit) -> None:
    """Tạo workbook mẫu chuẩn để các đơn vị điền."""
    import datetime as dt

    from .files import OutputError
    from .periods import Period
    from .template import write_template

    cfg = _load_config(None, units)
    chosen = _period(period) or Period.parse(str(dt.date.today().year))
    if unit and cfg.registry.lookup(unit) is None:
        raise UserError(f"đơn vị \u201c{unit}\u201d không có trong danh mục {cfg.units_path}.")
    if unit:
        unit = cfg.registry.lookup(unit).name
    if Path(output).suffix.lower() != ".xlsx":
        raise UserError("tệp mẫu phải có đuôi .xlsx.")
    try:
        written = write_template(output, cfg, chosen, unit)
    except OutputError as exc:
        raise UserError(str(exc)) from None
    click.echo(f"Đã tạo mẫu {written} (kỳ {chosen}).")


@main.command(context_settings=CONTEXT)
@click.argument("path", type=click.Path())
@period_option
@units_option
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="FILE",
              help="Tệp kết quả (mặc định TEN.sua.xlsx cạnh tệp gốc).")
def fix(path, period, units, output) -> None:
    """Sửa tự động những lỗi an toàn, ghi ra bản sao TEN.sua.xlsx.

    \b
    Sửa: kinh phí ghi chữ có đúng một số tiền -> số (chữ gốc chuyển sang Ghi chú);
    tên đơn vị viết tắt/khác -> tên chuẩn trong danh mục; chữ Unicode -> dạng NFC.
    Không đụng đến ô nào khác. Tệp gốc giữ nguyên.
    """
    from .checker import check_book
    from .files import OutputError
    from .fixes import plan_fixes
    from .patch import apply_fixes
    from .reader import ReadError, read_book

    cfg = _load_config(None, units)
    try:
        book = read_book(path)
    except ReadError as exc:
        raise UserError(str(exc)) from None
    result = check_book(book, cfg, _period(period))
    edits = plan_fixes(book, result.table, cfg.registry)
    try:
        written, done = apply_fixes(path, edits, output)
    except OutputError as exc:
        raise UserError(str(exc)) from None
    for edit in done:
        click.echo(f"{edit.sheet}!{edit.cell}: {_show(edit.old)} -> {_show(edit.new)} ({edit.reason})")
    click.echo(f"Đã ghi {written}: {len(done)} ô được sửa." if done else f"Đã ghi {written}: không có gì cần sửa.")


def _show(value) -> str:
    text = " ".join(str(value).split())
    return f"\u201c{text[:70]}\u201d" if isinstance(value, str) else text


if __name__ == "__main__":  # pragma: no cover
    main()
