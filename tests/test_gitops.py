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
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


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


def test_no_repository_or_failing_commit_is_a_warning_and_the_record_stays(ws: Path) -> None:
    add_school(ws)
    run = make_runner(ws)
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-02", "--commit", "--json")
    assert r.exit_code == 0 and "ไม่ใช่คลัง git" in r.stderr and (ws / r.json()["path"]).exists()
    repo(ws)
    hook = ws / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho ไม่อนุญาต >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-03", "--commit", "--json")
    assert r.exit_code == 0 and "commit ไม่สำเร็จ" in r.stderr and (ws / r.json()["path"]).exists()


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
