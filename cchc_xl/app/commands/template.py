"""`cchc-xl template`: the standard workbook a unit fills in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cchc_xl.app.options import CONTEXT, UserError, parse_period, period_option, settings, units_option


@click.command(context_settings=CONTEXT)
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True, metavar="FILE",
              help="Tệp mẫu cần tạo (.xlsx).")
@period_option
@units_option
@click.option("--unit", metavar="NAME", help="Điền sẵn Đơn vị gửi.")
def template(output: str, period: str | None, units: str | None, unit: str | None) -> None:
    """Tạo workbook mẫu chuẩn để các đơn vị điền."""
    from cchc_xl.core.periods import Period
    from cchc_xl.workbook.template import write_template

    cfg = settings(None, units)
    chosen = parse_period(period) or Period.parse(str(dt.date.today().year))
    found = cfg.registry.lookup(unit) if unit else None
    if unit and found is None:
        raise UserError(f"đơn vị \u201c{unit}\u201d không có trong danh mục {cfg.units_path}.")
    if Path(output).suffix.lower() != ".xlsx":
        raise UserError("tệp mẫu phải có đuôi .xlsx.")
    written = write_template(output, cfg, chosen, found.name if found else None)
    click.echo(f"Đã tạo mẫu {written} (kỳ {chosen}).")
