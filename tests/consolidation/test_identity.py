"""Task identity (pure): an id given once, kept through corrections, rewordings and sorting."""

from __future__ import annotations

from cchc_xl.consolidation.identity import SIMILAR, continue_ids, ensure_ids
from cchc_xl.core.reporting import task_id, task_ids


def row(task: str, unit: str = "Phòng A", **values) -> dict:
    return {"unit": unit, "task": task, "deadline": "Quý II/2020", "area": "Cải cách thể chế", **values}


def test_a_master_without_ids_gets_the_ids_its_reports_were_kept_under():
    rows = [row("Rà soát văn bản"), row("Rà soát văn bản"), row("Báo cáo quý", "Phòng B")]
    ensure_ids(rows)
    assert [r["task_id"] for r in rows] == task_ids([row("Rà soát văn bản"), row("Rà soát văn bản"),
                                                     row("Báo cáo quý", "Phòng B")])


def test_ids_kept_in_the_rows_do_not_depend_on_their_order_or_text():
    rows = [row("Rà soát văn bản", task_id="aaaaaaaaaa"), row("Báo cáo", task_id="bbbbbbbbbb")]
    rows.reverse()
    rows[0]["task"] = "Báo cáo kết quả (văn phòng sửa)"
    ensure_ids(rows)
    assert [r["task_id"] for r in rows] == ["bbbbbbbbbb", "aaaaaaaaaa"]


def test_a_row_copied_by_hand_gets_an_id_of_its_own():
    rows = [row("Rà soát", task_id="aaaaaaaaaa"), row("Rà soát", task_id="aaaaaaaaaa"), row("Khác", task_id="")]
    ensure_ids(rows)
    ids = [r["task_id"] for r in rows]
    assert ids[0] == "aaaaaaaaaa" and len(set(ids)) == 3 and all(len(i) == 10 for i in ids)


def old_rows() -> list[dict]:
    rows = [row("Rà soát, đánh giá thủ tục hành chính năm 2020"), row("Tuyên truyền cải cách hành chính"),
            row("Báo cáo định kỳ", area="Cải cách thể chế", deadline="Quý I/2020"),
            row("Báo cáo định kỳ", area="Cải cách tài chính công", deadline="Quý III/2020")]
    ensure_ids(rows)
    return rows


def test_a_resubmission_continues_its_tasks_by_id_then_text_then_similar_text():
    old = old_rows()
    ids = [r["task_id"] for r in old]
    new = [row("Báo cáo định kỳ", area="Cải cách tài chính công", deadline="Quý III/2020"),   # same text: by area
           row("Tuyên truyền, phổ biến về CCHC", task_id=ids[1]),                             # carries an id
           row("Rà soát, đánh giá thủ tục hành chính năm 2021"),                              # reworded
           row("Báo cáo định kỳ", area="Cải cách thể chế", deadline="Quý I/2020"),
           row("Xây dựng cơ sở dữ liệu cán bộ")]                                              # new
    reworded = continue_ids(old, new, set(ids))
    assert [r["task_id"] for r in new[:4]] == [ids[3], ids[1], ids[0], ids[2]]
    assert new[4]["task_id"] not in ids and len({r["task_id"] for r in new}) == 5
    assert [(r.task_id, r.before, r.after) for r in reworded] == \
        [(ids[0], "Rà soát, đánh giá thủ tục hành chính năm 2020", "Rà soát, đánh giá thủ tục hành chính năm 2021")]


def test_a_reworded_task_is_recognised_only_when_similar_enough():
    old = old_rows()
    ids = {r["task_id"] for r in old}
    new = [row("Rà soát, đánh giá thủ tục hành chính năm 2021"), row("Hội nghị tập huấn nghiệp vụ")]
    reworded = continue_ids(old, new, ids)
    assert new[0]["task_id"] == old[0]["task_id"] and reworded[0].after == new[0]["task"]
    assert reworded[0].before == old[0]["task"] and reworded[0].similarity >= SIMILAR
    assert new[1]["task_id"] not in ids, "a different task is a new task, not a rewording"


def test_a_carried_id_of_another_units_task_is_not_taken():
    old = old_rows()
    other = row("Nhiệm vụ của phòng B", "Phòng B")
    ensure_ids([other])
    new = [row("Nhiệm vụ mới", task_id=other["task_id"])]
    continue_ids(old, new, {other["task_id"], *(r["task_id"] for r in old)})
    assert new[0]["task_id"] != other["task_id"]


def test_a_new_id_never_reuses_one_taken():
    taken = {task_id("Phòng A", "Việc mới"), task_id("Phòng A", "Việc mới", 1)}
    new = [row("Việc mới")]
    continue_ids([], new, taken)
    assert new[0]["task_id"] == task_id("Phòng A", "Việc mới", 2)
