"""The pandera schema a check runs: each rule's check hangs on the column it checks."""

from __future__ import annotations

from collections import Counter

import pandera.pandas as pa

from cchc_xl.check.frame import FRAME_COLUMNS
from cchc_xl.check.rules import RULES
from cchc_xl.check.schema import schema_for


def schema(config) -> pa.DataFrameSchema:
    return schema_for(config)


def test_columns_carry_their_rules(config):
    s = schema(config)
    names = {column: [c.name for c in s.columns[column].checks] for column in FRAME_COLUMNS}
    assert {"lead-unit-missing", "lead-unit-unknown", "lead-unit-external", "lead-unit-collective",
            "lead-unit-multiple"} == \
        set(names["lead_unit"])
    assert {"deadline-missing", "deadline-unparsed", "deadline-out-of-period", "deadline-part-out-of-period",
            "deadline-vague"} == set(names["deadline"])
    assert {"budget-not-numeric", "budget-negative", "budget-implausible", "budget-unit-mismatch"} == set(names["budget"])
    assert {"stt-duplicate", "stt-sequence"} == set(names["stt"])
    assert "deadline-out-of-period" in names["task"], "a rule may check a second column (the stale plan year)"
    assert [c.name for c in s.checks] == ["formula-error"], "the one dataframe-level check"
    busiest = Counter({column: len(checks) for column, checks in names.items()}).most_common(1)[0][1]
    assert busiest < len(RULES) / 3, "no column holds most of the checks"


def test_checks_are_described_and_switched_off_by_config(config, tmp_path):
    check = next(c for c in schema(config).columns["budget"].checks if c.name == "budget-implausible")
    assert check.title == "Kinh phí bất thường" and "ceiling" in check.description
    override = tmp_path / "tat.yaml"
    override.write_text("rules:\n  budget-implausible: {severity: off}\n", encoding="utf-8")
    from cchc_xl.formats.config_files import load_config

    assert "budget-implausible" not in {c.name for c in schema(load_config(override)).columns["budget"].checks}


def test_failing_rows_come_from_pandera_and_keep_their_cells(tmp_path, config):
    from cchc_xl.usecases.check import check_file
    from tests.support.workbooks import write_sheet

    path = write_sheet(tmp_path / "a.xlsx", [
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Kinh phí"],
        [1, "Rà soát văn bản", None, "Quý II/2020", "15.000.000 đồng"],
        [2, "Kiểm tra công vụ", "Thanh tra Sở", "Tháng 01/19", 5_000_000],
    ])
    found = {(f.code, f.cell) for f in check_file(path, config).findings}
    assert found == {("lead-unit-missing", "C4"), ("budget-not-numeric", "E4"), ("deadline-out-of-period", "D5")}
