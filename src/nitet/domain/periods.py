"""Which fiscal year (and quarter) a report or a list is about when the person does not say.

Every report and list defaults to the current fiscal year, and the KRS report to the quarter whose
report is due next (the previous quarter's during the first ``krs_due_days`` of a quarter); each
choice comes with a sentence saying what was chosen and why (the command prints it on stderr),
so that on 1 October nobody reports the old year by surprise. Library code: values only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from nitet.core import thai
from nitet.core.i18n import t


@dataclass(frozen=True)
class Chosen:
    fy: int
    quarter: int | None
    note: str | None      # what was chosen and why, when something was not given; None when all was


def _span(fy: int, quarter: int | None) -> str:
    start, end = thai.fiscal_period(fy, quarter)
    return f"{thai.format_date(start)} – {thai.format_date(end)}"


def fiscal_year(fy: int | None, quarter: int | None, today: date) -> Chosen:
    """A list or the visits report: the current fiscal year unless given (a quarter stays as given)."""
    if fy is not None:
        return Chosen(fy, quarter, None)
    fy = thai.fiscal_year(today)
    what = (t("ปีงบประมาณ {y} ไตรมาสที่ {q}", "fiscal year {y}, quarter {q}", y=fy, q=quarter) if quarter
            else t("ปีงบประมาณ {y}", "fiscal year {y}", y=fy))
    return Chosen(fy, quarter, t("{w} ({s}) — ปีงบประมาณปัจจุบัน; ปีอื่นระบุด้วย --fy",
                                 "{w} ({s}) — the current fiscal year; another with --fy",
                                 w=what, s=_span(fy, quarter)))


def krs_quarter(fy: int | None, quarter: int | None, today: date, due_days: int) -> Chosen:
    """The KRS report's fiscal year and quarter: the report due next unless given."""
    from nitet.domain.todo import krs_due

    if fy is not None and quarter is not None:
        return Chosen(fy, quarter, None)
    current = thai.fiscal_year(today)
    due = krs_due(today, due_days)
    if fy is None and quarter is None:
        fy, quarter = due.fiscal_year, due.quarter
        why = t("รายงานที่ต้องส่งถัดไป (ภายใน {d})", "the report due next (by {d})", d=thai.format_date(due.due))
    elif fy is None:
        fy = current
        why = t("ปีงบประมาณปัจจุบัน", "the current fiscal year")
    elif fy == due.fiscal_year:
        quarter = due.quarter
        why = t("รายงานที่ต้องส่งถัดไป (ภายใน {d})", "the report due next (by {d})", d=thai.format_date(due.due))
    elif fy < current:
        quarter = 4
        why = t("ปีงบประมาณที่ผ่านไปแล้ว: ไตรมาสสุดท้าย", "a past fiscal year: its last quarter")
    else:
        quarter = 1 if fy > current else thai.fiscal_quarter(today)
        why = t("ไตรมาสแรกของปีงบประมาณ", "the fiscal year's first quarter")
    assert quarter is not None
    return Chosen(fy, quarter, t("ปีงบประมาณ {y} ไตรมาสที่ {q} ({s}): {w} — ระบุเองด้วย --fy และ --quarter",
                                 "fiscal year {y}, quarter {q} ({s}): {w} — choose with --fy and --quarter",
                                 y=fy, q=quarter, s=_span(fy, quarter), w=why))


def academic_year(year: int | None, today: date, calendar: dict[str, Any]) -> tuple[int, str | None]:
    """The screening report's academic year: the one of the semester in progress (or just ended)."""
    from nitet.domain.todo import screening_semester

    if year is not None:
        return year, None
    try:
        sem = screening_semester(today, calendar)
    except ValueError:
        sem = None
    chosen = sem[0] if sem else thai.academic_year(today)
    return chosen, t("ปีการศึกษา {y} — ปีการศึกษาปัจจุบัน; ปีอื่นระบุด้วย --academic-year",
                     "academic year {y} — the current one; another with --academic-year", y=chosen)
