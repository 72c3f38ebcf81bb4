"""Text is shown, never obeyed (#13 item 6), and one visit recorded twice is flagged (item 7).

A school name imported with ``ESC ] 0;…`` retitled the terminal when ``school list`` and ``todo``
printed it. Control characters (C0 but tab and line feed, DEL, C1, bidi overrides and isolates)
are stripped wherever nitet shows text; ``check`` warns ``control-character`` at the value;
``fmt`` removes them.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import Runner
from nitet.core.controls import controls_in, strip_controls
from nitet.storage.yamlfast import parse_fast

EVIL = "\x1b]0;pwned\x07โรงเรียน\u202eบ้านทดสอบ\x9b31m"
# as nitet's writer puts it in a file: escapes inside a double-quoted value
SCHOOL = 'code: "1063020130"\nname: "\\e]0;pwned\\aโรงเรียน\\u202Eบ้านทดสอบ\\x9B31m"\ndistrict: แม่สอด\n'
ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def evil(ws: Path) -> Path:
    p = ws / "records" / "schools" / "1063020130.yaml"
    p.write_text(SCHOOL, encoding="utf-8")
    assert parse_fast(p.read_bytes())["name"] == EVIL
    return p


def test_the_characters() -> None:
    assert strip_controls(EVIL) == "]0;pwnedโรงเรียนบ้านทดสอบ31m"
    assert strip_controls("ก\tข\nค") == "ก\tข\nค"  # tab and line feed stay
    assert controls_in(EVIL) == ["ESC (U+001B)", "BEL (U+0007)", "RLO (U+202E)", "CSI (U+009B)"]


@pytest.mark.parametrize("args", [("school", "list"), ("school", "show", "1063020130"), ("todo",),
                                  ("school", "unvisited"), ("visit", "list")])
def test_record_text_is_shown_without_its_controls(run: Runner, evil: Path, args: tuple[str, ...]) -> None:
    day = (date.today() - timedelta(days=3)).isoformat()
    assert run("visit", "add", "--school", "1063020130", "--date", day, "--suggestion", "อ่าน\x1b[2Jออก").exit_code == 0
    r = run(*args)
    assert r.exit_code == 0, r.stderr
    assert not ANY.search(r.stdout) and not ANY.search(r.stderr), repr(r.stdout + r.stderr)
    if args[0] == "school" and args[1] in ("list", "show"):
        assert "ทดสอบ" in r.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_commit_message_never_carries_them(run: Runner, ws: Path, evil: Path, monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    from test_gitops import git, repo

    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "ศน.ทดสอบ")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "test@example.org")
    repo(ws)
    assert run("visit", "add", "--school", "1063020130", "--date", "2026-11-25", "--commit").exit_code == 0
    subject = git(ws, "log", "-1", "--format=%s").strip()
    assert "โรงเรียนบ้านทดสอบ" in subject and not ANY.search(subject), repr(subject)


def test_json_keeps_the_text_exactly(run: Runner, evil: Path) -> None:
    assert run("school", "list", "--json").json()[0]["name"] == EVIL  # data for scripts, escaped by JSON


def test_check_warns_at_the_value_and_fmt_removes_them(run: Runner, evil: Path) -> None:
    r = run("check")
    assert r.exit_code == 0  # a warning
    [line] = [x for x in r.stdout.splitlines() if "control-character" in x]
    assert line.startswith("records/schools/1063020130.yaml:2:7: warning[control-character]")
    assert "ESC (U+001B), BEL (U+0007), RLO (U+202E), CSI (U+009B)" in line
    assert not ANY.search(r.stdout)
    r = run("fmt", "--check")
    assert r.exit_code == 1 and "records/schools/1063020130.yaml" in r.stdout
    assert run("fmt").exit_code == 0
    assert parse_fast(evil.read_bytes())["name"] == "]0;pwnedโรงเรียนบ้านทดสอบ31m"
    assert "control-character" not in run("check").stdout
    assert run("fmt", "--check").exit_code == 0


# --------------------------------------------------------------------------- the same visit twice

VISIT = """id: {id}
date: 2026-11-25
school: '1063020130'
supervisees:
  - name: {name}
    subject: คณิตศาสตร์
    grade: ป.4
