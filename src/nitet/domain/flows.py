"""Cases (งาน): one run of a workflow, advanced step by step. Logic only, no CLI.

Rules, in one place:

* Steps run in the manual's order, one after another, except the sub-steps (**strands**) of a step
  marked ``parallel``: they run side by side and can complete in any order. The **open** steps of
  an active case are the leaves (steps without sub-steps) that can complete next
  (:meth:`~nitet.model.workflow.Workflow.open_leaves`): one in a sequence (1 → 2 → 3 …), every
  unfinished strand under a parallel step (4.1, 4.2.1 and 4.2.2 of process 4 at once). The
  **current step** is the first open one in manual order (``None`` when the case is not active).
* A **parent** step is complete when every leaf under it is; :func:`advance_case` records it right
  after its last sub-step, dated as the latest of them. When the last step completes, the case
  becomes ``done``.
* A step's date may not be before the case started, nor before a step it waits for
  (:meth:`~nitet.model.workflow.Workflow.prerequisites`): strands wait for none of their siblings,
  so a strand finished earlier can be recorded later.
* **Progress** is counted on top-level steps ("4/7" = four of the seven steps of the manual's table);
  :class:`Progress` also carries the count of leaves.
* **Evidence** of a step is a piece of any kind: an evidence file (``--evidence``), a linked visit —
  one given with ``--visit`` or a visit record whose ``case`` and ``step`` name this case and step (a
  visit record is itself a บันทึกการนิเทศ) — or any other record (``--record``: a screening result…).
  The evidence a workflow lists is suggested: a step completed without any piece is recorded with a
  warning. Only when an item says ``required: true`` is the step refused without one, unless forced
  with a reason, which is recorded in the step (``forced``). The built-in workflows follow the
  manual, which sets no evidence: they only suggest.
* A step with ``due: {quarter: Q, days: N}`` is due N days after the end of quarter Q of the case's
  fiscal year; it is **overdue** when the case is active, the step is not complete and the day has passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from nitet.core.errors import DataError
from nitet.core.i18n import t
from nitet.model import Case, Workflow
from nitet.model.workflow import Step

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded

CaseLike = Case | Mapping[str, Any] | Any  # a Case, an Entry, or an Entry's data


@dataclass(frozen=True)
class Progress:
    done: int  #: top-level steps complete
    total: int  #: top-level steps
    current: str | None  #: the step to complete next (a leaf), None when the case is not active
    completed: tuple[str, ...] = ()  #: ids of every complete step (leaves and parents), manual order
    leaves_done: int = 0
    leaves_total: int = 0
    open: tuple[str, ...] = ()  #: every leaf that can complete next (several under a parallel step)

    @property
    def label(self) -> str:
        return f"{self.done}/{self.total}"


def as_case(case: CaseLike) -> Case:
    if isinstance(case, Case):
        return case
    data = getattr(case, "data", case)
    return Case.model_validate(data)


def recorded(case: CaseLike) -> dict[str, Any]:
    """Completed-step entries by step id (the first entry when a step was recorded twice)."""
    out: dict[str, Any] = {}
    for s in as_case(case).steps:
        out.setdefault(s.step, s)
    return out


@overload
def step_id(text: str) -> str: ...
@overload
def step_id(text: None) -> None: ...
def step_id(text: str | None) -> str | None:
    """A step id as typed by a user (``--step``), in Arabic digits as a case's steps are recorded
    (``"๔.๒.๑"`` → ``"4.2.1"``); surrounding spaces dropped, None stays None."""
    from nitet.core.thai import to_arabic_digits

    return None if text is None else to_arabic_digits(text.strip())


def leaf_ids(step: Step) -> list[str]:
    return [step.id] if not step.steps else [i for s in step.steps for i in leaf_ids(s)]


def complete_ids(case: CaseLike, workflow: Workflow) -> set[str]:
    """Every step whose leaves are all recorded (a parent counts only through its sub-steps)."""
    done_leaves = {s for s in recorded(case)}
    return {s.id for s, _ in workflow.walk() if all(i in done_leaves for i in leaf_ids(s))}


def case_progress(case: CaseLike, workflow: Workflow) -> Progress:
    c = as_case(case)
    complete = complete_ids(c, workflow)
    leaves = workflow.leaves()
    open_ = tuple(workflow.open_leaves(complete)) if c.status == "active" else ()
    return Progress(
        done=sum(1 for s in workflow.steps if s.id in complete),
        total=len(workflow.steps),
        current=open_[0] if open_ else None,
        completed=tuple(s.id for s, _ in workflow.walk() if s.id in complete),
        leaves_done=sum(1 for s in leaves if s.id in complete),
        leaves_total=len(leaves),
        open=open_,
    )


def strands(workflow: Workflow, progress: Progress) -> list[dict[str, str]]:
    """Where an active case stands inside a parallel step: each strand's leaves with their state
    (``done``, ``open`` or ``waiting``) — the leaves of the parallel step around the open steps
    (the outermost one). Empty when no open step sits under a parallel step."""
    top = None
    for sid in progress.open:
        top = next((s for s in workflow.path(sid) if s.parallel), None)
        if top is not None:
            break
    if top is None:
        return []
    done = set(progress.completed)
    return [{"step": leaf, "state": "done" if leaf in done else "open" if leaf in progress.open else "waiting"}
            for leaf in leaf_ids(top)]


def due_date(step: Step, fiscal_year: int) -> date | None:
    """The day a step is due in a fiscal year: end of its quarter plus its days."""
    from nitet.core.thai import quarter_range

    if step.due is None:
        return None
    return quarter_range(fiscal_year, step.due.quarter)[1] + timedelta(days=step.due.days)


def as_of(case: Case, day: date) -> Case | None:
    """The case as it stood on ``day``: None before it started; steps dated later left out; a case
    finished or cancelled after ``day`` still active."""
    if case.started > day:
        return None
    steps = [s for s in case.steps if s.date <= day]
    reopen = case.status != "active" and case.finished is not None and case.finished > day
    if len(steps) == len(case.steps) and not reopen:
        return case
    update: dict[str, Any] = {"steps": steps}
    if reopen:
        update.update(status="active", finished=None, cancelled_reason=None)
    return case.model_copy(update=update)


def overdue_steps(case: CaseLike, workflow: Workflow, today: date) -> list[tuple[Step, date]]:
    """Steps of an active case past their due day and not complete, in manual order."""
    c = as_case(case)
    if c.status != "active":
        return []
    complete = complete_ids(c, workflow)
    out = []
    for s, _ in workflow.walk():
        due = due_date(s, c.fiscal_year)
        if due is not None and due < today and s.id not in complete:
            out.append((s, due))
    return out


# --------------------------------------------------------------------------- finding records


def _find(loaded: Loaded, kind: str, text: str, what: str, hint: str) -> Entry:
    text = text.strip()
    if text.endswith(".yaml"):
        text = Path(text).stem
    index = loaded.index(kind)
    if text in index:
        return index[text]
    matches = sorted(i for i in index if i.startswith(text)) if text else []
    if len(matches) == 1:
        return index[matches[0]]
    if len(matches) > 1:
        raise DataError(
            t("'{x}' ตรงกับ{w}หลายรายการ: {m}", "'{x}' matches several {w}: {m}",
              x=text, w=what, m=", ".join(matches[:8]) + (" …" if len(matches) > 8 else "")),
            t("พิมพ์รหัสให้ยาวขึ้นจนเหลือรายการเดียว", "type more of the id until one is left"))
    broken = sorted(f.file for f in loaded.findings
                    if f.file.startswith(f"records/{kind}s/") and Path(f.file).stem.startswith(text))
    if text and broken:
        raise DataError(
            t("ไฟล์{w} {f} มีข้อผิดพลาด จึงยังใช้ไม่ได้", "the {w} file {f} has problems and cannot be used",
              w=what, f=broken[0]),
            t("ดูและแก้ด้วย 'nitet check'", "see and fix them with 'nitet check'"))
    raise DataError(t("ไม่พบ{w} '{x}'", "no {w} '{x}'", w=what, x=text), hint)


def find_case(loaded: Loaded, text: str) -> Entry:
    """A case by its full id, a unique prefix of it, or its file path. Raises DataError."""
    return _find(loaded, "case", text, t("งาน", "case"),
                 t("ดูรหัสงานด้วย 'nitet flow status'", "see case ids with 'nitet flow status'"))


def find_visit(loaded: Loaded, text: str) -> Entry:
    return _find(loaded, "visit", text, t("บันทึกการนิเทศ", "visit"),
                 t("ดูรหัสบันทึกการนิเทศด้วย 'nitet visit list'", "see visit ids with 'nitet visit list'"))


def find_record(loaded: Loaded, text: str) -> Entry:
    """Any record (a screening, a visit, a plan …) by its id, a unique start of its id, or its file
    path under ``records/``. Raises DataError naming the matches when several fit."""
    from nitet.model import RECORD_KINDS

    raw = text.strip()
    kinds = [cls.KIND for cls in RECORD_KINDS.values()]
    if raw.endswith(".yaml"):
        rel = Path(raw).as_posix().lstrip("./")
        for k in kinds:
            for e in loaded.of(k):
                if e.path == rel or e.path.endswith("/" + rel):
                    return e
        raw = Path(raw).stem
    exact = [loaded.index(k)[raw] for k in kinds if raw in loaded.index(k)]
    hits = exact or [e for k in kinds for e in loaded.of(k) if raw and e.id.startswith(raw)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        shown = ", ".join(e.path for e in hits[:8]) + (" …" if len(hits) > 8 else "")
        raise DataError(t("'{x}' ตรงกับระเบียนหลายรายการ: {m}", "'{x}' matches several records: {m}", x=text, m=shown),
                        t("ระบุรหัสให้ยาวขึ้น หรือระบุที่อยู่ไฟล์ records/…", "type more of the id, or give the file's path"))
    raise DataError(t("ไม่พบระเบียน '{x}'", "no record '{x}'", x=text),
                    t("ระบุรหัสระเบียน (ชื่อไฟล์ไม่มี .yaml) หรือที่อยู่ไฟล์ใน records/ "
                      "เช่น records/screenings/2568/1063350101-2568-2-p1.yaml",
                      "give a record's id (its file name without .yaml) or its path under records/, "
                      "e.g. records/screenings/2568/1063350101-2568-2-p1.yaml"))


def record_brief(loaded: Loaded, record_id: str) -> dict[str, Any]:
    """A linked record for ``flow status``: its id, kind, path and a short Thai label."""
    from nitet.model import RECORD_KINDS

    for cls in RECORD_KINDS.values():
        e = loaded.index(cls.KIND).get(record_id)
        if e is not None:
            return {"id": e.id, "kind": e.kind, "path": e.path, "label": _record_label(loaded, e, cls.TITLE_TH)}
    return {"id": record_id, "missing": True}


def _record_label(loaded: Loaded, e: Entry, kind_th: str) -> str:
    d = e.data
    school = loaded.index("school").get(str(d.get("school", "")))
    name = str(school.data.get("name", "")) if school else str(d.get("school", ""))
    if e.kind == "screening":
        return (f"{kind_th} {name} ปีการศึกษา {d.get('academic_year')} ภาคเรียนที่ {d.get('semester')} "
                f"ชั้น ป.{d.get('grade')}").strip()
    if e.kind == "visit":
        return f"{kind_th} {d.get('date', '')} {name}".strip()
    return f"{kind_th} {d.get('title') or d.get('name') or e.id}"


def find_workflow(loaded: Loaded, workflow_id: str) -> Workflow:
    wfs = loaded.workflows()
    if workflow_id in wfs:
        return wfs[workflow_id]
    raise DataError(
        t("ไม่พบกระบวนงาน '{w}'", "no workflow '{w}'", w=workflow_id),
        t("กระบวนงานที่มี: {ids}", "workflows: {ids}", ids=", ".join(sorted(wfs)) or "-"))


def case_workflow(loaded: Loaded, entry: Entry) -> Workflow:
    wf = loaded.workflows().get(entry.data.get("workflow", ""))
    if wf is None:
        raise DataError(
            t("งาน {c} อ้างกระบวนงาน '{w}' ที่ไม่มีอยู่", "case {c} names workflow '{w}', which does not exist",
              c=entry.id, w=entry.data.get("workflow")),
            t("ตรวจไฟล์ workflows/ หรือแก้ค่า workflow ใน {p}", "check workflows/ or fix 'workflow' in {p}",
              p=entry.path))
    return wf


def linked_visits(loaded: Loaded, case_id: str) -> dict[str, list[Entry]]:
    """Visit records that name this case, grouped by their step (date order)."""
    out: dict[str, list[Entry]] = {}
    for v in sorted(loaded.of("visit"), key=lambda e: (e.data.get("date", ""), e.id)):
        if v.data.get("case") == case_id:
            out.setdefault(str(v.data.get("step") or ""), []).append(v)
    return out


# --------------------------------------------------------------------------- reading cases


def _visit_brief(loaded: Loaded, visit_id: str) -> dict[str, Any]:
    v = loaded.index("visit").get(visit_id)
    if v is None:
        return {"id": visit_id, "missing": True}
    return {"id": v.id, "date": v.data.get("date"), "school": v.data.get("school")}


def case_report(loaded: Loaded, entry: Entry, today: date) -> dict[str, Any]:
    """Everything ``flow status`` shows about one case, as JSON-ready data (English keys)."""
    wf = case_workflow(loaded, entry)
    case = as_case(entry)
    progress = case_progress(case, wf)
    rec = recorded(case)
    by_step = linked_visits(loaded, entry.id)
    late = overdue_steps(case, wf, today)
    overdue = {s.id for s, _ in late}
    steps = []
    for s, depth in wf.walk():
        r = rec.get(s.id)
        visit_ids = list(r.visits) if r else []
        visit_ids += [v.id for v in by_step.get(s.id, []) if v.id not in visit_ids]
        due = due_date(s, case.fiscal_year)
        steps.append({
            "id": s.id, "title": s.title, "depth": depth, "origin": s.origin, "parallel": s.parallel,
            "done": s.id in progress.completed, "current": s.id == progress.current,
            "open": s.id in progress.open,
            "date": r.date.isoformat() if r else None, "note": r.note if r else None,
            "evidence": list(r.evidence) if r else [], "forced": r.forced if r else None,
            "by": r.by if r else None,
            "visits": [_visit_brief(loaded, i) for i in visit_ids],
            "records": [record_brief(loaded, i) for i in (r.records if r else [])],
            "evidence_suggested": [e.title for e in s.evidence_items() if not e.required],
            "evidence_required": [e.title for e in s.evidence_items() if e.required],
            "due": due.isoformat() if due else None, "overdue": s.id in overdue,
        })
    current = wf.step(progress.current) if progress.current else None
    known = {s.id for s, _ in wf.walk()}
    return {
        "id": entry.id, "path": entry.path, "workflow": wf.id, "workflow_title": wf.title,
        "title": case.title, "fiscal_year": case.fiscal_year, "started": case.started.isoformat(),
        "status": case.status, "finished": case.finished.isoformat() if case.finished else None,
        "cancelled_reason": case.cancelled_reason,
        "current": progress.current, "current_title": current.title if current else None,
        "open": [{"step": i, "title": st.title} for i in progress.open if (st := wf.step(i))],
        "strands": strands(wf, progress),
        "progress": {"done": progress.done, "total": progress.total,
                     "leaves_done": progress.leaves_done, "leaves_total": progress.leaves_total},
        "overdue": [{"step": s.id, "title": s.title, "due": d.isoformat()} for s, d in late],
        "steps": steps,
        "other_visits": [_visit_brief(loaded, v.id) for k, vs in by_step.items() if k not in known for v in vs],
    }
