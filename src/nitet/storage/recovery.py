"""What the next nitet command does after one was killed: finish or roll back its transaction
(:mod:`nitet.storage.journal`) and remove the temp files of its atomic writes, saying so.

Runs under the workspace lock (:func:`nitet.storage.lock.locked` calls :func:`recover` whenever
it takes the lock after a holder that did not let it go cleanly). A journal read from disk is
never trusted blindly: a target outside the workspace makes nitet leave it alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nitet.core.errors import DataError
from nitet.core.i18n import t
from nitet.storage.atomic import stale_temp
from nitet.storage.journal import (
    ACTIVE,
    DONE,
    JOURNAL,
    OLD_PREFIX,
    PREFIX,
    ROLLBACK,
    GitIntent,
    commit_intent,
    move_in,
    put_back,
    workspace_rel,
)

if TYPE_CHECKING:
    from nitet.storage.lock import Holder
    from nitet.storage.workspace import Workspace


def _stages(ws: Workspace) -> Iterator[Path]:
    """Staging folders no running process owns (``txn-PID-…``: a process still staging its files
    before it takes the lock keeps its folder)."""
    from nitet.storage.atomic import pid_alive

    state = ws.state_dir
    if not state.is_dir() or ws.state_dir_refused():
        return
    for d in state.iterdir():
        if d.name.startswith((PREFIX, OLD_PREFIX)) and d.is_dir() and not d.is_symlink():
            pid = d.name.split("-")[1]
            if d in ACTIVE or (pid.isdigit() and int(pid) != os.getpid() and pid_alive(int(pid))):
                continue
            yield d


def _read_journal(path: Path) -> dict[str, Any] | None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        entries = doc["entries"]
        if not all(isinstance(n, str) and n.isdigit() and isinstance(r, str) and isinstance(c, bool)
                   for n, r, c in entries):
            return None
        return doc if isinstance(doc, dict) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _safe_entries(ws: Workspace, entries: list[Any]) -> bool:
    """Every target of a journal read from disk lies inside the workspace (never trusted blindly)."""
    try:
        for _, rel, _ in entries:
            if Path(rel).is_absolute() or ".." in Path(rel).parts:
                return False
            workspace_rel(ws, ws.root / rel)
    except DataError:
        return False
    return True


def recover(ws: Workspace, holder: Holder | None, *, everywhere: bool) -> list[str]:
    """Finish or roll back what killed processes left (called with the lock held); notes to print."""
    from nitet.storage.lock import Holder

    notes: list[str] = []
    for stage in sorted(_stages(ws)):
        journal, rollback = stage / JOURNAL, stage / ROLLBACK
        doc = _read_journal(journal) if journal.exists() else None
        undo = _read_journal(rollback) if doc is None and rollback.exists() else None
        who = Holder.parse(str((doc or undo or {}).get("holder", ""))) or holder
        what = who.describe() if who else t("คำสั่งก่อนหน้า", "an earlier command")
        if doc is not None and _safe_entries(ws, doc["entries"]):
            try:
                n = move_in(ws.root, stage, doc["entries"], None)
            except OSError as e:
                n = put_back(ws.root, stage, doc["entries"])
                notes.append(t("{w} ถูกหยุดกลางคัน และเขียนต่อให้เสร็จไม่ได้ ({e}): ย้อนกลับ {n} ไฟล์ ไม่มีระเบียนใดเปลี่ยน — "
                               "ทำคำสั่งนั้นใหม่",
                               "{w} was interrupted and could not be finished ({e}): {n} file(s) put back, no record "
                               "changed — run that command again", w=what, e=e.strerror or e, n=n))
            else:
                total = len(doc["entries"])
                notes.append(t("{w} ถูกหยุดกลางคัน: nitet เขียนต่อจนครบแล้ว ({t} ไฟล์ ค้างอยู่ {n} ไฟล์)",
                               "{w} was interrupted: nitet finished it ({t} file(s), {n} of them left to write)",
                               w=what, t=total, n=n))
                git = doc.get("git")
                if isinstance(git, dict):
                    done = commit_intent(ws, GitIntent(str(git.get("message", "nitet")), git.get("commit"),
                                                 tuple(git.get("also") or ())),
                                   [ws.root / rel for _, rel, _ in doc["entries"]])
                    notes.extend(done.notes if done else [])
        elif undo is not None and _safe_entries(ws, undo["entries"]):
            n = put_back(ws.root, stage, undo["entries"])
            notes.append(t("{w} ถูกหยุดระหว่างย้อนกลับ: ย้อนกลับจนครบแล้ว ({n} ไฟล์) ไม่มีระเบียนใดเปลี่ยน",
                           "{w} was interrupted while undoing: undone ({n} file(s)), no record changed", w=what, n=n))
        elif stage.name.startswith(PREFIX) and not (stage / DONE).exists():
            notes.append(t("{w} ถูกหยุดก่อนเขียน: ยกเลิกแล้ว ไม่มีระเบียนใดเปลี่ยน (ทำคำสั่งนั้นใหม่ได้)",
                           "{w} was interrupted before writing: cancelled, no record changed (run it again)", w=what))
        shutil.rmtree(stage, ignore_errors=True)
    notes += tidy(ws, everywhere=everywhere)
    return notes


#: folders of a workspace where nitet writes files atomically (temp files may be left there)
TIDIED = ("records", "workflows", "schemas", "templates")


def _stale_in(folder: Path, recursive: bool) -> list[Path]:
    out: list[Path] = []
    stack = [folder]
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                for e in it:
                    if e.name.endswith(".tmp") and e.name.startswith(".") and e.is_file(follow_symlinks=False):
                        p = Path(e.path)
                        if stale_temp(p):
                            out.append(p)
                    elif recursive and e.is_dir(follow_symlinks=False) and e.name != ".git":
                        stack.append(Path(e.path))
        except OSError:
            continue
    return out


def _removed(ws: Workspace, stale: list[Path]) -> list[str]:
    gone = []
    for p in stale:
        with contextlib.suppress(OSError):
            p.unlink()
            gone.append(ws.rel(p))
    if not gone:
        return []
    return [t("ลบไฟล์ชั่วคราวที่ค้างจากคำสั่งที่ถูกหยุดกลางคัน {n} ไฟล์: {p}",
              "removed {n} temp file(s) left by an interrupted command: {p}",
              n=len(gone), p=", ".join(gone[:5]) + (" …" if len(gone) > 5 else ""))]


def tidy_root(ws: Workspace) -> list[str]:
    """Temp files left in the workspace's top folder (an output written there, nitet.yaml)."""
    return _removed(ws, _stale_in(ws.root, recursive=False))


def tidy(ws: Workspace, *, everywhere: bool) -> list[str]:
    """Remove temp files of atomic writes whose process is gone: in the top folder always, in
    ``records/``, ``workflows/``, ``schemas/``, ``templates/`` when ``everywhere``."""
    stale = _stale_in(ws.root, recursive=False)
    if everywhere:
        for name in TIDIED:
            stale += _stale_in(ws.root / name, recursive=True)
    return _removed(ws, stale)
