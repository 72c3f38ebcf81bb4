"""Identity checks: ids unique in the workspace, school codes of the configured kind."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from nitet.core.findings import Problem
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded


def duplicate_ids(loaded: Loaded) -> list[Problem]:
    """Two files of one kind with the same id (e.g. after a bad merge or a copied file)."""
    out: list[Problem] = []
    for _kind, entries in loaded.entries.items():
        seen: dict[str, list[str]] = defaultdict(list)
        for e in entries:
            seen[e.id].append(e.path)
        for rid, paths in seen.items():
            if len(paths) < 2:
                continue
            for p in paths:
                others = ", ".join(x for x in paths if x != p)
                out.append(Problem(
                    p, (), "duplicate-id",
                    t("รหัส '{i}' ซ้ำกับ {o}", "id '{i}' is also used by {o}", i=rid, o=others),
                    t("ระเบียนหนึ่งต้องมีไฟล์เดียว: รวมเนื้อหาแล้วลบไฟล์ที่ซ้ำ",
                      "one record, one file: merge the contents and delete the copy")))
    return out


def school_key_length(loaded: Loaded) -> list[Problem]:
    """School codes must be of the kind nitet.yaml names (moe: 10 digits, smis: 8 digits)."""
    want = 8 if loaded.ws.config.school_key == "smis" else 10
    out: list[Problem] = []
    for e in loaded.of("school"):
        code = e.data.get("code", "")
        if len(code) != want:
            out.append(Problem(
                e.path, ("code",), "school-code",
                t("รหัสโรงเรียน {c} มี {n} หลัก แต่ nitet.yaml กำหนดรหัสหลัก {w} หลัก",
                  "school code {c} has {n} digits but nitet.yaml expects {w}", c=code, n=len(code), w=want),
                t("ใช้รหัส {w} หลัก หรือเปลี่ยน school_key ใน nitet.yaml", "use a {w}-digit code or change school_key in nitet.yaml", w=want)))
    return out
