"""Who is typing: the clone's supervisor (``storage.identity``), asked once on a terminal.

A command that writes a person's name into a record calls :func:`me`. In a git repository whose
clone has no ``nitet.supervisor`` yet, on a terminal, the person is asked once; the answer goes
into the clone's git configuration and is never asked again. Without a terminal (scripts, CI,
``--no-input``) nothing is asked and the fallbacks of ``storage.identity`` apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.identity import Identity
    from nitet.storage.workspace import Workspace


def me(ws: Workspace, *, ask: bool = True) -> str:
    """This clone's supervisor ("" when nobody is named)."""
    from nitet.cli import context
    from nitet.storage import identity

    who = identity.identify(ws)
    if who.from_clone or not ask or not context.interactive() or not identity.in_repository(ws):
        return who.name
    if context.state.identity_asked:  # once per run, even when the person gave no name
        return who.name
    context.state.identity_asked = True
    return _ask(ws, who)


def _ask(ws: Workspace, who: Identity) -> str:
    from nitet.cli import prompts
    from nitet.core.errors import NitetError
    from nitet.storage import identity

    prompts.say(t("สำเนานี้ยังไม่ได้ตั้งชื่อผู้นิเทศ: ชื่อนี้จะบันทึกในทุกงานที่คุณบันทึกจากสำเนานี้ (ถามครั้งเดียว)",
                  "this clone has no supervisor's name yet: it goes into every record you write here (asked once)"))
    # git's user.name is the person's own; nitet.yaml's supervisor may be a colleague's (the one who ran init)
    default = who.name if who.source == "git-user" else ""
    try:
        name = prompts.ask(t("ชื่อ-สกุลของคุณ", "Your full name"), default)
    except prompts.Cancelled:
        prompts.say("")
        return who.name
    if not name.strip():
        return who.name
    try:
        done = identity.set_supervisor(ws, name)
    except NitetError as e:
        prompts.say(e.message)
        return " ".join(name.split())
    prompts.say(t("ตั้งชื่อผู้นิเทศของสำเนานี้เป็น {n} แล้ว (เปลี่ยนด้วย nitet whoami --set ชื่อ)",
                  "this clone's supervisor is now {n} (change it with nitet whoami --set NAME)", n=done.name))
    return done.name
