"""`cchc-xl report`: the results appendix of the department's CCHC report, from the master."""

from __future__ import annotations

from pathlib import Path

import click

from cchc_xl.app.flags import CONTEXT, config_option, settings, units_option


@click.command(context_settings=CONTEXT)
@click.argument("master", type=click.Path(dir_okay=False))
@click.option("--report", "code", required=True, type=click.Choice(["quy1", "6thang", "quy3", "nam"]),
              help="Kỳ báo cáo.")
@click.option("--year", type=int, metavar="NĂM", help="Năm báo cáo (mặc định: năm gần nhất đã tổng hợp).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True, metavar="FILE",
              help="Tệp kết quả: .docx (Word) hoặc .xlsx.")
@units_option
@config_option
def report(master: str, code: str, year: int | None, output: str, units: str | None, config: str | None) -> None:
    """Viết phụ lục kết quả thực hiện nhiệm vụ CCHC của một kỳ báo cáo (Word hoặc Excel).

    \b
    Ví dụ:
      cchc-xl report tong-hop.xlsx --report quy1 -o bao-cao-quy1.docx
    """
    from cchc_xl.usecases.results import write_results

    cfg = settings(config, units, [master, output], announce=True)
    written, said = write_results(Path(master), code, year, Path(output), cfg.registry)
    click.echo(f"Đã ghi {written}: {said.totals}")
