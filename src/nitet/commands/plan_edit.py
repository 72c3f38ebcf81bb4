"""nitet plan copy | edit | activity add | indicator add — the parts of a plan people edited by hand."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from nitet.cli.completion import complete_plan
from nitet.cli.context import writes
from nitet.cli.options import IntOption
from nitet.core.i18n import t

PlanArg = Annotated[str, typer.Argument(help=t("รหัสโครงการ เช่น dltv-2569", "plan id, e.g. dltv-2569"),
                                        autocompletion=complete_plan)]
TitleOpt = Annotated[str, typer.Option("--title", help=t("ชื่อ", "title"))]
BudgetOpt = Annotated[str | None, typer.Option("--budget", help=t("งบประมาณ (บาท)", "budget (baht)"))]
JsonOpt = Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))]

activity_app = typer.Typer(no_args_is_help=True, help=t("กิจกรรมของโครงการ", "a plan's activities"))
indicator_app = typer.Typer(no_args_is_help=True, help=t("ตัวชี้วัดของโครงการ", "a plan's indicators"))


def register(app: typer.Typer) -> None:
    app.command("copy", help=t("ยกโครงการไปปีงบประมาณใหม่ (กิจกรรม ตัวชี้วัด ผู้รับผิดชอบ; ไม่มีผลการดำเนินงาน)",
                               "carry a project into a new fiscal year (activities, indicators, owner; no results)"))(writes(copy))
    app.command("edit", help=t("แก้ชื่อ งบประมาณ ผู้รับผิดชอบ หรือกระบวนงานของโครงการ (\"\" = ลบค่า)",
                               "change a plan's title, budget, owner or workflow (\"\" removes a value)"))(writes(edit))
    app.add_typer(activity_app, name="activity")
    app.add_typer(indicator_app, name="indicator")


def _entry(plan_id: str) -> Any:
    from nitet.commands.plan import _plan_entry

    return _plan_entry(plan_id)


def _money(text: str | None, what: str) -> int | float | None:
    from nitet.core.errors import UsageError
    from nitet.domain.plans import parse_number

    if text is None:
        return None
    value = parse_number(text, what)
    if value < 0:
        raise UsageError(t("{w} ติดลบไม่ได้", "{w} cannot be negative", w=what))
    return value


def copy(
    plan_id: PlanArg,
    fy: Annotated[int, IntOption("--fy", help=t("ปีงบประมาณใหม่ (พ.ศ.)", "the new fiscal year (BE)"))],
    new_id: Annotated[str | None, typer.Option("--id", help=t(
        "รหัสโครงการใหม่ (ค่าเริ่มต้น: เปลี่ยนปีในรหัสเดิม เช่น dltv-2569 → dltv-2570)",
        "the new plan's id (default: the year in the old id changed, dltv-2569 → dltv-2570)"))] = None,
    json_out: JsonOpt = False,
) -> None:
    from nitet.cli import context, ui
    from nitet.domain.plan_edit import copy_plan
    from nitet.domain.visits import period

    period(fy=fy)  # refuses a year that is not BE
    ws = context.workspace()
    e = _entry(plan_id)
    done = copy_plan(ws, context.load(), e, fy, new_id)
    if json_out:
        ui.print_json({"id": done.id, "path": ws.rel(done.path)})
    else:
        ui.data(done.id)
    d = e.data
    ui.say(t("ยกโครงการ {o} ไปปีงบประมาณ {y} แล้ว: {p} ({f}) — กิจกรรม {a} ตัวชี้วัด {i} ยังไม่มีผลการดำเนินงาน",
             "carried {o} into fiscal year {y}: {p} ({f}) — {a} activities, {i} indicators, no results yet",
             o=e.id, y=fy, p=done.id, f=ws.rel(done.path), a=len(d.get("activities") or []),
             i=len(d.get("indicators") or [])))
    if done.budgets:
        ui.say(t("งบประมาณคัดลอกมาจากปีงบประมาณ {y}: ถ้าปีใหม่ได้รับต่างไป แก้ด้วย nitet plan edit {p} --budget บาท",
                 "budgets were copied from fiscal year {y}: if the new year's differ, change them with "
                 "nitet plan edit {p} --budget AMOUNT", y=d["fiscal_year"], p=done.id))


def edit(
    plan_id: PlanArg,
    title: Annotated[str | None, typer.Option("--title", help=t("ชื่อโครงการ", "project title"))] = None,
    budget: BudgetOpt = None,
    owner: Annotated[str | None, typer.Option("--owner", help=t("ผู้รับผิดชอบโครงการ", "who is responsible"))] = None,
    workflow: Annotated[str | None, typer.Option("--workflow", help=t("รหัสกระบวนงาน", "workflow id"))] = None,
) -> None:
    from nitet.cli import context, ui
    from nitet.core.errors import DataError, UsageError
    from nitet.domain.plan_edit import edit_plan

    ws = context.workspace()
    e = _entry(plan_id)
    if workflow and workflow not in context.load().workflows():
        raise DataError(t("ไม่พบกระบวนงาน '{w}'", "workflow '{w}' does not exist", w=workflow),
                        t("ดูรหัสที่ใช้ได้ด้วย 'nitet flow list'", "see valid ids with 'nitet flow list'"))
    changes: dict[str, Any] = {
        "title": title.strip() if title is not None else None,
        "budget": "" if budget == "" else _money(budget, t("งบประมาณ", "budget")),
        "owner": " ".join(owner.split()) if owner is not None else None, "workflow": workflow}
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise UsageError(t("ไม่ได้ระบุสิ่งที่จะแก้", "nothing to change"),
                         t("เช่น nitet plan edit {p} --owner \"ชื่อ\" --budget 40000 (ค่า \"\" = ลบออก)",
                           "e.g. nitet plan edit {p} --owner NAME --budget 40000 (\"\" removes a value)", p=e.id))
    if not edit_plan(ws, e, changes):
        ui.say(t("ไม่มีอะไรเปลี่ยน: {p}", "nothing changed: {p}", p=e.path))
        return
    ui.say(t("แก้ไขแล้ว: {p}", "updated: {p}", p=e.path))


@activity_app.command("add", help=t("เพิ่มกิจกรรมในโครงการ", "add an activity to a plan"))
@writes
def activity_add(
    plan_id: PlanArg,
    title: TitleOpt,
    item_id: Annotated[str | None, typer.Option("--id", help=t(
        "รหัสกิจกรรม (ค่าเริ่มต้น: a ตามด้วยลำดับถัดไป)", "activity id (default: a and the next number)"))] = None,
    quarters: Annotated[str | None, typer.Option("--quarters", help=t(
        "ไตรมาสที่ดำเนินการ เช่น 1,2,3 หรือ 1-3", "the quarters it runs in, e.g. 1,2,3 or 1-3"))] = None,
    budget: BudgetOpt = None,
) -> None:
    from nitet.cli import context, ui
    from nitet.domain.plan_edit import add_item, parse_quarters

    ws = context.workspace()
    e = _entry(plan_id)
    item = {"id": item_id, "title": title.strip(), "quarters": parse_quarters(quarters) if quarters else None,
            "budget": _money(budget, t("งบประมาณ", "budget"))}
    done = add_item(ws, e, "activities", item)
    ui.data(done)
    ui.say(t("เพิ่มกิจกรรม {i} ในโครงการ {p} แล้ว", "added activity {i} to plan {p}", i=done, p=e.id))


@indicator_app.command("add", help=t("เพิ่มตัวชี้วัดในโครงการ", "add an indicator to a plan"))
@writes
def indicator_add(
    plan_id: PlanArg,
    title: TitleOpt,
    target: Annotated[str, typer.Option("--target", help=t("ค่าเป้าหมาย", "the target value"))],
    item_id: Annotated[str | None, typer.Option("--id", help=t(
        "รหัสตัวชี้วัด (ค่าเริ่มต้น: i ตามด้วยลำดับถัดไป)", "indicator id (default: i and the next number)"))] = None,
    unit: Annotated[str | None, typer.Option("--unit", help=t("หน่วยนับ เช่น โรงเรียน, ร้อยละ", "unit, e.g. schools, percent"))] = None,
    source: Annotated[str | None, typer.Option("--source", help=t(
        "ที่มาของผล: manual (กรอกเอง ค่าเริ่มต้น) หรือ visits (นับโรงเรียนที่ได้รับการนิเทศ)",
        "where the result comes from: manual (typed, the default) or visits (schools visited, counted)"))] = None,
    flt: Annotated[list[str] | None, typer.Option("--filter", help=t(
        "เงื่อนไขการนับ คีย์=ค่า (ซ้ำได้; ค่าหลายค่าคั่นด้วย ,) เช่น project=dltv",
        "what to count, KEY=VALUE (repeatable; several values with ,), e.g. project=dltv"))] = None,
) -> None:
    from nitet.cli import context, ui
    from nitet.domain.plan_edit import add_item
    from nitet.domain.plans import parse_number, parse_pairs

    ws = context.workspace()
    e = _entry(plan_id)
    pairs = parse_pairs(flt or [], "--filter")
    filters = {k: ([x.strip() for x in v.split(",") if x.strip()] if "," in v else v) for k, v in pairs.items()}
    item = {"id": item_id, "title": title.strip(), "unit": unit, "target": parse_number(target, "--target"),
            "source": source, "filter": filters or None}
    done = add_item(ws, e, "indicators", item)
    ui.data(done)
    ui.say(t("เพิ่มตัวชี้วัด {i} ในโครงการ {p} แล้ว", "added indicator {i} to plan {p}", i=done, p=e.id))
