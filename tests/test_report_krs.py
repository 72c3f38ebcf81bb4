"""The KRS report: distinct schools per quarter at the fiscal-year edges, money to date, statuses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_runner
from nitet.reports import krs
from nitet.storage.loader import load
from nitet.storage.workspace import open_workspace

SCHOOLS = {"1063000001": "โรงเรียนบ้านกอ", "1063000002": "โรงเรียนบ้านขอ",
           "1063000003": "โรงเรียนบ้านคอ", "1063000004": "โรงเรียนบ้านงอ"}
# (date, school, project): the fiscal year starts 1 Oct; Q1 ends 31 Dec
VISITS = [
    ("2025-09-30", "1063000001", "dltv"),     # FY 2568: never counted in 2569
    ("2025-10-01", "1063000001", "dltv"),     # Q1
    ("2025-12-31", "1063000002", "dltv"),     # Q1, last day
    ("2025-12-31", "1063000001", "dltv"),     # repeat visit: same school
    ("2025-11-01", "1063000004", "reading"),  # another project
    ("2026-01-01", "1063000003", "dltv"),     # Q2, first day
    ("2026-01-02", "1063000002", "dltv"),     # repeat in Q2
]
PLAN = """\
id: p-2569
fiscal_year: 2569
title: โครงการทดสอบ
budget: 40000
activities:
  - {id: a1, title: นิเทศ, quarters: [1, 2, 3], budget: 30000}
  - {id: a2, title: สรุปผล, quarters: [4], budget: 10000}
  - {id: a3, title: อบรม, quarters: [2]}
indicators:
  - {id: dltv, title: โรงเรียน DLTV ที่ได้รับการนิเทศ, unit: โรงเรียน, target: 4, source: visits, filter: {project: dltv}}
  - {id: any, title: โรงเรียนที่ได้รับการนิเทศ, unit: โรงเรียน, target: 5, source: visits,
     filter: {project: [dltv, reading]}}
  - {id: sat, title: ความพึงพอใจ, unit: ร้อยละ, target: 80}
results:
  - quarter: 1
    spent: 12500
    activities: {a1: in_progress}
    indicators: {sat: 85}
    problems: ทางไกล
  - quarter: 2
    spent: 7500.25
    activities: {a1: done, a2: done}
    suggestions: ออนไลน์
