"""``evidence-outside``: evidence paths already stored that the evidence rule refuses.

Visits' ``evidence`` and cases' steps' ``evidence`` name files inside the workspace
(:mod:`nitet.storage.evidence`): a path outside it, into ``.git``/``.nitet`` or through a symbolic
link is an error (``visit add``, ``visit edit`` and ``flow advance`` refuse them now; a record
written by hand, merged or made by an older nitet may hold one); an absolute path to a file
inside the workspace is a warning (store it relative, so a colleague's clone finds it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nitet.core.findings import ERROR, WARNING, Problem
from nitet.core.i18n import t
from nitet.storage.evidence import stored_problem

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded


def _paths(kind: str, data: dict[str, Any]) -> list[tuple[tuple[Any, ...], Any]]:
    if kind == "visit":
        return [(("evidence", j), p) for j, p in enumerate(data.get("evidence") or [])]
    return [(("steps", i, "evidence", j), p) for i, step in enumerate(data.get("steps") or [])
            if isinstance(step, dict) for j, p in enumerate(step.get("evidence") or [])]


def stored_evidence(loaded: Loaded) -> list[Problem]:
    ws = loaded.ws
    out: list[Problem] = []
    for kind in ("visit", "case"):
        for e in loaded.of(kind):
            for loc, path in _paths(kind, e.data):
                loaded.watched.add(str(path))
                found = stored_problem(ws, str(path))
                if found is None:
                    continue
                serious, message = found
                out.append(Problem(
                    e.path, loc, "evidence-outside", message,
                    t("คัดลอกไฟล์จริงมาไว้ในพื้นที่ทำงาน (เช่น evidence/) แล้วแก้ที่อยู่ให้เทียบกับโฟลเดอร์พื้นที่ทำงาน "
                      "(nitet ไม่อ่านหรือส่งต่อไฟล์นอกพื้นที่ทำงานหรือผ่านลิงก์)",
                      "copy the file itself into the workspace (e.g. evidence/) and store the path relative to it "
                      "(nitet never reads or shares a file outside the workspace or through a link)"),
                    ERROR if serious else WARNING))
    return out
