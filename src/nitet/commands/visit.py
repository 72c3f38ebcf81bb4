"""nitet visit ...: record supervision visits, list them, follow them up."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from nitet.cli.context import writes
from nitet.cli.options import IntOption
from nitet.commands.visit_options import (
    CaseOpt,
    CommitOpt,
    EvidenceOpt,
    FindingOpt,
    FollowActionOpt,
    FollowUpOpt,
    ImprovementOpt,
    JsonOpt,
    KindOpt,
    MethodOpt,
    NoteOpt,
    ProjectOpt,
    RatingOpt,
    ScaleOpt,
    SchoolOpt,
    StepOpt,
    StrengthOpt,
    SuggestionOpt,
    SuperviseeOpt,
    SupervisorOpt,
    SupervisorsOnly,
    TopicOpt,
    VisitArg,
)
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded
    from nitet.storage.workspace import Workspace


app = typer.Typer(no_args_is_help=True)


def _text(values: list[str] | None) -> str | None:
    """Repeated text options become one text, one paragraph per line."""
    return ("\n".join(v.strip() for v in values if v.strip()) or None) if values else None


def commit_message(loaded: Loaded, data: dict[str, Any], verb: tuple[str, str]) -> str:
    from datetime import date

    from nitet.core.thai import format_date
    from nitet.domain.visits import school_name

    return t("nitet: {v} {s} {d}", "nitet: {v} {s} {d}", v=t(*verb), s=school_name(loaded, data["school"]),
             d=format_date(date.fromisoformat(data["date"])))


@app.command("add", help=t("บันทึกการนิเทศ (บนเทอร์มินัลโดยไม่ระบุตัวเลือก: ถามทีละข้อ)",
                           "record a visit (on a terminal with no options: asks step by step)"))
def add(
    school: SchoolOpt = None,
    day: Annotated[str | None, typer.Option("--date", help=t(
        "วันที่นิเทศ เช่น 25/11/2569, 25 พ.ย. 69, 2026-11-25", "visit date, e.g. 25/11/2569 or 2026-11-25"))] = None,
    kind: KindOpt = None, project: ProjectOpt = None, method: MethodOpt = None, supervisee: SuperviseeOpt = None,
    topic: TopicOpt = None, finding: FindingOpt = None, strength: StrengthOpt = None,
    improvement: ImprovementOpt = None, suggestion: SuggestionOpt = None, follow_up: FollowUpOpt = None,
    follow_up_action: FollowActionOpt = None, case: CaseOpt = None, step: StepOpt = None,
    supervisor: SupervisorOpt = None, rating: RatingOpt = None, rating_scale: ScaleOpt = None,
    evidence: EvidenceOpt = None, note: NoteOpt = None,
    from_last: Annotated[bool, typer.Option("--from-last", help=t(
        "เริ่มจากการนิเทศครั้งก่อนของโรงเรียนนี้ (ผู้รับการนิเทศ โครงการ วิธีการ เรื่อง; ไม่คัดลอกผลและข้อเสนอแนะ)",
        "start from the last visit to this school (context only, never findings or advice)"))] = False,
    force: Annotated[bool, typer.Option("--force", help=t(
        "ยอมรับวันที่นิเทศที่ล่วงหน้าเกิน 30 วัน", "accept a visit date more than 30 days ahead"))] = False,
    commit: CommitOpt = None, json_out: JsonOpt = False,
) -> None:
    from datetime import date, timedelta

    from nitet.cli import context, identity, prompts, schools, ui
    from nitet.core.errors import UsageError
    from nitet.domain import flows, visit_input, visits

    ws = context.workspace()
    loaded = context.load()
    today = date.today()
    if supervisor:
        supervisors = [" ".join(s.split()) for s in supervisor if s.strip()]
    else:
        who = identity.me(ws)
        supervisors = [who] if who else []
    if school is None and context.interactive():
        try:
            data = prompts.visit_form(loaded, today, supervisors, lambda d, f: visit_input.check_dates(d, f, today, force))
            closing = data.pop(prompts.CLOSE, [])
            _confirm(loaded, data, closing)
        except prompts.Cancelled as c:
            ui.say("")
            ui.say(t("ยกเลิกแล้ว ไม่มีการบันทึก", "cancelled, nothing written"))
            raise typer.Exit(c.exit_code) from None
        _save(ws, loaded, data, commit, json_out, closing)
        return
    if school is None or day is None:
        raise UsageError(t("ต้องระบุ --school และ --date", "--school and --date are required"),
                         t("เช่น nitet visit add --school 1063020130 --date 25/11/2569 (หรือรันบนเทอร์มินัลโดยไม่ใส่ตัวเลือก เพื่อให้ถามทีละข้อ)",
                           "e.g. nitet visit add --school 1063020130 --date 2026-11-25 (or run it on a terminal with no options)"))
    key = schools.school_key(loaded, school)
    visit_day = visit_input.parse_day(day, "--date")
    follow_day = visit_input.parse_day(follow_up, "--follow-up") if follow_up else None
    visit_input.check_dates(visit_day, follow_day, today, force)
    step = flows.step_id(step)
    visits.resolve_step(loaded, case, step)
    base: dict[str, Any] = {}
    if from_last:
        last = visits.last_visit(loaded, key, before=visit_day + timedelta(days=1))
        if last is None:
            ui.say(t("ยังไม่เคยนิเทศโรงเรียนนี้ก่อนวันที่ {d}: --from-last ไม่มีอะไรให้คัดลอก",
                     "no visit to this school before {d}: --from-last has nothing to copy", d=day))
        else:
            prompts.show_last_advice(last)
            base = prompts.copy_forward(last)
    data = {
        "date": visit_day.isoformat(), "school": key, "supervisors": supervisors,
        "kind": visit_input.parse_kind(kind) if kind else base.get("kind") or ("project-based" if project else None),
        "project": project or base.get("project"), "case": case, "step": step,
        "methods": [visit_input.parse_method(m) for m in method] if method else base.get("methods"),
        "supervisees": [visit_input.parse_supervisee(s) for s in supervisee] if supervisee else base.get("supervisees"),
        "topics": [x.strip() for x in topic if x.strip()] if topic else base.get("topics"),
        "findings": _text(finding), "strengths": _text(strength), "improvements": _text(improvement),
        "suggestions": _text(suggestion),
        "follow_up": {"date": follow_day.isoformat() if follow_day else None, "action": follow_up_action}
        if follow_day or follow_up_action else None,
        "rating_scale": rating_scale, "ratings": dict(visit_input.parse_rating(r) for r in rating or []) or None,
        "evidence": _evidence(ws, evidence or []), "note": note,
    }
    _warn_unknown(ws, loaded, data)
    _save(ws, loaded, data, commit, json_out)


def _warn_unknown(ws: Workspace, loaded: Loaded, data: dict[str, Any]) -> None:
    from nitet.cli import ui
    from nitet.domain import visit_input

    for note in visit_input.unknown_notes(ws, loaded, data):
        ui.say(note)


def _evidence(ws: Workspace, paths: list[str]) -> list[str]:
    from nitet.domain.visit_input import evidence_paths

    return evidence_paths(ws, paths)


def _confirm(loaded: Loaded, data: dict[str, Any], closing: list[tuple[str, Any, str]]) -> None:
    from nitet.cli import prompts
    from nitet.core.thai import format_date

    prompts.say()
    prompts.say(t("สรุปบันทึกการนิเทศ", "Visit summary"))
    for label, value in prompts.summary(loaded, data):
        prompts.say(f"  {label}: {value}")
    for _visit, day, result in closing:
        prompts.say(t("  ปิดการติดตามผลครั้งก่อน: ติดตามแล้ว {d}{r}", "  closes an earlier follow-up: done {d}{r}",
                      d=format_date(day), r=f" — {result}" if result else ""))
    if not prompts.yes(t("บันทึก?", "Save?")):
        raise prompts.Cancelled(1)


def _save(ws: Workspace, loaded: Loaded, data: dict[str, Any], commit: bool | None, json_out: bool,
          closing: list[tuple[str, Any, str]] | None = None) -> None:
    from datetime import date

    from nitet.cli import context, ui
    from nitet.domain import followups, visit_input, visits
    from nitet.model import Visit
    from nitet.storage import ids, writer

    path = ids.visit_path(ws, date.fromisoformat(data["date"]), data["school"])
    data = {"id": path.stem, **{k: v for k, v in data.items() if v not in (None, "", [], {})}}
    message = commit_message(loaded, data, ("บันทึกการนิเทศ", "visit to"))
    with context.writing():  # after any questions: the files and their commit, one nitet at a time
        if not closing:
            path.parent.mkdir(parents=True, exist_ok=True)
            writer.create(ws, path, Visit, data)
            ui.say(t("บันทึกการนิเทศแล้ว: {p}", "visit saved: {p}", p=ws.rel(path)))
            ui.commit(ws, [path], message, commit, evidence=data.get("evidence") or [])
        else:  # the visit and the follow-ups it closed (asked in the form): all written, or none
            from nitet.storage.journal import GitIntent, Transaction

            tx = Transaction(ws, "nitet visit add", git=GitIntent(message, commit, also=tuple(data.get("evidence") or [])))
            tx.write(path, writer.render(ws, path, Visit, data), create=True)
            for visit_id, day, result in closing:
                e = visits.find_visit(loaded, visit_id)
                old, new, _fu = followups.closed_text(ws, loaded, e, day=day, result=result or None,
                                                      by=(data.get("supervisors") or [None])[0], today=date.today())
                if new != old:
                    tx.write(ws.root / e.path, new)
            done = tx.apply()
            ui.say(t("บันทึกการนิเทศแล้ว: {p}", "visit saved: {p}", p=ws.rel(path)))
            for p in done.paths[1:]:
                ui.say(t("ปิดการติดตามผลแล้ว: {p}", "follow-up closed: {p}", p=ws.rel(p)))
            ui.committed(done.committed, commit)
    for note in visit_input.method_notes(data.get("methods")):
        ui.say(note)
    for twin in visits.same_visits(loaded, data):
        ui.say(t("คำเตือน: มีบันทึกการนิเทศครูคนนี้ (ชื่อ กลุ่มสาระ ชั้น) ที่โรงเรียนนี้ในวันเดียวกันแล้ว: {p} — ถ้าเป็นครั้งเดียวกัน "
                 "ให้ลบไฟล์ที่เพิ่งบันทึก หรือรวมข้อความด้วย nitet visit edit",
                 "warning: this teacher (name, subject, grade) already has a visit at this school on this day: {p} — if it "
                 "is the same visit, delete the file just saved, or merge the text with nitet visit edit", p=twin.path))
    if json_out:
        ui.print_json({"id": path.stem, "path": ws.rel(path)})


@app.command("list", help=t("รายการการนิเทศ กรองตามโรงเรียน ช่วงเวลา โครงการ เครือข่าย",
                            "visits, filtered by school, period, project, network"))
def list_(
    school: SchoolOpt = None,
    fy: Annotated[int | None, IntOption("--fy", help=t("ปีงบประมาณ (พ.ศ.)", "fiscal year (BE)"))] = None,
    quarter: Annotated[int | None, IntOption("--quarter", help=t("ไตรมาส 1-4 ของปีงบประมาณ", "fiscal quarter 1-4"))] = None,
    academic_year: Annotated[int | None, IntOption("--academic-year", help=t("ปีการศึกษา (พ.ศ.)", "academic year (BE)"))] = None,
    semester: Annotated[int | None, IntOption("--semester", help=t("ภาคเรียน 1 หรือ 2", "semester 1 or 2"))] = None,
    project: ProjectOpt = None,
    network: Annotated[str | None, typer.Option("--network", help=t("กลุ่มเครือข่าย", "school network"))] = None,
    supervisor: SupervisorsOnly = None,
    every: Annotated[bool, typer.Option("--all", help=t(
        "ทุกปี (ค่าเริ่มต้น: ปีงบประมาณปัจจุบัน)", "every year (default: the current fiscal year)"))] = False,
    json_out: JsonOpt = False,
) -> None:
    from datetime import date

    from nitet.cli import context, schools, ui
    from nitet.core import thai
    from nitet.core.people import person_key
    from nitet.domain import periods, visits

    ws = context.workspace()
    loaded = context.load()
    ui.warn_left_out(loaded)
    key = schools.school_key(loaded, school) if school else None
    chosen = None
    if every or fy is not None or quarter is not None or academic_year is not None or semester is not None:
        pass
    elif key is not None:  # one school's history is whole: what was advised last year counts too
        ui.say(t("การนิเทศทุกปีของโรงเรียนนี้ (ปีเดียว: --fy ปี)", "every year's visits to this school (one year: --fy)"))
    else:
        chosen = periods.fiscal_year(None, None, date.today())
        fy = chosen.fy
        ui.say(t("{n} (ทุกปี: --all)", "{n} (every year: --all)", n=chosen.note))
    start, end = visits.period(ws.config.academic_calendar.as_mapping(), fy=fy, quarter=quarter,
                               academic_year=academic_year, semester=semester)
    found = visits.select(loaded, school=key, start=start, end=end, project=project, network=network,
                          supervisors=supervisor)
    if json_out:
        ui.print_json([visits.as_json(loaded, e) for e in found])
        return
    if not found:
        ui.say(t("ไม่พบการนิเทศตามเงื่อนไข", "no visits match") + (
            f" ({thai.format_date(start)} – {thai.format_date(end)})" if start and end else ""))
        other = visits.select(loaded, school=key, project=project, network=network, supervisors=supervisor)
        if chosen is not None and other:
            ui.say(t("ปีอื่นมี {n} ครั้ง: ดูด้วย --all หรือ --fy ปี", "other years have {n}: see them with --all or --fy",
                     n=len(other)))
        return
    from rich.text import Text

    from nitet.cli.thaiwrap import thai_table as Table

    title = t("การนิเทศ {n} ครั้ง", "{n} visits", n=len(found))
    if start and end:
        title += f" ({thai.format_date(start)} – {thai.format_date(end)})"
    table = Table(title=title)
    table.add_column(t("วันที่", "date"), no_wrap=True)
    table.add_column(t("โรงเรียน", "school"), ratio=2, overflow="fold")
    table.add_column(t("โครงการ", "project"))
    table.add_column(t("ข้อเสนอแนะ", "suggestions"), ratio=3, overflow="fold")
    table.add_column(t("ติดตามผล", "follow-up"), no_wrap=True)
    people = len({person_key(n) for e in found for n in e.data.get("supervisors", [])}) > 1
    if people:  # a shared repository: whose visit it was
        table.add_column(t("ผู้นิเทศ", "supervisors"), ratio=1, overflow="fold")
    table.add_column(t("รหัส", "id"), no_wrap=True)
    for e in found:
        d = e.data
        fu = d.get("follow_up") or {}
        follow = (thai.format_date(thai.parse_date(fu["date"])) + (" ✓" if fu.get("done") else "")) if fu.get("date") else ""
        who = [Text("\n".join(d.get("supervisors", [])))] if people else []
        table.add_row(thai.format_date(visits.visit_date(e)), Text(visits.school_name(loaded, d["school"])),
                      Text(d.get("project") or ""), Text(d.get("suggestions") or ""), follow, *who,
                      Text(visits.short_id(e.id), style="dim"))
    ui.out().print(table)


@app.command("show", help=t("แสดงบันทึกการนิเทศหนึ่งรายการ", "show one visit"))
def show(visit: VisitArg, json_out: JsonOpt = False) -> None:
    from nitet.cli import context, prompts, ui
    from nitet.domain import visits

    loaded = context.load()
    e = visits.find_visit(loaded, visit)
    if json_out:
        ui.print_json(visits.as_json(loaded, e))
        return
    ui.data(f"{e.id}  ({e.path})")
    for label, value in prompts.summary(loaded, e.data):
        ui.data(f"{label}: {value}")


@app.command("edit", help=t("แก้บันทึกการนิเทศ (คงความเห็นและลำดับในไฟล์; \"\" = ลบค่า)",
                            "change a visit (comments kept; \"\" removes a value)"))
@writes
def edit(
    visit: VisitArg,
    day: Annotated[str | None, typer.Option("--date", help=t("วันที่นิเทศ", "visit date"))] = None,
    kind: KindOpt = None, project: ProjectOpt = None, method: MethodOpt = None, supervisee: SuperviseeOpt = None,
    topic: TopicOpt = None, finding: FindingOpt = None, strength: StrengthOpt = None,
    improvement: ImprovementOpt = None, suggestion: SuggestionOpt = None, follow_up: FollowUpOpt = None,
    follow_up_action: FollowActionOpt = None, case: CaseOpt = None, step: StepOpt = None,
    supervisor: SupervisorOpt = None, rating: RatingOpt = None, evidence: EvidenceOpt = None, note: NoteOpt = None,
    force: Annotated[bool, typer.Option("--force", help=t("ยอมรับวันที่ล่วงหน้าเกิน 30 วัน", "accept a date far ahead"))] = False,
    commit: CommitOpt = None,
) -> None:
    from datetime import date

    from nitet.cli import context
    from nitet.domain import flows, visit_input, visits

    loaded = context.load()
    e = visits.find_visit(loaded, visit)
    old = e.data
    new_day = visit_input.parse_day(day, "--date") if day else date.fromisoformat(old["date"])
    fu_old = old.get("follow_up") or {}
    fu_day = (visit_input.parse_day(follow_up, "--follow-up") if follow_up else None) if follow_up != "" else None
    keep_fu = date.fromisoformat(fu_old["date"]) if fu_old.get("date") and follow_up is None else None
    visit_input.check_dates(new_day, fu_day or keep_fu, date.today(), force or not day)
    step = flows.step_id(step)
    if case is not None or step is not None:
        visits.resolve_step(loaded, case if case is not None else old.get("case"), step or None)
    changes: dict[str, Any] = {
        "date": new_day.isoformat() if day else None, "kind": visit_input.parse_kind(kind) if kind else None,
        "project": project, "case": case, "step": step, "note": note,
        "methods": [visit_input.parse_method(m) for m in method if m] if method is not None else None,
        "supervisees": [visit_input.parse_supervisee(s) for s in supervisee if s] if supervisee is not None else None,
        "topics": [x for x in topic if x] if topic is not None else None,
        "findings": _edit_text(finding), "strengths": _edit_text(strength),
        "improvements": _edit_text(improvement), "suggestions": _edit_text(suggestion),
        "supervisors": [s for s in supervisor if s] if supervisor is not None else None,
        "evidence": _evidence(loaded.ws, evidence) if evidence is not None else None,
        "ratings": {**old.get("ratings", {}), **dict(visit_input.parse_rating(r) for r in rating)} if rating else None,
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    if follow_up is not None or follow_up_action is not None:
        changes["follow_up"] = {k: v for k, v in {
            "date": fu_day.isoformat() if fu_day else (fu_old.get("date") if follow_up is None else None),
            "action": follow_up_action if follow_up_action is not None else fu_old.get("action"),
            "done": fu_old.get("done")}.items() if v}
    _apply(loaded, e, changes, commit)


def _edit_text(values: list[str] | None) -> str | None:
    if values is None:
        return None
    return _text(values) or ""


def _apply(loaded: Loaded, e: Entry, changes: dict[str, Any], commit: bool | None) -> None:
    from nitet.cli import ui
    from nitet.core.errors import UsageError
    from nitet.model import Visit
    from nitet.storage import writer

    ws = loaded.ws
    if not changes:
        raise UsageError(t("ไม่ได้ระบุสิ่งที่จะแก้", "nothing to change"),
                         t("เช่น nitet visit edit {i} --suggestion \"...\"", "e.g. nitet visit edit {i} --suggestion ...", i=e.id))

    path = ws.root / e.path
    if not writer.apply_changes(ws, path, Visit, changes):
        ui.say(t("ไม่มีอะไรเปลี่ยน: {p}", "nothing changed: {p}", p=e.path))
        return
    ui.say(t("แก้ไขแล้ว: {p}", "updated: {p}", p=e.path))
    data = {**e.data, **changes}
    ui.commit(ws, [path], commit_message(loaded, data, ("แก้บันทึกการนิเทศ", "edit visit to")), commit,
                        evidence=changes.get("evidence") or [])


from nitet.commands import visit_followup  # noqa: E402  (visit done, visit due)

visit_followup.register(app)

from nitet.commands import visit_print  # noqa: E402  (visit print)

visit_print.register(app)
