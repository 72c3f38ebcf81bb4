"""``-o``/``--output``/``--rejects``: one function every command calls before it writes a file the
user named (the rule itself is :mod:`nitet.storage.outputs`).

    from nitet.cli.output import ForceOpt, output_path
    path = output_path(output, "xlsx", force=force)          # before any work is done
    ...                                                       # then write to ``path``

A relative path is relative to the folder the command was started in (``-C`` changes where the
workspace is found, not where ``-o`` points). A workspace's own files are refused; an existing file
of the output's own kind is replaced; any other existing file needs ``--force`` or a yes on a
terminal (without a terminal: exit 2 and a hint naming ``--force``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from nitet.core.i18n import t

ForceOpt = Annotated[bool, typer.Option(
    "--force", help=t("แทนที่ไฟล์ที่มีอยู่แล้วแม้ไม่ใช่ไฟล์ชนิดเดียวกับผลลัพธ์ (ระเบียนและ nitet.yaml ไม่เขียนทับเสมอ)",
                      "replace an existing file even of another kind (records and nitet.yaml are never overwritten)"))]


def absolute(path: Path) -> Path:
    """``path`` made absolute against the folder the command was started in (not ``-C``)."""
    path = path.expanduser()
    return path if path.is_absolute() else Path(os.getcwd()) / path


def output_path(path: Path, fmt: str, *, force: bool = False, option: str = "-o") -> Path:
    """The absolute path to write an output of format ``fmt`` (``md``/``xlsx``/``csv``/``docx``) to,
    once the rule allows it and, for an existing file of another kind, the user agreed."""
    from nitet.cli import context
    from nitet.core.errors import UsageError
    from nitet.storage.outputs import vet

    vetted = vet(absolute(path), fmt, option)
    if not vetted.needs_consent or force:
        return vetted.path
    question = t("มีไฟล์ {p} อยู่แล้ว (ไม่ใช่ไฟล์ .{f}) แทนที่ด้วยผลลัพธ์นี้?",
                 "{p} already exists (not a .{f} file); replace it with this output?", p=vetted.path, f=fmt)
    if context.interactive():
        from nitet.cli import prompts

        try:
            agreed = prompts.yes(question, default=False)
        except prompts.Cancelled as c:
            raise typer.Exit(c.exit_code) from None
        if agreed:
            return vetted.path
        from nitet.cli import ui

        ui.say(t("ไม่ได้แทนที่ {p}: ยกเลิกแล้ว ไม่มีการเขียน (เลือกชื่อไฟล์อื่นด้วย {o})",
                 "{p} was not replaced: cancelled, nothing written (choose another file name with {o})",
                 p=vetted.path, o=option))
        raise typer.Exit(1)
    raise UsageError(
        t("มีไฟล์ {p} อยู่แล้วและไม่ใช่ไฟล์ .{f} จึงไม่เขียนทับ", "{p} already exists and is not a .{f} file: not replaced",
          p=vetted.path, f=fmt),
        t("เลือกชื่อไฟล์อื่นด้วย {o} หรือเพิ่ม --force ถ้าต้องการแทนที่ไฟล์นั้นจริง ๆ",
          "choose another file name with {o}, or add --force to replace that file", o=option))
