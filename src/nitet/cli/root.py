"""The command line: wiring only. Each command group lives in ``nitet.commands``.

Start-up stays light: no openpyxl, jinja2, pythainlp or pydantic models are imported here;
commands import what they need when they run.
"""

from __future__ import annotations

import os
import sys


def _boot_lang() -> None:
    """Choose the language before help texts are built (--lang or NITET_LANG)."""
    from nitet.core import i18n

    argv = sys.argv[1:]
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            i18n.set_lang(argv[i + 1])
        elif a.startswith("--lang="):
            i18n.set_lang(a.split("=", 1)[1])
    if "NITET_LANG" in os.environ and not any(a.startswith("--lang") for a in argv):
        i18n.set_lang(os.environ["NITET_LANG"])


_boot_lang()

from pathlib import Path  # noqa: E402
from typing import Annotated  # noqa: E402

import typer  # noqa: E402

from nitet import __version__  # noqa: E402
from nitet.cli.context import state  # noqa: E402
from nitet.cli.lazycli import Lazy, LazyGroup  # noqa: E402
from nitet.core.i18n import set_lang, t  # noqa: E402


class _Nitet(LazyGroup):
    """nitet's commands, in the order ``--help`` lists them; each module loads when it is called."""

    LAZY = (
        Lazy("init", "nitet.commands.init_:init", ("สร้างพื้นที่ทำงานใหม่ (--demo: พร้อมข้อมูลตัวอย่าง)",
                                                  "create a new workspace (--demo: with sample data)")),
        Lazy("check", "nitet.commands.check:check", ("ตรวจความถูกต้องของทุกระเบียน รวมถึงการอ้างอิงข้ามระเบียน",
                                                     "validate every record, cross-references included")),
        Lazy("schema", "nitet.commands.schema:schema", ("เขียน/ตรวจ schemas/*.schema.json จากโมเดล",
                                                        "write / verify schemas/*.schema.json")),
        Lazy("fmt", "nitet.commands.fmt:fmt", ("จัดรูปแบบไฟล์ระเบียนให้เป็นมาตรฐานของ nitet",
                                               "normalise record files to nitet's formatting")),
        Lazy("todo", "nitet.commands.todo:todo", ("งานที่ต้องดำเนินการประจำสัปดาห์: ติดตามผล ขั้นตอนเกินกำหนด โรงเรียนที่ยังไม่ได้นิเทศ",
                                                  "this week's work: follow-ups, overdue steps, unvisited schools")),
        Lazy("whoami", "nitet.commands.whoami:whoami", ("ชื่อผู้นิเทศของสำเนานี้ (--set: ตั้งชื่อ)",
                                                       "who uses this clone (--set: set the name)")),
        Lazy("sync", "nitet.commands.sync:sync", ("ส่งงานขึ้นคลังกลางและรับงานของเพื่อนร่วมทีม (git, ไม่สร้าง merge commit)",
                                                 "send your work and receive your colleagues' (git, no merge commit)")),
        Lazy("school", "nitet.commands.school:app", ("ทะเบียนโรงเรียน", "school registry")),
        Lazy("visit", "nitet.commands.visit:app", ("บันทึกการนิเทศ", "supervision visits")),
        Lazy("flow", "nitet.commands.flow:app", ("กระบวนงานตามคู่มือและงานที่ดำเนินการทีละขั้นตอน",
                                                 "manual workflows and their cases, step by step")),
        Lazy("plan", "nitet.commands.plan:app", ("โครงการตามแผนปฏิบัติการ", "action-plan projects")),
        Lazy("target", "nitet.commands.target:app", ("โรงเรียนกลุ่มเป้าหมายรายปีงบประมาณและโครงการ",
                                                     "target schools per fiscal year and project")),
        Lazy("report", "nitet.commands.report:app", ("รายงาน KRS การนิเทศ และการคัดกรอง",
                                                     "KRS, visit and screening reports")),
        Lazy("import", "nitet.commands.import_:app", ("นำเข้าไฟล์ Excel/CSV ที่โรงเรียนส่งมา",
                                                      "import the spreadsheets schools send")),
        Lazy("export", "nitet.commands.export:app", ("ส่งออกตารางข้อมูลดิบ (CSV/Excel)",
                                                     "export raw tables (CSV/Excel)")),
    )


