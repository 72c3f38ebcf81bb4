"""nitet school ...: the school registry (add, list, show, edit, unvisited)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from nitet.cli.completion import complete_school
from nitet.cli.context import writes
from nitet.cli.options import IntOption, SupervisorFilter
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded
    from nitet.storage.workspace import Workspace

app = typer.Typer(no_args_is_help=True)

SIZE_WORDS = {"เล็ก": "small", "กลาง": "medium", "ใหญ่": "large", "ใหญ่พิเศษ": "extra_large",
              "small": "small", "medium": "medium", "large": "large", "extra_large": "extra_large",
              "extra-large": "extra_large"}

CodeOpt = Annotated[str | None, typer.Option("--code", help=t(
    "รหัสโรงเรียน ๑๐ หลัก (หรือ SMIS ๘ หลัก เมื่อ nitet.yaml ตั้ง school_key: smis)",
    "10-digit school code (or 8-digit SMIS when nitet.yaml sets school_key: smis)"))]
NameOpt = Annotated[str | None, typer.Option("--name", help=t("ชื่อโรงเรียน", "school name"))]
DistrictOpt = Annotated[str | None, typer.Option("--district", help=t("อำเภอ", "district"))]
SubdistrictOpt = Annotated[str | None, typer.Option("--subdistrict", help=t("ตำบล", "subdistrict"))]
NetworkOpt = Annotated[str | None, typer.Option("--network", help=t("กลุ่มเครือข่าย", "school network"))]
StudentsOpt = Annotated[str | None, typer.Option("--students", help=t("จำนวนนักเรียน", "number of pupils"))]
TeachersOpt = Annotated[str | None, typer.Option("--teachers", help=t("จำนวนครู", "number of teachers"))]
PrincipalOpt = Annotated[str | None, typer.Option("--principal", help=t("ผู้อำนวยการโรงเรียน", "principal"))]
SmisOpt = Annotated[str | None, typer.Option("--smis", help=t("รหัส SMIS ๘ หลัก", "8-digit SMIS code"))]
ObecOpt = Annotated[str | None, typer.Option("--obec", help=t("รหัส สพฐ. ๖ หลัก", "6-digit OBEC code"))]
SizeOpt = Annotated[str | None, typer.Option("--size", help=t(
    "ขนาด: เล็ก กลาง ใหญ่ ใหญ่พิเศษ (เว้นไว้ได้: คำนวณจากจำนวนนักเรียน)",
    "size: small medium large extra_large (default: from the number of pupils)"))]
NoteOpt = Annotated[str | None, typer.Option("--note", help=t("หมายเหตุ", "note"))]
CommitOpt = Annotated[bool | None, typer.Option("--commit/--no-commit", help=t(
    "commit git หลังบันทึก (ค่าเริ่มต้นตาม autocommit ใน nitet.yaml)",
    "git commit after saving (default: autocommit of nitet.yaml)"))]
JsonOpt = Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))]


def count(value: str | None, option: str) -> int | None:
    """A whole number ≥ 0 typed with Arabic or Thai digits (``๑๒๐``, ``1,200``); None stays None."""
    from nitet.cli.options import read_whole
    from nitet.core.errors import UsageError

    if value is None:
        return None
    try:
        return read_whole(value, low=0)
    except ValueError:
        raise UsageError(t("{o} ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป (ได้ '{v}')", "{o} must be a whole number ≥ 0 (got '{v}')",
                           o=option, v=value)) from None


def _digits(value: str | None, n: int, what: str) -> str | None:
    from nitet.core.errors import UsageError
    from nitet.domain.schools import normalize_code

    if value is None:
        return None
    code = normalize_code(value)
    if not (code.isdigit() and len(code) == n):
        raise UsageError(t("{w} '{v}' ต้องเป็นตัวเลข {n} หลัก", "{w} '{v}' must be {n} digits", w=what, v=value, n=n))
    return code


def _size(value: str | None) -> str | None:
    from nitet.core.errors import UsageError

    if value is None or value == "":
        return value
    size = SIZE_WORDS.get(value.strip().lower())
    if size is None:
        raise UsageError(t("ไม่รู้จักขนาด '{v}'", "unknown size '{v}'", v=value),
                         t("ใช้ เล็ก กลาง ใหญ่ หรือ ใหญ่พิเศษ", "use small, medium, large or extra_large"))
    return size


def _key_length(ws: Workspace) -> int:
    return 8 if ws.config.school_key == "smis" else 10


def size_label(size: str | None) -> str:
    from nitet.model.school import SIZE_EN, SIZE_TH

    return t(SIZE_TH[size], SIZE_EN[size]) if size else ""


def school_json(ws: Workspace, e: Entry) -> dict[str, Any]:
    d = e.data
    return {"code": e.id, "name": d.get("name"), "district": d.get("district"), "students": d.get("students"),
            "network": d.get("network"), "size": d.get("size") or ws.config.school_sizes.size_of(d.get("students")),
            "dltv": bool(d.get("dltv")), "target": bool(d.get("target")), "smis": d.get("smis"),
            "obec": d.get("obec"), "subdistrict": d.get("subdistrict"), "teachers": d.get("teachers"),
            "principal": d.get("principal"), "path": e.path}


def _refuse_taken(loaded: Loaded, code: str, smis: str | None, obec: str | None, skip: str | None = None) -> None:
    from nitet.core.errors import DataError

    for e in loaded.of("school"):
        if e.id == skip:
            continue
        if e.id == code:
            raise DataError(t("มีโรงเรียนรหัส {c} ในทะเบียนแล้ว ({n})", "school {c} is already registered ({n})",
                              c=code, n=e.data.get("name", "")),
                            t("แก้ข้อมูลด้วย 'nitet school edit {c} ...'", "change it with 'nitet school edit {c} ...'", c=code))
        for field, value in (("smis", smis), ("obec", obec)):
            if value and e.data.get(field) == value:
                raise DataError(t("รหัส {f} {v} เป็นของโรงเรียน {c} {n} อยู่แล้ว", "{f} code {v} already belongs to {c} {n}",
                                  f=field.upper(), v=value, c=e.id, n=e.data.get("name", "")),
                                t("ตรวจรหัสอีกครั้ง: รหัสหนึ่งใช้ได้กับโรงเรียนเดียว", "check the code: one code, one school"))


@app.command("add", help=t("เพิ่มโรงเรียนในทะเบียน", "register a school"))
@writes
def add(
    code: CodeOpt = None, name: NameOpt = None, district: DistrictOpt = None, network: NetworkOpt = None,
    students: StudentsOpt = None, teachers: TeachersOpt = None,
    dltv: Annotated[bool, typer.Option("--dltv", help=t("โรงเรียน DLTV", "a DLTV school"))] = False,
    target: Annotated[bool, typer.Option("--target", help=t("โรงเรียนกลุ่มเป้าหมาย", "a target school"))] = False,
    smis: SmisOpt = None, obec: ObecOpt = None, subdistrict: SubdistrictOpt = None, principal: PrincipalOpt = None,
    size: SizeOpt = None, note: NoteOpt = None, commit: CommitOpt = None, json_out: JsonOpt = False,
) -> None:
    from nitet.cli import context, ui
    from nitet.core.errors import UsageError
    from nitet.model import School
    from nitet.storage import ids, writer

    ws = context.workspace()
    if context.interactive() and (code is None or name is None):
        from nitet.cli import prompts

        try:
            code = code or prompts.ask(t("รหัสโรงเรียน ({n} หลัก)", "School code ({n} digits)", n=_key_length(ws)))
            name = name or prompts.ask(t("ชื่อโรงเรียน", "School name"))
            district = district or prompts.ask(t("อำเภอ (เว้นว่างได้)", "District (optional)")) or None
        except prompts.Cancelled as c:
            ui.say(t("\nยกเลิกแล้ว ไม่มีการบันทึก", "\ncancelled, nothing written"))
            raise typer.Exit(c.exit_code) from None
    if code is None or not (name or "").strip():
        raise UsageError(t("ต้องระบุ --code และ --name", "--code and --name are required"),
                         t("เช่น nitet school add --code 1063020130 --name โรงเรียนบ้านแม่ละเมา --district แม่สอด",
                           "e.g. nitet school add --code 1063020130 --name 'Ban Mae La Mao' --district 'Mae Sot'"))
    key = _digits(code, _key_length(ws), t("รหัสโรงเรียน", "school code"))
    assert key is not None
    data: dict[str, Any] = {"code": key, "smis": _digits(smis, 8, "SMIS"), "obec": _digits(obec, 6, t("รหัส สพฐ.", "OBEC code")),
            "name": (name or "").strip(), "district": district, "subdistrict": subdistrict, "network": network,
            "students": count(students, "--students"), "teachers": count(teachers, "--teachers"), "principal": principal,
            "dltv": dltv or None,
            "size": _size(size), "target": target or None, "note": note}
    _refuse_taken(context.load(), key, data["smis"], data["obec"])
    data = {k: v for k, v in data.items() if v is not None}
    path = writer.create(ws, ids.school_path(ws, key), School, data)
    derived = ws.config.school_sizes.size_of(data.get("students"))
    ui.say(t("บันทึกโรงเรียนแล้ว: {p}", "school saved: {p}", p=ws.rel(path)))
    if derived and not size:
        ui.say(t("ขนาดโรงเรียน (คำนวณจากนักเรียน {n} คน): {s}", "school size (from {n} pupils): {s}",
                 n=data["students"], s=size_label(derived)))
    ui.commit(ws, [path], t("nitet: เพิ่มโรงเรียน {c} {n}", "nitet: add school {c} {n}", c=key, n=data["name"]),
                        commit)
    if json_out:
        ui.print_json({"id": key, "path": ws.rel(path)})


@app.command("list", help=t("รายชื่อโรงเรียนในทะเบียน เรียงตามชื่อ", "registered schools, by name"))
def list_(
    network: NetworkOpt = None, district: DistrictOpt = None,
    target: Annotated[bool, typer.Option("--target", help=t("เฉพาะโรงเรียนกลุ่มเป้าหมาย", "target schools only"))] = False,
    json_out: JsonOpt = False,
) -> None:
    from nitet.cli import context, ui
    from nitet.domain.schools import thai_sort_key
    from nitet.domain.visits import same_network

    ws = context.workspace()
    loaded = context.load()
    ui.warn_left_out(loaded)
    entries = [e for e in loaded.of("school")
               if (network is None or same_network(e.data.get("network"), network))
               and (district is None or same_network(e.data.get("district"), district))
               and (not target or e.data.get("target"))]
    key = thai_sort_key(str(e.data.get("name", "")) for e in entries)
    entries.sort(key=lambda e: (key(str(e.data.get("name", ""))), e.id))
    rows = [school_json(ws, e) for e in entries]
    if json_out:
        ui.print_json(rows)
        return
    if not rows:
        ui.say(t("ยังไม่มีโรงเรียนในทะเบียน: เพิ่มด้วย 'nitet school add'", "no schools yet: add one with 'nitet school add'"))
        return
    from rich.text import Text

    from nitet.cli.thaiwrap import thai_table as Table

    table = Table(title=t("ทะเบียนโรงเรียน ({n} โรง)", "Schools ({n})", n=len(rows)))
    table.add_column(t("รหัส", "code"), no_wrap=True)
    table.add_column(t("ชื่อโรงเรียน", "name"), ratio=3, overflow="fold")
    table.add_column(t("อำเภอ", "district"), ratio=1, overflow="fold")
    table.add_column(t("เครือข่าย", "network"), ratio=1, overflow="fold")
    table.add_column(t("นักเรียน", "pupils"), justify="right", no_wrap=True)
    table.add_column(t("ขนาด", "size"), no_wrap=True)
    table.add_column("DLTV", justify="center")
    table.add_column(t("เป้าหมาย", "target"), justify="center")
    for r in rows:
        table.add_row(r["code"], Text(r["name"] or ""), Text(r["district"] or ""), Text(r["network"] or ""),
                      "" if r["students"] is None else f"{r['students']:,}", size_label(r["size"]),
                      "✓" if r["dltv"] else "", "★" if r["target"] else "")
    ui.out().print(table)


@app.command("show", help=t("ข้อมูลโรงเรียนและสรุปการนิเทศ", "one school and its visits"))
def show(
    school: Annotated[str, typer.Argument(help=t("รหัส รหัส SMIS/สพฐ. ชื่อ หรือส่วนหนึ่งของชื่อโรงเรียน",
                                                          "code, SMIS/OBEC code, name or part of it"),
                                         autocompletion=complete_school)],
    json_out: JsonOpt = False,
) -> None:
    from datetime import date

    from nitet.cli import context, schools, ui
    from nitet.core import thai
    from nitet.domain import visits

    ws = context.workspace()
    loaded = context.load()
    ui.warn_left_out(loaded)
    key = schools.school_key(loaded, school)
    info = school_json(ws, loaded.index("school")[key])
    today = date.today()
    all_visits = visits.select(loaded, school=key)
    fy_start, fy_end = thai.fiscal_year_range(thai.fiscal_year(today))
    this_fy = [e for e in all_visits if fy_start <= visits.visit_date(e) <= fy_end]
    last = all_visits[-1] if all_visits else None
    due = [f for f in visits.follow_ups_due(loaded, today, 36500) if f.school == key]
    if json_out:
        ui.print_json({**info, "visits": len(all_visits), "visits_this_fy": len(this_fy),
                       "last_visit": last.data["date"] if last else None, "last_visit_id": last.id if last else None,
                       "open_follow_ups": [{"visit": f.visit, "date": f.due.isoformat(), "action": f.action} for f in due]})
        return
    labels = {"code": t("รหัสโรงเรียน", "code"), "smis": "SMIS", "obec": t("รหัส สพฐ.", "OBEC"),
              "name": t("ชื่อ", "name"), "district": t("อำเภอ", "district"), "subdistrict": t("ตำบล", "subdistrict"),
              "network": t("เครือข่าย", "network"), "students": t("นักเรียน", "pupils"), "teachers": t("ครู", "teachers"),
              "principal": t("ผู้อำนวยการ", "principal"), "size": t("ขนาด", "size")}
    for field, label in labels.items():
        v = info.get(field)
        if v not in (None, ""):
            ui.data(f"{label}: {size_label(v) if field == 'size' else v}")
    flags = [t("DLTV", "DLTV")] * info["dltv"] + [t("โรงเรียนกลุ่มเป้าหมาย", "target school")] * info["target"]
    if flags:
        ui.data(", ".join(flags))
    ui.data(t("การนิเทศ: ทั้งหมด {n} ครั้ง, ปีงบประมาณ {fy} {m} ครั้ง", "visits: {n} in all, {m} in FY {fy}",
              n=len(all_visits), fy=thai.fiscal_year(today), m=len(this_fy)))
    if last:
        ui.data(t("นิเทศล่าสุด: {d} ({i})", "last visit: {d} ({i})",
                  d=thai.format_date(visits.visit_date(last)), i=last.id))
        if last.data.get("suggestions"):
            ui.data(t("ข้อเสนอแนะครั้งล่าสุด: {s}", "last suggestions: {s}", s=last.data["suggestions"]))
    for f in due:
        ui.data(t("ติดตามผล {d}: {a}", "follow up on {d}: {a}", d=thai.format_date(f.due), a=f.action or "-"))


@app.command("edit", help=t("แก้ข้อมูลโรงเรียน (คงความเห็นและลำดับในไฟล์)", "change a school (comments kept)"))
@writes
def edit(
    school: Annotated[str, typer.Argument(help=t("รหัส ชื่อ หรือส่วนหนึ่งของชื่อโรงเรียน", "code, name or part of it"),
                                         autocompletion=complete_school)],
    name: NameOpt = None, district: DistrictOpt = None, network: NetworkOpt = None,
    students: StudentsOpt = None, teachers: TeachersOpt = None,
    dltv: Annotated[bool | None, typer.Option("--dltv/--no-dltv", help=t("โรงเรียน DLTV", "a DLTV school"))] = None,
    target: Annotated[bool | None, typer.Option("--target/--no-target", help=t(
        "โรงเรียนกลุ่มเป้าหมาย", "a target school"))] = None,
    smis: SmisOpt = None, obec: ObecOpt = None, subdistrict: SubdistrictOpt = None, principal: PrincipalOpt = None,
    size: SizeOpt = None, note: NoteOpt = None, commit: CommitOpt = None,
) -> None:
    from nitet.cli import context, schools, ui
    from nitet.core.errors import UsageError
    from nitet.model import School
    from nitet.storage import writer

    ws = context.workspace()
    loaded = context.load()
    key = schools.school_key(loaded, school)
    entry = loaded.index("school")[key]

    def blank_or(value: str | None, check: Any) -> Any:
        return "" if value == "" else check(value)

    changes: dict[str, Any] = {
        "name": name, "district": district, "subdistrict": subdistrict, "network": network,
        "students": blank_or(students, lambda v: count(v, "--students")),
        "teachers": blank_or(teachers, lambda v: count(v, "--teachers")), "principal": principal, "note": note,
        "smis": blank_or(smis, lambda v: _digits(v, 8, "SMIS")),
        "obec": blank_or(obec, lambda v: _digits(v, 6, t("รหัส สพฐ.", "OBEC code"))),
        "size": _size(size), "dltv": None if dltv is None else (dltv or ""),
        "target": None if target is None else (target or "")}
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise UsageError(t("ไม่ได้ระบุสิ่งที่จะแก้", "nothing to change"),
                         t("เช่น nitet school edit {c} --students 120 (ค่า \"\" = ลบออก)",
                           "e.g. nitet school edit {c} --students 120 (\"\" removes a value)", c=key))
    if changes.get("name") == "":
        raise UsageError(t("ชื่อโรงเรียนต้องไม่ว่าง", "the name cannot be empty"))
    _refuse_taken(loaded, "", changes.get("smis"), changes.get("obec"), skip=key)

    path = ws.root / entry.path
    if not writer.apply_changes(ws, path, School, changes):
        ui.say(t("ไม่มีอะไรเปลี่ยน: {p}", "nothing changed: {p}", p=entry.path))
        return
    ui.say(t("แก้ไขแล้ว: {p}", "updated: {p}", p=entry.path))
    ui.commit(ws, [path], t("nitet: แก้ข้อมูลโรงเรียน {c} {n}", "nitet: update school {c} {n}",
                                      c=key, n=changes.get("name") or entry.data.get("name", "")), commit)


@app.command("unvisited", help=t("โรงเรียนที่ยังไม่ได้นิเทศในช่วงเวลา แยกตามเครือข่าย",
                                 "schools not visited in a period, by network"))
def unvisited(
    fy: Annotated[int | None, IntOption("--fy", help=t("ปีงบประมาณ (พ.ศ.) ค่าเริ่มต้น: ปีปัจจุบัน",
                                                          "fiscal year (BE), default: current"))] = None,
    quarter: Annotated[int | None, IntOption("--quarter", min=1, max=4, help=t(
        "ไตรมาส 1-4 (เว้นไว้ = ทั้งปี)", "quarter 1-4 (default: whole year)"))] = None,
    network: NetworkOpt = None,
    target: Annotated[bool, typer.Option("--target", help=t("เฉพาะโรงเรียนกลุ่มเป้าหมาย", "target schools only"))] = False,
    supervisor: Annotated[list[str] | None, SupervisorFilter(t(
        "โรงเรียนที่ผู้นิเทศคนนี้ยังไม่ได้นิเทศ (ซ้ำได้: ที่ยังไม่มีใครในรายชื่อนี้นิเทศ)",
        "schools this supervisor has not visited (repeatable: none of them has)"))] = None,
    json_out: JsonOpt = False,
) -> None:
    from datetime import date

    from nitet.cli import context, ui
    from nitet.core import thai
    from nitet.domain import periods, visits

    loaded = context.load()
    ui.warn_left_out(loaded)
    chosen = periods.fiscal_year(fy, quarter, date.today())
    if chosen.note:
        ui.say(chosen.note)
    start, end = visits.period(fy=chosen.fy, quarter=quarter)
    assert start is not None and end is not None
    items = [s for s in visits.unvisited(loaded, start, end, supervisors=supervisor)
             if (network is None or visits.same_network(s.network, network)) and (not target or s.target)]
    if json_out:
        ui.print_json([{"code": s.code, "name": s.name, "district": s.district, "network": s.network,
                        "target": s.target, "dltv": s.dltv,
                        "last_visit": s.last_visit.isoformat() if s.last_visit else None} for s in items])
        return
    span = f"{thai.format_date(start)} – {thai.format_date(end)}"
    total = sum(1 for e in loaded.of("school")  # out of the schools asked about, not the whole registry
                if (network is None or visits.same_network(e.data.get("network"), network))
                and (not target or e.data.get("target")))
    who = ", ".join(supervisor or [])
    if not items:
        ui.say(t("{w}นิเทศครบทุกโรงเรียนแล้วในช่วง {p} ({n} โรง)", "{w}every school was visited in {p} ({n})", p=span,
                 n=total, w=f"{who}: " if who else ""))
        return
    from rich.text import Text

    from nitet.cli.thaiwrap import thai_table as Table

    table = Table(title=t("โรงเรียนที่{w}ยังไม่ได้นิเทศ {p}: {n} จาก {m} โรง", "Not visited{w} {p}: {n} of {m}",
                          p=span, n=len(items), m=total, w=t(" {x} ", " by {x}", x=who) if who else ""))
    table.add_column(t("เครือข่าย", "network"), ratio=1, overflow="fold")
    table.add_column(t("รหัส", "code"), no_wrap=True)
    table.add_column(t("ชื่อโรงเรียน", "name"), ratio=2, overflow="fold")
    table.add_column(t("อำเภอ", "district"), ratio=1, overflow="fold")
    table.add_column(t("นิเทศล่าสุด", "last visit"), no_wrap=True)
    for net, group in visits.group_by_network(items):
        for i, s in enumerate(group):
            label = Text(net or t("(ไม่ระบุเครือข่าย)", "(no network)")) if i == 0 else ""
            name = Text(("★ " if s.target else "") + s.name, style="bold" if s.target else "")
            table.add_row(label, s.code, name, Text(s.district or ""),
                          thai.format_date(s.last_visit) if s.last_visit else t("ยังไม่เคย", "never"))
        table.add_section()
    ui.out().print(table)
    if any(s.target for s in items):
        ui.say(t("★ = โรงเรียนกลุ่มเป้าหมาย", "★ = target school"))
