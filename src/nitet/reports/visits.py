"""The visits report (รายงานการนิเทศ): every visit of a period, totals per school and per network."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nitet.core import thai
from nitet.reports.document import Signer
from nitet.reports.sources import Sources, as_sources, thai_sorted

NO_NETWORK = "(ไม่ระบุเครือข่าย)"


@dataclass
class VisitRow:
    id: str
    date: date
    school: str
    school_name: str
    network: str | None
    project: str | None      # as recorded: an id of nitet.yaml's projects or of a plan, or free text
    supervisors: list[str]
    supervisees: list[str]   # "ชื่อ (ตำแหน่ง, กลุ่มสาระ, ชั้น)"
    findings: str
    suggestions: str
    source: str | None       # the supervisor / workspace in a combined report
    project_name: str | None = None  # the project as people wrote it (its name, never an id)


@dataclass
class SchoolTotal:
    code: str
    name: str
    network: str | None
    visits: int
    last: date


@dataclass
class NetworkTotal:
    network: str
    schools: int
    visits: int


@dataclass
class FollowUpRow:
    school_name: str
    visit_date: date
    action: str           # what was to be followed up (or the advice given)
    due: date | None
    done_date: date | None
    done: bool
    result: str


@dataclass
class TargetCoverage:
    """One target list over the report's period: how many of its schools had a visit of its project."""
    project: str | None    # None: the registry's target: true schools, for every project
    label: str             # as printed: the project's name (or "ทุกโครงการ")
    total: int
    visited: int
    not_yet: list[str]     # school names, in the list's order

    @property
    def percent(self) -> float | None:
        return self.visited / self.total * 100 if self.total else None


@dataclass
class PersonTotal:
    name: str
    schools: int
    visits: int


@dataclass
class VisitsReport:
    title: str
    office: str
    fiscal_year: int
    quarter: int | None
    heading: str
    start: date
    end: date
    supervisor: str | None   # the reporter (kept for templates written before reporter_position)
    report_date: date
    thai_digits: bool
    reporter_position: str | None = None
    visits: list[VisitRow] = field(default_factory=list)
    schools: list[SchoolTotal] = field(default_factory=list)
    networks: list[NetworkTotal] = field(default_factory=list)
    people: list[PersonTotal] = field(default_factory=list)   # per supervisor, when several did the visits
    follow_ups: list[FollowUpRow] = field(default_factory=list)  # of the period's visits: done or not, result
    only: list[str] = field(default_factory=list)             # the supervisors asked for (--supervisor)
    targets: list[TargetCoverage] = field(default_factory=list)  # coverage of the fiscal year's target lists
    several: bool = False
    skipped_files: int = 0
    revision: str | None = None  # the records' git revision (nitet.storage.revision.text), None outside git

    @property
    def by_person(self) -> bool:
        """Each visit names its supervisors: a combined report, or several people's visits."""
        return self.several or bool(self.people)

    @property
    def empty(self) -> bool:
        return not self.visits

    @property
    def reporter(self) -> str | None:
        return self.supervisor

    @property
    def signer(self) -> Signer:
        return Signer(self.supervisor, self.reporter_position, self.report_date)


def supervisee_text(s: dict[str, Any]) -> str:
    extra = [str(s[k]) for k in ("position", "subject", "grade") if s.get(k)]
    return f"{s['name']} ({', '.join(extra)})" if extra else str(s["name"])


def project_names(src: Sources) -> dict[str, str]:
    """A visit's ``project`` → the project's name: nitet.yaml's ``projects`` (``dltv`` → โครงการนิเทศ…),
    else the title of the plan with that id."""
    names = {e.id: str(e.data["title"]) for _, e in src.entries("plan") if e.data.get("title")}
    for loaded in reversed(src.loads):
        names.update(loaded.ws.config.projects)
    return names


