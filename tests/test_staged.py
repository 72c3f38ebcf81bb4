"""``nitet check --staged``: the records a commit would hold, as staged — git only, no pre-commit.

(tests/test_precommit.py runs the same through the real pre-commit tool.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import make_runner

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SCHOOL = "code: '1063020130'\nname: โรงเรียนบ้านแม่ละเมา\n"
VISIT = "records/visits/2569/2025-11-25-1063020130-abc123.yaml"


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    r = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A records repository with the workspace in its subfolder ``ws`` and one school committed."""
    from nitet.domain.initialize import create_workspace

    top = tmp_path / "records-repo"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    git(top, "config", "user.name", "ก")
    git(top, "config", "user.email", "a@example.org")
    create_workspace(top / "ws", office="สพป.ตาก เขต ๒", supervisor="ก")
    (top / "ws/records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "start")
    return top


def check(repo: Path, *args: str) -> tuple[int, set[tuple[str, str]]]:
    r = make_runner(repo / "ws")("check", "--json", *args)
    return r.exit_code, {(f["file"], f["check"]) for f in r.json()["findings"]}  # type: ignore[index]


def test_an_untracked_draft_is_not_part_of_the_commit(repo: Path) -> None:
    draft = repo / "ws" / VISIT
    draft.parent.mkdir(parents=True)
    draft.write_text("date: 2568-10-02\nschool: '1063029999'\n", encoding="utf-8")
    assert check(repo) == (1, {(VISIT, "be-year")})
    assert check(repo, "--staged") == (0, set())


def test_what_was_staged_is_checked_not_what_is_on_disk(repo: Path) -> None:
    school = repo / "ws/records/schools/1063020130.yaml"
    school.write_text(SCHOOL + "students: -5\n", encoding="utf-8")
    git(repo, "add", "-A")
    school.write_text(SCHOOL + "students: 86\n", encoding="utf-8")  # fixed on disk, not staged
    assert check(repo) == (0, set())
    code, found = check(repo, "--staged")
    assert (code, found) == (1, {("records/schools/1063020130.yaml", "invalid")})
    r = make_runner(repo / "ws")("check", "--staged")
    assert "records/schools/1063020130.yaml:3:11: error[invalid]" in r.stdout
    assert "  3 | students: -5" in r.stdout  # the line as staged


def test_references_are_checked_among_what_is_committed(repo: Path) -> None:
    (repo / "ws" / VISIT).parent.mkdir(parents=True)
    (repo / "ws" / VISIT).write_text("date: 2025-11-25\nschool: '1063020131'\n", encoding="utf-8")
    (repo / "ws/records/schools/1063020131.yaml").write_text(
        "code: '1063020131'\nname: โรงเรียนบ้านห้วยไร่\n", encoding="utf-8")
    git(repo, "add", f"ws/{VISIT}")  # the visit, not its school
    assert check(repo, "--staged") == (1, {(VISIT, "unknown-school")})
    git(repo, "add", "-A")
    assert check(repo, "--staged") == (0, set())
    (repo / "ws/records/schools/1063020131.yaml").unlink()  # gone from disk, still staged: still committed
    assert check(repo, "--staged") == (0, set())


def test_minus_c_after_the_command_and_outside_git(repo: Path, tmp_path: Path) -> None:
    r = subprocess.run(["nitet", "check", "--staged", "-C", "ws"], cwd=repo, capture_output=True, text=True,
                       timeout=120, env={**os.environ, "PATH": f"{Path(os.sys.executable).parent}{os.pathsep}"
                                                             f"{os.environ.get('PATH', '')}"})
    assert r.returncode == 0, r.stderr
    from nitet.domain.initialize import create_workspace

    lone = tmp_path / "lone"
    create_workspace(lone, office="", supervisor="")
    shutil.rmtree(lone / ".git", ignore_errors=True)
    r2 = make_runner(lone)("check", "--staged")
    assert r2.exit_code == 2
