"""How workflows and cases look on a terminal (``nitet flow show|status``). Presentation only.

The data comes from :mod:`nitet.domain.flows` (``case_report``); user text is never read as rich markup.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nitet.core.i18n import t
from nitet.core.thai import format_date

if TYPE_CHECKING:
    from rich.console import RenderableType

    from nitet.model import Workflow
    from nitet.model.workflow import Step

STATUS_TH = {"active": ("อยู่ระหว่างดำเนินการ", "active"), "done": ("ดำเนินการแล้วเสร็จ", "done"),
             "cancelled": ("ยกเลิก", "cancelled")}


def status_label(status: str) -> str:
    th, en = STATUS_TH.get(status, (status, status))
    return t(th, en)


def _iso(text: str | None) -> str:
    return format_date(date.fromisoformat(text)) if text else ""


def due_text(step: Step, fy: int | None) -> str:
    from nitet.domain.flows import due_date

    if step.due is None:
        return ""
    q, days = step.due.quarter, step.due.days
    text = t("ภายใน {n} วันหลังสิ้นไตรมาสที่ {q}", "within {n} days after the end of quarter {q}", n=days, q=q) \
        if days else t("ภายในสิ้นไตรมาสที่ {q}", "by the end of quarter {q}", q=q)
    when = due_date(step, fy) if fy is not None else None
    return f"{text} ({format_date(when)})" if when else text


def _label(step_id: str, depth: int) -> str:
    return f"{step_id}." if depth == 0 else step_id


#: How a strand's state is marked (board, todo): done, open (can complete now), waiting.
STATE_MARK = {"done": "✓", "open": "▶", "waiting": "○"}


def parallel_note() -> str:
    return t("ขั้นตอนย่อยดำเนินการคู่ขนาน ในลำดับใดก็ได้", "sub-steps run side by side, in any order")


def strands_text(strands: list[dict[str, str]]) -> str:
    """Each strand of a parallel step with its state: ``✓ 4.1 · ▶ 4.2.1 · ▶ 4.2.2``."""
    return " · ".join(f"{STATE_MARK.get(x['state'], '?')} {x['step']}" for x in strands)


def strands_legend() -> str:
    return t("✓ เสร็จแล้ว ▶ ดำเนินการได้ ○ รอขั้นตอนก่อนหน้า", "✓ done ▶ open ○ waiting for an earlier step")


def origin_mark(origin: str | None) -> str:
    """How a part of a workflow is marked by where it comes from: [nitet เพิ่ม] / [ตามคู่มือ]."""
    return t("[nitet เพิ่ม]", "[added by nitet]") if origin == "added" else t("[ตามคู่มือ]", "[from the manual]")


def workflow_outline(wf: Workflow, path: str, fy: int | None = None) -> str:
    """The workflow as the manual presents a process: title, nature, laws, roles, numbered steps with
    their evidence and due dates. A part whose origin is not the workflow's own (an addition of
    nitet's to a process of the manual) is marked [nitet เพิ่ม]; a legend says what the marks mean."""
    def mark(origin: str | None) -> str:
        return f" {origin_mark(origin)}" if (origin or wf.source) != wf.source else ""

    source = t("ตามคู่มือ", "from the manual") if wf.source == "manual" else t("nitet เพิ่ม", "added by nitet")
    lines = [wf.title, f"  {t('รหัส', 'id')}: {wf.id} · {t('ที่มา', 'source')}: {source} · {path}"]
    if wf.source == "added":
        lines.append("  " + t("ขั้นตอน หลักฐาน บุคคล และกำหนดเวลาที่ไม่มีเครื่องหมาย {m} nitet เพิ่มทั้งหมด "
                              "คู่มือไม่ได้กำหนดไว้ (เป็นคำแนะนำ ปรับได้ใน {p})",
                              "steps, evidence, roles and due dates without the mark {m} are all nitet's; the manual "
                              "gives none (suggestions; change them in {p})", m=origin_mark("manual"),
                              p=path or "workflows/"))
    elif any(mark(o) for o in _origins(wf)):
        lines.append("  " + t("{m} = ส่วนที่คู่มือไม่ได้กำหนดไว้ nitet เพิ่มเป็นคำแนะนำ (ปรับได้ใน {p})",
                              "{m} = not in the manual: nitet's addition, a suggestion (change it in {p})",
                              m=origin_mark("added"), p=path or "workflows/"))
    if fy is not None:
        lines.append("  " + t("กำหนดเวลาของปีงบประมาณ {y}", "due dates of fiscal year {y}", y=fy))
    if wf.nature:
        lines += ["", t("ลักษณะงาน", "Nature of the work"), *(f"  {x}" for x in wf.nature.splitlines())]
    if wf.references:
        lines += ["", t("กฎหมาย ระเบียบ", "Laws and regulations"), *(f"  • {x}" for x in wf.references)]
    if wf.roles:
        lines += ["", t("บุคคล/หน่วยงานที่เกี่ยวข้อง", "People and units involved"),
                  *(f"  • {r.title}{mark(r.origin)}" for r in wf.role_items())]
    lines += ["", t("ขั้นตอนการปฏิบัติงาน", "Steps")]
    for s, depth in wf.walk():
        pad = "  " + "   " * depth
        lines.append(f"{pad}{_label(s.id, depth)} {s.title}{mark(s.origin)}")
        inner = pad + " " * (len(_label(s.id, depth)) + 1)
        if s.parallel:
            lines.append(f"{inner}({parallel_note()})")
        groups: dict[tuple[bool, str | None], list[str]] = {}
        for e in s.evidence_items():
            groups.setdefault((e.required, e.origin), []).append(e.title)
        for (required, origin), titles in groups.items():
            what = t("หลักฐานที่ต้องมี", "evidence required") if required else t("หลักฐานที่แนะนำ", "evidence suggested")
            lines.append(f"{inner}{what}{mark(origin)}: {'; '.join(titles)}")
        if s.due:
            lines.append(f"{inner}{t('กำหนดเสร็จ', 'due')}{mark(s.due.origin)}: {due_text(s, fy)}")
    return "\n".join(lines)


