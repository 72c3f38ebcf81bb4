"""Questions a supervisor asks of the visit records (library code: no printing, no options).

* which visits fall in a period, for a school, a project or a network (:func:`select`, :func:`period`);
* "what did I advise last time, and was it done?" (:func:`follow_ups_due`, :func:`last_visit`);
* "which schools have I not visited this quarter?" (:func:`unvisited`).

Every function takes a :class:`~nitet.storage.loaded.Loaded`; results are plain dataclasses so other
commands (``nitet todo``, reports) can reuse them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from nitet.core import thai
from nitet.core.errors import UsageError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded


def visit_date(e: Entry) -> date:
    return date.fromisoformat(e.data["date"])


def school_name(loaded: Loaded, key: str) -> str:
    e = loaded.index("school").get(key)
    return str(e.data.get("name", key)) if e else key


def period(
    calendar: Mapping[str, Any] | None = None, *, fy: int | None = None, quarter: int | None = None,
    academic_year: int | None = None, semester: int | None = None, today: date | None = None,
) -> tuple[date | None, date | None]:
    """The first and last day named by the period options (None = open).

    ``quarter`` without ``fy`` means the current fiscal year; ``semester`` without ``academic_year``
    the current academic year. Fiscal and academic periods together give their overlap.
    """
    today = today or date.today()
    start: date | None = None
    end: date | None = None
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise UsageError(t("ไตรมาสต้องเป็น 1 ถึง 4 (ได้ {q})", "quarter must be 1 to 4 (got {q})", q=quarter))
    if fy is not None or quarter is not None:
        fy = _be_year(fy, t("ปีงบประมาณ", "fiscal year")) if fy is not None else thai.fiscal_year(today)
        start, end = thai.fiscal_period(fy, quarter)
    if academic_year is not None or semester is not None:
        ay = (_be_year(academic_year, t("ปีการศึกษา", "academic year")) if academic_year is not None
              else thai.academic_year(today))
        try:
            ranges = thai.semester_ranges(ay, calendar)
        except ValueError as e:
            raise UsageError(str(e), t("แก้ academic_calendar ใน nitet.yaml", "fix academic_calendar in nitet.yaml")) from None
        if semester is not None:
            ranges = [r for r in ranges if r.semester == semester]
            if not ranges:
                raise UsageError(t("ไม่มีภาคเรียนที่ {s} ในปฏิทินของปีการศึกษา {y}",
                                   "semester {s} is not in the calendar of academic year {y}", s=semester, y=ay),
                                 t("ภาคเรียนกำหนดใน academic_calendar ของ nitet.yaml",
                                   "semesters are set in academic_calendar of nitet.yaml"))
        if not ranges:
            raise UsageError(t("ปฏิทินของปีการศึกษา {y} ว่าง", "the calendar of academic year {y} is empty", y=ay))
        a_start, a_end = min(r.start for r in ranges), max(r.end for r in ranges)
        start = a_start if start is None else max(start, a_start)
        end = a_end if end is None else min(end, a_end)
    return start, end


def _be_year(year: int, what: str) -> int:
    if 2400 < year < 2800:
        return year
    raise UsageError(t("{w} ต้องเป็นปี พ.ศ. เช่น 2569 (ได้ {y})", "{w} must be a BE year such as 2569 (got {y})",
                       w=what, y=year))


def person_keys(names: Iterable[str] | None) -> set[str]:
    """The people asked for (``--supervisor``), titles and spacing aside; empty: everybody."""
    from nitet.core.people import person_key

    return {person_key(n) for n in names or []}


def by_any(e: Entry, people: set[str]) -> bool:
    """Visit ``e`` names one of ``people`` (:func:`person_keys`) among its supervisors."""
    from nitet.core.people import person_key

    return any(person_key(n) in people for n in e.data.get("supervisors", []))


def select(
    loaded: Loaded, *, school: str | None = None, start: date | None = None, end: date | None = None,
    project: str | None = None, network: str | None = None, supervisors: Iterable[str] | None = None,
) -> list[Entry]:
    """Visits matching every given filter, oldest first. ``school`` is a school key;
    ``supervisors``: visits naming any of them (titles and spacing aside)."""
    schools = loaded.index("school")
    people = person_keys(supervisors)
    out = []
    for e in loaded.of("visit"):
        d = visit_date(e)
        if (start and d < start) or (end and d > end):
            continue
        if school and e.data.get("school") != school:
            continue
        if project and e.data.get("project") != project:
            continue
        if people and not by_any(e, people):
            continue
        if network is not None:
            s = schools.get(e.data.get("school", ""))
            if s is None or not same_network(s.data.get("network"), network):
                continue
        out.append(e)
    out.sort(key=lambda e: (e.data["date"], e.id))
    return out


def short_id(visit_id: str) -> str:
    """The random token at the end of a visit id (``…-1f4536`` → ``1f4536``): enough to name it."""
    return visit_id.rsplit("-", 1)[-1]


def same_network(a: object, b: object) -> bool:
    return a is not None and b is not None and "".join(str(a).split()) == "".join(str(b).split())


def last_visit(loaded: Loaded, school: str, before: date | None = None) -> Entry | None:
    """The latest visit to ``school`` (strictly before ``before`` when given)."""
    visits = [e for e in select(loaded, school=school) if before is None or visit_date(e) < before]
    return visits[-1] if visits else None


# --------------------------------------------------------------------------- follow-ups


@dataclass(frozen=True)
class FollowUpDue:
    """A follow-up not yet marked done whose date has passed or is near."""

    visit: str           # the id of the visit that set it
    path: str            # that visit's file
    school: str          # school key
    school_name: str
    visit_date: date
    due: date
    action: str | None         # what to follow up (follow_up.action)
    suggestions: str | None    # what was advised at that visit
    later_visit: date | None   # a visit to the same school after that one, if any

    def days_left(self, today: date) -> int:
        """Negative when overdue."""
        return (self.due - today).days


def follow_ups_due(loaded: Loaded, today: date, days: int = 14, *, as_of: bool = False,
                   supervisors: Iterable[str] | None = None) -> list[FollowUpDue]:
    """Follow-ups not done whose date is on or before ``today + days``, earliest first;
    ``supervisors``: only those of visits naming one of them (a later visit by anyone still counts).

    ``as_of`` (``nitet todo --date``): as the records stood on ``today`` — visits dated later do not
    count; a follow-up closed on ``done_date`` counts as done from that day; a bare ``done`` flag (old
    records, hand edits) counts for a past day only once a later visit to the school is dated by
    then, or when no later visit is recorded at all.
    """
    horizon = today + timedelta(days=days)
    latest: dict[str, date] = {}    # each school's latest visit (by today, with as_of)
    last_ever: dict[str, date] = {}
    for e in loaded.of("visit"):
        k, d = str(e.data.get("school", "")), visit_date(e)
        last_ever[k] = max(last_ever.get(k, d), d)
        if not as_of or d <= today:
            latest[k] = max(latest.get(k, d), d)
    trust_done = not as_of or today >= date.today()  # done was set by the real today
    people = person_keys(supervisors)
    out = []
    for e in loaded.of("visit"):
        fu = e.data.get("follow_up") or {}
        d = visit_date(e)
        if (as_of and d > today) or not fu.get("date") or (people and not by_any(e, people)):
            continue
        due = date.fromisoformat(fu["date"])
        key = str(e.data.get("school", ""))
        later = latest.get(key)
        later = later if later is not None and later > d else None
        if fu.get("done") and fu.get("done_date"):  # closed on a known day: done from that day on
            closed = not as_of or date.fromisoformat(fu["done_date"]) <= today
        else:
            closed = bool(fu.get("done")) and (trust_done or later is not None or last_ever[key] <= d)
        if closed or due > horizon:
            continue
        out.append(FollowUpDue(
            visit=e.id, path=e.path, school=key, school_name=school_name(loaded, key), visit_date=d,
            due=due, action=fu.get("action"), suggestions=e.data.get("suggestions"), later_visit=later))
    out.sort(key=lambda f: (f.due, f.school_name, f.visit))
    return out


# --------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class UnvisitedSchool:
    code: str
    name: str
    district: str | None
    network: str | None
    target: bool               # โรงเรียนกลุ่มเป้าหมาย
    dltv: bool
    last_visit: date | None    # the latest visit before the period, if any


def unvisited(loaded: Loaded, start: date, end: date, *,
              supervisors: Iterable[str] | None = None) -> list[UnvisitedSchool]:
    """Registered schools with no visit dated ``start``..``end`` (inclusive); ``supervisors``: no
    visit by any of them (and ``last_visit`` is their last one).

    Ordered by network (Thai order, schools without a network last), target schools first inside
    each network, then by name in Thai order.
    """
    from nitet.domain.schools import thai_sort_key

    visited = {e.data.get("school") for e in select(loaded, start=start, end=end, supervisors=supervisors)}
    people = person_keys(supervisors)
    before: dict[str, date] = {}
    for e in loaded.of("visit"):
        if people and not by_any(e, people):
            continue
        d = visit_date(e)
        k = e.data.get("school", "")
        if d < start and d > before.get(k, date.min):
            before[k] = d
    out = [UnvisitedSchool(
        code=e.id, name=str(e.data.get("name", "")), district=e.data.get("district"),
        network=e.data.get("network"), target=bool(e.data.get("target")), dltv=bool(e.data.get("dltv")),
        last_visit=before.get(e.id)) for e in loaded.of("school") if e.id not in visited]
    net_key = thai_sort_key(s.network or "" for s in out)
    name_key = thai_sort_key(s.name for s in out)
    out.sort(key=lambda s: (s.network is None, net_key(s.network or ""), not s.target, name_key(s.name), s.code))
    return out


def group_by_network(items: Iterable[UnvisitedSchool]) -> list[tuple[str | None, list[UnvisitedSchool]]]:
    """Consecutive items of one network together (``unvisited`` is already ordered)."""
    groups: list[tuple[str | None, list[UnvisitedSchool]]] = []
    for s in items:
        if groups and groups[-1][0] == s.network:
            groups[-1][1].append(s)
        else:
            groups.append((s.network, [s]))
    return groups


# --------------------------------------------------------------------------- the same visit, named records
from nitet.model.visit_key import identity_key, visit_identity  # noqa: E402,F401  (where they live)


def same_visits(loaded: Loaded, data: Mapping[str, Any]) -> list[Entry]:
    """Other records of the visit ``data`` records (same identity), when it names a supervisee."""
    if not data.get("supervisees"):
        return []
    me = visit_identity(data)
    return [e for e in loaded.of("visit") if e.id != data.get("id") and visit_identity(e.data) == me]


def known_projects(loaded: Loaded) -> dict[str, str]:
    """Projects of nitet.yaml, then plan projects (id → title)."""
    out = dict(loaded.ws.config.projects)
    for e in sorted(loaded.of("plan"), key=lambda e: e.id):
        out.setdefault(e.id, str(e.data.get("title", e.id)))
    return out


def resolve_step(loaded: Loaded, case: str | None, step: str | None) -> None:
    """``--case``/``--step`` must name an existing case and a step of its workflow (exit 1 otherwise)."""
    from nitet.core.errors import DataError

    if step and not case:
        raise UsageError(t("--step ต้องใช้คู่กับ --case", "--step needs --case"))
    if not case:
        return
    entry = loaded.index("case").get(case)
    if entry is None:
        raise DataError(t("ไม่พบงาน '{c}'", "case '{c}' does not exist", c=case),
                        t("ดูรหัสงานด้วย 'nitet flow status'", "see case ids with 'nitet flow status'"))
    wf = loaded.workflows().get(str(entry.data.get("workflow")))
    if step and (wf is None or wf.step(step) is None):
        steps = ", ".join(s.id for s, _ in wf.walk()) if wf else ""
        raise DataError(t("กระบวนงาน {w} ของงาน {c} ไม่มีขั้นตอน {s}", "workflow {w} of case {c} has no step {s}",
                          w=entry.data.get("workflow"), c=case, s=step),
                        t("ขั้นตอนที่มี: {l}", "its steps: {l}", l=steps) if steps else None)


def find_visit(loaded: Loaded, text: str) -> Entry:
    """A visit by id (file stem), by its path, by a unique start of its id or by its short token."""
    from pathlib import Path

    from nitet.core.errors import DataError

    visits = loaded.index("visit")
    stem = Path(text).stem if text.endswith(".yaml") else text
    if stem in visits:
        return visits[stem]
    hits = [v for k, v in visits.items() if k.startswith(stem) or k.endswith("-" + stem)]
    if len(hits) == 1:
        return hits[0]
    raise DataError(t("ไม่พบบันทึกการนิเทศ '{v}'", "no visit '{v}'", v=text) if not hits else
                    t("'{v}' ตรงกับบันทึกการนิเทศ {n} รายการ", "'{v}' matches {n} visits", v=text, n=len(hits)),
                    t("ดูรหัสด้วย 'nitet visit list'", "see visit ids with 'nitet visit list'"))


def as_json(loaded: Loaded, e: Entry) -> dict[str, Any]:
    """A visit as ``visit list --json`` / ``visit show --json`` print it (SPEC §3)."""
    d = e.data
    return {"id": e.id, "date": d["date"], "school": d["school"], "school_name": school_name(loaded, d["school"]),
            "project": d.get("project"), "kind": d.get("kind"), "supervisors": d.get("supervisors", []),
            "methods": d.get("methods", []), "supervisees": d.get("supervisees", []), "topics": d.get("topics", []),
            "findings": d.get("findings"), "strengths": d.get("strengths"), "improvements": d.get("improvements"),
            "suggestions": d.get("suggestions"), "follow_up": d.get("follow_up"), "ratings": d.get("ratings", {}),
            "case": d.get("case"), "step": d.get("step"), "path": e.path}
