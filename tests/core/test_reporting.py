"""Report periods, statuses and task ids (pure)."""

import datetime as dt

import pytest

from cchc_xl.core.reporting import (
    DONE,
    DROPPED,
    NOT_STARTED,
    ONGOING,
    parse_status,
    report_period,
    task_id,
    task_ids,
)
from cchc_xl.errors import ConfigError, ReportPeriodError
from cchc_xl.formats.config_files import load_config


def test_periods_cut_offs_and_due_dates():
    q1, half, q3, year = (report_period(c) for c in ("quy1", "6thang", "quy3", "nam"))
    assert [p.due_date(2020) for p in (q1, half, q3, year)] == [dt.date(2020, 2, 22), dt.date(2020, 5, 24),
                                                                dt.date(2020, 8, 26), dt.date(2020, 11, 15)]
    assert [p.cutoff(2020) for p in (q1, half, q3, year)] == [p.due_date(2020) for p in (q1, half, q3, year)], \
        "without a cut-off, the figures run to the day the report is due (never a day after it)"
    assert (q1.title(2020), half.title(2020), year.title(2020)) == ("Quý I/2020", "6 tháng đầu năm 2020", "Năm 2020")
    late = report_period("quy1", {"quy1": {"due": "15/04"}})
    assert (late.due_date(2021), late.cutoff(2021)) == (dt.date(2021, 4, 15), dt.date(2021, 3, 31)), \
        "due after the quarter: the figures run to its last day"
    both = report_period("quy1", {"quy1": {"cutoff": "14/03", "due": "20/03"}})
    assert (both.cutoff(2020), both.due_date(2020), both.problem()) == (dt.date(2020, 3, 14), dt.date(2020, 3, 20), None)
    assert report_period("nam", {"nam": {"due": "15/01 năm sau"}}).due_date(2020) == dt.date(2021, 1, 15)
    assert report_period("quy1", {"quy1": {"due": "29/02"}}).due_date(2021) == dt.date(2021, 2, 28)
    with pytest.raises(ReportPeriodError, match="quy1, 6thang, quy3, nam"):
        report_period("quy5")


@pytest.mark.parametrize("dates,key,needle", [
    ({"cutoff": "25/02", "due": "22/02"}, "cutoff", "sau hạn nộp"),
    ({"cutoff": "14/04", "due": "20/04"}, "cutoff", "quý cuối"),
    ({"due": "10/05"}, None, None),
])
def test_dates_that_contradict_the_period_or_each_other(dates, key, needle):
    problem = report_period("quy1", {"quy1": dates}).problem()
    assert (problem[0] if problem else None) == key and (needle is None or needle in problem[1])
    assert report_period("quy3", {"quy3": {"due": "26/05"}}).problem()[0] == "due", "quý III is not due in May"


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


def test_dates_in_a_config_file_are_checked_where_they_were_written(tmp_path):
    good = tmp_path / "a.yaml"
    good.write_text('reporting:\n  nam: "01/12"\n  quy1: {cutoff: "14/03", due: "20/03"}\n', encoding="utf-8")
    cfg = load_config(good)
    assert cfg.reporting["nam"] == {"due": "01/12"} and cfg.reporting["quy1"] == {"cutoff": "14/03", "due": "20/03"}
    assert report_period("quy1", cfg.reporting).cutoff(2020) == dt.date(2020, 3, 14)
    for text, needle in (('reporting:\n  quy5: "01/12"\n', "reporting.quy5"),
                         ('reporting:\n  nam: "32/12"\n', "reporting.nam.due: ngày"),
                         ('reporting:\n  quy1: {chot: "14/03"}\n', "reporting.quy1.chot"),
                         ('reporting:\n  quy1: {cutoff: "14/03"}\n', "b.yaml: reporting.quy1.cutoff: ngày chốt số liệu "
                                                                       "14/03 sau hạn nộp báo cáo 22/02"),
                         ('reporting:\n  quy1: {cutoff: "25/02", due: "22/02"}\n', "reporting.quy1.cutoff")):
        bad = tmp_path / "b.yaml"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=needle):
            load_config(bad)


def test_a_cut_off_after_its_due_date_stops_the_command_naming_the_file_and_key(tmp_path, cli):
    bad = tmp_path / "quy-tac.yaml"
    bad.write_text('reporting:\n  quy1: {cutoff: "31/03", due: "22/02"}\n', encoding="utf-8")
    result = cli("rules", "--config", bad)
    assert result.exit_code == 2 and f"{bad}: reporting.quy1.cutoff" in result.output
