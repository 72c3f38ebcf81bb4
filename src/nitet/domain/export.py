"""Raw tables of records for ``nitet export csv|xlsx KIND``: one row per record.

Columns are the record's keys (English, stable for scripts and pivot tables); nested values are
flattened: lists of words joined with ``"; "``, supervisees as ``name (position, subject, grade)``,
screening levels as one column per aspect and level, plan results as one column per quarter.
A few columns are derived to save a lookup: the school's name, a visit's fiscal year and quarter,
a case's progress.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from nitet.core import thai

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded

SEP = "; "
EXPORT_KINDS = ("schools", "visits", "cases", "plans", "screenings")
Cell = str | int | float | bool | date | None
Column = tuple[str, Callable[[dict[str, Any]], Cell]]


@dataclass
class Table:
    kind: str
    headers: list[str]
    rows: list[list[Cell]]


def _key(name: str) -> Callable[[dict[str, Any]], Cell]:
    return lambda d: d.get(name)


def _joined(name: str) -> Callable[[dict[str, Any]], Cell]:
    return lambda d: SEP.join(str(x) for x in d.get(name) or []) or None


def _iso(value: Cell) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _date(name: str) -> Callable[[dict[str, Any]], Cell]:
    return lambda d: date.fromisoformat(d[name]) if d.get(name) else None


def _supervisee(s: dict[str, Any]) -> str:
    extra = ", ".join(str(s[k]) for k in ("position", "subject", "grade") if s.get(k))
    return f"{s.get('name', '')} ({extra})" if extra else str(s.get("name", ""))


def _pairs(name: str) -> Callable[[dict[str, Any]], Cell]:
    return lambda d: SEP.join(f"{k}={v}" for k, v in (d.get(name) or {}).items()) or None


def _school_columns(loaded: Loaded) -> list[Column]:
    sizes = loaded.ws.config.school_sizes
    keys = ("code", "smis", "obec", "name", "district", "subdistrict", "network", "students",
            "teachers", "principal", "dltv")
    return [*((k, _key(k)) for k in keys),
            ("size", lambda d: d.get("size") or sizes.size_of(d.get("students"))),
            ("target", _key("target")), ("note", _key("note"))]


def _school_name(loaded: Loaded) -> Callable[[dict[str, Any]], Cell]:
    names = {e.id: e.data.get("name") for e in loaded.of("school")}
    return lambda d: names.get(str(d.get("school")))


def _visit_columns(loaded: Loaded) -> list[Column]:
    def when(d: dict[str, Any]) -> date:
        return date.fromisoformat(d["date"])

    def follow(key: str) -> Callable[[dict[str, Any]], Cell]:
        return lambda d: (d.get("follow_up") or {}).get(key)

    return [
        ("id", _key("id")), ("date", _date("date")),
        ("fiscal_year", lambda d: thai.fiscal_year(when(d))), ("quarter", lambda d: thai.fiscal_quarter(when(d))),
        ("school", _key("school")), ("school_name", _school_name(loaded)),
        ("supervisors", _joined("supervisors")), ("kind", _key("kind")), ("project", _key("project")),
        ("case", _key("case")), ("step", _key("step")), ("methods", _joined("methods")),
        ("supervisees", lambda d: SEP.join(_supervisee(s) for s in d.get("supervisees") or []) or None),
        ("supervisee_count", lambda d: len(d.get("supervisees") or [])),
        ("topics", _joined("topics")), ("findings", _key("findings")), ("strengths", _key("strengths")),
        ("improvements", _key("improvements")), ("suggestions", _key("suggestions")),
        ("follow_up_date", lambda d: _iso(follow("date")(d))),
        ("follow_up_action", follow("action")), ("follow_up_done", lambda d: bool(follow("done")(d))),
        ("follow_up_done_date", lambda d: _iso(follow("done_date")(d))), ("follow_up_result", follow("result")),
        ("follow_up_done_by", follow("done_by")),
        ("rating_scale", _key("rating_scale")), ("ratings", _pairs("ratings")),
        ("evidence", _joined("evidence")), ("note", _key("note")),
    ]


def _case_columns(loaded: Loaded) -> list[Column]:
    from nitet.domain.flows import case_progress

    workflows = loaded.workflows()

    def progress(d: dict[str, Any]) -> Any:
        wf = workflows.get(d.get("workflow", ""))
        return case_progress(d, wf) if wf else None

    def last(key: str) -> Callable[[dict[str, Any]], Cell]:
        return lambda d: (d.get("steps") or [{}])[-1].get(key)

    return [
        *((k, _key(k)) for k in ("id", "workflow", "title", "fiscal_year")),
        ("started", _date("started")), ("status", _key("status")), ("finished", _date("finished")),
        ("cancelled_reason", _key("cancelled_reason")),
        ("progress", lambda d: p.label if (p := progress(d)) else None),
        ("current_step", lambda d: (SEP.join(p.open) or None) if (p := progress(d)) else None),
        ("steps_done", lambda d: SEP.join(str(s.get("step")) for s in d.get("steps") or []) or None),
        ("last_step", last("step")),
        ("last_step_date", lambda d: _iso(last("date")(d))),
    ]


def _plan_columns(loaded: Loaded) -> list[Column]:
    def result(d: dict[str, Any], q: int) -> dict[str, Any]:
        return next((r for r in d.get("results") or [] if r.get("quarter") == q), {})

    def activity(a: dict[str, Any]) -> str:
        qs = ",".join(str(q) for q in a.get("quarters") or [])
        return f"{a.get('id')}: {a.get('title')}" + (f" (Q{qs})" if qs else "")

    def indicator(i: dict[str, Any]) -> str:
        unit = f" {i['unit']}" if i.get("unit") else ""
        return f"{i.get('id')}: {i.get('title')} = {_num(i.get('target'))}{unit}"

    cols: list[Column] = [
        *((k, _key(k)) for k in ("id", "fiscal_year", "title", "workflow", "owner", "budget")),
        ("activities", lambda d: SEP.join(activity(a) for a in d.get("activities") or []) or None),
        ("indicators", lambda d: SEP.join(indicator(i) for i in d.get("indicators") or []) or None),
    ]
    def spent(q: int) -> Callable[[dict[str, Any]], Cell]:
        return lambda d: result(d, q).get("spent")

    cols += [(f"q{q}_spent", spent(q)) for q in (1, 2, 3, 4)]
    cols.append(("spent_total", lambda d: sum(float(r.get("spent") or 0) for r in d.get("results") or [])))
    return cols


def _num(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _screening_columns(loaded: Loaded) -> list[Column]:
    from nitet.model.screening import ASPECTS, LEVELS

    cols: list[Column] = [
        ("id", _key("id")), ("school", _key("school")), ("school_name", _school_name(loaded)),
        *((k, _key(k)) for k in ("academic_year", "semester", "grade", "assessed")),
    ]
    def count(aspect: str, level: str) -> Callable[[dict[str, Any]], Cell]:
        return lambda d: (d.get(aspect) or {}).get(level, 0)

    cols += [(f"{a}_{lv}", count(a, lv)) for a in ASPECTS for lv in LEVELS]
    cols.append(("source", _key("source")))
    return cols


_COLUMNS: dict[str, tuple[str, Callable[[Loaded], list[Column]]]] = {
    "schools": ("school", _school_columns),
    "visits": ("visit", _visit_columns),
    "cases": ("case", _case_columns),
    "plans": ("plan", _plan_columns),
    "screenings": ("screening", _screening_columns),
}


def _in_fy(kind: str, data: dict[str, Any], fy: int) -> bool:
    if kind == "visits":
        return thai.fiscal_year(date.fromisoformat(data["date"])) == fy
    return data.get("fiscal_year") == fy


#: Thai headers of the derived and flattened columns (record keys take their schema titles).
_HEADERS_TH = {
    "fiscal_year": "ปีงบประมาณ", "quarter": "ไตรมาส", "school": "รหัสโรงเรียน", "school_name": "ชื่อโรงเรียน",
    "supervisee_count": "จำนวนผู้รับการนิเทศ", "follow_up_date": "วันที่ติดตามผล",
    "follow_up_action": "สิ่งที่จะติดตาม", "follow_up_done": "ติดตามแล้ว", "follow_up_done_date": "วันที่ติดตาม",
    "follow_up_result": "ผลการติดตาม", "follow_up_done_by": "ผู้ติดตาม", "progress": "ความก้าวหน้า",
    "current_step": "ขั้นตอนปัจจุบัน", "steps_done": "ขั้นตอนที่เสร็จ", "last_step": "ขั้นตอนล่าสุด",
    "last_step_date": "วันที่ขั้นตอนล่าสุด", "spent_total": "เบิกจ่ายสะสม (บาท)",
    **{f"q{q}_spent": f"เบิกจ่ายไตรมาส {q} (บาท)" for q in (1, 2, 3, 4)},
}


def thai_headers(kind: str, headers: list[str]) -> list[str]:
    """Column titles in Thai: the schema's Thai title of each key, ``อ่านออกเสียง ดีมาก`` for levels."""
    from nitet.model import RECORD_KINDS
    from nitet.model.screening import ASPECTS_TH, LEVELS_TH

    fields = RECORD_KINDS[kind].model_fields
    out = []
    for h in headers:
        aspect, _, level = h.rpartition("_")
        if h in _HEADERS_TH:
            out.append(_HEADERS_TH[h])
        elif aspect in ASPECTS_TH and level in LEVELS_TH:
            out.append(f"{ASPECTS_TH[aspect]} {LEVELS_TH[level]}")
        elif h in fields and fields[h].title:
            out.append(str(fields[h].title))
        else:
            out.append(h)
    return out


