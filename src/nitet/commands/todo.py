"""nitet todo: the week at a glance, on one Thai screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from nitet.cli.options import IntOption, SupervisorFilter
from nitet.core.i18n import t

if TYPE_CHECKING:
    from datetime import date

    from nitet.domain.todo import Agenda

SHOWN = 10  # schools listed per section on screen; the rest are counted (--json has them all)


def todo(
    day: Annotated[str | None, typer.Option(
        "--date", help=t("ดูงาน ณ วันที่นี้ (ค่าเริ่มต้น: วันนี้) เช่น 25/11/2569",
                         "as of this date (default: today), e.g. 2026-11-25"), show_default=False)] = None,
    days: Annotated[int, IntOption(
        "--days", min=0, max=366, help=t("รวมงานที่ถึงกำหนดภายในกี่วัน", "include what falls due within N days"))] = 7,
    supervisor: Annotated[list[str] | None, SupervisorFilter(t(
        "เฉพาะการติดตามผลจากการนิเทศของผู้นิเทศคนนี้ (ซ้ำได้; งานอื่นเป็นของทั้งสำนักงาน)",
        "only the follow-ups of this supervisor's visits (repeatable; the rest is the office's)"))] = None,
    json_out: Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))] = False,
) -> None:
    from datetime import date as _date

    from nitet.cli import context, ui
    from nitet.domain.todo import agenda
    from nitet.domain.visit_input import parse_day

    today = parse_day(day, "--date") if day else _date.today()
    loaded = context.load()
    ui.warn_left_out(loaded)
    a = agenda(loaded, today, days, supervisors=supervisor)
    if json_out:
        ui.print_json(_as_json(a))
    else:
        _show(a)


def _as_json(a: Agenda) -> dict[str, Any]:
    krs = a.krs
    return {
        "date": a.today.isoformat(), "fiscal_year": a.fiscal_year, "quarter": a.quarter, "days": a.days,
        "follow_ups": [{"visit": f.visit, "school": f.school, "school_name": f.school_name,
                        "visit_date": f.visit_date.isoformat(), "due": f.due.isoformat(),
                        "days_left": f.days_left(a.today), "action": f.action} for f in a.follow_ups],
        "closed": [{"visit": c.visit, "school": c.school, "school_name": c.school_name, "action": c.action,
                    "done_date": c.done_date.isoformat() if c.done_date else None, "result": c.result,
                    "done_by": c.done_by} for c in a.closed],
        "steps": [{"case": s.case, "title": s.case_title, "workflow": s.workflow, "step": s.step,
                   "step_title": s.step_title, "due": s.due.isoformat(), "days_left": s.days_left(a.today)}
                  for s in a.steps],
        "cases": [{"case": c.case, "title": c.title, "workflow": c.workflow,
                   "open": [{"step": i, "title": x} for i, x in c.open],
                   "strands": [{"step": i, "state": st} for i, st in c.strands]} for c in a.cases],
        "targets": [{"project": None if c.targets.project == "*" else c.targets.project, "total": c.total,
                     "visited": c.visited, "not_yet": c.not_yet} for c in a.targets],
        "unvisited": [{"code": s.code, "name": s.name, "network": s.network, "target": s.target,
                       "last_visit": s.last_visit.isoformat() if s.last_visit else None} for s in a.unvisited],
        "schools": a.schools,
        "krs": None if krs is None else {
            "fiscal_year": krs.fiscal_year, "quarter": krs.quarter, "quarter_end": krs.quarter_end.isoformat(),
            "due": krs.due.isoformat(), "days_left": krs.days_left(a.today)},
        "screening": {"academic_year": a.screening_year, "semester": a.screening_semester,
                      "missing": [{"code": s.code, "name": s.name, "target": s.target}
                                  for s in a.screening_missing]},
    }


def _when(due: date, today: date) -> str:
    left = (due - today).days
    if left < 0:
        return t("เลยกำหนด {n} วัน", "{n} days late", n=-left)
    if left == 0:
        return t("ครบกำหนดวันนี้", "due today")
    return t("อีก {n} วัน", "in {n} days", n=left)


def _show(a: Agenda) -> None:
    from rich.text import Text

    from nitet.cli import ui
    from nitet.core.thai import format_date
    from nitet.domain.visits import short_id

    con = ui.out()

    def heading(text: str) -> None:
        con.print()
        con.print(Text(text, style="bold"))

    def item(text: str, style: str = "") -> None:
        con.print(Text("  • " + text, style=style))

    def hint(text: str) -> None:
        con.print(Text("    " + text, style="dim"))

    con.print(Text(t("งานที่ต้องดำเนินการประจำสัปดาห์ — {d} (ปีงบประมาณ {fy} ไตรมาสที่ {q})",
                     "This week — {d} (fiscal year {fy}, quarter {q})",
                     d=format_date(a.today, "full"), fy=a.fiscal_year, q=a.quarter), style="bold underline"))

    heading(t("ติดตามผลการนิเทศ ({n})", "Follow-ups ({n})", n=len(a.follow_ups)))
    if not a.follow_ups:
        item(t("ไม่มีการติดตามผลที่ถึงกำหนดภายใน {n} วัน", "no follow-up due within {n} days", n=a.days))
    for f in a.follow_ups:
        late = f.days_left(a.today) < 0
        item(f"{format_date(f.due)} ({_when(f.due, a.today)}) {f.school_name}"
             + (f" — {f.action}" if f.action else "") + f"  [{short_id(f.visit)}]", "red" if late else "")
    if a.follow_ups:
        hint(t("ติดตามแล้ว: nitet visit done รหัส --result \"ผลที่พบ\" · รายละเอียด: nitet visit due",
               "done? nitet visit done ID --result \"what you found\" · details: nitet visit due"))
    if a.closed:
        heading(t("ติดตามผลแล้วในช่วง {n} วันที่ผ่านมา ({m})", "Followed up in the last {n} days ({m})",
                  n=a.days, m=len(a.closed)))
        for fu in a.closed:
            item(f"{format_date(fu.done_date) if fu.done_date else ''} {fu.school_name}" + (f" — {fu.action}" if fu.action else "")
                 + (f": {fu.result}" if fu.result else t(" (ไม่ได้บันทึกผล)", " (no result recorded)")))

    heading(t("ขั้นตอนงานที่เกินกำหนดหรือใกล้กำหนด ({n})", "Case steps overdue or due soon ({n})", n=len(a.steps)))
    if not a.steps:
        item(t("ไม่มีขั้นตอนที่เกินกำหนดหรือถึงกำหนดภายใน {n} วัน", "no step overdue or due within {n} days", n=a.days))
    for step in a.steps:
        item(t("{c}: ขั้นตอน {s} {st} — กำหนด {d} ({w})", "{c}: step {s} {st} — due {d} ({w})",
               c=step.case_title, s=step.step, st=step.step_title, d=format_date(step.due),
               w=_when(step.due, a.today)), "red" if step.due < a.today else "")
    if a.steps:
        hint(t("บันทึกขั้นตอนที่เสร็จ: nitet flow advance {c}", "record a finished step: nitet flow advance {c}",
               c=a.steps[0].case))

    if a.cases:
        from nitet.cli.flow_render import strands_legend, strands_text

        heading(t("งานตามกระบวนงานที่อยู่ระหว่างดำเนินการ ({n})", "Cases in progress ({n})", n=len(a.cases)))
        for c in a.cases:
            if c.strands:
                where = t("ขั้นตอนคู่ขนาน {s}", "parallel steps {s}",
                          s=strands_text([{"step": i, "state": st} for i, st in c.strands]))
            else:
                where = "; ".join(t("ขั้นตอนปัจจุบัน {s} {x}", "current step {s} {x}", s=i, x=x) for i, x in c.open)
            item(f"{c.title}: {where}")
        if any(c.strands for c in a.cases):
            hint(strands_legend() + t(" · บันทึกขั้นตอนที่เสร็จ: nitet flow advance รหัสงาน --step เลขขั้นตอน",
                                      " · record one: nitet flow advance CASE --step STEP"))

    if a.targets:
        _targets(a, heading, item, hint)

    targets = sum(1 for u in a.unvisited if u.target)
    heading(t("โรงเรียนที่ยังไม่ได้นิเทศในไตรมาสนี้ ({n} จาก {total}; กลุ่มเป้าหมาย {tg})",
              "Schools not visited this quarter ({n} of {total}; {tg} target)",
              n=len(a.unvisited), total=a.schools, tg=targets))
    if a.schools == 0:
        item(t("ยังไม่มีโรงเรียนในทะเบียน", "no school registered yet"))
        hint(t("เพิ่มด้วย nitet school add หรือ nitet import schools ไฟล์.xlsx",
               "add with nitet school add or nitet import schools FILE.xlsx"))
    elif not a.unvisited:
        item(t("นิเทศครบทุกโรงเรียนแล้ว", "every school has been visited"))
    for school in a.unvisited[:SHOWN]:
        last = (t("นิเทศล่าสุด {d}", "last visited {d}", d=format_date(school.last_visit)) if school.last_visit
                else t("ยังไม่เคยนิเทศ", "never visited"))
        mark = t(" (กลุ่มเป้าหมาย)", " (target)") if school.target else ""
        item(f"{school.name}{mark} — {last}", "bold" if school.target else "")
    _more(item, len(a.unvisited))
    if a.unvisited:
        hint(t("บันทึกการนิเทศ: nitet visit add --school {c} --date วันที่ · ทั้งหมด: nitet school unvisited",
               "record a visit: nitet visit add --school {c} --date DATE · all: nitet school unvisited",
               c=a.unvisited[0].code))

    if a.krs is not None:
        k = a.krs
        heading(t("รายงาน KRS ไตรมาสที่ {q}/{fy}: ส่งภายใน {d} ({w})", "KRS report Q{q}/{fy}: due {d} ({w})",
                  q=k.quarter, fy=k.fiscal_year, d=format_date(k.due), w=_when(k.due, a.today)))
        hint(t("สร้างรายงาน: nitet report krs --fy {fy} --quarter {q}", "make it: nitet report krs --fy {fy} --quarter {q}",
               fy=k.fiscal_year, q=k.quarter))

    if a.screening_year is not None:
        heading(t("ผลคัดกรองการอ่านการเขียนที่ยังไม่ได้รับ ภาคเรียนที่ {s}/{y} ({n} โรงเรียน)",
                  "Reading/writing screening missing, semester {s}/{y} ({n} schools)",
                  s=a.screening_semester, y=a.screening_year, n=len(a.screening_missing)))
        if not a.screening_missing and a.schools:
            item(t("ได้รับครบทุกโรงเรียนแล้ว", "received from every school"))
        for r in a.screening_missing[:SHOWN]:
            item(r.name + (t(" (กลุ่มเป้าหมาย)", " (target)") if r.target else ""), "bold" if r.target else "")
        _more(item, len(a.screening_missing))
        if a.screening_missing:
            hint(t("นำเข้าไฟล์ที่โรงเรียนส่ง: nitet import screening ไฟล์.xlsx",
                   "import a school's sheet: nitet import screening FILE.xlsx"))


def _targets(a: Agenda, heading: Any, item: Any, hint: Any) -> None:
    """Each target list of the year this quarter: visited n of N, the schools not visited yet."""
    from nitet.domain.targets import ALL

    heading(t("โรงเรียนกลุ่มเป้าหมายที่นิเทศแล้วในไตรมาสนี้", "Target schools visited this quarter"))
    for c in a.targets:
        x = c.targets
        what = t("ทุกโครงการ", "all projects") if x.project == ALL else (a.projects.get(x.project) or x.project)
        left = ", ".join(a.names.get(k, k) for k in c.not_yet[:SHOWN]) + (
            t(" และอีก {n} โรง", " and {n} more", n=len(c.not_yet) - SHOWN) if len(c.not_yet) > SHOWN else "")
        item(t("{p}: นิเทศแล้ว {v} จาก {n} โรง", "{p}: visited {v} of {n}", p=what, v=len(c.visited), n=c.total)
             + (t(" — ยังไม่ได้นิเทศ: {s}", " — not yet: {s}", s=left) if c.not_yet else ""),
             "bold" if c.not_yet else "")
    hint(t("รายชื่อทั้งหมด: nitet target list", "every list: nitet target list"))


def _more(item: Any, total: int) -> None:
    if total > SHOWN:
        item(t("และอีก {n} โรงเรียน (ดูทั้งหมดด้วย --json)", "and {n} more (all with --json)", n=total - SHOWN))
