"""`cchc-xl import`: a plan's appendix in Word -> the standard workbook, then checked."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cchc_xl.app.flags import (
    CONTEXT,
    config_option,
    parse_period,
    period_option,
    settings,
    units_option,
)


@click.command("import", context_settings=CONTEXT)
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="FILE",
              help="Workbook cần tạo (.xlsx; mặc định: cùng tên với tệp Word).")
@period_option
@units_option
@config_option
@click.option("--unit", metavar="NAME", help="Điền sẵn Đơn vị gửi.")
@click.option("--table", "table_number", type=click.IntRange(min=1), metavar="N",
              help="Lấy bảng thứ N của văn bản (mặc định: bảng có tiêu đề cột nhiệm vụ).")
@click.option("--annotate", is_flag=True, help="Ghi thêm bản đánh dấu lỗi TEN.kiemtra.xlsx.")
def import_plan(source: str, output: str | None, period: str | None, units: str | None, config: str | None,
                unit: str | None, table_number: int | None, annotate: bool) -> None:
    """Nhập bảng phụ lục của kế hoạch từ Word (.docx, .doc) vào mẫu chuẩn, rồi kiểm tra.

    \b
    Ví dụ:
      cchc-xl import ke-hoach-cchc-2020.docx -o phu-luc-2020.xlsx
      cchc-xl import ke-hoach.docx --table 2 --period 2021-2025 --annotate
    Mã thoát như `check`: 0 không có lỗi, 1 phụ lục có lỗi, 2 không nhập được.
    """
    from cchc_xl.app.report import exit_code, text_lines
    from cchc_xl.formats.word.importer import SET_ASIDE
    from cchc_xl.usecases.imports import ImportRequest, import_and_check

    cfg = settings(config, units, [source, output], announce=True)
    request = ImportRequest(Path(source), cfg, Path(output) if output else None, parse_period(period), unit,
                            table_number, annotate)
    finished = import_and_check(request)
    done, result = finished.imported, finished.result
    where = "theo --period" if done.period_from == "option" else "đọc từ tiêu đề văn bản"
    click.echo(f"Đã nhập bảng {done.table} của {source}: {done.tasks} nhiệm vụ, {done.headings} đề mục, kỳ "
               f"{done.period} ({where}) -> {done.path}")
    if done.set_aside:
        click.echo(f"  {done.set_aside} dòng của bảng không phải nhiệm vụ (dòng tổng, ghi chú, số cột…): xem trang "
                   f"“{SET_ASIDE}”.")
    for note in done.notes:
        click.echo(f"Lưu ý: {note}", err=True)
    if finished.marked:
        click.echo(f"Đã ghi bản đánh dấu: {finished.marked}", err=True)
    for line in text_lines([result]):
        click.echo(line)
    sys.exit(exit_code([result]))
