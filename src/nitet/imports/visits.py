"""Rows of a visit sheet (one visit per row) → visit records.

Identity: ``records/visits/<FY>/<date>-<school>-<token>.yaml`` where the token is the first six
hex digits of SHA-1 over the date, the school key and the supervisee's name, subject and grade
(or, without a supervisee, the first topic). The same row imported again lands on the same
file (unchanged); a row whose other cells were edited updates that file; a row whose date,
school, supervisee, subject or grade changed is a different visit (a new file). A visit typed
with ``nitet visit add`` (random token) that a sheet later lists again is found by the same
identity and updated, not recorded twice.
"""

from __future__ import annotations

from typing import Any

from nitet.core.i18n import t
from nitet.domain.visits import identity_key, visit_identity
from nitet.imports import values
from nitet.imports.mapping import (
    Candidate,
    Context,
    Origin,
    RowError,
    get,
    resolve_school,
    validate,
)
from nitet.imports.table import Row, Table
from nitet.model import Visit
from nitet.model.visit import KINDS_TH, METHODS_TH
from nitet.storage import ids

_METHOD_WORDS = {
    **{v: k for k, v in METHODS_TH.items()}, **{k: k for k in METHODS_TH},
    "สังเกตการสอน": "observation", "สังเกตชั้นเรียน": "observation", "การสอนแนะ": "coaching",
    "coaching": "coaching", "โค้ช": "coaching", "การให้คำปรึกษา": "mentoring", "ให้คำปรึกษา": "mentoring",
    "mentoring": "mentoring", "plc": "plc", "ชุมชนการเรียนรู้ทางวิชาชีพ": "plc", "ตรวจเอกสาร": "document-review",
    "ประชุม": "meeting", "ออนไลน์": "online", "นิเทศออนไลน์": "online", "สัมภาษณ์": "interview",
    "สาธิตการสอน": "demonstration", "สาธิต": "demonstration",
}
_KIND_WORDS = {**{v: k for k, v in KINDS_TH.items()}, **{k: k for k in KINDS_TH},
               "โรงเรียน": "school-based", "โครงการ": "project-based"}
_TEXT_FIELDS = ("findings", "strengths", "improvements", "suggestions", "note")


_key = identity_key


def _method(word: str) -> str:
    return _METHOD_WORDS.get(_key(word), _METHOD_WORDS.get(word.strip(), word.strip()))


def _project(ctx: Context, value: Any) -> str | None:
    s = values.one_line(value)
    if s is None:
        return None
    known = dict(ctx.ws.config.projects)
    known.update({pid: e.data.get("title", pid) for pid, e in ctx.loaded.index("plan").items()})
    for pid, title in known.items():
        if _key(s) in (_key(pid), _key(title)):
            return pid
    raise RowError(t("ไม่รู้จักโครงการ “{p}”: ใช้รหัส {k} หรือเพิ่มใน projects ของ nitet.yaml",
                     "unknown project “{p}”: use one of {k} or add it to projects in nitet.yaml",
                     p=s, k=", ".join(known)))


def same_visit(ctx: Context, data: dict[str, Any]) -> Any:
    """The one existing visit (an Entry) that records the same visit as ``data`` under another id —
    typically typed with ``nitet visit add`` before the sheet came — or None (none, or several)."""
    index = ctx.memo.get("visits-by-identity")
    if index is None:
        index = {}
        for e in ctx.loaded.of("visit"):
            index.setdefault(visit_identity(e.data), []).append(e)
        ctx.memo["visits-by-identity"] = index
    hits = index.get(visit_identity(data), [])
    return hits[0] if len(hits) == 1 else None


