"""Who is using this clone: the supervisor whose name goes into the records a person writes.

One workspace is often one repository shared by a whole office, so ``nitet.yaml`` (shared by every
clone) cannot say who is typing. The person is, first found wins:

1. ``nitet.supervisor`` in git's configuration (``nitet whoami --set NAME`` writes it into the
   clone's own ``.git/config``; a person may also set it in their global git configuration);
2. git's ``user.name`` (the name the person's commits carry);
3. ``supervisor`` of ``nitet.yaml`` (a workspace of one person, or one that is not a git repository).

Git is asked only when the workspace sits in a git repository (found without running git), with one
``git config`` process. Library code: nothing is printed or asked here (``cli.identity`` asks once
on a terminal and stores the answer).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from nitet.core.errors import UsageError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.workspace import Workspace

KEY = "nitet.supervisor"
Source = Literal["git-nitet", "git-user", "config", "none"]


@dataclass(frozen=True)
class Identity:
    """The supervisor of a clone and where the name came from."""

    name: str
    source: Source

    def __bool__(self) -> bool:
        return bool(self.name)

    @property
    def from_clone(self) -> bool:
        """The name was set for this clone (``nitet.supervisor``), not borrowed from elsewhere."""
        return self.source == "git-nitet"

    def where(self) -> str:
        """Where the name came from, in words for the person."""
        return {
            "git-nitet": t("จาก git config {k} ของสำเนานี้", "from git config {k} of this clone", k=KEY),
            "git-user": t("จาก user.name ของ git", "from git's user.name"),
            "config": t("จาก supervisor ใน nitet.yaml", "from supervisor in nitet.yaml"),
            "none": t("ยังไม่ได้ตั้ง", "not set"),
        }[self.source]


def _git_config(ws: Workspace, *args: str) -> subprocess.CompletedProcess[str] | None:
    if shutil.which("git") is None:
        return None
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(["git", "config", *args], cwd=ws.root, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=30, check=False, env=env)
    except (OSError, subprocess.SubprocessError):
        return None


def in_repository(ws: Workspace) -> bool:
    from nitet.storage.gitops import find_repo

    return find_repo(ws.root) is not None


def git_names(ws: Workspace) -> dict[str, str]:
    """``{"nitet.supervisor": ..., "user.name": ..., "user.email": ...}`` as git sees them from the
    workspace (the last value of each key wins, as in git), only the keys set and not blank."""
    if not in_repository(ws):
        return {}
    r = _git_config(ws, "-z", "--get-regexp", r"^(nitet\.supervisor|user\.name|user\.email)$")
    if r is None or r.returncode:
        return {}
    out: dict[str, str] = {}
    for item in r.stdout.split("\0"):
        key, _, value = item.partition("\n")
        if key and value.strip():
            out[key.lower()] = " ".join(value.split())
    return out


def identify(ws: Workspace, names: dict[str, str] | None = None) -> Identity:
    """The supervisor of this clone (see the module docstring); ``Identity("", "none")`` when
    nothing names one. ``names``: :func:`git_names` when the caller has them already."""
    names = git_names(ws) if names is None else names
    if names.get(KEY):
        return Identity(names[KEY], "git-nitet")
    if names.get("user.name"):
        return Identity(names["user.name"], "git-user")
    name = " ".join(ws.config.supervisor.split())
    return Identity(name, "config") if name else Identity("", "none")


def supervisor(ws: Workspace) -> str:
    """The name of this clone's supervisor ("" when nobody is named): the default supervisor of a
    new visit, who advanced a case step, who recorded a plan's result, the reporter of a report."""
    return identify(ws).name


def set_supervisor(ws: Workspace, name: str) -> Identity:
    """Write ``nitet.supervisor`` into this clone's git configuration (``.git/config``, never a
    shared file). A usage error when the workspace is not in a git repository or git refuses."""
    name = " ".join(name.split())
    if not name:
        raise UsageError(t("ชื่อผู้นิเทศว่างไม่ได้", "the supervisor's name cannot be empty"),
                         t("เช่น nitet whoami --set \"นายสมชาย ใจดี\"", "e.g. nitet whoami --set \"Somchai Jaidee\""))
    if not in_repository(ws):
        raise UsageError(
            t("{d} ไม่ได้อยู่ในคลัง git จึงไม่มีที่เก็บชื่อของแต่ละคน", "{d} is not in a git repository, so there is "
              "no per-person place for the name", d=ws.root),
            t("พื้นที่ทำงานที่ใช้คนเดียว: แก้ supervisor ใน nitet.yaml (หรือสร้างคลังด้วย git init ก่อน)",
              "a one-person workspace: edit supervisor in nitet.yaml (or run git init first)"))
    r = _git_config(ws, "--local", KEY, name)
    if r is None or r.returncode:
        why = (r.stderr or r.stdout).strip() if r is not None else t("ไม่พบโปรแกรม git", "git is not installed")
        raise UsageError(t("ตั้งชื่อผู้นิเทศไม่สำเร็จ: {e}", "could not set the supervisor's name: {e}", e=why),
                         t("ตั้งเองด้วย git config {k} \"ชื่อ\"", "set it yourself: git config {k} \"NAME\"", k=KEY))
    return Identity(name, "git-nitet")
