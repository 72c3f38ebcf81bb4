"""nitet import: the spreadsheets schools actually send (every file is generated here)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from nitet.domain.initialize import create_workspace
from nitet.storage.yamlfast import parse_fast

# ----------------------------------------------------------------------------- helpers


def xlsx(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = (), title: str = "Sheet1",
         more: dict[str, list[list[Any]]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = title
    for r in rows:
        sheet.append(r)
    for row in sheet.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("=") and not c.value.startswith("=SUM"):
                c.data_type = "s"  # text typed as '=..., as Excel stores it
    for m in merges:
        sheet.merge_cells(m)
    for name, extra in (more or {}).items():
        s = wb.create_sheet(name)
        for r in extra:
            s.append(r)
    wb.save(path)
    return path


def csv_file(path: Path, rows: list[list[Any]], encoding: str = "utf-8") -> Path:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([["" if v is None else v for v in r] for r in rows])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def records(root: Path, kind: str) -> dict[str, dict[str, Any]]:
    out = {}
    for p in sorted((root / "records" / kind).rglob("*.yaml")):
        out[p.stem] = parse_fast(p.read_bytes())
    return out


def all_text(root: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (root / "records").rglob("*.yaml"))


SCHOOLS = [
    ["รหัสโรงเรียน", "รหัส SMIS", "ชื่อโรงเรียน", "อำเภอ", "กลุ่มเครือข่าย", "จำนวนนักเรียน"],
    ["1063020130", "63020130", "โรงเรียนบ้านแม่ละเมา", "ท่าสองยาง", "แม่ละเมา", "152"],
    ["1063020131", "63020131", "โรงเรียนบ้านห้วยนกแล", "แม่สอด", "แม่ตาว", "88"],
    ["1063020132", "63020132", "โรงเรียนบ้านพบพระ", "พบพระ", "พบพระ", "420"],
]


@pytest.fixture
def schools(ws: Path, run: Any, tmp_path: Path) -> Path:
    r = run("import", "schools", str(csv_file(tmp_path / "s.csv", SCHOOLS)))
    assert r.exit_code == 0, r.stderr
    return ws


# ----------------------------------------------------------------------------- schools


def test_school_list_with_title_blank_total_rows_thai_digits_and_odd_codes(ws: Path, run: Any, tmp_path: Path) -> None:
    f = xlsx(tmp_path / "list.xlsx", [
        ["ข้อมูลโรงเรียนในสังกัด สพป.ตาก เขต ๒"],
        ["ปีการศึกษา ๒๕๖๙"],
        [],
        ["ที่", "รหัสสถานศึกษา", "ชื่อสถานศึกษา", "อำเภอ", "กลุ่มโรงเรียน", "จำนวนนักเรียน", "ประทับเวลา"],
        [1, 1063020130.0, "โรงเรียนบ้าน\u200bแม่ละเมา ", " ท่าสองยาง", "แม่ละเมา", "1,234", "x"],
        [2, " 1063 020 131 ", "โรงเรียนบ้านห้วยนกแล", "แม่สอด", "แม่ตาว", "๑๒๓", None],
        [None, None, None, None, None, None, None],
        [3, "๑๐๖๓๐๒๐๑๓๒", "โรงเรียนบ้านพบพระ", "พบพระ", "พบพระ", 420, None],
        ["รวม", None, None, None, None, "=SUM(F5:F8)", None],
    ])
    r = run("import", "schools", str(f), "--json")
    assert r.exit_code == 0, r.stderr
    assert {k: r.json()[k] for k in ("created", "updated", "unchanged", "skipped", "rejected")} == \
        {"created": 3, "updated": 0, "unchanged": 0, "skipped": 1, "rejected": []}
    got = records(ws, "schools")
    assert got["1063020130"] == {"code": "1063020130", "name": "โรงเรียนบ้านแม่ละเมา", "district": "ท่าสองยาง",
                                 "network": "แม่ละเมา", "students": 1234}
    assert got["1063020131"]["students"] == 123
    assert got["1063020132"]["students"] == 420
    assert "หัวตารางแถว 4" in r.stderr
    assert "ไม่ใช้คอลัมน์ “ที่”, “ประทับเวลา”: เป็นข้อมูลที่ nitet ไม่เก็บ (เช่น เวลาส่งแบบฟอร์ม อีเมล ลำดับที่ คะแนน)" in r.stderr


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_csv_encodings(ws: Path, run: Any, tmp_path: Path, encoding: str) -> None:
    rows = [*SCHOOLS, ["1063020133", "", "โรงเรียนบ้าน “เกาะ” สาขา…", "อุ้มผาง", "", ""]]
    f = csv_file(tmp_path / "s.csv", rows, encoding)
    r = run("import", "schools", str(f), "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["created"] == 4
    got = records(ws, "schools")
    assert got["1063020133"]["name"] == "โรงเรียนบ้าน “เกาะ” สาขา…"
    assert got["1063020131"]["name"] == "โรงเรียนบ้านห้วยนกแล"
    assert got["1063020130"]["smis"] == "63020130"


def test_smis_code_under_school_code_header(ws: Path, run: Any, tmp_path: Path) -> None:
    f = csv_file(tmp_path / "smis.csv", [["รหัสโรงเรียน", "ชื่อโรงเรียน", "จำนวนนักเรียน"],
                                         ["63020130", "โรงเรียนบ้านแม่ละเมา", "150"]])
    r = run("import", "schools", str(f), "--json")
    assert r.exit_code == 1
    [rej] = r.json()["rejected"]
    assert (rej["file"], rej["sheet"], rej["row"]) == ("smis.csv", "", 2)
    assert "63020130" in rej["reason"] and "school_key: smis" in rej["reason"]
    assert records(ws, "schools") == {}
    # once the registry knows the SMIS code, the same row updates that school
    assert run("import", "schools", str(csv_file(tmp_path / "s.csv", SCHOOLS))).exit_code == 0
    r = run("import", "schools", str(f), "--json")
    assert r.exit_code == 0, r.stderr
    assert (r.json()["updated"], r.json()["created"]) == (1, 0)
    assert records(ws, "schools")["1063020130"]["students"] == 150


def test_school_key_smis(tmp_path: Path) -> None:
    from conftest import make_runner

    root = tmp_path / "smisws"
    create_workspace(root, office="x", supervisor="y")
    cfg = root / "nitet.yaml"
    text = cfg.read_text(encoding="utf-8")
    assert "school_key: moe" in text
    cfg.write_text(text.replace("school_key: moe", "school_key: smis"), encoding="utf-8")
    run = make_runner(root)
    f = csv_file(tmp_path / "smis.csv", [["รหัสโรงเรียน", "ชื่อโรงเรียน"], ["63020130", "โรงเรียนบ้านแม่ละเมา"],
                                         ["1063020131", "โรงเรียนบ้านห้วยนกแล"]])
    r = run("import", "schools", str(f), "--json", "--skip-invalid")
    assert r.exit_code == 1
    assert records(root, "schools") == {"63020130": {"code": "63020130", "name": "โรงเรียนบ้านแม่ละเมา"}}
    assert [x["row"] for x in r.json()["rejected"]] == [3]


def test_bad_codes_are_rejected_with_reasons(ws: Path, run: Any, tmp_path: Path) -> None:
    f = csv_file(tmp_path / "bad.csv", [["รหัสโรงเรียน", "ชื่อโรงเรียน", "จำนวนนักเรียน"],
                                        ["1063020130", "โรงเรียนบ้านแม่ละเมา", "12.5"],
                                        ["1.06302E+09", "โรงเรียนบ้านห้วยนกแล", "10"],
                                        ["10630201", "", "10"],
                                        ["12345", "โรงเรียน ก", ""],
                                        ["1063020134", "โรงเรียน ข", "20"]])
    r = run("import", "schools", str(f), "--json")
    assert r.exit_code == 1
    rej = {x["row"]: x["reason"] for x in r.json()["rejected"]}
    assert sorted(rej) == [2, 3, 4, 5]
    assert "จำนวนเต็ม" in rej[2]
    assert "เลขยกกำลัง" in rej[3]
    assert "12345" in rej[5] and "10 หลัก" in rej[5]
    assert records(ws, "schools") == {}  # all or nothing
    assert "ไม่ได้บันทึกสิ่งใด" in r.stderr


# ----------------------------------------------------------------------------- visits

VISIT_HEADER = ["วันที่นิเทศ", "รหัสโรงเรียน", "ผู้รับการนิเทศ", "กลุ่มสาระการเรียนรู้", "ชั้น", "โครงการ",
                "วิธีการนิเทศ", "ผลการนิเทศ", "ข้อเสนอแนะ"]


def test_every_date_form(schools: Path, run: Any, tmp_path: Path) -> None:
    forms: list[Any] = ["2026-11-25", "2569-11-25", "25/11/2569", "25/11/2026", "25 พ.ย. 2569", "25 พ.ย. 69",
                        "๒๕ พฤศจิกายน ๒๕๖๙", dt.datetime(2026, 11, 25), dt.datetime(2569, 11, 25), 46351,
                        "\u200b25/11/2569 "]
    rows = [VISIT_HEADER] + [[d, "1063020130", f"ครู {i}", "ภาษาไทย", "ป.1", "", "", "", ""]
                             for i, d in enumerate(forms)]
    r = run("import", "visits", str(xlsx(tmp_path / "v.xlsx", rows)), "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["created"] == len(forms)
    dates = {v["date"] for v in records(schools, "visits").values()}
    assert dates == {"2026-11-25"}


def test_visit_fields_and_school_by_smis_or_name(schools: Path, run: Any, tmp_path: Path) -> None:
    rows = [["วันที่", "โรงเรียน", *VISIT_HEADER[2:], "วันที่ติดตามผล", "การติดตามผล"],
            ["1 ธ.ค. 2569", "63020131", "นางสาวสมศรี ดีงาม", "คณิตศาสตร์", "ป.4", "DLTV", "สังเกตการสอน\nPLC",
             "ครูใช้สื่อ DLTV\nนักเรียนสนใจ", "เพิ่มกิจกรรม", "15/12/2569", "ดูแผนการสอน"],
            ["2/12/2569", "ร.ร.บ้านพบพระ", "นายสมชาย", "", "", "", "coaching", "", "", "", ""]]
    r = run("import", "visits", str(xlsx(tmp_path / "v.xlsx", rows)))
    assert r.exit_code == 0, r.stderr
    got = sorted(records(schools, "visits").values(), key=lambda v: v["date"])
    assert got[0] == {
        "id": got[0]["id"], "date": "2026-12-01", "school": "1063020131", "kind": "project-based",
        "project": "dltv", "methods": ["observation", "plc"],
        "supervisees": [{"name": "นางสาวสมศรี ดีงาม", "subject": "คณิตศาสตร์", "grade": "ป.4"}],
        "findings": "ครูใช้สื่อ DLTV\nนักเรียนสนใจ", "suggestions": "เพิ่มกิจกรรม",
        "follow_up": {"date": "2026-12-15", "action": "ดูแผนการสอน"},
        "supervisors": ["นางสาวทดสอบ ระบบ"]}
    assert got[0]["id"].startswith("2026-12-01-1063020131-")
    assert got[1]["school"] == "1063020132" and got[1]["methods"] == ["coaching"]


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")
def test_a_sheet_without_a_supervisor_column_is_by_the_clones_supervisor(schools: Path, run: Any,
                                                                       tmp_path: Path) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q"], cwd=schools, check=True)
    subprocess.run(["git", "config", "nitet.supervisor", "นายสมศักดิ์ ใจดี"], cwd=schools, check=True)
    rows = [VISIT_HEADER[:3], ["1 ธ.ค. 2569", "63020131", "นางสาวสมศรี ดีงาม"]]
    r = run("import", "visits", str(xlsx(tmp_path / "v.xlsx", rows)))
    assert r.exit_code == 0, r.stderr
    [visit] = records(schools, "visits").values()
    assert visit["supervisors"] == ["นายสมศักดิ์ ใจดี"]  # not nitet.yaml's นางสาวทดสอบ ระบบ


def test_a_visit_typed_with_visit_add_is_not_recorded_again_by_an_import(schools: Path, run: Any,
                                                                         tmp_path: Path) -> None:
    typed = run("visit", "add", "--school", "1063020130", "--date", "25/11/2569", "--supervisee",
                "ครูหนึ่ง|ครู|ภาษาไทย|ป.1", "--finding", "ดี", "--json")
    assert typed.exit_code == 0, typed.stderr
    path = schools / typed.json()["path"]
    rows = [VISIT_HEADER, ["25/11/2569", "1063020130", "ครูหนึ่ง", "ภาษาไทย", "ป.1", "", "", "ดี", "ต่อยอด"],
            ["25/11/2569", "1063020130", "ครูสอง", "ภาษาไทย", "ป.1", "", "", "พอใช้", ""]]
    r = run("import", "visits", str(xlsx(tmp_path / "v.xlsx", rows)), "--json")
    assert r.exit_code == 0, r.stderr
    assert {k: r.json()[k] for k in ("created", "updated", "unchanged")} == {"created": 1, "updated": 1, "unchanged": 0}
    assert {"action": "update", "path": typed.json()["path"], "fields": ["suggestions"]} in r.json()["changes"]
    visits = records(schools, "visits")
    assert len(visits) == 2 and visits[path.stem]["suggestions"] == "ต่อยอด"
    # the sheet has no position column: the position typed with visit add stays
    assert visits[path.stem]["supervisees"] == [{"name": "ครูหนึ่ง", "position": "ครู", "subject": "ภาษาไทย",
                                                  "grade": "ป.1"}]
    assert visits[path.stem]["id"] == path.stem
    again = run("import", "visits", str(xlsx(tmp_path / "v.xlsx", rows)), "--json")
    assert {k: again.json()[k] for k in ("created", "updated", "unchanged")} == {"created": 0, "updated": 0, "unchanged": 2}
    assert run("check").exit_code == 0


def test_reimport_is_idempotent_and_an_edited_row_updates(schools: Path, run: Any, tmp_path: Path) -> None:
    rows = [VISIT_HEADER,
            ["25/11/2569", "1063020130", "ครูหนึ่ง", "ภาษาไทย", "ป.1", "", "", "ดี", "ต่อยอด"],
            ["26/11/2569", "1063020131", "ครูสอง", "คณิตศาสตร์", "ป.2", "", "", "พอใช้", ""]]
    f = xlsx(tmp_path / "v.xlsx", rows)
    first = run("import", "visits", str(f), "--json")
    assert first.json()["created"] == 2
    again = run("import", "visits", str(f), "--json")
    assert {k: again.json()[k] for k in ("created", "updated", "unchanged")} == {"created": 0, "updated": 0, "unchanged": 2}
    # the supervisor marks the follow-up done by hand and adds a comment; the school edits a row
    [path] = [p for p in (schools / "records/visits").rglob("*.yaml") if "1063020130" in p.name]
    path.write_text(path.read_text(encoding="utf-8") + "note: โทรติดตามแล้ว  # ตรวจแล้ว\n", encoding="utf-8")
    rows[1][7] = "ดีมาก"
    rows[1][8] = ""
    r = run("import", "visits", str(xlsx(tmp_path / "v.xlsx", rows)), "--json")
    assert r.exit_code == 0
    assert {k: r.json()[k] for k in ("created", "updated", "unchanged")} == {"created": 0, "updated": 1, "unchanged": 1}
    assert r.json()["changes"] == [{"action": "update", "path": str(path.relative_to(schools)),
                                    "fields": ["findings", "suggestions"]}]
    assert "แก้ไข records/visits/" in r.stderr and "ผลการนิเทศ, ข้อเสนอแนะ" in r.stderr and "v.xlsx#Sheet1 แถว 2" in r.stderr
    text = path.read_text(encoding="utf-8")
    assert "findings: ดีมาก" in text and "suggestions" not in text
    assert "# ตรวจแล้ว" in text and "note: โทรติดตามแล้ว" in text
    assert text.startswith("# yaml-language-server")


def test_duplicates_inside_a_file_count_once(schools: Path, run: Any, tmp_path: Path) -> None:
    row = ["25/11/2569", "1063020130", "ครูหนึ่ง", "ภาษาไทย", "ป.1", "", "", "ดี", ""]
    conflicting = [*row[:7], "ไม่ดี", ""]
    f = xlsx(tmp_path / "v.xlsx", [VISIT_HEADER, row, list(row), ["2025-11-25", *row[1:]], conflicting])
    r = run("import", "visits", str(f), "--json", "--skip-invalid")
    assert (r.json()["created"], r.json()["skipped"]) == (2, 1)
    [rej] = r.json()["rejected"]
    assert rej["row"] == 5 and "แถว 2" in rej["reason"] and "ข้อมูลต่างกัน" in rej["reason"]
    assert r.exit_code == 1
    assert len(records(schools, "visits")) == 2


def test_all_or_nothing_skip_invalid_and_rejects_file(schools: Path, run: Any, tmp_path: Path) -> None:
    rows = [["แบบรายงานการนิเทศ"], VISIT_HEADER,
            ["25/11/2569", "1063020130", "ครูหนึ่ง", "", "", "", "", "ดี", ""],
            ["31/11/2569", "1063020130", "ครูสอง", "", "", "", "", "", ""],
            ["26/11/2569", "9999999999", "ครูสาม", "", "", "", "", "", ""],
            ["", "1063020131", "ครูสี่", "", "", "", "", "", ""],
            ["27/11/2569", "บ้านแม่ละเมา", "ครูห้า", "", "", "ไม่มีโครงการนี้", "", "", ""],
            ["28/11/2569", "1063020132", "ครูหก", "", "", "", "", "=ดี", ""]]
    f = xlsx(tmp_path / "v.xlsx", rows, title="ส่งเขต")
    r = run("import", "visits", str(f), "--json")
    assert r.exit_code == 1
    rej = r.json()["rejected"]
    assert [(x["file"], x["sheet"], x["row"]) for x in rej] == [("v.xlsx", "ส่งเขต", n) for n in (4, 5, 6, 7)]
    reasons = {x["row"]: x["reason"] for x in rej}
    assert "วันที่ 31 ไม่มีในเดือนพฤศจิกายน" in reasons[4]
    assert "ไม่พบโรงเรียน “9999999999”" in reasons[5]
    assert "ไม่มีวันที่นิเทศ" in reasons[6]
    assert "ไม่รู้จักโครงการ" in reasons[7]
    assert records(schools, "visits") == {}
    out = tmp_path / "แก้ไข.xlsx"
    r = run("import", "visits", str(f), "--skip-invalid", "--rejects", str(out), "--json")
    assert r.exit_code == 1
    assert r.json()["created"] == 2
    assert {v["supervisees"][0]["name"] for v in records(schools, "visits").values()} == {"ครูหนึ่ง", "ครูหก"}
    assert any(v.get("findings") == "=ดี" for v in records(schools, "visits").values())
    sheet = openpyxl.load_workbook(out).active
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "แบบรายงานการนิเทศ"
    assert values[1][:3] == ("วันที่นิเทศ", "รหัสโรงเรียน", "ผู้รับการนิเทศ")
    assert values[1][-4:] == ("เหตุผล", "ไฟล์", "ชีต", "แถว")
    assert [row[2] for row in values[2:]] == ["ครูสอง", "ครูสาม", "ครูสี่", "ครูห้า"]
    assert [row[-1] for row in values[2:]] == [4, 5, 6, 7]
    assert "ไม่พบโรงเรียน" in values[3][-4]
    # the school fixes the rows and sends the same file back: it imports cleanly
    wb = openpyxl.load_workbook(out)
    s = wb.active
    s["A3"], s["B4"], s["A5"], s["F6"] = "30/11/2569", "1063020131", "1/12/2569", "reading"
    wb.save(out)
    r = run("import", "visits", str(out), "--json")
    assert r.exit_code == 0, r.stdout + r.stderr
    assert r.json()["created"] == 4
    assert "ไม่ใช้คอลัมน์ “เหตุผล”, “ไฟล์”, “ชีต”, “แถว”: เป็นข้อมูลที่ nitet ไม่เก็บ" in r.stderr


def test_dry_run_writes_nothing(schools: Path, run: Any, tmp_path: Path) -> None:
    f = xlsx(tmp_path / "v.xlsx", [VISIT_HEADER, ["25/11/2569", "1063020130", "ครูหนึ่ง", "", "", "", "", "", ""]])
    before = all_text(schools)
    r = run("import", "visits", str(f), "--dry-run")
    assert r.exit_code == 0
    assert r.stdout.startswith("+ records/visits/2570/2026-11-25-1063020130-")
    assert "ทดลองนำเข้า" in r.stderr
    assert all_text(schools) == before and records(schools, "visits") == {}
    assert not list((schools / ".nitet").glob("import-*"))


def test_folder_of_files_and_map(schools: Path, run: Any, tmp_path: Path) -> None:
    folder = tmp_path / "จากโรงเรียน"
    folder.mkdir()
    csv_file(folder / "a.csv", [VISIT_HEADER, ["25/11/2569", "1063020130", "ครูหนึ่ง", "", "", "", "", "", ""]])
    xlsx(folder / "b.xlsx", [["วัน", "ร.ร.", "ครู"], ["26/11/2569", "1063020131", "ครูสอง"]])
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    r = run("import", "visits", str(folder))
    assert r.exit_code == 1 and "b.xlsx" in r.stderr and "--map" in r.stderr
    m = tmp_path / "map.yaml"
    m.write_text("columns:\n  วัน: date\n  ร.ร.: school\n  ครู: supervisee\n", encoding="utf-8")
    r = run("import", "visits", str(folder), "--map", str(m), "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["created"] == 2


def test_an_import_stopped_after_the_decision_is_finished_by_the_next_command(
        schools: Path, run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stop in the middle of moving files in (here an exception at the 4th of 10) leaves the
    journal: the next nitet command, whatever it is, moves the other files in and says so."""
    import os

    from nitet.storage import journal

    rows = [VISIT_HEADER] + [[f"{d}/11/2569", "1063020130", f"ครู {d}", "", "", "", "", "ดี", ""] for d in range(1, 11)]
    f = xlsx(tmp_path / "v.xlsx", rows)
    real_link, calls = os.link, []

    def dying_link(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 4:
            raise KeyboardInterrupt
        real_link(src, dst)

    monkeypatch.setattr(journal.os, "link", dying_link)
    with pytest.raises(KeyboardInterrupt):
        from nitet.cli import context
        from nitet.commands.import_run import run_import

        context.reset()
        context.state.directory = schools
        run_import(context.workspace(), "visits", [f])
    monkeypatch.setattr(journal.os, "link", real_link)
    assert len(records(schools, "visits")) == 3
    (schools / ".nitet" / "lock").write_text('{"pid": 999999, "command": "nitet import visits", "since": "2026-01-10T10:00:00"}')
    stale = schools / ".nitet" / "import-999999-abcdef"  # an older nitet's staging folder
    stale.mkdir(parents=True)
    (stale / "0.yaml").write_text("half", encoding="utf-8")
    r = run("check")
    assert r.exit_code == 0, r.stdout
    assert "nitet import visits" in r.stderr and "เขียนต่อจนครบแล้ว (10 ไฟล์ ค้างอยู่ 7 ไฟล์)" in r.stderr
    got = records(schools, "visits")
    assert len(got) == 10 and all(v["findings"] == "ดี" for v in got.values())
    assert not [p.name for p in (schools / ".nitet").iterdir() if p.name.startswith(("import-", "txn-"))]
    r = run("import", "visits", str(f), "--json")
    assert (r.json()["created"], r.json()["unchanged"]) == (0, 10)


def test_an_import_that_cannot_move_a_file_in_puts_everything_back(schools: Path, run: Any, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    from nitet.storage import journal

    rows = [VISIT_HEADER] + [[f"{d}/11/2569", "1063020130", f"ครู {d}", "", "", "", "", "ดี", ""] for d in range(1, 11)]
    f = xlsx(tmp_path / "v.xlsx", rows)
    real_link, calls = os.link, []

    def failing_link(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 6:
            raise OSError(errno.EACCES, "Permission denied", str(dst))
        real_link(src, dst)

    monkeypatch.setattr(journal.os, "link", failing_link)
    r = run("import", "visits", str(f))
    assert r.exit_code == 1 and "Permission denied" in r.stderr and "ไม่มีไฟล์ใดถูกเปลี่ยน" in r.stderr
    assert records(schools, "visits") == {}
    assert not [p.name for p in (schools / ".nitet").iterdir() if p.name.startswith("txn-")]


# ----------------------------------------------------------------------------- screening

PUPILS = ["เด็กชายสมชาย ใจดี", "เด็กหญิงมาลี สีสวย", "เด็กชายย้าย ไปแล้ว", "เด็กหญิงดวงใจ รักเรียน"]


def _pupil_sheet(path: Path, title_rows: list[list[Any]]) -> Path:
    rows = [*title_rows,
            ["ที่", "ชื่อ - สกุล", "การอ่าน", None, "การเขียน", None, "หมายเหตุ"],
            [None, None, "อ่านออกเสียง", "อ่านรู้เรื่อง", "เขียนคำ", "เขียนเรื่อง", None],
            [1, PUPILS[0], "ดีมาก", "ดี", "พอใช้", "ปรับปรุง", None],
            ["๒", PUPILS[1], 4, 3, "๓", 2, None],
            [3, PUPILS[2], None, None, None, None, "ย้าย"],
            [],
            [4, PUPILS[3], " ดี ", "ควรปรับปรุง", None, "1", None],
            [4, PUPILS[3], " ดี ", "ควรปรับปรุง", None, "1", None],
            ["รวม", None, 3, 3, 2, 3, None]]
    n = len(title_rows) + 1
    return xlsx(path, rows, merges=(f"C{n}:D{n}", f"E{n}:F{n}", f"A{n}:A{n + 1}", f"B{n}:B{n + 1}"), title="ป.1")


def test_screening_one_pupil_per_row_under_titles(schools: Path, run: Any, tmp_path: Path) -> None:
    f = _pupil_sheet(tmp_path / "คัดกรอง.xlsx", [
        ["แบบบันทึกผลการคัดกรองความสามารถด้านการอ่านและการเขียน"],
        ["โรงเรียนบ้านห้วยนกแล อำเภอแม่สอด"],
        ["ชั้นประถมศึกษาปีที่ ๑ ภาคเรียนที่ ๒ ปีการศึกษา ๒๕๖๙"]])
    r = run("import", "screening", str(f), "--json")
    assert r.exit_code == 0, r.stderr
    assert (r.json()["created"], r.json()["skipped"]) == (1, 2)  # the duplicate pupil row and the total row
    [rec] = records(schools, "screenings").values()
    assert rec == {
        "id": "1063020131-2569-2-p1", "school": "1063020131", "academic_year": 2569, "semester": 2, "grade": 1,
        "assessed": 3,
        "read_aloud": {"excellent": 2, "good": 1, "fair": 0, "improve": 0},
        "read_comprehension": {"excellent": 0, "good": 2, "fair": 0, "improve": 1},
        "write_words": {"excellent": 0, "good": 1, "fair": 1, "improve": 0},
        "write_story": {"excellent": 0, "good": 0, "fair": 1, "improve": 2},
        "source": "คัดกรอง.xlsx#ป.1"}
    text = all_text(schools)
    for name in PUPILS:
        assert name not in text
        for part in name.split():
            assert part not in text
    assert not any(n in r.stderr + r.stdout for n in PUPILS)
    assert run("import", "screening", str(f), "--json").json()["unchanged"] == 1


def test_screening_from_options_and_conflicts(schools: Path, run: Any, tmp_path: Path) -> None:
    f = _pupil_sheet(tmp_path / "s.xlsx", [["ภาคเรียนที่ 1"]])
    r = run("import", "screening", str(f), "--json")
    assert r.exit_code == 1
    assert {x["row"] for x in r.json()["rejected"]} == {4, 5, 6, 8, 9}
    assert "--school" in r.json()["rejected"][0]["reason"]
    r = run("import", "screening", str(f), "--school", "โรงเรียนบ้านพบพระ", "--academic-year", "2569",
            "--semester", "2", "--grade", "ป.๑", "--json")
    assert r.exit_code == 1
    assert "ภาคเรียน ในไฟล์ (1) ไม่ตรงกับที่ระบุในคำสั่ง (2)" in r.json()["rejected"][0]["reason"]
    r = run("import", "screening", str(f), "--school", "63020132", "--academic-year", "2569",
            "--semester", "1", "--grade", "1", "--json")
    assert r.exit_code == 0, r.stderr
    assert list(records(schools, "screenings")) == ["1063020132-2569-1-p1"]


def test_screening_bad_level_rejects_the_whole_class(schools: Path, run: Any, tmp_path: Path) -> None:
    rows = [["โรงเรียน", "ปีการศึกษา", "ภาคเรียน", "ชั้น", "อ่านออกเสียง", "เขียนคำ"],
            ["1063020130", "2569", "1", "ป.1", "ดี", "ดี"],
            ["1063020130", "2569", "1", "ป.1", "17", "ดี"],
            ["1063020131", "2569", "1", "ป.2", "ดีมาก", "พอใช้"]]
    r = run("import", "screening", str(csv_file(tmp_path / "s.csv", rows)), "--json", "--skip-invalid")
    assert r.exit_code == 1
    rej = {x["row"]: x["reason"] for x in r.json()["rejected"]}
    assert sorted(rej) == [2, 3]
    assert "“17” ไม่ใช่ระดับ" in rej[3] and "แถว 3" in rej[2]
    assert list(records(schools, "screenings")) == ["1063020131-2569-1-p2"]


def test_screening_already_counted(schools: Path, run: Any, tmp_path: Path) -> None:
    rows = [["สรุปผลการคัดกรอง ภาคเรียนที่ 2 ปีการศึกษา 2569"],
            ["รหัสโรงเรียน", "ชั้น", "จำนวนนักเรียนที่คัดกรอง", "อ่านออกเสียง", None, None, None,
             "อ่านรู้เรื่อง", None, None, None],
            [None, None, None, "ดีมาก", "ดี", "พอใช้", "ปรับปรุง", "ดีมาก", "ดี", "พอใช้", "ปรับปรุง"],
            ["1063020130", "ป.1", "1,020", 500, 300, 200, 20, 400, 400, 200, 20],
            ["1063020131", "ป.2", 10, 1, 2, 3, 4, 0, 0, 0, 10],
            ["รวม", None, 1030, 501, 302, 203, 24, 400, 400, 200, 30]]
    f = xlsx(tmp_path / "sum.xlsx", rows, merges=("D2:G2", "H2:K2", "A2:A3", "B2:B3", "C2:C3"))
    r = run("import", "screening", str(f), "--json")
    assert r.exit_code == 0, r.stderr
    got = records(schools, "screenings")
    assert got["1063020130-2569-2-p1"]["assessed"] == 1020
    assert got["1063020130-2569-2-p1"]["read_aloud"] == {"excellent": 500, "good": 300, "fair": 200, "improve": 20}
    assert got["1063020131-2569-2-p2"]["read_comprehension"]["improve"] == 10
    assert "write_words" not in got["1063020131-2569-2-p2"]


# ----------------------------------------------------------------------------- templates


def _fill(path: Path, rows: list[list[Any]]) -> None:
    wb = openpyxl.load_workbook(path)
    s = wb["ข้อมูล"]
    for i, row in enumerate(rows, start=2):
        for j, v in enumerate(row, start=1):
            s.cell(row=i, column=j, value=v)
    wb.save(path)


def test_templates_import_back(schools: Path, run: Any, tmp_path: Path) -> None:
    for kind, rows in {
        "schools": [["1063020199", "63020199", "โรงเรียนบ้านใหม่", "แม่ระมาด", "", "", 35, 4, "", "ใช่", "ไม่ใช่", ""]],
        "visits": [["25/11/2569", "1063020130 โรงเรียนบ้านแม่ละเมา", "ครูหนึ่ง", "ครู", "ภาษาไทย", "ป.1", "reading",
                    "สังเกตการสอน", "การอ่าน", "ดี", "", "", "", "", ""]],
        "screening": [["1063020131 โรงเรียนบ้านห้วยนกแล", 2569, "1", "ป.3", 1, "ดีมาก", "ดี", "พอใช้", "ปรับปรุง", ""],
                      ["1063020131 โรงเรียนบ้านห้วยนกแล", 2569, "1", "ป.3", 2, "ดี", "ดี", "", "", "ย้ายกลางภาค"]],
    }.items():
        out = tmp_path / f"{kind}.xlsx"
        r = run("import", "template", kind, "-o", str(out))
        assert r.exit_code == 0, r.stderr
        wb = openpyxl.load_workbook(out)
        assert wb.sheetnames == ["ข้อมูล", "รายการ", "คำแนะนำ"] and wb["รายการ"].sheet_state == "hidden"
        assert wb["ข้อมูล"].data_validations.dataValidation, kind
        empty = run("import", kind, str(out), "--json")
        assert empty.exit_code == 0 and empty.json()["created"] == 0, empty.stderr
        _fill(out, rows)
        r = run("import", kind, str(out), "--json")
        assert r.exit_code == 0, r.stderr
        assert r.json()["created"] == 1, kind
    assert records(schools, "schools")["1063020199"]["dltv"] is True
    rec = records(schools, "screenings")["1063020131-2569-1-p3"]
    assert rec["assessed"] == 2 and rec["read_aloud"] == {"excellent": 1, "good": 1, "fair": 0, "improve": 0}
    lists = [c for c in openpyxl.load_workbook(tmp_path / "screening.xlsx")["รายการ"].iter_cols(values_only=True)]
    assert ("[levels]", "ดีมาก", "ดี", "พอใช้", "ปรับปรุง") in [tuple(x for x in col if x) for col in lists]


def test_import_cli_does_not_load_openpyxl() -> None:
    import subprocess
    import sys

    code = "import sys, nitet.cli, nitet.commands.import_; print('openpyxl' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_commit_only_the_imported_files(ws: Path, run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "t")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "t@example.org")

    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@x", *args], cwd=ws,
                              capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "init")
    (ws / "other.txt").write_text("x", encoding="utf-8")
    git("add", "other.txt")
    r = run("import", "schools", str(csv_file(tmp_path / "s.csv", SCHOOLS)), "--commit")
    assert r.exit_code == 0, r.stderr
    assert git("log", "-1", "--format=%s").strip() == "nitet: นำเข้า schools จาก s.csv (สร้างใหม่ 3, แก้ไข 0)"
    assert sorted(git("show", "--name-only", "--format=", "HEAD").split()) == \
        [f"records/schools/10630201{n}.yaml" for n in (30, 31, 32)]
    assert git("diff", "--cached", "--name-only").split() == ["other.txt"]


def test_pre_numbered_empty_rows_and_signature_lines_are_blank(ws: Path, run: Any, tmp_path: Path) -> None:
    rows = [["ที่", "รหัสโรงเรียน", "ชื่อโรงเรียน"], [1, "1063020130", "โรงเรียนบ้านแม่ละเมา"],
            *[[n, None, None] for n in range(2, 6)], [None, None, None], ["ลงชื่อ.................ผู้รายงาน"]]
    r = run("import", "schools", str(xlsx(tmp_path / "s.xlsx", rows, more={"สรุป": [["หมายเหตุ"], ["ไม่มี"]]})), "--json")
    assert r.exit_code == 0, r.stderr
    assert (r.json()["created"], r.json()["skipped"], r.json()["rejected"]) == (1, 0, [])
    assert "s.xlsx#สรุป: ไม่พบหัวตาราง ข้ามชีตนี้" in r.stderr


def test_follow_up_marked_done_by_hand_survives_reimport(schools: Path, run: Any, tmp_path: Path) -> None:
    rows = [[*VISIT_HEADER, "วันที่ติดตามผล", "การติดตามผล"],
            ["25/11/2569", "1063020130", "ครูหนึ่ง", "", "", "", "", "ดี", "", "10/12/2569", "ดูแผน"]]
    f = xlsx(tmp_path / "v.xlsx", rows)
    assert run("import", "visits", str(f)).exit_code == 0
    [path] = (schools / "records/visits").rglob("*.yaml")
    text = path.read_text(encoding="utf-8")
    assert "follow_up:\n  date: 2026-12-10\n  action: ดูแผน\n" in text
    path.write_text(text.replace("  action: ดูแผน\n", "  action: ดูแผน\n  done: true\n"), encoding="utf-8")
    assert run("import", "visits", str(f), "--json").json()["unchanged"] == 1
    rows[1][10] = "ดูแผนและสมุดนักเรียน"
    r = run("import", "visits", str(xlsx(tmp_path / "v.xlsx", rows)), "--json")
    assert r.json()["changes"][0]["fields"] == ["follow_up"]
    assert parse_fast(path.read_bytes())["follow_up"] == {"date": "2026-12-10", "action": "ดูแผนและสมุดนักเรียน",
                                                          "done": True}


def test_rejects_as_csv_keep_the_row_and_control_characters_do_not_break_xlsx(schools: Path, run: Any,
                                                                               tmp_path: Path) -> None:
    f = csv_file(tmp_path / "v.csv", [VISIT_HEADER, ["32/11/2569", "1063020130", "ครู\x0bหนึ่ง", "", "", "", "", "", ""]])
    out_csv, out_xlsx = tmp_path / "r.csv", tmp_path / "r.xlsx"
    assert run("import", "visits", str(f), "--rejects", str(out_csv)).exit_code == 1
    assert run("import", "visits", str(f), "--rejects", str(out_xlsx)).exit_code == 1
    text = out_csv.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffวันที่นิเทศ,รหัสโรงเรียน") and "32/11/2569" in text and ",v.csv,,2\n" in text
    assert openpyxl.load_workbook(out_xlsx).active["C2"].value == "ครูหนึ่ง"


def test_sheet_with_a_csv_says_it_does_not_apply(schools: Path, run: Any, tmp_path: Path) -> None:
    f = csv_file(tmp_path / "v.csv", [VISIT_HEADER, ["25/11/2569", "1063020130", "ครูหนึ่ง", "", "", "", "", "", ""]])
    r = run("import", "visits", str(f), "--sheet", "5", "--dry-run")
    assert r.exit_code == 0, r.stderr
    assert "v.csv: ไฟล์ CSV มีตารางเดียว --sheet จึงไม่มีผลกับไฟล์นี้" in r.stderr
    assert "--sheet" not in run("import", "visits", str(f), "--dry-run").stderr


def test_a_google_forms_export_with_numbered_questions(schools: Path, run: Any, tmp_path: Path) -> None:
    rows = [["ประทับเวลา", "1. วันที่นิเทศ", "2. รหัสโรงเรียน", "3. ชื่อผู้นิเทศ", "4. วิธีการนิเทศ", "5) ผลการนิเทศ"],
            ["25/11/2026, 10:02:11", "25/11/2569", "1063020130", "นางสาวสมใจ ใฝ่นิเทศ", "สังเกตการสอน, PLC", "ดี"]]
    r = run("import", "visits", str(csv_file(tmp_path / "form.csv", rows)), "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["created"] == 1
    [visit] = records(schools, "visits").values()
    assert (visit["date"], visit["school"], visit["supervisors"], visit["methods"], visit["findings"]) == (
        "2026-11-25", "1063020130", ["นางสาวสมใจ ใฝ่นิเทศ"], ["observation", "plc"], "ดี")


def test_a_short_form_of_a_registered_name_does_not_replace_it(schools: Path, run: Any, tmp_path: Path) -> None:
    rows = [SCHOOLS[0], ["1063020130", "63020130", "บ้านแม่ละเมา", "ท่าสองยาง", "แม่ละเมา", "152"],
            ["1063020131", "63020131", "ร.ร.บ้านห้วยนกแล", "แม่สอด", "แม่ตาว", "90"]]
    r = run("import", "schools", str(csv_file(tmp_path / "short.csv", rows)), "--json")
    assert r.exit_code == 0, r.stderr
    assert {k: r.json()[k] for k in ("created", "updated", "unchanged")} == {"created": 0, "updated": 1, "unchanged": 1}
    assert r.json()["changes"][0]["fields"] == ["students"]  # 88 → 90; the names stay
    got = records(schools, "schools")
    assert got["1063020130"]["name"] == "โรงเรียนบ้านแม่ละเมา" and got["1063020131"]["name"] == "โรงเรียนบ้านห้วยนกแล"


def test_the_visit_template_suggests_methods_but_lets_several_be_typed(ws: Path, run: Any, tmp_path: Path) -> None:
    out = tmp_path / "visits.xlsx"
    assert run("import", "template", "visits", "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out)["ข้อมูล"]
    header = [c.value for c in sheet[1]]
    col = openpyxl.utils.get_column_letter(header.index("วิธีการนิเทศ") + 1)
    [dv] = [d for d in sheet.data_validations.dataValidation if str(d.sqref).startswith(f"{col}2")]
    assert dv.type == "list" and dv.errorStyle == "warning"  # Excel asks, it does not refuse "สังเกตการสอน, PLC"
    others = [d for d in sheet.data_validations.dataValidation if d is not dv and d.type == "list"]
    assert others and all(d.errorStyle in (None, "stop") for d in others)
