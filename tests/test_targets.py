"""Target schools per fiscal year and project: the list, its checks, the command that fills it, and
its coverage in todo and report visits."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_runner
from nitet.storage.yamlfast import parse_fast

DLTV = ["1063350101", "1063350203", "1063350305", "1063350406", "1063350508"]  # the demo's DLTV schools
LIST = "records/targets/2569/dltv-2569.yaml"


@pytest.fixture
def demo(demo_ws: Path):  # noqa: ANN201
    run = make_runner(demo_ws)
    for f in (demo_ws / "records/targets").rglob("*.yaml"):  # start from no list
        f.unlink()
    return run


def test_add_by_code_and_name_writes_one_list_per_project_and_year(demo_ws: Path, demo) -> None:
    r = demo("target", "add", "--project", "dltv", "--fy", "2569", "1063350101", "บ้านผาลาด", "63020305",
             "--title", "โรงเรียนกลุ่มเป้าหมายโครงการ DLTV ปีงบประมาณ ๒๕๖๙", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["path"] == LIST and r.json()["schools"] == DLTV[:3]
    text = (demo_ws / LIST).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/target.schema.json\n")
    assert parse_fast(text.encode()) == {
        "id": "dltv-2569", "fiscal_year": 2569, "project": "dltv",
        "title": "โรงเรียนกลุ่มเป้าหมายโครงการ DLTV ปีงบประมาณ ๒๕๖๙", "schools": DLTV[:3]}
    (demo_ws / LIST).write_text(text.replace("schools:", "# รายชื่อจากหนังสือเขต ที่ ศธ ๐๔๐๖๑/๑๒๓\nschools:"),
                                encoding="utf-8")
    r = demo("target", "add", "--project", "dltv", "--fy", "2569", "1063350406", "1063350101")
    assert r.exit_code == 0 and "+ 1063350406 โรงเรียนบ้านห้วยไม้แดง" in r.stderr
    assert "อยู่ในรายชื่อแล้ว: 1063350101 โรงเรียนบ้านห้วยน้ำใส" in r.stderr
    r = demo("target", "remove", "--project", "dltv", "--fy", "2569", "บ้านผาลาด")
    assert r.exit_code == 0 and "- 1063350203 โรงเรียนบ้านผาลาด" in r.stderr
    text = (demo_ws / LIST).read_text(encoding="utf-8")
    assert "# รายชื่อจากหนังสือเขต" in text  # a round-trip edit keeps the office's comment
    assert parse_fast(text.encode())["schools"] == ["1063350101", "1063350305", "1063350406"]
    assert demo("target", "add", "--project", "dltv", "--fy", "2570", "1063350101").exit_code == 0
    assert (demo_ws / "records/targets/2570/dltv-2570.yaml").is_file()  # another year, another list
    assert demo("check").exit_code == 0


def test_an_unknown_or_ambiguous_school_writes_nothing(demo_ws: Path, demo) -> None:
    r = demo("target", "add", "--project", "dltv", "--fy", "2569", "1063350101", "ไม่มีโรงเรียนนี้")
    assert r.exit_code == 1 and "ไม่พบโรงเรียน 'ไม่มีโรงเรียนนี้' ในทะเบียน" in r.stderr
    r = demo("target", "add", "--project", "dltv", "--fy", "2569", "บ้านห้วย")
    assert r.exit_code == 1 and "'บ้านห้วย' ตรงกับโรงเรียน 2 โรง" in r.stderr
    assert not (demo_ws / LIST).exists()
    r = demo("target", "add", "--project", "dltv")
    assert r.exit_code == 2 and "ยังไม่ได้ระบุโรงเรียน" in r.stderr


def test_a_sheet_of_codes_or_names_fills_the_list(demo_ws: Path, demo, tmp_path: Path) -> None:
    sheet = tmp_path / "เป้าหมาย.csv"
    sheet.write_text("รายชื่อโรงเรียนกลุ่มเป้าหมาย DLTV\nที่,รหัสโรงเรียน,ชื่อ\n1,1063350101,บ้านห้วยน้ำใส\n"
                     "2,63020203,บ้านผาลาด\n3,1063350305,\n", encoding="utf-8")
    r = demo("target", "add", "--project", "dltv", "--fy", "2569", "--file", str(sheet), "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["schools"] == DLTV[:3]
    bad = tmp_path / "ผิด.txt"
    bad.write_text("1063350101\n1063359999\n", encoding="utf-8")
    r = demo("target", "add", "--project", "reading", "--fy", "2569", "--file", str(bad))
    assert r.exit_code == 1 and "1 แถวไม่ตรงกับโรงเรียนในทะเบียน" in r.stderr and "แถว 2: 1063359999" in r.stderr
    assert not (demo_ws / "records/targets/2569/reading-2569.yaml").exists()


def test_check_points_at_an_unknown_school_and_a_repeated_one(demo_ws: Path, demo) -> None:
    path = demo_ws / LIST
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("fiscal_year: 2569\nproject: dltv\nschools:\n  - '1063350101'\n  - '1063359999'\n"
                    "  - '1063350101'\n  - '63020203'\n", encoding="utf-8")
    r = demo("check", "--json")
    got = sorted((f["line"], f["check"], f["severity"]) for f in r.json()["findings"])
    assert got == [(5, "unknown-school", "error"), (6, "target-twice", "warning"), (7, "school-ref", "error")]
    wrong = demo_ws / "records/targets/2569/dltv.yaml"
    path.rename(wrong)
    wrong.write_text("fiscal_year: 2569\nproject: dltv\nschools: ['1063350101']\n", encoding="utf-8")
    r = demo("check", "--json")
    assert [(f["check"], f["message"]) for f in r.json()["findings"]] == [
        ("target-name", "รายชื่อโรงเรียนกลุ่มเป้าหมายของโครงการ dltv ปีงบประมาณ 2569 ควรอยู่ในไฟล์ dltv-2569.yaml")]


def test_target_list_shows_visited_and_not_yet(demo_ws: Path, demo) -> None:
    assert demo("target", "add", "--project", "dltv", "--fy", "2569", *DLTV).exit_code == 0
    data = demo("target", "list", "--fy", "2569", "--json").json()
    assert [(d["project"], d["total"], d["visited"]) for d in data] == [("dltv", 5, 5)]
    assert data[0]["schools"][3] == {"code": "1063350406", "name": "โรงเรียนบ้านห้วยไม้แดง", "visited": True,
                                     "last_visit": "2025-12-03"}
    text = demo("target", "list", "--fy", "2569").stdout
    assert "นิเทศแล้ว 5 จาก 5 โรง ถึง 30 ก.ย. 2569" in text
    none = demo("target", "list", "--fy", "2575", "--json").json()  # no list: the registry's target: true
    assert [(d["project"], d["source"], d["total"]) for d in none] == [(None, "flag", 3)]


def test_coverage_per_project_in_report_visits_and_todo(demo_ws: Path, demo) -> None:
    assert demo("target", "add", "--project", "dltv", "--fy", "2569", *DLTV).exit_code == 0
    assert demo("target", "add", "--project", "reading", "--fy", "2569",
                "1063350102", "1063350204", "1063350407", "1063350101").exit_code == 0
    md = demo("report", "visits", "--fy", "2569", "--quarter", "2", "--date", "2026-04-01").stdout
    # Q2 DLTV visits: 101, 508, 203, 305 (4 of 5; 406 was visited for reading only); reading: 407, 102, 204, 406
    assert ("| ๑ | โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV) | ๕ | ๔ | ๑ | ๘๐.๐๐ | "
            "โรงเรียนบ้านห้วยไม้แดง |") in md
    assert "| ๒ | โครงการนิเทศติดตามการอ่านการเขียนตามนโยบาย สพฐ. | ๔ | ๓ | ๑ | ๗๕.๐๐ | โรงเรียนบ้านห้วยน้ำใส |" in md
    todo = demo("todo", "--date", "2026-02-01")
    assert ("โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV): นิเทศแล้ว 2 จาก 5 โรง — ยังไม่ได้นิเทศ: "
            "โรงเรียนบ้านผาลาด, โรงเรียนบ้านแม่กลองน้อย, โรงเรียนบ้านห้วยไม้แดง") in todo.stdout
    doc = demo("todo", "--date", "2026-02-01", "--json").json()
    assert [(x["project"], x["total"], len(x["visited"])) for x in doc["targets"]] == [("dltv", 5, 2), ("reading", 4, 1)]
    # a school on a list of the year counts as a target school among the unvisited
    assert {u["code"] for u in doc["unvisited"] if u["target"]} >= {"1063350406", "1063350204"}


def test_school_target_stays_the_default_where_a_project_has_no_list(demo_ws: Path, demo) -> None:
    md = demo("report", "visits", "--fy", "2569", "--quarter", "2", "--date", "2026-04-01").stdout
    assert "| ๑ | ทุกโครงการ (โรงเรียนกลุ่มเป้าหมาย) | ๓ | ๓ | ๐ | ๑๐๐.๐๐ | - |" in md
    schools = demo("school", "list", "--target", "--json").json()
    assert sorted(s["code"] for s in schools) == ["1063350101", "1063350203", "1063350305"]
