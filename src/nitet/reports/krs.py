"""The quarter-end KRS report (รายงานผลการปฏิบัติงานตามแผนปฏิบัติการ) as a plain context.

Per plan project of the fiscal year, with its ผู้รับผิดชอบ (``owner``): the activities planned for the
quarter with their status and result text (ผลการดำเนินงาน), and every activity not done in its planned
quarter, carried forward into each later quarter until done and flagged ล่าช้า; each indicator's
target, result for the quarter and to date, percent of target and บรรลุ / ไม่บรรลุ
(:mod:`nitet.reports.krs_indicators`); the money (budget, spent in the period, spent to date,
remaining, percent disbursed), problems and suggestions. ``cumulative`` reports the fiscal year's
start to the quarter's end (6/9/12 months).

Missing data never becomes a figure. An activity's status is the latest one recorded in the plan's
results up to the quarter, marked as carried forward (ยกมาจากไตรมาสที่ …) when an earlier quarter gave
it, and ``not_reported`` (ยังไม่รายงาน) when none was ever recorded; a manual indicator's value is
marked the same way. An activity is ล่าช้า when it is not done, the report's quarter is not one of its
planned quarters and one of them has passed. Money spent in a quarter without a result is unknown
(None), not 0: sums add up the quarters that have a result. Each project lists the quarters of the
period without a result (``missing``) with the command that records one; the renderers say so next
to the tables.
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
from nitet.reports.krs_indicators import (
    NOT_REPORTED_TH,
    Context,
    IndicatorRow,
    row,
    schools_visited,
    visit_matches,
)
from nitet.reports.sources import Sources, as_sources

__all__ = ["NOT_REPORTED_TH", "IndicatorRow", "KrsReport", "build", "count_schools", "visit_matches"]



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
    late: bool = False     # not done and its planned quarters before the report's have passed (ล่าช้า)
    late_th: str = ""      # as printed: ล่าช้า (ตามแผนไตรมาสที่ ๑)
    outcome: str = ""      # ผลการดำเนินงาน: the result text of the report's quarter (cumulative: each quarter's)


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
    owner: str | None = None  # ผู้รับผิดชอบ (the plan's owner)


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
    revision: str | None = None  # the records' git revision (nitet.storage.revision.text), None outside git

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


def count_schools(visits: Sequence[dict[str, Any]], flt: dict[str, Any] | None, start: date, end: date) -> int:
    """Distinct schools with a visit matching ``flt`` dated ``start``..``end`` (inclusive)."""
    return len(schools_visited(visits, flt, start, end))


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
        ctx = Context(
            fy=fy, quarter=quarter, fy_start=fy_start, q_start=start, end=end, thai_digits=ws.thai_digits,
            plan=e.data, visits=_records_for(src, loaded, e, "visit"),
            screenings=_records_for(src, loaded, e, "screening"), cases=_records_for(src, loaded, e, "case"),
            workflows=loaded.workflows(), targets=[x for _, x in src.entries("target")],
            schools=[x for _, x in src.entries("school")], projects=cfg.projects,
            calendar=_calendar(cfg))
        report.projects.append(_project(e.id, e.data, ctx, first_q, src.label(loaded) if src.several else None))
    report.total = Money(
        budget=_known_sum(p.money.budget for p in report.projects),
        spent_period=_known_sum(p.money.spent_period for p in report.projects),
        spent_to_date=_known_sum(p.money.spent_to_date for p in report.projects))
    return report


def _calendar(cfg: Any) -> Any:
    try:
        return cfg.academic_calendar.as_mapping()
    except (AttributeError, ValueError):  # a broken calendar is reported by nitet check
        return None


def _records_for(src: Sources, loaded: Any, plan: Any, kind: str) -> list[dict[str, Any]]:
    """The records a plan's indicators count: its workspace's, or — for a plan that several
    workspaces hold alike (clones of one office repository) — theirs together, each record once."""
    if not src.several:
        return [e.data for e in loaded.of(kind)]
    holders = [w for w in src.loads if w is loaded or any(
        p.id == plan.id and p.data == plan.data for p in w.of("plan"))]
    seen: dict[str, dict[str, Any]] = {}
    for w in holders:
        for v in w.of(kind):
            seen.setdefault(v.id, v.data)
    return list(seen.values())


def _project(pid: str, plan: dict[str, Any], ctx: Context, first_q: int, source: str | None) -> Project:
    quarter, thai_digits = ctx.quarter, ctx.thai_digits
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

    def this_quarter(key: str, item: str) -> Any:
        return (results[quarter].get(key) or {}).get(item)

    activities = [a for a in (_activity(x, results, latest, first_q, quarter, thai_digits)
                              for x in plan.get("activities", [])) if a is not None]
    indicators = [row(i, ctx, latest, this_quarter) for i in plan.get("indicators", [])]
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
                   notes["problems"], notes["suggestions"], missing, owner=plan.get("owner"))


def _activity(a: dict[str, Any], results: dict[int, dict[str, Any]], latest: Any, first_q: int, quarter: int,
              thai_digits: bool) -> ActivityRow | None:
    """An activity's row, or None when the report leaves it out: shown when planned in the period,
    reported in the period, or planned before the report's quarter and not done (carried forward, and
    ล่าช้า when the report's quarter is not one of its planned quarters)."""
    quarters = list(a.get("quarters", []))
    period = range(first_q, quarter + 1)
    planned = any(q in period for q in quarters)
    given = latest("activities", a["id"])
    status = given[1] if given else "not_reported"
    late = status != "done" and quarter not in quarters and any(q < quarter for q in quarters)
    if not planned and not late and (given is None or given[0] < first_q):
        return None
    if given is None:
        label = NOT_REPORTED_TH
    else:
        label = ACTIVITY_STATUS_TH[status] + (f" ({carried_text(given[0], thai_digits)})" if given[0] < quarter else "")
    due = max((q for q in quarters if q < quarter), default=0)
    texts = [(q, str((results[q].get("outcomes") or {}).get(a["id"]) or "")) for q in period]
    texts = [(q, x) for q, x in texts if x]
    outcome = "\n".join(thai.digits(f"ไตรมาสที่ {q}: ", thai_digits) + x for q, x in texts) if first_q < quarter \
        else (texts[0][1] if texts else "")
    return ActivityRow(a["id"], a["title"], quarters, a.get("budget"), status, label,
                       planned or late, given[0] if given else None, bool(given and given[0] < quarter),
                       late, thai.digits(f"ล่าช้า (ตามแผนไตรมาสที่ {due})", thai_digits) if late else "", outcome)
