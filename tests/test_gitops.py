"""Optional git commits of what nitet wrote, and clones that merge without conflicts (real git)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import make_runner

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def _git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "ศน.ทดสอบ")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "test@example.org")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def repo(ws: Path) -> Path:
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-q", "-m", "start")
    return ws


def add_school(ws: Path) -> None:
    r = make_runner(ws)("school", "add", "--code", "1063020130", "--name", "โรงเรียนบ้านแม่ละเมา", "--no-commit")
    assert r.exit_code == 0, r.stderr


def test_commit_option_commits_only_the_new_record(ws: Path) -> None:
    add_school(ws)
    repo(ws)
    (ws / "notes.txt").write_text("งานค้าง\n", encoding="utf-8")
    git(ws, "add", "notes.txt")  # the user's own staged work stays out of nitet's commit
    r = make_runner(ws)("visit", "add", "--school", "1063020130", "--date", "25/11/2569", "--commit", "--json")
    assert r.exit_code == 0, r.stderr
    assert git(ws, "log", "-1", "--format=%s").strip() == "nitet: บันทึกการนิเทศ โรงเรียนบ้านแม่ละเมา 25 พ.ย. 2569"
    assert git(ws, "show", "--name-only", "--format=", "HEAD").split() == [r.json()["path"]]
    assert git(ws, "status", "--porcelain").splitlines() == ["A  notes.txt"]


def test_autocommit_from_nitet_yaml_and_no_commit_wins(ws: Path) -> None:
    cfg = ws / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("autocommit: false", "autocommit: true"), encoding="utf-8")
    repo(ws)
    run = make_runner(ws)
    assert run("school", "add", "--code", "1063020130", "--name", "โรงเรียนบ้านแม่ละเมา").exit_code == 0
    assert git(ws, "log", "-1", "--format=%s").strip() == "nitet: เพิ่มโรงเรียน 1063020130 โรงเรียนบ้านแม่ละเมา"
    assert run("visit", "add", "--school", "1063020130", "--date", "2026-11-02", "--no-commit").exit_code == 0
    assert git(ws, "log", "-1", "--format=%s").strip().startswith("nitet: เพิ่มโรงเรียน")
    assert run("school", "edit", "1063020130", "--students", "120").exit_code == 0
    assert "แก้ข้อมูลโรงเรียน" in git(ws, "log", "-1", "--format=%s")


def test_a_commit_option_that_cannot_commit_exits_1_and_says_what_is_left(ws: Path) -> None:
    """SPEC §4: the record is saved; the command says git's reason, the file left uncommitted and the
    git command that commits it, and exits 1. With autocommit (not asked on the command line) the
    same is said as a warning, exit 0."""
    add_school(ws)
    run = make_runner(ws)
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-02", "--commit", "--json")
    path = r.json()["path"]
    assert r.exit_code == 1 and "ไม่ใช่คลัง git" in r.stderr and (ws / path).exists()
    assert f"บันทึกไฟล์แล้วแต่ยังไม่ได้ commit (1 ไฟล์): {path}" in r.stderr
    repo(ws)
    hook = ws / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho ไม่อนุญาต >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-03", "--commit", "--json")
    path = r.json()["path"]
    assert r.exit_code == 1 and (ws / path).exists()
    lines = r.stderr.splitlines()
    assert "ข้อผิดพลาด: commit ไม่สำเร็จ: ไม่อนุญาต" in lines
    assert f"  บันทึกไฟล์แล้วแต่ยังไม่ได้ commit (1 ไฟล์): {path}" in lines
    assert (f"  commit เองด้วย: git add -- {path} && git commit -m 'nitet: บันทึกการนิเทศ โรงเรียนบ้านแม่ละเมา 3 พ.ย. 2569' "
            f"-- {path}") in lines
    cfg = ws / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("autocommit: false", "autocommit: true"), encoding="utf-8")
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-04")
    assert r.exit_code == 0 and "คำเตือน: commit ไม่สำเร็จ: ไม่อนุญาต" in r.stderr and "commit เองด้วย" in r.stderr


def test_a_stale_index_lock_is_named_with_its_path_and_age(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    from nitet.storage import gitops

    add_school(ws)
    repo(ws)
    lock = ws / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    old = time.time() - 600
    os.utime(lock, (old, old))
    monkeypatch.setattr(gitops, "INDEX_LOCK_WAIT", 0.3)
    r = make_runner(ws)("visit", "add", "--school", "1063020130", "--date", "2026-11-02", "--commit")
    assert r.exit_code == 1
    assert f"ไฟล์ล็อกของ git {lock} ยังอยู่ (อายุ 10 นาที)" in r.stderr and f'rm "{lock}"' in r.stderr
    reason = next(line for line in r.stderr.splitlines() if line.startswith("ข้อผิดพลาด: commit ไม่สำเร็จ: "))
    assert "index.lock" in reason and "fatal" not in reason, reason  # git's own line, which names the file
    lock.unlink()
    assert "nothing to commit" not in git(ws, "status")
    assert git(ws, "status", "--porcelain").strip().startswith("?? records/visits/")


def test_two_clones_add_a_visit_for_the_same_school_and_day_and_merge_cleanly(ws: Path, tmp_path: Path) -> None:
    add_school(ws)
    repo(ws)
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(ws), str(origin))
    clones = []
    for name in ("a", "b"):
        git(tmp_path, "clone", "-q", str(origin), name)
        clone = tmp_path / name
        r = make_runner(clone)("visit", "add", "--school", "1063020130", "--date", "2026-11-25", "--commit",
                               "--supervisor", f"ศน.{name}", "--finding", f"บันทึกของ {name}")
        assert r.exit_code == 0, r.stderr
        clones.append(clone)
    a, b = clones
    git(a, "push", "-q", "origin", "main")
    git(b, "-c", "pull.rebase=false", "pull", "-q", "--no-edit", "origin", "main")
    files = sorted(p.name for p in (b / "records/visits/2570").glob("*.yaml"))
    assert len(files) == 2 and all(f.startswith("2026-11-25-1063020130-") for f in files)
    run = make_runner(b)
    assert run("check").exit_code == 0
    assert [v["supervisors"] for v in run("visit", "list", "--json").json()] in (
        [["ศน.a"], ["ศน.b"]], [["ศน.b"], ["ศน.a"]])


# --------------------------------------------------------------------------- evidence travels with its case

OLD_GITIGNORE = ".nitet/\n*.xlsx\n~$*\n"  # what nitet init wrote before evidence/ was kept in git


def start_case(ws: Path) -> str:
    r = make_runner(ws)("flow", "start", "area-supervision", "--title", "การนิเทศแบบบูรณาการ 2569",
                        "--date", "2025-10-15", "--no-commit")
    assert r.exit_code == 0, r.stderr
    return r.stdout.strip()


def evidence(ws: Path, name: str) -> str:
    (ws / "evidence").mkdir(exist_ok=True)
    (ws / "evidence" / name).write_bytes(b"PK\x03\x04 survey")
    return f"evidence/{name}"


def check_lines(ws: Path) -> tuple[int, list[str]]:
    r = make_runner(ws)("check")
    return r.exit_code, [line for line in r.stdout.splitlines() if "warning[" in line or "error[" in line]


def test_a_new_workspace_keeps_reports_out_of_git_but_not_evidence(ws: Path) -> None:
    repo(ws)
    asked = ["krs-2569-q1.xlsx", "reports/visits-2569.xlsx", "evidence/สำรวจความต้องการ.xlsx",
             "evidence/2569/แผน.xlsx", "evidence/~$สำรวจความต้องการ.xlsx", ".nitet/records.cache"]
    assert git(ws, "check-ignore", "--no-index", *asked).split() == ["krs-2569-q1.xlsx", "reports/visits-2569.xlsx",
                                "evidence/~$สำรวจความต้องการ.xlsx", ".nitet/records.cache"]


def test_advance_with_commit_commits_the_xlsx_evidence_and_a_clone_finds_it(ws: Path, tmp_path: Path) -> None:
    cid = start_case(ws)
    repo(ws)
    ev = evidence(ws, "สำรวจความต้องการ.xlsx")
    (ws / "evidence" / "ร่าง.txt").write_text("ยังไม่ใช่หลักฐาน\n", encoding="utf-8")  # unrelated: stays out
    r = make_runner(ws)("flow", "advance", cid, "--evidence", ev, "--date", "2025-10-20", "--commit")
    assert r.exit_code == 0, r.stderr
    assert "คำเตือน" not in r.stderr
    assert sorted(git(ws, "show", "--name-only", "--format=", "HEAD").splitlines()) == sorted(
        [ev, f"records/cases/2569/{cid}.yaml"])
    assert git(ws, "status", "--porcelain", "--untracked-files=all").splitlines() == ["?? evidence/ร่าง.txt"]
    git(tmp_path, "clone", "-q", str(ws), "clone")
    assert (tmp_path / "clone" / ev).read_bytes() == b"PK\x03\x04 survey"
    assert check_lines(tmp_path / "clone") == (0, [])


def test_autocommit_commits_text_evidence_too(ws: Path) -> None:
    cfg = ws / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("autocommit: false", "autocommit: true"), encoding="utf-8")
    cid = start_case(ws)
    repo(ws)
    ev = evidence(ws, "ข้อมูลสารสนเทศ-2569.txt")
    r = make_runner(ws)("flow", "advance", cid, "--evidence", ev, "--date", "2025-10-20")
    assert r.exit_code == 0, r.stderr
    assert git(ws, "status", "--porcelain").strip() == ""
    assert git(ws, "ls-files", "evidence").splitlines() == [ev]


def test_evidence_path_is_literal_and_nothing_else_is_committed(ws: Path) -> None:
    cid = start_case(ws)
    repo(ws)
    ev = evidence(ws, "[1].txt")
    evidence(ws, "1.txt")  # what the glob [1].txt would match: not attached, so not committed
    r = make_runner(ws)("flow", "advance", cid, "--evidence", ev, "--date", "2025-10-20", "--commit")
    assert r.exit_code == 0, r.stderr
    assert git(ws, "ls-files", "evidence").splitlines() == [ev]
    assert git(ws, "status", "--porcelain").splitlines() == ["?? evidence/1.txt"]


def test_visit_add_commits_its_evidence_inside_the_workspace(ws: Path) -> None:
    add_school(ws)
    repo(ws)
    (ws / "photos").mkdir()
    (ws / "photos" / "1.jpg").write_bytes(b"\xff\xd8")
    r = make_runner(ws)("visit", "add", "--school", "1063020130", "--date", "2026-11-02", "--commit", "--json",
                        "--evidence", "photos/1.jpg", "--evidence", "photos/ไม่มี.jpg")
    assert r.exit_code == 0, r.stderr
    assert sorted(git(ws, "show", "--name-only", "--format=", "HEAD").splitlines()) == sorted(
        ["photos/1.jpg", r.json()["path"]])


def test_old_gitignore_commit_warns_and_check_says_what_to_do(ws: Path) -> None:
    (ws / ".gitignore").write_text(OLD_GITIGNORE, encoding="utf-8")
    cid = start_case(ws)
    repo(ws)
    ev = evidence(ws, "สำรวจความต้องการ.xlsx")
    r = make_runner(ws)("flow", "advance", cid, "--evidence", ev, "--date", "2025-10-20", "--commit")
    assert r.exit_code == 0, r.stderr
    assert f"คำเตือน: ไม่ได้ commit ไฟล์หลักฐาน {ev} เพราะ .gitignore ละไว้" in r.stderr
    assert git(ws, "show", "--name-only", "--format=", "HEAD").split() == [f"records/cases/2569/{cid}.yaml"]
    case_file = f"records/cases/2569/{cid}.yaml"
    assert check_lines(ws) == (0, [
        f"{case_file}:12:9: warning[evidence-ignored] ไฟล์หลักฐาน {ev} ถูกละไว้โดย .gitignore:2 (*.xlsx) จึงไม่ขึ้น git: "
        "เพื่อนร่วมทีมที่ clone ไปจะไม่พบไฟล์นี้"])
    with (ws / ".gitignore").open("a", encoding="utf-8") as f:  # the fix the hint gives
        f.write("!/evidence/**\n")
    assert check_lines(ws) == (0, [  # no stale answer from the cache
        f"{case_file}:12:9: warning[evidence-uncommitted] ไฟล์หลักฐาน {ev} ยังไม่อยู่ใน git แต่ไฟล์งานนี้อยู่แล้ว: "
        "เพื่อนร่วมทีมที่ clone ไปจะไม่พบไฟล์นี้"])
    git(ws, "add", ".gitignore", ev)
    git(ws, "commit", "-q", "-m", "หลักฐาน")
    assert check_lines(ws) == (0, [])


def test_evidence_of_a_case_not_yet_committed_is_no_warning(ws: Path) -> None:
    repo(ws)
    cid = start_case(ws)
    ev = evidence(ws, "สำรวจ.txt")
    assert make_runner(ws)("flow", "advance", cid, "--evidence", ev, "--date", "2025-10-20").exit_code == 0
    assert check_lines(ws) == (0, [])  # both go in with the next 'git add records evidence'


def test_evidence_ignored_by_an_enclosing_repository_names_that_file(tmp_path: Path, ws: Path) -> None:
    """A workspace inside another repository that ignores it (nitet's own ./demo before it became a
    repository of its own): the warning names the enclosing .gitignore and says what to do."""
    outer = ws.parent
    git(outer, "init", "-q")
    (outer / ".gitignore").write_text("/ws/\n", encoding="utf-8")
    cid = start_case(ws)
    ev = evidence(ws, "สำรวจ.txt")
    assert make_runner(ws)("flow", "advance", cid, "--evidence", ev, "--date", "2025-10-20").exit_code == 0
    r = make_runner(ws)("check", "--json")
    [f] = r.json()["findings"]
    assert f["check"] == "evidence-ignored"
    assert f"ถูกละไว้โดย {outer / '.gitignore'}:1 (/ws/)" in f["message"]
    text = make_runner(ws)("check").stdout
    assert "กฎนี้อยู่นอกพื้นที่ทำงาน" in text and "git init" in text


def test_check_names_records_left_uncommitted_when_the_workspace_commits_automatically(ws: Path) -> None:
    cfg = ws / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("autocommit: false", "autocommit: true"), encoding="utf-8")
    repo(ws)
    run = make_runner(ws)
    assert run("school", "add", "--code", "1063020130", "--name", "โรงเรียนบ้านแม่ละเมา").exit_code == 0
    assert run("check").exit_code == 0 and "uncommitted" not in run("check").stdout
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-02", "--no-commit", "--json")
    path = r.json()["path"]
    r = run("check")
    assert r.exit_code == 0  # a warning
    assert r.stdout.startswith(f"{path}:1:1: warning[uncommitted] ระเบียนนี้ยังไม่ได้ commit")
    assert f"git add -- {path} && git commit" in r.stdout
    git(ws, "add", path)
    assert "uncommitted" in run("check").stdout  # staged is not committed
    git(ws, "commit", "-q", "-m", "visit")
    assert "uncommitted" not in run("check").stdout
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("autocommit: true", "autocommit: false"), encoding="utf-8")
    git(ws, "commit", "-qam", "off")
    run("visit", "add", "--school", "1063020130", "--date", "2026-11-03")
    assert "uncommitted" not in run("check").stdout  # a workspace committed by hand: not nitet's business
