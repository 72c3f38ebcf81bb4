"""nitet export csv|xlsx KIND: the raw table of one record kind, one row per record."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from nitet.cli.output import ForceOpt
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.domain.export import Table

app = typer.Typer(no_args_is_help=True)

KINDS_HELP = "schools, visits, cases, plans, screenings"


def _complete_kind(incomplete: str) -> list[tuple[str, str]]:
    kinds = {"schools": "โรงเรียน", "visits": "การนิเทศ", "cases": "งานตามกระบวนงาน",
             "plans": "โครงการตามแผนปฏิบัติการ", "screenings": "ผลการคัดกรองการอ่านการเขียน"}
    return [(k, v) for k, v in kinds.items() if k.startswith(incomplete)]


KindArg = Annotated[str, typer.Argument(
    help=t("ชนิดระเบียน: {k}", "record kind: {k}", k=KINDS_HELP), autocompletion=_complete_kind,
    show_default=False)]
FyOpt = Annotated[str | None, typer.Option(
    "--fy", help=t("เฉพาะปีงบประมาณ (พ.ศ.) เช่น 2569", "only this fiscal year (BE), e.g. 2569"))]
ThaiOpt = Annotated[bool, typer.Option(
    "--thai-headers", help=t("หัวคอลัมน์เป็นภาษาไทย (ค่าเริ่มต้น: ชื่อคีย์ในไฟล์ ซึ่งคงที่สำหรับสคริปต์)",
                             "Thai column titles (default: the record keys, stable for scripts)"))]
AyOpt = Annotated[str | None, typer.Option(
    "--academic-year", help=t("เฉพาะปีการศึกษา (พ.ศ.) ของผลการคัดกรอง", "only this academic year (BE) of screenings"))]


def _year(value: str | None, option: str) -> int | None:
    from nitet.core.errors import UsageError
    from nitet.core.thai import to_arabic_digits

    if value is None:
        return None
    text = to_arabic_digits(value).strip()
    if not (text.isdigit() and 2400 < int(text) < 2800):
        raise UsageError(t("{o} ต้องเป็นปี พ.ศ. เช่น 2569 (ได้ '{v}')", "{o} must be a BE year such as 2569 (got '{v}')",
                           o=option, v=value))
    return int(text)


def _table(kind: str, fy: str | None, academic_year: str | None, thai: bool) -> Table:
    from nitet.cli import context, ui
    from nitet.core.errors import UsageError
    from nitet.domain.export import EXPORT_KINDS, build, thai_headers

    if kind not in EXPORT_KINDS:
        raise UsageError(t("ไม่รู้จักชนิด '{k}'", "unknown kind '{k}'", k=kind),
                         t("เลือกหนึ่งใน: {ks}", "choose one of: {ks}", ks=KINDS_HELP))
    fy_be, ay_be = _year(fy, "--fy"), _year(academic_year, "--academic-year")
    if fy_be is not None and kind in ("schools", "screenings"):
        raise UsageError(t("--fy ใช้กับ {k} ไม่ได้", "--fy does not apply to {k}", k=kind),
                         t("ผลการคัดกรองแยกตามปีการศึกษา: ใช้ --academic-year" if kind == "screenings"
                           else "ทะเบียนโรงเรียนไม่แยกตามปี: ไม่ต้องระบุ --fy",
                           "screenings are by academic year: use --academic-year" if kind == "screenings"
                           else "the school registry has no year: leave out --fy"))
    if ay_be is not None and kind != "screenings":
        raise UsageError(t("--academic-year ใช้ได้กับ screenings เท่านั้น", "--academic-year applies to screenings only"),
                         t("ระเบียนอื่นแยกตามปีงบประมาณ: ใช้ --fy", "other kinds are by fiscal year: use --fy"))
    loaded = context.load()
    ui.warn_left_out(loaded)
    table = build(loaded, kind, fy=fy_be, academic_year=ay_be)
    if thai:
        table.headers = thai_headers(kind, table.headers)
    return table


@app.command("csv", help=t("ส่งออกเป็น CSV (UTF-8 มี BOM เปิดใน Excel แล้วอ่านภาษาไทยได้) ไม่ระบุ -o = พิมพ์ออกจอ",
                           "export as CSV (UTF-8 with BOM, so Excel shows Thai); without -o to stdout"))
def export_csv(
    kind: KindArg,
    output: Annotated[Path | None, typer.Option("-o", "--output", help=t(
        "ไฟล์ที่จะเขียน (เทียบกับโฟลเดอร์ที่เริ่มคำสั่ง)", "file to write (relative to the folder you are in)"),
        dir_okay=False)] = None,
    fy: FyOpt = None,
    academic_year: AyOpt = None,
    thai: ThaiOpt = False,
    force: ForceOpt = False,
) -> None:
    import sys

    from nitet.cli import ui
    from nitet.cli.output import output_path
    from nitet.domain.export import to_csv
    from nitet.storage.atomic import atomic_write_bytes

    path = output_path(output, "csv", force=force) if output is not None else None
    table = _table(kind, fy, academic_year, thai)
    data = to_csv(table)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        assert path is not None
        atomic_write_bytes(path, data)
        ui.say(t("เขียน {p} แล้ว ({n} แถว)", "wrote {p} ({n} rows)", p=output, n=len(table.rows)))


@app.command("xlsx", help=t("ส่งออกเป็นไฟล์ Excel (.xlsx) ข้อความทุกช่องเป็นข้อความ ไม่กลายเป็นสูตร",
                            "export as an Excel file (.xlsx); text always stays text, never a formula"))
def export_xlsx(
    kind: KindArg,
    output: Annotated[Path | None, typer.Option("-o", "--output", help=t(
        "ไฟล์ที่จะเขียน (เทียบกับโฟลเดอร์ที่เริ่มคำสั่ง; ค่าเริ่มต้น: KIND.xlsx หรือ KIND-ปี.xlsx ในโฟลเดอร์นั้น)",
        "file to write (relative to the folder you are in; default: KIND.xlsx or KIND-YEAR.xlsx there)"),
        dir_okay=False)] = None,
    fy: FyOpt = None,
    academic_year: AyOpt = None,
    thai: ThaiOpt = False,
    force: ForceOpt = False,
) -> None:
    from nitet.cli import context, ui
    from nitet.cli.output import output_path
    from nitet.reports.export_xlsx import save

    if output is None:
        year = fy or academic_year
        output = Path(f"{kind}-{year}.xlsx" if year else f"{kind}.xlsx")
    path = output_path(output, "xlsx", force=force)
    table = _table(kind, fy, academic_year, thai)
    save(table, path, context.workspace().config.office)
    ui.say(t("เขียน {p} แล้ว ({n} แถว)", "wrote {p} ({n} rows)", p=output, n=len(table.rows)))
