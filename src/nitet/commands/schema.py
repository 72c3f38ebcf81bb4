"""nitet schema: write or verify schemas/*.schema.json."""

from __future__ import annotations

from typing import Annotated

import typer

from nitet.core.i18n import t


def schema(
    check: Annotated[bool, typer.Option("--check", help=t(
        "ตรวจว่าไฟล์ใน schemas/ ตรงกับโมเดล (ไม่เขียน)", "verify schemas/ matches the models (write nothing)"))] = False,
) -> None:
    import contextlib

    from nitet.cli import context, ui
    from nitet.model.jsonschema import render_all
    from nitet.storage.journal import Transaction

    ws = context.workspace()
    stale = []
    with contextlib.nullcontext() if check else context.writing():
        tx = Transaction(ws, "nitet schema")
        for name, text in render_all().items():
            path = ws.schemas_dir / name
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == text:
                continue
            stale.append(name)
            if not check:
                tx.write(path, text)
        tx.apply()  # every schema file or none
    if check:
        if stale:
            for name in stale:
                ui.data(f"schemas/{name}")
            ui.say(t("schemas ไม่ตรงกับโมเดล {n} ไฟล์ — เรียก 'nitet schema' เพื่อเขียนใหม่",
                     "{n} schema files are out of date — run 'nitet schema'", n=len(stale)))
            raise typer.Exit(1)
        ui.say(t("schemas ตรงกับโมเดลแล้ว", "schemas are up to date"))
    else:
        ui.say(t("เขียน schemas ใหม่ {n} ไฟล์", "wrote {n} schema files", n=len(stale)))
