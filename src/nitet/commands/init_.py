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
    git: Annotated[bool, typer.Option("--git/--no-git", help=t(
        "ทำให้โฟลเดอร์เป็นคลัง git ของตนเอง (ถ้ายังไม่อยู่ในคลังที่ติดตามโฟลเดอร์นี้) และตั้งให้ git pull รวมงานแบบ rebase",
        "make the folder a git repository of its own (unless a repository tracking it holds it already) and make "
        "git pull rebase"))] = True,
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
    if git:
        _repository(root, supervisor, quiet=demo)
    ui.say(t("ขั้นต่อไป: cd {d} แล้วลอง 'nitet check' และ 'nitet school add'",
             "next: cd {d}, then try 'nitet check' and 'nitet school add'", d=root))


def _repository(root: Path, supervisor: str | None, *, quiet: bool = False) -> None:
    """The workspace's own git repository: created where none tracks the folder, a pull that rebases,
    and the person who ran init as this clone's supervisor."""
    from nitet.cli import ui
    from nitet.storage import gitsync, identity
    from nitet.storage.workspace import open_workspace

    if not gitsync.available():
        ui.say(t("ไม่พบโปรแกรม git: พื้นที่ทำงานนี้ยังไม่เป็นคลัง git (ติดตั้ง git แล้วรัน git init ถ้าต้องการทำงานร่วมกัน)",
                 "git is not installed: this workspace is not a git repository yet (install git and run git init to "
                 "work with colleagues)"))
        return
    created = gitsync.init_repository(root)
    ws = open_workspace(root)
    if not gitsync.is_top(ws):  # a folder inside a repository of something else: leave its settings alone
        return
    try:
        keys = gitsync.configure_pull(ws)
        who = " ".join((supervisor or ws.config.supervisor or "").split())
        if who and not identity.identify(ws).from_clone:
            identity.set_supervisor(ws, who)
    except (gitsync.GitFailed, OSError) as e:
        ui.say(t("คำเตือน: ตั้งค่า git ไม่สำเร็จ ({e})", "warning: could not configure git ({e})", e=e))
        return
    if quiet:  # the demo: a repository of its own, so that nitet's repository does not ignore its files
        return
    if created:
        ui.say(t("สร้างคลัง git แล้ว: ส่งงานขึ้นคลังกลางด้วย nitet sync หลังเพิ่มคลังกลาง (git remote add origin ที่อยู่คลัง)",
                 "made it a git repository: after adding a remote (git remote add origin URL), share with nitet sync"))
    elif keys:
        ui.say(t("ตั้งค่าคลัง git: git pull รวมงานแบบ rebase ({k})", "set in the git repository: git pull rebases ({k})",
                 k=", ".join(keys)))
