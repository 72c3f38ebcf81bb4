"""The git steps of ``nitet sync`` and of a new workspace's repository, one small function each.

Every function runs git in the workspace with no terminal prompt (``GIT_TERMINAL_PROMPT=0``: a
missing password fails instead of hanging) and returns git's answer as values; deciding what to
do and what to say is ``domain.sync``'s part. Paths are literal, relative to the workspace.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nitet.storage.gitops import find_repo

if TYPE_CHECKING:
    from nitet.storage.workspace import Workspace

#: what nitet keeps in a workspace (and ``nitet sync`` commits): its records, their evidence, the
#: workflows, templates and schemas, saved import mappings and the shared settings (VS Code's too)
SHARED = ("records", "evidence", "workflows", "templates", "schemas", "imports", "nitet.yaml", ".gitignore", ".vscode")
MARKERS = ("<<<<<<< ", "=======", ">>>>>>> ")


@dataclass(frozen=True)
class Git:
    """git run in one folder."""

    root: Path
    timeout: int = 120

    def run(self, *args: str, check: bool = False, literal: bool = True) -> subprocess.CompletedProcess[str]:
        """``literal``: pathspecs are plain paths (``check-ignore`` refuses the setting)."""
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_EDITOR": "true", "GIT_MERGE_AUTOEDIT": "no",
               "LC_ALL": "C", **({"GIT_LITERAL_PATHSPECS": "1"} if literal else {})}
        r = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, encoding="utf-8",
                           errors="replace", timeout=self.timeout, check=False, env=env)
        if check and r.returncode:
            raise GitFailed(args, r)
        return r

    def out(self, *args: str) -> str:
        return self.run(*args, check=True).stdout.strip()

    def ok(self, *args: str) -> bool:
        return self.run(*args).returncode == 0


class GitFailed(Exception):
    def __init__(self, args: tuple[str, ...], r: subprocess.CompletedProcess[str]) -> None:
        self.reason = ((r.stderr or r.stdout).strip().splitlines() or [f"exit {r.returncode}"])[-1]
        super().__init__(f"git {' '.join(args)}: {self.reason}")


def available() -> bool:
    return shutil.which("git") is not None


def git_dir(ws: Workspace) -> Path | None:
    repo = find_repo(ws.root)
    return repo[1] if repo else None


def ignored_folder(root: Path) -> bool:
    """Whether the repository that holds ``root`` ignores it (nitet's own repository ignores its demo)."""
    return Git(root.parent).run("check-ignore", "-q", "--no-index", root.name + "/", literal=False).returncode == 0


def init_repository(root: Path) -> bool:
    """Make ``root`` a git repository of its own (branch ``main``) unless it is already inside one
    that tracks it. True when a repository was created."""
    if not available():
        return False
    repo = find_repo(root)
    if repo is not None and (repo[0] == root.resolve() or not ignored_folder(root)):
        return False
    g = Git(root)
    if not g.ok("init", "-q", "-b", "main"):
        g.run("init", "-q", check=True)  # git before 2.28 has no -b
    return True


def is_top(ws: Workspace) -> bool:
    repo = find_repo(ws.root)
    return repo is not None and repo[0] == ws.root.resolve()


def configure_pull(ws: Workspace) -> list[str]:
    """``pull.rebase=true`` and ``rebase.autoStash=true`` in the clone's own configuration where
    they are not set at all: a plain ``git pull`` then rebases, never merges. The keys set."""
    g = Git(ws.root)
    done = []
    for key in ("pull.rebase", "rebase.autoStash"):
        if g.run("config", "--get", key).returncode == 1:
            g.run("config", "--local", key, "true", check=True)
            done.append(key)
    return done


def set_local(ws: Workspace, key: str, value: str) -> None:
    Git(ws.root).run("config", "--local", key, value, check=True)


def in_progress(ws: Workspace) -> str | None:
    """``"rebase"`` or ``"merge"`` when git stopped in the middle of one (a conflict), else None."""
    gd = git_dir(ws)
    if gd is None:
        return None
    if (gd / "rebase-merge").is_dir() or (gd / "rebase-apply").is_dir():
        return "rebase"
    if (gd / "MERGE_HEAD").is_file():
        return "merge"
    return None


def unmerged(ws: Workspace) -> list[str]:
    """Files git left conflicted, relative to the workspace."""
    out = Git(ws.root).run("diff", "--name-only", "--diff-filter=U", "--relative", "-z").stdout
    return sorted(p for p in out.split("\0") if p)


def has_markers(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(line.startswith(MARKERS[0]) or line.startswith(MARKERS[2]) for line in text.split("\n"))


def changed_shared(ws: Workspace) -> list[tuple[str, str]]:
    """``(status, path)`` of changed or new files under the shared folders (``git status``)."""
    present = [p for p in SHARED if (ws.root / p).exists()]
    if not present:
        return []
    out = Git(ws.root).run("status", "--porcelain", "-z", "--untracked-files=all", "--", *present).stdout
    items = out.split("\0")
    rows: list[tuple[str, str]] = []
    i = 0
    while i < len(items):
        item = items[i]
        if len(item) > 3:
            status, path = item[:2], item[3:]
            rows.append((status, path))
            if status[0] in "RC":  # a rename is followed by its old name
                i += 1
        i += 1
    top = Path(Git(ws.root).out("rev-parse", "--show-toplevel"))
    here = ws.root.resolve()
    return [(s, (top / p).relative_to(here).as_posix() if here != top else p) for s, p in rows]


def commit_shared(ws: Workspace, message: str, signed: list[str]) -> bool:
    """Stage and commit every change under the shared folders (and nothing else). True if a commit
    was made."""
    present = [p for p in SHARED if (ws.root / p).exists()]
    g = Git(ws.root)
    g.run("add", "-A", "--", *present, check=True)
    if g.run("diff", "--cached", "--quiet", "--", *present).returncode == 0:
        return False
    g.run(*signed, "commit", "-q", "-m", message, "--", *present, check=True)
    return True


def branch(ws: Workspace) -> str | None:
    r = Git(ws.root).run("symbolic-ref", "--short", "-q", "HEAD")
    return r.stdout.strip() or None


def upstream(ws: Workspace) -> tuple[str, str] | None:
    """``(remote, branch)`` the current branch follows, if set."""
    r = Git(ws.root).run("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}")
    if r.returncode or "/" not in r.stdout:
        return None
    remote, _, name = r.stdout.strip().partition("/")
    return remote, name


def remotes(ws: Workspace) -> list[str]:
    return Git(ws.root).run("remote").stdout.split()


def has_commits(ws: Workspace) -> bool:
    return Git(ws.root).ok("rev-parse", "-q", "--verify", "HEAD")


def fetch(ws: Workspace, remote: str) -> None:
    Git(ws.root).run("fetch", "-q", remote, check=True)


def remote_has(ws: Workspace, remote: str, name: str) -> bool:
    return Git(ws.root).ok("rev-parse", "-q", "--verify", f"refs/remotes/{remote}/{name}")


def ahead_behind(ws: Workspace, other: str) -> tuple[int, int]:
    out = Git(ws.root).out("rev-list", "--left-right", "--count", f"HEAD...{other}")
    ahead, behind = out.split()
    return int(ahead), int(behind)


def rebase(ws: Workspace, onto: str, signed: list[str]) -> bool:
    """Rebase the current branch onto ``onto`` (local changes outside the shared folders stashed and
    put back; ``signed``: who commits, see ``gitops.author_args``). False when it stopped on a
    conflict; any other failure is undone (``rebase --abort``) and raised."""
    g = Git(ws.root)
    r = g.run(*signed, "rebase", "--autostash", onto)
    if r.returncode == 0:
        return True
    if in_progress(ws) == "rebase":
        if unmerged(ws):
            return False
        g.run("rebase", "--abort")
    raise GitFailed(("rebase", onto), r)


def continue_rebase(ws: Workspace, files: list[str], signed: list[str]) -> bool:
    """Stage the resolved ``files`` and let the rebase go on (a commit the resolution left empty is
    skipped). False when it stopped on a conflict again."""
    g = Git(ws.root)
    if files:
        g.run("add", "--", *files, check=True)
    step = ("rebase", "--continue")
    for _ in range(10_000):  # one round per commit left to replay
        r = g.run(*signed, *step)
        if in_progress(ws) != "rebase":
            if r.returncode:
                raise GitFailed(step, r)
            return True
        if unmerged(ws):
            return False
        if g.run("diff", "--cached", "--quiet").returncode:  # staged but not committed: git said why
            raise GitFailed(step, r)
        step = ("rebase", "--skip")
    raise GitFailed(step, g.run("status"))


def push(ws: Workspace, remote: str, name: str, set_upstream: bool) -> bool:
    """Push HEAD to ``remote``'s ``name``. False when the remote refused (it moved on: fetch again)."""
    args = ["push", "-q", *(["-u"] if set_upstream else []), remote, f"HEAD:refs/heads/{name}"]
    r = Git(ws.root).run(*args)
    if r.returncode == 0:
        return True
    text = r.stderr + r.stdout
    if "[rejected]" in text or "non-fast-forward" in text or "fetch first" in text:
        return False
    raise GitFailed(tuple(args), r)


def merges_since(ws: Workspace, base: str) -> int:
    """Merge commits in ``base..HEAD`` (none, after a sync)."""
    return len(Git(ws.root).run("rev-list", "--merges", f"{base}..HEAD").stdout.split())
