"""Excel rendering of report contexts: one sheet per section, native charts where they help."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nitet.core import thai
from nitet.reports.krs import NOT_REPORTED_TH, KrsReport
from nitet.reports.screening import ScreeningReport
from nitet.reports.visits import VisitsReport
from nitet.reports.xlsx_sheet import Column, SheetWriter

NOTHING = "ไม่มีข้อมูลที่ต้องรายงานในช่วงนี้"


def _date(d: Any, r: Any) -> str:
    return thai.format_date(d, "short", r.thai_digits)


def _d(text: object, r: Any) -> str:
    return thai.digits(str(text), r.thai_digits)


def _spent(value: float | None) -> float | str:
    """Money of a period without any result: ยังไม่รายงาน, never 0."""
    return NOT_REPORTED_TH if value is None else value


def krs(r: KrsReport) -> Any:
    from openpyxl import Workbook

    wb = Workbook()
    head = (r.title, r.office + (f" {r.group}" if r.group else ""), _d(f"ปีงบประมาณ {r.fiscal_year}", r), r.heading)
    period = "ในช่วงรายงาน" if r.cumulative else "ในไตรมาส"
    s = SheetWriter(wb, "สรุป", [
        Column("ที่", "int"), Column("โครงการ", wrap=True), Column("งบประมาณที่ได้รับ (บาท)", "money"),
        Column(f"เบิกจ่าย{period} (บาท)", "money"), Column("เบิกจ่ายสะสม (บาท)", "money"),
        Column("คงเหลือ (บาท)", "money"), Column("ร้อยละการเบิกจ่าย", "pct")], first=True)
    s.title(*head)
    if r.empty:
        s.note(_d(f"ไม่มีโครงการของปีงบประมาณ {r.fiscal_year} ที่ต้องรายงาน", r))
    else:
        s.header()
        for n, p in enumerate(r.projects, start=1):
            m = p.money
            s.add([n, p.title + (f" ({p.source})" if p.source else ""), m.budget, _spent(m.spent_period),
                   _spent(m.spent_to_date), m.remaining, m.percent_disbursed])
        t = r.total
        s.add([None, "รวม", t.budget, _spent(t.spent_period), _spent(t.spent_to_date), t.remaining,
               t.percent_disbursed], bold=True)
        if r.missing:
            s.row += 1
            # one merged row per line (a merged cell does not wrap): the same words as krs.md.j2
            s.note("หมายเหตุ: ยังไม่ได้บันทึกผลของโครงการและไตรมาสต่อไปนี้ ในรายงานนี้เงินเบิกจ่าย คงเหลือ ร้อยละ "
                   "และยอดรวมจึงนับเฉพาะไตรมาสที่บันทึกผลแล้ว", bold=True)
            s.note("(ช่องที่ไม่มีผลเลยเป็น \"ยังไม่รายงาน\" ไม่ใช่ ๐ บาท) และสถานะกิจกรรมยกมาจากผลล่าสุดที่รายงานไว้ "
                   "บันทึกผลด้วยคำสั่งต่อไปนี้แล้วออกรายงานใหม่:", bold=True)
            for p, miss in r.missing:
                s.note(f"- {p.title} ({p.id}{f', {p.source}' if p.source else ''}) "
                       + _d(f"ไตรมาสที่ {miss.quarter}", r) + ":")
                s.note(f"   {miss.command()}")
    s.row += 1
    s.note(f"ผู้รายงาน {r.reporter or '-'}   ตำแหน่ง {r.reporter_position or '-'}")
    s.note(f"วันที่รายงาน {thai.format_date(r.report_date, 'full', r.thai_digits)}")
    s.finish()
    if r.empty:
        return wb
    a = SheetWriter(wb, "กิจกรรม", [
        Column("โครงการ", wrap=True), Column("ที่", "int"), Column("กิจกรรม", wrap=True), Column("ไตรมาสตามแผน"),
        Column("งบประมาณ (บาท)", "money"), Column("สถานะ")])
    a.title(r.title, r.heading)
    a.header()
    for p in r.projects:
        for n, act in enumerate(p.activities, start=1):
            a.add([p.title, n, act.title + ("" if act.planned else " (นอกแผนของช่วงนี้)"),
                   _d(", ".join(map(str, act.quarters)), r), act.budget, act.status_th])
    acts = [act for p in r.projects for act in p.activities]
    if any(act.carried for act in acts):
        a.note(_d(f"สถานะที่ \"ยกมาจากไตรมาสที่ …\" คือสถานะล่าสุดที่รายงานไว้ในไตรมาสก่อน "
                  f"ยังไม่มีรายงานสถานะของไตรมาสที่ {r.quarter}", r))
    if any(act.status == "not_reported" for act in acts):
        a.note("\"ยังไม่รายงาน\" คือยังไม่เคยบันทึกสถานะของกิจกรรมนั้นในปีงบประมาณนี้")
    a.finish()
    i = SheetWriter(wb, "ตัวชี้วัด", [
        Column("โครงการ", wrap=True), Column("ตัวชี้วัด", wrap=True), Column("หน่วยนับ"), Column("ค่าเป้าหมาย", "num"),
        Column("ผลการดำเนินงาน", "num"), Column("ร้อยละของเป้าหมาย", "pct"), Column("หมายเหตุ")])
    i.title(r.title, r.heading)
    i.header()
    for p in r.projects:
        for ind in p.indicators:
            i.add([p.title, ind.title, ind.unit, ind.target, ind.result, ind.percent, ind.note])
    i.finish()
    i.bar_chart("ความก้าวหน้าของตัวชี้วัด (ร้อยละของเป้าหมาย)", 2, 6, i.header_row + 1, i.row,
                "ร้อยละของเป้าหมาย", percent=True)
    pn = SheetWriter(wb, "ปัญหาและข้อเสนอแนะ", [
        Column("โครงการ", wrap=True), Column("ไตรมาส"), Column("ปัญหาอุปสรรค", wrap=True),
        Column("ข้อเสนอแนะ", wrap=True)])
    pn.title(r.title, r.heading)
    pn.header()
    for p in r.projects:
        quarters = sorted({x.quarter for x in p.problems} | {x.quarter for x in p.suggestions})
        for q in quarters:
            pn.add([p.title, _d(q, r), "\n".join(x.text for x in p.problems if x.quarter == q),
                   "\n".join(x.text for x in p.suggestions if x.quarter == q)])
    pn.finish()
    return wb


def visits(r: VisitsReport) -> Any:
    from openpyxl import Workbook

    wb = Workbook()
    cols = [Column("ที่", "int"), Column("วันที่"), Column("โรงเรียน"), Column("กลุ่มเครือข่าย"), Column("โครงการ"),
            Column("ผู้รับการนิเทศ", wrap=True), Column("ผลการนิเทศ", wrap=True), Column("ข้อเสนอแนะ", wrap=True)]
    if r.by_person:
        cols.append(Column("ผู้นิเทศ", wrap=True))
    s = SheetWriter(wb, "บันทึกการนิเทศ", cols, first=True)
    s.title(r.title, r.office, r.heading)
    if r.empty:
        s.note("ไม่มีบันทึกการนิเทศในช่วงนี้")
        s.finish()
        _targets(wb, r)
        return wb
    s.header()
    for n, v in enumerate(r.visits, start=1):
        row = [n, _date(v.date, r), v.school_name, v.network, v.project, "\n".join(v.supervisees), v.findings,
               v.suggestions]
        s.add(row + (["\n".join(v.supervisors) or v.source] if r.by_person else []))
    s.finish()
    sc = SheetWriter(wb, "รายโรงเรียน", [
        Column("ที่", "int"), Column("โรงเรียน"), Column("รหัสโรงเรียน"), Column("กลุ่มเครือข่าย"),
        Column("จำนวนครั้ง", "int"), Column("นิเทศล่าสุด")])
    sc.title(r.title, r.heading)
    sc.header()
    for n, st in enumerate(r.schools, start=1):
        sc.add([n, st.name, st.code, st.network, st.visits, _date(st.last, r)])
    sc.add([None, "รวม", None, None, len(r.visits), None], bold=True)
    sc.finish()
    nw = SheetWriter(wb, "รายเครือข่าย", [
        Column("ที่", "int"), Column("กลุ่มเครือข่าย"), Column("จำนวนโรงเรียน", "int"), Column("จำนวนครั้ง", "int")])
    nw.title(r.title, r.heading)
    nw.header()
    for n, net in enumerate(r.networks, start=1):
        nw.add([n, net.network, net.schools, net.visits])
    last = nw.row
    nw.add([None, "รวม", len(r.schools), len(r.visits)], bold=True)
    nw.finish()
    nw.bar_chart("จำนวนครั้งที่นิเทศ รายกลุ่มเครือข่าย", 2, 4, nw.header_row + 1, last, "ครั้ง", beside=True)
    if r.follow_ups:
        fs = SheetWriter(wb, "การติดตามผล", [
            Column("ที่", "int"), Column("โรงเรียน"), Column("นิเทศเมื่อ"), Column("สิ่งที่ติดตาม", wrap=True),
            Column("กำหนด"), Column("ติดตามเมื่อ"), Column("ผลการติดตาม", wrap=True)])
        fs.title(r.title, r.heading)
        fs.header()
        for n, f in enumerate(r.follow_ups, start=1):
            fs.add([n, f.school_name, _date(f.visit_date, r), f.action, _date(f.due, r) if f.due else None,
                    _date(f.done_date, r) if f.done_date else ("ติดตามแล้ว" if f.done else "ยังไม่ได้ติดตาม"),
                    f.result])
        fs.finish()
    _targets(wb, r)
    if r.people:
        pp = SheetWriter(wb, "รายผู้นิเทศ", [
            Column("ที่", "int"), Column("ผู้นิเทศ"), Column("จำนวนโรงเรียน", "int"), Column("จำนวนครั้ง", "int")])
        pp.title(r.title, r.heading)
        pp.header()
        for n, person in enumerate(r.people, start=1):
            pp.add([n, person.name, person.schools, person.visits])
        pp.finish()
    return wb


def _targets(wb: Any, r: VisitsReport) -> None:
    """The coverage of the fiscal year's target lists (visited / not yet), when there are any."""
    if not r.targets:
        return
    ts = SheetWriter(wb, "โรงเรียนกลุ่มเป้าหมาย", [
        Column("ที่", "int"), Column("โครงการ", wrap=True), Column("โรงเรียนกลุ่มเป้าหมาย", "int"),
        Column("นิเทศแล้ว", "int"), Column("ยังไม่ได้นิเทศ", "int"), Column("ร้อยละที่นิเทศแล้ว", "pct"),
        Column("โรงเรียนที่ยังไม่ได้นิเทศ", wrap=True)])
    ts.title(r.title, r.heading)
    ts.header()
    for n, c in enumerate(r.targets, start=1):
        ts.add([n, c.label, c.total, c.visited, len(c.not_yet), c.percent, "\n".join(c.not_yet)])
    ts.note("นับเฉพาะการนิเทศของโครงการนั้นในช่วงของรายงาน")
    ts.finish()


