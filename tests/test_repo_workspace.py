"""The repository is itself a workspace: demo records, default workflows, templates, schemas."""

from __future__ import annotations

from pathlib import Path

from conftest import make_runner
from nitet.devtools.sync_repo_workspace import SYNCED, build, repo_root


def _tree(root: Path, name: str) -> dict[str, bytes]:
    p = root / name
    if p.is_file():
        return {name: p.read_bytes()}
    return {f.relative_to(root).as_posix(): f.read_bytes() for f in sorted(p.rglob("*")) if f.is_file()}


def test_repository_workspace_is_in_sync_with_the_defaults_and_demo(tmp_path: Path) -> None:
    fresh = build(tmp_path / "fresh")
    for name in SYNCED:
        assert _tree(repo_root(), name) == _tree(fresh, name), \
            f"{name} is out of date: run 'make sync-defaults'"


def test_repository_workspace_checks_clean() -> None:
    r = make_runner(repo_root())("check", "--no-cache")
    assert r.exit_code == 0, r.stdout
    assert make_runner(repo_root())("schema", "--check").exit_code == 0
