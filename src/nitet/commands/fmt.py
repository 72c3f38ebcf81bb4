"""nitet fmt: normalise record files to nitet's own formatting (clean diffs after hand edits)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from nitet.core.i18n import t


def fmt(
    paths: Annotated[list[Path] | None, typer.Argument(
        help=t("ไฟล์หรือโฟลเดอร์ที่จะจัดรูปแบบ (ค่าเริ่มต้น: records/ และ workflows/ ทั้งหมด)",
               "files or folders to format (default: all of records/ and workflows/)"),
        show_default=False)] = None,
    check: Annotated[bool, typer.Option(
        "--check", help=t("ไม่แก้ไฟล์ เพียงแสดงไฟล์ที่จะเปลี่ยน (มีไฟล์ที่จะเปลี่ยน = รหัสออก 1)",
                          "write nothing; list the files that would change (exit 1 if any)"))] = False,
    json_out: Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))] = False,
) -> None:
    import contextlib

    from nitet.cli import context, ui
    from nitet.core.errors import UsageError
    from nitet.domain.fmt import expand

    ws = context.workspace()
    if paths:
        base = context.state.directory or Path.cwd()
        named = [p if p.is_absolute() else base / p for p in paths]
        missing = [str(p) for p, full in zip(paths, named, strict=True) if not full.exists()]
        if missing:
            raise UsageError(t("ไม่พบ {p}", "{p} does not exist", p=", ".join(missing)),
                             t("ตรวจชื่อไฟล์หรือโฟลเดอร์", "check the file or folder name"))
        root = ws.root.resolve()
        outside = [str(p) for p, full in zip(paths, named, strict=True)
                   if not full.resolve().is_relative_to(root)]
        if outside:
            raise UsageError(t("{p} อยู่นอกพื้นที่ทำงาน {w}", "{p} is outside the workspace {w}",
                               p=", ".join(outside), w=ws.root),
                             t("nitet fmt จัดรูปแบบเฉพาะไฟล์ระเบียนในพื้นที่ทำงาน", "nitet fmt formats record files of the workspace only"))
        not_yaml = [str(p) for p, full in zip(paths, named, strict=True)
                    if full.is_file() and full.suffix not in (".yaml", ".yml")]
        if not_yaml:
            raise UsageError(t("{p} ไม่ใช่ไฟล์ .yaml", "{p} is not a .yaml file", p=", ".join(not_yaml)),
                             t("ระบุไฟล์ระเบียน .yaml หรือโฟลเดอร์", "name .yaml record files or folders"))
        files, keys = expand(named), None
    else:
        from nitet.storage.scan import scan

        found = [(p, rel, key) for p, rel, _folder, key in scan(ws) if not rel.startswith("<nitet>")]
        files, keys = [Path(p) for p, _rel, _key in found], {rel: key for _p, rel, key in found}
    with contextlib.nullcontext() if check else context.writing():
        outcomes = _format(ws, files, write=not check, keys=keys)
    changed = [o for o in outcomes if o.changed]
    broken = [o for o in outcomes if o.problem]
    if json_out:
        ui.print_json({
            "changed": [o.rel for o in changed],
            "unchanged": sum(1 for o in outcomes if not o.changed and not o.problem),
            "errors": [{"file": o.rel, "line": o.problem.line, "column": o.problem.column,
                        "message": o.problem.message} for o in broken if o.problem],
        })
    else:
        for o in changed:
            ui.data(o.rel)
        for o in broken:
            if o.problem:
                ui.say(f"{o.rel}:{o.problem.line}:{o.problem.column}: " + t(
                    "จัดรูปแบบไม่ได้: {m}", "cannot format: {m}", m=o.problem.message))
        if broken:
            ui.say(t("ไม่ได้แตะไฟล์ที่อ่านไม่ได้ {n} ไฟล์: แก้ตามตำแหน่งที่แจ้ง (nitet check ให้รายละเอียด) แล้วลองอีกครั้ง",
                     "{n} unreadable files were left alone: fix them at the positions shown (nitet check explains) and retry",
                     n=len(broken)))
        if check:
            ui.say(t("ไฟล์ที่จะถูกจัดรูปแบบ {c} จาก {n} ไฟล์ (เรียก nitet fmt เพื่อจัดรูปแบบ)",
                     "{c} of {n} files would be reformatted (run nitet fmt to format them)",
                     c=len(changed), n=len(outcomes)) if changed else
                   t("ทุกไฟล์อยู่ในรูปแบบของ nitet แล้ว ({n} ไฟล์)", "all {n} files are formatted", n=len(outcomes)))
        else:
            ui.say(t("จัดรูปแบบ {c} ไฟล์ ไม่เปลี่ยน {u} ไฟล์", "formatted {c} files, {u} unchanged",
                     c=len(changed), u=len(outcomes) - len(changed) - len(broken)))
    if broken or (check and changed):
        raise typer.Exit(1)


def _format(ws: Any, files: list[Path], *, write: bool, keys: dict[str, Any] | None = None) -> list[Any]:
    """Every file's outcome (:mod:`nitet.domain.fmtfast`: only files that may change are
    round-tripped); with ``write``, the changed ones written together (all or none)."""
    from nitet.domain.fmt import FileOutcome
    from nitet.domain.fmtfast import run
    from nitet.storage.journal import Transaction

    outcomes = []
    tx = Transaction(ws, "nitet fmt")
    for path, rel, changed, extra in run(ws, files, write=write, keys=keys):
        outcome = FileOutcome(path, rel, changed=changed)
        if isinstance(extra, str):
            tx.write(path, extra)
        elif extra is not None:
            outcome.problem = extra
        outcomes.append(outcome)
    tx.apply()
    return outcomes