def screening(r: ScreeningReport) -> Any:
    from openpyxl import Workbook

    wb = Workbook()
    level_cols = [c for _, th in r.levels for c in (Column(th, "int"), Column(f"ร้อยละ{th}", "pct"))]
    cols = [Column("โรงเรียน"), Column("ชั้น"), Column("ด้าน"), Column("ภาคเรียน"), Column("คัดกรอง", "int"),
            *level_cols, Column("ดีมาก+ดี (ร้อยละ)", "pct"), Column("เปลี่ยนแปลง (จุดร้อยละ)", "num")]
    title = _d(f"ปีการศึกษา {r.academic_year}" + (f" ภาคเรียนที่ {r.semester}" if r.semester else ""), r)
    s = SheetWriter(wb, "ผลการคัดกรอง", cols, first=True)
    s.title(r.title, r.office, title)
    if r.empty:
        s.note("ไม่มีผลการคัดกรองของช่วงนี้")
        s.finish()
        return wb
    s.header()
    blocks = [(b.school_name, b.grade, b.aspects) for b in r.blocks] + \
        [("รวมทุกโรงเรียน", grade, rows) for grade, rows in r.totals]
    for name, grade, rows in blocks:
        for row in rows:
            for sem, c in row.by_semester.items():
                levels = [x for lv, _ in r.levels for x in (c.counts[lv], c.percent(lv))]
                change = row.change if sem == max(row.by_semester) and r.compare else None
                s.add([name, _d(f"ป.{grade}", r), row.aspect_th, _d(sem, r), c.assessed, *levels, c.good_share,
                       None if change is None else round(change, 2)], bold=name == "รวมทุกโรงเรียน")
    gaps = [(name, grade, g) for name, grade, rows in blocks for g in r.gaps(rows)]
    if gaps:
        s.row += 1
        # the same words as screening.md.j2
        s.note("หมายเหตุ: นักเรียนที่ได้รับการคัดกรองแต่เว้นว่างบางด้าน ไม่ถูกนับในด้านนั้น "
               "ร้อยละของด้านต่อไปนี้จึงคิดจากนักเรียนที่มีผลในด้านนั้น:", bold=True)
        for name, grade, g in gaps:
            tail = (f"มีผลด้านนี้ {g.assessed} คน (เว้นว่าง {g.blank} คน)" if g.assessed
                    else "ไม่มีผลด้านนี้เลย (ถือว่าไม่ได้คัดกรองด้านนี้)")
            s.note(_d(f"- {name} ป.{grade} {g.aspect_th} ภาคเรียนที่ {g.semester}: "
                      f"ได้รับการคัดกรอง {g.pupils} คน {tail}", r))
    s.finish()
    return wb


def render(report: Any) -> Any:
    """The workbook of a report context."""
    if isinstance(report, KrsReport):
        return krs(report)
    if isinstance(report, VisitsReport):
        return visits(report)
    if isinstance(report, ScreeningReport):
        return screening(report)
    raise TypeError(f"no xlsx layout for {type(report).__name__}")


def save(wb: Any, path: Path) -> None:
    """Write the workbook atomically (a reader never sees half a file)."""
    import io

    from nitet.storage.atomic import atomic_write_bytes

    buf = io.BytesIO()
    wb.save(buf)
    atomic_write_bytes(path, buf.getvalue())
