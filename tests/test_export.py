"""nitet export csv|xlsx KIND: one row per record, flattened, Thai readable in Excel, no formulas."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from nitet.model import Case, Plan, School, Screening, Visit
from nitet.storage import ids
from nitet.storage.workspace import open_workspace
from nitet.storage.writer import create


@pytest.fixture
def records(ws: Path) -> Path:
    w = open_workspace(ws)
    create(w, ids.school_path(w, "1063020130"), School, {
        "code": "1063020130", "smis": "63020130", "name": "โรงเรียนบ้านแม่ละเมา", "district": "แม่สอด",
        "students": 150, "dltv": True})
    create(w, ids.school_path(w, "1063020131"), School, {"code": "1063020131", "name": "=HYPERLINK(\"x\")"})
    create(w, ids.visit_path(w, date(2025, 11, 20), "1063020130", "aaa111"), Visit, {
        "id": "2025-11-20-1063020130-aaa111", "date": "2025-11-20", "school": "1063020130",
        "supervisors": ["นางสาวสมใจ ใฝ่นิเทศ", "นายเอก"], "project": "dltv", "methods": ["observation", "coaching"],
        "supervisees": [{"name": "ครูสมศรี", "position": "ครู", "grade": "ป.4"}, {"name": "ครูมานะ"}],
        "findings": "-ครูเตรียมการสอน\nบรรทัดสอง", "suggestions": "+เพิ่มสื่อ",
        "follow_up": {"date": "2025-12-15", "action": "ดูตารางเรียน"}, "ratings": {"prep": 4, "media": 5}})
    create(w, ids.visit_path(w, date(2026, 10, 2), "1063020131", "bbb222"), Visit, {
        "id": "2026-10-02-1063020131-bbb222", "date": "2026-10-02", "school": "1063020131", "topics": ["@mention"]})
    create(w, ids.case_path(w, "krs-report", 2569, "ccc333"), Case, {
        "id": "krs-report-2569-ccc333", "workflow": "krs-report", "title": "รายงาน KRS 2569", "fiscal_year": 2569,
        "started": "2025-10-01", "steps": [{"step": "1.1", "date": "2025-10-05"}]})
    create(w, ids.plan_path(w, "dltv-2569"), Plan, {
        "id": "dltv-2569", "fiscal_year": 2569, "title": "โครงการ DLTV", "budget": 40000,
        "activities": [{"id": "a1", "title": "นิเทศ", "quarters": [1, 2]}],
        "indicators": [{"id": "schools", "title": "โรงเรียนที่ได้รับการนิเทศ", "unit": "โรงเรียน", "target": 10}],
        "results": [{"quarter": 1, "spent": 12500}, {"quarter": 2, "spent": 3000.5}]})
    create(w, ids.screening_path(w, "1063020130", 2568, 2, 1), Screening, {
        "id": "1063020130-2568-2-p1", "school": "1063020130", "academic_year": 2568, "semester": 2, "grade": 1,
        "assessed": 20, "read_aloud": {"excellent": 5, "good": 10, "fair": 3, "improve": 2}})
    return ws


def _csv(raw: str | bytes) -> list[dict[str, str]]:
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    assert text.startswith("\ufeff"), "CSV must start with a BOM for Excel"
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_of_visits_flattens_lists_and_goes_to_stdout(records: Path, run) -> None:
    r = run("export", "csv", "visits")
    assert r.exit_code == 0, r.stderr
    rows = _csv(r.stdout)
    assert [row["id"] for row in rows] == ["2025-11-20-1063020130-aaa111", "2026-10-02-1063020131-bbb222"]
    first = rows[0]
    assert first["date"] == "2025-11-20" and first["fiscal_year"] == "2569" and first["quarter"] == "1"
    assert first["school_name"] == "โรงเรียนบ้านแม่ละเมา"
    assert first["supervisors"] == "นางสาวสมใจ ใฝ่นิเทศ; นายเอก"
    assert first["supervisees"] == "ครูสมศรี (ครู, ป.4); ครูมานะ"
    assert first["supervisee_count"] == "2"
    assert first["methods"] == "observation; coaching"
    assert first["findings"] == "'-ครูเตรียมการสอน\nบรรทัดสอง"  # a spreadsheet must not read it as a formula
    assert first["suggestions"] == "'+เพิ่มสื่อ"
    assert first["follow_up_date"] == "2025-12-15" and first["follow_up_done"] == "false"
    assert first["ratings"] == "prep=4; media=5"
    assert rows[1]["fiscal_year"] == "2570"


def test_fy_filter_and_output_file(records: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(records)  # -o is relative to where the command was started
    r = run("export", "csv", "visits", "--fy", "๒๕๖๙", "-o", "out/visits.csv")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    rows = _csv((records / "out" / "visits.csv").read_bytes())
    assert [row["school"] for row in rows] == ["1063020130"]
    assert "1 แถว" in r.stderr


def test_schools_cases_plans_and_screenings(records: Path, run) -> None:
    schools = _csv(run("export", "csv", "schools").stdout)
    assert schools[0]["code"] == "1063020130" and schools[0]["smis"] == "63020130"
    assert schools[0]["size"] == "medium"  # derived from 150 pupils by nitet.yaml's thresholds
    assert schools[0]["dltv"] == "true" and schools[1]["dltv"] == "false"
    cases = _csv(run("export", "csv", "cases", "--fy", "2569").stdout)
    assert cases[0]["steps_done"] == "1.1" and cases[0]["last_step_date"] == "2025-10-05"
    assert cases[0]["progress"] == "0/4" and cases[0]["current_step"] == "1.2"
    plans = _csv(run("export", "csv", "plans").stdout)
    assert plans[0]["q1_spent"] == "12500" and plans[0]["q2_spent"] == "3000.5" and plans[0]["q3_spent"] == ""
    assert plans[0]["spent_total"] == "15500.5"
    assert plans[0]["indicators"] == "schools: โรงเรียนที่ได้รับการนิเทศ = 10 โรงเรียน"
    assert plans[0]["activities"] == "a1: นิเทศ (Q1,2)"
    scr = _csv(run("export", "csv", "screenings", "--academic-year", "2568").stdout)
    assert scr[0]["read_aloud_excellent"] == "5" and scr[0]["read_aloud_improve"] == "2"
    assert scr[0]["write_story_good"] == "0" and scr[0]["school_name"] == "โรงเรียนบ้านแม่ละเมา"
    assert list(scr[0])[:7] == ["id", "school", "school_name", "academic_year", "semester", "grade", "assessed"]


def test_xlsx_keeps_text_as_text(records: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    monkeypatch.chdir(records)
    r = run("export", "xlsx", "visits", "-o", "v.xlsx")
    assert r.exit_code == 0, r.stderr
    sheet = load_workbook(records / "v.xlsx")["visits"]
    rows = list(sheet.iter_rows(values_only=True))
    head = list(rows[0])
    first = dict(zip(head, rows[1], strict=True))
    assert first["findings"] == "-ครูเตรียมการสอน\nบรรทัดสอง"  # exact: xlsx marks text as text
    assert first["suggestions"] == "+เพิ่มสื่อ"
    assert first["date"].date() == date(2025, 11, 20)
    second = dict(zip(head, rows[2], strict=True))
    assert second["topics"] == "@mention"
    for row in sheet.iter_rows(min_row=2):
        for c in row:
            assert c.data_type != "f", c.coordinate
    assert run("export", "xlsx", "schools").exit_code == 0  # default name, in the workspace of -C
    cell = load_workbook(records / "schools.xlsx")["schools"]["D3"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"


def test_thai_headers_for_people_who_open_it_in_excel(records: Path, run) -> None:
    visits = _csv(run("export", "csv", "visits", "--thai-headers").stdout)
    assert list(visits[0])[:6] == ["รหัสบันทึก", "วันที่นิเทศ", "ปีงบประมาณ", "ไตรมาส", "รหัสโรงเรียน", "ชื่อโรงเรียน"]
    assert visits[0]["ผู้รับการนิเทศ"] == "ครูสมศรี (ครู, ป.4); ครูมานะ"
    scr = _csv(run("export", "csv", "screenings", "--thai-headers").stdout)
    assert scr[0]["อ่านออกเสียง ดีมาก"] == "5" and scr[0]["ปีการศึกษา (พ.ศ.)"] == "2568"
    for kind in ("schools", "cases", "plans"):
        head = run("export", "csv", kind, "--thai-headers").stdout.split("\n", 1)[0]
        assert not re.search(r"[a-z]{3,}_[a-z]", head), head  # no key left untranslated


def test_bad_kind_and_year_are_usage_errors(records: Path, run) -> None:
    r = run("export", "csv", "visit")
    assert r.exit_code == 2 and "schools, visits, cases, plans, screenings" in r.stderr
    assert run("export", "csv", "visits", "--fy", "2025").exit_code == 2
    assert run("export", "csv", "schools", "--fy", "2569").exit_code == 2
    assert run("export", "csv", "visits", "--academic-year", "2568").exit_code == 2


def test_an_empty_workspace_exports_just_the_header(run) -> None:
    r = run("export", "csv", "visits")
    assert r.exit_code == 0
    assert r.stdout.startswith("\ufeffid,date,fiscal_year,quarter,school,school_name")
    assert len(r.stdout.splitlines()) == 1


def test_csv_text_that_a_spreadsheet_would_run_starts_with_a_quote(records: Path, run) -> None:
    schools = {row["code"]: row for row in _csv(run("export", "csv", "schools").stdout)}
    assert schools["1063020131"]["name"] == "'=HYPERLINK(\"x\")"
    assert schools["1063020130"]["name"] == "โรงเรียนบ้านแม่ละเมา" and schools["1063020130"]["students"] == "150"
    visits = _csv(run("export", "csv", "visits").stdout)
    assert visits[1]["topics"] == "'@mention"