"""


def test_check_flags_one_visit_recorded_twice_however_it_arrived(run: Runner, ws: Path) -> None:
    (ws / "records/schools/1063020130.yaml").write_text('code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\n',
                                                        encoding="utf-8")
    folder = ws / "records/visits/2570"
    folder.mkdir(parents=True)
    # one typed, one from a colleague's clone merged by git: same teacher written a little differently
    for vid, name in (("2026-11-25-1063020130-aaaaaa", "ครูสมศรี ใจดี"), ("2026-11-25-1063020130-bbbbbb", "ครูสมศรี  ใจดี"),
                      ("2026-11-25-1063020130-cccccc", "ครูมานะ")):
        (folder / f"{vid}.yaml").write_text(VISIT.format(id=vid, name=name), encoding="utf-8")
    r = run("check")
    assert r.exit_code == 0
    lines = [x for x in r.stdout.splitlines() if "duplicate-visit" in x]
    assert [x.split(":")[0] for x in lines] == ["records/visits/2570/2026-11-25-1063020130-aaaaaa.yaml",
                                                "records/visits/2570/2026-11-25-1063020130-bbbbbb.yaml"]
    assert lines[0].endswith("records/visits/2570/2026-11-25-1063020130-bbbbbb.yaml")
    assert ":5:" in lines[0]  # at the teacher


# --------------------------------------------------------------------------- evidence already stored

def test_check_reports_evidence_outside_the_workspace_or_through_a_link(run: Runner, ws: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("x", encoding="utf-8")
    (ws / "evidence").mkdir()
    (ws / "evidence" / "link.txt").symlink_to(outside)
    (ws / "evidence" / "ok.txt").write_text("x", encoding="utf-8")
    (ws / "records/schools/1063020130.yaml").write_text('code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\n',
                                                        encoding="utf-8")
    v = ws / "records/visits/2570/2026-11-25-1063020130-aaaaaa.yaml"
    v.parent.mkdir(parents=True)
    v.write_text("id: 2026-11-25-1063020130-aaaaaa\ndate: 2026-11-25\nschool: '1063020130'\nevidence:\n"
                 f"  - ../../../../etc/passwd\n  - evidence/link.txt\n  - {ws}/evidence/ok.txt\n  - evidence/ok.txt\n",
                 encoding="utf-8")
    r = run("check")
    assert r.exit_code == 1
    found = [x for x in r.stdout.splitlines() if "evidence-outside" in x]
    assert [x.split(": ")[1].split(" ")[0] for x in found] == [
        "error[evidence-outside]", "error[evidence-outside]", "warning[evidence-outside]"]
    assert "../../../../etc/passwd อยู่นอกพื้นที่ทำงาน" in found[0]
    assert "ผ่านลิงก์สัญลักษณ์ evidence/link.txt" in found[1]
    assert "เป็นที่อยู่เต็ม" in found[2]


@pytest.mark.parametrize("path", ["../../../../etc/passwd", "/etc/passwd", "evidence/link.txt", ".git/config"])
def test_evidence_outside_or_through_a_link_is_refused_everywhere(run: Runner, ws: Path, tmp_path: Path,
                                                                  path: str) -> None:
    (ws / "evidence").mkdir()
    (ws / "evidence" / "link.txt").symlink_to("/etc/passwd")
    (ws / ".git").mkdir(exist_ok=True)
    (ws / ".git" / "config").write_text("", encoding="utf-8")
    (ws / "records/schools/1063020130.yaml").write_text('code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\n',
                                                        encoding="utf-8")
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-25", "--evidence", path)
    assert r.exit_code == 1 and "ไม่รับไฟล์หลักฐาน" in r.stderr
    assert not list((ws / "records").rglob("2026-11-25-*.yaml"))
    r = run("visit", "add", "--school", "1063020130", "--date", "2026-11-25", "--json")
    vid = r.json()["id"]
    r = run("visit", "edit", vid, "--evidence", path)
    assert r.exit_code == 1 and "ไม่รับไฟล์หลักฐาน" in r.stderr
    cid = run("flow", "start", "area-supervision", "--title", "งาน", "--date", "2025-10-15").stdout.strip()
    r = run("flow", "advance", cid, "--evidence", path, "--date", "2025-10-20")
    assert r.exit_code == 1 and "ไม่รับไฟล์หลักฐาน" in r.stderr
