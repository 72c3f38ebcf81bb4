"""Screening report figures when a pupil assessed in some aspects was left blank in one.

docs/imports.md: a blank aspect of an assessed pupil is not counted in that aspect, so each aspect's
percents use the pupils with a level in it (the sum of its level counts) as the base, not ``assessed``.
QA case: 9 pupils assessed, one left เขียนเรื่อง blank → เขียนเรื่อง ดีมาก/ดี/พอใช้/ปรับปรุง = 0/2/2/4 (8).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from conftest import make_runner
from nitet.reports import screening
from nitet.storage.loader import load
from nitet.storage.workspace import open_workspace

SCHOOL = "1063020131"
FULL = "{excellent: 1, good: 2, fair: 3, improve: 3}"      # 9 pupils


def _school(ws: Path, code: str, name: str) -> None:
    (ws / f"records/schools/{code}.yaml").write_text(f"code: '{code}'\nname: {name}\n", encoding="utf-8")


def _record(ws: Path, school: str, semester: int, write_story: str | None, assessed: int = 9) -> None:
    folder = ws / "records/screenings/2569"
    folder.mkdir(parents=True, exist_ok=True)
    story = f"write_story: {write_story}\n" if write_story else ""
    (folder / f"{school}-2569-{semester}-p1.yaml").write_text(
        f"school: '{school}'\nacademic_year: 2569\nsemester: {semester}\ngrade: 1\nassessed: {assessed}\n"
        f"read_aloud: {FULL}\nread_comprehension: {FULL}\nwrite_words: {FULL}\n{story}", encoding="utf-8")


def qa_workspace(ws: Path) -> Path:
    """Semester 1: all 9 pupils have a เขียนเรื่อง level (0/0/4/5); semester 2: one left blank (0/2/2/4)."""
    _school(ws, SCHOOL, "โรงเรียนบ้านห้วยนกแล")
    _record(ws, SCHOOL, 1, "{excellent: 0, good: 0, fair: 4, improve: 5}")
    _record(ws, SCHOOL, 2, "{excellent: 0, good: 2, fair: 2, improve: 4}")
    return ws


def test_blank_aspect_is_left_out_of_that_aspects_base(ws: Path) -> None:
    rep = screening.build(load(open_workspace(qa_workspace(ws))), 2569, today=date(2026, 1, 10))
    story = rep.blocks[0].aspects[3]
    assert story.aspect_th == "เขียนเรื่อง"
    s2 = story.by_semester[2]
    assert (s2.pupils, s2.assessed, s2.blank) == (9, 8, 1)
    # 0/8, 2/8, 2/8, 4/8 — not 2/9 = 22.22 as before
    assert [s2.percent(lv) for lv in ("excellent", "good", "fair", "improve")] == [0.0, 25.0, 25.0, 50.0]
    assert s2.good_share == 25.0 and story.change == 25.0
    assert sum(s2.percent(lv) or 0 for lv in s2.counts) == 100.0
    # the other aspects, and semester 1, keep all 9
    assert story.by_semester[1].assessed == 9 and rep.blocks[0].aspects[0].by_semester[2].assessed == 9
    [gap] = rep.gaps(rep.blocks[0].aspects)
    assert (gap.aspect_th, gap.semester, gap.pupils, gap.assessed, gap.blank) == ("เขียนเรื่อง", 2, 9, 8, 1)


def test_markdown_row_and_note(ws: Path) -> None:
    r = make_runner(qa_workspace(ws))("report", "screening", "--academic-year", "2569")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "|  | ๒ | ๘ | ๐ (๐.๐๐) | ๒ (๒๕.๐๐) | ๒ (๒๕.๐๐) | ๔ (๕๐.๐๐) | ๒๕.๐๐ | +๒๕.๐๐ |" in lines
    assert "| เขียนเรื่อง | ๑ | ๙ | ๐ (๐.๐๐) | ๐ (๐.๐๐) | ๔ (๔๔.๔๔) | ๕ (๕๕.๕๖) | ๐.๐๐ |  |" in lines
    note = "- เขียนเรื่อง ภาคเรียนที่ ๒: ได้รับการคัดกรอง ๙ คน มีผลด้านนี้ ๘ คน (เว้นว่าง ๑ คน)"
    assert lines.count(note) == 2  # under the school's table and under the all-schools table


def test_aspect_not_screened_by_one_school_in_the_totals(ws: Path) -> None:
    qa_workspace(ws)
    _school(ws, "1063020132", "โรงเรียนบ้านพบพระ")
    _record(ws, "1063020132", 2, None, assessed=9)  # no เขียนเรื่อง at all: that school did not screen it
    r = make_runner(ws)("report", "screening", "--academic-year", "2569", "--semester", "2")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "| เขียนเรื่อง | ๒ | ๐ | ๐ (-) | ๐ (-) | ๐ (-) | ๐ (-) | - |" in lines
    assert "- เขียนเรื่อง ภาคเรียนที่ ๒: ได้รับการคัดกรอง ๙ คน ไม่มีผลด้านนี้เลย (ถือว่าไม่ได้คัดกรองด้านนี้)" in lines
    # all schools: 8 of 18 pupils have a เขียนเรื่อง level; the percents are of those 8
    assert "| เขียนเรื่อง | ๒ | ๘ | ๐ (๐.๐๐) | ๒ (๒๕.๐๐) | ๒ (๒๕.๐๐) | ๔ (๕๐.๐๐) | ๒๕.๐๐ |" in lines
    assert "- เขียนเรื่อง ภาคเรียนที่ ๒: ได้รับการคัดกรอง ๑๘ คน มีผลด้านนี้ ๘ คน (เว้นว่าง ๑๐ คน)" in lines


def test_excel_uses_the_same_base_and_note(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    r = make_runner(qa_workspace(ws))("report", "screening", "--academic-year", "2569", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    rows = [list(x) for x in openpyxl.load_workbook(out)["ผลการคัดกรอง"].iter_rows(min_row=6, values_only=True)]
    row = next(x for x in rows if x[:4] == ["โรงเรียนบ้านห้วยนกแล", "ป.๑", "เขียนเรื่อง", 2])
    assert row[4:] == [8, 0, 0, 2, 0.25, 2, 0.25, 4, 0.5, 0.25, 25]
    notes = [x[0] for x in rows if x[0] and x[0].startswith(("หมายเหตุ", "- "))]
    assert notes[1:] == ["- โรงเรียนบ้านห้วยนกแล ป.๑ เขียนเรื่อง ภาคเรียนที่ ๒: ได้รับการคัดกรอง ๙ คน มีผลด้านนี้ ๘ คน "
                         "(เว้นว่าง ๑ คน)",
                         "- รวมทุกโรงเรียน ป.๑ เขียนเรื่อง ภาคเรียนที่ ๒: ได้รับการคัดกรอง ๙ คน มีผลด้านนี้ ๘ คน "
                         "(เว้นว่าง ๑ คน)"]


@pytest.mark.parametrize("blank", ["", " "])
def test_imported_sheet_with_a_blank_aspect_end_to_end(ws: Path, tmp_path: Path, blank: str) -> None:
    """The QA sheet itself: stored counts are right (assessed 9, เขียนเรื่อง 8) and so is the report."""
    _school(ws, SCHOOL, "โรงเรียนบ้านห้วยนกแล")
    story = ["ดี", "ดี", "พอใช้", "พอใช้", "ปรับปรุง", "ปรับปรุง", "ปรับปรุง", "ปรับปรุง", blank]
    rows = [["โรงเรียน", "ปีการศึกษา", "ภาคเรียน", "ชั้น", "ที่", "อ่านออกเสียง", "อ่านรู้เรื่อง", "เขียนคำ", "เขียนเรื่อง"]]
    rows += [[SCHOOL, "2569", "2", "ป.1", str(n), "ดี", "ดี", "ดี", s] for n, s in enumerate(story, start=1)]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (tmp_path / "s.csv").write_text(buf.getvalue(), encoding="utf-8")
    run = make_runner(ws)
    assert run("import", "screening", str(tmp_path / "s.csv")).exit_code == 0
    rec = (ws / "records/screenings/2569" / f"{SCHOOL}-2569-2-p1.yaml").read_text(encoding="utf-8")
    assert "assessed: 9" in rec
    r = run("report", "screening", "--academic-year", "2569")
    assert "| เขียนเรื่อง | ๒ | ๘ | ๐ (๐.๐๐) | ๒ (๒๕.๐๐) | ๒ (๒๕.๐๐) | ๔ (๕๐.๐๐) | ๒๕.๐๐ |" in r.stdout.splitlines()
    assert "| อ่านออกเสียง | ๒ | ๙ | ๐ (๐.๐๐) | ๙ (๑๐๐.๐๐) | ๐ (๐.๐๐) | ๐ (๐.๐๐) | ๑๐๐.๐๐ |" in r.stdout.splitlines()
