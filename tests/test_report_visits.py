"""Visit and screening reports: totals, Thai order, Markdown that stays a table, several workspaces."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from conftest import make_runner
from nitet.domain.initialize import create_workspace
from nitet.reports import screening, visits
from nitet.reports.render_md import md_cell
from nitet.storage.loader import load
from nitet.storage.workspace import open_workspace


def _school(ws: Path, code: str, name: str, network: str | None = None) -> None:
    extra = f"network: {network}\n" if network else ""
    (ws / f"records/schools/{code}.yaml").write_text(f"code: '{code}'\nname: {name}\n{extra}", encoding="utf-8")


def _visit(ws: Path, day: str, school: str, n: int, **fields: str) -> None:
    folder = ws / "records/visits/2569"
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{k}: {v}\n" for k, v in fields.items())
    (folder / f"{day}-{school}-{n:06x}.yaml").write_text(f"date: {day}\nschool: '{school}'\n{body}", encoding="utf-8")


def test_visit_totals_per_school_and_network_in_thai_order(ws: Path) -> None:
    _school(ws, "1063000001", "โรงเรียนบ้านแม่ตาว", "เครือข่ายแม่สอด")
    _school(ws, "1063000002", "ร.ร.บ้านกง", "เครือข่ายพบพระ")
    _school(ws, "1063000003", "โรงเรียนบ้านขุนห้วย")
    for n, (day, code) in enumerate([("2025-10-05", "1063000001"), ("2025-11-05", "1063000002"),
                                     ("2025-12-05", "1063000001"), ("2026-01-05", "1063000003"),
                                     ("2025-09-30", "1063000003")]):
        _visit(ws, day, code, n)
    rep = visits.build(load(open_workspace(ws)), 2569, 1, today=date(2026, 1, 10))
    assert [(v.date.isoformat(), v.school) for v in rep.visits] == [
        ("2025-10-05", "1063000001"), ("2025-11-05", "1063000002"), ("2025-12-05", "1063000001")]
    # Thai order ignores the โรงเรียน / ร.ร. prefix and the leading vowel แ: กง < แม่ตาว
    assert [(s.name, s.visits) for s in rep.schools] == [("ร.ร.บ้านกง", 1), ("โรงเรียนบ้านแม่ตาว", 2)]
    assert [(n.network, n.schools, n.visits) for n in rep.networks] == [
        ("เครือข่ายพบพระ", 1, 1), ("เครือข่ายแม่สอด", 1, 2)]
    year = visits.build(load(open_workspace(ws)), 2569)
    assert [n.network for n in year.networks][-1] == "(ไม่ระบุเครือข่าย)"


def test_markdown_tables_survive_pipes_and_newlines(ws: Path) -> None:
    assert md_cell("a|b\nc") == "a\\|b<br>c"
    _school(ws, "1063000001", "โรงเรียนบ้าน|ท่อ")
    _visit(ws, "2025-10-05", "1063000001", 1, findings="|\n  ผลข้อ ๑ | ผลข้อ ๒\n  ข้อ ๓",
           suggestions="'=1+1'")
    out = make_runner(ws)("report", "visits", "--fy", "2569").stdout
    row = next(line for line in out.splitlines() if line.startswith("| ๑ | ๕ ต.ค. ๒๕๖๘"))
    assert row == ("| ๑ | ๕ ต.ค. ๒๕๖๘ | โรงเรียนบ้าน\\|ท่อ | - |  | ผลข้อ ๑ \\| ผลข้อ ๒<br>ข้อ ๓ | =๑+๑ |")  # one digit system: digits per nitet.yaml
    # every table row has as many unescaped | as its header
    header = next(line for line in out.splitlines() if line.startswith("| ที่ | วันที่"))
    assert row.replace("\\|", "").count("|") == header.count("|")


def test_empty_period_says_so(run) -> None:
    r = run("report", "visits", "--fy", "2569", "--quarter", "3")
    assert r.exit_code == 0 and "ไม่มีบันทึกการนิเทศในช่วงนี้" in r.stdout
    r = run("report", "screening", "--academic-year", "2568")
    assert r.exit_code == 0 and "ไม่มีผลการคัดกรองของช่วงนี้" in r.stdout
    assert run("report", "screening", "--academic-year", "2568", "--semester", "3").exit_code == 2


def test_screening_levels_share_and_semester_change(demo_ws: Path) -> None:
    loaded = load(open_workspace(demo_ws))
    rep = screening.build(loaded, 2568, today=date(2026, 1, 10))
    assert rep.compare and [b.school_name for b in rep.blocks] == ["โรงเรียนบ้านผาลาด", "โรงเรียนบ้านห้วยน้ำใส"]
    aloud = rep.blocks[1].aspects[0]
    s1, s2 = aloud.by_semester[1], aloud.by_semester[2]
    assert (s1.assessed, s1.counts) == (12, {"excellent": 2, "good": 4, "fair": 3, "improve": 3})
    assert (s1.good_share, s2.good_share, aloud.change) == (50.0, 75.0, 25.0)
    total = rep.totals[0][1][0].by_semester[1]
    assert (total.assessed, total.counts["improve"]) == (21, 6)
    only2 = screening.build(loaded, 2568, 2, today=date(2026, 1, 10))
    assert not only2.compare and list(only2.blocks[0].aspects[0].by_semester) == [2]


def test_several_workspaces_side_by_side(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    create_workspace(a, office="สพป.ตาก เขต ๒", supervisor="ศน.เอ", demo=True)
    create_workspace(b, office="สพป.ตาก เขต ๒", supervisor="ศน.บี", demo=True)
    shutil.rmtree(b / "records/visits/2569")  # b visited nobody; b also has one school a lacks
    _school(b, "1063000009", "โรงเรียนบ้านเก้า")
    _visit(b, "2025-10-09", "1063000009", 9)
    _visit(b, "2025-10-10", "1063350101", 10)
    before = sorted(p for p in b.rglob("*"))
    run = make_runner(tmp_path)
    r = run("report", "krs", "--fy", "2569", "--quarter", "1", "--workspace", str(a), "--workspace", str(b))
    assert r.exit_code == 0, r.stderr
    # both hold the demo's two plans alike (the same office projects): each counted once, not twice
    assert sum(line.startswith("## ") for line in r.stdout.splitlines()) == 1 + 2
    assert "| | **รวม** | **๖๕,๐๐๐.๐๐** | **๑๘,๗๐๐.๐๐** |" in r.stdout
    assert "(ศน.เอ)" in r.stdout
    assert "ระเบียนที่มีเหมือนกันในหลายพื้นที่ทำงาน (เช่น สำเนา git ของคลังเดียวกัน) เพียงครั้งเดียว" in r.stderr
    # b's own version of a plan (other figures) is b's project: counted apart, and said so
    plan_b = b / "records/plans/dltv-2569.yaml"
    plan_b.write_text(plan_b.read_text(encoding="utf-8").replace("budget: 40000", "budget: 50000", 1), encoding="utf-8")
    r = run("report", "krs", "--fy", "2569", "--quarter", "1", "--workspace", str(a), "--workspace", str(b))
    assert sum(line.startswith("## ") for line in r.stdout.splitlines()) == 1 + 3
    assert "(ศน.บี)" in r.stdout and "คำเตือน: dltv-2569 มีในหลายพื้นที่ทำงานแต่ข้อมูลต่างกัน" in r.stderr
    plan_b.write_text(plan_b.read_text(encoding="utf-8").replace("budget: 50000", "budget: 40000", 1), encoding="utf-8")
    r = run("report", "visits", "--fy", "2569", "--quarter", "1", "--workspace", str(a), "--workspace", str(b))
    assert "นิเทศ ๙ ครั้ง ใน ๗ โรงเรียน" in r.stdout  # 7 of a + 2 of b; the school of both counted once
    assert "| โรงเรียนบ้านห้วยน้ำใส | ๑๐๖๓๓๕๐๑๐๑ | เครือข่ายแม่สอด ๑ | ๓ |" in r.stdout
    assert "โรงเรียนบ้านเก้า" in r.stdout
    assert sorted(p for p in b.rglob("*")) == before  # read-only: no cache written there


def test_two_clones_of_one_office_repository_count_each_record_once(tmp_path: Path) -> None:
    """QA: two clones pulled level, reported together with --workspace A --workspace B (or A twice)."""
    a = tmp_path / "a"
    create_workspace(a, office="สพป.ตาก เขต ๒", supervisor="ศน.เอ", demo=True)
    b = tmp_path / "b"
    shutil.copytree(a, b)
    _visit(b, "2025-10-10", "1063350101", 10)  # a visit only b has (not pulled by a yet)
    run = make_runner(tmp_path)
    alone = run("report", "visits", "--fy", "2569", "--quarter", "1", "--workspace", str(a))
    both = run("report", "visits", "--fy", "2569", "--quarter", "1", "--workspace", str(a), "--workspace", str(b))
    twice = run("report", "visits", "--fy", "2569", "--quarter", "1", "--workspace", str(a), "--workspace", str(a))
    assert "นิเทศ ๗ ครั้ง" in alone.stdout and "นิเทศ ๘ ครั้ง" in both.stdout and "นิเทศ ๗ ครั้ง" in twice.stdout
    krs_a = run("report", "krs", "--fy", "2569", "--quarter", "1", "--workspace", str(a))
    krs_both = run("report", "krs", "--fy", "2569", "--quarter", "1", "--workspace", str(a), "--workspace", str(b))
    total = next(line for line in krs_a.stdout.splitlines() if "**รวม**" in line)
    assert total in krs_both.stdout  # the same budget and spending, not doubled
    assert sum(line.startswith("## ") for line in krs_both.stdout.splitlines()) == 1 + 2
