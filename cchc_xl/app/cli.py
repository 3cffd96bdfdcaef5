"""The `cchc-xl` command line: the group, and the one place errors become messages.

Imports are deferred into each command: `cchc-xl --help` and `cchc-xl template`
must not pay for pandas and pandera. Every error a user can act on is a
``CchcError`` and ends here, once, as "Lỗi: …" with exit code 2; anything else is a
bug of ours: a Vietnamese message with exit code 2, its traceback in a log file for
the administrator, never on screen.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from cchc_xl import __version__
from cchc_xl.app.commands.addin import addin
from cchc_xl.app.commands.check import check, fix
from cchc_xl.app.commands.config import config
from cchc_xl.app.commands.consolidate import consolidate
from cchc_xl.app.commands.import_plan import import_plan
from cchc_xl.app.commands.report import report
from cchc_xl.app.commands.rules import rules
from cchc_xl.app.commands.template import template
from cchc_xl.app.flags import CONTEXT, UserError
from cchc_xl.errors import CchcError, log_traceback, unexpected


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CchcError as exc:
            raise UserError(exc.message) from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # `cchc-xl check … | head`: the reader left, nothing more to say
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as exc:
            raise UserError(unexpected(exc)) from None


def _unraisable(info: Any) -> None:
    """An error Python cannot raise (openpyxl's half-closed writer after a full disk, collected later):
    logged for the administrator, not printed over the Vietnamese message."""
    import traceback

    log_traceback("".join(traceback.format_exception(info.exc_type, info.exc_value, info.exc_traceback)))


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="cchc-xl")
def main() -> None:
    """Kiểm tra và tổng hợp phụ lục kế hoạch cải cách hành chính (Excel).

    \b
    Ví dụ:
      cchc-xl template -o phu-luc-2020.xlsx --period 2020
      cchc-xl check phu-luc-2020.xlsx
      cchc-xl check thu-muc-bai-nop/ --format json
      cchc-xl consolidate thu-muc-bai-nop/ -o tong-hop-2020.xlsx
      cchc-xl rules
      cchc-xl config init --level xa
    """
    sys.unraisablehook = _unraisable


for command in (check, template, fix, consolidate, report, import_plan, rules, config, addin):
    main.add_command(command)
