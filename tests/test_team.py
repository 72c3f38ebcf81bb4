"""Team scale through git: one repository per office, a shared remote, merges without conflicts.

Real git in temporary folders: two supervisors clone one bare remote, each records visits to
the same school on the same day, both push — the merge is clean because every record is its own
file and every visit's file name carries a random token. A bad merge that leaves one record in
two places is caught by ``nitet check`` (duplicate-id).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import make_runner
from nitet.domain.initialize import create_workspace
from nitet.model import School, Visit
from nitet.storage import ids, writer
from nitet.storage.workspace import open_workspace

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 11, 25)
SCHOOL = "1063020130"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_TERMINAL_PROMPT": "0"}
    r = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, f"git {' '.join(args)}: {r.stdout}{r.stderr}"
    return r.stdout


def clone(remote: Path, where: Path, who: str) -> Path:
    git(where.parent, "clone", "-q", str(remote), where.name)
    git(where, "config", "user.name", who)
    git(where, "config", "user.email", f"{who}@example.org")
    git(where, "config", "pull.rebase", "false")
    return where


def add_visit(root: Path, finding: str) -> Path:
    ws = open_workspace(root)
    path = ids.visit_path(ws, DAY, SCHOOL)
    return writer.create(ws, path, Visit, {"id": path.stem, "date": DAY.isoformat(), "school": SCHOOL,
                                           "findings": finding})


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A bare remote holding a workspace with one school, and two clones of it."""
    remote = tmp_path / "office.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    a = clone(remote, tmp_path / "supervisor-a", "a")
    create_workspace(a, office="สพป.ตาก เขต ๒", supervisor="ศึกษานิเทศก์ ก")
    ws = open_workspace(a)
    writer.create(ws, ids.school_path(ws, SCHOOL), School, {"code": SCHOOL, "name": "โรงเรียนบ้านแม่ละเมา"})
    git(a, "add", "-A")
    git(a, "commit", "-q", "-m", "workspace")
    git(a, "push", "-q", "origin", "HEAD:main")
    b = clone(remote, tmp_path / "supervisor-b", "b")
    return remote, a, b


def test_visits_added_in_two_clones_merge_without_conflict(office: tuple[Path, Path, Path]) -> None:
    _remote, a, b = office
    mine = [add_visit(a, "ครูเตรียมการสอนตามคู่มือ DLTV") for _ in range(2)]
    git(a, "add", "-A")
    git(a, "commit", "-q", "-m", "visits by a")
    git(a, "push", "-q", "origin", "HEAD:main")

    theirs = [add_visit(b, "นักเรียนอ่านออกเสียงคล่องขึ้น") for _ in range(2)]
    git(b, "add", "-A")
    git(b, "commit", "-q", "-m", "visits by b")
    git(b, "pull", "-q", "--no-edit", "origin", "main")  # a real merge: both sides changed
    assert git(b, "status", "--porcelain") == ""
    assert len(git(b, "log", "--merges", "--format=%H").split()) == 1
    git(b, "push", "-q", "origin", "HEAD:main")
    git(a, "pull", "-q", "--no-edit", "origin", "main")

    for clone_root in (a, b):
        files = sorted(p.name for p in (clone_root / "records/visits").rglob("*.yaml"))
        assert files == sorted(p.name for p in mine + theirs)
        r = make_runner(clone_root)("check", "--json")
        assert (r.exit_code, r.json()) == (0, {"findings": []})
        assert git(clone_root, "status", "--porcelain") == ""  # the cache (.nitet/) stays out of git


def test_a_bad_merge_with_one_record_in_two_places_is_found(office: tuple[Path, Path, Path]) -> None:
    _remote, a, _b = office
    visit = add_visit(a, "บันทึกเดิม")
    copy = a / "records/visits/2568" / visit.name  # the same record under another fiscal year
    copy.parent.mkdir(parents=True)
    shutil.copyfile(visit, copy)
    git(a, "add", "-A")
    git(a, "commit", "-q", "-m", "bad merge")
    r = make_runner(a)("check", "--json")
    assert r.exit_code == 1
    rel_a, rel_b = (p.relative_to(a).as_posix() for p in (visit, copy))
    assert sorted((f["file"], f["check"]) for f in r.json()["findings"]) == [  # type: ignore[index]
        (rel_b, "duplicate-id"), (rel_a, "duplicate-id")]


def test_two_edits_of_one_record_conflict_and_check_points_at_the_markers(
        office: tuple[Path, Path, Path]) -> None:
    """The one case git cannot merge: nitet check names the file and the marker line."""
    _remote, a, b = office
    school = f"records/schools/{SCHOOL}.yaml"
    for root, students in ((a, 120), (b, 135)):
        ws = open_workspace(root)
        writer.edit(ws, root / school, School, lambda doc, n=students: writer.put(doc, School, "students", n))
        git(root, "commit", "-q", "-am", f"students {students}")
    git(a, "push", "-q", "origin", "HEAD:main")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    pull = subprocess.run(["git", "pull", "--no-edit", "origin", "main"], cwd=b, env=env,
                          capture_output=True, text=True, timeout=60)
    assert pull.returncode != 0 and "CONFLICT" in pull.stdout
    lines = (b / school).read_text(encoding="utf-8").splitlines()
    marker = next(i for i, line in enumerate(lines, start=1) if line.startswith("<<<<<<<"))
    r = make_runner(b)("check", "--json")
    assert r.exit_code == 1
    assert [(f["file"], f["line"], f["column"], f["check"]) for f in r.json()["findings"]] == [  # type: ignore[index]
        (school, marker, 1, "merge-conflict")]


def test_the_pre_commit_hook_checks_what_is_staged_across_the_whole_workspace() -> None:
    """The manifest; tests/test_precommit.py runs it with the real pre-commit tool."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["nitet-check"]
    hook = hooks[0]
    assert (hook["entry"], hook["language"], hook["pass_filenames"], hook["always_run"]) == (
        "nitet check --staged", "python", False, True)
