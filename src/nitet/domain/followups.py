"""Closing the loop of a follow-up: the advice given at a visit, followed up on a day, with a result.

A visit's ``follow_up`` says when to come back and what to look at (``date``, ``action``); closing
it records ``done: true``, the day it was done (``done_date``), what was found (``result``) and who
did it (``done_by``). :func:`close` edits only those keys of the file (comments and order kept);
:func:`open_for_school` finds what the visit form offers to close; :func:`closed_between` is what
``todo`` and the visits report show.

Library code: values and DataError/UsageError, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from nitet.core import thai
from nitet.core.errors import DataError, UsageError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded
    from nitet.storage.workspace import Workspace

ORDER = ("date", "action", "done", "done_date", "result", "done_by")


@dataclass(frozen=True)
class FollowUp:
    """One follow-up of a visit, open or closed."""

    visit: str
    path: str
    school: str
    school_name: str
    visit_date: date
    due: date | None
    action: str | None
    suggestions: str | None
    done: bool
    done_date: date | None
    result: str | None
    done_by: str | None


def of(loaded: Loaded, e: Entry) -> FollowUp | None:
    """The follow-up of visit ``e`` (None when the visit set none)."""
    from nitet.domain.visits import school_name, visit_date

    fu = e.data.get("follow_up")
    if not fu:
        return None
    key = str(e.data.get("school", ""))
    return FollowUp(
        visit=e.id, path=e.path, school=key, school_name=school_name(loaded, key), visit_date=visit_date(e),
        due=date.fromisoformat(fu["date"]) if fu.get("date") else None, action=fu.get("action"),
        suggestions=e.data.get("suggestions"), done=bool(fu.get("done")),
        done_date=date.fromisoformat(fu["done_date"]) if fu.get("done_date") else None,
        result=fu.get("result"), done_by=fu.get("done_by"))


def open_for_school(loaded: Loaded, school: str, before: date) -> list[FollowUp]:
    """Follow-ups not yet done that visits to ``school`` dated before ``before`` set, oldest first:
    what a new visit to that school may close."""
    from nitet.domain.visits import select

    out = []
    for e in select(loaded, school=school):
        fu = of(loaded, e)
        if fu is not None and not fu.done and fu.visit_date < before:
            out.append(fu)
    return out


def closed_between(loaded: Loaded, start: date, end: date, *,
                   supervisors: Iterable[str] | None = None) -> list[FollowUp]:
    """Follow-ups closed (``done_date``) from ``start`` to ``end`` inclusive, latest first;
    ``supervisors``: only those of visits naming one of them."""
    from nitet.domain.visits import by_any, person_keys

    people = person_keys(supervisors)
    out = []
    for e in loaded.of("visit"):
        if people and not by_any(e, people):
            continue
        fu = of(loaded, e)
        if fu is not None and fu.done and fu.done_date and start <= fu.done_date <= end:
            out.append(fu)
    out.sort(key=lambda f: (f.done_date, f.school_name, f.visit), reverse=True)
    return out


def check_day(fu: FollowUp, day: date, today: date) -> None:
    """A follow-up is done on or after its visit and not after today."""
    if day < fu.visit_date:
        raise UsageError(
            t("วันที่ติดตาม {d} อยู่ก่อนวันนิเทศ {v}", "the follow-up day {d} is before the visit ({v})",
              d=thai.format_date(day), v=thai.format_date(fu.visit_date)),
            t("ระบุวันที่ติดตามจริงด้วย --date", "give the day it was followed up with --date"))
    if day > today:
        raise UsageError(
            t("วันที่ติดตาม {d} ยังมาไม่ถึง", "the follow-up day {d} has not come yet", d=thai.format_date(day)),
            t("บันทึกว่าติดตามแล้วเมื่อได้ติดตามจริง (ไม่ระบุ --date = วันนี้)",
              "record it once it is done (no --date = today)"))


def close(ws: Workspace, loaded: Loaded, e: Entry, *, day: date | None, result: str | None, by: str | None,
          today: date) -> tuple[bool, FollowUp]:
    """Mark the follow-up of visit ``e`` done on ``day`` (kept when already recorded, else today)
    with ``result`` (kept when None) and who did it. Returns (whether the file changed, the follow-up
    as it is now). DataError when the visit has no follow-up."""
    from nitet.storage.atomic import atomic_write
    from nitet.storage.lock import locked

    with locked(ws, "nitet"):  # the file read is the file changed (no lost update)
        old, new, fu = closed_text(ws, loaded, e, day=day, result=result, by=by, today=today)
        if new != old:
            atomic_write(ws.root / e.path, new)
    return new != old, fu


def closed_text(ws: Workspace, loaded: Loaded, e: Entry, *, day: date | None, result: str | None, by: str | None,
                today: date) -> tuple[str, str, FollowUp]:
    """What :func:`close` writes, not written: ``(the file's text, its text closed, the follow-up)``."""
    from nitet.model import Visit
    from nitet.storage import writer
    from nitet.storage.yamlrt import to_commented

    fu = of(loaded, e)
    if fu is None:
        raise DataError(t("บันทึก {i} ไม่มีการติดตามผล", "visit {i} has no follow-up", i=e.id),
                        t("เพิ่มด้วย nitet visit edit {i} --follow-up วันที่ --follow-up-action ...",
                          "add one with nitet visit edit {i} --follow-up DATE", i=e.id))
    when = day or fu.done_date or today
    check_day(fu, when, today)
    text = " ".join(result.split()) if result is not None else None
    values: dict[str, Any] = {"done": True, "done_date": when.isoformat()}
    if text:
        values["result"] = text
    if by and (day is not None or text or not fu.done_by):
        values["done_by"] = by

    def change(doc: Any) -> None:
        node = doc.get("follow_up")
        for k, v in values.items():
            writer.place(node, ORDER, k, to_commented(v))
        if result is not None and not text and "result" in node:  # --result "" removes it
            del node["result"]

    old, new, _doc = writer.edited(ws.root / e.path, Visit, change)
    return old, new, replace(fu, done=True, done_date=when, result=(text or None) if result is not None else fu.result,
                             done_by=values.get("done_by", fu.done_by))
