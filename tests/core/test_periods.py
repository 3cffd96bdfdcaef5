"""core/periods.py: a plan's period as written on the command line, in the template or in the title above the
table, and what it answers (which years it holds, the year of a one-year plan)."""

from __future__ import annotations

import pytest

from cchc_xl.core.periods import Period, period_from_title
from cchc_xl.errors import PeriodError


@pytest.mark.parametrize("text, start, end, shown", [
    ("2020", 2020, 2020, "2020"), (" 2020 ", 2020, 2020, "2020"), ("2021-2025", 2021, 2025, "2021-2025"),
    ("2021 – 2025", 2021, 2025, "2021-2025"), ("2021..2025", 2021, 2025, "2021-2025"), ("2021+", 2021, None, "2021+"),
    ("2021-", 2021, None, "2021+"), ("2020-2020", 2020, 2020, "2020"),
])
def test_the_forms_a_period_is_written_in(text, start, end, shown):
    period = Period.parse(text)
    assert (period.start, period.end, str(period)) == (start, end, shown)
    assert Period.parse(str(period)) == period


@pytest.mark.parametrize("text", ["năm ngoái", "20", "2025-2021", "1800", "2021-25", "2020/2021", ""])
def test_what_is_no_period_is_refused_in_vietnamese(text):
    with pytest.raises(PeriodError, match="Kỳ kế hoạch"):
        Period.parse(text)


def test_what_a_period_answers():
    one, span, open_ended = Period(2020, 2020), Period(2021, 2025), Period(2021, None)
    assert (one.single_year, span.single_year, open_ended.single_year) == (2020, None, None)
    assert (one.last, span.last, open_ended.last) == (2020, 2025, 2021)
    assert span.years() == [2021, 2022, 2023, 2024, 2025] and open_ended.years() == [2021]
    assert span.contains(2025) and not span.contains(2026) and open_ended.contains(2040) and not one.contains(2019)


@pytest.mark.parametrize("lines, expected", [
    (["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"], Period(2020, 2020)),
    (["Lâm Đồng, ngày 22 tháng 12 năm 2020", "KẾ HOẠCH CCHC NĂM 2021"], Period(2021, 2021)),
    (["GIAI ĐOẠN 2021 - 2025"], Period(2021, 2025)), (["giai đoạn 2021–2025"], Period(2021, 2025)),
    (["Năm 2021 và các năm tiếp theo"], Period(2021, None)), (["PHỤ LỤC NHIỆM VỤ"], None), ([], None),
])
def test_the_period_in_the_title_above_the_table_not_the_signature_date(lines, expected):
    assert period_from_title(lines) == expected