"""


@pytest.fixture
def krs_ws(ws: Path) -> Path:
    for code, name in SCHOOLS.items():
        (ws / f"records/schools/{code}.yaml").write_text(f"code: '{code}'\nname: {name}\n", encoding="utf-8")
    for n, (day, school, project) in enumerate(VISITS):
        folder = ws / "records/visits/any"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{day}-{school}-{n:06x}.yaml").write_text(
            f"date: {day}\nschool: '{school}'\nproject: {project}\n", encoding="utf-8")
    (ws / "records/plans/p-2569.yaml").write_text(PLAN, encoding="utf-8")
    return ws


def build(root: Path, quarter: int, cumulative: bool = False) -> krs.KrsReport:
    loaded = load(open_workspace(root))
    return krs.build(loaded, 2569, quarter, cumulative=cumulative, today=date(2026, 1, 10))


def test_visit_indicators_count_distinct_schools_up_to_each_quarter_end(krs_ws: Path) -> None:
    assert make_runner(krs_ws)("check").exit_code == 0
    counts = {q: {i.id: i.result for i in build(krs_ws, q).projects[0].indicators} for q in (1, 2, 3, 4)}
    assert counts[1] == {"dltv": 2, "any": 3, "sat": 85}
    assert counts[2] == {"dltv": 3, "any": 4, "sat": 85}
    assert counts[3] == counts[4] == counts[2]
    q1 = build(krs_ws, 1).projects[0].indicators
    # a percent-unit indicator (ความพึงพอใจ, ร้อยละ) compares directly: no percent of a percent
    assert [None if i.percent is None else round(i.percent, 4) for i in q1] == [50.0, 60.0, None]
    assert [i.achieved_th for i in q1] == ["ไม่บรรลุ", "ไม่บรรลุ", "บรรลุ"]
    q2 = build(krs_ws, 2).projects[0].indicators
    # Q2 alone: school 3 (1 Jan) and school 2 again (2 Jan); to date: 1, 2, 3
    assert [(i.id, i.quarter_value, i.result) for i in q2] == [("dltv", 2, 3), ("any", 2, 4), ("sat", None, 85)]


def test_money_to_date_and_remaining_are_exact(krs_ws: Path) -> None:
    m1, m2, m3 = (build(krs_ws, q).projects[0].money for q in (1, 2, 3))
    assert (m1.spent_period, m1.spent_to_date, m1.remaining) == (12500, 12500, 27500)
    assert (m2.spent_period, m2.spent_to_date, m2.remaining) == (7500.25, 20000.25, 19999.75)
    assert m2.percent_disbursed == pytest.approx(50.000625)
    # Q3 has no result: its spending is unknown, not 0; to date adds up the quarters with a result
    assert (m3.spent_period, m3.spent_to_date, m3.remaining) == (None, 20000.25, 19999.75)
    cumulative = build(krs_ws, 2, cumulative=True)
    assert cumulative.projects[0].money.spent_period == 20000.25
    assert cumulative.heading == "ผลการดำเนินงาน ๖ เดือน ไตรมาสที่ ๑–๒ (๑ ต.ค. ๒๕๖๘ – ๓๑ มี.ค. ๒๕๖๙)"


def test_activities_of_the_quarter_with_their_status(krs_ws: Path) -> None:
    q1 = [(a.id, a.status_th, a.planned) for a in build(krs_ws, 1).projects[0].activities]
    assert q1 == [("a1", "อยู่ระหว่างดำเนินการ", True)]
    q2 = [(a.id, a.status_th, a.planned) for a in build(krs_ws, 2).projects[0].activities]
    # a3 is planned for Q2 and no status was ever recorded: not reported, never "not started";
    # a2 is reported done although planned for Q4
    assert q2 == [("a1", "ดำเนินการแล้วเสร็จ", True), ("a2", "ดำเนินการแล้วเสร็จ", False), ("a3", "ยังไม่รายงาน", True)]


def test_markdown_report_of_the_quarter(krs_ws: Path) -> None:
    r = make_runner(krs_ws)("report", "krs", "--fy", "2569", "--quarter", "1", "--date", "10/1/2569")
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert "**ไตรมาสที่ ๑ (๑ ต.ค. ๒๕๖๘ – ๓๑ ธ.ค. ๒๕๖๘)**" in out
    assert "| ๑ | โรงเรียน DLTV ที่ได้รับการนิเทศ | โรงเรียน | ๔ | ๒ | ๒ | ๕๐.๐๐ | ไม่บรรลุ |" in out
    assert "| ๑ | โครงการทดสอบ | ๔๐,๐๐๐.๐๐ | ๑๒,๕๐๐.๐๐ | ๑๒,๕๐๐.๐๐ | ๒๗,๕๐๐.๐๐ | ๓๑.๒๕ |" in out
    assert out.endswith("---\n\n(ลงชื่อ) ........................................ ผู้รายงาน  \n(นางสาวทดสอบ ระบบ)  \n"
                        "ตำแหน่ง ศึกษานิเทศก์  \nวันที่ ๑๐ มกราคม ๒๕๖๙\n")


def test_arabic_digits_and_title_from_settings(krs_ws: Path) -> None:
    cfg = krs_ws / "nitet.yaml"
    text = cfg.read_text(encoding="utf-8").replace("digits: thai", "digits: arabic")
    text = text.replace("krs_title: รายงานผลการปฏิบัติงานตามแผนปฏิบัติการประจำปีงบประมาณ (KRS)",
                        "krs_title: รายงานความก้าวหน้าโครงการ")
    cfg.write_text(text, encoding="utf-8")
    out = make_runner(krs_ws)("report", "krs", "--fy", "2569", "--quarter", "2").stdout
    assert out.startswith("# รายงานความก้าวหน้าโครงการ\n")
    assert "**ไตรมาสที่ 2 (1 ม.ค. 2569 – 31 มี.ค. 2569)**" in out
    assert "| 1 | โครงการทดสอบ | 40,000.00 | 7,500.25 | 20,000.25 | 19,999.75 | 50.00 |" in out


def test_a_year_without_plans_says_what_exists_and_how_to_start_and_writes_nothing(
        run, ws: Path, tmp_path: Path) -> None:
    r = run("report", "krs", "--fy", "2570", "--quarter", "1", "-o", str(tmp_path / "krs.xlsx"))
    assert r.exit_code == 1 and "ยังไม่มีโครงการใน records/plans/" in r.stderr and "nitet plan add" in r.stderr
    (ws / "records/plans/dltv-2569.yaml").write_text(
        "id: dltv-2569\nfiscal_year: 2569\ntitle: โครงการ DLTV\n", encoding="utf-8")
    r = run("report", "krs", "--fy", "2570", "--quarter", "1", "-o", str(tmp_path / "krs.xlsx"))
    assert r.exit_code == 1
    assert "ยังไม่มีโครงการของปีงบประมาณ 2570 (มี ปีงบประมาณ 2569: dltv-2569)" in r.stderr
    assert "nitet plan copy dltv-2569 --fy 2570" in r.stderr
    assert not (tmp_path / "krs.xlsx").exists() and r.stdout == ""


def test_bad_options_are_usage_errors(run) -> None:
    assert run("report", "krs", "--fy", "2026", "--quarter", "1").exit_code == 2
    assert run("report", "krs", "--fy", "2569", "--quarter", "5").exit_code == 2
    assert run("report", "krs", "--fy", "2569", "--quarter", "1", "--format", "pdf").exit_code == 2


def test_output_file_and_workspace_template_override(krs_ws: Path, tmp_path: Path) -> None:
    (krs_ws / "templates/krs.md.j2").write_text("{{ r.title }} {{ r.projects|length|digits }}\n", encoding="utf-8")
    out = tmp_path / "krs.md"
    r = make_runner(krs_ws)("report", "krs", "--fy", "2569", "--quarter", "1", "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8") == "รายงานผลการปฏิบัติงานตามแผนปฏิบัติการประจำปีงบประมาณ (KRS) ๑\n"
    (krs_ws / "templates/krs.md.j2").write_text("{{ r.no_such_thing }}\n", encoding="utf-8")
    r = make_runner(krs_ws)("report", "krs", "--fy", "2569", "--quarter", "1")
    assert r.exit_code == 2 and "krs.md.j2" in r.stderr


@given(st.lists(st.tuples(st.dates(date(2025, 7, 1), date(2026, 12, 31)), st.sampled_from("ABCDE"),
                          st.sampled_from(["dltv", "reading", None])), max_size=30))
def test_visit_counts_grow_by_quarter_and_end_with_the_years_distinct_schools(
        visits: list[tuple[date, str, str | None]]) -> None:
    from nitet.core.thai import fiscal_year, quarter_range

    rows = [{"date": d.isoformat(), "school": s, **({"project": p} if p else {})} for d, s, p in visits]
    start = date(2025, 10, 1)
    counts = [krs.count_schools(rows, {"project": "dltv"}, start, quarter_range(2569, q)[1]) for q in (1, 2, 3, 4)]
    assert counts == sorted(counts)
    assert counts[3] == len({s for d, s, p in visits if p == "dltv" and fiscal_year(d) == 2569})
    assert krs.count_schools(rows, {"project": ["dltv", "reading"]}, start, date(2026, 9, 30)) == \
        len({s for d, s, p in visits if p and fiscal_year(d) == 2569})


def test_cumulative_report_takes_the_latest_status_and_every_quarters_notes(krs_ws: Path) -> None:
    p = build(krs_ws, 2, cumulative=True).projects[0]
    assert [(a.id, a.status) for a in p.activities] == [("a1", "done"), ("a2", "done"), ("a3", "not_reported")]
    assert [(n.quarter, n.text) for n in p.problems] == [(1, "ทางไกล")]
    assert [(n.quarter, n.text) for n in p.suggestions] == [(2, "ออนไลน์")]
    out = make_runner(krs_ws)("report", "krs", "--fy", "2569", "--quarter", "2", "--cumulative").stdout
    assert "- ไตรมาสที่ ๑: ทางไกล" in out and "- ไตรมาสที่ ๒: ออนไลน์" in out


# --- a quarter without a result: carried-forward statuses, unknown money, a warning -----------------

Q1_ONLY = PLAN[:PLAN.index("  - quarter: 2")]  # as the demo's DLTV plan: Q2 has visits but no result
COMMAND_Q2 = "nitet plan result --plan p-2569 --quarter 2 --spent <บาท> --activity a1=<สถานะ> --activity a3=<สถานะ>"


@pytest.fixture
def q1_only_ws(krs_ws: Path) -> Path:
    (krs_ws / "records/plans/p-2569.yaml").write_text(Q1_ONLY, encoding="utf-8")
    return krs_ws


def test_quarter_without_result_carries_the_latest_status_forward_and_marks_it(q1_only_ws: Path) -> None:
    rows = {q: [(a.id, a.status, a.status_th, a.reported_quarter, a.carried)
                for a in build(q1_only_ws, q).projects[0].activities] for q in (1, 2)}
    assert rows[1] == [("a1", "in_progress", "อยู่ระหว่างดำเนินการ", 1, False)]
    assert rows[2] == [("a1", "in_progress", "อยู่ระหว่างดำเนินการ (ยกมาจากไตรมาสที่ ๑)", 1, True),
                       ("a3", "not_reported", "ยังไม่รายงาน", None, False)]
    cumulative = [(a.id, a.status_th) for a in build(q1_only_ws, 2, cumulative=True).projects[0].activities]
    assert cumulative == [("a1", "อยู่ระหว่างดำเนินการ (ยกมาจากไตรมาสที่ ๑)"), ("a3", "ยังไม่รายงาน")]


def test_quarter_without_result_has_unknown_spending_not_zero(q1_only_ws: Path) -> None:
    m1, m2 = (build(q1_only_ws, q).projects[0].money for q in (1, 2))
    assert (m1.spent_period, m1.spent_to_date, m1.remaining, m1.percent_disbursed) == (12500, 12500, 27500, 31.25)
    assert (m2.spent_period, m2.spent_to_date, m2.remaining, m2.percent_disbursed) == (None, 12500, 27500, 31.25)
    c = build(q1_only_ws, 2, cumulative=True)
    assert (c.projects[0].money.spent_period, c.projects[0].money.spent_to_date) == (12500, 12500)
    assert [(m.quarter, m.command()) for _, m in c.missing] == [(2, COMMAND_Q2)]
    assert build(q1_only_ws, 1).missing == []
    q2 = build(q1_only_ws, 2)
    assert (q2.total.spent_period, q2.total.spent_to_date) == (None, 12500)
    sat = q2.projects[0].indicators[2]
    assert (sat.result, sat.carried, sat.note) == (85, True, "ยกมาจากไตรมาสที่ ๑")
    assert [(n.quarter, n.text, n.reported) for n in q2.projects[0].problems] == [(2, "ยังไม่รายงาน", False)]
    assert [(n.quarter, n.text) for n in c.projects[0].problems] == [(1, "ทางไกล"), (2, "ยังไม่รายงาน")]


def test_markdown_of_a_quarter_without_result_says_so_and_warns(q1_only_ws: Path) -> None:
    r = make_runner(q1_only_ws)("report", "krs", "--fy", "2569", "--quarter", "2")
    assert r.exit_code == 0
    assert r.stderr.splitlines() == [
        "คำเตือน: ยังไม่ได้บันทึกผลของ 1 โครงการ/ไตรมาส — รายงานแสดงสถานะที่ยกมาจากไตรมาสก่อนหรือ 'ยังไม่รายงาน' "
        "และไม่นับเงินเบิกจ่ายของไตรมาสนั้นเป็น 0",
        f"  p-2569 ไตรมาสที่ 2: {COMMAND_Q2}"]
    out = r.stdout
    assert "| ๑ | โครงการทดสอบ | ๔๐,๐๐๐.๐๐ | ยังไม่รายงาน | ๑๒,๕๐๐.๐๐ | ๒๗,๕๐๐.๐๐ | ๓๑.๒๕ |" in out
    assert "| | **รวม** | **๔๐,๐๐๐.๐๐** | **ยังไม่รายงาน** | **๑๒,๕๐๐.๐๐** | **๒๗,๕๐๐.๐๐** | **๓๑.๒๕** |" in out
    # the document names the project and quarter; the command that records it goes to stderr only
    assert "- โครงการทดสอบ ไตรมาสที่ ๒\n" in out
    assert "nitet" not in out and "p-2569" not in out
    assert "| ๑ | นิเทศ | ๑, ๒, ๓ | ๓๐,๐๐๐.๐๐ | อยู่ระหว่างดำเนินการ (ยกมาจากไตรมาสที่ ๑) | - |" in out
    assert "| ๒ | อบรม | ๒ | - | ยังไม่รายงาน | - |" in out
    assert "| ๓ | ความพึงพอใจ | ร้อยละ | ๘๐ | - | ๘๕ (ยกมาจากไตรมาสที่ ๑) | - | บรรลุ |" in out
    assert "ยังไม่ดำเนินการ" not in out
    assert "### ปัญหาอุปสรรค\n\n- ยังไม่รายงาน\n" in out
    en = make_runner(q1_only_ws)("report", "krs", "--fy", "2569", "--quarter", "2", lang="en")
    assert en.stderr.splitlines()[1] == (
        "  p-2569 quarter 2: nitet plan result --plan p-2569 --quarter 2 --spent <amount> "
        "--activity a1=<status> --activity a3=<status>")
    quiet = make_runner(q1_only_ws)("report", "krs", "--fy", "2569", "--quarter", "1")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_excel_of_a_quarter_without_result_matches_the_markdown(q1_only_ws: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "krs.xlsx"
    assert make_runner(q1_only_ws)("report", "krs", "--fy", "2569", "--quarter", "2", "-o", str(path)).exit_code == 0
    wb = load_workbook(path)
    summary = [row for row in wb["สรุป"].iter_rows(values_only=True) if row[0] is not None or row[1] is not None]
    assert (1, "โครงการทดสอบ", 40000, "ยังไม่รายงาน", 12500, 27500, 0.3125) in summary
    assert ("- โครงการทดสอบ ไตรมาสที่ ๒",) + (None,) * 6 in summary
    texts = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [x for x in texts if "nitet" in x or "p-2569" in x]
    statuses = [row[6] for row in wb["กิจกรรม"].iter_rows(min_row=5, values_only=True) if row[2] is not None]
    assert statuses == ["อยู่ระหว่างดำเนินการ (ยกมาจากไตรมาสที่ ๑)", "ยังไม่รายงาน"]
    rows = [row for row in wb["ตัวชี้วัด"].iter_rows(min_row=5, values_only=True) if row[1] is not None]
    assert [r[8] for r in rows][2] == "ยกมาจากไตรมาสที่ ๑"
    dltv, reading = "โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)", "โครงการนิเทศติดตามการอ่านการเขียนตามนโยบาย สพฐ."
    assert [r[8].split(": ")[0] for r in rows[:2]] == [f"โรงเรียน (ไม่ซ้ำ) ที่ได้รับการนิเทศ {dltv}",
                                                        f"โรงเรียน (ไม่ซ้ำ) ที่ได้รับการนิเทศ {dltv} หรือ {reading}"]


def test_plan_never_reported_shows_not_reported_everywhere(krs_ws: Path) -> None:
    (krs_ws / "records/plans/p-2569.yaml").write_text(PLAN[:PLAN.index("results:")], encoding="utf-8")
    p = build(krs_ws, 1).projects[0]
    assert [(a.id, a.status_th) for a in p.activities] == [("a1", "ยังไม่รายงาน")]
    assert (p.money.spent_period, p.money.spent_to_date, p.money.remaining, p.money.percent_disbursed) == \
        (None, None, None, None)
    assert [(i.id, i.result, i.note) for i in p.indicators] == [
        ("dltv", 2, ""), ("any", 3, ""), ("sat", None, "ยังไม่รายงาน")]
    out = make_runner(krs_ws)("report", "krs", "--fy", "2569", "--quarter", "1").stdout
    assert "| ๑ | โครงการทดสอบ | ๔๐,๐๐๐.๐๐ | ยังไม่รายงาน | ยังไม่รายงาน | - | - |" in out
    assert "| ๓ | ความพึงพอใจ | ร้อยละ | ๘๐ | - | ยังไม่รายงาน | - | - |" in out


def test_demo_dltv_in_quarter_2_is_in_progress_carried_from_quarter_1(demo_ws: Path) -> None:
    """QA: the demo's DLTV activity a1 showed 'not started' in Q2 although Q1 reported it in progress."""
    r = make_runner(demo_ws)("report", "krs", "--fy", "2569", "--quarter", "2")
    assert r.exit_code == 0
    assert "| ๑ | นิเทศติดตามโรงเรียน DLTV | ๑, ๒, ๓ | ๓๐,๐๐๐.๐๐ | อยู่ระหว่างดำเนินการ (ยกมาจากไตรมาสที่ ๑) | - |" in r.stdout
    assert "  dltv-2569 ไตรมาสที่ 2: nitet plan result --plan dltv-2569 --quarter 2 --spent <บาท> " \
        "--activity a1=<สถานะ>" in r.stderr.splitlines()
    assert "reading-2569" not in r.stderr


