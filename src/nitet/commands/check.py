"""nitet check: validate every record and every reference, report all findings at once."""

from __future__ import annotations

from typing import Annotated

import typer

from nitet.core.i18n import t


def check(
    json_out: Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=t("ไม่ใช้แคช อ่านทุกไฟล์ใหม่", "ignore the cache"))] = False,
    staged: Annotated[bool, typer.Option("--staged", help=t(
        "ตรวจเฉพาะระเบียนที่จะ commit ตามที่ git add ไว้ และการอ้างอิงข้ามระเบียน (ไม่รวมไฟล์ร่างที่ยังไม่ add: ใช้ใน pre-commit)",
        "check the records a commit would hold, as staged with git add, and their cross-references "
        "(drafts not added are left out: for pre-commit)"))] = False,
) -> None:
    from nitet.checks import load_checked
    from nitet.cli import context, ui
    from nitet.core.findings import ERROR, format_text

    ws = context.workspace(strict=False)
    loaded = load_checked(ws, use_cache=not no_cache, staged=staged)
    findings = loaded.findings
    if json_out:
        ui.print_json({"findings": [f.as_json() for f in findings]})
    else:
        sources: dict[str, list[str]] = {}
        for f in findings:
            if f.file not in sources:
                given = loaded.given.get(f.file)  # --staged: the lines as staged
                sources[f.file] = given.decode("utf-8", errors="replace").split("\n") if given is not None \
                    else _lines(ws.root, f.file)
            ui.data(format_text(f, sources[f.file]))
        errors = sum(1 for f in findings if f.severity == ERROR)
        warnings = len(findings) - errors
        if findings:
            ui.say(t("พบข้อผิดพลาด {e} รายการ คำเตือน {w} รายการ จาก {n} ไฟล์",
                     "{e} errors, {w} warnings in {n} files", e=errors, w=warnings, n=loaded.files))
        else:
            ui.say(t("ตรวจ {n} ไฟล์ ไม่พบปัญหา", "checked {n} files: no problems", n=loaded.files))
    if any(f.severity == ERROR for f in findings):
        raise typer.Exit(1)


def _lines(root: object, rel: str) -> list[str]:
    from pathlib import Path

    from nitet.storage.workspace import DEFAULTS_DIR

    path = DEFAULTS_DIR / rel[len("<nitet>/"):] if rel.startswith("<nitet>/") else Path(str(root)) / rel
    try:
        return path.read_bytes().decode("utf-8", errors="replace").split("\n")
    except OSError:
        return []
