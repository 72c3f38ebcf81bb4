"""Parallel strands: process 4's 4.1 / 4.2 and 4.2.1 / 4.2.2 run side by side, in any order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import make_runner
from nitet.model import Workflow
from test_flow import case_file, read, start
from test_flow_check import MINE, findings, write


def area(ws: Path) -> Workflow:
    from nitet.storage.loader import load
    from nitet.storage.workspace import open_workspace

    return load(open_workspace(ws)).workflows()["area-supervision"]


def first_three(run, cid: str) -> None:
    for n, step in enumerate(("1", "2", "3"), start=1):
        assert run("flow", "advance", cid, "--step", step, "--force", "x", "--date", f"2025-10-0{n + 1}").exit_code == 0


def test_strands_in_any_order_complete_the_case(ws: Path, run) -> None:
    cid = start(run)
    first_three(run, cid)
    status = run("flow", "status", cid, "--json").json()
    assert [o["step"] for o in status["open"]] == ["4.1", "4.2.1", "4.2.2"] and status["current"] == "4.1"
    assert status["strands"] == [{"step": s, "state": "open"} for s in ("4.1", "4.2.1", "4.2.2")]

    r = run("flow", "advance", cid, "--step", "4.2.1", "--force", "x", "--date", "2025-11-10")
    assert r.exit_code == 0, r.stderr
    assert "ขั้นตอนที่ดำเนินการคู่ขนานได้: 4.1 การนิเทศโดยโรงเรียนเป็นฐาน" in r.stderr and "; 4.2.2 " in r.stderr
    assert run("flow", "advance", cid, "--step", "4.1", "--force", "x", "--date", "2025-11-20").exit_code == 0
    assert [s["state"] for s in run("flow", "status", cid, "--json").json()["strands"]] == ["done", "done", "open"]
    r = run("flow", "advance", cid, "--step", "4.2.2", "--force", "x", "--date", "2025-12-01")
    assert r.exit_code == 0, r.stderr
    assert "ขั้นตอน 4.2 เสร็จ" in r.stderr and "ขั้นตอน 4 เสร็จ" in r.stderr and "ขั้นตอนต่อไป: 5" in r.stderr
    before = case_file(ws, cid).read_bytes()
    r = run("flow", "advance", cid, "--step", "4.2")  # done with its strands: nothing to record, no error
    assert r.exit_code == 0 and "ขั้นตอน 4.2 เสร็จแล้วพร้อมขั้นตอนย่อย (1 ธ.ค. 2568)" in r.stderr
    assert case_file(ws, cid).read_bytes() == before
    assert run("flow", "advance", cid, "--step", "5", "--force", "x", "--date", "2025-12-20").exit_code == 0

    doc = read(ws, cid)
    assert [(s["step"], s["date"]) for s in doc["steps"][3:]] == [
        ("4.2.1", "2025-11-10"), ("4.1", "2025-11-20"), ("4.2.2", "2025-12-01"), ("4.2", "2025-12-01"),
        ("4", "2025-12-01"), ("5", "2025-12-20")]
    assert (doc["status"], doc["finished"]) == ("done", "2025-12-20")
    assert findings(ws) == (0, [])


def test_a_strand_done_earlier_can_be_recorded_later_and_its_parent_takes_the_latest_date(ws: Path, run) -> None:
    cid = start(run)
    first_three(run, cid)
    for step, day in (("4.2.2", "2026-01-15"), ("4.1", "2025-11-05"), ("4.2.1", "2025-12-10")):
        r = run("flow", "advance", cid, "--step", step, "--force", "x", "--date", day)
        assert r.exit_code == 0, r.stderr
    steps = {s["step"]: s["date"] for s in read(ws, cid)["steps"]}
    assert (steps["4.2"], steps["4"]) == ("2026-01-15", "2026-01-15")
    r = run("flow", "advance", cid, "--force", "x", "--date", "2026-01-10")  # 5 waits for all of 4
    assert r.exit_code == 1 and "วันที่ 2026-01-10 อยู่ก่อนขั้นตอน 4.2.2 ที่บันทึกไว้แล้ว (2026-01-15)" in r.stderr
    r = run("flow", "advance", cid, "--step", "5", "--force", "x", "--date", "2026-01-15")
    assert r.exit_code == 0
    assert read(ws, cid)["finished"] == "2026-01-15"
    assert findings(ws) == (0, [])


def test_a_strand_before_the_step_it_waits_for_is_refused(ws: Path, run) -> None:
    cid = start(run)
    first_three(run, cid)  # step 3 on 2025-10-04
    r = run("flow", "advance", cid, "--step", "4.2.1", "--force", "x", "--date", "2025-10-03")
    assert r.exit_code == 1 and "อยู่ก่อนขั้นตอน 3 ที่บันทึกไว้แล้ว (2025-10-04)" in r.stderr


def test_several_strands_open_and_no_step_named_is_a_usage_error(ws: Path, run) -> None:
    cid = start(run)
    first_three(run, cid)
    before = case_file(ws, cid).read_bytes()
    r = run("flow", "advance", cid, "--force", "x")
    assert r.exit_code == 2
    assert f"งาน {cid} มี 3 ขั้นตอนที่ดำเนินการคู่ขนานได้ (4.1, 4.2.1, 4.2.2): ระบุขั้นตอนที่เสร็จด้วย --step" in r.stderr
    assert f"nitet flow advance {cid} --step 4.1" in r.stderr
    en = run("flow", "advance", cid, "--force", "x", lang="en").stderr
    assert "has 3 steps open side by side (4.1, 4.2.1, 4.2.2): name the one that is done with --step" in en
    assert case_file(ws, cid).read_bytes() == before


@pytest.mark.parametrize(("step", "message"), [
    ("4.2", "ขั้นตอน 4.2 เสร็จเองเมื่อขั้นตอนย่อยเสร็จครบ: ยังเหลือ 4.2.1, 4.2.2"),
    ("4", "ขั้นตอน 4 เสร็จเองเมื่อขั้นตอนย่อยเสร็จครบ: ยังเหลือ 4.1, 4.2.1, 4.2.2"),
    ("5", "ไม่ใช่ 5"),
    ("3", "ขั้นตอน 3 ของงาน"),
    ("4.3", "กระบวนงาน area-supervision ไม่มีขั้นตอน 4.3"),
])
def test_a_step_that_is_not_open_is_refused_with_what_to_do(ws: Path, run, step: str, message: str) -> None:
    cid = start(run)
    first_three(run, cid)
    r = run("flow", "advance", cid, "--step", step, "--force", "x")
    assert r.exit_code == 1 and message in r.stderr, r.stderr


def test_a_sequential_workflow_still_refuses_an_out_of_order_step(ws: Path, run) -> None:
    cid = start(run, "media-innovation")
    r = run("flow", "advance", cid, "--step", "2.2", "--force", "x")
    assert r.exit_code == 1 and f"ขั้นตอนปัจจุบันของงาน {cid} คือ 1 ไม่ใช่ 2.2" in r.stderr
    assert "ขั้นตอนทำตามลำดับของคู่มือ" in r.stderr
    assert run("flow", "advance", cid, "--force", "x").exit_code == 0  # one step open: --step not needed
    r = run("flow", "advance", cid, "--step", "2.2", "--force", "x")
    assert r.exit_code == 1 and "คือ 2.1 ไม่ใช่ 2.2" in r.stderr


def test_status_and_board_show_each_strands_state(ws: Path, run) -> None:
    cid = start(run)
    first_three(run, cid)
    assert run("flow", "advance", cid, "--step", "4.2.1", "--force", "x", "--date", "2025-11-10").exit_code == 0
    text = run("flow", "status", cid).stdout
    assert "▶ 4.1 การนิเทศโดยโรงเรียนเป็นฐาน" in text and "← ดำเนินการได้ (คู่ขนาน)" in text
    assert "✓ 4.2.1 โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV) — 10 พ.ย. 2568" in text
    assert "▶ 4.2.2 " in text and "(ขั้นตอนย่อยดำเนินการคู่ขนาน ในลำดับใดก็ได้)" in text
    from rich.console import Console

    from nitet.cli.flow_render import board

    wide = Console(width=160, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    wide.print(board(run("flow", "status", "--json").json(), 160))
    out = wide.export_text()
    assert "▶ 4.1 · ✓ 4.2.1 · ▶ 4.2.2" in out and "✓ เสร็จแล้ว ▶ ดำเนินการได้ ○ รอขั้นตอนก่อนหน้า" in out
    todo = run("todo", "--date", "2025-11-11")
    assert "งานตามกระบวนงานที่อยู่ระหว่างดำเนินการ (1)" in todo.stdout
    assert "การนิเทศแบบบูรณาการ ปีงบประมาณ ๒๕๖๙: ขั้นตอนคู่ขนาน ▶ 4.1 · ✓ 4.2.1 · ▶ 4.2.2" in todo.stdout
    cases = run("todo", "--date", "2025-11-11", "--json").json()["cases"]
    assert cases[0]["strands"] == [{"step": "4.1", "state": "open"}, {"step": "4.2.1", "state": "done"},
                                   {"step": "4.2.2", "state": "open"}]
    before = run("todo", "--date", "2025-11-09", "--json").json()["cases"]  # as of that day: nothing in 4 yet
    assert [x["state"] for x in before[0]["strands"]] == ["open", "open", "open"]
    show = run("flow", "show", "area-supervision").stdout
    assert "4. ดำเนินการนิเทศโดยใช้โรงเรียนเป็นฐานและโครงการเป็นฐาน\n" in show
    assert show.count("(ขั้นตอนย่อยดำเนินการคู่ขนาน ในลำดับใดก็ได้)") == 2


def test_the_demo_case_on_disk_loads_with_three_strands_open(demo_ws: Path) -> None:
    run = make_runner(demo_ws)
    status = run("flow", "status", "--json").json()
    assert [o["step"] for o in status[0]["open"]] == ["4.1", "4.2.1", "4.2.2"]
    assert status[0]["progress"] == {"done": 3, "total": 5, "leaves_done": 3, "leaves_total": 7}


def test_open_leaves_and_prerequisites_of_the_model(ws: Path) -> None:
    wf = area(ws)
    assert wf.open_leaves(set()) == ["1"]
    assert wf.open_leaves({"1", "2", "3"}) == ["4.1", "4.2.1", "4.2.2"]
    assert wf.open_leaves({"1", "2", "3", "4.2.2"}) == ["4.1", "4.2.1"]
    assert wf.open_leaves({"1", "2", "3", "4.1", "4.2.1", "4.2.2"}) == ["5"]
    assert wf.prerequisites("4.2.2") == ["1", "2", "3"]
    assert wf.prerequisites("5") == ["1", "2", "3", "4.1", "4.2.1", "4.2.2"]
    from nitet.storage.loader import load
    from nitet.storage.workspace import open_workspace

    media = load(open_workspace(ws)).workflows()["media-innovation"]
    assert media.prerequisites("2.2") == ["1", "2.1"] and media.open_leaves({"1"}) == ["2.1"]


def test_a_parallel_step_without_strands_is_a_finding(ws: Path) -> None:
    write(ws, "workflows/mine.yaml", MINE.format(rest='  - id: "2"\n    title: สอง\n    parallel: true\n'))
    code, got = findings(ws)
    assert code == 1 and got == [
        "workflows/mine.yaml:8:15: error[step-numbering] ขั้นตอน 2 ระบุ parallel: true "
        "แต่มีขั้นตอนย่อยไม่ถึงสองขั้นตอนที่จะดำเนินการคู่ขนาน"]


def test_a_users_workflow_may_run_its_own_strands(ws: Path) -> None:
    write(ws, "workflows/mine.yaml", MINE.format(rest=(
        '  - id: "2"\n    title: ลงพื้นที่\n    parallel: true\n    steps:\n'
        '      - id: "2.1"\n        title: อำเภอ ก\n      - id: "2.2"\n        title: อำเภอ ข\n'
        '  - id: "3"\n    title: สรุป\n')))
    run = make_runner(ws)
    cid = run("flow", "start", "mine", "--title", "x", "--fy", "2569", "--date", "2025-10-01").stdout.strip()
    for step in ("1", "2.2", "2.1", "3"):
        assert run("flow", "advance", cid, "--step", step, "--date", "2025-10-02").exit_code == 0
    assert read(ws, cid)["status"] == "done"
