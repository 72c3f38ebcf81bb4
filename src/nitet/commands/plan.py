"""nitet plan add | list | show | result — projects of the annual action plan (แผนปฏิบัติการ);
copy, edit and the activity/indicator commands live in ``plan_edit``."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from nitet.cli.completion import complete_plan
from nitet.cli.context import writes
from nitet.cli.options import IntOption
from nitet.core.i18n import t

app = typer.Typer(no_args_is_help=True)


def _plan_entry(plan_id: str) -> Any:
    from nitet.cli import context
    from nitet.core.errors import DataError

    loaded = context.load()
    entry = loaded.index("plan").get(plan_id)
    if entry is None:
        bad = [f for f in loaded.findings if f.file.endswith(f"plans/{plan_id}.yaml")]
        hint = (t("ไฟล์ของโครงการนี้มีข้อผิดพลาด: ดู 'nitet check'", "the plan's file has errors: see 'nitet check'")
                if bad else t("ดูรหัสโครงการด้วย 'nitet plan list'", "see plan ids with 'nitet plan list'"))
        raise DataError(t("ไม่พบโครงการ '{p}'", "plan '{p}' not found", p=plan_id), hint)
    return entry


@app.command("add", help=t("เพิ่มโครงการตามแผนปฏิบัติการ", "add an action-plan project"))
@writes
def add(
    plan_id: Annotated[str, typer.Option("--id", help=t("รหัสโครงการ เช่น dltv-2569", "plan id, e.g. dltv-2569"))],
    fy: Annotated[int, IntOption("--fy", help=t("ปีงบประมาณ (พ.ศ.)", "fiscal year (BE)"))],
    title: Annotated[str, typer.Option("--title", help=t("ชื่อโครงการ", "project title"))],
    budget: Annotated[str | None, typer.Option("--budget", help=t("งบประมาณ (บาท)", "budget (baht)"))] = None,
    workflow: Annotated[str | None, typer.Option("--workflow", help=t("รหัสกระบวนงาน", "workflow id"))] = None,
    owner: Annotated[str | None, typer.Option("--owner", help=t("ผู้รับผิดชอบโครงการ", "who is responsible"))] = None,
    json_out: Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))] = False,
) -> None:
    from nitet.cli import context, ui
    from nitet.core.errors import DataError, UsageError
    from nitet.domain.plans import PLAN_ID, parse_number
    from nitet.domain.visits import period
    from nitet.model import Plan
    from nitet.storage import ids, writer

    ws = context.workspace()
    if not PLAN_ID.match(plan_id):
        raise UsageError(t("รหัสโครงการ '{p}' ใช้ไม่ได้", "plan id '{p}' is not usable", p=plan_id),
                         t("ใช้ตัวอักษรอังกฤษ ตัวเลข - _ . เช่น dltv-2569", "use letters, digits, - _ . e.g. dltv-2569"))
    period(fy=fy)  # refuses a year that is not BE
    if workflow and workflow not in context.load().workflows():
        raise DataError(t("ไม่พบกระบวนงาน '{w}'", "workflow '{w}' does not exist", w=workflow),
                        t("ดูรหัสที่ใช้ได้ด้วย 'nitet flow list'", "see valid ids with 'nitet flow list'"))
    data: dict[str, Any] = {"id": plan_id, "fiscal_year": fy, "title": title.strip(), "workflow": workflow,
                            "owner": " ".join(owner.split()) if owner else None}
    if budget is not None:
        data["budget"] = parse_number(budget, t("งบประมาณ", "budget"))
    path = writer.create(ws, ids.plan_path(ws, plan_id), Plan, data)
    if json_out:
        ui.print_json({"id": plan_id, "path": ws.rel(path)})
    else:
        ui.data(plan_id)
        ui.say(t("บันทึกโครงการ {p} ที่ {f} แล้ว — เพิ่มกิจกรรมด้วย nitet plan activity add {p} --title ... --quarters 1,2 "
                 "และตัวชี้วัดด้วย nitet plan indicator add {p} --title ... --target ...",
                 "saved plan {p} in {f} — add activities with nitet plan activity add {p} --title ... --quarters 1,2 "
                 "and indicators with nitet plan indicator add {p} --title ... --target ...",
                 p=plan_id, f=ws.rel(path)))


@app.command("list", help=t("รายการโครงการ", "list projects"))
def list_(
    fy: Annotated[int | None, IntOption("--fy", help=t(
        "ปีงบประมาณ (พ.ศ.) ค่าเริ่มต้น: ปีปัจจุบัน", "fiscal year (BE); default: the current one"))] = None,
    every: Annotated[bool, typer.Option("--all", help=t("ทุกปีงบประมาณ", "every fiscal year"))] = False,
    json_out: Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))] = False,
) -> None:
    from datetime import date

    from rich.text import Text

    from nitet.cli import context, ui
    from nitet.cli.thaiwrap import thai_table as Table
    from nitet.domain import periods
    from nitet.domain.plans import spent_to

    loaded = context.load()
    ui.warn_left_out(loaded)
    if not every:
        chosen = periods.fiscal_year(fy, None, date.today())
        fy = chosen.fy
        if chosen.note:
            ui.say(t("{n} (ทุกปี: --all)", "{n} (every year: --all)", n=chosen.note))
    plans = sorted((e for e in loaded.of("plan") if fy is None or e.data["fiscal_year"] == fy),
                   key=lambda e: (e.data["fiscal_year"], e.id))
    rows = [{"id": e.id, "fiscal_year": e.data["fiscal_year"], "title": e.data["title"],
             "budget": e.data.get("budget"), "spent": spent_to(e.data, 4),
             "quarters_reported": sorted({r["quarter"] for r in e.data.get("results", [])}), "path": e.path}
            for e in plans]
    if json_out:
        ui.print_json(rows)
        return
    if not rows:
        others = sorted({int(e.data["fiscal_year"]) for e in loaded.of("plan")})
        if others and fy is not None:
            last = max(others)
            sample = sorted(e.id for e in loaded.of("plan") if e.data["fiscal_year"] == last)[0]
            ui.say(t("ยังไม่มีโครงการของปีงบประมาณ {y} (มีของปีงบประมาณ {o}) — ยกโครงการไปปีใหม่ด้วย "
                     "nitet plan copy {p} --fy {y} · ทุกปี: nitet plan list --all",
                     "no plan of fiscal year {y} yet (there are plans of {o}) — carry one into the new year with "
                     "nitet plan copy {p} --fy {y} · every year: nitet plan list --all",
                     y=fy, o=", ".join(map(str, others)), p=sample))
        else:
            ui.say(t("ยังไม่มีโครงการ — เพิ่มด้วย 'nitet plan add'", "no plans yet — add one with 'nitet plan add'"))
        return
    table = Table(t("รหัส", "id"), t("ปีงบฯ", "FY"), t("โครงการ", "title"), t("งบประมาณ", "budget"),
                  t("เบิกจ่ายแล้ว", "spent"), t("ไตรมาสที่รายงาน", "quarters reported"))
    for r in rows:
        table.add_row(Text(r["id"]), str(r["fiscal_year"]), Text(r["title"]),
                      "-" if r["budget"] is None else f"{r['budget']:,.2f}", f"{r['spent']:,.2f}",
                      ", ".join(map(str, r["quarters_reported"])) or "-")
    ui.out().print(table)


@app.command("show", help=t("รายละเอียดโครงการ", "show one project"))
def show(
    plan_id: Annotated[str, typer.Argument(help=t("รหัสโครงการ", "plan id"))],
    json_out: Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))] = False,
) -> None:
    from rich.text import Text

    from nitet.cli import ui
    from nitet.cli.thaiwrap import thai_table as Table
    from nitet.model.plan import ACTIVITY_STATUS_TH

    e = _plan_entry(plan_id)
    d = e.data
    if json_out:
        ui.print_json({**d, "id": e.id, "path": e.path})
        return
    console = ui.out()
    console.print(Text(f"{e.id}: {d['title']}"))
    console.print(Text(t("ปีงบประมาณ {y}  งบประมาณ {b}  ไฟล์ {f}", "FY {y}  budget {b}  file {f}", y=d["fiscal_year"],
                         b="-" if d.get("budget") is None else f"{d['budget']:,.2f}", f=e.path)))
    acts = Table(t("รหัส", "id"), t("กิจกรรม", "activity"), t("ไตรมาส", "quarters"), t("งบประมาณ", "budget"),
                 *[t("ไตรมาส {q}", "Q{q}", q=r["quarter"]) for r in d.get("results", [])],
                 title=t("กิจกรรม", "activities"))
    for a in d.get("activities", []):
        statuses = [ACTIVITY_STATUS_TH.get(r.get("activities", {}).get(a["id"], ""), "") for r in d.get("results", [])]
        acts.add_row(Text(a["id"]), Text(a["title"]), ", ".join(map(str, a.get("quarters", []))),
                     "-" if a.get("budget") is None else f"{a['budget']:,.2f}", *statuses)
    console.print(acts)
    inds = Table(t("รหัส", "id"), t("ตัวชี้วัด", "indicator"), t("เป้าหมาย", "target"), t("ที่มา", "source"),
                 title=t("ตัวชี้วัด", "indicators"))
    for i in d.get("indicators", []):
        source = i.get("source", "manual")
        if i.get("filter"):
            source += " " + ", ".join(f"{k}={v}" for k, v in i["filter"].items())
        inds.add_row(Text(i["id"]), Text(i["title"]), Text(f"{i['target']:g} {i.get('unit') or ''}"), Text(source))
    console.print(inds)
    for r in d.get("results", []):
        console.print(Text(t("ไตรมาส {q}: เบิกจ่าย {s:,.2f} บาท", "Q{q}: spent {s:,.2f}", q=r["quarter"],
                             s=float(r.get("spent", 0)))))
        for k, v in (r.get("indicators") or {}).items():
            console.print(Text(f"  {k} = {v:g}"))
        for label, key in ((t("ปัญหาอุปสรรค", "problems"), "problems"), (t("ข้อเสนอแนะ", "suggestions"), "suggestions")):
            if r.get(key):
                console.print(Text(f"  {label}: {r[key]}"))


@app.command("result", help=t("บันทึกผลการดำเนินงานรายไตรมาส (สร้างหรือแก้ไข)", "record a quarter's result (create or update)"))
@writes
def result(
    plan_id: Annotated[str, typer.Option("--plan", help=t("รหัสโครงการ", "plan id"), autocompletion=complete_plan)],
    quarter: Annotated[int, IntOption("--quarter", help=t("ไตรมาส 1–4", "quarter 1-4"))],
    spent: Annotated[str | None, typer.Option("--spent", help=t("เบิกจ่ายในไตรมาส (บาท)", "money spent in the quarter"))] = None,
    activity: Annotated[list[str] | None, typer.Option(
        "--activity", help=t("สถานะกิจกรรม รหัส=done|in_progress|not_started (ซ้ำได้)", "activity status ID=STATUS (repeatable)"))] = None,
    indicator: Annotated[list[str] | None, typer.Option(
        "--indicator", help=t("ผลตัวชี้วัด รหัส=ค่า (ซ้ำได้)", "indicator value ID=VALUE (repeatable)"))] = None,
    outcome: Annotated[list[str] | None, typer.Option(
        "--outcome", help=t("ผลการดำเนินงานของกิจกรรม รหัส=ข้อความสั้น (ซ้ำได้) เช่น a1=\"นิเทศ ๕ โรงเรียน\"",
                            "an activity's result ID=SHORT TEXT (repeatable)"))] = None,
    problems: Annotated[str | None, typer.Option("--problems", help=t("ปัญหาอุปสรรค", "problems"))] = None,
    suggestions: Annotated[str | None, typer.Option("--suggestions", help=t("ข้อเสนอแนะ", "suggestions"))] = None,
) -> None:
    from nitet.cli import context, identity, ui
    from nitet.core.errors import UsageError
    from nitet.domain.plans import (
        apply_result,
        check_result_ids,
        parse_number,
        parse_pairs,
        parse_status,
    )
    from nitet.model import Plan
    from nitet.storage import writer

    if quarter not in (1, 2, 3, 4):
        raise UsageError(t("ไตรมาสต้องเป็น 1 ถึง 4 (ได้ {q})", "quarter must be 1 to 4 (got {q})", q=quarter))
    statuses = {k: parse_status(v) for k, v in parse_pairs(activity or [], "--activity").items()}
    values = {k: parse_number(v, f"--indicator {k}") for k, v in parse_pairs(indicator or [], "--indicator").items()}
    texts = parse_pairs(outcome or [], "--outcome")
    money = parse_number(spent, "--spent") if spent is not None else None
    if money is not None and money < 0:
        raise UsageError(t("เงินเบิกจ่ายติดลบไม่ได้", "spent cannot be negative"))
    if money is None and not statuses and not values and not texts and problems is None and suggestions is None:
        raise UsageError(t("ไม่มีอะไรให้บันทึก", "nothing to record"),
                         t("ระบุอย่างน้อยหนึ่งอย่าง: --spent --activity --outcome --indicator --problems --suggestions",
                           "give at least one of --spent --activity --outcome --indicator --problems --suggestions"))
    ws = context.workspace()
    e = _plan_entry(plan_id)
    check_result_ids(e.data, [*statuses, *texts], values)
    writer.edit(ws, ws.root / e.path, Plan, lambda doc: apply_result(
        doc, quarter, spent=money, activities=statuses, indicators=values, outcomes=texts,
        problems=problems.strip() if problems is not None else None,
        suggestions=suggestions.strip() if suggestions is not None else None, by=identity.me(ws) or None))
    ui.say(t("บันทึกผลไตรมาสที่ {q} ของโครงการ {p} ใน {f} แล้ว", "recorded quarter {q} of plan {p} in {f}",
             q=quarter, p=plan_id, f=e.path))


from nitet.commands import plan_edit  # noqa: E402  (plan copy, edit, activity add, indicator add)

plan_edit.register(app)