def _origins(wf: Workflow) -> list[str | None]:
    out: list[str | None] = [r.origin for r in wf.role_items()]
    for s, _ in wf.walk():
        out += [s.origin, *(e.origin for e in s.evidence_items()), s.due.origin if s.due else None]
    return out


def _visit_text(v: dict[str, Any], schools: dict[str, str]) -> str:
    if v.get("missing"):
        return f"{v['id']} ({t('ไม่พบไฟล์บันทึกการนิเทศ', 'visit record not found')})"
    school = v.get("school") or ""
    name = schools.get(school, "")
    return f"{v['id']} ({_iso(v.get('date'))} {name or school})".rstrip()


def case_detail(report: dict[str, Any], schools: dict[str, str]) -> RenderableType:
    """One case, every step in the manual's order with ✓ / ▶ / ○, dates, notes, evidence and visits."""
    from rich.text import Text

    out = Text()
    p = report["progress"]
    out.append(f"{report['title']}\n", style="bold")
    out.append(f"  {t('รหัสงาน', 'case')}: {report['id']}\n")
    out.append(f"  {t('กระบวนงาน', 'workflow')}: {report['workflow_title']} ({report['workflow']})\n")
    out.append(f"  {t('ปีงบประมาณ', 'fiscal year')} {report['fiscal_year']} · "
               f"{t('เริ่ม', 'started')} {_iso(report['started'])} · {status_label(report['status'])}")
    if report.get("finished"):
        out.append(f" {_iso(report['finished'])}")
    if report.get("cancelled_reason"):
        out.append(f" — {report['cancelled_reason']}")
    out.append("\n")
    out.append("  " + t("ความก้าวหน้า {d}/{n} ขั้นตอนหลัก", "progress {d}/{n} top-level steps", d=p["done"], n=p["total"]))
    if p["leaves_total"] != p["total"]:
        out.append(t(" (รวมขั้นตอนย่อย {d}/{n})", " ({d}/{n} counting sub-steps)", d=p["leaves_done"], n=p["leaves_total"]))
    out.append("\n\n")
    side_by_side = len(report.get("open", [])) > 1
    for s in report["steps"]:
        pad = "  " + "   " * s["depth"]
        is_open = s.get("open", s["current"])
        if s["done"]:
            mark, style = "✓", "green"
        elif is_open:
            mark, style = "▶", "bold yellow"
        else:
            mark, style = "○", "dim" if report["status"] != "active" else ""
        out.append(f"{pad}{mark} ", style=style)
        out.append(f"{_label(s['id'], s['depth'])} {s['title']}", style=style)
        if s["date"]:
            out.append(f" — {_iso(s['date'])}")
        if s.get("by"):
            out.append(" " + t("(บันทึกโดย {n})", "(by {n})", n=s["by"]))
        if is_open:
            here = t("ดำเนินการได้ (คู่ขนาน)", "open (side by side)") if side_by_side else \
                t("ขั้นตอนปัจจุบัน", "current step")
            out.append(f"  ← {here}", style="bold yellow")
        out.append("\n")
        inner = pad + "    "
        if s.get("parallel"):
            out.append(f"{inner}({parallel_note()})\n", style="dim")
        if s["due"] and not s["done"]:
            late = t(" เกินกำหนด", " overdue") if s["overdue"] else ""
            out.append(f"{inner}{t('กำหนดเสร็จ', 'due')}: {_iso(s['due'])}{late}\n",
                       style="red" if s["overdue"] else "")
        if s["note"]:
            out.append(f"{inner}{t('บันทึก', 'note')}: " + s["note"].replace("\n", "\n" + inner + "  ") + "\n")
        if s["evidence"]:
            out.append(f"{inner}{t('หลักฐาน', 'evidence')}: {', '.join(s['evidence'])}\n")
        if s["forced"]:
            out.append(f"{inner}{t('ข้ามหลักฐาน เพราะ', 'evidence skipped because')}: {s['forced']}\n", style="red")
        for v in s["visits"]:
            out.append(f"{inner}{t('การนิเทศ', 'visit')}: {_visit_text(v, schools)}\n")
        for rec in s.get("records", []):
            shown = f"{rec['id']} ({t('ไม่พบระเบียน', 'record not found')})" if rec.get("missing") else \
                f"{rec['label']} ({rec['id']})"
            out.append(f"{inner}{t('ระเบียนที่เป็นหลักฐาน', 'linked record')}: {shown}\n")
        if not s["done"] and report["status"] == "active" and (s.get("evidence_required") or s.get("evidence_suggested")):
            if s.get("evidence_required"):
                out.append(f"{inner}{t('หลักฐานที่ต้องมี', 'evidence required')}: "
                           f"{'; '.join(s['evidence_required'])}\n", style="dim")
            if s.get("evidence_suggested"):
                out.append(f"{inner}{t('หลักฐานที่แนะนำ', 'evidence suggested')}: "
                           f"{'; '.join(s['evidence_suggested'])}\n", style="dim")
    for v in report.get("other_visits", []):
        out.append(f"  {t('การนิเทศของงานนี้ (ไม่ระบุขั้นตอน)', 'visit of this case (no step)')}: "
                   f"{_visit_text(v, schools)}\n")
    return out


