"""Records left uncommitted in a workspace that commits automatically (``autocommit: true``).

In such a workspace every record nitet writes is committed with it; a record git still sees as
new or changed was written by hand, or its commit failed (a hook refused, git's ``index.lock``
was in the way, the command was killed). ``nitet check`` names each one (``warning[uncommitted]``)
with the git command that commits them, until they are committed. One ``git status`` over
``records/`` and ``workflows/``; not cached (git's state is not the files').
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nitet.core.findings import WARNING, Finding
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.workspace import Workspace

#: at most this many files are named one by one; the rest are counted in the last finding
SHOWN = 50


def uncommitted(ws: Workspace) -> list[Finding]:
    from nitet.storage.gitops import changed_files, how_to_commit

    if not ws.config.autocommit:
        return []
    files = changed_files(ws.root, ["records", "workflows"])
    if not files:
        return []
    files = sorted(f for f in files if f.endswith(".yaml"))
    how = how_to_commit(files, "nitet: commit records left uncommitted")
    out = []
    for i, rel in enumerate(files[:SHOWN]):
        more = len(files) - SHOWN if i == SHOWN - 1 and len(files) > SHOWN else 0
        out.append(Finding(
            rel, 1, 1, "uncommitted", WARNING,
            t("ระเบียนนี้ยังไม่ได้ commit แม้พื้นที่ทำงานนี้ commit อัตโนมัติ (autocommit) — เพื่อนร่วมทีมจะไม่ได้รับ",
              "this record is not committed although this workspace commits automatically (autocommit) — "
              "colleagues will not get it")
            + (t(" (และอีก {n} ไฟล์)", " (and {n} more files)", n=more) if more else ""),
            t("commit ด้วย: {c}", "commit them with: {c}", c=how)))
    return out
