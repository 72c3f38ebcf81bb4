"""The quarter-end KRS report (รายงานผลการปฏิบัติงานตามแผนปฏิบัติการ) as a plain context.

Per plan project of the fiscal year: the activities planned for the quarter with their status,
each indicator's target and result up to the end of the quarter (``visits`` indicators count the
distinct schools with a matching visit dated inside the fiscal year up to the quarter's end),
the money (budget, spent in the period, spent to date, remaining, percent disbursed), problems
and suggestions. ``cumulative`` reports the fiscal year's start to the quarter's end (6/9/12 months).

Missing data never becomes a figure. An activity's status is the latest one recorded in the plan's
results up to the quarter, marked as carried forward (ยกมาจากไตรมาสที่ …) when an earlier quarter gave
it, and ``not_reported`` (ยังไม่รายงาน) when none was ever recorded; a manual indicator's value is
marked the same way. Money spent in a quarter without a result is unknown (None), not 0: sums add
up the quarters that have a result. Each project lists the quarters of the period without a result
(``missing``) with the command that records one; the renderers say so next to the tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nitet.core import thai
from nitet.domain.plans import result_of
from nitet.model.plan import ACTIVITY_STATUS_TH
from nitet.reports.document import Signer
from nitet.reports.sources import Sources, as_sources

#: What the report says where nothing was recorded: a status, money spent, a manual value, a note.
NOT_REPORTED_TH = "ยังไม่รายงาน"


def carried_text(quarter: int, thai_digits: bool) -> str:
    """The mark of a status or value given by an earlier quarter's result: ยกมาจากไตรมาสที่ ๑."""
    return thai.digits(f"ยกมาจากไตรมาสที่ {quarter}", thai_digits)


@dataclass
class ActivityRow:
    id: str
    title: str
    quarters: list[int]
    budget: float | None
    status: str            # not_started | in_progress | done | not_reported
    status_th: str         # as printed: the Thai label, with "(ยกมาจากไตรมาสที่ ๑)" when carried forward
    planned: bool          # planned for the period (False: reported although not planned)
    reported_quarter: int | None = None  # the quarter whose result gave the status (None: never reported)
    carried: bool = False  # the status comes from an earlier quarter than the report's


@dataclass
class IndicatorRow:
    id: str
    title: str
    unit: str
    target: float
    result: float | None   # None: a manual value never recorded (ยังไม่รายงาน)
    percent: float | None  # of target
    source: str            # manual | visits
    reported_quarter: int | None = None  # manual: the quarter whose result gave the value
    carried: bool = False  # manual: the value comes from an earlier quarter than the report's
    note: str = ""         # as printed beside the value: ยกมาจากไตรมาสที่ ๑ / ยังไม่รายงาน / ""


@dataclass
class Note:
    quarter: int
    text: str
    reported: bool = True  # False: the quarter has no result (text is ยังไม่รายงาน)


@dataclass
class Money:
    budget: float | None
    spent_period: float | None   # None: no quarter of the period has a result (unknown, not 0)
    spent_to_date: float | None  # None: no quarter up to the report's has a result

    @property
    def remaining(self) -> float | None:
        return None if self.budget is None or self.spent_to_date is None else self.budget - self.spent_to_date

    @property
    def percent_disbursed(self) -> float | None:
        return None if not self.budget or self.spent_to_date is None else self.spent_to_date / self.budget * 100


@dataclass
class Missing:
    """A quarter of the period for which a project has no result recorded."""
    quarter: int
    plan: str
    activities: list[str]  # the activities planned for that quarter (their status is asked for)

    def command(self, amount: str = "<บาท>", status: str = "<สถานะ>") -> str:
        """``nitet plan result --plan ID --quarter Q --spent <บาท> --activity a1=<สถานะ>``."""
        acts = "".join(f" --activity {a}={status}" for a in self.activities)
        return f"nitet plan result --plan {self.plan} --quarter {self.quarter} --spent {amount}{acts}"


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
    missing: list[Missing] = field(default_factory=list)


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

    @property
    def signer(self) -> Signer:
        return Signer(self.reporter, self.reporter_position, self.report_date)

    @property
    def missing(self) -> list[tuple[Project, Missing]]:
        """Every quarter of the period without a result, with its project (for the warning and the note)."""
        return [(p, m) for p in self.projects for m in p.missing]


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


