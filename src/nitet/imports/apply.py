"""Writing an import: every file whole, and nothing at all until every record is ready.

All new texts are first written into a staging folder inside the workspace
(``.nitet/import-<pid>-<random>/``, same file system), flushed to disk once, and then moved
into ``records/`` one rename at a time. A rename is atomic, so a kill at any moment leaves each
record file either absent, as it was, or complete — never half written. What a kill can leave:
some of the import's records moved in and the others not (re-run the import: the records
already in are "unchanged", the rest are created), and a stale staging folder, removed by the
next import. New files are linked in without replacing anything (a record that appeared
meanwhile is reported, not overwritten).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from nitet.core.errors import DataError
from nitet.core.i18n import t
from nitet.imports.plan import Change
from nitet.storage.workspace import Workspace

STAGING_PREFIX = "import-"


def clean_stale(ws: Workspace) -> None:
    """Remove staging folders left by imports that were killed."""
    if not ws.state_dir.is_dir():
        return
    for d in ws.state_dir.glob(f"{STAGING_PREFIX}*"):
        pid = d.name[len(STAGING_PREFIX):].split("-")[0]
        if pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid():
            continue
        shutil.rmtree(d, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def apply(ws: Workspace, changes: list[Change], progress: Callable[[int], None] | None = None) -> list[Path]:
    """Write every create/update of ``changes``; returns the paths written."""
    todo = [c for c in changes if c.action in ("create", "update") and c.text is not None]
    if not todo:
        return []
    clean_stale(ws)
    stage = ws.state_dir / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(3)}"
    stage.mkdir(parents=True)
    umask = os.umask(0)
    os.umask(umask)
    mode = 0o666 & ~umask
    staged: list[tuple[Change, Path]] = []
    try:
        for i, c in enumerate(todo):
            p = stage / f"{i}.yaml"
            with open(p, "w", encoding="utf-8", newline="\n") as f:
                f.write(c.text or "")
            os.chmod(p, mode)
            staged.append((c, p))
        _sync(stage)
        written: list[Path] = []
        clashes: list[str] = []
        for n, (c, p) in enumerate(staged, start=1):
            c.path.parent.mkdir(parents=True, exist_ok=True)
            if c.action == "create":
                try:
                    os.link(p, c.path)
                except FileExistsError:
                    clashes.append(ws.rel(c.path))
                    continue
                except OSError:  # no hard links on this file system
                    if c.path.exists():
                        clashes.append(ws.rel(c.path))
                        continue
                    os.replace(p, c.path)
            else:
                os.replace(p, c.path)
            written.append(c.path)
            if progress:
                progress(n)
        _sync_dirs({c.path.parent for c, _ in staged})
        if clashes:
            raise DataError(
                t("มีไฟล์ที่สร้างขึ้นระหว่างนำเข้า จึงไม่ได้เขียนทับ: {p}", "files appeared during the import and were not overwritten: {p}",
                  p=", ".join(clashes[:5])),
                t("นำเข้าอีกครั้ง: ระเบียนที่มีอยู่แล้วจะถูกเปรียบเทียบและแก้ไขตามแถวในไฟล์",
                  "import again: existing records are compared and updated from the rows"))
        return written
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _sync(stage: Path) -> None:
    """One flush for all staged files (instead of one fsync per file)."""
    if hasattr(os, "sync"):
        os.sync()
    else:  # pragma: no cover - Windows
        for p in stage.iterdir():
            with open(p, "rb+") as f:
                os.fsync(f.fileno())


def _sync_dirs(dirs: set[Path]) -> None:
    for d in dirs:
        with contextlib.suppress(OSError):
            fd = os.open(d, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
