"""Changing cases: start, advance a step (with its evidence and linked visits), cancel.

The rules a case follows are written once, in :mod:`nitet.domain.flows`; this module applies
them to the case files. Returns values and raises :class:`~nitet.core.errors.DataError`; never prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nitet.core.errors import DataError, UsageError
from nitet.core.i18n import t
from nitet.domain.flows import (
    Progress,
    as_case,
    case_progress,
    case_workflow,
    find_visit,
    find_workflow,
    leaf_ids,
    linked_visits,
    recorded,
    step_id,
)
from nitet.model import Case, Workflow
from nitet.model.workflow import Evidence, Step

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded
    from nitet.storage.workspace import Workspace


def start_case(ws: Workspace, loaded: Loaded, workflow_id: str, title: str, fy: int, day: date) -> Path:
    from nitet.storage import ids, writer

    wf = find_workflow(loaded, workflow_id)
    path = ids.case_path(ws, wf.id, fy)
    data = {"id": path.stem, "workflow": wf.id, "title": title, "fiscal_year": fy,
            "started": day.isoformat(), "status": "active"}
    path.parent.mkdir(parents=True, exist_ok=True)
    return writer.create(ws, path, Case, data)


@dataclass
class Advance:
    """What one ``advance`` did: the steps recorded (leaf first, then completed parents)."""

    steps: list[str]
    finished: bool
    next_step: str | None
    forced: bool = False
    evidence: list[str] = field(default_factory=list)  #: the evidence paths recorded (workspace-relative)
    open: list[str] = field(default_factory=list)  #: every step open after this one (strands side by side)
    already: tuple[str, str] | None = None  #: (step, date): a parent already complete, nothing written
    suggested: list[Evidence] = field(default_factory=list)  #: suggested evidence the step was completed without


def _require_active(entry: Entry, cancelling: bool = False) -> None:
    status = entry.data.get("status", "active")
    if status == "done" and cancelling:
        raise DataError(
            t("งาน {c} เสร็จครบทุกขั้นตอนแล้ว ({d}) จึงยกเลิกไม่ได้", "case {c} is already done ({d}); it cannot be cancelled",
              c=entry.id, d=entry.data.get("finished", "")),
            t("ดูรายละเอียดด้วย 'nitet flow status {c}'", "see it with 'nitet flow status {c}'", c=entry.id))
    if status == "done":
        raise DataError(
            t("งาน {c} เสร็จครบทุกขั้นตอนแล้ว ({d}) เดินหน้าต่อไม่ได้", "case {c} is already done ({d}); nothing to advance",
              c=entry.id, d=entry.data.get("finished", "")),
            t("ดูรายละเอียดด้วย 'nitet flow status {c}' หรือเริ่มงานใหม่ด้วย 'nitet flow start'",
              "see it with 'nitet flow status {c}' or start a new case with 'nitet flow start'", c=entry.id))
    if status == "cancelled":
        raise DataError(
            t("งาน {c} ถูกยกเลิกแล้ว: {r}", "case {c} was cancelled: {r}",
              c=entry.id, r=entry.data.get("cancelled_reason", "-")),
            t("เริ่มงานใหม่ด้วย 'nitet flow start'", "start a new case with 'nitet flow start'"))


def _check_day(entry: Entry, case: Case, day: date, wf: Workflow | None = None, step: str | None = None) -> None:
    """Refuse a date before the case started, or before a recorded step the one being completed waits
    for (``step`` of ``wf``; strands wait for none of their siblings) — or, when cancelling (no
    step), before the last recorded step."""
    if day < case.started:
        raise DataError(
            t("วันที่ {d} อยู่ก่อนวันเริ่มงาน {s}", "date {d} is before the case started ({s})",
              d=day.isoformat(), s=case.started.isoformat()),
            t("ตรวจ --date หรือแก้ started ใน {p}", "check --date or fix 'started' in {p}", p=entry.path))
    steps = list(case.steps)
    if wf is not None and step is not None:
        before = set(wf.prerequisites(step))
        steps = [s for s in steps if s.step in before]
    last = max(steps, key=lambda s: s.date, default=None)
    if last is not None and day < last.date:
        raise DataError(
            t("วันที่ {d} อยู่ก่อนขั้นตอน {x} ที่บันทึกไว้แล้ว ({s})", "date {d} is before step {x}, already recorded ({s})",
              d=day.isoformat(), x=last.step, s=last.date.isoformat()),
            t("ตรวจ --date: ขั้นตอนที่ต้องทำก่อนเสร็จไปแล้วเมื่อ {s} (ดู 'nitet flow status {c}')",
              "check --date: a step that comes first was done on {s} (see 'nitet flow status {c}')",
              s=last.date.isoformat(), c=entry.id))


def evidence_missing(step: Step, pieces: list[str]) -> tuple[list[Evidence], list[Evidence]]:
    """(required, suggested) evidence items the step lists when no piece of evidence was given
    (files, linked visits, linked records); two empty lists when one was, or none is listed."""
    if pieces:
        return [], []
    items = step.evidence_items()
    return [e for e in items if e.required], [e for e in items if not e.required]


def choose_step(entry: Entry, wf: Workflow, progress: Progress, wanted: str | None) -> str:
    """The step an ``advance`` completes: the one open step, or the open step the user named
    (``--step``, Thai digits allowed). Several strands open and none named, a step that must wait, a
    parent, an unknown step: refused with what to do. A parent already complete is returned as is
    (the caller says so and writes nothing)."""
    open_ = list(progress.open)
    see = t("ดู 'nitet flow status {c}'", "see 'nitet flow status {c}'", c=entry.id)
    if wanted is None:
        if len(open_) == 1:
            return open_[0]
        raise UsageError(
            t("งาน {c} มี {n} ขั้นตอนที่ดำเนินการคู่ขนานได้ ({s}): ระบุขั้นตอนที่เสร็จด้วย --step",
              "case {c} has {n} steps open side by side ({s}): name the one that is done with --step",
              c=entry.id, n=len(open_), s=", ".join(open_)),
            t("เช่น nitet flow advance {c} --step {x}", "e.g. nitet flow advance {c} --step {x}", c=entry.id, x=open_[0]))
    sid = step_id(wanted)
    if sid in open_:
        return sid
    step = wf.step(sid)
    if step is None:
        raise DataError(
            t("กระบวนงาน {w} ไม่มีขั้นตอน {s}", "workflow {w} has no step {s}", w=wf.id, s=wanted),
            t("ขั้นตอนที่ดำเนินการได้ตอนนี้: {o} ({h})", "steps open now: {o} ({h})", o=", ".join(open_), h=see))
    done = recorded(entry)
    if sid in progress.completed and step.steps:
        return sid
    if sid in done:
        raise DataError(
            t("ขั้นตอน {s} ของงาน {c} บันทึกว่าเสร็จแล้ว ({d})", "step {s} of {c} is already recorded as done ({d})",
              s=sid, c=entry.id, d=done[sid].date.isoformat()),
            t("ขั้นตอนที่ดำเนินการได้ตอนนี้: {o} ({h})", "steps open now: {o} ({h})", o=", ".join(open_), h=see))
    if step.steps:
        left = [i for i in leaf_ids(step) if i not in progress.completed]
        raise DataError(
            t("ขั้นตอน {s} เสร็จเองเมื่อขั้นตอนย่อยเสร็จครบ: ยังเหลือ {l}",
              "step {s} completes by itself when its sub-steps are done: {l} still open", s=sid, l=", ".join(left)),
            t("บันทึกขั้นตอนย่อยแทน เช่น nitet flow advance {c} --step {x}",
              "record a sub-step instead, e.g. nitet flow advance {c} --step {x}", c=entry.id, x=left[0]))
    if len(open_) == 1:
        raise DataError(
            t("ขั้นตอนปัจจุบันของงาน {c} คือ {s} ไม่ใช่ {x}", "the current step of {c} is {s}, not {x}",
              c=entry.id, s=open_[0], x=wanted),
            t("ขั้นตอนทำตามลำดับของคู่มือ: ดูด้วย 'nitet flow status {c}'",
              "steps follow the manual's order: see 'nitet flow status {c}'", c=entry.id))
    waits = [i for i in wf.prerequisites(sid) if i not in progress.completed]
    raise DataError(
        t("ขั้นตอนที่ดำเนินการได้ของงาน {c} ตอนนี้คือ {o} ไม่ใช่ {x}", "the steps open in {c} are {o}, not {x}",
          c=entry.id, o=", ".join(open_), x=wanted),
        t("ขั้นตอน {x} ต้องรอขั้นตอน {w} ตามลำดับของคู่มือ: {h}", "step {x} waits for step {w}, in the manual's order: {h}",
          x=sid, w=", ".join(waits) or "-", h=see))


def advance_case(ws: Workspace, loaded: Loaded, entry: Entry, *, day: date, note: str | None = None,
                 evidence: list[str] | None = None, visits: list[str] | None = None,
                 records: list[str] | None = None, expect_step: str | None = None, force: str | None = None,
                 by: str | None = None) -> Advance:
    """Complete an open step of a case (see the module docstring). Raises DataError to refuse."""
    from nitet.storage import writer

    _require_active(entry)
    wf = case_workflow(loaded, entry)
    case = as_case(entry)
    progress = case_progress(case, wf)
    if progress.current is None:  # active but every step recorded (a hand edit): only the status is left
        raise DataError(
            t("งาน {c} บันทึกครบทุกขั้นตอนแล้ว แต่สถานะยังเป็น active", "every step of {c} is recorded but its status is active",
              c=entry.id),
            t("แก้ status เป็น done และใส่ finished ใน {p}", "set status: done and finished in {p}", p=entry.path))
    current = choose_step(entry, wf, progress, expect_step)
    if current in progress.completed:  # a parent, completed with its last sub-step
        if note or evidence or visits or records or force:
            raise DataError(
                t("ขั้นตอน {s} เสร็จแล้วพร้อมขั้นตอนย่อย จึงไม่ได้บันทึกบันทึก/หลักฐานที่ให้มา",
                  "step {s} is already done with its sub-steps, so the note or evidence given was not recorded", s=current),
                t("แนบไว้กับขั้นตอนย่อยที่เกี่ยวข้อง หรือแก้ไฟล์ {p} เอง", "attach them to the sub-step they belong to, "
                  "or edit {p}", p=entry.path))
        when = recorded(case).get(current)
        return Advance([], False, progress.current, open=list(progress.open),
                       already=(current, when.date.isoformat() if when else ""))
    step = wf.step(current)
    assert step is not None
    _check_day(entry, case, day, wf, current)
    paths = [evidence_path(ws, p) for p in (evidence or [])]
    visit_ids, record_ids = _check_records(loaded, entry.id, records or [])
    visit_ids = _check_visits(loaded, entry.id, [*(visits or []), *visit_ids])
    linked = [v.id for v in linked_visits(loaded, entry.id).get(current, [])]
    required, suggested = evidence_missing(step, paths + visit_ids + record_ids + linked)
    if required and not force:
        raise DataError(
            t("ขั้นตอน {s} ต้องมีหลักฐาน ({e}) แต่ยังไม่ได้ระบุ", "step {s} needs evidence ({e}) and none was given",
              s=current, e=", ".join(e.title for e in required)),
            t("ระบุไฟล์หลักฐานด้วย --evidence PATH บันทึกการนิเทศด้วย --visit ID หรือระเบียนอื่นด้วย --record ID "
              "(หรือ 'nitet visit add --case {c} --step {s}') หรือข้ามด้วย --force \"เหตุผล\" ซึ่งจะถูกบันทึกไว้",
              "give --evidence PATH, --visit ID or --record ID (or 'nitet visit add --case {c} --step {s}'), "
              "or --force \"reason\", which is recorded", c=entry.id, s=current))
    done_ids = set(progress.completed) | {current}
    already = recorded(case)
    dates = {s.step: s.date for s in case.steps} | {current: day}
    parents = [s for s, _ in reversed(list(wf.walk()))
               if s.steps and s.id not in already and current in leaf_ids(s)
               and all(i in done_ids for i in leaf_ids(s))]
    rows: list[dict[str, Any]] = [{"step": current, "date": day.isoformat(), "note": note, "evidence": paths,
                                   "visits": visit_ids, "records": record_ids, "forced": force, "by": by or None}]
    rows += [{"step": p.id, "date": max(dates[i] for i in leaf_ids(p) if i in dates).isoformat()} for p in parents]
    after = case_progress(case.model_copy(update={"steps": [*case.steps, *_rows_as_steps(rows)]}), wf)
    finished = after.current is None
    last_day = max([*dates.values(), day]).isoformat()

    def change(doc: Any) -> None:
        items = [_step_item(r) for r in rows]
        seq = doc.get("steps")
        if isinstance(seq, list) and seq:
            seq.extend(items)
        else:
            writer.put(doc, Case, "steps", items)
        if finished:
            writer.put(doc, Case, "status", "done")
            writer.put(doc, Case, "finished", last_day)

    writer.edit(ws, ws.root / entry.path, Case, change)
    return Advance([r["step"] for r in rows], finished, after.current, forced=bool(force), evidence=paths,
                   open=list(after.open), suggested=[] if force else suggested)


def _step_item(row: dict[str, Any]) -> Any:
    """One completed step as YAML: keys in model order, step id always quoted ("4.2.1")."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from nitet.storage.yamlrt import to_commented

    item = to_commented({k: v for k, v in row.items() if v not in (None, [], "")})
    item["step"] = DoubleQuotedScalarString(row["step"])
    return item


