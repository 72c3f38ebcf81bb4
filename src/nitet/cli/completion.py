"""Shell completion of values from the workspace (school codes, case ids, ...).

Used as ``typer.Option(..., autocompletion=complete_school)``. Each function returns
``(value, help)`` pairs — a school's code with its Thai name, a case id with its title — read
through the store's cache, so a completion costs one cached load. They never raise and never
print: a shell must not show a traceback because a record is broken or no workspace is found.

Install with ``nitet --install-completion`` (bash, zsh, fish, PowerShell).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded

Pairs = list[tuple[str, str]]


def _directory(ctx: Any) -> Path | None:
    """The ``-C DIR`` given on the command line being completed, if any."""
    try:
        root = ctx.find_root() if ctx is not None else None
        value = root.params.get("directory") if root is not None else None
        return Path(value) if value else None
    except Exception:
        return None


def _loaded(ctx: Any) -> Loaded | None:
    from nitet.storage.loader import load
    from nitet.storage.workspace import open_workspace

    ws = open_workspace(_directory(ctx), strict=False)
    return load(ws)


def _complete(ctx: Any, rows: Callable[[Loaded], Iterable[tuple[str, str, str]]], incomplete: str) -> Pairs:
    """Pairs whose value starts with ``incomplete`` or whose searchable text contains it."""
    try:
        loaded = _loaded(ctx)
        if loaded is None:
            return []
        typed = (incomplete or "").strip()
        out = []
        for value, help_text, search in rows(loaded):
            if value.startswith(typed) or (typed and typed in search):
                out.append((value, help_text))
        return sorted(set(out))
    except Exception:  # noqa: BLE001 — completion must never break the shell
        return []


def _text(entry: Entry, key: str) -> str:
    value = entry.data.get(key)
    return "" if value is None else str(value)


def _schools(loaded: Loaded) -> Iterable[tuple[str, str, str]]:
    for e in loaded.of("school"):
        name = _text(e, "name")
        codes = " ".join(_text(e, k) for k in ("smis", "obec"))
        yield _text(e, "code") or e.id, name, f"{name} {codes}"


def _cases(loaded: Loaded) -> Iterable[tuple[str, str, str]]:
    for e in loaded.of("case"):
        title = _text(e, "title")
        status = _text(e, "status") or "active"
        shown = title if status == "active" else f"{title} ({status})"
        yield e.id, shown, title


def _workflows(loaded: Loaded) -> Iterable[tuple[str, str, str]]:
    for e in loaded.of("workflow"):
        yield e.id, _text(e, "title"), _text(e, "title")


def _plans(loaded: Loaded) -> Iterable[tuple[str, str, str]]:
    for e in loaded.of("plan"):
        title = _text(e, "title")
        yield e.id, title, f"{title} {_text(e, 'fiscal_year')}"


def complete_school(incomplete: str, ctx: typer.Context | None = None) -> Pairs:
    """School codes (by code, SMIS/OBEC code or part of the name) with the school's name."""
    return _complete(ctx, _schools, incomplete)


def complete_case(incomplete: str, ctx: typer.Context | None = None) -> Pairs:
    """Case ids with their titles (finished or cancelled ones say so)."""
    return _complete(ctx, _cases, incomplete)


def complete_workflow(incomplete: str, ctx: typer.Context | None = None) -> Pairs:
    """Workflow ids with the manual's Thai titles."""
    return _complete(ctx, _workflows, incomplete)


def complete_plan(incomplete: str, ctx: typer.Context | None = None) -> Pairs:
    """Plan project ids with their titles."""
    return _complete(ctx, _plans, incomplete)
