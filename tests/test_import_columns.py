"""Which column is which: the header grammar, several code columns, nothing a sheet says lost
quietly (unused columns, --ignore-column), and mappings saved per layout (imports/*.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from nitet.imports.columns import Lexicon
from test_import import SCHOOLS, csv_file, records, xlsx

# ----------------------------------------------------------------------------- the grammar

VISIT_HEADERS = [
    ("1. วันที่นิเทศ", "date"), ("๒) ชื่อโรงเรียน", "school_name"), ("ข้อ 3 ผลการนิเทศ", "findings"),
    ("ข้อที่ ๔ ข้อเสนอแนะ", "suggestions"), ("ข้อค้นพบ / ผลการนิเทศ", "findings"), ("2.1 จุดเด่น", "strengths"),
    ("วันที่นิเทศ (วว/ดด/ปปปป)", "date"), ("ชื่อโรงเรียน:", "school_name"), ("ผลการนิเทศ: สรุปสั้น ๆ", "findings"),
    ("(5) วิธีการนิเทศ", "methods"), ("Q6. ผู้นิเทศ", "supervisors"), ("ร.ร. (ชื่อโรงเรียน)", "school_name"),
    ("รหัสหรือชื่อโรงเรียน", "school_name"), ("รหัสโรงเรียน 10 หลัก", "school"),
    ("ประทับเวลา", "ignore"), ("Timestamp", "ignore"), ("ที่อยู่อีเมล", "ignore"), ("Email address", "ignore"),
    ("คะแนน", "ignore"), ("คะแนนความพึงพอใจต่อการนิเทศ (1-5)", "ignore"), ("ลำดับที่", "ignore"),
    ("ข้อสังเกตเพิ่มเติม", None), ("จุดเด่นและจุดที่ควรพัฒนา", None),
]


@pytest.mark.parametrize(("header", "field"), VISIT_HEADERS)
def test_visit_headers_as_forms_write_them(header: str, field: str | None) -> None:
    assert Lexicon("visits").field_of([header]) == field


SCHOOL_HEADERS = [
    ("รหัสสถานศึกษา ๑๐ หลัก", "moe"), ("รหัสโรงเรียน (SMIS)", "smis"), ("รหัสโรงเรียน 8 หลัก", "smis"),
    ("รหัส สพฐ. (6 หลัก)", "obec"), ("รหัสสถานศึกษา", "code_any"), ("จำนวนนักเรียน (คน)", "students"),
    ("ชื่อโรงเรียน:", "name"), ("3. อำเภอ", "district"), ("ชื่อสถานศึกษา (ไม่ต้องใส่คำว่าโรงเรียน)", "name"),
    ("จำนวนครู (คน) :", "teachers"), ("ที่", "ignore"),
]


@pytest.mark.parametrize(("header", "field"), SCHOOL_HEADERS)
def test_school_list_headers_with_qualifiers(header: str, field: str) -> None:
    assert Lexicon("schools").field_of([header]) == field


def test_a_header_naming_two_fields_is_not_guessed() -> None:
    r = Lexicon("visits").read(["จุดเด่นและจุดที่ควรพัฒนา"])
    assert (r.field, r.how, r.alternatives) == (None, "ambiguous", ("strengths", "improvements"))


def test_codes_side_by_side_each_feed_their_field_and_the_10_digit_code_is_the_key(ws: Path, run: Any,
                                                                                  tmp_path: Path) -> None:
    """Before: only the SMIS column was read, and every row was refused ("มีเฉพาะรหัส …")."""
    f = xlsx(tmp_path / "list.xlsx", [
        ["ที่", "รหัสสถานศึกษา ๑๐ หลัก", "รหัส SMIS", "รหัส สพฐ.", "ชื่อโรงเรียน:", "จำนวนนักเรียน (คน)"],
        [1, "1063020130", "63020130", "630130", "บ้านแม่ละเมา", 152],
        [2, "1063020131", "63020131", "630131", "บ้านห้วยนกแล", 88]])
    r = run("import", "schools", str(f), "--json")
    assert r.exit_code == 0, r.stderr
    assert records(ws, "schools")["1063020130"] == {"code": "1063020130", "smis": "63020130", "obec": "630130",
                                                   "name": "บ้านแม่ละเมา", "students": 152}
    assert "B รหัสสถานศึกษา ๑๐ หลัก → รหัส 10 หลัก, C รหัส SMIS → รหัส SMIS, D รหัส สพฐ. → รหัส สพฐ." in r.stderr


def test_a_visit_row_named_by_several_codes_must_name_one_school(ws: Path, run: Any, tmp_path: Path) -> None:
    assert run("import", "schools", str(csv_file(tmp_path / "s.csv", SCHOOLS))).exit_code == 0
    f = csv_file(tmp_path / "v.csv", [
        ["วันที่นิเทศ", "รหัส 10 หลัก", "รหัส SMIS", "ชื่อโรงเรียน", "ผลการนิเทศ"],
        ["25/11/2569", "1063020130", "63020130", "บ้านแม่ละเมา", "ดี"],
        ["26/11/2569", "", "63020131", "", "ดี"],
        ["27/11/2569", "1063020130", "63020132", "", "ดี"],
        ["28/11/2569", "1063020131", "", "โรงเรียนบ้านพบพระ", "ดี"]])
    r = run("import", "visits", str(f), "--json", "--skip-invalid")
    assert r.exit_code == 1
    rej = {x["row"]: x["reason"] for x in r.json()["rejected"]}
    assert sorted(rej) == [4, 5]
    assert rej[4] == ("แถวนี้ระบุโรงเรียนไม่ตรงกัน: “1063020130” คือ 1063020130 โรงเรียนบ้านแม่ละเมา "
                      "แต่ “63020132” คือ 1063020132 โรงเรียนบ้านพบพระ")
    assert sorted(v["school"] for v in records(ws, "visits").values()) == ["1063020130", "1063020131"]


def test_two_columns_for_one_field_the_fuller_match_wins_and_the_other_is_not_lost(ws: Path, run: Any,
                                                                                 tmp_path: Path) -> None:
    assert run("import", "schools", str(csv_file(tmp_path / "s.csv", SCHOOLS))).exit_code == 0
    f = csv_file(tmp_path / "v.csv", [
        ["วันที่นิเทศ", "รหัสโรงเรียน", "ข้อค้นพบ / ผลการนิเทศ", "ผลการนิเทศ"],
        ["25/11/2569", "1063020130", "ครูใช้สื่อ", "ดี"]])
    r = run("import", "visits", str(f), "--json")
    assert r.exit_code == 1 and not records(ws, "visits")
    assert ("v.csv: คอลัมน์ C “ข้อค้นพบ / ผลการนิเทศ” และ D “ผลการนิเทศ” ต่างเป็นผลการนิเทศ: "
            "ใช้ D ซึ่งหัวคอลัมน์ตรงกว่า") in r.stderr
    assert r.json()["unused_columns"] == [
        {"column": "C", "header": "ข้อค้นพบ / ผลการนิเทศ", "filled_rows": 1, "file": "v.csv", "sheet": ""}]
    assert "อ่านได้เป็นผลการนิเทศเหมือนคอลัมน์ D ซึ่งถูกใช้แทน" in r.stderr


# ----------------------------------------------------------------------------- a Google Forms sheet

FORM_HEADER = ["ประทับเวลา", "ที่อยู่อีเมล", "ชื่อโรงเรียน", "วันที่นิเทศ", "วิธีการนิเทศ", "ข้อค้นพบ / ผลการนิเทศ",
               "ข้อเสนอแนะ", "คะแนนความพึงพอใจ"]
STAMP = dt.datetime(2026, 11, 25, 10, 2, 11)


def form_rows(extra: list[str] | None = None) -> list[list[Any]]:
    head = FORM_HEADER + (extra or [])
    more = [["ครูเตรียมสื่อเอง"], ["ควรติดตามอีกครั้ง"]] if extra else [[], []]
    return [head,
            [STAMP, "somjai@example.com", "บ้านแม่ละเมา", dt.datetime(2026, 11, 25), "สังเกตการสอน, การสอนแนะ (Coaching)",
             "ครูใช้คำถามกระตุ้นการคิด", "เพิ่มเวลาให้นักเรียนอ่าน", 5, *more[0]],
            [STAMP, "somjai@example.com", "โรงเรียนบ้านห้วยนกแล", dt.datetime(2026, 11, 26), "ตรวจเอกสาร",
             "แผนการสอนครบ", "", 4, *more[1]]]


@pytest.fixture
def schools(ws: Path, run: Any, tmp_path: Path) -> Path:
    assert run("import", "schools", str(csv_file(tmp_path / "s.csv", SCHOOLS))).exit_code == 0
    return ws


def test_a_forms_sheet_keeps_its_findings(schools: Path, run: Any, tmp_path: Path) -> None:
    """The issue's sheet: the findings column ("ข้อค้นพบ / ผลการนิเทศ") was passed over quietly."""
    f = xlsx(tmp_path / "form.xlsx", form_rows(), title="การตอบแบบฟอร์ม 1")
    r = run("import", "visits", str(f), "--json")
    assert r.exit_code == 0, r.stderr
    assert (r.json()["created"], r.json()["unused_columns"]) == (2, [])
    got = sorted(records(schools, "visits").values(), key=lambda v: v["date"])
    assert [(v["school"], v["methods"], v["findings"]) for v in got] == [
        ("1063020130", ["observation", "coaching"], "ครูใช้คำถามกระตุ้นการคิด"),
        ("1063020131", ["document-review"], "แผนการสอนครบ")]
    assert r.stderr.count("ไม่ใช้คอลัมน์ “ประทับเวลา”, “ที่อยู่อีเมล”, “คะแนนความพึงพอใจ”: เป็นข้อมูลที่ nitet ไม่เก็บ") == 1