# --- what the office asks (issue #15): late activities, owner, per-quarter and to-date results, บรรลุ ------------


def test_demo_krs_of_quarter_2_hand_computed(demo_ws: Path) -> None:
    """The demo's figures, computed by hand from the demo records (nitet.domain.demo):

    DLTV visits, Q2 (1 Jan – 31 Mar 2026): 101 (14 Jan), 508 (21 Jan), 203 (11 Feb), 305 (11 Mar) = 4 schools;
    to date adds Q1's 406 (3 Dec) = 5 of target 10 → 50.00 %, ไม่บรรลุ (the issue: "Q2 alone had 4").
    satisfaction: 85 reported in Q1, unit ร้อยละ, target 80 → compared directly: บรรลุ, no percent of a percent.
    reading visits: Q2 407, 102, 204, 406 = 4; to date the same 4 (Q1 was 102, 204) of 6 → 66.67 %.
    reading target schools 102, 204, 407, 101: visited 102, 204, 407 = 3 of 4 = 75 % (target 100) → ไม่บรรลุ.
    ป.1 read aloud at ดีมาก/ดี, semester 2/2568 (the only semester of FY 2569 begun by 31 Mar 2026):
    school 101 4+5 of 12, school 203 2+3 of 9 → 14 of 21 = 66.67 % (target 70) → ไม่บรรลุ.
    case steps of area-supervision: 1, 2, 3 done 15 Oct – 7 Nov 2025: Q2 0, to date 3 of target 7 → 42.86 %.
    r4 (อบรม…) planned Q1 only, in progress since Q1: carried into Q2, ล่าช้า.
    """
    p1, p2 = build(demo_ws, 2).projects
    assert (p1.owner, p2.owner) == (None, "นายวิชัย รักการอ่าน")
    got = {(p.id, i.id): (i.quarter_value, i.result, None if i.percent is None else round(i.percent, 2), i.achieved_th)
           for p in (p1, p2) for i in p.indicators}
    assert got == {
        ("dltv-2569", "schools"): (4, 5, 50.0, "ไม่บรรลุ"),
        ("dltv-2569", "satisfaction"): (None, 85, None, "บรรลุ"),
        ("reading-2569", "schools"): (4, 4, 66.67, "ไม่บรรลุ"),
        ("reading-2569", "targets"): (75, 75, None, "ไม่บรรลุ"),
        ("reading-2569", "fluent"): (pytest.approx(1400 / 21), pytest.approx(1400 / 21), None, "ไม่บรรลุ"),
        ("reading-2569", "steps"): (0, 3, 42.86, "ไม่บรรลุ"),
    }
    fluent = next(i for i in p2.indicators if i.id == "fluent")
    assert (fluent.basis, fluent.to_date_label) == ("๑๔ จาก ๒๑ คน", "ผลการคัดกรองภาคเรียนที่ ๒/๒๕๖๘")
    acts = {a.id: (a.status_th, a.late_th, a.outcome) for a in p2.activities}
    assert acts == {
        "r2": ("อยู่ระหว่างดำเนินการ", "", "นิเทศติดตาม ๔ โรงเรียน"),
        "r3": ("ดำเนินการแล้วเสร็จ", "", "จัด PLC ๑ ครั้ง ครูเข้าร่วม ๑๒ คน"),
        "r4": ("อยู่ระหว่างดำเนินการ (ยกมาจากไตรมาสที่ ๑)", "ล่าช้า (ตามแผนไตรมาสที่ ๑)", ""),
    }
    q1 = {i.id: (i.quarter_value, i.result) for i in build(demo_ws, 1).projects[1].indicators}
    assert q1 == {"schools": (2, 2), "targets": (50, 50), "fluent": (pytest.approx(1400 / 21),) * 2, "steps": (3, 3)}
    assert [a.id for a in build(demo_ws, 1).projects[1].activities] == ["r1", "r2", "r4"]  # r4 on time in Q1


