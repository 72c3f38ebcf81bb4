"""The catalogue of broken records: each case gives its finding at the right file:line:col.

Each folder under tests/errors/ is one case: files laid over a fresh workspace (which has one
school, 1063020130) and ``expected.txt`` with the exact ``file:line:col: severity[check]``
lines ``nitet check`` must report — no more, no less.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import make_runner

CASES = sorted(p for p in (Path(__file__).parent / "errors").iterdir() if p.is_dir())
SCHOOL = 'code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\n'


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_catalogue(case: Path, ws: Path) -> None:
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    for src in case.rglob("*"):
        if src.is_file() and src.name != "expected.txt":
            dst = ws / src.relative_to(case)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    r = make_runner(ws)("check", "--json")
    got = sorted(f"{f['file']}:{f['line']}:{f['column']}: {f['severity']}[{f['check']}]"
                 for f in r.json()["findings"])
    expected = sorted((case / "expected.txt").read_text(encoding="utf-8").split("\n"))
    assert got == [e for e in expected if e]
    assert r.exit_code == 1
    assert not Path("/tmp/nitet-pwned").exists()


def test_text_form_has_excerpt_caret_and_hint(ws: Path) -> None:
    (ws / "records/visits/2569").mkdir(parents=True)
    (ws / "records/visits/2569/v.yaml").write_text(
        'date: 2026-13-01\nschool: "1063020130"\n', encoding="utf-8")
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    r = make_runner(ws)("check")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[0] == "records/visits/2569/v.yaml:1:7: error[invalid-date] วันที่ไม่ถูกต้อง: '2026-13-01'"
    assert lines[1] == "  1 | date: 2026-13-01"
    assert lines[2] == "    |       ^"
    assert lines[3].startswith("  แนะนำ: ")


def test_clean_workspace_is_silent_on_stdout_and_exits_0(run) -> None:
    r = run("check")
    assert r.exit_code == 0
    assert r.stdout == ""
    assert run("check", "--json").json() == {"findings": []}


def test_every_problem_of_every_file_in_one_run(ws: Path) -> None:
    for case in CASES:
        for src in case.rglob("*.yaml"):
            dst = ws / "records" / "visits" / "all" / f"{case.name}.yaml"
            if src.relative_to(case).parts[:2] == ("records", "visits"):
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)
    r = make_runner(ws)("check", "--json")
    files = {f["file"] for f in r.json()["findings"]}
    assert len(files) >= 12
