"""Who I am: each clone names its own supervisor (git config nitet.supervisor → git user.name →
nitet.yaml supervisor), and the records a person writes name that person."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import Runner, make_runner
from nitet.cli import context
from nitet.storage import identity
from nitet.storage.workspace import open_workspace

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
SCHOOL = "1063020130"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def with_school(run: Runner) -> None:
    r = run("school", "add", "--code", SCHOOL, "--name", "โรงเรียนบ้านแม่ละเมา", "--district", "แม่สอด")
    assert r.exit_code == 0, r.stderr


def visit_supervisors(run: Runner, ws: Path, *extra: str) -> list[str]:
    r = run("visit", "add", "--school", SCHOOL, "--date", "25/11/2568", "--json", *extra)
    assert r.exit_code == 0, r.stderr
    data = yaml.safe_load((ws / r.json()["path"]).read_text(encoding="utf-8"))  # type: ignore[index]
    return data.get("supervisors", [])


def test_without_git_the_supervisor_of_nitet_yaml_is_the_person(ws: Path, run: Runner) -> None:
    assert identity.identify(open_workspace(ws)) == identity.Identity("นางสาวทดสอบ ระบบ", "config")
    r = run("whoami")
    assert (r.exit_code, r.stdout) == (0, "นางสาวทดสอบ ระบบ\n")
    assert "supervisor ใน nitet.yaml" in r.stderr
    with_school(run)
    assert visit_supervisors(run, ws) == ["นางสาวทดสอบ ระบบ"]


def test_whoami_set_outside_a_repository_says_where_the_name_goes(run: Runner) -> None:
    r = run("whoami", "--set", "นายสมชาย ใจดี")
    assert r.exit_code == 2
    assert "ไม่ได้อยู่ในคลัง git" in r.stderr and "supervisor ใน nitet.yaml" in r.stderr


def test_nobody_named_is_said_plainly(tmp_path: Path) -> None:
    from nitet.domain.initialize import create_workspace

    create_workspace(tmp_path / "w", office="", supervisor="")
    r = make_runner(tmp_path / "w")("whoami")
    assert r.exit_code == 1 and "nitet whoami --set" in r.stderr
    assert make_runner(tmp_path / "w")("whoami", "--json").json() == {"name": None, "source": "none"}


@needs_git
def test_git_user_name_comes_before_nitet_yaml_and_nitet_supervisor_before_both(ws: Path, run: Runner) -> None:
    git(ws, "init", "-q")
    git(ws, "config", "user.name", "somchai")
    assert run("whoami", "--json").json() == {"name": "somchai", "source": "git-user"}
    r = run("whoami", "--set", "  นายสมชาย   ใจดี ")
    assert (r.exit_code, r.stdout) == (0, "นายสมชาย ใจดี\n")
    assert git(ws, "config", "--local", "nitet.supervisor").strip() == "นายสมชาย ใจดี"
    assert "นายสมชาย" not in (ws / "nitet.yaml").read_text(encoding="utf-8")  # the shared file is untouched
    assert run("whoami", "--json").json() == {"name": "นายสมชาย ใจดี", "source": "git-nitet"}
    with_school(run)
    assert visit_supervisors(run, ws) == ["นายสมชาย ใจดี"]
    assert visit_supervisors(run, ws, "--supervisor", "นางสาวสมใจ ใฝ่นิเทศ", "--supervisor", "นายสมชาย ใจดี") == [
        "นางสาวสมใจ ใฝ่นิเทศ", "นายสมชาย ใจดี"]


@needs_git
def test_the_person_is_asked_once_on_a_terminal_and_remembered(ws: Path, run: Runner,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from nitet.cli import identity as cli_identity

    git(ws, "init", "-q")
    monkeypatch.setattr(context, "interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda: "นางสาวใจดี มีสุข")
    w = open_workspace(ws)
    assert cli_identity.me(w) == "นางสาวใจดี มีสุข"
    assert git(ws, "config", "nitet.supervisor").strip() == "นางสาวใจดี มีสุข"
    monkeypatch.setattr("builtins.input", lambda: pytest.fail("asked twice"))
    context.reset()
    assert cli_identity.me(w) == "นางสาวใจดี มีสุข"


@needs_git
def test_on_a_terminal_an_empty_answer_keeps_the_fallback_and_stores_nothing(
        ws: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from nitet.cli import identity as cli_identity

    git(ws, "init", "-q")
    monkeypatch.setattr(context, "interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda: "")
    assert cli_identity.me(open_workspace(ws)) == "นางสาวทดสอบ ระบบ"
    assert "[นางสาวทดสอบ" not in capsys.readouterr().err  # a colleague's name from nitet.yaml is not offered
    r = subprocess.run(["git", "config", "nitet.supervisor"], cwd=ws, capture_output=True, text=True)
    assert r.returncode == 1


@needs_git
def test_a_commit_on_a_machine_without_a_git_identity_is_made_in_the_supervisors_name(
        ws: Path, run: Runner) -> None:
    git(ws, "init", "-q")
    git(ws, "config", "nitet.supervisor", "นายสมชาย ใจดี")
    with_school(run)
    r = run("visit", "add", "--school", SCHOOL, "--date", "25/11/2568", "--commit")
    assert r.exit_code == 0 and "commit แล้ว" in r.stderr, r.stderr
    assert git(ws, "log", "-1", "--format=%an|%ae").strip() == "นายสมชาย ใจดี|"


def set_roster(ws: Path, *lines: str) -> None:
    cfg = ws / "nitet.yaml"
    text = cfg.read_text(encoding="utf-8")
    roster = "supervisors:\n" + "".join(f"  - {x}\n" for x in lines)
    cfg.write_text(text.replace("supervisors: []\n", roster) if "supervisors: []\n" in text else text + roster,
                   encoding="utf-8")


def test_check_warns_about_a_visit_by_someone_off_the_roster(ws: Path, run: Runner) -> None:
    with_school(run)
    for who in ("น.ส.ทดสอบ  ระบบ", "นายสมชาย ใจดี", "นายสมชาย ใจดิ"):  # a title and spacing aside, one typo
        assert run("visit", "add", "--school", SCHOOL, "--date", "25/11/2568", "--supervisor", who).exit_code == 0
    assert run("check", "--json").json() == {"findings": []}  # no roster: nothing to compare with
    set_roster(ws, "นางสาวทดสอบ ระบบ", "{name: นายสมชาย ใจดี, position: ศึกษานิเทศก์ชำนาญการพิเศษ}")
    r = run("check", "--json")
    assert r.exit_code == 0  # a warning
    [f] = r.json()["findings"]  # type: ignore[index]
    assert (f["check"], f["severity"], f["line"]) == ("unknown-supervisor", "warning", 6)  # the name under supervisors:
    assert "นายสมชาย ใจดิ" in f["message"]
    r = run("whoami")
    assert r.exit_code == 0 and "คำเตือน" not in r.stderr
    set_roster(ws, "นายอื่น คนอื่น")  # a second list is a YAML error
    assert run("check").exit_code != 0


def test_the_roster_entries_are_names_or_name_and_position(ws: Path) -> None:
    set_roster(ws, "นางสาวทดสอบ ระบบ", "{name: นายสมชาย ใจดี, position: ศึกษานิเทศก์ชำนาญการ}")
    cfg = open_workspace(ws).config
    assert [(m.name, m.position) for m in cfg.roster()] == [
        ("นางสาวทดสอบ ระบบ", None), ("นายสมชาย ใจดี", "ศึกษานิเทศก์ชำนาญการ")]


def test_reports_filter_and_total_by_supervisor(ws: Path, run: Runner) -> None:
    with_school(run)
    r = run("school", "add", "--code", "1063020131", "--name", "โรงเรียนบ้านกง")
    assert r.exit_code == 0
    for school, who in ((SCHOOL, "นายสมชาย ใจดี"), ("1063020131", "นายสมชาย ใจดี"), (SCHOOL, "นางสาวทดสอบ ระบบ")):
        assert run("visit", "add", "--school", school, "--date", "25/11/2568", "--supervisor", who).exit_code == 0
    text = run("report", "visits", "--fy", "2569").stdout
    people = text.split("## จำนวนการนิเทศ รายผู้นิเทศ")[1]
    assert "| ๑ | นางสาวทดสอบ ระบบ | ๑ | ๑ |" in people and "| ๒ | นายสมชาย ใจดี | ๒ | ๒ |" in people
    assert "| ข้อเสนอแนะ | ผู้นิเทศ |" in text
    mine = run("report", "visits", "--fy", "2569", "--supervisor", "นายสมชาย  ใจดี").stdout
    assert "**ผู้นิเทศ:** นายสมชาย  ใจดี" in mine and "นิเทศ ๒ ครั้ง ใน ๒ โรงเรียน" in mine
    assert "รายผู้นิเทศ" not in mine and "| ข้อเสนอแนะ | ผู้นิเทศ |" not in mine
    listed = run("visit", "list", "--fy", "2569", "--supervisor", "ทดสอบ ระบบ", "--json").json()
    assert [v["supervisors"] for v in listed] == [["นางสาวทดสอบ ระบบ"]]  # type: ignore[index]


def test_follow_ups_unvisited_schools_prints_and_todo_filter_by_supervisor(ws: Path, run: Runner) -> None:
    with_school(run)
    assert run("school", "add", "--code", "1063020131", "--name", "โรงเรียนบ้านกง").exit_code == 0
    for school, who, due in ((SCHOOL, "นายสมชาย ใจดี", "10/12/2568"), ("1063020131", "นางสาวทดสอบ ระบบ", "12/12/2568")):
        r = run("visit", "add", "--school", school, "--date", "25/11/2568", "--supervisor", who, "--finding", who,
                "--follow-up", due, "--follow-up-action", "ดูแผนการสอน")
        assert r.exit_code == 0, r.stderr
    due = run("visit", "due", "--days", "3650", "--supervisor", "สมชาย  ใจดี", "--json").json()
    assert [f["school"] for f in due] == [SCHOOL]  # type: ignore[index]
    assert len(run("visit", "due", "--days", "3650", "--json").json()) == 2  # type: ignore[arg-type]
    away = run("school", "unvisited", "--fy", "2569", "--supervisor", "นายสมชาย ใจดี", "--json").json()
    assert [s["code"] for s in away] == ["1063020131"]  # type: ignore[index]
    r = run("school", "unvisited", "--fy", "2569", "--supervisor", "นายสมชาย ใจดี")
    assert "โรงเรียนที่ นายสมชาย ใจดี ยังไม่ได้นิเทศ" in r.stdout and "1 จาก 2 โรง" in r.stdout
    assert run("school", "unvisited", "--fy", "2569", "--json").json() == []
    md = run("visit", "print", "--supervisor", "นางสาวทดสอบ ระบบ", "--format", "md").stdout
    assert "โรงเรียนบ้านกง" in md and "บ้านแม่ละเมา" not in md
    week = run("todo", "--date", "2025-12-05", "--days", "30", "--supervisor", "นางสาวทดสอบ ระบบ", "--json").json()
    assert [f["school"] for f in week["follow_ups"]] == ["1063020131"]  # type: ignore[index]
    assert len(run("todo", "--date", "2025-12-05", "--days", "30", "--json").json()["follow_ups"]) == 2  # type: ignore[index]


@needs_git
def test_steps_results_and_reports_name_the_clones_supervisor(ws: Path, run: Runner) -> None:
    git(ws, "init", "-q")
    assert run("whoami", "--set", "นายสมชาย ใจดี").exit_code == 0
    cid = run("flow", "start", "area-supervision", "--title", "งาน", "--fy", "2569", "--date", "2025-10-01").stdout.strip()
    assert run("flow", "advance", cid, "--force", "ทดสอบ", "--date", "2025-10-02").exit_code == 0
    case = next((ws / "records/cases").rglob(f"{cid}.yaml")).read_text(encoding="utf-8")
    assert "    by: นายสมชาย ใจดี\n" in case
    r = run("plan", "add", "--id", "p-2569", "--fy", "2569", "--title", "โครงการ")
    assert r.exit_code == 0
    plan = ws / "records/plans/p-2569.yaml"
    assert run("plan", "result", "--plan", "p-2569", "--quarter", "1", "--spent", "100").exit_code == 0
    assert plan.read_text(encoding="utf-8").endswith("  - quarter: 1\n    spent: 100\n    by: นายสมชาย ใจดี\n")
    # nitet.yaml names no reporter (reporter: ''): whoever reports is the reporter
    set_roster(ws, "{name: นายสมชาย ใจดี, position: ศึกษานิเทศก์ชำนาญการพิเศษ}")
    from nitet.reports import krs
    from nitet.storage.loader import load

    report = krs.build(load(open_workspace(ws)), 2569, 1)
    assert (report.reporter, report.reporter_position) == ("นายสมชาย ใจดี", "ศึกษานิเทศก์ชำนาญการพิเศษ")
