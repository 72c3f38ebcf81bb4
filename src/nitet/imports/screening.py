"""Screening sheets → screening records (counts only: pupil names are never kept).

Two layouts are understood:

* one pupil per row with a level per aspect (อ่านออกเสียง, อ่านรู้เรื่อง, เขียนคำ, เขียนเรื่อง), written
  ดีมาก/ดี/พอใช้/ปรับปรุง or 4/3/2/1: nitet counts them per school, year, semester and grade.
  A pupil with no level in any aspect (moved away, absent) is not assessed;
* already-counted levels (อ่านออกเสียง / ดีมาก, ดี, พอใช้, ปรับปรุง under a merged header), one row
  per school and grade.

School, academic year, semester and grade come from columns, from title rows when clearly stated
("โรงเรียนบ้าน…", "ภาคเรียนที่ ๒ ปีการศึกษา ๒๕๖๙", "ชั้นประถมศึกษาปีที่ ๑"), or from the options;
an option that contradicts the sheet rejects the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from nitet.core.i18n import t
from nitet.core.thai import to_arabic_digits
from nitet.imports import values
from nitet.imports.mapping import (
    Candidate,
    Context,
    Origin,
    RowError,
    get,
    resolve_school,
    validate,
)
from nitet.imports.table import Row, Table
from nitet.model import Screening
from nitet.model.screening import ASPECTS, ASPECTS_TH, LEVELS
from nitet.storage import ids

_LEVEL_WORDS = {
    "ดีมาก": "excellent", "ดี": "good", "พอใช้": "fair", "ปรับปรุง": "improve", "ควรปรับปรุง": "improve",
    "ต้องปรับปรุง": "improve", "ปรับปรุงแก้ไข": "improve", "excellent": "excellent", "good": "good",
    "fair": "fair", "improve": "improve", "4": "excellent", "3": "good", "2": "fair", "1": "improve",
}
KEYS = ("school", "academic_year", "semester", "grade")
_KEY_TH = {"school": "โรงเรียน", "academic_year": "ปีการศึกษา", "semester": "ภาคเรียน", "grade": "ชั้น"}


def level(value: Any) -> str | None:
    s = values.one_line(value)
    if s is None or s in ("-", "–"):
        return None
    key = to_arabic_digits(s).replace(" ", "").lower().removesuffix(".0")
    if key not in _LEVEL_WORDS:
        raise values.CellError(t("“{v}” ไม่ใช่ระดับ ดีมาก/ดี/พอใช้/ปรับปรุง (หรือ 4/3/2/1)",
                                 "“{v}” is not a level ดีมาก/ดี/พอใช้/ปรับปรุง (or 4/3/2/1)", v=s))
    return _LEVEL_WORDS[key]


def from_titles(ctx: Context, titles: list[str]) -> dict[str, Any]:
    """What the title rows state clearly."""
    found: dict[str, Any] = {}
    for line in titles:
        s = to_arabic_digits(line)
        for name, rx in (("grade", r"(?:ชั้นประถมศึกษาปีที่|ประถมศึกษาปีที่|ชั้น\s*ป\.)\s*([1-6])\b"),
                         ("semester", r"ภาคเรียนที่\s*([12])\b"), ("academic_year", r"ปีการศึกษา\s*(25\d\d)\b")):
            m = re.search(rx, s)
            if m and name not in found:
                found[name] = int(m.group(1))
        if "school" not in found:
            for m in re.finditer(r"โรงเรียน\S+", s):
                words = s[m.start():].split()
                for n in range(len(words), 0, -1):  # the longest run of words that names a school
                    key = ctx.schools.find(" ".join(words[:n]))
                    if key is not None:
                        found["school"] = key
                        break
                if "school" in found:
                    break
    return found


@dataclass
class _Group:
    key: tuple[Any, ...]
    origins: list[Origin]
    counts: dict[str, dict[str, int]]
    assessed: int


def _keys(ctx: Context, table: Table, row: Row, titled: dict[str, Any]) -> tuple[Any, ...]:
    opts = ctx.options
    from_row: dict[str, Any] = {}
    if table.cell(row, "school") is not None or table.cell(row, "school_name") is not None:
        from_row["school"] = resolve_school(ctx, table.cells(row, "school"), table.cells(row, "school_name"))
    for name, parse in (("academic_year", values.academic_year), ("semester", values.semester),
                        ("grade", values.grade)):
        v = get(table, row, name, parse)
        if v is not None:
            from_row[name] = v
    given = {"school": ctx.schools.find(opts.school) if opts.school else None, "academic_year": opts.academic_year,
             "semester": opts.semester, "grade": opts.grade}
    out = []
    for k in KEYS:
        sheet_value = from_row.get(k, titled.get(k))
        if sheet_value is not None and given[k] is not None and sheet_value != given[k]:
            raise RowError(t("{k} ในไฟล์ ({a}) ไม่ตรงกับที่ระบุในคำสั่ง ({b})", "{k} in the file ({a}) differs from the option ({b})",
                             k=_KEY_TH[k], a=sheet_value, b=given[k]))
        v = sheet_value if sheet_value is not None else given[k]
        if v is None:
            raise RowError(t("ไม่ทราบ{k}: เพิ่มคอลัมน์{k} ระบุในหัวเรื่อง หรือใช้ --{o}",
                             "no {k}: add a {k} column, state it in the title, or use --{o}",
                             k=_KEY_TH[k], o=k.replace("_", "-")))
        out.append(v)
    return tuple(out)


def map_table(ctx: Context, table: Table) -> tuple[list[Candidate], list[tuple[Origin, str]], int]:
    """Candidates, rejected rows and the number of duplicate pupil rows skipped."""
    titled = from_titles(ctx, table.titles)
    counted = any(table.has(f"{a}.{lv}") for a in ASPECTS for lv in LEVELS)
    aspects = [a for a in ASPECTS if table.has(a) or any(table.has(f"{a}.{lv}") for lv in LEVELS)]
    groups: dict[tuple[Any, ...], _Group] = {}
    bad: list[tuple[Origin, str]] = []
    failed: dict[tuple[Any, ...], int] = {}
    seen: set[tuple[Any, ...]] = set()
    duplicates = 0
    out: list[Candidate] = []
    for row in table.rows:
        origin = Origin(table, row)
        key: tuple[Any, ...] | None = None
        try:
            key = _keys(ctx, table, row, titled)
            if counted:
                out.append(_counted(ctx, table, row, origin, key, aspects))
                continue
            who = tuple(values.one_line(table.cell(row, f)) for f in ("number", "student_id", "pupil"))
            if any(who):
                fp = (key, tuple(values.one_line(v) for v in row.values))
                if fp in seen:
                    duplicates += 1
                    continue
                seen.add(fp)
            levels = {a: get(table, row, a, level) for a in aspects}
        except RowError as e:
            bad.append((origin, str(e)))
            if not counted and key is not None:
                failed.setdefault(key, row.number)
            continue
        g = groups.setdefault(key, _Group(key, [], {a: dict.fromkeys(LEVELS, 0) for a in aspects}, 0))
        g.origins.append(origin)
        if any(levels.values()):
            g.assessed += 1
            for a, lv in levels.items():
                if lv:
                    g.counts[a][lv] += 1
    unreadable = table.malformed[0][0].number if table.malformed else None
    for gkey, g in groups.items():
        if gkey in failed:  # a class with a bad row is not counted at all: resend it whole
            for o in g.origins:
                bad.append((o, t("ไม่ได้นำเข้า เพราะแถว {r} ของชั้นเดียวกันมีข้อผิดพลาด",
                                 "not imported because row {r} of the same class has a problem", r=failed[gkey])))
            continue
        if unreadable is not None:  # a row nobody can read may be a pupil of any class here
            for o in g.origins:
                bad.append((o, t("ไม่ได้นำเข้า เพราะแถว {r} ของตารางเดียวกันอ่านไม่ได้",
                                 "not imported because row {r} of the same table cannot be read", r=unreadable)))
            continue
        try:
            out.append(_candidate(ctx, table, g.origins, gkey, g.assessed, g.counts))
        except RowError as e:
            bad.extend((o, str(e)) for o in g.origins)
    return out, bad, duplicates


def _counted(ctx: Context, table: Table, row: Row, origin: Origin, key: tuple[Any, ...],
             aspects: list[str]) -> Candidate:
    counts: dict[str, dict[str, int]] = {}
    for a in aspects:
        counts[a] = {}
        for lv in LEVELS:
            n = get(table, row, f"{a}.{lv}", values.number, field=f"{ASPECTS_TH[a]}")
            counts[a][lv] = int(n or 0)
    assessed = get(table, row, "assessed", values.number, field=t("จำนวนที่คัดกรอง", "assessed"))
    if assessed is None:
        assessed = max((sum(c.values()) for c in counts.values()), default=0)
    return _candidate(ctx, table, [origin], key, int(assessed), counts)


def _candidate(ctx: Context, table: Table, origins: list[Origin], key: tuple[Any, ...], assessed: int,
               counts: dict[str, dict[str, int]]) -> Candidate:
    school, year, sem, grade = key
    path = ids.screening_path(ctx.ws, school, year, sem, grade)
    data: dict[str, Any] = {"id": path.stem, "school": school, "academic_year": year, "semester": sem,
                            "grade": grade, "assessed": assessed, **counts,
                            "source": table.sheet.label}
    validate(Screening, data)
    owned = {"id", "assessed", *counts, "source"}
    fingerprint = {k: v for k, v in data.items() if k != "source"}
    return Candidate(Screening, path, data, owned, origins, fingerprint, quiet={"source"})
