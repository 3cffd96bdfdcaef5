"""Report periods, statuses and task ids (pure)."""

import datetime as dt

import pytest

from cchc_xl.core.reporting import (
    DONE,
    DROPPED,
    NOT_STARTED,
    ONGOING,
    ReportPeriodError,
    parse_status,
    report_period,
    task_id,
    task_ids,
)
from cchc_xl.settings import load_config
from cchc_xl.check.config import ConfigError


def test_periods_cut_offs_and_due_dates():
    q1, half, q3, year = (report_period(c) for c in ("quy1", "6thang", "quy3", "nam"))
    assert [p.cutoff(2020) for p in (q1, half, q3, year)] == [dt.date(2020, 3, 31), dt.date(2020, 6, 30),
                                                              dt.date(2020, 9, 30), dt.date(2020, 12, 31)]
    assert [p.due_date(2020) for p in (q1, half, q3, year)] == [dt.date(2020, 2, 22), dt.date(2020, 5, 24),
                                                                dt.date(2020, 8, 26), dt.date(2020, 11, 15)]
    assert (q1.title(2020), half.title(2020), year.title(2020)) == ("Quý I/2020", "6 tháng đầu năm 2020", "Năm 2020")
    assert report_period("quy1", {"quy1": "15/04"}).due_date(2021) == dt.date(2021, 4, 15)
    with pytest.raises(ReportPeriodError, match="quy1, 6thang, quy3, nam"):
        report_period("quy5")


@pytest.mark.parametrize("text,exact,meant", [
    ("Đã hoàn thành", DONE, DONE), ("đã  hoàn thành", DONE, DONE), ("xong", None, DONE), ("Đã xong", None, DONE),
    ("hoàn thành 100%", None, DONE), ("đang triển khai", None, ONGOING), ("Chưa", None, NOT_STARTED),
    ("Hủy bỏ", None, DROPPED), ("Không thực hiện", DROPPED, DROPPED), ("50%", None, None), ("", None, None),
])
def test_statuses(text, exact, meant):
    assert parse_status(text) == (exact, meant)


def test_task_ids_are_stable_and_tell_repeats_apart():
    rows = [{"unit": "Phòng A", "task": "Rà soát  văn bản"}, {"unit": "Phòng A", "task": "rà soát văn bản"},
            {"unit": "Phòng B", "task": "Rà soát văn bản"}]
    ids = task_ids(rows)
    assert ids[0] == task_id("Phòng A", "Rà soát văn bản") and len(set(ids)) == 3
    assert task_ids(list(reversed(rows)))[1] == ids[0], "ranks count the same text of one unit, in order"


def test_due_dates_in_a_config_file_are_checked(tmp_path):
    good = tmp_path / "a.yaml"
    good.write_text('reporting:\n  nam: "01/12"\n', encoding="utf-8")
    assert load_config(good).reporting["nam"] == "01/12"
    for text, needle in (('reporting:\n  quy5: "01/12"\n', "reporting.quy5"), ('reporting:\n  nam: "32/12"\n', "ngày/tháng")):
        bad = tmp_path / "b.yaml"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=needle):
            load_config(bad)