def map_table(ctx: Context, table: Table) -> tuple[list[Candidate], list[tuple[Origin, str]]]:
    owned = {"date", "school"}
    for col, f in (("supervisors", "supervisors"), ("kind", "kind"), ("project", "project"),
                   ("methods", "methods"), ("topics", "topics"), ("evidence", "evidence"),
                   *((x, x) for x in _TEXT_FIELDS)):
        if table.has(col):
            owned.add(f)
    if any(table.has(c) for c in ("supervisee", "position", "subject", "grade")):
        owned.add("supervisees")
    if table.has("follow_up_date") or table.has("follow_up_action"):
        owned.add("follow_up")
    if table.has("project") and not table.has("kind"):
        owned.add("kind")
    out: list[Candidate] = []
    bad: list[tuple[Origin, str]] = []
    for row in table.rows:
        origin = Origin(table, row)
        try:
            out.append(_row(ctx, table, row, origin, owned))
        except RowError as e:
            bad.append((origin, str(e)))
    return out, bad


def _row(ctx: Context, table: Table, row: Row, origin: Origin, owned: set[str]) -> Candidate:
    day = get(table, row, "date", values.a_date, field=t("วันที่นิเทศ", "visit date"))
    if day is None:
        raise RowError(t("ไม่มีวันที่นิเทศ", "no visit date"))
    school = resolve_school(ctx, table.cells(row, "school"), table.cells(row, "school_name"))
    data: dict[str, Any] = {"date": day.isoformat(), "school": school}
    sup = values.split_list(table.cell(row, "supervisors"))
    if sup:
        data["supervisors"] = sup
    elif "supervisors" not in owned and _supervisor(ctx):
        data["supervisors"] = [_supervisor(ctx)]
    project = _project(ctx, table.cell(row, "project"))
    if project:
        data["project"] = project
    kind = values.one_line(table.cell(row, "kind"))
    if kind:
        if _key(kind) not in _KIND_WORDS:
            raise RowError(t("ลักษณะการนิเทศ “{k}” ไม่ใช่ โรงเรียนเป็นฐาน/โครงการเป็นฐาน",
                             "kind “{k}” is not โรงเรียนเป็นฐาน/โครงการเป็นฐาน", k=kind))
        data["kind"] = _KIND_WORDS[_key(kind)]
    elif project:
        data["kind"] = "project-based"
    methods = [_method(m) for m in values.split_list(table.cell(row, "methods"))]
    if methods:
        data["methods"] = list(dict.fromkeys(methods))
    name = values.one_line(table.cell(row, "supervisee"))
    extra = {f: values.one_line(table.cell(row, f)) for f in ("position", "subject", "grade")}
    if name:
        data["supervisees"] = [{"name": name, **{k: v for k, v in extra.items() if v}}]
    elif any(extra.values()):
        raise RowError(t("มีตำแหน่ง/กลุ่มสาระ/ชั้น แต่ไม่มีชื่อผู้รับการนิเทศ",
                         "position/subject/grade given without the supervisee's name"))
    topics = values.split_list(table.cell(row, "topics"))
    if topics:
        data["topics"] = topics
    for f in _TEXT_FIELDS:
        v = values.text(table.cell(row, f))
        if v:
            data[f] = v
    evidence = values.split_list(table.cell(row, "evidence"))
    if evidence:
        data["evidence"] = evidence
    fu_date = get(table, row, "follow_up_date", values.a_date, field=t("วันที่ติดตามผล", "follow-up date"))
    fu_action = values.text(table.cell(row, "follow_up_action"))
    if fu_date or fu_action:
        data["follow_up"] = {k: v for k, v in (("date", fu_date and fu_date.isoformat()), ("action", fu_action)) if v}
    path = ids.visit_path(ctx.ws, day, school, visit_identity(data))
    data = {"id": path.stem, **data}
    validate(Visit, data)
    people = {"name"} | {f for f in ("position", "subject", "grade") if table.has(f)}
    return Candidate(Visit, path, data, owned | {"id"}, [origin], owned_keys={"supervisees": people})


def _supervisor(ctx: Context) -> str:
    """Who a sheet without a supervisor column is by: the clone's supervisor (``storage.identity``:
    git config nitet.supervisor → git user.name → nitet.yaml), asked of git once per import."""
    if "supervisor" not in ctx.memo:
        from nitet.storage.identity import supervisor

        ctx.memo["supervisor"] = supervisor(ctx.ws)
    return str(ctx.memo["supervisor"])
