"""Thai calendar and formatting: Buddhist Era years, fiscal and academic periods, Thai digits,
Thai date formatting and lenient parsing of the date forms people type or paste.

Conventions (DOMAIN.md "Calendar and formatting", SPEC §1 and §3):

* Dates are Gregorian ``datetime.date`` everywhere inside nitet; BE = CE + 543 only when a date is
  shown or read.
* Fiscal year (ปีงบประมาณ) runs 1 Oct – 30 Sep and is named by the BE year it ends in:
  FY 2569 = 2025-10-01 … 2026-09-30. Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep.
* Academic year (ปีการศึกษา) is named by the BE year it starts in (May); Jan–Apr belongs to the
  previous academic year. Semester dates are data (the ``calendar`` mapping from ``nitet.yaml``);
  ``DEFAULT_CALENDAR`` is the usual pattern (16 May – 11 Oct, 1 Nov – 1 Apr).
* ``parse_date`` accepts ISO (``2026-11-25``, also with a BE year), day-first numeric dates
  (``25/11/2569``, ``25-11-2569``, ``25.11.69``) and Thai month names, full, abbreviated with or without
  dots, or colloquial (``25 พ.ย. 2569``, ``๒๕ พฤศจิกายน ๒๕๖๙``, ``วันที่ 25 เดือนพฤศจิกายน พ.ศ. 2569``).
  Any Unicode decimal digits (Thai ๐–๙ included) count as digits; zero-width spaces are ignored; a
  trailing time (``10:30`` or ``T10:30:00``) is checked and dropped.
  Year rules: a 4-digit year above 2400 is BE; ``พ.ศ.`` before the year forces BE and ``ค.ศ.`` forces CE;
  a 2-digit year is always a short BE year (``69`` = 2569, so ``25/11/26`` is 2526 BE = 1983 CE), also
  in numeric forms, because Thai offices write short years in BE. Numeric dates are always day first:
  ``11/25/2026`` is month 25, an error, never a guess. The result must fall in 1900–2200 CE.
  Every failure is a ``DateParseError`` (a ``ValueError``) whose text is Thai and says what is wrong
  and which forms are accepted.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, NamedTuple

from nitet.core.i18n import t

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
MONTHS_FULL: tuple[str, ...] = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
_MONTHS_COLLOQUIAL = (
    "มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา",
    "กรกฎา", "สิงหา", "กันยา", "ตุลา", "พฤศจิกา", "ธันวา",
)  # fmt: skip

BE_OFFSET = 543
MIN_YEAR_CE = 1900
MAX_YEAR_CE = 2200
DATE_STYLES = ("short", "full", "short2")
ACCEPTED_FORMS = (
    "2026-11-25, 2569-11-25, 25/11/2569, 25/11/2026, 25 พ.ย. 2569, 25 พ.ย. 69, ๒๕ พฤศจิกายน ๒๕๖๙"
)

_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")


# --- digits and years -------------------------------------------------------------------------


def to_thai_digits(s: str | int | float) -> str:
    """Replace every Arabic digit in ``str(s)`` by its Thai digit: ``"2569"`` -> ``"๒๕๖๙"``."""
    return str(s).translate(_TO_THAI)


def to_arabic_digits(s: str) -> str:
    """Replace every Thai digit by its Arabic digit: ``"๒๕"`` -> ``"25"``."""
    return s.translate(_TO_ARABIC)


def digits(s: str | int, thai: bool) -> str:
    """``s`` as text with Thai digits if ``thai``, else with Arabic digits (the digit setting)."""
    return to_thai_digits(s) if thai else to_arabic_digits(str(s))


def be_year(ce_year: int) -> int:
    """Buddhist Era year of a Common Era year (+543)."""
    return ce_year + BE_OFFSET


def ce_year(be_year: int) -> int:
    """Common Era year of a Buddhist Era year (−543)."""
    return be_year - BE_OFFSET


# --- fiscal year ------------------------------------------------------------------------------


def fiscal_year(d: date) -> int:
    """BE fiscal year containing ``d``: 2025-10-01 -> 2569."""
    return d.year + BE_OFFSET + (1 if d.month >= 10 else 0)


def fiscal_quarter(d: date) -> int:
    """Fiscal quarter 1..4 of ``d``; Q1 = Oct–Dec."""
    return (d.month - 10) % 12 // 3 + 1


def fiscal_year_range(fy_be: int) -> tuple[date, date]:
    """First and last day of a BE fiscal year: 2569 -> (2025-10-01, 2026-09-30)."""
    year = ce_year(fy_be)
    return date(year - 1, 10, 1), date(year, 9, 30)


def quarter_range(fy_be: int, q: int) -> tuple[date, date]:
    """First and last day of quarter ``q`` (1..4) of a BE fiscal year."""
    if isinstance(q, bool) or q not in (1, 2, 3, 4):
        raise ValueError(f"ไตรมาสต้องเป็น 1–4 (ได้ {q!r})")
    first_month = (q - 1) * 3 + 10  # 10, 13, 16, 19 counted from January of the year before
    year = ce_year(fy_be) - 1 + (first_month - 1) // 12
    month = (first_month - 1) % 12 + 1
    return date(year, month, 1), date(year, month + 2, monthrange(year, month + 2)[1])


def fiscal_period(
    fy_be: int, quarter: int | None = None, cumulative: bool = False
) -> tuple[date, date]:
    """The whole fiscal year, one quarter, or (``cumulative``) the year's start to the quarter's end."""
    if quarter is None:
        return fiscal_year_range(fy_be)
    start, end = quarter_range(fy_be, quarter)
    return (fiscal_year_range(fy_be)[0], end) if cumulative else (start, end)


# --- academic year and semesters --------------------------------------------------------------


def academic_year(d: date) -> int:
    """BE academic year of ``d``: named by the year it starts in (May); Jan–Apr -> previous year."""
    return d.year + BE_OFFSET - (1 if d.month < 5 else 0)


class SemesterRange(NamedTuple):
    semester: int
    start: date
    end: date


DEFAULT_CALENDAR: Mapping[str, Any] = MappingProxyType(
    {
        "default": (
            MappingProxyType({"semester": 1, "start": "05-16", "end": "10-11"}),
            MappingProxyType({"semester": 2, "start": "11-01", "end": "04-01"}),
        )
    }
)

_MONTH_DAY_RE = re.compile(r"\s*([0-9]{1,2})\s*[-/]\s*([0-9]{1,2})\s*")


def _month_day(value: object) -> tuple[int, int]:
    match = _MONTH_DAY_RE.fullmatch(to_arabic_digits(str(value)))
    if match:
        month, day = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 1 <= day <= monthrange(2000, month)[1]:
            return month, day
    raise ValueError(t("วันในปฏิทินภาคเรียน “{v}” ต้องเป็น เดือน-วัน เช่น 05-16",
                       "a semester day “{v}” must be month-day, e.g. 05-16", v=value))


def _full_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value))


def _entry(entry: object) -> tuple[int, object, object]:
    if not isinstance(entry, Mapping) or not {"semester", "start", "end"} <= set(entry):
        raise ValueError(t("ภาคเรียนในปฏิทินต้องมี semester, start และ end (ได้ {e!r})",
                           "a semester in the calendar needs semester, start and end (got {e!r})", e=entry))
    semester = entry["semester"]
    if isinstance(semester, bool) or not isinstance(semester, int):
        raise ValueError(t("semester ต้องเป็นตัวเลข (ได้ {s!r})", "semester must be a number (got {s!r})", s=semester))
    return semester, entry["start"], entry["end"]


def _on(year: int, month: int, day: int) -> date:
    # clamp: a default "02-29" becomes 02-28 in a common year
    return date(year, month, min(day, monthrange(year, month)[1]))


def semester_ranges(ay_be: int, calendar: Mapping[str, Any] | None = None) -> list[SemesterRange]:
    """Semesters of a BE academic year, sorted by start.

    ``calendar["years"][ay_be]`` (full dates) wins over ``calendar["default"]`` (``MM-DD``). A default
    ``MM-DD`` earlier than the first semester's start falls in the next CE year, and an end earlier than
    its start moves to the next year, so semester 2 (11-01 – 04-01) of 2569 ends 2027-04-01.
    Malformed calendar data raises ``ValueError`` with a message in the current language.
    """
    cal: Mapping[str, Any] = DEFAULT_CALENDAR if calendar is None else calendar
    years = cal.get("years") or {}
    override = years.get(ay_be, years.get(str(ay_be))) if isinstance(years, Mapping) else None
    result: list[SemesterRange] = []
    if override:
        for no, start, end in map(_entry, override):
            result.append(SemesterRange(no, _full_date(start), _full_date(end)))
    else:
        base = ce_year(ay_be)
        parsed = [
            (no, _month_day(start), _month_day(end))
            for no, start, end in map(_entry, cal.get("default") or DEFAULT_CALENDAR["default"])
        ]
        anchor = min(parsed)[1]  # the academic year starts with its lowest-numbered semester
        for no, (sm, sd), (em, ed) in parsed:
            first = _on(base + int((sm, sd) < anchor), sm, sd)
            last = _on(base + int((em, ed) < anchor), em, ed)
            if last < first:
                last = _on(last.year + 1, em, ed)
            result.append(SemesterRange(no, first, last))
    for r in result:
        if r.end < r.start:
            raise ValueError(t("ภาคเรียนที่ {s} ปีการศึกษา {y} สิ้นสุดก่อนเริ่ม", "semester {s} of academic year {y} ends before it starts",
                               s=r.semester, y=ay_be))
    return sorted(result, key=lambda r: (r.start, r.semester))


def semester_of(d: date, calendar: Mapping[str, Any] | None = None) -> tuple[int, int] | None:
    """``(academic_year_be, semester)`` containing ``d``, or ``None`` when ``d`` is in a break."""
    year_be = d.year + BE_OFFSET
    for ay in (year_be, year_be - 1):
        for r in semester_ranges(ay, calendar):
            if r.start <= d <= r.end:
                return ay, r.semester
    return None


# --- formatting -------------------------------------------------------------------------------


def format_date(d: date, style: str = "short", thai_digits: bool = False) -> str:
    """``short`` "25 พ.ย. 2569", ``full`` "25 พฤศจิกายน 2569", ``short2`` "25 พ.ย. 69"."""
    year = d.year + BE_OFFSET
    if style == "short":
        text = f"{d.day} {MONTHS_ABBR[d.month - 1]} {year}"
    elif style == "full":
        text = f"{d.day} {MONTHS_FULL[d.month - 1]} {year}"
    elif style == "short2":
        text = f"{d.day} {MONTHS_ABBR[d.month - 1]} {year % 100:02d}"
    else:
        raise ValueError(f"unknown date style {style!r}; use one of {', '.join(DATE_STYLES)}")
    return to_thai_digits(text) if thai_digits else text


def format_quarter_heading(fy_be: int, q: int, thai_digits: bool = True) -> str:
    """Quarter heading, e.g. "ไตรมาสที่ ๑ (๑ ต.ค. ๒๕๖๘ – ๓๑ ธ.ค. ๒๕๖๘)" for FY 2569 Q1."""
    start, end = quarter_range(fy_be, q)
    text = f"ไตรมาสที่ {q} ({format_date(start)} – {format_date(end)})"
    return to_thai_digits(text) if thai_digits else text


# --- parsing ----------------------------------------------------------------------------------


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


class DateParseError(ValueError):
    """A date text that cannot be read. ``str(e)`` says why and which forms work, in the current
    language; ``problem`` is the short reason."""

    def __init__(self, text: str, problem: str) -> None:
        self.text = text
        self.problem = problem
        shown = "".join(c if c.isprintable() else "?" for c in text.translate(_INVISIBLE).strip())
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        head = t("อ่านวันที่ “{s}” ไม่ได้: {p}", "cannot read the date “{s}”: {p}", s=shown, p=problem) if shown \
            else problem
        self.message = head + t(" — รูปแบบที่รับได้ เช่น {f}", " — accepted forms, e.g. {f}", f=ACCEPTED_FORMS)
        super().__init__(self.message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.problem))


def _month_keys() -> dict[str, int]:
    keys: dict[str, int] = {"กรกฏาคม": 7, "กรกฏา": 7}  # ฏ for ฎ: a very common misspelling
    names = zip(MONTHS_FULL, MONTHS_ABBR, _MONTHS_COLLOQUIAL, strict=True)
    for number, (full, abbr, colloquial) in enumerate(names, start=1):
        keys[full] = keys[abbr.replace(".", "")] = keys[colloquial] = number
    return keys


_MONTH_KEYS = _month_keys()
_SEP = r"(?:\s?[-/.]\s?|\s)"
_NUMERIC_RE = re.compile(rf"([0-9]+){_SEP}([0-9]+){_SEP}([0-9]+)")
_TEXT_RE = re.compile(r"([0-9]{1,2})\s?([^0-9]+?)\s?([0-9]+)")
_TIME_RE = re.compile(r"(?:\s|T)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,6})?)?$")
_PREFIX_RE = re.compile(r"^วันที่\s?")
_MONTH_NOISE_RE = re.compile(r"[\s.,/\-]")
_MONTH_HINT = ("ใช้ชื่อเต็ม เช่น พฤศจิกายน หรือชื่อย่อ เช่น พ.ย.",
               "use the Thai month's full name, such as พฤศจิกายน, or its abbreviation, such as พ.ย.")
_YEAR_HINT = ("ปีต้องเป็นเลข 4 หลัก (เช่น 2569 หรือ 2026) หรือ 2 หลักแบบ พ.ศ. (เช่น 69)",
              "the year must have 4 digits (such as 2569 or 2026) or 2 digits of a BE year (such as 69)")


def _normalise(text: str) -> str:
    """Drop invisible characters, make every decimal digit ASCII, collapse whitespace."""
    chars = []
    for ch in text.translate(_INVISIBLE):
        value = unicodedata.decimal(ch, None) if ch.isdecimal() else None
        chars.append(ch if value is None else str(value))
    return " ".join("".join(chars).split())


def _build(text: str, year_s: str, month: int, day: int, era: str | None = None, year_first: bool = False) -> date:
    if len(year_s) not in (2, 4) or (era == "CE" and len(year_s) != 4):
        raise DateParseError(text, t("ปี “{y}” ใช้ไม่ได้: {h}", "year “{y}” cannot be used: {h}", y=year_s,
                                     h=t(*_YEAR_HINT)))
    year = int(year_s) + (2500 if len(year_s) == 2 else 0)
    is_be = era == "BE" or len(year_s) == 2 or (era is None and year > 2400)
    ce = year - BE_OFFSET if is_be else year
    if not MIN_YEAR_CE <= ce <= MAX_YEAR_CE:
        raise DateParseError(text, t(
            "ปี {era} {y} อยู่นอกช่วงที่รับได้ (พ.ศ. {be0}–{be1} หรือ ค.ศ. {ce0}–{ce1})",
            "year {y} {era} is outside the years accepted (BE {be0}–{be1} or CE {ce0}–{ce1})",
            era=t("พ.ศ.", "BE") if is_be else t("ค.ศ.", "CE"), y=year, be0=MIN_YEAR_CE + BE_OFFSET,
            be1=MAX_YEAR_CE + BE_OFFSET, ce0=MIN_YEAR_CE, ce1=MAX_YEAR_CE))
    if not 1 <= month <= 12:
        raise DateParseError(text, t("ไม่มีเดือนที่ {m} (เดือนต้องเป็น 1–12 เรียง ปี-เดือน-วัน)",
                                     "there is no month {m} (months are 1–12, in year-month-day order)", m=month)
                             if year_first else
                             t("ไม่มีเดือนที่ {m} (เดือนต้องเป็น 1–12 และเขียนวันก่อนเดือน)",
                               "there is no month {m} (months are 1–12, and the day comes before the month)", m=month))
    days = monthrange(ce, month)[1]
    if not 1 <= day <= days:
        raise DateParseError(text, t("วันที่ {d} ไม่มีในเดือน{m} {y} (เดือนนี้มี {n} วัน)",
                                     "{m} {y} has no day {d} (it has {n} days)",
                                     d=day, m=MONTHS_FULL[month - 1], y=ce + BE_OFFSET, n=days))
    return date(ce, month, day)


def _parse(text: str, s: str) -> date:
    time = _TIME_RE.search(s)
    if time:
        hour, minute, second = (int(g or 0) for g in time.groups())
        if hour > 23 or minute > 59 or second > 59:
            raise DateParseError(text, t("เวลา “{v}” ไม่ถูกต้อง", "the time “{v}” is not valid", v=time[0].strip(" T")))
        s = s[: time.start()]
    s = _PREFIX_RE.sub("", s)

    numeric = _NUMERIC_RE.fullmatch(s)
    if numeric:
        a, b, c = numeric.groups()
        if len(a) == 4 and len(b) <= 2 and len(c) <= 2:  # year first (ISO), BE or CE
            return _build(text, a, int(b), int(c), year_first=True)
        if len(a) <= 2 and len(b) <= 2:  # day first (Thai usage)
            return _build(text, c, int(b), int(a))
        raise DateParseError(text, t("ตัวเลขวันที่ไม่ครบหรือเกินรูปแบบ วัน/เดือน/ปี หรือ ปี-เดือน-วัน",
                                     "the numbers do not fit day/month/year or year-month-day"))

    named = _TEXT_RE.fullmatch(s)
    if named:
        day_s, middle, year_s = named.groups()
        key = _MONTH_NOISE_RE.sub("", middle)
        key = key.removeprefix("เดือน")
        era: str | None = None
        for marker, which in (("พศ", "BE"), ("คศ", "CE")):
            if key.endswith(marker):
                key, era = key.removesuffix(marker), which
        month = _MONTH_KEYS.get(key)
        if not key:
            raise DateParseError(text, t("ไม่มีชื่อเดือน และตัวเลขไม่ครบ วัน/เดือน/ปี",
                                         "no month name, and not all of day/month/year as numbers"))
        if month is None:
            raise DateParseError(text, t("ไม่รู้จักชื่อเดือน “{m}” ({h})", "unknown month “{m}” ({h})",
                                         m=middle.strip(), h=t(*_MONTH_HINT)))
        return _build(text, year_s, month, int(day_s), era)

    raise DateParseError(text, t("ไม่ตรงกับรูปแบบวันที่ที่รับได้", "not a date form nitet reads"))


def parse_date(text: str) -> date:
    """Read a date typed or pasted by a person (forms in the module docstring).

    Raises ``DateParseError`` (a message in the current language) for every text that is not a real date in 1900–2200 CE,
    and nothing else for any ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_date expects str, got {type(text).__name__}")
    s = _normalise(text)
    if not s:
        raise DateParseError(text, t("ไม่ได้ระบุวันที่", "no date given"))
    try:
        return _parse(text, s)
    except DateParseError:
        raise
    except (ValueError, OverflowError) as exc:  # safety net: the contract is DateParseError only
        raise DateParseError(text, t("ไม่ตรงกับรูปแบบวันที่ที่รับได้", "not a date form nitet reads")) from exc