def test_an_unknown_filled_column_stops_the_import_until_told(schools: Path, run: Any, tmp_path: Path) -> None:
    f = xlsx(tmp_path / "form.xlsx", form_rows(["ข้อสังเกตเพิ่มเติม"]), title="การตอบแบบฟอร์ม 1")
    r = run("import", "visits", str(f), "--json")
    assert r.exit_code == 1 and not records(schools, "visits")
    assert r.json()["unused_columns"] == [{"column": "I", "header": "ข้อสังเกตเพิ่มเติม", "filled_rows": 2,
                                           "file": "form.xlsx", "sheet": "การตอบแบบฟอร์ม 1"}]
    assert (r.json()["written"], r.json()["created"]) == (False, 2)
    assert "form.xlsx#การตอบแบบฟอร์ม 1 คอลัมน์ I “ข้อสังเกตเพิ่มเติม”: มีข้อมูล 2 แถว" in r.stderr
    assert "--ignore-column \"ข้อสังเกตเพิ่มเติม\"" in r.stderr
    assert run("import", "visits", str(f), "--dry-run").exit_code == 1

    r = run("import", "visits", str(f), "--ignore-column", "ข้อสังเกตเพิ่มเติม", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["created"] == 2 and "ไม่ใช้ตามที่ระบุ: I ข้อสังเกตเพิ่มเติม" in r.stderr


def test_ignore_column_by_letter_and_a_name_that_matches_nothing(schools: Path, run: Any, tmp_path: Path) -> None:
    f = xlsx(tmp_path / "form.xlsx", form_rows(["ข้อสังเกตเพิ่มเติม"]))
    assert run("import", "visits", str(f), "--ignore-column", "I", "--dry-run").exit_code == 0
    r = run("import", "visits", str(f), "--ignore-column", "ข้อสังเกต")
    assert r.exit_code == 2
    assert "--ignore-column “ข้อสังเกต”: ไม่มีคอลัมน์ที่หัวตารางเป็นเช่นนี้" in r.stderr
    assert "“ข้อสังเกตเพิ่มเติม”" in r.stderr


def test_a_map_names_the_unknown_column(schools: Path, run: Any, tmp_path: Path) -> None:
    f = xlsx(tmp_path / "form.xlsx", form_rows(["ข้อสังเกตเพิ่มเติม"]))
    m = tmp_path / "map.yaml"
    m.write_text("columns:\n  ข้อสังเกตเพิ่มเติม: note\n", encoding="utf-8")
    r = run("import", "visits", str(f), "--map", str(m), "--json")
    assert r.exit_code == 0, r.stderr
    assert sorted(v.get("note") for v in records(schools, "visits").values()) == ["ครูเตรียมสื่อเอง", "ควรติดตามอีกครั้ง"]


def test_data_right_of_the_header_is_a_column_too(schools: Path, run: Any, tmp_path: Path) -> None:
    rows = form_rows()
    rows[2] = [*rows[2], "จดไว้นอกตาราง"]
    r = run("import", "visits", str(xlsx(tmp_path / "form.xlsx", rows)), "--json")
    assert r.exit_code == 1
    assert r.json()["unused_columns"] == [{"column": "I", "header": "", "filled_rows": 1, "file": "form.xlsx",
                                           "sheet": "Sheet1"}]
    assert "คอลัมน์ I “”: มีข้อมูล 1 แถว — ไม่มีหัวคอลัมน์" in r.stderr


# ----------------------------------------------------------------------------- saved mappings

SAVED = """\
# การจับคู่คอลัมน์สำหรับ nitet import visits
kind: visits
headers:
  - ประทับเวลา
  - ที่อยู่อีเมล
  - ชื่อโรงเรียน
  - วันที่นิเทศ
  - วิธีการนิเทศ
  - ข้อค้นพบ / ผลการนิเทศ
  - ข้อเสนอแนะ
  - คะแนนความพึงพอใจ
  - ข้อสังเกตเพิ่มเติม
columns:
  ชื่อโรงเรียน: school_name
  วันที่นิเทศ: date
  วิธีการนิเทศ: methods
  ข้อค้นพบ / ผลการนิเทศ: findings
  ข้อเสนอแนะ: suggestions
  ข้อสังเกตเพิ่มเติม: note
  ประทับเวลา: ignore
  ที่อยู่อีเมล: ignore
  คะแนนความพึงพอใจ: ignore
"""


def test_a_saved_mapping_is_used_for_the_same_layout_and_said_so(schools: Path, run: Any, tmp_path: Path) -> None:
    (schools / "imports").mkdir()
    (schools / "imports" / "แบบนิเทศ.yaml").write_text(SAVED, encoding="utf-8")
    rows = form_rows(["ข้อสังเกตเพิ่มเติม"])
    rows[0] = [h.upper() + " " for h in rows[0]]  # spacing and case aside, the same header
    r = run("import", "visits", str(xlsx(tmp_path / "form.xlsx", rows, title="ชีต1")), "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["mappings"] == ["imports/แบบนิเทศ.yaml"]
    assert "form.xlsx#ชีต1: ใช้การจับคู่คอลัมน์ที่บันทึกไว้ imports/แบบนิเทศ.yaml (หัวตารางตรงกันทุกช่อง)" in r.stderr
    assert sorted(v.get("note") for v in records(schools, "visits").values()) == ["ครูเตรียมสื่อเอง", "ควรติดตามอีกครั้ง"]

    other = form_rows(["ข้อสังเกต"])  # another layout: not this mapping
    r = run("import", "visits", str(xlsx(tmp_path / "other.xlsx", other)), "--json")
    assert r.exit_code == 1 and r.json()["mappings"] == []

    r = run("import", "maps")
    assert r.exit_code == 0
    assert r.stdout.startswith("imports/แบบนิเทศ.yaml  (visits) หัวตาราง 9 ช่อง ใช้ 6 คอลัมน์\n")
    assert "ข้อสังเกตเพิ่มเติม → หมายเหตุ" in r.stdout
    [m] = run("import", "maps", "--json").json()  # type: ignore[misc]
    assert (m["name"], m["kind"], m["columns"]["ข้อสังเกตเพิ่มเติม"]) == ("แบบนิเทศ", "visits", "note")


def test_maps_when_there_are_none_and_an_unreadable_one(ws: Path, run: Any) -> None:
    r = run("import", "maps")
    assert r.exit_code == 0 and "ยังไม่มีการจับคู่คอลัมน์ที่บันทึกไว้" in r.stderr
    (ws / "imports").mkdir()
    (ws / "imports" / "x.yaml").write_text("columns: [\n", encoding="utf-8")
    assert "อ่านไฟล์การจับคู่คอลัมน์ imports/x.yaml ไม่ได้" in run("import", "maps").stderr


def test_a_saved_mapping_is_a_map_file_too(schools: Path, run: Any, tmp_path: Path) -> None:
    saved = tmp_path / "saved.yaml"
    saved.write_text(SAVED, encoding="utf-8")
    f = xlsx(tmp_path / "form.xlsx", form_rows(["ข้อสังเกตเพิ่มเติม"]))
    assert run("import", "visits", str(f), "--map", str(saved)).exit_code == 0
