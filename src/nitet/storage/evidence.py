"""Evidence lives inside the workspace (SPEC §4 "Writes"): one rule for every command and check.

An evidence path names a file inside the workspace, stored relative to it (``evidence/2569/แผน.pdf``).
Refused: a path outside the workspace (``../../etc/passwd``, ``/home/x/y.pdf``), a path through a
symbolic link (a link can point anywhere, and git stores the link, not the file), and a path into
``.git`` or ``.nitet``. :func:`evidence_path` is the rule for what a person types;
:func:`stored_problem` says what is wrong with a path already stored in a record (``nitet check``).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from nitet.core.errors import DataError
from nitet.core.i18n import t
from nitet.core.thai import be_year

if TYPE_CHECKING:
    from nitet.storage.workspace import Workspace

INTERNAL = (".git", ".nitet")


def _link_in(root: Path, rel: PurePosixPath) -> str | None:
    """The first component of ``rel`` under ``root`` that is a symbolic link, if any."""
    here = root
    for part in rel.parts:
        here = here / part
        if here.is_symlink():
            return here.relative_to(root).as_posix()
        if not here.exists():
            return None
    return None


def _relative(ws: Workspace, p: Path) -> PurePosixPath | None:
    """``p`` (absolute) relative to the workspace, compared as text after ``..`` is resolved
    lexically (never following links); None when it is outside."""
    norm = Path(os.path.normpath(p))
    for root in (ws.root, ws.root.resolve()):
        try:
            return PurePosixPath(norm.relative_to(Path(os.path.normpath(root))).as_posix())
        except ValueError:
            continue
    return None


def stored_problem(ws: Workspace, text: str) -> tuple[bool, str] | None:
    """What is wrong with an evidence path stored in a record (relative to the workspace), or None:
    ``(serious, message)`` — serious for a path outside the workspace, into git's or nitet's own
    folder or through a link; mild for an absolute path to a file inside it (only its form)."""
    raw = str(text).strip()
    if not raw:
        return True, t("ที่อยู่หลักฐานว่าง", "the evidence path is empty")
    p = Path(raw)
    rel = _relative(ws, p if p.is_absolute() else ws.root / p)
    if rel is None or not rel.parts:
        return True, t("{p} อยู่นอกพื้นที่ทำงาน", "{p} is outside the workspace", p=raw)
    if rel.parts[0] in INTERNAL:
        return True, t("{p} อยู่ในโฟลเดอร์ภายในของ git/nitet", "{p} is inside git's or nitet's own folder", p=raw)
    link = _link_in(ws.root, rel)
    if link is not None:
        return True, t("{p} ผ่านลิงก์สัญลักษณ์ {l} ซึ่งชี้ไปที่ใดก็ได้ (git เก็บเพียงลิงก์ ไม่ใช่ไฟล์)",
                       "{p} goes through the symbolic link {l}, which may point anywhere (git keeps the link, not the "
                       "file)", p=raw, l=link)
    if p.is_absolute():
        return False, t("{p} เป็นที่อยู่เต็ม ควรเก็บเทียบกับโฟลเดอร์พื้นที่ทำงาน ({r})",
                        "{p} is an absolute path; store it relative to the workspace ({r})", p=raw, r=rel.as_posix())
    return None


def evidence_path(ws: Workspace, text: str, *, must_exist: bool = True) -> str:
    """An evidence path a person typed (relative to the workspace, or to the current folder, or
    absolute), as the workspace-relative POSIX path to store; anything outside the workspace or
    through a link is a :class:`DataError` (exit 1). ``must_exist``: the file must be there."""
    raw = text.strip()
    p = Path(raw)
    candidates = [p] if p.is_absolute() else [ws.root / p, Path.cwd() / p]
    chosen = next((c for c in candidates if os.path.lexists(c)), None)
    if chosen is None:
        if must_exist or not raw:
            raise DataError(
                t("ไม่พบไฟล์หลักฐาน {p}", "evidence file {p} does not exist", p=text),
                t("ระบุที่อยู่ไฟล์เทียบกับโฟลเดอร์ของพื้นที่ทำงาน ({r})", "give the path relative to the workspace ({r})",
                  r=ws.root))
        chosen = candidates[0]
    rel = _relative(ws, chosen if chosen.is_absolute() else Path.cwd() / chosen)
    found = ((True, t("{p} อยู่นอกพื้นที่ทำงาน", "{p} is outside the workspace", p=raw)) if rel is None or not rel.parts
             else stored_problem(ws, rel.as_posix()))
    if found is not None:
        raise DataError(
            t("ไม่รับไฟล์หลักฐาน: {m}", "evidence refused: {m}", m=found[1]),
            t("คัดลอกไฟล์จริงมาไว้ในพื้นที่ทำงาน (เช่น evidence/{y}/) แล้วระบุที่อยู่นั้น ไม่ใช่ลิงก์",
              "copy the file itself into the workspace (e.g. evidence/{y}/) and give that path, not a link", y=be_year(date.today().year)))
    assert rel is not None
    return rel.as_posix()
