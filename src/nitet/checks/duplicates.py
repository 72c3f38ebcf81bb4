"""``duplicate-visit``: one visit recorded twice, however it arrived.

Same date, school and teacher (the first supervisee's name, subject and grade:
:func:`nitet.model.visit_key.visit_key`) in two or more visit records — typed and then imported,
or added in two clones and merged by git. ``visit add`` warns when it happens at the keyboard; this
check finds it afterwards. A warning on each record of the pair, naming the other.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from nitet.core.findings import WARNING, Problem
from nitet.core.i18n import t
from nitet.model.visit_key import visit_key

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded


def duplicate_visits(loaded: Loaded) -> list[Problem]:
    groups: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    for e in loaded.of("visit"):
        if e.data.get("supervisees"):  # a visit without a teacher is known by its topic only: not flagged
            groups[visit_key(e.data)].append(e)
    out: list[Problem] = []
    for same in groups.values():
        if len(same) < 2:
            continue
        for e in same:
            others = ", ".join(o.path for o in same if o is not e)
            sv = e.data["supervisees"][0]
            out.append(Problem(
                e.path, ("supervisees", 0), "duplicate-visit",
                t("การนิเทศครั้งเดียวกันถูกบันทึกซ้ำ (วันที่ {d} โรงเรียน {s} ครู {n}): {o}",
                  "the same visit is recorded again (date {d}, school {s}, teacher {n}): {o}",
                  d=e.data.get("date"), s=e.data.get("school"), n=sv.get("name", "") if isinstance(sv, dict) else sv,
                  o=others),
                t("ถ้าเป็นครั้งเดียวกัน รวมข้อความไว้ในไฟล์เดียว (nitet visit edit) แล้วลบไฟล์ที่ซ้ำ; ถ้าเป็นคนละครั้ง "
                  "ใส่กลุ่มสาระหรือชั้นให้ต่างกัน",
                  "if it is one visit, merge the text into one file (nitet visit edit) and delete the other; if they "
                  "are different visits, give each its subject or grade"),
                WARNING))
    return out