def _known_sum(values: Iterable[float | None]) -> float | None:
    """The sum of the known values; None when none is known (unknown is not 0)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def build(data: Any, fy: int, quarter: int, *, cumulative: bool = False, today: date | None = None) -> KrsReport:
    """The KRS report of ``quarter`` (1–4) of BE fiscal year ``fy``."""
    src: Sources = as_sources(data)
    ws = src.ws
    cfg = ws.config
    fy_start, _ = thai.fiscal_year_range(fy)
    start, end = thai.fiscal_period(fy, quarter, cumulative=cumulative)
    first_q = 1 if cumulative else quarter
    reporter = src.reporter()
    report = KrsReport(
        title=cfg.report.krs_title, office=cfg.office, group=cfg.group, fiscal_year=fy, quarter=quarter,
        cumulative=cumulative, months=(quarter if cumulative else 1) * 3,
        heading=heading(fy, quarter, cumulative, ws.thai_digits), start=start, end=end,
        reporter=reporter, reporter_position=src.reporter_position(reporter),
        report_date=today or date.today(), thai_digits=ws.thai_digits, skipped_files=src.problem_files())
    plans = sorted(((loaded, e) for loaded, e in src.entries("plan") if e.data["fiscal_year"] == fy),
                   key=lambda le: (src.loads.index(le[0]), le[1].id))
    for loaded, e in plans:
        report.projects.append(_project(
            e.id, e.data, _visits_for(src, loaded, e), first_q, quarter, fy_start, end,
            src.label(loaded) if src.several else None, ws.thai_digits))
    report.total = Money(
        budget=_known_sum(p.money.budget for p in report.projects),
        spent_period=_known_sum(p.money.spent_period for p in report.projects),
        spent_to_date=_known_sum(p.money.spent_to_date for p in report.projects))
    return report


def _visits_for(src: Sources, loaded: Any, plan: Any) -> list[dict[str, Any]]:
    """The visits a plan's indicators count: its workspace's, or — for a plan that several
    workspaces hold alike (clones of one office repository) — theirs together, each visit once."""
    if not src.several:
        return [e.data for e in loaded.of("visit")]
    holders = [w for w in src.loads if w is loaded or any(
        p.id == plan.id and p.data == plan.data for p in w.of("plan"))]
    seen: dict[str, dict[str, Any]] = {}
    for w in holders:
        for v in w.of("visit"):
            seen.setdefault(v.id, v.data)
    return list(seen.values())


def _project(pid: str, plan: dict[str, Any], visits: list[dict[str, Any]], first_q: int, quarter: int,
             fy_start: date, end: date, source: str | None, thai_digits: bool) -> Project:
    results = {q: result_of(plan, q) for q in range(1, quarter + 1)}
    reported = {q for q, r in results.items() if r}
    period = range(first_q, quarter + 1)

    def latest(key: str, item: str) -> tuple[int, Any] | None:
        """The value of ``item`` in the latest result up to the quarter that gives one."""
        for q in range(quarter, 0, -1):
            value = (results[q].get(key) or {}).get(item)
            if value is not None:
                return q, value
        return None

    activities = []
    for a in plan.get("activities", []):
        planned = any(q in period for q in a.get("quarters", []))
        given = latest("activities", a["id"])
        if not planned and (given is None or given[0] < first_q):
            continue
        if given is None:
            activities.append(ActivityRow(a["id"], a["title"], list(a.get("quarters", [])), a.get("budget"),
                                          "not_reported", NOT_REPORTED_TH, planned))
            continue
        q, status = given
        carried = q < quarter
        label = ACTIVITY_STATUS_TH[status] + (f" ({carried_text(q, thai_digits)})" if carried else "")
        activities.append(ActivityRow(a["id"], a["title"], list(a.get("quarters", [])), a.get("budget"),
                                      status, label, planned, q, carried))
    indicators = []
    for i in plan.get("indicators", []):
        target = float(i["target"])
        if i.get("source") == "visits":
            row = IndicatorRow(i["id"], i["title"], i.get("unit") or "", target,
                               float(count_schools(visits, i.get("filter"), fy_start, end)), None, "visits")
        else:
            value = latest("indicators", i["id"])
            row = IndicatorRow(i["id"], i["title"], i.get("unit") or "", target, None, None, "manual",
                               note=NOT_REPORTED_TH)
            if value is not None:
                row.result, row.reported_quarter, row.carried = float(value[1]), value[0], value[0] < quarter
                row.note = carried_text(value[0], thai_digits) if row.carried else ""
        if row.result is not None and target > 0:
            row.percent = row.result / target * 100
        indicators.append(row)
    notes: dict[str, list[Note]] = {"problems": [], "suggestions": []}
    for q in period:
        for key, out in notes.items():
            if q not in reported:
                out.append(Note(q, NOT_REPORTED_TH, reported=False))
            elif results[q].get(key):
                out.append(Note(q, str(results[q][key])))
    spent = {q: float(results[q].get("spent", 0)) for q in reported}
    money = Money(plan.get("budget"), _known_sum(spent.get(q) for q in period), _known_sum(spent.values()))
    missing = [Missing(q, pid, [a["id"] for a in plan.get("activities", []) if q in a.get("quarters", [])])
               for q in period if q not in reported]
    return Project(pid, plan["title"], source, money, activities, indicators,
                   notes["problems"], notes["suggestions"], missing)