def test_a_late_activity_carries_into_every_later_quarter_until_done(krs_ws: Path) -> None:
    plan = krs_ws / "records/plans/p-2569.yaml"
    plan.write_text(PLAN.replace("  - {id: a3, title: อบรม, quarters: [2]}", "  - {id: a3, title: อบรม, quarters: [1]}"),
                    encoding="utf-8")
    lates = {q: [(a.id, a.late_th) for a in build(krs_ws, q).projects[0].activities if a.late] for q in (1, 2, 3, 4)}
    # a3: planned Q1, never reported done → late from Q2 on; a1 (Q1–Q3) done in Q2 → never late
    assert lates == {1: [], 2: [("a3", "ล่าช้า (ตามแผนไตรมาสที่ ๑)")], 3: [("a3", "ล่าช้า (ตามแผนไตรมาสที่ ๑)")],
                     4: [("a3", "ล่าช้า (ตามแผนไตรมาสที่ ๑)")]}
    plan.write_text(plan.read_text(encoding="utf-8").replace("activities: {a1: done, a2: done}",
                                                             "activities: {a1: done, a2: done, a3: done}"),
                    encoding="utf-8")
    assert [a.id for a in build(krs_ws, 3).projects[0].activities] == ["a1"]  # a3 done in Q2: gone from Q3
    assert [(a.id, a.late) for a in build(krs_ws, 2).projects[0].activities] == [
        ("a1", False), ("a2", False), ("a3", False)]