def build(data: Any, fy: int, quarter: int | None = None, *, today: date | None = None,
          supervisors: list[str] | None = None) -> VisitsReport:
    """The visits of ``quarter`` (or the whole fiscal year ``fy``); ``supervisors``: only the visits
    that name one of them (titles and spacing aside)."""
    from nitet.domain.visits import by_any, person_keys

    src: Sources = as_sources(data)
    ws = src.ws
    start, end = thai.fiscal_period(fy, quarter)
    if quarter is None:
        head = f"ปีงบประมาณ {fy} ({thai.format_date(start)} – {thai.format_date(end)})"
        head = thai.to_thai_digits(head) if ws.thai_digits else head
    else:
        head = thai.format_quarter_heading(fy, quarter, ws.thai_digits)
    reporter = src.reporter()
    report = VisitsReport(
        title="รายงานผลการนิเทศ ติดตาม การจัดการศึกษา", office=ws.config.office, fiscal_year=fy, quarter=quarter,
        heading=head, start=start, end=end, supervisor=reporter, reporter_position=src.reporter_position(reporter),
        report_date=today or date.today(), thai_digits=ws.thai_digits, several=src.several,
        skipped_files=src.problem_files(), only=list(supervisors or []))
    wanted = person_keys(supervisors)
    schools = src.schools()
    counted: list[dict[str, Any]] = []  # the visits of the report, for the targets' coverage
    projects = project_names(src)
    for loaded, e in src.entries("visit"):
        d = date.fromisoformat(e.data["date"])
        if not start <= d <= end:
            continue
        if wanted and not by_any(e, wanted):
            continue
        counted.append(e.data)
        key = e.data["school"]
        s = schools.get(key, {})
        fu = e.data.get("follow_up") or {}
        if fu.get("date") or fu.get("action"):
            done_on = date.fromisoformat(fu["done_date"]) if fu.get("done_date") else None
            done = bool(fu.get("done")) and (done_on is None or done_on <= report.report_date)  # as of the report
            report.follow_ups.append(FollowUpRow(
                school_name=str(s.get("name", key)), visit_date=d,
                action=str(fu.get("action") or e.data.get("suggestions") or ""),
                due=date.fromisoformat(fu["date"]) if fu.get("date") else None,
                done_date=done_on if done else None, done=done, result=str(fu.get("result") or "") if done else ""))
        report.visits.append(VisitRow(
            id=e.id, date=d, school=key, school_name=str(s.get("name", key)), network=s.get("network"),
            project=e.data.get("project"), supervisors=list(e.data.get("supervisors", [])),
            supervisees=[supervisee_text(p) for p in e.data.get("supervisees", [])],
            findings=str(e.data.get("findings") or ""), suggestions=str(e.data.get("suggestions") or ""),
            source=src.label(loaded) if src.several else None,
            project_name=projects.get(e.data.get("project") or "", e.data.get("project"))))
    report.targets = _coverage(src, fy, start, end, counted)
    if not report.visits:
        return report
    name_order = thai_sorted(sorted({v.school_name for v in report.visits}), key=str)
    rank = {n: i for i, n in enumerate(name_order)}
    report.visits.sort(key=lambda v: (v.date, rank[v.school_name], v.source or "", v.id))
    by_school: dict[str, list[VisitRow]] = defaultdict(list)
    for v in report.visits:
        by_school[v.school].append(v)
    report.schools = [SchoolTotal(code, vs[0].school_name, vs[0].network, len(vs), max(v.date for v in vs))
                      for code, vs in by_school.items()]
    report.schools = thai_sorted(report.schools, key=lambda s: s.name)
    by_net: dict[str, list[SchoolTotal]] = defaultdict(list)
    for st in report.schools:
        by_net[st.network or NO_NETWORK].append(st)
    nets = [NetworkTotal(n, len(ss), sum(s.visits for s in ss)) for n, ss in by_net.items() if n != NO_NETWORK]
    report.networks = thai_sorted(nets, key=lambda n: n.network)
    if NO_NETWORK in by_net:
        ss = by_net[NO_NETWORK]
        report.networks.append(NetworkTotal(NO_NETWORK, len(ss), sum(s.visits for s in ss)))
    report.people = _people(report.visits)
    report.follow_ups.sort(key=lambda f: (f.visit_date, rank.get(f.school_name, 0)))
    return report


def _coverage(src: Sources, fy: int, start: date, end: date, visits: list[dict[str, Any]]) -> list[TargetCoverage]:
    """Each target list of the fiscal year (or the registry's target: true schools when the year has
    none) over the report's visits: a list counts visits of its own project."""
    from nitet.domain import targets

    lists = targets.lists_of((e for _, e in src.entries("target")), fy)
    sets = [lists[p] for p in sorted(lists)]
    if not sets:
        marked = targets.flagged(e for _, e in src.entries("school"))
        sets = [targets.Targets(fy, targets.ALL, marked, "flag")] if marked else []
    projects = src.ws.config.projects
    schools = src.schools()
    out = []
    for x in sets:
        c = targets.coverage(x, visits, start, end)
        label = "ทุกโครงการ (โรงเรียนกลุ่มเป้าหมาย)" if x.project == targets.ALL else \
            str(projects.get(x.project) or x.title or x.project)
        out.append(TargetCoverage(None if x.project == targets.ALL else x.project, label, c.total, len(c.visited),
                                  [str(schools.get(k, {}).get("name", k)) for k in c.not_yet]))
    return out


def _people(rows: list[VisitRow]) -> list[PersonTotal]:
    """Visits and schools per supervisor (a visit by two counts for each), in Thai order; empty when
    one person (or nobody named) did every visit. Names differing only in title or spacing are one
    person, shown as first written."""
    from nitet.core.people import person_key

    names: dict[str, str] = {}
    visits: dict[str, int] = defaultdict(int)
    schools: dict[str, set[str]] = defaultdict(set)
    for v in rows:
        for n, x in {person_key(x): x for x in reversed(v.supervisors)}.items():
            names.setdefault(n, x)
            visits[n] += 1
            schools[n].add(v.school)
    if len(names) < 2:
        return []
    return thai_sorted([PersonTotal(names[k], len(schools[k]), visits[k]) for k in names], key=lambda p: p.name)
