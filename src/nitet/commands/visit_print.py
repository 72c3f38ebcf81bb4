"""nitet visit print: the บันทึกการนิเทศ to sign, one visit a page — Word (.docx, from the form
``templates/visit-record.docx``) or Markdown (``templates/visit-record.md.j2``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from nitet.cli.options import IntOption
from nitet.cli.output import ForceOpt
from nitet.commands.visit_options import SchoolOpt, SupervisorsOnly
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded

VisitsArg = Annotated[list[str] | None, typer.Argument(
    help=t("รหัสบันทึกการนิเทศ (ชื่อไฟล์) หรือรหัสสั้นที่แสดงใน visit list ระบุได้หลายรายการ",
           "visit ids (file names) or the short ids shown by visit list"), show_default=False)]


def register(app: typer.Typer) -> None:
    app.command("print", help=t(
        "พิมพ์บันทึกการนิเทศสำหรับลงนาม หน้าละหนึ่งครั้ง (Word .docx หรือ Markdown)",
        "the visit record to sign, one visit a page (Word .docx or Markdown)"))(print_)


def _choose(loaded: Loaded, ids: list[str], school: str | None, fy: int | None, quarter: int | None,
            supervisor: list[str] | None = None) -> list[Entry]:
    from nitet.cli import schools
    from nitet.core.errors import DataError, UsageError
    from nitet.domain import visits

    batch = school is not None or fy is not None or quarter is not None or bool(supervisor)
    if ids and batch:
        raise UsageError(t("ระบุรหัสบันทึก หรือ --school/--fy/--quarter/--supervisor อย่างใดอย่างหนึ่ง",
                           "give visit ids or --school/--fy/--quarter/--supervisor, not both"),
                         t("เช่น nitet visit print --school 1063350101 --fy 2569 --quarter 1",
                           "e.g. nitet visit print --school 1063350101 --fy 2569 --quarter 1"))
    if ids:
        found = [visits.find_visit(loaded, i) for i in ids]
        return list({e.id: e for e in found}.values())
    if not batch:
        raise UsageError(t("ต้องระบุรหัสบันทึกการนิเทศ หรือ --school/--fy/--quarter/--supervisor",
                           "give visit ids, or --school/--fy/--quarter/--supervisor for a batch"),
                         t("ดูรหัสด้วย nitet visit list แล้ว เช่น nitet visit print 2025-10-02-1063350101-k3j9",
                           "see the ids with nitet visit list, then e.g. nitet visit print 2025-10-02-1063350101-k3j9"))
    key = schools.school_key(loaded, school) if school else None
    start, end = visits.period(loaded.ws.config.academic_calendar.as_mapping(), fy=fy, quarter=quarter)
    found = visits.select(loaded, school=key, start=start, end=end, supervisors=supervisor)
    if not found:
        raise DataError(t("ไม่พบการนิเทศตามเงื่อนไข ไม่ได้สร้างไฟล์", "no visits match: nothing written"),
                        t("ดูการนิเทศที่มีด้วย nitet visit list", "see the visits with nitet visit list"))
    return found


def print_(
    visit: VisitsArg = None,
    school: SchoolOpt = None,
    fy: Annotated[int | None, IntOption("--fy", help=t("ปีงบประมาณ (พ.ศ.)", "fiscal year (BE)"))] = None,
    quarter: Annotated[int | None, IntOption("--quarter", help=t(
        "ไตรมาส 1-4 (ไม่ระบุ --fy: ปีงบประมาณปัจจุบัน)", "quarter 1-4 (without --fy: the current fiscal year)"))] = None,
    supervisor: SupervisorsOnly = None,
    fmt: Annotated[str | None, typer.Option("--format", help=t(
        "docx (Word, ค่าเริ่มต้น) หรือ md (Markdown)", "docx (Word, default) or md (Markdown)"))] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help=t(
        "เขียนลงไฟล์ (ไม่ระบุ: บันทึกการนิเทศ .docx ในโฟลเดอร์ปัจจุบัน; Markdown ออกทางหน้าจอ)",
        "write to this file (default: a .docx in the current folder; Markdown to stdout)"), dir_okay=False)] = None,
    force: ForceOpt = False,
) -> None:
    from nitet.cli import context, ui
    from nitet.cli.output import output_path
    from nitet.core.errors import UsageError
    from nitet.reports import visit_record
    from nitet.storage.atomic import atomic_write, atomic_write_bytes

    if fmt is None:
        fmt = "md" if output is not None and output.suffix.lower() == ".md" else "docx"
    if fmt not in ("docx", "md"):
        raise UsageError(t("ไม่รู้จักรูปแบบ '{f}'", "unknown format '{f}'", f=fmt),
                         t("ใช้ --format docx หรือ --format md", "use --format docx or --format md"))
    loaded = context.load()
    ui.warn_left_out(loaded)
    chosen = _choose(loaded, list(visit or []), school, fy, quarter, supervisor)
    if output is None and fmt == "docx":
        output = Path(f"visit-record-{chosen[0].id}.docx" if len(chosen) == 1 else "visit-records.docx")
    path = output_path(output, fmt, force=force) if output is not None else None
    records = visit_record.build(loaded, chosen)
    if fmt == "md":
        from nitet.reports.render_md import render

        text = render("visit-record.md.j2", records, loaded.ws)
        if path is None:
            ui.data(text)
            return
        atomic_write(path, text)
    else:
        from nitet.reports.render_docx import render as render_docx

        assert path is not None
        atomic_write_bytes(path, render_docx(records, loaded.ws))
    ui.say(t("บันทึกการนิเทศ {n} รายการ (หน้าละหนึ่งครั้ง) ที่ {p} แล้ว",
             "saved {n} visit record(s), one a page, to {p}", n=len(records.visits), p=path))
