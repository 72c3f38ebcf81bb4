"""The week at a glance (``nitet todo``): what needs doing, gathered from the records.

* follow-ups due or late (:func:`nitet.domain.visits.follow_ups_due`, as of the day), and those closed
  in the last days with what was found (:func:`nitet.domain.followups.closed_between`);
* steps of active cases that are overdue or due soon (:mod:`nitet.domain.flows`);
* the active cases with the steps open in each — every strand's state under a parallel step;
* schools not yet visited this fiscal quarter, target schools first (:func:`nitet.domain.visits.unvisited`;
  a school on any target list of the year counts as a target school);
* the coverage of each target list of the fiscal year this quarter (:mod:`nitet.domain.targets`):
  how many of the project's target schools had a visit of that project, and which did not yet;
* the KRS report's due date: the end of the fiscal quarter + ``report.krs_due_days`` of nitet.yaml —
  during the first days of a quarter that is still the previous quarter's report;
* schools without reading/writing screening results for the current (or just ended) semester.

Everything is **as of** the day given (``nitet todo --date D``): a visit, a case step or a case dated
after D does not count yet, so a past date shows that day's week as it was. A follow-up marked ``done``
carries no date of its own; for a past D it counts as done when a later visit to the school is dated
on or before D, or when no later visit exists at all (the flag is then trusted).

Library code: plain dataclasses, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from nitet.core import thai

if TYPE_CHECKING:
    from nitet.domain.followups import FollowUp
    from nitet.domain.targets import Coverage
    from nitet.domain.visits import FollowUpDue, UnvisitedSchool
    from nitet.storage.loaded import Loaded


@dataclass(frozen=True)
class StepDue:
    case: str
    case_title: str
    workflow: str
    step: str
    step_title: str
    due: date

    def days_left(self, today: date) -> int:
        return (self.due - today).days


@dataclass(frozen=True)
class CaseOpen:
    """An active case and where it stands: its open steps (several strands side by side under a
    parallel step) and, there, each strand's state (done / open / waiting)."""
    case: str
    title: str
    workflow: str
    open: tuple[tuple[str, str], ...]     #: (step, title) of every open step
    strands: tuple[tuple[str, str], ...]  #: (step, state) of each strand of the parallel step, or ()


@dataclass(frozen=True)
class KrsDue:
    fiscal_year: int
    quarter: int
    quarter_end: date
    due: date

    def days_left(self, today: date) -> int:
        return (self.due - today).days


@dataclass(frozen=True)
class SchoolRef:
    code: str
    name: str
    target: bool


@dataclass
class Agenda:
    today: date
    days: int
    fiscal_year: int
    quarter: int
    follow_ups: list[FollowUpDue] = field(default_factory=list)
    closed: list[FollowUp] = field(default_factory=list)  # follow-ups closed in the last ``days`` days
    steps: list[StepDue] = field(default_factory=list)
    cases: list[CaseOpen] = field(default_factory=list)
    targets: list[Coverage] = field(default_factory=list)  #: the year's target lists over this quarter, to the day
    names: dict[str, str] = field(default_factory=dict)     #: names of the target schools
    projects: dict[str, str] = field(default_factory=dict)  #: project names (nitet.yaml)
    unvisited: list[UnvisitedSchool] = field(default_factory=list)
    schools: int = 0
    krs: KrsDue | None = None
    screening_year: int | None = None
    screening_semester: int | None = None
    screening_missing: list[SchoolRef] = field(default_factory=list)


def case_steps_due(loaded: Loaded, today: date, days: int) -> list[StepDue]:
    """Steps of active cases not complete whose due day has passed or comes within ``days``."""
    from nitet.domain.flows import as_of, overdue_steps

    workflows = loaded.workflows()
    horizon = today + timedelta(days=days + 1)  # overdue_steps: due strictly before the day given
    out = []
    for entry, recorded_case in zip(loaded.of("case"), loaded.models("case"), strict=True):
        wf = workflows.get(recorded_case.workflow)
        case = as_of(recorded_case, today)
        if wf is None or case is None:
            continue
        for step, due in overdue_steps(case, wf, horizon):
            out.append(StepDue(entry.id, case.title, wf.id, step.id, step.title, due))
    out.sort(key=lambda s: (s.due, s.case, [int(p) for p in s.step.split(".")]))
    return out


