"""Changing plans without editing YAML by hand: carry a project into a new fiscal year
(``plan copy``), add an activity or an indicator, change the plan's own fields (``plan edit``).

Every change is a round-trip edit (comments, key order and the flow style people write plans in
are kept) validated against the model before it is written. Library code: no printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nitet.core import thai
from nitet.core.errors import DataError, UsageError
from nitet.core.i18n import t
from nitet.domain.plans import PLAN_ID

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded
    from nitet.storage.workspace import Workspace

ITEM_ID = PLAN_ID  # activities and indicators follow the rule of plan ids


@dataclass(frozen=True)
class Copied:
    id: str
    path: Path
    title: str
    budgets: bool            # budget figures were carried over: to check for the new year


def new_id(old: str, old_fy: int, fy: int) -> str:
    """``dltv-2569`` → ``dltv-2570``; an id without the year gets ``-2570`` added."""
    if str(old_fy) in old:
        return old.replace(str(old_fy), str(fy))
    return f"{old}-{fy}"


def new_title(title: str, old_fy: int, fy: int) -> str:
    """The year in a title follows the plan: ``ปีงบประมาณ ๒๕๖๙`` → ``ปีงบประมาณ ๒๕๗๐`` (either digits)."""
    title = title.replace(str(old_fy), str(fy))
    return title.replace(thai.to_thai_digits(str(old_fy)), thai.to_thai_digits(str(fy)))


def copy_plan(ws: Workspace, loaded: Loaded, entry: Entry, fy: int, plan_id: str | None = None) -> Copied:
    """A new plan for fiscal year ``fy`` with this one's activities, indicators, owner, workflow
    and budgets; no results (the new year has none yet)."""
    from nitet.model import Plan
    from nitet.storage import ids, writer
    from nitet.storage.yamlrt import load_rt

    old_fy = int(entry.data["fiscal_year"])
    pid = plan_id or new_id(entry.id, old_fy, fy)
    if not PLAN_ID.match(pid):
        raise UsageError(t("รหัสโครงการ '{p}' ใช้ไม่ได้", "plan id '{p}' is not usable", p=pid),
                         t("ใช้ตัวอักษรอังกฤษ ตัวเลข - _ . เช่น dltv-{y}", "use letters, digits, - _ . e.g. dltv-{y}", y=fy))
    if pid in loaded.known("plan"):
        raise DataError(t("มีโครงการ '{p}' แล้ว", "plan '{p}' already exists", p=pid),
                        t("ตั้งรหัสอื่นด้วย --id หรือดูด้วย nitet plan show {p}", "choose another id with --id, or see "
                          "nitet plan show {p}", p=pid))
    doc = load_rt((ws.root / entry.path).read_text(encoding="utf-8-sig"))
    doc["id"] = pid
    doc["fiscal_year"] = fy
    doc["title"] = new_title(str(doc.get("title", "")), old_fy, fy)
    for key in ("results",):
        doc.pop(key, None)
    budgets = doc.get("budget") is not None or any(
        isinstance(a, dict) and a.get("budget") is not None for a in doc.get("activities") or [])
    path = writer.create_from(ws, ids.plan_path(ws, pid), Plan, doc)
    return Copied(pid, path, str(doc["title"]), budgets)


def _next_id(items: list[Any], prefix: str) -> str:
    taken = {str(i.get("id")) for i in items if isinstance(i, dict)}
    n = len(items) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _check_item_id(item_id: str, items: list[Any], what: tuple[str, str], plan_id: str) -> None:
    if not ITEM_ID.match(item_id):
        raise UsageError(t("รหัส{w} '{i}' ใช้ไม่ได้", "{w} id '{i}' is not usable", w=t(*what), i=item_id),
                         t("ใช้ตัวอักษรอังกฤษ ตัวเลข - _ . เช่น a3", "use letters, digits, - _ . e.g. a3"))
    if any(isinstance(i, dict) and str(i.get("id")) == item_id for i in items):
        raise DataError(t("โครงการ {p} มี{w}รหัส '{i}' แล้ว", "plan {p} already has the {w} '{i}'", p=plan_id,
                          w=t(*what), i=item_id),
                        t("ใช้รหัสอื่น หรือดูด้วย nitet plan show {p}", "use another id, or see nitet plan show {p}",
                          p=plan_id))


def add_item(ws: Workspace, entry: Entry, key: str, item: dict[str, Any]) -> str:
    """Append an activity (``key="activities"``) or an indicator (``"indicators"``) to a plan, in the
    flow style the SPEC's example uses; the id is the next free ``a<n>`` / ``i<n>`` when not given.
    Returns the id."""
    from ruamel.yaml.comments import CommentedSeq

    from nitet.model import Plan
    from nitet.storage import writer
    from nitet.storage.yamlrt import to_commented

    what = ("กิจกรรม", "activity") if key == "activities" else ("ตัวชี้วัด", "indicator")
    items = list(entry.data.get(key) or [])
    item_id = item.get("id") or _next_id(items, "a" if key == "activities" else "i")
    _check_item_id(item_id, items, what, entry.id)
    row = to_commented({"id": item_id, **{k: v for k, v in item.items() if k != "id" and v not in (None, [], {})}})
    row.fa.set_flow_style()

    def change(doc: Any) -> None:
        seq = doc.get(key)
        if not isinstance(seq, list):
            seq = CommentedSeq()
            writer.place(doc, Plan.KEY_ORDER, key, seq)
        if isinstance(seq, CommentedSeq) and seq.fa.flow_style():
            seq.fa.set_block_style()
        seq.append(row)

    writer.edit(ws, ws.root / entry.path, Plan, change)
    return item_id


def edit_plan(ws: Workspace, entry: Entry, changes: dict[str, Any]) -> bool:
    """Set (or with ``""`` remove) the plan's own fields; True when the file changed."""
    from nitet.model import Plan
    from nitet.storage import writer

    if changes.get("title") == "":
        raise UsageError(t("ชื่อโครงการต้องไม่ว่าง", "the title cannot be empty"))
    return writer.apply_changes(ws, ws.root / entry.path, Plan, changes)


def parse_quarters(text: str) -> list[int]:
    """``1,2,3`` / ``1 2 3`` / ``๑-๓`` → ``[1, 2, 3]``."""
    s = thai.to_arabic_digits(text).replace(",", " ").strip()
    out: set[int] = set()
    for part in s.split():
        lo, sep, hi = part.partition("-")
        try:
            a, b = int(lo), int(hi) if sep else int(lo)
        except ValueError:
            raise UsageError(t("--quarters ต้องเป็นเลขไตรมาส เช่น 1,2,3 (ได้ '{v}')", "--quarters takes quarter numbers "
                               "such as 1,2,3 (got '{v}')", v=text)) from None
        if not (1 <= a <= b <= 4):
            raise UsageError(t("ไตรมาสต้องเป็น 1 ถึง 4 (ได้ '{v}')", "quarters are 1 to 4 (got '{v}')", v=text))
        out.update(range(a, b + 1))
    return sorted(out)
