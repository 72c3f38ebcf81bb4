"""Command groups that are imported only when they are called.

``nitet --help`` and ``nitet check`` should not pay for building some 35 commands' options
(and importing their modules) that the run never uses. The root group knows each command by
name, module and one-line help; the module is imported, and its typer command built, the first
time the command is looked up to run it. Help listings and shell completion of command names
use light stand-ins carrying the same one-line help, so they import nothing.

To anything that reads ``group.commands`` (click, typer, our tests) it is an ordinary mapping:
reading an entry builds it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any, ClassVar

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup

from nitet.core.i18n import t


@dataclass(frozen=True)
class Lazy:
    """A command known by name until it is used: ``target`` is ``"module:attribute"``.

    The attribute is either a ``typer.Typer`` (a command group) or a command function.
    ``help`` is the (Thai, English) one-line help shown in listings before anything is loaded.
    """

    name: str
    target: str
    help: tuple[str, str]

    def build(self) -> _click.Command:
        module, _, attr = self.target.partition(":")
        obj = getattr(importlib.import_module(module), attr)
        text = t(*self.help)
        cmd: _click.Command
        if isinstance(obj, typer.Typer):
            cmd = typer.main.get_group(obj)  # not get_command: that adds --install-completion again
            cmd.name = self.name
            cmd.help = cmd.help or text
        else:
            single = typer.Typer(add_completion=False)
            single.command(self.name, help=text)(obj)
            cmd = typer.main.get_command(single)
        from nitet.cli.globalopts import add_to

        return add_to(cmd)  # -C, --lang, --no-input after the command too

    def stand_in(self) -> _click.Command:
        """A command that only names itself and its help: for listings."""
        return TyperCommand(self.name, help=t(*self.help))


class LazyCommands(MutableMapping[str, _click.Command]):
    """``name → command``; a lazy entry is built the first time it is read."""

    def __init__(self, lazy: tuple[Lazy, ...], built: MutableMapping[str, _click.Command]) -> None:
        self.lazy = {c.name: c for c in lazy}
        self.built: dict[str, _click.Command] = dict(built)
        self.order = [*self.built, *(n for n in self.lazy if n not in self.built)]

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self.built:
            self.built[name] = self.lazy[name].build()  # KeyError for an unknown name
        return self.built[name]

    def __setitem__(self, name: str, cmd: _click.Command) -> None:
        if name not in self.order:
            self.order.append(name)
        self.built[name] = cmd

    def __delitem__(self, name: str) -> None:
        self.order.remove(name)
        self.built.pop(name, None)
        self.lazy.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.order))

    def __len__(self) -> int:
        return len(self.order)

    def peek(self, name: str) -> _click.Command | None:
        """The built command, or a stand-in if it is not built yet (never imports)."""
        if name in self.built:
            return self.built[name]
        return self.lazy[name].stand_in() if name in self.lazy else None


class LazyGroup(TyperGroup):
    """A ``TyperGroup`` whose commands in ``LAZY`` load on first use (set ``LAZY`` in a subclass)."""

    LAZY: ClassVar[tuple[Lazy, ...]] = ()

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.LAZY, self.commands)
        self._listing = False

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(self.commands)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        commands = self.commands
        assert isinstance(commands, LazyCommands)
        if self._listing:
            return commands.peek(cmd_name)
        return commands.get(cmd_name)

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        from nitet.cli.helpchrome import localize

        self._listing = True
        try:
            localize(ctx, self, deep=False)
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def resolve_command(self, ctx: _click.Context, args: list[str]) -> tuple[str | None, _click.Command | None,
                                                                            list[str]]:
        name, cmd, rest = super().resolve_command(ctx, args)
        wants_help = any(a in ctx.help_option_names for a in rest)
        if cmd is not None and (wants_help or (not rest and getattr(cmd, "no_args_is_help", False))):
            from nitet.cli.helpchrome import localize

            localize(ctx, cmd)  # its help is about to be shown
        return name, cmd, rest

    def shell_complete(self, ctx: _click.Context, incomplete: str) -> list[Any]:
        self._listing = True
        try:
            return super().shell_complete(ctx, incomplete)
        finally:
            self._listing = False
