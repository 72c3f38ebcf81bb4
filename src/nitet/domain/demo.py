"""Sample records for ``nitet init --demo``: fictional schools with real-looking codes.

Everything here is invented (school names, people, figures); codes only look like the real
10-digit MOE, 8-digit SMIS (area 6302) and 6-digit OBEC codes. The output is deterministic: fixed
tokens instead of random ones, so ``make sync-defaults`` gives the same files every time.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import partial
from typing import Any

from nitet.storage.workspace import Workspace

SCHOOLS: list[dict[str, Any]] = [
    {"code": "1063350101", "smis": "63020101", "obec": "630101", "name": "โรงเรียนบ้านห้วยน้ำใส",
     "district": "แม่สอด", "subdistrict": "แม่ปะ", "network": "เครือข่ายแม่สอด ๑", "students": 86,
     "teachers": 7, "principal": "นายสมชาย ใจดี", "dltv": True, "target": True},
    {"code": "1063350102", "smis": "63020102", "obec": "630102", "name": "โรงเรียนบ้านดอยงาม",
     "district": "แม่สอด", "subdistrict": "พระธาตุผาแดง", "network": "เครือข่ายแม่สอด ๑", "students": 245,
     "teachers": 14, "principal": "นางวันดี มีสุข"},
    {"code": "1063350203", "smis": "63020203", "obec": "630203", "name": "โรงเรียนบ้านผาลาด",
     "district": "พบพระ", "subdistrict": "ช่องแคบ", "network": "เครือข่ายพบพระ", "students": 64,
     "teachers": 5, "dltv": True, "target": True},
    {"code": "1063350204", "smis": "63020204", "obec": "630204", "name": "โรงเรียนบ้านทุ่งดอกไม้",
     "district": "พบพระ", "subdistrict": "วาเล่ย์", "network": "เครือข่ายพบพระ", "students": 132,
     "teachers": 9},
    {"code": "1063350305", "smis": "63020305", "obec": "630305", "name": "โรงเรียนบ้านแม่กลองน้อย",
     "district": "อุ้มผาง", "subdistrict": "แม่กลอง", "network": "เครือข่ายอุ้มผาง", "students": 48,
     "teachers": 4, "dltv": True, "target": True},
    {"code": "1063350406", "smis": "63020406", "obec": "630406", "name": "โรงเรียนบ้านห้วยไม้แดง",
     "district": "แม่ระมาด", "subdistrict": "ขะเนจื้อ", "network": "เครือข่ายแม่ระมาด", "students": 71,
     "teachers": 6, "dltv": True},
    {"code": "1063350407", "smis": "63020407", "obec": "630407", "name": "โรงเรียนบ้านสามหมื่นพัฒนา",
     "district": "แม่ระมาด", "subdistrict": "สามหมื่น", "network": "เครือข่ายแม่ระมาด", "students": 390,
     "teachers": 20},
    {"code": "1063350508", "smis": "63020508", "obec": "630508", "name": "โรงเรียนบ้านแม่ต้านเหนือ",
     "district": "ท่าสองยาง", "subdistrict": "แม่ต้าน", "network": "เครือข่ายท่าสองยาง", "students": 55,
     "teachers": 4, "dltv": True},
]

_DLTV = ("ครูศึกษาแผนการสอน DLTV ล่วงหน้า นักเรียนตั้งใจเรียน แต่สัญญาณภาพขาดหายช่วงฝนตก",
         "จัดตารางสอนซ่อมเสริมคาบที่สัญญาณขัดข้อง และบันทึกหลังการสอนทุกคาบ")
_DLTV2 = ("ครูอำนวยความสะดวกระหว่างออกอากาศดี มีบันทึกหลังสอนครบ ห้องเรียนคละชั้นยังขาดจอรับภาพ ๑ ชุด",
          "ขอสนับสนุนเครื่องรับสัญญาณจากเขต และใช้สื่อออนไลน์ของมูลนิธิฯ ย้อนหลังแทนชั่วคราว")
_READ = ("นักเรียน ป.๑ ส่วนใหญ่อ่านออกเสียงคำพื้นฐานได้ ยังสะกดคำควบกล้ำไม่ได้ ครูใช้แบบฝึกอ่านรายวัน",
         "ฝึกอ่านคำควบกล้ำวันละ ๑๕ นาที และคัดกรองซ้ำปลายภาคเรียน")
_READ2 = ("ครูภาษาไทยจัดมุมรักการอ่านและบันทึกการอ่านรายบุคคล นักเรียนที่ใช้ภาษาถิ่นยังเขียนเรื่องสั้นได้น้อย",
          "ใช้กิจกรรมเล่าเรื่องจากภาพก่อนเขียน และแลกเปลี่ยนวิธีสอนใน PLC ของเครือข่าย")

# (date, school, project, method, supervisee, (findings, suggestions), follow-up (date, action, result when
# done: followed up at the school's next visit, on the follow-up's date))
VISITS: list[tuple[str, str, str | None, str, tuple[str, str, str, str], tuple[str, str],
                   tuple[str, str, str | None] | None]] = [
    ("2025-10-02", "1063350101", "dltv", "observation", ("นางสาวพิมพ์ใจ รักสอน", "ครู", "คณิตศาสตร์", "ป.4"), _DLTV,
     ("2026-01-14", "ติดตามการสอนซ่อมเสริมคาบที่สัญญาณขัดข้อง",
      "ครูสอนซ่อมเสริมครบทุกคาบที่สัญญาณขัดข้อง และบันทึกไว้ในแผนการสอน")),
    ("2025-11-12", "1063350203", "dltv", "coaching", ("นายวีระ กล้าหาญ", "ครูผู้ช่วย", "วิทยาศาสตร์", "ป.5"), _DLTV2, None),
    ("2025-11-20", "1063350305", "dltv", "online", ("นางมาลี ศรีสุข", "ครู", "ภาษาไทย", "ป.2"), _DLTV, None),
    ("2025-12-03", "1063350406", "dltv", "observation", ("นายอนุชา ตั้งใจ", "ครู", "สังคมศึกษาฯ", "ป.6"), _DLTV2, None),
    ("2025-12-10", "1063350102", "reading", "coaching", ("นางสาวกานดา อ่านเก่ง", "ครู", "ภาษาไทย", "ป.1"), _READ,
     ("2026-02-04", "ติดตามการใช้แบบฝึกอ่านคำควบกล้ำ", "ครูใช้แบบฝึกทุกวัน นักเรียนอ่านคำควบกล้ำได้คล่องขึ้น")),
    ("2025-12-17", "1063350204", "reading", "document-review", ("นางบุษบา เขียนดี", "ครู", "ภาษาไทย", "ป.1"), _READ2,
     None),
    ("2025-12-18", "1063350101", None, "meeting", ("นายสมชาย ใจดี", "ผู้อำนวยการโรงเรียน", "", ""),
     ("โรงเรียนมีแผนนิเทศภายในครบทุกภาคเรียน แต่ยังไม่มีบันทึกผลการนิเทศภายใน",
      "จัดทำปฏิทินนิเทศภายในและบันทึกผลหลังการสังเกตการสอนทุกครั้ง"), None),
    ("2026-01-14", "1063350101", "dltv", "observation", ("นางสาวพิมพ์ใจ รักสอน", "ครู", "คณิตศาสตร์", "ป.4"), _DLTV2,
     None),
    ("2026-01-21", "1063350508", "dltv", "observation", ("นายธนา ขยันยิ่ง", "ครู", "คณิตศาสตร์", "ป.3"), _DLTV, None),
    ("2026-01-28", "1063350407", "reading", "plc", ("นางสาวอรุณี แสงทอง", "ครู", "ภาษาไทย", "ป.1"), _READ2,
     ("2026-05-20", "ติดตามผลการคัดกรองภาคเรียนที่ ๑ ปีการศึกษา ๒๕๖๙", None)),
    ("2026-02-04", "1063350102", "reading", "observation", ("นางสาวกานดา อ่านเก่ง", "ครู", "ภาษาไทย", "ป.1"), _READ2,
     None),
    ("2026-02-11", "1063350203", "dltv", "coaching", ("นายวีระ กล้าหาญ", "ครูผู้ช่วย", "วิทยาศาสตร์", "ป.5"), _DLTV,
     None),
    ("2026-02-25", "1063350204", "reading", "coaching", ("นางบุษบา เขียนดี", "ครู", "ภาษาไทย", "ป.1"), _READ, None),
    ("2026-03-04", "1063350406", "reading", "observation", ("นางสาวจันทร์เพ็ญ ใฝ่รู้", "ครู", "ภาษาไทย", "ป.2"), _READ,
     None),
    ("2026-03-11", "1063350305", "dltv", "online", ("นางมาลี ศรีสุข", "ครู", "ภาษาไทย", "ป.2"), _DLTV2,
     ("2026-06-10", "ติดตามการบันทึกหลังการสอน DLTV", None)),
]

#: The plan of SPEC §2, exactly.
DLTV_PLAN: dict[str, Any] = {
    "id": "dltv-2569", "fiscal_year": 2569,
    "title": "โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)", "budget": 40000,
    "activities": [
        {"id": "a1", "title": "นิเทศติดตามโรงเรียน DLTV", "quarters": [1, 2, 3], "budget": 30000},
        {"id": "a2", "title": "สรุปและเผยแพร่ผลการนิเทศ", "quarters": [4], "budget": 10000}],
    "indicators": [
        {"id": "schools", "title": "จำนวนโรงเรียน DLTV ที่ได้รับการนิเทศ", "unit": "โรงเรียน", "target": 10,
         "source": "visits", "filter": {"project": "dltv"}},
        {"id": "satisfaction", "title": "ร้อยละของครูที่พึงพอใจต่อการนิเทศ", "unit": "ร้อยละ", "target": 80,
         "source": "manual"}],
    "results": [
        {"quarter": 1, "spent": 12500, "activities": {"a1": "in_progress"}, "indicators": {"satisfaction": 85},
         "problems": "ระยะทางไกล การเดินทางลำบาก", "suggestions": "ใช้การนิเทศออนไลน์เสริม"}],
}

#: A plan that shows what the KRS says beyond SPEC §2: an owner (ผู้รับผิดชอบ), an activity late from Q1 (r4),
#: activity results (outcomes), and indicators counted from visits of the target schools (percent),
#: from the ป.1 screening records (semester 2/2568 is the one FY 2569 covers by Q2) and from the case's steps.
READING_PLAN: dict[str, Any] = {
    "id": "reading-2569", "fiscal_year": 2569,
    "title": "โครงการนิเทศติดตามการอ่านการเขียนตามนโยบาย สพฐ.", "workflow": "area-supervision",
    "owner": "นายวิชัย รักการอ่าน", "budget": 25000,
    "activities": [
        {"id": "r1", "title": "คัดกรองการอ่านการเขียนนักเรียนชั้น ป.1", "quarters": [1, 3], "budget": 5000},
        {"id": "r2", "title": "นิเทศติดตามการสอนอ่านเขียนในโรงเรียนกลุ่มเป้าหมาย", "quarters": [1, 2, 3],
         "budget": 12000},
        {"id": "r3", "title": "ประชุมแลกเปลี่ยนเรียนรู้ (PLC) ครูภาษาไทย", "quarters": [2], "budget": 5000},
        {"id": "r4", "title": "อบรมครูภาษาไทยเรื่องการสอนอ่านเขียนแบบแจกลูกสะกดคำ", "quarters": [1], "budget": 3000}],
    "indicators": [
        {"id": "schools", "title": "จำนวนโรงเรียนที่ได้รับการนิเทศการอ่านการเขียน", "unit": "โรงเรียน",
         "target": 6, "source": "visits", "filter": {"project": "reading"}},
        {"id": "targets", "title": "ร้อยละของโรงเรียนกลุ่มเป้าหมายที่ได้รับการนิเทศการอ่านการเขียน", "unit": "ร้อยละ",
         "target": 100, "source": "visits", "filter": {"project": "reading"}, "targets": True},
        {"id": "fluent", "title": "ร้อยละของนักเรียน ป.1 ที่อ่านออกเสียงระดับดีขึ้นไป", "unit": "ร้อยละ",
         "target": 70, "source": "screening", "aspect": "read_aloud", "grade": 1},
        {"id": "steps", "title": "จำนวนขั้นตอนของการนิเทศแบบบูรณาการที่ดำเนินการแล้วเสร็จ", "unit": "ขั้นตอน",
         "target": 7, "source": "cases"}],
    "results": [
        {"quarter": 1, "spent": 6200, "activities": {"r1": "done", "r2": "in_progress", "r4": "in_progress"},
         "outcomes": {"r1": "คัดกรองนักเรียน ป.๑ ครบ ๒ โรงเรียน ๒๑ คน", "r4": "เลื่อนการอบรมเพราะวิทยากรติดภารกิจ"},
         "problems": "นักเรียนหลายคนใช้ภาษาถิ่นที่บ้าน",
         "suggestions": "จัดสื่อฝึกอ่านที่เชื่อมภาษาถิ่นกับภาษาไทย"},
        {"quarter": 2, "spent": 7300, "activities": {"r2": "in_progress", "r3": "done"},
         "outcomes": {"r2": "นิเทศติดตาม ๔ โรงเรียน", "r3": "จัด PLC ๑ ครั้ง ครูเข้าร่วม ๑๒ คน"},
         "problems": "ครูภาษาไทยย้ายกลางภาคเรียน ๒ โรงเรียน",
         "suggestions": "ให้ครูแกนนำในเครือข่ายช่วยสอนแนะครูใหม่"}],
}

#: Target schools of FY 2569 per project (records/targets/): every DLTV school; four reading schools.
TARGETS: dict[str, list[str]] = {
    "dltv": ["1063350101", "1063350203", "1063350305", "1063350406", "1063350508"],
    "reading": ["1063350102", "1063350204", "1063350407", "1063350101"],
}
TARGET_TITLES = {"dltv": "โรงเรียนกลุ่มเป้าหมายโครงการ DLTV ปีงบประมาณ ๒๕๖๙",
                 "reading": "โรงเรียนกลุ่มเป้าหมายโครงการนิเทศติดตามการอ่านการเขียน ปีงบประมาณ ๒๕๖๙"}


def _levels(e: int, g: int, f: int, i: int) -> dict[str, int]:
    return {"excellent": e, "good": g, "fair": f, "improve": i}


# (school, semester, assessed, read_aloud, read_comprehension, write_words, write_story)
SCREENINGS = [
    ("1063350101", 1, 12, (2, 4, 3, 3), (1, 4, 4, 3), (2, 3, 4, 3), (0, 3, 5, 4)),
    ("1063350101", 2, 12, (4, 5, 2, 1), (3, 5, 3, 1), (3, 5, 3, 1), (2, 4, 4, 2)),
    ("1063350203", 1, 9, (1, 2, 3, 3), (1, 2, 2, 4), (1, 2, 3, 3), (0, 1, 4, 4)),
    ("1063350203", 2, 9, (2, 3, 3, 1), (2, 3, 2, 2), (2, 3, 3, 1), (1, 2, 4, 2)),
]


EVIDENCE = ("evidence/2569/สารสนเทศการนิเทศ.md", "evidence/2569/แผนการนิเทศ.md")


def _inline(doc: Any, paths: list[tuple[Any, ...]]) -> None:
    from nitet.storage.yamlrt import flow_style

    flow_style(doc, *paths)


def token(n: int) -> str:
    """A fixed stand-in for ``writer.short_token()``."""
    return hashlib.sha1(f"nitet-demo-{n}".encode()).hexdigest()[:6]


def write_demo(ws: Workspace) -> None:
    """Schools, visits (FY 2569 Q1–Q2), target lists, two plans, a case and screenings, all fictional."""
    from nitet.model import Case, Plan, School, Screening, TargetList, Visit
    from nitet.storage import ids, writer
    from nitet.storage.atomic import atomic_write

    supervisor = ws.config.supervisor or "ศึกษานิเทศก์"
    for s in SCHOOLS:
        writer.create(ws, ids.school_path(ws, s["code"]), School, s)
    for n, (day, school, project, method, (name, pos, subject, grade), (finding, suggestion), fu) in \
            enumerate(VISITS, start=1):
        d = date.fromisoformat(day)
        path = ids.visit_path(ws, d, school, token(n))
        data: dict[str, Any] = {
            "id": path.stem, "date": day, "school": school, "supervisors": [supervisor],
            "kind": "project-based" if project else "school-based", "project": project, "methods": [method],
            "supervisees": [{"name": name, "position": pos, "subject": subject or None, "grade": grade or None}],
            "topics": [{"dltv": "การจัดการเรียนรู้ DLTV", "reading": "การสอนอ่านเขียนภาษาไทย"}.get(
                project or "", "การนิเทศภายใน")],
            "findings": finding, "suggestions": suggestion}
        if fu:
            data["follow_up"] = {"date": fu[0], "action": fu[1], **(
                {"done": True, "done_date": fu[0], "result": fu[2], "done_by": supervisor} if fu[2] else {})}
        writer.create(ws, path, Visit, data)
    for project, schools in TARGETS.items():
        path = ids.target_path(ws, 2569, project)
        path.parent.mkdir(parents=True, exist_ok=True)
        writer.create(ws, path, TargetList, {"id": path.stem, "fiscal_year": 2569, "project": project,
                                             "title": TARGET_TITLES[project], "schools": schools})
    for plan in (DLTV_PLAN, READING_PLAN):
        path = writer.create(ws, ids.plan_path(ws, plan["id"]), Plan, plan)
        inline = [("activities",), ("indicators",)] + [
            ("results", i, key) for i in range(len(plan["results"])) for key in ("activities", "indicators")
            if key in plan["results"][i]]
        writer.edit(ws, path, Plan, partial(_inline, paths=inline))  # as people write plans
    case = ids.case_path(ws, "area-supervision", 2569, token(100))
    writer.create(ws, case, Case, {
        "id": case.stem, "workflow": "area-supervision",
        "title": "การนิเทศแบบบูรณาการโดยใช้พื้นที่เป็นฐาน ปีงบประมาณ 2569", "fiscal_year": 2569,
        "started": "2025-10-01", "status": "active", "steps": [
            {"step": "1", "date": "2025-10-15", "note": "รวบรวมข้อมูลโรงเรียน DLTV และผลการคัดกรองการอ่านปีที่ผ่านมา",
             "evidence": [EVIDENCE[0]]},
            {"step": "2", "date": "2025-10-31", "note": "สำรวจความต้องการการนิเทศจากผู้บริหารและครู ๘ โรงเรียน"},
            {"step": "3", "date": "2025-11-07", "note": "จัดทำแผนการนิเทศ ปีงบประมาณ 2569",
             "evidence": [EVIDENCE[1]]}]})
    for rel in EVIDENCE:
        atomic_write(ws.root / rel, f"# {rel.rsplit('/', 1)[-1][:-3]}\n\nหลักฐานตัวอย่าง (ข้อมูลสมมติ)\n")
    for school, semester, assessed, *aspects in SCREENINGS:
        path = ids.screening_path(ws, school, 2568, semester, 1)
        writer.create(ws, path, Screening, {
            "id": path.stem, "school": school, "academic_year": 2568, "semester": semester, "grade": 1,
            "assessed": assessed,
            **{a: _levels(*v) for a, v in zip(
                ("read_aloud", "read_comprehension", "write_words", "write_story"), aspects, strict=True)}})
