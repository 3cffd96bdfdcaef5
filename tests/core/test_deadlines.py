"""Every deadline form of domain.md, with the structure it must parse to."""

import datetime as dt

import pytest

from cchc_xl.core.deadlines import (
    CONDITIONAL,
    DATE,
    EMPTY,
    HALF,
    MONTH,
    QUARTER,
    RANGE,
    RECURRING,
    REFERENCE,
    RELATIVE,
    UNPARSED,
    YEAR,
    in_period,
    parse_deadline,
)
from cchc_xl.core.periods import Period

P2020 = Period(2020, 2020)
P2125 = Period(2021, 2025)
D = dt.date

# text, period, kind, due, written years, vague
CASES = [
    # a year
    ("Năm 2020", P2020, YEAR, D(2020, 12, 31), (2020,), False),
    ("Trong năm 2020", P2020, YEAR, D(2020, 12, 31), (2020,), False),
    ("Trong năm 2021 và các năm tiếp theo", P2125, YEAR, D(2021, 12, 31), (2021,), False),
    ("Đến hết năm 2021", P2125, YEAR, D(2021, 12, 31), (2021,), False),
    ("2020", P2020, YEAR, D(2020, 12, 31), (2020,), False),
    # a quarter
    ("Quý I/2020", P2020, QUARTER, D(2020, 3, 31), (2020,), False),
    ("Trong quý II/2020", P2020, QUARTER, D(2020, 6, 30), (2020,), False),
    ("Quý IV/2021 và các năm tiếp theo", P2125, QUARTER, D(2021, 12, 31), (2021,), False),
    ("Từ quý I đến quý III/2020", P2020, RANGE, D(2020, 9, 30), (2020,), False),
    ("Quý 3 năm 2020", P2020, QUARTER, D(2020, 9, 30), (2020,), False),
    ("Quý II", P2020, QUARTER, D(2020, 6, 30), (), False),
    ("Quý II - III/2020", P2020, RANGE, D(2020, 9, 30), (2020,), False),
    # a month
    ("Tháng 01/2020", P2020, MONTH, D(2020, 1, 31), (2020,), False),
    ("Tháng 08/2020", P2020, MONTH, D(2020, 8, 31), (2020,), False),
    ("Tháng 12/20", P2020, MONTH, D(2020, 12, 31), (2020,), False),
    ("Tháng 01/19", P2020, MONTH, D(2019, 1, 31), (2019,), False),
    ("tháng 3 năm 2020", P2020, MONTH, D(2020, 3, 31), (2020,), False),
    ("Tháng 6", P2020, MONTH, D(2020, 6, 30), (), False),
    ("Từ tháng 3 đến tháng 6/2020", P2020, RANGE, D(2020, 6, 30), (2020,), False),
    # a half-year
    ("6 tháng đầu năm", P2020, HALF, D(2020, 6, 30), (), False),
    ("6 tháng cuối năm 2020", P2020, HALF, D(2020, 12, 31), (2020,), False),
    # a day
    ("31/12 hàng năm", P2020, DATE, D(2020, 12, 31), (), False),
    ("Trước ngày 25/12 hàng năm", P2020, DATE, D(2020, 12, 25), (), False),
    ("Trước ngày 20/12", P2020, DATE, D(2020, 12, 20), (), False),
    ("Trước ngày 31/01 năm sau", P2020, DATE, D(2021, 1, 31), (), False),
    ("15/11/2020", P2020, DATE, D(2020, 11, 15), (2020,), False),
    ("Trước ngày 15 tháng 11 năm 2020", P2020, DATE, D(2020, 11, 15), (2020,), False),
    (dt.datetime(2020, 6, 30), P2020, DATE, D(2020, 6, 30), (2020,), False),
    # recurring
    ("Thường xuyên", P2020, RECURRING, None, (), True),
    ("Thường xuyên trong năm", P2020, RECURRING, None, (), True),
    ("Hàng quý", P2020, RECURRING, None, (), True),
    ("Định kỳ", P2020, RECURRING, None, (), True),
    ("Trước ngày 01 tháng cuối quý", P2020, RECURRING, None, (), False),
    # by reference / on demand
    ("Theo yêu cầu nhiệm vụ", P2020, REFERENCE, None, (), True),
    ("Theo Kế hoạch kiểm tra CCHC", P2020, REFERENCE, None, (), True),
    ("Thời gian theo yêu cầu của Sở Kế hoạch và Đầu tư", P2020, REFERENCE, None, (), True),
    ("Theo tiến độ được giao tại Kế hoạch số 1107/KH-UBND ngày 12/4/2019", P2020, REFERENCE, None, (), True),
    # relative to an event
    ("Trong thời hạn 30 ngày kể từ ngày nhận được kết luận kiểm tra", P2020, RELATIVE, None, (), True),
    ("Trong tháng 1 của năm trước liền kề", P2020, RELATIVE, None, (), False),
    # conditional
    ("Thực hiện khi Bộ TNMT thay thế Thông tư 50/2014/TT-BTNMT", P2020, CONDITIONAL, None, (), False),
    ("Khi có văn bản hướng dẫn của Bộ", P2020, CONDITIONAL, None, (), False),
    # the plan's own year, implied
    ("Trong năm", P2020, YEAR, D(2020, 12, 31), (), False),
    ("Cuối năm", P2020, YEAR, D(2020, 12, 31), (), False),
    ("06 tháng/lần", P2020, RECURRING, None, (), True),
    ("Thực hiện ngay", P2020, RELATIVE, None, (), True),
    ("Tháng 6-7/2020", P2020, RANGE, D(2020, 7, 31), (2020,), False),
    ("12/2020", P2020, MONTH, D(2020, 12, 31), (2020,), False),
    # not a time
    ("Văn phòng Sở", P2020, UNPARSED, None, (), False),
    ("", P2020, EMPTY, None, (), False),
]


