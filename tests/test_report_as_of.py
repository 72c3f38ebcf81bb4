"""Reprint what was submitted: report ... --as-of REV|DATE builds the report from the records as they
were then, byte for byte; every report names the revision it was built from."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import make_runner

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

REPORTS = {
    "krs": ("report", "krs", "--fy", "2569", "--quarter", "1"),
    "visits": ("report", "visits", "--fy", "2569", "--quarter", "1"),
    "screening": ("report", "screening", "--academic-year", "2568"),
}


def git(root: Path, *args: str, day: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if day:
        env |= {"GIT_AUTHOR_DATE": f"{day}T10:00:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00"}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout.strip()


def commit(root: Path, day: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"records of {day}", day=day)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def history(demo_ws: Path) -> tuple[Path, list[str], dict[str, list[str]]]:
    """A repository with three commits; after each, the three reports as they were made then."""
    run = make_runner(demo_ws)
    git(demo_ws, "init", "-q", "-b", "main")
    revs: list[str] = []
    made: dict[str, list[str]] = {k: [] for k in REPORTS}

    def snapshot(day: str) -> None:
        revs.append(commit(demo_ws, day))
        for name, args in REPORTS.items():
            r = run(*args, "--date", "2026-04-01")
            assert r.exit_code == 0, r.stderr
            made[name].append(r.stdout)
        # the Excel KRS as submitted then, kept outside the workspace
        xlsx = demo_ws.parent / f"submitted-{len(revs)}.xlsx"
        assert run(*REPORTS["krs"], "--date", "2026-04-01", "-o", str(xlsx)).exit_code == 0

    snapshot("2026-01-05")
    r = run("visit", "add", "--school", "1063350508", "--date", "2025-12-20", "--project", "dltv", "--no-commit")
    assert r.exit_code == 0, r.stderr
    snapshot("2026-02-05")
    r = run("plan", "result", "--plan", "dltv-2569", "--quarter", "1", "--spent", "15000",
            "--problems", "ฝนตกหนัก ถนนขาด")
    assert r.exit_code == 0, r.stderr
    (demo_ws / "records/screenings/2568/1063350203-2568-2-p1.yaml").unlink()
    snapshot("2026-03-05")
    return demo_ws, revs, made


def test_three_commits_reproduce_each_earlier_report_byte_for_byte(history) -> None:
    root, revs, made = history
    run = make_runner(root)
    for name, args in REPORTS.items():
        assert len(set(made[name])) == 3, name  # each commit changed what the report says
        for n, rev in enumerate(revs):
            for as_of in (rev, rev[:7]):
                r = run(*args, "--date", "2026-04-01", "--as-of", as_of)
                assert r.exit_code == 0, r.stderr
                assert r.stdout == made[name][n], (name, n)
            assert f"ข้อมูล: ฉบับ {rev[:7]}\n" in made[name][n]
    by_date = run(*REPORTS["krs"], "--date", "2026-04-01", "--as-of", "15/2/2569")  # the last commit on or before
    assert by_date.stdout == made["krs"][1]
    assert "รายงานจากระเบียนตามที่เป็นใน commit" in by_date.stderr
    assert run(*REPORTS["krs"], "--date", "2026-04-01", "--as-of", "HEAD~2").stdout == made["krs"][0]
    # without --date the report is dated as the commit it was built from
    assert "\nวันที่ ๕ มกราคม ๒๕๖๙\n" in run(*REPORTS["krs"], "--as-of", revs[0]).stdout


def test_the_excel_krs_of_each_commit_is_reproduced_byte_for_byte(history, tmp_path: Path) -> None:
    root, revs, _ = history
    run = make_runner(root)
    submitted = [(root.parent / f"submitted-{n}.xlsx").read_bytes() for n in (1, 2, 3)]
    assert len(set(submitted)) == 3
    for n, rev in enumerate(revs):
        again = tmp_path / f"again-{n}.xlsx"
        r = run(*REPORTS["krs"], "--date", "2026-04-01", "--as-of", rev[:7], "-o", str(again))
        assert r.exit_code == 0, r.stderr
        assert again.read_bytes() == submitted[n], n
    # nothing in the file is dated by the clock: every part and the document itself carry the report's day
    with zipfile.ZipFile(again) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 4, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2026-04-01T00:00:00Z") == 2, core


def test_as_of_changes_nothing_and_reads_that_revisions_settings_and_templates(history) -> None:
    root, revs, made = history
    before = git(root, "status", "--porcelain")
    templates = root / "templates/krs.md.j2"
    original = templates.read_text(encoding="utf-8")
    templates.write_text(original.replace("## สรุปผลการใช้งบประมาณ", "## งบประมาณทั้งหมด"), encoding="utf-8")
    r = make_runner(root)(*REPORTS["krs"], "--date", "2026-04-01", "--as-of", revs[2])
    assert r.stdout == made["krs"][2]  # the template of that revision, not the one edited since
    templates.write_text(original, encoding="utf-8")
    assert git(root, "status", "--porcelain") == before


def test_the_footer_says_when_the_records_are_not_committed(history) -> None:
    root, revs, _ = history
    run = make_runner(root)
    assert f"ข้อมูล: ฉบับ {revs[2][:7]}\n" in run(*REPORTS["visits"]).stdout
    r = run("visit", "add", "--school", "1063350101", "--date", "2026-03-20", "--no-commit")
    assert r.exit_code == 0, r.stderr
    out = run(*REPORTS["visits"]).stdout
    assert f"ข้อมูล: ฉบับ {revs[2][:7]} และมีการแก้ไขที่ยังไม่ commit\n" in out


def test_a_report_outside_git_names_no_revision(demo_ws: Path) -> None:
    out = make_runner(demo_ws)(*REPORTS["krs"]).stdout
    assert "ข้อมูล: ฉบับ" not in out
    r = make_runner(demo_ws)(*REPORTS["krs"], "--as-of", "HEAD")
    assert r.exit_code == 2 and "--as-of ต้องใช้คลัง git" in r.stderr


def test_a_workspace_the_repository_around_it_ignores_names_no_revision(demo_ws: Path) -> None:
    """A workspace inside some other project's repository that ignores it (as nitet's own bench
    workspace): that repository's commits hold none of its records, so no revision is named."""
    outer = demo_ws.parent
    (outer / ".gitignore").write_text(f"/{demo_ws.name}/\n", encoding="utf-8")
    git(outer, "init", "-q", "-b", "main")
    commit(outer, "2026-01-05")
    out = make_runner(demo_ws)(*REPORTS["krs"]).stdout
    assert "ข้อมูล: ฉบับ" not in out


def test_a_revision_or_date_that_names_nothing_is_a_usage_error(history) -> None:
    root, _, _ = history
    run = make_runner(root)
    r = run(*REPORTS["krs"], "--as-of", "ไม่มีฉบับนี้")
    assert r.exit_code == 2 and "ไม่รู้จักฉบับ 'ไม่มีฉบับนี้'" in r.stderr
    r = run(*REPORTS["krs"], "--as-of", "1/1/2568")
    assert r.exit_code == 2 and "ไม่มี commit ใดในหรือก่อนวันที่ 2025-01-01" in r.stderr
    r = run(*REPORTS["krs"], "--as-of", "HEAD", "--workspace", str(root))
    assert r.exit_code == 2 and "--as-of ใช้ร่วมกับ --workspace ไม่ได้" in r.stderr


def test_excel_names_the_revision_too(history, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root, revs, _ = history
    out = tmp_path / "krs.xlsx"
    assert make_runner(root)(*REPORTS["krs"], "--as-of", revs[0], "-o", str(out)).exit_code == 0
    wb = load_workbook(out)
    texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    # under the signature block of the last table; the hash keeps git's digits in a Thai-digit document
    assert f"ข้อมูล: ฉบับ {revs[0][:7]}" in texts
