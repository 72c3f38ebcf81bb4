"""nitet sync and the repository nitet init makes: two people, two clones, one bare remote (real git).

Each person has their own identity (the clone's git config, no git user.name at all: the machine's
~/.gitconfig is not read by the tests); both record visits, both sync; every visit names its
author, the history has no merge commit, and check is clean. A conflict stops with the file's name
and what to do; check then reports the markers only; after the fix, sync finishes the job.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import Runner, make_runner

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SCHOOL = "1063020130"
TEAM = Path(__file__).resolve().parent.parent / "docs" / "team.md"
A, B = "นางสาวสมใจ ใฝ่นิเทศ", "นายสมชาย ใจดี"


def git(cwd: Path, *args: str, ok: bool = True) -> str:
    r = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True, text=True,
                       timeout=60)
    assert not ok or r.returncode == 0, f"git {' '.join(args)}: {r.stdout}{r.stderr}"
    return r.stdout


def sync(run: Runner) -> str:
    r = run("sync")
    assert r.exit_code == 0, r.stderr
    return r.stderr


def visits_by_author(root: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in sorted((root / "records/visits").rglob("*.yaml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        out.setdefault(data["findings"], []).extend(data["supervisors"])
    return out


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path, Runner, Runner]:
    """The admin (A) makes the workspace with nitet init, registers a school and sends it to a bare
    remote; a colleague (B) clones it and says who they are."""
    remote = tmp_path / "office.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    r = make_runner(tmp_path)("--no-input", "init", "a", "--office", "สพป.ตาก เขต ๒", "--supervisor", A)
    assert r.exit_code == 0, r.stderr
    a = tmp_path / "a"
    assert "สร้างคลัง git แล้ว" in r.stderr
    assert git(a, "config", "pull.rebase").strip() == "true" and git(a, "config", "nitet.supervisor").strip() == A
    run_a = make_runner(a)
    assert run_a("school", "add", "--code", SCHOOL, "--name", "โรงเรียนบ้านแม่ละเมา").exit_code == 0
    git(a, "remote", "add", "origin", str(remote))
    said = sync(run_a)
    assert "commit แล้ว: nitet: เริ่มพื้นที่ทำงาน สพป.ตาก เขต ๒" in said and "ส่งงาน 1 commit ขึ้น origin/main แล้ว" in said
    git(tmp_path, "clone", "-q", str(remote), "b")
    b = tmp_path / "b"
    run_b = make_runner(b)
    assert run_b("whoami", "--set", B).exit_code == 0
    return a, b, run_a, run_b


def add_visit(run: Runner, finding: str) -> None:
    r = run("visit", "add", "--school", "แม่ละเมา", "--date", "25/11/2568", "--finding", finding)
    assert r.exit_code == 0, r.stderr


def test_two_people_sync_their_visits_each_named_and_no_merge_commit(office: tuple[Path, Path, Runner, Runner]) -> None:
    a, b, run_a, run_b = office
    add_visit(run_a, "ก: ครูเตรียมการสอนตามคู่มือ DLTV")
    add_visit(run_b, "ข: นักเรียนอ่านออกเสียงคล่องขึ้น")
    add_visit(run_b, "ข: ครูใช้สื่อประกอบการสอน")
    assert "ส่งงาน 1 commit" in sync(run_b)
    said = sync(run_a)  # A's work now sits on top of B's
    assert "รับงานของเพื่อนร่วมทีม 1 commit จาก origin/main" in said and "ส่งงาน 1 commit" in said
    assert "รับงานของเพื่อนร่วมทีม 1 commit" in sync(run_b)
    assert "ไม่มีงานใหม่ทั้งสองฝั่ง" in sync(run_a)
    for root in (a, b):
        assert visits_by_author(root) == {"ก: ครูเตรียมการสอนตามคู่มือ DLTV": [A],
                                          "ข: นักเรียนอ่านออกเสียงคล่องขึ้น": [B], "ข: ครูใช้สื่อประกอบการสอน": [B]}
        assert git(root, "log", "--merges", "--format=%H") == ""
        assert git(root, "status", "--porcelain") == ""
        r = make_runner(root)("check", "--json")
        assert (r.exit_code, r.json()) == (0, {"findings": []})
    assert git(a, "rev-parse", "HEAD") == git(b, "rev-parse", "HEAD")
    authors = git(a, "log", "--format=%an|%s").splitlines()
    assert authors[:3] == [f"{A}|nitet: งานของ {A} — การนิเทศ 1", f"{B}|nitet: งานของ {B} — การนิเทศ 2",
                           f"{A}|nitet: เริ่มพื้นที่ทำงาน สพป.ตาก เขต ๒"]


def test_a_conflict_stops_with_the_file_and_sync_finishes_after_the_fix(
        office: tuple[Path, Path, Runner, Runner]) -> None:
    """...and says it in the words docs/team.md quotes."""
    a, b, run_a, run_b = office
    add_visit(run_b, "ข: บันทึกที่อ้างโรงเรียนที่กำลังขัดแย้ง")
    school = f"records/schools/{SCHOOL}.yaml"
    assert run_a("school", "edit", SCHOOL, "--students", "120").exit_code == 0
    sync(run_a)
    assert run_b("school", "edit", SCHOOL, "--students", "135").exit_code == 0
    r = run_b("sync")
    assert r.exit_code == 1
    assert f"แก้ระเบียนเดียวกันต่างกัน 1 ไฟล์:\n  {school}" in r.stderr and "nitet sync อีกครั้ง" in r.stderr
    # check names the markers, and the visit of that school is not told to 'nitet school add' it
    r = run_b("check", "--json")
    assert [(f["file"], f["check"]) for f in r.json()["findings"]] == [(school, "merge-conflict")]  # type: ignore[index]
    again = run_b("sync")  # nothing fixed yet: the same answer, nothing committed
    assert again.exit_code == 1 and school in again.stderr
    real = subprocess.run([sys.executable, "-m", "nitet", "sync"], cwd=b, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"})
    assert real.returncode == 1
    if TEAM.is_file():  # what docs/team.md quotes, as the real error handler prints it
        quoted = TEAM.read_text(encoding="utf-8").split("แก้ระเบียนเดียวกันต่างกัน** ", 1)[1].split("```\n", 2)[1]
        shown = quoted.replace("1063350101", SCHOOL).splitlines()
        said = real.stderr.splitlines()
        assert len(said) == len(shown), real.stderr
        for want, got in zip(shown, said, strict=True):
            assert got.startswith(want.removesuffix(" ...")) if want.endswith(" ...") else got == want, (want, got)
    text = (b / school).read_text(encoding="utf-8")
    head, rest = text.split("<<<<<<< ", 1)
    theirs = rest.split("=======\n", 1)[1].split(">>>>>>> ", 1)[0]
    (b / school).write_text(head + theirs + rest.split(">>>>>>> ", 1)[1].split("\n", 1)[1], encoding="utf-8")
    said = sync(run_b)
    assert "รวมงานที่ค้างจากครั้งก่อนจนเสร็จแล้ว" in said and "ส่งงาน" in said
    sync(run_a)
    for root in (a, b):
        assert "students: 135" in (root / school).read_text(encoding="utf-8")
        assert git(root, "log", "--merges", "--format=%H") == ""
        assert make_runner(root)("check").exit_code == 0


def test_a_plain_git_pull_rebases_after_init(office: tuple[Path, Path, Runner, Runner]) -> None:
    a, _b, run_a, run_b = office
    add_visit(run_b, "ข")
    sync(run_b)
    add_visit(run_a, "ก")
    git(a, "add", "-A")
    git(a, "-c", f"user.name={A}", "-c", "user.email=", "commit", "-q", "-m", "ก")
    git(a, "-c", f"user.name={A}", "-c", "user.email=", "pull", "-q")  # divergent: would need a strategy
    assert git(a, "log", "--merges", "--format=%H") == ""


def test_sync_says_what_is_missing(tmp_path: Path, ws: Path, run: Runner) -> None:
    r = run("sync")
    assert r.exit_code == 2 and "ไม่ได้อยู่ในคลัง git" in r.stderr and "git clone" in r.stderr
    git(ws, "init", "-q")
    r = run("sync")
    assert r.exit_code == 2 and "git remote add origin" in r.stderr
    assert git(ws, "log", "--format=%s") == "nitet: เริ่มพื้นที่ทำงาน สพป.ตาก เขต ๒\n"  # committed all the same


def test_sync_never_commits_a_file_with_conflict_markers(office: tuple[Path, Path, Runner, Runner]) -> None:
    a, _b, run_a, _run_b = office
    school = a / f"records/schools/{SCHOOL}.yaml"
    school.write_text(school.read_text(encoding="utf-8") + "<<<<<<< HEAD\nstudents: 1\n=======\n>>>>>>> x\n",
                      encoding="utf-8")
    r = run_a("sync")
    assert r.exit_code == 1 and f"records/schools/{SCHOOL}.yaml" in r.stderr
    assert git(a, "status", "--porcelain").strip() == f"M records/schools/{SCHOOL}.yaml"


def test_init_inside_a_repository_that_ignores_the_folder_makes_its_own(tmp_path: Path) -> None:
    """make demo: ./demo inside nitet's own repository, which ignores /demo/."""
    outer = tmp_path / "nitet"
    outer.mkdir()
    git(outer, "init", "-q")
    (outer / ".gitignore").write_text("/demo/\n", encoding="utf-8")
    r = make_runner(outer)("--no-input", "init", "demo", "--demo")
    assert r.exit_code == 0, r.stderr
    assert (outer / "demo/.git").is_dir()
    assert git(outer / "demo", "config", "nitet.supervisor").strip() == A
    inside = tmp_path / "tracked"
    inside.mkdir()
    git(inside, "init", "-q")
    assert make_runner(inside)("--no-input", "init", "records").exit_code == 0
    assert not (inside / "records/.git").exists()  # a folder the repository tracks stays part of it
    assert git(inside, "config", "--get", "pull.rebase", ok=False) == ""  # its settings are not ours to change
    r = make_runner(tmp_path)("--no-input", "init", "plain", "--no-git")
    assert r.exit_code == 0 and not (tmp_path / "plain/.git").exists()


