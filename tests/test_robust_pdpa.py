"""PDPA: ``nitet check`` warns on national ID numbers and phone numbers typed into free text.

A warning (exit 0), at the number's own file:line:col (also inside ``|``/``>`` blocks), with the
number masked in the message. Only checksum-valid 13-digit ID numbers count; school codes, SMIS
codes, dates and money do not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_runner
from nitet.checks.pdpa import national_id_valid, personal_numbers

SCHOOL = 'code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\n'
VALID_ID = "1234567890121"  # 1·13 + 2·12 + … + 2·2 = 352; (11 − 352 mod 11) mod 10 = 1


def _visit(ws: Path, body: str, name: str = "2026-11-25-1063020130-aaaaaa") -> str:
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    d = ws / "records/visits/2570"
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{name}.yaml").write_text(f"date: 2026-11-25\nschool: '1063020130'\n{body}", encoding="utf-8")
    return f"records/visits/2570/{name}.yaml"


def _findings(ws: Path, lang: str | None = None) -> tuple[int, list[dict[str, object]]]:
    r = make_runner(ws)("check", "--json", lang=lang)
    return r.exit_code, r.json()["findings"]  # type: ignore[index,return-value]


@pytest.mark.parametrize("written", [
    "1234567890121", "1-2345-67890-12-1", "1 2345 67890 12 1", "๑๒๓๔๕๖๗๘๙๐๑๒๑", "๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑",
    "3100700123451",
])
def test_a_valid_national_id_in_a_finding_is_a_warning_at_the_number(ws: Path, written: str) -> None:
    rel = _visit(ws, f"findings: ครูคนนี้ เลขประจำตัว {written} ขาดเอกสาร\n")
    code, found = _findings(ws)
    assert code == 0
    assert [(f["file"], f["line"], f["column"], f["check"], f["severity"]) for f in found] == [
        (rel, 3, 32, "pdpa-national-id", "warning")]
    message = str(found[0]["message"])
    assert message.startswith("พบเลขประจำตัวประชาชน ๑๓ หลัก")
    assert written not in message  # masked: the warning itself does not spread the number


@pytest.mark.parametrize("written", ["1234567890122", "1234567890120", "1-2345-67890-12-2", "12345678901215",
                                     "123456789012", "1-2345-67890-121"])
def test_numbers_that_are_not_valid_national_ids_pass(ws: Path, written: str) -> None:
    _visit(ws, f"findings: เลข {written}\n")
    assert _findings(ws) == (0, [])


@pytest.mark.parametrize("written", ["081-234-5678", "0812345678", "๐๘๑๒๓๔๕๖๗๘", "02-123-4567", "055-123-456",
                                     "+66 81 234 5678", "+66812345678", "+66-2-123-4567", "09 1234 5678"])
def test_phone_numbers_in_free_text_are_warnings(ws: Path, written: str) -> None:
    rel = _visit(ws, f"supervisees:\n  - name: ครูสมชาย ใจดี\n    position: ครู โทร {written}\n")
    code, found = _findings(ws)
    assert code == 0
    assert [(f["file"], f["line"], f["column"], f["check"]) for f in found] == [(rel, 5, 23, "pdpa-phone")]


@pytest.mark.parametrize("text", ["รหัสโรงเรียน 1063020130", "SMIS 63020001 OBEC 630201", "2026-11-25 ถึง 2026-12-31",
                                  "๒๕ พ.ย. ๒๕๖๙", "งบ 1,250,000 บาท", "เวลา 08.30-16.30 น.", "1063020130 1063020131",
                                  "ภาคเรียน 2/2568", "4.2.1"])
def test_codes_dates_and_money_are_not_personal_data(ws: Path, text: str) -> None:
    _visit(ws, f"findings: {text}\nnote: '{text}'\n")
    assert _findings(ws) == (0, [])


def test_warnings_come_in_english_too(ws: Path) -> None:
    _visit(ws, f"note: {VALID_ID} / 0812345678\n")
    code, found = _findings(ws, lang="en")
    assert code == 0
    assert sorted(str(f["message"]) for f in found) == [
        "a 13-digit Thai national ID number in text (xxxxxxxxxx121)", "a phone number in text (xxxxxxx678)"]


def test_the_text_form_shows_the_warning_and_still_exits_0(ws: Path) -> None:
    rel = _visit(ws, "suggestions: ติดต่อผู้อำนวยการ 081-234-5678\n")
    r = make_runner(ws)("check")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == (
        f"{rel}:3:32: warning[pdpa-phone] พบหมายเลขโทรศัพท์ในข้อความ (xxx-xxx-x678)")


@given(st.lists(st.integers(0, 9), min_size=12, max_size=12), st.integers(0, 9))
def test_only_the_right_check_digit_makes_an_id(body: list[int], last: int) -> None:
    total = sum(d * (13 - i) for i, d in enumerate(body))
    right = (11 - total % 11) % 10
    number = "".join(map(str, body)) + str(last)
    assert national_id_valid(number) == (last == right)
    kinds = [k for k, _ in personal_numbers(f"เลข {number} ครับ")]
    assert ("id" in kinds) == (last == right)


# --------------------------------------------------------------------------- the number's own position

QA_BLOCK = (
    "findings: |\n"                                                                        # line 18
    "  บรรทัดแรกปกติ\n"
    "  ...\n"
    "  บัตร 3-6302-00112-23-5 และ ๓๖๓๐๒๐๐๑๑๒๒๓๕ โทร 0812345678 หรือ 02-123-4567\n"        # line 21
    "  ... โทรศัพท์ 089 123 4567\n"                                                      # line 22
)
#: topics (line 3) and 14 items take lines 3–17, so the block starts on line 18 as in QA's file
TOPICS = "topics:\n" + "".join(f"  - เรื่องที่ {i}\n" for i in range(1, 15))


def _where(found: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(f["line"], f["column"], f["check"]) for f in found]


def test_a_literal_block_points_at_each_number_not_at_the_bar(ws: Path) -> None:
    rel = _visit(ws, TOPICS + QA_BLOCK)
    code, found = _findings(ws)
    assert code == 0
    assert {f["file"] for f in found} == {rel}
    # columns count characters: บ ั ต ร is four, as the columns of every other finding
    assert _where(found) == [
        (21, 8, "pdpa-national-id"), (21, 30, "pdpa-national-id"), (21, 48, "pdpa-phone"),
        (21, 64, "pdpa-phone"), (22, 16, "pdpa-phone")]
    r = make_runner(ws)("check")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == f"{rel}:21:8: warning[pdpa-national-id] พบเลขประจำตัวประชาชน ๑๓ หลักในข้อความ (x-xxxx-xxxxx-23-5)"
    assert lines[1] == "  21 |   บัตร 3-6302-00112-23-5 และ ๓๖๓๐๒๐๐๑๑๒๒๓๕ โทร 0812345678 หรือ 02-123-4567"
    heads = [line for line in lines if line.startswith(rel)]
    assert heads == [
        f"{rel}:21:8: warning[pdpa-national-id] พบเลขประจำตัวประชาชน ๑๓ หลักในข้อความ (x-xxxx-xxxxx-23-5)",
        f"{rel}:21:30: warning[pdpa-national-id] พบเลขประจำตัวประชาชน ๑๓ หลักในข้อความ (xxxxxxxxxx235)",
        f"{rel}:21:48: warning[pdpa-phone] พบหมายเลขโทรศัพท์ในข้อความ (xxxxxxx678)",
        f"{rel}:21:64: warning[pdpa-phone] พบหมายเลขโทรศัพท์ในข้อความ (xx-xxx-x567)",
        f"{rel}:22:16: warning[pdpa-phone] พบหมายเลขโทรศัพท์ในข้อความ (xxx xxx x567)"]


def test_a_folded_block_points_at_the_number(ws: Path) -> None:
    rel = _visit(ws, "note: >-\n  ครูแจ้งว่า\n  ติดต่อได้ที่ 081-234-5678 ทุกวัน\n  บัตร 1103700123458\n")
    code, found = _findings(ws)
    assert code == 0
    assert sorted(_where(found)) == [(5, 16, "pdpa-phone"), (6, 8, "pdpa-national-id")]
    r = make_runner(ws)("check")
    assert [line for line in r.stdout.splitlines() if line.startswith(rel)] == [
        f"{rel}:5:16: warning[pdpa-phone] พบหมายเลขโทรศัพท์ในข้อความ (xxx-xxx-x678)",
        f"{rel}:6:8: warning[pdpa-national-id] พบเลขประจำตัวประชาชน ๑๓ หลักในข้อความ (xxxxxxxxxx458)"]


def test_a_one_line_value_points_at_each_number(ws: Path) -> None:
    rel = _visit(ws, "findings: ครูแจ้งเลขบัตร 1103700123458 และโทร 081-234-5678\n")
    code, found = _findings(ws)
    assert code == 0
    assert sorted(_where(found)) == [(3, 26, "pdpa-national-id"), (3, 47, "pdpa-phone")]
    r = make_runner(ws)("check", lang="en")
    assert [line for line in r.stdout.splitlines() if line.startswith(rel)] == [
        f"{rel}:3:26: warning[pdpa-national-id] a 13-digit Thai national ID number in text (xxxxxxxxxx458)",
        f"{rel}:3:47: warning[pdpa-phone] a phone number in text (xxx-xxx-x678)"]


def test_the_same_number_twice_gives_two_positions_even_inside_a_longer_run(ws: Path) -> None:
    # 10812345678 is no phone number (11 digits); only the second 0812345678 is, and twice
    _visit(ws, "note: 'เลข 10812345678 ผิด โทร 0812345678 หรือ 0812345678'\n")
    code, found = _findings(ws)
    assert sorted(_where(found)) == [(3, 32, "pdpa-phone"), (3, 48, "pdpa-phone")]


def test_a_number_not_written_as_is_falls_back_to_the_value(ws: Path) -> None:
    # an escape in a double-quoted string: the file does not hold the text as read
    _visit(ws, 'note: "โทร 081234567\\u0038"\n')
    code, found = _findings(ws)
    assert _where(found) == [(3, 7, "pdpa-phone")]


def test_a_number_after_the_value_is_not_mistaken_for_it(ws: Path) -> None:
    # a plain scalar folded mid-number: the same digits in a later comment are not the value's
    _visit(ws, "note: โทร 089\n  123 4567\n# 089 123 4567\nfindings: ปกติ\n")
    code, found = _findings(ws)
    assert _where(found) == [(3, 7, "pdpa-phone")]


def test_the_hint_fits_a_school_record(ws: Path) -> None:
    (ws / "records/schools/1063020130.yaml").write_text(
        SCHOOL + "principal: นายสมชาย โทร 0812345678\n", encoding="utf-8")
    code, found = _findings(ws)
    assert [(f["file"], f["line"], f["column"], f["hint"]) for f in found] == [(
        "records/schools/1063020130.yaml", 3, 25,
        "ข้อมูลส่วนบุคคล (PDPA): ลบออกหรือเก็บไว้ในที่ที่ไม่ถูกแชร์ผ่าน git — ระเบียนนี้ไม่จำเป็นต้องมีเลขนี้")]
