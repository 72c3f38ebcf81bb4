"""``nitet import KIND``: read, plan, report, write (or not), and the exit code."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from nitet.cli import ui
from nitet.core.errors import UsageError
from nitet.core.i18n import t
from nitet.imports import values
from nitet.imports.mapping import Context, Options
from nitet.imports.plan import Plan
from nitet.imports.runner import (
    describe_columns,
    duplicate_notes,
    ignore_columns,
    plan_tables,
    read_tables,
    require,
    unused,
    unused_json,
    useless_note,
)
from nitet.imports.table import Column, Table
from nitet.storage.workspace import Workspace


def _options(school: str | None, academic_year: str | None, semester: str | None, grade: str | None) -> Options:
    try:
        return Options(
            school=school,
            academic_year=values.academic_year(academic_year, ce_ok=False) if academic_year else None,
            semester=values.semester(semester) if semester else None,
            grade=values.grade(grade) if grade else None)
    except values.CellError as e:
        raise UsageError(str(e), t("ดูตัวอย่างใน nitet import screening --help",
                                   "see nitet import screening --help")) from None


@contextlib.contextmanager
def _progress(total: int, label: str) -> Iterator[Any]:
    """A rich progress bar on a terminal (stderr); nothing otherwise."""
    console = ui.err()
    if not console.is_terminal or total < 2:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=console, transient=True) as bar:
        yield (bar, bar.add_task(label, total=total))


def vet_rejects(path: Path | None, force: bool) -> Path | None:
    """``--rejects FILE`` checked before anything is read or written: an .xlsx or .csv file that the
    ``-o`` rule allows (:func:`nitet.cli.output.output_path`)."""
    from nitet.cli.output import output_path

    if path is None:
        return None
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UsageError(t("--rejects ต้องเป็นไฟล์ .xlsx หรือ .csv", "--rejects must be an .xlsx or .csv file"),
                         t("เช่น --rejects แถวที่ต้องแก้.xlsx", "e.g. --rejects to-fix.xlsx"))
    return output_path(path, suffix[1:], force=force, option="--rejects")


def run_import(ws: Workspace, kind: str, files: list[Path], *, sheet: str | None = None,
               map_file: Path | None = None, dry_run: bool = False, skip_invalid: bool = False,
               rejects_path: Path | None = None, json_out: bool = False, commit: bool | None = None,
               school: str | None = None,
               academic_year: str | None = None, semester: str | None = None,
               grade: str | None = None, max_rows: int | None = None, ignore: list[str] | None = None) -> int:
    from nitet.cli import context
    from nitet.domain.schools import SchoolIndex
    from nitet.imports import readers, savedmaps
    from nitet.imports.apply import apply
    from nitet.imports.columns import load_map
    from nitet.storage.loader import load

    options = _options(school, academic_year, semester, grade)
    user_map = load_map(map_file, kind) if map_file else None
    paths = readers.expand(files)
    limits = readers.Limits(max_rows=max_rows or readers.MAX_ROWS)
    for p in paths:  # before the workspace is loaded: a file too large is refused at once
        readers.check_size(p, limits)
    loaded = load(ws)
    if options.school:  # one way to name a school: a part of its name too (several matches are listed)
        from dataclasses import replace

        from nitet.cli.schools import school_key

        options = replace(options, school=school_key(loaded, options.school))
    ctx = Context(ws, loaded, SchoolIndex.of(loaded), options)
    saved, unreadable = savedmaps.load_all(ws, kind) if user_map is None else ([], [])
    for note in unreadable:
        ui.say(note)
    with _progress(len(paths), t("อ่านไฟล์", "reading")) as bar:
        def step(_name: str) -> None:
            if bar:
                bar[0].advance(bar[1])
        found = read_tables(ctx, kind, paths, sheet, user_map, step, limits, saved, guess=context.interactive())
    tables = found.tables
    maps_saved = _settle_columns(ws, kind, tables, ignore or [])
    for table in tables:
        require(kind, table)
        ui.say(describe_columns(table))
        for note in duplicate_notes(table):
            ui.say(note)
    said = useless_note(tables)
    if said:
        ui.say(said)
    for label in found.ignored_sheets:
        ui.say(t("{s}: ไม่พบหัวตาราง ข้ามชีตนี้", "{s}: no table header, sheet skipped", s=label))
    plan = plan_tables(ctx, kind, tables)
    for note in ctx.notes:
        ui.say(note)
    for r in plan.rejects:
        ui.say(t("ปฏิเสธ {w}: {m}", "rejected {w}: {m}", w=r.origin.where(), m=r.reason))
    left = unused(tables)
    _say_unused(left)
    write = not dry_run and not left and (not plan.rejects or skip_invalid)
    written: list[Path] = []
    if write:
        from nitet.storage.journal import GitIntent

        message = t("nitet: นำเข้า {k} จาก {f} (สร้างใหม่ {c}, แก้ไข {u})",
                    "nitet: import {k} from {f} ({c} created, {u} updated)",
                    k=kind, f=", ".join(p.name for p in paths[:3]) + (" …" if len(paths) > 3 else ""),
                    c=plan.count("create"), u=plan.count("update"))
        # the mappings saved on the way travel in the commit of the records they read
        with _progress(len(plan.writes()), t("บันทึก", "writing")) as bar:
            done = apply(ws, plan.changes, (lambda n: bar[0].update(bar[1], completed=n)) if bar else None,
                         label=f"nitet import {kind}",
                         git=GitIntent(message, commit, also=tuple(ws.rel(p) for p in maps_saved)))
        written = done.paths
        ui.committed(done.committed, commit)
    if not written and maps_saved:
        ui.commit(ws, maps_saved, t("nitet: บันทึกการจับคู่คอลัมน์ {n}", "nitet: save the column mapping {n}",
                                    n=", ".join(p.stem for p in maps_saved)), commit)
    if rejects_path is not None and plan.rejects:
        from nitet.imports.rejects import write_rejects

        write_rejects(rejects_path, plan.rejects)
        ui.say(t("บันทึกแถวที่ถูกปฏิเสธ {n} แถวพร้อมเหตุผลใน {p}", "saved {n} rejected rows with reasons to {p}",
                 n=len(plan.rejects), p=rejects_path))
    _report(ws, plan, tables, left, kind, dry_run=dry_run, written=write, json_out=json_out)
    return 1 if plan.rejects or left else 0


def _settle_columns(ws: Workspace, kind: str, tables: list[Table], ignore: list[str]) -> list[Path]:
    """What each column is, beyond what nitet recognised: a saved mapping (said), ``--ignore-column``,
    then on a terminal the user's answers. Returns the mappings saved on the way."""
    from nitet.cli import context

    _ignore(tables, ignore)
    for table in tables:
        if table.saved is not None:
            ui.say(t("{s}: ใช้การจับคู่คอลัมน์ที่บันทึกไว้ {p} (หัวตารางตรงกันทุกช่อง)",
                     "{s}: read with the saved column mapping {p} (the header matches it cell for cell)",
                     s=table.sheet.label, p=ws.rel(table.saved.path)))
    if not (context.interactive() and unused(tables)):
        return []
    from nitet.cli.prompts import Cancelled
    from nitet.commands.import_mapper import ask_columns

    try:
        return ask_columns(ws, kind, tables)
    except Cancelled as c:
        ui.say(t("ยกเลิกแล้ว ไม่ได้บันทึกสิ่งใด", "cancelled: nothing written"))
        raise typer.Exit(c.exit_code) from None


