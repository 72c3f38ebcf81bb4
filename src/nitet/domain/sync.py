"""``nitet sync``: share one's work with the office and receive the colleagues', never a merge commit.

1. A rebase that stopped on a conflict is taken up again: files still holding conflict markers stop
   the sync (named, with what to do); resolved ones are staged and the rebase goes on. A ``git pull``
   merge left half done is refused with the way out (``git merge --abort``).
2. Every change under nitet's folders (``gitsync.SHARED``: records, evidence, workflows, templates,
   schemas, imports, nitet.yaml, .gitignore) is committed in the clone's supervisor's name — never a
   file with conflict markers; anything else in the repository is left alone (and stashed around
   the rebase).
3. Fetch the remote branch, rebase onto it, push. If a colleague pushed in between, fetch and rebase
   again (three tries). A conflict stops with the file names (:class:`SyncConflict`).
4. The clone's ``pull.rebase`` / ``rebase.autoStash`` are set where unset, so a plain ``git pull``
   rebases too.

Library code: returns :class:`Synced` or raises DataError/UsageError; the command prints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nitet.core.errors import DataError, UsageError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.workspace import Workspace

TRIES = 3


@dataclass
class Synced:
    remote: str = ""
    branch: str = ""
    committed: int = 0              # files committed by this sync
    message: str = ""
    received: int = 0               # colleagues' commits rebased onto
    sent: int = 0                   # commits pushed
    first_push: bool = False        # the remote had no such branch yet
    resumed: bool = False           # a rebase stopped by a conflict was completed
    pushed: bool = False
    configured: list[str] = field(default_factory=list)


class SyncConflict(DataError):
    """The same record changed differently here and in a colleague's clone: git stopped the rebase."""

    def __init__(self, files: list[str]) -> None:
        self.files = files
        super().__init__(
            t("รวมงานกับคลังกลางไม่ได้: คุณและเพื่อนร่วมทีมแก้ระเบียนเดียวกันต่างกัน {n} ไฟล์:",
              "cannot combine your work with the office's: you and a colleague changed the same record differently "
              "({n} file(s)):", n=len(files)) + "".join(f"\n  {f}" for f in files),
            t("เปิดแต่ละไฟล์ เลือกค่าที่ถูกต้องระหว่างบรรทัด <<<<<<< กับ >>>>>>> แล้วลบบรรทัดเครื่องหมาย "
              "<<<<<<< ======= >>>>>>> ออก (nitet check ชี้บรรทัดที่ยังค้าง) จากนั้นรัน nitet sync อีกครั้ง · "
              "ยกเลิกการรวมครั้งนี้: git rebase --abort (งานของคุณยังอยู่ครบใน commit ของคุณ)",
              "open each file, keep the right values between the <<<<<<< and >>>>>>> lines and delete the marker "
              "lines <<<<<<< ======= >>>>>>> (nitet check points at any left), then run nitet sync again · to "
              "give up this time: git rebase --abort (your work stays in your commits)"))


def _describe(paths: list[str]) -> str:
    """``บันทึกการนิเทศ 2, โรงเรียน 1`` for the files a sync commits."""
    from nitet.model import RECORD_KINDS

    words = {"evidence": t("หลักฐาน", "evidence"), "workflows": t("กระบวนงาน", "workflows"),
             "templates": t("แม่แบบรายงาน", "templates"), "schemas": "schemas", "imports": t("การจับคู่คอลัมน์", "mappings"),
             "nitet.yaml": t("การตั้งค่า", "settings"), ".gitignore": ".gitignore", ".vscode": "VS Code"}
    counts: Counter[str] = Counter()
    for p in paths:
        parts = p.split("/")
        if parts[0] == "records":
            if parts[1] in RECORD_KINDS and p.endswith(".yaml"):
                cls = RECORD_KINDS[parts[1]]
                counts[t(cls.TITLE_TH, cls.KIND)] += 1
        else:
            counts[words.get(parts[0], parts[0])] += 1
    return ", ".join(f"{k} {n}" for k, n in counts.most_common())


def _resume(ws: Workspace) -> bool:
    """Finish a rebase or refuse a merge that git left half done. True when a rebase was completed."""
    from nitet.storage import gitops, gitsync

    state = gitsync.in_progress(ws)
    if state == "merge":
        raise DataError(
            t("มีการรวมงานแบบ merge ค้างอยู่ (จาก git pull ที่ขัดแย้ง)", "a merge is left half done (a git pull that "
              "conflicted)"),
            t("ยกเลิกด้วย git merge --abort แล้วรัน nitet sync (nitet รวมงานด้วย rebase จึงไม่เกิด merge commit)",
              "undo it with git merge --abort, then run nitet sync (it rebases: no merge commit)"))
    if state != "rebase":
        return False
    files = gitsync.unmerged(ws)
    left = [f for f in files if gitsync.has_markers(ws.root / f)]
    if left:
        raise SyncConflict(left)
    if not gitsync.continue_rebase(ws, files, gitops.author_args(ws)):
        raise SyncConflict(gitsync.unmerged(ws))
    return True


