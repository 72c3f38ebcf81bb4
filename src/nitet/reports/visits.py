"""The visits report (รายงานการนิเทศ): every visit of a period, totals per school and per network."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nitet.core import thai
from nitet.reports.sources import Sources, as_sources, thai_sorted

NO_NETWORK = "(ไม่ระบุเครือข่าย)"


@dataclass
class VisitRow:
    id: str
    date: date
    school: str
    school_name: str
    network: str | None
    project: str | None
    supervisors: list[str]
    supervisees: list[str]   # "ชื่อ (ตำแหน่ง, กลุ่มสาระ, ชั้น)"
    findings: str
    suggestions: str
    source: str | None       # the supervisor / workspace in a combined report


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
class VisitsReport:
    title: str
    office: str
    fiscal_year: int
    quarter: int | None
    heading: str
    start: date
    end: date
    supervisor: str | None
    report_date: date
    thai_digits: bool
    visits: list[VisitRow] = field(default_factory=list)
    schools: list[SchoolTotal] = field(default_factory=list)
    networks: list[NetworkTotal] = field(default_factory=list)
    several: bool = False
    skipped_files: int = 0

    @property
    def empty(self) -> bool:
        return not self.visits


def supervisee_text(s: dict[str, Any]) -> str:
    extra = [str(s[k]) for k in ("position", "subject", "grade") if s.get(k)]
    return f"{s['name']} ({', '.join(extra)})" if extra else str(s["name"])


def build(data: Any, fy: int, quarter: int | None = None, *, today: date | None = None) -> VisitsReport:
    src: Sources = as_sources(data)
    ws = src.ws
    start, end = thai.fiscal_period(fy, quarter)
    if quarter is None:
        head = f"ปีงบประมาณ {fy} ({thai.format_date(start)} – {thai.format_date(end)})"
        head = thai.to_thai_digits(head) if ws.thai_digits else head
    else:
        head = thai.format_quarter_heading(fy, quarter, ws.thai_digits)
    report = VisitsReport(
        title="รายงานผลการนิเทศ ติดตาม การจัดการศึกษา", office=ws.config.office, fiscal_year=fy, quarter=quarter,
        heading=head, start=start, end=end, supervisor=ws.config.supervisor or None,
        report_date=today or date.today(), thai_digits=ws.thai_digits, several=src.several,
        skipped_files=src.problem_files())
    schools = src.schools()
    for loaded, e in src.entries("visit"):
        d = date.fromisoformat(e.data["date"])
        if not start <= d <= end:
            continue
        key = e.data["school"]
        s = schools.get(key, {})
        report.visits.append(VisitRow(
            id=e.id, date=d, school=key, school_name=str(s.get("name", key)), network=s.get("network"),
            project=e.data.get("project"), supervisors=list(e.data.get("supervisors", [])),
            supervisees=[supervisee_text(p) for p in e.data.get("supervisees", [])],
            findings=str(e.data.get("findings") or ""), suggestions=str(e.data.get("suggestions") or ""),
            source=src.label(loaded) if src.several else None))
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
    return report