def _ignore(tables: list[Table], names: list[str]) -> None:
    unmatched = ignore_columns(tables, names)
    if unmatched:
        heads = ", ".join(dict.fromkeys(f"“{c.label}”" for tb in tables for c in tb.columns if c.label))
        raise UsageError(
            t("--ignore-column {n}: ไม่มีคอลัมน์ที่หัวตารางเป็นเช่นนี้", "--ignore-column {n}: no column has that header",
              n=", ".join(f"“{x}”" for x in unmatched)),
            t("หัวคอลัมน์ในไฟล์: {h} (หรือใช้ตัวอักษรคอลัมน์ เช่น G)", "the headers are: {h} (or give a column letter such as G)",
              h=heads[:600]))


def _say_unused(left: list[tuple[Table, Column]]) -> None:
    """The columns that hold data nitet would not keep, loudly: nothing is written until settled."""
    if not left:
        return
    from nitet.imports.columns import LABELS_TH

    ui.say(t("คอลัมน์ต่อไปนี้มีข้อมูล แต่ nitet ไม่รู้ว่าเป็นข้อมูลใด จึงไม่ได้บันทึกสิ่งใด (ข้อมูลจะไม่หายไปเงียบ ๆ):",
             "these columns hold data but nitet cannot tell what it is, so nothing was written (no data is dropped quietly):"))
    for table, c in left:
        why = ""
        if c.ignored_because == "duplicate" and c.lost_to is not None:
            winner = next(x for x in table.columns if x.index == c.lost_to)
            why = t(" — อ่านได้เป็น{f}เหมือนคอลัมน์ {w} ซึ่งถูกใช้แทน", " — reads as {f} like column {w}, which is used",
                    f=LABELS_TH.get(winner.field or "", winner.field), w=winner.letter)
        elif c.reading.alternatives:
            why = t(" — อาจเป็น {a}", " — could be {a}",
                    a=t(" หรือ ", " or ").join(LABELS_TH.get(f, f) for f in c.reading.alternatives))
        elif not c.label:
            why = t(" — ไม่มีหัวคอลัมน์", " — no header")
        ui.say(t("  {s} คอลัมน์ {l} “{h}”: มีข้อมูล {n} แถว{w}", "  {s} column {l} “{h}”: rows with data: {n}{w}",
                 s=table.sheet.label, l=c.letter, h=c.label, n=c.filled, w=why))
    example = next((c.label for _, c in left if c.label), left[0][1].letter)
    ui.say(t("บอกว่าคอลัมน์เหล่านี้คืออะไรด้วย --map MAP.yaml (หัวคอลัมน์: ฟิลด์) หรือไม่ใช้ด้วย --ignore-column \"{e}\" "
             "(หรือนำเข้าบนเทอร์มินัลเพื่อเลือกทีละคอลัมน์และบันทึกไว้ใช้ครั้งต่อไป)",
             "say what these columns are with --map MAP.yaml (header: field), or leave them out with --ignore-column \"{e}\" "
             "(or import on a terminal to choose column by column and save the answer for next time)", e=example))


