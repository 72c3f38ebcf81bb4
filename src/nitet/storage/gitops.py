"""Optional git commit of the files a command wrote (``autocommit`` in nitet.yaml, ``--commit``).

A record is saved the moment its file is written; the commit is a convenience on top. A failure
to commit (no git, not a repository, a hook refusing) is a warning, never a lost record. Only the
files nitet wrote are committed (``git commit -- PATHS``), with the evidence files the same command
attached (those inside the workspace and not ignored by git: an ignored one is a warning, because a
colleague's clone will not have it): whatever else the user has staged stays staged and out of the
commit. Paths are literal (``GIT_LITERAL_PATHSPECS``): ``evidence/[1].pdf`` names that file only.

:func:`evidence_tracking` answers, for ``nitet check``, which evidence files git tracks, with one
``git ls-files`` and only inside a repository (found without running git).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.workspace import Workspace


def _git(root: Path, *args: str, input: str | None = None, literal: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git in ``root``; ``literal``: pathspecs are plain paths (check-ignore refuses the setting)."""
    env = {**os.environ, "GIT_LITERAL_PATHSPECS": "1"} if literal else None
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, input=input,
                          encoding="utf-8", errors="replace", timeout=60, check=False, env=env)


def find_repo(root: Path) -> tuple[Path, Path] | None:
    """``(top, git_dir)`` of the repository holding ``root``, found by looking for ``.git`` upward
    (no git process: ``nitet check`` outside a repository costs a few stats). None: not in one."""
    try:
        start = root.resolve()
    except OSError:
        return None
    for d in (start, *start.parents):
        dot = d / ".git"
        if dot.is_dir():
            return d, dot
        if dot.is_file():  # a worktree or submodule: "gitdir: PATH"
            try:
                text = dot.read_text(encoding="utf-8").strip()
            except OSError:
                return None
            if not text.startswith("gitdir:"):
                return None
            gd = Path(text[len("gitdir:"):].strip())
            return d, gd if gd.is_absolute() else d / gd
    return None


def state_key(root: Path) -> str:
    """What git's answer about tracked and ignored files depends on, as stats: the index and the
    ignore files from ``root`` up to the top of the repository ("" outside a repository).

    Part of the cache digest of cross-record findings, so that ``git add``/``commit`` or an edited
    ``.gitignore`` refreshes the evidence warnings. (A ``.gitignore`` deeper than ``root`` is not
    watched: ``nitet check --no-cache`` sees it at once, any record change does too.)
    """
    repo = find_repo(root)
    if repo is None:
        return ""
    top, gd = repo
    watched = [gd / "index", gd / "info" / "exclude"]
    d = root.resolve()
    while True:
        watched.append(d / ".gitignore")
        if d == top or d == d.parent:
            break
        d = d.parent
    out = []
    for p in watched:
        try:
            st = p.stat()
            out.append(f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}")
        except OSError:
            out.append("-")
    return ",".join(out)


def evidence_tracking(root: Path, rels: Iterable[str]) -> dict[str, bool] | None:
    """Which of these workspace-relative files git has in its index (True) or sees as untracked and
    not ignored (False); a file missing from the answer is ignored by git. One ``git ls-files`` over
    the folders of ``rels``; None when the workspace is not in a repository or git cannot answer.
    """
    rels = list(rels)
    if not rels or find_repo(root) is None or shutil.which("git") is None:
        return None
    folders = sorted({r.rsplit("/", 1)[0] if "/" in r else "." for r in rels})
    try:
        r = _git(root, "ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard", "--", *folders)
    except (OSError, subprocess.SubprocessError):
        return None
    if r.returncode:
        return None
    out: dict[str, bool] = {}
    for item in r.stdout.split("\0"):
        if len(item) > 2:
            out[item[2:]] = item[0] != "?"
    return out


def workspace_files(ws: Workspace, texts: Iterable[str]) -> list[str]:
    """The paths among ``texts`` (relative to the workspace, or absolute) that are files inside the
    workspace, as workspace-relative POSIX paths. Anything outside it (also through a symbolic
    link), a folder, a missing file or a file inside ``.git`` is left out."""
    try:
        root = ws.root.resolve()
    except OSError:
        return []
    out: list[str] = []
    for text in texts:
        p = Path(text.strip())
        p = p if p.is_absolute() else root / p
        try:
            here = p.parent.resolve() / p.name
            rel = here.relative_to(root)
            p.resolve().relative_to(root)
        except (OSError, ValueError):
            continue
        if not p.is_file() or ".git" in rel.parts or not rel.parts:
            continue
        s = rel.as_posix()
        if s not in out:
            out.append(s)
    return out


def _ignored(root: Path, rels: list[str]) -> list[str]:
    """The untracked files among ``rels`` that git ignores (``git check-ignore``)."""
    if not rels:
        return []
    r = _git(root, "check-ignore", "-z", "--stdin", input="\0".join(rels) + "\0", literal=False)
    if r.returncode != 0:  # 1: none ignored; 128: git could not tell (then 'git add' says why)
        return []
    found = set(r.stdout.split("\0"))
    return [p for p in rels if p in found]