def cases_open(loaded: Loaded, today: date) -> list[CaseOpen]:
    """Cases active on ``today`` with their open steps, in workflow then start order."""
    from nitet.domain.flows import as_of, case_progress, strands

    workflows = loaded.workflows()
    out = []
    for entry, recorded_case in zip(loaded.of("case"), loaded.models("case"), strict=True):
        wf = workflows.get(recorded_case.workflow)
        case = as_of(recorded_case, today)
        if wf is None or case is None or case.status != "active":
            continue
        p = case_progress(case, wf)
        out.append(CaseOpen(entry.id, case.title, wf.id,
                            tuple((i, s.title) for i in p.open if (s := wf.step(i)) is not None),
                            tuple((x["step"], x["state"]) for x in strands(wf, p))))
    out.sort(key=lambda c: (c.workflow, c.case))
    return out


def krs_due(today: date, due_days: int) -> KrsDue:
    """The next KRS report due on or after ``today`` (the previous quarter's, early in a quarter)."""
    fy, q = thai.fiscal_year(today), thai.fiscal_quarter(today)
    prev_fy, prev_q = (fy, q - 1) if q > 1 else (fy - 1, 4)
    for year, quarter in ((prev_fy, prev_q), (fy, q)):
        end = thai.quarter_range(year, quarter)[1]
        due = end + timedelta(days=due_days)
        if due >= today:
            return KrsDue(year, quarter, end, due)
    end = thai.quarter_range(fy, q)[1]  # unreachable: the current quarter ends on or after today
    return KrsDue(fy, q, end, end + timedelta(days=due_days))


def screening_semester(today: date, calendar: dict[str, object]) -> tuple[int, int] | None:
    """The semester in progress, or during a break the one that ended last."""
    current = thai.semester_of(today, calendar)
    if current is not None:
        return current
    best: tuple[date, int, int] | None = None
    be = today.year + thai.BE_OFFSET
    for ay in (be - 1, be):
        for r in thai.semester_ranges(ay, calendar):
            if r.start <= today and (best is None or r.start > best[0]):
                best = (r.start, ay, r.semester)
    return (best[1], best[2]) if best else None


def screening_missing(loaded: Loaded, academic_year: int, semester: int) -> list[SchoolRef]:
    """Registered schools with no screening record for the semester, target schools first."""
    from nitet.domain.schools import thai_sort_key

    have = {str(e.data.get("school")) for e in loaded.of("screening")
            if e.data.get("academic_year") == academic_year and e.data.get("semester") == semester}
    out = [SchoolRef(e.id, str(e.data.get("name", e.id)), bool(e.data.get("target")))
           for e in loaded.of("school") if e.id not in have]
    key = thai_sort_key(s.name for s in out)
    out.sort(key=lambda s: (not s.target, key(s.name), s.code))
    return out


def agenda(loaded: Loaded, today: date, days: int = 7, *, supervisors: Iterable[str] | None = None) -> Agenda:
    """The week as of ``today``; ``supervisors``: the follow-ups of their visits only (the rest is the office's)."""
    from nitet.domain import targets
    from nitet.domain.followups import closed_between
    from nitet.domain.visits import follow_ups_due, unvisited

    config = loaded.ws.config
    fy, q = thai.fiscal_year(today), thai.fiscal_quarter(today)
    start, end = thai.quarter_range(fy, q)
    away = unvisited(loaded, start, min(end, today))  # a visit after today has not happened yet
    listed = {k for x in targets.lists_of(loaded.of("target"), fy).values() for k in x.schools}
    away = [replace(s, target=True) if s.code in listed else s for s in away]  # on a list of the year
    away.sort(key=lambda s: not s.target)  # stable: keeps the network and Thai name order
    a = Agenda(today=today, days=days, fiscal_year=fy, quarter=q,
               follow_ups=follow_ups_due(loaded, today, days, as_of=True, supervisors=supervisors),
               closed=closed_between(loaded, today - timedelta(days=days), today, supervisors=supervisors),
               steps=case_steps_due(loaded, today, days), cases=cases_open(loaded, today),
               unvisited=away, schools=len(loaded.of("school")),
               krs=krs_due(today, config.report.krs_due_days))
    visits = [e.data for e in loaded.of("visit")]
    a.targets = [targets.coverage(x, visits, start, min(end, today)) for x in targets.all_targets(loaded, fy)]
    schools = loaded.index("school")
    a.names = {k: str(schools[k].data.get("name", k)) if k in schools else k
               for c in a.targets for k in c.targets.schools}
    a.projects = dict(config.projects)
    try:
        sem = screening_semester(today, config.academic_calendar.as_mapping())
    except ValueError:  # a broken calendar is reported by nitet check
        sem = None
    if sem is not None:
        a.screening_year, a.screening_semester = sem
        a.screening_missing = screening_missing(loaded, *sem)
    return a