def _rows_as_steps(rows: list[dict[str, Any]]) -> list[Any]:
    from nitet.model.case import CompletedStep

    return [CompletedStep.model_validate({k: v for k, v in r.items() if v not in (None, [])}) for r in rows]


def evidence_path(ws: Workspace, text: str) -> str:
    """An evidence path that exists inside the workspace, as a workspace-relative POSIX path
    (outside the workspace or through a link: refused, :mod:`nitet.storage.evidence`)."""
    from nitet.storage.evidence import evidence_path as inside

    return inside(ws, text)


def _check_visits(loaded: Loaded, case_id: str, texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        v = find_visit(loaded, text)
        other = v.data.get("case")
        if other and other != case_id:
            raise DataError(
                t("บันทึกการนิเทศ {v} เป็นของงาน {o} ไม่ใช่ {c}", "visit {v} belongs to case {o}, not {c}",
                  v=v.id, o=other, c=case_id),
                t("แก้ค่า case ในไฟล์ {p} หรือระบุการนิเทศอื่น", "fix 'case' in {p} or link another visit", p=v.path))
        if v.id not in out:
            out.append(v.id)
    return out


def _check_records(loaded: Loaded, case_id: str, texts: list[str]) -> tuple[list[str], list[str]]:
    """``--record`` ids as (visits, other records): a visit is linked as with ``--visit``."""
    from nitet.domain.flows import find_record

    visits: list[str] = []
    others: list[str] = []
    for text in texts:
        e = find_record(loaded, text)
        if e.kind == "case" and e.id == case_id:
            raise DataError(t("งาน {c} เป็นหลักฐานของตัวเองไม่ได้", "case {c} cannot be its own evidence", c=case_id),
                            t("ระบุระเบียนอื่น เช่น ผลการคัดกรองหรือบันทึกการนิเทศ", "name another record"))
        target = visits if e.kind == "visit" else others
        if e.id not in target:
            target.append(e.id)
    return visits, others


def cancel_case(ws: Workspace, entry: Entry, reason: str, day: date) -> None:
    from nitet.storage import writer

    _require_active(entry, cancelling=True)
    _check_day(entry, as_case(entry), day)

    def change(doc: Any) -> None:
        writer.put(doc, Case, "status", "cancelled")
        writer.put(doc, Case, "finished", day.isoformat())
        writer.put(doc, Case, "cancelled_reason", reason)

    writer.edit(ws, ws.root / entry.path, Case, change)
