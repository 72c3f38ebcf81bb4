"""typer's own words around the help text — panel titles, ``[default: …]``, ``[required]``, the
help option — in the user's language; Thai help wrapped between words.

Called only when help is about to be shown (it imports ``typer.rich_utils``, which the help
needs anyway). Values are named in words (``<ปี>``, ``<ไฟล์>``: :mod:`nitet.cli.metavars`), not
as Python types.
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


def _folding_table(table_class: Any) -> Any:
    """typer's help tables, each cell folding instead of ending in "…" when the terminal is narrow;
    in an options table the value (``<รายการ=คะแนน>``: the value's format) keeps its words whole
    while the help beside it wraps."""
    if getattr(table_class, "_nitet_folds", False):
        return table_class

    class FoldingTable(table_class):  # type: ignore[misc, valid-type]
        _nitet_folds = True

        def add_row(self, *renderables: Any, **kwargs: Any) -> None:
            super().add_row(*renderables, **kwargs)
            for column in self.columns:
                column.overflow = "fold"
            if len(self.columns) >= 6:  # [required] long short long-off short-off VALUE help
                self.columns[-2].no_wrap = True

    return FoldingTable


def localize(ctx: Any, *commands: Any, deep: bool = True) -> None:
    """Put the current language into typer's help words and the help options of ``commands``
    (and, if ``deep``, everything under them: the help option is built once per command and
    kept). The root passes ``deep=False``: reading its commands would import them all."""
    from typer import rich_utils

    from nitet.cli.metavars import name_values

    thai_help()
    for constant, pair in _RICH.items():
        if hasattr(rich_utils, constant):
            setattr(rich_utils, constant, t(*pair))
    if hasattr(rich_utils, "Table"):
        setattr(rich_utils, "Table", _folding_table(rich_utils.Table))  # noqa: B010 - replaced for help only

    for top in commands:
        name_values(_tree(top, deep))
        for cmd in _tree(top, deep):
            option = cmd.get_help_option(ctx)
            if option is not None:
                option.help = t(*_HELP)
                option.metavar = ""  # a flag: no <bool>
