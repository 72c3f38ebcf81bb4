"""nitet target list | add | remove — target schools (โรงเรียนกลุ่มเป้าหมาย) per fiscal year and project."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from nitet.cli.context import writes
from nitet.cli.options import IntOption
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded

app = typer.Typer(no_args_is_help=True)

FyOpt = Annotated[int | None, IntOption("--fy", help=t(
    "ปีงบประมาณ (พ.ศ.) ค่าเริ่มต้น: ปีงบประมาณปัจจุบัน", "fiscal year (BE); default: the current one"))]
ProjectOpt = Annotated[str, typer.Option("--project", help=t(
    "รหัสโครงการเดียวกับ project ของบันทึกการนิเทศ เช่น dltv, reading", "the visits' project key, e.g. dltv, reading"),
    show_default=False)]
SchoolsArg = Annotated[list[str] | None, typer.Argument(
    help=t("โรงเรียน: รหัส ๑๐ หลัก SMIS สพฐ. หรือชื่อ (หลายโรงได้)", "schools: code, SMIS, OBEC or name (several)"),
    show_default=False)]
CommitOpt = Annotated[bool | None, typer.Option("--commit/--no-commit", help=t(
    "commit git หลังบันทึก (ค่าเริ่มต้นตาม autocommit ใน nitet.yaml)",
    "git commit after saving (default: autocommit of nitet.yaml)"))]


def _fy(fy: int | None) -> int:
    from datetime import date

    from nitet.cli import ui
    from nitet.core.thai import fiscal_year
    from nitet.domain.visits import period

    if fy is None:
        fy = fiscal_year(date.today())
        ui.say(t("ปีงบประมาณ {y} (ปีปัจจุบัน: ระบุ --fy เพื่อเลือกปีอื่น)", "fiscal year {y} (the current one; "
                 "--fy chooses another)", y=fy))
    period(fy=fy)  # refuses a CE year
    return fy


def _keys(loaded: Loaded, names: list[str], file: Path | None, sheet: str | None) -> list[str]:
    from nitet.domain.schools import SchoolIndex

    index = SchoolIndex.of(loaded)
    keys = [index.require(n) for n in names]
    if file is not None:
        keys += _from_file(index, file, sheet)
    return list(dict.fromkeys(keys))


def _from_file(index: Any, file: Path, sheet: str | None) -> list[str]:
    """School keys from a sheet or text file: the column where the most cells name a registered
    school (code, SMIS, OBEC or exact name); rows above the first such cell are titles and headers.
    Any other non-empty cell in that column below it is refused, listed by row, nothing written."""
    from nitet.core.errors import DataError, UsageError

    if not file.is_file():
        raise UsageError(t("ไม่พบไฟล์ {f}", "file {f} does not exist", f=file))
    if file.suffix.lower() in (".txt", ".text"):
        rows: list[list[Any]] = [[line] for line in file.read_text(encoding="utf-8-sig").splitlines()]
    else:
        from nitet.imports import readers

        sheets = readers.read(file, sheet)
        rows = [r for s in sheets[:1] for r in s.rows]
    width = max((len(r) for r in rows), default=0)
    found = [[index.find(r[c]) if c < len(r) and r[c] not in (None, "") else None for r in rows] for c in range(width)]
    if not any(any(col) for col in found):
        raise DataError(t("ไม่พบรหัสหรือชื่อโรงเรียนที่ลงทะเบียนไว้ใน {f}", "no registered school's code or name in {f}",
                          f=file.name),
                        t("ไฟล์ควรมีคอลัมน์รหัสโรงเรียน (๑๐ หลัก SMIS หรือ สพฐ.) หรือชื่อโรงเรียนตามทะเบียน",
                          "the file needs a column of school codes (10-digit, SMIS or OBEC) or registered names"))
    col = max(range(width), key=lambda c: sum(1 for k in found[c] if k))
    first = next(i for i, k in enumerate(found[col]) if k)
    keys: list[str] = []
    bad: list[str] = []
    for i in range(first, len(rows)):
        cell = rows[i][col] if col < len(rows[i]) else None
        key = found[col][i]
        if key:
            keys.append(key)
        elif cell not in (None, "") and str(cell).strip():
            bad.append(f"{t('แถว', 'row')} {i + 1}: {str(cell).strip()}")
    if bad:
        raise DataError(
            t("{f}: {n} แถวไม่ตรงกับโรงเรียนในทะเบียน จึงยังไม่บันทึก", "{f}: {n} rows name no registered school, so "
              "nothing was saved", f=file.name, n=len(bad)) + "\n  " + "\n  ".join(bad[:10]),
            t("แก้รหัส/ชื่อในไฟล์ หรือเพิ่มโรงเรียนด้วย 'nitet school add' แล้วลองใหม่",
              "fix the codes or names in the file, or register the schools with 'nitet school add', then retry"))
    return keys


@app.command("add", help=t("เพิ่มโรงเรียนในรายชื่อโรงเรียนกลุ่มเป้าหมายของโครงการและปีงบประมาณ (สร้างรายชื่อถ้ายังไม่มี)",
                           "add schools to a project's target list of a fiscal year (created when missing)"))
@writes
def add(
    project: ProjectOpt,
    schools: SchoolsArg = None,
    fy: FyOpt = None,
    file: Annotated[Path | None, typer.Option("--file", help=t(
        "อ่านรายชื่อจากไฟล์ .xlsx .csv หรือ .txt (คอลัมน์รหัสหรือชื่อโรงเรียน)",
        "read the schools from an .xlsx, .csv or .txt file (a column of codes or names)"), dir_okay=False)] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help=t("ชื่อแผ่นงานใน .xlsx", "the .xlsx sheet"))] = None,
    title: Annotated[str | None, typer.Option("--title", help=t("ชื่อรายชื่อ", "a title for the list"))] = None,
    commit: CommitOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))] = False,
) -> None:
    from nitet.cli import context
    from nitet.core.errors import UsageError
    from nitet.domain import targets

    if not schools and file is None:
        raise UsageError(t("ยังไม่ได้ระบุโรงเรียน", "no school given"),
                         t("ระบุรหัสหรือชื่อโรงเรียนต่อท้ายคำสั่ง หรือ --file ไฟล์.xlsx",
                           "name schools after the command, or give --file FILE.xlsx"))
    year = _fy(fy)
    ws = context.workspace()
    loaded = context.load()
    keys = _keys(loaded, list(schools or []), file, sheet)
    ch = targets.change_list(ws, loaded, year, project, add=keys, title=title)
    _report(ws, loaded, ch, year, project, commit, json_out)


@app.command("remove", help=t("นำโรงเรียนออกจากรายชื่อโรงเรียนกลุ่มเป้าหมาย", "remove schools from a target list"))
@writes
def remove(
    project: ProjectOpt,
    schools: SchoolsArg = None,
    fy: FyOpt = None,
    commit: CommitOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))] = False,
) -> None:
    from nitet.cli import context
    from nitet.core.errors import DataError, UsageError
    from nitet.domain import targets
    from nitet.domain.schools import SchoolIndex

    if not schools:
        raise UsageError(t("ยังไม่ได้ระบุโรงเรียน", "no school given"))
    year = _fy(fy)
    ws = context.workspace()
    loaded = context.load()
    if project not in targets.lists_of(loaded.of("target"), year):
        raise DataError(t("ยังไม่มีรายชื่อโรงเรียนกลุ่มเป้าหมายของโครงการ {p} ปีงบประมาณ {y}",
                          "there is no target list of project {p} for fiscal year {y}", p=project, y=year),
                        t("ดูรายชื่อที่มีด้วย 'nitet target list --fy {y}'", "see the lists with 'nitet target list --fy {y}'",
                          y=year))
    index = SchoolIndex.of(loaded)
    keys = [index.find(s) or s.strip() for s in schools]  # a school no longer registered can still be removed
    ch = targets.change_list(ws, loaded, year, project, remove=keys)
    _report(ws, loaded, ch, year, project, commit, json_out)


def _report(ws: Any, loaded: Loaded, ch: Any, fy: int, project: str, commit: bool | None, json_out: bool) -> None:
    from nitet.cli import ui
    from nitet.domain.schools import SchoolIndex

    index = SchoolIndex.of(loaded)
    names = {k: index.label(k) for k in [*ch.added, *ch.already, *ch.removed]}
    for k in ch.added:
        ui.say(t("+ {s}", "+ {s}", s=names[k]))
    for k in ch.removed:
        ui.say(t("- {s}", "- {s}", s=names[k]))
    if ch.already:
        ui.say(t("อยู่ในรายชื่อแล้ว: {s}", "already listed: {s}", s=", ".join(names[k] for k in ch.already)))
    if ch.absent:
        ui.say(t("ไม่อยู่ในรายชื่อ: {s}", "not on the list: {s}", s=", ".join(ch.absent)))
    ui.say(t("รายชื่อโรงเรียนกลุ่มเป้าหมายโครงการ {p} ปีงบประมาณ {y}: {n} โรง ({f})",
             "target schools of project {p}, fiscal year {y}: {n} ({f})", p=project, y=fy, n=len(ch.schools),
             f=ws.rel(ch.path)))
    if ch.added or ch.removed or ch.created:
        ui.commit(ws, [ch.path], t("nitet: โรงเรียนกลุ่มเป้าหมาย {p} ปีงบประมาณ {y}", "nitet: target schools {p} FY {y}",
                                   p=project, y=fy), commit)
    if json_out:
        ui.print_json({"id": ch.path.stem, "path": ws.rel(ch.path), "fiscal_year": fy, "project": project,
                       "schools": ch.schools, "added": ch.added, "removed": ch.removed})


@app.command("list", help=t("รายชื่อโรงเรียนกลุ่มเป้าหมายของปีงบประมาณ พร้อมผลการนิเทศถึงวันนี้ (นิเทศแล้ว / ยังไม่ได้นิเทศ)",
                            "the target lists of a fiscal year, with coverage to date (visited / not yet)"))
def list_(
    fy: FyOpt = None,
    project: Annotated[str | None, typer.Option("--project", help=t("เฉพาะโครงการนี้", "this project only"))] = None,
    json_out: Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))] = False,
) -> None:
    from datetime import date

    from rich.text import Text

    from nitet.cli import context, ui
    from nitet.core.thai import fiscal_year_range, format_date
    from nitet.domain import targets
    from nitet.domain.schools import SchoolIndex

    year = _fy(fy)
    loaded = context.load()
    ui.warn_left_out(loaded)
    start, end = fiscal_year_range(year)
    until = min(end, date.today())
    found = [x for x in targets.all_targets(loaded, year) if project is None or x.project in (project, targets.ALL)]
    visits = [e.data for e in loaded.of("visit")]
    covers = [targets.coverage(x, visits, start, until) for x in found]
    index = SchoolIndex.of(loaded)
    if json_out:
        ui.print_json([{
            "fiscal_year": year, "project": None if c.targets.project == targets.ALL else c.targets.project,
            "source": c.targets.source, "path": c.targets.path, "title": c.targets.title, "total": c.total,
            "visited": len(c.visited), "as_of": until.isoformat(),
            "schools": [{"code": k, "name": str(index.by_key[k].data.get("name", "")) if k in index.by_key else None,
                         "visited": k in c.visited,
                         "last_visit": c.last_visit[k].isoformat() if k in c.last_visit else None}
                        for k in c.targets.schools]} for c in covers])
        return
    if not covers:
        ui.say(t("ยังไม่มีโรงเรียนกลุ่มเป้าหมายของปีงบประมาณ {y}: เพิ่มด้วย 'nitet target add --project dltv รหัส…'",
                 "no target schools for fiscal year {y} yet: add them with 'nitet target add --project dltv CODE…'",
                 y=year))
        return
    con = ui.out()
    projects = loaded.ws.config.projects
    for c in covers:
        x = c.targets
        name = t("ทุกโครงการ (โรงเรียนที่ระบุ target: true ในทะเบียน)", "all projects (schools marked target: true)") \
            if x.project == targets.ALL else f"{x.project} {projects.get(x.project, '')}".strip()
        con.print(Text(f"{x.title or name} — " + t(
            "นิเทศแล้ว {v} จาก {n} โรง ถึง {d}", "visited {v} of {n} to {d}", v=len(c.visited), n=c.total,
            d=format_date(until)), style="bold"))
        for k in x.schools:
            last = c.last_visit.get(k)
            mark = "✓" if k in c.visited else "○"
            when = t("นิเทศล่าสุด {d}", "last visited {d}", d=format_date(last)) if last else \
                t("ยังไม่ได้นิเทศ", "not visited yet")
            con.print(Text(f"  {mark} {index.label(k)} — {when}"))
        con.print()
