"""The -o rule (SPEC §4 "Writes"): one rule for every file a command writes where the user says.

Relative to where the command was started; never over a workspace's own files (records,
nitet.yaml, workflows, templates, .nitet, .git); an existing file of the output's own kind is
replaced; any other existing file only with --force or a yes on a terminal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Runner

SCHOOL = 'code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\n'


@pytest.fixture
def school(ws: Path) -> Path:
    p = ws / "records" / "schools" / "1063020130.yaml"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(SCHOOL, encoding="utf-8")
    return p


@pytest.mark.parametrize("args", [
    ("report", "krs", "--fy", "2569", "--quarter", "1"),
    ("report", "visits", "--fy", "2569"),
    ("report", "screening", "--academic-year", "2568"),
    ("export", "csv", "visits"),
    ("export", "xlsx", "visits"),
])
def test_a_record_is_never_overwritten(run: Runner, ws: Path, school: Path, args: tuple[str, ...]) -> None:
    r = run(*args, "-o", str(school), "--force")
    assert r.exit_code == 2, r.stderr
    assert f"ไม่เขียน -o {school}" in r.stderr and "records/" in r.stderr
    assert school.read_text(encoding="utf-8") == SCHOOL


@pytest.mark.parametrize("rel", ["nitet.yaml", "workflows/supervision.md", "templates/krs.md",
                                 "records/report.md", ".nitet/x.csv", "schemas/x.csv", "imports/form.csv"])
def test_nitets_own_files_and_folders_are_refused(run: Runner, ws: Path, rel: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ws)
    before = (ws / "nitet.yaml").read_bytes()
    r = run("export", "csv", "schools", "-o", rel, "--force")
    assert r.exit_code == 2, r.stderr
    assert "ไม่เขียน" in r.stderr
    assert (ws / "nitet.yaml").read_bytes() == before
    if rel != "nitet.yaml":
        assert not (ws / rel).exists()


def test_the_workspace_the_path_falls_in_is_protected_too(run: Runner, tmp_path: Path) -> None:
    """An output aimed at another workspace's records (not the one of -C) is refused as well."""
    from nitet.domain.initialize import create_workspace

    other = tmp_path / "other"
    create_workspace(other, office="", supervisor="")
    r = run("export", "csv", "schools", "-o", str(other / "records" / "x.csv"))
    assert r.exit_code == 2 and "records/" in r.stderr
    assert not (other / "records" / "x.csv").exists()


def test_a_relative_output_is_relative_to_where_the_command_started(run: Runner, ws: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert run("report", "visits", "--fy", "2569", "-o", "v.md").exit_code == 0
    assert run("export", "csv", "schools", "-o", "s.csv").exit_code == 0
    assert run("export", "xlsx", "schools").exit_code == 0  # default name, also here
    assert run("import", "template", "visits", "-o", "t.xlsx").exit_code == 0
    assert sorted(p.name for p in here.iterdir()) == ["s.csv", "schools.xlsx", "t.xlsx", "v.md"]
    assert not (ws / "v.md").exists() and not (ws / "s.csv").exists()


def test_a_report_made_again_replaces_the_old_one(run: Runner, tmp_path: Path) -> None:
    out = tmp_path / "visits.md"
    out.write_text("old\n", encoding="utf-8")
    r = run("report", "visits", "--fy", "2569", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert out.read_text(encoding="utf-8") != "old\n"


def test_another_kind_of_file_needs_force(run: Runner, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    r = run("report", "visits", "--fy", "2569", "-o", str(notes))
    assert r.exit_code == 2
    assert f"มีไฟล์ {notes} อยู่แล้วและไม่ใช่ไฟล์ .md จึงไม่เขียนทับ" in r.stderr and "--force" in r.stderr
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    r = run("report", "visits", "--fy", "2569", "-o", str(notes), "--force")
    assert r.exit_code == 0, r.stderr
    assert notes.read_text(encoding="utf-8").startswith("#")


def test_a_yes_on_a_terminal_replaces_it(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nitet.cli import context

    notes = tmp_path / "notes.csv.bak"
    notes.write_text("keep\n", encoding="utf-8")
    monkeypatch.setattr(context, "interactive", lambda: True)
    r = run("export", "csv", "schools", "-o", str(notes), input="n\n")
    assert r.exit_code == 1 and "ไม่ได้แทนที่" in r.stderr
    assert notes.read_text(encoding="utf-8") == "keep\n"
    r = run("export", "csv", "schools", "-o", str(notes), input="y\n")
    assert r.exit_code == 0, r.stderr
    assert notes.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_link_named_as_the_output_is_replaced_not_followed(run: Runner, tmp_path: Path, school: Path) -> None:
    link = tmp_path / "report.md"
    link.symlink_to(school)
    assert run("report", "visits", "--fy", "2569", "-o", str(link)).exit_code == 0
    assert not link.is_symlink()
    assert school.read_text(encoding="utf-8") == SCHOOL


def test_a_folder_link_into_records_is_seen_through(run: Runner, ws: Path, tmp_path: Path) -> None:
    (tmp_path / "out").symlink_to(ws / "records")
    r = run("report", "visits", "--fy", "2569", "-o", str(tmp_path / "out" / "v.md"))
    assert r.exit_code == 2 and "records/" in r.stderr
    assert not (ws / "records" / "v.md").exists()


def test_rejects_file_aimed_at_a_record_is_refused_before_anything_is_written(run: Runner, ws: Path, school: Path,
                                                                             tmp_path: Path) -> None:
    sheet = tmp_path / "schools.csv"
    sheet.write_text("รหัสโรงเรียน,ชื่อโรงเรียน\n1063020131,โรงเรียนใหม่\n", encoding="utf-8")
    target = ws / "records" / "schools" / "x.csv"
    r = run("import", "schools", str(sheet), "--rejects", str(target))
    assert r.exit_code == 2 and "--rejects" in r.stderr
    assert not (ws / "records" / "schools" / "1063020131.yaml").exists()
    assert not target.exists()


def test_import_template_into_templates_is_refused(run: Runner, ws: Path) -> None:
    r = run("import", "template", "visits", "-o", str(ws / "templates" / "visits.xlsx"))
    assert r.exit_code == 2
    assert not (ws / "templates" / "visits.xlsx").exists()
