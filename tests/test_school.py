"""nitet school add|list|show|edit|unvisited as a supervisor uses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Runner, make_runner

SCHOOLS = [  # code, name, district, network, students
    ("1063020130", "โรงเรียนบ้านแม่ละเมา", "แม่สอด", "แม่ละเมา", "150"),
    ("1063020131", "ร.ร.บ้านกง", "พบพระ", "พบพระ ๑", "80"),
    ("1063020132", "โรงเรียนวัดเกาะ", "แม่สอด", "แม่ละเมา", "900"),
    ("1063020133", "โรงเรียนบ้านขะเนจื้อ", "แม่ระมาด", None, "1700"),
]


def write_schools(ws: Path) -> None:
    """The registry written directly (fast); ``add_schools`` does the same through the CLI."""
    for code, name, district, network, students in SCHOOLS:
        lines = [f"code: '{code}'", f"name: {name}", f"district: {district}"]
        lines += [f"network: {network}"] * bool(network) + [f"students: {students}"]
        (ws / "records/schools" / f"{code}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def add_schools(run: Runner) -> None:
    for code, name, district, network, students in SCHOOLS:
        args = ["school", "add", "--code", code, "--name", name, "--district", district, "--students", students]
        if network:
            args += ["--network", network]
        r = run(*args)
        assert r.exit_code == 0, r.stderr


def test_add_writes_the_record_and_prints_id_and_path(run: Runner, ws: Path) -> None:
    r = run("school", "add", "--code", "1063020130", "--name", "โรงเรียนบ้านแม่ละเมา", "--district", "แม่สอด",
            "--network", "แม่ละเมา", "--students", "๑๕๐", "--teachers", "9", "--dltv", "--smis", "63020001",
            "--obec", "630001", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json() == {"id": "1063020130", "path": "records/schools/1063020130.yaml"}
    text = (ws / "records/schools/1063020130.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[1:] == [
        "code: '1063020130'", "smis: '63020001'", "obec: '630001'", "name: โรงเรียนบ้านแม่ละเมา",
        "district: แม่สอด", "network: แม่ละเมา", "students: 150", "teachers: 9", "dltv: true"]
    assert "กลาง" in r.stderr  # size derived from 150 pupils is shown, not stored


def test_duplicate_code_or_smis_is_refused_and_nothing_changes(run: Runner, ws: Path) -> None:
    run("school", "add", "--code", "1063020130", "--name", "โรงเรียนบ้านแม่ละเมา", "--smis", "63020001")
    before = (ws / "records/schools/1063020130.yaml").read_text(encoding="utf-8")
    r = run("school", "add", "--code", "1063020130", "--name", "อื่น")
    assert r.exit_code == 1 and "1063020130" in r.stderr
    r = run("school", "add", "--code", "1063020139", "--name", "อื่น", "--smis", "63020001")
    assert r.exit_code == 1 and "63020001" in r.stderr
    assert not (ws / "records/schools/1063020139.yaml").exists()
    assert (ws / "records/schools/1063020130.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("code", ["106302013", "10630201301", "10630x0130", "63020001"])
def test_a_code_of_the_wrong_length_is_a_usage_error(run: Runner, ws: Path, code: str) -> None:
    r = run("school", "add", "--code", code, "--name", "โรงเรียนทดสอบ")
    assert r.exit_code == 2
    assert "10 หลัก" in r.stderr
    assert list((ws / "records/schools").glob("*.yaml")) == []


def test_smis_keyed_office_uses_8_digit_codes(ws: Path) -> None:
    cfg = ws / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("school_key: moe", "school_key: smis"), encoding="utf-8")
    run = make_runner(ws)
    assert run("school", "add", "--code", "1063020130", "--name", "ก").exit_code == 2
    r = run("school", "add", "--code", "63020001", "--name", "โรงเรียนบ้านแม่ละเมา", "--json")
    assert r.exit_code == 0 and r.json()["id"] == "63020001"
    assert run("check").exit_code == 0


def test_bad_numbers_are_refused(run: Runner) -> None:
    r = run("school", "add", "--code", "1063020130", "--name", "ก", "--students", "ห้าสิบ")
    assert r.exit_code == 2 and "--students" in r.stderr


def test_list_is_in_thai_order_ignoring_the_school_prefix(run: Runner) -> None:
    add_schools(run)
    rows = run("school", "list", "--json").json()
    assert [r["name"] for r in rows] == ["ร.ร.บ้านกง", "โรงเรียนบ้านขะเนจื้อ", "โรงเรียนบ้านแม่ละเมา", "โรงเรียนวัดเกาะ"]
    table = run("school", "list").stdout
    assert table.index("1063020131") < table.index("1063020133") < table.index("1063020130") < table.index("1063020132")


def test_list_json_shape_and_derived_sizes(run: Runner, ws: Path) -> None:
    write_schools(ws)
    rows = {r["code"]: r for r in run("school", "list", "--json").json()}
    assert {"code", "name", "district", "students", "network", "size", "dltv", "smis", "obec"} <= set(rows["1063020130"])
    assert rows["1063020130"]["students"] == 150 and rows["1063020130"]["district"] == "แม่สอด"
    assert [rows[c]["size"] for c in sorted(rows)] == ["medium", "small", "large", "extra_large"]
    assert rows["1063020133"]["network"] is None
    only = run("school", "list", "--network", "แม่ละเมา", "--json").json()
    assert sorted(r["code"] for r in only) == ["1063020130", "1063020132"]


def test_empty_registry_lists_nothing_and_says_what_to_do(run: Runner) -> None:
    assert run("school", "list", "--json").json() == []
    r = run("school", "list")
    assert r.exit_code == 0 and "nitet school add" in r.stderr


def test_show_finds_a_school_by_name_and_suggests_on_a_typo(run: Runner, ws: Path) -> None:
    write_schools(ws)
    r = run("school", "show", "บ้านกง", "--json")
    assert r.exit_code == 0 and r.json()["code"] == "1063020131" and r.json()["visits"] == 0
    r = run("school", "show", "บ้านแม่ละเมอ")
    assert r.exit_code == 1 and "1063020130 โรงเรียนบ้านแม่ละเมา" in r.stderr


def test_edit_keeps_comments_and_removes_with_empty_value(run: Runner, ws: Path) -> None:
    add_schools(run)
    path = ws / "records/schools/1063020130.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("students: 150", "students: 150  # ปี 2569"),
                    encoding="utf-8")
    r = run("school", "edit", "1063020130", "--teachers", "12", "--network", "", "--target")
    assert r.exit_code == 0, r.stderr
    text = path.read_text(encoding="utf-8")
    assert "students: 150  # ปี 2569\nteachers: 12\n" in text
    assert "network" not in text and "target: true" in text
    assert run("school", "edit", "1063020130", "--teachers", "12").stderr.startswith("ไม่มีอะไรเปลี่ยน")
    assert run("school", "edit", "1063020130").exit_code == 2


def test_unvisited_groups_by_network_with_target_schools_first(run: Runner, ws: Path) -> None:
    write_schools(ws)
    run("school", "edit", "1063020132", "--target")
    assert run("visit", "add", "--school", "1063020131", "--date", "2025-12-01").exit_code == 0
    assert run("visit", "add", "--school", "1063020133", "--date", "2025-09-30").exit_code == 0
    rows = run("school", "unvisited", "--fy", "2569", "--quarter", "1", "--json").json()
    assert [(r["network"], r["code"], r["target"]) for r in rows] == [
        ("แม่ละเมา", "1063020132", True), ("แม่ละเมา", "1063020130", False), (None, "1063020133", False)]
    assert rows[2]["last_visit"] == "2025-09-30"
    q4 = run("school", "unvisited", "--fy", "2568", "--quarter", "4", "--json").json()
    assert "1063020133" not in {r["code"] for r in q4}
    text = run("school", "unvisited", "--fy", "2569", "--quarter", "1").stdout
    assert "★ โรงเรียนวัดเกาะ" in text and "1 ต.ค. 2568 – 31 ธ.ค. 2568" in text


BAN = [  # eight schools whose names hold บ้าน, and one without
    ("1063020201", "โรงเรียนบ้านแม่จัน"), ("1063020202", "โรงเรียนบ้านห้วยไร่"), ("1063020203", "โรงเรียนบ้านกง"),
    ("1063020204", "โรงเรียนบ้านป่าไร่"), ("1063020205", "โรงเรียนบ้านวังตะเคียน"), ("1063020206", "ร.ร.บ้านขะเนจื้อ"),
    ("1063020207", "โรงเรียนบ้านปูเต้อ"), ("1063020208", "โรงเรียนบ้านแม่ตาวใหม่"), ("1063020209", "โรงเรียนวัดเกาะ"),
]


def write_ban(ws: Path, extra: list[tuple[str, str]] | None = None) -> None:
    for code, name in BAN + (extra or []):
        (ws / "records/schools" / f"{code}.yaml").write_text(f"code: '{code}'\nname: {name}\n", encoding="utf-8")


def test_one_way_to_name_a_school_everywhere_a_part_of_the_name_too(run: Runner, ws: Path) -> None:
    write_ban(ws)
    r = run("school", "edit", "แม่จัน", "--students", "120")
    assert r.exit_code == 0, r.stderr
    assert "students: 120" in (ws / "records/schools/1063020201.yaml").read_text(encoding="utf-8")
    assert run("school", "show", "ขะเนจื้อ", "--json").json()["code"] == "1063020206"
    r = run("visit", "add", "--school", "ร.ร.วัดเกาะ", "--date", "1/12/2568", "--json")
    assert r.exit_code == 0 and "1063020209" in r.json()["id"]
    r = run("visit", "list", "--school", "วัดเกาะ", "--fy", "2569", "--json")
    assert [v["school"] for v in r.json()] == ["1063020209"]


def test_an_ambiguous_part_lists_the_matches_with_codes_and_asks_for_the_code(run: Runner, ws: Path) -> None:
    write_ban(ws)
    r = run("visit", "add", "--school", "บ้าน", "--date", "1/12/2568")
    assert r.exit_code == 1
    assert "'บ้าน' ตรงกับโรงเรียน 8 โรง:" in r.stderr
    assert "  1063020203 โรงเรียนบ้านกง" in r.stderr and "  1063020206 ร.ร.บ้านขะเนจื้อ" in r.stderr
    assert "วัดเกาะ" not in r.stderr
    assert "ระบุด้วยรหัสโรงเรียน" in r.stderr
    assert not list((ws / "records/visits").rglob("*.yaml"))
    assert run("school", "edit", "ไร่", "--students", "5").exit_code == 1  # ห้วยไร่ and ป่าไร่


def test_more_than_ten_matches_show_ten_and_say_how_many_more(run: Runner, ws: Path) -> None:
    write_ban(ws, [(f"10630203{i:02d}", f"โรงเรียนบ้านนา{i}") for i in range(1, 5)])
    r = run("school", "show", "บ้าน")
    assert r.exit_code == 1 and "ตรงกับโรงเรียน 12 โรง" in r.stderr
    assert r.stderr.count("  10630") == 10 and "… และอีก 2 โรง" in r.stderr


def test_a_code_never_matches_in_part(run: Runner, ws: Path) -> None:
    write_ban(ws)
    r = run("school", "show", "10630202")
    assert r.exit_code == 1 and "ไม่พบโรงเรียน '10630202'" in r.stderr


def test_on_a_terminal_an_ambiguous_name_asks_which_school(run: Runner, ws: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from nitet.cli import context

    write_ban(ws)
    monkeypatch.setattr(context, "interactive", lambda: True)
    answers = iter(["99", "๒"])  # out of range, then the second in Thai order: บ้านขะเนจื้อ
    monkeypatch.setattr("builtins.input", lambda: next(answers))
    r = run("school", "show", "บ้าน", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["code"] == "1063020206"


def test_unvisited_counts_out_of_the_schools_asked_about(run: Runner, ws: Path) -> None:
    write_ban(ws)
    for code in ("1063020201", "1063020202", "1063020203"):
        assert run("school", "edit", code, "--target").exit_code == 0
    assert run("visit", "add", "--school", "1063020201", "--date", "1/12/2568").exit_code == 0
    r = run("school", "unvisited", "--fy", "2569", "--target")
    assert "2 จาก 3 โรง" in r.stdout
    r = run("school", "unvisited", "--fy", "2569")
    assert "8 จาก 9 โรง" in r.stdout