def _shorten(text: str, limit: int) -> str:
    """Cut long text with "…", never between a Thai letter and its vowel or tone marks."""
    import unicodedata

    if len(text) <= limit:
        return text
    cut = limit - 1
    while cut < len(text) and unicodedata.category(text[cut]) == "Mn":
        cut += 1
    return text[:cut] + "…"


def _overdue_cell(items: list[dict[str, Any]], dates: bool) -> str:
    shown = [f"{o['step']} ({format_date(date.fromisoformat(o['due']), 'short2')})" if dates else o["step"]
             for o in items[:3]]
    more = len(items) - len(shown)
    return ", ".join(shown) + (f" +{more}" if more > 0 else "")


def board(reports: list[dict[str, Any]], width: int = 120) -> RenderableType:
    """All cases in one table: workflow, title, FY, progress, current step, overdue steps, status.

    On a narrow terminal (< 120 columns) the title goes under the case id and the workflow and FY
    columns are left out (the case id starts with both), so the id is never cut.
    """
    from rich.text import Text

    from nitet.cli.thaiwrap import thai_table as Table

    wide = width >= 120
    caption = t("ความก้าวหน้านับตามขั้นตอนหลักของกระบวนงาน", "progress counts top-level steps")
    if any(r.get("strands") for r in reports):
        caption += " · " + t("ขั้นตอนคู่ขนาน: ", "parallel steps: ") + strands_legend()
    if not wide:
        caption += t(" · รหัสงาน = กระบวนงาน-ปีงบประมาณ-รหัสสุ่ม", " · case id = workflow-fiscal year-token")
    table = Table(title=t("งานตามกระบวนงาน", "Cases"), caption=caption)
    if wide:
        table.add_column(t("รหัสงาน", "case"), no_wrap=True)
        table.add_column(t("ชื่องาน", "title"), overflow="fold")
        table.add_column(t("กระบวนงาน", "workflow"), no_wrap=True)
        table.add_column(t("ปีงบ", "FY"), justify="right", no_wrap=True)
    else:
        table.add_column(t("รหัสงาน / ชื่องาน", "case / title"), min_width=28, overflow="fold")
    table.add_column(t("ความก้าวหน้า", "done"), justify="right", no_wrap=True)
    table.add_column(t("ขั้นตอนปัจจุบัน", "current"), max_width=40 if wide else 20)
    table.add_column(t("เกินกำหนด", "overdue"), style="red", max_width=30 if wide else 14)
    table.add_column(t("สถานะ", "status"), no_wrap=True)
    for r in reports:
        p = r["progress"]
        current = f"{r['current']} {r['current_title']}" if r["current"] else "-"
        if r.get("strands"):
            current = strands_text(r["strands"])
        elif not wide:
            current = _shorten(current, 40)
        if wide:
            cells: list[Any] = [Text(r["id"]), Text(r["title"]), Text(r["workflow"]), str(r["fiscal_year"])]
        else:
            cells = [Text(f"{r['id']}\n{r['title']}")]
        cells += [f"{p['done']}/{p['total']}", Text(current), Text(_overdue_cell(r["overdue"], wide)),
                  status_label(r["status"])]
        table.add_row(*cells)
    return table
