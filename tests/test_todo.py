"""nitet todo: follow-ups, overdue steps, unvisited schools, the KRS due date, missing screenings."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_runner
from nitet.core import thai
from nitet.domain.todo import krs_due, screening_semester
from nitet.model import Case, School, Screening, Visit
from nitet.storage import ids
from nitet.storage.workspace import open_workspace
from nitet.storage.writer import create

A, B, C = "1063020101", "1063020102", "1063020103"


@pytest.fixture
def week(ws: Path) -> Path:
    w = open_workspace(ws)
    for code, name, target, net in ((A, "โรงเรียนบ้านนา", True, "เครือข่ายหนึ่ง"),
                                    (B, "โรงเรียนบ้านยาง", True, "เครือข่ายสอง"),
                                    (C, "โรงเรียนบ้านกก", False, "เครือข่ายหนึ่ง")):
        create(w, ids.school_path(w, code), School, {"code": code, "name": name, "target": target, "network": net})

    def visit(day: str, school: str, token: str, follow: dict[str, object] | None = None) -> None:
        d = date.fromisoformat(day)
        create(w, ids.visit_path(w, d, school, token), Visit, {
            "id": f"{day}-{school}-{token}", "date": day, "school": school, "follow_up": follow,
            "suggestions": "ใช้สื่อ DLTV"})

    visit("2026-01-05", A, "aaaaa1")
    visit("2025-11-20", B, "bbbbb1", {"date": "2026-01-06", "action": "ติดตามแผนการสอน"})
    visit("2025-12-01", A, "aaaaa2", {"date": "2026-01-14", "action": "ดูการใช้สื่อ"})
    visit("2025-12-02", A, "aaaaa3", {"date": "2026-01-20", "action": "ไกลเกินสัปดาห์"})
    visit("2025-12-03", A, "aaaaa4", {"date": "2026-01-02", "action": "ทำแล้ว", "done": True})
    create(w, ids.case_path(w, "internal-supervision", 2569, "ccccc1"), Case, {
        "id": "internal-supervision-2569-ccccc1", "workflow": "internal-supervision", "title": "นิเทศภายใน 2569",
        "fiscal_year": 2569, "started": "2025-10-10",
        "steps": [{"step": "1", "date": "2025-12-01", "evidence": ["สภาพ.pdf"]}]})
    create(w, ids.case_path(w, "internal-supervision", 2569, "ccccc2"), Case, {
        "id": "internal-supervision-2569-ccccc2", "workflow": "internal-supervision", "title": "ยกเลิกแล้ว",
        "fiscal_year": 2569, "started": "2025-10-10", "status": "cancelled", "finished": "2025-10-11"})
    for school, sem in ((A, 2), (B, 1)):
        create(w, ids.screening_path(w, school, 2568, sem, 1), Screening, {
            "id": f"{school}-2568-{sem}-p1", "school": school, "academic_year": 2568, "semester": sem,
            "grade": 1, "assessed": 10})
    return ws


def test_todo_json_gathers_the_week(week: Path, run) -> None:
    r = run("todo", "--date", "8/1/2569", "--json")
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert (doc["date"], doc["fiscal_year"], doc["quarter"]) == ("2026-01-08", 2569, 2)
    assert [(f["school"], f["due"], f["days_left"], f["action"]) for f in doc["follow_ups"]] == [
        (B, "2026-01-06", -2, "ติดตามแผนการสอน"), (A, "2026-01-14", 6, "ดูการใช้สื่อ")]
    assert [(s["case"], s["step"], s["due"], s["days_left"]) for s in doc["steps"]] == [
        ("internal-supervision-2569-ccccc1", "2", "2025-12-31", -8)]
    assert [(s["code"], s["target"]) for s in doc["unvisited"]] == [(B, True), (C, False)]
    assert doc["schools"] == 3
    assert doc["krs"] == {"fiscal_year": 2569, "quarter": 1, "quarter_end": "2025-12-31",
                          "due": "2026-01-15", "days_left": 7}
    assert doc["screening"]["academic_year"] == 2568 and doc["screening"]["semester"] == 2
    assert [(s["code"], s["target"]) for s in doc["screening"]["missing"]] == [(B, True), (C, False)]


def test_todo_screen_is_thai_and_says_what_to_do(week: Path, run) -> None:
    r = run("todo", "--date", "2026-01-08")
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert "งานที่ต้องดำเนินการประจำสัปดาห์ — 8 มกราคม 2569 (ปีงบประมาณ 2569 ไตรมาสที่ 2)" in out
    assert "6 ม.ค. 2569 (เลยกำหนด 2 วัน) โรงเรียนบ้านยาง — ติดตามแผนการสอน  [bbbbb1]" in out
    assert "นิเทศภายใน 2569: ขั้นตอน 2 ส่งเสริมให้โรงเรียนจัดทำแผนการนิเทศภายใน — กำหนด 31 ธ.ค. 2568 (เลยกำหนด 8 วัน)" in out
    assert "nitet flow advance internal-supervision-2569-ccccc1" in out
    assert "โรงเรียนที่ยังไม่ได้นิเทศในไตรมาสนี้ (2 จาก 3; กลุ่มเป้าหมาย 1)" in out
    assert out.index("โรงเรียนบ้านยาง (กลุ่มเป้าหมาย) — นิเทศล่าสุด 20 พ.ย. 2568") < out.index("โรงเรียนบ้านกก — ยังไม่เคยนิเทศ")
    assert f"nitet visit add --school {B} --date" in out  # the first school to visit, ready to copy
    assert "รายงาน KRS ไตรมาสที่ 1/2569: ส่งภายใน 15 ม.ค. 2569 (อีก 7 วัน)" in out
    assert "nitet report krs --fy 2569 --quarter 1" in out
    assert "ผลคัดกรองการอ่านการเขียนที่ยังไม่ได้รับ ภาคเรียนที่ 2/2568 (2 โรงเรียน)" in out
    assert "ไกลเกินสัปดาห์" not in out and "ทำแล้ว" not in out and "ยกเลิกแล้ว" not in out


def test_todo_in_english(week: Path, run) -> None:
    r = run("todo", "--date", "2026-01-08", lang="en")
    assert r.exit_code == 0
    assert "KRS report Q1/2569" in r.stdout and "Follow-ups (2)" in r.stdout


def test_days_widens_the_window_and_a_later_date_moves_the_krs(week: Path, run) -> None:
    doc = run("todo", "--date", "2026-01-08", "--days", "14", "--json").json()
    assert [f["action"] for f in doc["follow_ups"]] == ["ติดตามแผนการสอน", "ดูการใช้สื่อ", "ไกลเกินสัปดาห์"]
    later = run("todo", "--date", "2026-01-16", "--json").json()
    assert (later["krs"]["quarter"], later["krs"]["due"]) == (2, "2026-04-15")


def test_an_empty_workspace_has_a_calm_week(run) -> None:
    r = run("todo", "--date", "2026-07-01")
    assert r.exit_code == 0
    assert "ยังไม่มีโรงเรียนในทะเบียน" in r.stdout
    assert "รายงาน KRS ไตรมาสที่ 3/2569: ส่งภายใน 15 ก.ค. 2569" in r.stdout


def test_a_bad_date_is_a_usage_error(run) -> None:
    r = run("todo", "--date", "31/02/2569")
    assert r.exit_code == 2 and "--date" in r.stderr


def test_krs_due_days_come_from_nitet_yaml(week: Path, run) -> None:
    cfg = week / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("krs_due_days: 15", "krs_due_days: 30"), encoding="utf-8")
    doc = run("todo", "--date", "2026-01-20", "--json").json()
    assert doc["krs"]["due"] == "2026-01-30" and doc["krs"]["quarter"] == 1


@given(st.dates(date(2000, 1, 1), date(2100, 12, 31)), st.integers(0, 90))
def test_the_krs_due_is_never_past_and_belongs_to_this_or_the_last_quarter(today: date, days: int) -> None:
    k = krs_due(today, days)
    assert k.due >= today
    assert k.due - k.quarter_end == timedelta(days=days)
    assert k.quarter_end == thai.quarter_range(k.fiscal_year, k.quarter)[1]
    this = (thai.fiscal_year(today), thai.fiscal_quarter(today))
    if (k.fiscal_year, k.quarter) != this:  # the previous quarter's report, still open
        assert k.quarter_end < today <= k.due


@given(st.dates(date(2001, 1, 1), date(2100, 12, 31)))
def test_the_screening_semester_has_started(today: date) -> None:
    ay, sem = screening_semester(today, {}) or (None, None)
    assert ay is not None
    r = next(r for r in thai.semester_ranges(ay) if r.semester == sem)
    assert r.start <= today


def test_the_demo_on_the_first_day_of_the_fiscal_year_has_every_school_to_visit(demo_ws: Path) -> None:
    run = make_runner(demo_ws)
    first = run("todo", "--date", "2025-10-01")
    assert first.exit_code == 0, first.stderr
    assert "โรงเรียนที่ยังไม่ได้นิเทศในไตรมาสนี้ (8 จาก 8; กลุ่มเป้าหมาย 8)" in first.stdout
    before_q2_visits = run("todo", "--date", "2026-01-10")
    assert "โรงเรียนที่ยังไม่ได้นิเทศในไตรมาสนี้ (8 จาก 8; กลุ่มเป้าหมาย 8)" in before_q2_visits.stdout
    assert "นิเทศครบทุกโรงเรียนแล้ว" not in before_q2_visits.stdout
    assert "(7 จาก 8; กลุ่มเป้าหมาย 7)" in run("todo", "--date", "2026-01-14").stdout  # the 14 Jan visit


def test_nothing_dated_after_the_date_counts(week: Path, run) -> None:
    w = open_workspace(week)
    # recorded later than 8 Jan 2026: a visit to C (with a follow-up due on the 10th), step 2 of case 1,
    # the cancellation of case 2, a visit to B after which B's follow-up was marked done, and a new case
    create(w, ids.visit_path(w, date(2026, 1, 9), C, "ccccc9"), Visit, {
        "id": f"2026-01-09-{C}-ccccc9", "date": "2026-01-09", "school": C,
        "follow_up": {"date": "2026-01-10", "action": "ยังไม่เกิด"}})
    create(w, ids.visit_path(w, date(2026, 1, 12), B, "bbbbb2"), Visit, {
        "id": f"2026-01-12-{B}-bbbbb2", "date": "2026-01-12", "school": B})
    fu = week / "records/visits/2569/2025-11-20-1063020102-bbbbb1.yaml"
    fu.write_text(fu.read_text(encoding="utf-8").replace("action: ติดตามแผนการสอน",
                                                         "action: ติดตามแผนการสอน\n  done: true"), encoding="utf-8")
    case1 = week / "records/cases/2569/internal-supervision-2569-ccccc1.yaml"
    case1.write_text(case1.read_text(encoding="utf-8") + '  - step: "2"\n    date: 2026-01-09\n'
                     '    evidence:\n      - แผน.pdf\n', encoding="utf-8")
    case2 = week / "records/cases/2569/internal-supervision-2569-ccccc2.yaml"
    case2.write_text(case2.read_text(encoding="utf-8").replace("2025-10-11", "2026-01-09"), encoding="utf-8")
    create(w, ids.case_path(w, "internal-supervision", 2569, "ccccc3"), Case, {
        "id": "internal-supervision-2569-ccccc3", "workflow": "internal-supervision", "title": "ยังไม่เริ่ม",
        "fiscal_year": 2569, "started": "2026-01-09"})

    doc = run("todo", "--date", "8/1/2569", "--json").json()
    assert [(f["school"], f["due"], f["action"]) for f in doc["follow_ups"]] == [
        (B, "2026-01-06", "ติดตามแผนการสอน"), (A, "2026-01-14", "ดูการใช้สื่อ")]
    assert [(s["case"], s["step"]) for s in doc["steps"]] == [
        ("internal-supervision-2569-ccccc1", "2"), ("internal-supervision-2569-ccccc2", "1"),
        ("internal-supervision-2569-ccccc2", "2")]  # case 2 was cancelled only on the 9th
    assert [s["code"] for s in doc["unvisited"]] == [B, C]

    after = run("todo", "--date", "12/1/2569", "--json").json()  # B visited, C visited, step 2 done
    assert [f["action"] for f in after["follow_ups"]] == ["ยังไม่เกิด", "ดูการใช้สื่อ"]
    assert {(s["case"], s["step"]) for s in after["steps"]} == {
        ("internal-supervision-2569-ccccc3", "1"), ("internal-supervision-2569-ccccc3", "2")}
    assert after["unvisited"] == []
