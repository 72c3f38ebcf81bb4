"""The reading and writing screening report (รายงานผลการคัดกรองการอ่านการเขียน).

Per school, grade and aspect: the pupils at each level (ดีมาก ดี พอใช้ ปรับปรุง), each as a percent
of the pupils with a level in that aspect, and the share at ดีมาก+ดี; when both semesters exist, the
change from semester 1 to semester 2 (percentage points). A pupil assessed but left blank in one
aspect is not counted in that aspect (docs/imports.md), so each aspect's base is the sum of its level
counts (``LevelCounts.assessed``), not the record's ``assessed`` (``LevelCounts.pupils``); where the
two differ the report says so in a note (``ScreeningReport.gaps``). An aspect with no pupil at any
level was not screened: its percents are left empty rather than shown as 0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nitet.model.screening import ASPECTS, ASPECTS_TH, LEVELS, LEVELS_TH
from nitet.reports.document import Signer
from nitet.reports.sources import Sources, as_sources, thai_sorted


@dataclass
class LevelCounts:
    pupils: int                        # pupils assessed in any aspect (the records' ``assessed``)
    counts: dict[str, int]             # level -> pupils

    @property
    def assessed(self) -> int:
        """Pupils with a level in this aspect: the คัดกรอง figure and the base of its percents."""
        return sum(self.counts.values())

    @property
    def blank(self) -> int:
        """Pupils assessed in other aspects but without a level in this one (not counted in it)."""
        return max(self.pupils - self.assessed, 0)

    @property
    def screened(self) -> bool:
        return self.assessed > 0

    def percent(self, level: str) -> float | None:
        return self.counts[level] / self.assessed * 100 if self.screened else None

    @property
    def good_share(self) -> float | None:
        """Percent of pupils at ดีมาก or ดี, of those with a level in this aspect."""
        if not self.screened:
            return None
        return (self.counts["excellent"] + self.counts["good"]) / self.assessed * 100

    def add(self, other: LevelCounts) -> LevelCounts:
        return LevelCounts(self.pupils + other.pupils,
                           {lv: self.counts[lv] + other.counts[lv] for lv in LEVELS})


@dataclass
class AspectRow:
    aspect: str
    aspect_th: str
    by_semester: dict[int, LevelCounts]

    @property
    def change(self) -> float | None:
        """Semester 2 minus semester 1 share at ดีมาก+ดี, in percentage points."""
        a, b = self.by_semester.get(1), self.by_semester.get(2)
        if a is None or b is None or a.good_share is None or b.good_share is None:
            return None
        return b.good_share - a.good_share


@dataclass
class Gap:
    """An aspect row whose level counts cover fewer pupils than were assessed."""
    aspect_th: str
    semester: int
    pupils: int                        # assessed in any aspect
    assessed: int                      # with a level in this aspect

    @property
    def blank(self) -> int:
        return self.pupils - self.assessed


@dataclass
class GradeBlock:
    school: str
    school_name: str
    grade: int
    aspects: list[AspectRow]


@dataclass
class ScreeningReport:
    title: str
    office: str
    academic_year: int
    semester: int | None
    semesters: list[int]               # the semesters shown (1, 2 or both)
    report_date: date
    thai_digits: bool
    reporter: str | None = None
    reporter_position: str | None = None
    levels: list[tuple[str, str]] = field(default_factory=lambda: [(lv, LEVELS_TH[lv]) for lv in LEVELS])
    blocks: list[GradeBlock] = field(default_factory=list)
    totals: list[tuple[int, list[AspectRow]]] = field(default_factory=list)   # per grade, all schools
    skipped_files: int = 0
    revision: str | None = None  # the records' git revision (nitet.storage.revision.text), None outside git

    @property
    def empty(self) -> bool:
        return not self.blocks

    @property
    def signer(self) -> Signer:
        return Signer(self.reporter, self.reporter_position, self.report_date)

    @property
    def compare(self) -> bool:
        return self.semesters == [1, 2]

    @staticmethod
    def gaps(rows: list[AspectRow]) -> list[Gap]:
        """The rows of a table where some assessed pupils have no level in the aspect, in table order."""
        return [Gap(row.aspect_th, sem, c.pupils, c.assessed)
                for row in rows for sem, c in row.by_semester.items() if c.blank]


def _counts(data: dict[str, Any], aspect: str) -> LevelCounts:
    levels = data.get(aspect) or {}
    return LevelCounts(int(data["assessed"]), {lv: int(levels.get(lv, 0)) for lv in LEVELS})


def build(data: Any, academic_year: int, semester: int | None = None, *, today: date | None = None) -> ScreeningReport:
    src: Sources = as_sources(data)
    ws = src.ws
    cells: dict[tuple[str, int], dict[str, dict[int, LevelCounts]]] = defaultdict(lambda: defaultdict(dict))
    for _, e in src.entries("screening"):
        d = e.data
        if d["academic_year"] != academic_year or (semester is not None and d["semester"] != semester):
            continue
        for aspect in ASPECTS:
            have = cells[(d["school"], d["grade"])][aspect]
            new = _counts(d, aspect)
            have[d["semester"]] = have[d["semester"]].add(new) if d["semester"] in have else new
    semesters = sorted({s for per in cells.values() for a in per.values() for s in a})
    name = src.reporter()
    position = src.reporter_position(name)
    report = ScreeningReport(
        title="รายงานผลการคัดกรองความสามารถด้านการอ่านการเขียน", office=ws.config.office,
        academic_year=academic_year, semester=semester, semesters=semesters,
        report_date=today or date.today(), thai_digits=ws.thai_digits, reporter=name, reporter_position=position,
        skipped_files=src.problem_files())
    for (school, grade), per in cells.items():
        rows = [AspectRow(a, ASPECTS_TH[a], dict(sorted(per[a].items()))) for a in ASPECTS]
        report.blocks.append(GradeBlock(school, src.school_name(school), grade, rows))
    report.blocks = thai_sorted(report.blocks, key=lambda b: b.school_name)
    report.blocks.sort(key=lambda b: b.grade)  # stable: schools stay in Thai order inside a grade
    for grade in sorted({b.grade for b in report.blocks}):
        rows = []
        for i, a in enumerate(ASPECTS):
            summed: dict[int, LevelCounts] = {}
            for b in report.blocks:
                if b.grade != grade:
                    continue
                for s, c in b.aspects[i].by_semester.items():
                    summed[s] = summed[s].add(c) if s in summed else c
            rows.append(AspectRow(a, ASPECTS_TH[a], dict(sorted(summed.items()))))
        report.totals.append((grade, rows))
    return report