def test_docs_team_md_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/team.md's commands, in order: the admin sets the office up, a colleague clones, says who
    they are and does a day's work with nitet sync; then the admin syncs and sees it."""
    from test_help_readme import README, Tutorial, sh_blocks

    team = README.parent / "docs" / "team.md"
    if not team.is_file():
        pytest.skip("docs/team.md is not beside the package (installed from a wheel)")
    admin, first, daily = sh_blocks(team.read_text(encoding="utf-8"))[:3]
    remote = tmp_path / "office.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    for who in ("admin", "colleague"):
        (tmp_path / who).mkdir()
    tour = Tutorial(tmp_path / "admin", monkeypatch)
    tour.vars["OFFICE"] = str(remote)
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(var)  # each person's commits carry their own name (the clone's supervisor)
    tour.run(admin)
    monkeypatch.chdir(tmp_path / "colleague")
    tour.run(first)
    tour.run(daily)
    clone = tmp_path / "colleague" / "nitet-tak2"
    office = tmp_path / "admin" / "nitet-tak2"
    assert make_runner(office)("sync").exit_code == 0
    for root in (office, clone):
        [visit] = list((root / "records/visits").rglob("*.yaml"))
        assert yaml.safe_load(visit.read_text(encoding="utf-8"))["supervisors"] == ["นายสมชาย ใจดี"]
        assert git(root, "log", "--merges", "--format=%H") == ""
        assert make_runner(root)("check").exit_code == 0
    assert git(office, "log", "--format=%an").split("\n")[:2] == ["นายสมชาย ใจดี", "นางสาวสมใจ ใฝ่นิเทศ"]
