"""nitet.yaml's academic calendar is checked like a record: a wrong day is an error at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_runner


def _calendar(ws: Path, default: str, years: str = "{}") -> None:
    cfg = ws / "nitet.yaml"
    text = cfg.read_text(encoding="utf-8")
    head, _, rest = text.partition("academic_calendar:")
    tail = rest[rest.index("\n# ") if "\n# " in rest else len(rest):]
    cfg.write_text(f"{head}academic_calendar:\n  default:\n{default}  years: {years}{tail}", encoding="utf-8")


SEM2 = "    - {semester: 2, start: 11-01, end: 04-01}\n"


@pytest.mark.parametrize("start", ["16-05", "02-30", "2026-05-16", "หนึ่ง"])
def test_a_default_day_that_is_not_month_day_is_an_error_at_its_line(ws: Path, start: str) -> None:
    _calendar(ws, f"    - {{semester: 1, start: '{start}', end: 10-11}}\n" + SEM2)
    r = make_runner(ws)("check")
    assert r.exit_code == 1
    lines = r.stdout.split("\n")
    assert lines[0].startswith(f"nitet.yaml:{_line_of(ws, start)}:") and "error[calendar]" in lines[0]
    assert f"'{start}'" in lines[0]
    assert "05-16" in r.stdout  # the hint shows the form


def test_the_default_calendar_and_a_real_override_pass(ws: Path) -> None:
    _calendar(ws, "    - {semester: 1, start: 05-16, end: 10-11}\n" + SEM2,
              "{2569: [{semester: 1, start: 2026-05-18, end: 2026-10-09}, "
              "{semester: 2, start: 2026-11-02, end: 2027-03-31}]}")
    assert make_runner(ws)("check").exit_code == 0


def test_a_year_override_needs_full_dates_and_an_end_after_the_start(ws: Path) -> None:
    _calendar(ws, "    - {semester: 1, start: 05-16, end: 10-11}\n" + SEM2,
              "{2569: [{semester: 1, start: 05-18, end: 2026-10-09}]}")
    r = make_runner(ws)("check")
    assert r.exit_code == 1 and "error[calendar]" in r.stdout and "'05-18'" in r.stdout
    _calendar(ws, "    - {semester: 1, start: 05-16, end: 10-11}\n" + SEM2,
              "{2569: [{semester: 1, start: 2026-10-09, end: 2026-05-18}]}")
    r = make_runner(ws)("check")
    assert r.exit_code == 1 and "ภาคเรียนที่ 1 ปีการศึกษา 2569 สิ้นสุดก่อนเริ่ม" in r.stdout


def _line_of(ws: Path, text: str) -> int:
    lines = (ws / "nitet.yaml").read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if text in line)
