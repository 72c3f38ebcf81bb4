"""The Thai visit form on a terminal: answers typed line by line; Ctrl-C or end of input writes nothing."""

from __future__ import annotations

import builtins
from datetime import date
from pathlib import Path

import pytest

from conftest import Runner
from test_school import write_schools


@pytest.fixture
def tty(run: Runner, ws: Path, monkeypatch: pytest.MonkeyPatch) -> Runner:
    write_schools(ws)
    monkeypatch.setattr("nitet.cli.context.interactive", lambda: True)
    return run


def visit_files(ws: Path) -> list[Path]:
    return sorted((ws / "records/visits").rglob("*.yaml"))


ANSWERS = [
    "แม่ละเมอ",            # no match: suggestions shown, asked again
    "บ้าน",                # several matches: a numbered list
    "3",                   # the third of them (Thai order: บ้านกง, บ้านขะเนจื้อ, บ้านแม่ละเมา)
    "31/02/2569",          # impossible date: asked again
    "25 พ.ย. 69",
    "1",                   # project 1 = dltv
    "",                    # kind: project-based is the default once a project is chosen
    "1 ๕ ถามตอบ",          # observation, document-review (Thai digit 5) and a method of one's own
    "นางสาวใจดี มีสุข", "", "ภาษาไทย", "ป.1",   # supervisee (position: default ครู)
    "",                    # no more supervisees
    "การใช้ DLTV", "",     # one topic
    "ครูเตรียมการสอน", "ห้องเรียนพร้อม", "", "ทบทวนหลังออกอากาศ",
    "1/11/2569",           # follow-up before the visit: asked again
    "10 ธ.ค. 69", "ดูบันทึกหลังสอน",
    "y",                   # save
]


def test_the_form_asks_in_thai_and_saves_what_was_typed(tty: Runner, ws: Path) -> None:
    r = tty("visit", "add", input="\n".join(ANSWERS) + "\n")
    assert r.exit_code == 0, r.stderr
    assert "ไม่พบ 'แม่ละเมอ'" in r.stderr and "หรือหมายถึง: 1063020130 โรงเรียนบ้านแม่ละเมา" in r.stderr
    assert "ไม่มีในเดือนกุมภาพันธ์" in r.stderr and "ก่อนวันนิเทศ" in r.stderr
    assert "สรุปบันทึกการนิเทศ" in r.stderr and "วันที่นิเทศ: 25 พฤศจิกายน 2569" in r.stderr
    [path] = visit_files(ws)
    assert f"บันทึกการนิเทศแล้ว: {path.relative_to(ws).as_posix()}" in r.stderr
    assert path.read_text(encoding="utf-8").splitlines()[1:] == [
        f"id: {path.stem}", "date: 2026-11-25", "school: '1063020130'", "supervisors:", "  - นางสาวทดสอบ ระบบ",
        "kind: project-based", "project: dltv", "methods:", "  - observation", "  - document-review", "  - ถามตอบ",
        "supervisees:", "  - name: นางสาวใจดี มีสุข", "    position: ครู", "    subject: ภาษาไทย", "    grade: ป.1",
        "topics:", "  - การใช้ DLTV", "findings: ครูเตรียมการสอน", "strengths: ห้องเรียนพร้อม",
        "suggestions: ทบทวนหลังออกอากาศ", "follow_up:", "  date: 2026-12-10", "  action: ดูบันทึกหลังสอน"]


def test_enter_takes_today_and_defaults(tty: Runner, ws: Path) -> None:
    answers = ["1063020131", *[""] * 11, ""]  # 11 questions left at their default, Enter saves
    r = tty("visit", "add", input="\n".join(answers) + "\n")
    assert r.exit_code == 0, r.stderr
    [path] = visit_files(ws)
    text = path.read_text(encoding="utf-8")
    assert f"date: {date.today().isoformat()}\nschool: '1063020131'\n" in text
    assert "follow_up" not in text and "project" not in text


def test_the_form_offers_the_last_visit_and_never_copies_its_advice(tty: Runner, ws: Path) -> None:
    tty("visit", "add", "--school", "1063020130", "--date", "2026-10-05", "--project", "reading",
        "--method", "coaching", "--supervisee", "นายมานะ อดทน|ครู", "--topic", "อ่านออกเสียง",
        "--suggestion", "ฝึกอ่านวันละ 10 นาที", "--finding", "อ่านช้า")
    answers = ["1063020130", "2026-11-02", "y", "", "", "", "y", "y", "", "", "", "", "", "y"]  # y = start from last
    r = tty("visit", "add", input="\n".join(answers) + "\n")
    assert r.exit_code == 0, r.stderr
    assert "ข้อเสนอแนะครั้งก่อน: ฝึกอ่านวันละ 10 นาที" in r.stderr
    new = [p for p in visit_files(ws) if "2026-11-02" in p.name][0].read_text(encoding="utf-8")
    assert "project: reading\nmethods:\n  - coaching\nsupervisees:\n  - name: นายมานะ อดทน\n" in new
    assert "topics:\n  - อ่านออกเสียง\n" in new
    assert "ฝึกอ่าน" not in new and "อ่านช้า" not in new


def test_declining_the_summary_writes_nothing(tty: Runner, ws: Path) -> None:
    answers = ["1063020131", *[""] * 11, "n"]  # 11 questions left at their default, then "save? n"
    r = tty("visit", "add", input="\n".join(answers) + "\n")
    assert r.exit_code == 1 and "ยกเลิกแล้ว ไม่มีการบันทึก" in r.stderr
    assert visit_files(ws) == []


def test_end_of_input_while_asking_writes_nothing(tty: Runner, ws: Path) -> None:
    r = tty("visit", "add", input="1063020131\n2026-11-02\n")
    assert r.exit_code == 1 and "ยกเลิกแล้ว ไม่มีการบันทึก" in r.stderr
    assert visit_files(ws) == []


def test_ctrl_c_while_asking_writes_nothing(tty: Runner, ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["1063020131", "2026-11-02", "1"])

    def typed(prompt: str = "") -> str:
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(builtins, "input", typed)
    r = tty("visit", "add")
    assert r.exit_code == 130 and "ยกเลิกแล้ว ไม่มีการบันทึก" in r.stderr
    assert visit_files(ws) == []


def test_options_on_a_terminal_never_prompt(tty: Runner, ws: Path) -> None:
    r = tty("visit", "add", "--school", "1063020131", "--date", "2026-11-02", input="")
    assert r.exit_code == 0 and "ผลการนิเทศ" not in r.stderr
    assert len(visit_files(ws)) == 1


def test_an_empty_registry_says_how_to_add_schools_instead_of_asking(run: Runner, ws: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nitet.cli.context.interactive", lambda: True)
    r = run("visit", "add", input="x\n")
    assert r.exit_code == 1 and "nitet school add" in r.stderr
    assert visit_files(ws) == []
