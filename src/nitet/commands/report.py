"""nitet report krs | visits | screening — Markdown (stdout or -o) or Excel (-o FILE.xlsx)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from nitet.cli.options import IntOption
from nitet.cli.output import ForceOpt
from nitet.commands.visit_options import SupervisorsOnly
from nitet.core.i18n import t

app = typer.Typer(no_args_is_help=True)

FormatOpt = Annotated[str | None, typer.Option(
    "--format", help=t("md (Markdown, ค่าเริ่มต้น) หรือ xlsx (Excel)", "md (Markdown, default) or xlsx (Excel)"))]
OutputOpt = Annotated[Path | None, typer.Option(
    "-o", "--output", help=t("เขียนลงไฟล์ (เทียบกับโฟลเดอร์ที่เริ่มคำสั่ง; ไม่ระบุ: Markdown ออกทางหน้าจอ)",
                             "write to this file (relative to the folder you are in; default: Markdown to stdout)"),
    dir_okay=False)]
WorkspacesOpt = Annotated[list[Path] | None, typer.Option(
    "--workspace", help=t("รวมรายงานจากหลายพื้นที่ทำงาน (อ่านอย่างเดียว ระบุซ้ำได้)",
                          "combine several workspaces (read-only; repeatable)"), file_okay=False)]
DateOpt = Annotated[str | None, typer.Option(
    "--date", help=t("วันที่รายงาน (ค่าเริ่มต้น: วันนี้; กับ --as-of: วันที่ของ commit นั้น)",
                     "date of the report (default: today; with --as-of: that commit's date)"))]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", help=t("ออกรายงานจากระเบียนตามที่เป็นใน commit นี้ (รหัส commit, แท็ก, HEAD~1) หรือ commit ล่าสุดในหรือก่อนวันที่นี้",
                      "build the report from the records as they were at this git revision (a commit, a tag, HEAD~1) "
                      "or at the last commit on or before this date"), show_default=False)]


@dataclass
class Snapshot:
    """The records a report reads: the workspace now, or as they were at a revision (``--as-of``)."""
    revision: Any = None   #: nitet.storage.revision.Revision, or None outside git
    root: Path | None = None  #: the workspace's files at that revision (a temporary folder), or None: now
    live: Any = None       #: the workspace the command runs in


@contextmanager
def _snapshot(as_of: str | None, workspaces: list[Path] | None) -> Iterator[Snapshot]:
    """The workspace now (and its revision), or — with ``--as-of`` — its files at that revision,
    extracted into a temporary folder that is removed when the report is written."""
    import tempfile

    from nitet.cli import context
    from nitet.core.errors import UsageError
    from nitet.storage import revision

    if as_of is None:
        ws = None if workspaces else context.workspace()
        yield Snapshot(revision.current(ws) if ws is not None else None, None, ws)
        return
    if workspaces:
        raise UsageError(t("--as-of ใช้ร่วมกับ --workspace ไม่ได้", "--as-of cannot be combined with --workspace"),
                         t("ออกรายงานย้อนหลังของแต่ละพื้นที่ทำงานแยกกันด้วย -C โฟลเดอร์",
                           "report each workspace as it was on its own, with -C FOLDER"))
    ws = context.workspace()
    rev = revision.resolve(ws, as_of)
    with tempfile.TemporaryDirectory(prefix="nitet-as-of-") as tmp:
        yield Snapshot(rev, revision.extract(ws, rev, Path(tmp)), ws)


def _sources(workspaces: list[Path] | None, snap: Snapshot | None = None) -> Any:
    """The records to report on: this workspace (now, or at the snapshot's revision), or the
    --workspace folders side by side."""
    from nitet.cli import context
    from nitet.reports.sources import Sources
    from nitet.storage.loader import load
    from nitet.storage.workspace import open_workspace

    if snap is not None and snap.root is not None:
        return Sources([load(open_workspace(snap.root), use_cache=False)], who=snap.live)
    if not workspaces:
        return Sources([load(context.workspace())])
    # other supervisors' folders: read only, so no cache is written there
    return Sources([load(open_workspace(p), use_cache=False) for p in workspaces])


def _report_date(text: str | None, snap: Snapshot | None = None) -> Any:
    from datetime import date

    from nitet.core.errors import UsageError
    from nitet.core.thai import DateParseError, parse_date

    if text is None:
        return snap.revision.day if snap is not None and snap.root is not None else date.today()
    try:
        return parse_date(text)
    except DateParseError as e:
        raise UsageError(str(e)) from None


def _target(fmt: str | None, output: Path | None, force: bool, default_name: str) -> tuple[str, Path | None]:
    """The format and the file to write (None: Markdown to stdout), vetted by the ``-o`` rule
    before any work is done."""
    from nitet.cli.output import output_path
    from nitet.core.errors import UsageError

    if fmt is None:
        fmt = "xlsx" if output is not None and output.suffix.lower() == ".xlsx" else "md"
    if fmt not in ("md", "xlsx"):
        raise UsageError(t("ไม่รู้จักรูปแบบ '{f}'", "unknown format '{f}'", f=fmt),
                         t("ใช้ --format md หรือ --format xlsx", "use --format md or --format xlsx"))
    if output is None and fmt == "xlsx":
        output = Path(f"{default_name}.xlsx")
    return fmt, (output_path(output, fmt, force=force) if output is not None else None)


def _emit(report: Any, template: str, fmt: str, output: Path | None, sources: Any, snap: Snapshot) -> None:
    from nitet.cli import ui
    from nitet.storage import revision
    from nitet.storage.atomic import atomic_write

    report.revision = revision.text(snap.revision)
    if snap.root is not None:
        ui.say(t("รายงานจากระเบียนตามที่เป็นใน commit {r} ({d})", "the report is built from the records as they were "
                 "at commit {r} ({d})", r=snap.revision.short, d=snap.revision.day.isoformat()))

    ui.warn_left_out(*sources.loads)
    for note in sources.notes():
        ui.say(note)
    if report.empty:
        ui.say(t("ไม่มีข้อมูลที่ต้องรายงานในช่วงนี้", "nothing to report for this period"))
    if fmt == "xlsx":
        from nitet.reports import render_xlsx

        assert output is not None
        render_xlsx.save(render_xlsx.render(report), output, report.report_date)
        ui.say(t("บันทึกรายงาน Excel ที่ {p} แล้ว", "saved the Excel report to {p}", p=output))
        return
    from nitet.reports.render_md import render

    text = render(template, report, sources.ws)
    if output is None:
        ui.data(text)
    else:
        atomic_write(output, text)
        ui.say(t("บันทึกรายงานที่ {p} แล้ว", "saved the report to {p}", p=output))


@app.command("krs", help=t("รายงานผลการปฏิบัติงานตามแผนปฏิบัติการรายไตรมาส (KRS)", "quarterly action-plan report (KRS)"))
def krs(
    fy: Annotated[int | None, IntOption("--fy", help=t(
        "ปีงบประมาณ (พ.ศ.) ค่าเริ่มต้น: ปีของรายงานที่ต้องส่งถัดไป", "fiscal year (BE); default: that of the report due next"))] = None,
    quarter: Annotated[int | None, IntOption("--quarter", help=t(
        "ไตรมาส 1–4 ค่าเริ่มต้น: ไตรมาสที่ต้องส่งรายงานถัดไป", "quarter 1-4; default: the one whose report is due next"))] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    cumulative: Annotated[bool, typer.Option(
        "--cumulative", help=t("สะสมตั้งแต่ต้นปีงบประมาณ (๖/๙/๑๒ เดือน)", "from the fiscal year's start (6/9/12 months)"))] = False,
    report_date: DateOpt = None,
    workspaces: WorkspacesOpt = None,
    force: ForceOpt = False,
    as_of: AsOfOpt = None,
) -> None:
    from nitet.cli import ui
    from nitet.domain import periods
    from nitet.domain.visits import period
    from nitet.reports import krs as krs_report

    period(fy=fy, quarter=quarter)  # refuses a CE year or a quarter outside 1-4
    with _snapshot(as_of, workspaces) as snap:
        day = _report_date(report_date, snap)
        chosen = periods.krs_quarter(fy, quarter, day, _config(workspaces, snap).report.krs_due_days)
        fy, quarter = chosen.fy, chosen.quarter
        assert quarter is not None
        if chosen.note:
            ui.say(chosen.note)
        fmt, path = _target(fmt, output, force, f"krs-{fy}-q{quarter}" + ("-cumulative" if cumulative else ""))
        sources = _sources(workspaces, snap)
        _require_plans(sources, fy)
        report = krs_report.build(sources, fy, quarter, cumulative=cumulative, today=day)
        _warn_missing_results(report)
        _emit(report, "krs.md.j2", fmt, path, sources, snap)


def _config(workspaces: list[Path] | None, snap: Snapshot | None = None) -> Any:
    """The settings a report uses (the first --workspace's when several are combined; those of the
    revision with --as-of)."""
    from nitet.cli import context
    from nitet.storage.workspace import open_workspace

    if snap is not None and snap.root is not None:
        return open_workspace(snap.root).config
    return (open_workspace(workspaces[0]) if workspaces else context.workspace()).config


def _require_plans(sources: Any, fy: int) -> None:
    """A KRS report of a year without any project is refused (exit 1, nothing written), saying which
    years have projects and how to carry one forward or start one."""
    from nitet.core.errors import DataError

    years: dict[int, list[str]] = {}
    for _, e in sources.entries("plan"):
        years.setdefault(int(e.data["fiscal_year"]), []).append(e.id)
    if fy in years:
        return
    broken = [f for loaded in sources.loads for f in loaded.left_out() if f.startswith("records/plans/")]
    if broken:
        raise DataError(t("ไม่มีโครงการของปีงบประมาณ {y} ที่อ่านได้: ไฟล์โครงการ {n} ไฟล์มีข้อผิดพลาด",
                          "no readable plan of fiscal year {y}: {n} plan file(s) have errors", y=fy, n=len(broken)),
                        t("ดูและแก้ด้วย nitet check", "see and fix them with nitet check"))
    if not years:
        raise DataError(t("ยังไม่มีโครงการใน records/plans/ จึงยังไม่มีรายงาน KRS", "there is no plan in records/plans/ "
                          "yet, so there is no KRS report"),
                        t("เพิ่มโครงการด้วย nitet plan add --id รหัส --fy {y} --title \"ชื่อโครงการ\" (ดู docs/reports.md)",
                          "add one with nitet plan add --id ID --fy {y} --title TITLE (see docs/reports.md)", y=fy))
    have = "; ".join(t("ปีงบประมาณ {y}: {p}", "fiscal year {y}: {p}", y=y, p=", ".join(sorted(ids)))
                     for y, ids in sorted(years.items()))
    last = max(y for y in years if y != fy)
    sample = sorted(years[last])[0]
    raise DataError(
        t("ยังไม่มีโครงการของปีงบประมาณ {y} (มี {h})", "there is no plan of fiscal year {y} (there are {h})",
          y=fy, h=have),
        t("ยกโครงการไปปีใหม่: nitet plan copy {p} --fy {y} · หรือเพิ่มใหม่: nitet plan add --id รหัส --fy {y} --title ชื่อ",
          "carry a project into the new year: nitet plan copy {p} --fy {y} · or add one: "
          "nitet plan add --id ID --fy {y} --title TITLE", p=sample, y=fy))


def _warn_missing_results(report: Any) -> None:
    """Say on stderr which projects have no result for a quarter of the report, and how to record one."""
    from nitet.cli import ui

    if not report.missing:
        return
    ui.say(t("คำเตือน: ยังไม่ได้บันทึกผลของ {n} โครงการ/ไตรมาส — รายงานแสดงสถานะที่ยกมาจากไตรมาสก่อนหรือ "
             "'ยังไม่รายงาน' และไม่นับเงินเบิกจ่ายของไตรมาสนั้นเป็น 0",
             "warning: {n} project quarter(s) have no result recorded — the report shows statuses carried "
             "forward from an earlier quarter or 'not reported', and does not count their spending as 0",
             n=len(report.missing)))
    for p, m in report.missing:
        where = f"{p.id}" + (f" ({p.source})" if p.source else "")
        ui.say(t("  {p} ไตรมาสที่ {q}: {c}", "  {p} quarter {q}: {c}", p=where, q=m.quarter,
                 c=m.command(t("<บาท>", "<amount>"), t("<สถานะ>", "<status>"))))


@app.command("visits", help=t("รายงานการนิเทศ: ทุกครั้งในช่วง และสรุปรายโรงเรียน/เครือข่าย",
                              "visit report: every visit of the period, totals per school and network"))
def visits(
    fy: Annotated[int | None, IntOption("--fy", help=t(
        "ปีงบประมาณ (พ.ศ.) ค่าเริ่มต้น: ปีปัจจุบัน", "fiscal year (BE); default: the current one"))] = None,
    quarter: Annotated[int | None, IntOption("--quarter", help=t("ไตรมาส 1–4 (ไม่ระบุ: ทั้งปี)", "quarter 1-4 (default: the year)"))] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    report_date: DateOpt = None,
    supervisor: SupervisorsOnly = None,
    workspaces: WorkspacesOpt = None,
    force: ForceOpt = False,
    as_of: AsOfOpt = None,
) -> None:
    from nitet.cli import ui
    from nitet.domain import periods
    from nitet.domain.visits import period
    from nitet.reports import visits as visits_report

    period(fy=fy, quarter=quarter)
    with _snapshot(as_of, workspaces) as snap:
        day = _report_date(report_date, snap)
        chosen = periods.fiscal_year(fy, quarter, day)
        fy = chosen.fy
        if chosen.note:
            ui.say(chosen.note)
        fmt, path = _target(fmt, output, force, f"visits-{fy}" + (f"-q{quarter}" if quarter else ""))
        sources = _sources(workspaces, snap)
        report = visits_report.build(sources, fy, quarter, today=day, supervisors=supervisor)
        _emit(report, "visits.md.j2", fmt, path, sources, snap)


@app.command("screening", help=t("รายงานผลการคัดกรองการอ่านการเขียน", "reading and writing screening report"))
def screening(
    academic_year: Annotated[int | None, IntOption("--academic-year", help=t(
        "ปีการศึกษา (พ.ศ.) ค่าเริ่มต้น: ปีการศึกษาปัจจุบัน", "academic year (BE); default: the current one"))] = None,
    semester: Annotated[int | None, IntOption("--semester", help=t("ภาคเรียน 1 หรือ 2 (ไม่ระบุ: เทียบทั้งสองภาค)", "semester 1 or 2 (default: both, compared)"))] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    report_date: DateOpt = None,
    workspaces: WorkspacesOpt = None,
    force: ForceOpt = False,
    as_of: AsOfOpt = None,
) -> None:
    from nitet.cli import ui
    from nitet.core.errors import UsageError
    from nitet.domain import periods
    from nitet.reports import screening as screening_report

    if academic_year is not None and not 2400 < academic_year < 2800:
        raise UsageError(t("ปีการศึกษาต้องเป็นปี พ.ศ. เช่น 2568 (ได้ {y})", "academic year must be a BE year such as 2568 (got {y})",
                           y=academic_year))
    if semester is not None and semester not in (1, 2):
        raise UsageError(t("ภาคเรียนต้องเป็น 1 หรือ 2 (ได้ {s})", "semester must be 1 or 2 (got {s})", s=semester))
    with _snapshot(as_of, workspaces) as snap:
        day = _report_date(report_date, snap)
        academic_year, note = periods.academic_year(academic_year, day,
                                                    _config(workspaces, snap).academic_calendar.as_mapping())
        if note:
            ui.say(note)
        fmt, path = _target(fmt, output, force, f"screening-{academic_year}" + (f"-s{semester}" if semester else ""))
        sources = _sources(workspaces, snap)
        report = screening_report.build(sources, academic_year, semester, today=day)
        _emit(report, "screening.md.j2", fmt, path, sources, snap)
