"""The KRS report's indicator rows: each indicator's target, result and บรรลุ / ไม่บรรลุ.

Results, by the indicator's ``source`` (see :mod:`nitet.model.plan`):

* ``manual`` — the latest value recorded in the plan's results up to the report's quarter (marked
  ยกมาจากไตรมาสที่ … when an earlier quarter gave it); the quarter's own value beside it.
* ``visits`` — distinct schools with a matching visit: in the quarter, and to date (the fiscal
  year's start to the quarter's end; SPEC §2). With ``targets: true`` only the fiscal year's target
  schools of the filter's project count (:mod:`nitet.domain.targets`), and a percent unit gives the
  percent of those target schools visited.
* ``screening`` — the percent of pupils (of ``grade``) at ``levels`` in ``aspect``, over the pupils
  with a level in that aspect (the base of the screening report), summed over the schools' records
  of one semester. **A fiscal year covers the semesters that start inside it**: with the usual
  calendar FY N (1 Oct N−1 … 30 Sep N, BE) covers semester 2 of academic year N−1 (Nov–Apr) and
  semester 1 of academic year N (May–Oct), per ``academic_calendar`` of nitet.yaml. The quarter's
  value is the latest such semester overlapping the quarter that has records; the result to date
  the latest such semester started by the quarter's end that has records — each says which.
* ``cases`` — steps (``steps``, else every leaf) completed in the fiscal year's cases of ``workflow``
  (else the plan's), cancelled cases left out: dated in the quarter, and to date; a percent unit
  gives the percent of those steps of those cases done.

บรรลุ when the result reaches the target: a percent-unit indicator compares its result with the
target directly; any other compares by the percent of the target (บรรลุ at 100).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from nitet.core import thai
from nitet.model.plan import PERCENT_UNITS

NOT_REPORTED_TH = "ยังไม่รายงาน"
LEVELS_DEFAULT = ("excellent", "good")


@dataclass
class IndicatorRow:
    id: str
    title: str
    unit: str
    target: float
    result: float | None   # to date, compared with the target; None: a manual value never recorded
    percent: float | None  # of target (not for a percent-unit indicator)
    source: str            # manual | visits | screening | cases
    reported_quarter: int | None = None  # manual: the quarter whose result gave the value
    carried: bool = False  # manual: the value comes from an earlier quarter than the report's
    note: str = ""         # as printed beside the value: ยกมาจากไตรมาสที่ ๑ / ยังไม่รายงาน / ""
    quarter_value: float | None = None   # the report's quarter alone (manual: the value that quarter gave)
    percent_unit: bool = False
    counts: str = ""       # what a counted indicator counts, in words
    quarter_label: str = ""  # the period (or semester) of quarter_value
    to_date_label: str = ""  # the period (or semester) of result
    basis: str = ""        # the fraction behind a percent: "๑๔ จาก ๒๑ คน"

    @property
    def achieved(self) -> bool | None:
        if self.result is None:
            return None
        return self.result >= self.target

    @property
    def achieved_th(self) -> str:
        return {True: "บรรลุ", False: "ไม่บรรลุ", None: "-"}[self.achieved]

    @property
    def counted(self) -> bool:
        return self.source != "manual"


@dataclass
class Context:
    """What an indicator is computed against: the report's periods and the records it may count."""
    fy: int
    quarter: int
    fy_start: date
    q_start: date
    end: date                       # the report's end (the quarter's)
    thai_digits: bool
    plan: dict[str, Any]
    visits: list[dict[str, Any]]
    screenings: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    workflows: Mapping[str, Any]
    targets: list[Any]              # target-list entries of the plan's workspace(s)
    schools: list[Any]              # school entries (the registry's target: true default)
    projects: Mapping[str, str]     # project names of nitet.yaml
    calendar: Mapping[str, Any] | None

    def d(self, text: object) -> str:
        return thai.digits(str(text), self.thai_digits)

    def span(self, start: date, end: date) -> str:
        return self.d(f"{thai.format_date(start)} – {thai.format_date(end)}")


def visit_matches(visit: Mapping[str, Any], flt: Mapping[str, Any] | None) -> bool:
    """Each filter key must match the visit's field; a list in the filter means any of its values,
    a list in the visit (methods, topics) matches when any of its items does."""
    for key, wanted in (flt or {}).items():
        options = {str(w) for w in (wanted if isinstance(wanted, list) else [wanted])}
        have = visit.get(key)
        values = have if isinstance(have, list) else [have]
        if not any(v is not None and str(v) in options for v in values):
            return False
    return True


def schools_visited(visits: Iterable[Mapping[str, Any]], flt: Mapping[str, Any] | None, start: date,
                    end: date) -> set[str]:
    return schools_visited_since(visits, flt, start, start, end)[1]


