"""nitet whoami: the supervisor of this clone — shown, or set with --set."""

from __future__ import annotations

from typing import Annotated

import typer

from nitet.core.i18n import t


def whoami(
    name: Annotated[str | None, typer.Option("--set", metavar=t("ชื่อ", "NAME"), help=t(
        "ตั้งชื่อผู้นิเทศของสำเนานี้ (เก็บใน git config nitet.supervisor ของสำเนานี้ ไม่ใช่ไฟล์ที่ใช้ร่วมกัน)",
        "set this clone's supervisor (kept in this clone's git config nitet.supervisor, not a shared file)"))] = None,
    json_out: Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))] = False,
) -> None:
    from nitet.cli import context, ui
    from nitet.core.errors import DataError
    from nitet.core.people import person_key
    from nitet.storage import identity

    ws = context.workspace()
    who = identity.set_supervisor(ws, name) if name is not None else identity.identify(ws)
    if json_out:
        ui.print_json({"name": who.name or None, "source": who.source})
        return
    if not who:
        raise DataError(
            t("ยังไม่ได้ตั้งชื่อผู้นิเทศของสำเนานี้", "this clone has no supervisor's name yet"),
            t("ตั้งด้วย nitet whoami --set \"ชื่อ-สกุล\" (ในคลัง git) หรือ supervisor ใน nitet.yaml (พื้นที่ทำงานคนเดียว)",
              "set it with nitet whoami --set \"FULL NAME\" (in a git repository) or supervisor in nitet.yaml"))
    ui.data(who.name)
    roster = ws.config.roster()
    if roster and person_key(who.name) not in {person_key(m.name) for m in roster}:
        ui.say(t("คำเตือน: {n} ไม่อยู่ในรายชื่อ supervisors ของ nitet.yaml — เขียนชื่อให้ตรงกับรายชื่อ หรือขอผู้ดูแลเพิ่มชื่อ",
                 "warning: {n} is not on the roster (supervisors in nitet.yaml) — write the name as listed there, "
                 "or ask the maintainer to add it", n=who.name))
    if name is not None:
        ui.say(t("ตั้งชื่อผู้นิเทศของสำเนานี้แล้ว: บันทึกที่เขียนจากสำเนานี้จะระบุชื่อนี้",
                 "this clone's supervisor is set: records written from this clone name this person"))
    else:
        ui.say(t("({w})", "({w})", w=who.where()))
