"""nitet flow ...: the manual's work processes (workflows) and their runs (cases)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import t

app = typer.Typer(no_args_is_help=True)


@app.command("list", help=t("รายการกระบวนงาน: รหัส ชื่อ จำนวนขั้นตอน", "workflows: id, title, number of steps"))
def list_(
    json_out: Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))] = False,
) -> None:
    from .. import context, ui

    loaded = context.load()
    wfs = sorted(loaded.models("workflow"), key=lambda w: w.id)
    if json_out:
        ui.print_json([{"id": w.id, "title": w.title, "steps": len(w.steps), "source": w.source}
                       for w in wfs])
        return
    from rich.table import Table

    table = Table(title=t("กระบวนงาน", "Workflows"))
    table.add_column(t("รหัส", "id"))
    table.add_column(t("ชื่อกระบวนงาน", "title"))
    table.add_column(t("ขั้นตอน", "steps"), justify="right")
    table.add_column(t("ที่มา", "source"))
    for w in wfs:
        table.add_row(w.id, w.title, str(len(w.steps)),
                      t("คู่มือ", "manual") if w.source == "manual" else t("nitet เพิ่ม", "added"))
    ui.out().print(table)