app = typer.Typer(
    name="nitet",
    cls=_Nitet,
    help=t(
        "nitet (นิเทศ) — บันทึกการนิเทศ ขั้นตอนงานตามคู่มือ และรายงาน KRS ของศึกษานิเทศก์ เก็บเป็นไฟล์ YAML ในคลัง git",
        "nitet — supervision visits, manual workflows and KRS reports for Thai educational supervisors, as YAML files in git",
    ),
    no_args_is_help=True,
    add_completion=False,  # nitet's own --install-completion / --show-completion, in Thai too (below)
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nitet {__version__}")
        raise typer.Exit()


def _finish(*_result: object, **_options: object) -> None:
    """After the command: the exit code it asked for once its output was printed (a failed --commit)."""
    if state.exit_code:
        raise typer.Exit(state.exit_code)


def _install_completion(ctx: typer.Context, param: typer.CallbackParam, value: bool) -> None:
    from nitet.cli.completion_install import install_callback

    install_callback(ctx, param, value)


def _show_completion(ctx: typer.Context, param: typer.CallbackParam, value: bool) -> None:
    from nitet.cli.completion_install import show_callback

    show_callback(ctx, param, value)


@app.callback(result_callback=_finish)
def _main(
    directory: Annotated[Path | None, typer.Option(
        "-C", "--directory", help=t("ทำงานเหมือนเริ่มในโฟลเดอร์นี้ (ก่อนหรือหลังคำสั่งก็ได้ เช่น nitet check -C ws)",
                                     "run as if started in this folder (before or after the command: nitet check -C ws)"),
        file_okay=False)] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help=t("ภาษา: th หรือ en (หรือตั้ง NITET_LANG)", "language: th or en (or set NITET_LANG)"))] = None,
    no_input: Annotated[bool, typer.Option(
        "--no-input", help=t("ไม่ถามใด ๆ ใช้เฉพาะตัวเลือกที่ให้", "never prompt; use only the options given"))] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help=t("แสดงรุ่นของ nitet", "show nitet's version"))] = False,
    install_completion: Annotated[bool, typer.Option(
        "--install-completion", callback=_install_completion, is_eager=True, expose_value=False,
        help=t("ติดตั้งการเติมคำสั่งด้วยปุ่ม Tab ในเชลล์ที่ใช้อยู่ (bash, zsh, fish, PowerShell; อื่น: NITET_SHELL=...)",
               "install Tab completion for the current shell (bash, zsh, fish, PowerShell; another: NITET_SHELL=...)"))] = False,
    show_completion: Annotated[bool, typer.Option(
        "--show-completion", callback=_show_completion, is_eager=True, expose_value=False,
        help=t("แสดงสคริปต์การเติมคำสั่งของเชลล์ที่ใช้อยู่ เพื่อคัดลอกไปตั้งเอง",
               "print the completion script of the current shell, to set it up yourself"))] = False,
) -> None:
    if lang is not None and not lang.lower().startswith(("th", "en")):
        from nitet.core.errors import UsageError

        raise UsageError(t("ไม่รู้จักภาษา '{l}'", "unknown language '{l}'", l=lang),
                         t("ใช้ --lang th (ไทย) หรือ --lang en (อังกฤษ)", "use --lang th (Thai) or --lang en (English)"))
    set_lang(lang)
    state.directory = directory
    state.no_input = no_input


def main() -> None:
    from nitet.cli.errorhandler import run

    run(lambda: app(prog_name="nitet", standalone_mode=False))


if __name__ == "__main__":
    main()