def schools_visited_since(visits: Iterable[Mapping[str, Any]], flt: Mapping[str, Any] | None, start: date,
                          since: date, end: date) -> tuple[set[str], set[str]]:
    """Distinct schools with a matching visit dated ``since``..``end`` and ``start``..``end`` (``start``
    on or before ``since``), in one pass over the visits."""
    recent: set[str] = set()
    every: set[str] = set()
    for v in visits:
        day = date.fromisoformat(str(v["date"]))
        if start <= day <= end and visit_matches(v, flt):
            every.add(str(v["school"]))
            if day >= since:
                recent.add(str(v["school"]))
    return recent, every


def row(ind: dict[str, Any], ctx: Context, latest: Any, this_quarter: Any) -> IndicatorRow:
    """One indicator of the plan; ``latest(key, item)`` / ``this_quarter(key, item)`` read results."""
    unit = str(ind.get("unit") or ("ร้อยละ" if ind.get("source") == "screening" else ""))
    r = IndicatorRow(str(ind["id"]), str(ind["title"]), unit, float(ind["target"]), None, None,
                     str(ind.get("source", "manual")), percent_unit=unit.strip().lower() in PERCENT_UNITS)
    if r.source == "visits":
        _visits(r, ind, ctx)
    elif r.source == "screening":
        _screening(r, ind, ctx)
    elif r.source == "cases":
        _cases(r, ind, ctx)
    else:
        r.note = NOT_REPORTED_TH
        value = latest("indicators", r.id)
        if value is not None:
            r.result, r.reported_quarter, r.carried = float(value[1]), value[0], value[0] < ctx.quarter
            r.note = ctx.d(f"ยกมาจากไตรมาสที่ {value[0]}") if r.carried else ""
        own = this_quarter("indicators", r.id)
        r.quarter_value = float(own) if own is not None else None
    if r.result is not None and r.target > 0 and not r.percent_unit:
        r.percent = r.result / r.target * 100
    return r


def _periods(r: IndicatorRow, ctx: Context) -> None:
    r.quarter_label = ctx.span(ctx.q_start, ctx.end)
    r.to_date_label = ctx.span(ctx.fy_start, ctx.end)


def _project_words(ctx: Context, flt: Mapping[str, Any]) -> str:
    wanted = flt.get("project")
    names = [ctx.projects.get(str(p)) or str(p) for p in (wanted if isinstance(wanted, list) else [wanted])
             if p is not None]
    return " หรือ ".join(names)


def _filter_words(key: str, wanted: Any) -> str:
    """A filter condition as an official document says it: the field's Thai title and the values
    in words (รูปแบบการนิเทศ: นิเทศโดยใช้โครงการเป็นฐาน), never the field's key."""
    from nitet.model.visit import KIND_LABELS_TH, Visit

    field = Visit.model_fields.get(key)
    title = field.title if field is not None and field.title else key
    values = [str(w) for w in (wanted if isinstance(wanted, list) else [wanted])]
    if key == "kind":
        values = [KIND_LABELS_TH.get(w, w) for w in values]
    return f"{title}: {' หรือ '.join(values)}"


def _visits(r: IndicatorRow, ind: dict[str, Any], ctx: Context) -> None:
    from nitet.domain import targets as tg

    flt = dict(ind.get("filter") or {})
    project = _project_words(ctx, flt)
    where = (f" {project}" if project else "") + "".join(
        f" ({_filter_words(k, v)})" for k, v in flt.items() if k != "project")
    _periods(r, ctx)
    quarter, to_date = schools_visited_since(ctx.visits, flt, ctx.fy_start, ctx.q_start, ctx.end)
    if not ind.get("targets"):
        r.counts = f"โรงเรียน (ไม่ซ้ำ) ที่ได้รับการนิเทศ{where}"
        r.quarter_value, r.result = float(len(quarter)), float(len(to_date))
        return
    wanted = flt.get("project")
    keys = [str(p) for p in (wanted if isinstance(wanted, list) else [wanted]) if p is not None]
    lists = tg.lists_of(ctx.targets, ctx.fy)
    chosen: set[str] = set()
    for k in keys or [tg.ALL]:
        found = lists.get(k)
        chosen |= set(found.schools) if found else set(tg.flagged(ctx.schools))
    in_q, in_year = len(quarter & chosen), len(to_date & chosen)
    if r.percent_unit:
        r.counts = f"ร้อยละของโรงเรียนกลุ่มเป้าหมาย{where} ({ctx.d(len(chosen))} โรง) ที่ได้รับการนิเทศ"
        r.quarter_value = in_q / len(chosen) * 100 if chosen else None
        r.result = in_year / len(chosen) * 100 if chosen else None
        r.basis = ctx.d(f"{in_year} จาก {len(chosen)} โรง")
    else:
        r.counts = f"โรงเรียนกลุ่มเป้าหมาย{where} (ไม่ซ้ำ) ที่ได้รับการนิเทศ"
        r.quarter_value, r.result = float(in_q), float(in_year)


