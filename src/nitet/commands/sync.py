"""nitet sync: commit what nitet wrote, receive the colleagues' work (rebase), send one's own."""

from __future__ import annotations

from typing import Annotated

import typer

from nitet.cli.context import writes
from nitet.core.i18n import t


@writes
def sync(
    no_push: Annotated[bool, typer.Option("--no-push", help=t(
        "commit และรับงานของเพื่อนร่วมทีมเท่านั้น ไม่ส่งขึ้นคลังกลาง", "commit and receive only; send nothing"))] = False,
) -> None:
    from nitet.checks import load_checked
    from nitet.cli import context, ui
    from nitet.core.findings import ERROR
    from nitet.domain.sync import sync as run_sync

    ws = context.workspace()
    done = run_sync(ws, send=not no_push)
    where = f"{done.remote}/{done.branch}" if done.remote else ""
    if done.resumed:
        ui.say(t("รวมงานที่ค้างจากครั้งก่อนจนเสร็จแล้ว", "finished combining the work left from last time"))
    if done.configured:
        ui.say(t("ตั้งค่าสำเนานี้: {k} = true (git pull ธรรมดาจะรวมงานแบบ rebase ไม่สร้าง merge commit)",
                 "set in this clone: {k} = true (a plain git pull rebases too, no merge commit)",
                 k=", ".join(done.configured)))
    if done.committed:
        ui.say(t("commit แล้ว: {m}", "committed: {m}", m=done.message))
    if done.received:
        ui.say(t("รับงานของเพื่อนร่วมทีม {n} commit จาก {r}", "received {n} commit(s) of colleagues from {r}",
                 n=done.received, r=where))
    if done.pushed:
        ui.say(t("ส่งงาน {n} commit ขึ้น {r} แล้ว", "sent {n} commit(s) to {r}", n=done.sent, r=where))
    elif no_push and done.remote:
        ui.say(t("ยังไม่ได้ส่งขึ้น {r} (--no-push)", "not sent to {r} (--no-push)", r=where))
    if not (done.committed or done.received or done.pushed or done.resumed):
        ui.say(t("ไม่มีงานใหม่ทั้งสองฝั่ง: สำเนานี้ตรงกับ {r}", "nothing new on either side: this clone matches {r}",
                 r=where or t("คลังกลาง", "the remote")))
    loaded = load_checked(ws)
    errors = sum(1 for f in loaded.findings if f.severity == ERROR)
    if errors:
        ui.say(t("คำเตือน: ข้อมูลที่รวมแล้วมีข้อผิดพลาด {n} รายการ — ดูและแก้ด้วย nitet check",
                 "warning: the combined records have {n} error(s) — see them with nitet check", n=errors))