def _report(ws: Workspace, plan: Plan, tables: list[Table], left: list[tuple[Table, Column]], kind: str, *,
            dry_run: bool, written: bool, json_out: bool) -> None:
    from nitet.imports.columns import LABELS_TH

    changes = [{"action": c.action, "path": ws.rel(c.path), "fields": c.fields} for c in plan.writes()]
    summary = {"created": plan.count("create"), "updated": plan.count("update"),
               "unchanged": plan.count("unchanged"), "skipped": plan.skipped,
               "rejected": [r.as_json() for r in plan.rejects]}
    if json_out:
        ui.print_json({**summary, "dry_run": dry_run, "written": written, "changes": changes,
                       "unused_columns": unused_json(left),
                       "mappings": list(dict.fromkeys(ws.rel(tb.saved.path) for tb in tables if tb.saved))})
    elif dry_run:
        for c in plan.writes():
            where = c.candidate.origins[0].where()
            if c.action == "create":
                ui.data(f"+ {ws.rel(c.path)}  ← {where}")
            else:
                fields = ", ".join(LABELS_TH.get(f, f) for f in c.fields)
                ui.data(f"~ {ws.rel(c.path)}  ({fields})  ← {where}")
    if not dry_run and written:
        for c in plan.writes():
            if c.action == "update":
                ui.say(t("แก้ไข {p} ({f}) ตาม {w}", "updated {p} ({f}) from {w}", p=ws.rel(c.path),
                         f=", ".join(LABELS_TH.get(f, f) for f in c.fields), w=c.candidate.origins[0].where()))
    counts = t("สร้างใหม่ {c}, แก้ไข {u}, ไม่เปลี่ยน {n}, ข้าม {s}, ถูกปฏิเสธ {r}",
               "created {c}, updated {u}, unchanged {n}, skipped {s}, rejected {r}",
               c=summary["created"], u=summary["updated"], n=summary["unchanged"], s=summary["skipped"],
               r=len(plan.rejects)) + (t(", คอลัมน์ที่ไม่ได้ใช้ {k}", ", unused columns {k}", k=len(left)) if left else "")
    if dry_run:
        ui.say(t("ทดลองนำเข้า (ไม่ได้เขียนไฟล์): {x}", "dry run (nothing written): {x}", x=counts))
    elif written:
        ui.say(t("นำเข้าแล้ว: {x}", "imported: {x}", x=counts))
    else:  # the counts are what the import would have done: say so, not "created 2"
        ui.say(t("ไม่ได้บันทึกสิ่งใด (ถ้าบันทึกจะเป็น: {x})", "nothing written (had it been written: {x})", x=counts))
    if plan.rejects and not written and not dry_run:
        ui.say(t("มีแถวที่ถูกปฏิเสธ จึงไม่ได้บันทึกแถวใดเลย: แก้แถวเหล่านั้นแล้วนำเข้าใหม่ หรือใช้ --skip-invalid เพื่อบันทึกเฉพาะแถวที่ถูกต้อง (--rejects FILE.xlsx เก็บแถวที่ต้องแก้)",
                 "rows were rejected, so nothing was written: fix them and import again, or use --skip-invalid to write the valid rows (--rejects FILE.xlsx saves the rows to fix)"))
