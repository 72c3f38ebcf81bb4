"""Shell completion of values from the workspace (school codes, case ids, ...).

Used as ``typer.Option(..., autocompletion=complete_school)``. Each function returns
``(value, help)`` pairs — a school's code with its Thai name, a case id with its title — from
the completion index (:mod:`nitet.cli.completion_index`). A Tab is normally answered by
:mod:`nitet.cli.fastcomplete`, which knows these four functions by name and reads the same
index without typer; typer calls them only when that fast path steps aside. They never raise and
never print: a shell must not show a traceback because a record is broken or no workspace is found.

A completer of another module is called once, with nothing typed, when the command table is
built (:mod:`nitet.cli.completion_spec`): it must offer fixed values, not the workspace's.

Install with ``nitet --install-completion`` (bash, zsh, fish, PowerShell).
"""

from __future__ import annotations

from typing import Any

import typer

Pairs = list[tuple[str, str]]


def _directory(ctx: Any) -> str | None:
    """The ``-C DIR`` given on the command line being completed, if any."""
    try:
        while ctx is not None:
            value = ctx.params.get("directory") if ctx.params else None
            if value:
                return str(value)
            ctx = ctx.parent
    except Exception:  # noqa: BLE001
        return None
    return None


def _complete(ctx: Any, kind: str, incomplete: str) -> Pairs:
    from nitet.cli.completion_index import find_root, load_index, matches
    from nitet.core.i18n import t

    try:
        root = find_root(_directory(ctx) or ".")
        if root is None:
            return []
        words = {"done": t("ดำเนินการแล้วเสร็จ", "done"), "cancelled": t("ยกเลิก", "cancelled")}
        return matches(kind, load_index(root)[kind], incomplete or "", words)
    except Exception:  # noqa: BLE001 — completion must never break the shell
        return []


def complete_school(incomplete: str, ctx: typer.Context | None = None) -> Pairs:
    """School codes (by code, SMIS/OBEC code or part of the name) with the school's name."""
    return _complete(ctx, "school", incomplete)


def complete_case(incomplete: str, ctx: typer.Context | None = None) -> Pairs:
    """Case ids with their titles (finished or cancelled ones say so)."""
    return _complete(ctx, "case", incomplete)


def complete_workflow(incomplete: str, ctx: typer.Context | None = None) -> Pairs:
    """Workflow ids with the manual's Thai titles."""
    return _complete(ctx, "workflow", incomplete)


def complete_plan(incomplete: str, ctx: typer.Context | None = None) -> Pairs:
    """Plan project ids with their titles."""
    return _complete(ctx, "plan", incomplete)
