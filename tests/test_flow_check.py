"""nitet check on workflow files a user writes and on case files edited by hand: exact file:line:col."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import make_runner
from nitet.core.thai import fiscal_quarter, fiscal_year
from nitet.domain.flows import due_date
from nitet.model.workflow import Due, Step

MINE = """\
id: mine
title: งานของฉัน
steps:
  - id: "1"
    title: เริ่ม
{rest}"""
SCHOOL = 'code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\n'


def findings(ws: Path) -> tuple[int, list[str]]:
    r = make_runner(ws)("check", "--json")
    return r.exit_code, sorted(f"{f['file']}:{f['line']}:{f['column']}: {f['severity']}[{f['check']}] {f['message']}"
                               for f in r.json()["findings"])


def write(ws: Path, rel: str, text: str) -> None:
    path = ws / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_duplicate_step_id_in_a_workflow_file(ws: Path) -> None:
    write(ws, "workflows/mine.yaml", MINE.format(rest='  - id: "1"\n    title: ซ้ำ\n'))
    assert findings(ws) == (1, ["workflows/mine.yaml:6:9: error[step-numbering] เลขขั้นตอน 1 ซ้ำ"])


def test_bad_numbering_in_a_workflow_file(ws: Path) -> None:
    write(ws, "workflows/mine.yaml", MINE.format(
        rest='  - id: "2"\n    title: สอง\n    steps:\n      - id: "2.2"\n        title: ข้าม 2.1\n'))
    assert findings(ws) == (1, ["workflows/mine.yaml:9:13: error[step-numbering] ขั้นตอน 2.2 ควรเป็นเลข 2.1"])


def test_step_id_that_is_not_a_number(ws: Path) -> None:
    write(ws, "workflows/mine.yaml", MINE.format(rest='  - id: "2ก"\n    title: สอง\n'))
    assert findings(ws) == (1, ["workflows/mine.yaml:6:9: error[step-numbering] "
                                "เลขขั้นตอน 2ก ไม่ใช่รูปแบบ 1, 2.1, 4.2.1"])


def test_unknown_field_in_a_workflow_step(ws: Path) -> None:
    write(ws, "workflows/mine.yaml", MINE.format(rest='  - id: "2"\n    title: สอง\n    evidance: [แผน]\n'))
    assert findings(ws) == (1, ["workflows/mine.yaml:8:5: error[unknown-key] ไม่รู้จักคีย์ 'evidance'"])


def test_bad_due_quarter(ws: Path) -> None:
    write(ws, "workflows/mine.yaml", MINE.format(rest='  - id: "2"\n    title: สอง\n    due: {quarter: 5}\n'))
    code, got = findings(ws)
    assert code == 1 and [g.split(" ")[0] for g in got] == ["workflows/mine.yaml:8:20:"]


def test_a_users_new_workflow_is_valid_and_usable(ws: Path) -> None:
    write(ws, "workflows/mine.yaml", MINE.format(
        rest='  - id: "2"\n    title: สอง\n    evidence: [รายงาน]\n    due: {quarter: 2, days: 10}\n'))
    assert findings(ws) == (0, [])
    r = make_runner(ws)("flow", "show", "mine", "--fy", "2569")
    assert "2. สอง" in r.stdout and "(10 เม.ย. 2569)" in r.stdout


CASE = """\
id: area-supervision-2569-abc123
workflow: area-supervision
title: การนิเทศแบบบูรณาการ
fiscal_year: 2569
started: 2025-10-01
status: {status}
steps:
{steps}"""


def case(ws: Path, steps: list[str], status: str = "active", extra: str = "") -> None:
    body = "".join(f'  - step: "{s}"\n    date: 2025-10-{i + 2:02d}\n' for i, s in enumerate(steps))
    write(ws, "records/cases/2569/area-supervision-2569-abc123.yaml",
          CASE.format(status=status, steps=body + extra))


F = "records/cases/2569/area-supervision-2569-abc123.yaml"


def test_case_step_completed_before_the_one_it_follows(ws: Path) -> None:
    case(ws, ["1", "3", "2"])
    assert findings(ws) == (1, [f"{F}:10:11: error[case-step-order] "
                                "ขั้นตอน 3 บันทึกว่าเสร็จก่อนขั้นตอน 2 ซึ่งยังไม่เสร็จ"])


def test_parent_recorded_before_its_sub_steps(ws: Path) -> None:
    case(ws, ["1", "2", "3", "4.1", "4"])
    assert findings(ws) == (1, [f"{F}:16:11: error[case-step-order] "
                                "ขั้นตอน 4 บันทึกว่าเสร็จก่อนขั้นตอนย่อย 4.2.1 ซึ่งยังไม่เสร็จ"])


def test_case_step_completed_twice(ws: Path) -> None:
    case(ws, ["1", "2", "1"])
    assert findings(ws) == (1, [f"{F}:12:11: error[case-step-twice] "
                                "ขั้นตอน 1 บันทึกว่าเสร็จซ้ำ (ครั้งแรกคือรายการที่ 1)"])


def test_done_case_with_open_steps(ws: Path) -> None:
    case(ws, ["1", "2"], status="done")
    assert findings(ws) == (1, [f"{F}:6:9: error[case-status] "
                                "งานมีสถานะ done แต่ยังไม่ได้บันทึกขั้นตอน 3, 4.1, 4.2.1, 4.2.2, 5"])


def test_case_links_a_missing_visit_and_a_missing_evidence_file(ws: Path) -> None:
    case(ws, [], extra='  - step: "1"\n    date: 2025-10-02\n    evidence: [evidence/ไม่มี.pdf]\n'
                      '    visits: [2025-10-02-1063020130-ffffff]\n')
    assert findings(ws) == (1, [
        f"{F}:10:16: warning[missing-evidence] ไม่พบไฟล์หลักฐาน evidence/ไม่มี.pdf",
        f"{F}:11:14: error[unknown-visit] ไม่พบบันทึกการนิเทศ '2025-10-02-1063020130-ffffff'"])


def test_case_step_dated_before_the_step_recorded_before_it(ws: Path) -> None:
    case(ws, ["1", "2"], extra='  - step: "3"\n    date: 2025-10-01\n')
    assert findings(ws) == (1, [f"{F}:13:11: error[case-step-date] "
                                "ขั้นตอน 3 ลงวันที่ 2025-10-01 ก่อนขั้นตอน 2 ที่ต้องเสร็จก่อน (2025-10-03)"])


def test_case_step_dated_before_the_case_started(ws: Path) -> None:
    case(ws, [], extra='  - step: "1"\n    date: 2025-09-30\n')
    assert findings(ws) == (1, [f"{F}:9:11: error[case-step-date] "
                                "ขั้นตอน 1 ลงวันที่ 2025-09-30 ก่อนวันเริ่มงาน 2025-10-01"])


def test_finished_before_the_start_or_the_last_step(ws: Path) -> None:
    path = ws / F
    case(ws, ["1", "2"])
    path.write_text(path.read_text(encoding="utf-8").replace(
        "status: active\n", "status: cancelled\nfinished: 2025-01-01\ncancelled_reason: x\n"), encoding="utf-8")
    assert findings(ws) == (1, [f"{F}:7:11: error[case-finished-date] "
                                "วันที่เสร็จ/ยกเลิก 2025-01-01 อยู่ก่อนวันเริ่มงาน 2025-10-01"])
    path.write_text(path.read_text(encoding="utf-8").replace("finished: 2025-01-01", "finished: 2025-10-02"),
                    encoding="utf-8")
    assert findings(ws) == (1, [f"{F}:7:11: error[case-finished-date] "
                                "วันที่เสร็จ/ยกเลิก 2025-10-02 อยู่ก่อนขั้นตอน 2 ที่บันทึกไว้ (2025-10-03)"])


def test_a_case_made_by_nitet_is_clean(ws: Path) -> None:
    run = make_runner(ws)
    cid = run("flow", "start", "area-supervision", "--title", "x", "--fy", "2569", "--date", "2025-10-01").stdout.strip()
    for step in ("1", "2", "3", "4.2.2", "4.1", "4.2.1", "5"):
        assert run("flow", "advance", cid, "--step", step, "--force", "ทดสอบ", "--date", "2025-11-01").exit_code == 0
    assert findings(ws) == (0, [])


@given(fy=st.integers(2500, 2700), q=st.integers(1, 4))
def test_due_at_quarter_end_is_the_last_day_of_that_quarter(fy: int, q: int) -> None:
    due = due_date(Step(id="1", title="x", due=Due(quarter=q)), fy)
    assert due is not None
    assert (fiscal_year(due), fiscal_quarter(due)) == (fy, q)
    nxt = due + timedelta(days=1)
    assert fiscal_quarter(nxt) == q % 4 + 1
    assert due_date(Step(id="1", title="x", due=Due(quarter=q, days=15)), fy) == due + timedelta(days=15)


def test_due_dates_of_fiscal_year_2569() -> None:
    got = [due_date(Step(id="1", title="x", due=Due(quarter=q, days=d)), 2569) for q, d in ((1, 15), (4, 0))]
    assert got == [date(2026, 1, 15), date(2026, 9, 30)]
