"""Plan records (SPEC §2), `nitet plan ...` and the plan checks with their file:line."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import make_runner
from nitet.model import Plan
from nitet.storage.yamlfast import parse_fast

SPEC_PLAN = """\
id: dltv-2569
fiscal_year: 2569
title: โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)
budget: 40000
activities:
  - {id: a1, title: นิเทศติดตามโรงเรียน DLTV, quarters: [1, 2, 3], budget: 30000}
  - {id: a2, title: สรุปและเผยแพร่ผลการนิเทศ, quarters: [4], budget: 10000}
indicators:
  - {id: schools, title: จำนวนโรงเรียน DLTV ที่ได้รับการนิเทศ, unit: โรงเรียน, target: 10,
     source: visits, filter: {project: dltv}}
  - {id: satisfaction, title: ร้อยละของครูที่พึงพอใจต่อการนิเทศ, unit: ร้อยละ, target: 80, source: manual}
results:
  - quarter: 1
    spent: 12500
    activities: {a1: in_progress}      # not_started | in_progress | done
    indicators: {satisfaction: 85}
    problems: ระยะทางไกล การเดินทางลำบาก
    suggestions: ใช้การนิเทศออนไลน์เสริม
"""


def write_plan(ws: Path, text: str = SPEC_PLAN, name: str = "dltv-2569") -> Path:
    p = ws / "records/plans" / f"{name}.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def findings(ws: Path) -> list[str]:
    r = make_runner(ws)("check", "--json")
    return sorted(f"{f['file']}:{f['line']}: {f['severity']}[{f['check']}]" for f in r.json()["findings"])


def test_the_spec_example_validates_as_written(ws: Path) -> None:
    plan = Plan.model_validate(parse_fast(SPEC_PLAN.encode()))
    assert plan.indicators[0].filter == {"project": "dltv"}
    assert plan.results[0].activities == {"a1": "in_progress"}
    write_plan(ws)
    assert findings(ws) == []


def test_add_list_show(run, ws: Path) -> None:
    r = run("plan", "add", "--id", "reading-2569", "--fy", "2569", "--title", "โครงการอ่านเขียน",
            "--budget", "๒๕,๐๐๐", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json() == {"id": "reading-2569", "path": "records/plans/reading-2569.yaml"}
    text = (ws / "records/plans/reading-2569.yaml").read_text(encoding="utf-8")
    assert "budget: 25000\n" in text and "fiscal_year: 2569\n" in text
    write_plan(ws)
    listed = run("plan", "list", "--fy", "2569", "--json").json()
    assert [(p["id"], p["budget"], p["spent"]) for p in listed] == [
        ("dltv-2569", 40000, 12500.0), ("reading-2569", 25000, 0.0)]
    shown = run("plan", "show", "dltv-2569")
    assert shown.exit_code == 0 and "อยู่ระหว่างดำเนินการ" in shown.stdout
    assert run("plan", "add", "--id", "reading-2569", "--fy", "2569", "--title", "x").exit_code == 1
    assert run("plan", "add", "--id", "x", "--fy", "2026", "--title", "x").exit_code == 2
    assert run("plan", "add", "--id", "ก ข", "--fy", "2569", "--title", "x").exit_code == 2
    assert run("plan", "show", "nope").exit_code == 1


def test_result_creates_and_updates_a_quarter_keeping_comments(run, ws: Path) -> None:
    path = write_plan(ws)
    r = run("plan", "result", "--plan", "dltv-2569", "--quarter", "2", "--spent", "๗,๕๐๐.๕๐",
            "--activity", "a1=done", "--indicator", "satisfaction=๙๐", "--problems", "ฝนตกหนัก\nถนนขาด")
    assert r.exit_code == 0, r.stderr
    r = run("plan", "result", "--plan", "dltv-2569", "--quarter", "1", "--activity", "a2=ดำเนินการแล้ว")
    assert r.exit_code == 0, r.stderr
    text = path.read_text(encoding="utf-8")
    assert "activities: {a1: in_progress, a2: done} # not_started | in_progress | done" in text
    plan = Plan.model_validate(parse_fast(text.encode()))
    assert [r.quarter for r in plan.results] == [1, 2]
    q2 = plan.results[1]
    assert (q2.spent, q2.activities, q2.indicators, q2.problems) == (
        7500.5, {"a1": "done"}, {"satisfaction": 90}, "ฝนตกหนัก\nถนนขาด")
    assert plan.results[0].spent == 12500  # untouched
    assert findings(ws) == []


def test_result_refuses_unknown_ids_and_bad_values_without_writing(run, ws: Path) -> None:
    path = write_plan(ws)
    before = path.read_bytes()
    r = run("plan", "result", "--plan", "dltv-2569", "--quarter", "1", "--activity", "a9=done")
    assert r.exit_code == 1 and "a9" in r.stderr
    assert run("plan", "result", "--plan", "dltv-2569", "--quarter", "1", "--indicator", "zz=1").exit_code == 1
    # a visits indicator is counted, never typed
    assert run("plan", "result", "--plan", "dltv-2569", "--quarter", "1", "--indicator", "schools=3").exit_code == 1
    assert run("plan", "result", "--plan", "dltv-2569", "--quarter", "5", "--spent", "1").exit_code == 2
    assert run("plan", "result", "--plan", "dltv-2569", "--quarter", "1", "--spent", "สิบ").exit_code == 2
    assert run("plan", "result", "--plan", "dltv-2569", "--quarter", "1", "--activity", "a1=maybe").exit_code == 2
    assert run("plan", "result", "--plan", "dltv-2569", "--quarter", "1", "--activity", "a1").exit_code == 2
    assert run("plan", "result", "--plan", "dltv-2569", "--quarter", "1").exit_code == 2
    assert path.read_bytes() == before


BROKEN = """\
id: p-2569
fiscal_year: 2569
title: โครงการทดสอบ
budget: 1000
activities:
  - {id: a1, title: กิจกรรม, quarters: [1, 5]}