def fiscal_semesters(fy: int, calendar: Mapping[str, Any] | None) -> list[tuple[int, thai.SemesterRange]]:
    """(academic year, semester range) of every semester that starts inside BE fiscal year ``fy``,
    by start: ordinarily semester 2 of academic year fy−1 and semester 1 of academic year fy."""
    start, end = thai.fiscal_year_range(fy)
    out = [(ay, s) for ay in (fy - 1, fy) for s in thai.semester_ranges(ay, calendar) if start <= s.start <= end]
    return sorted(out, key=lambda x: x[1].start)


def _screening(r: IndicatorRow, ind: dict[str, Any], ctx: Context) -> None:
    from nitet.model.screening import ASPECTS_TH, LEVELS_TH

    aspect = str(ind.get("aspect") or "read_aloud")
    levels = list(ind.get("levels") or LEVELS_DEFAULT)
    grade = ind.get("grade")
    who = ctx.d(f"ชั้น ป.{grade}") if grade else "ทุกชั้น"
    r.counts = (f"ร้อยละของนักเรียน{who} ที่ผลการคัดกรองด้าน{ASPECTS_TH.get(aspect, aspect)}อยู่ในระดับ"
                + "หรือ".join(LEVELS_TH.get(x, x) for x in levels))

    def value(ay: int, sem: int) -> tuple[float, int, int] | None:
        got = total = 0
        for s in ctx.screenings:
            if s.get("academic_year") != ay or s.get("semester") != sem or (grade and s.get("grade") != grade):
                continue
            lv = s.get(aspect) or {}
            got += sum(int(lv.get(x, 0)) for x in levels)
            total += sum(int(lv.get(x, 0)) for x in ("excellent", "good", "fair", "improve"))
        return (got / total * 100, got, total) if total else None

    sems = [(ay, s) for ay, s in fiscal_semesters(ctx.fy, ctx.calendar) if s.start <= ctx.end]
    known = [(ay, s, v) for ay, s in sems if (v := value(ay, s.semester)) is not None]
    if known:
        ay, s, v = known[-1]
        r.result, r.to_date_label = v[0], ctx.d(f"ผลการคัดกรองภาคเรียนที่ {s.semester}/{ay}")
        r.basis = ctx.d(f"{v[1]} จาก {v[2]} คน")
    else:
        r.to_date_label = "ยังไม่มีผลการคัดกรองของปีงบประมาณนี้"
    overlapping = [(ay, s, v) for ay, s, v in known if s.start <= ctx.end and s.end >= ctx.q_start]
    if overlapping:
        ay, s, v = overlapping[-1]
        r.quarter_value, r.quarter_label = v[0], ctx.d(f"ผลการคัดกรองภาคเรียนที่ {s.semester}/{ay}")
    else:
        r.quarter_label = "ไม่มีผลการคัดกรองของภาคเรียนในไตรมาสนี้"


def _cases(r: IndicatorRow, ind: dict[str, Any], ctx: Context) -> None:
    wf_id = str(ind.get("workflow") or ctx.plan.get("workflow") or "")
    wf = ctx.workflows.get(wf_id)
    _periods(r, ctx)
    title = wf.title if wf is not None else wf_id
    counted = [str(s) for s in ind.get("steps", [])] or ([s.id for s in wf.leaves()] if wf is not None else [])
    which = ctx.d(f" (ขั้นตอนที่ {', '.join(counted)})") if ind.get("steps") else ""
    cases = [c for c in ctx.cases if c.get("workflow") == wf_id and c.get("fiscal_year") == ctx.fy
             and c.get("status") != "cancelled"]
    done_q = done_all = 0
    for c in cases:
        for entry in c.get("steps", []):
            if str(entry.get("step")) not in counted:
                continue
            day = date.fromisoformat(str(entry["date"]))
            done_all += ctx.fy_start <= day <= ctx.end
            done_q += ctx.q_start <= day <= ctx.end
    possible = len(counted) * len(cases)
    if r.percent_unit:
        r.counts = f"ร้อยละของขั้นตอน{which}ที่ดำเนินการแล้วเสร็จ ของงานตามกระบวนงาน “{title}”"
        r.quarter_value = done_q / possible * 100 if possible else None
        r.result = done_all / possible * 100 if possible else None
        r.basis = ctx.d(f"{done_all} จาก {possible} ขั้นตอน")
    else:
        r.counts = f"จำนวนขั้นตอน{which}ที่ดำเนินการแล้วเสร็จ ของงานตามกระบวนงาน “{title}”" + \
            (ctx.d(f" ({len(cases)} งาน)") if len(cases) > 1 else "")
        r.quarter_value, r.result = float(done_q), float(done_all)
