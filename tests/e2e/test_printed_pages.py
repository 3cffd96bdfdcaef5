"""Every page a clerk prints, rendered by LibreOffice as an office prints it and read back line by line (issue #23):
the blank template, an annotated copy, a master with a progress sheet, a report form blank and filled, a plan
imported from Word and the Word results appendix. Each output is converted once (one LibreOffice run for all of
them); the checks then read the same PDFs.

Long real names and texts throughout: "Phòng Tài nguyên nước - Khoáng sản - Khí tượng thủy văn", areas in capitals.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from cchc_xl.check.catalog import CATALOG
from cchc_xl.consolidation.reports import ProgressRow
from cchc_xl.consolidation.results import Appendix
from cchc_xl.core.periods import Period
from cchc_xl.formats.config_files import data_dir, load_config
from cchc_xl.formats.word.appendix import write_docx
from cchc_xl.formats.xlsx.template import write_template
from tests.conftest import soffice
from tests.support.printed import Page, fragments, missing, outside, overprinted, read_pages
from tests.support.word import plan_docx
from tests.support.workbooks import fill_template

UNITS = ["Phòng Kế hoạch - Tài chính", "Trung tâm Công nghệ thông tin tài nguyên và môi trường",
         "Phòng Tài nguyên nước - Khoáng sản - Khí tượng thủy văn", "Chi cục Bảo vệ môi trường",
         "Văn phòng Đăng ký đất đai"]
AREAS = ["Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy hành chính nhà nước",
         "Công tác chỉ đạo, điều hành cải cách hành chính"]
TASKS = ["Rà soát, đánh giá, công bố và cập nhật thủ tục hành chính thuộc thẩm quyền giải quyết của Sở trên Cơ sở dữ "
         "liệu quốc gia về thủ tục hành chính", "Xây dựng Kế hoạch kiểm tra công tác cải cách hành chính tại các "
         "phòng, đơn vị thuộc Sở", "Cập nhật, vận hành hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO "
         "9001:2015 tại các phòng chuyên môn và đơn vị trực thuộc", "Theo dõi tình hình thi hành pháp luật"]
RESULT = "Kế hoạch số 125/KH-STNMT ngày 20/02/2020"                        # answers of the usual length
DIFFICULTY = "Thiếu nhân lực; phần mềm một cửa chưa kết nối cơ sở dữ liệu đất đai"
NAMES = {"template": "mau", "annotated": "nop.kiemtra", "master": "tong-hop", "blank form": "bao-cao-trong",
         "filled form": "bao-cao-da-dien", "imported plan": "nhap", "appendix": "phu-luc", "headings": "de-muc"}


def tasks_of(i: int, n: int) -> list[dict]:
    """``n`` tasks of unit ``i``, each ending with its own words ("(đợt 3 của đơn vị 2)"): a cut row shows."""
    return [{"stt": k, "area": AREAS[(i + k) % len(AREAS)], "task": f"{TASKS[(i + k) % len(TASKS)]} (đợt {k} của "
             f"đơn vị {i})", "product": "Báo cáo kết quả; Quyết định phê duyệt", "lead_unit": UNITS[i],
             "coord_units": "Các phòng, đơn vị thuộc Sở; Sở Nội vụ", "deadline": f"Quý {'I' * (1 + k % 3)}/2020",
             "budget": 5_000_000 * k, "budget_source": "Ngân sách nhà nước"} for k in range(1, n + 1)]


def _headings_appendix(path: Path) -> Path:
    """An appendix of many short areas, so that some heading falls where a page ends (one does without keep)."""
    def row(k: int) -> ProgressRow:
        return ProgressRow("x", "Văn phòng Sở", "A", f"Nhiệm vụ {k}", "Quý I/2020", None, "Đang thực hiện", "", None, 0,
                           "", "")
    groups = [(f"Lĩnh vực {g}", [row(k) for k in range(1 + g % 7)]) for g in range(15)]
    return write_docx(path, Appendix("T", "S", "Tổng", groups, []))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, cli) -> dict[str, Path]:
    """Every output, as a clerk makes it."""
    root = tmp_path_factory.mktemp("in")
    units = ["--units", str(data_dir("validation") / "units.yaml")]
    config = load_config()
    made = {"template": root / "mau.xlsx"}
    cli("template", "-o", made["template"], "--period", "2020", "--unit", UNITS[2], *units)
    inbox = root / "nop"
    inbox.mkdir()
    for i, unit in enumerate(UNITS):
        rows = tasks_of(i, 6)
        if i == 4:
            rows[1]["lead_unit"] = None                  # sent back: an annotated copy, a link on the status sheet
        if i == 3:
            rows[0]["lead_unit"] = UNITS[0]              # lead-not-sender on Đối chiếu
        write_template(root / "tpl.xlsx", config, Period(2020, 2020), unit)
        fill_template(root / "tpl.xlsx", inbox / f"phu-luc-{i + 1}-{unit.split()[0].lower()}.xlsx", rows,
                      meta={"date": dt.datetime(2020, 1, 10)})
    master = root / "tong-hop.xlsx"
    cli("consolidate", inbox, "-o", master, *units)
    submission = root / "nop.xlsx"
    fill_template(root / "tpl.xlsx", submission, [{"stt": "II", "area": "CẢI CÁCH THỦ TỤC HÀNH CHÍNH VÀ THỰC HIỆN CƠ "
                                                   "CHẾ MỘT CỬA, MỘT CỬA LIÊN THÔNG"}] + tasks_of(4, 3)
                  + [{"stt": 4, "task": TASKS[0], "lead_unit": "Giao Văn phòng Sở chủ trì, phối hợp với các phòng",
                      "deadline": "Thực hiện khi Bộ TNMT thay thế Thông tư 50/2014/TT-BTNMT"}])
    cli("check", submission, "--annotate")   # the shipped unit list: how the results sheet names it on paper
    forms = root / "mau-bao-cao"
    cli("template", "--report", "quy1", "--master", master, "--all-units", "-d", forms, "--year", "2020", *units)
    filled = root / "bao-cao"
    filled.mkdir()
    for form in forms.iterdir():
        wb = openpyxl.load_workbook(form)
        ws = wb["Báo cáo"]
        ws["C5"] = dt.datetime(2020, 2, 20)
        for r in range(9, ws.max_row + 1):
            if ws.cell(r, 12).value:
                ws[f"G{r}"], ws[f"H{r}"], ws[f"J{r}"] = "Đang thực hiện", RESULT, DIFFICULTY
        wb.save(filled / form.name)
    cli("consolidate", filled, "-o", master, "--as-of", "20/04/2020", *units)
    cli("report", master, "--report", "quy1", "--year", "2020", "-o", root / "phu-luc.docx", *units)
    cli("import", plan_docx(root / "ke-hoach.docx"), "-o", root / "nhap.xlsx", *units)
    form = next(p for p in forms.iterdir() if "tai-nguyen-nuoc" in p.name)
    out = {"template": made["template"], "annotated": root / "nop.kiemtra.xlsx", "master": master,
           "blank form": root / "bao-cao-trong.xlsx", "filled form": root / "bao-cao-da-dien.xlsx",
           "imported plan": root / "nhap.xlsx", "appendix": root / "phu-luc.docx",
           "headings": _headings_appendix(root / "de-muc.docx")}
    out["blank form"].write_bytes(form.read_bytes())
    out["filled form"].write_bytes((filled / form.name).read_bytes())
    return out


@pytest.fixture(scope="module")
def pages(outputs, tmp_path_factory) -> dict[str, list[Page]]:
    """Every output printed to PDF by one LibreOffice run, read back page by page."""
    folder = tmp_path_factory.mktemp("pdf")
    subprocess.run([soffice(), f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, outputs.values())], capture_output=True, timeout=600)
    assert set(NAMES.values()) <= {p.stem for p in folder.glob("*.pdf")}, sorted(folder.iterdir())
    return {name: read_pages(folder / f"{stem}.pdf") for name, stem in NAMES.items()}


def test_every_page_is_a4_and_readable(pages):
    for name, doc in pages.items():
        for page in doc:
            size = sorted((round(page.width), round(page.height)))
            assert size == [595, 842], (name, page.number, size)
            heights = sorted(l.y1 - l.y0 for l in page.lines)
            assert heights[len(heights) // 2] >= 7, (name, page.number, "text under 7 pt on paper")


def test_no_line_is_printed_over_another_nor_off_the_paper(pages):
    for name, doc in pages.items():
        for page in doc:
            assert not overprinted(page), (name, page.number, overprinted(page)[:3])
            assert not outside(page), (name, page.number, outside(page)[:3])


def test_no_page_holds_only_a_fragment(pages):
    for name, doc in pages.items():
        assert not fragments(doc), (name, fragments(doc), [p.text[:80] for p in doc if p.number in fragments(doc)])


def test_no_text_is_cut_at_the_bottom_of_its_row(pages):
    written = [t["task"] for i in range(4) for t in tasks_of(i, 6)]   # unit 5 was sent back: not in the master
    assert not missing(pages["master"], written)
    assert not missing(pages["annotated"], [t["task"] for t in tasks_of(4, 3)] + ["50/2014/TT-BTNMT"])
    assert not missing(pages["filled form"], [t["task"] for t in tasks_of(2, 6)] + [RESULT, DIFFICULTY])
    assert not missing(pages["appendix"], written[:24])


def test_no_rule_code_and_no_command_line_on_paper(pages):
    import cchc_xl.check.rules  # noqa: F401  (every rule's code declared)
    import cchc_xl.consolidation.kinds  # noqa: F401

    assert "lead-unit-missing" in CATALOG and "lead-not-sender" in CATALOG
    for name in ("template", "annotated", "master", "imported plan"):
        words = {w.strip("(),.;:") for page in pages[name] for w in page.words}
        assert not words & set(CATALOG), (name, words & set(CATALOG))
        text = " ".join(page.text for page in pages[name])
        assert "cchc-xl check" not in text and "mặc định của cchc-xl" not in text, name
    annotated = " ".join(page.text for page in pages["annotated"])
    assert "Không hiểu thời gian" in annotated and "Danh mục mẫu của chương trình" in annotated   # the kind, in words


def test_the_progress_chart_is_whole_on_its_page(pages):
    page = next(p for p in pages["master"] if "Tỷ lệ hoàn thành theo đơn vị chủ trì" in p.text)
    title = next(l for l in page.lines if "Tỷ lệ hoàn thành theo đơn vị chủ trì" in l.text)
    below = " ".join(l.text for l in page.lines if l.y0 > title.y1)
    assert "100%" in below and all(unit.split(" - ")[0] in below for unit in UNITS[:4]), below
    summary = [p for p in pages["master"] if "Nhiệm vụ Sản phẩm" in p.text and "Đơn vị gửi" in p.text]
    assert len(summary) >= 2, "Tổng hợp runs over pages, its header row on each"


def test_report_forms_carry_a_signature_block_and_room_to_answer(pages, outputs):
    for name in ("blank form", "filled form"):
        text = " ".join(p.text for p in pages[name])
        assert "NGƯỜI LẬP" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text, name
    import zipfile

    with zipfile.ZipFile(outputs["blank form"]) as z:   # a height Excel grows as the unit types
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert '<row r="9" ht="' in sheet and 'customHeight' not in sheet.split('<row r="9"')[1].split(">")[0]


def test_the_word_appendix_numbers_its_pages_and_keeps_headings_with_their_tasks(pages, outputs):
    for name in ("appendix", "headings"):
        doc = pages[name]
        assert len(doc) >= 3, (name, len(doc))
        assert not any(l.text.strip() == "1" and l.y0 < 60 for l in doc[0].lines), "no number on the first page"
        for page in doc[1:]:
            top = min(page.lines, key=lambda l: l.y0)
            middle = (30 + (page.width / 72 * 25.4 - 15)) / 2 / 25.4 * 72   # between the 30 and 15 mm margins
            assert top.text.strip() == str(page.number) and abs((top.x0 + top.x1) / 2 - middle) < 8, \
                (name, page.number, top)
        for page in doc[:-1]:
            last = max(page.lines, key=lambda l: l.y1).text
            heading = last.split(".")[0] in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
                                             "XIII", "XIV", "XV") or last.startswith("NHIỆM VỤ QUÁ HẠN")
            assert not heading, (name, page.number, last)
    first = " ".join(l.text for l in pages["appendix"][0].lines)
    assert "Kèm theo Báo cáo số ……/BC-…… ngày …… tháng …… năm 2020" in first
    head = Document(str(outputs["appendix"])).tables[0].rows[0].cells
    assert all(c.paragraphs[0].alignment == 1 for c in head), "header cells centred"
