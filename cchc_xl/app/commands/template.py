"""`cchc-xl template`: the standard workbook a unit fills in, or its progress report form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cchc_xl.app.flags import (
    CONTEXT,
    UserError,
    config_option,
    parse_period,
    period_option,
    settings,
    units_option,
)


@click.command(context_settings=CONTEXT)
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="FILE",
              help="Tệp mẫu cần tạo (.xlsx).")
@period_option
@units_option
@config_option
@click.option("--unit", metavar="NAME", help="Điền sẵn Đơn vị gửi (mẫu báo cáo: đơn vị báo cáo).")
@click.option("--report", metavar="KỲ", type=click.Choice(["quy1", "6thang", "quy3", "nam"]),
              help="Tạo mẫu báo cáo tiến độ của kỳ này (quy1, 6thang, quy3, nam) thay cho phụ lục.")
@click.option("--master", "source", type=click.Path(dir_okay=False), metavar="FILE",
              help="Lấy nhiệm vụ từ tệp tổng hợp này: phụ lục của --unit (kèm mã nhiệm vụ, để sửa và nộp lại) hoặc "
                   "mẫu báo cáo (--report; hoặc từ phụ lục đã đạt của chính đơn vị).")
@click.option("--all-units", is_flag=True, help="Mẫu báo cáo: một tệp cho mỗi đơn vị có chủ trì nhiệm vụ (cần -d).")
@click.option("--dir", "-d", "folder", type=click.Path(file_okay=False), metavar="DIR",
              help="Thư mục ghi các mẫu báo cáo (với --all-units).")
@click.option("--year", type=int, metavar="NĂM", help="Năm báo cáo (kế hoạch nhiều năm; mặc định năm nay).")
def template(output: str | None, period: str | None, units: str | None, config: str | None, unit: str | None,
             report: str | None, source: str | None, all_units: bool, folder: str | None, year: int | None) -> None:
    """Tạo workbook mẫu chuẩn để các đơn vị điền, hoặc mẫu báo cáo tiến độ (--report).

    \b
    Ví dụ:
      cchc-xl template -o phu-luc-2020.xlsx --period 2020 --unit "Phòng Pháp chế"
      cchc-xl template --master tong-hop.xlsx --unit "Phòng Pháp chế" -o phu-luc-sua.xlsx
      cchc-xl template --report quy1 --master tong-hop.xlsx --unit "Phòng Pháp chế" -o bc-quy1.xlsx
      cchc-xl template --report quy1 --master tong-hop.xlsx --all-units -d mau-bao-cao/
    """
    cfg = settings(config, units, [source, output, folder], announce=True)
    if report:
        return _report_forms(cfg, report, source, unit, all_units, output, folder, period, year)
    from cchc_xl.core.periods import Period
    from cchc_xl.formats.files import fresh_output
    from cchc_xl.formats.xlsx.template import write_template
    from cchc_xl.usecases.report_forms import unit_appendix

    if not output:
        raise UserError("cần -o TỆP.xlsx.")
    chosen = parse_period(period) or Period.parse(str(dt.date.today().year))
    found = cfg.registry.lookup(unit) if unit else None
    if unit and found is None:
        raise UserError(f"đơn vị \u201c{unit}\u201d không có trong danh mục {cfg.units_path}.")
    if Path(output).suffix.lower() != ".xlsx":
        raise UserError("tệp mẫu phải có đuôi .xlsx.")
    tasks, filled = None, ""
    if source:   # the unit's appendix as the master holds it, with each task's id: to correct and send again
        if found is None:
            raise UserError("mẫu lập từ tệp tổng hợp cần --unit \"TÊN ĐƠN VỊ\" (đơn vị gửi các nhiệm vụ đó).")
        fresh_output(output, source)
        chosen, tasks = unit_appendix(Path(source), found.name)
        filled = f", {len(tasks)} nhiệm vụ của đơn vị từ {Path(source).name}"
    written = write_template(fresh_output(output), cfg, chosen, found.name if found else None, tasks)
    click.echo(f"Đã tạo mẫu {written} (kỳ {chosen}{filled}).")


def _report_forms(cfg, code: str, source: str | None, unit: str | None, all_units: bool, output: str | None,
                  folder: str | None, period: str | None, year: int | None) -> None:
    from cchc_xl.usecases.report_forms import FormsRequest, make_forms

    if not source:
        raise UserError("mẫu báo cáo cần --master TỆP (tệp tổng hợp, hoặc phụ lục đã đạt của đơn vị).")
    if all_units == bool(unit):
        raise UserError("ghi --unit \"TÊN ĐƠN VỊ\" (với -o) hoặc --all-units (với -d).")
    if unit and (not output or Path(output).suffix.lower() != ".xlsx"):
        raise UserError("cần -o TỆP.xlsx.")
    if all_units and not folder:
        raise UserError("--all-units cần -d THƯ_MỤC.")
    request = FormsRequest(cfg, code, Path(source), unit, Path(output) if unit and output else None,
                           Path(folder) if all_units and folder else None, parse_period(period), year)
    for form in make_forms(request):
        click.echo(f"Đã tạo mẫu báo cáo {form.title} của {form.unit}: {form.path} ({form.led} nhiệm vụ chủ trì, "
                   f"{form.coordinated} phối hợp).")
