"""Excel rendering of report contexts: one sheet per section, each printing whole on A4, the
signature block at the end of the last table, charts on sheets of their own.

An official document shows no software: no commands, no internal ids (what the user should do
next goes to stderr, from the command), projects and schools by their names.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from nitet.reports import xlsx_book
from nitet.reports.krs import NOT_REPORTED_TH, KrsReport
from nitet.reports.screening import ScreeningReport
from nitet.reports.visits import VisitsReport
from nitet.reports.xlsx_book import Document
from nitet.reports.xlsx_chart import Bars, chart_sheet
from nitet.reports.xlsx_sheet import Column, SheetWriter

NOTHING = "ไม่มีข้อมูลที่ต้องรายงานในช่วงนี้"


def _spent(value: float | None) -> float | str:
    """Money of a period without any result: ยังไม่รายงาน, never 0."""
    return NOT_REPORTED_TH if value is None else value


def _end(sheets: list[SheetWriter], revision: str | None = None) -> None:
    """The signature block under the last table, then the records' revision (as in the Markdown
    footer: ``ข้อมูล: ฉบับ a1b2c3d``); then every sheet is laid out."""
    sheets[-1].signature()
    if revision:
        sheets[-1].note(f"ข้อมูล: {revision}", verbatim=True)  # a hash: its digits stay as git writes them
    for s in sheets:
        s.finish()


def krs(r: KrsReport) -> Any:
    wb = xlsx_book.new_workbook()
    doc = Document(r.title, r.office, r.thai_digits, r.signer)
    head = (r.title, r.office + (f" {r.group}" if r.group else ""), f"ปีงบประมาณ {r.fiscal_year}", r.heading)
    period = "ในช่วงรายงาน" if r.cumulative else "ในไตรมาส"
    s = SheetWriter(wb, doc, "สรุป", [
        Column("ที่", "int"), Column("โครงการ", wrap=True), Column("งบประมาณ\nที่ได้รับ (บาท)", "money"),
        Column(f"เบิกจ่าย\n{period} (บาท)", "money"), Column("เบิกจ่าย\nสะสม (บาท)", "money"),
        Column("คงเหลือ\n(บาท)", "money"), Column("ร้อยละ\nการเบิกจ่าย", "pct")], first=True)
    s.title(*head)
    sheets = [s]
    if r.empty:
        s.note(f"ไม่มีโครงการของปีงบประมาณ {r.fiscal_year} ที่ต้องรายงาน")
        _end(sheets, r.revision)
        return wb
    s.header()
    for n, p in enumerate(r.projects, start=1):
        m = p.money
        s.add([n, p.title + (f" ({p.source})" if p.source else ""), m.budget, _spent(m.spent_period),
               _spent(m.spent_to_date), m.remaining, m.percent_disbursed])
    t = r.total
    s.add([None, "รวม", t.budget, _spent(t.spent_period), _spent(t.spent_to_date), t.remaining,
           t.percent_disbursed], bold=True)
    if r.missing:
        s.gap()
        # the same words as krs.md.j2
        s.note("หมายเหตุ: ยังไม่ได้บันทึกผลของโครงการและไตรมาสต่อไปนี้ ในรายงานนี้เงินเบิกจ่าย คงเหลือ ร้อยละ "
               "และยอดรวมจึงนับเฉพาะไตรมาสที่บันทึกผลแล้ว (ช่องที่ไม่มีผลเลยเป็น \"ยังไม่รายงาน\" ไม่ใช่ ๐ บาท) "
               "และสถานะกิจกรรมยกมาจากผลล่าสุดที่รายงานไว้", bold=True)
        for p, miss in r.missing:
            s.note(f"- {p.title}{f' ({p.source})' if p.source else ''} ไตรมาสที่ {miss.quarter}")
    a = SheetWriter(wb, doc, "กิจกรรม", [
        Column("โครงการ", wrap=True), Column("ผู้รับผิดชอบ", wrap=True), Column("ที่", "int"),
        Column("กิจกรรม", wrap=True), Column("ไตรมาส\nตามแผน"), Column("งบประมาณ\n(บาท)", "money"),
        Column("สถานะ", wrap=True), Column("ผลการ\nดำเนินงาน", wrap=True)])
    a.title(r.title, r.heading)
    a.header()
    for p in r.projects:
        for n, act in enumerate(p.activities, start=1):
            a.add([p.title, p.owner, n, act.title + ("" if act.planned else " (นอกแผนของช่วงนี้)"),
                   ", ".join(map(str, act.quarters)), act.budget,
                   act.status_th + (f"\n{act.late_th}" if act.late else ""), act.outcome or None])
    acts = [act for p in r.projects for act in p.activities]
    if any(act.late for act in acts):
        a.note("\"ล่าช้า\" คือกิจกรรมที่ไตรมาสตามแผนผ่านไปแล้วแต่ยังไม่ได้รายงานว่าดำเนินการแล้วเสร็จ "
               "ยกมารายงานทุกไตรมาสจนกว่าจะเสร็จ")
    if any(act.carried for act in acts):
        a.note(f"สถานะที่ \"ยกมาจากไตรมาสที่ …\" คือสถานะล่าสุดที่รายงานไว้ในไตรมาสก่อน "
               f"ยังไม่มีรายงานสถานะของไตรมาสที่ {r.quarter}")
    if any(act.status == "not_reported" for act in acts):
        a.note("\"ยังไม่รายงาน\" คือยังไม่เคยบันทึกสถานะของกิจกรรมนั้นในปีงบประมาณนี้")
    qt = f"ไตรมาสที่ {r.quarter}"
    i = SheetWriter(wb, doc, "ตัวชี้วัด", [
        Column("โครงการ", wrap=True), Column("ตัวชี้วัด", wrap=True), Column("หน่วยนับ"),
        Column("ค่า\nเป้าหมาย", "num"), Column(f"ผล\n{qt}" if not r.cumulative else "ผลในช่วง\nรายงาน", "num"),
        Column(f"ผลสะสม\nถึง{qt}", "num"), Column("ร้อยละของ\nเป้าหมาย", "pct"), Column("ผลการ\nประเมิน"),
        Column("หมายเหตุ", wrap=True)])
    i.title(r.title, r.heading)
    i.header()
    charts = []
    for p in r.projects:
        rows = []
        for ind in p.indicators:
            how = (f"{ind.counts}: {qt} {ind.quarter_label}; สะสม {ind.to_date_label}"
                   + (f" ({ind.basis})" if ind.basis else "")) if ind.counted else ""
            rows.append(i.add([p.title, ind.title, ind.unit, ind.target, ind.quarter_value, ind.result, ind.percent,
                               ind.achieved_th, "\n".join(x for x in (ind.note, how) if x) or None]))
        charts.append(Bars(p.title + (f" ({p.source})" if p.source else ""), i, 2, 7, rows,
                           "ร้อยละของเป้าหมาย", percent=True))
    i.note("ผลการประเมิน: ตัวชี้วัดที่หน่วยนับเป็นร้อยละ เทียบผลกับค่าเป้าหมายโดยตรง "
           "ตัวชี้วัดอื่นเทียบร้อยละของเป้าหมาย (บรรลุเมื่อถึงร้อยละ ๑๐๐)")
    pr = SheetWriter(wb, doc, "ปัญหาและข้อเสนอแนะ", [
        Column("โครงการ", wrap=True), Column("ไตรมาส", "int"), Column("ปัญหาอุปสรรค", wrap=True),
        Column("ข้อเสนอแนะ", wrap=True)])
    pr.title(r.title, r.heading)
    pr.header()
    for p in r.projects:
        quarters = sorted({x.quarter for x in p.problems} | {x.quarter for x in p.suggestions})
        for q in quarters:
            pr.add([p.title, q, "\n".join(x.text for x in p.problems if x.quarter == q),
                    "\n".join(x.text for x in p.suggestions if x.quarter == q)])
    _end([s, a, i, pr], r.revision)
    chart_sheet(wb, doc, "แผนภูมิตัวชี้วัด", (r.title, r.heading, "ความก้าวหน้าของตัวชี้วัด (ร้อยละของเป้าหมาย)"),
                charts)
    return wb


def visits(r: VisitsReport) -> Any:
    wb = xlsx_book.new_workbook()
    doc = Document(r.title, r.office, r.thai_digits, r.signer)
    # the network of each school is on the next sheet (as in the Markdown report)
    cols = [Column("ที่", "int", key=True), Column("วันที่", "date", key=True), Column("โรงเรียน", key=True),
            Column("โครงการ", wrap=True), Column("ผู้รับการนิเทศ", wrap=True),
            Column("ผลการนิเทศ", wrap=True), Column("ข้อเสนอแนะ", wrap=True)]
    if r.by_person:
        cols.append(Column("ผู้นิเทศ", wrap=True))
    s = SheetWriter(wb, doc, "บันทึกการนิเทศ", cols, first=True)
    heading = [r.title, r.office, r.heading] + ([f"ผู้นิเทศ: {', '.join(r.only)}"] if r.only else [])
    s.title(*heading)
    if r.empty:
        s.note("ไม่มีบันทึกการนิเทศในช่วงนี้")
        _end([s, *_targets(wb, doc, r)], r.revision)
        return wb
    s.header()
    for n, v in enumerate(r.visits, start=1):
        row = [n, v.date, v.school_name, v.project_name, "\n".join(v.supervisees), v.findings, v.suggestions]
        s.add(row + (["\n".join(v.supervisors) or v.source] if r.by_person else []))
    sc = SheetWriter(wb, doc, "รายโรงเรียน", [
        Column("ที่", "int"), Column("โรงเรียน"), Column("รหัสโรงเรียน"), Column("กลุ่มเครือข่าย"),
        Column("จำนวนครั้ง", "int"), Column("นิเทศล่าสุด", "date")])
    sc.title(r.title, r.heading)
    sc.header()
    for n, st in enumerate(r.schools, start=1):
        sc.add([n, st.name, st.code, st.network, st.visits, st.last])
    sc.add([None, "รวม", None, None, len(r.visits), None], bold=True)
    nw = SheetWriter(wb, doc, "รายเครือข่าย", [
        Column("ที่", "int"), Column("กลุ่มเครือข่าย"), Column("จำนวน\nโรงเรียน", "int"), Column("จำนวนครั้ง", "int")])
    nw.title(r.title, r.heading)
    nw.header()
    rows = [nw.add([n, net.network, net.schools, net.visits]) for n, net in enumerate(r.networks, start=1)]
    nw.add([None, "รวม", len(r.schools), len(r.visits)], bold=True)
    sheets = [s, sc, nw]
    if r.follow_ups:
        fs = SheetWriter(wb, doc, "การติดตามผล", [
            Column("ที่", "int"), Column("โรงเรียน"), Column("นิเทศเมื่อ", "date"), Column("สิ่งที่ติดตาม", wrap=True),
            Column("กำหนด", "date"), Column("ติดตามเมื่อ", "date"), Column("ผลการติดตาม", wrap=True)])
        fs.title(r.title, r.heading)
        fs.header()
        for n, f in enumerate(r.follow_ups, start=1):
            fs.add([n, f.school_name, f.visit_date, f.action, f.due,
                    f.done_date or ("ติดตามแล้ว" if f.done else "ยังไม่ได้ติดตาม"), f.result])
        sheets.append(fs)
    sheets += _targets(wb, doc, r)
    if r.people:
        pp = SheetWriter(wb, doc, "รายผู้นิเทศ", [
            Column("ที่", "int"), Column("ผู้นิเทศ"), Column("จำนวน\nโรงเรียน", "int"), Column("จำนวนครั้ง", "int")])
        pp.title(r.title, r.heading)
        pp.header()
        for n, person in enumerate(r.people, start=1):
            pp.add([n, person.name, person.schools, person.visits])
        sheets.append(pp)
    _end(sheets, r.revision)
    chart_sheet(wb, doc, "แผนภูมิรายเครือข่าย", (r.title, r.heading),
                [Bars("จำนวนครั้งที่นิเทศ รายกลุ่มเครือข่าย", nw, 2, 4, rows, "ครั้ง")])
    return wb


def _targets(wb: Any, doc: Document, r: VisitsReport) -> list[SheetWriter]:
    """The coverage of the fiscal year's target lists (visited / not yet), when there are any."""
    if not r.targets:
        return []
    ts = SheetWriter(wb, doc, "โรงเรียนกลุ่มเป้าหมาย", [
        Column("ที่", "int"), Column("โครงการ", wrap=True), Column("โรงเรียน\nกลุ่มเป้าหมาย", "int"),
        Column("นิเทศแล้ว", "int"), Column("ยังไม่ได้\nนิเทศ", "int"), Column("ร้อยละที่\nนิเทศแล้ว", "pct"),
        Column("โรงเรียนที่ยังไม่ได้นิเทศ", wrap=True)])
    ts.title(r.title, r.heading)
    ts.header()
    for n, c in enumerate(r.targets, start=1):
        ts.add([n, c.label, c.total, c.visited, len(c.not_yet), c.percent, "\n".join(c.not_yet)])
    ts.note("นับเฉพาะการนิเทศของโครงการนั้นในช่วงของรายงาน")
    return [ts]


