"""Reading what people type about a visit: dates (with the wrong-era guards), kinds, methods,
supervisees and ratings. Each parser returns the value or raises a UsageError whose message says,
in Thai or English, what was wrong and what to type instead.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from nitet.core import thai
from nitet.core.errors import UsageError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded
    from nitet.storage.workspace import Workspace

FUTURE_DAYS = 30  # a visit dated further ahead than this is almost surely a typo (wrong year)
PAST_YEARS = 3  # ... and one further back than this, too (25/11/26 reads as BE 2526)


def parse_day(text: str, option: str) -> date:
    """A date in any SPEC form, or a UsageError (exit 2) carrying the Thai reason."""
    from nitet.core.thai import DateParseError, parse_date

    try:
        return parse_date(text)
    except DateParseError as e:
        raise UsageError(f"{option}: {e.message}" if option else e.message,
                         t("ตรวจวัน เดือน ปี แล้วลองใหม่", "check the day, month and year and try again")) from None


def check_dates(day: date, follow_up: date | None, today: date, force: bool = False) -> None:
    """Refuse a visit far in the future or more than PAST_YEARS back (unless forced: both are
    usually a year typed in the wrong era) and a follow-up before the visit."""
    if day < today - timedelta(days=PAST_YEARS * 365) and not force:
        raise UsageError(
            t("วันที่นิเทศ {d} เก่ากว่า {n} ปี", "the visit date {d} is more than {n} years ago",
              d=thai.format_date(day), n=PAST_YEARS),
            t("ตรวจปีอีกครั้ง: ปีเลข ๒ หลักอ่านเป็น พ.ศ. (26 คือ พ.ศ. 2526) ถ้าหมายถึงปีนี้ให้พิมพ์ {a} หรือ {b} "
              "ถ้าวันที่ถูกต้องจริงให้เพิ่ม --force",
              "check the year: a 2-digit year is BE (26 is BE 2526); for this year type {a} or {b}; "
              "if the date is right, add --force",
              a=f"{day.day}/{day.month}/{(today.year + thai.BE_OFFSET) % 100:02d}",
              b=f"{day.day}/{day.month}/{today.year}"))
    if day > today + timedelta(days=FUTURE_DAYS) and not force:
        raise UsageError(
            t("วันที่นิเทศ {d} อยู่ล่วงหน้าเกิน {n} วัน", "the visit date {d} is more than {n} days ahead",
              d=thai.format_date(day), n=FUTURE_DAYS),
            t("ตรวจปี พ.ศ./ค.ศ. อีกครั้ง ถ้าถูกต้องจริงให้เพิ่ม --force",
              "check the year (BE vs CE); if it is right, add --force"))
    if follow_up is not None and follow_up < day:
        raise UsageError(
            t("วันติดตามผล {f} อยู่ก่อนวันนิเทศ {d}", "the follow-up date {f} is before the visit date {d}",
              f=thai.format_date(follow_up), d=thai.format_date(day)),
            t("วันติดตามผลต้องเป็นวันเดียวกับหรือหลังวันนิเทศ", "follow up on or after the visit date"))


def parse_kind(text: str) -> str:
    """school-based / project-based from the key or its Thai name, long or short
    (นิเทศโดยใช้โครงการเป็นฐาน, โครงการเป็นฐาน, โครงการ)."""
    from nitet.model.visit import KIND_LABELS_TH, KINDS_TH

    s = "".join(text.lower().split())  # spaces never matter: "นิเทศโดยใช้ โครงการเป็นฐาน"
    for key, th in KINDS_TH.items():
        if s in (key, key.split("-")[0], th, th.replace("เป็นฐาน", ""), KIND_LABELS_TH[key]):
            return key
    raise UsageError(t("ไม่รู้จักรูปแบบการนิเทศ '{k}'", "unknown kind of visit '{k}'", k=text),
                     t("ใช้ school-based (นิเทศโดยใช้โรงเรียนเป็นฐาน) หรือ project-based (นิเทศโดยใช้โครงการเป็นฐาน)",
                       "use school-based or project-based"))


def parse_method(text: str) -> str:
    """A method key for a known method named in English or Thai; other text stays as typed."""
    from nitet.model.visit import METHODS_TH

    s = text.strip()
    low = s.lower()
    for key, th in METHODS_TH.items():
        short = th.split(" (")[0]
        if low in (key, key.replace("-", " "), th.lower(), short) or low == th.split("(")[-1].rstrip(")").lower():
            return key
    return s


def method_notes(methods: list[str] | None) -> list[str]:
    """A note for each method that is not one nitet knows (kept as typed: free text is allowed),
    with the known method it most looks like, if any — a typo must not pass unnoticed."""
    from difflib import get_close_matches

    from nitet.model.visit import METHODS_TH

    notes = []
    for m in methods or []:
        if m in METHODS_TH:
            continue
        close = get_close_matches(m.lower(), list(METHODS_TH), n=1, cutoff=0.6)
        notes.append(t("หมายเหตุ: วิธีการนิเทศ '{m}' ไม่อยู่ในรายการที่รู้จัก จึงบันทึกตามที่พิมพ์{s}",
                       "note: method '{m}' is not a known one, so it is stored as typed{s}", m=m,
                       s=t(" (หมายถึง {k} หรือไม่? แก้ด้วย nitet visit edit)", " (did you mean {k}? fix with nitet visit edit)",
                           k=close[0]) if close else ""))
    return notes


def parse_supervisee(text: str) -> dict[str, str]:
    """``"name|position|subject|grade"`` (later parts optional) → a supervisee mapping."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) > 4 or not parts[0]:
        raise UsageError(
            t("ผู้รับการนิเทศ '{s}' ต้องเขียนเป็น ชื่อ|ตำแหน่ง|กลุ่มสาระ|ชั้น", "supervisee '{s}' must be name|position|subject|grade",
              s=text),
            t("เช่น --supervisee \"นางสาวใจดี มีสุข|ครู|ภาษาไทย|ป.1\"", "e.g. --supervisee \"Jai Mee|teacher|Thai|P.1\""))
    return {k: v for k, v in zip(("name", "position", "subject", "grade"), parts, strict=False) if v}


