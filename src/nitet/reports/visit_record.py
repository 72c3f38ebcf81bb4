"""The visit record (บันทึกการนิเทศ) a supervisor leaves at the school to sign: one per visit.

A plain context for the Word template (``templates/visit-record.docx``, rendered by docxtpl) and
the Markdown one (``templates/visit-record.md.j2``): everything as people read it — names, not
codes or ids; dates in full BE; every digit in the workspace's digits; a dotted line wherever
nitet does not know what to write (to fill in by hand).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from nitet.core import thai
from nitet.reports.document import SIGN_DOTS

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded


@dataclass
class Person:
    """Someone who signs: a name (dots when unknown) and a position (dots when unknown)."""
    name: str
    position: str
    subject: str = ""
    grade: str = ""


@dataclass
class VisitRecord:
    office: str
    school: str
    district: str
    date: str                  # ๒๕ พฤศจิกายน ๒๕๖๙
    supervisors: str           # the names, comma separated
    kind: str                  # นิเทศโดยใช้โรงเรียนเป็นฐาน
    project: str
    methods: str
    topics: str
    supervisees: list[Person]
    supervisees_text: str      # one a line: ชื่อ (ตำแหน่ง, กลุ่มสาระ, ชั้น)
    findings: str
    strengths: str
    improvements: str
    suggestions: str
    follow_up: str
    ratings: str
    supervisor_signs: list[Person]
    supervisee_signs: list[Person]
    principal: Person


@dataclass
class VisitRecords:
    office: str
    thai_digits: bool
    visits: list[VisitRecord] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.visits


def _people_positions(loaded: Loaded) -> dict[str, str]:
    """Supervisors' positions: the office's roster, and ``report.reporter_position`` for the reporter."""
    from nitet.core.people import person_key
    from nitet.storage.identity import supervisor

    cfg = loaded.ws.config
    out = {}
    me = cfg.report.reporter or supervisor(loaded.ws)
    if me and cfg.report.reporter_position:
        out[person_key(me)] = cfg.report.reporter_position
    for m in cfg.roster():
        if m.position:
            out[person_key(m.name)] = m.position
    return out


def _project_names(loaded: Loaded) -> dict[str, str]:
    names = {e.id: str(e.data["title"]) for e in loaded.of("plan") if e.data.get("title")}
    names.update(loaded.ws.config.projects)
    return names


def build(loaded: Loaded, entries: list[Entry]) -> VisitRecords:
    """The records of ``entries`` (visits), in the order given."""
    from nitet.core.people import person_key
    from nitet.model.visit import KIND_LABELS_TH, METHODS_TH
    from nitet.reports.visits import supervisee_text

    ws = loaded.ws
    digits = ws.thai_digits

    def text(value: Any) -> str:
        return thai.digits(str(value), digits) if value not in (None, "") else "-"

    def day(iso: str | None) -> str:
        return thai.format_date(date.fromisoformat(iso), "full", digits) if iso else "-"

    schools = loaded.index("school")
    projects = _project_names(loaded)
    positions = _people_positions(loaded)
    out = VisitRecords(office=text(ws.config.office) if ws.config.office else "", thai_digits=digits)
    for e in entries:
        d = e.data
        s = schools.get(d["school"])
        school = s.data if s is not None else {}
        school_name = str(school.get("name", d["school"]))
        supervisees = [Person(text(p["name"]), text(p.get("position")), text(p.get("subject")), text(p.get("grade")))
                       for p in d.get("supervisees", [])]
        fu = d.get("follow_up") or {}
        follow = []
        if fu.get("date") or fu.get("action"):
            follow.append((f"กำหนดติดตาม {day(fu['date'])}: " if fu.get("date") else "") + str(fu.get("action") or ""))
        if fu.get("done"):
            follow.append("ติดตามแล้ว" + (f" {day(fu['done_date'])}" if fu.get("done_date") else "")
                          + (f": {fu['result']}" if fu.get("result") else ""))
        scale = d.get("rating_scale", 5)
        ratings = "\n".join(f"{item}: {score}/{scale}" for item, score in (d.get("ratings") or {}).items())
        out.visits.append(VisitRecord(
            office=out.office, school=text(school_name), district=text(school.get("district")), date=day(d["date"]),
            supervisors=text(", ".join(d.get("supervisors", []))),
            kind=KIND_LABELS_TH.get(d.get("kind", ""), text(d.get("kind"))),
            project=text(projects.get(d.get("project") or "", d.get("project"))),
            methods=text(", ".join(METHODS_TH.get(m, m) for m in d.get("methods", []))),
            topics=text("\n".join(d.get("topics", []))),
            supervisees=supervisees or [Person("-", "-", "-", "-")],
            supervisees_text=text("\n".join(supervisee_text(p) for p in d.get("supervisees", []))),
            findings=text(d.get("findings")), strengths=text(d.get("strengths")),
            improvements=text(d.get("improvements")), suggestions=text(d.get("suggestions")),
            follow_up=text("\n".join(follow)), ratings=text(ratings) if ratings else "",
            supervisor_signs=[Person(text(n), text(positions.get(person_key(n), SIGN_DOTS)))
                              for n in d.get("supervisors", [])] or [Person(SIGN_DOTS, SIGN_DOTS)],
            supervisee_signs=[Person(p.name, p.position if p.position != "-" else SIGN_DOTS) for p in supervisees]
            or [Person(SIGN_DOTS, SIGN_DOTS)],
            principal=Person(text(school["principal"]) if school.get("principal") else SIGN_DOTS,
                             f"ผู้อำนวยการ{text(school_name)}" if school_name.startswith("โรงเรียน") else SIGN_DOTS)))
    return out
