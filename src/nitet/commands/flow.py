"""nitet flow ...: the manual's work processes (workflows) and their runs (cases)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from nitet.cli.completion import complete_case, complete_workflow
from nitet.cli.context import writes
from nitet.core.i18n import t

if TYPE_CHECKING:
    from datetime import date

app = typer.Typer(no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))]
CaseArg = Annotated[str, typer.Argument(
    help=t("รหัสงาน (พิมพ์เพียงส่วนต้นที่ไม่ซ้ำก็ได้)", "case id (or a unique prefix)"),
    autocompletion=complete_case, show_default=False)]
WorkflowArg = Annotated[str, typer.Argument(
    help=t("รหัสกระบวนงาน (ดู nitet flow list)", "workflow id (see nitet flow list)"),
    autocompletion=complete_workflow, show_default=False)]
DateOpt = Annotated[str | None, typer.Option(
    "--date", help=t("วันที่ (ค่าเริ่มต้น: วันนี้) เช่น 25/11/2569", "date (default: today), e.g. 2026-11-25"))]
CommitOpt = Annotated[bool | None, typer.Option("--commit/--no-commit", help=t(
    "commit git หลังบันทึก (ค่าเริ่มต้นตาม autocommit ใน nitet.yaml)",
    "git commit after saving (default: autocommit of nitet.yaml)"))]


@app.command("list", help=t("รายการกระบวนงาน: รหัส ชื่อ จำนวนขั้นตอน", "workflows: id, title, number of steps"))
def list_(json_out: JsonOpt = False) -> None:
    from nitet.cli import context, ui

    loaded = context.load()
    ui.warn_left_out(loaded)
    wfs = sorted(loaded.models("workflow"), key=lambda w: w.id)
    if json_out:
        ui.print_json([{"id": w.id, "title": w.title, "steps": len(w.steps), "source": w.source}
                       for w in wfs])
        return
    from nitet.cli.thaiwrap import thai_table as Table

    table = Table(title=t("กระบวนงาน", "Workflows"))
    table.add_column(t("รหัส", "id"))
    table.add_column(t("ชื่อกระบวนงาน", "title"))
    table.add_column(t("ขั้นตอน", "steps"), justify="right")
    table.add_column(t("ที่มา", "source"))
    for w in wfs:
        table.add_row(w.id, w.title, str(len(w.steps)),
                      t("คู่มือ", "manual") if w.source == "manual" else t("nitet เพิ่ม", "added"))
    ui.out().print(table)


def _day(text: str | None) -> date:
    from datetime import date

    from nitet.core.errors import UsageError
    from nitet.core.thai import DateParseError, parse_date

    if text is None:
        return date.today()
    try:
        return parse_date(text)
    except DateParseError as e:
        raise UsageError(e.message, t("ตรวจค่าของ --date", "check the value of --date")) from None


def _fy(text: str | None, day: date) -> int:
    """``--fy`` in Arabic or Thai digits (2569 / ๒๕๖๙); default: the fiscal year of ``day``."""
    from nitet.core.errors import UsageError
    from nitet.core.thai import fiscal_year, to_arabic_digits

    if text is None:
        return fiscal_year(day)
    digits = to_arabic_digits(text.strip())
    fy = int(digits) if digits.isascii() and digits.isdigit() else 0
    if not 2500 <= fy <= 2700:
        raise UsageError(
            t("ปีงบประมาณ {y} ไม่ถูกต้อง", "fiscal year {y} is not valid", y=text),
            t("ระบุเป็นปี พ.ศ. เช่น --fy 2569", "give the Buddhist Era year, e.g. --fy 2569"))
    return fy


def _text(value: str | None, option: str) -> str | None:
    from nitet.core.errors import UsageError

    if value is not None and not value.strip():
        raise UsageError(t("{o} ว่างเปล่า", "{o} is empty", o=option),
                         t("ใส่ข้อความหลัง {o}", "give some text after {o}", o=option))
    return value


@app.command("show", help=t("แสดงกระบวนงานเป็นโครงร่าง: ลักษณะงาน กฎหมาย บุคคล ขั้นตอน หลักฐาน กำหนดเวลา",
                            "a workflow as an outline: nature, references, roles, steps, evidence, due"))
def show(
    workflow: WorkflowArg,
    fy: Annotated[str | None, typer.Option(
        "--fy", help=t("แสดงวันครบกำหนดของปีงบประมาณนี้", "show due dates of this fiscal year"))] = None,
    json_out: JsonOpt = False,
) -> None:
    from nitet.cli import context, ui
    from nitet.cli.flow_render import workflow_outline
    from nitet.domain import flows

    loaded = context.load()
    wf = flows.find_workflow(loaded, workflow)
    path = next((e.path for e in loaded.of("workflow") if e.id == wf.id), "")
    if json_out:
        ui.print_json({**wf.model_dump(mode="json", exclude_none=True), "path": path})
        return
    ui.out().print(workflow_outline(wf, path, _fy(fy, _day(None)) if fy is not None else None), markup=False)


@app.command("start", help=t("เริ่มงานตามกระบวนงาน: พิมพ์รหัสงาน", "start a case of a workflow; prints its id"))
@writes
def start(
    workflow: WorkflowArg,
    title: Annotated[str, typer.Option("--title", help=t("ชื่องาน เช่น การนิเทศแบบบูรณาการ ปีงบประมาณ 2569",
                                                         "case title"), show_default=False)],
    fy: Annotated[str | None, typer.Option("--fy", help=t(
        "ปีงบประมาณ (พ.ศ.) ค่าเริ่มต้น: ปีงบประมาณของวันเริ่ม", "fiscal year (BE); default: that of the start date"))] = None,
    day: DateOpt = None,
    commit: CommitOpt = None,
    json_out: JsonOpt = False,
) -> None:
    from nitet.cli import context, ui
    from nitet.domain import cases, flows

    _text(title, "--title")
    started = _day(day)
    year = _fy(fy, started)
    ws = context.workspace()
    loaded = context.load()
    wf = flows.find_workflow(loaded, workflow)
    same = [e.id for e in loaded.of("case") if e.data.get("workflow") == wf.id
            and e.data.get("fiscal_year") == year and e.data.get("status") == "active"]
    path = cases.start_case(ws, loaded, wf.id, title, year, started)
    if same:
        ui.say(t("หมายเหตุ: มีงานของกระบวนงานนี้ในปีงบประมาณ {y} ที่ยังดำเนินการอยู่แล้ว: {c}",
                 "note: active cases of this workflow in FY {y} already exist: {c}", y=year, c=", ".join(same)))
    ui.say(t("เริ่มงาน {c} ({w}) แล้ว ขั้นตอนแรก: {s}", "started {c} ({w}); first step: {s}",
             c=path.stem, w=wf.title, s=wf.leaves()[0].id))
    ui.commit(ws, [path], t("nitet: เริ่มงาน {c} {x}", "nitet: start case {c} {x}", c=path.stem, x=title),
                        commit)
    if json_out:
        ui.print_json({"id": path.stem, "path": ws.rel(path)})
    else:
        ui.data(path.stem)


@app.command("advance", help=t(
    "บันทึกว่าขั้นตอนของงานเสร็จ (วันที่ บันทึก หลักฐาน การนิเทศที่เกี่ยวข้อง): ขั้นตอนปัจจุบัน "
    "หรือขั้นตอนย่อยที่ดำเนินการคู่ขนานขั้นตอนใดก็ได้ (--step)",
    "complete a step of a case (date, note, evidence, linked visits): the current one, or any strand "
    "of a step whose sub-steps run side by side (--step)"))
@writes
def advance(
    case: CaseArg,
    note: Annotated[str | None, typer.Option("--note", help=t("บันทึกของขั้นตอนนี้", "a note on this step"))] = None,
    evidence: Annotated[list[str] | None, typer.Option(
        "--evidence", help=t("ไฟล์หลักฐานในพื้นที่ทำงาน (ซ้ำได้)", "an evidence file in the workspace (repeatable)"))] = None,
    visit: Annotated[list[str] | None, typer.Option(
        "--visit", help=t("รหัสบันทึกการนิเทศที่เกี่ยวข้อง (ซ้ำได้)", "a linked visit id (repeatable)"))] = None,
    record: Annotated[list[str] | None, typer.Option(
        "--record", help=t("ระเบียนใดก็ได้ที่เป็นหลักฐานของขั้นตอน เช่น ผลการคัดกรองการอ่านการเขียน: รหัสหรือที่อยู่ไฟล์ (ซ้ำได้)",
                           "any record that is evidence of the step, e.g. a screening result: its id or path (repeatable)"))] = None,
    day: DateOpt = None,
    step: Annotated[str | None, typer.Option(
        "--step", help=t("เลขขั้นตอนที่เสร็จ: ขั้นตอนปัจจุบัน หรือขั้นตอนย่อยที่ดำเนินการคู่ขนานขั้นตอนใดก็ได้ "
                         "(ต้องระบุเมื่อมีหลายขั้นตอนดำเนินการพร้อมกัน)",
                         "the step that is done: the current one, or any open strand of a parallel step "
                         "(needed when several are open)"))] = None,
    force: Annotated[str | None, typer.Option(
        "--force", help=t("บันทึกแม้ยังไม่มีหลักฐานที่กระบวนงานกำหนดให้ต้องมี โดยระบุเหตุผล (บันทึกไว้ในงาน)",
                          "complete without the evidence the workflow requires; the reason is recorded"))] = None,
    commit: CommitOpt = None,
    json_out: JsonOpt = False,
) -> None:
    from datetime import date

    from nitet.cli import context, identity, ui
    from nitet.core.thai import format_date
    from nitet.domain import cases, flows

    _text(note, "--note")
    _text(force, "--force")
    when = _day(day)
    ws = context.workspace()
    loaded = context.load()
    entry = flows.find_case(loaded, case)
    wf = flows.case_workflow(loaded, entry)
    if step is None and entry.data.get("status", "active") == "active" and context.interactive():
        step = _ask_strand(entry, wf)
    result = cases.advance_case(ws, loaded, entry, day=when, note=note, evidence=evidence or [],
                                visits=visit or [], records=record or [], expect_step=step, force=force,
                                by=identity.me(ws))
    if result.already is not None:
        sid, done_on = result.already
        ui.say(t("ขั้นตอน {s} เสร็จแล้วพร้อมขั้นตอนย่อย ({d}): ไม่มีสิ่งใดต้องบันทึกเพิ่ม",
                 "step {s} is already done with its sub-steps ({d}): nothing more to record",
                 s=sid, d=format_date(date.fromisoformat(done_on)) if done_on else "-"))
    else:
        ui.commit(ws, [ws.root / entry.path], t(
            "nitet: งาน {c} ขั้นตอน {s} เสร็จ", "nitet: case {c} step {s} done", c=entry.id, s=result.steps[0]), commit,
            evidence=result.evidence)
    for sid in result.steps:
        s = wf.step(sid)
        ui.say(t("✓ ขั้นตอน {s} เสร็จ ({d}): {x}", "✓ step {s} done ({d}): {x}",
                 s=sid, d=format_date(when), x=s.title if s else ""))
    if result.forced:
        ui.say(t("บันทึกเหตุผลที่ข้ามหลักฐานไว้แล้ว: {r}", "recorded why evidence was skipped: {r}", r=force))
    if result.suggested:
        from nitet.cli.flow_render import origin_mark

        items = "; ".join(e.title + (f" {origin_mark(e.origin)}" if e.origin == "added" else "")
                          for e in result.suggested)
        ui.say(t("คำเตือน: ขั้นตอน {s} ยังไม่มีหลักฐานที่แนะนำ ({e}) — บันทึกว่าเสร็จแล้ว แนบภายหลังได้โดยแก้ไฟล์ {p} "
                 "หรือครั้งหน้าใช้ --evidence ไฟล์, --visit รหัส หรือ --record รหัสระเบียน",
                 "warning: step {s} has none of its suggested evidence ({e}) — recorded as done; attach it later by "
                 "editing {p}, or next time give --evidence FILE, --visit ID or --record ID",
                 s=result.steps[0], e=items, p=entry.path))
    if result.finished:
        ui.say(t("งาน {c} เสร็จครบทุกขั้นตอนแล้ว", "case {c} is done: every step is complete", c=entry.id))
    elif len(result.open) > 1:
        ui.say(t("ขั้นตอนที่ดำเนินการคู่ขนานได้: {s}", "steps open side by side: {s}",
                 s="; ".join(f"{i} {x.title}" if (x := wf.step(i)) else i for i in result.open)))
    elif result.next_step:
        nxt = wf.step(result.next_step)
        ui.say(t("ขั้นตอนต่อไป: {s} {x}", "next step: {s} {x}", s=result.next_step, x=nxt.title if nxt else ""))
    if json_out:
        loaded = context.load()
        ui.print_json(flows.case_report(loaded, flows.find_case(loaded, entry.id), date.today()))


def _ask_strand(entry: Any, wf: Any) -> str | None:
    """On a terminal, when several strands are open and --step is not given: ask which one is done."""
    from nitet.cli import prompts
    from nitet.domain import flows

    progress = flows.case_progress(entry, wf)
    if len(progress.open) < 2:
        return None
    prompts.say(t("งาน {c} มีขั้นตอนที่ดำเนินการคู่ขนานได้ {n} ขั้นตอน", "case {c} has {n} steps open side by side",
                  c=entry.id, n=len(progress.open)))
    options = [(i, f"{i} {s.title}" if (s := wf.step(i)) else i) for i in progress.open]
    try:
        picked = prompts.choose_numbered(t("ขั้นตอนที่เสร็จ (หมายเลข)", "The step that is done (number)"), options)
    except prompts.Cancelled as c:
        raise typer.Exit(c.exit_code) from None
    return picked[0] if picked else None


@app.command("status", help=t("กระดานงานทั้งหมด หรือรายละเอียดงานหนึ่งงานทีละขั้นตอน",
                              "a board of all cases, or one case step by step"))
def status(
    case: Annotated[str | None, typer.Argument(
        help=t("รหัสงาน (ไม่ระบุ: แสดงทุกงาน)", "case id (none: every case)"),
        autocompletion=complete_case, show_default=False)] = None,
    json_out: JsonOpt = False,
) -> None:
    from datetime import date

    from nitet.cli import context, ui
    from nitet.cli.flow_render import board, case_detail
    from nitet.domain import flows

    loaded = context.load()
    ui.warn_left_out(loaded)
    today = date.today()
    if case is not None:
        report = flows.case_report(loaded, flows.find_case(loaded, case), today)
        if json_out:
            ui.print_json(report)
            return
        schools = {e.id: e.data.get("name", "") for e in loaded.of("school")}
        ui.out().print(case_detail(report, schools))
        return
    reports = []
    for e in sorted(loaded.of("case"), key=_board_order):
        try:
            reports.append(flows.case_report(loaded, e, today))
        except Exception as err:  # a case of an unknown workflow: shown by 'nitet check'
            from nitet.core.errors import DataError

            if not isinstance(err, DataError):
                raise
            ui.say(t("ข้าม {c}: {m}", "skipped {c}: {m}", c=e.id, m=err.message))
    if json_out:
        ui.print_json(reports)
        return
    if not reports:
        ui.say(t("ยังไม่มีงาน: เริ่มด้วย 'nitet flow start WORKFLOW --title ...'",
                 "no cases yet: start one with 'nitet flow start WORKFLOW --title ...'"))
        return
    ui.out().print(board(reports, ui.out().width))


def _board_order(e: Any) -> tuple[int, int, str, str]:
    rank = {"active": 0, "done": 1, "cancelled": 2}.get(e.data.get("status", "active"), 3)
    return (rank, -int(e.data.get("fiscal_year", 0)), e.data.get("workflow", ""), e.data.get("started", ""))


@app.command("cancel", help=t("ยกเลิกงาน (ระบุเหตุผล)", "cancel a case (with a reason)"))
@writes
def cancel(
    case: CaseArg,
    reason: Annotated[str, typer.Option("--reason", help=t("เหตุผลที่ยกเลิก", "why the case is cancelled"),
                                        show_default=False)],
    day: DateOpt = None,
    commit: CommitOpt = None,
) -> None:
    from nitet.cli import context, ui
    from nitet.domain import cases, flows

    _text(reason, "--reason")
    when = _day(day)
    ws = context.workspace()
    loaded = context.load()
    entry = flows.find_case(loaded, case)
    cases.cancel_case(ws, entry, reason, when)
    ui.say(t("ยกเลิกงาน {c} แล้ว", "cancelled {c}", c=entry.id))
    ui.commit(ws, [ws.root / entry.path], t(
        "nitet: ยกเลิกงาน {c}", "nitet: cancel case {c}", c=entry.id), commit)
