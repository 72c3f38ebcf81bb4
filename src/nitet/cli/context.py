"""Global options of one nitet run (-C, --no-input, --lang) and the workspace they select."""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded
    from nitet.storage.lock import Holder
    from nitet.storage.workspace import Workspace


@dataclass
class State:
    directory: Path | None = None
    no_input: bool = False
    identity_asked: bool = False  # the clone's supervisor was asked for in this run (cli.identity)
    exit_code: int = 0  # set by a command that finished its work but must not exit 0 (a failed --commit)
    _ws: Workspace | None = None


state = State()


def workspace(strict: bool = True) -> Workspace:
    """The workspace of this run (found once)."""
    from nitet.core import i18n
    from nitet.storage.workspace import open_workspace

    if state._ws is None:
        ws = open_workspace(state.directory, strict=strict)
        if ws.config.lang and not _lang_given():
            i18n.set_lang(ws.config.lang)
        if ws.state_dir_refused():  # a .nitet link: stop and say what to do
            ws.require_state_dir()
        state._ws = ws
        _recover(ws)
    elif strict:
        state._ws.require_valid_config()
    return state._ws


def _recover(ws: Workspace) -> None:
    """Finish or roll back what a killed nitet left in this workspace, and say so (stderr)."""
    from nitet.cli.ui import say
    from nitet.storage.lock import recover_if_needed

    for note in recover_if_needed(ws):
        say(note)


def command_name() -> str:
    """``nitet visit add``: the command being run, as the lock names its holder."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    words = ctx.command_path.split()[1:] if ctx is not None else []
    return " ".join(["nitet", *words])


@contextlib.contextmanager
def writing() -> Iterator[Workspace]:
    """Hold the workspace lock for the block (every command that writes): parallel nitet
    processes write and commit one at a time; what the block reads under it is current."""
    from nitet.cli.ui import say
    from nitet.core.i18n import t
    from nitet.storage.lock import locked

    ws = workspace()

    def waiting(holder: Holder | None) -> None:
        say(t("กำลังรอ {h} เขียนพื้นที่ทำงานนี้ให้เสร็จ…", "waiting for {h} to finish writing this workspace…",
              h=holder.describe() if holder is not None else t("nitet อีกกระบวนการหนึ่ง", "another nitet process")))

    with locked(ws, command_name(), waiting=waiting) as notes:
        for note in notes:
            say(note)
        yield ws


F = TypeVar("F", bound=Callable[..., Any])


def writes(fn: F) -> F:
    """A command that writes: its whole run holds the workspace lock (:func:`writing`), so what it
    reads (the record it edits) is what it changes — no lost update. Under ``@app.command``."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with writing():
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def load() -> Loaded:
    """Every readable record of this run's workspace (no cross-record checks: ``nitet check`` runs those)."""
    from nitet.storage.loader import load as _load

    return _load(workspace())


def interactive() -> bool:
    """Prompts happen only on a terminal and never with --no-input."""
    return not state.no_input and sys.stdin.isatty()


def _lang_given() -> bool:
    import os

    return "NITET_LANG" in os.environ or any(a == "--lang" or a.startswith("--lang=") for a in sys.argv)


def reset() -> None:
    """Forget the workspace (tests run many commands in one process)."""
    state.directory = None
    state.no_input = False
    state.identity_asked = False
    state.exit_code = 0
    state._ws = None
