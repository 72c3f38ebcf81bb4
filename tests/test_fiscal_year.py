"""The fiscal year turns: plan copy carries a project into FY 2570, the plan's parts are edited by
command, and every report and list defaults to the current year (the KRS to the report due next)
and says which it chose."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import Runner, make_runner
from nitet.core import thai
from nitet.storage.yamlfast import parse_fast


@pytest.fixture
def demo(demo_ws: Path) -> Runner:
    return make_runner(demo_ws)


def plan(ws: Path, plan_id: str) -> dict:
    return parse_fast((ws / "records/plans" / f"{plan_id}.yaml").read_bytes())


def test_the_year_turns_plan_copy_then_krs_without_fy_on_a_day_of_fy_2570(demo: Runner, demo_ws: Path) -> None:
    assert demo("plan", "edit", "dltv-2569", "--owner", "นายสมชาย  ใจดี").exit_code == 0
    r = demo("plan", "copy", "dltv-2569", "--fy", "2570")
    assert (r.exit_code, r.stdout) == (0, "dltv-2570\n"), r.stderr
    assert "กิจกรรม 2 ตัวชี้วัด 2 ยังไม่มีผลการดำเนินงาน" in r.stderr and "nitet plan edit dltv-2570 --budget" in r.stderr
    old, new = plan(demo_ws, "dltv-2569"), plan(demo_ws, "dltv-2570")
    assert new["id"] == "dltv-2570" and new["fiscal_year"] == 2570 and "results" not in new
    for key in ("title", "owner", "budget", "activities", "indicators"):
        assert new[key] == old[key], key
    text = (demo_ws / "records/plans/dltv-2570.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/plan.schema.json\nid: dltv-2570\n")
    assert "  - {id: a1, title: นิเทศติดตามโรงเรียน DLTV, quarters: [1, 2, 3], budget: 30000}" in text  # as written
    r = demo("report", "krs", "--date", "10/11/2569")
    assert r.exit_code == 0, r.stderr
    assert "ปีงบประมาณ 2570 ไตรมาสที่ 1 (1 ต.ค. 2569 – 31 ธ.ค. 2569): รายงานที่ต้องส่งถัดไป (ภายใน 15 ม.ค. 2570)" in r.stderr
    assert "**ไตรมาสที่ ๑ (๑ ต.ค. ๒๕๖๙ – ๓๑ ธ.ค. ๒๕๖๙)**" in r.stdout
    # the copied project only (a document names projects by title; their ids stay on stderr)
    assert "## ๑. โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)" in r.stdout and "## ๒." not in r.stdout
    assert "dltv-2570 ไตรมาสที่ 1" in r.stderr and "reading-2569" not in r.stderr
    assert demo("check").exit_code == 0


@pytest.mark.parametrize(("args", "said"), [
    (["--date", "2026-01-10"], "ปีงบประมาณ 2569 ไตรมาสที่ 1 (1 ต.ค. 2568 – 31 ธ.ค. 2568): รายงานที่ต้องส่งถัดไป (ภายใน 15 ม.ค. 2569)"),
    (["--date", "2026-02-10"], "ปีงบประมาณ 2569 ไตรมาสที่ 2 (1 ม.ค. 2569 – 31 มี.ค. 2569): รายงานที่ต้องส่งถัดไป"),
    (["--fy", "2569", "--date", "2026-11-10"], "ปีงบประมาณ 2569 ไตรมาสที่ 4 (1 ก.ค. 2569 – 30 ก.ย. 2569): ปีงบประมาณที่ผ่านไปแล้ว"),
    (["--quarter", "2", "--date", "2026-02-10"], "ปีงบประมาณ 2569 ไตรมาสที่ 2 (1 ม.ค. 2569 – 31 มี.ค. 2569): ปีงบประมาณปัจจุบัน"),
])
def test_krs_says_which_year_and_quarter_it_chose(demo: Runner, args: list[str], said: str) -> None:
    r = demo("report", "krs", *args)
    assert r.exit_code == 0, r.stderr
    assert said in r.stderr


def test_krs_with_both_given_says_nothing_of_a_choice(demo: Runner) -> None:
    r = demo("report", "krs", "--fy", "2569", "--quarter", "1")
    assert r.exit_code == 0 and "ระบุเองด้วย" not in r.stderr


def test_a_year_without_projects_names_the_years_that_have_them(demo: Runner, tmp_path: Path) -> None:
    out = tmp_path / "krs.xlsx"
    r = demo("report", "krs", "--date", "10/11/2569", "-o", str(out))
    assert r.exit_code == 1
    assert "ยังไม่มีโครงการของปีงบประมาณ 2570 (มี ปีงบประมาณ 2569: dltv-2569, reading-2569)" in r.stderr
    assert "nitet plan copy dltv-2569 --fy 2570" in r.stderr and not out.exists()


def test_visits_report_and_lists_default_to_the_current_fiscal_year_and_say_so(demo: Runner) -> None:
    fy = thai.fiscal_year(date.today())
    r = demo("report", "visits", "--date", "2026-02-10")
    assert r.exit_code == 0 and "ปีงบประมาณ 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569) — ปีงบประมาณปัจจุบัน" in r.stderr
    assert "นิเทศ ๑๕ ครั้ง" in r.stdout
    r = demo("visit", "list", "--json")
    assert f"ปีงบประมาณ {fy} " in r.stderr and "(ทุกปี: --all)" in r.stderr
    assert len(demo("visit", "list", "--all", "--json").json()) == 15  # type: ignore[arg-type]
    r = demo("visit", "list", "--school", "1063350101", "--json")
    assert "ทุกปีของโรงเรียนนี้" in r.stderr and len(r.json()) == 3  # type: ignore[arg-type]
    r = demo("plan", "list")
    if fy != 2569:
        assert f"ยังไม่มีโครงการของปีงบประมาณ {fy} (มีของปีงบประมาณ 2569)" in r.stderr
        assert f"nitet plan copy dltv-2569 --fy {fy}" in r.stderr
    assert [p["id"] for p in demo("plan", "list", "--all", "--json").json()] == [  # type: ignore[union-attr]
        "dltv-2569", "reading-2569"]
    r = demo("school", "unvisited")
    assert f"ปีงบประมาณ {fy} (" in r.stderr
    r = demo("report", "screening", "--date", "2026-01-10")
    assert r.exit_code == 0 and "ปีการศึกษา 2568 — ปีการศึกษาปัจจุบัน" in r.stderr


def test_activity_indicator_and_edit_without_touching_yaml(demo: Runner, demo_ws: Path) -> None:
    path = demo_ws / "records/plans/dltv-2569.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("budget: 40000", "budget: 40000  # ตามหนังสือจัดสรร"),
                    encoding="utf-8")
    r = demo("plan", "activity", "add", "dltv-2569", "--title", "อบรมครู DLTV", "--quarters", "๒-๓", "--budget", "5,000")
    assert (r.exit_code, r.stdout) == (0, "a3\n"), r.stderr
    r = demo("plan", "indicator", "add", "dltv-2569", "--title", "จำนวนโรงเรียน DLTV ในไตรมาส", "--target", "8",
             "--unit", "โรงเรียน", "--source", "visits", "--filter", "project=dltv,reading", "--id", "q-schools")
    assert (r.exit_code, r.stdout) == (0, "q-schools\n"), r.stderr
    assert demo("plan", "edit", "dltv-2569", "--owner", "นายสมชาย ใจดี", "--budget", "๔๕,๐๐๐").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "owner: นายสมชาย ใจดี\nbudget: 45000  # ตามหนังสือจัดสรร\n" in text
    assert "  - {id: a3, title: อบรมครู DLTV, quarters: [2, 3], budget: 5000}\n" in text
    assert ("  - {id: q-schools, title: จำนวนโรงเรียน DLTV ในไตรมาส, unit: โรงเรียน, target: 8, source: visits, "
            "filter: {project: [dltv, reading]}}") in text
    assert demo("plan", "edit", "dltv-2569", "--owner", "").exit_code == 0
    assert "owner" not in path.read_text(encoding="utf-8")
    assert demo("check").exit_code == 0
    r = demo("report", "krs", "--fy", "2569", "--quarter", "2")
    assert "อบรมครู DLTV" in r.stdout and "จำนวนโรงเรียน DLTV ในไตรมาส" in r.stdout


@pytest.mark.parametrize(("args", "code", "said"), [
    (["plan", "activity", "add", "dltv-2569", "--title", "x", "--id", "a1"], 1, "มีกิจกรรมรหัส 'a1' แล้ว"),
    (["plan", "activity", "add", "dltv-2569", "--title", "x", "--quarters", "5"], 2, "ไตรมาสต้องเป็น 1 ถึง 4"),
    (["plan", "activity", "add", "dltv-2569", "--title", "x", "--budget", "-5"], 2, "ติดลบไม่ได้"),
    (["plan", "activity", "add", "ไม่มี", "--title", "x"], 1, "ไม่พบโครงการ 'ไม่มี'"),
    (["plan", "indicator", "add", "dltv-2569", "--title", "x", "--target", "สิบ"], 2, "--target ต้องเป็นตัวเลข"),
    (["plan", "indicator", "add", "dltv-2569", "--title", "x", "--target", "1", "--source", "guess"], 1, "source"),
    (["plan", "edit", "dltv-2569"], 2, "ไม่ได้ระบุสิ่งที่จะแก้"),
    (["plan", "edit", "dltv-2569", "--title", ""], 2, "ชื่อโครงการต้องไม่ว่าง"),
    (["plan", "copy", "dltv-2569", "--fy", "2569"], 1, "มีโครงการ 'dltv-2569' แล้ว"),
    (["plan", "copy", "dltv-2569", "--fy", "2026"], 2, "พ.ศ."),
    (["plan", "copy", "dltv-2569", "--fy", "2570", "--id", "ก ข"], 2, "ใช้ไม่ได้"),
])
def test_plan_changes_refused_say_why_and_write_nothing(demo: Runner, demo_ws: Path, args: list[str], code: int,
                                                        said: str) -> None:
    before = {p.name: p.read_bytes() for p in (demo_ws / "records/plans").glob("*.yaml")}
    r = demo(*args)
    assert r.exit_code == code and said in r.stderr, r.stderr
    assert {p.name: p.read_bytes() for p in (demo_ws / "records/plans").glob("*.yaml")} == before