def build(loaded: Loaded, kind: str, *, fy: int | None = None,
          academic_year: int | None = None) -> Table:
    """The table of one kind (``kind`` is a folder name: ``visits``), filtered by year."""
    record_kind, columns_of = _COLUMNS[kind]
    columns = columns_of(loaded)
    entries: Iterable[Entry] = loaded.of(record_kind)
    if fy is not None:
        entries = [e for e in entries if _in_fy(kind, e.data, fy)]
    if academic_year is not None:
        entries = [e for e in entries if e.data.get("academic_year") == academic_year]
    order = sorted(entries, key=lambda e: (str(e.data.get("date", "")), e.path))
    data = [{**e.data, "id": e.data.get("id", e.id)} for e in order]
    return Table(kind, [h for h, _ in columns], [[_num(fn(d)) for _, fn in columns] for d in data])


#: A CSV cell of text starting with one of these is a formula to Excel and LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Cell) -> str:
    """Text that a spreadsheet would run as a formula gets a leading ``'`` (shown as text, the
    quote hidden); numbers, dates and other text are written as they are. Every CSV nitet
    writes goes through here (exports, the rows an import rejects)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return str(value)


def to_csv(table: Table) -> bytes:
    """UTF-8 with a BOM so Excel shows Thai; ``\\r\\n`` rows as Excel writes them."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(table.headers)
    for row in table.rows:
        w.writerow([csv_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")
