"""Shell completion: school codes with names, case/workflow/plan ids with titles; never a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nitet.cli.completion import complete_case, complete_plan, complete_school, complete_workflow
from nitet.model import Case, Plan, School
from nitet.storage import ids
from nitet.storage.workspace import open_workspace
from nitet.storage.writer import create


@pytest.fixture
def filled(ws: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    w = open_workspace(ws)
    for code, name, smis in (("1063020130", "โรงเรียนบ้านแม่ละเมา", "63020130"),
                             ("1063020131", "โรงเรียนบ้านห้วยไร่", None),
                             ("1063990001", "โรงเรียนอุ้มผางวิทยา", None)):
        data = {"code": code, "name": name, "smis": smis}
        create(w, ids.school_path(w, code), School, {k: v for k, v in data.items() if v})
    create(w, ids.case_path(w, "area-supervision", 2569, "aaa111"), Case, {
        "id": "area-supervision-2569-aaa111", "workflow": "area-supervision", "title": "นิเทศบูรณาการ ปี 2569",
        "fiscal_year": 2569, "started": "2025-10-15"})
    create(w, ids.case_path(w, "krs-report", 2569, "bbb222"), Case, {
        "id": "krs-report-2569-bbb222", "workflow": "krs-report", "title": "รายงาน KRS", "fiscal_year": 2569,
        "started": "2025-10-01", "status": "done", "finished": "2025-12-31"})
    create(w, ids.plan_path(w, "dltv-2569"), Plan, {"id": "dltv-2569", "fiscal_year": 2569,
                                                     "title": "โครงการนิเทศ DLTV"})
    monkeypatch.chdir(ws)
    return ws


def test_school_codes_complete_with_the_thai_name(filled: Path) -> None:
    assert complete_school("106302") == [("1063020130", "โรงเรียนบ้านแม่ละเมา"),
                                         ("1063020131", "โรงเรียนบ้านห้วยไร่")]
    assert complete_school("") == [("1063020130", "โรงเรียนบ้านแม่ละเมา"), ("1063020131", "โรงเรียนบ้านห้วยไร่"),
                                   ("1063990001", "โรงเรียนอุ้มผางวิทยา")]
    # typing part of the name or the SMIS code offers the school's key
    assert complete_school("ห้วยไร่") == [("1063020131", "โรงเรียนบ้านห้วยไร่")]
    assert complete_school("63020130") == [("1063020130", "โรงเรียนบ้านแม่ละเมา")]
    assert complete_school("999") == []


def test_case_workflow_and_plan_ids_complete_with_titles(filled: Path) -> None:
    assert complete_case("area") == [("area-supervision-2569-aaa111", "นิเทศบูรณาการ ปี 2569")]
    assert complete_case("krs") == [("krs-report-2569-bbb222", "รายงาน KRS (done)")]
    assert ("area-supervision",
            "การนิเทศแบบบูรณาการโดยใช้พื้นที่เป็นฐานเพื่อการพัฒนาคุณภาพการศึกษา") in complete_workflow("area")
    assert all(v.startswith("media") for v, _ in complete_workflow("media")) and len(complete_workflow("media")) == 2
    assert complete_plan("") == [("dltv-2569", "โครงการนิเทศ DLTV")]


def test_completion_never_raises_nor_prints(filled: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    (filled / "records" / "schools" / "broken.yaml").write_text("code: [\n", encoding="utf-8")
    assert len(complete_school("")) == 3  # a broken record does not stop the others
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    assert complete_school("") == [] and complete_case("x") == [] and complete_plan("") == []
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def _shell(words: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "_NITET_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    return subprocess.run([sys.executable, "-m", "nitet"], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=60)


def test_the_shell_gets_codes_and_ids_through_typers_completion(filled: Path, tmp_path: Path) -> None:
    r = _shell(f"nitet -C {filled} school show 10630201", tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["1063020130", "1063020131"]
    r = _shell("nitet flow advance kr", filled)
    assert r.stdout.split() == ["krs-report-2569-bbb222"]


def test_the_shell_completes_plan_ids_and_command_names(filled: Path) -> None:
    r = _shell("nitet plan result --plan dl", filled)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["dltv-2569"]
    assert _shell("nitet vi", filled).stdout.split() == ["visit"]
    assert _shell("nitet report ", filled).stdout.split() == ["krs", "visits", "screening"]