def parse_rating(text: str) -> tuple[str, int]:
    item, sep, score = text.rpartition("=")
    score = thai.to_arabic_digits(score.strip())
    if not sep or not item.strip() or not score.isdigit():
        raise UsageError(t("คะแนน '{r}' ต้องเขียนเป็น รายการ=คะแนน", "rating '{r}' must be ITEM=SCORE", r=text),
                         t("เช่น --rating การวางแผน=4", "e.g. --rating planning=4"))
    return item.strip(), int(score)


def evidence_paths(ws: Workspace, paths: list[str]) -> list[str]:
    """Evidence paths typed for a visit, workspace-relative; a path outside the workspace or through
    a symbolic link is refused (:mod:`nitet.storage.evidence`); a missing file is kept (warned)."""
    from nitet.storage.evidence import evidence_path

    return [evidence_path(ws, p, must_exist=False) for p in paths if p.strip()]


def unknown_notes(ws: Workspace, loaded: Loaded, data: dict[str, Any]) -> list[str]:
    """Warnings about a visit about to be saved: a project nitet does not know, evidence not found."""
    from nitet.domain.visits import known_projects

    notes = []
    if data.get("project") and data["project"] not in known_projects(loaded):
        notes.append(t("คำเตือน: ไม่รู้จักโครงการ '{p}' (บันทึกตามที่พิมพ์) — เพิ่มใน projects ของ nitet.yaml ถ้าเป็นโครงการใหม่",
                       "warning: unknown project '{p}' (saved as typed) — add it to projects in nitet.yaml if it is new",
                       p=data["project"]))
    for p in data.get("evidence") or []:
        if not (ws.root / p).exists():
            notes.append(t("คำเตือน: ไม่พบไฟล์หลักฐาน {p} (บันทึกชื่อไว้ตามที่พิมพ์)",
                           "warning: evidence file {p} not found (saved as typed)", p=p))
    return notes
