"""typer's own words around the help text — panel titles, ``[default: …]``, ``[required]``, the
help and completion options — in the user's language; Thai help wrapped between words.

Called only when help is about to be shown (it imports ``typer.rich_utils``, which the help
needs anyway). ``Usage:`` and the ``<int>``-style metavars stay as typer writes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nitet.core.i18n import t

#: typer.rich_utils module constants, read by typer each time it renders help.
_RICH = {
    "OPTIONS_PANEL_TITLE": ("ตัวเลือก", "Options"),
    "COMMANDS_PANEL_TITLE": ("คำสั่ง", "Commands"),
    "ARGUMENTS_PANEL_TITLE": ("อาร์กิวเมนต์", "Arguments"),
    "DEFAULT_STRING": ("[ค่าเริ่มต้น: {}]", "[default: {}]"),
    "REQUIRED_LONG_STRING": ("[ต้องระบุ]", "[required]"),
    "ENVVAR_STRING": ("[ตัวแปรแวดล้อม: {}]", "[env var: {}]"),
}

#: Help of the options typer adds by itself, by parameter name.
_OPTIONS = {
    "install_completion": ("ติดตั้งการเติมคำสั่งอัตโนมัติ (Tab) ในเชลล์ที่ใช้อยู่", "Install completion for the current shell."),
    "show_completion": ("แสดงสคริปต์การเติมคำสั่งของเชลล์ที่ใช้อยู่ เพื่อคัดลอกไปตั้งเอง",
                        "Show completion for the current shell, to copy it or customize the installation."),
}
_HELP = ("แสดงวิธีใช้นี้แล้วจบ", "Show this message and exit.")


def _tree(cmd: Any, deep: bool) -> Iterator[Any]:
    yield cmd
    if deep:
        for sub in (getattr(cmd, "commands", None) or {}).values():
            yield from _tree(sub, deep)


def thai_help() -> None:
    """Help texts wrap Thai between words (``cli.thaiwrap``), and an option's help — its text, its
    default, ``[ต้องระบุ]`` — is one paragraph that wraps, never cut short with "…" (typer lays
    those pieces out as columns, which truncate)."""
    from rich.text import Text
    from typer import rich_utils

    from nitet.cli.thaiwrap import ThaiText, WideThaiText

    if getattr(rich_utils, "_nitet_thai", False):
        return
    make_text, parameter_help = rich_utils._make_rich_text, rich_utils._get_parameter_help

    def make(**kw: Any) -> Any:
        out = make_text(**kw)
        return ThaiText.of(out) if isinstance(out, Text) else out

    def parameter(**kw: Any) -> Any:
        columns = parameter_help(**kw)
        items = list(getattr(columns, "renderables", None) or [])
        if items and all(isinstance(i, Text) for i in items):
            return WideThaiText.of(Text(" ").join(items))
        return columns

    rich_utils._make_rich_text = make
    rich_utils._get_parameter_help = parameter
    rich_utils._nitet_thai = True  # type: ignore[attr-defined]


def localize(ctx: Any, *commands: Any, deep: bool = True) -> None:
    """Put the current language into typer's help words and the help options of ``commands``
    (and, if ``deep``, everything under them: the help option is built once per command and
    kept). The root passes ``deep=False``: reading its commands would import them all."""
    from typer import rich_utils

    thai_help()
    for name, pair in _RICH.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, t(*pair))
    for top in commands:
        for cmd in _tree(top, deep):
            for param in cmd.params:
                if param.name in _OPTIONS:
                    param.help = t(*_OPTIONS[param.name])
            option = cmd.get_help_option(ctx)
            if option is not None:
                option.help = t(*_HELP)
