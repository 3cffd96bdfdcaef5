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

from cchc_xl import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    """The command group: an unexpected error (a bug of ours) ends with a Vietnamese message and
    exit code 2, its traceback written to a log file for the administrator, never on screen."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            log = _log_traceback()
            raise UserError(f"lỗi không mong đợi ({type(exc).__name__}: {exc}). Chi tiết đã ghi vào {log}; hãy gửi "
                            "tệp đó cho người quản trị cchc-xl.") from None


def _log_traceback(text: str | None = None) -> str:
    """Write a traceback to a log file in the temporary folder; its path (for the message)."""
    import tempfile
    import traceback

    try:
        with tempfile.NamedTemporaryFile("w", prefix="cchc-xl-loi-", suffix=".txt", delete=False,
                                         encoding="utf-8") as fh:
            fh.write(" ".join(sys.argv) + "\n\n" + (text or traceback.format_exc()))
            return fh.name
    except OSError:
        return "(không ghi được tệp nhật ký)"


def _unraisable(info) -> None:
    """An error Python cannot raise (openpyxl's half-closed writer after a full disk, collected later):
    logged for the administrator, not printed over the Vietnamese message."""
    import traceback

    _log_traceback("".join(traceback.format_exception(info.exc_type, info.exc_value, info.exc_traceback)))


class UserError(click.ClickException):
    exit_code = 2

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"Lỗi: {self.format_message()}", err=True)


def _load_config(config: str | None, units: str | None):
    from cchc_xl.settings import ConfigError, load_config

    try:
        return load_config(config, units)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def _period(text: str | None):
    if not text:
        return None
    from cchc_xl.core.periods import Period, PeriodError

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


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="cchc-xl")
def main() -> None:
    """Kiểm tra và tổng hợp phụ lục kế hoạch cải cách hành chính (Excel).

    \b
    Ví dụ:
      cchc-xl template -o phu-luc-2020.xlsx --period 2020
      cchc-xl check phu-luc-2020.xlsx
      cchc-xl check thu-muc-bai-nop/ --format json
    """
    sys.unraisablehook = _unraisable


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
    from cchc_xl.workbook.reader import check_file
    from cchc_xl.workbook.files import expand_inputs
    from cchc_xl.workbook.pool import map_files
    from cchc_xl.app.report import exit_code, text_lines, to_json

    cfg = _load_config(config, units)
    override = _period(period)
    files = expand_inputs(paths)
    if not files:
        raise UserError("không có tệp .xlsx/.xlsm nào trong: " + ", ".join(paths))
    if output and (len(files) > 1 or not annotate):
        raise UserError("--output chỉ dùng khi kiểm tra một tệp với --annotate.")
    results = map_files(check_file, [str(f) for f in files], cfg, override, lang, not annotate)
    if annotate:
        _annotate(results, cfg, output, lang)
    if fmt == "json":
        click.echo(to_json(results))
    else:
        for line in text_lines(results, lang):
            click.echo(line)
    sys.exit(exit_code(results))


def _annotate(results, cfg, output, lang) -> None:
    from cchc_xl.workbook.annotate import annotate_file
    from cchc_xl.check.pipeline import failed
    from cchc_xl.workbook.files import OutputError

    for i, result in enumerate(results):
        if result.error:
            continue
        try:
            written = annotate_file(result, cfg, output, lang)
        except OutputError as exc:
            result.error, result.error_code = str(exc), "output-failed"
            continue
        except Exception as exc:  # one odd file must not stop the others
            results[i] = failed(result.path, exc)
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

    from cchc_xl.workbook.files import OutputError
    from cchc_xl.core.periods import Period
    from cchc_xl.workbook.template import write_template

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
    from cchc_xl.check.pipeline import check_book
    from cchc_xl.workbook.files import OutputError
    from cchc_xl.check.fixes import plan_fixes
    from cchc_xl.workbook.patch import apply_fixes
    from cchc_xl.workbook.reader import ReadError, read_book

    cfg = _load_config(None, units)
    try:
        book = read_book(path)
    except ReadError as exc:
        raise UserError(str(exc)) from None
    result = check_book(book, cfg, _period(period))
    edits = plan_fixes(book, result.table, cfg.registry, result.legacy)
    try:
        written, done = apply_fixes(path, edits, output)
    except OutputError as exc:
        raise UserError(str(exc)) from None
    for edit in done:
        click.echo(f"{edit.sheet}!{edit.cell}: {_show(edit.old)} -> {_show(edit.new)} ({edit.reason})")
    click.echo(f"Đã ghi {written}: {len(done)} ô được sửa." if done else f"Đã ghi {written}: không có gì cần sửa.")


@main.command(context_settings=CONTEXT)
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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def consolidate(inputs, master, units, period, config, accept_warnings, withdraw, wait, fmt) -> None:
    """Tổng hợp bài nộp của các đơn vị vào một tệp tổng hợp.

    \b
    Mỗi bài nộp được kiểm tra như `cchc-xl check`; bài còn lỗi bị trả lại (bản
    đánh dấu ghi vào thư mục kiem-tra/ cạnh tệp tổng hợp). Nộp lại thì thay các
    dòng cũ của đơn vị đó; chạy lại không nhân đôi dòng. Bản trước được giữ ở
    TEN.bak.xlsx; không có gì thay đổi thì không ghi gì. Bài nộp không có nhiệm vụ
    nào bị trả lại (trừ đơn vị ghi trong --withdraw). Hai lần tổng hợp cùng lúc vào
    một tệp: lần sau chờ lần trước (--wait), không mất dòng nào.
    Mã thoát: 0 tổng hợp xong, 1 có bài bị trả lại, 2 lỗi sử dụng.
    """
    from cchc_xl.app.report import consolidation_json, consolidation_lines
    from cchc_xl.workbook.submissions import ConsolidationError, run_consolidation

    cfg = _load_config(config, units)
    withdrawn = []
    for name in withdraw:
        unit = cfg.registry.lookup(name)
        if unit is None:
            raise UserError(f"--withdraw: đơn vị \u201c{name}\u201d không có trong danh mục {cfg.units_path}.")
        withdrawn.append(unit.name)
    try:
        run = run_consolidation(inputs, Path(master), cfg, _period(period), accept_warnings, _progress,
                                withdrawn, wait, lambda message: click.echo(message, err=True))
    except ConsolidationError as exc:
        raise UserError(str(exc)) from None
    if fmt == "json":
        click.echo(consolidation_json(run))
    else:
        for line in consolidation_lines(run):
            click.echo(line)
    sys.exit(1 if any(o.status == "rejected" for o in run.outcomes) else 0)


def _progress(items, length: int):
    """A progress bar on a terminal when there are more than a few files."""
    if length <= 5 or not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=length, label="Đang kiểm tra", file=sys.stderr) as bar:
        yield from bar


@main.group(context_settings=CONTEXT)
def addin() -> None:
    """Add-in Excel (thẻ CCHC trên ribbon): tạo và cài đặt."""


@addin.command("build", context_settings=CONTEXT)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="cchc_xl.xlam", show_default=True,
              metavar="FILE", help="Tệp add-in cần tạo (.xlam).")
def addin_build(output) -> None:
    """Tạo cchc_xl.xlam từ mẫu add-in của xlwings đã cài và macros/."""
    from cchc_xl.excel.build import AddinError, build_addin

    try:
        written = build_addin(output)
    except AddinError as exc:
        raise UserError(str(exc)) from None
    click.echo(f"Đã tạo add-in {written} (Python: {sys.executable}).")


@addin.command("install", context_settings=CONTEXT)
def addin_install() -> None:
    """Tạo add-in và chép vào thư mục khởi động của Excel (Windows, macOS)."""

    from cchc_xl.excel.build import AddinError, build_addin, startup_folder

    folder = startup_folder()
    try:
        if folder is None:
            written = build_addin("cchc_xl.xlam")
            click.echo(f"Đã tạo {written}. Máy này ({sys.platform}) không có Microsoft Excel nên không cài được: "
                       "chép tệp sang máy Windows/macOS có Excel và Python, rồi chạy "
                       "`cchc-xl addin install` ở đó (add-in cần Python của chính máy đó).")
            return
        folder.mkdir(parents=True, exist_ok=True)
        written = build_addin(folder / "cchc_xl.xlam")
    except (AddinError, OSError) as exc:
        raise UserError(str(exc)) from None
    click.echo(f"Đã chép add-in vào {written}.")
    if sys.platform == "darwin":
        _install_applescript()
    click.echo("Khởi động lại Excel: thẻ CCHC xuất hiện trên ribbon. Nếu không thấy, xem mục Xử lý sự cố "
               "trong README.")


def _install_applescript() -> None:
    """macOS: xlwings' RunPython needs its AppleScript in Excel's script folder."""
    import shutil

    import xlwings

    source = Path(xlwings.__file__).parent / f"xlwings-{xlwings.__version__}.applescript"
    target = Path.home() / "Library" / "Application Scripts" / "com.microsoft.Excel"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    click.echo(f"Đã chép {source.name} vào {target} (cho phép Excel chạy Python).")


def _show(value) -> str:
    text = " ".join(str(value).split())
    return f"\u201c{text[:70]}\u201d" if isinstance(value, str) else text

