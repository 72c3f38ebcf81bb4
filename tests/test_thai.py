"""Tests for nitet.core.thai: BE years, fiscal/academic periods, Thai digits, formatting, parse_date."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nitet.core.thai import (
    DEFAULT_CALENDAR,
    MONTHS_ABBR,
    MONTHS_FULL,
    THAI_DIGITS,
    DateParseError,
    SemesterRange,
    academic_year,
    be_year,
    ce_year,
    digits,
    fiscal_period,
    fiscal_quarter,
    fiscal_year,
    fiscal_year_range,
    format_date,
    format_quarter_heading,
    parse_date,
    quarter_range,
    semester_of,
    semester_ranges,
    to_arabic_digits,
    to_thai_digits,
)

TARGET = date(2026, 11, 25)
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))

# --- digits and constants ---------------------------------------------------------------------


def test_digit_conversion() -> None:
    assert THAI_DIGITS == "๐๑๒๓๔๕๖๗๘๙"
    assert to_thai_digits("2569") == "๒๕๖๙"
    assert to_thai_digits(2569) == "๒๕๖๙"
    assert to_thai_digits(3.5) == "๓.๕"
    assert to_thai_digits("ข้อ 10 ได้ 9/10") == "ข้อ ๑๐ ได้ ๙/๑๐"
    assert to_arabic_digits("๒๕") == "25"
    assert to_arabic_digits("ปี ๒๕๖๙ ข้อ 3") == "ปี 2569 ข้อ 3"
    assert digits(2569, thai=True) == "๒๕๖๙"
    assert digits("๒๕๖๙", thai=False) == "2569"
    assert digits(12, thai=False) == "12"


@given(st.text())
def test_digit_round_trip(s: str) -> None:
    assert to_arabic_digits(to_thai_digits(s)) == to_arabic_digits(s)


def test_month_tables() -> None:
    assert len(MONTHS_FULL) == len(MONTHS_ABBR) == 12
    assert MONTHS_FULL[0] == "มกราคม" and MONTHS_FULL[10] == "พฤศจิกายน"
    assert MONTHS_FULL[11] == "ธันวาคม"
    assert " ".join(MONTHS_ABBR) == ("ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.")


def test_be_ce() -> None:
    assert be_year(2026) == 2569
    assert ce_year(2569) == 2026


# --- fiscal year ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "fy", "q"),
    [
        (date(2025, 9, 30), 2568, 4),
        (date(2025, 10, 1), 2569, 1),
        (date(2025, 12, 31), 2569, 1),
        (date(2026, 1, 1), 2569, 2),
        (date(2026, 3, 31), 2569, 2),
        (date(2026, 4, 1), 2569, 3),
        (date(2026, 6, 30), 2569, 3),
        (date(2026, 7, 1), 2569, 4),
        (date(2026, 9, 30), 2569, 4),
    ],
)
def test_fiscal_boundaries(d: date, fy: int, q: int) -> None:
    assert fiscal_year(d) == fy
    assert fiscal_quarter(d) == q


def test_fiscal_ranges() -> None:
    assert fiscal_year_range(2569) == (date(2025, 10, 1), date(2026, 9, 30))
    assert quarter_range(2569, 1) == (date(2025, 10, 1), date(2025, 12, 31))
    assert quarter_range(2569, 2) == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_range(2569, 3) == (date(2026, 4, 1), date(2026, 6, 30))
    assert quarter_range(2569, 4) == (date(2026, 7, 1), date(2026, 9, 30))
    assert fiscal_period(2569) == (date(2025, 10, 1), date(2026, 9, 30))
    assert fiscal_period(2569, 2) == (date(2026, 1, 1), date(2026, 3, 31))
    assert fiscal_period(2569, 3, cumulative=True) == (date(2025, 10, 1), date(2026, 6, 30))
    assert fiscal_period(2569, None, cumulative=True) == (date(2025, 10, 1), date(2026, 9, 30))


@pytest.mark.parametrize("q", [0, 5, -1, True])
def test_quarter_range_rejects_bad_quarter(q: int) -> None:
    with pytest.raises(ValueError, match="1–4"):
        quarter_range(2569, q)


@given(dates)
def test_date_within_its_quarter(d: date) -> None:
    start, end = quarter_range(fiscal_year(d), fiscal_quarter(d))
    assert start <= d <= end
    fy_start, fy_end = fiscal_year_range(fiscal_year(d))
    assert fy_start <= d <= fy_end


@given(st.integers(min_value=2450, max_value=2700))
def test_quarters_contiguous_and_cover_year(fy: int) -> None:
    ranges = [quarter_range(fy, q) for q in (1, 2, 3, 4)]
    fy_start, fy_end = fiscal_year_range(fy)
    assert ranges[0][0] == fy_start
    assert ranges[3][1] == fy_end
    for (_, end), (next_start, _) in zip(ranges, ranges[1:], strict=False):
        assert next_start == end + timedelta(days=1)
    assert fiscal_year_range(fy + 1)[0] == fy_end + timedelta(days=1)


# --- academic year and semesters --------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "ay"),
    [
        (date(2026, 1, 15), 2568),
        (date(2026, 4, 30), 2568),
        (date(2026, 5, 1), 2569),
        (date(2026, 12, 31), 2569),
    ],
)
def test_academic_year(d: date, ay: int) -> None:
    assert academic_year(d) == ay


def test_default_semester_ranges() -> None:
    assert semester_ranges(2569) == [
        SemesterRange(1, date(2026, 5, 16), date(2026, 10, 11)),
        SemesterRange(2, date(2026, 11, 1), date(2027, 4, 1)),
    ]
    assert semester_ranges(2569, DEFAULT_CALENDAR) == semester_ranges(2569)


CAL_2563 = {
    "default": [
        {"semester": 1, "start": "05-16", "end": "10-11"},
        {"semester": 2, "start": "11-01", "end": "04-01"},
    ],
    "years": {
        2563: [
            {"semester": 1, "start": "2020-07-01", "end": "2020-11-20"},
            {"semester": 2, "start": date(2020, 12, 1), "end": "2564-04-09"},
        ]
    },
}


def test_semester_ranges_year_override() -> None:
    assert semester_ranges(2563, CAL_2563) == [
        SemesterRange(1, date(2020, 7, 1), date(2020, 11, 20)),
        SemesterRange(2, date(2020, 12, 1), date(2021, 4, 9)),
    ]
    assert semester_ranges(2564, CAL_2563)[0] == SemesterRange(
        1, date(2021, 5, 16), date(2021, 10, 11)
    )
    as_text_key = {**CAL_2563, "years": {"2563": CAL_2563["years"][2563]}}  # type: ignore[index]
    assert semester_ranges(2563, as_text_key)[0].start == date(2020, 7, 1)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 5, 15), None),
        (date(2026, 5, 16), (2569, 1)),
        (date(2026, 10, 11), (2569, 1)),
        (date(2026, 10, 20), None),
        (date(2026, 11, 1), (2569, 2)),
        (date(2027, 2, 10), (2569, 2)),
        (date(2027, 4, 1), (2569, 2)),
        (date(2027, 4, 2), None),
    ],
)
def test_semester_of_default(d: date, expected: tuple[int, int] | None) -> None:
    assert semester_of(d) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2020, 5, 20), None),  # the default would say (2563, 1); 2563 started in July
        (date(2020, 7, 1), (2563, 1)),
        (date(2020, 11, 25), None),
        (date(2021, 4, 5), (2563, 2)),  # past the default 04-01
        (date(2020, 2, 1), (2562, 2)),  # 2562 still uses the default
    ],
)
def test_semester_of_override(d: date, expected: tuple[int, int] | None) -> None:
    assert semester_of(d, CAL_2563) == expected


def test_semester_calendar_errors() -> None:
    with pytest.raises(ValueError, match="เดือน-วัน"):
        semester_ranges(2569, {"default": [{"semester": 1, "start": "13-01", "end": "10-11"}]})
    with pytest.raises(ValueError, match="semester, start และ end"):
        semester_ranges(2569, {"default": [{"semester": 1, "start": "05-16"}]})


# --- formatting -------------------------------------------------------------------------------


def test_format_date_styles() -> None:
    assert format_date(TARGET) == "25 พ.ย. 2569"
    assert format_date(TARGET, "full") == "25 พฤศจิกายน 2569"
    assert format_date(TARGET, "short2") == "25 พ.ย. 69"
    assert format_date(TARGET, "full", thai_digits=True) == "๒๕ พฤศจิกายน ๒๕๖๙"
    assert format_date(date(2043, 1, 5), "short2") == "5 ม.ค. 86"
    assert format_date(date(2057, 1, 5), "short2") == "5 ม.ค. 00"
    with pytest.raises(ValueError):
        format_date(TARGET, "long")


def test_format_quarter_heading() -> None:
    assert format_quarter_heading(2569, 1) == "ไตรมาสที่ ๑ (๑ ต.ค. ๒๕๖๘ – ๓๑ ธ.ค. ๒๕๖๘)"
    assert format_quarter_heading(2569, 4, thai_digits=False) == (
        "ไตรมาสที่ 4 (1 ก.ค. 2569 – 30 ก.ย. 2569)"
    )


@settings(max_examples=200)
@given(dates, st.sampled_from(["short", "full"]), st.booleans())
def test_format_parse_round_trip(d: date, style: str, thai: bool) -> None:
    assert parse_date(format_date(d, style, thai_digits=thai)) == d


# short2 keeps only two BE digits, which parse as 25xx BE: 2500–2599 BE = 1957–2056 CE.
@given(st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31)), st.booleans())
def test_format_parse_round_trip_short2(d: date, thai: bool) -> None:
    assert parse_date(format_date(d, "short2", thai_digits=thai)) == d


# --- parsing ----------------------------------------------------------------------------------

SPEC_FORMS = [
    "2026-11-25",
    "2569-11-25",
    "25/11/2569",
    "25/11/2026",
    "25 พ.ย. 2569",
    "25 พ.ย. 69",
    "๒๕ พฤศจิกายน ๒๕๖๙",
]
MORE_FORMS = [
    "25-11-2569",
    "25.11.2569",
    "25/11/69",
    "25 พย 2569",
    "25 พ.ย 2569",
    "25 พฤศจิกายน 2569",
    "25 พฤศจิกายน 2026",
    "25 พ.ย. พ.ศ. 2569",
    "25 พฤศจิกายน พ.ศ. ๒๕๖๙",
    "25 พ.ย. ค.ศ. 2026",
    "วันที่ ๒๕ เดือนพฤศจิกายน พ.ศ. ๒๕๖๙",
    "25พ.ย.2569",
    "25 พฤศจิกา 69",
    "๒๕/๑๑/๒๕๖๙",
    "2569-๑๑-25",
    "  25/11/2569\n",
    "\u200b25 พ.ย. 2569\ufeff",
    "\ufeff2026-11-25",
    "25\u00a0พ.ย.\u00a02569",
    "2026/11/25",
    "2026-11-25T00:00:00",
    "2026-11-25 10:30",
    "25/11/2569 0:00",
    "２５/１１/２５６９",  # full-width digits
]


@pytest.mark.parametrize("text", SPEC_FORMS + MORE_FORMS)
def test_parse_accepted_forms(text: str) -> None:
    assert parse_date(text) == TARGET


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/2/2569", date(2026, 2, 1)),  # day first, always
        ("15 กรกฏาคม 2569", date(2026, 7, 15)),  # common misspelling
        ("29 ก.พ. 2567", date(2024, 2, 29)),
        ("01/01/00", date(1957, 1, 1)),  # 2-digit numeric year is short BE
        ("31 ธ.ค. 99", date(2056, 12, 31)),
        ("1 ม.ค. 2443", date(1900, 1, 1)),
        ("31 ธ.ค. 2200", date(2200, 12, 31)),
    ],
)
def test_parse_year_rules(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("31/02/2569", "วันที่ 31 ไม่มีในเดือนกุมภาพันธ์ 2569"),
        ("29/02/2026", "วันที่ 29 ไม่มีในเดือนกุมภาพันธ์ 2569 (เดือนนี้มี 28 วัน)"),
        ("0/11/2569", "วันที่ 0 ไม่มีในเดือนพฤศจิกายน 2569"),
        ("31 เม.ย. 2569", "วันที่ 31 ไม่มีในเดือนเมษายน 2569"),
        ("25/13/2569", "ไม่มีเดือนที่ 13"),
        ("2569-00-10", "ไม่มีเดือนที่ 0"),
        ("11/25/2026", "ไม่มีเดือนที่ 25"),
        ("25/11/256", "ปี “256” ใช้ไม่ได้"),
        ("25 พ.ย. ค.ศ. 26", "ปี “26” ใช้ไม่ได้"),
        ("25/11/2300", "ปี ค.ศ. 2300 อยู่นอกช่วงที่รับได้"),
        ("5 ก.ค. 2400", "ปี ค.ศ. 2400 อยู่นอกช่วงที่รับได้"),  # 2400 is not above 2400: CE
        ("25/11/2420", "ปี พ.ศ. 2420 อยู่นอกช่วงที่รับได้"),
        ("25 พ.ย. พ.ศ. 2026", "ปี พ.ศ. 2026 อยู่นอกช่วงที่รับได้"),
        ("25 พฤศจิ 2569", "ไม่รู้จักชื่อเดือน “พฤศจิ”"),
        ("25/11/2569 25:00", "เวลา “25:00” ไม่ถูกต้อง"),
        ("25/11", "ตัวเลขไม่ครบ"),
        ("hello", "ไม่ตรงกับรูปแบบวันที่ที่รับได้"),
        ("", "ไม่ได้ระบุวันที่"),
        (" \u200b ", "ไม่ได้ระบุวันที่"),
    ],
)
def test_parse_errors_name_the_problem(text: str, needle: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(text)
    message = str(info.value)
    assert needle in message
    assert "25 พ.ย. 2569" in message and "๒๕ พฤศจิกายน ๒๕๖๙" in message  # accepted forms
    assert isinstance(info.value, ValueError)


def test_parse_error_keeps_text_and_pickles() -> None:
    with pytest.raises(DateParseError) as info:
        parse_date("31/02/2569")
    err = info.value
    assert err.text == "31/02/2569"
    assert err.problem == "วันที่ 31 ไม่มีในเดือนกุมภาพันธ์ 2569 (เดือนนี้มี 28 วัน)"
    assert str(err).startswith("อ่านวันที่ “31/02/2569” ไม่ได้: วันที่ 31")
    copy = pickle.loads(pickle.dumps(err))
    assert str(copy) == str(err)


def test_parse_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        parse_date(date(2026, 11, 25))  # type: ignore[arg-type]


def _check_never_crashes(text: str) -> None:
    try:
        result = parse_date(text)
    except DateParseError as err:
        assert str(err)
    else:
        assert date(1900, 1, 1) <= result <= date(2200, 12, 31)


@settings(max_examples=300)
@given(st.text())
def test_parse_never_raises_other_exceptions(text: str) -> None:
    _check_never_crashes(text)


_pieces = st.sampled_from(
    [*MONTHS_ABBR, *MONTHS_FULL, "พ.ศ.", "ค.ศ.", "วันที่", "เดือน", "/", "-", ".", " ", ":", "T",
     "\u200b", "๒๕", "0", "00", "13", "29", "31", "69", "2569", "2026", "99999", "9" * 5000]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(_pieces, max_size=8).map("".join))
def test_parse_never_raises_on_date_like_text(text: str) -> None:
    _check_never_crashes(text)


def test_date_errors_follow_the_language() -> None:
    from nitet.core import i18n

    i18n.set_lang("en")
    try:
        with pytest.raises(DateParseError) as e:
            parse_date("31/2/2569")
        assert e.value.message.startswith("cannot read the date “31/2/2569”: กุมภาพันธ์ 2569 has no day 31 "
                                          "(it has 28 days) — accepted forms, e.g. 2026-11-25")
    finally:
        i18n.set_lang("th")
    with pytest.raises(DateParseError) as e:
        parse_date("31/2/2569")
    assert e.value.message.startswith("อ่านวันที่ “31/2/2569” ไม่ได้: วันที่ 31 ไม่มีในเดือนกุมภาพันธ์ 2569 (เดือนนี้มี 28 วัน)")


def test_a_month_out_of_range_gets_the_hint_of_its_own_order() -> None:
    with pytest.raises(DateParseError) as iso:
        parse_date("2026-13-01")
    assert iso.value.problem == "ไม่มีเดือนที่ 13 (เดือนต้องเป็น 1–12 เรียง ปี-เดือน-วัน)"
    with pytest.raises(DateParseError) as thai:
        parse_date("01/13/2569")
    assert thai.value.problem == "ไม่มีเดือนที่ 13 (เดือนต้องเป็น 1–12 และเขียนวันก่อนเดือน)"
