"""Nothing half-done, nothing lost (SPEC §4 "Writes"), tested with real processes.

* A real ``nitet import`` killed (SIGKILL, through the ``NITET_TEST_STOP_AFTER`` hook) while it
  stages files, right after it decides, and part-way through moving files in: after the next
  nitet command there are none or all of the import's records — never some — and that command
  says what it did. Under ``--commit`` the records and the commit land together.
* Temp files a killed process left are removed by the next command, which says so.
* Parallel processes: ten ``visit add --commit`` make ten records and ten commits, every one exit
  0; ten ``visit edit`` of different fields of one visit keep every field; a waiting command
  names the holder of the lock when it gives up.
* nitet's own folder ``.nitet`` is never a link out of the workspace.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nitet.storage.yamlfast import parse_fast

SCHOOL = 'code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\n'
ROWS = 60


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NITET_", "GIT_"))}
    env.update({"NITET_LANG": "th", "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "ศน.ทดสอบ",
                "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "ศน.ทดสอบ",
                "GIT_COMMITTER_EMAIL": "t@example.org"}, **extra)
    return env


def nitet(ws: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nitet", "-C", str(ws), "--no-input", *args], capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL, env=_env(**env))


def _git(ws: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=ws, check=True, capture_output=True,
                          text=True, env=_env(GIT_CONFIG_GLOBAL=str(ws.parent / "gitconfig"))).stdout


def visits(ws: Path) -> list[Path]:
    return sorted(p for p in (ws / "records" / "visits").rglob("*.yaml")) if (ws / "records/visits").is_dir() else []


def litter(ws: Path) -> list[str]:
    """Anything a write leaves behind: temp files, staging folders."""
    out = [p.relative_to(ws).as_posix() for p in ws.rglob("*.tmp") if ".git" not in p.parts]
    if (ws / ".nitet").is_dir():
        out += [p.name for p in (ws / ".nitet").iterdir() if p.name.startswith(("txn-", "import-"))]
    return out


@pytest.fixture
def sheet(ws: Path) -> Path:
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    path = ws.parent / "visits.csv"
    rows = ["วันที่นิเทศ,รหัสโรงเรียน,ผู้รับการนิเทศ,ผลการนิเทศ"] + [
        f"{(i % 28) + 1}/11/2569,1063020130,ครูคนที่ {i},ครูเตรียมการสอนดี" for i in range(ROWS)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("stop", "after"), [
    ("staged:1", 0), (f"staged:{ROWS // 2}", 0), (f"staged:{ROWS}", 0),   # before the decision: rolled back
    ("0", ROWS), ("1", ROWS), (f"{ROWS // 2}", ROWS), (f"{ROWS - 1}", ROWS),  # after it: finished
])
def test_a_killed_import_is_none_or_all_after_the_next_command(ws: Path, sheet: Path, stop: str, after: int) -> None:
    r = nitet(ws, "import", "visits", str(sheet), NITET_TEST_STOP_AFTER=stop)
    assert r.returncode == -9, r.stderr
    if not after:
        assert visits(ws) == []  # before the decision nothing is in records/
    r = nitet(ws, "visit", "list", "--json")  # any command that opens the workspace
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)) == after
    assert len(visits(ws)) == after
    said = "เขียนต่อจนครบแล้ว" if after else "ยกเลิกแล้ว ไม่มีระเบียนใดเปลี่ยน"
    assert said in r.stderr and "nitet import visits (pid" in r.stderr
    assert litter(ws) == []
    r = nitet(ws, "check")
    assert r.returncode == 0 and "ไม่พบปัญหา" in r.stderr and "ลบ" not in r.stderr, r.stderr
    r = nitet(ws, "import", "visits", str(sheet), "--json")  # and the import made again completes it
    assert r.returncode == 0 and json.loads(r.stdout)["created"] == ROWS - after
    assert len(visits(ws)) == ROWS


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("stop", ["0", f"{ROWS // 2}", f"{ROWS}"])
def test_under_commit_the_records_and_the_commit_land_together(ws: Path, sheet: Path, stop: str) -> None:
    _git(ws, "init", "-q", "-b", "main")
    _git(ws, "add", "-A")
    _git(ws, "commit", "-q", "-m", "start")
    r = nitet(ws, "import", "visits", str(sheet), "--commit", NITET_TEST_STOP_AFTER=stop,
              GIT_CONFIG_GLOBAL=str(ws.parent / "gitconfig"))
    assert r.returncode == -9, r.stderr
    r = nitet(ws, "todo", GIT_CONFIG_GLOBAL=str(ws.parent / "gitconfig"))
    assert r.returncode == 0, r.stderr
    assert "commit แล้ว: nitet: นำเข้า visits จาก visits.csv" in r.stderr
    tracked = [p for p in _git(ws, "ls-files", "records/visits").split() if p.endswith(".yaml")]
    assert len(tracked) == ROWS == len(visits(ws))
    assert _git(ws, "status", "--porcelain").strip() == ""


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_an_import_made_again_with_commit_commits_what_it_finds_unchanged(ws: Path, sheet: Path) -> None:
    """Records an earlier import left uncommitted are not "unchanged" to git: --commit commits them."""
    _git(ws, "init", "-q", "-b", "main")
    _git(ws, "add", "-A")
    _git(ws, "commit", "-q", "-m", "start")
    gitconfig = str(ws.parent / "gitconfig")
    r = nitet(ws, "import", "visits", str(sheet), "--json", GIT_CONFIG_GLOBAL=gitconfig)
    assert r.returncode == 0 and json.loads(r.stdout)["created"] == ROWS
    assert len(_git(ws, "status", "--porcelain", "--untracked-files=all").split("\n")) > ROWS
    r = nitet(ws, "import", "visits", str(sheet), "--commit", "--json", GIT_CONFIG_GLOBAL=gitconfig)
    assert r.returncode == 0 and json.loads(r.stdout)["unchanged"] == ROWS, r.stderr
    assert "commit แล้ว: nitet: นำเข้า visits จาก visits.csv" in r.stderr
    assert _git(ws, "status", "--porcelain").strip() == ""
    assert len([p for p in _git(ws, "ls-files", "records/visits").split() if p.endswith(".yaml")]) == ROWS


def test_temp_files_of_a_killed_process_are_removed_and_said(ws: Path) -> None:
    folder = ws / "records" / "visits" / "2570"
    folder.mkdir(parents=True)
    dead = folder / ".2026-11-25-1063020130-abcdef.yaml.999999.k2j4h5.tmp"  # pid 999999: gone
    dead.write_text("half a rec", encoding="utf-8")
    old = folder / ".x.yaml.q8w7e6r5.tmp"  # an older nitet's name, no pid: removed once it is a minute old
    old.write_text("half", encoding="utf-8")
    then = time.time() - 3600
    os.utime(old, (then, then))
    young = folder / ".y.yaml.a1b2c3d4.tmp"  # may belong to a running older nitet: left alone
    young.write_text("half", encoding="utf-8")
    (ws / ".nitet").mkdir(exist_ok=True)
    (ws / ".nitet" / "lock").write_text('{"pid": 999999, "command": "nitet visit edit", "since": "2026-01-10T10:00:00"}',
                                        encoding="utf-8")
    r = nitet(ws, "school", "list")
    assert r.returncode == 0
    assert "ลบไฟล์ชั่วคราวที่ค้างจากคำสั่งที่ถูกหยุดกลางคัน 2 ไฟล์" in r.stderr
    assert not dead.exists() and not old.exists() and young.exists()
    assert (ws / ".nitet" / "lock").read_text(encoding="utf-8") == ""
    r = nitet(ws, "school", "list")
    assert "ลบไฟล์ชั่วคราว" not in r.stderr


# --------------------------------------------------------------------------- parallel processes

@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_ten_parallel_visit_adds_with_commit_make_ten_commits(ws: Path) -> None:
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    _git(ws, "init", "-q", "-b", "main")
    _git(ws, "add", "-A")
    _git(ws, "commit", "-q", "-m", "start")
    env = _env(GIT_CONFIG_GLOBAL=str(ws.parent / "gitconfig"))
    procs = [subprocess.Popen([sys.executable, "-m", "nitet", "-C", str(ws), "--no-input", "visit", "add",
                               "--school", "1063020130", "--date", f"2026-11-{i + 1:02d}", "--commit", "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
                              env=env) for i in range(10)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0] * 10, [o[1] for o in outs]
    assert len(visits(ws)) == 10
    assert len([p for p in _git(ws, "ls-files", "records/visits").split() if p.endswith(".yaml")]) == 10
    assert len(_git(ws, "log", "--format=%s").splitlines()) == 11
    assert _git(ws, "status", "--porcelain").strip() == ""


def test_ten_parallel_edits_of_one_visit_keep_every_field(ws: Path) -> None:
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    r = nitet(ws, "visit", "add", "--school", "1063020130", "--date", "2026-11-25", "--json")
    vid = json.loads(r.stdout)["id"]
    edits = [("--finding", "ผลการนิเทศ"), ("--strength", "จุดเด่น"), ("--suggestion", "ข้อเสนอแนะ"),
             ("--project", "dltv"), ("--note", "หมายเหตุ"), ("--topic", "การอ่าน"), ("--improvement", "ควรพัฒนา"),
             ("--method", "coaching"), ("--supervisor", "ศน.ข"), ("--rating", "prep=4")]
    procs = [subprocess.Popen([sys.executable, "-m", "nitet", "-C", str(ws), "--no-input", "visit", "edit", vid, opt, val],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
                              env=_env()) for opt, val in edits]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0] * 10, [o[1] for o in outs]
    data = parse_fast(visits(ws)[0].read_bytes())
    assert (data["findings"], data["strengths"], data["suggestions"], data["project"], data["note"]) == (
        "ผลการนิเทศ", "จุดเด่น", "ข้อเสนอแนะ", "dltv", "หมายเหตุ")
    assert (data["topics"], data["improvements"], data["methods"], data["supervisors"], data["ratings"]) == (
        ["การอ่าน"], "ควรพัฒนา", ["coaching"], ["ศน.ข"], {"prep": 4})


def test_a_command_that_waits_too_long_names_the_holder(ws: Path) -> None:
    from nitet.storage.lock import locked
    from nitet.storage.workspace import open_workspace

    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    with locked(open_workspace(ws), "nitet import visits"):
        r = nitet(ws, "visit", "add", "--school", "1063020130", "--date", "2026-11-25", NITET_LOCK_TIMEOUT="1.5")
    assert r.returncode == 1
    assert f"พื้นที่ทำงานนี้กำลังถูกเขียนโดย nitet import visits (pid {os.getpid()})" in r.stderr
    assert re.search(r"รอแล้ว \d+ วินาที", r.stderr) and f"kill {os.getpid()}" in r.stderr
    assert visits(ws) == []


def test_a_waiting_command_goes_on_when_the_holder_is_done(ws: Path) -> None:
    from nitet.storage.lock import locked
    from nitet.storage.workspace import open_workspace

    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    with locked(open_workspace(ws), "nitet import visits"):
        proc = subprocess.Popen([sys.executable, "-m", "nitet", "-C", str(ws), "--no-input", "visit", "add",
                                 "--school", "1063020130", "--date", "2026-11-25"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
        assert proc.stderr is not None
        first = proc.stderr.readline()  # said once the wait is noticeable; the holder lets go after it
        assert first.startswith(f"กำลังรอ nitet import visits (pid {os.getpid()})"), first
        assert visits(ws) == []
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert len(visits(ws)) == 1


# --------------------------------------------------------------------------- nitet's own folder

def test_a_nitet_folder_that_is_a_link_is_refused(ws: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    (outside / "import-1-abc").mkdir(parents=True)
    shutil.rmtree(ws / ".nitet", ignore_errors=True)
    (ws / ".nitet").symlink_to(outside)
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    for args in (("check",), ("visit", "add", "--school", "1063020130", "--date", "2026-11-25")):
        r = nitet(ws, *args)
        assert r.returncode == 1, r.stderr
        assert ".nitet เป็นลิงก์สัญลักษณ์" in r.stderr and "rm .nitet" in r.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["import-1-abc"]
    assert visits(ws) == []
