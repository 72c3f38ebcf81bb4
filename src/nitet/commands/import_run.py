"""``nitet import KIND``: read, plan, report, write (or not), and the exit code."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nitet.cli import ui
from nitet.core.errors import UsageError
from nitet.core.i18n import t
from nitet.imports import values
from nitet.imports.mapping import Context, Options
from nitet.imports.plan import Plan
from nitet.imports.runner import Outcome, collect, describe_columns
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
               grade: str | None = None, max_rows: int | None = None) -> int:
    from nitet.domain.schools import SchoolIndex
    from nitet.imports import readers
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
    with _progress(len(paths), t("อ่านไฟล์", "reading")) as bar:
        def step(_name: str) -> None:
            if bar:
                bar[0].advance(bar[1])
        outcome = collect(ctx, kind, paths, sheet, user_map, step, limits)
    for table in outcome.tables:
        ui.say(describe_columns(table))
    for label in outcome.ignored_sheets:
        ui.say(t("{s}: ไม่พบหัวตาราง ข้ามชีตนี้", "{s}: no table header, sheet skipped", s=label))
    for note in ctx.notes:
        ui.say(note)
    plan = outcome.plan
    for r in plan.rejects:
        ui.say(t("ปฏิเสธ {w}: {m}", "rejected {w}: {m}", w=r.origin.where(), m=r.reason))
    write = not dry_run and (not plan.rejects or skip_invalid)
    if write:

        with _progress(len(plan.writes()), t("บันทึก", "writing")) as bar:
            written = apply(ws, plan.changes, (lambda n: bar[0].update(bar[1], completed=n)) if bar else None)
        ui.commit(ws, written, t(
            "nitet: นำเข้า {k} จาก {f} (สร้างใหม่ {c}, แก้ไข {u})", "nitet: import {k} from {f} ({c} created, {u} updated)",
            k=kind, f=", ".join(p.name for p in paths[:3]) + (" …" if len(paths) > 3 else ""),
            c=plan.count("create"), u=plan.count("update")), commit)
    if rejects_path is not None and plan.rejects:
        from nitet.imports.rejects import write_rejects

        write_rejects(rejects_path, plan.rejects)
        ui.say(t("บันทึกแถวที่ถูกปฏิเสธ {n} แถวพร้อมเหตุผลใน {p}", "saved {n} rejected rows with reasons to {p}",
                 n=len(plan.rejects), p=rejects_path))
    _report(ws, plan, outcome, kind, dry_run=dry_run, written=write, json_out=json_out)
    return 1 if plan.rejects else 0


def _report(ws: Workspace, plan: Plan, outcome: Outcome, kind: str, *, dry_run: bool, written: bool,
            json_out: bool) -> None:
    from nitet.imports.columns import LABELS_TH

    changes = [{"action": c.action, "path": ws.rel(c.path), "fields": c.fields} for c in plan.writes()]
    summary = {"created": plan.count("create"), "updated": plan.count("update"),
               "unchanged": plan.count("unchanged"), "skipped": plan.skipped,
               "rejected": [r.as_json() for r in plan.rejects]}
    if json_out:
        ui.print_json({**summary, "dry_run": dry_run, "written": written, "changes": changes})
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
    head = t("ทดลองนำเข้า (ไม่ได้เขียนไฟล์)", "dry run (nothing written)") if dry_run else \
        (t("นำเข้าแล้ว", "imported") if written else t("ไม่ได้บันทึกสิ่งใด", "nothing written"))
    ui.say(t("{h}: สร้างใหม่ {c}, แก้ไข {u}, ไม่เปลี่ยน {n}, ข้าม {s}, ถูกปฏิเสธ {r}",
             "{h}: created {c}, updated {u}, unchanged {n}, skipped {s}, rejected {r}",
             h=head, c=summary["created"], u=summary["updated"], n=summary["unchanged"], s=summary["skipped"],
             r=len(plan.rejects)))
    if plan.rejects and not written and not dry_run:
        ui.say(t("มีแถวที่ถูกปฏิเสธ จึงไม่ได้บันทึกแถวใดเลย: แก้แถวเหล่านั้นแล้วนำเข้าใหม่ หรือใช้ --skip-invalid เพื่อบันทึกเฉพาะแถวที่ถูกต้อง (--rejects FILE.xlsx เก็บแถวที่ต้องแก้)",
                 "rows were rejected, so nothing was written: fix them and import again, or use --skip-invalid to write the valid rows (--rejects FILE.xlsx saves the rows to fix)"))