indicators:
  - {id: n, title: นับ, target: 3, source: visits, filter: {projekt: dltv}}
  - {id: m, title: กรอก, target: 3}
results:
  - quarter: 1
    spent: 800
    activities: {a1: done, a7: done}
    indicators: {m: 1, x: 2}
  - quarter: 1
    spent: 300
"""


def test_a_quarter_outside_1_to_4_is_an_error_at_its_line(ws: Path) -> None:
    write_plan(ws, BROKEN, "p-2569")
    got = findings(ws)
    assert len(got) == 1 and got[0].startswith("records/plans/p-2569.yaml:6: error["), got


def test_cross_checks_point_at_the_line(ws: Path) -> None:
    write_plan(ws, BROKEN.replace("[1, 5]", "[1, 4]"), "p-2569")
    f = "records/plans/p-2569.yaml"
    assert findings(ws) == sorted([
        f"{f}:4: warning[over-budget]",
        f"{f}:8: error[unknown-visit-field]",
        f"{f}:13: error[unknown-activity]",
        f"{f}:14: error[unknown-indicator]",
        f"{f}:15: error[duplicate-quarter]",
    ])


def test_init_demo_then_check_is_clean(tmp_path: Path) -> None:
    run = make_runner(tmp_path)
    assert run("--no-input", "init", "x", "--demo").exit_code == 0
    r = make_runner(tmp_path / "x")("check", "--json")
    assert r.exit_code == 0 and r.json() == {"findings": []}
    plans = make_runner(tmp_path / "x")("plan", "list", "--all", "--json").json()
    assert [(p["id"], p["quarters_reported"]) for p in plans] == [("dltv-2569", [1]), ("reading-2569", [1, 2])]


@given(st.integers(min_value=0, max_value=10**9), st.booleans(), st.booleans())
def test_numbers_in_thai_or_arabic_digits_with_commas(n: int, thai_digits: bool, commas: bool) -> None:
    from nitet.core.thai import digits
    from nitet.domain.plans import parse_number

    text = digits(f"{n:,}" if commas else str(n), thai_digits)
    assert parse_number(text, "x") == n
    assert parse_number(text + ".5", "x") == n + 0.5


def test_adding_a_plan_twice_keeps_the_first_and_says_how_to_change_it(run, ws: Path) -> None:
    assert run("plan", "add", "--id", "dltv-2569", "--fy", "2569", "--title", "โครงการ DLTV").exit_code == 0
    before = (ws / "records/plans/dltv-2569.yaml").read_bytes()
    r = run("plan", "add", "--id", "dltv-2569", "--fy", "2569", "--title", "อื่น")
    assert r.exit_code == 1
    assert "มีไฟล์ records/plans/dltv-2569.yaml อยู่แล้ว" in r.stderr
    assert "แก้ไฟล์ records/plans/dltv-2569.yaml โดยตรง หรือลบไฟล์เดิมก่อน" in r.stderr  # there is no 'plan edit'
    assert (ws / "records/plans/dltv-2569.yaml").read_bytes() == before
