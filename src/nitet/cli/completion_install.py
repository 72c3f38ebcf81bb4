"""``nitet --install-completion`` and ``--show-completion``, said in the user's language.

The scripts are typer's (bash, zsh, fish, PowerShell): they run ``nitet`` with
``_NITET_COMPLETE=complete_<shell>`` on each Tab, which :mod:`nitet.cli.fastcomplete` answers.
Installing writes the script where typer puts it (``~/.bash_completions/nitet.sh`` sourced from
``~/.bashrc``; ``~/.zfunc/_nitet``; ``~/.config/fish/completions/nitet.fish``). The shell is the
one nitet runs in (or ``$SHELL``); ``NITET_SHELL=zsh`` names another.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from nitet.core.errors import UsageError
from nitet.core.i18n import t

PROG = "nitet"
COMPLETE_VAR = "_NITET_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def current_shell() -> str:
    """The shell to complete in: ``NITET_SHELL``, else the one running nitet, else ``$SHELL``."""
    name = os.environ.get("NITET_SHELL", "").strip().lower()
    if not name:
        try:
            import shellingham

            name = shellingham.detect_shell()[0]
        except Exception:  # noqa: BLE001 - not detectable: fall back to $SHELL
            name = os.path.basename(os.environ.get("SHELL", "")).lower()
    if not name:
        raise UsageError(t("ตรวจไม่พบว่าเทอร์มินัลนี้ใช้เชลล์ใด", "cannot tell which shell this terminal runs"),
                         t("ระบุชื่อเชลล์ด้วยตัวแปร NITET_SHELL เช่น NITET_SHELL=bash nitet --install-completion",
                           "name it with NITET_SHELL, e.g. NITET_SHELL=bash nitet --install-completion"))
    if name not in SHELLS:
        raise UsageError(t("nitet ยังเติมคำสั่งในเชลล์ {s} ไม่ได้", "nitet cannot complete commands in the {s} shell", s=name),
                         t("ใช้ได้ใน bash, zsh, fish และ PowerShell: ระบุด้วย NITET_SHELL เช่น NITET_SHELL=bash",
                           "bash, zsh, fish and PowerShell are supported: name one with NITET_SHELL, e.g. NITET_SHELL=bash"))
    return name


def script(shell: str) -> str:
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell)


def install(shell: str) -> Path:
    from typer import _completion_shared as shared

    writer = {"bash": shared.install_bash, "zsh": shared.install_zsh, "fish": shared.install_fish}.get(
        shell, shared.install_powershell)
    try:
        return writer(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell)
    except OSError as e:
        raise UsageError(t("เขียนสคริปต์การเติมคำสั่งไม่ได้: {e}", "cannot write the completion script: {e}",
                           e=e.strerror or e),
                         t("ตรวจสิทธิ์เขียนโฟลเดอร์บ้าน หรือใช้ nitet --show-completion แล้วตั้งเอง",
                           "check that your home folder is writable, or use nitet --show-completion and set it up yourself")
                         ) from None


def _next_step(shell: str, path: Path) -> str:
    if shell == "bash":
        return t("เปิดเทอร์มินัลใหม่ หรือพิมพ์ source {p} เพื่อใช้ในเทอร์มินัลนี้",
                 "open a new terminal, or run source {p} to use it in this one", p=path)
    if shell == "zsh":
        return t("เปิดเทอร์มินัลใหม่ หรือพิมพ์ exec zsh เพื่อใช้ในเทอร์มินัลนี้",
                 "open a new terminal, or run exec zsh to use it in this one")
    return t("เปิดเทอร์มินัลใหม่เพื่อเริ่มใช้", "open a new terminal to start using it")


def install_callback(ctx: Any, param: Any, value: Any) -> None:
    if not value or getattr(ctx, "resilient_parsing", False):
        return
    import typer

    from nitet.cli.ui import say

    shell = current_shell()
    path = install(shell)
    say(t("ติดตั้งการเติมคำสั่งด้วยปุ่ม Tab สำหรับ {s} แล้วที่ {p}", "Tab completion for {s} is installed in {p}",
          s=shell, p=path))
    say("  " + t("แนะนำ: ", "hint: ") + _next_step(shell, path))
    raise typer.Exit()


def show_callback(ctx: Any, param: Any, value: Any) -> None:
    if not value or getattr(ctx, "resilient_parsing", False):
        return
    import typer

    typer.echo(script(current_shell()))
    raise typer.Exit()
