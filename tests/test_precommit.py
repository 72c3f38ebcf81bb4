"""The pre-commit hook as its users meet it: the real ``pre-commit`` tool, a real ``git commit``.

A scratch records repository with the workspace in a subfolder (``ws``) names this repository in
its ``.pre-commit-config.yaml`` (``repo: <path>``, ``rev: <HEAD>``, ``args: [-C, ws]``), as an
office would with a tag. pre-commit clones ``HEAD`` (commit your change first to test it) and
installs nitet into its own environment from PyPI: the first run takes a minute; the environment
is kept in ``.pytest_cache`` for the next runs of the same commit. Where pre-commit, git or the
network is missing, the test is skipped and says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHOOL = "code: '{code}'\nname: {name}\n"


def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0"}
    r = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check:
        assert r.returncode == 0, f"git {' '.join(args)}: {r.stdout}{r.stderr}"
    return r


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> tuple[Path, dict[str, str]]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    head = _git(ROOT, "rev-parse", "HEAD", check=False)
    if head.returncode != 0:
        pytest.skip("this copy of nitet is not a git repository: pre-commit needs a rev to clone")
    repo = tmp_path_factory.mktemp("office") / "records"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.name", "ศึกษานิเทศก์ ก")
    _git(repo, "config", "user.email", "a@example.org")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(request.config.cache.mkdir("pre-commit-home")),
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "NITET_LANG": "th"}
    subprocess.run([sys.executable, "-m", "nitet", "--no-input", "init", "ws"], cwd=repo, env=env, check=True,
                   capture_output=True, timeout=120)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n"
        "      - id: nitet-check\n        args: [-C, ws]\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run([sys.executable, "-m", "pre_commit", "install-hooks"], cwd=repo, env=env, capture_output=True,
                       text=True, timeout=900)
    if r.returncode != 0:
        pytest.skip("pre-commit could not install nitet's hook environment (offline?): "
                    + (r.stdout + r.stderr).strip().splitlines()[-1])
    return repo, env


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=600)


def test_the_hook_checks_what_is_committed_in_a_subfolder_workspace(office: tuple[Path, dict[str, str]]) -> None:
    repo, env = office
    ws = repo / "ws"
    school = ws / "records/schools/1063020130.yaml"
    school.write_text(SCHOOL.format(code="1063020130", name="โรงเรียนบ้านแม่ละเมา"), encoding="utf-8")
    _git(repo, "add", "-A")
    r = commit(repo, env, "workspace and a school")
    assert r.returncode == 0, r.stdout + r.stderr  # args: [-C, ws] after `nitet check --staged`

    # an untracked draft with errors is not part of the commit: it does not block it
    draft = ws / "records/visits/2569/draft.yaml"
    draft.parent.mkdir(parents=True)
    draft.write_text("date: 2568-10-02\nschool: '1063029999'\n", encoding="utf-8")
    (ws / "records/schools/1063020131.yaml").write_text(
        SCHOOL.format(code="1063020131", name="โรงเรียนบ้านห้วยไร่"), encoding="utf-8")
    _git(repo, "add", "ws/records/schools/1063020131.yaml")
    r = commit(repo, env, "another school")
    assert r.returncode == 0, r.stdout + r.stderr

    # a staged record with an error blocks the commit and says where
    school.write_text(SCHOOL.format(code="1063020130", name="โรงเรียนบ้านแม่ละเมา") + "students: -5\n",
                      encoding="utf-8")
    _git(repo, "add", "ws/records/schools/1063020130.yaml")
    r = commit(repo, env, "a bad count")
    assert r.returncode != 0
    assert "records/schools/1063020130.yaml:3:11: error[invalid]" in r.stdout + r.stderr

    # what counts is what is staged: the fix staged, a new mistake on disk not staged
    school.write_text(SCHOOL.format(code="1063020130", name="โรงเรียนบ้านแม่ละเมา") + "students: 86\n",
                      encoding="utf-8")
    _git(repo, "add", "ws/records/schools/1063020130.yaml")
    school.write_text("code: [\n", encoding="utf-8")
    r = commit(repo, env, "the count fixed")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "students: 86" in _git(repo, "show", "HEAD:ws/records/schools/1063020130.yaml").stdout
    _git(repo, "checkout", "--", "ws/records/schools/1063020130.yaml")

    # cross-references are checked among what is committed: a visit to a school not committed fails
    (ws / "records/schools/1063020132.yaml").write_text(
        SCHOOL.format(code="1063020132", name="โรงเรียนบ้านใหม่"), encoding="utf-8")  # left untracked
    visit = ws / "records/visits/2569/2025-11-25-1063020132-abc123.yaml"
    visit.write_text("date: 2025-11-25\nschool: '1063020132'\n", encoding="utf-8")
    _git(repo, "add", str(visit.relative_to(repo)))
    r = commit(repo, env, "a visit")
    assert r.returncode != 0
    assert "error[unknown-school]" in r.stdout + r.stderr
    _git(repo, "add", "ws/records/schools/1063020132.yaml")
    r = commit(repo, env, "the visit and its school")
    assert r.returncode == 0, r.stdout + r.stderr