def screening(r: ScreeningReport) -> Any:
    wb = xlsx_book.new_workbook()
    doc = Document(r.title, r.office, r.thai_digits, r.signer)
    level_cols = [c for _, th in r.levels for c in (Column(th, "int"), Column(f"ร้อยละ\n{th}", "pct"))]
    cols = [Column("โรงเรียน", key=True), Column("ชั้น", key=True), Column("ด้าน", key=True), Column("ภาค\nเรียน", "int"),
            Column("คัดกรอง", "int"), *level_cols, Column("ดีมาก+ดี\n(ร้อยละ)", "pct"),
            Column("เปลี่ยนแปลง\n(จุดร้อยละ)", "signed")]
    title = f"ปีการศึกษา {r.academic_year}" + (f" ภาคเรียนที่ {r.semester}" if r.semester else "")
    s = SheetWriter(wb, doc, "ผลการคัดกรอง", cols, first=True)
    s.title(r.title, r.office, title)
    if r.empty:
        s.note("ไม่มีผลการคัดกรองของช่วงนี้")
        _end([s], r.revision)
        return wb
    s.header()
    blocks = [(b.school_name, b.grade, b.aspects) for b in r.blocks] + \
        [("รวมทุกโรงเรียน", grade, rows) for grade, rows in r.totals]
    for name, grade, rows in blocks:
        for row in rows:
            for sem, c in row.by_semester.items():
                levels = [x for lv, _ in r.levels for x in (c.counts[lv], c.percent(lv))]
                change = row.change if sem == max(row.by_semester) and r.compare else None
                s.add([name, f"ป.{grade}", row.aspect_th, sem, c.assessed, *levels, c.good_share,
                       None if change is None else round(change, 2)], bold=name == "รวมทุกโรงเรียน")
    gaps = [(name, grade, g) for name, grade, rows in blocks for g in r.gaps(rows)]
    if gaps:
        s.gap()
        # the same words as screening.md.j2
        s.note("หมายเหตุ: นักเรียนที่ได้รับการคัดกรองแต่เว้นว่างบางด้าน ไม่ถูกนับในด้านนั้น "
               "ร้อยละของด้านต่อไปนี้จึงคิดจากนักเรียนที่มีผลในด้านนั้น:", bold=True)
        for name, grade, g in gaps:
            tail = (f"มีผลด้านนี้ {g.assessed} คน (เว้นว่าง {g.blank} คน)" if g.assessed
                    else "ไม่มีผลด้านนี้เลย (ถือว่าไม่ได้คัดกรองด้านนี้)")
            s.note(f"- {name} ป.{grade} {g.aspect_th} ภาคเรียนที่ {g.semester}: ได้รับการคัดกรอง {g.pupils} คน {tail}")
    _end([s], r.revision)
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


def save(wb: Any, path: Path, day: date | None = None) -> None:
    """Write the workbook atomically. Given the report's date, the file is the same bytes each time
    it is made from the same records (``report ... --as-of`` reprints what was submitted): every date
    inside the file is that day, not the clock."""
    xlsx_book.save(wb, path, None if day is None else datetime(day.year, day.month, day.day))
