"""The quarter-end KRS report (รายงานผลการปฏิบัติงานตามแผนปฏิบัติการ) as a plain context.

Per plan project of the fiscal year: the activities planned for the quarter with their status,
each indicator's target and result up to the end of the quarter (``visits`` indicators count the
distinct schools with a matching visit dated inside the fiscal year up to the quarter's end),
the money (budget, spent in the period, spent to date, remaining, percent disbursed), problems
and suggestions. ``cumulative`` reports the fiscal year's start to the quarter's end (6/9/12 months).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import thai
from ..model.plan import ACTIVITY_STATUS_TH
from ..plans import latest_value, result_of, spent_to
from .sources import Sources, as_sources


@dataclass
class ActivityRow:
    id: str
    title: str
    quarters: list[int]
    budget: float | None
    status: str            # not_started | in_progress | done
    status_th: str
    planned: bool          # planned for the period (False: reported although not planned)


@dataclass
class IndicatorRow:
    id: str
    title: str
    unit: str
    target: float
    result: float | None
    percent: float | None  # of target
    source: str            # manual | visits


@dataclass
class Note:
    quarter: int
    text: str


@dataclass
class Money:
    budget: float | None
    spent_period: float
    spent_to_date: float

    @property
    def remaining(self) -> float | None:
        return None if self.budget is None else self.budget - self.spent_to_date

    @property
    def percent_disbursed(self) -> float | None:
        return None if not self.budget else self.spent_to_date / self.budget * 100


@dataclass
class Project:
    id: str
    title: str
    source: str | None     # the supervisor / workspace in a combined report
    money: Money
    activities: list[ActivityRow]
    indicators: list[IndicatorRow]
    problems: list[Note]
    suggestions: list[Note]


@dataclass
class KrsReport:
    title: str
    office: str
    group: str | None
    fiscal_year: int
    quarter: int
    cumulative: bool
    months: int
    heading: str           # ไตรมาสที่ ๑ (๑ ต.ค. ๒๕๖๘ – ๓๑ ธ.ค. ๒๕๖๘) / ผลการดำเนินงาน ๖ เดือน (...)
    start: date
    end: date
    reporter: str | None
    reporter_position: str | None
    report_date: date
    thai_digits: bool
    projects: list[Project] = field(default_factory=list)
    total: Money = field(default_factory=lambda: Money(None, 0.0, 0.0))
    skipped_files: int = 0

    @property
    def empty(self) -> bool:
        return not self.projects


def visit_matches(visit: dict[str, Any], flt: dict[str, Any] | None) -> bool:
    """Each filter key must match the visit's field; a list in the filter means any of its values,
    a list in the visit (methods, topics) matches when any of its items does."""
    for key, wanted in (flt or {}).items():
        options = {str(w) for w in (wanted if isinstance(wanted, list) else [wanted])}
        have = visit.get(key)
        values = have if isinstance(have, list) else [have]
        if not any(v is not None and str(v) in options for v in values):
            return False
    return True


def count_schools(visits: Sequence[dict[str, Any]], flt: dict[str, Any] | None, start: date, end: date) -> int:
    """Distinct schools with a visit matching ``flt`` dated ``start``..``end`` (inclusive)."""
    return len({v["school"] for v in visits
                if start <= date.fromisoformat(v["date"]) <= end and visit_matches(v, flt)})


def heading(fy: int, quarter: int, cumulative: bool, thai_digits: bool) -> str:
    if not cumulative or quarter == 1:
        return thai.format_quarter_heading(fy, quarter, thai_digits)
    start, end = thai.fiscal_period(fy, quarter, cumulative=True)
    text = (f"ผลการดำเนินงาน {quarter * 3} เดือน ไตรมาสที่ 1–{quarter} "
            f"({thai.format_date(start)} – {thai.format_date(end)})")
    return thai.to_thai_digits(text) if thai_digits else text


def build(data: Any, fy: int, quarter: int, *, cumulative: bool = False, today: date | None = None) -> KrsReport:
    """The KRS report of ``quarter`` (1–4) of BE fiscal year ``fy``."""
    src: Sources = as_sources(data)
    ws = src.ws
    cfg = ws.config
    fy_start, _ = thai.fiscal_year_range(fy)
    start, end = thai.fiscal_period(fy, quarter, cumulative=cumulative)
    first_q = 1 if cumulative else quarter
    report = KrsReport(
        title=cfg.report.krs_title, office=cfg.office, group=cfg.group, fiscal_year=fy, quarter=quarter,
        cumulative=cumulative, months=(quarter if cumulative else 1) * 3,
        heading=heading(fy, quarter, cumulative, ws.thai_digits), start=start, end=end,
        reporter=cfg.report.reporter or cfg.supervisor or None, reporter_position=cfg.report.reporter_position,
        report_date=today or date.today(), thai_digits=ws.thai_digits, skipped_files=src.problem_files())
    for loaded in src.loads:
        visits = [e.data for e in loaded.of("visit")]
        plans = sorted((e for e in loaded.of("plan") if e.data["fiscal_year"] == fy), key=lambda e: e.id)
        for e in plans:
            report.projects.append(_project(
                e.id, e.data, visits, first_q, quarter, fy_start, end, src.label(loaded) if src.several else None))
    report.total = Money(
        budget=sum(p.money.budget for p in report.projects if p.money.budget is not None)
        if any(p.money.budget is not None for p in report.projects) else None,
        spent_period=sum(p.money.spent_period for p in report.projects),
        spent_to_date=sum(p.money.spent_to_date for p in report.projects))
    return report


def _project(pid: str, plan: dict[str, Any], visits: list[dict[str, Any]], first_q: int, quarter: int,
             fy_start: date, end: date, source: str | None) -> Project:
    status_by_q = {r["quarter"]: r.get("activities", {}) for r in plan.get("results", [])}
    activities = []
    for a in plan.get("activities", []):
        planned = any(first_q <= q <= quarter for q in a.get("quarters", []))
        given = [status_by_q.get(q, {}).get(a["id"]) for q in range(first_q, quarter + 1)]
        given = [s for s in given if s]
        if not planned and not given:
            continue
        status = given[-1] if given else "not_started"
        activities.append(ActivityRow(a["id"], a["title"], list(a.get("quarters", [])), a.get("budget"),
                                      status, ACTIVITY_STATUS_TH[status], planned))
    indicators = []
    for i in plan.get("indicators", []):
        if i.get("source") == "visits":
            result: float | None = float(count_schools(visits, i.get("filter"), fy_start, end))
        else:
            result = latest_value(plan, i["id"], quarter)
        target = float(i["target"])
        percent = result / target * 100 if result is not None and target > 0 else None
        indicators.append(IndicatorRow(i["id"], i["title"], i.get("unit") or "", target, result, percent,
                                       i.get("source", "manual")))
    notes: dict[str, list[Note]] = {"problems": [], "suggestions": []}
    for q in range(first_q, quarter + 1):
        r = result_of(plan, q)
        for key, out in notes.items():
            if r.get(key):
                out.append(Note(q, str(r[key])))
    money = Money(plan.get("budget"), spent_to(plan, quarter, start=first_q), spent_to(plan, quarter))
    return Project(pid, plan["title"], source, money, activities, indicators,
                   notes["problems"], notes["suggestions"])
