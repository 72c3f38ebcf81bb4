"""nitet import schools|visits|screening FILE..., nitet import template KIND -o FILE.xlsx, nitet import maps"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from nitet.cli.output import ForceOpt
from nitet.core.i18n import t

app = typer.Typer(no_args_is_help=True)

Files = Annotated[list[Path], typer.Argument(
    help=t("ไฟล์ .xlsx/.csv หรือโฟลเดอร์ (นำเข้าทุกไฟล์ในโฟลเดอร์)", ".xlsx/.csv files or folders (every file inside)"),
    show_default=False)]
Sheet = Annotated[str | None, typer.Option("--sheet", help=t("ชื่อชีต (หรือลำดับ 1, 2, …) ค่าเริ่มต้น: ทุกชีตที่พบหัวตาราง",
                                                             "sheet name (or number 1, 2, …); default: every sheet with a header"))]
MapFile = Annotated[Path | None, typer.Option("--map", help=t("ไฟล์ YAML บอกว่าหัวคอลัมน์ใดคือฟิลด์ใด",
                                                             "YAML file naming which header is which field"))]
DryRun = Annotated[bool, typer.Option("--dry-run", help=t("แสดงสิ่งที่จะเปลี่ยน ไม่เขียนไฟล์", "show what would change; write nothing"))]
SkipInvalid = Annotated[bool, typer.Option("--skip-invalid", help=t(
    "บันทึกแถวที่ถูกต้อง แม้มีแถวที่ถูกปฏิเสธ (ยังรายงานและจบด้วยรหัส 1)",
    "write the valid rows even when some are rejected (still reported; exit code 1)"))]
Rejects = Annotated[Path | None, typer.Option("--rejects", help=t(
    "บันทึกแถวที่ถูกปฏิเสธพร้อมเหตุผลลงไฟล์ .xlsx (หรือ .csv) เพื่อส่งคืนโรงเรียน (เทียบกับโฟลเดอร์ที่เริ่มคำสั่ง)",
    "save the rejected rows with a reason column to .xlsx (or .csv) for the school to fix (relative to the folder "
    "you are in)"))]
Json = Annotated[bool, typer.Option("--json", help=t("พิมพ์สรุปเป็น JSON", "print the summary as JSON"))]
MaxRows = Annotated[int | None, typer.Option("--max-rows", min=1, help=t(
    "อ่านได้ไม่เกินกี่แถวต่อชีต (ค่าเริ่มต้น 100,000) ขนาดไฟล์ที่รับได้เพิ่มตาม",
    "the most rows read per sheet (default 100,000); the file size limits grow with it"), show_default=False)]
Commit = Annotated[bool | None, typer.Option("--commit/--no-commit", help=t(
    "commit git หลังบันทึก (ค่าเริ่มต้นตาม autocommit ใน nitet.yaml)", "git commit after saving (default: autocommit)"))]


IgnoreColumn = Annotated[list[str] | None, typer.Option("--ignore-column", help=t(
    "ไม่ใช้คอลัมน์นี้ (หัวคอลัมน์ หรือตัวอักษรคอลัมน์ เช่น G; ซ้ำได้) — คอลัมน์ที่มีข้อมูลแต่ไม่รู้ว่าเป็นอะไร ต้องบอกด้วยตัวเลือกนี้ --map หรือตอบบนเทอร์มินัล",
    "leave this column out (its header, or a column letter such as G; repeatable) — a column with data nitet "
    "cannot place must be named here, in --map, or answered on a terminal"), show_default=False)]


def _import(kind: str, files: list[Path], *, rejects: Path | None, force: bool, **options: Any) -> None:
    import contextlib

    from nitet.cli import context
    from nitet.commands.import_run import run_import, vet_rejects

    rejects_path = vet_rejects(rejects, force)
    ws = context.workspace()
    # the lock from reading the records to the commit: a parallel nitet waits (a dry run writes nothing)
    with contextlib.nullcontext() if options.get("dry_run") else context.writing():
        code = run_import(ws, kind, files, rejects_path=rejects_path, **options)
    if code:
        raise typer.Exit(code)


@app.command("schools", help=t("นำเข้าทะเบียนโรงเรียน", "import a school list"))
def schools(files: Files, sheet: Sheet = None, map_file: MapFile = None, dry_run: DryRun = False,
            skip_invalid: SkipInvalid = False, rejects: Rejects = None, json_out: Json = False,
            commit: Commit = None, force: ForceOpt = False, max_rows: MaxRows = None,
            ignore_column: IgnoreColumn = None) -> None:
    _import("schools", files, sheet=sheet, map_file=map_file, dry_run=dry_run, skip_invalid=skip_invalid,
            rejects=rejects, json_out=json_out, commit=commit, force=force, max_rows=max_rows, ignore=ignore_column)


@app.command("visits", help=t("นำเข้าบันทึกการนิเทศ (หนึ่งแถวต่อการนิเทศหนึ่งครั้ง)", "import visits (one visit per row)"))
def visits(files: Files, sheet: Sheet = None, map_file: MapFile = None, dry_run: DryRun = False,
           skip_invalid: SkipInvalid = False, rejects: Rejects = None, json_out: Json = False,
           commit: Commit = None, force: ForceOpt = False, max_rows: MaxRows = None,
           ignore_column: IgnoreColumn = None) -> None:
    _import("visits", files, sheet=sheet, map_file=map_file, dry_run=dry_run, skip_invalid=skip_invalid,
            rejects=rejects, json_out=json_out, commit=commit, force=force, max_rows=max_rows, ignore=ignore_column)


@app.command("screening", help=t("นำเข้าผลการคัดกรองการอ่านการเขียน (นับจำนวน ไม่เก็บชื่อนักเรียน)",
                                 "import reading/writing screening results (counted; pupil names never stored)"))
def screening(
    files: Files, sheet: Sheet = None, map_file: MapFile = None, dry_run: DryRun = False,
    skip_invalid: SkipInvalid = False, rejects: Rejects = None, json_out: Json = False, commit: Commit = None,
    max_rows: MaxRows = None, ignore_column: IgnoreColumn = None,
    school: Annotated[str | None, typer.Option("--school", help=t("โรงเรียน (เมื่อไฟล์ไม่ได้ระบุ)", "school (when the file does not say)"))] = None,
    academic_year: Annotated[str | None, typer.Option("--academic-year", help=t("ปีการศึกษา พ.ศ. เช่น 2569", "academic year (BE), e.g. 2569"))] = None,
    semester: Annotated[str | None, typer.Option("--semester", help=t("ภาคเรียน 1 หรือ 2", "semester 1 or 2"))] = None,
    grade: Annotated[str | None, typer.Option("--grade", help=t("ชั้น ป.1–ป.6 (เช่น 1 หรือ ป.1)", "grade ป.1–ป.6 (e.g. 1)"))] = None,
    force: ForceOpt = False,
) -> None:
    _import("screening", files, sheet=sheet, map_file=map_file, dry_run=dry_run, skip_invalid=skip_invalid,
            rejects=rejects, json_out=json_out, commit=commit, force=force, max_rows=max_rows, ignore=ignore_column,
            school=school, academic_year=academic_year, semester=semester, grade=grade)


@app.command("maps", help=t("รายการการจับคู่คอลัมน์ที่บันทึกไว้ใน imports/ (ใช้เองกับไฟล์ที่หัวตารางตรงกัน)",
                            "list the column mappings saved in imports/ (used by themselves for files with the same header)"))
def maps(json_out: Json = False) -> None:
    from nitet.cli import context, ui
    from nitet.imports import savedmaps
    from nitet.imports.columns import LABELS_TH

    ws = context.workspace()
    found, unreadable = savedmaps.load_all(ws)
    for note in unreadable:
        ui.say(note)
    if json_out:
        ui.print_json([{"name": m.name, "path": ws.rel(m.path), "kind": m.kind, "headers": m.headers,
                        "columns": m.columns} for m in found])
        return
    if not found:
        ui.say(t("ยังไม่มีการจับคู่คอลัมน์ที่บันทึกไว้ (nitet ถามและบันทึกให้เมื่อนำเข้าไฟล์ที่มีคอลัมน์ที่ไม่รู้จักบนเทอร์มินัล)",
                 "no column mapping saved yet (nitet asks and saves one when you import a file with unknown columns on a terminal)"))
        return
    for m in found:
        used = {h: f for h, f in m.columns.items() if f != "ignore"}
        ui.data(t("{p}  ({k}) หัวตาราง {n} ช่อง ใช้ {u} คอลัมน์", "{p}  ({k}) {n} header cells, {u} columns used",
                  p=ws.rel(m.path), k=m.kind, n=len(m.headers), u=len(used)))
        ui.data("    " + ", ".join(f"{h} → {LABELS_TH.get(f, f)}" for h, f in used.items()))


@app.command("template", help=t("สร้างไฟล์แม่แบบ .xlsx สำหรับส่งให้โรงเรียนกรอก", "write an .xlsx template for schools to fill in"))
def template(
    kind: Annotated[str, typer.Argument(help="schools | visits | screening", show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help=t(
        "ไฟล์ .xlsx ที่จะสร้าง (เทียบกับโฟลเดอร์ที่เริ่มคำสั่ง)", "the .xlsx file to write (relative to the folder you are in)"))],
    force: ForceOpt = False,
) -> None:
    from nitet.cli import context, ui
    from nitet.cli.output import output_path
    from nitet.core.errors import UsageError
    from nitet.imports.template import write_template

    if kind not in ("schools", "visits", "screening"):
        raise UsageError(t("ไม่รู้จักแม่แบบ '{k}'", "unknown template '{k}'", k=kind),
                         t("เลือก schools, visits หรือ screening", "choose schools, visits or screening"))
    if output.suffix.lower() != ".xlsx":
        raise UsageError(t("แม่แบบต้องเป็นไฟล์ .xlsx", "the template must be an .xlsx file"),
                         t("เช่น -o แบบนำเข้า.xlsx", "e.g. -o template.xlsx"))
    path = output_path(output, "xlsx", force=force)
    write_template(context.workspace(), kind, path)
    ui.say(t("เขียนแม่แบบ {p} แล้ว: กรอกในชีต ‘ข้อมูล’ แล้วนำเข้าด้วย nitet import {k} {p}",
             "wrote {p}: fill in the ‘ข้อมูล’ sheet, then run nitet import {k} {p}", p=output, k=kind))
