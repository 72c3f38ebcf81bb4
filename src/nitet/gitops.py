"""Optional git commit of the files a command wrote (``autocommit`` in nitet.yaml, ``--commit``).

A record is saved the moment its file is written; the commit is a convenience on top. A failure
to commit (no git, not a repository, a hook refusing) is a warning, never a lost record. Only the
files nitet wrote are committed (``git commit -- PATHS``): whatever else the user has staged stays
staged and out of the commit.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import t

if TYPE_CHECKING:
    from .workspace import Workspace


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=60, check=False)


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


def maybe_commit(ws: Workspace, paths: Sequence[Path], message: str, commit: bool | None) -> bool:
    """Commit ``paths`` (and only them) when asked to. True when a commit was made.

    Silent when committing is off or the workspace is not a git repository and ``commit`` is
    None (autocommit); with an explicit ``--commit`` the user is told why nothing was committed.
    """
    from . import ui

    if not should_commit(ws, commit) or not paths:
        return False
    if not is_repo(ws.root):
        if commit:
            ui.say(t("คำเตือน: {d} ไม่ใช่คลัง git จึงไม่ได้ commit (บันทึกไฟล์แล้ว)",
                     "warning: {d} is not a git repository, nothing committed (the file is saved)",
                     d=ws.root))
        return False
    rels = [ws.rel(p) for p in paths]
    try:
        added = _git(ws.root, "add", "--", *rels)
        done = added if added.returncode else _git(ws.root, "commit", "-q", "-m", message, "--", *rels)
    except (OSError, subprocess.SubprocessError) as e:
        ui.say(t("คำเตือน: commit ไม่สำเร็จ ({e}) แต่บันทึกไฟล์แล้ว",
                 "warning: git commit failed ({e}), but the file is saved", e=e))
        return False
    if done.returncode:
        reason = (done.stderr or done.stdout).strip().splitlines()
        ui.say(t("คำเตือน: commit ไม่สำเร็จ ({e}) แต่บันทึกไฟล์แล้ว — commit เองด้วย git commit",
                 "warning: git commit failed ({e}), but the file is saved — commit it yourself",
                 e=reason[-1] if reason else done.returncode))
        return False
    ui.say(t("commit แล้ว: {m}", "committed: {m}", m=message))
    return True
