"""Closing the loop of a follow-up: visit done --date --result, the form's offer to close the open
follow-up of the school, and todo / the visits report showing what was found."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import Runner
from test_school import write_schools

SCHOOL = "1063020130"


@pytest.fixture
def visited(run: Runner, ws: Path) -> str:
    """A visit of 5 Oct 2025 whose follow-up (15 Oct: look at the after-lesson notes) is open."""
    write_schools(ws)
    r = run("visit", "add", "--school", SCHOOL, "--date", "2025-10-05", "--suggestion", "ทบทวนหลังออกอากาศ",
            "--follow-up", "2025-10-15", "--follow-up-action", "ดูบันทึกหลังสอน", "--json")
    assert r.exit_code == 0, r.stderr
    return str(r.json()["id"])  # type: ignore[index]


def visit_file(ws: Path, visit_id: str) -> Path:
    return next((ws / "records/visits").rglob(f"{visit_id}.yaml"))


def test_done_records_the_day_the_result_and_who_in_the_follow_up(run: Runner, ws: Path, visited: str) -> None:
    path = visit_file(ws, visited)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  action: ดูบันทึกหลังสอน", "  action: ดูบันทึกหลังสอน  # ตามที่ตกลงกับ ผอ."), encoding="utf-8")
    r = run("visit", "done", visited[-6:], "--date", "16 ต.ค. 68", "--result", "  ครูบันทึกหลังสอน  ครบทุกคาบ ")
    assert r.exit_code == 0, r.stderr
    assert "ติดตามผลแล้ว 16 ต.ค. 2568: โรงเรียนบ้านแม่ละเมา — ครูบันทึกหลังสอน ครบทุกคาบ" in r.stderr
    assert path.read_text(encoding="utf-8").split("follow_up:\n")[1].splitlines() == [
        "  date: 2025-10-15", "  action: ดูบันทึกหลังสอน  # ตามที่ตกลงกับ ผอ.", "  done: true", "  done_date: 2025-10-16",
        "  result: ครูบันทึกหลังสอน ครบทุกคาบ", "  done_by: นางสาวทดสอบ ระบบ"]
    # a result added later keeps the day recorded; the same again changes nothing
    assert run("visit", "done", visited, "--result", "ครบทุกคาบ").exit_code == 0
    assert "  done_date: 2025-10-16\n  result: ครบทุกคาบ\n" in path.read_text(encoding="utf-8")
    r = run("visit", "done", visited, "--result", "ครบทุกคาบ")
    assert r.exit_code == 0 and r.stderr.startswith("ไม่มีอะไรเปลี่ยน")
    assert run("check").exit_code == 0


def test_done_without_options_closes_it_today(run: Runner, ws: Path, visited: str) -> None:
    assert run("visit", "done", visited).exit_code == 0
    text = visit_file(ws, visited).read_text(encoding="utf-8")
    assert f"  done: true\n  done_date: {date.today().isoformat()}\n" in text and "result" not in text


@pytest.mark.parametrize(("day", "said"), [("2025-10-04", "อยู่ก่อนวันนิเทศ"), ("future", "ยังมาไม่ถึง")])
def test_done_refuses_a_day_before_the_visit_or_still_to_come(run: Runner, ws: Path, visited: str,
                                                              day: str, said: str) -> None:
    before = visit_file(ws, visited).read_text(encoding="utf-8")
    if day == "future":
        day = (date.today() + timedelta(days=3)).isoformat()
    r = run("visit", "done", visited, "--date", day)
    assert r.exit_code == 2 and said in r.stderr
    assert visit_file(ws, visited).read_text(encoding="utf-8") == before


def test_done_on_a_visit_without_follow_up_says_how_to_add_one(run: Runner, ws: Path) -> None:
    write_schools(ws)
    vid = run("visit", "add", "--school", SCHOOL, "--date", "2025-10-05", "--json").json()["id"]  # type: ignore[index]
    r = run("visit", "done", vid, "--result", "x")
    assert r.exit_code == 1 and "ไม่มีการติดตามผล" in r.stderr and "--follow-up" in r.stderr


def test_a_done_day_before_the_visit_written_by_hand_is_a_finding(run: Runner, ws: Path, visited: str) -> None:
    path = visit_file(ws, visited)
    path.write_text(path.read_text(encoding="utf-8") + "  done: true\n  done_date: 2025-10-01\n", encoding="utf-8")
    r = run("check", "--json")
    assert [(f["check"], f["line"]) for f in r.json()["findings"]] == [  # type: ignore[index]
        ("follow-up-date", len(path.read_text(encoding="utf-8").splitlines()))]


def test_todo_shows_what_was_found_and_is_as_of_the_day(run: Runner, ws: Path, visited: str) -> None:
    assert run("visit", "done", visited, "--date", "2025-10-16", "--result", "ครูบันทึกหลังสอนครบ").exit_code == 0
    before = run("todo", "--date", "2025-10-15", "--json").json()
    assert [f["visit"] for f in before["follow_ups"]] == [visited]  # type: ignore[index]
    after = run("todo", "--date", "2025-10-17", "--json").json()
    assert after["follow_ups"] == []  # type: ignore[index]
    assert after["closed"] == [{  # type: ignore[index]
        "visit": visited, "school": SCHOOL, "school_name": "โรงเรียนบ้านแม่ละเมา", "action": "ดูบันทึกหลังสอน",
        "done_date": "2025-10-16", "result": "ครูบันทึกหลังสอนครบ", "done_by": "นางสาวทดสอบ ระบบ"}]
    text = run("todo", "--date", "2025-10-17").stdout
    assert "16 ต.ค. 2568 โรงเรียนบ้านแม่ละเมา — ดูบันทึกหลังสอน: ครูบันทึกหลังสอนครบ" in text.replace("\n    ", " ")


def test_the_visits_report_shows_each_follow_up_and_its_result(run: Runner, ws: Path, visited: str) -> None:
    run("visit", "add", "--school", "1063020131", "--date", "2025-10-07", "--follow-up", "2025-11-01",
        "--follow-up-action", "ดูแผนการสอน")
    run("visit", "done", visited, "--date", "2025-10-16", "--result", "ครูบันทึกหลังสอนครบ")
    text = run("report", "visits", "--fy", "2569", "--quarter", "1").stdout
    section = text.split("## การติดตามผล")[1]
    assert "| ๑ | โรงเรียนบ้านแม่ละเมา | ๕ ต.ค. ๒๕๖๘ | ดูบันทึกหลังสอน | ๑๕ ต.ค. ๒๕๖๘ | ๑๖ ต.ค. ๒๕๖๘ | ครูบันทึกหลังสอนครบ |" in section
    assert "| ๒ | ร.ร.บ้านกง | ๗ ต.ค. ๒๕๖๘ | ดูแผนการสอน | ๑ พ.ย. ๒๕๖๘ | ยังไม่ได้ติดตาม | - |" in section


def test_the_export_of_visits_carries_the_result_of_each_follow_up(run: Runner, ws: Path, visited: str) -> None:
    import csv
    import io

    run("visit", "done", visited, "--date", "2025-10-16", "--result", "ครูบันทึกหลังสอนครบ")
    r = run("export", "csv", "visits", "--thai-headers")
    assert r.exit_code == 0, r.stderr
    [row] = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert (row["ติดตามแล้ว"], row["วันที่ติดตาม"], row["ผลการติดตาม"], row["ผู้ติดตาม"]) == (
        "true", "2025-10-16", "ครูบันทึกหลังสอนครบ", "นางสาวทดสอบ ระบบ")


def test_the_form_offers_to_close_the_open_follow_up_of_the_school(run: Runner, ws: Path, visited: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nitet.cli.context.interactive", lambda: True)
    answers = [SCHOOL, "2025-10-20",
               "y", "", "ครูบันทึกหลังสอนครบทุกคาบ",  # close it: on the visit's day (Enter), with a result
               "n", *[""] * 10, "y"]                   # not from the last visit; defaults; save
    r = run("visit", "add", input="\n".join(answers) + "\n")
    assert r.exit_code == 0, r.stderr
    assert "การติดตามผลที่ยังเปิดอยู่ (จากการนิเทศ 5 ต.ค. 2568): ดูบันทึกหลังสอน กำหนด 15 ต.ค. 2568" in r.stderr
    assert "ปิดการติดตามผลครั้งก่อน: ติดตามแล้ว 20 ต.ค. 2568 — ครูบันทึกหลังสอนครบทุกคาบ" in r.stderr
    text = visit_file(ws, visited).read_text(encoding="utf-8")
    assert "  done: true\n  done_date: 2025-10-20\n  result: ครูบันทึกหลังสอนครบทุกคาบ\n" in text
    assert len(list((ws / "records/visits").rglob("*.yaml"))) == 2


def test_declining_the_form_leaves_the_follow_up_open(run: Runner, ws: Path, visited: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nitet.cli.context.interactive", lambda: True)
    before = visit_file(ws, visited).read_text(encoding="utf-8")
    answers = [SCHOOL, "2025-10-20", "y", "", "พบแล้ว", "n", *[""] * 10, "n"]  # ... then "save? n"
    r = run("visit", "add", input="\n".join(answers) + "\n")
    assert r.exit_code == 1
    assert visit_file(ws, visited).read_text(encoding="utf-8") == before


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")
def test_the_visit_and_the_follow_up_it_closed_are_written_and_committed_together(
        run: Runner, ws: Path, visited: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=ws, check=True,
                              capture_output=True, text=True).stdout

    git("init", "-q")
    git("config", "nitet.supervisor", "นางสาวทดสอบ ระบบ")  # else the form first asks who this clone is
    git("add", "-A")
    git("commit", "-q", "-m", "start")
    monkeypatch.setattr("nitet.cli.context.interactive", lambda: True)
    answers = [SCHOOL, "2025-10-20", "y", "", "ครบ", "n", *[""] * 10, "y"]
    r = run("visit", "add", "--commit", input="\n".join(answers) + "\n")
    assert r.exit_code == 0, r.stderr
    changed = git("show", "--name-only", "--format=", "HEAD").split()
    assert len(changed) == 2 and visit_file(ws, visited).relative_to(ws).as_posix() in changed
    assert git("status", "--porcelain") == ""
