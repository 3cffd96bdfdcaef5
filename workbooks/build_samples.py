"""Regenerate the bundled workbooks: `python workbooks/build_samples.py`.

* mau-phu-luc-cchc.xlsx      the standard template (what `cchc-xl template` writes);
* mau/phong-phap-che-2020.xlsx  a unit's submission in the template, with typical defects;
* mau/sgtvt-2020-phu-luc.xlsx   the appendix of a real 2020 plan (Sở GTVT Bình Dương) in
                                the legacy layout, as pasted from Word.

Nothing here is hand-made: change this script, not the workbooks.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from cchc_xl.formats.config_files import load_config
from cchc_xl.core.periods import Period  # noqa: E402
from cchc_xl.formats.xlsx.template import write_template
from tests.support.workbooks import fill_template  # noqa: E402
from tests.support.legacy import write_legacy  # noqa: E402

SUBMISSION = [
    {"stt": "I", "area": "Cải cách thể chế"},
    {"stt": 1, "area": "Cải cách thể chế", "task": "Xây dựng và triển khai Kế hoạch rà soát văn bản quy "
     "phạm pháp luật năm 2020", "product": "Kế hoạch; Báo cáo kết quả rà soát", "lead_unit": "Phòng Pháp chế",
     "coord_units": "Các phòng, đơn vị thuộc Sở", "deadline": "Quý I/2020", "budget": 15000000,
     "budget_source": "Ngân sách nhà nước"},
    {"stt": 2, "area": "Cải cách thể chế", "task": "Theo dõi tình hình thi hành pháp luật",
     "product": "Báo cáo", "lead_unit": "Phòng Pháp chế", "coord_units": "Sở Tư pháp",
     "deadline": "Tháng 01/19", "budget": "194.000.000 đồng (theo dự toán kinh phí pháp chế)"},
    {"stt": 3, "area": "Cải cách thể chế", "task": "Tuyên truyền, phổ biến giáo dục pháp luật",
     "product": "Hội nghị", "coord_units": "Văn phòng Sở", "deadline": "Năm 2020"},
    {"stt": "II", "area": "Cải cách thủ tục hành chính"},
    {"stt": 1, "area": "Cải cách thủ tục hành chính", "task": "Rà soát, đánh giá thủ tục hành chính",
     "product": "Báo cáo", "lead_unit": "Giao Văn phòng Sở chủ trì, phối hợp với các phòng tham mưu thực hiện",
     "deadline": "Thực hiện khi Bộ TNMT thay thế Thông tư 50/2014/TT-BTNMT"},
    {"stt": 2, "area": "CÁI CÁCH THỦ TỤC HÀNH CHÍNH", "task": "Kiểm tra việc thực hiện cơ chế một cửa",
     "product": "Báo cáo kết quả", "lead_unit": "Sở Nội vụ", "coord_units": "Văn phòng Sở",
     "deadline": "Thường xuyên", "budget": "Báo cáo kết quả 12.800.000 đồng. Hỗ trợ cán bộ đầu mối 3.360.000 đồng."},
]


def main() -> None:
    config = load_config()
    template = HERE / "mau-phu-luc-cchc.xlsx"
    write_template(template, config, Period(2026, 2026))
    samples = HERE / "mau"
    samples.mkdir(exist_ok=True)
    unit_template = samples / ".tmp-template.xlsx"
    write_template(unit_template, config, Period(2020, 2020), "Phòng Pháp chế")
    try:
        fill_template(unit_template, samples / "phong-phap-che-2020.xlsx", SUBMISSION,
                      meta={"author": "Nguyễn Văn A"})
    finally:
        unit_template.unlink()
    write_legacy(samples / "sgtvt-2020-phu-luc.xlsx", merge_headings=True)
    print("Đã tạo:", template, *sorted(samples.glob("*.xlsx")), sep="\n  ")


if __name__ == "__main__":
    main()