def _remote(ws: Workspace, name: str) -> tuple[str, str, bool]:
    """(remote, its branch, whether the branch already follows it)."""
    from nitet.storage import gitsync

    up = gitsync.upstream(ws)
    if up is not None:
        return up[0], up[1], True
    names = gitsync.remotes(ws)
    if not names:
        raise UsageError(
            t("คลังนี้ยังไม่มีคลังกลาง (remote) ให้ส่งงานไป", "this repository has no remote to send the work to"),
            t("เพิ่มด้วย git remote add origin ที่อยู่คลังกลาง แล้วรัน nitet sync อีกครั้ง (ดู docs/team.md)",
              "add one with git remote add origin URL, then run nitet sync again (see docs/team.md)"))
    if "origin" in names:
        return "origin", name, False
    if len(names) == 1:
        return names[0], name, False
    raise UsageError(
        t("คลังนี้มีคลังกลางหลายแห่ง ({r}) และยังไม่ได้เลือก", "this repository has several remotes ({r}) and none "
          "is chosen", r=", ".join(names)),
        t("เลือกครั้งเดียวด้วย git push -u ชื่อคลังกลาง {b}", "choose once with git push -u REMOTE {b}", b=name))


def sync(ws: Workspace, *, send: bool = True) -> Synced:
    """See the module docstring. ``send=False``: commit and receive, push nothing."""
    from nitet.storage import gitops, gitsync
    from nitet.storage.identity import supervisor

    if not gitsync.available():
        raise UsageError(t("ไม่พบโปรแกรม git", "git is not installed"),
                         t("ติดตั้ง git แล้วลองอีกครั้ง", "install git and try again"))
    if gitsync.git_dir(ws) is None:
        raise UsageError(
            t("{d} ไม่ได้อยู่ในคลัง git", "{d} is not in a git repository", d=ws.root),
            t("รับคลังของสำนักงานด้วย git clone ที่อยู่คลัง (ดู docs/team.md)",
              "get the office's repository with git clone URL (see docs/team.md)"))
    done = Synced()
    try:
        done.resumed = _resume(ws)
        done.configured = gitsync.configure_pull(ws)
        name = gitsync.branch(ws)
        if name is None:
            raise UsageError(t("คลังนี้ไม่ได้อยู่บน branch ใด (detached HEAD)", "the repository is on no branch "
                               "(detached HEAD)"),
                             t("กลับไปที่ branch หลักด้วย git switch main", "go back to the main branch: git switch main"))
        changed = [p for _, p in gitsync.changed_shared(ws)]
        marked = [p for p in changed if gitsync.has_markers(ws.root / p)]
        if marked:
            raise SyncConflict(marked)
        if changed:
            who = f" {supervisor(ws)}".rstrip()
            done.message = (t("nitet: งานของ{w} — {s}", "nitet: work of{w} — {s}", w=who, s=_describe(changed))
                            if gitsync.has_commits(ws) else
                            t("nitet: เริ่มพื้นที่ทำงาน {o}", "nitet: a new workspace {o}", o=ws.config.office).rstrip())
            if gitsync.commit_shared(ws, done.message, gitops.author_args(ws)):
                done.committed = len(changed)
        done.remote, done.branch, following = _remote(ws, name)
        if not send and not gitsync.remotes(ws):
            return done
        for _ in range(TRIES):
            _receive(ws, done)
            if not send or not gitsync.has_commits(ws):
                return done
            other = f"{done.remote}/{done.branch}"
            ahead = (gitsync.ahead_behind(ws, other)[0] if not done.first_push
                     else int(gitsync.Git(ws.root).out("rev-list", "--count", "HEAD")))
            if ahead == 0:
                return done
            if gitsync.push(ws, done.remote, done.branch, set_upstream=not following):
                done.sent, done.pushed = ahead, True
                return done
        raise DataError(t("คลังกลางมีงานใหม่เข้ามาระหว่างส่ง {n} ครั้งติดกัน", "the remote moved on while sending, "
                          "{n} times in a row", n=TRIES),
                        t("รัน nitet sync อีกครั้ง", "run nitet sync again"))
    except gitsync.GitFailed as e:
        raise DataError(
            t("git ทำงานไม่สำเร็จ: {e}", "git failed: {e}", e=e.reason),
            t("งานที่บันทึกแล้วไม่หาย (commit ไว้ในสำเนานี้) — ตรวจการเชื่อมต่อ/สิทธิ์เข้าถึงคลังกลาง แล้วรัน nitet sync อีกครั้ง",
              "nothing recorded is lost (it is committed in this clone) — check the connection / access to the "
              "remote, then run nitet sync again")) from None


def _receive(ws: Workspace, done: Synced) -> None:
    """Fetch and rebase onto the remote branch (if it exists yet)."""
    from nitet.storage import gitops, gitsync

    gitsync.fetch(ws, done.remote)
    other = f"{done.remote}/{done.branch}"
    if not gitsync.remote_has(ws, done.remote, done.branch):
        done.first_push = True
        return
    done.first_push = False
    if not gitsync.has_commits(ws):
        raise UsageError(
            t("สำเนานี้ยังไม่มี commit แต่คลังกลางมีงานแล้ว", "this clone has no commit yet but the remote has work"),
            t("เริ่มจากสำเนาของคลังกลาง: git clone ที่อยู่คลัง แล้วย้ายไฟล์ของคุณเข้าไป",
              "start from a clone of the remote (git clone URL) and move your files into it"))
    behind = gitsync.ahead_behind(ws, other)[1]
    if behind and not gitsync.rebase(ws, other, gitops.author_args(ws)):
        raise SyncConflict(gitsync.unmerged(ws))
    done.received += behind
