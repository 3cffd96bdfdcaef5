"""What the commands share: the error a user can act on, common options, loading settings and periods."""

from __future__ import annotations

import sys
from typing import Any, Callable, Iterable, Iterator

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UserError(click.ClickException):
    """Misuse of a command, or a ``CchcError``: "Lỗi: …" on stderr and exit code 2."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message

    def show(self, file: Any = None) -> None:
        click.echo(f"Lỗi: {self.format_message()}", err=True)


period_option = click.option("--period", "-p", metavar="P",
                             help="Kỳ kế hoạch: 2020, 2021-2025 hoặc 2021+ (mặc định: đọc từ tệp).")
units_option = click.option("--units", "-u", type=click.Path(dir_okay=False), metavar="YAML",
                            help="Danh mục đơn vị (mặc định: units.yaml trong thư mục cau-hinh-cchc cạnh tệp hoặc ở "
                                 "thư mục cha, rồi thư mục cấu hình của người dùng, rồi mẫu validation/units.yaml).")
config_option = click.option("--config", "-c", type=click.Path(dir_okay=False), metavar="YAML",
                             help="Ghi đè quy tắc (mức độ, tham số) và thiết lập, sau validation/rules.yaml và "
                                  "rules.yaml của thư mục cau-hinh-cchc.")
as_of_option = click.option("--as-of", "as_of", type=click.DateTime(formats=["%d/%m/%Y", "%Y-%m-%d"]),
                            metavar="NGÀY", help="Báo cáo tiến độ: ngày xét quá hạn (dd/mm/yyyy; mặc định: ngày cuối "
                                                 "kỳ báo cáo).")
format_option = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                             show_default=True, help="Định dạng kết quả.")


def settings(config: str | None = None, units: str | None = None, anchors: Iterable[Any] = (),
             announce: bool = False) -> Any:
    """The settings in force for work on ``anchors`` (the input files or folders, the master, the output):
    the office's ``cau-hinh-cchc/`` found from them as the ribbon finds it, ``--units``/``--config`` on top.
    No anchor (`cchc-xl rules`): the current folder. ``announce`` (text output): say which unit registry
    was used and where it was found, on stderr after the command's own output, so that what stdout says (and
    JSON) stays as it was; when `check` gave its files different settings (each file gets the office folder
    found from itself), each set with its files. A ConfigError reaches the group's one handler."""
    from pathlib import Path

    from cchc_xl.formats.config_files import office_config

    cfg = office_config([a for a in anchors if a] or [Path.cwd()], config, units)
    if announce:
        ctx = click.get_current_context(silent=True)
        if ctx is None:
            _say(cfg)
        else:
            ctx.call_on_close(lambda: _say(cfg))  # after the command: by then a check knows which files got what
    return cfg


def _say(cfg: Any) -> None:
    for line in used_lines(cfg):
        click.echo(line, err=True)


def used_lines(cfg: Any) -> list[str]:
    """The settings the command used: ``source_lines``; when the files of a check were checked with different
    settings (``spread``), each set numbered, followed by its files."""
    from cchc_xl.formats.config_files import source_lines

    spread = getattr(cfg, "spread", [])
    if len(spread) < 2:
        return spread[0][0] if spread else source_lines(cfg)
    lines = [f"Các tệp được kiểm tra với {len(spread)} cấu hình khác nhau (mỗi tệp với thư mục cau-hinh-cchc gần "
             "nó nhất):"]
    for n, (said, files) in enumerate(spread, 1):
        lines += [f"[{n}] {said[0]}", *(f"    {line}" for line in said[1:]), *(f"    - {f}" for f in files)]
    return lines


def parse_period(text: str | None) -> Any:
    """The --period option as a Period, or None."""
    if not text:
        return None
    from cchc_xl.core.periods import Period

    return Period.parse(text)


def progress(label: str = "Đang kiểm tra") -> Callable[[Iterable[Any], int], Iterator[Any]]:
    """A progress bar on stderr when it is a terminal and there are more than a few files; silent otherwise."""
    def bar(items: Iterable[Any], length: int) -> Iterator[Any]:
        if length <= 5 or not sys.stderr.isatty():
            yield from items
            return
        with click.progressbar(items, length=length, label=label, file=sys.stderr) as shown:
            yield from shown
    return bar
