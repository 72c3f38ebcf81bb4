"""nitet visit add|list|show|edit|done|due with options (no terminal)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Runner
from nitet.core import thai
from test_school import write_schools


@pytest.fixture
def run(run: Runner, ws: Path) -> Runner:
    write_schools(ws)
    return run


def visit_files(ws: Path) -> list[Path]:
    return sorted((ws / "records/visits").rglob("*.yaml"))


def add(run: Runner, *args: str) -> dict[str, str]:
    r = run("visit", "add", *args, "--json")
    assert r.exit_code == 0, r.stderr
    return r.json()  # type: ignore[return-value]


def test_add_with_options_writes_every_field(run: Runner, ws: Path) -> None:
    out = add(run, "--school", "1063020130", "--date", "25/11/2569", "--project", "dltv",
              "--method", "observation", "--method", "ตรวจเอกสาร", "--method", "ถามตอบ",
              "--supervisee", "นางสาวใจดี มีสุข|ครู|ภาษาไทย|ป.1", "--supervisee", "นายมานะ อดทน",
              "--topic", "การใช้ DLTV", "--finding", "ครูเตรียมการสอน", "--strength", "ห้องเรียนพร้อม",
              "--improvement", "การบันทึกหลังสอน", "--suggestion", "ทบทวนหลังออกอากาศ", "--follow-up", "10 ธ.ค. 69",
              "--follow-up-action", "ดูบันทึกหลังสอน", "--rating", "การวางแผน=๔", "--supervisor", "นายก", "--supervisor", "นางข")
    path = ws / out["path"]
    assert out["path"].startswith("records/visits/2570/2026-11-25-1063020130-") and out["id"] == path.stem
    assert path.read_text(encoding="utf-8").splitlines()[1:] == [
        f"id: {path.stem}", "date: 2026-11-25", "school: '1063020130'", "supervisors:", "  - นายก", "  - นางข",
        "kind: project-based", "project: dltv", "methods:", "  - observation", "  - document-review", "  - ถามตอบ",
        "supervisees:", "  - name: นางสาวใจดี มีสุข", "    position: ครู", "    subject: ภาษาไทย", "    grade: ป.1",
        "  - name: นายมานะ อดทน", "topics:", "  - การใช้ DLTV", "findings: ครูเตรียมการสอน", "strengths: ห้องเรียนพร้อม",
        "improvements: การบันทึกหลังสอน", "suggestions: ทบทวนหลังออกอากาศ", "follow_up:", "  date: 2026-12-10",
        "  action: ดูบันทึกหลังสอน", "ratings:", "  การวางแผน: 4"]
    assert run("check").exit_code == 0


def test_school_by_smis_obec_or_name_stores_the_key(run: Runner, ws: Path) -> None:
    run("school", "edit", "1063020131", "--smis", "63020002", "--obec", "630002")
    for name in ("63020002", "630002", "ร.ร.บ้านกง", "โรงเรียนบ้านกง"):
        out = add(run, "--school", name, "--date", "2026-11-01")
        assert "school: '1063020131'" in (ws / out["path"]).read_text(encoding="utf-8")


def test_supervisor_defaults_to_nitet_yaml(run: Runner, ws: Path) -> None:
    out = add(run, "--school", "1063020130", "--date", "2026-11-01")
    text = (ws / out["path"]).read_text(encoding="utf-8")
    assert "supervisors:\n  - นางสาวทดสอบ ระบบ\nkind" not in text  # kind default is not written
    assert "supervisors:\n  - นางสาวทดสอบ ระบบ\n" in text


FORMS = ["2026-11-25", "2569-11-25", "25/11/2569", "25/11/2026", "25 พ.ย. 2569", "25 พ.ย. 69", "๒๕ พฤศจิกายน ๒๕๖๙",
         "๒๕/๑๑/๒๕๖๙"]


@pytest.mark.parametrize("form", FORMS)
def test_every_spec_date_form_stores_the_iso_date(run: Runner, ws: Path, form: str) -> None:
    out = add(run, "--school", "1063020130", "--date", form)
    assert "\ndate: 2026-11-25\n" in (ws / out["path"]).read_text(encoding="utf-8")
    assert "/2570/2026-11-25-" in out["path"]


@settings(max_examples=25, deadline=None)
@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 10, 1)),
       st.sampled_from(["short", "full", "short2", "iso-be", "slash"]), st.booleans())
def test_any_shown_date_reads_back_to_the_same_visit_date(day: date, style: str, thai_digits: bool) -> None:
    from nitet.domain.visit_input import parse_day

    if style == "iso-be":
        text = f"{day.year + 543}-{day.month:02d}-{day.day:02d}"
    elif style == "slash":
        text = f"{day.day}/{day.month}/{day.year + 543}"
    else:
        text = thai.format_date(day, style, thai_digits)
    assert parse_day(thai.to_thai_digits(text) if thai_digits else text, "--date") == day


@pytest.mark.parametrize(("args", "code", "says"), [
    (["--date", "31/02/2569"], 2, "ไม่มีในเดือนกุมภาพันธ์"),
    (["--date", "11/25/2026"], 2, "ไม่มีเดือนที่ 25"),
    (["--date", "พรุ่งนี้"], 2, "อ่านวันที่"),
    (["--date", "2026-11-20", "--follow-up", "2026-11-19"], 2, "ก่อนวันนิเทศ"),
    (["--date", "2026-11-20", "--follow-up", "30/02/2569"], 2, "--follow-up"),
    (["--date", "2026-11-20", "--case", "no-such-case"], 1, "no-such-case"),
    (["--date", "2026-11-20", "--step", "1"], 2, "--case"),
    (["--date", "2026-11-20", "--kind", "เยี่ยมบ้าน"], 2, "school-based"),
    (["--date", "2026-11-20", "--supervisee", "|ครู"], 2, "ชื่อ|ตำแหน่ง"),
    (["--date", "2026-11-20", "--rating", "การวางแผน"], 2, "รายการ=คะแนน"),
    (["--date", "2026-11-20", "--rating", "การวางแผน=7"], 1, "7"),
])
def test_bad_input_is_refused_and_nothing_is_written(run: Runner, ws: Path, args: list[str], code: int,
                                                     says: str) -> None:
    r = run("visit", "add", "--school", "1063020130", *args)
    assert r.exit_code == code, r.stderr
    assert says in r.stderr
    assert "Traceback" not in r.stderr
    assert visit_files(ws) == []


def test_unknown_school_suggests_close_matches(run: Runner, ws: Path) -> None:
    r = run("visit", "add", "--school", "บ้านแม่ละเมอ", "--date", "2026-11-20")
    assert r.exit_code == 1
    assert "ไม่พบโรงเรียน 'บ้านแม่ละเมอ'" in r.stderr and "1063020130 โรงเรียนบ้านแม่ละเมา" in r.stderr
    assert visit_files(ws) == []


def test_without_terminal_school_and_date_are_required(run: Runner, ws: Path) -> None:
    assert run("visit", "add", "--school", "1063020130").exit_code == 2
    assert run("visit", "add", input="1063020130\n").exit_code == 2
    assert visit_files(ws) == []


def test_a_date_far_ahead_needs_force(run: Runner, ws: Path) -> None:
    ahead = (date.today() + timedelta(days=45)).isoformat()
    r = run("visit", "add", "--school", "1063020130", "--date", ahead)
    assert r.exit_code == 2 and "--force" in r.stderr and visit_files(ws) == []
    near = (date.today() + timedelta(days=30)).isoformat()
    assert run("visit", "add", "--school", "1063020130", "--date", near).exit_code == 0
    assert run("visit", "add", "--school", "1063020130", "--date", ahead, "--force").exit_code == 0


def test_case_and_step_must_exist_in_the_workflow(run: Runner, ws: Path) -> None:
    case = ws / "records/cases/2569/area-supervision-2569-abc123.yaml"
    case.parent.mkdir(parents=True)
    case.write_text("id: area-supervision-2569-abc123\nworkflow: area-supervision\ntitle: นิเทศ 2569\n"
                    "fiscal_year: 2569\nstarted: 2025-10-01\n", encoding="utf-8")
    base = ["visit", "add", "--school", "1063020130", "--date", "2025-11-20", "--case", "area-supervision-2569-abc123"]
    r = run(*base, "--step", "9.9")
    assert r.exit_code == 1 and "4.2.1" in r.stderr and visit_files(ws) == []
    r = run(*base, "--step", "4.2.1", "--json")
    assert r.exit_code == 0
    assert "case: area-supervision-2569-abc123\nstep: 4.2.1\n" in (ws / r.json()["path"]).read_text(encoding="utf-8")


def test_from_last_copies_context_but_not_findings(run: Runner, ws: Path) -> None:
    add(run, "--school", "1063020130", "--date", "2026-10-05", "--kind", "school-based", "--project", "reading",
        "--method", "coaching", "--supervisee", "นางสาวใจดี มีสุข|ครู|ภาษาไทย|ป.1", "--topic", "อ่านออกเสียง",
        "--finding", "อ่านช้า", "--suggestion", "ฝึกอ่านวันละ 10 นาที", "--follow-up", "2026-11-01",
        "--follow-up-action", "ดูสมุดบันทึกการอ่าน")
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-02", "--from-last", "--topic", "เขียนคำ", "--json")
    assert r.exit_code == 0, r.stderr
    assert "ฝึกอ่านวันละ 10 นาที" in r.stderr and "ดูสมุดบันทึกการอ่าน" in r.stderr  # what was advised last time
    new = run("visit", "show", r.json()["id"], "--json").json()
    assert new["project"] == "reading" and new["kind"] == "school-based" and new["methods"] == ["coaching"]
    assert new["supervisees"] == [{"name": "นางสาวใจดี มีสุข", "position": "ครู", "subject": "ภาษาไทย", "grade": "ป.1"}]
    assert new["topics"] == ["เขียนคำ"]  # an option given wins over the copy
    assert new["findings"] is None and new["suggestions"] is None and new["follow_up"] is None


def test_project_without_kind_is_project_based_and_unknown_project_warns(run: Runner) -> None:
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-02", "--project", "ไม่มีในแผน", "--json")
    assert r.exit_code == 0 and "ไม่รู้จักโครงการ" in r.stderr
    assert run("visit", "show", r.json()["id"], "--json").json()["kind"] == "project-based"


@pytest.mark.parametrize("kind", ["project-based", "โครงการเป็นฐาน", "นิเทศโดยใช้โครงการเป็นฐาน", "นิเทศโดยใช้ โครงการเป็นฐาน"])
def test_visit_show_names_the_kind_as_the_office_writes_it(run: Runner, kind: str) -> None:
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-02", "--kind", kind, "--json")
    assert r.exit_code == 0, r.stderr
    shown = run("visit", "show", r.json()["id"]).stdout
    assert "รูปแบบการนิเทศ: นิเทศโดยใช้โครงการเป็นฐาน\n" in shown and "ลักษณะ:" not in shown


@pytest.fixture
def year_of_visits(run: Runner, ws: Path) -> Runner:
    from nitet.model import Visit
    from nitet.storage import ids, writer
    from nitet.storage.workspace import open_workspace

    w = open_workspace(ws)
    for school, day, project in [
        ("1063020130", "2025-09-30", "dltv"),    # FY 2568 Q4, academic year 2568 semester 1
        ("1063020130", "2025-10-01", "dltv"),    # FY 2569 Q1, between semesters
        ("1063020131", "2025-12-31", "reading"),  # FY 2569 Q1, AY 2568 semester 2
        ("1063020132", "2026-01-01", None),       # FY 2569 Q2, AY 2568 semester 2
        ("1063020133", "2026-05-16", "dltv"),     # FY 2569 Q3, AY 2569 semester 1
        ("1063020130", "2026-09-30", "reading"),  # FY 2569 Q4
        ("1063020131", "2026-10-01", None),       # FY 2570 Q1
    ]:
        path = ids.visit_path(w, date.fromisoformat(day), school)
        path.parent.mkdir(parents=True, exist_ok=True)
        writer.create(w, path, Visit, {"id": path.stem, "date": day, "school": school, "project": project} if project
                      else {"id": path.stem, "date": day, "school": school})
    return run


def dates(run: Runner, *args: str) -> list[str]:
    r = run("visit", "list", *args, "--json")
    assert r.exit_code == 0, r.stderr
    return [v["date"] for v in r.json()]  # type: ignore[union-attr]


def test_fiscal_filters_are_exact_at_30_september_and_1_october(year_of_visits: Runner) -> None:
    run = year_of_visits
    assert dates(run, "--fy", "2569") == ["2025-10-01", "2025-12-31", "2026-01-01", "2026-05-16", "2026-09-30"]
    assert dates(run, "--fy", "2568") == ["2025-09-30"]
    assert dates(run, "--fy", "2570") == ["2026-10-01"]
    assert dates(run, "--fy", "2569", "--quarter", "1") == ["2025-10-01", "2025-12-31"]
    assert dates(run, "--fy", "2569", "--quarter", "2") == ["2026-01-01"]
    assert dates(run, "--fy", "2569", "--quarter", "4") == ["2026-09-30"]
    assert dates(run, "--fy", "2568", "--quarter", "4") == ["2025-09-30"]


def test_academic_year_and_semester_filters_use_the_calendar(year_of_visits: Runner, ws: Path) -> None:
    run = year_of_visits
    assert dates(run, "--academic-year", "2568", "--semester", "2") == ["2025-12-31", "2026-01-01"]
    assert dates(run, "--academic-year", "2569", "--semester", "1") == ["2026-05-16", "2026-09-30", "2026-10-01"]
    cfg = ws / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "  years: {}", "  years:\n    2569:\n      - {semester: 1, start: 2026-05-18, end: 2026-10-09}\n"
        "      - {semester: 2, start: 2026-11-01, end: 2027-03-31}"), encoding="utf-8")
    assert dates(run, "--academic-year", "2569", "--semester", "1") == ["2026-09-30", "2026-10-01"]
    assert dates(run, "--academic-year", "2569", "--fy", "2569") == ["2026-09-30"]
    assert run("visit", "list", "--academic-year", "69").exit_code == 2


def test_school_project_and_network_filters(year_of_visits: Runner) -> None:
    run = year_of_visits
    assert dates(run, "--school", "บ้านแม่ละเมา") == ["2025-09-30", "2025-10-01", "2026-09-30"]
    assert dates(run, "--project", "dltv", "--fy", "2569") == ["2025-10-01", "2026-05-16"]
    assert dates(run, "--network", "แม่ละเมา", "--fy", "2569") == ["2025-10-01", "2026-01-01", "2026-09-30"]
    assert run("visit", "list", "--quarter", "5").exit_code == 2


def test_list_json_shape_and_thai_table(year_of_visits: Runner) -> None:
    run = year_of_visits
    first = run("visit", "list", "--fy", "2568", "--json").json()[0]
    assert {"id", "date", "school", "project", "school_name", "kind", "supervisors", "findings", "suggestions",
            "follow_up"} <= set(first)
    assert first["date"] == "2025-09-30" and first["school"] == "1063020130" and first["project"] == "dltv"
    assert first["school_name"] == "โรงเรียนบ้านแม่ละเมา"
    table = run("visit", "list", "--fy", "2569", "--quarter", "1").stdout
    assert "1 ต.ค. 2568" in table and "31 ธ.ค. 2568" in table and "2025-" not in table.split("\n", 1)[0]


def test_due_lists_open_follow_ups_with_last_advice_and_done_closes_them(run: Runner, ws: Path) -> None:
    today = date.today()
    late = add(run, "--school", "1063020130", "--date", (today - timedelta(days=20)).isoformat(),
               "--suggestion", "ฝึกอ่านทุกวัน", "--follow-up", (today - timedelta(days=3)).isoformat(),
               "--follow-up-action", "ตรวจสมุดการอ่าน")
    add(run, "--school", "1063020131", "--date", today.isoformat(), "--follow-up",
        (today + timedelta(days=20)).isoformat())
    rows = run("visit", "due", "--json").json()
    assert [(r["visit"], r["days_left"], r["suggestions"], r["action"]) for r in rows] == [
        (late["id"], -3, "ฝึกอ่านทุกวัน", "ตรวจสมุดการอ่าน")]
    assert len(run("visit", "due", "--days", "20", "--json").json()) == 2
    assert "เลยกำหนด 3 วัน" in run("visit", "due").stdout
    short = late["id"].rsplit("-", 1)[1]
    assert run("visit", "done", short).exit_code == 0
    assert "  done: true" in (ws / late["path"]).read_text(encoding="utf-8")
    assert run("visit", "due", "--json").json() == []


def test_follow_ups_due_library_boundaries(year_of_visits: Runner, ws: Path) -> None:
    from nitet.domain.visits import follow_ups_due
    from nitet.storage.loader import load
    from nitet.storage.workspace import open_workspace

    add(year_of_visits, "--school", "1063020132", "--date", "2026-01-01", "--follow-up", "2026-01-15")
    loaded = load(open_workspace(ws))
    assert [f.due for f in follow_ups_due(loaded, date(2026, 1, 1), 14)] == [date(2026, 1, 15)]
    assert follow_ups_due(loaded, date(2026, 1, 1), 13) == []
    found = follow_ups_due(loaded, date(2026, 1, 20), 0)
    assert found[0].days_left(date(2026, 1, 20)) == -5 and found[0].school_name == "โรงเรียนวัดเกาะ"


def test_edit_keeps_comments_and_refuses_bad_follow_up(run: Runner, ws: Path) -> None:
    out = add(run, "--school", "1063020130", "--date", "2026-11-02", "--suggestion", "ก")
    path = ws / out["path"]
    path.write_text(path.read_text(encoding="utf-8").replace("suggestions: ก", "suggestions: ก  # จากที่ประชุม"),
                    encoding="utf-8")
    r = run("visit", "edit", out["id"], "--finding", "ครูใช้สื่อ", "--follow-up", "2026-11-20")
    assert r.exit_code == 0, r.stderr
    text = path.read_text(encoding="utf-8")
    assert "findings: ครูใช้สื่อ\nsuggestions: ก  # จากที่ประชุม\nfollow_up:\n  date: 2026-11-20\n" in text
    before = path.read_text(encoding="utf-8")
    assert run("visit", "edit", out["id"], "--follow-up", "2026-11-01").exit_code == 2
    assert run("visit", "edit", "ไม่มี").exit_code == 1
    assert path.read_text(encoding="utf-8") == before


def test_english_messages_with_lang_en(run: Runner) -> None:
    r = run("visit", "add", "--school", "nowhere", "--date", "2026-11-02", lang="en")
    assert r.exit_code == 1 and "school 'nowhere' is not registered" in r.stderr


def test_a_two_digit_year_decades_back_is_refused_with_the_forms_to_type(run: Runner, ws: Path) -> None:
    r = run("visit", "add", "--school", "1063020130", "--date", "25/11/26")
    assert r.exit_code == 2 and visit_files(ws) == []
    assert "วันที่นิเทศ 25 พ.ย. 2526 เก่ากว่า 3 ปี" in r.stderr
    this_year = date.today().year
    assert f"25/11/{(this_year + 543) % 100:02d} หรือ 25/11/{this_year}" in r.stderr and "--force" in r.stderr
    assert add(run, "--school", "1063020130", "--date", "25/11/26", "--force")["path"].startswith(
        "records/visits/2527/1983-11-25-")


def test_an_unknown_method_is_kept_as_typed_with_a_note_naming_the_close_one(run: Runner, ws: Path) -> None:
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-20", "--method", "observ",
            "--method", "เยี่ยมบ้านนักเรียน", "--method", "สังเกตการสอน", "--json")
    assert r.exit_code == 0, r.stderr
    assert "หมายเหตุ: วิธีการนิเทศ 'observ' ไม่อยู่ในรายการที่รู้จัก จึงบันทึกตามที่พิมพ์ (หมายถึง observation หรือไม่?" in r.stderr
    assert "หมายเหตุ: วิธีการนิเทศ 'เยี่ยมบ้านนักเรียน' ไม่อยู่ในรายการที่รู้จัก จึงบันทึกตามที่พิมพ์\n" in r.stderr
    assert r.stderr.count("หมายเหตุ") == 2
    [path] = visit_files(ws)
    assert "  - observ\n  - เยี่ยมบ้านนักเรียน\n  - observation\n" in path.read_text(encoding="utf-8")


def test_an_empty_list_names_the_period_it_looked_at(run: Runner, ws: Path) -> None:
    r = run("visit", "list", "--fy", "2569", "--quarter", "1")
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr == "ไม่พบการนิเทศตามเงื่อนไข (1 ต.ค. 2568 – 31 ธ.ค. 2568)\n"


def test_adding_a_visit_already_recorded_warns_and_keeps_both(run: Runner, ws: Path) -> None:
    first = add(run, "--school", "1063020130", "--date", "2026-11-20", "--supervisee", "ครูหนึ่ง|ครู|ภาษาไทย|ป.1")
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-20", "--supervisee", "ครู หนึ่ง||ภาษาไทย|ป.1",
            "--finding", "ต่อ")
    assert r.exit_code == 0
    assert f"คำเตือน: มีบันทึกการนิเทศครูคนนี้ (ชื่อ กลุ่มสาระ ชั้น) ที่โรงเรียนนี้ในวันเดียวกันแล้ว: {first['path']}" in r.stderr
    assert len(visit_files(ws)) == 2  # nothing typed is lost
    other = run("visit", "add", "--school", "1063020130", "--date", "2026-11-20", "--supervisee", "ครูสอง|ครู|ภาษาไทย|ป.1")
    assert other.exit_code == 0 and "คำเตือน" not in other.stderr
