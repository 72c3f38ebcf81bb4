"""nitet's global options after the command too: ``nitet check -C ws`` as ``nitet -C ws check``.

A pre-commit hook appends its ``args`` to the command (``entry: nitet check`` + ``args: [-C, ws]``),
and people type options where they think of them. Every command gets ``-C/--directory``,
``--lang`` and ``--no-input`` as hidden options that set the same state as the root's (the last
one given wins); their help stays on ``nitet --help``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any

import typer

from nitet.core.i18n import t

NAMES = ("-C", "--directory", "--lang", "--no-input")


def _directory(value: Path | None) -> None:
    from nitet.cli.context import state

    if value is not None:
        state.directory = value


def _lang(value: str | None) -> None:
    if value is None:
        return
    from nitet.core.errors import UsageError
    from nitet.core.i18n import set_lang

    if not value.lower().startswith(("th", "en")):
        raise UsageError(t("ไม่รู้จักภาษา '{l}'", "unknown language '{l}'", l=value),
                         t("ใช้ --lang th (ไทย) หรือ --lang en (อังกฤษ)", "use --lang th (Thai) or --lang en (English)"))
    set_lang(value)


def _no_input(value: bool) -> None:
    from nitet.cli.context import state

    if value:
        state.no_input = True


@functools.cache
def _params() -> tuple[Any, ...]:
    """The three options as typer builds them (taken from a one-command app); their names are
    nitet's own, so a command's ``directory`` argument (``nitet init DIR``) is not taken for -C."""
    app = typer.Typer(add_completion=False)

    @app.command()
    def _globals(
        nitet_global_directory: Annotated[Path | None, typer.Option(
            "-C", "--directory", callback=_directory, expose_value=False, hidden=True, file_okay=False,
            help=t("ทำงานเหมือนเริ่มในโฟลเดอร์นี้", "run as if started in this folder"))] = None,
        nitet_global_lang: Annotated[str | None, typer.Option(
            "--lang", callback=_lang, expose_value=False, hidden=True,
            help=t("ภาษา: th หรือ en", "language: th or en"))] = None,
        nitet_global_no_input: Annotated[bool, typer.Option(
            "--no-input", callback=_no_input, expose_value=False, hidden=True,
            help=t("ไม่ถามใด ๆ ใช้เฉพาะตัวเลือกที่ให้", "never prompt; use only the options given"))] = False,
    ) -> None:
        pass

    return tuple(typer.main.get_command(app).params)


def add_to(cmd: Any) -> Any:
    """Give ``cmd`` and every command under it the global options it does not have yet."""
    stack = [cmd]
    while stack:
        c = stack.pop()
        taken = {name for p in c.params for name in (*getattr(p, "opts", ()), *getattr(p, "secondary_opts", ()))}
        for p in _params():
            if not taken & set(p.opts):
                c.params.append(p)
        stack.extend((getattr(c, "commands", None) or {}).values())
    return cmd
