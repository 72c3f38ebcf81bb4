"""People checks: the supervisors of a visit are on the office's roster, when it keeps one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nitet.core.findings import WARNING, Problem
from nitet.core.i18n import t
from nitet.core.people import person_key

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded


def roster(loaded: Loaded) -> list[Problem]:
    """A visit naming a supervisor who is not in ``supervisors`` of nitet.yaml (``unknown-supervisor``,
    a warning: a typo or a colleague not added yet). Nothing when nitet.yaml lists nobody."""
    members = loaded.ws.config.roster()
    if not members:
        return []
    known = {person_key(m.name) for m in members}
    out: list[Problem] = []
    for e in loaded.of("visit"):
        for i, name in enumerate(e.data.get("supervisors", [])):
            if person_key(name) not in known:
                out.append(Problem(
                    e.path, ("supervisors", i), "unknown-supervisor",
                    t("ผู้นิเทศ '{n}' ไม่อยู่ในรายชื่อ supervisors ของ nitet.yaml", "supervisor '{n}' is not on the "
                      "roster (supervisors in nitet.yaml)", n=name),
                    t("แก้ชื่อให้ตรงกับรายชื่อ ({k}) หรือเพิ่มชื่อนี้ใน supervisors ของ nitet.yaml",
                      "write the name as on the roster ({k}) or add it to supervisors in nitet.yaml",
                      k=", ".join(m.name for m in members[:5]) + (" …" if len(members) > 5 else "")),
                    WARNING))
    return out
