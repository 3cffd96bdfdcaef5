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


# --------------------------------------------------------------------------- one schema per configuration (#21)
def six_files(tmp_path, template):
    """Six submissions that differ in what a check depends on: the period, the rows, the failing rules."""
    from tests.support.workbooks import fill_template, write_sheet

    ok = {"area": "Cải cách thể chế", "lead_unit": "Phòng Pháp chế", "deadline": "Quý II/2020", "budget": 1_000_000}
    paths = [fill_template(template, tmp_path / f"nop-{i}.xlsx",
                           [{**ok, "stt": k, "task": f"Nhiệm vụ {k} của tệp {i}"} for k in range(1, 2 + i)])
             for i in range(4)]
    paths.append(fill_template(template, tmp_path / "nop-loi.xlsx", [
        {**ok, "stt": 1, "task": "Thiếu chủ trì", "lead_unit": None},
        {**ok, "stt": 1, "task": "Thời gian cũ", "deadline": "Tháng 01/19", "budget": "15.000.000 đồng"}]))
    paths.append(write_sheet(tmp_path / "tu-do.xlsx", [
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Kinh phí"],
        [1, "Rà soát văn bản", "Thanh tra Sở", "Tháng 01/19", 5_000_000]], title="KẾ HOẠCH CCHC NĂM 2019"))
    return paths


def test_six_files_build_the_schema_once(tmp_path, blank_template, monkeypatch):
    """A folder, or the ribbon clicked again and again, reuses the schema of its settings: building it per file
    was most of a small file's checking cost; new settings (a new Config) get their own."""
    import cchc_xl.check.schema as schema_module
    from cchc_xl.check.pipeline import check_book
    from cchc_xl.formats.config_files import load_config
    from cchc_xl.formats.xlsx.reader import read_book
    from cchc_xl.usecases.check import check_file

    built = []
    real = schema_module.build_schema
    monkeypatch.setattr(schema_module, "build_schema", lambda config, family="plan": built.append(family) or
                        real(config, family))
    config = load_config()
    paths = six_files(tmp_path, blank_template)
    results = [check_file(p, config) for p in paths]
    assert [r.error for r in results] == [None] * 6 and built == ["plan"], "six files, one schema"
    assert {f.code for f in results[4].findings} == {"lead-unit-missing", "stt-duplicate", "deadline-out-of-period",
                                                     "budget-not-numeric"}
    assert results[5].period.start == 2019 and results[5].findings == [], "Tháng 01/19 is in a 2019 plan's period"
    assert [f.cell for f in results[4].findings if f.code == "deadline-out-of-period"] == ["G10"], \
        "the same schema judged each file against its own period"
    clicks = [check_book(read_book(p), config) for p in paths]   # the ribbon: the same Config, book after book
    assert [r.findings for r in clicks] == [r.findings for r in results] and built == ["plan"], "clicks again: reused"
    other = load_config()
    assert check_file(paths[4], other).findings == results[4].findings and built == ["plan", "plan"], \
        "new settings, a new schema"


def test_the_schema_is_kept_per_configuration_object(tmp_path):
    """The same Config gives the very same schema; another gives another; the parameters in force are the
    statistics of their checks (as pandera records a check's constraints)."""
    from cchc_xl.formats.config_files import load_config

    first, second = load_config(), load_config()
    assert schema_for(first) is schema_for(first) and schema_for(first) is not schema_for(second)
    assert schema_for(first, "report") is schema_for(first, "report") is not schema_for(first)
    override = tmp_path / "c.yaml"
    override.write_text("rules:\n  budget-implausible: {ceiling: 500000}\n", encoding="utf-8")
    check = next(c for c in schema_for(load_config(override)).columns["budget"].checks
                 if c.name == "budget-implausible")
    assert check.statistics == {"ceiling": 500000.0, "floor": 1000}
    default = next(c for c in schema_for(first).columns["deadline"].checks if c.name == "deadline-out-of-period")
    assert default.statistics == {"grace_days": 31}


def test_every_rule_decides_in_its_own_class():
    """A column rule checks its typed cells, a table rule its rows, a book rule what lies outside the frame; the
    pipeline names no rule (header-missing, encoding-legacy and progress-task-missing were decided there)."""
    import inspect

    import cchc_xl.check.pipeline as pipeline
    from cchc_xl.check.rules.base import BookRule, PlanRule, ReportRule, TableRule

    bases = {PlanRule: "check", ReportRule: "check", TableRule: "check", BookRule: "find"}
    for rule in RULES.values():
        base = next(b for b in bases if isinstance(rule, b))
        assert getattr(type(rule), bases[base]) is not getattr(base, bases[base]), rule.code
    assert {c for c, r in RULES.items() if isinstance(r, BookRule)} == {"header-missing", "encoding-legacy",
                                                                        "progress-task-missing"}
    source = inspect.getsource(pipeline)
    assert not [code for code in RULES if f'"{code}"' in source]


def test_a_book_rule_switched_off_finds_nothing(tmp_path):
    from cchc_xl.formats.config_files import load_config
    from cchc_xl.usecases.check import check_file
    from tests.support.workbooks import write_sheet

    empty = write_sheet(tmp_path / "trong.xlsx", [["Không có bảng nào ở đây"]])
    assert [f.code for f in check_file(empty, load_config()).findings] == ["header-missing"]
    off = tmp_path / "tat.yaml"
    off.write_text("rules:\n  header-missing: {severity: off}\n", encoding="utf-8")
    assert check_file(empty, load_config(off)).findings == []
