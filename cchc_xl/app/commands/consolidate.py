"""`cchc-xl consolidate`: unit submissions into the one master workbook."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

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
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", "master", type=click.Path(dir_okay=False), required=True, metavar="MASTER.xlsx",
              help="Tệp tổng hợp (tạo mới hoặc cập nhật).")
@units_option
@period_option
@config_option
@click.option("--accept-warnings/--reject-warnings", default=None,
              help="Nhận hay trả lại bài nộp chỉ có cảnh báo (mặc định theo rules.yaml: nhận).")
@click.option("--withdraw", multiple=True, metavar="ĐƠN_VỊ",
              help="Đơn vị rút toàn bộ nhiệm vụ: nhận bài nộp trống của đơn vị đó (mặc định bài trống bị trả lại). "
                   "Ghi nhiều lần cho nhiều đơn vị.")
@click.option("--wait", type=click.FloatRange(min=0), default=10, show_default=True, metavar="GIÂY",
              help="Chờ tối đa bao lâu khi một lần tổng hợp khác đang ghi cùng tệp.")
@as_of_option
@format_option
def consolidate(inputs: tuple[str, ...], master: str, units: str | None, period: str | None, config: str | None,
                accept_warnings: bool | None, withdraw: tuple[str, ...], wait: float, as_of: dt.datetime | None,
                fmt: str) -> None:
    """Tổng hợp bài nộp của các đơn vị vào một tệp tổng hợp.

    \b
    Mỗi bài nộp được kiểm tra như `cchc-xl check`; bài còn lỗi bị trả lại (bản
    đánh dấu ghi vào thư mục kiem-tra/ cạnh tệp tổng hợp). Nộp lại thì thay các
    dòng cũ của đơn vị đó; chạy lại không nhân đôi dòng. Bản trước được giữ ở
    TEN.bak.xlsx; không có gì thay đổi thì không ghi gì. Bài nộp không có nhiệm vụ
    nào bị trả lại (trừ đơn vị ghi trong --withdraw). Hai lần tổng hợp cùng lúc vào
    một tệp: lần sau chờ lần trước (--wait), không mất dòng nào.
    Mẫu báo cáo tiến độ (cchc-xl template --report) được tổng hợp vào cùng tệp
    tổng hợp: trang "Tiến độ <kỳ>", phần báo cáo của "Tình trạng nộp".
    Mã thoát: 0 tổng hợp xong, 1 có bài bị trả lại, 2 lỗi sử dụng.
    """
    from cchc_xl.app.report import consolidation_json, consolidation_lines
    from cchc_xl.consolidation.model import Verdict
    from cchc_xl.usecases.consolidate import (
        ConsolidationRequest,
        Listener,
        run_consolidation,
    )

    cfg = settings(config, units, [master, *inputs], announce=fmt == "text")
    withdrawn = []
    for name in withdraw:
        unit = cfg.registry.lookup(name)
        if unit is None:
            raise UserError(f"--withdraw: đơn vị \u201c{name}\u201d không có trong danh mục {cfg.units_path}.")
        withdrawn.append(unit.name)
    request = ConsolidationRequest(inputs, Path(master), cfg, parse_period(period), accept_warnings,
                                   frozenset(withdrawn), wait, as_of.date() if as_of else None)
    shown = fmt == "text" and sys.stderr.isatty()   # stages on a terminal only: never in a log or a pipe
    run = run_consolidation(request, Listener(progress() if fmt == "text" else None,
                                              lambda message: click.echo(message, err=True),
                                              (lambda m: click.echo(m, err=True)) if shown else (lambda _: None)))
    if fmt == "json":
        click.echo(consolidation_json(run, cfg.registry))
    else:
        for line in consolidation_lines(run, cfg.registry):
            click.echo(line)
    sys.exit(1 if any(o.status == Verdict.REJECTED for o in run.outcomes) else 0)
