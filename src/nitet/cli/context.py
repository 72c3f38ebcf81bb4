"""Global options of one nitet run (-C, --no-input, --lang) and the workspace they select."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded
    from nitet.storage.workspace import Workspace


@dataclass
class State:
    directory: Path | None = None
    no_input: bool = False
    identity_asked: bool = False  # the clone's supervisor was asked for in this run (cli.identity)
    _ws: Workspace | None = None


state = State()


def workspace(strict: bool = True) -> Workspace:
    """The workspace of this run (found once)."""
    from nitet.core import i18n
    from nitet.storage.workspace import open_workspace

    if state._ws is None:
        state._ws = open_workspace(state.directory, strict=strict)
        if state._ws.config.lang and not _lang_given():
            i18n.set_lang(state._ws.config.lang)
    elif strict:
        state._ws.require_valid_config()
    return state._ws


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
    state._ws = None
