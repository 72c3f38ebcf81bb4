"""Cell values: every form a school types a number, a code, a date, a grade or a level in."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nitet.core.thai import MONTHS_ABBR, MONTHS_FULL, to_thai_digits
from nitet.imports import values
from nitet.imports.readers import decode_csv
from nitet.imports.screening import level

ZW = st.sampled_from(["", "\u200b", "\u200c", "\ufeff", " ", "\xa0"])


@given(st.integers(0, 10**9), ZW, ZW)
def test_numbers_in_every_form(n: int, before: str, after: str) -> None:
    for form in (n, float(n), str(n), f"{n:,}", to_thai_digits(f"{n:,}"), f"{n}.0", f"{before}{n:,}{after}"):
        assert values.number(form) == n


@pytest.mark.parametrize("bad", ["12.5", "1,23", "abc", "๑๒ คน", True])
def test_numbers_refused(bad: object) -> None:
    with pytest.raises(values.CellError):
        values.number(bad, field="จำนวนนักเรียน")


@given(st.integers(10**9, 10**10 - 1), st.lists(st.integers(0, 9), max_size=3), ZW)
def test_codes_as_numbers_text_spaces_thai_digits(n: int, cuts: list[int], zw: str) -> None:
    s = str(n)
    spaced = s
    for c in sorted(set(cuts), reverse=True):
        spaced = spaced[:c] + " " + spaced[c:]
    for form in (n, float(n), f"{n}.0", f" {spaced} ", to_thai_digits(s), zw + s + zw, f"{float(n)}"):
        assert values.code(form) == s


def test_code_in_scientific_notation_is_refused() -> None:
    with pytest.raises(values.CellError, match="เลขยกกำลัง"):
        values.code("1.06302E+09")


@given(st.dates(dt.date(1950, 1, 1), dt.date(2150, 12, 31)))
def test_every_date_form(d: dt.date) -> None:
    be = d.year + 543
    forms: list[object] = [
        d.isoformat(), f"{be}-{d.month:02d}-{d.day:02d}", f"{d.day}/{d.month}/{be}", f"{d.day}/{d.month}/{d.year}",
        f"{d.day} {MONTHS_ABBR[d.month - 1]} {be}", to_thai_digits(f"{d.day} {MONTHS_FULL[d.month - 1]} {be}"),
        f"\u200b {d.day}/{d.month:02d}/{be} ", dt.datetime(d.year, d.month, d.day), d,
        (d - dt.date(1899, 12, 30)).days, str((d - dt.date(1899, 12, 30)).days),
    ]
    if 2500 <= be <= 2599:  # a two-digit year is a BE year 25xx
        forms.append(f"{d.day} {MONTHS_ABBR[d.month - 1]} {be % 100:02d}")
    with contextlib.suppress(ValueError):  # Excel keeps the typed year: 25/11/2569 is a date in 2569
        forms.append(dt.datetime(be, d.month, d.day))
    for form in forms:
        assert values.a_date(form) == d, form


def test_a_be_leap_day_that_does_not_exist() -> None:
    with pytest.raises(values.CellError):
        values.a_date(dt.date(2568, 2, 29))  # 2568 is a leap year in CE, but 2568 BE = 2025 CE is not


@pytest.mark.parametrize("bad", ["31/11/2569", "25/13/2569", "พรุ่งนี้", "11/25/2026"])
def test_dates_refused_with_a_thai_reason(bad: str) -> None:
    with pytest.raises(values.CellError) as e:
        values.a_date(bad, field="วันที่นิเทศ")
    assert str(e.value).startswith("วันที่นิเทศ: อ่านวันที่")


def test_text_trims_and_drops_zero_width_spaces() -> None:
    assert values.text("  โรงเรียน\u200bบ้าน\u00a0แม่ละเมา \r\n ข้อ ๒  ") == "โรงเรียนบ้าน แม่ละเมา\nข้อ ๒"
    assert values.text("\u200b \ufeff") is None
    assert values.one_line(" ครู\nหนึ่ง  สอง ") == "ครู หนึ่ง สอง"


@pytest.mark.parametrize(("form", "grade"), [("ป.1", 1), ("ป. ๒", 2), ("ประถมศึกษาปีที่ 3", 3), ("4", 4),
                                             (5.0, 5), ("ชั้นประถมศึกษาปีที่ ๖", 6), ("P.1", 1)])
def test_grades(form: object, grade: int) -> None:
    assert values.grade(form) == grade


@pytest.mark.parametrize("bad", ["ม.1", "ป.7", "อนุบาล"])
def test_grades_refused(bad: str) -> None:
    with pytest.raises(values.CellError):
        values.grade(bad)


@pytest.mark.parametrize(("form", "expected"), [
    ("ดีมาก", "excellent"), (" ดี ", "good"), ("พอใช้", "fair"), ("ปรับปรุง", "improve"), ("ควรปรับปรุง", "improve"),
    (4, "excellent"), ("๓", "good"), (2.0, "fair"), ("1", "improve"), (None, None), ("-", None)])
def test_levels(form: object, expected: str | None) -> None:
    assert level(form) == expected


def test_academic_year_ce_becomes_be() -> None:
    assert values.academic_year("๒๕๖๙") == 2569
    assert values.academic_year(2026) == 2569


def test_a_ce_academic_year_typed_as_an_option_is_refused(ws: Path) -> None:
    from conftest import make_runner

    r = make_runner(ws)("import", "screening", "--academic-year", "2026", "--semester", "1", "--grade", "1",
                        "--school", "1063020130", str(ws / "nitet.yaml"), "--dry-run")
    assert r.exit_code == 2
    assert "ปีการศึกษาต้องเป็นปี พ.ศ. (ได้ 2026 ซึ่งเป็นปี ค.ศ.: ใช้ 2569)" in r.stderr
    assert values.academic_year("2569", ce_ok=False) == 2569


@given(st.text(st.sampled_from(list("กขคงจฉชซโรงเรียนบ้าน “”…–abc,;\n0123456789")), max_size=40))
def test_utf8_with_and_without_bom(text: str) -> None:
    assert decode_csv(text.encode("utf-8")) == (text, "utf-8")
    assert decode_csv(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")


@pytest.mark.parametrize("text", [
    "รหัสโรงเรียน,ชื่อโรงเรียน\n1063020130,โรงเรียนบ้าน “แม่ละเมา” …\n",
    "ยก", "เกก", "ชื่อ,ยก\n", "ที่,ชื่อ - สกุล,อ่านออกเสียง\n1,เด็กชายสมชาย ใจดี,ดีมาก\n"])
def test_windows_thai_cp874(text: str) -> None:
    assert decode_csv(text.encode("cp874")) == (text, "cp874")
