"""nitet visit done | due: the follow-ups of visits — closing one with its date and result, and
what is due soon with what was advised."""

from __future__ import annotations

from typing import Annotated

import typer

from nitet.cli.context import writes
from nitet.cli.options import IntOption, SupervisorFilter
from nitet.commands.visit_options import CommitOpt, JsonOpt, VisitArg
from nitet.core.i18n import t


def register(app: typer.Typer) -> None:
    app.command("done", help=t("บันทึกว่าติดตามผลแล้ว พร้อมวันที่และผลการติดตาม",
                               "close a visit's follow-up with its date and result"))(writes(done))
    app.command("due", help=t("การติดตามผลที่ถึงกำหนดหรือใกล้ถึง พร้อมข้อเสนอแนะครั้งก่อน",
                              "follow-ups due or near, with what was advised"))(due)


def done(
    visit: VisitArg,
    day: Annotated[str | None, typer.Option("--date", help=t(
        "วันที่ติดตาม (ค่าเริ่มต้น: วันนี้ หรือวันที่บันทึกไว้แล้ว)", "the day it was followed up (default: today, "
        "or the day already recorded)"))] = None,
    result: Annotated[str | None, typer.Option("--result", help=t(
        "ผลการติดตามสั้น ๆ เช่น \"ครูใช้แผน DLTV ครบทุกคาบ\" (\"\" = ลบ)",
        "what the follow-up found, in a line (\"\" removes it)"))] = None,
    commit: CommitOpt = None,
) -> None:
    from datetime import date

    from nitet.cli import context, identity, ui
    from nitet.commands.visit import commit_message
    from nitet.core import thai
    from nitet.domain import followups, visit_input, visits

    ws = context.workspace()
    loaded = context.load()
    e = visits.find_visit(loaded, visit)
    when = visit_input.parse_day(day, "--date") if day else None
    changed, fu = followups.close(ws, loaded, e, day=when, result=result, by=identity.me(ws) or None,
                                  today=date.today())
    if not changed:
        ui.say(t("ไม่มีอะไรเปลี่ยน: {p}", "nothing changed: {p}", p=e.path))
        return
    ui.say(t("ติดตามผลแล้ว {d}: {s}", "followed up on {d}: {s}", d=thai.format_date(fu.done_date or date.today()),
             s=fu.school_name) + (f" — {fu.result}" if fu.result else ""))
    ui.commit(ws, [ws.root / e.path], commit_message(loaded, e.data, ("ติดตามผลการนิเทศ", "follow-up of the visit to")),
              commit)


def due(
    days: Annotated[int, IntOption("--days", min=0, help=t("รวมที่จะถึงภายในกี่วัน", "include those due within N days"))] = 14,
    supervisor: Annotated[list[str] | None, SupervisorFilter(t(
        "เฉพาะการติดตามผลจากการนิเทศของผู้นิเทศคนนี้ (ซ้ำได้)", "only the follow-ups of this supervisor's visits "
        "(repeatable)"))] = None,
    json_out: JsonOpt = False,
) -> None:
    from datetime import date

    from nitet.cli import context, ui
    from nitet.core import thai
    from nitet.domain import visits

    today = date.today()
    loaded = context.load()
    ui.warn_left_out(loaded)
    items = visits.follow_ups_due(loaded, today, days, supervisors=supervisor)
    if json_out:
        ui.print_json([{"visit": f.visit, "path": f.path, "school": f.school, "school_name": f.school_name,
                        "visit_date": f.visit_date.isoformat(), "due": f.due.isoformat(),
                        "days_left": f.days_left(today), "action": f.action, "suggestions": f.suggestions,
                        "later_visit": f.later_visit.isoformat() if f.later_visit else None} for f in items])
        return
    if not items:
        ui.say(t("ไม่มีการติดตามผลที่ถึงกำหนดภายใน {n} วัน", "no follow-ups due within {n} days", n=days))
        return
    from rich.text import Text

    from nitet.cli.thaiwrap import thai_table as Table

    table = Table(title=t("การติดตามผล ({n} รายการ)", "Follow-ups ({n})", n=len(items)))
    table.add_column(t("กำหนด", "due"), no_wrap=True)
    table.add_column(t("โรงเรียน", "school"), ratio=2, overflow="fold")
    table.add_column(t("สิ่งที่จะติดตาม", "to follow up"), ratio=2, overflow="fold")
    table.add_column(t("ข้อเสนอแนะครั้งก่อน", "advised"), ratio=3, overflow="fold")
    table.add_column(t("นิเทศเมื่อ", "visited"), no_wrap=True)
    table.add_column(t("รหัส", "id"), no_wrap=True)
    for f in items:
        left = f.days_left(today)
        when = (t("เลยกำหนด {n} วัน", "{n} days late", n=-left) if left < 0 else
                t("วันนี้", "today") if left == 0 else t("อีก {n} วัน", "in {n} days", n=left))
        table.add_row(Text(f"{thai.format_date(f.due)}\n{when}", style="red" if left < 0 else ""),
                      Text(f.school_name), Text(f.action or ""), Text(f.suggestions or ""),
                      thai.format_date(f.visit_date), Text(visits.short_id(f.visit), style="dim"))
    ui.out().print(table)
    ui.say(t("ติดตามแล้ว: nitet visit done รหัส --result \"ผลที่พบ\" [--date วันที่]",
             "done? nitet visit done ID --result \"what you found\" [--date DATE]"))