def test_percent_unit_indicator_counted_from_cases_and_screening_setup_is_checked(krs_ws: Path) -> None:
    plan = krs_ws / "records/plans/p-2569.yaml"
    text = PLAN.replace("indicators:\n", "indicators:\n"
                        "  - {id: read, title: อ่านออก, target: 70, source: screening}\n"
                        "  - {id: st, title: ขั้นตอน, unit: ร้อยละ, target: 100, source: cases, workflow: nope}\n"
                        "  - {id: tg, title: ทดสอบ, target: 1, aspect: read_aloud}\n")
    plan.write_text(text, encoding="utf-8")
    r = make_runner(krs_ws)("check", "--json")
    got = sorted((f["check"], f["severity"]) for f in r.json()["findings"])
    assert got == [("field-unused", "warning"), ("indicator-setup", "error"), ("indicator-setup", "error")]
    r = make_runner(krs_ws)("plan", "result", "--plan", "p-2569", "--quarter", "1", "--indicator", "read=50")
    assert r.exit_code == 1 and "นับจากผลการคัดกรองการอ่านการเขียนโดยอัตโนมัติ" in r.stderr


def test_a_visits_filter_is_said_in_words_and_counted_in_the_quarter_and_to_date(krs_ws: Path) -> None:
    """Only the visit of 1 Jan 2026 (school 3, Q2) is project-based: Q1 0 and 0; Q2 1 and 1."""
    visit = next((krs_ws / "records/visits/any").glob("2026-01-01-1063000003-*.yaml"))
    visit.write_text(visit.read_text(encoding="utf-8") + "kind: project-based\n", encoding="utf-8")
    plan = krs_ws / "records/plans/p-2569.yaml"
    plan.write_text(PLAN.replace("indicators:\n", "indicators:\n  - {id: pb, title: นิเทศแบบโครงการ, unit: โรงเรียน, "
                                 "target: 2, source: visits, filter: {project: dltv, kind: project-based}}\n"),
                    encoding="utf-8")
    assert make_runner(krs_ws)("check").exit_code == 0
    got = {q: next((i.quarter_value, i.result, i.counts) for i in build(krs_ws, q).projects[0].indicators
                   if i.id == "pb") for q in (1, 2)}
    words = ("โรงเรียน (ไม่ซ้ำ) ที่ได้รับการนิเทศ โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV) "
             "(รูปแบบการนิเทศ: นิเทศโดยใช้โครงการเป็นฐาน)")
    assert got == {1: (0, 0, words), 2: (1, 1, words)}
    out = make_runner(krs_ws)("report", "krs", "--fy", "2569", "--quarter", "2").stdout
    assert "kind" not in out and "project-based" not in out