def ignore_rules(root: Path, rels: Iterable[str]) -> dict[str, tuple[str, int, str]]:
    """For each of these workspace-relative paths that git ignores: ``(file, line, pattern)`` of the
    rule that ignores it — the file as a workspace-relative path when inside the workspace, else
    absolute (an enclosing repository's .gitignore, .git/info/exclude, a global excludes file)."""
    rels = list(rels)
    repo = find_repo(root)
    if not rels or repo is None or shutil.which("git") is None:
        return {}
    try:
        r = _git(root, "check-ignore", "-v", "-z", "--stdin", input="\0".join(rels) + "\0", literal=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    if r.returncode not in (0, 1):
        return {}
    parts = r.stdout.split("\0")
    out: dict[str, tuple[str, int, str]] = {}
    here = root.resolve()
    for i in range(0, len(parts) - 3, 4):
        source, line, pattern, path = parts[i:i + 4]
        src = Path(source) if Path(source).is_absolute() else repo[0] / source
        try:
            shown = src.resolve().relative_to(here).as_posix()
        except ValueError:
            shown = str(src)
        out[path] = (shown, int(line) if line.isdigit() else 0, pattern)
    return out


def is_repo(root: Path) -> bool:
    if shutil.which("git") is None:
        return False
    try:
        r = _git(root, "rev-parse", "--is-inside-work-tree")
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0 and r.stdout.strip() == "true"


def should_commit(ws: Workspace, commit: bool | None) -> bool:
    """``--commit`` / ``--no-commit`` win; otherwise ``autocommit`` of nitet.yaml."""
    return ws.config.autocommit if commit is None else commit


@dataclass
class Committed:
    """What :func:`maybe_commit` did: whether a commit was made, and what to tell the user."""

    made: bool = False
    notes: list[str] = field(default_factory=list)


def author_args(ws: Workspace) -> list[str]:
    """Who makes the commit: git's own identity when it has one; on a machine where git has no
    ``user.name`` (a fresh computer) the clone's supervisor (``storage.identity``) with an empty
    e-mail address, so that saving with ``--commit`` does not fail on "Please tell me who you are"."""
    from nitet.storage.identity import git_names, identify

    names = git_names(ws)
    if names.get("user.name"):
        return []
    who = identify(ws, names)
    if not who:
        return []
    return ["-c", f"user.name={who.name}", *([] if names.get("user.email") else ["-c", "user.email="])]


def maybe_commit(ws: Workspace, paths: Sequence[Path], message: str, commit: bool | None, *,
                 evidence: Iterable[str] = ()) -> Committed:
    """Commit ``paths`` (and only them) when asked to, with the ``evidence`` files the command
    attached (see the module docstring). The caller prints :attr:`Committed.notes`.

    Nothing to say when committing is off or the workspace is not a git repository and ``commit``
    is None (autocommit); with an explicit ``--commit`` the user is told why nothing was committed.
    """
    out = Committed()
    if not should_commit(ws, commit) or not paths:
        return out
    if not is_repo(ws.root):
        if commit:
            out.notes.append(t("คำเตือน: {d} ไม่ใช่คลัง git จึงไม่ได้ commit (บันทึกไฟล์แล้ว)",
                               "warning: {d} is not a git repository, nothing committed (the file is saved)",
                               d=ws.root))
        return out
    rels = [ws.rel(p) for p in paths]
    files = [f for f in workspace_files(ws, evidence) if f not in rels]
    try:
        ignored = _ignored(ws.root, files)
        rels += [f for f in files if f not in ignored]
        added = _git(ws.root, "add", "--", *rels)
        done = added if added.returncode else _git(ws.root, *author_args(ws), "commit", "-q", "-m", message, "--", *rels)
    except (OSError, subprocess.SubprocessError) as e:
        out.notes.append(t("คำเตือน: commit ไม่สำเร็จ ({e}) แต่บันทึกไฟล์แล้ว",
                           "warning: git commit failed ({e}), but the file is saved", e=e))
        return out
    if done.returncode:
        reason = (done.stderr or done.stdout).strip().splitlines()
        out.notes.append(t("คำเตือน: commit ไม่สำเร็จ ({e}) แต่บันทึกไฟล์แล้ว — commit เองด้วย git commit",
                           "warning: git commit failed ({e}), but the file is saved — commit it yourself",
                           e=reason[-1] if reason else done.returncode))
        return out
    out.made = True
    out.notes.append(t("commit แล้ว: {m}", "committed: {m}", m=message))
    for f in ignored:
        out.notes.append(t(
            "คำเตือน: ไม่ได้ commit ไฟล์หลักฐาน {p} เพราะ .gitignore ละไว้ เพื่อนร่วมทีมจะไม่ได้ไฟล์นี้ — "
            "เพิ่มบรรทัด !/evidence/** ท้าย .gitignore (หรือ git add -f {p}) แล้ว commit",
            "warning: evidence file {p} was not committed: .gitignore ignores it, so colleagues will not "
            "get it — add the line !/evidence/** at the end of .gitignore (or git add -f {p}) and commit",
            p=f))
    return out
