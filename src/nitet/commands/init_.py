"""nitet init: lay out a new workspace (and, with --demo, sample records)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nitet.core.i18n import t


def init(
    directory: Annotated[Path | None, typer.Argument(
        help=t("โฟลเดอร์ของพื้นที่ทำงาน (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน)", "workspace folder (default: current)"))] = None,
    office: Annotated[str | None, typer.Option("--office", help=t("หน่วยงาน เช่น สพป.ตาก เขต ๒", "office name"))] = None,
    supervisor: Annotated[str | None, typer.Option("--supervisor", help=t("ชื่อศึกษานิเทศก์", "supervisor's name"))] = None,
    demo: Annotated[bool, typer.Option("--demo", help=t("ใส่ข้อมูลตัวอย่าง (โรงเรียนสมมติ)", "add sample records (fictional schools)"))] = False,
) -> None:
    from nitet.cli import context, ui
    from nitet.core.errors import UsageError
    from nitet.domain.initialize import create_workspace
    from nitet.storage.workspace import CONFIG_FILE

    base = context.state.directory or Path.cwd()
    root = (base / directory) if directory else base
    if (root / CONFIG_FILE).exists():
        raise UsageError(
            t("{d} เป็นพื้นที่ทำงาน nitet อยู่แล้ว (มี nitet.yaml)", "{d} is already a nitet workspace (nitet.yaml exists)", d=root),
            t("ไม่มีการเขียนทับ: ใช้โฟลเดอร์ใหม่ หรือแก้ nitet.yaml เดิม", "nothing was overwritten: choose another folder or edit the existing nitet.yaml"))
    if context.interactive():
        if office is None:
            office = typer.prompt(t("หน่วยงาน", "Office"), default="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตาก เขต ๒")
        if supervisor is None:
            supervisor = typer.prompt(t("ชื่อศึกษานิเทศก์", "Supervisor's name"), default="")
    create_workspace(root, office=office or "", supervisor=supervisor or "", demo=demo)
    ui.say(t("สร้างพื้นที่ทำงานที่ {d} แล้ว", "created a workspace in {d}", d=root))
    ui.say(t("ขั้นต่อไป: cd {d} แล้วลอง 'nitet check' และ 'nitet school add'",
             "next: cd {d}, then try 'nitet check' and 'nitet school add'", d=root))