@pytest.mark.parametrize("text,period,kind,due,written,vague", CASES, ids=[str(c[0])[:40] for c in CASES])
def test_form(text, period, kind, due, written, vague):
    d = parse_deadline(text, period)
    assert (d.kind, d.due, d.written_years, d.vague) == (kind, due, written, vague)


def test_multi_part_cells():
    d = parse_deadline("Tháng 01/2020 (ban hành KH). Thực hiện theo tiến độ KH đề ra", P2020)
    assert [p.kind for p in d.parts] == [MONTH, REFERENCE]
    assert (d.kind, d.due) == (MONTH, D(2020, 1, 31))
    d = parse_deadline("Kế hoạch trong quý IV năm trước liền kề năm kế hoạch; Báo cáo trước ngày 20/12.", P2020)
    assert [p.kind for p in d.parts] == [RELATIVE, DATE]
    assert (d.kind, d.due) == (DATE, D(2020, 12, 20))


def test_annual_in_a_multi_year_plan_covers_every_year():
    d = parse_deadline("31/12 hàng năm", P2125)
    assert d.kind == DATE and d.annual and d.due == D(2025, 12, 31) and d.written_years == ()


def test_out_of_period_uses_written_years_only():
    assert not in_period(parse_deadline("Tháng 01/19", P2020), P2020)
    assert not in_period(parse_deadline("Tháng 12/2019", P2020), P2020)
    assert not in_period(parse_deadline("Quý IV/2021 và các năm tiếp theo", P2020), P2020)
    assert in_period(parse_deadline("Trước ngày 31/01 năm sau", P2020), P2020)
    assert in_period(parse_deadline("Báo cáo năm 2019 trước ngày 15/01/2020", P2020), P2020)
    assert in_period(parse_deadline("Năm 2023", Period(2021, None)), Period(2021, None))


def test_legal_references_are_not_deadlines():
    d = parse_deadline("Theo Thông tư 26/2019/TT-BTC ngày 10/5/2019", P2020)
    assert d.kind == REFERENCE and d.written_years == ()
    assert parse_deadline("Duy trì ISO 9001:2015", P2020).kind == UNPARSED


def test_invalid_dates_are_not_dates():
    assert parse_deadline("31/02/2020", P2020).kind == UNPARSED
    assert parse_deadline("Tháng 13/2020", P2020).kind == UNPARSED


def test_excel_serial_and_year_numbers():
    assert parse_deadline(43921, P2020).due == D(2020, 3, 31)
    assert parse_deadline(2020, P2020).kind == YEAR


def test_grace_after_the_end_of_the_period():
    report = parse_deadline("Trước ngày 15/01/2021", P2020)
    assert not in_period(report, P2020) and in_period(report, P2020, grace_days=31)
    assert not in_period(parse_deadline("Tháng 03/2021", P2020), P2020, grace_days=31)


def test_exact_day_is_a_cell_that_holds_one_date_and_nothing_else():
    from cchc_xl.core.deadlines import exact_day

    assert exact_day("15/03/2020") == dt.date(2020, 3, 15) == exact_day("ngày 15 tháng 3 năm 2020")
    assert exact_day(dt.datetime(2020, 3, 15, 9, 30)) == dt.date(2020, 3, 15) == exact_day("15-3-20")
    for not_a_day in ("Trước ngày 15/03/2020", "Quý I/2020", "31/02/2020", "ngày mai", "15/03", None, 15):
        assert exact_day(not_a_day) is None, not_a_day
