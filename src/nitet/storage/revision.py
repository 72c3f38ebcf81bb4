"""Which revision of the records a report is built from, and the records as they were at one.

* :func:`current` — the workspace's git revision now: the commit at HEAD, and whether the files a
  report reads (``records/``, ``templates/``, ``workflows/``, ``nitet.yaml``) differ from it
  (changed, staged or new). None outside a git repository, and in one that ignores the workspace.
* :func:`resolve` — a revision the user names (``--as-of``): anything git reads as a commit
  (``a1b2c3d``, ``HEAD~2``, a tag, a branch), or a date (every form nitet reads): the last commit
  made on or before the end of that day.
* :func:`extract` — the workspace's files at a revision, written into a new folder with
  ``git archive`` (tar, extracted with the ``data`` filter: no links out, no devices), for a report
  to load as if it were the workspace then. Nothing in the workspace or the repository changes.

A revision is named by the first seven characters of its hash, always seven (git's ``--short``
grows with the repository, and a report made again later must read the same).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from nitet.core.errors import UsageError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.workspace import Workspace

#: What a report reads from a workspace: changes here make the report differ from the commit.
REPORT_INPUTS = ("records", "templates", "workflows", "nitet.yaml")
SHORT = 7


@dataclass(frozen=True)
class Revision:
    commit: str            #: the full hash
    day: date              #: the commit's date (committer date); date.min when not asked (current)
    dirty: bool = False    #: the working tree's report inputs differ from the commit

    @property
    def short(self) -> str:
        return self.commit[:SHORT]


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    if shutil.which("git") is None:
        return None
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_LITERAL_PATHSPECS": "1"}
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=60, check=False, env=env)
    except (OSError, subprocess.SubprocessError):
        return None


def _commit(root: Path, rev: str) -> Revision | None:
    r = _git(root, "log", "-1", "--format=%H %cs", rev, "--")
    if r is None or r.returncode or not r.stdout.strip():
        return None
    full, day = r.stdout.split()
    return Revision(full, date.fromisoformat(day))


def current(ws: Workspace) -> Revision | None:
    """HEAD, and whether the report's inputs in the working tree differ from it; None outside a
    repository or before the first commit."""
    from nitet.storage.gitops import find_repo

    if find_repo(ws.root) is None:
        return None
    inputs = [p for p in REPORT_INPUTS if (ws.root / p).exists()]
    # one git process: the commit at HEAD (branch.oid), every change under the report's inputs, and
    # whether the repository ignores the workspace (a folder inside some other project's repository)
    r = _git(ws.root, "status", "--porcelain=v2", "--branch", "--untracked-files=all", "--ignored=matching",
             "--", *inputs)
    if r is None or r.returncode:
        return None
    lines = r.stdout.splitlines()
    oid = next((x.split()[2] for x in lines if x.startswith("# branch.oid ")), "")
    if len(oid) < SHORT or oid == "(initial)":
        return None  # before the first commit
    ignored = [x[2:] for x in lines if x.startswith("! ")]
    if any(p in ("./", "nitet.yaml") or p.startswith("../") for p in ignored):
        return None  # the repository does not keep this workspace: no commit holds its records
    dirty = any(not x.startswith(("#", "! ")) for x in lines)
    return Revision(oid, date.min, dirty)


def resolve(ws: Workspace, text: str) -> Revision:
    """The commit ``--as-of`` names: a revision git knows, else a date (the last commit on or
    before it). A usage error when the workspace is not in a repository or nothing matches."""
    from nitet.core.thai import DateParseError, parse_date
    from nitet.storage.gitops import find_repo

    if find_repo(ws.root) is None or shutil.which("git") is None:
        raise UsageError(
            t("--as-of ต้องใช้คลัง git: {d} ไม่ได้อยู่ในคลัง git", "--as-of needs git: {d} is not in a git repository",
              d=ws.root),
            t("สร้างคลังด้วย git init และ commit ระเบียน (หรือ autocommit: true ใน nitet.yaml)",
              "make it a repository with git init and commit the records (or autocommit: true in nitet.yaml)"))
    raw = text.strip()
    found = _commit(ws.root, raw + "^{commit}") if raw and not raw.startswith("-") else None
    if found is not None:
        return found
    try:
        day = parse_date(raw)
    except DateParseError:
        raise UsageError(
            t("ไม่รู้จักฉบับ '{r}': ไม่ใช่ commit ในคลังนี้และไม่ใช่วันที่", "'{r}' is neither a commit of this repository "
              "nor a date", r=text),
            t("ระบุรหัส commit (เช่น a1b2c3d จาก git log) หรือวันที่ เช่น 31/3/2569", "give a commit (e.g. a1b2c3d "
              "from git log) or a date, e.g. 2026-03-31")) from None
    r = _git(ws.root, "rev-list", "-1", f"--before={day.isoformat()} 23:59:59", "HEAD")
    found = _commit(ws.root, r.stdout.strip()) if r is not None and r.returncode == 0 and r.stdout.strip() else None
    if found is None:
        raise UsageError(
            t("ไม่มี commit ใดในหรือก่อนวันที่ {d}", "no commit was made on or before {d}", d=day.isoformat()),
            t("ดูวันที่ของแต่ละ commit ด้วย git log", "see the commits' dates with git log"))
    return found


def extract(ws: Workspace, rev: Revision, dest: Path) -> Path:
    """The workspace's files at ``rev`` written under ``dest``; returns the workspace root there."""
    import io
    import tarfile

    from nitet.storage.gitops import find_repo

    repo = find_repo(ws.root)
    assert repo is not None
    prefix = ws.root.resolve().relative_to(repo[0].resolve()).as_posix()
    tree = rev.commit if prefix in ("", ".") else f"{rev.commit}:{prefix}"
    if shutil.which("git") is None:
        raise UsageError(t("ไม่พบโปรแกรม git", "git is not installed"))
    try:
        out = subprocess.run(["git", "archive", "--format=tar", tree], cwd=ws.root, capture_output=True,
                             timeout=300, check=False)
    except (OSError, subprocess.SubprocessError) as e:
        raise UsageError(t("อ่านฉบับ {r} จาก git ไม่ได้: {e}", "could not read revision {r} from git: {e}",
                           r=rev.short, e=e)) from None
    if out.returncode:
        raise UsageError(
            t("ฉบับ {r} ไม่มีพื้นที่ทำงานนี้ ({p})", "revision {r} does not hold this workspace ({p})", r=rev.short,
              p=prefix or "."),
            out.stderr.decode("utf-8", "replace").strip() or None)
    root = dest / "workspace"
    root.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(out.stdout)) as tar:
        tar.extractall(root, filter="data")
    if not (root / "nitet.yaml").is_file():
        raise UsageError(
            t("ฉบับ {r} ยังไม่มี nitet.yaml ของพื้นที่ทำงานนี้", "revision {r} has no nitet.yaml for this workspace",
              r=rev.short),
            t("เลือกฉบับหรือวันที่หลังจากสร้างพื้นที่ทำงาน", "choose a revision or date after the workspace was made"))
    return root


def text(rev: Revision | None) -> str | None:
    """How a report names its revision (Thai, for documents): ``ฉบับ a1b2c3d`` (and the uncommitted
    changes when there are any); None outside git."""
    if rev is None:
        return None
    return f"ฉบับ {rev.short}" + (" และมีการแก้ไขที่ยังไม่ commit" if rev.dirty else "")
