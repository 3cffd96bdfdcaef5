"""`cchc-xl rules`: every rule with its column, the severity in force and its parameters.

What an office needs to know before editing rules.yaml: the codes it may name, what each
checks, and what a key would change.
"""

from __future__ import annotations

import click

from cchc_xl.app.flags import CONTEXT, config_option, format_option, settings


@click.command(context_settings=CONTEXT)
@config_option
@format_option
def rules(config: str | None, fmt: str) -> None:
    """Liệt kê các quy tắc kiểm tra: mã, cột, mức độ đang dùng, tên, tham số.

    Với --config: mức độ và tham số sau khi áp dụng tệp đó (các khóa sai bị báo lỗi).
    """
    from cchc_xl.app.report import rules_json, rules_lines

    cfg = settings(config, announce=fmt == "text")
    if fmt == "json":
        click.echo(rules_json(cfg))
    else:
        for line in rules_lines(cfg):
            click.echo(line)
