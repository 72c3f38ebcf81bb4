"""nitet flow start|advance|status|cancel|show: running the manual's processes as cases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import make_runner
from nitet.domain.flows import case_progress
from nitet.storage.yamlfast import parse_fast

MANUAL_ORDER = {
    "media-innovation": ["1", "2.1", "2.2", "2", "3", "4", "5", "6", "7"],
    "media-research": ["1.1", "1.2", "1", "2", "3", "4", "5"],
    "career-teacher": ["1", "2", "3", "4", "5"],
    "area-supervision": ["1", "2", "3", "4.1", "4.2.1", "4.2.2", "4.2", "4", "5"],
}
SCHOOL = 'code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\ndistrict: แม่สอด\n'


def start(run, workflow: str = "area-supervision", *extra: str) -> str:
    r = run("flow", "start", workflow, "--title", "การนิเทศแบบบูรณาการ ปีงบประมาณ ๒๕๖๙", "--fy", "2569",
            "--date", "2025-10-01", *extra)
    assert r.exit_code == 0, r.stderr
    return r.stdout.strip()


def case_file(ws: Path, case_id: str) -> Path:
    return ws / "records" / "cases" / "2569" / f"{case_id}.yaml"


def read(ws: Path, case_id: str) -> dict:
    return parse_fast(case_file(ws, case_id).read_bytes())  # dates stay ISO text, as stored


def read_any(ws: Path, case_id: str) -> dict:
    path = next((ws / "records/cases").rglob(f"{case_id}.yaml"))
    return parse_fast(path.read_bytes())


def add_visit(ws: Path, name: str, **fields: str) -> str:
    (ws / "records/schools").mkdir(parents=True, exist_ok=True)
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    folder = ws / "records/visits/2569"
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f'{k}: "{v}"\n' for k, v in {"date": name[:10], "school": "1063020130", **fields}.items())
    (folder / f"{name}.yaml").write_text(body, encoding="utf-8")
    return name


@pytest.mark.parametrize("workflow", sorted(MANUAL_ORDER))
def test_each_manual_process_runs_from_start_to_done(ws: Path, run, workflow: str) -> None:
    (ws / "evidence").mkdir()
    (ws / "evidence/รายงาน.pdf").write_bytes(b"%PDF")
    cid = start(run, workflow)
    assert cid.startswith(f"{workflow}-2569-")
    leaves = [s for s in MANUAL_ORDER[workflow] if not any(o.startswith(s + ".") for o in MANUAL_ORDER[workflow])]
    for n, leaf in enumerate(leaves, start=1):
        r = run("flow", "advance", cid[:len(workflow) + 8], "--note", f"บันทึกขั้นตอน {leaf}",
                "--evidence", "evidence/รายงาน.pdf", "--date", f"{n} พ.ย. 2568", "--step", leaf)
        assert r.exit_code == 0, r.stderr
        assert f"ขั้นตอน {leaf} เสร็จ" in r.stderr
    doc = read(ws, cid)
    assert [s["step"] for s in doc["steps"]] == MANUAL_ORDER[workflow]
    assert doc["status"] == "done"
    assert doc["finished"] == f"2025-11-{len(leaves):02d}"
    by_step = {s["step"]: s for s in doc["steps"]}
    for n, leaf in enumerate(leaves, start=1):
        assert by_step[leaf] == {"step": leaf, "date": f"2025-11-{n:02d}", "by": "นางสาวทดสอบ ระบบ",
                                 "note": f"บันทึกขั้นตอน {leaf}", "evidence": ["evidence/รายงาน.pdf"]}
    text = case_file(ws, cid).read_text(encoding="utf-8")
    for sid in MANUAL_ORDER[workflow]:
        assert f'  - step: "{sid}"\n' in text
    assert run("check").exit_code == 0
    status = run("flow", "status", cid, "--json").json()
    assert (status["status"], status["current"]) == ("done", None)
    assert status["progress"]["done"] == status["progress"]["total"]


def test_parent_completes_with_its_last_sub_step(ws: Path, run) -> None:
    cid = start(run)
    for step in (None, None, None, "4.1", "4.2.1"):
        assert run("flow", "advance", cid, *(["--step", step] if step else []), "--force", "ทดสอบ",
                   "--date", "2025-12-01").exit_code == 0
    assert [s["step"] for s in read(ws, cid)["steps"]][-1] == "4.2.1"
    r = run("flow", "advance", cid, "--force", "ทดสอบ", "--date", "2025-12-02")  # 4.2.2: the one step open
    assert "ขั้นตอน 4.2 เสร็จ" in r.stderr and "ขั้นตอน 4 เสร็จ" in r.stderr
    steps = read(ws, cid)["steps"]
    assert [(s["step"], s["date"]) for s in steps[-3:]] == [
        ("4.2.2", "2025-12-02"), ("4.2", "2025-12-02"), ("4", "2025-12-02")]
    assert "note" not in steps[-1] and "forced" not in steps[-1]
    status = run("flow", "status", cid, "--json").json()
    assert status["current"] == "5"
    assert status["progress"] == {"done": 4, "total": 5, "leaves_done": 6, "leaves_total": 7}


def test_advancing_a_done_case_is_refused_in_thai(ws: Path, run) -> None:
    cid = start(run, "career-teacher")
    for _ in range(5):
        assert run("flow", "advance", cid, "--force", "ไม่มีเอกสาร").exit_code == 0
    before = case_file(ws, cid).read_bytes()
    r = run("flow", "advance", cid, "--force", "อีกครั้ง")
    assert r.exit_code == 1
    assert f"งาน {cid} เสร็จครบทุกขั้นตอนแล้ว" in r.stderr
    assert case_file(ws, cid).read_bytes() == before
    assert "is already done" in run("flow", "advance", cid, lang="en").stderr


def test_cancelling_a_done_case_speaks_of_cancelling(ws: Path, run) -> None:
    cid = start(run, "career-teacher")
    for _ in range(5):
        assert run("flow", "advance", cid, "--force", "ไม่มีเอกสาร", "--date", "2025-11-01").exit_code == 0
    before = case_file(ws, cid).read_bytes()
    r = run("flow", "cancel", cid, "--reason", "x")
    assert r.exit_code == 1
    assert f"งาน {cid} เสร็จครบทุกขั้นตอนแล้ว (2025-11-01) จึงยกเลิกไม่ได้" in r.stderr
    assert "เดินหน้าต่อไม่ได้" not in r.stderr
    assert case_file(ws, cid).read_bytes() == before
    en = run("flow", "cancel", cid, "--reason", "x", lang="en").stderr
    assert f"case {cid} is already done (2025-11-01); it cannot be cancelled" in en


def test_missing_suggested_evidence_warns_and_the_step_is_recorded(ws: Path, run) -> None:
    """The manual sets no evidence: the built-in workflows suggest it and warn, never refuse."""
    cid = start(run)
    before = case_file(ws, cid).read_bytes()
    r = run("flow", "advance", cid, "--evidence", "evidence/ไม่มีไฟล์นี้.pdf")
    assert r.exit_code == 1 and "ไม่พบไฟล์หลักฐาน evidence/ไม่มีไฟล์นี้.pdf" in r.stderr
    assert case_file(ws, cid).read_bytes() == before
    r = run("flow", "advance", cid, "--note", "รวบรวมข้อมูลแล้ว", "--date", "2025-10-15")
    assert r.exit_code == 0, r.stderr
    assert "คำเตือน: ขั้นตอน 1 ยังไม่มีหลักฐานที่แนะนำ (ข้อมูลสารสนเทศ [nitet เพิ่ม]) — บันทึกว่าเสร็จแล้ว" in r.stderr
    assert "--record" in r.stderr
    assert read(ws, cid)["steps"] == [{"step": "1", "date": "2025-10-15", "by": "นางสาวทดสอบ ระบบ",
                                       "note": "รวบรวมข้อมูลแล้ว"}]
    detail = run("flow", "status", cid).stdout
    assert "✓ 1. รวบรวมจัดทำระบบข้อมูลสารสนเทศ" in detail and "(บันทึกโดย นางสาวทดสอบ ระบบ)" in detail
    assert "หลักฐานที่แนะนำ: ข้อมูลสภาพความต้องการ" in detail  # the step open next says what it suggests


def test_required_evidence_is_refused_without_a_piece_and_force_reason_recorded(ws: Path, run) -> None:
    (ws / "workflows/mine.yaml").write_text(
        'id: mine\ntitle: งานของสำนักงาน\nsteps:\n  - id: "1"\n    title: ส่งแผน\n'
        '    evidence:\n      - {title: แผนที่ลงนามแล้ว, required: true}\n      - บันทึกการประชุม\n'
        '  - id: "2"\n    title: สรุป\n', encoding="utf-8")
    cid = start(run, "mine")
    before = case_file(ws, cid).read_bytes()
    r = run("flow", "advance", cid, "--note", "ส่งแล้ว")
    assert r.exit_code == 1
    assert "ขั้นตอน 1 ต้องมีหลักฐาน (แผนที่ลงนามแล้ว) แต่ยังไม่ได้ระบุ" in r.stderr and "--force" in r.stderr
    assert case_file(ws, cid).read_bytes() == before
    r = run("flow", "advance", cid, "--note", "ส่งแล้ว", "--force", "ผู้อำนวยการยังไม่ลงนาม", "--date", "2025-10-15")
    assert r.exit_code == 0 and "คำเตือน" not in r.stderr
    assert read(ws, cid)["steps"] == [{"step": "1", "date": "2025-10-15", "by": "นางสาวทดสอบ ระบบ",
                                       "note": "ส่งแล้ว", "forced": "ผู้อำนวยการยังไม่ลงนาม"}]
    assert "ข้ามหลักฐาน เพราะ: ผู้อำนวยการยังไม่ลงนาม" in run("flow", "status", cid).stdout
    show = run("flow", "show", "mine").stdout
    assert "หลักฐานที่ต้องมี: แผนที่ลงนามแล้ว" in show and "หลักฐานที่แนะนำ: บันทึกการประชุม" in show


def test_a_screening_record_is_evidence_of_step_4_2_2(demo_ws: Path) -> None:
    run = make_runner(demo_ws)
    cid = run("flow", "status", "--json").json()[0]["id"]
    screening = "1063350101-2568-2-p1"
    r = run("flow", "advance", cid, "--step", "4.2.2", "--record", screening, "--date", "2026-03-31")
    assert r.exit_code == 0, r.stderr
    assert "คำเตือน" not in r.stderr
    assert read_any(demo_ws, cid)["steps"][-1] == {"step": "4.2.2", "date": "2026-03-31",
                                                   "by": "นางสาวสมใจ ใฝ่นิเทศ", "records": [screening]}
    step = {s["id"]: s for s in run("flow", "status", cid, "--json").json()["steps"]}["4.2.2"]
    assert step["records"] == [{"id": screening, "kind": "screening",
                                "path": f"records/screenings/2568/{screening}.yaml",
                                "label": "ผลการคัดกรองการอ่านการเขียน โรงเรียนบ้านห้วยน้ำใส ปีการศึกษา 2568 "
                                         "ภาคเรียนที่ 2 ชั้น ป.1"}]
    assert "ระเบียนที่เป็นหลักฐาน: ผลการคัดกรองการอ่านการเขียน โรงเรียนบ้านห้วยน้ำใส" in run("flow", "status", cid).stdout
    visit = run("visit", "list", "--all", "--json").json()[0]["id"]  # --record also takes a visit: linked as a visit
    r = run("flow", "advance", cid, "--step", "4.1", "--record", f"records/visits/2569/{visit}.yaml",
            "--date", "2026-03-31")
    assert r.exit_code == 0, r.stderr
    assert read_any(demo_ws, cid)["steps"][-1]["visits"] == [visit]
    assert make_runner(demo_ws)("check").exit_code == 0
    r = run("flow", "advance", cid, "--step", "4.2.1", "--record", "ไม่มีระเบียนนี้")
    assert r.exit_code == 1 and "ไม่พบระเบียน 'ไม่มีระเบียนนี้'" in r.stderr
    r = run("flow", "advance", cid, "--step", "4.2.1", "--record", "1063350101-2568")
    assert r.exit_code == 1 and "ตรงกับระเบียนหลายรายการ" in r.stderr


def test_a_linked_record_that_is_gone_is_a_finding(demo_ws: Path) -> None:
    run = make_runner(demo_ws)
    cid = run("flow", "status", "--json").json()[0]["id"]
    assert run("flow", "advance", cid, "--step", "4.2.2", "--record", "1063350101-2568-2-p1").exit_code == 0
    (demo_ws / "records/screenings/2568/1063350101-2568-2-p1.yaml").unlink()
    doc = run("check", "--json").json()
    assert [(f["check"], f["message"]) for f in doc["findings"]] == [
        ("unknown-record", "ไม่พบระเบียน '1063350101-2568-2-p1'")]


def test_step_without_declared_evidence_needs_none(ws: Path, run) -> None:
    cid = start(run, "career-teacher")
    assert run("flow", "advance", cid, "--force", "x").exit_code == 0
    assert run("flow", "advance", cid, "--force", "x").exit_code == 0
    r = run("flow", "advance", cid, "--step", "3")  # ส่งเสริมให้คำแนะนำการดำเนินงาน: no evidence declared
    assert r.exit_code == 0, r.stderr
    assert read(ws, cid)["steps"][-1]["step"] == "3"


def test_evidence_outside_the_workspace_is_refused(ws: Path, run, tmp_path: Path) -> None:
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(b"x")
    cid = start(run)
    r = run("flow", "advance", cid, "--evidence", str(outside))
    assert r.exit_code == 1 and "อยู่นอกพื้นที่ทำงาน" in r.stderr


def test_visits_linked_to_a_step_appear_under_it(ws: Path, run) -> None:
    cid = start(run)
    for _ in range(3):
        assert run("flow", "advance", cid, "--force", "ทดสอบ", "--date", "2025-11-01").exit_code == 0
    v1 = add_visit(ws, "2025-11-20-1063020130-aaa111", case=cid, step="4.1")
    v2 = add_visit(ws, "2025-11-21-1063020130-bbb222")
    # 4.1 declares บันทึกการนิเทศ: the visit record naming this case and step is that evidence
    assert run("flow", "advance", cid, "--step", "4.1", "--date", "2025-11-22").exit_code == 0
    assert run("flow", "advance", cid, "--step", "4.2.1", "--visit", "2025-11-21-1063020130-bb",
               "--date", "2025-11-23").exit_code == 0
    assert read(ws, cid)["steps"][-1] == {"step": "4.2.1", "date": "2025-11-23", "by": "นางสาวทดสอบ ระบบ",
                                          "visits": [v2]}
    status = run("flow", "status", cid, "--json").json()
    steps = {s["id"]: s for s in status["steps"]}
    assert steps["4.1"]["visits"] == [{"id": v1, "date": "2025-11-20", "school": "1063020130"}]
    assert steps["4.2.1"]["visits"] == [{"id": v2, "date": "2025-11-21", "school": "1063020130"}]
    assert steps["4.2.2"]["visits"] == [] and status["current"] == "4.2.2"
    text = run("flow", "status", cid).stdout
    assert f"การนิเทศ: {v1} (20 พ.ย. 2568 โรงเรียนบ้านทดสอบ)" in text


def test_step_ids_in_thai_digits_are_accepted(ws: Path, run) -> None:
    cid = start(run)
    for _ in range(3):
        assert run("flow", "advance", cid, "--force", "ทดสอบ", "--date", "2025-11-01").exit_code == 0
    (ws / "records/schools").mkdir(parents=True, exist_ok=True)
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    r = run("visit", "add", "--school", "1063020130", "--date", "2025-11-20", "--case", cid, "--step", "๔.๑", "--json")
    assert r.exit_code == 0, r.stderr
    visit = ws / r.json()["path"]
    assert (parse_fast(visit.read_bytes())["case"], parse_fast(visit.read_bytes())["step"]) == (cid, "4.1")
    # the visit linked to ๔.๑ is that step's evidence: no --force needed
    r = run("flow", "advance", cid, "--step", " ๔.๑ ", "--date", "2025-11-21")
    assert r.exit_code == 0, r.stderr
    assert read(ws, cid)["steps"][-1] == {"step": "4.1", "date": "2025-11-21", "by": "นางสาวทดสอบ ระบบ"}
    r = run("flow", "advance", cid, "--step", "๕", "--force", "x")
    assert r.exit_code == 1 and f"ขั้นตอนที่ดำเนินการได้ของงาน {cid} ตอนนี้คือ 4.2.1, 4.2.2 ไม่ใช่ ๕" in r.stderr
    assert "ขั้นตอน 5 ต้องรอขั้นตอน 4.2.1, 4.2.2 ตามลำดับของคู่มือ" in r.stderr
    assert run("visit", "edit", visit.stem, "--step", "๔.๒.๑").exit_code == 0
    assert parse_fast(visit.read_bytes())["step"] == "4.2.1"
    assert run("visit", "edit", visit.stem, "--step", "๙.๙").exit_code == 1


def test_unknown_or_foreign_visit_is_refused(ws: Path, run) -> None:
    cid = start(run)
    r = run("flow", "advance", cid, "--visit", "ไม่มี")
    assert r.exit_code == 1 and "ไม่พบบันทึกการนิเทศ 'ไม่มี'" in r.stderr
    add_visit(ws, "2025-11-20-1063020130-ccc333", case="media-research-2569-000000", step="1")
    r = run("flow", "advance", cid, "--visit", "2025-11-20-1063020130-ccc333")
    assert r.exit_code == 1 and "เป็นของงาน media-research-2569-000000" in r.stderr


def test_hand_comments_survive_an_advance(ws: Path, run) -> None:
    cid = start(run)
    path = case_file(ws, cid)
    text = path.read_text(encoding="utf-8")
    text = text.replace("title:", "# ประชุมทีมนิเทศเมื่อ ๑ ต.ค.\ntitle:") + "# TODO: ขอข้อมูลจากเขต\n"
    path.write_text(text, encoding="utf-8")
    assert run("flow", "advance", cid, "--force", "รอข้อมูล", "--date", "2025-10-02").exit_code == 0
    assert run("flow", "advance", cid, "--force", "รอข้อมูล", "--date", "2025-10-03").exit_code == 0
    new = path.read_text(encoding="utf-8")
    assert "# ประชุมทีมนิเทศเมื่อ ๑ ต.ค.\ntitle:" in new
    assert "# TODO: ขอข้อมูลจากเขต" in new
    assert new.index('step: "1"') < new.index('step: "2"')
    assert [s["step"] for s in read(ws, cid)["steps"]] == ["1", "2"]


def test_one_step_appended_per_advance_is_a_small_diff(ws: Path, run) -> None:
    cid = start(run)
    assert run("flow", "advance", cid, "--force", "ก", "--date", "2025-10-02").exit_code == 0
    before = case_file(ws, cid).read_text(encoding="utf-8").splitlines()
    assert run("flow", "advance", cid, "--force", "ข", "--note", "บรรทัดหนึ่ง\nบรรทัดสอง",
               "--date", "2025-10-03").exit_code == 0
    after = case_file(ws, cid).read_text(encoding="utf-8").splitlines()
    assert after[:len(before)] == before
    assert after[len(before):] == ['  - step: "2"', "    date: 2025-10-03", "    note: |-",
                                   "      บรรทัดหนึ่ง", "      บรรทัดสอง", "    forced: ข", "    by: นางสาวทดสอบ ระบบ"]


def test_step_guard_date_and_prefix_errors(ws: Path, run) -> None:
    cid = start(run)
    r = run("flow", "advance", cid, "--step", "2", "--force", "x")
    assert r.exit_code == 1 and f"ขั้นตอนปัจจุบันของงาน {cid} คือ 1 ไม่ใช่ 2" in r.stderr
    assert run("flow", "advance", cid, "--date", "32/13/2569", "--force", "x").exit_code == 2
    r = run("flow", "advance", cid, "--date", "2025-09-30", "--force", "x")
    assert r.exit_code == 1 and "อยู่ก่อนวันเริ่มงาน" in r.stderr
    start(run)
    r = run("flow", "advance", "area-supervision-2569", "--force", "x")
    assert r.exit_code == 1 and "ตรงกับงานหลายรายการ" in r.stderr
    r = run("flow", "status", "ไม่มีงานนี้")
    assert r.exit_code == 1 and "ไม่พบงาน 'ไม่มีงานนี้'" in r.stderr
    assert "steps" not in read(ws, cid)


def test_start_prints_the_id_and_json(ws: Path, run) -> None:
    r = run("flow", "start", "media-research", "--title", "วิจัยสื่อ", "--fy", "๒๕๖๙", "--json",
            "--date", "1 ต.ค. 2568")
    assert r.exit_code == 0
    out = r.json()
    assert out["path"] == f"records/cases/2569/{out['id']}.yaml"
    assert read(ws, out["id"]) == {"id": out["id"], "workflow": "media-research", "title": "วิจัยสื่อ",
                                   "fiscal_year": 2569, "started": "2025-10-01", "status": "active"}
    r = run("flow", "start", "krs-report", "--title", "KRS", "--date", "2026-11-25")
    assert r.stdout.startswith("krs-report-2570-")  # FY of the start date


def test_unknown_workflow_lists_the_ids(run) -> None:
    r = run("flow", "start", "area", "--title", "x")
    assert r.exit_code == 1
    assert "ไม่พบกระบวนงาน 'area'" in r.stderr and "area-supervision, career-teacher" in r.stderr
    assert run("flow", "show", "nope").exit_code == 1
    assert run("flow", "start", "career-teacher", "--title", "  ").exit_code == 2
    assert run("flow", "start", "career-teacher", "--title", "x", "--fy", "2026").exit_code == 2


def test_cancel_records_reason_and_blocks_advance(ws: Path, run) -> None:
    cid = start(run)
    r = run("flow", "cancel", cid, "--reason", "โครงการถูกยุบรวม", "--date", "2026-01-05")
    assert r.exit_code == 0
    doc = read(ws, cid)
    assert (doc["status"], doc["finished"], doc["cancelled_reason"]) == ("cancelled", "2026-01-05", "โครงการถูกยุบรวม")
    r = run("flow", "advance", cid, "--force", "x")
    assert r.exit_code == 1 and "ถูกยกเลิกแล้ว: โครงการถูกยุบรวม" in r.stderr
    assert run("flow", "cancel", cid, "--reason", "อีกครั้ง").exit_code == 1
    assert run("flow", "status", cid, "--json").json()["current"] is None


def test_a_date_before_the_start_or_the_last_step_is_refused_by_advance_and_cancel(ws: Path, run) -> None:
    cid = start(run)  # started 2025-10-01
    for day in ("15/10/2568", "31/10/2568"):
        assert run("flow", "advance", cid, "--force", "x", "--date", day).exit_code == 0
    before = case_file(ws, cid).read_bytes()
    r = run("flow", "advance", cid, "--force", "x", "--date", "20/10/2568")
    assert r.exit_code == 1
    assert "วันที่ 2025-10-20 อยู่ก่อนขั้นตอน 2 ที่บันทึกไว้แล้ว (2025-10-31)" in r.stderr
    r = run("flow", "cancel", cid, "--reason", "ยุบรวม", "--date", "1/1/2568")
    assert r.exit_code == 1
    assert "วันที่ 2025-01-01 อยู่ก่อนวันเริ่มงาน 2025-10-01" in r.stderr
    r = run("flow", "cancel", cid, "--reason", "ยุบรวม", "--date", "2025-10-30", lang="en")
    assert r.exit_code == 1
    assert "date 2025-10-30 is before step 2, already recorded (2025-10-31)" in r.stderr
    assert case_file(ws, cid).read_bytes() == before
    assert run("flow", "advance", cid, "--force", "x", "--date", "31/10/2568").exit_code == 0  # same day: fine
    assert run("flow", "cancel", cid, "--reason", "ยุบรวม", "--date", "31/10/2568").exit_code == 0
    assert run("check").exit_code == 0


def test_board_lists_every_case_with_progress_current_and_overdue(ws: Path, run) -> None:
    assert run("flow", "status").exit_code == 0
    a = start(run, "target-schools")
    b = run("flow", "start", "target-schools", "--title", "ปีหน้า", "--fy", "2580").stdout.strip()
    assert run("flow", "advance", a, "--force", "x", "--date", "2025-12-01").exit_code == 0
    board = {c["id"]: c for c in run("flow", "status", "--json").json()}
    assert board[a]["progress"]["done"] == 1 and board[a]["current"] == "2"
    assert [o["step"] for o in board[a]["overdue"]] == ["2", "3", "4", "5"]
    assert board[a]["overdue"][0] == {"step": "2", "title": "จัดทำแผน ปฏิทิน และเครื่องมือการนิเทศติดตาม",
                                      "due": "2025-12-31"}
    assert board[b]["overdue"] == [] and board[b]["fiscal_year"] == 2580
    text = run("flow", "status").stdout  # 80 columns: steps by number, ids never cut
    assert a in text and b in text and "1/5" in text and "0/5" in text and "2, 3, 4" in text
    from rich.console import Console

    from nitet.cli.flow_render import board as render_board

    wide = Console(width=160, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    wide.print(render_board(run("flow", "status", "--json").json(), 160))
    text = wide.export_text()
    assert "│ 2569 │        1/5 │ 2 จัดทำแผน ปฏิทิน" in text and "│ 2 (31 ธ.ค. 68), 3 (30" in text
    assert "ความก้าวหน้า" in text and "อยู่ระหว่างดำเนินการ" in text and "ก้าวหน้า ┃" not in text.replace("ความก้าวหน้า", "")


def test_show_is_a_thai_outline_with_roles_and_references(run) -> None:
    r = run("flow", "show", "area-supervision")
    assert r.exit_code == 0
    out = r.stdout
    for part in ("การนิเทศแบบบูรณาการโดยใช้พื้นที่เป็นฐานเพื่อการพัฒนาคุณภาพการศึกษา", "ลักษณะงาน", "กฎหมาย ระเบียบ",
                 "บุคคล/หน่วยงานที่เกี่ยวข้อง", "  • คณะกรรมการ ก.ต.ป.น.",
                 "\n  4. ดำเนินการนิเทศโดยใช้โรงเรียนเป็นฐานและโครงการเป็นฐาน\n",
                 "\n        4.2.1 โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)\n",
                 "หลักฐานที่แนะนำ [nitet เพิ่ม]: ผลการคัดกรองการอ่านการเขียน; บันทึกการนิเทศ",
                 "[nitet เพิ่ม] = ส่วนที่คู่มือไม่ได้กำหนดไว้ nitet เพิ่มเป็นคำแนะนำ"):
        assert part in out
    krs = run("flow", "show", "krs-report", "--fy", "2569").stdout
    assert "กำหนดเสร็จ: ภายใน 15 วันหลังสิ้นไตรมาสที่ 1 (15 ม.ค. 2569)" in krs
    assert "ขั้นตอน หลักฐาน บุคคล และกำหนดเวลาที่ไม่มีเครื่องหมาย [ตามคู่มือ] nitet เพิ่มทั้งหมด" in krs
    assert "[nitet เพิ่ม]" not in krs  # in a workflow that is nitet's own, nothing needs the mark
    media = run("flow", "show", "media-innovation").stdout
    assert "  • ศึกษานิเทศก์ [nitet เพิ่ม]\n" in media  # the manual names no roles for processes 1–3
    area = run("flow", "show", "area-supervision").stdout
    assert "  • คณะกรรมการ ก.ต.ป.น.\n" in area  # process 4's roles are the manual's table
    data = run("flow", "show", "media-innovation", "--json").json()
    assert [s["id"] for s in data["steps"]] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [s["id"] for s in data["steps"][1]["steps"]] == ["2.1", "2.2"]
    assert data["path"] == "workflows/media-innovation.yaml" and data["roles"]


def test_top_level_step_counts_of_the_manual(run) -> None:
    counts = {w["id"]: w["steps"] for w in run("flow", "list", "--json").json()}
    assert [counts[w] for w in ("media-innovation", "media-research", "career-teacher", "area-supervision")] == \
        [7, 5, 5, 5]


def test_progress_counts_from_a_hand_edited_case(ws: Path, run) -> None:
    from nitet.model import Case
    from nitet.storage.loader import load
    from nitet.storage.workspace import open_workspace

    wf = load(open_workspace(ws)).workflows()["area-supervision"]
    case = Case.model_validate({"workflow": "area-supervision", "title": "x", "fiscal_year": 2569,
                                "started": "2025-10-01", "steps": [
                                    {"step": s, "date": "2025-10-02"} for s in ("1", "2", "3", "4.1", "4")]})
    p = case_progress(case, wf)  # "4" recorded early does not count: 4.2.1 and 4.2.2 are open
    assert (p.done, p.total, p.current, p.leaves_done) == (3, 5, "4.2.1", 4)
    assert p.completed == ("1", "2", "3", "4.1")


def test_a_broken_case_file_is_named_not_hidden(ws: Path, run) -> None:
    cid = start(run)
    path = case_file(ws, cid)
    path.write_text(path.read_text(encoding="utf-8").replace("status: active", "status: activ"), encoding="utf-8")
    r = run("flow", "advance", cid, "--force", "x")
    assert r.exit_code == 1
    assert f"ไฟล์งาน records/cases/2569/{cid}.yaml มีข้อผิดพลาด" in r.stderr and "nitet check" in r.stderr


@pytest.mark.parametrize("workflow", ["area-supervision", "krs-report", "media-research"])
def test_progress_after_each_leaf_in_order(ws: Path, workflow: str) -> None:
    from nitet.model import Case
    from nitet.storage.loader import load
    from nitet.storage.workspace import open_workspace

    wf = load(open_workspace(ws)).workflows()[workflow]
    leaves = [s.id for s in wf.leaves()]
    for k in range(len(leaves) + 1):
        case = Case.model_validate({"workflow": workflow, "title": "x", "fiscal_year": 2569, "started": "2025-10-01",
                                    "steps": [{"step": s, "date": "2025-10-02"} for s in leaves[:k]]})
        p = case_progress(case, wf)
        assert p.current == (leaves[k] if k < len(leaves) else None)
        assert p.leaves_done == k
        assert p.done == sum(1 for top in wf.steps
                             if all(x in leaves[:k] for x in leaves if x == top.id or x.startswith(top.id + ".")))
