"""The interactive visit form (แบบบันทึกการนิเทศ) asked in Thai on a terminal.

Every question re-asks on bad input and says why; Enter takes the default shown in brackets.
Ctrl-C or end of input at any question raises :class:`Cancelled`: the caller writes nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from nitet.core import thai
from nitet.core.errors import NitetError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.domain.schools import SchoolIndex
    from nitet.storage.loaded import Entry, Loaded

T = TypeVar("T")


class Cancelled(Exception):
    """The person stopped the form (Ctrl-C: exit 130, end of input: exit 1)."""

    def __init__(self, exit_code: int) -> None:
        super().__init__(exit_code)
        self.exit_code = exit_code


def say(text: str = "") -> None:
    from nitet.core.controls import strip_controls

    sys.stderr.write(strip_controls(text) + "\n")
    sys.stderr.flush()


def ask(question: str, default: str = "", shown: str | None = None) -> str:
    """One line of input; Enter gives ``default``. ``shown`` is how the default is displayed."""
    from nitet.core.controls import strip_controls

    label = shown if shown is not None else default
    sys.stderr.write(strip_controls(f"{question}{f' [{label}]' if label else ''}: "))
    sys.stderr.flush()
    try:
        answer = input()
    except KeyboardInterrupt:
        raise Cancelled(130) from None
    except EOFError:
        raise Cancelled(1) from None
    return answer.strip() or default


def ask_until(question: str, read: Callable[[str], T], default: str = "", shown: str | None = None) -> T:
    """Ask until ``read`` accepts the answer; its NitetError/ValueError message is shown."""
    while True:
        answer = ask(question, default, shown)
        try:
            return read(answer)
        except NitetError as e:
            say("  " + e.message + (f" ({e.hint})" if e.hint else ""))
        except ValueError as e:
            say("  " + str(e))


#: answers to a yes/no question: English, Thai words, and the keys in the y and n positions of the
#: Thai Kedmanee layout (y → ั, Y → ํ; n → ื, N → ์), for a keyboard left in Thai
YES = ("y", "yes", "ใช่", "ช", "ต", "ตกลง", "1", "ั", "ํ")
NO = ("n", "no", "ไม่", "ไม่ใช่", "0", "ื", "์")


def yes(question: str, default: bool = True) -> bool:
    def read(a: str) -> bool:
        a = a.strip().lower()
        if a in YES:
            return True
        if a in NO:
            return False
        raise ValueError(t("ตอบ y (ใช่) หรือ n (ไม่)", "answer y or n"))

    return ask_until(question, read, "y" if default else "n", t("Y/n", "Y/n") if default else t("y/N", "y/N"))


def lines(question: str, defaults: list[str] | None = None) -> list[str]:
    """Several answers, one per line, until an empty line."""
    if defaults:
        say(t("{q} ครั้งก่อน: {v}", "{q} last time: {v}", q=question, v="; ".join(defaults)))
        if yes(t("  ใช้ตามเดิม?", "  keep them?")):
            return list(defaults)
    out: list[str] = []
    while True:
        a = ask(f"{question} #{len(out) + 1} " + t("(เว้นว่าง = จบ)", "(empty = done)"))
        if not a:
            return out
        out.append(a)


def choose_numbered(question: str, options: list[tuple[str, str]], default: str = "",
                    many: bool = False, free: bool = False) -> list[str]:
    """Pick by number (or by key/name); ``many`` allows "1,3"; ``free`` accepts other text as is."""
    for i, (key, label) in enumerate(options, 1):
        say(f"  {i}) {label}" + ("" if label.startswith(key) else f" [{key}]"))

    def read(a: str) -> list[str]:
        if not a:
            return []
        picks = [p for p in a.replace(",", " ").split()] if many else [a]
        out = []
        for p in picks:
            n = thai.to_arabic_digits(p)
            if n.isdigit() and 1 <= int(n) <= len(options):
                out.append(options[int(n) - 1][0])
            elif any(p in (k, lbl) for k, lbl in options):
                out.append(next(k for k, lbl in options if p in (k, lbl)))
            elif free:
                out.append(p)
            else:
                raise ValueError(t("เลือกหมายเลข 1 ถึง {n}", "choose a number from 1 to {n}", n=len(options)))
        return out

    return ask_until(question, read, default)


def ask_school(index: SchoolIndex) -> str:
    """Search by code or part of the name; choose among the matches (in Thai order)."""
    from nitet.domain.schools import thai_sort_key

    while True:
        text = ask(t("โรงเรียน (รหัส หรือส่วนหนึ่งของชื่อ)", "School (code or part of the name)"))
        if not text:
            continue
        key = index.find(text)
        hits = [key] if key else index.search(text)
        if len(hits) == 1:
            if key or yes(t("  {s} ใช่ไหม?", "  {s}, right?", s=index.label(hits[0]))):
                say("  → " + index.label(hits[0]))
                return hits[0]
            continue
        if not hits:
            near = index.suggest(text)
            say(t("  ไม่พบ '{s}'", "  no school matches '{s}'", s=text) +
                (t(" หรือหมายถึง: ", " — did you mean: ") + ", ".join(index.label(k) for k in near) if near else ""))
            continue
        names = {k: str(index.by_key[k].data.get("name", "")) for k in hits}
        order = thai_sort_key(names.values())
        hits.sort(key=lambda k: (order(names[k]), k))
        picked = choose_numbered(t("  เลือกหมายเลข (เว้นว่าง = ค้นใหม่)", "  choose a number (empty = search again)"),
                                 [(k, index.label(k)) for k in hits])
        if picked:
            return picked[0]


def ask_date(question: str, read: Callable[[str], date], default: date | None) -> date | None:
    shown = thai.format_date(default) if default else t("เว้นว่าง = ไม่มี", "empty = none")
    return ask_until(question, lambda a: read(a) if a else default, "", shown)


def visit_form(loaded: Loaded, today: date, supervisors: list[str],
               check: Callable[[date, date | None], None]) -> dict[str, Any]:
    """Ask for a whole visit; ``check(day, follow_up)`` raises for dates to refuse."""
    from nitet.domain import visit_input, visits
    from nitet.domain.schools import SchoolIndex
    from nitet.model.visit import KIND_LABELS_TH, METHODS_TH

    index = SchoolIndex.of(loaded)
    if not index.by_key:
        index.require("")  # an empty registry: say how to add schools instead of asking forever
    say(t("บันทึกการนิเทศ — กด Enter เพื่อใช้ค่าในวงเล็บ, Ctrl-C เพื่อยกเลิก (ไม่บันทึก)",
          "New visit — Enter takes the value in brackets, Ctrl-C cancels (nothing saved)"))
    school = ask_school(index)

    def read_day(a: str) -> date:
        d = visit_input.parse_day(a, "")
        check(d, None)
        return d

    day = ask_date(t("วันที่นิเทศ", "Visit date"), read_day, today) or today
    last = visits.last_visit(loaded, school, before=day + timedelta(days=1))
    base: dict[str, Any] = {}
    if last is not None:
        show_last_advice(last)
    closing = ask_close_follow_ups(loaded, school, day, today)
    if last is not None and yes(t("เริ่มจากการนิเทศครั้งก่อน (ผู้รับการนิเทศ โครงการ วิธีการ เรื่อง)?",
                                  "Start from the last visit (supervisees, project, methods, topics)?")):
        base = copy_forward(last)
    projects = list(visits.known_projects(loaded).items())
    project = choose_numbered(t("โครงการ (หมายเลขหรือรหัส, เว้นว่าง = ไม่ระบุ)", "Project (number or id, empty = none)"),
                              projects, base.get("project", ""), free=True)
    kinds = [(k, t(v, k)) for k, v in KIND_LABELS_TH.items()]
    kind_default = base.get("kind") or ("project-based" if project else "school-based")
    kind = choose_numbered(t("รูปแบบการนิเทศ", "Kind of visit"), kinds,
                           str([k for k, _ in kinds].index(kind_default) + 1))
    methods_default = " ".join(str([k for k in METHODS_TH].index(m) + 1) if m in METHODS_TH else m
                               for m in base.get("methods", []))
    methods = choose_numbered(t("วิธีการนิเทศ (เลือกได้หลายข้อ เช่น 1 2)", "Methods (several, e.g. 1 2)"),
                              [(k, t(v, k)) for k, v in METHODS_TH.items()], methods_default, many=True, free=True)
    supervisees = ask_supervisees(base.get("supervisees", []))
    topics = lines(t("เรื่องที่นิเทศ", "Topic"), base.get("topics"))
    findings = ask(t("ผลการนิเทศ", "Findings"))
    strengths = ask(t("จุดเด่น", "Strengths"))
    improvements = ask(t("จุดที่ควรพัฒนา", "To improve"))
    suggestions = ask(t("ข้อเสนอแนะ", "Suggestions"))

    def read_follow(a: str) -> date:
        d = visit_input.parse_day(a, "")
        check(day, d)
        return d

    follow = ask_date(t("วันที่ติดตามผล", "Follow-up date"), read_follow, None)
    action = ask(t("สิ่งที่จะติดตาม", "What to follow up")) if follow else ""
    return {"date": day.isoformat(), "school": school, "supervisors": supervisors, "kind": kind[0],
            "project": project[0] if project else None, "methods": methods, "supervisees": supervisees,
            "topics": topics, "findings": findings, "strengths": strengths, "improvements": improvements,
            "suggestions": suggestions,
            "follow_up": {"date": follow.isoformat(), "action": action or None} if follow else None,
            CLOSE: closing}


#: the key of :func:`visit_form`'s answer that lists the follow-ups to close on saving (not a visit field)
CLOSE = "_close_follow_ups"


def ask_close_follow_ups(loaded: Loaded, school: str, day: date, today: date) -> list[tuple[str, date, str]]:
    """Offer to close each open follow-up of this school set at an earlier visit: the day (Enter =
    this visit's day) and a one-line result. Returns ``(visit id, day, result)`` to close on saving."""
    from nitet.domain import followups, visit_input

    out: list[tuple[str, date, str]] = []
    for fu in followups.open_for_school(loaded, school, day):
        due = thai.format_date(fu.due) if fu.due else "-"
        say(t("การติดตามผลที่ยังเปิดอยู่ (จากการนิเทศ {v}): {a} กำหนด {d}",
              "open follow-up (from the visit of {v}): {a}, due {d}",
              v=thai.format_date(fu.visit_date), a=fu.action or fu.suggestions or "-", d=due))
        if not yes(t("  ปิดการติดตามนี้ (ติดตามแล้ว)?", "  close it (followed up)?")):
            continue

        def read_done(a: str, fu: Any = fu) -> date:
            d = visit_input.parse_day(a, "") if a else (day if day <= today else today)
            followups.check_day(fu, d, today)
            return d

        when = ask_until(t("  วันที่ติดตาม", "  followed up on"), read_done, "",
                         thai.format_date(day if day <= today else today))
        result = ask(t("  ผลการติดตาม (หนึ่งบรรทัด)", "  what was found (one line)"))
        out.append((fu.visit, when, result))
    return out


def ask_supervisees(previous: list[dict[str, str]]) -> list[dict[str, str]]:
    if previous:
        say(t("ผู้รับการนิเทศครั้งก่อน: {v}", "supervisees last time: {v}",
              v="; ".join(supervisee_text(s) for s in previous)))
        if yes(t("  ใช้ตามเดิม?", "  keep them?")):
            return list(previous)
    out: list[dict[str, str]] = []
    while True:
        name = ask(t("ผู้รับการนิเทศ #{n}: ชื่อ-สกุล (เว้นว่าง = จบ)", "Supervisee #{n}: name (empty = done)", n=len(out) + 1))
        if not name:
            return out
        person = {"name": name, "position": ask(t("  ตำแหน่ง", "  position"), t("ครู", "teacher")),
                  "subject": ask(t("  กลุ่มสาระการเรียนรู้", "  subject area")), "grade": ask(t("  ชั้น", "  grade"))}
        out.append({k: v for k, v in person.items() if v})


def supervisee_text(s: dict[str, Any]) -> str:
    return " ".join(str(s[k]) for k in ("name", "position", "subject", "grade") if s.get(k))


def copy_forward(last: Entry) -> dict[str, Any]:
    """Context of the last visit to carry into a new one: never its findings or advice."""
    return {k: last.data[k] for k in ("kind", "project", "methods", "supervisees", "topics") if last.data.get(k)}


def show_last_advice(last: Entry) -> None:
    d = last.data
    say(t("การนิเทศครั้งก่อน: {d} ({i})", "last visit: {d} ({i})",
          d=thai.format_date(date.fromisoformat(d["date"])), i=last.id))
    if d.get("suggestions"):
        say(t("  ข้อเสนอแนะครั้งก่อน: {s}", "  advised last time: {s}", s=d["suggestions"]))
    fu = d.get("follow_up") or {}
    if fu.get("action") or fu.get("date"):
        when = thai.format_date(date.fromisoformat(fu["date"])) if fu.get("date") else "-"
        state = follow_up_state(fu)
        say(t("  ติดตามผล {w}: {a} ({s})", "  follow-up {w}: {a} ({s})", w=when, a=fu.get("action") or "-", s=state))


def follow_up_state(fu: dict[str, Any]) -> str:
    """"ติดตามแล้ว ๓ ธ.ค. ๒๕๖๘: ผล" / "ยังไม่ได้ติดตาม" for a follow-up mapping of a visit."""
    if not fu.get("done"):
        return t("ยังไม่ได้ติดตาม", "not done yet")
    when = f" {thai.format_date(date.fromisoformat(fu['done_date']))}" if fu.get("done_date") else ""
    return t("ติดตามแล้ว", "done") + when + (f": {fu['result']}" if fu.get("result") else "")


def summary(loaded: Loaded, data: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) lines describing a visit, for the confirmation and ``visit show``."""
    from nitet.domain.schools import SchoolIndex
    from nitet.model.visit import KIND_LABELS_TH, METHODS_TH

    projects = loaded.ws.config.projects
    fu = data.get("follow_up") or {}
    rows = [
        (t("วันที่นิเทศ", "date"), thai.format_date(date.fromisoformat(data["date"]), "full")),
        (t("โรงเรียน", "school"), SchoolIndex.of(loaded).label(data["school"])),
        (t("ผู้นิเทศ", "supervisors"), ", ".join(data.get("supervisors") or [])),
        (t("รูปแบบการนิเทศ", "kind"), t(KIND_LABELS_TH.get(data.get("kind") or "school-based", ""), data.get("kind") or "")),
        (t("โครงการ", "project"), f"{data['project']} {projects.get(data['project'], '')}".strip()
         if data.get("project") else ""),
        (t("งาน/ขั้นตอน", "case/step"), " ".join(x for x in (data.get("case"), data.get("step")) if x)),
        (t("วิธีการ", "methods"), ", ".join(t(METHODS_TH.get(m, m), m) for m in data.get("methods") or [])),
        (t("ผู้รับการนิเทศ", "supervisees"), "; ".join(supervisee_text(s) for s in data.get("supervisees") or [])),
        (t("เรื่องที่นิเทศ", "topics"), "; ".join(data.get("topics") or [])),
        (t("ผลการนิเทศ", "findings"), data.get("findings") or ""),
        (t("จุดเด่น", "strengths"), data.get("strengths") or ""),
        (t("จุดที่ควรพัฒนา", "to improve"), data.get("improvements") or ""),
        (t("ข้อเสนอแนะ", "suggestions"), data.get("suggestions") or ""),
        (t("ติดตามผล", "follow-up"), " ".join(filter(None, (
            thai.format_date(date.fromisoformat(fu["date"])) if fu.get("date") else "", fu.get("action") or "",
            f"({follow_up_state(fu)})" if fu.get("done") else "")))),
        (t("ผลการประเมิน", "ratings"), ", ".join(f"{k}={v}" for k, v in (data.get("ratings") or {}).items())),
        (t("หลักฐาน", "evidence"), ", ".join(data.get("evidence") or [])),
        (t("หมายเหตุ", "note"), data.get("note") or ""),
    ]
    return [(label, value) for label, value in rows if value]
