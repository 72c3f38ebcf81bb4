"""A school named on the command line: one way everywhere (``SchoolIndex.require``), and on a
terminal a name that fits several schools lists them and asks which one is meant."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded


def school_key(loaded: Loaded, text: str) -> str:
    """The key of the school ``text`` names: code, SMIS, OBEC, exact name or a part of a name.

    Several matches: on a terminal the list is shown and the person types its number or the
    school's code; elsewhere :class:`~nitet.domain.schools.AmbiguousSchool` (exit 1) lists them.
    """
    import typer

    from nitet.cli import context, prompts
    from nitet.core import thai
    from nitet.domain.schools import AmbiguousSchool, SchoolIndex

    index = SchoolIndex.of(loaded)
    try:
        return index.require(text)
    except AmbiguousSchool as e:
        if not context.interactive():
            raise
        matches = e.matches
    shown = matches[:AmbiguousSchool.SHOWN]
    prompts.say(t("'{s}' ตรงกับโรงเรียน {n} โรง:", "'{s}' matches {n} schools:", s=text, n=len(matches)))
    for i, k in enumerate(shown, 1):
        prompts.say(f"  {i}) {index.label(k)}")
    if len(matches) > len(shown):
        prompts.say(t("  … และอีก {n} โรง", "  … and {n} more", n=len(matches) - len(shown)))

    def read(answer: str) -> str:
        n = thai.to_arabic_digits(answer)
        if n.isdigit() and 1 <= int(n) <= len(shown) and len(n) < 4:
            return shown[int(n) - 1]
        return index.require(answer)

    try:
        return prompts.ask_until(t("เลือกหมายเลข หรือพิมพ์รหัสโรงเรียน", "choose a number or type the school's code"),
                                 read)
    except prompts.Cancelled as c:
        prompts.say(t("ยกเลิกแล้ว", "cancelled"))
        raise typer.Exit(c.exit_code) from None
